//! The analysis page's block "the same work a year earlier" on both backends: ВПР Russian 4
//! of 2024, 2025 and 2026 imported through the store; every figure of the block equals a
//! count by hand from the fixture, tasks are compared only with identical task tables, a year
//! under 30 participants gets no change, a teacher who sees none of the earlier work gets no
//! block, and the XLSX carries the same numbers.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

mod common;

use axum::http::StatusCode;
use common::*;
use time::macros::date;
use vsoko_store::Actor;
use vsoko_store::assessment;

/// ВПР Russian 4: 12 tasks, maximum 24 (the shipped 2026 reference table).
const MAXIMA: [u32; 12] = VPR_RUS4_MAXIMA;

async fn viewer(app: &App, login: &str) -> vsoko_store::Viewer {
    let uid = vsoko_store::accounts::user_id(&app.t.db, login).await.unwrap().unwrap();
    vsoko_store::scope::load_viewer(&app.t.db, uid, uuid::Uuid::nil())
        .await
        .unwrap()
        .unwrap()
}

/// Scores of a pupil with primary score `p` on the table `maxima`: tasks filled in order.
fn filled(maxima: &[u32], p: u32) -> Vec<Option<u32>> {
    let mut left = p;
    maxima
        .iter()
        .map(|&m| {
            let s = left.min(m);
            left -= s;
            Some(s)
        })
        .collect()
}

/// `n` pupils, alternately in 4А and 4Б, with the primary scores of `cycle` in turn.
fn cohort(maxima: &[u32], n: usize, cycle: &[u32]) -> Vec<FixtureRow> {
    (0..n)
        .map(|i| {
            let class = if i % 2 == 0 { "4А" } else { "4Б" };
            (class.to_string(), filled(maxima, cycle[i % cycle.len()]), Some(4))
        })
        .collect()
}

/// The conversion table of ВПР `year` Russian 4 with the 2026 reference bands.
fn rus4_table(year: i32) -> String {
    format!(
        "# source: школьная копия таблицы\n# link: https://example.invalid\n# kind: vpr\n# year: {year}\n# subject: rus\n# grade: 4\n# output: mark\n# max_primary: 24\n2;0;9;;\n3;10;15;;\n4;16;20;;\n5;21;24;;\n"
    )
}

