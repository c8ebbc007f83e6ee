//! The rules of SPEC §8.4 that relate planned procedures to each other and to the teaching
//! load, each finding with the rule, the entries involved and a message naming them:
//!
//! - not more than one procedure a day in a class ([`Rule::OnePerDay`]);
//! - in a parallel, one subject's procedures at least 2.5 weeks apart ([`Rule::Frequency`];
//!   the same procedure written by several classes of the parallel on different days is one
//!   procedure, so only different procedures — or one class twice — are compared);
//! - in a class, a subject's procedures take at most 10 % of the subject's yearly lessons
//!   (weekly hours × [`weeks_in_year`](super::weeks_in_year)) ([`Rule::ShareOfHours`]);
//! - not on the first or the last lesson of the class's day, unless the subject has at most
//!   one lesson a week ([`Rule::FirstLesson`], [`Rule::LastLesson`]);
//! - a class × subject without weekly hours cannot be checked against the 10 % rule or the
//!   one-hour exception ([`Rule::UnknownHours`]).

use super::{Entry, ru_date, weeks_in_year};
use crate::msg::Msg;
use serde::Serialize;
use std::collections::BTreeMap;
use uuid::Uuid;

/// Fewest days between two procedures of a subject in a parallel: 2.5 weeks rounded down
/// ("≈ every 17 days", SPEC §8.4 item 2). Dates 17 days apart pass, 16 do not.
pub const MIN_GAP_DAYS: i64 = 17;
/// Largest share of a subject's yearly lessons spent on procedures, in percent.
pub const MAX_SHARE_PERCENT: i64 = 10;

/// Weekly hours × 100 of each (class, subject), from the teaching load. Subgroups of one
/// class-subject count once: give the hours of the class, not the sum over subgroups.
pub type WeeklyHours = BTreeMap<(Uuid, Uuid), i64>;

/// Which rule a finding breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Rule {
    /// More than one procedure in a class on one day.
    OnePerDay,
    /// Two procedures of a subject in a parallel less than 2.5 weeks apart.
    Frequency,
    /// Procedures take more than 10 % of the subject's yearly lessons in the class.
    ShareOfHours,
    /// A procedure on the first lesson of the day.
    FirstLesson,
    /// A procedure on the last lesson of the day.
    LastLesson,
    /// The class has no weekly hours of the subject in the teaching load.
    UnknownHours,
}

impl Rule {
    /// Stable code for the API and CSS.
    pub fn code(self) -> &'static str {
        match self {
            Rule::OnePerDay => "one_per_day",
            Rule::Frequency => "frequency",
            Rule::ShareOfHours => "share_of_hours",
            Rule::FirstLesson => "first_lesson",
            Rule::LastLesson => "last_lesson",
            Rule::UnknownHours => "unknown_hours",
        }
    }
}

/// One broken rule: which, the entries involved (in date order) and why, for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule.
    pub rule: Rule,
    /// Ids of the entries involved.
    pub entries: Vec<Uuid>,
    /// The reason, naming the entries.
    pub reason: Msg,
}

/// Every finding of the schedule, ordered by the date of the first entry involved, then rule.
pub fn validate(entries: &[Entry], hours: &WeeklyHours) -> Vec<Finding> {
    let mut found: Vec<(time::Date, Finding)> = Vec::new();
    one_per_day(entries, &mut found);
    frequency(entries, &mut found);
    share_of_hours(entries, hours, &mut found);
    edge_lessons(entries, hours, &mut found);
    found.sort_by_key(|(date, f)| (*date, f.rule));
    found.into_iter().map(|(_, f)| f).collect()
}

/// Entries sorted by date, lesson and id, so messages list them the same way every time.
fn sorted(mut list: Vec<&Entry>) -> Vec<&Entry> {
    list.sort_by_key(|e| (e.fields.date, e.fields.lesson, e.id));
    list
}

fn labels(list: &[&Entry]) -> String {
    list.iter().map(|e| e.label()).collect::<Vec<_>>().join("; ")
}

fn one_per_day(entries: &[Entry], found: &mut Vec<(time::Date, Finding)>) {
    let mut days: BTreeMap<(Uuid, time::Date), Vec<&Entry>> = BTreeMap::new();
    for e in entries {
        days.entry((e.class_id, e.fields.date)).or_default().push(e);
    }
    for ((_, date), list) in days {
        if list.len() < 2 {
            continue;
        }
        let list = sorted(list);
        let reason = Msg::new("schedule-rule-one-per-day")
            .arg("class", &list[0].class_name)
            .arg("date", ru_date(date))
            .arg("count", list.len())
            .arg("entries", labels(&list));
        found.push((
            date,
            Finding {
                rule: Rule::OnePerDay,
                entries: list.iter().map(|e| e.id).collect(),
                reason,
            },
        ));
    }
}

/// The name that makes entries of a parallel one procedure: trimmed, case folded.
fn procedure_key(e: &Entry) -> String {
    e.fields.name.trim().to_lowercase()
}

