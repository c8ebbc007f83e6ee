//! `vsoko analyze school` (every analytic of one school recomputed from the raw rows, with
//! counts and elapsed time) and `vsoko export analytics-data` (the same inputs as CSV, so an
//! external script can compute the same figures; scripts/bench/recompute_pandas.py does).
//! Both read [`vsoko_store::analytics_data::load`]; the figures come from
//! [`vsoko_domain::analytics::school::recompute`]. Docs: docs/ANALYZE.md, docs/BENCHMARKS.md.

use anyhow::Context;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;
use uuid::Uuid;
use vsoko_domain::analytics::assessment::{AssessmentInput, PupilScores};
use vsoko_domain::analytics::items::{Level, TaskSpec, Thresholds};
use vsoko_domain::analytics::school::{
    Cell, ClassInfo, PairInput, ProcedureInput, SchoolInput, SchoolReport, recompute,
};
use vsoko_domain::analytics::value_added::VaPupil;
use vsoko_domain::journal::{Mark, PeriodMark, SouLowWeight, parse_cell_marks};
use vsoko_store::Db;
use vsoko_store::analytics_data::{self, SchoolData};

/// What was read and computed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    /// Pupils of the school (all years).
    pub pupils: i64,
    /// Classes (all years).
    pub classes: usize,
    /// Term and year marks.
    pub term_marks: usize,
    /// Journal cells with marks.
    pub cells: usize,
    /// Current marks (a cell may hold several).
    pub current_marks: usize,
    /// Assessment procedures.
    pub procedures: usize,
    /// Their results.
    pub results: usize,
    /// Task scores.
    pub task_scores: usize,
    /// Value-added pairs of procedures.
    pub va_pairs: usize,
    /// Linked pupils over all pairs.
    pub va_pupils: usize,
    /// Quality rows (term + current; class, parallel and school).
    pub quality_rows: usize,
}

#[derive(Serialize)]
struct Output<'a> {
    school_id: Uuid,
    counts: &'a Counts,
    #[serde(flatten)]
    report: &'a SchoolReport,
}

/// The school to analyse: the one given, else the only one, else the one with most pupils.
async fn school_of(db: &Db, school: Option<Uuid>) -> anyhow::Result<Uuid> {
    if let Some(id) = school {
        vsoko_store::org::school(db, id)
            .await?
            .with_context(|| format!("no school {id}"))?;
        return Ok(id);
    }
    analytics_data::largest_school(db)
        .await?
        .context("the database holds no school yet")
}

