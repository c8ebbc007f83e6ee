//! Quarter marks of the demo journal: for every pupil of grades 2–11 and every subject of
//! the class, the teacher takes the mark the weighted mean suggests under the default
//! grading policy, and moves it by one in about one case in twenty. Too few marks make н/а;
//! pupils exempt from physical education get осв.

use super::pupils::People;
use super::teachers::Cast;
use super::{DemoCell, DemoLesson, DemoPeriodMark, period_of, seeded, subgroup_of};
use crate::demo::DemoSchool;
use crate::demo::curriculum::PE;
use crate::journal::{GradingPolicy, Mark, PeriodMark};
use crate::structure::PeriodSpan;
use std::collections::BTreeMap;
use time::Date;

/// How often the teacher does not take the suggestion, in percent.
const DEVIATION_PERCENT: usize = 5;

/// Marks of a pupil in a subject in a period: (period, pupil code, subject) → marks.
type Gathered<'a> = BTreeMap<(usize, &'a str, &'a str), Vec<(Mark, &'a str)>>;

/// Term marks of every period that ended before `today`.
pub(super) fn build(
    school: &DemoSchool,
    lessons: &[DemoLesson],
    cells: &[DemoCell],
    people: &People,
    cast: &Cast,
    periods: &[PeriodSpan],
    today: Date,
) -> Vec<DemoPeriodMark> {
    let policy = GradingPolicy::default();
    let mut gathered: Gathered<'_> = BTreeMap::new();
    for cell in cells.iter().filter(|c| !c.marks.is_empty()) {
        let Some(lesson) = lessons.get(cell.lesson) else {
            continue;
        };
        let Some(period) = period_of(periods, lesson.date) else {
            continue;
        };
        let key = (period, cell.pupil_code.as_str(), lesson.subject.as_str());
        let entry = gathered.entry(key).or_default();
        entry.extend(cell.marks.iter().map(|m| (*m, lesson.work_type.as_str())));
    }
    let mut out = Vec::new();
    for (period, span) in periods.iter().enumerate().filter(|(_, p)| p.end < today) {
        for members in people.classes.values() {
            for (n, &pupil) in members.iter().enumerate() {
                let row = &school.roster.pupils[pupil];
                if row.class.grade < 2 {
                    continue;
                }
                let subgroup = subgroup_of(n, members.len());
                let mut done: Vec<&str> = Vec::new();
                for a in school.roster.assignments.iter().filter(|a| a.class == row.class) {
                    let ours = a.subgroup.as_deref().is_none_or(|s| s == subgroup);
                    if !ours || done.contains(&a.subject.as_str()) {
                        continue;
                    }
                    done.push(&a.subject);
                    let mark = if a.subject == PE && people.exempt_pe[pupil] {
                        PeriodMark::Exempt
                    } else {
                        let marks = gathered
                            .get(&(period, row.code.as_str(), a.subject.as_str()))
                            .map(Vec::as_slice)
                            .unwrap_or_default();
                        let suggested = policy.suggest(marks).suggested.unwrap_or(PeriodMark::NotAttested);
                        let seed = span.index.to_string();
                        let mut rng = seeded(&["quarter", &seed, &row.code, &a.subject]);
                        match suggested {
                            PeriodMark::Mark(m) if rng.percent(DEVIATION_PERCENT) => {
                                let bias = cast.bias(&a.staff_code);
                                let up = if bias.abs() > 0.3 { bias > 0.0 } else { rng.percent(50) };
                                PeriodMark::Mark(moved(m, up))
                            }
                            other => other,
                        }
                    };
                    out.push(DemoPeriodMark {
                        pupil_code: row.code.clone(),
                        class: row.class.clone(),
                        subject: a.subject.clone(),
                        period_index: span.index,
                        mark,
                    });
                }
            }
        }
    }
    out
}

/// A mark one step up or down within 2–5; at the edge of the scale the other way.
fn moved(mark: Mark, up: bool) -> Mark {
    let v = mark.value();
    let next = if (up && v < 5) || v <= 2 { v + 1 } else { v - 1 };
    Mark::clamped(next)
}
