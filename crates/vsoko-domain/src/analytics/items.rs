//! Task (item) and skill analysis of one assessment for one group of pupils (ANALYTICS.md
//! §2, §2.2; the pinned definitions of issue 5): completion with a Wilson 95% interval and a
//! deficit / uncertain / ok status against the level threshold, item-rest correlation, the
//! 27% discrimination index, Cronbach's α with the Feldt interval, and the SEM.

use super::describe::{f_quantile, mean, normal_quantile, pearson, sample_variance};
use serde::{Deserialize, Serialize};

/// Difficulty level of a task (Б, П, В): the assessment model's own type.
pub use crate::assessment::Level;

fn letter<S: serde::Serializer>(level: &Level, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(level.letter())
}

/// Level thresholds of completion (FIOKO: 0.60 basic, 0.30 advanced and high); configurable.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Threshold of Б tasks and of skills whose tasks are all Б.
    pub basic: f64,
    /// Threshold of П/В tasks and of skills with any П/В task.
    pub advanced: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            basic: 0.60,
            advanced: 0.30,
        }
    }
}

impl Thresholds {
    fn of(&self, all_basic: bool) -> f64 {
        if all_basic { self.basic } else { self.advanced }
    }
}

/// Where a completion stands against its threshold, given its interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The whole interval is below the threshold (`ci_high` < threshold).
    Deficit,
    /// The interval contains the threshold.
    Uncertain,
    /// The whole interval is at or above the threshold (`ci_low` ≥ threshold).
    Ok,
}

impl Status {
    /// The status of an interval against a threshold.
    pub fn of(ci_low: f64, ci_high: f64, threshold: f64) -> Status {
        if ci_high < threshold {
            Status::Deficit
        } else if ci_low >= threshold {
            Status::Ok
        } else {
            Status::Uncertain
        }
    }
}

/// A task of the assessment: its code, maximum score, level and the skills it checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskSpec {
    /// Task code as in the results file (`1`, `5.1`, `2К1`).
    pub code: String,
    /// Maximum score (> 0).
    pub max_score: f64,
    /// Difficulty level.
    pub level: Level,
    /// Codes of the checked skills (codifier positions); may be empty.
    pub skills: Vec<String>,
}

/// Wilson 95% interval of a proportion with `n` trials and `successes` (fractional allowed).
/// `None` when n = 0.
pub fn wilson(successes: f64, n: usize) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    let n = n as f64;
    let p = (successes / n).clamp(0.0, 1.0);
    let z = normal_quantile(0.975);
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

/// One task's figures for a group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskResult {
    /// Task code.
    pub task: String,
    /// Maximum score.
    pub max_score: f64,
    /// Level, as its letter Б / П / В.
    #[serde(serialize_with = "letter")]
    pub level: Level,
    /// Pupils of the group.
    pub n: usize,
    /// points / (max × n); `None` for an empty group.
    pub completion: Option<f64>,
    /// Wilson 95% lower end (n pupils, n × completion successes).
    pub ci_low: Option<f64>,
    /// Wilson 95% upper end.
    pub ci_high: Option<f64>,
    /// Against the level threshold.
    pub status: Option<Status>,
    /// Pearson correlation of the task score with the total minus the task; `None` when
    /// either is constant (e.g. a task nobody scored).
    pub item_rest_r: Option<f64>,
    /// (mean of the upper 27% − mean of the lower 27%) / max; `None` when the groups are empty.
    pub discrimination_27: Option<f64>,
}

/// One skill's figures for a group: the points of its tasks pooled.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillResult {
    /// Skill code.
    pub skill: String,
    /// The tasks that check it, in file order.
    pub tasks: Vec<String>,
    /// Pupils of the group.
    pub n: usize,
    /// Pooled points / pooled maximum.
    pub completion: Option<f64>,
    /// Wilson 95% lower end (n = pupils).
    pub ci_low: Option<f64>,
    /// Wilson 95% upper end.
    pub ci_high: Option<f64>,
    /// Against the basic threshold if all its tasks are Б, otherwise the advanced one.
    pub status: Option<Status>,
}

