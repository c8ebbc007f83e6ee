//! The teacher's journal pages (`/journal…`) on SQLite and PostgreSQL: a teacher sees only
//! their own journals; marks saved as JSON come back in the grid; refused input is a 422
//! naming the field and writes nothing; a stale page's save wins and reports what it
//! overwrote; the class teacher reads but cannot write; a locked period refuses with the
//! lock message and a reopened one asks for a reason; term marks are set and shown; the cell
//! history lists every change; pupils and parents get nothing.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

mod common;
#[path = "journal/support.rs"]
mod support;

use axum::http::StatusCode;
use common::*;
use serde_json::json;
use support::*;
use time::Date;
use time::macros::date;
use uuid::Uuid;
use vsoko_store::Actor;
use vsoko_store::journal::cells;
use vsoko_store::journal::lessons::{self, LessonInput};

#[tokio::test]
async fn teachers_see_their_own_journals_and_pupils_and_parents_none() {
    for app in demo_apps().await {
        let j = journal(&app).await;
        let teacher = app.login("teacher").await;
        let list = app.get(Some(&teacher), "/journal").await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains(&j.url), "own journal listed");
        assert!(
            !list.body.contains(&format!("/journal/{}/", j.first_grade)),
            "no grade-1 journal"
        );
        assert!(list.body.contains("href=\"/journal\""), "nav link");

        let grid = app.get(Some(&teacher), &j.url).await;
        assert_eq!(grid.status, StatusCode::OK);
        assert!(grid.body.contains("data-writable=\"true\""));
        assert!(grid.body.contains("src=\"/assets/journal.js\"") && grid.body.contains("<noscript>"));
        let other = format!("/journal/{}/{}", j.first_grade, j.subject);
        assert_eq!(app.get(Some(&teacher), &other).await.status, StatusCode::NOT_FOUND);
        assert_eq!(
            app.get(Some(&teacher), "/journal/nonsense/x").await.status,
            StatusCode::NOT_FOUND
        );
        let other_school = app.ids.other_school_ids[0];
        let foreign = format!("/journal/{other_school}/{}", j.subject);
        assert_eq!(app.get(Some(&teacher), &foreign).await.status, StatusCode::NOT_FOUND);

        // The class teacher of 7А reads it; the administration picks any class.
        let ct = app.login("classteacher").await;
        let read = app.get(Some(&ct), &j.url).await;
        assert_eq!(read.status, StatusCode::OK);
        assert!(read.body.contains("data-writable=\"false\"") && read.body.contains("id=\"jreadonly\""));
        let deputy = app.login("deputy").await;
        let picked = app.get(Some(&deputy), &format!("/journal?class={}", j.class)).await;
        assert!(picked.body.contains(&j.url), "the picker lists the class's journals");
        assert_eq!(app.get(Some(&deputy), &other).await.status, StatusCode::OK);

        // Pupils, parents and aggregate roles have no journal.
        for login in ["pupil", "parent", "municipal"] {
            let c = app.login(login).await;
            assert_eq!(
                app.get(Some(&c), "/journal").await.status,
                StatusCode::FORBIDDEN,
                "{login}"
            );
            assert_eq!(app.get(Some(&c), &j.url).await.status, StatusCode::FORBIDDEN, "{login}");
            let r = app.post_json(Some(&c), "/journal/cells", &json!({})).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{login}");
            let r = app.post_json(Some(&c), "/journal/period-marks", &json!({})).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{login}");
            let h = app.get(Some(&c), "/journal/cells/history?lesson_id=x&pupil_id=y").await;
            assert_eq!(h.status, StatusCode::FORBIDDEN, "{login}");
        }
        app.finish().await;
    }
}

