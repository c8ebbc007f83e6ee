//! Lessons from the journal page: add one (`POST /journal/lessons`), plan many from a list
//! of dates (`POST /journal/lessons/plan`) and edit a lesson's topic, homework and work type
//! (`POST /journal/lessons/{id}`). Plain forms: a success redirects to the journal, a
//! refusal re-renders it with the messages beside the fields (422).

use super::grid::{Extras, LessonForm, Which, render};
use super::{journal_school, journal_url, parse_id, refused, today};
use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::forms::{FieldErrors, parse_date};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use time::Date;
use uuid::Uuid;
use vsoko_i18n::Tr;
use vsoko_store::journal::grid::{self, Span};
use vsoko_store::journal::lessons::{self, LessonInput};
use vsoko_store::journal::policy;
use vsoko_store::{Actor, StoreError, Viewer};

/// Most dates one plan may hold.
const MAX_PLAN: usize = 200;

/// The journal coordinates of a form.
fn coordinates(f: &LessonForm) -> Result<(Uuid, Uuid, String), AppError> {
    Ok((
        parse_id(&f.class_id)?,
        parse_id(&f.subject_id)?,
        f.subgroup.trim().to_string(),
    ))
}

fn reason(f: &LessonForm) -> Option<String> {
    Some(f.reason.trim().to_string()).filter(|r| !r.is_empty())
}

