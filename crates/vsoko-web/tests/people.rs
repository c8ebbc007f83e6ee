//! People pages: who sees which pupil and class, and the administration of staff, pupils
//! (with class moves and history) and parents, on both backends.

mod common;

use axum::http::StatusCode;
use common::*;
use uuid::Uuid;
use vsoko_store::people::{parents, pupils, staff};
use vsoko_store::structure::{classes, years};
use vsoko_store::{Viewer, accounts, audit, scope};

async fn viewer(app: &App, login: &str) -> Viewer {
    let uid = accounts::user_id(&app.t.db, login)
        .await
        .expect("query")
        .expect("demo login");
    scope::load_viewer(&app.t.db, uid, Uuid::nil())
        .await
        .expect("query")
        .expect("viewer")
}

/// Number of links to pupil cards in a page.
fn pupil_links(body: &str) -> usize {
    body.matches("href=\"/pupils/").count()
}

/// The id at the end of a redirect such as `/pupils/{id}` or `/admin/parents/{id}/edit`.
fn id_in(location: &str) -> Uuid {
    location
        .split('/')
        .find_map(|part| Uuid::parse_str(part).ok())
        .unwrap_or_else(|| panic!("no id in {location}"))
}

#[tokio::test]
async fn each_role_sees_only_the_pupils_and_classes_in_its_scope() {
    for app in demo_apps().await {
        let db = &app.t.db;
        let school = app.ids.school_id;
        let year = years::current(db, school).await.unwrap().expect("current year");
        let admin = viewer(&app, "admin").await;
        let teacher = viewer(&app, "teacher").await;
        let all_classes = classes::list_visible(db, &admin, year.id, "").await.unwrap();
        let own_classes = classes::list_visible(db, &teacher, year.id, "").await.unwrap();
        assert!(!own_classes.is_empty() && own_classes.len() < all_classes.len());
        let other_class = all_classes
            .iter()
            .find(|c| !own_classes.iter().any(|o| o.id == c.id))
            .expect("a class the teacher does not teach");
        let stranger = pupils::list_visible(db, &admin, "", Some(other_class.id))
            .await
            .unwrap()[0]
            .clone();
        let own = pupils::list_visible(db, &teacher, "", None).await.unwrap();
        assert!(!own.is_empty());

        // A teacher: own classes' pupils only; another class's pupil is not found.
        let c = app.login("teacher").await;
        let r = app.get(Some(&c), "/pupils").await;
        assert_eq!(r.status, StatusCode::OK, "{}", app.t.backend);
        assert!(r.body.contains(&own[0].id.to_string()));
        assert!(!r.body.contains(&stranger.id.to_string()));
        let r = app.get(Some(&c), &format!("/pupils/{}", own[0].id)).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains(&own[0].last_name) && r.body.contains("id=\"history\""));
        assert_eq!(
            app.get(Some(&c), &format!("/pupils/{}", stranger.id)).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.get(Some(&c), "/pupils/not-an-id").await.status,
            StatusCode::NOT_FOUND
        );
        // The class filter cannot widen the scope.
        let r = app.get(Some(&c), &format!("/pupils?class={}", other_class.id)).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(pupil_links(&r.body), 0);
        // Classes: own ones listed and open, another class not found.
        let r = app.get(Some(&c), "/classes").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains(&own_classes[0].id.to_string()));
        assert!(!r.body.contains(&other_class.id.to_string()));
        let r = app.get(Some(&c), &format!("/classes/{}", own_classes[0].id)).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("id=\"roster\"") && r.body.contains("id=\"assignments\""));
        assert!(pupil_links(&r.body) > 0);
        assert_eq!(
            app.get(Some(&c), &format!("/classes/{}", other_class.id)).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(app.get(Some(&c), "/admin/pupils").await.status, StatusCode::FORBIDDEN);

        // A parent: both children, with the parents' phones; nobody else.
        let parent = viewer(&app, "parent").await;
        let kids = pupils::children(db, &parent).await.unwrap();
        assert_eq!(kids.len(), 2);
        let c = app.login("parent").await;
        let r = app.get(Some(&c), "/pupils").await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(pupil_links(&r.body), 2);
        for kid in &kids {
            let r = app.get(Some(&c), &format!("/pupils/{}", kid.id)).await;
            assert_eq!(r.status, StatusCode::OK);
            for pa in parents::of_pupil(db, school, kid.id).await.unwrap() {
                assert!(r.body.contains(&pa.phone), "phone of {} on the card", pa.last_name);
            }
        }
        assert_eq!(
            app.get(Some(&c), &format!("/pupils/{}", stranger.id)).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(app.get(Some(&c), "/classes").await.status, StatusCode::FORBIDDEN);

        // A pupil: oneself only.
        let me = viewer(&app, "pupil").await.pupil_id.expect("pupil record");
        let c = app.login("pupil").await;
        let r = app.get(Some(&c), "/pupils").await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(pupil_links(&r.body), 1);
        assert!(r.body.contains(&format!("href=\"/pupils/{me}\"")));
        assert_eq!(app.get(Some(&c), &format!("/pupils/{me}")).await.status, StatusCode::OK);
        assert_eq!(
            app.get(Some(&c), &format!("/pupils/{}", stranger.id)).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.get(Some(&c), &format!("/classes/{}", own_classes[0].id))
                .await
                .status,
            StatusCode::FORBIDDEN
        );

        // Families and aggregate roles never reach the administration; aggregates see no pupils.
        for login in ["pupil", "parent", "municipal", "regional"] {
            let c = app.login(login).await;
            for path in ["/admin/pupils", "/admin/staff", "/admin/parents", "/admin/pupils/new"] {
                let s = app.get(Some(&c), path).await.status;
                assert!(
                    s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND,
                    "{login} {path}: {s}"
                );
            }
        }
        for login in ["municipal", "regional"] {
            let c = app.login(login).await;
            assert_eq!(app.get(Some(&c), "/pupils").await.status, StatusCode::FORBIDDEN);
            assert_eq!(
                app.get(Some(&c), &format!("/pupils/{me}")).await.status,
                StatusCode::FORBIDDEN
            );
            assert_eq!(app.get(Some(&c), "/classes").await.status, StatusCode::FORBIDDEN);
        }

        // The administration sees the whole school.
        for login in ["admin", "director", "deputy"] {
            let c = app.login(login).await;
            let r = app.get(Some(&c), "/admin/pupils").await;
            assert_eq!(r.status, StatusCode::OK, "{login}");
            assert!(r.body.contains("<table"));
            let r = app.get(Some(&c), &format!("/pupils/{}", stranger.id)).await;
            assert_eq!(r.status, StatusCode::OK);
            assert!(r.body.contains(&format!("/admin/pupils/{}/edit", stranger.id)));
            let r = app.get(Some(&c), "/classes").await;
            assert_eq!(pupil_links(&r.body), 0);
            assert!(r.body.contains(&other_class.id.to_string()));
        }
        app.finish().await;
    }
}

