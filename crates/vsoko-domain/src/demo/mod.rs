//! A pure, deterministic demo school: region, municipality, three schools, and for the
//! first of them a full roster of 2026/27 — classes 1–11, staff with their teaching load,
//! pupils and parents — plus the people behind the fixed demo logins, and the roster of the
//! closed year before ([`prior_year_roster`]: the same pupils one grade lower). The same data comes
//! out on every call, so screenshots, tests and walkthroughs agree.

pub mod assessment;
mod curriculum;
mod families;
pub mod journal;
mod names;
pub mod prior;
mod rng;
pub mod schedule;
mod staff;

#[cfg(test)]
mod tests;

pub use curriculum::DEMO_SUBJECTS;
pub use journal::{DemoCell, DemoJournal, DemoLesson, DemoPeriodMark, generate_journal, subgroup_of};
pub use prior::{prior_class, prior_year_roster};

use crate::roster::{ClassRow, Origin, Roster};
use rng::Rng;

/// Seed of the generator; changing it changes every name and date of the demo.
const SEED: u64 = 0x0D0C_2026_5C01;

/// The size factor of the generated school (f64 bits; 1.0 = the standard demo).
static SCALE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0x3FF0_0000_0000_0000);

/// Sets the size of the school every later [`generate`] call in this process makes: each
/// grade gets `factor` times its classes, rounded, at least 1 and at most 9 (`vsoko demo
/// --scale`, for benchmarks on a larger school). 1.0 is the standard demo, byte for byte;
/// with any other factor the roster, journal and results change as a whole (the random
/// streams run over more classes). Refused (false) outside 0.1..=3.
pub fn set_scale(factor: f64) -> bool {
    if !(0.1..=3.0).contains(&factor) {
        return false;
    }
    SCALE.store(factor.to_bits(), std::sync::atomic::Ordering::Relaxed);
    true
}

/// The size factor set by [`set_scale`].
pub fn scale() -> f64 {
    f64::from_bits(SCALE.load(std::sync::atomic::Ordering::Relaxed))
}

/// The demo school and its surroundings.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoSchool {
    /// Region name, e.g. "Демонстрационная область".
    pub region_name: String,
    /// Municipality name, e.g. "Демонстрационный муниципальный округ".
    pub municipality_name: String,
    /// Name of the demo school whose roster is generated.
    pub school_name: String,
    /// Two more schools of the same municipality (structure only, for aggregates).
    pub other_schools: Vec<String>,
    /// Year the school year starts (2026 for 2026/2027).
    pub academic_year_start: i32,
    /// Classes, staff, pupils, parents and assignments; origin sheet "demo", row = index + 1.
    pub roster: Roster,
    /// Which roster people the fixed demo logins belong to.
    pub logins: DemoLogins,
}

/// Roster codes of the people behind the fixed demo logins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogins {
    /// The director.
    pub director_staff_code: String,
    /// The deputy director for teaching and learning (УВР).
    pub deputy_staff_code: String,
    /// A mathematics teacher of several classes in grades 5–9, 7А among them.
    pub teacher_staff_code: String,
    /// The class teacher of 7А.
    pub class_teacher_staff_code: String,
    /// A pupil of 7А.
    pub pupil_code: String,
    /// A parent of that pupil and of a brother or sister in another class.
    pub parent_code: String,
}

/// Generates the demo school. Pure and deterministic: every call returns the same value.
pub fn generate() -> DemoSchool {
    let academic_year_start = 2026;
    let mut rng = Rng::new(SEED);
    let names = names::Names::load();
    let classes = curriculum::classes();
    let staffing = staff::build(&classes, &names, &mut rng);
    let people = families::build(&classes, academic_year_start, &names, &mut rng);
    let class_rows = classes
        .iter()
        .zip(&staffing.class_teachers)
        .enumerate()
        .map(|(i, (class, teacher))| ClassRow {
            origin: origin(i),
            name: class.name.clone(),
            profile: class.profile.map(|p| p.name().to_string()),
            class_teacher_code: Some(teacher.clone()),
        })
        .collect();
    DemoSchool {
        region_name: "Демонстрационная область".into(),
        municipality_name: "Демонстрационный муниципальный округ".into(),
        school_name: "МБОУ «Средняя общеобразовательная школа № 1»".into(),
        other_schools: vec![
            "МБОУ «Средняя общеобразовательная школа № 2»".into(),
            "МБОУ «Гимназия № 3»".into(),
        ],
        academic_year_start,
        logins: DemoLogins {
            director_staff_code: staffing.director,
            deputy_staff_code: staffing.deputy,
            teacher_staff_code: staffing.maths_teacher,
            class_teacher_staff_code: staffing.class_teacher,
            pupil_code: people.demo_pupil,
            parent_code: people.demo_parent,
        },
        roster: Roster {
            classes: class_rows,
            staff: staffing.rows,
            pupils: people.pupils,
            parents: people.parents,
            assignments: staffing.assignments,
        },
    }
}

/// Origin of the `index`-th row of a demo list.
fn origin(index: usize) -> Origin {
    Origin {
        sheet: "demo".into(),
        row: index + 1,
    }
}

/// A mobile number in the usual written form, "+7 9xx xxx-xx-xx".
fn phone(rng: &mut Rng) -> String {
    format!(
        "+7 9{:02} {:03}-{:02}-{:02}",
        rng.below(100),
        rng.below(1000),
        rng.below(100),
        rng.below(100)
    )
}
