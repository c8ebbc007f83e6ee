//! The assessment schedule's store contract on SQLite and PostgreSQL: field and reference
//! checks that write nothing, audit rows, scope (staff see all, a pupil their class, a
//! parent their children's classes), weekly hours from the load, and the validator's
//! findings over the stored year.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

use time::macros::date;
use uuid::Uuid;
use vsoko_domain::schedule::{EntryFields, Level, Rule};
use vsoko_store::people::pupils;
use vsoko_store::schedule::{self, EntryInput};
use vsoko_store::structure::{assignments, classes, years};
use vsoko_store::testing::{self, TestDb};
use vsoko_store::{Actor, StoreError, Viewer, accounts, audit, demo, scope};

async fn viewer(t: &TestDb, login: &str) -> Viewer {
    let uid = accounts::user_id(&t.db, login).await.unwrap().unwrap();
    scope::load_viewer(&t.db, uid, Uuid::nil()).await.unwrap().unwrap()
}

fn input(class: Uuid, subject: Uuid, d: time::Date, lesson: i64, name: &str) -> EntryInput {
    EntryInput {
        class_id: class,
        subject_id: subject,
        fields: EntryFields {
            date: d,
            lesson,
            lessons_in_day: 6,
            duration: 1,
            level: Level::School,
            name: name.into(),
        },
    }
}

async fn create(t: &TestDb, school: Uuid, year: Uuid, i: EntryInput) -> Result<Uuid, StoreError> {
    let a = Actor::system("test");
    t.db.write(move |tx| Box::pin(async move { schedule::create(tx, &a, school, year, &i).await }))
        .await
}

