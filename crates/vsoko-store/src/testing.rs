//! Test databases for the contract suite and the web tests: a temporary SQLite file, and a
//! fresh PostgreSQL database created from `VSOKO_TEST_PG` (a missing server is a failure,
//! never a skip).

use crate::Db;

/// Environment variable with the PostgreSQL admin URL, e.g. `postgres://postgres@127.0.0.1:5432/test`.
pub const PG_ENV: &str = "VSOKO_TEST_PG";

/// A database for one test; call [`TestDb::finish`] to drop a PostgreSQL database.
pub struct TestDb {
    /// The handle.
    pub db: Db,
    /// "sqlite" or "postgres".
    pub backend: &'static str,
    /// The URL the handle was opened with.
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

/// A migrated SQLite database in a temporary directory.
pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("test.db").display());
    let db = Db::connect(&url).await.expect("sqlite test database");
    TestDb {
        db,
        backend: "sqlite",
        url,
        _dir: Some(dir),
        pg: None,
    }
}

/// A migrated fresh PostgreSQL database.
pub async fn postgres() -> TestDb {
    let admin = std::env::var(PG_ENV).unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string());
    let name = format!("vsoko_t_{}", uuid::Uuid::new_v4().simple());
    let admin_db = Db::open(&admin, false)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL is required for tests ({PG_ENV}={admin}): {e}"));
    if let Db::Pg(pool) = &admin_db {
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(pool)
            .await
            .expect("create test database");
    }
    admin_db.close().await;
    let base = admin
        .rsplit_once('/')
        .map(|(b, _)| b.to_string())
        .unwrap_or(admin.clone());
    let url = format!("{base}/{name}");
    let db = Db::connect(&url).await.expect("postgres test database");
    TestDb {
        db,
        backend: "postgres",
        url,
        _dir: None,
        pg: Some((admin, name)),
    }
}

/// One database per backend: SQLite, then PostgreSQL.
pub async fn both() -> Vec<TestDb> {
    vec![sqlite().await, postgres().await]
}

impl TestDb {
    /// Closes the handle and drops a PostgreSQL test database.
    pub async fn finish(self) {
        self.db.close().await;
        if let Some((admin, name)) = self.pg
            && let Ok(Db::Pg(pool)) = Db::open(&admin, false).await
        {
            let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&pool)
            .await;
            pool.close().await;
        }
    }
}

/// (table, column) of every application table, for the schema-parity test.
pub async fn schema(db: &Db) -> std::collections::BTreeSet<(String, String)> {
    let rows: Vec<(String, String)> = match db {
        Db::Pg(p) => sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '\\_sqlx%'",
        )
        .fetch_all(p)
        .await
        .expect("pg schema"),
        Db::Sqlite { read, .. } => sqlx::query_as(
            "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE '\\_sqlx%' ESCAPE '\\' AND m.name NOT LIKE 'sqlite%'",
        )
        .fetch_all(read)
        .await
        .expect("sqlite schema"),
    };
    rows.into_iter().collect()
}
