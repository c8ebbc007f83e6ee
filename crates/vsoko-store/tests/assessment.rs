//! Assessment imports on SQLite and PostgreSQL: a dry run writes nothing, an apply writes the
//! procedure, tasks and results with marks computed from the conversion table, a re-import
//! changes nothing, a bad file writes nothing, a missing conversion table is an error, and
//! each viewer sees only the results in scope.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

use time::macros::date;
use uuid::Uuid;
use vsoko_domain::assessment::{AssessmentFile, Level, ProcedureHeader, ProcedureKind, ResultRow, TaskSpec};
use vsoko_domain::roster::Origin;
use vsoko_domain::structure::ClassName;
use vsoko_store::assessment::{self, AssessmentReport, codes, conversions, read};
use vsoko_store::people::pupils;
use vsoko_store::structure::{assignments, classes, years};
use vsoko_store::{Actor, Db, Viewer, accounts, demo, scope, testing};

const TODAY: time::Date = date!(2026 - 11 - 26);

async fn viewer(db: &Db, login: &str) -> Viewer {
    let uid = accounts::user_id(db, login).await.unwrap().unwrap();
    scope::load_viewer(db, uid, Uuid::nil()).await.unwrap().unwrap()
}

fn task(code: &str, max: u32) -> TaskSpec {
    TaskSpec {
        code: code.into(),
        max_score: max,
        level: None,
        skills: Vec::new(),
    }
}

fn result(row: usize, code: &str, class: &str, scores: &[Option<u32>], mark: Option<u8>) -> ResultRow {
    ResultRow {
        origin: Origin {
            sheet: "Лист1".into(),
            row,
        },
        participant_code: code.into(),
        pupil_code: None,
        full_name: None,
        class: ClassName::parse(class).unwrap(),
        variant: "1".into(),
        scores: scores.to_vec(),
        primary: Some(scores.iter().flatten().sum()),
        file_mark: mark,
        file_test_score: None,
        journal_mark: Some(4),
    }
}

/// ВПР 2026 Russian 4: 12 tasks, maximum 24 (the reference table).
fn vpr_rus4(results: Vec<ResultRow>) -> AssessmentFile {
    let maxima = [2, 1, 2, 3, 2, 1, 1, 2, 3, 3, 1, 3];
    AssessmentFile {
        header: ProcedureHeader {
            kind: ProcedureKind::Vpr,
            year: 2026,
            subject: "rus".into(),
            grade: 4,
            date: None,
            title: "ВПР 2026 Русский язык 4 класс".into(),
            max_primary: Some(24),
        },
        tasks: maxima
            .iter()
            .enumerate()
            .map(|(i, m)| task(&(i + 1).to_string(), *m))
            .collect(),
        results,
    }
}

fn all(max: bool) -> Vec<Option<u32>> {
    [2, 1, 2, 3, 2, 1, 1, 2, 3, 3, 1, 3]
        .iter()
        .map(|&m| Some(if max { m } else { 0 }))
        .collect()
}

async fn run(db: &Db, school: Uuid, file: &AssessmentFile, dry_run: bool) -> AssessmentReport {
    assessment::apply(db, &Actor::system("test"), school, file.clone(), TODAY, dry_run, None)
        .await
        .unwrap()
}