/// Re-renders the journal (of the period holding `date`, if any) with a form's errors.
#[expect(
    clippy::too_many_arguments,
    reason = "the journal's coordinates plus the failed form"
)]
async fn again(
    state: &AppState,
    v: &Viewer,
    class_id: Uuid,
    subject_id: Uuid,
    subgroup: &str,
    which: Which,
    f: LessonForm,
    errors: FieldErrors,
    lesson: Option<Uuid>,
    period: Option<Uuid>,
) -> AppResult<Response> {
    let span = period.map(Span::Period).unwrap_or(Span::Current);
    let extras = Extras {
        failed: Some((which, f, errors)),
        lesson,
        notice: None,
    };
    render(
        state,
        v,
        class_id,
        subject_id,
        subgroup,
        span,
        extras,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// Whether a work type is one of the year's policy (checked against the class's year).
async fn work_type_ok(state: &AppState, school: Uuid, class_id: Uuid, code: &str) -> AppResult<bool> {
    let Some(year) = grid::class_year(&state.db, school, class_id).await? else {
        return Ok(false);
    };
    Ok(policy::get(&state.db, school, year)
        .await?
        .work_types
        .iter()
        .any(|w| w.code == code))
}

/// Adds a lesson; redirects to its period's journal.
pub async fn create(State(state): State<AppState>, Auth(v): Auth, Form(f): Form<LessonForm>) -> AppResult<Response> {
    let school = journal_school(&v)?;
    let (class_id, subject_id, subgroup) = coordinates(&f)?;
    let tr = Tr::new(&v.locale);
    let mut errors = FieldErrors::new();
    let date = parse_date(&f.date);
    if date.is_none() {
        errors.add("date", tr.t("journal-error-date-format"));
    }
    if !work_type_ok(&state, school, class_id, &f.work_type).await? {
        errors.add("work_type", tr.t("journal-error-work-type"));
    }
    let (Some(date), true) = (date, errors.is_empty()) else {
        return again(
            &state,
            &v,
            class_id,
            subject_id,
            &subgroup,
            Which::Add,
            f,
            errors,
            None,
            None,
        )
        .await;
    };
    let input = LessonInput {
        class_id,
        subject_id,
        subgroup: subgroup.clone(),
        date,
        topic: f.topic.trim().to_string(),
        homework: f.homework.trim().to_string(),
        work_type: f.work_type.clone(),
        reason: reason(&f),
    };
    let (viewer, actor, today) = (v.clone(), Actor::user(v.user_id, &v.login), today());
    match state
        .db
        .write(move |tx| Box::pin(async move { lessons::create(tx, &actor, &viewer, &input, today).await }))
        .await
    {
        Ok(id) => redirect_to_lesson(&state, school, Some(id), (class_id, subject_id, &subgroup), "").await,
        Err(e) => {
            let (field, message) = refused(&tr, e)?;
            errors.add(field_of(field), message);
            again(
                &state,
                &v,
                class_id,
                subject_id,
                &subgroup,
                Which::Add,
                f,
                errors,
                None,
                None,
            )
            .await
        }
    }
}

/// Form fields the store's refusals belong to (the lock and reason go with the date).
fn field_of(field: &'static str) -> &'static str {
    match field {
        "period" => "date",
        other => other,
    }
}

/// Redirects to the journal of the period a lesson is in, with extra query parameters.
async fn redirect_to_lesson(
    state: &AppState,
    school: Uuid,
    lesson: Option<Uuid>,
    fallback: (Uuid, Uuid, &str),
    extra: &str,
) -> AppResult<Response> {
    let place = match lesson {
        Some(id) => grid::lesson_place(&state.db, school, id).await?,
        None => None,
    };
    let mut url = match place {
        Some(p) => journal_url(p.class_id, p.subject_id, &p.subgroup, Some(&p.period_id.to_string())),
        None => journal_url(fallback.0, fallback.1, fallback.2, None),
    };
    if !extra.is_empty() {
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(extra);
    }
    Ok(Redirect::to(&url).into_response())
}

/// Splits a list of dates (lines, commas, semicolons or spaces) into dates.
fn parse_dates(tr: &Tr, text: &str) -> Result<Vec<Date>, String> {
    let mut out = Vec::new();
    for token in text
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|t| !t.is_empty())
    {
        out.push(parse_date(token).ok_or_else(|| tr.s("journal-plan-bad-date", "value", token))?);
    }
    out.sort();
    out.dedup();
    if out.is_empty() {
        return Err(tr.t("journal-plan-empty"));
    }
    if out.len() > MAX_PLAN {
        return Err(tr.n("journal-plan-too-many", "n", MAX_PLAN as i64));
    }
    Ok(out)
}

/// Plans lessons on a list of dates (skipping dates that have a lesson already); all or
/// nothing: a date outside the periods or in a locked one refuses the whole plan.
pub async fn plan(State(state): State<AppState>, Auth(v): Auth, Form(f): Form<LessonForm>) -> AppResult<Response> {
    let school = journal_school(&v)?;
    let (class_id, subject_id, subgroup) = coordinates(&f)?;
    let tr = Tr::new(&v.locale);
    let mut errors = FieldErrors::new();
    let dates = parse_dates(&tr, &f.dates)
        .map_err(|m| errors.add("dates", m))
        .unwrap_or_default();
    if !work_type_ok(&state, school, class_id, &f.work_type).await? {
        errors.add("work_type", tr.t("journal-error-work-type"));
    }
    let (Some(first), Some(last), true) = (dates.first().copied(), dates.last().copied(), errors.is_empty()) else {
        return again(
            &state,
            &v,
            class_id,
            subject_id,
            &subgroup,
            Which::Plan,
            f,
            errors,
            None,
            None,
        )
        .await;
    };
    let taken = grid::dates_with_lessons(&state.db, school, class_id, subject_id, &subgroup, first, last).await?;
    let fresh: Vec<Date> = dates.iter().copied().filter(|d| !taken.contains(d)).collect();
    let skipped = dates.len() - fresh.len();
    let template = LessonInput {
        class_id,
        subject_id,
        subgroup: subgroup.clone(),
        date: first,
        topic: f.topic.trim().to_string(),
        homework: f.homework.trim().to_string(),
        work_type: f.work_type.clone(),
        reason: reason(&f),
    };
    let (viewer, actor, today) = (v.clone(), Actor::user(v.user_id, &v.login), today());
    let planned = state
        .db
        .write(move |tx| Box::pin(async move { lessons::plan(tx, &actor, &viewer, &template, &fresh, today).await }))
        .await;
    match planned {
        Ok(ids) => {
            let extra = format!("planned={}&skipped={skipped}", ids.len());
            redirect_to_lesson(
                &state,
                school,
                ids.first().copied(),
                (class_id, subject_id, &subgroup),
                &extra,
            )
            .await
        }
        Err(StoreError::NotFound) => Err(AppError::NotFound),
        Err(e) => {
            let (_, message) = refused(&tr, e)?;
            errors.add("dates", message);
            again(
                &state,
                &v,
                class_id,
                subject_id,
                &subgroup,
                Which::Plan,
                f,
                errors,
                None,
                None,
            )
            .await
        }
    }
}

/// Saves a lesson's topic, homework and work type; redirects back to its journal.
pub async fn update(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<String>,
    Form(f): Form<LessonForm>,
) -> AppResult<Response> {
    let school = journal_school(&v)?;
    let id = parse_id(&id)?;
    let place = grid::lesson_place(&state.db, school, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let tr = Tr::new(&v.locale);
    let mut errors = FieldErrors::new();
    if !work_type_ok(&state, school, place.class_id, &f.work_type).await? {
        errors.add("work_type", tr.t("journal-error-work-type"));
    }
    if errors.is_empty() {
        let (viewer, actor, today) = (v.clone(), Actor::user(v.user_id, &v.login), today());
        let (topic, homework, work_type, why) = (
            f.topic.trim().to_string(),
            f.homework.trim().to_string(),
            f.work_type.clone(),
            reason(&f),
        );
        let done = state
            .db
            .write(move |tx| {
                Box::pin(async move {
                    lessons::update(
                        tx,
                        &actor,
                        &viewer,
                        id,
                        &topic,
                        &homework,
                        &work_type,
                        today,
                        why.as_deref(),
                    )
                    .await
                })
            })
            .await;
        match done {
            Ok(()) => {
                let url = journal_url(
                    place.class_id,
                    place.subject_id,
                    &place.subgroup,
                    Some(&place.period_id.to_string()),
                );
                return Ok(Redirect::to(&url).into_response());
            }
            Err(e) => {
                let (field, message) = refused(&tr, e)?;
                errors.add(if field == "reason" { "reason" } else { "topic" }, message);
            }
        }
    }
    again(
        &state,
        &v,
        place.class_id,
        place.subject_id,
        &place.subgroup,
        Which::Edit,
        f,
        errors,
        Some(id),
        Some(place.period_id),
    )
    .await
}
