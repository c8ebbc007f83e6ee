//! `/schedule`: the единый график оценочных процедур of the current year. A month × class
//! table of planned procedures; for staff, the validator's findings with their reasons
//! (SPEC §8.4); for the deputy (and the admin), adding, editing and removing entries with
//! field errors. Pupils and parents see their classes' procedures only. `/schedule.xlsx`
//! exports the year as the class × subject × month table schools publish.

mod view;

use crate::auth::{Auth, school_of};
use crate::error::{AppError, AppResult};
use crate::forms::{FieldErrors, format_date, parse_date};
use crate::page::PageCtx;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use time::Date;
use uuid::Uuid;
use vsoko_domain::schedule::{ALL_LEVELS, EntryFields, Level};
use vsoko_i18n::Tr;
use vsoko_store::schedule::{self, EntryInput, ScheduleEntry};
use vsoko_store::structure::classes::{self, Class};
use vsoko_store::structure::subjects::{self, Subject};
use vsoko_store::structure::years::{self, Year};
use vsoko_store::{Actor, StoreError, Viewer};

pub use view::{Cell, DayRow, FindingView, MonthTab};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/schedule", get(index).post(create))
        .route("/schedule.xlsx", get(xlsx))
        .route("/schedule/{id}/edit", get(edit_form))
        .route("/schedule/{id}", post(update))
        .route("/schedule/{id}/delete", post(delete))
}

/// Values of the entry form, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EntryForm {
    #[serde(default)]
    class_id: String,
    #[serde(default)]
    subject_id: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    lesson: String,
    #[serde(default)]
    lessons_in_day: String,
    #[serde(default)]
    duration: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    name: String,
}

impl EntryForm {
    fn blank() -> EntryForm {
        EntryForm {
            lessons_in_day: "6".into(),
            duration: "1".into(),
            level: Level::School.code().into(),
            ..EntryForm::default()
        }
    }

    fn of(e: &ScheduleEntry) -> EntryForm {
        EntryForm {
            class_id: e.class_id.to_string(),
            subject_id: e.subject_id.to_string(),
            date: format_date(e.work_date),
            lesson: e.lesson.to_string(),
            lessons_in_day: e.lessons_in_day.to_string(),
            duration: e.duration.to_string(),
            level: e.level.clone(),
            name: e.name.clone(),
        }
    }

    /// The input, or the field errors of what cannot be read or breaks an entry's own rules.
    fn input(&self, tr: &Tr, classes: &[Class], subjects: &[Subject]) -> Result<EntryInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let id = |s: &str| Uuid::parse_str(s.trim()).ok();
        let class_id = id(&self.class_id).filter(|c| classes.iter().any(|x| x.id == *c));
        let subject_id = id(&self.subject_id).filter(|s| subjects.iter().any(|x| x.id == *s));
        let date = parse_date(&self.date);
        let number = |s: &str| s.trim().parse::<i64>().ok();
        let (lesson, lessons_in_day, duration) = (
            number(&self.lesson),
            number(&self.lessons_in_day),
            number(&self.duration),
        );
        let level = Level::parse(self.level.trim());
        if class_id.is_none() {
            errors.add("class_id", tr.t("schedule-choose"));
        }
        if subject_id.is_none() {
            errors.add("subject_id", tr.t("schedule-choose"));
        }
        if date.is_none() {
            errors.add("date", tr.t("schedule-date-invalid"));
        }
        for (field, v) in [
            ("lesson", lesson),
            ("lessons_in_day", lessons_in_day),
            ("duration", duration),
        ] {
            if v.is_none() {
                errors.add(field, tr.t("schedule-number"));
            }
        }
        if level.is_none() {
            errors.add("level", tr.t("schedule-choose"));
        }
        let (
            Some(class_id),
            Some(subject_id),
            Some(date),
            Some(lesson),
            Some(lessons_in_day),
            Some(duration),
            Some(level),
        ) = (class_id, subject_id, date, lesson, lessons_in_day, duration, level)
        else {
            return Err(errors);
        };
        let fields = EntryFields {
            date,
            lesson,
            lessons_in_day,
            duration,
            level,
            name: self.name.trim().to_string(),
        };
        for (field, msg) in fields.check() {
            errors.add(field, tr.msg(&msg));
        }
        if errors.is_empty() {
            Ok(EntryInput {
                class_id,
                subject_id,
                fields,
            })
        } else {
            Err(errors)
        }
    }
}

/// Filters of the page: `?month=2026-10` and `?class=<id>`.
#[derive(Debug, Default, Deserialize)]
pub struct ScheduleQuery {
    month: Option<String>,
    class: Option<String>,
}

/// An entry of the month's list with its date as people write it.
pub struct EntryRow {
    e: ScheduleEntry,
    date: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "schedule/index.html")]
