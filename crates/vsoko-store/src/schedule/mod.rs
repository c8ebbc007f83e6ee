//! The единый график оценочных процедур of a school year: planned procedures per class,
//! the weekly hours the validator needs, and the validator's findings (rules in
//! `vsoko_domain::schedule`). Staff see the whole school's schedule (teachers plan around
//! the other subjects' works); a pupil sees their class's, a parent their children's
//! classes'. The deputy (and the admin) edit.

use crate::audit::{self, Change};
use crate::{Actor, Db, Result, StoreError, Tx, Viewer, now};
use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;
use vsoko_domain::roles::Role;
use vsoko_domain::schedule::{Entry, EntryFields, Finding, Level, WeeklyHours, validate};

/// A planned procedure with the names of its class and subject.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct ScheduleEntry {
    /// Id.
    pub id: Uuid,
    /// Year.
    pub year_id: Uuid,
    /// Class.
    pub class_id: Uuid,
    /// Class name, e.g. "5А".
    pub class_name: String,
    /// Grade (the parallel).
    pub grade: i64,
    /// Subject.
    pub subject_id: Uuid,
    /// Subject name.
    pub subject_name: String,
    /// Date.
    #[schema(value_type = String, format = Date)]
    #[serde(with = "crate::iso_date")]
    pub work_date: Date,
    /// Number of the first lesson in the class's day.
    pub lesson: i64,
    /// Lessons the class has that day.
    pub lessons_in_day: i64,
    /// Length in lessons.
    pub duration: i64,
    /// Level code: federal, regional, municipal, school.
    pub level: String,
    /// Name of the procedure.
    pub name: String,
    /// The assessment procedure it was held as, once linked.
    pub procedure_id: Option<Uuid>,
}

impl ScheduleEntry {
    /// What was entered, as the domain sees it (an unknown level reads as a school one).
    pub fn fields(&self) -> EntryFields {
        EntryFields {
            date: self.work_date,
            lesson: self.lesson,
            lessons_in_day: self.lessons_in_day,
            duration: self.duration,
            level: Level::parse(&self.level).unwrap_or(Level::School),
            name: self.name.clone(),
        }
    }

    /// The entry as the validator sees it.
    pub fn to_domain(&self) -> Entry {
        Entry {
            id: self.id,
            class_id: self.class_id,
            class_name: self.class_name.clone(),
            grade: self.grade,
            subject_id: self.subject_id,
            subject_name: self.subject_name.clone(),
            fields: self.fields(),
        }
    }
}

/// What the deputy enters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryInput {
    /// Class.
    pub class_id: Uuid,
    /// Subject.
    pub subject_id: Uuid,
    /// Date, lessons, level, name.
    pub fields: EntryFields,
}

/// Whether the viewer may add, change and remove entries: the deputy and the admin.
pub fn may_edit(v: &Viewer) -> bool {
    v.has(Role::Deputy) || v.has(Role::Admin)
}

/// Whether the viewer sees the whole school's schedule (any staff role).
fn sees_all(v: &Viewer) -> bool {
    v.roles.iter().any(|r| r.is_staff())
}

macro_rules! select_entries {
    ($where:expr) => {
        concat!(
            "SELECT e.id, e.year_id, e.class_id, c.name AS class_name, c.grade, e.subject_id, su.name AS subject_name, \
             e.work_date, e.lesson, e.lessons_in_day, e.duration, e.level, e.name, e.procedure_id \
             FROM schedule_entries e \
             JOIN classes c ON c.school_id = e.school_id AND c.id = e.class_id \
             JOIN subjects su ON su.school_id = e.school_id AND su.id = e.subject_id \
             WHERE e.school_id = $1 ",
            $where
        )
    };
}

/// The scope condition: staff see all; a pupil their classes; a parent their children's.
/// Binds $2 = sees all, $3 = pupil id, $4 = parent id.
macro_rules! scoped {
    ($rest:literal) => {
        select_entries!(concat!(
            "AND ($2 \
               OR e.class_id IN (SELECT pc.class_id FROM pupil_classes pc WHERE pc.school_id = e.school_id AND pc.pupil_id = $3) \
               OR e.class_id IN (SELECT pc.class_id FROM pupil_classes pc JOIN parent_pupils pp ON pp.school_id = pc.school_id AND pp.pupil_id = pc.pupil_id \
                                 WHERE pc.school_id = e.school_id AND pp.parent_id = $4)) ",
            $rest
        ))
    };
}

