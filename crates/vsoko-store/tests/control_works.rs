//! School control works entered by hand, on SQLite and PostgreSQL: a teacher creates a work
//! for a class they teach, enters scores cell by cell and gets the primary score and the
//! mark from the work's table; refusals (another teacher's class, a score above the maximum,
//! a pupil outside the work's classes, a table that does not fit) write nothing; every
//! write is audited; the work is an ordinary procedure for the results pages.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

use time::macros::date;
use uuid::Uuid;
use vsoko_domain::assessment::reference::{parse_band_lines, parse_task_lines};
use vsoko_store::assessment::manual::{self, Entry, MarkSource, NewWork, Saved, ScoreInput};
use vsoko_store::assessment::{conversions, read};
use vsoko_store::people::pupils;
use vsoko_store::structure::{assignments, classes, subjects, years};
use vsoko_store::{Actor, Db, StoreError, Viewer, accounts, demo, scope, testing};

async fn viewer(db: &Db, login: &str) -> Viewer {
    let uid = accounts::user_id(db, login).await.unwrap().unwrap();
    scope::load_viewer(db, uid, Uuid::nil()).await.unwrap().unwrap()
}

async fn create(db: &Db, v: &Viewer, w: &NewWork) -> Result<Uuid, StoreError> {
    let (v, w, actor) = (v.clone(), w.clone(), Actor::user(v.user_id, &v.login));
    db.write(move |tx| Box::pin(async move { manual::create(tx, &actor, &v, &w).await }))
        .await
}

async fn save(db: &Db, v: &Viewer, input: ScoreInput) -> Result<Saved, StoreError> {
    let (v, actor) = (v.clone(), Actor::user(v.user_id, &v.login));
    db.write(move |tx| Box::pin(async move { manual::save(tx, &actor, &v, &input).await }))
        .await
}

fn invalid_field(r: Result<impl std::fmt::Debug, StoreError>) -> (&'static str, String) {
    match r {
        Err(StoreError::Invalid { field, message }) => (field, message),
        other => panic!("expected Invalid, got {other:?}"),
    }
}

async fn audit_rows(db: &Db, entity: &str) -> i64 {
    let sql = "SELECT CAST(count(*) AS BIGINT) FROM audit_log WHERE entity = $1";
    match db {
        Db::Sqlite { read, .. } => sqlx::query_scalar(sql).bind(entity).fetch_one(read).await.unwrap(),
        Db::Pg(pool) => sqlx::query_scalar(sql).bind(entity).fetch_one(pool).await.unwrap(),
    }
}

