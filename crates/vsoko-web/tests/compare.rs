//! The comparison with the municipality and region on both backends: the demo school and the
//! two other schools of its municipality write the same ВПР; the deputy sees the block on the
//! analysis page (with a difference, 35 participants in 3 schools being enough) and the
//! overview on `/results`; the municipal specialist sees one line per school and the total;
//! pupils, parents and teachers reach none of it, and the director sees only their school.
//!
//! Figures by hand (marks from the reference table 0–9 → 2, 10–15 → 3, 16–20 → 4, 21–24 → 5):
//! demo school 15 participants, totals 24, 18, 12, 6, 16 three times → marks 2/3/4/5 =
//! 3/3/6/3, quality 9/15; school 2: 10 × 20 → 4; school 3: 10 × 8 → 2. Municipality (= region
//! here): 35 participants, quality 19/35; the school minus the municipality = 2/35 = +5,7 pp.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

mod common;

use axum::http::StatusCode;
use calamine::Data;
use common::*;
use time::macros::date;
use uuid::Uuid;
use vsoko_domain::assessment::AssessmentFile;
use vsoko_domain::roles::Role;
use vsoko_store::Actor;
use vsoko_store::assessment;

const MAXIMA: [u32; 12] = VPR_RUS4_MAXIMA;

fn fill(total: u32) -> Vec<Option<u32>> {
    let mut left = total;
    MAXIMA
        .iter()
        .map(|&m| {
            let s = left.min(m);
            left -= s;
            Some(s)
        })
        .collect()
}

fn file(totals: &[u32], first_code: usize) -> AssessmentFile {
    let rows = totals.iter().map(|&t| ("4А".to_string(), fill(t), None)).collect();
    vpr_rus4_file(date!(2026 - 04 - 21), first_code, 2, rows)
}

async fn apply(app: &App, school: Uuid, totals: &[u32], first_code: usize) {
    let report = assessment::apply(
        &app.t.db,
        &Actor::system("test"),
        school,
        file(totals, first_code),
        date!(2026 - 11 - 26),
        false,
        None,
    )
    .await
    .unwrap();
    assert!(report.errors.is_empty() && report.applied, "{:?}", report.errors);
}

