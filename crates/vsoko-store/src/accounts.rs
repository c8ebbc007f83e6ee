//! Accounts (logins with argon2id hashes made by the web layer), role grants with scope,
//! and database sessions (revocable, with expiry).

use crate::audit::{self, Change};
use crate::{Actor, Db, Result, StoreError, Tx, now};
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;
use vsoko_domain::roles::Role;
use vsoko_domain::search::search_key;

mod school;
pub use school::{
    PersonKind, PersonLink, SchoolGrant, find_person, get_in_school, holds_school_role, links_in_school,
    roles_in_school, unlinked_staff,
};

/// Credentials looked up at login.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Credentials {
    /// User id.
    pub id: Uuid,
    /// PHC string of the password hash.
    pub password_hash: String,
    /// Whether the account may log in.
    pub is_active: bool,
}

/// An account as listed to admins.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct Account {
    /// Id.
    pub id: Uuid,
    /// Login.
    pub login: String,
    /// Full name.
    pub full_name: String,
    /// Active.
    pub is_active: bool,
    /// Must change password at next login.
    pub must_change_password: bool,
    /// Role codes, comma-separated.
    pub roles: String,
}

/// Normalises a login: trimmed, lower case.
pub fn normalize_login(login: &str) -> String {
    login.trim().to_lowercase()
}

/// Creates an account.
pub async fn create_user(
    tx: &mut Tx,
    actor: &Actor,
    login: &str,
    full_name: &str,
    password_hash: &str,
    must_change: bool,
) -> Result<Uuid> {
    let login = normalize_login(login);
    if login.is_empty() || login.len() > 64 || !login.chars().all(|c| c.is_alphanumeric() || "._-@".contains(c)) {
        return Err(StoreError::Invalid {
            field: "login",
            message: "letters, digits and . _ - @ only, up to 64".into(),
        });
    }
    let id = vsoko_domain::new_id();
    let t = now();
    exec!(
        tx,
        "INSERT INTO users (id, login, full_name, search_key, password_hash, must_change_password, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        id, &login, full_name.trim(), search_key(&format!("{login} {full_name}")), password_hash, must_change, t
    )
    .map_err(|e| {
        let e = StoreError::from(e);
        if e.is_unique_violation() { StoreError::Conflict { field: "login", message: "this login is taken".into() } } else { e }
    })?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: None,
            entity: "user",
            entity_id: Some(id),
            action: "create",
            old: None,
            new: Some(serde_json::json!({"login": login, "full_name": full_name})),
        },
    )
    .await?;
    Ok(id)
}

/// Grants a role with its scope (school for school roles, municipality/region for aggregate roles).
pub async fn grant_role(
    tx: &mut Tx,
    actor: &Actor,
    user_id: Uuid,
    role: Role,
    school_id: Option<Uuid>,
    org_id: Option<Uuid>,
    subjects: &[Uuid],
) -> Result<()> {
    if role.is_school_role() && school_id.is_none() {
        return Err(StoreError::Invalid {
            field: "role",
            message: "a school role needs a school".into(),
        });
    }
    if !role.is_school_role() && org_id.is_none() {
        return Err(StoreError::Invalid {
            field: "role",
            message: "a municipal or regional role needs its unit".into(),
        });
    }
    let existing = opt_scalar!(
        tx: tx,
        Uuid,
        "SELECT id FROM user_roles WHERE user_id = $1 AND role = $2 AND (school_id = $3 OR (school_id IS NULL AND $3 IS NULL)) AND (org_id = $4 OR (org_id IS NULL AND $4 IS NULL))",
        user_id, role.code(), school_id, org_id
    )?;
    if existing.is_some() {
        return Ok(());
    }
    let subjects_json = serde_json::to_string(subjects)?;
    exec!(
        tx,
        "INSERT INTO user_roles (id, user_id, role, school_id, org_id, subjects, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        vsoko_domain::new_id(),
        user_id,
        role.code(),
        school_id,
        org_id,
        &subjects_json,
        now()
    )?;
    audit::record(
        tx,
        actor,
        Change {
            school_id,
            entity: "user",
            entity_id: Some(user_id),
            action: "grant_role",
            old: None,
            new: Some(serde_json::json!({"role": role.code(), "org_id": org_id})),
        },
    )
    .await?;
    Ok(())
}

/// Removes a role from a user in a school.
pub async fn revoke_role(tx: &mut Tx, actor: &Actor, user_id: Uuid, role: Role, school_id: Uuid) -> Result<()> {
    exec!(
        tx,
        "DELETE FROM user_roles WHERE user_id = $1 AND role = $2 AND school_id = $3",
        user_id,
        role.code(),
        school_id
    )?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "user",
            entity_id: Some(user_id),
            action: "revoke_role",
            old: Some(serde_json::json!({"role": role.code()})),
            new: None,
        },
    )
    .await?;
    Ok(())
}

/// Credentials of a login.
pub async fn credentials(db: &Db, login: &str) -> Result<Option<Credentials>> {
    Ok(opt_row!(
        db,
        Credentials,
        "SELECT id, password_hash, is_active FROM users WHERE login = $1",
        normalize_login(login)
    )?)
}

