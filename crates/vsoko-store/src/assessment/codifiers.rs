//! Codifiers kept per school (SPEC §5.6): the content elements and checked requirements of a
//! work (kind, year, subject, grade) with their codes, parents and provenance. Loaded from
//! files in the reference format (`*.codifier.csv`), seeded from the shipped ones, replaced
//! whole by a new version (audited). Imports fill a work's task skills from them.

use super::import;
use crate::audit::{self, Change};
use crate::{Actor, Db, Result, StoreError, Tx, now};
use serde::Serialize;
use uuid::Uuid;
use vsoko_domain::assessment::ProcedureKind;
use vsoko_domain::assessment::TaskSpec;
use vsoko_domain::assessment::codifier::{Codifier, CodifierItem, ItemKind, PlanRow, split_references};
use vsoko_domain::assessment::reference::{self, CodifierKey, RefCodifier};

/// A school's codifier.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StoredCodifier {
    /// Id.
    pub id: Uuid,
    /// Procedure kind code.
    pub kind: String,
    /// Year of the work.
    pub exam_year: i64,
    /// Subject catalogue code.
    pub subject_code: String,
    /// Grade.
    pub grade: i64,
    /// Provenance lines.
    pub provenance: String,
    /// The items, parents first.
    pub codifier: Codifier,
}

#[derive(sqlx::FromRow)]
struct Head {
    id: Uuid,
    kind: String,
    exam_year: i64,
    subject_code: String,
    grade: i64,
    provenance: String,
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    code: String,
    item_kind: String,
    parent_code: String,
    text: String,
}

macro_rules! select_codifiers {
    ($rest:literal) => {
        concat!(
            "SELECT id, kind, exam_year, subject_code, grade, provenance FROM assessment_codifiers ",
            $rest
        )
    };
}
const ITEMS: &str = "SELECT code, item_kind, parent_code, text FROM assessment_codifier_items WHERE school_id = $1 AND codifier_id = $2 ORDER BY seq";
const PLAN: &str =
    "SELECT task_code, refs FROM assessment_codifier_plan WHERE school_id = $1 AND codifier_id = $2 ORDER BY seq";

fn item(r: ItemRow) -> Result<CodifierItem> {
    Ok(CodifierItem {
        kind: ItemKind::parse(&r.item_kind).ok_or_else(|| StoreError::Invalid {
            field: "codifier",
            message: format!("unknown item kind {:?}", r.item_kind),
        })?,
        code: r.code,
        parent: r.parent_code,
        text: r.text,
    })
}

fn stored(h: Head, items: Vec<ItemRow>, plan: Vec<(String, String)>) -> Result<StoredCodifier> {
    Ok(StoredCodifier {
        id: h.id,
        kind: h.kind,
        exam_year: h.exam_year,
        subject_code: h.subject_code,
        grade: h.grade,
        provenance: h.provenance,
        codifier: Codifier {
            items: items.into_iter().map(item).collect::<Result<_>>()?,
            plan: plan
                .into_iter()
                .map(|(task, refs)| PlanRow {
                    task,
                    references: split_references(&refs),
                })
                .collect(),
        },
    })
}

/// The school's codifier for a kind, year, subject code and grade.
pub async fn find_in(
    tx: &mut Tx,
    school_id: Uuid,
    kind: ProcedureKind,
    year: i32,
    subject_code: &str,
    grade: i64,
) -> Result<Option<StoredCodifier>> {
    const SQL: &str =
        select_codifiers!("WHERE school_id = $1 AND kind = $2 AND exam_year = $3 AND subject_code = $4 AND grade = $5");
    let Some(h) = opt_row!(tx: tx, Head, SQL, school_id, kind.code(), i64::from(year), subject_code, grade)? else {
        return Ok(None);
    };
    let items = rows!(tx: tx, ItemRow, ITEMS, school_id, h.id)?;
    let plan = rows!(tx: tx, (String, String), PLAN, school_id, h.id)?;
    stored(h, items, plan).map(Some)
}

