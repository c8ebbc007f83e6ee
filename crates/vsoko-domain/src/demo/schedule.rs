//! The demo school's единый график оценочных процедур for its year: entry diagnostics in
//! September, half-year control works in December, the grade-9 ОГЭ trial, a regional
//! diagnostic in February, ВПР in April–May for grades 4–8 and annual control works for the
//! other grades in May — on the middle lessons of the day, at most one a day per class —
//! and one deliberate breach (two procedures in 8Б on one day) so the check has something
//! to show. Pure and deterministic.

use super::DemoSchool;
use super::curriculum::{ALG, BIO, HIST, MATH, RUS, WORLD};
use crate::schedule::Level;
use crate::structure::ClassName;
use std::collections::{BTreeMap, BTreeSet};
use time::{Date, Month, Weekday};

/// One planned procedure of one class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoScheduleEntry {
    /// Class.
    pub class: ClassName,
    /// Subject name as in the roster.
    pub subject: String,
    /// Day.
    pub date: Date,
    /// Lesson number in the day.
    pub lesson: i64,
    /// Lessons the class has that day.
    pub lessons_in_day: i64,
    /// Length in lessons.
    pub duration: i64,
    /// Level.
    pub level: Level,
    /// Name.
    pub name: String,
}

/// The class whose day holds two procedures on purpose.
pub const DELIBERATE_BREACH_CLASS: &str = "8Б";

/// The mathematics subject of a grade (algebra from grade 7).
fn maths(grade: i64) -> &'static str {
    if grade >= 7 { ALG } else { MATH }
}

/// Lessons of a class's day: 5 in grades 2–4, 6 from grade 5, 7 in 10–11.
fn day_length(grade: i64) -> i64 {
    match grade {
        ..=4 => 5,
        5..=9 => 6,
        _ => 7,
    }
}

