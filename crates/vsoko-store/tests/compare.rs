//! A school's procedure beside its municipality and region on SQLite and PostgreSQL, checked
//! against figures computed by hand from a small fixture: region R with municipality M1
//! (schools A, B, C) and M2 (school D), each writing ВПР 2026 Russian grade 4 (marks from the
//! reference table 0–9 → 2, 10–15 → 3, 16–20 → 4, 21–24 → 5):
//! - A: primary 24, 18, 12, 6 (marks 5, 4, 3, 2) — the school compared;
//! - B: 24, 24, 20 (5, 5, 4); C: 10, 8 (3, 2); D: 21 × 16 (4).
//!
//! Task scores fill the tasks in order up to the total.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

use time::macros::date;
use uuid::Uuid;
use vsoko_domain::analytics::items::wilson;
use vsoko_domain::assessment::{AssessmentFile, ProcedureHeader, ProcedureKind, ResultRow, TaskSpec};
use vsoko_domain::roles::Role;
use vsoko_domain::roster::Origin;
use vsoko_domain::structure::ClassName;
use vsoko_store::assessment::compare::{self, Level};
use vsoko_store::assessment::{self, read};
use vsoko_store::structure::subjects;
use vsoko_store::{Actor, Db, Viewer, org, testing};

const MAXIMA: [u32; 12] = [2, 1, 2, 3, 2, 1, 1, 2, 3, 3, 1, 3];

/// Scores filling the tasks in order up to `total`.
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

fn file(totals: &[u32]) -> AssessmentFile {
    AssessmentFile {
        header: ProcedureHeader {
            kind: ProcedureKind::Vpr,
            year: 2026,
            subject: "rus".into(),
            grade: 4,
            date: Some(date!(2026 - 04 - 21)),
            title: "ВПР 2026 Русский язык 4 класс".into(),
            max_primary: Some(24),
        },
        tasks: MAXIMA
            .iter()
            .enumerate()
            .map(|(i, &m)| TaskSpec {
                code: (i + 1).to_string(),
                max_score: m,
                level: None,
                skills: Vec::new(),
            })
            .collect(),
        results: totals
            .iter()
            .enumerate()
            .map(|(i, &t)| ResultRow {
                origin: Origin {
                    sheet: "Лист1".into(),
                    row: i + 2,
                },
                participant_code: format!("{}", 20001 + i),
                pupil_code: None,
                full_name: None,
                class: ClassName::parse("4А").unwrap(),
                variant: "1".into(),
                scores: fill(t),
                primary: Some(t),
                file_mark: None,
                file_test_score: None,
                journal_mark: None,
            })
            .collect(),
    }
}

struct Fixture {
    region: Uuid,
    m1: Uuid,
    schools: [Uuid; 4],
}

async fn fixture(db: &Db) -> Fixture {
    let actor = Actor::system("test");
    let a = actor.clone();
    let (region, m1, schools) = db
        .write(move |tx| {
            Box::pin(async move {
                let r = org::create_region(tx, &a, "R").await?;
                let m1 = org::create_municipality(tx, &a, r, "M1").await?;
                let m2 = org::create_municipality(tx, &a, r, "M2").await?;
                let mut ids = Vec::new();
                for (m, name) in [(m1, "A"), (m1, "B"), (m1, "C"), (m2, "D")] {
                    let id = org::create_school(tx, &a, m, name, name).await?;
                    subjects::seed_catalogue(tx, &a, id).await?;
                    ids.push(id);
                }
                Ok((r, m1, ids))
            })
        })
        .await
        .unwrap();
    let d = vec![16; 21];
    let totals: [&[u32]; 4] = [&[24, 18, 12, 6], &[24, 24, 20], &[10, 8], &d];
    for (school, t) in schools.iter().zip(totals) {
        let report = assessment::apply(db, &actor, *school, file(t), date!(2026 - 11 - 26), false, None)
            .await
            .unwrap();
        assert!(report.errors.is_empty() && report.applied, "{:?}", report.errors);
    }
    Fixture {
        region,
        m1,
        schools: schools.try_into().unwrap(),
    }
}

fn viewer(school: Uuid, role: Role) -> Viewer {
    Viewer {
        user_id: Uuid::nil(),
        session_id: Uuid::nil(),
        login: "x".into(),
        full_name: "x".into(),
        locale: "ru".into(),
        must_change_password: false,
        roles: vec![role],
        school_id: Some(school),
        org_id: None,
        staff_id: None,
        pupil_id: None,
        parent_id: None,
        shmo_subjects: Vec::new(),
    }
}

