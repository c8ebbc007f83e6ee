//! Rows of a marks file as they arrive from CSV/XLSX: current marks and attendance of a
//! pupil at a lesson, and term or year marks. The importer parses files into these rows
//! (every value already parsed, so invalid marks cannot reach the store); the store finds
//! or creates the lessons and applies the rows. Each row remembers where it came from.

use super::marks::{Attendance, Mark, PeriodMark};
use crate::roster::Origin;
use crate::structure::ClassName;
use serde::{Deserialize, Serialize};
use time::Date;

/// The marks and attendance of one pupil at one lesson.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkRow {
    /// Row origin.
    pub origin: Origin,
    /// Class of the current year.
    pub class: ClassName,
    /// Subject as written (name, short name or code of the catalogue).
    pub subject: String,
    /// Subgroup ("" = the whole class).
    pub subgroup: String,
    /// Date of the lesson.
    pub date: Date,
    /// Code of the pupil.
    pub pupil_code: String,
    /// Marks of the cell (may be empty when only attendance is given).
    pub marks: Vec<Mark>,
    /// Attendance code, if any.
    pub attendance: Option<Attendance>,
    /// Work type of the lesson as written (code or name), if given.
    pub work_type: Option<String>,
    /// Topic of the lesson, if given.
    pub topic: Option<String>,
}

/// A term or year mark of a pupil in a subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermMarkRow {
    /// Row origin.
    pub origin: Origin,
    /// Class of the current year.
    pub class: ClassName,
    /// Subject as written.
    pub subject: String,
    /// Number of the period (1-based); `None` for the year mark.
    pub period: Option<i64>,
    /// Code of the pupil.
    pub pupil_code: String,
    /// The mark.
    pub value: PeriodMark,
}

/// A parsed marks file: lesson rows and term-mark rows (either may be empty).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarksFile {
    /// Current marks and attendance.
    pub marks: Vec<MarkRow>,
    /// Term and year marks.
    pub terms: Vec<TermMarkRow>,
}

impl MarksFile {
    /// Whether the file holds no rows at all.
    pub fn is_empty(&self) -> bool {
        self.marks.is_empty() && self.terms.is_empty()
    }
}
