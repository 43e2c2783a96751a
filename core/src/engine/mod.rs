//! The engine: a [`ValidPlan`] in, every scenario's month-by-month sizing and cost out.
//!
//! Data flows one way through the models:
//!
//! ```text
//! growth (units per month, forecast bound, headroom, calendar peaks)
//!   → sizing: app instances, DB connections, Redis memory, GPU voice nodes
//!   → tier progression: database tier and Redis plan per month (never downgrading)
//!   → cost: per component, commitments, off-hours savings, cost per unit and per session
//!   → timeline: upgrades and limits crossed, in month order
//! ```
//!
//! [`run`] cannot fail: the plan is already validated, every model saturates instead of
//! overflowing, and a figure the models cannot produce (a trend that cannot be fitted, demand
//! beyond the largest catalog entry) is reported as a note or a flagged month, never as NaN.
//!
//! Results hold numbers, not words: the page recomputes on every keystroke, and a figure's
//! working is only read when someone asks for it. [`explain`] builds the explanation of any
//! figure of any month on demand, from the plan and the results.
//!
//! This module holds the results and [`run`]; `run.rs` one scenario's run, stage by stage;
//! `explain.rs` the explanations ([`Figure`], [`explain`]) and `timeline.rs` the timeline
//! ([`TimelineEvent`]). The models it runs live in
//! their own modules: among them [`crate::voice`] (GPU voice nodes) and [`crate::database`]
//! (connections, data and the pooler rule).

mod explain;
mod run;
mod timeline;

pub use explain::{explain, Figure};
pub use timeline::{Resource, TimelineEvent, MAX_SEPARATE_STEPS};

use run::{run_scenario, size_scenario};

use crate::cost::{self, CommitmentAdvice, CostBreakdown, CostComponent, OffHours};
use crate::currency::Currency;
use crate::database::DatabaseMonth;
use crate::explain::Explanation;
use crate::format;
use crate::growth::{self, Forecast, MonthMultipliers};
use crate::plan::{InstanceType, Plan, RedisTopology, Traffic, YearMonth};
use crate::redis::RedisNeed;
use crate::sizing::AppSizing;
use crate::tiers::Progression;
use crate::units::PlanMonth;
use crate::usl;
use crate::validate::ValidPlan;
use crate::vertical::{SizeChange, VerticalComparison};
use crate::voice::VoiceSizing;
use chrono::NaiveDate;
use serde::Serialize;
use std::sync::Arc;

/// Everything the page, the exports and the comparisons show.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanResults {
    /// One result per scenario, in the plan's order. Shared, so results that differ in one
    /// scenario (after an edit, before the others are computed again) share the rest.
    pub scenarios: Vec<Arc<ScenarioResult>>,
    /// Day the catalog prices were read: shown with every cost.
    #[serde(with = "crate::plan::day")]
    pub priced_on: NaiveDate,
    /// The plan's currency: every cost is in it.
    pub currency: Currency,
}

/// One scenario over the horizon.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScenarioResult {
    /// The scenario's name.
    pub name: String,
    /// Months 1..=horizon.
    pub months: Vec<MonthResult>,
    /// Database tier per month and the upgrade timeline.
    pub database_tiers: Progression,
    /// Redis plan per month and the upgrade timeline.
    pub redis_plans: Progression,
    /// Upgrades and limits crossed, in month order.
    pub timeline: Vec<TimelineEvent>,
    /// Commitment advice for the app instances (when the plan enables commitments).
    pub commitment: Option<CommitmentAdvice>,
    /// Commitment advice for the GPU voice nodes (when the plan enables commitments and has
    /// voice).
    pub gpu_commitment: Option<CommitmentAdvice>,
    /// Instance sizes compared at the busiest month, with the cheapest mix of sizes.
    pub vertical: VerticalComparison,
    /// When the app's instance type should give way to a larger size (past the maximum, or a
    /// larger size is cheaper than adding instances).
    pub size_change: SizeChange,
    /// Where adding instances stops helping, when the plan has scaling measurements.
    pub scaling: Option<ScalingCheck>,
    /// Things the planner should know about this scenario's inputs (a trend that could not be
    /// fitted, demand clamped at the model's range).
    pub notes: Vec<String>,
}

