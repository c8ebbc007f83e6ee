//! The part every assessment layout shares: a header row with participant, class, variant,
//! one column per task headed `<code> (<max>б)`, primary score, mark and journal mark; an
//! optional row of levels Б/П/В right above it. Also the generic format itself.

use super::{Expect, all_rows, subject_key, tables};
use crate::error::{ImportError, Location, Msg};
use crate::table::{TableRow, normalize_header};
use crate::values::class_error_reason;
use std::collections::HashMap;
use vsoko_domain::assessment::{
    AssessmentFile, Level, ProcedureHeader, ProcedureKind, ResultRow, TaskSpec, is_not_done, parse_task_header,
};
use vsoko_domain::roster::Origin;
use vsoko_domain::structure::ClassName;

/// Canonical column headers (as the messages name them) and the aliases accepted.
pub(crate) mod col {
    pub const PARTICIPANT: &str = "Код участника";
    pub const CLASS: &str = "Класс";
    pub const PRIMARY: &str = "Первичный балл";
    pub const MARK: &str = "Отметка";
    pub const JOURNAL: &str = "Отметка по журналу";
    pub const TEST_SCORE: &str = "Тестовый балл";
}

/// Column positions found in a header row.
#[derive(Debug, Default)]
pub(crate) struct Columns {
    pub participant: Option<usize>,
    pub pupil: Option<usize>,
    pub class: Option<usize>,
    pub variant: Option<usize>,
    pub primary: Option<usize>,
    pub mark: Option<usize>,
    pub journal: Option<usize>,
    pub test_score: Option<usize>,
    /// (column, task code, max).
    pub tasks: Vec<(usize, String, u32)>,
}

impl Columns {
    pub fn find(headers: &[String]) -> Columns {
        let mut c = Columns::default();
        for (i, h) in headers.iter().enumerate() {
            let n = normalize_header(h);
            let slot = match n.as_str() {
                "код участника" | "код" => &mut c.participant,
                "код обучающегося" | "код ученика" => &mut c.pupil,
                "класс" => &mut c.class,
                "вариант" => &mut c.variant,
                "первичный балл" | "сумма баллов" | "итого баллов" => &mut c.primary,
                "отметка" | "отметка за работу" | "оценка" => &mut c.mark,
                "отметка по журналу" | "оценка по журналу" => &mut c.journal,
                "тестовый балл" => &mut c.test_score,
                _ => {
                    if let Some((code, max)) = parse_task_header(h) {
                        c.tasks.push((i, code, max));
                    }
                    continue;
                }
            };
            if slot.is_none() {
                *slot = Some(i);
            }
        }
        c
    }
}

/// Reads result rows below a header; used by the ФИС ОКО and the generic readers.
pub(crate) struct Grid<'a> {
    pub file: &'a str,
    pub sheet: Option<&'a str>,
    pub header: &'a TableRow,
    pub level_row: Option<&'a TableRow>,
    pub columns: Columns,
    pub grade: i64,
}

