//! The diary's marks of a period: per subject every mark in date order with its work type and
//! weight, the weighted mean under the year's grading policy (with the number of marks), the
//! term mark when set; the absences of the period by code; and the year's term and year marks
//! as a subjects × periods table.

use crate::journal::policy;
use crate::structure::period_levels;
use crate::structure::years::Period;
use crate::{Db, Result, Viewer};
use serde::Serialize;
use std::collections::BTreeMap;
use time::Date;
use uuid::Uuid;
use vsoko_domain::journal::policy::WeightedMean;
use vsoko_domain::journal::{Attendance, GradingPolicy, Mark, parse_cell_marks};

/// One current mark with its lesson.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DatedMark {
    /// Lesson date.
    #[schema(value_type = String, format = Date)]
    #[serde(with = "crate::iso_date")]
    pub lesson_date: Date,
    /// The mark, 1–5.
    pub value: i64,
    /// Work type code of the lesson.
    pub work_type: String,
    /// Its name under the grading policy (the code when the policy does not know it).
    pub work_type_name: String,
    /// Its weight in the mean.
    pub weight: i64,
    /// The teacher's comment at that lesson.
    pub comment: String,
}

/// One subject of the period.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SubjectMarks {
    /// Subject.
    pub subject_id: Uuid,
    /// Subject name.
    pub subject_name: String,
    /// Marks in date order.
    pub marks: Vec<DatedMark>,
    /// Weighted mean Σ(mark·weight)/Σ(weight), when there are marks.
    pub mean: Option<f64>,
    /// Number of marks in the mean.
    pub n: i64,
    /// Term mark code ("5", "na", "exempt", "pass", "fail") when set.
    pub term_mark: Option<String>,
}

/// Absences and lateness of the period, counted by code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AttendanceSummary {
    /// Н: absent.
    pub absent: i64,
    /// Б: ill.
    pub ill: i64,
    /// УП: absent for a valid reason.
    pub excused: i64,
    /// ОП: late (present).
    pub late: i64,
    /// Lessons missed (every code but late).
    pub missed: i64,
}

/// One subject's term marks across the year (in the order of [`DiaryMarks::periods`]) and
/// the year mark.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct YearRow {
    /// Subject.
    pub subject_id: Uuid,
    /// Subject name.
    pub subject_name: String,
    /// Term mark code per period, `None` when not set.
    pub periods: Vec<Option<String>>,
    /// Year mark code.
    pub year: Option<String>,
}

/// The marks tab of a pupil's diary for one period.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DiaryMarks {
    /// The period shown.
    pub period_id: Uuid,
    /// The periods of the year, in order.
    pub periods: Vec<Period>,
    /// Subjects by name.
    pub subjects: Vec<SubjectMarks>,
    /// Attendance of the period.
    pub attendance: AttendanceSummary,
    /// Term and year marks of the year, by subject.
    pub year: Vec<YearRow>,
}

#[derive(sqlx::FromRow)]
struct PeriodCell {
    lesson_date: Date,
    subject_id: Uuid,
    subject_name: String,
    work_type: String,
    marks: String,
    attendance: Option<String>,
    comment: String,
}

#[derive(sqlx::FromRow)]
struct TermRow {
    subject_id: Uuid,
    period_id: Option<Uuid>,
    value: String,
}

/// The pupil's cells in lessons of a period, in date order (diary scope).
async fn period_cells(db: &Db, v: &Viewer, pupil_id: Uuid, period_id: Uuid) -> Result<Vec<PeriodCell>> {
    Ok(rows!(
        db,
        PeriodCell,
        concat!(
            "SELECT l.lesson_date, l.subject_id, s.name AS subject_name, l.work_type, jc.marks, jc.attendance, jc.comment \
             FROM journal_cells jc \
             JOIN lessons l ON l.school_id = jc.school_id AND l.id = jc.lesson_id \
             JOIN subjects s ON s.school_id = l.school_id AND s.id = l.subject_id \
             WHERE jc.school_id = $1 AND jc.pupil_id = $2 AND l.period_id = $4 AND NOT l.is_deleted AND ",
            diary_scope!(),
            " ORDER BY l.lesson_date, l.ordinal"
        ),
        v.school(),
        pupil_id,
        v.user_id,
        period_id
    )?)
}

