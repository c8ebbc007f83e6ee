//! Analytics tables as workbooks: every table a page shows (results of a period, the
//! analysis of a procedure, value-added) exported with the same rows and numbers. Each kind
//! has its own plain struct and function; all lay their tables out through [`tables_xlsx`]:
//! a title, a subtitle, then each table with a bold bordered header, numbers as numbers
//! (shares as percentages), an empty cell where the page shows a dash, and a note.

mod analysis;
mod results;
mod unit;
mod value_added;

pub use analysis::{
    AnalysisSheet, ComparisonRow, ComparisonTables, MarksRow, ObjectivityRow, SkillRow, TaskRow, YearRow, YearTables,
    analysis_xlsx,
};
pub use results::{ResultsRow, ResultsSheet, ResultsTable, results_xlsx};
pub use unit::{UnitRow, UnitSheet, UnitTable, unit_xlsx};
pub use value_added::{VaModelRow, VaRow, ValueAddedSheet, value_added_xlsx};

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

/// One cell of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A number shown with this many decimals.
    Num(f64, u8),
    /// A share 0..1 shown as a percentage with one decimal.
    Share(f64),
    /// Nothing (the page shows a dash).
    Empty,
}

impl Cell {
    fn num(x: Option<f64>, places: u8) -> Cell {
        x.map_or(Cell::Empty, |x| Cell::Num(x, places))
    }

    fn share(x: Option<f64>) -> Cell {
        x.map_or(Cell::Empty, Cell::Share)
    }

    fn count(n: usize) -> Cell {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// A table: a title line, a header row, rows, and a note under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Title above the table.
    pub title: String,
    /// Column headers.
    pub headers: Vec<String>,
    /// Rows, each as long as the headers.
    pub rows: Vec<Vec<Cell>>,
    /// A note under the table ("" for none).
    pub note: String,
}

/// Writes tables one under another on one worksheet, with a title and a subtitle on top.
pub fn tables_xlsx(sheet_name: &str, title: &str, subtitle: &str, tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name)?;
    let title_f = Format::new().set_bold().set_font_size(14);
    let italic = Format::new().set_italic();
    let table_title = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let text = Format::new().set_border(FormatBorder::Thin);
    let int = text.clone().set_num_format("0");
    let share = text.clone().set_num_format("0.0%");
    let places: Vec<Format> = (0..=4)
        .map(|p| {
            let zeros = "0".repeat(p);
            text.clone()
                .set_num_format(if p == 0 { "0".to_string() } else { format!("0.{zeros}") })
        })
        .collect();
    ws.write_string_with_format(0, 0, title, &title_f)?;
    ws.write_string_with_format(1, 0, subtitle, &italic)?;
    ws.set_column_width(0, 28)?;
    let widest = tables.iter().map(|t| t.headers.len()).max().unwrap_or(0);
    for col in 1..widest {
        ws.set_column_width(u16::try_from(col).unwrap_or(u16::MAX), 14)?;
    }
    let mut row: u32 = 3;
    for t in tables {
        ws.write_string_with_format(row, 0, &t.title, &table_title)?;
        row += 1;
        for (col, h) in (0u16..).zip(&t.headers) {
            ws.write_string_with_format(row, col, h, &head)?;
        }
        row += 1;
        for cells in &t.rows {
            for (col, c) in (0u16..).zip(cells) {
                match c {
                    Cell::Text(s) => _ = ws.write_string_with_format(row, col, s, &text)?,
                    Cell::Int(n) => _ = ws.write_number_with_format(row, col, *n as f64, &int)?,
                    Cell::Num(x, p) => {
                        let f = places.get(usize::from(*p)).unwrap_or(&text);
                        _ = ws.write_number_with_format(row, col, *x, f)?;
                    }
                    Cell::Share(x) => _ = ws.write_number_with_format(row, col, *x, &share)?,
                    Cell::Empty => _ = ws.write_blank(row, col, &text)?,
                }
            }
            row += 1;
        }
        if !t.note.is_empty() {
            ws.write_string_with_format(row, 0, &t.note, &italic)?;
            row += 1;
        }
        row += 1;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    wb.save_to_buffer()
}
