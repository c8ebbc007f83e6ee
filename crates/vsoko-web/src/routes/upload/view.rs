//! The pages of an import: the format page (column tables straight from the importer's
//! column specs, so the page cannot drift from the parser) and the result page shared by
//! the preview and the apply.

use super::{Importer, Input, Outcome};
use crate::page::PageCtx;
use askama::Template;
use askama_web::WebTemplate;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use vsoko_import::SheetKind;
use vsoko_store::roster::Counts;

/// One column of a sheet as the format page shows it.
pub struct ColumnDoc {
    header: &'static str,
    required: bool,
    aliases: String,
    description: &'static str,
    example: &'static str,
}

/// One kind of data with its columns.
pub struct KindDoc {
    slug: &'static str,
    title: String,
    sheet: String,
    columns: Vec<ColumnDoc>,
}

/// A form field beside the file as the upload form shows it.
pub struct FieldView {
    name: &'static str,
    label: String,
    hint: String,
    /// `select`, `text`, `number`, `date` or `file`.
    input: &'static str,
    /// Values and labels of a choice.
    choices: Vec<(&'static str, String)>,
}

/// The format page with the upload form.
#[derive(Template, WebTemplate)]
#[template(path = "upload/index.html")]
pub struct IndexPage {
    ctx: PageCtx,
    page_id: &'static str,
    path: &'static str,
    title: String,
    intro: String,
    xlsx: &'static str,
    xlsx_label: String,
    rules: Vec<String>,
    kinds: Vec<KindDoc>,
    fields: Vec<FieldView>,
    progress: bool,
    error: Option<String>,
}

impl IndexPage {
    /// The page, with an error beside the file input when the upload was empty.
    pub fn new<I: Importer>(ctx: PageCtx, error: Option<String>) -> IndexPage {
        let tr = &ctx.tr;
        let kinds = I::Kind::KINDS
            .iter()
            .map(|kind| KindDoc {
                slug: kind.slug(),
                title: tr.t(&format!("{}-kind-{}", I::KEY, kind.slug())),
                sheet: tr.s("import-sheet", "name", kind.sheet_name()),
                columns: kind
                    .columns()
                    .iter()
                    .map(|c| ColumnDoc {
                        header: c.header,
                        required: c.required,
                        aliases: c.aliases.join(", "),
                        description: c.description_ru,
                        example: c.example,
                    })
                    .collect(),
            })
            .collect();
        let rules = ["import-rule-xlsx", "import-rule-csv", "import-rule-headers"]
            .iter()
            .chain(I::RULES)
            .map(|key| tr.t(key))
            .collect();
        let fields = I::FIELDS
            .iter()
            .map(|f| {
                let key = format!("{}-field-{}", I::KEY, f.name);
                let (input, choices) = match f.input {
                    Input::Choice(values) => (
                        "select",
                        values.iter().map(|&v| (v, tr.t(&format!("{key}-{v}")))).collect(),
                    ),
                    Input::Text => ("text", Vec::new()),
                    Input::Number => ("number", Vec::new()),
                    Input::Date => ("date", Vec::new()),
                    Input::TextFile => ("file", Vec::new()),
                };
                FieldView {
                    name: f.name,
                    label: tr.t(&key),
                    hint: tr.t(&format!("{key}-hint")),
                    input,
                    choices,
                }
            })
            .collect();
        IndexPage {
            page_id: I::KEY,
            fields,
            progress: I::PROGRESS,
            path: I::PATH,
            title: tr.t(&format!("{}-title", I::KEY)),
            intro: tr.t(&format!("{}-intro", I::KEY)),
            xlsx: I::XLSX,
            xlsx_label: tr.t(&format!("{}-template-xlsx", I::KEY)),
            rules,
            kinds,
            error,
            ctx,
        }
    }
}

/// Which step the result page reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// A dry run: nothing written.
    Preview,
    /// A real apply.
    Applied,
}

/// The file of a preview, carried in the "Apply" form.
pub struct ApplyCarry {
    /// File name as uploaded.
    pub file_name: String,
    /// The bytes in base64.
    pub data: String,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
    /// The importer's fields as posted.
    pub options: Vec<(String, String)>,
}

/// One located problem.
pub struct ErrorRow {
    file: String,
    sheet: String,
    row: String,
    column: String,
    message: String,
}

