//! `/admin/assignments`: the teaching load of the current year, filtered by teacher and
//! class, with each teacher's weekly total, adding and removing assignments, and a mark on
//! class-subjects that two teachers share (subgroups "1"/"2" or co-teaching).

use super::{managed_school, opt_id, unprocessable};
use crate::auth::Auth;
use crate::error::AppResult;
use crate::forms::FieldErrors;
use crate::page::PageCtx;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use std::collections::BTreeMap;
use uuid::Uuid;
use vsoko_i18n::Tr;
use vsoko_store::people::staff;
use vsoko_store::structure::assignments::{self, Assignment, AssignmentInput, format_hours};
use vsoko_store::structure::classes::{self, Class};
use vsoko_store::structure::subjects::{self, Subject};
use vsoko_store::structure::years::{self, Year};
use vsoko_store::{Actor, StoreError, Viewer};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/assignments", get(index).post(create))
        .route("/admin/assignments/{id}/delete", post(delete))
}

/// Parses weekly hours typed with a comma or a dot ("1,5", "2", "0.25") into hundredths.
pub fn parse_hours(text: &str) -> Option<i64> {
    let t = text.trim().replace(',', ".");
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if (whole.is_empty() && frac.is_empty()) || whole.len() > 2 || frac.len() > 2 || !digits(whole) || !digits(frac) {
        return None;
    }
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let frac: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    Some(whole * 100 + frac).filter(|h| (1..=4000).contains(h))
}

/// An assignment row and the other teachers of the same class-subject.
pub struct Row {
    a: Assignment,
    shared_with: Vec<String>,
}

/// A teacher's weekly total.
pub struct Load {
    staff_id: Uuid,
    name: String,
    hours: String,
}

/// Values of the add form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AssignmentForm {
    #[serde(default)]
    staff_id: String,
    #[serde(default)]
    class_id: String,
    #[serde(default)]
    subject_id: String,
    #[serde(default)]
    subgroup: String,
    #[serde(default)]
    hours: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "structure/assignments.html")]
struct AssignmentsPage {
    ctx: PageCtx,
    year: Option<Year>,
    teacher: String,
    class: String,
    teachers: Vec<(Uuid, String)>,
    classes: Vec<Class>,
    subjects: Vec<Subject>,
    rows: Vec<Row>,
    loads: Vec<Load>,
    total: String,
    form: AssignmentForm,
    errors: FieldErrors,
}

/// Filters of the load page.
#[derive(Deserialize)]
pub struct LoadQuery {
    teacher: Option<String>,
    class: Option<String>,
}

async fn page(state: &AppState, v: &Viewer, school_id: Uuid, q: &LoadQuery) -> AppResult<AssignmentsPage> {
    let db = &state.db;
    let year = years::current(db, school_id).await?;
    let people = staff::list(db, school_id, "").await?;
    let names: BTreeMap<Uuid, String> = people.iter().map(|s| (s.id, s.full_name())).collect();
    let (teacher, class) = (opt_id(q.teacher.as_deref()), opt_id(q.class.as_deref()));
    let mut p = AssignmentsPage {
        ctx: PageCtx::new(state, v, "/admin/assignments"),
        year: None,
        teacher: teacher.map(|id| id.to_string()).unwrap_or_default(),
        class: class.map(|id| id.to_string()).unwrap_or_default(),
        teachers: people
            .iter()
            .filter(|s| s.is_active)
            .map(|s| (s.id, s.full_name()))
            .collect(),
        classes: Vec::new(),
        subjects: subjects::list(db, school_id, "")
            .await?
            .into_iter()
            .filter(|s| s.is_active)
            .collect(),
        rows: Vec::new(),
        loads: Vec::new(),
        total: String::new(),
        form: AssignmentForm {
            staff_id: teacher.map(|id| id.to_string()).unwrap_or_default(),
            class_id: class.map(|id| id.to_string()).unwrap_or_default(),
            ..AssignmentForm::default()
        },
        errors: FieldErrors::new(),
    };
    let Some(y) = year else { return Ok(p) };
    p.classes = classes::list_visible(db, v, y.id, "").await?;
    let shown = assignments::list(db, school_id, y.id, teacher, class).await?;
    // Sharing is judged against the whole year, so a teacher's filtered view still shows
    // the colleague who teaches the other subgroup.
    let all = assignments::list(db, school_id, y.id, None, class).await?;
    let mut teachers_of: BTreeMap<(Uuid, Uuid), Vec<(Uuid, String)>> = BTreeMap::new();
    for a in &all {
        let label = if a.subgroup.is_empty() {
            a.teacher_name.clone()
        } else {
            format!("{} ({})", a.teacher_name, a.subgroup)
        };
        teachers_of
            .entry((a.class_id, a.subject_id))
            .or_default()
            .push((a.staff_id, label));
    }
    p.rows = shown
        .into_iter()
        .map(|a| {
            let shared_with = teachers_of
                .get(&(a.class_id, a.subject_id))
                .map(|list| {
                    list.iter()
                        .filter(|(s, _)| *s != a.staff_id)
                        .map(|(_, l)| l.clone())
                        .collect()
                })
                .unwrap_or_default();
            Row { a, shared_with }
        })
        .collect();
    let mut loads: Vec<Load> = assignments::loads(db, school_id, y.id)
        .await?
        .into_iter()
        .filter(|(id, _)| teacher.is_none_or(|t| t == *id))
        .map(|(staff_id, x100)| Load {
            staff_id,
            name: names.get(&staff_id).cloned().unwrap_or_default(),
            hours: format_hours(x100),
        })
        .collect();
    loads.sort_by(|a, b| a.name.cmp(&b.name));
    p.total = format_hours(p.rows.iter().map(|r| r.a.hours_x100).sum());
    p.loads = loads;
    p.year = Some(y);
    Ok(p)
}

