//! Charts as data: what each chart plots, its axes and ticks, and the SVG geometry that draws
//! it, so the page only renders strings and numbers computed (and tested) here.
//!
//! Three charts are drawn from [`PlanResults`]: demand and capacity ([`demand_chart`]), cost by
//! component ([`cost_chart`]) and scenarios overlaid ([`scenarios_chart`]). A plan with ranges
//! adds each chart's figure's band over the trials (`montecarlo::chart_bands`, a
//! [`Shape::Band`] series and a median). Each is a
//! [`ChartData`]; [`ChartData::layout`] turns it into a [`ChartGeometry`] for an SVG of a given
//! width. One concept a file:
//! - `data`: what a chart plots, and the values of one month for the legend;
//! - `demand`, `cost`, `scenarios`: the three charts, built from the results;
//! - `axis`: "nice" axes (1-2-5 steps) and the scales from values and months to pixels;
//! - `labels`: month labels ("Jan 2027"), value tick labels and how values are written;
//! - `path`: SVG path data, coordinates rounded to 0.1 px;
//! - `geometry`: a chart laid out in a frame, its markers placed.
//!
//! Everything here is total: empty, flat, single-month, huge or tiny series give a valid axis
//! and finite coordinates, never NaN, ∞ or a panic. Floats are held in range by `bounded`,
//! not `f64::clamp`, and numbers become text through [`crate::float_text`]. The public items
//! are re-exported here, as `chart::X`.

mod axis;
mod cost;
mod data;
mod demand;
mod geometry;
mod labels;
mod path;
mod scenarios;

pub use axis::{nice_step, Axis, AxisOptions, LinearScale, MonthScale};
pub use cost::cost_chart;
pub use data::{ChartData, ChartEvent, Fleet, Readout, Series, Shape, Tone, PALETTE_SIZE};
pub use demand::demand_chart;
pub use geometry::{
    ChartGeometry, Frame, LabelPlacement, Layer, Marker, Rect, Tick, AXIS_FONT_PX, MARKER_FONT_PX,
    MAX_WIDTH, MIN_WIDTH,
};
pub use labels::{month_ticks, text_width, tick_label, ValueFormat};
pub use path::{band_path, bars_path, coordinate, line_path, step_area_path, step_path, PathData};
pub use scenarios::{scenarios_chart, Metric};

use crate::engine::{MonthResult, PlanResults, ScenarioResult};
use crate::plan::YearMonth;

/// `x` held within `lo..=hi` (`lo` when they cross; NaN stays NaN). Not `f64::clamp`: it
/// panics when its bounds cross (a label wider than a narrow frame), and its check of them
/// formats floats, which would bring Rust's float formatting into the page.
pub(crate) fn bounded(x: f64, lo: f64, hi: f64) -> f64 {
    if x.is_nan() {
        x
    } else {
        x.min(hi).max(lo)
    }
}

fn scenario_at(results: &PlanResults, scenario: usize) -> Option<(usize, &ScenarioResult)> {
    let index = scenario.min(results.scenarios.len().checked_sub(1)?);
    Some((index, results.scenarios.get(index)?))
}

fn first_calendar(months: &[MonthResult]) -> Option<YearMonth> {
    months.first().map(|m| m.calendar)
}

fn horizon(months: &[MonthResult]) -> u32 {
    u32::try_from(months.len()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine;
    use crate::plan::Plan;
    use crate::presets;

    pub(super) fn run(id: &str) -> (Plan, PlanResults) {
        let plan = presets::find(id).expect("template").build();
        let valid = plan.clone().validate().expect("valid template");
        let results = engine::run(&valid);
        (plan, results)
    }

    #[test]
    fn no_results_no_chart() {
        let empty = PlanResults {
            scenarios: Vec::new(),
            priced_on: chrono::NaiveDate::MIN,
            currency: crate::currency::USD,
        };
        assert!(demand_chart(&empty, 0).is_none());
        assert!(scenarios_chart(&empty, 0, Metric::TotalCost).is_none());
    }
}
