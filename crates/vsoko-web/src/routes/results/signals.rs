//! "The school at a glance" on `/results`: what the latest assessment procedures in the
//! viewer's scope (a year's worth up to the newest) say — classes with the "possibly lenient marking" signal, problem zones
//! (deficit skills, or tasks when a work has no codifier, per class of at least 10 pupils),
//! and value-added by class of the first suggested pair — each linking to its drill-down.
//! A ШМО head (without the administration's roles) sees the works of their subjects; a
//! teacher their own classes (the scope of the results).

use crate::AppState;
use crate::error::AppResult;
use crate::routes::analysis::compare as cmp_view;
use crate::routes::analysis::view::{pupils, specs};
use crate::routes::control::decimal;
use crate::routes::value_added::{self, VaLine};
use vsoko_domain::analytics::assessment::{AssessmentInput, analyse};
use vsoko_domain::analytics::compare::difference;
use vsoko_domain::analytics::items::{Status, Thresholds};
use vsoko_i18n::Tr;
use vsoko_reports::analytics::{Cell, Table};
use vsoko_store::Viewer;
use vsoko_store::assessment::compare;
use vsoko_store::assessment::read::{self, Procedure};
use vsoko_store::assessment::value_added as pairs;
use vsoko_store::results::sees_whole_school;

/// The latest procedures are those held within this many days before the newest one (a
/// school year's worth: the spring ВПР stay beside the autumn control works).
pub const WINDOW_DAYS: i64 = 365;

/// At most this many of them are analysed for the overview.
pub const LATEST: usize = 40;

/// Groups below this many pupils are not searched for problem zones.
const MIN_N: usize = 10;

/// A class flagged for possibly lenient marking in a procedure.
pub struct LenientItem {
    /// Procedure title.
    pub procedure: String,
    /// Class.
    pub class: String,
    /// Pairs of marks.
    pub n: usize,
    /// "lowered x %, raised y %".
    pub detail: String,
    /// Share lowered (test mark below the journal's).
    pub lowered: f64,
    /// Share raised.
    pub raised: f64,
    /// The analysis of that class.
    pub href: String,
}

/// A deficit as numbers: skill (or "Задание N"), completion, its 95 % interval.
pub type DeficitFigure = (String, Option<f64>, Option<f64>, Option<f64>);

/// A class's deficit skills (or tasks) in a procedure.
pub struct DeficitItem {
    /// Procedure title.
    pub procedure: String,
    /// Class.
    pub class: String,
    /// Pupils of the class.
    pub n: usize,
    /// "code (completion %, interval)" of each deficit.
    pub what: Vec<String>,
    /// The same as numbers: skill or task, completion, interval.
    pub figures: Vec<DeficitFigure>,
    /// The analysis of that class.
    pub href: String,
}

/// A level's quality beside the school's in one procedure.
pub struct LevelQuality {
    /// Quality.
    pub quality: String,
    /// The same as a share.
    pub quality_value: Option<f64>,
    /// n of the quality (results with a mark).
    pub n: i64,
    /// Schools with results.
    pub schools: i64,
    /// School minus level ("" when too few).
    pub diff: String,
    /// The same as a share difference.
    pub diff_value: Option<f64>,
    /// Too few schools or participants to compare.
    pub too_few: bool,
}

/// A procedure of the school beside its municipality and region.
pub struct CompareItem {
    /// Procedure title.
    pub procedure: String,
    /// Its analysis.
    pub href: String,
    /// The school's quality.
    pub quality: String,
    /// The same as a share.
    pub quality_value: Option<f64>,
    /// Its n.
    pub n: i64,
    /// Municipality, region (in the order of [`Signals::compare_heads`]).
    pub levels: Vec<LevelQuality>,
}

/// The overview.
pub struct Signals {
    /// Quality beside the municipality and region (the administration only).
    pub compare: Vec<CompareItem>,
    /// Heads of the level columns: "Муниципалитет", "Регион".
    pub compare_heads: Vec<String>,
    /// Procedures analysed.
    pub procedures: i64,
    /// Lenient-marking signals.
    pub lenient: Vec<LenientItem>,
    /// Problem zones.
    pub deficits: Vec<DeficitItem>,
    /// Value-added of the first suggested pair: its title, link and class lines.
    pub value_added: Option<(String, String, Vec<VaLine>)>,
}

/// The latest procedures the viewer analyses: those held within [`WINDOW_DAYS`] of the
/// newest (without a date: those of the newest year), newest first.
fn latest(v: &Viewer, all: Vec<Procedure>) -> Vec<Procedure> {
    let own_subjects_only = !sees_whole_school(v) && v.has(vsoko_domain::roles::Role::ShmoHead);
    let mut mine: Vec<Procedure> = all
        .into_iter()
        .filter(|p| p.results > 0 && (!own_subjects_only || v.shmo_subjects.contains(&p.subject_id)))
        .collect();
    let newest = mine.iter().filter_map(|p| p.held_on).max();
    let year = mine.iter().map(|p| p.exam_year).max();
    mine.retain(|p| match (p.held_on, newest) {
        (Some(d), Some(n)) => (n - d).whole_days() <= WINDOW_DAYS,
        _ => Some(p.exam_year) == year,
    });
    mine.sort_by(|a, b| b.held_on.cmp(&a.held_on).then_with(|| a.title.cmp(&b.title)));
    mine.truncate(LATEST);
    mine
}

