//! `GET /api/v1/schools`: counts per school for the roles that see aggregates; no pupil rows.

use super::ApiResult;
use crate::auth::{Auth, require};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use vsoko_domain::roles::Permission;
use vsoko_store::org::{self, SchoolAggregate};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/schools", get(index))
}

/// Counts per school in the viewer's scope.
///
/// Aggregates (classes this year, pupils enrolled, active staff) of every school of the
/// municipality or region for municipal and regional specialists, of the own school for the
/// director and deputy; no pupil-level data. Other roles get 403.
#[utoipa::path(
    get,
    path = "/api/v1/schools",
    operation_id = "schools_index",
    tag = "schools",
    responses(
        (status = 200, description = "Schools in scope with their counts.", body = Vec<SchoolAggregate>),
        (status = 403, description = "The role does not see aggregates.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn index(State(state): State<AppState>, Auth(v): Auth) -> ApiResult<Json<Vec<SchoolAggregate>>> {
    require(&v, Permission::ViewAggregates)?;
    // The closure table holds each unit as its own descendant, so a school id scopes to itself.
    let unit = v.org_id.or(v.school_id).ok_or(AppError::Forbidden)?;
    Ok(Json(org::school_aggregates(&state.db, unit).await?))
}
