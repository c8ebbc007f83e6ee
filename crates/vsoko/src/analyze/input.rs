//! The CSV (or plain XLSX table) forms `vsoko analyze` reads, turned into the engine's
//! inputs. Every problem is collected with its file, row and column and what was expected;
//! any problem stops the analysis (exit code 2), so no figure is computed on a half-read file.

use vsoko_domain::analytics::assessment::{AssessmentInput, PupilScores};
use vsoko_domain::analytics::items::{Level, TaskSpec};
use vsoko_domain::analytics::value_added::VaPupil;
use vsoko_import::table::{FileFormat, Table, TableRow, read_tables};
use vsoko_import::{ImportError, Location, Msg};

/// Located problems of the input files.
pub type Errors = Vec<ImportError>;

/// The one table of a file: its first sheet (XLSX) or the file (CSV).
fn one_table(name: &str, bytes: &[u8]) -> Result<Table, Errors> {
    let mut tables = read_tables(name, bytes)?;
    if tables.is_empty() || tables[0].rows.is_empty() {
        return Err(vec![ImportError::new(
            Location::file(name),
            Msg::new("import-error-empty-file"),
        )]);
    }
    Ok(tables.swap_remove(0))
}

/// A located cell: the file, sheet, row and the column as its header is written.
struct Cells<'a> {
    file: &'a str,
    table: &'a Table,
}

impl Cells<'_> {
    fn at(&self, row: &TableRow, column: usize) -> Location {
        let header = self.table.headers.get(column).cloned().unwrap_or_default();
        Location::file(self.file)
            .with_sheet(self.table.sheet.as_deref())
            .with_row(row.number)
            .with_column(header)
    }

    fn header_error(&self, msg: Msg) -> ImportError {
        ImportError::new(
            Location::file(self.file)
                .with_sheet(self.table.sheet.as_deref())
                .with_row(self.table.header_row),
            msg,
        )
    }

    /// The index of a required column, or an error naming its header.
    fn required(&self, names: &[&str], errors: &mut Errors) -> Option<usize> {
        let found = self.table.find_column(names);
        if found.is_none() {
            errors.push(self.header_error(Msg::new("import-error-missing-column-only").arg("header", names[0])));
        }
        found
    }
}

