//! Everything one school's analytics are computed from, read in bulk (a fixed handful of
//! queries, none per class or procedure): term and year marks, the marks of every journal
//! cell with its work type and weight, every assessment procedure with its tasks, skills,
//! results and task scores, and the prior/current pairs value-added is fitted on. The
//! whole-school recompute (`vsoko analyze school`) and the CSV export for external checks
//! (`vsoko export analytics-data`) both read this, so both see the same inputs. No scope:
//! this is an administrator's command-line read of a whole school.

use crate::assessment::value_added::MIN_LINKED;
use crate::journal::policy;
use crate::{Db, Result, StoreError};
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashMap};
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

/// One term (kind `period`) or year (kind `year`) mark as stored (the export's form).
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

/// The marks of the lessons (not deleted) of one class × subject × period × work type: the
/// year (for the weight), the work type and its weight, and the stored marks of every cell
/// joined by `|` ("5|4 3|2": three cells).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CellMarks {
    /// School year.
    pub year_id: Uuid,
    /// Class.
    pub class_id: Uuid,
    /// Subject.
    pub subject_id: Uuid,
    /// Period.
    pub period_id: Uuid,
    /// Work type code.
    pub work_type: String,
    /// The cells' stored marks joined by `|`.
    pub cells: String,
    /// Weight of the work type in the year's grading policy.
    #[sqlx(skip)]
    pub weight: i64,
}

impl CellMarks {
    /// The stored marks of each cell.
    pub fn cells(&self) -> impl Iterator<Item = &str> {
        self.cells.split('|')
    }
}

/// The term and year marks of one class × subject × period (or year), joined by `,`.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TermMarks {
    /// Class.
    pub class_id: Uuid,
    /// Subject.
    pub subject_id: Uuid,
    /// The period, or the year for year marks.
    pub period_key: Uuid,
    /// Stored codes (1..5, na, exempt, pass, fail) joined by `,`.
    pub values: String,
}

impl TermMarks {
    /// The stored codes.
    pub fn values(&self) -> impl Iterator<Item = &str> {
        self.values.split(',')
    }
}

/// Weights of the work types from the years' grading policies (unknown types weigh 1).
async fn weights(
    db: &Db,
    school: Uuid,
    keys: impl Iterator<Item = (Uuid, String)>,
) -> Result<HashMap<(Uuid, String), i64>> {
    let mut policies = BTreeMap::new();
    let mut out = HashMap::new();
    for (year, work_type) in keys {
        let p = match policies.entry(year) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(policy::get(db, school, year).await?),
        };
        let w = p.weight(&work_type);
        out.insert((year, work_type), w);
    }
    Ok(out)
}

/// Every current mark of the school, aggregated in the query to one row per class ×
/// subject × period × work type (a thirtieth of the cells: decoding rows, not running the
/// query, is what costs).
pub async fn cell_marks(db: &Db, school: Uuid) -> Result<Vec<CellMarks>> {
    let mut groups = rows!(
        db,
        CellMarks,
        "SELECT l.year_id, l.class_id, l.subject_id, l.period_id, l.work_type, string_agg(m.cells, '|') AS cells \
         FROM lessons l JOIN (SELECT lesson_id, string_agg(marks, '|') AS cells FROM journal_cells \
                              WHERE school_id = $1 AND marks <> '' GROUP BY lesson_id) m ON m.lesson_id = l.id \
         WHERE l.school_id = $1 AND NOT l.is_deleted \
         GROUP BY l.year_id, l.class_id, l.subject_id, l.period_id, l.work_type",
        school
    )?;
    let w = weights(db, school, groups.iter().map(|g| (g.year_id, g.work_type.clone()))).await?;
    for g in &mut groups {
        g.weight = w.get(&(g.year_id, g.work_type.clone())).copied().unwrap_or(1);
    }
    Ok(groups)
}

#[derive(sqlx::FromRow)]
struct LessonRow {
    id: Uuid,
    year_id: Uuid,
    class_id: Uuid,
    subject_id: Uuid,
    period_id: Uuid,
    work_type: String,
}

