//! The home page: one page whose sections depend on the viewer's roles — the school summary
//! and management links for the administration, the teaching load for a teacher, the class
//! for a class teacher, the children for a parent, the class and teachers for a pupil, and
//! school aggregates for municipal and regional specialists.

use crate::auth::Auth;
use crate::error::AppResult;
use crate::page::{NavItem, PageCtx};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use vsoko_domain::roles::{Permission, Role};
use vsoko_store::org::{self, SchoolAggregate};
use vsoko_store::people::pupils::{self, Pupil};
use vsoko_store::structure::assignments::{self, Assignment, format_hours};
use vsoko_store::structure::classes::{self, Class};
use vsoko_store::structure::years;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/", get(show))
}

/// The school block.
pub struct SchoolBox {
    name: String,
    year: Option<String>,
    counts: Option<(String, String, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
struct HomePage {
    ctx: PageCtx,
    login: String,
    welcome: String,
    role_labels: Vec<String>,
    school: Option<SchoolBox>,
    admin_links: Vec<NavItem>,
    my_load: Vec<Assignment>,
    load_total: String,
    my_classes: Vec<Class>,
    children: Vec<Pupil>,
    me_pupil: Option<Pupil>,
    class_teachers: Vec<Assignment>,
    unit_name: Option<String>,
    aggregates: Vec<SchoolAggregate>,
}

/// Renders the home page for the viewer's roles.
async fn show(State(state): State<AppState>, Auth(v): Auth) -> AppResult<HomePage> {
    let ctx = PageCtx::new(&state, &v, "/");
    let tr = ctx.tr.clone();
    let db = &state.db;
    let mut page = HomePage {
        login: v.login.clone(),
        welcome: tr.s("home-welcome", "name", &v.full_name),
        role_labels: v.roles.iter().map(|r| tr.t(&format!("role-{}", r.code()))).collect(),
        school: None,
        admin_links: Vec::new(),
        my_load: Vec::new(),
        load_total: String::new(),
        my_classes: Vec::new(),
        children: Vec::new(),
        me_pupil: None,
        class_teachers: Vec::new(),
        unit_name: None,
        aggregates: Vec::new(),
        ctx,
    };
    let year = match v.school_id {
        Some(s) => years::current(db, s).await?,
        None => None,
    };
    if let Some(school_id) = v.school_id.filter(|_| v.roles.iter().any(|r| r.is_staff())) {
        let school = org::school(db, school_id).await?;
        let counts = if v.full_roster() {
            let agg = org::school_aggregates(db, school_id).await?;
            agg.first().map(|a| {
                (
                    tr.n("count-classes", "n", a.classes),
                    tr.n("count-pupils", "n", a.pupils),
                    tr.n("count-staff", "n", a.staff),
                )
            })
        } else {
            None
        };
        page.school = Some(SchoolBox {
            name: school.map(|s| s.name).unwrap_or_default(),
            year: year.as_ref().map(|y| y.name.clone()),
            counts,
        });
        if v.can(Permission::ManageStructure) || v.can(Permission::ImportRoster) {
            page.admin_links = page
                .ctx
                .nav
                .iter()
                .filter(|n| n.href.starts_with("/admin") || n.href == "/classes" || n.href == "/pupils")
                .cloned()
                .collect();
        }
    }
    if let Some(y) = &year {
        if v.has(Role::Teacher) {
            page.my_load = assignments::mine(db, &v, y.id).await?;
            page.load_total = tr.s(
                "home-load-total",
                "hours",
                &format_hours(page.my_load.iter().map(|a| a.hours_x100).sum()),
            );
        }
        if let Some(pid) = v.pupil_id.filter(|_| v.has(Role::Pupil)) {
            let me = pupils::get_visible(db, &v, pid).await?;
            if let Some(class_id) = me.as_ref().and_then(|p| p.class_id) {
                page.class_teachers = assignments::list(db, v.school(), y.id, None, Some(class_id)).await?;
            }
            page.me_pupil = me;
        }
    }
    if v.has(Role::ClassTeacher) {
        page.my_classes = classes::led_by(db, &v).await?;
    }
    if v.has(Role::Parent) {
        page.children = pupils::children(db, &v).await?;
    }
    if v.can(Permission::ViewAggregates) {
        let unit = if v.has(Role::Municipal) || v.has(Role::Regional) {
            v.org_id
        } else {
            None
        };
        if let Some(unit) = unit {
            page.unit_name = org::unit_name(db, unit).await?;
            page.aggregates = org::school_aggregates(db, unit).await?;
        }
    }
    Ok(page)
}
