//! The roster import (`/admin/import`): the roster importer plugged into the shared upload /
//! preview / apply pages of [`super::upload`]. Admin and deputy only.

use super::upload::{self, Importer, Summary};
use crate::auth::{require, school_of};
use crate::error::AppResult;
use crate::state::AppState;
use axum::Router;
use vsoko_domain::roles::Permission;
use vsoko_import::ImportError;
use vsoko_import::roster::{RosterKind, csv_template, parse_roster, xlsx_template};
use vsoko_store::roster::{self, RosterReport};
use vsoko_store::{Actor, Viewer};

pub(crate) use upload::clean_file_name;

/// What checking or applying a roster file came to.
pub(crate) type Outcome = upload::Outcome<RosterReport>;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    upload::router::<Roster>()
}

/// The roster importer.
pub(crate) struct Roster;

impl Importer for Roster {
    type Kind = RosterKind;
    type Report = RosterReport;
    const PATH: &'static str = "/admin/import";
    const KEY: &'static str = "import";
    const COUNT_KEY: &'static str = "import-kind-";
    const RULES: &'static [&'static str] = &["import-rule-match"];
    const XLSX: &'static str = "roster.xlsx";
    const CSV_PREFIX: &'static str = "roster-";

    fn allowed(v: &Viewer) -> AppResult<()> {
        require(v, Permission::ImportRoster)?;
        school_of(v).map(|_| ())
    }

    fn xlsx_template() -> Result<Vec<u8>, ImportError> {
        xlsx_template()
    }

    fn csv_template(kind: RosterKind) -> Vec<u8> {
        csv_template(kind)
    }

    async fn run(state: &AppState, v: &Viewer, file_name: &str, bytes: &[u8], dry_run: bool) -> AppResult<Outcome> {
        run(state, v, file_name, bytes, dry_run).await
    }

    fn summary(r: RosterReport) -> Summary {
        Summary {
            total_changes: r.total_changes(),
            counts: vec![
                ("classes", r.classes),
                ("staff", r.staff),
                ("pupils", r.pupils),
                ("parents", r.parents),
                ("links", r.links),
                ("assignments", r.assignments),
            ],
            changes: r.changes,
            errors: r.errors,
            applied: r.applied,
        }
    }
}

/// Parses a file and runs the roster apply for the viewer's school (a dry run unless
/// `dry_run` is false). Class moves are dated today.
pub(crate) async fn run(
    state: &AppState,
    v: &Viewer,
    file_name: &str,
    bytes: &[u8],
    dry_run: bool,
) -> AppResult<Outcome> {
    require(v, Permission::ImportRoster)?;
    let school_id = school_of(v)?;
    let roster = match parse_roster(file_name, bytes) {
        Ok(roster) => roster,
        Err(errors) => return Ok(Outcome::Invalid(errors)),
    };
    let actor = Actor::user(v.user_id, &v.login);
    let today = time::OffsetDateTime::now_utc().date();
    upload::applied(roster::apply(&state.db, &actor, school_id, roster, today, dry_run).await)
}
