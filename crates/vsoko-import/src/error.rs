//! Located import errors: what went wrong, in Russian, and exactly where (file, sheet, row,
//! column) so the user can fix the cell and upload again.

use serde::Serialize;
use std::fmt;

/// Where in an uploaded file an error was found. Every part except the file is optional:
/// an unreadable file has no sheet, a missing column has no data row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// File name as uploaded.
    pub file: String,
    /// Sheet name (XLSX only).
    pub sheet: Option<String>,
    /// 1-based row number as Excel shows it (CSV: the header is row 1).
    pub row: Option<usize>,
    /// Column header in its canonical Russian form.
    pub column: Option<String>,
}

impl Location {
    /// A location naming only the file.
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            sheet: None,
            row: None,
            column: None,
        }
    }

    /// The same location narrowed to a sheet (`None` for CSV).
    pub fn with_sheet(mut self, sheet: Option<&str>) -> Self {
        self.sheet = sheet.map(str::to_owned);
        self
    }

    /// The same location narrowed to a row.
    pub fn with_row(mut self, row: usize) -> Self {
        self.row = Some(row);
        self
    }

    /// The same location narrowed to a column.
    pub fn with_column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, ", лист «{sheet}»")?;
        }
        if let Some(row) = self.row {
            write!(f, ", строка {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", столбец «{column}»")?;
        }
        Ok(())
    }
}

/// One problem found in an uploaded file; the message says what was expected and what was
/// found, in Russian, because it is shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{location}: {message}")]
pub struct ImportError {
    /// Where the problem is.
    pub location: Location,
    /// What is wrong (Russian).
    pub message: String,
}

impl ImportError {
    /// An error at `location` with a Russian `message`.
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        ImportError {
            location,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_every_known_part_of_the_location() {
        let e = ImportError::new(
            Location::file("pupils.csv")
                .with_sheet(Some("Обучающиеся"))
                .with_row(5)
                .with_column("Дата рождения"),
            "ожидалась дата ДД.ММ.ГГГГ, получено «31.02.2010»",
        );
        assert_eq!(
            e.to_string(),
            "pupils.csv, лист «Обучающиеся», строка 5, столбец «Дата рождения»: \
             ожидалась дата ДД.ММ.ГГГГ, получено «31.02.2010»"
        );
        let bare = ImportError::new(Location::file("a.csv"), "файл пуст");
        assert_eq!(bare.to_string(), "a.csv: файл пуст");
    }
}
