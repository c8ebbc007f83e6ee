//! File downloads: an XLSX workbook with an ASCII file name and its UTF-8 form (RFC 6266),
//! shared by every export (class summary, schedule, analytics tables).

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// The content type of XLSX workbooks.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// An XLSX attachment named `name` (may hold any characters), with `ascii` as the fallback
/// name for old clients.
pub fn xlsx(name: &str, ascii: &str, bytes: Vec<u8>) -> Response {
    let encoded = percent_encode(name);
    (
        [
            (header::CONTENT_TYPE, XLSX.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// Percent-encodes every byte but ASCII letters, digits and `-_.` (a file name in
/// `filename*`, a class name in a query string).
pub fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Column headers of an exported table: message keys translated; "", "n" and the marks
/// «2»…«5» written as they are.
pub fn headers(tr: &vsoko_i18n::Tr, keys: &[&str]) -> Vec<String> {
    keys.iter()
        .map(|k| match *k {
            "" | "n" | "«2»" | "«3»" | "«4»" | "«5»" => (*k).to_string(),
            key => tr.t(key),
        })
        .collect()
}
