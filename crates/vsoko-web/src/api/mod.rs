//! The JSON API under `/api/v1`, described by OpenAPI at `/api/openapi.json`. One module per
//! entity; each handler's `///` doc is its OpenAPI description. Authentication is the page
//! session cookie; scope and permissions are those of the pages (404 out of scope, 403 when
//! the role lacks the permission). A copy of the document is kept in `docs/openapi.json`.

pub mod assessments;
pub mod assignments;
pub mod classes;
pub mod diary;
pub mod imports;
pub mod journal;
pub mod marks;
pub mod me;
pub mod message;
pub mod parents;
pub mod problem;
pub mod pupils;
pub mod schools;
pub mod staff;
pub mod subjects;
pub mod years;

pub use problem::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, Problem};

use crate::state::AppState;
use axum::Json;
use axum::Router;
use axum::routing::get;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};

/// The OpenAPI document. Add a handler to `paths(...)` and its module's router below.
#[derive(OpenApi)]
#[openapi(
    info(title = "vsoko API", description = "ВСОКО: school structure, people and roles."),
    paths(
        me::show,
        schools::index,
        years::index,
        subjects::index,
        subjects::create,
        subjects::update,
        classes::index,
        classes::show,
        classes::create,
        pupils::index,
        pupils::show,
        pupils::create,
        pupils::update,
        staff::index,
        staff::show,
        staff::create,
        staff::update,
        parents::index,
        parents::create,
        assignments::index,
        assignments::create,
        assignments::delete,
        imports::roster,
        journal::lessons_index,
        journal::lessons_create,
        marks::index,
        marks::create,
        journal::period_marks_index,
        journal::period_marks_create,
        journal::attendance_index,
        diary::week,
        diary::marks,
        assessments::index,
        assessments::show,
        assessments::results,
    ),
    components(schemas(Problem)),
    modifiers(&SessionAuth),
    security(("session" = []))
)]
pub struct ApiDoc;

/// Routes of the API.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi))
        .merge(me::router())
        .merge(schools::router())
        .merge(years::router())
        .merge(subjects::router())
        .merge(classes::router())
        .merge(pupils::router())
        .merge(staff::router())
        .merge(parents::router())
        .merge(assignments::router())
        .merge(imports::router())
        .merge(journal::router())
        .merge(marks::router())
        .merge(diary::router())
        .merge(assessments::router())
}

/// The OpenAPI document as JSON.
async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// Declares the session cookie as the security scheme and the 401 problem on every operation.
struct SessionAuth;

impl Modify for SessionAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "session",
                SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                    crate::auth::SESSION_COOKIE,
                    "The session cookie set by POST /login.",
                ))),
            );
        }
        let unauthorized = ResponseBuilder::new()
            .description("Not logged in.")
            .content(
                "application/problem+json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .build(),
            )
            .build();
        for item in openapi.paths.paths.values_mut() {
            let ops = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for op in ops.into_iter().flatten() {
                op.responses
                    .responses
                    .entry("401".to_string())
                    .or_insert_with(|| RefOr::T(unauthorized.clone()));
            }
        }
    }
}