/// The teaching load of the current year, filtered by `?teacher=` and `?class=`.
async fn index(State(state): State<AppState>, Auth(v): Auth, Query(q): Query<LoadQuery>) -> AppResult<AssignmentsPage> {
    let school_id = managed_school(&v)?;
    page(&state, &v, school_id, &q).await
}

/// Adds an assignment to the current year; every choice must belong to the school.
async fn create(State(state): State<AppState>, Auth(v): Auth, Form(f): Form<AssignmentForm>) -> AppResult<Response> {
    let school_id = managed_school(&v)?;
    let tr = Tr::new(&v.locale);
    let no_filter = LoadQuery {
        teacher: None,
        class: None,
    };
    let mut p = page(&state, &v, school_id, &no_filter).await?;
    let mut errors = FieldErrors::new();
    let staff_id = opt_id(Some(&f.staff_id)).filter(|id| p.teachers.iter().any(|(s, _)| s == id));
    let class_id = opt_id(Some(&f.class_id)).filter(|id| p.classes.iter().any(|c| c.id == *id));
    let subject_id = opt_id(Some(&f.subject_id)).filter(|id| p.subjects.iter().any(|s| s.id == *id));
    let hours = parse_hours(&f.hours);
    let subgroup = f.subgroup.trim().to_string();
    if staff_id.is_none() {
        errors.add("staff_id", tr.t("structure-choose"));
    }
    if class_id.is_none() {
        errors.add("class_id", tr.t("structure-choose"));
    }
    if subject_id.is_none() {
        errors.add("subject_id", tr.t("structure-choose"));
    }
    if subgroup.chars().count() > 20 {
        errors.add("subgroup", tr.t("structure-subgroup-long"));
    }
    if hours.is_none() {
        errors.add("hours", tr.t("structure-hours-invalid"));
    }
    if let (Some(y), Some(staff_id), Some(class_id), Some(subject_id), Some(hours_x100), true) = (
        p.year.as_ref(),
        staff_id,
        class_id,
        subject_id,
        hours,
        errors.is_empty(),
    ) {
        let actor = Actor::user(v.user_id, &v.login);
        let year_id = y.id;
        let input = AssignmentInput {
            staff_id,
            class_id,
            subject_id,
            subgroup,
            hours_x100,
        };
        let done = state
            .db
            .write(move |tx| Box::pin(async move { assignments::create(tx, &actor, school_id, year_id, &input).await }))
            .await;
        match done {
            Ok(_) => return Ok(Redirect::to(&format!("/admin/assignments?class={class_id}")).into_response()),
            Err(StoreError::Invalid { .. }) => errors.add("hours", tr.t("structure-hours-invalid")),
            Err(e) => return Err(e.into()),
        }
    }
    p.form = f;
    p.errors = errors;
    Ok(unprocessable(p))
}

/// Where to return after a deletion.
#[derive(Deserialize)]
pub struct BackForm {
    #[serde(default)]
    teacher: String,
    #[serde(default)]
    class: String,
}

/// Removes an assignment of the school (404 for any other id).
async fn delete(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<Uuid>,
    Form(back): Form<BackForm>,
) -> AppResult<Redirect> {
    let school_id = managed_school(&v)?;
    let actor = Actor::user(v.user_id, &v.login);
    state
        .db
        .write(move |tx| Box::pin(async move { assignments::delete(tx, &actor, school_id, id).await }))
        .await?;
    let mut query = Vec::new();
    if let Some(t) = opt_id(Some(&back.teacher)) {
        query.push(format!("teacher={t}"));
    }
    if let Some(c) = opt_id(Some(&back.class)) {
        query.push(format!("class={c}"));
    }
    Ok(Redirect::to(&format!("/admin/assignments?{}", query.join("&"))))
}

#[cfg(test)]
mod tests {
    use super::parse_hours;

    #[test]
    fn hours_take_a_comma_or_a_dot() {
        assert_eq!(parse_hours("1,5"), Some(150));
        assert_eq!(parse_hours("1.5"), Some(150));
        assert_eq!(parse_hours(" 2 "), Some(200));
        assert_eq!(parse_hours("0,25"), Some(25));
        assert_eq!(parse_hours(",5"), Some(50));
        assert_eq!(parse_hours("40"), Some(4000));
        assert_eq!(parse_hours("41"), None);
        assert_eq!(parse_hours("0"), None);
        assert_eq!(parse_hours("1,555"), None);
        assert_eq!(parse_hours("abc"), None);
        assert_eq!(parse_hours(""), None);
        assert_eq!(parse_hours("-1"), None);
    }
}
