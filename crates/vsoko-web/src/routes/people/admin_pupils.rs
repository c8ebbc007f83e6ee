//! Pupil administration (ManageStructure): the whole school's list, adding a pupil into a
//! class of the current year, editing personal fields, and moving a pupil to another class
//! from a date, which closes the current stay so the class history stays complete.

use super::pupils::{PupilsPage, StayRow, history_rows, list_page};
use super::{ClassOption, ListQuery, class_options, parse_id, parse_sex, sex_options};
use crate::auth::{Auth, require, school_of};
use crate::error::{AppError, AppResult};
use crate::forms::{FieldErrors, format_date, parse_date};
use crate::page::PageCtx;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use time::Date;
use uuid::Uuid;
use vsoko_domain::roles::Permission;
use vsoko_i18n::Tr;
use vsoko_store::people::pupils::{self, Pupil, PupilInput};
use vsoko_store::{Actor, Viewer};

/// Every pupil of the school, with search, class filter and edit links.
pub async fn index(State(state): State<AppState>, Auth(v): Auth, Query(q): Query<ListQuery>) -> AppResult<PupilsPage> {
    require(&v, Permission::ManageStructure)?;
    school_of(&v)?;
    list_page(&state, &v, q, "/admin/pupils", true).await
}

/// Fields of the pupil form (class and date only when adding).
#[derive(Debug, Default, Deserialize)]
pub struct PupilForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    middle_name: String,
    #[serde(default)]
    birth_date: String,
    #[serde(default)]
    sex: String,
    #[serde(default)]
    class_id: String,
    #[serde(default)]
    from_date: String,
}

impl PupilForm {
    fn of(p: &Pupil) -> PupilForm {
        PupilForm {
            code: p.code.clone(),
            last_name: p.last_name.clone(),
            first_name: p.first_name.clone(),
            middle_name: p.middle_name.clone(),
            birth_date: p.birth_date.to_string(),
            sex: p.sex.clone(),
            ..PupilForm::default()
        }
    }

    /// Checks the personal fields; the input to store when they are valid.
    fn parse(&self, errors: &mut FieldErrors, tr: &Tr) -> Option<PupilInput> {
        errors.required(tr, "code", &self.code);
        errors.required(tr, "last_name", &self.last_name);
        errors.required(tr, "first_name", &self.first_name);
        let birth_date = date_field(errors, tr, "birth_date", &self.birth_date);
        let sex = parse_sex(&self.sex);
        if sex.is_none() {
            errors.add("sex", tr.t("people-sex-invalid"));
        }
        Some(PupilInput {
            code: self.code.trim().to_string(),
            last_name: self.last_name.trim().to_string(),
            first_name: self.first_name.trim().to_string(),
            middle_name: self.middle_name.trim().to_string(),
            birth_date: birth_date?,
            sex: sex?,
        })
        .filter(|_| errors.is_empty())
    }
}

/// A required date field: `None` (and an error) when empty or malformed.
fn date_field(errors: &mut FieldErrors, tr: &Tr, field: &'static str, value: &str) -> Option<Date> {
    if value.trim().is_empty() {
        errors.add(field, tr.t("form-required"));
        return None;
    }
    let d = parse_date(value);
    if d.is_none() {
        errors.add(field, tr.t("people-date-invalid"));
    }
    d
}

/// A required class select: `None` (and an error) when nothing valid was chosen.
fn class_field(errors: &mut FieldErrors, tr: &Tr, value: &str) -> Option<Uuid> {
    let id = Uuid::parse_str(value.trim()).ok();
    if id.is_none() {
        errors.add("class_id", tr.t("people-class-required"));
    }
    id
}

