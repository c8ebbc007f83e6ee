//! The grading-policy form: its values as typed (work-type rows, rounding, minimum marks,
//! grade 1, pass/fail subjects), parsed into a `GradingPolicy` with a message beside every
//! bad field, and filled back from a stored policy.

use crate::forms::FieldErrors;
use std::collections::BTreeSet;
use vsoko_domain::journal::{GradingPolicy, Rounding, WorkType};
use vsoko_i18n::Tr;

/// One work-type row as typed, with its messages.
#[derive(Debug, Clone, Default)]
pub struct WorkTypeRow {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Weight.
    pub weight: String,
    /// Message beside the code.
    pub code_error: Option<String>,
    /// Message beside the name.
    pub name_error: Option<String>,
    /// Message beside the weight.
    pub weight_error: Option<String>,
}

/// The whole form as typed.
#[derive(Debug, Clone, Default)]
pub struct PolicyForm {
    /// Work-type rows (a blank row adds one).
    pub rows: Vec<WorkTypeRow>,
    /// "thresholds" or "half_up".
    pub rounding: String,
    /// Lowest mean for 5.
    pub five: String,
    /// Lowest mean for 4.
    pub four: String,
    /// Lowest mean for 3.
    pub three: String,
    /// Minimum marks per period.
    pub min_marks: String,
    /// Grade 1 without marks.
    pub grade_one: bool,
    /// Codes of pass/fail subjects.
    pub pass_fail: BTreeSet<String>,
}

/// A threshold in hundredths as shown ("4.65").
fn hundredths(x: i64) -> String {
    format!("{}.{:02}", x / 100, x % 100)
}

/// Parses "4.65", "4,65" or "4" into hundredths; at most two decimals.
pub fn parse_hundredths(text: &str) -> Option<i64> {
    let t = text.trim().replace(',', ".");
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty() || frac.len() > 2 || !whole.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let frac = format!("{frac:0<2}");
    Some(whole.parse::<i64>().ok()? * 100 + frac.parse::<i64>().ok()?)
}

impl PolicyForm {
    /// The form showing a stored policy.
    pub fn of(p: &GradingPolicy) -> PolicyForm {
        let (rounding, [five, four, three]) = match p.rounding {
            Rounding::Thresholds { five, four, three } => ("thresholds", [five, four, three]),
            Rounding::HalfUp => ("half_up", [465, 365, 265]),
        };
        PolicyForm {
            rows: p
                .work_types
                .iter()
                .map(|w| WorkTypeRow {
                    code: w.code.clone(),
                    name: w.name.clone(),
                    weight: w.weight.to_string(),
                    ..Default::default()
                })
                .collect(),
            rounding: rounding.into(),
            five: hundredths(five),
            four: hundredths(four),
            three: hundredths(three),
            min_marks: p.min_marks.to_string(),
            grade_one: p.grade_one_without_marks,
            pass_fail: p.pass_fail_subjects.iter().cloned().collect(),
        }
    }

