//! Lessons of a class-subject (or subgroup): date, topic, homework, work type. A lesson
//! belongs to the period its date falls in and to the teacher assigned to its class,
//! subject and subgroup. Lessons are planned one by one or from a list of dates.

use super::{access, locks};
use crate::audit::{self, Change};
use crate::structure::period_levels::class_periods_in;
use crate::{Actor, Db, Result, StoreError, Tx, Viewer, now};
use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

/// A lesson.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct Lesson {
    /// Id.
    pub id: Uuid,
    /// Period.
    pub period_id: Uuid,
    /// Class.
    pub class_id: Uuid,
    /// Subject.
    pub subject_id: Uuid,
    /// Subgroup ("" = whole class).
    pub subgroup: String,
    /// Teacher.
    pub staff_id: Uuid,
    /// Date.
    #[schema(value_type = String, format = Date)]
    #[serde(with = "crate::iso_date")]
    pub lesson_date: Date,
    /// Number of the lesson on that day for this class-subject (1 unless doubled).
    pub ordinal: i64,
    /// Topic.
    pub topic: String,
    /// Homework.
    pub homework: String,
    /// Work type code (weights come from the grading policy).
    pub work_type: String,
}

/// What a teacher enters for a lesson.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LessonInput {
    /// Class.
    pub class_id: Uuid,
    /// Subject.
    pub subject_id: Uuid,
    /// Subgroup ("" = whole class).
    pub subgroup: String,
    /// Date.
    pub date: Date,
    /// Topic.
    pub topic: String,
    /// Homework.
    pub homework: String,
    /// Work type code.
    pub work_type: String,
    /// Why, when the period has ended and was reopened.
    #[serde(default)]
    pub reason: Option<String>,
}

macro_rules! select_lessons {
    ($where:literal) => {
        concat!(
            "SELECT id, period_id, class_id, subject_id, subgroup, staff_id, lesson_date, ordinal, topic, homework, work_type FROM lessons WHERE school_id = $1 AND NOT is_deleted ",
            $where
        )
    };
}

/// Creates a lesson; the teacher is the one assigned to the class, subject and subgroup.
pub async fn create(tx: &mut Tx, actor: &Actor, v: &Viewer, i: &LessonInput, today: Date) -> Result<Uuid> {
    let school = v.school();
    if !access::may_write(tx, v, i.class_id, i.subject_id, &i.subgroup).await? {
        return Err(StoreError::NotFound);
    }
    let year_id =
        opt_scalar!(tx: tx, Uuid, "SELECT year_id FROM classes WHERE school_id = $1 AND id = $2", school, i.class_id)?
            .ok_or(StoreError::NotFound)?;
    let period_id = class_periods_in(tx, school, i.class_id)
        .await?
        .into_iter()
        .find(|p| p.start_date <= i.date && i.date <= p.end_date)
        .map(|p| p.id)
        .ok_or(StoreError::Invalid {
            field: "date",
            message: "the date is outside every period of the school year".into(),
        })?;
    locks::check_writable(tx, school, period_id, today, i.reason.as_deref()).await?;
    let staff_id = opt_scalar!(
        tx: tx,
        Uuid,
        "SELECT staff_id FROM teaching_assignments WHERE school_id = $1 AND class_id = $2 AND subject_id = $3 AND (subgroup = $4 OR subgroup = '') ORDER BY subgroup DESC LIMIT 1",
        school, i.class_id, i.subject_id, &i.subgroup
    )?
    .or(v.staff_id)
    .ok_or(StoreError::Invalid { field: "subject_id", message: "nobody teaches this subject in this class".into() })?;
    let ordinal = 1
        + scalar!(
            tx: tx,
            i64,
            "SELECT CAST(count(*) AS BIGINT) FROM lessons WHERE school_id = $1 AND class_id = $2 AND subject_id = $3 AND subgroup = $4 AND lesson_date = $5 AND NOT is_deleted",
            school, i.class_id, i.subject_id, &i.subgroup, i.date
        )?;
    let id = vsoko_domain::new_id();
    let t = now();
    exec!(
        tx,
        "INSERT INTO lessons (school_id, id, year_id, period_id, class_id, subject_id, subgroup, staff_id, lesson_date, ordinal, topic, homework, work_type, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)",
        school,
        id,
        year_id,
        period_id,
        i.class_id,
        i.subject_id,
        &i.subgroup,
        staff_id,
        i.date,
        ordinal,
        i.topic.trim(),
        i.homework.trim(),
        &i.work_type,
        t
    )?;
    audit::record_with_reason(
        tx,
        actor,
        Change {
            school_id: Some(school),
            entity: "lesson",
            entity_id: Some(id),
            action: "create",
            old: None,
            new: audit::snapshot(i),
        },
        i.reason.as_deref(),
    )
    .await?;
    Ok(id)
}