/// Reliability of the whole test for a group.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Reliability {
    /// Cronbach's α; `None` with fewer than 2 pupils or tasks, or constant totals.
    pub alpha: Option<f64>,
    /// Feldt 95% lower end: 1 − (1 − α)·F₀.₉₇₅(n − 1, (n − 1)(k − 1)).
    pub alpha_ci_low: Option<f64>,
    /// Feldt 95% upper end: 1 − (1 − α)·F₀.₀₂₅(n − 1, (n − 1)(k − 1)).
    pub alpha_ci_high: Option<f64>,
    /// Standard error of measurement: sample SD of totals × √(1 − α).
    pub sem: Option<f64>,
}

/// Completion, interval and status of `points` out of `max × n`.
fn completion(
    points: f64,
    max: f64,
    n: usize,
    threshold: f64,
) -> (Option<f64>, Option<f64>, Option<f64>, Option<Status>) {
    if n == 0 || max <= 0.0 {
        return (None, None, None, None);
    }
    let c = points / (max * n as f64);
    match wilson(n as f64 * c, n) {
        Some((lo, hi)) => (Some(c), Some(lo), Some(hi), Some(Status::of(lo, hi, threshold))),
        None => (Some(c), None, None, None),
    }
}

/// The task scores of a group: one row per pupil (file order), one column per task.
#[derive(Debug, Clone, Copy)]
pub struct ScoreMatrix<'a> {
    /// Pupils' rows; each has one score per task.
    pub rows: &'a [&'a [f64]],
}

impl ScoreMatrix<'_> {
    fn column(&self, j: usize) -> Vec<f64> {
        self.rows.iter().map(|r| r.get(j).copied().unwrap_or(0.0)).collect()
    }

    fn totals(&self) -> Vec<f64> {
        self.rows.iter().map(|r| r.iter().sum()).collect()
    }
}

/// Per-task figures of a group.
pub fn tasks(specs: &[TaskSpec], m: ScoreMatrix<'_>, thr: &Thresholds) -> Vec<TaskResult> {
    let n = m.rows.len();
    let totals = m.totals();
    // Pupils sorted by total, descending, stable: ties keep file order.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| totals[b].total_cmp(&totals[a]));
    let g = (0.27 * n as f64 + 0.5).floor() as usize;
    specs
        .iter()
        .enumerate()
        .map(|(j, spec)| {
            let col = m.column(j);
            let (c, lo, hi, status) =
                completion(col.iter().sum(), spec.max_score, n, thr.of(spec.level == Level::Basic));
            let rest: Vec<f64> = totals.iter().zip(&col).map(|(t, s)| t - s).collect();
            let group_mean = |idx: &[usize]| mean(&idx.iter().map(|&i| col[i]).collect::<Vec<_>>());
            let d27 = if g > 0 && spec.max_score > 0.0 {
                match (group_mean(&order[..g]), group_mean(&order[n - g..])) {
                    (Some(u), Some(l)) => Some((u - l) / spec.max_score),
                    _ => None,
                }
            } else {
                None
            };
            TaskResult {
                task: spec.code.clone(),
                max_score: spec.max_score,
                level: spec.level,
                n,
                completion: c,
                ci_low: lo,
                ci_high: hi,
                status,
                item_rest_r: pearson(&col, &rest),
                discrimination_27: d27,
            }
        })
        .collect()
}

/// The skills checked by the tasks, in the order of their first task (codes sorted
/// numerically part by part when they are dotted numbers, otherwise as text).
pub fn skills(specs: &[TaskSpec], m: ScoreMatrix<'_>, thr: &Thresholds) -> Vec<SkillResult> {
    let mut names: Vec<&str> = Vec::new();
    for s in specs.iter().flat_map(|t| &t.skills) {
        if !names.contains(&s.as_str()) {
            names.push(s);
        }
    }
    names.sort_by_key(|a| skill_key(a));
    let n = m.rows.len();
    names
        .into_iter()
        .map(|skill| {
            let idx: Vec<usize> = (0..specs.len())
                .filter(|&j| specs[j].skills.iter().any(|s| s == skill))
                .collect();
            let points: f64 = idx.iter().map(|&j| m.column(j).iter().sum::<f64>()).sum();
            let max: f64 = idx.iter().map(|&j| specs[j].max_score).sum();
            let all_basic = idx.iter().all(|&j| specs[j].level == Level::Basic);
            let (c, lo, hi, status) = completion(points, max, n, thr.of(all_basic));
            SkillResult {
                skill: skill.to_string(),
                tasks: idx.iter().map(|&j| specs[j].code.clone()).collect(),
                n,
                completion: c,
                ci_low: lo,
                ci_high: hi,
                status,
            }
        })
        .collect()
}

