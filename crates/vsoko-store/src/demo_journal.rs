//! Loads the demo school's first half-year of journal (from the deterministic generator in
//! `vsoko_domain::demo::generate_journal`): subgroups, lessons, cells and quarter marks in
//! multi-row inserts inside one transaction, then rebuilds the rollups from them. Only
//! `vsoko demo` calls this; tests build the school without the journal unless they need it.

use crate::audit::{self, Change};
use crate::journal::rollups;
use crate::structure::{period_levels, years};
use crate::{Actor, Db, Result, StoreError, Tx};
use std::collections::HashMap;
use time::{Date, OffsetDateTime, Time};
use uuid::Uuid;
use vsoko_domain::demo::{DemoJournal, generate, generate_journal, subgroup_of};
use vsoko_domain::journal::format_cell_marks;
use vsoko_domain::structure::{PeriodKind, PeriodLevel, period_kind_of};

/// Rows per multi-row insert (well under both backends' parameter limits).
const CHUNK: usize = 400;

/// What the loader wrote.
#[derive(Debug, Clone, Default)]
pub struct JournalCounts {
    /// Lessons.
    pub lessons: usize,
    /// Cells.
    pub cells: usize,
    /// Quarter marks.
    pub period_marks: usize,
}

macro_rules! insert_rows {
    ($tx:expr, $head:literal, $cols:expr, $rows:expr, |$q:ident, $r:ident| $bind:expr) => {{
        for chunk in $rows.chunks(CHUNK) {
            let mut sql = String::from($head);
            let mut n = 0;
            for (i, _) in chunk.iter().enumerate() {
                sql.push_str(if i == 0 { " (" } else { ", (" });
                for c in 0..$cols {
                    n += 1;
                    sql.push_str(&format!("{}${n}", if c == 0 { "" } else { ", " }));
                }
                sql.push(')');
            }
            $crate::on_tx!($tx, |c| {
                let mut $q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
                for $r in chunk {
                    $q = $bind;
                }
                $q.execute(c).await.map(|_| ())
            })?;
        }
    }};
}

/// Loads the demo journal into the demo school up to `today`.
pub async fn load(db: &Db, school_id: Uuid, today: Date) -> Result<JournalCounts> {
    let demo = generate();
    let journal = generate_journal(&demo, today);
    let year = years::current(db, school_id).await?.ok_or(StoreError::NotFound)?;
    let periods = DemoPeriods {
        all: years::periods(db, school_id, year.id).await?,
        levels: period_levels::levels(db, school_id, year.id).await?,
        default: PeriodKind::parse(&year.period_kind).unwrap_or(PeriodKind::Quarter),
    };
    db.write(move |tx| Box::pin(async move { write_all(tx, school_id, year.id, &periods, &demo, &journal).await }))
        .await
}

/// The year's periods of every kind, and which kind each grade keeps.
struct DemoPeriods {
    all: Vec<years::Period>,
    levels: Vec<PeriodLevel>,
    default: PeriodKind,
}

impl DemoPeriods {
    /// The periods of a grade's classes.
    fn of_grade(&self, grade: i64) -> impl Iterator<Item = &years::Period> {
        let kind = period_kind_of(&self.levels, self.default, grade).code();
        self.all.iter().filter(move |p| p.kind == kind)
    }
}

async fn lookup(tx: &mut Tx, sql: &'static str, school: Uuid) -> Result<HashMap<String, Uuid>> {
    Ok(rows!(tx: tx, (String, Uuid), sql, school)?.into_iter().collect())
}

/// A demo moment, stored like every other timestamp ([`crate::stamp`]).
fn at(d: Date, hour: u8) -> OffsetDateTime {
    crate::stamp(
        d.with_time(Time::from_hms(hour, 0, 0).unwrap_or(Time::MIDNIGHT))
            .assume_utc(),
    )
}

