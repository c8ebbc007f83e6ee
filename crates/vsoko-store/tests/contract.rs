//! The store contract, run on SQLite and on PostgreSQL: durable group-committed writes,
//! audit rows, scope in queries, roster import semantics and schema parity.
#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

use std::collections::BTreeSet;
use time::macros::date;
use uuid::Uuid;
use vsoko_domain::roster::{Origin, PupilRow, Roster};
use vsoko_domain::structure::{ClassName, PeriodKind, default_periods};
use vsoko_store::people::{pupils, staff};
use vsoko_store::structure::{subjects, years};
use vsoko_store::testing::{self, TestDb};
use vsoko_store::{Actor, Db, StoreError, Viewer, accounts, audit, demo, org, roster, scope};

async fn new_school(db: &Db) -> Uuid {
    db.write(|tx| {
        Box::pin(async move {
            let a = Actor::system("test");
            let r = org::create_region(tx, &a, "Регион").await?;
            let m = org::create_municipality(tx, &a, r, "Округ").await?;
            let s = org::create_school(tx, &a, m, "Школа № 5", "Школа 5").await?;
            subjects::seed_catalogue(tx, &a, s).await?;
            years::create_year(
                tx,
                &a,
                s,
                2026,
                PeriodKind::Quarter,
                &default_periods(PeriodKind::Quarter, 2026),
                true,
            )
            .await?;
            Ok(s)
        })
    })
    .await
    .unwrap()
}

async fn viewer(t: &TestDb, login: &str) -> Viewer {
    let uid = accounts::user_id(&t.db, login).await.unwrap().unwrap();
    scope::load_viewer(&t.db, uid, Uuid::nil()).await.unwrap().unwrap()
}

#[tokio::test]
async fn concurrent_writes_are_all_acknowledged_and_a_failing_one_rolls_back_alone() {
    for t in testing::both().await {
        let school = new_school(&t.db).await;
        let before = subjects::list(&t.db, school, "").await.unwrap().len();
        let mut handles = Vec::new();
        for i in 0..200 {
            let db = t.db.clone();
            // Every tenth write reuses the code of the first: a unique violation.
            let code = if i % 10 == 9 { "x0".to_string() } else { format!("x{i}") };
            handles.push(tokio::spawn(async move {
                db.write(move |tx| {
                    Box::pin(async move {
                        let input = subjects::SubjectInput {
                            code: code.clone(),
                            name: format!("Предмет {code}"),
                            short_name: code,
                            area: String::new(),
                            is_active: true,
                        };
                        subjects::create(tx, &Actor::system("test"), school, &input).await
                    })
                })
                .await
            }));
        }
        let mut ok = 0;
        let mut conflicts = 0;
        for h in handles {
            match h.await.unwrap() {
                Ok(_) => ok += 1,
                Err(StoreError::Conflict { field, .. }) => {
                    assert_eq!(field, "name");
                    conflicts += 1
                }
                Err(e) => panic!("{}: unexpected {e}", t.backend),
            }
        }
        assert_eq!((ok, conflicts), (180, 20), "{}", t.backend);
        let after = subjects::list(&t.db, school, "").await.unwrap();
        assert_eq!(after.len(), before + 180, "{}", t.backend);
        for s in after.iter().filter(|s| s.code.starts_with('x')) {
            assert_eq!(
                audit::count_for(&t.db, s.id).await.unwrap(),
                1,
                "one audit row per created subject"
            );
        }
        t.finish().await;
    }
}

#[tokio::test]
async fn every_change_writes_an_audit_row_in_the_same_transaction() {
    for t in testing::both().await {
        let school = new_school(&t.db).await;
        let mut input = staff::StaffInput {
            code: "T1".into(),
            last_name: "Иванова".into(),
            first_name: "Анна".into(),
            post: "учитель".into(),
            ..Default::default()
        };
        let i2 = input.clone();
        let id =
            t.db.write(move |tx| Box::pin(async move { staff::create(tx, &Actor::system("test"), school, &i2).await }))
                .await
                .unwrap();
        assert_eq!(audit::count_for(&t.db, id).await.unwrap(), 1);
        input.post = "заместитель директора по УВР".into();
        t.db.write(move |tx| {
            Box::pin(async move { staff::update(tx, &Actor::system("test"), school, id, &input).await })
        })
        .await
        .unwrap();
        assert_eq!(audit::count_for(&t.db, id).await.unwrap(), 2);
        // A write that fails after its change leaves neither the change nor its audit row.
        let res: Result<(), StoreError> =
            t.db.write(move |tx| {
                Box::pin(async move {
                    let i = staff::StaffInput {
                        code: "T2".into(),
                        last_name: "Петров".into(),
                        first_name: "Пётр".into(),
                        post: "учитель".into(),
                        ..Default::default()
                    };
                    staff::create(tx, &Actor::system("test"), school, &i).await?;
                    Err(StoreError::Invalid {
                        field: "x",
                        message: "abort".into(),
                    })
                })
            })
            .await;
        assert!(res.is_err());
        assert!(
            staff::list(&t.db, school, "Петров").await.unwrap().is_empty(),
            "{}",
            t.backend
        );
        t.finish().await;
    }
}

