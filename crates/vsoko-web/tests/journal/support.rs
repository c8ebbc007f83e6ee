//! Helpers of the journal tests: the demo teacher's 7А algebra journal, lessons added
//! through the page's form, and reading ids and tooltips out of the grid's HTML.

use super::common::*;
use axum::http::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;
use vsoko_store::journal::locks;
use vsoko_store::structure::{assignments, classes, years};
use vsoko_store::{Actor, Db, Viewer, accounts, scope};

pub async fn viewer(db: &Db, login: &str) -> Viewer {
    let uid = accounts::user_id(db, login).await.unwrap().unwrap();
    scope::load_viewer(db, uid, Uuid::nil()).await.unwrap().unwrap()
}

pub async fn set_lock(db: &Db, deputy: &Viewer, period: Uuid, mode: &'static str) {
    let d = deputy.clone();
    db.write(move |tx| {
        Box::pin(async move { locks::set_mode(tx, &Actor::user(d.user_id, &d.login), d.school(), period, mode).await })
    })
    .await
    .unwrap();
}

/// Every `attr="…"` value in a page, in order.
pub fn attrs(body: &str, attr: &str) -> Vec<String> {
    let needle = format!("{attr}=\"");
    body.split(&needle)
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_string())
        .collect()
}

/// The lesson columns of a grid: (lesson id, tooltip).
pub fn lesson_heads(body: &str) -> Vec<(String, String)> {
    body.split("<th class=\"jl\" data-lesson=\"")
        .skip(1)
        .map(|s| {
            let id = s.split('"').next().unwrap().to_string();
            let title = s
                .split("title=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_string();
            (id, title)
        })
        .collect()
}

pub fn json_of(r: &Resp) -> Value {
    serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.body))
}

pub fn cell(lesson: &str, pupil: &str, marks: &str, att: &str, seen: i64) -> Value {
    json!({"lesson_id": lesson, "pupil_id": pupil, "marks": marks, "attendance": att, "expected_version": seen})
}

/// The 7А algebra journal of the demo teacher, and a grade-1 class nobody of them teaches.
pub struct Journal {
    pub class: Uuid,
    pub subject: Uuid,
    pub first_grade: Uuid,
    pub periods: Vec<Uuid>,
    pub url: String,
}

pub async fn journal(app: &App) -> Journal {
    let db = &app.t.db;
    let teacher = viewer(db, "teacher").await;
    let deputy = viewer(db, "deputy").await;
    let year = years::current(db, app.ids.school_id).await.unwrap().unwrap();
    let a = assignments::mine(db, &teacher, year.id)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.class_name == "7А" && a.subject_name == "Алгебра")
        .unwrap();
    let first_grade = classes::list_visible(db, &deputy, year.id, "")
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.grade == 1)
        .unwrap()
        .id;
    let periods = years::periods(db, app.ids.school_id, year.id)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    Journal {
        class: a.class_id,
        subject: a.subject_id,
        first_grade,
        periods,
        url: format!("/journal/{}/{}", a.class_id, a.subject_id),
    }
}

/// Adds a lesson through the page's form; returns its id.
pub async fn add_lesson(app: &App, cookie: &str, j: &Journal, date: &str, topic: &str) -> String {
    let (class, subject) = (j.class.to_string(), j.subject.to_string());
    let r = app
        .post_form(
            Some(cookie),
            "/journal/lessons",
            &[
                ("class_id", &class),
                ("subject_id", &subject),
                ("subgroup", ""),
                ("date", date),
                ("topic", topic),
                ("homework", "§ 7"),
                ("work_type", "test"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.get(Some(cookie), r.location.as_deref().unwrap()).await;
    lesson_heads(&page.body)
        .into_iter()
        .filter(|(_, title)| title.starts_with(date) && title.contains(topic))
        .map(|(id, _)| id)
        .next_back()
        .unwrap_or_else(|| panic!("lesson of {date} in the grid"))
}

/// Plans lessons through the page's form.
pub async fn plan(app: &App, cookie: &str, j: &Journal, dates: &str) -> Resp {
    let (class, subject) = (j.class.to_string(), j.subject.to_string());
    app.post_form(
        Some(cookie),
        "/journal/lessons/plan",
        &[
            ("class_id", &class),
            ("subject_id", &subject),
            ("dates", dates),
            ("work_type", "classwork"),
        ],
    )
    .await
}
