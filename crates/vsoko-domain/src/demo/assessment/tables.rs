//! Task tables and score → mark scales of the demo works. Russian grade 4 (tasks, maxima
//! and thresholds) and mathematics grade 4 (tasks, maxima, sections, levels) follow SPEC
//! §5.3 and §5.6; the ОГЭ mathematics rule (minimum 8 with at least 2 geometry points)
//! follows SPEC §7.1. Everything else here — the other works' tables and the thresholds not
//! given in SPEC — is made up for the demo and says so in [`Scale::source`].

use super::{Level, Scale, Task};

/// One task as written in a table: code, maximum, level, section (checked skill).
type Row = (&'static str, u8, Level, &'static str);

use Level::{Advanced as P, Basic as B, High as V};

const RUS_SPELL: &str = "Орфография и пунктуация";
const RUS_MORPH: &str = "Состав слова и морфология";
const RUS_SYNT: &str = "Синтаксис";
const RUS_TEXT: &str = "Работа с текстом";

/// ВПР 2026, Russian, grade 4 (SPEC §5.3): maxima as listed there, 24 points in all.
const RUS_4: &[Row] = &[
    ("1", 2, B, RUS_SPELL),
    ("2", 1, B, RUS_SPELL),
    ("3", 2, B, RUS_SYNT),
    ("4", 3, B, RUS_MORPH),
    ("5", 2, B, RUS_MORPH),
    ("6", 1, B, RUS_MORPH),
    ("7", 1, B, RUS_SYNT),
    ("8", 2, B, RUS_TEXT),
    ("9", 3, B, RUS_TEXT),
    ("10", 3, P, RUS_TEXT),
    ("11", 1, B, RUS_SPELL),
    ("12", 3, P, RUS_TEXT),
];

const M_ARITH: &str = "Числа и вычисления";
const M_WORD: &str = "Текстовые задачи";
const M_GEOM: &str = "Пространственные отношения и геометрические фигуры";
const M_INFO: &str = "Математическая информация";

/// ВПР 2026, mathematics, grade 4 (SPEC §5.6): 18 points in all.
const MATH_4: &[Row] = &[
    ("1", 1, B, M_ARITH),
    ("2", 1, B, M_ARITH),
    ("3", 2, B, M_WORD),
    ("4", 1, B, M_WORD),
    ("5.1", 1, B, M_GEOM),
    ("5.2", 1, B, M_GEOM),
    ("6.1", 1, B, M_INFO),
    ("6.2", 1, B, M_INFO),
    ("7", 1, B, M_ARITH),
    ("8", 2, B, M_WORD),
    ("9.1", 1, P, M_INFO),
    ("9.2", 1, P, M_INFO),
    ("10", 2, P, M_GEOM),
    ("11", 2, P, M_WORD),
];

const W_NATURE: &str = "Человек и природа";
const W_SOCIETY: &str = "Человек и общество";
const W_MAP: &str = "Работа с картой и схемой";

/// Demo table: the world around us, grade 4 (criterion codes like `10К1`), 25 points.
const WORLD_4: &[Row] = &[
    ("1", 2, B, W_NATURE),
    ("2", 2, B, W_NATURE),
    ("3.1", 1, B, W_MAP),
    ("3.2", 2, B, W_MAP),
    ("4", 2, B, W_NATURE),
    ("5", 2, B, W_NATURE),
    ("6.1", 1, B, W_NATURE),
    ("6.2", 1, P, W_NATURE),
    ("6.3", 2, P, W_NATURE),
    ("7", 2, B, W_SOCIETY),
    ("8", 3, P, W_SOCIETY),
    ("9", 3, P, W_SOCIETY),
    ("10К1", 1, B, W_MAP),
    ("10К2", 1, P, W_MAP),
];

/// Demo table: Russian, grades 5–8 (a dictation scored by three criteria), 30 points.
const RUS_5_8: &[Row] = &[
    ("1К1", 4, B, RUS_SPELL),
    ("1К2", 3, B, RUS_SPELL),
    ("1К3", 2, B, RUS_SPELL),
    ("2", 3, B, RUS_MORPH),
    ("3", 2, B, RUS_MORPH),
    ("4", 2, B, RUS_MORPH),
    ("5", 2, B, RUS_SYNT),
    ("6", 2, B, RUS_SYNT),
    ("7", 2, P, RUS_SYNT),
    ("8", 3, P, RUS_TEXT),
    ("9", 1, B, RUS_TEXT),
    ("10", 2, P, RUS_TEXT),
    ("11", 2, V, RUS_TEXT),
];

const M_ALG: &str = "Выражения и уравнения";
const M_DATA: &str = "Работа с данными";

/// Demo table: mathematics, grades 5–8, 20 points.
const MATH_5_8: &[Row] = &[
    ("1", 1, B, M_ARITH),
    ("2", 1, B, M_ARITH),
    ("3", 1, B, M_ARITH),
    ("4", 1, B, M_ALG),
    ("5", 1, B, M_WORD),
    ("6", 1, B, M_DATA),
    ("7", 1, B, M_ALG),
    ("8", 1, B, M_GEOM),
    ("9", 2, B, M_ARITH),
    ("10", 2, P, M_WORD),
    ("11", 2, P, M_GEOM),
    ("12", 2, P, M_GEOM),
    ("13", 2, P, M_ALG),
    ("14", 2, V, M_WORD),
];

const H_FACTS: &str = "Исторические факты и даты";
const H_SOURCES: &str = "Работа с историческими источниками";
const H_MAP: &str = "Историческая карта";
const H_CULTURE: &str = "История культуры";

