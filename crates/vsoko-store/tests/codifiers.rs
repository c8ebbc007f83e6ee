//! Codifiers kept per school, on SQLite and PostgreSQL: a codifier file (content elements,
//! requirements, the plan of the work) is stored whole and read back; a new version replaces
//! it (audited) and at once gives the tasks of the school's works of that kind, year, subject
//! and grade their items; works created later get them too; a bad file writes nothing.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

use time::macros::date;
use uuid::Uuid;
use vsoko_domain::assessment::reference::{parse_band_lines, parse_codifier, parse_task_lines};
use vsoko_store::assessment::codifiers;
use vsoko_store::assessment::manual::{self, MarkSource, NewWork};
use vsoko_store::structure::{assignments, subjects, years};
use vsoko_store::{Actor, Db, StoreError, Viewer, accounts, demo, scope, testing};

async fn viewer(db: &Db, login: &str) -> Viewer {
    let uid = accounts::user_id(db, login).await.unwrap().unwrap();
    scope::load_viewer(db, uid, Uuid::nil()).await.unwrap().unwrap()
}

async fn audit_rows(db: &Db, entity: &str) -> i64 {
    let sql = "SELECT CAST(count(*) AS BIGINT) FROM audit_log WHERE entity = $1";
    match db {
        Db::Sqlite { read, .. } => sqlx::query_scalar(sql).bind(entity).fetch_one(read).await.unwrap(),
        Db::Pg(pool) => sqlx::query_scalar(sql).bind(entity).fetch_one(pool).await.unwrap(),
    }
}

/// A codifier for school control works in mathematics, grade 7, 2026 (a school's own: the
/// structure of a ФИПИ codifier, its texts written for the test).
fn codifier(subject: &str, text_of_1_1: &str, plan: &str) -> String {
    format!(
        "# Кодификатор школьных контрольных работ по математике, 7 класс\n\
         # source: методическое объединение учителей математики, протокол № 1\n\
         # link: https://school.example/mo/math-7\n\
         # kind: school\n# year: 2026\n# subject: {subject}\n# grade: 7\n\
         # columns: code;kind;parent;text\n\
         1;элемент;;Числа и вычисления\n\
         1.1;элемент;1;{text_of_1_1}\n\
         1.2;элемент;1;Десятичные дроби\n\
         2;элемент;;Алгебраические выражения\n\
         1;требование;;Уметь выполнять вычисления\n\
         1.1;требование;1;Выполнять действия с дробями\n\
         {plan}"
    )
}

/// The task skills of a work as (task, [(code, section, text)]).
async fn skills(db: &Db, v: &Viewer, id: Uuid) -> Vec<(String, Vec<(String, String, String)>)> {
    manual::work(db, v, id)
        .await
        .unwrap()
        .unwrap()
        .tasks
        .into_iter()
        .map(|t| {
            (
                t.code,
                t.skills.into_iter().map(|s| (s.code, s.section, s.text)).collect(),
            )
        })
        .collect()
}

fn s(code: &str, section: &str, text: &str) -> (String, String, String) {
    (code.into(), section.into(), text.into())
}

