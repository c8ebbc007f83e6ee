//! The roster import: the format page and templates, preview (a dry run that writes
//! nothing), apply (writes once; the same file again changes nothing), located errors for
//! bad files, the JSON endpoint, and who may import.

#![expect(clippy::unwrap_used, reason = "a test fails loudly on an unexpected error")]

mod common;
#[path = "import/support.rs"]
mod support;

use axum::http::StatusCode;
use common::*;
use support::*;
use vsoko_import::SheetKind;
use vsoko_import::roster::{RosterKind, parse_roster};

#[tokio::test]
async fn preview_writes_nothing_apply_writes_once_and_reimport_changes_nothing() {
    for app in demo_apps().await {
        let backend = app.t.backend;
        let c = app.login("admin").await;
        let pupils0 = pupils_in_school(&app).await;

        // CSV: the preview counts two new pupils and writes nothing.
        let csv = new_pupils_csv();
        let r = upload(&app, &c, "новые.csv", &csv).await;
        assert_eq!(r.status, StatusCode::OK, "{backend}: {}", r.body);
        assert!(r.body.contains(&counts("pupils", 2, 0, 0)), "{}", r.body);
        assert!(r.body.contains("T9001"), "the list of changes names the pupils");
        assert!(r.body.contains("id=\"apply-form\""));
        assert!(r.body.contains("новые.csv"));
        assert!(!r.body.contains("Unknown localization key"), "{}", r.body);
        assert_eq!(
            pupils_in_school(&app).await,
            pupils0,
            "{backend}: a preview writes nothing"
        );

        // Apply writes them; the same file again is all unchanged.
        let applied = apply_from(&app, &c, &r.body).await;
        assert_eq!(applied.status, StatusCode::OK, "{backend}: {}", applied.body);
        assert!(applied.body.contains(&counts("pupils", 2, 0, 0)));
        assert_eq!(pupils_in_school(&app).await, pupils0 + 2);
        let again = apply_from(&app, &c, &r.body).await;
        assert_eq!(again.status, StatusCode::OK);
        assert!(again.body.contains(&counts("pupils", 0, 0, 2)), "{}", again.body);
        assert_eq!(pupils_in_school(&app).await, pupils0 + 2);
        let preview_again = upload(&app, &c, "новые.csv", &csv).await;
        assert!(preview_again.body.contains(&counts("pupils", 0, 0, 2)));
        assert!(
            !preview_again.body.contains("id=\"apply-form\""),
            "nothing to apply, no button"
        );

        // A tampered re-post is refused.
        let r = app
            .post_form(
                Some(&c),
                "/admin/import/apply",
                &[("file_name", "x.csv"), ("data", "QUJD"), ("sha256", &"0".repeat(64))],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);

        // XLSX with a parent, as the deputy: the API's dry run writes nothing…
        let d = app.login("deputy").await;
        let xlsx = new_family_xlsx();
        let r = api_import(&app, &d, "family.xlsx", &xlsx, true).await;
        assert_eq!(r.status, StatusCode::OK, "{backend}: {}", r.body);
        let report: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(report["pupils"]["created"], 2);
        assert_eq!(report["parents"]["created"], 1);
        assert_eq!(report["links"]["created"], 2);
        assert_eq!(report["applied"], false);
        assert_eq!(report["errors"].as_array().unwrap().len(), 0);
        assert_eq!(pupils_in_school(&app).await, pupils0 + 2);
        assert!(!has_test_parent(&app).await);

        // …the page's preview and apply write it…
        let r = upload(&app, &d, "family.xlsx", &xlsx).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains(&counts("parents", 1, 0, 0)));
        assert!(r.body.contains(&counts("links", 2, 0, 0)));
        let applied = apply_from(&app, &d, &r.body).await;
        assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
        assert_eq!(pupils_in_school(&app).await, pupils0 + 4);
        assert!(has_test_parent(&app).await);

        // …and a real API import of the same file changes nothing.
        let r = api_import(&app, &d, "family.xlsx", &xlsx, false).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let report: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(report["pupils"]["unchanged"], 2);
        assert_eq!(report["parents"]["unchanged"], 1);
        assert_eq!(report["links"]["unchanged"], 2);
        for kind in ["staff", "classes", "pupils", "parents", "links", "assignments"] {
            assert_eq!(report[kind]["created"], 0, "{kind}");
            assert_eq!(report[kind]["updated"], 0, "{kind}");
        }
        assert!(has_test_parent(&app).await);
        app.finish().await;
    }
}

