//! A school's result in one assessment procedure beside its municipality and region: the
//! store sums the results of every school of a level that wrote the same procedure (same
//! kind, year, subject and grade) into [`LevelCounts`] — aggregates only, never pupil rows —
//! and [`figures`] turns them into shares with their n and Wilson 95 % intervals, the same
//! formulas the school's own analysis uses. The municipality and region levels include the
//! school itself. A level with fewer than [`MIN_OTHER_SCHOOLS`] other schools or fewer than
//! [`MIN_PARTICIPANTS`] participants is flagged "too few to compare": its figures are shown,
//! a difference from the school is not.

use super::items::wilson;
use serde::Serialize;

/// A level needs at least this many schools besides the school itself.
pub const MIN_OTHER_SCHOOLS: i64 = 2;

/// A level needs at least this many participants.
pub const MIN_PARTICIPANTS: i64 = 30;

/// Summed points of one task (by code) over the results of a level.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TaskCounts {
    /// Task code, e.g. "9.1".
    pub code: String,
    /// Points won (a task not done counts 0).
    pub points: i64,
    /// Maximum score × participants, summed.
    pub max_points: i64,
    /// Participants.
    pub n: i64,
}

/// Counts of one level (a school, or every school of a municipality or region that wrote the
/// procedure).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LevelCounts {
    /// Schools with at least one result.
    pub schools: i64,
    /// Of them, schools other than the school being compared.
    pub other_schools: i64,
    /// Participants (result rows).
    pub participants: i64,
    /// How many got the marks 2, 3, 4 and 5.
    pub marks: [i64; 4],
    /// Sum of the primary scores.
    pub primary_sum: i64,
    /// Sum of the maximum primary score over the results with a primary score.
    pub primary_max_sum: i64,
    /// Results with a primary score.
    pub primary_n: i64,
    /// Per task, in the order the store found them.
    pub tasks: Vec<TaskCounts>,
}

impl LevelCounts {
    /// Adds another level's (or school's) counts; tasks are matched by code.
    pub fn add(&mut self, other: &LevelCounts) {
        self.schools += other.schools;
        self.other_schools += other.other_schools;
        self.participants += other.participants;
        for (a, b) in self.marks.iter_mut().zip(other.marks) {
            *a += b;
        }
        self.primary_sum += other.primary_sum;
        self.primary_max_sum += other.primary_max_sum;
        self.primary_n += other.primary_n;
        for t in &other.tasks {
            match self.tasks.iter_mut().find(|x| x.code == t.code) {
                Some(x) => {
                    x.points += t.points;
                    x.max_points += t.max_points;
                    x.n += t.n;
                }
                None => self.tasks.push(t.clone()),
            }
        }
    }

    /// Results with a mark 2–5.
    pub fn marked(&self) -> i64 {
        self.marks.iter().sum()
    }
}

/// A share with its n and Wilson 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Share {
    /// The share, 0..1 (`None` when n = 0).
    pub value: Option<f64>,
    /// Lower end of the interval.
    pub ci_low: Option<f64>,
    /// Upper end of the interval.
    pub ci_high: Option<f64>,
    /// n.
    pub n: i64,
}

impl Share {
    /// `k` of `n`, with its interval.
    pub fn of(k: i64, n: i64) -> Share {
        let ci = usize::try_from(n).ok().and_then(|n| wilson(k as f64, n));
        Share {
            value: (n > 0).then(|| k as f64 / n as f64),
            ci_low: ci.map(|c| c.0),
            ci_high: ci.map(|c| c.1),
            n,
        }
    }
}

/// Completion of one task at a level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskFigure {
    /// Task code.
    pub code: String,
    /// points / (max × n).
    pub completion: Option<f64>,
    /// Participants.
    pub n: i64,
}

/// The figures of a level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelFigures {
    /// Schools with results.
    pub schools: i64,
    /// Schools other than the compared one.
    pub other_schools: i64,
    /// Participants.
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
    /// Mean primary score as a share of the maximum.
    pub mean_primary: Option<f64>,
    /// n of the mean primary score.
    pub primary_n: i64,
    /// Completion per task.
    pub tasks: Vec<TaskFigure>,
    /// Too few schools or participants to compare with.
    pub too_few: bool,
}

impl LevelFigures {
    /// Completion of a task by code.
    pub fn task(&self, code: &str) -> Option<&TaskFigure> {
        self.tasks.iter().find(|t| t.code == code)
    }
}

/// Whether a comparison level is too small to compare with.
pub fn too_few(other_schools: i64, participants: i64) -> bool {
    other_schools < MIN_OTHER_SCHOOLS || participants < MIN_PARTICIPANTS
}

