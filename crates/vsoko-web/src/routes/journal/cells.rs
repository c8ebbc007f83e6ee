//! The journal's JSON writes for the page's script — `POST /journal/cells` (marks and
//! attendance of one cell) and `POST /journal/period-marks` (a term or year mark) — and the
//! history of a cell as an HTML fragment (`GET /journal/cells/history`). Last write wins: a
//! save from a stale page succeeds and says what it overwrote, so there is never a 409.

use super::view::row_stats;
use super::{
    cell_text, format_datetime, journal_school, overwritten_note, parse_id, period_mark_label, refused, today,
};
use crate::api::Problem;
use crate::auth::Auth;
use crate::error::AppError;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;
use vsoko_i18n::Tr;
use vsoko_store::journal::cells::{self, Cell, CellInput};
use vsoko_store::journal::history::{self, HistoryEntry};
use vsoko_store::journal::period_marks::{self, PeriodMarkInput, PeriodMarkRow};
use vsoko_store::journal::{grid, policy};
use vsoko_store::{Actor, Viewer};

/// A problem document (RFC 9457) with a message for the page, naming the field when there is one.
pub(crate) fn problem(status: StatusCode, field: Option<&str>, detail: String) -> Response {
    let errors = field.map(|f| BTreeMap::from([(f.to_string(), detail.clone())]));
    let body = Problem {
        status: status.as_u16(),
        title: status.canonical_reason().unwrap_or("").to_string(),
        detail,
        errors,
    };
    (
        status,
        [(header::CONTENT_TYPE, "application/problem+json")],
        serde_json::to_string(&body).unwrap_or_default(),
    )
        .into_response()
}

/// An error as a problem document in the viewer's language.
fn failure(tr: &Tr, e: AppError) -> Response {
    let status = e.status();
    let detail = match status {
        StatusCode::NOT_FOUND => tr.t("error-not-found"),
        StatusCode::FORBIDDEN => tr.t("error-forbidden"),
        StatusCode::INTERNAL_SERVER_ERROR => {
            tracing::error!(error = %e, "journal write failed");
            tr.t("error-internal")
        }
        _ => tr.t("journal-error-body"),
    };
    problem(status, None, detail)
}

/// The request body as `T`: malformed JSON is a 400, JSON of the wrong shape a 422 on `body`.
fn body_of<T: DeserializeOwned>(tr: &Tr, body: &[u8]) -> Result<T, Response> {
    serde_json::from_slice(body).map_err(|e| {
        let status = if e.is_data() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::BAD_REQUEST
        };
        problem(status, Some("body"), tr.t("journal-error-body"))
    })
}

/// A store failure: rule violations are a 422 naming the field, the rest by their status.
fn store_failure(tr: &Tr, e: vsoko_store::StoreError) -> Response {
    match refused(tr, e) {
        Ok((field, message)) => problem(StatusCode::UNPROCESSABLE_ENTITY, Some(field), message),
        Err(e) => failure(tr, e),
    }
}

/// A pupil's counters after a save.
#[derive(Debug, Serialize)]
pub struct RowJson {
    /// Pupil.
    pub pupil_id: Uuid,
    /// Number of marks in the period.
    pub count: usize,
    /// Weighted mean, formatted ("4,33"), or empty.
    pub mean: String,
    /// Suggested term mark, or empty.
    pub suggested: String,
    /// Fewer marks than the policy's minimum.
    pub too_few: bool,
}

/// The answer to a cell save.
#[derive(Debug, Serialize)]
pub struct CellSaved {
    /// The cell as stored now.
    pub cell: Cell,
    /// What a stale page overwrote.
    pub overwritten: Option<Cell>,
    /// Whether anything changed.
    pub changed: bool,
    /// The cell as the page shows it.
    pub text: String,
    /// The note for an overwritten cell ("was «3», changed by deputy at 20.11 12:30").
    pub note: Option<String>,
    /// The pupil's counters in the period.
    pub row: RowJson,
}

fn viewer_parts(v: &Viewer) -> (Viewer, Actor, Tr) {
    (v.clone(), Actor::user(v.user_id, &v.login), Tr::new(&v.locale))
}

/// Saves one cell (JSON [`CellInput`]); 200 with the stored cell, 422 naming the refused
/// field, 404 outside the viewer's journals.
pub async fn create(State(state): State<AppState>, Auth(v): Auth, body: Bytes) -> Response {
    let (viewer, actor, tr) = viewer_parts(&v);
    let school = match journal_school(&v) {
        Ok(s) => s,
        Err(e) => return failure(&tr, e),
    };
    let input: CellInput = match body_of(&tr, &body) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let (lesson_id, pupil_id) = (input.lesson_id, input.pupil_id);
    let today = today();
    let saved = match state
        .db
        .write(move |tx| Box::pin(async move { cells::save(tx, &actor, &viewer, &input, today).await }))
        .await
    {
        Ok(s) => s,
        Err(e) => return store_failure(&tr, e),
    };
    let row = match pupil_row(&state, &tr, school, lesson_id, pupil_id).await {
        Ok(r) => r,
        Err(e) => return failure(&tr, e),
    };
    let note = saved.overwritten.as_ref().map(|o| {
        overwritten_note(
            &tr,
            &cell_text(&tr, &o.marks, o.attendance.as_deref()),
            &o.updated_by,
            o.updated_at,
        )
    });
    let text = cell_text(&tr, &saved.cell.marks, saved.cell.attendance.as_deref());
    Json(CellSaved {
        cell: saved.cell,
        overwritten: saved.overwritten,
        changed: saved.changed,
        text,
        note,
        row,
    })
    .into_response()
}

