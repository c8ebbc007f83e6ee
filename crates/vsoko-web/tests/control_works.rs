//! Control works and conversion tables over HTTP on both databases: a teacher creates a work
//! with three tasks and own mark bands (form errors keep the typed values and write
//! nothing), saves cells as JSON and gets the sum and the mark from the work's table; a score
//! above the maximum, a pupil of another class and a teacher of another class are refused;
//! the school's tables are listed with provenance, reference tables are read-only (copy to
//! edit) and an uploaded or pasted table with an error names its line and writes nothing.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::json;
use vsoko_store::assessment::{conversions, manual, read};
use vsoko_store::people::pupils;
use vsoko_store::structure::{assignments, classes, years};
use vsoko_store::{Viewer, accounts, scope};

async fn viewer(app: &App, login: &str) -> Viewer {
    let db = &app.t.db;
    let uid = accounts::user_id(db, login).await.unwrap().unwrap();
    scope::load_viewer(db, uid, uuid::Uuid::nil()).await.unwrap().unwrap()
}

#[tokio::test]
async fn a_teacher_creates_a_work_and_enters_scores_on_both_backends() {
    for app in demo_apps().await {
        let db = &app.t.db;
        let school = app.ids.school_id;
        let year = years::current(db, school).await.unwrap().unwrap();
        let (teacher_v, deputy_v) = (viewer(&app, "teacher").await, viewer(&app, "deputy").await);
        let load = assignments::mine(db, &teacher_v, year.id).await.unwrap();
        let a = load.iter().find(|x| x.class_name == "7А").unwrap();
        let all = classes::list_visible(db, &deputy_v, year.id, "").await.unwrap();
        let not_mine = all
            .iter()
            .find(|c| {
                c.name.starts_with('7') && !load.iter().any(|x| x.class_id == c.id && x.subject_id == a.subject_id)
            })
            .unwrap();
        let in_a = pupils::list_visible(db, &deputy_v, "", Some(a.class_id)).await.unwrap();
        let in_other = pupils::list_visible(db, &deputy_v, "", Some(not_mine.id))
            .await
            .unwrap();
        let (class_a, subject) = (a.class_id.to_string(), a.subject_id.to_string());

        let teacher = app.login("teacher").await;
        let r = app.get(Some(&teacher), "/control-works").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains("Новая контрольная работа") && r.body.contains("7А"));
        assert!(r.body.contains("href=\"/control-works\""), "nav link");

        let form = |title: &str, classes: &[&str], tasks: &str, bands: &str| {
            let mut f: Vec<(&str, String)> = vec![
                ("title", title.to_string()),
                ("subject_id", subject.clone()),
                ("date", "20.11.2026".to_string()),
                ("tasks", tasks.to_string()),
                ("conversion_id", String::new()),
                ("bands", bands.to_string()),
            ];
            f.extend(classes.iter().map(|c| ("classes", (*c).to_string())));
            f
        };
        let post = async |f: Vec<(&str, String)>| {
            let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_form(Some(&teacher), "/control-works", &pairs).await
        };
        let bands = "2;0;2\n3;3;4\n4;5;5\n5;6;6";
        // A bad task line names its line; a class the teacher does not teach is refused.
        let r = post(form("КР «Дроби»", &[&class_a], "1;2;Б\n2;один;П", bands)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("строка 2"), "{}", r.body);
        assert!(r.body.contains("value=\"КР «Дроби»\""));
        let not_mine_id = not_mine.id.to_string();
        let r = post(form(
            "КР «Дроби»",
            &[&class_a, &not_mine_id],
            "1;2;Б\n2;1;П\n3;3;В",
            bands,
        ))
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("Вы не преподаёте этот предмет"), "{}", r.body);
        let r = post(form("КР «Дроби»", &[&class_a], "1;2;Б\n2;1;П\n3;3;В", "2;0;2\n5;4;6")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(manual::list(db, &teacher_v).await.unwrap().is_empty());

        let r = post(form(
            "КР «Дроби»",
            &[&class_a],
            "1;2;Б;;Сложение дробей\n2;1;П\n3;3;В",
            bands,
        ))
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let url = r.location.unwrap();
        let page = app.get(Some(&teacher), &url).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("data-writable=\"true\"") && page.body.contains("/assets/control_work.js"));
        assert!(page.body.contains(&in_a[0].last_name));
        let id = uuid::Uuid::parse_str(url.trim_start_matches("/control-works/")).unwrap();
        let w = manual::work(db, &teacher_v, id).await.unwrap().unwrap();
        let task = |i: usize| w.tasks[i].id.to_string();
        let scores = format!("{url}/scores");
        let cell =
            |pupil: uuid::Uuid, t: usize, value: &str| json!({"pupil_id": pupil, "task_id": task(t), "value": value});

        let p = in_a[0].id;
        let r = app.post_json(Some(&teacher), &scores, &cell(p, 0, "2")).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let d: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(
            (d["text"].as_str(), d["sum"].as_str(), d["mark"].as_str()),
            (Some("2"), Some("2"), Some(""))
        );
        let d: serde_json::Value =
            serde_json::from_str(&app.post_json(Some(&teacher), &scores, &cell(p, 1, "х")).await.body).unwrap();
        assert_eq!(d["text"], "Х");
        let d: serde_json::Value =
            serde_json::from_str(&app.post_json(Some(&teacher), &scores, &cell(p, 2, "3")).await.body).unwrap();
        assert_eq!(
            (d["sum"].as_str(), d["mark"].as_str(), d["complete"].as_bool()),
            (Some("5"), Some("4"), Some(true))
        );

        // Refused: above the maximum (422 naming it), a word, a pupil of another class (422),
        // another teacher (404), a pupil (403).
        let r = app.post_json(Some(&teacher), &scores, &cell(p, 1, "2")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("от 0 до 1"), "{}", r.body);
        let r = app.post_json(Some(&teacher), &scores, &cell(p, 1, "пять")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = app
            .post_json(Some(&teacher), &scores, &cell(in_other[0].id, 0, "1"))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("не учится в классах"), "{}", r.body);
        let stranger = app.login("classteacher").await;
        let r = app.post_json(Some(&stranger), &scores, &cell(in_a[1].id, 0, "1")).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
        let pupil = app.login("pupil").await;
        let r = app.post_json(Some(&pupil), &scores, &cell(in_a[1].id, 0, "1")).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let results = read::results(db, &deputy_v, id).await.unwrap();
        assert_eq!(results.len(), 1);
        assert_eq!((results[0].primary_score, results[0].mark), (Some(5), Some(4)));
        assert_eq!(results[0].scores, vec![Some(2), None, Some(3)]);

        // The page shows the stored cells, the sum and the mark after a reload.
        let page = app.get(Some(&teacher), &url).await;
        assert!(page.body.contains("value=\"Х\""), "{}", page.body);
        assert!(page.body.contains("<td class=\"num cwm\">4</td>"), "{}", page.body);
        app.finish().await;
    }
}

