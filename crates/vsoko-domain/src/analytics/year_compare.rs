//! One assessment work of a school beside the same work a year earlier (same kind, subject
//! and grade; a different cohort of the same parallel), the dynamics ФИОКО asks a school to
//! follow (SPEC §5.5, section 2). Per year: n, the marks' shares, success rate and knowledge
//! quality with Wilson 95 % intervals, the mean primary score as a share of the maximum with
//! its t-interval. The change (later − earlier) carries a 95 % interval too: Newcombe's
//! hybrid score interval for shares (method 10 of Newcombe 1998, built from the two Wilson
//! intervals), Welch's for the mean. A year with fewer than [`MIN_PARTICIPANTS`] participants
//! (the threshold of [`super::compare`]) gets its figures but no change: "too few to
//! compare".
//!
//! Tasks are compared side by side only when the two task tables are identical — the same
//! codes with the same maxima in the same order, and, where both years name the codifier
//! positions a task checks, the same positions (SPEC §5.5: compare years only if the checked
//! skills are identical). Otherwise [`Tasks::NotCompared`] says what differs.

use super::compare::{MIN_PARTICIPANTS, MarkFigures, Share};
use super::describe;
use super::items::wilson;
use crate::msg::Msg;
use serde::Serialize;

/// A task as the work's table defines it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskKey {
    /// Code, e.g. "9.1".
    pub code: String,
    /// Maximum score.
    pub max_score: i64,
    /// Codifier codes of the checked skills (empty when the source names none).
    pub skills: Vec<String>,
}

/// One participant's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultRow {
    /// Mark 2–5 (None without one).
    pub mark: Option<u8>,
    /// Primary score.
    pub primary: Option<i64>,
    /// Score per task in table order; None = not done (counts 0 in completion).
    pub scores: Vec<Option<i64>>,
}

/// One year's work: its table and the results to count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Work {
    /// Year held.
    pub year: i64,
    /// Maximum primary score.
    pub max_primary: i64,
    /// Task table in order.
    pub tasks: Vec<TaskKey>,
    /// Results.
    pub rows: Vec<ResultRow>,
}

/// A mean share with its 95 % t-interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MeanShare {
    /// The mean (None without values).
    pub value: Option<f64>,
    /// Lower end (None below two values).
    pub ci_low: Option<f64>,
    /// Upper end.
    pub ci_high: Option<f64>,
    /// n.
    pub n: i64,
}

/// The figures of one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearFigures {
    /// Year held.
    pub year: i64,
    /// Participants (result rows).
    pub participants: i64,
    /// Results with a mark (the n of the mark shares).
    pub marked: i64,
    /// Counts of the marks 2, 3, 4 and 5.
    pub marks: [i64; 4],
    /// Shares of the marks 2, 3, 4 and 5 among the marked results.
    pub mark_shares: [Option<f64>; 4],
    /// Успеваемость: marks 3–5 among the marked results.
    pub success: Share,
    /// Качество знаний: marks 4–5 among the marked results.
    pub quality: Share,
    /// Mean primary score as a share of the maximum, over the results with one.
    pub mean_primary: MeanShare,
}

/// Whether a change is told apart from no change by its 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Verdict {
    /// The interval lies wholly above 0.
    Higher,
    /// The interval lies wholly below 0.
    Lower,
    /// The interval holds 0.
    NotDistinguishable,
}

/// A change later − earlier with its 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Change {
    /// later − earlier (shares as fractions: percentage points / 100).
    pub delta: f64,
    /// Lower end of the interval.
    pub ci_low: f64,
    /// Upper end.
    pub ci_high: f64,
}

impl Change {
    /// Higher, lower or not distinguishable.
    pub fn verdict(&self) -> Verdict {
        if self.ci_low > 0.0 {
            Verdict::Higher
        } else if self.ci_high < 0.0 {
            Verdict::Lower
        } else {
            Verdict::NotDistinguishable
        }
    }
}

