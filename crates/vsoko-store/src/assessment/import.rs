//! Applying a parsed assessment file (ФИС ОКО, РЦОИ protocol, generic) to a school.
//!
//! Like the roster and marks imports, one function does both the dry run and the apply:
//! everything runs in one transaction, the report collects what changed and every row that
//! cannot be applied, and only a real apply without errors commits. The procedure is found
//! by its natural key (kind, year, subject, grade; plus date and title for procedures that a
//! school may hold several times), results by participant code, so importing the same file
//! twice changes nothing. Marks and test scores are computed from the school's conversion
//! table (seeded from the reference files); a file mark that disagrees is an error, and a
//! missing table is an error. Participants link to pupils through the school's participant
//! code list, the pupil code (generic files) or the full name (ГИА protocols); unlinked rows
//! are kept and counted in every analysis.
//!
//! Audit: the procedure and its tasks are audited when created; the import itself writes one
//! audit row with its counts, and every changed result one row with old and new values.

use super::codifiers;
use super::conversions::{self, StoredConversion};
use crate::audit::{self, Change};
use crate::roster::{Counts, RowError};
use crate::structure::{classes, subjects};
use crate::{Actor, Db, Result, StoreError, Tx, now, on_tx};
use futures::TryStreamExt;
use serde::Serialize;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use time::{Date, Month};
use uuid::Uuid;
use vsoko_domain::assessment::reference::{self, RefConversion};
use vsoko_domain::assessment::{AssessmentFile, Converted, ProcedureHeader, ProcedureKind, ResultRow, Skill, TaskSpec};
use vsoko_domain::msg::Msg;
use vsoko_domain::search::search_key;

/// Rows per multi-row INSERT (13 binds per result row stays far below both backends' limits).
const CHUNK: usize = 400;

/// Progress of a running import, for a page that polls it: rows checked of all rows.
#[derive(Debug, Default)]
pub struct Progress {
    /// Rows in the file.
    pub total: AtomicUsize,
    /// Rows checked so far.
    pub done: AtomicUsize,
}

/// What an assessment import did (or would do).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct AssessmentReport {
    /// The procedure (None when the file was rejected before it was found or created).
    pub procedure_id: Option<Uuid>,
    /// Whether the procedure is new.
    pub procedure_created: bool,
    /// Tasks.
    pub tasks: Counts,
    /// Results (one per participant).
    pub results: Counts,
    /// Results linked to a pupil.
    pub linked: usize,
    /// Results not linked to any pupil (kept and usable).
    pub unlinked: usize,
    /// Class names of the file that match no class of the school year.
    pub unknown_classes: Vec<String>,
    /// The changes, one message each (first 500).
    pub changes: Vec<Msg>,
    /// Rows that cannot be applied; non-empty means nothing was written.
    pub errors: Vec<RowError>,
    /// Whether the changes were committed.
    pub applied: bool,
}

impl AssessmentReport {
    /// Total number of created or updated rows.
    pub fn total_changes(&self) -> usize {
        usize::from(self.procedure_created)
            + self.tasks.created
            + self.tasks.updated
            + self.results.created
            + self.results.updated
    }

    /// How many change lines there are in all (`changes` keeps the first 500): the new
    /// procedure, its tasks, each updated result and one line for the created results.
    pub fn change_lines(&self) -> usize {
        usize::from(self.procedure_created)
            + usize::from(self.tasks.created + self.tasks.updated > 0)
            + self.results.updated
            + usize::from(self.results.created > 0)
    }

    fn note(&mut self, change: Msg) {
        if self.changes.len() < 500 {
            self.changes.push(change);
        }
    }

    fn error(&mut self, sheet: &str, row: usize, column: &str, msg: Msg) {
        self.errors.push(RowError {
            sheet: sheet.to_string(),
            row,
            column: column.to_string(),
            msg,
        });
    }
}

/// Applies a parsed file to the school; with `dry_run` only reports. `progress`, when
/// given, is updated as rows are checked.
pub async fn apply(
    db: &Db,
    actor: &Actor,
    school_id: Uuid,
    file: AssessmentFile,
    today: Date,
    dry_run: bool,
    progress: Option<Arc<Progress>>,
) -> Result<AssessmentReport> {
    apply_with_table(db, actor, school_id, None, file, today, dry_run, progress).await
}