async fn write_all(
    tx: &mut Tx,
    school: Uuid,
    year_id: Uuid,
    periods: &DemoPeriods,
    demo: &vsoko_domain::demo::DemoSchool,
    j: &DemoJournal,
) -> Result<JournalCounts> {
    // The demo year's classes only: the closed year before has classes of the same names.
    let classes: HashMap<String, Uuid> = crate::structure::classes::all_in(tx, school, year_id)
        .await?
        .into_iter()
        .map(|(name, id, _, _)| (name, id))
        .collect();
    let subjects = lookup(tx, "SELECT name, id FROM subjects WHERE school_id = $1", school).await?;
    let staff = lookup(tx, "SELECT code, id FROM staff WHERE school_id = $1", school).await?;
    let pupils = lookup(tx, "SELECT code, id FROM pupils WHERE school_id = $1", school).await?;
    let id_of = |map: &HashMap<String, Uuid>, key: &str, what: &'static str| {
        map.get(key).copied().ok_or_else(|| StoreError::Invalid {
            field: what,
            message: format!("demo journal refers to unknown {what} {key}"),
        })
    };

    // Subgroups: each split class-subject's pupils in roster order, as the generator split them.
    let mut by_class: HashMap<String, Vec<&str>> = HashMap::new();
    for p in &demo.roster.pupils {
        by_class.entry(p.class.to_string()).or_default().push(&p.code);
    }
    let mut members: Vec<(Uuid, Uuid, &'static str, Uuid)> = Vec::new();
    let mut split: Vec<(String, String)> = demo
        .roster
        .assignments
        .iter()
        .filter(|a| a.subgroup.is_some())
        .map(|a| (a.class.to_string(), a.subject.clone()))
        .collect();
    split.sort();
    split.dedup();
    for (class, subject) in &split {
        let list = by_class.get(class).cloned().unwrap_or_default();
        for (i, code) in list.iter().enumerate() {
            members.push((
                id_of(&classes, class, "class")?,
                id_of(&subjects, subject, "subject")?,
                subgroup_of(i, list.len()),
                id_of(&pupils, code, "pupil")?,
            ));
        }
    }
    insert_rows!(
        tx,
        "INSERT INTO subgroup_members (school_id, id, class_id, subject_id, subgroup, pupil_id) VALUES",
        6,
        members,
        |q, r| q
            .bind(school)
            .bind(vsoko_domain::new_id())
            .bind(r.0)
            .bind(r.1)
            .bind(r.2)
            .bind(r.3)
    );

    // Lessons.
    let period_of = |grade: i64, d: Date| {
        periods
            .of_grade(grade)
            .find(|p| p.start_date <= d && d <= p.end_date)
            .map(|p| p.id)
    };
    let mut lesson_rows = Vec::with_capacity(j.lessons.len());
    let mut ordinal: HashMap<(String, String, String, Date), i64> = HashMap::new();
    for l in &j.lessons {
        let period = period_of(l.class.grade, l.date).ok_or(StoreError::Invalid {
            field: "date",
            message: format!("demo lesson on {} is outside the periods", l.date),
        })?;
        let n = ordinal
            .entry((l.class.to_string(), l.subject.clone(), l.subgroup.clone(), l.date))
            .or_insert(0);
        *n += 1;
        lesson_rows.push((
            vsoko_domain::new_id(),
            period,
            id_of(&classes, &l.class.to_string(), "class")?,
            id_of(&subjects, &l.subject, "subject")?,
            l,
            id_of(&staff, &l.staff_code, "staff")?,
            *n,
        ));
    }
    insert_rows!(
        tx,
        "INSERT INTO lessons (school_id, id, year_id, period_id, class_id, subject_id, subgroup, staff_id, lesson_date, ordinal, topic, homework, work_type, created_at, updated_at) VALUES",
        15,
        lesson_rows,
        |q, r| q
            .bind(school)
            .bind(r.0)
            .bind(year_id)
            .bind(r.1)
            .bind(r.2)
            .bind(r.3)
            .bind(&r.4.subgroup)
            .bind(r.5)
            .bind(r.4.date)
            .bind(r.6)
            .bind(&r.4.topic)
            .bind(&r.4.homework)
            .bind(&r.4.work_type)
            .bind(at(r.4.date, 6))
            .bind(at(r.4.date, 6))
    );

    // Cells, entered the afternoon of the lesson (a late teacher is the generator's business).
    let not_after = crate::now() - time::Duration::minutes(1);
    let mut cell_rows = Vec::with_capacity(j.cells.len());
    for c in &j.cells {
        let (lesson_id, lesson) = lesson_rows
            .get(c.lesson)
            .map(|r| (r.0, r.4))
            .ok_or(StoreError::NotFound)?;
        // The teacher who leaves topics out also enters every tenth lesson's marks 10 days late,
        // so the deputy's journal control has late entries to find.
        let entered = if lesson.staff_code == j.incomplete_staff_code && c.lesson % 10 == 0 {
            at(lesson.date + time::Duration::days(10), 19)
        } else {
            at(lesson.date, 14)
        };
        // Never in the future: a diary visit marks "seen" up to the newest mark it showed.
        let entered = entered.min(not_after);
        cell_rows.push((
            lesson_id,
            id_of(&pupils, &c.pupil_code, "pupil")?,
            format_cell_marks(&c.marks),
            c.attendance.map(|a| a.code()),
            &c.comment,
            entered,
            lesson.staff_code.clone(),
        ));
    }
    insert_rows!(
        tx,
        "INSERT INTO journal_cells (school_id, id, lesson_id, pupil_id, marks, attendance, comment, version, created_at, updated_at, updated_by) VALUES",
        11,
        cell_rows,
        |q, r| q
            .bind(school)
            .bind(vsoko_domain::new_id())
            .bind(r.0)
            .bind(r.1)
            .bind(&r.2)
            .bind(r.3)
            .bind(r.4)
            .bind(1i64)
            .bind(r.5)
            .bind(r.5)
            .bind(&r.6)
    );

    // Quarter marks.
    let mut pm_rows = Vec::with_capacity(j.period_marks.len());
    for m in &j.period_marks {
        // The generator writes marks of the ended quarters; a grade in other periods gets
        // the mark only where one of its periods ends with that quarter.
        let quarter = periods
            .all
            .iter()
            .find(|p| p.kind == periods.default.code() && p.idx == m.period_index)
            .ok_or(StoreError::NotFound)?;
        let Some(period) = periods.of_grade(m.class.grade).find(|p| p.end_date == quarter.end_date) else {
            continue;
        };
        pm_rows.push((
            period.id,
            id_of(&pupils, &m.pupil_code, "pupil")?,
            id_of(&subjects, &m.subject, "subject")?,
            id_of(&classes, &m.class.to_string(), "class")?,
            m.mark.code(),
            at(period.end_date, 15),
        ));
    }
    insert_rows!(
        tx,
        "INSERT INTO period_marks (school_id, id, year_id, period_id, period_key, kind, pupil_id, subject_id, class_id, value, version, updated_at, updated_by) VALUES",
        13,
        pm_rows,
        |q, r| q
            .bind(school)
            .bind(vsoko_domain::new_id())
            .bind(year_id)
            .bind(r.0)
            .bind(r.0)
            .bind("period")
            .bind(r.1)
            .bind(r.2)
            .bind(r.3)
            .bind(&r.4)
            .bind(1i64)
            .bind(r.5)
            .bind("demo")
    );

    let prior_rows = prior_year_marks(tx, school, year_id, periods, j).await?;
    insert_rows!(
        tx,
        "INSERT INTO period_marks (school_id, id, year_id, period_id, period_key, kind, pupil_id, subject_id, class_id, value, version, updated_at, updated_by) VALUES",
        13,
        prior_rows,
        |q, r| q
            .bind(school)
            .bind(vsoko_domain::new_id())
            .bind(r.0)
            .bind(r.1)
            .bind(r.1)
            .bind("period")
            .bind(r.2)
            .bind(r.3)
            .bind(r.4)
            .bind(&r.5)
            .bind(1i64)
            .bind(r.6)
            .bind("demo")
    );

    rollups::recompute(tx, school).await?;
    let counts = JournalCounts {
        lessons: lesson_rows.len(),
        cells: cell_rows.len(),
        period_marks: pm_rows.len(),
    };
    audit::record(
        tx,
        &Actor::system("vsoko demo"),
        Change {
            school_id: Some(school),
            entity: "demo_journal",
            entity_id: None,
            action: "load",
            old: None,
            new: Some(serde_json::json!({"lessons": counts.lessons, "cells": counts.cells, "period_marks": counts.period_marks})),
        },
    )
    .await?;
    Ok(counts)
}

