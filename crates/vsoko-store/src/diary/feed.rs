//! "New marks since the last visit": the pupil's cells whose marks changed after the viewer
//! last looked at this pupil's diary, and the read receipt that moves that moment on.

use crate::{Db, Result, Tx, Viewer};
use serde::Serialize;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

/// A mark that is new to the viewer.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct NewMark {
    /// Lesson.
    pub lesson_id: Uuid,
    /// Lesson date.
    #[schema(value_type = String, format = Date)]
    #[serde(with = "crate::iso_date")]
    pub lesson_date: Date,
    /// Subject name.
    pub subject_name: String,
    /// Marks as stored ("5 4").
    pub marks: String,
    /// The teacher's comment.
    pub comment: String,
    /// When the marks were set or changed.
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// The pupil's marks set or changed after the viewer last saw this diary (its read receipt;
/// after `since` when they never did), newest first, at most `limit`; empty out of the diary's scope.
pub async fn new_marks(db: &Db, v: &Viewer, pupil_id: Uuid, since: OffsetDateTime, limit: i64) -> Result<Vec<NewMark>> {
    // Cells are stamped by `crate::now()`; receipts and the bound moment take the same
    // fixed-width form, so SQLite's text comparison is time order.
    let since = crate::stamp(since);
    Ok(rows!(
        db,
        NewMark,
        concat!(
            "SELECT jc.lesson_id, l.lesson_date, s.name AS subject_name, jc.marks, jc.comment, jc.updated_at \
             FROM journal_cells jc \
             JOIN lessons l ON l.school_id = jc.school_id AND l.id = jc.lesson_id \
             JOIN subjects s ON s.school_id = l.school_id AND s.id = l.subject_id \
             WHERE jc.school_id = $1 AND jc.pupil_id = $2 AND jc.marks <> '' AND NOT l.is_deleted \
             AND jc.updated_at > COALESCE((SELECT ds.seen_at FROM diary_seen ds WHERE ds.user_id = $3 AND ds.pupil_id = $2), $4) AND ",
            diary_scope!(),
            " ORDER BY jc.updated_at DESC LIMIT $5"
        ),
        v.school(),
        pupil_id,
        v.user_id,
        since,
        limit
    )?)
}

/// Records that the viewer has seen the pupil's marks up to `seen_at`: the moment only moves
/// forward, and only inside the diary's scope (one upsert, after reading the current moment).
///
/// This is the viewer's own read receipt, not school data, so it is not audited: an audit
/// row per diary visit would bury the log's real changes.
pub async fn mark_seen(tx: &mut Tx, v: &Viewer, pupil_id: Uuid, seen_at: OffsetDateTime) -> Result<()> {
    let seen_at = crate::stamp(seen_at);
    let current = opt_scalar!(tx: tx, OffsetDateTime, "SELECT seen_at FROM diary_seen WHERE user_id = $1 AND pupil_id = $2", v.user_id, pupil_id)?;
    if current.is_some_and(|c| c >= seen_at) {
        return Ok(());
    }
    exec!(
        tx,
        concat!(
            "INSERT INTO diary_seen (user_id, pupil_id, seen_at) SELECT $3, $2, $4 WHERE ",
            diary_scope!(),
            " ON CONFLICT (user_id, pupil_id) DO UPDATE SET seen_at = excluded.seen_at"
        ),
        v.school(),
        pupil_id,
        v.user_id,
        seen_at
    )?;
    Ok(())
}
