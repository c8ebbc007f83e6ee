//! Upload, dry-run preview and apply of an import file, for any importer: the format page
//! with templates and an upload form, then the preview (a dry run in one rolled-back
//! transaction) and the apply of the same file, re-posted with its SHA-256 so the file
//! applied is exactly the one previewed. An importer ([`Importer`]) names its path, its
//! texts, who may use it, its templates and how a file is run; `router::<I>()` does the rest.

mod view;

use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::page::PageCtx;
use crate::state::AppState;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::future::Future;
use view::{ApplyCarry, IndexPage, ResultPage, Stage};
use vsoko_import::{ImportError, Msg, SheetKind};
use vsoko_store::roster::{Counts, RowError};
use vsoko_store::{StoreError, Viewer};

/// What checking or applying a file came to.
pub(crate) enum Outcome<R> {
    /// The file could not be read; nothing was written.
    Invalid(Vec<ImportError>),
    /// The store's report (row errors inside mean nothing was written).
    Report(R),
    /// The school has no current year to import into; nothing was written.
    NoYear,
}

/// The outcome of applying a parsed file: the store's report, or "no current year"; any
/// other store error is an error.
pub(crate) fn applied<R>(result: Result<R, StoreError>) -> AppResult<Outcome<R>> {
    match result {
        Ok(report) => Ok(Outcome::Report(report)),
        Err(StoreError::Invalid { field: "year", .. }) => Ok(Outcome::NoYear),
        Err(e) => Err(e.into()),
    }
}

/// A store report as the result page shows it.
pub(crate) struct Summary {
    /// Created / updated / unchanged per kind of row: the kind's key and its counts.
    pub counts: Vec<(&'static str, Counts)>,
    /// The first changes, one message each.
    pub changes: Vec<Msg>,
    /// How many changes there are in all.
    pub total_changes: usize,
    /// Rows that cannot be applied; non-empty means nothing was written.
    pub errors: Vec<RowError>,
    /// Whether the changes were committed.
    pub applied: bool,
}

/// One importer plugged into the upload pages.
pub(crate) trait Importer: Send + Sync + 'static {
    /// The kinds of sheet of the file (for the format page and the CSV templates).
    type Kind: SheetKind;
    /// The store's report of a run.
    type Report: Send;
    /// Where the pages live, e.g. `/admin/import`.
    const PATH: &'static str;
    /// Prefix of the importer's texts (`{KEY}-title`, `-intro`, `-template-xlsx`,
    /// `-kind-{slug}`, `-preview-title`, `-result-title`, `-nothing-to-do`); also the id of
    /// the format page's `<main>`.
    const KEY: &'static str;
    /// Prefix of the texts labelling the report's counts (`{COUNT_KEY}{kind}`).
    const COUNT_KEY: &'static str;
    /// The keys of the importer's own rules on the format page.
    const RULES: &'static [&'static str];
    /// The XLSX template's file name, e.g. `roster.xlsx`; also the fallback file name.
    const XLSX: &'static str;
    /// Prefix of the CSV templates' file names (`{CSV_PREFIX}{slug}.csv`).
    const CSV_PREFIX: &'static str;

    /// Refuses (403) anyone who may not use this importer.
    fn allowed(v: &Viewer) -> AppResult<()>;

    /// The XLSX template with every sheet.
    fn xlsx_template() -> Result<Vec<u8>, ImportError>;

    /// The CSV template of one kind.
    fn csv_template(kind: Self::Kind) -> Vec<u8>;

    /// Parses a file and applies it as the viewer (a dry run unless `dry_run` is false).
    fn run(
        state: &AppState,
        v: &Viewer,
        file_name: &str,
        bytes: &[u8],
        dry_run: bool,
    ) -> impl Future<Output = AppResult<Outcome<Self::Report>>> + Send;

    /// The report as the result page shows it.
    fn summary(report: Self::Report) -> Summary;
}

/// The routes of one importer; uploads may use the whole request body limit.
pub(crate) fn router<I: Importer>() -> Router<AppState> {
    Router::new()
        .route(I::PATH, get(index::<I>))
        .route(&format!("{}/templates/{{file}}", I::PATH), get(template::<I>))
        .route(&format!("{}/preview", I::PATH), post(preview::<I>))
        .route(&format!("{}/apply", I::PATH), post(apply::<I>))
        .layer(DefaultBodyLimit::max(crate::MAX_BODY))
}

/// The SHA-256 of the bytes, in lower-case hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The last path component of an uploaded file name, or `fallback` when it is empty.
pub(crate) fn clean_file_name(name: &str, fallback: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    if base.is_empty() {
        fallback.to_string()
    } else {
        base.chars().take(200).collect()
    }
}

/// The format page: rules, column tables of every kind, template links and the upload form.
async fn index<I: Importer>(State(state): State<AppState>, Auth(v): Auth) -> AppResult<IndexPage> {
    I::allowed(&v)?;
    Ok(IndexPage::new::<I>(PageCtx::new(&state, &v, I::PATH), None))
}

/// A template download: the XLSX with every sheet, or `{CSV_PREFIX}<kind>.csv`.
async fn template<I: Importer>(Auth(v): Auth, Path(file): Path<String>) -> AppResult<Response> {
    I::allowed(&v)?;
    if file == I::XLSX {
        let bytes = I::xlsx_template().map_err(|e| AppError::Internal(anyhow::anyhow!(e.to_string())))?;
        return Ok(download(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            I::XLSX,
            bytes,
        ));
    }
    let kind = file
        .strip_suffix(".csv")
        .and_then(|slug| I::Kind::KINDS.iter().copied().find(|k| k.slug() == slug))
        .ok_or(AppError::NotFound)?;
    Ok(download(
        "text/csv; charset=utf-8",
        &format!("{}{}.csv", I::CSV_PREFIX, kind.slug()),
        I::csv_template(kind),
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
async fn preview<I: Importer>(State(state): State<AppState>, Auth(v): Auth, mut mp: Multipart) -> AppResult<Response> {
    I::allowed(&v)?;
    let ctx = PageCtx::new(&state, &v, I::PATH);
    let Some((file_name, bytes)) = read_upload(&mut mp).await? else {
        let error = ctx.tr.t("import-no-file");
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, IndexPage::new::<I>(ctx, Some(error))).into_response());
    };
    let outcome = I::run(&state, &v, &file_name, &bytes, true).await?;
    let carry = ApplyCarry {
        file_name: file_name.clone(),
        data: STANDARD.encode(&bytes),
        sha256: sha256_hex(&bytes),
    };
    Ok(ResultPage::respond::<I>(
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
async fn apply<I: Importer>(
    State(state): State<AppState>,
    Auth(v): Auth,
    Form(f): Form<ApplyForm>,
) -> AppResult<Response> {
    I::allowed(&v)?;
    let ctx = PageCtx::new(&state, &v, I::PATH);
    let bytes = STANDARD
        .decode(f.data.trim())
        .map_err(|_| AppError::BadRequest(ctx.tr.t("import-bad-data")))?;
    if bytes.is_empty() {
        return Err(AppError::BadRequest(ctx.tr.t("import-bad-data")));
    }
    if !sha256_hex(&bytes).eq_ignore_ascii_case(f.sha256.trim()) {
        return Err(AppError::BadRequest(ctx.tr.t("import-hash-mismatch")));
    }
    let file_name = clean_file_name(&f.file_name, I::XLSX);
    let outcome = I::run(&state, &v, &file_name, &bytes, false).await?;
    Ok(ResultPage::respond::<I>(ctx, Stage::Applied, file_name, outcome, None))
}
