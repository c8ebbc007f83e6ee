//! The value-added page on both backends, over two school control works imported through the
//! store with pupils linked by code: the pair is found automatically; each class's effect
//! equals the engine's on the same pupils (the engine is pinned to lme4 in the domain
//! tests); a class under 10 pupils says "too few to judge", one of 10–19 "low reliability";
//! teacher lines are seen by the deputy and, his own only, by the teacher; parents, pupils
//! and the municipality get 404; the XLSX export holds the page's numbers.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

mod common;
mod journal_support;

use axum::http::StatusCode;
use calamine::{Data, Reader, Xlsx};
use common::*;
use journal_support::viewer;
use std::io::Cursor;
use time::macros::date;
use vsoko_domain::analytics::value_added::{VaPupil, value_added};
use vsoko_domain::assessment::{AssessmentFile, ProcedureHeader, ProcedureKind, ResultRow, TaskSpec};
use vsoko_domain::roster::Origin;
use vsoko_domain::structure::ClassName;
use vsoko_store::Actor;
use vsoko_store::assessment::{self, conversions};
use vsoko_store::people::pupils;
use vsoko_store::structure::{assignments, subjects, years};

const MAX: u32 = 20;

/// Five tasks of 4 points: a total spread over them in order.
fn task_scores(total: u32) -> Vec<Option<u32>> {
    (0..5).map(|j| Some(total.saturating_sub(4 * j).min(4))).collect()
}

struct Fixture {
    /// (class, prior, current) of every linked pupil.
    pupils: Vec<(String, u32, u32)>,
    /// The big class the teacher teaches, a class of 15, a class of 6.
    classes: [String; 3],
    teacher_name: String,
}

fn file(grade: i64, subject: &str, title: &str, day: time::Date, rows: &[(String, String, u32)]) -> AssessmentFile {
    AssessmentFile {
        header: ProcedureHeader {
            kind: ProcedureKind::SchoolControl,
            year: 2026,
            subject: subject.into(),
            grade,
            date: Some(day),
            title: title.into(),
            max_primary: Some(MAX),
        },
        tasks: (0..5)
            .map(|i| TaskSpec {
                code: (i + 1).to_string(),
                max_score: 4,
                level: None,
                skills: Vec::new(),
            })
            .collect(),
        results: rows
            .iter()
            .enumerate()
            .map(|(i, (class, code, total))| ResultRow {
                origin: Origin {
                    sheet: "Лист1".into(),
                    row: i + 2,
                },
                participant_code: format!("{}", 5001 + i),
                pupil_code: Some(code.clone()),
                full_name: None,
                class: ClassName::parse(class).unwrap(),
                variant: "1".into(),
                primary: Some(*total),
                scores: task_scores(*total),
                file_mark: None,
                file_test_score: None,
                journal_mark: None,
            })
            .collect(),
    }
}

