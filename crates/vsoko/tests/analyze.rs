//! `vsoko analyze` run as the real binary on the committed oracle data: its `--json` output
//! equals the oracles' numbers (crates/vsoko-domain/tests/data/oracle/README.md), and bad
//! input exits with code 2 naming the file, row and column.
#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on broken fixtures")]

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../vsoko-domain/tests/data/oracle")
        .join(name)
}

fn vsoko(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vsoko"))
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env("VSOKO_LOG", "error")
        .output()
        .unwrap()
}

fn json(args: &[&str]) -> Value {
    let out = vsoko(args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn expected(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(data(name)).unwrap()).unwrap()
}

/// Every key of `expected` is in `actual` with an equal value; numbers within `tol` ×
/// max(1, |expected|).
fn assert_close(actual: &Value, expected: &Value, tol: f64, path: &str) {
    match (actual, expected) {
        (Value::Number(a), Value::Number(e)) => {
            let (a, e) = (a.as_f64().unwrap(), e.as_f64().unwrap());
            assert!(
                (a - e).abs() <= tol * e.abs().max(1.0),
                "{path}: got {a}, the oracle says {e}"
            );
        }
        (Value::Object(a), Value::Object(e)) => {
            for (k, v) in e {
                let got = a.get(k).unwrap_or_else(|| panic!("{path}.{k}: missing"));
                assert_close(got, v, tol, &format!("{path}.{k}"));
            }
        }
        (Value::Array(a), Value::Array(e)) => {
            assert_eq!(a.len(), e.len(), "{path}: length");
            for (i, (x, y)) in a.iter().zip(e).enumerate() {
                assert_close(x, y, tol, &format!("{path}[{i}]"));
            }
        }
        _ => assert_eq!(actual, expected, "{path}"),
    }
}

fn path(name: &str) -> String {
    data(name).to_string_lossy().to_string()
}

#[test]
fn assessment_json_equals_the_oracles() {
    let (s, t) = (path("assessment.csv"), path("assessment_tasks.csv"));
    let v = json(&["analyze", "assessment", "--scores", &s, "--tasks", &t, "--json"]);
    assert_close(&v, &expected("assessment.expected.json"), 1e-6, "assessment");
    let flagged: Vec<&str> = v["classes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["flag_lenient"] == Value::Bool(true))
        .map(|c| c["class"].as_str().unwrap())
        .collect();
    assert_eq!(flagged, ["5В"]);
}

/// The committed assessment.csv written in the ФИС ОКО "Индивидуальные результаты" layout:
/// meta rows, the row of levels, headers `N (Mб)`, X for zero points, "нет отметки".
fn fisoko_workbook(dir: &std::path::Path) -> PathBuf {
    let text = std::fs::read_to_string(data("assessment.csv")).unwrap();
    let tasks = std::fs::read_to_string(data("assessment_tasks.csv")).unwrap();
    let specs: Vec<Vec<&str>> = tasks.lines().skip(1).map(|l| l.split(',').collect()).collect();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let codes = &header[2..header.len() - 2];
    let mut rows: Vec<Vec<String>> = vec![
        vec!["ВПР 2026 Математика 5 класс".into()],
        vec!["Предмет:".into(), "Математика".into()],
        vec!["Максимальный первичный балл: 18".into()],
        vec!["МБОУ СОШ № 1 (edu123456)".into()],
    ];
    let mut levels = vec![String::new(); 6];
    let mut head: Vec<String> = [
        "ОО",
        "Муниципалитет",
        "Название ОО",
        "Код участника",
        "Класс",
        "Вариант",
    ]
    .map(String::from)
    .to_vec();
    for code in codes {
        let spec = specs.iter().find(|s| s[0] == *code).unwrap();
        levels.push(spec[2].to_string());
        head.push(format!("{code} ({}б)", spec[1]));
    }
    head.extend(["Первичный балл", "Отметка", "Отметка по журналу"].map(String::from));
    rows.push(levels);
    rows.push(head);
    for line in lines {
        let c: Vec<&str> = line.split(',').collect();
        let scores = &c[2..c.len() - 2];
        let primary: u32 = scores.iter().map(|v| v.parse::<u32>().unwrap_or(0)).sum();
        let mut row: Vec<String> = ["edu123456", "Город", "МБОУ СОШ № 1", c[0], c[1], "1"]
            .map(String::from)
            .to_vec();
        row.extend(
            scores
                .iter()
                .map(|v| if v.is_empty() { "X".to_string() } else { v.to_string() }),
        );
        let mark = |v: &str| {
            if v.is_empty() {
                "нет отметки".to_string()
            } else {
                v.to_string()
            }
        };
        row.extend([primary.to_string(), mark(c[c.len() - 2]), mark(c[c.len() - 1])]);
        rows.push(row);
    }
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Индивидуальные результаты").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (col, v) in row.iter().enumerate() {
            if !v.is_empty() {
                sheet
                    .write_string(u32::try_from(r).unwrap(), u16::try_from(col).unwrap(), v)
                    .unwrap();
            }
        }
    }
    let path = dir.join("vpr.xlsx");
    book.save(&path).unwrap();
    path
}

