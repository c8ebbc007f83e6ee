//! Assessment procedures task by task (ВПР, ОГЭ, ЕГЭ, monitoring, control works): the
//! school's conversion tables, the import of results files (dry run = the same transaction
//! rolled back), participant codes, scoped reading, and prior/current pairs for value-added.

pub mod codes;
pub mod codifiers;
pub mod compare;
pub mod conversions;
pub mod import;
pub mod manual;
#[macro_use]
pub mod read;
pub mod value_added;

pub use import::{AssessmentReport, Progress, apply, apply_with_table};
