//! The diary's week: the lessons of the pupil's classes and subgroups between two dates, each
//! with the pupil's marks, attendance and the teacher's comment.

use crate::{Db, Result, Viewer};
use serde::Serialize;
use time::Date;
use uuid::Uuid;

/// One lesson of the pupil's week with the pupil's cell.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct DiaryLesson {
    /// Lesson.
    pub lesson_id: Uuid,
    /// Date.
    #[schema(value_type = String, format = Date)]
    #[serde(with = "crate::iso_date")]
    pub lesson_date: Date,
    /// Number of the lesson on that day for its class-subject (1 unless doubled).
    pub ordinal: i64,
    /// Subject.
    pub subject_id: Uuid,
    /// Subject name.
    pub subject_name: String,
    /// Subgroup ("" = whole class).
    pub subgroup: String,
    /// Teacher's full name.
    pub teacher: String,
    /// Topic.
    pub topic: String,
    /// Homework.
    pub homework: String,
    /// Work type code (its name and weight come from the grading policy).
    pub work_type: String,
    /// The pupil's marks as stored ("5 4"), empty without marks.
    pub marks: String,
    /// Attendance code (absent, ill, excused, late), if any.
    pub attendance: Option<String>,
    /// The teacher's comment to the pupil.
    pub comment: String,
}

/// The lessons of a pupil from `from` to `to` (inclusive) in date order, when the viewer is
/// the pupil or a linked parent; empty otherwise. A lesson is the pupil's when they were in
/// its class on its date and, for a subgroup lesson with recorded members, in its subgroup
/// (or have a cell at it, should the subgroup have changed since). `CROSS JOIN` makes SQLite
/// start from the pupil's class stays (PostgreSQL plans it as any join), so the query reads
/// one class's lessons, not the school's; each stay's date range is cut to the week in one
/// bound per side (`CASE`, portable where `max`/`GREATEST` are not), so the index range is
/// the week, not the stay from September on.
pub async fn week(db: &Db, v: &Viewer, pupil_id: Uuid, from: Date, to: Date) -> Result<Vec<DiaryLesson>> {
    Ok(rows!(
        db,
        DiaryLesson,
        concat!(
            "SELECT l.id AS lesson_id, l.lesson_date, l.ordinal, l.subject_id, s.name AS subject_name, l.subgroup, \
             COALESCE(st.last_name || ' ' || st.first_name || CASE WHEN st.middle_name = '' THEN '' ELSE ' ' || st.middle_name END, '') AS teacher, \
             l.topic, l.homework, l.work_type, COALESCE(jc.marks, '') AS marks, jc.attendance, COALESCE(jc.comment, '') AS comment \
             FROM pupil_classes pc CROSS JOIN lessons l \
             JOIN subjects s ON s.school_id = l.school_id AND s.id = l.subject_id \
             LEFT JOIN staff st ON st.school_id = l.school_id AND st.id = l.staff_id \
             LEFT JOIN journal_cells jc ON jc.school_id = l.school_id AND jc.lesson_id = l.id AND jc.pupil_id = $2 \
             WHERE pc.school_id = $1 AND pc.pupil_id = $2 \
             AND l.school_id = pc.school_id AND l.class_id = pc.class_id \
             AND l.lesson_date >= CASE WHEN pc.from_date > $4 THEN pc.from_date ELSE $4 END \
             AND l.lesson_date <= CASE WHEN pc.to_date < $5 THEN pc.to_date ELSE $5 END AND NOT l.is_deleted \
             AND (jc.id IS NOT NULL OR l.subgroup = '' \
                  OR NOT EXISTS (SELECT 1 FROM subgroup_members sm WHERE sm.school_id = l.school_id AND sm.class_id = l.class_id AND sm.subject_id = l.subject_id) \
                  OR EXISTS (SELECT 1 FROM subgroup_members sm WHERE sm.school_id = l.school_id AND sm.class_id = l.class_id AND sm.subject_id = l.subject_id \
                             AND sm.subgroup = l.subgroup AND sm.pupil_id = $2)) \
             AND ",
            diary_scope!(),
            " ORDER BY l.lesson_date, s.name, l.ordinal"
        ),
        v.school(),
        pupil_id,
        v.user_id,
        from,
        to
    )?)
}
