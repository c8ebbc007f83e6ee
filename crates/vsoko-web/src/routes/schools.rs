//! Schools of the viewer's municipality or region as aggregates (counts only, never pupil
//! rows); the director and deputy see their own school's line. `/schools/assessments`: every
//! assessment procedure written in those schools (kind, subject, grade, year), one line per
//! school with n, success, quality and mean primary score, and the unit's total.

use crate::auth::{Auth, require};
use crate::error::{AppError, AppResult};
use crate::page::PageCtx;
use crate::routes::analysis::compare::{self as cmp_view, CompareLine};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use vsoko_domain::analytics::compare::LevelFigures;
use vsoko_domain::roles::{Permission, Role};
use vsoko_i18n::Tr;
use vsoko_reports::analytics::{UnitRow, UnitSheet, UnitTable, unit_xlsx};
use vsoko_store::assessment::compare::{self, UnitProcedure};
use vsoko_store::org::{self, SchoolAggregate};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/schools", get(index))
        .route("/schools/assessments", get(assessments))
        .route("/schools/assessments.xlsx", get(assessments_xlsx))
}

#[derive(Template, WebTemplate)]
#[template(path = "schools.html")]
struct SchoolsPage {
    ctx: PageCtx,
    unit: String,
    schools: Vec<SchoolAggregate>,
    totals: (i64, i64, i64),
    total_label: String,
}

/// The unit the viewer sees aggregates of: their municipality or region, else their school.
fn unit_of(v: &vsoko_store::Viewer) -> AppResult<uuid::Uuid> {
    require(v, Permission::ViewAggregates)?;
    let unit = if v.has(Role::Municipal) || v.has(Role::Regional) {
        v.org_id
    } else {
        v.school_id
    };
    unit.ok_or(AppError::Forbidden)
}

async fn unit_label(state: &AppState, unit: uuid::Uuid) -> AppResult<String> {
    Ok(match org::unit_name(&state.db, unit).await? {
        Some(n) => n,
        None => org::school(&state.db, unit).await?.map(|s| s.name).unwrap_or_default(),
    })
}

/// The aggregates page.
async fn index(State(state): State<AppState>, Auth(v): Auth) -> AppResult<SchoolsPage> {
    let unit = unit_of(&v)?;
    let schools = org::school_aggregates(&state.db, unit).await?;
    let name = unit_label(&state, unit).await?;
    let totals = schools
        .iter()
        .fold((0, 0, 0), |t, s| (t.0 + s.classes, t.1 + s.pupils, t.2 + s.staff));
    let ctx = PageCtx::new(&state, &v, "/schools");
    let total_label = ctx.tr.n("schools-total", "n", schools.len() as i64);
    Ok(SchoolsPage {
        ctx,
        unit: name,
        schools,
        totals,
        total_label,
    })
}

/// Query of the procedures page: one year (default: all).
#[derive(Debug, Deserialize, Default)]
struct YearQuery {
    #[serde(default)]
    year: Option<String>,
}

/// A procedure identity with its school lines and the total.
struct ProcedureTable {
    title: String,
    lines: Vec<CompareLine>,
    total: CompareLine,
}

#[derive(Template, WebTemplate)]
#[template(path = "schools_assessments.html")]
struct AssessmentsPage {
    ctx: PageCtx,
    unit: String,
    years: Vec<(i64, bool)>,
    procedures: Vec<ProcedureTable>,
    export_href: String,
}

fn parse_year(q: &YearQuery) -> AppResult<Option<i64>> {
    match q.year.as_deref().map(str::trim).filter(|y| !y.is_empty()) {
        Some(y) => Ok(Some(y.parse::<i64>().map_err(|_| AppError::NotFound)?)),
        None => Ok(None),
    }
}

