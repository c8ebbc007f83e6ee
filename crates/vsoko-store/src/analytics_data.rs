//! Everything one school's analytics are computed from, read in bulk (a fixed handful of
//! queries, none per class or procedure): term and year marks, the marks of every journal
//! cell with its work type and weight, every assessment procedure with its tasks, skills,
//! results and task scores, and the prior/current pairs value-added is fitted on. The
//! whole-school recompute (`vsoko analyze school`) and the CSV export for external checks
//! (`vsoko export analytics-data`) both read this, so both see the same inputs. No scope:
//! this is an administrator's command-line read of a whole school.

use crate::assessment::value_added::MIN_LINKED;
use crate::journal::policy;
use crate::{Db, Result};
use std::collections::BTreeMap;
use uuid::Uuid;

/// A class of any year of the school.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ClassRow {
    /// Id.
    pub id: Uuid,
    /// School year.
    pub year_id: Uuid,
    /// Name ("5А").
    pub name: String,
    /// Grade.
    pub grade: i64,
}

/// A subject of the school.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SubjectRow {
    /// Id.
    pub id: Uuid,
    /// Name.
    pub name: String,
}

/// One term (kind `period`) or year (kind `year`) mark as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TermMarkRow {
    /// Class.
    pub class_id: Uuid,
    /// Subject.
    pub subject_id: Uuid,
    /// The period, or the year for year marks.
    pub period_key: Uuid,
    /// `period` or `year`.
    pub kind: String,
    /// Pupil.
    pub pupil_id: Uuid,
    /// Stored code: 1..5, na, exempt, pass, fail.
    pub value: String,
}

/// One journal cell with marks, of a lesson that is not deleted.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CellRow {
    /// Lesson.
    pub lesson_id: Uuid,
    /// School year of the lesson.
    pub year_id: Uuid,
    /// Class.
    pub class_id: Uuid,
    /// Subject.
    pub subject_id: Uuid,
    /// Period.
    pub period_id: Uuid,
    /// Pupil.
    pub pupil_id: Uuid,
    /// Stored marks ("5 4").
    pub marks: String,
    /// Work type code of the lesson.
    pub work_type: String,
    /// Weight of the work type in the year's grading policy.
    #[sqlx(skip)]
    pub weight: i64,
}

/// An assessment procedure.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ProcedureRow {
    /// Id.
    pub id: Uuid,
    /// Kind code.
    pub kind: String,
    /// Year held.
    pub exam_year: i64,
    /// Grade.
    pub grade: i64,
    /// Subject.
    pub subject_id: Uuid,
    /// Title.
    pub title: String,
}

/// A task of a procedure.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TaskRow {
    /// Id.
    pub id: Uuid,
    /// Procedure.
    pub procedure_id: Uuid,
    /// Position (0-based).
    pub ordinal: i64,
    /// Code.
    pub code: String,
    /// Maximum score.
    pub max_score: i64,
    /// Level letter Б/П/В, "" when unknown.
    pub level: String,
}

/// A skill a task checks: its codifier code, or its text when the source gives no code
/// (as the procedure page names it).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SkillRow {
    /// Task.
    pub task_id: Uuid,
    /// Codifier code ("" when none).
    pub code: String,
    /// Text.
    pub text: String,
}

impl SkillRow {
    /// The skill's name in the analysis: the code, or the text without one.
    pub fn skill(&self) -> &str {
        if self.code.is_empty() { &self.text } else { &self.code }
    }
}

/// A participant's result.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ResultRow {
    /// Id.
    pub id: Uuid,
    /// Procedure.
    pub procedure_id: Uuid,
    /// Participant code.
    pub participant_code: String,
    /// Linked pupil.
    pub pupil_id: Option<Uuid>,
    /// Class as in the file.
    pub class_name: String,
    /// Primary score.
    pub primary_score: Option<i64>,
    /// Mark.
    pub mark: Option<i64>,
    /// Journal mark from the file.
    pub journal_mark: Option<i64>,
}

