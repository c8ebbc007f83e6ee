//! Pupils, their class history, and the scoped queries that decide who sees which pupil:
//! the whole school for the administration, own classes for teachers and class teachers,
//! own children for parents, oneself for a pupil, nobody for municipal or regional staff.

use crate::audit::{self, Change};
use crate::{Actor, Db, Result, StoreError, Tx, Viewer};
use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;
use vsoko_domain::search::search_key;

// Dates travel as "YYYY-MM-DD" in JSON (the API), not as time's default [year, ordinal].

/// A pupil with the current class.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Pupil {
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
    /// Date of birth.
    #[schema(value_type = String, format = Date)]
    #[serde(with = "crate::iso_date")]
    pub birth_date: Date,
    /// "М", "Ж" or empty.
    pub sex: String,
    /// Current class id.
    pub class_id: Option<Uuid>,
    /// Current class name.
    pub class_name: Option<String>,
}

impl Pupil {
    /// "Фамилия Имя Отчество".
    pub fn full_name(&self) -> String {
        super::full_name(&self.last_name, &self.first_name, &self.middle_name)
    }
}

/// Editable fields.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PupilInput {
    /// Code.
    pub code: String,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    pub middle_name: String,
    /// Date of birth.
    pub birth_date: Date,
    /// "М", "Ж" or empty.
    pub sex: String,
}

/// One stay in a class.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct ClassStay {
    /// Class name.
    pub class_name: String,
    /// Year name.
    pub year_name: String,
    /// From.
    #[schema(value_type = String, format = Date)]
    #[serde(with = "crate::iso_date")]
    pub from_date: Date,
    /// To (None = current).
    #[schema(value_type = Option<String>, format = Date)]
    #[serde(with = "crate::iso_date::option")]
    pub to_date: Option<Date>,
}

macro_rules! select_pupils {
    ($where:literal) => {
        concat!(
            "SELECT p.id, p.code, p.last_name, p.first_name, p.middle_name, p.birth_date, p.sex, c.id AS class_id, c.name AS class_name \
             FROM pupils p \
             LEFT JOIN pupil_classes pc ON pc.school_id = p.school_id AND pc.pupil_id = p.id AND pc.to_date IS NULL \
             LEFT JOIN classes c ON c.school_id = pc.school_id AND c.id = pc.class_id \
             WHERE p.school_id = $1 AND (\
               $2 \
               OR EXISTS (SELECT 1 FROM teaching_assignments ta WHERE ta.school_id = p.school_id AND ta.class_id = pc.class_id AND ta.staff_id = $3) \
               OR EXISTS (SELECT 1 FROM class_teachers ct WHERE ct.school_id = p.school_id AND ct.class_id = pc.class_id AND ct.staff_id = $3) \
               OR EXISTS (SELECT 1 FROM parent_pupils pp WHERE pp.school_id = p.school_id AND pp.pupil_id = p.id AND pp.parent_id = $4) \
               OR p.id = $5) ",
            $where
        )
    };
}