/// Every journal cell with marks, one row per cell with its pupil (the export's form).
pub async fn cells(db: &Db, school: Uuid) -> Result<Vec<CellRow>> {
    let lessons = rows!(
        db,
        LessonRow,
        "SELECT id, year_id, class_id, subject_id, period_id, work_type FROM lessons WHERE school_id = $1 AND NOT is_deleted",
        school
    )?;
    let w = weights(db, school, lessons.iter().map(|l| (l.year_id, l.work_type.clone()))).await?;
    let by_id: HashMap<Uuid, &LessonRow> = lessons.iter().map(|l| (l.id, l)).collect();
    let raw = rows!(
        db,
        (Uuid, Uuid, String),
        "SELECT lesson_id, pupil_id, marks FROM journal_cells WHERE school_id = $1 AND marks <> '' ORDER BY lesson_id, pupil_id",
        school
    )?;
    Ok(raw
        .into_iter()
        .filter_map(|(lesson_id, pupil_id, marks)| {
            let l = by_id.get(&lesson_id)?;
            Some(CellRow {
                lesson_id,
                year_id: l.year_id,
                class_id: l.class_id,
                subject_id: l.subject_id,
                period_id: l.period_id,
                pupil_id,
                marks,
                work_type: l.work_type.clone(),
                weight: w.get(&(l.year_id, l.work_type.clone())).copied().unwrap_or(1),
            })
        })
        .collect())
}

/// One journal cell with marks, of a lesson that is not deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// The task scores of one result, one row per result rather than per score:
/// `ordinal:points` pairs joined by `,`, empty points = not done ("0:1,1:,2:2").
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ResultScores {
    /// Result.
    pub result_id: Uuid,
    /// How many scores.
    pub n: i64,
    /// The pairs.
    pub scores: String,
}

impl ResultScores {
    /// (task ordinal, points) pairs; `None` = not done. A malformed pair is skipped.
    pub fn pairs(&self) -> impl Iterator<Item = (i64, Option<i64>)> + '_ {
        self.scores.split(',').filter_map(|p| {
            let (ordinal, points) = p.split_once(':')?;
            Some((ordinal.parse().ok()?, points.parse().ok()))
        })
    }
}

/// Every task score of the school, one row per score (the export's form).
pub async fn scores(db: &Db, school: Uuid) -> Result<Vec<ScoreRow>> {
    Ok(rows!(
        db,
        ScoreRow,
        "SELECT result_id, task_id, score FROM assessment_task_scores WHERE school_id = $1 ORDER BY result_id, task_id",
        school
    )?)
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
    /// Term and year marks per class × subject × period.
    pub term_marks: Vec<TermMarks>,
    /// Current marks per class × subject × period × work type.
    pub cell_marks: Vec<CellMarks>,
    /// Procedures, by year, grade, title.
    pub procedures: Vec<ProcedureRow>,
    /// Tasks by procedure and ordinal.
    pub tasks: Vec<TaskRow>,
    /// Skills of the tasks.
    pub skills: Vec<SkillRow>,
    /// Results by procedure, class name, participant code (the procedure page's order).
    pub results: Vec<ResultRow>,
    /// Task scores of each result, aggregated in the query (see [`ResultScores`]).
    pub scores: Vec<ResultScores>,
    /// The same scores one row per score, read only when some procedure repeats a task
    /// ordinal (then `scores` cannot tell its tasks apart); empty otherwise.
    pub score_rows: Vec<ScoreRow>,
    /// Value-added pairs, by pair, then class name and pupil; one row per pupil and pair.
    pub va_pairs: Vec<VaPairRow>,
}

