//! School structure pages for the administration (`Permission::ManageStructure`): academic
//! years and their periods, classes with class teachers, the subject catalogue and the
//! teaching load. Every read and write is scoped to the viewer's school by the store query.

pub mod assignments;
pub mod classes;
pub mod subjects;
pub mod years;

use crate::auth::{require, school_of};
use crate::error::AppError;
use crate::state::AppState;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use uuid::Uuid;
use vsoko_domain::roles::Permission;
use vsoko_store::Viewer;

/// Routes of the structure area.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(years::router())
        .merge(classes::router())
        .merge(subjects::router())
        .merge(assignments::router())
}

/// The school a structure manager acts on; 403 for any other role.
fn managed_school(v: &Viewer) -> Result<Uuid, AppError> {
    require(v, Permission::ManageStructure)?;
    school_of(v)
}

/// A re-rendered form with its field errors.
fn unprocessable(page: impl IntoResponse) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}

/// An optional id from a select (empty or malformed → none).
fn opt_id(value: Option<&str>) -> Option<Uuid> {
    value.and_then(|s| Uuid::parse_str(s.trim()).ok())
}
