//! The school's people: scoped views of pupils and classes for staff and families
//! (`/pupils`, `/classes`), and the administration's pages to keep staff, pupils (with class
//! moves) and parents (with links to their children) (`/admin/staff|pupils|parents`).

pub mod admin;
pub mod admin_pupils;
pub mod classes;
pub mod parents;
pub mod pupils;
pub mod staff;

use crate::error::AppError;
use crate::forms::format_date;
use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};
use serde::Deserialize;
use uuid::Uuid;
use vsoko_domain::roster::Sex;
use vsoko_i18n::Tr;
use vsoko_store::people::pupils::Pupil;
use vsoko_store::structure::{classes as store_classes, years};
use vsoko_store::{Db, Viewer};

/// Routes of this area.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/pupils", get(pupils::index))
        .route("/pupils/{id}", get(pupils::show))
        .route("/classes", get(classes::index))
        .route("/classes/{id}", get(classes::show))
        .route("/admin/staff", get(staff::index).post(staff::create))
        .route("/admin/staff/new", get(staff::new_form))
        .route("/admin/staff/{id}", post(staff::update))
        .route("/admin/staff/{id}/edit", get(staff::edit_form))
        .route("/admin/pupils", get(admin_pupils::index).post(admin_pupils::create))
        .route("/admin/pupils/new", get(admin_pupils::new_form))
        .route("/admin/pupils/{id}", post(admin_pupils::update))
        .route("/admin/pupils/{id}/edit", get(admin_pupils::edit_form))
        .route("/admin/pupils/{id}/move", post(admin_pupils::move_class))
        .route("/admin/parents", get(parents::index).post(parents::create))
        .route("/admin/parents/new", get(parents::new_form))
        .route("/admin/parents/{id}", post(parents::update))
        .route("/admin/parents/{id}/edit", get(parents::edit_form))
        .route("/admin/parents/{id}/link", post(parents::link))
        .route("/admin/parents/{id}/unlink", post(parents::unlink))
}

/// A path id; a malformed one is simply not found.
fn parse_id(s: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(s).map_err(|_| AppError::NotFound)
}

/// Query of the people lists: search text and, for pupils, a class filter.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    /// Search text (name, code; post or phone where listed).
    #[serde(default)]
    q: String,
    /// Class id, empty for all classes.
    #[serde(default)]
    class: String,
}

impl ListQuery {
    /// The class filter, if a valid id was chosen.
    fn class_id(&self) -> Option<Uuid> {
        Uuid::parse_str(self.class.trim()).ok()
    }
}

/// One option of a class select.
pub struct ClassOption {
    /// Class id.
    pub id: Uuid,
    /// Class name.
    pub name: String,
    /// Whether it is the chosen one.
    pub selected: bool,
}

/// The classes of the current year the viewer may see, as select options (empty without a
/// school or a current year).
async fn class_options(db: &Db, v: &Viewer, selected: Option<Uuid>) -> Result<Vec<ClassOption>, AppError> {
    let Some(school) = v.school_id else {
        return Ok(Vec::new());
    };
    let Some(year) = years::current(db, school).await? else {
        return Ok(Vec::new());
    };
    Ok(store_classes::list_visible(db, v, year.id, "")
        .await?
        .into_iter()
        .map(|c| ClassOption {
            selected: Some(c.id) == selected,
            id: c.id,
            name: c.name,
        })
        .collect())
}

/// A pupil as a list row.
pub struct PupilRow {
    /// Id.
    pub id: Uuid,
    /// Full name.
    pub name: String,
    /// Current class, or empty.
    pub class_name: String,
    /// Birth date, dd.mm.yyyy.
    pub birth_date: String,
    /// Code.
    pub code: String,
}

impl From<Pupil> for PupilRow {
    fn from(p: Pupil) -> Self {
        PupilRow {
            id: p.id,
            name: p.full_name(),
            class_name: p.class_name.unwrap_or_default(),
            birth_date: format_date(p.birth_date),
            code: p.code,
        }
    }
}

/// The sex choices of a pupil form: (stored code, label).
fn sex_options(tr: &Tr) -> Vec<(&'static str, String)> {
    vec![
        ("", tr.t("people-sex-unknown")),
        (Sex::Male.code(), tr.t("people-sex-male")),
        (Sex::Female.code(), tr.t("people-sex-female")),
    ]
}

/// The sex code of a form value ("" when not given), or `None` when it is not М/Ж.
fn parse_sex(s: &str) -> Option<String> {
    let s = s.trim().to_uppercase();
    (s.is_empty() || [Sex::Male, Sex::Female].iter().any(|x| x.code() == s)).then_some(s)
}

/// A displayed sex.
fn sex_label(tr: &Tr, code: &str) -> String {
    sex_options(tr)
        .into_iter()
        .find(|(c, _)| !c.is_empty() && *c == code)
        .map(|(_, l)| l)
        .unwrap_or_default()
}

/// Whether an e-mail is plausible (or empty).
fn email_ok(s: &str) -> bool {
    let s = s.trim();
    s.is_empty() || (s.contains('@') && !s.contains(char::is_whitespace) && !s.starts_with('@') && !s.ends_with('@'))
}
