//! Layout: [`ChartData::layout`] turns a chart's data into a [`ChartGeometry`] for an SVG of a
//! given width ([`Frame`]): the plot area, the value and month axes with their ticks, each
//! series' path data, and upgrade markers with their labels placed where they fit.

use super::labels::MONTH_LABEL_SAMPLE;
use super::{
    band_path, bars_path, bounded, line_path, month_ticks, step_area_path, step_path, text_width,
    tick_label, Axis, AxisOptions, ChartData, ChartEvent, LinearScale, MonthScale, Shape, Tone,
};
use crate::format;

/// The SVG's size in px (its `viewBox`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Width, px.
    pub width: f64,
    /// Height, px.
    pub height: f64,
}

/// Narrowest frame drawn; narrower containers scale the SVG down.
pub const MIN_WIDTH: f64 = 280.0;
/// Widest frame drawn.
pub const MAX_WIDTH: f64 = 2400.0;

impl Frame {
    /// A frame `width` px wide (clamped to [`MIN_WIDTH`]..[`MAX_WIDTH`]; 640 when not a
    /// number), lower on narrow screens.
    ///
    /// # Example
    /// ```
    /// use headroom_core::chart::Frame;
    /// assert_eq!(Frame::for_width(360.0).height, 220.0);
    /// assert_eq!(Frame::for_width(f64::NAN).width, 640.0);
    /// ```
    pub fn for_width(width: f64) -> Frame {
        let width = if width.is_finite() {
            bounded(width, MIN_WIDTH, MAX_WIDTH).round()
        } else {
            640.0
        };
        let height = if width < 480.0 {
            220.0
        } else if width < 800.0 {
            250.0
        } else {
            280.0
        };
        Frame { width, height }
    }
}

/// The plot area inside the frame, px.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Right edge.
    pub right: f64,
    /// Bottom edge.
    pub bottom: f64,
}

/// A labelled tick: its pixel along the axis and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Pixel (x for the month axis, y for the value axis).
    pub at: f64,
    /// Label.
    pub label: String,
    /// Where the label is drawn along the axis (x labels are kept inside the frame).
    pub label_at: f64,
}

/// A series drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    /// Legend name.
    pub name: String,
    /// How it is drawn.
    pub shape: Shape,
    /// Its colour.
    pub tone: Tone,
    /// Dashed.
    pub dashed: bool,
    /// Heavier.
    pub emphasis: bool,
    /// SVG path data of the line or the bars.
    pub d: String,
    /// SVG path data of the shaded area ([`Shape::StepArea`]), else empty.
    pub area: String,
    /// The y pixel of each month's value (the top of its bar when stacked).
    pub ys: Vec<f64>,
}

/// Where a marker's label goes.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelPlacement {
    /// Anchor x, px.
    pub x: f64,
    /// Baseline y, px.
    pub y: f64,
    /// Whether the text ends at `x` (it starts there otherwise).
    pub end: bool,
}

/// A marker: every event of one month, numbered in month order.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    /// Month, 1-based.
    pub month: u32,
    /// x of the marker line, px (the start of the month: when the change takes effect).
    pub x: f64,
    /// Number shown in the badge (1-based).
    pub number: usize,
    /// Short labels joined: "Redis → 8 GB primary + replica".
    pub label: String,
    /// The timeline's full sentences.
    pub details: Vec<String>,
    /// Tooltip: the month, then each sentence on its own line.
    pub tooltip: String,
    /// Where the label is drawn, when it fits.
    pub placement: Option<LabelPlacement>,
}

/// Everything to draw one chart at one size.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartGeometry {
    /// The SVG's size.
    pub frame: Frame,
    /// The plot area.
    pub plot: Rect,
    /// Months across the plot.
    pub x: MonthScale,
    /// The value axis.
    pub y_axis: Axis,
    /// The value axis title (its unit).
    pub y_title: String,
    /// Value ticks (gridlines), bottom up.
    pub y_ticks: Vec<Tick>,
    /// Month ticks.
    pub x_ticks: Vec<Tick>,
    /// The y pixel of zero (or of the axis minimum when zero is not shown).
    pub baseline: f64,
    /// Series, in drawing order.
    pub layers: Vec<Layer>,
    /// Upgrade markers.
    pub markers: Vec<Marker>,
}

