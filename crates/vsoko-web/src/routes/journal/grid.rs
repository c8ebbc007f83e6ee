//! `GET /journal/{class_id}/{subject_id}?subgroup=&period=`: the journal grid of a period
//! (or `period=year`: term marks and the year mark), with the lesson forms. The lesson
//! handlers re-render it with their field errors.

use super::view::{self, LessonCol, RowView, YearRow};
use super::{journal_school, journal_url, parse_id, today};
use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::forms::{FieldErrors, format_date};
use crate::page::PageCtx;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use uuid::Uuid;
use vsoko_i18n::Tr;
use vsoko_store::Viewer;
use vsoko_store::journal::grid::{self, Grid, Span};
use vsoko_store::journal::locks::LockState;

/// Query of the journal page.
#[derive(Debug, Default, Deserialize)]
pub struct ShowQuery {
    /// Subgroup ("" = whole class).
    #[serde(default)]
    pub subgroup: String,
    /// Period id, "year", or empty for the current period.
    #[serde(default)]
    pub period: String,
    /// A lesson whose header form is open.
    #[serde(default)]
    pub lesson: String,
    /// Lessons just planned.
    pub planned: Option<i64>,
    /// Dates skipped by the plan (a lesson was there already).
    pub skipped: Option<i64>,
}

/// Values of the lesson forms (add, plan, edit).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LessonForm {
    /// Class.
    #[serde(default)]
    pub class_id: String,
    /// Subject.
    #[serde(default)]
    pub subject_id: String,
    /// Subgroup.
    #[serde(default)]
    pub subgroup: String,
    /// Date (dd.mm.yyyy).
    #[serde(default)]
    pub date: String,
    /// Dates of a plan, one per line or comma-separated.
    #[serde(default)]
    pub dates: String,
    /// Topic.
    #[serde(default)]
    pub topic: String,
    /// Homework.
    #[serde(default)]
    pub homework: String,
    /// Work type code.
    #[serde(default)]
    pub work_type: String,
    /// Reason (a reopened period after its end).
    #[serde(default)]
    pub reason: String,
}

/// Which form a re-render shows errors for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// The add-lesson form.
    Add,
    /// The plan form.
    Plan,
    /// The lesson header form.
    Edit,
}

/// Forms, errors and notices a render carries besides the grid.
#[derive(Debug, Default)]
pub struct Extras {
    /// The form that failed, with its values and errors.
    pub failed: Option<(Which, LessonForm, FieldErrors)>,
    /// The lesson whose header form is open.
    pub lesson: Option<Uuid>,
    /// A notice (lessons planned).
    pub notice: Option<String>,
}

/// One period tab.
pub struct Tab {
    /// Link.
    pub href: String,
    /// Label.
    pub label: String,
    /// Whether it is shown.
    pub active: bool,
    /// Whether it is locked now.
    pub locked: bool,
}

/// The lesson header form.
pub struct EditLesson {
    /// Lesson.
    pub id: Uuid,
    /// Its date, dd.mm.yyyy.
    pub date: String,
}

/// The journal of a period.
#[derive(Template, WebTemplate)]
#[template(path = "journal/show.html")]
pub struct GridPage {
    /// Layout.
    pub ctx: PageCtx,
    /// Class.
    pub class_id: Uuid,
    /// Class name.
    pub class_name: String,
    /// Subject.
    pub subject_id: Uuid,
    /// Subject name.
    pub subject_name: String,
    /// Subgroup.
    pub subgroup: String,
    /// Period tabs (and the year tab last).
    pub tabs: Vec<Tab>,
    /// Shown period.
    pub period_id: Uuid,
    /// Its label.
    pub period_label: String,
    /// Its first and last day, dd.mm.yyyy.
    pub period_dates: (String, String),
    /// "open", "reopened" or "locked".
    pub lock: &'static str,
    /// The viewer may write and the period is not locked.
    pub writable: bool,
    /// The viewer may write this journal at all.
    pub may_write: bool,
    /// Lesson columns.
    pub lessons: Vec<LessonCol>,
    /// Pupil rows.
    pub rows: Vec<RowView>,
    /// Minimum marks for a term mark.
    pub min_marks: i64,
    /// Work types (code, name).
    pub work_types: Vec<(String, String)>,
    /// Add-lesson form values and errors.
    pub add: (LessonForm, FieldErrors),
    /// Plan form values and errors.
    pub plan: (LessonForm, FieldErrors),
    /// Lesson header form: the lesson, its values and errors.
    pub edit: Option<(EditLesson, LessonForm, FieldErrors)>,
    /// Notice.
    pub notice: Option<String>,
    /// URL of this page (for links that keep the period).
    pub here: String,
}

