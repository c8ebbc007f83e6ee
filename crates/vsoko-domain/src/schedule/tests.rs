use super::*;
use time::macros::date;

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

const MATH: u128 = 100;
const RUS: u128 = 101;
const CLASS_5A: u128 = 500;
const CLASS_5B: u128 = 501;

/// An entry of a 5th-grade class on lesson 3 of 6.
fn entry(n: u128, class: u128, subject: u128, date: Date, name: &str) -> Entry {
    Entry {
        id: id(n),
        class_id: id(class),
        class_name: if class == CLASS_5A { "5А".into() } else { "5Б".into() },
        grade: 5,
        subject_id: id(subject),
        subject_name: if subject == MATH {
            "Математика".into()
        } else {
            "Русский язык".into()
        },
        fields: EntryFields {
            date,
            lesson: 3,
            lessons_in_day: 6,
            duration: 1,
            level: Level::School,
            name: name.into(),
        },
    }
}

/// Five hours a week of mathematics and Russian in both classes.
fn hours() -> WeeklyHours {
    let mut h = WeeklyHours::new();
    for class in [CLASS_5A, CLASS_5B] {
        for subject in [MATH, RUS] {
            h.insert((id(class), id(subject)), 500);
        }
    }
    h
}

fn rules(findings: &[Finding]) -> Vec<Rule> {
    findings.iter().map(|f| f.rule).collect()
}

#[test]
fn a_clean_schedule_has_no_findings() {
    let e = vec![
        entry(1, CLASS_5A, MATH, date!(2026 - 10 - 14), "КР 1"),
        entry(2, CLASS_5A, RUS, date!(2026 - 10 - 15), "Диктант"),
        entry(3, CLASS_5A, MATH, date!(2026 - 10 - 31), "КР 2"),
    ];
    assert_eq!(validate(&e, &hours()), vec![]);
}

#[test]
fn two_procedures_in_a_class_on_one_day_are_one_finding_naming_both() {
    let e = vec![
        entry(2, CLASS_5A, RUS, date!(2026 - 10 - 14), "Диктант"),
        entry(1, CLASS_5A, MATH, date!(2026 - 10 - 14), "КР 1"),
        entry(3, CLASS_5B, RUS, date!(2026 - 10 - 14), "Диктант"),
    ];
    let f = validate(&e, &hours());
    assert_eq!(rules(&f), vec![Rule::OnePerDay]);
    assert_eq!(f[0].entries, vec![id(1), id(2)]);
    assert_eq!(f[0].reason.key, "schedule-rule-one-per-day");
    assert_eq!(f[0].reason.get("class"), Some("5А"));
    assert_eq!(f[0].reason.get("date"), Some("14.10.2026"));
    let names = f[0].reason.get("entries").unwrap_or_default();
    assert!(names.contains("КР 1") && names.contains("Диктант"), "{names}");
}

#[test]
fn a_subject_in_a_parallel_needs_seventeen_days_between_procedures() {
    let sixteen = vec![
        entry(1, CLASS_5A, MATH, date!(2026 - 10 - 1), "КР 1"),
        entry(2, CLASS_5B, MATH, date!(2026 - 10 - 17), "КР 2"),
    ];
    let f = validate(&sixteen, &hours());
    assert_eq!(rules(&f), vec![Rule::Frequency]);
    assert_eq!(f[0].entries, vec![id(1), id(2)]);
    assert_eq!(f[0].reason.get("days"), Some("16"));
    assert_eq!(f[0].reason.get("grade"), Some("5"));
    let seventeen = vec![
        entry(1, CLASS_5A, MATH, date!(2026 - 10 - 1), "КР 1"),
        entry(2, CLASS_5B, MATH, date!(2026 - 10 - 18), "КР 2"),
    ];
    assert_eq!(validate(&seventeen, &hours()), vec![]);
}

