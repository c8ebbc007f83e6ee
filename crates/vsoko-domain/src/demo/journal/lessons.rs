//! The lessons of the demo journal: each assignment meets on fixed weekdays for its weekly
//! hours; a lesson gets a work type (tests every 3–4 weeks or once a quarter, an
//! independent work about every eighth lesson, labs in the sciences), a topic from the
//! subject's programme and homework written the way teachers write it.

use super::calendar::{lessons_on, weekly_slots};
use super::topics::topics;
use super::{DemoLesson, period_of, seeded};
use crate::demo::DemoSchool;
use crate::demo::curriculum::{
    ALG, ART, BIO, CHEM, ENG, GEOM, INF, LIT, MATH, MUSIC, PE, PHYS, PROJECT, READING, RUS, STAT, TECH,
};
use crate::demo::rng::Rng;
use crate::roster::AssignmentRow;
use crate::structure::PeriodSpan;
use time::{Date, Duration};

/// A lesson with what the marks generator needs to know about it.
pub(super) struct Planned {
    /// The lesson as the journal shows it.
    pub lesson: DemoLesson,
    /// Index of its assignment in the roster.
    pub assignment: usize,
    /// Index of its period.
    pub period: usize,
}

/// Subjects with laboratory work.
const LAB_SUBJECTS: &[&str] = &[PHYS, CHEM, BIO];
/// Subjects without written tests or independent work: a "test" there is a зачётный урок.
const PRACTICAL: &[&str] = &[PE, MUSIC, ART, TECH, PROJECT];
/// Teaching weeks of a school year (ФОП: 34, 33 in grade 1).
const WEEKS_PER_YEAR: usize = 34;
/// Share of the incomplete teacher's lessons left without a topic or homework, in percent.
const INCOMPLETE_PERCENT: usize = 3;

/// Where an assignment stands in its programme.
#[derive(Default, Clone)]
struct Progress {
    /// Lessons so far.
    total: usize,
    /// Period of the last lesson and lessons in it so far.
    period: Option<usize>,
    in_period: usize,
    /// Whether the quarter's test (subjects under four hours) was written.
    tested: bool,
    /// Lab works so far.
    labs: usize,
}

/// Every lesson on `days`, in date order and then in roster order of the assignments.
pub(super) fn build(
    school: &DemoSchool,
    days: &[Date],
    periods: &[PeriodSpan],
    incomplete: &str,
    mut rng: Rng,
) -> Vec<Planned> {
    let assignments = &school.roster.assignments;
    let hours: Vec<usize> = assignments
        .iter()
        .map(|a| a.hours_per_week.round().max(0.0) as usize)
        .collect();
    let mut timing: Vec<(Vec<u8>, i64)> = Vec::new();
    for (a, &h) in assignments.iter().zip(&hours) {
        // Keyed by class and subject, so both subgroups of a class meet on the same days.
        let mut r = seeded(&["week", &a.class.to_string(), &a.subject]);
        timing.push((weekly_slots(h, r.below(5)), 10 + r.below(5) as i64));
    }
    let mut progress = vec![Progress::default(); assignments.len()];
    let mut out = Vec::new();
    for &date in days {
        let Some(period) = period_of(periods, date) else {
            continue;
        };
        for (i, a) in assignments.iter().enumerate() {
            for _ in 0..lessons_on(&timing[i].0, date) {
                let p = &mut progress[i];
                if p.period != Some(period) {
                    p.period = Some(period);
                    p.in_period = 0;
                    p.tested = false;
                }
                let test_from = periods[period].end.saturating_sub(Duration::days(timing[i].1));
                let kind = work_type(a, hours[i], p, date >= test_from, &mut rng);
                let lesson = describe(a, hours[i], kind, p, date, incomplete, &mut rng);
                p.total += 1;
                p.in_period += 1;
                out.push(Planned {
                    lesson,
                    assignment: i,
                    period,
                });
            }
        }
    }
    out
}

/// The work type of the next lesson; `test_due` says the quarter's last weeks have come.
fn work_type(a: &AssignmentRow, hours: usize, p: &mut Progress, test_due: bool, rng: &mut Rng) -> &'static str {
    let subject = a.subject.as_str();
    if a.class.grade > 1 {
        let q = p.in_period;
        if hours >= 4 {
            if (q + 1).is_multiple_of((hours * 7).div_ceil(2)) {
                return "test";
            }
        } else if test_due && !p.tested {
            p.tested = true;
            return "test";
        }
        if !PRACTICAL.contains(&subject) && q % 8 == 5 {
            return "independent";
        }
        if LAB_SUBJECTS.contains(&subject) && q % 6 == 2 {
            p.labs += 1;
            return "lab";
        }
        // In art and труд every third lesson ends with a piece of work that is marked.
        if (subject == ART || subject == TECH) && q % 3 == 1 {
            return "lab";
        }
    }
    match rng.below(100) {
        0..8 if a.class.grade > 1 => "homework",
        0..40 => "oral",
        _ => "classwork",
    }
}

