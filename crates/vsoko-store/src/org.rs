//! The hierarchy region → municipality → school, its closure table for scope checks, and
//! the aggregates municipal and regional specialists see (counts only, no pupil rows).

use crate::audit::{self, Change};
use crate::{Actor, Db, Result, Tx, now};
use serde::Serialize;
use uuid::Uuid;

/// A school as listed in the hierarchy.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct School {
    /// Id.
    pub id: Uuid,
    /// Municipality.
    pub municipality_id: Uuid,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
}

async fn add_closure(tx: &mut Tx, id: Uuid, parent: Option<Uuid>) -> Result<()> {
    exec!(
        tx,
        "INSERT INTO org_closure (ancestor_id, descendant_id, depth) VALUES ($1, $1, 0)",
        id
    )?;
    if let Some(parent) = parent {
        exec!(
            tx,
            "INSERT INTO org_closure (ancestor_id, descendant_id, depth) \
             SELECT ancestor_id, $1, depth + 1 FROM org_closure WHERE descendant_id = $2",
            id,
            parent
        )?;
    }
    Ok(())
}

/// Creates a region.
pub async fn create_region(tx: &mut Tx, actor: &Actor, name: &str) -> Result<Uuid> {
    let id = vsoko_domain::new_id();
    exec!(
        tx,
        "INSERT INTO regions (id, name, created_at) VALUES ($1, $2, $3)",
        id,
        name,
        now()
    )?;
    add_closure(tx, id, None).await?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: None,
            entity: "region",
            entity_id: Some(id),
            action: "create",
            old: None,
            new: Some(serde_json::json!({"name": name})),
        },
    )
    .await?;
    Ok(id)
}

/// Creates a municipality in a region.
pub async fn create_municipality(tx: &mut Tx, actor: &Actor, region_id: Uuid, name: &str) -> Result<Uuid> {
    let id = vsoko_domain::new_id();
    exec!(
        tx,
        "INSERT INTO municipalities (id, region_id, name, created_at) VALUES ($1, $2, $3, $4)",
        id,
        region_id,
        name,
        now()
    )?;
    add_closure(tx, id, Some(region_id)).await?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: None,
            entity: "municipality",
            entity_id: Some(id),
            action: "create",
            old: None,
            new: Some(serde_json::json!({"name": name, "region_id": region_id})),
        },
    )
    .await?;
    Ok(id)
}

/// Creates a school in a municipality.
pub async fn create_school(
    tx: &mut Tx,
    actor: &Actor,
    municipality_id: Uuid,
    name: &str,
    short_name: &str,
) -> Result<Uuid> {
    let id = vsoko_domain::new_id();
    exec!(
        tx,
        "INSERT INTO schools (id, municipality_id, name, short_name, created_at) VALUES ($1, $2, $3, $4, $5)",
        id,
        municipality_id,
        name,
        short_name,
        now()
    )?;
    add_closure(tx, id, Some(municipality_id)).await?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(id),
            entity: "school",
            entity_id: Some(id),
            action: "create",
            old: None,
            new: Some(serde_json::json!({"name": name})),
        },
    )
    .await?;
    Ok(id)
}

/// A school by id.
pub async fn school(db: &Db, id: Uuid) -> Result<Option<School>> {
    Ok(opt_row!(
        db,
        School,
        "SELECT id, municipality_id, name, short_name FROM schools WHERE id = $1",
        id
    )?)
}

/// The name of a region or municipality.
pub async fn unit_name(db: &Db, id: Uuid) -> Result<Option<String>> {
    Ok(opt_scalar!(
        db,
        String,
        "SELECT name FROM regions WHERE id = $1 UNION ALL SELECT name FROM municipalities WHERE id = $1",
        id
    )?)
}

/// Counts of one school, the only figures municipal and regional specialists get here.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct SchoolAggregate {
    /// School id.
    pub school_id: Uuid,
    /// School name.
    pub name: String,
    /// Municipality name.
    pub municipality: String,
    /// Classes this year.
    pub classes: i64,
    /// Pupils currently enrolled.
    pub pupils: i64,
    /// Active staff.
    pub staff: i64,
}

/// Aggregates of every school under an organisational unit (region or municipality),
/// found through the closure table.
pub async fn school_aggregates(db: &Db, unit_id: Uuid) -> Result<Vec<SchoolAggregate>> {
    const SQL: &str = "SELECT s.id AS school_id, s.name, m.name AS municipality, \
        (SELECT CAST(count(*) AS BIGINT) FROM classes c JOIN academic_years y ON y.school_id = c.school_id AND y.id = c.year_id AND y.is_current WHERE c.school_id = s.id) AS classes, \
        (SELECT CAST(count(*) AS BIGINT) FROM pupil_classes pc JOIN academic_years y ON y.school_id = pc.school_id AND y.id = pc.year_id AND y.is_current WHERE pc.school_id = s.id AND pc.to_date IS NULL) AS pupils, \
        (SELECT CAST(count(*) AS BIGINT) FROM staff st WHERE st.school_id = s.id AND st.is_active) AS staff \
        FROM org_closure oc JOIN schools s ON s.id = oc.descendant_id JOIN municipalities m ON m.id = s.municipality_id \
        WHERE oc.ancestor_id = $1 ORDER BY m.name, s.name";
    Ok(rows!(db, SchoolAggregate, SQL, unit_id)?)
}

/// Ids of every school.
pub async fn school_ids(db: &Db) -> Result<Vec<Uuid>> {
    Ok(rows!(db, (Uuid,), "SELECT id FROM schools ORDER BY name")?
        .into_iter()
        .map(|(id,)| id)
        .collect())
}

/// The region of this name, created when missing.
pub async fn ensure_region(tx: &mut Tx, actor: &Actor, name: &str) -> Result<Uuid> {
    match opt_scalar!(tx: tx, Uuid, "SELECT id FROM regions WHERE name = $1", name)? {
        Some(id) => Ok(id),
        None => create_region(tx, actor, name).await,
    }
}

/// The municipality of this name in a region, created when missing.
pub async fn ensure_municipality(tx: &mut Tx, actor: &Actor, region_id: Uuid, name: &str) -> Result<Uuid> {
    match opt_scalar!(tx: tx, Uuid, "SELECT id FROM municipalities WHERE region_id = $1 AND name = $2", region_id, name)?
    {
        Some(id) => Ok(id),
        None => create_municipality(tx, actor, region_id, name).await,
    }
}

/// One line of the hierarchy: region, municipality and school with their ids.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct TreeLine {
    /// Region id.
    pub region_id: Uuid,
    /// Region name.
    pub region: String,
    /// Municipality id.
    pub municipality_id: Uuid,
    /// Municipality name.
    pub municipality: String,
    /// School id.
    pub school_id: Uuid,
    /// School name.
    pub school: String,
}

/// The whole hierarchy, one line per school.
pub async fn tree(db: &Db) -> Result<Vec<TreeLine>> {
    Ok(rows!(
        db,
        TreeLine,
        "SELECT r.id AS region_id, r.name AS region, m.id AS municipality_id, m.name AS municipality, s.id AS school_id, s.name AS school \
         FROM schools s JOIN municipalities m ON m.id = s.municipality_id JOIN regions r ON r.id = m.region_id ORDER BY r.name, m.name, s.name"
    )?)
}
