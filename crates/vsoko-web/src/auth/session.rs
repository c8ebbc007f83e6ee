//! Database sessions: a random 256-bit token in an HttpOnly, SameSite=Lax cookie; the
//! database keeps only its SHA-256. Extractors resolve the cookie into a viewer.

use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use rand::RngCore;
use sha2::{Digest, Sha256};
use vsoko_store::{Viewer, scope};

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "vsoko_session";

/// A new random token (hex of 32 bytes).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The SHA-256 (hex) of a token, as stored.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The session cookie carrying a token.
pub fn session_cookie(token: String, secure: bool, hours: i64) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, token))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .path("/")
        .max_age(time::Duration::hours(hours))
        .build()
}

/// A cookie that removes the session cookie.
pub fn clear_cookie() -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, ""))
        .path("/")
        .max_age(time::Duration::ZERO)
        .build()
}

/// Resolves the request's session cookie into a viewer: from memory while nothing was
/// written since it was read (`cache`), else from the database.
pub async fn viewer_of(state: &AppState, headers: &HeaderMap) -> Option<Viewer> {
    let jar = CookieJar::from_headers(headers);
    let token = jar.get(SESSION_COOKIE)?.value();
    if token.len() != 64 {
        return None;
    }
    let hash = token_hash(token);
    if let Some(v) = state.caches.session(&hash) {
        return Some(v);
    }
    let epoch = crate::cache::read_epoch();
    let (v, expires_at) = scope::session_viewer_until(&state.db, &hash).await.ok()??;
    if let Some(epoch) = epoch {
        state.caches.put_session(hash, v.clone(), expires_at, epoch);
    }
    Some(v)
}

/// A logged-in viewer. Pages without a session redirect to `/login`; the API answers 401.
/// A viewer whose password was reset is sent to `/account` until they change it.
pub struct Auth(pub Viewer);

impl FromRequestParts<AppState> for Auth {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let path = parts.uri.path().to_string();
        match viewer_of(state, &parts.headers).await {
            Some(v) => {
                if v.must_change_password && !path.starts_with("/account") && !path.starts_with("/api/") {
                    return Err(Redirect::to("/account").into_response());
                }
                Ok(Auth(v))
            }
            None if path.starts_with("/api/") => Err((
                StatusCode::UNAUTHORIZED,
                [(header::CONTENT_TYPE, "application/problem+json")],
                r#"{"status":401,"title":"unauthorized","detail":"log in first"}"#,
            )
                .into_response()),
            None => {
                let next = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
                let target = format!("/login?next={}", urlencode(next));
                if parts.headers.contains_key("hx-request") {
                    Err(([("hx-redirect", target)], StatusCode::UNAUTHORIZED).into_response())
                } else {
                    Err(Redirect::to(&target).into_response())
                }
            }
        }
    }
}

/// The viewer if logged in (for the login page and language switch).
pub struct MaybeAuth(pub Option<Viewer>);

impl FromRequestParts<AppState> for MaybeAuth {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(MaybeAuth(viewer_of(state, &parts.headers).await))
    }
}

/// Percent-encodes a path for a query parameter.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A safe local redirect target: only absolute paths on this site.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/".to_string(),
    }
}
