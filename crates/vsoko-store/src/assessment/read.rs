//! Reading procedures, tasks and results within the viewer's scope: the administration
//! (full roster) sees every result of the school; a teacher the results of the classes they
//! teach or lead; a pupil their own; a parent their children's. A procedure is visible when
//! the viewer sees the whole school or at least one of its results. Out-of-scope rows are
//! "not found".

use crate::{Db, Result, Tx, Viewer};
use serde::Serialize;
use time::Date;
use uuid::Uuid;

/// `WHERE` part limiting `assessment_results r` to the viewer: $1 school, $2 full roster,
/// $3 staff, $4 pupil, $5 parent.
macro_rules! result_scope {
    () => {
        "r.school_id = $1 AND ($2 \
         OR (r.class_id IS NOT NULL AND (EXISTS (SELECT 1 FROM teaching_assignments ta WHERE ta.school_id = r.school_id AND ta.class_id = r.class_id AND ta.staff_id = $3) \
             OR EXISTS (SELECT 1 FROM class_teachers ct WHERE ct.school_id = r.school_id AND ct.class_id = r.class_id AND ct.staff_id = $3))) \
         OR (r.pupil_id IS NOT NULL AND (r.pupil_id = $4 \
             OR EXISTS (SELECT 1 FROM parent_pupils pp WHERE pp.school_id = r.school_id AND pp.pupil_id = r.pupil_id AND pp.parent_id = $5))))"
    };
}

/// A procedure as lists show it.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct Procedure {
    /// Id.
    pub id: Uuid,
    /// Kind code (vpr, oge, ege, gve, niko, regional, municipal, international, school).
    pub kind: String,
    /// Year held.
    pub exam_year: i64,
    /// Subject id.
    pub subject_id: Uuid,
    /// Subject name.
    pub subject_name: String,
    /// Grade.
    pub grade: i64,
    /// Date held, when known.
    #[schema(value_type = Option<String>, format = Date)]
    #[serde(with = "crate::iso_date::option")]
    pub held_on: Option<Date>,
    /// Title.
    pub title: String,
    /// Maximum primary score.
    pub max_primary: i64,
    /// Results the viewer may see.
    pub results: i64,
}

/// A task of a procedure.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct Task {
    /// Id.
    pub id: Uuid,
    /// Position in the work (0-based).
    pub ordinal: i64,
    /// Code, e.g. "9.1" or "2К1".
    pub code: String,
    /// Maximum score.
    pub max_score: i64,
    /// Level Б, П or В ("" when unknown).
    pub level: String,
    /// Checked skills as "code section: text" lines.
    #[sqlx(skip)]
    pub skills: Vec<Skill>,
}

/// A codifier item a task checks.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct Skill {
    /// Task.
    #[serde(skip)]
    pub task_id: Uuid,
    /// Codifier code ("" when the source gives none).
    pub code: String,
    /// Section.
    pub section: String,
    /// Text.
    pub text: String,
}

/// One participant's result.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct AssessmentResult {
    /// Id.
    pub id: Uuid,
    /// Procedure.
    pub procedure_id: Uuid,
    /// Participant code.
    pub participant_code: String,
    /// Linked pupil, if any.
    pub pupil_id: Option<Uuid>,
    /// Pupil's name when linked ("" otherwise).
    pub pupil_name: String,
    /// Class as in the file.
    pub class_name: String,
    /// Class of the school year, when matched.
    pub class_id: Option<Uuid>,
    /// Variant.
    pub variant: String,
    /// Primary score.
    pub primary_score: Option<i64>,
    /// Mark computed from the conversion table.
    pub mark: Option<i64>,
    /// Test score (ЕГЭ).
    pub test_score: Option<i64>,
    /// Journal mark from the file.
    pub journal_mark: Option<i64>,
    /// Score per task, in task order; `null` = not done (distinct from 0).
    #[sqlx(skip)]
    pub scores: Vec<Option<i64>>,
}

/// Procedures the viewer may see, newest year first; optionally of one year.
pub async fn procedures(db: &Db, v: &Viewer, year: Option<i64>) -> Result<Vec<Procedure>> {
    visible(db, v, year, None).await
}

