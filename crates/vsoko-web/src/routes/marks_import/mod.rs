//! `/journal/import`: importing current marks, attendance and term marks from CSV/XLSX —
//! the format page with templates and an upload form, the preview (a dry run in one
//! rolled-back transaction) and the apply of the same file, re-posted with its SHA-256 so
//! the file applied is exactly the one previewed. Teachers import their own class-subjects,
//! the deputy any; rows are written through the journal's own store functions.

mod view;

use crate::auth::{Auth, school_of};
use crate::error::{AppError, AppResult};
use crate::page::PageCtx;
use crate::routes::import::{clean_file_name, sha256_hex};
use crate::state::AppState;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use view::{ApplyCarry, IndexPage, ResultPage, Stage};
use vsoko_domain::roles::Role;
use vsoko_import::ImportError;
use vsoko_import::marks::{MarksKind, csv_template, parse_marks, xlsx_template};
use vsoko_store::journal::import::{self, MarksReport};
use vsoko_store::{Actor, StoreError, Viewer};

/// Routes of this module; uploads may use the whole request body limit.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/journal/import", get(index))
        .route("/journal/import/templates/{file}", get(template))
        .route("/journal/import/preview", post(preview))
        .route("/journal/import/apply", post(apply))
        .layer(DefaultBodyLimit::max(crate::MAX_BODY))
}

const PATH: &str = "/journal/import";

/// What checking or applying a file came to.
pub(crate) enum Outcome {
    /// The file could not be read; nothing was written.
    Invalid(Vec<ImportError>),
    /// The store's report (row errors inside mean nothing was written).
    Report(MarksReport),
    /// The school has no current year; nothing was written.
    NoYear,
}

/// Only those who keep journals import marks: teachers (their own class-subjects) and the
/// deputy (any); 403 for everyone else.
fn require_journal_writer(v: &Viewer) -> AppResult<()> {
    if v.has(Role::Deputy) || v.has(Role::Teacher) {
        school_of(v).map(|_| ())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Parses a file and applies it as the viewer (a dry run unless `dry_run` is false).
pub(crate) async fn run(
    state: &AppState,
    v: &Viewer,
    file_name: &str,
    bytes: &[u8],
    dry_run: bool,
) -> AppResult<Outcome> {
    require_journal_writer(v)?;
    let file = match parse_marks(file_name, bytes) {
        Ok(file) => file,
        Err(errors) => return Ok(Outcome::Invalid(errors)),
    };
    let actor = Actor::user(v.user_id, &v.login);
    let today = time::OffsetDateTime::now_utc().date();
    match import::apply(&state.db, &actor, v, file, today, dry_run).await {
        Ok(report) => Ok(Outcome::Report(report)),
        Err(StoreError::Invalid { field: "year", .. }) => Ok(Outcome::NoYear),
        Err(e) => Err(e.into()),
    }
}

/// The format page: rules, column tables, template links and the upload form.
async fn index(State(state): State<AppState>, Auth(v): Auth) -> AppResult<IndexPage> {
    require_journal_writer(&v)?;
    Ok(IndexPage::new(PageCtx::new(&state, &v, PATH), None))
}

/// A template download: `marks.xlsx` (both sheets) or `<kind>.csv`.
async fn template(Auth(v): Auth, Path(file): Path<String>) -> AppResult<Response> {
    require_journal_writer(&v)?;
    if file == "marks.xlsx" {
        let bytes = xlsx_template().map_err(|e| AppError::Internal(anyhow::anyhow!(e.to_string())))?;
        return Ok(download(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "marks.xlsx",
            bytes,
        ));
    }
    let kind = file
        .strip_suffix(".csv")
        .and_then(|slug| MarksKind::all().into_iter().find(|k| k.slug() == slug))
        .ok_or(AppError::NotFound)?;
    Ok(download(
        "text/csv; charset=utf-8",
        &format!("{}.csv", kind.slug()),
        csv_template(kind),
    ))
}

fn download(content_type: &'static str, file_name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// Reads the `file` part of the upload: its name and bytes, or `None` when no file was chosen.
async fn read_upload(mp: &mut Multipart) -> AppResult<Option<(String, Vec<u8>)>> {
    while let Some(field) = mp.next_field().await.map_err(|e| AppError::BadRequest(e.body_text()))? {
        if field.name() != Some("file") {
            continue;
        }
        let name = clean_file_name(field.file_name().unwrap_or(""), "");
        let bytes = field.bytes().await.map_err(|e| AppError::BadRequest(e.body_text()))?;
        if name.is_empty() || bytes.is_empty() {
            return Ok(None);
        }
        return Ok(Some((name, bytes.to_vec())));
    }
    Ok(None)
}

/// Checks an uploaded file: parse errors, row errors (422), or the dry run's report with an
/// "Apply" form carrying the same file when nothing is wrong.
async fn preview(State(state): State<AppState>, Auth(v): Auth, mut mp: Multipart) -> AppResult<Response> {
    require_journal_writer(&v)?;
    let ctx = PageCtx::new(&state, &v, PATH);
    let Some((file_name, bytes)) = read_upload(&mut mp).await? else {
        let error = ctx.tr.t("marks-import-no-file");
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, IndexPage::new(ctx, Some(error))).into_response());
    };
    let outcome = run(&state, &v, &file_name, &bytes, true).await?;
    let carry = ApplyCarry {
        file_name: file_name.clone(),
        data: STANDARD.encode(&bytes),
        sha256: sha256_hex(&bytes),
    };
    Ok(ResultPage::respond(
        ctx,
        Stage::Preview,
        file_name,
        outcome,
        Some(carry),
    ))
}

/// The re-posted file of a preview.
#[derive(Deserialize)]
pub struct ApplyForm {
    #[serde(default)]
    file_name: String,
    #[serde(default)]
    data: String,
    #[serde(default)]
    sha256: String,
}

/// Applies a previewed file for real; any error writes nothing and is shown with 422.
async fn apply(State(state): State<AppState>, Auth(v): Auth, Form(f): Form<ApplyForm>) -> AppResult<Response> {
    require_journal_writer(&v)?;
    let ctx = PageCtx::new(&state, &v, PATH);
    let bytes = STANDARD
        .decode(f.data.trim())
        .map_err(|_| AppError::BadRequest(ctx.tr.t("import-bad-data")))?;
    if bytes.is_empty() {
        return Err(AppError::BadRequest(ctx.tr.t("import-bad-data")));
    }
    if !sha256_hex(&bytes).eq_ignore_ascii_case(f.sha256.trim()) {
        return Err(AppError::BadRequest(ctx.tr.t("import-hash-mismatch")));
    }
    let file_name = clean_file_name(&f.file_name, "marks.xlsx");
    let outcome = run(&state, &v, &file_name, &bytes, false).await?;
    Ok(ResultPage::respond(ctx, Stage::Applied, file_name, outcome, None))
}
