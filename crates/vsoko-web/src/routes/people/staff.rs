//! Staff administration (ManageStructure): the list with live search, and the add and edit
//! forms. Validation errors re-render the form with 422 and a message beside each field.

use super::admin::{AdminList, admin_list_page, check_person, save};
use super::{ListQuery, parse_id};
use crate::auth::{Auth, require, school_of};
use crate::error::{AppError, AppResult};
use crate::forms::FieldErrors;
use crate::page::PageCtx;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;
use vsoko_domain::roles::Permission;
use vsoko_store::Viewer;
use vsoko_store::people::staff::{self, Staff, StaffInput};

admin_list_page!(
    /// The staff list.
    StaffPage,
    Staff,
    "people/staff_index.html"
);

/// Staff of the school matching the search.
pub async fn index(State(state): State<AppState>, Auth(v): Auth, Query(q): Query<ListQuery>) -> AppResult<StaffPage> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    let rows = staff::list(&state.db, school, &q.q).await?;
    Ok(StaffPage(AdminList::new(&state, &v, "/admin/staff", q.q, rows)))
}

/// Fields of the staff form.
#[derive(Debug, Default, Deserialize)]
pub struct StaffForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    middle_name: String,
    #[serde(default)]
    post: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    /// Checkbox: present when ticked (edit form only).
    #[serde(default)]
    is_active: Option<String>,
}

impl StaffForm {
    fn of(s: &Staff) -> StaffForm {
        StaffForm {
            code: s.code.clone(),
            last_name: s.last_name.clone(),
            first_name: s.first_name.clone(),
            middle_name: s.middle_name.clone(),
            post: s.post.clone(),
            email: s.email.clone(),
            phone: s.phone.clone(),
            is_active: s.is_active.then(String::new),
        }
    }

    fn active(&self) -> bool {
        self.is_active.is_some()
    }

    /// Checks the fields; the input to store when they are valid.
    fn parse(&self, errors: &mut FieldErrors, tr: &vsoko_i18n::Tr) -> StaffInput {
        check_person(errors, tr, &self.code, &self.last_name, &self.first_name, &self.email);
        errors.required(tr, "post", &self.post);
        StaffInput {
            code: self.code.trim().to_string(),
            last_name: self.last_name.trim().to_string(),
            first_name: self.first_name.trim().to_string(),
            middle_name: self.middle_name.trim().to_string(),
            post: self.post.trim().to_string(),
            email: self.email.trim().to_string(),
            phone: self.phone.trim().to_string(),
        }
    }
}

/// The add/edit form.
#[derive(Template, WebTemplate)]
#[template(path = "people/staff_form.html")]
pub struct StaffFormPage {
    /// Layout.
    pub ctx: PageCtx,
    /// Heading.
    pub title: String,
    /// Form target.
    pub action: String,
    /// Editing an existing member (shows the "active" box).
    pub editing: bool,
    /// Values.
    pub form: StaffForm,
    /// Errors.
    pub errors: FieldErrors,
    /// Whether a login is linked.
    pub linked: bool,
}

fn form_page(
    state: &AppState,
    v: &Viewer,
    id: Option<Uuid>,
    form: StaffForm,
    errors: FieldErrors,
    linked: bool,
) -> StaffFormPage {
    let ctx = PageCtx::new(state, v, "/admin/staff");
    StaffFormPage {
        title: ctx.tr.t(if id.is_some() {
            "people-staff-edit"
        } else {
            "people-staff-new"
        }),
        action: id
            .map(|i| format!("/admin/staff/{i}"))
            .unwrap_or_else(|| "/admin/staff".into()),
        editing: id.is_some(),
        form,
        errors,
        linked,
        ctx,
    }
}

/// The empty form for a new staff member.
pub async fn new_form(State(state): State<AppState>, Auth(v): Auth) -> AppResult<StaffFormPage> {
    require(&v, Permission::ManageStructure)?;
    school_of(&v)?;
    Ok(form_page(
        &state,
        &v,
        None,
        StaffForm::default(),
        FieldErrors::new(),
        false,
    ))
}

/// Adds a staff member and returns to the list; 422 with field errors when invalid.
pub async fn create(State(state): State<AppState>, Auth(v): Auth, Form(f): Form<StaffForm>) -> AppResult<Response> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    let tr = vsoko_i18n::Tr::new(&v.locale);
    let mut errors = FieldErrors::new();
    let input = f.parse(&mut errors, &tr);
    let saved = save(&state, &v, &tr, &mut errors, move |tx, actor| {
        Box::pin(async move { staff::create(tx, &actor, school, &input).await })
    })
    .await?;
    if saved.is_some() {
        return Ok(Redirect::to("/admin/staff").into_response());
    }
    let page = form_page(&state, &v, None, f, errors, false);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// The edit form of a staff member of the school.
pub async fn edit_form(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<String>,
) -> AppResult<StaffFormPage> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    let id = parse_id(&id)?;
    let s = staff::get(&state.db, school, id).await?.ok_or(AppError::NotFound)?;
    Ok(form_page(
        &state,
        &v,
        Some(id),
        StaffForm::of(&s),
        FieldErrors::new(),
        s.user_id.is_some(),
    ))
}

/// Saves a staff member's fields and active flag; 422 with field errors when invalid.
pub async fn update(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<String>,
    Form(f): Form<StaffForm>,
) -> AppResult<Response> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    let id = parse_id(&id)?;
    let existing = staff::get(&state.db, school, id).await?.ok_or(AppError::NotFound)?;
    let tr = vsoko_i18n::Tr::new(&v.locale);
    let mut errors = FieldErrors::new();
    let input = f.parse(&mut errors, &tr);
    let active = f.active();
    let saved = save(&state, &v, &tr, &mut errors, move |tx, actor| {
        Box::pin(async move {
            staff::update(tx, &actor, school, id, &input).await?;
            staff::set_active(tx, &actor, school, id, active).await
        })
    })
    .await?;
    if saved.is_some() {
        return Ok(Redirect::to("/admin/staff").into_response());
    }
    let page = form_page(&state, &v, Some(id), f, errors, existing.user_id.is_some());
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
