//! Roster rows: the school's people and structure as they arrive from a roster file (XLSX
//! or CSV) or from the demo generator. The importer parses files into these rows; the store
//! plans and applies them. Every row remembers where it came from so errors can point at it.

use serde::{Deserialize, Serialize};
use time::Date;

/// Where a row came from in its file: sheet (or CSV file name) and 1-based row number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Origin {
    /// Sheet name for XLSX, file name for CSV.
    pub sheet: String,
    /// 1-based row number as the user sees it in Excel (header is row 1 unless meta rows precede it).
    pub row: usize,
}

/// Sex of a pupil, as written in Russian rosters (М/Ж).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sex {
    /// Мужской.
    Male,
    /// Женский.
    Female,
}

impl Sex {
    /// The one-letter Russian code stored and exported.
    pub fn code(self) -> &'static str {
        match self {
            Sex::Male => "М",
            Sex::Female => "Ж",
        }
    }
}

/// A class of the school year ("5А") with its optional profile and class teacher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassRow {
    /// Row origin.
    pub origin: Origin,
    /// Class name as parsed (grade and letter).
    pub name: crate::structure::ClassName,
    /// Profile (e.g. "технологический"), optional.
    pub profile: Option<String>,
    /// Staff code of the class teacher, optional.
    pub class_teacher_code: Option<String>,
}

/// A staff member with a post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRow {
    /// Row origin.
    pub origin: Origin,
    /// School-unique staff code (табельный номер or any stable key).
    pub code: String,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество, optional.
    pub middle_name: Option<String>,
    /// Должность (post), e.g. "учитель", "заместитель директора по УВР".
    pub post: String,
    /// E-mail, optional.
    pub email: Option<String>,
    /// Phone, optional.
    pub phone: Option<String>,
}

/// A pupil with the class they are in this year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PupilRow {
    /// Row origin.
    pub origin: Origin,
    /// School-unique pupil code (e.g. the number of the personal file).
    pub code: String,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество, optional.
    pub middle_name: Option<String>,
    /// Date of birth.
    pub birth_date: Date,
    /// Sex, optional.
    pub sex: Option<Sex>,
    /// Class this year.
    pub class: crate::structure::ClassName,
}

/// A parent (or legal representative) linked to one pupil; a parent of two children
/// appears in two rows with the same code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParentRow {
    /// Row origin.
    pub origin: Origin,
    /// School-unique parent code.
    pub code: String,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество, optional.
    pub middle_name: Option<String>,
    /// Phone, optional.
    pub phone: Option<String>,
    /// E-mail, optional.
    pub email: Option<String>,
    /// Code of the pupil this row links the parent to.
    pub pupil_code: String,
    /// Relation, e.g. "мать", "отец", "опекун"; optional.
    pub relation: Option<String>,
}

/// A teaching assignment: teacher × class (or subgroup) × subject with weekly hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssignmentRow {
    /// Row origin.
    pub origin: Origin,
    /// Staff code of the teacher.
    pub staff_code: String,
    /// Class.
    pub class: crate::structure::ClassName,
    /// Subject as written (catalogue name or code); resolved against the catalogue on apply.
    pub subject: String,
    /// Subgroup label (e.g. "1", "2"), empty for the whole class.
    pub subgroup: Option<String>,
    /// Hours per week (may be fractional, e.g. 0.5).
    pub hours_per_week: f64,
}

/// Everything one roster file carries. Any part may be empty.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Roster {
    /// Classes.
    pub classes: Vec<ClassRow>,
    /// Staff.
    pub staff: Vec<StaffRow>,
    /// Pupils.
    pub pupils: Vec<PupilRow>,
    /// Parents (one row per parent–pupil link).
    pub parents: Vec<ParentRow>,
    /// Teaching assignments.
    pub assignments: Vec<AssignmentRow>,
}

impl Roster {
    /// True when the file carried no rows at all.
    pub fn is_empty(&self) -> bool {
        self.classes.is_empty()
            && self.staff.is_empty()
            && self.pupils.is_empty()
            && self.parents.is_empty()
            && self.assignments.is_empty()
    }
}