#[tokio::test]
async fn marks_entered_on_the_page_are_saved_checked_and_kept_with_their_history() {
    for app in demo_apps().await {
        let db = app.t.db.clone();
        let j = journal(&app).await;
        let teacher = app.login("teacher").await;
        let deputy = app.login("deputy").await;
        let lesson = add_lesson(&app, &teacher, &j, "20.11.2026", "Квадратные уравнения").await;
        let grid = app.get(Some(&teacher), &j.url).await;
        let pupils = attrs(&grid.body, "data-pupil");
        let (p1, p2, p3) = (&pupils[0], &pupils[1], &pupils[2]);

        // Saved as JSON, shown in the grid with the row's counters.
        let r = app
            .post_json(Some(&teacher), "/journal/cells", &cell(&lesson, p1, "54", "", 0))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let saved = json_of(&r);
        assert_eq!(saved["cell"]["marks"], "5 4");
        assert_eq!(saved["text"], "5 4");
        assert_eq!(saved["changed"], true);
        assert!(saved["overwritten"].is_null());
        assert_eq!(saved["row"]["count"], 2);
        assert_eq!(saved["row"]["mean"], "4,50");
        assert_eq!(saved["row"]["too_few"], true);
        let r = app
            .post_json(Some(&teacher), "/journal/cells", &cell(&lesson, p2, "", "н", 0))
            .await;
        assert_eq!(json_of(&r)["text"], "н");
        let grid = app.get(Some(&teacher), &j.url).await;
        assert!(
            grid.body.contains("class=\"jc\" value=\"5 4\" data-v=\"1\""),
            "mark in the grid"
        );
        assert!(
            grid.body.contains("<td class=\"abs\"><input class=\"jc\" value=\"н\""),
            "absence in the grid"
        );
        assert!(
            grid.body
                .contains("title=\"20.11.2026 · Контрольная работа · Квадратные уравнения · § 7\"")
        );

        // Refused input: 422 naming the field, in Russian, nothing written.
        for (marks, att, field, text) in [
            ("6", "", "marks", "от 1 до 5"),
            ("5555", "", "marks", "трёх"),
            ("5", "н", "marks", "Отсутствовавшему"),
            ("", "ж", "attendance", "уп"),
        ] {
            let r = app
                .post_json(Some(&teacher), "/journal/cells", &cell(&lesson, p3, marks, att, 0))
                .await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{marks}/{att}: {}", r.body);
            assert_eq!(r.content_type, "application/problem+json");
            let msg = json_of(&r)["errors"][field].as_str().unwrap_or_default().to_string();
            assert!(msg.contains(text), "{marks}/{att}: {msg}");
        }
        assert!(
            cells::get(&db, app.ids.school_id, lesson.parse().unwrap(), p3.parse().unwrap())
                .await
                .unwrap()
                .is_none()
        );
        let r = app
            .post_json(Some(&teacher), "/journal/cells", &json!({"lesson_id": lesson}))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let nobody = Uuid::nil().to_string();
        let r = app
            .post_json(Some(&teacher), "/journal/cells", &cell(&nobody, p1, "5", "", 0))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        // Last write wins; the stale page learns what it overwrote; no 409.
        let r = app
            .post_json(Some(&deputy), "/journal/cells", &cell(&lesson, p1, "3", "", 1))
            .await;
        assert!(json_of(&r)["overwritten"].is_null());
        let r = app
            .post_json(Some(&teacher), "/journal/cells", &cell(&lesson, p1, "4", "", 1))
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let stale = json_of(&r);
        assert_eq!(stale["overwritten"]["marks"], "3");
        assert_eq!(stale["cell"]["version"], 3);
        let note = stale["note"].as_str().unwrap_or_default();
        assert!(note.contains("deputy") && note.contains('3'), "{note}");

        // The class teacher reads but may not write: 404, nothing written.
        let ct = app.login("classteacher").await;
        let r = app
            .post_json(Some(&ct), "/journal/cells", &cell(&lesson, p3, "5", "", 0))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        // History: every change with who and old → new, for the teacher and the deputy.
        let h = format!("/journal/cells/history?lesson_id={lesson}&pupil_id={p1}");
        for c in [&teacher, &deputy, &ct] {
            let r = app.get(Some(c), &h).await;
            assert_eq!(r.status, StatusCode::OK);
            assert_eq!(r.body.matches("class=\"change\"").count(), 3, "{}", r.body);
            assert!(r.body.contains("— → 5 4") && r.body.contains("5 4 → 3") && r.body.contains("3 → 4"));
            assert!(r.body.contains("deputy") && !r.body.contains("<html"));
        }
        let r = app
            .get(
                Some(&teacher),
                &format!("/journal/cells/history?lesson_id={nobody}&pupil_id={p1}"),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        app.finish().await;
    }
}

#[tokio::test]
async fn term_marks_are_set_and_locked_periods_refuse_changes() {
    for app in demo_apps().await {
        let db = app.t.db.clone();
        let j = journal(&app).await;
        let deputy_v = viewer(&db, "deputy").await;
        let teacher = app.login("teacher").await;
        let grid = app.get(Some(&teacher), &j.url).await;
        let p1 = &attrs(&grid.body, "data-pupil")[0];

        // Term marks: set, shown in the grid and in the year overview; bad values refused.
        let period = j.periods[1].to_string();
        let pm = |value: &str, seen: i64| json!({"pupil_id": p1, "subject_id": j.subject, "class_id": j.class, "period_id": period, "value": value, "expected_version": seen});
        let r = app
            .post_json(Some(&teacher), "/journal/period-marks", &pm("5", 0))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(json_of(&r)["text"], "5");
        let r = app
            .post_json(Some(&teacher), "/journal/period-marks", &pm("н/а", 1))
            .await;
        let na = json_of(&r);
        assert_eq!(
            (na["text"].as_str(), na["changed"].as_bool()),
            (Some("н/а"), Some(true))
        );
        let r = app
            .post_json(Some(&teacher), "/journal/period-marks", &pm("7", 2))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            json_of(&r)["errors"]["value"]
                .as_str()
                .unwrap_or_default()
                .contains("н/а")
        );
        let grid = app.get(Some(&teacher), &format!("{}?period={period}", j.url)).await;
        assert!(
            grid.body.contains("class=\"pm\" value=\"н/а\" data-v=\"2\""),
            "term mark in the grid"
        );
        let year = app.get(Some(&teacher), &format!("{}?period=year", j.url)).await;
        assert_eq!(year.status, StatusCode::OK);
        assert!(year.body.contains("<td class=\"jterm\">н/а</td>"));
        let ym = json!({"pupil_id": p1, "subject_id": j.subject, "class_id": j.class, "period_id": null, "value": "4", "expected_version": 0});
        let r = app.post_json(Some(&teacher), "/journal/period-marks", &ym).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let year = app.get(Some(&teacher), &format!("{}?period=year", j.url)).await;
        assert!(
            year.body.contains("class=\"pm\" value=\"4\" data-v=\"1\""),
            "year mark shown"
        );

        // Quarter 1 locked: cells and lessons refused with the lock message.
        let q1 = j.periods[0];
        set_lock(&db, &deputy_v, q1, "open").await;
        let old = {
            let v = viewer(&db, "teacher").await;
            let a = Actor::user(v.user_id, &v.login);
            let i = LessonInput {
                class_id: j.class,
                subject_id: j.subject,
                subgroup: String::new(),
                date: date!(2026 - 10 - 01),
                topic: "Старый урок".into(),
                homework: String::new(),
                work_type: "oral".into(),
                reason: Some("пропущенный урок".into()),
            };
            let today: Date = date!(2026 - 11 - 26);
            db.write(move |tx| Box::pin(async move { lessons::create(tx, &a, &v, &i, today).await }))
                .await
                .unwrap()
                .to_string()
        };
        // Reopened after its end: a reason is needed, then the change is kept with it.
        let q1_page = app.get(Some(&teacher), &format!("{}?period={q1}", j.url)).await;
        assert!(
            q1_page.body.contains("id=\"jreason\""),
            "reason field of a reopened period"
        );
        let r = app
            .post_json(Some(&teacher), "/journal/cells", &cell(&old, p1, "5", "", 0))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            json_of(&r)["errors"]["reason"]
                .as_str()
                .unwrap_or_default()
                .contains("причину")
        );
        let mut with_reason = cell(&old, p1, "5", "", 0);
        with_reason["reason"] = json!("исправление ошибки");
        assert_eq!(
            app.post_json(Some(&teacher), "/journal/cells", &with_reason)
                .await
                .status,
            StatusCode::OK
        );
        let h = app
            .get(
                Some(&teacher),
                &format!("/journal/cells/history?lesson_id={old}&pupil_id={p1}"),
            )
            .await;
        assert!(h.body.contains("исправление ошибки"));
        set_lock(&db, &deputy_v, q1, "locked").await;
        let r = app.post_json(Some(&teacher), "/journal/cells", &with_reason).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            json_of(&r)["errors"]["period"]
                .as_str()
                .unwrap_or_default()
                .contains("закрыт")
        );
        let q1_page = app.get(Some(&teacher), &format!("{}?period={q1}", j.url)).await;
        assert!(q1_page.body.contains("id=\"jlocked\"") && q1_page.body.contains("data-writable=\"false\""));
        let (class, subject) = (j.class.to_string(), j.subject.to_string());
        let r = app
            .post_form(
                Some(&teacher),
                "/journal/lessons",
                &[
                    ("class_id", &class),
                    ("subject_id", &subject),
                    ("date", "02.10.2026"),
                    ("work_type", "oral"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("field-error") && r.body.contains("закрыт"));
        app.finish().await;
    }
}

