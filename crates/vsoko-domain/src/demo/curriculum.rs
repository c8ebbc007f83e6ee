//! The demo school's classes and curriculum: classes per grade, the profiles of the senior
//! classes, and weekly hours per subject by grade after the ФОП for a five-day week.

use crate::structure::ClassName;

pub(super) const RUS: &str = "Русский язык";
pub(super) const READING: &str = "Литературное чтение";
pub(super) const LIT: &str = "Литература";
pub(super) const ENG: &str = "Иностранный язык (английский)";
pub(super) const MATH: &str = "Математика";
pub(super) const ALG: &str = "Алгебра";
pub(super) const GEOM: &str = "Геометрия";
pub(super) const STAT: &str = "Вероятность и статистика";
pub(super) const INF: &str = "Информатика";
pub(super) const HIST: &str = "История";
pub(super) const SOC: &str = "Обществознание";
pub(super) const GEO: &str = "География";
pub(super) const BIO: &str = "Биология";
pub(super) const PHYS: &str = "Физика";
pub(super) const CHEM: &str = "Химия";
pub(super) const WORLD: &str = "Окружающий мир";
pub(super) const ORKSE: &str = "ОРКСЭ";
pub(super) const MUSIC: &str = "Музыка";
pub(super) const ART: &str = "Изобразительное искусство";
pub(super) const TECH: &str = "Труд (технология)";
pub(super) const OBZR: &str = "Основы безопасности и защиты Родины";
pub(super) const PE: &str = "Физическая культура";
pub(super) const PROJECT: &str = "Индивидуальный проект";

/// Every subject the demo school teaches, in catalogue order.
pub const DEMO_SUBJECTS: &[&str] = &[
    RUS, READING, LIT, ENG, MATH, ALG, GEOM, STAT, INF, HIST, SOC, GEO, BIO, PHYS, CHEM, WORLD, ORKSE, MUSIC, ART,
    TECH, OBZR, PE, PROJECT,
];

/// Profile of a senior class (10–11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Profile {
    /// Технологический: mathematics and informatics in depth.
    Technological,
    /// Социально-экономический: mathematics and social studies in depth.
    SocioEconomic,
}

impl Profile {
    /// The profile as written in the roster.
    pub(super) fn name(self) -> &'static str {
        match self {
            Profile::Technological => "технологический",
            Profile::SocioEconomic => "социально-экономический",
        }
    }
}

/// A class of the demo school.
#[derive(Debug, Clone)]
pub(super) struct DemoClass {
    /// Grade and letter.
    pub name: ClassName,
    /// Profile of a senior class.
    pub profile: Option<Profile>,
}

/// Classes per grade 1..=11: the fourth, eighth and ninth grades have two parallel classes.
const CLASSES_PER_GRADE: [usize; 11] = [3, 3, 3, 2, 3, 3, 3, 2, 2, 2, 2];
const LETTERS: [&str; 9] = ["А", "Б", "В", "Г", "Д", "Е", "Ж", "И", "К"];

/// All classes of the school, ordered by grade and letter (more per grade when the demo is
/// scaled, [`super::set_scale`]).
pub(super) fn classes() -> Vec<DemoClass> {
    classes_at(super::scale())
}

/// The classes at a size factor (1.0: the standard demo).
fn classes_at(scale: f64) -> Vec<DemoClass> {
    let mut out = Vec::new();
    for (grade, base) in (1_i64..).zip(CLASSES_PER_GRADE) {
        let count = if scale == 1.0 {
            base
        } else {
            ((base as f64 * scale).round() as usize).clamp(1, LETTERS.len())
        };
        for (i, letter) in LETTERS.iter().take(count).enumerate() {
            let profile = (grade >= 10).then_some(if i == 0 {
                Profile::Technological
            } else {
                Profile::SocioEconomic
            });
            out.push(DemoClass {
                name: ClassName {
                    grade,
                    letter: (*letter).to_string(),
                },
                profile,
            });
        }
    }
    out
}

type Plan = &'static [(&'static str, u8)];

