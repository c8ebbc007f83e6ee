//! The three layouts of assessment results files as kinds of sheet ([`SheetKind`]), so the
//! upload page documents their columns and offers templates from the same tables: the ФИС
//! ОКО form, the РЦОИ ГИА protocol and the generic layout (docs/ASSESSMENT_IMPORT.md). The
//! readers find their columns themselves; the tests below parse these tables' templates (and
//! headers) back, so the documentation cannot drift from the readers.

use crate::sheet::{ColumnSpec, SheetKind, col};

/// A layout of assessment results files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AssessmentLayout {
    /// ФИС ОКО "Индивидуальные результаты" ([`super::parse_vpr`]).
    Vpr,
    /// РЦОИ ГИА protocol ([`super::parse_gia`]).
    Gia,
    /// The generic layout for control works and monitoring ([`super::parse_generic`]).
    Generic,
}

impl AssessmentLayout {
    /// The layout with this slug (`vpr`, `gia`, `generic`).
    pub fn parse(slug: &str) -> Option<AssessmentLayout> {
        Self::KINDS.iter().copied().find(|k| k.slug() == slug.trim())
    }
}

const PARTICIPANT: ColumnSpec = col(
    "Код участника",
    &["Код"],
    true,
    "Код участника работы (ВПР — обычно 5 цифр); в файле не повторяется.",
    "10001",
);
const CLASS: ColumnSpec = col("Класс", &[], true, "Класс параллели работы.", "4А");
const VARIANT: ColumnSpec = col("Вариант", &[], false, "Вариант работы.", "1");
const TASK: ColumnSpec = col(
    "1 (2б)",
    &["9.1 (1б)", "2К1 (3б)"],
    false,
    "Столбец задания «номер (максимумб)» на каждое задание (нужен хотя бы один): балл от 0 до максимума; X, Х, -, — или пусто — не выполнял (не 0). В строке над заголовком — уровень Б, П или В.",
    "2",
);
const PRIMARY: ColumnSpec = col(
    "Первичный балл",
    &["Сумма баллов", "Итого баллов"],
    false,
    "Сумма баллов за задания (проверяется).",
    "2",
);
const MARK: ColumnSpec = col(
    "Отметка",
    &["Отметка за работу", "Оценка"],
    false,
    "Отметка за работу (проверяется по таблице перевода).",
    "2",
);

const VPR: &[ColumnSpec] = &[
    PARTICIPANT,
    CLASS,
    VARIANT,
    TASK,
    PRIMARY,
    MARK,
    col(
        "Отметка по журналу",
        &["Оценка по журналу"],
        false,
        "Отметка по журналу: 1–5 или «нет отметки».",
        "3",
    ),
];

const GIA: &[ColumnSpec] = &[
    col("Класс", &[], true, "Класс.", "9А"),
    col("Фамилия", &[], true, "Фамилия участника.", "Иванов"),
    col("Имя", &[], true, "Имя участника.", "Иван"),
    col("Отчество", &[], false, "Отчество участника.", "Иванович"),
    col(
        "Задания с кратким ответом",
        &[],
        false,
        "По символу на задание: + — 1 балл, - — 0, цифра — баллы за задание; нужен этот столбец или следующий.",
        "+-+2",
    ),
    col(
        "Задания с развёрнутым ответом",
        &[],
        false,
        "Группы «балл(максимум)»; X(2) — не выполнено.",
        "2(3)0(2)",
    ),
    col("Первичный балл", &[], false, "Сумма баллов (проверяется).", "6"),
    col(
        "Балл",
        &[],
        false,
        "ОГЭ — отметка, ЕГЭ — тестовый балл (проверяется по таблице перевода).",
        "",
    ),
];

