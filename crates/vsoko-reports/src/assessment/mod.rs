//! Files of external assessments in the layouts schools receive them: the ФИС ОКО
//! "Индивидуальные результаты" workbook of a ВПР (SPEC §5.2) and the РЦОИ ГИА protocol
//! (SPEC §7.2), and the generic layout of a school's own control work. The demo generator
//! writes them so the importers meet real layouts.

pub mod fis_oko;
pub mod generic;
pub mod rcoi;

pub use fis_oko::{FisOkoRow, FisOkoSheet, FisOkoTask, fis_oko_xlsx};
pub use generic::{GenericRow, generic_csv};
pub use rcoi::{RcoiRow, rcoi_csv};