/// One month of one scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthResult {
    /// The plan month.
    pub month: PlanMonth,
    /// Calendar month.
    pub calendar: YearMonth,
    /// Demand units forecast (mean and interval).
    pub units: Forecast,
    /// Units sized for: the policy's bound plus headroom.
    pub units_sized: f64,
    /// Calendar multipliers active this month.
    pub calendar_effect: MonthMultipliers,
    /// Peak requests per second sized for.
    pub peak_rps: f64,
    /// App instances.
    pub app: AppSizing,
    /// Database connections, data and tier.
    pub database: DatabaseMonth,
    /// Redis memory and plan.
    pub redis: RedisMonth,
    /// GPU voice nodes, when the plan has voice.
    pub voice: Option<VoiceSizing>,
    /// Cost by component.
    pub cost: CostBreakdown,
    /// Total cost per demand unit forecast (the policy's bound, without headroom: headroom is
    /// spare capacity, not users), when there are units.
    pub cost_per_unit_usd: Option<f64>,
    /// Total cost per voice session of the month (sessions per unit per day × units × days ×
    /// the calendar's average multiplier), when the plan has voice sessions.
    pub cost_per_session_usd: Option<f64>,
    /// App instances under a commitment this month (0 without commitments): their price is
    /// discounted.
    pub committed_app_instances: u64,
    /// GPU voice nodes under a commitment this month (0 without commitments or voice).
    pub committed_gpu_nodes: u64,
}

/// Redis in one month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RedisMonth {
    /// Memory needed.
    pub need: RedisNeed,
    /// Index of the plan in the plan's Redis catalog, or `None` beyond the catalog.
    pub plan: Option<usize>,
    /// Topology of the plan.
    pub topology: Option<RedisTopology>,
}

/// Runs every model for every scenario.
///
/// # Example
/// ```
/// use headroom_core::{engine, plan::Plan};
/// let plan = Plan::default().validate().unwrap();
/// let results = engine::run(&plan);
/// assert_eq!(results.scenarios[0].months.len(), 12);
/// ```
pub fn run(plan: &ValidPlan) -> PlanResults {
    PlanResults {
        scenarios: (0..plan.plan().scenarios.len())
            .map(|i| Arc::new(run_scenario(plan, i)))
            .collect(),
        priced_on: plan.plan().catalogs.priced_on,
        currency: plan.plan().currency(),
    }
}

/// A scenario's months and its database and Redis walks: [`ScenarioResult`] without what is
/// judged over the horizon (commitments, instance sizes, scaling, the timeline, notes). What
/// the Monte Carlo trials count, a few thousand runs at a time.
#[derive(Clone, Debug, PartialEq)]
pub struct SizedScenario {
    /// Months 1..=horizon, as [`ScenarioResult::months`].
    pub months: Vec<MonthResult>,
    /// As [`ScenarioResult::database_tiers`].
    pub database_tiers: Progression,
    /// As [`ScenarioResult::redis_plans`].
    pub redis_plans: Progression,
}

/// Every scenario's months and tier walks ([`SizedScenario`]): [`run`] without the advice over
/// the horizon, which neither a trial's bands nor its dates read.
///
/// # Example
/// ```
/// use headroom_core::{engine, plan::Plan};
/// let plan = Plan::default().validate().unwrap();
/// let (sized, full) = (engine::run_sized(&plan), engine::run(&plan));
/// assert_eq!(sized[0].months, full.scenarios[0].months);
/// assert_eq!(sized[0].database_tiers, full.scenarios[0].database_tiers);
/// ```
pub fn run_sized(plan: &ValidPlan) -> Vec<SizedScenario> {
    (0..plan.plan().scenarios.len())
        .map(|i| size_scenario(plan, i))
        .collect()
}

/// Runs every model for one scenario (by its index in the plan), or `None` when the plan has
/// no such scenario. Scenarios do not depend on each other: `run` is this for every index, so
/// a caller can compute the one on show first and the others later.
///
/// # Example
/// ```
/// use headroom_core::{engine, plan::Plan};
/// let plan = Plan::default().validate().unwrap();
/// assert_eq!(engine::run_one(&plan, 0), Some(engine::run(&plan).scenarios[0].clone()));
/// assert_eq!(engine::run_one(&plan, 99), None);
/// ```
pub fn run_one(plan: &ValidPlan, index: usize) -> Option<Arc<ScenarioResult>> {
    (index < plan.plan().scenarios.len()).then(|| Arc::new(run_scenario(plan, index)))
}

