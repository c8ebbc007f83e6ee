//! Every route × every role (and anonymous): allowed, forbidden or not found — and never
//! another's data. Ids come in three kinds: inside the viewer's scope, in the same school but
//! outside a narrow scope (a grade-1 pupil for the 7th-grade teacher), and in another school
//! of the municipality (not found for everyone). A coverage check fails when a route is
//! added to the router without a line here.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

mod common;
#[path = "access/probes.rs"]
mod probes;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::*;
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;
use vsoko_domain::roles::Role;
use vsoko_store::people::{parents, pupils, staff};
use vsoko_store::structure::{assignments, classes, subjects, years};
use vsoko_store::{Actor, Viewer, accounts};

/// Who may use a route.
#[derive(Clone, Copy)]
enum Who {
    Public,
    AnyUser,
    Set(&'static [&'static str]),
    /// Not walked here; the named test covers it.
    Elsewhere(&'static str),
}

const MANAGE: &[&str] = &["admin", "director", "deputy"];
const ADMIN: &[&str] = &["admin"];
const IMPORT: &[&str] = &["admin", "deputy"];
const CLASS_VIEW: &[&str] = &["admin", "director", "deputy", "teacher", "classteacher"];
const PUPIL_VIEW: &[&str] = &[
    "admin",
    "director",
    "deputy",
    "teacher",
    "classteacher",
    "pupil",
    "parent",
];
const SCHOOL: &[&str] = &[
    "admin",
    "director",
    "deputy",
    "teacher",
    "classteacher",
    "pupil",
    "parent",
];
const SCHOOLS_API: &[&str] = &["director", "deputy", "municipal", "regional"];

/// One probe: a concrete request and who may get a success.
struct Probe {
    route: &'static str,
    method: Method,
    path: String,
    who: Who,
    /// Text that must not appear in a denied response (another's data).
    secret: Option<String>,
}

struct Fixture {
    ids: BTreeMap<&'static str, Uuid>,
    secrets: BTreeMap<&'static str, String>,
}

fn admin_of(school: Uuid) -> Viewer {
    Viewer {
        user_id: Uuid::nil(),
        session_id: Uuid::nil(),
        login: "fixture".into(),
        full_name: String::new(),
        locale: "ru".into(),
        must_change_password: false,
        roles: vec![Role::Admin],
        school_id: Some(school),
        org_id: None,
        staff_id: None,
        pupil_id: None,
        parent_id: None,
        shmo_subjects: Vec::new(),
    }
}

