//! The teacher's journal: the list of one's journals (`/journal`), the grid of a
//! class-subject(-subgroup) for a period with keyboard entry of marks and attendance saved by
//! `fetch` (`/journal/{class_id}/{subject_id}`, `/journal/cells`, `/journal/period-marks`),
//! lessons added, planned from a date list and edited (`/journal/lessons…`), and the history
//! of a cell (`/journal/cells/history`). Scope and lock rules live in the store; this module
//! shows them and turns the store's refusals into Russian (or English) messages.

pub mod cells;
pub mod grid;
pub mod index;
pub mod lessons;
pub mod view;

use crate::auth::school_of;
use crate::error::AppError;
use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};
use time::{OffsetDateTime, UtcOffset};
use uuid::Uuid;
use vsoko_domain::journal::{Attendance, PeriodMark};
use vsoko_domain::msg::Msg;
use vsoko_i18n::Tr;
use vsoko_store::{StoreError, Viewer};

/// Routes of the journal.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/journal", get(index::index))
        .route("/journal/{class_id}/{subject_id}", get(grid::show))
        .route("/journal/cells", post(cells::create))
        .route("/journal/cells/history", get(cells::history))
        .route("/journal/period-marks", post(cells::set_period_mark))
        .route("/journal/lessons", post(lessons::create))
        .route("/journal/lessons/plan", post(lessons::plan))
        .route("/journal/lessons/{id}", post(lessons::update))
}

/// The school of a staff viewer; pupils, parents and aggregate roles get 403.
fn journal_school(v: &Viewer) -> Result<Uuid, AppError> {
    let school = school_of(v)?;
    if v.roles.iter().any(|r| r.is_staff()) {
        Ok(school)
    } else {
        Err(AppError::Forbidden)
    }
}

/// A path or query id; a malformed one names nothing.
fn parse_id(s: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(s.trim()).map_err(|_| AppError::NotFound)
}

/// Today (UTC), the day lock rules are checked against.
fn today() -> time::Date {
    OffsetDateTime::now_utc().date()
}

/// The URL of a journal page.
pub fn journal_url(class_id: Uuid, subject_id: Uuid, subgroup: &str, period: Option<&str>) -> String {
    let mut url = format!("/journal/{class_id}/{subject_id}");
    let mut sep = '?';
    if !subgroup.is_empty() {
        url.push_str(&format!("{sep}subgroup={}", encode(subgroup)));
        sep = '&';
    }
    if let Some(p) = period {
        url.push_str(&format!("{sep}period={}", encode(p)));
    }
    url
}

/// Percent-encodes a query value.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The short label of a stored attendance code (н, б, уп, оп).
fn attendance_label(tr: &Tr, code: &str) -> String {
    match Attendance::from_code(code) {
        Some(Attendance::Absent) => tr.t("journal-att-absent"),
        Some(Attendance::Ill) => tr.t("journal-att-ill"),
        Some(Attendance::Excused) => tr.t("journal-att-excused"),
        Some(Attendance::Late) => tr.t("journal-att-late"),
        None => code.to_string(),
    }
}

/// A cell as the teacher types it back: marks, then the attendance code ("5 4", "н", "4 оп").
pub fn cell_text(tr: &Tr, marks: &str, attendance: Option<&str>) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !marks.is_empty() {
        parts.push(marks.to_string());
    }
    if let Some(a) = attendance {
        parts.push(attendance_label(tr, a));
    }
    parts.join(" ")
}

/// The label of a stored term-mark code ("5", "н/а", "осв.", "зач.", "незач.").
pub fn period_mark_label(tr: &Tr, code: &str) -> String {
    match PeriodMark::from_code(code) {
        Some(PeriodMark::Mark(m)) => m.to_string(),
        Some(PeriodMark::NotAttested) => tr.t("journal-pm-na"),
        Some(PeriodMark::Exempt) => tr.t("journal-pm-exempt"),
        Some(PeriodMark::Pass) => tr.t("journal-pm-pass"),
        Some(PeriodMark::Fail) => tr.t("journal-pm-fail"),
        None => code.to_string(),
    }
}

/// The label of a suggested term mark.
fn suggestion_label(tr: &Tr, m: PeriodMark) -> String {
    period_mark_label(tr, &m.code())
}

/// A mean with two decimals, a decimal comma in Russian.
fn format_mean(tr: &Tr, value: f64) -> String {
    let s = format!("{value:.2}");
    if tr.code() == "ru" { s.replace('.', ",") } else { s }
}

/// Times are shown in Moscow time (UTC+3) until schools get a time-zone setting.
fn local(t: OffsetDateTime) -> OffsetDateTime {
    t.to_offset(UtcOffset::from_hms(3, 0, 0).unwrap_or(UtcOffset::UTC))
}

/// `dd.mm.yyyy HH:MM` in local time.
fn format_datetime(t: OffsetDateTime) -> String {
    let t = local(t);
    format!(
        "{} {:02}:{:02}",
        crate::forms::format_date(t.date()),
        t.hour(),
        t.minute()
    )
}

/// `dd.mm HH:MM` in local time (short, for a cell's tooltip).
fn format_short_time(t: OffsetDateTime) -> String {
    let t = local(t);
    format!(
        "{:02}.{:02} {:02}:{:02}",
        t.day(),
        u8::from(t.month()),
        t.hour(),
        t.minute()
    )
}

/// The note shown on a cell whose page was stale: what was overwritten, who wrote it, when.
fn overwritten_note(tr: &Tr, old: &str, who: &str, at: OffsetDateTime) -> String {
    tr.msg(
        &Msg::new("journal-overwritten")
            .arg("old", if old.is_empty() { "—" } else { old })
            .arg("who", who)
            .arg("time", format_short_time(at)),
    )
}

/// The message for a store refusal, by the field it names (and, for marks, by the rule).
pub fn refusal(tr: &Tr, field: &str, message: &str) -> String {
    let key = match field {
        // The store's marks rules share a field; its (English) messages tell them apart.
        "marks" if message.contains("at most") => "journal-error-marks-too-many",
        "marks" if message.contains("absent") => "journal-error-marks-absent",
        "marks" if message.contains("grade 1") => "journal-error-marks-grade-one",
        "marks" => "journal-error-marks",
        "attendance" => "journal-error-attendance",
        "pupil_id" => "journal-error-pupil",
        "period" => "journal-error-locked",
        "reason" => "journal-error-reason",
        "value" => "journal-error-value",
        "date" => "journal-error-date",
        "work_type" => "journal-error-work-type",
        "period_id" => "journal-error-period",
        "body" => "journal-error-body",
        _ => "journal-error-invalid",
    };
    tr.t(key)
}

/// The field and message of a store rule violation; other errors pass through.
fn refused(tr: &Tr, e: StoreError) -> Result<(&'static str, String), AppError> {
    match e {
        StoreError::Invalid { field, message } | StoreError::Conflict { field, message } => {
            Ok((field, refusal(tr, field, &message)))
        }
        other => Err(other.into()),
    }
}
