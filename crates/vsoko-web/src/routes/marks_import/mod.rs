//! `/journal/import`: importing current marks, attendance and term marks from CSV/XLSX —
//! the marks importer plugged into the shared upload / preview / apply pages of
//! [`super::upload`]. Teachers import their own class-subjects, the deputy any; rows are
//! written through the journal's own store functions.

use super::upload::{self, Importer, Summary};
use crate::auth::school_of;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::Router;
use vsoko_domain::roles::Role;
use vsoko_import::ImportError;
use vsoko_import::marks::{MarksKind, csv_template, parse_marks, xlsx_template};
use vsoko_store::journal::import::{self, MarksReport};
use vsoko_store::{Actor, Viewer};

type Outcome = upload::Outcome<MarksReport>;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    upload::router::<Marks>()
}

/// The marks importer.
struct Marks;

impl Importer for Marks {
    type Kind = MarksKind;
    type Report = MarksReport;
    const PATH: &'static str = "/journal/import";
    const KEY: &'static str = "marks-import";
    const COUNT_KEY: &'static str = "marks-import-count-";
    const RULES: &'static [&'static str] = &[
        "marks-import-rule-match",
        "marks-import-rule-cells",
        "marks-import-rule-access",
        "marks-import-rule-all-or-nothing",
    ];
    const XLSX: &'static str = "marks.xlsx";
    const CSV_PREFIX: &'static str = "";

    /// Only those who keep journals import marks: teachers (their own class-subjects) and
    /// the deputy (any); 403 for everyone else.
    fn allowed(v: &Viewer) -> AppResult<()> {
        if v.has(Role::Deputy) || v.has(Role::Teacher) {
            school_of(v).map(|_| ())
        } else {
            Err(AppError::Forbidden)
        }
    }

    fn xlsx_template() -> Result<Vec<u8>, ImportError> {
        xlsx_template()
    }

    fn csv_template(kind: MarksKind) -> Vec<u8> {
        csv_template(kind)
    }

    async fn run(state: &AppState, v: &Viewer, file_name: &str, bytes: &[u8], dry_run: bool) -> AppResult<Outcome> {
        Self::allowed(v)?;
        let file = match parse_marks(file_name, bytes) {
            Ok(file) => file,
            Err(errors) => return Ok(Outcome::Invalid(errors)),
        };
        let actor = Actor::user(v.user_id, &v.login);
        let today = time::OffsetDateTime::now_utc().date();
        upload::applied(import::apply(&state.db, &actor, v, file, today, dry_run).await)
    }

    fn summary(r: MarksReport) -> Summary {
        Summary {
            total_changes: r.total_changes(),
            counts: vec![("lessons", r.lessons), ("cells", r.cells), ("terms", r.terms)],
            changes: r.changes,
            errors: r.errors,
            applied: r.applied,
        }
    }
}
