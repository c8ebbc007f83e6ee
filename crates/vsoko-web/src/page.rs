//! What every page's layout needs: the translator, the demo flag, the user box and the
//! navigation built from the viewer's permissions.

use crate::state::AppState;
use axum::http::HeaderMap;
use axum_extra::extract::CookieJar;
use vsoko_domain::roles::{Permission, Role};
use vsoko_i18n::Tr;
use vsoko_store::Viewer;

/// Cookie holding the language of visitors who are not logged in.
pub const LANG_COOKIE: &str = "vsoko_lang";

/// One navigation link.
#[derive(Debug, Clone)]
pub struct NavItem {
    /// Target.
    pub href: &'static str,
    /// Label.
    pub label: String,
    /// Whether the current page is under it.
    pub active: bool,
}

/// The logged-in user as the layout shows them.
#[derive(Debug, Clone)]
pub struct UserBox {
    /// Login.
    pub login: String,
    /// Full name.
    pub full_name: String,
    /// Role labels.
    pub roles: Vec<String>,
}

/// Layout context of every page.
#[derive(Debug, Clone)]
pub struct PageCtx {
    /// Translator.
    pub tr: Tr,
    /// Demo database.
    pub demo: bool,
    /// The user, when logged in.
    pub user: Option<UserBox>,
    /// Navigation.
    pub nav: Vec<NavItem>,
    /// Current path (for the language switch's return).
    pub path: String,
}

impl PageCtx {
    /// Context for a logged-in viewer.
    pub fn new(state: &AppState, v: &Viewer, path: &str) -> PageCtx {
        let tr = Tr::new(&v.locale);
        let nav = nav_for(&tr, v, path);
        let roles = v.roles.iter().map(|r| tr.t(&format!("role-{}", r.code()))).collect();
        PageCtx {
            tr,
            demo: state.demo,
            user: Some(UserBox {
                login: v.login.clone(),
                full_name: v.full_name.clone(),
                roles,
            }),
            nav,
            path: path.to_string(),
        }
    }

    /// Context for a visitor who is not logged in (language from the cookie).
    pub fn anonymous(state: &AppState, headers: &HeaderMap, path: &str) -> PageCtx {
        let jar = CookieJar::from_headers(headers);
        let lang = jar.get(LANG_COOKIE).map(|c| c.value().to_string()).unwrap_or_default();
        PageCtx {
            tr: Tr::new(&lang),
            demo: state.demo,
            user: None,
            nav: Vec::new(),
            path: path.to_string(),
        }
    }
}

fn nav_for(tr: &Tr, v: &Viewer, path: &str) -> Vec<NavItem> {
    let mut items: Vec<(&'static str, &str)> = vec![("/", "nav-home")];
    if v.can(Permission::ViewOwnFamily) {
        items.push(("/diary", "diary-nav"));
    }
    if v.school_id.is_some() && v.roles.iter().any(|r| r.is_staff()) {
        items.push(("/journal", "journal-nav"));
    }
    if vsoko_store::results::may_analyse(v) {
        items.push(("/results", "results-nav"));
        items.push(("/assessments", "assessments-nav"));
        items.push(("/value-added", "va-nav"));
    }
    if v.school_id.is_some() {
        items.push(("/schedule", "schedule-nav"));
    }
    if vsoko_store::assessment::manual::may_create(v) {
        items.push(("/control-works", "control-work-nav"));
    }
    if v.sees_classes() {
        items.push(("/classes", "nav-classes"));
        items.push(("/pupils", "nav-pupils"));
    }
    if v.can(Permission::ManageStructure) {
        items.push(("/admin/staff", "nav-staff"));
        items.push(("/admin/parents", "nav-parents"));
        items.push(("/admin/subjects", "nav-subjects"));
        items.push(("/admin/assignments", "nav-assignments"));
        items.push(("/admin/years", "nav-years"));
        items.push(("/admin/grading-policy", "policy-nav"));
        items.push(("/control", "control-nav"));
    }
    if crate::routes::conversions::may_edit(v) {
        items.push(("/admin/conversions", "conversion-nav"));
        items.push(("/admin/codifiers", "codifier-nav"));
    }
    if v.can(Permission::ImportRoster) {
        items.push(("/admin/import", "nav-import"));
    }
    if crate::routes::assessments::may_upload(v) {
        items.push(("/assessments/import", "assessments-nav-upload"));
    }
    if v.can(Permission::ManageAccounts) {
        items.push(("/admin/accounts", "nav-accounts"));
    }
    if v.has(Role::Municipal) || v.has(Role::Regional) {
        items.push(("/schools", "nav-schools"));
    }
    // The longest link the path starts with is the current one (`/assessments/import` is
    // not also `/assessments`).
    let under = |href: &str| {
        if href == "/" {
            path == "/"
        } else {
            path.strip_prefix(href)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        }
    };
    let current = items
        .iter()
        .map(|(href, _)| *href)
        .filter(|href| under(href))
        .max_by_key(|href| href.len());
    items
        .into_iter()
        .map(|(href, key)| NavItem {
            href,
            label: tr.t(key),
            active: current == Some(href),
        })
        .collect()
}
