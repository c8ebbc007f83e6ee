//! `/api/v1/lessons`, `/api/v1/period-marks`, `/api/v1/attendance`: the e-journal's
//! lessons, term and year marks, and attendance totals, scoped exactly like the journal
//! pages — reading needs the class-subject's journal (its teacher, the class teacher, the
//! administration), writing needs its teacher or the deputy; out of scope is 404.

use super::{ApiError, ApiJson, ApiQuery, ApiResult, problem::created, problem::empty_as_none, problem::parse_date};
use crate::auth::{Auth, school_of};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use vsoko_domain::roles::Role;
use vsoko_store::journal::lessons::{self, Lesson, LessonInput};
use vsoko_store::journal::period_marks::{self, PeriodMarkInput, PeriodMarkRow};
use vsoko_store::journal::{access, control, summary};
use vsoko_store::structure::classes;
use vsoko_store::structure::years::Period;
use vsoko_store::{Actor, Viewer};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/lessons", get(lessons_index).post(lessons_create))
        .route(
            "/api/v1/period-marks",
            get(period_marks_index).post(period_marks_create),
        )
        .route("/api/v1/attendance", get(attendance_index))
}

/// Which journal to read.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JournalQuery {
    /// Class.
    #[serde(default, deserialize_with = "empty_as_none")]
    #[param(value_type = Uuid)]
    pub class_id: Option<Uuid>,
    /// Subject.
    #[serde(default, deserialize_with = "empty_as_none")]
    #[param(value_type = Uuid)]
    pub subject_id: Option<Uuid>,
    /// Subgroup (empty = the whole class).
    #[serde(default)]
    pub subgroup: String,
    /// Period (default: the current period of the school year).
    #[serde(default, deserialize_with = "empty_as_none")]
    #[param(value_type = Option<Uuid>)]
    pub period_id: Option<Uuid>,
}

/// Only those who keep journals write to them.
pub(crate) fn require_writer(v: &Viewer) -> ApiResult<()> {
    if v.has(Role::Deputy) || v.has(Role::Teacher) {
        Ok(())
    } else {
        Err(AppError::Forbidden.into())
    }
}

/// The period asked for (of the viewer's school), or the current one; 404 when neither.
pub(crate) async fn period_of(state: &AppState, school: Uuid, id: Option<Uuid>) -> ApiResult<Period> {
    let found = match id {
        Some(id) => control::period(&state.db, school, id).await?,
        None => control::current_period(&state.db, school, time::OffsetDateTime::now_utc().date()).await?,
    };
    Ok(found.ok_or(AppError::NotFound)?)
}

/// Class and subject of a journal query the viewer may read; 422 when missing, 404 when
/// the journal is outside the viewer's scope.
pub(crate) async fn readable(state: &AppState, v: &Viewer, q: &JournalQuery) -> ApiResult<(Uuid, Uuid)> {
    school_of(v)?;
    let class_id = q.class_id.ok_or_else(|| ApiError::invalid("class_id", "required"))?;
    let subject_id = q
        .subject_id
        .ok_or_else(|| ApiError::invalid("subject_id", "required"))?;
    if !access::may_read(&state.db, v, class_id, subject_id).await? {
        return Err(AppError::NotFound.into());
    }
    Ok((class_id, subject_id))
}