/// One task score; `None` = not done.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ScoreRow {
    /// Result.
    pub result_id: Uuid,
    /// Task.
    pub task_id: Uuid,
    /// Points.
    pub score: Option<i64>,
}

/// A linked pupil of a prior → current pair of procedures (the pairs the value-added page
/// suggests: same subject, prior earlier, at least [`MIN_LINKED`] linked pupils).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct VaPairRow {
    /// The earlier procedure.
    pub prior_id: Uuid,
    /// The later procedure.
    pub current_id: Uuid,
    /// Pupil.
    pub pupil_id: Uuid,
    /// Class of the current result as in the file.
    pub class_name: String,
    /// Prior primary score.
    pub prior: i64,
    /// Current primary score.
    pub current: i64,
}

/// All inputs of one school's analytics.
#[derive(Debug, Clone, Default)]
pub struct SchoolData {
    /// School.
    pub school_id: Uuid,
    /// Pupils of the school (all years).
    pub pupils: i64,
    /// Classes of every year.
    pub classes: Vec<ClassRow>,
    /// Subjects.
    pub subjects: Vec<SubjectRow>,
    /// Term and year marks.
    pub term_marks: Vec<TermMarkRow>,
    /// Journal cells with marks.
    pub cells: Vec<CellRow>,
    /// Procedures, by year, grade, title.
    pub procedures: Vec<ProcedureRow>,
    /// Tasks by procedure and ordinal.
    pub tasks: Vec<TaskRow>,
    /// Skills of the tasks.
    pub skills: Vec<SkillRow>,
    /// Results by procedure, class name, participant code (the procedure page's order).
    pub results: Vec<ResultRow>,
    /// Task scores.
    pub scores: Vec<ScoreRow>,
    /// Value-added pairs, by pair, then class name and pupil; one row per pupil and pair.
    pub va_pairs: Vec<VaPairRow>,
}

