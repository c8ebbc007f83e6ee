//! One error type for pages: an HTML error page with the right status. API handlers wrap it
//! in [`crate::api::ApiError`] for a JSON problem body.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use vsoko_i18n::Tr;
use vsoko_store::StoreError;

/// What can go wrong in a handler.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Absent, or outside the viewer's scope (never revealed as forbidden).
    #[error("not found")]
    NotFound,
    /// The role does not allow the action.
    #[error("forbidden")]
    Forbidden,
    /// Malformed request.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// Store failure.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Anything else.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    /// HTTP status of the error.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound | AppError::Store(StoreError::NotFound) => StatusCode::NOT_FOUND,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::BadRequest(_) | AppError::Store(StoreError::Invalid { .. }) => StatusCode::BAD_REQUEST,
            AppError::Store(StoreError::Conflict { .. }) => StatusCode::CONFLICT,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    tr: Tr,
    title: String,
    message: String,
    status: u16,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status == StatusCode::INTERNAL_SERVER_ERROR {
            tracing::error!(error = %self, "request failed");
        }
        let tr = Tr::default();
        let (title, message) = match status {
            StatusCode::NOT_FOUND => (tr.t("error-not-found-title"), tr.t("error-not-found")),
            StatusCode::FORBIDDEN => (tr.t("error-forbidden-title"), tr.t("error-forbidden")),
            StatusCode::BAD_REQUEST => (tr.t("error-bad-request-title"), self.to_string()),
            StatusCode::CONFLICT => (tr.t("error-conflict-title"), self.to_string()),
            _ => (tr.t("error-internal-title"), tr.t("error-internal")),
        };
        let page = ErrorPage {
            tr,
            title,
            message,
            status: status.as_u16(),
        };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => status.into_response(),
        }
    }
}

/// Result alias for handlers.
pub type AppResult<T> = Result<T, AppError>;
