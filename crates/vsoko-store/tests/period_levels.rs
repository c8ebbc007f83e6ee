//! Period kind per grade level on SQLite and PostgreSQL: the demo keeps quarters for grades
//! 1–9 and half-years for 10–11; each class's journal, lessons, term marks and locks use its
//! own kind's periods; a kind cannot change for grades that already have lessons.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

use time::macros::date;
use uuid::Uuid;
use vsoko_domain::structure::{PeriodKind, PeriodLevel};
use vsoko_store::journal::grid::{self, Span};
use vsoko_store::journal::lessons::{self, LessonInput};
use vsoko_store::journal::locks;
use vsoko_store::journal::period_marks::{self, PeriodMarkInput};
use vsoko_store::people::pupils;
use vsoko_store::structure::{assignments, classes, period_levels, years};
use vsoko_store::testing::{self, TestDb};
use vsoko_store::{Actor, StoreError, Viewer, accounts, demo, scope};

const TODAY: time::Date = date!(2026 - 11 - 26);

async fn viewer(t: &TestDb, login: &str) -> Viewer {
    let uid = accounts::user_id(&t.db, login).await.unwrap().unwrap();
    scope::load_viewer(&t.db, uid, Uuid::nil()).await.unwrap().unwrap()
}

async fn lesson(t: &TestDb, v: &Viewer, class_id: Uuid, subject_id: Uuid, d: time::Date) -> Result<Uuid, StoreError> {
    let (v, a) = (v.clone(), Actor::user(v.user_id, &v.login));
    let i = LessonInput {
        class_id,
        subject_id,
        subgroup: String::new(),
        date: d,
        topic: "Тема".into(),
        homework: String::new(),
        work_type: "classwork".into(),
        reason: None,
    };
    t.db.write(move |tx| Box::pin(async move { lessons::create(tx, &a, &v, &i, TODAY).await }))
        .await
}

async fn term_mark(t: &TestDb, v: &Viewer, i: PeriodMarkInput) -> Result<(), StoreError> {
    let (v, a) = (v.clone(), Actor::user(v.user_id, &v.login));
    t.db.write(move |tx| Box::pin(async move { period_marks::set(tx, &a, &v, &i, TODAY).await.map(|_| ()) }))
        .await
}

async fn set_levels(
    t: &TestDb,
    v: &Viewer,
    school: Uuid,
    year: Uuid,
    levels: Vec<PeriodLevel>,
) -> Result<(), StoreError> {
    let a = Actor::user(v.user_id, &v.login);
    t.db.write(move |tx| Box::pin(async move { period_levels::set_levels(tx, &a, school, year, &levels).await }))
        .await
}

