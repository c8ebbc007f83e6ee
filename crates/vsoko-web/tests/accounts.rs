//! Account administration: only the school admin manages accounts, only those holding a
//! role in their own school; new and reset passwords are temporary, shown once, and force
//! a password change; a reset ends the user's sessions.

mod common;

use axum::http::StatusCode;
use common::*;
use vsoko_domain::roles::Role;
use vsoko_store::people::{pupils, staff};
use vsoko_store::structure::subjects;
use vsoko_store::{Actor, accounts};

/// The temporary password shown on the result page.
fn shown_password(body: &str) -> String {
    let start = body.find("id=\"temp-password\">").expect("password shown") + "id=\"temp-password\">".len();
    let end = body[start..].find('<').expect("end of password");
    body[start..start + end].to_string()
}

/// Logs in with a password and returns the session cookie.
async fn login_with(app: &App, login: &str, password: &str) -> Option<String> {
    let r = app
        .post_form(None, "/login", &[("login", login), ("password", password)])
        .await;
    if r.status != StatusCode::SEE_OTHER {
        return None;
    }
    let c = r.set_cookie.iter().find(|c| c.starts_with("vsoko_session="))?;
    Some(c.split(';').next()?.to_string())
}

#[tokio::test]
async fn admin_creates_accounts_with_temporary_passwords_and_resets_them() {
    for app in demo_apps().await {
        let db = &app.t.db;
        let school = app.ids.school_id;
        let admin = app.login("admin").await;
        assert_eq!(app.get(Some(&admin), "/admin/accounts").await.status, StatusCode::OK);
        assert_eq!(
            app.get(Some(&admin), "/admin/accounts/new").await.status,
            StatusCode::OK
        );
        let r = app.get(Some(&admin), "/admin/accounts?q=deputy").await;
        assert!(r.body.contains(">deputy<") && !r.body.contains(">teacher<"));

        // A new teacher account linked to a staff member without a login.
        let free = accounts::unlinked_staff(db, school).await.unwrap();
        let person = free.first().expect("a staff member without a login").clone();
        let r = app
            .post_form(
                Some(&admin),
                "/admin/accounts",
                &[
                    ("login", "Novy.Uchitel"),
                    ("full_name", ""),
                    ("role", "teacher"),
                    ("staff_code", &person.code),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains("id=\"temp-password\""));
        let temp = shown_password(&r.body);
        assert_eq!(temp.len(), 12);
        let uid = accounts::user_id(db, "novy.uchitel").await.unwrap().expect("created");
        let linked = staff::get(db, school, person.id).await.unwrap().unwrap();
        assert_eq!(linked.user_id, Some(uid));
        let shown = app.get(Some(&admin), &format!("/admin/accounts/{uid}")).await;
        assert_eq!(shown.status, StatusCode::OK);
        assert!(shown.body.contains(&person.full_name));

        // The temporary password logs in and forces a password change.
        let user = login_with(&app, "novy.uchitel", &temp)
            .await
            .expect("temporary password logs in");
        let r = app.get(Some(&user), "/").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.location.as_deref(), Some("/account"));

        // The same login again, a linked record again, a bad role: field errors.
        let r = app
            .post_form(
                Some(&admin),
                "/admin/accounts",
                &[("login", "novy.uchitel"), ("full_name", "X"), ("role", "teacher")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("class=\"field-error\""));
        let r = app
            .post_form(
                Some(&admin),
                "/admin/accounts",
                &[("login", "other1"), ("role", "teacher"), ("staff_code", &person.code)],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = app
            .post_form(
                Some(&admin),
                "/admin/accounts",
                &[("login", "other2"), ("full_name", "X"), ("role", "regional")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = app
            .post_form(
                Some(&admin),
                "/admin/accounts",
                &[
                    ("login", "other3"),
                    ("full_name", "X"),
                    ("role", "teacher"),
                    ("password", "short"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(accounts::user_id(db, "other1").await.unwrap().is_none());

        // A ШМО head with subjects of the school; a pupil linked by code.
        let subject = subjects::list(db, school, "").await.unwrap()[0].id.to_string();
        let r = app
            .post_form(
                Some(&admin),
                "/admin/accounts",
                &[
                    ("login", "shmo1"),
                    ("full_name", "Руководитель ШМО"),
                    ("role", "shmo_head"),
                    ("subjects", &subject),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let shmo = accounts::user_id(db, "shmo1").await.unwrap().unwrap();
        let grants = accounts::roles_in_school(db, school, shmo).await.unwrap();
        assert_eq!(grants[0].subject_ids().len(), 1);
        let r = app
            .post_form(
                Some(&admin),
                "/admin/accounts",
                &[("login", "shmo2"), ("full_name", "Б"), ("role", "shmo_head")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "a ШМО head needs subjects");
        let pupil_code = db
            .write(move |tx| Box::pin(async move { pupils::codes_in(tx, school).await }))
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.0)
            .find(|code| !code.is_empty())
            .unwrap();
        let linked_pupil =
            accounts::links_in_school(db, school, accounts::user_id(db, "pupil").await.unwrap().unwrap())
                .await
                .unwrap();
        let free_pupil = if linked_pupil.iter().any(|l| l.code == pupil_code) {
            None
        } else {
            Some(pupil_code)
        };
        if let Some(code) = free_pupil {
            let r = app
                .post_form(
                    Some(&admin),
                    "/admin/accounts",
                    &[("login", "pupil2"), ("role", "pupil"), ("pupil_code", &code)],
                )
                .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        }
        let r = app
            .post_form(
                Some(&admin),
                "/admin/accounts",
                &[("login", "pupil3"), ("role", "pupil"), ("pupil_code", "no-such-code")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

        // A reset shows a new temporary password and ends the user's sessions.
        let before = login_with(&app, "novy.uchitel", &temp).await.unwrap();
        let r = app
            .post_form(Some(&admin), &format!("/admin/accounts/{uid}/reset"), &[])
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let fresh = shown_password(&r.body);
        assert_ne!(fresh, temp);
        for old in [&user, &before] {
            let r = app.get(Some(old), "/account").await;
            assert_eq!(r.status, StatusCode::SEE_OTHER);
            assert!(r.location.as_deref().unwrap_or("").starts_with("/login"));
        }
        assert!(login_with(&app, "novy.uchitel", &temp).await.is_none());
        let user = login_with(&app, "novy.uchitel", &fresh)
            .await
            .expect("new temporary password");
        assert_eq!(app.get(Some(&user), "/").await.location.as_deref(), Some("/account"));

        // Disable and enable; roles granted and revoked.
        let r = app
            .post_form(
                Some(&admin),
                &format!("/admin/accounts/{uid}/active"),
                &[("active", "false")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(app.get(Some(&user), "/account").await.status, StatusCode::SEE_OTHER);
        assert!(login_with(&app, "novy.uchitel", &fresh).await.is_none());
        let r = app
            .post_form(
                Some(&admin),
                &format!("/admin/accounts/{uid}/active"),
                &[("active", "true")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(login_with(&app, "novy.uchitel", &fresh).await.is_some());
        let r = app
            .post_form(
                Some(&admin),
                &format!("/admin/accounts/{uid}/roles"),
                &[("role", "class_teacher")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let roles: Vec<String> = accounts::roles_in_school(db, school, uid)
            .await
            .unwrap()
            .into_iter()
            .map(|g| g.role)
            .collect();
        assert_eq!(roles, ["class_teacher", "teacher"]);
        let r = app
            .post_form(
                Some(&admin),
                &format!("/admin/accounts/{uid}/roles/revoke"),
                &[("role", "class_teacher")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(accounts::roles_in_school(db, school, uid).await.unwrap().len(), 1);

        // The admin cannot lock themselves out.
        let me = accounts::user_id(db, "admin").await.unwrap().unwrap();
        let r = app
            .post_form(
                Some(&admin),
                &format!("/admin/accounts/{me}/active"),
                &[("active", "false")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = app
            .post_form(
                Some(&admin),
                &format!("/admin/accounts/{me}/roles/revoke"),
                &[("role", "admin")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        app.finish().await;
    }
}

#[tokio::test]
async fn accounts_of_another_school_are_not_found_and_other_roles_are_forbidden() {
    for app in demo_apps().await {
        let db = &app.t.db;
        let other = app.ids.other_school_ids[0];
        let stranger = db
            .write(move |tx| {
                Box::pin(async move {
                    let actor = Actor::system("test");
                    let id = accounts::create_user(tx, &actor, "stranger", "Учитель другой школы", "x", false).await?;
                    accounts::grant_role(tx, &actor, id, Role::Teacher, Some(other), None, &[]).await?;
                    Ok(id)
                })
            })
            .await
            .unwrap();
        let admin = app.login("admin").await;
        assert_eq!(
            app.get(Some(&admin), &format!("/admin/accounts/{stranger}"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        for (action, form) in [
            ("reset", vec![]),
            ("active", vec![("active", "false")]),
            ("roles", vec![("role", "teacher")]),
            ("roles/revoke", vec![("role", "teacher")]),
        ] {
            let r = app
                .post_form(Some(&admin), &format!("/admin/accounts/{stranger}/{action}"), &form)
                .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{action} on {}", app.t.backend);
        }
        assert!(
            !app.get(Some(&admin), "/admin/accounts?q=stranger")
                .await
                .body
                .contains(">stranger<")
        );
        assert!(accounts::credentials(db, "stranger").await.unwrap().unwrap().is_active);
        assert!(accounts::roles_in_school(db, other, stranger).await.unwrap().len() == 1);

        for login in [
            "director",
            "deputy",
            "teacher",
            "pupil",
            "parent",
            "municipal",
            "regional",
        ] {
            let c = app.login(login).await;
            for page in ["/admin/accounts", "/admin/accounts/new"] {
                assert_eq!(
                    app.get(Some(&c), page).await.status,
                    StatusCode::FORBIDDEN,
                    "{login} {page}"
                );
            }
            let r = app.post_form(Some(&c), "/admin/accounts", &[("login", "x")]).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{login}");
            let me = accounts::user_id(db, login).await.unwrap().unwrap();
            let r = app
                .post_form(Some(&c), &format!("/admin/accounts/{me}/reset"), &[])
                .await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{login}");
        }
        app.finish().await;
    }
}

#[tokio::test]
async fn the_demo_password_is_refused_outside_a_demo_database() {
    for app in demo_apps().await {
        app.t
            .db
            .write(|tx| Box::pin(async move { vsoko_store::settings::set(tx, "demo", "false").await }))
            .await
            .unwrap();
        let admin = app.login("admin").await;
        let state = vsoko_web::AppState::new(app.t.db.clone(), vsoko_web::Config::default())
            .await
            .unwrap();
        let real = App {
            router: vsoko_web::router(state.clone()),
            state,
            ids: app.ids.clone(),
            t: app.t,
        };
        let r = real
            .post_form(
                Some(&admin),
                "/admin/accounts",
                &[
                    ("login", "newbie"),
                    ("full_name", "Новый"),
                    ("role", "teacher"),
                    ("password", "demo"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("class=\"field-error\""));
        let deputy = accounts::user_id(&real.t.db, "deputy").await.unwrap().unwrap();
        let r = real
            .post_form(
                Some(&admin),
                &format!("/admin/accounts/{deputy}/reset"),
                &[("password", "demo")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = real
            .post_form(
                Some(&admin),
                &format!("/admin/accounts/{deputy}/reset"),
                &[("password", "a long password")],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(login_with(&real, "deputy", "a long password").await.is_some());
        real.finish().await;
    }
}
