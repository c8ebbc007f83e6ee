//! Page routes, one module per area, merged here.

pub mod account;
pub mod accounts;
pub mod analysis;
pub mod assessments;
pub mod codifiers;
pub mod control;
pub mod control_works;
pub mod conversions;
pub mod diary;
pub mod download;
pub mod home;
pub mod import;
pub mod journal;
pub mod marks_import;
pub mod people;
pub mod policy;
pub mod results;
pub mod schedule;
pub mod schools;
pub mod session;
pub mod structure;
pub mod summary;
pub mod upload;
pub mod value_added;

use crate::state::AppState;
use axum::Router;
use axum::routing::get;

/// All page routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .merge(session::router())
        .merge(home::router())
        .merge(schools::router())
        .merge(account::router())
        .merge(structure::router())
        .merge(accounts::router())
        .merge(people::router())
        .merge(import::router())
        .merge(diary::router())
        .merge(journal::router())
        .merge(control::router())
        .merge(policy::router())
        .merge(summary::router())
        .merge(results::router())
        .merge(analysis::router())
        .merge(assessments::router())
        .merge(value_added::router())
        .merge(marks_import::router())
        .merge(schedule::router())
        .merge(control_works::router())
        .merge(conversions::router())
        .merge(codifiers::router())
}

/// Liveness probe: answers without touching the database.
async fn healthz() -> &'static str {
    "ok"
}
