//! Reports of the e-journal.

pub mod summary;

pub use summary::{SheetCell, SummaryRow, SummarySheet, summary_xlsx};
