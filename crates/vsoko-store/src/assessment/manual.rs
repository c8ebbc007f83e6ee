//! School control works entered by hand (issue 4 §4): a teacher of the class-subject (or the
//! deputy) creates a procedure of kind "school" for one or more of their classes with its
//! tasks and a conversion table (one of the school's, or mark bands of its own), then enters
//! a score per pupil and task. Each saved cell recomputes the pupil's primary score and, once
//! every task has an entry (a score or "not done"), the mark from the work's table — never
//! guessed. A score above the task's maximum, a pupil outside the work's classes or a class
//! the viewer does not teach is refused and nothing is written; every write is audited.
//!
//! The works are ordinary assessment procedures, so the lists, results and analysis pages
//! show them like any imported procedure.

use super::conversions::{self, StoredConversion};
use super::import::{NewProcedure, insert_procedure, sync_tasks};
use crate::audit::{self, Change};
use crate::{Actor, Db, Result, StoreError, Tx, Viewer, now};
use serde::Serialize;
use std::collections::HashMap;
use time::Date;
use uuid::Uuid;
use vsoko_domain::assessment::reference::{RefConversion, RefKey};
use vsoko_domain::assessment::{ConversionTable, Converted, Output, ProcedureHeader, ProcedureKind, TaskSpec};
use vsoko_domain::roles::Role;

/// Where a new work's marks come from.
#[derive(Debug, Clone, PartialEq)]
pub enum MarkSource {
    /// One of the school's conversion tables (by id).
    Table(Uuid),
    /// Mark bands of the work's own (`max_primary` = the sum of the tasks' maxima).
    Bands(ConversionTable),
}

/// What a teacher enters to create a work.
#[derive(Debug, Clone, PartialEq)]
pub struct NewWork {
    /// Title, e.g. "Контрольная работа по теме «Дроби»".
    pub title: String,
    /// Subject.
    pub subject_id: Uuid,
    /// Date held.
    pub held_on: Date,
    /// Classes taking it (all of one grade).
    pub class_ids: Vec<Uuid>,
    /// Tasks in order.
    pub tasks: Vec<TaskSpec>,
    /// Conversion table.
    pub marks: MarkSource,
}

/// One cell of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Entry {
    /// Nothing entered yet.
    Empty,
    /// "Not done" (`-`, `Х`), which is not 0.
    NotDone,
    /// A score 0..=max.
    Score(u32),
}

/// A work as its page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Work {
    /// Procedure id.
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// Subject.
    pub subject_id: Uuid,
    /// Subject name.
    pub subject_name: String,
    /// Grade.
    pub grade: i64,
    /// Date held.
    #[serde(with = "crate::iso_date::option")]
    pub held_on: Option<Date>,
    /// Maximum primary score.
    pub max_primary: i64,
    /// The table marks are computed with.
    pub conversion: Option<StoredConversion>,
    /// Whether the table is the work's own bands (else one of the school's tables).
    pub own_table: bool,
    /// Tasks in order.
    pub tasks: Vec<super::read::Task>,
    /// The work's classes the viewer may see, each with its pupils.
    pub classes: Vec<WorkClass>,
}

/// A class of a work with its pupils' rows.
#[derive(Debug, Clone, Serialize)]
pub struct WorkClass {
    /// Class.
    pub class_id: Uuid,
    /// Class name.
    pub name: String,
    /// Whether the viewer may enter scores (deputy, or a teacher of the class-subject).
    pub writable: bool,
    /// Pupils in the class on the day of the work, by name.
    pub pupils: Vec<PupilRow>,
}

/// A pupil's row: a cell per task, the primary score and the mark.
#[derive(Debug, Clone, Serialize)]
pub struct PupilRow {
    /// Pupil.
    pub pupil_id: Uuid,
    /// "Фамилия Имя".
    pub name: String,
    /// One entry per task, in task order.
    pub entries: Vec<Entry>,
    /// Totals.
    pub totals: Totals,
}

