//! The e-diary's store contract on SQLite and PostgreSQL: a pupil and their parents see the
//! pupil's lessons, marks and attendance — nobody else does; the marks of a period carry the
//! weighted mean of the grading policy; the new-marks feed empties once seen and refills on
//! the next change.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

use time::macros::date;
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;
use vsoko_domain::journal::Mark;
use vsoko_domain::journal::policy::WeightedMean;
use vsoko_store::journal::cells::{self, CellInput};
use vsoko_store::journal::lessons::{self, LessonInput};
use vsoko_store::journal::period_marks::{self, PeriodMarkInput};
use vsoko_store::people::pupils;
use vsoko_store::structure::{assignments, years};
use vsoko_store::testing::{self, TestDb};
use vsoko_store::{Actor, Viewer, accounts, demo, diary, scope};

const TODAY: time::Date = date!(2026 - 11 - 26);

/// The first Monday on or after a day.
fn monday_after(d: Date) -> Date {
    d + Duration::days(i64::from((7 - d.weekday().number_days_from_monday()) % 7))
}

async fn viewer(t: &TestDb, login: &str) -> Viewer {
    let uid = accounts::user_id(&t.db, login).await.unwrap().unwrap();
    scope::load_viewer(&t.db, uid, Uuid::nil()).await.unwrap().unwrap()
}

async fn lesson(t: &TestDb, v: &Viewer, class: Uuid, subject: Uuid, d: time::Date, work_type: &str) -> Uuid {
    let (v, a) = (v.clone(), Actor::user(v.user_id, &v.login));
    let i = LessonInput {
        class_id: class,
        subject_id: subject,
        subgroup: String::new(),
        date: d,
        topic: format!("Тема {d}"),
        homework: "§ 12, № 3".into(),
        work_type: work_type.into(),
        reason: None,
    };
    t.db.write(move |tx| Box::pin(async move { lessons::create(tx, &a, &v, &i, TODAY).await }))
        .await
        .unwrap()
}

async fn save(t: &TestDb, v: &Viewer, lesson: Uuid, pupil: Uuid, marks: &str, att: &str, comment: &str) {
    let (v, a) = (v.clone(), Actor::user(v.user_id, &v.login));
    let i = CellInput {
        lesson_id: lesson,
        pupil_id: pupil,
        marks: marks.into(),
        attendance: att.into(),
        comment: comment.into(),
        expected_version: None,
        reason: None,
    };
    t.db.write(move |tx| Box::pin(async move { cells::save(tx, &a, &v, &i, TODAY).await }))
        .await
        .unwrap();
}

async fn seen(t: &TestDb, v: &Viewer, pupil: Uuid, at: OffsetDateTime) {
    let v = v.clone();
    t.db.write(move |tx| Box::pin(async move { diary::mark_seen(tx, &v, pupil, at).await }))
        .await
        .unwrap();
}

