//! Reading the rows of one sheet: each spec column mapped to a table column by its header or
//! an alias, and typed getters that record a located error for every bad cell.

use super::ColumnSpec;
use crate::error::{ImportError, Location, Msg};
use crate::table::{Table, TableRow};
use crate::values::{class_error_reason, parse_date};
use time::Date;
use vsoko_domain::roster::Origin;
use vsoko_domain::structure::ClassName;

/// A table read with a given column list, each spec column mapped to a table column.
pub(crate) struct Sheet<'a> {
    pub file: &'a str,
    pub table: &'a Table,
    specs: &'static [ColumnSpec],
    mapped: Vec<Option<usize>>,
}

impl<'a> Sheet<'a> {
    /// Maps the header; every missing required column is an error on the header row.
    pub fn new(file: &'a str, table: &'a Table, specs: &'static [ColumnSpec]) -> Result<Self, Vec<ImportError>> {
        let mapped: Vec<Option<usize>> = specs.iter().map(|c| table.find_column(&c.names())).collect();
        let sheet = Sheet {
            file,
            table,
            specs,
            mapped,
        };
        let errors: Vec<ImportError> = specs
            .iter()
            .zip(&sheet.mapped)
            .filter(|(c, index)| c.required && index.is_none())
            .map(|(c, _)| {
                let aliases: Vec<String> = c.aliases.iter().map(|n| format!("«{n}»")).collect();
                let msg = if aliases.is_empty() {
                    Msg::new("import-error-missing-column-only")
                } else {
                    Msg::new("import-error-missing-column").arg("aliases", aliases.join(", "))
                };
                ImportError::new(
                    sheet.location(sheet.table.header_row, Some(c.header)),
                    msg.arg("header", c.header),
                )
            })
            .collect();
        if errors.is_empty() { Ok(sheet) } else { Err(errors) }
    }

    /// Location of a cell (or of a whole row when `column` is `None`).
    pub fn location(&self, row: usize, column: Option<&str>) -> Location {
        let location = Location::file(self.file)
            .with_sheet(self.table.sheet.as_deref())
            .with_row(row);
        match column {
            Some(column) => location.with_column(column),
            None => location,
        }
    }

    /// Origin stored with the parsed row: the sheet name, or the file name for CSV.
    pub fn origin(&self, row: &TableRow) -> Origin {
        Origin {
            sheet: self.table.sheet.clone().unwrap_or_else(|| self.file.to_owned()),
            row: row.number,
        }
    }

    /// Starts reading one data row.
    pub fn cells(&'a self, row: &'a TableRow) -> Cells<'a> {
        Cells {
            sheet: self,
            row,
            errors: Vec::new(),
        }
    }
}

/// One data row being read; problems accumulate in `errors`.
pub(crate) struct Cells<'a> {
    sheet: &'a Sheet<'a>,
    pub row: &'a TableRow,
    pub errors: Vec<ImportError>,
}

impl Cells<'_> {
    /// Records a problem in `column` (or the whole row) of this row.
    pub fn error(&mut self, column: Option<&str>, msg: Msg) {
        self.errors
            .push(ImportError::new(self.sheet.location(self.row.number, column), msg));
    }

    /// The cell under `header`: `Err(true)` when the row ends before it, `Err(false)` when it
    /// is empty or the column is absent.
    fn raw(&self, header: &str) -> Result<&str, bool> {
        let position = self.sheet.specs.iter().position(|c| c.header == header);
        let Some(index) = position.and_then(|p| self.sheet.mapped.get(p).copied().flatten()) else {
            return Err(false);
        };
        match self.row.cell(index) {
            None => Err(true),
            Some("") => Err(false),
            Some(text) => Ok(text),
        }
    }

    /// An optional text cell; empty means `None`.
    pub fn optional(&self, header: &str) -> Option<String> {
        self.raw(header).ok().map(str::to_owned)
    }

    /// A required text cell; empty is an error.
    pub fn required(&mut self, header: &str) -> Option<String> {
        match self.raw(header) {
            Ok(text) => Some(text.to_owned()),
            Err(short) => {
                let msg = if short {
                    Msg::new("import-error-required-short-row")
                        .arg("cells", self.row.cells.len())
                        .arg("headers", self.sheet.table.headers.len())
                } else {
                    Msg::new("import-error-required-empty")
                };
                self.error(Some(header), msg);
                None
            }
        }
    }

    /// A required cell read by `parse`; a value it refuses is the error `key` with the
    /// argument `text`.
    pub fn parsed<T>(&mut self, header: &str, key: &'static str, parse: impl FnOnce(&str) -> Option<T>) -> Option<T> {
        let text = self.required(header)?;
        self.check(header, key, &text, parse)
    }

    /// An optional cell read by `parse`: `Ok(None)` when empty, `Err(())` (with the error
    /// `key` recorded) when `parse` refuses it.
    pub fn parsed_optional<T>(
        &mut self,
        header: &str,
        key: &'static str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<Option<T>, ()> {
        let Some(text) = self.optional(header) else {
            return Ok(None);
        };
        self.check(header, key, &text, parse).map(Some).ok_or(())
    }

    fn check<T>(
        &mut self,
        header: &str,
        key: &'static str,
        text: &str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Option<T> {
        let value = parse(text);
        if value.is_none() {
            self.error(Some(header), Msg::new(key).arg("text", text));
        }
        value
    }

    /// A required class name; a refused one says which rule it broke.
    pub fn class(&mut self, header: &str) -> Option<ClassName> {
        let text = self.required(header)?;
        ClassName::parse(&text)
            .map_err(|e| {
                let msg = Msg::new("import-error-bad-class")
                    .arg("text", &text)
                    .arg("reason", class_error_reason(&e));
                self.error(Some(header), msg);
            })
            .ok()
    }

    /// A required date (`ДД.ММ.ГГГГ` or `ГГГГ-ММ-ДД`).
    pub fn date(&mut self, header: &str) -> Option<Date> {
        self.parsed(header, "import-error-bad-date", parse_date)
    }
}
