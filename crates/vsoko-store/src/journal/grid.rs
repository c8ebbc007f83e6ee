//! Everything the journal page of one class-subject(-subgroup) needs, read in one query per
//! kind of data (class with the read-scope check, subject, periods, lessons, pupils, cells,
//! term marks, policy, write access) — never one query per pupil or lesson.

use super::cells::{self, Cell, ListedPupil};
use super::lessons::{self, Lesson};
use super::locks::{self, LockState};
use super::period_marks::{self, PeriodMarkRow};
use super::policy;
use crate::{Db, Result, Viewer};
use time::Date;
use uuid::Uuid;
use vsoko_domain::journal::GradingPolicy;

/// The class of a journal.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JournalClass {
    /// Id.
    pub id: Uuid,
    /// Name, e.g. "7А".
    pub name: String,
    /// Grade 1–11.
    pub grade: i64,
    /// School year.
    pub year_id: Uuid,
}

/// A period of the class's year with its stored lock mode.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PeriodInfo {
    /// Id.
    pub id: Uuid,
    /// 1-based index.
    pub idx: i64,
    /// Kind code (quarter, trimester, half_year).
    pub kind: String,
    /// First day.
    pub start_date: Date,
    /// Last day.
    pub end_date: Date,
    /// Stored lock mode ("auto", "open", "locked").
    pub lock_state: String,
}

impl PeriodInfo {
    /// The lock state on a day.
    pub fn lock(&self, today: Date) -> LockState {
        locks::state(&self.lock_state, self.end_date, today)
    }
}

/// Which part of the year the page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// The period holding today (or the nearest one).
    Current,
    /// One period.
    Period(Uuid),
    /// The whole year: term marks and the year mark.
    Year,
}

/// The journal of one class-subject(-subgroup) for a period, or its year overview.
#[derive(Debug, Clone)]
pub struct Grid {
    /// Class.
    pub class: JournalClass,
    /// Subject id.
    pub subject_id: Uuid,
    /// Subject name.
    pub subject_name: String,
    /// Subgroup ("" = whole class).
    pub subgroup: String,
    /// Periods of the year, in order.
    pub periods: Vec<PeriodInfo>,
    /// The period shown; `None` for the year overview.
    pub period: Option<PeriodInfo>,
    /// Lessons of the period by date (empty for the year overview).
    pub lessons: Vec<Lesson>,
    /// Pupils on the list, by name.
    pub pupils: Vec<ListedPupil>,
    /// Cells of the period's lessons.
    pub cells: Vec<Cell>,
    /// Term marks of the period, or every term and year mark of the year for the overview.
    pub period_marks: Vec<PeriodMarkRow>,
    /// The year's grading policy.
    pub policy: GradingPolicy,
    /// Whether the viewer may write this journal (lock state aside).
    pub writable: bool,
}

/// The period holding `today`; otherwise the last one begun, otherwise the first.
pub fn current_period(periods: &[PeriodInfo], today: Date) -> Option<&PeriodInfo> {
    periods
        .iter()
        .find(|p| p.start_date <= today && today <= p.end_date)
        .or_else(|| periods.iter().rev().find(|p| p.start_date <= today))
        .or_else(|| periods.first())
}

