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

use crate::cost::{self, CommitmentAdvice, CostBreakdown, CostComponent, CostLineItem, FleetMonth};
use crate::database::{DatabaseMonth, DATABASE_DIMENSIONS};
use crate::explain::Explanation;
use crate::format;
use crate::growth::{self, Forecast, MonthMultipliers};
use crate::plan::{
    ForecastBound, GpuNode, InstanceType, PeakShape, Plan, RedisTopology, Traffic, VoiceDemand,
    YearMonth,
};
use crate::redis::{self, RedisNeed};
use crate::sizing::{self, AppSizing, SizingPolicy};
use crate::tiers::{self, ConnectionCheck, Progression, ProgressionOptions};
use crate::usl;
use crate::validate::ValidPlan;
use crate::vertical::{self, SizeChange, SizeChangeReason, VerticalComparison};
use crate::voice::{self, LargeLoadSizer, QueueModel, VoiceBinding, VoiceSizing};
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
    /// Month number, 1-based.
    pub month: u32,
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

/// One upgrade or limit crossed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimelineEvent {
    /// Month number, 1-based.
    pub month: u32,
    /// Calendar month.
    pub calendar: YearMonth,
    /// Which resource.
    pub resource: Resource,
    /// "Supabase Small → Medium: connections 101 > 80 % of 120".
    pub text: String,
    /// The last month of an entry that groups repeated steps of one resource ("GPU voice
    /// nodes 3 → 47 over months 4–120, in 44 steps"); `None` for a single step. `month` is
    /// the first step's.
    pub through_month: Option<u32>,
}

/// A resource the plan sizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Resource {
    /// App instances.
    App,
    /// Managed database.
    Database,
    /// Redis.
    Redis,
    /// GPU voice nodes.
    Voice,
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
    let plan = plan.plan();
    PlanResults {
        scenarios: (0..plan.scenarios.len())
            .map(|i| Arc::new(run_scenario(plan, i)))
            .collect(),
        priced_on: plan.catalogs.priced_on,
    }
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
    let plan = plan.plan();
    (index < plan.scenarios.len()).then(|| Arc::new(run_scenario(plan, index)))
}

fn fraction(pct: f64) -> f64 {
    pct / 100.0
}

