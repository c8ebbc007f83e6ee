//! The journal grid as the template draws it: lesson columns, one row per pupil with its
//! cells in lesson order, the weighted mean, the suggested and the set term mark — built
//! from the store's [`Grid`] in one pass, with no further queries.

use super::{cell_text, format_mean, period_mark_label, suggestion_label};
use crate::forms::format_date;
use std::collections::HashMap;
use time::Date;
use uuid::Uuid;
use vsoko_domain::journal::policy::WeightedMean;
use vsoko_domain::journal::{Attendance, GradingPolicy, Mark, PeriodMark, parse_cell_marks};
use vsoko_i18n::Tr;
use vsoko_store::journal::cells::{Cell, ListedPupil};
use vsoko_store::journal::grid::{Grid, PeriodInfo};
use vsoko_store::journal::lessons::Lesson;
use vsoko_store::journal::period_marks::PeriodMarkRow;

/// A lesson column.
pub struct LessonCol {
    /// Lesson id.
    pub id: Uuid,
    /// `dd.mm`.
    pub day: String,
    /// `dd.mm.yyyy`.
    pub date: String,
    /// Short work-type label.
    pub wt: String,
    /// Work-type name.
    pub wt_name: String,
    /// Topic.
    pub topic: String,
    /// Homework.
    pub homework: String,
    /// Tooltip: date, work type, topic and homework.
    pub title: String,
}

/// One cell of the grid.
pub struct CellView {
    /// What the input shows ("5 4", "н").
    pub text: String,
    /// Stored version (0 = no cell yet).
    pub version: i64,
    /// Comment.
    pub comment: String,
    /// The pupil was not in the class on the lesson's date.
    pub off: bool,
    /// The pupil missed the lesson.
    pub absent: bool,
}

/// One pupil's row.
pub struct RowView {
    /// Pupil id.
    pub id: Uuid,
    /// Фамилия Имя.
    pub name: String,
    /// Joined or left during the period.
    pub note: String,
    /// Cells in lesson order.
    pub cells: Vec<CellView>,
    /// Number of marks.
    pub count: usize,
    /// Weighted mean, or empty.
    pub mean: String,
    /// Suggested term mark, or empty.
    pub suggested: String,
    /// Fewer marks than the policy's minimum.
    pub too_few: bool,
    /// The term mark set, as its label.
    pub term: String,
    /// Its version (0 = none yet).
    pub term_version: i64,
}

/// The weighted mean, count and suggestion of one pupil's marks with their work types.
pub struct RowStats {
    /// Number of marks.
    pub count: usize,
    /// Weighted mean, formatted, or empty.
    pub mean: String,
    /// Suggested term mark, or empty.
    pub suggested: String,
    /// Fewer marks than the minimum.
    pub too_few: bool,
}

/// Stats of a pupil's (stored marks, work type) pairs under a policy.
pub fn row_stats<'a>(tr: &Tr, policy: &GradingPolicy, marks: impl IntoIterator<Item = (&'a str, &'a str)>) -> RowStats {
    let mut typed: Vec<(Mark, &str)> = Vec::new();
    for (m, wt) in marks {
        for mark in parse_cell_marks(m).unwrap_or_default() {
            typed.push((mark, wt));
        }
    }
    let s = policy.suggest(&typed);
    RowStats {
        count: typed.len(),
        mean: s.mean.map(|m| format_mean(tr, m.value())).unwrap_or_default(),
        suggested: s.suggested.map(|m| suggestion_label(tr, m)).unwrap_or_default(),
        too_few: s.too_few,
    }
}

/// The label of a period ("2-я четверть").
pub fn period_label(tr: &Tr, p: &PeriodInfo) -> String {
    tr.n(&format!("journal-period-{}", p.kind), "n", p.idx)
}

/// The short label of a work type: from the UI text for the standard codes, else the
/// first letter of its name.
pub fn work_type_short(tr: &Tr, code: &str, name: &str) -> String {
    let key = format!("journal-wt-{code}");
    if tr.has(&key) {
        tr.t(&key)
    } else {
        name.chars().next().map(String::from).unwrap_or_default()
    }
}

/// The lesson columns.
pub fn lesson_cols(tr: &Tr, policy: &GradingPolicy, lessons: &[Lesson]) -> Vec<LessonCol> {
    lessons
        .iter()
        .map(|l| {
            let wt_name = policy
                .work_types
                .iter()
                .find(|w| w.code == l.work_type)
                .map(|w| w.name.clone())
                .unwrap_or_else(|| l.work_type.clone());
            let date = format_date(l.lesson_date);
            let mut title = format!("{date} · {wt_name}");
            for part in [&l.topic, &l.homework] {
                if !part.is_empty() {
                    title.push_str(" · ");
                    title.push_str(part);
                }
            }
            LessonCol {
                id: l.id,
                day: format!("{:02}.{:02}", l.lesson_date.day(), u8::from(l.lesson_date.month())),
                date,
                wt: work_type_short(tr, &l.work_type, &wt_name),
                wt_name,
                topic: l.topic.clone(),
                homework: l.homework.clone(),
                title,
            }
        })
        .collect()
}

