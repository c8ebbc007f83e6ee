//! Blank roster files for users to fill in: one CSV per kind, or one workbook with a sheet
//! per kind (the generic writer is `crate::sheet`). Both carry the header (required columns
//! marked `*`) and two example rows that parse back without errors, so a user can see a
//! valid file before writing their own.

use super::RosterKind;
use crate::error::ImportError;

/// The second example row of each kind; the first comes from [`crate::sheet::ColumnSpec::example`].
pub(super) fn second_example(kind: RosterKind) -> &'static [&'static str] {
    match kind {
        RosterKind::Classes => &["6Б", "", "S002"],
        RosterKind::Staff => &["S002", "Смирнов", "Алексей", "Николаевич", "учитель", "", ""],
        RosterKind::Pupils => &["1002", "Кузнецова", "Ольга", "", "2013-11-21", "Ж", "6Б"],
        RosterKind::Parents => &[
            "P002",
            "Кузнецов",
            "Дмитрий",
            "Олегович",
            "+7 900 000-00-03",
            "",
            "1002",
            "отец",
        ],
        RosterKind::Assignments => &["S002", "6Б", "Английский язык", "1", "1,5"],
    }
}

/// A CSV template for one kind: UTF-8 with BOM (so Excel opens it as UTF-8), `;`-separated,
/// the header and two example rows.
pub fn csv_template(kind: RosterKind) -> Vec<u8> {
    crate::sheet::csv_template(kind)
}

/// An XLSX template: one sheet per kind, header row bold with each column's description as
/// a note, two example rows. Text columns are formatted as text so codes keep leading zeros.
pub fn xlsx_template() -> Result<Vec<u8>, ImportError> {
    crate::sheet::xlsx_template::<RosterKind>("template.xlsx")
}
