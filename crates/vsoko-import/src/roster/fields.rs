//! The roster's typed values beyond the generic reader's (`crate::sheet`): sex and weekly
//! hours, with the messages users see.

use crate::sheet::Cells;
use vsoko_domain::roster::Sex;

/// The roster's own getters on the generic row reader.
impl Cells<'_> {
    /// An optional sex; a value that is neither М nor Ж is an error.
    pub fn sex(&mut self, header: &str) -> Option<Sex> {
        self.parsed_optional(header, "import-error-bad-sex", parse_sex)
            .ok()
            .flatten()
    }

    /// Required weekly hours: a number above 0 and at most 40.
    pub fn hours(&mut self, header: &str) -> Option<f64> {
        self.parsed(header, "import-error-bad-hours", parse_hours)
    }
}

/// Parses М/Ж and their usual spellings (муж/жен, мужской/женский, Latin M/F).
pub(crate) fn parse_sex(text: &str) -> Option<Sex> {
    match text.trim().to_lowercase().trim_end_matches('.') {
        "м" | "муж" | "мужской" | "m" | "male" => Some(Sex::Male),
        "ж" | "жен" | "женский" | "f" | "female" => Some(Sex::Female),
        _ => None,
    }
}

/// Parses weekly hours with a comma or dot decimal; must be above 0 and at most 40.
pub(crate) fn parse_hours(text: &str) -> Option<f64> {
    let hours: f64 = text.trim().replace(',', ".").parse().ok()?;
    (hours.is_finite() && hours > 0.0 && hours <= 40.0).then_some(hours)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::parse_date;
    use time::macros::date;

    #[test]
    fn dates_are_day_first_with_dots_or_iso_with_dashes() {
        assert_eq!(parse_date("03.05.2014"), Some(date!(2014 - 05 - 03)));
        assert_eq!(parse_date("3.5.2014"), Some(date!(2014 - 05 - 03)));
        assert_eq!(parse_date("2014-05-03"), Some(date!(2014 - 05 - 03)));
        assert_eq!(parse_date("2014-05-03 00:00:00"), Some(date!(2014 - 05 - 03)));
        assert_eq!(parse_date("31.02.2010"), None);
        assert_eq!(parse_date("03.05.14"), None);
        assert_eq!(parse_date("2014.05.03"), None);
        assert_eq!(parse_date("03/05/2014"), None);
        assert_eq!(parse_date("01.01.1800"), None);
    }

    #[test]
    fn sex_accepts_russian_and_latin_spellings() {
        for t in ["М", "м", "муж", "Мужской", "M", "m"] {
            assert_eq!(parse_sex(t), Some(Sex::Male), "{t}");
        }
        for t in ["Ж", "ж", "жен.", "женский", "F", "f"] {
            assert_eq!(parse_sex(t), Some(Sex::Female), "{t}");
        }
        assert_eq!(parse_sex("X"), None);
    }

    #[test]
    fn hours_are_positive_up_to_forty_with_comma_or_dot() {
        assert_eq!(parse_hours("0,5"), Some(0.5));
        assert_eq!(parse_hours("2.5"), Some(2.5));
        assert_eq!(parse_hours("40"), Some(40.0));
        assert_eq!(parse_hours("0"), None);
        assert_eq!(parse_hours("41"), None);
        assert_eq!(parse_hours("-1"), None);
        assert_eq!(parse_hours("NaN"), None);
        assert_eq!(parse_hours("два"), None);
    }
}
