//! The demo school's journal for the first half of the year: lessons with topics, homework
//! and work types after each class's weekly hours; marks whose distribution differs by
//! teacher (one lenient, one harsh); absences with a flu wave in late October; and the
//! quarter marks the teachers put from the suggested weighted mean. Pure and deterministic,
//! and chronological, so a later `today` only adds to what an earlier one produced.

mod calendar;
mod cells;
mod lessons;
mod pupils;
mod quarter;
mod teachers;
mod topics;
mod topics_science;

#[cfg(test)]
mod tests;

use super::DemoSchool;
use super::rng::Rng;
use crate::journal::{Attendance, Mark, PeriodMark};
use crate::structure::{ClassName, PeriodKind, default_periods};
use time::Date;

pub(in crate::demo) use pupils::talent;
pub(in crate::demo) use teachers::{Cast, busiest, cast};

/// Seed of the journal; a different value changes every mark and absence of the demo.
const SEED: u64 = 0x0D0C_2026_10C5;

/// What the demo school's journal holds up to a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoJournal {
    /// Lessons in date order, then in roster order of their assignments.
    pub lessons: Vec<DemoLesson>,
    /// Cells with a mark, an attendance code or a comment, in lesson then roster order.
    pub cells: Vec<DemoCell>,
    /// Term marks of every quarter that ended before `today`.
    pub period_marks: Vec<DemoPeriodMark>,
    /// The teacher whose marks are clearly above the school's (bias +0.6).
    pub lenient_staff_code: String,
    /// The teacher whose marks are clearly below the school's (bias −0.5).
    pub harsh_staff_code: String,
    /// The teacher who leaves about 3 % of lessons without a topic and homework, for the
    /// deputy's journal control to find.
    pub incomplete_staff_code: String,
}

/// One lesson of an assignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLesson {
    /// Class.
    pub class: ClassName,
    /// Subject name as in the roster.
    pub subject: String,
    /// Subgroup "1" or "2", or "" for the whole class.
    pub subgroup: String,
    /// The teacher's staff code.
    pub staff_code: String,
    /// Day of the lesson.
    pub date: Date,
    /// Topic; empty only on some lessons of the incomplete teacher.
    pub topic: String,
    /// Homework; empty in grade 1 (none is set), in many PE, music, art, труд and project
    /// lessons, and on some lessons of the incomplete teacher.
    pub homework: String,
    /// Work type code from `data/reference/work_types.csv` ("classwork", "test", …).
    pub work_type: String,
}

/// What the journal shows for one pupil at one lesson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoCell {
    /// Index into [`DemoJournal::lessons`].
    pub lesson: usize,
    /// The pupil's roster code.
    pub pupil_code: String,
    /// Zero, one or (rarely) two marks; none when the pupil was absent.
    pub marks: Vec<Mark>,
    /// Attendance code, if any.
    pub attendance: Option<Attendance>,
    /// Teacher's comment, or "".
    pub comment: String,
}

/// A pupil's term mark in a subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoPeriodMark {
    /// The pupil's roster code.
    pub pupil_code: String,
    /// The pupil's class.
    pub class: ClassName,
    /// Subject name.
    pub subject: String,
    /// 1-based quarter index.
    pub period_index: i64,
    /// The mark the teacher put.
    pub mark: PeriodMark,
}

/// The subgroup ("1" or "2") of the pupil at `pupil_index_in_class` (roster order) in a
/// class of `class_size`: the first half, rounded up, is subgroup "1".
pub fn subgroup_of(pupil_index_in_class: usize, class_size: usize) -> &'static str {
    if pupil_index_in_class < class_size.div_ceil(2) {
        "1"
    } else {
        "2"
    }
}

/// Lessons from 1 September of the demo year up to `today` (inclusive), following each
/// class's weekly hours on a 5-day week, with their cells, and the quarter marks of every
/// quarter that ended before `today`.
pub fn generate_journal(school: &DemoSchool, today: Date) -> DemoJournal {
    let periods = default_periods(PeriodKind::Quarter, school.academic_year_start);
    let cast = teachers::cast(school);
    let year_days = calendar::school_days(&periods);
    let days: Vec<Date> = year_days.iter().copied().filter(|d| *d <= today).collect();
    // One generator per stage, each drawn from in date order, so an earlier `today` gives a
    // prefix of the same journal.
    let planned = lessons::build(school, &days, &periods, &cast.incomplete, seeded(&["lessons"]));
    let people = pupils::build(school, &year_days, &periods, seeded(&["pupils"]));
    let cells = cells::build(school, &planned, &people, &cast, &periods, seeded(&["cells"]));
    let lessons: Vec<DemoLesson> = planned.into_iter().map(|p| p.lesson).collect();
    let period_marks = quarter::build(school, &lessons, &cells, &people, &cast, &periods, today);
    DemoJournal {
        lessons,
        cells,
        period_marks,
        lenient_staff_code: cast.lenient,
        harsh_staff_code: cast.harsh,
        incomplete_staff_code: cast.incomplete,
    }
}

/// A generator of its own for an entity named by `parts`, so its draws do not depend on
/// how many numbers other entities took.
fn seeded(parts: &[&str]) -> Rng {
    // FNV-1a: stable across platforms and Rust versions, unlike `DefaultHasher`.
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0xFF]) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
    Rng::new(SEED ^ h)
}

/// A uniform number in [0, 1).
fn unit(rng: &mut Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1_u64 << 53) as f64
}

/// A roughly standard normal number (sum of four uniforms, rescaled): enough for marks.
fn normal(rng: &mut Rng) -> f64 {
    let sum: f64 = (0..4).map(|_| unit(rng)).sum();
    (sum - 2.0) * 3.0_f64.sqrt()
}

/// Index of the period containing `date`.
fn period_of(periods: &[crate::structure::PeriodSpan], date: Date) -> Option<usize> {
    periods.iter().position(|p| p.start <= date && date <= p.end)
}