/// Demo table: history, grades 5–8, 20 points.
const HIST_5_8: &[Row] = &[
    ("1", 2, B, H_FACTS),
    ("2", 1, B, H_SOURCES),
    ("3", 2, B, H_SOURCES),
    ("4", 2, B, H_MAP),
    ("5", 1, B, H_MAP),
    ("6", 2, B, H_CULTURE),
    ("7", 2, P, H_CULTURE),
    ("8", 2, B, H_FACTS),
    ("9", 3, P, H_SOURCES),
    ("10", 3, V, H_FACTS),
];

const O_ALG: &str = "Алгебра";
const O_GEOM: &str = "Геометрия";
const O_REAL: &str = "Практические задачи";

/// ОГЭ mathematics: tasks 1–19 with a short answer (1 point), 20–25 with a full answer
/// (2 points), 31 points in all; geometry is tasks 15–19 and 23–25 (SPEC §7.1).
const OGE_MATH: &[Row] = &[
    ("1", 1, B, O_REAL),
    ("2", 1, B, O_REAL),
    ("3", 1, B, O_REAL),
    ("4", 1, B, O_REAL),
    ("5", 1, B, O_REAL),
    ("6", 1, B, O_ALG),
    ("7", 1, B, O_ALG),
    ("8", 1, B, O_ALG),
    ("9", 1, B, O_ALG),
    ("10", 1, B, O_ALG),
    ("11", 1, B, O_ALG),
    ("12", 1, B, O_ALG),
    ("13", 1, B, O_ALG),
    ("14", 1, B, O_ALG),
    ("15", 1, B, O_GEOM),
    ("16", 1, B, O_GEOM),
    ("17", 1, B, O_GEOM),
    ("18", 1, B, O_GEOM),
    ("19", 1, B, O_GEOM),
    ("20", 2, P, O_ALG),
    ("21", 2, P, O_ALG),
    ("22", 2, V, O_ALG),
    ("23", 2, P, O_GEOM),
    ("24", 2, P, O_GEOM),
    ("25", 2, V, O_GEOM),
];

const C_NUM: &str = "Числа и вычисления";
const C_EXPR: &str = "Выражения и уравнения";
const C_WORD: &str = "Текстовые задачи";
const C_GEOM: &str = "Геометрия";

/// Demo table: the administrative control work in mathematics for the first quarter,
/// grades 5–8, 14 points.
const CONTROL_MATH: &[Row] = &[
    ("1", 1, B, C_NUM),
    ("2", 1, B, C_NUM),
    ("3", 1, B, C_EXPR),
    ("4", 1, B, C_EXPR),
    ("5", 1, B, C_WORD),
    ("6", 1, B, C_GEOM),
    ("7", 2, P, C_EXPR),
    ("8", 2, P, C_WORD),
    ("9", 2, P, C_GEOM),
    ("10", 2, V, C_WORD),
];

/// Short-answer tasks of the ОГЭ table (the rest have a full answer).
pub(super) const OGE_SHORT_ANSWER: usize = 19;

/// The task table of a ВПР work.
pub(super) fn vpr_tasks(subject: &str, grade: i64) -> Vec<Task> {
    use crate::demo::curriculum::{HIST, MATH, RUS, WORLD};
    let rows = match (subject, grade) {
        (s, 4) if s == RUS => RUS_4,
        (s, 4) if s == MATH => MATH_4,
        (s, 4) if s == WORLD => WORLD_4,
        (s, _) if s == RUS => RUS_5_8,
        (s, _) if s == MATH => MATH_5_8,
        (s, _) if s == HIST => HIST_5_8,
        _ => &[],
    };
    tasks(rows)
}

/// The task table of the ОГЭ mathematics trial.
pub(super) fn oge_tasks() -> Vec<Task> {
    tasks(OGE_MATH)
}

/// The task table of the demo control work.
pub(super) fn control_tasks() -> Vec<Task> {
    tasks(CONTROL_MATH)
}

/// The control work's scale: 5 / 8 / 11 points of 14.
pub(super) fn control_scale() -> Scale {
    Scale {
        mins: [5, 8, 11],
        condition: None,
        source: "demo",
    }
}

fn tasks(rows: &[Row]) -> Vec<Task> {
    rows.iter()
        .map(|&(code, max, level, section)| Task {
            code: code.to_string(),
            max,
            level,
            section: section.to_string(),
        })
        .collect()
}

/// The score → mark scale of a ВПР work.
pub(super) fn vpr_scale(subject: &str, grade: i64) -> Scale {
    use crate::demo::curriculum::{MATH, RUS};
    let (mins, source): ([i64; 3], &'static str) = match (subject, grade) {
        (s, 4) if s == RUS => ([10, 16, 21], "SPEC §5.3: ВПР 2026, русский язык, 4 класс"),
        (s, 4) if s == MATH => ([6, 10, 14], "demo"),
        (_, 4) => ([8, 15, 21], "demo"),
        (s, _) if s == RUS => ([11, 18, 25], "demo"),
        (s, _) if s == MATH => ([7, 12, 17], "demo"),
        _ => ([7, 12, 17], "demo"),
    };
    Scale {
        mins,
        condition: None,
        source,
    }
}

/// The ОГЭ mathematics scale: 8 / 15 / 22 points, each with at least 2 geometry points.
pub(super) fn oge_scale() -> Scale {
    Scale {
        mins: [8, 15, 22],
        condition: Some((O_GEOM, 2)),
        source: "SPEC §7.1 (minimum 8 with ≥ 2 geometry points); 15 and 22: demo",
    }
}
