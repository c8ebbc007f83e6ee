//! Scoped class views: the classes of the current year the viewer teaches or leads (all of
//! them for the administration), and one class with its roster and teaching assignments.
//! Pupils, parents and aggregate roles have no class pages.

use super::{PupilRow, parse_id};
use crate::auth::{Auth, school_of};
use crate::error::{AppError, AppResult};
use crate::page::PageCtx;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use vsoko_store::people::pupils;
use vsoko_store::structure::assignments::{self, Assignment};
use vsoko_store::structure::classes::{self, Class};
use vsoko_store::structure::years;

/// The class list.
#[derive(Template, WebTemplate)]
#[template(path = "people/classes_index.html")]
pub struct ClassesPage {
    /// Layout.
    pub ctx: PageCtx,
    /// Current year name, if there is one.
    pub year: Option<String>,
    /// Classes.
    pub classes: Vec<Class>,
}

/// The visible classes of the current year with class teacher and pupil count.
pub async fn index(State(state): State<AppState>, Auth(v): Auth) -> AppResult<ClassesPage> {
    let school = school_of(&v)?;
    if !v.sees_classes() {
        return Err(AppError::Forbidden);
    }
    let ctx = PageCtx::new(&state, &v, "/classes");
    let year = years::current(&state.db, school).await?;
    let classes = match &year {
        Some(y) => classes::list_visible(&state.db, &v, y.id, "").await?,
        None => Vec::new(),
    };
    Ok(ClassesPage {
        ctx,
        year: year.map(|y| y.name),
        classes,
    })
}

/// One class.
#[derive(Template, WebTemplate)]
#[template(path = "people/class_show.html")]
pub struct ClassPage {
    /// Layout.
    pub ctx: PageCtx,
    /// The class.
    pub class: Class,
    /// Its pupils.
    pub roster: Vec<PupilRow>,
    /// Its teaching assignments.
    pub assignments: Vec<Assignment>,
}

/// A class with its class teacher, roster and teaching assignments; not found out of scope.
pub async fn show(State(state): State<AppState>, Auth(v): Auth, Path(id): Path<String>) -> AppResult<ClassPage> {
    let school = school_of(&v)?;
    if !v.sees_classes() {
        return Err(AppError::Forbidden);
    }
    let id = parse_id(&id)?;
    let class = classes::get_visible(&state.db, &v, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let roster = pupils::list_visible(&state.db, &v, "", Some(id))
        .await?
        .into_iter()
        .map(PupilRow::from)
        .collect();
    let assignments = assignments::list(&state.db, school, class.year_id, None, Some(id)).await?;
    Ok(ClassPage {
        ctx: PageCtx::new(&state, &v, "/classes"),
        class,
        roster,
        assignments,
    })
}
