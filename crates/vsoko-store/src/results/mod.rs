//! Results of the journal for analysis: term-mark and current-mark counters of every class ×
//! subject of a period that the viewer may analyse, read from the rollups the journal keeps
//! up to date (`journal::rollups`). The web layer turns them into SPEC §4.2 metrics with
//! their n and intervals (`vsoko_domain::analytics`).
//!
//! Scope (in the queries' `WHERE`): the administration sees the whole school; a teacher their
//! own class × subject pairs; a class teacher every subject of their classes; a ШМО head every
//! class of their subjects.

use crate::structure::years::Period;
use crate::{Db, Result, Viewer};
use serde::Serialize;
use std::collections::BTreeMap;
use uuid::Uuid;
use vsoko_domain::journal::MarkCounts;
use vsoko_domain::roles::Role;

/// Counters of one class × subject in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ResultRow {
    /// Class.
    pub class_id: Uuid,
    /// Class name ("5А").
    pub class_name: String,
    /// Grade (parallel).
    pub grade: i64,
    /// Subject.
    pub subject_id: Uuid,
    /// Subject name.
    pub subject_name: String,
    /// Term marks: ones … fives, н/а, осв., зачёт, незачёт.
    pub n1: i64,
    /// Twos.
    pub n2: i64,
    /// Threes.
    pub n3: i64,
    /// Fours.
    pub n4: i64,
    /// Fives.
    pub n5: i64,
    /// н/а.
    pub na: i64,
    /// осв.
    pub exempt: i64,
    /// зачёт.
    pub pass: i64,
    /// незачёт.
    pub fail: i64,
    /// Current marks 1…5.
    pub c1: i64,
    /// Twos.
    pub c2: i64,
    /// Threes.
    pub c3: i64,
    /// Fours.
    pub c4: i64,
    /// Fives.
    pub c5: i64,
}

impl ResultRow {
    /// Term-mark counters.
    pub fn terms(&self) -> MarkCounts {
        MarkCounts {
            n5: self.n5,
            n4: self.n4,
            n3: self.n3,
            n2: self.n2,
            n1: self.n1,
            na: self.na,
            exempt: self.exempt,
            pass: self.pass,
            fail: self.fail,
        }
    }

    /// Current marks as counters of the same shape (every mark counts once; there is no
    /// н/а or осв. among current marks).
    pub fn current(&self) -> MarkCounts {
        MarkCounts {
            n5: self.c5,
            n4: self.c4,
            n3: self.c3,
            n2: self.c2,
            n1: self.c1,
            ..MarkCounts::default()
        }
    }

    /// Whether anything is recorded for the pair in the period.
    pub fn has_data(&self) -> bool {
        self.terms() != MarkCounts::default() || self.current() != MarkCounts::default()
    }
}

/// The class × subject pairs of a year with their counters in a period ($1 school, $2
/// period, $3 year); callers append their scope condition.
macro_rules! results_select {
    () => {
        "SELECT DISTINCT ta.class_id, c.name AS class_name, c.grade, ta.subject_id, s.name AS subject_name, \
     COALESCE(p.n1, 0) AS n1, COALESCE(p.n2, 0) AS n2, COALESCE(p.n3, 0) AS n3, COALESCE(p.n4, 0) AS n4, COALESCE(p.n5, 0) AS n5, \
     COALESCE(p.na, 0) AS na, COALESCE(p.exempt, 0) AS exempt, COALESCE(p.pass, 0) AS pass, COALESCE(p.fail, 0) AS fail, \
     COALESCE(m.c1, 0) AS c1, COALESCE(m.c2, 0) AS c2, COALESCE(m.c3, 0) AS c3, COALESCE(m.c4, 0) AS c4, COALESCE(m.c5, 0) AS c5 \
     FROM teaching_assignments ta \
     JOIN classes c ON c.school_id = ta.school_id AND c.id = ta.class_id \
     JOIN subjects s ON s.school_id = ta.school_id AND s.id = ta.subject_id \
     LEFT JOIN rollup_period_marks p ON p.school_id = ta.school_id AND p.class_id = ta.class_id AND p.subject_id = ta.subject_id AND p.period_id = $2 \
     LEFT JOIN rollup_marks m ON m.school_id = ta.school_id AND m.class_id = ta.class_id AND m.subject_id = ta.subject_id AND m.period_id = $2 \
     WHERE ta.school_id = $1 AND ta.year_id = $3 AND c.year_id = $3"
    };
}

