//! Value-added of classes (ANALYTICS.md §1.1, §1.2; issue 5 pinned definitions): a
//! random-intercept model current = β0 + β1·prior + u_class + e fitted by REML exactly as
//! lme4 profiles it, empirical-Bayes class effects with posterior SD and ±1.96·SD interval,
//! and the residual gain (OLS over all pupils, the class's mean residual with a one-sample
//! t-interval) as the simple, explainable companion.

use super::describe::{mean, sample_variance, t_quantile};
use nalgebra::{Matrix2, Vector2};
use serde::Serialize;

/// Below this many pupils a class gets no effect estimate.
pub const MIN_PUPILS: usize = 10;
/// Below this many pupils a class's estimate is marked low reliability.
pub const RELIABLE_PUPILS: usize = 20;

/// One pupil: class, prior score, current score.
#[derive(Debug, Clone, PartialEq)]
pub struct VaPupil {
    /// Class (or teacher) the effect is estimated for.
    pub class: String,
    /// Prior score.
    pub prior: f64,
    /// Current score.
    pub current: f64,
}

/// Why no model could be fitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum VaError {
    /// Fewer than three pupils leave no residual degrees of freedom.
    #[error("at least 3 pupils are needed")]
    TooFewPupils,
    /// A single class leaves the between-class variance undefined.
    #[error("at least 2 classes are needed")]
    TooFewClasses,
    /// Every prior score is the same, so the slope is undefined.
    #[error("the prior scores are all equal")]
    ConstantPrior,
    /// The current scores lie exactly on a line of the prior ones: no residual variance.
    #[error("the current scores are an exact line of the prior scores")]
    NoResidualVariance,
}

/// The fitted model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VaModel {
    /// β0.
    pub intercept: f64,
    /// β1.
    pub slope: f64,
    /// Between-class variance τ².
    pub tau2: f64,
    /// Within-class (residual) variance σ².
    pub sigma2: f64,
    /// The REML criterion (−2 × restricted log-likelihood) as lme4's `REMLcrit` reports it.
    pub minus2_reml: f64,
    /// Set when τ² is estimated as 0: every class effect is then 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'static str>,
}

/// Reliability warning of a class's estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VaWarning {
    /// Fewer than 10 pupils: no effect is reported.
    TooFewPupils,
    /// 10–19 pupils: low reliability.
    LowReliability,
}

/// One class's value-added.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VaClass {
    /// Class.
    pub class: String,
    /// Pupils of the class.
    pub n: usize,
    /// Empirical-Bayes prediction of u (null below 10 pupils).
    pub effect: Option<f64>,
    /// Its posterior SD.
    pub effect_sd: Option<f64>,
    /// effect − 1.96·SD.
    pub ci_low: Option<f64>,
    /// effect + 1.96·SD.
    pub ci_high: Option<f64>,
    /// Mean OLS residual of the class.
    pub residual_gain: Option<f64>,
    /// One-sample t-interval of the class's residuals, lower end.
    pub residual_gain_ci_low: Option<f64>,
    /// Upper end.
    pub residual_gain_ci_high: Option<f64>,
    /// τ²/(τ² + σ²/n): the reliability of the class mean (shrinkage factor).
    pub reliability: f64,
    /// Too few pupils or low reliability.
    pub warning: Option<VaWarning>,
}

/// The value-added report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VaReport {
    /// Pupils.
    pub n: usize,
    /// The REML fit.
    pub model: VaModel,
    /// Per class, in order of first appearance.
    pub classes: Vec<VaClass>,
}

struct Group {
    name: String,
    x: Vec<f64>,
    y: Vec<f64>,
}

/// Profiled REML at θ = τ²/σ²: (criterion, β, σ²). `None` when X'V⁻¹X is singular.
fn profile(groups: &[Group], theta: f64) -> Option<(f64, Vector2<f64>, f64)> {
    let mut a = Matrix2::zeros();
    let mut b = Vector2::zeros();
    let mut big_n = 0usize;
    let mut logdet_v = 0.0;
    for g in groups {
        let n = g.x.len() as f64;
        let c = theta / (1.0 + n * theta);
        let s = Vector2::new(n, g.x.iter().sum());
        let sy: f64 = g.y.iter().sum();
        for (x, y) in g.x.iter().zip(&g.y) {
            let xi = Vector2::new(1.0, *x);
            a += xi * xi.transpose();
            b += xi * *y;
        }
        a -= s * s.transpose() * c;
        b -= s * (sy * c);
        big_n += g.x.len();
        logdet_v += (1.0 + n * theta).ln();
    }
    let beta = a.try_inverse()? * b;
    let mut q = 0.0;
    for g in groups {
        let n = g.x.len() as f64;
        let c = theta / (1.0 + n * theta);
        let r: Vec<f64> = g.x.iter().zip(&g.y).map(|(x, y)| y - beta[0] - beta[1] * x).collect();
        let sr: f64 = r.iter().sum();
        q += r.iter().map(|v| v * v).sum::<f64>() - c * sr * sr;
    }
    let df = (big_n - 2) as f64;
    let sigma2 = q / df;
    let det = a.determinant();
    if det <= 0.0 || sigma2 <= 0.0 {
        return None;
    }
    let crit = df * sigma2.ln() + logdet_v + det.ln() + df * (1.0 + (2.0 * std::f64::consts::PI).ln());
    Some((crit, beta, sigma2))
}

