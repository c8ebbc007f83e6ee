//! The demo journal as a specification: calendar, roster consistency, mark distributions
//! per teacher, absences and quarter marks.

use super::*;
use crate::demo::generate;
use crate::journal::GradingPolicy;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;
use time::{Month, Weekday};

fn day(m: Month, d: u8) -> Date {
    Date::from_calendar_date(2026, m, d).expect("valid date")
}

fn today() -> Date {
    day(Month::November, 26)
}

fn demo() -> &'static (DemoSchool, DemoJournal) {
    static DEMO: OnceLock<(DemoSchool, DemoJournal)> = OnceLock::new();
    DEMO.get_or_init(|| {
        let school = generate();
        let journal = generate_journal(&school, today());
        (school, journal)
    })
}

fn mean(values: impl Iterator<Item = i64>) -> f64 {
    let (sum, n) = values.fold((0, 0), |(s, n), v| (s + v, n + 1));
    sum as f64 / f64::from(n.max(1))
}

/// Mean of every mark given at the lessons matching `pick`.
fn mean_mark(j: &DemoJournal, pick: impl Fn(&DemoLesson) -> bool) -> f64 {
    let marks = j.cells.iter().filter(|c| pick(&j.lessons[c.lesson]));
    mean(marks.flat_map(|c| c.marks.iter().map(|m| m.value())))
}

#[test]
fn generate_journal_is_deterministic() {
    let (school, journal) = demo();
    assert_eq!(&generate_journal(school, today()), journal);
}

#[test]
fn an_earlier_today_gives_a_prefix_of_the_same_journal() {
    let (school, journal) = demo();
    let early = generate_journal(school, day(Month::October, 1));
    assert!(!early.lessons.is_empty());
    assert!(early.lessons[..] == journal.lessons[..early.lessons.len()]);
    assert!(early.cells[..] == journal.cells[..early.cells.len()]);
    assert!(early.period_marks.is_empty(), "no quarter has ended on 1 October");
}

#[test]
fn lessons_fall_on_school_days_from_1_september_to_today_outside_the_holidays() {
    let (_, j) = demo();
    for l in &j.lessons {
        assert!(
            !matches!(l.date.weekday(), Weekday::Saturday | Weekday::Sunday),
            "{l:?}"
        );
        assert!(day(Month::September, 1) <= l.date && l.date <= today(), "{l:?}");
        assert!(
            !(day(Month::October, 25) <= l.date && l.date <= day(Month::November, 4)),
            "{l:?}"
        );
    }
    assert_eq!(j.lessons.first().map(|l| l.date), Some(day(Month::September, 1)));
    assert_eq!(j.lessons.last().map(|l| l.date), Some(today()));
}

#[test]
fn every_lesson_belongs_to_an_assignment_of_the_roster_and_keeps_its_weekly_hours() {
    let (school, j) = demo();
    let mut per_week: BTreeMap<(String, String, String, u8), usize> = BTreeMap::new();
    for l in &j.lessons {
        let a = school.roster.assignments.iter().find(|a| {
            a.class == l.class
                && a.subject == l.subject
                && a.staff_code == l.staff_code
                && a.subgroup.clone().unwrap_or_default() == l.subgroup
        });
        assert!(a.is_some(), "{l:?}");
        if l.date.iso_week() == 37 {
            let key = (
                l.class.to_string(),
                l.subject.clone(),
                l.subgroup.clone(),
                l.date.iso_week(),
            );
            *per_week.entry(key).or_default() += 1;
        }
    }
    // A full week (7–11 September): exactly the weekly hours of every assignment.
    for a in &school.roster.assignments {
        let key = (
            a.class.to_string(),
            a.subject.clone(),
            a.subgroup.clone().unwrap_or_default(),
            37,
        );
        assert_eq!(per_week.get(&key).copied(), Some(a.hours_per_week as usize), "{a:?}");
    }
    // At most one lesson of an assignment a day, unless it has more than five hours.
    let mut days: BTreeSet<(String, String, String, Date)> = BTreeSet::new();
    let six_hours: BTreeSet<(String, String)> = school
        .roster
        .assignments
        .iter()
        .filter(|a| a.hours_per_week > 5.0)
        .map(|a| (a.class.to_string(), a.subject.clone()))
        .collect();
    for l in &j.lessons {
        let key = (l.class.to_string(), l.subject.clone(), l.subgroup.clone(), l.date);
        let many = six_hours.contains(&(key.0.clone(), key.1.clone()));
        assert!(days.insert(key) || many, "{l:?}");
    }
}