impl Grid<'_> {
    pub fn location(&self, row: usize, column: Option<&str>) -> Location {
        let l = Location::file(self.file).with_sheet(self.sheet).with_row(row);
        match column {
            Some(c) => l.with_column(c),
            None => l,
        }
    }

    fn header_text(&self, index: usize) -> String {
        self.header.cells.get(index).cloned().unwrap_or_default()
    }

    /// Checks required columns and reads the tasks (with their levels).
    pub fn tasks(&self, errors: &mut Vec<ImportError>) -> Vec<TaskSpec> {
        let missing = |header: &'static str, aliases: &str| {
            ImportError::new(
                self.location(self.header.number, Some(header)),
                Msg::new("import-error-missing-column")
                    .arg("header", header)
                    .arg("aliases", aliases),
            )
        };
        if self.columns.participant.is_none() && self.columns.pupil.is_none() {
            errors.push(missing(col::PARTICIPANT, "«Код обучающегося»"));
        }
        if self.columns.class.is_none() {
            errors.push(missing(col::CLASS, "«Класс»"));
        }
        if self.columns.tasks.is_empty() {
            errors.push(ImportError::new(
                self.location(self.header.number, None),
                Msg::new("assessment-error-no-tasks"),
            ));
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut tasks = Vec::new();
        for (index, code, max) in &self.columns.tasks {
            if let Some(first) = seen.insert(code, *index) {
                errors.push(ImportError::new(
                    self.location(self.header.number, Some(&self.header_text(*index))),
                    Msg::new("assessment-error-duplicate-task")
                        .arg("code", code)
                        .arg("first", self.header_text(first)),
                ));
            }
            let level_text = self.level_row.and_then(|r| r.cell(*index)).unwrap_or("");
            let level = if level_text.is_empty() {
                None
            } else {
                match Level::parse(level_text) {
                    Some(l) => Some(l),
                    None => {
                        if let Some(r) = self.level_row {
                            errors.push(ImportError::new(
                                self.location(r.number, Some(&self.header_text(*index))),
                                Msg::new("assessment-error-bad-level").arg("text", level_text),
                            ));
                        }
                        None
                    }
                }
            };
            tasks.push(TaskSpec {
                code: code.clone(),
                max_score: *max,
                level,
                skills: Vec::new(),
            });
        }
        tasks
    }

    /// Reads one data row; `None` when it has errors (pushed to `errors`).
    pub fn row(
        &self,
        row: &TableRow,
        seen: &mut HashMap<String, usize>,
        errors: &mut Vec<ImportError>,
    ) -> Option<ResultRow> {
        let before = errors.len();
        let cell = |i: Option<usize>| i.and_then(|i| row.cell(i)).unwrap_or("");
        let named = |i: Option<usize>, fallback: &str| i.map_or(fallback.to_string(), |i| self.header_text(i));
        let mut err =
            |column: String, msg: Msg| errors.push(ImportError::new(self.location(row.number, Some(&column)), msg));

        let pupil_code = Some(cell(self.columns.pupil).to_string()).filter(|s| !s.is_empty());
        let participant = match cell(self.columns.participant) {
            "" => pupil_code.clone().unwrap_or_default(),
            code => code.to_string(),
        };
        if participant.is_empty() {
            err(
                named(self.columns.participant.or(self.columns.pupil), col::PARTICIPANT),
                Msg::new("import-error-required-empty"),
            );
        } else if let Some(first) = seen.get(&participant) {
            err(
                named(self.columns.participant.or(self.columns.pupil), col::PARTICIPANT),
                Msg::new("assessment-error-duplicate-participant")
                    .arg("code", &participant)
                    .arg("first_row", first),
            );
        } else {
            seen.insert(participant.clone(), row.number);
        }

        let class_text = cell(self.columns.class);
        let class = match ClassName::parse(class_text) {
            Ok(c) if c.grade == self.grade => Some(c),
            Ok(c) => {
                err(
                    named(self.columns.class, col::CLASS),
                    Msg::new("assessment-error-class-grade")
                        .arg("class", &c)
                        .arg("grade", self.grade),
                );
                None
            }
            Err(_) if class_text.is_empty() => {
                err(
                    named(self.columns.class, col::CLASS),
                    Msg::new("import-error-required-empty"),
                );
                None
            }
            Err(e) => {
                err(
                    named(self.columns.class, col::CLASS),
                    Msg::new("import-error-bad-class")
                        .arg("text", class_text)
                        .arg("reason", class_error_reason(&e)),
                );
                None
            }
        };

        let mut scores_ok = true;
        let mut scores = Vec::with_capacity(self.columns.tasks.len());
        for (index, code, max) in &self.columns.tasks {
            let text = row.cell(*index).unwrap_or("");
            if is_not_done(text) {
                scores.push(None);
                continue;
            }
            match parse_whole(text) {
                Some(s) if s <= *max => scores.push(Some(s)),
                Some(s) => {
                    scores_ok = false;
                    err(
                        self.header_text(*index),
                        Msg::new("assessment-error-score-above-max")
                            .arg("task", code)
                            .arg("score", s)
                            .arg("max", max),
                    );
                    scores.push(None);
                }
                None => {
                    scores_ok = false;
                    err(
                        self.header_text(*index),
                        Msg::new("assessment-error-bad-score").arg("text", text).arg("max", max),
                    );
                    scores.push(None);
                }
            }
        }
        let sum: u32 = scores.iter().flatten().sum();
        // A wrong task score already explains a wrong sum; it is not reported twice.

        let primary_text = cell(self.columns.primary);
        let primary = if primary_text.is_empty() || is_not_done(primary_text) {
            None
        } else {
            match parse_whole(primary_text) {
                Some(p) if p == sum || self.columns.tasks.is_empty() || !scores_ok => Some(p),
                Some(p) => {
                    err(
                        named(self.columns.primary, col::PRIMARY),
                        Msg::new("assessment-error-primary-sum")
                            .arg("primary", p)
                            .arg("sum", sum),
                    );
                    None
                }
                None => {
                    err(
                        named(self.columns.primary, col::PRIMARY),
                        Msg::new("assessment-error-bad-primary").arg("text", primary_text),
                    );
                    None
                }
            }
        };
        let mut mark_of = |i: Option<usize>, fallback: &str, low: u8| -> Option<u8> {
            let text = cell(i);
            if is_not_done(text) {
                return None;
            }
            match parse_whole(text).and_then(|m| u8::try_from(m).ok()) {
                Some(m) if (low..=5).contains(&m) => Some(m),
                _ => {
                    err(
                        named(i, fallback),
                        Msg::new("assessment-error-bad-mark").arg("text", text).arg("low", low),
                    );
                    None
                }
            }
        };
        let file_mark = mark_of(self.columns.mark, col::MARK, 2);
        let journal_mark = mark_of(self.columns.journal, col::JOURNAL, 1);
        let test_text = cell(self.columns.test_score);
        let file_test_score = if is_not_done(test_text) {
            None
        } else {
            match parse_whole(test_text) {
                Some(t) if t <= 100 => Some(t),
                _ => {
                    err(
                        named(self.columns.test_score, col::TEST_SCORE),
                        Msg::new("assessment-error-bad-test-score").arg("text", test_text),
                    );
                    None
                }
            }
        };
        if errors.len() > before {
            return None;
        }
        Some(ResultRow {
            origin: Origin {
                sheet: self.sheet.unwrap_or(self.file).to_string(),
                row: row.number,
            },
            participant_code: participant,
            pupil_code,
            full_name: None,
            class: class?,
            variant: cell(self.columns.variant).to_string(),
            primary: primary.or((!self.columns.tasks.is_empty()).then_some(sum)),
            scores,
            file_mark,
            file_test_score,
            journal_mark,
        })
    }
}

