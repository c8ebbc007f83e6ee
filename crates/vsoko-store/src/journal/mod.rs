//! The e-journal's storage: who may read and write a class-subject, the grading policy of a
//! year, lessons, cells (marks, attendance, comment), term and year marks, period locks,
//! rollups kept in the same transaction as each write, and the history of every cell.

pub mod access;
pub mod cells;
pub mod control;
pub mod grid;
pub mod history;
pub mod import;
pub mod lessons;
pub mod locks;
pub mod period_marks;
pub mod policy;
pub mod rollups;
pub mod summary;
