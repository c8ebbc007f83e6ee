//! The analysis page's tables as a workbook: marks by class and of all, test mark against
//! journal mark, and the completion of tasks and skills of the class in focus (or of all),
//! computed by the same engine on the same results as the page.

use super::view::{level_text, marks_row, pupils, specs};
use vsoko_domain::analytics::assessment::{AssessmentInput, analyse};
use vsoko_domain::analytics::items::{Status, Thresholds};
use vsoko_domain::analytics::objectivity::Objectivity;
use vsoko_i18n::Tr;
use vsoko_reports::analytics::{AnalysisSheet, ObjectivityRow, SkillRow, TaskRow};
use vsoko_store::assessment::compare::Comparison;
use vsoko_store::assessment::read::{AssessmentResult, Procedure, Task};

fn status(tr: &Tr, s: Option<Status>) -> String {
    match s {
        Some(Status::Deficit) => tr.t("analysis-status-deficit"),
        Some(Status::Uncertain) => tr.t("analysis-status-uncertain"),
        Some(Status::Ok) => tr.t("analysis-status-ok"),
        None => String::new(),
    }
}

fn objectivity_row(tr: &Tr, label: String, o: &Objectivity) -> ObjectivityRow {
    ObjectivityRow {
        label,
        n: o.n,
        lowered: o.lowered,
        confirmed: o.confirmed,
        raised: o.raised,
        gap2: o.gap_2_or_more,
        sign_p: o.sign_test_p,
        kappa: o.kappa_quadratic,
        spearman: o.spearman,
        signal: if o.flag_lenient() {
            tr.t("analysis-lenient")
        } else {
            String::new()
        },
    }
}

fn texts(tr: &Tr, keys: &[&str]) -> Vec<String> {
    keys.iter()
        .map(|k| match *k {
            "" | "n" | "«2»" | "«3»" | "«4»" | "«5»" => (*k).to_string(),
            key => tr.t(key),
        })
        .collect()
}

/// The workbook's content for a procedure, its tasks, the results in scope and a focus class.
pub fn sheet(
    tr: &Tr,
    procedure: &Procedure,
    tasks: &[Task],
    rows: &[AssessmentResult],
    focus: Option<&str>,
    comparison: Option<&Comparison>,
) -> AnalysisSheet {
    let all: Vec<&AssessmentResult> = rows.iter().collect();
    let report = analyse(
        &AssessmentInput {
            tasks: specs(tasks),
            pupils: pupils(&all, tasks.len()),
        },
        &Thresholds::default(),
    );
    let mut marks: Vec<_> = report
        .classes
        .iter()
        .map(|c| {
            let part: Vec<&AssessmentResult> = rows.iter().filter(|r| r.class_name == c.class).collect();
            marks_row(c.class.clone(), &part)
        })
        .collect();
    marks.push(marks_row(tr.t("analysis-all"), &all));
    let mut objectivity: Vec<ObjectivityRow> = report
        .classes
        .iter()
        .filter_map(|c| c.objectivity.as_ref().map(|o| objectivity_row(tr, c.class.clone(), o)))
        .collect();
    objectivity.extend(
        report
            .objectivity
            .as_ref()
            .map(|o| objectivity_row(tr, tr.t("analysis-all"), o)),
    );
    let (focus_tasks, focus_skills) = match focus {
        Some(c) => report
            .classes
            .iter()
            .find(|r| r.class == c)
            .map(|r| (r.tasks.clone(), r.skills.clone()))
            .unwrap_or_default(),
        None => (report.tasks.clone(), report.skills.clone()),
    };
    let skill_text = |code: &str| -> String {
        tasks
            .iter()
            .flat_map(|t| t.skills.iter())
            .find(|s| s.code == code || (s.code.is_empty() && s.text == code))
            .map(|s| s.text.clone())
            .unwrap_or_default()
    };
    let focus_label = focus.map_or_else(|| tr.t("analysis-all"), str::to_string);
    AnalysisSheet {
        sheet_name: tr.t("analysis-sheet"),
        title: procedure.title.clone(),
        subtitle: format!(
            "{}{}: n = {}",
            procedure
                .held_on
                .map(|d| format!("{} · ", crate::forms::format_date(d)))
                .unwrap_or_default(),
            focus_label,
            report.n
        ),
        titles: [
            tr.t("analysis-marks"),
            tr.t("analysis-objectivity"),
            format!("{}: {focus_label}", tr.t("analysis-tasks")),
            format!("{}: {focus_label}", tr.t("analysis-skills-title")),
        ],
        marks_headers: texts(
            tr,
            &[
                "analysis-class",
                "n",
                "«2»",
                "«3»",
                "«4»",
                "«5»",
                "control-col-success",
                "control-col-quality",
            ],
        ),
        marks,
        objectivity_headers: texts(
            tr,
            &[
                "analysis-class",
                "analysis-pairs",
                "analysis-lowered",
                "analysis-confirmed",
                "analysis-raised",
                "analysis-gap2",
                "analysis-sign-p",
                "analysis-kappa",
                "analysis-spearman",
                "analysis-signal",
            ],
        ),
        objectivity,
        task_headers: texts(
            tr,
            &[
                "analysis-task",
                "analysis-level",
                "analysis-max",
                "analysis-completion",
                "results-col-ci-low",
                "results-col-ci-high",
                "analysis-status",
            ],
        ),
        tasks: focus_tasks
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let task = tasks.get(i);
                TaskRow {
                    code: t.task.clone(),
                    level: level_text(task.map_or("", |t| t.level.as_str())),
                    max: task.map_or(0, |t| t.max_score),
                    completion: t.completion,
                    ci_low: t.ci_low,
                    ci_high: t.ci_high,
                    status: status(tr, t.status),
                }
            })
            .collect(),
        skill_headers: texts(
            tr,
            &[
                "analysis-skill",
                "analysis-skill-text",
                "analysis-task",
                "analysis-completion",
                "results-col-ci-low",
                "results-col-ci-high",
                "analysis-status",
            ],
        ),
        skills: focus_skills
            .iter()
            .map(|s| SkillRow {
                text: skill_text(&s.skill),
                skill: s.skill.clone(),
                tasks: s.tasks.join(", "),
                completion: s.completion,
                ci_low: s.ci_low,
                ci_high: s.ci_high,
                status: status(tr, s.status),
            })
            .collect(),
        note: tr.t("analysis-support"),
        comparison: comparison.map(|c| {
            let codes: Vec<String> = tasks.iter().map(|t| t.code.clone()).collect();
            super::compare::tables(tr, c, &codes)
        }),
        year_earlier: None,
    }
}
