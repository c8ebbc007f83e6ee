//! Prior/current pairs for value-added (ANALYTICS.md §1): two procedures of the same subject
//! whose results are linked to the same pupils, each with a primary score. The model is
//! fitted on every linked pupil of the school (the reference population), so the pairs come
//! back school-wide without names; each carries whether its current result lies in the
//! viewer's scope (the scope condition of `read`, evaluated in SQL), and the web layer shows
//! only those rows. Nothing comes back unless the viewer may see both procedures.

use super::read::{self, Procedure};
use crate::{Db, Result, Viewer};
use serde::Serialize;
use uuid::Uuid;

/// Pairs below this many linked pupils are not suggested (ANALYTICS.md §1.6).
pub const MIN_LINKED: i64 = 10;

/// A suggested prior → current pair of procedures.
#[derive(Debug, Clone, Serialize)]
pub struct PairSuggestion {
    /// The earlier procedure.
    pub prior: Procedure,
    /// The later procedure.
    pub current: Procedure,
    /// Pupils with a primary score in both.
    pub linked: i64,
}

/// One pupil's prior and current primary score, with the class of the current result.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct LinkedPair {
    /// The pupil (used to count each pupil once; never shown).
    #[serde(skip)]
    pub pupil_id: Uuid,
    /// Class of the current result as in the file.
    pub class_name: String,
    /// Class of the school year, when matched.
    pub class_id: Option<Uuid>,
    /// Prior primary score.
    pub prior: i64,
    /// Current primary score.
    pub current: i64,
    /// 1 when the viewer may see the current result, else 0.
    pub in_scope: i64,
}

/// A teacher of a class in the current procedure's subject and school year.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct ClassTeacher {
    /// Class.
    pub class_id: Uuid,
    /// Staff member.
    pub staff_id: Uuid,
    /// "Фамилия И. О." parts: last name.
    pub last_name: String,
    /// First name.
    pub first_name: String,
    /// Middle name.
    pub middle_name: String,
}

#[derive(sqlx::FromRow)]
struct PairCount {
    prior_id: Uuid,
    current_id: Uuid,
    linked: i64,
}

/// The pairs of procedures of school `$1` that value-added compares, with their linked
/// pupils: same subject, the prior held earlier (by date, else by year), at least `$2`
/// pupils with a primary score in both. One rule for the page's suggestions and the
/// whole-school recompute (`crate::analytics_data`).
macro_rules! pair_counts {
    () => {
        "SELECT a.procedure_id AS prior_id, b.procedure_id AS current_id, \
         CAST(count(DISTINCT b.pupil_id) AS BIGINT) AS linked \
         FROM assessment_results a \
         JOIN assessment_results b ON b.school_id = a.school_id AND b.pupil_id = a.pupil_id AND b.procedure_id <> a.procedure_id \
         JOIN assessment_procedures pa ON pa.school_id = a.school_id AND pa.id = a.procedure_id \
         JOIN assessment_procedures pb ON pb.school_id = b.school_id AND pb.id = b.procedure_id \
         WHERE a.school_id = $1 AND a.pupil_id IS NOT NULL AND pa.subject_id = pb.subject_id \
           AND a.primary_score IS NOT NULL AND b.primary_score IS NOT NULL \
           AND ((pa.held_on IS NOT NULL AND pb.held_on IS NOT NULL AND pa.held_on < pb.held_on) \
             OR ((pa.held_on IS NULL OR pb.held_on IS NULL) AND pa.exam_year < pb.exam_year)) \
         GROUP BY a.procedure_id, b.procedure_id \
         HAVING count(DISTINCT b.pupil_id) >= $2"
    };
}
pub(crate) use pair_counts;