fn close(a: Option<f64>, b: f64) {
    let a = a.unwrap();
    assert!((a - b).abs() < 1e-12, "{a} != {b}");
}

#[tokio::test]
async fn a_procedure_is_compared_with_its_municipality_and_region_by_hand_computed_figures() {
    for t in testing::both().await {
        let f = fixture(&t.db).await;
        let [a, b, _, d] = f.schools;
        let director = viewer(a, Role::Director);
        let id = read::procedures(&t.db, &director, None).await.unwrap()[0].id;
        let c = compare::for_procedure(&t.db, &director, id).await.unwrap().unwrap();
        let (school, muni, region) = (
            &c.level(Level::School).unwrap().figures,
            &c.level(Level::Municipality).unwrap().figures,
            &c.level(Level::Region).unwrap().figures,
        );
        assert_eq!(c.level(Level::Municipality).unwrap().name, "M1");
        assert_eq!(c.level(Level::Region).unwrap().name, "R");

        // The school: 4 participants, one of each mark.
        assert_eq!(
            (school.schools, school.participants, school.marks),
            (1, 4, [1, 1, 1, 1])
        );
        close(school.success.value, 0.75);
        close(school.quality.value, 0.5);
        close(school.mean_primary, 60.0 / 96.0);
        close(school.task("4").unwrap().completion, 10.0 / 12.0);
        close(school.task("10").unwrap().completion, 4.0 / 12.0);
        assert!(!school.too_few);

        // M1 = A + B + C: 9 participants in 3 schools — too few participants to compare.
        assert_eq!((muni.schools, muni.other_schools, muni.participants), (3, 2, 9));
        assert_eq!(muni.marks, [2, 2, 2, 3]);
        close(muni.success.value, 7.0 / 9.0);
        close(muni.quality.value, 5.0 / 9.0);
        close(muni.mean_primary, 146.0 / 216.0);
        close(muni.task("10").unwrap().completion, 13.0 / 27.0);
        close(muni.task("9").unwrap().completion, 15.0 / 27.0);
        assert_eq!(muni.task("9").unwrap().n, 9);
        assert!(muni.too_few);

        // R = M1 + D: 30 participants in 4 schools — enough.
        assert_eq!((region.schools, region.other_schools, region.participants), (4, 3, 30));
        assert_eq!(region.marks, [2, 2, 23, 3]);
        close(region.success.value, 28.0 / 30.0);
        close(region.quality.value, 26.0 / 30.0);
        let (lo, hi) = wilson(26.0, 30).unwrap();
        close(region.quality.ci_low, lo);
        close(region.quality.ci_high, hi);
        assert_eq!(region.quality.n, 30);
        close(region.mean_primary, 482.0 / 720.0);
        close(region.task("10").unwrap().completion, 13.0 / 90.0);
        close(region.task("9").unwrap().completion, 57.0 / 90.0);
        assert!(!region.too_few);

        // Nobody outside the school's administration gets a comparison.
        assert!(
            compare::for_procedure(&t.db, &viewer(a, Role::Teacher), id)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            compare::for_procedure(&t.db, &viewer(b, Role::Director), id)
                .await
                .unwrap()
                .is_none(),
            "another school's procedure is not found"
        );

        // The specialists' table: one line per school with the unit's total.
        let m1 = compare::for_unit(&t.db, f.m1, None).await.unwrap();
        assert_eq!(m1.len(), 1);
        assert_eq!((m1[0].kind.as_str(), m1[0].exam_year, m1[0].grade), ("vpr", 2026, 4));
        let names: Vec<&str> = m1[0].schools.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["A", "B", "C"]);
        assert_eq!(m1[0].total.participants, 9);
        close(m1[0].total.quality.value, 5.0 / 9.0);
        let r = compare::for_unit(&t.db, f.region, Some(2026)).await.unwrap();
        assert_eq!(r[0].schools.len(), 4);
        let dl = r[0].schools.iter().find(|s| s.school_id == d).unwrap();
        assert_eq!((dl.figures.participants, dl.figures.marks), (21, [0, 0, 21, 0]));
        close(dl.figures.mean_primary, 16.0 / 24.0);
        assert_eq!(r[0].total.participants, 30);
        assert!(compare::for_unit(&t.db, f.region, Some(2025)).await.unwrap().is_empty());
        t.finish().await;
    }
}
