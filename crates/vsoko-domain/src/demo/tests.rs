//! The demo school as a specification: sizes, consistency of codes and families, the
//! curriculum and teaching loads, and the people behind the demo logins.

use std::collections::{BTreeMap, BTreeSet};

use super::curriculum::{self, DEMO_SUBJECTS};
use super::generate;
use super::names::{patronymic, surname};
use super::staff::TEACHER;
use crate::roster::Sex;
use crate::structure::ClassName;
use time::{Date, Month};

fn class(name: &str) -> ClassName {
    ClassName::parse(name).expect("valid class name")
}

#[test]
fn generate_is_deterministic() {
    assert_eq!(generate(), generate());
}

#[test]
fn school_has_about_seven_hundred_pupils_in_26_to_29_classes_with_about_fifty_staff() {
    let s = generate();
    let r = &s.roster;
    assert!((650..=750).contains(&r.pupils.len()), "pupils: {}", r.pupils.len());
    assert!((26..=29).contains(&r.classes.len()), "classes: {}", r.classes.len());
    assert!((45..=55).contains(&r.staff.len()), "staff: {}", r.staff.len());
    let grades: BTreeSet<i64> = r.classes.iter().map(|c| c.name.grade).collect();
    assert_eq!(grades, (1..=11).collect());
    assert_eq!(s.academic_year_start, 2026);
    assert_eq!(s.other_schools.len(), 2);
}

#[test]
fn rows_are_numbered_on_the_demo_sheet() {
    let r = generate().roster;
    for (i, o) in r.pupils.iter().map(|p| &p.origin).enumerate() {
        assert_eq!((o.sheet.as_str(), o.row), ("demo", i + 1));
    }
    for (i, o) in r.assignments.iter().map(|a| &a.origin).enumerate() {
        assert_eq!((o.sheet.as_str(), o.row), ("demo", i + 1));
    }
}

#[test]
fn codes_are_unique_and_a_parent_code_is_one_person() {
    let r = generate().roster;
    let staff: BTreeSet<&str> = r.staff.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(staff.len(), r.staff.len());
    let pupils: BTreeSet<&str> = r.pupils.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(pupils.len(), r.pupils.len());
    let classes: BTreeSet<&ClassName> = r.classes.iter().map(|c| &c.name).collect();
    assert_eq!(classes.len(), r.classes.len());
    let mut people: BTreeMap<&str, (&str, &str, &Option<String>)> = BTreeMap::new();
    let mut links = BTreeSet::new();
    for p in &r.parents {
        let who = (p.last_name.as_str(), p.first_name.as_str(), &p.middle_name);
        assert_eq!(*people.entry(&p.code).or_insert(who), who, "parent {}", p.code);
        assert!(links.insert((&p.code, &p.pupil_code)), "duplicate link {}", p.code);
    }
}

#[test]
fn every_row_references_existing_codes_and_classes() {
    let r = generate().roster;
    let staff: BTreeSet<&str> = r.staff.iter().map(|s| s.code.as_str()).collect();
    let pupils: BTreeSet<&str> = r.pupils.iter().map(|p| p.code.as_str()).collect();
    let classes: BTreeSet<&ClassName> = r.classes.iter().map(|c| &c.name).collect();
    for c in &r.classes {
        let teacher = c
            .class_teacher_code
            .as_deref()
            .expect("every class has a class teacher");
        assert!(staff.contains(teacher), "{}", c.name);
    }
    let class_teachers: BTreeSet<_> = r.classes.iter().map(|c| &c.class_teacher_code).collect();
    assert_eq!(class_teachers.len(), r.classes.len(), "one class per class teacher");
    assert!(r.pupils.iter().all(|p| classes.contains(&p.class)));
    assert!(r.parents.iter().all(|p| pupils.contains(p.pupil_code.as_str())));
    for a in &r.assignments {
        assert!(
            staff.contains(a.staff_code.as_str()) && classes.contains(&a.class),
            "{a:?}"
        );
        assert!(DEMO_SUBJECTS.contains(&a.subject.as_str()), "{}", a.subject);
    }
}

