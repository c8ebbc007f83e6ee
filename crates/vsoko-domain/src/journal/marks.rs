//! Marks (1–5), term marks with their special entries (н/а, осв., зачёт/незачёт) and
//! attendance codes, each parsed from what a teacher types.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A current mark on the five-point scale (1 is allowed: some schools use it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Mark(u8);

/// Why a typed value is not a mark.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkError {
    /// Not a number 1–5.
    #[error("a mark is a whole number from 1 to 5")]
    OutOfScale,
    /// More marks in one cell than [`MAX_MARKS_PER_CELL`].
    #[error("at most three marks in one cell")]
    TooMany,
}

/// Most marks one pupil can get at one lesson.
pub const MAX_MARKS_PER_CELL: usize = 3;

/// Parses the marks of one journal cell as typed: "5", "54", "5 4", "5,4", "5/4"; empty
/// text is no marks.
pub fn parse_cell_marks(text: &str) -> Result<Vec<Mark>, MarkError> {
    let marks = text
        .chars()
        .filter(|c| !matches!(c, ' ' | ',' | '/' | ';'))
        .map(|c| Mark::parse(&c.to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    if marks.len() > MAX_MARKS_PER_CELL {
        return Err(MarkError::TooMany);
    }
    Ok(marks)
}

/// The stored form of a cell's marks ("5 4").
pub fn format_cell_marks(marks: &[Mark]) -> String {
    marks.iter().map(Mark::to_string).collect::<Vec<_>>().join(" ")
}

impl Mark {
    /// Parses "1".."5" (surrounding spaces allowed).
    pub fn parse(text: &str) -> Result<Mark, MarkError> {
        match text.trim() {
            "1" => Ok(Mark(1)),
            "2" => Ok(Mark(2)),
            "3" => Ok(Mark(3)),
            "4" => Ok(Mark(4)),
            "5" => Ok(Mark(5)),
            _ => Err(MarkError::OutOfScale),
        }
    }

    /// A mark from its value; `None` outside 1–5.
    pub fn new(value: i64) -> Option<Mark> {
        (1..=5).contains(&value).then_some(Mark(value as u8))
    }

    /// The nearest mark to a value (1 below the scale, 5 above it).
    pub fn clamped(value: i64) -> Mark {
        Mark(value.clamp(1, 5) as u8)
    }

    /// The value 1–5.
    pub fn value(self) -> i64 {
        i64::from(self.0)
    }
}

impl fmt::Display for Mark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A term (period) or year mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PeriodMark {
    /// 2–5 (1 where the scale allows it).
    Mark(Mark),
    /// н/а — not attested; counted in the denominator, never as passing.
    NotAttested,
    /// осв. — exempt; not counted.
    Exempt,
    /// зачёт / зачтено.
    Pass,
    /// незачёт / не зачтено.
    Fail,
}

impl PeriodMark {
    /// Parses what a teacher types: a digit, "н/а" (also "на", "н\а"), "осв" ("осв."),
    /// "зач" ("зачёт", "зачтено"), "незач" ("незачёт", "не зачтено"); case-insensitive.
    pub fn parse(text: &str) -> Option<PeriodMark> {
        let t = text
            .trim()
            .to_lowercase()
            .replace('ё', "е")
            .replace(['\\', ' ', '.'], "");
        match t.as_str() {
            "н/а" | "на" => Some(PeriodMark::NotAttested),
            "осв" | "освобожден" => Some(PeriodMark::Exempt),
            "зач" | "зачет" | "зачтено" => Some(PeriodMark::Pass),
            "незач" | "незачет" | "незачтено" => Some(PeriodMark::Fail),
            other => Mark::parse(other).ok().map(PeriodMark::Mark),
        }
    }

    /// The stored code: "1".."5", "na", "exempt", "pass", "fail".
    pub fn code(self) -> String {
        match self {
            PeriodMark::Mark(m) => m.to_string(),
            PeriodMark::NotAttested => "na".into(),
            PeriodMark::Exempt => "exempt".into(),
            PeriodMark::Pass => "pass".into(),
            PeriodMark::Fail => "fail".into(),
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<PeriodMark> {
        match code {
            "na" => Some(PeriodMark::NotAttested),
            "exempt" => Some(PeriodMark::Exempt),
            "pass" => Some(PeriodMark::Pass),
            "fail" => Some(PeriodMark::Fail),
            other => Mark::parse(other).ok().map(PeriodMark::Mark),
        }
    }
}

/// An attendance entry of a pupil at a lesson.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Attendance {
    /// Н — absent.
    Absent,
    /// Б — absent, ill.
    Ill,
    /// УП — absent for a valid reason (уважительная причина).
    Excused,
    /// ОП — late (опоздание).
    Late,
}

impl Attendance {
    /// Every code, in the order the journal offers them.
    pub const ALL: [Attendance; 4] = [
        Attendance::Absent,
        Attendance::Ill,
        Attendance::Excused,
        Attendance::Late,
    ];

    /// Parses "Н", "Б", "УП", "ОП" (also Latin look-alikes "H", "B"), case-insensitive.
    pub fn parse(text: &str) -> Option<Attendance> {
        match text.trim().to_uppercase().as_str() {
            "Н" | "H" | "НБ" => Some(Attendance::Absent),
            "Б" | "B" => Some(Attendance::Ill),
            "УП" => Some(Attendance::Excused),
            "ОП" => Some(Attendance::Late),
            _ => None,
        }
    }

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Attendance::Absent => "absent",
            Attendance::Ill => "ill",
            Attendance::Excused => "excused",
            Attendance::Late => "late",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Attendance> {
        Attendance::ALL.into_iter().find(|a| a.code() == code)
    }

    /// Whether the pupil missed the lesson (late is present).
    pub fn is_absence(self) -> bool {
        !matches!(self, Attendance::Late)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_whole_numbers_one_to_five() {
        assert_eq!(Mark::parse(" 5 ").map(Mark::value), Ok(5));
        for bad in ["0", "6", "4.5", "", "пять", "-1"] {
            assert!(Mark::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn cells_take_up_to_three_marks_typed_any_usual_way() {
        let v = |t: &str| parse_cell_marks(t).map(|m| m.iter().map(|x| x.value()).collect::<Vec<_>>());
        assert_eq!(v("54"), Ok(vec![5, 4]));
        assert_eq!(v("5 4"), Ok(vec![5, 4]));
        assert_eq!(v("5/4,3"), Ok(vec![5, 4, 3]));
        assert_eq!(v(""), Ok(vec![]));
        assert_eq!(v("5555"), Err(MarkError::TooMany));
        assert_eq!(v("6"), Err(MarkError::OutOfScale));
        assert_eq!(v("н"), Err(MarkError::OutOfScale));
        assert_eq!(format_cell_marks(&parse_cell_marks("5,4").unwrap_or_default()), "5 4");
    }

    #[test]
    fn term_entries_parse_as_teachers_type_them() {
        assert_eq!(PeriodMark::parse("Н/А"), Some(PeriodMark::NotAttested));
        assert_eq!(PeriodMark::parse("осв."), Some(PeriodMark::Exempt));
        assert_eq!(PeriodMark::parse("зачёт"), Some(PeriodMark::Pass));
        assert_eq!(PeriodMark::parse("не зачтено"), Some(PeriodMark::Fail));
        assert_eq!(PeriodMark::parse("4"), Mark::new(4).map(PeriodMark::Mark));
        assert_eq!(PeriodMark::parse("6"), None);
        for p in [
            PeriodMark::NotAttested,
            PeriodMark::Exempt,
            PeriodMark::Pass,
            PeriodMark::Fail,
        ] {
            assert_eq!(PeriodMark::from_code(&p.code()), Some(p));
        }
    }

    #[test]
    fn attendance_codes_round_trip_and_late_is_present() {
        for a in Attendance::ALL {
            assert_eq!(Attendance::from_code(a.code()), Some(a));
        }
        assert_eq!(Attendance::parse("уп"), Some(Attendance::Excused));
        assert_eq!(Attendance::parse("h"), Some(Attendance::Absent));
        assert!(!Attendance::Late.is_absence());
    }
}
