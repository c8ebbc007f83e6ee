//! Objectivity of marking (ANALYTICS.md §3.1, issue 5 pinned definitions): the external
//! test mark against the journal mark of the same pupils — lowered / confirmed / raised
//! shares, gaps of two marks or more, the exact sign test, Cohen's κ (unweighted, linear,
//! quadratic) with asymptotic Fleiss–Cohen–Everitt standard errors, Spearman's ρ with
//! mid-ranks, and the "possible lenient marking" flag.

use super::describe::{sign_test, spearman};
use serde::Serialize;

/// The marks κ is computed over: 2, 3, 4, 5.
const K: usize = 4;

/// Least number of pairs for the lenient-marking flag.
pub const MIN_PAIRS_FOR_FLAG: usize = 10;

/// Disagreement weights of κ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KappaWeights {
    /// Every disagreement weighs 1 (Cohen's κ).
    Unweighted,
    /// |a − b|.
    Linear,
    /// (a − b)².
    Quadratic,
}

/// κ with its asymptotic standard error, or why it is undefined.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kappa {
    /// The estimate and its SE (Fleiss, Cohen & Everitt 1969; not the SE under the null).
    Value {
        /// κ.
        kappa: f64,
        /// Its asymptotic standard error.
        se: f64,
    },
    /// Chance agreement is 1 (e.g. every pupil has the same mark on both sides): κ = 0/0.
    Undefined,
}

/// κ of a 4×4 table of counts (rows: test mark 2..5, columns: journal mark 2..5).
pub fn kappa(table: &[[f64; K]; K], weights: KappaWeights) -> Kappa {
    let n: f64 = table.iter().flatten().sum();
    if n <= 0.0 {
        return Kappa::Undefined;
    }
    // Agreement weights w = 1 − d / d_max (1 on the diagonal); κ_w does not depend on the
    // scale of the disagreement weights, and this form is the one FCE's variance is given in.
    let w = |a: usize, b: usize| -> f64 {
        let d = a.abs_diff(b) as f64;
        let dmax = (K - 1) as f64;
        match weights {
            KappaWeights::Unweighted => f64::from(u8::from(a == b)),
            KappaWeights::Linear => 1.0 - d / dmax,
            KappaWeights::Quadratic => 1.0 - (d / dmax).powi(2),
        }
    };
    let p = |a: usize, b: usize| table[a][b] / n;
    let row: Vec<f64> = (0..K).map(|a| (0..K).map(|b| p(a, b)).sum()).collect();
    let col: Vec<f64> = (0..K).map(|b| (0..K).map(|a| p(a, b)).sum()).collect();
    let cells = || (0..K).flat_map(|a| (0..K).map(move |b| (a, b)));
    let po: f64 = cells().map(|(a, b)| w(a, b) * p(a, b)).sum();
    let pe: f64 = cells().map(|(a, b)| w(a, b) * row[a] * col[b]).sum();
    if (1.0 - pe).abs() < 1e-12 {
        return Kappa::Undefined;
    }
    let k = (po - pe) / (1.0 - pe);
    // w̄_a. = Σ_b p_.b w_ab, w̄_.b = Σ_a p_a. w_ab.
    let wr: Vec<f64> = (0..K).map(|a| (0..K).map(|b| col[b] * w(a, b)).sum()).collect();
    let wc: Vec<f64> = (0..K).map(|b| (0..K).map(|a| row[a] * w(a, b)).sum()).collect();
    let s: f64 = cells()
        .map(|(a, b)| p(a, b) * (w(a, b) - (wr[a] + wc[b]) * (1.0 - k)).powi(2))
        .sum();
    let var = (s - (k - pe * (1.0 - k)).powi(2)) / (n * (1.0 - pe).powi(2));
    Kappa::Value {
        kappa: k,
        se: var.max(0.0).sqrt(),
    }
}

/// The objectivity figures of a group. Shares are fractions of `n`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Objectivity {
    /// Pupils with both marks (2–5).
    pub n: usize,
    /// Test mark < journal mark.
    pub lowered: f64,
    /// Test mark = journal mark.
    pub confirmed: f64,
    /// Test mark > journal mark.
    pub raised: f64,
    /// |test − journal| ≥ 2.
    pub gap_2_or_more: f64,
    /// Exact two-sided binomial test of lowered against raised (ties left out).
    pub sign_test_p: f64,
    /// Cohen's κ.
    pub kappa: Option<f64>,
    /// Its asymptotic SE.
    pub kappa_se: Option<f64>,
    /// κ with linear disagreement weights.
    pub kappa_linear: Option<f64>,
    /// Its asymptotic SE.
    pub kappa_linear_se: Option<f64>,
    /// κ with quadratic disagreement weights.
    pub kappa_quadratic: Option<f64>,
    /// Its asymptotic SE.
    pub kappa_quadratic_se: Option<f64>,
    /// Why κ is null, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kappa_undefined: Option<&'static str>,
    /// Spearman's ρ with mid-ranks; null when either side has one mark only.
    pub spearman: Option<f64>,
}

impl Objectivity {
    /// "Possible lenient marking": sign-test p < 0.05, lowered − raised ≥ 0.25 and at
    /// least 10 pairs. A signal for analysis, never proof.
    pub fn flag_lenient(&self) -> bool {
        self.n >= MIN_PAIRS_FOR_FLAG && self.sign_test_p < 0.05 && self.lowered - self.raised >= 0.25
    }
}

