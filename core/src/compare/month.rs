//! One month side by side: every scenario's key figures for the month, with each one's
//! difference from the reference scenario.

use crate::currency::Currency;
use crate::engine::{Figure, MonthResult, PlanResults};
use crate::format;
use crate::tables::{month_label, singular};
use crate::totals::{self, LowerBound};
use crate::validate::ValidPlan;
use serde::Serialize;
use std::cmp::Ordering;

/// Every scenario's key figures for one month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// Plan month, 1-based.
    pub month: u32,
    /// Calendar month: "Jul 2027".
    pub label: String,
    /// Index of the scenario the differences are taken against.
    pub reference: usize,
    /// Scenario names, in the plan's order.
    pub scenarios: Vec<String>,
    /// One row per key figure.
    pub rows: Vec<CompareRow>,
}

/// One key figure across the scenarios.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CompareRow {
    /// Stable identifier: "units", "peak", "instances", "connections", "db-tier",
    /// "redis-memory", "redis-plan", "gpu-nodes", "total-cost", "per-unit".
    pub key: &'static str,
    /// "App instances".
    pub title: String,
    /// "req/s", "MB", "USD/month"; empty for counts and names.
    pub unit: String,
    /// What [`crate::engine::explain`] explains for a cell of this row.
    pub figure: Figure,
    /// One cell per scenario.
    pub cells: Vec<CompareCell>,
}

/// One scenario's figure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CompareCell {
    /// As shown: "12", "Pro+", "$1 234".
    pub text: String,
    /// The number behind it (for a tier or plan, its position in the catalog; beyond the
    /// catalog counts as one past the largest).
    pub value: f64,
    /// Against the reference scenario; `None` for the reference itself.
    pub difference: Option<Difference>,
    /// For a total (total cost, cost per unit) that leaves out a component, why it is only a
    /// lower bound: "the database has no price; Redis is beyond the largest catalog plan". The
    /// text then reads "at least $715".
    pub lower_bound: Option<String>,
}

/// How a figure differs from the reference scenario's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// "+3 (+50 %)", "−$120 (−8.3 %)", "2 tiers larger", "same".
    pub text: String,
    /// Whether the figure is larger (`Greater`), smaller or the same as the reference's.
    pub direction: Direction,
}

/// Larger, smaller or the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Direction {
    /// More than the reference.
    More,
    /// Less than the reference.
    Less,
    /// The same as the reference.
    Same,
}

impl Direction {
    /// "more", "less" or "same": a class-name-safe word.
    pub fn id(self) -> &'static str {
        match self {
            Direction::More => "more",
            Direction::Less => "less",
            Direction::Same => "same",
        }
    }
}

