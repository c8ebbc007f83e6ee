//! `/api/v1/staff`: the school's staff; reading needs ViewSchoolRoster, editing
//! ManageStructure.

use super::{ApiJson, ApiPath, ApiQuery, ApiResult, problem::created};
use crate::auth::{Auth, require, school_of};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use vsoko_domain::roles::Permission;
use vsoko_store::Actor;
use vsoko_store::people::staff::{self, Staff, StaffInput};

/// Search parameters.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StaffQuery {
    /// Part of the name, code or post.
    #[serde(default)]
    pub q: String,
}

/// A staff member as sent by a client.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct StaffBody {
    /// School-unique code.
    pub code: String,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество (may be empty).
    pub middle_name: String,
    /// Должность.
    pub post: String,
    /// E-mail.
    pub email: String,
    /// Phone.
    pub phone: String,
}

impl From<StaffBody> for StaffInput {
    fn from(b: StaffBody) -> Self {
        StaffInput {
            code: b.code,
            last_name: b.last_name,
            first_name: b.first_name,
            middle_name: b.middle_name,
            post: b.post,
            email: b.email,
            phone: b.phone,
        }
    }
}

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/staff", get(index).post(create))
        .route("/api/v1/staff/{id}", get(show).put(update))
}

/// The school's staff.
///
/// Staff whose name, code or post contains `q`, by name. Needs ViewSchoolRoster.
#[utoipa::path(
    get,
    path = "/api/v1/staff",
    operation_id = "staff_index",
    tag = "people",
    params(StaffQuery),
    responses(
        (status = 200, description = "Staff (at most 200).", body = Vec<Staff>),
        (status = 403, description = "The role does not see the school roster.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn index(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiQuery(query): ApiQuery<StaffQuery>,
) -> ApiResult<Json<Vec<Staff>>> {
    require(&v, Permission::ViewSchoolRoster)?;
    let school = school_of(&v)?;
    Ok(Json(staff::list(&state.db, school, &query.q).await?))
}

/// One staff member.
///
/// A staff member of the viewer's school. Needs ViewSchoolRoster; 404 for other schools.
#[utoipa::path(
    get,
    path = "/api/v1/staff/{id}",
    operation_id = "staff_show",
    tag = "people",
    params(("id" = Uuid, Path, description = "Staff id.")),
    responses(
        (status = 200, description = "The staff member.", body = Staff),
        (status = 403, description = "The role does not see the school roster.", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such staff member in the school.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn show(State(state): State<AppState>, Auth(v): Auth, ApiPath(id): ApiPath<Uuid>) -> ApiResult<Json<Staff>> {
    require(&v, Permission::ViewSchoolRoster)?;
    let school = school_of(&v)?;
    Ok(Json(
        staff::get(&state.db, school, id).await?.ok_or(AppError::NotFound)?,
    ))
}

/// Add a staff member.
///
/// Adds a staff member; code, last name, first name and post are required. Needs
/// ManageStructure.
#[utoipa::path(
    post,
    path = "/api/v1/staff",
    operation_id = "staff_create",
    tag = "people",
    request_body = StaffBody,
    responses(
        (status = 201, description = "Created; `Location` names it.", body = Staff),
        (status = 403, description = "The role may not edit the structure.", body = super::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code is taken.", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid (`errors` names it).", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiJson(body): ApiJson<StaffBody>,
) -> ApiResult<Response> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    let actor = Actor::user(v.user_id, &v.login);
    let input = StaffInput::from(body);
    let id = state
        .db
        .write(move |tx| Box::pin(async move { staff::create(tx, &actor, school, &input).await }))
        .await?;
    let member = staff::get(&state.db, school, id).await?.ok_or(AppError::NotFound)?;
    Ok(created(format!("/api/v1/staff/{id}"), member))
}

/// Edit a staff member.
///
/// Replaces the fields of a staff member of the viewer's school. Needs ManageStructure.
#[utoipa::path(
    put,
    path = "/api/v1/staff/{id}",
    operation_id = "staff_update",
    tag = "people",
    params(("id" = Uuid, Path, description = "Staff id.")),
    request_body = StaffBody,
    responses(
        (status = 200, description = "The edited staff member.", body = Staff),
        (status = 403, description = "The role may not edit the structure.", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such staff member in the school.", body = super::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code is taken.", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid (`errors` names it).", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<StaffBody>,
) -> ApiResult<Json<Staff>> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    let actor = Actor::user(v.user_id, &v.login);
    let input = StaffInput::from(body);
    state
        .db
        .write(move |tx| Box::pin(async move { staff::update(tx, &actor, school, id, &input).await }))
        .await?;
    Ok(Json(
        staff::get(&state.db, school, id).await?.ok_or(AppError::NotFound)?,
    ))
}
