//! Builds the demo: a region, a municipality, the demo school (from the deterministic
//! generator in `vsoko_domain::demo`, applied through the roster importer: first the closed
//! year 2025/26 with the same pupils one grade lower, then the current year 2026/27, so every
//! pupil moved up has a class history of two stays) and two smaller schools for aggregates,
//! plus the fixed demo logins.

use crate::people::{parents, pupils, staff};
use crate::structure::{period_levels, subjects, years};
use crate::{Actor, Db, Result, StoreError, accounts, org, roster, settings};
use time::{Date, Month};
use uuid::Uuid;
use vsoko_domain::demo::{DemoSchool, generate, prior_year_roster};
use vsoko_domain::roles::Role;
use vsoko_domain::roster::Roster;
use vsoko_domain::structure::{PeriodKind, PeriodLevel, default_periods};

/// Ids of what the demo created, for tests.
#[derive(Debug, Clone)]
pub struct DemoIds {
    /// Region.
    pub region_id: Uuid,
    /// Municipality.
    pub municipality_id: Uuid,
    /// The demo school.
    pub school_id: Uuid,
    /// The other schools.
    pub other_school_ids: Vec<Uuid>,
}

/// Whether the database holds any school yet.
pub async fn is_empty(db: &Db) -> Result<bool> {
    Ok(scalar!(db, i64, "SELECT CAST(count(*) AS BIGINT) FROM schools")? == 0)
}

/// A new school with its subject catalogue and the year starting in `start_year` (current).
async fn new_school(db: &Db, actor: &Actor, municipality: Uuid, name: &str, start_year: i32) -> Result<(Uuid, Uuid)> {
    let (actor, name) = (actor.clone(), name.to_string());
    db.write(move |tx| {
        Box::pin(async move {
            let short: String = name.replace("Муниципальное бюджетное общеобразовательное учреждение", "МБОУ");
            let id = org::create_school(tx, &actor, municipality, &name, &short).await?;
            subjects::seed_catalogue(tx, &actor, id).await?;
            let year_id = new_year(tx, &actor, id, start_year, true).await?;
            Ok((id, year_id))
        })
    })
    .await
}

/// A school year in quarters for grades 1–9 and half-years for the senior grades 10–11.
async fn new_year(tx: &mut crate::Tx, actor: &Actor, school_id: Uuid, start_year: i32, current: bool) -> Result<Uuid> {
    let year_id = years::create_year(
        tx,
        actor,
        school_id,
        start_year,
        PeriodKind::Quarter,
        &default_periods(PeriodKind::Quarter, start_year),
        current,
    )
    .await?;
    let senior = PeriodLevel {
        from_grade: 10,
        to_grade: 11,
        kind: PeriodKind::HalfYear,
    };
    period_levels::set_levels(tx, actor, school_id, year_id, &[senior]).await?;
    Ok(year_id)
}

/// Applies a roster as on `today`; a rejected row is an error (the demo roster is known good).
async fn apply_roster(db: &Db, actor: &Actor, school_id: Uuid, roster: Roster, today: Date) -> Result<()> {
    let report = roster::apply(db, actor, school_id, roster, today, false).await?;
    match report.errors.first() {
        None => Ok(()),
        Some(e) => Err(StoreError::Invalid {
            field: "roster",
            message: format!("demo roster rejected: {e:?}"),
        }),
    }
}

/// The closed year before the demo year, with its roster: made current while its roster is
/// applied (the roster importer fills the current year), then `current_year` again.
async fn prior_year(db: &Db, actor: &Actor, school_id: Uuid, demo: &DemoSchool, current_year: Uuid) -> Result<()> {
    let start = demo.academic_year_start - 1;
    let a = actor.clone();
    db.write(move |tx| Box::pin(async move { new_year(tx, &a, school_id, start, true).await }))
        .await?;
    let first_day = Date::from_calendar_date(start, Month::September, 1).unwrap_or(Date::MIN);
    apply_roster(db, actor, school_id, prior_year_roster(demo), first_day).await?;
    let a = actor.clone();
    db.write(move |tx| Box::pin(async move { years::set_current(tx, &a, school_id, current_year).await }))
        .await
}

