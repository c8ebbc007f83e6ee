//! Schools of the viewer's municipality or region as aggregates (counts only, never pupil
//! rows); the director and deputy see their own school's line.

use crate::auth::{Auth, require};
use crate::error::{AppError, AppResult};
use crate::page::PageCtx;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use vsoko_domain::roles::{Permission, Role};
use vsoko_store::org::{self, SchoolAggregate};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/schools", get(index))
}

#[derive(Template, WebTemplate)]
#[template(path = "schools.html")]
struct SchoolsPage {
    ctx: PageCtx,
    unit: String,
    schools: Vec<SchoolAggregate>,
    totals: (i64, i64, i64),
    total_label: String,
}

/// The aggregates page.
async fn index(State(state): State<AppState>, Auth(v): Auth) -> AppResult<SchoolsPage> {
    require(&v, Permission::ViewAggregates)?;
    let unit = if v.has(Role::Municipal) || v.has(Role::Regional) {
        v.org_id
    } else {
        v.school_id
    };
    let unit = unit.ok_or(AppError::Forbidden)?;
    let schools = org::school_aggregates(&state.db, unit).await?;
    let name = match org::unit_name(&state.db, unit).await? {
        Some(n) => n,
        None => org::school(&state.db, unit).await?.map(|s| s.name).unwrap_or_default(),
    };
    let totals = schools
        .iter()
        .fold((0, 0, 0), |t, s| (t.0 + s.classes, t.1 + s.pupils, t.2 + s.staff));
    let ctx = PageCtx::new(&state, &v, "/schools");
    let total_label = ctx.tr.n("schools-total", "n", schools.len() as i64);
    Ok(SchoolsPage {
        ctx,
        unit: name,
        schools,
        totals,
        total_label,
    })
}
