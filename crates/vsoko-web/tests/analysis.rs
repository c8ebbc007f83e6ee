//! The analysis page of an assessment procedure on both backends: every figure equals the
//! analytics engine's on the same results (the engine itself is pinned to external oracles),
//! the lenient class is flagged, the weak task of a class is a deficit, a small class says
//! so, and only staff in scope see it.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

mod common;

use axum::http::StatusCode;
use common::*;
use time::macros::date;
use vsoko_domain::analytics::assessment::{AssessmentInput, PupilScores, analyse};
use vsoko_domain::analytics::items::{Level, TaskSpec as SpecA, Thresholds};
use vsoko_domain::assessment::AssessmentFile;
use vsoko_store::Actor;
use vsoko_store::assessment;

/// ВПР 2026 Russian, grade 4: 12 tasks, maximum 24 (the shipped reference table).
const MAXIMA: [u32; 12] = VPR_RUS4_MAXIMA;

/// Scores of a pupil of a given strength 0..=10; in 4Б task 9 is never solved.
fn scores(class: &str, strength: u32) -> Vec<Option<u32>> {
    MAXIMA
        .iter()
        .enumerate()
        .map(|(j, &m)| {
            if class == "4Б" && j == 8 {
                return Some(0);
            }
            Some((m * strength + (j as u32 % 3)) / 10).map(|s| s.min(m))
        })
        .collect()
}

/// 4А: 12 pupils whose journal marks are all "5" (lenient); 4Б: 12 pupils, journal marks
/// equal to a middling 4; 4В: 5 pupils.
fn rows() -> Vec<(String, Vec<Option<u32>>, u8)> {
    let mut out = Vec::new();
    for i in 0..12u32 {
        out.push(("4А".to_string(), scores("4А", 3 + i % 6), 5));
        out.push(("4Б".to_string(), scores("4Б", 4 + i % 7), 4));
    }
    for i in 0..5u32 {
        out.push(("4В".to_string(), scores("4В", 5 + i), 4));
    }
    out
}

fn file() -> AssessmentFile {
    let rows = rows()
        .into_iter()
        .map(|(class, scores, journal)| (class, scores, Some(journal)))
        .collect();
    vpr_rus4_file(date!(2026 - 04 - 15), 10001, 10, rows)
}