/// Turns the stored rows into the engine's input (the procedure page's reading: a task
/// without a level is basic, a skill without a code is named by its text, "not done" is 0
/// points, marks outside 2–5 are left out).
pub fn input_of(data: &SchoolData) -> SchoolInput {
    let classes = data
        .classes
        .iter()
        .map(|c| ClassInfo {
            id: c.id,
            name: c.name.clone(),
            grade: c.grade,
        })
        .collect();
    let mut term_marks = Vec::with_capacity(data.term_marks.len() * 25);
    for t in &data.term_marks {
        let cell = Cell {
            class_id: t.class_id,
            subject_id: t.subject_id,
            period_id: t.period_key,
        };
        term_marks.extend(t.values().filter_map(PeriodMark::from_code).map(|m| (cell, m)));
    }
    let mut current_marks = Vec::with_capacity(data.cell_marks.len() * 40);
    for l in &data.cell_marks {
        let cell = Cell {
            class_id: l.class_id,
            subject_id: l.subject_id,
            period_id: l.period_id,
        };
        for c in l.cells() {
            // Most cells hold one mark: read it without the list parse_cell_marks builds.
            match Mark::parse(c) {
                Ok(m) if c.len() == 1 => current_marks.push((cell, m)),
                _ => current_marks.extend(parse_cell_marks(c).unwrap_or_default().into_iter().map(|m| (cell, m))),
            }
        }
    }
    let mut skills: HashMap<Uuid, Vec<String>> = HashMap::new();
    for s in &data.skills {
        skills.entry(s.task_id).or_default().push(s.skill().to_string());
    }
    let mut tasks: HashMap<Uuid, Vec<&analytics_data::TaskRow>> = HashMap::new();
    for t in &data.tasks {
        tasks.entry(t.procedure_id).or_default().push(t);
    }
    let mut results: HashMap<Uuid, Vec<&analytics_data::ResultRow>> = HashMap::new();
    for r in &data.results {
        results.entry(r.procedure_id).or_default().push(r);
    }
    // Scores by (result, task). The aggregated form names tasks by ordinal; when a
    // procedure repeats an ordinal the store also gives one row per score, by task id.
    let ordinals: HashMap<(Uuid, i64), Uuid> = data.tasks.iter().map(|t| ((t.procedure_id, t.ordinal), t.id)).collect();
    let procedure_of: HashMap<Uuid, Uuid> = data.results.iter().map(|r| (r.id, r.procedure_id)).collect();
    let scores: HashMap<(Uuid, Uuid), Option<i64>> = if data.score_rows.is_empty() {
        data.scores
            .iter()
            .flat_map(|s| {
                let procedure = procedure_of.get(&s.result_id).copied();
                let ordinals = &ordinals;
                s.pairs().filter_map(move |(ordinal, points)| {
                    let task = ordinals.get(&(procedure?, ordinal))?;
                    Some(((s.result_id, *task), points))
                })
            })
            .collect()
    } else {
        data.score_rows
            .iter()
            .map(|s| ((s.result_id, s.task_id), s.score))
            .collect()
    };
    let mark = |m: Option<i64>| m.and_then(|m| u8::try_from(m).ok()).filter(|m| (2..=5).contains(m));
    let procedures = data
        .procedures
        .iter()
        .map(|p| {
            let ts = tasks.get(&p.id).cloned().unwrap_or_default();
            let specs = ts
                .iter()
                .map(|t| TaskSpec {
                    code: t.code.clone(),
                    max_score: t.max_score as f64,
                    level: Level::parse(&t.level).unwrap_or(Level::Basic),
                    skills: skills.get(&t.id).cloned().unwrap_or_default(),
                })
                .collect();
            let pupils = results
                .get(&p.id)
                .map(|rs| {
                    rs.iter()
                        .map(|r| PupilScores {
                            pupil: r.participant_code.clone(),
                            class: r.class_name.clone(),
                            scores: ts
                                .iter()
                                .map(|t| scores.get(&(r.id, t.id)).copied().flatten().unwrap_or(0) as f64)
                                .collect(),
                            mark: mark(r.mark),
                            journal_mark: mark(r.journal_mark),
                        })
                        .collect()
                })
                .unwrap_or_default();
            ProcedureInput {
                id: p.id,
                title: p.title.clone(),
                input: AssessmentInput { tasks: specs, pupils },
            }
        })
        .collect();
    let mut pairs: Vec<PairInput> = Vec::new();
    for v in &data.va_pairs {
        let pupil = VaPupil {
            class: v.class_name.clone(),
            prior: v.prior as f64,
            current: v.current as f64,
        };
        match pairs.last_mut() {
            Some(p) if p.prior_id == v.prior_id && p.current_id == v.current_id => p.pupils.push(pupil),
            _ => pairs.push(PairInput {
                prior_id: v.prior_id,
                current_id: v.current_id,
                pupils: vec![pupil],
            }),
        }
    }
    SchoolInput {
        classes,
        term_marks,
        current_marks,
        procedures,
        pairs,
    }
}

fn counts(data: &SchoolData, input: &SchoolInput, report: &SchoolReport) -> Counts {
    Counts {
        pupils: data.pupils,
        classes: data.classes.len(),
        term_marks: data.term_marks.iter().map(|t| t.values().count()).sum(),
        cells: data.cell_marks.iter().map(|l| l.cells().count()).sum(),
        current_marks: input.current_marks.len(),
        procedures: data.procedures.len(),
        results: data.results.len(),
        task_scores: data.scores.iter().map(|s| s.n as usize).sum(),
        va_pairs: input.pairs.len(),
        va_pupils: data.va_pairs.len(),
        quality_rows: report.quality.term.len() + report.quality.current.len(),
    }
}

