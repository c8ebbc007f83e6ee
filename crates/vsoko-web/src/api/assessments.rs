//! `/api/v1/assessments`: assessment procedures (ВПР, ОГЭ, ЕГЭ, monitoring, control works)
//! with their tasks and the per-pupil results task by task, within the viewer's scope: the
//! administration sees every result of the school, a teacher the results of the classes
//! they teach or lead, a pupil their own, a parent their children's. A procedure with no
//! result in scope is 404 for everyone but the administration.

use super::{ApiPath, ApiQuery, ApiResult};
use crate::auth::{Auth, school_of};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use vsoko_store::assessment::read::{self, AssessmentResult, Procedure, Task};

/// Which procedures to list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProcedureQuery {
    /// Only procedures of this calendar year.
    #[serde(default)]
    pub year: Option<i64>,
}

/// A procedure with its tasks.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProcedureDetail {
    /// The procedure.
    pub procedure: Procedure,
    /// Its tasks in order, with level and checked skills.
    pub tasks: Vec<Task>,
}

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/assessments", get(index))
        .route("/api/v1/assessments/{id}", get(show))
        .route("/api/v1/assessments/{id}/results", get(results))
}

/// Assessment procedures.
///
/// Procedures the viewer may see (every procedure of the school for the administration,
/// those with at least one result in scope for others), newest year first; `results` is the
/// number of results the viewer may see.
#[utoipa::path(
    get,
    path = "/api/v1/assessments",
    operation_id = "assessments_index",
    tag = "assessments",
    params(ProcedureQuery),
    responses(
        (status = 200, description = "Procedures.", body = Vec<Procedure>),
        (status = 403, description = "Not a school role.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn index(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiQuery(query): ApiQuery<ProcedureQuery>,
) -> ApiResult<Json<Vec<Procedure>>> {
    school_of(&v)?;
    Ok(Json(read::procedures(&state.db, &v, query.year).await?))
}

/// One procedure with its tasks.
///
/// The procedure and its tasks (code, maximum, level Б/П/В, checked skills) if visible;
/// 404 otherwise.
#[utoipa::path(
    get,
    path = "/api/v1/assessments/{id}",
    operation_id = "assessments_show",
    tag = "assessments",
    params(("id" = Uuid, Path, description = "Procedure id")),
    responses(
        (status = 200, description = "The procedure.", body = ProcedureDetail),
        (status = 404, description = "No such procedure in scope.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<ProcedureDetail>> {
    school_of(&v)?;
    let procedure = read::procedure(&state.db, &v, id).await?.ok_or(AppError::NotFound)?;
    let tasks = read::tasks_for(&state.db, &v, &procedure).await?;
    Ok(Json(ProcedureDetail { procedure, tasks }))
}

/// Results of a procedure.
///
/// The results the viewer may see, by class and participant code: primary score, the mark
/// (or test score) computed from the conversion table, the journal mark, and the score of
/// each task in task order (`null` = not done, which is not 0). 404 when the procedure is
/// not visible.
#[utoipa::path(
    get,
    path = "/api/v1/assessments/{id}/results",
    operation_id = "assessments_results",
    tag = "assessments",
    params(("id" = Uuid, Path, description = "Procedure id")),
    responses(
        (status = 200, description = "Results in scope.", body = Vec<AssessmentResult>),
        (status = 404, description = "No such procedure in scope.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn results(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Vec<AssessmentResult>>> {
    school_of(&v)?;
    read::procedure(&state.db, &v, id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(read::results(&state.db, &v, id).await?))
}
