//! `/admin/years`: academic years with their periods, creating a year (periods prefilled
//! from the usual dates and editable), correcting a period's dates, choosing the current year.

use super::{managed_school, unprocessable};
use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::forms::{FieldErrors, parse_date};
use crate::page::PageCtx;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use std::collections::HashMap;
use time::Date;
use uuid::Uuid;
use vsoko_domain::structure::{PeriodKind, PeriodSpan, default_periods};
use vsoko_i18n::Tr;
use vsoko_store::structure::years;
use vsoko_store::{Actor, StoreError, Viewer};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/years", get(index).post(create))
        .route("/admin/years/periods/{id}", post(update_period))
        .route("/admin/years/{id}/current", post(make_current))
}

const KINDS: [PeriodKind; 3] = [PeriodKind::Quarter, PeriodKind::Trimester, PeriodKind::HalfYear];
const START_FIELDS: [&str; 4] = ["start_1", "start_2", "start_3", "start_4"];
const END_FIELDS: [&str; 4] = ["end_1", "end_2", "end_3", "end_4"];

/// A period row with its edit form.
pub struct PeriodView {
    id: Uuid,
    label: String,
    start: String,
    end: String,
    error: Option<String>,
}

/// A year with its periods.
pub struct YearView {
    id: Uuid,
    name: String,
    kind: String,
    is_current: bool,
    periods: Vec<PeriodView>,
}

/// One period line of the new-year form.
pub struct NewPeriod {
    label: String,
    start_field: &'static str,
    end_field: &'static str,
    start: String,
    end: String,
}

/// Values of the new-year form.
pub struct NewYear {
    start_year: String,
    kind: String,
    current: bool,
    periods: Vec<NewPeriod>,
}

