//! The e-diary for pupils and parents (`/diary`), phone-first: the week's lessons with
//! homework, marks and attendance; the marks of a period by subject with the weighted mean and
//! term marks; the pupil's own results of assessment procedures; and the feed of marks new
//! since the last visit. A parent switches between
//! children; any other pupil is not found; staff read the journal instead (403).

pub mod assessments;
pub mod marks;
pub mod week;

use crate::auth::{Auth, require, school_of};
use crate::error::{AppError, AppResult};
use crate::forms::format_date;
use crate::page::PageCtx;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use time::{Date, Duration};
use uuid::Uuid;
use vsoko_domain::journal::GradingPolicy;
use vsoko_domain::roles::Permission;
use vsoko_i18n::Tr;
use vsoko_store::diary::{self, NewMark};
use vsoko_store::people::pupils::Pupil;
use vsoko_store::structure::years;
use vsoko_store::{Db, Viewer};

/// How far back the feed looks for a viewer who never opened this pupil's diary.
pub const FEED_FIRST_DAYS: i64 = 14;
/// Most entries in the feed.
pub const FEED_LIMIT: i64 = 20;

/// Routes of this area.
pub fn router() -> Router<AppState> {
    Router::new().route("/diary", get(index))
}

/// Query of the diary: which pupil, which tab, which week or period.
#[derive(Debug, Default, Deserialize)]
pub struct DiaryQuery {
    /// Pupil id; empty for the first one.
    #[serde(default)]
    pupil: String,
    /// "week" (default), "marks" or "assessments".
    #[serde(default)]
    tab: String,
    /// Any day of the week to show (`YYYY-MM-DD` or `dd.mm.yyyy`).
    #[serde(default)]
    week: String,
    /// Period id of the marks tab.
    #[serde(default)]
    period: String,
}

/// A pupil in the child switcher.
pub struct Switch {
    /// Link.
    pub href: String,
    /// First name and class.
    pub label: String,
    /// Whether it is the pupil shown.
    pub current: bool,
}

/// One entry of the new-marks feed.
pub struct FeedItem {
    /// Subject.
    pub subject: String,
    /// Marks.
    pub marks: Vec<String>,
    /// Lesson date, dd.mm.yyyy.
    pub date: String,
    /// The teacher's comment.
    pub comment: String,
}

/// The diary page.
#[derive(Template, WebTemplate)]
#[template(path = "diary/index.html")]
pub struct DiaryPage {
    /// Layout.
    pub ctx: PageCtx,
    /// The pupil's full name, empty without a pupil.
    pub name: String,
    /// The pupil's class.
    pub class_name: String,
    /// The pupil's id.
    pub pupil_id: String,
    /// Child switcher (shown with two or more pupils).
    pub switcher: Vec<Switch>,
    /// Whether the marks tab is shown (else the week).
    pub marks_tab: bool,
    /// Whether the assessments tab is shown.
    pub assessments_tab: bool,
    /// New marks since the last visit.
    pub feed: Vec<FeedItem>,
    /// The week tab.
    pub week: Option<week::WeekView>,
    /// The marks tab.
    pub marks: Option<marks::MarksView>,
    /// The assessments tab.
    pub assessments: Option<assessments::AssessmentsView>,
    /// Why nothing is shown (no pupil linked, no school year), empty otherwise.
    pub empty: String,
}

/// The work type's name under the policy (its code when unknown).
pub(crate) fn work_type_name(policy: &GradingPolicy, code: &str) -> String {
    policy
        .work_types
        .iter()
        .find(|w| w.code == code)
        .map(|w| w.name.clone())
        .unwrap_or_else(|| code.to_string())
}

/// The marks of a stored cell ("5 4") as separate marks.
pub(crate) fn split_marks(marks: &str) -> Vec<String> {
    marks.split_whitespace().map(String::from).collect()
}

fn feed_items(feed: &[NewMark]) -> Vec<FeedItem> {
    feed.iter()
        .map(|m| FeedItem {
            subject: m.subject_name.clone(),
            marks: split_marks(&m.marks),
            date: format_date(m.lesson_date),
            comment: m.comment.clone(),
        })
        .collect()
}

/// The pupil the query names among those the viewer may open (404 for any other), or the first.
fn choose(pupils: &[Pupil], wanted: &str) -> AppResult<Option<Pupil>> {
    if wanted.trim().is_empty() {
        return Ok(pupils.first().cloned());
    }
    let id = Uuid::parse_str(wanted.trim()).map_err(|_| AppError::NotFound)?;
    pupils
        .iter()
        .find(|p| p.id == id)
        .cloned()
        .map(Some)
        .ok_or(AppError::NotFound)
}