/// Plans lessons on each date of a list (a timetable-less plan from the teaching load).
pub async fn plan(
    tx: &mut Tx,
    actor: &Actor,
    v: &Viewer,
    template: &LessonInput,
    dates: &[Date],
    today: Date,
) -> Result<Vec<Uuid>> {
    let mut ids = Vec::with_capacity(dates.len());
    for d in dates {
        let i = LessonInput {
            date: *d,
            ..template.clone()
        };
        ids.push(create(tx, actor, v, &i, today).await?);
    }
    Ok(ids)
}

/// One lesson inside a transaction (any viewer of the school; callers check access).
pub async fn get_in(tx: &mut Tx, school_id: Uuid, id: Uuid) -> Result<Option<Lesson>> {
    Ok(opt_row!(tx: tx, Lesson, select_lessons!("AND id = $2"), school_id, id)?)
}

/// Edits a lesson's topic, homework and work type.
#[expect(
    clippy::too_many_arguments,
    reason = "a write takes the actor, viewer, day and reason besides the three fields"
)]
pub async fn update(
    tx: &mut Tx,
    actor: &Actor,
    v: &Viewer,
    id: Uuid,
    topic: &str,
    homework: &str,
    work_type: &str,
    today: Date,
    reason: Option<&str>,
) -> Result<()> {
    let school = v.school();
    let old = get_in(tx, school, id).await?.ok_or(StoreError::NotFound)?;
    if !access::may_write(tx, v, old.class_id, old.subject_id, &old.subgroup).await? {
        return Err(StoreError::NotFound);
    }
    locks::check_writable(tx, school, old.period_id, today, reason).await?;
    exec!(
        tx,
        "UPDATE lessons SET topic = $3, homework = $4, work_type = $5, updated_at = $6 WHERE school_id = $1 AND id = $2",
        school,
        id,
        topic.trim(),
        homework.trim(),
        work_type,
        now()
    )?;
    audit::record_with_reason(
        tx,
        actor,
        Change {
            school_id: Some(school),
            entity: "lesson",
            entity_id: Some(id),
            action: "update",
            old: Some(serde_json::json!({"topic": old.topic, "homework": old.homework, "work_type": old.work_type})),
            new: Some(serde_json::json!({"topic": topic, "homework": homework, "work_type": work_type})),
        },
        reason,
    )
    .await?;
    Ok(())
}

/// Lessons of a class-subject(-subgroup) in a period, by date.
pub async fn list(
    db: &Db,
    school_id: Uuid,
    class_id: Uuid,
    subject_id: Uuid,
    subgroup: &str,
    period_id: Uuid,
) -> Result<Vec<Lesson>> {
    Ok(rows!(
        db,
        Lesson,
        select_lessons!(
            "AND class_id = $2 AND subject_id = $3 AND subgroup = $4 AND period_id = $5 ORDER BY lesson_date, ordinal"
        ),
        school_id,
        class_id,
        subject_id,
        subgroup,
        period_id
    )?)
}
