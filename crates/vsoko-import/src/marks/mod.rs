//! Marks files: current marks and attendance per lesson, and term or year marks, parsed
//! from XLSX or CSV into `vsoko_domain::journal::rows` with every problem located. Only
//! checks that need nothing but the file happen here (scale, codes, dates, duplicates);
//! classes, subjects, pupils, periods and locks are checked by the store.

mod columns;
mod doc;
mod fields;
mod parse;
mod templates;

pub use crate::sheet::SheetKind;
pub use columns::columns;
pub use doc::format_doc_markdown;
pub use templates::{csv_template, xlsx_template};

use crate::error::{ImportError, Location, Msg};
use crate::sheet::{CellValue, ColumnSpec, undetected_kind};
use crate::table::{self, FileFormat};
use serde::Serialize;
use vsoko_domain::journal::rows::MarksFile;

/// The two kinds of marks data; in XLSX each is a sheet, in CSV each is a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum MarksKind {
    /// Current marks and attendance, one row per pupil and lesson.
    Marks,
    /// Term and year marks, one row per pupil, subject and period.
    Terms,
}

impl MarksKind {
    /// Both kinds, in the order sheets appear in the template.
    pub fn all() -> [MarksKind; 2] {
        [MarksKind::Marks, MarksKind::Terms]
    }
}

impl SheetKind for MarksKind {
    const KINDS: &'static [Self] = &[MarksKind::Marks, MarksKind::Terms];

    fn sheet_name(self) -> &'static str {
        match self {
            MarksKind::Marks => "Отметки",
            MarksKind::Terms => "Итоговые",
        }
    }

    fn slug(self) -> &'static str {
        match self {
            MarksKind::Marks => "marks",
            MarksKind::Terms => "term_marks",
        }
    }

    fn columns(self) -> &'static [ColumnSpec] {
        columns(self)
    }

    fn second_example(self) -> &'static [&'static str] {
        templates::second_example(self)
    }

    fn cell_value(self, header: &str) -> CellValue {
        if header == columns::h::DATE {
            CellValue::Date
        } else {
            CellValue::Text
        }
    }
}

/// Parses a marks file. `file_name` decides XLSX (.xlsx/.xlsm) vs CSV (.csv/.txt). A sheet
/// is read as the kind its name says, else as the kind its headers show. Every problem in
/// the file is returned, each with its location.
pub fn parse_marks(file_name: &str, bytes: &[u8]) -> Result<MarksFile, Vec<ImportError>> {
    let tables = table::read_tables(file_name, bytes)?;
    if tables.is_empty() {
        return Err(vec![ImportError::new(
            Location::file(file_name),
            Msg::new("import-error-empty-file"),
        )]);
    }
    let by_headers_only = FileFormat::from_file_name(file_name) == Some(FileFormat::Csv);
    let mut out = MarksFile::default();
    let mut errors = Vec::new();
    let mut seen = Default::default();
    for table in &tables {
        let by_name = if by_headers_only {
            None
        } else {
            table.sheet.as_deref().and_then(MarksKind::from_sheet_name)
        };
        let Some(kind) = by_name.or_else(|| MarksKind::detect(table)) else {
            errors.push(undetected_kind::<MarksKind>(file_name, table));
            continue;
        };
        parse::sheet(file_name, table, kind, &mut out, &mut seen, &mut errors);
    }
    if errors.is_empty() && out.is_empty() {
        errors.push(ImportError::new(
            Location::file(file_name),
            Msg::new("import-error-empty-file"),
        ));
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}