/// Font size of axis labels, px (the stylesheet uses the same).
pub const AXIS_FONT_PX: f64 = 12.0;
/// Font size of marker labels, px.
pub const MARKER_FONT_PX: f64 = 11.0;
/// Rows of marker labels at most.
const MARKER_ROWS: usize = 2;
/// Room a month label needs, px, beyond its text.
const MONTH_LABEL_GAP: f64 = 14.0;
/// Room per value tick, px.
const PX_PER_VALUE_TICK: f64 = 40.0;

impl ChartGeometry {
    /// The x of the middle of `month` (clamped).
    pub fn month_x(&self, month: u32) -> f64 {
        self.x.center(month)
    }

    /// The month under `x` (clamped).
    pub fn month_at(&self, x: f64) -> u32 {
        self.x.month_at(x)
    }

    /// The points of `month` on each line layer: (layer index, x, y). Bars and bands have
    /// none (the month's column is highlighted instead).
    pub fn points(&self, month: u32) -> Vec<(usize, f64, f64)> {
        let x = self.month_x(month);
        let index = month.clamp(1, self.x.months.max(1)) as usize - 1;
        self.layers
            .iter()
            .enumerate()
            .filter(|(_, l)| l.shape.is_line())
            .filter_map(|(i, l)| Some((i, x, *l.ys.get(index)?)))
            .collect()
    }
}

impl ChartData {
    /// Lays the chart out in `frame`: axes, ticks, paths, markers.
    pub fn layout(&self, frame: Frame) -> ChartGeometry {
        let months = self.months.max(1);
        let stacked = self.is_stacked();
        let n = months as usize;
        // Stack tops (bars) or the raw values (lines) decide the axis.
        let mut stack = vec![0.0f64; n];
        let mut tops: Vec<Vec<f64>> = Vec::with_capacity(self.series.len());
        let mut bottoms: Vec<Vec<f64>> = Vec::with_capacity(self.series.len());
        for s in &self.series {
            // Each month's value, 0 when missing or not finite.
            let finite = |values: &[f64]| -> Vec<f64> {
                (0..n)
                    .map(|i| {
                        values
                            .get(i)
                            .copied()
                            .filter(|v| v.is_finite())
                            .unwrap_or(0.0)
                    })
                    .collect()
            };
            let values = finite(&s.values);
            if stacked && s.shape == Shape::Bars {
                bottoms.push(stack.clone());
                for (acc, v) in stack.iter_mut().zip(&values) {
                    *acc += v.max(0.0);
                }
                tops.push(stack.clone());
            } else {
                // A band's lower edge; zero under anything else (its `lower` is empty).
                bottoms.push(finite(&s.lower));
                tops.push(values);
            }
        }
        let plot_height_guess = frame.height - 50.0;
        let options = AxisOptions {
            max_ticks: ((plot_height_guess / PX_PER_VALUE_TICK).floor() as usize).clamp(3, 8),
            include_zero: true,
            integer: self.integer,
            top_padding: if self.events.is_empty() { 0.04 } else { 0.2 },
        };
        let y_axis = Axis::nice(tops.iter().flatten().copied(), &options);
        let max_abs = y_axis.min.abs().max(y_axis.max.abs());
        let prefix = self.format.tick_prefix();
        let labels: Vec<String> = y_axis
            .ticks
            .iter()
            .map(|t| tick_label(*t, y_axis.step, max_abs, prefix))
            .collect();
        let label_width = labels
            .iter()
            .map(|l| text_width(l, AXIS_FONT_PX))
            .fold(0.0, f64::max);
        let plot = Rect {
            left: (label_width + 12.0).max(32.0).min(frame.width / 3.0),
            // The axis title's row, then (with events) the row of marker badges.
            top: if self.events.is_empty() { 24.0 } else { 44.0 },
            right: frame.width - 10.0,
            bottom: frame.height - 26.0,
        };
        let x = MonthScale {
            months,
            left: plot.left,
            right: plot.right,
        };
        let y = LinearScale {
            domain: (y_axis.min, y_axis.max),
            range: (plot.bottom, plot.top),
        };
        let y_ticks = y_axis
            .ticks
            .iter()
            .zip(labels)
            .map(|(t, label)| {
                let at = y.map(*t);
                Tick {
                    at,
                    label,
                    label_at: at,
                }
            })
            .collect();
        let month_label_width = text_width(MONTH_LABEL_SAMPLE, AXIS_FONT_PX) + MONTH_LABEL_GAP;
        let max_labels = ((plot.right - plot.left) / month_label_width).floor() as usize;
        let x_ticks = month_ticks(self.start, months, max_labels)
            .into_iter()
            .map(|m| {
                let at = x.center(m);
                let label = format::month_label(self.start.of_plan_month(m));
                let half = text_width(&label, AXIS_FONT_PX) / 2.0;
                Tick {
                    at,
                    label_at: bounded(at, half + 2.0, frame.width - half - 2.0),
                    label,
                }
            })
            .collect();
        let baseline = y.map(bounded(0.0, y_axis.min, y_axis.max));
        let layers = self
            .series
            .iter()
            .zip(tops.iter().zip(&bottoms))
            .map(|(s, (top, bottom))| {
                let ys: Vec<f64> = top.iter().map(|v| y.map(*v)).collect();
                let bottom_px: Vec<f64> = bottom.iter().map(|v| y.map(*v)).collect();
                let (d, area) = match s.shape {
                    Shape::Line => (line_path(&x, &ys), String::new()),
                    Shape::Step => (step_path(&x, &ys), String::new()),
                    Shape::StepArea => (step_path(&x, &ys), step_area_path(&x, &ys, baseline)),
                    Shape::Band => (band_path(&x, &ys, &bottom_px), String::new()),
                    Shape::Bars => {
                        let share = if x.band() >= 6.0 { 0.72 } else { 0.9 };
                        (bars_path(&x, &bottom_px, &ys, share), String::new())
                    }
                };
                Layer {
                    name: s.name.clone(),
                    shape: s.shape,
                    tone: s.tone,
                    dashed: s.dashed,
                    emphasis: s.emphasis,
                    d,
                    area,
                    ys,
                }
            })
            .collect();
        let markers = self.markers(&x, &plot);
        ChartGeometry {
            frame,
            plot,
            x,
            y_title: self.format.axis_title(),
            y_axis,
            y_ticks,
            x_ticks,
            baseline,
            layers,
            markers,
        }
    }