/// Visible procedures of a year and/or one id ($6 year, $7 id; NULL = any).
async fn visible(db: &Db, v: &Viewer, year: Option<i64>, id: Option<Uuid>) -> Result<Vec<Procedure>> {
    const SQL: &str = concat!(
        "SELECT p.id, p.kind, p.exam_year, p.subject_id, s.name AS subject_name, p.grade, p.held_on, p.title, p.max_primary, \
           CAST((SELECT count(*) FROM assessment_results r WHERE r.procedure_id = p.id AND ",
        result_scope!(),
        ") AS BIGINT) AS results \
         FROM assessment_procedures p JOIN subjects s ON s.school_id = p.school_id AND s.id = p.subject_id \
         WHERE p.school_id = $1 AND ($6 IS NULL OR p.exam_year = $6) AND ($7 IS NULL OR p.id = $7) \
         ORDER BY p.exam_year DESC, p.grade, s.name, p.title"
    );
    let all = rows!(
        db,
        Procedure,
        SQL,
        v.school(),
        v.full_roster(),
        v.staff_id,
        v.pupil_id,
        v.parent_id,
        year,
        id
    )?;
    Ok(all.into_iter().filter(|p| v.full_roster() || p.results > 0).collect())
}

/// How many results of one class of a procedure the viewer may see.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ClassCount {
    /// Procedure.
    pub procedure_id: Uuid,
    /// Class as in the file.
    pub class_name: String,
    /// Results in that class the viewer may see.
    pub results: i64,
}

/// The classes of every procedure with the number of results the viewer may see in each
/// (the list of procedures shows them), by procedure and class name.
pub async fn classes(db: &Db, v: &Viewer) -> Result<Vec<ClassCount>> {
    const SQL: &str = concat!(
        "SELECT r.procedure_id, r.class_name, CAST(count(*) AS BIGINT) AS results FROM assessment_results r WHERE ",
        result_scope!(),
        " GROUP BY r.procedure_id, r.class_name ORDER BY r.procedure_id, r.class_name"
    );
    Ok(rows!(
        db,
        ClassCount,
        SQL,
        v.school(),
        v.full_roster(),
        v.staff_id,
        v.pupil_id,
        v.parent_id
    )?)
}

/// One procedure if visible.
pub async fn procedure(db: &Db, v: &Viewer, id: Uuid) -> Result<Option<Procedure>> {
    Ok(visible(db, v, None, Some(id)).await?.into_iter().next())
}

/// The same work a year earlier, if the viewer may see it: a procedure of the school of the
/// same kind, subject and grade held in `p.exam_year − 1` (a different cohort of the same
/// parallel). Visibility is [`procedure`]'s: a teacher gets it only when they see at least
/// one of its results. Of several, the one with the most results the viewer sees (then the
/// latest held).
pub async fn year_earlier(db: &Db, v: &Viewer, p: &Procedure) -> Result<Option<Procedure>> {
    Ok(visible(db, v, Some(p.exam_year - 1), None)
        .await?
        .into_iter()
        .filter(|e| e.kind == p.kind && e.subject_id == p.subject_id && e.grade == p.grade)
        .max_by_key(|e| (e.results, e.held_on)))
}

/// Tasks of a visible procedure, in order, with their skills; empty when not visible.
pub async fn tasks(db: &Db, v: &Viewer, procedure_id: Uuid) -> Result<Vec<Task>> {
    match procedure(db, v, procedure_id).await? {
        Some(p) => tasks_for(db, v, &p).await,
        None => Ok(Vec::new()),
    }
}

/// Tasks of a procedure the caller has just read through [`procedure`] or [`procedures`]
/// (so its visibility is checked once, not again), in order, with their skills.
pub async fn tasks_for(db: &Db, v: &Viewer, p: &Procedure) -> Result<Vec<Task>> {
    tasks_of(db, v.school(), p.id).await
}

const TASKS: &str = "SELECT id, ordinal, code, max_score, level FROM assessment_tasks WHERE school_id = $1 AND procedure_id = $2 ORDER BY ordinal";
const SKILLS: &str = "SELECT k.task_id, k.code, k.section, k.text FROM assessment_task_skills k JOIN assessment_tasks t ON t.school_id = k.school_id AND t.id = k.task_id WHERE k.school_id = $1 AND t.procedure_id = $2 ORDER BY k.code, k.text";

fn with_skills(mut tasks: Vec<Task>, skills: &[Skill]) -> Vec<Task> {
    for t in &mut tasks {
        t.skills = skills.iter().filter(|s| s.task_id == t.id).cloned().collect();
    }
    tasks
}