/// Imports an entry work (September) and a control work (November) in the subject and grade
/// of the demo teacher's first class: his class with every pupil and a +3 effect, a second
/// class with 15 pupils and −3, a third with 6 pupils.
async fn fixture(app: &App) -> Fixture {
    let school = app.ids.school_id;
    let db = &app.t.db;
    let year = years::current(db, school).await.unwrap().unwrap();
    let teacher = viewer(db, "teacher").await;
    let deputy = viewer(db, "deputy").await;
    let mine = assignments::mine(db, &teacher, year.id).await.unwrap();
    let classes = vsoko_store::structure::classes::list_visible(db, &deputy, year.id, "")
        .await
        .unwrap();
    let a = mine
        .iter()
        .find(|a| {
            let grade = classes.iter().find(|c| c.id == a.class_id).unwrap().grade;
            classes.iter().filter(|c| c.grade == grade).count() >= 3
        })
        .unwrap();
    let grade = classes.iter().find(|c| c.id == a.class_id).unwrap().grade;
    let others: Vec<&str> = classes
        .iter()
        .filter(|c| c.grade == grade && c.id != a.class_id)
        .map(|c| c.name.as_str())
        .collect();
    let names = [a.class_name.clone(), others[0].to_string(), others[1].to_string()];
    let subject = subjects::get(db, school, a.subject_id).await.unwrap().unwrap();
    conversions::upload(
        db,
        &Actor::system("test"),
        school,
        "c.csv",
        &format!(
            "# source: test\n# link: test\n# kind: school\n# year: 2026\n# subject: {}\n# grade: {grade}\n# output: mark\n# max_primary: {MAX}\n2;0;6;;\n3;7;11;;\n4;12;16;;\n5;17;20;;\n",
            subject.code
        ),
    )
    .await
    .unwrap();
    let mut rows_prior = Vec::new();
    let mut rows_current = Vec::new();
    let mut pupils_out = Vec::new();
    for (k, (class, take, effect)) in [(0usize, usize::MAX, 3i64), (1, 15, -3), (2, 6, 0)]
        .map(|(i, t, e)| (names[i].clone(), t, e))
        .into_iter()
        .enumerate()
    {
        let class_id = classes.iter().find(|c| c.name == class).unwrap().id;
        let roster = pupils::list_visible(db, &deputy, "", Some(class_id)).await.unwrap();
        let members: Vec<_> = roster.iter().take(take).collect();
        assert!(members.len() >= 6.max(take.min(15)), "{class}: {}", members.len());
        for (i, p) in members.iter().enumerate() {
            let i = i64::try_from(i + 3 * k).unwrap();
            let prior = 4 + (i * 7) % 13;
            let noise = (i * 5) % 5 - 2;
            let current = ((8 * prior) / 10 + 3 + effect + noise).clamp(0, i64::from(MAX));
            let (prior, current) = (u32::try_from(prior).unwrap(), u32::try_from(current).unwrap());
            rows_prior.push((class.clone(), p.code.clone(), prior));
            rows_current.push((class.clone(), p.code.clone(), current));
            pupils_out.push((class.clone(), prior, current));
        }
    }
    for (title, day, rows) in [
        ("Входная контрольная работа", date!(2026 - 09 - 15), &rows_prior),
        (
            "Контрольная работа за I полугодие",
            date!(2026 - 11 - 20),
            &rows_current,
        ),
    ] {
        let report = assessment::apply(
            db,
            &Actor::system("test"),
            school,
            file(grade, &subject.code, title, day, rows),
            date!(2026 - 11 - 26),
            false,
            None,
        )
        .await
        .unwrap();
        assert!(report.errors.is_empty() && report.applied, "{:?}", report.errors);
        assert_eq!(report.linked, rows.len());
    }
    Fixture {
        pupils: pupils_out,
        classes: names,
        teacher_name: a.teacher_name.clone(),
    }
}