/// A pupil's totals after the entries so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Sum of the scores entered ("not done" counts 0); `None` when nothing is entered.
    pub sum: Option<u32>,
    /// Whether every task has an entry; only then are the primary score and mark stored.
    pub complete: bool,
    /// Mark from the work's table (complete rows only).
    pub mark: Option<u8>,
}

/// A work in the list.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct WorkSummary {
    /// Procedure id.
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// Subject name.
    pub subject_name: String,
    /// Grade.
    pub grade: i64,
    /// Date held.
    #[serde(with = "crate::iso_date::option")]
    pub held_on: Option<Date>,
    /// Maximum primary score.
    pub max_primary: i64,
    /// Results entered so far.
    pub results: i64,
}

/// `EXISTS` test that the viewer may enter scores in class `$2` for subject `$4`: `$1`
/// school, `$3` "is a deputy", `$5` the teacher's staff id (any subgroup counts).
const MAY_ENTER: &str = "SELECT CAST(count(*) AS BIGINT) FROM classes c WHERE c.school_id = $1 AND c.id = $2 AND ($3 \
     OR EXISTS (SELECT 1 FROM teaching_assignments ta WHERE ta.school_id = c.school_id AND ta.class_id = c.id \
     AND ta.subject_id = $4 AND ta.staff_id = $5))";

/// `WHERE` part: the work `p`'s class `apc` is visible to the viewer ($2 full roster, $3 staff).
macro_rules! class_visible {
    () => {
        "($2 OR EXISTS (SELECT 1 FROM teaching_assignments ta WHERE ta.school_id = apc.school_id AND ta.class_id = apc.class_id AND ta.staff_id = $3) \
          OR EXISTS (SELECT 1 FROM class_teachers ct WHERE ct.school_id = apc.school_id AND ct.class_id = apc.class_id AND ct.staff_id = $3))"
    };
}

/// The viewer's side of [`MAY_ENTER`]: whether a deputy, and the staff id if a teacher.
fn enterer(v: &Viewer) -> (bool, Option<Uuid>) {
    (v.has(Role::Deputy), v.staff_id.filter(|_| v.has(Role::Teacher)))
}

/// Whether the viewer may create works and enter scores at all (deputy or teacher).
pub fn may_create(v: &Viewer) -> bool {
    v.school_id.is_some() && (v.has(Role::Deputy) || (v.has(Role::Teacher) && v.staff_id.is_some()))
}

async fn may_enter(tx: &mut Tx, v: &Viewer, class_id: Uuid, subject_id: Uuid) -> Result<bool> {
    let (deputy, staff) = enterer(v);
    Ok(scalar!(tx: tx, i64, MAY_ENTER, v.school(), class_id, deputy, subject_id, staff)? > 0)
}

fn invalid(field: &'static str, key: &str) -> StoreError {
    StoreError::Invalid {
        field,
        message: key.to_string(),
    }
}

#[derive(sqlx::FromRow)]
struct ClassRow {
    id: Uuid,
    name: String,
    grade: i64,
    year_id: Uuid,
}

