//! The ФИС ОКО "Индивидуальные результаты" workbook (SPEC §5.2): meta rows (title, subject,
//! maximum primary score, date, the school with its login, number of participants), a row
//! of levels Б/П above the header, the header `ОО | Муниципалитет | Название ОО | Код
//! участника | Класс | Вариант | <task> (<max>б) … | Первичный балл | Отметка | Отметка по
//! журналу`, then one row per participant; a task not done is "X", a missing journal mark
//! "нет отметки".

use rust_xlsxwriter::{Format, FormatBorder, Workbook, XlsxError};

/// One task column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FisOkoTask {
    /// Code, e.g. "9.1" or "2К1".
    pub code: String,
    /// Maximum score.
    pub max: u8,
    /// Level letter, "Б", "П" or "В".
    pub level: String,
}

impl FisOkoTask {
    /// The header as ФИС ОКО writes it: "9.1 (1б)".
    pub fn header(&self) -> String {
        format!("{} ({}б)", self.code, self.max)
    }
}

/// One participant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FisOkoRow {
    /// 5-digit participant code.
    pub participant_code: String,
    /// Class, e.g. "4А".
    pub class: String,
    /// Variant number.
    pub variant: u8,
    /// Score per task; None = not done (written "X").
    pub scores: Vec<Option<u8>>,
    /// Primary score.
    pub primary: i64,
    /// ВПР mark.
    pub mark: u8,
    /// Journal mark; None = "нет отметки".
    pub journal_mark: Option<u8>,
}

/// A whole file: one ВПР work of one parallel, many classes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FisOkoSheet {
    /// "ВПР 2026 Математика 4 класс".
    pub title: String,
    /// Subject.
    pub subject: String,
    /// Date as written, "21.04.2026".
    pub date: String,
    /// School login, "edu010001".
    pub school_login: String,
    /// Municipality.
    pub municipality: String,
    /// School name.
    pub school_name: String,
    /// Tasks in column order.
    pub tasks: Vec<FisOkoTask>,
    /// Participants.
    pub rows: Vec<FisOkoRow>,
}

/// Fixed columns before the tasks.
pub const LEADING_COLUMNS: [&str; 6] = [
    "ОО",
    "Муниципалитет",
    "Название ОО",
    "Код участника",
    "Класс",
    "Вариант",
];
/// Fixed columns after the tasks.
pub const TRAILING_COLUMNS: [&str; 3] = ["Первичный балл", "Отметка", "Отметка по журналу"];
/// 0-based row of the Б/П levels; the header is the next row, the data start after it.
pub const LEVEL_ROW: u32 = 7;
/// 0-based row of the header.
pub const HEADER_ROW: u32 = LEVEL_ROW + 1;
/// What a task not done holds.
pub const NOT_DONE: &str = "X";
/// What a missing journal mark holds.
pub const NO_MARK: &str = "нет отметки";

