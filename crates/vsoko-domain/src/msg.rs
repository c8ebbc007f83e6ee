//! Messages for people, kept as data: a fluent message key plus named text arguments, and
//! the [`Location`] in an uploaded file that a message is about. Crates below the web layer
//! (import, store) say *what* to tell the user; `vsoko_i18n::Tr::msg` and `Tr::location`
//! turn it into Russian or English text, so no crate builds user-facing sentences in Rust.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use std::fmt;

/// A user-facing message: the fluent key and its arguments in order. Serialises as
/// `{"key": "…", "args": {"name": "value", …}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Msg {
    /// The fluent message key (in `vsoko-i18n/locales/<lang>/*.ftl`).
    pub key: &'static str,
    /// Named arguments, every value already text (numbers included).
    #[serde(serialize_with = "args_as_map")]
    pub args: Vec<(&'static str, String)>,
}

impl Msg {
    /// A message without arguments.
    pub fn new(key: &'static str) -> Msg {
        Msg { key, args: Vec::new() }
    }

    /// The same message with one more argument.
    pub fn arg(mut self, name: &'static str, value: impl fmt::Display) -> Msg {
        self.args.push((name, value.to_string()));
        self
    }

    /// The value of an argument, if the message has it.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }
}

/// For logs only: `key(name=value, …)`; users see the text from `Tr::msg`.
impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key)?;
        f.write_str("(")?;
        for (i, (name, value)) in self.args.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{name}={value:?}")?;
        }
        f.write_str(")")
    }
}

/// Where in an uploaded file a message applies. Every part except the file is optional:
/// an unreadable file has no sheet, a missing column has no data row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// File name as uploaded.
    pub file: String,
    /// Sheet name (XLSX only).
    pub sheet: Option<String>,
    /// 1-based row number as Excel shows it (CSV: the header is row 1).
    pub row: Option<usize>,
    /// Column header in its canonical (Russian) form, as the file format names it.
    pub column: Option<String>,
}

impl Location {
    /// A location naming only the file.
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            sheet: None,
            row: None,
            column: None,
        }
    }

    /// The same location narrowed to a sheet (`None` for CSV).
    pub fn with_sheet(mut self, sheet: Option<&str>) -> Self {
        self.sheet = sheet.map(str::to_owned);
        self
    }

    /// The same location narrowed to a row.
    pub fn with_row(mut self, row: usize) -> Self {
        self.row = Some(row);
        self
    }

    /// The same location narrowed to a column.
    pub fn with_column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }
}

/// For logs only: `file, sheet "…", row N, column "…"`; users see `Tr::location`.
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, ", sheet {sheet:?}")?;
        }
        if let Some(row) = self.row {
            write!(f, ", row {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column:?}")?;
        }
        Ok(())
    }
}

fn args_as_map<S: Serializer>(args: &[(&'static str, String)], s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(args.len()))?;
    for (name, value) in args {
        map.serialize_entry(name, value)?;
    }
    map.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_shows_the_key_and_arguments_for_logs() {
        let m = Msg::new("import-error-bad-date")
            .arg("text", "31.02.2010")
            .arg("row", 5);
        assert_eq!(m.to_string(), "import-error-bad-date(text=\"31.02.2010\", row=\"5\")");
        assert_eq!(
            Msg::new("import-error-empty-file").to_string(),
            "import-error-empty-file()"
        );
        assert_eq!(m.get("row"), Some("5"));
        assert_eq!(m.get("column"), None);
    }

    #[test]
    fn location_display_names_every_known_part_for_logs() {
        let l = Location::file("a.xlsx")
            .with_sheet(Some("Лист"))
            .with_row(5)
            .with_column("Пол");
        assert_eq!(l.to_string(), r#"a.xlsx, sheet "Лист", row 5, column "Пол""#);
        assert_eq!(Location::file("a.csv").to_string(), "a.csv");
    }

    #[test]
    fn serialises_arguments_as_an_object_in_order() {
        let m = Msg::new("roster-error-no-staff").arg("code", "S9").arg("row", 3);
        let json = serde_json::to_string(&m).expect("json");
        assert_eq!(
            json,
            r#"{"key":"roster-error-no-staff","args":{"code":"S9","row":"3"}}"#
        );
    }
}