fn run_scenario(plan: &Plan, index: usize) -> ScenarioResult {
    let scenario = &plan.scenarios[index];
    let policies = &plan.policies;
    let baseline = &plan.baseline;
    let unit_name = &baseline.demand_unit;
    let mut notes = Vec::new();

    let projection = growth::project(
        baseline.units,
        &scenario.growth,
        plan.start,
        plan.horizon_months,
    );
    if projection.saturated {
        notes.push(format!(
            "Demand was capped at {} {unit_name}: the growth model runs beyond any realistic plan.",
            format::number(growth::MAX_UNITS)
        ));
    }
    if let Some(error) = &projection.trend_error {
        notes.push(format!(
            "The trend could not be fitted ({error}); demand is held at today's level."
        ));
    }

    let app_type = find_instance(plan);
    let gpu_node = baseline.voice.as_ref().and_then(|_| plan.voice_gpu_node());
    let sizing_policy = SizingPolicy::from(policies);
    let headroom = 1.0 + fraction(policies.headroom_pct);
    // The approximation for large voice loads, prepared for the plan's wait target the first
    // time a month needs it.
    let voice_queue = LargeLoadSizer::new();

    // Per-month demand and horizontal sizing.
    struct Demand {
        calendar: YearMonth,
        units: Forecast,
        units_sized: f64,
        effect: MonthMultipliers,
        peak_rps: f64,
        app: AppSizing,
        database: DatabaseMonth,
        redis: RedisNeed,
        voice: Option<VoiceSizing>,
    }
    let demands: Vec<Demand> = projection
        .months
        .iter()
        .enumerate()
        .map(|(i, forecast)| {
            let month = i as u32 + 1;
            let calendar = plan.start.of_plan_month(month);
            let effect = growth::calendar_multipliers(&scenario.calendar, calendar);
            let units_sized = forecast.bound(policies.forecast_bound) * headroom;
            let peak_rps =
                (peak_rps(plan, units_sized, headroom) * effect.peak).min(growth::MAX_RPS);
            let app = sizing::size_app(peak_rps, app_type, &sizing_policy);
            let database =
                DatabaseMonth::demand(app.instances, units_sized, policies, &baseline.database);
            let redis = redis::memory_need(&baseline.redis, &policies.redis, units_sized);
            let voice = match (&baseline.voice, gpu_node) {
                (Some(voice), Some(node)) => Some(voice::size_voice(
                    voice,
                    node,
                    policies,
                    &voice_queue,
                    units_sized * effect.peak,
                )),
                _ => None,
            };
            Demand {
                calendar,
                units: *forecast,
                units_sized,
                effect,
                peak_rps,
                app,
                database,
                redis,
                voice,
            }
        })
        .collect();

    // Tier progressions.
    let db_needs: Vec<[f64; 2]> = demands.iter().map(|d| d.database.needs()).collect();
    let database_tiers = tiers::progression(
        &tiers::database_specs(&plan.catalogs.databases),
        &DATABASE_DIMENSIONS,
        &db_needs,
        &ProgressionOptions {
            trigger_pct: policies.scale_up_trigger_pct,
            start_tier: position_or_first(
                plan.catalogs.databases.iter().map(|t| t.name.as_str()),
                &baseline.today.database_tier,
            ),
        },
    );
    let redis_needs: Vec<f64> = demands.iter().map(|d| d.redis.node_memory_mb).collect();
    let redis_plans = redis::choose_plans(
        &plan.catalogs.redis,
        &policies.redis,
        &redis_needs,
        policies.scale_up_trigger_pct,
        position_or_first(
            plan.catalogs.redis.iter().map(|t| t.name.as_str()),
            &baseline.today.redis_plan,
        ),
    );

    // Fleets as commitments see them, and the units committed month by month.
    let off_hours = &policies.off_hours;
    let reduced_fraction = if off_hours.enabled {
        cost::off_hours_saving(0, app_type.usd_per_month, off_hours).reduced_fraction
    } else {
        0.0
    };
    let app_fleet: Vec<FleetMonth> = demands
        .iter()
        .map(|d| FleetMonth {
            instances: d.app.instances,
            always_on: if off_hours.enabled {
                cost::off_hours_saving(d.app.instances, app_type.usd_per_month, off_hours)
                    .instances_kept
            } else {
                d.app.instances
            },
        })
        .collect();
    let gpu_fleet: Vec<FleetMonth> = demands
        .iter()
        .map(|d| FleetMonth::constant(d.voice.as_ref().map_or(0, |v| v.nodes)))
        .collect();
    let commitment_policy = &policies.commitment;
    let (app_committed, gpu_committed) = if commitment_policy.enabled {
        (
            cost::rolling_commitments(&app_fleet, commitment_policy.term_months),
            cost::rolling_commitments(&gpu_fleet, commitment_policy.term_months),
        )
    } else {
        (vec![0; app_fleet.len()], vec![0; gpu_fleet.len()])
    };
    let discount = fraction(commitment_policy.discount_pct).clamp(0.0, 1.0);

    // Months with cost.
    let mut months = Vec::with_capacity(demands.len());
    for (i, d) in demands.into_iter().enumerate() {
        let committed_app_instances = app_committed.get(i).copied().unwrap_or(0);
        let committed_gpu_nodes = gpu_committed.get(i).copied().unwrap_or(0);
        let units_planned = d.units.bound(policies.forecast_bound);
        let month = i as u32 + 1;
        let database = d.database.on_tier(
            database_tiers.months.get(i).and_then(|m| m.tier),
            &plan.catalogs.databases,
            policies.pooler_share_pct,
        );
        let db_tier = database.tier.and_then(|t| plan.catalogs.databases.get(t));
        let redis_index = redis_plans.months.get(i).and_then(|m| m.tier);
        let redis_plan = redis_index.and_then(|t| plan.catalogs.redis.get(t));
        let redis = RedisMonth {
            need: d.redis,
            plan: redis_plan.and(redis_index),
            topology: redis_plan.map(|p| p.topology),
        };

        let mut items = Vec::with_capacity(4 + baseline.other_costs.len());
        items.push(CostLineItem::new(
            CostComponent::AppInstances,
            app_cost_usd(plan, app_type, d.app.instances)
                - committed_app_instances as f64 * app_type.usd_per_month * discount,
        ));
        // Beyond the catalog, a month costs at least the largest entry: demand that outgrows
        // every tier must never look cheaper than demand that fits one.
        if let Some(tier) = db_tier.or_else(|| plan.catalogs.databases.last()) {
            items.push(CostLineItem {
                component: CostComponent::Database,
                usd_per_month: tier.usd_per_month,
            });
        }
        if let Some(plan_entry) = redis_plan.or_else(|| plan.catalogs.redis.last()) {
            items.push(CostLineItem {
                component: CostComponent::Redis,
                usd_per_month: plan_entry.usd_per_month,
            });
        }
        if let (Some(voice), Some(node)) = (&d.voice, gpu_node) {
            items.push(CostLineItem::new(
                CostComponent::GpuVoice,
                (voice.nodes as f64 - committed_gpu_nodes as f64 * discount) * node.usd_per_month,
            ));
        }
        items.extend(cost::other_cost_items(&baseline.other_costs, units_planned));
        let mut cost = CostBreakdown::from_items(items);
        cost.gaps = cost_gaps(
            plan,
            app_type.usd_per_month,
            d.app.instances,
            db_tier.is_none(),
            redis_plan.is_none(),
            d.voice
                .as_ref()
                .zip(gpu_node)
                .map(|(v, n)| (v.nodes, n.usd_per_month)),
        );
        let cost_per_unit_usd = cost::per_unit(cost.total_usd_per_month, units_planned);
        let cost_per_session_usd = baseline.voice.as_ref().and_then(|voice| {
            cost::per_unit(
                cost.total_usd_per_month,
                voice::sessions_in_month(voice, units_planned, d.calendar, &d.effect),
            )
        });
        months.push(MonthResult {
            month,
            calendar: d.calendar,
            units: d.units,
            units_sized: d.units_sized,
            calendar_effect: d.effect,
            peak_rps: d.peak_rps,
            app: d.app,
            database,
            redis,
            voice: d.voice,
            cost,
            cost_per_unit_usd,
            cost_per_session_usd,
            committed_app_instances,
            committed_gpu_nodes,
        });
    }

    let commitment = commitment_policy.enabled.then(|| {
        cost::commitment_advice_for(
            &app_fleet,
            reduced_fraction,
            app_type.usd_per_month,
            commitment_policy,
        )
    });
    let gpu_commitment = match (commitment_policy.enabled, baseline.voice.as_ref(), gpu_node) {
        (true, Some(_), Some(node)) => Some(cost::commitment_advice_for(
            &gpu_fleet,
            0.0,
            node.usd_per_month,
            commitment_policy,
        )),
        _ => None,
    };
    let busiest = months.iter().map(|m| m.peak_rps).fold(0.0, f64::max);
    let vertical = vertical::compare_sizes(&plan.catalogs.instances, busiest, &sizing_policy);
    let peaks: Vec<f64> = months.iter().map(|m| m.peak_rps).collect();
    let size_change = vertical::size_change(
        &plan.catalogs.instances,
        &peaks,
        position_or_first(
            plan.catalogs.instances.iter().map(|t| t.name.as_str()),
            &policies.app_instance,
        ),
        &sizing_policy,
    );
    let mut timeline = timeline(plan, &months, &database_tiers, &redis_plans, &size_change);
    let scaling = scaling_check(plan, &months, &mut notes);
    if let Some(month) = scaling.as_ref().and_then(|c| c.first_month_past_peak) {
        let peak = scaling
            .as_ref()
            .and_then(|c| c.peak_instances)
            .unwrap_or(0.0);
        timeline.push(TimelineEvent {
            month,
            calendar: plan.start.of_plan_month(month),
            resource: Resource::App,
            text: format!(
                "Adding instances stops helping: throughput peaks near {} instances (Universal Scalability Law)",
                format::number(peak)
            ),
            through_month: None,
        });
        timeline.sort_by_key(|e| (e.month, e.resource));
    }

    ScenarioResult {
        name: scenario.name.clone(),
        months,
        database_tiers,
        redis_plans,
        timeline,
        commitment,
        gpu_commitment,
        vertical,
        size_change,
        notes,
        scaling,
    }
}