/// Entries of a year the viewer may see, optionally of one class, by date, class, lesson.
pub async fn list_visible(db: &Db, v: &Viewer, year_id: Uuid, class_id: Option<Uuid>) -> Result<Vec<ScheduleEntry>> {
    Ok(rows!(
        db,
        ScheduleEntry,
        scoped!(
            "AND e.year_id = $5 AND ($6 IS NULL OR e.class_id = $6) ORDER BY e.work_date, c.grade, c.letter, e.lesson, e.id"
        ),
        v.school(),
        sees_all(v),
        v.pupil_id,
        v.parent_id,
        year_id,
        class_id
    )?)
}

/// One entry if visible.
pub async fn get_visible(db: &Db, v: &Viewer, id: Uuid) -> Result<Option<ScheduleEntry>> {
    Ok(opt_row!(
        db,
        ScheduleEntry,
        scoped!("AND e.id = $5"),
        v.school(),
        sees_all(v),
        v.pupil_id,
        v.parent_id,
        id
    )?)
}

/// Every entry of a school year (for the validator, which compares classes of a parallel).
pub async fn all_of_year(db: &Db, school_id: Uuid, year_id: Uuid) -> Result<Vec<ScheduleEntry>> {
    Ok(rows!(
        db,
        ScheduleEntry,
        select_entries!("AND e.year_id = $2 ORDER BY e.work_date, c.grade, c.letter, e.lesson, e.id"),
        school_id,
        year_id
    )?)
}

/// Weekly hours × 100 per (class, subject) of a year from the teaching load. Subgroups of
/// a class-subject each carry the class's hours, so the largest is taken, not the sum.
pub async fn weekly_hours(db: &Db, school_id: Uuid, year_id: Uuid) -> Result<WeeklyHours> {
    let rows = rows!(
        db,
        (Uuid, Uuid, i64),
        "SELECT class_id, subject_id, CAST(max(hours_x100) AS BIGINT) FROM teaching_assignments WHERE school_id = $1 AND year_id = $2 GROUP BY class_id, subject_id",
        school_id,
        year_id
    )?;
    Ok(rows.into_iter().map(|(c, s, h)| ((c, s), h)).collect())
}

/// The validator's findings over the whole year.
pub async fn findings(db: &Db, school_id: Uuid, year_id: Uuid) -> Result<Vec<Finding>> {
    let entries: Vec<Entry> = all_of_year(db, school_id, year_id)
        .await?
        .iter()
        .map(ScheduleEntry::to_domain)
        .collect();
    let hours = weekly_hours(db, school_id, year_id).await?;
    Ok(validate(&entries, &hours))
}

/// Checks the fields, that the class is of the year and the subject of the school, and that
/// the date lies inside the year.
async fn check(tx: &mut Tx, school_id: Uuid, year_id: Uuid, i: &EntryInput) -> Result<()> {
    if let Some((field, msg)) = i.fields.check().into_iter().next() {
        return Err(StoreError::Invalid {
            field,
            message: msg.key.to_string(),
        });
    }
    let class = opt_scalar!(tx: tx, Uuid, "SELECT id FROM classes WHERE school_id = $1 AND id = $2 AND year_id = $3", school_id, i.class_id, year_id)?;
    if class.is_none() {
        return Err(StoreError::Invalid {
            field: "class_id",
            message: "schedule-error-class".into(),
        });
    }
    let subject =
        opt_scalar!(tx: tx, Uuid, "SELECT id FROM subjects WHERE school_id = $1 AND id = $2", school_id, i.subject_id)?;
    if subject.is_none() {
        return Err(StoreError::Invalid {
            field: "subject_id",
            message: "schedule-error-subject".into(),
        });
    }
    let (start, end) = opt_row!(tx: tx, (Date, Date), "SELECT start_date, end_date FROM academic_years WHERE school_id = $1 AND id = $2", school_id, year_id)?
        .ok_or(StoreError::NotFound)?;
    if i.fields.date < start || i.fields.date > end {
        return Err(StoreError::Invalid {
            field: "date",
            message: "schedule-error-date".into(),
        });
    }
    Ok(())
}