fn subset(r: &Roster, keep_class: impl Fn(i64, &str) -> bool) -> Roster {
    let pupils: Vec<_> = r
        .pupils
        .iter()
        .filter(|p| keep_class(p.class.grade, &p.class.letter))
        .cloned()
        .collect();
    let codes: std::collections::HashSet<&str> = pupils.iter().map(|p| p.code.as_str()).collect();
    Roster {
        classes: r
            .classes
            .iter()
            .filter(|c| keep_class(c.name.grade, &c.name.letter))
            .cloned()
            .collect(),
        staff: r.staff.clone(),
        parents: r
            .parents
            .iter()
            .filter(|p| codes.contains(p.pupil_code.as_str()))
            .cloned()
            .collect(),
        assignments: r
            .assignments
            .iter()
            .filter(|a| keep_class(a.class.grade, &a.class.letter))
            .cloned()
            .collect(),
        pupils,
    }
}

/// Builds the whole demo into an empty database. `password_hash` is the argon2id hash of
/// the demo password, made by the caller (the store does not hash).
pub async fn build(db: &Db, password_hash: &str) -> Result<DemoIds> {
    if !is_empty(db).await? {
        return Err(StoreError::Invalid {
            field: "db",
            message: "the database already holds schools; use an empty database for the demo".into(),
        });
    }
    let demo: DemoSchool = generate();
    let actor = Actor::system("vsoko demo");
    let start = demo.academic_year_start;
    let (region_id, municipality_id) = {
        let (a, rn, mn) = (actor.clone(), demo.region_name.clone(), demo.municipality_name.clone());
        db.write(move |tx| {
            Box::pin(async move {
                settings::set(tx, settings::DEMO_KEY, "true").await?;
                let r = org::create_region(tx, &a, &rn).await?;
                let m = org::create_municipality(tx, &a, r, &mn).await?;
                Ok((r, m))
            })
        })
        .await?
    };
    // The roster is imported as on the first school day, so pupils are enrolled from 1 September.
    let today = Date::from_calendar_date(start, Month::September, 1).unwrap_or(Date::MIN);
    let (school_id, year_id) = new_school(db, &actor, municipality_id, &demo.school_name, start).await?;
    prior_year(db, &actor, school_id, &demo, year_id).await?;
    apply_roster(db, &actor, school_id, demo.roster.clone(), today).await?;
    let mut other_school_ids = Vec::new();
    for (i, name) in demo.other_schools.iter().enumerate() {
        let (id, _) = new_school(db, &actor, municipality_id, name, start).await?;
        let part = if i == 0 {
            subset(&demo.roster, |_, letter| letter != "В")
        } else {
            subset(&demo.roster, |grade, _| grade >= 5)
        };
        roster::apply(db, &actor, id, part, today, false).await?;
        other_school_ids.push(id);
    }
    create_logins(db, &actor, &demo, region_id, municipality_id, school_id, password_hash).await?;
    Ok(DemoIds {
        region_id,
        municipality_id,
        school_id,
        other_school_ids,
    })
}

/// Adds a municipality of this name to a region with schools of these names (structure
/// only: subject catalogue and the current year starting in 2026, no roster) — the second
/// municipality of the demo region, whose schools only bring assessment results to compare
/// with. Returns the schools' ids in order.
pub async fn add_schools(db: &Db, region_id: Uuid, municipality: &str, names: &[String]) -> Result<Vec<Uuid>> {
    let actor = Actor::system("vsoko demo");
    let (a, name) = (actor.clone(), municipality.to_string());
    let m = db
        .write(move |tx| Box::pin(async move { org::ensure_municipality(tx, &a, region_id, &name).await }))
        .await?;
    let start = generate().academic_year_start;
    let mut ids = Vec::new();
    for n in names {
        ids.push(new_school(db, &actor, m, n, start).await?.0);
    }
    Ok(ids)
}

