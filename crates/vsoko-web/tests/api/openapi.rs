//! The OpenAPI document: valid JSON listing every path, and equal to docs/openapi.json.

use serde_json::Value;
use std::collections::HashSet;
use utoipa::OpenApi;

/// Every documented path with its methods.
const PATHS: [(&str, &[&str]); 14] = [
    ("/api/v1/me", &["get"]),
    ("/api/v1/schools", &["get"]),
    ("/api/v1/years", &["get"]),
    ("/api/v1/subjects", &["get", "post"]),
    ("/api/v1/subjects/{id}", &["put"]),
    ("/api/v1/classes", &["get", "post"]),
    ("/api/v1/classes/{id}", &["get"]),
    ("/api/v1/pupils", &["get", "post"]),
    ("/api/v1/pupils/{id}", &["get", "put"]),
    ("/api/v1/staff", &["get", "post"]),
    ("/api/v1/staff/{id}", &["get", "put"]),
    ("/api/v1/parents", &["get", "post"]),
    ("/api/v1/assignments", &["get", "post"]),
    ("/api/v1/assignments/{id}", &["delete"]),
];

#[test]
fn openapi_document_lists_every_path_and_matches_the_committed_copy() {
    let doc = vsoko_web::api::ApiDoc::openapi().to_pretty_json().expect("serialise");
    let v: Value = serde_json::from_str(&doc).expect("valid JSON");
    for (path, methods) in PATHS {
        for m in methods {
            let op = &v["paths"][path][m];
            assert!(op.is_object(), "{m} {path} is documented");
            assert!(
                op["summary"].is_string() && op["description"].is_string(),
                "{m} {path} has a summary and a description"
            );
            assert!(op["responses"]["401"].is_object(), "{m} {path} documents 401");
        }
    }
    let op_ids: Vec<&str> = v["paths"]
        .as_object()
        .expect("paths")
        .values()
        .flat_map(|item| item.as_object().expect("path item").values())
        .filter_map(|op| op["operationId"].as_str())
        .collect();
    let unique: HashSet<&str> = op_ids.iter().copied().collect();
    assert_eq!(unique.len(), op_ids.len(), "operation ids are unique: {op_ids:?}");
    assert!(v["components"]["schemas"]["Problem"].is_object());
    assert!(v["components"]["securitySchemes"]["session"].is_object());

    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json");
    let text = format!("{doc}\n");
    if std::env::var("UPDATE_OPENAPI").as_deref() == Ok("1") {
        std::fs::write(&file, &text).expect("write docs/openapi.json");
        return;
    }
    let committed = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        committed == text,
        "docs/openapi.json is out of date with the API; regenerate it with\n  UPDATE_OPENAPI=1 cargo test -p vsoko-web --test api openapi_document"
    );
}
