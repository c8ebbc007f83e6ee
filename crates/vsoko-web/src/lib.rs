//! vsoko web: the axum router, authentication and sessions, server-rendered pages (askama,
//! htmx), the JSON API under `/api/v1` with its OpenAPI document, and security headers.

pub mod api;
pub mod assets;
pub mod auth;
pub mod cache;
pub mod chart_data;
pub mod error;
pub mod forms;
pub mod page;
pub mod routes;
pub mod state;

pub use error::AppError;
pub use state::{AppState, Config};

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use tower_http::csrf::CsrfLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// Largest accepted request body (roster files included).
pub const MAX_BODY: usize = 16 * 1024 * 1024;

/// The whole application: pages, API, assets, with security layers.
pub fn router(state: AppState) -> Router {
    let csp = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    Router::new()
        .merge(routes::router())
        .merge(api::router())
        .merge(assets::router())
        .with_state(state)
        .layer(CsrfLayer::new())
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(csp),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
        ))
}

/// Serves the application on an address until the process is stopped.
pub async fn serve(state: AppState, listen: &str) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(listen).await?;
    tracing::info!("vsoko listening on http://{}", listener.local_addr()?);
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .await?;
    Ok(())
}
