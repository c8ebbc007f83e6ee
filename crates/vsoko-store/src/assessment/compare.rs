//! A school's assessment procedure beside the same procedure (same kind, year, subject code
//! and grade) in the other schools of its municipality and region, found through
//! `org_closure`; and, for municipal and regional specialists, every such procedure of their
//! unit with one line per school. Only sums leave these queries — counts of results and
//! marks, sums of scores — never a pupil row of another school. The shares are computed by
//! `vsoko_domain::analytics::compare`. The school's own control works (kind `school`) are
//! different works in each school and are never compared.
//!
//! The municipality and region levels include the school itself: for the school, only the
//! procedure being compared; for every other school, all its procedures of that identity.

use crate::results::sees_whole_school;
use crate::{Db, Result, Viewer};
use serde::Serialize;
use uuid::Uuid;
use vsoko_domain::analytics::compare::{LevelCounts, LevelFigures, TaskCounts, figures};

/// One school's sums for one procedure identity.
#[derive(Debug, Clone, sqlx::FromRow)]
struct SchoolSums {
    school_id: Uuid,
    school_name: String,
    municipality_id: Uuid,
    municipality: String,
    kind: String,
    exam_year: i64,
    subject_code: String,
    subject_name: String,
    grade: i64,
    participants: i64,
    m2: i64,
    m3: i64,
    m4: i64,
    m5: i64,
    primary_sum: i64,
    primary_max_sum: i64,
    primary_n: i64,
}

impl SchoolSums {
    fn counts(&self, compared_school: Uuid) -> LevelCounts {
        LevelCounts {
            schools: 1,
            other_schools: i64::from(self.school_id != compared_school),
            participants: self.participants,
            marks: [self.m2, self.m3, self.m4, self.m5],
            primary_sum: self.primary_sum,
            primary_max_sum: self.primary_max_sum,
            primary_n: self.primary_n,
            tasks: Vec::new(),
        }
    }
}

/// Sums per school and procedure identity under the unit $1 (a region, municipality or
/// school), of kinds other than `school`; $2..$5 optionally fix the identity (kind, year,
/// subject code, grade); of school $6 only procedure $7 counts.
const SUMS: &str = "SELECT p.school_id, sc.name AS school_name, sc.municipality_id, m.name AS municipality, \
    p.kind, p.exam_year, s.code AS subject_code, min(s.name) AS subject_name, p.grade, \
    CAST(count(*) AS BIGINT) AS participants, \
    CAST(sum(CASE WHEN r.mark = 2 THEN 1 ELSE 0 END) AS BIGINT) AS m2, \
    CAST(sum(CASE WHEN r.mark = 3 THEN 1 ELSE 0 END) AS BIGINT) AS m3, \
    CAST(sum(CASE WHEN r.mark = 4 THEN 1 ELSE 0 END) AS BIGINT) AS m4, \
    CAST(sum(CASE WHEN r.mark = 5 THEN 1 ELSE 0 END) AS BIGINT) AS m5, \
    CAST(COALESCE(sum(r.primary_score), 0) AS BIGINT) AS primary_sum, \
    CAST(sum(CASE WHEN r.primary_score IS NULL THEN 0 ELSE p.max_primary END) AS BIGINT) AS primary_max_sum, \
    CAST(count(r.primary_score) AS BIGINT) AS primary_n \
    FROM org_closure oc \
    JOIN schools sc ON sc.id = oc.descendant_id \
    JOIN municipalities m ON m.id = sc.municipality_id \
    JOIN assessment_procedures p ON p.school_id = sc.id \
    JOIN subjects s ON s.school_id = p.school_id AND s.id = p.subject_id \
    JOIN assessment_results r ON r.school_id = p.school_id AND r.procedure_id = p.id \
    WHERE oc.ancestor_id = $1 AND p.kind <> 'school' \
      AND ($2 IS NULL OR (p.kind = $2 AND p.exam_year = $3 AND s.code = $4 AND p.grade = $5)) \
      AND (p.school_id <> $6 OR p.id = $7) \
    GROUP BY p.school_id, sc.name, sc.municipality_id, m.name, p.kind, p.exam_year, s.code, p.grade \
    ORDER BY p.exam_year DESC, p.kind, p.grade, s.code, m.name, sc.name";

