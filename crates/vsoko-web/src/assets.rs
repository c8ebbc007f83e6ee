//! Static files embedded in the binary (vendored htmx, the stylesheet, small scripts),
//! served with a content hash ETag and a long cache lifetime.

use crate::state::AppState;
use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rust_embed::Embed;

#[derive(Embed)]
#[folder = "assets/"]
#[exclude = "*.md"]
struct Assets;

/// Routes under `/assets/`.
pub fn router() -> Router<AppState> {
    Router::new().route("/assets/{*path}", get(show))
}

/// Serves one embedded file.
async fn show(Path(path): Path<String>, headers: HeaderMap) -> Response {
    let Some(file) = Assets::get(&path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let etag = format!("\"{}\"", hex::encode(&file.metadata.sha256_hash()[..8]));
    if headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some(etag.as_str()) {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    let mime = mime_guess::from_path(&path).first_or_octet_stream();
    (
        [
            (header::CONTENT_TYPE, mime.as_ref().to_string()),
            (header::ETAG, etag),
            (header::CACHE_CONTROL, "public, max-age=86400".to_string()),
        ],
        file.data.into_owned(),
    )
        .into_response()
}
