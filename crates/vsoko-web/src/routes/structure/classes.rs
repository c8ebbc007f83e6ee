//! `/admin/classes`: the classes of a year (the current one by default), creating a class
//! from a name such as "5А", and editing a class's profile and class teacher.

use super::{managed_school, opt_id, unprocessable};
use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::forms::FieldErrors;
use crate::page::PageCtx;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use uuid::Uuid;
use vsoko_domain::structure::{ClassName, ClassNameError};
use vsoko_i18n::Tr;
use vsoko_store::people::staff;
use vsoko_store::structure::classes::{self, Class};
use vsoko_store::structure::years::{self, Year};
use vsoko_store::{Actor, StoreError, Viewer};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/classes", get(index).post(create))
        .route("/admin/classes/{id}/edit", get(edit_form))
        .route("/admin/classes/{id}", axum::routing::post(update))
}

#[derive(Template, WebTemplate)]
#[template(path = "structure/classes.html")]
struct ClassesPage {
    ctx: PageCtx,
    years: Vec<Year>,
    year: Option<Year>,
    classes: Vec<Class>,
    name: String,
    profile: String,
    errors: FieldErrors,
}

#[derive(Template, WebTemplate)]
#[template(path = "structure/class_edit.html")]
struct ClassEditPage {
    ctx: PageCtx,
    class: Class,
    profile: String,
    teacher: String,
    staff: Vec<(Uuid, String)>,
    errors: FieldErrors,
}

/// Query of the class list.
#[derive(Deserialize)]
pub struct YearQuery {
    year: Option<String>,
}

/// The chosen year of the school (the current one when none is chosen); 404 for a year of
/// another school.
async fn chosen_year(state: &AppState, school_id: Uuid, year: Option<&str>) -> AppResult<(Vec<Year>, Option<Year>)> {
    let all = years::list(&state.db, school_id).await?;
    let chosen = match year.filter(|s| !s.is_empty()) {
        Some(text) => {
            let id = Uuid::parse_str(text).map_err(|_| AppError::NotFound)?;
            Some(all.iter().find(|y| y.id == id).cloned().ok_or(AppError::NotFound)?)
        }
        None => all.iter().find(|y| y.is_current).cloned(),
    };
    Ok((all, chosen))
}

async fn list_page(state: &AppState, v: &Viewer, all: Vec<Year>, year: Option<Year>) -> AppResult<ClassesPage> {
    let classes = match &year {
        Some(y) => classes::list_visible(&state.db, v, y.id, "").await?,
        None => Vec::new(),
    };
    Ok(ClassesPage {
        ctx: PageCtx::new(state, v, "/admin/classes"),
        years: all,
        year,
        classes,
        name: String::new(),
        profile: String::new(),
        errors: FieldErrors::new(),
    })
}

/// The classes of a year with the form to add one.
async fn index(State(state): State<AppState>, Auth(v): Auth, Query(q): Query<YearQuery>) -> AppResult<ClassesPage> {
    let school_id = managed_school(&v)?;
    let (all, year) = chosen_year(&state, school_id, q.year.as_deref()).await?;
    list_page(&state, &v, all, year).await
}

/// Fields of a new class.
#[derive(Deserialize)]
pub struct NewClassForm {
    #[serde(default)]
    year: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    profile: String,
}

fn name_error(tr: &Tr, e: &ClassNameError) -> String {
    tr.t(match e {
        ClassNameError::NoGrade => "structure-class-no-grade",
        ClassNameError::GradeOutOfRange => "structure-class-grade-range",
        ClassNameError::BadLetter => "structure-class-bad-letter",
    })
}

