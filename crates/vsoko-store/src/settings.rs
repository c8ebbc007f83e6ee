//! Installation-wide settings (key → value), e.g. whether this database is a demo.

use crate::{Db, Result, Tx, on_db, on_tx};

/// Key marking a demo database: demo passwords are accepted only where it is "true".
pub const DEMO_KEY: &str = "demo";

/// Reads a setting.
pub async fn get(db: &Db, key: &str) -> Result<Option<String>> {
    const SQL: &str = "SELECT value FROM settings WHERE key = $1";
    Ok(on_db!(db, |p| sqlx::query_scalar(SQL)
        .bind(key)
        .fetch_optional(p)
        .await)?)
}

/// Writes a setting inside a transaction.
pub async fn set(tx: &mut Tx, key: &str, value: &str) -> Result<()> {
    const SQL: &str =
        "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
    on_tx!(tx, |c| sqlx::query(SQL)
        .bind(key)
        .bind(value)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Whether the database was built by `vsoko demo`.
pub async fn is_demo(db: &Db) -> Result<bool> {
    Ok(get(db, DEMO_KEY).await?.as_deref() == Some("true"))
}