/// Plans the year.
pub fn generate_schedule(school: &DemoSchool) -> Vec<DemoScheduleEntry> {
    let y = school.academic_year_start;
    let classes: Vec<ClassName> = school.roster.classes.iter().map(|c| c.name.clone()).collect();
    let mut used: BTreeMap<ClassName, BTreeSet<Date>> = BTreeMap::new();
    let mut out = Vec::new();
    let mut plan =
        |class: &ClassName, subject: &str, from: Date, level: Level, name: &str, out: &mut Vec<DemoScheduleEntry>| {
            let days = used.entry(class.clone()).or_default();
            let mut d = from;
            while matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) || days.contains(&d) {
                d = d.next_day().unwrap_or(d);
            }
            days.insert(d);
            out.push(DemoScheduleEntry {
                class: class.clone(),
                subject: subject.to_string(),
                date: d,
                lesson: 2 + (class.grade + i64::from(d.day())) % 2,
                lessons_in_day: day_length(class.grade),
                duration: 1,
                level,
                name: name.to_string(),
            });
        };
    let day = |year: i32, month: Month, day: u8| Date::from_calendar_date(year, month, day).unwrap_or(Date::MIN);
    let offset = |c: &ClassName| {
        time::Duration::days(c.letter.chars().next().map_or(0, |l| match l {
            'А' => 0,
            'Б' => 1,
            _ => 2,
        }))
    };
    for c in classes.iter().filter(|c| c.grade >= 2) {
        let o = offset(c);
        plan(
            c,
            RUS,
            day(y, Month::September, 15) + o,
            Level::School,
            "Входная контрольная работа",
            &mut out,
        );
        plan(
            c,
            maths(c.grade),
            day(y, Month::September, 22) + o,
            Level::School,
            "Входная контрольная работа",
            &mut out,
        );
        plan(
            c,
            RUS,
            day(y, Month::December, 14) + o,
            Level::School,
            "Контрольная работа за I полугодие",
            &mut out,
        );
        if c.grade == 9 {
            plan(
                c,
                ALG,
                day(y, Month::December, 9),
                Level::School,
                "Пробный ОГЭ",
                &mut out,
            );
        } else {
            plan(
                c,
                maths(c.grade),
                day(y, Month::December, 17) + o,
                Level::School,
                "Контрольная работа за I полугодие",
                &mut out,
            );
        }
        if c.grade == 9 || c.grade == 11 {
            plan(
                c,
                RUS,
                day(y + 1, Month::February, 10),
                Level::Regional,
                "Региональная диагностическая работа",
                &mut out,
            );
        }
        if (4..=8).contains(&c.grade) {
            let third = if c.grade == 4 { WORLD } else { HIST };
            let base = day(y + 1, Month::April, 21) + time::Duration::days(c.grade - 4);
            plan(c, RUS, base, Level::Federal, "ВПР", &mut out);
            plan(
                c,
                maths(c.grade),
                base + time::Duration::days(7),
                Level::Federal,
                "ВПР",
                &mut out,
            );
            plan(
                c,
                third,
                base + time::Duration::days(14),
                Level::Federal,
                "ВПР",
                &mut out,
            );
        } else {
            plan(
                c,
                RUS,
                day(y + 1, Month::May, 12) + o,
                Level::School,
                "Годовая контрольная работа",
                &mut out,
            );
            plan(
                c,
                maths(c.grade),
                day(y + 1, Month::May, 15) + o,
                Level::School,
                "Годовая контрольная работа",
                &mut out,
            );
        }
    }
    // The deliberate breach: a biology test on the day of 8Б's Russian entry diagnostic.
    if let Some(russian) = out
        .iter()
        .find(|e| e.class.to_string() == DELIBERATE_BREACH_CLASS && e.subject == RUS)
        .cloned()
    {
        out.push(DemoScheduleEntry {
            subject: BIO.to_string(),
            lesson: russian.lesson + 2,
            level: Level::School,
            name: "Диагностическая работа по биологии".to_string(),
            ..russian
        });
    }
    out.sort_by(|a, b| (a.date, &a.class, &a.subject).cmp(&(b.date, &b.class, &b.subject)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::generate;
    use crate::schedule::{Entry, EntryFields, Rule, WeeklyHours, validate};
    use uuid::Uuid;

    /// The demo schedule through the validator, with the demo's weekly hours.
    #[test]
    fn the_demo_schedule_breaks_exactly_one_rule_on_purpose() {
        let school = generate();
        let plan = generate_schedule(&school);
        let key = |class: &ClassName, subject: &str| {
            let h = |s: &str| {
                Uuid::from_u128(
                    s.bytes()
                        .fold(7_u128, |a, b| a.wrapping_mul(31).wrapping_add(u128::from(b))),
                )
            };
            (h(&class.to_string()), h(subject))
        };
        let mut hours = WeeklyHours::new();
        for a in &school.roster.assignments {
            let x100 = (a.hours_per_week * 100.0).round() as i64;
            let slot = hours.entry(key(&a.class, &a.subject)).or_insert(0);
            *slot = (*slot).max(x100);
        }
        let entries: Vec<Entry> = plan
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let (class_id, subject_id) = key(&e.class, &e.subject);
                Entry {
                    id: Uuid::from_u128(i as u128 + 1),
                    class_id,
                    class_name: e.class.to_string(),
                    grade: e.class.grade,
                    subject_id,
                    subject_name: e.subject.clone(),
                    fields: EntryFields {
                        date: e.date,
                        lesson: e.lesson,
                        lessons_in_day: e.lessons_in_day,
                        duration: e.duration,
                        level: e.level,
                        name: e.name.clone(),
                    },
                }
            })
            .collect();
        for e in &entries {
            assert_eq!(e.fields.check(), vec![], "{}", e.label());
        }
        let found = validate(&entries, &hours);
        let rules: Vec<Rule> = found.iter().map(|f| f.rule).collect();
        assert_eq!(rules, vec![Rule::OnePerDay], "{found:#?}");
        assert_eq!(found[0].reason.get("class"), Some(DELIBERATE_BREACH_CLASS));
        let vpr = plan.iter().filter(|e| e.level == Level::Federal).count();
        let grades_4_8 = school
            .roster
            .classes
            .iter()
            .filter(|c| (4..=8).contains(&c.name.grade))
            .count();
        assert_eq!(vpr, 3 * grades_4_8);
        assert!(plan.len() > 150, "{}", plan.len());
        let y = school.academic_year_start;
        assert!(plan.iter().all(|e| e.date.year() == y || e.date.year() == y + 1));
        assert_eq!(plan, generate_schedule(&school), "deterministic");
    }
}
