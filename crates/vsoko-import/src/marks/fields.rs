//! The marks importer's typed values beyond the generic reader's (`crate::sheet`): marks,
//! attendance, period and term mark, with the messages users see.

use crate::error::Msg;
use crate::sheet::Cells;
use vsoko_domain::journal::{Attendance, Mark, MarkError, PeriodMark, parse_cell_marks};

/// The marks importer's own getters on the generic row reader.
impl Cells<'_> {
    /// The marks of a cell (empty → none).
    pub fn marks(&mut self, header: &str) -> Option<Vec<Mark>> {
        let Some(text) = self.optional(header) else {
            return Some(Vec::new());
        };
        match parse_cell_marks(&text) {
            Ok(marks) => Some(marks),
            Err(e) => {
                let key = match e {
                    MarkError::OutOfScale => "marks-import-error-bad-mark",
                    MarkError::TooMany => "marks-import-error-too-many-marks",
                };
                self.error(Some(header), Msg::new(key).arg("text", &text));
                None
            }
        }
    }

    /// An optional attendance code; anything else is an error (`Err`).
    pub fn attendance(&mut self, header: &str) -> Result<Option<Attendance>, ()> {
        self.parsed_optional(header, "marks-import-error-bad-attendance", Attendance::parse)
    }

    /// A required period: 1–4, or "год" for the year mark (`Some(None)`).
    pub fn period(&mut self, header: &str) -> Option<Option<i64>> {
        self.parsed(header, "marks-import-error-bad-period", parse_period)
    }

    /// A required term mark.
    pub fn term_mark(&mut self, header: &str) -> Option<PeriodMark> {
        self.parsed(header, "marks-import-error-bad-term-mark", |text| {
            PeriodMark::parse(text).filter(|m| !matches!(m, PeriodMark::Mark(v) if v.value() < 2))
        })
    }
}

/// Parses a period number 1–4 ("2", "2 четверть", "II" is not accepted) or the year mark
/// ("год", "годовая", "year"): `Some(Some(n))`, `Some(None)` or `None` when neither.
pub(crate) fn parse_period(text: &str) -> Option<Option<i64>> {
    let t = text.trim().to_lowercase();
    if matches!(t.as_str(), "год" | "годовая" | "годовая отметка" | "г" | "year") {
        return Some(None);
    }
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = t[digits.len()..].trim();
    let known_rest = rest.is_empty() || ["четверть", "триместр", "полугодие", "ч", "ч."].contains(&rest);
    match digits.parse::<i64>() {
        Ok(n) if (1..=4).contains(&n) && known_rest => Some(Some(n)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::parse_date;
    use time::macros::date;

    #[test]
    fn periods_are_numbers_one_to_four_or_the_year() {
        assert_eq!(parse_period("2"), Some(Some(2)));
        assert_eq!(parse_period("3 четверть"), Some(Some(3)));
        assert_eq!(parse_period("Год"), Some(None));
        assert_eq!(parse_period("5"), None);
        assert_eq!(parse_period("0"), None);
        assert_eq!(parse_period("вторая"), None);
        assert_eq!(parse_period(""), None);
    }

    #[test]
    fn lesson_dates_are_day_first_or_iso() {
        assert_eq!(parse_date("16.11.2026"), Some(date!(2026 - 11 - 16)));
        assert_eq!(parse_date("2026-11-16"), Some(date!(2026 - 11 - 16)));
        assert_eq!(parse_date("31.11.2026"), None);
        assert_eq!(parse_date("16/11/2026"), None);
    }
}
