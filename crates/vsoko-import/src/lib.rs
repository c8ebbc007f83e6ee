//! vsoko file import: roster files (XLSX, or CSV in UTF-8 / windows-1251 with `;`, `,` or
//! tab) parsed into `vsoko_domain::roster` rows, with every problem reported in Russian at
//! its file, sheet, row and column.
//!
//! - [`table`] reads any CSV/XLSX into sheets of trimmed string cells;
//! - [`roster`] gives those cells their meaning, validates them and makes templates;
//! - [`error`] holds the located errors shown to the user.

pub mod error;
pub mod roster;
pub mod table;

pub use error::{ImportError, Location};
