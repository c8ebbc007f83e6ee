//! Marks files: templates parse back, every value is checked at its sheet, row and column,
//! and duplicates inside the file are named with the row they repeat.

mod common;

use common::{csv, shown, xlsx};
use time::macros::date;
use vsoko_domain::journal::{Attendance, PeriodMark};
use vsoko_import::SheetKind;
use vsoko_import::marks::{MarksKind, columns, csv_template, format_doc_markdown, parse_marks, xlsx_template};

const MARKS_HEADER: &[&str] = &[
    "Класс",
    "Предмет",
    "Дата урока",
    "Код обучающегося",
    "Отметки",
    "Посещаемость",
];

#[test]
fn templates_parse_back_to_their_example_rows() {
    let file = parse_marks("шаблон.xlsx", &xlsx_template().unwrap()).unwrap();
    assert_eq!((file.marks.len(), file.terms.len()), (2, 2));
    assert_eq!(file.marks[0].date, date!(2026 - 11 - 16));
    assert_eq!(
        file.marks[0].marks.iter().map(|m| m.value()).collect::<Vec<_>>(),
        vec![5, 4]
    );
    assert_eq!(file.marks[1].attendance, Some(Attendance::Absent));
    assert_eq!(file.terms[1].period, None, "«год» is the year mark");
    assert_eq!(file.terms[1].value, PeriodMark::NotAttested);
    assert_eq!(file.marks[0].origin.sheet, "Отметки");
    for kind in MarksKind::all() {
        let bytes = csv_template(kind);
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let f = parse_marks(&format!("{}.csv", kind.slug()), &bytes).unwrap();
        assert_eq!(f.marks.len() + f.terms.len(), 2, "{kind:?}");
    }
    let doc = format_doc_markdown();
    for kind in MarksKind::all() {
        for c in columns(kind) {
            assert!(doc.contains(c.header), "{}", c.header);
        }
    }
}

#[test]
fn bad_values_are_reported_at_their_cell_and_nothing_is_returned() {
    let rows: &[&[&str]] = &[
        MARKS_HEADER,
        &["7А", "Математика", "16.11.2026", "1001", "6", ""],
        &["7А", "Математика", "31.11.2026", "1002", "5", ""],
        &["7А", "Математика", "16.11.2026", "1003", "5", "Х"],
        &["7А", "Математика", "16.11.2026", "1004", "5", "Н"],
        &["7А", "Математика", "16.11.2026", "1005", "5555", ""],
        &["7А", "математика", "16.11.2026", "1001", "4", ""],
        &["7А", "Математика", "17.11.2026", "1006", "5", ""],
    ];
    let errors = parse_marks("m.xlsx", &xlsx(&[("Отметки", rows)])).unwrap_err();
    let at: Vec<(Option<usize>, Option<&str>)> = errors
        .iter()
        .map(|e| (e.location.row, e.location.column.as_deref()))
        .collect();
    assert_eq!(
        at,
        vec![
            (Some(2), Some("Отметки")),
            (Some(3), Some("Дата урока")),
            (Some(4), Some("Посещаемость")),
            (Some(5), Some("Отметки")),
            (Some(6), Some("Отметки")),
            (Some(7), None),
        ],
        "{:#?}",
        shown(&errors)
    );
    assert!(errors.iter().all(|e| e.location.sheet.as_deref() == Some("Отметки")));
    let text = shown(&errors);
    assert!(text[0].contains("«6»"), "{}", text[0]);
    assert!(text[5].contains('2'), "the duplicate names its first row: {}", text[5]);
}

#[test]
fn csv_kind_comes_from_headers_and_term_values_are_checked() {
    let ok = csv(&[
        "Класс;Предмет;Период;Код обучающегося;Отметка",
        "7А;Математика;2;1001;5",
        "7А;Математика;2;1002;осв.",
        "7А;Физика;год;1001;зачёт",
    ]);
    let f = parse_marks("terms.csv", &ok).unwrap();
    assert_eq!(f.terms.len(), 3);
    assert_eq!(f.terms[0].period, Some(2));
    assert_eq!(f.terms[1].value, PeriodMark::Exempt);
    assert_eq!(f.terms[2].value, PeriodMark::Pass);
    let bad = csv(&[
        "Класс;Предмет;Период;Код обучающегося;Отметка",
        "7А;Математика;5;1001;5",
        "7А;Математика;2;1002;1",
        "7А;Математика;2;;5",
    ]);
    let errors = parse_marks("terms.csv", &bad).unwrap_err();
    let at: Vec<_> = errors
        .iter()
        .map(|e| (e.location.row, e.location.column.clone()))
        .collect();
    assert_eq!(
        at,
        vec![
            (Some(2), Some("Период".to_string())),
            (Some(3), Some("Отметка".to_string())),
            (Some(4), Some("Код обучающегося".to_string())),
        ]
    );
    assert!(errors.iter().all(|e| e.location.sheet.is_none()));
    let unknown = parse_marks("x.csv", &csv(&["Фамилия;Имя", "А;Б"])).unwrap_err();
    assert_eq!(unknown.len(), 1);
    let missing = parse_marks(
        "m.xlsx",
        &xlsx(&[("Отметки", &[&["Класс", "Предмет"], &["7А", "Математика"]])]),
    )
    .unwrap_err();
    assert!(
        missing.len() >= 3,
        "every missing required column is named: {:?}",
        shown(&missing)
    );
}
