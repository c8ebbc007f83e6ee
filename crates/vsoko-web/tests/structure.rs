//! School structure pages: classes, years and periods, subjects and the teaching load are
//! managed by the administration of the viewer's own school; other roles get 403.

mod common;

use axum::http::StatusCode;
use common::*;
use vsoko_store::people::staff;
use vsoko_store::structure::{assignments, classes, subjects, years};

/// Pages of the structure area.
const PAGES: [&str; 4] = [
    "/admin/years",
    "/admin/classes",
    "/admin/subjects",
    "/admin/assignments",
];

#[tokio::test]
async fn deputy_manages_classes_periods_subjects_and_load_on_both_backends() {
    for app in demo_apps().await {
        let db = &app.t.db;
        let school = app.ids.school_id;
        let c = app.login("deputy").await;
        for page in PAGES {
            let r = app.get(Some(&c), page).await;
            assert_eq!(r.status, StatusCode::OK, "{page} on {}: {}", app.t.backend, r.body);
        }
        let year = years::current(db, school).await.unwrap().expect("current year");
        let year_id = year.id.to_string();

        // A new class appears in the list.
        let r = app
            .post_form(
                Some(&c),
                "/admin/classes",
                &[("year", &year_id), ("name", "5 г"), ("profile", "")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let list = app.get(Some(&c), &format!("/admin/classes?year={year_id}")).await;
        assert!(list.body.contains("5Г"));

        // A grade outside 1–11 is a field error, not a class.
        let r = app
            .post_form(Some(&c), "/admin/classes", &[("year", &year_id), ("name", "12А")])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("class=\"field-error\"") && r.body.contains("aria-invalid=\"true\""));
        assert!(r.body.contains("value=\"12А\""), "the typed name is kept");

        // The same class twice is a field error.
        let r = app
            .post_form(Some(&c), "/admin/classes", &[("year", &year_id), ("name", "5Г")])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("class=\"field-error\""));

        // A year of another school is not found.
        let other = app.ids.other_school_ids[0];
        let other_year = years::current(db, other).await.unwrap().expect("other year");
        let r = app
            .get(Some(&c), &format!("/admin/classes?year={}", other_year.id))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        // Editing a class: profile and class teacher (staff of this school only).
        let year_id_copy = year.id;
        let all = db
            .write(move |tx| Box::pin(async move { classes::all_in(tx, school, year_id_copy).await }))
            .await
            .unwrap();
        let class_5g = all.iter().find(|c| c.0 == "5Г").expect("5Г").1;
        let teacher = staff::list(db, school, "")
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.is_active)
            .unwrap();
        let r = app
            .post_form(
                Some(&c),
                &format!("/admin/classes/{class_5g}"),
                &[("profile", "инженерный"), ("class_teacher", &teacher.id.to_string())],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let list = app.get(Some(&c), &format!("/admin/classes?year={year_id}")).await;
        assert!(list.body.contains("инженерный") && list.body.contains(&teacher.last_name));
        let foreign_teacher = staff::list(db, other, "").await.unwrap()[0].id.to_string();
        let r = app
            .post_form(
                Some(&c),
                &format!("/admin/classes/{class_5g}"),
                &[("profile", ""), ("class_teacher", &foreign_teacher)],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

        // Periods: an overlap with the neighbour is refused, a valid change is saved.
        let periods = years::periods(db, school, year.id).await.unwrap();
        let (p1, p2) = (&periods[0], &periods[1]);
        let url = format!("/admin/years/periods/{}", p2.id);
        let r = app
            .post_form(
                Some(&c),
                &url,
                &[("start", &p1.end_date.to_string()), ("end", &p2.end_date.to_string())],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("class=\"field-error\""));
        assert_eq!(
            years::periods(db, school, year.id).await.unwrap()[1].start_date,
            p2.start_date
        );
        let new_start = p1.end_date.next_day().unwrap().next_day().unwrap();
        let r = app
            .post_form(
                Some(&c),
                &url,
                &[("start", &new_start.to_string()), ("end", &p2.end_date.to_string())],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(
            years::periods(db, school, year.id).await.unwrap()[1].start_date,
            new_start
        );
        let r = app
            .post_form(
                Some(&c),
                "/admin/years/periods/not-an-id",
                &[("start", "x"), ("end", "y")],
            )
            .await;
        assert!(r.status.is_client_error());
        let other_period = years::periods(db, other, other_year.id).await.unwrap()[0].id;
        let r = app
            .post_form(
                Some(&c),
                &format!("/admin/years/periods/{other_period}"),
                &[("start", "2026-09-01"), ("end", "2026-10-20")],
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "a period of another school");

        // An assignment with hours typed with a comma is stored in hundredths.
        let subject = subjects::list(db, school, "").await.unwrap()[0].clone();
        let r = app
            .post_form(
                Some(&c),
                "/admin/assignments",
                &[
                    ("staff_id", &teacher.id.to_string()),
                    ("class_id", &class_5g.to_string()),
                    ("subject_id", &subject.id.to_string()),
                    ("subgroup", "1"),
                    ("hours", "1,5"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let load = assignments::list(db, school, year.id, None, Some(class_5g))
            .await
            .unwrap();
        assert_eq!(load.len(), 1);
        assert_eq!(load[0].hours_x100, 150);
        assert_eq!(load[0].subgroup, "1");

        // A second teacher on the other subgroup: the page shows the class-subject is shared.
        let second = staff::list(db, school, "")
            .await
            .unwrap()
            .into_iter()
            .filter(|s| s.is_active)
            .nth(1)
            .unwrap();
        let r = app
            .post_form(
                Some(&c),
                "/admin/assignments",
                &[
                    ("staff_id", &second.id.to_string()),
                    ("class_id", &class_5g.to_string()),
                    ("subject_id", &subject.id.to_string()),
                    ("subgroup", "2"),
                    ("hours", "1.5"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let page = app
            .get(Some(&c), &format!("/admin/assignments?teacher={}", teacher.id))
            .await;
        assert!(page.body.contains("class=\"shared\""));
        assert!(page.body.contains(&second.last_name));
        let r = app
            .post_form(
                Some(&c),
                "/admin/assignments",
                &[
                    ("staff_id", &teacher.id.to_string()),
                    ("class_id", &class_5g.to_string()),
                    ("subject_id", &subject.id.to_string()),
                    ("hours", "полтора"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("class=\"field-error\""));

        // Deleting: one's own school's assignment goes, another id is 404.
        let id = load[0].id;
        let r = app
            .post_form(Some(&c), &format!("/admin/assignments/{id}/delete"), &[])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let r = app
            .post_form(Some(&c), &format!("/admin/assignments/{id}/delete"), &[])
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        // Subjects: add, a duplicate is a field error, edit, and seeding adds nothing new.
        let r = app
            .post_form(
                Some(&c),
                "/admin/subjects",
                &[
                    ("code", "robotics"),
                    ("name", "Робототехника"),
                    ("short_name", "Робот."),
                    ("is_active", "on"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = app
            .post_form(Some(&c), "/admin/subjects", &[("code", "robotics"), ("name", "Другое")])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("class=\"field-error\""));
        let r = app.get(Some(&c), "/admin/subjects?q=робот").await;
        assert!(r.body.contains("Робототехника") && !r.body.contains(">Математика<"));
        let robotics = subjects::list(db, school, "робот").await.unwrap()[0].id;
        let r = app
            .post_form(
                Some(&c),
                &format!("/admin/subjects/{robotics}"),
                &[
                    ("code", "robotics"),
                    ("name", "Робототехника и ИИ"),
                    ("short_name", "Робот."),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let s = subjects::get(db, school, robotics).await.unwrap().unwrap();
        assert!(!s.is_active && s.name == "Робототехника и ИИ");
        let r = app.post_form(Some(&c), "/admin/subjects/seed", &[]).await;
        assert_eq!(r.location.as_deref(), Some("/admin/subjects?seeded=0"));
        assert!(app.get(Some(&c), "/admin/subjects").await.body.contains("fgos.ru"));

        // A new year with half-years, then made current.
        let start = year.start_date.year() + 1;
        let prefill = app
            .get(Some(&c), &format!("/admin/years?start_year={start}&kind=half_year"))
            .await;
        assert!(prefill.body.contains("name=\"end_2\"") && !prefill.body.contains("name=\"end_3\""));
        let (y0, y1) = (start.to_string(), (start + 1).to_string());
        let form = [
            ("start_year", y0.as_str()),
            ("kind", "half_year"),
            ("start_1", &format!("{y0}-09-01")),
            ("end_1", &format!("{y0}-12-27")),
            ("start_2", &format!("01.01.{y1}")),
            ("end_2", &format!("31.05.{y1}")),
        ];
        let form: Vec<(&str, &str)> = form.to_vec();
        let r = app.post_form(Some(&c), "/admin/years", &form).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = app.post_form(Some(&c), "/admin/years", &form).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "the same year twice");
        let mut overlapping = form.clone();
        overlapping[4] = ("start_2", "2000-01-01");
        let r = app.post_form(Some(&c), "/admin/years", &overlapping).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let new_year = years::list(db, school)
            .await
            .unwrap()
            .into_iter()
            .find(|y| y.start_date.year() == start)
            .unwrap();
        assert!(!new_year.is_current);
        let r = app
            .post_form(Some(&c), &format!("/admin/years/{}/current", new_year.id), &[])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(years::current(db, school).await.unwrap().unwrap().id, new_year.id);
        assert!(vsoko_store::audit::count_for(db, new_year.id).await.unwrap() >= 2);
        let r = app
            .post_form(Some(&c), &format!("/admin/years/{}/current", other_year.id), &[])
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(years::current(db, other).await.unwrap().unwrap().is_current);
        app.finish().await;
    }
}

#[tokio::test]
async fn only_the_administration_reaches_structure_pages() {
    for app in demo_apps().await {
        for login in ["teacher", "classteacher", "pupil", "parent", "municipal"] {
            let c = app.login(login).await;
            for page in PAGES {
                let r = app.get(Some(&c), page).await;
                assert_eq!(r.status, StatusCode::FORBIDDEN, "{login} {page} on {}", app.t.backend);
                let r = app.post_form(Some(&c), page, &[]).await;
                assert_eq!(r.status, StatusCode::FORBIDDEN, "{login} POST {page}");
            }
            let r = app.post_form(Some(&c), "/admin/subjects/seed", &[]).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN);
        }
        let c = app.login("director").await;
        for page in PAGES {
            assert_eq!(app.get(Some(&c), page).await.status, StatusCode::OK, "director {page}");
        }
        app.finish().await;
    }
}
