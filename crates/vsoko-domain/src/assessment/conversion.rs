//! Primary score → mark (2–5) or test score (0–100) by an official table (SPEC §5.3, §7.1).
//!
//! A mark table is an ordered list of bands `{mark, min, max}`; a band may carry conditions
//! on sub-scores ("mark 4 needs total 23–28 *and* ≥ 4 points on ГК1–ГК4, otherwise 3"). When
//! a condition fails the mark falls back to the band's `fallback`, whose own conditions are
//! then checked in turn. A test-score table maps every primary score 0..=max to a test score.
//! A score outside the table is an error, never a guess.

use crate::msg::Msg;
use serde::{Deserialize, Serialize};

/// What a table converts the primary score into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Output {
    /// A mark 2–5.
    Mark,
    /// A test score 0–100 (ЕГЭ).
    TestScore,
}

impl Output {
    /// Stable code ("mark", "test_score").
    pub fn code(self) -> &'static str {
        match self {
            Output::Mark => "mark",
            Output::TestScore => "test_score",
        }
    }

    /// The output for its code.
    pub fn parse(code: &str) -> Option<Self> {
        match code.trim() {
            "mark" => Some(Output::Mark),
            "test_score" => Some(Output::TestScore),
            _ => None,
        }
    }
}

/// A sub-score condition: the sum of the listed tasks' scores must be at least `min_sum`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    /// Task codes whose scores are summed (a task not done counts 0).
    pub tasks: Vec<String>,
    /// Minimum sum.
    pub min_sum: u32,
}

impl Condition {
    /// Parses `ГК1+ГК2+ГК3+ГК4>=4`.
    pub fn parse(text: &str) -> Option<Self> {
        let (tasks, min) = text.split_once(">=")?;
        let tasks: Vec<String> = tasks.split('+').map(|t| t.trim().to_string()).collect();
        if tasks.iter().any(String::is_empty) {
            return None;
        }
        Some(Condition {
            tasks,
            min_sum: min.trim().parse().ok()?,
        })
    }
}

impl std::fmt::Display for Condition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}>={}", self.tasks.join("+"), self.min_sum)
    }
}

/// One band of a mark table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Band {
    /// The mark this band gives.
    pub mark: u8,
    /// Lowest primary score of the band.
    pub min: u32,
    /// Highest primary score of the band.
    pub max: u32,
    /// Conditions that must all hold for the mark.
    pub conditions: Vec<Condition>,
    /// Mark given when a condition fails (required when there are conditions).
    pub fallback: Option<u8>,
}

/// A conversion table for one procedure kind, year, subject and grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversionTable {
    /// Maximum primary score.
    pub max_primary: u32,
    /// Mark or test score.
    pub output: Output,
    /// Mark bands, in increasing order (output = mark).
    pub bands: Vec<Band>,
    /// Test score for each primary score 0..=max_primary (output = test score).
    pub test_scores: Vec<u32>,
}

/// The result of a conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Converted {
    /// A mark 2–5.
    Mark(u8),
    /// A test score.
    TestScore(u32),
}

/// Why a table is inconsistent or a score cannot be converted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConversionError {
    /// The primary score is above the table's maximum.
    #[error("primary score {score} is above the maximum {max}")]
    AboveMax {
        /// The score.
        score: u32,
        /// The table's maximum.
        max: u32,
    },
    /// No band covers the score.
    #[error("no band of the table covers primary score {0}")]
    NotCovered(u32),
    /// The table is inconsistent.
    #[error("inconsistent table: {0}")]
    Inconsistent(Msg),
}

impl ConversionTable {
    /// Checks the table: bands cover 0..=max without gaps or overlaps with increasing marks,
    /// fallbacks are lower marks that exist, test scores cover every primary score and never
    /// decrease.
    pub fn check(&self) -> Result<(), ConversionError> {
        let bad = |m: Msg| Err(ConversionError::Inconsistent(m));
        let band = |key: &'static str, b: &Band| Msg::new(key).arg("mark", b.mark);
        match self.output {
            Output::Mark => {
                if self.bands.is_empty() {
                    return bad(Msg::new("conversion-check-no-bands"));
                }
                let mut next = 0;
                let mut last_mark = 0;
                for b in &self.bands {
                    if b.min != next {
                        return bad(band("conversion-check-band-start", b)
                            .arg("min", b.min)
                            .arg("expected", next));
                    }
                    if b.max < b.min {
                        return bad(band("conversion-check-band-reversed", b));
                    }
                    if !(1..=5).contains(&b.mark) || b.mark <= last_mark {
                        return bad(band("conversion-check-marks-increase", b));
                    }
                    match (b.conditions.is_empty(), b.fallback) {
                        (false, None) => return bad(band("conversion-check-no-fallback", b)),
                        (_, Some(f)) if f >= b.mark || !self.bands.iter().any(|x| x.mark == f) => {
                            return bad(band("conversion-check-bad-fallback", b).arg("fallback", f));
                        }
                        _ => {}
                    }
                    last_mark = b.mark;
                    next = b.max + 1;
                }
                if next != self.max_primary + 1 {
                    return bad(Msg::new("conversion-check-bands-end")
                        .arg("end", next.saturating_sub(1))
                        .arg("max", self.max_primary));
                }
            }
            Output::TestScore => {
                if self.test_scores.len() != self.max_primary as usize + 1 {
                    return bad(Msg::new("conversion-check-test-count")
                        .arg("count", self.test_scores.len())
                        .arg("max", self.max_primary));
                }
                if self.test_scores.windows(2).any(|w| w[1] < w[0]) || self.test_scores.iter().any(|&t| t > 100) {
                    return bad(Msg::new("conversion-check-test-order"));
                }
            }
        }
        Ok(())
    }

