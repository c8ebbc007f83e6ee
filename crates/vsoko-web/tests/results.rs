//! The results page (`/results`): metrics of a period per class and per subject with their n,
//! the quality interval and the change since the previous period; scope per role; drill-down
//! class → subject → journal. Both backends.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

mod common;
mod journal_support;

use axum::http::StatusCode;
use calamine::Data;
use common::*;
use journal_support::*;
use time::macros::date;
use uuid::Uuid;
use vsoko_domain::journal::{MarkCounts, PeriodMark, SouLowWeight};
use vsoko_store::journal::locks;
use vsoko_store::journal::period_marks::{self, PeriodMarkInput};
use vsoko_store::structure::assignments::Assignment;
use vsoko_store::{Actor, Viewer};

/// A term mark in a reopened period (with a reason).
async fn late_term(db: &vsoko_store::Db, v: &Viewer, a: &Assignment, period: Uuid, pupil: Uuid, value: &str) {
    let (v, actor) = (v.clone(), Actor::user(v.user_id, &v.login));
    let input = PeriodMarkInput {
        pupil_id: pupil,
        subject_id: a.subject_id,
        class_id: a.class_id,
        period_id: Some(period),
        value: value.into(),
        expected_version: None,
        reason: Some("исправление после проверки".into()),
    };
    db.write(move |tx| Box::pin(async move { period_marks::set(tx, &actor, &v, &input, TODAY).await }))
        .await
        .unwrap();
}

fn counts(values: &[&str]) -> MarkCounts {
    let marks: Vec<PeriodMark> = values.iter().map(|v| PeriodMark::parse(v).unwrap()).collect();
    MarkCounts::from_marks(marks.iter())
}

