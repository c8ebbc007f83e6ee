//! Primary-score histogram with mark boundaries (ФИС ОКО "распределение первичных баллов").

use super::{ChartError, FONT, GRID, INK, SERIES, err};
use plotters::prelude::*;

/// A mark boundary: the lowest score that gets `label` (e.g. 6 → "3").
#[derive(Debug, Clone, PartialEq)]
pub struct Boundary {
    /// Lowest score of the band.
    pub score: u32,
    /// The band's label, e.g. the mark "3".
    pub label: String,
}

/// A histogram of pupils per score 0..=max.
#[derive(Debug, Clone, PartialEq)]
pub struct HistogramChart {
    /// Caption including n, e.g. "Первичные баллы, n = 112".
    pub caption: String,
    /// X axis label.
    pub x_label: String,
    /// Y axis label.
    pub y_label: String,
    /// Pupils with score i at index i (so the length is max score + 1).
    pub counts: Vec<u32>,
    /// Mark boundaries, ascending by score.
    pub boundaries: Vec<Boundary>,
}

/// Draws the histogram as an SVG document of `width` × `height` pixels.
pub fn histogram_svg(chart: &HistogramChart, width: u32, height: u32) -> Result<String, ChartError> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        // A segmented 0..=last range has one segment per score.
        let last = chart.counts.len().saturating_sub(1) as u32;
        let y_max = chart.counts.iter().copied().max().unwrap_or(0).max(1);
        let y_top = y_max + (y_max / 8).max(1);
        let mut ctx = ChartBuilder::on(&root)
            .caption(&chart.caption, (FONT, 16).into_font().color(&INK))
            .margin(10)
            .x_label_area_size(36)
            .y_label_area_size(44)
            .build_cartesian_2d((0u32..last).into_segmented(), 0u32..y_top)
            .map_err(err)?;
        ctx.configure_mesh()
            .disable_x_mesh()
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .x_desc(&chart.x_label)
            .y_desc(&chart.y_label)
            .x_labels(chart.counts.len().clamp(1, 40))
            .label_style((FONT, 12).into_font().color(&INK))
            .draw()
            .map_err(err)?;
        // Drawn bar by bar (not plotters' `Histogram`, which iterates a hash map) so that the
        // same input always gives the same SVG.
        ctx.draw_series(
            chart
                .counts
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(score, &n)| {
                    let score = score as u32;
                    let mut bar = Rectangle::new(
                        [(SegmentValue::Exact(score), 0), (SegmentValue::Exact(score + 1), n)],
                        SERIES[0].mix(0.85).filled(),
                    );
                    bar.set_margin(0, 0, 1, 1);
                    bar
                }),
        )
        .map_err(err)?;
        for boundary in &chart.boundaries {
            let x = SegmentValue::Exact(boundary.score);
            ctx.draw_series(std::iter::once(PathElement::new(
                vec![(x.clone(), 0), (x.clone(), y_top)],
                ShapeStyle::from(&INK).stroke_width(2),
            )))
            .map_err(err)?;
            ctx.draw_series(std::iter::once(Text::new(
                boundary.label.clone(),
                (SegmentValue::CenterOf(boundary.score), y_top - (y_top / 16).max(1)),
                (FONT, 14).into_font().color(&INK),
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

    fn chart() -> HistogramChart {
        HistogramChart {
            caption: "Первичные баллы, n = 30".into(),
            x_label: "балл".into(),
            y_label: "учеников".into(),
            counts: vec![0, 1, 1, 2, 3, 5, 6, 4, 3, 2, 2, 1],
            boundaries: vec![
                Boundary {
                    score: 4,
                    label: "3".into(),
                },
                Boundary {
                    score: 7,
                    label: "4".into(),
                },
                Boundary {
                    score: 10,
                    label: "5".into(),
                },
            ],
        }
    }

    #[test]
    fn draws_a_bar_per_nonzero_score_and_a_line_per_boundary() -> Result<(), ChartError> {
        let svg = histogram_svg(&chart(), 640, 320)?;
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("Первичные баллы, n = 30"));
        // 11 non-zero bars (score 0 has no pupils) plus the white background rectangle.
        assert_eq!(count(&svg, "<rect"), 11 + 1, "{svg}");
        // Three boundary lines with their labels.
        assert_eq!(count(&svg, r#"stroke-width="2""#), 3, "{svg}");
        for label in ["\n3\n</text>", "\n4\n</text>", "\n5\n</text>"] {
            assert!(svg.contains(label), "missing label {label}");
        }
        Ok(())
    }

    #[test]
    fn empty_histogram_still_draws() -> Result<(), ChartError> {
        let mut c = chart();
        c.counts.clear();
        c.boundaries.clear();
        let svg = histogram_svg(&c, 320, 200)?;
        assert_eq!(count(&svg, r#"stroke-width="2""#), 0);
        Ok(())
    }

    #[test]
    fn same_input_same_svg() -> Result<(), ChartError> {
        assert_eq!(histogram_svg(&chart(), 640, 320)?, histogram_svg(&chart(), 640, 320)?);
        Ok(())
    }
}
