//! vsoko file import: roster files (XLSX, or CSV in UTF-8 / windows-1251 with `;`, `,` or
//! tab) parsed into `vsoko_domain::roster` rows, with every problem reported at its file,
//! sheet, row and column as a message key with arguments (`vsoko_i18n` renders it).
//!
//! - [`table`] reads any CSV/XLSX into sheets of trimmed string cells;
//! - [`sheet`] is the generic reader: kinds of sheet, columns with aliases, located cell
//!   errors, typed getters, templates — every importer below builds on it;
//! - [`roster`] gives those cells their meaning, validates them and makes templates;
//! - [`marks`] does the same for marks, attendance and term marks of the e-journal;
//! - [`error`] holds the located errors shown to the user.

pub mod assessment;
pub mod error;
pub mod marks;
pub mod roster;
pub mod sheet;
pub mod table;
mod values;

pub use error::{ImportError, Location, Msg};
pub use sheet::{ColumnSpec, SheetKind};
