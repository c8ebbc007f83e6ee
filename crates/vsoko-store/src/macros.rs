//! Short forms for the common query shapes, each expanded once per backend.
//! `rows!`/`row!`/`opt_row!`/`scalar!` read from a [`crate::Db`] or, with `tx:` first, from a
//! [`crate::Tx`]; `exec!` runs a statement in a transaction and yields rows affected.

/// Executes a statement in a transaction: `exec!(tx, SQL, a, b)` → `Result<u64, sqlx::Error>`.
#[macro_export]
macro_rules! exec {
    ($tx:expr, $sql:expr $(, $arg:expr)* $(,)?) => {
        $crate::on_tx!($tx, |c| sqlx::query($sql)$(.bind($arg))*.execute(c).await.map(|r| r.rows_affected()))
    };
}

/// All rows as `T`: `rows!(db, T, SQL, args…)` or `rows!(tx: tx, T, SQL, args…)`.
#[macro_export]
macro_rules! rows {
    (tx: $tx:expr, $t:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        $crate::on_tx!($tx, |c| sqlx::query_as::<_, $t>($sql)$(.bind($arg))*.fetch_all(c).await)
    };
    ($db:expr, $t:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        $crate::on_db!($db, |p| sqlx::query_as::<_, $t>($sql)$(.bind($arg))*.fetch_all(p).await)
    };
}

/// At most one row as `Option<T>`.
#[macro_export]
macro_rules! opt_row {
    (tx: $tx:expr, $t:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        $crate::on_tx!($tx, |c| sqlx::query_as::<_, $t>($sql)$(.bind($arg))*.fetch_optional(c).await)
    };
    ($db:expr, $t:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        $crate::on_db!($db, |p| sqlx::query_as::<_, $t>($sql)$(.bind($arg))*.fetch_optional(p).await)
    };
}

/// One scalar value as `T` (use `Option<T>` for nullable or absent).
#[macro_export]
macro_rules! scalar {
    (tx: $tx:expr, $t:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        $crate::on_tx!($tx, |c| sqlx::query_scalar::<_, $t>($sql)$(.bind($arg))*.fetch_one(c).await)
    };
    ($db:expr, $t:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        $crate::on_db!($db, |p| sqlx::query_scalar::<_, $t>($sql)$(.bind($arg))*.fetch_one(p).await)
    };
}

/// An optional scalar (no row → None).
#[macro_export]
macro_rules! opt_scalar {
    (tx: $tx:expr, $t:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        $crate::on_tx!($tx, |c| sqlx::query_scalar::<_, $t>($sql)$(.bind($arg))*.fetch_optional(c).await)
    };
    ($db:expr, $t:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        $crate::on_db!($db, |p| sqlx::query_scalar::<_, $t>($sql)$(.bind($arg))*.fetch_optional(p).await)
    };
}
