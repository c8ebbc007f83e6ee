//! The demo school's assessment results, task by task, as the files a school receives would
//! carry them: ВПР of spring 2026 in grades 4–8 in Russian, mathematics and one more subject
//! (the world around us in grade 4, history in 5–8), written in the school year 2025/26 by
//! today's pupils one grade lower (their classes of that year, [`crate::demo::prior`]); a
//! grade-9 ОГЭ trial in mathematics in December; and the school's own administrative control
//! work in mathematics for the first quarter in grades 5–8 (October 2026).
//!
//! Scores follow each pupil's latent ability from the demo journal, so ВПР marks and
//! journal marks agree for most pupils; patterns an analyst should find are built in:
//! - in the classes of the lenient teacher the journal mark ("Отметка по журналу") is above
//!   the ВПР mark far more often than elsewhere, in those of the harsh teacher below;
//! - one class does much worse on the tasks of one skill (section) than its parallel;
//! - about 5 % of pupils miss each work, and some tasks are left undone (`X`, not 0);
//! - the control work follows each pupil's ВПР 2026 mathematics score plus the effect of the
//!   pupil's mathematics teacher today: one teacher's classes do clearly better than their
//!   ВПР predicts, another's clearly worse (the pair a value-added analysis compares).
//!
//! The ВПР of the spring before in Russian and mathematics come from [`earlier::earlier_vpr`]
//! (the same model, another cohort), so the analysis can compare each work with the same
//! work a year earlier.
//!
//! Pure and deterministic. Marks come from each work's [`Scale`], never from the data.

pub mod earlier;
pub mod peers;
mod tables;

#[cfg(test)]
mod tests;

use super::DemoSchool;
use super::curriculum::{ALG, HIST, MATH, RUS, WORLD};
use super::journal::{Cast, busiest, cast, talent};
use super::prior::{prior_class, prior_year_roster};
use super::rng::Rng;
use crate::roster::AssignmentRow;
use crate::structure::ClassName;
use std::collections::BTreeMap;
use time::{Date, Month};

/// Seed of the assessment results.
const SEED: u64 = 0x0D0C_2026_A55E;

/// Difficulty level of a task (Б / П / В).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Базовый.
    Basic,
    /// Повышенный.
    Advanced,
    /// Высокий.
    High,
}

impl Level {
    /// The letter the files print: Б, П or В.
    pub fn letter(self) -> &'static str {
        match self {
            Level::Basic => "Б",
            Level::Advanced => "П",
            Level::High => "В",
        }
    }

    /// How much harder than an average task, in logits.
    fn difficulty(self) -> f64 {
        match self {
            Level::Basic => -0.6,
            Level::Advanced => 0.6,
            Level::High => 1.4,
        }
    }
}

/// One task (scoring point) of a work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// Code as in the file header, e.g. "9.1" or "10К1".
    pub code: String,
    /// Maximum score.
    pub max: u8,
    /// Difficulty level.
    pub level: Level,
    /// Section of the task table (the checked skill, short).
    pub section: String,
}

/// Primary score → mark: the least total for 3, 4 and 5, and optionally a least sum over
/// the tasks of one section that every positive mark needs (ОГЭ mathematics: geometry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scale {
    /// Least primary score for the marks 3, 4 and 5.
    pub mins: [i64; 3],
    /// (section, least points in it) required for any mark above 2.
    pub condition: Option<(&'static str, i64)>,
    /// Where the numbers come from ("demo" for made-up ones).
    pub source: &'static str,
}

impl Scale {
    /// The mark of a set of scores (None = not done, counted as 0) on `tasks`.
    pub fn mark(&self, tasks: &[Task], scores: &[Option<u8>]) -> u8 {
        let total: i64 = scores.iter().map(|s| i64::from(s.unwrap_or(0))).sum();
        if let Some((section, least)) = self.condition {
            let part: i64 = tasks
                .iter()
                .zip(scores)
                .filter(|(t, _)| t.section == section)
                .map(|(_, s)| i64::from(s.unwrap_or(0)))
                .sum();
            if part < least {
                return 2;
            }
        }
        match self.mins.iter().rposition(|&m| total >= m) {
            Some(i) => 3 + i as u8,
            None => 2,
        }
    }
}

