//! Kill -9 of the running server while teachers' marks pour in over HTTP: after a restart,
//! every mark the server acknowledged (HTTP 200) is in the database — SQLite and PostgreSQL.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

use std::collections::BTreeSet;
use std::process::{Command, Stdio};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use uuid::Uuid;
use vsoko_store::testing;
use vsoko_store::{Actor, Db};

/// One HTTP/1.1 request on a fresh connection; returns (status, headers + body).
async fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> std::io::Result<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).await?;
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).await?;
    let mut out = Vec::new();
    s.read_to_end(&mut out).await?;
    let text = String::from_utf8_lossy(&out).to_string();
    let status = text.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    Ok((status, text))
}

async fn targets(db: &Db) -> (Uuid, Vec<(Uuid, Uuid)>) {
    let uid = vsoko_store::accounts::user_id(db, "deputy").await.unwrap().unwrap();
    let deputy = vsoko_store::scope::load_viewer(db, uid, Uuid::nil())
        .await
        .unwrap()
        .unwrap();
    let school = deputy.school();
    let year = vsoko_store::structure::years::current(db, school)
        .await
        .unwrap()
        .unwrap();
    let today = time::macros::date!(2026 - 11 - 26);
    let mut out = Vec::new();
    for c in vsoko_store::structure::classes::list_visible(db, &deputy, year.id, "")
        .await
        .unwrap()
        .iter()
        .filter(|c| c.grade > 1)
    {
        let load = vsoko_store::structure::assignments::list(db, school, year.id, None, Some(c.id))
            .await
            .unwrap();
        let Some(a) = load.iter().find(|a| a.subgroup.is_empty()) else {
            continue;
        };
        let pupils = vsoko_store::people::pupils::list_visible(db, &deputy, "", Some(c.id))
            .await
            .unwrap();
        for day in [16u8, 17, 18] {
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
            let lesson = db
                .write(move |tx| {
                    Box::pin(async move {
                        vsoko_store::journal::lessons::create(tx, &Actor::system("t"), &v, &input, today).await
                    })
                })
                .await
                .unwrap();
            out.extend(pupils.iter().map(|p| (lesson, p.id)));
        }
    }
    (school, out)
}

#[tokio::test]
async fn marks_acknowledged_by_the_server_survive_kill_9() {
    for t in [testing::sqlite().await, testing::postgres().await] {
        let hash = vsoko_web::auth::password::hash_now("demo").unwrap();
        vsoko_store::demo::build(&t.db, &hash).await.unwrap();
        let (school, pairs) = targets(&t.db).await;
        t.db.close().await;

        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut server = Command::new(env!("CARGO_BIN_EXE_vsoko"))
            .args(["--db", &t.url, "serve", "--listen", &format!("127.0.0.1:{port}")])
            .env("VSOKO_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut up = false;
        for _ in 0..100 {
            if matches!(http(port, "GET", "/healthz", &[], "").await, Ok((200, _))) {
                up = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(up, "server did not start");
        let (status, head) = http(
            port,
            "POST",
            "/login",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            "login=deputy&password=demo",
        )
        .await
        .unwrap();
        assert_eq!(status, 303, "{head}");
        let cookie = head
            .lines()
            .find_map(|l| {
                l.strip_prefix("set-cookie: ")
                    .or_else(|| l.strip_prefix("Set-Cookie: "))
            })
            .and_then(|c| c.split(';').next())
            .unwrap()
            .to_string();

        let pairs = Arc::new(pairs);
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(Uuid, Uuid)>();
        let mut writers = Vec::new();
        for w in 0..50 {
            let (pairs, tx, cookie) = (pairs.clone(), tx.clone(), cookie.clone());
            writers.push(tokio::spawn(async move {
                for (lesson, pupil) in pairs.iter().skip(w).step_by(50).copied() {
                    let body = format!(r#"{{"lesson_id":"{lesson}","pupil_id":"{pupil}","marks":"4"}}"#);
                    match http(
                        port,
                        "POST",
                        "/api/v1/marks",
                        &[("Content-Type", "application/json"), ("Cookie", &cookie)],
                        &body,
                    )
                    .await
                    {
                        Ok((200, _)) => {
                            if tx.send((lesson, pupil)).is_err() {
                                return;
                            }
                        }
                        _ => return,
                    }
                }
            }));
        }
        drop(tx);
        let mut acked = BTreeSet::new();
        while let Some(pair) = rx.recv().await {
            acked.insert(pair);
            if acked.len() >= 1500 {
                break;
            }
        }
        server.kill().unwrap(); // SIGKILL
        server.wait().unwrap();
        while let Ok(pair) = rx.try_recv() {
            acked.insert(pair);
        }
        for w in writers {
            let _ = w.await;
        }
        assert!(
            acked.len() >= 1500,
            "{}: the server acknowledged only {}",
            t.backend,
            acked.len()
        );

        let db = Db::connect(&t.url).await.unwrap();
        let mut lost = 0;
        for (lesson, pupil) in &acked {
            let cell = vsoko_store::journal::cells::get(&db, school, *lesson, *pupil)
                .await
                .unwrap();
            if cell.is_none_or(|c| c.marks != "4") {
                lost += 1;
            }
        }
        assert_eq!(
            lost,
            0,
            "{}: {lost} of {} acknowledged marks lost",
            t.backend,
            acked.len()
        );
        db.close().await;
        t.finish().await;
    }
}