#[tokio::test]
async fn queries_return_only_what_each_role_may_see() {
    for t in testing::both().await {
        let ids = demo::build(&t.db, "x").await.unwrap();
        let all = pupils::list_visible(&t.db, &viewer(&t, "deputy").await, "", None)
            .await
            .unwrap();
        assert_eq!(all.len(), 200, "deputy sees the first page of the whole school");

        let teacher = viewer(&t, "teacher").await;
        let year = years::current(&t.db, ids.school_id).await.unwrap().unwrap();
        let taught: BTreeSet<Uuid> = vsoko_store::structure::assignments::mine(&t.db, &teacher, year.id)
            .await
            .unwrap()
            .iter()
            .map(|a| a.class_id)
            .collect();
        let seen = pupils::list_visible(&t.db, &teacher, "", None).await.unwrap();
        assert!(!seen.is_empty());
        assert!(
            seen.iter().all(|p| p.class_id.is_some_and(|c| taught.contains(&c))),
            "{}",
            t.backend
        );

        let parent = viewer(&t, "parent").await;
        let kids = pupils::list_visible(&t.db, &parent, "", None).await.unwrap();
        assert_eq!(kids.len(), 2);
        let classes: BTreeSet<_> = kids.iter().map(|k| k.class_id).collect();
        assert_eq!(classes.len(), 2, "children in two classes");
        let stranger = all.iter().find(|p| !kids.iter().any(|k| k.id == p.id)).unwrap();
        assert!(
            pupils::get_visible(&t.db, &parent, stranger.id)
                .await
                .unwrap()
                .is_none()
        );

        let pupil = viewer(&t, "pupil").await;
        assert_eq!(pupils::list_visible(&t.db, &pupil, "", None).await.unwrap().len(), 1);
        assert!(
            vsoko_store::structure::classes::list_visible(&t.db, &pupil, year.id, "")
                .await
                .unwrap()
                .is_empty()
        );

        for agg in ["municipal", "regional"] {
            let v = viewer(&t, agg).await;
            assert!(pupils::list_visible(&t.db, &v, "", None).await.unwrap().is_empty());
            let schools = org::school_aggregates(&t.db, v.org_id.unwrap()).await.unwrap();
            assert_eq!(schools.len(), 3, "{agg}");
            assert!(schools.iter().all(|s| s.pupils > 0));
        }
        t.finish().await;
    }
}

fn pupil_row(code: &str, class: &str, row: usize) -> PupilRow {
    PupilRow {
        origin: Origin {
            sheet: "Обучающиеся".into(),
            row,
        },
        code: code.into(),
        last_name: "Смирнов".into(),
        first_name: "Иван".into(),
        middle_name: None,
        birth_date: date!(2015 - 03 - 14),
        sex: None,
        class: ClassName::parse(class).unwrap(),
    }
}

