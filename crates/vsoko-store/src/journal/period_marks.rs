//! Term and year marks set by the teacher (the journal suggests one from the weighted mean):
//! 2–5, н/а, осв., зачёт/незачёт. Locked after the period ends unless the deputy reopens it;
//! every change is audited (with the reason when the period has ended) and counted in the
//! rollups in the same transaction.

use super::{locks, rollups};
use crate::audit::{self, Change};
use crate::structure::period_levels::class_periods_in;
use crate::{Actor, Db, Result, StoreError, Tx, Viewer, now};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use uuid::Uuid;
use vsoko_domain::journal::PeriodMark;
use vsoko_domain::roles::Role;

/// A stored term or year mark.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct PeriodMarkRow {
    /// Id.
    pub id: Uuid,
    /// Pupil.
    pub pupil_id: Uuid,
    /// Subject.
    pub subject_id: Uuid,
    /// Period (None for a year mark).
    pub period_id: Option<Uuid>,
    /// "period" or "year".
    pub kind: String,
    /// Stored code ("5", "na", "exempt", "pass", "fail").
    pub value: String,
    /// Version.
    pub version: i64,
    /// Last change.
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    /// Who changed it last.
    pub updated_by: String,
}

/// What the teacher sets.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct PeriodMarkInput {
    /// Pupil.
    pub pupil_id: Uuid,
    /// Subject.
    pub subject_id: Uuid,
    /// Class the pupil is in.
    pub class_id: Uuid,
    /// The period; None for the year mark.
    pub period_id: Option<Uuid>,
    /// As typed: "5", "н/а", "осв", "зач", "незач"; empty removes nothing (refused).
    pub value: String,
    /// Version the page showed.
    #[serde(default)]
    pub expected_version: Option<i64>,
    /// Why, after the period's end.
    #[serde(default)]
    pub reason: Option<String>,
}

async fn may_set(tx: &mut Tx, v: &Viewer, class_id: Uuid, subject_id: Uuid) -> Result<bool> {
    if v.has(Role::Deputy) {
        return Ok(true);
    }
    let Some(staff) = v.staff_id.filter(|_| v.has(Role::Teacher)) else {
        return Ok(false);
    };
    Ok(scalar!(
        tx: tx,
        i64,
        "SELECT CAST(count(*) AS BIGINT) FROM teaching_assignments WHERE school_id = $1 AND class_id = $2 AND subject_id = $3 AND staff_id = $4",
        v.school(), class_id, subject_id, staff
    )? > 0)
}

