//! `/results`: the school's results of a period from the journal, for the people who
//! analyse them — success rate, knowledge quality (with its 95 % interval), СОУ and mean
//! mark per class and per subject, each with its n and the change since the previous
//! period, drilling down class → subject → the journal's pupils. The administration sees
//! the school; a ШМО head their subjects; a teacher their own classes; a class teacher their
//! classes. Nobody is ranked: small groups say "too few to judge".

mod signals;
mod view;

use crate::auth::{Auth, school_of};
use crate::error::{AppError, AppResult};
use crate::page::PageCtx;
use crate::state::AppState;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use uuid::Uuid;
use view::{Focus, ResultsPage};
use vsoko_store::assessment::read;
use vsoko_store::results::{self, ResultRow};
use vsoko_store::structure::years::{self, Period};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/results", get(index))
        .route("/results.xlsx", get(xlsx))
}

/// Query: period (default: the last period that has term marks, else the current one), and
/// an optional class or subject to drill into.
#[derive(Debug, Deserialize, Default)]
pub struct ResultsQuery {
    #[serde(default)]
    period: Option<String>,
    #[serde(default)]
    class: Option<String>,
    #[serde(default)]
    subject: Option<String>,
    /// "year": compare with the same period of the year before (the classes' cohorts);
    /// otherwise with the previous period of this year.
    #[serde(default)]
    versus: Option<String>,
}

fn parse_id(text: Option<&str>) -> AppResult<Option<Uuid>> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => Uuid::parse_str(t).map(Some).map_err(|_| AppError::NotFound),
        None => Ok(None),
    }
}

/// The page: the period's tables and, for the whole scope, the overview of the latest
/// procedures (lenient marking, problem zones, value-added by class).
async fn index(State(state): State<AppState>, Auth(v): Auth, Query(q): Query<ResultsQuery>) -> AppResult<ResultsPage> {
    let (page, focus) = build(&state, &v, &q).await?;
    let query = export_query(&q);
    let page = page.with_export_query(query);
    if focus == Focus::School {
        let signals = signals::load(&state, &v, &vsoko_i18n::Tr::new(&v.locale)).await?;
        return Ok(page.with_signals(signals));
    }
    Ok(page)
}

/// The tables of the page as a workbook, same period, focus and scope; for the whole school
/// also "the school at a glance".
async fn xlsx(State(state): State<AppState>, Auth(v): Auth, Query(q): Query<ResultsQuery>) -> AppResult<Response> {
    let (page, focus) = build(&state, &v, &q).await?;
    let mut sheet = page.sheet();
    if focus == Focus::School {
        let tr = vsoko_i18n::Tr::new(&v.locale);
        let signals = signals::load(&state, &v, &tr).await?;
        sheet.extra = signals::tables(&tr, &signals);
    }
    let bytes = vsoko_reports::analytics::results_xlsx(&sheet).map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?;
    Ok(crate::routes::download::xlsx("results.xlsx", "results.xlsx", bytes))
}

/// The same query for the export link.
fn export_query(q: &ResultsQuery) -> String {
    [
        ("period", &q.period),
        ("class", &q.class),
        ("subject", &q.subject),
        ("versus", &q.versus),
    ]
    .iter()
    .filter_map(|(k, v)| {
        v.as_deref()
            .filter(|v| !v.trim().is_empty())
            .map(|v| format!("{k}={}", v.trim()))
    })
    .collect::<Vec<_>>()
    .join("&")
}