/// The pupil with this id if the viewer may open their diary (the pupil themself or a
/// parent's child): 403 for roles without a diary, 404 for any other pupil.
pub async fn diary_pupil(db: &Db, v: &Viewer, id: Uuid) -> AppResult<Pupil> {
    school_of(v)?;
    require(v, Permission::ViewOwnFamily)?;
    diary::pupils_of(db, v)
        .await?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or(AppError::NotFound)
}

/// Shows the feed of new marks and marks them seen (one upsert, only when there is news).
async fn feed(db: &Db, v: &Viewer, pupil_id: Uuid) -> AppResult<Vec<NewMark>> {
    let since = vsoko_store::now() - Duration::days(FEED_FIRST_DAYS);
    let news = diary::new_marks(db, v, pupil_id, since, FEED_LIMIT).await?;
    if let Some(newest) = news.first().map(|m| m.updated_at) {
        let v = v.clone();
        db.write(move |tx| Box::pin(async move { diary::mark_seen(tx, &v, pupil_id, newest).await }))
            .await?;
    }
    Ok(news)
}

/// The diary of the viewer's own pupil record or of one of their children: the week (default)
/// or the marks of a period, with the marks new since the last visit on top. A page without
/// news is kept in memory and served again while nothing was written (`cache`); the header
/// `x-vsoko-cache` says `hit` or `miss`.
pub async fn index(State(state): State<AppState>, Auth(v): Auth, Query(q): Query<DiaryQuery>) -> AppResult<Response> {
    let today = time::OffsetDateTime::now_utc().date();
    let key = format!(
        "diary\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{today}",
        v.user_id, v.locale, q.pupil, q.tab, q.week, q.period
    );
    if let Some(body) = state.caches.page(&key) {
        return Ok(html(body, "hit"));
    }
    let epoch = crate::cache::read_epoch();
    let page = build(&state, &v, &q, today).await?;
    let body = Bytes::from(page.render().map_err(|e| AppError::Internal(e.into()))?);
    if let Some(epoch) = epoch
        && page.feed.is_empty()
    {
        state.caches.put_page(key, body.clone(), epoch);
    }
    Ok(html(body, "miss"))
}

fn html(body: Bytes, cache: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::HeaderName::from_static("x-vsoko-cache"), cache),
        ],
        body,
    )
        .into_response()
}

/// Builds the diary page (see [`index`]).
async fn build(state: &AppState, v: &Viewer, q: &DiaryQuery, today: Date) -> AppResult<DiaryPage> {
    let v = v.clone();
    school_of(&v)?;
    require(&v, Permission::ViewOwnFamily)?;
    let ctx = PageCtx::new(state, &v, "/diary");
    let db = &state.db;
    let pupils = diary::pupils_of(db, &v).await?;
    let chosen = choose(&pupils, &q.pupil)?;
    let marks_tab = q.tab == "marks";
    let assessments_tab = q.tab == "assessments";
    let mut page = DiaryPage {
        name: String::new(),
        class_name: String::new(),
        pupil_id: String::new(),
        switcher: Vec::new(),
        marks_tab,
        assessments_tab,
        feed: Vec::new(),
        week: None,
        marks: None,
        assessments: None,
        empty: String::new(),
        ctx,
    };
    let Some(pupil) = chosen else {
        page.empty = page.ctx.tr.t("diary-no-pupils");
        return Ok(page);
    };
    let tab = if marks_tab {
        "&tab=marks"
    } else if assessments_tab {
        "&tab=assessments"
    } else {
        ""
    };
    if pupils.len() > 1 {
        page.switcher = pupils
            .iter()
            .map(|p| Switch {
                href: format!("/diary?pupil={}{tab}", p.id),
                label: match &p.class_name {
                    Some(c) => format!("{} · {c}", p.first_name),
                    None => p.first_name.clone(),
                },
                current: p.id == pupil.id,
            })
            .collect();
    }
    page.name = pupil.full_name();
    page.class_name = pupil.class_name.clone().unwrap_or_default();
    page.pupil_id = pupil.id.to_string();
    let Some(year) = years::current(db, v.school()).await? else {
        page.empty = page.ctx.tr.t("diary-no-year");
        return Ok(page);
    };
    page.feed = feed_items(&feed(db, &v, pupil.id).await?);
    let tr: &Tr = &page.ctx.tr;
    if assessments_tab {
        page.assessments = Some(assessments::view(db, &v, tr, pupil.id).await?);
    } else if marks_tab {
        page.marks = Some(marks::view(db, &v, tr, pupil.id, &year, &q.period, today).await?);
    } else {
        let day = crate::forms::parse_date(&q.week).unwrap_or(today);
        page.week = Some(week::view(db, &v, tr, pupil.id, year.id, day, today).await?);
    }
    Ok(page)
}

/// The Monday of a date's week.
pub fn monday_of(d: Date) -> Date {
    d - Duration::days(i64::from(d.weekday().number_days_from_monday()))
}
