//! Actions on one account of the admin's school: reset the password (a new temporary one,
//! shown once, and every session ended), enable or disable, grant or revoke a role. Each
//! write first checks, inside its transaction, that the account holds a role in the school.

use super::{
    Fields, TempPasswordPage, admin_school, chosen_subjects, parse_school_role, password_page, refused, show_page,
};
use crate::auth::{Auth, password};
use crate::error::AppResult;
use crate::page::PageCtx;
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;
use vsoko_domain::roles::Role;
use vsoko_i18n::Tr;
use vsoko_store::accounts;
use vsoko_store::structure::subjects;
use vsoko_store::{Actor, StoreError, Tx};

/// Fails with NotFound unless the account holds a role in the school.
async fn in_school(tx: &mut Tx, school_id: Uuid, user_id: Uuid) -> Result<(), StoreError> {
    if accounts::holds_school_role(tx, school_id, user_id).await? {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

/// Fields of the reset form.
#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    password: String,
}

/// Sets a new temporary password (random unless typed), ends the account's sessions and
/// shows the password once.
pub async fn reset(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<Uuid>,
    Form(f): Form<ResetForm>,
) -> AppResult<Response> {
    let school_id = admin_school(&v)?;
    let tr = Tr::new(&v.locale);
    let account = accounts::get_in_school(&state.db, school_id, id).await?;
    let Some(account) = account else {
        return Err(crate::error::AppError::NotFound);
    };
    if !f.password.is_empty()
        && let Some(key) = password::weakness(&f.password, state.demo)
    {
        let mut page = show_page(&state, &v, school_id, id).await?;
        page.errors.add("password", tr.t(key));
        return Ok(refused(page, tr.t("form-errors")));
    }
    let temp = if f.password.is_empty() {
        password::random_password()
    } else {
        f.password
    };
    let hash = password::hash(&state, temp.clone()).await?;
    let actor = Actor::user(v.user_id, &v.login);
    state
        .db
        .write(move |tx| {
            Box::pin(async move {
                in_school(tx, school_id, id).await?;
                accounts::set_password(tx, &actor, id, &hash, true).await?;
                accounts::revoke_all_sessions(tx, id).await?;
                Ok(())
            })
        })
        .await?;
    Ok(password_page(TempPasswordPage {
        ctx: PageCtx::new(&state, &v, "/admin/accounts"),
        user_id: id,
        login: account.login,
        password: temp,
        created: false,
    }))
}

/// Fields of the enable/disable form.
#[derive(Deserialize)]
pub struct ActiveForm {
    #[serde(default)]
    active: String,
}

/// Enables or disables an account (disabling ends its sessions); an admin cannot disable
/// their own account.
pub async fn set_active(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<Uuid>,
    Form(f): Form<ActiveForm>,
) -> AppResult<Response> {
    let school_id = admin_school(&v)?;
    let active = f.active == "true";
    if !active && id == v.user_id {
        let page = show_page(&state, &v, school_id, id).await?;
        let message = page.ctx.tr.t("accounts-not-self");
        return Ok(refused(page, message));
    }
    let actor = Actor::user(v.user_id, &v.login);
    state
        .db
        .write(move |tx| {
            Box::pin(async move {
                in_school(tx, school_id, id).await?;
                accounts::set_active(tx, &actor, id, active).await
            })
        })
        .await?;
    Ok(Redirect::to(&format!("/admin/accounts/{id}")).into_response())
}

/// Grants a school role (subjects for a ШМО head).
pub async fn grant(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<Uuid>,
    Form(raw): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let school_id = admin_school(&v)?;
    let tr = Tr::new(&v.locale);
    let fields = Fields(raw);
    let mut page = show_page(&state, &v, school_id, id).await?;
    let role = parse_school_role(fields.get("role"));
    let Some(role) = role else {
        page.errors.add("role", tr.t("accounts-role-invalid"));
        return Ok(refused(page, tr.t("form-errors")));
    };
    let catalogue = subjects::list(&state.db, school_id, "").await?;
    let chosen = if role == Role::ShmoHead {
        chosen_subjects(&tr, &mut page.errors, &catalogue, &fields.all("subjects"))
    } else {
        Vec::new()
    };
    if role == Role::ShmoHead && chosen.is_empty() && !page.errors.has("subjects") {
        page.errors.add("subjects", tr.t("accounts-subjects-required"));
    }
    if !page.errors.is_empty() {
        return Ok(refused(page, tr.t("form-errors")));
    }
    let actor = Actor::user(v.user_id, &v.login);
    state
        .db
        .write(move |tx| {
            Box::pin(async move {
                in_school(tx, school_id, id).await?;
                accounts::grant_role(tx, &actor, id, role, Some(school_id), None, &chosen).await
            })
        })
        .await?;
    Ok(Redirect::to(&format!("/admin/accounts/{id}")).into_response())
}

/// Fields of the revoke form.
#[derive(Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    role: String,
}

/// Revokes a school role; an admin cannot revoke their own admin role.
pub async fn revoke(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<Uuid>,
    Form(f): Form<RevokeForm>,
) -> AppResult<Response> {
    let school_id = admin_school(&v)?;
    let Some(role) = parse_school_role(&f.role) else {
        return Err(crate::error::AppError::NotFound);
    };
    if role == Role::Admin && id == v.user_id {
        let page = show_page(&state, &v, school_id, id).await?;
        let message = page.ctx.tr.t("accounts-not-self");
        return Ok(refused(page, message));
    }
    let actor = Actor::user(v.user_id, &v.login);
    state
        .db
        .write(move |tx| {
            Box::pin(async move {
                in_school(tx, school_id, id).await?;
                accounts::revoke_role(tx, &actor, id, role, school_id).await
            })
        })
        .await?;
    // Without a role left in this school the account is no longer the admin's to see.
    let still_here = accounts::get_in_school(&state.db, school_id, id).await?.is_some();
    let target = if still_here {
        format!("/admin/accounts/{id}")
    } else {
        "/admin/accounts".to_string()
    };
    Ok(Redirect::to(&target).into_response())
}