#[test]
fn a_fisoko_workbook_gives_the_same_figures_as_its_csv() {
    let dir = tempfile::tempdir().unwrap();
    let f = fisoko_workbook(dir.path());
    let t = path("assessment_tasks.csv");
    let v = json(&[
        "analyze",
        "assessment",
        "--scores",
        &f.to_string_lossy(),
        "--tasks",
        &t,
        "--json",
    ]);
    assert_close(&v, &expected("assessment.expected.json"), 1e-6, "fisoko");
    // Without --tasks the levels and maxima come from the workbook; skills are unknown.
    let v = json(&["analyze", "assessment", "--scores", &f.to_string_lossy(), "--json"]);
    assert_close(
        &v["tasks"],
        &expected("assessment.expected.json")["tasks"],
        1e-6,
        "fisoko tasks",
    );
    assert_eq!(v["skills"], Value::Array(Vec::new()));
}

#[test]
fn equal_marks_give_null_kappa_with_a_reason() {
    let s = path("assessment_equal_marks.csv");
    let v = json(&["analyze", "assessment", "--scores", &s, "--json"]);
    assert_close(&v, &expected("assessment_equal_marks.expected.json"), 1e-6, "equal");
    assert!(v["objectivity"]["kappa_undefined"].is_string());
}

#[test]
fn value_added_json_equals_lme4_and_ols() {
    let s = path("value_added.csv");
    let v = json(&["analyze", "value-added", "--scores", &s, "--json"]);
    assert_close(&v, &expected("value_added.expected.json"), 1e-4, "value_added");
    let s = path("value_added_flat.csv");
    let v = json(&["analyze", "value-added", "--scores", &s, "--json"]);
    assert_close(&v, &expected("value_added_flat.expected.json"), 1e-4, "flat");
}

#[test]
fn bunching_json_equals_the_poisson_glm() {
    let s = path("bunching.csv");
    let v = json(&["analyze", "bunching", "--scores", &s, "--cuts", "6,11,16", "--json"]);
    assert_close(&v, &expected("bunching.expected.json"), 1e-4, "bunching");
}

#[test]
fn the_level_thresholds_are_configurable_and_checked() {
    let (s, t) = (path("assessment.csv"), path("assessment_tasks.csv"));
    // Task 1: completion 0.796, Wilson [0.706, 0.864] — ok against 0.60, deficit against 0.9.
    let v = json(&[
        "analyze",
        "assessment",
        "--scores",
        &s,
        "--tasks",
        &t,
        "--json",
        "--basic-threshold",
        "0.9",
    ]);
    assert_eq!(v["tasks"][0]["status"], "deficit");
    let err = refused(&["analyze", "assessment", "--scores", &s, "--basic-threshold", "60"]);
    assert!(err.contains("expected a share from 0 to 1"), "{err}");
}

#[test]
fn without_json_the_figures_are_readable_tables() {
    let (s, t) = (path("assessment.csv"), path("assessment_tasks.csv"));
    let out = vsoko(&["analyze", "assessment", "--scores", &s, "--tasks", &t]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("pupils: n = 98"), "{text}");
    assert!(text.contains("class 5В (n = 25) — flag_lenient"), "{text}");
    let line = text.lines().find(|l| l.starts_with("3.2 ")).unwrap();
    assert!(line.trim_end().ends_with("deficit"), "{line}");
}

