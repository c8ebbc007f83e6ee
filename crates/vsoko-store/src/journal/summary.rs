//! The class teacher's summary of a period ("сводная ведомость"): every pupil of a class ×
//! every subject, with the term mark when set, else the weighted mean of the current marks;
//! attendance totals per pupil; and the pupils at risk of a "2" or н/а. Visible to the
//! class teacher of the class and to the administration.

use crate::structure::years::Period;
use crate::{Db, Result, Viewer};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;
use vsoko_domain::journal::policy::WeightedMean;
use vsoko_domain::journal::{Attendance, GradingPolicy, Mark, PeriodMark, parse_cell_marks};

/// Whether the viewer may see a class's summary: its class teacher, or the administration.
pub async fn may_view(db: &Db, v: &Viewer, class_id: Uuid) -> Result<bool> {
    Ok(scalar!(
        db,
        i64,
        "SELECT CAST(count(*) AS BIGINT) FROM classes c WHERE c.school_id = $1 AND c.id = $2 AND ($3 \
         OR EXISTS (SELECT 1 FROM class_teachers ct WHERE ct.school_id = c.school_id AND ct.class_id = c.id AND ct.staff_id = $4))",
        v.school(),
        class_id,
        v.full_roster(),
        v.staff_id
    )? > 0)
}

/// A subject column.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct SummarySubject {
    /// Subject.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Short name (column header).
    pub short_name: String,
    /// Catalogue code.
    pub code: String,
}

/// A pupil row with attendance totals of the period.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryPupil {
    /// Pupil.
    pub id: Uuid,
    /// "Фамилия Имя".
    pub name: String,
    /// Lessons missed (Н, Б, УП).
    pub absences: i64,
    /// Of which ill (Б).
    pub ill: i64,
    /// Of which for a valid reason (УП).
    pub excused: i64,
    /// Late arrivals (ОП).
    pub late: i64,
}

/// What one pupil × subject cell shows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum CellValue {
    /// The term mark set by the teacher.
    Term(PeriodMark),
    /// No term mark yet: the weighted mean of the current marks and the mark it suggests.
    Mean {
        /// Exact weighted mean (with its number of marks).
        mean: WeightedMean,
        /// Suggested term mark under the year's policy.
        suggested: Option<PeriodMark>,
    },
    /// Neither.
    Empty,
}

/// One cell with its risk flag.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SummaryCell {
    /// Value shown.
    pub value: CellValue,
    /// A "2", н/а or незачёт set or suggested.
    pub risk: bool,
    /// The risk is н/а (set, or suggested for too few marks) rather than a "2" or незачёт.
    pub not_attested: bool,
}

/// The summary of a class in a period.
#[derive(Debug, Clone, Serialize)]
pub struct ClassSummary {
    /// Subjects (columns), by name.
    pub subjects: Vec<SummarySubject>,
    /// Pupils (rows), by name.
    pub pupils: Vec<SummaryPupil>,
    /// `cells[pupil][subject]`.
    pub cells: Vec<Vec<SummaryCell>>,
}

impl ClassSummary {
    /// Indexes of the pupils with a risk in any subject.
    pub fn at_risk(&self) -> Vec<usize> {
        (0..self.pupils.len())
            .filter(|&i| self.cells[i].iter().any(|c| c.risk))
            .collect()
    }
}

fn term_risk(m: PeriodMark) -> bool {
    match m {
        PeriodMark::Mark(v) => v.value() <= 2,
        PeriodMark::NotAttested | PeriodMark::Fail => true,
        PeriodMark::Exempt | PeriodMark::Pass => false,
    }
}

/// The pupils of a class in a period (everyone in it at any time of the period), by name,
/// with their attendance totals (the caller has checked the viewer may see the class).
pub async fn attendance(db: &Db, school_id: Uuid, class_id: Uuid, period: &Period) -> Result<Vec<SummaryPupil>> {
    let roster = rows!(
        db,
        (Uuid, String, String),
        "SELECT DISTINCT p.id, p.last_name, p.first_name FROM pupil_classes pc JOIN pupils p ON p.school_id = pc.school_id AND p.id = pc.pupil_id \
         WHERE pc.school_id = $1 AND pc.class_id = $2 AND pc.from_date <= $4 AND (pc.to_date IS NULL OR pc.to_date >= $3) ORDER BY p.last_name, p.first_name",
        school_id,
        class_id,
        period.start_date,
        period.end_date
    )?;
    let counts = rows!(
        db,
        (Uuid, String, i64),
        "SELECT jc.pupil_id, jc.attendance, CAST(count(*) AS BIGINT) FROM lessons l CROSS JOIN journal_cells jc \
         WHERE jc.school_id = l.school_id AND jc.lesson_id = l.id AND l.school_id = $1 AND l.class_id = $2 AND l.period_id = $3 AND NOT l.is_deleted AND jc.attendance IS NOT NULL GROUP BY jc.pupil_id, jc.attendance",
        school_id,
        class_id,
        period.id
    )?;
    let mut pupils: Vec<SummaryPupil> = roster
        .into_iter()
        .map(|(id, last, first)| SummaryPupil {
            id,
            name: format!("{last} {first}"),
            absences: 0,
            ill: 0,
            excused: 0,
            late: 0,
        })
        .collect();
    let index: HashMap<Uuid, usize> = pupils.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
    for (pupil, code, n) in counts {
        let Some(t) = index.get(&pupil).and_then(|&i| pupils.get_mut(i)) else {
            continue;
        };
        match Attendance::from_code(&code) {
            Some(Attendance::Late) => t.late += n,
            Some(a) if a.is_absence() => {
                t.absences += n;
                t.ill += if a == Attendance::Ill { n } else { 0 };
                t.excused += if a == Attendance::Excused { n } else { 0 };
            }
            _ => {}
        }
    }
    Ok(pupils)
}

