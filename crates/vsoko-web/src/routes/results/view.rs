//! The results page's view: metrics with n, the 95 % interval of the knowledge quality,
//! the change since the previous period (judged only when both sides have enough pupils),
//! and a server-side chart of the marks distribution.

use super::signals::Signals;
use crate::page::PageCtx;
use crate::routes::control::decimal;
use askama::Template;
use askama_web::WebTemplate;
use std::collections::BTreeMap;
use uuid::Uuid;
use vsoko_domain::analytics::items::wilson;
use vsoko_domain::analytics::quality::{Change, dynamics, group_metrics};
use vsoko_domain::journal::{MarkCounts, Metrics, SouLowWeight};
use vsoko_i18n::Tr;
use vsoko_reports::analytics::{ResultsRow, ResultsSheet, ResultsTable};
use vsoko_reports::charts::{SharesChart, SharesSeries, shares_svg};
use vsoko_store::results::ResultRow;
use vsoko_store::structure::years::Period;

/// Below this many pupils (term marks) a group's change is not judged and its interval is
/// wide: the page says "too few to judge" (ANALYTICS.md §1.6).
pub const MIN_N: i64 = 10;

/// A change of the knowledge quality this large (in shares) with enough pupils on both sides
/// is pointed out.
pub const NOTABLE_CHANGE: f64 = 0.10;

/// What the page drills into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The whole scope: tables by class and by subject.
    School,
    /// One class: its subjects.
    Class(Uuid),
    /// One subject: its classes.
    Subject(Uuid),
}

/// Whether the page counts term marks or, before any are set, the current marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Basis {
    Terms,
    Current,
}

fn counts(r: &ResultRow, basis: Basis) -> MarkCounts {
    match basis {
        Basis::Terms => r.terms(),
        Basis::Current => r.current(),
    }
}

fn percent(tr: &Tr, x: Option<f64>) -> String {
    x.map_or_else(|| "—".into(), |x| format!("{} %", decimal(tr, x * 100.0, 1)))
}

/// One line of a table.
pub struct Line {
    label: String,
    href: Option<String>,
    n: i64,
    success: String,
    quality: String,
    quality_ci: String,
    sou: String,
    mean: String,
    mean_n: i64,
    change: String,
    change_class: &'static str,
    n_before: i64,
    small: bool,
    /// Raw values for tests and scripts (data-* attributes).
    quality_raw: String,
    success_raw: String,
    /// The metrics, interval and judged change as numbers (the XLSX export).
    metrics: Metrics,
    ci: Option<(f64, f64)>,
    delta: Option<f64>,
}

fn line(tr: &Tr, label: String, href: Option<String>, now: &MarkCounts, before: Option<&MarkCounts>) -> Line {
    let m: Metrics = group_metrics([now], SouLowWeight::default());
    let ci = m
        .knowledge_quality
        .and_then(|q| wilson(q * m.n as f64, usize::try_from(m.n).unwrap_or(0)));
    let small = m.n < MIN_N;
    let (change, change_class, n_before, delta) = match before {
        Some(b) => {
            let mb = group_metrics([b], SouLowWeight::default());
            let d = dynamics(&mb, &m);
            let (text, class, n) = describe_change(tr, &d.knowledge_quality);
            let judged = d.knowledge_quality.n_before >= MIN_N && d.knowledge_quality.n_after >= MIN_N;
            (text, class, n, d.knowledge_quality.delta.filter(|_| judged))
        }
        None => (tr.t("results-no-previous"), "muted", 0, None),
    };
    Line {
        label,
        href,
        n: m.n,
        success: percent(tr, m.success_rate),
        quality: percent(tr, m.knowledge_quality),
        quality_ci: ci.map_or_else(String::new, |(lo, hi)| {
            format!("{}–{}", decimal(tr, lo * 100.0, 0), decimal(tr, hi * 100.0, 0))
        }),
        sou: m.degree_of_learning.map_or_else(|| "—".into(), |s| decimal(tr, s, 1)),
        mean: m.mean_mark.map_or_else(|| "—".into(), |x| decimal(tr, x, 2)),
        mean_n: m.mean_n,
        change,
        change_class,
        n_before,
        small,
        quality_raw: m.knowledge_quality.map_or_else(String::new, |q| format!("{q:.6}")),
        success_raw: m.success_rate.map_or_else(String::new, |q| format!("{q:.6}")),
        ci: if small { None } else { ci },
        delta,
        metrics: m,
    }
}