async fn build(state: &AppState, v: &vsoko_store::Viewer, q: &ResultsQuery) -> AppResult<(ResultsPage, Focus)> {
    if !results::may_analyse(v) {
        return Err(AppError::NotFound);
    }
    let school = school_of(v)?;
    let ctx = PageCtx::new(state, v, "/results");
    let procedures = read::procedures(&state.db, v, None).await?;
    let Some(year) = years::current(&state.db, school).await? else {
        return Ok((ResultsPage::empty(ctx).with_procedures(procedures), Focus::School));
    };
    let periods = years::periods(&state.db, school, year.id).await?;
    let today = time::OffsetDateTime::now_utc().date();
    let (period, rows) = match parse_id(q.period.as_deref())? {
        Some(id) => {
            let p = periods.iter().find(|p| p.id == id).cloned().ok_or(AppError::NotFound)?;
            let rows = results::period_results(&state.db, v, &p).await?;
            (p, rows)
        }
        None => match default_period(state, v, &periods, today).await? {
            Some(found) => found,
            None => return Ok((ResultsPage::empty(ctx).with_procedures(procedures), Focus::School)),
        },
    };
    // The period before, of the same kind (quarter 2 → quarter 1), from the year's periods;
    // or, asked for, the same period of the year before with each class's rows carried to
    // the class its pupils are in now.
    let versus_year = q.versus.as_deref().map(str::trim) == Some("year");
    let mut year_before_label = None;
    let before = if versus_year {
        match same_period_year_before(state, v, &year, &period).await? {
            Some((rows, p, name)) => {
                year_before_label = Some(name);
                Some((rows, p))
            }
            None => None,
        }
    } else {
        match periods
            .iter()
            .find(|p| p.kind == period.kind && p.idx == period.idx - 1)
        {
            Some(p) => Some((results::period_results(&state.db, v, p).await?, p.clone())),
            None => None,
        }
    };
    let focus = match (parse_id(q.class.as_deref())?, parse_id(q.subject.as_deref())?) {
        (Some(c), _) if rows.iter().any(|r| r.class_id == c) => Focus::Class(c),
        (_, Some(s)) if rows.iter().any(|r| r.subject_id == s) => Focus::Subject(s),
        (None, None) => Focus::School,
        _ => return Err(AppError::NotFound),
    };
    Ok((
        ResultsPage::new(ctx, &period, &periods, rows, before, focus)
            .with_procedures(procedures)
            .versus_year(versus_year, year_before_label),
        focus,
    ))
}

/// The viewer's rows of the same period (kind and number) of the school year before, each
/// moved to the class its pupils are in this year (rows of classes that left are dropped),
/// with that period and the year's name; none without such a year or period.
async fn same_period_year_before(
    state: &AppState,
    v: &vsoko_store::Viewer,
    year: &years::Year,
    period: &years::Period,
) -> AppResult<Option<(Vec<results::ResultRow>, years::Period, String)>> {
    let school = school_of(v)?;
    let Some(before) = years::list(&state.db, school)
        .await?
        .into_iter()
        .filter(|y| y.start_date < year.start_date)
        .max_by_key(|y| y.start_date)
    else {
        return Ok(None);
    };
    let Some(p) = years::periods(&state.db, school, before.id)
        .await?
        .into_iter()
        .find(|p| p.kind == period.kind && p.idx == period.idx)
    else {
        return Ok(None);
    };
    let cohorts = results::cohort_classes(&state.db, school, before.id, year.id).await?;
    let rows = results::period_results(&state.db, v, &p)
        .await?
        .into_iter()
        .filter_map(|mut r| {
            let (class, name) = cohorts.get(&r.class_id)?;
            r.class_id = *class;
            r.class_name = name.clone();
            Some(r)
        })
        .collect();
    Ok(Some((rows, p, before.name)))
}

/// The last period that has begun and has any term marks in the viewer's scope, else the
/// period today falls in (or the last one that has begun), with the viewer's rows in it.
async fn default_period(
    state: &AppState,
    v: &vsoko_store::Viewer,
    periods: &[Period],
    today: time::Date,
) -> AppResult<Option<(Period, Vec<ResultRow>)>> {
    let mut latest: Option<(Period, Vec<ResultRow>)> = None;
    for p in periods.iter().rev().filter(|p| p.start_date <= today) {
        let rows = results::period_results(&state.db, v, p).await?;
        if rows.iter().any(|r| r.terms() != Default::default()) {
            return Ok(Some((p.clone(), rows)));
        }
        latest.get_or_insert((p.clone(), rows));
    }
    match latest {
        Some(found) => Ok(Some(found)),
        None => match periods.first() {
            Some(p) => Ok(Some((p.clone(), results::period_results(&state.db, v, p).await?))),
            None => Ok(None),
        },
    }
}