#[tokio::test]
async fn bad_files_show_located_errors_and_write_nothing() {
    for app in demo_apps().await {
        let backend = app.t.backend;
        let c = app.login("admin").await;
        let pupils0 = pupils_in_school(&app).await;

        // A date that does not exist: a parse error at its row and column, 422, nothing written.
        let bad_date = [
            PUPILS_HEADER,
            "T9201;Ошибкин;Олег;;31.02.2015;М;5А",
            "T9202;Верный;Иван;;01.02.2015;М;5А",
        ]
        .join("\n")
        .into_bytes();
        let r = upload(&app, &c, "bad.csv", &bad_date).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: {}", r.body);
        assert!(r.body.contains("id=\"parse-errors\""));
        assert!(
            r.body
                .contains("class=\"import-error\" data-row=\"2\" data-column=\"Дата рождения\""),
            "{}",
            r.body
        );
        assert!(r.body.contains("31.02.2015"), "the message quotes the bad value");
        assert!(!r.body.contains("id=\"apply-form\""));

        // A class the school does not have: the store's row error, 422, nothing written.
        let unknown_class = [
            PUPILS_HEADER,
            "T9203;Новый;Пётр;;01.02.2015;М;5А",
            "T9204;Чужой;Лев;;01.02.2015;М;7Ж",
        ]
        .join("\n")
        .into_bytes();
        let r = upload(&app, &c, "class.csv", &unknown_class).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("id=\"row-errors\""));
        assert!(r.body.contains("data-row=\"3\" data-column=\"Класс\""), "{}", r.body);
        assert!(r.body.contains("7Ж"));
        assert!(!r.body.contains("id=\"apply-form\""));
        assert_eq!(pupils_in_school(&app).await, pupils0);

        // Even forced through apply, the good row is not written either.
        let data = base64_of(&unknown_class);
        let sha = sha256_of(&unknown_class);
        let r = app
            .post_form(
                Some(&c),
                "/admin/import/apply",
                &[("file_name", "class.csv"), ("data", &data), ("sha256", &sha)],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(
            pupils_in_school(&app).await,
            pupils0,
            "{backend}: one bad row writes nothing"
        );

        // The API answers parse errors with 422 and their locations.
        let r = api_import(&app, &c, "bad.csv", &bad_date, false).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.content_type.starts_with("application/problem+json"));
        let problem: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        let first = &problem["file_errors"][0];
        assert_eq!(first["file"], "bad.csv");
        assert_eq!(first["row"], 2);
        assert_eq!(first["column"], "Дата рождения");
        assert_eq!(first["key"], "import-error-bad-date");
        assert_eq!(first["args"]["text"], "31.02.2015");
        assert_eq!(first["message"], "ожидалась дата ДД.ММ.ГГГГ, получено «31.02.2015»");
        // Store row errors come back in the report, not applied.
        let r = api_import(&app, &c, "class.csv", &unknown_class, false).await;
        assert_eq!(r.status, StatusCode::OK);
        let report: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(report["applied"], false);
        assert_eq!(report["errors"][0]["row"], 3);
        assert_eq!(report["errors"][0]["column"], "Класс");
        assert_eq!(report["errors"][0]["key"], "roster-error-no-class-in-year");
        assert_eq!(report["errors"][0]["args"]["class"], "7Ж");
        let message = report["errors"][0]["message"].as_str().unwrap();
        assert!(
            message.starts_with("класса «7Ж» нет ни в файле, ни в школе"),
            "{message}"
        );
        assert_eq!(pupils_in_school(&app).await, pupils0);

        // An upload without a file re-renders the form with the error beside the input.
        let r = upload(&app, &c, "", b"").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("form-error") && r.body.contains("field-error"));
        assert!(r.body.contains("aria-invalid=\"true\""));
        // An unsupported file type is a located error too.
        let r = upload(&app, &c, "roster.xls", b"whatever").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("roster.xls"));

        // An English-speaking user reads the same errors in English, on the page and in the API.
        app.post_form(Some(&c), "/lang", &[("lang", "en"), ("next", "/")]).await;
        let r = upload(&app, &c, "bad.csv", &bad_date).await;
        assert!(
            r.body.contains("expected a date DD.MM.YYYY, got &#34;31.02.2015&#34;"),
            "{}",
            r.body
        );
        let r = api_import(&app, &c, "class.csv", &unknown_class, true).await;
        let report: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        let message = report["errors"][0]["message"].as_str().unwrap();
        assert!(
            message.starts_with("no class \"7Ж\" in the file or the school"),
            "{message}"
        );
        assert_eq!(report["changes"][0]["key"], "roster-change-pupil-created");
        let change = report["changes"][0]["message"].as_str().unwrap();
        assert!(change.starts_with("pupil T9203 Новый Пётр: added to 5А"), "{change}");
        app.finish().await;
    }
}