#[tokio::test]
async fn the_diary_shows_a_pupil_to_themself_and_their_parents_only() {
    for t in testing::both().await {
        let ids = demo::build(&t.db, "x").await.unwrap();
        let (teacher, deputy, pupil, parent) = (
            viewer(&t, "teacher").await,
            viewer(&t, "deputy").await,
            viewer(&t, "pupil").await,
            viewer(&t, "parent").await,
        );
        let year = years::current(&t.db, ids.school_id).await.unwrap().unwrap();
        // The third quarter: after the demo's journal, so only this test's lessons are in it.
        let q3 = years::periods(&t.db, ids.school_id, year.id).await.unwrap()[2].clone();
        let mon = monday_after(q3.start_date + Duration::days(7));
        let day = |n: i64| mon + Duration::days(n);
        let me = pupil.pupil_id.unwrap();

        // Who may open which diary.
        let own: Vec<Uuid> = diary::pupils_of(&t.db, &pupil)
            .await
            .unwrap()
            .iter()
            .map(|p| p.id)
            .collect();
        assert_eq!(own, vec![me]);
        let children = diary::pupils_of(&t.db, &parent).await.unwrap();
        assert_eq!(children.len(), 2, "{}", t.backend);
        assert!(children.iter().any(|c| c.id == me));
        let sibling = children.iter().find(|c| c.id != me).unwrap().clone();
        assert!(diary::pupils_of(&t.db, &teacher).await.unwrap().is_empty());

        // Lessons: maths in 7А by the teacher, one lesson in the sibling's class by the deputy.
        let a = assignments::mine(&t.db, &teacher, year.id)
            .await
            .unwrap()
            .into_iter()
            .find(|a| a.class_name == "7А" && a.subgroup.is_empty())
            .unwrap();
        let b = assignments::list(&t.db, ids.school_id, year.id, None, sibling.class_id)
            .await
            .unwrap()
            .into_iter()
            .find(|a| a.subgroup.is_empty())
            .unwrap();
        let l_test = lesson(&t, &teacher, a.class_id, a.subject_id, day(0), "test").await;
        let l_absent = lesson(&t, &teacher, a.class_id, a.subject_id, day(1), "classwork").await;
        let l_home = lesson(&t, &teacher, a.class_id, a.subject_id, day(2), "homework").await;
        let l_next = lesson(&t, &teacher, a.class_id, a.subject_id, day(7), "oral").await;
        let l_sibling = lesson(&t, &deputy, b.class_id, b.subject_id, day(1), "oral").await;
        let classmate = pupils::list_visible(&t.db, &teacher, "", Some(a.class_id))
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.id != me)
            .unwrap()
            .id;
        save(&t, &teacher, l_test, me, "5", "", "Молодец").await;
        save(&t, &teacher, l_absent, me, "", "Н", "").await;
        save(&t, &teacher, l_home, me, "3 4", "", "").await;
        save(&t, &teacher, l_test, classmate, "2", "", "чужая отметка").await;
        save(&t, &deputy, l_sibling, sibling.id, "4", "", "").await;

        // The week: own lessons in date order with the pupil's cells; not next week's.
        let sun = day(6);
        let week = diary::week(&t.db, &pupil, me, mon, sun).await.unwrap();
        assert_eq!(
            week.iter().map(|l| l.lesson_id).collect::<Vec<_>>(),
            vec![l_test, l_absent, l_home],
            "{}",
            t.backend
        );
        assert_eq!(
            (
                week[0].marks.as_str(),
                week[0].comment.as_str(),
                week[0].work_type.as_str()
            ),
            ("5", "Молодец", "test")
        );
        assert_eq!(week[1].attendance.as_deref(), Some("absent"));
        assert_eq!(week[0].homework, "§ 12, № 3");
        assert!(!week[0].teacher.is_empty());
        assert!(!week.iter().any(|l| l.lesson_id == l_next));
        assert_eq!(diary::week(&t.db, &parent, me, mon, sun).await.unwrap().len(), 3);
        let sib_week = diary::week(&t.db, &parent, sibling.id, mon, sun).await.unwrap();
        assert_eq!(
            sib_week
                .iter()
                .map(|l| (l.lesson_id, l.marks.as_str()))
                .collect::<Vec<_>>(),
            vec![(l_sibling, "4")]
        );

        // Out of scope: empty, never another's data.
        assert!(diary::week(&t.db, &teacher, me, mon, sun).await.unwrap().is_empty());
        assert!(
            diary::week(&t.db, &pupil, sibling.id, mon, sun)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            diary::week(&t.db, &parent, classmate, mon, sun)
                .await
                .unwrap()
                .is_empty()
        );
        let stranger = diary::period_report(&t.db, &parent, classmate, year.id, q3.id)
            .await
            .unwrap();
        assert!(stranger.subjects.iter().all(|s| s.marks.is_empty()) && stranger.year.is_empty());

        // Marks of the period: weighted mean as the domain computes it; term mark; absences.
        let (tv, pm) = (
            teacher.clone(),
            PeriodMarkInput {
                pupil_id: me,
                subject_id: a.subject_id,
                class_id: a.class_id,
                period_id: Some(q3.id),
                value: "4".into(),
                expected_version: None,
                reason: None,
            },
        );
        t.db.write(move |tx| {
            Box::pin(async move { period_marks::set(tx, &Actor::user(tv.user_id, &tv.login), &tv, &pm, TODAY).await })
        })
        .await
        .unwrap();
        let report = diary::period_report(&t.db, &pupil, me, year.id, q3.id).await.unwrap();
        let maths = report.subjects.iter().find(|s| s.subject_id == a.subject_id).unwrap();
        assert_eq!(
            maths.marks.iter().map(|m| (m.value, m.weight)).collect::<Vec<_>>(),
            vec![(5, 5), (3, 1), (4, 1)]
        );
        let m = |v: i64| Mark::new(v).unwrap();
        let expected = WeightedMean::of(&[(m(5), 5), (m(3), 1), (m(4), 1)]).unwrap().value();
        assert!(
            (maths.mean.unwrap() - expected).abs() < 1e-12,
            "{:?} vs {expected}",
            maths.mean
        );
        assert_eq!((maths.n, maths.term_mark.as_deref()), (3, Some("4")));
        assert_eq!(maths.marks[0].work_type_name, "Контрольная работа");
        assert_eq!(
            (
                report.attendance.absent,
                report.attendance.missed,
                report.attendance.late
            ),
            (1, 1, 0)
        );
        assert!(report.subjects.len() > 1, "every subject of the class is listed");
        let row = report.year.iter().find(|r| r.subject_id == a.subject_id).unwrap();
        assert_eq!(
            (row.periods.len(), row.periods[2].as_deref(), row.year.as_deref()),
            (report.periods.len(), Some("4"), None)
        );

        // New marks: shown until seen, per viewer; a later change shows again.
        let epoch = OffsetDateTime::UNIX_EPOCH;
        let news = diary::new_marks(&t.db, &pupil, me, epoch, 20).await.unwrap();
        assert_eq!(
            news.iter().take(2).map(|n| n.lesson_id).collect::<Vec<_>>(),
            vec![l_home, l_test],
            "newest first, marks only"
        );
        assert!(!news.iter().any(|n| n.lesson_id == l_absent));
        seen(&t, &pupil, me, news[0].updated_at).await;
        assert!(diary::new_marks(&t.db, &pupil, me, epoch, 20).await.unwrap().is_empty());
        assert_eq!(
            diary::new_marks(&t.db, &parent, me, epoch, 20).await.unwrap()[0].lesson_id,
            l_home,
            "the parent has not looked yet"
        );
        // Seen a fraction of a second before the mark, written with fewer digits ("06.2Z" <
        // "06.289693Z" is false as SQLite text): the mark is still new.
        let home_at = news[0].updated_at;
        let tenth = home_at
            .replace_nanosecond(home_at.nanosecond() / 100_000_000 * 100_000_000)
            .unwrap();
        if tenth < home_at {
            seen(&t, &parent, me, tenth).await;
            assert_eq!(
                diary::new_marks(&t.db, &parent, me, epoch, 20).await.unwrap()[0].lesson_id,
                l_home,
                "{}",
                t.backend
            );
        }
        seen(&t, &pupil, me, epoch).await;
        assert!(
            diary::new_marks(&t.db, &pupil, me, epoch, 20).await.unwrap().is_empty(),
            "seen never moves back"
        );
        save(&t, &teacher, l_absent, me, "", "", "").await;
        save(&t, &teacher, l_next, me, "4", "", "").await;
        let again = diary::new_marks(&t.db, &pupil, me, epoch, 20).await.unwrap();
        assert_eq!(again.iter().map(|n| n.lesson_id).collect::<Vec<_>>(), vec![l_next]);
        assert!(
            diary::new_marks(&t.db, &teacher, me, epoch, 20)
                .await
                .unwrap()
                .is_empty()
        );
        t.finish().await;
    }
}

