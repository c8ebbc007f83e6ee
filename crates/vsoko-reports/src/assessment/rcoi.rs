//! An РЦОИ ГИА result protocol as CSV (SPEC §7.2): `;`-separated, UTF-8 with a BOM (as Excel
//! opens it), columns `Код МСУ; Код ОО; Класс; Код ППЭ; Аудитория; Фамилия; Имя; Отчество;
//! Вариант; Задания с кратким ответом; Задания с развёрнутым ответом; Первичный балл; Балл`.
//! The short-answer string has one character per task (`+` 1 point, `-` 0, a digit for
//! more); the full-answer string is `score(max)` per task, e.g. `2(2)0(2)1(2)`.

/// One examinee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RcoiRow {
    /// Municipality code.
    pub municipality_code: String,
    /// School code.
    pub school_code: String,
    /// Class, e.g. "9А".
    pub class: String,
    /// Exam point code.
    pub ppe_code: String,
    /// Room.
    pub room: String,
    /// Surname.
    pub last_name: String,
    /// First name.
    pub first_name: String,
    /// Patronymic ("" when none).
    pub middle_name: String,
    /// Variant.
    pub variant: String,
    /// Short answers, e.g. "++-+".
    pub short_answers: String,
    /// Full answers, e.g. "2(2)0(2)".
    pub full_answers: String,
    /// Primary score.
    pub primary: i64,
    /// Mark (ОГЭ) or test score (ЕГЭ).
    pub score: i64,
}

/// The header, in order.
pub const COLUMNS: [&str; 13] = [
    "Код МСУ",
    "Код ОО",
    "Класс",
    "Код ППЭ",
    "Аудитория",
    "Фамилия",
    "Имя",
    "Отчество",
    "Вариант",
    "Задания с кратким ответом",
    "Задания с развёрнутым ответом",
    "Первичный балл",
    "Балл",
];

/// A field quoted when it holds the separator, a quote or a line break.
pub(crate) fn field(s: &str) -> String {
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The protocol as bytes (UTF-8 with BOM, `;`, CRLF line ends).
pub fn rcoi_csv(rows: &[RcoiRow]) -> Vec<u8> {
    let mut out = String::from("\u{FEFF}");
    out.push_str(&COLUMNS.join(";"));
    out.push_str("\r\n");
    for r in rows {
        let cells = [
            field(&r.municipality_code),
            field(&r.school_code),
            field(&r.class),
            field(&r.ppe_code),
            field(&r.room),
            field(&r.last_name),
            field(&r.first_name),
            field(&r.middle_name),
            field(&r.variant),
            field(&r.short_answers),
            field(&r.full_answers),
            r.primary.to_string(),
            r.score.to_string(),
        ];
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_protocol_has_the_header_and_one_line_per_examinee() {
        let row = RcoiRow {
            municipality_code: "01".into(),
            school_code: "010001".into(),
            class: "9А".into(),
            ppe_code: "0101".into(),
            room: "0001".into(),
            last_name: "Иванов".into(),
            first_name: "Иван".into(),
            middle_name: "Иванович".into(),
            variant: "1".into(),
            short_answers: "++-+".into(),
            full_answers: "2(2)0(2)".into(),
            primary: 5,
            score: 2,
        };
        let text = String::from_utf8(rcoi_csv(&[
            row.clone(),
            RcoiRow {
                last_name: "А;Б".into(),
                ..row
            },
        ]))
        .expect("utf8");
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert!(lines[0].starts_with("\u{FEFF}Код МСУ;Код ОО;Класс;"));
        assert!(lines[0].ends_with(";Первичный балл;Балл"));
        assert_eq!(
            lines[1],
            "01;010001;9А;0101;0001;Иванов;Иван;Иванович;1;++-+;2(2)0(2);5;2"
        );
        assert!(lines[2].contains(";\"А;Б\";"));
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[3], "");
    }
}