/// How a row's figure is written and compared.
#[derive(Clone, Copy)]
pub(super) enum Kind {
    Count,
    Amount,
    Money(Currency),
    /// A position in a catalog.
    Rank(&'static str),
}

/// Every scenario's key figures for plan month `month` (1-based), with the differences
/// against scenario `reference`. `None` when the month is outside the horizon or `reference`
/// is not a scenario. `results` must be [`crate::engine::run`]'s output for `plan`.
///
/// # Example
/// ```
/// use headroom_core::{compare, engine, presets};
/// let plan = presets::find("supabase-redis").unwrap().build().validate().unwrap();
/// let results = engine::run(&plan);
/// let c = compare::compare_month(&plan, &results, 6, 1).unwrap();
/// assert_eq!(c.scenarios, ["Conservative", "Moderate", "Aggressive"]);
/// let units = c.rows.iter().find(|r| r.key == "units").unwrap();
/// assert!(units.cells[1].difference.is_none()); // the reference
/// assert!(units.cells[2].difference.as_ref().unwrap().text.starts_with('+'));
/// ```
pub fn compare_month(
    plan: &ValidPlan,
    results: &PlanResults,
    month: u32,
    reference: usize,
) -> Option<Comparison> {
    let plan = plan.plan();
    results.scenarios.get(reference)?;
    let index = usize::try_from(month.checked_sub(1)?).ok()?;
    let months: Vec<&MonthResult> = results
        .scenarios
        .iter()
        .map(|s| s.months.get(index))
        .collect::<Option<_>>()?;
    let label = month_label(months.first()?.calendar);
    let unit_name = plan.baseline.demand_unit.as_str();
    let currency = results.currency;
    let db_names = &plan.catalogs.databases;
    let redis_names = &plan.catalogs.redis;
    let rank_text = |rank: Option<usize>, names: Vec<&str>| -> (String, f64) {
        match rank.and_then(|r| names.get(r).map(|n| (r, *n))) {
            Some((r, name)) => (name.to_owned(), r as f64),
            None => ("beyond the catalog".to_owned(), names.len() as f64),
        }
    };
    type Read<'a> = Box<dyn Fn(&MonthResult) -> (String, f64) + 'a>;
    let mut specs: Vec<(&'static str, String, String, Figure, Kind, Read)> = vec![
        (
            "units",
            "Units".to_owned(),
            unit_name.to_owned(),
            Figure::Units,
            Kind::Amount,
            Box::new(|m: &MonthResult| {
                let units = round_units(m.units.mean);
                (format::number(units), units)
            }),
        ),
        (
            "peak",
            "Peak".to_owned(),
            "req/s".to_owned(),
            Figure::PeakRps,
            Kind::Amount,
            Box::new(|m: &MonthResult| (format::number(m.peak_rps), m.peak_rps)),
        ),
        (
            "instances",
            "App instances".to_owned(),
            String::new(),
            Figure::AppInstances,
            Kind::Count,
            Box::new(|m: &MonthResult| {
                (
                    format::number(m.app.instances as f64),
                    m.app.instances as f64,
                )
            }),
        ),
        (
            "connections",
            "Database connections".to_owned(),
            String::new(),
            Figure::DbConnections,
            Kind::Amount,
            Box::new(|m: &MonthResult| {
                (
                    format::count(m.database.connections),
                    crate::sizing::ceil_count(m.database.connections) as f64,
                )
            }),
        ),
        (
            "db-tier",
            "Database tier".to_owned(),
            String::new(),
            Figure::DbTier,
            Kind::Rank("tier"),
            Box::new(move |m: &MonthResult| {
                rank_text(
                    m.database.tier,
                    db_names.iter().map(|t| t.name.as_str()).collect(),
                )
            }),
        ),
        (
            "redis-memory",
            "Redis node memory".to_owned(),
            "MB".to_owned(),
            Figure::RedisMemory,
            Kind::Amount,
            Box::new(|m: &MonthResult| {
                (
                    format::number(m.redis.need.node_memory_mb),
                    m.redis.need.node_memory_mb,
                )
            }),
        ),
        (
            "redis-plan",
            "Redis plan".to_owned(),
            String::new(),
            Figure::RedisPlan,
            Kind::Rank("plan"),
            Box::new(move |m: &MonthResult| {
                rank_text(
                    m.redis.plan,
                    redis_names.iter().map(|t| t.name.as_str()).collect(),
                )
            }),
        ),
    ];
    if months.iter().all(|m| m.voice.is_some()) {
        specs.push((
            "gpu-nodes",
            "GPU voice nodes".to_owned(),
            String::new(),
            Figure::GpuNodes,
            Kind::Count,
            Box::new(|m: &MonthResult| {
                let nodes = m.voice.as_ref().map_or(0, |v| v.nodes) as f64;
                (format::number(nodes), nodes)
            }),
        ));
    }
    specs.push((
        "total-cost",
        "Total cost".to_owned(),
        currency.per_month(),
        Figure::TotalCost,
        Kind::Money(currency),
        Box::new(move |m: &MonthResult| {
            (
                totals::money(
                    m.cost.total_usd_per_month,
                    m.cost.is_lower_bound(),
                    currency,
                ),
                m.cost.total_usd_per_month,
            )
        }),
    ));
    specs.push((
        "per-unit",
        format!("Cost per {}", singular(unit_name)),
        currency.per_month(),
        Figure::CostPerUnit,
        Kind::Money(currency),
        Box::new(move |m: &MonthResult| match m.cost_per_unit_usd {
            Some(v) => (totals::money(v, m.cost.is_lower_bound(), currency), v),
            None => ("—".to_owned(), 0.0),
        }),
    ));
    let rows = specs
        .into_iter()
        .map(|(key, title, unit, figure, kind, read)| {
            let values: Vec<(String, f64)> = months.iter().map(|m| read(m)).collect();
            let reference_value = values[reference].1;
            // Totals that leave out a component, and why.
            let totals = matches!(key, "total-cost" | "per-unit");
            let lower_bounds: Vec<Option<String>> = months
                .iter()
                .map(|m| {
                    // A cost per unit that is not there ("—") bounds nothing.
                    let shown = key != "per-unit" || m.cost_per_unit_usd.is_some();
                    (totals && shown)
                        .then(|| LowerBound::of_month(m))
                        .flatten()
                        .map(|why| why.reason(&plan.baseline.other_costs))
                })
                .collect();
            let reference_bound = lower_bounds.get(reference).is_some_and(Option::is_some);
            let cells = values
                .into_iter()
                .zip(lower_bounds)
                .enumerate()
                .map(|(s, ((text, value), lower_bound))| CompareCell {
                    text,
                    value,
                    difference: (s != reference).then(|| {
                        bounded(
                            difference(value, reference_value, kind),
                            lower_bound.is_some(),
                            reference_bound,
                        )
                    }),
                    lower_bound,
                })
                .collect();
            CompareRow {
                key,
                title,
                unit,
                figure,
                cells,
            }
        })
        .collect();
    Some(Comparison {
        month,
        label,
        reference,
        scenarios: results.scenarios.iter().map(|s| s.name.clone()).collect(),
        rows,
    })
}

fn round_units(units: f64) -> f64 {
    if units.abs() >= 100.0 {
        units.round()
    } else {
        units
    }
}

/// `value` against `reference`, in words.
pub(super) fn difference(value: f64, reference: f64, kind: Kind) -> Difference {
    let delta = value - reference;
    // Differences smaller than what the text shows are the same figure.
    let shown = match kind {
        Kind::Count | Kind::Rank(_) => delta.round(),
        Kind::Amount => (delta * 100.0).round() / 100.0,
        Kind::Money(_) => {
            if delta.abs() >= 100.0 {
                delta.round()
            } else {
                (delta * 100.0).round() / 100.0
            }
        }
    };
    let direction = match shown.partial_cmp(&0.0) {
        Some(Ordering::Greater) => Direction::More,
        Some(Ordering::Less) => Direction::Less,
        _ => Direction::Same,
    };
    if direction == Direction::Same {
        return Difference {
            text: "same".to_owned(),
            direction,
        };
    }
    let sign = if shown > 0.0 { "+" } else { "−" };
    let magnitude = shown.abs();
    let text = match kind {
        Kind::Rank(noun) => {
            let n = magnitude as u64;
            format!(
                "{n} {noun}{} {}",
                if n == 1 { "" } else { "s" },
                if shown > 0.0 { "larger" } else { "smaller" }
            )
        }
        Kind::Count | Kind::Amount => with_share(
            format!("{sign}{}", format::number(magnitude)),
            delta,
            reference,
        ),
        Kind::Money(currency) => with_share(
            format!("{sign}{}", format::money(magnitude, currency)),
            delta,
            reference,
        ),
    };
    Difference { text, direction }
}

/// A difference between totals of which one or both are lower bounds: a lower bound less an
/// exact figure is at least the difference shown ("at least +$120"), an exact figure less a
/// lower bound at most; between two lower bounds the difference is not known.
pub(super) fn bounded(mut d: Difference, lower_bound: bool, reference_bound: bool) -> Difference {
    let text = if d.direction == Direction::Same {
        "the same".to_owned()
    } else {
        d.text.clone()
    };
    d.text = match (lower_bound, reference_bound) {
        (false, false) => return d,
        (true, false) => format!("at least {text}"),
        (false, true) => format!("at most {text}"),
        (true, true) => format!("{} (both lower bounds)", d.text),
    };
    d
}

/// "+3" → "+3 (+50 %)" when the reference is not zero.
fn with_share(text: String, delta: f64, reference: f64) -> String {
    if reference.abs() < 1e-12 || !reference.is_finite() {
        return text;
    }
    let share = delta / reference.abs();
    let pct = format::percent(share.abs());
    let sign = if share > 0.0 { "+" } else { "−" };
    format!("{text} ({sign}{pct})")
}