/// A pupil moved to another class on a Wednesday sees the old class's lessons up to Tuesday
/// and the new class's from Wednesday in that week; the weeks before and after show one class.
#[tokio::test]
async fn a_mid_week_class_move_splits_the_week_between_the_two_classes() {
    for t in testing::both().await {
        let ids = demo::build(&t.db, "x").await.unwrap();
        let (deputy, pupil) = (viewer(&t, "deputy").await, viewer(&t, "pupil").await);
        let me = pupil.pupil_id.unwrap();
        let year = years::current(&t.db, ids.school_id).await.unwrap().unwrap();
        let q3 = years::periods(&t.db, ids.school_id, year.id).await.unwrap()[2].clone();
        let mon = monday_after(q3.start_date + Duration::days(7));
        let day = |n: i64| mon + Duration::days(n);
        let old = pupils::get_visible(&t.db, &pupil, me)
            .await
            .unwrap()
            .unwrap()
            .class_id
            .unwrap();
        let of_class = |class: Uuid| {
            let db = t.db.clone();
            async move {
                assignments::list(&db, ids.school_id, year.id, None, Some(class))
                    .await
                    .unwrap()
                    .into_iter()
                    .find(|a| a.subgroup.is_empty())
                    .unwrap()
            }
        };
        let a = of_class(old).await;
        let parallel = assignments::list(&t.db, ids.school_id, year.id, None, None)
            .await
            .unwrap()
            .into_iter()
            .find(|b| b.class_id != old && b.subgroup.is_empty())
            .unwrap();
        let b = of_class(parallel.class_id).await;
        let mut old_lessons = Vec::new();
        let mut new_lessons = Vec::new();
        for n in [-7, 0, 1, 2, 3, 7] {
            old_lessons.push((n, lesson(&t, &deputy, a.class_id, a.subject_id, day(n), "oral").await));
            new_lessons.push((n, lesson(&t, &deputy, b.class_id, b.subject_id, day(n), "oral").await));
        }
        let (actor, school, class) = (Actor::system("test"), ids.school_id, b.class_id);
        let wednesday = day(2);
        t.db.write(move |tx| {
            Box::pin(async move { pupils::move_to_class(tx, &actor, school, me, class, wednesday).await })
        })
        .await
        .unwrap();
        let ids_of = |ls: &[(i64, Uuid)], keep: &dyn Fn(i64) -> bool| -> Vec<Uuid> {
            ls.iter().filter(|(n, _)| keep(*n)).map(|(_, id)| *id).collect()
        };
        let seen_in = |w: &[diary::DiaryLesson], wanted: &[Uuid]| -> Vec<Uuid> {
            w.iter().map(|l| l.lesson_id).filter(|id| wanted.contains(id)).collect()
        };
        let all: Vec<Uuid> = old_lessons.iter().chain(&new_lessons).map(|(_, id)| *id).collect();

        let week = diary::week(&t.db, &pupil, me, mon, day(6)).await.unwrap();
        let mut expected = ids_of(&old_lessons, &|n| (0..2).contains(&n));
        expected.extend(ids_of(&new_lessons, &|n| (2..7).contains(&n)));
        let mut got = seen_in(&week, &all);
        got.sort();
        expected.sort();
        assert_eq!(got, expected, "{}", t.backend);

        let before = diary::week(&t.db, &pupil, me, day(-7), day(-1)).await.unwrap();
        assert_eq!(
            seen_in(&before, &all),
            ids_of(&old_lessons, &|n| n == -7),
            "{}",
            t.backend
        );
        let after = diary::week(&t.db, &pupil, me, day(7), day(13)).await.unwrap();
        assert_eq!(
            seen_in(&after, &all),
            ids_of(&new_lessons, &|n| n == 7),
            "{}",
            t.backend
        );
        t.finish().await;
    }
}
