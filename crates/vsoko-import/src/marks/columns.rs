//! The columns of both marks sheets: canonical Russian header, accepted aliases, whether
//! the column is required, its description and an example value. Parsing, templates and
//! the format documentation all read this one table.

use super::MarksKind;
use crate::sheet::{ColumnSpec, col};

/// Canonical headers, named so the parser cannot misspell them.
pub(crate) mod h {
    pub const CLASS: &str = "Класс";
    pub const SUBJECT: &str = "Предмет";
    pub const SUBGROUP: &str = "Подгруппа";
    pub const DATE: &str = "Дата урока";
    pub const PUPIL_CODE: &str = "Код обучающегося";
    pub const MARKS: &str = "Отметки";
    pub const ATTENDANCE: &str = "Посещаемость";
    pub const WORK_TYPE: &str = "Вид работы";
    pub const TOPIC: &str = "Тема";
    pub const PERIOD: &str = "Период";
    pub const MARK: &str = "Отметка";
}

const CLASS: ColumnSpec = col(
    h::CLASS,
    &["class"],
    true,
    "Класс текущего учебного года, например 7А.",
    "7А",
);
const SUBJECT: ColumnSpec = col(
    h::SUBJECT,
    &["subject"],
    true,
    "Предмет: название, краткое название или код из справочника школы.",
    "Математика",
);
const PUPIL: ColumnSpec = col(
    h::PUPIL_CODE,
    &["pupil_code", "Код ученика"],
    true,
    "Код обучающегося (как в составе школы).",
    "1001",
);

const MARKS: &[ColumnSpec] = &[
    CLASS,
    SUBJECT,
    col(
        h::SUBGROUP,
        &["subgroup"],
        false,
        "Подгруппа (например 1 или 2); пусто — весь класс.",
        "",
    ),
    col(
        h::DATE,
        &["lesson_date", "Дата"],
        true,
        "Дата урока: ДД.ММ.ГГГГ, ГГГГ-ММ-ДД или дата Excel; должна попадать в период \
         (четверть, триместр, полугодие) текущего учебного года, не закрытый для изменений.",
        "16.11.2026",
    ),
    PUPIL,
    col(
        h::MARKS,
        &["marks"],
        true,
        "Отметки за урок: от одной до трёх цифр 1–5 («5», «54», «5 4»). Пусто, если указана \
         только посещаемость; строка без отметок и без посещаемости очищает ячейку.",
        "5 4",
    ),
    col(
        h::ATTENDANCE,
        &["attendance", "Пропуск"],
        false,
        "Н — отсутствовал, Б — болел, УП — по уважительной причине, ОП — опоздал; \
         пусто — присутствовал. Отсутствовавшему (Н, Б, УП) отметку не ставят.",
        "",
    ),
    col(
        h::WORK_TYPE,
        &["work_type"],
        false,
        "Вид работы на уроке: код или название из положения о текущем контроле \
         (например «Контрольная работа» или test). Пусто — не менять; новый урок \
         получает «Работа на уроке».",
        "Контрольная работа",
    ),
    col(
        h::TOPIC,
        &["topic", "Тема урока"],
        false,
        "Тема урока. Пусто — не менять.",
        "Решение линейных уравнений",
    ),
];

const TERMS: &[ColumnSpec] = &[
    CLASS,
    SUBJECT,
    col(
        h::PERIOD,
        &["period", "Четверть"],
        true,
        "Номер периода (четверти, триместра, полугодия) текущего учебного года: 1–4; \
         «год» — годовая отметка.",
        "2",
    ),
    PUPIL,
    col(
        h::MARK,
        &["mark", "value", "Итоговая отметка"],
        true,
        "Отметка за период: 2–5, «н/а» (не аттестован), «осв» (освобождён), \
         «зач» (зачёт), «незач» (незачёт).",
        "5",
    ),
];

/// The columns of a marks sheet, in template order.
pub fn columns(kind: MarksKind) -> &'static [ColumnSpec] {
    match kind {
        MarksKind::Marks => MARKS,
        MarksKind::Terms => TERMS,
    }
}
