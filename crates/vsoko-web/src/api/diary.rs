//! `/api/v1/diary/{pupil_id}/…`: the e-diary as JSON for the pupil themself and the pupil's
//! parents — the week's lessons with the pupil's marks and attendance, and the marks of a
//! period by subject with the weighted mean, attendance and term marks. Staff get 403 (they
//! read the journal); any other pupil is 404.

use super::{ApiError, ApiPath, ApiQuery, ApiResult, problem};
use crate::auth::Auth;
use crate::error::AppError;
use crate::routes::diary::marks::pick_period;
use crate::routes::diary::{diary_pupil, monday_of};
use crate::state::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use time::{Date, Duration};
use uuid::Uuid;
use vsoko_store::diary::{self, DiaryLesson, DiaryMarks};
use vsoko_store::structure::{period_levels, years};

/// Which week.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WeekQuery {
    /// Any day of the week, `YYYY-MM-DD`; today when absent.
    #[serde(default)]
    pub date: Option<String>,
}

/// Which period.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MarksQuery {
    /// Period id; the current period when absent.
    #[serde(default, deserialize_with = "problem::empty_as_none")]
    #[param(value_type = Option<Uuid>)]
    pub period: Option<Uuid>,
}

/// A week of a pupil's diary.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DiaryWeek {
    /// Pupil.
    pub pupil_id: Uuid,
    /// Monday of the week.
    #[schema(value_type = String, format = Date)]
    #[serde(with = "vsoko_store::iso_date")]
    pub week_start: Date,
    /// Sunday of the week.
    #[schema(value_type = String, format = Date)]
    #[serde(with = "vsoko_store::iso_date")]
    pub week_end: Date,
    /// Lessons by date, then subject.
    pub lessons: Vec<DiaryLesson>,
}

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/diary/{pupil_id}/week", get(week))
        .route("/api/v1/diary/{pupil_id}/marks", get(marks))
}

/// A week of a pupil's diary.
///
/// The lessons of the week containing `date` (Monday to Sunday) of the pupil's classes and
/// subgroups: subject, teacher, topic, homework, work type, and the pupil's marks, attendance
/// code and the teacher's comment. For the pupil themself and their parents; other school
/// roles get 403, any other pupil 404.
#[utoipa::path(
    get,
    path = "/api/v1/diary/{pupil_id}/week",
    operation_id = "diary_week",
    tag = "diary",
    params(("pupil_id" = Uuid, Path, description = "Pupil id."), WeekQuery),
    responses(
        (status = 200, description = "The week.", body = DiaryWeek),
        (status = 403, description = "Not a pupil or parent.", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not the viewer's own or child's diary.", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`date` is not a date.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn week(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiPath(pupil_id): ApiPath<Uuid>,
    ApiQuery(q): ApiQuery<WeekQuery>,
) -> ApiResult<Json<DiaryWeek>> {
    let pupil = diary_pupil(&state.db, &v, pupil_id).await?;
    let day = match q.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => problem::parse_date("date", d)?,
        None => problem::today(),
    };
    let week_start = monday_of(day);
    let week_end = week_start + Duration::days(6);
    let lessons = diary::week(&state.db, &v, pupil.id, week_start, week_end).await?;
    Ok(Json(DiaryWeek {
        pupil_id: pupil.id,
        week_start,
        week_end,
        lessons,
    }))
}

/// A period's marks in a pupil's diary.
///
/// Per subject of the period: every mark in date order with its work type and weight, the
/// weighted mean under the school's grading policy with the number of marks, and the term
/// mark when set; the period's absences by code; and the year's term and year marks. For the
/// pupil themself and their parents; other school roles get 403, any other pupil or period 404.
#[utoipa::path(
    get,
    path = "/api/v1/diary/{pupil_id}/marks",
    operation_id = "diary_marks",
    tag = "diary",
    params(("pupil_id" = Uuid, Path, description = "Pupil id."), MarksQuery),
    responses(
        (status = 200, description = "The period's marks.", body = DiaryMarks),
        (status = 403, description = "Not a pupil or parent.", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not the viewer's own or child's diary, or no such period.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn marks(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiPath(pupil_id): ApiPath<Uuid>,
    ApiQuery(q): ApiQuery<MarksQuery>,
) -> ApiResult<Json<DiaryMarks>> {
    let pupil = diary_pupil(&state.db, &v, pupil_id).await?;
    let year = years::current(&state.db, v.school()).await?.ok_or(AppError::NotFound)?;
    let periods = period_levels::pupil_periods(&state.db, v.school(), pupil.id, year.id).await?;
    if q.period.is_some_and(|id| !periods.iter().any(|p| p.id == id)) {
        return Err(ApiError(AppError::NotFound));
    }
    let period = pick_period(&periods, q.period, problem::today()).ok_or(AppError::NotFound)?;
    Ok(Json(
        diary::period_report(&state.db, &v, pupil.id, year.id, period.id).await?,
    ))
}