/// [`apply`], storing a conversion table (the reference format, already parsed) first in the
/// same transaction: the file's marks are computed with it, and a dry run or a rejected file
/// leaves the school's tables as they were (the upload page sends a table with the file).
#[expect(clippy::too_many_arguments, reason = "apply's arguments plus the table")]
pub async fn apply_with_table(
    db: &Db,
    actor: &Actor,
    school_id: Uuid,
    table: Option<RefConversion>,
    file: AssessmentFile,
    today: Date,
    dry_run: bool,
    progress: Option<Arc<Progress>>,
) -> Result<AssessmentReport> {
    let actor = actor.clone();
    let outcome = db
        .write(move |tx| {
            Box::pin(async move {
                if let Some(table) = &table {
                    conversions::put(tx, &actor, school_id, table).await?;
                }
                let report = apply_in(tx, &actor, school_id, &file, today, progress.as_deref()).await?;
                if dry_run || !report.errors.is_empty() {
                    return Err(StoreError::RolledBackAssessment(Box::new(report)));
                }
                Ok(report)
            })
        })
        .await;
    match outcome {
        Ok(mut report) => {
            report.applied = true;
            Ok(report)
        }
        Err(StoreError::RolledBackAssessment(report)) => Ok(*report),
        Err(e) => Err(e),
    }
}

/// The day used to find the school year of the procedure: its date, else 20 April of its
/// year for the spring procedures, else today.
fn reference_day(file: &AssessmentFile, today: Date) -> Date {
    let h = &file.header;
    h.date.unwrap_or(match h.kind {
        ProcedureKind::Vpr | ProcedureKind::Oge | ProcedureKind::Ege | ProcedureKind::Gve => {
            Date::from_calendar_date(h.year, Month::April, 20).unwrap_or(today)
        }
        _ => today,
    })
}

