//! The value-added page's view model: the fitted model, one line per class (and, for those
//! allowed, per teacher) with n, the empirical-Bayes effect and its 95 % interval, the
//! reliability, the residual gain and its interval, and a verdict that never ranks groups
//! whose interval holds 0. Rows keep the class (teacher) order, never an order by effect.

use crate::page::PageCtx;
use crate::routes::control::decimal;
use askama::Template;
use askama_web::WebTemplate;
use std::collections::BTreeMap;
use uuid::Uuid;
use vsoko_domain::analytics::value_added::{VaClass, VaError, VaPupil, VaReport, VaWarning, value_added};
use vsoko_i18n::Tr;
use vsoko_reports::analytics::{VaModelRow, VaRow, ValueAddedSheet};
use vsoko_store::assessment::value_added::{ClassTeacher, LinkedPair, PairSuggestion};

/// How a group's effect compares with the school.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Fewer than 10 pupils: no estimate.
    TooFew,
    /// The interval holds 0.
    AsSchool,
    /// The whole interval is above 0.
    Above,
    /// The whole interval is below 0.
    Below,
}

impl Verdict {
    fn of(c: &VaClass) -> Verdict {
        match (c.ci_low, c.ci_high) {
            (Some(lo), _) if lo > 0.0 => Verdict::Above,
            (_, Some(hi)) if hi < 0.0 => Verdict::Below,
            (Some(_), Some(_)) => Verdict::AsSchool,
            _ => Verdict::TooFew,
        }
    }

    /// Code used in CSS classes, data attributes and text keys.
    pub fn code(self) -> &'static str {
        match self {
            Verdict::TooFew => "too-few",
            Verdict::AsSchool => "as-school",
            Verdict::Above => "above",
            Verdict::Below => "below",
        }
    }
}

/// One group's line, with display texts and raw values.
pub struct VaLine {
    /// Class or teacher.
    pub label: String,
    /// Pupils.
    pub n: usize,
    /// EB effect (None below 10 pupils).
    pub effect: Option<f64>,
    /// Its interval.
    pub ci: Option<(f64, f64)>,
    /// Reliability λ.
    pub reliability: f64,
    /// Residual gain.
    pub gain: Option<f64>,
    /// Its interval.
    pub gain_ci: Option<(f64, f64)>,
    /// 10–19 pupils.
    pub low_reliability: bool,
    /// Verdict against the school.
    pub verdict: Verdict,
    /// Verdict text.
    pub verdict_text: String,
    /// Shown text.
    pub effect_text: String,
    /// Shown text.
    pub ci_text: String,
    /// Shown text.
    pub reliability_text: String,
    /// Shown text.
    pub gain_text: String,
    /// Shown text.
    pub gain_ci_text: String,
    /// Shown text.
    pub effect_raw: String,
}

fn interval(tr: &Tr, ci: Option<(f64, f64)>) -> String {
    ci.map_or_else(String::new, |(lo, hi)| {
        format!("{} … {}", decimal(tr, lo, 2), decimal(tr, hi, 2))
    })
}

fn signed(tr: &Tr, x: Option<f64>) -> String {
    x.map_or_else(
        || "—".into(),
        |x| format!("{}{}", if x > 0.0 { "+" } else { "" }, decimal(tr, x, 2)),
    )
}

fn line(tr: &Tr, label: String, c: &VaClass) -> VaLine {
    let verdict = Verdict::of(c);
    let ci = c.ci_low.zip(c.ci_high);
    let gain_ci = c.residual_gain_ci_low.zip(c.residual_gain_ci_high);
    VaLine {
        verdict_text: tr.t(&format!("va-verdict-{}", verdict.code())),
        effect_text: signed(tr, c.effect),
        ci_text: interval(tr, ci),
        reliability_text: decimal(tr, c.reliability, 2),
        gain_text: signed(tr, c.residual_gain),
        gain_ci_text: interval(tr, gain_ci),
        effect_raw: c.effect.map_or_else(String::new, |e| format!("{e:.6}")),
        label,
        n: c.n,
        effect: c.effect,
        ci,
        reliability: c.reliability,
        gain: c.residual_gain,
        gain_ci,
        low_reliability: c.warning == Some(VaWarning::LowReliability),
        verdict,
    }
}

/// The fitted model as shown.
pub struct ModelView {
    /// Pupils.
    pub n: usize,
    /// Groups.
    pub groups: usize,
    /// β1.
    pub slope: f64,
    /// β0.
    pub intercept: f64,
    /// τ².
    pub tau2: f64,
    /// σ².
    pub sigma2: f64,
    /// τ² estimated as 0.
    pub boundary: bool,
    slope_text: String,
    intercept_text: String,
    tau2_text: String,
    sigma2_text: String,
}

