//! The единый график оценочных процедур as schools publish it with the approval order
//! (SPEC §8.4 item 6): one row per class × subject, one column per month of the school
//! year, each cell listing the procedures of that month ("14.10 Ш: Контрольная работа"),
//! and a total per row; bordered, header frozen, landscape A4, one page wide.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

/// One class × subject row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleRow {
    /// Class, e.g. "5А".
    pub class: String,
    /// Subject.
    pub subject: String,
    /// Per month column: the procedures of that month, one line each.
    pub cells: Vec<Vec<String>>,
    /// Number of procedures in the row.
    pub total: usize,
}

/// The table with every label already in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleSheet {
    /// Worksheet name (at most 31 characters).
    pub sheet_name: String,
    /// Title, e.g. "График оценочных процедур на 2026/2027 учебный год".
    pub title: String,
    /// Second line: the school.
    pub subtitle: String,
    /// Header of the class column.
    pub class_header: String,
    /// Header of the subject column.
    pub subject_header: String,
    /// Month headers.
    pub months: Vec<String>,
    /// Header of the total column.
    pub total_header: String,
    /// Rows in class, then subject order.
    pub rows: Vec<ScheduleRow>,
    /// A note under the table (what the level letters mean).
    pub note: String,
}

/// 0-based row of the header.
pub const HEADER_ROW: u32 = 3;

/// Builds the workbook.
pub fn schedule_xlsx(s: &ScheduleSheet) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(&s.sheet_name)?;
    let title = Format::new().set_bold().set_font_size(14);
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let total = cell.clone().set_align(FormatAlign::Center);
    ws.write_string_with_format(0, 0, &s.title, &title)?;
    ws.write_string(1, 0, &s.subtitle)?;
    ws.write_string_with_format(HEADER_ROW, 0, &s.class_header, &head)?;
    ws.write_string_with_format(HEADER_ROW, 1, &s.subject_header, &head)?;
    for (i, m) in s.months.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, 2 + i as u16, m, &head)?;
    }
    let total_col = 2 + s.months.len() as u16;
    ws.write_string_with_format(HEADER_ROW, total_col, &s.total_header, &head)?;
    for (n, r) in s.rows.iter().enumerate() {
        let row = HEADER_ROW + 1 + n as u32;
        ws.write_string_with_format(row, 0, &r.class, &cell)?;
        ws.write_string_with_format(row, 1, &r.subject, &cell)?;
        for i in 0..s.months.len() {
            let text = r.cells.get(i).map(|lines| lines.join("\n")).unwrap_or_default();
            ws.write_string_with_format(row, 2 + i as u16, text, &cell)?;
        }
        ws.write_number_with_format(row, total_col, r.total as f64, &total)?;
    }
    let note_row = HEADER_ROW + 2 + s.rows.len() as u32;
    ws.write_string(note_row, 0, &s.note)?;
    ws.set_column_width(0, 8)?;
    ws.set_column_width(1, 28)?;
    for i in 0..s.months.len() {
        ws.set_column_width(2 + i as u16, 20)?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 2)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use std::io::Cursor;

    #[test]
    fn rows_are_class_and_subject_with_a_cell_per_month() {
        let s = ScheduleSheet {
            sheet_name: "График".into(),
            title: "График оценочных процедур".into(),
            subtitle: "Школа".into(),
            class_header: "Класс".into(),
            subject_header: "Предмет".into(),
            months: vec!["Сентябрь".into(), "Октябрь".into()],
            total_header: "Всего".into(),
            rows: vec![ScheduleRow {
                class: "5А".into(),
                subject: "Математика".into(),
                cells: vec![vec![], vec!["01.10 Ш: КР 1".into(), "20.10 Ш: КР 2".into()]],
                total: 2,
            }],
            note: "Ш — школьная".into(),
        };
        let bytes = schedule_xlsx(&s).expect("xlsx");
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("open");
        let range = book.worksheet_range("График").expect("sheet");
        let at = |r: u32, c: u32| match range.get_value((r, c)) {
            Some(Data::String(s)) => s.clone(),
            Some(Data::Float(f)) => f.to_string(),
            _ => String::new(),
        };
        assert_eq!(at(HEADER_ROW, 3), "Октябрь");
        assert_eq!(at(HEADER_ROW, 4), "Всего");
        assert_eq!(
            (at(4, 0), at(4, 1), at(4, 2)),
            ("5А".into(), "Математика".into(), String::new())
        );
        assert_eq!(at(4, 3), "01.10 Ш: КР 1\n20.10 Ш: КР 2");
        assert_eq!(at(4, 4), "2");
        assert_eq!(at(6, 0), "Ш — школьная");
    }
}