/// Whether the viewer analyses the whole school (director, deputy, administrator).
pub fn sees_whole_school(v: &Viewer) -> bool {
    v.has(Role::Director) || v.has(Role::Deputy) || v.has(Role::Admin)
}

/// Whether the viewer has any results scope at all.
pub fn may_analyse(v: &Viewer) -> bool {
    v.school_id.is_some()
        && (sees_whole_school(v)
            || v.has(Role::ShmoHead)
            || (v.staff_id.is_some() && (v.has(Role::Teacher) || v.has(Role::ClassTeacher))))
}

/// Every class × subject of the period's year the viewer may analyse, with their counters in
/// the period (zeros when nothing is recorded), ordered by grade, class and subject.
pub async fn period_results(db: &Db, v: &Viewer, period: &Period) -> Result<Vec<ResultRow>> {
    let school = v.school();
    let mut found: BTreeMap<(i64, String, String, Uuid, Uuid), ResultRow> = BTreeMap::new();
    let mut keep = |rows: Vec<ResultRow>| {
        for r in rows {
            found.insert(
                (
                    r.grade,
                    r.class_name.clone(),
                    r.subject_name.clone(),
                    r.class_id,
                    r.subject_id,
                ),
                r,
            );
        }
    };
    if sees_whole_school(v) {
        keep(rows!(
            db,
            ResultRow,
            results_select!(),
            school,
            period.id,
            period.year_id
        )?);
    } else {
        const OWN: &str = concat!(
            results_select!(),
            " AND (ta.staff_id = $4 OR EXISTS (SELECT 1 FROM class_teachers ct \
             WHERE ct.school_id = ta.school_id AND ct.class_id = ta.class_id AND ct.staff_id = $4))"
        );
        const BY_SUBJECT: &str = concat!(results_select!(), " AND ta.subject_id = $4");
        if let Some(staff) = v.staff_id {
            keep(rows!(db, ResultRow, OWN, school, period.id, period.year_id, staff)?);
        }
        if v.has(Role::ShmoHead) {
            for subject in &v.shmo_subjects {
                keep(rows!(
                    db,
                    ResultRow,
                    BY_SUBJECT,
                    school,
                    period.id,
                    period.year_id,
                    *subject
                )?);
            }
        }
    }
    Ok(found.into_values().collect())
}

/// Where each class of one school year went in another: for every class of `from_year`, the
/// class of `to_year` that holds most of its pupils (ties: the lower class id), with that
/// class's name. Classes whose pupils all left have none. This carries a class's results to
/// the next year's cohort ("6А last year" → "7А now") by the pupils' own stays, not by names.
pub async fn cohort_classes(
    db: &Db,
    school: Uuid,
    from_year: Uuid,
    to_year: Uuid,
) -> Result<BTreeMap<Uuid, (Uuid, String)>> {
    #[derive(sqlx::FromRow)]
    struct Moved {
        from_class: Uuid,
        to_class: Uuid,
        to_name: String,
        pupils: i64,
    }
    let moved = rows!(
        db,
        Moved,
        "SELECT a.class_id AS from_class, b.class_id AS to_class, c.name AS to_name, CAST(count(DISTINCT a.pupil_id) AS BIGINT) AS pupils \
         FROM pupil_classes a \
         JOIN pupil_classes b ON b.school_id = a.school_id AND b.pupil_id = a.pupil_id AND b.year_id = $3 \
         JOIN classes c ON c.school_id = b.school_id AND c.id = b.class_id \
         WHERE a.school_id = $1 AND a.year_id = $2 \
         GROUP BY a.class_id, b.class_id, c.name",
        school,
        from_year,
        to_year
    )?;
    let mut best: BTreeMap<Uuid, (i64, Uuid, String)> = BTreeMap::new();
    for m in moved {
        let better = best
            .get(&m.from_class)
            .is_none_or(|(n, id, _)| m.pupils > *n || (m.pupils == *n && m.to_class < *id));
        if better {
            best.insert(m.from_class, (m.pupils, m.to_class, m.to_name));
        }
    }
    Ok(best
        .into_iter()
        .map(|(from, (_, to, name))| (from, (to, name)))
        .collect())
}
