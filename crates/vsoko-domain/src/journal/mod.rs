//! The journal's rules, pure: marks and special entries, attendance codes, the grading
//! policy (work-type weights, rounding of the weighted mean to a term mark, minimum marks),
//! and the standard metrics of SPEC §4.2 (success rate, knowledge quality, СОУ, mean mark).

pub mod marks;
pub mod metrics;
pub mod policy;
pub mod rows;

pub use marks::{Attendance, Mark, MarkError, PeriodMark, format_cell_marks, parse_cell_marks};
pub use metrics::{MarkCounts, Metrics, SouLowWeight};
pub use policy::{GradingPolicy, Rounding, WorkType};