/// The lesson with its topic and homework.
fn describe(
    a: &AssignmentRow,
    hours: usize,
    kind: &str,
    p: &Progress,
    date: Date,
    incomplete: &str,
    rng: &mut Rng,
) -> DemoLesson {
    let subject = a.subject.as_str();
    let list = topics(subject, a.class.grade);
    // The list spans the school year, so the first half covers about half of it.
    let per_topic = (WEEKS_PER_YEAR * hours).div_ceil(list.len().max(1)).max(1);
    let index = p.total / per_topic;
    let base = list.get(index % list.len().max(1)).copied().unwrap_or_default();
    let step = p.total % per_topic;
    let mut topic = match kind {
        "test" if PRACTICAL.contains(&subject) => format!("Зачётный урок. {base}"),
        "test" => {
            // A test checks what was taught, not the topic just begun.
            let done = p.total.saturating_sub(per_topic / 2) / per_topic;
            let checked = list.get(done % list.len().max(1)).copied().unwrap_or_default();
            format!("Контрольная работа по теме «{checked}»")
        }
        "independent" => format!("{base}. Самостоятельная работа"),
        "lab" if PRACTICAL.contains(&subject) => format!("{base}. Практическая работа"),
        "lab" => format!("Лабораторная работа № {}. {base}", p.labs),
        _ if step == 0 => base.to_string(),
        _ if step + 1 == per_topic && per_topic > 2 => format!("{base}. Обобщение и систематизация"),
        _ if step % 2 == 1 => format!("{base}. {}", practice(subject)),
        _ => format!("{base}. Закрепление изученного"),
    };
    // Textbooks have about two sections for every five lessons.
    let section = 1 + p.total * 2 / 5;
    let mut homework = homework(subject, a.class.grade, kind, p.total, section, rng);
    if a.staff_code == incomplete && rng.below(100) < INCOMPLETE_PERCENT {
        if rng.percent(50) {
            topic.clear();
        }
        homework.clear();
    }
    DemoLesson {
        class: a.class.clone(),
        subject: a.subject.clone(),
        subgroup: a.subgroup.clone().unwrap_or_default(),
        staff_code: a.staff_code.clone(),
        date,
        topic,
        homework,
        work_type: kind.to_string(),
    }
}

/// What a practice lesson on a topic is called.
fn practice(subject: &str) -> &'static str {
    match subject {
        MATH | ALG | GEOM | STAT | PHYS | CHEM | INF => "Решение задач",
        LIT | READING => "Анализ произведения",
        PE => "Совершенствование техники",
        TECH | ART => "Практическая работа",
        _ => "Закрепление",
    }
}

/// Homework after the `n`-th lesson on section (paragraph) `par`: none in grade 1 (where
/// it is not set), often none in the practical subjects, and after a test the reading for
/// the next lesson.
fn homework(subject: &str, grade: i64, kind: &str, n: usize, par: usize, rng: &mut Rng) -> String {
    if grade <= 1 {
        return String::new();
    }
    if kind == "test" {
        if PRACTICAL.contains(&subject) {
            return String::new();
        }
        return match subject {
            _ if grade <= 4 => format!("повторить с. {}–{}", 6 + n * 3, 8 + n * 3),
            LIT => format!("прочитать с. {}–{}", 10 + n * 3, 20 + n * 3),
            ENG => format!("выучить слова p. {}", 6 + n * 3),
            _ => format!("прочитать § {}", par + 1),
        };
    }
    let no = 10 + n * 7 + rng.below(5);
    let page = 6 + n * 3 + rng.below(3);
    let pick = rng.below(4);
    match subject {
        RUS => match pick {
            0 => format!("упр. {no}"),
            1 => format!("§ {par}, упр. {no}"),
            2 => format!("выучить правило с. {page}, упр. {no}"),
            _ => format!("упр. {no}, {}", no + 1),
        },
        READING | LIT => match pick {
            0 => format!("прочитать с. {page}–{}", page + 8),
            1 => format!("выразительное чтение с. {page}"),
            2 => "выучить отрывок наизусть".to_string(),
            _ => format!("ответить на вопросы с. {page}"),
        },
        ENG => match pick {
            0 | 1 => format!("SB p. {page}, ex. {}", 1 + no % 6),
            2 => format!("выучить слова p. {page}"),
            _ => format!("WB p. {}, ex. {}", page / 2, 1 + no % 5),
        },
        MATH | ALG | GEOM | STAT => match pick {
            0 | 1 => format!("№ {no}, {}, {}", no + 2, no + 5),
            2 => format!("§ {par}, № {no}, {}", no + 2),
            _ => format!("п. {par}, № {no} (а, б)"),
        },
        PHYS => format!("§ {par}, упр. {} ({}, {})", 1 + par, 1 + pick, 2 + pick),
        CHEM => format!("§ {par}, задания 1–{}", 3 + pick),
        PE => optional(
            rng,
            40,
            &["комплекс упражнений для утренней гимнастики", "повторить правила игры"],
        ),
        MUSIC => optional(
            rng,
            40,
            &["выучить слова песни", "послушать произведение, записать впечатления"],
        ),
        ART => optional(rng, 60, &["закончить рисунок", "принести акварельные краски и кисти"]),
        TECH => optional(
            rng,
            60,
            &["принести материалы для практической работы", "закончить изделие"],
        ),
        PROJECT => optional(
            rng,
            70,
            &["подобрать источники по теме проекта", "составить план проекта"],
        ),
        _ if grade <= 4 => format!("с. {page}–{}, ответить на вопросы", page + 3),
        _ => match pick {
            0 | 1 => format!("§ {par}, вопросы 1–{}", 3 + pick),
            2 => format!("§ {par}, пересказ"),
            _ => format!("§ {par}, заполнить таблицу в тетради"),
        },
    }
}

/// One of `texts` with the given chance in percent, else no homework.
fn optional(rng: &mut Rng, chance: usize, texts: &[&str]) -> String {
    if rng.percent(chance) {
        texts[rng.below(texts.len())].to_string()
    } else {
        String::new()
    }
}