/// Brent's minimisation of `f` on [a, b] (golden section with parabolic steps).
fn brent(f: impl Fn(f64) -> f64, mut a: f64, mut b: f64, tol: f64) -> f64 {
    const GOLD: f64 = 0.381_966_011_250_105;
    let (mut x, mut w, mut v) = (a + GOLD * (b - a), a + GOLD * (b - a), a + GOLD * (b - a));
    let (mut fx, mut fw, mut fv) = (f(x), f(x), f(x));
    let (mut d, mut e): (f64, f64) = (0.0, 0.0);
    for _ in 0..200 {
        let m = 0.5 * (a + b);
        let tol1 = tol * x.abs() + 1e-12;
        let tol2 = 2.0 * tol1;
        if (x - m).abs() <= tol2 - 0.5 * (b - a) {
            break;
        }
        let mut golden = true;
        if e.abs() > tol1 {
            let r = (x - w) * (fx - fv);
            let mut q = (x - v) * (fx - fw);
            let mut p = (x - v) * q - (x - w) * r;
            q = 2.0 * (q - r);
            if q > 0.0 {
                p = -p;
            }
            q = q.abs();
            if p.abs() < (0.5 * q * e).abs() && p > q * (a - x) && p < q * (b - x) {
                e = d;
                d = p / q;
                let u = x + d;
                if u - a < tol2 || b - u < tol2 {
                    d = if x < m { tol1 } else { -tol1 };
                }
                golden = false;
            }
        }
        if golden {
            e = if x < m { b - x } else { a - x };
            d = GOLD * e;
        }
        let u = if d.abs() >= tol1 { x + d } else { x + tol1.copysign(d) };
        let fu = f(u);
        if fu <= fx {
            if u < x {
                b = x;
            } else {
                a = x;
            }
            (v, fv, w, fw, x, fx) = (w, fw, x, fx, u, fu);
        } else {
            if u < x {
                a = u;
            } else {
                b = u;
            }
            if fu <= fw || w == x {
                (v, fv, w, fw) = (w, fw, u, fu);
            } else if fu <= fv || v == x || v == w {
                (v, fv) = (u, fu);
            }
        }
    }
    x
}

/// REML estimate of θ = τ²/σ² ≥ 0: a grid over log θ on [−12, 6], Brent around the best
/// grid point, and the θ = 0 boundary, keeping whichever has the lower criterion.
fn fit_theta(groups: &[Group]) -> f64 {
    let crit = |lt: f64| profile(groups, lt.exp()).map_or(f64::INFINITY, |p| p.0);
    let (lo, hi, step) = (-12.0, 6.0, 0.25);
    let grid: Vec<f64> = (0..=((hi - lo) / step) as usize)
        .map(|i| lo + step * i as f64)
        .collect();
    let best = grid
        .iter()
        .copied()
        .min_by(|a, b| crit(*a).total_cmp(&crit(*b)))
        .unwrap_or(lo);
    let lt = brent(crit, (best - step).max(lo), (best + step).min(hi), 1e-12);
    let boundary = profile(groups, 0.0).map_or(f64::INFINITY, |p| p.0);
    if boundary <= crit(lt) { 0.0 } else { lt.exp() }
}

