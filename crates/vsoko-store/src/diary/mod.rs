//! The e-diary of a pupil, read by the pupil and by their parents: the lessons of a week with
//! the pupil's marks and attendance, the marks of a period by subject with the weighted mean,
//! term and year marks, and the feed of marks changed since the viewer last looked.
//!
//! Every query carries the diary's scope in its `WHERE`: the pupil's own user, or a parent
//! linked to the pupil through `parent_pupils`. Staff read pupils through the journal, not here.

/// The diary's scope as a SQL condition, with `$1` = school, `$2` = pupil, `$3` = the viewing
/// user: the pupil themself or a linked parent. The parent test starts from the viewer's
/// parent records (index on `user_id`), then probes the unique (school, parent, pupil) key:
/// `CROSS JOIN` keeps SQLite to that order, which without table statistics would otherwise
/// scan the school's parent links.
macro_rules! diary_scope {
    () => {
        "EXISTS (SELECT 1 FROM pupils vp WHERE vp.school_id = $1 AND vp.id = $2 AND (vp.user_id = $3 \
         OR EXISTS (SELECT 1 FROM parents pa CROSS JOIN parent_pupils pp \
                    WHERE pa.user_id = $3 AND pa.school_id = vp.school_id \
                    AND pp.school_id = pa.school_id AND pp.parent_id = pa.id AND pp.pupil_id = vp.id)))"
    };
}

pub mod feed;
pub mod marks;
pub mod week;

use crate::people::pupils::{self, Pupil};
use crate::{Db, Result, Viewer};

pub use feed::{NewMark, mark_seen, new_marks};
pub use marks::{AttendanceSummary, DatedMark, DiaryMarks, SubjectMarks, YearRow, period_report};
pub use week::{DiaryLesson, week};

/// The pupils whose diary the viewer may open: themself (a pupil) and their children (a
/// parent), the pupil first, children by birth date.
pub async fn pupils_of(db: &Db, v: &Viewer) -> Result<Vec<Pupil>> {
    let mut out = Vec::new();
    if let Some(own) = v.pupil_id
        && let Some(p) = pupils::get_visible(db, v, own).await?
    {
        out.push(p);
    }
    for child in pupils::children(db, v).await? {
        if !out.iter().any(|p| p.id == child.id) {
            out.push(child);
        }
    }
    Ok(out)
}