#[test]
fn one_procedure_written_by_classes_of_a_parallel_on_different_days_is_not_too_often() {
    let e = vec![
        entry(1, CLASS_5A, MATH, date!(2026 - 10 - 1), "Входная контрольная работа"),
        entry(2, CLASS_5B, MATH, date!(2026 - 10 - 2), "входная контрольная работа "),
    ];
    assert_eq!(validate(&e, &hours()), vec![]);
    let twice_in_a_class = vec![
        entry(1, CLASS_5A, MATH, date!(2026 - 10 - 1), "Контрольная работа"),
        entry(2, CLASS_5A, MATH, date!(2026 - 10 - 9), "Контрольная работа"),
    ];
    assert_eq!(rules(&validate(&twice_in_a_class, &hours())), vec![Rule::Frequency]);
}

#[test]
fn other_subjects_and_other_parallels_do_not_count_towards_frequency() {
    let mut six = entry(2, CLASS_5B, MATH, date!(2026 - 10 - 2), "КР 2");
    six.grade = 6;
    let e = vec![
        entry(1, CLASS_5A, MATH, date!(2026 - 10 - 1), "КР 1"),
        six,
        entry(3, CLASS_5A, RUS, date!(2026 - 10 - 5), "Диктант"),
    ];
    assert_eq!(validate(&e, &hours()), vec![]);
}

#[test]
fn procedures_may_take_ten_percent_of_the_yearly_lessons_and_not_one_more() {
    // 1 hour a week × 34 weeks = 34 lessons → at most 3.4, so 3 procedures pass and 4 do not.
    let mut h = hours();
    h.insert((id(CLASS_5A), id(MATH)), 100);
    let dates = [
        date!(2026 - 9 - 10),
        date!(2026 - 11 - 10),
        date!(2027 - 1 - 20),
        date!(2027 - 3 - 10),
    ];
    let e: Vec<Entry> = dates
        .iter()
        .enumerate()
        .map(|(i, d)| entry(i as u128 + 1, CLASS_5A, MATH, *d, &format!("КР {i}")))
        .collect();
    assert_eq!(validate(&e[..3], &h), vec![]);
    let f = validate(&e, &h);
    assert_eq!(rules(&f), vec![Rule::ShareOfHours]);
    assert_eq!(f[0].entries.len(), 4);
    assert_eq!(f[0].reason.get("lessons"), Some("4"));
    assert_eq!(f[0].reason.get("yearly"), Some("34"));
    assert_eq!(f[0].reason.get("limit"), Some("3.4"));
    // Exactly ten percent passes: 2.5 hours × 34 = 85 lessons, a limit of 8.5; and a
    // two-lesson procedure counts twice.
    h.insert((id(CLASS_5A), id(MATH)), 250);
    let mut long = e.clone();
    for x in long.iter_mut() {
        x.fields.duration = 2;
    }
    assert_eq!(validate(&long, &h), vec![]);
    long.push(entry(9, CLASS_5A, MATH, date!(2027 - 5 - 10), "КР 9"));
    assert_eq!(rules(&validate(&long, &h)), vec![Rule::ShareOfHours]);
}

#[test]
fn grade_one_has_thirty_three_weeks() {
    assert_eq!(weeks_in_year(1), 33);
    assert_eq!(weeks_in_year(2), 34);
    assert_eq!(weeks_in_year(11), 34);
}

