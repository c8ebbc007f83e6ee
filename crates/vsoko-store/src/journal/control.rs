//! Journal-keeping control (ВШК) for the administration: lessons without topic or
//! homework, pupils with fewer marks than the policy's minimum, marks entered late, and the
//! per-class metrics of a period from the rollups. Every query is scoped to one school; only
//! roles that see the whole school's roster call them.

use super::rollups::PeriodRollup;
use crate::structure::years::Period;
use crate::{Db, Result};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;
use vsoko_domain::journal::{GradingPolicy, MarkCounts, Metrics, SouLowWeight};

/// The period of the school's current year that `today` falls in, among the year's own
/// kind (grades with a kind of their own are picked in the selector); in the holidays the
/// last period that has started, and before the year the first one.
pub async fn current_period(db: &Db, school_id: Uuid, today: Date) -> Result<Option<Period>> {
    let all = rows!(
        db,
        Period,
        "SELECT p.id, p.year_id, p.kind, p.idx, p.start_date, p.end_date FROM periods p JOIN academic_years y ON y.school_id = p.school_id AND y.id = p.year_id \
         WHERE p.school_id = $1 AND y.is_current AND p.kind = y.period_kind ORDER BY p.idx",
        school_id
    )?;
    let started = all.iter().rev().find(|p| p.start_date <= today).cloned();
    Ok(started.or_else(|| all.first().cloned()))
}

/// One period of a school by id.
pub async fn period(db: &Db, school_id: Uuid, period_id: Uuid) -> Result<Option<Period>> {
    Ok(opt_row!(
        db,
        Period,
        "SELECT id, year_id, kind, idx, start_date, end_date FROM periods WHERE school_id = $1 AND id = $2",
        school_id,
        period_id
    )?)
}

/// The stored lock mode ("auto", "open", "locked") of every period of a year.
pub async fn lock_modes(db: &Db, school_id: Uuid, year_id: Uuid) -> Result<HashMap<Uuid, String>> {
    Ok(rows!(
        db,
        (Uuid, String),
        "SELECT id, lock_state FROM periods WHERE school_id = $1 AND year_id = $2",
        school_id,
        year_id
    )?
    .into_iter()
    .collect())
}

/// A lesson that lacks its topic or homework.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct LessonGap {
    /// Lesson.
    pub lesson_id: Uuid,
    /// Teacher.
    pub staff_id: Uuid,
    /// Teacher's name.
    pub teacher: String,
    /// Class.
    pub class_id: Uuid,
    /// Class name.
    pub class_name: String,
    /// Subject.
    pub subject_id: Uuid,
    /// Subject name.
    pub subject_name: String,
    /// Subgroup ("" = whole class).
    pub subgroup: String,
    /// Date.
    pub lesson_date: Date,
    /// 1 when the topic is empty.
    pub no_topic: i64,
    /// 1 when the homework is empty.
    pub no_homework: i64,
}

/// Lessons of a period held up to `today` without a topic or homework, by teacher and date.
/// Grade 1 gets no homework (СанПиН 1.2.3685-21), so only its topics are checked.
pub async fn lessons_without_topic(db: &Db, school_id: Uuid, period_id: Uuid, today: Date) -> Result<Vec<LessonGap>> {
    Ok(rows!(
        db,
        LessonGap,
        "SELECT l.id AS lesson_id, l.staff_id, st.last_name || ' ' || st.first_name || ' ' || st.middle_name AS teacher, l.class_id, c.name AS class_name, \
         l.subject_id, s.name AS subject_name, l.subgroup, l.lesson_date, \
         CAST(CASE WHEN l.topic = '' THEN 1 ELSE 0 END AS BIGINT) AS no_topic, CAST(CASE WHEN l.homework = '' AND c.grade > 1 THEN 1 ELSE 0 END AS BIGINT) AS no_homework \
         FROM lessons l \
         JOIN staff st ON st.school_id = l.school_id AND st.id = l.staff_id \
         JOIN classes c ON c.school_id = l.school_id AND c.id = l.class_id \
         JOIN subjects s ON s.school_id = l.school_id AND s.id = l.subject_id \
         WHERE l.school_id = $1 AND l.period_id = $2 AND NOT l.is_deleted AND l.lesson_date <= $3 AND (l.topic = '' OR (l.homework = '' AND c.grade > 1)) \
         ORDER BY st.last_name, st.first_name, st.middle_name, l.lesson_date, c.grade, c.name",
        school_id,
        period_id,
        today
    )?)
}

/// A class-subject where some pupils have fewer current marks than the policy's minimum.
#[derive(Debug, Clone, Serialize)]
pub struct ShortOfMarks {
    /// Class.
    pub class_id: Uuid,
    /// Class name.
    pub class_name: String,
    /// Subject.
    pub subject_id: Uuid,
    /// Subject name.
    pub subject_name: String,
    /// Pupils of the class on the reference day.
    pub pupils: i64,
    /// Those with fewer marks than the minimum: (pupil, name, marks).
    pub short: Vec<(Uuid, String, i64)>,
}

