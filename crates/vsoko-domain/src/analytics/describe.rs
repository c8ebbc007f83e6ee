//! Descriptive helpers shared by the methods: means, sample variances, Pearson correlation,
//! mid-ranks and the distribution quantiles (from `statrs`; none is hand-written here).

use statrs::distribution::{Binomial, ContinuousCDF, DiscreteCDF, FisherSnedecor, Normal, StudentsT};

/// Arithmetic mean; `None` for an empty slice.
pub fn mean(x: &[f64]) -> Option<f64> {
    (!x.is_empty()).then(|| x.iter().sum::<f64>() / x.len() as f64)
}

/// Sample variance (divisor n − 1); `None` below two values.
pub fn sample_variance(x: &[f64]) -> Option<f64> {
    if x.len() < 2 {
        return None;
    }
    let m = mean(x)?;
    Some(x.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (x.len() - 1) as f64)
}

/// Pearson correlation; `None` when fewer than two pairs or either side is constant.
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() || x.len() < 2 {
        return None;
    }
    let (mx, my) = (mean(x)?, mean(y)?);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx).powi(2);
        syy += (b - my).powi(2);
    }
    // A column of equal values has no correlation; rounding can leave a tiny sxx, so
    // compare against the scale of the data rather than against zero.
    let tiny = |s: f64, m: f64| s <= 1e-24 * (1.0 + m * m) * x.len() as f64;
    if tiny(sxx, mx) || tiny(syy, my) {
        return None;
    }
    Some(sxy / (sxx * syy).sqrt())
}

/// Ranks 1..n with ties given the mean of the ranks they span (mid-ranks).
pub fn mid_ranks(x: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut ranks = vec![0.0; x.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && x[order[j + 1]] == x[order[i]] {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            ranks[k] = rank;
        }
        i = j + 1;
    }
    ranks
}

/// Spearman's ρ: Pearson correlation of the mid-ranks.
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    pearson(&mid_ranks(x), &mid_ranks(y))
}

/// The standard normal quantile at `p` (0 < p < 1).
pub fn normal_quantile(p: f64) -> f64 {
    // Normal::new(0, 1) cannot fail; the fallback keeps the function total.
    Normal::new(0.0, 1.0).map_or(f64::NAN, |d| d.inverse_cdf(p.clamp(0.0, 1.0)))
}

/// The Student t quantile at `p` with `df` degrees of freedom; `None` for df ≤ 0.
pub fn t_quantile(p: f64, df: f64) -> Option<f64> {
    StudentsT::new(0.0, 1.0, df)
        .ok()
        .map(|d| d.inverse_cdf(p.clamp(0.0, 1.0)))
}

/// The F(df1, df2) quantile at `p`; `None` for non-positive degrees of freedom.
pub fn f_quantile(p: f64, df1: f64, df2: f64) -> Option<f64> {
    FisherSnedecor::new(df1, df2)
        .ok()
        .map(|d| d.inverse_cdf(p.clamp(0.0, 1.0)))
}

/// Exact two-sided binomial test of `k` successes in `n` trials with p = ½ (the sign test):
/// twice the smaller tail, at most 1. With no trials the only outcome is certain: 1.
pub fn sign_test(k: u64, n: u64) -> f64 {
    if n == 0 {
        return 1.0;
    }
    let Ok(b) = Binomial::new(0.5, n) else {
        return f64::NAN;
    };
    let small = k.min(n - k);
    (2.0 * b.cdf(small)).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_the_mean_of_their_ranks() {
        assert_eq!(mid_ranks(&[3.0, 1.0, 3.0, 2.0]), vec![3.5, 1.0, 3.5, 2.0]);
    }

    #[test]
    fn a_constant_column_has_no_correlation() {
        assert_eq!(pearson(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]), None);
        assert_eq!(pearson(&[0.1, 0.1, 0.1], &[1.0, 2.0, 3.0]), None);
    }

    #[test]
    fn sign_test_is_symmetric_and_capped_at_one() {
        assert!((sign_test(0, 5) - 0.0625).abs() < 1e-12);
        assert!((sign_test(5, 5) - 0.0625).abs() < 1e-12);
        assert_eq!(sign_test(2, 4), 1.0);
        assert_eq!(sign_test(0, 0), 1.0);
    }
}
