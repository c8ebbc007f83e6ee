//! Who works at the demo school and what each teacher teaches: the posts, the subject
//! departments that share their classes out, and the choice of class teachers.

use super::curriculum::{
    ALG, ART, BIO, CHEM, DEMO_SUBJECTS, DemoClass, Duty, ENG, GEO, GEOM, HIST, INF, LIT, MATH, MUSIC, OBZR, PE, PHYS,
    PROJECT, RUS, SOC, STAT, TECH, duties,
};
use super::names::{Names, surname};
use super::rng::Rng;
use super::{origin, phone};
use crate::roster::{AssignmentRow, Sex, StaffRow};

const F: Sex = Sex::Female;
const M: Sex = Sex::Male;

/// Post of every teacher, whatever the subject.
pub(super) const TEACHER: &str = "учитель";

/// Administration, in staff-code order.
const ADMINISTRATION: &[(&str, Sex)] = &[
    ("директор", F),
    ("заместитель директора по УВР", F),
    ("заместитель директора по ВР", F),
];

/// Specialists who do not teach lessons, after the teachers.
const SPECIALISTS: &[(&str, Sex)] = &[
    ("педагог-психолог", F),
    ("социальный педагог", F),
    ("учитель-логопед", F),
    ("педагог-библиотекарь", F),
    ("советник директора по воспитанию", M),
];

/// Subject teachers of grades 5–11 (and specialists of primary school), by key.
const SUBJECT_TEACHERS: &[(&str, Sex)] = &[
    ("rus1", F),
    ("rus2", F),
    ("rus3", F),
    ("rus4", F),
    ("rus5", F),
    ("math1", F),
    ("math2", F),
    ("math3", M),
    ("math4", F),
    ("math5", F),
    ("eng1", F),
    ("eng2", F),
    ("eng3", F),
    ("eng4", F),
    ("eng5", F),
    ("eng6", M),
    ("inf1", M),
    ("inf2", F),
    ("hist1", F),
    ("hist2", M),
    ("hist3", F),
    ("geo", F),
    ("bio1", F),
    ("bio2", F),
    ("phys", M),
    ("pe1", F),
    ("pe2", M),
    ("pe3", M),
    ("music", F),
    ("trud1", M),
    ("trud2", F),
];

/// Teachers sharing some subjects across the classes of some grades. Whole-class lessons
/// and subgroup 1 go to `first`, subgroup 2 to `second`, so a split class always has two
/// different teachers. Classes are dealt out in grade order, so each teacher gets
/// neighbouring grades, as timetables are usually made.
struct Department {
    subjects: &'static [&'static str],
    grades: (i64, i64),
    first: &'static [&'static str],
    second: &'static [&'static str],
}

const DEPARTMENTS: &[Department] = &[
    Department {
        subjects: &[RUS, LIT],
        grades: (5, 11),
        first: &["rus1", "rus2", "rus3", "rus4", "rus5"],
        second: &[],
    },
    Department {
        subjects: &[MATH, ALG, GEOM, STAT],
        grades: (5, 11),
        first: &["math1", "math2", "math3", "math4", "math5"],
        second: &[],
    },
    Department {
        subjects: &[ENG],
        grades: (2, 11),
        first: &["eng1", "eng2", "eng3"],
        second: &["eng4", "eng5", "eng6"],
    },
    Department {
        subjects: &[INF, PROJECT],
        grades: (7, 11),
        first: &["inf1"],
        second: &["inf2"],
    },
    Department {
        subjects: &[HIST, SOC],
        grades: (5, 11),
        first: &["hist1", "hist2", "hist3"],
        second: &[],
    },
    Department {
        subjects: &[GEO],
        grades: (5, 11),
        first: &["geo"],
        second: &[],
    },
    Department {
        subjects: &[BIO, CHEM],
        grades: (5, 11),
        first: &["bio1", "bio2"],
        second: &[],
    },
    Department {
        subjects: &[PHYS],
        grades: (7, 11),
        first: &["phys"],
        second: &[],
    },
    Department {
        subjects: &[PE, OBZR],
        grades: (1, 11),
        first: &["pe1", "pe2", "pe3"],
        second: &[],
    },
    Department {
        subjects: &[MUSIC],
        grades: (1, 11),
        first: &["music"],
        second: &[],
    },
    Department {
        subjects: &[TECH],
        grades: (5, 11),
        first: &["trud1"],
        second: &["trud2"],
    },
    Department {
        subjects: &[ART],
        grades: (5, 11),
        first: &["trud2"],
        second: &[],
    },
];

