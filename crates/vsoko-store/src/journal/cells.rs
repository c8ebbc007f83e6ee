//! Journal cells: the marks (up to three), attendance code and comment of one pupil at one
//! lesson. Saving is last-write-wins with a version: an edit made on a stale page still
//! saves, and the caller learns what it overwrote. Every change is audited (with the reason
//! after a period's end) and updates the rollups in the same transaction.

use super::lessons::Lesson;
use super::{access, locks, policy, rollups};
use crate::audit::{self, Change};
use crate::{Actor, Db, Result, StoreError, Tx, Viewer, now};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use uuid::Uuid;
use vsoko_domain::journal::{Attendance, Mark, format_cell_marks, parse_cell_marks};

/// A stored cell.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct Cell {
    /// Id.
    pub id: Uuid,
    /// Lesson.
    pub lesson_id: Uuid,
    /// Pupil.
    pub pupil_id: Uuid,
    /// Marks as stored ("5 4").
    pub marks: String,
    /// Attendance code (absent, ill, excused, late).
    pub attendance: Option<String>,
    /// Comment.
    pub comment: String,
    /// Version, incremented by every change.
    pub version: i64,
    /// Last change.
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    /// Who changed it last (login).
    pub updated_by: String,
}

/// What the teacher typed into a cell.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct CellInput {
    /// Lesson.
    pub lesson_id: Uuid,
    /// Pupil.
    pub pupil_id: Uuid,
    /// Marks as typed ("5", "54", "5 4"); empty clears them.
    #[serde(default)]
    pub marks: String,
    /// Attendance as typed (Н, Б, УП, ОП) or empty.
    #[serde(default)]
    pub attendance: String,
    /// Comment.
    #[serde(default)]
    pub comment: String,
    /// The version the page showed; a different stored version means the page was stale.
    #[serde(default)]
    pub expected_version: Option<i64>,
    /// Why, when the period has ended and was reopened.
    #[serde(default)]
    pub reason: Option<String>,
}

/// The result of a save.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Saved {
    /// The cell as stored now.
    pub cell: Cell,
    /// What this save overwrote when the page was stale (someone else changed the cell).
    pub overwritten: Option<Cell>,
    /// Whether anything changed.
    pub changed: bool,
}

const SELECT: &str = "SELECT id, lesson_id, pupil_id, marks, attendance, comment, version, updated_at, updated_by FROM journal_cells WHERE school_id = $1 AND lesson_id = $2 AND pupil_id = $3";

fn invalid(field: &'static str, message: &str) -> StoreError {
    StoreError::Invalid {
        field,
        message: message.to_string(),
    }
}

/// Whether a pupil is on the lesson's list: in its class on its date and, for a subgroup
/// lesson of a class-subject with recorded subgroups, in that subgroup.
pub async fn pupil_on_lesson(tx: &mut Tx, school: Uuid, lesson: &Lesson, pupil_id: Uuid) -> Result<bool> {
    let in_class = scalar!(
        tx: tx,
        i64,
        "SELECT CAST(count(*) AS BIGINT) FROM pupil_classes WHERE school_id = $1 AND pupil_id = $2 AND class_id = $3 AND from_date <= $4 AND (to_date IS NULL OR to_date >= $4)",
        school, pupil_id, lesson.class_id, lesson.lesson_date
    )? > 0;
    if !in_class || lesson.subgroup.is_empty() {
        return Ok(in_class);
    }
    let groups = rows!(
        tx: tx,
        (String, Uuid),
        "SELECT subgroup, pupil_id FROM subgroup_members WHERE school_id = $1 AND class_id = $2 AND subject_id = $3",
        school, lesson.class_id, lesson.subject_id
    )?;
    Ok(groups.is_empty() || groups.iter().any(|(g, p)| *p == pupil_id && *g == lesson.subgroup))
}

/// A lesson with what saving a cell needs to know about it, read in one query.
#[derive(sqlx::FromRow)]
struct LessonCtx {
    #[sqlx(flatten)]
    lesson: Lesson,
    grade: i64,
    year_id: Uuid,
    lock_state: String,
    end_date: Date,
}

