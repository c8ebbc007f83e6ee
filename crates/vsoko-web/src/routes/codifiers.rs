//! The school's codifiers (issue 4 §2, SPEC §5.6): `/admin/codifiers` lists them with their
//! provenance and takes a new version as an uploaded file or pasted text in the reference
//! format (`*.codifier.csv`: `code;kind;parent;text`), showing the line of any error and
//! writing nothing then; `/admin/codifiers/{id}` shows the items as a tree (content
//! elements, then checked requirements), `/admin/codifiers/{id}/file` gives it back as a
//! file. A new
//! version replaces the school's codifier of that work and fills the skill texts of the works
//! already imported; imports do the same for later works. Staff see them; the administration
//! and the deputy change them (as conversion tables).

use crate::auth::{Auth, school_of};
use crate::error::{AppError, AppResult};
use crate::page::PageCtx;
use crate::routes::conversions::{Provenance, may_edit, provenance_lines, read_reference, reader};
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
use vsoko_domain::assessment::codifier::ItemKind;
use vsoko_domain::assessment::reference::{self, parse_codifier, write_codifier};
use vsoko_i18n::Tr;
use vsoko_store::assessment::codifiers::{self, StoredCodifier};
use vsoko_store::{Actor, Viewer};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/codifiers", get(index).post(upload))
        .route("/admin/codifiers/reference", post(seed))
        .route("/admin/codifiers/{id}", get(show))
        .route("/admin/codifiers/{id}/file", get(file))
}

/// A codifier in the list.
pub struct CodifierRow {
    c: StoredCodifier,
    kind: String,
    elements: usize,
    requirements: usize,
    reference: bool,
    source: String,
    link: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "codifiers/index.html")]
struct IndexPage {
    ctx: PageCtx,
    codifiers: Vec<CodifierRow>,
    can_edit: bool,
    /// Shipped codifiers the school has no codifier for yet.
    missing: i64,
    text: String,
    errors: Vec<String>,
}

/// One of the two lists (content elements, requirements), when not empty.
pub struct ItemList {
    title: &'static str,
    id: &'static str,
    lines: Vec<ItemLine>,
}

/// An item as the page shows it: indented by its depth.
pub struct ItemLine {
    code: String,
    text: String,
    depth: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "codifiers/show.html")]
struct ShowPage {
    ctx: PageCtx,
    c: StoredCodifier,
    kind: String,
    reference: bool,
    can_edit: bool,
    provenance: Vec<Provenance>,
    lists: Vec<ItemList>,
    /// The plan of the work: task code and the items it checks (reference and text).
    plan: Vec<(String, Vec<(String, String)>)>,
}

fn kind_label(c: &StoredCodifier) -> String {
    format!("conversion-kind-{}", c.kind)
}

fn count(c: &StoredCodifier, kind: ItemKind) -> usize {
    c.codifier.items.iter().filter(|i| i.kind == kind).count()
}

/// `?copy=<id>` puts a codifier's text into the form.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    copy: Option<String>,
}

async fn index_page(state: &AppState, v: &Viewer, text: String, errors: Vec<String>) -> AppResult<IndexPage> {
    let school = reader(v)?;
    let stored = codifiers::list(&state.db, school).await?;
    let missing = reference::codifiers()
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
    let codifiers = stored
        .into_iter()
        .map(|c| {
            let p = provenance_lines(&c.provenance);
            CodifierRow {
                kind: kind_label(&c),
                elements: count(&c, ItemKind::ContentElement),
                requirements: count(&c, ItemKind::Requirement),
                reference: c.is_reference(),
                source: Provenance::find(&p, "source"),
                link: Provenance::find(&p, "link"),
                c,
            }
        })
        .collect();
    Ok(IndexPage {
        ctx: PageCtx::new(state, v, "/admin/codifiers"),
        codifiers,
        can_edit: may_edit(v),
        missing: i64::try_from(missing).unwrap_or(0),
        text,
        errors,
    })
}