/// Loads a journal; `None` when the class or subject is absent or outside the viewer's
/// read scope (the assigned teacher, the class teacher, the administration).
pub async fn load(
    db: &Db,
    v: &Viewer,
    class_id: Uuid,
    subject_id: Uuid,
    subgroup: &str,
    span: Span,
    today: Date,
) -> Result<Option<Grid>> {
    let school = v.school();
    let Some(class) = opt_row!(
        db,
        JournalClass,
        "SELECT c.id, c.name, c.grade, c.year_id FROM classes c WHERE c.school_id = $1 AND c.id = $2 AND ($3 \
         OR EXISTS (SELECT 1 FROM teaching_assignments ta WHERE ta.school_id = c.school_id AND ta.class_id = c.id AND ta.subject_id = $4 AND ta.staff_id = $5) \
         OR EXISTS (SELECT 1 FROM class_teachers ct WHERE ct.school_id = c.school_id AND ct.class_id = c.id AND ct.staff_id = $5))",
        school,
        class_id,
        v.full_roster(),
        subject_id,
        v.staff_id
    )?
    else {
        return Ok(None);
    };
    let Some(subject_name) = opt_scalar!(
        db,
        String,
        "SELECT name FROM subjects WHERE school_id = $1 AND id = $2",
        school,
        subject_id
    )?
    else {
        return Ok(None);
    };
    let periods = rows!(
        db,
        PeriodInfo,
        concat!(
            "SELECT p.id, p.idx, p.kind, p.start_date, p.end_date, p.lock_state FROM classes c \
             JOIN academic_years y ON y.school_id = c.school_id AND y.id = c.year_id \
             JOIN periods p ON p.school_id = c.school_id AND p.year_id = c.year_id AND p.kind = ",
            crate::class_period_kind!(),
            " WHERE c.school_id = $1 AND c.id = $2 ORDER BY p.idx"
        ),
        school,
        class_id
    )?;
    let period = match span {
        Span::Current => current_period(&periods, today).cloned(),
        Span::Period(id) => Some(
            periods
                .iter()
                .find(|p| p.id == id)
                .cloned()
                .ok_or(crate::StoreError::NotFound)?,
        ),
        Span::Year => None,
    };
    let writable = super::access::may_write_db(db, v, class_id, subject_id, subgroup).await?;
    let policy = policy::get(db, school, class.year_id).await?;
    let (lessons, pupils, cells, period_marks) = match &period {
        Some(p) => (
            lessons::list(db, school, class_id, subject_id, subgroup, p.id).await?,
            cells::journal_pupils(db, school, class_id, subject_id, subgroup, p.id).await?,
            cells::of_journal(db, school, class_id, subject_id, subgroup, p.id).await?,
            period_marks::of_class(db, school, class_id, subject_id, p.id).await?,
        ),
        None => (
            Vec::new(),
            year_pupils(db, school, class_id, subject_id, subgroup, class.year_id).await?,
            Vec::new(),
            year_marks(db, school, class_id, subject_id, class.year_id).await?,
        ),
    };
    Ok(Some(Grid {
        class,
        subject_id,
        subject_name,
        subgroup: subgroup.to_string(),
        periods,
        period,
        lessons,
        pupils,
        cells,
        period_marks,
        policy,
        writable,
    }))
}

/// Pupils of a class-subject(-subgroup) at any time of the school year, by name.
async fn year_pupils(
    db: &Db,
    school_id: Uuid,
    class_id: Uuid,
    subject_id: Uuid,
    subgroup: &str,
    year_id: Uuid,
) -> Result<Vec<ListedPupil>> {
    Ok(rows!(
        db,
        ListedPupil,
        "SELECT p.id, p.last_name, p.first_name, pc.from_date, pc.to_date FROM pupil_classes pc \
         JOIN pupils p ON p.school_id = pc.school_id AND p.id = pc.pupil_id \
         JOIN academic_years y ON y.school_id = pc.school_id AND y.id = $5 \
         WHERE pc.school_id = $1 AND pc.class_id = $2 AND pc.from_date <= y.end_date AND (pc.to_date IS NULL OR pc.to_date >= y.start_date) \
         AND ($4 = '' OR NOT EXISTS (SELECT 1 FROM subgroup_members sm WHERE sm.school_id = pc.school_id AND sm.class_id = pc.class_id AND sm.subject_id = $3) \
              OR EXISTS (SELECT 1 FROM subgroup_members sm WHERE sm.school_id = pc.school_id AND sm.class_id = pc.class_id AND sm.subject_id = $3 AND sm.subgroup = $4 AND sm.pupil_id = pc.pupil_id)) \
         ORDER BY p.last_name, p.first_name",
        school_id,
        class_id,
        subject_id,
        subgroup,
        year_id
    )?)
}