/// ВПР 2026 Russian 4 beside ВПР 2025 (the same task table) and ВПР 2025 beside ВПР 2024 (a
/// different table, 12 participants): every figure of the block computed by hand from the
/// fixture; tasks not compared when the tables differ; a year under 30 gives no change; a
/// teacher who sees 2026 but none of 2025 gets no block; the XLSX carries the block.
#[tokio::test]
async fn the_same_work_a_year_earlier_is_compared_only_where_it_may_be() {
    use calamine::Data;
    use vsoko_store::assessment::{conversions, read};
    use vsoko_store::structure::{assignments, years};
    // 2025: primaries 8, 12, 18, 22, 24 six times → marks «2» 6, «3» 6, «4» 6, «5» 12.
    // 2026: primaries 12, 18, 18, 22 eight times → «3» 8, «4» 16, «5» 8.
    // 2024: 12 pupils, tasks 1 and 2 of maxima 1 and 2 (2025/26: 2 and 1).
    let swapped: Vec<u32> = [1, 2].into_iter().chain(MAXIMA.iter().copied().skip(2)).collect();
    let files = [
        (
            2024,
            date!(2024 - 04 - 16),
            swapped.clone(),
            cohort(&swapped, 12, &[8, 12, 18, 22]),
        ),
        (
            2025,
            date!(2025 - 04 - 15),
            MAXIMA.to_vec(),
            cohort(&MAXIMA, 30, &[8, 12, 18, 22, 24]),
        ),
        (
            2026,
            date!(2026 - 04 - 15),
            MAXIMA.to_vec(),
            cohort(&MAXIMA, 32, &[12, 18, 18, 22]),
        ),
    ];
    for app in demo_apps().await {
        let school = app.ids.school_id;
        let actor = Actor::system("test");
        let mut ids = std::collections::BTreeMap::new();
        for (year, held_on, maxima, rows) in files.clone() {
            if year != 2026 {
                conversions::upload(
                    &app.t.db,
                    &actor,
                    school,
                    &format!("vpr-{year}-rus-4.conversion.csv"),
                    &rus4_table(year),
                )
                .await
                .unwrap();
            }
            let file = vpr_rus4_file_of(year, &maxima, held_on, 10001, 10, rows);
            let report = assessment::apply(&app.t.db, &actor, school, file, date!(2026 - 11 - 26), false, None)
                .await
                .unwrap();
            assert!(report.applied, "{year}: {:?}", report.errors);
            ids.insert(year, report.procedure_id.unwrap());
        }
        let deputy = app.login("deputy").await;

        // ВПР 2026 beside ВПР 2025.
        let body = app
            .get(Some(&deputy), &format!("/assessments/{}/analysis", ids[&2026]))
            .await
            .body;
        let block = &body[body.find("<section id=\"year-earlier\"").unwrap()..];
        let block = &block[..block.find("</section>").unwrap()];
        assert!(
            block.contains(&format!("href=\"/assessments/{}/analysis\"", ids[&2025])),
            "{block}"
        );
        assert!(block.contains("ВПР 2025 Русский язык 4 класс"));
        assert_eq!(attr(block, "data-year=\"2025\"", "data-n").unwrap(), "30");
        assert_eq!(attr(block, "data-year=\"2025\"", "data-marked").unwrap(), "30");
        assert_eq!(attr(block, "data-year=\"2026\"", "data-n").unwrap(), "32");
        // Quality 18/30 = 60 % and 24/32 = 75 %, each with its Wilson interval.
        assert_eq!(attr(block, "data-year=\"2025\"", "data-quality").unwrap(), "0.600000");
        assert_eq!(attr(block, "data-year=\"2026\"", "data-quality").unwrap(), "0.750000");
        let line = |year: &str| {
            let at = block.find(&format!("data-year=\"{year}\"")).unwrap();
            block[at..at + block[at..].find("</tr>").unwrap()].to_string()
        };
        let (l25, l26) = (line("2025"), line("2026"));
        let counts = |l: &str| -> Vec<String> {
            l.split("data-mark-count=\"")
                .skip(1)
                .map(|s| s[..s.find('"').unwrap()].to_string())
                .collect()
        };
        assert_eq!(counts(&l25), ["6", "6", "6", "12"]);
        assert_eq!(counts(&l26), ["0", "8", "16", "8"]);
        assert!(l25.contains("20,0 %") && l25.contains("40,0 %"), "{l25}");
        assert!(l26.contains("50,0 %") && l26.contains("100,0 %"), "{l26}");
        let (lo, hi) = vsoko_domain::analytics::items::wilson(18.0, 30).unwrap();
        let pct0 = |x: f64| format!("{:.0}", x * 100.0);
        assert!(l25.contains(&format!("{}–{}", pct0(lo), pct0(hi))), "{l25}");
        // Mean primary: 84/5 / 24 = 70 %, 70/4 / 24 = 72,9 %.
        assert!(l25.contains("70,0 %") && l26.contains("72,9 %"), "{l25} {l26}");
        // The change of quality: +15 p.p. with Newcombe's interval.
        assert_eq!(
            attr(block, "data-quality-change", "data-quality-change").unwrap(),
            "0.150000"
        );
        let q = vsoko_domain::analytics::year_compare::newcombe((24.0, 32), (18.0, 30)).unwrap();
        let signed = |x: f64| format!("{}{:.1}", if x > 0.0 { "+" } else { "" }, x * 100.0).replace('.', ",");
        assert!(
            block.contains(&format!("{}…{}", signed(q.ci_low), signed(q.ci_high))),
            "{block}"
        );
        assert!(block.contains("+15,0 п. п."));
        // The «2» share: 6 of 30 → 0 of 32, with its interval.
        let two = vsoko_domain::analytics::year_compare::newcombe((0.0, 32), (6.0, 30)).unwrap();
        assert_eq!(
            attr(block, "data-mark-change", "data-mark-change").unwrap(),
            "-0.200000"
        );
        assert!(
            block.contains(&format!("{}…{}", signed(two.ci_low), signed(two.ci_high))),
            "{block}"
        );
        assert!(!block.contains("мало участников"));
        // Tasks side by side (same table; the 2026 codifier comes from the reference, 2025
        // has none). Task 12 (max 3): 2025 (1 + 3)·6 / (3·30), 2026 1·8 / (3·32).
        assert!(block.contains("id=\"year-tasks-note\""), "{block}");
        assert_eq!(block.matches("class=\"year-task\"").count(), 12);
        assert_eq!(
            attr(block, "data-task=\"12\"", "data-earlier").unwrap(),
            format!("{:.6}", 24.0 / 90.0)
        );
        assert_eq!(
            attr(block, "data-task=\"12\"", "data-later").unwrap(),
            format!("{:.6}", 8.0 / 96.0)
        );
        assert_eq!(attr(block, "data-task=\"1\"", "data-later").unwrap(), "1.000000");

        // ВПР 2025 beside ВПР 2024: 12 participants → no change; tables differ → no tasks.
        let body = app
            .get(Some(&deputy), &format!("/assessments/{}/analysis", ids[&2025]))
            .await
            .body;
        // The 2025 rows have no class of 2024/25 in the school: grouped by the file's names.
        assert!(body.contains("data-label=\"4А\" data-n=\"15\""), "{body}");
        let block = &body[body.find("<section id=\"year-earlier\"").unwrap()..];
        let block = &block[..block.find("</section>").unwrap()];
        assert_eq!(attr(block, "data-year=\"2024\"", "data-n").unwrap(), "12");
        assert_eq!(attr(block, "id=\"year-earlier\"", "data-too-few").unwrap(), "true");
        assert!(block.contains("мало участников для сравнения"));
        assert!(!block.contains("data-quality-change"));
        assert!(block.contains("id=\"year-tasks-not-compared\""), "{block}");
        assert!(
            block.contains("1-е задание различается (1 (1) год назад, 1 (2) теперь"),
            "{block}"
        );
        assert_eq!(block.matches("class=\"year-task\"").count(), 0);
        // ВПР 2024 has nothing a year earlier.
        let body = app
            .get(Some(&deputy), &format!("/assessments/{}/analysis", ids[&2024]))
            .await
            .body;
        assert!(!body.contains("id=\"year-earlier\""));

        // The XLSX carries the years, the change and the tasks.
        let x = app
            .get(Some(&deputy), &format!("/assessments/{}/analysis.xlsx", ids[&2026]))
            .await;
        assert_eq!(x.status, StatusCode::OK);
        let rows = xlsx_rows(&x.bytes);
        let at = rows
            .iter()
            .position(|r| {
                r.first()
                    == Some(&Data::String(
                        "Та же работа год назад: ВПР 2025 Русский язык 4 класс".into(),
                    ))
            })
            .unwrap();
        let y25 = &rows[at + 2];
        assert_eq!(y25[0], Data::String("2025".into()));
        assert_eq!((xlsx_float(&y25[1]), xlsx_float(&y25[2])), (30.0, 30.0));
        assert!((xlsx_float(&y25[3]) - 0.2).abs() < 1e-9);
        assert!((xlsx_float(&y25[10]) - 0.6).abs() < 1e-9);
        let change = &rows[at + 4];
        assert_eq!(change[0], Data::String("Изменение".into()));
        assert!((xlsx_float(&change[10]) - 15.0).abs() < 1e-9, "{change:?}");
        assert!((xlsx_float(&change[3]) + 20.0).abs() < 1e-9, "{change:?}");
        assert!((xlsx_float(&change[11]) - q.ci_low * 100.0).abs() < 1e-9);
        let twelve = rows[at..]
            .iter()
            .find(|r| r.first() == Some(&Data::String("12".into())) && r.len() > 3)
            .unwrap();
        assert!((xlsx_float(&twelve[2]) - 24.0 / 90.0).abs() < 1e-9, "{twelve:?}");

        // A teacher of 4А in 2025/26 sees ВПР 2026 (4А) but none of ВПР 2025 (rows of no
        // class of the school): no block.
        let dv = viewer(&app, "deputy").await;
        let class_4a = read::results(&app.t.db, &dv, ids[&2026])
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.class_name == "4А")
            .and_then(|r| r.class_id)
            .unwrap();
        let year_id = years::list(&app.t.db, school)
            .await
            .unwrap()
            .into_iter()
            .find(|y| y.name.starts_with("2025"))
            .unwrap()
            .id;
        let p = read::procedure(&app.t.db, &dv, ids[&2026]).await.unwrap().unwrap();
        let (staff_id, subject_id) = (viewer(&app, "teacher").await.staff_id.unwrap(), p.subject_id);
        app.t
            .db
            .write(move |tx| {
                Box::pin(async move {
                    let input = assignments::AssignmentInput {
                        staff_id,
                        class_id: class_4a,
                        subject_id,
                        subgroup: String::new(),
                        hours_x100: 500,
                    };
                    assignments::create(tx, &Actor::system("test"), school, year_id, &input).await?;
                    Ok(())
                })
            })
            .await
            .unwrap();
        let teacher = app.login("teacher").await;
        let page = app
            .get(Some(&teacher), &format!("/assessments/{}/analysis", ids[&2026]))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("data-label=\"4А\" data-n=\"16\""), "{}", page.body);
        assert!(!page.body.contains("id=\"year-earlier\""));
        assert!(!page.body.contains("ВПР 2025"));
        let tv = viewer(&app, "teacher").await;
        assert!(read::year_earlier(&app.t.db, &tv, &p).await.unwrap().is_none());
        // The deputy's view of the same procedure finds it.
        assert_eq!(
            read::year_earlier(&app.t.db, &dv, &p).await.unwrap().map(|e| e.id),
            Some(ids[&2025])
        );
        let x = app
            .get(Some(&teacher), &format!("/assessments/{}/analysis.xlsx", ids[&2026]))
            .await;
        assert_eq!(x.status, StatusCode::OK);
        assert!(!xlsx_rows(&x.bytes).iter().any(|r| r.first()
            == Some(&Data::String(
                "Та же работа год назад: ВПР 2025 Русский язык 4 класс".into()
            ))));
    }
}
