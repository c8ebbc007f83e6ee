//! `/admin/grading-policy`: the grading policy of the current school year (work types and
//! weights, rounding of the weighted mean, minimum marks, grade 1 without marks, pass/fail
//! subjects) and the lock of each period ("lock now", "reopen", "auto"). The administration
//! may view it; the deputy and the admin may change it. Every change is audited by the store.

mod form;
mod levels;

use crate::auth::{Auth, require, school_of};
use crate::error::{AppError, AppResult};
use crate::forms::{FieldErrors, format_date};
use crate::page::PageCtx;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use form::PolicyForm;
use serde::Deserialize;
use std::collections::BTreeSet;
use uuid::Uuid;
use vsoko_domain::roles::{Permission, Role};
use vsoko_store::journal::locks::{self, LockState};
use vsoko_store::journal::{control, policy};
use vsoko_store::structure::{period_levels, subjects, years};
use vsoko_store::{Actor, Viewer};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/grading-policy", get(index).post(update))
        .route("/admin/grading-policy/periods/{id}", post(set_lock))
        .route("/admin/grading-policy/period-levels", post(levels::update))
}

pub(crate) const PATH: &str = "/admin/grading-policy";

/// A subject of the pass/fail multi-select.
pub struct SubjectOption {
    code: String,
    name: String,
    selected: bool,
}

/// A period with its lock state and the lock buttons.
pub struct PeriodLock {
    id: Uuid,
    label: String,
    dates: String,
    state: &'static str,
    state_label: String,
    mode: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "policy/index.html")]