/// Creates a work (procedure of kind "school", its classes, tasks and, for own bands, its
/// table); refusals are `Invalid`/`Conflict` with a message key and nothing is written.
pub async fn create(tx: &mut Tx, actor: &Actor, v: &Viewer, w: &NewWork) -> Result<Uuid> {
    let school_id = v.school();
    let title = w.title.trim();
    if title.is_empty() || title.chars().count() > 200 {
        return Err(invalid("title", "control-work-error-title"));
    }
    if w.class_ids.is_empty() {
        return Err(invalid("classes", "control-work-error-no-class"));
    }
    let subject = opt_row!(tx: tx, (String,), "SELECT code FROM subjects WHERE school_id = $1 AND id = $2", school_id, w.subject_id)?
        .ok_or_else(|| invalid("subject_id", "control-work-error-subject"))?;
    let mut classes: Vec<ClassRow> = Vec::new();
    for &class_id in &w.class_ids {
        if classes.iter().any(|c| c.id == class_id) {
            continue;
        }
        if !may_enter(tx, v, class_id, w.subject_id).await? {
            return Err(invalid("classes", "control-work-error-class"));
        }
        let c = opt_row!(tx: tx, ClassRow, "SELECT id, name, grade, year_id FROM classes WHERE school_id = $1 AND id = $2", school_id, class_id)?
            .ok_or_else(|| invalid("classes", "control-work-error-class"))?;
        classes.push(c);
    }
    let grade = classes[0].grade;
    if classes
        .iter()
        .any(|c| c.grade != grade || c.year_id != classes[0].year_id)
    {
        return Err(invalid("classes", "control-work-error-grades"));
    }
    let year_id = classes[0].year_id;
    let in_year = scalar!(
        tx: tx,
        i64,
        "SELECT CAST(count(*) AS BIGINT) FROM academic_years WHERE school_id = $1 AND id = $2 AND start_date <= $3 AND end_date >= $3",
        school_id,
        year_id,
        w.held_on
    )?;
    if in_year == 0 {
        return Err(invalid("date", "control-work-error-date"));
    }
    if w.tasks.is_empty() {
        return Err(invalid("tasks", "control-work-error-tasks"));
    }
    let max_primary: u32 = w.tasks.iter().map(|t| t.max_score).sum();
    let header = ProcedureHeader {
        kind: ProcedureKind::SchoolControl,
        year: w.held_on.year(),
        subject: subject.0.clone(),
        grade,
        date: Some(w.held_on),
        title: title.to_string(),
        max_primary: Some(max_primary),
    };
    let table = match &w.marks {
        MarkSource::Table(id) => conversions::get_in(tx, school_id, *id)
            .await?
            .ok_or_else(|| invalid("conversion", "control-work-error-table"))?
            .table
            .clone(),
        MarkSource::Bands(t) => t.clone(),
    };
    if table.output != Output::Mark || table.max_primary != max_primary {
        return Err(invalid("conversion", "control-work-error-table-max"));
    }
    if table
        .condition_tasks()
        .iter()
        .any(|code| !w.tasks.iter().any(|t| t.code == *code))
    {
        return Err(invalid("conversion", "control-work-error-table-condition"));
    }
    if table.check().is_err() {
        return Err(invalid("bands", "control-work-error-bands"));
    }
    let key = header.natural_key(w.subject_id);
    if opt_scalar!(tx: tx, Uuid, "SELECT id FROM assessment_procedures WHERE school_id = $1 AND natural_key = $2", school_id, &key)?
        .is_some()
    {
        return Err(StoreError::Conflict {
            field: "title",
            message: "control-work-error-duplicate".into(),
        });
    }
    // Codes of the school's codifier for such works get its texts (unknown codes stay).
    let mut tasks = w.tasks.clone();
    super::codifiers::resolve_in(
        tx,
        school_id,
        ProcedureKind::SchoolControl,
        header.year,
        &subject.0,
        grade,
        &mut tasks,
    )
    .await?;
    let id = vsoko_domain::new_id();
    let conversion_id = match &w.marks {
        MarkSource::Table(t) => *t,
        MarkSource::Bands(t) => {
            let own = RefConversion {
                key: RefKey {
                    kind: ProcedureKind::SchoolControl,
                    year: header.year,
                    subject: subject.0.clone(),
                    grade,
                    max_primary,
                },
                table: t.clone(),
                provenance: vec![format!("source: {title}")],
            };
            conversions::put_own(tx, actor, school_id, id, &own).await?
        }
    };
    insert_procedure(
        tx,
        actor,
        school_id,
        &NewProcedure {
            id,
            header: &header,
            key: &key,
            title,
            year_id: Some(year_id),
            subject_id: w.subject_id,
            subject_code: &subject.0,
            max_primary,
            conversion_id: Some(conversion_id),
            tasks: &tasks,
        },
    )
    .await?;
    sync_tasks(tx, &mut super::AssessmentReport::default(), "", school_id, id, &tasks).await?;
    for c in &classes {
        exec!(
            tx,
            "INSERT INTO assessment_procedure_classes (school_id, id, procedure_id, class_name, class_id) VALUES ($1, $2, $3, $4, $5)",
            school_id,
            vsoko_domain::new_id(),
            id,
            &c.name,
            c.id
        )?;
    }
    Ok(id)
}

