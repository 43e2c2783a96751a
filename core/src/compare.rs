//! Scenarios side by side: every scenario's key figures for one month with their differences
//! against a reference scenario, and the break points where scenarios part ways.
//!
//! A *break point* is the first month a scenario needs a step the plan has to prepare for: a
//! database tier or Redis plan (or anything larger), a Redis cluster, a connection pooler, more
//! app instances than the maximum, demand beyond a catalog, the point where adding instances
//! stops helping, or a GPU voice fleet's first step and each doubling. Comparing those months across scenarios gives the sentences a planner acts
//! on: "Aggressive needs Team 4 months before Moderate (month 7 vs 11)".
//!
//! Everything here reads [`PlanResults`] only; nothing is recomputed.

use crate::currency::Currency;
use crate::engine::{Figure, MonthResult, PlanResults, Resource};
use crate::format;
use crate::plan::{Plan, RedisTopology};
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

/// A resource's name as the page writes it: "App", "Database", "Redis", "GPU voice".
pub fn resource_name(resource: Resource) -> &'static str {
    match resource {
        Resource::App => "App",
        Resource::Database => "Database",
        Resource::Redis => "Redis",
        Resource::Voice => "GPU voice",
    }
}

/// How a row's figure is written and compared.
#[derive(Clone, Copy)]
enum Kind {
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
fn difference(value: f64, reference: f64, kind: Kind) -> Difference {
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
fn bounded(mut d: Difference, lower_bound: bool, reference_bound: bool) -> Difference {
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

/// The first month each scenario needs one step.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BreakPoint {
    /// Which resource.
    pub resource: Resource,
    /// The step as a noun phrase for a table row: "Database: Team", "Redis cluster".
    pub step: String,
    /// The verb phrase for sentences: "needs Team".
    pub does: String,
    /// Its negation: "does not need Team".
    pub does_not: String,
    /// First month (1-based) per scenario, in the plan's order; `None` = not within the
    /// horizon.
    pub months: Vec<Option<u32>>,
    /// Per scenario: "month 7 (Jul 2027)" or "—".
    pub texts: Vec<String>,
}

/// A break point of one scenario against the reference, in words.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BreakSentence {
    /// The scenario the sentence is about.
    pub scenario: usize,
    /// Which resource.
    pub resource: Resource,
    /// Months the scenario is ahead of the reference (negative: behind); `None` when only one
    /// of the two reaches the step within the horizon.
    pub lead_months: Option<i64>,
    /// "Aggressive needs Team 4 months before Moderate (month 7 vs 11)".
    pub text: String,
}

/// Every step at least one scenario reaches after month 1, in resource order (app, database,
/// Redis, voice) and catalog order within a resource. Steps every scenario already needs in
/// month 1 are left out: they part no scenarios.
///
/// # Example
/// ```
/// use headroom_core::{compare, engine, presets};
/// let plan = presets::find("supabase-redis").unwrap().build().validate().unwrap();
/// let results = engine::run(&plan);
/// let points = compare::break_points(&plan, &results);
/// let team = points.iter().find(|p| p.step == "Database: Team").unwrap();
/// assert!(team.months[2] < team.months[1] || team.months[1].is_none()); // Aggressive first
/// ```
pub fn break_points(plan: &ValidPlan, results: &PlanResults) -> Vec<BreakPoint> {
    let plan = plan.plan();
    let scenarios = &results.scenarios;
    let first = |test: &dyn Fn(&MonthResult) -> bool| -> Vec<Option<u32>> {
        scenarios
            .iter()
            .map(|s| s.months.iter().find(|m| test(m)).map(|m| m.month))
            .collect()
    };
    let mut points = Vec::new();
    let mut push = |resource: Resource,
                    step: String,
                    does: String,
                    does_not: String,
                    months: Vec<Option<u32>>| {
        let reached = months.iter().any(Option::is_some);
        let all_from_start = months.iter().all(|m| *m == Some(1));
        if reached && !all_from_start {
            let texts = months
                .iter()
                .map(|m| month_text(plan, *m))
                .collect::<Vec<_>>();
            points.push(BreakPoint {
                resource,
                step,
                does,
                does_not,
                months,
                texts,
            });
        }
    };

    let max = plan.policies.max_instances;
    push(
        Resource::App,
        format!("More than {max} app instances"),
        format!("needs more than {max} app instances"),
        format!("does not need more than {max} app instances"),
        first(&|m| m.app.over_max),
    );
    let past_peak: Vec<Option<u32>> = scenarios
        .iter()
        .map(|s| s.scaling.as_ref().and_then(|c| c.first_month_past_peak))
        .collect();
    push(
        Resource::App,
        "Past the scalability peak".to_owned(),
        "passes the instance count where adding instances stops helping".to_owned(),
        "does not pass the instance count where adding instances stops helping".to_owned(),
        past_peak,
    );

    for (t, tier) in plan.catalogs.databases.iter().enumerate() {
        push(
            Resource::Database,
            format!("Database: {}", tier.name),
            format!("needs {}", tier.name),
            format!("does not need {}", tier.name),
            first(&|m| m.database.tier.is_none_or(|x| x >= t)),
        );
    }
    push(
        Resource::Database,
        "Database beyond the catalog".to_owned(),
        "outgrows every database tier".to_owned(),
        "does not outgrow the database tiers".to_owned(),
        first(&|m| m.database.tier.is_none()),
    );
    push(
        Resource::Database,
        "Connection pooler".to_owned(),
        "needs a connection pooler".to_owned(),
        "does not need a connection pooler".to_owned(),
        first(&|m| m.database.needs_pooler),
    );

    for (p, entry) in plan.catalogs.redis.iter().enumerate() {
        push(
            Resource::Redis,
            format!("Redis: {}", entry.name),
            format!("needs {}", entry.name),
            format!("does not need {}", entry.name),
            first(&|m| m.redis.plan.is_none_or(|x| x >= p)),
        );
    }
    if plan
        .catalogs
        .redis
        .iter()
        .any(|p| p.topology == RedisTopology::Cluster)
    {
        push(
            Resource::Redis,
            "Redis cluster".to_owned(),
            "needs a Redis cluster".to_owned(),
            "does not need a Redis cluster".to_owned(),
            first(&|m| m.redis.topology == Some(RedisTopology::Cluster)),
        );
    }
    push(
        Resource::Redis,
        "Redis beyond the catalog".to_owned(),
        "outgrows every Redis plan".to_owned(),
        "does not outgrow the Redis plans".to_owned(),
        first(&|m| m.redis.plan.is_none()),
    );

    for nodes in gpu_steps(scenarios) {
        push(
            Resource::Voice,
            format!("GPU nodes: {nodes} or more"),
            format!("needs {nodes} GPU nodes or more"),
            format!("does not need {nodes} GPU nodes"),
            first(&|m| m.voice.as_ref().is_some_and(|v| v.nodes >= nodes)),
        );
    }
    points
}

/// The GPU node counts that make break points: one more than the fewest any scenario runs in
/// month 1 (the first step), then doublings of that count (2×, 4×, … the month-1 fewest, at
/// least 2), up to the most any scenario reaches. Node counts change almost every month as
/// voice load grows, so a break point per count would bury the steps that matter; doublings
/// are where the fleet, its cost and its operation change in kind. Empty without voice.
fn gpu_steps(scenarios: &[std::sync::Arc<crate::engine::ScenarioResult>]) -> Vec<u64> {
    let nodes = |m: &MonthResult| m.voice.as_ref().map(|v| v.nodes);
    let Some(base) = scenarios
        .iter()
        .filter_map(|s| s.months.first().and_then(nodes))
        .min()
    else {
        return Vec::new();
    };
    let most = scenarios
        .iter()
        .flat_map(|s| s.months.iter().filter_map(nodes))
        .max()
        .unwrap_or(base);
    let mut steps = Vec::new();
    let mut next = base.saturating_add(1);
    let mut doubling = base.max(1);
    while next <= most && next < crate::tiers::COUNT_CAP {
        steps.push(next);
        while doubling <= next {
            doubling = doubling.saturating_mul(2);
        }
        next = doubling;
    }
    steps
}

/// "month 7 (Jul 2027)", or "—" for `None`.
fn month_text(plan: &Plan, month: Option<u32>) -> String {
    match month {
        Some(m) => format!("month {m} ({})", month_label(plan.start.of_plan_month(m))),
        None => "—".to_owned(),
    }
}

/// Every break point where a scenario parts from `reference`, in words, scenario by scenario
/// (in the plan's order) and in [`break_points`] order within a scenario. Steps two scenarios
/// reach in the same month, or both never, say nothing and are left out.
///
/// # Example
/// ```
/// use headroom_core::{compare, engine, presets};
/// let plan = presets::find("supabase-redis").unwrap().build().validate().unwrap();
/// let results = engine::run(&plan);
/// let sentences = compare::break_sentences(&plan, &results, 1); // against Moderate
/// let texts: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
/// assert!(texts.contains(&"Aggressive needs 4 GB single node 1 month before Moderate (month 2 vs 3)"));
/// assert!(texts.contains(&"Aggressive needs Team in month 6; Moderate does not need Team within the 12-month horizon"));
/// ```
pub fn break_sentences(
    plan: &ValidPlan,
    results: &PlanResults,
    reference: usize,
) -> Vec<BreakSentence> {
    let Some(reference_result) = results.scenarios.get(reference) else {
        return Vec::new();
    };
    let horizon = plan.plan().horizon_months;
    let points = break_points(plan, results);
    let reference_name = &reference_result.name;
    let mut sentences = Vec::new();
    for (s, scenario) in results.scenarios.iter().enumerate() {
        if s == reference {
            continue;
        }
        let name = &scenario.name;
        for point in &points {
            let mine = point.months.get(s).copied().flatten();
            let theirs = point.months.get(reference).copied().flatten();
            let (lead, text) = match (mine, theirs) {
                (Some(a), Some(b)) if a == b => continue,
                (Some(a), Some(b)) => {
                    let lead = i64::from(b) - i64::from(a);
                    let n = lead.unsigned_abs();
                    (
                        Some(lead),
                        format!(
                            "{name} {} {n} month{} {} {reference_name} (month {a} vs {b})",
                            point.does,
                            if n == 1 { "" } else { "s" },
                            if lead > 0 { "before" } else { "after" },
                        ),
                    )
                }
                (Some(a), None) => (
                    None,
                    format!(
                        "{name} {} in month {a}; {reference_name} {} within the {horizon}-month horizon",
                        point.does, point.does_not
                    ),
                ),
                (None, Some(b)) => (
                    None,
                    format!(
                        "{name} {} within the {horizon}-month horizon; {reference_name} does in month {b}",
                        point.does_not
                    ),
                ),
                (None, None) => continue,
            };
            sentences.push(BreakSentence {
                scenario: s,
                resource: point.resource,
                lead_months: lead,
                text,
            });
        }
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine;
    use crate::presets;

    fn supabase() -> (ValidPlan, PlanResults) {
        let plan = presets::find("supabase-redis")
            .unwrap()
            .build()
            .validate()
            .unwrap();
        let results = engine::run(&plan);
        (plan, results)
    }

    fn row<'a>(c: &'a Comparison, key: &str) -> &'a CompareRow {
        c.rows.iter().find(|r| r.key == key).unwrap()
    }