/// Creates a class in the chosen year; a malformed or taken name is a field error.
async fn create(State(state): State<AppState>, Auth(v): Auth, Form(f): Form<NewClassForm>) -> AppResult<Response> {
    let school_id = managed_school(&v)?;
    let tr = Tr::new(&v.locale);
    let (all, year) = chosen_year(&state, school_id, Some(&f.year)).await?;
    let Some(y) = year.clone() else {
        return Err(AppError::NotFound);
    };
    let mut errors = FieldErrors::new();
    match ClassName::parse(&f.name) {
        Err(e) => errors.add("name", name_error(&tr, &e)),
        Ok(name) => {
            let actor = Actor::user(v.user_id, &v.login);
            let profile = f.profile.clone();
            let done = state
                .db
                .write(move |tx| {
                    Box::pin(async move { classes::create(tx, &actor, school_id, y.id, &name, &profile).await })
                })
                .await;
            match done {
                Ok(_) => return Ok(Redirect::to(&format!("/admin/classes?year={}", y.id)).into_response()),
                Err(StoreError::Conflict { .. }) => errors.add("name", tr.t("structure-class-exists")),
                Err(e) => return Err(e.into()),
            }
        }
    }
    let mut p = list_page(&state, &v, all, year).await?;
    p.name = f.name;
    p.profile = f.profile;
    p.errors = errors;
    Ok(unprocessable(p))
}

async fn edit_page(state: &AppState, v: &Viewer, school_id: Uuid, class: Class) -> AppResult<ClassEditPage> {
    let people = staff::list(&state.db, school_id, "").await?;
    let staff = people
        .iter()
        .filter(|s| s.is_active || Some(s.id) == class.class_teacher_id)
        .map(|s| (s.id, s.full_name()))
        .collect();
    Ok(ClassEditPage {
        ctx: PageCtx::new(state, v, "/admin/classes"),
        profile: class.profile.clone(),
        teacher: class.class_teacher_id.map(|id| id.to_string()).unwrap_or_default(),
        class,
        staff,
        errors: FieldErrors::new(),
    })
}

async fn visible_class(state: &AppState, v: &Viewer, id: Uuid) -> AppResult<Class> {
    classes::get_visible(&state.db, v, id).await?.ok_or(AppError::NotFound)
}

/// The form to edit a class's profile and class teacher.
async fn edit_form(State(state): State<AppState>, Auth(v): Auth, Path(id): Path<Uuid>) -> AppResult<ClassEditPage> {
    let school_id = managed_school(&v)?;
    let class = visible_class(&state, &v, id).await?;
    edit_page(&state, &v, school_id, class).await
}

/// Edited fields of a class.
#[derive(Deserialize)]
pub struct EditClassForm {
    #[serde(default)]
    profile: String,
    #[serde(default)]
    class_teacher: String,
}

/// Saves the profile and the class teacher (who must be staff of the school).
async fn update(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<Uuid>,
    Form(f): Form<EditClassForm>,
) -> AppResult<Response> {
    let school_id = managed_school(&v)?;
    let tr = Tr::new(&v.locale);
    let class = visible_class(&state, &v, id).await?;
    let mut errors = FieldErrors::new();
    let teacher = opt_id(Some(&f.class_teacher));
    if teacher.is_none() && !f.class_teacher.trim().is_empty() {
        errors.add("class_teacher", tr.t("structure-staff-unknown"));
    }
    if errors.is_empty() {
        let actor = Actor::user(v.user_id, &v.login);
        let profile = f.profile.clone();
        let done = state
            .db
            .write(move |tx| {
                Box::pin(async move {
                    if let Some(staff_id) = teacher {
                        staff::get_in(tx, school_id, staff_id)
                            .await?
                            .ok_or(StoreError::Invalid {
                                field: "class_teacher",
                                message: "not a staff member of this school".into(),
                            })?;
                    }
                    classes::update_profile(tx, &actor, school_id, id, &profile).await?;
                    classes::set_class_teacher(tx, &actor, school_id, id, teacher).await?;
                    Ok(())
                })
            })
            .await;
        match done {
            Ok(()) => return Ok(Redirect::to(&format!("/admin/classes?year={}", class.year_id)).into_response()),
            Err(StoreError::Invalid { field, .. }) => errors.add(field, tr.t("structure-staff-unknown")),
            Err(e) => return Err(e.into()),
        }
    }
    let mut p = edit_page(&state, &v, school_id, class).await?;
    p.profile = f.profile;
    p.teacher = f.class_teacher;
    p.errors = errors;
    Ok(unprocessable(p))
}
