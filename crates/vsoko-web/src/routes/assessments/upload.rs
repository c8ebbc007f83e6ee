//! `/assessments/import`: uploading assessment results (a ФИС ОКО file, a РЦОИ ГИА protocol
//! or the generic layout) through the shared upload / dry-run / apply pages of
//! [`crate::routes::upload`]. The form carries what the CLI's options carry (layout, kind,
//! subject, grade, year, date, title) and an optional conversion table, which is stored in the
//! same transaction as the results, so a dry run writes nothing at all. The administration
//! only (deputy, director, administrator).

use crate::auth::school_of;
use crate::error::{AppError, AppResult};
use crate::routes::upload::{self, Field, Importer, Input, Options, Summary};
use crate::state::AppState;
use std::sync::Arc;
use time::Date;
use vsoko_domain::assessment::ProcedureKind;
use vsoko_domain::assessment::reference::{self, RefConversion};
use vsoko_import::assessment::{
    AssessmentLayout, Expect, csv_template, parse_generic, parse_gia, parse_vpr, xlsx_template,
};
use vsoko_import::{ImportError, Location, Msg};
use vsoko_store::assessment::{AssessmentReport, apply_with_table};
use vsoko_store::results::sees_whole_school;
use vsoko_store::{Actor, Viewer};

type Outcome = upload::Outcome<AssessmentReport>;

/// The assessment results importer.
pub(super) struct Assessments;

/// Values of the procedure-kind field: "from the layout", then every kind a file may hold.
const PROCEDURES: &[&str] = &[
    "auto",
    "oge",
    "ege",
    "gve",
    "school",
    "regional",
    "municipal",
    "niko",
    "international",
];

impl Importer for Assessments {
    type Kind = AssessmentLayout;
    type Report = AssessmentReport;
    const PATH: &'static str = "/assessments/import";
    const KEY: &'static str = "assessment-import";
    const COUNT_KEY: &'static str = "assessment-import-count-";
    const RULES: &'static [&'static str] = &[
        "assessment-import-rule-layouts",
        "assessment-import-rule-conversion",
        "assessment-import-rule-twice",
        "assessment-import-rule-link",
        "assessment-import-rule-all-or-nothing",
    ];
    const XLSX: &'static str = "assessment.xlsx";
    const CSV_PREFIX: &'static str = "assessment-";
    const PROGRESS: bool = true;
    const FIELDS: &'static [Field] = &[
        Field {
            name: "layout",
            input: Input::Choice(&["vpr", "gia", "generic"]),
        },
        Field {
            name: "procedure",
            input: Input::Choice(PROCEDURES),
        },
        Field {
            name: "subject",
            input: Input::Text,
        },
        Field {
            name: "grade",
            input: Input::Number,
        },
        Field {
            name: "year",
            input: Input::Number,
        },
        Field {
            name: "date",
            input: Input::Date,
        },
        Field {
            name: "title",
            input: Input::Text,
        },
        Field {
            name: "conversion",
            input: Input::TextFile,
        },
    ];

    /// The administration of a school (deputy, director, administrator); 403 for others.
    fn allowed(v: &Viewer) -> AppResult<()> {
        school_of(v)?;
        if sees_whole_school(v) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    fn xlsx_template() -> Result<Vec<u8>, ImportError> {
        xlsx_template()
    }

    fn csv_template(kind: AssessmentLayout) -> Vec<u8> {
        csv_template(kind)
    }

    /// A file without fields: a ФИС ОКО file, which names its work itself.
    async fn run(state: &AppState, v: &Viewer, file_name: &str, bytes: &[u8], dry_run: bool) -> AppResult<Outcome> {
        Self::run_with(state, v, file_name, bytes, &Options::new(), dry_run).await
    }

    async fn run_with(
        state: &AppState,
        v: &Viewer,
        file_name: &str,
        bytes: &[u8],
        options: &Options,
        dry_run: bool,
    ) -> AppResult<Outcome> {
        Self::allowed(v)?;
        let school = school_of(v)?;
        let (layout, expect, table) = match read_options(file_name, options) {
            Ok(read) => read,
            Err(errors) => return Ok(Outcome::Invalid(errors)),
        };
        let parsed = match layout {
            AssessmentLayout::Vpr => parse_vpr(file_name, bytes, &expect),
            AssessmentLayout::Gia => parse_gia(file_name, bytes, &expect),
            AssessmentLayout::Generic => parse_generic(file_name, bytes, &expect),
        };
        let file = match parsed {
            Ok(file) => file,
            Err(errors) => return Ok(Outcome::Invalid(errors)),
        };
        let actor = Actor::user(v.user_id, &v.login);
        let today = time::OffsetDateTime::now_utc().date();
        let progress = super::progress::start(v, file.results.len());
        let result = apply_with_table(
            &state.db,
            &actor,
            school,
            table,
            file,
            today,
            dry_run,
            Some(Arc::clone(&progress)),
        )
        .await;
        super::progress::finish(v, &progress);
        upload::applied(result)
    }

    fn notes(r: &AssessmentReport) -> Vec<Msg> {
        let mut notes = vec![
            Msg::new("assessment-import-note-rows")
                .arg("count", r.results.created + r.results.updated + r.results.unchanged),
            Msg::new("assessment-import-note-linked")
                .arg("linked", r.linked)
                .arg("unlinked", r.unlinked),
        ];
        if !r.unknown_classes.is_empty() {
            notes.push(Msg::new("assessment-import-note-unknown-classes").arg("classes", r.unknown_classes.join(", ")));
        }
        notes
    }

    fn summary(r: AssessmentReport) -> Summary {
        Summary {
            total_changes: r.change_lines(),
            counts: vec![("tasks", r.tasks), ("results", r.results)],
            changes: r.changes,
            errors: r.errors,
            applied: r.applied,
        }
    }
}