/// Reads everything the analytics of a school are computed from.
pub async fn load(db: &Db, school: Uuid) -> Result<SchoolData> {
    // The queries are independent: they run at once, on several connections of the pool.
    let pupils = async {
        Ok::<_, StoreError>(scalar!(
            db,
            i64,
            "SELECT CAST(count(*) AS BIGINT) FROM pupils WHERE school_id = $1",
            school
        )?)
    };
    let classes = async {
        Ok::<_, StoreError>(rows!(
            db,
            ClassRow,
            "SELECT id, year_id, name, grade FROM classes WHERE school_id = $1 ORDER BY grade, name, id",
            school
        )?)
    };
    let subjects = async {
        Ok::<_, StoreError>(rows!(
            db,
            SubjectRow,
            "SELECT id, name FROM subjects WHERE school_id = $1 ORDER BY name, id",
            school
        )?)
    };
    let term_marks = async {
        Ok::<_, StoreError>(rows!(
            db,
            TermMarks,
            "SELECT class_id, subject_id, period_key, string_agg(value, ',') AS \"values\" FROM period_marks WHERE school_id = $1 \
         GROUP BY class_id, subject_id, period_key",
            school
        )?)
    };
    let cell_marks = cell_marks(db, school);
    let procedures = async {
        Ok::<_, StoreError>(rows!(
            db,
            ProcedureRow,
            "SELECT id, kind, exam_year, grade, subject_id, title FROM assessment_procedures WHERE school_id = $1 \
         ORDER BY exam_year, grade, title, id",
            school
        )?)
    };
    let tasks = async {
        Ok::<_, StoreError>(rows!(
            db,
            TaskRow,
            "SELECT id, procedure_id, ordinal, code, max_score, level FROM assessment_tasks WHERE school_id = $1 \
         ORDER BY procedure_id, ordinal",
            school
        )?)
    };
    let skills = async {
        Ok::<_, StoreError>(rows!(
            db,
            SkillRow,
            "SELECT task_id, code, text FROM assessment_task_skills WHERE school_id = $1 ORDER BY task_id, code, text",
            school
        )?)
    };
    let results = async {
        Ok::<_, StoreError>(rows!(
            db,
            ResultRow,
            "SELECT id, procedure_id, participant_code, pupil_id, class_name, primary_score, mark, journal_mark \
         FROM assessment_results WHERE school_id = $1 ORDER BY procedure_id, class_name, participant_code",
            school
        )?)
    };
    let scores = async {
        Ok::<_, StoreError>(rows!(
            db,
            ResultScores,
            "SELECT s.result_id, CAST(count(*) AS BIGINT) AS n, \
         string_agg(CAST(t.ordinal AS TEXT) || ':' || COALESCE(CAST(s.score AS TEXT), ''), ',') AS scores \
         FROM assessment_task_scores s JOIN assessment_tasks t ON t.school_id = s.school_id AND t.id = s.task_id \
         WHERE s.school_id = $1 GROUP BY s.result_id",
            school
        )?)
    };
    // CROSS JOIN keeps SQLite's join order (the few pairs first, then their results): with
    // plain joins it chose a nested scan of every result with a pupil against every other,
    // 0.3 s on the scaled demo instead of 0.01 s. PostgreSQL plans it as the inner join it is.
    const PAIRS: &str = concat!(
        "WITH pairs AS (",
        crate::assessment::value_added::pair_counts!(),
        ") \
         SELECT pr.prior_id, pr.current_id, r.pupil_id, r.class_name, a.primary_score AS prior, r.primary_score AS current \
         FROM pairs pr CROSS JOIN assessment_results r CROSS JOIN assessment_results a \
         WHERE r.school_id = $1 AND r.procedure_id = pr.current_id \
           AND a.school_id = r.school_id AND a.pupil_id = r.pupil_id AND a.procedure_id = pr.prior_id \
           AND r.pupil_id IS NOT NULL AND r.primary_score IS NOT NULL AND a.primary_score IS NOT NULL \
         ORDER BY pr.prior_id, pr.current_id, r.class_name, r.pupil_id, r.participant_code, a.participant_code"
    );
    let va_pairs = async { Ok::<_, StoreError>(rows!(db, VaPairRow, PAIRS, school, MIN_LINKED)?) };
    let (pupils, classes, subjects, term_marks, cell_marks, procedures, tasks, skills, results, scores, mut va_pairs) =
        tokio::try_join!(
            pupils, classes, subjects, term_marks, cell_marks, procedures, tasks, skills, results, scores, va_pairs
        )?;
    // Scores are keyed by the task's ordinal above. Ordinals are unique per procedure as the
    // importer writes them, but the schema does not demand it: with any repeated ordinal the
    // scores are read again one row per score, keyed by task.
    let mut seen = std::collections::HashSet::new();
    let score_rows = if tasks.iter().all(|t| seen.insert((t.procedure_id, t.ordinal))) {
        Vec::new()
    } else {
        self::scores(db, school).await?
    };
    // A pupil written twice in a procedure counts once (as the value-added page does).
    va_pairs.dedup_by_key(|p| (p.prior_id, p.current_id, p.pupil_id));
    Ok(SchoolData {
        school_id: school,
        pupils,
        classes,
        subjects,
        term_marks,
        cell_marks,
        procedures,
        tasks,
        skills,
        results,
        scores,
        score_rows,
        va_pairs,
    })
}

/// Every term and year mark, one row per mark (the export's form).
pub async fn term_mark_rows(db: &Db, school: Uuid) -> Result<Vec<TermMarkRow>> {
    Ok(rows!(
        db,
        TermMarkRow,
        "SELECT class_id, subject_id, period_key, kind, pupil_id, value FROM period_marks WHERE school_id = $1 \
         ORDER BY class_id, subject_id, period_key, pupil_id",
        school
    )?)
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