/// Points per school and task code of one procedure identity under region $1 (same rules).
const TASK_SUMS: &str = "SELECT p.school_id, sc.municipality_id, t.code, \
    CAST(COALESCE(sum(ts.score), 0) AS BIGINT) AS points, \
    CAST(t.max_score * (SELECT count(*) FROM assessment_results r WHERE r.school_id = p.school_id AND r.procedure_id = p.id) AS BIGINT) AS max_points, \
    CAST((SELECT count(*) FROM assessment_results r WHERE r.school_id = p.school_id AND r.procedure_id = p.id) AS BIGINT) AS n \
    FROM org_closure oc \
    JOIN schools sc ON sc.id = oc.descendant_id \
    JOIN assessment_procedures p ON p.school_id = sc.id \
    JOIN subjects s ON s.school_id = p.school_id AND s.id = p.subject_id \
    JOIN assessment_tasks t ON t.school_id = p.school_id AND t.procedure_id = p.id \
    LEFT JOIN assessment_task_scores ts ON ts.school_id = t.school_id AND ts.task_id = t.id \
    WHERE oc.ancestor_id = $1 AND p.kind <> 'school' \
      AND p.kind = $2 AND p.exam_year = $3 AND s.code = $4 AND p.grade = $5 \
      AND (p.school_id <> $6 OR p.id = $7) \
    GROUP BY p.school_id, sc.municipality_id, p.id, t.id, t.code, t.max_score, t.ordinal \
    ORDER BY t.ordinal";

#[derive(Debug, Clone, sqlx::FromRow)]
struct TaskSums {
    school_id: Uuid,
    municipality_id: Uuid,
    code: String,
    points: i64,
    max_points: i64,
    n: i64,
}

/// Which level a line of a comparison is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Level {
    /// The school itself (this procedure only).
    School,
    /// The schools of its municipality, the school included.
    Municipality,
    /// The schools of its region, the school included.
    Region,
}

/// One level of a comparison: its name, sums and figures.
#[derive(Debug, Clone, Serialize)]
pub struct ComparedLevel {
    /// Which level.
    pub level: Level,
    /// The school's, municipality's or region's name.
    pub name: String,
    /// The sums the figures come from.
    pub counts: LevelCounts,
    /// Shares with n and intervals; `too_few` on a level too small to compare with.
    pub figures: LevelFigures,
}

/// A procedure of a school beside its municipality and region.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// The procedure.
    pub procedure_id: Uuid,
    /// School, municipality, region — in this order.
    pub levels: Vec<ComparedLevel>,
}

impl Comparison {
    /// A level by kind.
    pub fn level(&self, level: Level) -> Option<&ComparedLevel> {
        self.levels.iter().find(|l| l.level == level)
    }
}

/// Whether the viewer gets comparisons of their school (the administration, which sees
/// every result of the school).
pub fn may_compare(v: &Viewer) -> bool {
    v.school_id.is_some() && sees_whole_school(v)
}

