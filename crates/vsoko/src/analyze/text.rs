//! Readable tables of the analyses (the `--json` output carries the same figures). Column
//! names are the JSON keys, so a table and its JSON read the same.

use std::fmt::Write;
use vsoko_domain::analytics::assessment::AssessmentReport;
use vsoko_domain::analytics::bunching::BunchingReport;
use vsoko_domain::analytics::items::{SkillResult, Status, TaskResult};
use vsoko_domain::analytics::objectivity::Objectivity;
use vsoko_domain::analytics::value_added::VaReport;

fn f(v: Option<f64>, dp: usize) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{v:.dp$}"))
}

fn status(s: Option<Status>) -> String {
    match s {
        Some(Status::Deficit) => "deficit",
        Some(Status::Uncertain) => "uncertain",
        Some(Status::Ok) => "ok",
        None => "—",
    }
    .to_string()
}

/// Columns padded to their widest cell; the first column left-aligned, the rest right.
fn table(out: &mut String, headers: &[&str], rows: &[Vec<String>]) {
    let mut width: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (w, c) in width.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let parts: Vec<String> = cells
            .iter()
            .zip(&width)
            .enumerate()
            .map(|(i, (c, w))| {
                let pad = " ".repeat(w.saturating_sub(c.chars().count()));
                if i == 0 {
                    format!("{c}{pad}")
                } else {
                    format!("{pad}{c}")
                }
            })
            .collect();
        parts.join("  ").trim_end().to_string()
    };
    let _ = writeln!(out, "{}", line(headers.to_vec()));
    for r in rows {
        let _ = writeln!(out, "{}", line(r.iter().map(String::as_str).collect()));
    }
}

fn tasks(out: &mut String, t: &[TaskResult]) {
    let rows: Vec<Vec<String>> = t
        .iter()
        .map(|t| {
            vec![
                t.task.clone(),
                format!("{}", t.max_score),
                t.level.letter().to_string(),
                t.n.to_string(),
                f(t.completion, 3),
                f(t.ci_low, 3),
                f(t.ci_high, 3),
                status(t.status),
                f(t.item_rest_r, 3),
                f(t.discrimination_27, 3),
            ]
        })
        .collect();
    table(
        out,
        &[
            "task",
            "max_score",
            "level",
            "n",
            "completion",
            "ci_low",
            "ci_high",
            "status",
            "item_rest_r",
            "discrimination_27",
        ],
        &rows,
    );
}

fn skills(out: &mut String, s: &[SkillResult]) {
    let rows: Vec<Vec<String>> = s
        .iter()
        .map(|s| {
            vec![
                s.skill.clone(),
                s.tasks.join(" "),
                s.n.to_string(),
                f(s.completion, 3),
                f(s.ci_low, 3),
                f(s.ci_high, 3),
                status(s.status),
            ]
        })
        .collect();
    table(
        out,
        &["skill", "tasks", "n", "completion", "ci_low", "ci_high", "status"],
        &rows,
    );
}

fn objectivity(out: &mut String, o: Option<&Objectivity>) {
    let Some(o) = o else {
        let _ = writeln!(out, "objectivity: no pupils with both a mark and a journal mark (2–5)");
        return;
    };
    let _ = writeln!(
        out,
        "objectivity (n = {}): lowered {:.3}, confirmed {:.3}, raised {:.3}, gap_2_or_more {:.3}, sign_test_p {:.4}",
        o.n, o.lowered, o.confirmed, o.raised, o.gap_2_or_more, o.sign_test_p
    );
    let _ = writeln!(
        out,
        "  kappa {} (se {}), kappa_linear {} (se {}), kappa_quadratic {} (se {}), spearman {}{}",
        f(o.kappa, 3),
        f(o.kappa_se, 3),
        f(o.kappa_linear, 3),
        f(o.kappa_linear_se, 3),
        f(o.kappa_quadratic, 3),
        f(o.kappa_quadratic_se, 3),
        f(o.spearman, 3),
        o.kappa_undefined
            .map(|r| format!(" — kappa undefined: {r}"))
            .unwrap_or_default()
    );
}

