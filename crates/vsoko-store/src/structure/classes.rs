//! Classes of a school year ("5А") with their class teachers; scoped listing.

use crate::audit::{self, Change};
use crate::{Actor, Db, Result, StoreError, Tx, Viewer};
use serde::Serialize;
use uuid::Uuid;
use vsoko_domain::search::search_key;
use vsoko_domain::structure::ClassName;

/// A class with its class teacher and size.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct Class {
    /// Id.
    pub id: Uuid,
    /// Year.
    pub year_id: Uuid,
    /// Grade 1–11.
    pub grade: i64,
    /// Letter.
    pub letter: String,
    /// Name, e.g. "5А".
    pub name: String,
    /// Profile.
    pub profile: String,
    /// Class teacher staff id.
    pub class_teacher_id: Option<Uuid>,
    /// Class teacher's name.
    pub class_teacher_name: Option<String>,
    /// Pupils currently in the class.
    pub pupils: i64,
}

macro_rules! select_classes {
    ($where:literal) => {
        concat!(
            "SELECT c.id, c.year_id, c.grade, c.letter, c.name, c.profile, ct.staff_id AS class_teacher_id, \
             CASE WHEN st.id IS NULL THEN NULL ELSE st.last_name || ' ' || st.first_name || ' ' || st.middle_name END AS class_teacher_name, \
             (SELECT CAST(count(*) AS BIGINT) FROM pupil_classes pc WHERE pc.school_id = c.school_id AND pc.class_id = c.id AND pc.to_date IS NULL) AS pupils \
             FROM classes c \
             LEFT JOIN class_teachers ct ON ct.school_id = c.school_id AND ct.class_id = c.id \
             LEFT JOIN staff st ON st.school_id = ct.school_id AND st.id = ct.staff_id \
             WHERE c.school_id = $1 AND ($2 \
               OR EXISTS (SELECT 1 FROM teaching_assignments ta WHERE ta.school_id = c.school_id AND ta.class_id = c.id AND ta.staff_id = $3) \
               OR ct.staff_id = $3) ",
            $where
        )
    };
}

/// Classes of a year the viewer may see (all for the administration, own for teachers;
/// none for pupils, parents and aggregate roles), ordered by grade and letter.
pub async fn list_visible(db: &Db, v: &Viewer, year_id: Uuid, search: &str) -> Result<Vec<Class>> {
    let pattern = format!("%{}%", search_key(search));
    Ok(rows!(
        db,
        Class,
        select_classes!("AND c.year_id = $4 AND c.search_key LIKE $5 ORDER BY c.grade, c.letter"),
        v.school(),
        v.full_roster(),
        v.staff_id,
        year_id,
        pattern
    )?)
}

/// One class if visible.
pub async fn get_visible(db: &Db, v: &Viewer, id: Uuid) -> Result<Option<Class>> {
    Ok(opt_row!(
        db,
        Class,
        select_classes!("AND c.id = $4"),
        v.school(),
        v.full_roster(),
        v.staff_id,
        id
    )?)
}

/// Classes the viewer leads as class teacher.
pub async fn led_by(db: &Db, v: &Viewer) -> Result<Vec<Class>> {
    Ok(rows!(
        db,
        Class,
        select_classes!("AND ct.staff_id = $4 ORDER BY c.grade, c.letter"),
        v.school(),
        false,
        v.staff_id,
        v.staff_id
    )?)
}

/// Creates a class in a year.
pub async fn create(
    tx: &mut Tx,
    actor: &Actor,
    school_id: Uuid,
    year_id: Uuid,
    name: &ClassName,
    profile: &str,
) -> Result<Uuid> {
    let id = vsoko_domain::new_id();
    let text = name.to_string();
    exec!(
        tx,
        "INSERT INTO classes (school_id, id, year_id, grade, letter, name, profile, search_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        school_id, id, year_id, name.grade, &name.letter, &text, profile.trim(), search_key(&text)
    )
    .map_err(|e| {
        let e = StoreError::from(e);
        if e.is_unique_violation() { StoreError::Conflict { field: "name", message: format!("class {text} already exists this year") } } else { e }
    })?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "class",
            entity_id: Some(id),
            action: "create",
            old: None,
            new: Some(serde_json::json!({"name": text, "profile": profile})),
        },
    )
    .await?;
    Ok(id)
}

/// Changes a class's profile.
pub async fn update_profile(tx: &mut Tx, actor: &Actor, school_id: Uuid, id: Uuid, profile: &str) -> Result<()> {
    let old =
        opt_scalar!(tx: tx, String, "SELECT profile FROM classes WHERE school_id = $1 AND id = $2", school_id, id)?
            .ok_or(StoreError::NotFound)?;
    if old == profile.trim() {
        return Ok(());
    }
    exec!(
        tx,
        "UPDATE classes SET profile = $3 WHERE school_id = $1 AND id = $2",
        school_id,
        id,
        profile.trim()
    )?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "class",
            entity_id: Some(id),
            action: "update",
            old: Some(serde_json::json!({"profile": old})),
            new: Some(serde_json::json!({"profile": profile})),
        },
    )
    .await?;
    Ok(())
}

/// Sets (or clears) a class's class teacher. Returns whether anything changed.
pub async fn set_class_teacher(
    tx: &mut Tx,
    actor: &Actor,
    school_id: Uuid,
    class_id: Uuid,
    staff_id: Option<Uuid>,
) -> Result<bool> {
    let old = opt_scalar!(tx: tx, Uuid, "SELECT staff_id FROM class_teachers WHERE school_id = $1 AND class_id = $2", school_id, class_id)?;
    if old == staff_id {
        return Ok(false);
    }
    exec!(
        tx,
        "DELETE FROM class_teachers WHERE school_id = $1 AND class_id = $2",
        school_id,
        class_id
    )?;
    if let Some(staff) = staff_id {
        exec!(
            tx,
            "INSERT INTO class_teachers (school_id, id, class_id, staff_id) VALUES ($1, $2, $3, $4)",
            school_id,
            vsoko_domain::new_id(),
            class_id,
            staff
        )?;
    }
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "class",
            entity_id: Some(class_id),
            action: "set_class_teacher",
            old: old.map(|s| serde_json::json!({"staff_id": s})),
            new: staff_id.map(|s| serde_json::json!({"staff_id": s})),
        },
    )
    .await?;
    Ok(true)
}

/// (name, id, profile, class teacher) of every class of a year, for imports.
pub async fn all_in(tx: &mut Tx, school_id: Uuid, year_id: Uuid) -> Result<Vec<(String, Uuid, String, Option<Uuid>)>> {
    Ok(rows!(
        tx: tx,
        (String, Uuid, String, Option<Uuid>),
        "SELECT c.name, c.id, c.profile, ct.staff_id FROM classes c LEFT JOIN class_teachers ct ON ct.school_id = c.school_id AND ct.class_id = c.id WHERE c.school_id = $1 AND c.year_id = $2",
        school_id, year_id
    )?)
}