/// Where adding instances stops helping, from the plan's load-test measurements.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScalingCheck {
    /// Contention α of the Universal Scalability Law fit.
    pub contention_alpha: f64,
    /// Coherency β of the fit.
    pub coherency_beta: f64,
    /// N*: instances at which throughput peaks (`None` when it keeps rising).
    pub peak_instances: Option<f64>,
    /// Throughput at N*, req/s.
    pub peak_throughput_rps: Option<f64>,
    /// The busiest month's instance count.
    pub busiest_instances: u64,
    /// Verdict at the busiest month (no fit to judge by reads as [`usl::ScalingVerdict::Helps`]).
    pub verdict: usl::ScalingVerdict,
    /// First month whose instance count reaches N*.
    pub first_month_past_peak: Option<PlanMonth>,
    /// The fit and the verdict in words.
    pub explanation: Explanation,
}

/// Fits the Universal Scalability Law to the plan's scaling measurements and judges the
/// scenario's busiest month (Gunther, *Guerrilla Capacity Planning*, 2007; docs/models.md
/// "Universal Scalability Law"). Needs three or more distinct instance counts including one
/// instance; otherwise a note says why.
fn scaling_check(
    plan: &Plan,
    months: &[MonthResult],
    notes: &mut Vec<String>,
) -> Option<ScalingCheck> {
    let points: Vec<usl::UslPoint> = plan
        .baseline
        .scaling
        .iter()
        .map(|p| usl::UslPoint {
            n: p.instances,
            throughput_per_s: p.throughput_rps,
        })
        .collect();
    if points.is_empty() {
        return None;
    }
    let fit = match usl::fit(&points) {
        Ok(fit) => fit,
        Err(error) => {
            notes.push(format!(
                "The scaling measurements could not be fitted: {error}."
            ));
            return None;
        }
    };
    let model = &fit.model;
    let busiest_instances = months.iter().map(|m| m.app.instances).max().unwrap_or(0);
    let peak = model.peak();
    let advice = model
        .scaling_advice(&usl::ScalingOptions::new(
            (busiest_instances as f64).max(1.0),
        ))
        .ok();
    let verdict = advice
        .as_ref()
        .map_or(usl::ScalingVerdict::Helps, |a| a.verdict);
    let first_month_past_peak = peak.and_then(|p| {
        months
            .iter()
            .find(|m| m.app.instances as f64 >= p.concurrency)
            .map(|m| m.month)
    });
    let explanation = Explanation::new(match peak {
        Some(p) => format!(
            "Throughput peaks at {} instances",
            format::number(p.concurrency)
        ),
        None => "Throughput keeps rising with instances".to_owned(),
    })
    .formula(format!(
        "X(N) = X(1)·N ÷ (1 + {}·(N−1) + {}·N·(N−1)); N* = √((1 − α) ÷ β)",
        format::number(model.contention_alpha()),
        format::number(model.coherency_beta())
    ))
    .input("measurements", points.len().to_string())
    .input(
        "X(1)",
        format::with_unit(model.single_throughput_per_s(), "req/s"),
    )
    .input("busiest month", format!("{busiest_instances} instances"))
    .binding(match verdict {
        usl::ScalingVerdict::PastPeak => {
            "adding instances no longer raises throughput: scale up a size or remove contention"
        }
        usl::ScalingVerdict::DiminishingReturns => {
            "each added instance adds less than half an instance's throughput"
        }
        usl::ScalingVerdict::Helps => "adding instances still helps",
    });
    Some(ScalingCheck {
        contention_alpha: model.contention_alpha(),
        coherency_beta: model.coherency_beta(),
        peak_instances: peak.map(|p| p.concurrency),
        peak_throughput_rps: peak.map(|p| p.throughput_per_s),
        busiest_instances,
        verdict,
        first_month_past_peak,
        explanation,
    })
}

