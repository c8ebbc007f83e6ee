//! The e-diary (`/diary` and `/api/v1/diary/…`) on SQLite and PostgreSQL: a pupil sees their
//! own week with the marks; a parent switches between two children; any other pupil is 404;
//! staff get 403; the new-marks feed shows a mark once; the period's weighted mean is the
//! domain's; the API says the same as the page.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

mod common;

use axum::http::StatusCode;
use common::*;
use time::{Date, Duration};
use uuid::Uuid;
use vsoko_domain::journal::Mark;
use vsoko_domain::journal::policy::WeightedMean;
use vsoko_store::journal::cells::{self, CellInput};
use vsoko_store::journal::lessons::{self, LessonInput};
use vsoko_store::journal::period_marks::{self, PeriodMarkInput};
use vsoko_store::people::pupils;
use vsoko_store::structure::{assignments, years};
use vsoko_store::{Actor, Db, Viewer, accounts, diary, scope};

const TODAY: Date = time::macros::date!(2026 - 11 - 26);

async fn viewer(db: &Db, login: &str) -> Viewer {
    let uid = accounts::user_id(db, login).await.unwrap().unwrap();
    scope::load_viewer(db, uid, Uuid::nil()).await.unwrap().unwrap()
}

async fn lesson(db: &Db, v: &Viewer, class: Uuid, subject: Uuid, d: Date, work_type: &str) -> Uuid {
    let (v, a) = (v.clone(), Actor::user(v.user_id, &v.login));
    let i = LessonInput {
        class_id: class,
        subject_id: subject,
        subgroup: String::new(),
        date: d,
        topic: "Дроби".into(),
        homework: "§ 12, № 3".into(),
        work_type: work_type.into(),
        reason: None,
    };
    db.write(move |tx| Box::pin(async move { lessons::create(tx, &a, &v, &i, TODAY).await }))
        .await
        .unwrap()
}

async fn save(db: &Db, v: &Viewer, lesson: Uuid, pupil: Uuid, marks: &str, att: &str, comment: &str) {
    let (v, a) = (v.clone(), Actor::user(v.user_id, &v.login));
    let i = CellInput {
        lesson_id: lesson,
        pupil_id: pupil,
        marks: marks.into(),
        attendance: att.into(),
        comment: comment.into(),
        expected_version: None,
        reason: None,
    };
    db.write(move |tx| Box::pin(async move { cells::save(tx, &a, &v, &i, TODAY).await }))
        .await
        .unwrap();
}

/// What the test put into the journal.
struct Setup {
    me: Uuid,
    sibling: Uuid,
    classmate: (Uuid, String),
    subject: (Uuid, String),
    sibling_subject: String,
    q3: Uuid,
    monday: String,
    l_test: Uuid,
}

/// Lessons of the third quarter (after the demo's journal): maths in 7А for the demo pupil
/// (a test 5 with a comment, a homework 3 4, an absence) and one lesson of the sibling (4);
/// a term mark 4 in maths.
async fn setup(app: &App) -> Setup {
    let db = &app.t.db;
    let (teacher, deputy, pupil, parent) = (
        viewer(db, "teacher").await,
        viewer(db, "deputy").await,
        viewer(db, "pupil").await,
        viewer(db, "parent").await,
    );
    let year = years::current(db, app.ids.school_id).await.unwrap().unwrap();
    let q3 = years::periods(db, app.ids.school_id, year.id).await.unwrap()[2].clone();
    let start = q3.start_date + Duration::days(7);
    let mon = start + Duration::days(i64::from((7 - start.weekday().number_days_from_monday()) % 7));
    let me = pupil.pupil_id.unwrap();
    let sibling = diary::pupils_of(db, &parent)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.id != me)
        .unwrap();
    let a = assignments::mine(db, &teacher, year.id)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.class_name == "7А" && a.subgroup.is_empty())
        .unwrap();
    let b = assignments::list(db, app.ids.school_id, year.id, None, sibling.class_id)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.subgroup.is_empty())
        .unwrap();
    let l_test = lesson(db, &teacher, a.class_id, a.subject_id, mon, "test").await;
    let l_absent = lesson(
        db,
        &teacher,
        a.class_id,
        a.subject_id,
        mon + Duration::days(1),
        "classwork",
    )
    .await;
    let l_home = lesson(
        db,
        &teacher,
        a.class_id,
        a.subject_id,
        mon + Duration::days(2),
        "homework",
    )
    .await;
    let l_sibling = lesson(db, &deputy, b.class_id, b.subject_id, mon + Duration::days(1), "oral").await;
    let classmate = pupils::list_visible(db, &teacher, "", Some(a.class_id))
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.id != me)
        .unwrap();
    save(db, &teacher, l_test, me, "5", "", "Молодец").await;
    save(db, &teacher, l_absent, me, "", "Н", "").await;
    save(db, &teacher, l_home, me, "3 4", "", "").await;
    save(db, &teacher, l_test, classmate.id, "2", "", "Чужой комментарий").await;
    save(db, &deputy, l_sibling, sibling.id, "4", "", "Хорошо").await;
    let (tv, pm) = (
        teacher.clone(),
        PeriodMarkInput {
            pupil_id: me,
            subject_id: a.subject_id,
            class_id: a.class_id,
            period_id: Some(q3.id),
            value: "4".into(),
            expected_version: None,
            reason: None,
        },
    );
    db.write(move |tx| {
        Box::pin(async move { period_marks::set(tx, &Actor::user(tv.user_id, &tv.login), &tv, &pm, TODAY).await })
    })
    .await
    .unwrap();
    Setup {
        me,
        sibling: sibling.id,
        classmate: (
            classmate.id,
            format!("{} {}", classmate.last_name, classmate.first_name),
        ),
        subject: (a.subject_id, a.subject_name),
        sibling_subject: b.subject_name,
        q3: q3.id,
        monday: format!("{mon}"),
        l_test,
    }
}