#[tokio::test]
async fn lessons_are_planned_from_dates_and_edited_in_their_header() {
    for app in demo_apps().await {
        let j = journal(&app).await;
        let teacher = app.login("teacher").await;
        let lesson = add_lesson(&app, &teacher, &j, "20.11.2026", "Степени").await;
        let r = plan(&app, &teacher, &j, "23.11.2026, 24.11.2026\n20.11.2026").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let to = r.location.unwrap();
        assert!(to.contains("planned=2") && to.contains("skipped=1"), "{to}");
        let page = app.get(Some(&teacher), &to).await;
        assert!(page.body.contains("Запланировано 2 урока."));
        assert_eq!(attrs(&page.body, "data-lesson").len(), 3);
        for bad in ["31.02.2026", "", "28.12.2026 30.12.2026"] {
            let r = plan(&app, &teacher, &j, bad).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
            assert!(r.body.contains("field-error"), "{bad}");
        }
        assert_eq!(
            attrs(&app.get(Some(&teacher), &j.url).await.body, "data-lesson").len(),
            3,
            "a refused plan adds nothing"
        );

        // The header form: topic, homework and work type.
        let edit = format!("/journal/lessons/{lesson}");
        let form = app.get(Some(&teacher), &format!("{}?lesson={lesson}", j.url)).await;
        assert!(form.body.contains(&format!("action=\"{edit}\"")));
        let r = app
            .post_form(
                Some(&teacher),
                &edit,
                &[
                    ("topic", "Степень с целым показателем"),
                    ("homework", "№ 5"),
                    ("work_type", "independent"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let page = app.get(Some(&teacher), r.location.as_deref().unwrap()).await;
        assert!(
            page.body
                .contains("Самостоятельная работа · Степень с целым показателем · № 5")
        );
        let r = app
            .post_form(Some(&teacher), &edit, &[("topic", "x"), ("work_type", "nonsense")])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let ct = app.login("classteacher").await;
        let r = app
            .post_form(Some(&ct), &edit, &[("topic", "чужой"), ("work_type", "oral")])
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        app.finish().await;
    }
}
