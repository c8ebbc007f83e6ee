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

const MARKS_ENV: &str = "VSOKO_KILL_TEST_MARKS";
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

/// The marks-writing child; run only by the parent test below.
#[tokio::test]
#[ignore = "child process of acknowledged_marks_survive_sigkill"]
async fn kill_child_marks() {
    let (Ok(url), Ok(_)) = (std::env::var(URL_ENV), std::env::var(MARKS_ENV)) else {
        return;
    };
    let db = Db::connect(&url).await.unwrap();
    let uid = vsoko_store::accounts::user_id(&db, "deputy").await.unwrap().unwrap();
    let deputy = vsoko_store::scope::load_viewer(&db, uid, Uuid::nil())
        .await
        .unwrap()
        .unwrap();
    let school = deputy.school();
    let targets: Vec<(Uuid, Uuid)> = sqlx_targets(&db, school).await;
    let targets = std::sync::Arc::new(targets);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(Uuid, Uuid)>();
    for w in 0..50 {
        let (db, v, targets, tx) = (db.clone(), deputy.clone(), targets.clone(), tx.clone());
        tokio::spawn(async move {
            for (lesson_id, pupil_id) in targets.iter().skip(w).step_by(50).copied() {
                let (v2, input) = (
                    v.clone(),
                    vsoko_store::journal::cells::CellInput {
                        lesson_id,
                        pupil_id,
                        marks: "5".into(),
                        attendance: String::new(),
                        comment: String::new(),
                        expected_version: None,
                        reason: None,
                    },
                );
                let today = time::macros::date!(2026 - 11 - 26);
                let res = db
                    .write(move |t| {
                        Box::pin(async move {
                            vsoko_store::journal::cells::save(t, &Actor::system("kill"), &v2, &input, today).await
                        })
                    })
                    .await;
                if res.is_ok() && tx.send((lesson_id, pupil_id)).is_err() {
                    return;
                }
            }
        });
    }
    drop(tx);
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    while let Some((l, p)) = rx.recv().await {
        writeln!(out, "ACK {l} {p}").unwrap();
        out.flush().unwrap();
    }
}

/// Every (lesson, pupil) pair of the lessons the parent created.
async fn sqlx_targets(db: &Db, school: Uuid) -> Vec<(Uuid, Uuid)> {
    let uid = vsoko_store::accounts::user_id(db, "deputy").await.unwrap().unwrap();
    let deputy = vsoko_store::scope::load_viewer(db, uid, Uuid::nil())
        .await
        .unwrap()
        .unwrap();
    let year = vsoko_store::structure::years::current(db, school)
        .await
        .unwrap()
        .unwrap();
    let mut out = Vec::new();
    for c in vsoko_store::structure::classes::list_visible(db, &deputy, year.id, "")
        .await
        .unwrap()
        .iter()
        .filter(|c| c.grade > 1)
    {
        let pupils = vsoko_store::people::pupils::list_visible(db, &deputy, "", Some(c.id))
            .await
            .unwrap();
        let load = vsoko_store::structure::assignments::list(db, school, year.id, None, Some(c.id))
            .await
            .unwrap();
        let Some(a) = load.iter().find(|a| a.subgroup.is_empty()) else {
            continue;
        };
        let q2 = vsoko_store::structure::years::periods(db, school, year.id)
            .await
            .unwrap()[1]
            .id;
        for l in vsoko_store::journal::lessons::list(db, school, c.id, a.subject_id, "", q2)
            .await
            .unwrap()
        {
            out.extend(pupils.iter().map(|p| (l.id, p.id)));
        }
    }
    out
}

#[tokio::test]
async fn acknowledged_marks_survive_sigkill() {
    for t in testing::both().await {
        let ids = vsoko_store::demo::build(&t.db, "x").await.unwrap();
        let uid = vsoko_store::accounts::user_id(&t.db, "deputy").await.unwrap().unwrap();
        let deputy = vsoko_store::scope::load_viewer(&t.db, uid, Uuid::nil())
            .await
            .unwrap()
            .unwrap();
        let year = vsoko_store::structure::years::current(&t.db, ids.school_id)
            .await
            .unwrap()
            .unwrap();
        for c in vsoko_store::structure::classes::list_visible(&t.db, &deputy, year.id, "")
            .await
            .unwrap()
            .iter()
            .filter(|c| c.grade > 1)
        {
            let load = vsoko_store::structure::assignments::list(&t.db, ids.school_id, year.id, None, Some(c.id))
                .await
                .unwrap();
            let Some(a) = load.iter().find(|a| a.subgroup.is_empty()) else {
                continue;
            };
            for day in [16u8, 17, 18, 19, 20] {
                let (v, input) = (
                    deputy.clone(),
                    vsoko_store::journal::lessons::LessonInput {
                        class_id: c.id,
                        subject_id: a.subject_id,
                        subgroup: String::new(),
                        date: time::Date::from_calendar_date(2026, time::Month::November, day).unwrap(),
                        topic: String::new(),
                        homework: String::new(),
                        work_type: "oral".into(),
                        reason: None,
                    },
                );
                let today = time::macros::date!(2026 - 11 - 26);
                t.db.write(move |tx| {
                    Box::pin(async move {
                        vsoko_store::journal::lessons::create(tx, &Actor::system("t"), &v, &input, today).await
                    })
                })
                .await
                .unwrap();
            }
        }
        t.db.close().await;
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "kill_child_marks",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(URL_ENV, &t.url)
            .env(MARKS_ENV, "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut acked = BTreeSet::new();
        for line in BufReader::new(child.stdout.take().unwrap()).lines() {
            let line = line.unwrap();
            if let Some(rest) = line.strip_prefix("ACK ") {
                acked.insert(rest.to_string());
            }
            if acked.len() >= 2000 {
                break;
            }
        }
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(
            acked.len() >= 2000,
            "{}: only {} marks acknowledged",
            t.backend,
            acked.len()
        );
        let db = Db::connect(&t.url).await.unwrap();
        let mut lost = Vec::new();
        for pair in &acked {
            let mut it = pair.split(' ').map(|s| s.parse::<Uuid>().unwrap());
            let (l, p) = (it.next().unwrap(), it.next().unwrap());
            let cell = vsoko_store::journal::cells::get(&db, ids.school_id, l, p)
                .await
                .unwrap();
            if cell.is_none_or(|c| c.marks != "5") {
                lost.push(pair.clone());
            }
        }
        assert!(
            lost.is_empty(),
            "{}: {} acknowledged marks lost, e.g. {:?}",
            t.backend,
            lost.len(),
            lost.first()
        );
        db.close().await;
        t.finish().await;
    }
}
