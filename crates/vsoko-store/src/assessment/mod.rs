//! Assessment procedures task by task (ВПР, ОГЭ, ЕГЭ, monitoring, control works): the
//! school's conversion tables, the import of results files (dry run = the same transaction
//! rolled back), participant codes, and scoped reading.

pub mod codes;
pub mod conversions;
pub mod import;
pub mod manual;
pub mod read;

pub use import::{AssessmentReport, Progress, apply, apply_with_table};
