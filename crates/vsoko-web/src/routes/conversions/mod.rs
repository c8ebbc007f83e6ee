//! The school's conversion tables (issue 4 §2): `/admin/conversions` lists them with their
//! provenance (document, year, link) and takes a new or changed table as an uploaded file or
//! pasted text in the reference format (`data/reference/assessments/*.conversion.csv`),
//! showing the line of any error and writing nothing then; `/admin/conversions/{id}` shows
//! one table. Unchanged copies of the shipped reference tables are read-only: "copy to edit"
//! puts their text into the form, and saving it replaces the school's copy. Teachers see
//! the tables (to pick one for a control work); the administration and the deputy change them.

use crate::auth::{Auth, school_of};
use crate::error::{AppError, AppResult};
use crate::page::PageCtx;
use crate::routes::upload::clean_file_name;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use uuid::Uuid;
use vsoko_domain::assessment::reference::{self, RefError, parse_conversion, write_conversion};
use vsoko_domain::assessment::{Band, Output};
use vsoko_domain::msg::Location;
use vsoko_domain::roles::Role;
use vsoko_i18n::Tr;
use vsoko_store::assessment::conversions::{self, StoredConversion};
use vsoko_store::{Actor, Viewer};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/conversions", get(index).post(upload))
        .route("/admin/conversions/reference", post(seed))
        .route("/admin/conversions/{id}", get(show))
}

/// Whether the viewer may add and change the school's tables (administrator, deputy).
pub fn may_edit(v: &Viewer) -> bool {
    v.school_id.is_some() && (v.has(Role::Admin) || v.has(Role::Deputy))
}

/// Staff of a school see the tables; others get 403.
pub(crate) fn reader(v: &Viewer) -> AppResult<Uuid> {
    let school = school_of(v)?;
    if v.roles.iter().any(|r| r.is_staff()) {
        Ok(school)
    } else {
        Err(AppError::Forbidden)
    }
}

/// A provenance line split into its label and text (`link` lines become links).
pub struct Provenance {
    pub(crate) label: String,
    pub(crate) text: String,
    pub(crate) is_link: bool,
}

impl Provenance {
    /// The text of the first line with a label (`source`, `link`), or "".
    pub(crate) fn find(lines: &[Provenance], label: &str) -> String {
        lines
            .iter()
            .find(|x| x.label == label)
            .map(|x| x.text.clone())
            .unwrap_or_default()
    }
}

fn provenance(c: &StoredConversion) -> Vec<Provenance> {
    provenance_lines(&c.provenance)
}

/// Provenance lines (`label: text`) as the pages show them.
pub(crate) fn provenance_lines(provenance: &str) -> Vec<Provenance> {
    provenance
        .lines()
        .map(|l| {
            let (label, text) = l.split_once(':').unwrap_or(("", l));
            let text = text.trim().to_string();
            Provenance {
                is_link: label.trim() == "link" && (text.starts_with("https://") || text.starts_with("http://")),
                label: label.trim().to_string(),
                text,
            }
        })
        .collect()
}

/// The message keys naming a table's kind and output.
fn labels(c: &StoredConversion) -> (String, String) {
    (
        format!("conversion-kind-{}", c.kind),
        format!("conversion-output-{}", c.table.output.code()),
    )
}

/// A table in the list.
pub struct TableRow {
    c: StoredConversion,
    kind: String,
    output: String,
    reference: bool,
    source: String,
    link: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "conversions/index.html")]
struct IndexPage {
    ctx: PageCtx,
    tables: Vec<TableRow>,
    can_edit: bool,
    /// Shipped reference tables the school has no table for yet.
    missing: i64,
    text: String,
    errors: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "conversions/show.html")]
struct ShowPage {
    ctx: PageCtx,
    c: StoredConversion,
    kind: String,
    output: String,
    reference: bool,
    can_edit: bool,
    provenance: Vec<Provenance>,
    bands: Vec<BandRow>,
    test_scores: Vec<(usize, u32)>,
}

/// A band as the page shows it.
pub struct BandRow {
    mark: u8,
    min: u32,
    max: u32,
    conditions: String,
    fallback: String,
}

impl BandRow {
    fn of(b: &Band) -> BandRow {
        BandRow {
            mark: b.mark,
            min: b.min,
            max: b.max,
            conditions: b
                .conditions
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" & "),
            fallback: b.fallback.map(|f| f.to_string()).unwrap_or_default(),
        }
    }
}

/// `?copy=<id>` puts a table's text into the form.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    copy: Option<String>,
}

async fn index_page(state: &AppState, v: &Viewer, text: String, errors: Vec<String>) -> AppResult<IndexPage> {
    let school = reader(v)?;
    let stored = conversions::list(&state.db, school).await?;
    let missing = reference::conversions()
        .unwrap_or_default()
        .iter()
        .filter(|r| {
            !stored.iter().any(|c| {
                c.kind == r.key.kind.code()
                    && c.exam_year == i64::from(r.key.year)
                    && c.subject_code == r.key.subject
                    && c.grade == r.key.grade
            })
        })
        .count();
    let tables = stored
        .into_iter()
        .map(|c| {
            let p = provenance(&c);
            let (kind, output) = labels(&c);
            TableRow {
                kind,
                output,
                reference: c.is_reference(),
                source: Provenance::find(&p, "source"),
                link: Provenance::find(&p, "link"),
                c,
            }
        })
        .collect();
    Ok(IndexPage {
        ctx: PageCtx::new(state, v, "/admin/conversions"),
        tables,
        can_edit: may_edit(v),
        missing: i64::try_from(missing).unwrap_or(0),
        text,
        errors,
    })
}