#[test]
fn subgroup_lessons_hold_only_the_pupils_of_their_subgroup() {
    let (school, j) = demo();
    let mut subgroup: BTreeMap<&str, &str> = BTreeMap::new();
    let mut by_class: BTreeMap<&ClassName, Vec<&str>> = BTreeMap::new();
    for p in &school.roster.pupils {
        by_class.entry(&p.class).or_default().push(&p.code);
    }
    for codes in by_class.values() {
        for (i, code) in codes.iter().enumerate() {
            subgroup.insert(code, subgroup_of(i, codes.len()));
        }
    }
    let class_of: BTreeMap<&str, &ClassName> = school
        .roster
        .pupils
        .iter()
        .map(|p| (p.code.as_str(), &p.class))
        .collect();
    for c in &j.cells {
        let l = &j.lessons[c.lesson];
        assert_eq!(class_of.get(c.pupil_code.as_str()), Some(&&l.class), "{c:?}");
        if !l.subgroup.is_empty() {
            assert_eq!(subgroup.get(c.pupil_code.as_str()), Some(&l.subgroup.as_str()), "{c:?}");
        }
    }
}

#[test]
fn grade_one_is_taught_without_marks() {
    let (_, j) = demo();
    let first = j.cells.iter().filter(|c| j.lessons[c.lesson].class.grade == 1);
    assert!(
        first.clone().any(|c| c.attendance.is_some()),
        "attendance is kept in grade 1"
    );
    assert!(first.clone().all(|c| c.marks.is_empty()));
    assert!(j.period_marks.iter().all(|p| p.class.grade >= 2));
}

#[test]
fn the_lenient_teacher_marks_clearly_above_and_the_harsh_teacher_clearly_below_the_school() {
    let (school, j) = demo();
    let school_mean = mean_mark(j, |_| true);
    let lenient = mean_mark(j, |l| l.staff_code == j.lenient_staff_code);
    let harsh = mean_mark(j, |l| l.staff_code == j.harsh_staff_code);
    assert!(
        lenient - school_mean >= 0.3,
        "lenient {lenient:.2} vs school {school_mean:.2}"
    );
    assert!(
        school_mean - harsh >= 0.3,
        "harsh {harsh:.2} vs school {school_mean:.2}"
    );
    assert!((3.6..=4.2).contains(&school_mean), "school mean {school_mean:.2}");
    let l = &school.logins;
    let logins = [
        &l.director_staff_code,
        &l.deputy_staff_code,
        &l.teacher_staff_code,
        &l.class_teacher_staff_code,
    ];
    for code in [&j.lenient_staff_code, &j.harsh_staff_code, &j.incomplete_staff_code] {
        assert!(!code.is_empty() && !logins.contains(&code), "{code}");
    }
    let lenient_teaches = |s: &str| {
        school
            .roster
            .assignments
            .iter()
            .any(|a| a.staff_code == j.lenient_staff_code && a.subject == s && (5..=8).contains(&a.class.grade))
    };
    assert!(lenient_teaches("Математика") || lenient_teaches("Русский язык"));
}

#[test]
fn marks_run_from_two_to_five_with_a_few_double_marks_and_comments() {
    let (_, j) = demo();
    let marked: Vec<&DemoCell> = j.cells.iter().filter(|c| !c.marks.is_empty()).collect();
    assert!(
        marked
            .iter()
            .flat_map(|c| &c.marks)
            .all(|m| (2..=5).contains(&m.value()))
    );
    let share = |n: usize| n as f64 / marked.len() as f64;
    let doubles = share(marked.iter().filter(|c| c.marks.len() == 2).count());
    let comments = share(marked.iter().filter(|c| !c.comment.is_empty()).count());
    assert!((0.015..=0.05).contains(&doubles), "double marks {doubles:.3}");
    assert!((0.01..=0.035).contains(&comments), "comments {comments:.3}");
}