/// Saves one cell. Out-of-scope lessons are "not found"; bad input, a pupil not on the
/// lesson's list, marks in grade 1 and locked periods are refused and nothing is written.
/// The hot path of the journal: about seven statements per save.
pub async fn save(tx: &mut Tx, actor: &Actor, v: &Viewer, input: &CellInput, today: Date) -> Result<Saved> {
    let school = v.school();
    let marks: Vec<Mark> = parse_cell_marks(&input.marks).map_err(|e| invalid("marks", &e.to_string()))?;
    let attendance = match input.attendance.trim() {
        "" => None,
        a => Some(Attendance::parse(a).ok_or_else(|| invalid("attendance", "Н, Б, УП or ОП"))?),
    };
    if attendance.is_some_and(Attendance::is_absence) && !marks.is_empty() {
        return Err(invalid("marks", "an absent pupil gets no mark at this lesson"));
    }
    let ctx = opt_row!(
        tx: tx,
        LessonCtx,
        "SELECT l.id, l.period_id, l.class_id, l.subject_id, l.subgroup, l.staff_id, l.lesson_date, l.ordinal, l.topic, l.homework, l.work_type,          c.grade, c.year_id, pe.lock_state, pe.end_date FROM lessons l          JOIN classes c ON c.school_id = l.school_id AND c.id = l.class_id JOIN periods pe ON pe.school_id = l.school_id AND pe.id = l.period_id          WHERE l.school_id = $1 AND l.id = $2 AND NOT l.is_deleted",
        school, input.lesson_id
    )?
    .ok_or(StoreError::NotFound)?;
    let lesson = &ctx.lesson;
    if !(v.has(vsoko_domain::roles::Role::Deputy)
        || access::may_write(tx, v, lesson.class_id, lesson.subject_id, &lesson.subgroup).await?)
    {
        return Err(StoreError::NotFound);
    }
    locks::check_state(
        locks::state(&ctx.lock_state, ctx.end_date, today),
        input.reason.as_deref(),
    )?;
    if !pupil_on_lesson(tx, school, lesson, input.pupil_id).await? {
        return Err(invalid("pupil_id", "the pupil is not on this lesson's list"));
    }
    if !marks.is_empty() && ctx.grade == 1 && policy::get_in(tx, school, ctx.year_id).await?.grade_one_without_marks {
        return Err(invalid("marks", "grade 1 is taught without marks"));
    }
    let new_marks = format_cell_marks(&marks);
    let new_att = attendance.map(|a| a.code().to_string());
    let comment = input.comment.trim().to_string();
    let old = opt_row!(tx: tx, Cell, SELECT, school, input.lesson_id, input.pupil_id)?;
    if let Some(o) = &old
        && o.marks == new_marks
        && o.attendance == new_att
        && o.comment == comment
    {
        return Ok(Saved {
            cell: o.clone(),
            overwritten: None,
            changed: false,
        });
    }
    let t = now();
    let cell = match &old {
        Some(o) => opt_row!(
            tx: tx,
            Cell,
            concat!("UPDATE journal_cells SET marks = $3, attendance = $4, comment = $5, version = version + 1, updated_at = $6, updated_by = $7 WHERE school_id = $1 AND id = $2",
                " RETURNING id, lesson_id, pupil_id, marks, attendance, comment, version, updated_at, updated_by"),
            school, o.id, &new_marks, &new_att, &comment, t, &actor.label
        )?,
        None => opt_row!(
            tx: tx,
            Cell,
            concat!("INSERT INTO journal_cells (school_id, id, lesson_id, pupil_id, marks, attendance, comment, version, created_at, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8, $9)",
                " RETURNING id, lesson_id, pupil_id, marks, attendance, comment, version, updated_at, updated_by"),
            school, vsoko_domain::new_id(), input.lesson_id, input.pupil_id, &new_marks, &new_att, &comment, t, &actor.label
        )?,
    }
    .ok_or(StoreError::NotFound)?;
    let (old_marks, old_att) = old
        .as_ref()
        .map(|o| (o.marks.clone(), o.attendance.clone()))
        .unwrap_or_default();
    rollups::cell_delta(
        tx,
        school,
        lesson,
        (&old_marks, old_att.as_deref()),
        (&new_marks, new_att.as_deref()),
    )
    .await?;
    let snapshot = |m: &str, a: &Option<String>, c: &str| serde_json::json!({"marks": m, "attendance": a, "comment": c, "lesson_id": input.lesson_id, "pupil_id": input.pupil_id});
    audit::record_with_reason(
        tx,
        actor,
        Change {
            school_id: Some(school),
            entity: "journal_cell",
            entity_id: Some(cell.id),
            action: if old.is_some() { "update" } else { "create" },
            old: old.as_ref().map(|o| snapshot(&o.marks, &o.attendance, &o.comment)),
            new: Some(snapshot(&new_marks, &new_att, &comment)),
        },
        input.reason.as_deref(),
    )
    .await?;
    let overwritten = old.filter(|o| input.expected_version.is_some_and(|seen| o.version != seen));
    Ok(Saved {
        cell,
        overwritten,
        changed: true,
    })
}

