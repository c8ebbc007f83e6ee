//! The history of a journal cell or term mark: every change with who, when, old → new and
//! the reason — a view of the audit log, visible to whoever may read that journal.

use super::{access, cells};
use crate::{Db, Result, Viewer};
use serde::Serialize;
use sqlx::types::Json;
use time::OffsetDateTime;
use uuid::Uuid;

/// One change.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct HistoryEntry {
    /// When.
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// Who (login).
    pub actor_label: String,
    /// "create" or "update".
    pub action: String,
    /// Before.
    #[schema(value_type = Object)]
    pub old_value: Option<Json<serde_json::Value>>,
    /// After.
    #[schema(value_type = Object)]
    pub new_value: Option<Json<serde_json::Value>>,
    /// Reason given (after a period's end).
    pub reason: Option<String>,
}

/// The history of one cell, oldest first; `None` when the viewer may not read the journal.
pub async fn of_cell(db: &Db, v: &Viewer, lesson_id: Uuid, pupil_id: Uuid) -> Result<Option<Vec<HistoryEntry>>> {
    let school = v.school();
    let Some((class_id, subject_id)) = opt_row!(
        db,
        (Uuid, Uuid),
        "SELECT class_id, subject_id FROM lessons WHERE school_id = $1 AND id = $2",
        school,
        lesson_id
    )?
    else {
        return Ok(None);
    };
    if !access::may_read(db, v, class_id, subject_id).await? {
        return Ok(None);
    }
    let Some(cell) = cells::get(db, school, lesson_id, pupil_id).await? else {
        return Ok(Some(Vec::new()));
    };
    Ok(Some(rows!(
        db,
        HistoryEntry,
        "SELECT at, actor_label, action, old_value, new_value, reason FROM audit_log WHERE school_id = $1 AND entity = 'journal_cell' AND entity_id = $2 ORDER BY at, id",
        school,
        cell.id
    )?))
}