async fn fixture(app: &App) -> Fixture {
    let db = &app.t.db;
    let own = app.ids.school_id;
    let other = app.ids.other_school_ids[0];
    let mut ids = BTreeMap::new();
    let mut secrets = BTreeMap::new();
    for (prefix, school) in [("", own), ("other_", other)] {
        let v = admin_of(school);
        let year = years::current(db, school).await.unwrap().unwrap();
        let cls = classes::list_visible(db, &v, year.id, "").await.unwrap();
        let first = cls.iter().find(|c| c.grade == 1).unwrap();
        let seventh = cls.iter().find(|c| c.name == "7А").unwrap();
        let far_pupil = pupils::list_visible(db, &v, "", Some(first.id))
            .await
            .unwrap()
            .remove(0);
        let key = |k: &'static str| -> &'static str { Box::leak(format!("{prefix}{k}").into_boxed_str()) };
        ids.insert(key("year"), year.id);
        ids.insert(key("period"), years::periods(db, school, year.id).await.unwrap()[0].id);
        ids.insert(key("class7"), seventh.id);
        ids.insert(key("class1"), first.id);
        ids.insert(key("far_pupil"), far_pupil.id);
        secrets.insert(
            key("far_pupil"),
            format!("{} {}", far_pupil.last_name, far_pupil.first_name),
        );
        ids.insert(key("staff"), staff::list(db, school, "").await.unwrap()[0].id);
        ids.insert(key("parent"), parents::list(db, school, "").await.unwrap()[0].id);
        ids.insert(key("subject"), subjects::list(db, school, "").await.unwrap()[0].id);
        // Sacrificial rows the destructive probes may change.
        let (s, c, su) = (ids[key("staff")], first.id, ids[key("subject")]);
        let year_id = year.id;
        let (assignment, account) = db
            .write(move |tx| {
                Box::pin(async move {
                    let a = Actor::system("fixture");
                    let input = assignments::AssignmentInput {
                        staff_id: s,
                        class_id: c,
                        subject_id: su,
                        subgroup: "x".into(),
                        hours_x100: 100,
                    };
                    let (asg, _) = assignments::create(tx, &a, school, year_id, &input).await?;
                    let login = format!("victim{}", &school.simple().to_string()[24..]);
                    let uid = accounts::create_user(tx, &a, &login, "Жертва Проверки", "$argon2id$none", false).await?;
                    accounts::grant_role(tx, &a, uid, Role::Teacher, Some(school), None, &[]).await?;
                    Ok((asg, uid))
                })
            })
            .await
            .unwrap();
        ids.insert(key("assignment"), assignment);
        ids.insert(key("account"), account);
        // A lesson of the 7А journal of the first subject (for the journal's probes).
        let (class7, subject) = (seventh.id, ids[key("subject")]);
        let deputy = Viewer {
            roles: vec![Role::Deputy],
            ..admin_of(school)
        };
        let lesson = db
            .write(move |tx| {
                Box::pin(async move {
                    let input = vsoko_store::journal::lessons::LessonInput {
                        class_id: class7,
                        subject_id: subject,
                        subgroup: String::new(),
                        date: time::macros::date!(2026 - 11 - 20),
                        topic: "Проверка доступа".into(),
                        homework: String::new(),
                        work_type: "oral".into(),
                        reason: None,
                    };
                    let today = time::macros::date!(2026 - 11 - 26);
                    vsoko_store::journal::lessons::create(tx, &Actor::system("fixture"), &deputy, &input, today).await
                })
            })
            .await
            .unwrap();
        ids.insert(key("lesson"), lesson);
        // A planned procedure of 7А (for the schedule's probes).
        let (subject, year_id) = (ids[key("subject")], year.id);
        let entry = db
            .write(move |tx| {
                Box::pin(async move {
                    let input = vsoko_store::schedule::EntryInput {
                        class_id: class7,
                        subject_id: subject,
                        fields: vsoko_domain::schedule::EntryFields {
                            date: time::macros::date!(2026 - 10 - 14),
                            lesson: 3,
                            lessons_in_day: 6,
                            duration: 1,
                            level: vsoko_domain::schedule::Level::School,
                            name: "Проверка доступа".into(),
                        },
                    };
                    vsoko_store::schedule::create(tx, &Actor::system("fixture"), school, year_id, &input).await
                })
            })
            .await
            .unwrap();
        ids.insert(key("schedule_entry"), entry);
    }
    let pupil_login = accounts::user_id(db, "pupil").await.unwrap().unwrap();
    let v = vsoko_store::scope::load_viewer(db, pupil_login, Uuid::nil())
        .await
        .unwrap()
        .unwrap();
    ids.insert("own_pupil", v.pupil_id.unwrap());
    Fixture { ids, secrets }
}

/// Every route path registered in the web crate's source.
fn registered_routes() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                for part in text.split(".route(\"").skip(1) {
                    out.insert(part.split('"').next().unwrap().to_string());
                }
            }
        }
    }
    out
}

async fn request(app: &App, cookie: Option<&str>, p: &Probe) -> Resp {
    let api = p.path.starts_with("/api/");
    let mut b = Request::builder()
        .method(p.method.clone())
        .uri(&p.path)
        .header("sec-fetch-site", "same-origin");
    if let Some(c) = cookie {
        b = b.header(header::COOKIE, c);
    }
    let body = if p.method == Method::GET || p.method == Method::DELETE {
        Body::empty()
    } else if api {
        b = b.header(header::CONTENT_TYPE, "application/json");
        Body::from("{}")
    } else {
        b = b.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        Body::from("")
    };
    app.send(b.body(body).unwrap()).await
}

