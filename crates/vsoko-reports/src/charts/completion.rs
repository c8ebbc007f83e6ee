//! Completion per task or skill (share of the maximum points) with its 95 % interval,
//! coloured by the problem-zone status, and the level thresholds as dashed lines.

use super::{ChartError, DEFICIT, FONT, GRID, INK, OK, UNCERTAIN, err};
use plotters::prelude::*;

/// The problem-zone status of a bar (ANALYTICS.md §2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The whole interval is below the threshold.
    Deficit,
    /// The interval contains the threshold.
    Uncertain,
    /// The whole interval is at or above the threshold.
    Ok,
}

impl Status {
    fn colour(self) -> RGBColor {
        match self {
            Self::Deficit => DEFICIT,
            Self::Uncertain => UNCERTAIN,
            Self::Ok => OK,
        }
    }
}

/// One task or skill.
#[derive(Debug, Clone, PartialEq)]
pub struct CompletionBar {
    /// Task code or skill code, e.g. "9.1" or "Б" suffix added by the caller.
    pub label: String,
    /// Completion 0..1.
    pub value: f64,
    /// Lower end of the 95 % interval.
    pub ci_low: f64,
    /// Upper end of the 95 % interval.
    pub ci_high: f64,
    /// Status colour.
    pub status: Status,
}

/// The chart.
#[derive(Debug, Clone, PartialEq)]
pub struct CompletionChart {
    /// Caption including n.
    pub caption: String,
    /// Y axis label (e.g. "выполнение, %").
    pub y_label: String,
    /// Bars in display order.
    pub bars: Vec<CompletionBar>,
    /// Threshold lines: (share, label), e.g. (0.6, "Б 60 %").
    pub thresholds: Vec<(f64, String)>,
}

fn clamp01(x: f64) -> f64 {
    if x.is_finite() { x.clamp(0.0, 1.0) } else { 0.0 }
}

/// Draws the chart as an SVG document.
pub fn completion_svg(chart: &CompletionChart, width: u32, height: u32) -> Result<String, ChartError> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        // A segmented 0..=last range has one segment per bar.
        let last = chart.bars.len().saturating_sub(1) as u32;
        let labels: Vec<&str> = chart.bars.iter().map(|b| b.label.as_str()).collect();
        let mut ctx = ChartBuilder::on(&root)
            .caption(&chart.caption, (FONT, 16).into_font().color(&INK))
            .margin(10)
            .x_label_area_size(36)
            .y_label_area_size(48)
            .build_cartesian_2d((0u32..last).into_segmented(), 0f64..100f64)
            .map_err(err)?;
        ctx.configure_mesh()
            .disable_x_mesh()
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .y_labels(11)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .y_desc(&chart.y_label)
            .x_labels(labels.len().clamp(1, 60))
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => {
                    labels.get(*i as usize).map(|s| (*s).to_owned()).unwrap_or_default()
                }
                SegmentValue::Last => String::new(),
            })
            .label_style((FONT, 12).into_font().color(&INK))
            .draw()
            .map_err(err)?;
        for (i, bar) in chart.bars.iter().enumerate() {
            let i = i as u32;
            let value = clamp01(bar.value) * 100.0;
            ctx.draw_series(std::iter::once(Rectangle::new(
                [(SegmentValue::Exact(i), 0.0), (SegmentValue::Exact(i + 1), value)],
                bar.status.colour().mix(0.85).filled(),
            )))
            .map_err(err)?;
            let (lo, hi) = (clamp01(bar.ci_low) * 100.0, clamp01(bar.ci_high) * 100.0);
            ctx.draw_series(std::iter::once(PathElement::new(
                vec![(SegmentValue::CenterOf(i), lo), (SegmentValue::CenterOf(i), hi)],
                ShapeStyle::from(&INK).stroke_width(1),
            )))
            .map_err(err)?;
        }
        for (share, label) in &chart.thresholds {
            let y = clamp01(*share) * 100.0;
            ctx.draw_series(DashedLineSeries::new(
                vec![(SegmentValue::Exact(0), y), (SegmentValue::Last, y)],
                6,
                4,
                ShapeStyle::from(&INK).stroke_width(1),
            ))
            .map_err(err)?;
            ctx.draw_series(std::iter::once(Text::new(
                label.clone(),
                (SegmentValue::Exact(0), (y + 1.5).min(99.0)),
                (FONT, 11).into_font().color(&INK),
            )))
            .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::test_util::count;
    use super::*;

    fn bar(label: &str, value: f64, status: Status) -> CompletionBar {
        CompletionBar {
            label: label.into(),
            value,
            ci_low: value - 0.1,
            ci_high: value + 0.1,
            status,
        }
    }

    #[test]
    fn bars_whiskers_thresholds_and_colours() -> Result<(), ChartError> {
        let chart = CompletionChart {
            caption: "Выполнение заданий, n = 25".into(),
            y_label: "%".into(),
            bars: vec![
                bar("1", 0.8, Status::Ok),
                bar("2", 0.55, Status::Uncertain),
                bar("9.1", 0.2, Status::Deficit),
            ],
            thresholds: vec![(0.6, "Б 60 %".into()), (0.3, "П 30 %".into())],
        };
        let svg = completion_svg(&chart, 640, 320)?;
        assert!(svg.contains("Выполнение заданий, n = 25"));
        assert!(svg.contains("\n9.1\n</text>"), "task label drawn");
        assert!(svg.contains("Б 60 %"));
        // background + three bars
        assert_eq!(count(&svg, "<rect"), 4, "{svg}");
        for colour in ["#2E7D32", "#F9A825", "#C62828"] {
            assert!(svg.to_uppercase().contains(colour), "status colour {colour} missing");
        }
        // three whiskers; dashed thresholds are drawn as several short segments
        assert!(count(&svg, "<polyline") >= 3 + 2, "{svg}");
        Ok(())
    }

    #[test]
    fn out_of_range_values_are_clamped_not_fatal() -> Result<(), ChartError> {
        let chart = CompletionChart {
            caption: "n = 1".into(),
            y_label: "%".into(),
            bars: vec![CompletionBar {
                label: "1".into(),
                value: f64::NAN,
                ci_low: -1.0,
                ci_high: 7.0,
                status: Status::Uncertain,
            }],
            thresholds: vec![],
        };
        assert!(completion_svg(&chart, 320, 200)?.contains("<rect"));
        Ok(())
    }
}
