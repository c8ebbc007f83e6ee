//! Row parsing per roster kind, with the in-file duplicate checks. A row with any error is
//! left out of the roster; its errors are reported and the remaining rows are still read.

use super::RosterKind;
use super::columns::h;
use crate::error::{ImportError, Msg};
use crate::sheet::{Cells, Sheet, SheetKind};
use crate::table::{Table, normalize_header};
use std::collections::HashMap;
use std::hash::Hash;
use vsoko_domain::roster::{AssignmentRow, ClassRow, ParentRow, PupilRow, Roster, StaffRow};

/// Parses every row of `table` as `kind` into `roster`, appending problems to `errors`.
pub(crate) fn sheet(file: &str, table: &Table, kind: RosterKind, roster: &mut Roster, errors: &mut Vec<ImportError>) {
    let sheet = match Sheet::new(file, table, kind.columns()) {
        Ok(sheet) => sheet,
        Err(missing) => {
            // Without a required column every row would fail the same way; report the header only.
            errors.extend(missing);
            return;
        }
    };
    match kind {
        RosterKind::Classes => classes(&sheet, &mut roster.classes, errors),
        RosterKind::Staff => staff(&sheet, &mut roster.staff, errors),
        RosterKind::Pupils => pupils(&sheet, &mut roster.pupils, errors),
        RosterKind::Parents => parents(&sheet, &mut roster.parents, errors),
        RosterKind::Assignments => assignments(&sheet, &mut roster.assignments, errors),
    }
}

/// First row number at which each key was seen.
struct FirstSeen<K>(HashMap<K, usize>);

impl<K: Hash + Eq> FirstSeen<K> {
    fn new() -> Self {
        FirstSeen(HashMap::new())
    }

    /// Remembers `key` at `row`; returns the earlier row if the key was already seen.
    fn repeat_of(&mut self, key: K, row: usize) -> Option<usize> {
        let first = *self.0.entry(key).or_insert(row);
        (first != row).then_some(first)
    }
}

/// Reports a code repeated within the sheet with the message `key` (`code`, `first_row`).
fn check_unique(
    c: &mut Cells<'_>,
    seen: &mut FirstSeen<String>,
    header: &str,
    code: Option<&String>,
    key: &'static str,
) {
    if let Some(code) = code
        && let Some(first) = seen.repeat_of(code.clone(), c.row.number)
    {
        c.error(Some(header), Msg::new(key).arg("code", code).arg("first_row", first));
    }
}

fn classes(sheet: &Sheet<'_>, out: &mut Vec<ClassRow>, errors: &mut Vec<ImportError>) {
    let mut seen = FirstSeen::new();
    for row in &sheet.table.rows {
        let mut c = sheet.cells(row);
        let name = c.class(h::CLASS);
        if let Some(name) = &name
            && let Some(first) = seen.repeat_of(name.clone(), row.number)
        {
            c.error(
                Some(h::CLASS),
                Msg::new("import-error-duplicate-class")
                    .arg("class", name)
                    .arg("first_row", first),
            );
        }
        if let Some(name) = name
            && c.errors.is_empty()
        {
            out.push(ClassRow {
                origin: sheet.origin(row),
                name,
                profile: c.optional(h::PROFILE),
                class_teacher_code: c.optional(h::CLASS_TEACHER),
            });
        }
        errors.extend(c.errors);
    }
}

fn staff(sheet: &Sheet<'_>, out: &mut Vec<StaffRow>, errors: &mut Vec<ImportError>) {
    let mut seen = FirstSeen::new();
    for row in &sheet.table.rows {
        let mut c = sheet.cells(row);
        let code = c.required(h::STAFF_CODE);
        check_unique(
            &mut c,
            &mut seen,
            h::STAFF_CODE,
            code.as_ref(),
            "import-error-duplicate-staff-code",
        );
        let (last_name, first_name, post) = (c.required(h::LAST_NAME), c.required(h::FIRST_NAME), c.required(h::POST));
        if let (Some(code), Some(last_name), Some(first_name), Some(post)) = (code, last_name, first_name, post)
            && c.errors.is_empty()
        {
            out.push(StaffRow {
                origin: sheet.origin(row),
                code,
                last_name,
                first_name,
                middle_name: c.optional(h::MIDDLE_NAME),
                post,
                email: c.optional(h::EMAIL),
                phone: c.optional(h::PHONE),
            });
        }
        errors.extend(c.errors);
    }
}

fn pupils(sheet: &Sheet<'_>, out: &mut Vec<PupilRow>, errors: &mut Vec<ImportError>) {
    let mut seen = FirstSeen::new();
    for row in &sheet.table.rows {
        let mut c = sheet.cells(row);
        let code = c.required(h::PUPIL_CODE);
        check_unique(
            &mut c,
            &mut seen,
            h::PUPIL_CODE,
            code.as_ref(),
            "import-error-duplicate-pupil-code",
        );
        let (last_name, first_name) = (c.required(h::LAST_NAME), c.required(h::FIRST_NAME));
        let birth_date = c.date(h::BIRTH_DATE);
        let sex = c.sex(h::SEX);
        let class = c.class(h::CLASS);
        if let (Some(code), Some(last_name), Some(first_name), Some(birth_date), Some(class)) =
            (code, last_name, first_name, birth_date, class)
            && c.errors.is_empty()
        {
            out.push(PupilRow {
                origin: sheet.origin(row),
                code,
                last_name,
                first_name,
                middle_name: c.optional(h::MIDDLE_NAME),
                birth_date,
                sex,
                class,
            });
        }
        errors.extend(c.errors);
    }
}

