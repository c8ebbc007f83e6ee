//! The journal's store contract on SQLite and PostgreSQL: who may write, what is refused,
//! last-write-wins with stale detection, history, period locks with reasons, term marks, and
//! rollups equal to a fresh recompute.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

use time::macros::date;
use uuid::Uuid;
use vsoko_store::journal::cells::{self, CellInput};
use vsoko_store::journal::lessons::{self, LessonInput};
use vsoko_store::journal::period_marks::{self, PeriodMarkInput};
use vsoko_store::journal::{history, locks, rollups};
use vsoko_store::people::pupils;
use vsoko_store::structure::{assignments, classes, years};
use vsoko_store::testing::{self, TestDb};
use vsoko_store::{Actor, StoreError, Viewer, accounts, demo, scope};

const TODAY: time::Date = date!(2026 - 11 - 26);

async fn viewer(t: &TestDb, login: &str) -> Viewer {
    let uid = accounts::user_id(&t.db, login).await.unwrap().unwrap();
    scope::load_viewer(&t.db, uid, Uuid::nil()).await.unwrap().unwrap()
}

async fn write<T: Send + 'static>(
    t: &TestDb,
    f: impl for<'c> FnOnce(&'c mut vsoko_store::Tx) -> futures::future::BoxFuture<'c, Result<T, StoreError>>
    + Send
    + 'static,
) -> Result<T, StoreError> {
    t.db.write(f).await
}

fn cell(lesson: Uuid, pupil: Uuid, marks: &str, att: &str, seen: Option<i64>, reason: Option<&str>) -> CellInput {
    CellInput {
        lesson_id: lesson,
        pupil_id: pupil,
        marks: marks.into(),
        attendance: att.into(),
        comment: String::new(),
        expected_version: seen,
        reason: reason.map(String::from),
    }
}

async fn save(t: &TestDb, v: &Viewer, input: CellInput) -> Result<cells::Saved, StoreError> {
    let (v, a) = (v.clone(), Actor::user(v.user_id, &v.login));
    write(t, move |tx| {
        Box::pin(async move { cells::save(tx, &a, &v, &input, TODAY).await })
    })
    .await
}

async fn lesson(
    t: &TestDb,
    v: &Viewer,
    class: Uuid,
    subject: Uuid,
    subgroup: &str,
    d: time::Date,
) -> Result<Uuid, StoreError> {
    lesson_why(t, v, class, subject, subgroup, d, None).await
}

async fn lesson_why(
    t: &TestDb,
    v: &Viewer,
    class: Uuid,
    subject: Uuid,
    subgroup: &str,
    d: time::Date,
    reason: Option<&str>,
) -> Result<Uuid, StoreError> {
    let (v, a) = (v.clone(), Actor::user(v.user_id, &v.login));
    let i = LessonInput {
        class_id: class,
        subject_id: subject,
        subgroup: subgroup.into(),
        date: d,
        topic: "Тема".into(),
        homework: "§ 1".into(),
        work_type: "test".into(),
        reason: reason.map(String::from),
    };
    write(t, move |tx| {
        Box::pin(async move { lessons::create(tx, &a, &v, &i, TODAY).await })
    })
    .await
}