fn pct(tr: &Tr, x: f64) -> String {
    format!("{} %", decimal(tr, x * 100.0, 0))
}

/// Reads and analyses the latest procedures and the first value-added pair.
pub async fn load(state: &AppState, v: &Viewer, tr: &Tr) -> AppResult<Signals> {
    let procedures = latest(v, read::procedures(&state.db, v, None).await?);
    let thr = Thresholds::default();
    let mut lenient = Vec::new();
    let mut deficits = Vec::new();
    for p in &procedures {
        let tasks = read::tasks_for(&state.db, v, p).await?;
        let rows = read::results(&state.db, v, p.id).await?;
        let all: Vec<_> = rows.iter().collect();
        let report = analyse(
            &AssessmentInput {
                tasks: specs(&tasks),
                pupils: pupils(&all, tasks.len()),
            },
            &thr,
        );
        let has_skills = tasks.iter().any(|t| !t.skills.is_empty());
        for c in &report.classes {
            let href = format!(
                "/assessments/{}/analysis?class={}",
                p.id,
                crate::routes::download::percent_encode(&c.class)
            );
            if let Some(o) = c.objectivity.as_ref().filter(|_| c.flag_lenient) {
                lenient.push(LenientItem {
                    procedure: p.title.clone(),
                    class: c.class.clone(),
                    n: o.n,
                    detail: format!(
                        "{} {}, {} {}",
                        tr.t("analysis-lowered"),
                        pct(tr, o.lowered),
                        tr.t("analysis-raised"),
                        pct(tr, o.raised)
                    ),
                    lowered: o.lowered,
                    raised: o.raised,
                    href: href.clone(),
                });
            }
            if c.n < MIN_N {
                continue;
            }
            let figures: Vec<DeficitFigure> = if has_skills {
                c.skills
                    .iter()
                    .filter(|s| s.status == Some(Status::Deficit))
                    .map(|s| (s.skill.clone(), s.completion, s.ci_low, s.ci_high))
                    .collect()
            } else {
                c.tasks
                    .iter()
                    .filter(|t| t.status == Some(Status::Deficit))
                    .map(|t| {
                        (
                            format!("{} {}", tr.t("analysis-task"), t.task),
                            t.completion,
                            t.ci_low,
                            t.ci_high,
                        )
                    })
                    .collect()
            };
            let what: Vec<String> = figures
                .iter()
                .map(|(what, c, lo, hi)| described(tr, what, *c, *lo, *hi))
                .collect();
            if !what.is_empty() {
                deficits.push(DeficitItem {
                    procedure: p.title.clone(),
                    class: c.class.clone(),
                    n: c.n,
                    what,
                    figures,
                    href,
                });
            }
        }
    }
    let mut compare = Vec::new();
    if compare::may_compare(v) {
        for p in &procedures {
            let Some(c) = compare::for_procedure(&state.db, v, p.id).await? else {
                continue;
            };
            let Some(own) = c.level(compare::Level::School) else {
                continue;
            };
            let peers: Vec<_> = c.levels.iter().filter(|l| l.level != compare::Level::School).collect();
            if peers.iter().all(|l| l.figures.other_schools == 0) {
                continue;
            }
            compare.push(CompareItem {
                procedure: p.title.clone(),
                href: format!("/assessments/{}/analysis#compare", p.id),
                quality: cmp_view::pct(tr, own.figures.quality.value),
                quality_value: own.figures.quality.value,
                n: own.figures.marked,
                levels: peers
                    .iter()
                    .map(|l| {
                        let diff = difference(own.figures.quality.value, &l.figures, l.figures.quality.value);
                        LevelQuality {
                            quality: cmp_view::pct(tr, l.figures.quality.value),
                            quality_value: l.figures.quality.value,
                            n: l.figures.marked,
                            schools: l.figures.schools,
                            diff: diff.map_or_else(String::new, |d| cmp_view::pp(tr, d)),
                            diff_value: diff,
                            too_few: l.figures.too_few,
                        }
                    })
                    .collect(),
            });
        }
    }
    let suggestions = pairs::suggestions(&state.db, v).await?;
    let value_added = match value_added::fit(state, v, tr, &suggestions, None).await? {
        Some(f) => Some((
            value_added::view::pair_label(tr, &f.pair),
            format!("/value-added?prior={}&current={}", f.pair.prior.id, f.pair.current.id),
            f.classes.lines,
        )),
        None => None,
    };
    Ok(Signals {
        compare_heads: [compare::Level::Municipality, compare::Level::Region]
            .into_iter()
            .map(|l| cmp_view::level_label(tr, l))
            .collect(),
        compare,
        procedures: i64::try_from(procedures.len()).unwrap_or(i64::MAX),
        lenient,
        deficits,
        value_added,
    })
}