#[tokio::test]
async fn assessment_import_is_all_or_nothing_and_idempotent() {
    for t in testing::both().await {
        let school = demo::build(&t.db, "x").await.unwrap().school_id;
        let deputy = viewer(&t.db, "deputy").await;
        let mut nine = all(false);
        nine[3] = Some(3);
        nine[8] = Some(3);
        nine[9] = Some(3);
        nine[0] = None; // not done, not 0
        let file = vpr_rus4(vec![
            result(9, "10001", "4А", &all(true), Some(5)),
            result(10, "10002", "4Б", &nine, Some(2)),
        ]);

        let dry = run(&t.db, school, &file, true).await;
        assert!(dry.errors.is_empty(), "{:?}", dry.errors);
        assert!(!dry.applied);
        assert_eq!((dry.tasks.created, dry.results.created), (12, 2));
        assert!(read::procedures(&t.db, &deputy, None).await.unwrap().is_empty());

        let done = run(&t.db, school, &file, false).await;
        assert!(done.applied && done.errors.is_empty());
        assert!(done.procedure_created);
        // The ВПР of spring 2026 belongs to the school year 2025/26: its classes 4А and 4Б
        // (today's 5А and 5Б), not this year's namesakes.
        assert!(done.unknown_classes.is_empty(), "{:?}", done.unknown_classes);
        let procs = read::procedures(&t.db, &deputy, Some(2026)).await.unwrap();
        assert_eq!(procs.len(), 1);
        assert_eq!(
            (procs[0].kind.as_str(), procs[0].max_primary, procs[0].results),
            ("vpr", 24, 2)
        );
        let results = read::results(&t.db, &deputy, procs[0].id).await.unwrap();
        assert_eq!(results.len(), 2);
        let prior = years::list(&t.db, school)
            .await
            .unwrap()
            .into_iter()
            .find(|y| y.name == "2025/2026")
            .unwrap();
        assert!(!prior.is_current);
        let fourth = classes::list_visible(&t.db, &deputy, prior.id, "4").await.unwrap();
        let four_a = fourth.iter().find(|c| c.name == "4А").unwrap();
        assert_eq!(results[0].class_id, Some(four_a.id));
        assert_eq!((results[0].primary_score, results[0].mark), (Some(24), Some(5)));
        assert_eq!((results[1].primary_score, results[1].mark), (Some(9), Some(2)));
        assert_eq!(results[1].scores[0], None);
        assert_eq!(results[1].scores[1], Some(0));
        assert_eq!(results[1].journal_mark, Some(4));
        let tasks = read::tasks(&t.db, &deputy, procs[0].id).await.unwrap();
        assert_eq!(tasks.len(), 12);
        assert_eq!((tasks[3].code.as_str(), tasks[3].max_score), ("4", 3));

        // The same file again changes nothing.
        let again = run(&t.db, school, &file, false).await;
        assert_eq!(again.total_changes(), 0, "{:?}", again.changes);
        assert_eq!((again.tasks.unchanged, again.results.unchanged), (12, 2));

        // A changed score updates one result; a mark that contradicts the table is an
        // error naming the row, and nothing of the file is written.
        let mut changed = file.clone();
        changed.results[1].scores[0] = Some(2);
        changed.results[1].primary = Some(11);
        changed.results[1].file_mark = Some(3);
        let upd = run(&t.db, school, &changed, false).await;
        assert_eq!((upd.results.updated, upd.results.unchanged), (1, 1), "{:?}", upd.errors);
        let mut bad = changed.clone();
        bad.results[0].file_mark = Some(4);
        bad.results[1].scores[0] = Some(0);
        bad.results[1].primary = Some(9);
        bad.results[1].file_mark = Some(2);
        let rejected = run(&t.db, school, &bad, false).await;
        assert!(!rejected.applied);
        let at: Vec<(usize, &str, &str)> = rejected
            .errors
            .iter()
            .map(|e| (e.row, e.column.as_str(), e.msg.key))
            .collect();
        assert_eq!(at, vec![(9, "Отметка", "assessment-import-error-mark-differs")]);
        let after = read::results(&t.db, &deputy, procs[0].id).await.unwrap();
        assert_eq!(after[1].primary_score, Some(11));

        // Tasks that differ from the stored procedure are refused.
        let mut other = file.clone();
        other.tasks[0].max_score = 1;
        other.tasks[1].max_score = 2;
        let refused = run(&t.db, school, &other, false).await;
        assert_eq!(refused.errors[0].msg.key, "assessment-import-error-tasks-differ");
        t.finish().await;
    }
}

