//! What the staff and parent administration pages share: the searched list page (rows,
//! count, whether the page size cut them), the fields every person form checks, and the
//! write of a valid form whose refused fields come back as form errors.

use super::{ClassOption, email_ok};
use crate::error::AppResult;
use crate::forms::FieldErrors;
use crate::page::PageCtx;
use crate::state::AppState;
use futures::future::BoxFuture;
use vsoko_i18n::Tr;
use vsoko_store::{Actor, StoreError, Tx, Viewer};

/// A searched administration list of one kind of person; the list templates read its
/// fields (and the shared search form reads `base`, `q`, `classes`).
pub struct AdminList<T> {
    /// Layout.
    pub ctx: PageCtx,
    /// Search target.
    pub base: &'static str,
    /// Search text.
    pub q: String,
    /// No class filter here (the shared search form expects the field).
    pub classes: Vec<ClassOption>,
    /// Rows.
    pub rows: Vec<T>,
    /// Number of rows.
    pub count: i64,
    /// Whether the list was cut at the page size.
    pub truncated: bool,
}

impl<T> AdminList<T> {
    /// The list at `base` of the rows found for the search text `q`.
    pub fn new(state: &AppState, v: &Viewer, base: &'static str, q: String, rows: Vec<T>) -> Self {
        let count = rows.len() as i64;
        AdminList {
            ctx: PageCtx::new(state, v, base),
            base,
            q,
            classes: Vec::new(),
            truncated: count >= vsoko_store::people::PAGE,
            count,
            rows,
        }
    }
}

/// A list page type that is an [`AdminList`] drawn by its own template.
macro_rules! admin_list_page {
    ($(#[$doc:meta])* $name:ident, $row:ty, $path:literal) => {
        $(#[$doc])*
        #[derive(askama::Template, askama_web::WebTemplate)]
        #[template(path = $path)]
        pub struct $name(pub $crate::routes::people::admin::AdminList<$row>);

        impl std::ops::Deref for $name {
            type Target = $crate::routes::people::admin::AdminList<$row>;
            fn deref(&self) -> &Self::Target {
                &self.0
            }
        }
    };
}
pub(crate) use admin_list_page;

/// Checks the fields every person form has: code, last and first name required, and a
/// plausible e-mail if one is given.
pub fn check_person(errors: &mut FieldErrors, tr: &Tr, code: &str, last_name: &str, first_name: &str, email: &str) {
    errors.required(tr, "code", code);
    errors.required(tr, "last_name", last_name);
    errors.required(tr, "first_name", first_name);
    if !email_ok(email) {
        errors.add("email", tr.t("people-email-invalid"));
    }
}

/// Runs `write` as the viewer when the form has no errors: `Some(value)` once committed,
/// `None` when the form had errors or the store refused a field (added to `errors`, so the
/// form is drawn again with 422). Other store errors are errors.
pub async fn save<T, F>(
    state: &AppState,
    v: &Viewer,
    tr: &Tr,
    errors: &mut FieldErrors,
    write: F,
) -> AppResult<Option<T>>
where
    T: Send + 'static,
    F: for<'c> FnOnce(&'c mut Tx, Actor) -> BoxFuture<'c, Result<T, StoreError>> + Send + 'static,
{
    if !errors.is_empty() {
        return Ok(None);
    }
    let actor = Actor::user(v.user_id, &v.login);
    match state.db.write(move |tx| write(tx, actor)).await {
        Ok(value) => Ok(Some(value)),
        Err(e) => {
            errors.absorb(tr, e)?;
            Ok(None)
        }
    }
}
