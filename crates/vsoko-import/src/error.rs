//! Located import errors: what went wrong, as a message key with arguments, and exactly
//! where (file, sheet, row, column) so the user can fix the cell and upload again. The text
//! is rendered by `vsoko_i18n::Tr` in the user's language.

use serde::Serialize;
pub use vsoko_domain::msg::{Location, Msg};

/// One problem found in an uploaded file; the message says what was expected and what was
/// found. `Display` is for logs; users see `Tr::located(&e.location, &e.msg)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{location}: {msg}")]
pub struct ImportError {
    /// Where the problem is.
    pub location: Location,
    /// What is wrong.
    pub msg: Msg,
}

impl ImportError {
    /// An error at `location` saying `msg`.
    pub fn new(location: Location, msg: Msg) -> Self {
        ImportError { location, msg }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_for_logs_names_the_location_and_the_message_key() {
        let e = ImportError::new(
            Location::file("pupils.csv").with_row(5).with_column("Пол"),
            Msg::new("import-error-bad-sex").arg("text", "X"),
        );
        assert_eq!(
            e.to_string(),
            r#"pupils.csv, row 5, column "Пол": import-error-bad-sex(text="X")"#
        );
    }
}
