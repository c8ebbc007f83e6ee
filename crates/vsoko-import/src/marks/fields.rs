//! Reading one marks row: cell lookup by canonical header, and parsers for the typed values
//! (class, date, marks, attendance, period, term mark) with the messages users see.

use super::{MarksKind, columns};
use crate::error::{ImportError, Location, Msg};
use crate::table::{Table, TableRow};
use crate::values::class_error_reason;
pub(crate) use crate::values::parse_date;
use time::Date;
use vsoko_domain::journal::{Attendance, Mark, MarkError, PeriodMark, parse_cell_marks};
use vsoko_domain::roster::Origin;
use vsoko_domain::structure::ClassName;

/// A table read as one kind of marks sheet, each spec column mapped to a table column.
pub(crate) struct Sheet<'a> {
    pub file: &'a str,
    pub table: &'a Table,
    kind: MarksKind,
    mapped: Vec<Option<usize>>,
}

impl<'a> Sheet<'a> {
    /// Maps the header; every missing required column is an error on the header row.
    pub fn new(file: &'a str, table: &'a Table, kind: MarksKind) -> Result<Self, Vec<ImportError>> {
        let specs = columns(kind);
        let mapped = specs.iter().map(|c| table.find_column(&c.names())).collect();
        let sheet = Sheet {
            file,
            table,
            kind,
            mapped,
        };
        let errors: Vec<ImportError> = specs
            .iter()
            .zip(&sheet.mapped)
            .filter(|(c, index)| c.required && index.is_none())
            .map(|(c, _)| {
                let aliases: Vec<String> = c.aliases.iter().map(|n| format!("«{n}»")).collect();
                ImportError::new(
                    sheet.location(sheet.table.header_row, Some(c.header)),
                    Msg::new("import-error-missing-column")
                        .arg("aliases", aliases.join(", "))
                        .arg("header", c.header),
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
        let position = columns(self.sheet.kind).iter().position(|c| c.header == header);
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

    /// A required class name.
    pub fn class(&mut self, header: &str) -> Option<ClassName> {
        let text = self.required(header)?;
        ClassName::parse(&text)
            .map_err(|e| {
                let reason = class_error_reason(&e);
                let msg = Msg::new("import-error-bad-class")
                    .arg("text", &text)
                    .arg("reason", reason);
                self.error(Some(header), msg);
            })
            .ok()
    }

    /// A required date.
    pub fn date(&mut self, header: &str) -> Option<Date> {
        let text = self.required(header)?;
        let date = parse_date(&text);
        if date.is_none() {
            self.error(Some(header), Msg::new("import-error-bad-date").arg("text", &text));
        }
        date
    }

    /// The marks of a cell (empty → none).
    pub fn marks(&mut self, header: &str) -> Option<Vec<Mark>> {
        let Some(text) = self.optional(header) else {
            return Some(Vec::new());
        };
        match parse_cell_marks(&text) {
            Ok(marks) => Some(marks),
            Err(e) => {
                let key = match e {
                    MarkError::OutOfScale => "marks-import-error-bad-mark",
                    MarkError::TooMany => "marks-import-error-too-many-marks",
                };
                self.error(Some(header), Msg::new(key).arg("text", &text));
                None
            }
        }
    }

    /// An optional attendance code; anything else is an error (`Err`).
    pub fn attendance(&mut self, header: &str) -> Result<Option<Attendance>, ()> {
        let Some(text) = self.optional(header) else {
            return Ok(None);
        };
        match Attendance::parse(&text) {
            Some(a) => Ok(Some(a)),
            None => {
                self.error(
                    Some(header),
                    Msg::new("marks-import-error-bad-attendance").arg("text", &text),
                );
                Err(())
            }
        }
    }

    /// A required period: 1–4, or "год" for the year mark (`Some(None)`).
    pub fn period(&mut self, header: &str) -> Option<Option<i64>> {
        let text = self.required(header)?;
        let period = parse_period(&text);
        if period.is_none() {
            self.error(
                Some(header),
                Msg::new("marks-import-error-bad-period").arg("text", &text),
            );
        }
        period
    }

    /// A required term mark.
    pub fn term_mark(&mut self, header: &str) -> Option<PeriodMark> {
        let text = self.required(header)?;
        let value = PeriodMark::parse(&text).filter(|m| !matches!(m, PeriodMark::Mark(v) if v.value() < 2));
        if value.is_none() {
            self.error(
                Some(header),
                Msg::new("marks-import-error-bad-term-mark").arg("text", &text),
            );
        }
        value
    }
}

/// Parses a period number 1–4 ("2", "2 четверть", "II" is not accepted) or the year mark
/// ("год", "годовая", "year"): `Some(Some(n))`, `Some(None)` or `None` when neither.
pub(crate) fn parse_period(text: &str) -> Option<Option<i64>> {
    let t = text.trim().to_lowercase();
    if matches!(t.as_str(), "год" | "годовая" | "годовая отметка" | "г" | "year") {
        return Some(None);
    }
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = t[digits.len()..].trim();
    let known_rest = rest.is_empty() || ["четверть", "триместр", "полугодие", "ч", "ч."].contains(&rest);
    match digits.parse::<i64>() {
        Ok(n) if (1..=4).contains(&n) && known_rest => Some(Some(n)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn periods_are_numbers_one_to_four_or_the_year() {
        assert_eq!(parse_period("2"), Some(Some(2)));
        assert_eq!(parse_period("3 четверть"), Some(Some(3)));
        assert_eq!(parse_period("Год"), Some(None));
        assert_eq!(parse_period("5"), None);
        assert_eq!(parse_period("0"), None);
        assert_eq!(parse_period("вторая"), None);
        assert_eq!(parse_period(""), None);
    }

    #[test]
    fn lesson_dates_are_day_first_or_iso() {
        assert_eq!(parse_date("16.11.2026"), Some(date!(2026 - 11 - 16)));
        assert_eq!(parse_date("2026-11-16"), Some(date!(2026 - 11 - 16)));
        assert_eq!(parse_date("31.11.2026"), None);
        assert_eq!(parse_date("16/11/2026"), None);
    }
}
