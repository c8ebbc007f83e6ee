//! The analysis page's view model, built from the procedure, its tasks, the results in the
//! viewer's scope and the conversion table, through `vsoko_domain::analytics`.

use super::compare::{self, CompareLine};
use super::year::{self, YearBlock, YearEarlier};
use crate::chart_data;
use crate::page::PageCtx;
use crate::routes::control::decimal;
use askama::Template;
use askama_web::WebTemplate;
use vsoko_domain::analytics::assessment::{AssessmentInput, AssessmentReport, PupilScores, analyse};
use vsoko_domain::analytics::describe;
use vsoko_domain::analytics::items::{self, Level, ScoreMatrix, Status, TaskSpec, Thresholds, wilson};
use vsoko_domain::analytics::objectivity::Objectivity;
use vsoko_domain::assessment::{ConversionTable, Output};
use vsoko_i18n::Tr;
use vsoko_reports::analytics::MarksRow;
use vsoko_reports::charts::{
    Boundary, CompletionBar, CompletionChart, HistogramChart, SharesChart, SharesSeries, completion_svg, histogram_svg,
    shares_svg,
};
use vsoko_store::assessment::compare::{ComparedLevel, Comparison, Level as CmpLevel};
use vsoko_store::assessment::read::{AssessmentResult, Procedure, Task};

/// Groups below this many pupils (or pairs of marks) are "too few to judge" (ANALYTICS.md).
pub const MIN_N: usize = 10;

fn pct(tr: &Tr, x: Option<f64>) -> String {
    x.map_or_else(|| "—".into(), |x| format!("{} %", decimal(tr, x * 100.0, 1)))
}

fn pct0(tr: &Tr, x: f64) -> String {
    decimal(tr, x * 100.0, 0)
}

fn num(tr: &Tr, x: Option<f64>, places: usize) -> String {
    x.map_or_else(|| "—".into(), |x| decimal(tr, x, places))
}

pub(crate) fn status_class(s: Option<Status>) -> &'static str {
    match s {
        Some(Status::Deficit) => "deficit",
        Some(Status::Uncertain) => "uncertain",
        Some(Status::Ok) => "ok",
        None => "",
    }
}

pub(crate) fn level_text(level: &str) -> String {
    if level.is_empty() {
        "—".into()
    } else {
        level.to_string()
    }
}

/// A line of the marks table.
pub struct MarksLine {
    label: String,
    n: usize,
    /// Per mark 2..=5: how many, and their share.
    shares: Vec<(usize, String)>,
    mean_primary: String,
    mean_primary_ci: String,
    success: String,
    quality: String,
    quality_ci: String,
    small: bool,
}

/// A line of the objectivity table.
pub struct ObjectivityLine {
    label: String,
    n: usize,
    lowered: String,
    confirmed: String,
    raised: String,
    gap2: String,
    sign_p: String,
    kappa: String,
    spearman: String,
    flag: bool,
    small: bool,
}

/// A cell of the per-class completion columns.
pub struct ClassCell {
    text: String,
    class: &'static str,
}

/// A task line.
pub struct TaskLine {
    code: String,
    level: String,
    max: i64,
    skills: String,
    completion: String,
    ci: String,
    status: &'static str,
    completion_raw: String,
    item_rest: String,
    discrimination: String,
    by_class: Vec<ClassCell>,
    by_mark: Vec<String>,
    /// Completion in the municipality and region (filled by [`AnalysisPage::with_comparison`]).
    by_level: Vec<String>,
}

/// A skill (codifier) line.
pub struct SkillLine {
    skill: String,
    text: String,
    tasks: String,
    completion: String,
    ci: String,
    status: &'static str,
}

