//! Assessment results files, task by task (SPEC §5.2, §7.2), parsed into
//! `vsoko_domain::assessment::AssessmentFile` with every problem located at its file, sheet,
//! row and column:
//!
//! - [`parse_vpr`]: the ФИС ОКО form "Индивидуальные результаты" (XLSX; meta rows, a row
//!   of levels Б/П above the header, task columns `N (Mб)`, many classes in one file);
//! - [`parse_gia`]: a РЦОИ ГИА protocol (CSV/XLSX; short answers as a `+`/`-`/digit string,
//!   long answers as `score(max)` groups, «Балл»);
//! - [`parse_generic`]: the documented generic layout for school control works and
//!   regional or municipal monitoring (header row with task columns `N (Mб)`).
//!
//! Only checks that need nothing but the file (and the user's options) happen here: scores
//! within their maximum, primary score = sum of the tasks, subject and grade as expected,
//! classes of the work's grade, unique participants. Pupils, conversion tables and marks
//! are the store's.

mod fisoko;
mod gia;
mod grid;
mod layout;

pub use fisoko::parse_vpr;
pub use gia::{long_answers, parse_gia, short_answers};
pub use grid::parse_generic;
pub use layout::{AssessmentLayout, csv_template, xlsx_template};

use crate::error::{ImportError, Location, Msg};
use crate::table::{self, Table};
use time::Date;
use vsoko_domain::assessment::ProcedureKind;

/// What the user says about the procedure. For ФИС ОКО files the subject, grade and year
/// come from the file and, when also given here, must agree; for ГИА protocols and generic
/// files they come from here.
#[derive(Debug, Clone, Default)]
pub struct Expect {
    /// Kind (generic files: school control work when not given; ГИА: ОГЭ when not given).
    pub kind: Option<ProcedureKind>,
    /// Subject (name, short name or catalogue code).
    pub subject: Option<String>,
    /// Grade.
    pub grade: Option<i64>,
    /// Calendar year.
    pub year: Option<i32>,
    /// Date held.
    pub date: Option<Date>,
    /// Title.
    pub title: Option<String>,
}

/// The catalogue code of a subject written as a code, name or short name (case and ё
/// ignored); the text itself, normalised, when the catalogue does not know it.
pub fn subject_key(text: &str) -> String {
    let norm = |s: &str| table::normalize_header(s);
    let t = norm(text);
    vsoko_domain::reference::subjects()
        .into_iter()
        .find(|s| norm(&s.code) == t || norm(&s.name) == t || norm(&s.short_name) == t)
        .map_or(t, |s| s.code)
}

/// All rows of a table again, the header row included (the generic reader takes the first
/// non-blank row as the header; assessment files put meta rows above the real header).
pub(crate) fn all_rows(t: &Table) -> Vec<crate::table::TableRow> {
    let mut rows = Vec::with_capacity(t.rows.len() + 1);
    rows.push(crate::table::TableRow {
        number: t.header_row,
        cells: t.headers.clone(),
    });
    rows.extend(t.rows.iter().cloned());
    rows
}

/// Reads the file's tables; an empty file is an error.
pub(crate) fn tables(file_name: &str, bytes: &[u8]) -> Result<Vec<Table>, Vec<ImportError>> {
    let tables = table::read_tables(file_name, bytes)?;
    if tables.is_empty() {
        return Err(vec![ImportError::new(
            Location::file(file_name),
            Msg::new("import-error-empty-file"),
        )]);
    }
    Ok(tables)
}
