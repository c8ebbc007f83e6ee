//! The audit log: who changed what, when, old → new, written in the same transaction as
//! the change. Later features (mark history) are views of it.

use crate::{Actor, Result, Tx, now, on_tx};
use serde::Serialize;
use serde_json::Value;
use sqlx::types::Json;
use uuid::Uuid;

/// One change to record.
pub struct Change<'a> {
    /// School the row belongs to (None for global rows such as users or regions).
    pub school_id: Option<Uuid>,
    /// Entity (table) name, e.g. "pupil".
    pub entity: &'a str,
    /// Id of the changed row.
    pub entity_id: Option<Uuid>,
    /// "create", "update", "delete", "login", …
    pub action: &'a str,
    /// Value before (None for create).
    pub old: Option<Value>,
    /// Value after (None for delete).
    pub new: Option<Value>,
}

/// Serialises a row for the audit log; a value that cannot be serialised is recorded as null.
pub fn snapshot<T: Serialize>(value: &T) -> Option<Value> {
    serde_json::to_value(value).ok()
}

/// Writes one audit row inside the caller's transaction.
pub async fn record(tx: &mut Tx, actor: &Actor, change: Change<'_>) -> Result<()> {
    record_with_reason(tx, actor, change, None).await
}

/// Writes one audit row with the reason the user gave (changes after a period's end).
pub async fn record_with_reason(tx: &mut Tx, actor: &Actor, change: Change<'_>, reason: Option<&str>) -> Result<()> {
    const SQL: &str = "INSERT INTO audit_log (id, school_id, at, actor_user_id, actor_label, entity, entity_id, action, old_value, new_value, reason) \
                       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
    let id = vsoko_domain::new_id();
    let at = now();
    on_tx!(tx, |c| sqlx::query(SQL)
        .bind(id)
        .bind(change.school_id)
        .bind(at)
        .bind(actor.user_id)
        .bind(&actor.label)
        .bind(change.entity)
        .bind(change.entity_id)
        .bind(change.action)
        .bind(change.old.map(Json))
        .bind(change.new.map(Json))
        .bind(reason)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Number of audit rows for an entity id (used by tests and the admin pages).
pub async fn count_for(db: &crate::Db, entity_id: Uuid) -> Result<i64> {
    const SQL: &str = "SELECT CAST(count(*) AS BIGINT) FROM audit_log WHERE entity_id = $1";
    Ok(crate::on_db!(db, |p| sqlx::query_scalar(SQL)
        .bind(entity_id)
        .fetch_one(p)
        .await)?)
}