/// What the counts of the marks 2, 3, 4 and 5 give: the results with a mark, each mark's
/// share of them, успеваемость (3–5) and качество знаний (4–5) with their intervals.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkFigures {
    /// Results with a mark.
    pub marked: i64,
    /// Shares of the marks 2, 3, 4 and 5.
    pub shares: [Option<f64>; 4],
    /// Marks 3–5 among the marked.
    pub success: Share,
    /// Marks 4–5 among the marked.
    pub quality: Share,
}

impl MarkFigures {
    /// The figures of mark counts `[2, 3, 4, 5]`.
    pub fn of(marks: [i64; 4]) -> MarkFigures {
        let marked: i64 = marks.iter().sum();
        let [_, m3, m4, m5] = marks;
        MarkFigures {
            marked,
            shares: marks.map(|k| (marked > 0).then(|| k as f64 / marked as f64)),
            success: Share::of(m3 + m4 + m5, marked),
            quality: Share::of(m4 + m5, marked),
        }
    }
}

/// The figures of a level. `compared` is true for the municipality and region levels (they
/// get the "too few" flag), false for the school itself.
pub fn figures(c: &LevelCounts, compared: bool) -> LevelFigures {
    let m = MarkFigures::of(c.marks);
    LevelFigures {
        schools: c.schools,
        other_schools: c.other_schools,
        participants: c.participants,
        marked: m.marked,
        marks: c.marks,
        mark_shares: m.shares,
        success: m.success,
        quality: m.quality,
        mean_primary: (c.primary_max_sum > 0).then(|| c.primary_sum as f64 / c.primary_max_sum as f64),
        primary_n: c.primary_n,
        tasks: c
            .tasks
            .iter()
            .map(|t| TaskFigure {
                code: t.code.clone(),
                completion: (t.max_points > 0).then(|| t.points as f64 / t.max_points as f64),
                n: t.n,
            })
            .collect(),
        too_few: compared && too_few(c.other_schools, c.participants),
    }
}

/// The school's figure minus the level's, when both exist and the level may be compared.
pub fn difference(school: Option<f64>, level: &LevelFigures, of_level: Option<f64>) -> Option<f64> {
    if level.too_few {
        return None;
    }
    Some(school? - of_level?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(schools: i64, marks: [i64; 4]) -> LevelCounts {
        LevelCounts {
            schools,
            other_schools: schools - 1,
            participants: marks.iter().sum(),
            marks,
            primary_sum: 30,
            primary_max_sum: 60,
            primary_n: 3,
            tasks: vec![TaskCounts {
                code: "1".into(),
                points: 3,
                max_points: 6,
                n: 3,
            }],
        }
    }

    #[test]
    fn shares_come_from_the_marked_results_with_wilson_intervals() {
        let f = figures(&counts(3, [2, 3, 4, 1]), true);
        assert_eq!(f.marked, 10);
        assert_eq!(f.success.value, Some(0.8));
        assert_eq!(f.quality.value, Some(0.5));
        let (lo, hi) = wilson(5.0, 10).unwrap();
        assert_eq!((f.quality.ci_low, f.quality.ci_high), (Some(lo), Some(hi)));
        assert_eq!(f.mean_primary, Some(0.5));
        assert_eq!(f.tasks[0].completion, Some(0.5));
        // 10 participants: too few to compare, though there are 2 other schools.
        assert!(f.too_few);
        // The school itself is never flagged.
        assert!(!figures(&counts(1, [2, 3, 4, 1]), false).too_few);
    }

    #[test]
    fn the_thresholds_are_two_other_schools_and_thirty_participants() {
        assert!(too_few(1, 500));
        assert!(too_few(2, 29));
        assert!(!too_few(2, 30));
    }

    #[test]
    fn adding_levels_matches_tasks_by_code() {
        let mut a = counts(1, [1, 1, 1, 1]);
        let mut b = counts(2, [0, 0, 2, 2]);
        b.tasks.push(TaskCounts {
            code: "2".into(),
            points: 1,
            max_points: 2,
            n: 1,
        });
        a.add(&b);
        assert_eq!(a.marks, [1, 1, 3, 3]);
        assert_eq!(a.schools, 3);
        assert_eq!(a.tasks.len(), 2);
        assert_eq!(a.tasks[0].points, 6);
        assert_eq!(a.tasks[0].max_points, 12);
        let f = figures(&a, true);
        assert_eq!(difference(Some(0.9), &f, Some(0.5)), None, "8 participants: too few");
    }
}
