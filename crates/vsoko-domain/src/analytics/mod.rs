//! The analytics engine (issue 5): task and skill analysis, objectivity of marking,
//! value-added of classes, threshold bunching and group metrics with their dynamics. Every
//! method is pure, deterministic and pinned to an external oracle in
//! `crates/vsoko-domain/tests/oracle_*.rs` (formulas: the design note ANALYTICS.md and
//! docs/ANALYZE.md). Every estimate carries its n; an estimate that cannot be made is `None`
//! with a reason, never a made-up number.

pub mod assessment;
pub mod bunching;
pub mod compare;
pub mod describe;
pub mod items;
pub mod objectivity;
pub mod quality;
pub mod school;
pub mod value_added;
pub mod year_compare;
