//! Logging in and out.

use crate::auth::password::{self, DEMO_PASSWORD};
use crate::auth::session::{clear_cookie, new_token, safe_next, session_cookie, token_hash};
use crate::auth::{Auth, MaybeAuth};
use crate::error::{AppError, AppResult};
use crate::page::PageCtx;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use std::net::SocketAddr;
use vsoko_store::accounts;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
        .route("/logout-all", post(logout_all))
}

/// The fixed demo logins and what each shows (shown on the login page in demo mode only).
pub const DEMO_LOGINS: [(&str, &str); 9] = [
    ("admin", "role-admin"),
    ("director", "role-director"),
    ("deputy", "role-deputy"),
    ("teacher", "role-teacher"),
    ("classteacher", "role-class_teacher"),
    ("pupil", "role-pupil"),
    ("parent", "role-parent"),
    ("municipal", "role-municipal"),
    ("regional", "role-regional"),
];

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
struct LoginPage {
    ctx: PageCtx,
    error: Option<String>,
    login: String,
    next: String,
    demo_logins: Vec<(&'static str, String)>,
}

/// Query of the login page.
#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

fn page(state: &AppState, headers: &HeaderMap, error: Option<String>, login: String, next: String) -> LoginPage {
    let ctx = PageCtx::anonymous(state, headers, "/login");
    let demo_logins = DEMO_LOGINS.iter().map(|(l, k)| (*l, ctx.tr.t(k))).collect();
    LoginPage {
        ctx,
        error,
        login,
        next,
        demo_logins,
    }
}

/// The login form (logged-in visitors go home).
async fn login_form(
    State(state): State<AppState>,
    MaybeAuth(viewer): MaybeAuth,
    Query(q): Query<NextQuery>,
    headers: HeaderMap,
) -> Response {
    if viewer.is_some() {
        return Redirect::to("/").into_response();
    }
    page(&state, &headers, None, String::new(), safe_next(q.next.as_deref())).into_response()
}

/// Login form fields.
#[derive(Deserialize)]
pub struct LoginForm {
    login: String,
    password: String,
    #[serde(default)]
    next: String,
}

/// Checks the password, creates a session and sets the cookie.
async fn login(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> AppResult<Response> {
    let login = accounts::normalize_login(&f.login);
    let address = addr.ip().to_string();
    let tr = PageCtx::anonymous(&state, &headers, "/login").tr;
    let fail = |key: &str, status: StatusCode| {
        let p = page(
            &state,
            &headers,
            Some(tr.t(key)),
            login.clone(),
            safe_next(Some(&f.next)),
        );
        (status, p).into_response()
    };
    if state.throttle.blocked(&login, &address) {
        return Ok(fail("login-throttled", StatusCode::TOO_MANY_REQUESTS));
    }
    if f.password == DEMO_PASSWORD && !state.demo {
        state.throttle.fail(&login, &address);
        return Ok(fail("login-demo-refused", StatusCode::UNAUTHORIZED));
    }
    let creds = accounts::credentials(&state.db, &login).await?;
    let ok = match &creds {
        Some(c) if c.is_active => password::verify(&state, f.password.clone(), c.password_hash.clone()).await?,
        _ => {
            // Spend the same work for unknown logins so timing does not reveal which exist.
            let _ = password::verify(&state, f.password.clone(), DUMMY_HASH.to_string()).await;
            false
        }
    };
    let Some(creds) = creds.filter(|_| ok) else {
        state.throttle.fail(&login, &address);
        return Ok(fail("login-failed", StatusCode::UNAUTHORIZED));
    };
    state.throttle.succeed(&login);
    let token = new_token();
    let hash = token_hash(&token);
    let hours = state.cfg.session_hours;
    let expires = vsoko_store::now() + time::Duration::hours(hours);
    let agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .chars()
        .take(200)
        .collect::<String>();
    let user_id = creds.id;
    state
        .db
        .write(move |tx| {
            Box::pin(async move { accounts::create_session(tx, user_id, &hash, expires, &address, &agent).await })
        })
        .await?;
    let jar = CookieJar::new().add(session_cookie(token, state.cfg.secure_cookies, hours));
    Ok((jar, Redirect::to(&safe_next(Some(&f.next)))).into_response())
}

/// A valid argon2id hash of a random string, verified against for unknown logins.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Jm2l7V3VkAqOMo8tNx3wqZtMCcUdh/xO8xd9kHB2wKY";

/// Ends this session.
async fn logout(State(state): State<AppState>, Auth(v): Auth) -> Result<impl IntoResponse, AppError> {
    let sid = v.session_id;
    state
        .db
        .write(move |tx| Box::pin(async move { accounts::revoke_session(tx, sid).await }))
        .await?;
    Ok((CookieJar::new().add(clear_cookie()), Redirect::to("/login")))
}

/// Ends every session of the user.
async fn logout_all(State(state): State<AppState>, Auth(v): Auth) -> Result<impl IntoResponse, AppError> {
    let uid = v.user_id;
    state
        .db
        .write(move |tx| Box::pin(async move { accounts::revoke_all_sessions(tx, uid).await }))
        .await?;
    Ok((CookieJar::new().add(clear_cookie()), Redirect::to("/login")))
}