const GRADE_1: Plan = &[
    (RUS, 5),
    (READING, 4),
    (MATH, 4),
    (WORLD, 2),
    (MUSIC, 1),
    (ART, 1),
    (TECH, 1),
    (PE, 2),
];
const GRADE_2_3: Plan = &[
    (RUS, 5),
    (READING, 4),
    (ENG, 2),
    (MATH, 4),
    (WORLD, 2),
    (MUSIC, 1),
    (ART, 1),
    (TECH, 1),
    (PE, 2),
];
const GRADE_4: Plan = &[
    (RUS, 5),
    (READING, 3),
    (ENG, 2),
    (MATH, 4),
    (WORLD, 2),
    (ORKSE, 1),
    (MUSIC, 1),
    (ART, 1),
    (TECH, 1),
    (PE, 2),
];
const GRADE_5: Plan = &[
    (RUS, 5),
    (LIT, 3),
    (ENG, 3),
    (MATH, 5),
    (HIST, 2),
    (GEO, 1),
    (BIO, 1),
    (MUSIC, 1),
    (ART, 1),
    (TECH, 2),
    (PE, 2),
];
const GRADE_6: Plan = &[
    (RUS, 6),
    (LIT, 3),
    (ENG, 3),
    (MATH, 5),
    (HIST, 2),
    (SOC, 1),
    (GEO, 1),
    (BIO, 1),
    (MUSIC, 1),
    (ART, 1),
    (TECH, 2),
    (PE, 2),
];
const GRADE_7: Plan = &[
    (RUS, 4),
    (LIT, 2),
    (ENG, 3),
    (ALG, 3),
    (GEOM, 2),
    (STAT, 1),
    (INF, 1),
    (HIST, 2),
    (SOC, 1),
    (GEO, 2),
    (BIO, 1),
    (PHYS, 2),
    (MUSIC, 1),
    (ART, 1),
    (TECH, 2),
    (PE, 2),
];
const GRADE_8: Plan = &[
    (RUS, 3),
    (LIT, 2),
    (ENG, 3),
    (ALG, 3),
    (GEOM, 2),
    (STAT, 1),
    (INF, 1),
    (HIST, 2),
    (SOC, 1),
    (GEO, 2),
    (BIO, 2),
    (PHYS, 2),
    (CHEM, 2),
    (MUSIC, 1),
    (TECH, 1),
    (OBZR, 1),
    (PE, 2),
];
const GRADE_9: Plan = &[
    (RUS, 3),
    (LIT, 3),
    (ENG, 3),
    (ALG, 3),
    (GEOM, 2),
    (STAT, 1),
    (INF, 1),
    (HIST, 2),
    (SOC, 1),
    (GEO, 2),
    (BIO, 2),
    (PHYS, 3),
    (CHEM, 2),
    (TECH, 1),
    (OBZR, 1),
    (PE, 2),
];
/// Технологический профиль: алгебра, геометрия и информатика углублённо.
const SENIOR_TECH: Plan = &[
    (RUS, 2),
    (LIT, 3),
    (ENG, 3),
    (ALG, 4),
    (GEOM, 3),
    (STAT, 1),
    (INF, 4),
    (HIST, 2),
    (SOC, 2),
    (GEO, 1),
    (BIO, 1),
    (PHYS, 2),
    (CHEM, 1),
    (OBZR, 1),
    (PE, 2),
];
/// Социально-экономический профиль: математика, обществознание и география углублённо.
const SENIOR_SOC: Plan = &[
    (RUS, 2),
    (LIT, 3),
    (ENG, 3),
    (ALG, 4),
    (GEOM, 3),
    (STAT, 1),
    (INF, 1),
    (HIST, 2),
    (SOC, 4),
    (GEO, 2),
    (BIO, 1),
    (PHYS, 2),
    (CHEM, 1),
    (OBZR, 1),
    (PE, 2),
];

fn plan(class: &DemoClass) -> Plan {
    match (class.name.grade, class.profile) {
        (..=1, _) => GRADE_1,
        (2 | 3, _) => GRADE_2_3,
        (4, _) => GRADE_4,
        (5, _) => GRADE_5,
        (6, _) => GRADE_6,
        (7, _) => GRADE_7,
        (8, _) => GRADE_8,
        (9, _) => GRADE_9,
        (_, Some(Profile::Technological)) => SENIOR_TECH,
        (_, _) => SENIOR_SOC,
    }
}

/// One line of a class's timetable load: a subject, for the whole class or a subgroup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Duty {
    /// Subject name from [`DEMO_SUBJECTS`].
    pub subject: &'static str,
    /// Subgroup "1" or "2", or `None` for the whole class.
    pub subgroup: Option<&'static str>,
    /// Hours per week.
    pub hours: u8,
}

/// Whether a subject is taught in two subgroups in this class: English from grade 2,
/// informatics wherever it has a computer lab lesson (all but the social-economic profile),
/// and труд in grades 5–8, where the workshops are small.
fn split(subject: &str, class: &DemoClass) -> bool {
    let grade = class.name.grade;
    match subject {
        ENG => grade >= 2,
        INF => class.profile != Some(Profile::SocioEconomic),
        TECH => (5..=8).contains(&grade),
        _ => false,
    }
}

/// The weekly load of a class, one duty per subject or per subgroup.
pub(super) fn duties(class: &DemoClass) -> Vec<Duty> {
    let mut lines: Vec<(&'static str, u8)> = plan(class).to_vec();
    if class.name.grade == 10 {
        lines.push((PROJECT, 1));
    }
    let mut out = Vec::new();
    for (subject, hours) in lines {
        if split(subject, class) {
            for subgroup in ["1", "2"] {
                out.push(Duty {
                    subject,
                    subgroup: Some(subgroup),
                    hours,
                });
            }
        } else {
            out.push(Duty {
                subject,
                subgroup: None,
                hours,
            });
        }
    }
    out
}

#[cfg(test)]
mod scale_tests {
    use super::*;

    #[test]
    fn the_standard_size_is_the_fixed_table_and_a_larger_one_adds_letters() {
        let standard = classes_at(1.0);
        assert_eq!(standard.len(), CLASSES_PER_GRADE.iter().sum::<usize>());
        assert_eq!(standard.len(), 28);
        let larger = classes_at(1.4);
        assert_eq!(larger.len(), 39, "4 per grade where 3, 3 where 2");
        assert!(larger.iter().any(|c| c.name.grade == 1 && c.name.letter == "Г"));
        let names = |v: &[DemoClass]| v.iter().map(|c| c.name.to_string()).collect::<Vec<_>>();
        assert!(names(&larger).starts_with(&names(&standard)[..3]));
    }
}
