//! The grading policy of a school year (fixed by the school's local act, SPEC §4.3): work
//! types with weights, how the weighted mean becomes a suggested term mark (thresholds such
//! as 4.65/3.65/2.65, or rounding half up), the minimum number of marks per period, grade 1
//! without marks, and pass/fail subjects. The mean is kept as an exact fraction so a mean of
//! exactly 4.65 meets a 4.65 threshold.

use super::marks::{Mark, PeriodMark};
use serde::{Deserialize, Serialize};

/// A kind of work and its weight in the weighted mean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkType {
    /// Stable code, e.g. "test".
    pub code: String,
    /// Name shown in the journal, e.g. "Контрольная работа".
    pub name: String,
    /// Weight (a positive whole number).
    pub weight: i64,
}

/// How a weighted mean becomes a suggested mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rounding {
    /// Lower bounds of 5, 4 and 3 in hundredths (e.g. 465, 365, 265); below the last is 2.
    Thresholds {
        /// Lowest mean giving 5, × 100.
        five: i64,
        /// Lowest mean giving 4, × 100.
        four: i64,
        /// Lowest mean giving 3, × 100.
        three: i64,
    },
    /// Mathematical rounding, x.5 up.
    HalfUp,
}

impl Default for Rounding {
    fn default() -> Self {
        Rounding::Thresholds {
            five: 465,
            four: 365,
            three: 265,
        }
    }
}

/// The grading policy of a school year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradingPolicy {
    /// Work types and weights.
    pub work_types: Vec<WorkType>,
    /// Mean → mark rule.
    pub rounding: Rounding,
    /// Fewer current marks than this in a period suggests н/а.
    pub min_marks: i64,
    /// Grade 1 is taught without marks.
    pub grade_one_without_marks: bool,
    /// Codes of subjects assessed pass/fail.
    pub pass_fail_subjects: Vec<String>,
}

impl Default for GradingPolicy {
    /// The default policy: work types from `data/reference/work_types.csv`, thresholds
    /// 4.65/3.65/2.65, at least 3 marks, grade 1 without marks (a default the deputy edits;
    /// SPEC §4.3 marks all of it school-specific).
    fn default() -> Self {
        GradingPolicy {
            work_types: crate::reference::work_types(),
            rounding: Rounding::default(),
            min_marks: 3,
            grade_one_without_marks: true,
            pass_fail_subjects: Vec::new(),
        }
    }
}

/// An exact weighted mean Σ(mark·weight) / Σ(weight).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeightedMean {
    /// Σ mark × weight.
    pub num: i64,
    /// Σ weight.
    pub den: i64,
    /// Number of marks.
    pub count: i64,
}

impl WeightedMean {
    /// The weighted mean of (mark, weight) pairs; `None` without marks or weights.
    pub fn of(marks: &[(Mark, i64)]) -> Option<WeightedMean> {
        let num: i64 = marks.iter().map(|(m, w)| m.value() * w).sum();
        let den: i64 = marks.iter().map(|(_, w)| *w).sum();
        (den > 0).then_some(WeightedMean {
            num,
            den,
            count: marks.len() as i64,
        })
    }

    /// The mean as a number (for display).
    pub fn value(&self) -> f64 {
        self.num as f64 / self.den as f64
    }

    /// Whether mean ≥ t / 100, exactly.
    fn at_least(&self, t_x100: i64) -> bool {
        self.num * 100 >= t_x100 * self.den
    }

    /// The mark this mean suggests under a rounding rule.
    pub fn suggest(&self, rounding: Rounding) -> Mark {
        let value = match rounding {
            Rounding::Thresholds { five, four, three } => {
                if self.at_least(five) {
                    5
                } else if self.at_least(four) {
                    4
                } else if self.at_least(three) {
                    3
                } else {
                    2
                }
            }
            // round(num/den) half up = floor((2·num + den) / (2·den)).
            Rounding::HalfUp => ((2 * self.num + self.den) / (2 * self.den)).clamp(1, 5),
        };
        Mark::clamped(value)
    }
}

