//! Academic years and their periods (quarters, trimesters or half-years, with dates).

use crate::audit::{self, Change};
use crate::{Actor, Db, Result, StoreError, Tx};
use serde::Serialize;
use time::Date;
use uuid::Uuid;
use vsoko_domain::structure::{PeriodKind, PeriodSpan, periods_are_consistent};

// Dates travel as "YYYY-MM-DD" in JSON (the API), not as time's default [year, ordinal].

/// An academic year of a school.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct Year {
    /// School.
    pub school_id: Uuid,
    /// Id.
    pub id: Uuid,
    /// Name, e.g. "2026/2027".
    pub name: String,
    /// First day.
    #[schema(value_type = String, format = Date)]
    #[serde(with = "crate::iso_date")]
    pub start_date: Date,
    /// Last day.
    #[schema(value_type = String, format = Date)]
    #[serde(with = "crate::iso_date")]
    pub end_date: Date,
    /// Period kind code (quarter, trimester, half_year).
    pub period_kind: String,
    /// Whether this is the current year.
    pub is_current: bool,
}

/// A period of a year.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct Period {
    /// Id.
    pub id: Uuid,
    /// Year.
    pub year_id: Uuid,
    /// Kind code.
    pub kind: String,
    /// 1-based index.
    pub idx: i64,
    /// First day.
    #[schema(value_type = String, format = Date)]
    #[serde(with = "crate::iso_date")]
    pub start_date: Date,
    /// Last day.
    #[schema(value_type = String, format = Date)]
    #[serde(with = "crate::iso_date")]
    pub end_date: Date,
}

/// Creates a year with its periods; the year becomes current when `current` is set.
pub async fn create_year(
    tx: &mut Tx,
    actor: &Actor,
    school_id: Uuid,
    start_year: i32,
    kind: PeriodKind,
    periods: &[PeriodSpan],
    current: bool,
) -> Result<Uuid> {
    if !periods_are_consistent(periods) || periods.is_empty() {
        return Err(StoreError::Invalid {
            field: "periods",
            message: "periods must not overlap and each must end after it starts".into(),
        });
    }
    let id = vsoko_domain::new_id();
    let name = format!("{}/{}", start_year, start_year + 1);
    let start = periods.first().map(|p| p.start).unwrap_or(Date::MIN);
    let end = periods.last().map(|p| p.end).unwrap_or(Date::MIN);
    if current {
        exec!(
            tx,
            "UPDATE academic_years SET is_current = FALSE WHERE school_id = $1",
            school_id
        )?;
    }
    let inserted = exec!(
        tx,
        "INSERT INTO academic_years (school_id, id, name, start_date, end_date, period_kind, is_current) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        school_id,
        id,
        &name,
        start,
        end,
        kind.code(),
        current
    );
    if let Err(e) = inserted {
        let e = StoreError::from(e);
        return Err(if e.is_unique_violation() {
            StoreError::Conflict {
                field: "start_year",
                message: format!("year {name} already exists"),
            }
        } else {
            e
        });
    }
    for p in periods {
        exec!(
            tx,
            "INSERT INTO periods (school_id, id, year_id, kind, idx, start_date, end_date) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            school_id,
            vsoko_domain::new_id(),
            id,
            kind.code(),
            p.index,
            p.start,
            p.end
        )?;
    }
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "academic_year",
            entity_id: Some(id),
            action: "create",
            old: None,
            new: Some(serde_json::json!({"name": name, "period_kind": kind.code(), "periods": periods.len()})),
        },
    )
    .await?;
    Ok(id)
}

/// Changes one period's dates; the year's periods must stay consistent.
pub async fn update_period(
    tx: &mut Tx,
    actor: &Actor,
    school_id: Uuid,
    period_id: Uuid,
    start: Date,
    end: Date,
) -> Result<()> {
    let old = opt_row!(tx: tx, Period, "SELECT id, year_id, kind, idx, start_date, end_date FROM periods WHERE school_id = $1 AND id = $2", school_id, period_id)?
        .ok_or(StoreError::NotFound)?;
    // Periods of one kind must not overlap; those of another kind (other grades) may.
    let mut all = rows!(tx: tx, Period, "SELECT id, year_id, kind, idx, start_date, end_date FROM periods WHERE school_id = $1 AND year_id = $2 AND kind = $3 ORDER BY idx", school_id, old.year_id, &old.kind)?;
    for p in &mut all {
        if p.id == period_id {
            p.start_date = start;
            p.end_date = end;
        }
    }
    let spans: Vec<PeriodSpan> = all
        .iter()
        .map(|p| PeriodSpan {
            index: p.idx,
            start: p.start_date,
            end: p.end_date,
        })
        .collect();
    if !periods_are_consistent(&spans) {
        return Err(StoreError::Invalid {
            field: "start_date",
            message: "periods must not overlap and each must end after it starts".into(),
        });
    }
    exec!(
        tx,
        "UPDATE periods SET start_date = $3, end_date = $4 WHERE school_id = $1 AND id = $2",
        school_id,
        period_id,
        start,
        end
    )?;
    exec!(
        tx,
        "UPDATE academic_years SET start_date = (SELECT min(start_date) FROM periods WHERE school_id = $1 AND year_id = $2), \
         end_date = (SELECT max(end_date) FROM periods WHERE school_id = $1 AND year_id = $2) WHERE school_id = $1 AND id = $2",
        school_id,
        old.year_id
    )?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "period",
            entity_id: Some(period_id),
            action: "update",
            old: Some(serde_json::json!({"start": old.start_date.to_string(), "end": old.end_date.to_string()})),
            new: Some(serde_json::json!({"start": start.to_string(), "end": end.to_string()})),
        },
    )
    .await?;
    Ok(())
}