/// Kind of a demo work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkKind {
    /// ВПР, delivered as a ФИС ОКО "Индивидуальные результаты" workbook.
    Vpr,
    /// A trial ОГЭ, delivered as an РЦОИ protocol.
    OgeTrial,
    /// The school's administrative control work, delivered in the generic layout.
    ControlWork,
}

/// One pupil's result in a work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoResult {
    /// The 5-digit participant code (one per pupil for the whole campaign); the pupil's
    /// roster code in the school's own control work.
    pub participant_code: String,
    /// The pupil's roster code.
    pub pupil_code: String,
    /// The pupil's class.
    pub class: ClassName,
    /// Variant 1 or 2.
    pub variant: u8,
    /// Score per task in table order; None = not done ("X").
    pub scores: Vec<Option<u8>>,
    /// Sum of the scores.
    pub primary: i64,
    /// Mark from the work's scale.
    pub mark: u8,
    /// The pupil's mark in the journal for the last period (ВПР only); None = "нет отметки".
    pub journal_mark: Option<u8>,
}

/// One work of one parallel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoWork {
    /// ВПР or ОГЭ trial.
    pub kind: WorkKind,
    /// Year of the campaign ("ВПР 2026").
    pub year: i32,
    /// Subject as the school names it.
    pub subject: String,
    /// Grade.
    pub grade: i64,
    /// Day it was written.
    pub date: Date,
    /// Task table.
    pub tasks: Vec<Task>,
    /// Score → mark.
    pub scale: Scale,
    /// Results, in roster order of the pupils who took part.
    pub results: Vec<DemoResult>,
}

impl DemoWork {
    /// Largest primary score.
    pub fn max_primary(&self) -> i64 {
        self.tasks.iter().map(|t| i64::from(t.max)).sum()
    }

    /// "ВПР 2026 Математика 4 класс"; the control work's own title.
    pub fn title(&self) -> String {
        let kind = match self.kind {
            WorkKind::Vpr => "ВПР",
            WorkKind::OgeTrial => "Пробный ОГЭ",
            WorkKind::ControlWork => return CONTROL_TITLE.to_string(),
        };
        format!("{kind} {} {} {} класс", self.year, self.subject, self.grade)
    }
}

/// A participant code and whose it is (the school's code list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    /// 5-digit code.
    pub code: String,
    /// Pupil's roster code.
    pub pupil_code: String,
    /// Class.
    pub class: ClassName,
}

/// Everything the demo files are made from.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoAssessments {
    /// School login in ФИС ОКО ("edu" + 6 digits).
    pub school_login: String,
    /// Municipality code in РЦОИ protocols.
    pub municipality_code: String,
    /// School code in РЦОИ protocols.
    pub school_code: String,
    /// The school's name.
    pub school_name: String,
    /// Municipality name.
    pub municipality_name: String,
    /// Participant codes of every pupil in grades 4–9.
    pub participants: Vec<Participant>,
    /// ВПР works (subject × grade), then the ОГЭ trial.
    pub works: Vec<DemoWork>,
    /// The teacher whose classes' journal marks are above their ВПР marks.
    pub lenient_staff_code: String,
    /// The teacher whose classes' journal marks are below their ВПР marks.
    pub harsh_staff_code: String,
    /// The class, subject and section with the weak skill.
    pub weak_skill: (ClassName, String, String),
    /// The mathematics teacher whose classes do clearly better in the control work than
    /// their ВПР 2026 predicts.
    pub strong_staff_code: String,
    /// The mathematics teacher whose classes do clearly worse.
    pub weak_staff_code: String,
}

/// Title of the demo control work.
pub const CONTROL_TITLE: &str = "Административная контрольная работа по математике за I четверть";

/// The control work's teacher effect, in logits, for the strong (+) and the weak (−) teacher.
const TEACHER_EFFECT: f64 = 1.1;

/// The class with the weak skill, its subject and the section of the weak tasks.
fn weak_skill() -> (ClassName, &'static str, &'static str) {
    (
        ClassName {
            grade: 6,
            letter: "Б".into(),
        },
        MATH,
        "Пространственные отношения и геометрические фигуры",
    )
}

/// How much worse the weak class does on the weak section, in logits.
const WEAK_PENALTY: f64 = 2.5;

