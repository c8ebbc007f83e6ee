//! Scoped pupil views: the list with live search and a class filter, and the pupil card
//! with class history and parents. Who sees whom is decided by the store queries
//! (`pupils::list_visible`, `pupils::get_visible`); a pupil out of scope is not found.

use super::{ClassOption, ListQuery, PupilRow, class_options, parse_id, sex_label};
use crate::auth::{Auth, school_of};
use crate::error::{AppError, AppResult};
use crate::forms::format_date;
use crate::page::PageCtx;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use uuid::Uuid;
use vsoko_domain::roles::Permission;
use vsoko_i18n::Tr;
use vsoko_store::people::{parents, pupils};
use vsoko_store::{Db, Viewer};

/// The pupil list, shared by `/pupils` (scoped) and `/admin/pupils` (whole school, edit links).
#[derive(Template, WebTemplate)]
#[template(path = "people/pupils_index.html")]
pub struct PupilsPage {
    /// Layout.
    pub ctx: PageCtx,
    /// Heading.
    pub title: String,
    /// URL of the list itself (search target).
    pub base: &'static str,
    /// Administration mode: "add" button and edit links.
    pub admin: bool,
    /// Search text.
    pub q: String,
    /// Class filter options.
    pub classes: Vec<ClassOption>,
    /// Rows.
    pub rows: Vec<PupilRow>,
    /// Number of rows.
    pub count: i64,
    /// Whether the list was cut at the page size.
    pub truncated: bool,
}

/// Builds the pupil list page for a viewer (scope comes from the store query).
pub(super) async fn list_page(
    state: &AppState,
    v: &Viewer,
    q: ListQuery,
    base: &'static str,
    admin: bool,
) -> AppResult<PupilsPage> {
    let ctx = PageCtx::new(state, v, base);
    let class_id = q.class_id();
    let found = pupils::list_visible(&state.db, v, &q.q, class_id).await?;
    let count = found.len() as i64;
    let truncated = count >= vsoko_store::people::PAGE;
    Ok(PupilsPage {
        title: ctx.tr.t(if admin {
            "people-admin-pupils-title"
        } else {
            "people-pupils-title"
        }),
        base,
        admin,
        q: q.q,
        classes: class_options(&state.db, v, class_id).await?,
        rows: found.into_iter().map(PupilRow::from).collect(),
        count,
        truncated,
        ctx,
    })
}

/// The pupils the viewer may see: the whole school for the administration, own classes for
/// teachers, own children for parents, oneself for a pupil; 403 for municipal and regional.
pub async fn index(State(state): State<AppState>, Auth(v): Auth, Query(q): Query<ListQuery>) -> AppResult<PupilsPage> {
    school_of(&v)?;
    if !v.sees_pupils() {
        return Err(AppError::Forbidden);
    }
    list_page(&state, &v, q, "/pupils", false).await
}

/// One stay of the class history, formatted.
pub struct StayRow {
    /// Class name.
    pub class_name: String,
    /// Year name.
    pub year_name: String,
    /// From, dd.mm.yyyy.
    pub from: String,
    /// To, dd.mm.yyyy, or empty while current.
    pub to: String,
}

/// The class history of a pupil whose visibility the caller has checked.
pub(super) async fn history_rows(db: &Db, school_id: Uuid, pupil_id: Uuid) -> AppResult<Vec<StayRow>> {
    Ok(pupils::history(db, school_id, pupil_id)
        .await?
        .into_iter()
        .map(|s| StayRow {
            class_name: s.class_name,
            year_name: s.year_name,
            from: format_date(s.from_date),
            to: s.to_date.map(format_date).unwrap_or_default(),
        })
        .collect())
}

/// A parent on the pupil card.
pub struct ParentLine {
    /// Full name.
    pub name: String,
    /// Relation.
    pub relation: String,
    /// Phone.
    pub phone: String,
}

/// The pupil card.
#[derive(Template, WebTemplate)]
#[template(path = "people/pupil_show.html")]
pub struct PupilPage {
    /// Layout.
    pub ctx: PageCtx,
    /// Id.
    pub id: Uuid,
    /// Full name.
    pub name: String,
    /// Code.
    pub code: String,
    /// Birth date, dd.mm.yyyy.
    pub birth_date: String,
    /// Sex label.
    pub sex: String,
    /// Current class (id, name).
    pub class: Option<(Uuid, String)>,
    /// Whether the viewer may open class pages.
    pub class_link: bool,
    /// Class history.
    pub history: Vec<StayRow>,
    /// Parents.
    pub parents: Vec<ParentLine>,
    /// Whether the viewer may edit the pupil.
    pub can_edit: bool,
}

/// The pupil card: personal fields, class and class history, parents with phones.
pub async fn show(State(state): State<AppState>, Auth(v): Auth, Path(id): Path<String>) -> AppResult<PupilPage> {
    let school = school_of(&v)?;
    if !v.sees_pupils() {
        return Err(AppError::Forbidden);
    }
    let id = parse_id(&id)?;
    let p = pupils::get_visible(&state.db, &v, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let ctx = PageCtx::new(&state, &v, "/pupils");
    let parents = parents::of_pupil(&state.db, school, id)
        .await?
        .into_iter()
        .map(|pa| ParentLine {
            name: vsoko_store::people::full_name(&pa.last_name, &pa.first_name, &pa.middle_name),
            relation: pa.relation,
            phone: pa.phone,
        })
        .collect();
    let tr: &Tr = &ctx.tr;
    Ok(PupilPage {
        id,
        name: p.full_name(),
        sex: sex_label(tr, &p.sex),
        code: p.code,
        birth_date: format_date(p.birth_date),
        class: p.class_id.zip(p.class_name),
        class_link: v.sees_classes(),
        history: history_rows(&state.db, school, id).await?,
        parents,
        can_edit: v.can(Permission::ManageStructure),
        ctx,
    })
}
