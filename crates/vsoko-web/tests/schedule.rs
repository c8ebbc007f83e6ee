//! The assessment schedule page on both databases: the deputy adds, edits and removes
//! procedures with field errors; the validator's findings are listed with their reasons;
//! teachers and the director read; a pupil sees only their class's procedures; the export
//! reads back as a class × subject × month table.

mod common;

use axum::http::StatusCode;
use calamine::{Data, Reader, Xlsx};
use common::*;
use std::io::Cursor;
use vsoko_store::schedule;
use vsoko_store::structure::{classes, subjects, years};

#[tokio::test]
async fn the_deputy_plans_procedures_and_sees_the_rules_checked_on_both_backends() {
    for app in demo_apps().await {
        let db = &app.t.db;
        let school = app.ids.school_id;
        let year = years::current(db, school).await.unwrap().unwrap();
        let year_id = year.id;
        let all = db
            .write(move |tx| Box::pin(async move { classes::all_in(tx, school, year_id).await }))
            .await
            .unwrap();
        let class = |name: &str| all.iter().find(|c| c.0 == name).unwrap().1.to_string();
        let subject = async |name: &str| subjects::list(db, school, name).await.unwrap()[0].id.to_string();
        let c7a = class("7А");
        let c5a = class("5А");
        let rus = subject("Русский язык").await;
        let hist = subject("История").await;
        let deputy = app.login("deputy").await;
        let r = app.get(Some(&deputy), "/schedule").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains("График оценочных процедур"));

        let entry = |class: &str, subject: &str, date: &str, lesson: &str, name: &str| {
            vec![
                ("class_id", class.to_string()),
                ("subject_id", subject.to_string()),
                ("date", date.to_string()),
                ("lesson", lesson.to_string()),
                ("lessons_in_day", "6".to_string()),
                ("duration", "1".to_string()),
                ("level", "school".to_string()),
                ("name", name.to_string()),
            ]
        };
        let post = |path: &'static str, form: Vec<(&'static str, String)>| {
            let deputy = deputy.clone();
            let app = &app;
            async move {
                let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                app.post_form(Some(&deputy), path, &pairs).await
            }
        };

        // A lesson past the end of the day is a field error; the typed values stay.
        let r = post("/schedule", entry(&c7a, &rus, "14.10.2026", "7", "Диктант №1")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.body.contains("class=\"field-error\"") && r.body.contains("номер урока"),
            "{}",
            r.body
        );
        assert!(r.body.contains("value=\"Диктант №1\""));
        let r = post("/schedule", entry(&c7a, &rus, "31.02.2026", "3", "Диктант №1")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("ДД.ММ.ГГГГ"));
        let r = post("/schedule", entry(&c7a, &rus, "14.07.2027", "3", "Диктант №1")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("вне учебного года"), "{}", r.body);
        assert!(schedule::all_of_year(db, school, year.id).await.unwrap().is_empty());

        // Two procedures in 7А on one day: saved, and the check names both.
        let r = post("/schedule", entry(&c7a, &rus, "14.10.2026", "3", "Диктант №1")).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(r.location.as_deref(), Some("/schedule?month=2026-10"));
        post("/schedule", entry(&c7a, &hist, "14.10.2026", "4", "Тест по истории")).await;
        post("/schedule", entry(&c5a, &hist, "20.10.2026", "2", "Входной тест 5А")).await;
        let page = app.get(Some(&deputy), "/schedule?month=2026-10").await;
        assert!(page.body.contains("Больше одной процедуры в день"), "{}", page.body);
        assert!(
            page.body.contains("7А, 14.10.2026: 2 оценочные процедуры в один день"),
            "{}",
            page.body
        );
        assert!(page.body.contains("Диктант №1") && page.body.contains("Тест по истории"));
        assert!(page.body.contains("class=\"badge level-school violation\""));

        // Teachers and the director read the schedule and its check, but do not edit.
        for login in ["teacher", "director"] {
            let c = app.login(login).await;
            let r = app.get(Some(&c), "/schedule?month=2026-10").await;
            assert_eq!(r.status, StatusCode::OK);
            assert!(r.body.contains("Входной тест 5А") && r.body.contains("id=\"findings\""));
            assert!(
                !r.body.contains("method=\"post\" action=\"/schedule\""),
                "{login} has no add form"
            );
            let r = app.post_form(Some(&c), "/schedule", &[("name", "x")]).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN);
        }

        // The pupil of 7А sees 7А's procedures only, and no findings.
        let pupil = app.login("pupil").await;
        let r = app.get(Some(&pupil), "/schedule?month=2026-10").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("Диктант №1"));
        assert!(!r.body.contains("Входной тест 5А") && !r.body.contains("id=\"findings\""));

        // Moving the history test to another day clears the finding; removing works.
        let stored = schedule::all_of_year(db, school, year.id).await.unwrap();
        let test = stored.iter().find(|e| e.name == "Тест по истории").unwrap().id;
        let r = app.get(Some(&deputy), &format!("/schedule/{test}/edit")).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("value=\"14.10.2026\""));
        let path: &'static str = Box::leak(format!("/schedule/{test}").into_boxed_str());
        let r = post(path, entry(&c7a, &hist, "15.10.2026", "9", "Тест по истории")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "lesson 9 of 6");
        let r = post(path, entry(&c7a, &hist, "15.10.2026", "4", "Тест по истории")).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let page = app.get(Some(&deputy), "/schedule?month=2026-10").await;
        assert!(!page.body.contains("в один день"), "{}", page.body);
        let first = stored.iter().find(|e| e.class_name == "5А").unwrap().id;
        let del: &'static str = Box::leak(format!("/schedule/{first}/delete").into_boxed_str());
        let r = post(del, Vec::new()).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(schedule::all_of_year(db, school, year.id).await.unwrap().len(), 2);

        // The export: class × subject rows, a column per month.
        let r = app.get(Some(&deputy), "/schedule.xlsx").await;
        assert_eq!(r.status, StatusCode::OK);
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(r.bytes.clone())).unwrap();
        let range = book.worksheet_range("График").unwrap();
        let at = |row: u32, col: u32| match range.get_value((row, col)) {
            Some(Data::String(s)) => s.clone(),
            Some(Data::Float(f)) => f.to_string(),
            _ => String::new(),
        };
        assert!(at(0, 0).contains("2026/2027"), "{}", at(0, 0));
        assert_eq!((at(3, 2), at(3, 3)), ("Сентябрь".to_string(), "Октябрь".to_string()));
        let rows: Vec<(String, String, String)> = (4..6).map(|r| (at(r, 0), at(r, 1), at(r, 3))).collect();
        assert!(
            rows.contains(&("7А".into(), "Русский язык".into(), "14.10 Ш: Диктант №1".into())),
            "{rows:?}"
        );
        assert!(
            rows.contains(&("7А".into(), "История".into(), "15.10 Ш: Тест по истории".into())),
            "{rows:?}"
        );
        app.finish().await;
    }
}
