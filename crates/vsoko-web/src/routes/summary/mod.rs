//! `/classes/{id}/summary`: the class teacher's summary of a period ("сводная ведомость")
//! — every pupil × subject with the term mark, else the weighted mean in grey; attendance
//! totals; the pupils at risk of a "2" or н/а — and its XLSX export for printing. Visible
//! to the class teacher of the class and the administration; anyone else gets 404.

mod view;

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
use view::{Shown, SummaryPage};
use vsoko_store::Viewer;
use vsoko_store::journal::{policy, summary};
use vsoko_store::structure::classes;
use vsoko_store::structure::period_levels;
use vsoko_store::structure::years::{self, Period};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/classes/{id}/summary", get(show))
        .route("/classes/{id}/summary.xlsx", get(xlsx))
}

/// Query: the period (default: the one today falls in, or the last one that has started).
#[derive(Debug, Deserialize, Default)]
pub struct SummaryQuery {
    #[serde(default)]
    period: Option<String>,
}

/// Loads everything the page and the export show; 404 unless the viewer may see it.
async fn load(state: &AppState, v: &Viewer, id: Uuid, q: &SummaryQuery) -> AppResult<Shown> {
    let school = school_of(v)?;
    if !summary::may_view(&state.db, v, id).await? {
        return Err(AppError::NotFound);
    }
    let class = classes::get_visible(&state.db, v, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let periods = period_levels::class_periods(&state.db, school, class.id).await?;
    let today = time::OffsetDateTime::now_utc().date();
    let period: Period = match q.period.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(text) => {
            let pid = Uuid::parse_str(text).map_err(|_| AppError::NotFound)?;
            periods
                .iter()
                .find(|p| p.id == pid)
                .cloned()
                .ok_or(AppError::NotFound)?
        }
        None => periods
            .iter()
            .rev()
            .find(|p| p.start_date <= today)
            .or(periods.first())
            .cloned()
            .ok_or(AppError::NotFound)?,
    };
    let year = years::get(&state.db, school, class.year_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let p = policy::get(&state.db, school, class.year_id).await?;
    let data = summary::class_summary(&state.db, school, id, &period, &p).await?;
    Ok(Shown {
        class,
        year_name: year.name,
        period,
        periods,
        data,
        today,
    })
}

/// The summary page.
async fn show(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<Uuid>,
    Query(q): Query<SummaryQuery>,
) -> AppResult<SummaryPage> {
    let shown = load(&state, &v, id, &q).await?;
    let ctx = PageCtx::new(&state, &v, &format!("/classes/{id}/summary"));
    Ok(SummaryPage::new(ctx, shown))
}

/// The summary as an XLSX workbook.
async fn xlsx(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<Uuid>,
    Query(q): Query<SummaryQuery>,
) -> AppResult<Response> {
    let shown = load(&state, &v, id, &q).await?;
    let tr = vsoko_i18n::Tr::new(&v.locale);
    let sheet = view::sheet(&tr, &shown);
    let bytes = vsoko_reports::journal::summary_xlsx(&sheet).map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?;
    let name = format!("summary-{}-{}.xlsx", shown.class.name, shown.period.idx);
    let ascii = format!("summary-{}.xlsx", shown.period.idx);
    Ok(crate::routes::download::xlsx(&name, &ascii, bytes))
}
