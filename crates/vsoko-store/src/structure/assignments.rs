//! Teaching assignments: teacher × class (or subgroup) × subject × year with weekly hours.
//! Two teachers may share a class-subject (each with a subgroup, or co-teaching).

use crate::audit::{self, Change};
use crate::{Actor, Db, Result, StoreError, Tx, Viewer};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// An assignment with names for display.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct Assignment {
    /// Id.
    pub id: Uuid,
    /// Teacher.
    pub staff_id: Uuid,
    /// Teacher's name.
    pub teacher_name: String,
    /// Class.
    pub class_id: Uuid,
    /// Class name.
    pub class_name: String,
    /// Subject.
    pub subject_id: Uuid,
    /// Subject name.
    pub subject_name: String,
    /// Subgroup ("" = whole class).
    pub subgroup: String,
    /// Hours per week × 100.
    pub hours_x100: i64,
}

impl Assignment {
    /// Hours per week as a decimal string ("2", "0.5").
    pub fn hours(&self) -> String {
        format_hours(self.hours_x100)
    }
}

/// Formats hundredths of an hour.
pub fn format_hours(x100: i64) -> String {
    if x100 % 100 == 0 {
        (x100 / 100).to_string()
    } else {
        format!("{}", x100 as f64 / 100.0)
    }
}

/// What an admin enters.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AssignmentInput {
    /// Teacher.
    pub staff_id: Uuid,
    /// Class.
    pub class_id: Uuid,
    /// Subject.
    pub subject_id: Uuid,
    /// Subgroup label, "" for the whole class.
    pub subgroup: String,
    /// Hours per week × 100 (1..=4000).
    pub hours_x100: i64,
}

macro_rules! select_assignments {
    ($where:literal) => {
        concat!(
            "SELECT ta.id, ta.staff_id, st.last_name || ' ' || st.first_name || ' ' || st.middle_name AS teacher_name, ta.class_id, c.name AS class_name, \
             ta.subject_id, su.name AS subject_name, ta.subgroup, ta.hours_x100 \
             FROM teaching_assignments ta \
             JOIN staff st ON st.school_id = ta.school_id AND st.id = ta.staff_id \
             JOIN classes c ON c.school_id = ta.school_id AND c.id = ta.class_id \
             JOIN subjects su ON su.school_id = ta.school_id AND su.id = ta.subject_id \
             WHERE ta.school_id = $1 AND ta.year_id = $2 ",
            $where
        )
    };
}

/// Assignments of a year, optionally of one teacher or one class.
pub async fn list(
    db: &Db,
    school_id: Uuid,
    year_id: Uuid,
    staff_id: Option<Uuid>,
    class_id: Option<Uuid>,
) -> Result<Vec<Assignment>> {
    Ok(rows!(
        db,
        Assignment,
        select_assignments!(
            "AND ($3 IS NULL OR ta.staff_id = $3) AND ($4 IS NULL OR ta.class_id = $4) ORDER BY c.grade, c.letter, su.name, ta.subgroup"
        ),
        school_id,
        year_id,
        staff_id,
        class_id
    )?)
}

/// The viewer's own teaching load this year.
pub async fn mine(db: &Db, v: &Viewer, year_id: Uuid) -> Result<Vec<Assignment>> {
    let Some(staff) = v.staff_id else { return Ok(Vec::new()) };
    list(db, v.school(), year_id, Some(staff), None).await
}

/// Adds an assignment (returns the existing id unchanged if the same one exists).
pub async fn create(
    tx: &mut Tx,
    actor: &Actor,
    school_id: Uuid,
    year_id: Uuid,
    i: &AssignmentInput,
) -> Result<(Uuid, bool)> {
    if !(1..=4000).contains(&i.hours_x100) {
        return Err(StoreError::Invalid {
            field: "hours",
            message: "hours per week must be between 0.01 and 40".into(),
        });
    }
    let existing = opt_row!(
        tx: tx,
        (Uuid, i64),
        "SELECT id, hours_x100 FROM teaching_assignments WHERE school_id = $1 AND year_id = $2 AND staff_id = $3 AND class_id = $4 AND subject_id = $5 AND subgroup = $6",
        school_id, year_id, i.staff_id, i.class_id, i.subject_id, i.subgroup.trim()
    )?;
    if let Some((id, hours)) = existing {
        if hours != i.hours_x100 {
            exec!(
                tx,
                "UPDATE teaching_assignments SET hours_x100 = $3 WHERE school_id = $1 AND id = $2",
                school_id,
                id,
                i.hours_x100
            )?;
            audit::record(
                tx,
                actor,
                Change {
                    school_id: Some(school_id),
                    entity: "assignment",
                    entity_id: Some(id),
                    action: "update",
                    old: Some(serde_json::json!({"hours_x100": hours})),
                    new: Some(serde_json::json!({"hours_x100": i.hours_x100})),
                },
            )
            .await?;
            return Ok((id, true));
        }
        return Ok((id, false));
    }
    let id = vsoko_domain::new_id();
    exec!(
        tx,
        "INSERT INTO teaching_assignments (school_id, id, year_id, staff_id, class_id, subject_id, subgroup, hours_x100) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        school_id,
        id,
        year_id,
        i.staff_id,
        i.class_id,
        i.subject_id,
        i.subgroup.trim(),
        i.hours_x100
    )?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "assignment",
            entity_id: Some(id),
            action: "create",
            old: None,
            new: audit::snapshot(i),
        },
    )
    .await?;
    Ok((id, true))
}

/// Removes an assignment (the audit row keeps what it was).
pub async fn delete(tx: &mut Tx, actor: &Actor, school_id: Uuid, id: Uuid) -> Result<()> {
    let old = opt_row!(tx: tx, (Uuid, Uuid, Uuid, String, i64), "SELECT staff_id, class_id, subject_id, subgroup, hours_x100 FROM teaching_assignments WHERE school_id = $1 AND id = $2", school_id, id)?
        .ok_or(StoreError::NotFound)?;
    exec!(
        tx,
        "DELETE FROM teaching_assignments WHERE school_id = $1 AND id = $2",
        school_id,
        id
    )?;
    audit::record(tx, actor, Change {
        school_id: Some(school_id), entity: "assignment", entity_id: Some(id), action: "delete",
        old: Some(serde_json::json!({"staff_id": old.0, "class_id": old.1, "subject_id": old.2, "subgroup": old.3, "hours_x100": old.4})), new: None,
    }).await?;
    Ok(())
}

/// Total weekly hours per teacher this year (staff id → hours × 100).
pub async fn loads(db: &Db, school_id: Uuid, year_id: Uuid) -> Result<Vec<(Uuid, i64)>> {
    Ok(rows!(
        db,
        (Uuid, i64),
        "SELECT staff_id, CAST(sum(hours_x100) AS BIGINT) FROM teaching_assignments WHERE school_id = $1 AND year_id = $2 GROUP BY staff_id",
        school_id,
        year_id
    )?)
}