/// The objectivity of (test mark, journal mark) pairs; pairs with a mark outside 2..5 are
/// left out. `None` when no pair is left.
pub fn objectivity(pairs: &[(u8, u8)]) -> Option<Objectivity> {
    let pairs: Vec<(u8, u8)> = pairs
        .iter()
        .copied()
        .filter(|(t, j)| (2..=5).contains(t) && (2..=5).contains(j))
        .collect();
    let n = pairs.len();
    if n == 0 {
        return None;
    }
    let count = |f: &dyn Fn(u8, u8) -> bool| pairs.iter().filter(|(t, j)| f(*t, *j)).count();
    let lowered = count(&|t, j| t < j);
    let raised = count(&|t, j| t > j);
    let confirmed = n - lowered - raised;
    let gap = count(&|t, j| t.abs_diff(j) >= 2);
    let mut table = [[0.0; K]; K];
    for (t, j) in &pairs {
        table[usize::from(t - 2)][usize::from(j - 2)] += 1.0;
    }
    let nf = n as f64;
    let mut o = Objectivity {
        n,
        lowered: lowered as f64 / nf,
        confirmed: confirmed as f64 / nf,
        raised: raised as f64 / nf,
        gap_2_or_more: gap as f64 / nf,
        sign_test_p: sign_test(lowered as u64, (lowered + raised) as u64),
        kappa: None,
        kappa_se: None,
        kappa_linear: None,
        kappa_linear_se: None,
        kappa_quadratic: None,
        kappa_quadratic_se: None,
        kappa_undefined: None,
        spearman: None,
    };
    let slots = [
        (KappaWeights::Unweighted, &mut o.kappa, &mut o.kappa_se),
        (KappaWeights::Linear, &mut o.kappa_linear, &mut o.kappa_linear_se),
        (
            KappaWeights::Quadratic,
            &mut o.kappa_quadratic,
            &mut o.kappa_quadratic_se,
        ),
    ];
    let mut undefined = false;
    for (w, k_slot, se_slot) in slots {
        match kappa(&table, w) {
            Kappa::Value { kappa, se } => {
                *k_slot = Some(kappa);
                *se_slot = Some(se);
            }
            Kappa::Undefined => undefined = true,
        }
    }
    if undefined {
        o.kappa_undefined = Some("chance agreement is 1: both marks take a single value");
    }
    let t: Vec<f64> = pairs.iter().map(|p| f64::from(p.0)).collect();
    let j: Vec<f64> = pairs.iter().map(|p| f64::from(p.1)).collect();
    o.spearman = spearman(&t, &j);
    Some(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Agresti's SexualFun table (vcd): κ 0.1293 (SE 0.06860), linear 0.2374 (SE 0.07832),
    /// values reproduced in ANALYTICS.md §3.1.
    #[test]
    fn sexual_fun_reproduces_the_published_kappas() {
        let t = [
            [7.0, 7.0, 2.0, 3.0],
            [2.0, 8.0, 3.0, 7.0],
            [1.0, 5.0, 4.0, 9.0],
            [2.0, 8.0, 9.0, 14.0],
        ];
        let Kappa::Value { kappa: k, se } = kappa(&t, KappaWeights::Unweighted) else {
            panic!("defined")
        };
        assert!((k - 0.129330).abs() < 1e-6 && (se - 0.068599).abs() < 1e-6, "{k} {se}");
        let Kappa::Value { kappa: k, se } = kappa(&t, KappaWeights::Linear) else {
            panic!("defined")
        };
        assert!((k - 0.237381).abs() < 1e-6 && (se - 0.078316).abs() < 1e-6, "{k} {se}");
    }

    #[test]
    fn all_marks_equal_leave_kappa_undefined_with_a_reason() {
        let o = objectivity(&[(4, 4); 12]).unwrap();
        assert_eq!(
            (o.kappa, o.kappa_linear, o.kappa_quadratic, o.spearman),
            (None, None, None, None)
        );
        assert!(o.kappa_undefined.is_some());
        assert_eq!((o.confirmed, o.sign_test_p), (1.0, 1.0));
    }

    #[test]
    fn marks_outside_two_to_five_are_left_out_and_no_pairs_give_nothing() {
        assert_eq!(objectivity(&[(1, 4), (4, 0)]), None);
        assert_eq!(objectivity(&[(1, 4), (3, 4)]).map(|o| o.n), Some(1));
    }

    proptest::proptest! {
        #[test]
        fn kappas_are_at_most_one_with_a_finite_se(pairs in proptest::collection::vec((2u8..=5, 2u8..=5), 1..80)) {
            let o = objectivity(&pairs).unwrap();
            proptest::prop_assert!((o.lowered + o.confirmed + o.raised - 1.0).abs() < 1e-12);
            for (k, se) in [(o.kappa, o.kappa_se), (o.kappa_linear, o.kappa_linear_se), (o.kappa_quadratic, o.kappa_quadratic_se)] {
                proptest::prop_assert_eq!(k.is_some(), se.is_some());
                if let (Some(k), Some(se)) = (k, se) {
                    proptest::prop_assert!(k <= 1.0 + 1e-12 && se.is_finite() && se >= 0.0);
                }
            }
            proptest::prop_assert!((0.0..=1.0).contains(&o.sign_test_p));
        }
    }

    #[test]
    fn the_flag_needs_ten_pairs() {
        let nine = objectivity(&[(3, 4); 9]).unwrap();
        assert!(nine.sign_test_p < 0.05 && !nine.flag_lenient());
        assert!(objectivity(&[(3, 4); 10]).unwrap().flag_lenient());
    }
}
