//! Row parsing of both marks sheets, with the in-file duplicate checks. A row with any
//! error is left out; its errors are reported and the remaining rows are still read.

use super::MarksKind;
use super::columns::h;
use crate::error::{ImportError, Msg};
use crate::sheet::{Sheet, SheetKind};
use crate::table::{Table, normalize_header};
use std::collections::HashMap;
use vsoko_domain::journal::rows::{MarkRow, MarksFile, TermMarkRow};
use vsoko_domain::roster::Origin;

/// Where each key was first seen (sheet and row), to name it in duplicate errors.
pub(crate) type FirstSeen<K> = HashMap<K, Origin>;

/// Parses every row of `table` as `kind` into `out`, appending problems to `errors`.
pub(crate) fn sheet(
    file: &str,
    table: &Table,
    kind: MarksKind,
    out: &mut MarksFile,
    seen: &mut (FirstSeen<String>, FirstSeen<String>),
    errors: &mut Vec<ImportError>,
) {
    let sheet = match Sheet::new(file, table, kind.columns()) {
        Ok(sheet) => sheet,
        Err(missing) => {
            // Without a required column every row would fail the same way; report the header only.
            errors.extend(missing);
            return;
        }
    };
    match kind {
        MarksKind::Marks => marks(&sheet, &mut out.marks, &mut seen.0, errors),
        MarksKind::Terms => terms(&sheet, &mut out.terms, &mut seen.1, errors),
    }
}

/// The duplicate message for a key first seen at `first`.
fn duplicate(key: &'static str, first: &Origin) -> Msg {
    Msg::new(key).arg("sheet", &first.sheet).arg("first_row", first.row)
}

fn marks(sheet: &Sheet<'_>, out: &mut Vec<MarkRow>, seen: &mut FirstSeen<String>, errors: &mut Vec<ImportError>) {
    for row in &sheet.table.rows {
        let mut c = sheet.cells(row);
        let class = c.class(h::CLASS);
        let subject = c.required(h::SUBJECT);
        let subgroup = c.optional(h::SUBGROUP).unwrap_or_default();
        let date = c.date(h::DATE);
        let pupil_code = c.required(h::PUPIL_CODE);
        let marks = c.marks(h::MARKS);
        let attendance = c.attendance(h::ATTENDANCE);
        if let (Some(marks), Ok(Some(a))) = (&marks, &attendance)
            && !marks.is_empty()
            && a.is_absence()
        {
            c.error(Some(h::MARKS), Msg::new("marks-import-error-absent-with-mark"));
        }
        if let (Some(class), Some(subject), Some(date), Some(pupil)) = (&class, &subject, &date, &pupil_code) {
            let key = format!(
                "{class}\u{1f}{}\u{1f}{subgroup}\u{1f}{date}\u{1f}{pupil}",
                normalize_header(subject)
            );
            let origin = sheet.origin(row);
            if let Some(first) = seen.get(&key) {
                c.error(None, duplicate("marks-import-error-duplicate-cell", first));
            } else {
                seen.insert(key, origin);
            }
        }
        if let (Some(class), Some(subject), Some(date), Some(pupil_code), Some(marks), Ok(attendance)) =
            (class, subject, date, pupil_code, marks, attendance)
            && c.errors.is_empty()
        {
            out.push(MarkRow {
                origin: sheet.origin(row),
                class,
                subject,
                subgroup,
                date,
                pupil_code,
                marks,
                attendance,
                work_type: c.optional(h::WORK_TYPE),
                topic: c.optional(h::TOPIC),
            });
        }
        errors.extend(c.errors);
    }
}

fn terms(sheet: &Sheet<'_>, out: &mut Vec<TermMarkRow>, seen: &mut FirstSeen<String>, errors: &mut Vec<ImportError>) {
    for row in &sheet.table.rows {
        let mut c = sheet.cells(row);
        let class = c.class(h::CLASS);
        let subject = c.required(h::SUBJECT);
        let period = c.period(h::PERIOD);
        let pupil_code = c.required(h::PUPIL_CODE);
        let value = c.term_mark(h::MARK);
        if let (Some(class), Some(subject), Some(period), Some(pupil)) = (&class, &subject, &period, &pupil_code) {
            let period = period.map_or_else(|| "year".to_string(), |p| p.to_string());
            let key = format!("{class}\u{1f}{}\u{1f}{period}\u{1f}{pupil}", normalize_header(subject));
            if let Some(first) = seen.get(&key) {
                c.error(None, duplicate("marks-import-error-duplicate-term", first));
            } else {
                seen.insert(key, sheet.origin(row));
            }
        }
        if let (Some(class), Some(subject), Some(period), Some(pupil_code), Some(value)) =
            (class, subject, period, pupil_code, value)
            && c.errors.is_empty()
        {
            out.push(TermMarkRow {
                origin: sheet.origin(row),
                class,
                subject,
                period,
                pupil_code,
                value,
            });
        }
        errors.extend(c.errors);
    }
}
