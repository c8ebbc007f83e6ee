//! The user's own account: password change, "log out everywhere", interface language.

use crate::auth::password;
use crate::auth::session::{new_token, safe_next, session_cookie, token_hash};
use crate::auth::{Auth, MaybeAuth};
use crate::error::AppResult;
use crate::page::{LANG_COOKIE, PageCtx};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::Cookie;
use serde::Deserialize;
use vsoko_store::{Actor, Viewer, accounts};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account", get(show))
        .route("/account/password", post(change_password))
        .route("/lang", post(set_lang))
}

#[derive(Template, WebTemplate)]
#[template(path = "account.html")]
struct AccountPage {
    ctx: PageCtx,
    login: String,
    full_name: String,
    roles: Vec<String>,
    must_change: bool,
    notice: Option<String>,
    error: Option<String>,
    sessions_label: String,
}

async fn page(state: &AppState, v: &Viewer, notice: Option<String>, error: Option<String>) -> AppResult<AccountPage> {
    let ctx = PageCtx::new(state, v, "/account");
    let sessions = accounts::live_sessions(&state.db, v.user_id).await?;
    Ok(AccountPage {
        login: v.login.clone(),
        full_name: v.full_name.clone(),
        roles: ctx.user.as_ref().map(|u| u.roles.clone()).unwrap_or_default(),
        must_change: v.must_change_password,
        notice,
        error,
        sessions_label: ctx.tr.n("account-sessions", "n", sessions),
        ctx,
    })
}

/// The account page.
async fn show(State(state): State<AppState>, Auth(v): Auth) -> AppResult<AccountPage> {
    page(&state, &v, None, None).await
}

/// Password change fields.
#[derive(Deserialize)]
pub struct PasswordForm {
    current: String,
    new_password: String,
    repeat: String,
}

/// Changes the password, ends every other session and starts a fresh one.
async fn change_password(
    State(state): State<AppState>,
    Auth(v): Auth,
    Form(f): Form<PasswordForm>,
) -> AppResult<Response> {
    let tr = vsoko_i18n::Tr::new(&v.locale);
    let stored = accounts::password_hash(&state.db, v.user_id).await?.unwrap_or_default();
    let problem = if !password::verify(&state, f.current.clone(), stored).await? {
        Some("account-password-wrong")
    } else if f.new_password != f.repeat {
        Some("account-password-mismatch")
    } else {
        password::weakness(&f.new_password, state.demo)
    };
    if let Some(key) = problem {
        let p = page(&state, &v, None, Some(tr.t(key))).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, p).into_response());
    }
    let hash = password::hash(&state, f.new_password).await?;
    let token = new_token();
    let token_h = token_hash(&token);
    let hours = state.cfg.session_hours;
    let expires = vsoko_store::now() + time::Duration::hours(hours);
    let (uid, login) = (v.user_id, v.login.clone());
    state
        .db
        .write(move |tx| {
            Box::pin(async move {
                let actor = Actor::user(uid, &login);
                accounts::set_password(tx, &actor, uid, &hash, false).await?;
                accounts::revoke_all_sessions(tx, uid).await?;
                accounts::create_session(tx, uid, &token_h, expires, "", "").await
            })
        })
        .await?;
    let jar = CookieJar::new().add(session_cookie(token, state.cfg.secure_cookies, hours));
    let mut v2 = v.clone();
    v2.must_change_password = false;
    let p = page(&state, &v2, Some(tr.t("account-password-changed")), None).await?;
    Ok((jar, p).into_response())
}

/// Language switch fields.
#[derive(Deserialize)]
pub struct LangForm {
    lang: String,
    #[serde(default)]
    next: String,
}

/// Switches the interface language (saved on the account when logged in, in a cookie otherwise).
async fn set_lang(
    State(state): State<AppState>,
    MaybeAuth(v): MaybeAuth,
    Form(f): Form<LangForm>,
) -> AppResult<Response> {
    let lang = if f.lang == "en" { "en" } else { "ru" };
    if let Some(v) = v {
        let uid = v.user_id;
        state
            .db
            .write(move |tx| Box::pin(async move { accounts::set_locale(tx, uid, lang).await }))
            .await?;
    }
    let cookie = Cookie::build((LANG_COOKIE, lang))
        .path("/")
        .max_age(time::Duration::days(365))
        .http_only(true)
        .build();
    Ok((CookieJar::new().add(cookie), Redirect::to(&safe_next(Some(&f.next)))).into_response())
}
