//! The analysis page's block "the same work a year earlier": the procedure of the same kind,
//! subject and grade held a year before (`vsoko_store::assessment::read::year_earlier`,
//! within the viewer's scope), compared with this one by
//! `vsoko_domain::analytics::year_compare` on the results each side's viewer may see; as
//! page lines and as the analysis workbook's tables. Every number carries its n and interval.

use super::compare::{ci, pct, pp};
use super::view::mark_u8;
use crate::error::AppResult;
use crate::routes::control::decimal;
use crate::state::AppState;
use vsoko_domain::analytics::compare::Share;
use vsoko_domain::analytics::year_compare::{
    Change, MeanShare, ResultRow, TaskKey, Tasks, Verdict, Work, YearComparison, YearFigures, compare_years,
};
use vsoko_i18n::Tr;
use vsoko_reports::analytics::{YearRow, YearTables};
use vsoko_store::Viewer;
use vsoko_store::assessment::read::{self, AssessmentResult, Procedure, Task};

/// The earlier work and the comparison.
pub struct YearEarlier {
    /// The same work a year earlier.
    pub procedure: Procedure,
    /// This work against it.
    pub comparison: YearComparison,
}

fn work(p: &Procedure, tasks: &[Task], rows: &[AssessmentResult]) -> Work {
    Work {
        year: p.exam_year,
        max_primary: p.max_primary,
        tasks: tasks
            .iter()
            .map(|t| TaskKey {
                code: t.code.clone(),
                max_score: t.max_score,
                skills: t
                    .skills
                    .iter()
                    .map(|s| s.code.clone())
                    .filter(|c| !c.is_empty())
                    .collect(),
            })
            .collect(),
        rows: rows
            .iter()
            .map(|r| ResultRow {
                mark: mark_u8(r.mark),
                primary: r.primary_score,
                scores: r.scores.clone(),
            })
            .collect(),
    }
}

/// Finds the same work a year earlier the viewer may see and compares `procedure` (its tasks
/// and the rows in scope) with it; None when there is none.
pub async fn load(
    state: &AppState,
    v: &Viewer,
    procedure: &Procedure,
    tasks: &[Task],
    rows: &[AssessmentResult],
) -> AppResult<Option<YearEarlier>> {
    let Some(earlier) = read::year_earlier(&state.db, v, procedure).await? else {
        return Ok(None);
    };
    let earlier_tasks = read::tasks_for(&state.db, v, &earlier).await?;
    let earlier_rows = read::results(&state.db, v, earlier.id).await?;
    let comparison = compare_years(
        &work(&earlier, &earlier_tasks, &earlier_rows),
        &work(procedure, tasks, rows),
    );
    Ok(Some(YearEarlier {
        procedure: earlier,
        comparison,
    }))
}

/// A year's line of the block.
pub struct YearLine {
    /// Year.
    pub year: i64,
    /// Participants.
    pub n: i64,
    /// Results with a mark.
    pub marked: i64,
    /// Per mark 2..=5: count and share.
    pub marks: Vec<(i64, String)>,
    /// Success rate and its interval.
    pub success: (String, String),
    /// Knowledge quality and its interval.
    pub quality: (String, String),
    /// The quality as a fraction for data attributes.
    pub quality_raw: String,
    /// Mean primary score, % of the maximum, its interval and n.
    pub mean_primary: (String, String, i64),
}

/// A change as text with its interval and verdict class ("up", "down", "same").
pub struct ChangeCell {
    /// "+5,0 п. п.".
    pub text: String,
    /// "−3,1…+13,1".
    pub ci: String,
    /// "up", "down" or "same".
    pub verdict: &'static str,
    /// The verdict in words.
    pub verdict_text: String,
    /// The change as a fraction for data attributes.
    pub raw: String,
}

/// A task side by side.
pub struct YearTaskLine {
    /// Code.
    pub code: String,
    /// Maximum.
    pub max: i64,
    /// Completion the earlier year and its interval.
    pub earlier: (String, String),
    /// Completion this year and its interval.
    pub later: (String, String),
    /// Fractions for data attributes.
    pub raw: (String, String),
    /// The change ("" when too few).
    pub change: Option<ChangeCell>,
}

