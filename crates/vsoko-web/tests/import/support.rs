//! Helpers of the import tests: roster files built in memory, a multipart upload built by
//! hand, the JSON endpoint, and reading the "Apply" form back out of a preview page.

use crate::common::{App, Resp};
use axum::body::Body;
use axum::http::{Request, header};
use rust_xlsxwriter::Workbook;

/// The multipart boundary of the uploads.
pub const BOUNDARY: &str = "----vsokoTestBoundary7MA4YWxkTrZu0gW";

/// The header of a pupils CSV.
pub const PUPILS_HEADER: &str = "Код обучающегося;Фамилия;Имя;Отчество;Дата рождения;Пол;Класс";

/// Two new pupils for the demo's 5А, as a `;`-separated UTF-8 CSV.
pub fn new_pupils_csv() -> Vec<u8> {
    [
        PUPILS_HEADER,
        "T9001;Тестова;Алиса;;12.03.2015;Ж;5А",
        "T9002;Тестов;Борис;Игоревич;2015-07-01;М;5А",
    ]
    .join("\r\n")
    .into_bytes()
}

/// A workbook with two new pupils (5А and 6Б) and one parent of both.
pub fn new_family_xlsx() -> Vec<u8> {
    let sheets: [(&str, &[&[&str]]); 2] = [
        (
            "Обучающиеся",
            &[
                &[
                    "Код обучающегося",
                    "Фамилия",
                    "Имя",
                    "Отчество",
                    "Дата рождения",
                    "Пол",
                    "Класс",
                ],
                &["T9101", "Семенова", "Вера", "", "03.05.2015", "Ж", "5А"],
                &["T9102", "Семенов", "Глеб", "", "2014-09-21", "М", "6Б"],
            ],
        ),
        (
            "Родители",
            &[
                &["Код родителя", "Фамилия", "Имя", "Код обучающегося", "Кем приходится"],
                &["P9101", "Семенова", "Дарья", "T9101", "мать"],
                &["P9101", "Семенова", "Дарья", "T9102", "мать"],
            ],
        ),
    ];
    let mut workbook = Workbook::new();
    for (name, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                if !value.is_empty() {
                    sheet.write_string(r as u32, c as u16, *value).unwrap();
                }
            }
        }
    }
    workbook.save_to_buffer().unwrap()
}

/// A multipart body with one `file` part, built by hand as a browser sends it.
pub fn multipart(file_name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Uploads a file to the preview as the browser's form does.
pub async fn upload(app: &App, cookie: &str, file_name: &str, bytes: &[u8]) -> Resp {
    let req = Request::post("/admin/import/preview")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, cookie)
        .body(Body::from(multipart(file_name, bytes)))
        .unwrap();
    app.send(req).await
}

/// Sends a file to the JSON endpoint.
pub async fn api_import(app: &App, cookie: &str, file_name: &str, bytes: &[u8], dry_run: bool) -> Resp {
    let req = Request::post(format!("/api/v1/imports/roster?dry_run={dry_run}"))
        .header(header::CONTENT_TYPE, "application/octet-stream")
        .header("x-file-name", file_name)
        .header(header::COOKIE, cookie)
        .body(Body::from(bytes.to_vec()))
        .unwrap();
    app.send(req).await
}

/// Undoes askama's HTML escaping of an attribute value.
pub fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let Some(j) = rest[i..].find(';') else {
            out.push_str(&rest[i..]);
            return out;
        };
        let entity = &rest[i + 1..i + j];
        let ch = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") || e.starts_with("#X") => {
                u32::from_str_radix(&e[2..], 16).ok().and_then(char::from_u32)
            }
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => out.push(c),
            None => out.push_str(&rest[i..i + j + 1]),
        }
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    out
}

/// The value of a hidden input of the page.
pub fn hidden(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body.find(&marker).unwrap_or_else(|| panic!("no {name} in {body}")) + marker.len();
    let end = start + body[start..].find('"').unwrap();
    unescape(&body[start..end])
}

/// Posts the "Apply" form of a preview page as the browser would.
pub async fn apply_from(app: &App, cookie: &str, preview: &str) -> Resp {
    let (name, data, sha) = (
        hidden(preview, "file_name"),
        hidden(preview, "data"),
        hidden(preview, "sha256"),
    );
    app.post_form(
        Some(cookie),
        "/admin/import/apply",
        &[("file_name", &name), ("data", &data), ("sha256", &sha)],
    )
    .await
}

/// The data attributes of a counts row of the result page.
pub fn counts(kind: &str, created: usize, updated: usize, unchanged: usize) -> String {
    format!("data-kind=\"{kind}\" data-created=\"{created}\" data-updated=\"{updated}\" data-unchanged=\"{unchanged}\"")
}

/// Pupils currently enrolled in the demo school.
pub async fn pupils_in_school(app: &App) -> i64 {
    let agg = vsoko_store::org::school_aggregates(&app.t.db, app.ids.school_id)
        .await
        .unwrap();
    agg[0].pupils
}

/// Whether the school has the parent P9101 of the test workbook.
pub async fn has_test_parent(app: &App) -> bool {
    vsoko_store::people::parents::list(&app.t.db, app.ids.school_id, "Семенова")
        .await
        .unwrap()
        .iter()
        .any(|p| p.code == "P9101")
}

/// The `Content-Disposition` header of a download.
pub async fn disposition(app: &App, cookie: &str, path: &str) -> String {
    use tower::ServiceExt;
    let req = Request::get(path)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    let res = app.router.clone().oneshot(req).await.unwrap();
    res.headers()[header::CONTENT_DISPOSITION].to_str().unwrap().to_string()
}

/// The bytes in base64, as the apply form carries them.
pub fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The SHA-256 of the bytes, hex.
pub fn sha256_of(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}
