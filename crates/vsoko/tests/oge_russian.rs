//! ОГЭ Russian protocols end to end (parser → store) on SQLite and PostgreSQL: the РЦОИ
//! protocol numbers its positions 1…19, the exam's task table (`oge-2023-rus-9.tasks.csv`)
//! names them 2…8, ИК1…ФК1, and the conversion's condition on ГК1–ГК4 (SPEC §7.1) decides
//! the mark: 23–28 points with fewer than 4 on ГК1–ГК4 is a 3, 29–33 with fewer than 6 a 4.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

use time::macros::date;
use uuid::Uuid;
use vsoko_domain::roles::Role;
use vsoko_domain::structure::{PeriodKind, default_periods};
use vsoko_import::assessment::{Expect, parse_gia};
use vsoko_store::assessment::{apply, read};
use vsoko_store::structure::{subjects, years};
use vsoko_store::{Actor, Db, Viewer, org, testing};

const HEADER: &str = "Код МСУ;Код ОО;Класс;Код ППЭ;Аудитория;Фамилия;Имя;Отчество;Вариант;Задания с кратким ответом;Задания с развёрнутым ответом;Первичный балл;Балл";

/// A protocol row: short answers to tasks 2–8, then ИК1–ИК3, СК1–СК4, ГК1–ГК4, ФК1.
fn row(name: &str, short: &str, long: [u32; 12], mark: u32) -> String {
    const MAX: [u32; 12] = [3, 3, 1, 2, 3, 2, 2, 2, 2, 2, 2, 2];
    let long_text: String = long.iter().zip(MAX).map(|(s, m)| format!("{s}({m})")).collect();
    let short_sum: u32 = short
        .chars()
        .map(|c| if c == '+' { 1 } else { c.to_digit(10).unwrap_or(0) })
        .sum();
    let primary = short_sum + long.iter().sum::<u32>();
    format!("01;0101;9А;0101;0012;{name};Иван;;301;{short};{long_text};{primary};{mark}")
}

fn protocol(rows: &[String]) -> Vec<u8> {
    let mut text = format!("{HEADER}\r\n");
    for r in rows {
        text.push_str(r);
        text.push_str("\r\n");
    }
    text.into_bytes()
}

fn expect() -> Expect {
    Expect {
        subject: Some("Русский язык".into()),
        year: Some(2023),
        ..Expect::default()
    }
}

async fn school(db: &Db) -> Uuid {
    db.write(|tx| {
        Box::pin(async move {
            let a = Actor::system("test");
            let r = org::create_region(tx, &a, "Регион").await?;
            let m = org::create_municipality(tx, &a, r, "Округ").await?;
            let s = org::create_school(tx, &a, m, "Школа № 9", "Школа 9").await?;
            subjects::seed_catalogue(tx, &a, s).await?;
            years::create_year(
                tx,
                &a,
                s,
                2022,
                PeriodKind::Quarter,
                &default_periods(PeriodKind::Quarter, 2022),
                true,
            )
            .await?;
            Ok(s)
        })
    })
    .await
    .unwrap()
}

fn deputy(school_id: Uuid) -> Viewer {
    Viewer {
        user_id: Uuid::nil(),
        session_id: Uuid::nil(),
        login: "deputy".into(),
        full_name: String::new(),
        locale: "ru".into(),
        must_change_password: false,
        roles: vec![Role::Deputy],
        school_id: Some(school_id),
        org_id: None,
        staff_id: None,
        pupil_id: None,
        parent_id: None,
        shmo_subjects: Vec::new(),
    }
}

#[test]
fn protocol_positions_take_the_exam_task_codes() {
    let bytes = protocol(&[row("Орлов", "+++++++", [3, 3, 1, 2, 1, 1, 1, 1, 1, 1, 1, 2], 4)]);
    let f = parse_gia("rus.csv", &bytes, &expect()).unwrap();
    let codes: Vec<&str> = f.tasks.iter().map(|t| t.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "2", "3", "4", "5", "6", "7", "8", "ИК1", "ИК2", "ИК3", "СК1", "СК2", "СК3", "СК4", "ГК1", "ГК2", "ГК3",
            "ГК4", "ФК1"
        ]
    );
    assert_eq!(f.task_max_sum(), 33);
    assert!(f.tasks.iter().all(|t| t.level.is_some() && !t.skills.is_empty()));
}

