//! School control works entered by hand (issue 4 §4): `/control-works` lists the works the
//! viewer may see and (for teachers and the deputy) a form to create one — title, subject,
//! classes, date, tasks in the task-table format and one of the school's conversion tables
//! or mark bands of its own; `/control-works/{id}` is the keyboard grid (a table per class,
//! pupils × tasks) whose cells `assets/control_work.js` saves with
//! `POST /control-works/{id}/scores`, getting back the pupil's sum and the mark computed from
//! the work's table. The rules (who may enter, maxima, classes) live in
//! `vsoko_store::assessment::manual`; this module turns its refusals into messages.

use crate::auth::{Auth, school_of};
use crate::error::{AppError, AppResult};
use crate::forms::{FieldErrors, format_date, parse_date};
use crate::page::PageCtx;
use crate::routes::conversions::ref_error;
use crate::routes::journal::cells::problem;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use axum_extra::extract::Form;
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use vsoko_domain::assessment::is_not_done;
use vsoko_domain::assessment::reference::{parse_band_lines, parse_task_lines};
use vsoko_i18n::Tr;
use vsoko_store::assessment::conversions::{self, StoredConversion};
use vsoko_store::assessment::manual::{self, Entry, MarkSource, NewWork, ScoreInput, Totals, WorkSummary};
use vsoko_store::structure::years;
use vsoko_store::{Actor, StoreError, Viewer};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/control-works", get(index).post(create))
        .route("/control-works/{id}", get(show))
        .route("/control-works/{id}/scores", post(save))
}

/// The create form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct WorkForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    subject_id: String,
    #[serde(default)]
    date: String,
    /// Class ids (one checkbox per class, the key repeats).
    #[serde(default)]
    classes: Vec<String>,
    #[serde(default)]
    tasks: String,
    #[serde(default)]
    conversion_id: String,
    #[serde(default)]
    bands: String,
}

impl WorkForm {
    /// Whether a class's checkbox was ticked.
    pub fn has_class(&self, id: &Uuid) -> bool {
        self.classes.iter().any(|c| c.trim() == id.to_string())
    }
}

/// A choosable subject or class.
#[derive(Debug, Clone)]
pub struct Choice {
    id: Uuid,
    name: String,
}

/// A work in the list with its date as people write it.
pub struct WorkRow {
    w: WorkSummary,
    date: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "control_works/index.html")]
struct IndexPage {
    ctx: PageCtx,
    works: Vec<WorkRow>,
    can_create: bool,
    subjects: Vec<Choice>,
    classes: Vec<Choice>,
    tables: Vec<StoredConversion>,
    form: WorkForm,
    errors: FieldErrors,
}

/// A cell of the grid as the page shows it.
pub struct CellView {
    text: String,
}

/// A pupil's row.
pub struct RowView {
    pupil_id: Uuid,
    name: String,
    cells: Vec<CellView>,
    sum: String,
    mark: String,
}

/// A class's table.
pub struct ClassView {
    name: String,
    writable: bool,
    rows: Vec<RowView>,
}

/// A task column.
pub struct TaskView {
    id: Uuid,
    code: String,
    max: i64,
    level: String,
    skills: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "control_works/show.html")]
struct ShowPage {
    ctx: PageCtx,
    id: Uuid,
    title: String,
    subject: String,
    grade: i64,
    date: String,
    max_primary: i64,
    own_table: bool,
    table_id: String,
    bands: Vec<(u8, u32, u32)>,
    tasks: Vec<TaskView>,
    classes: Vec<ClassView>,
    writable: bool,
}

/// The text of an entry as the grid shows it (`Х` for "not done").
fn entry_text(e: Entry) -> String {
    match e {
        Entry::Empty => String::new(),
        Entry::NotDone => "Х".into(),
        Entry::Score(s) => s.to_string(),
    }
}

/// The sum and mark columns of a pupil ("" while nothing is entered or the row is incomplete).
fn totals_text(t: &Totals) -> (String, String) {
    (
        t.sum.map(|s| s.to_string()).unwrap_or_default(),
        t.mark.map(|m| m.to_string()).unwrap_or_default(),
    )
}

async fn index_page(state: &AppState, v: &Viewer, form: WorkForm, errors: FieldErrors) -> AppResult<IndexPage> {
    let school_id = school_of(v)?;
    let works = manual::list(&state.db, v)
        .await?
        .into_iter()
        .map(|w| WorkRow {
            date: w.held_on.map(format_date).unwrap_or_default(),
            w,
        })
        .collect();
    let can_create = manual::may_create(v);
    let (mut subjects, mut classes, mut tables) = (Vec::<Choice>::new(), Vec::<Choice>::new(), Vec::new());
    if can_create && let Some(year) = years::current(&state.db, school_id).await? {
        for (class_id, class_name, _, subject_id, subject_name) in manual::choices(&state.db, v, year.id).await? {
            if !classes.iter().any(|c| c.id == class_id) {
                classes.push(Choice {
                    id: class_id,
                    name: class_name,
                });
            }
            if !subjects.iter().any(|s| s.id == subject_id) {
                subjects.push(Choice {
                    id: subject_id,
                    name: subject_name,
                });
            }
        }
        subjects.sort_by(|a, b| a.name.cmp(&b.name));
        tables = conversions::list(&state.db, school_id)
            .await?
            .into_iter()
            .filter(|c| c.table.output == vsoko_domain::assessment::Output::Mark)
            .collect();
    }
    Ok(IndexPage {
        ctx: PageCtx::new(state, v, "/control-works"),
        works,
        can_create,
        subjects,
        classes,
        tables,
        form,
        errors,
    })
}

