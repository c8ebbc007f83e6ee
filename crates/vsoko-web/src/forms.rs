//! Helpers for HTML forms: dates as people type them (`dd.mm.yyyy` or ISO) and shown
//! (`dd.mm.yyyy`), and [`FieldErrors`], the per-field messages a re-rendered form shows.

use crate::error::AppError;
use std::collections::BTreeMap;
use time::{Date, Month};
use vsoko_i18n::Tr;
use vsoko_store::StoreError;

/// Parses `dd.mm.yyyy` (one-digit day and month allowed) or `yyyy-mm-dd`; years 1900–2100.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let parts = |sep: char| -> Option<[u32; 3]> {
        let mut it = s.split(sep);
        let mut out = [0u32; 3];
        for slot in &mut out {
            let p = it.next()?;
            if p.is_empty() || p.len() > 4 || !p.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            *slot = p.parse().ok()?;
        }
        it.next().is_none().then_some(out)
    };
    let (year, month, day) = if let Some([d, m, y]) = parts('.') {
        (y, m, d)
    } else if let Some([y, m, d]) = parts('-') {
        (y, m, d)
    } else {
        return None;
    };
    if !(1900..=2100).contains(&year) {
        return None;
    }
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?).ok()
}

/// A date as `dd.mm.yyyy`.
pub fn format_date(d: Date) -> String {
    format!("{:02}.{:02}.{:04}", d.day(), u8::from(d.month()), d.year())
}

/// Messages for the fields of a form that failed validation, keyed by field name.
#[derive(Debug, Clone, Default)]
pub struct FieldErrors {
    /// Field name → message.
    pub map: BTreeMap<&'static str, String>,
}

impl FieldErrors {
    /// No errors yet.
    pub fn new() -> FieldErrors {
        FieldErrors::default()
    }

    /// Records a message for a field (the first message of a field wins).
    pub fn add(&mut self, field: &'static str, message: String) {
        self.map.entry(field).or_insert(message);
    }

    /// The message of a field.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.map.get(field).map(String::as_str)
    }

    /// Whether a field has an error (for `aria-invalid`).
    pub fn has(&self, field: &str) -> bool {
        self.map.contains_key(field)
    }

    /// Whether the form is valid.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Requires a non-blank value.
    pub fn required(&mut self, tr: &Tr, field: &'static str, value: &str) {
        if value.trim().is_empty() {
            self.add(field, tr.t("form-required"));
        }
    }

    /// Turns a store rule violation (`Invalid`, `Conflict`) into a field error; any other
    /// store error is returned for the error page.
    pub fn absorb(&mut self, tr: &Tr, e: StoreError) -> Result<(), AppError> {
        match e {
            StoreError::Conflict { field, .. } => self.add(field, tr.t("forms-taken")),
            StoreError::Invalid { field, message } if message == "required" => self.add(field, tr.t("form-required")),
            StoreError::Invalid { field, .. } => self.add(field, tr.t("forms-invalid")),
            other => return Err(other.into()),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates_are_day_first_with_dots_or_iso() {
        assert_eq!(parse_date("03.05.2014"), Some(date!(2014 - 05 - 03)));
        assert_eq!(parse_date(" 3.5.2014 "), Some(date!(2014 - 05 - 03)));
        assert_eq!(parse_date("2014-05-03"), Some(date!(2014 - 05 - 03)));
        assert_eq!(parse_date("31.02.2010"), None);
        assert_eq!(parse_date("03.05.14"), None);
        assert_eq!(parse_date("2014.05.03"), None);
        assert_eq!(parse_date("1.2.3.2014"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(format_date(date!(2014 - 05 - 03)), "03.05.2014");
    }

    #[test]
    fn first_message_of_a_field_wins() {
        let mut e = FieldErrors::new();
        assert!(e.is_empty());
        e.add("code", "a".into());
        e.add("code", "b".into());
        assert_eq!(e.get("code"), Some("a"));
        assert!(e.has("code") && !e.has("name"));
    }
}