/// Reads everything the analytics of a school are computed from.
pub async fn load(db: &Db, school: Uuid) -> Result<SchoolData> {
    let pupils = scalar!(
        db,
        i64,
        "SELECT CAST(count(*) AS BIGINT) FROM pupils WHERE school_id = $1",
        school
    )?;
    let classes = rows!(
        db,
        ClassRow,
        "SELECT id, year_id, name, grade FROM classes WHERE school_id = $1 ORDER BY grade, name, id",
        school
    )?;
    let subjects = rows!(
        db,
        SubjectRow,
        "SELECT id, name FROM subjects WHERE school_id = $1 ORDER BY name, id",
        school
    )?;
    let term_marks = rows!(
        db,
        TermMarkRow,
        "SELECT class_id, subject_id, period_key, kind, pupil_id, value FROM period_marks WHERE school_id = $1 \
         ORDER BY class_id, subject_id, period_key, pupil_id",
        school
    )?;
    let mut cells = rows!(
        db,
        CellRow,
        "SELECT jc.lesson_id, l.year_id, l.class_id, l.subject_id, l.period_id, jc.pupil_id, jc.marks, l.work_type \
         FROM journal_cells jc JOIN lessons l ON l.school_id = jc.school_id AND l.id = jc.lesson_id \
         WHERE jc.school_id = $1 AND NOT l.is_deleted AND jc.marks <> '' \
         ORDER BY l.class_id, l.subject_id, l.period_id, jc.lesson_id, jc.pupil_id",
        school
    )?;
    let mut policies = BTreeMap::new();
    for c in &mut cells {
        if !policies.contains_key(&c.year_id) {
            policies.insert(c.year_id, policy::get(db, school, c.year_id).await?);
        }
        c.weight = policies.get(&c.year_id).map_or(1, |p| p.weight(&c.work_type));
    }
    let procedures = rows!(
        db,
        ProcedureRow,
        "SELECT id, kind, exam_year, grade, subject_id, title FROM assessment_procedures WHERE school_id = $1 \
         ORDER BY exam_year, grade, title, id",
        school
    )?;
    let tasks = rows!(
        db,
        TaskRow,
        "SELECT id, procedure_id, ordinal, code, max_score, level FROM assessment_tasks WHERE school_id = $1 \
         ORDER BY procedure_id, ordinal",
        school
    )?;
    let skills = rows!(
        db,
        SkillRow,
        "SELECT task_id, code, text FROM assessment_task_skills WHERE school_id = $1 ORDER BY task_id, code, text",
        school
    )?;
    let results = rows!(
        db,
        ResultRow,
        "SELECT id, procedure_id, participant_code, pupil_id, class_name, primary_score, mark, journal_mark \
         FROM assessment_results WHERE school_id = $1 ORDER BY procedure_id, class_name, participant_code",
        school
    )?;
    let scores = rows!(
        db,
        ScoreRow,
        "SELECT result_id, task_id, score FROM assessment_task_scores WHERE school_id = $1 ORDER BY result_id, task_id",
        school
    )?;
    const PAIRS: &str = "WITH pairs AS ( \
         SELECT a.procedure_id AS prior_id, b.procedure_id AS current_id \
         FROM assessment_results a \
         JOIN assessment_results b ON b.school_id = a.school_id AND b.pupil_id = a.pupil_id AND b.procedure_id <> a.procedure_id \
         JOIN assessment_procedures pa ON pa.school_id = a.school_id AND pa.id = a.procedure_id \
         JOIN assessment_procedures pb ON pb.school_id = b.school_id AND pb.id = b.procedure_id \
         WHERE a.school_id = $1 AND a.pupil_id IS NOT NULL AND pa.subject_id = pb.subject_id \
           AND a.primary_score IS NOT NULL AND b.primary_score IS NOT NULL \
           AND ((pa.held_on IS NOT NULL AND pb.held_on IS NOT NULL AND pa.held_on < pb.held_on) \
             OR ((pa.held_on IS NULL OR pb.held_on IS NULL) AND pa.exam_year < pb.exam_year)) \
         GROUP BY a.procedure_id, b.procedure_id \
         HAVING count(DISTINCT b.pupil_id) >= $2) \
         SELECT pr.prior_id, pr.current_id, r.pupil_id, r.class_name, a.primary_score AS prior, r.primary_score AS current \
         FROM pairs pr \
         JOIN assessment_results r ON r.school_id = $1 AND r.procedure_id = pr.current_id \
         JOIN assessment_results a ON a.school_id = r.school_id AND a.pupil_id = r.pupil_id AND a.procedure_id = pr.prior_id \
         WHERE r.pupil_id IS NOT NULL AND r.primary_score IS NOT NULL AND a.primary_score IS NOT NULL \
         ORDER BY pr.prior_id, pr.current_id, r.class_name, r.pupil_id, r.participant_code, a.participant_code";
    let mut va_pairs = rows!(db, VaPairRow, PAIRS, school, MIN_LINKED)?;
    // A pupil written twice in a procedure counts once (as the value-added page does).
    va_pairs.dedup_by_key(|p| (p.prior_id, p.current_id, p.pupil_id));
    Ok(SchoolData {
        school_id: school,
        pupils,
        classes,
        subjects,
        term_marks,
        cells,
        procedures,
        tasks,
        skills,
        results,
        scores,
        va_pairs,
    })
}

/// The school with the most pupils (the demo's main school among its three), if any.
pub async fn largest_school(db: &Db) -> Result<Option<Uuid>> {
    let found = rows!(
        db,
        (Uuid, i64),
        "SELECT s.id, CAST((SELECT count(*) FROM pupils p WHERE p.school_id = s.id) AS BIGINT) AS n FROM schools s ORDER BY n DESC, s.name",
    )?;
    Ok(found.first().map(|r| r.0))
}
