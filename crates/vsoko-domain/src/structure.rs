//! Rules of the school structure: class names ("5А"), grade levels and period layouts.

use serde::{Deserialize, Serialize};
use std::fmt;
use time::{Date, Month};

/// Lowest and highest grade level of a general-education school.
pub const GRADES: std::ops::RangeInclusive<i64> = 1..=11;

/// A class name: grade level 1–11 and a letter (or short suffix), e.g. "5А", "10Б", "11 ИТ".
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ClassName {
    /// Grade level 1..=11.
    pub grade: i64,
    /// Letter or suffix, upper case, without spaces (e.g. "А").
    pub letter: String,
}

/// Why a class name did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClassNameError {
    /// No leading grade number.
    #[error("class name must start with a grade 1–11, e.g. 5А")]
    NoGrade,
    /// Grade out of 1..=11.
    #[error("grade must be between 1 and 11")]
    GradeOutOfRange,
    /// Missing or too long letter.
    #[error("class letter is missing or longer than 3 characters")]
    BadLetter,
}

impl ClassName {
    /// Parses "5А", "5 а", "5-А", "10Б" (Latin look-alike letters are mapped to Cyrillic).
    pub fn parse(text: &str) -> Result<Self, ClassNameError> {
        let t: String = text
            .trim()
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.is_empty() {
            return Err(ClassNameError::NoGrade);
        }
        let grade: i64 = digits.parse().map_err(|_| ClassNameError::GradeOutOfRange)?;
        if !GRADES.contains(&grade) {
            return Err(ClassNameError::GradeOutOfRange);
        }
        let letter: String = t[digits.len()..]
            .chars()
            .map(latin_to_cyrillic)
            .collect::<String>()
            .to_uppercase();
        if letter.is_empty() || letter.chars().count() > 3 {
            return Err(ClassNameError::BadLetter);
        }
        Ok(ClassName { grade, letter })
    }
}

fn latin_to_cyrillic(c: char) -> char {
    match c {
        'A' | 'a' => 'А',
        'B' | 'b' => 'В',
        'E' | 'e' => 'Е',
        'K' | 'k' => 'К',
        'M' | 'm' => 'М',
        'H' | 'h' => 'Н',
        'O' | 'o' => 'О',
        'P' | 'p' => 'Р',
        'C' | 'c' => 'С',
        'T' | 't' => 'Т',
        'X' | 'x' => 'Х',
        other => other,
    }
}

impl fmt::Display for ClassName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.grade, self.letter)
    }
}

/// How a school year is divided for term marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PeriodKind {
    /// Four quarters (четверти).
    Quarter,
    /// Three trimesters (триместры).
    Trimester,
    /// Two half-years (полугодия).
    HalfYear,
}

impl PeriodKind {
    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            PeriodKind::Quarter => "quarter",
            PeriodKind::Trimester => "trimester",
            PeriodKind::HalfYear => "half_year",
        }
    }

    /// Parses the stored code.
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "quarter" => Some(PeriodKind::Quarter),
            "trimester" => Some(PeriodKind::Trimester),
            "half_year" => Some(PeriodKind::HalfYear),
            _ => None,
        }
    }

    /// Number of periods in a year.
    pub fn count(self) -> usize {
        match self {
            PeriodKind::Quarter => 4,
            PeriodKind::Trimester => 3,
            PeriodKind::HalfYear => 2,
        }
    }
}

/// One period of a school year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodSpan {
    /// 1-based index within the year.
    pub index: i64,
    /// First day.
    pub start: Date,
    /// Last day (inclusive).
    pub end: Date,
}

/// The usual period dates of the school year starting 1 September of `start_year`
/// (a default the deputy edits; holidays differ by region).
pub fn default_periods(kind: PeriodKind, start_year: i32) -> Vec<PeriodSpan> {
    let d = |y: i32, m: Month, day: u8| Date::from_calendar_date(y, m, day).unwrap_or(Date::MIN);
    let y = start_year;
    let spans: Vec<(Date, Date)> = match kind {
        PeriodKind::Quarter => vec![
            (d(y, Month::September, 1), d(y, Month::October, 24)),
            (d(y, Month::November, 5), d(y, Month::December, 28)),
            (d(y + 1, Month::January, 9), d(y + 1, Month::March, 21)),
            (d(y + 1, Month::April, 1), d(y + 1, Month::May, 26)),
        ],
        PeriodKind::Trimester => vec![
            (d(y, Month::September, 1), d(y, Month::November, 30)),
            (d(y, Month::December, 1), d(y + 1, Month::February, 28)),
            (d(y + 1, Month::March, 1), d(y + 1, Month::May, 26)),
        ],
        PeriodKind::HalfYear => vec![
            (d(y, Month::September, 1), d(y, Month::December, 28)),
            (d(y + 1, Month::January, 9), d(y + 1, Month::May, 26)),
        ],
    };
    spans
        .into_iter()
        .enumerate()
        .map(|(i, (start, end))| PeriodSpan {
            index: i as i64 + 1,
            start,
            end,
        })
        .collect()
}