/// Tasks of a procedure of the school with their skills (the caller has checked scope).
pub(crate) async fn tasks_of(db: &Db, school: Uuid, procedure_id: Uuid) -> Result<Vec<Task>> {
    let tasks = rows!(db, Task, TASKS, school, procedure_id)?;
    let skills = rows!(db, Skill, SKILLS, school, procedure_id)?;
    Ok(with_skills(tasks, &skills))
}

/// [`tasks_of`] inside a transaction.
pub(crate) async fn tasks_in(tx: &mut Tx, school: Uuid, procedure_id: Uuid) -> Result<Vec<Task>> {
    let tasks = rows!(tx: tx, Task, TASKS, school, procedure_id)?;
    let skills = rows!(tx: tx, Skill, SKILLS, school, procedure_id)?;
    Ok(with_skills(tasks, &skills))
}

macro_rules! select_results {
    ($rest:literal) => {
        concat!(
            "SELECT r.id, r.procedure_id, r.participant_code, r.pupil_id, \
     COALESCE(pu.last_name || ' ' || pu.first_name, '') AS pupil_name, r.class_name, r.class_id, r.variant, \
     r.primary_score, r.mark, r.test_score, r.journal_mark \
     FROM assessment_results r LEFT JOIN pupils pu ON pu.school_id = r.school_id AND pu.id = r.pupil_id WHERE ",
            result_scope!(),
            $rest
        )
    };
}

/// Results of a procedure the viewer may see, by class and participant code, each with its
/// task scores in task order.
pub async fn results(db: &Db, v: &Viewer, procedure_id: Uuid) -> Result<Vec<AssessmentResult>> {
    const SQL: &str = select_results!(" AND r.procedure_id = $6 ORDER BY r.class_name, r.participant_code");
    let mut results = rows!(
        db,
        AssessmentResult,
        SQL,
        v.school(),
        v.full_roster(),
        v.staff_id,
        v.pupil_id,
        v.parent_id,
        procedure_id
    )?;
    attach_scores(db, v.school(), procedure_id, &mut results).await?;
    Ok(results)
}

/// Every result of one pupil the viewer may see (the diary: a pupil their own, a parent
/// their children's), newest procedure first.
pub async fn of_pupil(db: &Db, v: &Viewer, pupil_id: Uuid) -> Result<Vec<(Procedure, AssessmentResult)>> {
    const SQL: &str = select_results!(" AND r.pupil_id = $6");
    let results = rows!(
        db,
        AssessmentResult,
        SQL,
        v.school(),
        v.full_roster(),
        v.staff_id,
        v.pupil_id,
        v.parent_id,
        pupil_id
    )?;
    let procs = procedures(db, v, None).await?;
    let mut out = Vec::new();
    for mut r in results {
        if let Some(p) = procs.iter().find(|p| p.id == r.procedure_id) {
            let mut one = vec![r.clone()];
            attach_scores(db, v.school(), p.id, &mut one).await?;
            r.scores = one.pop().map(|x| x.scores).unwrap_or_default();
            out.push((p.clone(), r));
        }
    }
    Ok(out)
}

async fn attach_scores(db: &Db, school: Uuid, procedure_id: Uuid, results: &mut [AssessmentResult]) -> Result<()> {
    if results.is_empty() {
        return Ok(());
    }
    let task_ids: Vec<Uuid> = rows!(
        db,
        (Uuid,),
        "SELECT id FROM assessment_tasks WHERE school_id = $1 AND procedure_id = $2 ORDER BY ordinal",
        school,
        procedure_id
    )?
    .into_iter()
    .map(|(id,)| id)
    .collect();
    let cells = rows!(
        db,
        (Uuid, Uuid, Option<i64>),
        "SELECT s.result_id, s.task_id, s.score FROM assessment_task_scores s JOIN assessment_tasks t ON t.school_id = s.school_id AND t.id = s.task_id WHERE s.school_id = $1 AND t.procedure_id = $2",
        school,
        procedure_id
    )?;
    let mut map: std::collections::HashMap<(Uuid, Uuid), Option<i64>> =
        std::collections::HashMap::with_capacity(cells.len());
    for (r, t, s) in cells {
        map.insert((r, t), s);
    }
    for r in results.iter_mut() {
        r.scores = task_ids
            .iter()
            .map(|t| map.get(&(r.id, *t)).copied().flatten())
            .collect();
    }
    Ok(())
}
