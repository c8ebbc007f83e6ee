//! XLSX roster workbooks: sheets recognised by name, typed cells (numbers, Excel dates) read
//! as the user meant them, unknown sheets reported.

mod common;

use common::{rewrite_part, shown, text, xlsx};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use time::macros::date;
use vsoko_domain::roster::Origin;
use vsoko_import::roster::parse_roster;

const PUPILS_HEADER: &[&str] = &[
    "Код обучающегося",
    "Фамилия",
    "Имя",
    "Отчество",
    "Дата рождения",
    "Пол",
    "Класс",
];

#[test]
fn workbook_sheets_are_recognised_by_russian_or_english_name_in_any_case() {
    let bytes = xlsx(&[
        ("КЛАССЫ", &[&["Класс", "Профиль"], &["5А", ""]]),
        (
            "staff",
            &[
                &["Код сотрудника", "Фамилия", "Имя", "Должность"],
                &["S1", "Иванова", "Мария", "учитель"],
            ],
        ),
        (
            "обучающиеся",
            &[PUPILS_HEADER, &["1001", "Петров", "Иван", "", "03.05.2014", "М", "5А"]],
        ),
        (
            "Родители",
            &[
                &["Код родителя", "Фамилия", "Имя", "Код обучающегося"],
                &["P1", "Петрова", "Анна", "1001"],
            ],
        ),
        (
            "Нагрузка",
            &[
                &["Код сотрудника", "Класс", "Предмет", "Часов в неделю"],
                &["S1", "5А", "Математика", "5"],
            ],
        ),
    ]);
    let roster = parse_roster("школа.xlsx", &bytes).unwrap();
    assert_eq!(
        (
            roster.classes.len(),
            roster.staff.len(),
            roster.pupils.len(),
            roster.parents.len(),
            roster.assignments.len()
        ),
        (1, 1, 1, 1, 1)
    );
    assert_eq!(
        roster.pupils[0].origin,
        Origin {
            sheet: "обучающиеся".into(),
            row: 2
        }
    );
}

#[test]
fn yo_in_a_sheet_name_reads_as_e() {
    let bytes = xlsx(&[
        ("Классы", &[&["Класс"], &["5А"]]),
        (
            "ОБУЧАЮЩИЁСЯ",
            &[PUPILS_HEADER, &["1001", "Петров", "Иван", "", "03.05.2014", "", "5А"]],
        ),
    ]);
    assert_eq!(parse_roster("a.xlsx", &bytes).unwrap().pupils.len(), 1);
}

#[test]
fn excel_date_birth_date_and_numeric_codes_and_hours_are_read_as_meant() {
    let mut workbook = Workbook::new();
    let date_format = Format::new().set_num_format("dd.mm.yyyy");
    let pupils = workbook.add_worksheet().set_name("Обучающиеся").unwrap();
    for (c, h) in PUPILS_HEADER.iter().enumerate() {
        pupils.write_string(0, c as u16, *h).unwrap();
    }
    pupils.write_number(1, 0, 1001.0).unwrap();
    pupils.write_string(1, 1, "Петров").unwrap();
    pupils.write_string(1, 2, "Иван").unwrap();
    let born = ExcelDateTime::from_ymd(2014, 5, 3).unwrap();
    pupils.write_datetime_with_format(1, 4, &born, &date_format).unwrap();
    pupils.write_string(1, 6, "5А").unwrap();
    let load = workbook.add_worksheet().set_name("Нагрузка").unwrap();
    for (c, h) in ["Код сотрудника", "Класс", "Предмет", "Подгруппа", "Часов в неделю"]
        .iter()
        .enumerate()
    {
        load.write_string(0, c as u16, *h).unwrap();
    }
    load.write_number(1, 0, 7.0).unwrap();
    load.write_string(1, 1, "5А").unwrap();
    load.write_string(1, 2, "Физкультура").unwrap();
    load.write_number(1, 3, 2.0).unwrap();
    load.write_number(1, 4, 0.5).unwrap();
    let bytes = workbook.save_to_buffer().unwrap();

    let roster = parse_roster("book.xlsm", &bytes).unwrap();
    assert_eq!(roster.pupils[0].code, "1001");
    assert_eq!(roster.pupils[0].birth_date, date!(2014 - 05 - 03));
    assert_eq!(roster.assignments[0].staff_code, "7");
    assert_eq!(roster.assignments[0].subgroup.as_deref(), Some("2"));
    assert_eq!(roster.assignments[0].hours_per_week, 0.5);
}

