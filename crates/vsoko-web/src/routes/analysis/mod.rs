//! `/assessments/{id}/analysis`: the analysis of one assessment procedure the way ФИОКО
//! recommends it (SPEC §5.4–5.5, ANALYTICS.md §2–3): mark statistics by class beside the
//! whole group, the test mark against the journal mark (objectivity signals), completion of
//! each task with its level, 95 % interval and status, planned results by codifier, task
//! completion by mark group, and the primary-score histogram with the mark boundaries from the
//! conversion table. Staff only, within their scope of results; every figure carries its n and
//! small groups say "too few to judge". The figures come from `vsoko_domain::analytics`,
//! whose methods are pinned to external oracles.

mod view;

use crate::auth::{Auth, school_of};
use crate::error::{AppError, AppResult};
use crate::page::PageCtx;
use crate::state::AppState;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use serde::Deserialize;
use uuid::Uuid;
use view::AnalysisPage;
use vsoko_store::assessment::{conversions, read};
use vsoko_store::results;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/assessments/{id}/analysis", get(show))
}

/// Query: one class to look at (default: all the viewer may see).
#[derive(Debug, Deserialize, Default)]
pub struct AnalysisQuery {
    #[serde(default)]
    class: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<Uuid>,
    Query(q): Query<AnalysisQuery>,
) -> AppResult<AnalysisPage> {
    if !results::may_analyse(&v) {
        return Err(AppError::NotFound);
    }
    let school = school_of(&v)?;
    let procedure = read::procedure(&state.db, &v, id).await?.ok_or(AppError::NotFound)?;
    let tasks = read::tasks(&state.db, &v, id).await?;
    let rows = read::results(&state.db, &v, id).await?;
    let conversion = conversions::of_procedure(&state.db, school, id).await?;
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
    let ctx = PageCtx::new(&state, &v, &format!("/assessments/{id}/analysis"));
    Ok(AnalysisPage::new(
        ctx,
        &procedure,
        &tasks,
        &rows,
        conversion.as_ref().map(|c| &c.table),
        class,
    ))
}