/// The row right above the header when it holds a level (Б/П/В) in some task column.
pub(crate) fn level_row<'a>(rows: &'a [TableRow], header: usize, columns: &Columns) -> Option<&'a TableRow> {
    let above = &rows[header.checked_sub(1)?];
    let adjacent = above.number + 1 == rows[header].number;
    let has_level = columns
        .tasks
        .iter()
        .any(|(i, _, _)| above.cell(*i).and_then(Level::parse).is_some());
    (adjacent && has_level).then_some(above)
}

/// A whole non-negative number as files write it ("2", "2.0", "2,0").
pub(crate) fn parse_whole(text: &str) -> Option<u32> {
    let t = text.trim();
    if let Ok(n) = t.parse::<u32>() {
        return Some(n);
    }
    let (whole, frac) = t.split_once(['.', ','])?;
    (frac.chars().all(|c| c == '0') && !frac.is_empty()).then(|| whole.parse().ok())?
}

/// Parses a generic results file (see docs/ASSESSMENT_IMPORT.md): one sheet (or CSV) with a
/// header row holding Код участника or Код обучающегося, Класс, optional Вариант, task
/// columns `N (Mб)`, optional Первичный балл, Отметка; an optional row of levels Б/П/В right
/// above the header. Subject, grade and year come from `expect` and are required.
pub fn parse_generic(file_name: &str, bytes: &[u8], expect: &Expect) -> Result<AssessmentFile, Vec<ImportError>> {
    let mut errors = Vec::new();
    let whole = Location::file(file_name);
    let (Some(subject), Some(grade), Some(year)) = (&expect.subject, expect.grade, expect.year) else {
        return Err(vec![ImportError::new(
            whole,
            Msg::new("assessment-error-generic-needs-options"),
        )]);
    };
    let tables = tables(file_name, bytes)?;
    let mut found = None;
    for t in &tables {
        let rows = all_rows(t);
        if let Some(h) = rows.iter().position(|r| {
            let c = Columns::find(&r.cells);
            (c.participant.is_some() || c.pupil.is_some()) && c.class.is_some()
        }) {
            found = Some((t, rows, h));
            break;
        }
    }
    let Some((t, rows, h)) = found else {
        return Err(vec![ImportError::new(
            whole,
            Msg::new("assessment-error-no-header").arg("columns", "«Код участника», «Класс», «1 (2б)»"),
        )]);
    };
    let columns = Columns::find(&rows[h].cells);
    let grid = Grid {
        file: file_name,
        sheet: t.sheet.as_deref(),
        header: &rows[h],
        level_row: level_row(&rows, h, &columns),
        columns,
        grade,
    };
    let tasks = grid.tasks(&mut errors);
    let mut seen = HashMap::new();
    let results: Vec<ResultRow> = rows[h + 1..]
        .iter()
        .filter_map(|r| grid.row(r, &mut seen, &mut errors))
        .collect();
    if errors.is_empty() && results.is_empty() {
        errors.push(ImportError::new(whole, Msg::new("import-error-empty-file")));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let kind = expect.kind.unwrap_or(ProcedureKind::SchoolControl);
    Ok(AssessmentFile {
        header: ProcedureHeader {
            kind,
            year,
            subject: subject_key(subject),
            grade,
            date: expect.date,
            title: expect.title.clone().unwrap_or_default(),
            max_primary: Some(tasks.iter().map(|t| t.max_score).sum()),
        },
        tasks,
        results,
    })
}