fn expected_mean() -> f64 {
    let m = |v: i64| Mark::new(v).unwrap();
    // Test (weight 5) 5, homework (weight 1) 3 and 4: the default policy's weights.
    WeightedMean::of(&[(m(5), 5), (m(3), 1), (m(4), 1)]).unwrap().value()
}

#[tokio::test]
async fn pupils_and_parents_read_the_diary_and_nobody_else_does() {
    for app in demo_apps().await {
        let s = setup(&app).await;
        let week = |pupil: Uuid| format!("/diary?pupil={pupil}&week={}", s.monday);

        // The pupil: own week with the mark, comment, homework and absence; the feed once.
        let pupil = app.login("pupil").await;
        let r = app.get(Some(&pupil), &format!("/diary?week={}", s.monday)).await;
        assert_eq!(r.status, StatusCode::OK, "{}: {}", app.t.backend, r.body);
        for text in [
            s.subject.1.as_str(),
            "mark mark-5",
            "Молодец",
            "§ 12, № 3",
            "Дроби",
            "title=\"отсутствие\"",
            "id=\"diary-feed\"",
            "Новые отметки",
        ] {
            assert!(r.body.contains(text), "{}: pupil's week lacks {text}", app.t.backend);
        }
        assert!(!r.body.contains("Чужой комментарий") && !r.body.contains("diary-children"));
        let again = app.get(Some(&pupil), &format!("/diary?week={}", s.monday)).await;
        assert!(
            !again.body.contains("id=\"diary-feed\""),
            "{}: the feed shows a mark once",
            app.t.backend
        );
        assert!(again.body.contains("mark mark-5"), "the week still shows it");

        // The marks tab: the weighted mean of the policy, the number of marks, the term mark.
        let r = app
            .get(Some(&pupil), &format!("/diary?tab=marks&period={}", s.q3))
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let mean = format!("{:.2}", expected_mean()).replace('.', ",");
        for text in [
            mean.as_str(),
            "3 отметки",
            "<strong class=\"diary-term\">4</strong>",
            "id=\"diary-year\"",
            "id=\"diary-attendance\"",
        ] {
            assert!(r.body.contains(text), "{}: marks tab lacks {text}", app.t.backend);
        }

        // The parent: both children in the switcher, each one's own marks; the feed is theirs.
        let parent = app.login("parent").await;
        let r = app.get(Some(&parent), "/diary").await;
        assert_eq!(r.status, StatusCode::OK);
        for child in [s.me, s.sibling] {
            assert!(
                r.body.contains(&format!("href=\"/diary?pupil={child}\"")),
                "{}: switcher lacks {child}",
                app.t.backend
            );
        }
        let r = app.get(Some(&parent), &week(s.sibling)).await;
        assert!(r.body.contains("mark mark-4") && r.body.contains(&s.sibling_subject) && r.body.contains("Хорошо"));
        assert!(!r.body.contains("Молодец"));
        assert!(
            r.body
                .contains(&format!("href=\"/diary?pupil={}\" aria-current=\"page\"", s.sibling))
        );
        let r = app.get(Some(&parent), &week(s.me)).await;
        assert!(
            r.body.contains("Молодец") && r.body.contains("id=\"diary-feed\""),
            "{}: the parent has not seen it yet",
            app.t.backend
        );

        // Any other pupil is not found, with nothing of theirs; staff have the journal instead.
        for path in [
            format!("/diary?pupil={}", s.classmate.0),
            "/diary?pupil=zzz".into(),
            format!("/diary?pupil={}", Uuid::nil()),
        ] {
            let r = app.get(Some(&parent), &path).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
            assert!(!r.body.contains(&s.classmate.1) && !r.body.contains("Чужой комментарий"));
        }
        assert_eq!(
            app.get(Some(&pupil), &week(s.sibling)).await.status,
            StatusCode::NOT_FOUND
        );
        for login in ["teacher", "deputy", "classteacher", "municipal"] {
            let c = app.login(login).await;
            assert_eq!(
                app.get(Some(&c), "/diary").await.status,
                StatusCode::FORBIDDEN,
                "{login}"
            );
            assert_eq!(
                app.get(Some(&c), &format!("/api/v1/diary/{}/week", s.me)).await.status,
                StatusCode::FORBIDDEN,
                "{login}"
            );
        }

        // The API says the same.
        let r = app
            .get(Some(&parent), &format!("/api/v1/diary/{}/week?date={}", s.me, s.monday))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let w: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(w["week_start"], s.monday.as_str());
        let lessons = w["lessons"].as_array().unwrap();
        assert_eq!(lessons.len(), 3);
        assert_eq!(
            (
                lessons[0]["lesson_id"].as_str(),
                lessons[0]["marks"].as_str(),
                lessons[0]["comment"].as_str()
            ),
            (Some(s.l_test.to_string().as_str()), Some("5"), Some("Молодец"))
        );
        assert_eq!(lessons[1]["attendance"], "absent");
        let r = app
            .get(Some(&pupil), &format!("/api/v1/diary/{}/marks?period={}", s.me, s.q3))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let m: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        let maths = m["subjects"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["subject_id"] == s.subject.0.to_string().as_str())
            .unwrap();
        assert!((maths["mean"].as_f64().unwrap() - expected_mean()).abs() < 1e-9);
        assert_eq!((maths["n"].as_i64(), maths["term_mark"].as_str()), (Some(3), Some("4")));
        assert_eq!(m["attendance"]["absent"], 1);
        for (path, status) in [
            (format!("/api/v1/diary/{}/week", s.classmate.0), StatusCode::NOT_FOUND),
            (format!("/api/v1/diary/{}/marks", s.sibling), StatusCode::NOT_FOUND),
            (
                format!("/api/v1/diary/{}/week?date=26.11.2026", s.me),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                format!("/api/v1/diary/{}/marks?period={}", s.me, Uuid::nil()),
                StatusCode::NOT_FOUND,
            ),
        ] {
            let r = app.get(Some(&pupil), &path).await;
            assert_eq!(r.status, status, "{path}: {}", r.body);
            assert!(!r.body.contains(&s.classmate.1));
        }
        let r = app
            .get(Some(&parent), &format!("/api/v1/diary/{}/marks", s.sibling))
            .await;
        assert_eq!(r.status, StatusCode::OK, "the parent reads the other child's marks");
        app.finish().await;
    }
}