#[tokio::test]
async fn every_route_for_every_role_is_allowed_forbidden_or_not_found() {
    for app in demo_apps().await {
        let f = fixture(&app).await;
        let probes = probes::probes(&f);

        let covered: BTreeSet<String> = probes.iter().map(|p| p.route.to_string()).collect();
        let registered = registered_routes();
        let missing: Vec<_> = registered.difference(&covered).collect();
        assert!(missing.is_empty(), "routes without an access probe: {missing:?}");

        let mut cookies = BTreeMap::new();
        for login in LOGINS {
            cookies.insert(login, app.login(login).await);
        }
        let mut failures = Vec::new();
        // Reads first, then writes, so a destructive probe cannot hide a later check.
        let ordered = probes
            .iter()
            .filter(|p| p.method == Method::GET)
            .chain(probes.iter().filter(|p| p.method != Method::GET));
        let mut elsewhere = Vec::new();
        for p in ordered {
            if let Who::Elsewhere(test) = p.who {
                elsewhere.push(test);
                continue;
            }
            {
                let api = p.path.starts_with("/api/");
                // Anonymous.
                let r = request(&app, None, p).await;
                let anon_ok = match p.who {
                    Who::Public if p.method == Method::GET => r.status.is_success() || r.status.is_redirection(),
                    Who::Public => !matches!(
                        r.status,
                        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::INTERNAL_SERVER_ERROR
                    ),
                    _ if api => r.status == StatusCode::UNAUTHORIZED,
                    _ => r.status == StatusCode::SEE_OTHER && r.location.as_deref().unwrap_or("").starts_with("/login"),
                };
                if !anon_ok {
                    failures.push(format!("anonymous {} {} → {}", p.method, p.path, r.status));
                }
                for login in LOGINS {
                    let allowed = match p.who {
                        Who::Public | Who::AnyUser => true,
                        Who::Set(set) => set.contains(&login),
                        Who::Elsewhere(_) => unreachable!(),
                    };
                    let r = request(&app, Some(&cookies[login]), p).await;
                    let s = r.status;
                    let ok = if s == StatusCode::INTERNAL_SERVER_ERROR {
                        false
                    } else if allowed && p.method == Method::GET {
                        s == StatusCode::OK || (p.path == "/login" && s == StatusCode::SEE_OTHER)
                    } else if allowed {
                        // A write with an empty body may be rejected as invalid, never as forbidden.
                        !matches!(s, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)
                    } else {
                        matches!(
                            s,
                            StatusCode::FORBIDDEN
                                | StatusCode::NOT_FOUND
                                | StatusCode::UNPROCESSABLE_ENTITY
                                | StatusCode::BAD_REQUEST
                        )
                    };
                    if !ok {
                        failures.push(format!("{login} {} {} → {s} (allowed: {allowed})", p.method, p.path));
                    }
                    if !allowed {
                        if s.is_success() || s.is_redirection() {
                            failures.push(format!(
                                "{login} {} {} succeeded with {s} but must not",
                                p.method, p.path
                            ));
                        }
                        if let Some(secret) = &p.secret
                            && r.body.contains(secret.as_str())
                        {
                            failures.push(format!("{login} {} {} leaked {secret}", p.method, p.path));
                        }
                    }
                }
            }
        }
        assert!(elsewhere.iter().all(|t| t.starts_with("auth.rs")), "{elsewhere:?}");
        assert!(
            failures.is_empty(),
            "{} ({} probes): {} failures:\n{}",
            app.t.backend,
            probes.len(),
            failures.len(),
            failures.join("\n")
        );
        app.finish().await;
    }
}
