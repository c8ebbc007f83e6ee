//! The whole analytics of one school computed at once (`vsoko analyze school`): SPEC §4.2
//! quality metrics of every class × subject × period (and year) from term marks and from
//! current marks, pooled per parallel and per school; the analysis of every assessment
//! procedure (tasks, skills, reliability, marks, objectivity, per class — the same
//! [`assessment::analyse`] the procedure page and `vsoko analyze assessment` run); and
//! value-added of every prior → current pair of procedures. Plain rows in, one report out;
//! the store reads the rows in bulk.
//!
//! Current marks count as the results page counts them: every mark of a cell once
//! (`rollup_marks`), not the weighted mean of each pupil.

use super::assessment::{self, AssessmentInput, AssessmentReport};
use super::items::Thresholds;
use super::quality::group_metrics;
use super::value_added::{VaPupil, VaReport, value_added};
use crate::journal::{Mark, MarkCounts, Metrics, PeriodMark, SouLowWeight};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// A class: id, name and grade (the parallel it pools into).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassInfo {
    /// Id.
    pub id: Uuid,
    /// Name ("5А").
    pub name: String,
    /// Grade.
    pub grade: i64,
}

/// Where a mark belongs: class × subject × period (a term mark's period may be the year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cell {
    /// Class.
    pub class_id: Uuid,
    /// Subject.
    pub subject_id: Uuid,
    /// Period (or year).
    pub period_id: Uuid,
}

/// One procedure to analyse.
#[derive(Debug, Clone, PartialEq)]
pub struct ProcedureInput {
    /// Id.
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// Tasks and pupils' rows (rows in the page's order: class name, participant code).
    pub input: AssessmentInput,
}

/// One prior → current pair with its linked pupils.
#[derive(Debug, Clone, PartialEq)]
pub struct PairInput {
    /// The earlier procedure.
    pub prior_id: Uuid,
    /// The later procedure.
    pub current_id: Uuid,
    /// Linked pupils, class = the current result's class.
    pub pupils: Vec<VaPupil>,
}

/// All inputs of a school.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SchoolInput {
    /// Classes of every year.
    pub classes: Vec<ClassInfo>,
    /// Term and year marks with their place.
    pub term_marks: Vec<(Cell, PeriodMark)>,
    /// Current marks, one entry per mark.
    pub current_marks: Vec<(Cell, Mark)>,
    /// Procedures.
    pub procedures: Vec<ProcedureInput>,
    /// Value-added pairs.
    pub pairs: Vec<PairInput>,
}

/// The metrics of one group × subject × period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QualityRow {
    /// `class`, `grade` or `school`.
    pub level: &'static str,
    /// The class (level `class`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class_id: Option<Uuid>,
    /// Its name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    /// The grade (levels `class` and `grade`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<i64>,
    /// Subject.
    pub subject_id: Uuid,
    /// Period (or year).
    pub period_id: Uuid,
    /// The counts the metrics come from.
    pub counts: MarkCounts,
    /// SPEC §4.2 metrics with their n.
    pub metrics: Metrics,
}

/// Quality metrics from term marks and from current marks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quality {
    /// From term and year marks.
    pub term: Vec<QualityRow>,
    /// From current marks (every mark once).
    pub current: Vec<QualityRow>,
}

/// One procedure's analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProcedureReport {
    /// Id.
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// The analysis.
    pub analysis: AssessmentReport,
}

/// One pair's value-added.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairReport {
    /// The earlier procedure.
    pub prior_id: Uuid,
    /// The later procedure.
    pub current_id: Uuid,
    /// Linked pupils.
    pub n: usize,
    /// The fit; `None` with the reason in `error`.
    pub report: Option<VaReport>,
    /// Why no model was fitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Everything.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SchoolReport {
    /// Quality metrics.
    pub quality: Quality,
    /// Procedures in input order.
    pub procedures: Vec<ProcedureReport>,
    /// Value-added pairs in input order.
    pub value_added: Vec<PairReport>,
}

/// Computes every metric of the school.
pub fn recompute(input: &SchoolInput, thr: &Thresholds, low: SouLowWeight) -> SchoolReport {
    let classes: HashMap<Uuid, &ClassInfo> = input.classes.iter().map(|c| (c.id, c)).collect();
    let term = pooled(&classes, input.term_marks.iter().copied(), low);
    let current = pooled(
        &classes,
        input
            .current_marks
            .iter()
            .map(|(cell, m)| (*cell, PeriodMark::Mark(*m))),
        low,
    );
    let procedures = input
        .procedures
        .iter()
        .map(|p| ProcedureReport {
            id: p.id,
            title: p.title.clone(),
            analysis: assessment::analyse(&p.input, thr),
        })
        .collect();
    let value_added = input
        .pairs
        .iter()
        .map(|p| {
            let fit = value_added(&p.pupils);
            PairReport {
                prior_id: p.prior_id,
                current_id: p.current_id,
                n: p.pupils.len(),
                error: fit.as_ref().err().map(ToString::to_string),
                report: fit.ok(),
            }
        })
        .collect();
    SchoolReport {
        quality: Quality { term, current },
        procedures,
        value_added,
    }
}