/// Completion of one task in both years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskPair {
    /// Code.
    pub code: String,
    /// Maximum score.
    pub max_score: i64,
    /// Completion the earlier year: points / (max × participants), Wilson interval, n pupils.
    pub earlier: Share,
    /// The same the later year.
    pub later: Share,
    /// The change (None when either year is too small).
    pub change: Option<Change>,
}

/// Why the tasks of two years are not compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Mismatch {
    /// The works have a different number of tasks.
    Count {
        /// Tasks the earlier year.
        earlier: usize,
        /// Tasks the later year.
        later: usize,
    },
    /// The task at a position differs in code or maximum.
    Task {
        /// 1-based position.
        position: usize,
        /// "code (max)" the earlier year.
        earlier: String,
        /// "code (max)" the later year.
        later: String,
    },
    /// Both years name the codifier positions of a task, and they differ.
    Codifier {
        /// The task's code.
        code: String,
    },
}

impl Mismatch {
    /// What the page says.
    pub fn msg(&self) -> Msg {
        match self {
            Mismatch::Count { earlier, later } => Msg::new("year-compare-mismatch-count")
                .arg("earlier", earlier)
                .arg("later", later),
            Mismatch::Task {
                position,
                earlier,
                later,
            } => Msg::new("year-compare-mismatch-task")
                .arg("position", position)
                .arg("earlier", earlier)
                .arg("later", later),
            Mismatch::Codifier { code } => Msg::new("year-compare-mismatch-codifier").arg("code", code),
        }
    }
}

/// The tasks of two years: side by side, or why not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Tasks {
    /// Identical tables: completion per task in both years.
    Compared {
        /// Per task in table order.
        tasks: Vec<TaskPair>,
        /// Whether the codifier positions were checked too (false when a year names none).
        codifier_checked: bool,
    },
    /// Different tables.
    NotCompared(Mismatch),
}

/// The comparison of a work with the same work a year earlier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearComparison {
    /// The earlier year's figures.
    pub earlier: YearFigures,
    /// The later year's.
    pub later: YearFigures,
    /// Either year has fewer than [`MIN_PARTICIPANTS`] participants: no changes.
    pub too_few: bool,
    /// Change of the share of each mark 2, 3, 4, 5 among the marked results (ФИОКО follows
    /// the «2» share), with its interval.
    pub mark_share_changes: [Option<Change>; 4],
    /// Change of the success rate.
    pub success: Option<Change>,
    /// Change of the knowledge quality.
    pub quality: Option<Change>,
    /// Change of the mean primary share.
    pub mean_primary: Option<Change>,
    /// Tasks side by side, or why not.
    pub tasks: Tasks,
}

/// A 95 % interval for p_later − p_earlier (Newcombe 1998, method 10): each side's distance
/// to its Wilson interval, combined in quadrature. Successes may be fractional (task points).
pub fn newcombe(later: (f64, i64), earlier: (f64, i64)) -> Option<Change> {
    let side = |(k, n): (f64, i64)| -> Option<(f64, f64, f64)> {
        let nu = usize::try_from(n).ok().filter(|&n| n > 0)?;
        let (lo, hi) = wilson(k, nu)?;
        Some(((k / n as f64).clamp(0.0, 1.0), lo, hi))
    };
    let (p1, l1, u1) = side(later)?;
    let (p2, l2, u2) = side(earlier)?;
    let delta = p1 - p2;
    Some(Change {
        delta,
        ci_low: delta - ((p1 - l1).powi(2) + (u2 - p2).powi(2)).sqrt(),
        ci_high: delta + ((u1 - p1).powi(2) + (p2 - l2).powi(2)).sqrt(),
    })
}

/// A 95 % Welch interval for mean(later) − mean(earlier) (none below two values a side).
pub fn welch(later: &[f64], earlier: &[f64]) -> Option<Change> {
    let part = |x: &[f64]| -> Option<(f64, f64, f64)> {
        if x.len() < 2 {
            return None;
        }
        let n = x.len() as f64;
        Some((describe::mean(x)?, describe::sample_variance(x)? / n, n - 1.0))
    };
    let (m1, s1, d1) = part(later)?;
    let (m2, s2, d2) = part(earlier)?;
    let se2 = s1 + s2;
    let delta = m1 - m2;
    if se2 <= 0.0 {
        return Some(Change {
            delta,
            ci_low: delta,
            ci_high: delta,
        });
    }
    let df = se2 * se2 / (s1 * s1 / d1 + s2 * s2 / d2);
    let half = describe::t_quantile(0.975, df)? * se2.sqrt();
    Some(Change {
        delta,
        ci_low: delta - half,
        ci_high: delta + half,
    })
}