/// Sets a term or year mark; returns the stored row and what a stale page overwrote.
pub async fn set(
    tx: &mut Tx,
    actor: &Actor,
    v: &Viewer,
    i: &PeriodMarkInput,
    today: Date,
) -> Result<(PeriodMarkRow, Option<PeriodMarkRow>)> {
    let school = v.school();
    if !may_set(tx, v, i.class_id, i.subject_id).await? {
        return Err(StoreError::NotFound);
    }
    let value = PeriodMark::parse(&i.value).ok_or(StoreError::Invalid {
        field: "value",
        message: "2–5, н/а, осв., зач. or незач.".into(),
    })?;
    let year_id =
        opt_scalar!(tx: tx, Uuid, "SELECT year_id FROM classes WHERE school_id = $1 AND id = $2", school, i.class_id)?
            .ok_or(StoreError::NotFound)?;
    let in_class = scalar!(tx: tx, i64, "SELECT CAST(count(*) AS BIGINT) FROM pupil_classes WHERE school_id = $1 AND pupil_id = $2 AND class_id = $3", school, i.pupil_id, i.class_id)?;
    if in_class == 0 {
        return Err(StoreError::Invalid {
            field: "pupil_id",
            message: "the pupil is not in this class".into(),
        });
    }
    // The lock that applies: the period's own, or the class's last period's for a year mark.
    let class_periods = class_periods_in(tx, school, i.class_id).await?;
    let (kind, key, lock_period) = match i.period_id {
        Some(p) => {
            if !class_periods.iter().any(|cp| cp.id == p) {
                return Err(StoreError::Invalid {
                    field: "period_id",
                    message: "the period is not one of the class's periods of its school year".into(),
                });
            }
            ("period", p, p)
        }
        None => {
            let last = class_periods.last().map(|p| p.id).ok_or(StoreError::NotFound)?;
            ("year", year_id, last)
        }
    };
    locks::check_writable(tx, school, lock_period, today, i.reason.as_deref()).await?;
    const SELECT: &str = "SELECT id, pupil_id, subject_id, period_id, kind, value, version, updated_at, updated_by FROM period_marks WHERE school_id = $1 AND pupil_id = $2 AND subject_id = $3 AND period_key = $4";
    let old = opt_row!(tx: tx, PeriodMarkRow, SELECT, school, i.pupil_id, i.subject_id, key)?;
    let code = value.code();
    if old.as_ref().is_some_and(|o| o.value == code) {
        let row = old.ok_or(StoreError::NotFound)?;
        return Ok((row, None));
    }
    let t = now();
    let id = match &old {
        Some(o) => {
            exec!(
                tx,
                "UPDATE period_marks SET value = $3, class_id = $4, version = version + 1, updated_at = $5, updated_by = $6 WHERE school_id = $1 AND id = $2",
                school,
                o.id,
                &code,
                i.class_id,
                t,
                &actor.label
            )?;
            o.id
        }
        None => {
            let id = vsoko_domain::new_id();
            exec!(
                tx,
                "INSERT INTO period_marks (school_id, id, year_id, period_id, period_key, kind, pupil_id, subject_id, class_id, value, version, updated_at, updated_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $12)",
                school,
                id,
                year_id,
                i.period_id,
                key,
                kind,
                i.pupil_id,
                i.subject_id,
                i.class_id,
                &code,
                t,
                &actor.label
            )?;
            id
        }
    };
    let old_value = old.as_ref().and_then(|o| PeriodMark::from_code(&o.value));
    rollups::period_mark_delta(tx, school, i.class_id, i.subject_id, key, old_value, Some(value)).await?;
    audit::record_with_reason(
        tx,
        actor,
        Change {
            school_id: Some(school),
            entity: "period_mark",
            entity_id: Some(id),
            action: if old.is_some() { "update" } else { "create" },
            old: old.as_ref().map(|o| serde_json::json!({"value": o.value})),
            new: Some(
                serde_json::json!({"value": code, "pupil_id": i.pupil_id, "subject_id": i.subject_id, "kind": kind}),
            ),
        },
        i.reason.as_deref(),
    )
    .await?;
    let row =
        opt_row!(tx: tx, PeriodMarkRow, SELECT, school, i.pupil_id, i.subject_id, key)?.ok_or(StoreError::NotFound)?;
    let overwritten = old.filter(|o| i.expected_version.is_some_and(|seen| seen != o.version));
    Ok((row, overwritten))
}

/// Term marks of a class-subject for a period (or year marks with the year's id).
pub async fn of_class(
    db: &Db,
    school_id: Uuid,
    class_id: Uuid,
    subject_id: Uuid,
    period_key: Uuid,
) -> Result<Vec<PeriodMarkRow>> {
    Ok(rows!(
        db,
        PeriodMarkRow,
        "SELECT id, pupil_id, subject_id, period_id, kind, value, version, updated_at, updated_by FROM period_marks WHERE school_id = $1 AND class_id = $2 AND subject_id = $3 AND period_key = $4",
        school_id,
        class_id,
        subject_id,
        period_key
    )?)
}

/// Term and year marks of one pupil in a year (caller has checked the pupil's visibility).
pub async fn of_pupil(db: &Db, school_id: Uuid, pupil_id: Uuid, year_id: Uuid) -> Result<Vec<PeriodMarkRow>> {
    Ok(rows!(
        db,
        PeriodMarkRow,
        "SELECT id, pupil_id, subject_id, period_id, kind, value, version, updated_at, updated_by FROM period_marks WHERE school_id = $1 AND pupil_id = $2 AND year_id = $3",
        school_id,
        pupil_id,
        year_id
    )?)
}