enum Link {
    None,
    Staff(String),
    Pupil(String),
    Parent(String),
}

async fn create_logins(
    db: &Db,
    actor: &Actor,
    demo: &DemoSchool,
    region: Uuid,
    municipality: Uuid,
    school: Uuid,
    hash: &str,
) -> Result<()> {
    let l = &demo.logins;
    let specs: Vec<(&str, &str, Vec<Role>, Link)> = vec![
        ("admin", "Администратор системы", vec![Role::Admin], Link::None),
        (
            "director",
            "",
            vec![Role::Director],
            Link::Staff(l.director_staff_code.clone()),
        ),
        (
            "deputy",
            "",
            vec![Role::Deputy],
            Link::Staff(l.deputy_staff_code.clone()),
        ),
        (
            "teacher",
            "",
            vec![Role::Teacher],
            Link::Staff(l.teacher_staff_code.clone()),
        ),
        (
            "classteacher",
            "",
            vec![Role::ClassTeacher, Role::Teacher],
            Link::Staff(l.class_teacher_staff_code.clone()),
        ),
        ("pupil", "", vec![Role::Pupil], Link::Pupil(l.pupil_code.clone())),
        ("parent", "", vec![Role::Parent], Link::Parent(l.parent_code.clone())),
        (
            "municipal",
            "Специалист управления образования",
            vec![Role::Municipal],
            Link::None,
        ),
        (
            "regional",
            "Специалист регионального центра оценки качества",
            vec![Role::Regional],
            Link::None,
        ),
    ];
    for (login, fixed_name, roles, link) in specs {
        let (actor, hash, login) = (actor.clone(), hash.to_string(), login.to_string());
        let fixed_name = fixed_name.to_string();
        db.write(move |tx| {
            Box::pin(async move {
                let (name, link_id) = match &link {
                    Link::None => (fixed_name.clone(), None),
                    Link::Staff(code) => {
                        let s = staff::all_in(tx, school).await?.into_iter().find(|s| &s.code == code).ok_or(StoreError::NotFound)?;
                        (s.full_name(), Some(s.id))
                    }
                    Link::Pupil(code) => {
                        let id = pupils::codes_in(tx, school).await?.into_iter().find(|p| &p.0 == code).map(|p| p.1).ok_or(StoreError::NotFound)?;
                        let name = opt_row!(tx: tx, (String, String), "SELECT last_name, first_name FROM pupils WHERE school_id = $1 AND id = $2", school, id)?
                            .map(|(l, f)| format!("{l} {f}")).unwrap_or_default();
                        (name, Some(id))
                    }
                    Link::Parent(code) => {
                        let id = parents::codes_in(tx, school).await?.into_iter().find(|p| &p.0 == code).map(|p| p.1).ok_or(StoreError::NotFound)?;
                        let name = opt_row!(tx: tx, (String, String, String), "SELECT last_name, first_name, middle_name FROM parents WHERE school_id = $1 AND id = $2", school, id)?
                            .map(|(l, f, m)| format!("{l} {f} {m}")).unwrap_or_default();
                        (name, Some(id))
                    }
                };
                let uid = accounts::create_user(tx, &actor, &login, &name, &hash, false).await?;
                for role in &roles {
                    let (school_id, org_id) = match role {
                        Role::Municipal => (None, Some(municipality)),
                        Role::Regional => (None, Some(region)),
                        _ => (Some(school), None),
                    };
                    accounts::grant_role(tx, &actor, uid, *role, school_id, org_id, &[]).await?;
                }
                match (link, link_id) {
                    (Link::Staff(_), Some(id)) => staff::link_user(tx, &actor, school, id, uid).await?,
                    (Link::Pupil(_), Some(id)) => pupils::link_user(tx, &actor, school, id, uid).await?,
                    (Link::Parent(_), Some(id)) => parents::link_user(tx, &actor, school, id, uid).await?,
                    _ => {}
                }
                Ok(())
            })
        })
        .await?;
    }
    Ok(())
}