/// Fits the model and reports every class.
pub fn value_added(pupils: &[VaPupil]) -> Result<VaReport, VaError> {
    let mut groups: Vec<Group> = Vec::new();
    for p in pupils {
        match groups.iter_mut().find(|g| g.name == p.class) {
            Some(g) => {
                g.x.push(p.prior);
                g.y.push(p.current);
            }
            None => groups.push(Group {
                name: p.class.clone(),
                x: vec![p.prior],
                y: vec![p.current],
            }),
        }
    }
    if pupils.len() < 3 {
        return Err(VaError::TooFewPupils);
    }
    if groups.len() < 2 {
        return Err(VaError::TooFewClasses);
    }
    let priors: Vec<f64> = pupils.iter().map(|p| p.prior).collect();
    if sample_variance(&priors).is_none_or(|v| v <= 0.0) {
        return Err(VaError::ConstantPrior);
    }
    // θ = 0 is ordinary least squares; a residual variance that is rounding noise against
    // the variance of the scores leaves nothing to split between and within classes.
    let (_, ols, ols_sigma2) = profile(&groups, 0.0).ok_or(VaError::NoResidualVariance)?;
    let currents: Vec<f64> = pupils.iter().map(|p| p.current).collect();
    if ols_sigma2 <= 1e-12 * sample_variance(&currents).unwrap_or(0.0) {
        return Err(VaError::NoResidualVariance);
    }
    let theta = fit_theta(&groups);
    let (crit, beta, sigma2) = profile(&groups, theta).ok_or(VaError::NoResidualVariance)?;
    let tau2 = theta * sigma2;
    let z = 1.96;
    let classes = groups
        .iter()
        .map(|g| {
            let n = g.x.len();
            let nf = n as f64;
            let resid =
                |b: &Vector2<f64>| -> Vec<f64> { g.x.iter().zip(&g.y).map(|(x, y)| y - b[0] - b[1] * x).collect() };
            let lambda = nf * theta / (1.0 + nf * theta);
            let r_gls = mean(&resid(&beta)).unwrap_or(0.0);
            let effect = lambda * r_gls;
            let sd = (sigma2 * theta / (1.0 + nf * theta)).sqrt();
            let r_ols = resid(&ols);
            let gain = mean(&r_ols);
            let half = sample_variance(&r_ols)
                .zip(t_quantile(0.975, nf - 1.0))
                .map(|(v, t)| t * (v / nf).sqrt());
            let shown = n >= MIN_PUPILS;
            VaClass {
                class: g.name.clone(),
                n,
                effect: shown.then_some(effect),
                effect_sd: shown.then_some(sd),
                ci_low: shown.then_some(effect - z * sd),
                ci_high: shown.then_some(effect + z * sd),
                residual_gain: gain,
                residual_gain_ci_low: gain.zip(half).map(|(m, h)| m - h),
                residual_gain_ci_high: gain.zip(half).map(|(m, h)| m + h),
                reliability: lambda,
                warning: if n < MIN_PUPILS {
                    Some(VaWarning::TooFewPupils)
                } else if n < RELIABLE_PUPILS {
                    Some(VaWarning::LowReliability)
                } else {
                    None
                },
            }
        })
        .collect();
    Ok(VaReport {
        n: pupils.len(),
        model: VaModel {
            intercept: beta[0],
            slope: beta[1],
            tau2,
            sigma2,
            minus2_reml: crit,
            note: (theta == 0.0).then_some(
                "between-class variance estimated as 0: every class effect is 0; compare the residual gains",
            ),
        },
        classes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pupil(class: &str, prior: f64, current: f64) -> VaPupil {
        VaPupil {
            class: class.into(),
            prior,
            current,
        }
    }

    #[test]
    fn bad_inputs_are_refused() {
        assert_eq!(value_added(&[pupil("a", 1.0, 2.0)]), Err(VaError::TooFewPupils));
        let one_class: Vec<_> = (0..5).map(|i| pupil("a", f64::from(i), 1.0)).collect();
        assert_eq!(value_added(&one_class), Err(VaError::TooFewClasses));
        let flat: Vec<_> = (0..6)
            .map(|i| pupil(if i % 2 == 0 { "a" } else { "b" }, 3.0, f64::from(i)))
            .collect();
        assert_eq!(value_added(&flat), Err(VaError::ConstantPrior));
        let line: Vec<_> = (0..6)
            .map(|i| pupil(if i % 2 == 0 { "a" } else { "b" }, f64::from(i), f64::from(2 * i)))
            .collect();
        assert_eq!(value_added(&line), Err(VaError::NoResidualVariance));
    }

    proptest::proptest! {
        /// The fitted θ is never beaten by any point of a fine grid nor by the boundary.
        #[test]
        fn the_reml_fit_is_the_minimum_of_the_profile(
            data in proptest::collection::vec((0usize..4, 0.0f64..20.0, -5.0f64..5.0), 12..40)
        ) {
            let pupils: Vec<VaPupil> = data
                .iter()
                .map(|(c, x, e)| pupil(["a", "b", "c", "d"][*c], x.round(), 2.0 + 0.7 * x + e + f64::from(u8::try_from(*c).unwrap_or(0))))
                .collect();
            let mut groups: Vec<Group> = Vec::new();
            for p in &pupils {
                match groups.iter_mut().find(|g| g.name == p.class) {
                    Some(g) => { g.x.push(p.prior); g.y.push(p.current); }
                    None => groups.push(Group { name: p.class.clone(), x: vec![p.prior], y: vec![p.current] }),
                }
            }
            proptest::prop_assume!(groups.len() >= 2);
            let Some(best) = profile(&groups, fit_theta(&groups)).map(|p| p.0) else { return Ok(()) };
            for i in 0..=200 {
                let theta = if i == 0 { 0.0 } else { (-12.0 + 18.0 * f64::from(i) / 200.0).exp() };
                if let Some((c, _, _)) = profile(&groups, theta) {
                    proptest::prop_assert!(best <= c + 1e-9, "theta {theta}: {c} < {best}");
                }
            }
        }
    }

    #[test]
    fn brent_finds_a_parabola_minimum() {
        let x = brent(|x| (x - 1.234).powi(2), -5.0, 5.0, 1e-12);
        assert!((x - 1.234).abs() < 1e-8);
    }
}