#[test]
fn a_protocol_that_does_not_fit_the_exam_task_table_is_located() {
    // One short answer too few.
    let bytes = protocol(&[row("Орлов", "++++++", [3, 3, 1, 2, 1, 1, 1, 1, 1, 1, 1, 2], 3)]);
    let e = parse_gia("rus.csv", &bytes, &expect()).unwrap_err();
    assert_eq!(e[0].msg.key, "assessment-error-exam-task-count");
    assert_eq!(
        (e[0].location.row, e[0].location.column.as_deref()),
        (Some(1), Some("Задания с кратким ответом"))
    );
    // A short answer scored 2 where the task gives 1 point.
    let bad = row("Орлов", "+2+++++", [3, 3, 1, 2, 1, 1, 1, 1, 1, 1, 1, 2], 4);
    let e = parse_gia("rus.csv", &protocol(&[bad]), &expect()).unwrap_err();
    assert_eq!(e[0].msg.key, "assessment-error-score-above-max");
    assert_eq!(
        e[0].msg.args.iter().find(|a| a.0 == "task").map(|a| a.1.as_str()),
        Some("3")
    );
    assert_eq!(e[0].location.row, Some(2));
}

#[tokio::test]
async fn literacy_criteria_decide_the_oge_russian_mark() {
    for t in testing::both().await {
        let s = school(&t.db).await;
        let rows = [
            // 25 points, ГК 4 → 4.
            row("Алексеев", "+++++++", [3, 3, 1, 2, 1, 1, 1, 1, 1, 1, 1, 2], 4),
            // 25 points, ГК 3 → 3 (the band of 4 needs ≥ 4 on ГК1–ГК4).
            row("Борисов", "+++++++", [3, 3, 1, 2, 2, 1, 1, 1, 1, 1, 0, 2], 3),
            // 30 points, ГК 5 → 4 (the band of 5 needs ≥ 6).
            row("Васильев", "+++++++", [3, 3, 1, 2, 3, 2, 2, 2, 1, 1, 1, 2], 4),
            // 31 points, ГК 6 → 5.
            row("Григорьев", "+++++++", [3, 3, 1, 2, 3, 2, 2, 2, 2, 1, 1, 2], 5),
        ];
        let parsed = parse_gia("rus.csv", &protocol(&rows), &expect()).unwrap();
        let report = apply(
            &t.db,
            &Actor::system("test"),
            s,
            parsed,
            date!(2023 - 06 - 30),
            false,
            None,
        )
        .await
        .unwrap();
        assert!(report.applied && report.errors.is_empty(), "{:?}", report.errors);
        let v = deputy(s);
        let id = report.procedure_id.unwrap();
        let tasks = read::tasks(&t.db, &v, id).await.unwrap();
        assert_eq!(tasks[14].code, "ГК1");
        let mut marks: Vec<(String, Option<i64>, Option<i64>)> = read::results(&t.db, &v, id)
            .await
            .unwrap()
            .into_iter()
            .map(|r| (r.participant_code, r.primary_score, r.mark))
            .collect();
        marks.sort();
        assert_eq!(
            marks,
            [
                ("Алексеев Иван".to_string(), Some(25), Some(4)),
                ("Борисов Иван".to_string(), Some(25), Some(3)),
                ("Васильев Иван".to_string(), Some(30), Some(4)),
                ("Григорьев Иван".to_string(), Some(31), Some(5)),
            ]
        );

        // A protocol that calls the ГК-3 row a 4 disagrees with the table: located, nothing written.
        let wrong = row("Дмитриев", "+++++++", [3, 3, 1, 2, 2, 1, 1, 1, 1, 1, 0, 2], 4);
        let parsed = parse_gia("rus.csv", &protocol(&[wrong]), &expect()).unwrap();
        let report = apply(
            &t.db,
            &Actor::system("test"),
            s,
            parsed,
            date!(2023 - 06 - 30),
            false,
            None,
        )
        .await
        .unwrap();
        assert!(!report.applied);
        assert_eq!(report.errors[0].msg.key, "assessment-import-error-mark-differs");
        assert_eq!(report.errors[0].row, 2);
        assert_eq!(read::results(&t.db, &v, id).await.unwrap().len(), 4);
        t.finish().await;
    }
}
