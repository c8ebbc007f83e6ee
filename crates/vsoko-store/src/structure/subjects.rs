//! The school's subject catalogue, seeded from the reference file and editable.

use crate::audit::{self, Change};
use crate::{Actor, Db, Result, StoreError, Tx};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use vsoko_domain::search::search_key;

/// A subject of the school's catalogue.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Subject {
    /// Id.
    pub id: Uuid,
    /// Stable code.
    pub code: String,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// Subject area.
    pub area: String,
    /// Whether the subject is offered.
    pub is_active: bool,
}

/// Fields an admin edits.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct SubjectInput {
    /// Code (latin letters, digits, `_`).
    pub code: String,
    /// Name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// Area.
    pub area: String,
    /// Active.
    pub is_active: bool,
}

fn validate(input: &SubjectInput) -> Result<()> {
    if input.code.is_empty() || !input.code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(StoreError::Invalid {
            field: "code",
            message: "latin letters, digits and _ only".into(),
        });
    }
    if input.name.trim().is_empty() {
        return Err(StoreError::Invalid {
            field: "name",
            message: "required".into(),
        });
    }
    Ok(())
}

fn conflict(e: sqlx::Error) -> StoreError {
    let e = StoreError::from(e);
    if e.is_unique_violation() {
        StoreError::Conflict {
            field: "name",
            message: "a subject with this code or name exists".into(),
        }
    } else {
        e
    }
}

/// Loads the reference catalogue into a school (skips subjects it already has).
pub async fn seed_catalogue(tx: &mut Tx, actor: &Actor, school_id: Uuid) -> Result<usize> {
    let mut added = 0;
    for s in vsoko_domain::reference::subjects() {
        let exists = opt_scalar!(tx: tx, Uuid, "SELECT id FROM subjects WHERE school_id = $1 AND code = $2", school_id, &s.code)?;
        if exists.is_none() {
            let input = SubjectInput {
                code: s.code,
                name: s.name,
                short_name: s.short_name,
                area: s.area,
                is_active: true,
            };
            create(tx, actor, school_id, &input).await?;
            added += 1;
        }
    }
    Ok(added)
}

/// Adds a subject.
pub async fn create(tx: &mut Tx, actor: &Actor, school_id: Uuid, input: &SubjectInput) -> Result<Uuid> {
    validate(input)?;
    let id = vsoko_domain::new_id();
    exec!(
        tx,
        "INSERT INTO subjects (school_id, id, code, name, short_name, area, search_key, is_active) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        school_id, id, &input.code, input.name.trim(), input.short_name.trim(), input.area.trim(), search_key(&input.name), input.is_active
    ).map_err(conflict)?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "subject",
            entity_id: Some(id),
            action: "create",
            old: None,
            new: audit::snapshot(input),
        },
    )
    .await?;
    Ok(id)
}

/// Edits a subject.
pub async fn update(tx: &mut Tx, actor: &Actor, school_id: Uuid, id: Uuid, input: &SubjectInput) -> Result<()> {
    validate(input)?;
    let old = opt_row!(tx: tx, Subject, "SELECT id, code, name, short_name, area, is_active FROM subjects WHERE school_id = $1 AND id = $2", school_id, id)?.ok_or(StoreError::NotFound)?;
    exec!(
        tx,
        "UPDATE subjects SET code = $3, name = $4, short_name = $5, area = $6, search_key = $7, is_active = $8 WHERE school_id = $1 AND id = $2",
        school_id, id, &input.code, input.name.trim(), input.short_name.trim(), input.area.trim(), search_key(&input.name), input.is_active
    ).map_err(conflict)?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "subject",
            entity_id: Some(id),
            action: "update",
            old: audit::snapshot(&old),
            new: audit::snapshot(input),
        },
    )
    .await?;
    Ok(())
}

/// Subjects of a school matching a search (name or code), by name.
pub async fn list(db: &Db, school_id: Uuid, search: &str) -> Result<Vec<Subject>> {
    let pattern = format!("%{}%", search_key(search));
    Ok(rows!(
        db,
        Subject,
        "SELECT id, code, name, short_name, area, is_active FROM subjects WHERE school_id = $1 AND (search_key LIKE $2 OR code LIKE $2) ORDER BY name",
        school_id,
        pattern
    )?)
}

/// One subject.
pub async fn get(db: &Db, school_id: Uuid, id: Uuid) -> Result<Option<Subject>> {
    Ok(opt_row!(
        db,
        Subject,
        "SELECT id, code, name, short_name, area, is_active FROM subjects WHERE school_id = $1 AND id = $2",
        school_id,
        id
    )?)
}

/// All subjects of a school inside a transaction (for imports resolving names).
pub async fn all_in(tx: &mut Tx, school_id: Uuid) -> Result<Vec<Subject>> {
    Ok(
        rows!(tx: tx, Subject, "SELECT id, code, name, short_name, area, is_active FROM subjects WHERE school_id = $1", school_id)?,
    )
}