/// The summary of a class in a period (the caller has checked [`may_view`]). Pupils are
/// those in the class at any time of the period; subjects those of the teaching load or
/// with lessons or term marks in the period. A suggested "2" or н/а counts as a risk only
/// in subjects where the class has current marks in the period.
pub async fn class_summary(
    db: &Db,
    school_id: Uuid,
    class_id: Uuid,
    period: &Period,
    policy: &GradingPolicy,
) -> Result<ClassSummary> {
    let subjects = rows!(
        db,
        SummarySubject,
        "SELECT s.id, s.name, s.short_name, s.code FROM subjects s WHERE s.school_id = $1 AND (\
         EXISTS (SELECT 1 FROM teaching_assignments ta WHERE ta.school_id = s.school_id AND ta.subject_id = s.id AND ta.class_id = $2) \
         OR EXISTS (SELECT 1 FROM lessons l WHERE l.school_id = s.school_id AND l.subject_id = s.id AND l.class_id = $2 AND l.period_id = $3 AND NOT l.is_deleted) \
         OR EXISTS (SELECT 1 FROM period_marks pm WHERE pm.school_id = s.school_id AND pm.subject_id = s.id AND pm.class_id = $2 AND pm.period_id = $3)) \
         ORDER BY s.name",
        school_id,
        class_id,
        period.id
    )?;
    let marks = rows!(
        db,
        (Uuid, Uuid, String, String),
        "SELECT jc.pupil_id, l.subject_id, jc.marks, l.work_type FROM lessons l CROSS JOIN journal_cells jc \
         WHERE jc.school_id = l.school_id AND jc.lesson_id = l.id AND l.school_id = $1 AND l.class_id = $2 AND l.period_id = $3 AND NOT l.is_deleted AND jc.marks <> ''",
        school_id,
        class_id,
        period.id
    )?;
    let terms: HashMap<(Uuid, Uuid), PeriodMark> = rows!(
        db,
        (Uuid, Uuid, String),
        "SELECT pupil_id, subject_id, value FROM period_marks WHERE school_id = $1 AND class_id = $2 AND period_id = $3",
        school_id, class_id, period.id
    )?
    .into_iter()
    .filter_map(|(p, s, v)| PeriodMark::from_code(&v).map(|m| ((p, s), m)))
    .collect();

    let mut current: HashMap<(Uuid, Uuid), Vec<(Mark, String)>> = HashMap::new();
    let mut marked_subjects: HashSet<Uuid> = HashSet::new();
    for (pupil, subject, text, work_type) in marks {
        for m in parse_cell_marks(&text).unwrap_or_default() {
            current
                .entry((pupil, subject))
                .or_default()
                .push((m, work_type.clone()));
            marked_subjects.insert(subject);
        }
    }
    let pupils = attendance(db, school_id, class_id, period).await?;
    let cells = pupils
        .iter()
        .map(|p| {
            subjects
                .iter()
                .map(|s| {
                    if let Some(m) = terms.get(&(p.id, s.id)) {
                        return SummaryCell {
                            value: CellValue::Term(*m),
                            risk: term_risk(*m),
                            not_attested: *m == PeriodMark::NotAttested,
                        };
                    }
                    let list = current.get(&(p.id, s.id)).map(Vec::as_slice).unwrap_or_default();
                    let typed: Vec<(Mark, &str)> = list.iter().map(|(m, w)| (*m, w.as_str())).collect();
                    let suggestion = policy.suggest(&typed);
                    let assessed = marked_subjects.contains(&s.id) && !policy.pass_fail_subjects.contains(&s.code);
                    let risk = assessed && suggestion.suggested.is_some_and(term_risk);
                    let value = match suggestion.mean {
                        Some(mean) => CellValue::Mean {
                            mean,
                            suggested: suggestion.suggested,
                        },
                        None => CellValue::Empty,
                    };
                    let not_attested = risk && suggestion.suggested == Some(PeriodMark::NotAttested);
                    SummaryCell {
                        value,
                        risk,
                        not_attested,
                    }
                })
                .collect()
        })
        .collect();
    Ok(ClassSummary {
        subjects,
        pupils,
        cells,
    })
}