/// The layout, what the user says about the work, and the conversion table, or the fields'
/// errors (each naming the field).
fn read_options(
    file_name: &str,
    o: &Options,
) -> Result<(AssessmentLayout, Expect, Option<RefConversion>), Vec<ImportError>> {
    let mut errors = Vec::new();
    let text = |name: &str| o.get(name).map(String::as_str).filter(|t| !t.is_empty());
    let mut checked = |name: &'static str, value: Option<&str>, ok: bool| {
        if let Some(v) = value.filter(|_| !ok) {
            errors.push(ImportError::new(
                Location::file(file_name),
                Msg::new("assessment-import-error-field")
                    .arg("field", name)
                    .arg("text", v),
            ));
        }
    };
    let layout = text("layout").map(AssessmentLayout::parse);
    checked("layout", text("layout"), layout != Some(None));
    let procedure = text("procedure").filter(|p| *p != "auto");
    let kind = procedure.and_then(ProcedureKind::parse);
    checked("procedure", procedure, procedure.is_none() || kind.is_some());
    let number = |name: &str| text(name).map(|t| t.parse::<i64>().ok().filter(|n| (1..=3000).contains(n)));
    let grade = number("grade");
    checked("grade", text("grade"), grade != Some(None));
    let year = number("year");
    checked("year", text("year"), year != Some(None));
    let date = text("date").map(crate::forms::parse_date);
    checked("date", text("date"), date != Some(None));
    let table = match text("conversion") {
        Some(t) => {
            let name = text("conversion_name").unwrap_or("conversion.csv");
            match reference::parse_conversion(name, t) {
                Ok(c) => match c.table.check() {
                    Ok(()) => Some(c),
                    Err(e) => {
                        errors.push(bad_table(
                            name,
                            0,
                            Msg::new("assessment-import-error-table").arg("error", e.to_string()),
                        ));
                        None
                    }
                },
                Err(e) => {
                    errors.push(bad_table(name, e.line, e.msg));
                    None
                }
            }
        }
        None => None,
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let date = date.flatten();
    let expect = Expect {
        kind,
        subject: text("subject").map(String::from),
        grade: grade.flatten(),
        year: year
            .flatten()
            .and_then(|y| i32::try_from(y).ok())
            .or(date.map(Date::year)),
        date,
        title: text("title").map(String::from),
    };
    Ok((layout.flatten().unwrap_or(AssessmentLayout::Vpr), expect, table))
}

fn bad_table(file: &str, line: usize, msg: Msg) -> ImportError {
    let location = Location::file(file);
    let location = if line > 0 { location.with_row(line) } else { location };
    ImportError::new(location, msg)
}
