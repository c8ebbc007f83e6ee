//! Assessment pages on both backends: the deputy uploads a ФИС ОКО file, sees the dry run
//! (which writes nothing, not even the conversion table sent with it), applies it, and a
//! second upload of the same file changes nothing; bad rows are named at their row and
//! column; the list of procedures and the procedure page are scoped per role; the diary
//! shows a pupil's own results only, with "not done" apart from 0.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

mod common;
mod journal_support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use journal_support::{TODAY, viewer};
use vsoko_domain::assessment::ProcedureKind;
use vsoko_domain::assessment::reference;
use vsoko_import::assessment::{Expect, parse_generic};
use vsoko_reports::assessment::{FisOkoRow, FisOkoSheet, FisOkoTask, fis_oko_xlsx};
use vsoko_store::Actor;
use vsoko_store::assessment::{apply_with_table, conversions, read};
use vsoko_store::people::pupils;
use vsoko_store::structure::{classes, years};

const BOUNDARY: &str = "vsoko-assessment-boundary";

/// ВПР Russian, grade 4: 12 tasks, maximum 24.
const MAXIMA: [u8; 12] = [2, 1, 2, 3, 2, 1, 1, 2, 3, 3, 1, 3];

/// The school's copy of the 2025 table (the demo ships only 2026 tables).
const TABLE_2025: &str = "# source: школьная копия таблицы\n# link: https://example.invalid\n# kind: vpr\n# year: 2025\n# subject: rus\n# grade: 4\n# output: mark\n# max_primary: 24\n2;0;9;;\n3;10;15;;\n4;16;20;;\n5;21;24;;\n";

/// A multipart part: a text field, or a file (name, file name, bytes).
enum Part<'a> {
    Text(&'a str, &'a str),
    File(&'a str, &'a str, &'a [u8]),
}