#[tokio::test]
async fn the_administration_keeps_staff_pupils_and_parents() {
    for app in demo_apps().await {
        let db = &app.t.db;
        let school = app.ids.school_id;
        let c = app.login("admin").await;

        // Staff: created (audited, listed), duplicate code and bad fields rejected per field.
        let fields = [
            ("code", "T-900"),
            ("last_name", "Тестова"),
            ("first_name", "Анна"),
            ("middle_name", "Петровна"),
            ("post", "учитель"),
            ("email", "anna@example.org"),
            ("phone", "+7 900 000-00-00"),
        ];
        let r = app.post_form(Some(&c), "/admin/staff", &fields).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}: {}", app.t.backend, r.body);
        assert_eq!(r.location.as_deref(), Some("/admin/staff"));
        let found = staff::list(db, school, "T-900").await.unwrap();
        assert_eq!(found.len(), 1);
        let staff_id = found[0].id;
        assert!(audit::count_for(db, staff_id).await.unwrap() >= 1);
        let r = app.get(Some(&c), "/admin/staff?q=t-900").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("Тестова"));
        let r = app.post_form(Some(&c), "/admin/staff", &fields).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("id=\"code-error\"") && r.body.contains("aria-invalid=\"true\""));
        assert!(r.body.contains("class=\"form-error\""));
        let r = app
            .post_form(
                Some(&c),
                "/admin/staff",
                &[
                    ("code", "T-901"),
                    ("last_name", "Иванова"),
                    ("post", "учитель"),
                    ("email", "nope"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("id=\"first_name-error\"") && r.body.contains("id=\"email-error\""));
        assert!(r.body.contains("value=\"Иванова\""), "entered values are kept");
        // Editing without the "active" box dismisses the member.
        let r = app
            .post_form(Some(&c), &format!("/admin/staff/{staff_id}"), &fields)
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(!staff::get(db, school, staff_id).await.unwrap().unwrap().is_active);
        assert_eq!(
            app.get(Some(&c), &format!("/admin/staff/{staff_id}/edit")).await.status,
            StatusCode::OK
        );
        assert_eq!(
            app.get(Some(&c), &format!("/admin/staff/{}/edit", Uuid::nil()))
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        // Pupils: added into 5А, moved to 5Б; the history shows both stays.
        let year = years::current(db, school).await.unwrap().unwrap();
        let admin = viewer(&app, "admin").await;
        let all = classes::list_visible(db, &admin, year.id, "").await.unwrap();
        let class_of = |name: &str| all.iter().find(|c| c.name == name).expect("demo class").id.to_string();
        let (a, b) = (class_of("5А"), class_of("5Б"));
        assert_eq!(app.get(Some(&c), "/admin/pupils/new").await.status, StatusCode::OK);
        let pupil = [
            ("code", "П-900"),
            ("last_name", "Ёлкина"),
            ("first_name", "Алёна"),
            ("middle_name", ""),
            ("birth_date", "12.03.2015"),
            ("sex", "Ж"),
            ("class_id", a.as_str()),
            ("from_date", "2026-09-01"),
        ];
        let r = app.post_form(Some(&c), "/admin/pupils", &pupil).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let pupil_id = id_in(r.location.as_deref().unwrap_or(""));
        let r = app.post_form(Some(&c), "/admin/pupils", &pupil).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("id=\"code-error\""));
        let mut bad = pupil;
        bad[0] = ("code", "П-901");
        bad[4] = ("birth_date", "31.02.2015");
        bad[5] = ("sex", "X");
        bad[6] = ("class_id", "");
        let r = app.post_form(Some(&c), "/admin/pupils", &bad).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        for field in ["birth_date", "sex", "class_id"] {
            assert!(r.body.contains(&format!("id=\"{field}-error\"")), "{field}");
        }
        let move_to = |class: String, from: &'static str| {
            let path = format!("/admin/pupils/{pupil_id}/move");
            let c = c.clone();
            let app = &app;
            async move {
                app.post_form(Some(&c), &path, &[("class_id", class.as_str()), ("from_date", from)])
                    .await
            }
        };
        let r = move_to(b.clone(), "01.08.2026").await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a move before the current stay began"
        );
        assert!(r.body.contains("id=\"from_date-error\""));
        let r = move_to(b.clone(), "15.11.2026").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let r = app.get(Some(&c), &format!("/pupils/{pupil_id}")).await;
        assert_eq!(r.body.matches("class=\"stay\"").count(), 2);
        assert!(r.body.contains("01.09.2026") && r.body.contains("14.11.2026") && r.body.contains("15.11.2026"));
        assert!(audit::count_for(db, pupil_id).await.unwrap() >= 3);
        // Personal fields are edited on their own form.
        let mut edit = pupil;
        edit[3] = ("middle_name", "Игоревна");
        let r = app
            .post_form(Some(&c), &format!("/admin/pupils/{pupil_id}"), &edit[..6])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let r = app.get(Some(&c), &format!("/admin/pupils/{pupil_id}/edit")).await;
        assert!(r.body.contains("Игоревна") && r.body.contains("id=\"move\""));

        // Search ignores case and ё/е, on both lists.
        for q in ["елкина алена", "ЁЛКИНА", "ёлк"] {
            for list in ["/pupils", "/admin/pupils"] {
                let r = app.get(Some(&c), &format!("{list}?q={}", enc(q))).await;
                assert!(
                    r.body.contains(&pupil_id.to_string()),
                    "{list} {q} on {}",
                    app.t.backend
                );
            }
        }
        let r = app
            .get(Some(&c), &format!("/pupils?q={}&class={a}", enc("елкина")))
            .await;
        assert_eq!(pupil_links(&r.body), 0, "no longer in 5А");

        // Parents: created, linked to the pupil by code, shown on the card, unlinked.
        let r = app
            .post_form(
                Some(&c),
                "/admin/parents",
                &[
                    ("code", "Р-900"),
                    ("last_name", "Ёлкин"),
                    ("first_name", "Игорь"),
                    ("phone", "+7 911 111-11-11"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let parent_id = id_in(r.location.as_deref().unwrap_or(""));
        let link = format!("/admin/parents/{parent_id}/link");
        let r = app.post_form(Some(&c), &link, &[("pupil_code", "нет-такого")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("id=\"pupil_code-error\""));
        let r = app
            .post_form(Some(&c), &link, &[("pupil_code", "П-900"), ("relation", "отец")])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let edit = app.get(Some(&c), &format!("/admin/parents/{parent_id}/edit")).await;
        assert_eq!(edit.body.matches("class=\"child\"").count(), 1);
        let card = app.get(Some(&c), &format!("/pupils/{pupil_id}")).await;
        assert!(card.body.contains("Ёлкин Игорь") && card.body.contains("+7 911 111-11-11"));
        let r = app.get(Some(&c), &format!("/admin/parents?q={}", enc("911 111"))).await;
        assert!(r.body.contains(&parent_id.to_string()));
        let r = app
            .post_form(
                Some(&c),
                &format!("/admin/parents/{parent_id}"),
                &[("code", "Р-900"), ("last_name", "")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("id=\"last_name-error\"") && r.body.contains("class=\"child\""));
        let r = app
            .post_form(
                Some(&c),
                &format!("/admin/parents/{parent_id}/unlink"),
                &[("pupil_id", &pupil_id.to_string())],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let edit = app.get(Some(&c), &format!("/admin/parents/{parent_id}/edit")).await;
        assert_eq!(edit.body.matches("class=\"child\"").count(), 0);
        assert!(audit::count_for(db, parent_id).await.unwrap() >= 1);
        app.finish().await;
    }
}
