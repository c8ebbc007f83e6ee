//! Conversion tables (primary score → mark or test score) kept per school, seeded from the
//! reference files in `data/reference/assessments/` and editable afterwards.

use crate::audit::{self, Change};
use crate::{Actor, Db, Result, StoreError, Tx, now};
use serde::Serialize;
use uuid::Uuid;
use vsoko_domain::assessment::reference::{self, RefConversion, RefKey};
use vsoko_domain::assessment::{Band, ConversionTable, Output, ProcedureKind};

/// A school's conversion table.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StoredConversion {
    /// Id.
    pub id: Uuid,
    /// Procedure kind code.
    pub kind: String,
    /// Year of the procedure.
    pub exam_year: i64,
    /// Subject catalogue code.
    pub subject_code: String,
    /// Grade.
    pub grade: i64,
    /// Provenance lines.
    pub provenance: String,
    /// The table.
    #[serde(skip)]
    pub table: ConversionTable,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    kind: String,
    exam_year: i64,
    subject_code: String,
    grade: i64,
    output: String,
    max_primary: i64,
    bands: String,
    test_scores: String,
    provenance: String,
}

impl Row {
    fn into_stored(self) -> Result<StoredConversion> {
        let bands: Vec<Band> = serde_json::from_str(&self.bands)?;
        let test_scores: Vec<u32> = serde_json::from_str(&self.test_scores)?;
        Ok(StoredConversion {
            id: self.id,
            table: ConversionTable {
                max_primary: u32::try_from(self.max_primary).unwrap_or(0),
                output: Output::parse(&self.output).unwrap_or(Output::Mark),
                bands,
                test_scores,
            },
            kind: self.kind,
            exam_year: self.exam_year,
            subject_code: self.subject_code,
            grade: self.grade,
            provenance: self.provenance,
        })
    }
}

macro_rules! select_conversions {
    ($rest:literal) => {
        concat!(
            "SELECT id, kind, exam_year, subject_code, grade, output, max_primary, bands, test_scores, provenance FROM assessment_conversions ",
            $rest
        )
    };
}

/// The school's table for a kind, year, subject code and grade.
pub async fn find_in(
    tx: &mut Tx,
    school_id: Uuid,
    kind: ProcedureKind,
    year: i32,
    subject_code: &str,
    grade: i64,
) -> Result<Option<StoredConversion>> {
    const SQL: &str = select_conversions!(
        "WHERE school_id = $1 AND kind = $2 AND exam_year = $3 AND subject_code = $4 AND grade = $5 AND procedure_id IS NULL"
    );
    opt_row!(tx: tx, Row, SQL, school_id, kind.code(), i64::from(year), subject_code, grade)?
        .map(Row::into_stored)
        .transpose()
}

/// All tables of a school, by kind, year, subject and grade (not the bands a single work
/// carries).
pub async fn list(db: &Db, school_id: Uuid) -> Result<Vec<StoredConversion>> {
    const SQL: &str = select_conversions!(
        "WHERE school_id = $1 AND procedure_id IS NULL ORDER BY kind, exam_year, subject_code, grade"
    );
    rows!(db, Row, SQL, school_id)?
        .into_iter()
        .map(Row::into_stored)
        .collect()
}

/// One of the school's tables (not a work's own bands) by id.
pub async fn get(db: &Db, school_id: Uuid, id: Uuid) -> Result<Option<StoredConversion>> {
    const SQL: &str = select_conversions!("WHERE school_id = $1 AND id = $2 AND procedure_id IS NULL");
    opt_row!(db, Row, SQL, school_id, id)?.map(Row::into_stored).transpose()
}

/// Any table by id (the school's or a work's own bands), inside a transaction.
pub async fn table_in(tx: &mut Tx, school_id: Uuid, id: Uuid) -> Result<Option<ConversionTable>> {
    const SQL: &str = select_conversions!("WHERE school_id = $1 AND id = $2");
    Ok(opt_row!(tx: tx, Row, SQL, school_id, id)?
        .map(Row::into_stored)
        .transpose()?
        .map(|c| c.table))
}

/// [`get`] inside a transaction.
pub async fn get_in(tx: &mut Tx, school_id: Uuid, id: Uuid) -> Result<Option<StoredConversion>> {
    const SQL: &str = select_conversions!("WHERE school_id = $1 AND id = $2 AND procedure_id IS NULL");
    opt_row!(tx: tx, Row, SQL, school_id, id)?
        .map(Row::into_stored)
        .transpose()
}

impl StoredConversion {
    /// The table in the reference file format's terms (for writing it back as a file).
    pub fn to_ref(&self) -> Option<RefConversion> {
        Some(RefConversion {
            key: RefKey {
                kind: ProcedureKind::parse(&self.kind)?,
                year: i32::try_from(self.exam_year).ok()?,
                subject: self.subject_code.clone(),
                grade: self.grade,
                max_primary: self.table.max_primary,
            },
            table: self.table.clone(),
            provenance: self.provenance.lines().map(str::to_string).collect(),
        })
    }

