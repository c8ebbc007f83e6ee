//! Value parsers shared by every importer: dates as Russian files write them and the reason
//! a class name was refused.

use time::{Date, Month};
use vsoko_domain::structure::ClassNameError;

/// The `reason` argument of `import-error-bad-class`: which rule a class name broke.
pub(crate) fn class_error_reason(error: &ClassNameError) -> &'static str {
    match error {
        ClassNameError::NoGrade => "no-grade",
        ClassNameError::GradeOutOfRange => "grade-out-of-range",
        ClassNameError::BadLetter => "bad-letter",
    }
}

/// Parses `ДД.ММ.ГГГГ` or `ГГГГ-ММ-ДД` (a trailing time is ignored); years 1900–2100.
pub(crate) fn parse_date(text: &str) -> Option<Date> {
    let date_part = text.split([' ', 'T']).next().unwrap_or(text);
    let numbers = |sep: char| -> Option<Vec<u32>> {
        let parts: Vec<&str> = date_part.split(sep).collect();
        let valid = parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()));
        valid.then(|| parts.iter().filter_map(|p| p.parse().ok()).collect())
    };
    let (year, month, day) = match (numbers('.'), numbers('-')) {
        (Some(p), _) if p.len() == 3 && p[2] >= 1000 => (p[2], p[1], p[0]),
        (_, Some(p)) if p.len() == 3 && p[0] >= 1000 => (p[0], p[1], p[2]),
        _ => return None,
    };
    if !(1900..=2100).contains(&year) {
        return None;
    }
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?).ok()
}
