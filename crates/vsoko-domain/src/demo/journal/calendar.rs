//! The school calendar of the demo journal: the school days of a five-day week inside the
//! quarters (so holidays between quarters fall out) and the weekdays an assignment meets.

use crate::structure::PeriodSpan;
use time::{Date, Weekday};

/// Every Monday–Friday inside one of the periods, in order.
pub(super) fn school_days(periods: &[PeriodSpan]) -> Vec<Date> {
    let mut days = Vec::new();
    for p in periods {
        let mut d = p.start;
        while d <= p.end {
            if !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
                days.push(d);
            }
            match d.next_day() {
                Some(next) => d = next,
                None => break,
            }
        }
    }
    days
}

/// The weekdays (0 = Monday … 4 = Friday) of `hours` weekly lessons, spread over the week
/// from `offset`: distinct days up to five hours, a day with two lessons beyond that.
pub(super) fn weekly_slots(hours: usize, offset: usize) -> Vec<u8> {
    (0..hours)
        .map(|k| ((offset + k * 5 / hours.max(1)) % 5) as u8)
        .collect()
}

/// How many lessons of the slots fall on `date`.
pub(super) fn lessons_on(slots: &[u8], date: Date) -> usize {
    let day = date.weekday().number_days_from_monday();
    slots.iter().filter(|&&s| s == day).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_distinct_days_up_to_five_hours() {
        for hours in 1..=5 {
            for offset in 0..5 {
                let mut s = weekly_slots(hours, offset);
                s.sort_unstable();
                s.dedup();
                assert_eq!(s.len(), hours);
            }
        }
        assert_eq!(weekly_slots(6, 0).len(), 6);
    }

    #[test]
    fn two_and_three_hour_subjects_are_not_on_neighbouring_days_only() {
        assert_eq!(weekly_slots(2, 0), vec![0, 2]);
        assert_eq!(weekly_slots(3, 1), vec![1, 2, 4]);
    }
}