pub(crate) struct PolicyPage {
    ctx: PageCtx,
    year_name: Option<String>,
    editable: bool,
    form: PolicyForm,
    blank_rows: Vec<usize>,
    subjects: Vec<SubjectOption>,
    periods: Vec<PeriodLock>,
    /// The year's own period kind, for "other grades".
    year_kind: String,
    /// The grade ranges with a kind of their own, as the form shows them.
    level_rows: Vec<levels::LevelRow>,
    /// The kind choices of the ranges form.
    kinds: Vec<(&'static str, String)>,
    errors: FieldErrors,
    notice: Option<String>,
}

/// Whether the viewer may change the policy and the locks (the deputy and the admin).
pub(crate) fn may_edit(v: &Viewer) -> bool {
    v.has(Role::Deputy) || v.has(Role::Admin)
}

pub(crate) async fn page(
    state: &AppState,
    v: &Viewer,
    form: Option<PolicyForm>,
    errors: FieldErrors,
    notice: Option<String>,
) -> AppResult<PolicyPage> {
    let school = school_of(v)?;
    let ctx = PageCtx::new(state, v, PATH);
    let tr = ctx.tr.clone();
    let year = years::current(&state.db, school).await?;
    let stored_levels = match &year {
        Some(y) => period_levels::levels(&state.db, school, y.id).await?,
        None => Vec::new(),
    };
    let (form, periods) = match &year {
        None => (PolicyForm::default(), Vec::new()),
        Some(y) => {
            let stored = policy::get(&state.db, school, y.id).await?;
            let modes = control::lock_modes(&state.db, school, y.id).await?;
            let today = time::OffsetDateTime::now_utc().date();
            let periods = years::periods(&state.db, school, y.id)
                .await?
                .into_iter()
                .map(|p| {
                    let mode = modes.get(&p.id).cloned().unwrap_or_else(|| "auto".into());
                    let (state, key) = match locks::state(&mode, p.end_date, today) {
                        LockState::Open => ("open", "policy-lock-open"),
                        LockState::Reopened => ("reopened", "policy-lock-reopened"),
                        LockState::Locked => ("locked", "policy-lock-locked"),
                    };
                    PeriodLock {
                        id: p.id,
                        label: tr.n(&format!("structure-period-{}", p.kind), "n", p.idx),
                        dates: format!("{} – {}", format_date(p.start_date), format_date(p.end_date)),
                        state,
                        state_label: tr.t(key),
                        mode,
                    }
                })
                .collect();
            (form.unwrap_or_else(|| PolicyForm::of(&stored)), periods)
        }
    };
    let subjects = subjects::list(&state.db, school, "")
        .await?
        .into_iter()
        .filter(|s| s.is_active || form.pass_fail.contains(&s.code))
        .map(|s| SubjectOption {
            selected: form.pass_fail.contains(&s.code),
            code: s.code,
            name: s.name,
        })
        .collect();
    let blank_rows = (form.rows.len()..form.rows.len() + 2).collect();
    Ok(PolicyPage {
        year_kind: year
            .as_ref()
            .map(|y| tr.t(&format!("structure-kind-{}", y.period_kind)))
            .unwrap_or_default(),
        level_rows: levels::LevelRow::rows_of(&stored_levels),
        kinds: levels::kind_options(&tr),
        year_name: year.map(|y| y.name),
        editable: may_edit(v),
        form,
        blank_rows,
        subjects,
        periods,
        errors,
        notice,
        ctx,
    })
}

/// Query of the page: `saved=1` after a successful save.
#[derive(Deserialize)]
pub struct PolicyQuery {
    #[serde(default)]
    saved: Option<String>,
}

/// The policy of the current year and the period locks.
async fn index(State(state): State<AppState>, Auth(v): Auth, Query(q): Query<PolicyQuery>) -> AppResult<PolicyPage> {
    require(&v, Permission::ManageStructure)?;
    let notice = q
        .saved
        .map(|_| crate::page::PageCtx::new(&state, &v, PATH).tr.t("form-saved"));
    page(&state, &v, None, FieldErrors::new(), notice).await
}

/// Saves the policy; any bad field re-renders the form with its message (422).
async fn update(
    State(state): State<AppState>,
    Auth(v): Auth,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    require(&v, Permission::ManageStructure)?;
    if !may_edit(&v) {
        return Err(AppError::Forbidden);
    }
    let school = school_of(&v)?;
    let tr = vsoko_i18n::Tr::new(&v.locale);
    let mut errors = FieldErrors::new();
    let Some(year) = years::current(&state.db, school).await? else {
        errors.add("year", tr.t("policy-no-year"));
        let p = page(&state, &v, None, errors, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, p).into_response());
    };
    let known: BTreeSet<String> = subjects::list(&state.db, school, "")
        .await?
        .into_iter()
        .map(|s| s.code)
        .collect();
    let mut form = PolicyForm::from_pairs(&pairs);
    match form.parse(&tr, &known, &mut errors) {
        Some(parsed) => {
            let actor = Actor::user(v.user_id, &v.login);
            state
                .db
                .write(move |tx| Box::pin(async move { policy::set(tx, &actor, school, year.id, &parsed).await }))
                .await?;
            Ok(Redirect::to("/admin/grading-policy?saved=1").into_response())
        }
        None => {
            let p = page(&state, &v, Some(form), errors, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, p).into_response())
        }
    }
}

/// The lock mode to set.
#[derive(Deserialize)]
pub struct LockForm {
    #[serde(default)]
    mode: String,
}

/// Locks a period now, reopens it, or returns it to locking after its end.
async fn set_lock(
    State(state): State<AppState>,
    Auth(v): Auth,
    Path(id): Path<Uuid>,
    Form(f): Form<LockForm>,
) -> AppResult<Response> {
    require(&v, Permission::ManageStructure)?;
    if !may_edit(&v) {
        return Err(AppError::Forbidden);
    }
    let school = school_of(&v)?;
    if control::period(&state.db, school, id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    if !matches!(f.mode.as_str(), "auto" | "open" | "locked") {
        let mut errors = FieldErrors::new();
        errors.add("mode", vsoko_i18n::Tr::new(&v.locale).t("policy-error-mode"));
        let p = page(&state, &v, None, errors, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, p).into_response());
    }
    let actor = Actor::user(v.user_id, &v.login);
    state
        .db
        .write(move |tx| Box::pin(async move { locks::set_mode(tx, &actor, school, id, &f.mode).await }))
        .await?;
    Ok(Redirect::to("/admin/grading-policy#locks").into_response())
}
