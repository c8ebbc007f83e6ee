//! Durable marks per second with 50 concurrent writers, on SQLite (WAL, synchronous=FULL,
//! group commit) and on PostgreSQL (synchronous_commit=on): each write is a full
//! `journal::cells::save` (scope check, validation, lock check, upsert, rollup delta, audit
//! row) acknowledged only after its commit.
//!
//! cargo bench -p vsoko-store --bench marks            (VSOKO_TEST_PG for PostgreSQL; BENCH_SECONDS, default 10)

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};
use uuid::Uuid;
use vsoko_store::journal::cells::{self, CellInput};
use vsoko_store::journal::lessons::{self, LessonInput};
use vsoko_store::people::pupils;
use vsoko_store::structure::{classes, years};
use vsoko_store::testing::{self, TestDb};
use vsoko_store::{Actor, Viewer, accounts, demo, scope};

const WRITERS: usize = 50;

async fn viewer(t: &TestDb, login: &str) -> Viewer {
    let uid = accounts::user_id(&t.db, login).await.ok().flatten().expect("login");
    scope::load_viewer(&t.db, uid, Uuid::nil())
        .await
        .ok()
        .flatten()
        .expect("viewer")
}

async fn run(t: TestDb, seconds: u64) {
    let ids = demo::build(&t.db, "x").await.expect("demo");
    let deputy = viewer(&t, "deputy").await;
    let today = time::macros::date!(2026 - 11 - 26);
    let year = years::current(&t.db, ids.school_id).await.ok().flatten().expect("year");
    // One lesson per class of grades 2–11 (the deputy may write any), every pupil a cell.
    let mut targets: Vec<(Uuid, Uuid)> = Vec::new();
    for c in classes::list_visible(&t.db, &deputy, year.id, "")
        .await
        .expect("classes")
        .iter()
        .filter(|c| c.grade > 1)
    {
        let subjects = vsoko_store::structure::assignments::list(&t.db, ids.school_id, year.id, None, Some(c.id))
            .await
            .expect("load");
        let Some(a) = subjects.iter().find(|a| a.subgroup.is_empty()) else {
            continue;
        };
        let (v, input) = (
            deputy.clone(),
            LessonInput {
                class_id: c.id,
                subject_id: a.subject_id,
                subgroup: String::new(),
                date: today,
                topic: "Бенчмарк".into(),
                homework: String::new(),
                work_type: "oral".into(),
                reason: None,
            },
        );
        let lesson =
            t.db.write(move |tx| {
                Box::pin(async move { lessons::create(tx, &Actor::system("bench"), &v, &input, today).await })
            })
            .await
            .expect("lesson");
        for p in pupils::list_visible(&t.db, &deputy, "", Some(c.id))
            .await
            .expect("pupils")
        {
            targets.push((lesson, p.id));
        }
    }
    let targets = Arc::new(targets);
    let done = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let start = Instant::now();
    let mut handles = Vec::new();
    for w in 0..WRITERS {
        let (db, v, targets, done, errors, stop) = (
            t.db.clone(),
            deputy.clone(),
            targets.clone(),
            done.clone(),
            errors.clone(),
            stop.clone(),
        );
        handles.push(tokio::spawn(async move {
            let mut i = w;
            while !stop.load(Ordering::Relaxed) {
                let (lesson_id, pupil_id) = targets[i % targets.len()];
                // Alternate the mark so every save is a real change.
                let marks = ["5", "4", "3"][(i / targets.len()) % 3].to_string();
                let (v2, input) = (
                    v.clone(),
                    CellInput {
                        lesson_id,
                        pupil_id,
                        marks,
                        attendance: String::new(),
                        comment: String::new(),
                        expected_version: None,
                        reason: None,
                    },
                );
                match db
                    .write(move |tx| {
                        Box::pin(async move { cells::save(tx, &Actor::system("bench"), &v2, &input, today).await })
                    })
                    .await
                {
                    Ok(_) => done.fetch_add(1, Ordering::Relaxed),
                    Err(_) => errors.fetch_add(1, Ordering::Relaxed),
                };
                i += WRITERS;
            }
        }));
    }
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    for h in handles {
        let _ = h.await;
    }
    let secs = start.elapsed().as_secs_f64();
    let n = done.load(Ordering::Relaxed);
    println!(
        "| {} | {} | {:.0} | {} | {:.1} s |",
        t.backend,
        WRITERS,
        n as f64 / secs,
        errors.load(Ordering::Relaxed),
        secs
    );
    t.finish().await;
}

#[tokio::main]
async fn main() {
    let seconds = std::env::var("BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    println!("| backend | writers | durable marks/s | errors | duration |");
    println!("|---|---|---|---|---|");
    run(testing::sqlite().await, seconds).await;
    run(testing::postgres().await, seconds).await;
}