#[tokio::test]
async fn the_schedule_contract_holds_on_both_backends() {
    for t in testing::both().await {
        let ids = demo::build(&t.db, "x").await.unwrap();
        let school = ids.school_id;
        let deputy = viewer(&t, "deputy").await;
        let year = years::current(&t.db, school).await.unwrap().unwrap();
        let all = classes::list_visible(&t.db, &deputy, year.id, "").await.unwrap();
        let c7a = all.iter().find(|c| c.name == "7А").unwrap();
        let c7b = all.iter().find(|c| c.name == "7Б").unwrap();
        let load = assignments::list(&t.db, school, year.id, None, Some(c7a.id))
            .await
            .unwrap();
        let rus = load.iter().find(|a| a.subject_name == "Русский язык").unwrap();
        let music = load.iter().find(|a| a.subject_name == "Музыка").unwrap();

        // Weekly hours come from the load.
        let hours = schedule::weekly_hours(&t.db, school, year.id).await.unwrap();
        assert_eq!(hours.get(&(c7a.id, rus.subject_id)), Some(&rus.hours_x100));

        // Refusals write nothing.
        let bad_lesson = input(c7a.id, rus.subject_id, date!(2026 - 10 - 14), 7, "Диктант");
        assert!(matches!(
            create(&t, school, year.id, bad_lesson).await,
            Err(StoreError::Invalid { field: "lesson", .. })
        ));
        let outside = input(c7a.id, rus.subject_id, date!(2027 - 7 - 1), 3, "Диктант");
        assert!(matches!(
            create(&t, school, year.id, outside).await,
            Err(StoreError::Invalid { field: "date", .. })
        ));
        let stranger = input(Uuid::nil(), rus.subject_id, date!(2026 - 10 - 14), 3, "Диктант");
        assert!(matches!(
            create(&t, school, year.id, stranger).await,
            Err(StoreError::Invalid { field: "class_id", .. })
        ));
        assert!(schedule::all_of_year(&t.db, school, year.id).await.unwrap().is_empty());

        // Entries: two in 7А on one day, one on the first lesson, one in 7Б.
        let a = create(
            &t,
            school,
            year.id,
            input(c7a.id, rus.subject_id, date!(2026 - 10 - 14), 3, "Диктант"),
        )
        .await
        .unwrap();
        let b = create(
            &t,
            school,
            year.id,
            input(c7a.id, music.subject_id, date!(2026 - 10 - 14), 1, "Тест"),
        )
        .await
        .unwrap();
        let c = create(
            &t,
            school,
            year.id,
            input(c7b.id, rus.subject_id, date!(2026 - 10 - 20), 2, "Диктант"),
        )
        .await
        .unwrap();
        assert_eq!(audit::count_for(&t.db, a).await.unwrap(), 1);
        let found = schedule::findings(&t.db, school, year.id).await.unwrap();
        let rules: Vec<Rule> = found.iter().map(|f| f.rule).collect();
        // Music has 1 hour a week in 7А, so its first lesson is allowed.
        assert_eq!(rules, vec![Rule::OnePerDay], "{found:?}");
        assert_eq!(found[0].entries.len(), 2);
        assert!(found[0].entries.contains(&a) && found[0].entries.contains(&b));

        // Editing moves the second entry away; the finding goes; update and delete are audited.
        let a2 = Actor::system("test");
        let moved = input(c7a.id, music.subject_id, date!(2026 - 10 - 15), 1, "Тест");
        t.db.write(move |tx| Box::pin(async move { schedule::update(tx, &a2, school, b, &moved).await }))
            .await
            .unwrap();
        assert_eq!(schedule::findings(&t.db, school, year.id).await.unwrap(), vec![]);
        assert_eq!(audit::count_for(&t.db, b).await.unwrap(), 2);
        let a3 = Actor::system("test");
        t.db.write(move |tx| Box::pin(async move { schedule::delete(tx, &a3, school, c).await }))
            .await
            .unwrap();
        assert_eq!(audit::count_for(&t.db, c).await.unwrap(), 2);
        let a4 = Actor::system("test");
        assert!(matches!(
            t.db.write(move |tx| Box::pin(async move { schedule::delete(tx, &a4, school, c).await }))
                .await,
            Err(StoreError::NotFound)
        ));
        create(
            &t,
            school,
            year.id,
            input(c7b.id, rus.subject_id, date!(2026 - 10 - 21), 2, "Диктант"),
        )
        .await
        .unwrap();

        // Scope: staff see all three; the pupil of 7А sees 7А's two; the parent sees the
        // classes of both children; a teacher sees all, but only the deputy edits.
        let teacher = viewer(&t, "teacher").await;
        assert_eq!(
            schedule::list_visible(&t.db, &teacher, year.id, None)
                .await
                .unwrap()
                .len(),
            3
        );
        assert!(schedule::may_edit(&deputy) && !schedule::may_edit(&teacher));
        let pupil = viewer(&t, "pupil").await;
        let mine = schedule::list_visible(&t.db, &pupil, year.id, None).await.unwrap();
        assert_eq!(mine.len(), 2);
        assert!(mine.iter().all(|e| e.class_name == "7А"));
        assert!(schedule::get_visible(&t.db, &pupil, a).await.unwrap().is_some());
        let other = schedule::all_of_year(&t.db, school, year.id)
            .await
            .unwrap()
            .into_iter()
            .find(|e| e.class_name == "7Б")
            .unwrap();
        assert!(schedule::get_visible(&t.db, &pupil, other.id).await.unwrap().is_none());
        let parent = viewer(&t, "parent").await;
        let theirs = schedule::list_visible(&t.db, &parent, year.id, None).await.unwrap();
        let children: Vec<String> = pupils::list_visible(&t.db, &parent, "", None)
            .await
            .unwrap()
            .into_iter()
            .filter_map(|p| p.class_name)
            .collect();
        assert!(children.len() >= 2 && children.contains(&"7А".to_string()));
        let expected = schedule::all_of_year(&t.db, school, year.id)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| children.contains(&e.class_name))
            .count();
        assert_eq!(theirs.len(), expected);
        assert!(theirs.iter().all(|e| children.contains(&e.class_name)));
        let only_7b = schedule::list_visible(&t.db, &teacher, year.id, Some(c7b.id))
            .await
            .unwrap();
        assert_eq!(only_7b.len(), 1);
        t.finish().await;
    }
}

#[tokio::test]
async fn the_demo_schedule_loads_and_shows_its_one_deliberate_breach_on_both_backends() {
    for t in testing::both().await {
        let ids = demo::build(&t.db, "x").await.unwrap();
        let n = vsoko_store::demo_schedule::load(&t.db, ids.school_id).await.unwrap();
        let year = years::current(&t.db, ids.school_id).await.unwrap().unwrap();
        assert_eq!(
            schedule::all_of_year(&t.db, ids.school_id, year.id)
                .await
                .unwrap()
                .len(),
            n
        );
        let found = schedule::findings(&t.db, ids.school_id, year.id).await.unwrap();
        let rules: Vec<Rule> = found.iter().map(|f| f.rule).collect();
        assert_eq!(rules, vec![Rule::OnePerDay], "{found:#?}");
        assert_eq!(found[0].reason.get("class"), Some("8Б"));
        t.finish().await;
    }
}
