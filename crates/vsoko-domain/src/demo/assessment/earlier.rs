//! The demo school's ВПР of the spring before (2025) in Russian and mathematics, grades 4–8,
//! so each ВПР 2026 of those subjects has the same work a year earlier to be compared with:
//! written by today's pupils two grades lower (a different cohort of the same parallel), in
//! the classes of a school year the demo does not hold (2024/25), so the rows stay unlinked to
//! classes and pupils (the school keeps no participant-code list of that campaign). The same
//! task tables, scales and scoring model as 2026; no built-in lenient or harsh teacher and no
//! weak skill. Every random stream is seeded with the year as well, so the 2026 works, whose
//! seeds do not name a year, come out unchanged.

use super::journal_mark;
use super::{DemoResult, DemoWork, WorkKind, result, scores, seeded, tables, theta, vpr_date};
use crate::demo::DemoSchool;
use crate::demo::curriculum::{MATH, RUS};
use crate::demo::journal::cast;
use crate::structure::ClassName;
use std::collections::BTreeMap;

/// First participant code of the earlier campaign (10001… are the 2026 codes).
const FIRST_CODE: usize = 50001;

/// The ВПР of spring `year` (before the demo year) in Russian and mathematics, grades 4–8:
/// the pupils who were in grades 4–8 that spring (spring 2025: today's grades 6–10), in
/// their class of then.
pub fn earlier_vpr(school: &DemoSchool, year: i32) -> Vec<DemoWork> {
    let cast = cast(school);
    // Spring `year` lies in the school year starting the autumn before.
    let years_before = i64::from(school.academic_year_start - year + 1);
    let back = |c: &ClassName| {
        (c.grade > years_before).then(|| ClassName {
            grade: c.grade - years_before,
            letter: c.letter.clone(),
        })
    };
    // Participant codes of that campaign, in roster order (unlinked: no code list is loaded).
    let pupils: Vec<(&str, ClassName)> = school
        .roster
        .pupils
        .iter()
        .filter_map(|p| Some((p.code.as_str(), back(&p.class)?)))
        .filter(|(_, c)| (4..=8).contains(&c.grade))
        .collect();
    let code_of: BTreeMap<&str, String> = pupils
        .iter()
        .enumerate()
        .map(|(i, (code, _))| (*code, format!("{}", FIRST_CODE + i)))
        .collect();
    let codes: BTreeMap<&str, &str> = code_of.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let year_text = year.to_string();
    let mut works = Vec::new();
    for grade in 4..=8 {
        for (n, subject) in [RUS, MATH].into_iter().enumerate() {
            let tasks = tables::vpr_tasks(subject, grade);
            let scale = tables::vpr_scale(subject, grade);
            let mut rng = seeded(&["vpr", subject, &grade.to_string(), &year_text]);
            let mut results: Vec<DemoResult> = Vec::new();
            for (code, class) in pupils.iter().filter(|(_, c)| c.grade == grade) {
                if rng.percent(5) {
                    continue;
                }
                let s = scores(&tasks, theta(code, subject, class), None, &mut rng);
                // No teacher of that year is known: the ordinary marking of an unnamed one.
                let journal = journal_mark(&[], &cast, code, class, subject, &mut rng);
                results.push(result(&tasks, &scale, &codes, code, class, s, journal, results.len()));
            }
            works.push(DemoWork {
                kind: WorkKind::Vpr,
                year,
                subject: subject.to_string(),
                grade,
                date: vpr_date(year, grade, n),
                tasks,
                scale,
                results,
            });
        }
    }
    works
}
