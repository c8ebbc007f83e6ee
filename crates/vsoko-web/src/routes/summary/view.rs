//! The summary's views: the page (cells as shown, risk highlighted, the at-risk list) and
//! the plain sheet the XLSX builder prints, both from the same loaded data.

use crate::forms::format_date;
use crate::page::PageCtx;
use crate::routes::control::decimal;
use askama::Template;
use askama_web::WebTemplate;
use time::Date;
use uuid::Uuid;
use vsoko_domain::journal::PeriodMark;
use vsoko_domain::msg::Msg;
use vsoko_i18n::Tr;
use vsoko_reports::journal::{SheetCell, SummaryRow, SummarySheet};
use vsoko_store::journal::summary::{CellValue, ClassSummary};
use vsoko_store::structure::classes::Class;
use vsoko_store::structure::years::Period;

/// What the page and the export show.
pub struct Shown {
    /// The class.
    pub class: Class,
    /// Its school year's name.
    pub year_name: String,
    /// The period shown.
    pub period: Period,
    /// Every period of the year (selector).
    pub periods: Vec<Period>,
    /// The summary.
    pub data: ClassSummary,
    /// Today (the date printed on the export).
    pub today: Date,
}

/// A term entry as people write it.
pub fn term_text(tr: &Tr, m: PeriodMark) -> String {
    match m {
        PeriodMark::Mark(v) => v.to_string(),
        PeriodMark::NotAttested => tr.t("summary-term-na"),
        PeriodMark::Exempt => tr.t("summary-term-exempt"),
        PeriodMark::Pass => tr.t("summary-term-pass"),
        PeriodMark::Fail => tr.t("summary-term-fail"),
    }
}

fn period_label(tr: &Tr, p: &Period) -> String {
    tr.n(&format!("structure-period-{}", p.kind), "n", p.idx)
}

/// One cell as the page shows it.
pub struct CellView {
    text: String,
    n: Option<i64>,
    is_term: bool,
    risk: bool,
}

/// One pupil row.
pub struct RowView {
    name: String,
    cells: Vec<CellView>,
    absences: i64,
    ill: i64,
    excused: i64,
    late: i64,
    risk: bool,
}

/// A pupil at risk and where: subjects with a "2" (or незачёт), and with н/а.
pub struct RiskView {
    name: String,
    two: String,
    not_attested: String,
}

/// A period of the selector.
pub struct PeriodOption {
    id: Uuid,
    label: String,
    selected: bool,
}

/// The summary page.
#[derive(Template, WebTemplate)]
#[template(path = "summary/index.html")]
pub struct SummaryPage {
    ctx: PageCtx,
    class_id: Uuid,
    class_name: String,
    title: String,
    period_id: Uuid,
    periods: Vec<PeriodOption>,
    subjects: Vec<(String, String)>,
    rows: Vec<RowView>,
    at_risk: Vec<RiskView>,
}

impl SummaryPage {
    /// The page of the loaded summary.
    pub fn new(ctx: PageCtx, s: Shown) -> SummaryPage {
        let tr = ctx.tr.clone();
        let d = &s.data;
        let rows = d
            .pupils
            .iter()
            .zip(&d.cells)
            .map(|(p, cells)| RowView {
                name: p.name.clone(),
                cells: cells
                    .iter()
                    .map(|c| match c.value {
                        CellValue::Term(m) => CellView {
                            text: term_text(&tr, m),
                            n: None,
                            is_term: true,
                            risk: c.risk,
                        },
                        CellValue::Mean { mean, .. } => CellView {
                            text: decimal(&tr, mean.value(), 2),
                            n: Some(mean.count),
                            is_term: false,
                            risk: c.risk,
                        },
                        CellValue::Empty => CellView {
                            text: String::new(),
                            n: None,
                            is_term: false,
                            risk: false,
                        },
                    })
                    .collect(),
                absences: p.absences,
                ill: p.ill,
                excused: p.excused,
                late: p.late,
                risk: cells.iter().any(|c| c.risk),
            })
            .collect();
        let at_risk = d
            .at_risk()
            .into_iter()
            .map(|i| {
                let names = |na: bool| {
                    let list: Vec<&str> = d
                        .subjects
                        .iter()
                        .zip(&d.cells[i])
                        .filter(|(_, c)| c.risk && c.not_attested == na)
                        .map(|(s, _)| s.name.as_str())
                        .collect();
                    list.join(", ")
                };
                RiskView {
                    name: d.pupils[i].name.clone(),
                    two: names(false),
                    not_attested: names(true),
                }
            })
            .collect();
        SummaryPage {
            class_id: s.class.id,
            title: tr.s("summary-title", "class", &s.class.name),
            class_name: s.class.name.clone(),
            period_id: s.period.id,
            periods: s
                .periods
                .iter()
                .map(|p| PeriodOption {
                    id: p.id,
                    label: period_label(&tr, p),
                    selected: p.id == s.period.id,
                })
                .collect(),
            subjects: d
                .subjects
                .iter()
                .map(|s| {
                    (
                        if s.short_name.is_empty() {
                            s.name.clone()
                        } else {
                            s.short_name.clone()
                        },
                        s.name.clone(),
                    )
                })
                .collect(),
            rows,
            at_risk,
            ctx,
        }
    }
}

/// The printable sheet of the loaded summary, every label in the reader's language.
pub fn sheet(tr: &Tr, s: &Shown) -> SummarySheet {
    let d = &s.data;
    let risky = [tr.t("summary-term-na"), tr.t("summary-term-fail")];
    SummarySheet {
        sheet_name: s
            .class
            .name
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect(),
        title: tr.s("summary-title", "class", &s.class.name),
        subtitle: tr.msg(
            &Msg::new("summary-xlsx-subtitle")
                .arg("period", period_label(tr, &s.period))
                .arg("year", &s.year_name)
                .arg("date", format_date(s.today)),
        ),
        number_header: tr.t("summary-col-number"),
        name_header: tr.t("col-name"),
        subjects: d.subjects.iter().map(|s| s.name.clone()).collect(),
        totals: vec![
            tr.t("summary-col-absences"),
            tr.t("summary-col-ill"),
            tr.t("summary-col-excused"),
        ],
        rows: d
            .pupils
            .iter()
            .zip(&d.cells)
            .map(|(p, cells)| SummaryRow {
                name: p.name.clone(),
                cells: cells
                    .iter()
                    .map(|c| match c.value {
                        CellValue::Term(PeriodMark::Mark(m)) => SheetCell::Mark(m.value()),
                        CellValue::Term(m) => SheetCell::Text(term_text(tr, m)),
                        CellValue::Mean { mean, .. } => SheetCell::Mean((mean.value() * 100.0).round() / 100.0),
                        CellValue::Empty => SheetCell::Empty,
                    })
                    .collect(),
                totals: vec![p.absences, p.ill, p.excused],
                at_risk: cells.iter().any(|c| c.risk),
            })
            .collect(),
        risk_texts: risky.to_vec(),
        note: tr.t("summary-xlsx-note"),
    }
}