#[tokio::test]
async fn roster_dry_run_writes_nothing_reimport_changes_nothing_and_errors_roll_back() {
    for t in testing::both().await {
        let school = new_school(&t.db).await;
        let mut r = vsoko_domain::demo::generate().roster;
        r.pupils.truncate(120);
        let codes: BTreeSet<String> = r.pupils.iter().map(|p| p.code.clone()).collect();
        r.parents.retain(|p| codes.contains(&p.pupil_code));
        let today = date!(2026 - 11 - 26);
        let a = Actor::system("test");

        let dry = roster::apply(&t.db, &a, school, r.clone(), today, true).await.unwrap();
        assert!(!dry.applied && dry.errors.is_empty());
        assert_eq!(dry.pupils.created, 120);
        assert!(
            pupils::codes_in_db(&t.db, school).await.unwrap().is_empty(),
            "dry run wrote nothing ({})",
            t.backend
        );

        let real = roster::apply(&t.db, &a, school, r.clone(), today, false).await.unwrap();
        assert!(real.applied);
        assert_eq!(
            (real.pupils.created, real.staff.created),
            (dry.pupils.created, dry.staff.created)
        );
        assert_eq!(real.changes, dry.changes, "the preview is exactly what apply does");

        let again = roster::apply(&t.db, &a, school, r.clone(), today, false).await.unwrap();
        assert_eq!(again.total_changes(), 0, "{}: {:?}", t.backend, again.changes.first());

        // One bad row (unknown class) among good ones: nothing is written, the row is named.
        let bad = Roster {
            pupils: vec![pupil_row("NEW1", "5А", 2), pupil_row("NEW2", "9Я", 3)],
            ..Default::default()
        };
        let rep = roster::apply(&t.db, &a, school, bad, today, false).await.unwrap();
        assert!(!rep.applied);
        assert_eq!(rep.errors.len(), 1);
        assert_eq!((rep.errors[0].row, rep.errors[0].column.as_str()), (3, "Класс"));
        let codes = pupils::codes_in_db(&t.db, school).await.unwrap();
        assert!(!codes.contains(&"NEW1".to_string()), "the good row was rolled back too");

        // Moving a pupil by re-import records the class history.
        let mv = Roster {
            pupils: vec![pupil_row(&r.pupils[0].code, "5Б", 2)],
            ..Default::default()
        };
        let mut moved = mv.clone();
        moved.pupils[0].last_name = r.pupils[0].last_name.clone();
        moved.pupils[0].first_name = r.pupils[0].first_name.clone();
        moved.pupils[0].middle_name = r.pupils[0].middle_name.clone();
        moved.pupils[0].birth_date = r.pupils[0].birth_date;
        moved.pupils[0].sex = r.pupils[0].sex;
        if r.pupils[0].class.to_string() != "5Б" {
            let rep = roster::apply(&t.db, &a, school, moved, today, false).await.unwrap();
            assert_eq!(rep.pupils.updated, 1, "{:?}", rep.errors);
        }
        t.finish().await;
    }
}

#[tokio::test]
async fn both_backends_have_the_same_tables_and_columns() {
    let sqlite = testing::sqlite().await;
    let pg = testing::postgres().await;
    let s: BTreeSet<(String, String)> = vsoko_store::testing::schema(&sqlite.db).await;
    let p: BTreeSet<(String, String)> = vsoko_store::testing::schema(&pg.db).await;
    assert!(s.len() > 50);
    assert_eq!(s, p);
    sqlite.finish().await;
    pg.finish().await;
}

#[tokio::test]
async fn sessions_expire_and_can_be_revoked_one_or_all() {
    for t in testing::both().await {
        let uid =
            t.db.write(|tx| {
                Box::pin(async move {
                    accounts::create_user(tx, &Actor::system("test"), "anna", "Анна", "$argon2id$x", false).await
                })
            })
            .await
            .unwrap();
        let now = vsoko_store::now();
        for (hash, expires) in [
            ("live1", now + time::Duration::hours(1)),
            ("live2", now + time::Duration::hours(1)),
            ("old", now - time::Duration::seconds(1)),
        ] {
            t.db.write(move |tx| {
                Box::pin(async move { accounts::create_session(tx, uid, hash, expires, "", "").await })
            })
            .await
            .unwrap();
        }
        assert!(
            scope::session_viewer(&t.db, "old").await.unwrap().is_none(),
            "{}: expired",
            t.backend
        );
        let live = scope::session_viewer(&t.db, "live1").await.unwrap().unwrap();
        let (sid, who) = (live.session_id, live.user_id);
        assert_eq!(live.login, "anna");
        assert_eq!(who, uid);
        t.db.write(move |tx| Box::pin(async move { accounts::revoke_session(tx, sid).await }))
            .await
            .unwrap();
        assert!(scope::session_viewer(&t.db, "live1").await.unwrap().is_none());
        assert!(scope::session_viewer(&t.db, "live2").await.unwrap().is_some());
        t.db.write(move |tx| Box::pin(async move { accounts::revoke_all_sessions(tx, uid).await }))
            .await
            .unwrap();
        assert!(scope::session_viewer(&t.db, "live2").await.unwrap().is_none());
        t.finish().await;
    }
}

#[test]
fn stored_timestamps_sort_as_text_in_time_order() {
    // SQLite keeps RFC 3339 text; every `now()` has a nine-digit fraction.
    let fmt = &time::format_description::well_known::Rfc3339;
    let a = vsoko_store::now().format(fmt).unwrap();
    let b = (vsoko_store::now() + time::Duration::microseconds(1))
        .format(fmt)
        .unwrap();
    assert_eq!(a.len(), b.len(), "{a} {b}");
    assert!(a < b);
    let round = vsoko_store::now()
        .replace_nanosecond(200_000_001)
        .unwrap()
        .format(fmt)
        .unwrap();
    assert!(round.contains(".200000001"), "{round}");
}