/// The school's staff with their teaching and the people behind the demo logins.
pub(super) struct Staffing {
    /// Staff rows in code order.
    pub rows: Vec<StaffRow>,
    /// Assignments ordered by class, subject and subgroup.
    pub assignments: Vec<AssignmentRow>,
    /// Class teacher's code for each class, in class order.
    pub class_teachers: Vec<String>,
    /// Director's code.
    pub director: String,
    /// Code of the deputy for teaching and learning (УВР).
    pub deputy: String,
    /// The mathematics teacher of 7А.
    pub maths_teacher: String,
    /// The class teacher of 7А.
    pub class_teacher: String,
}

/// Builds staff, assignments and class teachers for `classes`.
pub(super) fn build(classes: &[DemoClass], names: &Names, rng: &mut Rng) -> Staffing {
    let primary: Vec<usize> = (0..classes.len()).filter(|&c| classes[c].name.grade <= 4).collect();
    let mut people: Vec<(&str, Sex)> = ADMINISTRATION.to_vec();
    let first_primary = people.len();
    people.extend(primary.iter().map(|_| (TEACHER, F)));
    let first_subject = people.len();
    people.extend(SUBJECT_TEACHERS.iter().map(|(_, sex)| (TEACHER, *sex)));
    people.extend_from_slice(SPECIALISTS);
    let rows = staff_rows(&people, names, rng);

    // (class index, staff index, duty)
    let mut taught: Vec<(usize, usize, Duty)> = Vec::new();
    for (c, class) in classes.iter().enumerate() {
        let own = primary.iter().position(|&p| p == c).map(|i| first_primary + i);
        for duty in duties(class) {
            if let (Some(teacher), None) = (own, department(class, duty)) {
                taught.push((c, teacher, duty));
            }
        }
    }
    taught.extend(deal_out(classes, first_subject));
    let rank = |s: &str| DEMO_SUBJECTS.iter().position(|x| *x == s).unwrap_or(usize::MAX);
    taught.sort_by_key(|(c, _, d)| (*c, rank(d.subject), d.subgroup));

    let maths = taught
        .iter()
        .find(|(c, _, d)| classes[*c].name.to_string() == "7А" && (d.subject == ALG || d.subject == MATH))
        .map(|(_, t, _)| *t);
    let class_teachers = choose_class_teachers(classes, &taught, &primary, first_primary, maths);
    let code = |i: usize| rows.get(i).map(|r| r.code.clone()).unwrap_or_default();
    let seventh_a = classes.iter().position(|c| c.name.to_string() == "7А");
    let assignments = taught
        .iter()
        .enumerate()
        .map(|(i, (c, t, d))| AssignmentRow {
            origin: origin(i),
            staff_code: code(*t),
            class: classes[*c].name.clone(),
            subject: d.subject.to_string(),
            subgroup: d.subgroup.map(str::to_string),
            hours_per_week: f64::from(d.hours),
        })
        .collect();
    Staffing {
        assignments,
        class_teachers: class_teachers.iter().map(|&t| code(t)).collect(),
        director: code(0),
        deputy: code(1),
        maths_teacher: maths.map(code).unwrap_or_default(),
        class_teacher: seventh_a
            .and_then(|c| class_teachers.get(c))
            .map(|&t| code(t))
            .unwrap_or_default(),
        rows,
    }
}

/// Deals each department's classes out to its teachers: a class goes to the teacher whose
/// equal share of the department's hours contains the middle of that class's hours.
fn deal_out(classes: &[DemoClass], first_subject: usize) -> Vec<(usize, usize, Duty)> {
    let by_key = |key: &str| {
        SUBJECT_TEACHERS
            .iter()
            .position(|(k, _)| *k == key)
            .map(|i| first_subject + i)
    };
    let mut taught = Vec::new();
    for dept in DEPARTMENTS {
        for (pool, second) in [(dept.first, false), (dept.second, true)] {
            let units = units(classes, dept, second);
            let total: usize = units.iter().map(|(_, h, _)| h).sum();
            let mut done = 0;
            for (c, hours, lines) in units {
                let share = (2 * done + hours) * pool.len() / (2 * total.max(1));
                done += hours;
                let Some(teacher) = pool
                    .get(share.min(pool.len().saturating_sub(1)))
                    .and_then(|k| by_key(k))
                else {
                    continue;
                };
                taught.extend(lines.into_iter().map(|duty| (c, teacher, duty)));
            }
        }
    }
    taught
}

