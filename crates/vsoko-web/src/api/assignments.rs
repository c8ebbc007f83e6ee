//! `/api/v1/assignments`: teaching assignments of a year. The administration (and ШМО heads)
//! read all; a teacher reads their own with `?mine=true`; editing needs ManageStructure.

use super::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, problem, problem::empty_as_none};
use crate::auth::{Auth, require, school_of};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{delete as delete_route, get};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use vsoko_domain::roles::Permission;
use vsoko_store::people::staff;
use vsoko_store::structure::assignments::{self, Assignment, AssignmentInput};
use vsoko_store::structure::{classes, subjects, years};
use vsoko_store::{Actor, Db};

/// Which assignments to list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AssignmentQuery {
    /// Only this teacher's.
    #[serde(default, deserialize_with = "empty_as_none")]
    #[param(value_type = Option<Uuid>)]
    pub staff_id: Option<Uuid>,
    /// Only this class's.
    #[serde(default, deserialize_with = "empty_as_none")]
    #[param(value_type = Option<Uuid>)]
    pub class_id: Option<Uuid>,
    /// The viewer's own teaching load (any staff role); the filters above are then ignored.
    #[serde(default)]
    pub mine: bool,
    /// Academic year id (default: the current year).
    #[serde(default, deserialize_with = "empty_as_none")]
    #[param(value_type = Option<Uuid>)]
    pub year: Option<Uuid>,
}

/// A new assignment.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct AssignmentBody {
    /// Teacher (staff id).
    pub staff_id: Option<Uuid>,
    /// Class; the assignment belongs to the class's year.
    pub class_id: Option<Uuid>,
    /// Subject.
    pub subject_id: Option<Uuid>,
    /// Subgroup label, empty for the whole class.
    pub subgroup: String,
    /// Hours per week, e.g. 2 or 0.5 (0.01–40).
    pub hours: f64,
}

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/assignments", get(index).post(create))
        .route("/api/v1/assignments/{id}", delete_route(delete))
}

async fn year_or_current(db: &Db, school: Uuid, year: Option<Uuid>) -> ApiResult<Option<Uuid>> {
    Ok(match year {
        Some(y) => Some(y),
        None => years::current(db, school).await?.map(|y| y.id),
    })
}

/// Teaching assignments.
///
/// Assignments of a year (default: the current one), optionally of one teacher or class;
/// needs ViewSchoolRoster. With `mine=true`, the viewer's own teaching load instead, for
/// any school role.
#[utoipa::path(
    get,
    path = "/api/v1/assignments",
    operation_id = "assignments_index",
    tag = "structure",
    params(AssignmentQuery),
    responses(
        (status = 200, description = "Assignments by class and subject.", body = Vec<Assignment>),
        (status = 403, description = "The role does not see the school roster (use `mine=true`).", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn index(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiQuery(query): ApiQuery<AssignmentQuery>,
) -> ApiResult<Json<Vec<Assignment>>> {
    let school = school_of(&v)?;
    if !query.mine {
        require(&v, Permission::ViewSchoolRoster)?;
    }
    let Some(year) = year_or_current(&state.db, school, query.year).await? else {
        return Ok(Json(Vec::new()));
    };
    Ok(Json(if query.mine {
        assignments::mine(&state.db, &v, year).await?
    } else {
        assignments::list(&state.db, school, year, query.staff_id, query.class_id).await?
    }))
}

/// Assign a teacher.
///
/// Assigns a teacher to a class (or a subgroup) and subject with weekly hours, in the
/// class's year. The same teacher, class, subject and subgroup again only updates the hours.
/// Needs ManageStructure.
#[utoipa::path(
    post,
    path = "/api/v1/assignments",
    operation_id = "assignments_create",
    tag = "structure",
    request_body = AssignmentBody,
    responses(
        (status = 201, description = "The assignment.", body = Assignment),
        (status = 403, description = "The role may not edit the structure.", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid (`errors` names it).", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiJson(body): ApiJson<AssignmentBody>,
) -> ApiResult<Response> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    let db = &state.db;
    let staff_id = body.staff_id.ok_or_else(|| ApiError::invalid("staff_id", "required"))?;
    if staff::get(db, school, staff_id).await?.is_none() {
        return Err(ApiError::invalid("staff_id", "no such staff member"));
    }
    let class_id = body.class_id.ok_or_else(|| ApiError::invalid("class_id", "required"))?;
    let class = classes::get_visible(db, &v, class_id)
        .await?
        .ok_or_else(|| ApiError::invalid("class_id", "no such class"))?;
    let subject_id = body
        .subject_id
        .ok_or_else(|| ApiError::invalid("subject_id", "required"))?;
    if subjects::get(db, school, subject_id).await?.is_none() {
        return Err(ApiError::invalid("subject_id", "no such subject"));
    }
    if !body.hours.is_finite() || !(0.0..=40.0).contains(&body.hours) {
        return Err(ApiError::invalid("hours", "hours per week must be between 0.01 and 40"));
    }
    let input = AssignmentInput {
        staff_id,
        class_id,
        subject_id,
        subgroup: body.subgroup.trim().to_string(),
        hours_x100: (body.hours * 100.0).round() as i64,
    };
    let actor = Actor::user(v.user_id, &v.login);
    let year = class.year_id;
    let (id, _) = state
        .db
        .write(move |tx| Box::pin(async move { assignments::create(tx, &actor, school, year, &input).await }))
        .await?;
    let made = assignments::list(db, school, year, Some(staff_id), Some(class_id))
        .await?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or(AppError::NotFound)?;
    Ok(problem::created(
        format!("/api/v1/assignments?staff_id={staff_id}&class_id={class_id}"),
        made,
    ))
}

/// Remove an assignment.
///
/// Removes an assignment of the viewer's school; the audit log keeps what it was. Needs
/// ManageStructure.
#[utoipa::path(
    delete,
    path = "/api/v1/assignments/{id}",
    operation_id = "assignments_delete",
    tag = "structure",
    params(("id" = Uuid, Path, description = "Assignment id.")),
    responses(
        (status = 204, description = "Removed."),
        (status = 403, description = "The role may not edit the structure.", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assignment in the school.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn delete(State(state): State<AppState>, Auth(v): Auth, ApiPath(id): ApiPath<Uuid>) -> ApiResult<StatusCode> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    let actor = Actor::user(v.user_id, &v.login);
    state
        .db
        .write(move |tx| Box::pin(async move { assignments::delete(tx, &actor, school, id).await }))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
