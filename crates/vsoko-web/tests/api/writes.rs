//! Writes through the API: created objects, 422/409 problems naming the field, audit rows,
//! permissions, and CSRF (cross-site refused, script clients allowed).

use super::*;

#[tokio::test]
async fn api_writes_are_validated_audited_and_csrf_safe() {
    for app in demo_apps().await {
        let db = &app.state.db;
        let admin = app.login("admin").await;
        let class = get_json(&app, &admin, "/api/v1/classes?q=7").await[0].clone();
        let class_id = class["id"].as_str().expect("class id").to_string();
        let pupil = json!({
            "code": "API-1", "last_name": "Тестов", "first_name": "Пётр", "middle_name": "",
            "birth_date": "2014-05-17", "sex": "М", "class_id": class_id,
        });

        // A script client (no Origin, no Sec-Fetch-Site) may POST: CSRF rule 4.
        let r = app.post_json(Some(&admin), "/api/v1/pupils", &pupil).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let made = json_of(&r);
        let id = made["id"].as_str().expect("id").to_string();
        assert_eq!(r.location.as_deref(), Some(format!("/api/v1/pupils/{id}").as_str()));
        assert_eq!(made["birth_date"], "2014-05-17");
        assert_eq!(made["class_id"], json!(class_id));
        let shown = get_json(&app, &admin, &format!("/api/v1/pupils/{id}")).await;
        assert_eq!(shown["last_name"], "Тестов");
        let pid: Uuid = id.parse().expect("uuid");
        assert!(
            vsoko_store::audit::count_for(db, pid).await.expect("audit") >= 2,
            "create and enrolment audited"
        );

        // Invalid input: 422 naming the field; a taken code: 409.
        let mut bad = pupil.clone();
        bad["code"] = json!("API-2");
        bad["birth_date"] = json!("17.05.2014");
        assert_problem(
            &app.post_json(Some(&admin), "/api/v1/pupils", &bad).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("birth_date"),
        );
        let mut bad = pupil.clone();
        bad["code"] = json!("API-3");
        bad["sex"] = json!("X");
        assert_problem(
            &app.post_json(Some(&admin), "/api/v1/pupils", &bad).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("sex"),
        );
        assert_problem(
            &app.post_json(Some(&admin), "/api/v1/pupils", &pupil).await,
            StatusCode::CONFLICT,
            Some("code"),
        );
        let r = app.post_json(Some(&admin), "/api/v1/pupils", &json!({"code": 5})).await;
        assert_problem(&r, StatusCode::UNPROCESSABLE_ENTITY, Some("body"));

        // A cross-site browser POST is refused before any handler runs.
        let req = Request::post("/api/v1/pupils")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::COOKIE, &admin)
            .header("sec-fetch-site", "cross-site")
            .body(Body::from(json!({"code": "API-X"}).to_string()))
            .expect("request");
        assert_eq!(app.send(req).await.status, StatusCode::FORBIDDEN);

        // Editing, and roles without ManageStructure.
        let mut edit = pupil.clone();
        edit["first_name"] = json!("Павел");
        let r = put_json(&app, &admin, &format!("/api/v1/pupils/{id}"), &edit).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(json_of(&r)["first_name"], "Павел");
        let r = put_json(&app, &admin, &format!("/api/v1/pupils/{}", Uuid::nil()), &edit).await;
        assert_problem(&r, StatusCode::NOT_FOUND, None);
        let teacher = app.login("teacher").await;
        let mut other = pupil.clone();
        other["code"] = json!("API-4");
        assert_problem(
            &app.post_json(Some(&teacher), "/api/v1/pupils", &other).await,
            StatusCode::FORBIDDEN,
            None,
        );

        // Subjects.
        let subject = json!({"code": "api_test", "name": "Тестоведение", "short_name": "Тест", "area": ""});
        let r = app.post_json(Some(&admin), "/api/v1/subjects", &subject).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let subject_id = json_of(&r)["id"].as_str().expect("id").to_string();
        assert_eq!(json_of(&r)["is_active"], true);
        let r = put_json(
            &app,
            &admin,
            &format!("/api/v1/subjects/{subject_id}"),
            &json!({"code": "api_test", "name": "Тестоведение 2", "is_active": false}),
        )
        .await;
        assert_eq!(json_of(&r)["name"], "Тестоведение 2", "{}", r.body);
        assert_problem(
            &app.post_json(
                Some(&admin),
                "/api/v1/subjects",
                &json!({"code": "bad code", "name": "x"}),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("code"),
        );
        let listed = get_json(&app, &teacher, "/api/v1/subjects?q=api_test").await;
        assert_eq!(ids(&listed), vec![subject_id.clone()]);

        // Classes: the name is parsed; a duplicate is a conflict.
        let staff = get_json(&app, &admin, "/api/v1/staff").await;
        let staff_id = staff[0]["id"].as_str().expect("staff").to_string();
        let r = app
            .post_json(
                Some(&admin),
                "/api/v1/classes",
                &json!({"name": "11 x", "profile": "", "class_teacher_id": staff_id}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let new_class = json_of(&r);
        assert_eq!(new_class["name"], "11Х");
        assert_eq!(new_class["class_teacher_id"], json!(staff_id));
        let new_class_id = new_class["id"].as_str().expect("id").to_string();
        for (body, status, field) in [
            (json!({"name": "12А"}), StatusCode::UNPROCESSABLE_ENTITY, "name"),
            (json!({"name": "11Х"}), StatusCode::CONFLICT, "name"),
            (
                json!({"name": "11Ц", "class_teacher_id": Uuid::nil()}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "class_teacher_id",
            ),
        ] {
            assert_problem(
                &app.post_json(Some(&admin), "/api/v1/classes", &body).await,
                status,
                Some(field),
            );
        }

        // Moving the pupil into the new class through PUT.
        edit["class_id"] = json!(new_class_id);
        let r = put_json(&app, &admin, &format!("/api/v1/pupils/{id}"), &edit).await;
        assert_eq!(json_of(&r)["class_id"], json!(new_class_id), "{}", r.body);

        // Staff.
        let r = app
            .post_json(
                Some(&admin),
                "/api/v1/staff",
                &json!({"code": "API-S", "last_name": "Учителев", "first_name": "Иван", "post": "учитель"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let new_staff = json_of(&r)["id"].as_str().expect("id").to_string();
        let r = put_json(
            &app,
            &admin,
            &format!("/api/v1/staff/{new_staff}"),
            &json!({"code": "API-S", "last_name": "Учителев", "first_name": "Иван", "post": ""}),
        )
        .await;
        assert_problem(&r, StatusCode::UNPROCESSABLE_ENTITY, Some("post"));
        assert_eq!(
            get_json(&app, &admin, &format!("/api/v1/staff/{new_staff}")).await["post"],
            "учитель"
        );

        // Assignments: the new teacher takes the new subject in the new class, then loses it.
        let r = app
            .post_json(
                Some(&admin),
                "/api/v1/assignments",
                &json!({"staff_id": new_staff, "class_id": new_class_id, "subject_id": subject_id, "hours": 1.5}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let assignment = json_of(&r);
        assert_eq!(assignment["hours_x100"], 150);
        let listed = get_json(&app, &admin, &format!("/api/v1/assignments?staff_id={new_staff}")).await;
        assert_eq!(ids(&listed), vec![assignment["id"].as_str().expect("id").to_string()]);
        let r = app
            .post_json(
                Some(&admin),
                "/api/v1/assignments",
                &json!({"staff_id": new_staff, "class_id": new_class_id, "subject_id": Uuid::nil(), "hours": 1}),
            )
            .await;
        assert_problem(&r, StatusCode::UNPROCESSABLE_ENTITY, Some("subject_id"));
        let path = format!("/api/v1/assignments/{}", assignment["id"].as_str().expect("id"));
        assert_problem(&delete(&app, &teacher, &path).await, StatusCode::FORBIDDEN, None);
        assert_eq!(delete(&app, &admin, &path).await.status, StatusCode::NO_CONTENT);
        assert_problem(&delete(&app, &admin, &path).await, StatusCode::NOT_FOUND, None);

        // Parents, linked to the new pupil.
        let r = app
            .post_json(
                Some(&admin),
                "/api/v1/parents",
                &json!({"code": "API-P", "last_name": "Тестова", "first_name": "Анна", "pupil_id": id, "relation": "мать"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        assert_eq!(json_of(&r)["children"], 1);
        let found = get_json(&app, &admin, "/api/v1/parents?q=API-P").await;
        assert_eq!(found[0]["children"], 1);
        let shown = get_json(&app, &admin, &format!("/api/v1/pupils/{id}")).await;
        assert_eq!(shown["parents"][0]["relation"], "мать");

        // Years with periods.
        let years = get_json(&app, &teacher, "/api/v1/years").await;
        assert!(years[0]["is_current"].as_bool().expect("flag"));
        // The demo year's own quarters, then the half-years grades 10–11 keep.
        let kinds: Vec<&str> = years[0]["periods"]
            .as_array()
            .expect("periods")
            .iter()
            .filter_map(|p| p["kind"].as_str())
            .collect();
        assert_eq!(
            kinds,
            ["quarter", "quarter", "quarter", "quarter", "half_year", "half_year"]
        );

        // Another school's pupil is out of scope even for this school's admin.
        let other_school = admin_like(app.ids.other_school_ids[0]);
        let foreign = vsoko_store::people::pupils::list_visible(db, &other_school, "", None)
            .await
            .expect("store");
        let r = app
            .get(Some(&admin), &format!("/api/v1/pupils/{}", foreign[0].id))
            .await;
        assert_problem(&r, StatusCode::NOT_FOUND, None);
        app.finish().await;
    }
}

/// An administrator of a school, as the store sees one.
fn admin_like(school: Uuid) -> vsoko_store::Viewer {
    vsoko_store::Viewer {
        user_id: Uuid::nil(),
        session_id: Uuid::nil(),
        login: "test".into(),
        full_name: String::new(),
        locale: "ru".into(),
        must_change_password: false,
        roles: vec![vsoko_domain::roles::Role::Admin],
        school_id: Some(school),
        org_id: None,
        staff_id: None,
        pupil_id: None,
        parent_id: None,
        shmo_subjects: Vec::new(),
    }
}
