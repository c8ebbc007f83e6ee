//! The control page's view: the rows of each tab grouped for display (per teacher, per
//! class), numbers formatted with their n, percentages with one decimal.

use crate::forms::format_date;
use crate::page::PageCtx;
use askama::Template;
use askama_web::WebTemplate;
use std::collections::BTreeMap;
use uuid::Uuid;
use vsoko_i18n::Tr;
use vsoko_store::journal::control::{ClassOverview, LateMark, LessonGap, ShortOfMarks};
use vsoko_store::structure::years::Period;

/// A number with a locale's decimal separator.
pub fn decimal(tr: &Tr, x: f64, places: usize) -> String {
    let s = format!("{x:.places$}");
    if tr.code() == "ru" { s.replace('.', ",") } else { s }
}

/// A share 0..1 as a percentage with one decimal, or a dash.
fn percent(tr: &Tr, x: Option<f64>) -> String {
    x.map_or_else(|| "—".into(), |x| format!("{} %", decimal(tr, x * 100.0, 1)))
}

/// A link to the journal page of a class-subject in a period.
fn journal_link(class_id: Uuid, subject_id: Uuid, period_id: Uuid, subgroup: &str) -> String {
    let mut href = format!("/journal/{class_id}/{subject_id}?period={period_id}");
    if !subgroup.is_empty() {
        href.push_str("&subgroup=");
        href.push_str(&subgroup.replace(|c: char| !c.is_alphanumeric(), ""));
    }
    href
}

/// A period of the selector.
pub struct PeriodOption {
    id: Uuid,
    label: String,
    selected: bool,
}

/// A lesson line of a teacher's list.
pub struct LessonLine {
    date: String,
    class_name: String,
    subject: String,
    what: String,
    href: String,
}

/// A teacher with their lessons.
pub struct TeacherLessons {
    teacher: String,
    count: i64,
    lessons: Vec<LessonLine>,
}

/// A class-subject with pupils short of marks.
pub struct SubjectShort {
    subject: String,
    short: usize,
    pupils: i64,
    names: String,
    href: String,
}

/// A class with its short class-subjects.
pub struct ClassShort {
    class_name: String,
    pupils_short: i64,
    subjects: Vec<SubjectShort>,
}

/// A lesson whose marks were entered late.
pub struct LateLine {
    date: String,
    class_name: String,
    subject: String,
    cells: usize,
    entered: String,
    days: i64,
    href: String,
}

/// A teacher with late marks.
pub struct TeacherLate {
    teacher: String,
    cells: i64,
    lessons: Vec<LateLine>,
}

/// One class of the overview.
pub struct OverviewRow {
    class_id: Uuid,
    class_name: String,
    has_terms: bool,
    n: i64,
    success: String,
    quality: String,
    sou: String,
    mean: String,
    mean_n: i64,
    exempt: i64,
    distribution: [i64; 5],
    current_n: i64,
    current_mean: String,
}

/// The control page.
#[derive(Template, WebTemplate)]
#[template(path = "control/index.html")]
pub struct ControlPage {
    ctx: PageCtx,
    tab: &'static str,
    tabs: Vec<(&'static str, String)>,
    late_days: i64,
    period_id: Option<Uuid>,
    period_label: String,
    periods: Vec<PeriodOption>,
    topics: Vec<TeacherLessons>,
    min_marks: i64,
    short: Vec<ClassShort>,
    late: Vec<TeacherLate>,
    overview: Vec<OverviewRow>,
    any_terms: bool,
}

fn period_label(tr: &Tr, p: &Period) -> String {
    tr.n(&format!("structure-period-{}", p.kind), "n", p.idx)
}

impl ControlPage {
    /// A page without a school year.
    pub fn empty(ctx: PageCtx, tab: &str, late_days: i64) -> ControlPage {
        let tabs = super::TABS
            .iter()
            .map(|t| (*t, ctx.tr.t(&format!("control-tab-{t}"))))
            .collect();
        ControlPage {
            tab: super::TABS.iter().copied().find(|t| *t == tab).unwrap_or("topics"),
            tabs,
            late_days,
            period_id: None,
            period_label: String::new(),
            periods: Vec::new(),
            topics: Vec::new(),
            min_marks: 0,
            short: Vec::new(),
            late: Vec::new(),
            overview: Vec::new(),
            any_terms: false,
            ctx,
        }
    }

    /// A page for a period of a year.
    pub fn new(ctx: PageCtx, tab: &str, late_days: i64, period: &Period, all: &[Period]) -> ControlPage {
        let mut page = ControlPage::empty(ctx, tab, late_days);
        let tr = page.ctx.tr.clone();
        page.period_id = Some(period.id);
        page.period_label = period_label(&tr, period);
        page.periods = all
            .iter()
            .map(|p| PeriodOption {
                id: p.id,
                label: period_label(&tr, p),
                selected: p.id == period.id,
            })
            .collect();
        page
    }

