//! `/api/v1/subjects`: the school's subject catalogue; editing needs ManageStructure.

use super::{ApiJson, ApiPath, ApiQuery, ApiResult, problem::created};
use crate::auth::{Auth, require, school_of};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use vsoko_domain::roles::Permission;
use vsoko_store::Actor;
use vsoko_store::structure::subjects::{self, Subject, SubjectInput};

/// Search parameters.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SubjectQuery {
    /// Part of the name or code.
    #[serde(default)]
    pub q: String,
}

/// A subject as sent by a client.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct SubjectBody {
    /// Stable code: latin letters, digits and `_`.
    pub code: String,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// Subject area.
    pub area: String,
    /// Whether the subject is offered (default true).
    pub is_active: bool,
}

impl Default for SubjectBody {
    fn default() -> Self {
        SubjectBody {
            code: String::new(),
            name: String::new(),
            short_name: String::new(),
            area: String::new(),
            is_active: true,
        }
    }
}

impl From<SubjectBody> for SubjectInput {
    fn from(b: SubjectBody) -> Self {
        SubjectInput {
            code: b.code.trim().to_string(),
            name: b.name,
            short_name: b.short_name,
            area: b.area,
            is_active: b.is_active,
        }
    }
}

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/subjects", get(index).post(create))
        .route("/api/v1/subjects/{id}", put(update))
}

/// The subject catalogue.
///
/// The subjects of the viewer's school whose name or code contains `q`, by name.
#[utoipa::path(
    get,
    path = "/api/v1/subjects",
    operation_id = "subjects_index",
    tag = "structure",
    params(SubjectQuery),
    responses(
        (status = 200, description = "Subjects.", body = Vec<Subject>),
        (status = 403, description = "Not a school role.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn index(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiQuery(query): ApiQuery<SubjectQuery>,
) -> ApiResult<Json<Vec<Subject>>> {
    let school = school_of(&v)?;
    Ok(Json(subjects::list(&state.db, school, &query.q).await?))
}

/// Add a subject.
///
/// Adds a subject to the school's catalogue. Needs ManageStructure; a taken code or name is
/// a 409, an invalid field a 422 naming it.
#[utoipa::path(
    post,
    path = "/api/v1/subjects",
    operation_id = "subjects_create",
    tag = "structure",
    request_body = SubjectBody,
    responses(
        (status = 201, description = "Created; `Location` names it.", body = Subject),
        (status = 403, description = "The role may not edit the structure.", body = super::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code or name is taken.", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiJson(body): ApiJson<SubjectBody>,
) -> ApiResult<Response> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    let actor = Actor::user(v.user_id, &v.login);
    let input = SubjectInput::from(body);
    let id = state
        .db
        .write(move |tx| Box::pin(async move { subjects::create(tx, &actor, school, &input).await }))
        .await?;
    let subject = subjects::get(&state.db, school, id).await?.ok_or(AppError::NotFound)?;
    Ok(created(format!("/api/v1/subjects/{id}"), subject))
}

/// Edit a subject.
///
/// Replaces the fields of a subject of the viewer's school. Needs ManageStructure.
#[utoipa::path(
    put,
    path = "/api/v1/subjects/{id}",
    operation_id = "subjects_update",
    tag = "structure",
    params(("id" = Uuid, Path, description = "Subject id.")),
    request_body = SubjectBody,
    responses(
        (status = 200, description = "The edited subject.", body = Subject),
        (status = 403, description = "The role may not edit the structure.", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subject in the school.", body = super::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code or name is taken.", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<SubjectBody>,
) -> ApiResult<Json<Subject>> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    let actor = Actor::user(v.user_id, &v.login);
    let input = SubjectInput::from(body);
    state
        .db
        .write(move |tx| Box::pin(async move { subjects::update(tx, &actor, school, id, &input).await }))
        .await?;
    let subject = subjects::get(&state.db, school, id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(subject))
}