#[derive(sqlx::FromRow, Clone, PartialEq, Serialize)]
struct StoredResult {
    id: Uuid,
    participant_code: String,
    pupil_id: Option<Uuid>,
    class_name: String,
    class_id: Option<Uuid>,
    variant: String,
    primary_score: Option<i64>,
    mark: Option<i64>,
    test_score: Option<i64>,
    journal_mark: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct StoredTask {
    id: Uuid,
    code: String,
    max_score: i64,
    level: String,
}

async fn apply_in(
    tx: &mut Tx,
    actor: &Actor,
    school_id: Uuid,
    file: &AssessmentFile,
    today: Date,
    progress: Option<&Progress>,
) -> Result<AssessmentReport> {
    let mut r = AssessmentReport::default();
    let h = &file.header;
    let sheet = file.results.first().map(|x| x.origin.sheet.clone()).unwrap_or_default();
    if let Some(p) = progress {
        p.total.store(file.results.len(), Ordering::Relaxed);
    }

    // Subject, conversion table, school year.
    conversions::seed_reference(tx, actor, school_id).await?;
    codifiers::seed_reference(tx, actor, school_id).await?;
    let norm = |s: &str| search_key(s);
    let subject = subjects::all_in(tx, school_id)
        .await?
        .into_iter()
        .find(|s| s.code == h.subject || norm(&s.name) == norm(&h.subject) || norm(&s.short_name) == norm(&h.subject));
    let Some(subject) = subject else {
        r.error(
            &sheet,
            0,
            "",
            Msg::new("assessment-import-error-no-subject").arg("subject", &h.subject),
        );
        return Ok(r);
    };
    let Some(conversion) = conversions::find_in(tx, school_id, h.kind, h.year, &subject.code, h.grade).await? else {
        r.error(
            &sheet,
            0,
            "",
            Msg::new("assessment-import-error-no-conversion")
                .arg("kind", h.kind.code())
                .arg("year", h.year)
                .arg("subject", &subject.name)
                .arg("grade", h.grade),
        );
        return Ok(r);
    };
    check_conversion(&mut r, &sheet, file, &conversion);
    if !r.errors.is_empty() {
        return Ok(r);
    }
    let day = reference_day(file, today);
    let year_id = opt_scalar!(
        tx: tx,
        Uuid,
        "SELECT id FROM academic_years WHERE school_id = $1 AND start_date <= $2 AND end_date >= $2",
        school_id,
        day
    )?;
    let class_ids: HashMap<String, Uuid> = match year_id {
        Some(y) => classes::all_in(tx, school_id, y)
            .await?
            .into_iter()
            .map(|(name, id, _, _)| (name, id))
            .collect(),
        None => HashMap::new(),
    };

    // Procedure and tasks.
    let key = h.natural_key(subject.id);
    let existing = opt_scalar!(tx: tx, Uuid, "SELECT id FROM assessment_procedures WHERE school_id = $1 AND natural_key = $2", school_id, &key)?;
    let reference_tasks = reference::task_table(h.kind, h.year, &subject.code, h.grade);
    let mut tasks = enrich(&file.tasks, reference_tasks.as_ref().map(|t| t.tasks.as_slice()));
    for code in codifiers::resolve_in(tx, school_id, h.kind, h.year, &subject.code, h.grade, &mut tasks).await? {
        r.note(Msg::new("assessment-change-codifier-unknown").arg("code", code));
    }
    let procedure_id = match existing {
        Some(id) => id,
        None => {
            let title = if h.title.is_empty() {
                format!("{} {} {} {}", h.kind.code(), h.year, subject.name, h.grade)
            } else {
                h.title.clone()
            };
            let id = insert_procedure(
                tx,
                actor,
                school_id,
                &NewProcedure {
                    id: vsoko_domain::new_id(),
                    header: h,
                    key: &key,
                    title: &title,
                    year_id,
                    subject_id: subject.id,
                    subject_code: &subject.code,
                    max_primary: file.task_max_sum(),
                    conversion_id: Some(conversion.id),
                    tasks: &tasks,
                },
            )
            .await?;
            r.procedure_created = true;
            r.note(Msg::new("assessment-change-procedure-created").arg("title", &title));
            id
        }
    };
    r.procedure_id = Some(procedure_id);
    let task_ids = sync_tasks(tx, &mut r, &sheet, school_id, procedure_id, &tasks).await?;
    if !r.errors.is_empty() {
        return Ok(r);
    }
    if r.tasks.created + r.tasks.updated > 0 {
        let (created, updated) = (r.tasks.created, r.tasks.updated);
        r.note(
            Msg::new("assessment-change-tasks")
                .arg("created", created)
                .arg("updated", updated),
        );
    }

    // Classes taking it.
    let mut names: Vec<String> = file.results.iter().map(|x| x.class.to_string()).collect();
    names.sort();
    names.dedup();
    let known: Vec<String> = rows!(tx: tx, (String,), "SELECT class_name FROM assessment_procedure_classes WHERE school_id = $1 AND procedure_id = $2", school_id, procedure_id)?
        .into_iter()
        .map(|(name,)| name)
        .collect();
    for name in &names {
        let class_id = class_ids.get(name).copied();
        if class_id.is_none() {
            r.unknown_classes.push(name.clone());
        }
        if !known.contains(name) {
            exec!(
                tx,
                "INSERT INTO assessment_procedure_classes (school_id, id, procedure_id, class_name, class_id) VALUES ($1, $2, $3, $4, $5)",
                school_id,
                vsoko_domain::new_id(),
                procedure_id,
                name,
                class_id
            )?;
        }
    }

    // Linking: participant codes, pupil codes, names.
    let codes: HashMap<String, Uuid> = rows!(tx: tx, (String, Uuid), "SELECT code, pupil_id FROM assessment_participant_codes WHERE school_id = $1 AND exam_year = $2", school_id, i64::from(h.year))?
        .into_iter()
        .collect();
    let pupils: Vec<(Uuid, String, String, String, String)> = rows!(tx: tx, (Uuid, String, String, String, String), "SELECT id, code, last_name, first_name, middle_name FROM pupils WHERE school_id = $1", school_id)?;
    let by_code: HashMap<&str, Uuid> = pupils.iter().map(|p| (p.1.as_str(), p.0)).collect();
    let mut by_name: HashMap<String, Option<Uuid>> = HashMap::new();
    for p in &pupils {
        let k = search_key(&format!("{} {} {}", p.2, p.3, p.4));
        by_name.entry(k).and_modify(|v| *v = None).or_insert(Some(p.0));
    }

    // Results: compute, compare with a digest of what is stored (streamed from the database,
    // so a re-import holds no second copy of the stored rows), write what changed in chunks as
    // the rows go by. A row with an error stops the writing; the transaction then rolls back,
    // so nothing of the file stays.
    check_rows(&mut r, file, &tasks);
    if !r.errors.is_empty() {
        return Ok(r);
    }
    let stored = stored_digests(tx, school_id, procedure_id).await?;
    let at = now();
    let mut inserts: Vec<(StoredResult, Vec<Option<i64>>)> = Vec::with_capacity(CHUNK);
    let mut rescored: Vec<(Uuid, Vec<Option<i64>>)> = Vec::with_capacity(CHUNK);
    for row in &file.results {
        if let Some(p) = progress {
            p.done.fetch_add(1, Ordering::Relaxed);
        }
        let Some((mark, test_score)) = convert(&mut r, row, &tasks, &conversion) else {
            continue;
        };
        let pupil_id = match &row.pupil_code {
            Some(code) => match by_code.get(code.as_str()) {
                Some(id) => Some(*id),
                None => {
                    r.error(
                        &row.origin.sheet,
                        row.origin.row,
                        "Код обучающегося",
                        Msg::new("roster-error-no-pupil").arg("code", code),
                    );
                    continue;
                }
            },
            None => codes.get(&row.participant_code).copied().or_else(|| {
                row.full_name
                    .as_ref()
                    .and_then(|n| by_name.get(&search_key(n)).copied().flatten())
            }),
        };
        if pupil_id.is_some() {
            r.linked += 1;
        } else {
            r.unlinked += 1;
        }
        let class_name = row.class.to_string();
        let scores: Vec<Option<i64>> = row.scores.iter().map(|s| s.map(i64::from)).collect();
        let old = stored.get(&row.participant_code);
        let new = StoredResult {
            id: old.map_or_else(vsoko_domain::new_id, |o| o.id),
            participant_code: row.participant_code.clone(),
            // A link made earlier (by the code list) stays when the file cannot make one.
            pupil_id: pupil_id.or(old.and_then(|o| o.pupil_id)),
            class_id: class_ids.get(&class_name).copied(),
            class_name,
            variant: row.variant.clone(),
            primary_score: row.primary.map(i64::from),
            mark: mark.map(i64::from),
            test_score: test_score.map(i64::from),
            journal_mark: row.journal_mark.map(i64::from),
        };
        match old {
            None => {
                r.results.created += 1;
                inserts.push((new, scores));
                if inserts.len() == CHUNK && r.errors.is_empty() {
                    write_inserts(tx, school_id, procedure_id, &task_ids, &inserts, at).await?;
                    inserts.clear();
                }
            }
            Some(o) if o.digest == digest(&new, &scores) => r.results.unchanged += 1,
            Some(_) => {
                r.results.updated += 1;
                if r.errors.is_empty() {
                    update_result(tx, actor, school_id, &new, &scores, at).await?;
                    r.note(Msg::new("assessment-change-result-updated").arg("code", &new.participant_code));
                    rescored.push((new.id, scores));
                    if rescored.len() == CHUNK {
                        insert_scores(
                            tx,
                            school_id,
                            &task_ids,
                            rescored.iter().map(|(id, s)| (*id, s.as_slice())),
                        )
                        .await?;
                        rescored.clear();
                    }
                }
            }
        }
    }
    if !r.errors.is_empty() {
        return Ok(r);
    }
    write_inserts(tx, school_id, procedure_id, &task_ids, &inserts, at).await?;
    insert_scores(
        tx,
        school_id,
        &task_ids,
        rescored.iter().map(|(id, s)| (*id, s.as_slice())),
    )
    .await?;
    if r.results.created > 0 {
        r.note(Msg::new("assessment-change-results-created").arg("count", r.results.created));
    }
    if r.total_changes() > 0 {
        audit::record(
            tx,
            actor,
            Change {
                school_id: Some(school_id),
                entity: "assessment_procedure",
                entity_id: Some(procedure_id),
                action: "import",
                old: None,
                new: Some(serde_json::json!({"tasks": r.tasks, "results": r.results, "linked": r.linked, "unlinked": r.unlinked})),
            },
        )
        .await?;
        exec!(
            tx,
            "UPDATE assessment_procedures SET updated_at = $3 WHERE school_id = $1 AND id = $2",
            school_id,
            procedure_id,
            at
        )?;
    }
    Ok(r)
}

/// A procedure about to be created.
pub(super) struct NewProcedure<'a> {
    /// Its id (known beforehand, so a table of its own can point to it).
    pub id: Uuid,
    /// Kind, year, grade and date.
    pub header: &'a ProcedureHeader,
    /// Natural key ([`ProcedureHeader::natural_key`]).
    pub key: &'a str,
    /// Title.
    pub title: &'a str,
    /// School year the date falls in.
    pub year_id: Option<Uuid>,
    /// Subject.
    pub subject_id: Uuid,
    /// Subject catalogue code (for the audit row).
    pub subject_code: &'a str,
    /// Sum of the tasks' maxima.
    pub max_primary: u32,
    /// Conversion table.
    pub conversion_id: Option<Uuid>,
    /// Tasks (audited with the procedure; inserted by [`sync_tasks`]).
    pub tasks: &'a [TaskSpec],
}