/// "ВПР 2026 · Русский язык · 4 класс".
fn procedure_title(tr: &Tr, p: &UnitProcedure) -> String {
    let kind = format!("assessments-kind-{}", p.kind);
    let kind = if tr.has(&kind) { tr.t(&kind) } else { p.kind.clone() };
    format!(
        "{kind} {} · {} · {}",
        p.exam_year,
        p.subject_name,
        tr.n("compare-grade", "n", p.grade)
    )
}

/// The procedures of the unit's schools, a line per school (aggregates only).
async fn assessments(
    State(state): State<AppState>,
    Auth(v): Auth,
    Query(q): Query<YearQuery>,
) -> AppResult<AssessmentsPage> {
    let unit = unit_of(&v)?;
    let year = parse_year(&q)?;
    let all = compare::for_unit(&state.db, unit, None).await?;
    let mut years: Vec<i64> = all.iter().map(|p| p.exam_year).collect();
    years.dedup();
    let ctx = PageCtx::new(&state, &v, "/schools/assessments");
    let tr = ctx.tr.clone();
    let procedures = all
        .iter()
        .filter(|p| year.is_none_or(|y| p.exam_year == y))
        .map(|p| ProcedureTable {
            title: procedure_title(&tr, p),
            lines: p
                .schools
                .iter()
                .map(|s| {
                    cmp_view::line(
                        &tr,
                        "school",
                        s.municipality.clone(),
                        s.name.clone(),
                        &s.figures,
                        String::new(),
                    )
                })
                .collect(),
            total: cmp_view::line(
                &tr,
                "total",
                tr.t("compare-unit-total"),
                String::new(),
                &p.total,
                String::new(),
            ),
        })
        .collect();
    Ok(AssessmentsPage {
        unit: unit_label(&state, unit).await?,
        years: years.into_iter().map(|y| (y, Some(y) == year)).collect(),
        export_href: format!(
            "/schools/assessments.xlsx{}",
            year.map(|y| format!("?year={y}")).unwrap_or_default()
        ),
        procedures,
        ctx,
    })
}

fn unit_row(municipality: String, school: String, f: &LevelFigures) -> UnitRow {
    UnitRow {
        municipality,
        school,
        n: f.participants,
        marked: f.marked,
        success: f.success.value,
        quality: f.quality.value,
        quality_ci_low: f.quality.ci_low,
        quality_ci_high: f.quality.ci_high,
        mean_primary: f.mean_primary,
    }
}

/// The same tables as a workbook.
async fn assessments_xlsx(
    State(state): State<AppState>,
    Auth(v): Auth,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let unit = unit_of(&v)?;
    let year = parse_year(&q)?;
    let tr = Tr::new(&v.locale);
    let all = compare::for_unit(&state.db, unit, year).await?;
    let sheet = UnitSheet {
        sheet_name: "assessments".into(),
        title: format!("{}: {}", tr.t("compare-unit-title"), unit_label(&state, unit).await?),
        subtitle: tr.t("home-aggregates-note"),
        headers: vec![
            tr.t("col-municipality"),
            tr.t("col-school"),
            "n".into(),
            tr.t("compare-marked"),
            tr.t("control-col-success"),
            tr.t("control-col-quality"),
            tr.t("results-col-ci-low"),
            tr.t("results-col-ci-high"),
            tr.t("compare-mean-primary"),
        ],
        tables: all
            .iter()
            .map(|p| {
                let mut rows: Vec<UnitRow> = p
                    .schools
                    .iter()
                    .map(|s| unit_row(s.municipality.clone(), s.name.clone(), &s.figures))
                    .collect();
                rows.push(unit_row(String::new(), tr.t("compare-unit-total"), &p.total));
                UnitTable {
                    title: procedure_title(&tr, p),
                    rows,
                }
            })
            .collect(),
        note: tr.t("compare-unit-hint"),
    };
    let bytes = unit_xlsx(&sheet).map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?;
    Ok(crate::routes::download::xlsx(
        "assessments.xlsx",
        "assessments.xlsx",
        bytes,
    ))
}
