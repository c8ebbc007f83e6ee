//! The command line, run as a real process on real databases: demo build, backup, accounts,
//! roster import with dry run and located errors.

use std::io::Write;
use std::process::{Command, Output, Stdio};
use vsoko_store::testing;

/// Runs vsoko with Russian messages, as for a Russian user.
fn vsoko(db: &str, args: &[&str], stdin: Option<&str>) -> Output {
    vsoko_in("ru_RU.UTF-8", db, args, stdin)
}

/// Runs vsoko with `LANG` set to `lang`.
fn vsoko_in(lang: &str, db: &str, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vsoko"));
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .env("VSOKO_LOG", "warn")
        .env("LANG", lang);
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn vsoko");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("vsoko output")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[tokio::test]
async fn demo_backup_accounts_and_roster_import_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("demo.db").display());
    let o = vsoko(&db, &["demo", "--build-only"], None);
    assert!(o.status.success(), "{}", text(&o));

    // Backup: a consistent copy that opens and holds the same school.
    let copy = dir.path().join("copy.db");
    let o = vsoko(&db, &["backup", copy.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", text(&o));
    let restored = vsoko_store::Db::connect(&format!("sqlite://{}", copy.display()))
        .await
        .unwrap();
    // The demo school, the two others of its municipality and two of a second municipality.
    assert_eq!(vsoko_store::org::school_ids(&restored).await.unwrap().len(), 5);
    restored.close().await;

    let schools = vsoko_store::Db::connect(&db).await.unwrap();
    let ids = vsoko_store::org::school_ids(&schools).await.unwrap();
    let demo_school = {
        let mut found = None;
        for id in &ids {
            if vsoko_store::org::school(&schools, *id)
                .await
                .unwrap()
                .unwrap()
                .name
                .contains("№ 1")
            {
                found = Some(*id);
            }
        }
        found.unwrap().to_string()
    };
    schools.close().await;

    // Accounts: "demo" is allowed here (demo database); a weak password is not.
    let o = vsoko(
        &db,
        &[
            "user",
            "add",
            "zavuch2",
            "--name",
            "Вторая Завуч",
            "--role",
            "deputy",
            "--school",
            &demo_school,
            "--password-stdin",
        ],
        Some("short\n"),
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let o = vsoko(
        &db,
        &[
            "user",
            "add",
            "zavuch2",
            "--name",
            "Вторая Завуч",
            "--role",
            "deputy",
            "--school",
            &demo_school,
            "--password-stdin",
        ],
        Some("достаточно длинный\n"),
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = vsoko(&db, &["user", "reset-password", "zavuch2"], None);
    assert!(
        o.status.success() && text(&o).contains("temporary password"),
        "{}",
        text(&o)
    );
    let o = vsoko(&db, &["user", "add", "x", "--name", "X", "--role", "deputy"], None);
    assert_eq!(
        o.status.code(),
        Some(2),
        "several schools: --school is required: {}",
        text(&o)
    );

    // Roster import: dry run writes nothing; errors name row and column; apply; re-import is a no-op.
    let csv = dir.path().join("pupils.csv");
    std::fs::write(
        &csv,
        "Код обучающегося;Фамилия;Имя;Отчество;Дата рождения;Пол;Класс\nN1;Орлова;Вера;Ильинична;01.02.2015;Ж;5А\n",
    )
    .unwrap();
    let o = vsoko(
        &db,
        &[
            "import",
            "roster",
            csv.to_str().unwrap(),
            "--dry-run",
            "--school",
            &demo_school,
        ],
        None,
    );
    assert!(o.status.success() && text(&o).contains("dry run"), "{}", text(&o));
    let o = vsoko(
        &db,
        &["import", "roster", csv.to_str().unwrap(), "--school", &demo_school],
        None,
    );
    assert!(o.status.success() && text(&o).contains("pupils +1"), "{}", text(&o));
    let o = vsoko(
        &db,
        &["import", "roster", csv.to_str().unwrap(), "--school", &demo_school],
        None,
    );
    assert!(o.status.success() && text(&o).contains("pupils +0/~0"), "{}", text(&o));

    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "Код обучающегося;Фамилия;Имя;Отчество;Дата рождения;Пол;Класс\nN2;Орлов;Илья;;31.02.2015;М;5А\n",
    )
    .unwrap();
    let o = vsoko(
        &db,
        &["import", "roster", bad.to_str().unwrap(), "--school", &demo_school],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let out = text(&o);
    assert!(
        out.contains("bad.csv, строка 2, столбец «Дата рождения»: ожидалась дата ДД.ММ.ГГГГ, получено «31.02.2015»"),
        "{out}"
    );
    let args = ["import", "roster", bad.to_str().unwrap(), "--school", &demo_school];
    let o = vsoko_in("en_GB.UTF-8", &db, &args, None);
    let out = text(&o);
    assert!(
        out.contains("bad.csv, row 2, column \"Дата рождения\": expected a date DD.MM.YYYY, got \"31.02.2015\""),
        "{out}"
    );

    // A row the school cannot take (no class 7Ж) is named by the store, in the user's language.
    std::fs::write(
        &bad,
        "Код обучающегося;Фамилия;Имя;Отчество;Дата рождения;Пол;Класс\nN3;Орлов;Илья;;01.02.2015;М;7Ж\n",
    )
    .unwrap();
    let o = vsoko(&db, &args, None);
    assert_eq!(o.status.code(), Some(2));
    let out = text(&o);
    assert!(
        out.contains("bad.csv, строка 2, столбец «Класс»: класса «7Ж» нет ни в файле, ни в школе в"),
        "{out}"
    );
}

#[tokio::test]
async fn demo_builds_on_postgres_and_backup_points_to_pg_dump() {
    let t = testing::postgres().await;
    t.db.close().await;
    let o = vsoko(&t.url, &["demo", "--build-only"], None);
    assert!(o.status.success(), "{}", text(&o));
    let o = vsoko(&t.url, &["demo", "--build-only"], None);
    assert!(o.status.success(), "a second start reuses the demo: {}", text(&o));
    let o = vsoko(&t.url, &["backup", "/tmp/never-written.dump"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("pg_dump"));
    t.finish().await;
}

#[tokio::test]
async fn a_fresh_install_gets_a_school_and_its_admin_from_the_command_line() {
    for t in [testing::sqlite().await, testing::postgres().await] {
        t.db.close().await;
        let o = vsoko(
            &t.url,
            &[
                "school",
                "add",
                "--name",
                "МБОУ СОШ № 7",
                "--region",
                "Область",
                "--municipality",
                "Город",
                "--year",
                "2026",
            ],
            None,
        );
        assert!(o.status.success(), "{}", text(&o));
        let o = vsoko(
            &t.url,
            &[
                "school",
                "add",
                "--name",
                "МБОУ СОШ № 8",
                "--region",
                "Область",
                "--municipality",
                "Город",
                "--year",
                "2026",
                "--periods",
                "trimester",
            ],
            None,
        );
        assert!(o.status.success(), "{}", text(&o));
        let o = vsoko(&t.url, &["school", "list"], None);
        let listing = text(&o);
        assert_eq!(listing.lines().count(), 2, "{listing}");
        assert_eq!(listing.matches("Область").count(), 2, "one region reused: {listing}");
        let school = listing.lines().next().unwrap().split('\t').nth(4).unwrap().to_string();
        let o = vsoko(
            &t.url,
            &[
                "user",
                "add",
                "head",
                "--name",
                "Директор",
                "--role",
                "director",
                "--school",
                &school,
                "--password-stdin",
            ],
            Some("demo\n"),
        );
        assert_eq!(
            o.status.code(),
            Some(2),
            "demo password refused outside a demo database: {}",
            text(&o)
        );
        let o = vsoko(
            &t.url,
            &[
                "user",
                "add",
                "head",
                "--name",
                "Директор",
                "--role",
                "director",
                "--school",
                &school,
                "--password-stdin",
            ],
            Some("надёжный пароль\n"),
        );
        assert!(o.status.success(), "{}", text(&o));
        let o = vsoko(
            &t.url,
            &[
                "school",
                "add",
                "--name",
                "X",
                "--region",
                "Р",
                "--municipality",
                "М",
                "--year",
                "2026",
                "--periods",
                "weeks",
            ],
            None,
        );
        assert_eq!(o.status.code(), Some(2));
        t.finish().await;
    }
}

#[tokio::test]
async fn recompute_rebuilds_the_rollups_to_the_same_counters() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("demo.db").display());
    assert!(vsoko(&db, &["demo", "--build-only"], None).status.success());
    let handle = vsoko_store::Db::connect(&db).await.unwrap();
    let ids = vsoko_store::org::school_ids(&handle).await.unwrap();
    let mut before = Vec::new();
    for id in &ids {
        before.push(
            vsoko_store::journal::rollups::period_rollups(&handle, *id)
                .await
                .unwrap(),
        );
    }
    handle.close().await;
    let o = vsoko(&db, &["recompute"], None);
    assert!(o.status.success() && text(&o).contains("rebuilt"), "{}", text(&o));
    let handle = vsoko_store::Db::connect(&db).await.unwrap();
    for (id, b) in ids.iter().zip(before) {
        assert_eq!(
            vsoko_store::journal::rollups::period_rollups(&handle, *id)
                .await
                .unwrap(),
            b
        );
    }
}
