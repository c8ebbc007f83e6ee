//! Acknowledged writes survive `kill -9`: a child process writes with 50 concurrent writers
//! and prints each write as soon as `Db::write` returns; the parent kills it mid-stream,
//! reopens the database and finds every acknowledged row (SQLite and PostgreSQL).
#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use uuid::Uuid;
use vsoko_store::structure::subjects;
use vsoko_store::testing;
use vsoko_store::{Actor, Db, org};

const URL_ENV: &str = "VSOKO_KILL_TEST_URL";
const SCHOOL_ENV: &str = "VSOKO_KILL_TEST_SCHOOL";

async fn prepare(db: &Db) -> Uuid {
    db.write(|tx| {
        Box::pin(async move {
            let a = Actor::system("test");
            let r = org::create_region(tx, &a, "Р").await?;
            let m = org::create_municipality(tx, &a, r, "М").await?;
            org::create_school(tx, &a, m, "Ш", "Ш").await
        })
    })
    .await
    .unwrap()
}

/// The writer child; run only by the parent test below.
#[tokio::test]
#[ignore = "child process of acknowledged_writes_survive_sigkill"]
async fn kill_child_writer() {
    let (Ok(url), Ok(school)) = (std::env::var(URL_ENV), std::env::var(SCHOOL_ENV)) else {
        return;
    };
    let school: Uuid = school.parse().unwrap();
    let db = Db::connect(&url).await.unwrap();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    for w in 0..50 {
        let (db, tx) = (db.clone(), tx.clone());
        tokio::spawn(async move {
            for i in 0.. {
                let code = format!("w{w}_{i}");
                let c = code.clone();
                let res = db
                    .write(move |t| {
                        Box::pin(async move {
                            let input = subjects::SubjectInput {
                                name: c.clone(),
                                short_name: c.clone(),
                                code: c,
                                area: String::new(),
                                is_active: true,
                            };
                            subjects::create(t, &Actor::system("kill"), school, &input).await
                        })
                    })
                    .await;
                if res.is_ok() && tx.send(code).is_err() {
                    return;
                }
            }
        });
    }
    drop(tx);
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    while let Some(code) = rx.recv().await {
        writeln!(out, "ACK {code}").unwrap();
        out.flush().unwrap();
    }
}

#[tokio::test]
async fn acknowledged_writes_survive_sigkill() {
    for t in testing::both().await {
        let school = prepare(&t.db).await;
        t.db.close().await;
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "kill_child_writer",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(URL_ENV, &t.url)
            .env(SCHOOL_ENV, school.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut acked = BTreeSet::new();
        let reader = BufReader::new(child.stdout.take().unwrap());
        for line in reader.lines() {
            let line = line.unwrap();
            if let Some(code) = line.strip_prefix("ACK ") {
                acked.insert(code.to_string());
            }
            if acked.len() >= 3000 {
                break;
            }
        }
        // SIGKILL: no destructors, no flush, no graceful shutdown.
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(
            acked.len() >= 3000,
            "{}: the child acknowledged only {}",
            t.backend,
            acked.len()
        );

        let db = Db::connect(&t.url).await.unwrap();
        let stored: BTreeSet<String> = subjects::list(&db, school, "")
            .await
            .unwrap()
            .into_iter()
            .map(|s| s.code)
            .collect();
        let lost: Vec<_> = acked.difference(&stored).take(5).collect();
        assert!(lost.is_empty(), "{}: acknowledged but lost: {lost:?}", t.backend);
        db.close().await;
        t.finish().await;
    }
}
