//! `GET /api/v1/years`: the school's academic years with their periods.

use super::ApiResult;
use crate::auth::{Auth, school_of};
use crate::state::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use vsoko_store::structure::years::{self, Period, Year};

/// A year with its periods.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct YearWithPeriods {
    /// The year.
    #[serde(flatten)]
    pub year: Year,
    /// Its periods in order.
    pub periods: Vec<Period>,
}

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/years", get(index))
}

/// Academic years with periods.
///
/// The academic years of the viewer's school, newest first, each with its periods in order.
#[utoipa::path(
    get,
    path = "/api/v1/years",
    operation_id = "years_index",
    tag = "structure",
    responses(
        (status = 200, description = "Years with periods.", body = Vec<YearWithPeriods>),
        (status = 403, description = "Not a school role.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn index(State(state): State<AppState>, Auth(v): Auth) -> ApiResult<Json<Vec<YearWithPeriods>>> {
    let school = school_of(&v)?;
    let mut out = Vec::new();
    for year in years::list(&state.db, school).await? {
        let periods = years::periods(&state.db, school, year.id).await?;
        out.push(YearWithPeriods { year, periods });
    }
    Ok(Json(out))
}