    /// Fills the "lessons without topic or homework" tab.
    pub fn topics(&mut self, gaps: Vec<LessonGap>) {
        let tr = self.ctx.tr.clone();
        let period = self.period_id.unwrap_or_default();
        let mut by_teacher: BTreeMap<(String, Uuid), Vec<LessonLine>> = BTreeMap::new();
        for g in gaps {
            let what = match (g.no_topic > 0, g.no_homework > 0) {
                (true, true) => tr.t("control-missing-both"),
                (true, false) => tr.t("control-missing-topic"),
                _ => tr.t("control-missing-homework"),
            };
            by_teacher
                .entry((g.teacher.trim().to_string(), g.staff_id))
                .or_default()
                .push(LessonLine {
                    date: format_date(g.lesson_date),
                    class_name: if g.subgroup.is_empty() {
                        g.class_name.clone()
                    } else {
                        format!("{} ({})", g.class_name, g.subgroup)
                    },
                    subject: g.subject_name,
                    what,
                    href: journal_link(g.class_id, g.subject_id, period, &g.subgroup),
                });
        }
        self.topics = by_teacher
            .into_iter()
            .map(|((teacher, _), lessons)| TeacherLessons {
                teacher,
                count: lessons.len() as i64,
                lessons,
            })
            .collect();
    }

    /// Fills the "too few marks" tab.
    pub fn short(&mut self, min_marks: i64, rows: Vec<ShortOfMarks>) {
        self.min_marks = min_marks;
        let period = self.period_id.unwrap_or_default();
        let mut by_class: Vec<(Uuid, ClassShort, std::collections::BTreeSet<Uuid>)> = Vec::new();
        for r in rows {
            if by_class.last().is_none_or(|(id, ..)| *id != r.class_id) {
                by_class.push((
                    r.class_id,
                    ClassShort {
                        class_name: r.class_name.clone(),
                        pupils_short: 0,
                        subjects: Vec::new(),
                    },
                    Default::default(),
                ));
            }
            if let Some((_, class, pupils)) = by_class.last_mut() {
                pupils.extend(r.short.iter().map(|(id, ..)| *id));
                let names: Vec<String> = r.short.iter().map(|(_, name, n)| format!("{name} ({n})")).collect();
                class.subjects.push(SubjectShort {
                    subject: r.subject_name,
                    short: r.short.len(),
                    pupils: r.pupils,
                    names: names.join(", "),
                    href: journal_link(r.class_id, r.subject_id, period, ""),
                });
            }
        }
        self.short = by_class
            .into_iter()
            .map(|(_, mut class, pupils)| {
                class.pupils_short = pupils.len() as i64;
                class
            })
            .collect();
    }

    /// Fills the "marks entered late" tab.
    pub fn late(&mut self, marks: Vec<LateMark>) {
        let period = self.period_id.unwrap_or_default();
        let mut by_teacher: BTreeMap<(String, Uuid), BTreeMap<(time::Date, Uuid), LateLine>> = BTreeMap::new();
        for m in marks {
            let days = m.days_late();
            let line = by_teacher
                .entry((m.teacher.trim().to_string(), m.staff_id))
                .or_default()
                .entry((m.lesson_date, m.lesson_id))
                .or_insert_with(|| LateLine {
                    date: format_date(m.lesson_date),
                    class_name: m.class_name.clone(),
                    subject: m.subject_name.clone(),
                    cells: 0,
                    entered: format_date(m.entered_at.date()),
                    days,
                    href: journal_link(m.class_id, m.subject_id, period, ""),
                });
            line.cells += 1;
            if days > line.days {
                line.days = days;
                line.entered = format_date(m.entered_at.date());
            }
        }
        self.late = by_teacher
            .into_iter()
            .map(|((teacher, _), lessons)| {
                let lessons: Vec<LateLine> = lessons.into_values().collect();
                TeacherLate {
                    teacher,
                    cells: lessons.iter().map(|l| l.cells as i64).sum(),
                    lessons,
                }
            })
            .collect();
    }

    /// Fills the class overview tab.
    pub fn overview(&mut self, classes: Vec<ClassOverview>) {
        let tr = self.ctx.tr.clone();
        self.overview = classes
            .into_iter()
            .map(|c| {
                let m = c.metrics();
                let has_terms = c.terms.n() + c.terms.exempt + c.terms.pass + c.terms.fail > 0;
                let mut distribution = c.current;
                distribution.reverse();
                OverviewRow {
                    class_id: c.class_id,
                    class_name: c.class_name.clone(),
                    has_terms,
                    n: m.n,
                    success: percent(&tr, m.success_rate),
                    quality: percent(&tr, m.knowledge_quality),
                    sou: m
                        .degree_of_learning
                        .map_or_else(|| "—".into(), |x| format!("{} %", decimal(&tr, x, 1))),
                    mean: m.mean_mark.map_or_else(|| "—".into(), |x| decimal(&tr, x, 2)),
                    mean_n: m.mean_n,
                    exempt: c.terms.exempt,
                    distribution,
                    current_n: c.current_n(),
                    current_mean: c.current_mean().map_or_else(|| "—".into(), |x| decimal(&tr, x, 2)),
                }
            })
            .collect();
        self.any_terms = self.overview.iter().any(|r| r.has_terms);
    }
}