/// The department that teaches this duty in this class, if any.
fn department(class: &DemoClass, duty: Duty) -> Option<&'static Department> {
    let grade = class.name.grade;
    DEPARTMENTS
        .iter()
        .find(|d| d.subjects.contains(&duty.subject) && (d.grades.0..=d.grades.1).contains(&grade))
}

/// A department's work for one pool, per class: (class index, hours, duties).
fn units(classes: &[DemoClass], dept: &Department, second: bool) -> Vec<(usize, usize, Vec<Duty>)> {
    let mut out = Vec::new();
    for (c, class) in classes.iter().enumerate() {
        let lines: Vec<Duty> = duties(class)
            .into_iter()
            .filter(|d| (d.subgroup == Some("2")) == second)
            .filter(|d| department(class, *d).is_some_and(|found| std::ptr::eq(found, dept)))
            .collect();
        let hours = lines.iter().map(|d| usize::from(d.hours)).sum();
        if hours > 0 {
            out.push((c, hours, lines));
        }
    }
    out
}

/// Primary classes keep their own teacher; every other class gets, greedily in grade order,
/// the free teacher with most hours in it. The mathematics teacher of 7А, who has a demo
/// login of her own, is kept out of 7А so the class-teacher login is a second person.
fn choose_class_teachers(
    classes: &[DemoClass],
    taught: &[(usize, usize, Duty)],
    primary: &[usize],
    first_primary: usize,
    maths_7a: Option<usize>,
) -> Vec<usize> {
    let mut chosen: Vec<usize> = Vec::new();
    for (c, class) in classes.iter().enumerate() {
        if let Some(i) = primary.iter().position(|&p| p == c) {
            chosen.push(first_primary + i);
            continue;
        }
        let mut hours: Vec<(usize, usize)> = Vec::new();
        for (_, t, d) in taught.iter().filter(|(tc, _, _)| *tc == c) {
            match hours.iter_mut().find(|(teacher, _)| teacher == t) {
                Some(entry) => entry.1 += usize::from(d.hours),
                None => hours.push((*t, usize::from(d.hours))),
            }
        }
        let is_7a = class.name.to_string() == "7А";
        let reserved = |t: &usize| is_7a && Some(*t) == maths_7a;
        hours.retain(|(t, _)| !chosen.contains(t) && !reserved(t));
        hours.sort_by_key(|&(t, h)| (std::cmp::Reverse(h), t));
        chosen.push(hours.first().map(|&(t, _)| t).unwrap_or_default());
    }
    chosen
}

/// Staff rows with realistic names, codes С001, С002, … in the order of `people`.
fn staff_rows(people: &[(&str, Sex)], names: &Names, rng: &mut Rng) -> Vec<StaffRow> {
    let mut taken: Vec<&str> = Vec::new();
    let mut rows: Vec<StaffRow> = Vec::new();
    for (i, (post, sex)) in people.iter().enumerate() {
        // One person per surname, so no one mistakes two colleagues for a married couple.
        let mut last = names.surnames[rng.popular(names.surnames.len())];
        while taken.contains(&last) {
            last = names.surnames[rng.popular(names.surnames.len())];
        }
        taken.push(last);
        rows.push(staff_row(i, post, *sex, last, names, rng));
    }
    rows
}

fn staff_row(i: usize, post: &str, sex: Sex, last: &str, names: &Names, rng: &mut Rng) -> StaffRow {
    let first = match sex {
        Sex::Male => names.men[rng.popular(names.men.len())].first,
        Sex::Female => names.women[rng.popular(names.women.len())],
    };
    let father = names.men[rng.popular(names.men.len())];
    StaffRow {
        origin: origin(i),
        code: format!("С{:03}", i + 1),
        last_name: surname(last, sex),
        first_name: first.to_string(),
        middle_name: Some(father.patronymic(sex).to_string()),
        post: post.to_string(),
        email: None,
        phone: Some(phone(rng)),
    }
}
