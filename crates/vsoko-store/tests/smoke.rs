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