/// A number written with a decimal point or comma.
fn number(text: &str) -> Option<f64> {
    text.replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A task score: empty, `X` or `Х` (not done) is 0.
fn score(text: &str) -> Option<f64> {
    if text.is_empty() || text.eq_ignore_ascii_case("x") || text == "Х" || text == "х" {
        return Some(0.0);
    }
    number(text).filter(|v| *v >= 0.0)
}

/// A mark 2..5, or nothing for an empty cell; `Err` for anything else.
fn mark(text: &str) -> Result<Option<u8>, ()> {
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u8>() {
        Ok(m) if (2..=5).contains(&m) => Ok(Some(m)),
        _ => Err(()),
    }
}

const PUPIL: &[&str] = &["pupil", "код участника", "участник", "ученик"];
const CLASS: &[&str] = &["class", "класс"];
const MARK: &[&str] = &["mark", "отметка"];
const JOURNAL: &[&str] = &["journal_mark", "отметка по журналу"];

/// Whether a scores file is the ФИС ОКО form "Индивидуальные результаты" rather than the
/// plain `pupil,class,…` table: an XLSX workbook whose first non-blank row is not a header
/// with `pupil` and `class` (the form starts with meta rows).
pub fn is_fisoko(name: &str, bytes: &[u8]) -> bool {
    if FileFormat::from_file_name(name) != Some(FileFormat::Xlsx) {
        return false;
    }
    match read_tables(name, bytes) {
        Ok(tables) => tables
            .first()
            .is_none_or(|t| t.find_column(PUPIL).is_none() || t.find_column(CLASS).is_none()),
        Err(_) => true,
    }
}

/// Reads a ФИС ОКО "Индивидуальные результаты" workbook with the assessments importer:
/// tasks with their maxima and levels from the file ("not done" counts 0 points), the
/// participant code as the pupil, the mark and the journal mark. A task description
/// (`--tasks`) adds the skills and overrides levels and maxima.
pub fn fisoko(scores: (&str, &[u8]), tasks: Option<(&str, &[u8])>) -> Result<AssessmentInput, Errors> {
    let (file, bytes) = scores;
    let parsed = vsoko_import::assessment::parse_vpr(file, bytes, &Default::default())?;
    let codes: Vec<(usize, String)> = parsed.tasks.iter().map(|t| t.code.clone()).enumerate().collect();
    let specs = match tasks {
        Some((tfile, tbytes)) => task_specs(tfile, tbytes, file, &codes)?,
        None => parsed
            .tasks
            .iter()
            .map(|t| TaskSpec {
                code: t.code.clone(),
                max_score: f64::from(t.max_score),
                level: t.level.unwrap_or(Level::Basic),
                skills: t
                    .skills
                    .iter()
                    .filter(|s| !s.code.is_empty())
                    .map(|s| s.code.clone())
                    .collect(),
            })
            .collect(),
    };
    let pupils = parsed
        .results
        .iter()
        .map(|r| PupilScores {
            pupil: r.participant_code.clone(),
            class: r.class.to_string(),
            scores: r.scores.iter().map(|s| f64::from(s.unwrap_or(0))).collect(),
            mark: r.file_mark,
            journal_mark: r.journal_mark.filter(|m| (2..=5).contains(m)),
        })
        .collect();
    Ok(AssessmentInput { tasks: specs, pupils })
}

/// Reads `pupil,class,<task codes…>[,mark][,journal_mark]` and, if given, the task
/// description `task,max_score,level,skills`.
pub fn assessment(scores: (&str, &[u8]), tasks: Option<(&str, &[u8])>) -> Result<AssessmentInput, Errors> {
    let (file, bytes) = scores;
    let table = one_table(file, bytes)?;
    let cells = Cells { file, table: &table };
    let mut errors = Vec::new();
    let pupil = cells.required(PUPIL, &mut errors);
    let class = cells.required(CLASS, &mut errors);
    let mark_col = table.find_column(MARK);
    let journal_col = table.find_column(JOURNAL);
    let fixed = [pupil, class, mark_col, journal_col];
    let mut task_cols: Vec<(usize, String)> = Vec::new();
    for (i, h) in table.headers.iter().enumerate() {
        if fixed.contains(&Some(i)) || h.is_empty() {
            continue;
        }
        if let Some((first, _)) = task_cols.iter().find(|(_, code)| code == h) {
            errors.push(
                cells.header_error(
                    Msg::new("analyze-error-duplicate-task")
                        .arg("task", h)
                        .arg("first", first + 1),
                ),
            );
            continue;
        }
        task_cols.push((i, h.clone()));
    }
    if task_cols.is_empty() {
        errors.push(cells.header_error(Msg::new("analyze-error-no-tasks")));
    }
    let (Some(pupil), Some(class)) = (pupil, class) else {
        return Err(errors);
    };
    let specs = match tasks {
        Some((tfile, tbytes)) => match task_specs(tfile, tbytes, file, &task_cols) {
            Ok(s) => Some(s),
            Err(mut e) => {
                errors.append(&mut e);
                None
            }
        },
        None => None,
    };
    let mut pupils = Vec::new();
    for row in &table.rows {
        let text = |i: usize| row.cell(i).unwrap_or("");
        for col in [pupil, class] {
            if text(col).is_empty() {
                errors.push(ImportError::new(
                    cells.at(row, col),
                    Msg::new("import-error-required-empty"),
                ));
            }
        }
        let mut scores = Vec::with_capacity(task_cols.len());
        for (j, (col, _)) in task_cols.iter().enumerate() {
            let max = specs.as_ref().and_then(|s| s.get(j)).map(|s: &TaskSpec| s.max_score);
            match score(text(*col)) {
                Some(v) if max.is_none_or(|m| v <= m) => scores.push(v),
                _ => {
                    let msg = match max {
                        Some(m) => Msg::new("analyze-error-bad-score").arg("max", m),
                        None => Msg::new("analyze-error-bad-score-no-max"),
                    };
                    errors.push(ImportError::new(cells.at(row, *col), msg.arg("text", text(*col))));
                }
            }
        }
        let mut read_mark = |col: Option<usize>| -> Option<u8> {
            let col = col?;
            mark(text(col)).unwrap_or_else(|()| {
                errors.push(ImportError::new(
                    cells.at(row, col),
                    Msg::new("analyze-error-bad-mark").arg("text", text(col)),
                ));
                None
            })
        };
        let (m, j) = (read_mark(mark_col), read_mark(journal_col));
        pupils.push(PupilScores {
            pupil: text(pupil).to_string(),
            class: text(class).to_string(),
            scores,
            mark: m,
            journal_mark: j,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let tasks = specs.unwrap_or_else(|| {
        // No task description: the maximum is the highest score seen (at least 1), level Б.
        task_cols
            .iter()
            .enumerate()
            .map(|(j, (_, code))| TaskSpec {
                code: code.clone(),
                max_score: pupils.iter().map(|p| p.scores[j]).fold(1.0, f64::max),
                level: Level::Basic,
                skills: Vec::new(),
            })
            .collect()
    });
    Ok(AssessmentInput { tasks, pupils })
}

/// The task description, in the column order of the scores file.
fn task_specs(
    file: &str,
    bytes: &[u8],
    scores_file: &str,
    columns: &[(usize, String)],
) -> Result<Vec<TaskSpec>, Errors> {
    let table = one_table(file, bytes)?;
    let cells = Cells { file, table: &table };
    let mut errors = Vec::new();
    let task = cells.required(&["task", "задание"], &mut errors);
    let max = cells.required(&["max_score", "максимальный балл"], &mut errors);
    let level = cells.required(&["level", "уровень"], &mut errors);
    let skills = table.find_column(&["skills", "умения"]);
    let (Some(task), Some(max), Some(level)) = (task, max, level) else {
        return Err(errors);
    };
    let mut specs: Vec<(usize, TaskSpec)> = Vec::new();
    for row in &table.rows {
        let text = |i: usize| row.cell(i).unwrap_or("");
        let code = text(task);
        if code.is_empty() {
            errors.push(ImportError::new(
                cells.at(row, task),
                Msg::new("import-error-required-empty"),
            ));
            continue;
        }
        if let Some((first, _)) = specs.iter().find(|(_, s)| s.code == code) {
            errors.push(ImportError::new(
                cells.at(row, task),
                Msg::new("analyze-error-duplicate-task-row")
                    .arg("task", code)
                    .arg("first_row", first),
            ));
            continue;
        }
        let max_score = number(text(max)).filter(|v| *v > 0.0);
        if max_score.is_none() {
            errors.push(ImportError::new(
                cells.at(row, max),
                Msg::new("analyze-error-bad-max-score").arg("text", text(max)),
            ));
        }
        let lvl = Level::parse(text(level));
        if lvl.is_none() {
            errors.push(ImportError::new(
                cells.at(row, level),
                Msg::new("analyze-error-bad-level").arg("text", text(level)),
            ));
        }
        if !columns.iter().any(|(_, c)| c == code) {
            errors.push(ImportError::new(
                cells.at(row, task),
                Msg::new("analyze-error-task-without-column")
                    .arg("task", code)
                    .arg("file", scores_file),
            ));
        }
        if let (Some(max_score), Some(level)) = (max_score, lvl) {
            let skills = skills
                .map(|i| text(i).split_whitespace().map(str::to_string).collect())
                .unwrap_or_default();
            specs.push((
                row.number,
                TaskSpec {
                    code: code.to_string(),
                    max_score,
                    level,
                    skills,
                },
            ));
        }
    }
    let mut ordered = Vec::new();
    for (_, code) in columns {
        match specs.iter().find(|(_, s)| &s.code == code) {
            Some((_, s)) => ordered.push(s.clone()),
            None if errors.is_empty() => errors.push(
                cells.header_error(
                    Msg::new("analyze-error-task-not-described")
                        .arg("task", code)
                        .arg("file", file),
                ),
            ),
            None => {}
        }
    }
    if errors.is_empty() { Ok(ordered) } else { Err(errors) }
}

/// Reads `pupil,class,prior,current`.
pub fn value_added(file: &str, bytes: &[u8]) -> Result<Vec<VaPupil>, Errors> {
    let table = one_table(file, bytes)?;
    let cells = Cells { file, table: &table };
    let mut errors = Vec::new();
    let class = cells.required(CLASS, &mut errors);
    let prior = cells.required(&["prior", "исходный балл"], &mut errors);
    let current = cells.required(&["current", "итоговый балл"], &mut errors);
    let (Some(class), Some(prior), Some(current)) = (class, prior, current) else {
        return Err(errors);
    };
    let mut pupils = Vec::new();
    for row in &table.rows {
        let text = |i: usize| row.cell(i).unwrap_or("");
        if text(class).is_empty() {
            errors.push(ImportError::new(
                cells.at(row, class),
                Msg::new("import-error-required-empty"),
            ));
        }
        let mut num = |col: usize| {
            let v = number(text(col));
            if v.is_none() {
                errors.push(ImportError::new(
                    cells.at(row, col),
                    Msg::new("analyze-error-bad-number").arg("text", text(col)),
                ));
            }
            v
        };
        if let (Some(p), Some(c)) = (num(prior), num(current)) {
            pupils.push(VaPupil {
                class: text(class).to_string(),
                prior: p,
                current: c,
            });
        }
    }
    if errors.is_empty() { Ok(pupils) } else { Err(errors) }
}

/// Reads one `score` column of whole primary scores.
pub fn scores(file: &str, bytes: &[u8]) -> Result<Vec<u32>, Errors> {
    let table = one_table(file, bytes)?;
    let cells = Cells { file, table: &table };
    let mut errors = Vec::new();
    let Some(col) = cells.required(&["score", "первичный балл", "балл"], &mut errors) else {
        return Err(errors);
    };
    let mut out = Vec::new();
    for row in &table.rows {
        let text = row.cell(col).unwrap_or("");
        match text.parse::<u32>() {
            Ok(v) if v <= 1000 => out.push(v),
            _ => errors.push(ImportError::new(
                cells.at(row, col),
                Msg::new("analyze-error-bad-whole-score").arg("text", text),
            )),
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_x_cells_are_zero_points() {
        assert_eq!(score(""), Some(0.0));
        assert_eq!(score("X"), Some(0.0));
        assert_eq!(score("Х"), Some(0.0));
        assert_eq!(score("1,5"), Some(1.5));
        assert_eq!(score("-1"), None);
        assert_eq!(mark(""), Ok(None));
        assert_eq!(mark("6"), Err(()));
    }

    #[test]
    fn a_bad_cell_is_named_by_row_and_column() {
        let csv = "pupil,class,1,2,mark\nA,5А,1,0,4\nB,5А,1,abc,7\n";
        let errors = assessment(("s.csv", csv.as_bytes()), None).unwrap_err();
        let located: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            located,
            [
                r#"s.csv, row 3, column "2": analyze-error-bad-score-no-max(text="abc")"#,
                r#"s.csv, row 3, column "mark": analyze-error-bad-mark(text="7")"#
            ]
        );
    }

    #[test]
    fn tasks_follow_the_column_order_and_must_match_the_columns() {
        let csv = "pupil,class,2,1\nA,5А,1,0\n";
        let tasks = "task,max_score,level,skills\n1,1,Б,1.1\n2,2,П,1.1 1.2\n";
        let input = assessment(("s.csv", csv.as_bytes()), Some(("t.csv", tasks.as_bytes()))).unwrap();
        let codes: Vec<&str> = input.tasks.iter().map(|t| t.code.as_str()).collect();
        assert_eq!(codes, ["2", "1"]);
        assert_eq!(input.tasks[0].skills, ["1.1", "1.2"]);
        let extra = "task,max_score,level\n1,1,Б\n2,2,П\n3,1,Б\n";
        let errors = assessment(("s.csv", csv.as_bytes()), Some(("t.csv", extra.as_bytes()))).unwrap_err();
        assert_eq!(errors[0].location.row, Some(4));
    }
}
