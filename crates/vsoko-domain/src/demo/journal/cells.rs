//! The cells of the demo journal: who was away (day-long absences planned in `pupils`,
//! skipped and late lessons drawn here), and who got which mark. On an ordinary lesson the
//! teacher asks three to six pupils (more in one-hour subjects), preferring those with
//! fewest marks this quarter; on a
//! test, an independent or a lab work every pupil present is marked; in the last three weeks
//! of a quarter anyone still short of the minimum is asked. Grade 1 gets no marks.

use super::lessons::Planned;
use super::pupils::People;
use super::teachers::Cast;
use super::{DemoCell, normal, subgroup_of};
use crate::demo::DemoSchool;
use crate::demo::curriculum::{ALG, CHEM, ENG, GEOM, HIST, INF, LIT, MATH, PE, PHYS, READING, RUS, SOC, STAT};
use crate::demo::rng::Rng;
use crate::journal::{Attendance, GradingPolicy, Mark};
use crate::structure::PeriodSpan;
use time::Duration;

/// Spread of a single mark around what the pupil knows, in marks.
const NOISE: f64 = 0.6;
/// Days before a quarter's end from which pupils short of marks are asked.
const CATCH_UP_DAYS: i64 = 21;
/// School weeks in a quarter, near enough.
const WEEKS_PER_QUARTER: usize = 8;

/// Cells of every lesson, in lesson order and then roster order.
pub(super) fn build(
    school: &DemoSchool,
    planned: &[Planned],
    people: &People,
    cast: &Cast,
    periods: &[PeriodSpan],
    mut rng: Rng,
) -> Vec<DemoCell> {
    let pupils = &school.roster.pupils;
    let min_marks = GradingPolicy::default().min_marks.max(0) as usize;
    let assignments = &school.roster.assignments;
    let groups: Vec<Vec<usize>> = assignments
        .iter()
        .map(|a| {
            let class = people.classes.get(&a.class).map(Vec::as_slice).unwrap_or_default();
            class
                .iter()
                .enumerate()
                .filter(|(n, _)| a.subgroup.as_deref().is_none_or(|s| s == subgroup_of(*n, class.len())))
                .map(|(_, &p)| p)
                .collect()
        })
        .collect();
    let bias: Vec<f64> = assignments.iter().map(|a| cast.bias(&a.staff_code)).collect();
    let spare: Vec<usize> = assignments.iter().map(|a| cast.spares_a_two(&a.staff_code)).collect();
    // In a one-hour subject three marks a quarter for everyone take about ten pupils a
    // lesson, so its teacher asks more of them than the usual three to six.
    let at_least: Vec<usize> = assignments
        .iter()
        .zip(&groups)
        .map(|(a, g)| {
            let lessons = (a.hours_per_week.round().max(1.0) as usize) * WEEKS_PER_QUARTER;
            // One more than the minimum, for the marks lost to absences.
            (g.len() * (min_marks + 1)).div_ceil(lessons)
        })
        .collect();
    // Marks this quarter per assignment and group member.
    let mut counts: Vec<(Option<usize>, Vec<usize>)> = groups.iter().map(|g| (None, vec![0; g.len()])).collect();
    let mut cells = Vec::new();
    for (index, plan) in planned.iter().enumerate() {
        let lesson = &plan.lesson;
        let group = &groups[plan.assignment];
        let (period, count) = &mut counts[plan.assignment];
        if *period != Some(plan.period) {
            *period = Some(plan.period);
            count.iter_mut().for_each(|c| *c = 0);
        }
        let day = people.day_index(lesson.date);
        let attendance: Vec<Option<Attendance>> = group
            .iter()
            .map(|&p| {
                day.and_then(|d| people.away_on(p, d))
                    .or_else(|| on_the_day(people, p, &mut rng))
            })
            .collect();
        let gradable = |m: usize| {
            lesson.class.grade >= 2
                && !attendance[m].is_some_and(Attendance::is_absence)
                && !(lesson.subject == PE && people.exempt_pe[group[m]])
        };
        let mut asked: Vec<usize> = (0..group.len()).filter(|&m| gradable(m)).collect();
        if !matches!(lesson.work_type.as_str(), "test" | "independent" | "lab") {
            let keys: Vec<usize> = asked.iter().map(|&m| count[m] * 10 + rng.below(15)).collect();
            let mut order: Vec<usize> = (0..asked.len()).collect();
            order.sort_by_key(|&k| (keys[k], k));
            let take = rng.between(3, 6).max(at_least[plan.assignment]);
            let end = periods.get(plan.period).map(|p| p.end).unwrap_or(lesson.date);
            let catch_up = lesson.date + Duration::days(CATCH_UP_DAYS) >= end;
            asked = order
                .iter()
                .enumerate()
                .filter(|&(rank, &k)| rank < take || (catch_up && count[asked[k]] < min_marks))
                .map(|(_, &k)| asked[k])
                .collect();
            asked.sort_unstable();
        }
        let mut asked = asked.into_iter().peekable();
        for (m, &pupil) in group.iter().enumerate() {
            let mut marks = Vec::new();
            let mut comment = String::new();
            if asked.next_if_eq(&m).is_some() {
                let skill = people.ability[pupil] + leaning(&lesson.subject) * people.stem[pupil];
                let centre = skill + bias[plan.assignment] + offset(lesson.class.grade, &lesson.work_type);
                marks.push(mark(centre, spare[plan.assignment], &mut rng));
                if rng.below(100) < 3 {
                    marks.push(mark(centre, spare[plan.assignment], &mut rng));
                }
                if rng.below(100) < 2 {
                    comment = remark(marks[0], &mut rng).to_string();
                }
                count[m] += 1;
            }
            if marks.is_empty() && attendance[m].is_none() {
                continue;
            }
            cells.push(DemoCell {
                lesson: index,
                pupil_code: pupils[pupil].code.clone(),
                marks,
                attendance: attendance[m],
                comment,
            });
        }
    }
    cells
}

