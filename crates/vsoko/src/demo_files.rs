//! `vsoko demo files --out DIR`: the demo school's external assessment files, written the
//! way a school receives them, for the importers and for people trying vsoko out:
//! - `vpr-2026-<subject>-<grade>.xlsx`: ФИС ОКО "Индивидуальные результаты" of each ВПР;
//! - `vpr-2025-<rus|math>-<grade>.xlsx`: the same for the ВПР of the spring before in Russian
//!   and mathematics (another cohort of each parallel; no participant-code list);
//! - `oge-<year>-math-9-trial.csv`: the РЦОИ protocol of the grade-9 ОГЭ trial;
//! - `kr-<date>-math-<grade>.csv`: the administrative control work in mathematics of the
//!   first quarter in grades 5–8, in the generic layout (pupil codes, no participant codes);
//! - `participant-codes.csv`: the school's list of participant codes (code → pupil).

use anyhow::Context;
use std::path::Path;
use vsoko_domain::demo::assessment::earlier::earlier_vpr;
use vsoko_domain::demo::assessment::{
    DemoAssessments, DemoWork, WorkKind, full_answers, generate_assessments, short_answers,
};
use vsoko_domain::demo::{DemoSchool, generate};
use vsoko_domain::schedule::ru_date;
use vsoko_reports::assessment::{
    FisOkoRow, FisOkoSheet, FisOkoTask, GenericRow, RcoiRow, fis_oko_xlsx, generic_csv, rcoi_csv,
};

/// Year of the demo ВПР campaign.
const VPR_YEAR: i32 = 2026;

/// Year of the campaign before, for the comparison with the same work a year earlier.
const EARLIER_VPR_YEAR: i32 = VPR_YEAR - 1;

/// Writes every file into `out` (created when missing); returns the file names written.
pub fn write_all(out: &Path) -> anyhow::Result<Vec<String>> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let school = generate();
    let data = generate_assessments(&school, VPR_YEAR);
    let earlier = earlier_vpr(&school, EARLIER_VPR_YEAR);
    let mut written = Vec::new();
    for w in data.works.iter().chain(&earlier) {
        let (name, bytes) = file_of(&data, &school, w)?;
        let path = out.join(&name);
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
        written.push(name);
    }
    let name = "participant-codes.csv".to_string();
    let path = out.join(&name);
    std::fs::write(&path, codes_csv(&data, &school)).with_context(|| format!("writing {}", path.display()))?;
    written.push(name);
    Ok(written)
}

/// A short latin name for a subject in file names.
fn slug(subject: &str) -> &'static str {
    match subject {
        "Русский язык" => "rus",
        "Математика" => "math",
        "Окружающий мир" => "world",
        "История" => "hist",
        _ => "subject",
    }
}

/// The file of a work as the school receives it: its name and bytes.
fn file_of(data: &DemoAssessments, school: &DemoSchool, w: &DemoWork) -> anyhow::Result<(String, Vec<u8>)> {
    let subject = slug(&w.subject);
    Ok(match w.kind {
        WorkKind::Vpr => (
            format!("vpr-{}-{subject}-{}.xlsx", w.year, w.grade),
            fis_oko_xlsx(&fis_oko(data, w)).context("building a ФИС ОКО workbook")?,
        ),
        WorkKind::OgeTrial => (
            format!("oge-{}-{subject}-{}-trial.csv", w.year, w.grade),
            rcoi_csv(&rcoi(data, school, w)),
        ),
        WorkKind::ControlWork => (
            format!("kr-{}-{subject}-{}.csv", w.date, w.grade),
            generic_csv(&task_columns(w), &control_rows(w)),
        ),
    })
}

fn task_columns(w: &DemoWork) -> Vec<FisOkoTask> {
    w.tasks
        .iter()
        .map(|t| FisOkoTask {
            code: t.code.clone(),
            max: t.max,
            level: t.level.letter().to_string(),
        })
        .collect()
}

fn control_rows(w: &DemoWork) -> Vec<GenericRow> {
    w.results
        .iter()
        .map(|r| GenericRow {
            pupil_code: r.pupil_code.clone(),
            class: r.class.to_string(),
            variant: r.variant,
            scores: r.scores.clone(),
            primary: r.primary,
            mark: r.mark,
        })
        .collect()
}