    /// Whether this is an unchanged copy of a table shipped in `data/reference/assessments`
    /// (read-only in the UI: copy to edit).
    pub fn is_reference(&self) -> bool {
        let Some(me) = self.to_ref() else { return false };
        reference::conversions().unwrap_or_default().iter().any(|r| *r == me)
    }
}

/// Inserts or replaces a school's table (after checking it); returns its id.
pub async fn put(tx: &mut Tx, actor: &Actor, school_id: Uuid, c: &RefConversion) -> Result<Uuid> {
    let key: &RefKey = &c.key;
    let old = find_in(tx, school_id, key.kind, key.year, &key.subject, key.grade).await?;
    store(tx, actor, school_id, None, old, c).await
}

/// Stores the mark bands a single work carries (its own table, not one of the school's
/// tables by kind, year, subject and grade); returns its id.
pub async fn put_own(
    tx: &mut Tx,
    actor: &Actor,
    school_id: Uuid,
    procedure_id: Uuid,
    c: &RefConversion,
) -> Result<Uuid> {
    store(tx, actor, school_id, Some(procedure_id), None, c).await
}

async fn store(
    tx: &mut Tx,
    actor: &Actor,
    school_id: Uuid,
    procedure_id: Option<Uuid>,
    old: Option<StoredConversion>,
    c: &RefConversion,
) -> Result<Uuid> {
    c.table.check().map_err(|e| StoreError::Invalid {
        field: "conversion",
        message: e.to_string(),
    })?;
    let key: &RefKey = &c.key;
    let bands = serde_json::to_string(&c.table.bands)?;
    let tests = serde_json::to_string(&c.table.test_scores)?;
    let provenance = c.provenance.join("\n");
    let id = match &old {
        Some(o) => {
            exec!(
                tx,
                "UPDATE assessment_conversions SET output = $3, max_primary = $4, bands = $5, test_scores = $6, provenance = $7, updated_at = $8 WHERE school_id = $1 AND id = $2",
                school_id,
                o.id,
                c.table.output.code(),
                i64::from(c.table.max_primary),
                &bands,
                &tests,
                &provenance,
                now()
            )?;
            o.id
        }
        None => {
            let id = vsoko_domain::new_id();
            exec!(
                tx,
                "INSERT INTO assessment_conversions (school_id, id, kind, exam_year, subject_code, grade, output, max_primary, bands, test_scores, provenance, updated_at, procedure_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                school_id,
                id,
                key.kind.code(),
                i64::from(key.year),
                &key.subject,
                key.grade,
                c.table.output.code(),
                i64::from(c.table.max_primary),
                &bands,
                &tests,
                &provenance,
                now(),
                procedure_id
            )?;
            id
        }
    };
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "assessment_conversion",
            entity_id: Some(id),
            action: if old.is_some() { "update" } else { "create" },
            old: old.as_ref().map(|o| serde_json::json!({"bands": o.table.bands, "test_scores": o.table.test_scores})),
            new: Some(serde_json::json!({"kind": key.kind.code(), "year": key.year, "subject": key.subject, "grade": key.grade, "procedure": procedure_id, "bands": c.table.bands, "test_scores": c.table.test_scores})),
        },
    )
    .await?;
    Ok(id)
}

/// Copies every shipped reference table the school does not have yet; returns how many.
pub async fn seed_reference(tx: &mut Tx, actor: &Actor, school_id: Uuid) -> Result<usize> {
    let tables = reference::conversions().map_err(|e| StoreError::Invalid {
        field: "reference",
        message: e.to_string(),
    })?;
    let mut added = 0;
    for c in tables {
        let k = &c.key;
        if find_in(tx, school_id, k.kind, k.year, &k.subject, k.grade)
            .await?
            .is_none()
        {
            put(tx, actor, school_id, &c).await?;
            added += 1;
        }
    }
    Ok(added)
}

/// Loads a conversion file (the reference format) into a school: checked, then stored.
pub async fn upload(db: &Db, actor: &Actor, school_id: Uuid, file_name: &str, text: &str) -> Result<Uuid> {
    let c = reference::parse_conversion(file_name, text).map_err(|e| StoreError::Invalid {
        field: "conversion",
        message: e.to_string(),
    })?;
    let actor = actor.clone();
    db.write(move |tx| Box::pin(async move { put(tx, &actor, school_id, &c).await }))
        .await
}

/// The conversion table a procedure's marks were computed with, if it still exists.
pub async fn of_procedure(db: &Db, school_id: Uuid, procedure_id: Uuid) -> Result<Option<StoredConversion>> {
    const SQL: &str = select_conversions!(
        "WHERE school_id = $1 AND id = (SELECT conversion_id FROM assessment_procedures WHERE school_id = $1 AND id = $2)"
    );
    opt_row!(db, Row, SQL, school_id, procedure_id)?
        .map(Row::into_stored)
        .transpose()
}
