//! Break points: the first month each scenario needs a step the plan has to prepare for,
//! and the sentences that compare those months against the reference.

use crate::engine::{MonthResult, PlanResults, Resource};
use crate::plan::{Plan, RedisTopology};
use crate::tables::month_label;
use crate::units::PlanMonth;
use crate::validate::ValidPlan;
use serde::Serialize;

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
    /// First month per scenario, in the plan's order; `None` = not within the horizon.
    pub months: Vec<Option<PlanMonth>>,
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
    let first = |test: &dyn Fn(&MonthResult) -> bool| -> Vec<Option<PlanMonth>> {
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
                    months: Vec<Option<PlanMonth>>| {
        let reached = months.iter().any(Option::is_some);
        let all_from_start = months.iter().all(|m| *m == Some(PlanMonth::FIRST));
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
    let past_peak: Vec<Option<PlanMonth>> = scenarios
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
fn month_text(plan: &Plan, month: Option<PlanMonth>) -> String {
    match month {
        Some(m) => format!(
            "month {m} ({})",
            month_label(plan.start.of_plan_month(m.number()))
        ),
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
