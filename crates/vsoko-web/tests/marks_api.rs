//! The journal API round trip on both backends: a lesson, its cells, a term mark and the
//! attendance totals written and read back through `/api/v1`, scoped like the pages.

mod common;
mod journal_support;

use axum::http::StatusCode;
use common::*;
use journal_support::*;
use serde_json::{Value, json};

fn parse(r: &Resp) -> Value {
    serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("{} {}", r.status, r.body))
}

#[tokio::test]
async fn journal_api_round_trip() {
    for app in demo_apps().await {
        let (db, school) = (&app.t.db, app.ids.school_id);
        let (_, a, roster) = seventh(db, school).await;
        let q2 = periods(db, school).await[1].id;
        let teacher = app.login("teacher").await;
        let (p1, p2) = (roster[0].id, roster[1].id);

        // A lesson.
        let body = json!({"class_id": a.class_id, "subject_id": a.subject_id, "date": "2026-11-19", "topic": "Уравнения", "homework": "№ 12", "work_type": "test"});
        let r = app.post_json(Some(&teacher), "/api/v1/lessons", &body).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let lesson = parse(&r);
        let lesson_id = lesson["id"].as_str().unwrap().to_string();
        assert_eq!(lesson["period_id"].as_str().unwrap(), q2.to_string());
        let query = format!("class_id={}&subject_id={}&period_id={q2}", a.class_id, a.subject_id);
        let list = parse(&app.get(Some(&teacher), &format!("/api/v1/lessons?{query}")).await);
        assert_eq!(list.as_array().unwrap().len(), 1);
        assert_eq!(list[0]["topic"], "Уравнения");
        let holiday = json!({"class_id": a.class_id, "subject_id": a.subject_id, "date": "2026-10-30"});
        let r = app.post_json(Some(&teacher), "/api/v1/lessons", &holiday).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(parse(&r)["errors"]["date"].is_string());

        // Cells: saved, read back; a 6 is refused naming the field; a pupil may not write.
        let r = app
            .post_json(
                Some(&teacher),
                "/api/v1/marks",
                &json!({"lesson_id": lesson_id, "pupil_id": p1, "marks": "54"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let saved = parse(&r);
        assert_eq!(
            (saved["cell"]["marks"].as_str(), saved["changed"].as_bool()),
            (Some("5 4"), Some(true))
        );
        app.post_json(
            Some(&teacher),
            "/api/v1/marks",
            &json!({"lesson_id": lesson_id, "pupil_id": p2, "attendance": "Н"}),
        )
        .await;
        let bad = app
            .post_json(
                Some(&teacher),
                "/api/v1/marks",
                &json!({"lesson_id": lesson_id, "pupil_id": p2, "marks": "6"}),
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(parse(&bad)["errors"]["marks"].is_string());
        let pupil = app.login("pupil").await;
        let r = app
            .post_json(
                Some(&pupil),
                "/api/v1/marks",
                &json!({"lesson_id": lesson_id, "pupil_id": p1, "marks": "2"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let cells = parse(&app.get(Some(&teacher), &format!("/api/v1/marks?{query}")).await);
        assert_eq!(cells.as_array().unwrap().len(), 2);
        let classteacher = app.login("classteacher").await;
        assert_eq!(
            parse(&app.get(Some(&classteacher), &format!("/api/v1/marks?{query}")).await)
                .as_array()
                .unwrap()
                .len(),
            2
        );

        // Term mark: set, read back; a stale version learns what it overwrote.
        let set =
            json!({"pupil_id": p1, "subject_id": a.subject_id, "class_id": a.class_id, "period_id": q2, "value": "5"});
        let r = app.post_json(Some(&teacher), "/api/v1/period-marks", &set).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let again = json!({"pupil_id": p1, "subject_id": a.subject_id, "class_id": a.class_id, "period_id": q2, "value": "н/а", "expected_version": 0});
        let r = parse(&app.post_json(Some(&teacher), "/api/v1/period-marks", &again).await);
        assert_eq!(
            (r["mark"]["value"].as_str(), r["overwritten"]["value"].as_str()),
            (Some("na"), Some("5"))
        );
        let terms = parse(&app.get(Some(&teacher), &format!("/api/v1/period-marks?{query}")).await);
        assert_eq!(terms.as_array().unwrap().len(), 1);
        let year_marks = parse(
            &app.get(Some(&teacher), &format!("/api/v1/period-marks?{query}&year=true"))
                .await,
        );
        assert!(year_marks.as_array().unwrap().is_empty());

        // Attendance totals per pupil.
        let att = parse(
            &app.get(
                Some(&teacher),
                &format!("/api/v1/attendance?class_id={}&period_id={q2}", a.class_id),
            )
            .await,
        );
        let of = |id: uuid::Uuid| {
            att.as_array()
                .unwrap()
                .iter()
                .find(|p| p["pupil_id"] == id.to_string())
                .cloned()
                .unwrap()
        };
        assert_eq!(
            (of(p2)["absences"].as_i64(), of(p1)["absences"].as_i64()),
            (Some(1), Some(0))
        );

        // Out of scope: another school's class is not found; a missing class id is 422.
        let other = app.ids.other_school_ids[0];
        let r = app
            .get(Some(&teacher), &format!("/api/v1/attendance?class_id={other}"))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert_eq!(
            app.get(Some(&teacher), "/api/v1/lessons").await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        app.finish().await;
    }
}