struct SchedulePage {
    ctx: PageCtx,
    year: Option<Year>,
    months: Vec<MonthTab>,
    month: String,
    class: String,
    classes: Vec<Class>,
    subjects: Vec<Subject>,
    days: Vec<String>,
    rows: Vec<DayRow>,
    entries: Vec<EntryRow>,
    findings: Vec<FindingView>,
    total: i64,
    finding_count: i64,
    staff: bool,
    can_edit: bool,
    levels: Vec<(&'static str, String)>,
    form: EntryForm,
    errors: FieldErrors,
}

#[derive(Template, WebTemplate)]
#[template(path = "schedule/edit.html")]
struct EditPage {
    ctx: PageCtx,
    id: Uuid,
    classes: Vec<Class>,
    subjects: Vec<Subject>,
    levels: Vec<(&'static str, String)>,
    form: EntryForm,
    errors: FieldErrors,
}

fn levels(tr: &Tr) -> Vec<(&'static str, String)> {
    ALL_LEVELS
        .iter()
        .map(|l| (l.code(), tr.t(&format!("schedule-level-{}", l.code()))))
        .collect()
}

/// The current year of the viewer's school (none yet: the page says so).
async fn current_year(state: &AppState, v: &Viewer) -> AppResult<(Uuid, Option<Year>)> {
    let school_id = school_of(v)?;
    Ok((school_id, years::current(&state.db, school_id).await?))
}

/// Classes for the filter and the form: those the viewer may see (all for the
/// administration, own for teachers, none for pupils and parents, who see their classes
/// through the entries).
async fn visible_classes(state: &AppState, v: &Viewer, year: &Year) -> AppResult<Vec<Class>> {
    Ok(classes::list_visible(&state.db, v, year.id, "").await?)
}

async fn page(state: &AppState, v: &Viewer, q: &ScheduleQuery) -> AppResult<SchedulePage> {
    let (school_id, year) = current_year(state, v).await?;
    let tr = Tr::new(&v.locale);
    let staff = v.roles.iter().any(|r| r.is_staff());
    let can_edit = schedule::may_edit(v);
    let mut p = SchedulePage {
        ctx: PageCtx::new(state, v, "/schedule"),
        year: None,
        months: Vec::new(),
        month: String::new(),
        class: String::new(),
        classes: Vec::new(),
        subjects: Vec::new(),
        days: Vec::new(),
        rows: Vec::new(),
        entries: Vec::new(),
        findings: Vec::new(),
        total: 0,
        finding_count: 0,
        staff,
        can_edit,
        levels: levels(&tr),
        form: EntryForm::blank(),
        errors: FieldErrors::new(),
    };
    let Some(year) = year else { return Ok(p) };
    let class = q.class.as_deref().and_then(|s| Uuid::parse_str(s.trim()).ok());
    let all = schedule::list_visible(&state.db, v, year.id, class).await?;
    p.total = all.len() as i64;
    let months = view::months(&year);
    let today = time::OffsetDateTime::now_utc().date();
    let month = q
        .month
        .as_deref()
        .and_then(|m| months.iter().find(|t| t.key == m.trim()))
        .or_else(|| months.iter().find(|t| t.first <= today && today <= t.last))
        .or_else(|| months.first())
        .cloned();
    p.classes = visible_classes(state, v, &year).await?;
    if can_edit {
        p.subjects = subjects::list(&state.db, school_id, "")
            .await?
            .into_iter()
            .filter(|s| s.is_active)
            .collect();
    }
    if staff {
        let found = schedule::findings(&state.db, school_id, year.id).await?;
        p.findings = found.iter().map(|f| FindingView::new(&tr, f)).collect();
        p.finding_count = p.findings.len() as i64;
    }
    if let Some(m) = &month {
        let shown: Vec<ScheduleEntry> = all
            .iter()
            .filter(|e| m.first <= e.work_date && e.work_date <= m.last)
            .cloned()
            .collect();
        let flagged: Vec<Uuid> = p.findings.iter().flat_map(|f| f.entries.iter().copied()).collect();
        let (days, rows) = view::grid(m, &shown, &flagged);
        p.days = days;
        p.rows = rows;
        p.entries = shown
            .into_iter()
            .map(|e| EntryRow {
                date: format_date(e.work_date),
                e,
            })
            .collect();
        p.month = m.key.clone();
    }
    p.months = months;
    p.class = class.map(|c| c.to_string()).unwrap_or_default();
    p.year = Some(year);
    Ok(p)
}

/// The schedule of a month.
async fn index(
    State(state): State<AppState>,
    Auth(v): Auth,
    Query(q): Query<ScheduleQuery>,
) -> AppResult<SchedulePage> {
    page(&state, &v, &q).await
}

fn editor(v: &Viewer) -> AppResult<()> {
    school_of(v)?;
    if schedule::may_edit(v) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Maps the store's refusals to messages beside the fields.
fn absorb(tr: &Tr, errors: &mut FieldErrors, e: StoreError) -> Result<(), AppError> {
    match e {
        StoreError::Invalid { field, message } => errors.add(field, tr.t(&message)),
        other => return Err(other.into()),
    }
    Ok(())
}

fn month_of(d: Date) -> String {
    format!("{}-{:02}", d.year(), u8::from(d.month()))
}

/// Adds an entry to the current year.
async fn create(State(state): State<AppState>, Auth(v): Auth, Form(f): Form<EntryForm>) -> AppResult<Response> {
    editor(&v)?;
    let tr = Tr::new(&v.locale);
    let mut p = page(&state, &v, &ScheduleQuery::default()).await?;
    let Some(year_id) = p.year.as_ref().map(|y| y.id) else {
        return Err(AppError::NotFound);
    };
    let school_id = school_of(&v)?;
    let mut errors = match f.input(&tr, &p.classes, &p.subjects) {
        Ok(input) => {
            let actor = Actor::user(v.user_id, &v.login);
            let month = month_of(input.fields.date);
            let done = state
                .db
                .write(move |tx| {
                    Box::pin(async move { schedule::create(tx, &actor, school_id, year_id, &input).await })
                })
                .await;
            let mut errors = FieldErrors::new();
            match done {
                Ok(_) => return Ok(Redirect::to(&format!("/schedule?month={month}")).into_response()),
                Err(e) => absorb(&tr, &mut errors, e)?,
            }
            errors
        }
        Err(errors) => errors,
    };
    if errors.is_empty() {
        errors.add("name", tr.t("form-errors"));
    }
    p.form = f;
    p.errors = errors;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, p).into_response())
}

/// The form to edit an entry.
async fn edit_form(State(state): State<AppState>, Auth(v): Auth, Path(id): Path<Uuid>) -> AppResult<EditPage> {
    editor(&v)?;
    let e = schedule::get_visible(&state.db, &v, id)
        .await?
        .ok_or(AppError::NotFound)?;
    edit_page(&state, &v, id, EntryForm::of(&e), FieldErrors::new()).await
}

async fn edit_page(
    state: &AppState,
    v: &Viewer,
    id: Uuid,
    form: EntryForm,
    errors: FieldErrors,
) -> AppResult<EditPage> {
    let (school_id, year) = current_year(state, v).await?;
    let year = year.ok_or(AppError::NotFound)?;
    let tr = Tr::new(&v.locale);
    Ok(EditPage {
        ctx: PageCtx::new(state, v, "/schedule"),
        id,
        classes: visible_classes(state, v, &year).await?,
        subjects: subjects::list(&state.db, school_id, "").await?,
        levels: levels(&tr),
        form,
        errors,
    })
}

/// Saves an entry.
async fn update(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<Uuid>,
    Form(f): Form<EntryForm>,
) -> AppResult<Response> {
    editor(&v)?;
    let school_id = school_of(&v)?;
    schedule::get_visible(&state.db, &v, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let tr = Tr::new(&v.locale);
    let blank = edit_page(&state, &v, id, f.clone(), FieldErrors::new()).await?;
    let errors = match f.input(&tr, &blank.classes, &blank.subjects) {
        Ok(input) => {
            let actor = Actor::user(v.user_id, &v.login);
            let month = month_of(input.fields.date);
            let done = state
                .db
                .write(move |tx| Box::pin(async move { schedule::update(tx, &actor, school_id, id, &input).await }))
                .await;
            let mut errors = FieldErrors::new();
            match done {
                Ok(()) => return Ok(Redirect::to(&format!("/schedule?month={month}")).into_response()),
                Err(e) => absorb(&tr, &mut errors, e)?,
            }
            errors
        }
        Err(errors) => errors,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, EditPage { errors, ..blank }).into_response())
}

/// Removes an entry of the school (404 for any other id).
async fn delete(State(state): State<AppState>, Auth(v): Auth, Path(id): Path<Uuid>) -> AppResult<Redirect> {
    editor(&v)?;
    let school_id = school_of(&v)?;
    let e = schedule::get_visible(&state.db, &v, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let actor = Actor::user(v.user_id, &v.login);
    state
        .db
        .write(move |tx| Box::pin(async move { schedule::delete(tx, &actor, school_id, id).await }))
        .await?;
    Ok(Redirect::to(&format!("/schedule?month={}", month_of(e.work_date))))
}

/// The year's schedule as an XLSX table (class × subject × month), within the viewer's scope.
async fn xlsx(State(state): State<AppState>, Auth(v): Auth) -> AppResult<Response> {
    let (_, year) = current_year(&state, &v).await?;
    let year = year.ok_or(AppError::NotFound)?;
    let tr = Tr::new(&v.locale);
    let entries = schedule::list_visible(&state.db, &v, year.id, None).await?;
    let school = vsoko_store::org::school(&state.db, year.school_id)
        .await?
        .map(|s| s.name)
        .unwrap_or_default();
    let sheet = view::sheet(&tr, &year, &school, &entries);
    let bytes = vsoko_reports::schedule::schedule_xlsx(&sheet).map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?;
    let ascii = format!("schedule-{}.xlsx", year.start_date.year());
    Ok(crate::routes::download::xlsx(&ascii, &ascii, bytes))
}
