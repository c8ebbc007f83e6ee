//! Assessment results of the schools of a municipality or region (`/schools/assessments`):
//! per procedure identity one line per school with n, success rate, knowledge quality with
//! its 95 % interval and the mean primary score as a share of the maximum, and the unit's
//! total. Aggregates only.

use super::{Cell, Table, tables_xlsx};
use rust_xlsxwriter::XlsxError;

/// One line: a school or the total.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitRow {
    /// Municipality ("" on the total).
    pub municipality: String,
    /// School, or the total's label.
    pub school: String,
    /// Participants.
    pub n: i64,
    /// Results with a mark (the n of the shares).
    pub marked: i64,
    /// Success rate 0..1.
    pub success: Option<f64>,
    /// Knowledge quality 0..1.
    pub quality: Option<f64>,
    /// Lower end of its 95 % interval.
    pub quality_ci_low: Option<f64>,
    /// Upper end.
    pub quality_ci_high: Option<f64>,
    /// Mean primary score as a share of the maximum.
    pub mean_primary: Option<f64>,
}

/// One procedure identity.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitTable {
    /// "ВПР 2026 · Русский язык · 4 класс".
    pub title: String,
    /// Schools, then the total.
    pub rows: Vec<UnitRow>,
}

/// The export, every label already in the reader's language.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitSheet {
    /// Worksheet name (at most 31 characters).
    pub sheet_name: String,
    /// Title.
    pub title: String,
    /// Subtitle.
    pub subtitle: String,
    /// Headers: municipality, school, n, n with a mark, success, quality, low, high, mean primary.
    pub headers: Vec<String>,
    /// Tables.
    pub tables: Vec<UnitTable>,
    /// Note.
    pub note: String,
}

/// Builds the workbook.
pub fn unit_xlsx(s: &UnitSheet) -> Result<Vec<u8>, XlsxError> {
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
                        Cell::Text(r.municipality.clone()),
                        Cell::Text(r.school.clone()),
                        Cell::Int(r.n),
                        Cell::Int(r.marked),
                        Cell::share(r.success),
                        Cell::share(r.quality),
                        Cell::share(r.quality_ci_low),
                        Cell::share(r.quality_ci_high),
                        Cell::share(r.mean_primary),
                    ]
                })
                .collect(),
            note: String::new(),
        })
        .collect();
    if let Some(last) = tables.last_mut() {
        last.note = s.note.clone();
    }
    tables_xlsx(&s.sheet_name, &s.title, &s.subtitle, &tables)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unit_workbook_builds() {
        let row = UnitRow {
            municipality: "M".into(),
            school: "A".into(),
            n: 10,
            marked: 10,
            success: Some(0.9),
            quality: Some(0.5),
            quality_ci_low: Some(0.2),
            quality_ci_high: Some(0.8),
            mean_primary: None,
        };
        let bytes = unit_xlsx(&UnitSheet {
            sheet_name: "x".into(),
            title: "t".into(),
            subtitle: "s".into(),
            headers: (0..9).map(|i| i.to_string()).collect(),
            tables: vec![UnitTable {
                title: "p".into(),
                rows: vec![row],
            }],
            note: "n".into(),
        })
        .unwrap();
        assert!(bytes.starts_with(b"PK"));
    }
}
