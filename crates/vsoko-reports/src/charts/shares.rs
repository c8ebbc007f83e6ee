//! Grouped bars of shares: e.g. the marks distribution of a class beside the school,
//! municipality and region (ФИС ОКО "статистика по отметкам").

use super::{ChartError, FONT, GRID, INK, SERIES, err};
use plotters::prelude::*;

/// One series (a class, the school, the region …).
#[derive(Debug, Clone, PartialEq)]
pub struct SharesSeries {
    /// Legend label including its n, e.g. "5А (n = 25)".
    pub label: String,
    /// One share 0..1 per category.
    pub shares: Vec<f64>,
}

/// The chart.
#[derive(Debug, Clone, PartialEq)]
pub struct SharesChart {
    /// Caption.
    pub caption: String,
    /// Y axis label.
    pub y_label: String,
    /// Category labels on the X axis, e.g. "2", "3", "4", "5".
    pub categories: Vec<String>,
    /// Series, drawn side by side within each category.
    pub series: Vec<SharesSeries>,
}

/// Draws the chart as an SVG document.
pub fn shares_svg(chart: &SharesChart, width: u32, height: u32) -> Result<String, ChartError> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let groups = chart.categories.len().max(1);
        let per = chart.series.len().max(1);
        // Each category takes `per` slots plus one gap slot.
        let slots = (groups * (per + 1)) as f64;
        let mut ctx = ChartBuilder::on(&root)
            .caption(&chart.caption, (FONT, 16).into_font().color(&INK))
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(48)
            .build_cartesian_2d(0f64..slots, 0f64..100f64)
            .map_err(err)?;
        let categories = &chart.categories;
        ctx.configure_mesh()
            .disable_x_mesh()
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .y_labels(11)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .y_desc(&chart.y_label)
            .x_labels(0)
            .label_style((FONT, 12).into_font().color(&INK))
            .draw()
            .map_err(err)?;
        for (g, category) in categories.iter().enumerate() {
            let centre = (g * (per + 1)) as f64 + per as f64 / 2.0 + 0.5;
            let y_label = -3.0;
            ctx.draw_series(std::iter::once(Text::new(
                category.clone(),
                (centre, y_label),
                (FONT, 13)
                    .into_font()
                    .color(&INK)
                    .pos(plotters::style::text_anchor::Pos::new(
                        plotters::style::text_anchor::HPos::Center,
                        plotters::style::text_anchor::VPos::Top,
                    )),
            )))
            .map_err(err)?;
        }
        for (s, series) in chart.series.iter().enumerate() {
            let colour = SERIES[s % SERIES.len()];
            let bars = series.shares.iter().enumerate().take(groups).map(|(g, share)| {
                let x0 = (g * (per + 1) + s) as f64 + 0.5;
                let v = if share.is_finite() {
                    share.clamp(0.0, 1.0) * 100.0
                } else {
                    0.0
                };
                Rectangle::new([(x0, 0.0), (x0 + 1.0, v)], colour.filled())
            });
            ctx.draw_series(bars)
                .map_err(err)?
                .label(series.label.clone())
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], colour.filled()));
        }
        if !chart.series.is_empty() {
            ctx.configure_series_labels()
                .background_style(WHITE.mix(0.9))
                .border_style(GRID)
                .label_font((FONT, 12).into_font().color(&INK))
                .position(SeriesLabelPosition::UpperLeft)
                .draw()
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

    #[test]
    fn one_bar_per_series_and_category_with_legend() -> Result<(), ChartError> {
        let chart = SharesChart {
            caption: "Отметки".into(),
            y_label: "%".into(),
            categories: ["2", "3", "4", "5"].map(String::from).to_vec(),
            series: vec![
                SharesSeries {
                    label: "5А (n = 25)".into(),
                    shares: vec![0.04, 0.36, 0.44, 0.16],
                },
                SharesSeries {
                    label: "Школа (n = 112)".into(),
                    shares: vec![0.06, 0.38, 0.40, 0.16],
                },
            ],
        };
        let svg = shares_svg(&chart, 640, 320)?;
        assert!(svg.contains("5А (n = 25)") && svg.contains("Школа (n = 112)"));
        // four bars and one legend swatch per series
        assert_eq!(count(&svg, r##"fill="#1565C0""##), 4 + 1, "{svg}");
        assert_eq!(count(&svg, r##"fill="#90A4AE""##), 4 + 1, "{svg}");
        Ok(())
    }

    #[test]
    fn no_series_and_no_categories_still_draws() -> Result<(), ChartError> {
        let chart = SharesChart {
            caption: "—".into(),
            y_label: "%".into(),
            categories: vec![],
            series: vec![],
        };
        assert!(shares_svg(&chart, 320, 200)?.starts_with("<svg"));
        Ok(())
    }
}