async fn find(state: &AppState, v: &Viewer, id: &str) -> AppResult<StoredCodifier> {
    let school = reader(v)?;
    let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    codifiers::get(&state.db, school, id).await?.ok_or(AppError::NotFound)
}

/// The list and the upload form (prefilled with a codifier's text for `?copy=<id>`).
async fn index(State(state): State<AppState>, Auth(v): Auth, Query(q): Query<ListQuery>) -> AppResult<IndexPage> {
    let text = match q.copy.as_deref() {
        Some(id) => {
            let c = find(&state, &v, id).await?;
            c.to_ref().map(|r| write_codifier(&r)).unwrap_or_default()
        }
        None => String::new(),
    };
    index_page(&state, &v, text, Vec::new()).await
}

/// One codifier: its items as two trees.
async fn show(State(state): State<AppState>, Auth(v): Auth, Path(id): Path<String>) -> AppResult<ShowPage> {
    let c = find(&state, &v, &id).await?;
    let lines = |kind: ItemKind| {
        c.codifier
            .items
            .iter()
            .filter(|i| i.kind == kind)
            .map(|i| ItemLine {
                code: i.code.clone(),
                text: i.text.clone(),
                depth: c.codifier.depth(i),
            })
            .collect::<Vec<_>>()
    };
    Ok(ShowPage {
        ctx: PageCtx::new(&state, &v, "/admin/codifiers"),
        kind: kind_label(&c),
        reference: c.is_reference(),
        can_edit: may_edit(&v),
        provenance: provenance_lines(&c.provenance),
        lists: [
            ("codifier-elements", "cod-elements", ItemKind::ContentElement),
            ("codifier-requirements", "cod-requirements", ItemKind::Requirement),
        ]
        .into_iter()
        .map(|(title, id, kind)| ItemList {
            title,
            id,
            lines: lines(kind),
        })
        .filter(|l| !l.lines.is_empty())
        .collect(),
        plan: c
            .codifier
            .plan
            .iter()
            .map(|row| {
                let items = row
                    .references
                    .iter()
                    .map(|r| {
                        let text = c.codifier.find(r).map(|i| i.text.clone()).unwrap_or_default();
                        (r.clone(), text)
                    })
                    .collect();
                (row.task.clone(), items)
            })
            .collect(),
        c,
    })
}

/// The codifier as a file in the reference format (to keep, edit and load again).
async fn file(State(state): State<AppState>, Auth(v): Auth, Path(id): Path<String>) -> AppResult<Response> {
    let c = find(&state, &v, &id).await?;
    let text = c.to_ref().map(|r| write_codifier(&r)).unwrap_or_default();
    let name = format!("{}-{}-{}-{}.codifier.csv", c.kind, c.exam_year, c.subject_code, c.grade);
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        text,
    )
        .into_response())
}

/// Copies the shipped codifiers the school does not have yet (audited).
async fn seed(State(state): State<AppState>, Auth(v): Auth) -> AppResult<Redirect> {
    let school = school_of(&v)?;
    if !may_edit(&v) {
        return Err(AppError::Forbidden);
    }
    let actor = Actor::user(v.user_id, &v.login);
    state
        .db
        .write(move |tx| Box::pin(async move { codifiers::seed_reference(tx, &actor, school).await }))
        .await?;
    Ok(Redirect::to("/admin/codifiers"))
}

/// Adds or replaces a codifier: checked whole, the errors (with their line) shown and
/// nothing written, or stored (and applied to the school's works of it) and shown.
async fn upload(State(state): State<AppState>, Auth(v): Auth, mut mp: Multipart) -> AppResult<Response> {
    let school = reader(&v)?;
    if !may_edit(&v) {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(&v.locale);
    let parsed = match read_reference(
        &mut mp,
        &tr,
        "codifier.csv",
        "codifier-error-form-empty",
        parse_codifier,
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
        .write(move |tx| Box::pin(async move { codifiers::put(tx, &actor, school, &parsed).await }))
        .await?;
    Ok(Redirect::to(&format!("/admin/codifiers/{id}")).into_response())
}
