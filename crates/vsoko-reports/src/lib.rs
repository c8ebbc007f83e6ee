//! vsoko reports: files people download and print (XLSX now; DOCX, PDF and charts later),
//! built from plain structs the web layer fills — never from a database — with every label
//! passed in already translated, so this crate holds no user-facing text.
//!
//! - [`analytics`]: analytics tables (results, procedure analysis, value-added) as on the pages.
//! - [`charts`]: SVG charts (histogram with mark boundaries, task completion, grouped shares).
//! - [`assessment`]: ВПР results as ФИС ОКО writes them, ГИА protocols as РЦОИ writes them.
//! - [`journal`]: the class summary of a period ("сводная ведомость").
//! - [`schedule`]: the единый график оценочных процедур, class × subject × month.

pub mod analytics;
pub mod assessment;
pub mod charts;
pub mod journal;
pub mod schedule;
