//! Applying a marks file (current marks and attendance per lesson, term and year marks) to
//! the school's current year, through the same store functions the journal page uses, so
//! access, locks, scale, rollups and audit are exactly the page's.
//!
//! Like the roster import, one function does both the dry run and the apply: every row runs
//! inside one transaction, the report collects what changed and every row that cannot be
//! applied, and only a real apply without errors commits. Lessons are found by class,
//! subject, subgroup and date (created when missing), so re-importing a file changes nothing.

use super::lessons::{self, Lesson, LessonInput};
use super::period_marks::{self, PeriodMarkInput};
use super::{access, cells, locks, policy};
use crate::roster::{Counts, RowError};
use crate::structure::{classes, period_levels, subjects, years};
use crate::{Actor, Db, Result, StoreError, Tx, Viewer, people::pupils};
use serde::Serialize;
use std::collections::HashMap;
use time::Date;
use uuid::Uuid;
use vsoko_domain::journal::rows::{MarkRow, MarksFile, TermMarkRow};
use vsoko_domain::journal::{Attendance, GradingPolicy, format_cell_marks};
use vsoko_domain::msg::Msg;
use vsoko_domain::roles::Role;
use vsoko_domain::roster::Origin;
use vsoko_domain::search::search_key;
use vsoko_domain::structure::{PeriodKind, PeriodLevel, period_kind_of};

/// Column headers of the file format the store names in its errors.
mod col {
    pub const CLASS: &str = "Класс";
    pub const SUBJECT: &str = "Предмет";
    pub const DATE: &str = "Дата урока";
    pub const PUPIL: &str = "Код обучающегося";
    pub const MARKS: &str = "Отметки";
    pub const ATTENDANCE: &str = "Посещаемость";
    pub const WORK_TYPE: &str = "Вид работы";
    pub const TOPIC: &str = "Тема";
    pub const PERIOD: &str = "Период";
    pub const MARK: &str = "Отметка";
}

/// What a marks import did (or would do).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct MarksReport {
    /// Lessons found or created.
    pub lessons: Counts,
    /// Journal cells.
    pub cells: Counts,
    /// Term and year marks.
    pub terms: Counts,
    /// The changes, one message each (first 500).
    pub changes: Vec<Msg>,
    /// Rows that cannot be applied; non-empty means nothing was written.
    pub errors: Vec<RowError>,
    /// Whether the changes were committed.
    pub applied: bool,
}

impl MarksReport {
    /// Total number of created or updated rows.
    pub fn total_changes(&self) -> usize {
        [&self.lessons, &self.cells, &self.terms]
            .iter()
            .map(|c| c.created + c.updated)
            .sum()
    }

    fn note(&mut self, change: Msg) {
        if self.changes.len() < 500 {
            self.changes.push(change);
        }
    }

    fn error(&mut self, origin: &Origin, column: &str, msg: Msg) {
        self.errors.push(RowError {
            sheet: origin.sheet.clone(),
            row: origin.row,
            column: column.to_string(),
            msg,
        });
    }
}

/// A viewer acting as the school's deputy, for imports run from the command line.
pub fn system_viewer(school_id: Uuid, label: &str) -> Viewer {
    Viewer {
        user_id: Uuid::nil(),
        session_id: Uuid::nil(),
        login: label.to_string(),
        full_name: label.to_string(),
        locale: "ru".into(),
        must_change_password: false,
        roles: vec![Role::Deputy],
        school_id: Some(school_id),
        org_id: None,
        staff_id: None,
        pupil_id: None,
        parent_id: None,
        shmo_subjects: Vec::new(),
    }
}