/// All the school's codifiers (heads with their items), by kind, year, subject and grade.
pub async fn list(db: &Db, school_id: Uuid) -> Result<Vec<StoredCodifier>> {
    const SQL: &str = select_codifiers!("WHERE school_id = $1 ORDER BY kind, exam_year, subject_code, grade");
    let heads = rows!(db, Head, SQL, school_id)?;
    let mut out = Vec::with_capacity(heads.len());
    for h in heads {
        let items = rows!(db, ItemRow, ITEMS, school_id, h.id)?;
        let plan = rows!(db, (String, String), PLAN, school_id, h.id)?;
        out.push(stored(h, items, plan)?);
    }
    Ok(out)
}

/// One of the school's codifiers by id.
pub async fn get(db: &Db, school_id: Uuid, id: Uuid) -> Result<Option<StoredCodifier>> {
    const SQL: &str = select_codifiers!("WHERE school_id = $1 AND id = $2");
    let Some(h) = opt_row!(db, Head, SQL, school_id, id)? else {
        return Ok(None);
    };
    let items = rows!(db, ItemRow, ITEMS, school_id, h.id)?;
    let plan = rows!(db, (String, String), PLAN, school_id, h.id)?;
    stored(h, items, plan).map(Some)
}

impl StoredCodifier {
    /// The codifier in the reference file format's terms (for writing it back as a file).
    pub fn to_ref(&self) -> Option<RefCodifier> {
        Some(RefCodifier {
            key: CodifierKey {
                kind: ProcedureKind::parse(&self.kind)?,
                year: i32::try_from(self.exam_year).ok()?,
                subject: self.subject_code.clone(),
                grade: self.grade,
            },
            codifier: self.codifier.clone(),
            provenance: self.provenance.lines().map(str::to_string).collect(),
        })
    }

    /// Whether this is an unchanged copy of a codifier shipped in
    /// `data/reference/assessments` (read-only in the UI: copy to edit).
    pub fn is_reference(&self) -> bool {
        let Some(me) = self.to_ref() else { return false };
        reference::codifiers().unwrap_or_default().contains(&me)
    }
}

/// Inserts or replaces (whole, items included) a school's codifier; returns its id.
pub async fn put(tx: &mut Tx, actor: &Actor, school_id: Uuid, c: &RefCodifier) -> Result<Uuid> {
    // Stored items must satisfy the same rules as a parsed file.
    Codifier::from_parts(c.codifier.items.clone(), c.codifier.plan.clone()).map_err(|e| StoreError::Invalid {
        field: "codifier",
        message: format!("{e:?}"),
    })?;
    let k = &c.key;
    let old = find_in(tx, school_id, k.kind, k.year, &k.subject, k.grade).await?;
    let provenance = c.provenance.join("\n");
    let id = match &old {
        Some(o) => {
            exec!(
                tx,
                "UPDATE assessment_codifiers SET provenance = $3, updated_at = $4 WHERE school_id = $1 AND id = $2",
                school_id,
                o.id,
                &provenance,
                now()
            )?;
            exec!(
                tx,
                "DELETE FROM assessment_codifier_items WHERE school_id = $1 AND codifier_id = $2",
                school_id,
                o.id
            )?;
            exec!(
                tx,
                "DELETE FROM assessment_codifier_plan WHERE school_id = $1 AND codifier_id = $2",
                school_id,
                o.id
            )?;
            o.id
        }
        None => {
            let id = vsoko_domain::new_id();
            exec!(
                tx,
                "INSERT INTO assessment_codifiers (school_id, id, kind, exam_year, subject_code, grade, provenance, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                school_id,
                id,
                k.kind.code(),
                i64::from(k.year),
                &k.subject,
                k.grade,
                &provenance,
                now()
            )?;
            id
        }
    };
    for (seq, i) in c.codifier.items.iter().enumerate() {
        exec!(
            tx,
            "INSERT INTO assessment_codifier_items (school_id, codifier_id, seq, code, item_kind, parent_code, text) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            school_id,
            id,
            i64::try_from(seq).unwrap_or(i64::MAX),
            &i.code,
            i.kind.code(),
            &i.parent,
            &i.text
        )?;
    }
    for (seq, row) in c.codifier.plan.iter().enumerate() {
        exec!(
            tx,
            "INSERT INTO assessment_codifier_plan (school_id, codifier_id, seq, task_code, refs) VALUES ($1, $2, $3, $4, $5)",
            school_id,
            id,
            i64::try_from(seq).unwrap_or(i64::MAX),
            &row.task,
            row.references.join(" ")
        )?;
    }
    apply_to_works(tx, school_id, c).await?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "assessment_codifier",
            entity_id: Some(id),
            action: if old.is_some() { "update" } else { "create" },
            old: old.as_ref().map(
                |o| serde_json::json!({"provenance": o.provenance, "items": o.codifier.items, "plan": o.codifier.plan}),
            ),
            new: Some(serde_json::json!({
                "kind": k.kind.code(), "year": k.year, "subject": k.subject, "grade": k.grade,
                "provenance": provenance, "items": c.codifier.items, "plan": c.codifier.plan,
            })),
        },
    )
    .await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct TaskRow {
    id: Uuid,
    code: String,
    max_score: i64,
}