/// What the first row of a parent code said, to compare later rows of the same parent.
struct ParentSeen {
    row: usize,
    names: [Option<String>; 3],
    pupils: HashMap<String, usize>,
}

fn parents(sheet: &Sheet<'_>, out: &mut Vec<ParentRow>, errors: &mut Vec<ImportError>) {
    let mut seen: HashMap<String, ParentSeen> = HashMap::new();
    let name_headers = [h::LAST_NAME, h::FIRST_NAME, h::MIDDLE_NAME];
    for row in &sheet.table.rows {
        let mut c = sheet.cells(row);
        let code = c.required(h::PARENT_CODE);
        let (last_name, first_name) = (c.required(h::LAST_NAME), c.required(h::FIRST_NAME));
        let pupil_code = c.required(h::PUPIL_CODE);
        let names = [last_name.clone(), first_name.clone(), c.optional(h::MIDDLE_NAME)];
        if let Some(code) = &code {
            let entry = seen.entry(code.clone()).or_insert_with(|| ParentSeen {
                row: row.number,
                names: names.clone(),
                pupils: HashMap::new(),
            });
            if entry.row != row.number {
                for ((header, first), now) in name_headers.iter().zip(&entry.names).zip(&names) {
                    // An empty required name is already reported; do not report it twice.
                    if first == now || (now.is_none() && *header != h::MIDDLE_NAME) {
                        continue;
                    }
                    let given = |v: &Option<String>| if v.is_some() { "yes" } else { "no" };
                    c.error(
                        Some(header),
                        Msg::new("import-error-parent-name-differs")
                            .arg("code", code)
                            .arg("first_row", entry.row)
                            .arg("before", first.as_deref().unwrap_or(""))
                            .arg("before_given", given(first))
                            .arg("now", now.as_deref().unwrap_or(""))
                            .arg("now_given", given(now)),
                    );
                }
            }
            if let Some(pupil) = &pupil_code {
                let first = *entry.pupils.entry(pupil.clone()).or_insert(row.number);
                if first != row.number {
                    c.error(
                        Some(h::PUPIL_CODE),
                        Msg::new("import-error-duplicate-link")
                            .arg("code", code)
                            .arg("pupil", pupil)
                            .arg("first_row", first),
                    );
                }
            }
        }
        if let (Some(code), Some(last_name), Some(first_name), Some(pupil_code)) =
            (code, last_name, first_name, pupil_code)
            && c.errors.is_empty()
        {
            out.push(ParentRow {
                origin: sheet.origin(row),
                code,
                last_name,
                first_name,
                middle_name: names[2].clone(),
                phone: c.optional(h::PHONE),
                email: c.optional(h::EMAIL),
                pupil_code,
                relation: c.optional(h::RELATION),
            });
        }
        errors.extend(c.errors);
    }
}

fn assignments(sheet: &Sheet<'_>, out: &mut Vec<AssignmentRow>, errors: &mut Vec<ImportError>) {
    let mut seen = FirstSeen::new();
    for row in &sheet.table.rows {
        let mut c = sheet.cells(row);
        let staff_code = c.required(h::STAFF_CODE);
        let class = c.class(h::CLASS);
        let subject = c.required(h::SUBJECT);
        let subgroup = c.optional(h::SUBGROUP);
        let hours = c.hours(h::HOURS);
        if let (Some(staff_code), Some(class), Some(subject)) = (&staff_code, &class, &subject) {
            // Subjects compare like headers: "Русский язык" and "русский  язык" are one subject.
            let key = (
                staff_code.clone(),
                class.clone(),
                normalize_header(subject),
                subgroup.clone(),
            );
            if let Some(first) = seen.repeat_of(key, row.number) {
                let msg = match subgroup.as_deref() {
                    Some(group) => Msg::new("import-error-duplicate-assignment-subgroup").arg("subgroup", group),
                    None => Msg::new("import-error-duplicate-assignment"),
                };
                c.error(
                    None,
                    msg.arg("staff", staff_code)
                        .arg("class", class)
                        .arg("subject", subject)
                        .arg("first_row", first),
                );
            }
        }
        if let (Some(staff_code), Some(class), Some(subject), Some(hours_per_week)) =
            (staff_code, class, subject, hours)
            && c.errors.is_empty()
        {
            out.push(AssignmentRow {
                origin: sheet.origin(row),
                staff_code,
                class,
                subject,
                subgroup,
                hours_per_week,
            });
        }
        errors.extend(c.errors);
    }
}
