//! Creating an account: login, name, one school role (with subjects for a ШМО head), an
//! optional link to a staff member, pupil or parent of the school, and a temporary password
//! (random unless the admin types one) that the user must change at first login.

use super::{Fields, TempPasswordPage, admin_school, chosen_subjects, parse_school_role, password_page, school_roles};
use crate::auth::{Auth, password};
use crate::error::AppResult;
use crate::forms::FieldErrors;
use crate::page::PageCtx;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use uuid::Uuid;
use vsoko_domain::roles::Role;
use vsoko_i18n::Tr;
use vsoko_store::accounts::{self, PersonKind, PersonLink};
use vsoko_store::people::{parents, pupils, staff};
use vsoko_store::structure::subjects::{self, Subject};
use vsoko_store::{Actor, StoreError, Viewer};

/// Values of the new-account form, kept when it is shown again.
#[derive(Default)]
pub struct NewAccount {
    login: String,
    full_name: String,
    role: String,
    staff_code: String,
    pupil_code: String,
    parent_code: String,
    subjects: Vec<String>,
}

impl NewAccount {
    /// Whether a subject is among the chosen ones.
    fn has_subject(&self, id: &Uuid) -> bool {
        self.subjects.iter().any(|s| s == &id.to_string())
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "accounts/new.html")]
/// The new-account form page.
pub struct NewAccountPage {
    ctx: PageCtx,
    roles: Vec<(&'static str, String)>,
    staff: Vec<PersonLink>,
    subjects: Vec<Subject>,
    form: NewAccount,
    errors: FieldErrors,
}

async fn form_page(state: &AppState, v: &Viewer, school_id: Uuid, form: NewAccount) -> AppResult<NewAccountPage> {
    let ctx = PageCtx::new(state, v, "/admin/accounts");
    Ok(NewAccountPage {
        roles: school_roles(&ctx.tr),
        staff: accounts::unlinked_staff(&state.db, school_id).await?,
        subjects: subjects::list(&state.db, school_id, "").await?,
        form,
        errors: FieldErrors::new(),
        ctx,
    })
}

/// The new-account form.
pub async fn new_form(State(state): State<AppState>, Auth(v): Auth) -> AppResult<NewAccountPage> {
    let school_id = admin_school(&v)?;
    let form = NewAccount {
        role: Role::Teacher.code().to_string(),
        ..NewAccount::default()
    };
    form_page(&state, &v, school_id, form).await
}

/// The people record to link, from whichever of the three fields is filled in.
fn link_choice(errors: &mut FieldErrors, tr: &Tr, f: &NewAccount) -> Option<(PersonKind, &'static str, String)> {
    let filled: Vec<(PersonKind, &'static str, &String)> = [
        (PersonKind::Staff, "staff_code", &f.staff_code),
        (PersonKind::Pupil, "pupil_code", &f.pupil_code),
        (PersonKind::Parent, "parent_code", &f.parent_code),
    ]
    .into_iter()
    .filter(|(_, _, v)| !v.trim().is_empty())
    .collect();
    if filled.len() > 1 {
        for (_, field, _) in &filled {
            errors.add(field, tr.t("accounts-link-one"));
        }
        return None;
    }
    filled.first().map(|(k, field, v)| (*k, *field, v.trim().to_string()))
}

/// Creates the account and shows its temporary password once.
pub async fn create(
    State(state): State<AppState>,
    Auth(v): Auth,
    Form(raw): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let school_id = admin_school(&v)?;
    let tr = Tr::new(&v.locale);
    let fields = Fields(raw);
    let form = NewAccount {
        login: accounts::normalize_login(fields.get("login")),
        full_name: fields.get("full_name").trim().to_string(),
        role: fields.get("role").to_string(),
        staff_code: fields.get("staff_code").to_string(),
        pupil_code: fields.get("pupil_code").to_string(),
        parent_code: fields.get("parent_code").to_string(),
        subjects: fields.all("subjects").iter().map(|s| s.to_string()).collect(),
    };
    let typed_password = fields.get("password").to_string();
    let mut errors = FieldErrors::new();
    errors.required(&tr, "login", &form.login);
    let role = parse_school_role(&form.role);
    if role.is_none() {
        errors.add("role", tr.t("accounts-role-invalid"));
    }
    let link = link_choice(&mut errors, &tr, &form);
    if link.is_none() && form.full_name.is_empty() {
        errors.add("full_name", tr.t("form-required"));
    }
    let catalogue = subjects::list(&state.db, school_id, "").await?;
    let subject_values: Vec<&str> = form.subjects.iter().map(String::as_str).collect();
    let chosen = match role {
        Some(Role::ShmoHead) => chosen_subjects(&tr, &mut errors, &catalogue, &subject_values),
        _ => Vec::new(),
    };
    if role == Some(Role::ShmoHead) && chosen.is_empty() && !errors.has("subjects") {
        errors.add("subjects", tr.t("accounts-subjects-required"));
    }
    if !typed_password.is_empty()
        && let Some(key) = password::weakness(&typed_password, state.demo)
    {
        errors.add("password", tr.t(key));
    }
    if let (true, Some(role)) = (errors.is_empty(), role) {
        let temp = if typed_password.is_empty() {
            password::random_password()
        } else {
            typed_password
        };
        let hash = password::hash(&state, temp.clone()).await?;
        let actor = Actor::user(v.user_id, &v.login);
        let (login, full_name) = (form.login.clone(), form.full_name.clone());
        let link2 = link.clone();
        let done = state
            .db
            .write(move |tx| {
                Box::pin(async move {
                    let person = match &link2 {
                        Some((kind, field, code)) => {
                            let p = accounts::find_person(tx, school_id, *kind, code).await?.ok_or(
                                StoreError::Invalid {
                                    field,
                                    message: "no such record in this school".into(),
                                },
                            )?;
                            if p.user_id.is_some() {
                                return Err(StoreError::Conflict {
                                    field,
                                    message: "already linked to an account".into(),
                                });
                            }
                            Some((*kind, p))
                        }
                        None => None,
                    };
                    let name = match (&person, full_name.is_empty()) {
                        (Some((_, p)), true) => p.full_name.clone(),
                        _ => full_name,
                    };
                    let uid = accounts::create_user(tx, &actor, &login, &name, &hash, true).await?;
                    accounts::grant_role(tx, &actor, uid, role, Some(school_id), None, &chosen).await?;
                    match person {
                        Some((PersonKind::Staff, p)) => staff::link_user(tx, &actor, school_id, p.id, uid).await?,
                        Some((PersonKind::Pupil, p)) => pupils::link_user(tx, &actor, school_id, p.id, uid).await?,
                        Some((PersonKind::Parent, p)) => parents::link_user(tx, &actor, school_id, p.id, uid).await?,
                        None => {}
                    }
                    Ok(uid)
                })
            })
            .await;
        match done {
            Ok(uid) => {
                let page = TempPasswordPage {
                    ctx: PageCtx::new(&state, &v, "/admin/accounts"),
                    user_id: uid,
                    login: form.login,
                    password: temp,
                    created: true,
                };
                return Ok(password_page(page));
            }
            Err(StoreError::Conflict { field: "login", .. }) => errors.add("login", tr.t("accounts-login-taken")),
            Err(StoreError::Invalid { field: "login", .. }) => errors.add("login", tr.t("accounts-login-invalid")),
            Err(StoreError::Conflict { field, .. }) => errors.add(field, tr.t("accounts-person-linked")),
            Err(StoreError::Invalid { field, .. }) => errors.add(field, tr.t("accounts-person-unknown")),
            Err(e) => return Err(e.into()),
        }
    }
    let mut page = form_page(&state, &v, school_id, form).await?;
    page.errors = errors;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
