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
}

/// Builds the workbook.
pub fn analysis_xlsx(s: &AnalysisSheet) -> Result<Vec<u8>, XlsxError> {
    let [marks_t, obj_t, tasks_t, skills_t] = s.titles.clone();
    let tables = vec![
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
    tables_xlsx(&s.sheet_name, &s.title, &s.subtitle, &tables)
}