/// The e-diary page is kept in memory and served again while nothing is written; a write
/// acknowledged by this process (the teacher's new comment) shows at the very next view, a
/// page with news is never kept (showing it moves the read receipt), and a kept page is the
/// viewer's own.
#[tokio::test]
async fn a_diary_page_is_kept_in_memory_but_never_hides_a_write() {
    for app in demo_apps().await {
        let s = setup(&app).await;
        let db = &app.t.db;
        let teacher = viewer(db, "teacher").await;
        let parent = app.login("parent").await;
        let url = format!("/diary?pupil={}&week={}", s.me, s.monday);
        // The first view shows the news and is not kept; later ones are, once the watch on
        // other processes' writes has polled.
        let first = app.get(Some(&parent), &url).await;
        assert_eq!(first.status, StatusCode::OK);
        assert_eq!(first.headers.get("x-vsoko-cache").map(String::as_str), Some("miss"));
        assert!(first.body.contains("id=\"diary-feed\""), "{}", first.body);
        let mut kept = None;
        for _ in 0..200 {
            let r = app.get(Some(&parent), &url).await;
            assert_eq!(r.status, StatusCode::OK);
            if r.headers.get("x-vsoko-cache").map(String::as_str) == Some("hit") {
                kept = Some(r.body);
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        let kept = kept.expect("a view without news is served from memory");
        assert!(kept.contains("Молодец") && !kept.contains("id=\"diary-feed\""));

        // The teacher changes the comment: the parent's next view is read anew and shows it.
        save(db, &teacher, s.l_test, s.me, "5", "", "Отлично").await;
        let r = app.get(Some(&parent), &url).await;
        assert_eq!(r.headers.get("x-vsoko-cache").map(String::as_str), Some("miss"));
        assert!(r.body.contains("Отлично") && !r.body.contains("Молодец"), "{}", r.body);

        // The pupil's own diary of the same week is the pupil's page, not the parent's.
        let pupil = app.login("pupil").await;
        let own = app.get(Some(&pupil), &format!("/diary?week={}", s.monday)).await;
        assert_eq!(own.status, StatusCode::OK);
        assert!(own.body.contains("Отлично"));
        assert!(
            !own.body.contains(&format!("/diary?pupil={}", s.sibling)),
            "no children switcher"
        );
        app.finish().await;
    }
}