#[tokio::test]
async fn the_deputy_compares_the_municipal_specialist_sees_schools_and_nobody_else_gets_other_schools() {
    for app in demo_apps().await {
        let own: Vec<u32> = [24, 18, 12, 6, 16].repeat(3);
        apply(&app, app.ids.school_id, &own, 30001).await;
        apply(&app, app.ids.other_school_ids[0], &[20; 10], 40001).await;
        apply(&app, app.ids.other_school_ids[1], &[8; 10], 50001).await;
        let deputy = app.login("deputy").await;
        let hub = app.get(Some(&deputy), "/results").await;
        let at = hub.body.find("/analysis\"").unwrap_or(0);
        let start = hub.body[..at].rfind("/assessments/").unwrap();
        let id: Uuid = hub.body[start + 13..at].parse().unwrap();

        // The analysis page: school, municipality, region with n, and a difference.
        let page = app.get(Some(&deputy), &format!("/assessments/{id}/analysis")).await;
        assert_eq!(page.status, StatusCode::OK);
        let body = &page.body;
        assert!(body.contains("id=\"compare\""), "{body}");
        assert_eq!(attr(body, "data-level=\"school\"", "data-n").as_deref(), Some("15"));
        assert_eq!(
            attr(body, "data-level=\"school\"", "data-quality").as_deref(),
            Some("0.600000")
        );
        assert_eq!(
            attr(body, "data-level=\"municipality\"", "data-n").as_deref(),
            Some("35")
        );
        assert_eq!(
            attr(body, "data-level=\"municipality\"", "data-schools").as_deref(),
            Some("3")
        );
        assert_eq!(
            attr(body, "data-level=\"municipality\"", "data-quality").as_deref(),
            Some(format!("{:.6}", 19.0 / 35.0).as_str())
        );
        assert_eq!(
            attr(body, "data-level=\"region\"", "data-too-few").as_deref(),
            Some("false")
        );
        assert!(body.contains("+5,7 п. п."), "school minus municipality: {body}");
        // Task columns for the levels: task 10 (max 3) — 4А: 3,1,0,0,0 ×3 = 12 of 45;
        // school 2: 3 × 10 = 30; school 3: 0 → 42 of 105 = 40,0 %.
        assert!(body.contains("class=\"num level-col\">40,0 %"), "{body}");

        // The analysis workbook carries the same comparison: levels and task completion.
        let x = app
            .get(Some(&deputy), &format!("/assessments/{id}/analysis.xlsx"))
            .await;
        assert_eq!(x.status, StatusCode::OK);
        let rows = xlsx_rows(&x.bytes);
        let level_row = |label: &str| -> Vec<Data> {
            rows.iter()
                .find(|r| r.first().is_some_and(|c| matches!(c, Data::String(s) if s == label)))
                .unwrap_or_else(|| panic!("no row {label}: {rows:?}"))
                .clone()
        };
        let m = level_row("Муниципалитет");
        assert_eq!(
            (xlsx_float(&m[2]), xlsx_float(&m[3]), xlsx_float(&m[4])),
            (3.0, 35.0, 35.0),
            "{m:?}"
        );
        assert!((xlsx_float(&m[10]) - 19.0 / 35.0).abs() < 1e-9, "{m:?}");
        assert!((xlsx_float(&m[14]) - (0.6 - 19.0 / 35.0) * 100.0).abs() < 0.05, "{m:?}");
        assert!((xlsx_float(&level_row("Школа")[10]) - 0.6).abs() < 1e-9);
        let task10 = rows
            .iter()
            .rev()
            .find(|r| r.first().is_some_and(|c| matches!(c, Data::String(s) if s == "10")))
            .unwrap();
        assert!(
            (xlsx_float(&task10[2]) - 0.4).abs() < 1e-9,
            "municipality completion of task 10: {task10:?}"
        );

        // The overview on /results.
        assert!(hub.body.contains("id=\"signals-compare\""));
        assert!(hub.body.contains("class=\"compare-item\""), "{}", hub.body);

        // The municipal specialist: a line per school and the total; no participant codes.
        let municipal = app.login("municipal").await;
        let schools = app.get(Some(&municipal), "/schools").await;
        assert!(schools.body.contains("/schools/assessments"));
        let table = app.get(Some(&municipal), "/schools/assessments").await;
        assert_eq!(table.status, StatusCode::OK, "{}", table.body);
        assert_eq!(table.body.matches("class=\"unit-school\"").count(), 3, "{}", table.body);
        assert_eq!(
            attr(&table.body, "class=\"unit-total\"", "data-n").as_deref(),
            Some("35")
        );
        for code in ["30001", "40001", "50001"] {
            assert!(!table.body.contains(code), "no participant rows");
        }
        let x = app.get(Some(&municipal), "/schools/assessments.xlsx").await;
        assert_eq!(x.status, StatusCode::OK);
        assert!(x.bytes.starts_with(b"PK"));
        let regional = app.login("regional").await;
        let table = app.get(Some(&regional), "/schools/assessments?year=2026").await;
        assert_eq!(table.body.matches("class=\"unit-school\"").count(), 3);
        let none = app.get(Some(&regional), "/schools/assessments?year=2020").await;
        assert_eq!(none.body.matches("class=\"unit-school\"").count(), 0);

        // The director sees only the own school's line.
        let director = app.login("director").await;
        let own_only = app.get(Some(&director), "/schools/assessments").await;
        assert_eq!(own_only.body.matches("class=\"unit-school\"").count(), 1);

        // The deputy and a teacher of school 2 do not reach school 1's procedure; the deputy's
        // table holds the own school's line only.
        let other = app.ids.other_school_ids[0];
        let hash = vsoko_web::auth::password::hash_now("demo").unwrap();
        app.t
            .db
            .write(move |tx| {
                Box::pin(async move {
                    let a = Actor::system("test");
                    for (login, role) in [("deputy2", Role::Deputy), ("teacher2", Role::Teacher)] {
                        let u = vsoko_store::accounts::create_user(tx, &a, login, login, &hash, false).await?;
                        vsoko_store::accounts::grant_role(tx, &a, u, role, Some(other), None, &[]).await?;
                    }
                    Ok(())
                })
            })
            .await
            .unwrap();
        for login in ["deputy2", "teacher2"] {
            let c = app.login(login).await;
            let a = app.get(Some(&c), &format!("/assessments/{id}/analysis")).await;
            assert_eq!(a.status, StatusCode::NOT_FOUND, "{login}");
            assert!(!a.body.contains("id=\"compare\""));
        }
        let deputy2 = app.login("deputy2").await;
        let t = app.get(Some(&deputy2), "/schools/assessments").await;
        assert_eq!(t.body.matches("class=\"unit-school\"").count(), 1);
        assert_eq!(attr(&t.body, "class=\"unit-school\"", "data-n").as_deref(), Some("10"));

        // Pupils, parents and teachers get neither the table nor the comparison.
        for login in ["pupil", "parent", "teacher"] {
            let c = app.login(login).await;
            let t = app.get(Some(&c), "/schools/assessments").await;
            assert_ne!(t.status, StatusCode::OK, "{login}");
            assert!(!t.body.contains("unit-school"));
            let x = app.get(Some(&c), "/schools/assessments.xlsx").await;
            assert_ne!(x.status, StatusCode::OK, "{login}");
            let a = app.get(Some(&c), &format!("/assessments/{id}/analysis")).await;
            assert!(!a.body.contains("id=\"compare\""), "{login}");
            let ax = app.get(Some(&c), &format!("/assessments/{id}/analysis.xlsx")).await;
            assert!(
                ax.status != StatusCode::OK
                    || !xlsx_rows(&ax.bytes).iter().any(|r| r
                        .first()
                        .is_some_and(|c| matches!(c, Data::String(s) if s == "Муниципалитет"))),
                "{login} gets no comparison in the workbook"
            );
            let r = app.get(Some(&c), "/results").await;
            assert!(!r.body.contains("compare-item"), "{login}");
        }
        app.finish().await;
    }
}