    /// The form as posted: `wt_code_N`, `wt_name_N`, `wt_weight_N`, `wt_remove_N` per row,
    /// `rounding`, `five`, `four`, `three`, `min_marks`, `grade_one`, repeated `pass_fail`.
    /// Removed rows and blank rows are dropped.
    pub fn from_pairs(pairs: &[(String, String)]) -> PolicyForm {
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.trim().to_string())
                .unwrap_or_default()
        };
        let mut rows = Vec::new();
        for i in 0..200 {
            let keys = [format!("wt_code_{i}"), format!("wt_name_{i}"), format!("wt_weight_{i}")];
            if keys.iter().all(|k| !pairs.iter().any(|(n, _)| n == k)) {
                continue;
            }
            let row = WorkTypeRow {
                code: get(&keys[0]),
                name: get(&keys[1]),
                weight: get(&keys[2]),
                ..Default::default()
            };
            let removed = pairs.iter().any(|(n, _)| *n == format!("wt_remove_{i}"));
            let blank = row.code.is_empty() && row.name.is_empty() && row.weight.is_empty();
            if !removed && !blank {
                rows.push(row);
            }
        }
        PolicyForm {
            rows,
            rounding: get("rounding"),
            five: get("five"),
            four: get("four"),
            three: get("three"),
            min_marks: get("min_marks"),
            grade_one: pairs.iter().any(|(n, _)| n == "grade_one"),
            pass_fail: pairs
                .iter()
                .filter(|(n, _)| n == "pass_fail")
                .map(|(_, v)| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .collect(),
        }
    }

    /// Parses the form; every bad field gets its message (rows in place, others in `errors`).
    pub fn parse(
        &mut self,
        tr: &Tr,
        known_subjects: &BTreeSet<String>,
        errors: &mut FieldErrors,
    ) -> Option<GradingPolicy> {
        let mut work_types = Vec::new();
        let mut seen = BTreeSet::new();
        for row in &mut self.rows {
            let code_ok = !row.code.is_empty()
                && row
                    .code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if row.code.is_empty() {
                row.code_error = Some(tr.t("form-required"));
            } else if !code_ok {
                row.code_error = Some(tr.t("policy-error-code"));
            } else if !seen.insert(row.code.clone()) {
                row.code_error = Some(tr.t("policy-error-code-repeated"));
            }
            if row.name.is_empty() {
                row.name_error = Some(tr.t("form-required"));
            }
            let weight = row.weight.parse::<i64>().ok().filter(|w| (1..=100).contains(w));
            if weight.is_none() {
                row.weight_error = Some(tr.t("policy-error-weight"));
            }
            if let (None, None, Some(weight)) = (&row.code_error, &row.name_error, weight) {
                work_types.push(WorkType {
                    code: row.code.clone(),
                    name: row.name.clone(),
                    weight,
                });
            }
        }
        let rows_ok = self
            .rows
            .iter()
            .all(|r| r.code_error.is_none() && r.name_error.is_none() && r.weight_error.is_none());
        if self.rows.is_empty() {
            errors.add("work_types", tr.t("policy-error-no-work-types"));
        } else if !rows_ok {
            errors.add("work_types", tr.t("form-errors"));
        }
        let rounding = match self.rounding.as_str() {
            "half_up" => Some(Rounding::HalfUp),
            "thresholds" => {
                let mut t = [0i64; 3];
                for ((field, text), slot) in [("five", &self.five), ("four", &self.four), ("three", &self.three)]
                    .into_iter()
                    .zip(&mut t)
                {
                    match parse_hundredths(text).filter(|v| (100..=500).contains(v)) {
                        Some(v) => *slot = v,
                        None => errors.add(field, tr.t("policy-error-threshold")),
                    }
                }
                let [five, four, three] = t;
                let all_parsed = ["five", "four", "three"].iter().all(|f| !errors.has(f));
                let descending = three < four && four < five;
                if all_parsed && !descending {
                    errors.add("four", tr.t("policy-error-threshold-order"));
                }
                Some(Rounding::Thresholds { five, four, three })
            }
            _ => {
                errors.add("rounding", tr.t("form-required"));
                None
            }
        };
        let min_marks = self.min_marks.parse::<i64>().ok().filter(|m| (0..=20).contains(m));
        if min_marks.is_none() {
            errors.add("min_marks", tr.t("policy-error-min-marks"));
        }
        if self.pass_fail.iter().any(|c| !known_subjects.contains(c)) {
            errors.add("pass_fail", tr.t("policy-error-subject"));
        }
        if !errors.is_empty() || !rows_ok {
            return None;
        }
        Some(GradingPolicy {
            work_types,
            rounding: rounding?,
            min_marks: min_marks?,
            grade_one_without_marks: self.grade_one,
            pass_fail_subjects: self.pass_fail.iter().cloned().collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_parse_with_comma_or_dot_and_two_decimals() {
        assert_eq!(parse_hundredths("4.65"), Some(465));
        assert_eq!(parse_hundredths("4,6"), Some(460));
        assert_eq!(parse_hundredths("3"), Some(300));
        assert_eq!(parse_hundredths("4.655"), None);
        assert_eq!(parse_hundredths("-1"), None);
        assert_eq!(parse_hundredths(""), None);
        assert_eq!(hundredths(265), "2.65");
    }

    #[test]
    fn a_stored_policy_round_trips_through_the_form() {
        let p = GradingPolicy::default();
        let f = PolicyForm::of(&p);
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (i, r) in f.rows.iter().enumerate() {
            pairs.push((format!("wt_code_{i}"), r.code.clone()));
            pairs.push((format!("wt_name_{i}"), r.name.clone()));
            pairs.push((format!("wt_weight_{i}"), r.weight.clone()));
        }
        for (k, v) in [
            ("rounding", "thresholds"),
            ("five", "4.65"),
            ("four", "3.65"),
            ("three", "2.65"),
            ("min_marks", "3"),
            ("grade_one", "on"),
        ] {
            pairs.push((k.into(), v.into()));
        }
        let mut back = PolicyForm::from_pairs(&pairs);
        let mut errors = FieldErrors::new();
        assert_eq!(back.parse(&Tr::new("ru"), &BTreeSet::new(), &mut errors), Some(p));
    }
}