#[tokio::test]
async fn the_journal_contract_holds_on_both_backends() {
    for t in testing::both().await {
        let ids = demo::build(&t.db, "x").await.unwrap();
        let teacher = viewer(&t, "teacher").await;
        let deputy = viewer(&t, "deputy").await;
        let year = years::current(&t.db, ids.school_id).await.unwrap().unwrap();
        let load = assignments::mine(&t.db, &teacher, year.id).await.unwrap();
        let a = load.iter().find(|a| a.class_name == "7А").unwrap().clone();
        let roster = pupils::list_visible(&t.db, &teacher, "", Some(a.class_id))
            .await
            .unwrap();
        let (p1, p2) = (roster[0].id, roster[1].id);

        // Lessons: inside a period; not in the holidays; not in a class the teacher does not teach.
        let l = lesson(&t, &teacher, a.class_id, a.subject_id, "", date!(2026 - 11 - 20))
            .await
            .unwrap();
        assert!(matches!(
            lesson(&t, &teacher, a.class_id, a.subject_id, "", date!(2026 - 10 - 30)).await,
            Err(StoreError::Invalid { field: "date", .. })
        ));
        let all = classes::list_visible(&t.db, &deputy, year.id, "").await.unwrap();
        let first = all.iter().find(|c| c.grade == 1).unwrap();
        assert!(matches!(
            lesson(&t, &teacher, first.id, a.subject_id, "", date!(2026 - 11 - 20)).await,
            Err(StoreError::NotFound)
        ));

        // A cell: marks, rollups, refusals that write nothing.
        let s = save(&t, &teacher, cell(l, p1, "54", "", Some(0), None)).await.unwrap();
        assert_eq!((s.cell.marks.as_str(), s.cell.version, s.changed), ("5 4", 1, true));
        for (marks, att, field) in [("6", "", "marks"), ("5", "Н", "marks"), ("", "X", "attendance")] {
            let r = save(&t, &teacher, cell(l, p2, marks, att, None, None)).await;
            assert!(
                matches!(r, Err(StoreError::Invalid { field: f, .. }) if f == field),
                "{marks}/{att}: {r:?}"
            );
        }
        let outsider = pupils::list_visible(&t.db, &deputy, "", Some(first.id)).await.unwrap()[0].id;
        assert!(matches!(
            save(&t, &teacher, cell(l, outsider, "5", "", None, None)).await,
            Err(StoreError::Invalid { field: "pupil_id", .. })
        ));
        assert!(
            cells::get(&t.db, ids.school_id, l, p2).await.unwrap().is_none(),
            "refused saves wrote nothing"
        );
        let pupil = viewer(&t, "pupil").await;
        assert!(matches!(
            save(&t, &pupil, cell(l, p2, "5", "", None, None)).await,
            Err(StoreError::NotFound)
        ));

        // Last write wins; a stale page learns what it overwrote; both are in the history.
        let by_deputy = save(&t, &deputy, cell(l, p1, "3", "", Some(1), None)).await.unwrap();
        assert!(by_deputy.overwritten.is_none());
        let stale = save(&t, &teacher, cell(l, p1, "4", "", Some(1), None)).await.unwrap();
        assert_eq!(stale.overwritten.as_ref().map(|o| o.marks.as_str()), Some("3"));
        assert_eq!(stale.cell.version, 3);
        let h = history::of_cell(&t.db, &teacher, l, p1).await.unwrap().unwrap();
        assert_eq!(h.len(), 3);
        assert!(history::of_cell(&t.db, &pupil, l, p1).await.unwrap().is_none());
        save(&t, &teacher, cell(l, p2, "", "Б", None, None)).await.unwrap();

        // Grade 1 has no marks.
        let g1 = assignments::list(&t.db, ids.school_id, year.id, None, Some(first.id))
            .await
            .unwrap()[0]
            .clone();
        let l1 = lesson(
            &t,
            &deputy,
            g1.class_id,
            g1.subject_id,
            &g1.subgroup,
            date!(2026 - 11 - 20),
        )
        .await
        .unwrap();
        let g1_pupil = pupils::list_visible(&t.db, &deputy, "", Some(first.id)).await.unwrap()[0].id;
        assert!(matches!(
            save(&t, &deputy, cell(l1, g1_pupil, "5", "", None, None)).await,
            Err(StoreError::Invalid { field: "marks", .. })
        ));
        save(&t, &deputy, cell(l1, g1_pupil, "", "Н", None, None))
            .await
            .unwrap();

        // Quarter 1 has ended: locked; reopened by the deputy, a change needs a reason.
        let q1 = years::periods(&t.db, ids.school_id, year.id).await.unwrap()[0].id;
        assert!(matches!(
            lesson(&t, &teacher, a.class_id, a.subject_id, "", date!(2026 - 10 - 1)).await,
            Err(StoreError::Invalid { field: "period", .. })
        ));
        let dep = deputy.clone();
        write(&t, move |tx| {
            Box::pin(async move {
                locks::set_mode(tx, &Actor::user(dep.user_id, &dep.login), dep.school(), q1, "open").await
            })
        })
        .await
        .unwrap();
        assert!(matches!(
            lesson(&t, &teacher, a.class_id, a.subject_id, "", date!(2026 - 10 - 1)).await,
            Err(StoreError::Invalid { field: "reason", .. })
        ));
        let old = lesson_why(
            &t,
            &teacher,
            a.class_id,
            a.subject_id,
            "",
            date!(2026 - 10 - 1),
            Some("пропущенный урок"),
        )
        .await
        .unwrap();
        assert!(matches!(
            save(&t, &teacher, cell(old, p1, "5", "", None, None)).await,
            Err(StoreError::Invalid { field: "reason", .. })
        ));
        save(&t, &teacher, cell(old, p1, "5", "", None, Some("исправление ошибки")))
            .await
            .unwrap();
        let h = history::of_cell(&t.db, &teacher, old, p1).await.unwrap().unwrap();
        assert_eq!(h[0].reason.as_deref(), Some("исправление ошибки"));

        // Term marks: set, changed to н/а, counted; a bad value is refused.
        let q2 = years::periods(&t.db, ids.school_id, year.id).await.unwrap()[1].id;
        for value in ["5", "н/а"] {
            let (tv, i) = (
                teacher.clone(),
                PeriodMarkInput {
                    pupil_id: p1,
                    subject_id: a.subject_id,
                    class_id: a.class_id,
                    period_id: Some(q2),
                    value: value.into(),
                    expected_version: None,
                    reason: None,
                },
            );
            write(&t, move |tx| {
                Box::pin(
                    async move { period_marks::set(tx, &Actor::user(tv.user_id, &tv.login), &tv, &i, TODAY).await },
                )
            })
            .await
            .unwrap();
        }
        let (tv, bad) = (
            teacher.clone(),
            PeriodMarkInput {
                pupil_id: p2,
                subject_id: a.subject_id,
                class_id: a.class_id,
                period_id: Some(q2),
                value: "7".into(),
                expected_version: None,
                reason: None,
            },
        );
        assert!(
            write(&t, move |tx| Box::pin(async move {
                period_marks::set(tx, &Actor::user(tv.user_id, &tv.login), &tv, &bad, TODAY).await
            }))
            .await
            .is_err()
        );
        let terms = period_marks::of_class(&t.db, ids.school_id, a.class_id, a.subject_id, q2)
            .await
            .unwrap();
        assert_eq!(terms.len(), 1);
        assert_eq!(terms[0].value, "na");

        // Rollups kept in the writes equal a fresh recompute.
        let before = (
            rollups::mark_rollups(&t.db, ids.school_id).await.unwrap(),
            rollups::period_rollups(&t.db, ids.school_id).await.unwrap(),
        );
        let pr = &before.1[0];
        assert_eq!((pr.n5, pr.na), (0, 1));
        let school = ids.school_id;
        write(&t, move |tx| {
            Box::pin(async move { rollups::recompute(tx, school).await })
        })
        .await
        .unwrap();
        let after = (
            rollups::mark_rollups(&t.db, ids.school_id).await.unwrap(),
            rollups::period_rollups(&t.db, ids.school_id).await.unwrap(),
        );
        assert_eq!(before, after, "{}", t.backend);
        t.finish().await;
    }
}