#[derive(sqlx::FromRow)]
struct ClassSubject {
    class_id: Uuid,
    class_name: String,
    grade: i64,
    subject_id: Uuid,
    subject_name: String,
    subject_code: String,
}

/// Class-subjects of a period's year (from the teaching load) where pupils in the class on
/// the reference day (the period's end, or `today` if earlier) have fewer than
/// `policy.min_marks` current marks. Grade 1 (when taught without marks) and pass/fail
/// subjects are left out. Only class-subjects with a short pupil are returned.
pub async fn short_of_marks(
    db: &Db,
    school_id: Uuid,
    period: &Period,
    policy: &GradingPolicy,
    today: Date,
) -> Result<Vec<ShortOfMarks>> {
    let day = period.end_date.min(today).max(period.start_date);
    let pairs = rows!(
        db,
        ClassSubject,
        "SELECT DISTINCT c.id AS class_id, c.name AS class_name, c.grade, s.id AS subject_id, s.name AS subject_name, s.code AS subject_code \
         FROM teaching_assignments ta JOIN classes c ON c.school_id = ta.school_id AND c.id = ta.class_id \
         JOIN subjects s ON s.school_id = ta.school_id AND s.id = ta.subject_id \
         WHERE ta.school_id = $1 AND ta.year_id = $2 ORDER BY grade, class_name, subject_name",
        school_id,
        period.year_id
    )?;
    let roster = rows!(
        db,
        (Uuid, Uuid, String, String),
        "SELECT pc.class_id, p.id, p.last_name, p.first_name FROM pupil_classes pc JOIN pupils p ON p.school_id = pc.school_id AND p.id = pc.pupil_id \
         WHERE pc.school_id = $1 AND pc.year_id = $2 AND pc.from_date <= $3 AND (pc.to_date IS NULL OR pc.to_date >= $3) ORDER BY p.last_name, p.first_name",
        school_id,
        period.year_id,
        day
    )?;
    let counts: HashMap<(Uuid, Uuid, Uuid), i64> = rows!(
        db,
        (Uuid, Uuid, Uuid, i64),
        "SELECT l.class_id, l.subject_id, jc.pupil_id, CAST(sum((length(jc.marks) + 1) / 2) AS BIGINT) FROM journal_cells jc \
         JOIN lessons l ON l.school_id = jc.school_id AND l.id = jc.lesson_id \
         WHERE jc.school_id = $1 AND l.period_id = $2 AND NOT l.is_deleted AND jc.marks <> '' GROUP BY l.class_id, l.subject_id, jc.pupil_id",
        school_id, period.id
    )?
    .into_iter()
    .map(|(c, s, p, n)| ((c, s, p), n))
    .collect();
    let mut by_class: HashMap<Uuid, Vec<(Uuid, String)>> = HashMap::new();
    for (class, pupil, last, first) in roster {
        by_class
            .entry(class)
            .or_default()
            .push((pupil, format!("{last} {first}")));
    }
    let mut out = Vec::new();
    for cs in pairs {
        if (cs.grade == 1 && policy.grade_one_without_marks) || policy.pass_fail_subjects.contains(&cs.subject_code) {
            continue;
        }
        let pupils = by_class.get(&cs.class_id).map(Vec::as_slice).unwrap_or_default();
        let short: Vec<(Uuid, String, i64)> = pupils
            .iter()
            .map(|(id, name)| {
                (
                    *id,
                    name.clone(),
                    counts.get(&(cs.class_id, cs.subject_id, *id)).copied().unwrap_or(0),
                )
            })
            .filter(|(_, _, n)| *n < policy.min_marks)
            .collect();
        if !short.is_empty() {
            out.push(ShortOfMarks {
                class_id: cs.class_id,
                class_name: cs.class_name,
                subject_id: cs.subject_id,
                subject_name: cs.subject_name,
                pupils: pupils.len() as i64,
                short,
            });
        }
    }
    Ok(out)
}

/// A cell whose marks were first saved more than the allowed days after its lesson.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct LateMark {
    /// Lesson.
    pub lesson_id: Uuid,
    /// Teacher.
    pub staff_id: Uuid,
    /// Teacher's name.
    pub teacher: String,
    /// Class.
    pub class_id: Uuid,
    /// Class name.
    pub class_name: String,
    /// Subject.
    pub subject_id: Uuid,
    /// Subject name.
    pub subject_name: String,
    /// Lesson date.
    pub lesson_date: Date,
    /// When the cell was first saved (the audit log's "create").
    pub entered_at: OffsetDateTime,
}

