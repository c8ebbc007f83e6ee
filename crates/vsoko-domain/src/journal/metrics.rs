//! The standard metrics of a group × subject × period (SPEC §4.2) from its term marks:
//! success rate, knowledge quality, degree of learning (СОУ, Simonov) and mean mark, with
//! н/а counted in the denominator and осв. left out, exactly as specified.

use super::marks::PeriodMark;
use serde::{Deserialize, Serialize};

/// Which entry carries the СОУ weight 7 (sources differ; н/а is the default, SPEC §4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SouLowWeight {
    /// н/а weighs 7, mark 1 weighs 0.
    #[default]
    NotAttested,
    /// Mark 1 weighs 7, н/а weighs 0.
    MarkOne,
}

/// Counts of term marks in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MarkCounts {
    /// Fives.
    pub n5: i64,
    /// Fours.
    pub n4: i64,
    /// Threes.
    pub n3: i64,
    /// Twos.
    pub n2: i64,
    /// Ones (where the scale allows them).
    pub n1: i64,
    /// н/а.
    pub na: i64,
    /// осв. (not counted in any metric).
    pub exempt: i64,
    /// зачёт.
    pub pass: i64,
    /// незачёт.
    pub fail: i64,
}

impl MarkCounts {
    /// Counts a list of term marks.
    pub fn from_marks<'a>(marks: impl IntoIterator<Item = &'a PeriodMark>) -> MarkCounts {
        let mut c = MarkCounts::default();
        for m in marks {
            c.add(*m);
        }
        c
    }

    /// Adds one term mark.
    pub fn add(&mut self, m: PeriodMark) {
        match m {
            PeriodMark::Mark(v) => match v.value() {
                5 => self.n5 += 1,
                4 => self.n4 += 1,
                3 => self.n3 += 1,
                2 => self.n2 += 1,
                _ => self.n1 += 1,
            },
            PeriodMark::NotAttested => self.na += 1,
            PeriodMark::Exempt => self.exempt += 1,
            PeriodMark::Pass => self.pass += 1,
            PeriodMark::Fail => self.fail += 1,
        }
    }

    /// Sums two groups (a parallel from its classes, a school from its parallels).
    pub fn merge(self, o: MarkCounts) -> MarkCounts {
        MarkCounts {
            n5: self.n5 + o.n5,
            n4: self.n4 + o.n4,
            n3: self.n3 + o.n3,
            n2: self.n2 + o.n2,
            n1: self.n1 + o.n1,
            na: self.na + o.na,
            exempt: self.exempt + o.exempt,
            pass: self.pass + o.pass,
            fail: self.fail + o.fail,
        }
    }

    /// N: pupils with a numeric mark or н/а (exempt and pass/fail excluded).
    pub fn n(&self) -> i64 {
        self.n5 + self.n4 + self.n3 + self.n2 + self.n1 + self.na
    }

    /// The metrics of these counts.
    pub fn metrics(&self, low: SouLowWeight) -> Metrics {
        let n = self.n();
        let share = |k: i64| (n > 0).then(|| k as f64 / n as f64);
        let (w_na, w_one) = match low {
            SouLowWeight::NotAttested => (7, 0),
            SouLowWeight::MarkOne => (0, 7),
        };
        let sou_points = 100 * self.n5 + 64 * self.n4 + 36 * self.n3 + 16 * self.n2 + w_one * self.n1 + w_na * self.na;
        let marked = self.n5 + self.n4 + self.n3 + self.n2 + self.n1;
        let mark_sum = 5 * self.n5 + 4 * self.n4 + 3 * self.n3 + 2 * self.n2 + self.n1;
        Metrics {
            n,
            success_rate: share(self.n5 + self.n4 + self.n3),
            knowledge_quality: share(self.n5 + self.n4),
            degree_of_learning: (n > 0).then(|| sou_points as f64 / n as f64),
            mean_mark: (marked > 0).then(|| mark_sum as f64 / marked as f64),
            mean_n: marked,
            pass_rate: (self.pass + self.fail > 0).then(|| self.pass as f64 / (self.pass + self.fail) as f64),
        }
    }
}