/// Subjects the pupil studies in a year (assigned to one of their classes) or has a term mark in.
async fn subjects_of(db: &Db, v: &Viewer, pupil_id: Uuid, year_id: Uuid) -> Result<Vec<(Uuid, String)>> {
    Ok(rows!(
        db,
        (Uuid, String),
        concat!(
            "SELECT s.id, s.name FROM pupil_classes pc CROSS JOIN teaching_assignments ta \
             JOIN subjects s ON s.school_id = ta.school_id AND s.id = ta.subject_id \
             WHERE pc.school_id = $1 AND pc.pupil_id = $2 AND ta.school_id = pc.school_id AND ta.class_id = pc.class_id AND ta.year_id = $4 AND ",
            diary_scope!(),
            " UNION SELECT s.id, s.name FROM period_marks pm JOIN subjects s ON s.school_id = pm.school_id AND s.id = pm.subject_id \
             WHERE pm.school_id = $1 AND pm.pupil_id = $2 AND pm.year_id = $4 AND ",
            diary_scope!(),
            " ORDER BY 2"
        ),
        v.school(),
        pupil_id,
        v.user_id,
        year_id
    )?)
}

/// The pupil's term and year marks of a year (diary scope).
async fn term_marks(db: &Db, v: &Viewer, pupil_id: Uuid, year_id: Uuid) -> Result<Vec<TermRow>> {
    Ok(rows!(
        db,
        TermRow,
        concat!(
            "SELECT subject_id, period_id, value FROM period_marks WHERE school_id = $1 AND pupil_id = $2 AND year_id = $4 AND ",
            diary_scope!()
        ),
        v.school(),
        pupil_id,
        v.user_id,
        year_id
    )?)
}

/// The marks tab of a pupil's diary for a period of a year; empty when the viewer is neither
/// the pupil nor a linked parent.
pub async fn period_report(db: &Db, v: &Viewer, pupil_id: Uuid, year_id: Uuid, period_id: Uuid) -> Result<DiaryMarks> {
    let periods = period_levels::pupil_periods(db, v.school(), pupil_id, year_id).await?;
    let policy = policy::get(db, v.school(), year_id).await?;
    let mut subjects = subjects_of(db, v, pupil_id, year_id).await?;
    let cells = period_cells(db, v, pupil_id, period_id).await?;
    let terms = term_marks(db, v, pupil_id, year_id).await?;
    for c in &cells {
        if !subjects.iter().any(|(id, _)| *id == c.subject_id) {
            subjects.push((c.subject_id, c.subject_name.clone()));
        }
    }
    subjects.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(build(&policy, period_id, periods, &subjects, &cells, &terms))
}

fn build(
    policy: &GradingPolicy,
    period_id: Uuid,
    periods: Vec<Period>,
    subjects: &[(Uuid, String)],
    cells: &[PeriodCell],
    terms: &[TermRow],
) -> DiaryMarks {
    let mut attendance = AttendanceSummary::default();
    let mut by_subject: BTreeMap<Uuid, Vec<DatedMark>> = BTreeMap::new();
    for c in cells {
        match c.attendance.as_deref().and_then(Attendance::from_code) {
            Some(Attendance::Absent) => attendance.absent += 1,
            Some(Attendance::Ill) => attendance.ill += 1,
            Some(Attendance::Excused) => attendance.excused += 1,
            Some(Attendance::Late) => attendance.late += 1,
            None => {}
        }
        let weight = policy.weight(&c.work_type);
        let work_type_name = policy
            .work_types
            .iter()
            .find(|w| w.code == c.work_type)
            .map_or_else(|| c.work_type.clone(), |w| w.name.clone());
        for m in parse_cell_marks(&c.marks).unwrap_or_default() {
            by_subject.entry(c.subject_id).or_default().push(DatedMark {
                lesson_date: c.lesson_date,
                value: m.value(),
                work_type: c.work_type.clone(),
                work_type_name: work_type_name.clone(),
                weight,
                comment: c.comment.clone(),
            });
        }
    }
    attendance.missed = attendance.absent + attendance.ill + attendance.excused;
    let term_of = |subject: Uuid, period: Option<Uuid>| {
        terms
            .iter()
            .find(|t| t.subject_id == subject && t.period_id == period)
            .map(|t| t.value.clone())
    };
    let subject_rows = subjects
        .iter()
        .map(|(id, name)| {
            let marks = by_subject.remove(id).unwrap_or_default();
            let pairs: Vec<(Mark, i64)> = marks
                .iter()
                .filter_map(|m| Mark::new(m.value).map(|v| (v, m.weight)))
                .collect();
            let mean = WeightedMean::of(&pairs);
            SubjectMarks {
                subject_id: *id,
                subject_name: name.clone(),
                n: pairs.len() as i64,
                mean: mean.map(|m| m.value()),
                term_mark: term_of(*id, Some(period_id)),
                marks,
            }
        })
        .collect();
    let year = subjects
        .iter()
        .map(|(id, name)| YearRow {
            subject_id: *id,
            subject_name: name.clone(),
            periods: periods.iter().map(|p| term_of(*id, Some(p.id))).collect(),
            year: term_of(*id, None),
        })
        .collect();
    DiaryMarks {
        period_id,
        periods,
        subjects: subject_rows,
        attendance,
        year,
    }
}
