//! The JSON API under /api/v1: authentication, the same scope and permissions as the pages,
//! problem documents for errors, CSRF for browsers but not for scripts, and the OpenAPI
//! document with its committed copy in docs/openapi.json. Writes are in api/writes.rs, the
//! document in api/openapi.rs.

mod common;
#[path = "api/openapi.rs"]
mod openapi;
#[path = "api/writes.rs"]
mod writes;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use serde_json::{Value, json};
use std::collections::HashSet;
use uuid::Uuid;

pub fn json_of(r: &Resp) -> Value {
    serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.body))
}

pub fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x["id"].as_str().expect("id").to_string())
        .collect()
}

pub async fn put_json(app: &App, cookie: &str, path: &str, body: &Value) -> Resp {
    let req = Request::put(path)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, cookie)
        .body(Body::from(body.to_string()))
        .expect("request");
    app.send(req).await
}

pub async fn delete(app: &App, cookie: &str, path: &str) -> Resp {
    let req = Request::delete(path)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .expect("request");
    app.send(req).await
}

pub async fn get_json(app: &App, cookie: &str, path: &str) -> Value {
    let r = app.get(Some(cookie), path).await;
    assert_eq!(r.status, StatusCode::OK, "GET {path} on {}: {}", app.t.backend, r.body);
    assert!(
        r.content_type.starts_with("application/json"),
        "{path}: {}",
        r.content_type
    );
    json_of(&r)
}

pub fn assert_problem(r: &Resp, status: StatusCode, field: Option<&str>) {
    assert_eq!(r.status, status, "{}", r.body);
    assert_eq!(r.content_type, "application/problem+json");
    let p = json_of(r);
    assert_eq!(p["status"], status.as_u16());
    assert_eq!(p["title"], status.canonical_reason().unwrap_or(""));
    if let Some(field) = field {
        assert!(p["errors"][field].is_string(), "problem names {field}: {p}");
    }
}