/// Applies a marks file to the viewer's school as the viewer (a teacher writes only their
/// own class-subjects, the deputy any); with `dry_run` only reports.
pub async fn apply(
    db: &Db,
    actor: &Actor,
    v: &Viewer,
    file: MarksFile,
    today: Date,
    dry_run: bool,
) -> Result<MarksReport> {
    let (actor, v) = (actor.clone(), v.clone());
    let outcome = db
        .write(move |tx| {
            Box::pin(async move {
                let report = apply_in(tx, &actor, &v, &file, today).await?;
                if dry_run || !report.errors.is_empty() {
                    return Err(StoreError::RolledBackMarks(Box::new(report)));
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
        Err(StoreError::RolledBackMarks(report)) => Ok(*report),
        Err(e) => Err(e),
    }
}

/// A period of the current year.
#[derive(sqlx::FromRow)]
struct PeriodRow {
    id: Uuid,
    kind: String,
    idx: i64,
    start_date: Date,
    end_date: Date,
}

/// The class, subject and pupil a row names.
struct Resolved {
    class_id: Uuid,
    grade: i64,
    subject_id: Uuid,
    subject_name: String,
    pupil_id: Uuid,
}

/// Everything rows are resolved against, read once.
struct Context {
    school: Uuid,
    year_id: Uuid,
    year_name: String,
    classes: HashMap<String, (Uuid, i64)>,
    subjects: HashMap<String, (Uuid, String)>,
    pupils: HashMap<String, Uuid>,
    periods: Vec<PeriodRow>,
    levels: Vec<PeriodLevel>,
    default_kind: PeriodKind,
    policy: GradingPolicy,
    writable: HashMap<(Uuid, Uuid, String), bool>,
}

impl Context {
    async fn load(tx: &mut Tx, school: Uuid) -> Result<Context> {
        let year = years::current_in(tx, school).await?.ok_or(StoreError::Invalid {
            field: "year",
            message: "no current academic year: create one first".into(),
        })?;
        let grades: HashMap<Uuid, i64> = rows!(tx: tx, (Uuid, i64), "SELECT id, grade FROM classes WHERE school_id = $1 AND year_id = $2", school, year.id)?
            .into_iter()
            .collect();
        let classes = classes::all_in(tx, school, year.id)
            .await?
            .into_iter()
            .map(|(name, id, ..)| (name, (id, grades.get(&id).copied().unwrap_or(0))))
            .collect();
        let subjects = subjects::all_in(tx, school)
            .await?
            .into_iter()
            .flat_map(|s| {
                let v = (s.id, s.name.clone());
                [
                    (search_key(&s.name), v.clone()),
                    (search_key(&s.code), v.clone()),
                    (search_key(&s.short_name), v),
                ]
            })
            .filter(|(k, _)| !k.is_empty())
            .collect();
        let pupils = pupils::codes_in(tx, school)
            .await?
            .into_iter()
            .map(|(code, id, _)| (code, id))
            .collect();
        let periods = rows!(tx: tx, PeriodRow, "SELECT id, kind, idx, start_date, end_date FROM periods WHERE school_id = $1 AND year_id = $2 ORDER BY idx", school, year.id)?;
        let levels = period_levels::levels_in(tx, school, year.id).await?;
        let policy = policy::get_in(tx, school, year.id).await?;
        Ok(Context {
            school,
            year_id: year.id,
            year_name: year.name,
            classes,
            subjects,
            pupils,
            periods,
            levels,
            default_kind: PeriodKind::parse(&year.period_kind).unwrap_or(PeriodKind::Quarter),
            policy,
            writable: HashMap::new(),
        })
    }

    /// The periods of a class named in a row: those of its grade's kind.
    fn periods_of(&self, class_name: &str) -> impl Iterator<Item = &PeriodRow> {
        let grade = self.classes.get(class_name).map_or(0, |c| c.1);
        let kind = period_kind_of(&self.levels, self.default_kind, grade).code();
        self.periods.iter().filter(move |p| p.kind == kind)
    }

    /// Class, subject and pupil of a row, each missing one reported at its column.
    fn resolve(
        &self,
        r: &mut MarksReport,
        origin: &Origin,
        class: &str,
        subject: &str,
        pupil: &str,
    ) -> Option<Resolved> {
        let c = self.classes.get(class).copied();
        if c.is_none() {
            r.error(
                origin,
                col::CLASS,
                Msg::new("marks-import-error-no-class")
                    .arg("class", class)
                    .arg("year", &self.year_name),
            );
        }
        let s = self.subjects.get(&search_key(subject)).cloned();
        if s.is_none() {
            r.error(
                origin,
                col::SUBJECT,
                Msg::new("marks-import-error-no-subject").arg("subject", subject),
            );
        }
        let p = self.pupils.get(pupil).copied();
        if p.is_none() {
            r.error(
                origin,
                col::PUPIL,
                Msg::new("marks-import-error-no-pupil").arg("code", pupil),
            );
        }
        let ((class_id, grade), (subject_id, subject_name), pupil_id) = (c?, s?, p?);
        Some(Resolved {
            class_id,
            grade,
            subject_id,
            subject_name,
            pupil_id,
        })
    }

    async fn may_write(&mut self, tx: &mut Tx, v: &Viewer, class: Uuid, subject: Uuid, subgroup: &str) -> Result<bool> {
        let key = (class, subject, subgroup.to_string());
        if let Some(ok) = self.writable.get(&key) {
            return Ok(*ok);
        }
        let ok = access::may_write(tx, v, class, subject, subgroup).await?;
        self.writable.insert(key, ok);
        Ok(ok)
    }
}

/// A date as people read it (dd.mm.yyyy).
fn shown_date(d: Date) -> String {
    format!("{:02}.{:02}.{:04}", d.day(), u8::from(d.month()), d.year())
}

/// The typed form of an attendance code, as `cells::save` reads it.
fn typed(a: Attendance) -> &'static str {
    match a {
        Attendance::Absent => "Н",
        Attendance::Ill => "Б",
        Attendance::Excused => "УП",
        Attendance::Late => "ОП",
    }
}

/// Maps a store refusal to the row's column and message; other errors end the import.
fn refusal(r: &mut MarksReport, origin: &Origin, e: StoreError, date_column: &str) -> Result<()> {
    match e {
        StoreError::Invalid { field: "period", .. } => {
            r.error(origin, date_column, Msg::new("marks-import-error-locked"))
        }
        StoreError::Invalid { field: "reason", .. } => {
            r.error(origin, date_column, Msg::new("marks-import-error-ended"))
        }
        StoreError::Invalid { field: "pupil_id", .. } => {
            r.error(origin, col::PUPIL, Msg::new("marks-import-error-not-on-list"))
        }
        StoreError::Invalid { field: "date", .. } => r.error(origin, col::DATE, Msg::new("marks-import-error-date")),
        StoreError::Invalid { field, message } => {
            let column = match field {
                "marks" => col::MARKS,
                "attendance" => col::ATTENDANCE,
                "value" => col::MARK,
                _ => "",
            };
            r.error(
                origin,
                column,
                Msg::new("marks-import-error-rejected").arg("message", message),
            )
        }
        StoreError::NotFound => r.error(origin, col::SUBJECT, Msg::new("marks-import-error-no-access-lesson")),
        other => return Err(other),
    }
    Ok(())
}

async fn apply_in(tx: &mut Tx, actor: &Actor, v: &Viewer, file: &MarksFile, today: Date) -> Result<MarksReport> {
    let mut r = MarksReport::default();
    let mut cx = Context::load(tx, v.school()).await?;
    let mut lessons_seen: HashMap<(Uuid, Uuid, String, Date), (Lesson, Origin)> = HashMap::new();
    for row in &file.marks {
        mark_row(tx, actor, v, &mut cx, &mut r, &mut lessons_seen, row, today).await?;
    }
    for row in &file.terms {
        term_row(tx, actor, v, &mut cx, &mut r, row, today).await?;
    }
    Ok(r)
}

#[expect(clippy::too_many_arguments, reason = "one row against the import's shared state")]
async fn mark_row(
    tx: &mut Tx,
    actor: &Actor,
    v: &Viewer,
    cx: &mut Context,
    r: &mut MarksReport,
    seen: &mut HashMap<(Uuid, Uuid, String, Date), (Lesson, Origin)>,
    row: &MarkRow,
    today: Date,
) -> Result<()> {
    let o = &row.origin;
    let class_name = row.class.to_string();
    let errors_before = r.errors.len();
    let resolved = cx.resolve(r, o, &class_name, &row.subject, &row.pupil_code);
    let period = cx
        .periods_of(&class_name)
        .find(|p| p.start_date <= row.date && row.date <= p.end_date)
        .map(|p| p.id);
    if period.is_none() {
        r.error(
            o,
            col::DATE,
            Msg::new("marks-import-error-no-period").arg("date", shown_date(row.date)),
        );
    }
    let work_type = match &row.work_type {
        None => None,
        Some(text) => {
            let key = search_key(text);
            let found = cx
                .policy
                .work_types
                .iter()
                .find(|w| search_key(&w.code) == key || search_key(&w.name) == key);
            if found.is_none() {
                r.error(
                    o,
                    col::WORK_TYPE,
                    Msg::new("marks-import-error-work-type").arg("text", text),
                );
            }
            found.map(|w| w.code.clone())
        }
    };
    let (
        Some(Resolved {
            class_id,
            grade,
            subject_id,
            subject_name,
            pupil_id,
        }),
        Some(period_id),
    ) = (resolved, period)
    else {
        return Ok(());
    };
    if grade == 1 && cx.policy.grade_one_without_marks && !row.marks.is_empty() {
        r.error(o, col::MARKS, Msg::new("marks-import-error-grade-one"));
    }
    if !cx.may_write(tx, v, class_id, subject_id, &row.subgroup).await? {
        r.error(
            o,
            col::SUBJECT,
            Msg::new("marks-import-error-no-access")
                .arg("class", &class_name)
                .arg("subject", &subject_name),
        );
    }
    if r.errors.len() > errors_before {
        return Ok(());
    }
    if let Err(e) = locks::check_writable(tx, cx.school, period_id, today, None).await {
        return refusal(r, o, e, col::DATE);
    }
    let date = row.date;
    let key = (class_id, subject_id, row.subgroup.clone(), date);
    let described = |m: Msg| {
        m.arg("class", &class_name)
            .arg("subject", &subject_name)
            .arg("date", shown_date(date))
    };
    let lesson = match seen.get(&key) {
        Some((lesson, first)) => {
            let differs = |given: &Option<String>, current: &str| given.as_deref().is_some_and(|g| g.trim() != current);
            if differs(&row.topic, &lesson.topic) {
                r.error(
                    o,
                    col::TOPIC,
                    Msg::new("marks-import-error-lesson-differs")
                        .arg("sheet", &first.sheet)
                        .arg("first_row", first.row),
                );
                return Ok(());
            }
            if differs(&work_type, &lesson.work_type) {
                r.error(
                    o,
                    col::WORK_TYPE,
                    Msg::new("marks-import-error-lesson-differs")
                        .arg("sheet", &first.sheet)
                        .arg("first_row", first.row),
                );
                return Ok(());
            }
            lesson.clone()
        }
        None => {
            let lesson = find_or_create_lesson(
                tx,
                actor,
                v,
                cx,
                r,
                row,
                (class_id, subject_id),
                work_type.as_deref(),
                today,
                &described,
            )
            .await;
            let lesson = match lesson {
                Ok(lesson) => lesson,
                Err(e) => return refusal(r, o, e, col::DATE),
            };
            seen.insert(key, (lesson.clone(), o.clone()));
            lesson
        }
    };
    let old = opt_row!(tx: tx, (String, Option<String>, String), "SELECT marks, attendance, comment FROM journal_cells WHERE school_id = $1 AND lesson_id = $2 AND pupil_id = $3", cx.school, lesson.id, pupil_id)?;
    let input = cells::CellInput {
        lesson_id: lesson.id,
        pupil_id,
        marks: format_cell_marks(&row.marks),
        attendance: row.attendance.map(typed).unwrap_or_default().to_string(),
        comment: old.as_ref().map(|o| o.2.clone()).unwrap_or_default(),
        expected_version: None,
        reason: None,
    };
    match cells::save(tx, actor, v, &input, today).await {
        Ok(saved) if !saved.changed => r.cells.unchanged += 1,
        Ok(_) => {
            if old.is_some() {
                r.cells.updated += 1;
            } else {
                r.cells.created += 1;
            }
            let value = [input.marks.as_str(), input.attendance.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            r.note(
                described(Msg::new("marks-import-change-cell"))
                    .arg("pupil", &row.pupil_code)
                    .arg("value", value),
            );
        }
        Err(e) => refusal(r, o, e, col::DATE)?,
    }
    Ok(())
}

#[expect(clippy::too_many_arguments, reason = "one lesson against the import's shared state")]
async fn find_or_create_lesson(
    tx: &mut Tx,
    actor: &Actor,
    v: &Viewer,
    cx: &Context,
    r: &mut MarksReport,
    row: &MarkRow,
    (class_id, subject_id): (Uuid, Uuid),
    work_type: Option<&str>,
    today: Date,
    described: &(dyn Fn(Msg) -> Msg + Sync),
) -> Result<Lesson> {
    let existing = opt_row!(
        tx: tx,
        Lesson,
        "SELECT id, period_id, class_id, subject_id, subgroup, staff_id, lesson_date, ordinal, topic, homework, work_type FROM lessons \
         WHERE school_id = $1 AND class_id = $2 AND subject_id = $3 AND subgroup = $4 AND lesson_date = $5 AND NOT is_deleted ORDER BY ordinal LIMIT 1",
        cx.school, class_id, subject_id, &row.subgroup, row.date
    )?;
    match existing {
        None => {
            let input = LessonInput {
                class_id,
                subject_id,
                subgroup: row.subgroup.clone(),
                date: row.date,
                topic: row.topic.clone().unwrap_or_default(),
                homework: String::new(),
                work_type: work_type.unwrap_or("classwork").to_string(),
                reason: None,
            };
            let id = lessons::create(tx, actor, v, &input, today).await?;
            r.lessons.created += 1;
            r.note(described(Msg::new("marks-import-change-lesson-created")));
            lessons::get_in(tx, cx.school, id).await?.ok_or(StoreError::NotFound)
        }
        Some(lesson) => {
            let topic = row.topic.as_deref().map(str::trim).unwrap_or(&lesson.topic).to_string();
            let work = work_type.unwrap_or(&lesson.work_type).to_string();
            if topic == lesson.topic && work == lesson.work_type {
                r.lessons.unchanged += 1;
                return Ok(lesson);
            }
            lessons::update(tx, actor, v, lesson.id, &topic, &lesson.homework, &work, today, None).await?;
            r.lessons.updated += 1;
            r.note(described(Msg::new("marks-import-change-lesson-updated")));
            Ok(Lesson {
                topic,
                work_type: work,
                ..lesson
            })
        }
    }
}

async fn term_row(
    tx: &mut Tx,
    actor: &Actor,
    v: &Viewer,
    cx: &mut Context,
    r: &mut MarksReport,
    row: &TermMarkRow,
    today: Date,
) -> Result<()> {
    let o = &row.origin;
    let class_name = row.class.to_string();
    let errors_before = r.errors.len();
    let resolved = cx.resolve(r, o, &class_name, &row.subject, &row.pupil_code);
    let period_id = match row.period {
        None => None,
        Some(n) => {
            let found = cx.periods_of(&class_name).find(|p| p.idx == n).map(|p| p.id);
            if found.is_none() {
                r.error(
                    o,
                    col::PERIOD,
                    Msg::new("marks-import-error-no-period-number")
                        .arg("period", n)
                        .arg("year", &cx.year_name),
                );
            }
            found
        }
    };
    let Some(Resolved {
        class_id,
        subject_id,
        subject_name,
        pupil_id,
        ..
    }) = resolved
    else {
        return Ok(());
    };
    if r.errors.len() > errors_before {
        return Ok(());
    }
    let key = period_id.unwrap_or(cx.year_id);
    let code = row.value.code();
    let old = opt_scalar!(tx: tx, String, "SELECT value FROM period_marks WHERE school_id = $1 AND pupil_id = $2 AND subject_id = $3 AND period_key = $4", cx.school, pupil_id, subject_id, key)?;
    if old.as_deref() == Some(code.as_str()) {
        r.terms.unchanged += 1;
        return Ok(());
    }
    let input = PeriodMarkInput {
        pupil_id,
        subject_id,
        class_id,
        period_id,
        value: code,
        expected_version: None,
        reason: None,
    };
    match period_marks::set(tx, actor, v, &input, today).await {
        Ok(_) => {
            if old.is_some() {
                r.terms.updated += 1;
            } else {
                r.terms.created += 1;
            }
            let period = row.period.map_or_else(|| "year".to_string(), |p| p.to_string());
            r.note(
                Msg::new("marks-import-change-term")
                    .arg("class", &class_name)
                    .arg("subject", &subject_name)
                    .arg("period", period)
                    .arg("pupil", &row.pupil_code)
                    .arg("value", row.value.code()),
            );
        }
        Err(StoreError::NotFound) => r.error(
            o,
            col::SUBJECT,
            Msg::new("marks-import-error-no-access")
                .arg("class", &class_name)
                .arg("subject", &subject_name),
        ),
        Err(StoreError::Invalid { field: "pupil_id", .. }) => r.error(
            o,
            col::PUPIL,
            Msg::new("marks-import-error-not-in-class")
                .arg("code", &row.pupil_code)
                .arg("class", &class_name),
        ),
        Err(StoreError::Invalid { field: "value", .. }) => r.error(
            o,
            col::MARK,
            Msg::new("marks-import-error-rejected").arg("message", row.value.code()),
        ),
        Err(e) => refusal(r, o, e, col::PERIOD)?,
    }
    Ok(())
}
