//! Assessment procedures task by task (SPEC §5, §7, §12; PEERS §6): the kind of procedure
//! (ВПР, ОГЭ, ЕГЭ, …), its tasks with maximum score, difficulty level and the codifier
//! items they check, the per-pupil results as they arrive from a file (participant code,
//! class, variant, a score per task where "not done" is not 0, primary score, mark or test
//! score, journal mark), and the conversion of a primary score into a mark or a test
//! score by an official table with conditional rules. The mark is always computed from a
//! table, never guessed from data.

pub mod codifier;
pub mod conversion;
pub mod reference;
pub mod rows;

pub use conversion::{Band, Condition, ConversionError, ConversionTable, Converted, Output};
pub use rows::{AssessmentFile, ProcedureHeader, ResultRow};

use serde::{Deserialize, Serialize};
use std::fmt;

/// The kind of an assessment procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ProcedureKind {
    /// Всероссийская проверочная работа.
    Vpr,
    /// Основной государственный экзамен (grade 9).
    Oge,
    /// Единый государственный экзамен (grade 11).
    Ege,
    /// Государственный выпускной экзамен.
    Gve,
    /// Национальное исследование качества образования.
    Niko,
    /// Regional monitoring.
    Regional,
    /// Municipal monitoring.
    Municipal,
    /// International study (PISA, TIMSS, PIRLS).
    International,
    /// The school's own control work.
    SchoolControl,
}

impl ProcedureKind {
    /// Every kind, in display order.
    pub const ALL: [ProcedureKind; 9] = [
        ProcedureKind::Vpr,
        ProcedureKind::Oge,
        ProcedureKind::Ege,
        ProcedureKind::Gve,
        ProcedureKind::Niko,
        ProcedureKind::Regional,
        ProcedureKind::Municipal,
        ProcedureKind::International,
        ProcedureKind::SchoolControl,
    ];

    /// Stable code stored in the database and used in files and URLs.
    pub fn code(self) -> &'static str {
        match self {
            ProcedureKind::Vpr => "vpr",
            ProcedureKind::Oge => "oge",
            ProcedureKind::Ege => "ege",
            ProcedureKind::Gve => "gve",
            ProcedureKind::Niko => "niko",
            ProcedureKind::Regional => "regional",
            ProcedureKind::Municipal => "municipal",
            ProcedureKind::International => "international",
            ProcedureKind::SchoolControl => "school",
        }
    }

    /// The kind for a code (or its usual Russian abbreviation, case-insensitive).
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim().to_lowercase();
        let by_name = match t.as_str() {
            "впр" => Some(ProcedureKind::Vpr),
            "огэ" => Some(ProcedureKind::Oge),
            "егэ" => Some(ProcedureKind::Ege),
            "гвэ" => Some(ProcedureKind::Gve),
            "нико" => Some(ProcedureKind::Niko),
            "кр" | "контрольная работа" => Some(ProcedureKind::SchoolControl),
            _ => None,
        };
        by_name.or_else(|| Self::ALL.into_iter().find(|k| k.code() == t))
    }

    /// What the procedure's primary score converts into.
    pub fn output(self) -> Output {
        match self {
            ProcedureKind::Ege => Output::TestScore,
            _ => Output::Mark,
        }
    }
}

impl fmt::Display for ProcedureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Difficulty level of a task: базовый, повышенный, высокий.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Level {
    /// Б — basic.
    Basic,
    /// П — advanced.
    Advanced,
    /// В — high.
    High,
}

impl Level {
    /// The Russian letter, as files and codifiers write it.
    pub fn letter(self) -> &'static str {
        match self {
            Level::Basic => "Б",
            Level::Advanced => "П",
            Level::High => "В",
        }
    }

    /// Parses Б/П/В (also the Latin look-alikes B for В is ambiguous and refused; full
    /// words "базовый", "повышенный", "высокий" are accepted).
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "б" | "базовый" | "basic" => Some(Level::Basic),
            "п" | "повышенный" | "advanced" => Some(Level::Advanced),
            "в" | "высокий" | "high" => Some(Level::High),
            _ => None,
        }
    }
}

/// One task (or scoring criterion) of a procedure, e.g. `9.1` or `2К1`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskSpec {
    /// Code as the results file writes it.
    pub code: String,
    /// Maximum score.
    pub max_score: u32,
    /// Difficulty level, when known.
    pub level: Option<Level>,
    /// Codifier items (checked requirements, content elements) the task checks.
    pub skills: Vec<Skill>,
}

/// A codifier item a task checks: its code (may be empty when the source gives only the
/// text) and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skill {
    /// Code in the codifier, e.g. "1.2"; empty when unknown.
    pub code: String,
    /// Section (раздел) of the codifier, when known.
    pub section: String,
    /// Short text of the checked skill or content element.
    pub text: String,
}

/// Parses a task column header of the form `<code> (<max>б)`, e.g. `9.1 (1б)` or
/// `2К1 (3б)`; also `<code> (<max>)`. Returns the code and the maximum.
pub fn parse_task_header(header: &str) -> Option<(String, u32)> {
    let h = header.trim();
    let open = h.rfind('(')?;
    let inner = h[open + 1..].strip_suffix(')')?.trim();
    let digits: String = inner.chars().take_while(char::is_ascii_digit).collect();
    let unit = inner[digits.len()..].trim().to_lowercase();
    if !matches!(unit.as_str(), "" | "б" | "б." | "b" | "балл" | "балла" | "баллов") {
        return None;
    }
    let max: u32 = digits.parse().ok()?;
    let code = h[..open].trim();
    let valid = !code.is_empty()
        && code.chars().count() <= 16
        && code.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '_');
    (valid && max <= 100).then(|| (code.to_string(), max))
}

/// Whether a results cell means "task not done" (no answer), which is not a score of 0:
/// `X`, `Х`, `-`, `—`, `–`, `нет отметки` and an empty cell.
pub fn is_not_done(cell: &str) -> bool {
    let t = cell.trim();
    t.is_empty() || matches!(t, "X" | "x" | "Х" | "х" | "-" | "—" | "–") || t.to_lowercase() == "нет отметки"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_headers_give_code_and_max() {
        assert_eq!(parse_task_header("1 (2б)"), Some(("1".into(), 2)));
        assert_eq!(parse_task_header("9.1 (1б)"), Some(("9.1".into(), 1)));
        assert_eq!(parse_task_header("2К1 (3б)"), Some(("2К1".into(), 3)));
        assert_eq!(parse_task_header("ГК1 (2)"), Some(("ГК1".into(), 2)));
        assert_eq!(parse_task_header("Первичный балл"), None);
        assert_eq!(parse_task_header("(2б)"), None);
        assert_eq!(parse_task_header("1 (два)"), None);
    }

    #[test]
    fn not_done_cells_are_not_zero() {
        for cell in ["X", "Х", "-", "—", "нет отметки", "Нет отметки", ""] {
            assert!(is_not_done(cell), "{cell}");
        }
        assert!(!is_not_done("0"));
    }

    #[test]
    fn kinds_and_levels_round_trip() {
        for k in ProcedureKind::ALL {
            assert_eq!(ProcedureKind::parse(k.code()), Some(k));
        }
        assert_eq!(ProcedureKind::parse("ВПР"), Some(ProcedureKind::Vpr));
        for l in [Level::Basic, Level::Advanced, Level::High] {
            assert_eq!(Level::parse(l.letter()), Some(l));
        }
        assert_eq!(Level::parse("Z"), None);
    }
}