/// The block.
pub struct YearBlock {
    /// Link to the earlier work's analysis.
    pub href: String,
    /// Its title.
    pub title: String,
    /// What is compared.
    pub hint: String,
    /// Earlier year, then this year.
    pub lines: Vec<YearLine>,
    /// Either year has too few participants: no changes.
    pub too_few: bool,
    /// Changes of the mark shares.
    pub mark_changes: Vec<Option<ChangeCell>>,
    /// Change of the success rate.
    pub success: Option<ChangeCell>,
    /// Change of the knowledge quality.
    pub quality: Option<ChangeCell>,
    /// Change of the mean primary share.
    pub mean_primary: Option<ChangeCell>,
    /// Tasks side by side (empty when not compared).
    pub tasks: Vec<YearTaskLine>,
    /// Why the tasks are not compared, or a note on how they were matched ("" for none).
    pub tasks_note: String,
    /// The tasks are not compared.
    pub tasks_not_compared: bool,
}

fn signed(tr: &Tr, x: f64) -> String {
    let sign = if x > 0.0 { "+" } else { "" };
    format!("{sign}{}", decimal(tr, x * 100.0, 1))
}

fn verdict(tr: &Tr, v: Verdict) -> (&'static str, String) {
    match v {
        Verdict::Higher => ("up", tr.t("year-compare-higher")),
        Verdict::Lower => ("down", tr.t("year-compare-lower")),
        Verdict::NotDistinguishable => ("same", tr.t("year-compare-same")),
    }
}

fn change_cell(tr: &Tr, c: &Change) -> ChangeCell {
    let (class, words) = verdict(tr, c.verdict());
    ChangeCell {
        text: pp(tr, c.delta),
        ci: format!("{}…{}", signed(tr, c.ci_low), signed(tr, c.ci_high)),
        verdict: class,
        verdict_text: words,
        raw: format!("{:.6}", c.delta),
    }
}

fn mean_ci(tr: &Tr, m: &MeanShare) -> String {
    match (m.ci_low, m.ci_high) {
        (Some(lo), Some(hi)) => format!("{}–{}", decimal(tr, lo * 100.0, 0), decimal(tr, hi * 100.0, 0)),
        _ => String::new(),
    }
}

fn raw(s: &Share) -> String {
    s.value.map_or_else(String::new, |x| format!("{x:.6}"))
}

fn year_line(tr: &Tr, f: &YearFigures) -> YearLine {
    YearLine {
        year: f.year,
        n: f.participants,
        marked: f.marked,
        marks: f
            .marks
            .iter()
            .zip(&f.mark_shares)
            .map(|(c, s)| (*c, pct(tr, *s)))
            .collect(),
        success: (pct(tr, f.success.value), ci(tr, &f.success)),
        quality: (pct(tr, f.quality.value), ci(tr, &f.quality)),
        quality_raw: raw(&f.quality),
        mean_primary: (
            pct(tr, f.mean_primary.value),
            mean_ci(tr, &f.mean_primary),
            f.mean_primary.n,
        ),
    }
}

/// What the page says about the tasks: why they are not compared, or that the codifier was
/// not checked.
fn tasks_note(tr: &Tr, t: &Tasks) -> String {
    match t {
        Tasks::NotCompared(m) => tr.msg(&m.msg()),
        Tasks::Compared {
            codifier_checked: false,
            ..
        } => tr.t("year-compare-codifier-unknown"),
        Tasks::Compared { .. } => String::new(),
    }
}