fn frequency(entries: &[Entry], found: &mut Vec<(time::Date, Finding)>) {
    let mut parallels: BTreeMap<(i64, Uuid), BTreeMap<String, Vec<&Entry>>> = BTreeMap::new();
    for e in entries {
        parallels
            .entry((e.grade, e.subject_id))
            .or_default()
            .entry(procedure_key(e))
            .or_default()
            .push(e);
    }
    for ((grade, _), procedures) in parallels {
        let procedures: Vec<Vec<&Entry>> = procedures.into_values().map(sorted).collect();
        // One procedure held twice in the same class.
        for list in &procedures {
            let mut by_class: BTreeMap<Uuid, Vec<&Entry>> = BTreeMap::new();
            for e in list {
                by_class.entry(e.class_id).or_default().push(e);
            }
            for same in by_class.values() {
                for pair in same.windows(2) {
                    too_close(grade, pair[0], pair[1], found);
                }
            }
        }
        // Two different procedures: their closest pair of dates.
        for (i, p) in procedures.iter().enumerate() {
            for q in &procedures[i + 1..] {
                let closest = p
                    .iter()
                    .flat_map(|a| q.iter().map(move |b| (*a, *b)))
                    .min_by_key(|(a, b)| ((a.fields.date - b.fields.date).whole_days().abs(), a.id, b.id));
                if let Some((a, b)) = closest {
                    let (a, b) = if (b.fields.date, b.id) < (a.fields.date, a.id) {
                        (b, a)
                    } else {
                        (a, b)
                    };
                    too_close(grade, a, b, found);
                }
            }
        }
    }
}

/// Adds a finding when `b` (not earlier than `a`) is less than [`MIN_GAP_DAYS`] after `a`.
fn too_close(grade: i64, a: &Entry, b: &Entry, found: &mut Vec<(time::Date, Finding)>) {
    let days = (b.fields.date - a.fields.date).whole_days();
    if days >= MIN_GAP_DAYS {
        return;
    }
    let reason = Msg::new("schedule-rule-frequency")
        .arg("subject", &a.subject_name)
        .arg("grade", grade)
        .arg("days", days)
        .arg("min", MIN_GAP_DAYS)
        .arg("first", a.label())
        .arg("second", b.label());
    found.push((
        a.fields.date,
        Finding {
            rule: Rule::Frequency,
            entries: vec![a.id, b.id],
            reason,
        },
    ));
}

/// "13.6" from 1360: hundredths as a short decimal.
fn hundredths(v: i64) -> String {
    if v % 100 == 0 {
        (v / 100).to_string()
    } else if v % 10 == 0 {
        format!("{}.{}", v / 100, (v % 100) / 10)
    } else {
        format!("{}.{:02}", v / 100, v % 100)
    }
}

fn share_of_hours(entries: &[Entry], hours: &WeeklyHours, found: &mut Vec<(time::Date, Finding)>) {
    let mut groups: BTreeMap<(Uuid, Uuid), Vec<&Entry>> = BTreeMap::new();
    for e in entries {
        groups.entry((e.class_id, e.subject_id)).or_default().push(e);
    }
    for (key, list) in groups {
        let list = sorted(list);
        let first = list[0];
        let ids: Vec<Uuid> = list.iter().map(|e| e.id).collect();
        let Some(&weekly_x100) = hours.get(&key) else {
            let reason = Msg::new("schedule-rule-unknown-hours")
                .arg("class", &first.class_name)
                .arg("subject", &first.subject_name)
                .arg("count", list.len());
            found.push((
                first.fields.date,
                Finding {
                    rule: Rule::UnknownHours,
                    entries: ids,
                    reason,
                },
            ));
            continue;
        };
        let lessons: i64 = list.iter().map(|e| e.fields.duration).sum();
        let yearly_x100 = weekly_x100 * weeks_in_year(first.grade);
        // lessons ≤ 10 % of yearly ⇔ lessons × 100 × 100 ≤ yearly_x100 × 10
        if lessons * 100 * 100 <= yearly_x100 * MAX_SHARE_PERCENT {
            continue;
        }
        let reason = Msg::new("schedule-rule-share")
            .arg("class", &first.class_name)
            .arg("subject", &first.subject_name)
            .arg("lessons", lessons)
            .arg("weekly", hundredths(weekly_x100))
            .arg("yearly", hundredths(yearly_x100))
            .arg("limit", hundredths(yearly_x100 * MAX_SHARE_PERCENT / 100))
            .arg("percent", MAX_SHARE_PERCENT);
        let last = list[list.len() - 1].fields.date;
        found.push((
            last,
            Finding {
                rule: Rule::ShareOfHours,
                entries: ids,
                reason,
            },
        ));
    }
}

fn edge_lessons(entries: &[Entry], hours: &WeeklyHours, found: &mut Vec<(time::Date, Finding)>) {
    for e in entries {
        let one_hour = hours.get(&(e.class_id, e.subject_id)).is_some_and(|&h| h <= 100);
        if one_hour {
            continue;
        }
        let f = &e.fields;
        let (rule, key) = if f.lesson == 1 {
            (Rule::FirstLesson, "schedule-rule-first-lesson")
        } else if f.last_lesson() >= f.lessons_in_day {
            (Rule::LastLesson, "schedule-rule-last-lesson")
        } else {
            continue;
        };
        let reason = Msg::new(key)
            .arg("entry", e.label())
            .arg("lesson", f.lesson)
            .arg("lessons", f.lessons_in_day);
        found.push((
            f.date,
            Finding {
                rule,
                entries: vec![e.id],
                reason,
            },
        ));
    }
}
