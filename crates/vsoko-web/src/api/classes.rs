//! `/api/v1/classes`: the classes of a year the viewer may see; adding one needs
//! ManageStructure.

use super::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, problem::created, problem::empty_as_none};
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
use vsoko_domain::structure::ClassName;
use vsoko_store::people::staff;
use vsoko_store::structure::classes::{self, Class};
use vsoko_store::structure::years;
use vsoko_store::{Actor, StoreError};

/// Which classes to list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClassQuery {
    /// Academic year id (default: the current year).
    #[serde(default, deserialize_with = "empty_as_none")]
    #[param(value_type = Option<Uuid>)]
    pub year: Option<Uuid>,
    /// Part of the class name.
    #[serde(default)]
    pub q: String,
}

/// A new class.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ClassBody {
    /// Name: grade 1–11 and a letter, e.g. "5А".
    pub name: String,
    /// Profile (may be empty).
    pub profile: String,
    /// Class teacher (a staff id of the school).
    pub class_teacher_id: Option<Uuid>,
    /// Academic year id (default: the current year).
    pub year_id: Option<Uuid>,
}

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/classes", get(index).post(create))
        .route("/api/v1/classes/{id}", get(show))
}

/// Classes of a year.
///
/// The classes of a year (default: the current one) the viewer may see: all for the
/// administration, the taught and led ones for teachers, none for pupils and parents.
#[utoipa::path(
    get,
    path = "/api/v1/classes",
    operation_id = "classes_index",
    tag = "structure",
    params(ClassQuery),
    responses(
        (status = 200, description = "Classes by grade and letter.", body = Vec<Class>),
        (status = 403, description = "Not a school role.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn index(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiQuery(query): ApiQuery<ClassQuery>,
) -> ApiResult<Json<Vec<Class>>> {
    let school = school_of(&v)?;
    if !v.sees_classes() {
        return Err(AppError::Forbidden.into());
    }
    let year = match query.year {
        Some(y) => Some(y),
        None => years::current(&state.db, school).await?.map(|y| y.id),
    };
    let Some(year) = year else { return Ok(Json(Vec::new())) };
    Ok(Json(classes::list_visible(&state.db, &v, year, &query.q).await?))
}

/// One class.
///
/// A class with its class teacher and size, if the viewer may see it; 404 otherwise.
#[utoipa::path(
    get,
    path = "/api/v1/classes/{id}",
    operation_id = "classes_show",
    tag = "structure",
    params(("id" = Uuid, Path, description = "Class id.")),
    responses(
        (status = 200, description = "The class.", body = Class),
        (status = 404, description = "No such class in the viewer's scope.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn show(State(state): State<AppState>, Auth(v): Auth, ApiPath(id): ApiPath<Uuid>) -> ApiResult<Json<Class>> {
    school_of(&v)?;
    let class = classes::get_visible(&state.db, &v, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(class))
}

/// Add a class.
///
/// Adds a class to a year (default: the current one), optionally with its class teacher.
/// The name is a grade 1–11 and a letter ("5А", "5 а", "5-A"). Needs ManageStructure.
#[utoipa::path(
    post,
    path = "/api/v1/classes",
    operation_id = "classes_create",
    tag = "structure",
    request_body = ClassBody,
    responses(
        (status = 201, description = "Created; `Location` names it.", body = Class),
        (status = 403, description = "The role may not edit the structure.", body = super::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The class exists this year.", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid (`errors` names it).", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiJson(body): ApiJson<ClassBody>,
) -> ApiResult<Response> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    let name = ClassName::parse(&body.name).map_err(|e| ApiError::invalid("name", e.to_string()))?;
    let year_id = match body.year_id {
        Some(y) => years::list(&state.db, school)
            .await?
            .into_iter()
            .find(|year| year.id == y)
            .map(|year| year.id),
        None => years::current(&state.db, school).await?.map(|y| y.id),
    }
    .ok_or_else(|| ApiError::invalid("year_id", "no such academic year"))?;
    let actor = Actor::user(v.user_id, &v.login);
    let (profile, teacher) = (body.profile, body.class_teacher_id);
    let id = state
        .db
        .write(move |tx| {
            Box::pin(async move {
                if let Some(t) = teacher
                    && staff::get_in(tx, school, t).await?.is_none()
                {
                    return Err(StoreError::Invalid {
                        field: "class_teacher_id",
                        message: "no such staff member".into(),
                    });
                }
                let id = classes::create(tx, &actor, school, year_id, &name, &profile).await?;
                if teacher.is_some() {
                    classes::set_class_teacher(tx, &actor, school, id, teacher).await?;
                }
                Ok(id)
            })
        })
        .await?;
    let class = classes::get_visible(&state.db, &v, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(created(format!("/api/v1/classes/{id}"), class))
}
