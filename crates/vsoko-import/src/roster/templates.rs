//! Blank roster files for users to fill in: one CSV per kind, or one workbook with a sheet
//! per kind. Both carry the header (required columns marked `*`) and two example rows that
//! parse back without errors, so a user can see a valid file before writing their own.

use super::columns::h;
use super::fields::{parse_date, parse_hours};
use super::{RosterKind, columns};
use crate::error::{ImportError, Location, Msg};
use rust_xlsxwriter::{ExcelDateTime, Format, Note, Workbook, Worksheet, XlsxError};
use time::Date;

/// The second example row of each kind; the first comes from [`super::ColumnSpec::example`].
fn second_example(kind: RosterKind) -> &'static [&'static str] {
    match kind {
        RosterKind::Classes => &["6Б", "", "S002"],
        RosterKind::Staff => &["S002", "Смирнов", "Алексей", "Николаевич", "учитель", "", ""],
        RosterKind::Pupils => &["1002", "Кузнецова", "Ольга", "", "2013-11-21", "Ж", "6Б"],
        RosterKind::Parents => &[
            "P002",
            "Кузнецов",
            "Дмитрий",
            "Олегович",
            "+7 900 000-00-03",
            "",
            "1002",
            "отец",
        ],
        RosterKind::Assignments => &["S002", "6Б", "Английский язык", "1", "1,5"],
    }
}

/// The header and the two example rows of a kind, as text.
pub(crate) fn template_rows(kind: RosterKind) -> [Vec<String>; 3] {
    let cols = columns(kind);
    let header = cols
        .iter()
        .map(|c| format!("{}{}", c.header, if c.required { "*" } else { "" }))
        .collect();
    let first = cols.iter().map(|c| c.example.to_owned()).collect();
    let second = second_example(kind).iter().map(|&v| v.to_owned()).collect();
    [header, first, second]
}

/// A CSV template for one kind: UTF-8 with BOM (so Excel opens it as UTF-8), `;`-separated,
/// the header and two example rows.
pub fn csv_template(kind: RosterKind) -> Vec<u8> {
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
            Location::file("template.xlsx"),
            Msg::new("import-error-template").arg("error", e),
        )
    })
}

fn build_workbook() -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    for kind in RosterKind::all() {
        let sheet = workbook.add_worksheet();
        sheet.set_name(kind.sheet_name())?;
        write_sheet(sheet, kind)?;
    }
    workbook.save_to_buffer()
}

fn write_sheet(sheet: &mut Worksheet, kind: RosterKind) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let [header, examples @ ..] = template_rows(kind);
    for (col, (spec, title)) in (0u16..).zip(columns(kind).iter().zip(&header)) {
        let width = title.chars().count().max(12) as f64 + 2.0;
        sheet.set_column_width(col, width)?;
        match spec.header {
            h::BIRTH_DATE => _ = sheet.set_column_format(col, &date)?,
            h::HOURS => {}
            _ => _ = sheet.set_column_format(col, &text)?,
        }
        sheet.write_string_with_format(0, col, title, &bold)?;
        sheet.insert_note(0, col, &Note::new(spec.description_ru).set_author("vsoko"))?;
        for (row, values) in (1u32..).zip(&examples) {
            let value = values.get(usize::from(col)).map_or("", String::as_str);
            match (spec.header, parse_date(value), parse_hours(value)) {
                _ if value.is_empty() => {}
                (h::BIRTH_DATE, Some(d), _) => {
                    sheet.write_datetime_with_format(row, col, excel_date(d)?, &date)?;
                }
                (h::HOURS, _, Some(hours)) => _ = sheet.write_number(row, col, hours)?,
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
