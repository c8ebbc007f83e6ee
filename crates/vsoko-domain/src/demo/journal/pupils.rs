//! What the demo journal knows about each pupil before any lesson: how well they learn, how
//! often they skip, and the days they will be away — colds of a few days, a flu wave in the
//! second half of October, family days, and a few long illnesses that cost their quarter
//! marks. Planned over the whole year, so a later `today` does not change earlier days.

use super::{normal, seeded};
use crate::demo::DemoSchool;
use crate::demo::rng::Rng;
use crate::journal::Attendance;
use crate::structure::{ClassName, PeriodSpan};
use std::collections::BTreeMap;
use time::{Date, Month};

/// Mean of the pupils' latent ability, in marks.
const ABILITY_MEAN: f64 = 3.8;
/// Its spread.
const ABILITY_SD: f64 = 0.6;
/// How many pupils are ill for four to five weeks at the end of the first quarter.
const LONG_ILLNESSES: usize = 4;
/// How many pupils are exempt from physical education.
const PE_EXEMPT: usize = 2;

/// The pupils as the journal sees them, indexed by roster position.
pub(super) struct People {
    /// Latent ability in marks (normal around 3.8).
    pub ability: Vec<f64>,
    /// Leaning towards mathematics and sciences (+) or the humanities (−), in marks.
    pub stem: Vec<f64>,
    /// Chance of skipping a lesson (Н), per mille.
    pub truancy: Vec<usize>,
    /// Exempt from physical education (осв.).
    pub exempt_pe: Vec<bool>,
    /// Day-long absences per pupil, by index into `year_days`.
    pub away: Vec<Vec<Option<Attendance>>>,
    /// Every school day of the year.
    pub year_days: Vec<Date>,
    /// Roster positions of each class's pupils, in roster order.
    pub classes: BTreeMap<ClassName, Vec<usize>>,
}

impl People {
    /// Index of a school day in `year_days`.
    pub(super) fn day_index(&self, date: Date) -> Option<usize> {
        self.year_days.binary_search(&date).ok()
    }

    /// The pupil's day-long absence on day `day`, if any.
    pub(super) fn away_on(&self, pupil: usize, day: usize) -> Option<Attendance> {
        self.away.get(pupil).and_then(|d| d.get(day)).copied().flatten()
    }
}

/// The pupil's latent ability and leaning towards the sciences, in marks: the first two
/// draws of the pupil's own generator, exactly what [`build`] gives the journal, so other
/// demo data (assessment results) agree with the pupil's marks.
pub(in crate::demo) fn talent(pupil_code: &str) -> (f64, f64) {
    let mut r = seeded(&["pupil", pupil_code]);
    let ability = ABILITY_MEAN + ABILITY_SD * normal(&mut r);
    (ability, 0.3 * normal(&mut r))
}

/// Plans the pupils' year.
pub(super) fn build(school: &DemoSchool, year_days: &[Date], periods: &[PeriodSpan], mut rng: Rng) -> People {
    let pupils = &school.roster.pupils;
    let mut classes: BTreeMap<ClassName, Vec<usize>> = BTreeMap::new();
    for (i, p) in pupils.iter().enumerate() {
        classes.entry(p.class.clone()).or_default().push(i);
    }
    let year = school.academic_year_start;
    let flu = window(year_days, (year, Month::October, 12), (year, Month::October, 23));
    let spans: Vec<(usize, usize)> = periods
        .iter()
        .map(|p| window(year_days, date_parts(p.start), date_parts(p.end)))
        .collect();
    let mut people = People {
        ability: Vec::new(),
        stem: Vec::new(),
        truancy: Vec::new(),
        exempt_pe: vec![false; pupils.len()],
        away: Vec::new(),
        year_days: year_days.to_vec(),
        classes,
    };
    for p in pupils {
        let mut r = seeded(&["pupil", &p.code]);
        people.ability.push(ABILITY_MEAN + ABILITY_SD * normal(&mut r));
        people.stem.push(0.3 * normal(&mut r));
        people
            .truancy
            .push(if p.class.grade >= 7 && r.percent(12) { 40 } else { 3 });
        let mut away = vec![None; year_days.len()];
        let sickly = 15 + r.below(35);
        for &(first, last) in &spans {
            if r.percent(sickly) {
                streak(&mut away, first + r.below(last - first + 1), r.between(3, 5));
            }
            if r.percent(12) {
                let day = first + r.below(last - first + 1);
                if let Some(slot) = away.get_mut(day) {
                    *slot = Some(Attendance::Excused);
                }
            }
        }
        if r.percent(27) {
            streak(&mut away, flu.0 + r.below(flu.1 - flu.0 + 1), r.between(3, 5));
        }
        people.away.push(away);
    }
    let q1_end = spans.first().map(|s| s.1).unwrap_or_default();
    let chosen = pick(school, LONG_ILLNESSES + PE_EXEMPT, &mut rng);
    for (n, &pupil) in chosen.iter().enumerate() {
        if n < LONG_ILLNESSES {
            // Ill from the second half of September until the last days of the first quarter.
            let length = rng.between(20, 24);
            if let Some(away) = people.away.get_mut(pupil) {
                streak(away, q1_end.saturating_sub(length + rng.below(2)), length);
            }
        } else {
            people.exempt_pe[pupil] = true;
        }
    }
    people
}

/// `count` pupils of grades 2–11 from different classes, the demo login's pupil aside.
fn pick(school: &DemoSchool, count: usize, rng: &mut Rng) -> Vec<usize> {
    let pupils = &school.roster.pupils;
    let mut chosen: Vec<usize> = Vec::new();
    let mut tries = 0;
    while chosen.len() < count && tries < 10_000 {
        tries += 1;
        let i = rng.below(pupils.len());
        let p = &pupils[i];
        let clash = chosen.iter().any(|&c| pupils[c].class == p.class);
        if p.class.grade >= 2 && !clash && p.code != school.logins.pupil_code {
            chosen.push(i);
        }
    }
    chosen
}

/// Marks `days` school days from `start` as ill.
fn streak(away: &mut [Option<Attendance>], start: usize, days: usize) {
    for slot in away.iter_mut().skip(start).take(days) {
        *slot = Some(Attendance::Ill);
    }
}

/// First and last index of the school days between two dates (inclusive).
fn window(days: &[Date], from: (i32, Month, u8), to: (i32, Month, u8)) -> (usize, usize) {
    let day = |(y, m, d): (i32, Month, u8)| Date::from_calendar_date(y, m, d).unwrap_or(Date::MIN);
    let (from, to) = (day(from), day(to));
    let first = days.partition_point(|d| *d < from);
    let last = days.partition_point(|d| *d <= to).saturating_sub(1).max(first);
    (first, last)
}

/// A date as (year, month, day).
fn date_parts(d: Date) -> (i32, Month, u8) {
    (d.year(), d.month(), d.day())
}