/// Cells of a class-subject(-subgroup) in a period (caller has checked read access). The
/// `CROSS JOIN` fixes SQLite's join order (lessons first, then cells by lesson): the planner
/// otherwise scanned every cell of the school (78 ms instead of 1 ms on the demo).
pub async fn of_journal(
    db: &Db,
    school_id: Uuid,
    class_id: Uuid,
    subject_id: Uuid,
    subgroup: &str,
    period_id: Uuid,
) -> Result<Vec<Cell>> {
    Ok(rows!(
        db,
        Cell,
        "SELECT jc.id, jc.lesson_id, jc.pupil_id, jc.marks, jc.attendance, jc.comment, jc.version, jc.updated_at, jc.updated_by \
         FROM lessons l CROSS JOIN journal_cells jc \
         WHERE jc.school_id = l.school_id AND jc.lesson_id = l.id AND l.school_id = $1 AND l.class_id = $2 AND l.subject_id = $3 AND l.subgroup = $4 AND l.period_id = $5 AND NOT l.is_deleted",
        school_id,
        class_id,
        subject_id,
        subgroup,
        period_id
    )?)
}

/// One cell, if it exists.
pub async fn get(db: &Db, school_id: Uuid, lesson_id: Uuid, pupil_id: Uuid) -> Result<Option<Cell>> {
    Ok(opt_row!(db, Cell, SELECT, school_id, lesson_id, pupil_id)?)
}

/// A pupil on a journal's list.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct ListedPupil {
    /// Pupil.
    pub id: Uuid,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// First day in the class within the period.
    #[schema(value_type = String, format = Date)]
    #[serde(with = "crate::iso_date")]
    pub from_date: Date,
    /// Last day in the class (None = still there).
    #[schema(value_type = String, format = Date)]
    #[serde(with = "crate::iso_date::option")]
    pub to_date: Option<Date>,
}

/// Pupils of a class-subject(-subgroup) journal in a period: everyone in the class at any
/// time of the period, narrowed to the subgroup when its members are recorded; by name.
pub async fn journal_pupils(
    db: &Db,
    school_id: Uuid,
    class_id: Uuid,
    subject_id: Uuid,
    subgroup: &str,
    period_id: Uuid,
) -> Result<Vec<ListedPupil>> {
    Ok(rows!(
        db,
        ListedPupil,
        "SELECT p.id, p.last_name, p.first_name, pc.from_date, pc.to_date FROM pupil_classes pc \
         JOIN pupils p ON p.school_id = pc.school_id AND p.id = pc.pupil_id \
         JOIN periods pe ON pe.school_id = pc.school_id AND pe.id = $5 \
         WHERE pc.school_id = $1 AND pc.class_id = $2 AND pc.from_date <= pe.end_date AND (pc.to_date IS NULL OR pc.to_date >= pe.start_date) \
         AND ($4 = '' OR NOT EXISTS (SELECT 1 FROM subgroup_members sm WHERE sm.school_id = pc.school_id AND sm.class_id = pc.class_id AND sm.subject_id = $3) \
              OR EXISTS (SELECT 1 FROM subgroup_members sm WHERE sm.school_id = pc.school_id AND sm.class_id = pc.class_id AND sm.subject_id = $3 AND sm.subgroup = $4 AND sm.pupil_id = pc.pupil_id)) \
         ORDER BY p.last_name, p.first_name",
        school_id,
        class_id,
        subject_id,
        subgroup,
        period_id
    )?)
}

/// Records the members of a subgroup (replacing its previous members).
pub async fn set_subgroup(
    tx: &mut Tx,
    actor: &Actor,
    school_id: Uuid,
    class_id: Uuid,
    subject_id: Uuid,
    subgroup: &str,
    pupils: &[Uuid],
) -> Result<()> {
    exec!(
        tx,
        "DELETE FROM subgroup_members WHERE school_id = $1 AND class_id = $2 AND subject_id = $3 AND subgroup = $4",
        school_id,
        class_id,
        subject_id,
        subgroup
    )?;
    for p in pupils {
        exec!(
            tx,
            "INSERT INTO subgroup_members (school_id, id, class_id, subject_id, subgroup, pupil_id) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (school_id, class_id, subject_id, pupil_id) DO UPDATE SET subgroup = excluded.subgroup",
            school_id,
            vsoko_domain::new_id(),
            class_id,
            subject_id,
            subgroup,
            *p
        )?;
    }
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "subgroup",
            entity_id: Some(class_id),
            action: "set",
            old: None,
            new: Some(serde_json::json!({"subject_id": subject_id, "subgroup": subgroup, "pupils": pupils})),
        },
    )
    .await?;
    Ok(())
}
