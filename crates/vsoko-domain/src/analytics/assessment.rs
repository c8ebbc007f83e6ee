//! The analysis of one assessment file (`vsoko analyze assessment`, and later the
//! per-procedure page): parsed rows in, the whole report out — tasks, skills, reliability,
//! mark counts, objectivity for all pupils and the same per class. Any importer (the CSV of
//! the command line, the ФИС ОКО XLSX) only has to produce an [`AssessmentInput`].

use super::items::{self, Reliability, ScoreMatrix, SkillResult, TaskResult, TaskSpec, Thresholds};
use super::objectivity::{Objectivity, objectivity};
use serde::Serialize;
use std::collections::BTreeMap;

/// One pupil's row: class, a score per task (in the order of the tasks; "not done" already
/// read as 0), the test mark and the journal mark when known.
#[derive(Debug, Clone, PartialEq)]
pub struct PupilScores {
    /// Pupil code or name as in the file.
    pub pupil: String,
    /// Class name.
    pub class: String,
    /// Points per task.
    pub scores: Vec<f64>,
    /// Mark for the work (2–5).
    pub mark: Option<u8>,
    /// Journal mark (2–5).
    pub journal_mark: Option<u8>,
}

/// What an assessment analysis needs: the tasks and the pupils' rows.
#[derive(Debug, Clone, PartialEq)]
pub struct AssessmentInput {
    /// Tasks in column order.
    pub tasks: Vec<TaskSpec>,
    /// Pupils in file order.
    pub pupils: Vec<PupilScores>,
}

/// The figures of one class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassReport {
    /// Class name.
    pub class: String,
    /// Pupils of the class in the file.
    pub n: usize,
    /// Per task.
    pub tasks: Vec<TaskResult>,
    /// Per skill.
    pub skills: Vec<SkillResult>,
    /// Test vs journal marks; `None` without pairs of marks.
    pub objectivity: Option<Objectivity>,
    /// Possible lenient marking (see [`Objectivity::flag_lenient`]).
    pub flag_lenient: bool,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentReport {
    /// Pupils in the file.
    pub n: usize,
    /// Per task, all pupils.
    pub tasks: Vec<TaskResult>,
    /// Per skill, all pupils.
    pub skills: Vec<SkillResult>,
    /// Cronbach's α, Feldt interval, SEM.
    pub reliability: Reliability,
    /// Counts of the marks for the work, keys "2".."5".
    pub marks: BTreeMap<String, usize>,
    /// Test vs journal marks, all pupils.
    pub objectivity: Option<Objectivity>,
    /// Per class, in order of first appearance.
    pub classes: Vec<ClassReport>,
}

/// Analyses an assessment.
pub fn analyse(input: &AssessmentInput, thr: &Thresholds) -> AssessmentReport {
    let all: Vec<&PupilScores> = input.pupils.iter().collect();
    let mut class_names: Vec<&str> = Vec::new();
    for p in &input.pupils {
        if !class_names.contains(&p.class.as_str()) {
            class_names.push(&p.class);
        }
    }
    let classes = class_names
        .into_iter()
        .map(|name| {
            let group: Vec<&PupilScores> = input.pupils.iter().filter(|p| p.class == name).collect();
            let (tasks, skills) = items_of(&input.tasks, &group, thr);
            let objectivity = objectivity(&pairs(&group));
            ClassReport {
                class: name.to_string(),
                n: group.len(),
                tasks,
                skills,
                flag_lenient: objectivity.as_ref().is_some_and(Objectivity::flag_lenient),
                objectivity,
            }
        })
        .collect();
    let (tasks, skills) = items_of(&input.tasks, &all, thr);
    let rows: Vec<&[f64]> = all.iter().map(|p| p.scores.as_slice()).collect();
    let marks = (2u8..=5)
        .map(|m| (m.to_string(), all.iter().filter(|p| p.mark == Some(m)).count()))
        .collect();
    AssessmentReport {
        n: all.len(),
        tasks,
        skills,
        reliability: items::reliability(input.tasks.len(), ScoreMatrix { rows: &rows }),
        marks,
        objectivity: objectivity(&pairs(&all)),
        classes,
    }
}

fn items_of(specs: &[TaskSpec], group: &[&PupilScores], thr: &Thresholds) -> (Vec<TaskResult>, Vec<SkillResult>) {
    let rows: Vec<&[f64]> = group.iter().map(|p| p.scores.as_slice()).collect();
    let m = ScoreMatrix { rows: &rows };
    (items::tasks(specs, m, thr), items::skills(specs, m, thr))
}

fn pairs(group: &[&PupilScores]) -> Vec<(u8, u8)> {
    group.iter().filter_map(|p| Some((p.mark?, p.journal_mark?))).collect()
}