/// Index of `name` among `names`, or 0 (the smallest entry) when empty or unknown.
fn position_or_first<'a>(names: impl Iterator<Item = &'a str>, name: &str) -> usize {
    if name.is_empty() {
        return 0;
    }
    names.into_iter().position(|n| n == name).unwrap_or(0)
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
    /// Verdict at the busiest month: "helps", "diminishing returns" or "past the peak".
    pub verdict: String,
    /// First month whose instance count reaches N*.
    pub first_month_past_peak: Option<u32>,
    /// The fit and the verdict in words.
    pub explanation: Explanation,
}

/// Fits the Universal Scalability Law to the plan's scaling measurements and judges the
/// scenario's busiest month (Gunther, *Guerrilla Capacity Planning*, 2007; MODELS.md). Needs
/// three or more distinct instance counts including one instance; otherwise a note says why.
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
    let verdict = match advice.as_ref().map(|a| a.verdict) {
        Some(usl::ScalingVerdict::Helps) | None => "helps",
        Some(usl::ScalingVerdict::DiminishingReturns) => "diminishing returns",
        Some(usl::ScalingVerdict::PastPeak) => "past the peak",
    };
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
        "past the peak" => {
            "adding instances no longer raises throughput: scale up a size or remove contention"
        }
        "diminishing returns" => "each added instance adds less than half an instance's throughput",
        _ => "adding instances still helps",
    });
    Some(ScalingCheck {
        contention_alpha: model.contention_alpha(),
        coherency_beta: model.coherency_beta(),
        peak_instances: peak.map(|p| p.concurrency),
        peak_throughput_rps: peak.map(|p| p.throughput_per_s),
        busiest_instances,
        verdict: verdict.to_owned(),
        first_month_past_peak,
        explanation,
    })
}

/// Peak requests per second for `units` demand units (the units sized for, headroom included),
/// before calendar effects.
///
/// ```text
/// daily_volume:  fixed × headroom + shape(units × requests per unit per day)
/// peak_rate:     fixed × headroom + (peak today − fixed) × units ÷ units today
/// ```
///
/// `fixed` is [`Baseline::fixed_peak_rps`](crate::plan::Baseline::fixed_peak_rps): traffic
/// that does not grow with units still takes the policy's headroom. Within `[0, MAX_RPS]`.
fn peak_rps(plan: &Plan, units: f64, headroom: f64) -> f64 {
    let fixed_today = plan.baseline.fixed_peak_rps;
    let variable = match &plan.baseline.traffic {
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
    crate::tiers::demand_amount(fixed_today * headroom + variable).min(growth::MAX_RPS)
}

/// The app's instance type ([`Plan::app_instance_type`]).
fn find_instance(plan: &Plan) -> &InstanceType {
    plan.app_instance_type()
        .expect("validation guarantees the named type exists and the catalog is not empty")
}

impl RedisMonth {
    /// The plan's topology in words: "single node", "primary + replica" or "cluster".
    pub fn topology_words(&self) -> Option<&'static str> {
        self.topology.map(|topology| match topology {
            RedisTopology::Single => "single node",
            RedisTopology::Replicated => "primary + replica",
            RedisTopology::Cluster => "cluster",
        })
    }
}

/// App instances' monthly cost: on demand, less the off-hours saving when enabled.
fn app_cost_usd(plan: &Plan, app_type: &InstanceType, instances: u64) -> f64 {
    let on_demand = instances as f64 * app_type.usd_per_month;
    (on_demand - off_hours_saving_usd(plan, app_type, instances)).max(0.0)
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

fn off_hours_saving_usd(plan: &Plan, app_type: &InstanceType, instances: u64) -> f64 {
    let policy = &plan.policies.off_hours;
    if policy.enabled {
        cost::off_hours_saving(instances, app_type.usd_per_month, policy).saving_usd_per_month
    } else {
        0.0
    }
}

/// A figure of one month that [`explain`] can explain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Figure {
    /// Demand units forecast.
    Units,
    /// Peak requests per second sized for.
    PeakRps,
    /// App instances.
    AppInstances,
    /// Database connections.
    DbConnections,
    /// Whether the database needs a connection pooler.
    DbPooler,
    /// Database tier.
    DbTier,
    /// Redis node memory.
    RedisMemory,
    /// Redis plan.
    RedisPlan,
    /// GPU voice nodes (only when the plan has voice).
    GpuNodes,
    /// One line of the month's bill.
    Cost {
        /// Index into the month's `cost.items`.
        component: usize,
    },
    /// The month's total cost.
    TotalCost,
    /// Total cost per demand unit.
    CostPerUnit,
    /// Total cost per voice session (only when the plan has voice).
    CostPerSession,
}