/// The block's lines.
pub fn block(tr: &Tr, y: &YearEarlier) -> YearBlock {
    let c = &y.comparison;
    YearBlock {
        href: format!("/assessments/{}/analysis", y.procedure.id),
        title: y.procedure.title.clone(),
        hint: tr.t("year-compare-hint"),
        lines: vec![year_line(tr, &c.earlier), year_line(tr, &c.later)],
        too_few: c.too_few,
        mark_changes: c
            .mark_share_changes
            .iter()
            .map(|d| d.as_ref().map(|d| change_cell(tr, d)))
            .collect(),
        success: c.success.as_ref().map(|x| change_cell(tr, x)),
        quality: c.quality.as_ref().map(|x| change_cell(tr, x)),
        mean_primary: c.mean_primary.as_ref().map(|x| change_cell(tr, x)),
        tasks: match &c.tasks {
            Tasks::Compared { tasks, .. } => tasks
                .iter()
                .map(|t| YearTaskLine {
                    code: t.code.clone(),
                    max: t.max_score,
                    earlier: (pct(tr, t.earlier.value), ci(tr, &t.earlier)),
                    later: (pct(tr, t.later.value), ci(tr, &t.later)),
                    raw: (raw(&t.earlier), raw(&t.later)),
                    change: t.change.as_ref().map(|x| change_cell(tr, x)),
                })
                .collect(),
            Tasks::NotCompared(_) => Vec::new(),
        },
        tasks_note: tasks_note(tr, &c.tasks),
        tasks_not_compared: matches!(c.tasks, Tasks::NotCompared(_)),
    }
}

/// The comparison as the analysis workbook's tables, with the page's figures.
pub fn tables(tr: &Tr, y: &YearEarlier) -> YearTables {
    let c = &y.comparison;
    let row = |label: String, f: &YearFigures| YearRow {
        label,
        change: false,
        n: f.participants,
        marked: f.marked,
        values: {
            let mut v: Vec<Option<f64>> = f.mark_shares.to_vec();
            v.extend([
                f.success.value,
                f.success.ci_low,
                f.success.ci_high,
                f.quality.value,
                f.quality.ci_low,
                f.quality.ci_high,
                f.mean_primary.value,
                f.mean_primary.ci_low,
                f.mean_primary.ci_high,
            ]);
            v
        },
        remark: String::new(),
    };
    let change_row = {
        let ch = |x: &Option<Change>| -> [Option<f64>; 3] {
            x.as_ref()
                .map_or([None; 3], |x| [Some(x.delta), Some(x.ci_low), Some(x.ci_high)])
        };
        let mut v: Vec<Option<f64>> = c.mark_share_changes.iter().map(|d| d.map(|d| d.delta)).collect();
        v.extend(ch(&c.success));
        v.extend(ch(&c.quality));
        v.extend(ch(&c.mean_primary));
        YearRow {
            label: tr.t("year-compare-change"),
            change: true,
            n: 0,
            marked: 0,
            values: v,
            remark: if c.too_few {
                tr.t("year-compare-too-few")
            } else {
                String::new()
            },
        }
    };
    YearTables {
        title: format!("{}: {}", tr.t("year-compare-title"), y.procedure.title),
        headers: crate::routes::download::headers(
            tr,
            &[
                "year-compare-year",
                "n",
                "compare-marked",
                "«2»",
                "«3»",
                "«4»",
                "«5»",
                "control-col-success",
                "year-compare-ci-low",
                "year-compare-ci-high",
                "control-col-quality",
                "year-compare-ci-low",
                "year-compare-ci-high",
                "compare-mean-primary",
                "year-compare-ci-low",
                "year-compare-ci-high",
                "compare-remark",
            ],
        ),
        rows: vec![
            row(c.earlier.year.to_string(), &c.earlier),
            row(c.later.year.to_string(), &c.later),
            change_row,
        ],
        note: tr.t("year-compare-hint"),
        tasks_title: tr.t("year-compare-tasks"),
        task_headers: vec![
            tr.t("analysis-task"),
            tr.t("analysis-max"),
            c.earlier.year.to_string(),
            c.later.year.to_string(),
            tr.t("year-compare-change"),
            tr.t("year-compare-ci-low"),
            tr.t("year-compare-ci-high"),
        ],
        tasks: match &c.tasks {
            Tasks::Compared { tasks, .. } => tasks
                .iter()
                .map(|t| {
                    (
                        t.code.clone(),
                        t.max_score,
                        [
                            t.earlier.value,
                            t.later.value,
                            t.change.map(|x| x.delta),
                            t.change.map(|x| x.ci_low),
                            t.change.map(|x| x.ci_high),
                        ],
                    )
                })
                .collect(),
            Tasks::NotCompared(_) => Vec::new(),
        },
        tasks_note: tasks_note(tr, &c.tasks),
    }
}
