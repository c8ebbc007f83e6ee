//! Every in-file validation rule, each with the exact location and message the user sees.
//! All errors of a file are collected; nothing stops at the first.

#![expect(clippy::unwrap_used, reason = "a test fails loudly on an unexpected error")]

mod common;

use common::{csv, shown, xlsx};
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

fn errors_of(file: &str, rows: &[&str]) -> Vec<String> {
    shown(&parse_roster(file, &csv(rows)).unwrap_err())
}

#[test]
fn impossible_birth_date_is_located_at_its_cell() {
    let bytes = xlsx(&[(
        "Обучающиеся",
        &[
            PUPILS_HEADER,
            &["1001", "Петров", "Иван", "", "03.05.2014", "М", "5А"],
            &["1002", "Сидоров", "Пётр", "", "2014-01-09", "М", "5А"],
            &[""],
            &["1003", "Орлова", "Дарья", "", "31.02.2010", "Ж", "5А"],
        ],
    )]);
    let errors = parse_roster("pupils.xlsx", &bytes).unwrap_err();
    assert_eq!(
        shown(&errors),
        vec![
            "pupils.xlsx, лист «Обучающиеся», строка 5, столбец «Дата рождения»: \
             ожидалась дата ДД.ММ.ГГГГ, получено «31.02.2010»"
        ]
    );
}

#[test]
fn missing_required_column_is_reported_on_the_header_row_once() {
    let bytes = xlsx(&[(
        "Сотрудники",
        &[
            &["", ""],
            &["Код сотрудника", "Фамилия", "Имя"],
            &["S1", "Иванова", "Мария"],
            &["S2", "Смирнов", "Алексей"],
        ],
    )]);
    let errors = parse_roster("a.xlsx", &bytes).unwrap_err();
    assert_eq!(
        shown(&errors),
        vec![
            "a.xlsx, лист «Сотрудники», строка 2, столбец «Должность»: \
             не найден обязательный столбец: ожидался заголовок «Должность» (или «post», «position»)"
        ]
    );
}

#[test]
fn empty_required_cell_is_an_error_and_empty_optional_cell_is_none() {
    let errors = errors_of(
        "staff.csv",
        &[
            "Код сотрудника;Фамилия;Имя;Отчество;Должность",
            "S1;Иванова;  ;;учитель",
        ],
    );
    assert_eq!(
        errors,
        vec!["staff.csv, строка 2, столбец «Имя»: обязательное значение не заполнено"]
    );
}

#[test]
fn short_row_names_the_missing_cells() {
    let errors = errors_of("staff.csv", &["Код сотрудника;Фамилия;Имя;Должность", "S1;Иванова"]);
    let missing = "обязательное значение не заполнено: в строке 2 ячеек, а в заголовке 4 столбцов";
    assert_eq!(
        errors,
        vec![
            format!("staff.csv, строка 2, столбец «Имя»: {missing}"),
            format!("staff.csv, строка 2, столбец «Должность»: {missing}"),
        ]
    );
}

#[test]
fn bad_class_name_explains_the_rule_in_russian() {
    let errors = errors_of("c.csv", &["Класс", "12А", "Б5", "5"]);
    assert_eq!(
        errors,
        vec![
            "c.csv, строка 2, столбец «Класс»: ожидалось название класса вида «5А», получено «12А»: \
             номер параллели должен быть от 1 до 11",
            "c.csv, строка 3, столбец «Класс»: ожидалось название класса вида «5А», получено «Б5»: \
             название должно начинаться с номера параллели от 1 до 11",
            "c.csv, строка 4, столбец «Класс»: ожидалось название класса вида «5А», получено «5»: \
             буква класса отсутствует или длиннее 3 символов",
        ]
    );
}

#[test]
fn hours_must_be_a_number_above_zero_and_at_most_forty() {
    let errors = errors_of(
        "load.csv",
        &[
            "Код сотрудника;Класс;Предмет;Часов в неделю",
            "S1;5А;Математика;0",
            "S1;5А;Физика;41",
            "S1;5А;Химия;два",
        ],
    );
    let expected = |row: usize, got: &str| {
        format!(
            "load.csv, строка {row}, столбец «Часов в неделю»: ожидалось число часов в неделю больше 0 \
             и не больше 40 (например, 2 или 0,5), получено «{got}»"
        )
    };
    assert_eq!(errors, vec![expected(2, "0"), expected(3, "41"), expected(4, "два")]);
}

#[test]
fn sex_other_than_m_or_f_is_an_error() {
    let errors = errors_of(
        "p.csv",
        &[
            "Код обучающегося;Фамилия;Имя;Дата рождения;Пол;Класс",
            "1001;Петров;Иван;03.05.2014;X;5А",
        ],
    );
    assert_eq!(
        errors,
        vec!["p.csv, строка 2, столбец «Пол»: ожидался пол «М» или «Ж», получено «X»"]
    );
}

#[test]
fn staff_pupil_and_class_codes_are_unique_within_a_sheet() {
    let staff = errors_of(
        "s.csv",
        &[
            "Код сотрудника;Фамилия;Имя;Должность",
            "S1;Иванова;Мария;учитель",
            "S1;Смирнов;Алексей;учитель",
        ],
    );
    assert_eq!(
        staff,
        vec!["s.csv, строка 3, столбец «Код сотрудника»: код сотрудника «S1» повторяется: он уже указан в строке 2"]
    );

    let pupils = errors_of(
        "p.csv",
        &[
            "Код обучающегося;Фамилия;Имя;Дата рождения;Класс",
            "1001;Петров;Иван;03.05.2014;5А",
            "1002;Сидоров;Пётр;03.05.2014;5А",
            "1001;Орлова;Дарья;03.05.2014;5А",
        ],
    );
    assert_eq!(
        pupils,
        vec![
            "p.csv, строка 4, столбец «Код обучающегося»: код обучающегося «1001» повторяется: он уже указан в строке 2"
        ]
    );

    // "5 а" and "5А" are the same class once parsed.
    let classes = errors_of("c.csv", &["Класс", "5А", "5 а"]);
    assert_eq!(
        classes,
        vec!["c.csv, строка 3, столбец «Класс»: класс «5А» повторяется: он уже указан в строке 2"]
    );
}