/// Sort key of a skill code: dotted numbers compare as numbers ("1.10" after "1.9").
fn skill_key(code: &str) -> (Vec<u64>, String) {
    let parts: Option<Vec<u64>> = code.split('.').map(|p| p.parse().ok()).collect();
    match parts {
        Some(p) => (p, String::new()),
        None => (vec![u64::MAX], code.to_string()),
    }
}

/// Cronbach's α with the Feldt interval and the SEM.
pub fn reliability(k: usize, m: ScoreMatrix<'_>) -> Reliability {
    let none = Reliability {
        alpha: None,
        alpha_ci_low: None,
        alpha_ci_high: None,
        sem: None,
    };
    let n = m.rows.len();
    if n < 2 || k < 2 {
        return none;
    }
    let totals = m.totals();
    let Some(var_total) = sample_variance(&totals).filter(|v| *v > 0.0) else {
        return none;
    };
    let item_var: f64 = (0..k).filter_map(|j| sample_variance(&m.column(j))).sum();
    let kf = k as f64;
    let alpha = kf / (kf - 1.0) * (1.0 - item_var / var_total);
    let (df1, df2) = ((n - 1) as f64, ((n - 1) * (k - 1)) as f64);
    let lo = f_quantile(0.975, df1, df2).map(|f| 1.0 - (1.0 - alpha) * f);
    let hi = f_quantile(0.025, df1, df2).map(|f| 1.0 - (1.0 - alpha) * f);
    let sem = (alpha <= 1.0).then(|| var_total.sqrt() * (1.0 - alpha).sqrt());
    Reliability {
        alpha: Some(alpha),
        alpha_ci_low: lo,
        alpha_ci_high: hi,
        sem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Newcombe (1998) Wilson examples, as ANALYTICS.md §2.2 reproduces them (4 dp).
    #[test]
    fn wilson_reproduces_newcombe() {
        let cases = [
            (81.0, 263, 0.2553, 0.3662),
            (15.0, 148, 0.0624, 0.1605),
            (0.0, 20, 0.0, 0.1611),
            (1.0, 29, 0.0061, 0.1718),
        ];
        for (x, n, lo, hi) in cases {
            let (l, h) = wilson(x, n).unwrap_or((f64::NAN, f64::NAN));
            assert!((l - lo).abs() < 5e-5 && (h - hi).abs() < 5e-5, "{x}/{n}: {l} {h}");
        }
        assert_eq!(wilson(1.0, 0), None);
    }

    #[test]
    fn status_compares_the_interval_with_the_threshold() {
        assert_eq!(Status::of(0.1, 0.59, 0.6), Status::Deficit);
        assert_eq!(Status::of(0.6, 0.9, 0.6), Status::Ok);
        assert_eq!(Status::of(0.5, 0.7, 0.6), Status::Uncertain);
    }

    #[test]
    fn a_skill_with_any_advanced_task_uses_the_advanced_threshold() {
        let spec = |code: &str, level| TaskSpec {
            code: code.into(),
            max_score: 1.0,
            level,
            skills: vec!["1".into()],
        };
        let specs = [spec("1", Level::Basic), spec("2", Level::Advanced)];
        let rows: Vec<Vec<f64>> = (0..40).map(|i| vec![f64::from(i % 2), 0.0]).collect();
        let refs: Vec<&[f64]> = rows.iter().map(Vec::as_slice).collect();
        let s = skills(&specs, ScoreMatrix { rows: &refs }, &Thresholds::default());
        // completion 0.25 with n = 40: Wilson [0.14, 0.40] contains 0.30 → uncertain, while
        // against the basic 0.60 it would be a deficit.
        assert_eq!(s[0].status, Some(Status::Uncertain));
    }

    proptest::proptest! {
        #[test]
        fn wilson_contains_the_estimate_inside_zero_one(n in 1usize..300, share in 0.0f64..=1.0) {
            let x = share * n as f64;
            let (lo, hi) = wilson(x, n).unwrap();
            proptest::prop_assert!(0.0 <= lo && lo <= share + 1e-12 && share <= hi + 1e-12 && hi <= 1.0);
        }
    }

    #[test]
    fn dotted_skill_codes_sort_as_numbers() {
        let mut v = vec!["1.10", "1.9", "2", "x"];
        v.sort_by_key(|a| skill_key(a));
        assert_eq!(v, ["1.9", "1.10", "2", "x"]);
    }
}