fn fis_oko(data: &DemoAssessments, w: &DemoWork) -> FisOkoSheet {
    FisOkoSheet {
        title: w.title(),
        subject: w.subject.clone(),
        date: ru_date(w.date),
        school_login: data.school_login.clone(),
        municipality: data.municipality_name.clone(),
        school_name: data.school_name.clone(),
        tasks: task_columns(w),
        rows: w
            .results
            .iter()
            .map(|r| FisOkoRow {
                participant_code: r.participant_code.clone(),
                class: r.class.to_string(),
                variant: r.variant,
                scores: r.scores.clone(),
                primary: r.primary,
                mark: r.mark,
                journal_mark: r.journal_mark,
            })
            .collect(),
    }
}

fn rcoi(data: &DemoAssessments, school: &DemoSchool, w: &DemoWork) -> Vec<RcoiRow> {
    w.results
        .iter()
        .map(|r| {
            let pupil = school.roster.pupils.iter().find(|p| p.code == r.pupil_code);
            RcoiRow {
                municipality_code: data.municipality_code.clone(),
                school_code: data.school_code.clone(),
                class: r.class.to_string(),
                ppe_code: format!("{}01", data.municipality_code),
                room: format!(
                    "{:04}",
                    r.class
                        .letter
                        .chars()
                        .next()
                        .map_or(1, |c| if c == 'А' { 1 } else { 2 })
                ),
                last_name: pupil.map(|p| p.last_name.clone()).unwrap_or_default(),
                first_name: pupil.map(|p| p.first_name.clone()).unwrap_or_default(),
                middle_name: pupil.and_then(|p| p.middle_name.clone()).unwrap_or_default(),
                variant: r.variant.to_string(),
                short_answers: short_answers(w, r),
                full_answers: full_answers(w, r),
                primary: r.primary,
                score: i64::from(r.mark),
            }
        })
        .collect()
}

/// "Код участника;Класс;Код обучающегося;Фамилия;Имя;Отчество", UTF-8 with BOM, `;`.
fn codes_csv(data: &DemoAssessments, school: &DemoSchool) -> Vec<u8> {
    let mut out = String::from("\u{FEFF}Код участника;Класс;Код обучающегося;Фамилия;Имя;Отчество\r\n");
    for p in &data.participants {
        let pupil = school.roster.pupils.iter().find(|x| x.code == p.pupil_code);
        out.push_str(&format!(
            "{};{};{};{};{};{}\r\n",
            p.code,
            p.class,
            p.pupil_code,
            pupil.map(|x| x.last_name.as_str()).unwrap_or_default(),
            pupil.map(|x| x.first_name.as_str()).unwrap_or_default(),
            pupil.and_then(|x| x.middle_name.as_deref()).unwrap_or_default(),
        ));
    }
    out.into_bytes()
}

/// The conversion table of a demo work in the reference-file format
/// (`data/reference/assessments/*.conversion.csv`); the made-up scales say "demo" in their
/// provenance. The condition of a scale (a least sum over one section's tasks) holds for
/// every mark above 2, falling back to 2.
pub fn conversion_csv(w: &DemoWork) -> (String, String) {
    let kind = match w.kind {
        WorkKind::Vpr => "vpr",
        WorkKind::OgeTrial => "oge",
        WorkKind::ControlWork => "school",
    };
    let name = format!("{kind}-{}-{}-{}.conversion.csv", w.year, slug(&w.subject), w.grade);
    let max = w.max_primary();
    let condition = w.scale.condition.map(|(section, least)| {
        let tasks: Vec<&str> = w
            .tasks
            .iter()
            .filter(|t| t.section == section)
            .map(|t| t.code.as_str())
            .collect();
        format!("{}>={least}", tasks.join("+"))
    });
    let [three, four, five] = w.scale.mins;
    let mut text = format!(
        "# {} (demo school)\n# source: {}; year: {}\n# link: https://example.invalid/vsoko-demo\n# kind: {kind}\n# year: {}\n# subject: {}\n# grade: {}\n# output: mark\n# max_primary: {max}\n# columns: mark;min;max;conditions;fallback\n",
        w.title(),
        w.scale.source,
        w.year,
        w.year,
        slug(&w.subject),
        w.grade
    );
    text.push_str(&format!("2;0;{};;\n", three - 1));
    for (mark, (lo, hi)) in [(3, (three, four - 1)), (4, (four, five - 1)), (5, (five, max))] {
        match &condition {
            Some(c) => text.push_str(&format!("{mark};{lo};{hi};{c};2\n")),
            None => text.push_str(&format!("{mark};{lo};{hi};;\n")),
        }
    }
    (name, text)
}