#[tokio::test]
async fn results_show_metrics_with_n_change_and_scope() {
    for app in demo_apps().await {
        let db = &app.t.db;
        let school = app.ids.school_id;
        let (teacher, a, roster) = seventh(db, school).await;
        let ps = periods(db, school).await;
        let (q1, q2) = (ps[0].id, ps[1].id);
        let deputy = app.login("deputy").await;

        // Before anything is recorded the page works and says it counts current marks.
        let empty = app.get(Some(&deputy), &format!("/results?period={q2}")).await;
        assert_eq!(empty.status, StatusCode::OK);
        assert!(empty.body.contains("id=\"basis\""));

        // Quarter 1: 12 term marks; quarter 2: 12 term marks, better.
        let before: Vec<&str> = ["5", "4", "3", "3", "3", "3", "2", "3", "4", "3", "3", "н/а"].to_vec();
        let after: Vec<&str> = ["5", "5", "4", "4", "4", "4", "3", "3", "4", "4", "3", "3"].to_vec();
        assert!(roster.len() >= 12);
        // Quarter 1 has ended: the deputy reopens it and the teacher gives a reason.
        db.write(move |tx| {
            Box::pin(async move { locks::set_mode(tx, &Actor::system("test"), school, q1, "open").await })
        })
        .await
        .unwrap();
        for (p, v) in roster.iter().zip(&before) {
            late_term(db, &teacher, &a, q1, p.id, v).await;
        }
        for (p, v) in roster.iter().zip(&after) {
            term(db, &teacher, &a, q2, p.id, v).await;
        }
        // A current mark in quarter 2 of the same class (term marks take precedence).
        let l = lesson(db, &teacher, &a, date!(2026 - 11 - 20), "Степени", "§ 1").await;
        cell(db, &teacher, l, roster[0].id, "2", "").await;

        let m_before = counts(&before).metrics(SouLowWeight::default());
        let m_after = counts(&after).metrics(SouLowWeight::default());
        let page = app.get(Some(&deputy), &format!("/results?period={q2}")).await;
        assert_eq!(page.status, StatusCode::OK);
        let body = &page.body;
        assert!(body.contains("id=\"table-classes\"") && body.contains("id=\"table-subjects\""));
        let row = "data-label=\"7А\"";
        assert_eq!(attr(body, row, "data-n").unwrap(), "12");
        let q: f64 = attr(body, row, "data-quality").unwrap().parse().unwrap();
        assert!((q - m_after.knowledge_quality.unwrap()).abs() < 1e-6);
        let s: f64 = attr(body, row, "data-success").unwrap().parse().unwrap();
        assert!((s - m_after.success_rate.unwrap()).abs() < 1e-6);
        // The change in percentage points with the earlier n (12, of which н/а counts).
        let pp = (m_after.knowledge_quality.unwrap() - m_before.knowledge_quality.unwrap()) * 100.0;
        let shown = format!("+{:.1}", pp).replace('.', ",");
        assert!(body.contains(&shown), "change {shown} shown: {body}");
        assert!(body.contains("<svg"), "distribution chart drawn");
        assert!(body.contains("[") && body.contains("–"), "quality interval shown");

        // Drill down: the class shows its subjects linking to the journal.
        let class = app
            .get(Some(&deputy), &format!("/results?period={q2}&class={}", a.class_id))
            .await;
        assert_eq!(class.status, StatusCode::OK);
        assert!(
            class
                .body
                .contains(&format!("/journal/{}/{}?period={q2}", a.class_id, a.subject_id)),
            "{}",
            class.body
        );
        let subject = app
            .get(Some(&deputy), &format!("/results?period={q2}&subject={}", a.subject_id))
            .await;
        assert_eq!(subject.status, StatusCode::OK);
        assert!(subject.body.contains(row));

        // Scope: the teacher sees their class, parents and the municipality do not see the page;
        // an unknown class is 404.
        let t = app.login("teacher").await;
        let mine = app.get(Some(&t), &format!("/results?period={q2}")).await;
        assert_eq!(mine.status, StatusCode::OK);
        assert!(mine.body.contains(row));
        for login in ["parent", "pupil", "municipal"] {
            let s = app.login(login).await;
            assert_eq!(
                app.get(Some(&s), "/results").await.status,
                StatusCode::NOT_FOUND,
                "{login}"
            );
        }
        let unknown = app
            .get(Some(&deputy), &format!("/results?period={q2}&class={}", Uuid::nil()))
            .await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);

        // Small groups: another class of the teacher with 4 term marks is "too few to judge".
        let year = vsoko_store::structure::years::current(db, school)
            .await
            .unwrap()
            .unwrap();
        let load = vsoko_store::structure::assignments::mine(db, &teacher, year.id)
            .await
            .unwrap();
        let other = load
            .iter()
            .find(|o| o.class_id != a.class_id && o.subgroup.is_empty())
            .unwrap();
        let others = vsoko_store::people::pupils::list_visible(db, &teacher, "", Some(other.class_id))
            .await
            .unwrap();
        for p in others.iter().take(4) {
            term(db, &teacher, other, q2, p.id, "4").await;
        }
        let page = app.get(Some(&deputy), &format!("/results?period={q2}")).await.body;
        let marker = format!("data-label=\"{}\"", other.class_name);
        assert_eq!(attr(&page, &marker, "data-n").unwrap(), "4");
        assert_eq!(attr(&page, &marker, "class").unwrap(), "result small");
        assert!(page.contains("мало данных для вывода"));

        // The XLSX export of the same period holds the page's numbers: 7А's n, quality and
        // change in p.p.; the small class without an interval.
        assert!(page.contains(&format!("href=\"/results.xlsx?period={q2}\"")));
        let x = app.get(Some(&deputy), &format!("/results.xlsx?period={q2}")).await;
        assert_eq!(x.status, StatusCode::OK);
        assert!(x.content_type.contains("spreadsheetml"));
        let rows = xlsx_rows(&x.bytes);
        let line = |label: &str| {
            rows.iter()
                .find(|r| r.first() == Some(&Data::String(label.into())))
                .cloned()
                .unwrap()
        };
        let seventh = line("7А");
        assert_eq!(seventh[1], Data::Float(12.0));
        assert!((xlsx_float(&seventh[3]) - m_after.knowledge_quality.unwrap()).abs() < 1e-9);
        assert!((xlsx_float(&seventh[9]) - pp).abs() < 1e-9);
        let small = line(&other.class_name);
        assert_eq!(small[1], Data::Float(4.0));
        assert_eq!((&small[4], &small[5]), (&Data::Empty, &Data::Empty));
        // The teacher's export is his scope; a parent's is not found.
        let theirs = xlsx_rows(&app.get(Some(&t), &format!("/results.xlsx?period={q2}")).await.bytes);
        assert!(theirs.iter().any(|r| r.first() == Some(&Data::String("7А".into()))));
        let parent = app.login("parent").await;
        assert_eq!(
            app.get(Some(&parent), "/results.xlsx").await.status,
            StatusCode::NOT_FOUND
        );
    }
}