/// The pupil's marks of the lesson's period, counted and averaged under the year's policy.
async fn pupil_row(
    state: &AppState,
    tr: &Tr,
    school: Uuid,
    lesson_id: Uuid,
    pupil_id: Uuid,
) -> Result<RowJson, AppError> {
    let place = grid::lesson_place(&state.db, school, lesson_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let policy = policy::get(&state.db, school, place.year_id).await?;
    let marks = grid::pupil_marks(&state.db, school, lesson_id, pupil_id).await?;
    let s = row_stats(tr, &policy, marks.iter().map(|(m, w)| (m.as_str(), w.as_str())));
    Ok(RowJson {
        pupil_id,
        count: s.count,
        mean: s.mean,
        suggested: s.suggested,
        too_few: s.too_few,
    })
}

/// The answer to a term-mark save.
#[derive(Debug, Serialize)]
pub struct PeriodMarkSaved {
    /// The mark as stored now.
    pub row: PeriodMarkRow,
    /// What a stale page overwrote.
    pub overwritten: Option<PeriodMarkRow>,
    /// Whether anything changed.
    pub changed: bool,
    /// The mark as the page shows it ("5", "н/а").
    pub text: String,
    /// The note for an overwritten mark.
    pub note: Option<String>,
}

/// Sets a term or year mark (JSON [`PeriodMarkInput`]); answers like [`create`].
pub async fn set_period_mark(State(state): State<AppState>, Auth(v): Auth, body: Bytes) -> Response {
    let (viewer, actor, tr) = viewer_parts(&v);
    if let Err(e) = journal_school(&v) {
        return failure(&tr, e);
    }
    let input: PeriodMarkInput = match body_of(&tr, &body) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let expected = input.expected_version;
    let today = today();
    let (row, overwritten) = match state
        .db
        .write(move |tx| Box::pin(async move { period_marks::set(tx, &actor, &viewer, &input, today).await }))
        .await
    {
        Ok(r) => r,
        Err(e) => return store_failure(&tr, e),
    };
    let changed = overwritten.is_some() || expected != Some(row.version);
    let note = overwritten
        .as_ref()
        .map(|o| overwritten_note(&tr, &period_mark_label(&tr, &o.value), &o.updated_by, o.updated_at));
    let text = period_mark_label(&tr, &row.value);
    Json(PeriodMarkSaved {
        row,
        overwritten,
        changed,
        text,
        note,
    })
    .into_response()
}

/// Query of the history fragment.
#[derive(Debug, Deserialize)]
pub struct HistoryQuery {
    /// Lesson.
    #[serde(default)]
    pub lesson_id: String,
    /// Pupil.
    #[serde(default)]
    pub pupil_id: String,
}

/// One change as the history shows it.
pub struct Change {
    /// dd.mm.yyyy HH:MM.
    pub at: String,
    /// Login.
    pub who: String,
    /// Before.
    pub old: String,
    /// After.
    pub new: String,
    /// Reason.
    pub reason: String,
}

/// The history fragment.
#[derive(Template, WebTemplate)]
#[template(path = "journal/_history.html")]
pub struct HistoryFragment {
    /// Translator.
    pub tr: Tr,
    /// Changes, oldest first.
    pub changes: Vec<Change>,
}

fn describe(tr: &Tr, value: Option<&serde_json::Value>) -> String {
    let Some(v) = value else { return String::new() };
    let text = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("");
    let att = v.get("attendance").and_then(|x| x.as_str());
    let mut s = cell_text(tr, text("marks"), att);
    let comment = text("comment");
    if !comment.is_empty() {
        if !s.is_empty() {
            s.push_str(" · ");
        }
        s.push_str(&format!("«{comment}»"));
    }
    s
}

fn change(tr: &Tr, e: HistoryEntry) -> Change {
    Change {
        at: format_datetime(e.at),
        who: e.actor_label,
        old: describe(tr, e.old_value.as_ref().map(|j| &j.0)),
        new: describe(tr, e.new_value.as_ref().map(|j| &j.0)),
        reason: e.reason.unwrap_or_default(),
    }
}

/// Who changed a cell, when, from what to what and why (an HTML fragment for the page's
/// popover); 404 outside the journals the viewer may read.
pub async fn history(
    State(state): State<AppState>,
    Auth(v): Auth,
    Query(q): Query<HistoryQuery>,
) -> Result<HistoryFragment, AppError> {
    journal_school(&v)?;
    let (lesson_id, pupil_id) = (parse_id(&q.lesson_id)?, parse_id(&q.pupil_id)?);
    let entries = history::of_cell(&state.db, &v, lesson_id, pupil_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let tr = Tr::new(&v.locale);
    let changes = entries.into_iter().map(|e| change(&tr, e)).collect();
    Ok(HistoryFragment { tr, changes })
}
