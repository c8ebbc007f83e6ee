//! CSV roster files: encodings, delimiters and detecting the kind of data from the header.

mod common;

use common::{csv, shown, text};
use time::macros::date;
use vsoko_domain::roster::{Origin, Sex};
use vsoko_import::roster::parse_roster;

#[test]
fn cp1251_semicolon_file_parses() {
    let text = "Код обучающегося;Фамилия;Имя;Отчество;Дата рождения;Пол;Класс\r\n\
                1001;Петров;Иван;Сергеевич;03.05.2014;М;5А\r\n\
                1002;Ёлкина;Ольга;;21.11.2013;ж;6 б\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "fixture must not be valid UTF-8");

    let roster = parse_roster("pupils.csv", &bytes).unwrap();
    assert_eq!(roster.pupils.len(), 2);
    let p = &roster.pupils[1];
    assert_eq!(
        p.origin,
        Origin {
            sheet: "pupils.csv".into(),
            row: 3
        }
    );
    assert_eq!(p.last_name, "Ёлкина");
    assert_eq!(p.middle_name, None);
    assert_eq!(p.birth_date, date!(2013 - 11 - 21));
    assert_eq!(p.sex, Some(Sex::Female));
    assert_eq!(p.class.to_string(), "6Б");
}

#[test]
fn utf8_bom_comma_file_with_english_headers_parses() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(csv(&[
        "staff_code,last_name,first_name,middle_name,post,email,phone",
        "S001,Иванова,Мария,Петровна,\"учитель, классный руководитель\",ivanova@example.ru,",
    ]));
    let roster = parse_roster("staff.csv", &bytes).unwrap();
    let s = &roster.staff[0];
    assert_eq!(s.code, "S001", "the BOM must not stick to the first header");
    assert_eq!(s.post, "учитель, классный руководитель");
    assert_eq!(s.email.as_deref(), Some("ivanova@example.ru"));
    assert_eq!(s.phone, None);
}

#[test]
fn tab_separated_txt_file_parses() {
    let bytes = csv(&["Класс\tПрофиль", "10А\tтехнологический", "11Б\t"]);
    let roster = parse_roster("классы.txt", &bytes).unwrap();
    assert_eq!(roster.classes.len(), 2);
    assert_eq!(roster.classes[0].profile.as_deref(), Some("технологический"));
    assert_eq!(roster.classes[1].profile, None);
}

#[test]
fn headers_match_ignoring_case_yo_star_and_surrounding_spaces() {
    let bytes = csv(&[
        " КОД РОДИТЕЛЯ* ; фамилия ;Имя*;Отчёство;Код обучающегося*;Кем приходится",
        "P1;Петрова;Анна;Викторовна;1001;мать",
    ]);
    let roster = parse_roster("parents.csv", &bytes).unwrap();
    assert_eq!(roster.parents[0].middle_name.as_deref(), Some("Викторовна"));
    assert_eq!(roster.parents[0].relation.as_deref(), Some("мать"));
}

#[test]
fn pupils_header_is_not_mistaken_for_classes_although_both_have_class() {
    let bytes = csv(&[
        "Код обучающегося;Фамилия;Имя;Дата рождения;Класс",
        "1001;Петров;Иван;2014-05-03;5А",
    ]);
    let roster = parse_roster("x.csv", &bytes).unwrap();
    assert_eq!(roster.pupils.len(), 1);
    assert!(roster.classes.is_empty());
}

#[test]
fn assignments_are_detected_and_hours_take_a_decimal_comma() {
    let bytes = csv(&[
        "Код сотрудника;Класс;Предмет;Подгруппа;Часов в неделю",
        "S001;5А;Математика;;5",
        "S002;6Б;Английский язык;1;\"1,5\"",
    ]);
    let roster = parse_roster("load.csv", &bytes).unwrap();
    assert_eq!(roster.assignments[0].subgroup, None);
    assert_eq!(roster.assignments[1].subgroup.as_deref(), Some("1"));
    assert_eq!(roster.assignments[1].hours_per_week, 1.5);
}

#[test]
fn blank_lines_are_skipped_and_rows_keep_their_line_numbers() {
    let bytes = csv(&["", "Класс", "5А", ";", "", "6Б"]);
    let roster = parse_roster("c.csv", &bytes).unwrap();
    let rows: Vec<usize> = roster.classes.iter().map(|c| c.origin.row).collect();
    assert_eq!(rows, vec![3, 6]);
}

#[test]
fn header_matching_no_kind_is_an_error_listing_expected_headers() {
    let errors = parse_roster("x.csv", &csv(&["Фамилия;Имя", "Петров;Иван"])).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].location.row, Some(1));
    let text = &shown(&errors)[0];
    assert!(
        text.starts_with("x.csv, строка 1: не удалось определить вид данных"),
        "{text}"
    );
    for expected in [
        "Классы — Класс",
        "Нагрузка — Код сотрудника, Класс, Предмет, Часов в неделю",
    ] {
        assert!(text.contains(expected), "{text}");
    }
    assert!(text.contains("получено: «Фамилия», «Имя»"), "{text}");
}

#[test]
fn header_matching_two_unrelated_kinds_is_ambiguous() {
    let bytes = csv(&[
        "Код сотрудника;Фамилия;Имя;Должность;Код родителя;Код обучающегося",
        "S1;Петров;Иван;учитель;P1;1001",
    ]);
    let errors = parse_roster("x.csv", &bytes).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(text(&errors[0]).starts_with("не удалось определить вид данных"));
}

#[test]
fn empty_file_is_an_error() {
    let errors = parse_roster("x.csv", b"\xEF\xBB\xBF\r\n ; \r\n").unwrap_err();
    assert_eq!(
        shown(&errors),
        vec!["x.csv: файл пуст: ожидалась строка заголовков и строки с данными"]
    );
}

#[test]
fn header_only_file_gives_an_empty_roster() {
    let roster = parse_roster("x.csv", &csv(&["Класс;Профиль"])).unwrap();
    assert!(roster.is_empty());
}

#[test]
fn unsupported_extension_is_an_error_naming_it() {
    let errors = parse_roster("roster.xls", b"whatever").unwrap_err();
    assert_eq!(
        shown(&errors),
        vec!["roster.xls: неподдерживаемый тип файла: ожидался .xlsx, .xlsm, .csv или .txt, получено «xls»"]
    );
}
