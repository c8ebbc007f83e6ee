//! `/api/v1/pupils`: the pupils the viewer may see (the administration all, teachers those of
//! their classes, parents their children, a pupil themself); editing needs ManageStructure.

use super::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, problem};
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
use vsoko_store::people::parents::{self, ParentOfPupil};
use vsoko_store::people::pupils::{self, ClassStay, Pupil, PupilInput};
use vsoko_store::{Actor, Viewer};

/// Which pupils to list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PupilQuery {
    /// Part of the name or code.
    #[serde(default)]
    pub q: String,
    /// Only pupils currently in this class.
    #[serde(default, deserialize_with = "problem::empty_as_none")]
    #[param(value_type = Option<Uuid>)]
    pub class_id: Option<Uuid>,
}

/// A pupil with parents and class history.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PupilDetail {
    /// The pupil.
    #[serde(flatten)]
    pub pupil: Pupil,
    /// Parents (legal representatives).
    pub parents: Vec<ParentOfPupil>,
    /// Stays in classes, oldest first.
    pub history: Vec<ClassStay>,
}

/// A pupil as sent by a client.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct PupilBody {
    /// School-unique code.
    pub code: String,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество (may be empty).
    pub middle_name: String,
    /// Date of birth, `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub birth_date: String,
    /// "М", "Ж" or empty.
    pub sex: String,
    /// Class: required on create; on update, a different class moves the pupil from today.
    pub class_id: Option<Uuid>,
}

impl PupilBody {
    fn input(&self) -> Result<PupilInput, ApiError> {
        Ok(PupilInput {
            code: self.code.trim().to_string(),
            last_name: self.last_name.clone(),
            first_name: self.first_name.clone(),
            middle_name: self.middle_name.clone(),
            birth_date: problem::parse_date("birth_date", &self.birth_date)?,
            sex: self.sex.trim().to_string(),
        })
    }
}

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/pupils", get(index).post(create))
        .route("/api/v1/pupils/{id}", get(show).put(update))
}

/// Pupils in scope.
///
/// The pupils the viewer may see whose name or code contains `q`, optionally of one class,
/// by class, then name: the whole school for the administration, the pupils of their classes
/// for teachers, own children for parents, oneself for a pupil. Municipal and regional
/// specialists get 403: they see aggregates only.
#[utoipa::path(
    get,
    path = "/api/v1/pupils",
    operation_id = "pupils_index",
    tag = "people",
    params(PupilQuery),
    responses(
        (status = 200, description = "Visible pupils (at most 200).", body = Vec<Pupil>),
        (status = 403, description = "Not a school role.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn index(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiQuery(query): ApiQuery<PupilQuery>,
) -> ApiResult<Json<Vec<Pupil>>> {
    school_of(&v)?;
    Ok(Json(
        pupils::list_visible(&state.db, &v, &query.q, query.class_id).await?,
    ))
}

async fn detail(state: &AppState, v: &Viewer, id: Uuid) -> ApiResult<PupilDetail> {
    let pupil = pupils::get_visible(&state.db, v, id).await?.ok_or(AppError::NotFound)?;
    let school = v.school();
    Ok(PupilDetail {
        parents: parents::of_pupil(&state.db, school, pupil.id).await?,
        history: pupils::history(&state.db, school, pupil.id).await?,
        pupil,
    })
}

/// One pupil.
///
/// A pupil with parents and class history, if the viewer may see them; 404 otherwise (also
/// for pupils of other schools).
#[utoipa::path(
    get,
    path = "/api/v1/pupils/{id}",
    operation_id = "pupils_show",
    tag = "people",
    params(("id" = Uuid, Path, description = "Pupil id.")),
    responses(
        (status = 200, description = "The pupil.", body = PupilDetail),
        (status = 403, description = "Not a school role.", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such pupil in the viewer's scope.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<PupilDetail>> {
    school_of(&v)?;
    Ok(Json(detail(&state, &v, id).await?))
}

/// Add a pupil.
///
/// Adds a pupil and enrolls them into `class_id` from today. Needs ManageStructure;
/// `birth_date` is `YYYY-MM-DD`, `sex` is "М", "Ж" or empty.
#[utoipa::path(
    post,
    path = "/api/v1/pupils",
    operation_id = "pupils_create",
    tag = "people",
    request_body = PupilBody,
    responses(
        (status = 201, description = "Created; `Location` names it.", body = PupilDetail),
        (status = 403, description = "The role may not edit the structure.", body = super::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code is taken.", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid (`errors` names it).", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiJson(body): ApiJson<PupilBody>,
) -> ApiResult<Response> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    let input = body.input()?;
    let class_id = body.class_id.ok_or_else(|| ApiError::invalid("class_id", "required"))?;
    let actor = Actor::user(v.user_id, &v.login);
    let from = problem::today();
    let id = state
        .db
        .write(move |tx| Box::pin(async move { pupils::create(tx, &actor, school, &input, class_id, from).await }))
        .await?;
    Ok(problem::created(
        format!("/api/v1/pupils/{id}"),
        detail(&state, &v, id).await?,
    ))
}

/// Edit a pupil.
///
/// Replaces a pupil's personal fields; a `class_id` other than the current class moves the
/// pupil there from today. Needs ManageStructure.
#[utoipa::path(
    put,
    path = "/api/v1/pupils/{id}",
    operation_id = "pupils_update",
    tag = "people",
    params(("id" = Uuid, Path, description = "Pupil id.")),
    request_body = PupilBody,
    responses(
        (status = 200, description = "The edited pupil.", body = PupilDetail),
        (status = 403, description = "The role may not edit the structure.", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such pupil in the school.", body = super::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code is taken.", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid (`errors` names it).", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<PupilBody>,
) -> ApiResult<Json<PupilDetail>> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    let input = body.input()?;
    let actor = Actor::user(v.user_id, &v.login);
    let (class_id, from) = (body.class_id, problem::today());
    state
        .db
        .write(move |tx| {
            Box::pin(async move {
                pupils::update(tx, &actor, school, id, &input).await?;
                if let Some(class_id) = class_id {
                    pupils::move_to_class(tx, &actor, school, id, class_id, from).await?;
                }
                Ok(())
            })
        })
        .await?;
    Ok(Json(detail(&state, &v, id).await?))
}
