//! Account administration (`Permission::ManageAccounts`, the school admin only): the
//! accounts holding a role in the admin's school, creating an account with a temporary
//! password shown once, resetting passwords, enabling and disabling, granting and revoking
//! roles. An account without a role in the admin's school is 404, enforced by the store query.

pub mod actions;
pub mod create;

use crate::auth::{Auth, require, school_of};
use crate::error::{AppError, AppResult};
use crate::forms::FieldErrors;
use crate::page::PageCtx;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use uuid::Uuid;
use vsoko_domain::roles::{ALL_ROLES, Permission, Role};
use vsoko_i18n::Tr;
use vsoko_store::Viewer;
use vsoko_store::accounts::{self, Account, PersonLink};
use vsoko_store::structure::subjects::{self, Subject};

/// Routes of the accounts area.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/accounts", get(index).post(create::create))
        .route("/admin/accounts/new", get(create::new_form))
        .route("/admin/accounts/{id}", get(show))
        .route("/admin/accounts/{id}/reset", post(actions::reset))
        .route("/admin/accounts/{id}/active", post(actions::set_active))
        .route("/admin/accounts/{id}/roles", post(actions::grant))
        .route("/admin/accounts/{id}/roles/revoke", post(actions::revoke))
}

/// The school an account admin acts on; 403 for any other role.
fn admin_school(v: &Viewer) -> Result<Uuid, AppError> {
    require(v, Permission::ManageAccounts)?;
    school_of(v)
}

/// The school roles an admin may grant, with their labels.
fn school_roles(tr: &Tr) -> Vec<(&'static str, String)> {
    ALL_ROLES
        .iter()
        .filter(|r| r.is_school_role())
        .map(|r| (r.code(), tr.t(&format!("role-{}", r.code()))))
        .collect()
}

/// A school role from a form value.
fn parse_school_role(code: &str) -> Option<Role> {
    Role::parse(code.trim()).filter(|r| r.is_school_role())
}

/// Values of a form that may repeat a key (multi-selects), in order.
pub struct Fields(Vec<(String, String)>);

impl Fields {
    /// The first value of a key ("" when absent).
    fn get(&self, key: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// Every value of a key.
    fn all(&self, key: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// Subject ids chosen for a ШМО head, each a subject of the school (else a field error).
fn chosen_subjects(tr: &Tr, errors: &mut FieldErrors, catalogue: &[Subject], values: &[&str]) -> Vec<Uuid> {
    let mut out = Vec::new();
    for v in values.iter().filter(|v| !v.trim().is_empty()) {
        match Uuid::parse_str(v.trim())
            .ok()
            .filter(|id| catalogue.iter().any(|s| s.id == *id))
        {
            Some(id) => out.push(id),
            None => errors.add("subjects", tr.t("accounts-subject-unknown")),
        }
    }
    out
}

/// A temporary password, shown once; never cached.
fn password_page(page: TempPasswordPage) -> Response {
    ([(header::CACHE_CONTROL, "no-store")], page).into_response()
}

#[derive(Template, WebTemplate)]
#[template(path = "accounts/index.html")]
struct AccountsPage {
    ctx: PageCtx,
    q: String,
    accounts: Vec<Account>,
}

/// Query of the account list.
#[derive(Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

/// Accounts with a role in the admin's school, filtered by `?q=` (login or name).
async fn index(State(state): State<AppState>, Auth(v): Auth, Query(q): Query<SearchQuery>) -> AppResult<AccountsPage> {
    let school_id = admin_school(&v)?;
    let mut list = accounts::list_school_accounts(&state.db, school_id, &q.q).await?;
    let ctx = PageCtx::new(&state, &v, "/admin/accounts");
    for a in &mut list {
        a.roles = a
            .roles
            .split(", ")
            .filter(|r| !r.is_empty())
            .map(|r| ctx.tr.t(&format!("role-{r}")))
            .collect::<Vec<_>>()
            .join(", ");
    }
    Ok(AccountsPage {
        ctx,
        q: q.q,
        accounts: list,
    })
}

/// A role grant as shown.
pub struct GrantView {
    code: String,
    label: String,
    subjects: String,
}

/// The account page: roles in this school, linked people and the actions.
#[derive(Template, WebTemplate)]
#[template(path = "accounts/show.html")]
pub struct ShowPage {
    ctx: PageCtx,
    account: Account,
    grants: Vec<GrantView>,
    links: Vec<PersonLink>,
    sessions: i64,
    roles: Vec<(&'static str, String)>,
    subjects: Vec<Subject>,
    is_self: bool,
    error: Option<String>,
    errors: FieldErrors,
}

/// The account page of an account in the admin's school (404 otherwise).
pub async fn show_page(state: &AppState, v: &Viewer, school_id: Uuid, id: Uuid) -> AppResult<ShowPage> {
    let db = &state.db;
    let account = accounts::get_in_school(db, school_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let ctx = PageCtx::new(state, v, "/admin/accounts");
    let catalogue = subjects::list(db, school_id, "").await?;
    let grants = accounts::roles_in_school(db, school_id, id)
        .await?
        .into_iter()
        .map(|g| GrantView {
            label: ctx.tr.t(&format!("role-{}", g.role)),
            subjects: g
                .subject_ids()
                .iter()
                .filter_map(|sid| catalogue.iter().find(|s| s.id == *sid).map(|s| s.name.clone()))
                .collect::<Vec<_>>()
                .join(", "),
            code: g.role,
        })
        .collect();
    Ok(ShowPage {
        grants,
        links: accounts::links_in_school(db, school_id, id).await?,
        sessions: accounts::live_sessions(db, id).await?,
        roles: school_roles(&ctx.tr),
        subjects: catalogue,
        is_self: id == v.user_id,
        error: None,
        errors: FieldErrors::new(),
        account,
        ctx,
    })
}

/// One account.
async fn show(State(state): State<AppState>, Auth(v): Auth, Path(id): Path<Uuid>) -> AppResult<ShowPage> {
    let school_id = admin_school(&v)?;
    show_page(&state, &v, school_id, id).await
}

/// The account page again with a problem, status 422.
fn refused(mut page: ShowPage, message: String) -> Response {
    page.error = Some(message);
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}

/// The page that shows a temporary password once.
#[derive(Template, WebTemplate)]
#[template(path = "accounts/password.html")]
pub struct TempPasswordPage {
    ctx: PageCtx,
    user_id: Uuid,
    login: String,
    password: String,
    created: bool,
}
