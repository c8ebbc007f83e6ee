//! An assessment results file as the importers hand it to the store: the procedure it is
//! about (as far as the file says), its tasks, and one row per participant with every value
//! already parsed. Checks that need the school (subject, classes, conversion table, pupils)
//! happen in the store; checks that need only the file happen in the importer.

use super::{ProcedureKind, TaskSpec};
use crate::roster::Origin;
use crate::structure::ClassName;
use serde::{Deserialize, Serialize};
use time::Date;

/// What the file (and the user's options) say about the procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcedureHeader {
    /// Kind of procedure.
    pub kind: ProcedureKind,
    /// Calendar year the procedure was held.
    pub year: i32,
    /// Subject as written (name, short name or catalogue code).
    pub subject: String,
    /// Grade (parallel) 1–11.
    pub grade: i64,
    /// Date held, when known.
    pub date: Option<Date>,
    /// Title, e.g. "ВПР 2026 Русский язык 4 класс".
    pub title: String,
    /// Maximum primary score the file declares, when it does.
    pub max_primary: Option<u32>,
}

impl ProcedureHeader {
    /// The key a procedure is found by: one ВПР/ОГЭ/ЕГЭ/ГВЭ/НИКО per subject, grade and
    /// year; other procedures (which a school may hold several times) also by date and title.
    pub fn natural_key(&self, subject_id: impl std::fmt::Display) -> String {
        let base = format!("{}|{}|{}|{}", self.kind.code(), self.year, subject_id, self.grade);
        match self.kind {
            ProcedureKind::Vpr | ProcedureKind::Oge | ProcedureKind::Ege | ProcedureKind::Gve | ProcedureKind::Niko => {
                base
            }
            _ => format!(
                "{base}|{}|{}",
                self.date.map(|d| d.to_string()).unwrap_or_default(),
                crate::search::search_key(&self.title)
            ),
        }
    }
}

/// One participant's results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultRow {
    /// Where the row came from.
    pub origin: Origin,
    /// Participant code (ВПР: 5 digits; ГИА: the participant's full name when there is no
    /// code; generic files: the participant code or the pupil code).
    pub participant_code: String,
    /// The pupil's roster code, when the file gives it (generic files).
    pub pupil_code: Option<String>,
    /// The participant's full name, when the file gives it (ГИА protocols).
    pub full_name: Option<String>,
    /// Class.
    pub class: ClassName,
    /// Variant, as written.
    pub variant: String,
    /// One score per task of [`AssessmentFile::tasks`], in order; `None` = not done.
    pub scores: Vec<Option<u32>>,
    /// Primary score the file gives (checked against the sum of the task scores).
    pub primary: Option<u32>,
    /// Mark the file gives (checked against the mark the conversion table computes).
    pub file_mark: Option<u8>,
    /// Test score the file gives (ЕГЭ).
    pub file_test_score: Option<u32>,
    /// The pupil's journal mark as the file gives it (ВПР "Отметка по журналу").
    pub journal_mark: Option<u8>,
}

impl ResultRow {
    /// Sum of the scores of the tasks done.
    pub fn task_sum(&self) -> u32 {
        self.scores.iter().flatten().sum()
    }
}

/// A parsed results file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentFile {
    /// The procedure.
    pub header: ProcedureHeader,
    /// The tasks in file order.
    pub tasks: Vec<TaskSpec>,
    /// The participants' rows.
    pub results: Vec<ResultRow>,
}

impl AssessmentFile {
    /// Sum of the tasks' maximum scores.
    pub fn task_max_sum(&self) -> u32 {
        self.tasks.iter().map(|t| t.max_score).sum()
    }
}
