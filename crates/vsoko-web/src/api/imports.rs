//! Roster import through the API: the raw file as the request body, checked (dry run) or
//! applied in one transaction, answered with the store's report. Every message carries its
//! stable `key` and `args` and its text in the viewer's language.

use crate::api::message::{Message, args};
use crate::api::{ApiError, ApiQuery, ApiResult, Problem};
use crate::auth::Auth;
use crate::error::AppError;
use crate::routes::import::{Outcome, clean_file_name, run};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use vsoko_i18n::Tr;
use vsoko_import::ImportError;
use vsoko_store::roster::{self as store, Counts};

/// Routes of this module; the body may use the whole request body limit.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/imports/roster", post(roster))
        .layer(DefaultBodyLimit::max(crate::MAX_BODY))
}

/// Query of the roster import.
#[derive(Debug, Deserialize)]
pub struct RosterQuery {
    dry_run: Option<String>,
    name: Option<String>,
}

/// One problem found in the file, located as precisely as known.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FileError {
    /// File name as sent.
    pub file: String,
    /// Sheet (XLSX only).
    pub sheet: Option<String>,
    /// 1-based row as Excel shows it.
    pub row: Option<usize>,
    /// Column header.
    pub column: Option<String>,
    /// Message key (stable), e.g. `import-error-bad-date`.
    pub key: String,
    /// Named arguments of the message, all text.
    pub args: BTreeMap<String, String>,
    /// What is wrong, in the viewer's language.
    pub message: String,
}

impl FileError {
    fn new(e: ImportError, tr: &Tr) -> FileError {
        FileError {
            message: tr.msg(&e.msg),
            key: e.msg.key.to_string(),
            args: args(&e.msg),
            file: e.location.file,
            sheet: e.location.sheet,
            row: e.location.row,
            column: e.location.column,
        }
    }
}

/// A row that cannot be applied to the school (e.g. an unknown class), located in the file.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RowError {
    /// Sheet, or the file name for CSV.
    pub sheet: String,
    /// 1-based row as Excel shows it.
    pub row: usize,
    /// Column header.
    pub column: String,
    /// Message key (stable), e.g. `roster-error-no-class`.
    pub key: String,
    /// Named arguments of the message, all text.
    pub args: BTreeMap<String, String>,
    /// What is wrong, in the viewer's language.
    pub message: String,
}

/// What a roster import did (or, for a dry run, would do).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RosterReport {
    /// Staff.
    pub staff: Counts,
    /// Classes.
    pub classes: Counts,
    /// Pupils.
    pub pupils: Counts,
    /// Parents.
    pub parents: Counts,
    /// Parent–pupil links.
    pub links: Counts,
    /// Teaching assignments.
    pub assignments: Counts,
    /// The changes, one message each (first 500).
    pub changes: Vec<Message>,
    /// Rows that cannot be applied; non-empty means nothing was written.
    pub errors: Vec<RowError>,
    /// Whether the changes were committed.
    pub applied: bool,
}

impl RosterReport {
    fn new(r: store::RosterReport, tr: &Tr) -> RosterReport {
        RosterReport {
            changes: r.changes.iter().map(|m| Message::new(m, tr)).collect(),
            errors: r
                .errors
                .into_iter()
                .map(|e| RowError {
                    message: tr.msg(&e.msg),
                    key: e.msg.key.to_string(),
                    args: args(&e.msg),
                    sheet: e.sheet,
                    row: e.row,
                    column: e.column,
                })
                .collect(),
            staff: r.staff,
            classes: r.classes,
            pupils: r.pupils,
            parents: r.parents,
            links: r.links,
            assignments: r.assignments,
            applied: r.applied,
        }
    }
}

/// The answer for a file that cannot be read: nothing was written.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RosterFileProblem {
    /// 422.
    pub status: u16,
    /// "Unprocessable Entity".
    pub title: String,
    /// Summary.
    pub detail: String,
    /// Every problem in the file.
    pub file_errors: Vec<FileError>,
}

/// Imports a school roster file (XLSX or CSV, the format of `/admin/import`).
///
/// The body is the file itself; its name (which decides XLSX or CSV) comes from the
/// `X-File-Name` header or the `name` query parameter, else from the content. With
/// `dry_run=true` (the default) nothing is written and the report says what would change.
/// Rows that cannot be applied are listed in `errors` and then nothing is written either
/// (`applied` is false). Re-importing the same file changes nothing. Admin and deputy only.
/// Messages come with a stable `key` and `args` and a `message` in the user's language.
#[utoipa::path(
    post,
    path = "/api/v1/imports/roster",
    tag = "imports",
    operation_id = "import_roster",
    params(
        ("dry_run" = Option<bool>, Query, description = "Only report what would change (default true)."),
        ("name" = Option<String>, Query, description = "File name, e.g. roster.xlsx or pupils.csv."),
        ("X-File-Name" = Option<String>, Header, description = "File name (UTF-8), if not given as `name`."),
    ),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The roster file."),
    responses(
        (status = 200, description = "Checked or applied; see `applied` and `errors`.", body = RosterReport),
        (status = 400, description = "Bad `dry_run` value.", body = Problem),
        (status = 403, description = "The role may not import rosters.", body = Problem),
        (status = 422, description = "The file cannot be read (or the school has no current year); nothing was written.", body = RosterFileProblem),
    )
)]
pub async fn roster(
    State(state): State<AppState>,
    Auth(v): Auth,
    ApiQuery(q): ApiQuery<RosterQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let dry_run = match q.dry_run.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None | Some("true" | "1" | "yes") => true,
        Some("false" | "0" | "no") => false,
        Some(_) => return Err(AppError::BadRequest("dry_run must be true or false".into()).into()),
    };
    let fallback = if body.starts_with(b"PK\x03\x04") {
        "roster.xlsx"
    } else {
        "roster.csv"
    };
    let named = headers
        .get("x-file-name")
        .map(|h| String::from_utf8_lossy(h.as_bytes()).into_owned())
        .or(q.name)
        .unwrap_or_default();
    let file_name = clean_file_name(&named, fallback);
    let tr = Tr::new(&v.locale);
    match run(&state, &v, &file_name, &body, dry_run).await? {
        Outcome::Report(report) => Ok(Json(RosterReport::new(report, &tr)).into_response()),
        Outcome::NoYear => Err(ApiError::invalid(
            "year",
            "the school has no current academic year: create one first",
        )),
        Outcome::Invalid(errors) => {
            let problem = RosterFileProblem {
                status: StatusCode::UNPROCESSABLE_ENTITY.as_u16(),
                title: "Unprocessable Entity".into(),
                detail: format!("the file has {} error(s); nothing was written", errors.len()),
                file_errors: errors.into_iter().map(|e| FileError::new(e, &tr)).collect(),
            };
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                [(header::CONTENT_TYPE, "application/problem+json")],
                Json(problem),
            )
                .into_response())
        }
    }
}
