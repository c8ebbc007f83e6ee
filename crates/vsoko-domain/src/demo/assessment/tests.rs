use super::*;
use crate::demo::generate;
use std::collections::BTreeSet;
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
            if w.kind != WorkKind::ControlWork {
                assert_eq!(r.participant_code.len(), 5, "{}", r.participant_code);
            }
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
    let prior = prior_year_roster(&generate());
    move |w: &DemoWork, r: &DemoResult| {
        let subject = journal_subject(&w.subject, w.grade);
        prior
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
    let in_grade = generate().roster.pupils.iter().filter(|p| p.class.grade == 6).count();
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
fn participant_codes_are_one_per_pupil_of_grades_four_to_eight_of_the_vpr_year() {
    let d = data();
    let school = generate();
    let expected = school
        .roster
        .pupils
        .iter()
        .filter(|p| (5..=9).contains(&p.class.grade))
        .count();
    assert_eq!(d.participants.len(), expected);
    for w in d.works.iter().filter(|w| w.kind != WorkKind::ControlWork) {
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

#[test]
fn the_vpr_of_spring_2026_is_written_in_last_years_classes() {
    let school = generate();
    for w in data().works.iter().filter(|w| w.kind == WorkKind::Vpr) {
        for r in &w.results {
            let today = school
                .roster
                .pupils
                .iter()
                .find(|p| p.code == r.pupil_code)
                .expect("pupil");
            assert_eq!(prior_class(&today.class).as_ref(), Some(&r.class), "{}", w.title());
        }
    }
    // The ОГЭ trial and the control work are this year's.
    for w in data().works.iter().filter(|w| w.kind != WorkKind::Vpr) {
        for r in &w.results {
            let today = school
                .roster
                .pupils
                .iter()
                .find(|p| p.code == r.pupil_code)
                .expect("pupil");
            assert_eq!(today.class, r.class, "{}", w.title());
        }
    }
}

/// The control work's primary score minus what the pupil's ВПР 2026 score predicts (least
/// squares within the grade, the way a pair of works of one cohort is compared), averaged
/// over the pupils of each (grade, teacher), in points.
fn value_added() -> BTreeMap<(i64, String), (f64, usize)> {
    let school = generate();
    let mut out: BTreeMap<(i64, String), (f64, usize)> = BTreeMap::new();
    for cw in data().works.iter().filter(|w| w.kind == WorkKind::ControlWork) {
        let before = vpr(MATH, cw.grade - 1);
        let pairs: Vec<(&DemoResult, f64)> = cw
            .results
            .iter()
            .filter_map(|r| {
                let v = before.results.iter().find(|b| b.pupil_code == r.pupil_code)?;
                Some((r, v.primary as f64))
            })
            .collect();
        let n = pairs.len() as f64;
        let (mx, my) = (
            pairs.iter().map(|p| p.1).sum::<f64>() / n,
            pairs.iter().map(|p| p.0.primary as f64).sum::<f64>() / n,
        );
        let sxy: f64 = pairs.iter().map(|p| (p.1 - mx) * (p.0.primary as f64 - my)).sum();
        let sxx: f64 = pairs.iter().map(|p| (p.1 - mx).powi(2)).sum();
        let slope = sxy / sxx;
        assert!(
            slope > 0.2,
            "grade {}: control work follows the ВПР, slope {slope:.2}",
            cw.grade
        );
        for (r, x) in pairs {
            let subject = journal_subject(MATH, cw.grade);
            let teacher = school
                .roster
                .assignments
                .iter()
                .find(|a| a.class == r.class && a.subject == subject)
                .map(|a| a.staff_code.clone())
                .unwrap_or_default();
            let e = out.entry((cw.grade, teacher)).or_default();
            e.0 += r.primary as f64 - (my + slope * (x - mx));
            e.1 += 1;
        }
    }
    out.into_iter().map(|(k, (sum, n))| (k, (sum / n as f64, n))).collect()
}

#[test]
fn one_maths_teacher_adds_clearly_more_than_the_vpr_predicts_and_one_clearly_less() {
    let d = data();
    let school = generate();
    assert!(!d.strong_staff_code.is_empty() && !d.weak_staff_code.is_empty());
    assert_ne!(d.strong_staff_code, d.weak_staff_code);
    let va = value_added();
    eprintln!("{va:?}");
    // In every grade the strong (weak) teacher shares with a colleague, the strong teacher's
    // pupils gain at least a point and a half more (less) than the colleague's.
    let mut contrasts = [0, 0];
    for ((grade, teacher), (v, n)) in &va {
        let sign = if teacher == &d.strong_staff_code {
            1.0
        } else if teacher == &d.weak_staff_code {
            -1.0
        } else {
            continue;
        };
        assert!(*n >= 20, "{grade} {teacher}: n = {n}");
        for ((g, other), (w, _)) in &va {
            if g == grade && other != teacher && other != &d.strong_staff_code && other != &d.weak_staff_code {
                let gap = sign * (v - w);
                assert!(gap >= 1.5, "grade {grade}: {teacher} {v:.2} vs {other} {w:.2}");
                contrasts[usize::from(sign < 0.0)] += 1;
            }
        }
    }
    assert!(contrasts[0] >= 1 && contrasts[1] >= 1, "{contrasts:?}");
    // Every class of the two teachers has at least 20 pupils in the work, and neither is
    // behind a demo login.
    for staff in [&d.strong_staff_code, &d.weak_staff_code] {
        assert!(
            ![
                &school.logins.teacher_staff_code,
                &school.logins.class_teacher_staff_code
            ]
            .contains(&staff)
        );
        for cw in d.works.iter().filter(|w| w.kind == WorkKind::ControlWork) {
            let subject = journal_subject(MATH, cw.grade);
            for a in school
                .roster
                .assignments
                .iter()
                .filter(|a| &a.staff_code == staff && a.subject == subject && a.class.grade == cw.grade)
            {
                let n = cw.results.iter().filter(|r| r.class == a.class).count();
                assert!(n >= 20, "{}: {n}", a.class);
            }
        }
    }
    let dates: Vec<String> = d
        .works
        .iter()
        .filter(|w| w.kind == WorkKind::ControlWork)
        .map(|w| format!("{} {}", w.grade, w.date))
        .collect();
    assert_eq!(dates, ["5 2026-10-20", "6 2026-10-21", "7 2026-10-22", "8 2026-10-23"]);
}

#[test]
fn the_spring_before_has_russian_and_maths_of_another_cohort_with_the_same_tables() {
    let school = generate();
    let earlier = earlier::earlier_vpr(&school, 2025);
    assert_eq!(earlier, earlier::earlier_vpr(&school, 2025), "deterministic");
    let works: Vec<(i64, &str)> = earlier.iter().map(|w| (w.grade, w.subject.as_str())).collect();
    let expected: Vec<(i64, &str)> = (4..=8).flat_map(|g| [(g, RUS), (g, MATH)]).collect();
    assert_eq!(works, expected);
    let codes_2026: BTreeSet<&str> = data().participants.iter().map(|p| p.code.as_str()).collect();
    for w in &earlier {
        let now = vpr(&w.subject, w.grade);
        assert_eq!(
            (w.kind, w.year, w.title()),
            (WorkKind::Vpr, 2025, now.title().replace("2026", "2025"))
        );
        assert_eq!((&w.tasks, &w.scale), (&now.tasks, &now.scale), "{}", w.title());
        assert!(w.date.year() == 2025 && (w.date.month() == Month::April || w.date.month() == Month::May));
        assert!(w.results.len() > 30, "{}: {}", w.title(), w.results.len());
        // Today's pupils two grades up, in their class of spring 2025 (same letter).
        let today: BTreeMap<&str, &ClassName> = school
            .roster
            .pupils
            .iter()
            .map(|p| (p.code.as_str(), &p.class))
            .collect();
        for r in &w.results {
            let class = today[r.pupil_code.as_str()];
            assert_eq!((class.grade - 2, &class.letter), (w.grade, &r.class.letter));
            assert!(!codes_2026.contains(r.participant_code.as_str()));
            assert_eq!(r.mark, w.scale.mark(&w.tasks, &r.scores));
        }
        // A different cohort of the same parallel.
        let pupils_now: BTreeSet<&str> = now.results.iter().map(|r| r.pupil_code.as_str()).collect();
        assert!(w.results.iter().all(|r| !pupils_now.contains(r.pupil_code.as_str())));
        // Its own random stream: not the 2026 scores of some other pupils.
        let scores = |x: &DemoWork| x.results.iter().map(|r| r.scores.clone()).collect::<Vec<_>>();
        assert_ne!(scores(w), scores(now));
    }
}
