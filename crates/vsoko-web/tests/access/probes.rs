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
    add(
        "/schools/assessments",
        M::GET,
        "/schools/assessments".into(),
        Who::Set(SCHOOLS_API),
        None,
    );
    add(
        "/schools/assessments.xlsx",
        M::GET,
        "/schools/assessments.xlsx".into(),
        Who::Set(SCHOOLS_API),
        None,
    );
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
    // E-diary: the pupil themself and the parents (the demo pupil is the demo parent's child).
    const FAMILY: &[&str] = &["pupil", "parent"];
    add("/diary", M::GET, "/diary".into(), Who::Set(FAMILY), None);
    add(
        "/diary",
        M::GET,
        format!("/diary?pupil={}", id("own_pupil")),
        Who::Set(FAMILY),
        None,
    );
    for (key, secret) in [("far_pupil", "far_pupil"), ("other_far_pupil", "other_far_pupil")] {
        add(
            "/diary",
            M::GET,
            format!("/diary?pupil={}", id(key)),
            Who::Set(&[]),
            Some(f.secrets[secret].clone()),
        );
    }
    for (route, tail) in [
        ("/api/v1/diary/{pupil_id}/week", "week"),
        ("/api/v1/diary/{pupil_id}/marks", "marks"),
    ] {
        add(
            route,
            M::GET,
            format!("/api/v1/diary/{}/{tail}", id("own_pupil")),
            Who::Set(FAMILY),
            None,
        );
        for key in ["far_pupil", "other_far_pupil"] {
            add(
                route,
                M::GET,
                format!("/api/v1/diary/{}/{tail}", id(key)),
                Who::Set(&[]),
                Some(f.secrets[key].clone()),
            );
        }
    }
    // Journal: staff only; the 7А algebra journal is the teacher's and the class teacher's,
    // a grade-1 journal only the administration's; writes with an empty body are refused
    // as malformed for staff, forbidden for families.
    add("/journal", M::GET, "/journal".into(), Who::Set(CLASS_VIEW), None);
    for (class, subject, who, secret) in [
        ("class7", "subject", CLASS_VIEW, None),
        ("class1", "subject", MANAGE, Some(f.secrets["far_pupil"].clone())),
        ("other_class7", "other_subject", &[][..], None),
    ] {
        add(
            "/journal/{class_id}/{subject_id}",
            M::GET,
            format!("/journal/{}/{}", id(class), id(subject)),
            Who::Set(who),
            secret,
        );
    }
    add(
        "/journal/cells/history",
        M::GET,
        format!(
            "/journal/cells/history?lesson_id={}&pupil_id={}",
            id("lesson"),
            id("own_pupil")
        ),
        Who::Set(CLASS_VIEW),
        None,
    );
    add(
        "/journal/cells/history",
        M::GET,
        format!(
            "/journal/cells/history?lesson_id={}&pupil_id={}",
            id("other_lesson"),
            id("own_pupil")
        ),
        Who::Set(&[]),
        None,
    );
    for route in [
        "/journal/cells",
        "/journal/period-marks",
        "/journal/lessons",
        "/journal/lessons/plan",
    ] {
        add(route, M::POST, route.into(), Who::Set(CLASS_VIEW), None);
    }
    add(
        "/journal/lessons/{id}",
        M::POST,
        format!("/journal/lessons/{}", id("lesson")),
        Who::Set(&["teacher", "deputy"]),
        None,
    );
    add(
        "/journal/lessons/{id}",
        M::POST,
        format!("/journal/lessons/{}", id("other_lesson")),
        Who::Set(&[]),
        None,
    );
    // Grading policy and period locks: the administration reads, the deputy and the admin
    // change; journal control: the administration.
    const POLICY_EDIT: &[&str] = &["admin", "deputy"];
    add(
        "/admin/grading-policy",
        M::GET,
        "/admin/grading-policy".into(),
        Who::Set(MANAGE),
        None,
    );
    add(
        "/admin/grading-policy",
        M::POST,
        "/admin/grading-policy".into(),
        Who::Set(POLICY_EDIT),
        None,
    );
    add(
        "/admin/grading-policy/periods/{id}",
        M::POST,
        format!("/admin/grading-policy/periods/{}", id("period")),
        Who::Set(POLICY_EDIT),
        None,
    );
    add(
        "/admin/grading-policy/periods/{id}",
        M::POST,
        format!("/admin/grading-policy/periods/{}", id("other_period")),
        Who::Set(&[]),
        None,
    );
    add(
        "/admin/grading-policy/period-levels",
        M::POST,
        "/admin/grading-policy/period-levels".into(),
        Who::Set(POLICY_EDIT),
        None,
    );
    add("/control", M::GET, "/control".into(), Who::Set(MANAGE), None);
    for tab in ["marks", "late", "overview"] {
        add(
            "/control",
            M::GET,
            format!("/control?tab={tab}"),
            Who::Set(MANAGE),
            None,
        );
    }
    add(
        "/control",
        M::GET,
        format!("/control?period={}", id("other_period")),
        Who::Set(&[]),
        None,
    );
    // Results: whoever analyses a scope (administration, teachers, class teachers).
    add("/results", M::GET, "/results".into(), Who::Set(CLASS_VIEW), None);
    add(
        "/results",
        M::GET,
        format!("/results?class={}", id("class7")),
        Who::Set(CLASS_VIEW),
        None,
    );
    add(
        "/results",
        M::GET,
        format!("/results?class={}", id("other_class7")),
        Who::Set(&[]),
        None,
    );
    add(
        "/results.xlsx",
        M::GET,
        "/results.xlsx".into(),
        Who::Set(CLASS_VIEW),
        None,
    );
    // Value-added: whoever analyses a scope; with no pair of works the page says so and the
    // export is not found (value_added.rs covers the scope of a real pair).
    add(
        "/value-added",
        M::GET,
        "/value-added".into(),
        Who::Set(CLASS_VIEW),
        None,
    );
    add(
        "/value-added.xlsx",
        M::GET,
        "/value-added.xlsx".into(),
        Who::Set(&[]),
        None,
    );
    // Analysis of an assessment procedure: staff with results in scope (see analysis.rs for
    // one with results); an unknown procedure is not found for everybody.
    for route in ["/assessments/{id}/analysis", "/assessments/{id}/analysis.xlsx"] {
        add(
            route,
            M::GET,
            route.replace("{id}", &uuid::Uuid::nil().to_string()),
            Who::Set(&[]),
            None,
        );
    }
    // Procedures: whoever analyses a scope; the upload: the administration.
    add(
        "/assessments",
        M::GET,
        "/assessments".into(),
        Who::Set(CLASS_VIEW),
        None,
    );
    for (route, method, path) in [
        ("/assessments/import", M::GET, "/assessments/import"),
        ("/assessments/import/progress", M::GET, "/assessments/import/progress"),
        (
            "/assessments/import/templates/{file}",
            M::GET,
            "/assessments/import/templates/assessment.xlsx",
        ),
        (
            "/assessments/import/templates/{file}",
            M::GET,
            "/assessments/import/templates/generic.csv",
        ),
        ("/assessments/import/preview", M::POST, "/assessments/import/preview"),
        ("/assessments/import/apply", M::POST, "/assessments/import/apply"),
    ] {
        add(route, method, path.into(), Who::Set(MANAGE), None);
    }
    // Class summary: the class teacher of 7А and the administration; not a subject teacher.
    const LEADS_7A: &[&str] = &["admin", "director", "deputy", "classteacher"];
    for route in ["/classes/{id}/summary", "/classes/{id}/summary.xlsx"] {
        let tail = route.rsplit('/').next().unwrap_or("summary");
        for (class, who, secret) in [
            ("class7", LEADS_7A, None),
            ("class1", MANAGE, Some(f.secrets["far_pupil"].clone())),
            ("other_class7", &[][..], None),
        ] {
            add(
                route,
                M::GET,
                format!("/classes/{}/{tail}", id(class)),
                Who::Set(who),
                secret,
            );
        }
    }
    // Marks import: those who keep journals.
    const WRITERS: &[&str] = &["deputy", "teacher", "classteacher"];
    add(
        "/journal/import",
        M::GET,
        "/journal/import".into(),
        Who::Set(WRITERS),
        None,
    );
    add(
        "/journal/import/templates/{file}",
        M::GET,
        "/journal/import/templates/marks.xlsx".into(),
        Who::Set(WRITERS),
        None,
    );
    add(
        "/journal/import/templates/{file}",
        M::GET,
        "/journal/import/templates/term_marks.csv".into(),
        Who::Set(WRITERS),
        None,
    );
    add(
        "/journal/import/preview",
        M::POST,
        "/journal/import/preview".into(),
        Who::Set(WRITERS),
        None,
    );
    add(
        "/journal/import/apply",
        M::POST,
        "/journal/import/apply".into(),
        Who::Set(WRITERS),
        None,
    );
    // Journal API: read like the journal page, write as its teacher or the deputy.
    for route in ["/api/v1/lessons", "/api/v1/marks", "/api/v1/period-marks"] {
        add(
            route,
            M::GET,
            format!("{route}?class_id={}&subject_id={}", id("class7"), id("subject")),
            Who::Set(CLASS_VIEW),
            None,
        );
        add(
            route,
            M::GET,
            format!(
                "{route}?class_id={}&subject_id={}",
                id("other_class7"),
                id("other_subject")
            ),
            Who::Set(&[]),
            None,
        );
        add(route, M::POST, route.into(), Who::Set(WRITERS), None);
    }
    add(
        "/api/v1/attendance",
        M::GET,
        format!("/api/v1/attendance?class_id={}", id("class7")),
        Who::Set(CLASS_VIEW),
        None,
    );
    add(
        "/api/v1/attendance",
        M::GET,
        format!("/api/v1/attendance?class_id={}", id("other_class7")),
        Who::Set(&[]),
        None,
    );
    // Assessments: the list for every school role; one procedure and its results are
    // scoped by the results in it: a non-procedure id is found by nobody here; the scope
    // with an imported procedure is walked in assessments_api.rs.
    add(
        "/api/v1/assessments",
        M::GET,
        "/api/v1/assessments".into(),
        Who::Set(SCHOOL),
        None,
    );
    add(
        "/api/v1/assessments/{id}",
        M::GET,
        format!("/api/v1/assessments/{}", id("class7")),
        Who::Set(&[]),
        None,
    );
    add(
        "/api/v1/assessments/{id}/results",
        M::GET,
        format!("/api/v1/assessments/{}/results", id("class7")),
        Who::Set(&[]),
        None,
    );
    // The assessment schedule: every school user reads (scoped), the deputy and the admin edit.
    const SCHEDULE_EDIT: &[&str] = &["admin", "deputy"];
    add("/schedule", M::GET, "/schedule".into(), Who::Set(SCHOOL), None);
    add(
        "/schedule.xlsx",
        M::GET,
        "/schedule.xlsx".into(),
        Who::Set(SCHOOL),
        None,
    );
    add("/schedule", M::POST, "/schedule".into(), Who::Set(SCHEDULE_EDIT), None);
    for (key, who) in [("schedule_entry", SCHEDULE_EDIT), ("other_schedule_entry", &[][..])] {
        add(
            "/schedule/{id}/edit",
            M::GET,
            format!("/schedule/{}/edit", id(key)),
            Who::Set(who),
            None,
        );
        add(
            "/schedule/{id}",
            M::POST,
            format!("/schedule/{}", id(key)),
            Who::Set(who),
            None,
        );
    }
    add(
        "/schedule/{id}/delete",
        M::POST,
        format!("/schedule/{}/delete", id("other_schedule_entry")),
        Who::Set(&[]),
        None,
    );
    add(
        "/schedule/{id}/delete",
        M::POST,
        format!("/schedule/{}/delete", id("schedule_entry")),
        Who::Set(SCHEDULE_EDIT),
        None,
    );
    // School control works: staff read the list; teachers and the deputy create and enter
    // (an empty form is invalid, never forbidden); a non-work id is found by nobody.
    const WORK_ENTRY: &[&str] = &["deputy", "teacher", "classteacher"];
    add(
        "/control-works",
        M::GET,
        "/control-works".into(),
        Who::Set(CLASS_VIEW),
        None,
    );
    add(
        "/control-works",
        M::POST,
        "/control-works".into(),
        Who::Set(WORK_ENTRY),
        None,
    );
    add(
        "/control-works/{id}",
        M::GET,
        format!("/control-works/{}", id("class7")),
        Who::Set(&[]),
        None,
    );
    add(
        "/control-works/{id}/scores",
        M::POST,
        format!("/control-works/{}/scores", id("class7")),
        Who::Set(&[]),
        None,
    );
    // Conversion tables: staff read; the administration and the deputy change them.
    add(
        "/admin/conversions",
        M::GET,
        "/admin/conversions".into(),
        Who::Set(CLASS_VIEW),
        None,
    );
    add(
        "/admin/conversions",
        M::POST,
        "/admin/conversions".into(),
        Who::Set(IMPORT),
        None,
    );
    add(
        "/admin/conversions/reference",
        M::POST,
        "/admin/conversions/reference".into(),
        Who::Set(IMPORT),
        None,
    );
    add(
        "/admin/conversions/{id}",
        M::GET,
        format!("/admin/conversions/{}", id("class7")),
        Who::Set(&[]),
        None,
    );
    // Codifiers: as conversion tables.
    add(
        "/admin/codifiers",
        M::GET,
        "/admin/codifiers".into(),
        Who::Set(CLASS_VIEW),
        None,
    );
    add(
        "/admin/codifiers",
        M::POST,
        "/admin/codifiers".into(),
        Who::Set(IMPORT),
        None,
    );
    add(
        "/admin/codifiers/reference",
        M::POST,
        "/admin/codifiers/reference".into(),
        Who::Set(IMPORT),
        None,
    );
    add(
        "/admin/codifiers/{id}",
        M::GET,
        format!("/admin/codifiers/{}", id("class7")),
        Who::Set(&[]),
        None,
    );
    add(
        "/admin/codifiers/{id}/file",
        M::GET,
        format!("/admin/codifiers/{}/file", id("class7")),
        Who::Set(&[]),
        None,
    );
    out
}

pub(super) fn list_route(path: &'static str) -> &'static str {
    path
}