/// The list of works and the create form.
async fn index(State(state): State<AppState>, Auth(v): Auth) -> AppResult<IndexPage> {
    school_of(&v)?;
    if !v.roles.iter().any(|r| r.is_staff()) {
        return Err(AppError::Forbidden);
    }
    index_page(&state, &v, WorkForm::default(), FieldErrors::new()).await
}

/// The work the form describes, or the messages of the fields that cannot be read.
fn read_form(tr: &Tr, f: &WorkForm) -> Result<NewWork, FieldErrors> {
    let mut errors = FieldErrors::new();
    errors.required(tr, "title", &f.title);
    let subject_id = Uuid::parse_str(f.subject_id.trim()).ok();
    if subject_id.is_none() {
        errors.add("subject_id", tr.t("control-work-error-subject"));
    }
    let held_on = parse_date(&f.date);
    if held_on.is_none() {
        errors.add("date", tr.t("control-work-error-date-format"));
    }
    let class_ids: Vec<Uuid> = f
        .classes
        .iter()
        .filter_map(|c| Uuid::parse_str(c.trim()).ok())
        .collect();
    if class_ids.is_empty() {
        errors.add("classes", tr.t("control-work-error-no-class"));
    }
    let tasks = match parse_task_lines(&tr.t("control-work-tasks"), &f.tasks) {
        Ok(t) => Some(t),
        Err(e) => {
            errors.add("tasks", ref_error(tr, &e));
            None
        }
    };
    let marks = match (Uuid::parse_str(f.conversion_id.trim()).ok(), &tasks) {
        (Some(id), _) => Some(MarkSource::Table(id)),
        (None, Some(_)) if f.bands.trim().is_empty() => {
            errors.add("bands", tr.t("control-work-error-no-table"));
            None
        }
        (None, Some(t)) => {
            let max: u32 = t.iter().map(|x| x.max_score).sum();
            match parse_band_lines(&tr.t("control-work-bands"), &f.bands, max) {
                Ok(table) => Some(MarkSource::Bands(table)),
                Err(e) => {
                    errors.add("bands", ref_error(tr, &e));
                    None
                }
            }
        }
        (None, None) => None,
    };
    match (subject_id, held_on, tasks, marks) {
        (Some(subject_id), Some(held_on), Some(tasks), Some(marks)) if errors.is_empty() => Ok(NewWork {
            title: f.title.trim().to_string(),
            subject_id,
            held_on,
            class_ids,
            tasks,
            marks,
        }),
        _ => Err(errors),
    }
}