#[tokio::test]
async fn a_teacher_enters_a_control_work_and_marks_come_from_its_table() {
    for t in testing::both().await {
        let school = demo::build(&t.db, "x").await.unwrap().school_id;
        let (deputy, teacher, pupil) = (
            viewer(&t.db, "deputy").await,
            viewer(&t.db, "teacher").await,
            viewer(&t.db, "pupil").await,
        );
        let year = years::current(&t.db, school).await.unwrap().unwrap();
        let load = assignments::mine(&t.db, &teacher, year.id).await.unwrap();
        let a = load.iter().find(|x| x.class_name == "7А").unwrap();
        let (class_a, math) = (a.class_id, a.subject_id);
        let all = classes::list_visible(&t.db, &deputy, year.id, "").await.unwrap();
        let not_mine = all
            .iter()
            .find(|c| c.name.starts_with('7') && !load.iter().any(|x| x.class_id == c.id && x.subject_id == math))
            .unwrap();
        let four = all.iter().find(|c| c.name.starts_with('4')).unwrap();
        let in_a = pupils::list_visible(&t.db, &deputy, "", Some(class_a)).await.unwrap();
        let in_other = pupils::list_visible(&t.db, &deputy, "", Some(not_mine.id))
            .await
            .unwrap();
        let (p1, p2) = (in_a[0].id, in_a[1].id);

        let tasks = parse_task_lines("tasks", "1;2;Б;;Дроби\n2;1;П\n3;3;В").unwrap();
        let bands = parse_band_lines("bands", "2;0;2\n3;3;4\n4;5;5\n5;6;6", 6).unwrap();
        let work = NewWork {
            title: "Контрольная работа по теме «Дроби»".into(),
            subject_id: math,
            held_on: date!(2026 - 11 - 20),
            class_ids: vec![class_a],
            tasks: tasks.clone(),
            marks: MarkSource::Bands(bands.clone()),
        };

        // Refusals write nothing.
        let mut other_class = work.clone();
        other_class.class_ids = vec![class_a, not_mine.id];
        assert_eq!(
            invalid_field(create(&t.db, &teacher, &other_class).await),
            ("classes", "control-work-error-class".into())
        );
        let mut grades = work.clone();
        grades.class_ids = vec![class_a, four.id];
        assert_eq!(
            invalid_field(create(&t.db, &deputy, &grades).await),
            ("classes", "control-work-error-grades".into())
        );
        let mut short = work.clone();
        short.marks = MarkSource::Bands(parse_band_lines("b", "2;0;2\n5;3;5", 5).unwrap());
        assert_eq!(
            invalid_field(create(&t.db, &teacher, &short).await),
            ("conversion", "control-work-error-table-max".into())
        );
        assert!(manual::list(&t.db, &teacher).await.unwrap().is_empty());
        assert_eq!(audit_rows(&t.db, "assessment_procedure").await, 0);

        // Created: an ordinary procedure of kind "school" with its own table.
        let id = create(&t.db, &teacher, &work).await.unwrap();
        assert!(matches!(
            create(&t.db, &teacher, &work).await,
            Err(StoreError::Conflict { field: "title", .. })
        ));
        let listed = manual::list(&t.db, &teacher).await.unwrap();
        assert_eq!((listed.len(), listed[0].max_primary, listed[0].grade), (1, 6, 7));
        assert!(manual::list(&t.db, &pupil).await.unwrap().is_empty());
        let w = manual::work(&t.db, &teacher, id).await.unwrap().unwrap();
        assert!(w.own_table && w.classes[0].writable);
        assert_eq!(w.classes[0].pupils.len(), in_a.len());
        assert_eq!(
            w.tasks.iter().map(|t| t.level.as_str()).collect::<Vec<_>>(),
            ["Б", "П", "В"]
        );
        assert_eq!(w.tasks[0].skills[0].text, "Дроби");
        assert_eq!(w.conversion.as_ref().unwrap().table, bands);
        assert!(
            conversions::list(&t.db, school)
                .await
                .unwrap()
                .iter()
                .all(|c| c.kind != "school"),
            "a work's own bands are not one of the school's tables"
        );

        // Cell by cell: the sum at once, the mark once every task has an entry.
        let cell = |pupil_id, task: usize, entry| ScoreInput {
            procedure_id: id,
            pupil_id,
            task_id: w.tasks[task].id,
            entry,
        };
        let s = save(&t.db, &teacher, cell(p1, 0, Entry::Score(2))).await.unwrap();
        assert_eq!((s.totals.sum, s.totals.complete, s.totals.mark), (Some(2), false, None));
        let s = save(&t.db, &teacher, cell(p1, 1, Entry::NotDone)).await.unwrap();
        assert_eq!((s.totals.sum, s.totals.mark), (Some(2), None));
        let s = save(&t.db, &teacher, cell(p1, 2, Entry::Score(3))).await.unwrap();
        assert_eq!(
            (s.totals.sum, s.totals.complete, s.totals.mark),
            (Some(5), true, Some(4))
        );
        let again = save(&t.db, &teacher, cell(p1, 2, Entry::Score(3))).await.unwrap();
        assert!(!again.changed);
        assert_eq!(audit_rows(&t.db, "assessment_task_score").await, 3);

        // Refusals: above the maximum, a pupil of another class, a teacher of another class.
        assert_eq!(
            invalid_field(save(&t.db, &teacher, cell(p1, 1, Entry::Score(2))).await),
            ("score", "control-work-error-above-max".into())
        );
        assert_eq!(
            invalid_field(save(&t.db, &teacher, cell(in_other[0].id, 0, Entry::Score(1))).await),
            ("pupil", "control-work-error-pupil".into())
        );
        let stranger = viewer(&t.db, "classteacher").await;
        let stranger_load = assignments::mine(&t.db, &stranger, year.id).await.unwrap();
        assert!(
            !stranger_load
                .iter()
                .any(|x| x.class_id == class_a && x.subject_id == math)
        );
        assert!(matches!(
            save(&t.db, &stranger, cell(p2, 0, Entry::Score(1))).await,
            Err(StoreError::NotFound)
        ));
        assert_eq!(audit_rows(&t.db, "assessment_task_score").await, 3);

        // The results pages see an ordinary result: primary score, mark, "not done" ≠ 0.
        let results = read::results(&t.db, &deputy, id).await.unwrap();
        assert_eq!(results.len(), 1);
        assert_eq!((results[0].primary_score, results[0].mark), (Some(5), Some(4)));
        assert_eq!(results[0].scores, vec![Some(2), None, Some(3)]);
        assert_eq!(results[0].pupil_id, Some(p1));

        // The deputy enters too; clearing a cell withdraws the primary score and the mark,
        // clearing every cell removes the result.
        save(&t.db, &deputy, cell(p2, 0, Entry::Score(0))).await.unwrap();
        let s = save(&t.db, &teacher, cell(p1, 0, Entry::Empty)).await.unwrap();
        assert_eq!((s.totals.sum, s.totals.complete, s.totals.mark), (Some(3), false, None));
        let results = read::results(&t.db, &deputy, id).await.unwrap();
        assert_eq!(
            (results.len(), results[0].primary_score, results[0].mark),
            (2, None, None)
        );
        save(&t.db, &deputy, cell(p2, 0, Entry::Empty)).await.unwrap();
        assert_eq!(read::results(&t.db, &deputy, id).await.unwrap().len(), 1);

        // A school table picked instead of own bands must fit the work's maximum.
        let table = "# source: Положение о ВСОКО\n# link: https://school.example/vsoko\n# kind: school\n# year: 2026\n# subject: math\n# grade: 7\n# output: mark\n# max_primary: 6\n2;0;1;;\n3;2;3;;\n4;4;5;;\n5;6;6;;\n";
        let table_id = conversions::upload(&t.db, &Actor::system("test"), school, "t.csv", table)
            .await
            .unwrap();
        let mut picked = work.clone();
        picked.title = "Вторая работа".into();
        picked.marks = MarkSource::Table(table_id);
        let second = create(&t.db, &teacher, &picked).await.unwrap();
        let s = save(
            &t.db,
            &teacher,
            ScoreInput {
                procedure_id: second,
                pupil_id: p1,
                task_id: manual::work(&t.db, &teacher, second).await.unwrap().unwrap().tasks[0].id,
                entry: Entry::Score(1),
            },
        )
        .await
        .unwrap();
        assert_eq!(s.totals.sum, Some(1));
        let w2 = manual::work(&t.db, &teacher, second).await.unwrap().unwrap();
        assert!(!w2.own_table);
        assert_eq!(w2.conversion.unwrap().id, table_id);
        let five = "# source: Положение о ВСОКО\n# link: https://school.example/vsoko\n# kind: school\n# year: 2025\n# subject: math\n# grade: 7\n# output: mark\n# max_primary: 5\n2;0;1;;\n3;2;3;;\n4;4;4;;\n5;5;5;;\n";
        let five_id = conversions::upload(&t.db, &Actor::system("test"), school, "t5.csv", five)
            .await
            .unwrap();
        let mut misfit = work.clone();
        misfit.title = "Третья".into();
        misfit.marks = MarkSource::Table(five_id);
        assert_eq!(
            invalid_field(create(&t.db, &teacher, &misfit).await),
            ("conversion", "control-work-error-table-max".into())
        );
        assert!(subjects::get(&t.db, school, math).await.unwrap().is_some());
        t.finish().await;
    }
}