/// Lessons of a journal.
///
/// The lessons of a class-subject (or subgroup) in a period (default: the current one), by
/// date: topic, homework, work type, teacher. Readable by the subject's teacher, the class
/// teacher and the administration; 404 for anyone else.
#[utoipa::path(
    get,
    path = "/api/v1/lessons",
    operation_id = "lessons_index",
    tag = "journal",
    params(JournalQuery),
    responses(
        (status = 200, description = "Lessons by date.", body = Vec<Lesson>),
        (status = 404, description = "No such journal in the viewer's scope.", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`class_id` or `subject_id` missing.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn lessons_index(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiQuery(q): ApiQuery<JournalQuery>,
) -> ApiResult<Json<Vec<Lesson>>> {
    let (class_id, subject_id) = readable(&state, &v, &q).await?;
    let period = period_of(&state, v.school(), q.period_id).await?;
    Ok(Json(
        lessons::list(
            &state.db,
            v.school(),
            class_id,
            subject_id,
            q.subgroup.trim(),
            period.id,
        )
        .await?,
    ))
}

/// A new lesson.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct LessonBody {
    /// Class.
    pub class_id: Option<Uuid>,
    /// Subject.
    pub subject_id: Option<Uuid>,
    /// Subgroup ("" = whole class).
    pub subgroup: String,
    /// Date, YYYY-MM-DD (inside a period of the class's year).
    pub date: String,
    /// Topic.
    pub topic: String,
    /// Homework.
    pub homework: String,
    /// Work type code of the grading policy (default "classwork").
    pub work_type: String,
    /// Why, when the period has ended and was reopened.
    pub reason: Option<String>,
}

/// Add a lesson.
///
/// Adds a lesson to a class-subject's journal. Only its teacher (or the deputy) may; the
/// date must fall in a period that is open (a reopened period needs a `reason`).
#[utoipa::path(
    post,
    path = "/api/v1/lessons",
    operation_id = "lessons_create",
    tag = "journal",
    request_body = LessonBody,
    responses(
        (status = 201, description = "Created; `Location` names the journal.", body = Lesson),
        (status = 403, description = "The role keeps no journal.", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not the viewer's class-subject.", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid, the date is outside every period, or the period is locked.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn lessons_create(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiJson(b): ApiJson<LessonBody>,
) -> ApiResult<Response> {
    require_writer(&v)?;
    let school = school_of(&v)?;
    let input = LessonInput {
        class_id: b.class_id.ok_or_else(|| ApiError::invalid("class_id", "required"))?,
        subject_id: b
            .subject_id
            .ok_or_else(|| ApiError::invalid("subject_id", "required"))?,
        subgroup: b.subgroup.trim().to_string(),
        date: parse_date("date", &b.date)?,
        topic: b.topic,
        homework: b.homework,
        work_type: if b.work_type.trim().is_empty() {
            "classwork".into()
        } else {
            b.work_type.trim().to_string()
        },
        reason: b.reason,
    };
    let (actor, viewer, today) = (
        Actor::user(v.user_id, &v.login),
        v.clone(),
        time::OffsetDateTime::now_utc().date(),
    );
    let id = state
        .db
        .write(move |tx| {
            Box::pin(async move {
                let id = lessons::create(tx, &actor, &viewer, &input, today).await?;
                lessons::get_in(tx, school, id).await
            })
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let location = format!(
        "/api/v1/lessons?class_id={}&subject_id={}&period_id={}",
        id.class_id, id.subject_id, id.period_id
    );
    Ok(created(location, id))
}

/// Which term marks to read.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodMarksQuery {
    /// Class.
    #[serde(default, deserialize_with = "empty_as_none")]
    #[param(value_type = Uuid)]
    pub class_id: Option<Uuid>,
    /// Subject.
    #[serde(default, deserialize_with = "empty_as_none")]
    #[param(value_type = Uuid)]
    pub subject_id: Option<Uuid>,
    /// Period (default: the current one); ignored with `year=true`.
    #[serde(default, deserialize_with = "empty_as_none")]
    #[param(value_type = Option<Uuid>)]
    pub period_id: Option<Uuid>,
    /// Year marks instead of a period's.
    #[serde(default)]
    pub year: bool,
}

/// Term or year marks of a journal.
///
/// The term marks of a class-subject for a period (default: the current one), or its year
/// marks with `year=true`: "2"–"5", "na" (н/а), "exempt" (осв.), "pass", "fail".
#[utoipa::path(
    get,
    path = "/api/v1/period-marks",
    operation_id = "period_marks_index",
    tag = "journal",
    params(PeriodMarksQuery),
    responses(
        (status = 200, description = "Term or year marks.", body = Vec<PeriodMarkRow>),
        (status = 404, description = "No such journal in the viewer's scope.", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`class_id` or `subject_id` missing.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn period_marks_index(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiQuery(q): ApiQuery<PeriodMarksQuery>,
) -> ApiResult<Json<Vec<PeriodMarkRow>>> {
    let jq = JournalQuery {
        class_id: q.class_id,
        subject_id: q.subject_id,
        subgroup: String::new(),
        period_id: q.period_id,
    };
    let (class_id, subject_id) = readable(&state, &v, &jq).await?;
    let key = if q.year {
        classes::get_visible(&state.db, &v, class_id)
            .await?
            .ok_or(AppError::NotFound)?
            .year_id
    } else {
        period_of(&state, v.school(), q.period_id).await?.id
    };
    Ok(Json(
        period_marks::of_class(&state.db, v.school(), class_id, subject_id, key).await?,
    ))
}

/// A term mark as stored, and what a stale page overwrote.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PeriodMarkSaved {
    /// The mark as stored now.
    pub mark: PeriodMarkRow,
    /// What this save overwrote when `expected_version` was stale.
    pub overwritten: Option<PeriodMarkRow>,
}

/// Set a term or year mark.
///
/// Sets a pupil's term mark (`period_id`) or year mark (`period_id` null): "2"–"5", "н/а",
/// "осв", "зач", "незач". Only the subject's teacher in that class (or the deputy) may;
/// a locked period refuses it, a reopened one needs a `reason`. Last write wins; a stale
/// `expected_version` is answered with what it overwrote.
#[utoipa::path(
    post,
    path = "/api/v1/period-marks",
    operation_id = "period_marks_create",
    tag = "journal",
    request_body = PeriodMarkInput,
    responses(
        (status = 200, description = "Saved.", body = PeriodMarkSaved),
        (status = 403, description = "The role keeps no journal.", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not the viewer's class-subject.", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad value, pupil not in the class, or the period is locked.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn period_marks_create(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiJson(input): ApiJson<PeriodMarkInput>,
) -> ApiResult<Json<PeriodMarkSaved>> {
    require_writer(&v)?;
    school_of(&v)?;
    let (actor, viewer, today) = (
        Actor::user(v.user_id, &v.login),
        v.clone(),
        time::OffsetDateTime::now_utc().date(),
    );
    let (mark, overwritten) = state
        .db
        .write(move |tx| Box::pin(async move { period_marks::set(tx, &actor, &viewer, &input, today).await }))
        .await?;
    Ok(Json(PeriodMarkSaved { mark, overwritten }))
}

/// Which class's attendance to total.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AttendanceQuery {
    /// Class.
    #[serde(default, deserialize_with = "empty_as_none")]
    #[param(value_type = Uuid)]
    pub class_id: Option<Uuid>,
    /// Period (default: the current one).
    #[serde(default, deserialize_with = "empty_as_none")]
    #[param(value_type = Option<Uuid>)]
    pub period_id: Option<Uuid>,
}

/// A pupil's attendance totals in a period over every subject.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AttendanceTotals {
    /// Pupil.
    pub pupil_id: Uuid,
    /// "Фамилия Имя".
    pub name: String,
    /// Lessons missed (Н, Б, УП).
    pub absences: i64,
    /// Of which ill (Б).
    pub ill: i64,
    /// Of which for a valid reason (УП).
    pub excused: i64,
    /// Late arrivals (ОП).
    pub late: i64,
}

/// Attendance of a class.
///
/// Every pupil of a class in a period (default: the current one) with lessons missed, of
/// which ill and for a valid reason, and late arrivals. Readable by whoever sees the class.
#[utoipa::path(
    get,
    path = "/api/v1/attendance",
    operation_id = "attendance_index",
    tag = "journal",
    params(AttendanceQuery),
    responses(
        (status = 200, description = "Pupils by name.", body = Vec<AttendanceTotals>),
        (status = 404, description = "No such class in the viewer's scope.", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`class_id` missing.", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn attendance_index(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiQuery(q): ApiQuery<AttendanceQuery>,
) -> ApiResult<Json<Vec<AttendanceTotals>>> {
    let school = school_of(&v)?;
    let class_id = q.class_id.ok_or_else(|| ApiError::invalid("class_id", "required"))?;
    classes::get_visible(&state.db, &v, class_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let period = period_of(&state, school, q.period_id).await?;
    let pupils = summary::attendance(&state.db, school, class_id, &period).await?;
    Ok(Json(
        pupils
            .into_iter()
            .map(|p| AttendanceTotals {
                pupil_id: p.id,
                name: p.name,
                absences: p.absences,
                ill: p.ill,
                excused: p.excused,
                late: p.late,
            })
            .collect(),
    ))
}
