//! The analysis of one assessment procedure (SPEC §5.4–5.5): marks by class, the test mark
//! against the journal mark, completion of each task and of each checked skill.

use super::{Cell, Table, tables_xlsx};
use rust_xlsxwriter::XlsxError;

/// Marks of a class (or of all).
#[derive(Debug, Clone, PartialEq)]
pub struct MarksRow {
    /// Class.
    pub label: String,
    /// Participants with a mark.
    pub n: usize,
    /// How many "2", "3", "4", "5".
    pub counts: [usize; 4],
    /// Shares of "2", "3", "4", "5".
    pub shares: [Option<f64>; 4],
    /// Mean primary score of those with one.
    pub mean_primary: Option<f64>,
    /// Its 95 % t-interval (none below two scores).
    pub mean_primary_ci: Option<(f64, f64)>,
    /// Success rate.
    pub success: Option<f64>,
    /// Knowledge quality.
    pub quality: Option<f64>,
}

/// Test mark against journal mark of a class (or of all).
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectivityRow {
    /// Class.
    pub label: String,
    /// Pairs of marks.
    pub n: usize,
    /// Lowered share.
    pub lowered: f64,
    /// Confirmed share.
    pub confirmed: f64,
    /// Raised share.
    pub raised: f64,
    /// Share with a gap of 2 or more.
    pub gap2: f64,
    /// Sign test p.
    pub sign_p: f64,
    /// Quadratic κ.
    pub kappa: Option<f64>,
    /// Spearman.
    pub spearman: Option<f64>,
    /// The signal as the page words it ("" for none).
    pub signal: String,
}

/// Completion of a task.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskRow {
    /// Task code.
    pub code: String,
    /// Level letter.
    pub level: String,
    /// Maximum score.
    pub max: i64,
    /// Completion 0..1.
    pub completion: Option<f64>,
    /// Wilson 95 % interval.
    pub ci_low: Option<f64>,
    /// Upper end.
    pub ci_high: Option<f64>,
    /// Status as the page words it.
    pub status: String,
}

/// Completion of a checked skill.
#[derive(Debug, Clone, PartialEq)]
pub struct SkillRow {
    /// Codifier code.
    pub skill: String,
    /// Its text.
    pub text: String,
    /// Tasks that check it.
    pub tasks: String,
    /// Completion.
    pub completion: Option<f64>,
    /// Wilson 95 % interval.
    pub ci_low: Option<f64>,
    /// Upper end.
    pub ci_high: Option<f64>,
    /// Status as the page words it.
    pub status: String,
}

/// One level of the comparison with the municipality and region.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonRow {
    /// "Школа", "Муниципалитет", "Регион".
    pub level: String,
    /// The school's, municipality's or region's name.
    pub name: String,
    /// Schools with results.
    pub schools: i64,
    /// Participants.
    pub n: i64,
    /// Participants with a mark (the n of the shares).
    pub marked: i64,
    /// Shares of marks 2..=5.
    pub shares: [Option<f64>; 4],
    /// Success rate.
    pub success: Option<f64>,
    /// Knowledge quality.
    pub quality: Option<f64>,
    /// Lower end of its Wilson 95 % interval.
    pub quality_ci_low: Option<f64>,
    /// Upper end.
    pub quality_ci_high: Option<f64>,
    /// Mean primary score as a share of the maximum.
    pub mean_primary: Option<f64>,
    /// The school's quality minus this level's (None on the school's row or when the level
    /// is too small to compare with).
    pub diff: Option<f64>,
    /// What the page says instead of a difference ("" when there is one or on the school).
    pub remark: String,
}

/// The comparison tables: levels, and task completion per level.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonTables {
    /// Title of the levels table.
    pub title: String,
    /// Its headers.
    pub headers: Vec<String>,
    /// School, municipality, region.
    pub rows: Vec<ComparisonRow>,
    /// Which schools a level includes.
    pub note: String,
    /// Title of the task table.
    pub tasks_title: String,
    /// Its headers: task, then one per level.
    pub task_headers: Vec<String>,
    /// Task code and completion per level (same order as `rows`).
    pub tasks: Vec<(String, Vec<Option<f64>>)>,
}

