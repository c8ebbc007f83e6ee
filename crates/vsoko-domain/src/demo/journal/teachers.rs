//! Who marks how: the lenient teacher (Russian or mathematics in grades 5–8), the harsh
//! colleague of the same subjects, the teacher who fills the journal in carelessly, and a
//! small personal bias for everyone else. People behind demo logins are kept ordinary so a
//! walkthrough does not start with an outlier.

use super::seeded;
use crate::demo::DemoSchool;
use crate::demo::curriculum::{HIST, MATH, RUS};
use std::cmp::Reverse;
use std::collections::BTreeSet;

/// Bias of the lenient teacher's marks, in marks.
const LENIENT_BIAS: f64 = 0.6;
/// Bias of the harsh teacher's marks.
const HARSH_BIAS: f64 = -0.5;
/// Largest bias of any other teacher, either way.
const ORDINARY_BIAS: f64 = 0.15;

/// The teachers who stand out in the demo journal.
#[derive(Debug, Clone)]
pub(in crate::demo) struct Cast {
    /// Marks clearly above the school's.
    pub lenient: String,
    /// Marks clearly below the school's.
    pub harsh: String,
    /// Leaves some lessons without a topic and homework.
    pub incomplete: String,
}

impl Cast {
    /// How far a teacher's marks lie above (or below) what the pupils know.
    pub(in crate::demo) fn bias(&self, staff_code: &str) -> f64 {
        if staff_code == self.lenient {
            LENIENT_BIAS
        } else if staff_code == self.harsh {
            HARSH_BIAS
        } else {
            let u = super::unit(&mut seeded(&["bias", staff_code]));
            (2.0 * u - 1.0) * ORDINARY_BIAS
        }
    }

    /// The chance, in percent, that a teacher gives a 3 where a 2 was earned: most spare
    /// a pupil every other time, the lenient one always, the harsh one never.
    pub(in crate::demo) fn spares_a_two(&self, staff_code: &str) -> usize {
        if staff_code == self.lenient {
            100
        } else if staff_code == self.harsh {
            0
        } else {
            50
        }
    }
}

/// Chooses the cast from the roster.
pub(in crate::demo) fn cast(school: &DemoSchool) -> Cast {
    let l = &school.logins;
    let mut taken: Vec<String> = vec![
        l.director_staff_code.clone(),
        l.deputy_staff_code.clone(),
        l.teacher_staff_code.clone(),
        l.class_teacher_staff_code.clone(),
    ];
    let lenient = busiest(school, &taken, |subject, grade| {
        (subject == RUS || subject == MATH) && (5..=8).contains(&grade)
    });
    taken.push(lenient.clone());
    let subjects: BTreeSet<&str> = school
        .roster
        .assignments
        .iter()
        .filter(|a| a.staff_code == lenient)
        .map(|a| a.subject.as_str())
        .collect();
    let harsh = busiest(school, &taken, |subject, grade| {
        subjects.contains(subject) && grade >= 5
    });
    taken.push(harsh.clone());
    let incomplete = busiest(school, &taken, |subject, _| subject == HIST);
    Cast {
        lenient,
        harsh,
        incomplete,
    }
}

/// The teacher, not yet `taken`, with most classes among assignments matching `fits`
/// (subject, grade); ties go to the lower staff code. "" when nobody fits.
pub(in crate::demo) fn busiest(school: &DemoSchool, taken: &[String], fits: impl Fn(&str, i64) -> bool) -> String {
    let mut classes: Vec<(&str, BTreeSet<String>)> = Vec::new();
    for a in &school.roster.assignments {
        if taken.contains(&a.staff_code) || !fits(&a.subject, a.class.grade) {
            continue;
        }
        let name = a.class.to_string();
        match classes.iter_mut().find(|(code, _)| *code == a.staff_code) {
            Some((_, set)) => {
                set.insert(name);
            }
            None => classes.push((&a.staff_code, BTreeSet::from([name]))),
        }
    }
    classes
        .into_iter()
        .max_by_key(|(code, set)| (set.len(), Reverse(*code)))
        .map(|(code, _)| code.to_string())
        .unwrap_or_default()
}