#[tokio::test]
async fn procedure_analysis_matches_the_engine_and_flags_what_a_deputy_needs() {
    for app in demo_apps().await {
        let school = app.ids.school_id;
        let report = assessment::apply(
            &app.t.db,
            &Actor::system("test"),
            school,
            file(),
            date!(2026 - 11 - 26),
            false,
            None,
        )
        .await
        .unwrap();
        assert!(report.errors.is_empty() && report.applied, "{:?}", report.errors);
        let deputy = app.login("deputy").await;
        let id = vsoko_store::assessment::read::procedures(&app.t.db, &viewer(&app, "deputy").await, None)
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.grade == 4)
            .unwrap()
            .id;

        // The results hub lists it.
        let hub = app.get(Some(&deputy), "/results").await;
        assert!(
            hub.body.contains(&format!("/assessments/{id}/analysis")),
            "{}",
            hub.body
        );

        let page = app.get(Some(&deputy), &format!("/assessments/{id}/analysis")).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let body = &page.body;

        // The same figures from the engine on the stored results (marks from the table).
        let stored = vsoko_store::assessment::read::results(&app.t.db, &viewer(&app, "deputy").await, id)
            .await
            .unwrap();
        let input = AssessmentInput {
            tasks: MAXIMA
                .iter()
                .enumerate()
                .map(|(i, &m)| SpecA {
                    code: (i + 1).to_string(),
                    max_score: f64::from(m),
                    level: Level::Basic,
                    skills: Vec::new(),
                })
                .collect(),
            pupils: stored
                .iter()
                .map(|r| PupilScores {
                    pupil: r.participant_code.clone(),
                    class: r.class_name.clone(),
                    scores: r.scores.iter().map(|s| s.unwrap_or(0) as f64).collect(),
                    mark: r.mark.map(|m| m as u8),
                    journal_mark: r.journal_mark.map(|m| m as u8),
                })
                .collect(),
        };
        let expected = analyse(&input, &Thresholds::default());
        assert_eq!(expected.n, 29);
        for t in &expected.tasks {
            let marker = format!("data-task=\"{}\"", t.task);
            let shown: f64 = attr(body, &marker, "data-completion").unwrap().parse().unwrap();
            assert!((shown - t.completion.unwrap()).abs() < 1e-6, "task {}", t.task);
        }

        // 4А: journal marks above the test marks → flagged; 4В has too few pairs.
        assert_eq!(attr(body, "data-flag=\"true\"", "data-label").unwrap(), "4А", "{body}");
        let lenient = expected.classes.iter().find(|c| c.class == "4А").unwrap();
        assert!(lenient.flag_lenient);
        assert!(body.contains("возможно завышение отметок"));
        assert!(body.contains("data-label=\"4В\" data-n=\"5\""));

        // 4Б: task 9 is a deficit in that class.
        let weak = app
            .get(Some(&deputy), &format!("/assessments/{id}/analysis?class=4Б"))
            .await
            .body;
        assert_eq!(attr(&weak, "data-task=\"9\"", "data-status").unwrap(), "deficit");
        assert_eq!(attr(&weak, "data-task=\"9\"", "data-completion").unwrap(), "0.000000");
        // A small class is said to be small.
        let small = app
            .get(Some(&deputy), &format!("/assessments/{id}/analysis?class=4В"))
            .await
            .body;
        assert!(small.contains("id=\"small-warning\""));
        // Charts are drawn on the server: histogram with boundaries from the conversion table.
        assert!(body.matches("<svg").count() >= 3);

        // Scope: not for pupils, parents or the municipality; unknown class → 404.
        for login in ["pupil", "parent", "municipal"] {
            let s = app.login(login).await;
            let r = app.get(Some(&s), &format!("/assessments/{id}/analysis")).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{login}");
        }
        let r = app
            .get(Some(&deputy), &format!("/assessments/{id}/analysis?class=9Я"))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
}

async fn viewer(app: &App, login: &str) -> vsoko_store::Viewer {
    let uid = vsoko_store::accounts::user_id(&app.t.db, login).await.unwrap().unwrap();
    vsoko_store::scope::load_viewer(&app.t.db, uid, uuid::Uuid::nil())
        .await
        .unwrap()
        .unwrap()
}

