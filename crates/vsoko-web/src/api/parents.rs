//! `/api/v1/parents`: the school's parents (legal representatives); ManageStructure only,
//! since the list holds contact details of every family.

use super::{ApiError, ApiJson, ApiQuery, ApiResult, problem::created};
use crate::auth::{Auth, require, school_of};
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use vsoko_domain::roles::Permission;
use vsoko_store::people::parents::{self, Parent, ParentInput};
use vsoko_store::people::pupils;
use vsoko_store::{Actor, StoreError};

/// Search parameters.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ParentQuery {
    /// Part of the name, code or phone.
    #[serde(default)]
    pub q: String,
}

/// A parent as sent by a client, optionally linked to a pupil at once.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ParentBody {
    /// School-unique code.
    pub code: String,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество (may be empty).
    pub middle_name: String,
    /// Phone.
    pub phone: String,
    /// E-mail.
    pub email: String,
    /// A pupil of the school to link the parent to.
    pub pupil_id: Option<Uuid>,
    /// Relation to that pupil (e.g. "мать"); may be empty.
    pub relation: String,
}

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/parents", get(index).post(create))
}

/// The school's parents.
///
/// Parents whose name, code or phone contains `q`, with the number of linked children.
/// Needs ManageStructure, since the list holds every family's contacts.
#[utoipa::path(
    get,
    path = "/api/v1/parents",
    operation_id = "parents_index",
    tag = "people",
    params(ParentQuery),
    responses(
        (status = 200, description = "Parents (at most 200).", body = Vec<Parent>),
        (status = 403, description = "The role may not edit the structure.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn index(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiQuery(query): ApiQuery<ParentQuery>,
) -> ApiResult<Json<Vec<Parent>>> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    Ok(Json(parents::list(&state.db, school, &query.q).await?))
}

/// Add a parent.
///
/// Adds a parent (legal representative), linked to `pupil_id` with `relation` when given.
/// Needs ManageStructure.
#[utoipa::path(
    post,
    path = "/api/v1/parents",
    operation_id = "parents_create",
    tag = "people",
    request_body = ParentBody,
    responses(
        (status = 201, description = "Created.", body = Parent),
        (status = 403, description = "The role may not edit the structure.", body = super::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code is taken.", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid (`errors` names it).", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiJson(body): ApiJson<ParentBody>,
) -> ApiResult<Response> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    if let Some(pupil) = body.pupil_id
        && pupils::get_visible(&state.db, &v, pupil).await?.is_none()
    {
        return Err(ApiError::invalid("pupil_id", "no such pupil"));
    }
    let input = ParentInput {
        code: body.code.trim().to_string(),
        last_name: body.last_name.trim().to_string(),
        first_name: body.first_name.trim().to_string(),
        middle_name: body.middle_name.trim().to_string(),
        phone: body.phone.trim().to_string(),
        email: body.email.trim().to_string(),
    };
    let actor = Actor::user(v.user_id, &v.login);
    let (pupil, relation, stored) = (body.pupil_id, body.relation.trim().to_string(), input.clone());
    let id = state
        .db
        .write(move |tx| {
            Box::pin(async move {
                let id = parents::create(tx, &actor, school, &stored).await?;
                if let Some(pupil) = pupil {
                    parents::link_pupil(tx, &actor, school, id, pupil, &relation).await?;
                }
                Ok::<_, StoreError>(id)
            })
        })
        .await?;
    let parent = Parent {
        id,
        code: input.code,
        last_name: input.last_name,
        first_name: input.first_name,
        middle_name: input.middle_name,
        phone: input.phone,
        email: input.email,
        user_id: None,
        children: i64::from(pupil.is_some()),
    };
    Ok(created(
        format!("/api/v1/parents?q={}", crate::auth::session::urlencode(&parent.code)),
        parent,
    ))
}