fn validate(i: &PupilInput) -> Result<()> {
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
    if !matches!(i.sex.as_str(), "" | "М" | "Ж") {
        return Err(StoreError::Invalid {
            field: "sex",
            message: "М, Ж or empty".into(),
        });
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

fn key(i: &PupilInput) -> String {
    search_key(&format!(
        "{} {} {} {}",
        i.last_name, i.first_name, i.middle_name, i.code
    ))
}

/// Pupils the viewer may see, matching a search, optionally of one class; by class then name.
pub async fn list_visible(db: &Db, v: &Viewer, search: &str, class_id: Option<Uuid>) -> Result<Vec<Pupil>> {
    let pattern = format!("%{}%", search_key(search));
    Ok(rows!(
        db,
        Pupil,
        select_pupils!(
            "AND p.search_key LIKE $6 AND ($7 IS NULL OR pc.class_id = $7) ORDER BY c.grade, c.letter, p.last_name, p.first_name LIMIT $8"
        ),
        v.school(),
        v.full_roster(),
        v.staff_id,
        v.parent_id,
        v.pupil_id,
        pattern,
        class_id,
        super::PAGE
    )?)
}

/// One pupil if the viewer may see them; `None` both when absent and when out of scope.
pub async fn get_visible(db: &Db, v: &Viewer, id: Uuid) -> Result<Option<Pupil>> {
    Ok(opt_row!(
        db,
        Pupil,
        select_pupils!("AND p.id = $6"),
        v.school(),
        v.full_roster(),
        v.staff_id,
        v.parent_id,
        v.pupil_id,
        id
    )?)
}

/// The children of a parent (scoped to the parent's own links).
pub async fn children(db: &Db, v: &Viewer) -> Result<Vec<Pupil>> {
    let Some(parent) = v.parent_id else {
        return Ok(Vec::new());
    };
    Ok(rows!(
        db,
        Pupil,
        "SELECT p.id, p.code, p.last_name, p.first_name, p.middle_name, p.birth_date, p.sex, c.id AS class_id, c.name AS class_name \
         FROM parent_pupils pp JOIN pupils p ON p.school_id = pp.school_id AND p.id = pp.pupil_id \
         LEFT JOIN pupil_classes pc ON pc.school_id = p.school_id AND pc.pupil_id = p.id AND pc.to_date IS NULL \
         LEFT JOIN classes c ON c.school_id = pc.school_id AND c.id = pc.class_id \
         WHERE pp.school_id = $1 AND pp.parent_id = $2 ORDER BY p.birth_date",
        v.school(),
        parent
    )?)
}

/// The class history of a pupil (caller has checked visibility).
pub async fn history(db: &Db, school_id: Uuid, pupil_id: Uuid) -> Result<Vec<ClassStay>> {
    Ok(rows!(
        db,
        ClassStay,
        "SELECT c.name AS class_name, y.name AS year_name, pc.from_date, pc.to_date FROM pupil_classes pc \
         JOIN classes c ON c.school_id = pc.school_id AND c.id = pc.class_id \
         JOIN academic_years y ON y.school_id = pc.school_id AND y.id = pc.year_id \
         WHERE pc.school_id = $1 AND pc.pupil_id = $2 ORDER BY pc.from_date",
        school_id,
        pupil_id
    )?)
}

/// Adds a pupil, enrolled into a class from a date.
pub async fn create(
    tx: &mut Tx,
    actor: &Actor,
    school_id: Uuid,
    i: &PupilInput,
    class_id: Uuid,
    from: Date,
) -> Result<Uuid> {
    validate(i)?;
    let id = vsoko_domain::new_id();
    exec!(
        tx,
        "INSERT INTO pupils (school_id, id, code, last_name, first_name, middle_name, birth_date, sex, search_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        school_id, id, i.code.trim(), i.last_name.trim(), i.first_name.trim(), i.middle_name.trim(), i.birth_date, &i.sex, key(i)
    ).map_err(conflict)?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "pupil",
            entity_id: Some(id),
            action: "create",
            old: None,
            new: audit::snapshot(i),
        },
    )
    .await?;
    move_to_class(tx, actor, school_id, id, class_id, from).await?;
    Ok(id)
}

/// Edits a pupil's personal fields.
pub async fn update(tx: &mut Tx, actor: &Actor, school_id: Uuid, id: Uuid, i: &PupilInput) -> Result<()> {
    validate(i)?;
    let old = opt_row!(tx: tx, PupilRowOld, "SELECT code, last_name, first_name, middle_name, birth_date, sex FROM pupils WHERE school_id = $1 AND id = $2", school_id, id)?
        .ok_or(StoreError::NotFound)?;
    exec!(
        tx,
        "UPDATE pupils SET code = $3, last_name = $4, first_name = $5, middle_name = $6, birth_date = $7, sex = $8, search_key = $9 WHERE school_id = $1 AND id = $2",
        school_id, id, i.code.trim(), i.last_name.trim(), i.first_name.trim(), i.middle_name.trim(), i.birth_date, &i.sex, key(i)
    ).map_err(conflict)?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "pupil",
            entity_id: Some(id),
            action: "update",
            old: audit::snapshot(&old),
            new: audit::snapshot(i),
        },
    )
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow, Serialize)]
struct PupilRowOld {
    code: String,
    last_name: String,
    first_name: String,
    middle_name: String,
    birth_date: Date,
    sex: String,
}