impl Figure {
    /// Every figure except the cost lines, in table order.
    pub const TABLE: [Figure; 12] = [
        Figure::Units,
        Figure::PeakRps,
        Figure::AppInstances,
        Figure::DbConnections,
        Figure::DbPooler,
        Figure::DbTier,
        Figure::RedisMemory,
        Figure::RedisPlan,
        Figure::GpuNodes,
        Figure::TotalCost,
        Figure::CostPerUnit,
        Figure::CostPerSession,
    ];
}

/// The working behind one figure of one month: inputs, formula and the constraint that binds,
/// e.g. "6 × app.large = max(2 minimum, ⌈412 req/s ÷ (100 req/s × 70 %)⌉) — the CPU target
/// binds".
///
/// `results` must be [`run`]'s output for `plan`; `scenario` is an index into
/// `results.scenarios` and `month` the 1-based plan month. `None` when an index is out of
/// range, or for [`Figure::GpuNodes`] and [`Figure::CostPerSession`] when the plan has no voice.
///
/// # Example
/// ```
/// use headroom_core::{engine::{self, Figure}, plan::Plan};
/// let plan = Plan::default().validate().unwrap();
/// let results = engine::run(&plan);
/// let why = engine::explain(&plan, &results, 0, 1, Figure::AppInstances).unwrap();
/// assert!(why.sentence().contains("binds"));
/// assert!(engine::explain(&plan, &results, 0, 13, Figure::AppInstances).is_none());
/// ```
pub fn explain(
    plan: &ValidPlan,
    results: &PlanResults,
    scenario: usize,
    month: u32,
    figure: Figure,
) -> Option<Explanation> {
    let plan = plan.plan();
    let result = results.scenarios.get(scenario)?;
    let index = usize::try_from(month.checked_sub(1)?).ok()?;
    let m = result.months.get(index)?;
    let unit_name = &plan.baseline.demand_unit;
    match figure {
        Figure::Units => {
            let growth = &plan.scenarios.get(scenario)?.growth;
            Some(growth::explain_month(
                plan.baseline.units,
                growth,
                plan.start,
                month,
                &m.units,
                unit_name,
            ))
        }
        Figure::PeakRps => Some(explain_peak_rps(plan, m)),
        Figure::AppInstances => Some(crate::totals::explain_instances(
            plan,
            result,
            m,
            m.app.explain(&find_instance(plan).name),
        )),
        Figure::DbConnections => Some(explain_connections(plan, m)),
        Figure::DbPooler => Some(explain_pooler(plan, &m.database)),
        Figure::DbTier => result.database_tiers.explain_month(
            index,
            &tiers::database_specs(&plan.catalogs.databases),
            &DATABASE_DIMENSIONS,
            &[m.database.connections, m.database.data_gb],
        ),
        Figure::RedisMemory => Some(m.redis.need.explain()),
        Figure::RedisPlan => redis::explain_plan_month(
            &plan.catalogs.redis,
            &plan.policies.redis,
            &result.redis_plans,
            index,
            m.redis.need.node_memory_mb,
        ),
        Figure::GpuNodes => {
            let voice = m.voice.as_ref()?;
            let demand = plan.baseline.voice.as_ref()?;
            Some(explain_voice(plan, demand, plan.voice_gpu_node()?, voice))
        }
        Figure::Cost { component } => {
            let item = m.cost.items.get(component)?;
            explain_cost_item(plan, m, item)
                .map(|e| crate::totals::explain_cost_line(plan, m, item.component, e))
        }
        Figure::TotalCost => Some(crate::totals::explain_total(
            plan,
            result,
            m,
            explain_total(plan, m),
        )),
        Figure::CostPerUnit => Some(crate::totals::explain_lower_bound(
            plan,
            m,
            explain_cost_per_unit(plan, m),
        )),
        Figure::CostPerSession => explain_cost_per_session(plan, m)
            .map(|e| crate::totals::explain_lower_bound(plan, m, e)),
    }
}

fn bound_words(bound: ForecastBound) -> &'static str {
    match bound {
        ForecastBound::Mean => "forecast",
        ForecastBound::Upper => "upper bound of the forecast",
        ForecastBound::Lower => "lower bound of the forecast",
    }
}

fn times(value: f64) -> String {
    format!("×{}", format::number(value))
}

