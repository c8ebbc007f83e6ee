//! The period kind per grade range on the policy page: grades not listed keep the year's
//! kind; a range (e.g. 10–11 in half-years) gets the periods of its kind. Saved by
//! `period_levels::set_levels`, which refuses a change for grades that already have lessons.

use super::{PATH, may_edit, page};
use crate::auth::{Auth, require, school_of};
use crate::error::{AppError, AppResult};
use crate::forms::FieldErrors;
use crate::state::AppState;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use vsoko_domain::roles::Permission;
use vsoko_domain::structure::{PeriodKind, PeriodLevel, PeriodLevelError, check_period_levels};
use vsoko_i18n::Tr;
use vsoko_store::structure::{period_levels, years};
use vsoko_store::{Actor, StoreError};

/// How many range rows the form offers.
pub const ROWS: usize = 3;

/// One row of the ranges form as typed (empty strings for a blank row).
#[derive(Debug, Clone, Default)]
pub struct LevelRow {
    /// First grade.
    pub from: String,
    /// Last grade.
    pub to: String,
    /// Kind code.
    pub kind: String,
}

impl LevelRow {
    /// The rows of stored ranges, padded with blank rows to [`ROWS`].
    pub fn rows_of(levels: &[PeriodLevel]) -> Vec<LevelRow> {
        let mut rows: Vec<LevelRow> = levels
            .iter()
            .map(|l| LevelRow {
                from: l.from_grade.to_string(),
                to: l.to_grade.to_string(),
                kind: l.kind.code().to_string(),
            })
            .collect();
        rows.resize(rows.len().max(ROWS), LevelRow::default());
        rows
    }
}

/// The kind choices: (code, label).
pub fn kind_options(tr: &Tr) -> Vec<(&'static str, String)> {
    [PeriodKind::Quarter, PeriodKind::Trimester, PeriodKind::HalfYear]
        .into_iter()
        .map(|k| (k.code(), tr.t(&format!("structure-kind-{}", k.code()))))
        .collect()
}

/// Reads the typed rows (`from_N`, `to_N`, `kind_N`); blank rows are skipped. A grade that
/// is not a number or an unknown kind is an error on `period_levels`.
fn parse(pairs: &[(String, String)], tr: &Tr, errors: &mut FieldErrors) -> (Vec<LevelRow>, Vec<PeriodLevel>) {
    let get = |name: String| {
        pairs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let rows: Vec<LevelRow> = (0..ROWS)
        .map(|i| LevelRow {
            from: get(format!("from_{i}")),
            to: get(format!("to_{i}")),
            kind: get(format!("kind_{i}")),
        })
        .collect();
    let mut levels = Vec::new();
    for r in rows.iter().filter(|r| !(r.from.is_empty() && r.to.is_empty())) {
        match (r.from.parse(), r.to.parse(), PeriodKind::parse(&r.kind)) {
            (Ok(from_grade), Ok(to_grade), Some(kind)) => levels.push(PeriodLevel {
                from_grade,
                to_grade,
                kind,
            }),
            _ => {
                errors.add("period_levels", tr.t("policy-levels-error-row"));
                return (rows, Vec::new());
            }
        }
    }
    match check_period_levels(&levels) {
        Ok(()) => {}
        Err(PeriodLevelError::BadRange) => errors.add("period_levels", tr.t("policy-levels-error-range")),
        Err(PeriodLevelError::Overlap) => errors.add("period_levels", tr.t("policy-levels-error-overlap")),
    }
    (rows, levels)
}

/// Saves the grade ranges of the current year; errors re-render the page with 422.
pub async fn update(
    State(state): State<AppState>,
    Auth(v): Auth,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    require(&v, Permission::ManageStructure)?;
    if !may_edit(&v) {
        return Err(AppError::Forbidden);
    }
    let school = school_of(&v)?;
    let tr = Tr::new(&v.locale);
    let mut errors = FieldErrors::new();
    let (rows, levels) = parse(&pairs, &tr, &mut errors);
    match years::current(&state.db, school).await? {
        None => errors.add("period_levels", tr.t("policy-no-year")),
        Some(year) if errors.is_empty() => {
            let actor = Actor::user(v.user_id, &v.login);
            let saved = state
                .db
                .write(move |tx| {
                    Box::pin(async move { period_levels::set_levels(tx, &actor, school, year.id, &levels).await })
                })
                .await;
            match saved {
                Ok(()) => return Ok(Redirect::to(&format!("{PATH}?saved=1#period-levels")).into_response()),
                Err(StoreError::Conflict { message, .. }) => {
                    errors.add("period_levels", tr.s("policy-levels-error-started", "grade", &message));
                }
                Err(e) => return Err(e.into()),
            }
        }
        Some(_) => {}
    }
    let mut p = page(&state, &v, None, errors, None).await?;
    p.level_rows = rows;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, p).into_response())
}