/// Counts per class × subject × period, then rows per class, per parallel and per school,
/// each sorted by its key.
fn pooled(
    classes: &HashMap<Uuid, &ClassInfo>,
    marks: impl Iterator<Item = (Cell, PeriodMark)>,
    low: SouLowWeight,
) -> Vec<QualityRow> {
    let mut counted: HashMap<Cell, MarkCounts> = HashMap::new();
    for (cell, mark) in marks {
        counted.entry(cell).or_default().add(mark);
    }
    let by_class: BTreeMap<Cell, MarkCounts> = counted.into_iter().collect();
    let mut by_grade: BTreeMap<(i64, Uuid, Uuid), Vec<&MarkCounts>> = BTreeMap::new();
    let mut by_school: BTreeMap<(Uuid, Uuid), Vec<&MarkCounts>> = BTreeMap::new();
    let mut out = Vec::with_capacity(by_class.len() * 2);
    for (cell, counts) in &by_class {
        let class = classes.get(&cell.class_id);
        let grade = class.map(|c| c.grade);
        if let Some(g) = grade {
            by_grade
                .entry((g, cell.subject_id, cell.period_id))
                .or_default()
                .push(counts);
        }
        by_school
            .entry((cell.subject_id, cell.period_id))
            .or_default()
            .push(counts);
        out.push(QualityRow {
            level: "class",
            class_id: Some(cell.class_id),
            class: class.map(|c| c.name.clone()),
            grade,
            subject_id: cell.subject_id,
            period_id: cell.period_id,
            counts: *counts,
            metrics: counts.metrics(low),
        });
    }
    let sum = |parts: &[&MarkCounts]| parts.iter().fold(MarkCounts::default(), |a, c| a.merge(**c));
    for ((grade, subject_id, period_id), parts) in &by_grade {
        out.push(QualityRow {
            level: "grade",
            class_id: None,
            class: None,
            grade: Some(*grade),
            subject_id: *subject_id,
            period_id: *period_id,
            counts: sum(parts),
            metrics: group_metrics(parts.iter().copied(), low),
        });
    }
    for ((subject_id, period_id), parts) in &by_school {
        out.push(QualityRow {
            level: "school",
            class_id: None,
            class: None,
            grade: None,
            subject_id: *subject_id,
            period_id: *period_id,
            counts: sum(parts),
            metrics: group_metrics(parts.iter().copied(), low),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[test]
    fn a_parallel_pools_the_marks_of_its_classes() {
        let classes = vec![
            ClassInfo {
                id: id(1),
                name: "5А".into(),
                grade: 5,
            },
            ClassInfo {
                id: id(2),
                name: "5Б".into(),
                grade: 5,
            },
        ];
        let cell = |c| Cell {
            class_id: id(c),
            subject_id: id(10),
            period_id: id(20),
        };
        let mark = |v: u8| PeriodMark::Mark(Mark::parse(&v.to_string()).unwrap());
        let input = SchoolInput {
            classes,
            term_marks: vec![
                (cell(1), mark(5)),
                (cell(2), mark(3)),
                (cell(2), mark(2)),
                (cell(2), PeriodMark::NotAttested),
            ],
            current_marks: vec![
                (cell(1), Mark::parse("4").unwrap()),
                (cell(1), Mark::parse("5").unwrap()),
            ],
            ..Default::default()
        };
        let r = recompute(&input, &Thresholds::default(), SouLowWeight::NotAttested);
        let grade = r.quality.term.iter().find(|q| q.level == "grade").map(|q| q.metrics);
        let school = r.quality.term.iter().find(|q| q.level == "school").map(|q| q.metrics);
        assert_eq!(grade.map(|m| m.n), Some(4));
        assert_eq!(grade.and_then(|m| m.success_rate), Some(0.5));
        assert_eq!(grade, school);
        assert_eq!(r.quality.current.len(), 3, "one class, its parallel, the school");
        assert_eq!(r.quality.current[0].metrics.mean_mark, Some(4.5));
    }
}