/// Validates a list of periods: each ends after it starts and they do not overlap.
pub fn periods_are_consistent(periods: &[PeriodSpan]) -> bool {
    periods.iter().all(|p| p.start <= p.end) && periods.windows(2).all(|w| w[0].end < w[1].start)
}

/// A range of grades whose classes keep a period kind other than the year's (e.g. grades
/// 10–11 in half-years while 1–9 keep quarters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodLevel {
    /// First grade of the range (1–11).
    pub from_grade: i64,
    /// Last grade of the range (inclusive, `from_grade`–11).
    pub to_grade: i64,
    /// The period kind of these grades.
    pub kind: PeriodKind,
}

/// Why a list of grade ranges was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PeriodLevelError {
    /// A range is not within grades 1–11 or ends before it starts.
    #[error("a grade range must lie within 1–11 and end at or after its start")]
    BadRange,
    /// Two ranges share a grade.
    #[error("grade ranges must not overlap")]
    Overlap,
}

/// Checks grade ranges: each within 1–11 and not reversed, no two sharing a grade.
pub fn check_period_levels(levels: &[PeriodLevel]) -> Result<(), PeriodLevelError> {
    if levels
        .iter()
        .any(|l| l.from_grade < 1 || l.to_grade > 11 || l.to_grade < l.from_grade)
    {
        return Err(PeriodLevelError::BadRange);
    }
    let mut sorted = levels.to_vec();
    sorted.sort_by_key(|l| l.from_grade);
    if sorted.windows(2).any(|w| w[1].from_grade <= w[0].to_grade) {
        return Err(PeriodLevelError::Overlap);
    }
    Ok(())
}

/// The period kind of a grade: its range's, else the year's `default`.
pub fn period_kind_of(levels: &[PeriodLevel], default: PeriodKind, grade: i64) -> PeriodKind {
    levels
        .iter()
        .find(|l| (l.from_grade..=l.to_grade).contains(&grade))
        .map_or(default, |l| l.kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names_parse_with_spaces_dashes_and_latin_letters() {
        assert_eq!(ClassName::parse("5А").map(|c| c.to_string()), Ok("5А".into()));
        assert_eq!(ClassName::parse(" 10 б ").map(|c| c.to_string()), Ok("10Б".into()));
        assert_eq!(ClassName::parse("7-A").map(|c| c.to_string()), Ok("7А".into()));
        assert_eq!(ClassName::parse("12А"), Err(ClassNameError::GradeOutOfRange));
        assert_eq!(ClassName::parse("А5"), Err(ClassNameError::NoGrade));
        assert_eq!(ClassName::parse("5"), Err(ClassNameError::BadLetter));
    }

    #[test]
    fn default_periods_do_not_overlap() {
        for kind in [PeriodKind::Quarter, PeriodKind::Trimester, PeriodKind::HalfYear] {
            let p = default_periods(kind, 2026);
            assert_eq!(p.len(), kind.count());
            assert!(periods_are_consistent(&p));
        }
    }

    #[test]
    fn a_grade_takes_its_range_kind_else_the_years() {
        let senior = PeriodLevel {
            from_grade: 10,
            to_grade: 11,
            kind: PeriodKind::HalfYear,
        };
        assert_eq!(period_kind_of(&[senior], PeriodKind::Quarter, 10), PeriodKind::HalfYear);
        assert_eq!(period_kind_of(&[senior], PeriodKind::Quarter, 11), PeriodKind::HalfYear);
        assert_eq!(period_kind_of(&[senior], PeriodKind::Quarter, 9), PeriodKind::Quarter);
        assert_eq!(check_period_levels(&[senior]), Ok(()));
        let overlapping = PeriodLevel {
            from_grade: 5,
            to_grade: 10,
            kind: PeriodKind::Trimester,
        };
        assert_eq!(
            check_period_levels(&[senior, overlapping]),
            Err(PeriodLevelError::Overlap)
        );
        let reversed = PeriodLevel {
            from_grade: 9,
            to_grade: 8,
            kind: PeriodKind::Trimester,
        };
        assert_eq!(check_period_levels(&[reversed]), Err(PeriodLevelError::BadRange));
        let beyond = PeriodLevel { to_grade: 12, ..senior };
        assert_eq!(check_period_levels(&[beyond]), Err(PeriodLevelError::BadRange));
    }
}