#[tokio::test]
async fn each_grade_uses_its_own_period_kind_on_both_backends() {
    for t in testing::both().await {
        let ids = demo::build(&t.db, "x").await.unwrap();
        let school = ids.school_id;
        let deputy = viewer(&t, "deputy").await;
        let year = years::current(&t.db, school).await.unwrap().unwrap();
        let all = classes::list_visible(&t.db, &deputy, year.id, "").await.unwrap();
        let (c10, c5) = (
            all.iter().find(|c| c.grade == 10).unwrap(),
            all.iter().find(|c| c.grade == 5).unwrap(),
        );

        // The demo: half-years for 10–11, quarters for the rest.
        let kinds = |ps: &[years::Period]| ps.iter().map(|p| p.kind.clone()).collect::<Vec<_>>();
        let p10 = period_levels::class_periods(&t.db, school, c10.id).await.unwrap();
        let p5 = period_levels::class_periods(&t.db, school, c5.id).await.unwrap();
        assert_eq!(kinds(&p10), vec!["half_year"; 2], "{}", t.backend);
        assert_eq!(kinds(&p5), vec!["quarter"; 4], "{}", t.backend);

        // The journal page of each class offers its own periods; today is in half-year 1 / quarter 2.
        let db = &t.db;
        let subject_of = |class_id: Uuid| async move {
            assignments::list(db, school, year.id, None, Some(class_id))
                .await
                .unwrap()[0]
                .subject_id
        };
        let (s10, s5) = (subject_of(c10.id).await, subject_of(c5.id).await);
        let g10 = grid::load(&t.db, &deputy, c10.id, s10, "", Span::Current, TODAY)
            .await
            .unwrap()
            .unwrap();
        let g5 = grid::load(&t.db, &deputy, c5.id, s5, "", Span::Current, TODAY)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            g10.periods.iter().map(|p| p.kind.as_str()).collect::<Vec<_>>(),
            ["half_year"; 2]
        );
        assert_eq!(
            g5.periods.iter().map(|p| p.kind.as_str()).collect::<Vec<_>>(),
            ["quarter"; 4]
        );

        // Lessons fall into the class's own periods.
        let l10 = lesson(&t, &deputy, c10.id, s10, date!(2026 - 11 - 20)).await.unwrap();
        let l5 = lesson(&t, &deputy, c5.id, s5, date!(2026 - 11 - 20)).await.unwrap();
        let in_period = |class_id: Uuid, subject_id: Uuid, period_id: Uuid, lesson_id: Uuid| async move {
            lessons::list(db, school, class_id, subject_id, "", period_id)
                .await
                .unwrap()
                .iter()
                .any(|l| l.id == lesson_id)
        };
        assert!(in_period(c10.id, s10, p10[0].id, l10).await, "half-year 1");
        assert!(in_period(c5.id, s5, p5[1].id, l5).await, "quarter 2");
        // 30 October is in the quarters' holidays but inside half-year 1.
        assert!(lesson(&t, &deputy, c10.id, s10, date!(2026 - 10 - 30)).await.is_ok());
        assert!(matches!(
            lesson(&t, &deputy, c5.id, s5, date!(2026 - 10 - 30)).await,
            Err(StoreError::Invalid { field: "date", .. })
        ));

        // A term mark for a half-year; a quarter is not one of a grade-10 class's periods.
        let pupil10 = pupils::list_visible(&t.db, &deputy, "", Some(c10.id)).await.unwrap()[0].id;
        let mark = |period_id: Option<Uuid>| PeriodMarkInput {
            pupil_id: pupil10,
            subject_id: s10,
            class_id: c10.id,
            period_id,
            value: "5".into(),
            expected_version: None,
            reason: None,
        };
        term_mark(&t, &deputy, mark(Some(p10[0].id))).await.unwrap();
        assert!(matches!(
            term_mark(&t, &deputy, mark(Some(p5[0].id))).await,
            Err(StoreError::Invalid { field: "period_id", .. })
        ));

        // Locks per kind: half-year 1 locked early, quarter 2 still open.
        let a = Actor::user(deputy.user_id, &deputy.login);
        let h1 = p10[0].id;
        t.db.write(move |tx| Box::pin(async move { locks::set_mode(tx, &a, school, h1, "locked").await }))
            .await
            .unwrap();
        assert!(matches!(
            lesson(&t, &deputy, c10.id, s10, date!(2026 - 11 - 23)).await,
            Err(StoreError::Invalid { .. } | StoreError::Conflict { .. })
        ));
        lesson(&t, &deputy, c5.id, s5, date!(2026 - 11 - 23)).await.unwrap();

        // Grades with lessons keep their kind; grades 1–4 may still move to trimesters.
        let senior = PeriodLevel {
            from_grade: 10,
            to_grade: 11,
            kind: PeriodKind::HalfYear,
        };
        let quarters_again = set_levels(&t, &deputy, school, year.id, vec![]).await;
        assert!(matches!(
            quarters_again,
            Err(StoreError::Conflict {
                field: "period_levels",
                ..
            })
        ));
        let juniors = PeriodLevel {
            from_grade: 1,
            to_grade: 4,
            kind: PeriodKind::Trimester,
        };
        set_levels(&t, &deputy, school, year.id, vec![juniors, senior])
            .await
            .unwrap();
        let c1 = all.iter().find(|c| c.grade == 1).unwrap();
        let p1 = period_levels::class_periods(&t.db, school, c1.id).await.unwrap();
        assert_eq!(kinds(&p1), vec!["trimester"; 3]);
        assert_eq!(
            period_levels::levels(&t.db, school, year.id).await.unwrap(),
            vec![juniors, senior]
        );
        t.finish().await;
    }
}
