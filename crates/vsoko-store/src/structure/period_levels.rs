//! Period kind per grade level: the ranges of grades of a year whose classes keep another
//! period kind than the year's (grades 10–11 in half-years while 1–9 keep quarters), and
//! the periods of a class — the one place that says which periods a class has. Every
//! consumer (journal page, term and year marks, locks, control, summary, diary, marks
//! import) picks a class's periods through here or through [`class_period_kind!`].

use super::years::Period;
use crate::audit::{self, Change};
use crate::{Actor, Db, Result, StoreError, Tx};
use uuid::Uuid;
use vsoko_domain::structure::{PeriodKind, PeriodLevel, check_period_levels, default_periods, period_kind_of};

/// SQL: the period kind of the class aliased `c` in its year aliased `y` — its grade
/// range's kind, else the year's.
#[doc(hidden)]
#[macro_export]
macro_rules! class_period_kind {
    () => {
        "COALESCE((SELECT pl.kind FROM period_levels pl WHERE pl.school_id = c.school_id AND pl.year_id = c.year_id \
         AND c.grade BETWEEN pl.from_grade AND pl.to_grade), y.period_kind)"
    };
}

/// The periods of a class: those of its year whose kind is the class's, in order.
const CLASS_PERIODS: &str = concat!(
    "SELECT p.id, p.year_id, p.kind, p.idx, p.start_date, p.end_date FROM classes c \
     JOIN academic_years y ON y.school_id = c.school_id AND y.id = c.year_id \
     JOIN periods p ON p.school_id = c.school_id AND p.year_id = c.year_id AND p.kind = ",
    class_period_kind!(),
    " WHERE c.school_id = $1 AND c.id = $2 ORDER BY p.idx"
);

/// SQL: the grade ranges of a year, by first grade.
const LEVELS: &str =
    "SELECT from_grade, to_grade, kind FROM period_levels WHERE school_id = $1 AND year_id = $2 ORDER BY from_grade";

/// The grade ranges of a year with their kinds, by first grade.
pub async fn levels(db: &Db, school_id: Uuid, year_id: Uuid) -> Result<Vec<PeriodLevel>> {
    Ok(to_levels(rows!(db, (i64, i64, String), LEVELS, school_id, year_id)?))
}

/// [`levels`] inside a transaction.
pub async fn levels_in(tx: &mut Tx, school_id: Uuid, year_id: Uuid) -> Result<Vec<PeriodLevel>> {
    Ok(to_levels(
        rows!(tx: tx, (i64, i64, String), LEVELS, school_id, year_id)?,
    ))
}

fn to_levels(rows: Vec<(i64, i64, String)>) -> Vec<PeriodLevel> {
    rows.into_iter()
        .filter_map(|(from_grade, to_grade, kind)| {
            PeriodKind::parse(&kind).map(|kind| PeriodLevel {
                from_grade,
                to_grade,
                kind,
            })
        })
        .collect()
}

/// The periods of a class (see [`CLASS_PERIODS`]); empty for a class of another school.
pub async fn class_periods(db: &Db, school_id: Uuid, class_id: Uuid) -> Result<Vec<Period>> {
    Ok(rows!(db, Period, CLASS_PERIODS, school_id, class_id)?)
}

/// [`class_periods`] inside a transaction.
pub async fn class_periods_in(tx: &mut Tx, school_id: Uuid, class_id: Uuid) -> Result<Vec<Period>> {
    Ok(rows!(tx: tx, Period, CLASS_PERIODS, school_id, class_id)?)
}