fn snapshot(i: &EntryInput) -> Option<serde_json::Value> {
    Some(serde_json::json!({
        "class_id": i.class_id,
        "subject_id": i.subject_id,
        "date": vsoko_domain::schedule::ru_date(i.fields.date),
        "lesson": i.fields.lesson,
        "lessons_in_day": i.fields.lessons_in_day,
        "duration": i.fields.duration,
        "level": i.fields.level.code(),
        "name": i.fields.name.trim(),
    }))
}

/// Adds an entry to a year.
pub async fn create(tx: &mut Tx, actor: &Actor, school_id: Uuid, year_id: Uuid, i: &EntryInput) -> Result<Uuid> {
    check(tx, school_id, year_id, i).await?;
    let id = vsoko_domain::new_id();
    let at = now();
    let f = &i.fields;
    exec!(
        tx,
        "INSERT INTO schedule_entries (school_id, id, year_id, class_id, subject_id, work_date, lesson, lessons_in_day, duration, level, name, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)",
        school_id,
        id,
        year_id,
        i.class_id,
        i.subject_id,
        f.date,
        f.lesson,
        f.lessons_in_day,
        f.duration,
        f.level.code(),
        f.name.trim(),
        at
    )?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "schedule_entry",
            entity_id: Some(id),
            action: "create",
            old: None,
            new: snapshot(i),
        },
    )
    .await?;
    Ok(id)
}

async fn old_of(tx: &mut Tx, school_id: Uuid, id: Uuid) -> Result<(Uuid, EntryInput)> {
    #[derive(sqlx::FromRow)]
    struct Old {
        year_id: Uuid,
        class_id: Uuid,
        subject_id: Uuid,
        work_date: Date,
        lesson: i64,
        lessons_in_day: i64,
        duration: i64,
        level: String,
        name: String,
    }
    let o = opt_row!(tx: tx, Old, "SELECT year_id, class_id, subject_id, work_date, lesson, lessons_in_day, duration, level, name FROM schedule_entries WHERE school_id = $1 AND id = $2", school_id, id)?
        .ok_or(StoreError::NotFound)?;
    Ok((
        o.year_id,
        EntryInput {
            class_id: o.class_id,
            subject_id: o.subject_id,
            fields: EntryFields {
                date: o.work_date,
                lesson: o.lesson,
                lessons_in_day: o.lessons_in_day,
                duration: o.duration,
                level: Level::parse(&o.level).unwrap_or(Level::School),
                name: o.name,
            },
        },
    ))
}

/// Changes an entry (its year stays).
pub async fn update(tx: &mut Tx, actor: &Actor, school_id: Uuid, id: Uuid, i: &EntryInput) -> Result<()> {
    let (year_id, old) = old_of(tx, school_id, id).await?;
    check(tx, school_id, year_id, i).await?;
    if old == *i {
        return Ok(());
    }
    let f = &i.fields;
    exec!(
        tx,
        "UPDATE schedule_entries SET class_id = $3, subject_id = $4, work_date = $5, lesson = $6, lessons_in_day = $7, duration = $8, level = $9, name = $10, updated_at = $11 \
         WHERE school_id = $1 AND id = $2",
        school_id,
        id,
        i.class_id,
        i.subject_id,
        f.date,
        f.lesson,
        f.lessons_in_day,
        f.duration,
        f.level.code(),
        f.name.trim(),
        now()
    )?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "schedule_entry",
            entity_id: Some(id),
            action: "update",
            old: snapshot(&old),
            new: snapshot(i),
        },
    )
    .await?;
    Ok(())
}

/// Removes an entry (the audit row keeps what it was).
pub async fn delete(tx: &mut Tx, actor: &Actor, school_id: Uuid, id: Uuid) -> Result<()> {
    let (_, old) = old_of(tx, school_id, id).await?;
    exec!(
        tx,
        "DELETE FROM schedule_entries WHERE school_id = $1 AND id = $2",
        school_id,
        id
    )?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "schedule_entry",
            entity_id: Some(id),
            action: "delete",
            old: snapshot(&old),
            new: None,
        },
    )
    .await?;
    Ok(())
}