#[tokio::test]
async fn api_keeps_the_scope_and_permissions_of_the_pages() {
    for app in demo_apps().await {
        let db = &app.state.db;
        // Without a session: 401 problems.
        for path in ["/api/v1/me", "/api/v1/pupils", "/api/v1/schools"] {
            let r = app.get(None, path).await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{path}");
            assert_eq!(r.content_type, "application/problem+json");
        }
        let r = app.get(None, "/api/openapi.json").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(json_of(&r)["paths"]["/api/v1/pupils"].is_object());

        // A teacher sees exactly the pupils the store scopes to them, all in classes they teach.
        let teacher = app.login("teacher").await;
        let me = get_json(&app, &teacher, "/api/v1/me").await;
        assert_eq!(me["login"], "teacher");
        assert_eq!(me["roles"], json!(["teacher"]));
        assert_eq!(me["school_id"], json!(app.ids.school_id));
        assert!(me["staff_id"].is_string());
        let user_id: Uuid = serde_json::from_value(me["user_id"].clone()).expect("user id");
        let viewer = vsoko_store::scope::load_viewer(db, user_id, Uuid::nil())
            .await
            .expect("viewer")
            .expect("active");
        let expected = vsoko_store::people::pupils::list_visible(db, &viewer, "", None)
            .await
            .expect("store");
        let pupils = get_json(&app, &teacher, "/api/v1/pupils").await;
        let got = ids(&pupils);
        assert!(!got.is_empty());
        assert_eq!(got, expected.iter().map(|p| p.id.to_string()).collect::<Vec<_>>());
        let taught: HashSet<String> = get_json(&app, &teacher, "/api/v1/assignments?mine=true")
            .await
            .as_array()
            .expect("array")
            .iter()
            .map(|a| a["class_id"].as_str().expect("class").to_string())
            .collect();
        assert!(!taught.is_empty());
        for p in pupils.as_array().expect("array") {
            assert!(taught.contains(p["class_id"].as_str().expect("class")), "{p}");
        }
        let classes = get_json(&app, &teacher, "/api/v1/classes").await;
        let class_ids: HashSet<String> = ids(&classes).into_iter().collect();
        assert_eq!(class_ids, taught, "a teacher's classes are the taught ones");
        // Staff lists and the whole school's assignments need ViewSchoolRoster.
        assert_problem(
            &app.get(Some(&teacher), "/api/v1/staff").await,
            StatusCode::FORBIDDEN,
            None,
        );
        assert_problem(
            &app.get(Some(&teacher), "/api/v1/assignments").await,
            StatusCode::FORBIDDEN,
            None,
        );
        assert_problem(
            &app.get(Some(&teacher), "/api/v1/schools").await,
            StatusCode::FORBIDDEN,
            None,
        );
        assert_problem(
            &app.get(Some(&teacher), "/api/v1/parents").await,
            StatusCode::FORBIDDEN,
            None,
        );

        // The administration sees the whole school; a class outside a teacher's load is 404.
        let admin = app.login("admin").await;
        let all = ids(&get_json(&app, &admin, "/api/v1/pupils").await);
        assert!(all.len() > got.len());
        let all_classes = get_json(&app, &admin, "/api/v1/classes").await;
        let foreign_class = ids(&all_classes)
            .into_iter()
            .find(|c| !class_ids.contains(c))
            .expect("a class the teacher does not teach");
        let r = app
            .get(Some(&teacher), &format!("/api/v1/classes/{foreign_class}"))
            .await;
        assert_problem(&r, StatusCode::NOT_FOUND, None);
        get_json(&app, &admin, &format!("/api/v1/classes/{foreign_class}")).await;
        let in_class = get_json(&app, &admin, &format!("/api/v1/pupils?q=&class_id={foreign_class}")).await;
        let in_class = in_class.as_array().expect("array");
        assert!(!in_class.is_empty());
        assert!(in_class.iter().all(|p| p["class_id"] == json!(foreign_class)));
        assert_eq!(ids(&get_json(&app, &admin, "/api/v1/pupils?q=&class_id=").await), all);
        let r = app.get(Some(&admin), "/api/v1/pupils?class_id=nope").await;
        assert_problem(&r, StatusCode::BAD_REQUEST, None);

        // A parent sees their child with parents and history; any other pupil is 404.
        let parent = app.login("parent").await;
        let children = ids(&get_json(&app, &parent, "/api/v1/pupils").await);
        assert!(!children.is_empty());
        let child = get_json(&app, &parent, &format!("/api/v1/pupils/{}", children[0])).await;
        assert!(!child["parents"].as_array().expect("parents").is_empty());
        assert!(!child["history"].as_array().expect("history").is_empty());
        let other = all.iter().find(|id| !children.contains(id)).expect("another pupil");
        let r = app.get(Some(&parent), &format!("/api/v1/pupils/{other}")).await;
        assert_problem(&r, StatusCode::NOT_FOUND, None);
        let r = app.get(Some(&parent), "/api/v1/pupils/not-a-uuid").await;
        assert_problem(&r, StatusCode::NOT_FOUND, None);
        // Like the /classes page: class lists are for staff, a parent is refused.
        assert_problem(
            &app.get(Some(&parent), "/api/v1/classes").await,
            StatusCode::FORBIDDEN,
            None,
        );

        // Municipal and regional specialists: no pupils, aggregates of every school, no names.
        let municipal = app.login("municipal").await;
        assert_problem(
            &app.get(Some(&municipal), "/api/v1/pupils").await,
            StatusCode::FORBIDDEN,
            None,
        );
        assert_problem(
            &app.get(Some(&municipal), "/api/v1/classes").await,
            StatusCode::FORBIDDEN,
            None,
        );
        let r = app.get(Some(&municipal), "/api/v1/schools").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let schools = json_of(&r);
        let schools = schools.as_array().expect("array");
        assert_eq!(schools.len(), 3);
        let mut school_ids: Vec<Uuid> = schools
            .iter()
            .map(|s| serde_json::from_value(s["school_id"].clone()).expect("id"))
            .collect();
        school_ids.sort();
        let mut demo_ids = app.ids.other_school_ids.clone();
        demo_ids.push(app.ids.school_id);
        demo_ids.sort();
        assert_eq!(school_ids, demo_ids);
        for s in schools {
            let keys: HashSet<&str> = s.as_object().expect("object").keys().map(String::as_str).collect();
            assert_eq!(
                keys,
                HashSet::from(["school_id", "name", "municipality", "classes", "pupils", "staff"])
            );
            for n in ["classes", "pupils", "staff"] {
                assert!(s[n].as_i64().expect("count") > 0, "{n} of {s}");
            }
        }
        for p in expected.iter().take(20) {
            assert!(!r.body.contains(&p.last_name), "no pupil names in aggregates");
        }
        let regional = app.login("regional").await;
        assert_eq!(
            get_json(&app, &regional, "/api/v1/schools")
                .await
                .as_array()
                .map(Vec::len),
            Some(3)
        );
        let director = app.login("director").await;
        let own = get_json(&app, &director, "/api/v1/schools").await;
        assert_eq!(own.as_array().map(Vec::len), Some(1));
        assert_eq!(own[0]["school_id"], json!(app.ids.school_id));
        assert_problem(
            &app.get(Some(&admin), "/api/v1/schools").await,
            StatusCode::FORBIDDEN,
            None,
        );
        app.finish().await;
    }
}