/// The change of the knowledge quality in percentage points, judged only with enough pupils
/// on both sides.
fn describe_change(tr: &Tr, c: &Change) -> (String, &'static str, i64) {
    let Some(delta) = c.delta else {
        return (tr.t("results-no-previous"), "muted", c.n_before);
    };
    if c.n_before < MIN_N || c.n_after < MIN_N {
        return (tr.t("results-too-few"), "muted", c.n_before);
    }
    let pp = delta * 100.0;
    let text = format!(
        "{}{} {}",
        if pp > 0.0 { "+" } else { "" },
        decimal(tr, pp, 1),
        tr.t("results-pp")
    );
    let class = if delta <= -NOTABLE_CHANGE {
        "down"
    } else if delta >= NOTABLE_CHANGE {
        "up"
    } else {
        ""
    };
    (text, class, c.n_before)
}

/// A period of the selector.
pub struct PeriodOption {
    id: Uuid,
    label: String,
    selected: bool,
}

fn period_label(tr: &Tr, p: &Period) -> String {
    tr.n(&format!("structure-period-{}", p.kind), "n", p.idx)
}

/// The page.
#[derive(Template, WebTemplate)]
#[template(path = "results/index.html")]
pub struct ResultsPage {
    ctx: PageCtx,
    title: String,
    has_period: bool,
    period_id: String,
    period_label: String,
    previous_label: String,
    /// Whether the change is against the same period of the year before.
    versus_year: bool,
    periods: Vec<PeriodOption>,
    by_terms: bool,
    focus_label: String,
    total: Option<Line>,
    tables: Vec<Table>,
    chart: String,
    procedures: Vec<ProcedureLink>,
    signals: Option<Signals>,
    export_query: String,
}

/// An assessment procedure in scope, linking to its analysis.
pub struct ProcedureLink {
    href: String,
    title: String,
    n: i64,
}

/// A table of lines ("by class", "by subject").
pub struct Table {
    id: &'static str,
    title: String,
    lines: Vec<Line>,
}

fn sum<'a>(rows: impl IntoIterator<Item = &'a ResultRow>, basis: Basis) -> MarkCounts {
    rows.into_iter()
        .fold(MarkCounts::default(), |acc, r| acc.merge(counts(r, basis)))
}

/// Groups rows by a key (in first-seen order of the sorted rows) and sums their counters.
fn grouped<'a, K: Ord + Copy>(
    rows: impl IntoIterator<Item = &'a ResultRow>,
    key: impl Fn(&ResultRow) -> K,
    label: impl Fn(&ResultRow) -> String,
    basis: Basis,
) -> Vec<(K, String, MarkCounts)> {
    let mut order: Vec<K> = Vec::new();
    let mut by: BTreeMap<K, (String, MarkCounts)> = BTreeMap::new();
    for r in rows {
        let k = key(r);
        let e = by.entry(k).or_insert_with(|| {
            order.push(k);
            (label(r), MarkCounts::default())
        });
        e.1 = e.1.merge(counts(r, basis));
    }
    order
        .into_iter()
        .filter_map(|k| by.remove(&k).map(|(l, c)| (k, l, c)))
        .collect()
}

impl ResultsPage {
    /// No current year or period yet.
    pub fn empty(ctx: PageCtx) -> ResultsPage {
        let title = ctx.tr.t("results-title");
        ResultsPage {
            ctx,
            title,
            has_period: false,
            period_id: String::new(),
            period_label: String::new(),
            previous_label: String::new(),
            versus_year: false,
            periods: Vec::new(),
            by_terms: true,
            focus_label: String::new(),
            total: None,
            tables: Vec::new(),
            chart: String::new(),
            procedures: Vec::new(),
            signals: None,
            export_query: String::new(),
        }
    }

    /// Adds the overview of the latest procedures (school focus only).
    pub fn with_signals(mut self, signals: Signals) -> ResultsPage {
        self.signals = Some(signals);
        self
    }

    /// Sets the query string of the XLSX link (the same period and focus).
    pub fn with_export_query(mut self, query: String) -> ResultsPage {
        self.export_query = query;
        self
    }