/// The school's current year.
pub async fn current(db: &Db, school_id: Uuid) -> Result<Option<Year>> {
    Ok(opt_row!(
        db,
        Year,
        "SELECT school_id, id, name, start_date, end_date, period_kind, is_current FROM academic_years WHERE school_id = $1 AND is_current",
        school_id
    )?)
}

/// The school's current year inside a transaction.
pub async fn current_in(tx: &mut Tx, school_id: Uuid) -> Result<Option<Year>> {
    Ok(
        opt_row!(tx: tx, Year, "SELECT school_id, id, name, start_date, end_date, period_kind, is_current FROM academic_years WHERE school_id = $1 AND is_current", school_id)?,
    )
}

/// All years of a school, newest first.
pub async fn list(db: &Db, school_id: Uuid) -> Result<Vec<Year>> {
    Ok(rows!(
        db,
        Year,
        "SELECT school_id, id, name, start_date, end_date, period_kind, is_current FROM academic_years WHERE school_id = $1 ORDER BY start_date DESC",
        school_id
    )?)
}

/// Periods of a year in order: the year's own kind first, then any kind some grades keep
/// (a class's own periods: `period_levels::class_periods`).
pub async fn periods(db: &Db, school_id: Uuid, year_id: Uuid) -> Result<Vec<Period>> {
    Ok(rows!(
        db,
        Period,
        "SELECT p.id, p.year_id, p.kind, p.idx, p.start_date, p.end_date FROM periods p JOIN academic_years y ON y.school_id = p.school_id AND y.id = p.year_id \
         WHERE p.school_id = $1 AND p.year_id = $2 ORDER BY CASE WHEN p.kind = y.period_kind THEN 0 ELSE 1 END, p.kind, p.idx",
        school_id,
        year_id
    )?)
}

/// Makes a year the school's current one (the others stop being current).
pub async fn set_current(tx: &mut Tx, actor: &Actor, school_id: Uuid, year_id: Uuid) -> Result<()> {
    let is_current = opt_scalar!(
        tx: tx,
        bool,
        "SELECT is_current FROM academic_years WHERE school_id = $1 AND id = $2",
        school_id,
        year_id
    )?
    .ok_or(StoreError::NotFound)?;
    if is_current {
        return Ok(());
    }
    let old = opt_scalar!(
        tx: tx,
        Uuid,
        "SELECT id FROM academic_years WHERE school_id = $1 AND is_current",
        school_id
    )?;
    exec!(
        tx,
        "UPDATE academic_years SET is_current = FALSE WHERE school_id = $1",
        school_id
    )?;
    exec!(
        tx,
        "UPDATE academic_years SET is_current = TRUE WHERE school_id = $1 AND id = $2",
        school_id,
        year_id
    )?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "academic_year",
            entity_id: Some(year_id),
            action: "set_current",
            old: old.map(|id| serde_json::json!({"current_year_id": id})),
            new: Some(serde_json::json!({"current_year_id": year_id})),
        },
    )
    .await?;
    Ok(())
}

/// One year of a school.
pub async fn get(db: &Db, school_id: Uuid, year_id: Uuid) -> Result<Option<Year>> {
    Ok(opt_row!(
        db,
        Year,
        "SELECT school_id, id, name, start_date, end_date, period_kind, is_current FROM academic_years WHERE school_id = $1 AND id = $2",
        school_id,
        year_id
    )?)
}

/// Every period of every year of a school, by year and index (for the years page).
pub async fn all_periods(db: &Db, school_id: Uuid) -> Result<Vec<Period>> {
    Ok(rows!(
        db,
        Period,
        "SELECT id, year_id, kind, idx, start_date, end_date FROM periods WHERE school_id = $1 ORDER BY year_id, kind, idx",
        school_id
    )?)
}
