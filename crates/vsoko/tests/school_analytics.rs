//! `vsoko analyze school` and `vsoko export analytics-data` on the demo school, as real
//! processes on SQLite and PostgreSQL: the class metrics equal those of the rollups the
//! results page reads, every n equals its rows, a procedure's figures equal those of
//! `vsoko analyze assessment` on the same rows, and the export holds exactly the rows the
//! recompute counted.

use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::process::{Command, Output};
use vsoko_domain::journal::SouLowWeight;
use vsoko_store::testing;

fn vsoko(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vsoko"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("VSOKO_LOG", "warn")
        .env("LANG", "en_US.UTF-8")
        .output()
        .expect("run vsoko")
}

fn ok(o: &Output) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.status.success(), "{text}");
    text
}

fn csv_rows(path: &Path) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).expect("test data");
    let headers = r.headers().expect("test data").clone();
    r.records()
        .map(|rec| {
            let rec = rec.expect("test data");
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn close(a: &Value, b: &Value, path: &str) {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().expect("test data"), y.as_f64().expect("test data"));
            assert!((x - y).abs() <= 1e-12 * x.abs().max(1.0), "{path}: {x} vs {y}");
        }
        (Value::Array(x), Value::Array(y)) => {
            assert_eq!(x.len(), y.len(), "{path}");
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                close(p, q, &format!("{path}[{i}]"));
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                if let Some(w) = y.get(k) {
                    close(v, w, &format!("{path}.{k}"));
                }
            }
        }
        _ => assert_eq!(a, b, "{path}"),
    }
}

/// Takes every `skills` list out of a report, keyed by where it was and the skill's name.
fn skills_of(v: &mut Value, at: &str) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    if let Some(obj) = v.as_object_mut() {
        if let Some(Value::Array(list)) = obj.remove("skills") {
            for s in list {
                out.insert(format!("{at}/{}", s["skill"].as_str().expect("test data")), s);
            }
        }
        let label = obj.get("class").and_then(Value::as_str).unwrap_or_default().to_string();
        for (k, child) in obj.iter_mut() {
            out.extend(skills_of(child, &format!("{at}/{k}{label}")));
        }
    } else if let Some(list) = v.as_array_mut() {
        for (i, child) in list.iter_mut().enumerate() {
            out.extend(skills_of(child, &format!("{at}[{i}]")));
        }
    }
    out
}

