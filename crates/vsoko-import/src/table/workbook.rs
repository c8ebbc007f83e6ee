//! XLSX workbooks via calamine: every non-empty sheet becomes a [`Table`] of string cells,
//! with numbers and Excel dates turned into the text a user would have typed.

use super::Table;
use crate::error::{ImportError, Location, Msg};
use calamine::{Data, Reader, Xlsx};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::panic::{self, AssertUnwindSafe};

/// Cells right of this column are ignored: a roster has a handful of columns, and a stray
/// far-right cell must not make every row thousands of cells long.
const MAX_COLUMNS: u32 = 256;

/// Reads every non-empty sheet of an XLSX workbook, in workbook order.
pub fn read_xlsx(file_name: &str, bytes: &[u8]) -> Result<Vec<Table>, Vec<ImportError>> {
    // calamine can panic on malformed sheet XML (e.g. arithmetic overflow on an absurd cell
    // reference); an upload must get an error message, not a crashed request.
    panic::catch_unwind(AssertUnwindSafe(|| read_workbook(file_name, bytes))).unwrap_or_else(|_| {
        Err(vec![ImportError::new(
            Location::file(file_name),
            Msg::new("import-error-xlsx-corrupt"),
        )])
    })
}

fn read_workbook(file_name: &str, bytes: &[u8]) -> Result<Vec<Table>, Vec<ImportError>> {
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| {
        vec![ImportError::new(
            Location::file(file_name),
            Msg::new("import-error-xlsx-unreadable").arg("error", e),
        )]
    })?;
    let mut tables = Vec::new();
    let mut errors = Vec::new();
    for name in workbook.sheet_names() {
        match sheet_rows(&mut workbook, &name) {
            Ok(rows) => tables.extend(Table::from_rows(Some(name.clone()), rows)),
            Err(e) => errors.push(ImportError::new(
                Location::file(file_name).with_sheet(Some(&name)),
                Msg::new("import-error-sheet-unreadable").arg("error", e),
            )),
        }
    }
    if errors.is_empty() { Ok(tables) } else { Err(errors) }
}

/// The non-empty rows of a sheet as (1-based row number, texts from column A). Cells are
/// streamed rather than read as a dense range, so memory follows the cells actually present.
fn sheet_rows(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
) -> Result<Vec<(usize, Vec<String>)>, calamine::XlsxError> {
    let mut reader = workbook.worksheet_cells_reader(name)?;
    let mut rows: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
    while let Some(cell) = reader.next_cell()? {
        let (row, col) = cell.get_position();
        let text = cell_text(&Data::from(cell.get_value().clone()));
        if col < MAX_COLUMNS && !text.trim().is_empty() {
            rows.entry(row).or_default().insert(col, text);
        }
    }
    Ok(rows
        .into_iter()
        .map(|(row, cells)| {
            let width = cells.keys().next_back().map_or(0, |&c| c as usize + 1);
            let mut texts = vec![String::new(); width];
            for (col, text) in cells {
                texts[col as usize] = text;
            }
            (row as usize + 1, texts)
        })
        .collect())
}

/// The text of a cell as the user meant it: whole numbers without `.0` (codes typed as
/// numbers), dates as `ГГГГ-ММ-ДД`, everything else as displayed.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(true) => "ИСТИНА".to_owned(),
        Data::Bool(false) => "ЛОЖЬ".to_owned(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTime(dt) => number_text(dt.as_f64()),
        // ISO date-times ("2010-05-03T00:00:00") keep only their date part.
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_owned(),
        Data::Error(e) => e.to_string(),
    }
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_lose_their_fraction_and_others_keep_it() {
        assert_eq!(number_text(1001.0), "1001");
        assert_eq!(number_text(0.5), "0.5");
        assert_eq!(number_text(-3.0), "-3");
    }
}
