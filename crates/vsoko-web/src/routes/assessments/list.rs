//! The list of procedures: kind, year, subject, grade, date, classes with their n, the
//! participants the viewer may see, and the link to the procedure's page.

use crate::forms::format_date;
use crate::page::PageCtx;
use askama::Template;
use askama_web::WebTemplate;
use vsoko_store::assessment::read::{ClassCount, Procedure};

/// A class of a procedure with its n.
pub struct ClassN {
    name: String,
    n: i64,
}

/// One procedure line.
pub struct Line {
    id: String,
    kind: String,
    year: i64,
    subject: String,
    grade: i64,
    held_on: String,
    title: String,
    classes: Vec<ClassN>,
    n: i64,
}

/// The page.
#[derive(Template, WebTemplate)]
#[template(path = "assessments/index.html")]
pub struct ListPage {
    ctx: PageCtx,
    lines: Vec<Line>,
    may_upload: bool,
}

impl ListPage {
    /// Builds the page from the procedures and their classes in the viewer's scope.
    pub fn new(ctx: PageCtx, procedures: &[Procedure], classes: &[ClassCount], may_upload: bool) -> ListPage {
        let lines = procedures
            .iter()
            .map(|p| Line {
                id: p.id.to_string(),
                kind: ctx.tr.t(&format!("assessments-kind-{}", p.kind)),
                year: p.exam_year,
                subject: p.subject_name.clone(),
                grade: p.grade,
                held_on: p.held_on.map(format_date).unwrap_or_default(),
                title: p.title.clone(),
                classes: classes
                    .iter()
                    .filter(|c| c.procedure_id == p.id)
                    .map(|c| ClassN {
                        name: c.class_name.clone(),
                        n: c.results,
                    })
                    .collect(),
                n: p.results,
            })
            .collect();
        ListPage { ctx, lines, may_upload }
    }
}
