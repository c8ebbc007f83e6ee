//! The freshness epoch that keeps the web caches honest, on SQLite and PostgreSQL: a write
//! through `Db::write` moves it before the writer goes on, and the watch sees a commit made
//! by another connection that bypasses this process (as the CLI's imports or another app
//! instance do) and moves it too.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

use std::time::Duration;
use vsoko_store::{Db, freshness, testing};

const INTERVAL: Duration = Duration::from_millis(50);

/// Waits (up to 10 s) until `f` holds.
async fn until(what: &str, f: impl Fn() -> bool) {
    for _ in 0..400 {
        if f() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("timed out waiting for: {what}");
}

/// An epoch no poll moves any more (the watch moves it once more on the tick after a
/// change); on a PostgreSQL cluster busy with other databases it may never settle, then the
/// last one seen.
async fn settled() -> u64 {
    let mut e = freshness::current();
    for _ in 0..20 {
        tokio::time::sleep(INTERVAL * 6).await;
        if freshness::current() == e {
            break;
        }
        e = freshness::current();
    }
    e
}

/// A commit on a connection of its own, not through `Db::write`.
async fn foreign_commit(url: &str, sql: &str) {
    if url.starts_with("postgres") {
        let pool = sqlx::PgPool::connect(url).await.unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
    } else {
        let pool = sqlx::SqlitePool::connect(url).await.unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
    }
}

#[tokio::test]
async fn writes_here_and_commits_elsewhere_move_the_epoch() {
    for t in testing::both().await {
        assert!(!freshness::fresh() || t.backend == "postgres", "no watch yet");
        freshness::watch(t.db.clone(), INTERVAL);
        until("the watch's first poll", freshness::fresh).await;

        // A write through this process: the epoch has moved when the write returns.
        let before = freshness::current();
        t.db.write(|tx| {
            Box::pin(async move {
                vsoko_store::settings::set(tx, "freshness-test", "1").await?;
                Ok(())
            })
        })
        .await
        .unwrap();
        assert!(freshness::current() > before);

        // A commit by another connection: seen by the watch.
        let quiet = settled().await;
        foreign_commit(
            &t.url,
            "CREATE TABLE freshness_probe (x BIGINT); INSERT INTO freshness_probe VALUES (1)",
        )
        .await;
        until("the watch sees the other connection's commit", || {
            freshness::current() != quiet
        })
        .await;

        // Reads do not move it (on SQLite: the data version is the file's; PostgreSQL's WAL
        // position is the whole cluster's, which other databases' writes move as well).
        let n: i64 = match &t.db {
            Db::Pg(p) => sqlx::query_scalar("SELECT count(*) FROM freshness_probe")
                .fetch_one(p)
                .await
                .unwrap(),
            Db::Sqlite { read, .. } => sqlx::query_scalar("SELECT count(*) FROM freshness_probe")
                .fetch_one(read)
                .await
                .unwrap(),
        };
        assert_eq!(n, 1);
        if let Db::Sqlite { read, .. } = &t.db {
            let quiet = settled().await;
            let again: i64 = sqlx::query_scalar("SELECT count(*) FROM freshness_probe")
                .fetch_one(read)
                .await
                .unwrap();
            assert_eq!(again, 1);
            tokio::time::sleep(INTERVAL * 4).await;
            assert_eq!(freshness::current(), quiet);
        }
        t.finish().await;
    }
}