/// The assessment report as text.
pub fn assessment(r: &AssessmentReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "pupils: n = {}", r.n);
    let marks: Vec<String> = r.marks.iter().map(|(m, c)| format!("\"{m}\": {c}")).collect();
    let _ = writeln!(out, "marks: {}\n", marks.join(", "));
    tasks(&mut out, &r.tasks);
    out.push('\n');
    if !r.skills.is_empty() {
        skills(&mut out, &r.skills);
        out.push('\n');
    }
    let rel = &r.reliability;
    let _ = writeln!(
        out,
        "reliability (n = {}, k = {}): alpha {} [{}; {}], sem {}",
        r.n,
        r.tasks.len(),
        f(rel.alpha, 3),
        f(rel.alpha_ci_low, 3),
        f(rel.alpha_ci_high, 3),
        f(rel.sem, 3)
    );
    objectivity(&mut out, r.objectivity.as_ref());
    for c in &r.classes {
        let _ = writeln!(
            out,
            "\nclass {} (n = {}){}",
            c.class,
            c.n,
            if c.flag_lenient {
                " — flag_lenient: possible lenient marking"
            } else {
                ""
            }
        );
        tasks(&mut out, &c.tasks);
        if !c.skills.is_empty() {
            out.push('\n');
            skills(&mut out, &c.skills);
        }
        objectivity(&mut out, c.objectivity.as_ref());
    }
    out
}

/// The value-added report as text.
pub fn value_added(r: &VaReport) -> String {
    let mut out = String::new();
    let m = &r.model;
    let _ = writeln!(
        out,
        "model (n = {}): current = {:.4} + {:.4}·prior + u_class + e; tau2 {:.4}, sigma2 {:.4}, minus2_reml {:.4}",
        r.n, m.intercept, m.slope, m.tau2, m.sigma2, m.minus2_reml
    );
    if let Some(note) = m.note {
        let _ = writeln!(out, "note: {note}");
    }
    out.push('\n');
    let rows: Vec<Vec<String>> = r
        .classes
        .iter()
        .map(|c| {
            vec![
                c.class.clone(),
                c.n.to_string(),
                f(c.effect, 3),
                f(c.effect_sd, 3),
                f(c.ci_low, 3),
                f(c.ci_high, 3),
                f(c.residual_gain, 3),
                f(c.residual_gain_ci_low, 3),
                f(c.residual_gain_ci_high, 3),
                format!("{:.3}", c.reliability),
                c.warning
                    .and_then(|w| serde_json::to_value(w).ok())
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    table(
        &mut out,
        &[
            "class",
            "n",
            "effect",
            "effect_sd",
            "ci_low",
            "ci_high",
            "residual_gain",
            "residual_gain_ci_low",
            "residual_gain_ci_high",
            "reliability",
            "warning",
        ],
        &rows,
    );
    out
}

/// The bunching report as text.
pub fn bunching(r: &BunchingReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "scores: n = {}, histogram 0..{}, dispersion {}, df {}",
        r.n,
        r.max_score,
        f(r.dispersion, 3),
        r.df.map_or_else(|| "—".to_string(), |d| d.to_string())
    );
    if let Some(note) = r.note.and_then(|n| serde_json::to_value(n).ok()) {
        let _ = writeln!(out, "no estimate: {}", note.as_str().unwrap_or_default());
    }
    out.push('\n');
    let rows: Vec<Vec<String>> = r
        .cuts
        .iter()
        .map(|c| {
            vec![
                c.cut.to_string(),
                c.observed.to_string(),
                f(c.expected, 1),
                f(c.excess, 1),
                f(c.delta, 3),
                f(c.z, 2),
                if c.flag { "yes".into() } else { "no".into() },
            ]
        })
        .collect();
    table(
        &mut out,
        &["cut", "observed", "expected", "excess", "delta", "z", "flag"],
        &rows,
    );
    out
}
