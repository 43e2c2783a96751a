//! The `results` section of an exported plan file: what the engine computed, written beside the
//! inputs for people and tools that read the file without Headroom.
//!
//! Results are *derived*: [`crate::codec::plan_file::import`] ignores the section (it only has
//! to be well-formed YAML or JSON within the file's limits) and the page recomputes everything
//! from `plan`. A file edited by hand therefore cannot contradict itself: change an input, and
//! the results follow when the file is opened. The section says so in its `derived` field.
//!
//! Each scenario's months are one table: `columns` names the cells of every row, once for the
//! whole file, and each row is written as a flow sequence (`[1, "2027-01", 1050, …]`), so the
//! largest plan (12 scenarios × 120 months) stays within the plan file's reading budget.
//! Figures are rounded to two decimals (exact figures come from opening the file).

use serde::Serialize;
use serde_json::Value;

use crate::engine::{MonthResult, PlanResults, Resource, ScenarioResult};
use crate::totals::LowerBound;
use crate::validate::ValidPlan;

/// What the `derived` field says.
pub const DERIVED_NOTE: &str = "Computed by Headroom from `plan`. Opening the file ignores this \
                                section and computes the results again.";

/// The columns of every month row, in order, with their units in their names; the two costs
/// name the plan's currency in place of `usd` ([`columns`]).
pub const COLUMNS: [&str; 14] = [
    "month",
    "calendar_month",
    "units",
    "peak_rps",
    "app_instances",
    "db_connections",
    "db_tier",
    "db_pooler_advised",
    "redis_node_memory_mb",
    "redis_plan",
    "gpu_nodes",
    "cost_usd_per_month",
    "cost_per_unit_usd_per_month",
    "cost_is_lower_bound",
];

/// The section as written to the file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResultsSection {
    /// [`DERIVED_NOTE`].
    pub derived: &'static str,
    /// Day the catalog prices were read (`YYYY-MM-DD`).
    pub priced_on: String,
    /// [`columns`]: [`COLUMNS`] in the plan's currency.
    pub columns: Vec<String>,
    /// One entry per scenario, in the plan's order.
    pub scenarios: Vec<ScenarioSection>,
}

/// One scenario's results.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScenarioSection {
    /// The scenario's name.
    pub name: String,
    /// One row per month, cells as named by [`COLUMNS`]; `null` where a figure does not exist
    /// (beyond a catalog, no voice).
    pub months: Vec<Vec<Value>>,
    /// Upgrades and limits crossed, in month order.
    pub timeline: Vec<TimelineEntry>,
    /// What the planner should know about this scenario's inputs.
    pub notes: Vec<String>,
    /// Whether any month's total cost leaves out a component (no price, or beyond its
    /// catalog): those totals are lower bounds.
    pub lower_bound: bool,
    /// What the totals leave out, in words, with the month each starts when later than month
    /// 1: "the database is beyond the largest catalog tier from month 6".
    pub missing: Vec<String>,
}

/// One upgrade or limit crossed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimelineEntry {
    /// Plan month, 1-based.
    pub month: u32,
    /// `YYYY-MM`.
    pub calendar_month: String,
    /// `app`, `database`, `redis` or `voice`.
    pub resource: &'static str,
    /// What happens, in words.
    pub text: String,
}

/// `value` rounded to two decimals, as a JSON number (`null` if not finite, which the engine
/// never produces).
fn figure(value: f64) -> Value {
    let rounded = (value * 100.0).round() / 100.0;
    serde_json::Number::from_f64(if rounded == 0.0 { 0.0 } else { rounded })
        .map_or(Value::Null, Value::Number)
}

fn resource_word(resource: Resource) -> &'static str {
    match resource {
        Resource::App => "app",
        Resource::Database => "database",
        Resource::Redis => "redis",
        Resource::Voice => "voice",
    }
}

fn month_row(plan: &ValidPlan, month: &MonthResult) -> Vec<Value> {
    let catalogs = &plan.plan().catalogs;
    let name = |n: Option<&String>| n.map_or(Value::Null, |n| Value::String(n.clone()));
    vec![
        Value::from(month.month.number()),
        Value::String(month.calendar.to_string()),
        figure(month.units_sized),
        figure(month.peak_rps),
        Value::from(month.app.instances),
        figure(month.database.connections),
        name(
            month
                .database
                .tier
                .and_then(|t| catalogs.databases.get(t))
                .map(|t| &t.name),
        ),
        Value::Bool(month.database.needs_pooler),
        figure(month.redis.need.node_memory_mb),
        name(
            month
                .redis
                .plan
                .and_then(|p| catalogs.redis.get(p))
                .map(|p| &p.name),
        ),
        month.voice.as_ref().map_or(Value::Null, |v| v.nodes.into()),
        figure(month.cost.total_usd_per_month),
        month.cost_per_unit_usd.map_or(Value::Null, figure),
        Value::Bool(month.cost.is_lower_bound()),
    ]
}

