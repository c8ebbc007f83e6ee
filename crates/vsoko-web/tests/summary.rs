//! The class teacher's summary ("сводная ведомость") on both backends: visible to the class
//! teacher of 7А and the administration, 404 for a subject teacher; term marks, weighted
//! means, attendance totals and pupils at risk; the XLSX export opens with calamine.

mod common;
mod journal_support;

use axum::http::StatusCode;
use calamine::{Data, Reader, Xlsx};
use common::*;
use journal_support::*;
use std::io::Cursor;
use time::macros::date;

#[tokio::test]
async fn class_summary_shows_terms_means_attendance_and_risks_and_exports_xlsx() {
    for app in demo_apps().await {
        let (db, school) = (&app.t.db, app.ids.school_id);
        let (teacher, a, roster) = seventh(db, school).await;
        let q2 = periods(db, school).await[1].id;
        let l1 = lesson(db, &teacher, &a, date!(2026 - 11 - 16), "Тема 1", "§ 1").await;
        let l2 = lesson(db, &teacher, &a, date!(2026 - 11 - 17), "Тема 2", "§ 2").await;
        let l3 = lesson(db, &teacher, &a, date!(2026 - 11 - 18), "Тема 3", "§ 3").await;
        let (weak, na, strong, ill) = (&roster[0], &roster[1], &roster[2], &roster[3]);
        for l in [l1, l2, l3] {
            cell(db, &teacher, l, weak.id, "2", "").await;
            cell(db, &teacher, l, strong.id, "5", "").await;
            cell(db, &teacher, l, ill.id, "", "Б").await;
        }
        cell(db, &teacher, l1, na.id, "", "Н").await;
        term(db, &teacher, &a, q2, na.id, "н/а").await;

        // Who sees it: the class teacher of 7А and the administration; not the subject teacher.
        let path = format!("/classes/{}/summary", a.class_id);
        let classteacher = app.login("classteacher").await;
        let r = app.get(Some(&classteacher), &path).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(
            app.get(Some(&app.login("teacher").await), &path).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.get(Some(&app.login("director").await), &path).await.status,
            StatusCode::OK
        );
        assert_eq!(
            app.get(Some(&app.login("pupil").await), &path).await.status,
            StatusCode::NOT_FOUND
        );
        let other = app.ids.other_school_ids[0];
        assert_eq!(
            app.get(Some(&classteacher), &format!("/classes/{other}/summary"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        let body = r.body;
        assert!(
            body.contains(&format!("title=\"{}\"", a.subject_name)),
            "the subject is a column"
        );
        assert!(body.contains("н/а"), "the term mark is shown");
        assert!(
            body.contains("5,00 <small>(3)</small>"),
            "the mean with its n, muted: {body}"
        );
        assert!(body.contains("2,00 <small>(3)</small>"));
        let risks: Vec<&str> = body.split("class=\"at-risk\"").skip(1).collect();
        // A suggested 2 (the weak pupil), a set н/а, and a suggested н/а for too few marks
        // (everyone without marks, the ill pupil among them) are risks; the strong pupil is not.
        assert_eq!(risks.len(), roster.len() - 1);
        let named = |p: &vsoko_store::people::pupils::Pupil| format!("{} {}", p.last_name, p.first_name);
        for p in [weak, na, ill] {
            assert!(risks.iter().any(|r| r.contains(&named(p))), "{} is at risk", named(p));
        }
        assert!(!risks.iter().any(|r| r.contains(&named(strong))));
        let item = |p| risks.iter().find(|r| r.contains(&named(p))).unwrap();
        assert!(item(weak).contains("class=\"risk-two\"") && !item(weak).contains("class=\"risk-na\""));
        assert!(item(na).contains("class=\"risk-na\"") && !item(na).contains("class=\"risk-two\""));
        assert!(body.contains("class=\"pupil risk\""));

        // XLSX: title, header, the н/а cell, a mean, attendance totals.
        let x = app.get(Some(&classteacher), &format!("{path}.xlsx?period={q2}")).await;
        assert_eq!(x.status, StatusCode::OK);
        assert!(x.content_type.contains("spreadsheetml"));
        assert!(x.headers["content-disposition"].contains("attachment"));
        let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(x.bytes.clone())).unwrap();
        let range = wb.worksheet_range("7А").unwrap();
        let cell_at = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
        let text = |d: Data| match d {
            Data::String(s) => s,
            other => other.to_string(),
        };
        assert!(text(cell_at(0, 0)).contains("7А"));
        let header_row = 3;
        let width = range.end().map(|(_, c)| c).unwrap_or(0);
        let subject_col = (0..=width)
            .find(|&c| text(cell_at(header_row, c)) == a.subject_name)
            .unwrap();
        let row_of = |name: &str| {
            (header_row + 1..header_row + 1 + roster.len() as u32)
                .find(|&r| text(cell_at(r, 1)) == name)
                .unwrap()
        };
        assert_eq!(cell_at(row_of(&named(na)), subject_col), Data::String("н/а".into()));
        assert_eq!(cell_at(row_of(&named(strong)), subject_col), Data::Float(5.0));
        let absences_col = (0..=width)
            .find(|&c| text(cell_at(header_row, c)) == "Пропущено уроков")
            .unwrap();
        assert_eq!(cell_at(row_of(&named(ill)), absences_col), Data::Float(3.0));
        assert_eq!(
            cell_at(row_of(&named(ill)), absences_col + 1),
            Data::Float(3.0),
            "of which ill"
        );
        assert_eq!(cell_at(row_of(&named(na)), absences_col), Data::Float(1.0));
        assert_eq!(
            app.get(Some(&app.login("teacher").await), &format!("{path}.xlsx"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        app.finish().await;
    }
}
