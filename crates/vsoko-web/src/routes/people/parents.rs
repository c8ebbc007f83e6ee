//! Parent administration (ManageStructure): the list with live search, the add and edit
//! forms, and on the edit page the parent's children with forms to link a pupil by code and
//! to remove a link.

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
use vsoko_i18n::Tr;
use vsoko_store::people::parents::{self, LinkedPupil, Parent, ParentInput};
use vsoko_store::people::pupils;
use vsoko_store::{Actor, Viewer};

admin_list_page!(
    /// The parent list.
    ParentsPage,
    Parent,
    "people/parents_index.html"
);

/// Parents of the school matching the search (name, code, phone).
pub async fn index(State(state): State<AppState>, Auth(v): Auth, Query(q): Query<ListQuery>) -> AppResult<ParentsPage> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    let rows = parents::list(&state.db, school, &q.q).await?;
    Ok(ParentsPage(AdminList::new(&state, &v, "/admin/parents", q.q, rows)))
}

/// Fields of the parent form.
#[derive(Debug, Default, Deserialize)]
pub struct ParentForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    middle_name: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    email: String,
}

impl ParentForm {
    fn of(p: &Parent) -> ParentForm {
        ParentForm {
            code: p.code.clone(),
            last_name: p.last_name.clone(),
            first_name: p.first_name.clone(),
            middle_name: p.middle_name.clone(),
            phone: p.phone.clone(),
            email: p.email.clone(),
        }
    }

    /// Checks the fields; the input to store.
    fn parse(&self, errors: &mut FieldErrors, tr: &Tr) -> ParentInput {
        check_person(errors, tr, &self.code, &self.last_name, &self.first_name, &self.email);
        ParentInput {
            code: self.code.trim().to_string(),
            last_name: self.last_name.trim().to_string(),
            first_name: self.first_name.trim().to_string(),
            middle_name: self.middle_name.trim().to_string(),
            phone: self.phone.trim().to_string(),
            email: self.email.trim().to_string(),
        }
    }
}

/// Fields of the link form.
#[derive(Debug, Default, Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    pupil_code: String,
    #[serde(default)]
    relation: String,
}

/// The add/edit form; when editing, also the children and the link form.
#[derive(Template, WebTemplate)]
#[template(path = "people/parent_form.html")]
pub struct ParentFormPage {
    /// Layout.
    pub ctx: PageCtx,
    /// Heading.
    pub title: String,
    /// Form target.
    pub action: String,
    /// The parent being edited.
    pub id: Option<Uuid>,
    /// Values.
    pub form: ParentForm,
    /// Errors.
    pub errors: FieldErrors,
    /// Whether a login is linked.
    pub linked: bool,
    /// Linked pupils.
    pub children: Vec<LinkedPupil>,
    /// Values of the link form.
    pub link: LinkForm,
    /// Errors of the link form.
    pub link_errors: FieldErrors,
}

/// What the edit page shows besides the form.
struct EditExtras {
    linked: bool,
    children: Vec<LinkedPupil>,
    link: LinkForm,
    link_errors: FieldErrors,
}

async fn page(
    state: &AppState,
    v: &Viewer,
    id: Option<Uuid>,
    form: ParentForm,
    errors: FieldErrors,
    extras: Option<EditExtras>,
) -> AppResult<ParentFormPage> {
    let ctx = PageCtx::new(state, v, "/admin/parents");
    let extras = extras.unwrap_or(EditExtras {
        linked: false,
        children: Vec::new(),
        link: LinkForm::default(),
        link_errors: FieldErrors::new(),
    });
    Ok(ParentFormPage {
        title: ctx.tr.t(if id.is_some() {
            "people-parent-edit"
        } else {
            "people-parent-new"
        }),
        action: id
            .map(|i| format!("/admin/parents/{i}"))
            .unwrap_or_else(|| "/admin/parents".into()),
        id,
        form,
        errors,
        linked: extras.linked,
        children: extras.children,
        link: extras.link,
        link_errors: extras.link_errors,
        ctx,
    })
}

/// Loads a parent of the viewer's school, or not found.
async fn load(state: &AppState, school: Uuid, id: Uuid) -> AppResult<Parent> {
    parents::get(&state.db, school, id).await?.ok_or(AppError::NotFound)
}

async fn extras(
    state: &AppState,
    school: Uuid,
    p: &Parent,
    link: LinkForm,
    link_errors: FieldErrors,
) -> AppResult<EditExtras> {
    Ok(EditExtras {
        linked: p.user_id.is_some(),
        children: parents::pupils_of(&state.db, school, p.id).await?,
        link,
        link_errors,
    })
}