#[test]
fn header_is_the_first_non_empty_row_and_empty_rows_are_skipped() {
    let bytes = xlsx(&[(
        "Классы",
        &[
            &[""],
            &["", "Класс", "Профиль"],
            &["", "5А"],
            &[""],
            &["", "6Б", "химико-биологический"],
        ],
    )]);
    let roster = parse_roster("a.xlsx", &bytes).unwrap();
    let got: Vec<(String, usize)> = roster
        .classes
        .iter()
        .map(|c| (c.name.to_string(), c.origin.row))
        .collect();
    assert_eq!(got, vec![("5А".to_owned(), 3), ("6Б".to_owned(), 5)]);
}

#[test]
fn single_sheet_with_an_unknown_name_is_detected_by_its_headers() {
    let bytes = xlsx(&[(
        "Лист1",
        &[
            &["staff_code", "last_name", "first_name", "post"],
            &["S1", "Иванова", "Мария", "учитель"],
        ],
    )]);
    let roster = parse_roster("a.xlsx", &bytes).unwrap();
    assert_eq!(roster.staff[0].origin.sheet, "Лист1");
}

#[test]
fn empty_extra_sheets_do_not_count() {
    let bytes = xlsx(&[
        ("Лист1", &[&["Класс"], &["5А"]]),
        ("Лист2", &[]),
        ("Лист3", &[&["", ""]]),
    ]);
    assert_eq!(parse_roster("a.xlsx", &bytes).unwrap().classes.len(), 1);
}

#[test]
fn unknown_sheet_is_an_error_naming_it_and_the_expected_names() {
    let bytes = xlsx(&[("Классы", &[&["Класс"], &["5А"]]), ("Учителя", &[&["Код"], &["1"]])]);
    let errors = parse_roster("a.xlsx", &bytes).unwrap_err();
    assert_eq!(
        shown(&errors),
        vec![
            "a.xlsx, лист «Учителя»: неизвестный лист: ожидались листы «Классы», «Сотрудники», «Обучающиеся», \
             «Родители», «Нагрузка» (или classes, staff, pupils, parents, assignments)"
        ]
    );
}

#[test]
fn two_sheets_of_one_kind_are_an_error() {
    let bytes = xlsx(&[("Классы", &[&["Класс"], &["5А"]]), ("classes", &[&["Класс"], &["6Б"]])]);
    let errors = parse_roster("a.xlsx", &bytes).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].location.sheet.as_deref(), Some("classes"));
}

#[test]
fn bytes_that_are_not_a_workbook_are_one_file_level_error() {
    let errors = parse_roster("a.xlsx", "Класс;Профиль\n5А;".as_bytes()).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].location, vsoko_import::Location::file("a.xlsx"));
    let message = text(&errors[0]);
    assert!(message.starts_with("ожидалась книга Excel (.xlsx)"), "{message}");
}

#[test]
fn empty_workbook_is_an_error() {
    let errors = parse_roster("a.xlsx", &xlsx(&[("Лист1", &[])])).unwrap_err();
    assert_eq!(
        shown(&errors),
        vec!["a.xlsx: файл пуст: ожидалась строка заголовков и строки с данными"]
    );
}

#[test]
fn malformed_sheet_xml_is_an_error_not_a_panic() {
    let good = xlsx(&[("Классы", &[&["Класс"], &["5А"]])]);
    assert_eq!(
        parse_roster(
            "a.xlsx",
            &rewrite_part(&good, "xl/worksheets/sheet1.xml", str::to_owned)
        )
        .unwrap()
        .classes
        .len(),
        1
    );

    // A cell reference so long it overflows calamine's column arithmetic: with overflow
    // checks (debug, CI) calamine panics, and the panic must come back as a file error.
    let absurd = rewrite_part(&good, "xl/worksheets/sheet1.xml", |xml| {
        xml.replace("r=\"A2\"", "r=\"ZZZZZZZZZZZZ2\"")
    });
    let result = parse_roster("a.xlsx", &absurd);
    if cfg!(debug_assertions) {
        assert_eq!(
            shown(&result.unwrap_err()),
            vec!["a.xlsx: ожидалась книга Excel (.xlsx), но файл повреждён и не читается"]
        );
    }

    let truncated = rewrite_part(&good, "xl/worksheets/sheet1.xml", |xml| xml[..xml.len() / 2].to_owned());
    assert!(parse_roster("a.xlsx", &truncated).is_err());
}

#[test]
fn a_stray_far_right_cell_does_not_widen_every_row() {
    let good = xlsx(&[("Классы", &[&["Класс"], &["5А"]])]);
    let far = rewrite_part(&good, "xl/worksheets/sheet1.xml", |xml| {
        xml.replace("r=\"A2\"", "r=\"XFD1048576\"")
    });
    // The far cell is beyond the columns read, so only the header remains.
    assert!(parse_roster("a.xlsx", &far).unwrap().is_empty());
}