/// The results page's overview (lenient class, problem zone) and the XLSX export of the
/// analysis tables, with the page's numbers.
#[tokio::test]
async fn overview_and_exports_show_what_the_analysis_shows() {
    use calamine::Data;
    for app in demo_apps().await {
        let school = app.ids.school_id;
        let report = assessment::apply(
            &app.t.db,
            &Actor::system("test"),
            school,
            file(),
            date!(2026 - 11 - 26),
            false,
            None,
        )
        .await
        .unwrap();
        assert!(report.applied, "{:?}", report.errors);
        let deputy = app.login("deputy").await;
        let id = vsoko_store::assessment::read::procedures(&app.t.db, &viewer(&app, "deputy").await, None)
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.grade == 4)
            .unwrap()
            .id;

        // The overview: 4А signalled, 4Б's task 9 (its skill) a problem zone, 4В (5 pupils)
        // not searched.
        let page = app.get(Some(&deputy), "/results").await.body;
        let glance = &page[page.find("id=\"glance\"").unwrap()..];
        let lenient =
            &glance[glance.find("id=\"signals-lenient\"").unwrap()..glance.find("id=\"signals-deficits\"").unwrap()];
        assert!(lenient.contains("data-class=\"4А\""), "{lenient}");
        // 4В has too few pairs to be judged.
        assert!(!lenient.contains("data-class=\"4В\""));
        let deficits =
            &glance[glance.find("id=\"signals-deficits\"").unwrap()..glance.find("id=\"signals-va\"").unwrap()];
        assert!(deficits.contains("data-class=\"4Б\""), "{deficits}");
        // Task 9 checks one skill of the shipped task table, reported by its text.
        assert!(
            deficits.contains("Имя существительное: распознавание в предложении и грамматические признаки (0 %"),
            "{deficits}"
        );
        assert!(!deficits.contains("data-class=\"4В\""));
        assert!(deficits.contains(&format!("/assessments/{id}/analysis?class=4%D0%91")));
        // Without linked pairs the value-added block says so.
        assert!(glance.contains("Нет пар работ для расчёта"));
        // The workbook of /results carries the same overview, numbers as numbers.
        let wb = app.get(Some(&deputy), "/results.xlsx").await;
        assert_eq!(wb.status, StatusCode::OK);
        let cells = xlsx_rows(&wb.bytes);
        let title = |t: &str| {
            cells
                .iter()
                .position(|r| r.first() == Some(&Data::String(t.into())))
                .unwrap_or_else(|| panic!("table {t} in {cells:?}"))
        };
        let lenient_at = title("Сигналы необъективности");
        let row = &cells[lenient_at + 2];
        assert_eq!(row[1], Data::String("4А".into()), "{row:?}");
        // 12 pupils of 4А, each with a journal mark: 12 pairs.
        assert_eq!(xlsx_float(&row[2]), 12.0);
        assert!(
            xlsx_float(&row[3]) > xlsx_float(&row[4]),
            "lowered above raised: {row:?}"
        );
        let deficits_at = title("Проблемные зоны (дефицитные умения, классы от 10 учеников)");
        let nine = cells[deficits_at + 2..]
            .iter()
            .take_while(|r| r.first().is_some_and(|c| *c != Data::Empty))
            .find(|r| {
                r[1] == Data::String("4Б".into())
                    && r[3]
                        == Data::String(
                            "Имя существительное: распознавание в предложении и грамматические признаки".into(),
                        )
            })
            .expect("4Б's deficit of task 9's skill");
        assert_eq!((xlsx_float(&nine[2]), xlsx_float(&nine[4])), (12.0, 0.0));
        assert!(xlsx_float(&nine[6]) > 0.0 && xlsx_float(&nine[6]) < 0.3, "{nine:?}");
        assert!(
            cells
                .iter()
                .any(|r| matches!(r.first(), Some(Data::String(s)) if s.starts_with("Нет пар работ для расчёта")))
        );
        // n is labelled honestly.
        assert!(page.contains("n — число отметок"), "{page}");

        // The analysis export: task completion of 4Б equals the page's.
        let weak = app
            .get(Some(&deputy), &format!("/assessments/{id}/analysis?class=4Б"))
            .await
            .body;
        assert!(weak.contains(&format!("/assessments/{id}/analysis.xlsx?class=4%D0%91")));
        let x = app
            .get(Some(&deputy), &format!("/assessments/{id}/analysis.xlsx?class=4%D0%91"))
            .await;
        assert_eq!(x.status, StatusCode::OK);
        let rows = xlsx_rows(&x.bytes);
        let tasks_title = rows
            .iter()
            .position(|r| r.first() == Some(&Data::String("Выполнение заданий: 4Б".into())))
            .unwrap();
        for r in rows[tasks_title + 2..].iter().take(MAXIMA.len()) {
            let Data::String(code) = &r[0] else { panic!("{r:?}") };
            let shown: f64 = attr(&weak, &format!("data-task=\"{code}\""), "data-completion")
                .unwrap()
                .parse()
                .unwrap();
            assert!((xlsx_float(&r[3]) - shown).abs() < 1e-6, "task {code}");
        }
        let nine = rows[tasks_title + 2..]
            .iter()
            .find(|r| r[0] == Data::String("9".into()))
            .unwrap();
        assert_eq!(nine[6], Data::String("дефицит".into()));
        // The lenient signal is in the objectivity table.
        assert!(rows.iter().any(|r| r.first() == Some(&Data::String("4А".into()))
            && r.iter().rev().find(|c| **c != Data::Empty)
                == Some(&Data::String("возможно завышение отметок".into()))));
        // Out of scope: not found.
        let parent = app.login("parent").await;
        let r = app
            .get(Some(&parent), &format!("/assessments/{id}/analysis.xlsx"))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
}
