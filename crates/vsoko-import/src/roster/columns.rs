//! The columns of every roster sheet: canonical Russian header, accepted aliases, whether
//! the column is required, its description and an example value. Parsing, templates and the
//! format documentation all read this one table.

use super::RosterKind;
use crate::sheet::{ColumnSpec, col};

/// Canonical headers, named so the parser cannot misspell them.
pub(crate) mod h {
    pub const CLASS: &str = "Класс";
    pub const PROFILE: &str = "Профиль";
    pub const CLASS_TEACHER: &str = "Классный руководитель (код)";
    pub const STAFF_CODE: &str = "Код сотрудника";
    pub const LAST_NAME: &str = "Фамилия";
    pub const FIRST_NAME: &str = "Имя";
    pub const MIDDLE_NAME: &str = "Отчество";
    pub const POST: &str = "Должность";
    pub const EMAIL: &str = "Email";
    pub const PHONE: &str = "Телефон";
    pub const PUPIL_CODE: &str = "Код обучающегося";
    pub const BIRTH_DATE: &str = "Дата рождения";
    pub const SEX: &str = "Пол";
    pub const PARENT_CODE: &str = "Код родителя";
    pub const RELATION: &str = "Кем приходится";
    pub const SUBJECT: &str = "Предмет";
    pub const SUBGROUP: &str = "Подгруппа";
    pub const HOURS: &str = "Часов в неделю";
}

const LAST: ColumnSpec = col(h::LAST_NAME, &["last_name", "surname"], true, "Фамилия.", "Иванова");
const FIRST: ColumnSpec = col(h::FIRST_NAME, &["first_name"], true, "Имя.", "Мария");
const MIDDLE: ColumnSpec = col(
    h::MIDDLE_NAME,
    &["middle_name", "patronymic"],
    false,
    "Отчество, если есть.",
    "Петровна",
);
const EMAIL: ColumnSpec = col(
    h::EMAIL,
    &["e-mail", "Электронная почта"],
    false,
    "Адрес электронной почты.",
    "ivanova@example.ru",
);
const PHONE: ColumnSpec = col(h::PHONE, &["phone"], false, "Номер телефона.", "+7 900 000-00-01");
const CLASS_OF_ROW: ColumnSpec = col(
    h::CLASS,
    &["class"],
    true,
    "Класс в этом учебном году: номер параллели 1–11 и буква, например 5А.",
    "5А",
);

const CLASSES: &[ColumnSpec] = &[
    col(
        h::CLASS,
        &["class"],
        true,
        "Название класса: номер параллели 1–11 и буква, например 5А.",
        "5А",
    ),
    col(
        h::PROFILE,
        &["profile"],
        false,
        "Профиль обучения, если есть.",
        "технологический",
    ),
    col(
        h::CLASS_TEACHER,
        &["Код классного руководителя", "class_teacher_code"],
        false,
        "Код сотрудника — классного руководителя (как на листе «Сотрудники»).",
        "S001",
    ),
];

const STAFF: &[ColumnSpec] = &[
    col(
        h::STAFF_CODE,
        &["staff_code", "Табельный номер"],
        true,
        "Уникальный код сотрудника в школе.",
        "S001",
    ),
    LAST,
    FIRST,
    MIDDLE,
    col(
        h::POST,
        &["post", "position"],
        true,
        "Должность, например «учитель».",
        "учитель",
    ),
    EMAIL,
    PHONE,
];

const PUPILS: &[ColumnSpec] = &[
    col(
        h::PUPIL_CODE,
        &["pupil_code", "Код ученика"],
        true,
        "Уникальный код обучающегося, например номер личного дела.",
        "1001",
    ),
    col(h::LAST_NAME, &["last_name", "surname"], true, "Фамилия.", "Петров"),
    col(h::FIRST_NAME, &["first_name"], true, "Имя.", "Иван"),
    col(
        h::MIDDLE_NAME,
        &["middle_name", "patronymic"],
        false,
        "Отчество, если есть.",
        "Сергеевич",
    ),
    col(
        h::BIRTH_DATE,
        &["birth_date", "date_of_birth"],
        true,
        "Дата рождения: ДД.ММ.ГГГГ, ГГГГ-ММ-ДД или дата Excel.",
        "03.05.2014",
    ),
    col(
        h::SEX,
        &["sex", "gender"],
        false,
        "Пол: М или Ж (также муж/жен, M/F).",
        "М",
    ),
    CLASS_OF_ROW,
];

const PARENTS: &[ColumnSpec] = &[
    col(
        h::PARENT_CODE,
        &["parent_code"],
        true,
        "Код родителя; родитель нескольких детей записывается в нескольких строках с одним кодом.",
        "P001",
    ),
    col(h::LAST_NAME, &["last_name", "surname"], true, "Фамилия.", "Петрова"),
    col(h::FIRST_NAME, &["first_name"], true, "Имя.", "Анна"),
    col(
        h::MIDDLE_NAME,
        &["middle_name", "patronymic"],
        false,
        "Отчество, если есть.",
        "Викторовна",
    ),
    col(h::PHONE, &["phone"], false, "Номер телефона.", "+7 900 000-00-02"),
    col(
        h::EMAIL,
        &["e-mail", "Электронная почта"],
        false,
        "Адрес электронной почты.",
        "petrova@example.ru",
    ),
    col(
        h::PUPIL_CODE,
        &["pupil_code", "Код ученика"],
        true,
        "Код обучающегося (как на листе «Обучающиеся» или уже в системе).",
        "1001",
    ),
    col(
        h::RELATION,
        &["relation", "Степень родства"],
        false,
        "Кем приходится: мать, отец, опекун…",
        "мать",
    ),
];

const ASSIGNMENTS: &[ColumnSpec] = &[
    col(
        h::STAFF_CODE,
        &["staff_code", "Табельный номер"],
        true,
        "Код сотрудника-учителя.",
        "S001",
    ),
    CLASS_OF_ROW,
    col(
        h::SUBJECT,
        &["subject"],
        true,
        "Предмет: название или код из справочника.",
        "Математика",
    ),
    col(
        h::SUBGROUP,
        &["subgroup"],
        false,
        "Подгруппа (например 1 или 2); пусто — весь класс.",
        "",
    ),
    col(
        h::HOURS,
        &["hours_per_week", "Часы в неделю"],
        true,
        "Часов в неделю: число больше 0 и не больше 40, дробная часть через запятую или точку.",
        "5",
    ),
];

/// The columns of a roster sheet, in template order.
pub fn columns(kind: RosterKind) -> &'static [ColumnSpec] {
    match kind {
        RosterKind::Classes => CLASSES,
        RosterKind::Staff => STAFF,
        RosterKind::Pupils => PUPILS,
        RosterKind::Parents => PARENTS,
        RosterKind::Assignments => ASSIGNMENTS,
    }
}
