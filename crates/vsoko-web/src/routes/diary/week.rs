//! The diary's week tab: Monday to Friday (and a weekend day when it has lessons), each day's
//! lessons with subject, topic, homework, work type, the pupil's marks, attendance and the
//! teacher's comment; links to the previous and next week.

use super::{monday_of, split_marks, work_type_name};
use crate::error::AppResult;
use crate::forms::format_date;
use time::{Date, Duration};
use uuid::Uuid;
use vsoko_domain::journal::Attendance;
use vsoko_i18n::Tr;
use vsoko_store::diary::{self, DiaryLesson};
use vsoko_store::journal::policy;
use vsoko_store::{Db, Viewer};

/// One lesson as the diary shows it.
pub struct LessonView {
    /// Subject.
    pub subject: String,
    /// Teacher.
    pub teacher: String,
    /// Topic.
    pub topic: String,
    /// Homework.
    pub homework: String,
    /// Work type name.
    pub work_type: String,
    /// Marks.
    pub marks: Vec<String>,
    /// Attendance code as shown (Н, Б, УП, ОП), empty when present.
    pub attendance: String,
    /// Attendance in words.
    pub attendance_title: String,
    /// The teacher's comment.
    pub comment: String,
}

/// One school day.
pub struct DayView {
    /// "Понедельник, 23.11".
    pub label: String,
    /// ISO date (anchor).
    pub iso: String,
    /// Whether it is today.
    pub today: bool,
    /// Lessons in order.
    pub lessons: Vec<LessonView>,
}

/// The week tab.
pub struct WeekView {
    /// "23.11 – 27.11.2026".
    pub title: String,
    /// Previous week.
    pub prev_href: String,
    /// Next week.
    pub next_href: String,
    /// The current week, when another one is shown.
    pub this_href: Option<String>,
    /// Days.
    pub days: Vec<DayView>,
}

/// Attendance code and its words, as shown.
pub(crate) fn attendance_label(tr: &Tr, code: Option<&str>) -> (String, String) {
    match code.and_then(Attendance::from_code) {
        Some(a) => (
            tr.t(&format!("diary-att-{}", a.code())),
            tr.t(&format!("diary-att-{}-long", a.code())),
        ),
        None => (String::new(), String::new()),
    }
}

fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Builds the week containing `day` for a pupil whose diary the viewer may open.
pub async fn view(
    db: &Db,
    v: &Viewer,
    tr: &Tr,
    pupil_id: Uuid,
    year_id: Uuid,
    day: Date,
    today: Date,
) -> AppResult<WeekView> {
    let monday = monday_of(day);
    let sunday = monday + Duration::days(6);
    let lessons = diary::week(db, v, pupil_id, monday, sunday).await?;
    let policy = policy::get(db, v.school(), year_id).await?;
    let mut days = Vec::new();
    let mut last = monday;
    for offset in 0..7 {
        let date = monday + Duration::days(offset);
        let of_day: Vec<&DiaryLesson> = lessons.iter().filter(|l| l.lesson_date == date).collect();
        if offset >= 5 && of_day.is_empty() {
            continue;
        }
        last = date;
        days.push(DayView {
            label: format!(
                "{}, {:02}.{:02}",
                tr.t(&format!("diary-weekday-{}", offset + 1)),
                date.day(),
                u8::from(date.month())
            ),
            iso: iso(date),
            today: date == today,
            lessons: of_day
                .into_iter()
                .map(|l| {
                    let (attendance, attendance_title) = attendance_label(tr, l.attendance.as_deref());
                    LessonView {
                        subject: l.subject_name.clone(),
                        teacher: l.teacher.clone(),
                        topic: l.topic.clone(),
                        homework: l.homework.clone(),
                        work_type: work_type_name(&policy, &l.work_type),
                        marks: split_marks(&l.marks),
                        attendance,
                        attendance_title,
                        comment: l.comment.clone(),
                    }
                })
                .collect(),
        });
    }
    let link = |d: Date| format!("/diary?pupil={pupil_id}&week={}", iso(d));
    Ok(WeekView {
        title: format!(
            "{:02}.{:02} – {}",
            monday.day(),
            u8::from(monday.month()),
            format_date(last)
        ),
        prev_href: link(monday - Duration::days(7)),
        next_href: link(monday + Duration::days(7)),
        this_href: (monday_of(today) != monday).then(|| format!("/diary?pupil={pupil_id}")),
        days,
    })
}