/// Every term and year mark of a class-subject in a year (caller has checked read access).
pub async fn year_marks(
    db: &Db,
    school_id: Uuid,
    class_id: Uuid,
    subject_id: Uuid,
    year_id: Uuid,
) -> Result<Vec<PeriodMarkRow>> {
    Ok(rows!(
        db,
        PeriodMarkRow,
        "SELECT id, pupil_id, subject_id, period_id, kind, value, version, updated_at, updated_by FROM period_marks \
         WHERE school_id = $1 AND class_id = $2 AND subject_id = $3 AND year_id = $4",
        school_id,
        class_id,
        subject_id,
        year_id
    )?)
}

/// One pupil's current marks in a lesson's journal and period, each with its lesson's work
/// type (for the weighted mean after a save). Empty when the lesson is not in the school.
pub async fn pupil_marks(db: &Db, school_id: Uuid, lesson_id: Uuid, pupil_id: Uuid) -> Result<Vec<(String, String)>> {
    Ok(rows!(
        db,
        (String, String),
        "SELECT jc.marks, l.work_type FROM lessons me \
         JOIN lessons l ON l.school_id = me.school_id AND l.class_id = me.class_id AND l.subject_id = me.subject_id AND l.subgroup = me.subgroup AND l.period_id = me.period_id \
         JOIN journal_cells jc ON jc.school_id = l.school_id AND jc.lesson_id = l.id \
         WHERE me.school_id = $1 AND me.id = $2 AND jc.pupil_id = $3 AND NOT l.is_deleted AND jc.marks <> '' \
         ORDER BY l.lesson_date, l.ordinal",
        school_id,
        lesson_id,
        pupil_id
    )?)
}

/// Where a lesson belongs: its journal and period.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LessonPlace {
    /// School year.
    pub year_id: Uuid,
    /// Period.
    pub period_id: Uuid,
    /// Class.
    pub class_id: Uuid,
    /// Subject.
    pub subject_id: Uuid,
    /// Subgroup.
    pub subgroup: String,
}

/// The journal and period of a lesson (no scope check: callers use it to find the page
/// whose own load checks the scope, or after a write that checked it).
pub async fn lesson_place(db: &Db, school_id: Uuid, lesson_id: Uuid) -> Result<Option<LessonPlace>> {
    Ok(opt_row!(
        db,
        LessonPlace,
        "SELECT year_id, period_id, class_id, subject_id, subgroup FROM lessons WHERE school_id = $1 AND id = $2 AND NOT is_deleted",
        school_id,
        lesson_id
    )?)
}

/// The school year of a class.
pub async fn class_year(db: &Db, school_id: Uuid, class_id: Uuid) -> Result<Option<Uuid>> {
    Ok(opt_scalar!(
        db,
        Uuid,
        "SELECT year_id FROM classes WHERE school_id = $1 AND id = $2",
        school_id,
        class_id
    )?)
}

/// Dates that already have a lesson in a class-subject(-subgroup), among the given ones
/// (so a plan does not double lessons).
pub async fn dates_with_lessons(
    db: &Db,
    school_id: Uuid,
    class_id: Uuid,
    subject_id: Uuid,
    subgroup: &str,
    from: Date,
    to: Date,
) -> Result<Vec<Date>> {
    Ok(rows!(
        db,
        (Date,),
        "SELECT DISTINCT lesson_date FROM lessons WHERE school_id = $1 AND class_id = $2 AND subject_id = $3 AND subgroup = $4 AND lesson_date >= $5 AND lesson_date <= $6 AND NOT is_deleted",
        school_id, class_id, subject_id, subgroup, from, to
    )?
    .into_iter()
    .map(|(d,)| d)
    .collect())
}