/// A line of the year comparison: a year, or the change between them.
#[derive(Debug, Clone, PartialEq)]
pub struct YearRow {
    /// The year, or "Изменение".
    pub label: String,
    /// The change line (no counts; values in percentage points).
    pub change: bool,
    /// Participants.
    pub n: i64,
    /// Participants with a mark.
    pub marked: i64,
    /// Shares of marks 2..=5, success with its interval ends, quality with its interval
    /// ends, mean primary share with its interval ends; on the change line the changes
    /// (fractions), written in percentage points.
    pub values: Vec<Option<f64>>,
    /// Remark ("" for none).
    pub remark: String,
}

/// The comparison with the same work a year earlier: the years and their change, and the
/// tasks side by side when the task tables are identical.
#[derive(Debug, Clone, PartialEq)]
pub struct YearTables {
    /// Title of the years table.
    pub title: String,
    /// Its headers.
    pub headers: Vec<String>,
    /// Earlier year, this year, the change.
    pub rows: Vec<YearRow>,
    /// What is compared.
    pub note: String,
    /// Title of the task table.
    pub tasks_title: String,
    /// Its headers: task, maximum, earlier, later, change and its interval ends.
    pub task_headers: Vec<String>,
    /// Code, maximum, [earlier, later, change, its lower and upper end].
    pub tasks: Vec<(String, i64, [Option<f64>; 5])>,
    /// Why tasks are not compared, or how they were matched ("" for none).
    pub tasks_note: String,
}

/// The export, every label already in the reader's language.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysisSheet {
    /// Worksheet name.
    pub sheet_name: String,
    /// Title: the procedure.
    pub title: String,
    /// Subtitle: date, n, the class in focus.
    pub subtitle: String,
    /// Titles of the four tables: marks, objectivity, tasks, skills.
    pub titles: [String; 4],
    /// Headers of the marks table.
    pub marks_headers: Vec<String>,
    /// Marks rows.
    pub marks: Vec<MarksRow>,
    /// Headers of the objectivity table.
    pub objectivity_headers: Vec<String>,
    /// Objectivity rows.
    pub objectivity: Vec<ObjectivityRow>,
    /// Headers of the tasks table.
    pub task_headers: Vec<String>,
    /// Tasks.
    pub tasks: Vec<TaskRow>,
    /// Headers of the skills table.
    pub skill_headers: Vec<String>,
    /// Skills.
    pub skills: Vec<SkillRow>,
    /// Note.
    pub note: String,
    /// The comparison with the municipality and region, for readers who get it.
    pub comparison: Option<ComparisonTables>,
    /// The comparison with the same work a year earlier, when the reader sees one.
    pub year_earlier: Option<YearTables>,
}

fn year_tables(y: &YearTables) -> [Table; 2] {
    let points = |x: Option<f64>| Cell::num(x.map(|d| d * 100.0), 1);
    [
        Table {
            title: y.title.clone(),
            headers: y.headers.clone(),
            rows: y
                .rows
                .iter()
                .map(|r| {
                    let change = r.change;
                    let count = |n: i64| if change { Cell::Empty } else { Cell::Int(n) };
                    let mut v = vec![Cell::Text(r.label.clone()), count(r.n), count(r.marked)];
                    v.extend(
                        r.values
                            .iter()
                            .map(|x| if change { points(*x) } else { Cell::share(*x) }),
                    );
                    v.push(Cell::Text(r.remark.clone()));
                    v
                })
                .collect(),
            note: y.note.clone(),
        },
        Table {
            title: y.tasks_title.clone(),
            headers: y.task_headers.clone(),
            rows: y
                .tasks
                .iter()
                .map(|(code, max, [e, l, d, lo, hi])| {
                    vec![
                        Cell::Text(code.clone()),
                        Cell::Int(*max),
                        Cell::share(*e),
                        Cell::share(*l),
                        points(*d),
                        points(*lo),
                        points(*hi),
                    ]
                })
                .collect(),
            note: y.tasks_note.clone(),
        },
    ]
}

