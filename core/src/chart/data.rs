//! What a chart plots, before any pixels: a [`ChartData`] holds series of monthly values, how
//! they are drawn and written, upgrade events and a text summary for screen readers;
//! [`ChartData::readout`] gives the values of one month, for the legend that follows the
//! pointer or the keyboard.

use super::ValueFormat;
use crate::engine::Resource;
use crate::format;
use crate::plan::YearMonth;

/// How a series is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A line through each month's middle.
    Line,
    /// Flat across each month.
    Step,
    /// A step line with the area under it shaded.
    StepArea,
    /// Bars, stacked on the series before them.
    Bars,
    /// A shaded band from [`Series::lower`] up to the values, through each month's middle
    /// (the trials' band of a figure: P10 to P90).
    Band,
}

impl Shape {
    /// Whether it is drawn as a line, with a point at the month read (bars and bands are not).
    pub fn is_line(self) -> bool {
        matches!(self, Self::Line | Self::Step | Self::StepArea)
    }
}

/// Which colour a series takes (the page maps these to CSS custom properties).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Demand.
    Demand,
    /// Capacity.
    Capacity,
    /// The n-th colour of the categorical palette (0-based, wraps at [`PALETTE_SIZE`]).
    Palette(usize),
}

/// Colours in the categorical palette.
pub const PALETTE_SIZE: usize = 8;

impl Tone {
    /// CSS class name: "tone-demand", "tone-capacity", "tone-3".
    pub fn class(self) -> String {
        match self {
            Self::Demand => "tone-demand".to_owned(),
            Self::Capacity => "tone-capacity".to_owned(),
            Self::Palette(i) => format!("tone-{}", i % PALETTE_SIZE + 1),
        }
    }
}

/// One series: a value per month.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Legend name.
    pub name: String,
    /// Month 1 first.
    pub values: Vec<f64>,
    /// How it is drawn.
    pub shape: Shape,
    /// Its colour.
    pub tone: Tone,
    /// Drawn dashed.
    pub dashed: bool,
    /// Drawn heavier (the selected scenario).
    pub emphasis: bool,
    /// A [`Shape::Band`]'s lower edge, month 1 first; empty for other shapes.
    pub lower: Vec<f64>,
}

/// An upgrade or limit crossed, marked on a chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartEvent {
    /// Month, 1-based.
    pub month: u32,
    /// Which resource.
    pub resource: Resource,
    /// Short label: "Redis → 8 GB primary + replica".
    pub label: String,
    /// The timeline's full sentence: "Redis 4 GB single node → 8 GB primary + replica: …".
    pub detail: String,
}

/// What a chart plots, before any pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartData {
    /// "demand", "cost" or "scenarios".
    pub id: &'static str,
    /// Title: "Demand and capacity".
    pub title: String,
    /// What the chart shows in one sentence, with its figures (the SVG's description).
    pub summary: String,
    /// Calendar month of month 1.
    pub start: YearMonth,
    /// Number of months.
    pub months: u32,
    /// How values are written.
    pub format: ValueFormat,
    /// Whether values are counts (whole-number ticks).
    pub integer: bool,
    /// The series, drawn in order (bars stack in order).
    pub series: Vec<Series>,
    /// Upgrade markers.
    pub events: Vec<ChartEvent>,
    /// The instances running each month (demand chart), or empty.
    pub fleet: Vec<Fleet>,
    /// Per month (index 0 = month 1), why the stack's total is only a lower bound, when it
    /// leaves out a component (cost chart); empty for other charts.
    pub lower_bounds: Vec<Option<String>>,
    /// Per series, per month: whether the series' value is only a lower bound (a total cost
    /// that leaves out a component, in the scenarios chart); empty when none is.
    pub series_lower_bounds: Vec<Vec<bool>>,
    /// The series from this one on are the trials' band and median of a figure, added after
    /// the chart's own (`montecarlo::chart_bands`); `None` without.
    pub bands_from: Option<usize>,
}

/// The app instances running in one month.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fleet {
    /// Instances running.
    pub instances: u64,
    /// Capacity of one instance, req/s.
    pub capacity_rps: f64,
    /// Share of the fleet's capacity used at peak, as a fraction.
    pub utilisation: f64,
}

impl Fleet {
    /// "7 instances × 100 req/s · 58.9 % used at peak" (written only for the month read).
    pub fn remark(&self) -> String {
        format!(
            "{} {} × {} · {} used at peak",
            self.instances,
            if self.instances == 1 {
                "instance"
            } else {
                "instances"
            },
            format::with_unit(self.capacity_rps, "req/s"),
            format::percent(self.utilisation)
        )
    }
}

/// The values of one month, as the legend shows them.
#[derive(Clone, Debug, PartialEq)]
pub struct Readout {
    /// "Mar 2027".
    pub month_label: String,
    /// Month, 1-based.
    pub month: u32,
    /// Each series' value, in series order: name, value text.
    pub values: Vec<(String, String)>,
    /// The stack's total, when the chart stacks ("$1 234/month").
    pub total: Option<String>,
    /// The month's remark.
    pub remark: Option<String>,
    /// The events of this month (their full sentences).
    pub events: Vec<String>,
}

impl ChartData {
    /// Whether the series stack (a bar chart).
    pub fn is_stacked(&self) -> bool {
        self.series.iter().any(|s| s.shape == Shape::Bars)
    }

    /// The month clamped to this chart's horizon.
    pub fn clamp_month(&self, month: u32) -> u32 {
        month.clamp(1, self.months.max(1))
    }

    /// The values of `month` (clamped to the horizon).
    pub fn readout(&self, month: u32) -> Readout {
        let month = self.clamp_month(month);
        // At least 1 once clamped.
        let index = month as usize - 1;
        let at = |values: &[f64]| values.get(index).copied().unwrap_or(0.0);
        let value_of = |s: &Series| at(&s.values);
        let values = self
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| {
                // A band: "low–high".
                let mut text = String::new();
                if s.shape == Shape::Band {
                    text = self.format.value(at(&s.lower));
                    text.push('–');
                }
                text.push_str(&self.format.value(value_of(s)));
                let at_least = self
                    .series_lower_bounds
                    .get(i)
                    .and_then(|b| b.get(index))
                    .copied()
                    .unwrap_or(false);
                (
                    s.name.clone(),
                    if at_least {
                        format!("at least {text}")
                    } else {
                        text
                    },
                )
            })
            .collect();
        let lower_bound = self.lower_bounds.get(index).and_then(Option::as_ref);
        let total = self.is_stacked().then(|| {
            let sum: f64 = self
                .series
                .iter()
                .filter(|s| s.shape == Shape::Bars)
                .map(value_of)
                .filter(|v| v.is_finite())
                .sum();
            let text = match self.format {
                ValueFormat::MoneyPerMonth(currency) => {
                    format!("{}/month", format::money(sum, currency))
                }
                ValueFormat::Unit(_) => self.format.value(sum),
            };
            match lower_bound {
                Some(_) => format!("at least {text}"),
                None => text,
            }
        });
        Readout {
            month_label: self.start.of_plan_month(month).label(),
            month,
            values,
            total,
            remark: self
                .fleet
                .get(index)
                .map(Fleet::remark)
                .or_else(|| lower_bound.map(|why| format!("the total leaves out a cost: {why}"))),
            events: self
                .events
                .iter()
                .filter(|e| e.month == month)
                .map(|e| e.detail.clone())
                .collect(),
        }
    }
}