#[tokio::test]
async fn format_page_and_templates_for_admin_and_deputy_only() {
    for app in demo_apps().await {
        let backend = app.t.backend;
        let t = app.login("teacher").await;
        for path in [
            "/admin/import",
            "/admin/import/templates/roster.xlsx",
            "/admin/import/templates/pupils.csv",
        ] {
            assert_eq!(app.get(Some(&t), path).await.status, StatusCode::FORBIDDEN, "{path}");
        }
        assert_eq!(
            upload(&app, &t, "new.csv", &new_pupils_csv()).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            api_import(&app, &t, "new.csv", &new_pupils_csv(), true).await.status,
            StatusCode::FORBIDDEN
        );
        let anonymous = app.get(None, "/admin/import").await;
        assert_eq!(anonymous.status, StatusCode::SEE_OTHER);

        for login in ["admin", "deputy"] {
            let c = app.login(login).await;
            let r = app.get(Some(&c), "/admin/import").await;
            assert_eq!(r.status, StatusCode::OK, "{backend} {login}: {}", r.body);
            // Every column of every kind is documented, with the importer's description.
            for kind in RosterKind::all() {
                assert!(r.body.contains(&format!("id=\"format-{}\"", kind.slug())));
                assert!(r.body.contains(&format!("/admin/import/templates/{}.csv", kind.slug())));
                for col in vsoko_import::roster::columns(kind) {
                    assert!(r.body.contains(col.header), "{}", col.header);
                }
            }
            assert!(r.body.contains("Дата рождения: ДД.ММ.ГГГГ"));
            assert!(
                !r.body.contains("Unknown localization key"),
                "every text is in the ftl files"
            );
            assert!(r.body.contains("enctype=\"multipart/form-data\""));
            assert!(r.body.contains("accept=\".xlsx,.csv\""));
        }

        // The templates download as attachments and parse back without errors.
        let c = app.login("admin").await;
        let r = app.get(Some(&c), "/admin/import/templates/roster.xlsx").await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(
            r.content_type,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        let roster = parse_roster("roster.xlsx", &r.bytes).unwrap();
        assert_eq!(roster.pupils.len(), 2);
        assert_eq!(
            disposition(&app, &c, "/admin/import/templates/roster.xlsx").await,
            "attachment; filename=\"roster.xlsx\""
        );
        assert_eq!(
            disposition(&app, &c, "/admin/import/templates/parents.csv").await,
            "attachment; filename=\"roster-parents.csv\""
        );
        for kind in RosterKind::all() {
            let path = format!("/admin/import/templates/{}.csv", kind.slug());
            let r = app.get(Some(&c), &path).await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
            assert_eq!(r.content_type, "text/csv; charset=utf-8");
            let roster = parse_roster(&format!("{}.csv", kind.slug()), &r.bytes);
            assert!(roster.is_ok(), "{path}: {roster:?}");
        }
        assert_eq!(
            app.get(Some(&c), "/admin/import/templates/nothing.csv").await.status,
            StatusCode::NOT_FOUND
        );

        // The endpoint is in the OpenAPI document.
        let doc = app.get(Some(&c), "/api/openapi.json").await;
        assert!(doc.body.contains("/api/v1/imports/roster"));
        app.finish().await;
    }
}
