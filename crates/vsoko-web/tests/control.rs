//! The grading-policy page (validated, audited, locks) and the journal-keeping control
//! (lessons without topic, too few marks, late marks, class metrics) on both backends.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

mod common;
mod journal_support;

use axum::http::StatusCode;
use common::*;
use journal_support::*;
use time::macros::date;
use vsoko_domain::journal::{MarkCounts, PeriodMark, Rounding, SouLowWeight};
use vsoko_store::journal::policy;
use vsoko_store::structure::years;

/// A share as the control page prints it in Russian ("60,0 %").
fn pct(x: f64) -> String {
    format!("{:.1} %", x * 100.0).replace('.', ",")
}

async fn audit_rows(app: &App, entity_id: uuid::Uuid) -> i64 {
    vsoko_store::audit::count_for(&app.t.db, entity_id).await.unwrap()
}

#[tokio::test]
async fn grading_policy_is_validated_audited_and_locks_periods() {
    for app in demo_apps().await {
        let school = app.ids.school_id;
        let year = years::current(&app.t.db, school).await.unwrap().unwrap();
        let deputy = app.login("deputy").await;
        let audited = audit_rows(&app, year.id).await;
        let page = app.get(Some(&deputy), "/admin/grading-policy").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("name=\"wt_code_0\""), "work-type rows are shown");
        assert!(page.body.contains("value=\"4.65\""));

        // Invalid: weight 0, thresholds out of order, min marks out of range; nothing saved.
        let bad = [
            ("wt_code_0", "test"),
            ("wt_name_0", "Контрольная работа"),
            ("wt_weight_0", "0"),
            ("rounding", "thresholds"),
            ("five", "3.5"),
            ("four", "3.65"),
            ("three", "2.65"),
            ("min_marks", "50"),
        ];
        let r = app.post_form(Some(&deputy), "/admin/grading-policy", &bad).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("form-error"));
        assert!(
            r.body
                .contains("name=\"wt_weight_0\" value=\"0\" inputmode=\"numeric\" size=\"4\" aria-label"),
            "value kept"
        );
        assert!(r.body.contains("aria-invalid=\"true\""));
        assert!(r.body.matches("class=\"field-error\"").count() >= 3, "{}", r.body);
        assert_eq!(audit_rows(&app, year.id).await, audited);
        assert_eq!(
            policy::get(&app.t.db, school, year.id).await.unwrap(),
            Default::default()
        );

        // Valid: one row edited, one removed, one added; half-up; min 4; a pass/fail subject.
        let mut form: Vec<(String, String)> = Vec::new();
        for (i, (code, name, weight)) in [("test", "Контрольная", "6"), ("oral", "Ответ", "2"), ("", "", "")]
            .iter()
            .enumerate()
        {
            form.push((format!("wt_code_{i}"), code.to_string()));
            form.push((format!("wt_name_{i}"), name.to_string()));
            form.push((format!("wt_weight_{i}"), weight.to_string()));
        }
        form.push(("wt_remove_1".into(), "on".into()));
        for (k, v) in [("wt_code_3", "project"), ("wt_name_3", "Проект"), ("wt_weight_3", "4")] {
            form.push((k.into(), v.into()));
        }
        for (k, v) in [
            ("rounding", "half_up"),
            ("five", "4.65"),
            ("four", "3.65"),
            ("three", "2.65"),
            ("min_marks", "4"),
            ("grade_one", "on"),
            ("pass_fail", "pe"),
        ] {
            form.push((k.into(), v.into()));
        }
        let subjects = vsoko_store::structure::subjects::list(&app.t.db, school, "")
            .await
            .unwrap();
        let pe = subjects.iter().find(|s| s.code == "pe").map(|s| s.code.clone());
        if pe.is_none() {
            form.retain(|(k, _)| k != "pass_fail");
        }
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let r = app.post_form(Some(&deputy), "/admin/grading-policy", &pairs).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let saved = policy::get(&app.t.db, school, year.id).await.unwrap();
        let codes: Vec<(&str, i64)> = saved.work_types.iter().map(|w| (w.code.as_str(), w.weight)).collect();
        assert_eq!(codes, vec![("test", 6), ("project", 4)]);
        assert_eq!((saved.rounding, saved.min_marks), (Rounding::HalfUp, 4));
        assert_eq!(saved.pass_fail_subjects, pe.into_iter().collect::<Vec<_>>());
        assert_eq!(audit_rows(&app, year.id).await, audited + 1, "the change is audited");
        assert!(
            app.get(Some(&deputy), "/admin/grading-policy?saved=1")
                .await
                .body
                .contains("value=\"project\"")
        );

        // The director reads but may not change.
        let director = app.login("director").await;
        let d = app.get(Some(&director), "/admin/grading-policy").await;
        assert_eq!(d.status, StatusCode::OK);
        assert!(d.body.contains(" disabled"));
        assert_eq!(
            app.post_form(Some(&director), "/admin/grading-policy", &pairs)
                .await
                .status,
            StatusCode::FORBIDDEN
        );

        // Locks: quarter 1 has ended (locked), quarter 2 is open; lock it now, then back to auto.
        let ps = periods(&app.t.db, school).await;
        let (q1, q2) = (ps[0].id, ps[1].id);
        let locks_audited = audit_rows(&app, q2).await + audit_rows(&app, q1).await;
        let state = |body: &str, id| attr(body, &format!("id=\"period-{id}\""), "data-state");
        let body = app.get(Some(&deputy), "/admin/grading-policy").await.body;
        assert_eq!(state(&body, q1).as_deref(), Some("locked"));
        assert_eq!(state(&body, q2).as_deref(), Some("open"));
        let path = format!("/admin/grading-policy/periods/{q2}");
        assert_eq!(
            app.post_form(Some(&deputy), &path, &[("mode", "locked")]).await.status,
            StatusCode::SEE_OTHER
        );
        assert_eq!(
            state(&app.get(Some(&deputy), "/admin/grading-policy").await.body, q2).as_deref(),
            Some("locked")
        );
        assert_eq!(
            app.post_form(
                Some(&deputy),
                &format!("/admin/grading-policy/periods/{q1}"),
                &[("mode", "open")]
            )
            .await
            .status,
            StatusCode::SEE_OTHER
        );
        app.post_form(Some(&deputy), &path, &[("mode", "auto")]).await;
        let body = app.get(Some(&deputy), "/admin/grading-policy").await.body;
        assert_eq!(state(&body, q1).as_deref(), Some("reopened"));
        assert_eq!(state(&body, q2).as_deref(), Some("open"));
        assert_eq!(
            app.post_form(Some(&deputy), &path, &[("mode", "sometimes")])
                .await
                .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            audit_rows(&app, q2).await + audit_rows(&app, q1).await,
            locks_audited + 3,
            "every lock change is audited"
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn control_finds_gaps_short_and_late_marks_and_class_metrics() {
    for app in demo_apps().await {
        let (db, school) = (&app.t.db, app.ids.school_id);
        let (teacher, a, roster) = seventh(db, school).await;
        let q2 = periods(db, school).await[1].id;
        let deputy = app.login("deputy").await;
        assert_eq!(
            app.get(Some(&app.login("teacher").await), "/control").await.status,
            StatusCode::FORBIDDEN
        );

        // Nothing recorded yet: no gaps, no term marks (the overview says so).
        let empty = app.get(Some(&deputy), "/control").await;
        assert_eq!(empty.status, StatusCode::OK);
        assert!(!empty.body.contains("class=\"gap\""));
        let overview = app.get(Some(&deputy), "/control?tab=overview").await.body;
        assert!(overview.contains("class=\"overview current\""));
        assert!(!overview.contains("class=\"overview terms\""));

        // A lesson without topic; a lesson whose marks are saved today, 20 days after it; a
        // recent one (2 days, not late).
        let untitled = lesson(db, &teacher, &a, date!(2026 - 11 - 20), "", "§ 5").await;
        let old = lesson(db, &teacher, &a, date!(2026 - 11 - 06), "Степени", "§ 1").await;
        let recent = lesson(db, &teacher, &a, date!(2026 - 11 - 24), "Одночлены", "§ 2").await;
        cell(db, &teacher, old, roster[0].id, "5", "").await;
        cell(db, &teacher, old, roster[1].id, "4", "").await;
        cell(db, &teacher, recent, roster[0].id, "3", "").await;
        cell(db, &teacher, untitled, roster[0].id, "5", "").await;

        let topics = app.get(Some(&deputy), "/control?tab=topics").await.body;
        assert_eq!(topics.matches("class=\"gap\"").count(), 1, "{topics}");
        assert!(topics.contains("20.11.2026"));
        assert!(topics.contains(&format!("/journal/{}/{}?period={q2}", a.class_id, a.subject_id)));

        let late = app.get(Some(&deputy), "/control?tab=late").await.body;
        assert_eq!(late.matches("class=\"late\"").count(), 1, "{late}");
        assert!(late.contains("06.11.2026") && !late.contains("24.11.2026"));
        let lenient = app.get(Some(&deputy), "/control?tab=late&late_days=30").await.body;
        assert_eq!(lenient.matches("class=\"late\"").count(), 0);

        // Too few marks: everyone in 7А but the first pupil (3 marks) has fewer than 3.
        let marks = app.get(Some(&deputy), "/control?tab=marks").await.body;
        let subject_row = format!("data-subject=\"7А {}\"", a.subject_name);
        assert_eq!(
            attr(&marks, &subject_row, "data-short").unwrap(),
            (roster.len() - 1).to_string()
        );
        assert_eq!(
            attr(&marks, &subject_row, "data-pupils").unwrap(),
            roster.len().to_string()
        );
        let class_short = attr(&marks, "data-class=\"7А\"", "data-short").unwrap();
        assert_eq!(
            class_short,
            roster.len().to_string(),
            "per class: pupils short in any subject"
        );

        // Term marks 5, 4, 3, 2, н/а, осв.: the overview equals the domain's metrics.
        let values = ["5", "4", "3", "2", "н/а", "осв"];
        for (p, v) in roster.iter().zip(values) {
            term(db, &teacher, &a, q2, p.id, v).await;
        }
        let counts = MarkCounts::from_marks(
            values
                .iter()
                .map(|v| PeriodMark::parse(v).unwrap())
                .collect::<Vec<_>>()
                .iter(),
        );
        let m = counts.metrics(SouLowWeight::default());
        assert_eq!(m.n, 5, "н/а counts, осв. does not");
        let body = app.get(Some(&deputy), "/control?tab=overview").await.body;
        let row = "data-class=\"7А\"";
        assert_eq!(attr(&body, row, "class").as_deref(), Some("overview terms"));
        assert_eq!(attr(&body, row, "data-n").unwrap(), m.n.to_string());
        assert_eq!(attr(&body, row, "data-success").unwrap(), pct(m.success_rate.unwrap()));
        assert_eq!(
            attr(&body, row, "data-quality").unwrap(),
            pct(m.knowledge_quality.unwrap())
        );
        assert_eq!(
            attr(&body, row, "data-sou").unwrap(),
            format!("{:.1} %", m.degree_of_learning.unwrap()).replace('.', ",")
        );
        assert_eq!(
            attr(&body, row, "data-mean").unwrap(),
            format!("{:.2}", m.mean_mark.unwrap()).replace('.', ",")
        );
        assert_eq!(attr(&body, row, "data-success").as_deref(), Some("60,0 %"));
        assert!(body.contains("n=4"), "the mean's n leaves н/а out");
        // Another period's overview is reachable by id; another school's is not.
        let q1 = periods(db, school).await[0].id;
        assert_eq!(
            app.get(Some(&deputy), &format!("/control?tab=overview&period={q1}"))
                .await
                .status,
            StatusCode::OK
        );
        app.finish().await;
    }
}
