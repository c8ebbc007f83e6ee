//! Shared by the oracle tests: the committed data and expected numbers, and a comparison
//! of a report (as JSON) with the oracle's numbers at a tolerance.

use serde_json::Value;
use std::path::PathBuf;

/// A file under tests/data/oracle.
pub fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/oracle")
        .join(name)
}

/// A committed CSV (plain: no quotes) as header and rows.
pub fn csv(name: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(data(name)).unwrap();
    let mut lines = text.lines().filter(|l| !l.is_empty());
    let split = |l: &str| l.split(',').map(str::to_string).collect::<Vec<_>>();
    let header = split(lines.next().unwrap());
    (header, lines.map(split).collect())
}

/// The oracle's expected numbers.
pub fn expected(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(data(name)).unwrap()).unwrap()
}

/// Asserts that every key of `expected` is in `actual` with an equal value: numbers within
/// `tol` × max(1, |expected|), everything else exactly. `actual` may carry more keys.
pub fn assert_close(actual: &Value, expected: &Value, tol: f64, path: &str) {
    match (actual, expected) {
        (Value::Number(a), Value::Number(e)) => {
            let (a, e) = (a.as_f64().unwrap(), e.as_f64().unwrap());
            assert!(
                (a - e).abs() <= tol * e.abs().max(1.0),
                "{path}: got {a}, the oracle says {e} (tolerance {tol})"
            );
        }
        (Value::Object(a), Value::Object(e)) => {
            for (k, v) in e {
                let got = a.get(k).unwrap_or_else(|| panic!("{path}.{k}: missing"));
                assert_close(got, v, tol, &format!("{path}.{k}"));
            }
        }
        (Value::Array(a), Value::Array(e)) => {
            assert_eq!(a.len(), e.len(), "{path}: length");
            for (i, (x, y)) in a.iter().zip(e).enumerate() {
                assert_close(x, y, tol, &format!("{path}[{i}]"));
            }
        }
        _ => assert_eq!(actual, expected, "{path}"),
    }
}
