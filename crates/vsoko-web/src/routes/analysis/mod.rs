//! `/assessments/{id}/analysis`: the analysis of one assessment procedure the way ФИОКО
//! recommends it (SPEC §5.4–5.5, ANALYTICS.md §2–3): mark statistics by class beside the
//! whole group, the test mark against the journal mark (objectivity signals), completion of
//! each task with its level, 95 % interval and status, planned results by codifier, task
//! completion by mark group, and the primary-score histogram with the mark boundaries from the
//! conversion table, and the same work a year earlier side by side. Staff only, within their scope of results; every figure carries its n and
//! small groups say "too few to judge". The figures come from `vsoko_domain::analytics`,
//! whose methods are pinned to external oracles.

pub(crate) mod compare;
mod export;
pub(crate) mod view;
pub(crate) mod year;

use crate::auth::{Auth, school_of};
use crate::error::{AppError, AppResult};
use crate::page::PageCtx;
use crate::state::AppState;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use uuid::Uuid;
use view::AnalysisPage;
use vsoko_store::Viewer;
use vsoko_store::assessment::{conversions, read};
use vsoko_store::results;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/assessments/{id}/analysis", get(show))
        .route("/assessments/{id}/analysis.xlsx", get(xlsx))
}

/// Query: one class to look at (default: all the viewer may see).
#[derive(Debug, Deserialize, Default)]
pub struct AnalysisQuery {
    #[serde(default)]
    class: Option<String>,
}

/// What the page and the export read: the procedure, its tasks, the results in scope and
/// the class in focus (404 for a class without results in scope).
struct Loaded {
    procedure: read::Procedure,
    tasks: Vec<read::Task>,
    rows: Vec<read::AssessmentResult>,
    class: Option<String>,
}

async fn load(state: &AppState, v: &Viewer, id: Uuid, q: &AnalysisQuery) -> AppResult<Loaded> {
    if !results::may_analyse(v) {
        return Err(AppError::NotFound);
    }
    school_of(v)?;
    let procedure = read::procedure(&state.db, v, id).await?.ok_or(AppError::NotFound)?;
    let tasks = read::tasks_for(&state.db, v, &procedure).await?;
    let rows = read::results(&state.db, v, id).await?;
    let class = q
        .class
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned);
    if let Some(c) = &class
        && !rows.iter().any(|r| &r.class_name == c)
    {
        return Err(AppError::NotFound);
    }
    Ok(Loaded {
        procedure,
        tasks,
        rows,
        class,
    })
}

async fn show(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<Uuid>,
    Query(q): Query<AnalysisQuery>,
) -> AppResult<AnalysisPage> {
    let l = load(&state, &v, id, &q).await?;
    let conversion = conversions::of_procedure(&state.db, school_of(&v)?, id).await?;
    let comparison = vsoko_store::assessment::compare::for_procedure(&state.db, &v, id).await?;
    let earlier = year::load(&state, &v, &l.procedure, &l.tasks, &l.rows).await?;
    let ctx = PageCtx::new(&state, &v, &format!("/assessments/{id}/analysis"));
    Ok(AnalysisPage::new(
        ctx,
        &l.procedure,
        &l.tasks,
        &l.rows,
        conversion.as_ref().map(|c| &c.table),
        l.class,
    )
    .with_comparison(comparison)
    .with_year_earlier(earlier.as_ref()))
}

/// The page's tables as a workbook, same focus and scope.
async fn xlsx(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<Uuid>,
    Query(q): Query<AnalysisQuery>,
) -> AppResult<Response> {
    let l = load(&state, &v, id, &q).await?;
    let tr = vsoko_i18n::Tr::new(&v.locale);
    let comparison = vsoko_store::assessment::compare::for_procedure(&state.db, &v, id).await?;
    let earlier = year::load(&state, &v, &l.procedure, &l.tasks, &l.rows).await?;
    let mut sheet = export::sheet(
        &tr,
        &l.procedure,
        &l.tasks,
        &l.rows,
        l.class.as_deref(),
        comparison.as_ref(),
    );
    sheet.year_earlier = earlier.as_ref().map(|y| year::tables(&tr, y));
    let bytes = vsoko_reports::analytics::analysis_xlsx(&sheet).map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?;
    Ok(crate::routes::download::xlsx("analysis.xlsx", "analysis.xlsx", bytes))
}
