//! Task and skill analysis, reliability and objectivity against their oracles (closed
//! form, 1e-6): statsmodels `proportion_confint(method="wilson")`, pandas for item-rest r
//! and the pinned 27% rule, pingouin `cronbach_alpha` + scipy F quantiles (Feldt),
//! scipy `binomtest` and `spearmanr`, sklearn `cohen_kappa_score` and statsmodels
//! `cohens_kappa` (FCE standard errors), recomputed by the numpy FCE formula. The data and
//! the calls are in tests/data/oracle/README.md.
#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on broken fixtures")]

mod common;

use common::{assert_close, csv, expected};
use vsoko_domain::analytics::assessment::{AssessmentInput, PupilScores, analyse};
use vsoko_domain::analytics::items::{Level, Status, TaskSpec, Thresholds};
use vsoko_domain::analytics::objectivity::{Kappa, KappaWeights, kappa};

fn input(scores: &str, tasks: Option<&str>) -> AssessmentInput {
    let (header, rows) = csv(scores);
    let fixed = ["pupil", "class", "mark", "journal_mark"];
    let task_cols: Vec<usize> = (0..header.len())
        .filter(|&i| !fixed.contains(&header[i].as_str()))
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name);
    let pupils: Vec<PupilScores> = rows
        .iter()
        .map(|r| PupilScores {
            pupil: r[0].clone(),
            class: r[1].clone(),
            scores: task_cols
                .iter()
                .map(|&i| match r[i].as_str() {
                    "" | "X" | "Х" => 0.0,
                    v => v.parse().unwrap(),
                })
                .collect(),
            mark: col("mark").and_then(|i| r[i].parse().ok()),
            journal_mark: col("journal_mark").and_then(|i| r[i].parse().ok()),
        })
        .collect();
    let specs = match tasks {
        Some(t) => {
            let (_, trows) = csv(t);
            task_cols
                .iter()
                .map(|&i| {
                    let r = trows.iter().find(|r| r[0] == header[i]).unwrap();
                    TaskSpec {
                        code: r[0].clone(),
                        max_score: r[1].parse().unwrap(),
                        level: Level::parse(&r[2]).unwrap(),
                        skills: r[3].split_whitespace().map(str::to_string).collect(),
                    }
                })
                .collect()
        }
        None => task_cols
            .iter()
            .enumerate()
            .map(|(j, &i)| TaskSpec {
                code: header[i].clone(),
                max_score: pupils.iter().map(|p| p.scores[j]).fold(1.0, f64::max),
                level: Level::Basic,
                skills: Vec::new(),
            })
            .collect(),
    };
    AssessmentInput { tasks: specs, pupils }
}

#[test]
fn tasks_skills_reliability_and_objectivity_match_the_oracles() {
    let report = analyse(
        &input("assessment.csv", Some("assessment_tasks.csv")),
        &Thresholds::default(),
    );
    let actual = serde_json::to_value(&report).unwrap();
    assert_close(&actual, &expected("assessment.expected.json"), 1e-6, "assessment");
}

#[test]
fn the_weak_skill_is_a_deficit_and_only_the_lenient_class_is_flagged() {
    let report = analyse(
        &input("assessment.csv", Some("assessment_tasks.csv")),
        &Thresholds::default(),
    );
    let weak = report.skills.iter().find(|s| s.skill == "3.2").unwrap();
    assert_eq!(weak.status, Some(Status::Deficit));
    let flagged: Vec<&str> = report
        .classes
        .iter()
        .filter(|c| c.flag_lenient)
        .map(|c| c.class.as_str())
        .collect();
    assert_eq!(flagged, ["5В"]);
}

#[test]
fn a_task_nobody_scored_has_completion_zero_and_no_correlation() {
    let report = analyse(
        &input("assessment.csv", Some("assessment_tasks.csv")),
        &Thresholds::default(),
    );
    let t = report.tasks.iter().find(|t| t.task == "11").unwrap();
    assert_eq!(
        (t.completion, t.ci_low, t.status),
        (Some(0.0), Some(0.0), Some(Status::Deficit))
    );
    assert_eq!((t.item_rest_r, t.discrimination_27), (None, Some(0.0)));
}

#[test]
fn all_marks_equal_leave_kappa_and_spearman_null() {
    let report = analyse(&input("assessment_equal_marks.csv", None), &Thresholds::default());
    let actual = serde_json::to_value(&report).unwrap();
    assert_close(
        &actual,
        &expected("assessment_equal_marks.expected.json"),
        1e-6,
        "equal",
    );
    let o = report.objectivity.unwrap();
    assert!(o.kappa.is_none() && o.kappa_undefined.is_some());
}

/// The κ standard errors against the Fleiss–Cohen–Everitt formula written out in numpy
/// (and statsmodels, which agrees to 1e-15), on this file's table and Agresti's SexualFun.
#[test]
fn kappa_standard_errors_follow_fleiss_cohen_everitt() {
    let e = expected("kappa.expected.json");
    for case in ["assessment", "sexual_fun"] {
        let rows = e[case]["table"].as_array().unwrap();
        let mut table = [[0.0; 4]; 4];
        for (a, row) in rows.iter().enumerate() {
            for (b, v) in row.as_array().unwrap().iter().enumerate() {
                table[a][b] = v.as_f64().unwrap();
            }
        }
        for (name, w) in [
            ("unweighted", KappaWeights::Unweighted),
            ("linear", KappaWeights::Linear),
            ("quadratic", KappaWeights::Quadratic),
        ] {
            let Kappa::Value { kappa: k, se } = kappa(&table, w) else {
                panic!("{case} {name}: undefined")
            };
            let want = &e[case][name];
            assert!(
                (k - want["kappa"].as_f64().unwrap()).abs() < 1e-9,
                "{case} {name} kappa {k}"
            );
            assert!(
                (se - want["se_fce_numpy"].as_f64().unwrap()).abs() < 1e-9,
                "{case} {name} se {se}"
            );
        }
    }
}
