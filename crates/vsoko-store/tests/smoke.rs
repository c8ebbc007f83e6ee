//! The demo builds on both backends and every demo login resolves to its scope.

use vsoko_store::testing;
use vsoko_store::{accounts, demo, scope};

#[tokio::test]
async fn demo_builds_on_both_backends_and_logins_resolve() {
    for t in testing::both().await {
        let ids = demo::build(&t.db, "$argon2id$dummy").await.unwrap();
        for login in [
            "admin",
            "director",
            "deputy",
            "teacher",
            "classteacher",
            "pupil",
            "parent",
            "municipal",
            "regional",
        ] {
            let uid = accounts::user_id(&t.db, login)
                .await
                .unwrap()
                .unwrap_or_else(|| panic!("{login} on {}", t.backend));
            let v = scope::load_viewer(&t.db, uid, uid).await.unwrap().unwrap();
            assert!(!v.roles.is_empty(), "{login}");
        }
        assert_eq!(ids.other_school_ids.len(), 2);
        t.finish().await;
    }
}

#[tokio::test]
async fn the_demo_journal_loads_on_both_backends_with_rollups_equal_to_a_recompute() {
    for t in testing::both().await {
        let ids = demo::build(&t.db, "$argon2id$dummy").await.unwrap();
        let today = time::macros::date!(2026 - 11 - 26);
        let counts = vsoko_store::demo_journal::load(&t.db, ids.school_id, today)
            .await
            .unwrap();
        assert!(
            counts.lessons > 5000 && counts.cells > 50000 && counts.period_marks > 5000,
            "{counts:?}"
        );
        let school = ids.school_id;
        let before = vsoko_store::journal::rollups::period_rollups(&t.db, school)
            .await
            .unwrap();
        let marks_before = vsoko_store::journal::rollups::mark_rollups(&t.db, school)
            .await
            .unwrap();
        t.db.write(move |tx| Box::pin(async move { vsoko_store::journal::rollups::recompute(tx, school).await }))
            .await
            .unwrap();
        assert_eq!(
            before,
            vsoko_store::journal::rollups::period_rollups(&t.db, school)
                .await
                .unwrap()
        );
        assert_eq!(
            marks_before,
            vsoko_store::journal::rollups::mark_rollups(&t.db, school)
                .await
                .unwrap()
        );
        // The closed year before has first-quarter marks for the same pupils (one grade
        // lower), so "the same period last year" has something to compare with.
        let years = vsoko_store::structure::years::list(&t.db, school).await.unwrap();
        let prior = years.iter().find(|y| !y.is_current).unwrap();
        let q1 = vsoko_store::structure::years::periods(&t.db, school, prior.id)
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.kind == "quarter" && p.idx == 1)
            .unwrap();
        let uid = vsoko_store::accounts::user_id(&t.db, "deputy").await.unwrap().unwrap();
        let deputy = vsoko_store::scope::load_viewer(&t.db, uid, uuid::Uuid::nil())
            .await
            .unwrap()
            .unwrap();
        let last_year = vsoko_store::results::period_results(&t.db, &deputy, &q1).await.unwrap();
        assert!(
            last_year.iter().filter(|r| r.has_data()).count() > 100,
            "{}: {} class × subject rows with marks",
            t.backend,
            last_year.iter().filter(|r| r.has_data()).count()
        );
        t.finish().await;
    }
}
