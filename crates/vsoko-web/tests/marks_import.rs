//! The marks import page on both backends: templates download and parse back; a preview
//! writes nothing; the apply of the previewed file writes lessons, cells and term marks; a
//! re-import changes nothing; a bad value or a bad row is named at its sheet, row and
//! column and nothing is written.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

mod common;
mod journal_support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use journal_support::*;
use rust_xlsxwriter::Workbook;
use vsoko_store::journal::{cells, lessons, period_marks};

const BOUNDARY: &str = "vsoko-test-boundary";

/// POSTs a file as `multipart/form-data` (field `file`), as a browser does.
async fn upload(app: &App, cookie: &str, path: &str, name: &str, bytes: &[u8]) -> Resp {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
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

fn workbook(sheets: &[(&str, Vec<Vec<String>>)]) -> Vec<u8> {
    let mut wb = Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(r as u32, c as u16, v).unwrap();
                }
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// The hidden inputs of the preview's "Apply" form.
fn carry(body: &str) -> Vec<(String, String)> {
    ["file_name", "sha256", "data"]
        .iter()
        .map(|n| (n.to_string(), attr(body, &format!("name=\"{n}\""), "value").unwrap()))
        .collect()
}

#[tokio::test]
async fn marks_import_previews_applies_once_and_refuses_bad_rows_whole() {
    for app in demo_apps().await {
        let (db, school) = (&app.t.db, app.ids.school_id);
        let (_, a, roster) = seventh(db, school).await;
        let q2 = periods(db, school).await[1].id;
        let teacher = app.login("teacher").await;
        assert_eq!(app.get(Some(&teacher), "/journal/import").await.status, StatusCode::OK);
        assert_eq!(
            app.get(Some(&app.login("pupil").await), "/journal/import").await.status,
            StatusCode::FORBIDDEN
        );

        // Templates parse back.
        let t = app.get(Some(&teacher), "/journal/import/templates/marks.xlsx").await;
        assert_eq!(t.status, StatusCode::OK);
        assert_eq!(
            vsoko_import::marks::parse_marks("marks.xlsx", &t.bytes)
                .unwrap()
                .marks
                .len(),
            2
        );
        let csv = app
            .get(Some(&teacher), "/journal/import/templates/term_marks.csv")
            .await;
        assert_eq!(
            vsoko_import::marks::parse_marks("term_marks.csv", &csv.bytes)
                .unwrap()
                .terms
                .len(),
            2
        );
        assert_eq!(
            app.get(Some(&teacher), "/journal/import/templates/other.csv")
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        let header = row(&[
            "Класс",
            "Предмет",
            "Дата урока",
            "Код обучающегося",
            "Отметки",
            "Посещаемость",
            "Тема",
        ]);
        let good = workbook(&[
            (
                "Отметки",
                vec![
                    header.clone(),
                    row(&["7А", &a.subject_name, "16.11.2026", &roster[0].code, "5 4", "", "Дроби"]),
                    row(&["7А", &a.subject_name, "16.11.2026", &roster[1].code, "", "Н", "Дроби"]),
                ],
            ),
            (
                "Итоговые",
                vec![
                    row(&["Класс", "Предмет", "Период", "Код обучающегося", "Отметка"]),
                    row(&["7А", &a.subject_name, "2", &roster[0].code, "5"]),
                ],
            ),
        ]);

        // Preview: the report and an apply form; nothing written.
        let p = upload(&app, &teacher, "/journal/import/preview", "marks.xlsx", &good).await;
        assert_eq!(p.status, StatusCode::OK, "{}", p.body);
        assert_eq!(
            attr(&p.body, "data-kind=\"cells\"", "data-created").as_deref(),
            Some("2")
        );
        assert_eq!(
            attr(&p.body, "data-kind=\"lessons\"", "data-created").as_deref(),
            Some("1")
        );
        assert_eq!(
            attr(&p.body, "data-kind=\"terms\"", "data-created").as_deref(),
            Some("1")
        );
        assert!(
            lessons::list(db, school, a.class_id, a.subject_id, "", q2)
                .await
                .unwrap()
                .is_empty()
        );

        // Apply the previewed file.
        let form = carry(&p.body);
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let done = app.post_form(Some(&teacher), "/journal/import/apply", &pairs).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        let ls = lessons::list(db, school, a.class_id, a.subject_id, "", q2)
            .await
            .unwrap();
        assert_eq!((ls.len(), ls[0].topic.as_str()), (1, "Дроби"));
        assert_eq!(
            cells::get(db, school, ls[0].id, roster[0].id)
                .await
                .unwrap()
                .unwrap()
                .marks,
            "5 4"
        );
        assert_eq!(
            cells::get(db, school, ls[0].id, roster[1].id)
                .await
                .unwrap()
                .unwrap()
                .attendance
                .as_deref(),
            Some("absent")
        );
        assert_eq!(
            period_marks::of_class(db, school, a.class_id, a.subject_id, q2)
                .await
                .unwrap()
                .len(),
            1
        );
        let tampered: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| if *k == "sha256" { (*k, "00") } else { (*k, *v) })
            .collect();
        assert_eq!(
            app.post_form(Some(&teacher), "/journal/import/apply", &tampered)
                .await
                .status,
            StatusCode::BAD_REQUEST
        );

        // Re-import: nothing to change, no apply form.
        let again = upload(&app, &teacher, "/journal/import/preview", "marks.xlsx", &good).await;
        assert_eq!(again.status, StatusCode::OK);
        assert!(!again.body.contains("id=\"apply-form\""));
        assert_eq!(
            attr(&again.body, "data-kind=\"cells\"", "data-unchanged").as_deref(),
            Some("2")
        );
        assert_eq!(
            attr(&again.body, "data-kind=\"cells\"", "data-created").as_deref(),
            Some("0")
        );

        // A mark 6: refused while reading the file, at its row and column.
        let six = format!(
            "Класс;Предмет;Дата урока;Код обучающегося;Отметки\n7А;{};16.11.2026;{};6\n",
            a.subject_name, roster[2].code
        );
        let r = upload(&app, &teacher, "/journal/import/preview", "marks.csv", six.as_bytes()).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            attr(&r.body, "class=\"import-error\"", "data-row").as_deref(),
            Some("2")
        );
        assert_eq!(
            attr(&r.body, "class=\"import-error\"", "data-column").as_deref(),
            Some("Отметки")
        );

        // An unknown pupil and a date in the holidays: each named; the good row is not written.
        let bad = workbook(&[(
            "Отметки",
            vec![
                header.clone(),
                row(&["7А", &a.subject_name, "17.11.2026", &roster[2].code, "4", "", ""]),
                row(&["7А", &a.subject_name, "17.11.2026", "нет-такого", "5", "", ""]),
                row(&["7А", &a.subject_name, "30.10.2026", &roster[2].code, "5", "", ""]),
            ],
        )]);
        for stage in ["preview", "apply"] {
            let r = if stage == "preview" {
                upload(&app, &teacher, "/journal/import/preview", "bad.xlsx", &bad).await
            } else {
                // The apply form re-posts a file with its hash; a bad file is refused there too.
                use base64::Engine;
                let data = base64::engine::general_purpose::STANDARD.encode(&bad);
                let hash = sha256(&bad);
                let pairs = [
                    ("file_name", "bad.xlsx"),
                    ("sha256", hash.as_str()),
                    ("data", data.as_str()),
                ];
                app.post_form(Some(&teacher), "/journal/import/apply", &pairs).await
            };
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{stage}");
            let errors: Vec<(String, String, String)> = r
                .body
                .split("<tr class=\"import-error\"")
                .skip(1)
                .map(|t| {
                    let tag = format!("<tr class=\"import-error\"{t}");
                    let get = |n: &str| attr(&tag, "class=\"import-error\"", n).unwrap();
                    (get("data-sheet"), get("data-row"), get("data-column"))
                })
                .collect();
            let expected = [("Отметки", "3", "Код обучающегося"), ("Отметки", "4", "Дата урока")];
            let expected: Vec<(String, String, String)> = expected
                .iter()
                .map(|(s, r, c)| (s.to_string(), r.to_string(), c.to_string()))
                .collect();
            assert_eq!(errors, expected, "{stage}");
            let l17 = lessons::list(db, school, a.class_id, a.subject_id, "", q2)
                .await
                .unwrap();
            assert_eq!(l17.len(), 1, "{stage}: the lesson of 17.11 was not created");
        }
        app.finish().await;
    }
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}
