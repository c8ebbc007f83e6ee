//! Assessment procedures (ВПР, ОГЭ, ЕГЭ, monitoring, control works): the list of procedures
//! in the viewer's scope (`/assessments`), each linking to its results and analysis page
//! (`routes::analysis`, one page for the deputy and the teacher, the scope deciding the
//! rows), and the upload of results files (`/assessments/import`) for the administration.

mod list;
mod progress;
mod upload;

use crate::auth::{Auth, school_of};
use crate::error::{AppError, AppResult};
use crate::page::PageCtx;
use crate::state::AppState;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use list::ListPage;
use vsoko_domain::roles::Role;
use vsoko_store::assessment::read;
use vsoko_store::results;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/assessments", get(index))
        .route("/assessments/import/progress", get(progress::show))
        .merge(super::upload::router::<upload::Assessments>())
}

/// Whether the viewer may upload results files (the nav shows the link).
pub fn may_upload(v: &vsoko_store::Viewer) -> bool {
    v.school_id.is_some() && results::sees_whole_school(v)
}

/// The procedures the viewer may see: the administration all, a teacher those with results
/// of their classes, a ШМО head those of their subjects (and of their own classes).
async fn index(State(state): State<AppState>, Auth(v): Auth) -> AppResult<ListPage> {
    school_of(&v)?;
    if !results::may_analyse(&v) {
        return Err(AppError::Forbidden);
    }
    let mut procedures = read::procedures(&state.db, &v, None).await?;
    let mut classes = read::classes(&state.db, &v).await?;
    if !results::sees_whole_school(&v) && v.has(Role::ShmoHead) {
        // A ШМО head's roster role shows every result; the list keeps their subjects and the
        // procedures of the classes they teach or lead themselves.
        let staff_view = vsoko_store::Viewer {
            roles: v.roles.iter().copied().filter(|r| *r != Role::ShmoHead).collect(),
            ..v.clone()
        };
        let own: Vec<uuid::Uuid> = read::procedures(&state.db, &staff_view, None)
            .await?
            .into_iter()
            .map(|p| p.id)
            .collect();
        procedures.retain(|p| v.shmo_subjects.contains(&p.subject_id) || own.contains(&p.id));
        classes.retain(|c| procedures.iter().any(|p| p.id == c.procedure_id));
    }
    let ctx = PageCtx::new(&state, &v, "/assessments");
    Ok(ListPage::new(ctx, &procedures, &classes, may_upload(&v)))
}