/// What the journal suggests for a pupil's term mark.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    /// The weighted mean, when there are marks.
    pub mean: Option<WeightedMean>,
    /// The suggested term mark (н/а when there are fewer marks than the minimum).
    pub suggested: Option<PeriodMark>,
    /// Whether the pupil has fewer marks than the policy's minimum.
    pub too_few: bool,
}

impl GradingPolicy {
    /// The weight of a work type (unknown types weigh 1).
    pub fn weight(&self, work_type: &str) -> i64 {
        self.work_types
            .iter()
            .find(|w| w.code == work_type)
            .map(|w| w.weight)
            .unwrap_or(1)
    }

    /// Suggests a term mark from a pupil's current marks of the period.
    pub fn suggest(&self, marks: &[(Mark, &str)]) -> Suggestion {
        let weighted: Vec<(Mark, i64)> = marks.iter().map(|(m, t)| (*m, self.weight(t))).collect();
        let mean = WeightedMean::of(&weighted);
        let too_few = (marks.len() as i64) < self.min_marks;
        let suggested = if too_few {
            Some(PeriodMark::NotAttested)
        } else {
            mean.map(|m| PeriodMark::Mark(m.suggest(self.rounding)))
        };
        Suggestion {
            mean,
            suggested,
            too_few,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn m(v: i64) -> Mark {
        Mark::new(v).expect("mark")
    }

    #[test]
    fn a_mean_of_exactly_4_65_gets_a_five_under_thresholds() {
        // 5·13 + 4·7 = 93 over 20 = 4.65 exactly (a float would say 4.6499…).
        let mut marks = vec![(m(5), 1); 13];
        marks.extend(vec![(m(4), 1); 7]);
        let mean = WeightedMean::of(&marks).expect("mean");
        assert_eq!(mean.suggest(Rounding::default()), m(5));
        let below = WeightedMean {
            num: 929,
            den: 200,
            count: 1,
        };
        assert_eq!(below.suggest(Rounding::default()), m(4));
    }

    #[test]
    fn half_up_rounds_x_5_up() {
        assert_eq!(
            WeightedMean {
                num: 7,
                den: 2,
                count: 2
            }
            .suggest(Rounding::HalfUp),
            m(4)
        );
        assert_eq!(
            WeightedMean {
                num: 349,
                den: 100,
                count: 2
            }
            .suggest(Rounding::HalfUp),
            m(3)
        );
    }

    #[test]
    fn weights_come_from_work_types_and_too_few_marks_suggest_na() {
        let p = GradingPolicy::default();
        // Test 5 (weight 5) and homework 3 (weight 1): (25 + 3) / 6 = 4.67 → 5.
        let s = p.suggest(&[(m(5), "test"), (m(3), "homework"), (m(5), "test")]);
        assert_eq!(s.suggested, Some(PeriodMark::Mark(m(5))));
        let few = p.suggest(&[(m(5), "test")]);
        assert!(few.too_few);
        assert_eq!(few.suggested, Some(PeriodMark::NotAttested));
        assert_eq!(p.suggest(&[]).mean, None);
    }

    proptest! {
        #[test]
        fn the_weighted_mean_stays_between_the_lowest_and_highest_mark(
            marks in proptest::collection::vec((1i64..=5, 1i64..=5), 1..40)
        ) {
            let pairs: Vec<(Mark, i64)> = marks.iter().map(|(v, w)| (m(*v), *w)).collect();
            let mean = WeightedMean::of(&pairs).expect("mean");
            let lo = marks.iter().map(|(v, _)| *v).min().unwrap_or(1) as f64;
            let hi = marks.iter().map(|(v, _)| *v).max().unwrap_or(5) as f64;
            prop_assert!(mean.value() >= lo - 1e-12 && mean.value() <= hi + 1e-12);
            let s = mean.suggest(Rounding::default()).value() as f64;
            prop_assert!(s >= lo.min(2.0) && s <= hi.max(2.0));
        }
    }
}
