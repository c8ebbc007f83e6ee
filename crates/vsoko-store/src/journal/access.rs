//! Who may read and write a class-subject's journal. Writing: the teacher assigned to that
//! class, subject and subgroup this year, and the deputy. Reading: also the class teacher
//! and the rest of the administration. Checked inside the query, never after fetching.

use crate::{Db, Result, Tx, Viewer};
use uuid::Uuid;
use vsoko_domain::roles::Role;

/// Whether the viewer may write lessons and marks of this class, subject and subgroup.
pub async fn may_write(tx: &mut Tx, v: &Viewer, class_id: Uuid, subject_id: Uuid, subgroup: &str) -> Result<bool> {
    let school = v.school();
    if v.has(Role::Deputy) {
        return Ok(
            scalar!(tx: tx, i64, "SELECT CAST(count(*) AS BIGINT) FROM classes WHERE school_id = $1 AND id = $2", school, class_id)?
                > 0,
        );
    }
    let Some(staff) = v.staff_id.filter(|_| v.has(Role::Teacher)) else {
        return Ok(false);
    };
    Ok(scalar!(
        tx: tx,
        i64,
        "SELECT CAST(count(*) AS BIGINT) FROM teaching_assignments WHERE school_id = $1 AND class_id = $2 AND subject_id = $3 AND staff_id = $4 AND (subgroup = $5 OR subgroup = '')",
        school, class_id, subject_id, staff, subgroup
    )? > 0)
}

/// Whether the viewer may read this class-subject's journal.
pub async fn may_read(db: &Db, v: &Viewer, class_id: Uuid, subject_id: Uuid) -> Result<bool> {
    Ok(scalar!(
        db,
        i64,
        "SELECT CAST(count(*) AS BIGINT) FROM classes c WHERE c.school_id = $1 AND c.id = $2 AND ($3 \
         OR EXISTS (SELECT 1 FROM teaching_assignments ta WHERE ta.school_id = c.school_id AND ta.class_id = c.id AND ta.subject_id = $4 AND ta.staff_id = $5) \
         OR EXISTS (SELECT 1 FROM class_teachers ct WHERE ct.school_id = c.school_id AND ct.class_id = c.id AND ct.staff_id = $5))",
        v.school(),
        class_id,
        v.full_roster(),
        subject_id,
        v.staff_id
    )? > 0)
}