#[tokio::test]
async fn missing_conversion_table_is_an_error_until_the_school_loads_one() {
    for t in testing::both().await {
        let school = demo::build(&t.db, "x").await.unwrap().school_id;
        let deputy = viewer(&t.db, "deputy").await;
        let maxima = [1, 1, 2, 1, 1, 1, 1, 1, 1, 2, 1, 1, 2, 2];
        let codes = [
            "1", "2", "3", "4", "5.1", "5.2", "6.1", "6.2", "7", "8", "9.1", "9.2", "10", "11",
        ];
        let file = AssessmentFile {
            header: ProcedureHeader {
                kind: ProcedureKind::Vpr,
                year: 2026,
                subject: "math".into(),
                grade: 4,
                date: Some(date!(2026 - 04 - 22)),
                title: "ВПР 2026 Математика 4 класс".into(),
                max_primary: Some(18),
            },
            tasks: codes.iter().zip(maxima).map(|(c, m)| task(c, m)).collect(),
            results: vec![result(
                9,
                "20001",
                "4А",
                &maxima.iter().map(|&m| Some(m)).collect::<Vec<_>>(),
                None,
            )],
        };
        let report = run(&t.db, school, &file, false).await;
        assert_eq!(report.errors.len(), 1);
        assert_eq!(report.errors[0].msg.key, "assessment-import-error-no-conversion");
        assert!(read::procedures(&t.db, &deputy, None).await.unwrap().is_empty());

        // A table with the wrong maximum does not fit the file.
        let table = |max: u32, five: &str| {
            format!(
                "# source: test\n# link: test\n# kind: vpr\n# year: 2026\n# subject: math\n# grade: 4\n# output: mark\n# max_primary: {max}\n2;0;5;;\n3;6;10;;\n4;11;14;;\n5;15;{five};;\n"
            )
        };
        conversions::upload(&t.db, &Actor::system("test"), school, "t.csv", &table(20, "20"))
            .await
            .unwrap();
        let report = run(&t.db, school, &file, false).await;
        assert_eq!(report.errors[0].msg.key, "assessment-import-error-conversion-max");
        conversions::upload(&t.db, &Actor::system("test"), school, "t.csv", &table(18, "18"))
            .await
            .unwrap();
        let report = run(&t.db, school, &file, false).await;
        assert!(report.applied, "{:?}", report.errors);
        assert!(report.tasks.created == 14);
        // Levels and skills of the reference task table were attached.
        let p = &read::procedures(&t.db, &deputy, None).await.unwrap()[0];
        let tasks = read::tasks(&t.db, &deputy, p.id).await.unwrap();
        assert_eq!(
            (tasks[10].code.as_str(), tasks[10].level.as_str()),
            ("9.1", Level::Advanced.letter())
        );
        assert_eq!(tasks[0].skills.len(), 1);
        let r = &read::results(&t.db, &deputy, p.id).await.unwrap()[0];
        assert_eq!(r.mark, Some(5));
        t.finish().await;
    }
}