/// The page.
#[derive(Template, WebTemplate)]
#[template(path = "analysis/procedure.html")]
pub struct AnalysisPage {
    ctx: PageCtx,
    title: String,
    procedure_id: String,
    held_on: String,
    n: usize,
    classes: Vec<(String, bool)>,
    focus: Option<String>,
    small: bool,
    marks: Vec<MarksLine>,
    marks_chart: String,
    objectivity: Vec<ObjectivityLine>,
    tasks: Vec<TaskLine>,
    class_names: Vec<String>,
    mark_groups: Vec<(String, usize)>,
    tasks_chart: String,
    /// The task chart's data for ECharts (`crate::chart_data::completion`).
    tasks_data: String,
    skills: Vec<SkillLine>,
    reliability: String,
    histogram: String,
    /// The histogram's data for ECharts (`crate::chart_data::histogram`).
    histogram_data: String,
    conditional_note: bool,
    unknown_levels: bool,
    export_href: String,
    /// The comparison with the municipality and region (the administration only).
    comparison: Option<Vec<CompareLine>>,
    /// Heads of the task table's municipality and region columns, each with its n.
    level_heads: Vec<(String, i64, bool)>,
    /// The same work a year earlier, when the viewer sees one.
    year_earlier: Option<YearBlock>,
}

pub(crate) fn specs(tasks: &[Task]) -> Vec<TaskSpec> {
    tasks
        .iter()
        .map(|t| TaskSpec {
            code: t.code.clone(),
            max_score: t.max_score as f64,
            // Without a level the basic threshold applies (the page says so).
            level: Level::parse(&t.level).unwrap_or(Level::Basic),
            skills: t
                .skills
                .iter()
                .map(|s| {
                    if s.code.is_empty() {
                        s.text.clone()
                    } else {
                        s.code.clone()
                    }
                })
                .collect(),
        })
        .collect()
}

pub(crate) fn mark_u8(m: Option<i64>) -> Option<u8> {
    m.and_then(|m| u8::try_from(m).ok()).filter(|m| (2..=5).contains(m))
}

pub(crate) fn pupils(rows: &[&AssessmentResult], k: usize) -> Vec<PupilScores> {
    rows.iter()
        .map(|r| PupilScores {
            pupil: r.participant_code.clone(),
            class: r.class_name.clone(),
            scores: (0..k)
                .map(|i| r.scores.get(i).copied().flatten().unwrap_or(0) as f64)
                .collect(),
            mark: mark_u8(r.mark),
            journal_mark: mark_u8(r.journal_mark),
        })
        .collect()
}

/// The 95 % t-interval of a mean (none below two values).
fn mean_ci(x: &[f64]) -> Option<(f64, f64)> {
    let m = describe::mean(x)?;
    let df = x.len().checked_sub(1).filter(|&d| d > 0)? as f64;
    let half = describe::t_quantile(0.975, df)? * (describe::sample_variance(x)? / x.len() as f64).sqrt();
    Some((m - half, m + half))
}

/// The marks of a group as numbers (the page and the XLSX export).
pub(crate) fn marks_row(label: String, rows: &[&AssessmentResult]) -> MarksRow {
    let marks: Vec<u8> = rows.iter().filter_map(|r| mark_u8(r.mark)).collect();
    let primary: Vec<f64> = rows.iter().filter_map(|r| r.primary_score).map(|s| s as f64).collect();
    let n = marks.len();
    let count = |m: u8| marks.iter().filter(|&&x| x == m).count();
    let share = |k: usize| (n > 0).then(|| k as f64 / n as f64);
    MarksRow {
        label,
        n,
        counts: [2u8, 3, 4, 5].map(count),
        shares: [2u8, 3, 4, 5].map(|m| share(count(m))),
        mean_primary: describe::mean(&primary),
        mean_primary_ci: mean_ci(&primary),
        success: share(n - count(2)),
        quality: share(count(4) + count(5)),
    }
}

fn marks_line(tr: &Tr, label: String, rows: &[&AssessmentResult]) -> MarksLine {
    let m = marks_row(label, rows);
    MarksLine {
        shares: m.counts.iter().zip(&m.shares).map(|(c, s)| (*c, pct(tr, *s))).collect(),
        mean_primary: num(tr, m.mean_primary, 1),
        mean_primary_ci: m.mean_primary_ci.map_or_else(String::new, |(lo, hi)| {
            format!("{}–{}", decimal(tr, lo, 1), decimal(tr, hi, 1))
        }),
        success: pct(tr, m.success),
        quality: pct(tr, m.quality),
        quality_ci: m
            .quality
            .and_then(|q| wilson(q * m.n as f64, m.n))
            .map_or_else(String::new, |(lo, hi)| format!("{}–{}", pct0(tr, lo), pct0(tr, hi))),
        small: m.n < MIN_N,
        n: m.n,
        label: m.label,
    }
}