fn refused(args: &[&str]) -> String {
    let out = vsoko(args);
    assert_eq!(
        out.status.code(),
        Some(2),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn a_bad_score_is_refused_naming_file_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bad.csv");
    std::fs::write(&f, "pupil;class;1;2;mark\nA;5А;1;0;4\nB;5А;1;3;4\nC;5А;1;0;6\n").unwrap();
    let t = dir.path().join("tasks.csv");
    std::fs::write(&t, "task,max_score,level,skills\n1,1,Б,1\n2,2,П,2\n").unwrap();
    let err = refused(&[
        "analyze",
        "assessment",
        "--scores",
        &f.to_string_lossy(),
        "--tasks",
        &t.to_string_lossy(),
    ]);
    assert!(
        err.contains(
            r#"bad.csv, row 3, column "2": expected a score from 0 to 2 (an empty cell or X counts 0 points), got "3""#
        ),
        "{err}"
    );
    assert!(
        err.contains(r#"bad.csv, row 4, column "mark": expected a mark 2, 3, 4 or 5"#),
        "{err}"
    );
}

#[test]
fn a_fisoko_workbook_with_a_score_above_the_maximum_is_refused_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let f = fisoko_workbook(dir.path());
    // Rewrite the workbook with one score above its task's maximum: task 1 (1б) gets 5.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Индивидуальные результаты").unwrap();
    let rows = [
        vec!["ВПР 2026 Математика 5 класс"],
        vec!["", "", "", "", "", "", "Б", "П"],
        vec![
            "ОО",
            "Муниципалитет",
            "Название ОО",
            "Код участника",
            "Класс",
            "Вариант",
            "1 (1б)",
            "2 (2б)",
            "Первичный балл",
            "Отметка",
            "Отметка по журналу",
        ],
        vec!["edu1", "Город", "Школа", "10001", "5А", "1", "5", "1", "6", "4", "4"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                sheet
                    .write_string(u32::try_from(r).unwrap(), u16::try_from(c).unwrap(), *v)
                    .unwrap();
            }
        }
    }
    book.save(&f).unwrap();
    let err = refused(&["analyze", "assessment", "--scores", &f.to_string_lossy()]);
    assert!(
        err.contains(r#"vpr.xlsx, sheet "Индивидуальные результаты", row 4, column "1 (1б)""#),
        "{err}"
    );
}

#[test]
fn a_missing_column_and_a_bad_number_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("va.csv");
    std::fs::write(&f, "pupil,class,prior\n1,7А,3\n").unwrap();
    let err = refused(&["analyze", "value-added", "--scores", &f.to_string_lossy()]);
    assert!(
        err.contains(r#"va.csv, row 1: required column not found: expected the header "current""#),
        "{err}"
    );
    std::fs::write(&f, "pupil,class,prior,current\n1,7А,3,4\n2,7Б,abc,5\n").unwrap();
    let err = refused(&["analyze", "value-added", "--scores", &f.to_string_lossy()]);
    assert!(
        err.contains(r#"va.csv, row 3, column "prior": expected a number, got "abc""#),
        "{err}"
    );
    let b = dir.path().join("scores.csv");
    std::fs::write(&b, "score\n3\n4.5\n").unwrap();
    let err = refused(&["analyze", "bunching", "--scores", &b.to_string_lossy(), "--cuts", "3"]);
    assert!(
        err.contains(r#"scores.csv, row 3, column "score": expected a whole score"#),
        "{err}"
    );
}

#[test]
fn a_windows_1251_file_with_semicolons_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("cp1251.csv");
    let text = "pupil;class;prior;current\n1;7А;3;4\n2;7А;5;6\n3;7Б;4;4\n4;7Б;6;7\n";
    std::fs::write(&f, cp1251(text)).unwrap();
    let v = json(&["analyze", "value-added", "--scores", &f.to_string_lossy(), "--json"]);
    assert_eq!(v["n"], 4);
    assert_eq!(v["classes"][0]["class"], "7А");
}

/// windows-1251 bytes of a text of ASCII and the Cyrillic А and Б (all this test needs).
fn cp1251(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'А' => 0xC0,
            'Б' => 0xC1,
            c => u8::try_from(c).unwrap(),
        })
        .collect()
}
