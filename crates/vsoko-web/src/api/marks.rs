//! `/api/v1/marks`: the journal cells (marks, attendance, comment) of a class-subject in a
//! period, and saving one cell exactly as the journal page does — last write wins, a stale
//! `expected_version` is answered with what it overwrote, every change is in the history.

use super::journal::{JournalQuery, period_of, readable, require_writer};
use super::{ApiJson, ApiQuery, ApiResult};
use crate::auth::{Auth, school_of};
use crate::state::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use vsoko_store::Actor;
use vsoko_store::journal::cells::{self, Cell, CellInput, Saved};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/marks", get(index).post(create))
}

/// Cells of a journal.
///
/// The non-empty cells of a class-subject (or subgroup) in a period (default: the current
/// one): marks as stored ("5 4"), attendance code (absent, ill, excused, late), comment,
/// version. Readable by the subject's teacher, the class teacher and the administration.
#[utoipa::path(
    get,
    path = "/api/v1/marks",
    operation_id = "marks_index",
    tag = "journal",
    params(JournalQuery),
    responses(
        (status = 200, description = "Cells of the journal.", body = Vec<Cell>),
        (status = 404, description = "No such journal in the viewer's scope.", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`class_id` or `subject_id` missing.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn index(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiQuery(q): ApiQuery<JournalQuery>,
) -> ApiResult<Json<Vec<Cell>>> {
    let (class_id, subject_id) = readable(&state, &v, &q).await?;
    let period = period_of(&state, v.school(), q.period_id).await?;
    Ok(Json(
        cells::of_journal(
            &state.db,
            v.school(),
            class_id,
            subject_id,
            q.subgroup.trim(),
            period.id,
        )
        .await?,
    ))
}

/// Save a cell.
///
/// Saves the marks (typed "5", "54", "5 4"; empty clears), attendance (Н, Б, УП, ОП or
/// empty) and comment of a pupil at a lesson. Only the lesson's teacher (or the deputy)
/// may; a locked period refuses it, a reopened one needs a `reason`. Marks outside 1–5, a
/// mark for an absent pupil and pupils not on the lesson's list are 422; nothing is written.
#[utoipa::path(
    post,
    path = "/api/v1/marks",
    operation_id = "marks_create",
    tag = "journal",
    request_body = CellInput,
    responses(
        (status = 200, description = "Saved (`changed` false when nothing changed).", body = Saved),
        (status = 403, description = "The role keeps no journal.", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not the viewer's lesson.", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid (`errors` names it).", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiJson(input): ApiJson<CellInput>,
) -> ApiResult<Json<Saved>> {
    require_writer(&v)?;
    school_of(&v)?;
    let (actor, viewer, today) = (
        Actor::user(v.user_id, &v.login),
        v.clone(),
        time::OffsetDateTime::now_utc().date(),
    );
    let saved = state
        .db
        .write(move |tx| Box::pin(async move { cells::save(tx, &actor, &viewer, &input, today).await }))
        .await?;
    Ok(Json(saved))
}
