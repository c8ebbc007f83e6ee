//! The one database handle: SQLite (default) or PostgreSQL by URL, and the write path.
//!
//! Reads go straight to a pool. Writes are closures over a [`Tx`]. On PostgreSQL each write
//! is its own transaction. On SQLite all writes go through one writer task that takes every
//! write waiting at that moment, runs each inside a savepoint of one transaction and commits
//! once (group commit): with `synchronous=FULL` one fsync then acknowledges the whole batch,
//! so durability does not cost throughput, and a failing write rolls back only its savepoint.

use crate::error::StoreError;
use futures::future::BoxFuture;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};
use std::str::FromStr;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

/// An open transaction on either backend. Store functions match on it with [`on_tx!`].
pub enum Tx {
    /// PostgreSQL transaction.
    Pg(Transaction<'static, Postgres>),
    /// SQLite transaction of the writer task.
    Sqlite(Transaction<'static, Sqlite>),
}

/// Runs the same body against whichever backend a [`Tx`] holds; `$c` is `&mut Connection`.
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, |$c:ident| $body:expr) => {
        match $tx {
            $crate::db::Tx::Pg(t) => {
                let $c = &mut **t;
                $body
            }
            $crate::db::Tx::Sqlite(t) => {
                let $c = &mut **t;
                $body
            }
        }
    };
}

/// Runs the same body against whichever read pool a [`Db`] holds; `$p` is `&Pool`.
#[macro_export]
macro_rules! on_db {
    ($db:expr, |$p:ident| $body:expr) => {
        match $db {
            $crate::db::Db::Pg(pool) => {
                let $p = pool;
                $body
            }
            $crate::db::Db::Sqlite { read, .. } => {
                let $p = read;
                $body
            }
        }
    };
}

/// A write closure: runs inside a transaction and returns a boxed future borrowing it.
pub type WriteFn<T> = Box<dyn for<'c> FnOnce(&'c mut Tx) -> BoxFuture<'c, Result<T, StoreError>> + Send>;

type Completion = Box<dyn FnOnce(Result<(), StoreError>) + Send>;
type ErasedJob = Box<dyn for<'c> FnOnce(&'c mut Tx) -> BoxFuture<'c, (bool, Completion)> + Send>;

/// The database handle. Cheap to clone.
#[derive(Clone)]
pub enum Db {
    /// PostgreSQL pool (`synchronous_commit=on`).
    Pg(PgPool),
    /// SQLite: a read pool and the channel to the single writer task.
    Sqlite {
        /// Read-only pool (WAL readers never block the writer).
        read: SqlitePool,
        /// Sender to the group-commit writer.
        writer: mpsc::Sender<ErasedJob>,
    },
}

/// Which backend a [`Db`] runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// PostgreSQL.
    Postgres,
    /// SQLite.
    Sqlite,
}

impl Db {
    /// Connects to `sqlite://path` (created if missing) or `postgres://…` and applies migrations.
    pub async fn connect(url: &str) -> Result<Db, StoreError> {
        Self::open(url, true).await
    }

