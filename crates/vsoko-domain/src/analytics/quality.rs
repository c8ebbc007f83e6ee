//! Quality metrics of any group (class, parallel, subject, teacher, school) for a period,
//! and their dynamics between two periods or years. The formulas are SPEC §4.2's, computed
//! once in `journal::metrics`; this module only pools mark counts into groups and compares
//! two periods, keeping the n of both sides next to every change.

use crate::journal::metrics::{MarkCounts, Metrics, SouLowWeight};
use serde::Serialize;

/// The metrics of a group pooled from its parts (e.g. a parallel from its classes, a
/// teacher from their classes × subjects): the mark counts are summed, then the SPEC
/// formulas are applied once, so every pupil weighs the same.
pub fn group_metrics<'a>(parts: impl IntoIterator<Item = &'a MarkCounts>, low: SouLowWeight) -> Metrics {
    parts
        .into_iter()
        .fold(MarkCounts::default(), |acc, c| acc.merge(*c))
        .metrics(low)
}

/// A metric in two periods and its change, each side with its n.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Change {
    /// Value in the earlier period.
    pub before: Option<f64>,
    /// Value in the later period.
    pub after: Option<f64>,
    /// after − before (shares: in fractions, i.e. percentage points / 100).
    pub delta: Option<f64>,
    /// n of the earlier value.
    pub n_before: i64,
    /// n of the later value.
    pub n_after: i64,
}

impl Change {
    fn of(before: Option<f64>, after: Option<f64>, n_before: i64, n_after: i64) -> Change {
        Change {
            before,
            after,
            delta: before.zip(after).map(|(b, a)| a - b),
            n_before,
            n_after,
        }
    }
}

/// Dynamics of the four SPEC §4.2 metrics between two periods (or years).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Dynamics {
    /// Успеваемость.
    pub success_rate: Change,
    /// Качество знаний.
    pub knowledge_quality: Change,
    /// СОУ, %.
    pub degree_of_learning: Change,
    /// Средний балл (its n is the number of numeric marks).
    pub mean_mark: Change,
}

/// The change of every metric from `before` to `after`.
pub fn dynamics(before: &Metrics, after: &Metrics) -> Dynamics {
    Dynamics {
        success_rate: Change::of(before.success_rate, after.success_rate, before.n, after.n),
        knowledge_quality: Change::of(before.knowledge_quality, after.knowledge_quality, before.n, after.n),
        degree_of_learning: Change::of(before.degree_of_learning, after.degree_of_learning, before.n, after.n),
        mean_mark: Change::of(before.mean_mark, after.mean_mark, before.mean_n, after.mean_n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(n5: i64, n4: i64, n3: i64, n2: i64) -> MarkCounts {
        MarkCounts {
            n5,
            n4,
            n3,
            n2,
            ..Default::default()
        }
    }

    #[test]
    fn a_group_pools_pupils_not_class_percentages() {
        // 1 of 1 and 0 of 9 pupils with 4–5: the pooled quality is 1/10, not (1 + 0)/2.
        let m = group_metrics(&[counts(1, 0, 0, 0), counts(0, 0, 9, 0)], SouLowWeight::NotAttested);
        assert_eq!(m.n, 10);
        assert!((m.knowledge_quality.unwrap() - 0.1).abs() < 1e-12);
    }

    #[test]
    fn dynamics_carry_both_ns_and_no_delta_without_a_side() {
        let a = counts(2, 2, 4, 2).metrics(SouLowWeight::NotAttested);
        let b = counts(4, 4, 2, 0).metrics(SouLowWeight::NotAttested);
        let d = dynamics(&a, &b);
        assert!((d.success_rate.delta.unwrap() - 0.2).abs() < 1e-12);
        assert_eq!((d.success_rate.n_before, d.success_rate.n_after), (10, 10));
        let empty = MarkCounts::default().metrics(SouLowWeight::NotAttested);
        assert_eq!(dynamics(&empty, &b).mean_mark.delta, None);
    }
}
