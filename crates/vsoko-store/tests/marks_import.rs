//! The marks import on SQLite and PostgreSQL: a dry run writes nothing, an apply writes
//! lessons, cells and term marks through the journal's own functions, a re-import changes
//! nothing, and a file with a bad row (unknown pupil, date outside every period, a locked
//! period, a class-subject the teacher does not teach) names each row and writes nothing.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

use time::macros::date;
use uuid::Uuid;
use vsoko_domain::journal::rows::{MarkRow, MarksFile, TermMarkRow};
use vsoko_domain::journal::{Attendance, Mark, PeriodMark};
use vsoko_domain::roster::Origin;
use vsoko_domain::structure::ClassName;
use vsoko_store::journal::import::{self, MarksReport};
use vsoko_store::journal::{cells, lessons, period_marks, rollups};
use vsoko_store::people::pupils;
use vsoko_store::structure::{assignments, years};
use vsoko_store::testing;
use vsoko_store::{Actor, Viewer, accounts, demo, scope};

const TODAY: time::Date = date!(2026 - 11 - 26);

async fn viewer(db: &vsoko_store::Db, login: &str) -> Viewer {
    let uid = accounts::user_id(db, login).await.unwrap().unwrap();
    scope::load_viewer(db, uid, Uuid::nil()).await.unwrap().unwrap()
}

fn origin(row: usize) -> Origin {
    Origin {
        sheet: "Отметки".into(),
        row,
    }
}

fn mark_row(
    row: usize,
    subject: &str,
    date: time::Date,
    pupil: &str,
    marks: &[i64],
    attendance: Option<Attendance>,
) -> MarkRow {
    MarkRow {
        origin: origin(row),
        class: ClassName::parse("7А").unwrap(),
        subject: subject.into(),
        subgroup: String::new(),
        date,
        pupil_code: pupil.into(),
        marks: marks.iter().map(|m| Mark::new(*m).unwrap()).collect(),
        attendance,
        work_type: Some("Контрольная работа".into()),
        topic: Some("Линейные уравнения".into()),
    }
}

fn term_row(row: usize, subject: &str, period: Option<i64>, pupil: &str, value: &str) -> TermMarkRow {
    TermMarkRow {
        origin: Origin {
            sheet: "Итоговые".into(),
            row,
        },
        class: ClassName::parse("7А").unwrap(),
        subject: subject.into(),
        period,
        pupil_code: pupil.into(),
        value: PeriodMark::parse(value).unwrap(),
    }
}

async fn run(db: &vsoko_store::Db, v: &Viewer, file: &MarksFile, dry_run: bool) -> MarksReport {
    let actor = Actor::user(v.user_id, &v.login);
    import::apply(db, &actor, v, file.clone(), TODAY, dry_run)
        .await
        .unwrap()
}

