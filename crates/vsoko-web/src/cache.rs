//! What the process keeps in memory to answer the most frequent reads without SQL: the
//! viewer of a session cookie and the rendered e-diary page of a viewer. Every entry carries
//! the [`freshness`](vsoko_store::freshness) epoch it was read at and is served only while
//! that epoch is current and the watch on other processes' writes is alive: a write this
//! process acknowledged is never hidden, a write by another process (CLI import, another
//! instance) within about two watch intervals (docs/BENCHMARKS.md, "Diary cache").

use axum::body::Bytes;
use moka::sync::Cache;
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;
use vsoko_store::{Viewer, freshness};

/// How often the watch polls for other processes' commits.
pub const WATCH_INTERVAL: Duration = Duration::from_millis(100);

/// A session's viewer as read at an epoch.
#[derive(Clone)]
struct CachedSession {
    viewer: Arc<Viewer>,
    expires_at: OffsetDateTime,
    epoch: u64,
}

/// A rendered page as read at an epoch.
#[derive(Clone)]
struct CachedPage {
    body: Bytes,
    epoch: u64,
}

/// The caches of one application state.
pub struct Caches {
    sessions: Cache<String, CachedSession>,
    pages: Cache<String, CachedPage>,
    enabled: bool,
}

impl Default for Caches {
    fn default() -> Self {
        Caches {
            sessions: Cache::builder()
                .max_capacity(100_000)
                .time_to_idle(Duration::from_secs(600))
                .build(),
            pages: Cache::builder()
                .weigher(|k: &String, v: &CachedPage| u32::try_from(k.len() + v.body.len()).unwrap_or(u32::MAX))
                .max_capacity(64 * 1024 * 1024)
                .time_to_idle(Duration::from_secs(600))
                .build(),
            enabled: true,
        }
    }
}

impl Caches {
    /// Caches that keep nothing (`vsoko serve --no-cache`).
    pub fn disabled() -> Caches {
        Caches {
            enabled: false,
            ..Caches::default()
        }
    }
}

impl std::fmt::Debug for Caches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Caches")
            .field("sessions", &self.sessions.entry_count())
            .field("pages", &self.pages.entry_count())
            .finish()
    }
}

/// An epoch at which a value read now may be cached: `None` while the watch is not alive.
pub fn read_epoch() -> Option<u64> {
    freshness::fresh().then(freshness::current)
}

fn valid(epoch: u64) -> bool {
    freshness::fresh() && freshness::current() == epoch
}

impl Caches {
    /// The viewer of a session (by its token hash), if cached, current and not expired.
    pub fn session(&self, token_hash: &str) -> Option<Viewer> {
        if !self.enabled {
            return None;
        }
        let s = self.sessions.get(token_hash)?;
        (valid(s.epoch) && s.expires_at > OffsetDateTime::now_utc()).then(|| (*s.viewer).clone())
    }

    /// Keeps a session's viewer read at `epoch`.
    pub fn put_session(&self, token_hash: String, viewer: Viewer, expires_at: OffsetDateTime, epoch: u64) {
        if !self.enabled {
            return;
        }
        self.sessions.insert(
            token_hash,
            CachedSession {
                viewer: Arc::new(viewer),
                expires_at,
                epoch,
            },
        );
    }

    /// A rendered page, if cached and current.
    pub fn page(&self, key: &str) -> Option<Bytes> {
        if !self.enabled {
            return None;
        }
        let p = self.pages.get(key)?;
        valid(p.epoch).then_some(p.body)
    }

    /// Keeps a page rendered from what was read at `epoch`.
    pub fn put_page(&self, key: String, body: Bytes, epoch: u64) {
        if !self.enabled {
            return;
        }
        self.pages.insert(key, CachedPage { body, epoch });
    }
}
