//! The единый график оценочных процедур (SPEC §8.4): the planned assessment procedures of
//! a school year, one entry per class, and the checks an entry must pass on its own
//! ([`EntryFields::check`]). The rules that relate entries to each other and to the
//! teaching load live in [`rules`].

pub mod rules;

#[cfg(test)]
mod tests;

use crate::msg::Msg;
use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

pub use rules::{Finding, Rule, WeeklyHours, validate};

/// Who runs a procedure (the schedule lists them per level, SPEC §8.4 item 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Level {
    /// Федеральная (ВПР, НИКО, …).
    Federal,
    /// Региональная.
    Regional,
    /// Муниципальная.
    Municipal,
    /// Школьная (контрольная работа, диагностика, …).
    School,
}

/// Every level, in display order.
pub const ALL_LEVELS: [Level; 4] = [Level::Federal, Level::Regional, Level::Municipal, Level::School];

impl Level {
    /// Stable code stored in the database and used in forms.
    pub fn code(self) -> &'static str {
        match self {
            Level::Federal => "federal",
            Level::Regional => "regional",
            Level::Municipal => "municipal",
            Level::School => "school",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<Level> {
        ALL_LEVELS.iter().copied().find(|l| l.code() == code)
    }
}

/// Longest name of a procedure, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Most lessons a class has in one day.
pub const MAX_LESSONS_IN_DAY: i64 = 10;
/// Longest procedure, in lessons (ВПР take one or two lessons, SPEC §5.1).
pub const MAX_DURATION: i64 = 2;

/// What a deputy enters for one planned procedure of one class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryFields {
    /// Date of the procedure.
    pub date: Date,
    /// Number of the (first) lesson in the class's day, from 1.
    pub lesson: i64,
    /// How many lessons the class has that day (to tell the last lesson).
    pub lessons_in_day: i64,
    /// How many consecutive lessons the procedure takes (1 or 2).
    pub duration: i64,
    /// Federal, regional, municipal or school.
    pub level: Level,
    /// Name, e.g. "ВПР" or "Контрольная работа за I полугодие".
    pub name: String,
}

impl EntryFields {
    /// Field problems of the entry on its own, as (field, message); empty when it is fine.
    pub fn check(&self) -> Vec<(&'static str, Msg)> {
        let mut errors = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            errors.push(("name", Msg::new("schedule-error-name-empty")));
        } else if name.chars().count() > MAX_NAME_CHARS {
            errors.push(("name", Msg::new("schedule-error-name-long").arg("max", MAX_NAME_CHARS)));
        }
        if !(1..=MAX_LESSONS_IN_DAY).contains(&self.lessons_in_day) {
            errors.push((
                "lessons_in_day",
                Msg::new("schedule-error-lessons-in-day").arg("max", MAX_LESSONS_IN_DAY),
            ));
        }
        if !(1..=MAX_DURATION).contains(&self.duration) {
            errors.push(("duration", Msg::new("schedule-error-duration").arg("max", MAX_DURATION)));
        }
        if self.lesson < 1 || (errors.is_empty() && self.last_lesson() > self.lessons_in_day) {
            errors.push((
                "lesson",
                Msg::new("schedule-error-lesson")
                    .arg("lessons", self.lessons_in_day)
                    .arg("duration", self.duration),
            ));
        }
        errors
    }

    /// Number of the last lesson the procedure takes.
    pub fn last_lesson(&self) -> i64 {
        self.lesson + self.duration - 1
    }
}

/// A planned procedure with the class and subject it concerns, as the validator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Id of the schedule entry.
    pub id: Uuid,
    /// Class.
    pub class_id: Uuid,
    /// Class name for messages ("5А").
    pub class_name: String,
    /// Grade of the class (the parallel).
    pub grade: i64,
    /// Subject.
    pub subject_id: Uuid,
    /// Subject name for messages.
    pub subject_name: String,
    /// What was entered.
    pub fields: EntryFields,
}

impl Entry {
    /// "5А, Математика, 14.10.2026 (Контрольная работа)": how messages name an entry.
    pub fn label(&self) -> String {
        format!(
            "{}, {}, {} ({})",
            self.class_name,
            self.subject_name,
            ru_date(self.fields.date),
            self.fields.name.trim()
        )
    }
}

/// A date as Russian documents write it, "14.10.2026".
pub fn ru_date(d: Date) -> String {
    format!("{:02}.{:02}.{}", d.day(), u8::from(d.month()), d.year())
}

/// Teaching weeks of a school year by grade (ФОП, five-day week): 33 in grade 1, 34 otherwise.
pub fn weeks_in_year(grade: i64) -> i64 {
    if grade == 1 { 33 } else { 34 }
}
