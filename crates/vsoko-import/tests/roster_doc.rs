//! docs/ROSTER.md is the roster format description generated from the column specs; this
//! test keeps it current (`UPDATE_DOCS=1 cargo test -p vsoko-import --test roster_doc` rewrites it).

#[test]
fn roster_format_document_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/ROSTER.md");
    let fresh = vsoko_import::roster::format_doc_markdown();
    if std::env::var("UPDATE_DOCS").is_ok() {
        std::fs::write(&path, &fresh).expect("write docs/ROSTER.md");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "docs/ROSTER.md is stale: run UPDATE_DOCS=1 cargo test -p vsoko-import --test roster_doc"
    );
}