#[tokio::test]
async fn results_link_to_pupils_and_each_viewer_sees_only_their_scope() {
    for t in testing::both().await {
        let school = demo::build(&t.db, "x").await.unwrap().school_id;
        let (deputy, teacher, pupil, parent) = (
            viewer(&t.db, "deputy").await,
            viewer(&t.db, "teacher").await,
            viewer(&t.db, "pupil").await,
            viewer(&t.db, "parent").await,
        );
        let year = years::current(&t.db, school).await.unwrap().unwrap();
        let sevens = classes::list_visible(&t.db, &deputy, year.id, "7").await.unwrap();
        let (a, b) = (
            sevens.iter().find(|c| c.name == "7А").unwrap(),
            sevens.iter().find(|c| c.name == "7Б").unwrap(),
        );
        let in_a = pupils::list_visible(&t.db, &deputy, "", Some(a.id)).await.unwrap();
        let in_b = pupils::list_visible(&t.db, &deputy, "", Some(b.id)).await.unwrap();
        let me = pupils::get_visible(&t.db, &pupil, pupil.pupil_id.unwrap())
            .await
            .unwrap()
            .unwrap();
        let other_a = in_a.iter().find(|p| p.id != me.id).unwrap();

        // ВПР-like codes: the school's code list links two participants; a third stays unlinked.
        let table = "# source: test\n# link: test\n# kind: regional\n# year: 2026\n# subject: math\n# grade: 7\n# output: mark\n# max_primary: 3\n2;0;0;;\n3;1;1;;\n4;2;2;;\n5;3;3;;\n";
        conversions::upload(&t.db, &Actor::system("test"), school, "t.csv", table)
            .await
            .unwrap();
        let actor = Actor::system("test");
        let (me_id, other_id) = (me.id, other_a.id);
        let linked =
            t.db.write(move |tx| {
                Box::pin(async move {
                    let n = codes::set(tx, &actor, school, 2026, "70001", me_id).await?;
                    codes::set(tx, &actor, school, 2026, "70002", other_id).await?;
                    Ok(n)
                })
            })
            .await
            .unwrap();
        assert_eq!(linked, 0);
        let file = AssessmentFile {
            header: ProcedureHeader {
                kind: ProcedureKind::Regional,
                year: 2026,
                subject: "Математика".into(),
                grade: 7,
                date: Some(date!(2026 - 11 - 20)),
                title: "Региональная диагностика".into(),
                max_primary: Some(3),
            },
            tasks: vec![task("1", 1), task("2", 2)],
            results: vec![
                result(2, "70001", "7А", &[Some(1), Some(2)], Some(5)),
                result(3, "70002", "7А", &[Some(1), None], Some(3)),
                result(4, "70003", "7Б", &[Some(0), Some(0)], Some(2)),
                result(5, "70004", "7А", &[Some(0), Some(1)], None),
            ],
        };
        let report = run(&t.db, school, &file, false).await;
        assert!(report.applied, "{:?}", report.errors);
        assert_eq!((report.linked, report.unlinked), (2, 2));
        assert!(report.unknown_classes.is_empty());
        let p = read::procedures(&t.db, &deputy, None).await.unwrap()[0].id;

        let seen = |v: &Viewer| {
            let db = t.db.clone();
            let v = v.clone();
            async move {
                read::results(&db, &v, p)
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|r| r.participant_code)
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(seen(&deputy).await, vec!["70001", "70002", "70004", "70003"]);
        assert_eq!(seen(&pupil).await, vec!["70001"]);
        assert_eq!(seen(&parent).await, vec!["70001"]);
        let taught: Vec<String> = assignments::mine(&t.db, &teacher, year.id)
            .await
            .unwrap()
            .into_iter()
            .map(|x| x.class_name)
            .collect();
        let mut expected: Vec<&str> = Vec::new();
        if taught.iter().any(|c| c == "7А") {
            expected.extend(["70001", "70002", "70004"]);
        }
        if taught.iter().any(|c| c == "7Б") {
            expected.push("70003");
        }
        assert!(!expected.is_empty(), "the demo teacher teaches 7А");
        assert_eq!(seen(&teacher).await, expected);
        // The pupil's diary: own results only, with the procedure.
        let mine = read::of_pupil(&t.db, &pupil, me.id).await.unwrap();
        assert_eq!(mine.len(), 1);
        assert_eq!(
            (mine[0].1.mark, mine[0].1.scores.clone()),
            (Some(5), vec![Some(1), Some(2)])
        );
        assert!(read::of_pupil(&t.db, &pupil, other_a.id).await.unwrap().is_empty());
        // A pupil of 7Б sees no procedure of another class.
        assert!(in_b.iter().all(|p| p.id != me.id));

        // Setting a code later links the existing result.
        let late = in_b[0].id;
        let actor = Actor::system("test");
        let n =
            t.db.write(move |tx| Box::pin(async move { codes::set(tx, &actor, school, 2026, "70003", late).await }))
                .await
                .unwrap();
        assert_eq!(n, 1);
        let r = read::results(&t.db, &deputy, p).await.unwrap();
        assert_eq!(r.iter().filter(|x| x.pupil_id.is_some()).count(), 3);
        t.finish().await;
    }
}

#[tokio::test]
async fn rows_that_do_not_fit_the_work_are_located_and_nothing_is_written() {
    for t in testing::both().await {
        let school = demo::build(&t.db, "x").await.unwrap().school_id;
        let deputy = viewer(&t.db, "deputy").await;
        let mut above = all(true);
        above[0] = Some(3); // task 1 has 2 points
        let mut short = all(true);
        short.pop();
        let file = vpr_rus4(vec![
            result(9, "10001", "4А", &all(true), None),
            result(10, "10002", "4А", &above, None),
            result(11, "10001", "4Б", &all(false), None),
            result(12, "10003", "5А", &all(false), None),
            result(13, "10004", "4Б", &short, None),
        ]);
        let report = run(&t.db, school, &file, false).await;
        assert!(!report.applied);
        let at: Vec<(usize, &str, &str)> = report
            .errors
            .iter()
            .map(|e| (e.row, e.column.as_str(), e.msg.key))
            .collect();
        assert_eq!(
            at,
            vec![
                (10, "1 (2б)", "assessment-error-score-above-max"),
                (11, "Код участника", "assessment-error-duplicate-participant"),
                (12, "Класс", "assessment-error-class-grade"),
                (13, "", "assessment-import-error-score-count"),
            ]
        );
        assert!(read::procedures(&t.db, &deputy, None).await.unwrap().is_empty());

        // A subject the school does not teach.
        let mut latin = vpr_rus4(vec![result(9, "10001", "4А", &all(true), None)]);
        latin.header.subject = "Латинский язык".into();
        let report = run(&t.db, school, &latin, false).await;
        assert_eq!(report.errors[0].msg.key, "assessment-import-error-no-subject");

        // ОГЭ Russian with positions 1…19 instead of the exam's codes: the conversion's
        // condition on ГК1–ГК4 finds no task, named in the error.
        let maxima = [1, 1, 1, 1, 1, 1, 1, 3, 3, 1, 2, 3, 2, 2, 2, 2, 2, 2, 2];
        let oge = AssessmentFile {
            header: ProcedureHeader {
                kind: ProcedureKind::Oge,
                year: 2023,
                subject: "rus".into(),
                grade: 9,
                date: None,
                title: String::new(),
                max_primary: Some(33),
            },
            tasks: maxima
                .iter()
                .enumerate()
                .map(|(i, m)| task(&(i + 1).to_string(), *m))
                .collect(),
            results: vec![result(2, "Иванов Иван", "9А", &maxima.map(Some), None)],
        };
        let report = run(&t.db, school, &oge, false).await;
        let missing: Vec<String> = report
            .errors
            .iter()
            .map(|e| format!("{}:{}", e.msg.key, e.msg.args[0].1))
            .collect();
        assert_eq!(
            missing,
            ["ГК1", "ГК2", "ГК3", "ГК4"].map(|c| format!("assessment-import-error-condition-task:{c}"))
        );
        assert!(read::procedures(&t.db, &deputy, None).await.unwrap().is_empty());
        t.finish().await;
    }
}

/// A file of more rows than one write chunk: written as it is read, compared by digest on
/// re-import, and rolled back whole when a late row is wrong.
#[tokio::test]
async fn big_files_are_written_in_chunks_and_still_all_or_nothing() {
    for t in testing::both().await {
        let school = demo::build(&t.db, "x").await.unwrap().school_id;
        let deputy = viewer(&t.db, "deputy").await;
        let rows = |n: usize| -> Vec<ResultRow> {
            (0..n)
                .map(|i| {
                    let scores: Vec<Option<u32>> = all(true)
                        .iter()
                        .enumerate()
                        .map(|(k, m)| {
                            if (i + k) % 5 == 0 {
                                None
                            } else {
                                m.map(|m| m.min(1 + (i as u32 % 3)))
                            }
                        })
                        .collect();
                    let class = if i % 2 == 0 { "4А" } else { "4Б" };
                    result(9 + i, &format!("{}", 30000 + i), class, &scores, None)
                })
                .collect()
        };
        let file = vpr_rus4(rows(1000));
        let first = run(&t.db, school, &file, false).await;
        assert!(first.applied, "{:?}", first.errors.first());
        assert_eq!(first.results.created, 1000);
        let p = read::procedures(&t.db, &deputy, None).await.unwrap()[0].id;
        let stored = read::results(&t.db, &deputy, p).await.unwrap();
        assert_eq!(stored.len(), 1000);
        let r5 = stored.iter().find(|r| r.participant_code == "30005").unwrap();
        assert_eq!(r5.scores[0], None);
        assert_eq!(r5.scores[1], Some(1));

        let again = run(&t.db, school, &file, false).await;
        assert_eq!((again.total_changes(), again.results.unchanged), (0, 1000));

        let mut changed = file.clone();
        for i in [5, 950] {
            changed.results[i].scores[1] = Some(0);
            changed.results[i].primary = Some(changed.results[i].task_sum());
        }
        changed.results[700].journal_mark = Some(2);
        let upd = run(&t.db, school, &changed, false).await;
        assert_eq!(
            (upd.results.updated, upd.results.unchanged),
            (3, 997),
            "{:?}",
            upd.errors.first()
        );
        let stored = read::results(&t.db, &deputy, p).await.unwrap();
        let r950 = stored.iter().find(|r| r.participant_code == "30950").unwrap();
        assert_eq!(r950.scores[1], Some(0));
        assert_eq!(r950.scores.len(), 12);

        // 900 new rows then a wrong one: nothing of the file stays, not even the first chunks.
        let mut more = vpr_rus4(rows(1900));
        more.results[1899].file_mark = Some(5);
        more.results[1899].scores = all(false);
        more.results[1899].primary = Some(0);
        let rejected = run(&t.db, school, &more, false).await;
        assert!(!rejected.applied);
        assert_eq!(rejected.errors.len(), 1);
        assert_eq!(read::results(&t.db, &deputy, p).await.unwrap().len(), 1000);
        let dry = run(&t.db, school, &vpr_rus4(rows(1900)), true).await;
        assert_eq!((dry.results.created, dry.applied), (900, false));
        assert_eq!(read::results(&t.db, &deputy, p).await.unwrap().len(), 1000);
        t.finish().await;
    }
}
