//! Blank marks files for users to fill in: one CSV per kind, or one workbook with a sheet
//! per kind. Both carry the header (required columns marked `*`) and two example rows that
//! parse back without errors.

use super::columns::h;
use super::fields::parse_date;
use super::{MarksKind, columns};
use crate::error::{ImportError, Location, Msg};
use rust_xlsxwriter::{ExcelDateTime, Format, Note, Workbook, Worksheet, XlsxError};

/// The second example row of each kind; the first comes from the column examples.
fn second_example(kind: MarksKind) -> &'static [&'static str] {
    match kind {
        MarksKind::Marks => &["7А", "Математика", "", "16.11.2026", "1002", "", "Н", "", ""],
        MarksKind::Terms => &["7А", "Математика", "год", "1002", "н/а"],
    }
}

/// The header and the two example rows of a kind, as text.
pub(crate) fn template_rows(kind: MarksKind) -> [Vec<String>; 3] {
    let cols = columns(kind);
    let header = cols
        .iter()
        .map(|c| format!("{}{}", c.header, if c.required { "*" } else { "" }))
        .collect();
    let first = cols.iter().map(|c| c.example.to_owned()).collect();
    let second = second_example(kind).iter().map(|&v| v.to_owned()).collect();
    [header, first, second]
}

/// A CSV template for one kind: UTF-8 with BOM, `;`-separated, the header and two examples.
pub fn csv_template(kind: MarksKind) -> Vec<u8> {
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

/// An XLSX template: one sheet per kind, header row bold with each column's description as
/// a note, two example rows. Text columns are formatted as text so codes keep leading zeros.
pub fn xlsx_template() -> Result<Vec<u8>, ImportError> {
    build_workbook().map_err(|e| {
        ImportError::new(
            Location::file("marks.xlsx"),
            Msg::new("import-error-template").arg("error", e),
        )
    })
}

fn build_workbook() -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    for kind in MarksKind::all() {
        let sheet = workbook.add_worksheet();
        sheet.set_name(kind.sheet_name())?;
        write_sheet(sheet, kind)?;
    }
    workbook.save_to_buffer()
}

fn write_sheet(sheet: &mut Worksheet, kind: MarksKind) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let [header, examples @ ..] = template_rows(kind);
    for (col, (spec, title)) in (0u16..).zip(columns(kind).iter().zip(&header)) {
        let width = title.chars().count().max(12) as f64 + 2.0;
        sheet.set_column_width(col, width)?;
        if spec.header == h::DATE {
            sheet.set_column_format(col, &date)?;
        } else {
            sheet.set_column_format(col, &text)?;
        }
        sheet.write_string_with_format(0, col, title, &bold)?;
        sheet.insert_note(0, col, &Note::new(spec.description_ru).set_author("vsoko"))?;
        for (row, values) in (1u32..).zip(&examples) {
            let value = values.get(usize::from(col)).map_or("", String::as_str);
            match (spec.header, parse_date(value)) {
                _ if value.is_empty() => {}
                (h::DATE, Some(d)) => {
                    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
                    let at = ExcelDateTime::from_ymd(year, u8::from(d.month()), d.day())?;
                    sheet.write_datetime_with_format(row, col, at, &date)?;
                }
                _ => _ = sheet.write_string_with_format(row, col, value, &text)?,
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}