fn primary_shares(w: &Work) -> Vec<f64> {
    if w.max_primary <= 0 {
        return Vec::new();
    }
    w.rows
        .iter()
        .filter_map(|r| r.primary)
        .map(|p| p as f64 / w.max_primary as f64)
        .collect()
}

fn mean_share(x: &[f64]) -> MeanShare {
    let m = describe::mean(x);
    let half = (x.len() >= 2)
        .then(|| {
            let df = (x.len() - 1) as f64;
            Some(describe::t_quantile(0.975, df)? * (describe::sample_variance(x)? / x.len() as f64).sqrt())
        })
        .flatten();
    MeanShare {
        value: m,
        ci_low: m.zip(half).map(|(m, h)| m - h),
        ci_high: m.zip(half).map(|(m, h)| m + h),
        n: x.len() as i64,
    }
}

/// The figures of one year's work.
pub fn figures(w: &Work) -> YearFigures {
    let mut marks = [0i64; 4];
    for m in w.rows.iter().filter_map(|r| r.mark) {
        if let Some(c) = usize::from(m).checked_sub(2).and_then(|i| marks.get_mut(i)) {
            *c += 1;
        }
    }
    let m = MarkFigures::of(marks);
    YearFigures {
        year: w.year,
        participants: w.rows.len() as i64,
        marked: m.marked,
        marks,
        mark_shares: m.shares,
        success: m.success,
        quality: m.quality,
        mean_primary: mean_share(&primary_shares(w)),
    }
}

/// Whether two task tables may be compared task by task; `Ok(codifier_checked)` when they
/// may.
pub fn same_tasks(earlier: &[TaskKey], later: &[TaskKey]) -> Result<bool, Mismatch> {
    if earlier.len() != later.len() {
        return Err(Mismatch::Count {
            earlier: earlier.len(),
            later: later.len(),
        });
    }
    let label = |t: &TaskKey| format!("{} ({})", t.code, t.max_score);
    for (i, (a, b)) in earlier.iter().zip(later).enumerate() {
        if a.code != b.code || a.max_score != b.max_score {
            return Err(Mismatch::Task {
                position: i + 1,
                earlier: label(a),
                later: label(b),
            });
        }
    }
    let named = |ts: &[TaskKey]| ts.iter().any(|t| !t.skills.is_empty());
    let checked = named(earlier) && named(later);
    if checked {
        let sorted = |t: &TaskKey| {
            let mut s = t.skills.clone();
            s.sort();
            s.dedup();
            s
        };
        if let Some((a, _)) = earlier.iter().zip(later).find(|(a, b)| sorted(a) != sorted(b)) {
            return Err(Mismatch::Codifier { code: a.code.clone() });
        }
    }
    Ok(checked)
}

/// Points won on the task at `i` over every result (a task not done counts 0).
fn task_points(w: &Work, i: usize) -> f64 {
    w.rows
        .iter()
        .map(|r| r.scores.get(i).copied().flatten().unwrap_or(0) as f64)
        .sum()
}

fn completion(points: f64, max: i64, n: i64) -> Share {
    let max_points = (max * n) as f64;
    // Pupils are the n of the interval (ANALYTICS.md §2.2): x = n·p may be fractional.
    let x = if max > 0 { points / max as f64 } else { 0.0 };
    let ci = usize::try_from(n).ok().filter(|_| max > 0).and_then(|n| wilson(x, n));
    Share {
        value: (max_points > 0.0).then(|| points / max_points),
        ci_low: ci.map(|c| c.0),
        ci_high: ci.map(|c| c.1),
        n,
    }
}