/// The control works the viewer may see (whole school for the administration, else works
/// with a class the viewer teaches or leads), newest first.
pub async fn list(db: &Db, v: &Viewer) -> Result<Vec<WorkSummary>> {
    const SQL: &str = concat!(
        "SELECT p.id, p.title, s.name AS subject_name, p.grade, p.held_on, p.max_primary, \
           CAST((SELECT count(*) FROM assessment_results r WHERE r.school_id = p.school_id AND r.procedure_id = p.id) AS BIGINT) AS results \
         FROM assessment_procedures p JOIN subjects s ON s.school_id = p.school_id AND s.id = p.subject_id \
         WHERE p.school_id = $1 AND p.kind = 'school' AND EXISTS (SELECT 1 FROM assessment_procedure_classes apc \
           WHERE apc.school_id = p.school_id AND apc.procedure_id = p.id AND ",
        class_visible!(),
        ") ORDER BY p.held_on DESC, p.title"
    );
    Ok(rows!(db, WorkSummary, SQL, v.school(), v.full_roster(), v.staff_id)?)
}

#[derive(sqlx::FromRow)]
struct Head {
    id: Uuid,
    title: String,
    subject_id: Uuid,
    subject_name: String,
    grade: i64,
    held_on: Option<Date>,
    max_primary: i64,
    conversion_id: Option<Uuid>,
}

/// A work with the classes the viewer may see, its tasks and every pupil's entries; `None`
/// when it is not a control work of the school or none of its classes is visible.
pub async fn work(db: &Db, v: &Viewer, id: Uuid) -> Result<Option<Work>> {
    let school_id = v.school();
    let Some(h) = opt_row!(
        db,
        Head,
        "SELECT p.id, p.title, p.subject_id, s.name AS subject_name, p.grade, p.held_on, p.max_primary, p.conversion_id \
         FROM assessment_procedures p JOIN subjects s ON s.school_id = p.school_id AND s.id = p.subject_id \
         WHERE p.school_id = $1 AND p.id = $2 AND p.kind = 'school'",
        school_id,
        id
    )?
    else {
        return Ok(None);
    };
    const CLASSES: &str = concat!(
        "SELECT apc.class_id, apc.class_name FROM assessment_procedure_classes apc \
         WHERE apc.school_id = $1 AND apc.procedure_id = $4 AND apc.class_id IS NOT NULL AND ",
        class_visible!(),
        " ORDER BY apc.class_name"
    );
    let visible = rows!(db, (Uuid, String), CLASSES, school_id, v.full_roster(), v.staff_id, id)?;
    if visible.is_empty() {
        return Ok(None);
    }
    let tasks = super::read::tasks_of(db, school_id, id).await?;
    let conversion = conversions::of_procedure(db, school_id, id).await?;
    let own_table = match h.conversion_id {
        Some(c) => {
            scalar!(
                db,
                i64,
                "SELECT CAST(count(*) AS BIGINT) FROM assessment_conversions WHERE school_id = $1 AND id = $2 AND procedure_id = $3",
                school_id,
                c,
                id
            )? > 0
        }
        None => false,
    };
    let cells = rows!(
        db,
        (Uuid, Uuid, Option<i64>),
        "SELECT r.pupil_id, s.task_id, s.score FROM assessment_task_scores s JOIN assessment_results r ON r.school_id = s.school_id AND r.id = s.result_id \
         WHERE s.school_id = $1 AND r.procedure_id = $2 AND r.pupil_id IS NOT NULL",
        school_id,
        id
    )?;
    let mut by_cell: HashMap<(Uuid, Uuid), Option<i64>> = HashMap::new();
    for (pupil, task, score) in cells {
        by_cell.insert((pupil, task), score);
    }
    let (deputy, staff) = enterer(v);
    let day = h.held_on.unwrap_or_else(|| time::OffsetDateTime::now_utc().date());
    let mut classes = Vec::new();
    for (class_id, name) in visible {
        let writable = scalar!(db, i64, MAY_ENTER, school_id, class_id, deputy, h.subject_id, staff)? > 0;
        let pupils = rows!(
            db,
            (Uuid, String),
            "SELECT p.id, p.last_name || ' ' || p.first_name FROM pupil_classes pc JOIN pupils p ON p.school_id = pc.school_id AND p.id = pc.pupil_id \
             WHERE pc.school_id = $1 AND pc.class_id = $2 AND pc.from_date <= $3 AND (pc.to_date IS NULL OR pc.to_date >= $3) \
             ORDER BY p.last_name, p.first_name",
            school_id,
            class_id,
            day
        )?;
        let pupils = pupils
            .into_iter()
            .map(|(pupil_id, name)| {
                let entries: Vec<Entry> = tasks
                    .iter()
                    .map(|t| entry_of(by_cell.get(&(pupil_id, t.id)).copied()))
                    .collect();
                let totals = totals(&tasks, &entries, conversion.as_ref().map(|c| &c.table));
                PupilRow {
                    pupil_id,
                    name,
                    entries,
                    totals,
                }
            })
            .collect();
        classes.push(WorkClass {
            class_id,
            name,
            writable,
            pupils,
        });
    }
    Ok(Some(Work {
        id: h.id,
        title: h.title,
        subject_id: h.subject_id,
        subject_name: h.subject_name,
        grade: h.grade,
        held_on: h.held_on,
        max_primary: h.max_primary,
        conversion,
        own_table,
        tasks,
        classes,
    }))
}