fn in_class(p: &ListedPupil, d: Date) -> bool {
    p.from_date <= d && p.to_date.is_none_or(|t| t >= d)
}

/// "joined on …" / "left on …" when the pupil's stay does not cover the whole span.
fn stay_note(tr: &Tr, p: &ListedPupil, start: Date, end: Date) -> String {
    let mut notes = Vec::new();
    if p.from_date > start {
        notes.push(tr.s("journal-pupil-joined", "date", &format_date(p.from_date)));
    }
    if let Some(t) = p.to_date.filter(|t| *t < end) {
        notes.push(tr.s("journal-pupil-left", "date", &format_date(t)));
    }
    notes.join(", ")
}

/// The rows of a period's grid.
pub fn rows(tr: &Tr, g: &Grid, period: &PeriodInfo) -> Vec<RowView> {
    let cells: HashMap<(Uuid, Uuid), &Cell> = g.cells.iter().map(|c| ((c.lesson_id, c.pupil_id), c)).collect();
    let terms: HashMap<Uuid, &PeriodMarkRow> = g.period_marks.iter().map(|m| (m.pupil_id, m)).collect();
    g.pupils
        .iter()
        .map(|p| {
            let mut marks: Vec<(&str, &str)> = Vec::new();
            let row_cells = g
                .lessons
                .iter()
                .map(|l| {
                    let c = cells.get(&(l.id, p.id));
                    if let Some(c) = c.filter(|c| !c.marks.is_empty()) {
                        marks.push((c.marks.as_str(), l.work_type.as_str()));
                    }
                    CellView {
                        text: c
                            .map(|c| cell_text(tr, &c.marks, c.attendance.as_deref()))
                            .unwrap_or_default(),
                        version: c.map(|c| c.version).unwrap_or(0),
                        comment: c.map(|c| c.comment.clone()).unwrap_or_default(),
                        off: !in_class(p, l.lesson_date),
                        absent: c
                            .and_then(|c| c.attendance.as_deref())
                            .and_then(Attendance::from_code)
                            .is_some_and(Attendance::is_absence),
                    }
                })
                .collect();
            let stats = row_stats(tr, &g.policy, marks);
            let term = terms.get(&p.id);
            RowView {
                id: p.id,
                name: format!("{} {}", p.last_name, p.first_name),
                note: stay_note(tr, p, period.start_date, period.end_date),
                cells: row_cells,
                count: stats.count,
                mean: stats.mean,
                // Without lessons there is nothing to suggest yet (not even н/а).
                suggested: if g.lessons.is_empty() {
                    String::new()
                } else {
                    stats.suggested
                },
                too_few: stats.too_few && !g.lessons.is_empty(),
                term: term.map(|t| period_mark_label(tr, &t.value)).unwrap_or_default(),
                term_version: term.map(|t| t.version).unwrap_or(0),
            }
        })
        .collect()
}

/// One pupil's row of the year overview.
pub struct YearRow {
    /// Pupil id.
    pub id: Uuid,
    /// Фамилия Имя.
    pub name: String,
    /// Joined or left during the year.
    pub note: String,
    /// Term marks, one per period (empty when not set).
    pub terms: Vec<String>,
    /// Suggested year mark from the numeric term marks.
    pub suggested: String,
    /// The year mark set.
    pub year: String,
    /// Its version (0 = none yet).
    pub year_version: i64,
}

/// The rows of the year overview.
pub fn year_rows(tr: &Tr, g: &Grid, start: Date, end: Date) -> Vec<YearRow> {
    let mut by_pupil: HashMap<Uuid, Vec<&PeriodMarkRow>> = HashMap::new();
    for m in &g.period_marks {
        by_pupil.entry(m.pupil_id).or_default().push(m);
    }
    g.pupils
        .iter()
        .map(|p| {
            let marks = by_pupil.remove(&p.id).unwrap_or_default();
            let terms: Vec<String> = g
                .periods
                .iter()
                .map(|per| {
                    marks
                        .iter()
                        .find(|m| m.period_id == Some(per.id))
                        .map(|m| period_mark_label(tr, &m.value))
                        .unwrap_or_default()
                })
                .collect();
            let numeric: Vec<(Mark, i64)> = marks
                .iter()
                .filter(|m| m.kind == "period")
                .filter_map(|m| match PeriodMark::from_code(&m.value) {
                    Some(PeriodMark::Mark(v)) => Some((v, 1)),
                    _ => None,
                })
                .collect();
            let suggested = WeightedMean::of(&numeric)
                .map(|w| w.suggest(g.policy.rounding).to_string())
                .unwrap_or_default();
            let year = marks.iter().find(|m| m.kind == "year");
            YearRow {
                id: p.id,
                name: format!("{} {}", p.last_name, p.first_name),
                note: stay_note(tr, p, start, end),
                terms,
                suggested,
                year: year.map(|m| period_mark_label(tr, &m.value)).unwrap_or_default(),
                year_version: year.map(|m| m.version).unwrap_or(0),
            }
        })
        .collect()
}