/// Counts of one kind of row.
pub struct CountRow {
    kind: &'static str,
    label: String,
    counts: Counts,
}

/// The preview or apply result.
#[derive(Template, WebTemplate)]
#[template(path = "upload/result.html")]
pub struct ResultPage {
    ctx: PageCtx,
    page_id: String,
    path: &'static str,
    title: String,
    file_label: String,
    /// The file's parse errors (with the file column) or the store's row errors.
    errors: Vec<ErrorRow>,
    errors_id: &'static str,
    with_file: bool,
    notes: Vec<String>,
    counts: Vec<CountRow>,
    changes: Vec<String>,
    more_changes: Option<String>,
    notice: Option<String>,
    error: Option<String>,
    carry: Option<ApplyCarry>,
}

impl ResultPage {
    /// Renders an outcome: 200 when the file is (or would be) applied, 422 when anything
    /// is wrong and nothing was written. The apply form is offered only for a clean preview
    /// that changes something.
    pub fn respond<I: Importer>(
        ctx: PageCtx,
        stage: Stage,
        file_name: String,
        outcome: Outcome<I::Report>,
        carry: Option<ApplyCarry>,
    ) -> Response {
        let tr = ctx.tr.clone();
        let title = tr.t(&match stage {
            Stage::Preview => format!("{}-preview-title", I::KEY),
            Stage::Applied => format!("{}-result-title", I::KEY),
        });
        let mut page = ResultPage {
            page_id: format!("{}-result", I::KEY),
            path: I::PATH,
            file_label: tr.s("import-file", "name", &file_name),
            title,
            errors: Vec::new(),
            errors_id: "row-errors",
            with_file: false,
            notes: Vec::new(),
            counts: Vec::new(),
            changes: Vec::new(),
            more_changes: None,
            notice: None,
            error: None,
            carry: None,
            ctx,
        };
        match outcome {
            Outcome::Invalid(errors) => {
                page.error = Some(tr.t("import-parse-errors"));
                (page.errors_id, page.with_file) = ("parse-errors", true);
                page.errors = errors
                    .into_iter()
                    .map(|e| ErrorRow {
                        file: e.location.file,
                        sheet: e.location.sheet.unwrap_or_default(),
                        row: e.location.row.map(|r| r.to_string()).unwrap_or_default(),
                        column: e.location.column.unwrap_or_default(),
                        message: tr.msg(&e.msg),
                    })
                    .collect();
            }
            Outcome::NoYear => page.error = Some(tr.t("import-no-year")),
            Outcome::Report(report) => {
                page.notes = I::notes(&report).iter().map(|m| tr.msg(m)).collect();
                page.fill::<I>(I::summary(report), stage, carry);
            }
        }
        let status = if page.error.is_some() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        };
        (status, page).into_response()
    }

    fn fill<I: Importer>(&mut self, report: super::Summary, stage: Stage, carry: Option<ApplyCarry>) {
        let tr = &self.ctx.tr;
        let total = report.total_changes;
        if total > report.changes.len() {
            let more = i64::try_from(total - report.changes.len()).unwrap_or(i64::MAX);
            self.more_changes = Some(tr.n("import-changes-more", "n", more));
        }
        if !report.errors.is_empty() {
            self.error = Some(tr.t("import-row-errors"));
        } else if total == 0 {
            self.notice = Some(tr.t(&format!("{}-nothing-to-do", I::KEY)));
        } else if report.applied {
            self.notice = Some(tr.t("import-applied"));
        } else if stage == Stage::Preview {
            self.notice = Some(tr.t("import-preview-notice"));
            self.carry = carry;
        }
        self.counts = report
            .counts
            .into_iter()
            .map(|(kind, counts)| CountRow {
                kind,
                label: tr.t(&format!("{}{kind}", I::COUNT_KEY)),
                counts,
            })
            .collect();
        self.errors = report
            .errors
            .into_iter()
            .map(|e| ErrorRow {
                file: String::new(),
                sheet: e.sheet,
                row: e.row.to_string(),
                column: e.column,
                message: tr.msg(&e.msg),
            })
            .collect();
        self.changes = report.changes.iter().map(|m| tr.msg(m)).collect();
    }
}