/// The list and the upload form (prefilled with a table's text for `?copy=<id>`).
async fn index(State(state): State<AppState>, Auth(v): Auth, Query(q): Query<ListQuery>) -> AppResult<IndexPage> {
    let school = reader(&v)?;
    let mut text = String::new();
    if let Some(id) = q.copy.as_deref().and_then(|s| Uuid::parse_str(s.trim()).ok()) {
        let c = conversions::get(&state.db, school, id)
            .await?
            .ok_or(AppError::NotFound)?;
        text = c.to_ref().map(|r| write_conversion(&r)).unwrap_or_default();
    }
    index_page(&state, &v, text, Vec::new()).await
}

/// One table.
async fn show(State(state): State<AppState>, Auth(v): Auth, Path(id): Path<String>) -> AppResult<ShowPage> {
    let school = reader(&v)?;
    let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let c = conversions::get(&state.db, school, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (kind, output) = labels(&c);
    Ok(ShowPage {
        ctx: PageCtx::new(&state, &v, "/admin/conversions"),
        kind,
        output,
        reference: c.is_reference(),
        can_edit: may_edit(&v),
        provenance: provenance(&c),
        bands: c.table.bands.iter().map(BandRow::of).collect(),
        test_scores: match c.table.output {
            Output::TestScore => c.table.test_scores.iter().copied().enumerate().collect(),
            Output::Mark => Vec::new(),
        },
        c,
    })
}

/// Reads the form: the uploaded `file` if one was chosen, else the pasted `text` (named
/// `default_name` in messages).
async fn read_form(mp: &mut Multipart, default_name: &str) -> AppResult<(String, String)> {
    let (mut file, mut text) = (None, String::new());
    while let Some(field) = mp.next_field().await.map_err(|e| AppError::BadRequest(e.body_text()))? {
        match field.name() {
            Some("file") => {
                let name = clean_file_name(field.file_name().unwrap_or(""), "");
                let bytes = field.bytes().await.map_err(|e| AppError::BadRequest(e.body_text()))?;
                if !name.is_empty() && !bytes.is_empty() {
                    file = Some((name, vsoko_import::table::decode_text(&bytes)));
                }
            }
            Some("text") => text = field.text().await.map_err(|e| AppError::BadRequest(e.body_text()))?,
            _ => {}
        }
    }
    Ok(file.unwrap_or_else(|| (default_name.to_string(), text)))
}

/// Reads the upload form and parses it in a reference format: the parsed file, or the text
/// with the errors to show again under the form (empty form: `empty_key`; else the line of
/// the first error).
pub(crate) async fn read_reference<T>(
    mp: &mut Multipart,
    tr: &Tr,
    default_name: &str,
    empty_key: &str,
    parse: impl FnOnce(&str, &str) -> Result<T, RefError>,
) -> AppResult<Result<T, (String, Vec<String>)>> {
    let (name, text) = read_form(mp, default_name).await?;
    if text.trim().is_empty() {
        return Ok(Err((text, vec![tr.t(empty_key)])));
    }
    Ok(match parse(&name, &text) {
        Ok(parsed) => Ok(parsed),
        Err(e) => Err((text, vec![ref_error(tr, &e)])),
    })
}

/// Copies the shipped reference tables the school does not have yet (audited).
async fn seed(State(state): State<AppState>, Auth(v): Auth) -> AppResult<Redirect> {
    let school = reader(&v)?;
    if !may_edit(&v) {
        return Err(AppError::Forbidden);
    }
    let actor = Actor::user(v.user_id, &v.login);
    state
        .db
        .write(move |tx| Box::pin(async move { conversions::seed_reference(tx, &actor, school).await }))
        .await?;
    Ok(Redirect::to("/admin/conversions"))
}

/// A reference-format error as the user reads it: where (file or form field, line) and what.
pub(crate) fn ref_error(tr: &Tr, e: &RefError) -> String {
    let mut at = Location::file(&e.file);
    at.row = (e.line > 0).then_some(e.line);
    format!("{}: {}", tr.location(&at), tr.msg(&e.msg))
}

/// Adds or replaces a table: checked whole, the errors (with their line) shown and nothing
/// written, or stored and shown.
async fn upload(State(state): State<AppState>, Auth(v): Auth, mut mp: Multipart) -> AppResult<Response> {
    let school = reader(&v)?;
    if !may_edit(&v) {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(&v.locale);
    let parsed = match read_reference(
        &mut mp,
        &tr,
        "conversion.csv",
        "conversion-error-empty",
        parse_conversion,
    )
    .await?
    {
        Ok(c) => c,
        Err((text, errors)) => {
            let page = index_page(&state, &v, text, errors).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let actor = Actor::user(v.user_id, &v.login);
    let id = state
        .db
        .write(move |tx| Box::pin(async move { conversions::put(tx, &actor, school, &parsed).await }))
        .await?;
    Ok(Redirect::to(&format!("/admin/conversions/{id}")).into_response())
}
