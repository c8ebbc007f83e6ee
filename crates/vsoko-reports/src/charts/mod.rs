//! Server-side charts as SVG (plotters' SVG backend): the same picture in the HTML page (no
//! JavaScript needed, printable), and later in PDF (typst embeds SVG) and DOCX (via PNG).
//!
//! Every chart takes plain structs whose labels are already translated, and states its n in
//! the caption the caller passes; the charts never compute statistics themselves.
//!
//! - [`histogram`]: primary-score histogram with the mark boundaries drawn over it.
//! - [`completion`]: completion per task (or skill) with its 95 % interval and status colour,
//!   and the level thresholds as dashed lines.
//! - [`shares`]: grouped bars of shares (marks distribution of a class against the school,
//!   municipality, region).

mod completion;
mod histogram;
mod shares;

pub use completion::{CompletionBar, CompletionChart, Status, completion_svg};
pub use histogram::{Boundary, HistogramChart, histogram_svg};
pub use shares::{SharesChart, SharesSeries, shares_svg};

use plotters::style::RGBColor;

/// A chart could not be drawn (the backend failed; with the SVG backend writing into a
/// string this means invalid geometry, which the callers' inputs are checked against).
#[derive(Debug, thiserror::Error)]
#[error("chart drawing failed: {0}")]
pub struct ChartError(pub String);

pub(crate) fn err<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError(e.to_string())
}

/// Colours shared by the charts and app.css (keep in step: `--ok`, `--warn`, `--bad`).
pub(crate) const OK: RGBColor = RGBColor(0x2e, 0x7d, 0x32);
pub(crate) const UNCERTAIN: RGBColor = RGBColor(0xf9, 0xa8, 0x25);
pub(crate) const DEFICIT: RGBColor = RGBColor(0xc6, 0x28, 0x28);
pub(crate) const INK: RGBColor = RGBColor(0x33, 0x33, 0x33);
pub(crate) const GRID: RGBColor = RGBColor(0xdd, 0xdd, 0xdd);
/// Series colours for grouped bars (class, school, municipality, region, …).
pub(crate) const SERIES: [RGBColor; 5] = [
    RGBColor(0x15, 0x65, 0xc0),
    RGBColor(0x90, 0xa4, 0xae),
    RGBColor(0x8e, 0x24, 0xaa),
    RGBColor(0x00, 0x83, 0x8f),
    RGBColor(0xef, 0x6c, 0x00),
];

/// Font family written into the SVG; the browser (or typst) renders the text.
pub(crate) const FONT: &str = "sans-serif";

#[cfg(test)]
pub(crate) mod test_util {
    /// Number of occurrences of `needle` in `svg`.
    pub fn count(svg: &str, needle: &str) -> usize {
        svg.matches(needle).count()
    }
}