/// "416.67 req/s = 10 000 users × 800 req/day ÷ 86 400 s × 3 peak-to-average × 1.5 calendar peak".
fn explain_peak_rps(plan: &Plan, m: &MonthResult) -> Explanation {
    let policies = &plan.policies;
    let unit_name = &plan.baseline.demand_unit;
    let units = format::with_unit(m.units_sized, unit_name);
    let fixed_today = plan.baseline.fixed_peak_rps;
    let mut formula = match &plan.baseline.traffic {
        Traffic::DailyVolume {
            requests_per_unit_per_day,
            peak: PeakShape::PeakToAverage { ratio },
        } => format!(
            "{units} × {} req/day ÷ 86\u{202F}400 s × {} peak-to-average",
            format::number(*requests_per_unit_per_day),
            format::number(*ratio)
        ),
        Traffic::DailyVolume {
            requests_per_unit_per_day,
            peak: PeakShape::PeakHourShare { share_pct },
        } => format!(
            "{units} × {} req/day × {} in the busiest hour ÷ 3\u{202F}600 s",
            format::number(*requests_per_unit_per_day),
            format::percent(share_pct / 100.0)
        ),
        Traffic::PeakRate { peak_rps } if plan.baseline.units > 0.0 => format!(
            "{} today × {units} ÷ {} today",
            format::with_unit(peak_rps - fixed_today, "req/s"),
            format::with_unit(plan.baseline.units, unit_name)
        ),
        Traffic::PeakRate { peak_rps } => format!(
            "{} today × (1 + {})",
            format::with_unit(peak_rps - fixed_today, "req/s"),
            format::percent(policies.headroom_pct / 100.0)
        ),
    };
    if fixed_today > 0.0 {
        let fixed = fixed_today * (1.0 + policies.headroom_pct / 100.0);
        formula = format!("{} fixed + {formula}", format::with_unit(fixed, "req/s"));
    }
    let effect = &m.calendar_effect;
    if effect.peak != 1.0 {
        if fixed_today > 0.0 {
            formula = format!("({formula})");
        }
        formula.push_str(&format!(" × {} calendar peak", format::number(effect.peak)));
    }
    let bound = m.units.bound(policies.forecast_bound);
    let mut e = Explanation::new(format::with_unit(m.peak_rps, "req/s"))
        .formula(formula)
        .input(
            bound_words(policies.forecast_bound),
            format::with_unit(bound, unit_name),
        )
        .input("headroom", format::percent(policies.headroom_pct / 100.0))
        .input(
            "units sized for",
            format!(
                "{} × (1 + {}) = {units}",
                format::number(bound),
                format::percent(policies.headroom_pct / 100.0)
            ),
        )
        .input("calendar peak", times(effect.peak));
    if fixed_today > 0.0 {
        e = e.input(
            "fixed traffic (does not grow with units)",
            format::with_unit(fixed_today, "req/s"),
        );
    }
    if !effect.active.is_empty() {
        e = e.input("calendar effects", effect.active.join(", "));
    }
    e.binding(if effect.peak > 1.0 {
        format!(
            "the calendar peak binds: {} {}",
            effect.active.join(", "),
            times(effect.peak)
        )
    } else {
        format!(
            "the {} plus {} headroom binds",
            bound_words(policies.forecast_bound),
            format::percent(policies.headroom_pct / 100.0)
        )
    })
}

fn explain_connections(plan: &Plan, m: &MonthResult) -> Explanation {
    let p = &plan.policies;
    let db = &plan.baseline.database;
    let pools = m.database.connections_from_pools;
    let by_units = m.database.connections_from_units;
    let mut e = Explanation::new(format!(
        "{} connections",
        format::count(tiers::connections_needed(pools, by_units).0)
    ))
    .formula(format!(
        "{} instances × {} pool + {} background = {}",
        format::count(m.app.instances as f64),
        p.pool_per_instance,
        db.background_connections,
        format::count(pools)
    ))
    .input("pool per instance", p.pool_per_instance.to_string())
    .input(
        "background connections",
        db.background_connections.to_string(),
    );
    if db.connections_per_unit > 0.0 {
        e = e.input(
            "per-unit rule",
            format!(
                "{} × {} {} = {}",
                format::number(db.connections_per_unit),
                format::number(m.units_sized),
                plan.baseline.demand_unit,
                format::count(by_units)
            ),
        );
    }
    e.binding(match tiers::connections_needed(pools, by_units).1 {
        tiers::ConnectionRule::PerUnit => "the per-unit connection rule binds",
        tiers::ConnectionRule::AppPools => "the app pools bind",
    })
}

/// "300 connections (the per-unit connection rule)".
fn connections_words(check: &ConnectionCheck) -> String {
    format!(
        "{} connections ({})",
        format::number(check.connections),
        check.rule.words()
    )
}

