//! Parents (legal representatives) and their links to pupils.

use crate::audit::{self, Change};
use crate::{Actor, Db, Result, StoreError, Tx};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use vsoko_domain::search::search_key;

/// A parent with the number of linked children.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Parent {
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
    /// Phone.
    pub phone: String,
    /// E-mail.
    pub email: String,
    /// Linked login.
    pub user_id: Option<Uuid>,
    /// Number of linked pupils.
    pub children: i64,
}

impl Parent {
    /// "Фамилия Имя Отчество".
    pub fn full_name(&self) -> String {
        super::full_name(&self.last_name, &self.first_name, &self.middle_name)
    }
}

/// Editable fields.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ParentInput {
    /// Code.
    pub code: String,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    pub middle_name: String,
    /// Phone.
    pub phone: String,
    /// E-mail.
    pub email: String,
}

/// A parent of a pupil, as shown on the pupil's card.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct ParentOfPupil {
    /// Parent id.
    pub id: Uuid,
    /// Full name parts.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    pub middle_name: String,
    /// Phone.
    pub phone: String,
    /// Relation.
    pub relation: String,
}

fn validate(i: &ParentInput) -> Result<()> {
    for (field, v) in [
        ("code", &i.code),
        ("last_name", &i.last_name),
        ("first_name", &i.first_name),
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

fn key(i: &ParentInput) -> String {
    search_key(&format!(
        "{} {} {} {} {}",
        i.last_name, i.first_name, i.middle_name, i.code, i.phone
    ))
}

/// Adds a parent.
pub async fn create(tx: &mut Tx, actor: &Actor, school_id: Uuid, i: &ParentInput) -> Result<Uuid> {
    validate(i)?;
    let id = vsoko_domain::new_id();
    exec!(
        tx,
        "INSERT INTO parents (school_id, id, code, last_name, first_name, middle_name, phone, email, search_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        school_id, id, i.code.trim(), i.last_name.trim(), i.first_name.trim(), i.middle_name.trim(), i.phone.trim(), i.email.trim(), key(i)
    )
    .map_err(conflict)?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "parent",
            entity_id: Some(id),
            action: "create",
            old: None,
            new: audit::snapshot(i),
        },
    )
    .await?;
    Ok(id)
}

/// Edits a parent.
pub async fn update(tx: &mut Tx, actor: &Actor, school_id: Uuid, id: Uuid, i: &ParentInput) -> Result<()> {
    validate(i)?;
    let old = get_in(tx, school_id, id).await?.ok_or(StoreError::NotFound)?;
    exec!(
        tx,
        "UPDATE parents SET code = $3, last_name = $4, first_name = $5, middle_name = $6, phone = $7, email = $8, search_key = $9 WHERE school_id = $1 AND id = $2",
        school_id,
        id,
        i.code.trim(),
        i.last_name.trim(),
        i.first_name.trim(),
        i.middle_name.trim(),
        i.phone.trim(),
        i.email.trim(),
        key(i)
    )
    .map_err(conflict)?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "parent",
            entity_id: Some(id),
            action: "update",
            old: audit::snapshot(&old),
            new: audit::snapshot(i),
        },
    )
    .await?;
    Ok(())
}

/// Links a parent to a pupil (no change if already linked).
pub async fn link_pupil(
    tx: &mut Tx,
    actor: &Actor,
    school_id: Uuid,
    parent_id: Uuid,
    pupil_id: Uuid,
    relation: &str,
) -> Result<bool> {
    let exists = opt_scalar!(tx: tx, Uuid, "SELECT id FROM parent_pupils WHERE school_id = $1 AND parent_id = $2 AND pupil_id = $3", school_id, parent_id, pupil_id)?;
    if exists.is_some() {
        return Ok(false);
    }
    let id = vsoko_domain::new_id();
    exec!(
        tx,
        "INSERT INTO parent_pupils (school_id, id, parent_id, pupil_id, relation) VALUES ($1, $2, $3, $4, $5)",
        school_id,
        id,
        parent_id,
        pupil_id,
        relation
    )?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "parent_pupil",
            entity_id: Some(id),
            action: "create",
            old: None,
            new: Some(serde_json::json!({"parent_id": parent_id, "pupil_id": pupil_id, "relation": relation})),
        },
    )
    .await?;
    Ok(true)
}

/// Links a parent record to a login.
pub async fn link_user(tx: &mut Tx, actor: &Actor, school_id: Uuid, id: Uuid, user_id: Uuid) -> Result<()> {
    if exec!(
        tx,
        "UPDATE parents SET user_id = $3 WHERE school_id = $1 AND id = $2",
        school_id,
        id,
        user_id
    )? == 0
    {
        return Err(StoreError::NotFound);
    }
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "parent",
            entity_id: Some(id),
            action: "link_user",
            old: None,
            new: Some(serde_json::json!({"user_id": user_id})),
        },
    )
    .await?;
    Ok(())
}