/// Generates the ВПР of spring `vpr_year` (written in the year before the demo year), the
/// ОГЭ trial of December of the demo year and the control work of its first quarter.
pub fn generate_assessments(school: &DemoSchool, vpr_year: i32) -> DemoAssessments {
    let cast = cast(school);
    let prior = prior_year_roster(school);
    let participants = participants(school);
    let code_of: BTreeMap<&str, &str> = participants
        .iter()
        .map(|p| (p.pupil_code.as_str(), p.code.as_str()))
        .collect();
    let (weak_class, weak_subject, weak_section) = weak_skill();
    let mut works = Vec::new();
    for grade in 4..=8 {
        let third = if grade == 4 { WORLD } else { HIST };
        for (n, subject) in [RUS, MATH, third].into_iter().enumerate() {
            let date = vpr_date(vpr_year, grade, n);
            let tasks = tables::vpr_tasks(subject, grade);
            let scale = tables::vpr_scale(subject, grade);
            let mut rng = seeded(&["vpr", subject, &grade.to_string()]);
            let mut results = Vec::new();
            for p in prior.pupils.iter().filter(|p| p.class.grade == grade) {
                if rng.percent(5) {
                    continue;
                }
                let weak = (p.class == weak_class && subject == weak_subject).then_some(weak_section);
                let scores = scores(&tasks, theta(&p.code, subject, &p.class), weak, &mut rng);
                let journal = journal_mark(&prior.assignments, &cast, &p.code, &p.class, subject, &mut rng);
                results.push(result(
                    &tasks,
                    &scale,
                    &code_of,
                    &p.code,
                    &p.class,
                    scores,
                    journal,
                    results.len(),
                ));
            }
            works.push(DemoWork {
                kind: WorkKind::Vpr,
                year: vpr_year,
                subject: subject.to_string(),
                grade,
                date,
                tasks,
                scale,
                results,
            });
        }
    }
    works.push(oge_trial(school, &code_of));
    let mut taken = vec![
        school.logins.director_staff_code.clone(),
        school.logins.deputy_staff_code.clone(),
        school.logins.teacher_staff_code.clone(),
        school.logins.class_teacher_staff_code.clone(),
        cast.lenient.clone(),
        cast.harsh.clone(),
        cast.incomplete.clone(),
    ];
    let maths_5_8 = |subject: &str, grade: i64| (subject == MATH || subject == ALG) && (5..=8).contains(&grade);
    let strong = busiest(school, &taken, maths_5_8);
    taken.push(strong.clone());
    let weak = busiest(school, &taken, maths_5_8);
    let control = control_works(school, &works, (strong.as_str(), weak.as_str()));
    works.extend(control);
    DemoAssessments {
        school_login: "edu010001".into(),
        municipality_code: "01".into(),
        school_code: "010001".into(),
        school_name: school.school_name.clone(),
        municipality_name: school.municipality_name.clone(),
        participants,
        works,
        lenient_staff_code: cast.lenient.clone(),
        harsh_staff_code: cast.harsh.clone(),
        weak_skill: (weak_class, weak_subject.to_string(), weak_section.to_string()),
        strong_staff_code: strong,
        weak_staff_code: weak,
    }
}

/// Codes 10001, 10002, … for the pupils of grades 4–8 of the ВПР year (today's 5–9) in roster
/// order, with their class of that year.
fn participants(school: &DemoSchool) -> Vec<Participant> {
    school
        .roster
        .pupils
        .iter()
        .filter(|p| (5..=9).contains(&p.class.grade))
        .enumerate()
        .filter_map(|(i, p)| {
            Some(Participant {
                code: format!("{}", 10001 + i),
                pupil_code: p.code.clone(),
                class: prior_class(&p.class)?,
            })
        })
        .collect()
}

/// ВПР days: inside the window 20 April – 20 May, a week apart per subject, the grades a
/// day apart, all on weekdays.
fn vpr_date(year: i32, grade: i64, subject_index: usize) -> Date {
    let start = Date::from_calendar_date(year, Month::April, 21).unwrap_or(Date::MIN);
    let mut d = start + time::Duration::days(7 * subject_index as i64 + (grade - 4));
    while matches!(d.weekday(), time::Weekday::Saturday | time::Weekday::Sunday) {
        d = d.next_day().unwrap_or(d);
    }
    d
}