fn comparison_tables(c: &ComparisonTables) -> [Table; 2] {
    [
        Table {
            title: c.title.clone(),
            headers: c.headers.clone(),
            rows: c
                .rows
                .iter()
                .map(|r| {
                    let mut v = vec![
                        Cell::Text(r.level.clone()),
                        Cell::Text(r.name.clone()),
                        Cell::Int(r.schools),
                        Cell::Int(r.n),
                        Cell::Int(r.marked),
                    ];
                    v.extend(r.shares.iter().map(|x| Cell::share(*x)));
                    v.extend([
                        Cell::share(r.success),
                        Cell::share(r.quality),
                        Cell::share(r.quality_ci_low),
                        Cell::share(r.quality_ci_high),
                        Cell::share(r.mean_primary),
                        Cell::num(r.diff.map(|d| d * 100.0), 1),
                        Cell::Text(r.remark.clone()),
                    ]);
                    v
                })
                .collect(),
            note: c.note.clone(),
        },
        Table {
            title: c.tasks_title.clone(),
            headers: c.task_headers.clone(),
            rows: c
                .tasks
                .iter()
                .map(|(code, by_level)| {
                    let mut v = vec![Cell::Text(code.clone())];
                    v.extend(by_level.iter().map(|x| Cell::share(*x)));
                    v
                })
                .collect(),
            note: String::new(),
        },
    ]
}

/// Builds the workbook.
pub fn analysis_xlsx(s: &AnalysisSheet) -> Result<Vec<u8>, XlsxError> {
    let [marks_t, obj_t, tasks_t, skills_t] = s.titles.clone();
    let mut tables = vec![
        Table {
            title: marks_t,
            headers: s.marks_headers.clone(),
            rows: s
                .marks
                .iter()
                .map(|r| {
                    let mut v = vec![Cell::Text(r.label.clone()), Cell::count(r.n)];
                    v.extend(r.shares.iter().map(|x| Cell::share(*x)));
                    v.push(Cell::share(r.success));
                    v.push(Cell::share(r.quality));
                    v
                })
                .collect(),
            note: String::new(),
        },
        Table {
            title: obj_t,
            headers: s.objectivity_headers.clone(),
            rows: s
                .objectivity
                .iter()
                .map(|r| {
                    vec![
                        Cell::Text(r.label.clone()),
                        Cell::count(r.n),
                        Cell::Share(r.lowered),
                        Cell::Share(r.confirmed),
                        Cell::Share(r.raised),
                        Cell::Share(r.gap2),
                        Cell::Num(r.sign_p, 4),
                        Cell::num(r.kappa, 3),
                        Cell::num(r.spearman, 3),
                        Cell::Text(r.signal.clone()),
                    ]
                })
                .collect(),
            note: String::new(),
        },
        Table {
            title: tasks_t,
            headers: s.task_headers.clone(),
            rows: s
                .tasks
                .iter()
                .map(|r| {
                    vec![
                        Cell::Text(r.code.clone()),
                        Cell::Text(r.level.clone()),
                        Cell::Int(r.max),
                        Cell::share(r.completion),
                        Cell::share(r.ci_low),
                        Cell::share(r.ci_high),
                        Cell::Text(r.status.clone()),
                    ]
                })
                .collect(),
            note: String::new(),
        },
        Table {
            title: skills_t,
            headers: s.skill_headers.clone(),
            rows: s
                .skills
                .iter()
                .map(|r| {
                    vec![
                        Cell::Text(r.skill.clone()),
                        Cell::Text(r.text.clone()),
                        Cell::Text(r.tasks.clone()),
                        Cell::share(r.completion),
                        Cell::share(r.ci_low),
                        Cell::share(r.ci_high),
                        Cell::Text(r.status.clone()),
                    ]
                })
                .collect(),
            note: s.note.clone(),
        },
    ];
    if let Some(c) = &s.comparison {
        tables.extend(comparison_tables(c));
    }
    if let Some(y) = &s.year_earlier {
        tables.extend(year_tables(y));
    }
    tables_xlsx(&s.sheet_name, &s.title, &s.subtitle, &tables)
}
