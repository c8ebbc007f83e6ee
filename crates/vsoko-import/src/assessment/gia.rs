//! РЦОИ ГИА result protocols (SPEC §7.2): one row per participant with Класс, Фамилия, Имя,
//! Отчество, «Задания с кратким ответом» (one character per task: `+` = 1 point, `-` = 0,
//! a digit = the points of a multi-point task), «Задания с развёрнутым ответом» (groups
//! `score(max)`, e.g. `2(3)0(2)1(1)`), Первичный балл and Балл (the ОГЭ mark or the ЕГЭ
//! test score). Short-answer tasks are numbered 1…n, long-answer tasks n+1…; a short task's
//! maximum is 1, or the highest digit written for it anywhere in the protocol. When the exam
//! has a reference task table (`data/reference/assessments/*.tasks.csv`, in protocol order),
//! the positions take the exam's own codes and maxima from it — ОГЭ Russian's criteria
//! ИК1…ФК1, so that the conversion's condition on ГК1–ГК4 finds them.

use super::grid::parse_whole;
use super::{Expect, subject_key, tables};
use crate::error::{ImportError, Location, Msg};
use crate::table::Table;
use crate::values::class_error_reason;
use std::collections::HashMap;
use vsoko_domain::assessment::{
    AssessmentFile, ProcedureHeader, ProcedureKind, ResultRow, TaskSpec, is_not_done, reference,
};
use vsoko_domain::roster::Origin;
use vsoko_domain::structure::ClassName;

mod col {
    pub const CLASS: &str = "Класс";
    pub const LAST: &str = "Фамилия";
    pub const FIRST: &str = "Имя";
    pub const MIDDLE: &str = "Отчество";
    pub const SHORT: &str = "Задания с кратким ответом";
    pub const LONG: &str = "Задания с развёрнутым ответом";
    pub const PRIMARY: &str = "Первичный балл";
    pub const SCORE: &str = "Балл";
}

/// Scores of a short-answer string; `Err(position)` (0-based, in characters) of the first
/// character that is not `+`, `-` or a digit.
pub fn short_answers(text: &str) -> Result<Vec<u32>, usize> {
    text.trim()
        .chars()
        .enumerate()
        .map(|(i, c)| match c {
            '+' => Ok(1),
            '-' | '−' => Ok(0),
            d => d.to_digit(10).ok_or(i),
        })
        .collect()
}

/// `(score, max)` groups of a long-answer string; a score written `X`/`Х` (not checked,
/// not done) is `None`. `Err(position)` of the first character that breaks the pattern.
pub fn long_answers(text: &str) -> Result<Vec<(Option<u32>, u32)>, usize> {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let number = |i: &mut usize| -> Option<u32> {
        let start = *i;
        while *i < chars.len() && chars[*i].is_ascii_digit() && *i - start < 3 {
            *i += 1;
        }
        chars[start..*i].iter().collect::<String>().parse().ok()
    };
    while i < chars.len() {
        let score = if matches!(chars[i], 'X' | 'x' | 'Х' | 'х') {
            i += 1;
            None
        } else {
            Some(number(&mut i).ok_or(i)?)
        };
        if chars.get(i) != Some(&'(') {
            return Err(i);
        }
        i += 1;
        let max = number(&mut i).ok_or(i)?;
        if chars.get(i) != Some(&')') {
            return Err(i);
        }
        i += 1;
        if score.is_some_and(|s| s > max) {
            return Err(i - 1);
        }
        out.push((score, max));
    }
    Ok(out)
}

struct Raw {
    number: usize,
    name: String,
    class: ClassName,
    short: Vec<u32>,
    long: Vec<(Option<u32>, u32)>,
    primary: Option<u32>,
    score: Option<u32>,
}

