//! Value-added against lme4 1.1-31 (`lmer(current ~ prior + (1|class), REML = TRUE)`,
//! `REMLcrit`, `ranef(condVar = TRUE)`) and statsmodels OLS + scipy t for the residual gain,
//! at 1e-4 (fitted models); lme4's own sleepstudy fit is a public anchor.
#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on broken fixtures")]

mod common;

use common::{assert_close, csv, expected};
use vsoko_domain::analytics::value_added::{VaPupil, VaWarning, value_added};

fn pupils(name: &str) -> Vec<VaPupil> {
    let (_, rows) = csv(name);
    rows.iter()
        .map(|r| VaPupil {
            class: r[1].clone(),
            prior: r[2].parse().unwrap(),
            current: r[3].parse().unwrap(),
        })
        .collect()
}

#[test]
fn model_effects_and_residual_gains_match_lme4_and_ols() {
    let report = value_added(&pupils("value_added.csv")).unwrap();
    let actual = serde_json::to_value(&report).unwrap();
    assert_close(&actual, &expected("value_added.expected.json"), 1e-4, "value_added");
}

#[test]
fn small_classes_get_no_effect_and_ten_to_nineteen_are_low_reliability() {
    let report = value_added(&pupils("value_added.csv")).unwrap();
    let small = report.classes.iter().find(|c| c.n < 10).unwrap();
    assert_eq!((small.effect, small.effect_sd, small.ci_low), (None, None, None));
    assert_eq!(small.warning, Some(VaWarning::TooFewPupils));
    assert!(small.residual_gain.is_some());
    let mid = report.classes.iter().find(|c| (10..20).contains(&c.n)).unwrap();
    assert_eq!(mid.warning, Some(VaWarning::LowReliability));
    assert!(mid.effect.is_some());
}

#[test]
fn zero_between_class_variance_is_the_boundary_fit_of_lme4() {
    let report = value_added(&pupils("value_added_flat.csv")).unwrap();
    assert_eq!(report.model.tau2, 0.0);
    assert!(report.model.note.is_some());
    let actual = serde_json::to_value(&report).unwrap();
    assert_close(&actual, &expected("value_added_flat.expected.json"), 1e-4, "flat");
    assert!(
        report
            .classes
            .iter()
            .all(|c| c.effect == Some(0.0) && c.reliability == 0.0)
    );
}

#[test]
fn sleepstudy_reproduces_lme4() {
    let report = value_added(&pupils("sleepstudy.csv")).unwrap();
    let actual = serde_json::to_value(&report).unwrap();
    assert_close(&actual, &expected("sleepstudy.expected.json"), 1e-4, "sleepstudy");
}