/// What to do about pooling in words.
fn pooler_advice(plan: &Plan, database: &DatabaseMonth) -> String {
    let Some(tier) = database.tier.and_then(|t| plan.catalogs.databases.get(t)) else {
        return "No tier in the catalog holds this many connections or this much data: add a larger tier, read replicas or partitioning.".to_owned();
    };
    let check = database.connection_check(tier, plan.policies.pooler_share_pct);
    if check.needs_pooler {
        format!(
            "{} exceed {} of {}'s {} direct connections: put a pooler (PgBouncer or Supavisor, transaction mode) in front; {} and keeps server connections under the limit.",
            capitalised(&connections_words(&check)),
            format::percent(fraction(plan.policies.pooler_share_pct)),
            tier.name,
            tier.max_connections,
            if tier.pooler_clients > 0 {
                format!("the tier's pooler accepts {} clients", tier.pooler_clients)
            } else {
                "the tier lists no pooler of its own, so run one; it takes the clients".to_owned()
            },
        )
    } else {
        format!(
            "Direct connections fit: {} of {}'s {}.",
            connections_words(&check),
            tier.name,
            tier.max_connections
        )
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// "connection pooler needed = 300 connections (the per-unit connection rule) > 80 % × 120
/// direct connections of Supabase Medium = 96".
fn explain_pooler(plan: &Plan, database: &DatabaseMonth) -> Explanation {
    let advice = pooler_advice(plan, database);
    let Some(tier) = database.tier.and_then(|t| plan.catalogs.databases.get(t)) else {
        return Explanation::new("beyond the catalog").binding(advice);
    };
    let check = database.connection_check(tier, plan.policies.pooler_share_pct);
    let share = fraction(plan.policies.pooler_share_pct);
    let (figure, sign) = if check.needs_pooler {
        ("connection pooler needed", ">")
    } else {
        ("direct connections", "≤")
    };
    Explanation::new(figure)
        .formula(format!(
            "{} {sign} {} × {} direct connections of {} = {}",
            connections_words(&check),
            format::percent(share),
            tier.max_connections,
            tier.name,
            format::number(check.direct_allowed)
        ))
        .input(
            "app pools + background",
            format::number(database.connections_from_pools),
        )
        .input(
            "per-unit rule",
            format::number(database.connections_from_units),
        )
        .input("pooler threshold", format::percent(share))
        .input("pooler clients", tier.pooler_clients.to_string())
        .binding(advice)
}

fn explain_voice(plan: &Plan, voice: &VoiceDemand, node: &GpuNode, v: &VoiceSizing) -> Explanation {
    let policies = &plan.policies;
    let mut e = Explanation::new(format!("{} GPU nodes", v.nodes))
        .formula(format!(
            "max(⌈{} concurrent sessions ÷ {} per node⌉ = {}, ⌈{} streams ÷ {} per node⌉ = {}){}",
            format::number(v.concurrent_sessions),
            node.sessions_per_node,
            v.nodes_by_concurrency,
            v.servers,
            node.streams_per_node,
            v.nodes_by_queue,
            if policies.redundancy > 0 {
                format!(" + {} spare", policies.redundancy)
            } else {
                String::new()
            },
        ))
        .input(
            "busiest-hour sessions",
            format::number(v.busiest_hour_sessions),
        )
        .input(
            "interactions",
            format!("{}/s", format::number(v.interactions_per_s)),
        )
        .input(
            "GPU time per interaction",
            format!("{} s", format::number(voice.gpu_seconds_per_interaction)),
        )
        .input(
            "offered load",
            format!("{} erlangs", format::number(v.offered_load_erlangs)),
        )
        .input(
            "wait target",
            format!(
                "p{} ≤ {} s",
                format::number(policies.voice.percentile_pct),
                format::number(policies.voice.wait_target_s)
            ),
        );
    match v.queue_model {
        QueueModel::ErlangC => {}
        QueueModel::HalfinWhitt => {
            e = e.input(
                "queueing model",
                format!(
                    "Halfin–Whitt square-root staffing, checked and stepped to the exact Erlang C count (offered load above {} erlangs)",
                    format::number(voice::EXACT_QUEUEING_MAX_ERLANGS)
                ),
            );
        }
        QueueModel::UtilisationCap => {
            e = e.input(
                "queueing model",
                format!(
                    "beyond the queueing model's range: streams at {} utilisation",
                    format::percent(policies.target_utilisation_pct / 100.0)
                ),
            );
        }
    }
    e.binding(match (v.binding, v.queue_model) {
        (VoiceBinding::Queueing, QueueModel::ErlangC) => "the wait target (Erlang C) binds",
        (VoiceBinding::Queueing, QueueModel::HalfinWhitt) => {
            "the wait target (Halfin–Whitt, checked with Erlang C) binds"
        }
        (VoiceBinding::Queueing, QueueModel::UtilisationCap) => "the utilisation cap binds",
        (VoiceBinding::Concurrency, _) => "the sessions-per-node rule binds",
        (VoiceBinding::Minimum, _) => "no voice demand",
    })
}

fn explain_cost_item(plan: &Plan, m: &MonthResult, item: &CostLineItem) -> Option<Explanation> {
    match item.component {
        CostComponent::AppInstances => {
            let app_type = find_instance(plan);
            let saving = off_hours_saving_usd(plan, app_type, m.app.instances);
            let mut formula = format!(
                "{} × {} {}",
                m.app.instances,
                format::usd(app_type.usd_per_month),
                app_type.name
            );
            if saving > 0.0 {
                formula.push_str(&format!(" − {} off-hours saving", format::usd(saving)));
            }
            formula.push_str(&committed_words(
                plan,
                m.committed_app_instances,
                app_type.usd_per_month,
            ));
            Some(
                Explanation::new(format::usd(item.usd_per_month))
                    .formula(formula)
                    .input("price source", app_type.source.clone())
                    .input("price read on", price_day(plan, app_type.priced_on)),
            )
        }
        CostComponent::Database => {
            let (tier, beyond) = match m.database.tier {
                Some(t) => (plan.catalogs.databases.get(t)?, false),
                None => (plan.catalogs.databases.last()?, true),
            };
            Some(
                Explanation::new(format::usd(tier.usd_per_month))
                    .formula(format!("{} tier price", tier.name))
                    .input("price read on", price_day(plan, tier.priced_on))
                    .binding(if beyond {
                        "beyond the catalog: at least the largest tier's price".to_owned()
                    } else {
                        tier.source.clone()
                    }),
            )
        }
        CostComponent::Redis => {
            let (entry, beyond) = match m.redis.plan {
                Some(t) => (plan.catalogs.redis.get(t)?, false),
                None => (plan.catalogs.redis.last()?, true),
            };
            Some(
                Explanation::new(format::usd(entry.usd_per_month))
                    .formula(format!("{} price", entry.name))
                    .input("price read on", price_day(plan, entry.priced_on))
                    .binding(if beyond {
                        "beyond the catalog: at least the largest plan's price".to_owned()
                    } else {
                        entry.source.clone()
                    }),
            )
        }
        CostComponent::GpuVoice => {
            let node = plan.voice_gpu_node()?;
            let nodes = m.voice.as_ref()?.nodes;
            Some(
                Explanation::new(format::usd(item.usd_per_month))
                    .formula(format!(
                        "{nodes} nodes × {}{}",
                        format::usd(node.usd_per_month),
                        committed_words(plan, m.committed_gpu_nodes, node.usd_per_month)
                    ))
                    .input("node type", node.name.clone())
                    .input("price read on", price_day(plan, node.priced_on)),
            )
        }
        CostComponent::Other(i) => Some(cost::explain_other_cost(
            plan.baseline.other_costs.get(i)?,
            m.units.bound(plan.policies.forecast_bound),
        )),
    }
}

/// "$1 234/month = $596 App instances + $25 Database + … — App instances is the largest line".
fn explain_total(plan: &Plan, m: &MonthResult) -> Explanation {
    let names = &plan.baseline.other_costs;
    let total = m.cost.total_usd_per_month;
    let terms: Vec<String> = m
        .cost
        .items
        .iter()
        .map(|i| {
            format!(
                "{} {}",
                format::usd(i.usd_per_month),
                i.component.name(names)
            )
        })
        .collect();
    let mut e =
        Explanation::new(format!("{}/month", format::usd(total))).formula(if terms.is_empty() {
            "no cost lines".to_owned()
        } else {
            terms.join(" + ")
        });
    for item in &m.cost.items {
        e = e.input(item.component.name(names), format::usd(item.usd_per_month));
    }
    e = e.input("prices as of", format::day_label(plan.catalogs.priced_on));
    let largest = m
        .cost
        .items
        .iter()
        .max_by(|a, b| a.usd_per_month.total_cmp(&b.usd_per_month));
    match largest {
        Some(item) if total > 0.0 => e.binding(format!(
            "{} is the largest line ({} of the total)",
            item.component.name(names),
            format::percent(item.usd_per_month / total)
        )),
        _ => e.binding("nothing to pay"),
    }
}

/// The day a catalog entry's price was read, as text.
fn price_day(plan: &Plan, entry_priced_on: Option<NaiveDate>) -> String {
    plan.catalogs.price_date(entry_priced_on).to_string()
}

/// " − 2 committed × $59.60 × 30 % discount", or nothing without a commitment.
fn committed_words(plan: &Plan, committed: u64, unit_usd_per_month: f64) -> String {
    if committed == 0 {
        return String::new();
    }
    format!(
        " − {committed} committed × {} × {} discount",
        format::usd(unit_usd_per_month),
        format::percent(plan.policies.commitment.discount_pct / 100.0)
    )
}

/// "$0.0596 per unit = $596/month ÷ 10 000 users".
fn explain_cost_per_unit(plan: &Plan, m: &MonthResult) -> Explanation {
    let unit_name = &plan.baseline.demand_unit;
    let total = format!("{}/month", format::usd(m.cost.total_usd_per_month));
    let units = m.units.bound(plan.policies.forecast_bound);
    match m.cost_per_unit_usd {
        Some(per_unit) => Explanation::new(format!(
            "{} per {}",
            format::usd(per_unit),
            singular(unit_name)
        ))
        .formula(format!("{total} ÷ {}", format::with_unit(units, unit_name)))
        .input("total cost", total)
        .input(
            bound_words(plan.policies.forecast_bound),
            format::with_unit(units, unit_name),
        )
        .binding(format!(
            "the total cost spread over the {} (headroom is spare capacity, not {unit_name})",
            bound_words(plan.policies.forecast_bound)
        )),
        None => Explanation::new("no cost per unit")
            .formula(format!("{total} ÷ 0 {unit_name}"))
            .binding(format!("no {unit_name} to spread the cost over")),
    }
}

/// "$0.021 per session = $2 530/month ÷ 120 000 sessions".
fn explain_cost_per_session(plan: &Plan, m: &MonthResult) -> Option<Explanation> {
    let voice = plan.baseline.voice.as_ref()?;
    let unit_name = &plan.baseline.demand_unit;
    let units = m.units.bound(plan.policies.forecast_bound);
    let sessions = voice::sessions_in_month(voice, units, m.calendar, &m.calendar_effect);
    let total = format!("{}/month", format::usd(m.cost.total_usd_per_month));
    let mut volume = format!(
        "{} × {} sessions a day × {} days",
        format::with_unit(units, unit_name),
        format::number(voice.sessions_per_unit_per_day),
        m.calendar.days()
    );
    if m.calendar_effect.average != 1.0 {
        volume.push_str(&format!(
            " × {} calendar average",
            format::number(m.calendar_effect.average)
        ));
    }
    let e = match m.cost_per_session_usd {
        Some(per_session) => Explanation::new(format!("{} per session", format::usd(per_session)))
            .formula(format!("{total} ÷ {} sessions", format::number(sessions)))
            .binding("the total cost spread over the month's voice sessions"),
        None => Explanation::new("no cost per session")
            .formula(format!("{total} ÷ 0 sessions"))
            .binding("no voice sessions to spread the cost over"),
    };
    Some(e.input("total cost", total).input("sessions", volume))
}

/// "users" → "user"; names that do not end in a plain "s" are kept.
fn singular(unit_name: &str) -> &str {
    match unit_name.strip_suffix('s') {
        Some(stem) if !stem.is_empty() && !stem.ends_with('s') => stem,
        _ => unit_name,
    }
}

fn timeline(
    plan: &Plan,
    months: &[MonthResult],
    db: &Progression,
    redis: &Progression,
    size_change: &SizeChange,
) -> Vec<TimelineEvent> {
    let mut events = Vec::new();
    let at = |month: u32| plan.start.of_plan_month(month);
    for upgrade in &db.upgrades {
        events.push(TimelineEvent {
            month: upgrade.month,
            calendar: at(upgrade.month),
            resource: Resource::Database,
            text: format!(
                "Database {}: {}",
                tier_move(&db_names(plan), upgrade.from, upgrade.to),
                upgrade.reason
            ),
            through_month: None,
        });
    }
    for upgrade in &redis.upgrades {
        events.push(TimelineEvent {
            month: upgrade.month,
            calendar: at(upgrade.month),
            resource: Resource::Redis,
            text: format!(
                "Redis {}: {}",
                tier_move(&redis_names(plan), upgrade.from, upgrade.to),
                upgrade.reason
            ),
            through_month: None,
        });
    }
    if let Some(m) = months.iter().find(|m| m.database.needs_pooler) {
        let tier = m.database.tier.and_then(|t| plan.catalogs.databases.get(t));
        let text = match tier {
            Some(tier) => format!(
                "Connection pooler needed: {} pass {} of {}'s {} direct connections",
                connections_words(
                    &m.database
                        .connection_check(tier, plan.policies.pooler_share_pct)
                ),
                format::percent(fraction(plan.policies.pooler_share_pct)),
                tier.name,
                tier.max_connections
            ),
            None => "Connection pooler needed".to_owned(),
        };
        events.push(TimelineEvent {
            month: m.month,
            calendar: m.calendar,
            resource: Resource::Database,
            text,
            through_month: None,
        });
    }
    if let Some(m) = months.iter().find(|m| m.app.over_max) {
        // The size to move to that month (the size change may have come earlier, on price).
        let past_max = vertical::size_change(
            &plan.catalogs.instances,
            &[m.peak_rps],
            size_change.current,
            &SizingPolicy::from(&plan.policies),
        );
        let to = past_max.move_to.and_then(|to| {
            plan.catalogs.instances.get(to).map(|t| {
                format!(
                    "move up to {} ({} instances)",
                    t.name,
                    past_max.instances_after.unwrap_or(0)
                )
            })
        });
        events.push(TimelineEvent {
            month: m.month,
            calendar: m.calendar,
            resource: Resource::App,
            text: format!(
                "App needs {} instances, above the maximum of {}: {}",
                m.app.instances,
                plan.policies.max_instances,
                to.unwrap_or_else(|| "move up an instance size".to_owned())
            ),
            through_month: None,
        });
    }
    if let (Some(month), Some(SizeChangeReason::LargerIsCheaper)) =
        (size_change.month, size_change.reason)
    {
        events.push(TimelineEvent {
            month,
            calendar: plan.start.of_plan_month(month),
            resource: Resource::App,
            text: format!(
                "A larger instance size is cheaper than adding instances: {}",
                size_change.explanation.formula
            ),
            through_month: None,
        });
    }
    events.extend(voice_steps(months));
    events.sort_by_key(|e| (e.month, e.resource));
    events
}

/// Steps of one resource up to this many are listed one by one; more are grouped into one entry.
pub const MAX_SEPARATE_STEPS: usize = 2;

/// GPU voice node increases: each one (with the rule that binds) while there are at most
/// [`MAX_SEPARATE_STEPS`]; beyond that one entry from the first step to the last, so a fleet
/// that grows every month reads "GPU voice nodes 3 → 47 over months 4–120 (Apr 2027 – Dec
/// 2036), in 44 steps" rather than 44 entries.
fn voice_steps(months: &[MonthResult]) -> Vec<TimelineEvent> {
    struct Step<'a> {
        month: &'a MonthResult,
        from: u64,
        to: u64,
        binding: VoiceBinding,
    }
    let mut steps = Vec::new();
    let mut last_nodes = None;
    for m in months {
        if let Some(v) = &m.voice {
            if let Some(from) = last_nodes.filter(|&n| v.nodes > n) {
                steps.push(Step {
                    month: m,
                    from,
                    to: v.nodes,
                    binding: v.binding,
                });
            }
            last_nodes = Some(v.nodes);
        }
    }
    let single = |step: &Step| TimelineEvent {
        month: step.month.month,
        calendar: step.month.calendar,
        resource: Resource::Voice,
        text: format!(
            "GPU voice nodes {} → {} ({})",
            step.from,
            step.to,
            step.binding.as_str()
        ),
        through_month: None,
    };
    match (steps.first(), steps.last()) {
        (Some(first), Some(last)) if steps.len() > MAX_SEPARATE_STEPS => vec![TimelineEvent {
            month: first.month.month,
            calendar: first.month.calendar,
            resource: Resource::Voice,
            text: format!(
                "GPU voice nodes {} → {} over months {}–{} ({} – {}), in {} steps ({} at the last)",
                first.from,
                last.to,
                first.month.month,
                last.month.month,
                first.month.calendar.label(),
                last.month.calendar.label(),
                steps.len(),
                last.binding.as_str()
            ),
            through_month: Some(last.month.month),
        }],
        _ => steps.iter().map(single).collect(),
    }
}

fn db_names(plan: &Plan) -> Vec<String> {
    plan.catalogs
        .databases
        .iter()
        .map(|t| t.name.clone())
        .collect()
}

fn redis_names(plan: &Plan) -> Vec<String> {
    plan.catalogs.redis.iter().map(|t| t.name.clone()).collect()
}

fn tier_move(names: &[String], from: Option<usize>, to: Option<usize>) -> String {
    let name = |i: Option<usize>| {
        i.and_then(|i| names.get(i))
            .cloned()
            .unwrap_or_else(|| "beyond the catalog".to_owned())
    };
    format!("{} → {}", name(from), name(to))
}