/// Pairs of procedures the viewer may see: same subject, the prior held earlier (by date,
/// else by year), at least [`MIN_LINKED`] pupils with a primary score in both; the pair with
/// the most linked pupils (the most reliable fit) first, then the newest current procedure.
pub async fn suggestions(db: &Db, v: &Viewer) -> Result<Vec<PairSuggestion>> {
    const SQL: &str = pair_counts!();
    let counts = rows!(db, PairCount, SQL, v.school(), MIN_LINKED)?;
    if counts.is_empty() {
        return Ok(Vec::new());
    }
    let visible = read::procedures(db, v, None).await?;
    let find = |id: Uuid| visible.iter().find(|p| p.id == id).cloned();
    let mut out: Vec<PairSuggestion> = counts
        .into_iter()
        .filter_map(|c| {
            Some(PairSuggestion {
                prior: find(c.prior_id)?,
                current: find(c.current_id)?,
                linked: c.linked,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (b.linked, b.current.held_on, b.current.exam_year, &a.current.title).cmp(&(
            a.linked,
            a.current.held_on,
            a.current.exam_year,
            &b.current.title,
        ))
    });
    Ok(out)
}

/// Every linked pupil of the school with a primary score in both procedures (one row per
/// pupil, the class of the current result), each marked in or out of the viewer's scope;
/// empty when they are of different subjects or the same work. Both procedures come from
/// [`read::procedure`] or [`read::procedures`], so the viewer sees them (checked once there).
pub async fn linked_pairs(db: &Db, v: &Viewer, prior: &Procedure, current: &Procedure) -> Result<Vec<LinkedPair>> {
    let (prior_id, current_id) = (prior.id, current.id);
    if prior.subject_id != current.subject_id || prior_id == current_id {
        return Ok(Vec::new());
    }
    const SQL: &str = concat!(
        "SELECT r.pupil_id, r.class_name, r.class_id, a.primary_score AS prior, r.primary_score AS current, \
         CAST(CASE WHEN ",
        result_scope!(),
        " THEN 1 ELSE 0 END AS BIGINT) AS in_scope \
         FROM assessment_results r \
         JOIN assessment_results a ON a.school_id = r.school_id AND a.pupil_id = r.pupil_id AND a.procedure_id = $7 \
         WHERE r.school_id = $1 AND r.procedure_id = $6 AND r.pupil_id IS NOT NULL \
           AND r.primary_score IS NOT NULL AND a.primary_score IS NOT NULL \
         ORDER BY r.class_name, r.pupil_id, r.participant_code, a.participant_code"
    );
    let mut pairs = rows!(
        db,
        LinkedPair,
        SQL,
        v.school(),
        v.full_roster(),
        v.staff_id,
        v.pupil_id,
        v.parent_id,
        current_id,
        prior_id
    )?;
    // A pupil written twice in a procedure (two participant codes) counts once.
    pairs.dedup_by_key(|p| p.pupil_id);
    Ok(pairs)
}

/// The teachers of each class in the procedure's subject and school year (a class-subject
/// may have several: subgroups, two teachers), for a procedure read through [`read`] (so the
/// viewer sees it). A mathematics work (code `math`) in a class that learns mathematics as
/// algebra and geometry (grades 7–9 of ФОП ООО) belongs to the teachers of those two.
pub async fn class_teachers(db: &Db, v: &Viewer, procedure: &Procedure) -> Result<Vec<ClassTeacher>> {
    let procedure_id = procedure.id;
    const SQL: &str = "SELECT DISTINCT ta.class_id, ta.staff_id, s.last_name, s.first_name, s.middle_name \
         FROM assessment_procedures p \
         JOIN subjects ps ON ps.school_id = p.school_id AND ps.id = p.subject_id \
         JOIN teaching_assignments ta ON ta.school_id = p.school_id AND ta.year_id = p.year_id \
         JOIN subjects ts ON ts.school_id = ta.school_id AND ts.id = ta.subject_id \
         JOIN staff s ON s.school_id = ta.school_id AND s.id = ta.staff_id \
         WHERE p.school_id = $1 AND p.id = $2 \
         AND (ta.subject_id = p.subject_id \
              OR (ps.code = 'math' AND ts.code IN ('alg', 'geom') \
                  AND NOT EXISTS (SELECT 1 FROM teaching_assignments tm WHERE tm.school_id = ta.school_id \
                                  AND tm.year_id = ta.year_id AND tm.class_id = ta.class_id AND tm.subject_id = p.subject_id))) \
         ORDER BY s.last_name, s.first_name, s.middle_name";
    Ok(rows!(db, ClassTeacher, SQL, v.school(), procedure_id)?)
}
