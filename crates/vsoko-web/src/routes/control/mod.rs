//! `/control`: journal-keeping control (ВШК) for the administration, one tab at a time:
//! lessons without topic or homework per teacher, class-subjects where pupils have fewer
//! marks than the policy's minimum, marks entered late per teacher, and each class's
//! success rate, knowledge quality, СОУ and mean of the period (SPEC §4.2, from rollups).

mod view;

use crate::auth::{Auth, require, school_of};
use crate::error::{AppError, AppResult};
use crate::page::PageCtx;
use crate::state::AppState;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use serde::Deserialize;
use uuid::Uuid;
use view::ControlPage;
pub use view::decimal;
use vsoko_domain::roles::Permission;
use vsoko_store::journal::{control, policy};
use vsoko_store::structure::years;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/control", get(index))
}

/// The tabs, in display order.
pub const TABS: [&str; 4] = ["topics", "marks", "late", "overview"];

/// Default number of days after the lesson before a first save counts as late.
pub const DEFAULT_LATE_DAYS: i64 = 7;

/// Query of the page.
#[derive(Debug, Deserialize, Default)]
pub struct ControlQuery {
    /// Tab: topics, marks, late, overview.
    #[serde(default)]
    tab: Option<String>,
    /// Period (default: the current one).
    #[serde(default)]
    period: Option<String>,
    /// Days allowed between a lesson and its marks.
    #[serde(default)]
    late_days: Option<String>,
}

/// One tab of the control page for a period of the current year.
async fn index(State(state): State<AppState>, Auth(v): Auth, Query(q): Query<ControlQuery>) -> AppResult<ControlPage> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    let ctx = PageCtx::new(&state, &v, "/control");
    let today = time::OffsetDateTime::now_utc().date();
    let tab = q.tab.as_deref().filter(|t| TABS.contains(t)).unwrap_or("topics");
    let late_days = q
        .late_days
        .as_deref()
        .and_then(|d| d.trim().parse::<i64>().ok())
        .filter(|d| (0..=365).contains(d))
        .unwrap_or(DEFAULT_LATE_DAYS);
    let current = control::current_period(&state.db, school, today).await?;
    let chosen = match q.period.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(text) => {
            let id = Uuid::parse_str(text).map_err(|_| AppError::NotFound)?;
            Some(
                control::period(&state.db, school, id)
                    .await?
                    .ok_or(AppError::NotFound)?,
            )
        }
        None => current,
    };
    let Some(period) = chosen else {
        return Ok(ControlPage::empty(ctx, tab, late_days));
    };
    let periods = years::periods(&state.db, school, period.year_id).await?;
    let mut page = ControlPage::new(ctx, tab, late_days, &period, &periods);
    match tab {
        "topics" => page.topics(control::lessons_without_topic(&state.db, school, period.id, today).await?),
        "marks" => {
            let p = policy::get(&state.db, school, period.year_id).await?;
            page.short(
                p.min_marks,
                control::short_of_marks(&state.db, school, &period, &p, today).await?,
            );
        }
        "late" => page.late(control::late_marks(&state.db, school, &period, late_days).await?),
        _ => page.overview(control::class_overview(&state.db, school, &period).await?),
    }
    Ok(page)
}
