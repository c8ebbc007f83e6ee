//! Who may read and write a class-subject's journal. Writing: the teacher assigned to that
//! class, subject and subgroup this year, and the deputy. Reading: also the class teacher
//! and the rest of the administration. Checked inside the query, never after fetching.

use crate::{Db, Result, Tx, Viewer};
use uuid::Uuid;
use vsoko_domain::roles::Role;

/// The one rule for writing: the class is the school's, and the viewer is its deputy or the
/// teacher assigned to the class, subject and subgroup (or the whole class). `$3` is "is a
/// deputy", `$5` the teacher's staff id (NULL for anyone else).
const MAY_WRITE: &str = "SELECT CAST(count(*) AS BIGINT) FROM classes c WHERE c.school_id = $1 AND c.id = $2 AND ($3 \
     OR EXISTS (SELECT 1 FROM teaching_assignments ta WHERE ta.school_id = c.school_id AND ta.class_id = c.id \
     AND ta.subject_id = $4 AND ta.staff_id = $5 AND (ta.subgroup = $6 OR ta.subgroup = '')))";

/// The viewer's side of [`MAY_WRITE`]: whether a deputy, and the staff id if a teacher.
fn writer(v: &Viewer) -> (bool, Option<Uuid>) {
    (v.has(Role::Deputy), v.staff_id.filter(|_| v.has(Role::Teacher)))
}

/// Whether the viewer may write lessons and marks of this class, subject and subgroup,
/// checked inside the write's transaction.
pub async fn may_write(tx: &mut Tx, v: &Viewer, class_id: Uuid, subject_id: Uuid, subgroup: &str) -> Result<bool> {
    let (deputy, staff) = writer(v);
    Ok(scalar!(tx: tx, i64, MAY_WRITE, v.school(), class_id, deputy, subject_id, staff, subgroup)? > 0)
}

/// [`may_write`] on the read pool, for pages that show whether they are editable.
pub async fn may_write_db(db: &Db, v: &Viewer, class_id: Uuid, subject_id: Uuid, subgroup: &str) -> Result<bool> {
    let (deputy, staff) = writer(v);
    Ok(scalar!(
        db,
        i64,
        MAY_WRITE,
        v.school(),
        class_id,
        deputy,
        subject_id,
        staff,
        subgroup
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