    /// The tables as the XLSX export writes them: the focus line, then each table.
    pub fn sheet(&self) -> ResultsSheet {
        let tr = &self.ctx.tr;
        let row = |l: &Line| ResultsRow {
            label: l.label.clone(),
            n: l.n,
            success: l.metrics.success_rate,
            quality: l.metrics.knowledge_quality,
            quality_ci_low: l.ci.map(|c| c.0),
            quality_ci_high: l.ci.map(|c| c.1),
            sou: l.metrics.degree_of_learning,
            mean: l.metrics.mean_mark,
            mean_n: l.metrics.mean_n,
            change_pp: l.delta.map(|d| d * 100.0),
            change_text: l.change.clone(),
            n_before: l.n_before,
        };
        let mut tables: Vec<ResultsTable> = self
            .total
            .iter()
            .map(|t| ResultsTable {
                title: tr.t("results-total"),
                rows: vec![row(t)],
            })
            .collect();
        tables.extend(self.tables.iter().map(|t| ResultsTable {
            title: t.title.clone(),
            rows: t.lines.iter().map(row).collect(),
        }));
        ResultsSheet {
            sheet_name: tr.t("results-sheet"),
            title: if self.focus_label.is_empty() {
                self.title.clone()
            } else {
                format!("{}: {}", self.title, self.focus_label)
            },
            subtitle: format!(
                "{}. {}",
                self.period_label,
                tr.t(if self.by_terms {
                    "results-basis-terms"
                } else {
                    "results-basis-current"
                })
            ),
            headers: crate::routes::download::headers(
                tr,
                &[
                    "",
                    "n",
                    "control-col-success",
                    "control-col-quality",
                    "results-col-ci-low",
                    "results-col-ci-high",
                    "control-col-sou",
                    "control-col-mean",
                    "results-col-mean-n",
                    "results-col-change-pp",
                    "results-col-change",
                    "results-col-n-before",
                ],
            ),
            tables,
            note: tr.t("results-support"),
            extra: Vec::new(),
        }
    }

    /// Marks the change as against the same period of the year before (`year_name`, e.g.
    /// "2025/2026", when that year and period exist).
    pub fn versus_year(mut self, on: bool, year_name: Option<String>) -> ResultsPage {
        self.versus_year = on;
        if let Some(name) = year_name
            && !self.previous_label.is_empty()
        {
            self.previous_label = format!("{} {name}", self.previous_label);
        }
        self
    }

    /// Adds the assessment procedures the viewer may analyse.
    pub fn with_procedures(mut self, procedures: Vec<vsoko_store::assessment::read::Procedure>) -> ResultsPage {
        self.procedures = procedures
            .into_iter()
            .map(|p| ProcedureLink {
                href: format!("/assessments/{}/analysis", p.id),
                title: p.title,
                n: p.results,
            })
            .collect();
        self
    }