    /// Events grouped by month, numbered, with labels placed in up to [`MARKER_ROWS`] rows at
    /// the top of the plot where they fit without overlapping (to the right of the line, or to
    /// its left near the right edge). Labels that do not fit are left to the list under the
    /// chart.
    fn markers(&self, x: &MonthScale, plot: &Rect) -> Vec<Marker> {
        let mut groups: Vec<(u32, Vec<&ChartEvent>)> = Vec::new();
        let mut events: Vec<&ChartEvent> = self
            .events
            .iter()
            .filter(|e| (1..=self.months.max(1)).contains(&e.month))
            .collect();
        crate::sort::stable_sort_by(&mut events, &|a, b| a.month.cmp(&b.month));
        for e in events {
            match groups.last_mut() {
                Some((month, list)) if *month == e.month => list.push(e),
                _ => groups.push((e.month, vec![e])),
            }
        }
        let mut row_ends = [f64::NEG_INFINITY; MARKER_ROWS];
        let gap = 10.0;
        groups
            .into_iter()
            .enumerate()
            .map(|(i, (month, list))| {
                let line_x = x.start(month);
                let label = list
                    .iter()
                    .map(|e| e.label.as_str())
                    .collect::<Vec<_>>()
                    .join(" · ");
                let details: Vec<String> = list.iter().map(|e| e.detail.clone()).collect();
                let tooltip = format!(
                    "{}\n{}",
                    self.start.of_plan_month(month).label(),
                    details.join("\n")
                );
                let width = text_width(&label, MARKER_FONT_PX);
                let mut placement = None;
                for (row, end) in row_ends.iter_mut().enumerate() {
                    let y = plot.top + 14.0 + row as f64 * 15.0;
                    let after = line_x + 5.0;
                    let before = line_x - 5.0 - width;
                    if after >= *end + gap && after + width <= plot.right {
                        placement = Some(LabelPlacement {
                            x: after,
                            y,
                            end: false,
                        });
                        *end = after + width;
                        break;
                    }
                    if before >= plot.left && before >= *end + gap {
                        placement = Some(LabelPlacement {
                            x: line_x - 5.0,
                            y,
                            end: true,
                        });
                        *end = line_x - 5.0;
                        break;
                    }
                }
                // A marker whose label was dropped still blocks nothing.
                Marker {
                    month,
                    x: line_x,
                    number: i + 1,
                    label,
                    details,
                    tooltip,
                    placement,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::tests::run;
    use crate::chart::{
        cost_chart, demand_chart, scenarios_chart, Fleet, Metric, Series, ValueFormat,
    };
    use crate::engine::{self, Resource};
    use crate::plan::YearMonth;
    use crate::presets;

    fn assert_geometry_sound(geometry: &ChartGeometry) {
        let finite = |v: f64| v.is_finite();
        assert!(geometry.plot.left < geometry.plot.right);
        assert!(geometry.plot.top < geometry.plot.bottom);
        for t in geometry.y_ticks.iter().chain(&geometry.x_ticks) {
            assert!(finite(t.at) && finite(t.label_at));
        }
        for l in &geometry.layers {
            assert!(l.ys.iter().all(|y| finite(*y)));
            for d in [&l.d, &l.area] {
                assert!(!d.contains("NaN") && !d.contains("inf"), "{d}");
            }
        }
        // Month labels never overlap.
        for pair in geometry.x_ticks.windows(2) {
            let gap = pair[1].label_at - pair[0].label_at;
            assert!(gap >= text_width(MONTH_LABEL_SAMPLE, AXIS_FONT_PX), "{gap}");
        }
        // Marker labels on one row never overlap.
        let mut placed: Vec<(f64, f64, f64)> = geometry
            .markers
            .iter()
            .filter_map(|m| {
                let p = m.placement.as_ref()?;
                let w = text_width(&m.label, MARKER_FONT_PX);
                let (a, b) = if p.end {
                    (p.x - w, p.x)
                } else {
                    (p.x, p.x + w)
                };
                assert!(a >= geometry.plot.left - 0.01 && b <= geometry.plot.right + 0.01);
                Some((p.y, a, b))
            })
            .collect();
        placed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        for pair in placed.windows(2) {
            if pair[0].0 == pair[1].0 {
                assert!(pair[1].1 >= pair[0].2, "{pair:?}");
            }
        }
    }

    #[test]
    fn layout_draws_every_template_at_every_width() {
        for template in &presets::TEMPLATES {
            let (plan, results) = run(template.id);
            for width in [f64::NAN, 100.0, 358.0, 390.0, 700.0, 960.0, 1400.0, 1e9] {
                let frame = Frame::for_width(width);
                let charts = [
                    demand_chart(&results, 0),
                    cost_chart(&plan, &results, 0),
                    scenarios_chart(&results, 0, Metric::TotalCost),
                    scenarios_chart(&results, 0, Metric::AppInstances),
                ];
                for chart in charts.into_iter().flatten() {
                    let geometry = chart.layout(frame);
                    assert_geometry_sound(&geometry);
                    assert_eq!(geometry.layers.len(), chart.series.len());
                }
            }
        }
    }

    #[test]
    fn layout_of_a_demand_chart_by_hand() {
        let start = YearMonth {
            year: 2027,
            month: 1,
        };
        let chart = ChartData {
            id: "demand",
            title: "t".into(),
            summary: String::new(),
            start,
            months: 2,
            format: ValueFormat::Unit("req/s".into()),
            integer: false,
            series: vec![Series {
                name: "Peak".into(),
                values: vec![100.0, 400.0],
                shape: Shape::Line,
                tone: Tone::Demand,
                dashed: false,
                emphasis: true,
                lower: Vec::new(),
            }],
            events: vec![ChartEvent {
                month: 2,
                resource: Resource::Redis,
                label: "Redis → 8 GB primary + replica".into(),
                detail: "Redis 4 GB single node → 8 GB primary + replica: …".into(),
            }],
            fleet: vec![
                Fleet {
                    instances: 1,
                    capacity_rps: 500.0,
                    utilisation: 0.2,
                },
                Fleet {
                    instances: 2,
                    capacity_rps: 500.0,
                    utilisation: 0.4,
                },
            ],
            lower_bounds: Vec::new(),
            series_lower_bounds: Vec::new(),
            bands_from: None,
        };
        let g = chart.layout(Frame {
            width: 600.0,
            height: 250.0,
        });
        assert_eq!(g.y_title, "req/s");
        assert_eq!(g.y_axis.min, 0.0);
        assert!(g.y_axis.max >= 400.0 * 1.2 - 1e-9);
        assert_eq!(g.y_ticks.first().map(|t| t.label.as_str()), Some("0"));
        assert_eq!(g.y_ticks[0].at, g.plot.bottom);
        assert_eq!(g.baseline, g.plot.bottom);
        assert_eq!(
            g.x_ticks
                .iter()
                .map(|t| t.label.as_str())
                .collect::<Vec<_>>(),
            vec!["Jan 2027", "Feb 2027"]
        );
        assert_eq!(g.markers.len(), 1);
        let marker = &g.markers[0];
        assert_eq!(marker.number, 1);
        assert_eq!(marker.x, g.x.start(2));
        assert!(marker.placement.is_some());
        assert_eq!(g.month_at(g.month_x(2)), 2);
        assert_eq!(g.points(2), vec![(0, g.month_x(2), g.layers[0].ys[1])]);
        let readout = chart.readout(7);
        assert_eq!(readout.month, 2);
        assert_eq!(readout.month_label, "Feb 2027");
        assert_eq!(readout.values, vec![("Peak".into(), "400 req/s".into())]);
        assert_eq!(readout.total, None);
        assert_eq!(
            readout.remark.as_deref(),
            Some("2 instances × 500 req/s · 40 % used at peak")
        );
        assert_eq!(
            readout.events,
            vec!["Redis 4 GB single node → 8 GB primary + replica: …".to_owned()]
        );
        assert_eq!(
            marker.tooltip,
            "Feb 2027\nRedis 4 GB single node → 8 GB primary + replica: …"
        );
        assert_eq!(
            chart.readout(1).remark.as_deref(),
            Some("1 instance × 500 req/s · 20 % used at peak")
        );
    }

    #[test]
    fn crowded_markers_drop_labels_instead_of_overlapping() {
        let start = YearMonth {
            year: 2027,
            month: 1,
        };
        let events = (1..=24)
            .map(|m| ChartEvent {
                month: m,
                resource: Resource::Database,
                label: format!("Database → A long tier name number {m}"),
                detail: String::new(),
            })
            .collect();
        let chart = ChartData {
            id: "demand",
            title: String::new(),
            summary: String::new(),
            start,
            months: 24,
            format: ValueFormat::Unit("req/s".into()),
            integer: false,
            series: vec![],
            events,
            fleet: vec![],
            lower_bounds: Vec::new(),
            series_lower_bounds: Vec::new(),
            bands_from: None,
        };
        let g = chart.layout(Frame::for_width(390.0));
        assert_eq!(g.markers.len(), 24);
        let placed = g.markers.iter().filter(|m| m.placement.is_some()).count();
        assert!(placed < 24);
        assert_geometry_sound(&g);
    }

    #[test]
    fn a_long_plan_lays_out_quickly() {
        // 120 months × 5 scenarios: the page redraws this on every keystroke.
        let mut plan = presets::find("supabase-redis").expect("template").build();
        plan.horizon_months = 120;
        while plan.scenarios.len() < 5 {
            let mut copy = plan.scenarios[0].clone();
            copy.name = format!("Copy {}", plan.scenarios.len());
            plan.scenarios.push(copy);
        }
        let results = engine::run(&plan.clone().validate().expect("valid"));
        let frame = Frame::for_width(960.0);
        let charts = [
            demand_chart(&results, 4).expect("results"),
            cost_chart(&plan, &results, 4).expect("results"),
            scenarios_chart(&results, 4, Metric::TotalCost).expect("results"),
        ];
        for chart in &charts {
            let g = chart.layout(frame);
            assert_geometry_sound(&g);
            assert!(g.x_ticks.len() <= 12);
        }
    }
}