#[test]
fn parent_code_repeats_only_for_different_pupils_with_the_same_name() {
    let header = "Код родителя;Фамилия;Имя;Отчество;Код обучающегося";
    let ok = parse_roster(
        "par.csv",
        &csv(&[
            header,
            "P1;Петрова;Анна;Викторовна;1001",
            "P1;Петрова;Анна;Викторовна;1002",
        ]),
    )
    .unwrap();
    assert_eq!(ok.parents.len(), 2);

    let errors = errors_of(
        "par.csv",
        &[
            header,
            "P1;Петрова;Анна;Викторовна;1001",
            "P1;Петрова;Анна;Викторовна;1001",
            "P1;Петрова;Ания;;1003",
        ],
    );
    assert_eq!(
        errors,
        vec![
            "par.csv, строка 3, столбец «Код обучающегося»: связь родителя «P1» с обучающимся «1001» повторяется: \
             она уже указана в строке 2",
            "par.csv, строка 4, столбец «Имя»: ФИО родителя с кодом «P1» должно совпадать во всех строках: \
             в строке 2 «Анна», здесь «Ания»",
            "par.csv, строка 4, столбец «Отчество»: ФИО родителя с кодом «P1» должно совпадать во всех строках: \
             в строке 2 «Викторовна», здесь пусто",
        ]
    );
}

#[test]
fn assignment_repeats_only_with_a_different_subgroup() {
    let errors = errors_of(
        "load.csv",
        &[
            "Код сотрудника;Класс;Предмет;Подгруппа;Часов в неделю",
            "S1;5А;Английский язык;1;3",
            "S1;5А;Английский язык;2;3",
            "S1;5 а;английский  язык;1;2",
        ],
    );
    assert_eq!(
        errors,
        vec![
            "load.csv, строка 4: назначение повторяется: сотрудник «S1», класс «5А», предмет «английский  язык», \
             подгруппа «1» уже указаны в строке 2"
        ]
    );
}

#[test]
fn references_to_rows_outside_the_file_are_not_errors() {
    let bytes = xlsx(&[
        (
            "Классы",
            &[&["Класс", "Классный руководитель (код)"], &["5А", "NOBODY"]],
        ),
        (
            "Родители",
            &[
                &["Код родителя", "Фамилия", "Имя", "Код обучающегося"],
                &["P1", "Петрова", "Анна", "9999"],
            ],
        ),
        (
            "Нагрузка",
            &[
                &["Код сотрудника", "Класс", "Предмет", "Часов в неделю"],
                &["S404", "11Я", "Астрономия", "1"],
            ],
        ),
    ]);
    let roster = parse_roster("a.xlsx", &bytes).unwrap();
    assert_eq!(roster.classes[0].class_teacher_code.as_deref(), Some("NOBODY"));
    assert_eq!(roster.parents[0].pupil_code, "9999");
}

#[test]
fn all_errors_of_all_sheets_are_collected_in_file_order() {
    let bytes = xlsx(&[
        ("Классы", &[&["Класс"], &["13А"], &["5А"], &["5А"]]),
        (
            "Обучающиеся",
            &[PUPILS_HEADER, &["", "Петров", "Иван", "", "вчера", "?", "5А"]],
        ),
    ]);
    let errors = parse_roster("a.xlsx", &bytes).unwrap_err();
    let places: Vec<(Option<&str>, Option<usize>, Option<&str>)> = errors
        .iter()
        .map(|e| {
            (
                e.location.sheet.as_deref(),
                e.location.row,
                e.location.column.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        places,
        vec![
            (Some("Классы"), Some(2), Some("Класс")),
            (Some("Классы"), Some(4), Some("Класс")),
            (Some("Обучающиеся"), Some(2), Some("Код обучающегося")),
            (Some("Обучающиеся"), Some(2), Some("Дата рождения")),
            (Some("Обучающиеся"), Some(2), Some("Пол")),
        ]
    );
}

#[test]
fn errors_serialize_with_their_location() {
    let errors = parse_roster("c.csv", &csv(&["Класс", "0А"])).unwrap_err();
    let json = serde_json::to_value(&errors).unwrap();
    assert_eq!(json[0]["location"]["row"], 2);
    assert_eq!(json[0]["location"]["column"], "Класс");
    assert_eq!(json[0]["location"]["sheet"], serde_json::Value::Null);
    assert_eq!(json[0]["msg"]["key"], "import-error-bad-class");
    assert_eq!(json[0]["msg"]["args"]["text"], "0А");
}

#[test]
fn messages_are_rendered_in_english_for_an_english_viewer() {
    let errors = parse_roster("p.csv", &csv(&["Класс;Профиль", "5А;", "5А;"])).unwrap_err();
    let en = vsoko_i18n::Tr::new("en");
    let shown: Vec<String> = errors.iter().map(|e| en.located(&e.location, &e.msg)).collect();
    assert_eq!(
        shown,
        vec!["p.csv, row 3, column \"Класс\": class \"5А\" is repeated: it is already given in row 2"]
    );
}
