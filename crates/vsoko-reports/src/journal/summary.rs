//! The class summary of a period as a workbook laid out the way schools print it: a title
//! with the class, period and date; a bold bordered header with the subjects turned
//! vertically; numbered pupils; term marks as numbers, means in grey italics; attendance
//! totals; "2", н/а and незачёт highlighted by conditional formats; frozen panes, landscape
//! A4, one page wide, header rows repeated on every page.

use rust_xlsxwriter::{
    Color, ConditionalFormatCell, ConditionalFormatCellRule, ConditionalFormatText, ConditionalFormatTextRule, Format,
    FormatAlign, FormatBorder, Workbook, XlsxError,
};

/// One pupil × subject cell.
#[derive(Debug, Clone, PartialEq)]
pub enum SheetCell {
    /// A term mark 1–5 (written as a number).
    Mark(i64),
    /// A special term entry as shown ("н/а", "осв.", "зач.", "незач.").
    Text(String),
    /// No term mark yet: the weighted mean of the current marks.
    Mean(f64),
    /// Nothing.
    Empty,
}

/// One pupil row.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryRow {
    /// "Фамилия Имя".
    pub name: String,
    /// One cell per subject.
    pub cells: Vec<SheetCell>,
    /// Attendance totals, one per attendance header.
    pub totals: Vec<i64>,
    /// The pupil is at risk of a "2" or н/а (the name is highlighted).
    pub at_risk: bool,
}

/// The summary with every label already in the reader's language.
#[derive(Debug, Clone, PartialEq)]
pub struct SummarySheet {
    /// Worksheet name (at most 31 characters, no `[]:*?/\`).
    pub sheet_name: String,
    /// Title line, e.g. "Сводная ведомость 7А".
    pub title: String,
    /// Second line: period, school year and the date it was made.
    pub subtitle: String,
    /// Header of the number column ("№").
    pub number_header: String,
    /// Header of the name column.
    pub name_header: String,
    /// Subject headers.
    pub subjects: Vec<String>,
    /// Attendance headers (e.g. absences, of which ill, of which excused).
    pub totals: Vec<String>,
    /// Pupils.
    pub rows: Vec<SummaryRow>,
    /// Texts that are highlighted like a "2" (н/а, незачёт as the reader writes them).
    pub risk_texts: Vec<String>,
    /// A note printed under the table (e.g. what grey means stand for).
    pub note: String,
}

/// First row of the table header (0-based; rows above hold the title).
pub const HEADER_ROW: u32 = 3;

/// Builds the workbook.
pub fn summary_xlsx(s: &SummarySheet) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(&s.sheet_name)?;
    let border = |f: Format| f.set_border(FormatBorder::Thin);
    let title = Format::new().set_bold().set_font_size(14);
    let subtitle = Format::new().set_italic();
    let head = border(
        Format::new()
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap(),
    );
    let vertical = head.clone().set_rotation(90);
    let name = border(Format::new());
    let risk_name = border(Format::new().set_bold().set_background_color(Color::RGB(0xFCE4E4)));
    let mark = border(Format::new().set_align(FormatAlign::Center));
    let mean = border(
        Format::new()
            .set_align(FormatAlign::Center)
            .set_italic()
            .set_font_color(Color::RGB(0x808080))
            .set_num_format("0.00"),
    );
    let number = border(Format::new().set_align(FormatAlign::Center));
    let low = Format::new()
        .set_bold()
        .set_font_color(Color::RGB(0x9C0006))
        .set_background_color(Color::RGB(0xFFC7CE));

    let last_col = (1 + s.subjects.len() + s.totals.len()) as u16;
    ws.merge_range(0, 0, 0, last_col, &s.title, &title)?;
    ws.merge_range(1, 0, 1, last_col, &s.subtitle, &subtitle)?;
    ws.write_string_with_format(HEADER_ROW, 0, &s.number_header, &head)?;
    ws.write_string_with_format(HEADER_ROW, 1, &s.name_header, &head)?;
    ws.set_column_width(0, 4)?;
    ws.set_column_width(1, 28)?;
    for (col, label) in (2u16..).zip(s.subjects.iter().chain(&s.totals)) {
        ws.write_string_with_format(HEADER_ROW, col, label, &vertical)?;
        ws.set_column_width(col, 6)?;
    }
    ws.set_row_height(HEADER_ROW, 120)?;
    let first = HEADER_ROW + 1;
    for (row, (i, p)) in (first..).zip(s.rows.iter().enumerate()) {
        ws.write_number_with_format(row, 0, (i + 1) as f64, &number)?;
        ws.write_string_with_format(row, 1, &p.name, if p.at_risk { &risk_name } else { &name })?;
        for (col, cell) in (2u16..).zip(&p.cells) {
            match cell {
                SheetCell::Mark(v) => _ = ws.write_number_with_format(row, col, *v as f64, &mark)?,
                SheetCell::Text(t) => _ = ws.write_string_with_format(row, col, t, &mark)?,
                SheetCell::Mean(v) => _ = ws.write_number_with_format(row, col, *v, &mean)?,
                SheetCell::Empty => _ = ws.write_blank(row, col, &mark)?,
            }
        }
        let after = 2 + s.subjects.len() as u16;
        for (col, v) in (after..).zip(&p.totals) {
            ws.write_number_with_format(row, col, *v as f64, &number)?;
        }
    }
    if !s.rows.is_empty() && !s.subjects.is_empty() {
        let (last_row, last_subject) = (first + s.rows.len() as u32 - 1, 1 + s.subjects.len() as u16);
        let two = ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::EqualTo(2))
            .set_format(&low);
        ws.add_conditional_format(first, 2, last_row, last_subject, &two)?;
        for text in &s.risk_texts {
            let rule = ConditionalFormatText::new()
                .set_rule(ConditionalFormatTextRule::Contains(text.clone()))
                .set_format(&low);
            ws.add_conditional_format(first, 2, last_row, last_subject, &rule)?;
        }
    }
    let note_row = first + s.rows.len() as u32 + 1;
    ws.write_string_with_format(note_row, 1, &s.note, &subtitle)?;
    ws.set_freeze_panes(first, 2)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    wb.save_to_buffer()
}