fn scenario_section(plan: &ValidPlan, scenario: &ScenarioResult) -> ScenarioSection {
    let missing = LowerBound::of(&scenario.months)
        .map(|why| why.reasons(&plan.plan().baseline.other_costs))
        .unwrap_or_default();
    ScenarioSection {
        lower_bound: !missing.is_empty(),
        missing,
        name: scenario.name.clone(),
        months: scenario.months.iter().map(|m| month_row(plan, m)).collect(),
        timeline: scenario
            .timeline
            .iter()
            .map(|e| TimelineEntry {
                month: e.month.number(),
                calendar_month: e.calendar.to_string(),
                resource: resource_word(e.resource),
                text: e.text.clone(),
            })
            .collect(),
        notes: scenario.notes.clone(),
    }
}

/// The results section for `plan`, whose results are `results` (`engine::run(plan)`).
///
/// # Example
/// ```
/// use headroom_core::{codec::results, engine, plan::Plan};
/// let plan = Plan::default().validate().unwrap();
/// let section = results::section(&plan, &engine::run(&plan));
/// assert_eq!(section.scenarios[0].months.len(), 12);
/// assert_eq!(section.scenarios[0].months[0].len(), results::COLUMNS.len());
/// ```
pub fn section(plan: &ValidPlan, results: &PlanResults) -> ResultsSection {
    ResultsSection {
        derived: DERIVED_NOTE,
        priced_on: results.priced_on.to_string(),
        columns: columns(results.currency),
        scenarios: results
            .scenarios
            .iter()
            .map(|s| scenario_section(plan, s))
            .collect(),
    }
}

/// [`COLUMNS`] with the costs in `currency`: `cost_eur_per_month`, `cost_per_unit_eur_per_month`
/// (unchanged in US dollars).
///
/// # Example
/// ```
/// use headroom_core::{codec::results::columns, currency::Currency};
/// let eur = columns(Currency::of("EUR").unwrap());
/// assert_eq!(eur[11..13], ["cost_eur_per_month", "cost_per_unit_eur_per_month"]);
/// ```
pub fn columns(currency: crate::currency::Currency) -> Vec<String> {
    let code = currency.code().to_ascii_lowercase();
    COLUMNS.iter().map(|c| c.replace("usd", &code)).collect()
}

impl ResultsSection {
    /// The section as a document, as its `Serialize` writes it (built by hand: the file worker
    /// then carries no serializer for it).
    pub fn document(&self) -> Value {
        let scenarios: Vec<Value> = self
            .scenarios
            .iter()
            .map(ScenarioSection::document)
            .collect();
        crate::codec::json::object(vec![
            ("derived", self.derived.into()),
            ("priced_on", self.priced_on.as_str().into()),
            ("columns", self.columns.clone().into()),
            ("scenarios", scenarios.into()),
        ])
    }
}

impl ScenarioSection {
    fn document(&self) -> Value {
        let timeline: Vec<Value> = self
            .timeline
            .iter()
            .map(|entry| {
                crate::codec::json::object(vec![
                    ("month", entry.month.into()),
                    ("calendar_month", entry.calendar_month.as_str().into()),
                    ("resource", entry.resource.into()),
                    ("text", entry.text.as_str().into()),
                ])
            })
            .collect();
        crate::codec::json::object(vec![
            ("name", self.name.as_str().into()),
            ("months", self.months.clone().into()),
            ("timeline", timeline.into()),
            ("notes", self.notes.clone().into()),
            ("lower_bound", self.lower_bound.into()),
            ("missing", self.missing.clone().into()),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voiceassist_totals_are_marked_lower_bounds_with_what_they_miss() {
        let plan = crate::presets::find("voiceassist")
            .unwrap()
            .build()
            .validate()
            .unwrap();
        let section = section(&plan, &crate::engine::run(&plan));
        let scenario = &section.scenarios[0];
        assert!(scenario.lower_bound);
        assert_eq!(
            scenario.missing,
            [
                "the database has no price",
                "Redis has no price",
                "the database is beyond the largest catalog tier from month 6"
            ]
        );
        let last = COLUMNS.len() - 1;
        assert_eq!(COLUMNS[last], "cost_is_lower_bound");
        assert!(scenario
            .months
            .iter()
            .all(|row| row.get(last) == Some(&Value::Bool(true))));

        // A complete bill: not a lower bound, nothing missing.
        let blank = crate::plan::Plan::default().validate().unwrap();
        let section = super::section(&blank, &crate::engine::run(&blank));
        assert!(!section.scenarios[0].lower_bound);
        assert!(section.scenarios[0].missing.is_empty());
        assert_eq!(
            section.scenarios[0].months[0].get(last),
            Some(&Value::Bool(false))
        );
    }

    #[test]
    fn the_document_is_what_serde_writes() {
        for id in ["voiceassist", "cafe-pilot"] {
            let plan = crate::presets::find(id)
                .unwrap()
                .build()
                .validate()
                .unwrap();
            let section = section(&plan, &crate::engine::run(&plan));
            assert_eq!(section.document(), serde_json::to_value(&section).unwrap());
        }
    }

    #[test]
    fn figures_are_rounded_to_cents() {
        assert_eq!(figure(1.005_000_1), serde_json::json!(1.01));
        assert_eq!(figure(2.0), serde_json::json!(2.0));
        assert_eq!(figure(-0.001), serde_json::json!(0.0));
        assert_eq!(figure(f64::NAN), Value::Null);
    }
}
