//! The data of the interactive (ECharts) charts, built from the same chart structs the
//! server-side SVG is drawn from, so both renderings show one set of numbers. Each is JSON
//! safe to put inside `<script type="application/json" data-chart="KIND">` (see
//! `assets/charts.js`); without JavaScript the SVG and the tables are the whole view.

use serde_json::{Value, json};
use vsoko_reports::charts::{CompletionChart, HistogramChart, Status};

/// JSON text that cannot close the `<script>` element it sits in.
pub fn script_json(v: &Value) -> String {
    v.to_string().replace('<', "\\u003c")
}

fn status_code(s: Status) -> &'static str {
    match s {
        Status::Deficit => "deficit",
        Status::Uncertain => "uncertain",
        Status::Ok => "ok",
    }
}

/// Completion bars with their 95 % intervals, statuses and threshold lines
/// (`data-chart="completion"`); `n` is the group size every bar is computed on.
pub fn completion(c: &CompletionChart, n: usize, ci_label: &str) -> String {
    script_json(&json!({
        "caption": c.caption,
        "y_label": c.y_label,
        "ci": ci_label,
        "n": n,
        "items": c.bars.iter().map(|b| json!({
            "label": b.label,
            "value": b.value,
            "low": b.ci_low,
            "high": b.ci_high,
            "status": status_code(b.status),
        })).collect::<Vec<_>>(),
        "thresholds": c.thresholds.iter().map(|(v, l)| json!({"value": v, "label": l})).collect::<Vec<_>>(),
    }))
}

/// Pupils per primary score with the mark boundaries (`data-chart="histogram"`).
pub fn histogram(h: &HistogramChart) -> String {
    let n: u32 = h.counts.iter().sum();
    script_json(&json!({
        "caption": h.caption,
        "x_label": h.x_label,
        "y_label": h.y_label,
        "n": n,
        "items": h.counts.iter().enumerate().map(|(score, c)| json!({"score": score, "count": c})).collect::<Vec<_>>(),
        "boundaries": h.boundaries.iter().map(|b| json!({"score": b.score, "label": b.label})).collect::<Vec<_>>(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use vsoko_reports::charts::{Boundary, CompletionBar};

    #[test]
    fn the_json_carries_the_chart_numbers_and_cannot_end_the_script() {
        let c = CompletionChart {
            caption: "</script><b>".into(),
            y_label: "%".into(),
            bars: vec![CompletionBar {
                label: "1".into(),
                value: 0.5,
                ci_low: 0.25,
                ci_high: 0.75,
                status: Status::Uncertain,
            }],
            thresholds: vec![(0.6, "Б 60 %".into())],
        };
        let text = completion(&c, 12, "95 %");
        assert!(!text.contains('<'));
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["caption"], "</script><b>");
        assert_eq!(v["n"], 12);
        assert_eq!(v["items"][0]["low"], 0.25);
        assert_eq!(v["items"][0]["status"], "uncertain");
        assert_eq!(v["thresholds"][0]["value"], 0.6);

        let h = HistogramChart {
            caption: "h".into(),
            x_label: "x".into(),
            y_label: "y".into(),
            counts: vec![0, 2, 3],
            boundaries: vec![Boundary {
                score: 2,
                label: "«3»".into(),
            }],
        };
        let v: Value = serde_json::from_str(&histogram(&h)).unwrap();
        assert_eq!(v["n"], 5);
        assert_eq!(v["items"][2]["count"], 3);
        assert_eq!(v["boundaries"][0]["score"], 2);
    }
}