/// Creates a work and opens its grid; errors re-render the form (422), nothing written.
async fn create(State(state): State<AppState>, Auth(v): Auth, Form(f): Form<WorkForm>) -> AppResult<Response> {
    school_of(&v)?;
    if !manual::may_create(&v) {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(&v.locale);
    let mut errors = match read_form(&tr, &f) {
        Ok(work) => {
            let (viewer, actor) = (v.clone(), Actor::user(v.user_id, &v.login));
            let done = state
                .db
                .write(move |tx| Box::pin(async move { manual::create(tx, &actor, &viewer, &work).await }))
                .await;
            let mut errors = FieldErrors::new();
            match done {
                Ok(id) => return Ok(Redirect::to(&format!("/control-works/{id}")).into_response()),
                Err(StoreError::Invalid { field, message } | StoreError::Conflict { field, message }) => {
                    errors.add(field, tr.t(&message));
                }
                Err(e) => return Err(e.into()),
            }
            errors
        }
        Err(errors) => errors,
    };
    if errors.is_empty() {
        errors.add("title", tr.t("form-errors"));
    }
    let page = index_page(&state, &v, f, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// The grid of a work.
async fn show(State(state): State<AppState>, Auth(v): Auth, Path(id): Path<String>) -> AppResult<ShowPage> {
    school_of(&v)?;
    let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let w = manual::work(&state.db, &v, id).await?.ok_or(AppError::NotFound)?;
    let classes: Vec<ClassView> = w
        .classes
        .into_iter()
        .map(|c| ClassView {
            name: c.name,
            writable: c.writable,
            rows: c
                .pupils
                .into_iter()
                .map(|p| {
                    let (sum, mark) = totals_text(&p.totals);
                    RowView {
                        pupil_id: p.pupil_id,
                        name: p.name,
                        cells: p
                            .entries
                            .into_iter()
                            .map(|e| CellView { text: entry_text(e) })
                            .collect(),
                        sum,
                        mark,
                    }
                })
                .collect(),
        })
        .collect();
    Ok(ShowPage {
        ctx: PageCtx::new(&state, &v, "/control-works"),
        id: w.id,
        title: w.title,
        subject: w.subject_name,
        grade: w.grade,
        date: w.held_on.map(format_date).unwrap_or_default(),
        max_primary: w.max_primary,
        own_table: w.own_table,
        table_id: w
            .conversion
            .as_ref()
            .filter(|_| !w.own_table)
            .map(|c| c.id.to_string())
            .unwrap_or_default(),
        bands: w
            .conversion
            .map(|c| c.table.bands.iter().map(|b| (b.mark, b.min, b.max)).collect())
            .unwrap_or_default(),
        tasks: w
            .tasks
            .into_iter()
            .map(|t| TaskView {
                id: t.id,
                code: t.code,
                max: t.max_score,
                level: t.level,
                skills: t.skills.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("; "),
            })
            .collect(),
        writable: classes.iter().any(|c| c.writable),
        classes,
    })
}

/// One cell as the script sends it.
#[derive(Debug, Deserialize)]
pub struct ScoreBody {
    /// Pupil.
    pub pupil_id: Uuid,
    /// Task.
    pub task_id: Uuid,
    /// What was typed: a score, `-`/`Х` for "not done", empty to clear.
    pub value: String,
}

/// The answer to a cell save.
#[derive(Debug, Serialize)]
pub struct ScoreSaved {
    /// The cell as the page shows it.
    pub text: String,
    /// The pupil's sum so far ("" when nothing is entered).
    pub sum: String,
    /// The mark from the work's table ("" until every task has an entry).
    pub mark: String,
    /// Whether every task has an entry.
    pub complete: bool,
    /// Whether anything changed.
    pub changed: bool,
}

/// Reads a typed cell: empty clears, `-`/`Х`/`X`/`—` mean "not done", else a whole number.
fn entry_of(value: &str) -> Option<Entry> {
    let t = value.trim();
    if t.is_empty() {
        Some(Entry::Empty)
    } else if is_not_done(t) {
        Some(Entry::NotDone)
    } else {
        t.parse().ok().map(Entry::Score)
    }
}

/// Saves one cell (JSON [`ScoreBody`]): 200 with the pupil's totals; 422 with the message for
/// a bad value, a score above the maximum or a pupil outside the work's classes; 404 for a
/// work, task or class outside the viewer's reach.
async fn save(State(state): State<AppState>, Auth(v): Auth, Path(id): Path<String>, body: Bytes) -> Response {
    let tr = Tr::new(&v.locale);
    let refuse = |status: StatusCode, field: Option<&str>, detail: String| problem(status, field, detail);
    let Ok(procedure_id) = Uuid::parse_str(id.trim()) else {
        return refuse(StatusCode::NOT_FOUND, None, tr.t("error-not-found"));
    };
    if school_of(&v).is_err() || !manual::may_create(&v) {
        return refuse(StatusCode::FORBIDDEN, None, tr.t("error-forbidden"));
    }
    let Ok(b) = serde_json::from_slice::<ScoreBody>(&body) else {
        return refuse(StatusCode::BAD_REQUEST, Some("body"), tr.t("journal-error-body"));
    };
    let Some(entry) = entry_of(&b.value) else {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("score"),
            tr.t("control-work-error-value"),
        );
    };
    let input = ScoreInput {
        procedure_id,
        pupil_id: b.pupil_id,
        task_id: b.task_id,
        entry,
    };
    let (viewer, actor) = (v.clone(), Actor::user(v.user_id, &v.login));
    let done = state
        .db
        .write(move |tx| Box::pin(async move { manual::save(tx, &actor, &viewer, &input).await }))
        .await;
    match done {
        Ok(s) => {
            let (sum, mark) = totals_text(&s.totals);
            Json(ScoreSaved {
                text: entry_text(s.entry),
                sum,
                mark,
                complete: s.totals.complete,
                changed: s.changed,
            })
            .into_response()
        }
        Err(StoreError::Invalid { field, message }) => {
            let detail = if message == "control-work-error-above-max" {
                let max = manual_max(&state, &v, procedure_id, b.task_id).await;
                tr.n(&message, "max", max)
            } else {
                tr.t(&message)
            };
            refuse(StatusCode::UNPROCESSABLE_ENTITY, Some(field), detail)
        }
        Err(StoreError::NotFound) => refuse(StatusCode::NOT_FOUND, None, tr.t("error-not-found")),
        Err(e) => {
            tracing::error!(error = %e, "control work save failed");
            refuse(StatusCode::INTERNAL_SERVER_ERROR, None, tr.t("error-internal"))
        }
    }
}

/// The maximum of a task of a work the viewer sees (for the "above the maximum" message).
async fn manual_max(state: &AppState, v: &Viewer, procedure_id: Uuid, task_id: Uuid) -> i64 {
    match manual::work(&state.db, v, procedure_id).await {
        Ok(Some(w)) => w.tasks.iter().find(|t| t.id == task_id).map_or(0, |t| t.max_score),
        _ => 0,
    }
}