fn described(tr: &Tr, what: &str, completion: Option<f64>, lo: Option<f64>, hi: Option<f64>) -> String {
    match (completion, lo, hi) {
        (Some(c), Some(lo), Some(hi)) => format!(
            "{what} ({}, {}–{})",
            pct(tr, c),
            decimal(tr, lo * 100.0, 0),
            decimal(tr, hi * 100.0, 0)
        ),
        _ => what.to_string(),
    }
}

/// The overview as tables of the `/results` workbook, with the page's rows and numbers:
/// lenient-marking signals, problem zones (one row per deficit), value-added by class and
/// the comparison with the municipality and region.
pub fn tables(tr: &Tr, s: &Signals) -> Vec<Table> {
    let count = |n: usize| Cell::Int(i64::try_from(n).unwrap_or(i64::MAX));
    let share = |x: Option<f64>| x.map_or(Cell::Empty, Cell::Share);
    let mut out = vec![
        Table {
            title: tr.t("results-glance-lenient"),
            headers: crate::routes::download::headers(
                tr,
                &[
                    "analysis-procedures",
                    "analysis-class",
                    "n",
                    "analysis-lowered",
                    "analysis-raised",
                ],
            ),
            rows: s
                .lenient
                .iter()
                .map(|i| {
                    vec![
                        Cell::Text(i.procedure.clone()),
                        Cell::Text(i.class.clone()),
                        count(i.n),
                        Cell::Share(i.lowered),
                        Cell::Share(i.raised),
                    ]
                })
                .collect(),
            note: if s.lenient.is_empty() {
                tr.t("results-glance-none")
            } else {
                String::new()
            },
        },
        Table {
            title: tr.t("results-glance-deficits"),
            headers: crate::routes::download::headers(
                tr,
                &[
                    "analysis-procedures",
                    "analysis-class",
                    "n",
                    "results-col-deficit",
                    "analysis-completion",
                    "results-col-ci-low",
                    "results-col-ci-high",
                ],
            ),
            rows: s
                .deficits
                .iter()
                .flat_map(|i| {
                    i.figures.iter().map(|(what, c, lo, hi)| {
                        vec![
                            Cell::Text(i.procedure.clone()),
                            Cell::Text(i.class.clone()),
                            count(i.n),
                            Cell::Text(what.clone()),
                            share(*c),
                            share(*lo),
                            share(*hi),
                        ]
                    })
                })
                .collect(),
            note: if s.deficits.is_empty() {
                tr.t("results-glance-none")
            } else {
                String::new()
            },
        },
    ];
    let va_heads = crate::routes::download::headers(
        tr,
        &[
            "va-col-group",
            "n",
            "va-col-effect",
            "va-col-low",
            "va-col-high",
            "va-col-reliability",
            "va-col-gain",
            "va-col-verdict",
        ],
    );
    out.push(match &s.value_added {
        Some((label, _, lines)) => Table {
            title: format!("{}: {label}", tr.t("results-glance-va")),
            headers: va_heads,
            rows: lines
                .iter()
                .map(|l| {
                    vec![
                        Cell::Text(l.label.clone()),
                        count(l.n),
                        l.effect.map_or(Cell::Empty, |x| Cell::Num(x, 2)),
                        l.ci.map_or(Cell::Empty, |c| Cell::Num(c.0, 2)),
                        l.ci.map_or(Cell::Empty, |c| Cell::Num(c.1, 2)),
                        Cell::Num(l.reliability, 2),
                        l.gain.map_or(Cell::Empty, |x| Cell::Num(x, 2)),
                        Cell::Text(l.verdict_text.clone()),
                    ]
                })
                .collect(),
            note: tr.t("va-support"),
        },
        None => Table {
            title: tr.t("results-glance-va"),
            headers: va_heads,
            rows: Vec::new(),
            note: tr.t("va-no-pairs"),
        },
    });
    let mut compare_heads = crate::routes::download::headers(tr, &["analysis-procedures", "compare-level-school", "n"]);
    for l in &s.compare_heads {
        compare_heads.extend([
            l.clone(),
            "n".to_string(),
            tr.t("compare-schools"),
            tr.t("compare-diff-short"),
        ]);
    }
    out.push(Table {
        title: tr.t("compare-glance"),
        headers: compare_heads,
        rows: s
            .compare
            .iter()
            .map(|i| {
                let mut row = vec![Cell::Text(i.procedure.clone()), share(i.quality_value), Cell::Int(i.n)];
                for l in &i.levels {
                    row.extend([
                        share(l.quality_value),
                        Cell::Int(l.n),
                        Cell::Int(l.schools),
                        if l.too_few {
                            Cell::Text(tr.t("compare-too-few"))
                        } else {
                            l.diff_value.map_or(Cell::Empty, |d| Cell::Num(d * 100.0, 1))
                        },
                    ]);
                }
                row
            })
            .collect(),
        note: if s.compare.is_empty() {
            tr.t("compare-glance-none")
        } else {
            tr.t("compare-glance-hint")
        },
    });
    out
}