/// Quarter marks of the closed year before for the same pupils in their classes of that year
/// (one grade lower), so "the same period last year" has something to compare with: for
/// each quarter mark of this year (grades kept in quarters), last year's mark of the same
/// quarter is the same in 6 of 10 pupil × subject pairs, one higher in 2 and one lower in 2
/// (within 2..5), chosen by a hash of the pupil and subject so the demo stays deterministic.
async fn prior_year_marks(
    tx: &mut Tx,
    school: Uuid,
    year_id: Uuid,
    periods: &DemoPeriods,
    j: &DemoJournal,
) -> Result<Vec<(Uuid, Uuid, Uuid, Uuid, Uuid, String, OffsetDateTime)>> {
    let Some(prior) = opt_scalar!(
        tx: tx,
        Uuid,
        "SELECT p.id FROM academic_years p JOIN academic_years y ON y.school_id = p.school_id AND y.id = $2 \
         WHERE p.school_id = $1 AND p.start_date < y.start_date ORDER BY p.start_date DESC LIMIT 1",
        school,
        year_id
    )?
    else {
        return Ok(Vec::new());
    };
    let prior_periods = rows!(
        tx: tx,
        years::Period,
        "SELECT id, year_id, kind, idx, start_date, end_date FROM periods WHERE school_id = $1 AND year_id = $2",
        school,
        prior
    )?;
    let classes: HashMap<String, Uuid> = crate::structure::classes::all_in(tx, school, prior)
        .await?
        .into_iter()
        .map(|(name, id, _, _)| (name, id))
        .collect();
    let subjects = lookup(tx, "SELECT name, id FROM subjects WHERE school_id = $1", school).await?;
    let pupils = lookup(tx, "SELECT code, id FROM pupils WHERE school_id = $1", school).await?;
    let quarter = periods.default.code();
    let mut out = Vec::new();
    for m in &j.period_marks {
        if periods.of_grade(m.class.grade).next().is_none_or(|p| p.kind != quarter) {
            continue;
        }
        let (Some(class), Some(period), Some(pupil), Some(subject)) = (
            vsoko_domain::demo::prior_class(&m.class).and_then(|c| classes.get(&c.to_string())),
            prior_periods
                .iter()
                .find(|p| p.kind == quarter && p.idx == m.period_index),
            pupils.get(&m.pupil_code),
            subjects.get(&m.subject),
        ) else {
            continue;
        };
        let code = m.mark.code().to_string();
        let hash = format!("{}|{}", m.pupil_code, m.subject)
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            });
        let value = match code.parse::<i64>() {
            Ok(v) if (2..=5).contains(&v) => match hash % 10 {
                0..=5 => v,
                6 | 7 => (v + 1).min(5),
                _ => (v - 1).max(2),
            }
            .to_string(),
            _ => code,
        };
        out.push((
            prior,
            period.id,
            *pupil,
            *subject,
            *class,
            value,
            at(period.end_date, 15),
        ));
    }
    Ok(out)
}
