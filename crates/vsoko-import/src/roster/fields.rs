//! Reading one roster row: cell lookup by canonical header, and parsers for the typed
//! values (dates, sex, class names, hours) with the messages users see.

use super::{RosterKind, columns};
use crate::error::{ImportError, Location, Msg};
use crate::table::{Table, TableRow};
use time::Date;
use vsoko_domain::roster::{Origin, Sex};
use vsoko_domain::structure::ClassName;

/// A table read as a given roster kind, with each spec column mapped to a table column.
pub(crate) struct Sheet<'a> {
    pub file: &'a str,
    pub table: &'a Table,
    kind: RosterKind,
    mapped: Vec<Option<usize>>,
}

impl<'a> Sheet<'a> {
    /// Maps the header; every missing required column is an error on the header row.
    pub fn new(file: &'a str, table: &'a Table, kind: RosterKind) -> Result<Self, Vec<ImportError>> {
        let specs = columns(kind);
        let mapped: Vec<Option<usize>> = specs.iter().map(|c| table.find_column(&c.names())).collect();
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
                let msg = Msg::new("import-error-bad-class")
                    .arg("text", &text)
                    .arg("reason", class_error_reason(&e));
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

    /// An optional sex; a value that is neither М nor Ж is an error.
    pub fn sex(&mut self, header: &str) -> Option<Sex> {
        let text = self.optional(header)?;
        let sex = parse_sex(&text);
        if sex.is_none() {
            self.error(Some(header), Msg::new("import-error-bad-sex").arg("text", &text));
        }
        sex
    }

    /// Required weekly hours: a number above 0 and at most 40.
    pub fn hours(&mut self, header: &str) -> Option<f64> {
        let text = self.required(header)?;
        let hours = parse_hours(&text);
        if hours.is_none() {
            self.error(Some(header), Msg::new("import-error-bad-hours").arg("text", &text));
        }
        hours
    }
}

pub(crate) use crate::values::{class_error_reason, parse_date};

/// Parses М/Ж and their usual spellings (муж/жен, мужской/женский, Latin M/F).
pub(crate) fn parse_sex(text: &str) -> Option<Sex> {
    match text.trim().to_lowercase().trim_end_matches('.') {
        "м" | "муж" | "мужской" | "m" | "male" => Some(Sex::Male),
        "ж" | "жен" | "женский" | "f" | "female" => Some(Sex::Female),
        _ => None,
    }
}

/// Parses weekly hours with a comma or dot decimal; must be above 0 and at most 40.
pub(crate) fn parse_hours(text: &str) -> Option<f64> {
    let hours: f64 = text.trim().replace(',', ".").parse().ok()?;
    (hours.is_finite() && hours > 0.0 && hours <= 40.0).then_some(hours)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates_are_day_first_with_dots_or_iso_with_dashes() {
        assert_eq!(parse_date("03.05.2014"), Some(date!(2014 - 05 - 03)));
        assert_eq!(parse_date("3.5.2014"), Some(date!(2014 - 05 - 03)));
        assert_eq!(parse_date("2014-05-03"), Some(date!(2014 - 05 - 03)));
        assert_eq!(parse_date("2014-05-03 00:00:00"), Some(date!(2014 - 05 - 03)));
        assert_eq!(parse_date("31.02.2010"), None);
        assert_eq!(parse_date("03.05.14"), None);
        assert_eq!(parse_date("2014.05.03"), None);
        assert_eq!(parse_date("03/05/2014"), None);
        assert_eq!(parse_date("01.01.1800"), None);
    }

    #[test]
    fn sex_accepts_russian_and_latin_spellings() {
        for t in ["М", "м", "муж", "Мужской", "M", "m"] {
            assert_eq!(parse_sex(t), Some(Sex::Male), "{t}");
        }
        for t in ["Ж", "ж", "жен.", "женский", "F", "f"] {
            assert_eq!(parse_sex(t), Some(Sex::Female), "{t}");
        }
        assert_eq!(parse_sex("X"), None);
    }

    #[test]
    fn hours_are_positive_up_to_forty_with_comma_or_dot() {
        assert_eq!(parse_hours("0,5"), Some(0.5));
        assert_eq!(parse_hours("2.5"), Some(2.5));
        assert_eq!(parse_hours("40"), Some(40.0));
        assert_eq!(parse_hours("0"), None);
        assert_eq!(parse_hours("41"), None);
        assert_eq!(parse_hours("-1"), None);
        assert_eq!(parse_hours("NaN"), None);
        assert_eq!(parse_hours("два"), None);
    }
}