/// Builds the workbook (one sheet, "Индивидуальные результаты").
pub fn fis_oko_xlsx(s: &FisOkoSheet) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Индивидуальные результаты")?;
    let bold = Format::new().set_bold();
    let head = Format::new().set_bold().set_border(FormatBorder::Thin).set_text_wrap();
    let cell = Format::new().set_border(FormatBorder::Thin);
    let max_primary: i64 = s.tasks.iter().map(|t| i64::from(t.max)).sum();
    ws.write_string_with_format(0, 0, &s.title, &bold)?;
    ws.write_string(1, 0, format!("Предмет: {}", s.subject))?;
    ws.write_string(2, 0, format!("Максимальный первичный балл: {max_primary}"))?;
    ws.write_string(3, 0, format!("Дата: {}", s.date))?;
    ws.write_string(4, 0, format!("{} ({})", s.school_name, s.school_login))?;
    ws.write_string(5, 0, format!("Кол-во участников: {}", s.rows.len()))?;
    let first_task = LEADING_COLUMNS.len() as u16;
    let after_tasks = first_task + s.tasks.len() as u16;
    for (c, name) in LEADING_COLUMNS.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, *name, &head)?;
    }
    for (i, t) in s.tasks.iter().enumerate() {
        let c = first_task + i as u16;
        ws.write_string_with_format(LEVEL_ROW, c, &t.level, &head)?;
        ws.write_string_with_format(HEADER_ROW, c, t.header(), &head)?;
    }
    for (i, name) in TRAILING_COLUMNS.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, after_tasks + i as u16, *name, &head)?;
    }
    for (n, r) in s.rows.iter().enumerate() {
        let row = HEADER_ROW + 1 + n as u32;
        ws.write_string_with_format(row, 0, &s.school_login, &cell)?;
        ws.write_string_with_format(row, 1, &s.municipality, &cell)?;
        ws.write_string_with_format(row, 2, &s.school_name, &cell)?;
        ws.write_string_with_format(row, 3, &r.participant_code, &cell)?;
        ws.write_string_with_format(row, 4, &r.class, &cell)?;
        ws.write_number_with_format(row, 5, f64::from(r.variant), &cell)?;
        for (i, score) in r.scores.iter().enumerate() {
            let c = first_task + i as u16;
            match score {
                Some(v) => ws.write_number_with_format(row, c, f64::from(*v), &cell)?,
                None => ws.write_string_with_format(row, c, NOT_DONE, &cell)?,
            };
        }
        ws.write_number_with_format(row, after_tasks, r.primary as f64, &cell)?;
        ws.write_number_with_format(row, after_tasks + 1, f64::from(r.mark), &cell)?;
        match r.journal_mark {
            Some(m) => ws.write_number_with_format(row, after_tasks + 2, f64::from(m), &cell)?,
            None => ws.write_string_with_format(row, after_tasks + 2, NO_MARK, &cell)?,
        };
    }
    ws.set_column_width(2, 40)?;
    ws.set_column_width(1, 24)?;
    ws.set_freeze_panes(HEADER_ROW + 1, first_task)?;
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use std::io::Cursor;

    fn sheet() -> FisOkoSheet {
        FisOkoSheet {
            title: "ВПР 2026 Математика 4 класс".into(),
            subject: "Математика".into(),
            date: "22.04.2026".into(),
            school_login: "edu010001".into(),
            municipality: "Демонстрационный муниципальный округ".into(),
            school_name: "МБОУ «СОШ № 1»".into(),
            tasks: vec![
                FisOkoTask {
                    code: "1".into(),
                    max: 1,
                    level: "Б".into(),
                },
                FisOkoTask {
                    code: "9.1".into(),
                    max: 2,
                    level: "П".into(),
                },
            ],
            rows: vec![
                FisOkoRow {
                    participant_code: "10001".into(),
                    class: "4А".into(),
                    variant: 1,
                    scores: vec![Some(1), None],
                    primary: 1,
                    mark: 2,
                    journal_mark: Some(3),
                },
                FisOkoRow {
                    participant_code: "10002".into(),
                    class: "4Б".into(),
                    variant: 2,
                    scores: vec![Some(0), Some(2)],
                    primary: 2,
                    mark: 3,
                    journal_mark: None,
                },
            ],
        }
    }

    fn text(d: Option<&Data>) -> String {
        match d {
            Some(Data::String(s)) => s.clone(),
            Some(Data::Float(f)) => f.to_string(),
            Some(Data::Int(i)) => i.to_string(),
            Some(Data::Empty) | None => String::new(),
            Some(other) => format!("{other:?}"),
        }
    }

    #[test]
    fn the_layout_reads_back_as_spec_describes_it() {
        let bytes = fis_oko_xlsx(&sheet()).expect("xlsx");
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("open");
        let range = book.worksheet_range("Индивидуальные результаты").expect("sheet");
        let at = |r: u32, c: u32| text(range.get_value((r, c)));
        assert_eq!(at(0, 0), "ВПР 2026 Математика 4 класс");
        assert_eq!(at(2, 0), "Максимальный первичный балл: 3");
        assert_eq!(at(5, 0), "Кол-во участников: 2");
        assert_eq!(
            (at(LEVEL_ROW, 6), at(LEVEL_ROW, 7), at(LEVEL_ROW, 5)),
            ("Б".into(), "П".into(), String::new())
        );
        let header: Vec<String> = (0..11).map(|c| at(HEADER_ROW, c)).collect();
        assert_eq!(
            header,
            [
                "ОО",
                "Муниципалитет",
                "Название ОО",
                "Код участника",
                "Класс",
                "Вариант",
                "1 (1б)",
                "9.1 (2б)",
                "Первичный балл",
                "Отметка",
                "Отметка по журналу"
            ]
        );
        let first: Vec<String> = (0..11).map(|c| at(HEADER_ROW + 1, c)).collect();
        assert_eq!(first[0], "edu010001");
        assert_eq!(&first[3..], ["10001", "4А", "1", "1", "X", "1", "2", "3"]);
        assert_eq!(at(HEADER_ROW + 2, 10), "нет отметки");
        assert_eq!(at(HEADER_ROW + 3, 0), "");
    }
}
