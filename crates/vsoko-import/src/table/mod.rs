//! Generic tables: a CSV file or the sheets of an XLSX workbook read into trimmed string
//! cells, with the header row found and headers matched by name. Knows nothing about
//! rosters; `crate::roster` gives the cells their meaning.

mod delimited;
mod workbook;

pub use delimited::{decode_text, read_csv, sniff_delimiter};
pub use workbook::read_xlsx;

use crate::error::{ImportError, Location, Msg};

/// How a file is read, decided by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// Excel workbook (.xlsx, .xlsm).
    Xlsx,
    /// Delimited text (.csv, .txt).
    Csv,
}

impl FileFormat {
    /// The format for a file name, by its extension (case-insensitive); `None` if unsupported.
    pub fn from_file_name(file_name: &str) -> Option<Self> {
        let ext = file_name.rsplit_once('.').map(|(_, ext)| ext.to_lowercase())?;
        match ext.as_str() {
            "xlsx" | "xlsm" => Some(FileFormat::Xlsx),
            "csv" | "txt" => Some(FileFormat::Csv),
            _ => None,
        }
    }
}

/// One sheet of a workbook, or a whole CSV file: a header row and the non-empty rows below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Sheet name for XLSX; `None` for CSV.
    pub sheet: Option<String>,
    /// 1-based row number of the header row.
    pub header_row: usize,
    /// Header cells as written (trimmed).
    pub headers: Vec<String>,
    /// Data rows, empty rows already skipped.
    pub rows: Vec<TableRow>,
}

/// One non-empty data row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// 1-based row number as Excel shows it.
    pub number: usize,
    /// Trimmed cell texts, left to right; may be shorter than the header.
    pub cells: Vec<String>,
}

impl TableRow {
    /// The trimmed cell at `index`, or `None` when the row ends before that column.
    pub fn cell(&self, index: usize) -> Option<&str> {
        self.cells.get(index).map(String::as_str)
    }
}

impl Table {
    /// Builds a table from raw rows numbered by the caller: the first row with any non-blank
    /// cell is the header, blank rows are dropped, cells are trimmed. `None` if all are blank.
    pub fn from_rows(sheet: Option<String>, rows: impl IntoIterator<Item = (usize, Vec<String>)>) -> Option<Self> {
        let mut rows = rows.into_iter().filter_map(|(number, cells)| {
            let cells: Vec<String> = cells.iter().map(|c| c.trim().to_owned()).collect();
            cells
                .iter()
                .any(|c| !c.is_empty())
                .then_some(TableRow { number, cells })
        });
        let header = rows.next()?;
        Some(Table {
            sheet,
            header_row: header.number,
            headers: header.cells,
            rows: rows.collect(),
        })
    }

    /// Index of the first header matching any of `names` after [`normalize_header`].
    pub fn find_column(&self, names: &[&str]) -> Option<usize> {
        let wanted: Vec<String> = names.iter().map(|n| normalize_header(n)).collect();
        self.headers.iter().position(|h| wanted.contains(&normalize_header(h)))
    }
}

/// Normalises a header for matching: trimmed, without a trailing `*` (the "required" mark),
/// lower case, `ё` read as `е`, runs of whitespace collapsed to one space.
pub fn normalize_header(header: &str) -> String {
    let trimmed = header.trim().trim_end_matches('*');
    trimmed
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('ё', "е")
}

/// Reads a file into tables by its extension: one table for CSV, one per non-empty sheet
/// for XLSX. A file with no non-empty rows gives no tables.
pub fn read_tables(file_name: &str, bytes: &[u8]) -> Result<Vec<Table>, Vec<ImportError>> {
    match FileFormat::from_file_name(file_name) {
        Some(FileFormat::Xlsx) => read_xlsx(file_name, bytes),
        Some(FileFormat::Csv) => read_csv(file_name, bytes).map(|t| t.into_iter().collect()),
        None => Err(vec![ImportError::new(
            Location::file(file_name),
            Msg::new("import-error-unsupported-type").arg("ext", file_name.rsplit_once('.').map_or("", |(_, ext)| ext)),
        )]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_ignoring_case_yo_star_and_spaces() {
        assert_eq!(normalize_header("  Отчёство* "), "отчество");
        assert_eq!(normalize_header("Дата   рождения"), "дата рождения");
        assert_eq!(normalize_header("STAFF_CODE"), "staff_code");
    }

    #[test]
    fn format_is_decided_by_extension() {
        assert_eq!(FileFormat::from_file_name("a.XLSX"), Some(FileFormat::Xlsx));
        assert_eq!(FileFormat::from_file_name("a.b.txt"), Some(FileFormat::Csv));
        assert_eq!(FileFormat::from_file_name("a.xls"), None);
        assert_eq!(FileFormat::from_file_name("noext"), None);
    }
}