/// The pupil's ability on a logit scale for a subject, plus a small effect of the class.
fn theta(pupil_code: &str, subject: &str, class: &ClassName) -> f64 {
    let (ability, stem) = talent(pupil_code);
    let leaning = if subject == MATH { stem } else { -stem };
    let class_effect = 0.4 * (unit(&mut seeded(&["class", &class.to_string(), subject])) - 0.5);
    1.6 * (ability + leaning - 3.2) + class_effect
}

/// Scores task by task: each point is won with a chance falling with the task's level and
/// with every further point of the task; a task is left undone now and then.
fn scores(tasks: &[Task], theta: f64, weak_section: Option<&str>, rng: &mut Rng) -> Vec<Option<u8>> {
    let n = tasks.len();
    tasks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let late = i * 3 >= n * 2;
            let skip = 2 + if late && theta < -0.5 { 8 } else { 0 };
            if rng.percent(skip) {
                return None;
            }
            let penalty = if weak_section == Some(t.section.as_str()) {
                WEAK_PENALTY
            } else {
                0.0
            };
            let points = (0..t.max)
                .filter(|&k| {
                    let logit = theta - t.level.difficulty() - 0.3 * f64::from(k) - penalty;
                    unit(rng) < 1.0 / (1.0 + (-logit).exp())
                })
                .count();
            Some(points as u8)
        })
        .collect()
}

/// The journal subject behind a ВПР subject in a grade (algebra for mathematics in 7–9).
fn journal_subject(subject: &str, grade: i64) -> &str {
    if subject == MATH && grade >= 7 { ALG } else { subject }
}

/// The pupil's journal mark for the last period: ability plus the bias of the class's
/// teacher in `assignments`, rounded; a 2 is spared as often as the teacher spares one.
/// 1 in 100 has none (came lately).
fn journal_mark(
    assignments: &[AssignmentRow],
    cast: &Cast,
    pupil_code: &str,
    class: &ClassName,
    subject: &str,
    rng: &mut Rng,
) -> Option<u8> {
    if rng.percent(1) {
        return None;
    }
    let wanted = journal_subject(subject, class.grade);
    let teacher = teacher_of(assignments, class, wanted);
    let (ability, _) = talent(pupil_code);
    let raw = ability + cast.bias(teacher) + 0.35 * normal(rng);
    let mut mark = raw.round().clamp(2.0, 5.0) as u8;
    if mark == 2 && rng.percent(cast.spares_a_two(teacher)) {
        mark = 3;
    }
    Some(mark)
}

/// The teacher of a class in a subject ("" when none).
fn teacher_of<'a>(assignments: &'a [AssignmentRow], class: &ClassName, subject: &str) -> &'a str {
    assignments
        .iter()
        .find(|a| a.class == *class && a.subject == subject)
        .map(|a| a.staff_code.as_str())
        .unwrap_or_default()
}

/// The control work of each grade 5–8: every pupil of the grade today, with an ability
/// made of the pupil's ВПР 2026 mathematics score (standardised within that work; the
/// pupil's talent when the pupil missed it) plus the effect of the class's mathematics
/// teacher today: `+` for `strong`, `−` for `weak`, nothing for the others.
fn control_works(school: &DemoSchool, vpr: &[DemoWork], (strong, weak): (&str, &str)) -> Vec<DemoWork> {
    let tasks = tables::control_tasks();
    let scale = tables::control_scale();
    (5..=8)
        .map(|grade| {
            let before = vpr
                .iter()
                .find(|w| w.kind == WorkKind::Vpr && w.subject == MATH && w.grade == grade - 1);
            let z = before.map(standard_scores).unwrap_or_default();
            let mut rng = seeded(&["control", MATH, &grade.to_string()]);
            let results = school
                .roster
                .pupils
                .iter()
                .filter(|p| p.class.grade == grade)
                .enumerate()
                .map(|(seat, p)| {
                    let teacher = teacher_of(&school.roster.assignments, &p.class, journal_subject(MATH, grade));
                    let effect = if teacher == strong {
                        TEACHER_EFFECT
                    } else if teacher == weak {
                        -TEACHER_EFFECT
                    } else {
                        0.0
                    };
                    let base = z
                        .get(p.code.as_str())
                        .map_or_else(|| theta(&p.code, MATH, &p.class), |z| 1.3 * z);
                    let s = scores(&tasks, base + effect + 0.3 * normal(&mut rng), None, &mut rng);
                    let mut r = result(&tasks, &scale, &BTreeMap::new(), &p.code, &p.class, s, None, seat);
                    r.participant_code = p.code.clone();
                    r
                })
                .collect();
            let day = Date::from_calendar_date(school.academic_year_start, Month::October, 20).unwrap_or(Date::MIN);
            DemoWork {
                kind: WorkKind::ControlWork,
                year: school.academic_year_start,
                subject: MATH.to_string(),
                grade,
                date: day + time::Duration::days(grade - 5),
                tasks: tasks.clone(),
                scale: scale.clone(),
                results,
            }
        })
        .collect()
}

