use super::*;
use crate::demo::generate;
use std::sync::OnceLock;

fn data() -> &'static DemoAssessments {
    static D: OnceLock<DemoAssessments> = OnceLock::new();
    D.get_or_init(|| generate_assessments(&generate(), 2026))
}

fn vpr(subject: &str, grade: i64) -> &'static DemoWork {
    data()
        .works
        .iter()
        .find(|w| w.kind == WorkKind::Vpr && w.subject == subject && w.grade == grade)
        .expect("work")
}

#[test]
fn the_same_files_come_out_every_time() {
    assert_eq!(generate_assessments(&generate(), 2026), *data());
}

#[test]
fn three_subjects_in_grades_four_to_eight_and_an_oge_trial_in_nine() {
    let d = data();
    let vpr: Vec<(i64, &str)> = d
        .works
        .iter()
        .filter(|w| w.kind == WorkKind::Vpr)
        .map(|w| (w.grade, w.subject.as_str()))
        .collect();
    assert_eq!(vpr.len(), 15);
    for grade in 4..=8 {
        assert!(vpr.contains(&(grade, RUS)) && vpr.contains(&(grade, MATH)), "{grade}");
    }
    assert!(vpr.contains(&(4, WORLD)) && vpr.contains(&(8, HIST)));
    let oge: Vec<&DemoWork> = d.works.iter().filter(|w| w.kind == WorkKind::OgeTrial).collect();
    assert_eq!(oge.len(), 1);
    assert_eq!((oge[0].grade, oge[0].max_primary()), (9, 31));
    for w in &d.works {
        assert!(!w.results.is_empty(), "{}", w.title());
        assert!(!w.tasks.is_empty(), "{}", w.title());
    }
}

#[test]
fn the_spec_tables_keep_their_maxima_and_thresholds() {
    let rus = vpr(RUS, 4);
    assert_eq!(rus.max_primary(), 24);
    assert_eq!(rus.scale.mins, [10, 16, 21]);
    let maths = vpr(MATH, 4);
    assert_eq!(maths.max_primary(), 18);
    let codes: Vec<&str> = maths.tasks.iter().map(|t| t.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "1", "2", "3", "4", "5.1", "5.2", "6.1", "6.2", "7", "8", "9.1", "9.2", "10", "11"
        ]
    );
    assert_eq!(maths.tasks[10].level, Level::Advanced);
    for w in &data().works {
        let [a, b, c] = w.scale.mins;
        assert!(0 < a && a < b && b < c && c <= w.max_primary(), "{}", w.title());
    }
}

#[test]
fn every_result_is_consistent_with_its_table_and_scale() {
    for w in &data().works {
        for r in &w.results {
            assert_eq!(r.scores.len(), w.tasks.len());
            for (t, s) in w.tasks.iter().zip(&r.scores) {
                assert!(s.unwrap_or(0) <= t.max, "{} {}", w.title(), t.code);
            }
            let sum: i64 = r.scores.iter().map(|s| i64::from(s.unwrap_or(0))).sum();
            assert_eq!(r.primary, sum);
            assert_eq!(r.mark, w.scale.mark(&w.tasks, &r.scores));
            assert_eq!(r.participant_code.len(), 5, "{}", r.participant_code);
            assert_eq!(r.class.grade, w.grade);
        }
        let mut codes: Vec<&str> = w.results.iter().map(|r| r.participant_code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), w.results.len(), "duplicate codes in {}", w.title());
    }
}

#[test]
fn the_russian_grade_four_scale_matches_spec_at_every_boundary() {
    let w = vpr(RUS, 4);
    let mark_of = |total: u8| {
        let mut scores = vec![Some(0_u8); w.tasks.len()];
        let mut left = total;
        for (s, t) in scores.iter_mut().zip(&w.tasks) {
            let take = left.min(t.max);
            *s = Some(take);
            left -= take;
        }
        w.scale.mark(&w.tasks, &scores)
    };
    let marks: Vec<u8> = [0, 9, 10, 15, 16, 20, 21, 24].iter().map(|&t| mark_of(t)).collect();
    assert_eq!(marks, [2, 2, 3, 3, 4, 4, 5, 5]);
}

#[test]
fn the_oge_mark_needs_two_geometry_points() {
    let w = data().works.iter().find(|w| w.kind == WorkKind::OgeTrial).expect("oge");
    // 20 points from algebra and practical tasks: a 2 for want of geometry.
    let mut scores: Vec<Option<u8>> = w
        .tasks
        .iter()
        .map(|t| Some(if t.section == "Геометрия" { 0 } else { t.max }))
        .collect();
    assert_eq!(w.scale.mark(&w.tasks, &scores), 2);
    let geometry = w.tasks.iter().position(|t| t.code == "15").expect("15");
    scores[geometry] = Some(1);
    assert_eq!(w.scale.mark(&w.tasks, &scores), 2);
    scores[geometry + 1] = Some(1);
    assert_eq!(w.scale.mark(&w.tasks, &scores), 5, "22 points with 2 in geometry");
    scores[0] = Some(0);
    assert_eq!(w.scale.mark(&w.tasks, &scores), 4, "21 points");
    let r = &w.results[0];
    assert_eq!(short_answers(w, r).chars().count(), 19);
    assert_eq!(full_answers(w, r).len(), 6 * 4);
    assert!(short_answers(w, r).chars().all(|c| c == '+' || c == '-'));
}

