//! Upload, dry-run preview and apply of an import file, for any importer: the format page
//! with templates and an upload form, then the preview (a dry run in one rolled-back
//! transaction) and the apply of the same file, re-posted with its SHA-256 so the file
//! applied is exactly the one previewed. An importer ([`Importer`]) names its path, its
//! texts, who may use it, its templates, any form fields beside the file ([`Field`], carried
//! from the preview to the apply) and how a file is run; `router::<I>()` does the rest.

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
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
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

/// What a form field beside the file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Input {
    /// One of these values (labels `{KEY}-field-{name}-{value}`); the first is the default.
    Choice(&'static [&'static str]),
    /// Free text.
    Text,
    /// A whole number.
    Number,
    /// A date.
    Date,
    /// A small text file (e.g. a conversion table), read as UTF-8 text.
    TextFile,
}

/// A field of the upload form beside the file; labelled `{KEY}-field-{name}` with the hint
/// `{KEY}-field-{name}-hint`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    /// Form name.
    pub name: &'static str,
    /// What it holds.
    pub input: Input,
}

/// The values of an importer's fields as posted (trimmed; empty ones left out). A text file
/// field holds the file's text; its name is under `{name}_name`.
pub(crate) type Options = BTreeMap<String, String>;

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

    /// Form fields beside the file.
    const FIELDS: &'static [Field] = &[];
    /// Whether `{PATH}/progress` answers the running upload's rows checked and total as
    /// JSON (`{"done": …, "total": …}`), polled by the upload page while a file is checked.
    const PROGRESS: bool = false;

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

    /// [`Importer::run`] with the values of the form's fields; importers with fields
    /// override it.
    fn run_with(
        state: &AppState,
        v: &Viewer,
        file_name: &str,
        bytes: &[u8],
        options: &Options,
        dry_run: bool,
    ) -> impl Future<Output = AppResult<Outcome<Self::Report>>> + Send {
        let _ = options;
        Self::run(state, v, file_name, bytes, dry_run)
    }

    /// What the report says beyond its counts and changes (e.g. the work the file holds),
    /// shown above the counts.
    fn notes(report: &Self::Report) -> Vec<Msg> {
        let _ = report;
        Vec::new()
    }

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

/// An upload: the file (name and bytes, `None` when no file was chosen) and the importer's
/// fields.
type Upload = (Option<(String, Vec<u8>)>, Options);

/// Reads the `file` part of the upload and the importer's fields.
async fn read_upload<I: Importer>(mp: &mut Multipart) -> AppResult<Upload> {
    let mut file = None;
    let mut options = Options::new();
    while let Some(part) = mp.next_field().await.map_err(|e| AppError::BadRequest(e.body_text()))? {
        let name = part.name().unwrap_or("").to_string();
        let file_name = clean_file_name(part.file_name().unwrap_or(""), "");
        let bytes = part.bytes().await.map_err(|e| AppError::BadRequest(e.body_text()))?;
        if name == "file" {
            if !file_name.is_empty() && !bytes.is_empty() {
                file = Some((file_name, bytes.to_vec()));
            }
            continue;
        }
        let Some(field) = I::FIELDS.iter().find(|f| f.name == name) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes).trim().to_string();
        if text.is_empty() {
            continue;
        }
        if field.input == Input::TextFile {
            options.insert(format!("{name}_name"), file_name);
        }
        options.insert(name, text);
    }
    Ok((file, options))
}

/// Checks an uploaded file: parse errors, row errors (422), or the dry run's report with an
/// "Apply" form carrying the same file when nothing is wrong.
async fn preview<I: Importer>(State(state): State<AppState>, Auth(v): Auth, mut mp: Multipart) -> AppResult<Response> {
    I::allowed(&v)?;
    let ctx = PageCtx::new(&state, &v, I::PATH);
    let (file, options) = read_upload::<I>(&mut mp).await?;
    let Some((file_name, bytes)) = file else {
        let error = ctx.tr.t("import-no-file");
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, IndexPage::new::<I>(ctx, Some(error))).into_response());
    };
    let outcome = I::run_with(&state, &v, &file_name, &bytes, &options, true).await?;
    let carry = ApplyCarry {
        file_name: file_name.clone(),
        data: STANDARD.encode(&bytes),
        sha256: sha256_hex(&bytes),
        options: options.into_iter().collect(),
    };
    Ok(ResultPage::respond::<I>(
        ctx,
        Stage::Preview,
        file_name,
        outcome,
        Some(carry),
    ))
}

/// The re-posted file of a preview with the importer's fields.
struct ApplyForm {
    file_name: String,
    data: String,
    sha256: String,
    options: Options,
}

impl ApplyForm {
    /// Picks the file and the importer's fields out of the posted pairs.
    fn of<I: Importer>(pairs: Vec<(String, String)>) -> ApplyForm {
        let mut f = ApplyForm {
            file_name: String::new(),
            data: String::new(),
            sha256: String::new(),
            options: Options::new(),
        };
        for (name, value) in pairs {
            match name.as_str() {
                "file_name" => f.file_name = value,
                "data" => f.data = value,
                "sha256" => f.sha256 = value,
                _ => {
                    let known = I::FIELDS
                        .iter()
                        .any(|x| x.name == name || (x.input == Input::TextFile && format!("{}_name", x.name) == name));
                    if known && !value.trim().is_empty() {
                        f.options.insert(name, value.trim().to_string());
                    }
                }
            }
        }
        f
    }
}

/// Applies a previewed file for real; any error writes nothing and is shown with 422.
async fn apply<I: Importer>(
    State(state): State<AppState>,
    Auth(v): Auth,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    I::allowed(&v)?;
    let f = ApplyForm::of::<I>(pairs);
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
    let outcome = I::run_with(&state, &v, &file_name, &bytes, &f.options, false).await?;
    Ok(ResultPage::respond::<I>(ctx, Stage::Applied, file_name, outcome, None))
}
