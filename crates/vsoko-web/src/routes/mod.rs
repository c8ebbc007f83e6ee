//! Page routes, one module per area, merged here.

pub mod account;
pub mod home;
pub mod session;

use crate::state::AppState;
use axum::Router;
use axum::routing::get;

/// All page routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .merge(session::router())
        .merge(home::router())
        .merge(account::router())
}

/// Liveness probe: answers without touching the database.
async fn healthz() -> &'static str {
    "ok"
}
