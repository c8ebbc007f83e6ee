//! `/value-added`: value-added of classes between two procedures of the same subject with
//! linked pupils (ANALYTICS.md §1.1–1.2): pairs are suggested automatically (same subject,
//! prior held earlier, at least 10 pupils in both); the page shows the random-intercept model
//! (slope, τ², σ², n) fitted on every linked pupil of the school and, for the classes in the
//! viewer's scope, n, the empirical-Bayes effect with its 95 % interval, the reliability and
//! the residual gain with its interval. Below 10 pupils "too few to judge", 10–19 "low
//! reliability"; a group whose interval holds 0 is "not distinguishable from the school",
//! never ranked. Per teacher (of the class-subject in the current procedure's year) only for
//! the director, the deputy and the teacher himself (his own line), labelled methodical
//! support, not appraisal. `/value-added.xlsx` exports the same tables.

pub(crate) mod view;

pub use view::{TeacherAccess, VaLine, VaTable, Verdict, class_table, teacher_table};

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
use view::ValueAddedPage;
use vsoko_domain::roles::Role;
use vsoko_store::Viewer;
use vsoko_store::assessment::read;
use vsoko_store::assessment::value_added::{self as pairs, PairSuggestion};
use vsoko_store::results;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/value-added", get(index))
        .route("/value-added.xlsx", get(xlsx))
}

/// Query: the pair as `pair=PRIOR:CURRENT` (the selector) or `prior` and `current`;
/// default: the first suggestion.
#[derive(Debug, Deserialize, Default)]
pub struct VaQuery {
    #[serde(default)]
    pair: Option<String>,
    #[serde(default)]
    prior: Option<String>,
    #[serde(default)]
    current: Option<String>,
}

impl VaQuery {
    fn ids(&self) -> AppResult<Option<(Uuid, Uuid)>> {
        let parse = |s: &str| Uuid::parse_str(s.trim()).map_err(|_| AppError::NotFound);
        if let Some((a, b)) = self.pair.as_deref().and_then(|p| p.split_once(':')) {
            return Ok(Some((parse(a)?, parse(b)?)));
        }
        match (self.prior.as_deref(), self.current.as_deref()) {
            (Some(a), Some(b)) if !a.trim().is_empty() && !b.trim().is_empty() => Ok(Some((parse(a)?, parse(b)?))),
            _ => Ok(None),
        }
    }
}

/// Who sees teacher lines: director and deputy all, a teacher his own.
pub fn teacher_access(v: &Viewer) -> TeacherAccess {
    if v.has(Role::Director) || v.has(Role::Deputy) {
        TeacherAccess::All
    } else if let Some(staff) = v.staff_id.filter(|_| v.has(Role::Teacher)) {
        TeacherAccess::Own(staff)
    } else {
        TeacherAccess::None
    }
}

/// The computed tables of one pair.
pub struct Fitted {
    /// The pair.
    pub pair: PairSuggestion,
    /// By class.
    pub classes: VaTable,
    /// By teacher, when the viewer may see any.
    pub teachers: Option<VaTable>,
}

/// The pair asked for (or the first suggestion) with its tables; `None` when there is no
/// pair at all; 404 for a pair the viewer cannot see.
pub async fn fit(
    state: &AppState,
    v: &Viewer,
    tr: &vsoko_i18n::Tr,
    suggestions: &[PairSuggestion],
    asked: Option<(Uuid, Uuid)>,
) -> AppResult<Option<Fitted>> {
    let pair = match asked {
        Some((prior, current)) => {
            let found = suggestions
                .iter()
                .find(|s| s.prior.id == prior && s.current.id == current)
                .cloned();
            match found {
                Some(s) => s,
                None => {
                    let p = read::procedure(&state.db, v, prior).await?.ok_or(AppError::NotFound)?;
                    let c = read::procedure(&state.db, v, current)
                        .await?
                        .ok_or(AppError::NotFound)?;
                    if p.subject_id != c.subject_id || p.id == c.id {
                        return Err(AppError::NotFound);
                    }
                    PairSuggestion {
                        prior: p,
                        current: c,
                        linked: 0,
                    }
                }
            }
        }
        None => match suggestions.first() {
            Some(s) => s.clone(),
            None => return Ok(None),
        },
    };
    let linked = pairs::linked_pairs(&state.db, v, &pair.prior, &pair.current).await?;
    let classes = class_table(tr, &linked);
    let access = teacher_access(v);
    let teachers = if access == TeacherAccess::None {
        None
    } else {
        let staff = pairs::class_teachers(&state.db, v, &pair.current).await?;
        teacher_table(tr, &linked, &staff, access)
    };
    let pair = PairSuggestion {
        linked: i64::try_from(linked.len()).unwrap_or(i64::MAX),
        ..pair
    };
    Ok(Some(Fitted {
        pair,
        classes,
        teachers,
    }))
}

async fn index(State(state): State<AppState>, Auth(v): Auth, Query(q): Query<VaQuery>) -> AppResult<ValueAddedPage> {
    if !results::may_analyse(&v) {
        return Err(AppError::NotFound);
    }
    school_of(&v)?;
    let ctx = PageCtx::new(&state, &v, "/value-added");
    let suggestions = pairs::suggestions(&state.db, &v).await?;
    let fitted = fit(&state, &v, &ctx.tr, &suggestions, q.ids()?).await?;
    Ok(ValueAddedPage::new(
        ctx,
        &suggestions,
        fitted.map(|f| (f.pair, f.classes, f.teachers)),
    ))
}

async fn xlsx(State(state): State<AppState>, Auth(v): Auth, Query(q): Query<VaQuery>) -> AppResult<Response> {
    if !results::may_analyse(&v) {
        return Err(AppError::NotFound);
    }
    school_of(&v)?;
    let tr = vsoko_i18n::Tr::new(&v.locale);
    let suggestions = pairs::suggestions(&state.db, &v).await?;
    let fitted = fit(&state, &v, &tr, &suggestions, q.ids()?)
        .await?
        .ok_or(AppError::NotFound)?;
    let sheet = view::sheet(&tr, &fitted);
    let bytes =
        vsoko_reports::analytics::value_added_xlsx(&sheet).map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?;
    Ok(crate::routes::download::xlsx(
        "value-added.xlsx",
        "value-added.xlsx",
        bytes,
    ))
}
