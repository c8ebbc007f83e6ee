//! Helpers shared by the journal-control, summary, marks-import and journal-API tests:
//! demo viewers, the teacher's 7А load, and lessons, cells and term marks written through
//! the store as the journal page writes them.

#![allow(dead_code, reason = "each test binary uses a different subset of the helpers")]
#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

use time::Date;
use time::macros::date;
use uuid::Uuid;
use vsoko_store::journal::cells::{self, CellInput};
use vsoko_store::journal::lessons::{self, LessonInput};
use vsoko_store::journal::period_marks::{self, PeriodMarkInput};
use vsoko_store::people::pupils::{self, Pupil};
use vsoko_store::structure::assignments::{self, Assignment};
use vsoko_store::structure::years::{self, Period};
use vsoko_store::{Actor, Db, Viewer, accounts, scope};

/// The day the tests pretend it is (the demo's "today").
pub const TODAY: Date = date!(2026 - 11 - 26);

/// A demo login as a viewer.
pub async fn viewer(db: &Db, login: &str) -> Viewer {
    let uid = accounts::user_id(db, login).await.unwrap().unwrap();
    scope::load_viewer(db, uid, Uuid::nil()).await.unwrap().unwrap()
}

/// The teacher's whole-class 7А assignment and the class's pupils by name.
pub async fn seventh(db: &Db, school: Uuid) -> (Viewer, Assignment, Vec<Pupil>) {
    let teacher = viewer(db, "teacher").await;
    let year = years::current(db, school).await.unwrap().unwrap();
    let load = assignments::mine(db, &teacher, year.id).await.unwrap();
    let a = load
        .iter()
        .find(|a| a.class_name == "7А" && a.subgroup.is_empty())
        .unwrap()
        .clone();
    let roster = pupils::list_visible(db, &teacher, "", Some(a.class_id)).await.unwrap();
    (teacher, a, roster)
}

/// The periods of the current year.
pub async fn periods(db: &Db, school: Uuid) -> Vec<Period> {
    let year = years::current(db, school).await.unwrap().unwrap();
    years::periods(db, school, year.id).await.unwrap()
}

/// A lesson written as `v`.
pub async fn lesson(db: &Db, v: &Viewer, a: &Assignment, date: Date, topic: &str, homework: &str) -> Uuid {
    let (v, actor) = (v.clone(), Actor::user(v.user_id, &v.login));
    let input = LessonInput {
        class_id: a.class_id,
        subject_id: a.subject_id,
        subgroup: String::new(),
        date,
        topic: topic.into(),
        homework: homework.into(),
        work_type: "classwork".into(),
        reason: None,
    };
    db.write(move |tx| Box::pin(async move { lessons::create(tx, &actor, &v, &input, TODAY).await }))
        .await
        .unwrap()
}

/// A cell written as `v`.
pub async fn cell(db: &Db, v: &Viewer, lesson: Uuid, pupil: Uuid, marks: &str, attendance: &str) {
    let (v, actor) = (v.clone(), Actor::user(v.user_id, &v.login));
    let input = CellInput {
        lesson_id: lesson,
        pupil_id: pupil,
        marks: marks.into(),
        attendance: attendance.into(),
        comment: String::new(),
        expected_version: None,
        reason: None,
    };
    db.write(move |tx| Box::pin(async move { cells::save(tx, &actor, &v, &input, TODAY).await }))
        .await
        .unwrap();
}

/// A term mark written as `v`.
pub async fn term(db: &Db, v: &Viewer, a: &Assignment, period: Uuid, pupil: Uuid, value: &str) {
    let (v, actor) = (v.clone(), Actor::user(v.user_id, &v.login));
    let input = PeriodMarkInput {
        pupil_id: pupil,
        subject_id: a.subject_id,
        class_id: a.class_id,
        period_id: Some(period),
        value: value.into(),
        expected_version: None,
        reason: None,
    };
    db.write(move |tx| Box::pin(async move { period_marks::set(tx, &actor, &v, &input, TODAY).await }))
        .await
        .unwrap();
}