/// A skipped (Н) or late (ОП) lesson, drawn lesson by lesson.
fn on_the_day(people: &People, pupil: usize, rng: &mut Rng) -> Option<Attendance> {
    if rng.below(1000) < people.truancy[pupil] {
        Some(Attendance::Absent)
    } else if rng.below(1000) < 6 {
        Some(Attendance::Late)
    } else {
        None
    }
}

/// +1 where the mathematically minded do better, −1 where the humanities-minded do.
fn leaning(subject: &str) -> f64 {
    match subject {
        MATH | ALG | GEOM | STAT | INF | PHYS | CHEM => 1.0,
        RUS | READING | LIT | ENG | HIST | SOC => -1.0,
        _ => 0.0,
    }
}

/// How marks shift with the grade (primary teachers mark kindlier) and the work type
/// (tests come out lower than answers in class).
fn offset(grade: i64, work_type: &str) -> f64 {
    let by_grade = match grade {
        ..=4 => 0.35,
        5..=6 => 0.2,
        7..=9 => 0.0,
        // Those who stay on after grade 9 are the keener pupils.
        _ => 0.15,
    };
    let by_work = match work_type {
        "test" => -0.2,
        "independent" => -0.1,
        "lab" | "homework" => 0.1,
        _ => 0.0,
    };
    by_grade + by_work
}

/// A mark around `centre`, 2–5 (teachers of the demo school do not give a 1); an earned 2
/// becomes a 3 with the teacher's chance `spare` in percent.
fn mark(centre: f64, spare: usize, rng: &mut Rng) -> Mark {
    let value = (centre + NOISE * normal(rng)).round() as i64;
    let spared = value <= 2 && rng.percent(spare);
    Mark::clamped(if spared { 3 } else { value.clamp(2, 5) })
}

/// A short comment fitting a mark.
fn remark(mark: Mark, rng: &mut Rng) -> &'static str {
    let options: &[&str] = match mark.value() {
        5 => &["Отличный ответ у доски", "Молодец!", "Работа выполнена аккуратно"],
        4 => &["Хороший ответ, есть неточности", "Небольшие ошибки в оформлении"],
        3 => &[
            "Ошибки в вычислениях",
            "Невнимательно, много исправлений",
            "Ответ неполный",
        ],
        _ => &[
            "Не выполнил(а) домашнее задание",
            "Не готов(а) к уроку",
            "Работа не сдана вовремя",
        ],
    };
    options[rng.below(options.len())]
}