/// The comparison of a procedure of the viewer's school with its municipality and region;
/// `None` when the viewer may not compare or does not see the procedure, or the procedure is
/// one of the school's own control works.
pub async fn for_procedure(db: &Db, v: &Viewer, procedure_id: Uuid) -> Result<Option<Comparison>> {
    if !may_compare(v) {
        return Ok(None);
    }
    let school = v.school();
    let Some((kind, year, code, grade)) = opt_row!(
        db,
        (String, i64, String, i64),
        "SELECT p.kind, p.exam_year, s.code, p.grade FROM assessment_procedures p \
         JOIN subjects s ON s.school_id = p.school_id AND s.id = p.subject_id WHERE p.school_id = $1 AND p.id = $2",
        school,
        procedure_id
    )?
    else {
        return Ok(None);
    };
    if kind == "school" {
        return Ok(None);
    }
    let Some((school_name, municipality_id, municipality, region_id, region)) = opt_row!(
        db,
        (String, Uuid, String, Uuid, String),
        "SELECT sc.name, m.id, m.name, r.id, r.name FROM schools sc JOIN municipalities m ON m.id = sc.municipality_id \
         JOIN regions r ON r.id = m.region_id WHERE sc.id = $1",
        school
    )?
    else {
        return Ok(None);
    };
    let sums = rows!(
        db,
        SchoolSums,
        SUMS,
        region_id,
        Some(kind.clone()),
        year,
        &code,
        grade,
        school,
        procedure_id
    )?;
    let tasks = rows!(
        db,
        TaskSums,
        TASK_SUMS,
        region_id,
        &kind,
        year,
        &code,
        grade,
        school,
        procedure_id
    )?;
    let level = |keep: &dyn Fn(Uuid, Uuid) -> bool| -> LevelCounts {
        let mut c = LevelCounts::default();
        for s in sums.iter().filter(|s| keep(s.school_id, s.municipality_id)) {
            c.add(&s.counts(school));
        }
        for t in tasks.iter().filter(|t| keep(t.school_id, t.municipality_id)) {
            c.add(&LevelCounts {
                tasks: vec![TaskCounts {
                    code: t.code.clone(),
                    points: t.points,
                    max_points: t.max_points,
                    n: t.n,
                }],
                ..LevelCounts::default()
            });
        }
        c
    };
    let own = level(&|s, _| s == school);
    let muni = level(&|_, m| m == municipality_id);
    let reg = level(&|_, _| true);
    let line = |level: Level, name: String, counts: LevelCounts| ComparedLevel {
        figures: figures(&counts, level != Level::School),
        level,
        name,
        counts,
    };
    Ok(Some(Comparison {
        procedure_id,
        levels: vec![
            line(Level::School, school_name, own),
            line(Level::Municipality, municipality, muni),
            line(Level::Region, region, reg),
        ],
    }))
}

/// One school's line of a procedure in a unit.
#[derive(Debug, Clone, Serialize)]
pub struct UnitSchool {
    /// School.
    pub school_id: Uuid,
    /// School name.
    pub name: String,
    /// Municipality name.
    pub municipality: String,
    /// Figures (not flagged: a school is not compared here).
    pub figures: LevelFigures,
}

/// A procedure identity in a unit: one line per school that wrote it, and the unit's total.
#[derive(Debug, Clone, Serialize)]
pub struct UnitProcedure {
    /// Kind code (vpr, oge, …).
    pub kind: String,
    /// Year.
    pub exam_year: i64,
    /// Subject code.
    pub subject_code: String,
    /// Subject name (as the first school names it).
    pub subject_name: String,
    /// Grade.
    pub grade: i64,
    /// Schools.
    pub schools: Vec<UnitSchool>,
    /// The unit's total over its schools.
    pub total: LevelFigures,
}

/// Every procedure identity written in the schools under a unit (region, municipality or a
/// single school), newest year first, optionally of one year; aggregates only.
pub async fn for_unit(db: &Db, unit_id: Uuid, year: Option<i64>) -> Result<Vec<UnitProcedure>> {
    let sums = rows!(
        db,
        SchoolSums,
        SUMS,
        unit_id,
        None::<String>,
        0_i64,
        "",
        0_i64,
        Uuid::nil(),
        Uuid::nil()
    )?;
    let mut out: Vec<UnitProcedure> = Vec::new();
    let mut totals: Vec<LevelCounts> = Vec::new();
    for s in sums.into_iter().filter(|s| year.is_none_or(|y| s.exam_year == y)) {
        let counts = s.counts(Uuid::nil());
        let same = |p: &UnitProcedure| {
            p.kind == s.kind && p.exam_year == s.exam_year && p.subject_code == s.subject_code && p.grade == s.grade
        };
        let i = match out.iter().position(same) {
            Some(i) => i,
            None => {
                out.push(UnitProcedure {
                    kind: s.kind.clone(),
                    exam_year: s.exam_year,
                    subject_code: s.subject_code.clone(),
                    subject_name: s.subject_name.clone(),
                    grade: s.grade,
                    schools: Vec::new(),
                    total: figures(&LevelCounts::default(), false),
                });
                totals.push(LevelCounts::default());
                out.len() - 1
            }
        };
        if let (Some(p), Some(t)) = (out.get_mut(i), totals.get_mut(i)) {
            t.add(&counts);
            p.schools.push(UnitSchool {
                school_id: s.school_id,
                name: s.school_name,
                municipality: s.municipality,
                figures: figures(&counts, false),
            });
        }
    }
    for (p, t) in out.iter_mut().zip(&totals) {
        p.total = figures(t, false);
    }
    Ok(out)
}
