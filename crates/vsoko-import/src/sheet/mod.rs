//! The generic sheet reader every importer builds on: a kind of sheet ([`SheetKind`]) is a
//! list of columns ([`ColumnSpec`]: canonical header, aliases, required, description,
//! example). From that one table come header lookup by aliases, kind detection, located
//! cell errors with typed getters ([`Sheet`], [`Cells`]), blank templates and the column
//! table of the format documentation. An importer adds its kinds, its row types and any
//! getters of its own (`impl Cells<'_>` in its `fields.rs`).

mod reader;
mod template;

pub(crate) use reader::{Cells, Sheet};
pub use template::CellValue;
pub(crate) use template::{csv_template, xlsx_template};

use crate::error::{ImportError, Location, Msg};
use crate::table::{Table, normalize_header};
use std::fmt::Write;

/// One column of a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    /// Canonical Russian header, as written in templates.
    pub header: &'static str,
    /// Other accepted headers: English names and common Russian variants.
    pub aliases: &'static [&'static str],
    /// Whether the column must be present and every row must fill it.
    pub required: bool,
    /// What the column holds, for the format documentation.
    pub description_ru: &'static str,
    /// An example value (the first example row of the templates).
    pub example: &'static str,
}

impl ColumnSpec {
    /// The header followed by every alias.
    pub fn names(&self) -> Vec<&'static str> {
        std::iter::once(self.header)
            .chain(self.aliases.iter().copied())
            .collect()
    }
}

/// A column (`const` so column tables can be `const` too).
pub(crate) const fn col(
    header: &'static str,
    aliases: &'static [&'static str],
    required: bool,
    description_ru: &'static str,
    example: &'static str,
) -> ColumnSpec {
    ColumnSpec {
        header,
        aliases,
        required,
        description_ru,
        example,
    }
}

/// One kind of sheet of an importer (roster: classes, staff…; marks: marks, term marks).
/// In XLSX each kind is a sheet; in CSV each is a file.
pub trait SheetKind: Copy + PartialEq + Sized + 'static {
    /// Every kind, in the order sheets appear in the template.
    const KINDS: &'static [Self];

    /// The Russian sheet name used in templates and recognised on import.
    fn sheet_name(self) -> &'static str;

    /// The English slug, also accepted as a sheet name and used for template file names.
    fn slug(self) -> &'static str;

    /// The columns of this kind, in template order.
    fn columns(self) -> &'static [ColumnSpec];

    /// The second example row of the templates (the first is the columns' examples).
    fn second_example(self) -> &'static [&'static str];

    /// How the XLSX template writes a column's examples; text unless said otherwise.
    fn cell_value(self, _header: &str) -> CellValue {
        CellValue::Text
    }

    /// The kind a sheet name stands for (Russian name or slug; case-insensitive, ё = е).
    fn from_sheet_name(name: &str) -> Option<Self> {
        let name = normalize_header(name);
        Self::KINDS
            .iter()
            .copied()
            .find(|k| name == normalize_header(k.sheet_name()) || name == k.slug())
    }

    /// The kind whose required columns all appear in the table's header. When several
    /// match, a kind whose required columns include another's wins (pupils over classes);
    /// `None` when no kind or more than one unrelated kind matches.
    fn detect(table: &Table) -> Option<Self> {
        let required = |k: Self| k.columns().iter().filter(|c| c.required);
        let matching: Vec<Self> = Self::KINDS
            .iter()
            .copied()
            .filter(|&k| required(k).all(|c| table.find_column(&c.names()).is_some()))
            .collect();
        let covers = |big: Self, small: Self| {
            big != small && required(small).all(|s| required(big).any(|b| b.header == s.header))
        };
        let maximal: Vec<Self> = matching
            .iter()
            .copied()
            .filter(|&k| !matching.iter().any(|&other| covers(other, k)))
            .collect();
        match maximal.as_slice() {
            [kind] => Some(*kind),
            _ => None,
        }
    }
}

/// The error for a table whose kind neither its name nor its headers show: lists each
/// kind's required columns and the headers found.
pub(crate) fn undetected_kind<K: SheetKind>(file_name: &str, table: &Table) -> ImportError {
    let kinds: Vec<String> = K::KINDS
        .iter()
        .map(|&k| {
            let cols: Vec<&str> = k.columns().iter().filter(|c| c.required).map(|c| c.header).collect();
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

/// Appends a kind's section to a format document: a heading naming the sheet, the kind's
/// rule, then its columns (header, required, other names, meaning, example).
pub(crate) fn write_kind_doc<K: SheetKind>(md: &mut String, kind: K, title: &str, rule: &str) {
    let _ = write!(
        md,
        "\n## {title} (лист «{}» или `{}`)\n\n{rule}\n\n\
         | Столбец | Обязательный | Другие названия | Описание | Пример |\n\
         |---|---|---|---|---|\n",
        kind.sheet_name(),
        kind.slug(),
    );
    for c in kind.columns() {
        let aliases: Vec<String> = c.aliases.iter().map(|a| format!("`{a}`")).collect();
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} |",
            c.header,
            if c.required { "да" } else { "нет" },
            aliases.join(", "),
            c.description_ru,
            c.example,
        );
    }
}