fn model_view(tr: &Tr, r: &VaReport) -> ModelView {
    ModelView {
        n: r.n,
        groups: r.classes.len(),
        slope: r.model.slope,
        intercept: r.model.intercept,
        tau2: r.model.tau2,
        sigma2: r.model.sigma2,
        boundary: r.model.tau2 == 0.0,
        slope_text: decimal(tr, r.model.slope, 3),
        intercept_text: decimal(tr, r.model.intercept, 2),
        tau2_text: decimal(tr, r.model.tau2, 3),
        sigma2_text: decimal(tr, r.model.sigma2, 3),
    }
}

/// A fitted table: the model and the visible lines, or why nothing could be fitted.
pub struct VaTable {
    /// The model, when it could be fitted.
    pub model: Option<ModelView>,
    /// Why not.
    pub error: String,
    /// Visible lines, in group order.
    pub lines: Vec<VaLine>,
}

fn table(tr: &Tr, pupils: &[VaPupil], labels: &BTreeMap<String, String>, shown: impl Fn(&str) -> bool) -> VaTable {
    match value_added(pupils) {
        Ok(report) => {
            let mut lines: Vec<(String, VaLine)> = report
                .classes
                .iter()
                .filter(|c| shown(&c.class))
                .map(|c| {
                    let label = labels.get(&c.class).cloned().unwrap_or_else(|| c.class.clone());
                    (label.clone(), line(tr, label, c))
                })
                .collect();
            lines.sort_by(|a, b| a.0.cmp(&b.0));
            VaTable {
                model: Some(model_view(tr, &report)),
                error: String::new(),
                lines: lines.into_iter().map(|(_, l)| l).collect(),
            }
        }
        Err(e) => VaTable {
            model: None,
            error: tr.t(match e {
                VaError::TooFewPupils => "va-error-too-few-pupils",
                VaError::TooFewClasses => "va-error-too-few-classes",
                VaError::ConstantPrior => "va-error-constant-prior",
                VaError::NoResidualVariance => "va-error-no-variance",
            }),
            lines: Vec::new(),
        },
    }
}

/// Who sees which teacher lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeacherAccess {
    /// Director, deputy: every teacher.
    All,
    /// A teacher: their own line only.
    Own(Uuid),
    /// Nobody else.
    None,
}

/// The class table by the current result's class, the rows limited to the viewer's scope.
pub fn class_table(tr: &Tr, pairs: &[LinkedPair]) -> VaTable {
    let pupils: Vec<VaPupil> = pairs
        .iter()
        .map(|p| VaPupil {
            class: p.class_name.clone(),
            prior: p.prior as f64,
            current: p.current as f64,
        })
        .collect();
    let visible: Vec<&str> = pairs
        .iter()
        .filter(|p| p.in_scope == 1)
        .map(|p| p.class_name.as_str())
        .collect();
    table(tr, &pupils, &BTreeMap::new(), |c| visible.contains(&c))
}

