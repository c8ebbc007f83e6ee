//! The comparison of a procedure with the municipality and region as page lines (the
//! analysis page's block and task columns, the overview on `/results`) and the
//! specialists' per-school lines; figures from `vsoko_domain::analytics::compare` via
//! `vsoko_store::assessment::compare`, every number with its n.

use crate::routes::control::decimal;
use vsoko_domain::analytics::compare::{LevelFigures, Share, difference};
use vsoko_i18n::Tr;
use vsoko_reports::analytics::{ComparisonRow, ComparisonTables};
use vsoko_store::assessment::compare::{Comparison, Level};

/// A share as "x,y %" or a dash.
pub fn pct(tr: &Tr, x: Option<f64>) -> String {
    x.map_or_else(|| "—".into(), |x| format!("{} %", decimal(tr, x * 100.0, 1)))
}

/// The Wilson interval of a share as "lo–hi" in whole per cent ("" without one).
pub fn ci(tr: &Tr, s: &Share) -> String {
    match (s.ci_low, s.ci_high) {
        (Some(lo), Some(hi)) => format!("{}–{}", decimal(tr, lo * 100.0, 0), decimal(tr, hi * 100.0, 0)),
        _ => String::new(),
    }
}

/// A difference of shares in percentage points with its sign.
pub fn pp(tr: &Tr, d: f64) -> String {
    let sign = if d > 0.0 { "+" } else { "" };
    format!("{sign}{} {}", decimal(tr, d * 100.0, 1), tr.t("compare-pp"))
}

/// The level's name in the page's language.
pub fn level_label(tr: &Tr, level: Level) -> String {
    tr.t(match level {
        Level::School => "compare-level-school",
        Level::Municipality => "compare-level-municipality",
        Level::Region => "compare-level-region",
    })
}

/// One line of the comparison block or of a specialist's table.
pub struct CompareLine {
    /// "school", "municipality", "region" (or "school" on a specialist's table).
    pub level: &'static str,
    /// Level and name.
    pub label: String,
    /// The unit's name (school, municipality, region).
    pub name: String,
    /// Schools with results.
    pub schools: i64,
    /// Participants.
    pub n: i64,
    /// Results with a mark.
    pub marked: i64,
    /// Per mark 2..=5: count and share.
    pub marks: Vec<(i64, String)>,
    /// Success rate.
    pub success: String,
    /// Knowledge quality.
    pub quality: String,
    /// Its interval.
    pub quality_ci: String,
    /// The quality as a fraction for data attributes ("" without one).
    pub quality_raw: String,
    /// Mean primary score as a share of the maximum.
    pub mean_primary: String,
    /// n of that mean.
    pub primary_n: i64,
    /// Quality of the school minus this level's ("" on the school line or when too few).
    pub diff: String,
    /// Too few schools or participants to compare with.
    pub too_few: bool,
}

/// A line from a level's figures.
pub fn line(tr: &Tr, level: &'static str, label: String, name: String, f: &LevelFigures, diff: String) -> CompareLine {
    CompareLine {
        level,
        label,
        name,
        schools: f.schools,
        n: f.participants,
        marked: f.marked,
        marks: f
            .marks
            .iter()
            .zip(&f.mark_shares)
            .map(|(c, s)| (*c, pct(tr, *s)))
            .collect(),
        success: pct(tr, f.success.value),
        quality: pct(tr, f.quality.value),
        quality_ci: ci(tr, &f.quality),
        quality_raw: f.quality.value.map_or_else(String::new, |q| format!("{q:.6}")),
        mean_primary: pct(tr, f.mean_primary),
        primary_n: f.primary_n,
        diff,
        too_few: f.too_few,
    }
}

/// The lines of a comparison: school, municipality, region; the difference of quality is
/// the school's minus the level's, shown only where the level is not too small.
pub fn lines(tr: &Tr, c: &Comparison) -> Vec<CompareLine> {
    let school_q = c.level(Level::School).and_then(|l| l.figures.quality.value);
    c.levels
        .iter()
        .map(|l| {
            let code = match l.level {
                Level::School => "school",
                Level::Municipality => "municipality",
                Level::Region => "region",
            };
            let diff = if l.level == Level::School {
                String::new()
            } else {
                difference(school_q, &l.figures, l.figures.quality.value).map_or_else(String::new, |d| pp(tr, d))
            };
            line(tr, code, level_label(tr, l.level), l.name.clone(), &l.figures, diff)
        })
        .collect()
}

/// The completion of a task at a level as "x,y %" ("—" when it has none).
pub fn task_cell(tr: &Tr, f: &LevelFigures, code: &str) -> String {
    pct(tr, f.task(code).and_then(|t| t.completion))
}

/// The comparison as the analysis workbook's two tables (levels; task completion per level),
/// with the same figures, differences and "too few" remarks as the page's block.
pub fn tables(tr: &Tr, c: &Comparison, task_codes: &[String]) -> ComparisonTables {
    let school_q = c.level(Level::School).and_then(|l| l.figures.quality.value);
    ComparisonTables {
        title: tr.t("compare-title"),
        headers: crate::routes::download::headers(
            tr,
            &[
                "compare-level",
                "compare-name",
                "compare-schools",
                "n",
                "compare-marked",
                "«2»",
                "«3»",
                "«4»",
                "«5»",
                "control-col-success",
                "control-col-quality",
                "results-col-ci-low",
                "results-col-ci-high",
                "compare-mean-primary",
                "compare-diff-pp",
                "compare-remark",
            ],
        ),
        rows: c
            .levels
            .iter()
            .map(|l| {
                let f = &l.figures;
                let school = l.level == Level::School;
                ComparisonRow {
                    level: level_label(tr, l.level),
                    name: l.name.clone(),
                    schools: f.schools,
                    n: f.participants,
                    marked: f.marked,
                    shares: f.mark_shares,
                    success: f.success.value,
                    quality: f.quality.value,
                    quality_ci_low: f.quality.ci_low,
                    quality_ci_high: f.quality.ci_high,
                    mean_primary: f.mean_primary,
                    diff: if school {
                        None
                    } else {
                        difference(school_q, f, f.quality.value)
                    },
                    remark: if !school && f.too_few {
                        tr.t("compare-too-few")
                    } else {
                        String::new()
                    },
                }
            })
            .collect(),
        note: tr.t("compare-hint"),
        tasks_title: tr.t("compare-tasks-title"),
        task_headers: std::iter::once(tr.t("analysis-task"))
            .chain(c.levels.iter().map(|l| level_label(tr, l.level)))
            .collect(),
        tasks: task_codes
            .iter()
            .map(|code| {
                (
                    code.clone(),
                    c.levels
                        .iter()
                        .map(|l| l.figures.task(code).and_then(|t| t.completion))
                        .collect(),
                )
            })
            .collect(),
    }
}