impl LateMark {
    /// Whole days between the lesson and the first save (UTC dates).
    pub fn days_late(&self) -> i64 {
        (self.entered_at.date() - self.lesson_date).whole_days()
    }
}

/// Cells with marks of a period first saved more than `late_days` days after the lesson
/// date, by teacher and date.
pub async fn late_marks(db: &Db, school_id: Uuid, period: &Period, late_days: i64) -> Result<Vec<LateMark>> {
    // Nothing saved before this moment can be late; the exact test per lesson date is below.
    let earliest = (period.start_date + Duration::days(late_days + 1))
        .midnight()
        .assume_utc();
    let rows = rows!(
        db,
        LateMark,
        "SELECT l.id AS lesson_id, l.staff_id, st.last_name || ' ' || st.first_name || ' ' || st.middle_name AS teacher, l.class_id, c.name AS class_name, \
         l.subject_id, s.name AS subject_name, l.lesson_date, jc.created_at AS entered_at \
         FROM lessons l \
         JOIN journal_cells jc ON jc.school_id = l.school_id AND jc.lesson_id = l.id \
         JOIN staff st ON st.school_id = l.school_id AND st.id = l.staff_id \
         JOIN classes c ON c.school_id = l.school_id AND c.id = l.class_id \
         JOIN subjects s ON s.school_id = l.school_id AND s.id = l.subject_id \
         WHERE l.school_id = $1 AND l.period_id = $2 AND NOT l.is_deleted AND jc.marks <> '' AND jc.created_at >= $3 \
         ORDER BY st.last_name, st.first_name, st.middle_name, l.lesson_date, c.grade, c.name",
        school_id,
        period.id,
        earliest
    )?;
    Ok(rows.into_iter().filter(|m| m.days_late() > late_days).collect())
}

/// The counters of one class in a period: term marks over all its subjects, and the
/// distribution of current marks.
#[derive(Debug, Clone, Serialize)]
pub struct ClassOverview {
    /// Class.
    pub class_id: Uuid,
    /// Class name.
    pub class_name: String,
    /// Term marks of every subject, summed from the rollups.
    pub terms: MarkCounts,
    /// Current marks 1..5 (index 0 = ones), summed from the rollups.
    pub current: [i64; 5],
}

impl ClassOverview {
    /// SPEC §4.2 metrics of the term marks (н/а in the denominator, осв. left out).
    pub fn metrics(&self) -> Metrics {
        self.terms.metrics(SouLowWeight::default())
    }

    /// Number of current marks.
    pub fn current_n(&self) -> i64 {
        self.current.iter().sum()
    }

    /// Mean of the current marks, when there are any.
    pub fn current_mean(&self) -> Option<f64> {
        let n = self.current_n();
        let sum: i64 = self.current.iter().zip(1..).map(|(c, v)| c * v).sum();
        (n > 0).then(|| sum as f64 / n as f64)
    }
}

/// Every class of a period's year with its term-mark and current-mark counters (zero when
/// nothing is recorded), by grade and name.
pub async fn class_overview(db: &Db, school_id: Uuid, period: &Period) -> Result<Vec<ClassOverview>> {
    let classes = rows!(
        db,
        (Uuid, String),
        "SELECT id, name FROM classes WHERE school_id = $1 AND year_id = $2 ORDER BY grade, name",
        school_id,
        period.year_id
    )?;
    let terms = rows!(
        db,
        PeriodRollup,
        "SELECT class_id, subject_id, period_id, n1, n2, n3, n4, n5, na, exempt, pass, fail FROM rollup_period_marks WHERE school_id = $1 AND period_id = $2",
        school_id,
        period.id
    )?;
    let current = rows!(
        db,
        (Uuid, i64, i64, i64, i64, i64),
        "SELECT class_id, c1, c2, c3, c4, c5 FROM rollup_marks WHERE school_id = $1 AND period_id = $2",
        school_id,
        period.id
    )?;
    let mut term_sum: BTreeMap<Uuid, MarkCounts> = BTreeMap::new();
    for t in &terms {
        let e = term_sum.entry(t.class_id).or_default();
        *e = e.merge(t.counts());
    }
    let mut current_sum: BTreeMap<Uuid, [i64; 5]> = BTreeMap::new();
    for (class, c1, c2, c3, c4, c5) in current {
        let e = current_sum.entry(class).or_default();
        for (slot, v) in e.iter_mut().zip([c1, c2, c3, c4, c5]) {
            *slot += v;
        }
    }
    Ok(classes
        .into_iter()
        .map(|(class_id, class_name)| ClassOverview {
            terms: term_sum.get(&class_id).copied().unwrap_or_default(),
            current: current_sum.get(&class_id).copied().unwrap_or_default(),
            class_id,
            class_name,
        })
        .collect())
}
