//! Shared helpers of the web tests: the real router over a demo school on a real database
//! (SQLite or PostgreSQL), logging in as a demo login, and requests with the session cookie.

#![allow(dead_code, reason = "each test binary uses a different subset of the helpers")]

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use std::net::SocketAddr;
use std::sync::OnceLock;
use tower::ServiceExt;
use vsoko_store::testing::{self, TestDb};
use vsoko_web::{AppState, Config};

/// Every demo login.
pub const LOGINS: [&str; 9] = [
    "admin",
    "director",
    "deputy",
    "teacher",
    "classteacher",
    "pupil",
    "parent",
    "municipal",
    "regional",
];

fn demo_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| vsoko_web::auth::password::hash_now("demo").expect("hash"))
}

/// A running app over a demo school.
pub struct App {
    pub router: Router,
    pub state: AppState,
    pub ids: vsoko_store::demo::DemoIds,
    pub t: TestDb,
}

/// The demo app on a backend ("sqlite" or "postgres").
pub async fn demo_app(backend: &str) -> App {
    let t = if backend == "postgres" {
        testing::postgres().await
    } else {
        testing::sqlite().await
    };
    let ids = vsoko_store::demo::build(&t.db, demo_hash()).await.expect("demo");
    let state = AppState::new(t.db.clone(), Config::default()).await.expect("state");
    App {
        router: vsoko_web::router(state.clone()),
        state,
        ids,
        t,
    }
}

/// The demo app on both backends.
pub async fn demo_apps() -> Vec<App> {
    vec![demo_app("sqlite").await, demo_app("postgres").await]
}

/// A response, read whole.
pub struct Resp {
    pub status: StatusCode,
    pub location: Option<String>,
    pub set_cookie: Vec<String>,
    pub headers: std::collections::BTreeMap<String, String>,
    pub content_type: String,
    pub body: String,
    pub bytes: Vec<u8>,
}

impl App {
    /// Sends a request (with a loopback peer address, as the server sets it).
    pub async fn send(&self, mut req: Request<Body>) -> Resp {
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000))));
        let res = self.router.clone().oneshot(req).await.expect("response");
        let status = res.status();
        let location = res
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(String::from);
        let content_type = res
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let set_cookie = res
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(String::from)
            .collect();
        let headers = res
            .headers()
            .iter()
            .filter_map(|(k, v)| v.to_str().ok().map(|v| (k.as_str().to_string(), v.to_string())))
            .collect();
        let bytes = res.into_body().collect().await.expect("body").to_bytes().to_vec();
        Resp {
            status,
            location,
            set_cookie,
            headers,
            content_type,
            body: String::from_utf8_lossy(&bytes).to_string(),
            bytes,
        }
    }

    /// GET with an optional session cookie.
    pub async fn get(&self, cookie: Option<&str>, path: &str) -> Resp {
        let mut b = Request::get(path);
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Body::empty()).expect("request")).await
    }

    /// POST of a urlencoded form (same-origin, as a browser sends it).
    pub async fn post_form(&self, cookie: Option<&str>, path: &str, form: &[(&str, &str)]) -> Resp {
        let body = form
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect::<Vec<_>>()
            .join("&");
        let mut b = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin");
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Body::from(body)).expect("request")).await
    }

    /// POST of a JSON body.
    pub async fn post_json(&self, cookie: Option<&str>, path: &str, json: &serde_json::Value) -> Resp {
        let mut b = Request::post(path).header(header::CONTENT_TYPE, "application/json");
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Body::from(json.to_string())).expect("request")).await
    }

    /// POST of `multipart/form-data` (same-origin): each part is (name, file name, bytes);
    /// a part without a file name is a plain field.
    pub async fn post_multipart(
        &self,
        cookie: Option<&str>,
        path: &str,
        parts: &[(&str, Option<&str>, &[u8])],
    ) -> Resp {
        const BOUNDARY: &str = "vsoko-multipart-boundary";
        let mut body = Vec::new();
        for (name, file, bytes) in parts {
            let disposition = match file {
                Some(f) => {
                    format!("form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream")
                }
                None => format!("form-data; name=\"{name}\""),
            };
            body.extend_from_slice(format!("--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n\r\n").as_bytes());
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        let mut b = Request::post(path)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .header("sec-fetch-site", "same-origin");
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Body::from(body)).expect("request")).await
    }

    /// Logs in as a demo login and returns the `Cookie` header value.
    pub async fn login(&self, login: &str) -> String {
        let r = self
            .post_form(None, "/login", &[("login", login), ("password", "demo")])
            .await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "login {login} on {}: {}",
            self.t.backend,
            r.body
        );
        let c = r
            .set_cookie
            .iter()
            .find(|c| c.starts_with("vsoko_session="))
            .expect("session cookie");
        c.split(';').next().expect("cookie pair").to_string()
    }

    /// Drops the database.
    pub async fn finish(self) {
        self.t.finish().await;
    }
}