#[test]
fn about_six_percent_of_pupil_lessons_are_absences_and_absent_pupils_get_no_mark() {
    let (school, j) = demo();
    let mut size: BTreeMap<(&ClassName, &str), usize> = BTreeMap::new();
    let mut class_size: BTreeMap<&ClassName, usize> = BTreeMap::new();
    for p in &school.roster.pupils {
        *class_size.entry(&p.class).or_default() += 1;
    }
    for (class, n) in &class_size {
        size.insert((class, ""), *n);
        size.insert((class, "1"), n.div_ceil(2));
        size.insert((class, "2"), n - n.div_ceil(2));
    }
    let pupil_lessons: usize = j.lessons.iter().map(|l| size[&(&l.class, l.subgroup.as_str())]).sum();
    let absent: Vec<&DemoCell> = j
        .cells
        .iter()
        .filter(|c| c.attendance.is_some_and(Attendance::is_absence))
        .collect();
    let share = absent.len() as f64 / pupil_lessons as f64;
    println!(
        "absences: {} of {pupil_lessons} pupil-lessons ({share:.3})",
        absent.len()
    );
    assert!((0.03..=0.09).contains(&share), "absences {share:.3}");
    assert!(absent.iter().all(|c| c.marks.is_empty()));
    for code in Attendance::ALL {
        assert!(j.cells.iter().any(|c| c.attendance == Some(code)), "{code:?}");
    }
    let ill = |from: Date, to: Date| {
        let n = j.cells.iter().filter(|c| {
            let d = j.lessons[c.lesson].date;
            c.attendance == Some(Attendance::Ill) && from <= d && d <= to
        });
        n.count()
    };
    // The flu wave: the second half of October has more illness than the first.
    assert!(
        ill(day(Month::October, 12), day(Month::October, 23))
            > 2 * ill(day(Month::September, 28), day(Month::October, 9))
    );
}

#[test]
fn quarter_one_marks_cover_grades_2_to_11_and_mostly_follow_the_suggestion() {
    let (school, j) = demo();
    let q1: Vec<&DemoPeriodMark> = j.period_marks.iter().filter(|p| p.period_index == 1).collect();
    assert_eq!(q1.len(), j.period_marks.len(), "only the first quarter has ended");
    let pupils: BTreeSet<&str> = q1.iter().map(|p| p.pupil_code.as_str()).collect();
    let expected = school.roster.pupils.iter().filter(|p| p.class.grade >= 2).count();
    assert_eq!(pupils.len(), expected);
    let policy = GradingPolicy::default();
    let end = day(Month::October, 24);
    let mut marks: BTreeMap<(&str, &str), Vec<(Mark, &str)>> = BTreeMap::new();
    for c in &j.cells {
        let l = &j.lessons[c.lesson];
        if l.date <= end {
            let entry = marks.entry((c.pupil_code.as_str(), l.subject.as_str())).or_default();
            entry.extend(c.marks.iter().map(|m| (*m, l.work_type.as_str())));
        }
    }
    let mut agree = 0;
    for p in &q1 {
        let got = marks
            .get(&(p.pupil_code.as_str(), p.subject.as_str()))
            .map(Vec::as_slice)
            .unwrap_or_default();
        if policy.suggest(got).suggested == Some(p.mark) || p.mark == PeriodMark::Exempt {
            agree += 1;
        }
    }
    let share = f64::from(agree) / q1.len() as f64;
    println!(
        "quarter 1: {agree} of {} marks follow the suggestion ({share:.3})",
        q1.len()
    );
    assert!((0.9..0.99).contains(&share), "agreement {share:.3}");
}

#[test]
fn a_few_pupils_are_not_attested_and_one_or_two_are_exempt_from_pe() {
    let (_, j) = demo();
    let na: BTreeSet<&str> = j
        .period_marks
        .iter()
        .filter(|p| p.mark == PeriodMark::NotAttested)
        .map(|p| p.pupil_code.as_str())
        .collect();
    println!("pupils with н/а: {na:?}");
    assert!((2..=10).contains(&na.len()), "pupils with н/а: {na:?}");
    let exempt: Vec<&DemoPeriodMark> = j.period_marks.iter().filter(|p| p.mark == PeriodMark::Exempt).collect();
    assert!((1..=2).contains(&exempt.len()), "{exempt:?}");
    assert!(exempt.iter().all(|p| p.subject == "Физическая культура"));
}

