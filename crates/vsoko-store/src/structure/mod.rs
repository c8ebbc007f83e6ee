//! School structure: academic years and periods, the subject catalogue, classes with their
//! class teachers, and teaching assignments.

pub mod assignments;
pub mod classes;
pub mod period_levels;
pub mod subjects;
pub mod years;
