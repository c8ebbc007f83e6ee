//! Blank files for users to fill in, for any [`SheetKind`]: one CSV per kind, or one
//! workbook with a sheet per kind. Both carry the header (required columns marked `*`) and
//! two example rows that parse back without errors.

use super::SheetKind;
use crate::error::{ImportError, Location, Msg};
use crate::values::parse_date;
use rust_xlsxwriter::{ExcelDateTime, Format, Note, Workbook, Worksheet, XlsxError};
use time::Date;

/// How the XLSX template writes a column's example values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellValue {
    /// Text (the column is formatted as text so codes keep leading zeros).
    Text,
    /// A date cell `dd.mm.yyyy`.
    Date,
    /// A number (comma or dot decimal in the example).
    Number,
}

/// The header and the two example rows of a kind, as text.
pub(crate) fn template_rows<K: SheetKind>(kind: K) -> [Vec<String>; 3] {
    let cols = kind.columns();
    let header = cols
        .iter()
        .map(|c| format!("{}{}", c.header, if c.required { "*" } else { "" }))
        .collect();
    let first = cols.iter().map(|c| c.example.to_owned()).collect();
    let second = kind.second_example().iter().map(|&v| v.to_owned()).collect();
    [header, first, second]
}

/// A CSV template for one kind: UTF-8 with BOM (so Excel opens it as UTF-8), `;`-separated,
/// the header and two example rows.
pub(crate) fn csv_template<K: SheetKind>(kind: K) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    for row in template_rows(kind) {
        let cells: Vec<String> = row.iter().map(|v| csv_quote(v)).collect();
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn csv_quote(value: &str) -> String {
    if value.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// An XLSX template with a sheet per kind: header row bold with each column's description
/// as a note, two example rows. `file_name` only names the file in an error.
pub(crate) fn xlsx_template<K: SheetKind>(file_name: &str) -> Result<Vec<u8>, ImportError> {
    build_workbook::<K>().map_err(|e| {
        ImportError::new(
            Location::file(file_name),
            Msg::new("import-error-template").arg("error", e),
        )
    })
}

fn build_workbook<K: SheetKind>() -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    for &kind in K::KINDS {
        let sheet = workbook.add_worksheet();
        sheet.set_name(kind.sheet_name())?;
        write_sheet(sheet, kind)?;
    }
    workbook.save_to_buffer()
}

fn write_sheet<K: SheetKind>(sheet: &mut Worksheet, kind: K) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let [header, examples @ ..] = template_rows(kind);
    for (col, (spec, title)) in (0u16..).zip(kind.columns().iter().zip(&header)) {
        let width = title.chars().count().max(12) as f64 + 2.0;
        sheet.set_column_width(col, width)?;
        let value_kind = kind.cell_value(spec.header);
        match value_kind {
            CellValue::Text => _ = sheet.set_column_format(col, &text)?,
            CellValue::Date => _ = sheet.set_column_format(col, &date)?,
            CellValue::Number => {}
        }
        sheet.write_string_with_format(0, col, title, &bold)?;
        sheet.insert_note(0, col, &Note::new(spec.description_ru).set_author("vsoko"))?;
        for (row, values) in (1u32..).zip(&examples) {
            let value = values.get(usize::from(col)).map_or("", String::as_str);
            let number = || value.replace(',', ".").parse::<f64>().ok();
            match (value_kind, parse_date(value), number()) {
                _ if value.is_empty() => {}
                (CellValue::Date, Some(d), _) => {
                    sheet.write_datetime_with_format(row, col, excel_date(d)?, &date)?;
                }
                (CellValue::Number, _, Some(n)) => _ = sheet.write_number(row, col, n)?,
                _ => _ = sheet.write_string_with_format(row, col, value, &text)?,
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn excel_date(date: Date) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(date.year()).map_err(|_| XlsxError::DateTimeRangeError(date.to_string()))?;
    ExcelDateTime::from_ymd(year, u8::from(date.month()), date.day())
}