/// Each participant's primary score in a work as a z-score within the work.
fn standard_scores(w: &DemoWork) -> BTreeMap<&str, f64> {
    let n = w.results.len().max(1) as f64;
    let mean = w.results.iter().map(|r| r.primary as f64).sum::<f64>() / n;
    let var = w.results.iter().map(|r| (r.primary as f64 - mean).powi(2)).sum::<f64>() / n;
    let sd = var.sqrt().max(1e-9);
    w.results
        .iter()
        .map(|r| (r.pupil_code.as_str(), (r.primary as f64 - mean) / sd))
        .collect()
}

#[expect(clippy::too_many_arguments, reason = "one result row from its parts")]
fn result(
    tasks: &[Task],
    scale: &Scale,
    code_of: &BTreeMap<&str, &str>,
    pupil_code: &str,
    class: &ClassName,
    scores: Vec<Option<u8>>,
    journal_mark: Option<u8>,
    seat: usize,
) -> DemoResult {
    DemoResult {
        participant_code: code_of.get(pupil_code).copied().unwrap_or_default().to_string(),
        pupil_code: pupil_code.to_string(),
        class: class.clone(),
        variant: 1 + (seat % 2) as u8,
        primary: scores.iter().map(|s| i64::from(s.unwrap_or(0))).sum(),
        mark: scale.mark(tasks, &scores),
        scores,
        journal_mark,
    }
}

/// The December trial ОГЭ in mathematics for grade 9.
fn oge_trial(school: &DemoSchool, code_of: &BTreeMap<&str, &str>) -> DemoWork {
    let tasks = tables::oge_tasks();
    let scale = tables::oge_scale();
    let mut rng = seeded(&["oge", MATH]);
    let mut results = Vec::new();
    for p in school.roster.pupils.iter().filter(|p| p.class.grade == 9) {
        if rng.percent(4) {
            continue;
        }
        let t = theta(&p.code, MATH, &p.class) - 0.3;
        let s = scores(&tasks, t, None, &mut rng);
        results.push(result(
            &tasks,
            &scale,
            code_of,
            &p.code,
            &p.class,
            s,
            None,
            results.len(),
        ));
    }
    DemoWork {
        kind: WorkKind::OgeTrial,
        year: school.academic_year_start,
        subject: MATH.to_string(),
        grade: 9,
        date: Date::from_calendar_date(school.academic_year_start, Month::December, 9).unwrap_or(Date::MIN),
        tasks,
        scale,
        results,
    }
}

/// The ОГЭ protocol's short-answer string: `+` for 1 point, `-` for 0 or not done, a digit
/// for more (SPEC §7.2).
pub fn short_answers(work: &DemoWork, result: &DemoResult) -> String {
    work.tasks
        .iter()
        .zip(&result.scores)
        .take(tables::OGE_SHORT_ANSWER)
        .map(|(_, s)| match s.unwrap_or(0) {
            0 => '-',
            1 => '+',
            n => char::from(b'0' + n.min(9)),
        })
        .collect()
}

/// The ОГЭ protocol's full-answer string: `score(max)` per task, e.g. `2(2)0(2)` (SPEC §7.2).
pub fn full_answers(work: &DemoWork, result: &DemoResult) -> String {
    work.tasks
        .iter()
        .zip(&result.scores)
        .skip(tables::OGE_SHORT_ANSWER)
        .map(|(t, s)| format!("{}({})", s.unwrap_or(0), t.max))
        .collect()
}

fn seeded(parts: &[&str]) -> Rng {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0xFF]) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
    Rng::new(SEED ^ h)
}

fn unit(rng: &mut Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1_u64 << 53) as f64
}

fn normal(rng: &mut Rng) -> f64 {
    let sum: f64 = (0..4).map(|_| unit(rng)).sum();
    (sum - 2.0) * 3.0_f64.sqrt()
}
