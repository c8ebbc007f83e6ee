//! The probe table of the access walk: every route with concrete ids and who may use it.

use super::{ADMIN, CLASS_VIEW, Fixture, IMPORT, MANAGE, PUPIL_VIEW, Probe, SCHOOL, SCHOOLS_API, Who};

use axum::http::Method;

/// Every probe of the walk.
pub(super) fn probes(f: &Fixture) -> Vec<Probe> {
    let id = |k: &str| f.ids[k].to_string();
    let mut out = Vec::new();
    let mut add = |route: &'static str, method: Method, path: String, who: Who, secret: Option<String>| {
        out.push(Probe {
            route,
            method,
            path,
            who,
            secret,
        })
    };
    use Method as M;
    // Public and session routes.
    add("/healthz", M::GET, "/healthz".into(), Who::Public, None);
    add("/assets/{*path}", M::GET, "/assets/app.css".into(), Who::Public, None);
    add(
        "/api/openapi.json",
        M::GET,
        "/api/openapi.json".into(),
        Who::Public,
        None,
    );
    add("/login", M::GET, "/login".into(), Who::Public, None);
    add("/lang", M::POST, "/lang".into(), Who::Public, None);
    add(
        "/logout",
        M::POST,
        "/logout".into(),
        Who::Elsewhere("auth.rs login_logout_and_throttling"),
        None,
    );
    add(
        "/logout-all",
        M::POST,
        "/logout-all".into(),
        Who::Elsewhere("auth.rs login_logout_and_throttling"),
        None,
    );
    add("/", M::GET, "/".into(), Who::AnyUser, None);
    add("/account", M::GET, "/account".into(), Who::AnyUser, None);
    add(
        "/account/password",
        M::POST,
        "/account/password".into(),
        Who::Elsewhere("auth.rs password_change"),
        None,
    );
    // Scoped views.
    add("/classes", M::GET, "/classes".into(), Who::Set(CLASS_VIEW), None);
    add(
        "/classes/{id}",
        M::GET,
        format!("/classes/{}", id("class7")),
        Who::Set(CLASS_VIEW),
        None,
    );
    add(
        "/classes/{id}",
        M::GET,
        format!("/classes/{}", id("class1")),
        Who::Set(MANAGE),
        None,
    );
    add(
        "/classes/{id}",
        M::GET,
        format!("/classes/{}", id("other_class7")),
        Who::Set(&[]),
        None,
    );
    add("/pupils", M::GET, "/pupils".into(), Who::Set(PUPIL_VIEW), None);
    add(
        "/pupils/{id}",
        M::GET,
        format!("/pupils/{}", id("own_pupil")),
        Who::Set(PUPIL_VIEW),
        None,
    );
    let far = f.secrets["far_pupil"].clone();
    add(
        "/pupils/{id}",
        M::GET,
        format!("/pupils/{}", id("far_pupil")),
        Who::Set(MANAGE),
        Some(far.clone()),
    );
    let other_far = f.secrets["other_far_pupil"].clone();
    add(
        "/pupils/{id}",
        M::GET,
        format!("/pupils/{}", id("other_far_pupil")),
        Who::Set(&[]),
        Some(other_far.clone()),
    );
    // Management pages.
    for (list, new) in [
        ("/admin/staff", "/admin/staff/new"),
        ("/admin/pupils", "/admin/pupils/new"),
        ("/admin/parents", "/admin/parents/new"),
    ] {
        add(list_route(list), M::GET, list.into(), Who::Set(MANAGE), None);
        add(list_route(list), M::POST, list.into(), Who::Set(MANAGE), None);
        add(list_route(new), M::GET, new.into(), Who::Set(MANAGE), None);
    }
    for (route, edit_route, key, kind) in [
        ("/admin/staff/{id}", "/admin/staff/{id}/edit", "staff", "staff"),
        ("/admin/pupils/{id}", "/admin/pupils/{id}/edit", "far_pupil", "pupils"),
        ("/admin/parents/{id}", "/admin/parents/{id}/edit", "parent", "parents"),
        (
            "/admin/subjects/{id}",
            "/admin/subjects/{id}/edit",
            "subject",
            "subjects",
        ),
        ("/admin/classes/{id}", "/admin/classes/{id}/edit", "class1", "classes"),
    ] {
        add(
            edit_route,
            M::GET,
            format!("/admin/{kind}/{}/edit", id(key)),
            Who::Set(MANAGE),
            None,
        );
        add(
            edit_route,
            M::GET,
            format!("/admin/{kind}/{}/edit", id(&format!("other_{key}"))),
            Who::Set(&[]),
            None,
        );
        add(
            route,
            M::POST,
            format!("/admin/{kind}/{}", id(key)),
            Who::Set(MANAGE),
            None,
        );
        add(
            route,
            M::POST,
            format!("/admin/{kind}/{}", id(&format!("other_{key}"))),
            Who::Set(&[]),
            None,
        );
    }
    add(
        "/admin/pupils/{id}/move",
        M::POST,
        format!("/admin/pupils/{}/move", id("far_pupil")),
        Who::Set(MANAGE),
        None,
    );
    add(
        "/admin/pupils/{id}/move",
        M::POST,
        format!("/admin/pupils/{}/move", id("other_far_pupil")),
        Who::Set(&[]),
        None,
    );
    for action in ["link", "unlink"] {
        let route = if action == "link" {
            "/admin/parents/{id}/link"
        } else {
            "/admin/parents/{id}/unlink"
        };
        add(
            route,
            M::POST,
            format!("/admin/parents/{}/{action}", id("parent")),
            Who::Set(MANAGE),
            None,
        );
        add(
            route,
            M::POST,
            format!("/admin/parents/{}/{action}", id("other_parent")),
            Who::Set(&[]),
            None,
        );
    }
    for list in [
        "/admin/classes",
        "/admin/subjects",
        "/admin/assignments",
        "/admin/years",
    ] {
        add(list_route(list), M::GET, list.into(), Who::Set(MANAGE), None);
        add(list_route(list), M::POST, list.into(), Who::Set(MANAGE), None);
    }
    add(
        "/admin/subjects/seed",
        M::POST,
        "/admin/subjects/seed".into(),
        Who::Set(MANAGE),
        None,
    );
    add(
        "/admin/years/periods/{id}",
        M::POST,
        format!("/admin/years/periods/{}", id("period")),
        Who::Set(MANAGE),
        None,
    );
    add(
        "/admin/years/periods/{id}",
        M::POST,
        format!("/admin/years/periods/{}", id("other_period")),
        Who::Set(&[]),
        None,
    );
    add(
        "/admin/years/{id}/current",
        M::POST,
        format!("/admin/years/{}/current", id("year")),
        Who::Set(MANAGE),
        None,
    );
    add(
        "/admin/years/{id}/current",
        M::POST,
        format!("/admin/years/{}/current", id("other_year")),
        Who::Set(&[]),
        None,
    );
    add(
        "/admin/assignments/{id}/delete",
        M::POST,
        format!("/admin/assignments/{}/delete", id("other_assignment")),
        Who::Set(&[]),
        None,
    );
    add(
        "/admin/assignments/{id}/delete",
        M::POST,
        format!("/admin/assignments/{}/delete", id("assignment")),
        Who::Set(MANAGE),
        None,
    );
    // Accounts (admin only).
    add(
        "/admin/accounts",
        M::GET,
        "/admin/accounts".into(),
        Who::Set(ADMIN),
        None,
    );
    add(
        "/admin/accounts",
        M::POST,
        "/admin/accounts".into(),
        Who::Set(ADMIN),
        None,
    );
    add(
        "/admin/accounts/new",
        M::GET,
        "/admin/accounts/new".into(),
        Who::Set(ADMIN),
        None,
    );
    add(
        "/admin/accounts/{id}",
        M::GET,
        format!("/admin/accounts/{}", id("account")),
        Who::Set(ADMIN),
        None,
    );
    add(
        "/admin/accounts/{id}",
        M::GET,
        format!("/admin/accounts/{}", id("other_account")),
        Who::Set(&[]),
        None,
    );
    for (route, action) in [
        ("/admin/accounts/{id}/reset", "reset"),
        ("/admin/accounts/{id}/active", "active"),
        ("/admin/accounts/{id}/roles", "roles"),
        ("/admin/accounts/{id}/roles/revoke", "roles/revoke"),
    ] {
        add(
            route,
            M::POST,
            format!("/admin/accounts/{}/{action}", id("other_account")),
            Who::Set(&[]),
            None,
        );
        add(
            route,
            M::POST,
            format!("/admin/accounts/{}/{action}", id("account")),
            Who::Set(ADMIN),
            None,
        );
    }
    // Import (admin, deputy).
    add("/admin/import", M::GET, "/admin/import".into(), Who::Set(IMPORT), None);
    add(
        "/admin/import/templates/{file}",
        M::GET,
        "/admin/import/templates/roster.xlsx".into(),
        Who::Set(IMPORT),
        None,
    );
    add(
        "/admin/import/preview",
        M::POST,
        "/admin/import/preview".into(),
        Who::Set(IMPORT),
        None,
    );
    add(
        "/admin/import/apply",
        M::POST,
        "/admin/import/apply".into(),
        Who::Set(IMPORT),
        None,
    );
    add("/schools", M::GET, "/schools".into(), Who::Set(SCHOOLS_API), None);
    // JSON API.
    add("/api/v1/me", M::GET, "/api/v1/me".into(), Who::AnyUser, None);
    add(
        "/api/v1/schools",
        M::GET,
        "/api/v1/schools".into(),
        Who::Set(SCHOOLS_API),
        None,
    );
    add("/api/v1/years", M::GET, "/api/v1/years".into(), Who::Set(SCHOOL), None);
    add(
        "/api/v1/subjects",
        M::GET,
        "/api/v1/subjects".into(),
        Who::Set(SCHOOL),
        None,
    );
    add(
        "/api/v1/subjects",
        M::POST,
        "/api/v1/subjects".into(),
        Who::Set(MANAGE),
        None,
    );
    add(
        "/api/v1/subjects/{id}",
        M::PUT,
        format!("/api/v1/subjects/{}", id("subject")),
        Who::Set(MANAGE),
        None,
    );
    add(
        "/api/v1/subjects/{id}",
        M::PUT,
        format!("/api/v1/subjects/{}", id("other_subject")),
        Who::Set(&[]),
        None,
    );
    add(
        "/api/v1/classes",
        M::GET,
        "/api/v1/classes".into(),
        Who::Set(CLASS_VIEW),
        None,
    );
    add(
        "/api/v1/classes",
        M::POST,
        "/api/v1/classes".into(),
        Who::Set(MANAGE),
        None,
    );
    add(
        "/api/v1/classes/{id}",
        M::GET,
        format!("/api/v1/classes/{}", id("class7")),
        Who::Set(CLASS_VIEW),
        None,
    );
    add(
        "/api/v1/classes/{id}",
        M::GET,
        format!("/api/v1/classes/{}", id("other_class7")),
        Who::Set(&[]),
        None,
    );
    add(
        "/api/v1/pupils",
        M::GET,
        "/api/v1/pupils".into(),
        Who::Set(PUPIL_VIEW),
        None,
    );
    add(
        "/api/v1/pupils",
        M::POST,
        "/api/v1/pupils".into(),
        Who::Set(MANAGE),
        None,
    );
    add(
        "/api/v1/pupils/{id}",
        M::GET,
        format!("/api/v1/pupils/{}", id("own_pupil")),
        Who::Set(PUPIL_VIEW),
        None,
    );
    add(
        "/api/v1/pupils/{id}",
        M::GET,
        format!("/api/v1/pupils/{}", id("far_pupil")),
        Who::Set(MANAGE),
        Some(far),
    );
    add(
        "/api/v1/pupils/{id}",
        M::GET,
        format!("/api/v1/pupils/{}", id("other_far_pupil")),
        Who::Set(&[]),
        Some(other_far),
    );
    add(
        "/api/v1/pupils/{id}",
        M::PUT,
        format!("/api/v1/pupils/{}", id("far_pupil")),
        Who::Set(MANAGE),
        None,
    );
    add(
        "/api/v1/pupils/{id}",
        M::PUT,
        format!("/api/v1/pupils/{}", id("other_far_pupil")),
        Who::Set(&[]),
        None,
    );
    add("/api/v1/staff", M::GET, "/api/v1/staff".into(), Who::Set(MANAGE), None);
    add("/api/v1/staff", M::POST, "/api/v1/staff".into(), Who::Set(MANAGE), None);
    add(
        "/api/v1/staff/{id}",
        M::GET,
        format!("/api/v1/staff/{}", id("staff")),
        Who::Set(MANAGE),
        None,
    );
    add(
        "/api/v1/staff/{id}",
        M::GET,
        format!("/api/v1/staff/{}", id("other_staff")),
        Who::Set(&[]),
        None,
    );
    add(
        "/api/v1/staff/{id}",
        M::PUT,
        format!("/api/v1/staff/{}", id("other_staff")),
        Who::Set(&[]),
        None,
    );
    add(
        "/api/v1/parents",
        M::GET,
        "/api/v1/parents".into(),
        Who::Set(MANAGE),
        None,
    );
    add(
        "/api/v1/parents",
        M::POST,
        "/api/v1/parents".into(),
        Who::Set(MANAGE),
        None,
    );
    add(
        "/api/v1/assignments",
        M::GET,
        "/api/v1/assignments".into(),
        Who::Set(MANAGE),
        None,
    );
    add(
        "/api/v1/assignments",
        M::POST,
        "/api/v1/assignments".into(),
        Who::Set(MANAGE),
        None,
    );
    add(
        "/api/v1/assignments/{id}",
        M::DELETE,
        format!("/api/v1/assignments/{}", id("other_assignment")),
        Who::Set(&[]),
        None,
    );
    add(
        "/api/v1/imports/roster",
        M::POST,
        "/api/v1/imports/roster?dry_run=true".into(),
        Who::Set(IMPORT),
        None,
    );
    out
}

pub(super) fn list_route(path: &'static str) -> &'static str {
    path
}
