//! Which tables a scenario has, by identifier and in page order, and building one or all of
//! them; the working of one cell on demand.

use super::cost::cost_table;
use super::demand::demand_table;
use super::stores::{database_table, redis_table};
use super::voice::voice_table;
use super::{month_label, Column, Table};
use crate::engine::{self, PlanResults, ScenarioResult};
use crate::plan::Plan;
use crate::validate::ValidPlan;

/// Identifier and title of every table of scenario `scenario`, in page order: demand and app
/// instances, database, Redis, GPU voice (only when the plan has voice) and cost. Empty when
/// the index is out of range.
pub fn table_ids(
    plan: &ValidPlan,
    results: &PlanResults,
    scenario: usize,
) -> Vec<(&'static str, &'static str)> {
    let Some(result) = results.scenarios.get(scenario) else {
        return Vec::new();
    };
    let mut ids = vec![
        ("demand", "Demand and app instances"),
        ("database", "Database"),
        ("redis", "Redis"),
    ];
    if has_voice(plan.plan(), result) {
        ids.push(("voice", "GPU voice"));
    }
    ids.push(("cost", "Cost"));
    ids
}

fn has_voice(plan: &Plan, result: &ScenarioResult) -> bool {
    plan.baseline.voice.is_some() && result.months.iter().any(|m| m.voice.is_some())
}

/// The table `id` (see [`table_ids`]) of scenario `scenario`; `None` when either is unknown.
/// Builds only that table: the page shows one at a time and rebuilds it on every keystroke.
pub fn scenario_table(
    plan: &ValidPlan,
    results: &PlanResults,
    scenario: usize,
    id: &str,
) -> Option<Table> {
    let result = results.scenarios.get(scenario)?;
    let plan = plan.plan();
    let labels: Vec<String> = result
        .months
        .iter()
        .map(|m| month_label(m.calendar))
        .collect();
    match id {
        "demand" => Some(demand_table(plan, result, &labels)),
        "database" => Some(database_table(plan, result, &labels)),
        "redis" => Some(redis_table(plan, result, &labels)),
        "voice" if has_voice(plan, result) => Some(voice_table(plan, result, &labels)),
        "cost" => Some(cost_table(plan, results, result, &labels)),
        _ => None,
    }
}

/// Every sizing table of scenario `scenario` (an index into `results.scenarios`), in the order
/// of [`table_ids`]. Empty when the index is out of range. `results` must be
/// [`engine::run`]'s output for `plan`.
///
/// # Example
/// ```
/// use headroom_core::{engine, plan::Plan, tables};
/// let plan = Plan::default().validate().unwrap();
/// let results = engine::run(&plan);
/// let tables = tables::scenario_tables(&plan, &results, 0);
/// let ids: Vec<&str> = tables.iter().map(|t| t.id).collect();
/// assert_eq!(ids, ["demand", "database", "redis", "cost"]);
/// assert_eq!(tables[0].cell(1, "instances").unwrap().text, "2");
/// ```
pub fn scenario_tables(plan: &ValidPlan, results: &PlanResults, scenario: usize) -> Vec<Table> {
    table_ids(plan, results, scenario)
        .into_iter()
        .filter_map(|(id, _)| scenario_table(plan, results, scenario, id))
        .collect()
}

/// The explanation of the figure in `column` of `month`, built on demand (see
/// [`engine::explain`]).
pub fn explain_cell(
    plan: &ValidPlan,
    results: &PlanResults,
    scenario: usize,
    month: u32,
    column: &Column,
) -> Option<crate::explain::Explanation> {
    engine::explain(plan, results, scenario, month, column.figure?)
}
