//! Bunching at mark thresholds (ANALYTICS.md §3.2; issue 5 pinned definitions): the
//! histogram of primary scores over 0..max observed, a Poisson GLM (IRLS) with a degree-4
//! polynomial in the score plus a dummy at c − 2, c − 1 and c of every cut c. A spike at a
//! cut shows as a positive dummy at c. Only meaningful on pooled data (≥ 300 pupils); below
//! that the report says so instead of estimating.

use nalgebra::{DMatrix, DVector};
use serde::Serialize;

/// Least number of pupils for the test (ANALYTICS.md §3.2: pooled data, about 300 or more).
pub const MIN_PUPILS: usize = 300;
/// Degree of the smooth polynomial.
const DEGREE: usize = 4;

/// One cut's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CutResult {
    /// The threshold score c (first score of the higher mark).
    pub cut: u32,
    /// Pupils with score c.
    pub observed: u64,
    /// exp(polynomial part at c): the count the smooth histogram predicts.
    pub expected: Option<f64>,
    /// observed − expected.
    pub excess: Option<f64>,
    /// The dummy's coefficient at c (log of observed / expected).
    pub delta: Option<f64>,
    /// delta / (SE × √max(1, Pearson χ²/df)).
    pub z: Option<f64>,
    /// z > 2.33 and excess ≥ 10.
    pub flag: bool,
}

/// Why no model was fitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BunchingNote {
    /// Fewer than [`MIN_PUPILS`] pupils: a histogram this small cannot show bunching.
    TooFewPupils,
    /// Fewer score values than model parameters + 1: no residual degrees of freedom.
    TooFewScoreValues,
    /// A cut lies outside 0..max observed score.
    CutOutOfRange,
    /// The fit did not converge (e.g. an empty bin under a dummy).
    NotConverged,
}

/// The bunching report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BunchingReport {
    /// Pupils (scores).
    pub n: usize,
    /// Highest observed score: the histogram is 0..=max_score.
    pub max_score: u32,
    /// Pearson χ² / residual df of the fit.
    pub dispersion: Option<f64>,
    /// Residual degrees of freedom.
    pub df: Option<usize>,
    /// Per cut, in the order given.
    pub cuts: Vec<CutResult>,
    /// Set when no estimate was made, saying why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<BunchingNote>,
}

/// A fitted Poisson GLM: coefficients, their standard errors, fitted means.
struct Fit {
    beta: DVector<f64>,
    se: DVector<f64>,
    mu: DVector<f64>,
}

/// Poisson regression with log link by iteratively reweighted least squares.
fn poisson_irls(x: &DMatrix<f64>, y: &DVector<f64>) -> Option<Fit> {
    let mut mu = y.map(|v| v + 0.5);
    let mut eta = mu.map(f64::ln);
    let deviance = |mu: &DVector<f64>| -> f64 {
        y.iter()
            .zip(mu.iter())
            .map(|(y, m)| 2.0 * (if *y > 0.0 { y * (y / m).ln() } else { 0.0 } - (y - m)))
            .sum()
    };
    let mut dev = deviance(&mu);
    for _ in 0..100 {
        let z = DVector::from_iterator(y.len(), (0..y.len()).map(|i| eta[i] + (y[i] - mu[i]) / mu[i]));
        let xtw = DMatrix::from_fn(x.ncols(), x.nrows(), |j, i| x[(i, j)] * mu[i]);
        let chol = (&xtw * x).cholesky()?;
        let beta = chol.solve(&(&xtw * z));
        eta = x * &beta;
        mu = eta.map(f64::exp);
        let new_dev = deviance(&mu);
        let done = (new_dev - dev).abs() <= 1e-12 * (new_dev.abs() + 0.1);
        dev = new_dev;
        if done {
            let xtw = DMatrix::from_fn(x.ncols(), x.nrows(), |j, i| x[(i, j)] * mu[i]);
            let cov = (&xtw * x).try_inverse()?;
            let se = DVector::from_iterator(x.ncols(), (0..x.ncols()).map(|j| cov[(j, j)].max(0.0).sqrt()));
            return Some(Fit { beta, se, mu });
        }
    }
    None
}