    /// Converts a primary score; `task_score(code)` gives a task's score for conditional
    /// rules (`None` = not done, counted as 0).
    pub fn convert(
        &self,
        primary: u32,
        task_score: impl Fn(&str) -> Option<u32>,
    ) -> Result<Converted, ConversionError> {
        if primary > self.max_primary {
            return Err(ConversionError::AboveMax {
                score: primary,
                max: self.max_primary,
            });
        }
        match self.output {
            Output::TestScore => self
                .test_scores
                .get(primary as usize)
                .map(|&t| Converted::TestScore(t))
                .ok_or(ConversionError::NotCovered(primary)),
            Output::Mark => {
                let mut band = self
                    .bands
                    .iter()
                    .find(|b| (b.min..=b.max).contains(&primary))
                    .ok_or(ConversionError::NotCovered(primary))?;
                // Each fallback is a strictly lower mark (checked), so this ends.
                for _ in 0..self.bands.len() {
                    let holds = band
                        .conditions
                        .iter()
                        .all(|c| c.tasks.iter().map(|t| task_score(t).unwrap_or(0)).sum::<u32>() >= c.min_sum);
                    match (holds, band.fallback) {
                        (true, _) | (false, None) => return Ok(Converted::Mark(band.mark)),
                        (false, Some(f)) => {
                            let mark = band.mark;
                            band = self.bands.iter().find(|b| b.mark == f).ok_or_else(|| {
                                ConversionError::Inconsistent(
                                    Msg::new("conversion-check-bad-fallback")
                                        .arg("mark", mark)
                                        .arg("fallback", f),
                                )
                            })?;
                        }
                    }
                }
                Ok(Converted::Mark(band.mark))
            }
        }
    }

    /// Every task code the conditions refer to.
    pub fn condition_tasks(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .bands
            .iter()
            .flat_map(|b| b.conditions.iter().flat_map(|c| c.tasks.iter().map(String::as_str)))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(mark: u8, min: u32, max: u32, cond: &str, fallback: Option<u8>) -> Band {
        Band {
            mark,
            min,
            max,
            conditions: cond.split('&').filter_map(Condition::parse).collect(),
            fallback,
        }
    }

    fn oge_russian() -> ConversionTable {
        ConversionTable {
            max_primary: 33,
            output: Output::Mark,
            bands: vec![
                band(2, 0, 14, "", None),
                band(3, 15, 22, "", None),
                band(4, 23, 28, "ГК1+ГК2+ГК3+ГК4>=4", Some(3)),
                band(5, 29, 33, "ГК1+ГК2+ГК3+ГК4>=6", Some(4)),
            ],
            test_scores: vec![],
        }
    }

    #[test]
    fn conditional_rule_lowers_the_mark_step_by_step() {
        let t = oge_russian();
        t.check().unwrap();
        let gk = |n: u32| move |code: &str| (code == "ГК1").then_some(n);
        assert_eq!(t.convert(25, gk(4)), Ok(Converted::Mark(4)));
        assert_eq!(t.convert(25, gk(3)), Ok(Converted::Mark(3)));
        assert_eq!(t.convert(30, gk(6)), Ok(Converted::Mark(5)));
        assert_eq!(t.convert(30, gk(5)), Ok(Converted::Mark(4)));
        // 5 falls back to 4, whose own condition fails too.
        assert_eq!(t.convert(30, gk(3)), Ok(Converted::Mark(3)));
        assert_eq!(t.convert(14, gk(8)), Ok(Converted::Mark(2)));
        assert_eq!(
            t.convert(34, gk(8)),
            Err(ConversionError::AboveMax { score: 34, max: 33 })
        );
    }

    #[test]
    fn inconsistent_tables_are_refused() {
        let mut t = oge_russian();
        t.bands[1].min = 16;
        assert!(t.check().is_err());
        let mut t = oge_russian();
        t.bands[2].fallback = None;
        assert!(t.check().is_err());
        let mut t = oge_russian();
        t.max_primary = 34;
        assert!(t.check().is_err());
    }

    #[test]
    fn test_score_tables_map_every_primary_score() {
        let t = ConversionTable {
            max_primary: 3,
            output: Output::TestScore,
            bands: vec![],
            test_scores: vec![0, 10, 40, 100],
        };
        t.check().unwrap();
        assert_eq!(t.convert(2, |_| None), Ok(Converted::TestScore(40)));
        let mut bad = t.clone();
        bad.test_scores = vec![0, 50, 40, 100];
        assert!(bad.check().is_err());
        bad.test_scores = vec![0, 1];
        assert!(bad.check().is_err());
    }
}