/// Peak requests per second for `units` demand units (the units sized for, headroom included),
/// before calendar effects, under the scenario's `traffic` model (its own or the baseline's).
///
/// ```text
/// daily_volume:  fixed × background × headroom + shape(units × requests per unit per day)
/// peak_rate:     fixed × background × headroom + (peak today − fixed) × units ÷ units today
/// ```
///
/// `fixed` is [`Baseline::fixed_peak_rps`](crate::plan::Baseline::fixed_peak_rps): traffic
/// that does not grow with units still takes the policy's headroom, and grows by the
/// scenario's `background` factor ([`OwnGrowth::background`], 1 without background growth).
/// Within `[0, MAX_RPS]`.
fn peak_rps(plan: &Plan, traffic: &Traffic, units: f64, headroom: f64, background: f64) -> f64 {
    let fixed_today = plan.baseline.fixed_peak_rps;
    let variable = match traffic {
        Traffic::DailyVolume {
            requests_per_unit_per_day,
            peak,
        } => growth::peak_rps(units * requests_per_unit_per_day, *peak),
        Traffic::PeakRate { peak_rps } => {
            let growing_today = (peak_rps - fixed_today).max(0.0);
            if plan.baseline.units > 0.0 {
                growing_today * units / plan.baseline.units
            } else {
                growing_today * headroom
            }
        }
    };
    crate::tiers::demand_amount(fixed_today * background * headroom + variable).min(growth::MAX_RPS)
}

impl RedisMonth {
    /// The plan's topology in words: "single node", "primary + replica" or "cluster".
    pub fn topology_words(&self) -> Option<&'static str> {
        self.topology.map(RedisTopology::words)
    }
}

/// App instances' monthly cost: on demand, less the off-hours saving when enabled.
fn app_cost_usd(app_type: &InstanceType, instances: u64, off_hours_saving_usd: f64) -> f64 {
    let on_demand = instances as f64 * app_type.usd_per_month;
    (on_demand - off_hours_saving_usd).max(0.0)
}

/// What a month's bill counts at less than it costs, in bill order: the app instances or GPU
/// nodes priced at $0 while some run; a database or Redis priced at $0 when no entry of its
/// catalog has a price (a $0 entry beside priced ones is a free tier, not a missing price); a
/// database or Redis need beyond its catalog (the bill counts the largest entry).
fn cost_gaps(
    plan: &Plan,
    app_usd_per_month: f64,
    app_instances: u64,
    db_beyond: bool,
    redis_beyond: bool,
    gpu: Option<(u64, f64)>,
) -> Vec<cost::CostGap> {
    let mut gaps = Vec::new();
    if app_instances > 0 && app_usd_per_month <= 0.0 {
        gaps.push(cost::CostGap::Unpriced(CostComponent::AppInstances));
    }
    let databases = &plan.catalogs.databases;
    if !databases.is_empty() && databases.iter().all(|t| t.usd_per_month <= 0.0) {
        gaps.push(cost::CostGap::Unpriced(CostComponent::Database));
    }
    if db_beyond && !databases.is_empty() {
        gaps.push(cost::CostGap::BeyondCatalog(CostComponent::Database));
    }
    let redis = &plan.catalogs.redis;
    if !redis.is_empty() && redis.iter().all(|p| p.usd_per_month <= 0.0) {
        gaps.push(cost::CostGap::Unpriced(CostComponent::Redis));
    }
    if redis_beyond && !redis.is_empty() {
        gaps.push(cost::CostGap::BeyondCatalog(CostComponent::Redis));
    }
    if let Some((nodes, usd_per_month)) = gpu {
        if nodes > 0 && usd_per_month <= 0.0 {
            gaps.push(cost::CostGap::Unpriced(CostComponent::GpuVoice));
        }
    }
    gaps
}

/// What the app's off-hours scale-down saves in a month of `instances` (0 when not enabled).
fn off_hours_saving_usd(
    off_hours: Option<&OffHours>,
    app_type: &InstanceType,
    instances: u64,
) -> f64 {
    off_hours.map_or(0.0, |rules| {
        cost::off_hours_saving(instances, app_type.usd_per_month, rules).saving_usd_per_month
    })
}