#[test]
fn each_class_has_20_to_30_pupils_born_in_the_year_of_its_grade() {
    let s = generate();
    for c in &s.roster.classes {
        let pupils: Vec<_> = s.roster.pupils.iter().filter(|p| p.class == c.name).collect();
        assert!((20..=30).contains(&pupils.len()), "{}: {}", c.name, pupils.len());
        let born = |y: i64| {
            let y = i32::try_from(y).expect("year");
            Date::from_calendar_date(y, Month::September, 1).expect("date")
        };
        let year = i64::from(s.academic_year_start);
        let (from, to) = (born(year - 7 - c.name.grade), born(year - 6 - c.name.grade));
        for p in pupils {
            assert!(from <= p.birth_date && p.birth_date < to, "{} {}", p.code, p.birth_date);
        }
    }
}

#[test]
fn families_share_surname_and_the_father_gives_the_patronymic() {
    let r = generate().roster;
    let pupil = |code: &str| r.pupils.iter().find(|p| p.code == code).expect("pupil");
    let mut mothers = 0;
    for p in &r.parents {
        let child = pupil(&p.pupil_code);
        let sex = child.sex.expect("sex");
        match p.relation.as_deref() {
            Some("мать") => {
                mothers += 1;
                let expected = if sex == Sex::Female {
                    child.last_name.clone()
                } else {
                    surname(&child.last_name, Sex::Female)
                };
                assert_eq!(p.last_name, expected, "{}", p.code);
            }
            Some("отец") => {
                assert_eq!(surname(&p.last_name, sex), child.last_name, "{}", p.code);
                assert_eq!(patronymic(&p.first_name, sex), child.middle_name.as_deref());
            }
            other => panic!("unexpected relation {other:?}"),
        }
    }
    assert!(mothers * 10 >= r.pupils.len() * 9, "mothers listed for most pupils");
    for child in &r.pupils {
        assert!((1..=2).contains(&r.parents.iter().filter(|p| p.pupil_code == child.code).count()));
    }
}

#[test]
fn the_demo_parent_has_two_children_in_different_classes() {
    let s = generate();
    let r = &s.roster;
    let children: Vec<&ClassName> = r
        .parents
        .iter()
        .filter(|p| p.code == s.logins.parent_code)
        .map(|p| &r.pupils.iter().find(|c| c.code == p.pupil_code).expect("child").class)
        .collect();
    assert!(children.len() >= 2, "{children:?}");
    assert!(children.iter().collect::<BTreeSet<_>>().len() >= 2);
    assert!(
        r.parents
            .iter()
            .any(|p| p.code == s.logins.parent_code && p.pupil_code == s.logins.pupil_code)
    );
    let pupil = r
        .pupils
        .iter()
        .find(|p| p.code == s.logins.pupil_code)
        .expect("demo pupil");
    assert_eq!(pupil.class, class("7А"));
}

#[test]
fn the_demo_teacher_teaches_maths_in_several_classes_of_grades_5_to_9() {
    let s = generate();
    let maths = [curriculum::MATH, curriculum::ALG, curriculum::GEOM];
    let own: Vec<_> = s
        .roster
        .assignments
        .iter()
        .filter(|a| a.staff_code == s.logins.teacher_staff_code)
        .collect();
    assert!(!own.is_empty());
    assert!(own.iter().all(|a| (5..=9).contains(&a.class.grade)));
    assert!(
        own.iter()
            .all(|a| maths.contains(&a.subject.as_str()) || a.subject == curriculum::STAT)
    );
    let classes: BTreeSet<_> = own.iter().map(|a| &a.class).collect();
    assert!(classes.len() >= 3 && classes.contains(&class("7А")), "{classes:?}");
}

#[test]
fn seven_a_has_the_demo_class_teacher_who_is_not_the_demo_teacher() {
    let s = generate();
    let seven_a = s.roster.classes.iter().find(|c| c.name == class("7А")).expect("7А");
    assert_eq!(
        seven_a.class_teacher_code.as_deref(),
        Some(s.logins.class_teacher_staff_code.as_str())
    );
    assert_ne!(s.logins.class_teacher_staff_code, s.logins.teacher_staff_code);
    let post = |code: &str| &s.roster.staff.iter().find(|p| p.code == code).expect("staff").post;
    assert_eq!(post(&s.logins.director_staff_code), "директор");
    assert_eq!(post(&s.logins.deputy_staff_code), "заместитель директора по УВР");
}

