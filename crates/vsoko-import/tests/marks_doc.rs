//! docs/MARKS_IMPORT.md is the marks file format generated from the column specs; this test
//! keeps it current (`UPDATE_DOCS=1 cargo test -p vsoko-import --test marks_doc` rewrites it).

#[test]
fn marks_format_document_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/MARKS_IMPORT.md");
    let fresh = vsoko_import::marks::format_doc_markdown();
    if std::env::var("UPDATE_DOCS").is_ok() {
        std::fs::write(&path, &fresh).expect("write docs/MARKS_IMPORT.md");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "docs/MARKS_IMPORT.md is stale: run UPDATE_DOCS=1 cargo test -p vsoko-import --test marks_doc"
    );
}
