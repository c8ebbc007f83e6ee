//! Logging in, out and everywhere-out; throttling; demo passwords; security headers.

mod common;

use axum::http::StatusCode;
use common::*;

#[tokio::test]
async fn login_logout_and_throttling_on_both_backends() {
    for app in demo_apps().await {
        // Anonymous pages redirect to the login page; the API answers 401.
        let r = app.get(None, "/").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(r.location.as_deref().unwrap_or("").starts_with("/login"));
        assert_eq!(app.get(None, "/api/v1/me").await.status, StatusCode::UNAUTHORIZED);

        // Security headers on every page.
        let r = app.get(None, "/login").await;
        assert!(r.body.contains("id=\"demo-logins\""));
        for (name, value) in [
            ("x-content-type-options", "nosniff"),
            ("x-frame-options", "DENY"),
            ("referrer-policy", "same-origin"),
        ] {
            assert_eq!(r.headers.get(name).map(String::as_str), Some(value), "{name}");
        }
        let csp = r.headers.get("content-security-policy").cloned().unwrap_or_default();
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"),
            "{csp}"
        );

        // The English switch: a cookie for visitors, the account's locale once logged in.
        let r = app
            .post_form(None, "/lang", &[("lang", "en"), ("next", "/login")])
            .await;
        let lang = r
            .set_cookie
            .iter()
            .find(|c| c.starts_with("vsoko_lang=en"))
            .expect("language cookie");
        let en = app
            .get(Some(lang.split(';').next().unwrap_or_default()), "/login")
            .await;
        assert!(
            en.body.contains("lang=\"en\"") && en.body.contains("Log in"),
            "English login page"
        );
        let c = app.login("teacher").await;
        let home = app.get(Some(&c), "/").await;
        assert_eq!(home.status, StatusCode::OK);
        assert!(home.body.contains("data-login=\"teacher\""));
        assert!(home.body.contains("lang=\"ru\""), "Russian first");
        assert_eq!(
            app.post_form(Some(&c), "/lang", &[("lang", "en"), ("next", "/")])
                .await
                .status,
            StatusCode::SEE_OTHER
        );
        assert!(
            app.get(Some(&c), "/").await.body.contains("lang=\"en\""),
            "the account keeps English"
        );
        app.post_form(Some(&c), "/lang", &[("lang", "ru"), ("next", "/")]).await;

        // Logging out ends the session.
        let r = app.post_form(Some(&c), "/logout", &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(app.get(Some(&c), "/").await.status, StatusCode::SEE_OTHER);

        // Log out everywhere ends both sessions.
        let a = app.login("deputy").await;
        let b = app.login("deputy").await;
        assert_eq!(
            app.post_form(Some(&a), "/logout-all", &[]).await.status,
            StatusCode::SEE_OTHER
        );
        assert_eq!(app.get(Some(&b), "/").await.status, StatusCode::SEE_OTHER);

        // Wrong passwords: 401 with a message, then throttled after five.
        for _ in 0..5 {
            let r = app
                .post_form(None, "/login", &[("login", "director"), ("password", "nope")])
                .await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED);
            assert!(r.body.contains("form-error"));
        }
        let r = app
            .post_form(None, "/login", &[("login", "director"), ("password", "demo")])
            .await;
        assert_eq!(
            r.status,
            StatusCode::TOO_MANY_REQUESTS,
            "throttled even with the right password"
        );

        // Cross-site form posts are refused (CSRF).
        let req = axum::http::Request::post("/login")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "cross-site")
            .body(axum::body::Body::from("login=admin&password=demo"))
            .unwrap();
        assert_eq!(app.send(req).await.status, StatusCode::FORBIDDEN);
        app.finish().await;
    }
}

#[tokio::test]
async fn demo_password_is_refused_outside_a_demo_database() {
    let app = demo_app("sqlite").await;
    // Same data, but the database no longer says it is a demo.
    app.t
        .db
        .write(|tx| Box::pin(async move { vsoko_store::settings::set(tx, "demo", "false").await }))
        .await
        .unwrap();
    let state = vsoko_web::AppState::new(app.t.db.clone(), vsoko_web::Config::default())
        .await
        .unwrap();
    assert!(!state.demo);
    let real = App {
        router: vsoko_web::router(state.clone()),
        state,
        ids: app.ids.clone(),
        t: app.t,
    };
    let r = real
        .post_form(None, "/login", &[("login", "admin"), ("password", "demo")])
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(!real.get(None, "/login").await.body.contains("demo-logins"));
    real.finish().await;
}

#[tokio::test]
async fn password_change_requires_the_current_one_and_ends_other_sessions() {
    let app = demo_app("sqlite").await;
    let old = app.login("teacher").await;
    let other = app.login("teacher").await;
    let r = app
        .post_form(
            Some(&old),
            "/account/password",
            &[
                ("current", "bad"),
                ("new_password", "новый пароль 1"),
                ("repeat", "новый пароль 1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_form(
            Some(&old),
            "/account/password",
            &[
                ("current", "demo"),
                ("new_password", "новый пароль 1"),
                ("repeat", "новый пароль 1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(app.get(Some(&other), "/").await.status, StatusCode::SEE_OTHER);
    let r = app
        .post_form(None, "/login", &[("login", "teacher"), ("password", "новый пароль 1")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    app.finish().await;
}