#[tokio::test]
async fn a_codifier_gives_the_works_tasks_their_items_and_a_new_version_replaces_it() {
    for t in testing::both().await {
        let school = demo::build(&t.db, "x").await.unwrap().school_id;
        let (deputy, teacher) = (viewer(&t.db, "deputy").await, viewer(&t.db, "teacher").await);
        let actor = Actor::user(deputy.user_id, &deputy.login);
        let year = years::current(&t.db, school).await.unwrap().unwrap();
        let load = assignments::mine(&t.db, &teacher, year.id).await.unwrap();
        let a = load.iter().find(|x| x.class_name == "7А").unwrap();
        let subject = subjects::get(&t.db, school, a.subject_id).await.unwrap().unwrap().code;
        let work = |title: &str, held_on| NewWork {
            title: title.into(),
            subject_id: a.subject_id,
            held_on,
            class_ids: vec![a.class_id],
            // Task 1 names a content element by its task-table code, task 2 two items
            // (the requirement needs its prefix: both lists have 1.1), task 3 only a text.
            tasks: parse_task_lines("tasks", "1;2;Б;;;Э:1.1\n2;1;П;;;1.2 Т:1.1\n3;3;В;;Уравнения").unwrap(),
            marks: MarkSource::Bands(parse_band_lines("bands", "2;0;2\n3;3;4\n4;5;5\n5;6;6", 6).unwrap()),
        };
        let create = |w: NewWork| {
            let (v, actor) = (teacher.clone(), Actor::user(teacher.user_id, &teacher.login));
            let db = t.db.clone();
            async move {
                db.write(move |tx| Box::pin(async move { manual::create(tx, &actor, &v, &w).await }))
                    .await
                    .unwrap()
            }
        };
        let first = create(work("Контрольная работа № 1", date!(2026 - 10 - 20))).await;
        // No codifier yet: codes without texts.
        assert_eq!(
            skills(&t.db, &teacher, first).await[1].1,
            [s("1.2", "", ""), s("Т:1.1", "", "")]
        );

        // A bad file: the line and what was expected, nothing written.
        let bad = codifier(&subject, "Обыкновенные дроби", "3;задание;;1.1\n");
        let e = parse_codifier("c.csv", &bad).unwrap_err();
        assert_eq!((e.line, e.msg.key), (15, "codifier-error-ambiguous-reference"), "{e}");
        assert!(matches!(
            codifiers::upload(&t.db, &actor, school, "c.csv", &bad).await,
            Err(StoreError::Invalid { field: "codifier", .. })
        ));
        assert!(codifiers::list(&t.db, school).await.unwrap().is_empty());

        // Stored whole; the work imported before gets the texts at once.
        let text = codifier(&subject, "Обыкновенные дроби", "");
        let id = codifiers::upload(&t.db, &actor, school, "c.csv", &text).await.unwrap();
        let stored = codifiers::get(&t.db, school, id).await.unwrap().unwrap();
        assert_eq!(stored.to_ref().unwrap(), parse_codifier("c.csv", &text).unwrap());
        assert!(!stored.is_reference());
        assert_eq!(
            skills(&t.db, &teacher, first).await,
            [
                (
                    "1".into(),
                    vec![s("Э:1.1", "1 Числа и вычисления", "Обыкновенные дроби")]
                ),
                (
                    "2".into(),
                    vec![
                        s("1.2", "1 Числа и вычисления", "Десятичные дроби"),
                        s("Т:1.1", "1 Уметь выполнять вычисления", "Выполнять действия с дробями")
                    ]
                ),
                ("3".into(), vec![s("", "", "Уравнения")]),
            ]
        );

        // A new version with a plan: replaces the items and the tasks' skills (the plan's
        // items override the task table), audited as an update.
        let v2 = codifier(&subject, "Обыкновенные дроби и действия с ними", "3;задание;;2 Т:1\n");
        let id2 = codifiers::upload(&t.db, &actor, school, "c.csv", &v2).await.unwrap();
        assert_eq!(id2, id);
        let all = codifiers::list(&t.db, school).await.unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].codifier.items[1].text, "Обыкновенные дроби и действия с ними");
        assert_eq!(all[0].codifier.plan.len(), 1);
        let got = skills(&t.db, &teacher, first).await;
        assert_eq!(
            got[0].1,
            [s(
                "Э:1.1",
                "1 Числа и вычисления",
                "Обыкновенные дроби и действия с ними"
            )]
        );
        assert_eq!(
            got[2].1,
            [
                s("2", "", "Алгебраические выражения"),
                s("Т:1", "", "Уметь выполнять вычисления")
            ]
        );
        assert_eq!(audit_rows(&t.db, "assessment_codifier").await, 2);

        // A work created later gets its items from the codifier when it is created.
        let second = create(work("Контрольная работа № 2", date!(2026 - 11 - 24))).await;
        assert_eq!(skills(&t.db, &teacher, second).await, got);
    }
}