/// Moves a pupil to a class from a date: closes the current stay (the day before) and opens
/// a new one. Moving into the class the pupil is already in changes nothing.
pub async fn move_to_class(
    tx: &mut Tx,
    actor: &Actor,
    school_id: Uuid,
    pupil_id: Uuid,
    class_id: Uuid,
    from: Date,
) -> Result<()> {
    let year_id =
        opt_scalar!(tx: tx, Uuid, "SELECT year_id FROM classes WHERE school_id = $1 AND id = $2", school_id, class_id)?
            .ok_or(StoreError::Invalid {
                field: "class_id",
                message: "no such class".into(),
            })?;
    let current = opt_scalar!(tx: tx, Uuid, "SELECT class_id FROM pupil_classes WHERE school_id = $1 AND pupil_id = $2 AND to_date IS NULL", school_id, pupil_id)?;
    if current == Some(class_id) {
        return Ok(());
    }
    let until = from.previous_day().unwrap_or(from);
    exec!(
        tx,
        "UPDATE pupil_classes SET to_date = $3 WHERE school_id = $1 AND pupil_id = $2 AND to_date IS NULL",
        school_id,
        pupil_id,
        until
    )?;
    exec!(
        tx,
        "INSERT INTO pupil_classes (school_id, id, pupil_id, class_id, year_id, from_date) VALUES ($1, $2, $3, $4, $5, $6)",
        school_id,
        vsoko_domain::new_id(),
        pupil_id,
        class_id,
        year_id,
        from
    )?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "pupil",
            entity_id: Some(pupil_id),
            action: "move_class",
            old: current.map(|c| serde_json::json!({"class_id": c})),
            new: Some(serde_json::json!({"class_id": class_id, "from": from.to_string()})),
        },
    )
    .await?;
    Ok(())
}

/// Links a pupil record to a login.
pub async fn link_user(tx: &mut Tx, actor: &Actor, school_id: Uuid, id: Uuid, user_id: Uuid) -> Result<()> {
    if exec!(
        tx,
        "UPDATE pupils SET user_id = $3 WHERE school_id = $1 AND id = $2",
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
            entity: "pupil",
            entity_id: Some(id),
            action: "link_user",
            old: None,
            new: Some(serde_json::json!({"user_id": user_id})),
        },
    )
    .await?;
    Ok(())
}

/// (code, id, current class id) of every pupil, for imports.
pub async fn codes_in(tx: &mut Tx, school_id: Uuid) -> Result<Vec<(String, Uuid, Option<Uuid>)>> {
    Ok(rows!(
        tx: tx,
        (String, Uuid, Option<Uuid>),
        "SELECT p.code, p.id, pc.class_id FROM pupils p LEFT JOIN pupil_classes pc ON pc.school_id = p.school_id AND pc.pupil_id = p.id AND pc.to_date IS NULL WHERE p.school_id = $1",
        school_id
    )?)
}

/// Codes of every pupil of a school (for checks after imports).
pub async fn codes_in_db(db: &Db, school_id: Uuid) -> Result<Vec<String>> {
    Ok(rows!(
        db,
        (String,),
        "SELECT code FROM pupils WHERE school_id = $1 ORDER BY code",
        school_id
    )?
    .into_iter()
    .map(|(c,)| c)
    .collect())
}

/// The id of a pupil of a school by code (trimmed), inside a transaction.
pub async fn id_by_code(tx: &mut Tx, school_id: Uuid, code: &str) -> Result<Option<Uuid>> {
    Ok(opt_scalar!(
        tx: tx,
        Uuid,
        "SELECT id FROM pupils WHERE school_id = $1 AND code = $2",
        school_id,
        code.trim()
    )?)
}