/// Inserts a procedure and audits its creation.
pub(super) async fn insert_procedure(
    tx: &mut Tx,
    actor: &Actor,
    school_id: Uuid,
    p: &NewProcedure<'_>,
) -> Result<Uuid> {
    let h = p.header;
    exec!(
        tx,
        "INSERT INTO assessment_procedures (school_id, id, natural_key, kind, exam_year, year_id, subject_id, grade, held_on, title, max_primary, conversion_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)",
        school_id,
        p.id,
        p.key,
        h.kind.code(),
        i64::from(h.year),
        p.year_id,
        p.subject_id,
        h.grade,
        h.date,
        p.title,
        i64::from(p.max_primary),
        p.conversion_id,
        now()
    )?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "assessment_procedure",
            entity_id: Some(p.id),
            action: "create",
            old: None,
            new: Some(serde_json::json!({"kind": h.kind.code(), "year": h.year, "subject": p.subject_code, "grade": h.grade, "title": p.title, "tasks": p.tasks})),
        },
    )
    .await?;
    Ok(p.id)
}

/// The file's tasks with levels and skills filled in from the reference task table where the
/// file does not give them (matched by code).
fn enrich(tasks: &[TaskSpec], reference: Option<&[TaskSpec]>) -> Vec<TaskSpec> {
    tasks
        .iter()
        .map(|t| {
            let mut t = t.clone();
            if let Some(rt) = reference.and_then(|r| r.iter().find(|x| x.code == t.code && x.max_score == t.max_score))
            {
                t.level = t.level.or(rt.level);
                if t.skills.is_empty() {
                    t.skills = rt.skills.clone();
                }
            }
            t
        })
        .collect()
}

