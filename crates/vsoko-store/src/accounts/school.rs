//! Account administration within one school: every query here is scoped by the school in
//! its `WHERE` clause, so an admin reaches only accounts holding a role in their school and
//! only people records of their school.

use crate::{Db, Result, Tx};
use serde::Serialize;
use uuid::Uuid;

use super::Account;

/// A role grant of an account in one school.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct SchoolGrant {
    /// Role code.
    pub role: String,
    /// Subject ids of a ШМО head (JSON array).
    pub subjects: String,
}

impl SchoolGrant {
    /// The subject ids of the grant (empty unless a ШМО head).
    pub fn subject_ids(&self) -> Vec<Uuid> {
        serde_json::from_str(&self.subjects).unwrap_or_default()
    }
}

/// A people record an account is (or may be) linked to.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct PersonLink {
    /// "staff", "pupil" or "parent".
    pub kind: String,
    /// Record id.
    pub id: Uuid,
    /// School-unique code.
    pub code: String,
    /// "Фамилия Имя Отчество".
    pub full_name: String,
    /// The login already linked to the record.
    pub user_id: Option<Uuid>,
}

/// Which people table a link goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonKind {
    /// A staff member.
    Staff,
    /// A pupil.
    Pupil,
    /// A parent.
    Parent,
}

/// An account if it holds a role in the school (None otherwise, even if it exists).
pub async fn get_in_school(db: &Db, school_id: Uuid, user_id: Uuid) -> Result<Option<Account>> {
    let account = opt_row!(
        db,
        Account,
        "SELECT u.id, u.login, u.full_name, u.is_active, u.must_change_password, '' AS roles FROM users u \
         WHERE u.id = $2 AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.school_id = $1)",
        school_id,
        user_id
    )?;
    let Some(mut account) = account else { return Ok(None) };
    account.roles = roles_in_school(db, school_id, user_id)
        .await?
        .into_iter()
        .map(|g| g.role)
        .collect::<Vec<_>>()
        .join(", ");
    Ok(Some(account))
}

/// Whether an account holds a role in the school (checked inside the write that acts on it).
pub async fn holds_school_role(tx: &mut Tx, school_id: Uuid, user_id: Uuid) -> Result<bool> {
    Ok(opt_scalar!(
        tx: tx,
        Uuid,
        "SELECT user_id FROM user_roles WHERE school_id = $1 AND user_id = $2 LIMIT 1",
        school_id,
        user_id
    )?
    .is_some())
}

/// The account's role grants in the school.
pub async fn roles_in_school(db: &Db, school_id: Uuid, user_id: Uuid) -> Result<Vec<SchoolGrant>> {
    Ok(rows!(
        db,
        SchoolGrant,
        "SELECT role, subjects FROM user_roles WHERE school_id = $1 AND user_id = $2 ORDER BY role",
        school_id,
        user_id
    )?)
}

/// The school's people records linked to an account.
pub async fn links_in_school(db: &Db, school_id: Uuid, user_id: Uuid) -> Result<Vec<PersonLink>> {
    Ok(rows!(
        db,
        PersonLink,
        "SELECT 'staff' AS kind, id, code, TRIM(last_name || ' ' || first_name || ' ' || middle_name) AS full_name, user_id FROM staff WHERE school_id = $1 AND user_id = $2 \
         UNION ALL SELECT 'pupil' AS kind, id, code, TRIM(last_name || ' ' || first_name || ' ' || middle_name) AS full_name, user_id FROM pupils WHERE school_id = $1 AND user_id = $2 \
         UNION ALL SELECT 'parent' AS kind, id, code, TRIM(last_name || ' ' || first_name || ' ' || middle_name) AS full_name, user_id FROM parents WHERE school_id = $1 AND user_id = $2",
        school_id,
        user_id
    )?)
}

/// Active staff of the school without a login, by name (choices for a new account).
pub async fn unlinked_staff(db: &Db, school_id: Uuid) -> Result<Vec<PersonLink>> {
    Ok(rows!(
        db,
        PersonLink,
        "SELECT 'staff' AS kind, id, code, TRIM(last_name || ' ' || first_name || ' ' || middle_name) AS full_name, user_id FROM staff \
         WHERE school_id = $1 AND user_id IS NULL AND is_active ORDER BY last_name, first_name, middle_name",
        school_id
    )?)
}

/// A people record of the school by its code, inside the write that links it.
pub async fn find_person(tx: &mut Tx, school_id: Uuid, kind: PersonKind, code: &str) -> Result<Option<PersonLink>> {
    let code = code.trim();
    Ok(match kind {
        PersonKind::Staff => opt_row!(
            tx: tx,
            PersonLink,
            "SELECT 'staff' AS kind, id, code, TRIM(last_name || ' ' || first_name || ' ' || middle_name) AS full_name, user_id FROM staff WHERE school_id = $1 AND code = $2",
            school_id,
            code
        )?,
        PersonKind::Pupil => opt_row!(
            tx: tx,
            PersonLink,
            "SELECT 'pupil' AS kind, id, code, TRIM(last_name || ' ' || first_name || ' ' || middle_name) AS full_name, user_id FROM pupils WHERE school_id = $1 AND code = $2",
            school_id,
            code
        )?,
        PersonKind::Parent => opt_row!(
            tx: tx,
            PersonLink,
            "SELECT 'parent' AS kind, id, code, TRIM(last_name || ' ' || first_name || ' ' || middle_name) AS full_name, user_id FROM parents WHERE school_id = $1 AND code = $2",
            school_id,
            code
        )?,
    })
}