/// `vsoko analyze school`.
pub async fn analyze(db: &Db, school: Option<Uuid>, json: bool) -> anyhow::Result<ExitCode> {
    let school = school_of(db, school).await?;
    let t0 = Instant::now();
    let data = analytics_data::load(db, school).await?;
    let t1 = Instant::now();
    let input = input_of(&data);
    let report = recompute(&input, &Thresholds::default(), SouLowWeight::default());
    let t2 = Instant::now();
    let c = counts(&data, &input, &report);
    let timing = format!(
        "school {school}: {} pupils, {} classes, {} term marks, {} current marks in {} cells, {} procedures \
         ({} results, {} task scores), {} value-added pairs ({} linked pupils), {} quality rows; \
         load {:.3} s, compute {:.3} s, total {:.3} s",
        c.pupils,
        c.classes,
        c.term_marks,
        c.current_marks,
        c.cells,
        c.procedures,
        c.results,
        c.task_scores,
        c.va_pairs,
        c.va_pupils,
        c.quality_rows,
        (t1 - t0).as_secs_f64(),
        (t2 - t1).as_secs_f64(),
        (t2 - t0).as_secs_f64()
    );
    if json {
        let out = Output {
            school_id: school,
            counts: &c,
            report: &report,
        };
        let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
        serde_json::to_writer(&mut stdout, &out)?;
        std::io::Write::write_all(&mut stdout, b"\n")?;
        eprintln!("{timing}");
    } else {
        println!("{timing}");
    }
    Ok(ExitCode::SUCCESS)
}

fn uuid_or_empty(u: Option<Uuid>) -> String {
    u.map(|u| u.to_string()).unwrap_or_default()
}