/// The table must fit the file: same maximum, and every task its conditions name present.
fn check_conversion(r: &mut AssessmentReport, sheet: &str, file: &AssessmentFile, c: &StoredConversion) {
    let sum = file.task_max_sum();
    if !file.tasks.is_empty() && sum != c.table.max_primary {
        r.error(
            sheet,
            0,
            "",
            Msg::new("assessment-import-error-conversion-max")
                .arg("table", c.table.max_primary)
                .arg("file", sum),
        );
    }
    for code in c.table.condition_tasks() {
        if !file.tasks.iter().any(|t| t.code == code) {
            r.error(
                sheet,
                0,
                "",
                Msg::new("assessment-import-error-condition-task").arg("task", code),
            );
        }
    }
}

/// Rows must fit the work whatever produced them (a parser, manual entry, the API): one
/// score per task, none above its task's maximum, classes of the work's grade, each
/// participant once.
fn check_rows(r: &mut AssessmentReport, file: &AssessmentFile, tasks: &[TaskSpec]) {
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(file.results.len());
    for row in &file.results {
        let (sheet, at) = (&row.origin.sheet, row.origin.row);
        if let Some(first) = seen.insert(&row.participant_code, at) {
            r.error(
                sheet,
                at,
                "Код участника",
                Msg::new("assessment-error-duplicate-participant")
                    .arg("code", &row.participant_code)
                    .arg("first_row", first),
            );
        }
        if row.class.grade != file.header.grade {
            r.error(
                sheet,
                at,
                "Класс",
                Msg::new("assessment-error-class-grade")
                    .arg("class", &row.class)
                    .arg("grade", file.header.grade),
            );
        }
        if row.scores.len() != tasks.len() {
            r.error(
                sheet,
                at,
                "",
                Msg::new("assessment-import-error-score-count")
                    .arg("found", row.scores.len())
                    .arg("expected", tasks.len()),
            );
            continue;
        }
        for (t, s) in tasks.iter().zip(&row.scores) {
            if let Some(s) = s
                && *s > t.max_score
            {
                r.error(
                    sheet,
                    at,
                    &format!("{} ({}б)", t.code, t.max_score),
                    Msg::new("assessment-error-score-above-max")
                        .arg("task", &t.code)
                        .arg("max", t.max_score)
                        .arg("score", *s),
                );
            }
        }
    }
}