#[test]
fn first_and_last_lessons_are_findings_unless_the_subject_has_one_hour_a_week() {
    let mut first = entry(1, CLASS_5A, MATH, date!(2026 - 10 - 1), "КР 1");
    first.fields.lesson = 1;
    let mut last = entry(2, CLASS_5A, RUS, date!(2026 - 10 - 20), "Диктант");
    last.fields.lesson = 6;
    let mut second_of_two = entry(3, CLASS_5B, RUS, date!(2026 - 10 - 21), "Диктант");
    second_of_two.fields.lesson = 5;
    second_of_two.fields.duration = 2;
    let mut penultimate = entry(4, CLASS_5B, MATH, date!(2026 - 10 - 22), "КР 1");
    penultimate.fields.lesson = 5;
    let e = vec![first.clone(), last, second_of_two, penultimate];
    let f = validate(&e, &hours());
    assert_eq!(rules(&f), vec![Rule::FirstLesson, Rule::LastLesson, Rule::LastLesson]);
    assert_eq!(f[0].entries, vec![id(1)]);
    assert_eq!(f[2].entries, vec![id(3)]);
    assert_eq!(f[0].reason.get("lesson"), Some("1"));
    let mut h = hours();
    h.insert((id(CLASS_5A), id(MATH)), 100);
    assert_eq!(validate(&[first.clone()], &h), vec![]);
    h.insert((id(CLASS_5A), id(MATH)), 150);
    assert_eq!(rules(&validate(&[first], &h)), vec![Rule::FirstLesson]);
}

#[test]
fn a_class_subject_without_hours_is_reported_not_guessed() {
    let e = vec![entry(1, CLASS_5A, MATH, date!(2026 - 10 - 1), "КР 1")];
    let f = validate(&e, &WeeklyHours::new());
    assert_eq!(rules(&f), vec![Rule::UnknownHours]);
    assert_eq!(f[0].reason.get("subject"), Some("Математика"));
}

#[test]
fn findings_come_in_date_order() {
    let mut early = entry(1, CLASS_5A, MATH, date!(2026 - 9 - 10), "КР 1");
    early.fields.lesson = 1;
    let e = vec![
        entry(2, CLASS_5A, RUS, date!(2026 - 12 - 1), "Диктант"),
        entry(3, CLASS_5A, MATH, date!(2026 - 12 - 1), "КР 2"),
        early,
    ];
    let f = validate(&e, &hours());
    assert_eq!(rules(&f), vec![Rule::FirstLesson, Rule::OnePerDay]);
}

#[test]
fn an_entry_checks_its_own_fields() {
    let ok = entry(1, CLASS_5A, MATH, date!(2026 - 10 - 1), "КР").fields;
    assert_eq!(ok.check(), vec![]);
    let fields = |f: EntryFields| f.check().into_iter().map(|(k, _)| k).collect::<Vec<_>>();
    assert_eq!(
        fields(EntryFields {
            name: "  ".into(),
            ..ok.clone()
        }),
        vec!["name"]
    );
    assert_eq!(
        fields(EntryFields {
            name: "к".repeat(201),
            ..ok.clone()
        }),
        vec!["name"]
    );
    assert_eq!(
        fields(EntryFields {
            name: "к".repeat(200),
            ..ok.clone()
        }),
        Vec::<&str>::new()
    );
    assert_eq!(
        fields(EntryFields {
            lesson: 0,
            ..ok.clone()
        }),
        vec!["lesson"]
    );
    assert_eq!(
        fields(EntryFields {
            lesson: 7,
            ..ok.clone()
        }),
        vec!["lesson"]
    );
    assert_eq!(
        fields(EntryFields {
            lesson: 6,
            ..ok.clone()
        }),
        Vec::<&str>::new()
    );
    assert_eq!(
        fields(EntryFields {
            lesson: 6,
            duration: 2,
            ..ok.clone()
        }),
        vec!["lesson"]
    );
    assert_eq!(
        fields(EntryFields {
            duration: 3,
            ..ok.clone()
        }),
        vec!["duration"]
    );
    assert_eq!(
        fields(EntryFields {
            lessons_in_day: 11,
            ..ok.clone()
        }),
        vec!["lessons_in_day"]
    );
    assert_eq!(
        fields(EntryFields {
            lessons_in_day: 0,
            lesson: 1,
            ..ok
        }),
        vec!["lessons_in_day"]
    );
}

#[test]
fn levels_round_trip_their_codes() {
    for l in ALL_LEVELS {
        assert_eq!(Level::parse(l.code()), Some(l));
    }
    assert_eq!(Level::parse("x"), None);
}