/// The year overview.
#[derive(Template, WebTemplate)]
#[template(path = "journal/year.html")]
pub struct YearPage {
    /// Layout.
    pub ctx: PageCtx,
    /// Class.
    pub class_id: Uuid,
    /// Class name.
    pub class_name: String,
    /// Subject.
    pub subject_id: Uuid,
    /// Subject name.
    pub subject_name: String,
    /// Subgroup.
    pub subgroup: String,
    /// Period tabs.
    pub tabs: Vec<Tab>,
    /// Column labels of the periods.
    pub period_labels: Vec<String>,
    /// "open", "reopened" or "locked" (the last period's lock governs the year mark).
    pub lock: &'static str,
    /// The viewer may set year marks now.
    pub writable: bool,
    /// The viewer may write this journal at all.
    pub may_write: bool,
    /// Rows.
    pub rows: Vec<YearRow>,
}

/// The journal page.
pub async fn show(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path((class_id, subject_id)): Path<(String, String)>,
    Query(q): Query<ShowQuery>,
) -> AppResult<Response> {
    journal_school(&v)?;
    let (class_id, subject_id) = (parse_id(&class_id)?, parse_id(&subject_id)?);
    let span = match q.period.trim() {
        "" => Span::Current,
        "year" => Span::Year,
        p => Span::Period(parse_id(p)?),
    };
    let tr = Tr::new(&v.locale);
    let extras = Extras {
        lesson: Uuid::parse_str(q.lesson.trim()).ok(),
        notice: q.planned.map(|n| {
            let mut s = tr.n("journal-planned", "n", n);
            if let Some(k) = q.skipped.filter(|k| *k > 0) {
                s.push(' ');
                s.push_str(&tr.n("journal-plan-skipped", "n", k));
            }
            s
        }),
        failed: None,
    };
    render(
        &state,
        &v,
        class_id,
        subject_id,
        q.subgroup.trim(),
        span,
        extras,
        StatusCode::OK,
    )
    .await
}

fn lock_code(s: LockState) -> &'static str {
    match s {
        LockState::Open => "open",
        LockState::Reopened => "reopened",
        LockState::Locked => "locked",
    }
}

fn tabs(tr: &Tr, g: &Grid, today: time::Date) -> Vec<Tab> {
    let mut out: Vec<Tab> = g
        .periods
        .iter()
        .map(|p| Tab {
            href: journal_url(g.class.id, g.subject_id, &g.subgroup, Some(&p.id.to_string())),
            label: view::period_label(tr, p),
            active: g.period.as_ref().is_some_and(|s| s.id == p.id),
            locked: p.lock(today) == LockState::Locked,
        })
        .collect();
    out.push(Tab {
        href: journal_url(g.class.id, g.subject_id, &g.subgroup, Some("year")),
        label: tr.t("journal-year-tab"),
        active: g.period.is_none(),
        locked: g.periods.last().is_some_and(|p| p.lock(today) == LockState::Locked),
    });
    out
}