/// A stored cell as an entry: no row = nothing entered, NULL = not done.
fn entry_of(stored: Option<Option<i64>>) -> Entry {
    match stored {
        None => Entry::Empty,
        Some(None) => Entry::NotDone,
        Some(Some(s)) => Entry::Score(u32::try_from(s).unwrap_or(0)),
    }
}

/// Sum, completeness and (complete rows only) the mark by the table.
pub fn totals(tasks: &[super::read::Task], entries: &[Entry], table: Option<&ConversionTable>) -> Totals {
    let score = |e: &Entry| match e {
        Entry::Score(s) => *s,
        _ => 0,
    };
    let any = entries.iter().any(|e| *e != Entry::Empty);
    let complete = !entries.is_empty() && entries.iter().all(|e| *e != Entry::Empty);
    let sum: u32 = entries.iter().map(score).sum();
    let mark = if complete {
        let by_code = |code: &str| {
            tasks
                .iter()
                .position(|t| t.code == code)
                .and_then(|i| match entries.get(i) {
                    Some(Entry::Score(s)) => Some(*s),
                    _ => None,
                })
        };
        match table.map(|t| t.convert(sum, by_code)) {
            Some(Ok(Converted::Mark(m))) => Some(m),
            _ => None,
        }
    } else {
        None
    };
    Totals {
        sum: any.then_some(sum),
        complete,
        mark,
    }
}

/// One cell to save.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreInput {
    /// The work.
    pub procedure_id: Uuid,
    /// The pupil.
    pub pupil_id: Uuid,
    /// The task.
    pub task_id: Uuid,
    /// What was typed.
    pub entry: Entry,
}

/// A saved cell and the pupil's totals after it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Saved {
    /// The entry as stored.
    pub entry: Entry,
    /// Whether anything changed.
    pub changed: bool,
    /// The pupil's totals.
    pub totals: Totals,
}

#[derive(sqlx::FromRow)]
struct PupilPlace {
    class_id: Uuid,
    class_name: String,
    code: String,
}

