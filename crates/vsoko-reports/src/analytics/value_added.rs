//! Value-added of classes (and teachers) between two procedures: the model line and one
//! line per group, as the page shows them.

use super::{Cell, Table, tables_xlsx};
use rust_xlsxwriter::XlsxError;

/// The fitted model.
#[derive(Debug, Clone, PartialEq)]
pub struct VaModelRow {
    /// Pupils.
    pub n: usize,
    /// β1.
    pub slope: f64,
    /// β0.
    pub intercept: f64,
    /// τ².
    pub tau2: f64,
    /// σ².
    pub sigma2: f64,
}

/// One group (class or teacher).
#[derive(Debug, Clone, PartialEq)]
pub struct VaRow {
    /// Class or teacher.
    pub label: String,
    /// Pupils.
    pub n: usize,
    /// Empirical-Bayes effect (none below 10 pupils).
    pub effect: Option<f64>,
    /// Lower end of its 95 % interval.
    pub ci_low: Option<f64>,
    /// Upper end.
    pub ci_high: Option<f64>,
    /// Reliability λ.
    pub reliability: f64,
    /// Residual gain.
    pub gain: Option<f64>,
    /// Lower end of its 95 % interval.
    pub gain_ci_low: Option<f64>,
    /// Upper end.
    pub gain_ci_high: Option<f64>,
    /// The verdict as the page words it.
    pub verdict: String,
}

/// The export, every label already in the reader's language.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueAddedSheet {
    /// Worksheet name (at most 31 characters).
    pub sheet_name: String,
    /// Title.
    pub title: String,
    /// Subtitle: the two procedures.
    pub subtitle: String,
    /// Title of the model table.
    pub model_title: String,
    /// Headers: n, slope, intercept, τ², σ².
    pub model_headers: Vec<String>,
    /// The model (none when it could not be fitted).
    pub model: Option<VaModelRow>,
    /// Headers of the group tables (group, n, effect, low, high, reliability, gain, low,
    /// high, verdict).
    pub headers: Vec<String>,
    /// Title of the class table.
    pub classes_title: String,
    /// Classes.
    pub classes: Vec<VaRow>,
    /// Title of the teacher table.
    pub teachers_title: String,
    /// Teachers, when the reader may see them.
    pub teachers: Option<Vec<VaRow>>,
    /// Note under the tables (what the numbers mean; methodical support, not appraisal).
    pub note: String,
}

fn rows(rows: &[VaRow]) -> Vec<Vec<Cell>> {
    rows.iter()
        .map(|r| {
            vec![
                Cell::Text(r.label.clone()),
                Cell::count(r.n),
                Cell::num(r.effect, 3),
                Cell::num(r.ci_low, 3),
                Cell::num(r.ci_high, 3),
                Cell::Num(r.reliability, 3),
                Cell::num(r.gain, 3),
                Cell::num(r.gain_ci_low, 3),
                Cell::num(r.gain_ci_high, 3),
                Cell::Text(r.verdict.clone()),
            ]
        })
        .collect()
}

/// Builds the workbook.
pub fn value_added_xlsx(s: &ValueAddedSheet) -> Result<Vec<u8>, XlsxError> {
    let mut tables = vec![Table {
        title: s.model_title.clone(),
        headers: s.model_headers.clone(),
        rows: s
            .model
            .iter()
            .map(|m| {
                vec![
                    Cell::count(m.n),
                    Cell::Num(m.slope, 4),
                    Cell::Num(m.intercept, 3),
                    Cell::Num(m.tau2, 4),
                    Cell::Num(m.sigma2, 4),
                ]
            })
            .collect(),
        note: String::new(),
    }];
    tables.push(Table {
        title: s.classes_title.clone(),
        headers: s.headers.clone(),
        rows: rows(&s.classes),
        note: String::new(),
    });
    if let Some(t) = &s.teachers {
        tables.push(Table {
            title: s.teachers_title.clone(),
            headers: s.headers.clone(),
            rows: rows(t),
            note: String::new(),
        });
    }
    if let Some(last) = tables.last_mut() {
        last.note = s.note.clone();
    }
    tables_xlsx(&s.sheet_name, &s.title, &s.subtitle, &tables)
}