/// Renders the journal page (or the year overview) with a status: 200, or 422 when a
/// lesson form comes back with errors.
#[expect(
    clippy::too_many_arguments,
    reason = "the page's coordinates plus what a failed form carries"
)]
pub async fn render(
    state: &AppState,
    v: &Viewer,
    class_id: Uuid,
    subject_id: Uuid,
    subgroup: &str,
    span: Span,
    extras: Extras,
    status: StatusCode,
) -> AppResult<Response> {
    let today = today();
    let g = grid::load(&state.db, v, class_id, subject_id, subgroup, span, today)
        .await?
        .ok_or(AppError::NotFound)?;
    let ctx = PageCtx::new(state, v, "/journal");
    let tr = ctx.tr.clone();
    let tabs = tabs(&tr, &g, today);
    let Some(period) = g.period.clone() else {
        let lock = g.periods.last().map(|p| p.lock(today)).unwrap_or(LockState::Open);
        let (start, end) = match (g.periods.first(), g.periods.last()) {
            (Some(a), Some(b)) => (a.start_date, b.end_date),
            _ => (today, today),
        };
        let page = YearPage {
            class_id,
            class_name: g.class.name.clone(),
            subject_id,
            subject_name: g.subject_name.clone(),
            subgroup: g.subgroup.clone(),
            tabs,
            period_labels: g.periods.iter().map(|p| view::period_label(&tr, p)).collect(),
            lock: lock_code(lock),
            writable: g.writable && lock != LockState::Locked,
            may_write: g.writable,
            rows: view::year_rows(&tr, &g, start, end),
            ctx,
        };
        return Ok((status, page).into_response());
    };
    let lock = period.lock(today);
    let lessons = view::lesson_cols(&tr, &g.policy, &g.lessons);
    let rows = view::rows(&tr, &g, &period);
    let work_types: Vec<(String, String)> = g
        .policy
        .work_types
        .iter()
        .map(|w| (w.code.clone(), w.name.clone()))
        .collect();
    let default_wt = work_types
        .iter()
        .find(|(c, _)| c == "classwork")
        .or(work_types.first())
        .map(|(c, _)| c.clone())
        .unwrap_or_default();
    let mut add = LessonForm {
        date: if period.start_date <= today && today <= period.end_date {
            format_date(today)
        } else {
            String::new()
        },
        work_type: default_wt.clone(),
        ..LessonForm::default()
    };
    let mut plan = LessonForm {
        work_type: default_wt,
        ..LessonForm::default()
    };
    let (mut add_errors, mut plan_errors) = (FieldErrors::new(), FieldErrors::new());
    let mut edit = extras
        .lesson
        .and_then(|id| g.lessons.iter().find(|l| l.id == id))
        .map(|l| {
            let form = LessonForm {
                topic: l.topic.clone(),
                homework: l.homework.clone(),
                work_type: l.work_type.clone(),
                ..LessonForm::default()
            };
            (
                EditLesson {
                    id: l.id,
                    date: format_date(l.lesson_date),
                },
                form,
                FieldErrors::new(),
            )
        });
    match extras.failed {
        Some((Which::Add, f, e)) => (add, add_errors) = (f, e),
        Some((Which::Plan, f, e)) => (plan, plan_errors) = (f, e),
        Some((Which::Edit, f, e)) => {
            if let Some(ed) = edit.as_mut() {
                (ed.1, ed.2) = (f, e);
            }
        }
        None => {}
    }
    let here = journal_url(class_id, subject_id, &g.subgroup, Some(&period.id.to_string()));
    let page = GridPage {
        class_id,
        class_name: g.class.name.clone(),
        subject_id,
        subject_name: g.subject_name.clone(),
        subgroup: g.subgroup.clone(),
        tabs,
        period_id: period.id,
        period_label: view::period_label(&tr, &period),
        period_dates: (format_date(period.start_date), format_date(period.end_date)),
        lock: lock_code(lock),
        writable: g.writable && lock != LockState::Locked,
        may_write: g.writable,
        lessons,
        rows,
        min_marks: g.policy.min_marks,
        work_types,
        add: (add, add_errors),
        plan: (plan, plan_errors),
        edit,
        notice: extras.notice,
        here,
        ctx,
    };
    Ok((status, page).into_response())
}