/// Percent-encodes a form value.
pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The value of an HTML attribute on the first element whose opening tag contains `marker`.
pub fn attr(body: &str, marker: &str, name: &str) -> Option<String> {
    let at = body.find(marker)?;
    let start = body[..at].rfind('<')?;
    let end = at + body[at..].find('>')?;
    let tag = &body[start..end];
    let key = format!("{name}=\"");
    let from = tag.find(&key)? + key.len();
    Some(tag[from..from + tag[from..].find('"')?].to_string())
}

/// The rows of an XLSX download's first sheet.
pub fn xlsx_rows(bytes: &[u8]) -> Vec<Vec<calamine::Data>> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("an XLSX workbook");
    let name = wb.sheet_names()[0].clone();
    wb.worksheet_range(&name)
        .expect("the first sheet")
        .rows()
        .map(<[calamine::Data]>::to_vec)
        .collect()
}

/// A numeric cell's value (panics on any other cell).
pub fn xlsx_float(d: &calamine::Data) -> f64 {
    match d {
        calamine::Data::Float(x) => *x,
        calamine::Data::Int(x) => *x as f64,
        other => panic!("not a number: {other:?}"),
    }
}

/// Task maxima of the ВПР 2026 Russian grade 4 fixture (they sum to 24, as in the reference
/// conversion table shipped with vsoko).
pub const VPR_RUS4_MAXIMA: [u32; 12] = [2, 1, 2, 3, 2, 1, 1, 2, 3, 3, 1, 3];

/// One participant of a fixture file: class, score per task, journal mark.
pub type FixtureRow = (String, Vec<Option<u32>>, Option<u8>);

/// A ВПР 2026 Russian grade 4 result file held on `held_on` with tasks 1–12
/// ([`VPR_RUS4_MAXIMA`]), its participants coded `first_code`, `first_code + 1`, … on sheet
/// rows `first_row`, `first_row + 1`, …; the primary score is the sum of the task scores.
pub fn vpr_rus4_file(
    held_on: time::Date,
    first_code: usize,
    first_row: usize,
    rows: Vec<FixtureRow>,
) -> vsoko_domain::assessment::AssessmentFile {
    vpr_rus4_file_of(2026, &VPR_RUS4_MAXIMA, held_on, first_code, first_row, rows)
}

/// [`vpr_rus4_file`] of another year and task table: tasks coded 1, 2, … with `maxima`.
pub fn vpr_rus4_file_of(
    year: i32,
    maxima: &[u32],
    held_on: time::Date,
    first_code: usize,
    first_row: usize,
    rows: Vec<FixtureRow>,
) -> vsoko_domain::assessment::AssessmentFile {
    use vsoko_domain::assessment::{AssessmentFile, ProcedureHeader, ProcedureKind, ResultRow, TaskSpec};
    AssessmentFile {
        header: ProcedureHeader {
            kind: ProcedureKind::Vpr,
            year,
            subject: "rus".into(),
            grade: 4,
            date: Some(held_on),
            title: format!("ВПР {year} Русский язык 4 класс"),
            max_primary: Some(maxima.iter().sum()),
        },
        tasks: maxima
            .iter()
            .enumerate()
            .map(|(i, &m)| TaskSpec {
                code: (i + 1).to_string(),
                max_score: m,
                level: None,
                skills: Vec::new(),
            })
            .collect(),
        results: rows
            .into_iter()
            .enumerate()
            .map(|(i, (class, scores, journal))| ResultRow {
                origin: vsoko_domain::roster::Origin {
                    sheet: "Лист1".into(),
                    row: first_row + i,
                },
                participant_code: format!("{}", first_code + i),
                pupil_code: None,
                full_name: None,
                class: vsoko_domain::structure::ClassName::parse(&class).expect("a class name"),
                variant: "1".into(),
                primary: Some(scores.iter().flatten().sum()),
                scores,
                file_mark: None,
                file_test_score: None,
                journal_mark: journal,
            })
            .collect(),
    }
}