#[test]
fn lessons_have_topics_and_homework_except_a_few_of_the_incomplete_teacher() {
    let (_, j) = demo();
    let full = j
        .lessons
        .iter()
        .filter(|l| !l.topic.is_empty() && !l.homework.is_empty())
        .count();
    let share = full as f64 / j.lessons.len() as f64;
    println!("lessons with topic and homework: {share:.3}");
    assert!((0.8..=0.9).contains(&share), "topic and homework {share:.3}");
    let untitled: BTreeSet<&str> = j
        .lessons
        .iter()
        .filter(|l| l.topic.is_empty())
        .map(|l| l.staff_code.as_str())
        .collect();
    assert_eq!(untitled, BTreeSet::from([j.incomplete_staff_code.as_str()]));
    let theirs: Vec<&DemoLesson> = j
        .lessons
        .iter()
        .filter(|l| l.staff_code == j.incomplete_staff_code)
        .collect();
    let missing = theirs
        .iter()
        .filter(|l| l.topic.is_empty() || l.homework.is_empty())
        .count();
    let share = missing as f64 / theirs.len() as f64;
    println!("incomplete teacher: {missing} of {} lessons ({share:.3})", theirs.len());
    assert!((0.01..=0.06).contains(&share), "incomplete {share:.3}");
}

#[test]
fn volume_is_around_ten_thousand_lessons_and_generation_is_quick() {
    let school = generate();
    let started = std::time::Instant::now();
    let j = generate_journal(&school, today());
    let elapsed = started.elapsed();
    let marks: Vec<i64> = j.cells.iter().flat_map(|c| c.marks.iter().map(|m| m.value())).collect();
    let absences = j
        .cells
        .iter()
        .filter(|c| c.attendance.is_some_and(Attendance::is_absence))
        .count();
    let count = |v: &[i64], x: i64| v.iter().filter(|&&m| m == x).count();
    let by_mark: Vec<usize> = (2..=5).map(|x| count(&marks, x)).collect();
    let mut term: BTreeMap<String, usize> = BTreeMap::new();
    for p in &j.period_marks {
        *term.entry(p.mark.code()).or_default() += 1;
    }
    let mut work: BTreeMap<&str, usize> = BTreeMap::new();
    for l in &j.lessons {
        *work.entry(l.work_type.as_str()).or_default() += 1;
    }
    println!(
        "lessons {}, cells {}, marks {} (2..5: {by_mark:?}), absences {absences}, quarter marks {} {term:?}, in {elapsed:?}",
        j.lessons.len(),
        j.cells.len(),
        marks.len(),
        j.period_marks.len()
    );
    println!("work types {work:?}");
    let school_mean = mean_mark(&j, |_| true);
    let lenient = mean_mark(&j, |l| l.staff_code == j.lenient_staff_code);
    let harsh = mean_mark(&j, |l| l.staff_code == j.harsh_staff_code);
    println!(
        "school mean {school_mean:.2}; lenient {} {lenient:.2}; harsh {} {harsh:.2}; incomplete {}",
        j.lenient_staff_code, j.harsh_staff_code, j.incomplete_staff_code
    );
    assert!((8_000..=12_000).contains(&j.lessons.len()), "{}", j.lessons.len());
    assert!((20_000..=200_000).contains(&j.cells.len()), "{}", j.cells.len());
    // Generous against slow CI machines; it takes well under a second.
    assert!(elapsed < std::time::Duration::from_secs(5), "{elapsed:?}");
}

#[test]
fn a_date_in_the_second_half_year_adds_the_second_quarter_marks() {
    let (school, _) = demo();
    let j = generate_journal(
        school,
        Date::from_calendar_date(2027, Month::January, 15).expect("date"),
    );
    let quarters: BTreeSet<i64> = j.period_marks.iter().map(|p| p.period_index).collect();
    assert_eq!(quarters, BTreeSet::from([1, 2]));
    assert!(
        j.lessons
            .iter()
            .all(|l| !(day(Month::December, 29) <= l.date && l.date.year() == 2026))
    );
    assert!(j.lessons.iter().any(|l| l.date.year() == 2027));
}