#[tokio::test]
async fn conversion_tables_are_listed_with_provenance_and_edited_with_located_errors() {
    for app in demo_apps().await {
        let db = &app.t.db;
        let school = app.ids.school_id;
        let deputy = app.login("deputy").await;
        let r = app.get(Some(&deputy), "/admin/conversions").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains("enctype=\"multipart/form-data\""));
        // The shipped reference tables are copied into the school on request.
        assert!(r.body.contains("ещё не скопирован"), "{}", r.body);
        let r = app.post_form(Some(&deputy), "/admin/conversions/reference", &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let r = app.get(Some(&deputy), "/admin/conversions").await;
        assert!(!r.body.contains("ещё не скопирован"));
        let tables = conversions::list(db, school).await.unwrap();
        let reference = tables.iter().find(|c| c.is_reference()).expect("a shipped table");
        assert!(r.body.contains("справочная"));
        let page = app
            .get(Some(&deputy), &format!("/admin/conversions/{}", reference.id))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("только для чтения") && page.body.contains("Скопировать, чтобы изменить"));
        assert!(
            page.body.contains("<a href=\"https://"),
            "provenance link: {}",
            page.body
        );
        let copy = app
            .get(Some(&deputy), &format!("/admin/conversions?copy={}", reference.id))
            .await;
        assert!(copy.body.contains("# max_primary: "), "{}", copy.body);

        // A pasted table with a gap: the line is named, nothing is written.
        let text = "# source: Положение о ВСОКО школы\n# link: https://school.example/vsoko\n# kind: school\n# year: 2026\n# subject: math\n# grade: 7\n# output: mark\n# max_primary: 10\n2;0;3;;\n3;4;6;;\n4;7;8;;\n5;x;10;;\n";
        let r = app
            .post_multipart(Some(&deputy), "/admin/conversions", &[("text", None, text.as_bytes())])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("строка 12"), "{}", r.body);
        assert_eq!(conversions::list(db, school).await.unwrap().len(), tables.len());
        // Uploaded as a file: stored and shown with its provenance.
        let fixed = text.replace("5;x;10", "5;9;10");
        let r = app
            .post_multipart(
                Some(&deputy),
                "/admin/conversions",
                &[
                    ("file", Some("kr-math-7.conversion.csv"), fixed.as_bytes()),
                    ("text", None, b""),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let page = app.get(Some(&deputy), r.location.as_deref().unwrap()).await;
        assert!(page.body.contains("Положение о ВСОКО школы") && page.body.contains("Школьная контрольная"));
        assert!(!page.body.contains("только для чтения"));
        assert_eq!(conversions::list(db, school).await.unwrap().len(), tables.len() + 1);

        // Teachers read the tables; only the administration changes them; pupils see nothing.
        let teacher = app.login("teacher").await;
        assert_eq!(
            app.get(Some(&teacher), "/admin/conversions").await.status,
            StatusCode::OK
        );
        let r = app
            .post_multipart(
                Some(&teacher),
                "/admin/conversions",
                &[("text", None, fixed.as_bytes())],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let pupil = app.login("pupil").await;
        assert_eq!(
            app.get(Some(&pupil), "/admin/conversions").await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            app.get(Some(&pupil), "/control-works").await.status,
            StatusCode::FORBIDDEN
        );
        app.finish().await;
    }
}

/// A codifier of the ВПР 2026 Russian grade 4 work for the tests: its structure is that of
/// a codifier file, its texts are written for the test (no official codes are invented).
fn test_codifier(plan: &str) -> String {
    format!(
        "# Кодификатор для теста\n# source: тестовый документ\n# link: https://school.example/codifier\n\
         # kind: vpr\n# year: 2026\n# subject: rus\n# grade: 4\n# columns: code;kind;parent;text\n\
         1;элемент;;Морфология\n1.1;элемент;1;Имя существительное\n1.2;элемент;1;Имя прилагательное\n\
         1;требование;;Распознавать части речи\n{plan}"
    )
}

#[tokio::test]
async fn codifiers_are_uploaded_with_located_errors_shown_as_trees_and_reach_the_analysis() {
    for app in demo_apps().await {
        let db = &app.t.db;
        let school = app.ids.school_id;
        let deputy = app.login("deputy").await;
        let r = app.get(Some(&deputy), "/admin/codifiers").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains("id=\"cod-form\"") && r.body.contains("Кодификаторов пока нет"));
        assert!(r.body.contains("href=\"/admin/codifiers\""), "in the menu");

        // A plan row naming an item twice-coded without its prefix: the line, nothing written.
        let bad = test_codifier("9;задание;;1\n");
        let r = app
            .post_multipart(Some(&deputy), "/admin/codifiers", &[("text", None, bad.as_bytes())])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("строка 13") && r.body.contains("«Э:1»"), "{}", r.body);
        assert!(
            vsoko_store::assessment::codifiers::list(db, school)
                .await
                .unwrap()
                .is_empty()
        );

        // Uploaded as a file: stored, shown as trees with the plan.
        let good = test_codifier("9;задание;;Э:1.1 Т:1\n10;задание;;1.2\n");
        let r = app
            .post_multipart(
                Some(&deputy),
                "/admin/codifiers",
                &[
                    ("file", Some("vpr-2026-rus-4.codifier.csv"), good.as_bytes()),
                    ("text", None, b""),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let url = r.location.unwrap();
        let page = app.get(Some(&deputy), &url).await.body;
        assert!(page.contains("тестовый документ") && page.contains("<a href=\"https://school.example/codifier\""));
        assert!(
            page.contains("<tr data-depth=\"1\"><td>1.1</td><td>Имя существительное</td></tr>"),
            "{page}"
        );
        assert!(page.contains("id=\"cod-requirements\"") && page.contains("id=\"cod-plan\""));
        assert!(page.contains("<b>Т:1</b> Распознавать части речи"), "{page}");
        // Given back as a file that loads again to the same codifier.
        let file = app.get(Some(&deputy), &format!("{url}/file")).await;
        assert_eq!(file.status, StatusCode::OK);
        let back = String::from_utf8(file.bytes.to_vec()).unwrap();
        assert_eq!(
            vsoko_domain::assessment::reference::parse_codifier("f", &back).unwrap(),
            vsoko_domain::assessment::reference::parse_codifier("f", &good).unwrap()
        );
        let copy = app
            .get(
                Some(&deputy),
                &format!("/admin/codifiers?copy={}", url.rsplit('/').next().unwrap()),
            )
            .await;
        assert!(copy.body.contains("9;задание;;Э:1.1 Т:1"), "{}", copy.body);

        // A ВПР imported afterwards: tasks 9 and 10 carry the codifier's items, and the
        // analysis's planned results show them.
        let rows = (0..12)
            .map(|i| {
                (
                    "4А".to_string(),
                    VPR_RUS4_MAXIMA.iter().map(|&m| Some((i % (m + 1)).min(m))).collect(),
                    Some(4),
                )
            })
            .collect();
        let report = vsoko_store::assessment::apply(
            db,
            &vsoko_store::Actor::system("test"),
            school,
            vpr_rus4_file(time::macros::date!(2026 - 04 - 15), 20001, 10, rows),
            time::macros::date!(2026 - 11 - 26),
            false,
            None,
        )
        .await
        .unwrap();
        assert!(report.applied, "{:?}", report.errors);
        let id = report.procedure_id.unwrap();
        let analysis = app
            .get(Some(&deputy), &format!("/assessments/{id}/analysis"))
            .await
            .body;
        assert!(
            analysis.contains("Имя существительное") && analysis.contains("Распознавать части речи"),
            "{analysis}"
        );

        // Teachers read codifiers; only the administration changes them; pupils see nothing.
        let teacher = app.login("teacher").await;
        assert_eq!(app.get(Some(&teacher), &url).await.status, StatusCode::OK);
        let r = app
            .post_multipart(Some(&teacher), "/admin/codifiers", &[("text", None, good.as_bytes())])
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let pupil = app.login("pupil").await;
        assert_eq!(
            app.get(Some(&pupil), "/admin/codifiers").await.status,
            StatusCode::FORBIDDEN
        );
        app.finish().await;
    }
}