/// Saves one cell, recomputes the pupil's primary score and mark and stores them (only when
/// every task has an entry; a row with no entries left is removed). Not a control work of
/// the school, a task of another work, or no class of the work the viewer may enter: not
/// found. A pupil outside the work's classes or a score above the maximum: `Invalid`.
pub async fn save(tx: &mut Tx, actor: &Actor, v: &Viewer, input: &ScoreInput) -> Result<Saved> {
    let school_id = v.school();
    let (subject_id, held_on, conversion_id) = opt_row!(
        tx: tx,
        (Uuid, Option<Date>, Option<Uuid>),
        "SELECT subject_id, held_on, conversion_id FROM assessment_procedures WHERE school_id = $1 AND id = $2 AND kind = 'school'",
        school_id,
        input.procedure_id
    )?
    .ok_or(StoreError::NotFound)?;
    let max = opt_scalar!(
        tx: tx,
        i64,
        "SELECT max_score FROM assessment_tasks WHERE school_id = $1 AND procedure_id = $2 AND id = $3",
        school_id,
        input.procedure_id,
        input.task_id
    )?
    .ok_or(StoreError::NotFound)?;
    let work_classes = rows!(
        tx: tx,
        (Uuid,),
        "SELECT class_id FROM assessment_procedure_classes WHERE school_id = $1 AND procedure_id = $2 AND class_id IS NOT NULL",
        school_id,
        input.procedure_id
    )?;
    let mut any = false;
    for (c,) in &work_classes {
        any = any || may_enter(tx, v, *c, subject_id).await?;
    }
    if !any {
        return Err(StoreError::NotFound);
    }
    if let Entry::Score(s) = input.entry
        && i64::from(s) > max
    {
        return Err(invalid("score", "control-work-error-above-max"));
    }
    let day = held_on.unwrap_or_else(|| time::OffsetDateTime::now_utc().date());
    let place = opt_row!(
        tx: tx,
        PupilPlace,
        "SELECT pc.class_id, apc.class_name, p.code FROM pupil_classes pc \
         JOIN assessment_procedure_classes apc ON apc.school_id = pc.school_id AND apc.class_id = pc.class_id AND apc.procedure_id = $3 \
         JOIN pupils p ON p.school_id = pc.school_id AND p.id = pc.pupil_id \
         WHERE pc.school_id = $1 AND pc.pupil_id = $2 AND pc.from_date <= $4 AND (pc.to_date IS NULL OR pc.to_date >= $4)",
        school_id,
        input.pupil_id,
        input.procedure_id,
        day
    )?
    .ok_or_else(|| invalid("pupil", "control-work-error-pupil"))?;
    if !may_enter(tx, v, place.class_id, subject_id).await? {
        return Err(StoreError::NotFound);
    }

    // The pupil's result row (created on the first entry); the UPDATE locks it on
    // PostgreSQL so that concurrent saves of one pupil's cells recompute in turn.
    let at = now();
    exec!(
        tx,
        "INSERT INTO assessment_results (school_id, id, procedure_id, participant_code, pupil_id, class_name, class_id, variant, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, '', $8) ON CONFLICT (school_id, procedure_id, participant_code) DO NOTHING",
        school_id,
        vsoko_domain::new_id(),
        input.procedure_id,
        &place.code,
        input.pupil_id,
        &place.class_name,
        place.class_id,
        at
    )?;
    exec!(
        tx,
        "UPDATE assessment_results SET updated_at = $4 WHERE school_id = $1 AND procedure_id = $2 AND participant_code = $3",
        school_id,
        input.procedure_id,
        &place.code,
        at
    )?;
    let (result_id, old_primary, old_mark) = opt_row!(
        tx: tx,
        (Uuid, Option<i64>, Option<i64>),
        "SELECT id, primary_score, mark FROM assessment_results WHERE school_id = $1 AND procedure_id = $2 AND participant_code = $3",
        school_id,
        input.procedure_id,
        &place.code
    )?
    .ok_or(StoreError::NotFound)?;
    let old = entry_of(opt_scalar!(
        tx: tx,
        Option<i64>,
        "SELECT score FROM assessment_task_scores WHERE school_id = $1 AND result_id = $2 AND task_id = $3",
        school_id,
        result_id,
        input.task_id
    )?);
    let changed = old != input.entry;
    if changed {
        match input.entry {
            Entry::Empty => {
                exec!(
                    tx,
                    "DELETE FROM assessment_task_scores WHERE school_id = $1 AND result_id = $2 AND task_id = $3",
                    school_id,
                    result_id,
                    input.task_id
                )?;
            }
            Entry::NotDone | Entry::Score(_) => {
                let score = match input.entry {
                    Entry::Score(s) => Some(i64::from(s)),
                    _ => None,
                };
                exec!(
                    tx,
                    "INSERT INTO assessment_task_scores (school_id, result_id, task_id, score) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (school_id, result_id, task_id) DO UPDATE SET score = excluded.score",
                    school_id,
                    result_id,
                    input.task_id,
                    score
                )?;
            }
        }
    }

    // Totals from every entry of the pupil, by the work's table.
    let tasks = super::read::tasks_in(tx, school_id, input.procedure_id).await?;
    let stored: HashMap<Uuid, Option<i64>> = rows!(
        tx: tx,
        (Uuid, Option<i64>),
        "SELECT task_id, score FROM assessment_task_scores WHERE school_id = $1 AND result_id = $2",
        school_id,
        result_id
    )?
    .into_iter()
    .collect();
    let entries: Vec<Entry> = tasks.iter().map(|t| entry_of(stored.get(&t.id).copied())).collect();
    let table = match conversion_id {
        Some(c) => conversions::table_in(tx, school_id, c).await?,
        None => None,
    };
    let totals = totals(&tasks, &entries, table.as_ref());
    let primary = totals.sum.filter(|_| totals.complete).map(i64::from);
    let mark = totals.mark.map(i64::from);
    if totals.sum.is_none() {
        exec!(
            tx,
            "DELETE FROM assessment_results WHERE school_id = $1 AND id = $2",
            school_id,
            result_id
        )?;
    } else if (primary, mark) != (old_primary, old_mark) {
        exec!(
            tx,
            "UPDATE assessment_results SET primary_score = $3, mark = $4 WHERE school_id = $1 AND id = $2",
            school_id,
            result_id,
            primary,
            mark
        )?;
    }
    if changed {
        let code = tasks
            .iter()
            .find(|t| t.id == input.task_id)
            .map(|t| t.code.clone())
            .unwrap_or_default();
        audit::record(
            tx,
            actor,
            Change {
                school_id: Some(school_id),
                entity: "assessment_task_score",
                entity_id: Some(result_id),
                action: match (old, input.entry) {
                    (Entry::Empty, _) => "create",
                    (_, Entry::Empty) => "delete",
                    _ => "update",
                },
                old: Some(serde_json::json!({"task": code, "entry": old, "primary": old_primary, "mark": old_mark})),
                new: Some(serde_json::json!({"task": code, "pupil": input.pupil_id, "entry": input.entry, "primary": primary, "mark": mark})),
            },
        )
        .await?;
    }
    Ok(Saved {
        entry: input.entry,
        changed,
        totals,
    })
}

/// The viewer's subjects and classes to choose from when creating a work this year: the
/// deputy's are every class and active subject, a teacher's the class-subjects they teach.
pub async fn choices(db: &Db, v: &Viewer, year_id: Uuid) -> Result<Vec<(Uuid, String, i64, Uuid, String)>> {
    let (deputy, staff) = enterer(v);
    Ok(rows!(
        db,
        (Uuid, String, i64, Uuid, String),
        "SELECT DISTINCT c.id, c.name, c.grade, s.id, s.name FROM classes c JOIN subjects s ON s.school_id = c.school_id \
         WHERE c.school_id = $1 AND c.year_id = $2 AND s.is_active AND ($3 OR EXISTS (SELECT 1 FROM teaching_assignments ta \
           WHERE ta.school_id = c.school_id AND ta.class_id = c.id AND ta.subject_id = s.id AND ta.staff_id = $4)) \
         ORDER BY c.grade, c.name, s.name",
        v.school(),
        year_id,
        deputy,
        staff
    )?)
}