/// Metrics of a group. Shares are fractions 0..1; СОУ is in percent 0..100 (its weights are
/// already percentages); each is `None` when its denominator is zero.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    /// N (denominator of the shares and СОУ).
    pub n: i64,
    /// Успеваемость: (n5 + n4 + n3) / N.
    pub success_rate: Option<f64>,
    /// Качество знаний: (n5 + n4) / N.
    pub knowledge_quality: Option<f64>,
    /// СОУ, %: (100·n5 + 64·n4 + 36·n3 + 16·n2 + 7·(н/а or 1)) / N.
    pub degree_of_learning: Option<f64>,
    /// Средний балл over numeric marks (н/а excluded).
    pub mean_mark: Option<f64>,
    /// Denominator of the mean mark.
    pub mean_n: i64,
    /// Share of зачёт among pass/fail entries.
    pub pass_rate: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    /// SPEC §4.2 worked example: 7Б mathematics, 2nd quarter.
    #[test]
    fn worked_example_of_the_spec() {
        let c = MarkCounts {
            n5: 4,
            n4: 9,
            n3: 10,
            n2: 1,
            na: 1,
            exempt: 1,
            ..Default::default()
        };
        let m = c.metrics(SouLowWeight::NotAttested);
        assert_eq!(m.n, 25);
        assert!(close(m.success_rate, 0.92));
        assert!(close(m.knowledge_quality, 0.52));
        assert!(close(m.degree_of_learning, 54.36));
        assert!(close(m.mean_mark, 88.0 / 24.0));
    }

    #[test]
    fn na_counts_in_the_denominator_and_exempt_does_not() {
        let base = MarkCounts {
            n5: 1,
            n4: 1,
            ..Default::default()
        };
        let with_na = MarkCounts { na: 2, ..base };
        let with_exempt = MarkCounts { exempt: 2, ..base };
        assert!(close(with_na.metrics(SouLowWeight::NotAttested).success_rate, 0.5));
        assert!(close(with_exempt.metrics(SouLowWeight::NotAttested).success_rate, 1.0));
        assert_eq!(
            with_na.metrics(SouLowWeight::NotAttested).mean_n,
            2,
            "н/а is not in the mean"
        );
    }

    #[test]
    fn the_seven_weight_goes_to_the_configured_entry() {
        let c = MarkCounts {
            n1: 1,
            na: 1,
            ..Default::default()
        };
        assert!(close(c.metrics(SouLowWeight::NotAttested).degree_of_learning, 3.5));
        assert!(close(c.metrics(SouLowWeight::MarkOne).degree_of_learning, 3.5));
        let only_na = MarkCounts {
            na: 1,
            ..Default::default()
        };
        assert!(close(
            only_na.metrics(SouLowWeight::NotAttested).degree_of_learning,
            7.0
        ));
        assert!(close(only_na.metrics(SouLowWeight::MarkOne).degree_of_learning, 0.0));
    }

    #[test]
    fn empty_groups_have_no_metrics() {
        let m = MarkCounts {
            exempt: 3,
            ..Default::default()
        }
        .metrics(SouLowWeight::NotAttested);
        assert_eq!((m.n, m.success_rate, m.mean_mark), (0, None, None));
    }

    proptest! {
        #[test]
        fn quality_never_exceeds_success_and_sou_stays_in_range(
            n5 in 0i64..40, n4 in 0i64..40, n3 in 0i64..40, n2 in 0i64..40, na in 0i64..5, ex in 0i64..5
        ) {
            let c = MarkCounts { n5, n4, n3, n2, na, exempt: ex, ..Default::default() };
            let m = c.metrics(SouLowWeight::NotAttested);
            if let (Some(q), Some(s), Some(sou)) = (m.knowledge_quality, m.success_rate, m.degree_of_learning) {
                prop_assert!(q <= s && s <= 1.0 && q >= 0.0);
                prop_assert!((0.0..=100.0).contains(&sou));
            }
            if let Some(mean) = m.mean_mark {
                prop_assert!((2.0..=5.0).contains(&mean));
            }
            let merged = c.merge(c);
            prop_assert_eq!(merged.n(), 2 * c.n());
        }
    }
}