#[test]
fn every_class_gets_its_curriculum_once_and_split_subjects_have_two_teachers() {
    let s = generate();
    for c in curriculum::classes() {
        let rows: Vec<_> = s.roster.assignments.iter().filter(|a| a.class == c.name).collect();
        let mut expected: Vec<(String, Option<String>, f64)> = curriculum::duties(&c)
            .iter()
            .map(|d| {
                (
                    d.subject.to_string(),
                    d.subgroup.map(str::to_string),
                    f64::from(d.hours),
                )
            })
            .collect();
        let mut got: Vec<_> = rows
            .iter()
            .map(|a| (a.subject.clone(), a.subgroup.clone(), a.hours_per_week))
            .collect();
        expected.sort_by(|a, b| a.partial_cmp(b).expect("finite"));
        got.sort_by(|a, b| a.partial_cmp(b).expect("finite"));
        assert_eq!(got, expected, "{}", c.name);
        for a in rows.iter().filter(|a| a.subgroup.as_deref() == Some("1")) {
            let second = rows
                .iter()
                .find(|b| b.subject == a.subject && b.subgroup.as_deref() == Some("2"))
                .expect("subgroup 2");
            assert_ne!(a.staff_code, second.staff_code, "{} {}", c.name, a.subject);
        }
        let week: f64 = expected
            .iter()
            .filter(|e| e.1.as_deref() != Some("2"))
            .map(|e| e.2)
            .sum();
        assert!((20.0..=34.0).contains(&week), "{}: {week} hours a week", c.name);
    }
    let english_7a = s
        .roster
        .assignments
        .iter()
        .filter(|a| a.class == class("7А") && a.subject == curriculum::ENG);
    assert_eq!(english_7a.count(), 2);
}

#[test]
fn every_teacher_works_10_to_36_hours_a_week() {
    let r = generate().roster;
    for t in r.staff.iter().filter(|s| s.post == TEACHER) {
        let hours: f64 = r
            .assignments
            .iter()
            .filter(|a| a.staff_code == t.code)
            .map(|a| a.hours_per_week)
            .sum();
        assert!((10.0..=36.0).contains(&hours), "{} {}: {hours}", t.code, t.last_name);
    }
    assert!(
        r.assignments
            .iter()
            .all(|a| { r.staff.iter().any(|s| s.code == a.staff_code && s.post == TEACHER) })
    );
}

#[test]
fn primary_class_teachers_teach_most_lessons_of_their_own_class() {
    let r = generate().roster;
    for c in r.classes.iter().filter(|c| c.name.grade <= 4) {
        let teacher = c.class_teacher_code.as_deref().expect("class teacher");
        let own: f64 = r
            .assignments
            .iter()
            .filter(|a| a.class == c.name && a.staff_code == teacher)
            .map(|a| a.hours_per_week)
            .sum();
        assert!(own >= 15.0, "{}: {own}", c.name);
    }
}

#[test]
fn most_staff_are_women_and_names_agree_with_sex() {
    let s = generate();
    let women = s
        .roster
        .staff
        .iter()
        .filter(|p| p.middle_name.as_deref().is_some_and(|m| m.ends_with("на")))
        .count();
    assert!(women * 100 >= s.roster.staff.len() * 75, "{women} women");
    let names = super::names::Names::load();
    for p in &s.roster.pupils {
        let list = if p.sex == Some(Sex::Male) {
            &names.boys
        } else {
            &names.girls
        };
        assert!(list.contains(&p.first_name.as_str()), "{} {}", p.code, p.first_name);
        let ending = if p.sex == Some(Sex::Male) { "ич" } else { "на" };
        assert!(
            p.middle_name.as_deref().is_some_and(|m| m.ends_with(ending)),
            "{}",
            p.code
        );
    }
}
