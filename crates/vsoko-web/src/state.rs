//! Shared application state: the database, configuration, and the limits on login work.

use crate::auth::password::Hasher;
use crate::auth::throttle::Throttle;
use crate::cache::Caches;
use std::sync::Arc;
use vsoko_store::Db;

/// Runtime configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Mark cookies `Secure` (set when served over HTTPS).
    pub secure_cookies: bool,
    /// Session lifetime in hours.
    pub session_hours: i64,
    /// Keep sessions and diary pages in memory (see `cache`).
    pub cache: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            secure_cookies: false,
            session_hours: 12,
            cache: true,
        }
    }
}

/// State shared by every handler; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// Database.
    pub db: Db,
    /// Whether this database is a demo (demo passwords accepted, banner shown).
    pub demo: bool,
    /// Configuration.
    pub cfg: Arc<Config>,
    /// Two password-hashing threads, so a login burst cannot starve page requests.
    pub hasher: Arc<Hasher>,
    /// Failed-login throttling.
    pub throttle: Arc<Throttle>,
    /// Sessions and diary pages kept in memory (see `cache`).
    pub caches: Arc<Caches>,
}

impl AppState {
    /// State over a database; reads the demo flag from it and starts the watch on other
    /// processes' writes that keeps the caches honest.
    pub async fn new(db: Db, cfg: Config) -> Result<AppState, vsoko_store::StoreError> {
        let demo = vsoko_store::settings::is_demo(&db).await?;
        vsoko_store::freshness::watch(db.clone(), crate::cache::WATCH_INTERVAL);
        Ok(AppState {
            caches: Arc::new(if cfg.cache {
                Caches::default()
            } else {
                Caches::disabled()
            }),
            db,
            demo,
            cfg: Arc::new(cfg),
            hasher: Arc::new(Hasher::new(2)),
            throttle: Arc::new(Throttle::default()),
        })
    }
}