/// Compares a work (`later`) with the same work a year earlier (`earlier`).
pub fn compare_years(earlier: &Work, later: &Work) -> YearComparison {
    let e = figures(earlier);
    let l = figures(later);
    let too_few = e.participants < MIN_PARTICIPANTS || l.participants < MIN_PARTICIPANTS;
    let judged = |c: Option<Change>| if too_few { None } else { c };
    // Successes of a year among its marked results: marks from `from` (0 = «2») up.
    let above = |f: &YearFigures, from: usize| (f.marks.iter().skip(from).sum::<i64>() as f64, f.marked);
    let tasks = match same_tasks(&earlier.tasks, &later.tasks) {
        Ok(codifier_checked) => Tasks::Compared {
            tasks: later
                .tasks
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let (pe, pl) = (task_points(earlier, i), task_points(later, i));
                    let (ne, nl) = (e.participants, l.participants);
                    TaskPair {
                        code: t.code.clone(),
                        max_score: t.max_score,
                        earlier: completion(pe, t.max_score, ne),
                        later: completion(pl, t.max_score, nl),
                        change: (t.max_score > 0)
                            .then(|| {
                                let m = t.max_score as f64;
                                judged(newcombe((pl / m, nl), (pe / m, ne)))
                            })
                            .flatten(),
                    }
                })
                .collect(),
            codifier_checked,
        },
        Err(m) => Tasks::NotCompared(m),
    };
    YearComparison {
        mark_share_changes: std::array::from_fn(|i| {
            let of = |f: &YearFigures| (f.marks.get(i).copied().unwrap_or(0) as f64, f.marked);
            judged(newcombe(of(&l), of(&e)))
        }),
        success: judged(newcombe(above(&l, 1), above(&e, 1))),
        quality: judged(newcombe(above(&l, 2), above(&e, 2))),
        mean_primary: judged(welch(&primary_shares(later), &primary_shares(earlier))),
        tasks,
        too_few,
        earlier: e,
        later: l,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} vs {b}");
    }

    fn key(code: &str, max: i64, skills: &[&str]) -> TaskKey {
        TaskKey {
            code: code.into(),
            max_score: max,
            skills: skills.iter().map(|s| (*s).to_string()).collect(),
        }
    }

    /// `n` results: marks cycling through `marks`, primary = task 1 score + task 2 score.
    fn work(year: i64, tasks: Vec<TaskKey>, n: usize, marks: &[u8], scores: &[[Option<i64>; 2]]) -> Work {
        Work {
            year,
            max_primary: tasks.iter().map(|t| t.max_score).sum(),
            tasks,
            rows: (0..n)
                .map(|i| {
                    let s = scores[i % scores.len()];
                    ResultRow {
                        mark: Some(marks[i % marks.len()]),
                        primary: Some(s.iter().flatten().sum()),
                        scores: s.to_vec(),
                    }
                })
                .collect(),
        }
    }

    #[test]
    fn newcombe_reproduces_statsmodels_and_the_paper() {
        // statsmodels 0.15.0 confint_proportions_2indep(k1, n1, k2, n2, method="newcomb",
        // compare="diff"); the first two are Newcombe (1998) Table II, method 10.
        for (k1, n1, k2, n2, lo, hi) in [
            (56.0, 70, 48.0, 80, 0.05243147240236498, 0.33387265403690614),
            (9.0, 10, 3.0, 10, 0.1705227239345029, 0.809017973535488),
            (5.0, 56, 0.0, 29, -0.038137147903536936, 0.19256001385511165),
            (0.0, 10, 0.0, 20, -0.1611251580528194, 0.27753279986288926),
            (12.5, 30, 20.25, 35, -0.37740523188144076, 0.07802961739495912),
        ] {
            let c = newcombe((k1, n1), (k2, n2)).unwrap();
            assert!(
                (c.ci_low - lo).abs() < 1e-6,
                "{k1}/{n1} − {k2}/{n2}: {} vs {lo}",
                c.ci_low
            );
            assert!(
                (c.ci_high - hi).abs() < 1e-6,
                "{k1}/{n1} − {k2}/{n2}: {} vs {hi}",
                c.ci_high
            );
        }
        assert_eq!(newcombe((1.0, 0), (1.0, 2)), None);
    }

    #[test]
    fn welch_reproduces_statsmodels() {
        // statsmodels CompareMeans(DescrStatsW(a), DescrStatsW(b)).tconfint_diff(usevar="unequal").
        let a: Vec<f64> = [10., 12., 15., 9., 20., 18., 11., 14., 16., 13.]
            .iter()
            .map(|x| x / 24.0)
            .collect();
        let b: Vec<f64> = [8., 9., 12., 10., 7., 15., 11., 6.].iter().map(|x| x / 24.0).collect();
        let c = welch(&a, &b).unwrap();
        close(c.delta, 0.16875000000000007);
        assert!((c.ci_low - 0.03469366297404006).abs() < 1e-6, "{}", c.ci_low);
        assert!((c.ci_high - 0.30280633702595994).abs() < 1e-6, "{}", c.ci_high);
        assert_eq!(c.verdict(), Verdict::Higher);
        assert_eq!(welch(&a, &[0.5]), None);
    }

    #[test]
    fn each_year_gets_its_shares_n_and_intervals_and_the_change_its_interval() {
        let tasks = || vec![key("1", 1, &[]), key("2", 2, &[])];
        // 2025: 40 pupils, marks 2,3,4,5 ten each; 2026: 40 pupils, marks 3,4,4,5.
        let earlier = work(2025, tasks(), 40, &[2, 3, 4, 5], &[[Some(1), Some(1)], [Some(0), None]]);
        let later = work(
            2026,
            tasks(),
            40,
            &[3, 4, 4, 5],
            &[[Some(1), Some(2)], [Some(1), Some(0)]],
        );
        let c = compare_years(&earlier, &later);
        assert!(!c.too_few);
        assert_eq!((c.earlier.year, c.later.year), (2025, 2026));
        assert_eq!(c.earlier.marks, [10, 10, 10, 10]);
        assert_eq!(c.later.marks, [0, 10, 20, 10]);
        assert_eq!(c.earlier.quality.value, Some(0.5));
        assert_eq!(c.later.quality.value, Some(0.75));
        assert_eq!(c.later.success.value, Some(1.0));
        let (lo, hi) = wilson(30.0, 40).unwrap();
        assert_eq!((c.later.quality.ci_low, c.later.quality.ci_high), (Some(lo), Some(hi)));
        let q = c.quality.unwrap();
        assert_eq!(q, newcombe((30.0, 40), (20.0, 40)).unwrap());
        close(q.delta, 0.25);
        // «2»: 10 of 40 → 0 of 40; «4»: 10 of 40 → 20 of 40.
        assert_eq!(c.mark_share_changes[0], newcombe((0.0, 40), (10.0, 40)));
        close(c.mark_share_changes[0].unwrap().delta, -0.25);
        assert_eq!(c.mark_share_changes[0].unwrap().verdict(), Verdict::Lower);
        close(c.mark_share_changes[2].unwrap().delta, 0.25);
        // Mean primary share: 2025 (2/3 + 0)/2 = 1/3; 2026 (3/3 + 1/3)/2 = 2/3.
        close(c.earlier.mean_primary.value.unwrap(), 1.0 / 3.0);
        close(c.later.mean_primary.value.unwrap(), 2.0 / 3.0);
        assert_eq!(c.later.mean_primary.n, 40);
        close(c.mean_primary.unwrap().delta, 1.0 / 3.0);
        // Tasks: task 2 (max 2) 2025 (1 + 0)·20 / (2·40) = 0.25; 2026 (2 + 0)·20 / 80 = 0.5.
        let Tasks::Compared {
            tasks,
            codifier_checked,
        } = &c.tasks
        else {
            panic!("{:?}", c.tasks)
        };
        assert!(!codifier_checked);
        close(tasks[1].earlier.value.unwrap(), 0.25);
        close(tasks[1].later.value.unwrap(), 0.5);
        assert_eq!(tasks[1].later.n, 40);
        let (lo, hi) = wilson(20.0, 40).unwrap();
        assert_eq!((tasks[1].later.ci_low, tasks[1].later.ci_high), (Some(lo), Some(hi)));
        assert_eq!(tasks[1].change, newcombe((20.0, 40), (10.0, 40)));
    }

    #[test]
    fn a_year_under_thirty_participants_gets_figures_but_no_change() {
        assert_eq!(MIN_PARTICIPANTS, 30);
        let tasks = || vec![key("1", 1, &[]), key("2", 2, &[])];
        let earlier = work(2025, tasks(), 29, &[2, 5], &[[Some(1), Some(1)]]);
        let later = work(2026, tasks(), 40, &[5], &[[Some(1), Some(2)]]);
        let c = compare_years(&earlier, &later);
        assert!(c.too_few);
        assert_eq!(c.earlier.participants, 29);
        assert!(c.earlier.quality.value.is_some());
        assert_eq!((c.success, c.quality, c.mean_primary), (None, None, None));
        assert_eq!(c.mark_share_changes, [None; 4]);
        let Tasks::Compared { tasks: pairs, .. } = &c.tasks else {
            panic!("{:?}", c.tasks)
        };
        assert!(pairs.iter().all(|t| t.change.is_none() && t.earlier.value.is_some()));
        // Exactly thirty on both sides is enough.
        let c = compare_years(&work(2025, tasks(), 30, &[4], &[[Some(1), Some(1)]]), &later);
        assert!(!c.too_few && c.quality.is_some());
    }

    #[test]
    fn tasks_are_compared_only_with_identical_tables() {
        let base = vec![key("1", 1, &["1.1"]), key("2", 2, &["2.3"])];
        assert_eq!(same_tasks(&base, &base), Ok(true));
        // One year without codifier positions: compared by code and maximum only.
        let bare = vec![key("1", 1, &[]), key("2", 2, &[])];
        assert_eq!(same_tasks(&bare, &base), Ok(false));
        assert_eq!(
            same_tasks(&base, &base[..1]),
            Err(Mismatch::Count { earlier: 2, later: 1 })
        );
        let other_max = vec![key("1", 1, &[]), key("2", 3, &[])];
        assert_eq!(
            same_tasks(&base, &other_max),
            Err(Mismatch::Task {
                position: 2,
                earlier: "2 (2)".into(),
                later: "2 (3)".into()
            })
        );
        let swapped = vec![key("2", 2, &[]), key("1", 1, &[])];
        assert!(matches!(
            same_tasks(&base, &swapped),
            Err(Mismatch::Task { position: 1, .. })
        ));
        let other_skill = vec![key("1", 1, &["1.1"]), key("2", 2, &["2.4"])];
        assert_eq!(
            same_tasks(&base, &other_skill),
            Err(Mismatch::Codifier { code: "2".into() })
        );
        let w = |tasks| work(2026, tasks, 30, &[4], &[[Some(1), Some(1)]]);
        let c = compare_years(&w(base.clone()), &w(other_max));
        assert_eq!(
            c.tasks,
            Tasks::NotCompared(Mismatch::Task {
                position: 2,
                earlier: "2 (2)".into(),
                later: "2 (3)".into()
            })
        );
        assert_eq!(
            Mismatch::Count { earlier: 2, later: 1 }.msg(),
            Msg::new("year-compare-mismatch-count")
                .arg("earlier", 2)
                .arg("later", 1)
        );
        // The figures are still compared.
        assert!(c.quality.is_some());
    }

    #[test]
    fn the_verdict_needs_the_interval_to_exclude_zero() {
        let c = |lo, hi| Change {
            delta: 0.0,
            ci_low: lo,
            ci_high: hi,
        };
        assert_eq!(c(0.01, 0.2).verdict(), Verdict::Higher);
        assert_eq!(c(-0.2, -0.01).verdict(), Verdict::Lower);
        assert_eq!(c(-0.1, 0.2).verdict(), Verdict::NotDistinguishable);
    }
}