    /// The page for a period, the viewer's rows in it and in the previous period, and a focus.
    pub fn new(
        ctx: PageCtx,
        period: &Period,
        periods: &[Period],
        rows: Vec<ResultRow>,
        before: Option<(Vec<ResultRow>, Period)>,
        focus: Focus,
    ) -> ResultsPage {
        let tr = ctx.tr.clone();
        let basis = if rows.iter().any(|r| r.terms() != MarkCounts::default()) {
            Basis::Terms
        } else {
            Basis::Current
        };
        let rows: Vec<ResultRow> = rows.into_iter().filter(ResultRow::has_data).collect();
        let prev_rows: Vec<ResultRow> = before.as_ref().map(|(r, _)| r.clone()).unwrap_or_default();
        let has_before = before.is_some();
        let prev_of = |f: &dyn Fn(&ResultRow) -> bool| -> Option<MarkCounts> {
            has_before.then(|| sum(prev_rows.iter().filter(|r| f(r)), basis))
        };
        let pid = period.id;
        let mut page = ResultsPage::empty(ctx);
        page.has_period = true;
        page.period_id = pid.to_string();
        page.period_label = period_label(&tr, period);
        page.previous_label = before.as_ref().map(|(_, p)| period_label(&tr, p)).unwrap_or_default();
        page.by_terms = basis == Basis::Terms;
        page.periods = periods
            .iter()
            .map(|p| PeriodOption {
                id: p.id,
                label: period_label(&tr, p),
                selected: p.id == pid,
            })
            .collect();
        let school_counts = sum(&rows, basis);
        let (scope, focus_counts, focus_label): (Vec<&ResultRow>, MarkCounts, String) = match focus {
            Focus::School => (rows.iter().collect(), school_counts, tr.t("results-scope-all")),
            Focus::Class(c) => {
                let part: Vec<&ResultRow> = rows.iter().filter(|r| r.class_id == c).collect();
                let label = part.first().map(|r| r.class_name.clone()).unwrap_or_default();
                let sum = sum(part.iter().copied(), basis);
                (part, sum, label)
            }
            Focus::Subject(s) => {
                let part: Vec<&ResultRow> = rows.iter().filter(|r| r.subject_id == s).collect();
                let label = part.first().map(|r| r.subject_name.clone()).unwrap_or_default();
                let sum = sum(part.iter().copied(), basis);
                (part, sum, label)
            }
        };
        let focus_prev = prev_of(&|r: &ResultRow| match focus {
            Focus::School => true,
            Focus::Class(c) => r.class_id == c,
            Focus::Subject(s) => r.subject_id == s,
        });
        page.total = Some(line(&tr, focus_label.clone(), None, &focus_counts, focus_prev.as_ref()));
        page.focus_label = if focus == Focus::School {
            String::new()
        } else {
            focus_label.clone()
        };
        let by_class = |part: &[&ResultRow], subject: Option<Uuid>| -> Vec<Line> {
            grouped(part.iter().copied(), |r| r.class_id, |r| r.class_name.clone(), basis)
                .into_iter()
                .map(|(class, label, c)| {
                    let href = match subject {
                        Some(s) => format!("/journal/{class}/{s}?period={pid}"),
                        None => format!("/results?period={pid}&class={class}"),
                    };
                    let prev =
                        prev_of(&|r: &ResultRow| r.class_id == class && subject.is_none_or(|s| r.subject_id == s));
                    line(&tr, label, Some(href), &c, prev.as_ref())
                })
                .collect()
        };
        let by_subject = |part: &[&ResultRow], class: Option<Uuid>| -> Vec<Line> {
            let mut groups = grouped(
                part.iter().copied(),
                |r| r.subject_id,
                |r| r.subject_name.clone(),
                basis,
            );
            groups.sort_by(|a, b| a.1.cmp(&b.1));
            groups
                .into_iter()
                .map(|(subject, label, c)| {
                    let href = match class {
                        Some(k) => format!("/journal/{k}/{subject}?period={pid}"),
                        None => format!("/results?period={pid}&subject={subject}"),
                    };
                    let prev =
                        prev_of(&|r: &ResultRow| r.subject_id == subject && class.is_none_or(|k| r.class_id == k));
                    line(&tr, label, Some(href), &c, prev.as_ref())
                })
                .collect()
        };
        match focus {
            Focus::School => {
                page.tables = vec![
                    Table {
                        id: "classes",
                        title: tr.t("results-by-class"),
                        lines: by_class(&scope, None),
                    },
                    Table {
                        id: "subjects",
                        title: tr.t("results-by-subject"),
                        lines: by_subject(&scope, None),
                    },
                ];
            }
            Focus::Class(c) => {
                page.tables = vec![Table {
                    id: "subjects",
                    title: tr.t("results-by-subject"),
                    lines: by_subject(&scope, Some(c)),
                }];
            }
            Focus::Subject(s) => {
                page.tables = vec![Table {
                    id: "classes",
                    title: tr.t("results-by-class"),
                    lines: by_class(&scope, Some(s)),
                }];
            }
        }
        page.chart = distribution_chart(
            &tr,
            &focus_label,
            &focus_counts,
            focus != Focus::School,
            &school_counts,
            basis,
        );
        page
    }
}

/// Shares of 2, 3, 4, 5 (and н/а for term marks) of the focus beside the whole scope.
fn distribution_chart(
    tr: &Tr,
    label: &str,
    focus: &MarkCounts,
    compare: bool,
    all: &MarkCounts,
    basis: Basis,
) -> String {
    let with_na = basis == Basis::Terms;
    let shares = |c: &MarkCounts| -> (Vec<f64>, i64) {
        let mut parts = vec![c.n2 + c.n1, c.n3, c.n4, c.n5];
        if with_na {
            parts.insert(0, c.na);
        }
        let n: i64 = parts.iter().sum();
        let shares = parts
            .iter()
            .map(|&k| if n > 0 { k as f64 / n as f64 } else { 0.0 })
            .collect();
        (shares, n)
    };
    let mut categories: Vec<String> = ["2", "3", "4", "5"].map(String::from).to_vec();
    if with_na {
        categories.insert(0, tr.t("results-na"));
    }
    let (s, n) = shares(focus);
    let mut series = vec![SharesSeries {
        label: format!("{label} (n = {n})"),
        shares: s,
    }];
    if compare {
        let (s, n) = shares(all);
        series.push(SharesSeries {
            label: format!("{} (n = {n})", tr.t("results-scope-all")),
            shares: s,
        });
    }
    let chart = SharesChart {
        caption: tr.t(if with_na {
            "results-chart-terms"
        } else {
            "results-chart-current"
        }),
        y_label: "%".into(),
        categories,
        series,
    };
    shares_svg(&chart, 560, 260).unwrap_or_default()
}
