//! What the schedule page and its export show: month tabs of the school year, the month ×
//! class grid, findings with their texts, and the class × subject × month sheet.

use std::collections::BTreeMap;
use time::{Date, Month};
use uuid::Uuid;
use vsoko_domain::schedule::{Finding, Level};
use vsoko_i18n::Tr;
use vsoko_reports::schedule::{ScheduleRow, ScheduleSheet};
use vsoko_store::schedule::ScheduleEntry;
use vsoko_store::structure::years::Year;

/// A month of the school year.
#[derive(Debug, Clone)]
pub struct MonthTab {
    /// "2026-10".
    pub key: String,
    /// Month number 1–12 (for its name).
    pub number: u8,
    /// Year.
    pub year: i32,
    /// First day of the month inside the school year.
    pub first: Date,
    /// Last day of the month inside the school year.
    pub last: Date,
}

/// The months the school year touches, in order.
pub fn months(y: &Year) -> Vec<MonthTab> {
    let mut out = Vec::new();
    let mut first = y.start_date;
    while first <= y.end_date {
        let next = first.replace_day(1).ok().and_then(|d| {
            let (yy, mm) = if d.month() == Month::December {
                (d.year() + 1, Month::January)
            } else {
                (d.year(), d.month().next())
            };
            Date::from_calendar_date(yy, mm, 1).ok()
        });
        let last = next
            .and_then(|n| n.previous_day())
            .map_or(y.end_date, |l| l.min(y.end_date));
        out.push(MonthTab {
            key: format!("{}-{:02}", first.year(), u8::from(first.month())),
            number: u8::from(first.month()),
            year: first.year(),
            first,
            last,
        });
        match next {
            Some(n) => first = n,
            None => break,
        }
    }
    out
}

/// One procedure in a grid cell.
#[derive(Debug, Clone)]
pub struct Cell {
    /// Entry id.
    pub id: Uuid,
    /// Subject.
    pub subject: String,
    /// Name of the procedure.
    pub name: String,
    /// Lesson number.
    pub lesson: i64,
    /// Level code (for CSS and the letter).
    pub level: String,
    /// Whether a finding involves it.
    pub flagged: bool,
}

/// A class row of the month grid: one list of cells per day column.
#[derive(Debug, Clone)]
pub struct DayRow {
    /// Class name.
    pub class: String,
    /// Per day column.
    pub cells: Vec<Vec<Cell>>,
}

/// The month grid: day headers ("14") for the weekdays of the month, and one row per class
/// that has a procedure in the month, in grade and letter order.
pub fn grid(m: &MonthTab, entries: &[ScheduleEntry], flagged: &[Uuid]) -> (Vec<String>, Vec<DayRow>) {
    let mut days: Vec<Date> = Vec::new();
    let mut d = m.first;
    while d <= m.last {
        if !matches!(d.weekday(), time::Weekday::Saturday | time::Weekday::Sunday) {
            days.push(d);
        }
        match d.next_day() {
            Some(n) => d = n,
            None => break,
        }
    }
    let mut rows: BTreeMap<(i64, String), Vec<Vec<Cell>>> = BTreeMap::new();
    for e in entries {
        let row = rows
            .entry((e.grade, e.class_name.clone()))
            .or_insert_with(|| vec![Vec::new(); days.len()]);
        if let Some(i) = days.iter().position(|x| *x == e.work_date) {
            row[i].push(Cell {
                id: e.id,
                subject: e.subject_name.clone(),
                name: e.name.clone(),
                lesson: e.lesson,
                level: e.level.clone(),
                flagged: flagged.contains(&e.id),
            });
        }
    }
    let headers = days.iter().map(|d| d.day().to_string()).collect();
    let rows = rows
        .into_iter()
        .map(|((_, class), cells)| DayRow { class, cells })
        .collect();
    (headers, rows)
}

/// A finding as the page lists it.
#[derive(Debug, Clone)]
pub struct FindingView {
    /// Rule code (CSS).
    pub rule: &'static str,
    /// Rule title.
    pub title: String,
    /// Reason naming the entries.
    pub reason: String,
    /// Entries involved.
    pub entries: Vec<Uuid>,
}

impl FindingView {
    /// Texts of a finding in the reader's language.
    pub fn new(tr: &Tr, f: &Finding) -> FindingView {
        FindingView {
            rule: f.rule.code(),
            title: tr.t(&format!("schedule-rule-title-{}", f.rule.code())),
            reason: tr.msg(&f.reason),
            entries: f.entries.clone(),
        }
    }
}

/// The letter of a level in the exported table.
fn level_letter(tr: &Tr, code: &str) -> String {
    tr.t(&format!(
        "schedule-level-letter-{}",
        Level::parse(code).unwrap_or(Level::School).code()
    ))
}

/// The class × subject × month sheet of a year.
pub fn sheet(tr: &Tr, y: &Year, school: &str, entries: &[ScheduleEntry]) -> ScheduleSheet {
    let months = months(y);
    let mut rows: BTreeMap<(i64, String, String), Vec<Vec<String>>> = BTreeMap::new();
    for e in entries {
        let cells = rows
            .entry((e.grade, e.class_name.clone(), e.subject_name.clone()))
            .or_insert_with(|| vec![Vec::new(); months.len()]);
        if let Some(i) = months
            .iter()
            .position(|m| m.first <= e.work_date && e.work_date <= m.last)
        {
            cells[i].push(format!(
                "{:02}.{:02} {}: {}",
                e.work_date.day(),
                u8::from(e.work_date.month()),
                level_letter(tr, &e.level),
                e.name
            ));
        }
    }
    ScheduleSheet {
        sheet_name: tr.t("schedule-xlsx-sheet"),
        title: tr.s("schedule-xlsx-title", "year", &y.name),
        subtitle: school.to_string(),
        class_header: tr.t("col-class"),
        subject_header: tr.t("col-subject"),
        months: months
            .iter()
            .map(|m| tr.t(&format!("schedule-month-{}", m.number)))
            .collect(),
        total_header: tr.t("structure-total"),
        rows: rows
            .into_iter()
            .map(|((_, class, subject), cells)| ScheduleRow {
                total: cells.iter().map(Vec::len).sum(),
                class,
                subject,
                cells,
            })
            .collect(),
        note: tr.t("schedule-xlsx-note"),
    }
}