/// Shares of (lowered, confirmed, raised) — ВПР mark below, equal to, above the journal mark.
fn comparison(filter: impl Fn(&DemoWork, &DemoResult) -> bool) -> (f64, f64, f64, usize) {
    let mut c = [0_usize; 3];
    for w in data().works.iter().filter(|w| w.kind == WorkKind::Vpr) {
        for r in w.results.iter().filter(|r| filter(w, r)) {
            if let Some(j) = r.journal_mark {
                c[(r.mark.cmp(&j) as i8 + 1) as usize] += 1;
            }
        }
    }
    let n = c.iter().sum::<usize>();
    let share = |k: usize| c[k] as f64 / n.max(1) as f64;
    (share(0), share(1), share(2), n)
}

fn taught_by(staff: &str) -> impl Fn(&DemoWork, &DemoResult) -> bool + '_ {
    let school = generate();
    move |w: &DemoWork, r: &DemoResult| {
        let subject = journal_subject(&w.subject, w.grade);
        school
            .roster
            .assignments
            .iter()
            .any(|a| a.staff_code == staff && a.class == r.class && a.subject == subject)
    }
}

#[test]
fn most_pupils_confirm_their_journal_mark_but_the_lenient_teachers_classes_are_lowered() {
    let d = data();
    let (low, same, high, n) = comparison(|_, _| true);
    assert!(n > 800, "{n}");
    assert!(
        same >= 0.45,
        "school: lowered {low:.2} confirmed {same:.2} raised {high:.2}"
    );
    let (l_low, _, l_high, ln) = comparison(taught_by(&d.lenient_staff_code));
    assert!(ln >= 40, "{ln}");
    assert!(
        l_low >= low + 0.2 && l_low > 2.0 * l_high,
        "lenient lowered {l_low:.2} vs school {low:.2}"
    );
    let (h_low, _, h_high, hn) = comparison(taught_by(&d.harsh_staff_code));
    eprintln!(
        "school n={n}: lowered {low:.2} confirmed {same:.2} raised {high:.2}; lenient n={ln}: lowered {l_low:.2} raised {l_high:.2}; harsh n={hn}: lowered {h_low:.2} raised {h_high:.2}"
    );
    assert!(hn >= 40, "{hn}");
    assert!(
        h_high >= high + 0.1 && h_high > h_low,
        "harsh raised {h_high:.2} vs school {high:.2}"
    );
}

/// Completion of a section's tasks in a class, Σ scores / (Σ max × pupils).
fn completion(w: &DemoWork, class: &ClassName, section: &str) -> f64 {
    let (mut got, mut max) = (0_u64, 0_u64);
    for r in w.results.iter().filter(|r| r.class == *class) {
        for (t, s) in w.tasks.iter().zip(&r.scores) {
            if t.section == section {
                got += u64::from(s.unwrap_or(0));
                max += u64::from(t.max);
            }
        }
    }
    got as f64 / max.max(1) as f64
}

#[test]
fn the_weak_class_lags_its_parallel_on_one_skill_only() {
    let (class, subject, section) = &data().weak_skill;
    let w = vpr(subject, class.grade);
    let others: Vec<&ClassName> = {
        let mut c: Vec<&ClassName> = w.results.iter().map(|r| &r.class).filter(|c| *c != class).collect();
        c.dedup();
        c
    };
    assert!(others.len() >= 2);
    let weak = completion(w, class, section);
    eprintln!("{section}: {class} {weak:.2}");
    for other in &others {
        let theirs = completion(w, other, section);
        eprintln!("{section}: {other} {theirs:.2}");
        assert!(
            theirs - weak >= 0.25,
            "{section}: {class} {weak:.2} vs {other} {theirs:.2}"
        );
    }
    let sections: Vec<&str> = w
        .tasks
        .iter()
        .map(|t| t.section.as_str())
        .filter(|s| s != section)
        .collect();
    for s in sections {
        let gap = completion(w, others[0], s) - completion(w, class, s);
        assert!(gap.abs() < 0.2, "{s}: gap {gap:.2}");
    }
}

#[test]
fn some_pupils_miss_a_work_and_some_tasks_are_left_undone() {
    let w = vpr(RUS, 5);
    let in_grade = generate().roster.pupils.iter().filter(|p| p.class.grade == 5).count();
    assert!(w.results.len() < in_grade && w.results.len() * 10 >= in_grade * 8);
    let undone = data()
        .works
        .iter()
        .flat_map(|w| &w.results)
        .flat_map(|r| &r.scores)
        .filter(|s| s.is_none())
        .count();
    assert!(undone > 50, "{undone}");
}

#[test]
fn participant_codes_are_one_per_pupil_of_grades_four_to_nine() {
    let d = data();
    let school = generate();
    let expected = school
        .roster
        .pupils
        .iter()
        .filter(|p| (4..=9).contains(&p.class.grade))
        .count();
    assert_eq!(d.participants.len(), expected);
    for w in &d.works {
        for r in &w.results {
            assert!(
                d.participants
                    .iter()
                    .any(|p| p.code == r.participant_code && p.pupil_code == r.pupil_code)
            );
        }
    }
}

#[test]
fn vpr_dates_are_weekdays_in_the_window() {
    for w in data().works.iter().filter(|w| w.kind == WorkKind::Vpr) {
        let d = w.date;
        assert!(!matches!(d.weekday(), time::Weekday::Saturday | time::Weekday::Sunday));
        assert!(
            (Month::April, 20) <= (d.month(), d.day()) || d.month() == Month::May,
            "{d}"
        );
        assert!(d.month() != Month::May || d.day() <= 20, "{d}");
        assert_eq!(d.year(), 2026);
    }
    assert_eq!(vpr(MATH, 4).title(), "ВПР 2026 Математика 4 класс");
}