fn objectivity_line(tr: &Tr, label: String, o: Option<&Objectivity>) -> Option<ObjectivityLine> {
    let o = o?;
    let kappa = match (o.kappa_quadratic, o.kappa_quadratic_se) {
        (Some(k), Some(se)) => format!("{} ± {}", decimal(tr, k, 2), decimal(tr, 1.96 * se, 2)),
        (Some(k), None) => decimal(tr, k, 2),
        _ => "—".into(),
    };
    Some(ObjectivityLine {
        label,
        n: o.n,
        lowered: pct(tr, Some(o.lowered)),
        confirmed: pct(tr, Some(o.confirmed)),
        raised: pct(tr, Some(o.raised)),
        gap2: pct(tr, Some(o.gap_2_or_more)),
        sign_p: if o.sign_test_p < 0.001 {
            format!("< {}", decimal(tr, 0.001, 3))
        } else {
            decimal(tr, o.sign_test_p, 3)
        },
        kappa,
        spearman: num(tr, o.spearman, 2),
        flag: o.flag_lenient(),
        small: o.n < MIN_N,
    })
}

impl AnalysisPage {
    /// Builds the page.
    pub fn new(
        ctx: PageCtx,
        procedure: &Procedure,
        tasks: &[Task],
        rows: &[AssessmentResult],
        conversion: Option<&ConversionTable>,
        focus: Option<String>,
    ) -> AnalysisPage {
        let tr = ctx.tr.clone();
        let thr = Thresholds::default();
        let specs = specs(tasks);
        let k = specs.len();
        let all: Vec<&AssessmentResult> = rows.iter().collect();
        let report: AssessmentReport = analyse(
            &AssessmentInput {
                tasks: specs.clone(),
                pupils: pupils(&all, k),
            },
            &thr,
        );
        let in_focus: Vec<&AssessmentResult> = match &focus {
            Some(c) => rows.iter().filter(|r| &r.class_name == c).collect(),
            None => all.clone(),
        };
        let class_names: Vec<String> = report.classes.iter().map(|c| c.class.clone()).collect();
        let (focus_tasks, focus_skills) = match &focus {
            Some(c) => report
                .classes
                .iter()
                .find(|r| &r.class == c)
                .map(|r| (r.tasks.clone(), r.skills.clone()))
                .unwrap_or_default(),
            None => (report.tasks.clone(), report.skills.clone()),
        };

        // Marks: every class, then all.
        let mut marks: Vec<MarksLine> = class_names
            .iter()
            .map(|c| {
                let part: Vec<&AssessmentResult> = rows.iter().filter(|r| &r.class_name == c).collect();
                marks_line(&tr, c.clone(), &part)
            })
            .collect();
        marks.push(marks_line(&tr, tr.t("analysis-all"), &all));

        let mut objectivity: Vec<ObjectivityLine> = report
            .classes
            .iter()
            .filter_map(|c| objectivity_line(&tr, c.class.clone(), c.objectivity.as_ref()))
            .collect();
        objectivity.extend(objectivity_line(&tr, tr.t("analysis-all"), report.objectivity.as_ref()));

        // Task completion by the pupils' mark for the work (ФИС ОКО "группы участников").
        let focus_pupils = pupils(&in_focus, k);
        let mut mark_groups = Vec::new();
        let mut by_mark_cols: Vec<Vec<String>> = Vec::new();
        for m in 2u8..=5 {
            let group: Vec<&[f64]> = focus_pupils
                .iter()
                .filter(|p| p.mark == Some(m))
                .map(|p| p.scores.as_slice())
                .collect();
            mark_groups.push((m.to_string(), group.len()));
            let res = items::tasks(&specs, ScoreMatrix { rows: &group }, &thr);
            by_mark_cols.push(res.iter().map(|t| pct(&tr, t.completion)).collect());
        }

        let task_lines: Vec<TaskLine> = focus_tasks
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let task = tasks.get(i);
                TaskLine {
                    code: t.task.clone(),
                    level: level_text(task.map_or("", |t| t.level.as_str())),
                    max: task.map_or(0, |t| t.max_score),
                    skills: task
                        .map(|t| {
                            t.skills
                                .iter()
                                .map(|s| s.code.clone())
                                .filter(|c| !c.is_empty())
                                .collect::<Vec<_>>()
                                .join(", ")
                        })
                        .unwrap_or_default(),
                    completion: pct(&tr, t.completion),
                    ci: match (t.ci_low, t.ci_high) {
                        (Some(lo), Some(hi)) => format!("{}–{}", pct0(&tr, lo), pct0(&tr, hi)),
                        _ => String::new(),
                    },
                    status: status_class(t.status),
                    completion_raw: t.completion.map_or_else(String::new, |c| format!("{c:.6}")),
                    item_rest: num(&tr, t.item_rest_r, 2),
                    discrimination: num(&tr, t.discrimination_27, 2),
                    by_class: report
                        .classes
                        .iter()
                        .map(|c| {
                            let ct = c.tasks.get(i);
                            ClassCell {
                                text: pct(&tr, ct.and_then(|x| x.completion)),
                                class: status_class(ct.and_then(|x| x.status)),
                            }
                        })
                        .collect(),
                    by_mark: by_mark_cols
                        .iter()
                        .map(|col| col.get(i).cloned().unwrap_or_default())
                        .collect(),
                    by_level: Vec::new(),
                }
            })
            .collect();

        let skill_text = |code: &str| -> String {
            tasks
                .iter()
                .flat_map(|t| t.skills.iter())
                .find(|s| s.code == code || (s.code.is_empty() && s.text == code))
                .map(|s| s.text.clone())
                .unwrap_or_default()
        };
        let skills: Vec<SkillLine> = focus_skills
            .iter()
            .map(|s| SkillLine {
                text: skill_text(&s.skill),
                skill: s.skill.clone(),
                tasks: s.tasks.join(", "),
                completion: pct(&tr, s.completion),
                ci: match (s.ci_low, s.ci_high) {
                    (Some(lo), Some(hi)) => format!("{}–{}", pct0(&tr, lo), pct0(&tr, hi)),
                    _ => String::new(),
                },
                status: status_class(s.status),
            })
            .collect();

        let rel = &report.reliability;
        let reliability = match (rel.alpha, rel.alpha_ci_low, rel.alpha_ci_high, rel.sem) {
            (Some(a), Some(lo), Some(hi), Some(sem)) => format!(
                "α = {} [{}–{}], SEM = {}",
                decimal(&tr, a, 2),
                decimal(&tr, lo, 2),
                decimal(&tr, hi, 2),
                decimal(&tr, sem, 2)
            ),
            (Some(a), _, _, _) => format!("α = {}", decimal(&tr, a, 2)),
            _ => tr.t("analysis-reliability-none"),
        };

        let focus_label = focus.clone().unwrap_or_else(|| tr.t("analysis-all"));
        let n_focus = in_focus.len();
        let marks_chart = {
            let share_of = |part: &[&AssessmentResult]| -> (Vec<f64>, usize) {
                let ms: Vec<u8> = part.iter().filter_map(|r| mark_u8(r.mark)).collect();
                let n = ms.len();
                (
                    (2..=5)
                        .map(|m| {
                            if n > 0 {
                                ms.iter().filter(|&&x| x == m).count() as f64 / n as f64
                            } else {
                                0.0
                            }
                        })
                        .collect(),
                    n,
                )
            };
            let (s, n) = share_of(&in_focus);
            let mut series = vec![SharesSeries {
                label: format!("{focus_label} (n = {n})"),
                shares: s,
            }];
            if focus.is_some() {
                let (s, n) = share_of(&all);
                series.push(SharesSeries {
                    label: format!("{} (n = {n})", tr.t("analysis-all")),
                    shares: s,
                });
            }
            shares_svg(
                &SharesChart {
                    caption: tr.t("analysis-marks-chart"),
                    y_label: "%".into(),
                    categories: ["2", "3", "4", "5"].map(String::from).to_vec(),
                    series,
                },
                560,
                260,
            )
            .unwrap_or_default()
        };
        let completion = CompletionChart {
            caption: format!("{} ({focus_label}, n = {n_focus})", tr.t("analysis-tasks-chart")),
            y_label: "%".into(),
            bars: focus_tasks
                .iter()
                .map(|t| CompletionBar {
                    label: t.task.clone(),
                    value: t.completion.unwrap_or(0.0),
                    ci_low: t.ci_low.unwrap_or(0.0),
                    ci_high: t.ci_high.unwrap_or(0.0),
                    status: match t.status {
                        Some(Status::Deficit) => vsoko_reports::charts::Status::Deficit,
                        Some(Status::Ok) => vsoko_reports::charts::Status::Ok,
                        _ => vsoko_reports::charts::Status::Uncertain,
                    },
                })
                .collect(),
            thresholds: vec![
                (
                    thr.basic,
                    format!("{} {} %", tr.t("analysis-level-basic"), pct0(&tr, thr.basic)),
                ),
                (
                    thr.advanced,
                    format!("{} {} %", tr.t("analysis-level-advanced"), pct0(&tr, thr.advanced)),
                ),
            ],
        };
        let tasks_chart = completion_svg(&completion, 760, 300).unwrap_or_default();
        let tasks_data = chart_data::completion(&completion, n_focus, &tr.t("results-col-ci"));
        let max_primary = usize::try_from(procedure.max_primary).unwrap_or(0);
        let mut counts = vec![0u32; max_primary + 1];
        for r in &in_focus {
            if let Some(s) = r.primary_score.and_then(|s| usize::try_from(s).ok())
                && let Some(c) = counts.get_mut(s)
            {
                *c += 1;
            }
        }
        let mut conditional_note = false;
        let boundaries: Vec<Boundary> = conversion
            .filter(|c| c.output == Output::Mark)
            .map(|c| {
                c.bands
                    .iter()
                    .filter(|b| b.mark >= 3)
                    .map(|b| {
                        let conditional = !b.conditions.is_empty();
                        conditional_note |= conditional;
                        Boundary {
                            score: b.min,
                            label: format!("«{}»{}", b.mark, if conditional { "*" } else { "" }),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let histogram_chart = HistogramChart {
            caption: format!("{} ({focus_label}, n = {n_focus})", tr.t("analysis-histogram")),
            x_label: tr.t("analysis-primary-score"),
            y_label: tr.t("analysis-participants"),
            counts,
            boundaries,
        };
        let histogram = histogram_svg(&histogram_chart, 760, 300).unwrap_or_default();
        let histogram_data = chart_data::histogram(&histogram_chart);

        let export_href = format!(
            "/assessments/{}/analysis.xlsx{}",
            procedure.id,
            focus
                .as_deref()
                .map(|c| format!("?class={}", crate::routes::download::percent_encode(c)))
                .unwrap_or_default()
        );
        AnalysisPage {
            title: procedure.title.clone(),
            procedure_id: procedure.id.to_string(),
            held_on: procedure.held_on.map(crate::forms::format_date).unwrap_or_default(),
            n: report.n,
            classes: class_names
                .iter()
                .map(|c| (c.clone(), focus.as_deref() == Some(c.as_str())))
                .collect(),
            small: n_focus < MIN_N,
            focus,
            marks,
            marks_chart,
            objectivity,
            tasks: task_lines,
            class_names,
            mark_groups,
            tasks_chart,
            tasks_data,
            skills,
            reliability,
            histogram,
            histogram_data,
            conditional_note,
            unknown_levels: tasks.iter().any(|t| t.level.is_empty()),
            export_href,
            comparison: None,
            level_heads: Vec::new(),
            year_earlier: None,
            ctx,
        }
    }

    /// Adds the comparison with the municipality and region: the block and, in the task
    /// table, a column per level with its n.
    pub fn with_comparison(mut self, c: Option<Comparison>) -> AnalysisPage {
        let Some(c) = c else {
            return self;
        };
        let tr = self.ctx.tr.clone();
        let peers: Vec<&ComparedLevel> = c.levels.iter().filter(|l| l.level != CmpLevel::School).collect();
        self.level_heads = peers
            .iter()
            .map(|l| {
                (
                    compare::level_label(&tr, l.level),
                    l.figures.participants,
                    l.figures.too_few,
                )
            })
            .collect();
        for t in &mut self.tasks {
            t.by_level = peers
                .iter()
                .map(|l| compare::task_cell(&tr, &l.figures, &t.code))
                .collect();
        }
        self.comparison = Some(compare::lines(&tr, &c));
        self
    }

    /// Adds the block with the same work a year earlier.
    pub fn with_year_earlier(mut self, y: Option<&YearEarlier>) -> AnalysisPage {
        self.year_earlier = y.map(|y| year::block(&self.ctx.tr, y));
        self
    }
}
