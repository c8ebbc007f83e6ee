//! Roster files: the school's classes, staff, pupils, parents and teaching assignments,
//! parsed from XLSX or CSV into `vsoko_domain::roster` rows with every problem located.
//! Only checks that need nothing but the file happen here; references to rows that may
//! already be in the database are checked by the store.

mod columns;
mod doc;
mod fields;
mod parse;
mod templates;

pub use crate::sheet::{ColumnSpec, SheetKind};
pub use columns::columns;
pub use doc::format_doc_markdown;
pub use templates::{csv_template, xlsx_template};

use crate::error::{ImportError, Location, Msg};
use crate::sheet::{CellValue, undetected_kind};
use crate::table::{self, FileFormat};
use serde::Serialize;
use vsoko_domain::roster::Roster;

/// The five kinds of roster data; in XLSX each is a sheet, in CSV each is a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum RosterKind {
    /// Классы.
    Classes,
    /// Сотрудники.
    Staff,
    /// Обучающиеся.
    Pupils,
    /// Родители (законные представители).
    Parents,
    /// Учебная нагрузка: учитель × класс × предмет.
    Assignments,
}

impl RosterKind {
    /// Every kind, in the order sheets appear in the template.
    pub fn all() -> [RosterKind; 5] {
        [
            RosterKind::Classes,
            RosterKind::Staff,
            RosterKind::Pupils,
            RosterKind::Parents,
            RosterKind::Assignments,
        ]
    }
}

impl SheetKind for RosterKind {
    const KINDS: &'static [Self] = &[
        RosterKind::Classes,
        RosterKind::Staff,
        RosterKind::Pupils,
        RosterKind::Parents,
        RosterKind::Assignments,
    ];

    fn sheet_name(self) -> &'static str {
        match self {
            RosterKind::Classes => "Классы",
            RosterKind::Staff => "Сотрудники",
            RosterKind::Pupils => "Обучающиеся",
            RosterKind::Parents => "Родители",
            RosterKind::Assignments => "Нагрузка",
        }
    }

    fn slug(self) -> &'static str {
        match self {
            RosterKind::Classes => "classes",
            RosterKind::Staff => "staff",
            RosterKind::Pupils => "pupils",
            RosterKind::Parents => "parents",
            RosterKind::Assignments => "assignments",
        }
    }

    fn columns(self) -> &'static [ColumnSpec] {
        columns(self)
    }

    fn second_example(self) -> &'static [&'static str] {
        templates::second_example(self)
    }

    fn cell_value(self, header: &str) -> CellValue {
        match header {
            columns::h::BIRTH_DATE => CellValue::Date,
            columns::h::HOURS => CellValue::Number,
            _ => CellValue::Text,
        }
    }
}

/// Parses a roster file. `file_name` decides XLSX (.xlsx/.xlsm) vs CSV (.csv/.txt); `bytes`
/// is the content. Every problem in the file is returned, each with its location.
pub fn parse_roster(file_name: &str, bytes: &[u8]) -> Result<Roster, Vec<ImportError>> {
    let tables = table::read_tables(file_name, bytes)?;
    if tables.is_empty() {
        return Err(vec![ImportError::new(
            Location::file(file_name),
            Msg::new("import-error-empty-file"),
        )]);
    }
    let by_headers_only = FileFormat::from_file_name(file_name) == Some(FileFormat::Csv);
    let single = tables.len() == 1;
    let mut roster = Roster::default();
    let mut errors = Vec::new();
    let mut seen: Vec<(RosterKind, &str)> = Vec::new();
    for table in &tables {
        let sheet = table.sheet.as_deref();
        let by_name = if by_headers_only {
            None
        } else {
            sheet.and_then(RosterKind::from_sheet_name)
        };
        let kind = match by_name {
            Some(kind) => kind,
            None if by_headers_only || single => match RosterKind::detect(table) {
                Some(kind) => kind,
                None => {
                    errors.push(undetected_kind::<RosterKind>(file_name, table));
                    continue;
                }
            },
            None => {
                errors.push(ImportError::new(
                    Location::file(file_name).with_sheet(sheet),
                    unknown_sheet(),
                ));
                continue;
            }
        };
        let name = sheet.unwrap_or(file_name);
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == kind) {
            errors.push(ImportError::new(
                Location::file(file_name).with_sheet(sheet),
                Msg::new("import-error-duplicate-kind")
                    .arg("kind", kind.sheet_name())
                    .arg("first", first),
            ));
            continue;
        }
        seen.push((kind, name));
        parse::sheet(file_name, table, kind, &mut roster, &mut errors);
    }
    if errors.is_empty() { Ok(roster) } else { Err(errors) }
}

/// The sheet names are file-format data, listed as the user must type them.
fn unknown_sheet() -> Msg {
    let names: Vec<String> = RosterKind::all()
        .iter()
        .map(|k| format!("«{}»", k.sheet_name()))
        .collect();
    let slugs: Vec<&str> = RosterKind::all().iter().map(|k| k.slug()).collect();
    Msg::new("import-error-unknown-sheet")
        .arg("names", names.join(", "))
        .arg("slugs", slugs.join(", "))
}
