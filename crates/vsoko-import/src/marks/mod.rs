//! Marks files: current marks and attendance per lesson, and term or year marks, parsed
//! from XLSX or CSV into `vsoko_domain::journal::rows` with every problem located. Only
//! checks that need nothing but the file happen here (scale, codes, dates, duplicates);
//! classes, subjects, pupils, periods and locks are checked by the store.

mod columns;
mod doc;
mod fields;
mod parse;
mod templates;

pub use columns::columns;
pub use doc::format_doc_markdown;
pub use templates::{csv_template, xlsx_template};

use crate::error::{ImportError, Location, Msg};
use crate::table::{self, FileFormat, Table, normalize_header};
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

    /// The Russian sheet name used in templates and recognised on import.
    pub fn sheet_name(self) -> &'static str {
        match self {
            MarksKind::Marks => "Отметки",
            MarksKind::Terms => "Итоговые",
        }
    }

    /// The English slug, also accepted as a sheet name and used for template file names.
    pub fn slug(self) -> &'static str {
        match self {
            MarksKind::Marks => "marks",
            MarksKind::Terms => "term_marks",
        }
    }

    /// The kind a sheet name stands for (Russian name or slug; case-insensitive, ё = е).
    pub fn from_sheet_name(name: &str) -> Option<Self> {
        let name = normalize_header(name);
        Self::all()
            .into_iter()
            .find(|k| name == normalize_header(k.sheet_name()) || name == k.slug())
    }

    /// The kind whose required columns all appear in the table's header; `None` when
    /// neither or both match.
    pub fn detect(table: &Table) -> Option<Self> {
        let matching: Vec<MarksKind> = Self::all()
            .into_iter()
            .filter(|&k| {
                columns(k)
                    .iter()
                    .filter(|c| c.required)
                    .all(|c| table.find_column(&c.names()).is_some())
            })
            .collect();
        match matching.as_slice() {
            [kind] => Some(*kind),
            _ => None,
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
            errors.push(undetected_kind(file_name, table));
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

fn undetected_kind(file_name: &str, table: &Table) -> ImportError {
    let kinds: Vec<String> = MarksKind::all()
        .iter()
        .map(|&k| {
            let cols: Vec<&str> = columns(k).iter().filter(|c| c.required).map(|c| c.header).collect();
            format!("{} — {}", k.sheet_name(), cols.join(", "))
        })
        .collect();
    let found: Vec<String> = table
        .headers
        .iter()
        .filter(|h| !h.is_empty())
        .map(|h| format!("«{h}»"))
        .collect();
    ImportError::new(
        Location::file(file_name)
            .with_sheet(table.sheet.as_deref())
            .with_row(table.header_row),
        Msg::new("import-error-undetected-kind")
            .arg("kinds", kinds.join("; "))
            .arg("found", found.join(", ")),
    )
}
