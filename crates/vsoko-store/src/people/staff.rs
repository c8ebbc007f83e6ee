//! Staff members with posts; a staff record may be linked to a login.

use crate::audit::{self, Change};
use crate::{Actor, Db, Result, StoreError, Tx};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use vsoko_domain::search::search_key;

/// A staff member.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Staff {
    /// Id.
    pub id: Uuid,
    /// School-unique code.
    pub code: String,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    pub middle_name: String,
    /// Должность.
    pub post: String,
    /// E-mail.
    pub email: String,
    /// Phone.
    pub phone: String,
    /// Linked login, if any.
    pub user_id: Option<Uuid>,
    /// Active (not dismissed).
    pub is_active: bool,
}

impl Staff {
    /// "Фамилия Имя Отчество".
    pub fn full_name(&self) -> String {
        super::full_name(&self.last_name, &self.first_name, &self.middle_name)
    }
}

/// Editable fields.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct StaffInput {
    /// Code.
    pub code: String,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    pub middle_name: String,
    /// Должность.
    pub post: String,
    /// E-mail.
    pub email: String,
    /// Phone.
    pub phone: String,
}

fn validate(i: &StaffInput) -> Result<()> {
    for (field, v) in [
        ("code", &i.code),
        ("last_name", &i.last_name),
        ("first_name", &i.first_name),
        ("post", &i.post),
    ] {
        if v.trim().is_empty() {
            return Err(StoreError::Invalid {
                field,
                message: "required".into(),
            });
        }
    }
    Ok(())
}

fn conflict(e: sqlx::Error) -> StoreError {
    let e = StoreError::from(e);
    if e.is_unique_violation() {
        StoreError::Conflict {
            field: "code",
            message: "this code is taken".into(),
        }
    } else {
        e
    }
}

fn key(i: &StaffInput) -> String {
    search_key(&format!(
        "{} {} {} {} {}",
        i.last_name, i.first_name, i.middle_name, i.code, i.post
    ))
}

/// Adds a staff member.
pub async fn create(tx: &mut Tx, actor: &Actor, school_id: Uuid, i: &StaffInput) -> Result<Uuid> {
    validate(i)?;
    let id = vsoko_domain::new_id();
    exec!(
        tx,
        "INSERT INTO staff (school_id, id, code, last_name, first_name, middle_name, post, email, phone, search_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        school_id, id, i.code.trim(), i.last_name.trim(), i.first_name.trim(), i.middle_name.trim(), i.post.trim(), i.email.trim(), i.phone.trim(), key(i)
    ).map_err(conflict)?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "staff",
            entity_id: Some(id),
            action: "create",
            old: None,
            new: audit::snapshot(i),
        },
    )
    .await?;
    Ok(id)
}

/// Edits a staff member.
pub async fn update(tx: &mut Tx, actor: &Actor, school_id: Uuid, id: Uuid, i: &StaffInput) -> Result<()> {
    validate(i)?;
    let old = get_in(tx, school_id, id).await?.ok_or(StoreError::NotFound)?;
    exec!(
        tx,
        "UPDATE staff SET code = $3, last_name = $4, first_name = $5, middle_name = $6, post = $7, email = $8, phone = $9, search_key = $10 WHERE school_id = $1 AND id = $2",
        school_id, id, i.code.trim(), i.last_name.trim(), i.first_name.trim(), i.middle_name.trim(), i.post.trim(), i.email.trim(), i.phone.trim(), key(i)
    ).map_err(conflict)?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "staff",
            entity_id: Some(id),
            action: "update",
            old: audit::snapshot(&old),
            new: audit::snapshot(i),
        },
    )
    .await?;
    Ok(())
}

/// Links a staff record to a login.
pub async fn link_user(tx: &mut Tx, actor: &Actor, school_id: Uuid, id: Uuid, user_id: Uuid) -> Result<()> {
    let n = exec!(
        tx,
        "UPDATE staff SET user_id = $3 WHERE school_id = $1 AND id = $2",
        school_id,
        id,
        user_id
    )?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "staff",
            entity_id: Some(id),
            action: "link_user",
            old: None,
            new: Some(serde_json::json!({"user_id": user_id})),
        },
    )
    .await?;
    Ok(())
}

/// One staff member inside a transaction.
pub async fn get_in(tx: &mut Tx, school_id: Uuid, id: Uuid) -> Result<Option<Staff>> {
    Ok(
        opt_row!(tx: tx, Staff, "SELECT id, code, last_name, first_name, middle_name, post, email, phone, user_id, is_active FROM staff WHERE school_id = $1 AND id = $2", school_id, id)?,
    )
}

/// One staff member.
pub async fn get(db: &Db, school_id: Uuid, id: Uuid) -> Result<Option<Staff>> {
    Ok(opt_row!(
        db,
        Staff,
        "SELECT id, code, last_name, first_name, middle_name, post, email, phone, user_id, is_active FROM staff WHERE school_id = $1 AND id = $2",
        school_id,
        id
    )?)
}

/// Staff of a school matching a search, by name.
pub async fn list(db: &Db, school_id: Uuid, search: &str) -> Result<Vec<Staff>> {
    let pattern = format!("%{}%", search_key(search));
    Ok(rows!(
        db,
        Staff,
        "SELECT id, code, last_name, first_name, middle_name, post, email, phone, user_id, is_active FROM staff WHERE school_id = $1 AND search_key LIKE $2 ORDER BY last_name, first_name, middle_name LIMIT $3",
        school_id,
        pattern,
        super::PAGE
    )?)
}

/// All staff of a school inside a transaction, for imports.
pub async fn all_in(tx: &mut Tx, school_id: Uuid) -> Result<Vec<Staff>> {
    Ok(
        rows!(tx: tx, Staff, "SELECT id, code, last_name, first_name, middle_name, post, email, phone, user_id, is_active FROM staff WHERE school_id = $1", school_id)?,
    )
}

/// Marks a staff member active or dismissed; no change, no audit row.
pub async fn set_active(tx: &mut Tx, actor: &Actor, school_id: Uuid, id: Uuid, active: bool) -> Result<()> {
    let old = opt_scalar!(
        tx: tx,
        bool,
        "SELECT is_active FROM staff WHERE school_id = $1 AND id = $2",
        school_id,
        id
    )?
    .ok_or(StoreError::NotFound)?;
    if old == active {
        return Ok(());
    }
    exec!(
        tx,
        "UPDATE staff SET is_active = $3 WHERE school_id = $1 AND id = $2",
        school_id,
        id,
        active
    )?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "staff",
            entity_id: Some(id),
            action: "set_active",
            old: Some(serde_json::json!({"is_active": old})),
            new: Some(serde_json::json!({"is_active": active})),
        },
    )
    .await?;
    Ok(())
}
