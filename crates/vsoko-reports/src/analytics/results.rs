//! Results of a period (SPEC §4.2): per class or subject the n, success rate, knowledge
//! quality with its 95 % interval, СОУ, mean mark with its n and the change since the
//! previous period.

use super::{Cell, Table, tables_xlsx};
use rust_xlsxwriter::XlsxError;

/// One line.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultsRow {
    /// Class or subject.
    pub label: String,
    /// Term marks counted (pupil × subject).
    pub n: i64,
    /// Success rate 0..1.
    pub success: Option<f64>,
    /// Knowledge quality 0..1.
    pub quality: Option<f64>,
    /// Lower end of its 95 % interval (none for small groups).
    pub quality_ci_low: Option<f64>,
    /// Upper end.
    pub quality_ci_high: Option<f64>,
    /// СОУ, %.
    pub sou: Option<f64>,
    /// Mean mark.
    pub mean: Option<f64>,
    /// Marks in the mean.
    pub mean_n: i64,
    /// Change of the quality in percentage points (none when not judged).
    pub change_pp: Option<f64>,
    /// The change as the page words it.
    pub change_text: String,
    /// n of the previous period.
    pub n_before: i64,
}

/// One table ("by class", "by subject").
#[derive(Debug, Clone, PartialEq)]
pub struct ResultsTable {
    /// Title.
    pub title: String,
    /// Lines.
    pub rows: Vec<ResultsRow>,
}

/// The export, every label already in the reader's language.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultsSheet {
    /// Worksheet name (at most 31 characters).
    pub sheet_name: String,
    /// Title.
    pub title: String,
    /// Subtitle: period, what n counts, comparison period.
    pub subtitle: String,
    /// Headers: label, n, success, quality, low, high, СОУ, mean, n of the mean, change
    /// (p.p.), change, n before.
    pub headers: Vec<String>,
    /// The focus line first, then the tables.
    pub tables: Vec<ResultsTable>,
    /// Note.
    pub note: String,
    /// Tables of their own layout after these ("the school at a glance").
    pub extra: Vec<Table>,
}

/// Builds the workbook.
pub fn results_xlsx(s: &ResultsSheet) -> Result<Vec<u8>, XlsxError> {
    let mut tables: Vec<Table> = s
        .tables
        .iter()
        .map(|t| Table {
            title: t.title.clone(),
            headers: s.headers.clone(),
            rows: t
                .rows
                .iter()
                .map(|r| {
                    vec![
                        Cell::Text(r.label.clone()),
                        Cell::Int(r.n),
                        Cell::share(r.success),
                        Cell::share(r.quality),
                        Cell::share(r.quality_ci_low),
                        Cell::share(r.quality_ci_high),
                        Cell::num(r.sou, 1),
                        Cell::num(r.mean, 2),
                        Cell::Int(r.mean_n),
                        Cell::num(r.change_pp, 1),
                        Cell::Text(r.change_text.clone()),
                        Cell::Int(r.n_before),
                    ]
                })
                .collect(),
            note: String::new(),
        })
        .collect();
    if let Some(last) = tables.last_mut() {
        last.note = s.note.clone();
    }
    tables.extend(s.extra.iter().cloned());
    tables_xlsx(&s.sheet_name, &s.title, &s.subtitle, &tables)
}