/// The id of a login.
pub async fn user_id(db: &Db, login: &str) -> Result<Option<Uuid>> {
    Ok(opt_scalar!(
        db,
        Uuid,
        "SELECT id FROM users WHERE login = $1",
        normalize_login(login)
    )?)
}

/// The password hash of a user.
pub async fn password_hash(db: &Db, user_id: Uuid) -> Result<Option<String>> {
    Ok(opt_scalar!(
        db,
        String,
        "SELECT password_hash FROM users WHERE id = $1",
        user_id
    )?)
}

/// Replaces a password hash; `must_change` forces a change at next login (after an admin reset).
pub async fn set_password(
    tx: &mut Tx,
    actor: &Actor,
    user_id: Uuid,
    password_hash: &str,
    must_change: bool,
) -> Result<()> {
    let n = exec!(
        tx,
        "UPDATE users SET password_hash = $2, must_change_password = $3, updated_at = $4 WHERE id = $1",
        user_id,
        password_hash,
        must_change,
        now()
    )?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    audit::record(
        tx,
        actor,
        Change {
            school_id: None,
            entity: "user",
            entity_id: Some(user_id),
            action: "set_password",
            old: None,
            new: Some(serde_json::json!({"must_change": must_change})),
        },
    )
    .await?;
    Ok(())
}

/// Enables or disables an account; disabling also ends its sessions.
pub async fn set_active(tx: &mut Tx, actor: &Actor, user_id: Uuid, active: bool) -> Result<()> {
    exec!(
        tx,
        "UPDATE users SET is_active = $2, updated_at = $3 WHERE id = $1",
        user_id,
        active,
        now()
    )?;
    if !active {
        revoke_all_sessions(tx, user_id).await?;
    }
    audit::record(
        tx,
        actor,
        Change {
            school_id: None,
            entity: "user",
            entity_id: Some(user_id),
            action: if active { "enable" } else { "disable" },
            old: None,
            new: None,
        },
    )
    .await?;
    Ok(())
}

/// Sets the UI language of a user.
pub async fn set_locale(tx: &mut Tx, user_id: Uuid, locale: &str) -> Result<()> {
    exec!(tx, "UPDATE users SET locale = $2 WHERE id = $1", user_id, locale)?;
    Ok(())
}

/// Accounts holding any role in a school, matching a search.
pub async fn list_school_accounts(db: &Db, school_id: Uuid, search: &str) -> Result<Vec<Account>> {
    let pattern = format!("%{}%", search_key(search));
    let mut accounts = rows!(
        db,
        Account,
        "SELECT u.id, u.login, u.full_name, u.is_active, u.must_change_password, '' AS roles FROM users u \
         WHERE u.search_key LIKE $2 AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.school_id = $1) ORDER BY u.login LIMIT 500",
        school_id,
        pattern
    )?;
    let grants = rows!(
        db,
        (Uuid, String),
        "SELECT user_id, role FROM user_roles WHERE school_id = $1 ORDER BY role",
        school_id
    )?;
    for a in &mut accounts {
        a.roles = grants
            .iter()
            .filter(|(u, _)| *u == a.id)
            .map(|(_, r)| r.as_str())
            .collect::<Vec<_>>()
            .join(", ");
    }
    Ok(accounts)
}

/// Creates a session for a token hash.
pub async fn create_session(
    tx: &mut Tx,
    user_id: Uuid,
    token_hash: &str,
    expires_at: OffsetDateTime,
    ip: &str,
    user_agent: &str,
) -> Result<Uuid> {
    let id = vsoko_domain::new_id();
    let t = now();
    exec!(
        tx,
        "INSERT INTO sessions (id, token_hash, user_id, created_at, expires_at, last_seen_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $4, $6, $7)",
        id,
        token_hash,
        user_id,
        t,
        expires_at,
        ip,
        user_agent
    )?;
    audit::record(
        tx,
        &Actor::user(user_id, ""),
        Change {
            school_id: None,
            entity: "session",
            entity_id: Some(id),
            action: "login",
            old: None,
            new: Some(serde_json::json!({"ip": ip})),
        },
    )
    .await?;
    Ok(id)
}

/// Ends one session.
pub async fn revoke_session(tx: &mut Tx, session_id: Uuid) -> Result<()> {
    exec!(
        tx,
        "UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL",
        session_id,
        now()
    )?;
    Ok(())
}

/// Ends every session of a user ("log out everywhere").
pub async fn revoke_all_sessions(tx: &mut Tx, user_id: Uuid) -> Result<u64> {
    Ok(exec!(
        tx,
        "UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
        user_id,
        now()
    )?)
}

/// Number of live sessions of a user.
pub async fn live_sessions(db: &Db, user_id: Uuid) -> Result<i64> {
    Ok(scalar!(
        db,
        i64,
        "SELECT CAST(count(*) AS BIGINT) FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2",
        user_id,
        now()
    )?)
}
