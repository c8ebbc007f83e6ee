//! Freshness of what the process keeps in memory (the web layer's session and page cache):
//! a process-wide **epoch** that moves whenever the database may have changed, and a
//! heartbeat saying the watch on other processes' writes is alive.
//!
//! - Every [`Db::write`](crate::Db::write) moves the epoch after its commit and before its
//!   caller goes on: a write acknowledged by this process is never hidden by a cached page.
//! - [`watch`] polls the database for commits by other processes (a CLI import on the same
//!   SQLite file, another app instance on PostgreSQL) every `interval` — SQLite's
//!   `PRAGMA data_version` on a connection of its own, PostgreSQL's `pg_current_wal_lsn()` —
//!   and moves the epoch when they changed, and once more on the next tick (a commit whose
//!   change is seen a moment before its rows are visible cannot leave a page cached as
//!   fresh). Other processes' writes are therefore seen within about two intervals.
//! - [`fresh`] is false when the watch has not succeeded for three intervals (database
//!   gone, watch not started): caches must then not serve anything.
//!
//! The epoch is process-wide, not per database: several `Db` handles in one process only
//! invalidate each other's entries more often than needed.

use crate::Db;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

static EPOCH: AtomicU64 = AtomicU64::new(1);
/// Milliseconds since [`START`] of the watch's last successful poll (0: never).
static HEARTBEAT_MS: AtomicU64 = AtomicU64::new(0);
/// Poll interval of the running watch, in milliseconds (0: no watch).
static INTERVAL_MS: AtomicU64 = AtomicU64::new(0);
static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

fn since_start() -> u64 {
    let start = *START.get_or_init(Instant::now);
    u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX).max(1)
}

/// The current epoch: a cached value taken at epoch `e` is valid while `current() == e`.
pub fn current() -> u64 {
    EPOCH.load(Ordering::Acquire)
}

/// Moves the epoch (the database may have changed).
pub fn bump() {
    EPOCH.fetch_add(1, Ordering::AcqRel);
}

/// Whether the watch on other processes' writes has succeeded within three intervals.
pub fn fresh() -> bool {
    let interval = INTERVAL_MS.load(Ordering::Acquire);
    let beat = HEARTBEAT_MS.load(Ordering::Acquire);
    interval > 0 && beat > 0 && since_start().saturating_sub(beat) <= 3 * interval
}

/// Starts the watch on commits by other processes (one per process; a second call only
/// adds another poller). Ends when the database's pool is closed.
pub fn watch(db: Db, interval: Duration) {
    let ms = u64::try_from(interval.as_millis()).unwrap_or(u64::MAX).max(1);
    INTERVAL_MS.store(ms, Ordering::Release);
    tokio::spawn(async move {
        let mut last: Option<String> = None;
        let mut pending = false;
        let mut failing = false;
        let mut conn = None;
        loop {
            if let Db::Sqlite { read, .. } = &db
                && read.is_closed()
            {
                break;
            }
            match probe(&db, &mut conn).await {
                Ok(now) => {
                    if pending {
                        bump();
                        pending = false;
                    }
                    if last.as_ref().is_some_and(|l| *l != now) {
                        bump();
                        pending = true;
                    }
                    last = Some(now);
                    failing = false;
                    HEARTBEAT_MS.store(since_start(), Ordering::Release);
                }
                Err(sqlx::Error::PoolClosed) => break,
                Err(e) => {
                    // Not fresh until a poll succeeds again; the value may have moved.
                    if !failing {
                        tracing::warn!("freshness watch failed ({e}): nothing is served from memory until it recovers");
                    }
                    failing = true;
                    conn = None;
                    last = None;
                    bump();
                }
            }
            tokio::time::sleep(interval).await;
        }
    });
}

/// What changes when another process commits: SQLite's data version on this watch's own
/// connection, PostgreSQL's current WAL position.
async fn probe(db: &Db, conn: &mut Option<sqlx::SqliteConnection>) -> Result<String, sqlx::Error> {
    match db {
        Db::Pg(pool) => {
            sqlx::query_scalar::<_, String>("SELECT pg_current_wal_lsn()::text")
                .fetch_one(pool)
                .await
        }
        Db::Sqlite { read, .. } => {
            if conn.is_none() {
                *conn = Some(read.acquire().await?.detach());
            }
            let Some(c) = conn.as_mut() else {
                return Err(sqlx::Error::PoolClosed);
            };
            let v: i64 = sqlx::query_scalar("PRAGMA data_version").fetch_one(&mut *c).await?;
            Ok(v.to_string())
        }
    }
}