    /// Connects; applies migrations first when `migrate` is true.
    pub async fn open(url: &str, migrate: bool) -> Result<Db, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let opts = PgConnectOptions::from_str(url)?.options([("synchronous_commit", "on")]);
            let pool = PgPoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await?;
            if migrate {
                sqlx::migrate!("./migrations/postgres").run(&pool).await?;
            }
            Ok(Db::Pg(pool))
        } else if url.starts_with("sqlite:") {
            let base = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .min_connections(1)
                .connect_with(base.clone())
                .await?;
            if migrate {
                sqlx::migrate!("./migrations/sqlite").run(&write).await?;
            }
            let read = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(
                    SqliteConnectOptions::from_str(url)?
                        .read_only(true)
                        .busy_timeout(Duration::from_secs(10))
                        .pragma("mmap_size", READ_MMAP_BYTES.to_string()),
                )
                .await?;
            let (tx, rx) = mpsc::channel(4096);
            tokio::spawn(writer_task(write, rx));
            Ok(Db::Sqlite { read, writer: tx })
        } else {
            Err(StoreError::BadUrl(url.to_string()))
        }
    }

    /// The backend in use.
    pub fn backend(&self) -> Backend {
        match self {
            Db::Pg(_) => Backend::Postgres,
            Db::Sqlite { .. } => Backend::Sqlite,
        }
    }

    /// Runs `f` in a transaction and commits; the result is returned only after the commit
    /// is durable. On SQLite the write joins the writer's current group commit. Moves the
    /// [`freshness`](crate::freshness) epoch before returning.
    pub async fn write<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut Tx) -> BoxFuture<'c, Result<T, StoreError>> + Send + 'static,
    {
        match self {
            Db::Pg(pool) => {
                let mut tx = Tx::Pg(pool.begin().await?);
                let out = f(&mut tx).await?;
                if let Tx::Pg(t) = tx {
                    t.commit().await?;
                }
                crate::freshness::bump();
                Ok(out)
            }
            Db::Sqlite { writer, .. } => {
                let (done_tx, done_rx) = oneshot::channel::<Result<T, StoreError>>();
                let job: ErasedJob = Box::new(move |tx: &mut Tx| {
                    Box::pin(async move {
                        let result = f(tx).await;
                        let ok = result.is_ok();
                        let completion: Completion = Box::new(move |commit: Result<(), StoreError>| {
                            let _ = done_tx.send(match result {
                                Ok(v) => commit.map(|()| v),
                                Err(e) => Err(e),
                            });
                        });
                        (ok, completion)
                    })
                });
                writer.send(job).await.map_err(|_| StoreError::WriterGone)?;
                let out = done_rx.await.map_err(|_| StoreError::WriterGone)?;
                // After the commit, before the caller goes on (see `freshness`).
                crate::freshness::bump();
                out
            }
        }
    }

    /// Closes pools (used by tests and the backup command).
    pub async fn close(&self) {
        match self {
            Db::Pg(p) => p.close().await,
            Db::Sqlite { read, .. } => read.close().await,
        }
    }
}

/// Largest number of writes committed together.
const MAX_BATCH: usize = 512;

/// How much of a SQLite file each read connection maps into memory (`PRAGMA mmap_size`):
/// pages are then read from the shared mapping instead of copied by a `pread` into every
/// connection's own page cache. Address space, not resident memory; writes keep going
/// through the writer's ordinary I/O, so durability is unchanged.
const READ_MMAP_BYTES: u64 = 1 << 30;

async fn writer_task(pool: SqlitePool, mut rx: mpsc::Receiver<ErasedJob>) {
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        run_batch(&pool, batch).await;
    }
}

/// Runs one group commit. A job that fails has its savepoint rolled back, so the others
/// still commit; every waiter hears back only after the commit (or its failure).
async fn run_batch(pool: &SqlitePool, batch: Vec<ErasedJob>) {
    let mut tx = match pool.begin().await {
        Ok(t) => Tx::Sqlite(t),
        Err(e) => {
            // Dropping the jobs drops their reply channels: each waiter gets WriterGone.
            tracing::error!(error = %e, "sqlite writer could not begin a transaction");
            return;
        }
    };
    let mut completions: Vec<Completion> = Vec::with_capacity(batch.len());
    for job in batch {
        if let Err(e) = exec(&mut tx, "SAVEPOINT w").await {
            tracing::error!(error = %e, "savepoint failed");
            return;
        }
        let (ok, completion) = job(&mut tx).await;
        let end = if ok { "RELEASE w" } else { "ROLLBACK TO w; RELEASE w" };
        if let Err(e) = exec(&mut tx, end).await {
            tracing::error!(error = %e, "savepoint release failed");
            return;
        }
        completions.push(completion);
    }
    let commit = match tx {
        Tx::Sqlite(t) => t.commit().await.map_err(|e| e.to_string()),
        Tx::Pg(_) => Ok(()),
    };
    for c in completions {
        c(commit.clone().map_err(StoreError::Commit));
    }
}

async fn exec(tx: &mut Tx, sql: &'static str) -> Result<(), StoreError> {
    on_tx!(tx, |c| sqlx::raw_sql(sql).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

impl Db {
    /// Writes a consistent copy of a SQLite database to `path` while it is in use
    /// (`VACUUM INTO`). PostgreSQL is backed up with `pg_dump` instead.
    pub async fn backup_sqlite(&self, path: &str) -> Result<(), StoreError> {
        match self {
            Db::Sqlite { read, .. } => {
                sqlx::query("VACUUM INTO $1").bind(path).execute(read).await?;
                Ok(())
            }
            Db::Pg(_) => Err(StoreError::Invalid {
                field: "db",
                message: "use pg_dump for PostgreSQL".into(),
            }),
        }
    }
}