    #[test]
    fn totals_that_leave_out_a_component_read_at_least() {
        // Supabase + Redis, month 8: Aggressive's Redis is beyond the largest plan.
        let (plan, results) = supabase();
        let c = compare_month(&plan, &results, 8, 1).unwrap();
        let total = row(&c, "total-cost");
        let aggressive = &total.cells[2];
        assert!(
            aggressive.text.starts_with("at least $"),
            "{}",
            aggressive.text
        );
        assert_eq!(
            aggressive.lower_bound.as_deref(),
            Some("Redis is beyond the largest catalog plan")
        );
        let moderate = &total.cells[1];
        assert!(!moderate.text.starts_with("at least"), "{}", moderate.text);
        assert_eq!(moderate.lower_bound, None);
        // A lower bound less an exact total: at least the difference shown.
        let d = aggressive.difference.as_ref().unwrap();
        assert!(d.text.starts_with("at least +$"), "{}", d.text);
        assert_eq!(d.direction, Direction::More);
        // Against the lower bound, an exact total's difference is at most the one shown.
        let c = compare_month(&plan, &results, 8, 2).unwrap();
        let d = row(&c, "total-cost").cells[1].difference.clone().unwrap();
        assert!(d.text.starts_with("at most −$"), "{}", d.text);
        let per_unit = &row(&c, "per-unit").cells[2];
        assert!(per_unit.text.starts_with("at least $"), "{}", per_unit.text);
        assert!(per_unit.lower_bound.is_some());
        // Other rows never carry a lower bound.
        assert!(row(&c, "instances")
            .cells
            .iter()
            .all(|c| c.lower_bound.is_none()));

        // No units, no cost per unit: nothing to call a lower bound.
        let mut zero = presets::find("voiceassist").unwrap().build();
        zero.baseline.units = 0.0;
        let zero = zero.validate().unwrap();
        let results = engine::run(&zero);
        let c = compare_month(&zero, &results, 1, 0).unwrap();
        let per_unit = &row(&c, "per-unit").cells[0];
        assert_eq!(per_unit.text, "—");
        assert_eq!(per_unit.lower_bound, None);
        assert!(row(&c, "total-cost").cells[0].lower_bound.is_some());

        // VoiceAssist prices neither the database nor Redis.
        let plan = presets::find("voiceassist")
            .unwrap()
            .build()
            .validate()
            .unwrap();
        let results = engine::run(&plan);
        let c = compare_month(&plan, &results, 6, 0).unwrap();
        let total = &row(&c, "total-cost").cells[0];
        // 12 × m7g.large at $59.60: the summary's "Total cost $715" was missing the database
        // and Redis.
        assert_eq!(total.text, "at least $715");
        assert_eq!(
            total.lower_bound.as_deref(),
            Some(
                "the database has no price; the database is beyond the largest catalog tier; \
                 Redis has no price"
            )
        );
        // Two lower bounds: the difference is not known.
        assert_eq!(
            bounded(
                difference(10.0, 5.0, Kind::Money(crate::currency::USD)),
                true,
                true
            )
            .text,
            "+$5.00 (+100 %) (both lower bounds)"
        );
        assert_eq!(
            bounded(
                difference(5.0, 5.0, Kind::Money(crate::currency::USD)),
                true,
                false
            )
            .text,
            "at least the same"
        );
    }

