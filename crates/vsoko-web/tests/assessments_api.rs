//! `/api/v1/assessments` on SQLite and PostgreSQL with an imported control work: the
//! deputy sees every result, the teacher of 7А the class's results, the pupil and the
//! parent only the pupil's own; a pupil without results gets 404 for the procedure.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

mod common;

use axum::http::StatusCode;
use common::*;
use time::macros::date;
use uuid::Uuid;
use vsoko_domain::assessment::{AssessmentFile, ProcedureHeader, ProcedureKind, ResultRow, TaskSpec};
use vsoko_domain::roster::Origin;
use vsoko_domain::structure::ClassName;
use vsoko_store::assessment::{self, conversions};
use vsoko_store::people::pupils;
use vsoko_store::{Actor, accounts, scope};

fn row(n: usize, pupil_code: &str, scores: [u32; 2]) -> ResultRow {
    ResultRow {
        origin: Origin {
            sheet: "kr.csv".into(),
            row: n,
        },
        participant_code: pupil_code.into(),
        pupil_code: Some(pupil_code.into()),
        full_name: None,
        class: ClassName::parse("7А").unwrap(),
        variant: String::new(),
        scores: scores.iter().map(|&s| Some(s)).collect(),
        primary: Some(scores.iter().sum()),
        file_mark: None,
        file_test_score: None,
        journal_mark: None,
    }
}

#[tokio::test]
async fn assessments_api_is_scoped_to_the_viewer() {
    for app in demo_apps().await {
        let db = &app.t.db;
        let school = app.ids.school_id;
        let uid = accounts::user_id(db, "pupil").await.unwrap().unwrap();
        let pupil = scope::load_viewer(db, uid, Uuid::nil()).await.unwrap().unwrap();
        let me = pupils::get_visible(db, &pupil, pupil.pupil_id.unwrap())
            .await
            .unwrap()
            .unwrap();
        let uid = accounts::user_id(db, "deputy").await.unwrap().unwrap();
        let deputy = scope::load_viewer(db, uid, Uuid::nil()).await.unwrap().unwrap();
        let class7 = pupils::list_visible(db, &deputy, "", me.class_id)
            .await
            .unwrap()
            .into_iter()
            .filter(|p| p.id != me.id)
            .take(2)
            .collect::<Vec<_>>();
        let table = "# source: t\n# link: t\n# kind: school\n# year: 2026\n# subject: math\n# grade: 7\n# output: mark\n# max_primary: 3\n2;0;0;;\n3;1;1;;\n4;2;2;;\n5;3;3;;\n";
        conversions::upload(db, &Actor::system("test"), school, "t.csv", table)
            .await
            .unwrap();
        let file = AssessmentFile {
            header: ProcedureHeader {
                kind: ProcedureKind::SchoolControl,
                year: 2026,
                subject: "math".into(),
                grade: 7,
                date: Some(date!(2026 - 11 - 20)),
                title: "Контрольная работа № 2".into(),
                max_primary: Some(3),
            },
            tasks: vec![
                TaskSpec {
                    code: "1".into(),
                    max_score: 1,
                    level: None,
                    skills: vec![],
                },
                TaskSpec {
                    code: "2".into(),
                    max_score: 2,
                    level: None,
                    skills: vec![],
                },
            ],
            results: vec![
                row(2, &me.code, [1, 2]),
                row(3, &class7[0].code, [0, 1]),
                row(4, &class7[1].code, [1, 0]),
            ],
        };
        let report = assessment::apply(
            db,
            &Actor::system("test"),
            school,
            file,
            date!(2026 - 11 - 26),
            false,
            None,
        )
        .await
        .unwrap();
        assert!(report.applied, "{:?}", report.errors);

        let deputy_c = app.login("deputy").await;
        let list = app.get(Some(&deputy_c), "/api/v1/assessments").await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.body);
        let procs: serde_json::Value = serde_json::from_str(&list.body).unwrap();
        assert_eq!(procs[0]["results"], 3);
        let id = procs[0]["id"].as_str().unwrap().to_string();
        let show = app.get(Some(&deputy_c), &format!("/api/v1/assessments/{id}")).await;
        assert_eq!(show.status, StatusCode::OK);
        let detail: serde_json::Value = serde_json::from_str(&show.body).unwrap();
        assert_eq!(detail["tasks"].as_array().unwrap().len(), 2);
        assert_eq!(detail["procedure"]["held_on"], "2026-11-20");

        let codes = |body: &str| -> Vec<String> {
            let v: serde_json::Value = serde_json::from_str(body).unwrap();
            v.as_array()
                .unwrap()
                .iter()
                .map(|r| r["participant_code"].as_str().unwrap().to_string())
                .collect()
        };
        let results = format!("/api/v1/assessments/{id}/results");
        let r = app.get(Some(&deputy_c), &results).await;
        assert_eq!(codes(&r.body).len(), 3);
        let teacher = app.login("teacher").await;
        let r = app.get(Some(&teacher), &results).await;
        assert_eq!((r.status, codes(&r.body).len()), (StatusCode::OK, 3), "{}", r.body);
        for login in ["pupil", "parent"] {
            let c = app.login(login).await;
            let r = app.get(Some(&c), &results).await;
            assert_eq!(r.status, StatusCode::OK, "{login}: {}", r.body);
            assert_eq!(codes(&r.body), vec![me.code.clone()], "{login}");
            let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
            assert_eq!(
                (v[0]["mark"].clone(), v[0]["scores"].clone()),
                (serde_json::json!(5), serde_json::json!([1, 2]))
            );
        }
        // A pupil of another class with no result: the procedure is not found.
        let other = pupils::list_visible(db, &deputy, "", None)
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.class_name.as_deref() != Some("7А"))
            .unwrap();
        let stranger = vsoko_store::Viewer {
            pupil_id: Some(other.id),
            ..pupil.clone()
        };
        assert!(
            assessment::read::procedure(db, &stranger, id.parse().unwrap())
                .await
                .unwrap()
                .is_none()
        );
        let unknown = app
            .get(Some(&deputy_c), &format!("/api/v1/assessments/{}/results", Uuid::nil()))
            .await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
        app.finish().await;
    }
}