#[tokio::test]
async fn marks_import_is_all_or_nothing_and_idempotent() {
    for t in testing::both().await {
        let ids = demo::build(&t.db, "x").await.unwrap();
        let school = ids.school_id;
        let teacher = viewer(&t.db, "teacher").await;
        let year = years::current(&t.db, school).await.unwrap().unwrap();
        let q2 = years::periods(&t.db, school, year.id).await.unwrap()[1].clone();
        let load = assignments::mine(&t.db, &teacher, year.id).await.unwrap();
        let a = load
            .iter()
            .find(|a| a.class_name == "7А" && a.subgroup.is_empty())
            .unwrap()
            .clone();
        let roster = pupils::list_visible(&t.db, &teacher, "", Some(a.class_id))
            .await
            .unwrap();
        let (p1, p2, p3) = (&roster[0], &roster[1], &roster[2]);
        let day = date!(2026 - 11 - 16);
        let file = MarksFile {
            marks: vec![
                mark_row(2, &a.subject_name, day, &p1.code, &[5, 4], None),
                mark_row(3, &a.subject_name, day, &p2.code, &[3], None),
                mark_row(4, &a.subject_name, day, &p3.code, &[], Some(Attendance::Ill)),
            ],
            terms: vec![
                term_row(2, &a.subject_name, Some(2), &p1.code, "5"),
                term_row(3, &a.subject_name, None, &p1.code, "4"),
            ],
        };

        // Dry run: the full report, nothing written.
        let dry = run(&t.db, &teacher, &file, true).await;
        assert!(dry.errors.is_empty(), "{:?}", dry.errors);
        assert!(!dry.applied);
        assert_eq!((dry.lessons.created, dry.cells.created, dry.terms.created), (1, 3, 2));
        assert!(
            lessons::list(&t.db, school, a.class_id, a.subject_id, "", q2.id)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(rollups::mark_rollups(&t.db, school).await.unwrap().is_empty());

        // Apply: written through the journal (rollups, term marks).
        let done = run(&t.db, &teacher, &file, false).await;
        assert!(done.applied && done.errors.is_empty());
        assert_eq!(done.total_changes(), 6);
        let ls = lessons::list(&t.db, school, a.class_id, a.subject_id, "", q2.id)
            .await
            .unwrap();
        assert_eq!(ls.len(), 1);
        assert_eq!(
            (ls[0].topic.as_str(), ls[0].work_type.as_str()),
            ("Линейные уравнения", "test")
        );
        let c1 = cells::get(&t.db, school, ls[0].id, p1.id).await.unwrap().unwrap();
        assert_eq!(c1.marks, "5 4");
        let c3 = cells::get(&t.db, school, ls[0].id, p3.id).await.unwrap().unwrap();
        assert_eq!(c3.attendance.as_deref(), Some("ill"));
        let terms = period_marks::of_class(&t.db, school, a.class_id, a.subject_id, q2.id)
            .await
            .unwrap();
        assert_eq!(terms.len(), 1);
        assert_eq!(terms[0].value, "5");
        let r = &rollups::mark_rollups(&t.db, school).await.unwrap()[0];
        assert_eq!((r.c5, r.c4, r.c3, r.absences), (1, 1, 1, 1));

        // Re-import: nothing changes.
        let again = run(&t.db, &teacher, &file, false).await;
        assert_eq!(again.total_changes(), 0, "{:?}", again.changes);
        assert_eq!(
            (again.lessons.unchanged, again.cells.unchanged, again.terms.unchanged),
            (1, 3, 2)
        );

        // Bad rows: each named at its sheet, row and column; the good row is not written.
        let deputy = viewer(&t.db, "deputy").await;
        let other = load
            .iter()
            .find(|x| x.class_name != "7А")
            .map(|x| x.subject_name.clone());
        let not_taught = assignments::list(&t.db, school, year.id, None, Some(a.class_id))
            .await
            .unwrap()
            .into_iter()
            .find(|x| x.staff_id != a.staff_id && x.subject_id != a.subject_id)
            .unwrap();
        let bad = MarksFile {
            marks: vec![
                mark_row(2, &a.subject_name, day, &p2.code, &[5], None),
                mark_row(3, &a.subject_name, day, "НЕТ-ТАКОГО", &[5], None),
                mark_row(4, &a.subject_name, date!(2026 - 10 - 30), &p1.code, &[5], None),
                mark_row(5, &a.subject_name, date!(2026 - 10 - 01), &p1.code, &[5], None),
                mark_row(6, &not_taught.subject_name, day, &p1.code, &[5], None),
                mark_row(7, "Алхимия", day, &p1.code, &[5], None),
            ],
            terms: vec![term_row(2, &a.subject_name, Some(9), &p2.code, "4")],
        };
        let rejected = run(&t.db, &teacher, &bad, false).await;
        assert!(!rejected.applied);
        let at: Vec<(&str, usize, &str)> = rejected
            .errors
            .iter()
            .map(|e| (e.sheet.as_str(), e.row, e.column.as_str()))
            .collect();
        assert_eq!(
            at,
            vec![
                ("Отметки", 3, "Код обучающегося"),
                ("Отметки", 4, "Дата урока"),
                ("Отметки", 5, "Дата урока"),
                ("Отметки", 6, "Предмет"),
                ("Отметки", 7, "Предмет"),
                ("Итоговые", 2, "Период"),
            ],
            "{:?} (other subject of the teacher: {other:?})",
            rejected.errors
        );
        assert_eq!(rejected.errors[1].msg.key, "marks-import-error-no-period");
        assert_eq!(rejected.errors[2].msg.key, "marks-import-error-locked");
        assert_eq!(rejected.errors[3].msg.key, "marks-import-error-no-access");
        assert_eq!(
            cells::get(&t.db, school, ls[0].id, p2.id).await.unwrap().unwrap().marks,
            "3",
            "nothing written"
        );
        // The deputy may write the class-subject the teacher may not.
        let only_other = MarksFile {
            marks: vec![mark_row(2, &not_taught.subject_name, day, &p1.code, &[4], None)],
            terms: vec![],
        };
        let by_deputy = run(&t.db, &deputy, &only_other, true).await;
        assert!(by_deputy.errors.is_empty(), "{:?}", by_deputy.errors);
        assert_eq!(by_deputy.cells.created, 1);
        t.finish().await;
    }
}
