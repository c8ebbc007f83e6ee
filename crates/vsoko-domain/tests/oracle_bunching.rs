//! Bunching against statsmodels 0.15.0 `GLM(counts, X, family=Poisson())` with the same
//! design (degree-4 polynomial + dummies at c − 2, c − 1, c), at 1e-4.
#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on broken fixtures")]

mod common;

use common::{assert_close, csv, expected};
use vsoko_domain::analytics::bunching::{BunchingNote, bunching};

fn scores(name: &str) -> Vec<u32> {
    csv(name).1.iter().map(|r| r[0].parse().unwrap()).collect()
}

#[test]
fn the_manipulated_histogram_matches_the_glm_and_is_flagged_at_its_cuts() {
    let r = bunching(&scores("bunching.csv"), &[6, 11, 16]);
    assert_close(
        &serde_json::to_value(&r).unwrap(),
        &expected("bunching.expected.json"),
        1e-4,
        "bunching",
    );
    let flags: Vec<bool> = r.cuts.iter().map(|c| c.flag).collect();
    assert_eq!(flags, [false, true, true]);
}

#[test]
fn the_clean_histogram_matches_the_glm_and_is_not_flagged() {
    let r = bunching(&scores("bunching_clean.csv"), &[6, 11, 16]);
    assert_close(
        &serde_json::to_value(&r).unwrap(),
        &expected("bunching_clean.expected.json"),
        1e-4,
        "clean",
    );
    assert!(r.cuts.iter().all(|c| !c.flag));
}

#[test]
fn a_single_class_is_too_few_for_the_test() {
    let one_class: Vec<u32> = scores("bunching.csv").into_iter().take(28).collect();
    let r = bunching(&one_class, &[6, 11, 16]);
    assert_eq!(r.note, Some(BunchingNote::TooFewPupils));
    assert!(r.cuts.iter().all(|c| c.z.is_none() && !c.flag));
}
