//! The summary workbook opens in calamine with the title, the header, numeric term marks,
//! means and attendance totals where the printed form has them.

use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;
use vsoko_reports::journal::{SheetCell, SummaryRow, SummarySheet, summary_xlsx};

#[test]
fn summary_workbook_has_the_printed_layout() {
    let sheet = SummarySheet {
        sheet_name: "7А".into(),
        title: "Сводная ведомость 7А".into(),
        subtitle: "2 четверть".into(),
        number_header: "№".into(),
        name_header: "ФИО".into(),
        subjects: vec!["Алгебра".into(), "Физика".into()],
        totals: vec!["Пропущено".into()],
        rows: vec![
            SummaryRow {
                name: "Иванов Иван".into(),
                cells: vec![SheetCell::Mark(5), SheetCell::Text("н/а".into())],
                totals: vec![3],
                at_risk: true,
            },
            SummaryRow {
                name: "Петров Пётр".into(),
                cells: vec![SheetCell::Mean(4.25), SheetCell::Empty],
                totals: vec![0],
                at_risk: false,
            },
        ],
        risk_texts: vec!["н/а".into()],
        note: "серым — средний балл".into(),
    };
    let bytes = summary_xlsx(&sheet).unwrap();
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range("7А").unwrap();
    let at = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(at(0, 0), Data::String("Сводная ведомость 7А".into()));
    assert_eq!(at(3, 2), Data::String("Алгебра".into()));
    assert_eq!(at(4, 1), Data::String("Иванов Иван".into()));
    assert_eq!(at(4, 2), Data::Float(5.0));
    assert_eq!(at(4, 3), Data::String("н/а".into()));
    assert_eq!(at(4, 4), Data::Float(3.0));
    assert_eq!(at(5, 2), Data::Float(4.25));
}
