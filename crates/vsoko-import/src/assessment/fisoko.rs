//! The ФИС ОКО form "Индивидуальные результаты" (SPEC §5.2): meta rows (title "ВПР 2026
//! Русский язык 4 класс", subject, maximum primary score, date, school, number of
//! participants), then a row of levels Б/П above the header, then the header with ОО,
//! Муниципалитет, Название ОО, Код участника, Класс, Вариант, task columns `N (Mб)`,
//! Первичный балл, Отметка, Отметка по журналу, and one row per participant.

use super::grid::{Columns, Grid, level_row, parse_whole};
use super::{Expect, all_rows, subject_key, tables};
use crate::error::{ImportError, Location, Msg};
use crate::table::{TableRow, normalize_header};
use crate::values::parse_date;
use std::collections::HashMap;
use vsoko_domain::assessment::{AssessmentFile, ProcedureHeader, ProcedureKind, ResultRow};

/// What the meta rows say.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub year: Option<i32>,
    pub subject: Option<String>,
    pub grade: Option<i64>,
    pub max_primary: Option<(u32, usize)>,
    pub date: Option<time::Date>,
}

/// Reads "ВПР 2026 Русский язык 4 класс" into (year, subject, grade).
pub(crate) fn parse_title(title: &str) -> Option<(i32, String, i64)> {
    let words: Vec<&str> = title.split_whitespace().collect();
    if !words.first()?.to_lowercase().starts_with("впр") {
        return None;
    }
    let year_at = words
        .iter()
        .position(|w| w.len() == 4 && w.parse::<i32>().is_ok_and(|y| (2000..=2100).contains(&y)))?;
    let class_at = words.iter().rposition(|w| w.to_lowercase().starts_with("класс"))?;
    let grade_at = class_at.checked_sub(1)?;
    let grade: i64 = words[grade_at].parse().ok()?;
    let subject = words.get(year_at + 1..grade_at)?.join(" ");
    let year = words[year_at].parse().ok()?;
    (!subject.is_empty()).then_some((year, subject, grade))
}

pub(crate) fn read_meta(rows: &[TableRow]) -> Meta {
    let mut m = Meta::default();
    for row in rows {
        let cells: Vec<&str> = row.cells.iter().map(String::as_str).filter(|c| !c.is_empty()).collect();
        for (i, cell) in cells.iter().enumerate() {
            if let Some((year, subject, grade)) = parse_title(cell) {
                m.title.get_or_insert_with(|| (*cell).to_string());
                m.year.get_or_insert(year);
                m.subject.get_or_insert(subject);
                m.grade.get_or_insert(grade);
                continue;
            }
            let (label, value) = match cell.split_once(':') {
                Some((l, v)) if !v.trim().is_empty() => (l, v.trim()),
                Some((l, _)) => (l, cells.get(i + 1).copied().unwrap_or("")),
                None => (*cell, cells.get(i + 1).copied().unwrap_or("")),
            };
            let label = normalize_header(label);
            if label == "предмет" && !value.is_empty() {
                m.subject.get_or_insert(value.to_string());
            } else if label.starts_with("максимальный") && label.contains("балл") {
                if let Some(v) = parse_whole(value) {
                    m.max_primary.get_or_insert((v, row.number));
                }
            } else if label.starts_with("дата") {
                if let Some(d) = parse_date(value) {
                    m.date.get_or_insert(d);
                }
            } else if label == "класс" || label == "параллель" {
                let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
                if let Ok(g) = digits.parse() {
                    m.grade.get_or_insert(g);
                }
            }
        }
    }
    m
}

/// Parses a ФИС ОКО "Индивидуальные результаты" file (XLSX, or the same layout saved as
/// CSV). The subject, grade and year of the title must match `expect` where it gives them.
pub fn parse_vpr(file_name: &str, bytes: &[u8], expect: &Expect) -> Result<AssessmentFile, Vec<ImportError>> {
    let tables = tables(file_name, bytes)?;
    let whole = Location::file(file_name);
    let mut found = None;
    for t in &tables {
        let rows = all_rows(t);
        if let Some(h) = rows.iter().position(|r| {
            let c = Columns::find(&r.cells);
            c.participant.is_some() && c.class.is_some()
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
    let sheet = t.sheet.as_deref();
    let at = |row: usize| Location::file(file_name).with_sheet(sheet).with_row(row);
    let meta = read_meta(&rows[..h]);
    let mut errors = Vec::new();
    let title_row = rows.first().map_or(1, |r| r.number);

    let year = match (meta.year, expect.year) {
        (Some(y), Some(e)) if y != e => {
            errors.push(ImportError::new(
                at(title_row),
                Msg::new("assessment-error-year-mismatch")
                    .arg("file", y)
                    .arg("expected", e),
            ));
            y
        }
        (Some(y), _) | (None, Some(y)) => y,
        (None, None) => {
            errors.push(ImportError::new(
                at(title_row),
                Msg::new("assessment-error-meta-missing").arg("what", "year"),
            ));
            0
        }
    };
    let subject = match (&meta.subject, &expect.subject) {
        (Some(s), Some(e)) if subject_key(s) != subject_key(e) => {
            errors.push(ImportError::new(
                at(title_row),
                Msg::new("assessment-error-subject-mismatch")
                    .arg("file", s)
                    .arg("expected", e),
            ));
            s.clone()
        }
        (Some(s), _) | (None, Some(s)) => s.clone(),
        (None, None) => {
            errors.push(ImportError::new(
                at(title_row),
                Msg::new("assessment-error-meta-missing").arg("what", "subject"),
            ));
            String::new()
        }
    };
    let grade = match (meta.grade, expect.grade) {
        (Some(g), Some(e)) if g != e => {
            errors.push(ImportError::new(
                at(title_row),
                Msg::new("assessment-error-grade-mismatch")
                    .arg("file", g)
                    .arg("expected", e),
            ));
            g
        }
        (Some(g), _) | (None, Some(g)) => g,
        (None, None) => {
            errors.push(ImportError::new(
                at(title_row),
                Msg::new("assessment-error-meta-missing").arg("what", "grade"),
            ));
            0
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }

    let columns = Columns::find(&rows[h].cells);
    let grid = Grid {
        file: file_name,
        sheet,
        header: &rows[h],
        level_row: level_row(&rows, h, &columns),
        columns,
        grade,
    };
    let tasks = grid.tasks(&mut errors);
    let task_max: u32 = tasks.iter().map(|t| t.max_score).sum();
    if let Some((max, row)) = meta.max_primary
        && max != task_max
        && !tasks.is_empty()
    {
        errors.push(ImportError::new(
            at(row),
            Msg::new("assessment-error-max-mismatch")
                .arg("max", max)
                .arg("sum", task_max),
        ));
    }
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
    Ok(AssessmentFile {
        header: ProcedureHeader {
            kind: ProcedureKind::Vpr,
            year,
            subject: subject_key(&subject),
            grade,
            date: meta.date.or(expect.date),
            title: meta
                .title
                .unwrap_or_else(|| format!("ВПР {year} {subject} {grade} класс")),
            max_primary: Some(task_max),
        },
        tasks,
        results,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_give_year_subject_and_grade() {
        assert_eq!(
            parse_title("ВПР 2026 Русский язык 4 класс"),
            Some((2026, "Русский язык".into(), 4))
        );
        assert_eq!(
            parse_title("ВПР 2026 Окружающий мир 4 класс"),
            Some((2026, "Окружающий мир".into(), 4))
        );
        assert_eq!(parse_title("ВПР Русский язык 4 класс"), None);
        assert_eq!(parse_title("Итоги 2026 4 класс"), None);
    }
}