/// The empty form for a new parent.
pub async fn new_form(State(state): State<AppState>, Auth(v): Auth) -> AppResult<ParentFormPage> {
    require(&v, Permission::ManageStructure)?;
    school_of(&v)?;
    page(&state, &v, None, ParentForm::default(), FieldErrors::new(), None).await
}

/// Adds a parent and opens the edit page (to link children); 422 with field errors.
pub async fn create(State(state): State<AppState>, Auth(v): Auth, Form(f): Form<ParentForm>) -> AppResult<Response> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    let tr = Tr::new(&v.locale);
    let mut errors = FieldErrors::new();
    let input = f.parse(&mut errors, &tr);
    let saved = save(&state, &v, &tr, &mut errors, move |tx, actor| {
        Box::pin(async move { parents::create(tx, &actor, school, &input).await })
    })
    .await?;
    if let Some(id) = saved {
        return Ok(Redirect::to(&format!("/admin/parents/{id}/edit")).into_response());
    }
    let p = page(&state, &v, None, f, errors, None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, p).into_response())
}

/// The edit form with the parent's children and the link form.
pub async fn edit_form(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<String>,
) -> AppResult<ParentFormPage> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    let p = load(&state, school, parse_id(&id)?).await?;
    let x = extras(&state, school, &p, LinkForm::default(), FieldErrors::new()).await?;
    page(&state, &v, Some(p.id), ParentForm::of(&p), FieldErrors::new(), Some(x)).await
}

/// Saves a parent and returns to the list; 422 with field errors.
pub async fn update(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<String>,
    Form(f): Form<ParentForm>,
) -> AppResult<Response> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    let p = load(&state, school, parse_id(&id)?).await?;
    let id = p.id;
    let tr = Tr::new(&v.locale);
    let mut errors = FieldErrors::new();
    let input = f.parse(&mut errors, &tr);
    let saved = save(&state, &v, &tr, &mut errors, move |tx, actor| {
        Box::pin(async move { parents::update(tx, &actor, school, id, &input).await })
    })
    .await?;
    if saved.is_some() {
        return Ok(Redirect::to("/admin/parents").into_response());
    }
    let x = extras(&state, school, &p, LinkForm::default(), FieldErrors::new()).await?;
    let page = page(&state, &v, Some(id), f, errors, Some(x)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// Links a pupil, found by code in the same school, to the parent; 422 when the code is
/// unknown.
pub async fn link(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<String>,
    Form(f): Form<LinkForm>,
) -> AppResult<Response> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    let p = load(&state, school, parse_id(&id)?).await?;
    let id = p.id;
    let tr = Tr::new(&v.locale);
    let mut errors = FieldErrors::new();
    errors.required(&tr, "pupil_code", &f.pupil_code);
    if errors.is_empty() {
        let actor = Actor::user(v.user_id, &v.login);
        let (code, relation) = (f.pupil_code.trim().to_string(), f.relation.trim().to_string());
        let linked = state
            .db
            .write(move |tx| {
                Box::pin(async move {
                    let Some(pupil) = pupils::id_by_code(tx, school, &code).await? else {
                        return Ok(false);
                    };
                    parents::link_pupil(tx, &actor, school, id, pupil, &relation).await?;
                    Ok(true)
                })
            })
            .await?;
        if linked {
            return Ok(Redirect::to(&format!("/admin/parents/{id}/edit")).into_response());
        }
        errors.add("pupil_code", tr.t("people-pupil-code-unknown"));
    }
    let x = extras(&state, school, &p, f, errors).await?;
    let page = page(&state, &v, Some(id), ParentForm::of(&p), FieldErrors::new(), Some(x)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// Fields of the unlink button.
#[derive(Debug, Deserialize)]
pub struct UnlinkForm {
    pupil_id: String,
}

/// Removes the link between the parent and a pupil.
pub async fn unlink(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<String>,
    Form(f): Form<UnlinkForm>,
) -> AppResult<Response> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    let id = load(&state, school, parse_id(&id)?).await?.id;
    let pupil = parse_id(&f.pupil_id)?;
    let actor = Actor::user(v.user_id, &v.login);
    state
        .db
        .write(move |tx| Box::pin(async move { parents::unlink_pupil(tx, &actor, school, id, pupil).await }))
        .await?;
    Ok(Redirect::to(&format!("/admin/parents/{id}/edit")).into_response())
}