/// `?versus=year`: the change is against the same quarter of the year before, each class
/// carried to the class its pupils are in now (last year's 6А → today's 7А), with the year
/// named; without last year's marks the change says there is nothing to compare with.
#[tokio::test]
async fn the_same_period_last_year_is_compared_by_the_pupils_cohort() {
    for app in demo_apps().await {
        let db = &app.t.db;
        let school = app.ids.school_id;
        let deputy = viewer(db, "deputy").await;
        let years = vsoko_store::structure::years::list(db, school).await.unwrap();
        let (now, before) = (
            years.iter().find(|y| y.is_current).unwrap().clone(),
            years.iter().find(|y| !y.is_current).unwrap().clone(),
        );
        let q1_now = vsoko_store::structure::years::periods(db, school, now.id)
            .await
            .unwrap()[0]
            .clone();
        let q1_before = vsoko_store::structure::years::periods(db, school, before.id)
            .await
            .unwrap()[0]
            .clone();
        for q in [q1_now.id, q1_before.id] {
            db.write(move |tx| {
                Box::pin(async move { locks::set_mode(tx, &Actor::system("test"), school, q, "open").await })
            })
            .await
            .unwrap();
        }
        let cookie = app.login("deputy").await;
        let url = format!("/results?period={}&versus=year", q1_now.id);
        let row = |body: &str, label: &str| -> String {
            let at = body.find(&format!("data-label=\"{label}\"")).unwrap();
            body[at..at + body[at..].find("</tr>").unwrap()].to_string()
        };

        // One subject: this year's 7А gets first-quarter marks "4"; last year's 6А (the same
        // pupils) none yet.
        let six_a = vsoko_store::structure::assignments::list(db, school, before.id, None, None)
            .await
            .unwrap()
            .into_iter()
            .find(|a| a.class_name == "6А" && a.subgroup.is_empty())
            .unwrap();
        let seven_a = vsoko_store::structure::assignments::list(db, school, now.id, None, None)
            .await
            .unwrap()
            .into_iter()
            .find(|a| a.class_name == "7А" && a.subject_id == six_a.subject_id && a.subgroup.is_empty())
            .unwrap();
        let pupils = vsoko_store::people::pupils::list_visible(db, &deputy, "", Some(seven_a.class_id))
            .await
            .unwrap();
        assert!(pupils.len() >= 10);
        for p in &pupils {
            late_term(db, &deputy, &seven_a, q1_now.id, p.id, "4").await;
        }
        let page = app.get(Some(&cookie), &url).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains("<option value=\"year\" selected"),
            "the choice is kept"
        );
        assert!(
            row(&page.body, "7А").contains("нет данных для сравнения"),
            "{}",
            row(&page.body, "7А")
        );

        // Last year's 6А gets its first-quarter marks in that subject: all "5".
        for p in &pupils {
            late_term(db, &deputy, &six_a, q1_before.id, p.id, "5").await;
        }
        let page = app.get(Some(&cookie), &url).await;
        assert!(
            page.body.contains(&before.name),
            "the basis line names last year: {}",
            &page.body[page.body.find("id=\"basis\"").unwrap()..][..300]
        );
        // The change cell carries last year's n (the mean's n is in another cell).
        let change = |r: &str| r[r.find("class=\"num change").unwrap()..].to_string();
        let seven = row(&page.body, "7А");
        assert!(
            change(&seven).contains(&format!("n={}", pupils.len())),
            "7А carries 6А's n: {seven}"
        );
        assert!(!seven.contains("нет данных для сравнения"), "{seven}");
        // The subject's line compares with last year's marks of that subject.
        let subject = row(&page.body, &six_a.subject_name);
        assert!(change(&subject).contains(&format!("n={}", pupils.len())), "{subject}");
        // The default still compares with the previous period of this year (none for Q1).
        let page = app.get(Some(&cookie), &format!("/results?period={}", q1_now.id)).await;
        assert!(row(&page.body, "7А").contains("нет данных для сравнения"));
        app.finish().await;
    }
}
