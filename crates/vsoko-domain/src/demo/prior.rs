//! The demo school's previous school year (2025/26), closed, with no journal: the same
//! pupils one grade lower (today's first graders were not at school yet; last year's
//! leavers are gone), so the spring ВПР of that year has classes to belong to and every
//! pupil's class history has two stays. Teachers keep their grades: a class of last year
//! had the teachers and the class teacher its namesake has today; a class today's school
//! has no namesake of (4В: the three fourth grades of last year are two this year) takes the
//! teaching load of the parallel's first class and has no class teacher.

use super::DemoSchool;
use crate::roster::{ClassRow, Roster};
use crate::structure::ClassName;

/// The class a pupil of `class` was in the year before (none for grade 1).
pub fn prior_class(class: &ClassName) -> Option<ClassName> {
    (class.grade >= 2).then(|| ClassName {
        grade: class.grade - 1,
        letter: class.letter.clone(),
    })
}

/// The roster of the year before the demo year: classes, staff, pupils and assignments (no
/// parents: they come with the current roster).
pub fn prior_year_roster(school: &DemoSchool) -> Roster {
    let r = &school.roster;
    let mut names: Vec<ClassName> = r.classes.iter().filter_map(|c| prior_class(&c.name)).collect();
    names.sort_by(|a, b| (a.grade, &a.letter).cmp(&(b.grade, &b.letter)));
    let namesake = |name: &ClassName| r.classes.iter().find(|c| c.name == *name);
    let classes: Vec<ClassRow> = names
        .iter()
        .enumerate()
        .map(|(i, name)| ClassRow {
            origin: super::origin(i),
            name: name.clone(),
            profile: namesake(name).and_then(|c| c.profile.clone()),
            class_teacher_code: namesake(name).and_then(|c| c.class_teacher_code.clone()),
        })
        .collect();
    let mut assignments = Vec::new();
    for name in &names {
        let source = if namesake(name).is_some() {
            name.clone()
        } else {
            ClassName {
                grade: name.grade,
                letter: "А".into(),
            }
        };
        assignments.extend(r.assignments.iter().filter(|a| a.class == source).map(|a| {
            let mut a = a.clone();
            a.class = name.clone();
            a
        }));
    }
    for (i, a) in assignments.iter_mut().enumerate() {
        a.origin = super::origin(i);
    }
    let pupils = r
        .pupils
        .iter()
        .filter_map(|p| {
            let mut p = p.clone();
            p.class = prior_class(&p.class)?;
            Some(p)
        })
        .collect();
    Roster {
        classes,
        staff: r.staff.clone(),
        pupils,
        parents: Vec::new(),
        assignments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::generate;

    #[test]
    fn last_year_every_pupil_but_the_first_graders_was_one_grade_lower() {
        let school = generate();
        let prior = prior_year_roster(&school);
        let now = &school.roster;
        assert_eq!(
            prior.pupils.len(),
            now.pupils.iter().filter(|p| p.class.grade >= 2).count()
        );
        for p in &prior.pupils {
            let today = now.pupils.iter().find(|q| q.code == p.code).expect("same pupil");
            assert_eq!(
                (p.class.grade + 1, &p.class.letter),
                (today.class.grade, &today.class.letter)
            );
            assert!(prior.classes.iter().any(|c| c.name == p.class), "{}", p.class);
        }
        // Three fourth grades last year (today's fifth), each with its teachers.
        let fourth: Vec<String> = prior
            .classes
            .iter()
            .filter(|c| c.name.grade == 4)
            .map(|c| c.name.to_string())
            .collect();
        assert_eq!(fourth, ["4А", "4Б", "4В"]);
        for c in &prior.classes {
            assert!(prior.assignments.iter().any(|a| a.class == c.name), "{}", c.name);
        }
        assert!(!prior.classes.iter().any(|c| c.name.grade == 11));
    }
}