/// What the demo import did.
#[derive(Debug, Default)]
pub struct Imported {
    /// Files applied.
    pub files: usize,
    /// Results written.
    pub results: usize,
    /// Results linked to pupils (at import, or afterwards through the participant-code list).
    pub linked: u64,
}

/// Imports the demo's ВПР (both springs), ОГЭ-trial and control-work files into the demo school through the
/// same parsers and apply as `vsoko import assessment`, after loading the conversion tables
/// and the participant-code list, so the importers run end to end on every demo build.
pub async fn import_all(db: &vsoko_store::Db, school_id: uuid::Uuid, today: time::Date) -> anyhow::Result<Imported> {
    use vsoko_domain::assessment::ProcedureKind;
    use vsoko_import::assessment::{Expect, parse_generic, parse_gia, parse_vpr};
    use vsoko_store::Actor;
    use vsoko_store::assessment::{apply, codes, conversions};

    let school = generate();
    let data = generate_assessments(&school, VPR_YEAR);
    let actor = Actor::system("vsoko demo");
    let mut done = Imported::default();
    for w in &data.works {
        let (cname, ctext) = conversion_csv(w);
        conversions::upload(db, &actor, school_id, &cname, &ctext)
            .await
            .with_context(|| format!("demo conversion table {cname}"))?;
        let (name, bytes) = file_of(&data, &school, w)?;
        let expect = |kind| Expect {
            kind: Some(kind),
            subject: Some(slug(&w.subject).to_string()),
            grade: Some(w.grade),
            year: Some(w.year),
            date: Some(w.date),
            title: Some(w.title()),
        };
        let parsed = match w.kind {
            WorkKind::Vpr => parse_vpr(&name, &bytes, &Expect::default()),
            WorkKind::OgeTrial => parse_gia(&name, &bytes, &expect(ProcedureKind::Oge)),
            WorkKind::ControlWork => parse_generic(&name, &bytes, &expect(ProcedureKind::SchoolControl)),
        };
        let parsed = parsed.map_err(|errors| {
            anyhow::anyhow!("demo file {name}: {} errors, first: {:?}", errors.len(), errors.first())
        })?;
        let year = parsed.header.year;
        let report = apply(db, &actor, school_id, parsed, today, false, None).await?;
        if !report.errors.is_empty() {
            bail_errors(&name, &report)?;
        }
        done.files += 1;
        done.results += report.results.created;
        done.linked += report.linked as u64;
        if w.kind == WorkKind::ControlWork {
            continue; // linked by the pupil codes of the file
        }
        // The school's participant-code list links the results to pupils.
        let links: Vec<(String, String)> = w
            .results
            .iter()
            .map(|r| (r.participant_code.clone(), r.pupil_code.clone()))
            .collect();
        let a = actor.clone();
        done.linked += db
            .write(move |tx| {
                Box::pin(async move {
                    let mut linked = 0;
                    for (code, pupil_code) in links {
                        if let Some(pupil) = vsoko_store::people::pupils::id_by_code(tx, school_id, &pupil_code).await?
                        {
                            linked += codes::set(tx, &a, school_id, year, &code, pupil).await?;
                        }
                    }
                    Ok(linked)
                })
            })
            .await?;
    }
    // The spring before: the same importer, no participant-code list (rows stay unlinked;
    // their classes of 2024/25 are not in the demo, so they keep the class name of the file).
    for w in &earlier_vpr(&school, EARLIER_VPR_YEAR) {
        let (cname, ctext) = conversion_csv(w);
        conversions::upload(db, &actor, school_id, &cname, &ctext)
            .await
            .with_context(|| format!("demo conversion table {cname}"))?;
        let (name, bytes) = file_of(&data, &school, w)?;
        let parsed = parse_vpr(&name, &bytes, &Expect::default()).map_err(|errors| {
            anyhow::anyhow!("demo file {name}: {} errors, first: {:?}", errors.len(), errors.first())
        })?;
        let report = apply(db, &actor, school_id, parsed, today, false, None).await?;
        if !report.errors.is_empty() {
            bail_errors(&name, &report)?;
        }
        done.files += 1;
        done.results += report.results.created;
    }
    Ok(done)
}