#[derive(Template, WebTemplate)]
#[template(path = "structure/years.html")]
struct YearsPage {
    ctx: PageCtx,
    years: Vec<YearView>,
    kinds: Vec<(&'static str, String)>,
    form: NewYear,
    errors: FieldErrors,
}

fn period_label(tr: &Tr, kind: &str, idx: i64) -> String {
    tr.n(&format!("structure-period-{kind}"), "n", idx)
}

fn new_year_form(tr: &Tr, start_year: String, kind: PeriodKind, current: bool, spans: &[PeriodSpan]) -> NewYear {
    NewYear {
        start_year,
        kind: kind.code().to_string(),
        current,
        periods: spans
            .iter()
            .zip(START_FIELDS.iter().zip(END_FIELDS.iter()))
            .map(|(p, (s, e))| NewPeriod {
                label: period_label(tr, kind.code(), p.index),
                start_field: s,
                end_field: e,
                start: p.start.to_string(),
                end: p.end.to_string(),
            })
            .collect(),
    }
}

async fn page(state: &AppState, v: &Viewer, school_id: Uuid, form: Option<NewYear>) -> AppResult<YearsPage> {
    let ctx = PageCtx::new(state, v, "/admin/years");
    let list = years::list(&state.db, school_id).await?;
    let periods = years::all_periods(&state.db, school_id).await?;
    let tr = &ctx.tr;
    let views = list
        .iter()
        .map(|y| YearView {
            id: y.id,
            name: y.name.clone(),
            kind: tr.t(&format!("structure-kind-{}", y.period_kind)),
            is_current: y.is_current,
            periods: periods
                .iter()
                .filter(|p| p.year_id == y.id)
                .map(|p| PeriodView {
                    id: p.id,
                    label: period_label(tr, &p.kind, p.idx),
                    start: p.start_date.to_string(),
                    end: p.end_date.to_string(),
                    error: None,
                })
                .collect(),
        })
        .collect();
    let form = form.unwrap_or_else(|| {
        let next = list.iter().map(|y| y.start_date.year() + 1).max();
        let start_year = next.unwrap_or_else(|| vsoko_store::now().year());
        let kind = PeriodKind::Quarter;
        new_year_form(
            tr,
            start_year.to_string(),
            kind,
            list.is_empty(),
            &default_periods(kind, start_year),
        )
    });
    Ok(YearsPage {
        kinds: KINDS
            .iter()
            .map(|k| (k.code(), tr.t(&format!("structure-kind-{}", k.code()))))
            .collect(),
        years: views,
        form,
        errors: FieldErrors::new(),
        ctx,
    })
}

/// Query of the years page: a start year and period kind to prefill the new-year form.
#[derive(Deserialize)]
pub struct PrefillQuery {
    start_year: Option<String>,
    kind: Option<String>,
}

fn parse_start_year(s: &str) -> Option<i32> {
    s.trim().parse::<i32>().ok().filter(|y| (2000..=2100).contains(y))
}

/// The years of the school and the new-year form (prefilled for `?start_year=&kind=`).
async fn index(State(state): State<AppState>, Auth(v): Auth, Query(q): Query<PrefillQuery>) -> AppResult<YearsPage> {
    let school_id = managed_school(&v)?;
    let mut form = None;
    if let Some(start_year) = q.start_year.as_deref().and_then(parse_start_year) {
        let kind = q
            .kind
            .as_deref()
            .and_then(PeriodKind::parse)
            .unwrap_or(PeriodKind::Quarter);
        let tr = Tr::new(&v.locale);
        let spans = default_periods(kind, start_year);
        form = Some(new_year_form(&tr, start_year.to_string(), kind, false, &spans));
    }
    page(&state, &v, school_id, form).await
}

/// Creates a year with the periods as entered.
async fn create(
    State(state): State<AppState>,
    Auth(v): Auth,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let school_id = managed_school(&v)?;
    let tr = Tr::new(&v.locale);
    let field = |k: &str| f.get(k).map(String::as_str).unwrap_or("").to_string();
    let mut errors = FieldErrors::new();
    let start_year = parse_start_year(&field("start_year"));
    if start_year.is_none() {
        errors.add("start_year", tr.t("structure-year-start-invalid"));
    }
    let kind = PeriodKind::parse(&field("kind")).unwrap_or(PeriodKind::Quarter);
    let current = f.contains_key("current");
    let mut spans = Vec::new();
    let mut entered = Vec::new();
    for i in 0..kind.count() {
        let (s, e) = (field(START_FIELDS[i]), field(END_FIELDS[i]));
        let start = parse_date(&s);
        let end = parse_date(&e);
        if start.is_none() {
            errors.add(START_FIELDS[i], tr.t("structure-date-invalid"));
        }
        if end.is_none() {
            errors.add(END_FIELDS[i], tr.t("structure-date-invalid"));
        }
        if let (Some(start), Some(end)) = (start, end) {
            spans.push(PeriodSpan {
                index: i as i64 + 1,
                start,
                end,
            });
        }
        entered.push((s, e));
    }
    if errors.is_empty()
        && let Some(start_year) = start_year
    {
        let actor = Actor::user(v.user_id, &v.login);
        let spans2 = spans;
        let done = state
            .db
            .write(move |tx| {
                Box::pin(
                    async move { years::create_year(tx, &actor, school_id, start_year, kind, &spans2, current).await },
                )
            })
            .await;
        match done {
            Ok(_) => return Ok(Redirect::to("/admin/years").into_response()),
            Err(StoreError::Invalid { .. }) => errors.add("periods", tr.t("structure-periods-overlap")),
            Err(StoreError::Conflict { .. }) => errors.add("start_year", tr.t("structure-year-exists")),
            Err(e) => return Err(e.into()),
        }
    }
    let mut form = new_year_form(&tr, field("start_year"), kind, current, &default_periods(kind, 2000));
    for (p, (s, e)) in form.periods.iter_mut().zip(entered) {
        p.start = s;
        p.end = e;
    }
    let mut p = page(&state, &v, school_id, Some(form)).await?;
    p.errors = errors;
    Ok(unprocessable(p))
}

/// New dates of one period.
#[derive(Deserialize)]
pub struct PeriodForm {
    #[serde(default)]
    start: String,
    #[serde(default)]
    end: String,
}

/// Changes one period's dates; overlapping the neighbours is a field error.
async fn update_period(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<Uuid>,
    Form(f): Form<PeriodForm>,
) -> AppResult<Response> {
    let school_id = managed_school(&v)?;
    let tr = Tr::new(&v.locale);
    let dates: Option<(Date, Date)> = parse_date(&f.start).zip(parse_date(&f.end));
    let problem = match dates {
        None => tr.t("structure-date-invalid"),
        Some((start, end)) => {
            let actor = Actor::user(v.user_id, &v.login);
            let done = state
                .db
                .write(move |tx| {
                    Box::pin(async move { years::update_period(tx, &actor, school_id, id, start, end).await })
                })
                .await;
            match done {
                Ok(()) => return Ok(Redirect::to("/admin/years").into_response()),
                Err(StoreError::Invalid { .. }) => tr.t("structure-periods-overlap"),
                Err(e) => return Err(e.into()),
            }
        }
    };
    let mut p = page(&state, &v, school_id, None).await?;
    let row = p
        .years
        .iter_mut()
        .flat_map(|y| y.periods.iter_mut())
        .find(|r| r.id == id);
    let Some(row) = row else { return Err(AppError::NotFound) };
    row.start = f.start;
    row.end = f.end;
    row.error = Some(problem);
    p.errors.add("period", tr.t("form-errors"));
    Ok(unprocessable(p))
}

/// Makes a year the current one.
async fn make_current(State(state): State<AppState>, Auth(v): Auth, Path(id): Path<Uuid>) -> AppResult<Redirect> {
    let school_id = managed_school(&v)?;
    let actor = Actor::user(v.user_id, &v.login);
    state
        .db
        .write(move |tx| Box::pin(async move { years::set_current(tx, &actor, school_id, id).await }))
        .await?;
    Ok(Redirect::to("/admin/years"))
}