/// Replaces the grade ranges of a year. Each kind in use gets the usual periods of that
/// kind if the year has none yet (the deputy then edits their dates). A class whose kind
/// would change while it already has lessons in its current periods is refused: its marks
/// belong to those periods (`Conflict` on `period_levels`, the message being the grade).
pub async fn set_levels(
    tx: &mut Tx,
    actor: &Actor,
    school_id: Uuid,
    year_id: Uuid,
    levels: &[PeriodLevel],
) -> Result<()> {
    check_period_levels(levels).map_err(|e| StoreError::Invalid {
        field: "period_levels",
        message: e.to_string(),
    })?;
    let (start, default) = opt_row!(
        tx: tx,
        (time::Date, String),
        "SELECT start_date, period_kind FROM academic_years WHERE school_id = $1 AND id = $2",
        school_id,
        year_id
    )?
    .ok_or(StoreError::NotFound)?;
    let default = PeriodKind::parse(&default).unwrap_or(PeriodKind::Quarter);
    let old = levels_in(tx, school_id, year_id).await?;
    let changed: Vec<i64> = (1..=11)
        .filter(|&g| period_kind_of(&old, default, g) != period_kind_of(levels, default, g))
        .collect();
    for grade in &changed {
        let started = scalar!(
            tx: tx,
            i64,
            "SELECT CAST(count(*) AS BIGINT) FROM lessons l JOIN classes c ON c.school_id = l.school_id AND c.id = l.class_id \
             WHERE l.school_id = $1 AND l.year_id = $2 AND c.grade = $3",
            school_id,
            year_id,
            grade
        )?;
        if started > 0 {
            // The message is the grade alone, for the page's own text.
            return Err(StoreError::Conflict {
                field: "period_levels",
                message: grade.to_string(),
            });
        }
    }
    for level in levels {
        let kind = level.kind.code();
        let have = scalar!(
            tx: tx,
            i64,
            "SELECT CAST(count(*) AS BIGINT) FROM periods WHERE school_id = $1 AND year_id = $2 AND kind = $3",
            school_id,
            year_id,
            kind
        )?;
        if have == 0 {
            for p in default_periods(level.kind, start.year()) {
                exec!(
                    tx,
                    "INSERT INTO periods (school_id, id, year_id, kind, idx, start_date, end_date) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    school_id,
                    vsoko_domain::new_id(),
                    year_id,
                    kind,
                    p.index,
                    p.start,
                    p.end
                )?;
            }
        }
    }
    exec!(
        tx,
        "DELETE FROM period_levels WHERE school_id = $1 AND year_id = $2",
        school_id,
        year_id
    )?;
    for level in levels {
        exec!(
            tx,
            "INSERT INTO period_levels (school_id, id, year_id, from_grade, to_grade, kind) VALUES ($1, $2, $3, $4, $5, $6)",
            school_id,
            vsoko_domain::new_id(),
            year_id,
            level.from_grade,
            level.to_grade,
            level.kind.code()
        )?;
    }
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "period_levels",
            entity_id: Some(year_id),
            action: "update",
            old: audit::snapshot(&old),
            new: audit::snapshot(&levels),
        },
    )
    .await?;
    Ok(())
}

/// The periods of the year's own kind (what grades without a range of their own use).
pub async fn year_periods(db: &Db, school_id: Uuid, year_id: Uuid) -> Result<Vec<Period>> {
    Ok(rows!(
        db,
        Period,
        "SELECT p.id, p.year_id, p.kind, p.idx, p.start_date, p.end_date FROM periods p \
         JOIN academic_years y ON y.school_id = p.school_id AND y.id = p.year_id AND p.kind = y.period_kind \
         WHERE p.school_id = $1 AND p.year_id = $2 ORDER BY p.idx",
        school_id,
        year_id
    )?)
}

/// The periods of a pupil in a year: those of the class of their latest stay that year, or
/// the year's own when they were in no class of it.
pub async fn pupil_periods(db: &Db, school_id: Uuid, pupil_id: Uuid, year_id: Uuid) -> Result<Vec<Period>> {
    let class = opt_scalar!(
        db,
        Uuid,
        "SELECT pc.class_id FROM pupil_classes pc JOIN classes c ON c.school_id = pc.school_id AND c.id = pc.class_id \
         WHERE pc.school_id = $1 AND pc.pupil_id = $2 AND c.year_id = $3 ORDER BY pc.from_date DESC LIMIT 1",
        school_id,
        pupil_id,
        year_id
    )?;
    match class {
        Some(class_id) => class_periods(db, school_id, class_id).await,
        None => year_periods(db, school_id, year_id).await,
    }
}