/// The mark and test score of a row by the table; a file value that disagrees is an error.
fn convert(
    r: &mut AssessmentReport,
    row: &ResultRow,
    tasks: &[TaskSpec],
    c: &StoredConversion,
) -> Option<(Option<u8>, Option<u32>)> {
    let primary = row.primary?;
    let score_of = |code: &str| {
        tasks
            .iter()
            .position(|t| t.code == code)
            .and_then(|i| row.scores.get(i).copied().flatten())
    };
    match c.table.convert(primary, score_of) {
        Ok(Converted::Mark(m)) => {
            if let Some(f) = row.file_mark
                && f != m
            {
                r.error(
                    &row.origin.sheet,
                    row.origin.row,
                    "Отметка",
                    Msg::new("assessment-import-error-mark-differs")
                        .arg("file", f)
                        .arg("table", m)
                        .arg("primary", primary),
                );
                return None;
            }
            Some((Some(m), None))
        }
        Ok(Converted::TestScore(t)) => {
            if let Some(f) = row.file_test_score
                && f != t
            {
                r.error(
                    &row.origin.sheet,
                    row.origin.row,
                    "Балл",
                    Msg::new("assessment-import-error-test-score-differs")
                        .arg("file", f)
                        .arg("table", t)
                        .arg("primary", primary),
                );
                return None;
            }
            Some((None, Some(t)))
        }
        Err(e) => {
            r.error(
                &row.origin.sheet,
                row.origin.row,
                "Первичный балл",
                Msg::new("assessment-import-error-conversion")
                    .arg("primary", primary)
                    .arg("error", e),
            );
            None
        }
    }
}

/// Creates the tasks of a new procedure, or checks that a known procedure's tasks are the
/// file's (code and maximum, in order) and updates levels and skills the file adds.
pub(super) async fn sync_tasks(
    tx: &mut Tx,
    r: &mut AssessmentReport,
    sheet: &str,
    school_id: Uuid,
    procedure_id: Uuid,
    tasks: &[TaskSpec],
) -> Result<Vec<Uuid>> {
    let stored = rows!(tx: tx, StoredTask, "SELECT id, code, max_score, level FROM assessment_tasks WHERE school_id = $1 AND procedure_id = $2 ORDER BY ordinal", school_id, procedure_id)?;
    if stored.is_empty() {
        let mut ids = Vec::with_capacity(tasks.len());
        for (i, t) in tasks.iter().enumerate() {
            let id = vsoko_domain::new_id();
            exec!(
                tx,
                "INSERT INTO assessment_tasks (school_id, id, procedure_id, ordinal, code, max_score, level) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                school_id,
                id,
                procedure_id,
                i64::try_from(i).unwrap_or(i64::MAX),
                &t.code,
                i64::from(t.max_score),
                t.level.map_or("", |l| l.letter())
            )?;
            insert_skills(tx, school_id, id, &t.skills).await?;
            ids.push(id);
        }
        r.tasks.created = tasks.len();
        return Ok(ids);
    }
    let same = stored.len() == tasks.len()
        && stored
            .iter()
            .zip(tasks)
            .all(|(s, t)| s.code == t.code && s.max_score == i64::from(t.max_score));
    if !same {
        let describe = |v: Vec<String>| v.join(", ");
        r.error(
            sheet,
            0,
            "",
            Msg::new("assessment-import-error-tasks-differ")
                .arg(
                    "stored",
                    describe(stored.iter().map(|s| format!("{} ({})", s.code, s.max_score)).collect()),
                )
                .arg(
                    "file",
                    describe(tasks.iter().map(|t| format!("{} ({})", t.code, t.max_score)).collect()),
                ),
        );
        return Ok(Vec::new());
    }
    for (s, t) in stored.iter().zip(tasks) {
        let level = t.level.map_or("", |l| l.letter());
        let mut updated = false;
        if !level.is_empty() && level != s.level {
            exec!(
                tx,
                "UPDATE assessment_tasks SET level = $3 WHERE school_id = $1 AND id = $2",
                school_id,
                s.id,
                level
            )?;
            updated = true;
        }
        if !t.skills.is_empty() {
            let had = skills_of(tx, school_id, s.id).await?;
            updated |= replace_skills(tx, school_id, s.id, &had, &t.skills).await?;
        }
        if updated {
            r.tasks.updated += 1;
        } else {
            r.tasks.unchanged += 1;
        }
    }
    Ok(stored.iter().map(|s| s.id).collect())
}

/// A task's stored skills, in the order they were given.
pub(super) async fn skills_of(tx: &mut Tx, school_id: Uuid, task_id: Uuid) -> Result<Vec<Skill>> {
    let rows: Vec<(String, String, String)> = rows!(tx: tx, (String, String, String), "SELECT code, section, text FROM assessment_task_skills WHERE school_id = $1 AND task_id = $2 ORDER BY id", school_id, task_id)?;
    Ok(rows
        .into_iter()
        .map(|(code, section, text)| Skill { code, section, text })
        .collect())
}

/// Replaces a task's stored skills (`had`, from [`skills_of`]) when they differ from
/// `skills`; returns whether they did.
pub(super) async fn replace_skills(
    tx: &mut Tx,
    school_id: Uuid,
    task_id: Uuid,
    had: &[Skill],
    skills: &[Skill],
) -> Result<bool> {
    if had == skills {
        return Ok(false);
    }
    exec!(
        tx,
        "DELETE FROM assessment_task_skills WHERE school_id = $1 AND task_id = $2",
        school_id,
        task_id
    )?;
    insert_skills(tx, school_id, task_id, skills).await?;
    Ok(true)
}