async fn check(url: &str, dir: &Path) {
    ok(&vsoko(url, &["demo", "--build-only"]));
    let o = vsoko(url, &["analyze", "school", "--json"]);
    let timing = ok(&o);
    assert!(timing.contains("total") && timing.contains("procedures"), "{timing}");
    let report: Value = serde_json::from_slice(&o.stdout).expect("test data");
    let school: uuid::Uuid = report["school_id"]
        .as_str()
        .expect("test data")
        .parse()
        .expect("test data");
    let counts = &report["counts"];

    // The class rows equal the rollups the results page reads: the same counters and the
    // metrics of those counters, for every class × subject × period with marks.
    let db = vsoko_store::Db::connect(url).await.expect("test data");
    let terms = vsoko_store::journal::rollups::period_rollups(&db, school)
        .await
        .expect("test data");
    let marks = vsoko_store::journal::rollups::mark_rollups(&db, school)
        .await
        .expect("test data");
    db.close().await;
    let rows = |kind: &str, level: &str| -> BTreeMap<(String, String, String), Value> {
        report["quality"][kind]
            .as_array()
            .expect("test data")
            .iter()
            .filter(|r| r["level"] == level)
            .map(|r| {
                let key = |k: &str| r[k].as_str().unwrap_or_default().to_string();
                ((key("class_id"), key("subject_id"), key("period_id")), r.clone())
            })
            .collect()
    };
    let term_rows = rows("term", "class");
    assert_eq!(term_rows.len(), terms.len(), "one class row per term-mark rollup");
    assert!(terms.len() > 100, "the demo has term marks: {}", terms.len());
    for t in &terms {
        let row = &term_rows[&(
            t.class_id.to_string(),
            t.subject_id.to_string(),
            t.period_id.to_string(),
        )];
        let c = t.counts();
        close(&row["counts"], &serde_json::to_value(c).expect("test data"), "counts");
        close(
            &row["metrics"],
            &serde_json::to_value(c.metrics(SouLowWeight::NotAttested)).expect("test data"),
            "metrics",
        );
    }
    let current_rows = rows("current", "class");
    let with_marks: Vec<_> = marks.iter().filter(|m| m.c1 + m.c2 + m.c3 + m.c4 + m.c5 > 0).collect();
    assert_eq!(current_rows.len(), with_marks.len());
    for m in with_marks {
        let row = &current_rows[&(
            m.class_id.to_string(),
            m.subject_id.to_string(),
            m.period_id.to_string(),
        )];
        let got: Vec<i64> = ["n1", "n2", "n3", "n4", "n5"]
            .iter()
            .map(|k| row["counts"][k].as_i64().expect("test data"))
            .collect();
        assert_eq!(got, vec![m.c1, m.c2, m.c3, m.c4, m.c5]);
    }

    // n counts equal row counts: the class rows sum to every mark read, and each school
    // row to the sum of its parallels.
    let n_all = |kind: &str, level: &str| -> i64 {
        report["quality"][kind]
            .as_array()
            .expect("test data")
            .iter()
            .filter(|r| r["level"] == level)
            .map(|r| {
                r["counts"]
                    .as_object()
                    .expect("test data")
                    .values()
                    .map(|v| v.as_i64().expect("test data"))
                    .sum::<i64>()
            })
            .sum()
    };
    assert_eq!(
        n_all("term", "class"),
        counts["term_marks"].as_i64().expect("test data")
    );
    assert_eq!(
        n_all("term", "school"),
        counts["term_marks"].as_i64().expect("test data")
    );
    assert_eq!(
        n_all("current", "grade"),
        counts["current_marks"].as_i64().expect("test data")
    );
    let procedures = report["procedures"].as_array().expect("test data");
    assert_eq!(
        procedures.len() as i64,
        counts["procedures"].as_i64().expect("test data")
    );
    assert!(procedures.len() >= 15, "the demo's ВПР, ОГЭ trial and control works");
    let n_results: i64 = procedures
        .iter()
        .map(|p| p["analysis"]["n"].as_i64().expect("test data"))
        .sum();
    assert_eq!(n_results, counts["results"].as_i64().expect("test data"));
    let pairs = report["value_added"].as_array().expect("test data");
    assert!(!pairs.is_empty(), "the demo links ВПР 2026 to the control work");
    assert!(pairs.iter().all(|p| p["report"].is_object()), "every pair is fitted");

    // The export round-trips: exactly the rows counted.
    let out = dir.join("export");
    let text = ok(&vsoko(
        url,
        &[
            "export",
            "analytics-data",
            "--dir",
            out.to_str().expect("test data"),
            "--school",
            &school.to_string(),
        ],
    ));
    assert!(text.contains("11 files written"), "{text}");
    let n = |f: &str| csv_rows(&out.join(f)).len() as i64;
    assert_eq!(n("term_marks.csv"), counts["term_marks"].as_i64().expect("test data"));
    assert_eq!(
        n("current_marks.csv"),
        counts["current_marks"].as_i64().expect("test data")
    );
    assert_eq!(n("results.csv"), counts["results"].as_i64().expect("test data"));
    assert_eq!(n("task_scores.csv"), counts["task_scores"].as_i64().expect("test data"));
    assert_eq!(n("procedures.csv"), counts["procedures"].as_i64().expect("test data"));
    assert_eq!(n("va_pairs.csv"), counts["va_pupils"].as_i64().expect("test data"));
    assert!(
        csv_rows(&out.join("current_marks.csv"))
            .iter()
            .all(|r| r["weight"].parse::<i64>().expect("test data") >= 1)
    );

    // One procedure through `vsoko analyze assessment` (the file command, the same engine):
    // its rows and tasks written from the export give the same figures. The first one whose
    // tasks name skills (the demo's ВПР 2025 have none), so skills are compared too.
    let first = procedures
        .iter()
        .find(|p| p["analysis"]["skills"].as_array().is_some_and(|s| !s.is_empty()))
        .expect("a procedure with skills");
    let pid = first["id"].as_str().expect("test data");
    let tasks: Vec<HashMap<String, String>> = csv_rows(&out.join("tasks.csv"))
        .into_iter()
        .filter(|t| t["procedure_id"] == pid)
        .collect();
    let skills = csv_rows(&out.join("task_skills.csv"));
    let results: Vec<HashMap<String, String>> = csv_rows(&out.join("results.csv"))
        .into_iter()
        .filter(|r| r["procedure_id"] == pid)
        .collect();
    let scores: HashMap<(String, String), String> = csv_rows(&out.join("task_scores.csv"))
        .into_iter()
        .map(|s| ((s["result_id"].clone(), s["task_id"].clone()), s["score"].clone()))
        .collect();
    let mut w = csv::Writer::from_path(dir.join("tasks_one.csv")).expect("test data");
    w.write_record(["task", "max_score", "level", "skills"])
        .expect("test data");
    for t in &tasks {
        let own: Vec<&str> = skills
            .iter()
            .filter(|s| s["task_id"] == t["task_id"])
            .map(|s| s["skill"].as_str())
            .collect();
        let level = if t["level"].is_empty() {
            "Б"
        } else {
            t["level"].as_str()
        };
        // The file separates skills by spaces; the demo's skills are texts with spaces.
        let own: Vec<String> = own.iter().map(|s| s.replace(' ', "_")).collect();
        w.write_record([t["code"].as_str(), t["max_score"].as_str(), level, &own.join(" ")])
            .expect("test data");
    }
    w.flush().expect("test data");
    let mut w = csv::Writer::from_path(dir.join("scores_one.csv")).expect("test data");
    let mut header = vec!["pupil".to_string(), "class".to_string()];
    header.extend(tasks.iter().map(|t| t["code"].clone()));
    header.extend(["mark".to_string(), "journal_mark".to_string()]);
    w.write_record(&header).expect("test data");
    for r in &results {
        let mut rec = vec![r["participant_code"].clone(), r["class_name"].clone()];
        rec.extend(tasks.iter().map(|t| {
            scores
                .get(&(r["result_id"].clone(), t["task_id"].clone()))
                .cloned()
                .unwrap_or_default()
        }));
        rec.extend([r["mark"].clone(), r["journal_mark"].clone()]);
        w.write_record(&rec).expect("test data");
    }
    w.flush().expect("test data");
    let single = vsoko(
        url,
        &[
            "analyze",
            "assessment",
            "--scores",
            dir.join("scores_one.csv").to_str().expect("test data"),
            "--tasks",
            dir.join("tasks_one.csv").to_str().expect("test data"),
            "--json",
        ],
    );
    ok(&single);
    let single: Value = serde_json::from_slice(&single.stdout).expect("test data");
    // Skills compared by name (the file's `_` for spaces changes their sorted order).
    let (mut school_side, mut file_side) = (first["analysis"].clone(), single);
    let (a, b) = (skills_of(&mut school_side, ""), skills_of(&mut file_side, ""));
    let b: BTreeMap<String, Value> = b.into_iter().map(|(k, v)| (k.replace('_', " "), v)).collect();
    assert_eq!(a.len(), b.len());
    assert!(!a.is_empty());
    for (k, v) in &a {
        let mut w = b[k].clone();
        w["skill"] = v["skill"].clone();
        close(v, &w, k);
    }
    close(&school_side, &file_side, "procedure");
    assert_eq!(
        first["analysis"]["n"].as_u64().expect("test data"),
        results.len() as u64
    );
}

#[tokio::test]
async fn analyze_school_matches_the_rollups_and_the_file_command_on_sqlite() {
    let dir = tempfile::tempdir().expect("test data");
    let url = format!("sqlite://{}", dir.path().join("demo.db").display());
    check(&url, dir.path()).await;
}

#[tokio::test]
async fn analyze_school_matches_the_rollups_and_the_file_command_on_postgres() {
    let t = testing::postgres().await;
    t.db.close().await;
    let dir = tempfile::tempdir().expect("test data");
    check(&t.url, dir.path()).await;
    t.finish().await;
}
