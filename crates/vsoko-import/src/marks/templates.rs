//! Blank marks files for users to fill in: one CSV per kind, or one workbook with a sheet
//! per kind (the generic writer is `crate::sheet`). Both carry the header (required columns
//! marked `*`) and two example rows that parse back without errors.

use super::MarksKind;
use crate::error::ImportError;

/// The second example row of each kind; the first comes from the column examples.
pub(super) fn second_example(kind: MarksKind) -> &'static [&'static str] {
    match kind {
        MarksKind::Marks => &["7А", "Математика", "", "16.11.2026", "1002", "", "Н", "", ""],
        MarksKind::Terms => &["7А", "Математика", "год", "1002", "н/а"],
    }
}

/// A CSV template for one kind: UTF-8 with BOM, `;`-separated, the header and two examples.
pub fn csv_template(kind: MarksKind) -> Vec<u8> {
    crate::sheet::csv_template(kind)
}

/// An XLSX template: one sheet per kind, header row bold with each column's description as
/// a note, two example rows. Text columns are formatted as text so codes keep leading zeros.
pub fn xlsx_template() -> Result<Vec<u8>, ImportError> {
    crate::sheet::xlsx_template::<MarksKind>("marks.xlsx")
}