/// The bunching test at `cuts` on a list of integer scores.
pub fn bunching(scores: &[u32], cuts: &[u32]) -> BunchingReport {
    let max = scores.iter().copied().max().unwrap_or(0);
    let bins = max as usize + 1;
    let mut counts = vec![0u64; bins];
    for &s in scores {
        counts[s as usize] += 1;
    }
    let observed = |c: u32| counts.get(c as usize).copied().unwrap_or(0);
    let empty = |note| BunchingReport {
        n: scores.len(),
        max_score: max,
        dispersion: None,
        df: None,
        cuts: cuts
            .iter()
            .map(|&c| CutResult {
                cut: c,
                observed: observed(c),
                expected: None,
                excess: None,
                delta: None,
                z: None,
                flag: false,
            })
            .collect(),
        note: Some(note),
    };
    if scores.len() < MIN_PUPILS {
        return empty(BunchingNote::TooFewPupils);
    }
    if cuts.iter().any(|&c| c > max) {
        return empty(BunchingNote::CutOutOfRange);
    }
    let mut dummies: Vec<usize> = Vec::new();
    for &c in cuts {
        for k in (c.saturating_sub(2)..=c).map(|k| k as usize) {
            if !dummies.contains(&k) {
                dummies.push(k);
            }
        }
    }
    let p = DEGREE + 1 + dummies.len();
    if bins <= p {
        return empty(BunchingNote::TooFewScoreValues);
    }
    // The polynomial in the standardised score: the same fitted values and dummy
    // coefficients as in the raw score, without the ill-conditioning of s⁴ for s up to 100.
    let mid = max as f64 / 2.0;
    let sd = ((bins * bins - 1) as f64 / 12.0).sqrt();
    let x = DMatrix::from_fn(bins, p, |s, j| {
        if j <= DEGREE {
            ((s as f64 - mid) / sd).powi(j as i32)
        } else {
            f64::from(u8::from(dummies[j - DEGREE - 1] == s))
        }
    });
    let y = DVector::from_iterator(bins, counts.iter().map(|&c| c as f64));
    let Some(fit) = poisson_irls(&x, &y) else {
        return empty(BunchingNote::NotConverged);
    };
    let df = bins - p;
    let chi2: f64 = y.iter().zip(fit.mu.iter()).map(|(y, m)| (y - m).powi(2) / m).sum();
    let dispersion = chi2 / df as f64;
    let inflate = dispersion.max(1.0).sqrt();
    let cuts = cuts
        .iter()
        .map(|&c| {
            let s = c as usize;
            let j = DEGREE + 1 + dummies.iter().position(|&k| k == s).unwrap_or(0);
            let poly: f64 = (0..=DEGREE).map(|q| x[(s, q)] * fit.beta[q]).sum();
            let expected = poly.exp();
            let excess = observed(c) as f64 - expected;
            let delta = fit.beta[j];
            let z = delta / (fit.se[j] * inflate);
            CutResult {
                cut: c,
                observed: observed(c),
                expected: Some(expected),
                excess: Some(excess),
                delta: Some(delta),
                z: Some(z),
                flag: z > 2.33 && excess >= 10.0,
            }
        })
        .collect();
    BunchingReport {
        n: scores.len(),
        max_score: max,
        dispersion: Some(dispersion),
        df: Some(df),
        cuts,
        note: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_sample_is_reported_as_too_few() {
        let r = bunching(&[3, 4, 5, 6, 6, 6], &[5]);
        assert_eq!(r.note, Some(BunchingNote::TooFewPupils));
        assert_eq!((r.cuts[0].observed, r.cuts[0].z, r.cuts[0].flag), (1, None, false));
    }

    #[test]
    fn too_few_score_values_leave_no_degrees_of_freedom() {
        let scores: Vec<u32> = (0..400).map(|i| i % 8).collect();
        assert_eq!(bunching(&scores, &[4]).note, Some(BunchingNote::TooFewScoreValues));
        assert_eq!(bunching(&scores, &[9]).note, Some(BunchingNote::CutOutOfRange));
    }
}
