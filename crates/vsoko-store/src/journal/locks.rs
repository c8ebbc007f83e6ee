//! Period locks: a period is locked after its last day unless the deputy reopens it, and
//! can be locked early. Changes to a reopened period after its end need a reason, which the
//! audit log keeps.

use crate::audit::{self, Change};
use crate::{Actor, Result, StoreError, Tx};
use serde::Serialize;
use time::Date;
use uuid::Uuid;

/// The lock state of a period on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LockState {
    /// Open for changes.
    Open,
    /// Reopened by the deputy after its end: changes need a reason.
    Reopened,
    /// Locked: nobody changes it until the deputy reopens it.
    Locked,
}

/// The state of a period given its stored lock mode, end date and today.
pub fn state(mode: &str, end: Date, today: Date) -> LockState {
    match mode {
        "locked" => LockState::Locked,
        "open" if today > end => LockState::Reopened,
        "open" => LockState::Open,
        _ if today > end => LockState::Locked,
        _ => LockState::Open,
    }
}

/// The state of a period inside a transaction.
pub async fn state_of(tx: &mut Tx, school_id: Uuid, period_id: Uuid, today: Date) -> Result<LockState> {
    let (mode, end) = opt_row!(tx: tx, (String, Date), "SELECT lock_state, end_date FROM periods WHERE school_id = $1 AND id = $2", school_id, period_id)?
        .ok_or(StoreError::NotFound)?;
    Ok(state(&mode, end, today))
}

/// Fails unless a change to the period is allowed now; a reopened period needs a reason.
pub async fn check_writable(
    tx: &mut Tx,
    school_id: Uuid,
    period_id: Uuid,
    today: Date,
    reason: Option<&str>,
) -> Result<LockState> {
    check_state(state_of(tx, school_id, period_id, today).await?, reason)
}

/// Fails unless a change is allowed in a period of this state.
pub fn check_state(s: LockState, reason: Option<&str>) -> Result<LockState> {
    match s {
        LockState::Locked => Err(StoreError::Invalid {
            field: "period",
            message: "the period is locked; the deputy can reopen it".into(),
        }),
        LockState::Reopened if reason.is_none_or(|r| r.trim().is_empty()) => Err(StoreError::Invalid {
            field: "reason",
            message: "the period has ended: give the reason for the change".into(),
        }),
        other => Ok(other),
    }
}

/// Sets a period's lock mode: "auto" (lock after the end), "open" (reopen) or "locked".
pub async fn set_mode(tx: &mut Tx, actor: &Actor, school_id: Uuid, period_id: Uuid, mode: &str) -> Result<()> {
    if !matches!(mode, "auto" | "open" | "locked") {
        return Err(StoreError::Invalid {
            field: "mode",
            message: "auto, open or locked".into(),
        });
    }
    let old = opt_scalar!(tx: tx, String, "SELECT lock_state FROM periods WHERE school_id = $1 AND id = $2", school_id, period_id)?.ok_or(StoreError::NotFound)?;
    exec!(
        tx,
        "UPDATE periods SET lock_state = $3 WHERE school_id = $1 AND id = $2",
        school_id,
        period_id,
        mode
    )?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "period",
            entity_id: Some(period_id),
            action: "lock",
            old: Some(serde_json::json!({"lock": old})),
            new: Some(serde_json::json!({"lock": mode})),
        },
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_period_locks_after_its_end_unless_reopened() {
        let end = date!(2026 - 10 - 24);
        assert_eq!(state("auto", end, date!(2026 - 10 - 24)), LockState::Open);
        assert_eq!(state("auto", end, date!(2026 - 10 - 25)), LockState::Locked);
        assert_eq!(state("open", end, date!(2026 - 10 - 25)), LockState::Reopened);
        assert_eq!(state("locked", end, date!(2026 - 10 - 1)), LockState::Locked);
    }
}