fn bail_errors(name: &str, report: &vsoko_store::assessment::AssessmentReport) -> anyhow::Result<()> {
    anyhow::bail!(
        "demo file {name}: {} errors, first: {:?}",
        report.errors.len(),
        report.errors.first()
    )
}

/// Imports the ВПР of the other schools of the demo region
/// ([`vsoko_domain::demo::assessment::peers`]): the two other schools of the demo
/// municipality, and a second municipality with two schools created for it, so the demo
/// school is compared with a municipality and a region that differ. Unlinked participant
/// rows, marks from the same (uploaded) conversion tables. Returns the results written.
pub async fn import_peers(
    db: &vsoko_store::Db,
    ids: &vsoko_store::demo::DemoIds,
    today: time::Date,
) -> anyhow::Result<usize> {
    use vsoko_domain::assessment::{AssessmentFile, Level, ProcedureHeader, ProcedureKind, ResultRow, TaskSpec};
    use vsoko_domain::demo::assessment::peers::{SECOND_MUNICIPALITY, peer_assessments};
    use vsoko_domain::roster::Origin;
    use vsoko_store::Actor;
    use vsoko_store::assessment::{apply, conversions};

    let school = generate();
    let data = generate_assessments(&school, VPR_YEAR);
    let peers = peer_assessments(&data);
    let actor = Actor::system("vsoko demo");
    let far: Vec<String> = peers
        .iter()
        .filter(|p| !p.same_municipality)
        .map(|p| p.name.clone())
        .collect();
    let far_ids = vsoko_store::demo::add_schools(db, ids.region_id, SECOND_MUNICIPALITY, &far).await?;
    let mut near_ids = ids.other_school_ids.iter();
    let mut far_ids = far_ids.iter();
    let mut written = 0;
    for p in &peers {
        let id = if p.same_municipality {
            near_ids.next()
        } else {
            far_ids.next()
        };
        let Some(&school_id) = id else { continue };
        for w in &p.works {
            let (cname, ctext) = conversion_csv(w);
            conversions::upload(db, &actor, school_id, &cname, &ctext)
                .await
                .with_context(|| format!("demo conversion table {cname}"))?;
            let file = AssessmentFile {
                header: ProcedureHeader {
                    kind: ProcedureKind::Vpr,
                    year: w.year,
                    subject: w.subject.clone(),
                    grade: w.grade,
                    date: Some(w.date),
                    title: w.title(),
                    max_primary: u32::try_from(w.max_primary()).ok(),
                },
                tasks: w
                    .tasks
                    .iter()
                    .map(|t| TaskSpec {
                        code: t.code.clone(),
                        max_score: u32::from(t.max),
                        level: Level::parse(t.level.letter()),
                        skills: Vec::new(),
                    })
                    .collect(),
                results: w
                    .results
                    .iter()
                    .enumerate()
                    .map(|(i, r)| ResultRow {
                        origin: Origin {
                            sheet: "demo".into(),
                            row: i + 1,
                        },
                        participant_code: r.participant_code.clone(),
                        pupil_code: None,
                        full_name: None,
                        class: r.class.clone(),
                        variant: r.variant.to_string(),
                        scores: r.scores.iter().map(|s| s.map(u32::from)).collect(),
                        primary: u32::try_from(r.primary).ok(),
                        file_mark: Some(r.mark),
                        file_test_score: None,
                        journal_mark: None,
                    })
                    .collect(),
            };
            let report = apply(db, &actor, school_id, file, today, false, None).await?;
            if !report.errors.is_empty() {
                bail_errors(&format!("{} {}", p.name, w.title()), &report)?;
            }
            written += report.results.created;
        }
    }
    Ok(written)
}
