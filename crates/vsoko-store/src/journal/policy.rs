//! The grading policy of a school year (work-type weights, rounding, minimum marks), stored
//! as JSON; a year without one uses the default policy.

use crate::audit::{self, Change};
use crate::{Actor, Db, Result, Tx, now};
use sqlx::types::Json;
use uuid::Uuid;
use vsoko_domain::journal::GradingPolicy;

/// The policy of a year (the default when none was saved).
pub async fn get(db: &Db, school_id: Uuid, year_id: Uuid) -> Result<GradingPolicy> {
    let p = opt_scalar!(
        db,
        Json<GradingPolicy>,
        "SELECT policy FROM grading_policies WHERE school_id = $1 AND year_id = $2",
        school_id,
        year_id
    )?;
    Ok(p.map(|j| j.0).unwrap_or_default())
}

/// The policy of a year inside a transaction.
pub async fn get_in(tx: &mut Tx, school_id: Uuid, year_id: Uuid) -> Result<GradingPolicy> {
    let p = opt_scalar!(tx: tx, Json<GradingPolicy>, "SELECT policy FROM grading_policies WHERE school_id = $1 AND year_id = $2", school_id, year_id)?;
    Ok(p.map(|j| j.0).unwrap_or_default())
}

/// Saves the policy of a year.
pub async fn set(tx: &mut Tx, actor: &Actor, school_id: Uuid, year_id: Uuid, policy: &GradingPolicy) -> Result<()> {
    let old = get_in(tx, school_id, year_id).await?;
    exec!(
        tx,
        "INSERT INTO grading_policies (school_id, id, year_id, policy, updated_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (school_id, year_id) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at",
        school_id,
        vsoko_domain::new_id(),
        year_id,
        Json(policy),
        now()
    )?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "grading_policy",
            entity_id: Some(year_id),
            action: "update",
            old: audit::snapshot(&old),
            new: audit::snapshot(policy),
        },
    )
    .await?;
    Ok(())
}
