//! Counters per class × subject × period, updated in the same transaction as every cell and
//! term-mark write, so school and municipal views sum counters instead of scanning marks.
//! Formulas stay in the domain crate; [`recompute`] rebuilds the counters from the raw rows
//! and a test proves both agree.

use super::lessons::Lesson;
use crate::{Db, Result, Tx};
use serde::Serialize;
use std::collections::BTreeMap;
use uuid::Uuid;
use vsoko_domain::journal::{Attendance, MarkCounts, PeriodMark, parse_cell_marks};

/// Mark counts c1..c5 and absences of a cell's stored form.
fn cell_counts(marks: &str, attendance: Option<&str>) -> ([i64; 5], i64) {
    let mut c = [0i64; 5];
    for m in parse_cell_marks(marks).unwrap_or_default() {
        c[(m.value() - 1) as usize] += 1;
    }
    let absent = attendance
        .and_then(Attendance::from_code)
        .is_some_and(Attendance::is_absence);
    (c, i64::from(absent))
}

/// Applies the change of one cell to its class × subject × period counters.
pub async fn cell_delta(
    tx: &mut Tx,
    school: Uuid,
    lesson: &Lesson,
    old: (&str, Option<&str>),
    new: (&str, Option<&str>),
) -> Result<()> {
    let (oc, oa) = cell_counts(old.0, old.1);
    let (nc, na) = cell_counts(new.0, new.1);
    let d: Vec<i64> = (0..5).map(|i| nc[i] - oc[i]).collect();
    if d.iter().all(|x| *x == 0) && na == oa {
        return Ok(());
    }
    exec!(
        tx,
        "INSERT INTO rollup_marks (school_id, class_id, subject_id, period_id, c1, c2, c3, c4, c5, absences) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         ON CONFLICT (school_id, class_id, subject_id, period_id) DO UPDATE SET c1 = rollup_marks.c1 + excluded.c1, c2 = rollup_marks.c2 + excluded.c2, \
         c3 = rollup_marks.c3 + excluded.c3, c4 = rollup_marks.c4 + excluded.c4, c5 = rollup_marks.c5 + excluded.c5, absences = rollup_marks.absences + excluded.absences",
        school,
        lesson.class_id,
        lesson.subject_id,
        lesson.period_id,
        d[0],
        d[1],
        d[2],
        d[3],
        d[4],
        na - oa
    )?;
    Ok(())
}

fn period_vec(m: Option<PeriodMark>) -> [i64; 9] {
    let c = MarkCounts::from_marks(m.iter());
    [c.n1, c.n2, c.n3, c.n4, c.n5, c.na, c.exempt, c.pass, c.fail]
}

/// Applies the change of one term or year mark to its counters (`period_key` is the period,
/// or the year for year marks).
pub async fn period_mark_delta(
    tx: &mut Tx,
    school: Uuid,
    class_id: Uuid,
    subject_id: Uuid,
    period_key: Uuid,
    old: Option<PeriodMark>,
    new: Option<PeriodMark>,
) -> Result<()> {
    let (o, n) = (period_vec(old), period_vec(new));
    let d: Vec<i64> = (0..9).map(|i| n[i] - o[i]).collect();
    if d.iter().all(|x| *x == 0) {
        return Ok(());
    }
    exec!(
        tx,
        "INSERT INTO rollup_period_marks (school_id, class_id, subject_id, period_id, n1, n2, n3, n4, n5, na, exempt, pass, fail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
         ON CONFLICT (school_id, class_id, subject_id, period_id) DO UPDATE SET n1 = rollup_period_marks.n1 + excluded.n1, n2 = rollup_period_marks.n2 + excluded.n2, \
         n3 = rollup_period_marks.n3 + excluded.n3, n4 = rollup_period_marks.n4 + excluded.n4, n5 = rollup_period_marks.n5 + excluded.n5, na = rollup_period_marks.na + excluded.na, \
         exempt = rollup_period_marks.exempt + excluded.exempt, pass = rollup_period_marks.pass + excluded.pass, fail = rollup_period_marks.fail + excluded.fail",
        school,
        class_id,
        subject_id,
        period_key,
        d[0],
        d[1],
        d[2],
        d[3],
        d[4],
        d[5],
        d[6],
        d[7],
        d[8]
    )?;
    Ok(())
}

/// Current-mark counters of one class × subject × period.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, sqlx::FromRow, Serialize)]
pub struct MarkRollup {
    /// Class.
    pub class_id: Uuid,
    /// Subject.
    pub subject_id: Uuid,
    /// Period.
    pub period_id: Uuid,
    /// Ones.
    pub c1: i64,
    /// Twos.
    pub c2: i64,
    /// Threes.
    pub c3: i64,
    /// Fours.
    pub c4: i64,
    /// Fives.
    pub c5: i64,
    /// Absences.
    pub absences: i64,
}

