//! "New marks since the last visit": the pupil's cells whose marks changed after the viewer
//! last looked at this pupil's diary, and the read receipt that moves that moment on.

use crate::{Db, Result, Tx, Viewer};
use serde::Serialize;
use time::{Date, Duration, OffsetDateTime};
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

/// Extra rows fetched past `limit`: those of the second the viewer last looked in, which the
/// exact comparison below may drop.
const SAME_SECOND_MARGIN: i64 = 50;

/// When the viewer last saw this pupil's marks.
pub async fn seen_at(db: &Db, v: &Viewer, pupil_id: Uuid) -> Result<Option<OffsetDateTime>> {
    Ok(opt_scalar!(
        db,
        OffsetDateTime,
        "SELECT seen_at FROM diary_seen WHERE user_id = $1 AND pupil_id = $2",
        v.user_id,
        pupil_id
    )?)
}

/// The pupil's marks set or changed after the viewer last saw this diary (or after `since`
/// when they never did), newest first, at most `limit`; empty out of the diary's scope.
pub async fn new_marks(db: &Db, v: &Viewer, pupil_id: Uuid, since: OffsetDateTime, limit: i64) -> Result<Vec<NewMark>> {
    let since = seen_at(db, v, pupil_id).await?.unwrap_or(since);
    // SQLite keeps timestamps as RFC 3339 text with trailing zeros of the fraction trimmed,
    // which compares correctly only across whole seconds: the query starts a second early
    // and the exact comparison happens here.
    let coarse = since.replace_nanosecond(0).unwrap_or(since) - Duration::seconds(1);
    let mut rows = rows!(
        db,
        NewMark,
        concat!(
            "SELECT jc.lesson_id, l.lesson_date, s.name AS subject_name, jc.marks, jc.comment, jc.updated_at \
             FROM journal_cells jc \
             JOIN lessons l ON l.school_id = jc.school_id AND l.id = jc.lesson_id \
             JOIN subjects s ON s.school_id = l.school_id AND s.id = l.subject_id \
             WHERE jc.school_id = $1 AND jc.pupil_id = $2 AND jc.marks <> '' AND NOT l.is_deleted AND jc.updated_at > $4 AND ",
            diary_scope!(),
            " ORDER BY jc.updated_at DESC LIMIT $5"
        ),
        v.school(),
        pupil_id,
        v.user_id,
        coarse,
        limit + SAME_SECOND_MARGIN
    )?;
    rows.retain(|r| r.updated_at > since);
    rows.sort_by_key(|r| std::cmp::Reverse(r.updated_at));
    rows.truncate(usize::try_from(limit).unwrap_or(0));
    Ok(rows)
}

/// Records that the viewer has seen the pupil's marks up to `seen_at`: the moment only moves
/// forward, and only inside the diary's scope (one upsert, after reading the current moment).
///
/// This is the viewer's own read receipt, not school data, so it is not audited: an audit
/// row per diary visit would bury the log's real changes.
pub async fn mark_seen(tx: &mut Tx, v: &Viewer, pupil_id: Uuid, seen_at: OffsetDateTime) -> Result<()> {
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
