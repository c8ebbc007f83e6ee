//! The school's list of participant codes (ВПР: the 5-digit code ↔ pupil, kept by the
//! school from the paper or electronic protocol) per year. Setting a code also links the
//! results of that year that carry it.

use crate::audit::{self, Change};
use crate::{Actor, Result, StoreError, Tx};
use uuid::Uuid;

/// Sets (or changes) the pupil of a participant code for a year and links the year's
/// results with that code; returns how many results were linked.
pub async fn set(
    tx: &mut Tx,
    actor: &Actor,
    school_id: Uuid,
    exam_year: i32,
    code: &str,
    pupil_id: Uuid,
) -> Result<u64> {
    let code = code.trim();
    if code.is_empty() {
        return Err(StoreError::Invalid {
            field: "code",
            message: "required".into(),
        });
    }
    let year = i64::from(exam_year);
    let old = opt_row!(tx: tx, (Uuid, Uuid), "SELECT id, pupil_id FROM assessment_participant_codes WHERE school_id = $1 AND exam_year = $2 AND code = $3", school_id, year, code)?;
    let id = match old {
        Some((_, p)) if p == pupil_id => return Ok(0),
        Some((id, _)) => {
            exec!(
                tx,
                "UPDATE assessment_participant_codes SET pupil_id = $3 WHERE school_id = $1 AND id = $2",
                school_id,
                id,
                pupil_id
            )?;
            id
        }
        None => {
            let id = vsoko_domain::new_id();
            exec!(
                tx,
                "INSERT INTO assessment_participant_codes (school_id, id, exam_year, code, pupil_id) VALUES ($1, $2, $3, $4, $5)",
                school_id,
                id,
                year,
                code,
                pupil_id
            )?;
            id
        }
    };
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "assessment_participant_code",
            entity_id: Some(id),
            action: if old.is_some() { "update" } else { "create" },
            old: old.map(|(_, p)| serde_json::json!({"pupil_id": p})),
            new: Some(serde_json::json!({"year": exam_year, "code": code, "pupil_id": pupil_id})),
        },
    )
    .await?;
    let linked = exec!(
        tx,
        "UPDATE assessment_results SET pupil_id = $4 WHERE school_id = $1 AND participant_code = $3 \
         AND procedure_id IN (SELECT id FROM assessment_procedures WHERE school_id = $1 AND exam_year = $2)",
        school_id,
        year,
        code,
        pupil_id
    )?;
    Ok(linked)
}