/// Term-mark counters of one class × subject × period (or year).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, sqlx::FromRow, Serialize)]
pub struct PeriodRollup {
    /// Class.
    pub class_id: Uuid,
    /// Subject.
    pub subject_id: Uuid,
    /// Period (or year).
    pub period_id: Uuid,
    /// Counts n1, n2, n3, n4, n5.
    pub n1: i64,
    /// Twos.
    pub n2: i64,
    /// Threes.
    pub n3: i64,
    /// Fours.
    pub n4: i64,
    /// Fives.
    pub n5: i64,
    /// н/а.
    pub na: i64,
    /// осв.
    pub exempt: i64,
    /// зачёт.
    pub pass: i64,
    /// незачёт.
    pub fail: i64,
}

impl PeriodRollup {
    /// The counts as the domain's metrics input.
    pub fn counts(&self) -> MarkCounts {
        MarkCounts {
            n5: self.n5,
            n4: self.n4,
            n3: self.n3,
            n2: self.n2,
            n1: self.n1,
            na: self.na,
            exempt: self.exempt,
            pass: self.pass,
            fail: self.fail,
        }
    }
}

/// All current-mark counters of a school (non-zero rows), sorted.
pub async fn mark_rollups(db: &Db, school: Uuid) -> Result<Vec<MarkRollup>> {
    Ok(rows!(
        db,
        MarkRollup,
        "SELECT class_id, subject_id, period_id, c1, c2, c3, c4, c5, absences FROM rollup_marks WHERE school_id = $1 AND (c1 + c2 + c3 + c4 + c5 + absences) > 0 ORDER BY class_id, subject_id, period_id",
        school
    )?)
}

/// All term-mark counters of a school (non-zero rows), sorted.
pub async fn period_rollups(db: &Db, school: Uuid) -> Result<Vec<PeriodRollup>> {
    Ok(rows!(
        db,
        PeriodRollup,
        "SELECT class_id, subject_id, period_id, n1, n2, n3, n4, n5, na, exempt, pass, fail FROM rollup_period_marks \
         WHERE school_id = $1 AND (n1 + n2 + n3 + n4 + n5 + na + exempt + pass + fail) > 0 ORDER BY class_id, subject_id, period_id",
        school
    )?)
}

/// Rebuilds every counter of a school from the raw cells and term marks.
pub async fn recompute(tx: &mut Tx, school: Uuid) -> Result<()> {
    exec!(tx, "DELETE FROM rollup_marks WHERE school_id = $1", school)?;
    exec!(tx, "DELETE FROM rollup_period_marks WHERE school_id = $1", school)?;
    let cells = rows!(
        tx: tx,
        (Uuid, Uuid, Uuid, String, Option<String>),
        "SELECT l.class_id, l.subject_id, l.period_id, jc.marks, jc.attendance FROM journal_cells jc JOIN lessons l ON l.school_id = jc.school_id AND l.id = jc.lesson_id WHERE jc.school_id = $1 AND NOT l.is_deleted",
        school
    )?;
    let mut marks: BTreeMap<(Uuid, Uuid, Uuid), ([i64; 5], i64)> = BTreeMap::new();
    for (class, subject, period, m, a) in cells {
        let (c, absent) = cell_counts(&m, a.as_deref());
        let e = marks.entry((class, subject, period)).or_default();
        for (total, n) in e.0.iter_mut().zip(c) {
            *total += n;
        }
        e.1 += absent;
    }
    for ((class, subject, period), (c, a)) in marks {
        exec!(
            tx,
            "INSERT INTO rollup_marks (school_id, class_id, subject_id, period_id, c1, c2, c3, c4, c5, absences) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            school,
            class,
            subject,
            period,
            c[0],
            c[1],
            c[2],
            c[3],
            c[4],
            a
        )?;
    }
    let pms = rows!(tx: tx, (Uuid, Uuid, Uuid, String), "SELECT class_id, subject_id, period_key, value FROM period_marks WHERE school_id = $1", school)?;
    let mut terms: BTreeMap<(Uuid, Uuid, Uuid), MarkCounts> = BTreeMap::new();
    for (class, subject, key, value) in pms {
        if let Some(m) = PeriodMark::from_code(&value) {
            terms.entry((class, subject, key)).or_default().add(m);
        }
    }
    for ((class, subject, key), c) in terms {
        period_mark_delta_counts(tx, school, class, subject, key, c).await?;
    }
    Ok(())
}

async fn period_mark_delta_counts(
    tx: &mut Tx,
    school: Uuid,
    class: Uuid,
    subject: Uuid,
    key: Uuid,
    c: MarkCounts,
) -> Result<()> {
    exec!(
        tx,
        "INSERT INTO rollup_period_marks (school_id, class_id, subject_id, period_id, n1, n2, n3, n4, n5, na, exempt, pass, fail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        school,
        class,
        subject,
        key,
        c.n1,
        c.n2,
        c.n3,
        c.n4,
        c.n5,
        c.na,
        c.exempt,
        c.pass,
        c.fail
    )?;
    Ok(())
}