/// The add form, or the edit form with the move form and class history beside it.
#[derive(Template, WebTemplate)]
#[template(path = "people/pupil_form.html")]
pub struct PupilFormPage {
    /// Layout.
    pub ctx: PageCtx,
    /// Heading.
    pub title: String,
    /// Form target.
    pub action: String,
    /// The pupil being edited (None when adding).
    pub id: Option<Uuid>,
    /// Values.
    pub form: PupilForm,
    /// Errors of the personal fields (and class/date when adding).
    pub errors: FieldErrors,
    /// Sex choices.
    pub sexes: Vec<(&'static str, String)>,
    /// Classes of the current year.
    pub classes: Vec<ClassOption>,
    /// Date of the move form (edit only).
    pub move_from: String,
    /// Errors of the move form.
    pub move_errors: FieldErrors,
    /// Class history (edit only).
    pub history: Vec<StayRow>,
}

/// Today as the value of a date input.
fn today() -> String {
    vsoko_store::now().date().to_string()
}

async fn new_page(state: &AppState, v: &Viewer, form: PupilForm, errors: FieldErrors) -> AppResult<PupilFormPage> {
    let ctx = PageCtx::new(state, v, "/admin/pupils");
    let selected = Uuid::parse_str(form.class_id.trim()).ok();
    Ok(PupilFormPage {
        title: ctx.tr.t("people-pupil-new"),
        action: "/admin/pupils".into(),
        id: None,
        sexes: sex_options(&ctx.tr),
        classes: class_options(&state.db, v, selected).await?,
        form,
        errors,
        move_from: String::new(),
        move_errors: FieldErrors::new(),
        history: Vec::new(),
        ctx,
    })
}

async fn edit_page(
    state: &AppState,
    v: &Viewer,
    id: Uuid,
    form: PupilForm,
    errors: FieldErrors,
    move_from: String,
    move_errors: FieldErrors,
) -> AppResult<PupilFormPage> {
    let ctx = PageCtx::new(state, v, "/admin/pupils");
    Ok(PupilFormPage {
        title: ctx.tr.t("people-pupil-edit"),
        action: format!("/admin/pupils/{id}"),
        id: Some(id),
        sexes: sex_options(&ctx.tr),
        classes: class_options(&state.db, v, Uuid::parse_str(form.class_id.trim()).ok()).await?,
        form,
        errors,
        move_from,
        move_errors,
        history: history_rows(&state.db, v.school(), id).await?,
        ctx,
    })
}

/// The empty form for a new pupil (class of the current year, from today).
pub async fn new_form(State(state): State<AppState>, Auth(v): Auth) -> AppResult<PupilFormPage> {
    require(&v, Permission::ManageStructure)?;
    school_of(&v)?;
    let form = PupilForm {
        from_date: today(),
        ..PupilForm::default()
    };
    new_page(&state, &v, form, FieldErrors::new()).await
}

/// Adds a pupil into a class from a date and opens the card; 422 with field errors.
pub async fn create(State(state): State<AppState>, Auth(v): Auth, Form(f): Form<PupilForm>) -> AppResult<Response> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    let tr = Tr::new(&v.locale);
    let mut errors = FieldErrors::new();
    let input = f.parse(&mut errors, &tr);
    let class_id = class_field(&mut errors, &tr, &f.class_id);
    let from = date_field(&mut errors, &tr, "from_date", &f.from_date);
    if let (Some(input), Some(class_id), Some(from)) = (input, class_id, from) {
        let actor = Actor::user(v.user_id, &v.login);
        let saved = state
            .db
            .write(move |tx| Box::pin(async move { pupils::create(tx, &actor, school, &input, class_id, from).await }))
            .await;
        match saved {
            Ok(id) => return Ok(Redirect::to(&format!("/pupils/{id}")).into_response()),
            Err(e) => errors.absorb(&tr, e)?,
        }
    }
    let page = new_page(&state, &v, f, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// The edit form of a pupil of the school, with the move form and class history.
pub async fn edit_form(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<String>,
) -> AppResult<PupilFormPage> {
    require(&v, Permission::ManageStructure)?;
    school_of(&v)?;
    let id = parse_id(&id)?;
    let p = pupils::get_visible(&state.db, &v, id)
        .await?
        .ok_or(AppError::NotFound)?;
    edit_page(
        &state,
        &v,
        id,
        PupilForm::of(&p),
        FieldErrors::new(),
        today(),
        FieldErrors::new(),
    )
    .await
}

/// Saves a pupil's personal fields and opens the card; 422 with field errors.
pub async fn update(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<String>,
    Form(f): Form<PupilForm>,
) -> AppResult<Response> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    let id = parse_id(&id)?;
    pupils::get_visible(&state.db, &v, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let tr = Tr::new(&v.locale);
    let mut errors = FieldErrors::new();
    if let Some(input) = f.parse(&mut errors, &tr) {
        let actor = Actor::user(v.user_id, &v.login);
        let saved = state
            .db
            .write(move |tx| Box::pin(async move { pupils::update(tx, &actor, school, id, &input).await }))
            .await;
        match saved {
            Ok(()) => return Ok(Redirect::to(&format!("/pupils/{id}")).into_response()),
            Err(e) => errors.absorb(&tr, e)?,
        }
    }
    let page = edit_page(&state, &v, id, f, errors, today(), FieldErrors::new()).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// Fields of the move form.
#[derive(Debug, Default, Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    class_id: String,
    #[serde(default)]
    from_date: String,
}

/// Moves a pupil to a class from a date (the current stay ends the day before) and opens
/// the card; 422 with field errors.
pub async fn move_class(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<String>,
    Form(f): Form<MoveForm>,
) -> AppResult<Response> {
    require(&v, Permission::ManageStructure)?;
    let school = school_of(&v)?;
    let id = parse_id(&id)?;
    let p = pupils::get_visible(&state.db, &v, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let tr = Tr::new(&v.locale);
    let mut errors = FieldErrors::new();
    let class_id = class_field(&mut errors, &tr, &f.class_id);
    let from = date_field(&mut errors, &tr, "from_date", &f.from_date);
    let stays = pupils::history(&state.db, school, id).await?;
    let start = stays.iter().find(|s| s.to_date.is_none()).map(|s| s.from_date);
    if let (Some(start), Some(from)) = (start, from)
        && from <= start
    {
        errors.add("from_date", tr.s("people-move-too-early", "date", &format_date(start)));
    }
    if let (Some(class_id), Some(from), true) = (class_id, from, errors.is_empty()) {
        let actor = Actor::user(v.user_id, &v.login);
        let saved = state
            .db
            .write(move |tx| {
                Box::pin(async move { pupils::move_to_class(tx, &actor, school, id, class_id, from).await })
            })
            .await;
        match saved {
            Ok(()) => return Ok(Redirect::to(&format!("/pupils/{id}")).into_response()),
            Err(e) => errors.absorb(&tr, e)?,
        }
    }
    let form = PupilForm {
        class_id: f.class_id.clone(),
        ..PupilForm::of(&p)
    };
    let page = edit_page(&state, &v, id, form, FieldErrors::new(), f.from_date, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