/// Parses a РЦОИ protocol. Subject and year come from `expect` (required); the kind is
/// ОГЭ unless given; the grade is 9 (ЕГЭ: 11) unless given.
pub fn parse_gia(file_name: &str, bytes: &[u8], expect: &Expect) -> Result<AssessmentFile, Vec<ImportError>> {
    let whole = Location::file(file_name);
    let (Some(subject), Some(year)) = (&expect.subject, expect.year) else {
        return Err(vec![ImportError::new(
            whole,
            Msg::new("assessment-error-gia-needs-options"),
        )]);
    };
    let kind = expect.kind.unwrap_or(ProcedureKind::Oge);
    let grade = expect.grade.unwrap_or(if kind == ProcedureKind::Ege { 11 } else { 9 });
    let tables = tables(file_name, bytes)?;
    let Some(t) = tables
        .iter()
        .find(|t| t.find_column(&[col::SHORT]).is_some() || t.find_column(&[col::LONG]).is_some())
    else {
        return Err(vec![ImportError::new(
            whole,
            Msg::new("assessment-error-no-header").arg(
                "columns",
                "«Фамилия», «Имя», «Класс», «Задания с кратким ответом», «Задания с развёрнутым ответом», «Балл»",
            ),
        )]);
    };
    let at = |row: usize, column: &str| {
        Location::file(file_name)
            .with_sheet(t.sheet.as_deref())
            .with_row(row)
            .with_column(column)
    };
    let mut errors = Vec::new();
    let mut need = |name: &'static str| {
        let i = t.find_column(&[name]);
        if i.is_none() {
            errors.push(ImportError::new(
                at(t.header_row, name),
                Msg::new("import-error-missing-column-only").arg("header", name),
            ));
        }
        i
    };
    let (c_last, c_first, c_class) = (need(col::LAST), need(col::FIRST), need(col::CLASS));
    let (c_middle, c_short, c_long) = (
        t.find_column(&[col::MIDDLE]),
        t.find_column(&[col::SHORT]),
        t.find_column(&[col::LONG]),
    );
    let (c_primary, c_score) = (
        t.find_column(&[col::PRIMARY]),
        t.find_column(&[col::SCORE, "Отметка", "Тестовый балл"]),
    );
    if !errors.is_empty() {
        return Err(errors);
    }
    let raws = read_rows(
        t,
        grade,
        [c_last, c_first, c_middle, c_class, c_short, c_long, c_primary, c_score],
        &at,
        &mut errors,
    );

    // Tasks: the same count in every row; short maxima from the digits, long from the groups.
    let (short_n, long_n) = raws.first().map_or((0, 0), |r| (r.short.len(), r.long.len()));
    let mut short_max = vec![1u32; short_n];
    let mut long_max: Vec<u32> = raws
        .first()
        .map(|r| r.long.iter().map(|g| g.1).collect())
        .unwrap_or_default();
    for r in &raws {
        if r.short.len() != short_n {
            errors.push(ImportError::new(
                at(r.number, col::SHORT),
                Msg::new("assessment-error-task-count")
                    .arg("found", r.short.len())
                    .arg("expected", short_n),
            ));
            continue;
        }
        if r.long.len() != long_n || r.long.iter().zip(&long_max).any(|(g, m)| g.1 != *m) {
            errors.push(ImportError::new(
                at(r.number, col::LONG),
                Msg::new("assessment-error-long-maxima").arg("expected", format_long(&long_max)),
            ));
            continue;
        }
        for (m, s) in short_max.iter_mut().zip(&r.short) {
            *m = (*m).max(*s);
        }
    }
    long_max.truncate(long_n);
    let positional: Vec<TaskSpec> = short_max
        .iter()
        .enumerate()
        .map(|(i, &max)| TaskSpec {
            code: (i + 1).to_string(),
            max_score: max,
            level: None,
            skills: Vec::new(),
        })
        .collect();
    let positional = positional
        .into_iter()
        .chain(long_max.iter().enumerate().map(|(i, &max)| TaskSpec {
            code: (short_n + i + 1).to_string(),
            max_score: max,
            level: None,
            skills: Vec::new(),
        }));
    let tasks = match reference::task_table(kind, year, &subject_key(subject), grade) {
        Some(table) if errors.is_empty() => {
            exam_tasks(&table.tasks, short_n, &long_max, &raws, &at, t.header_row, &mut errors)
        }
        _ => positional.collect(),
    };

    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut results = Vec::new();
    for r in raws {
        if let Some(first) = seen.insert(r.name.clone(), r.number) {
            errors.push(ImportError::new(
                at(r.number, col::LAST),
                Msg::new("assessment-error-duplicate-participant")
                    .arg("code", &r.name)
                    .arg("first_row", first),
            ));
            continue;
        }
        let scores: Vec<Option<u32>> = r
            .short
            .iter()
            .map(|&s| Some(s))
            .chain(r.long.iter().map(|g| g.0))
            .collect();
        let sum: u32 = scores.iter().flatten().sum();
        if let Some(p) = r.primary
            && p != sum
        {
            errors.push(ImportError::new(
                at(r.number, col::PRIMARY),
                Msg::new("assessment-error-primary-sum")
                    .arg("primary", p)
                    .arg("sum", sum),
            ));
            continue;
        }
        let (file_mark, file_test_score) = match (kind, r.score) {
            (ProcedureKind::Ege, s) => (None, s),
            (_, Some(m)) if (2..=5).contains(&m) => (u8::try_from(m).ok(), None),
            (_, None) => (None, None),
            (_, Some(m)) => {
                errors.push(ImportError::new(
                    at(r.number, col::SCORE),
                    Msg::new("assessment-error-bad-mark").arg("text", m).arg("low", 2),
                ));
                continue;
            }
        };
        results.push(ResultRow {
            origin: Origin {
                sheet: t.sheet.clone().unwrap_or_else(|| file_name.to_string()),
                row: r.number,
            },
            participant_code: r.name.clone(),
            pupil_code: None,
            full_name: Some(r.name),
            class: r.class,
            variant: String::new(),
            scores,
            primary: Some(sum),
            file_mark,
            file_test_score,
            journal_mark: None,
        });
    }
    if errors.is_empty() && results.is_empty() {
        errors.push(ImportError::new(whole, Msg::new("import-error-empty-file")));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
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

/// The exam's own task codes for the protocol's positions (short answers first, then the
/// long-answer criteria), from the reference task table of the exam: the protocol must have
/// as many positions as the table, short-answer scores within the table's maxima and the
/// long-answer maxima of the table. Levels and skills come along.
fn exam_tasks(
    table: &[TaskSpec],
    short_n: usize,
    long_max: &[u32],
    raws: &[Raw],
    at: &At<'_>,
    header_row: usize,
    errors: &mut Vec<ImportError>,
) -> Vec<TaskSpec> {
    if short_n + long_max.len() != table.len() {
        errors.push(ImportError::new(
            at(header_row, col::SHORT),
            Msg::new("assessment-error-exam-task-count")
                .arg("short", short_n)
                .arg("long", long_max.len())
                .arg("expected", table.len())
                .arg("codes", codes_of(table)),
        ));
        return Vec::new();
    }
    let (short_ref, long_ref) = table.split_at(short_n);
    if long_ref.iter().zip(long_max).any(|(t, m)| t.max_score != *m) {
        let expected: Vec<u32> = long_ref.iter().map(|t| t.max_score).collect();
        errors.push(ImportError::new(
            at(raws.first().map_or(header_row, |r| r.number), col::LONG),
            Msg::new("assessment-error-long-maxima").arg("expected", format_long(&expected)),
        ));
    }
    for r in raws {
        if let Some((t, s)) = short_ref.iter().zip(&r.short).find(|(t, s)| **s > t.max_score) {
            errors.push(ImportError::new(
                at(r.number, col::SHORT),
                Msg::new("assessment-error-score-above-max")
                    .arg("task", &t.code)
                    .arg("max", t.max_score)
                    .arg("score", *s),
            ));
        }
    }
    table.to_vec()
}

fn codes_of(tasks: &[TaskSpec]) -> String {
    tasks.iter().map(|t| t.code.as_str()).collect::<Vec<_>>().join(", ")
}

fn format_long(maxima: &[u32]) -> String {
    maxima.iter().map(|m| format!("N({m})")).collect()
}

type At<'a> = dyn Fn(usize, &str) -> Location + 'a;

fn read_rows(t: &Table, grade: i64, c: [Option<usize>; 8], at: &At<'_>, errors: &mut Vec<ImportError>) -> Vec<Raw> {
    let [c_last, c_first, c_middle, c_class, c_short, c_long, c_primary, c_score] = c;
    let mut out = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        let before = errors.len();
        let cell = |i: Option<usize>| i.and_then(|i| row.cell(i)).unwrap_or("");
        let mut err = |column: &str, msg: Msg| errors.push(ImportError::new(at(row.number, column), msg));
        let name: Vec<&str> = [cell(c_last), cell(c_first), cell(c_middle)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        if cell(c_last).is_empty() {
            err(col::LAST, Msg::new("import-error-required-empty"));
        }
        let class_text = cell(c_class);
        let class = match ClassName::parse(class_text) {
            Ok(cl) if cl.grade == grade => Some(cl),
            Ok(cl) => {
                err(
                    col::CLASS,
                    Msg::new("assessment-error-class-grade")
                        .arg("class", &cl)
                        .arg("grade", grade),
                );
                None
            }
            Err(e) => {
                err(
                    col::CLASS,
                    Msg::new("import-error-bad-class")
                        .arg("text", class_text)
                        .arg("reason", class_error_reason(&e)),
                );
                None
            }
        };
        let short = short_answers(cell(c_short)).unwrap_or_else(|pos| {
            err(
                col::SHORT,
                Msg::new("assessment-error-short-answers")
                    .arg("text", cell(c_short))
                    .arg("position", pos + 1),
            );
            Vec::new()
        });
        let long = long_answers(cell(c_long)).unwrap_or_else(|pos| {
            err(
                col::LONG,
                Msg::new("assessment-error-long-answers")
                    .arg("text", cell(c_long))
                    .arg("position", pos + 1),
            );
            Vec::new()
        });
        let mut number = |i: Option<usize>, column: &str| {
            let text = cell(i);
            if is_not_done(text) {
                return None;
            }
            let n = parse_whole(text);
            if n.is_none() {
                err(column, Msg::new("assessment-error-bad-primary").arg("text", text));
            }
            n
        };
        let primary = number(c_primary, col::PRIMARY);
        let score = number(c_score, col::SCORE);
        if errors.len() == before
            && let Some(class) = class
        {
            out.push(Raw {
                number: row.number,
                name: name.join(" "),
                class,
                short,
                long,
                primary,
                score,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_strings_parse_as_spec_describes() {
        assert_eq!(short_answers("+-+2"), Ok(vec![1, 0, 1, 2]));
        assert_eq!(short_answers("+a"), Err(1));
        assert_eq!(
            long_answers("2(3)0(2)1(1)"),
            Ok(vec![(Some(2), 3), (Some(0), 2), (Some(1), 1)])
        );
        assert_eq!(long_answers("X(2)"), Ok(vec![(None, 2)]));
        assert_eq!(long_answers("3(2)"), Err(3));
        assert_eq!(long_answers("2(3"), Err(3));
        assert_eq!(long_answers(""), Ok(vec![]));
    }
}