/// The teacher table: each class's pupils go to the teachers of its class-subject (a
/// class taught by two teachers forms its own group of both); classes without a teacher
/// are left out. Lines limited by `access`.
pub fn teacher_table(
    tr: &Tr,
    pairs: &[LinkedPair],
    teachers: &[ClassTeacher],
    access: TeacherAccess,
) -> Option<VaTable> {
    if access == TeacherAccess::None {
        return None;
    }
    let mut of_class: BTreeMap<Uuid, Vec<&ClassTeacher>> = BTreeMap::new();
    for t in teachers {
        of_class.entry(t.class_id).or_default().push(t);
    }
    let mut labels: BTreeMap<String, String> = BTreeMap::new();
    let mut members: BTreeMap<String, Vec<Uuid>> = BTreeMap::new();
    let pupils: Vec<VaPupil> = pairs
        .iter()
        .filter_map(|p| {
            let staff = of_class.get(&p.class_id?)?;
            let key = staff
                .iter()
                .map(|t| t.staff_id.to_string())
                .collect::<Vec<_>>()
                .join(",");
            labels.entry(key.clone()).or_insert_with(|| {
                staff
                    .iter()
                    .map(|t| {
                        format!("{} {} {}", t.last_name, t.first_name, t.middle_name)
                            .trim()
                            .to_string()
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            members
                .entry(key.clone())
                .or_insert_with(|| staff.iter().map(|t| t.staff_id).collect());
            Some(VaPupil {
                class: key,
                prior: p.prior as f64,
                current: p.current as f64,
            })
        })
        .collect();
    if pupils.is_empty() {
        return Some(VaTable {
            model: None,
            error: tr.t("va-error-no-teachers"),
            lines: Vec::new(),
        });
    }
    Some(table(tr, &pupils, &labels, |key| match access {
        TeacherAccess::All => true,
        TeacherAccess::Own(me) => members.get(key).is_some_and(|m| m.contains(&me)),
        TeacherAccess::None => false,
    }))
}

/// The data of the interactive chart of a table (groups with an effect), as JSON safe to put
/// inside a `<script type="application/json">`.
fn chart_json(tr: &Tr, t: &VaTable) -> String {
    let items: Vec<serde_json::Value> = t
        .lines
        .iter()
        .filter_map(|l| {
            let (low, high) = l.ci?;
            Some(serde_json::json!({
                "label": l.label,
                "n": l.n,
                "effect": l.effect?,
                "low": low,
                "high": high,
                "text": l.effect_text,
                "ci_text": l.ci_text,
                "verdict": l.verdict_text,
                "verdict_code": l.verdict.code(),
            }))
        })
        .collect();
    let v = serde_json::json!({
        "items": items,
        "x_label": tr.t("va-chart-axis"),
        "effect": tr.t("va-col-effect"),
        "ci": tr.t("va-col-ci"),
    });
    crate::chart_data::script_json(&v)
}

/// A pair in the selector.
pub struct PairOption {
    value: String,
    label: String,
    selected: bool,
}

/// The page.
#[derive(Template, WebTemplate)]
#[template(path = "value_added/index.html")]
pub struct ValueAddedPage {
    ctx: PageCtx,
    title: String,
    pairs: Vec<PairOption>,
    chosen: bool,
    prior_title: String,
    current_title: String,
    query: String,
    classes: VaTable,
    teachers: Option<VaTable>,
    classes_chart: String,
    teachers_chart: String,
}

/// The selector's label of a suggestion.
pub fn pair_label(tr: &Tr, s: &PairSuggestion) -> String {
    format!(
        "{} → {} ({})",
        s.prior.title,
        s.current.title,
        tr.n("va-linked", "n", s.linked)
    )
}

impl ValueAddedPage {
    /// Builds the page for the chosen pair (`None` when there is nothing to choose).
    pub fn new(
        ctx: PageCtx,
        suggestions: &[PairSuggestion],
        chosen: Option<(PairSuggestion, VaTable, Option<VaTable>)>,
    ) -> ValueAddedPage {
        let tr = ctx.tr.clone();
        let selected = chosen.as_ref().map(|c| (c.0.prior.id, c.0.current.id));
        let pairs = suggestions
            .iter()
            .map(|s| PairOption {
                value: format!("{}:{}", s.prior.id, s.current.id),
                label: pair_label(&tr, s),
                selected: selected == Some((s.prior.id, s.current.id)),
            })
            .collect();
        let empty = || VaTable {
            model: None,
            error: String::new(),
            lines: Vec::new(),
        };
        let (chosen, prior_title, current_title, query, classes, teachers) = match chosen {
            Some((s, classes, teachers)) => (
                true,
                s.prior.title.clone(),
                s.current.title.clone(),
                format!("prior={}&current={}", s.prior.id, s.current.id),
                classes,
                teachers,
            ),
            None => (false, String::new(), String::new(), String::new(), empty(), None),
        };
        let classes_chart = chart_json(&tr, &classes);
        let teachers_chart = teachers.as_ref().map(|t| chart_json(&tr, t)).unwrap_or_default();
        ValueAddedPage {
            classes_chart,
            teachers_chart,
            title: tr.t("va-title"),
            ctx,
            pairs,
            chosen,
            prior_title,
            current_title,
            query,
            classes,
            teachers,
        }
    }
}

fn export_rows(t: &VaTable) -> Vec<VaRow> {
    t.lines
        .iter()
        .map(|l| VaRow {
            label: l.label.clone(),
            n: l.n,
            effect: l.effect,
            ci_low: l.ci.map(|c| c.0),
            ci_high: l.ci.map(|c| c.1),
            reliability: l.reliability,
            gain: l.gain,
            gain_ci_low: l.gain_ci.map(|c| c.0),
            gain_ci_high: l.gain_ci.map(|c| c.1),
            verdict: l.verdict_text.clone(),
        })
        .collect()
}

/// The export of the page's tables, with the same rows and numbers.
pub fn sheet(tr: &Tr, f: &super::Fitted) -> ValueAddedSheet {
    ValueAddedSheet {
        sheet_name: tr.t("va-sheet"),
        title: tr.t("va-title"),
        subtitle: pair_label(tr, &f.pair),
        model_title: tr.t("va-model"),
        model_headers: ["n", "va-slope", "va-intercept", "va-tau2", "va-sigma2"]
            .iter()
            .map(|k| if *k == "n" { "n".to_string() } else { tr.t(k) })
            .collect(),
        model: f.classes.model.as_ref().map(|m| VaModelRow {
            n: m.n,
            slope: m.slope,
            intercept: m.intercept,
            tau2: m.tau2,
            sigma2: m.sigma2,
        }),
        headers: [
            "va-col-group",
            "n",
            "va-col-effect",
            "va-col-low",
            "va-col-high",
            "va-col-reliability",
            "va-col-gain",
            "va-col-low",
            "va-col-high",
            "va-col-verdict",
        ]
        .iter()
        .map(|k| if *k == "n" { "n".to_string() } else { tr.t(k) })
        .collect(),
        classes_title: tr.t("va-by-class"),
        classes: export_rows(&f.classes),
        teachers_title: tr.t("va-by-teacher"),
        teachers: f.teachers.as_ref().map(export_rows),
        note: format!("{} {}", tr.t("va-hint"), tr.t("va-support")),
    }
}