/// The part of the page from `id` to the end of its section.
fn section<'a>(body: &'a str, id: &str) -> &'a str {
    let Some(at) = body.find(&format!("id=\"{id}\"")) else {
        return "";
    };
    let rest = &body[at..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

#[tokio::test]
async fn value_added_by_class_and_teacher_with_scope_small_groups_and_export() {
    for app in demo_apps().await {
        let fx = fixture(&app).await;
        let [big, fifteen, six] = &fx.classes;
        let deputy = app.login("deputy").await;

        // The pair is found without asking, and the numbers are the engine's.
        let page = app.get(Some(&deputy), "/value-added").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let body = &page.body;
        assert!(
            body.contains("Входная контрольная работа</strong> → <strong>Контрольная работа за I полугодие"),
            "{body}"
        );
        let expected = value_added(
            &fx.pupils
                .iter()
                .map(|(c, p, q)| VaPupil {
                    class: c.clone(),
                    prior: f64::from(*p),
                    current: f64::from(*q),
                })
                .collect::<Vec<_>>(),
        )
        .unwrap();
        let classes = section(body, "va-classes");
        for c in &expected.classes {
            let marker = format!("data-label=\"{}\"", c.class);
            assert_eq!(attr(classes, &marker, "data-n").unwrap(), c.n.to_string());
            let shown = attr(classes, &marker, "data-effect").unwrap();
            match c.effect {
                Some(e) => assert!((shown.parse::<f64>().unwrap() - e).abs() < 1e-6, "{}", c.class),
                None => assert_eq!(shown, ""),
            }
        }
        // The strong class is above the school, the class of 6 too few to judge, the class
        // of 15 low reliability.
        let strong = expected.classes.iter().find(|c| &c.class == big).unwrap();
        assert!(strong.ci_low.unwrap() > 0.0, "{strong:?}");
        assert_eq!(
            attr(classes, &format!("data-label=\"{big}\""), "data-verdict").unwrap(),
            "above"
        );
        assert_eq!(
            attr(classes, &format!("data-label=\"{six}\""), "data-verdict").unwrap(),
            "too-few"
        );
        assert!(classes.contains("мало данных для вывода"));
        let row15 = &classes[classes.find(&format!("data-label=\"{fifteen}\"")).unwrap()..];
        assert!(row15[..row15.find("</tr>").unwrap()].contains("низкая надёжность"));
        // The model with its n.
        assert!(section(body, "va-model").contains(&format!("n = {}", fx.pupils.len())));

        // Teacher lines for the deputy, labelled methodical support.
        let teachers = section(body, "va-teachers");
        assert!(teachers.contains("Методическая поддержка, а не оценка"));
        assert!(teachers.contains(&fx.teacher_name), "{teachers}");
        assert!(teachers.matches("class=\"va-line").count() >= 2, "{teachers}");

        // The teacher sees his own class and his own line only.
        let teacher = app.login("teacher").await;
        let own = app.get(Some(&teacher), "/value-added").await.body;
        let own_teachers = section(&own, "va-teachers");
        assert_eq!(own_teachers.matches("class=\"va-line").count(), 1, "{own_teachers}");
        assert!(own_teachers.contains(&fx.teacher_name));
        assert!(section(&own, "va-classes").contains(&format!("data-label=\"{big}\"")));
        // Another teacher (the class teacher of 7А) does not see him.
        let other = app.login("classteacher").await;
        let theirs = app.get(Some(&other), "/value-added").await.body;
        assert!(!theirs.contains(&fx.teacher_name), "{theirs}");

        // Parents, pupils and the municipality: not found, page and export.
        for login in ["parent", "pupil", "municipal"] {
            let s = app.login(login).await;
            assert_eq!(
                app.get(Some(&s), "/value-added").await.status,
                StatusCode::NOT_FOUND,
                "{login}"
            );
            assert_eq!(
                app.get(Some(&s), "/value-added.xlsx").await.status,
                StatusCode::NOT_FOUND,
                "{login}"
            );
        }

        // The export holds the same numbers.
        let x = app.get(Some(&deputy), "/value-added.xlsx").await;
        assert_eq!(x.status, StatusCode::OK);
        assert!(x.content_type.contains("spreadsheetml"));
        let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(x.bytes.clone())).unwrap();
        let name = wb.sheet_names()[0].clone();
        let range = wb.worksheet_range(&name).unwrap();
        let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
        let row_of = |label: &str| {
            rows.iter()
                .find(|r| r.first() == Some(&Data::String(label.to_string())))
                .cloned()
                .unwrap()
        };
        let r = row_of(big);
        assert_eq!(r[1], Data::Float(strong.n as f64));
        match &r[2] {
            Data::Float(e) => assert!((e - strong.effect.unwrap()).abs() < 1e-9),
            other => panic!("{other:?}"),
        }
        assert_eq!(row_of(six)[2], Data::Empty);
        assert!(
            rows.iter()
                .flatten()
                .any(|d| *d == Data::String(fx.teacher_name.clone()))
        );
        // The teacher's export has his line only.
        let x = app.get(Some(&teacher), "/value-added.xlsx").await;
        let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(x.bytes.clone())).unwrap();
        let range = wb.worksheet_range(&name).unwrap();
        let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
        let title = rows
            .iter()
            .position(|r| r.first() == Some(&Data::String("По учителям".into())))
            .unwrap();
        // The title, the header, then the lines up to the first empty row.
        let lines: Vec<&Vec<Data>> = rows[title + 2..]
            .iter()
            .take_while(|r| !matches!(r.first(), None | Some(Data::Empty)))
            .filter(|r| matches!(r.get(1), Some(Data::Float(_))))
            .collect();
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert_eq!(lines[0][0], Data::String(fx.teacher_name.clone()));
        app.finish().await;
    }
}
