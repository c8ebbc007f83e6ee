//! `/admin/subjects`: the school's subject catalogue with search, adding and editing
//! subjects, and loading the subjects still missing from the reference catalogue (shown with
//! its provenance).

use super::{managed_school, unprocessable};
use crate::auth::Auth;
use crate::error::{AppError, AppResult};
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
use uuid::Uuid;
use vsoko_domain::reference::{SUBJECTS_CSV, provenance};
use vsoko_i18n::Tr;
use vsoko_store::structure::subjects::{self, Subject, SubjectInput};
use vsoko_store::{Actor, StoreError, Viewer};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/subjects", get(index).post(create))
        .route("/admin/subjects/seed", post(seed))
        .route("/admin/subjects/{id}/edit", get(edit_form))
        .route("/admin/subjects/{id}", post(update))
}

/// Values of the subject form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SubjectForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    short_name: String,
    #[serde(default)]
    area: String,
    #[serde(default)]
    is_active: Option<String>,
}

impl SubjectForm {
    fn input(&self) -> SubjectInput {
        SubjectInput {
            code: self.code.trim().to_string(),
            name: self.name.trim().to_string(),
            short_name: self.short_name.trim().to_string(),
            area: self.area.trim().to_string(),
            is_active: self.is_active.is_some(),
        }
    }

    fn of(s: &Subject) -> SubjectForm {
        SubjectForm {
            code: s.code.clone(),
            name: s.name.clone(),
            short_name: s.short_name.clone(),
            area: s.area.clone(),
            is_active: s.is_active.then(|| "on".to_string()),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "structure/subjects.html")]
struct SubjectsPage {
    ctx: PageCtx,
    q: String,
    subjects: Vec<Subject>,
    provenance: Vec<&'static str>,
    notice: Option<String>,
    form: SubjectForm,
    errors: FieldErrors,
}

#[derive(Template, WebTemplate)]
#[template(path = "structure/subject_edit.html")]
struct SubjectEditPage {
    ctx: PageCtx,
    id: Uuid,
    form: SubjectForm,
    errors: FieldErrors,
}

/// Query of the subject list.
#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    seeded: Option<i64>,
}

async fn list_page(state: &AppState, v: &Viewer, school_id: Uuid, q: String) -> AppResult<SubjectsPage> {
    Ok(SubjectsPage {
        ctx: PageCtx::new(state, v, "/admin/subjects"),
        subjects: subjects::list(&state.db, school_id, &q).await?,
        q,
        provenance: provenance(SUBJECTS_CSV)
            .into_iter()
            .filter(|l| !l.starts_with("columns:"))
            .collect(),
        notice: None,
        form: SubjectForm {
            is_active: Some("on".into()),
            ..SubjectForm::default()
        },
        errors: FieldErrors::new(),
    })
}

/// The catalogue, filtered by `?q=`.
async fn index(State(state): State<AppState>, Auth(v): Auth, Query(q): Query<ListQuery>) -> AppResult<SubjectsPage> {
    let school_id = managed_school(&v)?;
    let mut p = list_page(&state, &v, school_id, q.q).await?;
    if let Some(n) = q.seeded {
        p.notice = Some(p.ctx.tr.n("structure-subjects-seeded", "n", n));
    }
    Ok(p)
}

/// Maps the store's rule violations to messages beside the fields.
fn absorb(tr: &Tr, errors: &mut FieldErrors, e: StoreError) -> Result<(), AppError> {
    match e {
        StoreError::Conflict { .. } => errors.add("name", tr.t("structure-subject-exists")),
        StoreError::Invalid { field: "code", .. } => errors.add("code", tr.t("structure-subject-code-invalid")),
        StoreError::Invalid { field, .. } => errors.add(field, tr.t("form-required")),
        other => return Err(other.into()),
    }
    Ok(())
}

/// Adds a subject.
async fn create(State(state): State<AppState>, Auth(v): Auth, Form(f): Form<SubjectForm>) -> AppResult<Response> {
    let school_id = managed_school(&v)?;
    let tr = Tr::new(&v.locale);
    let actor = Actor::user(v.user_id, &v.login);
    let input = f.input();
    let done = state
        .db
        .write(move |tx| Box::pin(async move { subjects::create(tx, &actor, school_id, &input).await }))
        .await;
    let mut errors = FieldErrors::new();
    match done {
        Ok(_) => return Ok(Redirect::to("/admin/subjects").into_response()),
        Err(e) => absorb(&tr, &mut errors, e)?,
    }
    let mut p = list_page(&state, &v, school_id, String::new()).await?;
    p.form = f;
    p.errors = errors;
    Ok(unprocessable(p))
}

/// The form to edit a subject.
async fn edit_form(State(state): State<AppState>, Auth(v): Auth, Path(id): Path<Uuid>) -> AppResult<SubjectEditPage> {
    let school_id = managed_school(&v)?;
    let s = subjects::get(&state.db, school_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(SubjectEditPage {
        ctx: PageCtx::new(&state, &v, "/admin/subjects"),
        id,
        form: SubjectForm::of(&s),
        errors: FieldErrors::new(),
    })
}

/// Saves a subject.
async fn update(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<Uuid>,
    Form(f): Form<SubjectForm>,
) -> AppResult<Response> {
    let school_id = managed_school(&v)?;
    let tr = Tr::new(&v.locale);
    let actor = Actor::user(v.user_id, &v.login);
    let input = f.input();
    let done = state
        .db
        .write(move |tx| Box::pin(async move { subjects::update(tx, &actor, school_id, id, &input).await }))
        .await;
    let mut errors = FieldErrors::new();
    match done {
        Ok(()) => return Ok(Redirect::to("/admin/subjects").into_response()),
        Err(e) => absorb(&tr, &mut errors, e)?,
    }
    Ok(unprocessable(SubjectEditPage {
        ctx: PageCtx::new(&state, &v, "/admin/subjects"),
        id,
        form: f,
        errors,
    }))
}

/// Adds the reference catalogue's subjects the school does not have yet.
async fn seed(State(state): State<AppState>, Auth(v): Auth) -> AppResult<Redirect> {
    let school_id = managed_school(&v)?;
    let actor = Actor::user(v.user_id, &v.login);
    let added = state
        .db
        .write(move |tx| Box::pin(async move { subjects::seed_catalogue(tx, &actor, school_id).await }))
        .await?;
    Ok(Redirect::to(&format!("/admin/subjects?seeded={added}")))
}