/// POSTs a multipart form as a browser does.
async fn post_multipart(app: &App, cookie: &str, path: &str, parts: &[Part<'_>]) -> Resp {
    let mut body = Vec::new();
    for part in parts {
        match part {
            Part::Text(name, value) => {
                body.extend_from_slice(
                    format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                        .as_bytes(),
                );
            }
            Part::File(name, file_name, bytes) => {
                body.extend_from_slice(
                    format!(
                        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    )
                    .as_bytes(),
                );
                body.extend_from_slice(bytes);
                body.extend_from_slice(b"\r\n");
            }
        }
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    let req = Request::post(path)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap();
    app.send(req).await
}

/// The hidden inputs of the preview's "Apply" form.
fn carry(body: &str) -> Vec<(String, String)> {
    let form = &body[body.find("id=\"apply-form\"").expect("apply form")..];
    let form = &form[..form.find("</form>").unwrap()];
    form.split("<input type=\"hidden\" ")
        .skip(1)
        .map(|tag| {
            let value = |key: &str| {
                let from = tag.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
                tag[from..from + tag[from..].find('"').unwrap()].to_string()
            };
            (
                value("name"),
                value("value").replace("&#10;", "\n").replace("&#x0A;", "\n"),
            )
        })
        .collect()
}

/// A ФИС ОКО file of ВПР 2025 Russian, grade 4: 6 pupils in 4А, 6 in 4Б; `bad` puts a score
/// above the maximum into the third participant's task 4.
fn fis_oko(bad: bool) -> Vec<u8> {
    let rows = (0..12u8)
        .map(|i| {
            let scores: Vec<Option<u8>> = MAXIMA
                .iter()
                .enumerate()
                .map(|(j, &m)| {
                    if j == 9 && i % 4 == 0 {
                        None
                    } else {
                        Some((m * (i % 5 + 1)) / 5)
                    }
                })
                .collect();
            let mut scores = scores;
            if bad && i == 2 {
                scores[3] = Some(9);
            }
            let primary: i64 = scores.iter().flatten().map(|&s| i64::from(s)).sum();
            let mark = match primary {
                0..=9 => 2,
                10..=15 => 3,
                16..=20 => 4,
                _ => 5,
            };
            FisOkoRow {
                participant_code: format!("{}", 50001 + u32::from(i)),
                class: if i < 6 { "4А" } else { "4Б" }.to_string(),
                variant: 1 + i % 2,
                scores,
                primary,
                mark,
                journal_mark: Some(4),
            }
        })
        .collect();
    fis_oko_xlsx(&FisOkoSheet {
        title: "ВПР 2025 Русский язык 4 класс".into(),
        subject: "Русский язык".into(),
        date: "15.04.2025".into(),
        school_login: "edu000001".into(),
        municipality: "Город".into(),
        school_name: "Школа".into(),
        tasks: MAXIMA
            .iter()
            .enumerate()
            .map(|(i, &max)| FisOkoTask {
                code: (i + 1).to_string(),
                max,
                level: if i < 9 { "Б" } else { "П" }.into(),
            })
            .collect(),
        rows,
    })
    .unwrap()
}

/// A control work of every pupil of the grade's classes in the current year (3 tasks, the
/// pupils linked by their codes; the first pupil did not do task 2), with its own table.
async fn seed_work(app: &App, subject: &str, grade: i64, title: &str) {
    let db = &app.t.db;
    let dv = viewer(db, "deputy").await;
    let year = years::current(db, app.ids.school_id).await.unwrap().unwrap();
    let mut csv = String::from(";;Б;Б;П\nКод обучающегося;Класс;1 (1б);2 (2б);3 (3б)\n");
    let mut first = true;
    for class in classes::list_visible(db, &dv, year.id, "").await.unwrap() {
        if class.grade != grade {
            continue;
        }
        for (i, p) in pupils::list_visible(db, &dv, "", Some(class.id))
            .await
            .unwrap()
            .iter()
            .enumerate()
        {
            let second = if first { "X".to_string() } else { (i % 3).to_string() };
            first = false;
            csv.push_str(&format!("{};{};{};{second};{}\n", p.code, class.name, i % 2, i % 4));
        }
    }
    let expect = Expect {
        kind: Some(ProcedureKind::SchoolControl),
        subject: Some(subject.into()),
        grade: Some(grade),
        year: Some(2026),
        date: Some(TODAY),
        title: Some(title.into()),
    };
    let file = parse_generic("work.csv", csv.as_bytes(), &expect).unwrap();
    let table = format!(
        "# source: школьная шкала\n# link: https://example.invalid\n# kind: school\n# year: 2026\n# subject: {subject}\n# grade: {grade}\n# output: mark\n# max_primary: 6\n2;0;1;;\n3;2;3;;\n4;4;5;;\n5;6;6;;\n"
    );
    let table = reference::parse_conversion("work.conversion.csv", &table).unwrap();
    let report = apply_with_table(
        db,
        &Actor::system("test"),
        app.ids.school_id,
        Some(table),
        file,
        TODAY,
        false,
        None,
    )
    .await
    .unwrap();
    assert!(report.applied && report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.unlinked, 0);
}

fn has_2025_table(tables: &[conversions::StoredConversion]) -> bool {
    tables
        .iter()
        .any(|c| c.kind == "vpr" && c.exam_year == 2025 && c.subject_code == "rus" && c.grade == 4)
}

#[tokio::test]
async fn deputy_uploads_a_fis_oko_file_sees_the_dry_run_applies_it_once_and_sees_each_class_and_task() {
    for app in demo_apps().await {
        let (db, school) = (&app.t.db, app.ids.school_id);
        let deputy = app.login("deputy").await;
        let dv = viewer(db, "deputy").await;
        let before = read::procedures(db, &dv, None).await.unwrap().len();
        let file = fis_oko(false);

        // The page: the form with its fields, the format of the three layouts, in the nav.
        let page = app.get(Some(&deputy), "/assessments/import").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        for needle in [
            "name=\"layout\"",
            "name=\"conversion\"",
            "id=\"format-vpr\"",
            "id=\"format-gia\"",
            "id=\"format-generic\"",
            "href=\"/assessments/import\"",
            "data-progress=\"/assessments/import/progress\"",
        ] {
            assert!(page.body.contains(needle), "{needle}");
        }
        // The generic layout's template parses back.
        let t = app
            .get(Some(&deputy), "/assessments/import/templates/generic.csv")
            .await;
        assert_eq!(t.status, StatusCode::OK);
        let expect = Expect {
            subject: Some("math".into()),
            grade: Some(4),
            year: Some(2026),
            ..Expect::default()
        };
        assert_eq!(
            parse_generic("generic.csv", &t.bytes, &expect).unwrap().results.len(),
            2
        );
        let progress = app.get(Some(&deputy), "/assessments/import/progress").await;
        assert_eq!(progress.body, r#"{"done":0,"total":0}"#);

        // Without the school's table for 2025: the whole file is refused, nothing written.
        let r = post_multipart(
            &app,
            &deputy,
            "/assessments/import/preview",
            &[Part::File("file", "vpr_rus_4.xlsx", &file), Part::Text("layout", "vpr")],
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(
            r.body.contains("нет таблицы перевода баллов для vpr 2025"),
            "{}",
            r.body
        );
        assert!(!r.body.contains("apply-form"));

        // With the table: a dry run that counts 12 results and writes nothing (not the table either).
        let r = post_multipart(
            &app,
            &deputy,
            "/assessments/import/preview",
            &[
                Part::File("file", "vpr_rus_4.xlsx", &file),
                Part::Text("layout", "vpr"),
                Part::Text("procedure", "auto"),
                Part::File("conversion", "vpr-2025-rus-4.conversion.csv", TABLE_2025.as_bytes()),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(
            attr(&r.body, "data-kind=\"results\"", "data-created").as_deref(),
            Some("12")
        );
        assert_eq!(
            attr(&r.body, "data-kind=\"tasks\"", "data-created").as_deref(),
            Some("12")
        );
        assert!(r.body.contains("Строк участников в файле: 12"), "{}", r.body);
        assert_eq!(read::procedures(db, &dv, None).await.unwrap().len(), before);
        assert!(!has_2025_table(&conversions::list(db, school).await.unwrap()));

        // Apply the previewed file (the table travels with it).
        let fields = carry(&r.body);
        assert!(fields.iter().any(|(k, _)| k == "conversion"), "{fields:?}");
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let applied = app.post_form(Some(&deputy), "/assessments/import/apply", &pairs).await;
        assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
        assert!(applied.body.contains("id=\"counts\""));
        // Every change line is listed: the work, its tasks, the created results — no "and N more".
        assert!(applied.body.contains("задания: добавлено"), "{}", applied.body);
        assert!(!applied.body.contains("и ещё"), "{}", applied.body);
        assert!(has_2025_table(&conversions::list(db, school).await.unwrap()));
        let procs = read::procedures(db, &dv, None).await.unwrap();
        assert_eq!(procs.len(), before + 1);
        let p = procs.iter().find(|p| p.exam_year == 2025).unwrap();
        assert_eq!(p.results, 12);

        // The same file again changes nothing and offers no apply.
        let again = post_multipart(
            &app,
            &deputy,
            "/assessments/import/preview",
            &[Part::File("file", "vpr_rus_4.xlsx", &file), Part::Text("layout", "vpr")],
        )
        .await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
        assert!(again.body.contains("уже загружены"), "{}", again.body);
        assert!(!again.body.contains("apply-form"));
        assert_eq!(
            attr(&again.body, "data-kind=\"results\"", "data-unchanged").as_deref(),
            Some("12")
        );

        // The list links it; its page shows each class with n and each task with its level.
        let list = app.get(Some(&deputy), "/assessments").await;
        assert!(list.body.contains(&format!("/assessments/{}/analysis", p.id)));
        let page = app.get(Some(&deputy), &format!("/assessments/{}/analysis", p.id)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("data-label=\"4А\" data-n=\"6\""), "{}", page.body);
        assert!(page.body.contains("data-label=\"4Б\" data-n=\"6\""));
        for task in 1..=12 {
            assert!(page.body.contains(&format!("data-task=\"{task}\"")), "task {task}");
        }
        assert!(page.body.contains("data-mean-primary="));

        // A score above the maximum: named at its row and column, nothing written.
        let bad = post_multipart(
            &app,
            &deputy,
            "/assessments/import/preview",
            &[
                Part::File("file", "bad.xlsx", &fis_oko(true)),
                Part::Text("layout", "vpr"),
            ],
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let row = attr(&bad.body, "class=\"import-error\"", "data-row").unwrap();
        let column = attr(&bad.body, "class=\"import-error\"", "data-column").unwrap();
        assert!(row.parse::<usize>().unwrap() > 1, "{row}");
        assert_eq!(column, "4 (3б)");
        assert!(bad.body.contains("больше максимума"));

        // A bad field value is named, too.
        let wrong = post_multipart(
            &app,
            &deputy,
            "/assessments/import/preview",
            &[Part::File("file", "vpr.xlsx", &file), Part::Text("grade", "четвёртый")],
        )
        .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(wrong.body.contains("Параллель"), "{}", wrong.body);

        // Only the administration uploads.
        for login in ["teacher", "classteacher", "pupil", "parent", "municipal"] {
            let s = app.login(login).await;
            let r = app.get(Some(&s), "/assessments/import").await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{login}");
            assert!(
                !app.get(Some(&s), "/")
                    .await
                    .body
                    .contains("href=\"/assessments/import\"")
            );
        }
        app.finish().await;
    }
}

#[tokio::test]
async fn procedures_and_their_pages_are_scoped_per_role() {
    for app in demo_apps().await {
        let db = &app.t.db;
        seed_work(&app, "math", 7, "Контрольная работа по математике, 7 класс").await;
        seed_work(&app, "rus", 4, "Контрольная работа по русскому языку, 4 класс").await;
        let deputy = app.login("deputy").await;
        let teacher = app.login("teacher").await;
        let all = read::procedures(db, &viewer(db, "deputy").await, None).await.unwrap();
        let tv = viewer(db, "teacher").await;
        let own = read::procedures(db, &tv, None).await.unwrap();
        assert!(
            !own.is_empty() && own.len() < all.len(),
            "{} of {}",
            own.len(),
            all.len()
        );

        let list = app.get(Some(&deputy), "/assessments").await;
        assert_eq!(list.status, StatusCode::OK);
        assert_eq!(list.body.matches("class=\"procedure\"").count(), all.len());
        let list = app.get(Some(&teacher), "/assessments").await;
        assert_eq!(list.body.matches("class=\"procedure\"").count(), own.len());
        assert!(list.body.contains("методической"));

        // The teacher's page of a procedure shows only the teacher's classes.
        let p = &own[0];
        let classes: Vec<String> = read::results(db, &tv, p.id)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.class_name)
            .collect();
        let page = app
            .get(Some(&teacher), &format!("/assessments/{}/analysis", p.id))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        let marks = &page.body[page.body.find("<section id=\"marks\">").unwrap()..];
        let marks = &marks[..marks.find("</section>").unwrap()];
        let labels: Vec<&str> = marks
            .split("data-label=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        assert!(labels.len() >= 2, "{marks}");
        for label in labels {
            assert!(
                label == "Все участники" || classes.iter().any(|c| c == label),
                "{label} is not the teacher's"
            );
        }
        // A procedure outside the teacher's classes is not found.
        let other = all.iter().find(|p| !own.iter().any(|o| o.id == p.id)).unwrap();
        let r = app
            .get(Some(&teacher), &format!("/assessments/{}/analysis", other.id))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        for login in ["pupil", "parent", "municipal"] {
            let s = app.login(login).await;
            assert_eq!(
                app.get(Some(&s), "/assessments").await.status,
                StatusCode::FORBIDDEN,
                "{login}"
            );
        }
        app.finish().await;
    }
}

#[tokio::test]
async fn the_diary_shows_the_pupils_own_results_with_not_done_apart_from_zero() {
    for app in demo_apps().await {
        let db = &app.t.db;
        seed_work(&app, "math", 7, "Контрольная работа по математике, 7 класс").await;
        seed_work(&app, "rus", 4, "Контрольная работа по русскому языку, 4 класс").await;
        let pv = viewer(db, "pupil").await;
        let me = pv.pupil_id.unwrap();
        let own = read::of_pupil(db, &pv, me).await.unwrap();
        assert!(!own.is_empty(), "the demo pupil wrote the work");

        let pupil = app.login("pupil").await;
        let page = app.get(Some(&pupil), "/diary?tab=assessments").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert_eq!(page.body.matches("class=\"card diary-assessment\"").count(), own.len());
        let (p, r) = &own[0];
        let marker = format!("data-procedure=\"{}\"", p.id);
        assert_eq!(
            attr(&page.body, &marker, "data-primary"),
            r.primary_score.map(|s| s.to_string())
        );

        // A not-done task shows apart from 0: a control work with the pupil's code.
        let code = vsoko_store::people::pupils::get_visible(db, &pv, me)
            .await
            .unwrap()
            .unwrap()
            .code;
        let csv = format!(";;Б;Б;П\nКод обучающегося;Класс;1 (1б);2 (2б);3 (3б);Отметка\n{code};7А;0;X;3;\n");
        let table = "# source: школьная шкала\n# link: https://example.invalid\n# kind: school\n# year: 2026\n# subject: math\n# grade: 7\n# output: mark\n# max_primary: 6\n2;0;1;;\n3;2;3;;\n4;4;5;;\n5;6;6;;\n";
        let deputy = app.login("deputy").await;
        let r = post_multipart(
            &app,
            &deputy,
            "/assessments/import/preview",
            &[
                Part::File("file", "kr.csv", csv.as_bytes()),
                Part::Text("layout", "generic"),
                Part::Text("procedure", "school"),
                Part::Text("subject", "Математика"),
                Part::Text("grade", "7"),
                Part::Text("date", "2026-11-20"),
                Part::Text("title", "Контрольная работа по алгебре"),
                Part::File("conversion", "kr.conversion.csv", table.as_bytes()),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let fields = carry(&r.body);
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let applied = app.post_form(Some(&deputy), "/assessments/import/apply", &pairs).await;
        assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
        let page = app.get(Some(&pupil), "/diary?tab=assessments").await;
        let kr = &page.body[page.body.find("Контрольная работа по алгебре").unwrap()..];
        assert!(
            kr.contains("class=\"num task-score\" data-task=\"1\" data-score=\"0\""),
            "{kr}"
        );
        assert!(kr.contains("class=\"num task-score not-done\" data-task=\"2\" data-score=\"\""));

        // The parent sees each child's own results; another pupil is not found.
        let parent = app.login("parent").await;
        let parv = viewer(db, "parent").await;
        let children = vsoko_store::people::pupils::children(db, &parv).await.unwrap();
        for child in &children {
            let page = app
                .get(Some(&parent), &format!("/diary?pupil={}&tab=assessments", child.id))
                .await;
            assert_eq!(page.status, StatusCode::OK);
            let theirs = read::of_pupil(db, &parv, child.id).await.unwrap();
            assert_eq!(
                page.body.matches("class=\"card diary-assessment\"").count(),
                theirs.len()
            );
        }
        let stranger = read::results(db, &viewer(db, "deputy").await, own[0].0.id)
            .await
            .unwrap()
            .into_iter()
            .filter_map(|r| r.pupil_id)
            .find(|id| !children.iter().any(|c| c.id == *id))
            .unwrap();
        let r = app
            .get(Some(&parent), &format!("/diary?pupil={stranger}&tab=assessments"))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(read::of_pupil(db, &parv, stranger).await.unwrap().is_empty());
        app.finish().await;
    }
}