/// Stores a task's skills (in order: ids are time-ordered).
async fn insert_skills(tx: &mut Tx, school_id: Uuid, task_id: Uuid, skills: &[Skill]) -> Result<()> {
    for s in skills {
        exec!(
            tx,
            "INSERT INTO assessment_task_skills (school_id, id, task_id, code, section, text) VALUES ($1, $2, $3, $4, $5, $6)",
            school_id,
            vsoko_domain::new_id(),
            task_id,
            &s.code,
            &s.section,
            &s.text
        )?;
    }
    Ok(())
}

/// What the comparison keeps of a stored result: its id, its pupil link and a digest of
/// everything an import may change (the fields and the task scores in task order).
struct StoredDigest {
    id: Uuid,
    pupil_id: Option<Uuid>,
    digest: u64,
}

/// The digest of a result's fields (all but the id) and its scores in task order.
fn digest(r: &StoredResult, scores: &[Option<i64>]) -> u64 {
    combine(fields_hash(r), scores_hash(scores.iter().copied()))
}

fn fields_hash(r: &StoredResult) -> u64 {
    let mut h = DefaultHasher::new();
    (
        &r.participant_code,
        r.pupil_id,
        &r.class_name,
        r.class_id,
        &r.variant,
        r.primary_score,
        r.mark,
        r.test_score,
        r.journal_mark,
    )
        .hash(&mut h);
    h.finish()
}

fn scores_hash(scores: impl Iterator<Item = Option<i64>>) -> u64 {
    let mut h = DefaultHasher::new();
    let mut n = 0_usize;
    for s in scores {
        s.hash(&mut h);
        n += 1;
    }
    n.hash(&mut h);
    h.finish()
}

fn combine(fields: u64, scores: u64) -> u64 {
    let mut h = DefaultHasher::new();
    (fields, scores).hash(&mut h);
    h.finish()
}

/// The stored results of a procedure by participant code, as digests: the results and then
/// their task scores (in result and task order) are streamed, one row at a time.
async fn stored_digests(tx: &mut Tx, school_id: Uuid, procedure_id: Uuid) -> Result<HashMap<String, StoredDigest>> {
    let mut fields: HashMap<Uuid, (String, Option<Uuid>, u64)> = HashMap::new();
    on_tx!(tx, |c| {
        let mut rows = sqlx::query_as::<_, StoredResult>(
            "SELECT id, participant_code, pupil_id, class_name, class_id, variant, primary_score, mark, test_score, journal_mark FROM assessment_results WHERE school_id = $1 AND procedure_id = $2",
        )
        .bind(school_id)
        .bind(procedure_id)
        .fetch(c);
        while let Some(s) = rows.try_next().await? {
            let h = fields_hash(&s);
            fields.insert(s.id, (s.participant_code, s.pupil_id, h));
        }
        Ok::<_, sqlx::Error>(())
    })?;
    let mut out = HashMap::with_capacity(fields.len());
    if fields.is_empty() {
        return Ok(out);
    }
    let mut scores: HashMap<Uuid, u64> = HashMap::with_capacity(fields.len());
    on_tx!(tx, |c| {
        let mut rows = sqlx::query_as::<_, (Uuid, Option<i64>)>(
            "SELECT s.result_id, s.score FROM assessment_task_scores s \
             JOIN assessment_results r ON r.school_id = s.school_id AND r.id = s.result_id \
             JOIN assessment_tasks t ON t.school_id = s.school_id AND t.id = s.task_id \
             WHERE s.school_id = $1 AND r.procedure_id = $2 ORDER BY s.result_id, t.ordinal",
        )
        .bind(school_id)
        .bind(procedure_id)
        .fetch(c);
        let mut current: Option<(Uuid, Vec<Option<i64>>)> = None;
        while let Some((result_id, score)) = rows.try_next().await? {
            match &mut current {
                Some((id, run)) if *id == result_id => run.push(score),
                _ => {
                    if let Some((id, run)) = current.take() {
                        scores.insert(id, scores_hash(run.into_iter()));
                    }
                    current = Some((result_id, vec![score]));
                }
            }
        }
        if let Some((id, run)) = current {
            scores.insert(id, scores_hash(run.into_iter()));
        }
        Ok::<_, sqlx::Error>(())
    })?;
    let none = scores_hash(std::iter::empty());
    for (id, (code, pupil_id, h)) in fields {
        let s = scores.get(&id).copied().unwrap_or(none);
        out.insert(
            code,
            StoredDigest {
                id,
                pupil_id,
                digest: combine(h, s),
            },
        );
    }
    Ok(out)
}