fn opt(v: Option<i64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn writer(dir: &Path, name: &str, header: &[&str]) -> anyhow::Result<csv::Writer<std::fs::File>> {
    let path = dir.join(name);
    let mut w = csv::Writer::from_path(&path).with_context(|| format!("writing {}", path.display()))?;
    w.write_record(header)?;
    Ok(w)
}

/// `vsoko export analytics-data`: the inputs of `analyze school` as CSV files in `dir`;
/// returns the files with their row counts.
pub async fn export(db: &Db, school: Option<Uuid>, dir: &Path) -> anyhow::Result<Vec<(&'static str, usize)>> {
    let school = school_of(db, school).await?;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let data = analytics_data::load(db, school).await?;
    let mut written = Vec::new();

    let mut w = writer(dir, "classes.csv", &["class_id", "year_id", "name", "grade"])?;
    for c in &data.classes {
        w.write_record([
            c.id.to_string(),
            c.year_id.to_string(),
            c.name.clone(),
            c.grade.to_string(),
        ])?;
    }
    w.flush()?;
    written.push(("classes.csv", data.classes.len()));

    let mut w = writer(dir, "subjects.csv", &["subject_id", "name"])?;
    for s in &data.subjects {
        w.write_record([s.id.to_string(), s.name.clone()])?;
    }
    w.flush()?;
    written.push(("subjects.csv", data.subjects.len()));

    let mut w = writer(
        dir,
        "term_marks.csv",
        &["class_id", "subject_id", "period_id", "kind", "pupil_id", "value"],
    )?;
    let term_marks = analytics_data::term_mark_rows(db, school).await?;
    for t in &term_marks {
        w.write_record([
            t.class_id.to_string(),
            t.subject_id.to_string(),
            t.period_key.to_string(),
            t.kind.clone(),
            t.pupil_id.to_string(),
            t.value.clone(),
        ])?;
    }
    w.flush()?;
    written.push(("term_marks.csv", term_marks.len()));

    let mut w = writer(
        dir,
        "current_marks.csv",
        &[
            "lesson_id",
            "class_id",
            "subject_id",
            "period_id",
            "pupil_id",
            "mark",
            "work_type",
            "weight",
        ],
    )?;
    let mut n = 0;
    for c in &analytics_data::cells(db, school).await? {
        for m in parse_cell_marks(&c.marks).unwrap_or_default() {
            w.write_record([
                c.lesson_id.to_string(),
                c.class_id.to_string(),
                c.subject_id.to_string(),
                c.period_id.to_string(),
                c.pupil_id.to_string(),
                m.value().to_string(),
                c.work_type.clone(),
                c.weight.to_string(),
            ])?;
            n += 1;
        }
    }
    w.flush()?;
    written.push(("current_marks.csv", n));

    let mut w = writer(
        dir,
        "procedures.csv",
        &["procedure_id", "kind", "exam_year", "grade", "subject_id", "title"],
    )?;
    for p in &data.procedures {
        w.write_record([
            p.id.to_string(),
            p.kind.clone(),
            p.exam_year.to_string(),
            p.grade.to_string(),
            p.subject_id.to_string(),
            p.title.clone(),
        ])?;
    }
    w.flush()?;
    written.push(("procedures.csv", data.procedures.len()));

    let mut w = writer(
        dir,
        "tasks.csv",
        &["procedure_id", "task_id", "ordinal", "code", "max_score", "level"],
    )?;
    for t in &data.tasks {
        w.write_record([
            t.procedure_id.to_string(),
            t.id.to_string(),
            t.ordinal.to_string(),
            t.code.clone(),
            t.max_score.to_string(),
            t.level.clone(),
        ])?;
    }
    w.flush()?;
    written.push(("tasks.csv", data.tasks.len()));

    let mut w = writer(dir, "task_skills.csv", &["task_id", "skill"])?;
    for s in &data.skills {
        w.write_record([s.task_id.to_string(), s.skill().to_string()])?;
    }
    w.flush()?;
    written.push(("task_skills.csv", data.skills.len()));

    let mut w = writer(
        dir,
        "results.csv",
        &[
            "procedure_id",
            "result_id",
            "participant_code",
            "pupil_id",
            "class_name",
            "primary_score",
            "mark",
            "journal_mark",
        ],
    )?;
    for r in &data.results {
        w.write_record([
            r.procedure_id.to_string(),
            r.id.to_string(),
            r.participant_code.clone(),
            uuid_or_empty(r.pupil_id),
            r.class_name.clone(),
            opt(r.primary_score),
            opt(r.mark),
            opt(r.journal_mark),
        ])?;
    }
    w.flush()?;
    written.push(("results.csv", data.results.len()));

    let mut w = writer(dir, "task_scores.csv", &["result_id", "task_id", "score"])?;
    let scores = analytics_data::scores(db, school).await?;
    for s in &scores {
        w.write_record([s.result_id.to_string(), s.task_id.to_string(), opt(s.score)])?;
    }
    w.flush()?;
    written.push(("task_scores.csv", scores.len()));

    let mut w = writer(
        dir,
        "va_pairs.csv",
        &["prior_id", "current_id", "pupil_id", "class_name", "prior", "current"],
    )?;
    for v in &data.va_pairs {
        w.write_record([
            v.prior_id.to_string(),
            v.current_id.to_string(),
            v.pupil_id.to_string(),
            v.class_name.clone(),
            v.prior.to_string(),
            v.current.to_string(),
        ])?;
    }
    w.flush()?;
    written.push(("va_pairs.csv", data.va_pairs.len()));

    let mut w = writer(dir, "school.csv", &["school_id", "pupils"])?;
    w.write_record([school.to_string(), data.pupils.to_string()])?;
    w.flush()?;
    written.push(("school.csv", 1));
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use vsoko_store::analytics_data::{ProcedureRow, ResultRow, ResultScores, ScoreRow, TaskRow};

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    /// One procedure with tasks `a` and `b` and one result scoring 1 and 2 points.
    fn data(ordinals: (i64, i64)) -> SchoolData {
        let task = |n, ordinal, code: &str| TaskRow {
            id: id(n),
            procedure_id: id(1),
            ordinal,
            code: code.into(),
            max_score: 2,
            level: "Б".into(),
        };
        SchoolData {
            procedures: vec![ProcedureRow {
                id: id(1),
                kind: "school".into(),
                exam_year: 2026,
                grade: 5,
                subject_id: id(9),
                title: "КР".into(),
            }],
            tasks: vec![task(11, ordinals.0, "a"), task(12, ordinals.1, "b")],
            results: vec![ResultRow {
                id: id(21),
                procedure_id: id(1),
                participant_code: "1".into(),
                pupil_id: None,
                class_name: "5А".into(),
                primary_score: Some(3),
                mark: Some(4),
                journal_mark: None,
            }],
            scores: vec![ResultScores {
                result_id: id(21),
                n: 2,
                scores: format!("{}:1,{}:2", ordinals.0, ordinals.1),
            }],
            ..SchoolData::default()
        }
    }

    #[test]
    fn scores_reach_their_tasks_by_ordinal() {
        let input = input_of(&data((0, 1)));
        assert_eq!(input.procedures[0].input.pupils[0].scores, vec![1.0, 2.0]);
    }

    #[test]
    fn with_a_repeated_ordinal_the_rows_by_task_are_used() {
        let mut d = data((0, 0));
        d.score_rows = vec![
            ScoreRow {
                result_id: id(21),
                task_id: id(11),
                score: Some(1),
            },
            ScoreRow {
                result_id: id(21),
                task_id: id(12),
                score: None,
            },
        ];
        let input = input_of(&d);
        assert_eq!(input.procedures[0].input.pupils[0].scores, vec![1.0, 0.0]);
    }
}
