//! `vsoko demo files --out DIR`: the demo school's external assessment files, written the
//! way a school receives them, for the importers and for people trying vsoko out:
//! - `vpr-2026-<subject>-<grade>.xlsx`: ФИС ОКО "Индивидуальные результаты" of each ВПР;
//! - `oge-<year>-math-9-trial.csv`: the РЦОИ protocol of the grade-9 ОГЭ trial;
//! - `participant-codes.csv`: the school's list of participant codes (code → pupil).

use anyhow::Context;
use std::path::Path;
use vsoko_domain::demo::assessment::{
    DemoAssessments, DemoWork, WorkKind, full_answers, generate_assessments, short_answers,
};
use vsoko_domain::demo::{DemoSchool, generate};
use vsoko_domain::schedule::ru_date;
use vsoko_reports::assessment::{FisOkoRow, FisOkoSheet, FisOkoTask, RcoiRow, fis_oko_xlsx, rcoi_csv};

/// Year of the demo ВПР campaign.
const VPR_YEAR: i32 = 2026;

/// Writes every file into `out` (created when missing); returns the file names written.
pub fn write_all(out: &Path) -> anyhow::Result<Vec<String>> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let school = generate();
    let data = generate_assessments(&school, VPR_YEAR);
    let mut written = Vec::new();
    for w in &data.works {
        let (name, bytes) = match w.kind {
            WorkKind::Vpr => (
                format!("vpr-{}-{}-{}.xlsx", w.year, slug(&w.subject), w.grade),
                fis_oko_xlsx(&fis_oko(&data, w)).context("building a ФИС ОКО workbook")?,
            ),
            WorkKind::OgeTrial => (
                format!("oge-{}-{}-{}-trial.csv", w.year, slug(&w.subject), w.grade),
                rcoi_csv(&rcoi(&data, &school, w)),
            ),
        };
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

fn fis_oko(data: &DemoAssessments, w: &DemoWork) -> FisOkoSheet {
    FisOkoSheet {
        title: w.title(),
        subject: w.subject.clone(),
        date: ru_date(w.date),
        school_login: data.school_login.clone(),
        municipality: data.municipality_name.clone(),
        school_name: data.school_name.clone(),
        tasks: w
            .tasks
            .iter()
            .map(|t| FisOkoTask {
                code: t.code.clone(),
                max: t.max,
                level: t.level.letter().to_string(),
            })
            .collect(),
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
