//! What a roster import did or would do: counts per kind, the changes and the rows that
//! cannot be applied, each as a message key with arguments for `vsoko_i18n::Tr::msg`.

use serde::Serialize;
use vsoko_domain::msg::{Location, Msg};
use vsoko_domain::roster::Origin;

/// A row that could not be applied, located in its file.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RowError {
    /// Sheet or file.
    pub sheet: String,
    /// 1-based row.
    pub row: usize,
    /// Column header.
    pub column: String,
    /// What is wrong.
    pub msg: Msg,
}

impl RowError {
    /// Where the row is in `file`, for `Tr::location`. A CSV row's "sheet" is the file
    /// itself, so it is not named twice.
    pub fn location(&self, file: &str) -> Location {
        let sheet = (self.sheet != file).then_some(self.sheet.as_str());
        Location::file(file)
            .with_sheet(sheet)
            .with_row(self.row)
            .with_column(self.column.as_str())
    }
}

/// Counts of one kind of row.
#[derive(Debug, Clone, Default, Serialize, PartialEq, utoipa::ToSchema)]
pub struct Counts {
    /// New rows.
    pub created: usize,
    /// Changed rows.
    pub updated: usize,
    /// Rows already as in the file.
    pub unchanged: usize,
}

/// What a roster import did (or would do).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct RosterReport {
    /// Staff.
    pub staff: Counts,
    /// Classes.
    pub classes: Counts,
    /// Pupils.
    pub pupils: Counts,
    /// Parents.
    pub parents: Counts,
    /// Parent–pupil links.
    pub links: Counts,
    /// Assignments.
    pub assignments: Counts,
    /// The changes, one message each (first 500).
    pub changes: Vec<Msg>,
    /// Rows that cannot be applied; non-empty means nothing was written.
    pub errors: Vec<RowError>,
    /// Whether the changes were committed.
    pub applied: bool,
}

impl RosterReport {
    /// Total number of created or updated rows.
    pub fn total_changes(&self) -> usize {
        [
            &self.staff,
            &self.classes,
            &self.pupils,
            &self.parents,
            &self.links,
            &self.assignments,
        ]
        .iter()
        .map(|c| c.created + c.updated)
        .sum()
    }

    /// Records a change, keeping the first 500.
    pub(super) fn note(&mut self, change: Msg) {
        if self.changes.len() < 500 {
            self.changes.push(change);
        }
    }

    /// Records a row that cannot be applied, at `column` of the row `origin`.
    pub(super) fn error(&mut self, origin: &Origin, column: &str, msg: Msg) {
        self.errors.push(RowError {
            sheet: origin.sheet.clone(),
            row: origin.row,
            column: column.to_string(),
            msg,
        });
    }
}