const GENERIC: &[ColumnSpec] = &[
    col(
        "Код обучающегося",
        &["Код ученика"],
        false,
        "Код обучающегося из состава школы: сразу привязывает результат; нужен этот столбец или «Код участника».",
        "1001",
    ),
    col(
        "Код участника",
        &["Код"],
        false,
        "Код участника работы (если нет кода обучающегося).",
        "",
    ),
    CLASS,
    VARIANT,
    TASK,
    PRIMARY,
    MARK,
    col(
        "Тестовый балл",
        &[],
        false,
        "Тестовый балл (проверяется по таблице перевода).",
        "",
    ),
];

impl SheetKind for AssessmentLayout {
    const KINDS: &'static [Self] = &[AssessmentLayout::Vpr, AssessmentLayout::Gia, AssessmentLayout::Generic];

    fn sheet_name(self) -> &'static str {
        match self {
            AssessmentLayout::Vpr => "ФИС ОКО",
            AssessmentLayout::Gia => "Протокол ГИА",
            AssessmentLayout::Generic => "Общий формат",
        }
    }

    fn slug(self) -> &'static str {
        match self {
            AssessmentLayout::Vpr => "vpr",
            AssessmentLayout::Gia => "gia",
            AssessmentLayout::Generic => "generic",
        }
    }

    fn columns(self) -> &'static [ColumnSpec] {
        match self {
            AssessmentLayout::Vpr => VPR,
            AssessmentLayout::Gia => GIA,
            AssessmentLayout::Generic => GENERIC,
        }
    }

    fn second_example(self) -> &'static [&'static str] {
        match self {
            AssessmentLayout::Vpr => &["10002", "4Б", "2", "X", "0", "2", "нет отметки"],
            AssessmentLayout::Gia => &["9А", "Петрова", "Анна", "", "++-1", "X(3)1(2)", "4", ""],
            AssessmentLayout::Generic => &["1002", "", "4Б", "1", "0", "0", "2", ""],
        }
    }
}

/// A CSV template of one layout: the header and two example rows.
pub fn csv_template(layout: AssessmentLayout) -> Vec<u8> {
    crate::sheet::csv_template(layout)
}

/// An XLSX template with a sheet per layout.
pub fn xlsx_template() -> Result<Vec<u8>, crate::ImportError> {
    crate::sheet::xlsx_template::<AssessmentLayout>("assessment.xlsx")
}

#[cfg(test)]
mod tests {
    use super::super::grid::Columns;
    use super::super::{Expect, parse_generic, parse_gia};
    use super::*;

    fn expect(grade: i64) -> Expect {
        Expect {
            subject: Some("math".into()),
            grade: Some(grade),
            year: Some(2026),
            ..Expect::default()
        }
    }

    #[test]
    fn every_documented_header_and_alias_of_the_grid_layouts_is_read() {
        for layout in [AssessmentLayout::Vpr, AssessmentLayout::Generic] {
            for spec in layout.columns() {
                for name in spec.names() {
                    let c = Columns::find(&[name.to_string()]);
                    let found = [
                        c.participant,
                        c.pupil,
                        c.class,
                        c.variant,
                        c.primary,
                        c.mark,
                        c.journal,
                        c.test_score,
                    ]
                    .iter()
                    .any(Option::is_some)
                        || !c.tasks.is_empty();
                    assert!(found, "{layout:?}: {name}");
                }
            }
        }
    }

    #[test]
    fn the_generic_and_gia_templates_parse_back() {
        let generic = parse_generic("generic.csv", &csv_template(AssessmentLayout::Generic), &expect(4));
        let generic = generic.map_err(|e| format!("{e:?}"));
        assert_eq!(generic.map(|f| f.results.len()), Ok(2));
        let gia = parse_gia("gia.csv", &csv_template(AssessmentLayout::Gia), &expect(9));
        let gia = gia.map_err(|e| format!("{e:?}"));
        assert_eq!(gia.map(|f| f.results.len()), Ok(2));
    }

    #[test]
    fn layouts_parse_from_their_slugs() {
        for &k in AssessmentLayout::KINDS {
            assert_eq!(AssessmentLayout::parse(k.slug()), Some(k));
        }
        assert_eq!(AssessmentLayout::parse("xls"), None);
    }
}