    #[test]
    fn month_six_side_by_side_by_hand() {
        let (plan, results) = supabase();
        let c = compare_month(&plan, &results, 6, 1).unwrap();
        assert_eq!(c.label, "May 2026");
        // Conservative 100 × 1.05⁶ = 134, Moderate 100 × 1.17⁶ = 257, Aggressive 100 × 1.4⁶
        // = 753 users.
        let units = row(&c, "units");
        let texts: Vec<&str> = units.cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["134", "257", "753"]);
        // 134 − 257 = −123, −47.9 % of 257.
        let conservative = units.cells[0].difference.as_ref().unwrap();
        assert_eq!(conservative.text, "−123 (−47.9 %)");
        assert_eq!(conservative.direction, Direction::Less);
        assert_eq!(
            units.cells[2].difference.as_ref().unwrap().text,
            "+496 (+193 %)"
        );
        // Month 7: Moderate 100 × 1.17⁷ = 300 users hold 30 GB (Pro+); Aggressive 1 054 users
        // hold 105.4 GB, more than 80 % of Pro+'s 100 GB: Team.
        let c = compare_month(&plan, &results, 7, 1).unwrap();
        let tier = row(&c, "db-tier");
        assert_eq!(tier.cells[1].text, "Pro+");
        assert_eq!(tier.cells[2].text, "Team");
        assert_eq!(
            tier.cells[2].difference.as_ref().unwrap().text,
            "1 tier larger"
        );
        assert_eq!(
            tier.cells[0].difference.as_ref().unwrap().direction,
            Direction::Same
        );
        assert!(c.rows.iter().all(|r| r.key != "gpu-nodes"));
        assert!(compare_month(&plan, &results, 13, 1).is_none());
        assert!(compare_month(&plan, &results, 0, 1).is_none());
        assert!(compare_month(&plan, &results, 1, 3).is_none());
    }

    #[test]
    fn break_points_and_sentences_by_hand() {
        let (plan, results) = supabase();
        let points = break_points(&plan, &results);
        // Team needs data > 75 % of Pro+'s 100 GB (the guide's storage trigger): more than
        // 750 users. Aggressive: 100 × 1.4ᵐ > 750 from m = 6 (753); Moderate: 100 × 1.17ᵐ >
        // 750 from m = 13, beyond the 12-month horizon; Conservative never.
        let team = points.iter().find(|p| p.step == "Database: Team").unwrap();
        assert_eq!(team.months, [None, None, Some(6)]);
        assert_eq!(team.texts[2], "month 6 (May 2026)");
        assert_eq!(team.texts[0], "—");
        // Every scenario needs Pro+ from month 1 (10.5, 11.7 and 14 GB > 6 GB): no break
        // point.
        assert!(points.iter().all(|p| p.step != "Database: Pro+"));
        let sentences = break_sentences(&plan, &results, 1);
        assert!(
            sentences.iter().any(|s| s.text
                == "Aggressive needs Team in month 6; Moderate does not need Team within the 12-month horizon"),
            "{sentences:#?}"
        );
        // Redis: 10 MB a user; 4 GB single node past 80 % of 2 GB = 1 600 MB (160 users).
        let redis4 = points
            .iter()
            .find(|p| p.step == "Redis: 4 GB single node")
            .unwrap();
        // Conservative 100 × 1.05ᵐ > 160 from m = 10; Moderate 1.17ᵐ > 1.6 from m = 3;
        // Aggressive 1.4ᵐ > 1.6 from m = 2.
        assert_eq!(redis4.months, [Some(10), Some(3), Some(2)]);
        let lead = sentences
            .iter()
            .find(|s| s.scenario == 2 && s.text.contains("4 GB single node"))
            .unwrap();
        assert_eq!(
            lead.text,
            "Aggressive needs 4 GB single node 1 month before Moderate (month 2 vs 3)"
        );
        assert_eq!(lead.lead_months, Some(1));
        let behind = sentences
            .iter()
            .find(|s| s.scenario == 0 && s.text.contains("4 GB single node"))
            .unwrap();
        assert_eq!(
            behind.text,
            "Conservative needs 4 GB single node 7 months after Moderate (month 10 vs 3)"
        );
        // The cluster is a step of its own.
        assert!(points.iter().any(|p| p.step == "Redis cluster"));
        // No sentence about the reference itself.
        assert!(sentences.iter().all(|s| s.scenario != 1));
        assert!(break_sentences(&plan, &results, 7).is_empty());
    }

    #[test]
    fn identical_scenarios_have_no_sentences_and_only_same_differences() {
        let mut plan = presets::find("supabase-redis").unwrap().build();
        plan.scenarios.truncate(1);
        let mut twin = plan.scenarios[0].clone();
        twin.name = "Twin".to_owned();
        plan.scenarios.push(twin);
        let plan = plan.validate().unwrap();
        let results = engine::run(&plan);
        assert!(break_sentences(&plan, &results, 0).is_empty());
        let c = compare_month(&plan, &results, 12, 0).unwrap();
        for r in &c.rows {
            assert_eq!(
                r.cells[1].difference.as_ref().unwrap().direction,
                Direction::Same,
                "{}",
                r.key
            );
        }
    }

    #[test]
    fn voice_plans_compare_gpu_nodes() {
        let plan = presets::find("cafe-pilot")
            .unwrap()
            .build()
            .validate()
            .unwrap();
        let results = engine::run(&plan);
        let c = compare_month(&plan, &results, 1, 0).unwrap();
        let nodes = row(&c, "gpu-nodes");
        assert_eq!(
            nodes.cells[0].text,
            results.scenarios[0].months[0]
                .voice
                .as_ref()
                .unwrap()
                .nodes
                .to_string()
        );
    }

    /// GPU steps part scenarios too: the first step above the fewest month-1 nodes and each
    /// doubling, each month the first a scenario runs that many nodes.
    #[test]
    fn gpu_steps_are_break_points() {
        let mut plan = presets::find("cafe-pilot").unwrap().build();
        plan.horizon_months = 36;
        plan.scenarios.truncate(1);
        let mut fast = plan.scenarios[0].clone();
        fast.name = "Fast".to_owned();
        fast.growth = crate::plan::Growth::Compound {
            monthly_growth_pct: 15.0,
            monthly_churn_pct: 0.0,
        };
        fast.calendar.clear();
        let mut slow = fast.clone();
        slow.name = "Slow".to_owned();
        slow.growth = crate::plan::Growth::Compound {
            monthly_growth_pct: 5.0,
            monthly_churn_pct: 0.0,
        };
        plan.scenarios = vec![slow, fast];
        let plan = plan.validate().unwrap();
        let results = engine::run(&plan);
        let nodes = |s: usize| -> Vec<u64> {
            results.scenarios[s]
                .months
                .iter()
                .map(|m| m.voice.as_ref().unwrap().nodes)
                .collect()
        };
        let (slow_nodes, fast_nodes) = (nodes(0), nodes(1));
        let base = slow_nodes[0].min(fast_nodes[0]);
        let points: Vec<BreakPoint> = break_points(&plan, &results)
            .into_iter()
            .filter(|p| p.resource == Resource::Voice)
            .collect();
        assert!(points.len() >= 2, "{points:#?}");
        assert_eq!(points[0].step, format!("GPU nodes: {} or more", base + 1));
        for point in &points {
            let n: u64 = point
                .step
                .trim_start_matches("GPU nodes: ")
                .trim_end_matches(" or more")
                .parse()
                .unwrap();
            let first = |all: &[u64]| all.iter().position(|&x| x >= n).map(|i| i as u32 + 1);
            assert_eq!(
                point.months,
                [first(&slow_nodes), first(&fast_nodes)],
                "{}",
                point.step
            );
        }
        // Doublings: each count after the first is twice the one before (past the first).
        for pair in points.windows(2).skip(1) {
            let n = |p: &BreakPoint| -> u64 {
                p.step
                    .trim_start_matches("GPU nodes: ")
                    .trim_end_matches(" or more")
                    .parse()
                    .unwrap()
            };
            assert_eq!(n(&pair[1]), 2 * n(&pair[0]));
        }
        let sentences = break_sentences(&plan, &results, 0);
        assert!(
            sentences
                .iter()
                .any(|s| s.resource == Resource::Voice && s.text.starts_with("Fast needs")),
            "{sentences:#?}"
        );
    }

    #[test]
    fn differences_in_words() {
        assert_eq!(difference(5.0, 5.0, Kind::Count).text, "same");
        assert_eq!(difference(6.0, 4.0, Kind::Count).text, "+2 (+50 %)");
        assert_eq!(difference(3.0, 0.0, Kind::Count).text, "+3");
        assert_eq!(
            difference(80.0, 200.0, Kind::Money(crate::currency::USD)).text,
            "−$120 (−60 %)"
        );
        assert_eq!(difference(10.004, 10.0, Kind::Amount).text, "same");
        assert_eq!(
            difference(1.0, 3.0, Kind::Rank("tier")).text,
            "2 tiers smaller"
        );
        assert_eq!(
            difference(3.0, 2.0, Kind::Rank("plan")).text,
            "1 plan larger"
        );
    }
}