/// Gives tasks their skills from the school's codifier of a work, if it has one
/// ([`Codifier::resolve`]); returns the references it does not know.
pub async fn resolve_in(
    tx: &mut Tx,
    school_id: Uuid,
    kind: ProcedureKind,
    year: i32,
    subject_code: &str,
    grade: i64,
    tasks: &mut [TaskSpec],
) -> Result<Vec<String>> {
    Ok(match find_in(tx, school_id, kind, year, subject_code, grade).await? {
        Some(c) => c.codifier.resolve(tasks).into_iter().map(|(code, _)| code).collect(),
        None => Vec::new(),
    })
}

/// Gives the tasks of the school's works of the codifier's kind, year, subject and grade
/// their skills from it ([`Codifier::resolve`]: the plan's items, or the texts of the items
/// their codes name); returns how many tasks changed. References it does not know stay.
async fn apply_to_works(tx: &mut Tx, school_id: Uuid, c: &RefCodifier) -> Result<usize> {
    let k = &c.key;
    let tasks = rows!(
        tx: tx,
        TaskRow,
        "SELECT t.id, t.code, t.max_score FROM assessment_tasks t \
         JOIN assessment_procedures p ON p.school_id = t.school_id AND p.id = t.procedure_id \
         JOIN subjects sub ON sub.school_id = p.school_id AND sub.id = p.subject_id \
         WHERE t.school_id = $1 AND p.kind = $2 AND p.exam_year = $3 AND sub.code = $4 AND p.grade = $5 \
         ORDER BY t.procedure_id, t.ordinal",
        school_id,
        k.kind.code(),
        i64::from(k.year),
        &k.subject,
        k.grade
    )?;
    let mut changed = 0;
    for t in tasks {
        let had = import::skills_of(tx, school_id, t.id).await?;
        let mut spec = [TaskSpec {
            skills: had.clone(),
            code: t.code,
            max_score: u32::try_from(t.max_score).unwrap_or(0),
            level: None,
        }];
        c.codifier.resolve(&mut spec);
        if import::replace_skills(tx, school_id, t.id, &had, &spec[0].skills).await? {
            changed += 1;
        }
    }
    Ok(changed)
}

/// Copies every shipped codifier the school does not have yet; returns how many.
pub async fn seed_reference(tx: &mut Tx, actor: &Actor, school_id: Uuid) -> Result<usize> {
    let shipped = reference::codifiers().map_err(|e| StoreError::Invalid {
        field: "reference",
        message: e.to_string(),
    })?;
    let mut added = 0;
    for c in shipped {
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

/// Loads a codifier file (the reference format) into a school: checked, then stored.
pub async fn upload(db: &Db, actor: &Actor, school_id: Uuid, file_name: &str, text: &str) -> Result<Uuid> {
    let c = reference::parse_codifier(file_name, text).map_err(|e| StoreError::Invalid {
        field: "codifier",
        message: e.to_string(),
    })?;
    let actor = actor.clone();
    db.write(move |tx| Box::pin(async move { put(tx, &actor, school_id, &c).await }))
        .await
}