/// Inserts new results and their scores.
async fn write_inserts(
    tx: &mut Tx,
    school_id: Uuid,
    procedure_id: Uuid,
    task_ids: &[Uuid],
    rows: &[(StoredResult, Vec<Option<i64>>)],
    at: time::OffsetDateTime,
) -> Result<()> {
    insert_results(tx, school_id, procedure_id, rows, at).await?;
    insert_scores(tx, school_id, task_ids, rows.iter().map(|(n, s)| (n.id, s.as_slice()))).await
}

/// Updates a changed result (its scores are deleted here and written again by the caller)
/// and audits it with the stored row as the old value.
async fn update_result(
    tx: &mut Tx,
    actor: &Actor,
    school_id: Uuid,
    new: &StoredResult,
    scores: &[Option<i64>],
    at: time::OffsetDateTime,
) -> Result<()> {
    let old = opt_row!(
        tx: tx,
        StoredResult,
        "SELECT id, participant_code, pupil_id, class_name, class_id, variant, primary_score, mark, test_score, journal_mark FROM assessment_results WHERE school_id = $1 AND id = $2",
        school_id,
        new.id
    )?;
    exec!(
        tx,
        "UPDATE assessment_results SET pupil_id = $3, class_name = $4, class_id = $5, variant = $6, primary_score = $7, mark = $8, test_score = $9, journal_mark = $10, updated_at = $11 WHERE school_id = $1 AND id = $2",
        school_id,
        new.id,
        new.pupil_id,
        &new.class_name,
        new.class_id,
        &new.variant,
        new.primary_score,
        new.mark,
        new.test_score,
        new.journal_mark,
        at
    )?;
    exec!(
        tx,
        "DELETE FROM assessment_task_scores WHERE school_id = $1 AND result_id = $2",
        school_id,
        new.id
    )?;
    audit::record(
        tx,
        actor,
        Change {
            school_id: Some(school_id),
            entity: "assessment_result",
            entity_id: Some(new.id),
            action: "update",
            old: old.as_ref().and_then(audit::snapshot),
            new: audit::snapshot(&(new, scores)),
        },
    )
    .await?;
    Ok(())
}

async fn insert_results(
    tx: &mut Tx,
    school_id: Uuid,
    procedure_id: Uuid,
    rows: &[(StoredResult, Vec<Option<i64>>)],
    at: time::OffsetDateTime,
) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    on_tx!(tx, |c| {
        let mut q = sqlx::QueryBuilder::new(
            "INSERT INTO assessment_results (school_id, id, procedure_id, participant_code, pupil_id, class_name, class_id, variant, primary_score, mark, test_score, journal_mark, updated_at) ",
        );
        q.push_values(rows, |mut b, (n, _)| {
            b.push_bind(school_id)
                .push_bind(n.id)
                .push_bind(procedure_id)
                .push_bind(n.participant_code.clone())
                .push_bind(n.pupil_id)
                .push_bind(n.class_name.clone())
                .push_bind(n.class_id)
                .push_bind(n.variant.clone())
                .push_bind(n.primary_score)
                .push_bind(n.mark)
                .push_bind(n.test_score)
                .push_bind(n.journal_mark)
                .push_bind(at);
        });
        q.build().execute(c).await.map(|_| ())
    })?;
    Ok(())
}

async fn insert_scores<'a>(
    tx: &mut Tx,
    school_id: Uuid,
    task_ids: &[Uuid],
    rows: impl Iterator<Item = (Uuid, &'a [Option<i64>])>,
) -> Result<()> {
    let cells: Vec<(Uuid, Uuid, Option<i64>)> = rows
        .flat_map(|(result_id, scores)| task_ids.iter().zip(scores).map(move |(t, s)| (result_id, *t, *s)))
        .collect();
    for chunk in cells.chunks(CHUNK * 2) {
        on_tx!(tx, |c| {
            let mut q =
                sqlx::QueryBuilder::new("INSERT INTO assessment_task_scores (school_id, result_id, task_id, score) ");
            q.push_values(chunk, |mut b, (result_id, task_id, score)| {
                b.push_bind(school_id)
                    .push_bind(*result_id)
                    .push_bind(*task_id)
                    .push_bind(*score);
            });
            q.build().execute(c).await.map(|_| ())
        })?;
    }
    Ok(())
}