/// Parents of a school matching a search.
pub async fn list(db: &Db, school_id: Uuid, search: &str) -> Result<Vec<Parent>> {
    let pattern = format!("%{}%", search_key(search));
    Ok(rows!(
        db,
        Parent,
        "SELECT pa.id, pa.code, pa.last_name, pa.first_name, pa.middle_name, pa.phone, pa.email, pa.user_id, \
         (SELECT CAST(count(*) AS BIGINT) FROM parent_pupils pp WHERE pp.school_id = pa.school_id AND pp.parent_id = pa.id) AS children \
         FROM parents pa WHERE pa.school_id = $1 AND pa.search_key LIKE $2 ORDER BY pa.last_name, pa.first_name LIMIT $3",
        school_id,
        pattern,
        super::PAGE
    )?)
}

/// Parents of one pupil (caller has checked the pupil's visibility).
pub async fn of_pupil(db: &Db, school_id: Uuid, pupil_id: Uuid) -> Result<Vec<ParentOfPupil>> {
    Ok(rows!(
        db,
        ParentOfPupil,
        "SELECT pa.id, pa.last_name, pa.first_name, pa.middle_name, pa.phone, pp.relation FROM parent_pupils pp \
         JOIN parents pa ON pa.school_id = pp.school_id AND pa.id = pp.parent_id WHERE pp.school_id = $1 AND pp.pupil_id = $2 ORDER BY pa.last_name",
        school_id,
        pupil_id
    )?)
}

/// (code, id, last, first, middle) of every parent, for imports.
pub async fn codes_in(tx: &mut Tx, school_id: Uuid) -> Result<Vec<(String, Uuid)>> {
    Ok(rows!(tx: tx, (String, Uuid), "SELECT code, id FROM parents WHERE school_id = $1", school_id)?)
}

/// A pupil linked to a parent, as listed on the parent's edit page.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct LinkedPupil {
    /// Pupil id.
    pub id: Uuid,
    /// Pupil code.
    pub code: String,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    pub middle_name: String,
    /// Current class name.
    pub class_name: Option<String>,
    /// Relation.
    pub relation: String,
}

impl LinkedPupil {
    /// "Фамилия Имя Отчество".
    pub fn full_name(&self) -> String {
        super::full_name(&self.last_name, &self.first_name, &self.middle_name)
    }
}

const SELECT_PARENT: &str = "SELECT pa.id, pa.code, pa.last_name, pa.first_name, pa.middle_name, pa.phone, pa.email, pa.user_id, \
     (SELECT CAST(count(*) AS BIGINT) FROM parent_pupils pp WHERE pp.school_id = pa.school_id AND pp.parent_id = pa.id) AS children \
     FROM parents pa WHERE pa.school_id = $1 AND pa.id = $2";

/// One parent of a school.
pub async fn get(db: &Db, school_id: Uuid, id: Uuid) -> Result<Option<Parent>> {
    Ok(opt_row!(db, Parent, SELECT_PARENT, school_id, id)?)
}

/// One parent of a school inside a transaction.
pub async fn get_in(tx: &mut Tx, school_id: Uuid, id: Uuid) -> Result<Option<Parent>> {
    Ok(opt_row!(tx: tx, Parent, SELECT_PARENT, school_id, id)?)
}

/// The pupils linked to a parent, with their current classes, by name.
pub async fn pupils_of(db: &Db, school_id: Uuid, parent_id: Uuid) -> Result<Vec<LinkedPupil>> {
    Ok(rows!(
        db,
        LinkedPupil,
        "SELECT p.id, p.code, p.last_name, p.first_name, p.middle_name, c.name AS class_name, pp.relation \
         FROM parent_pupils pp JOIN pupils p ON p.school_id = pp.school_id AND p.id = pp.pupil_id \
         LEFT JOIN pupil_classes pc ON pc.school_id = p.school_id AND pc.pupil_id = p.id AND pc.to_date IS NULL \
         LEFT JOIN classes c ON c.school_id = pc.school_id AND c.id = pc.class_id \
         WHERE pp.school_id = $1 AND pp.parent_id = $2 ORDER BY p.last_name, p.first_name",
        school_id,
        parent_id
    )?)
}

/// Removes the link between a parent and a pupil; returns whether a link existed.
pub async fn unlink_pupil(
    tx: &mut Tx,
    actor: &Actor,
    school_id: Uuid,
    parent_id: Uuid,
    pupil_id: Uuid,
) -> Result<bool> {
    let Some((id, relation)) = opt_row!(
        tx: tx,
        (Uuid, String),
        "SELECT id, relation FROM parent_pupils WHERE school_id = $1 AND parent_id = $2 AND pupil_id = $3",
        school_id,
        parent_id,
        pupil_id
    )?
    else {
        return Ok(false);
    };
    exec!(
        tx,
        "DELETE FROM parent_pupils WHERE school_id = $1 AND id = $2",
        school_id,
        id
    )?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "parent_pupil",
            entity_id: Some(id),
            action: "delete",
            old: Some(serde_json::json!({"parent_id": parent_id, "pupil_id": pupil_id, "relation": relation})),
            new: None,
        },
    )
    .await?;
    Ok(true)
}
