//! The diary's marks tab: the periods of the year as links; per subject of the chosen period
//! every mark in date order (with date and work type on hover or tap), the weighted mean with
//! the number of marks, and the term mark; absences by code; the year's term-mark table.

use crate::error::AppResult;
use crate::forms::format_date;
use time::Date;
use uuid::Uuid;
use vsoko_domain::journal::Attendance;
use vsoko_i18n::Tr;
use vsoko_store::diary::{self, DiaryMarks};
use vsoko_store::structure::period_levels;
use vsoko_store::structure::years::{Period, Year};
use vsoko_store::{Db, Viewer};

/// Marks of at least this weight are outlined: under the default policy tests,
/// independent and practical works, not answers in class or homework.
pub const HEAVY_WEIGHT: i64 = 3;

/// A period link.
pub struct PeriodLink {
    /// Link.
    pub href: String,
    /// "2-я четверть".
    pub label: String,
    /// Whether it is shown.
    pub current: bool,
}

/// One mark as a chip.
pub struct MarkChip {
    /// The mark.
    pub value: String,
    /// Date, work type and weight.
    pub title: String,
    /// Whether it weighs at least [`HEAVY_WEIGHT`] (a test or an independent work, say).
    pub heavy: bool,
}

/// One subject row.
pub struct SubjectView {
    /// Subject.
    pub name: String,
    /// Marks in date order.
    pub marks: Vec<MarkChip>,
    /// Weighted mean, "4,33", or empty.
    pub mean: String,
    /// Number of marks.
    pub n: i64,
    /// Term mark as shown, or empty.
    pub term: String,
}

/// One attendance line.
pub struct AttendanceRow {
    /// Code as shown (Н, Б, УП, ОП).
    pub code: String,
    /// In words.
    pub label: String,
    /// Lessons.
    pub count: i64,
}

/// One row of the year table.
pub struct YearRowView {
    /// Subject.
    pub name: String,
    /// Term marks per period, shown.
    pub cells: Vec<String>,
    /// Year mark, shown.
    pub year: String,
}

/// The marks tab.
pub struct MarksView {
    /// Periods of the year.
    pub periods: Vec<PeriodLink>,
    /// The period shown.
    pub period_label: String,
    /// Subjects.
    pub subjects: Vec<SubjectView>,
    /// Absences by code.
    pub attendance: Vec<AttendanceRow>,
    /// Lessons missed.
    pub missed: i64,
    /// Period headers of the year table.
    pub year_headers: Vec<String>,
    /// Year table rows.
    pub year_rows: Vec<YearRowView>,
}

/// The period a query names, else the one containing today, else the last one begun, else the first.
pub fn pick_period(periods: &[Period], wanted: Option<Uuid>, today: Date) -> Option<&Period> {
    wanted
        .and_then(|id| periods.iter().find(|p| p.id == id))
        .or_else(|| periods.iter().find(|p| p.start_date <= today && today <= p.end_date))
        .or_else(|| periods.iter().rev().find(|p| p.start_date <= today))
        .or_else(|| periods.first())
}

/// A period's name ("2-я четверть").
pub fn period_label(tr: &Tr, p: &Period) -> String {
    tr.n(&format!("structure-period-{}", p.kind), "n", p.idx)
}

/// A term or year mark code as shown ("5", "н/а", "осв.", "зач.", "незач.").
pub fn term_label(tr: &Tr, code: Option<&str>) -> String {
    match code {
        None => String::new(),
        Some(c @ ("na" | "exempt" | "pass" | "fail")) => tr.t(&format!("diary-term-{c}")),
        Some(c) => c.to_string(),
    }
}

/// A mean as shown: two decimals, a decimal comma in Russian.
pub fn mean_label(tr: &Tr, mean: Option<f64>) -> String {
    match mean {
        Some(m) if tr.code() == "ru" => format!("{m:.2}").replace('.', ","),
        Some(m) => format!("{m:.2}"),
        None => String::new(),
    }
}

/// Builds the marks tab of a pupil whose diary the viewer may open.
pub async fn view(
    db: &Db,
    v: &Viewer,
    tr: &Tr,
    pupil_id: Uuid,
    year: &Year,
    wanted: &str,
    today: Date,
) -> AppResult<MarksView> {
    let periods = period_levels::pupil_periods(db, v.school(), pupil_id, year.id).await?;
    let Some(period) = pick_period(&periods, Uuid::parse_str(wanted.trim()).ok(), today).cloned() else {
        return Ok(MarksView {
            periods: Vec::new(),
            period_label: String::new(),
            subjects: Vec::new(),
            attendance: Vec::new(),
            missed: 0,
            year_headers: Vec::new(),
            year_rows: Vec::new(),
        });
    };
    let report: DiaryMarks = diary::period_report(db, v, pupil_id, year.id, period.id).await?;
    let a = report.attendance;
    let attendance = [
        (Attendance::Absent, a.absent),
        (Attendance::Ill, a.ill),
        (Attendance::Excused, a.excused),
        (Attendance::Late, a.late),
    ]
    .into_iter()
    .map(|(kind, count)| {
        let (code, label) = super::week::attendance_label(tr, Some(kind.code()));
        AttendanceRow { code, label, count }
    })
    .collect();
    Ok(MarksView {
        periods: report
            .periods
            .iter()
            .map(|p| PeriodLink {
                href: format!("/diary?pupil={pupil_id}&tab=marks&period={}", p.id),
                label: period_label(tr, p),
                current: p.id == period.id,
            })
            .collect(),
        period_label: period_label(tr, &period),
        subjects: report
            .subjects
            .iter()
            .map(|s| SubjectView {
                name: s.subject_name.clone(),
                marks: s
                    .marks
                    .iter()
                    .map(|m| MarkChip {
                        value: m.value.to_string(),
                        title: format!("{} · {} (×{})", format_date(m.lesson_date), m.work_type_name, m.weight),
                        heavy: m.weight >= HEAVY_WEIGHT,
                    })
                    .collect(),
                mean: mean_label(tr, s.mean),
                n: s.n,
                term: term_label(tr, s.term_mark.as_deref()),
            })
            .collect(),
        attendance,
        missed: a.missed,
        year_headers: report.periods.iter().map(|p| period_label(tr, p)).collect(),
        year_rows: report
            .year
            .iter()
            .map(|r| YearRowView {
                name: r.subject_name.clone(),
                cells: r.periods.iter().map(|c| term_label(tr, c.as_deref())).collect(),
                year: term_label(tr, r.year.as_deref()),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routes::diary::split_marks;

    #[test]
    fn means_use_a_decimal_comma_in_russian() {
        assert_eq!(mean_label(&Tr::new("ru"), Some(4.666_666)), "4,67");
        assert_eq!(mean_label(&Tr::new("en"), Some(4.0)), "4.00");
        assert_eq!(mean_label(&Tr::new("ru"), None), "");
        assert_eq!(split_marks("5 4"), vec!["5", "4"]);
    }
}
