//! The engine: a [`ValidPlan`] in, every scenario's month-by-month sizing and cost out.
//!
//! Data flows one way through the models:
//!
//! ```text
//! growth (units per month, forecast bound, headroom, calendar peaks)
//!   → sizing: app instances, DB connections, Redis memory, GPU voice nodes
//!   → tier progression: database tier and Redis plan per month (never downgrading)
//!   → cost: per component, commitments, off-hours savings, cost per unit
//!   → timeline: upgrades and limits crossed, in month order
//! ```
//!
//! [`run`] cannot fail: the plan is already validated, every model saturates instead of
//! overflowing, and a figure the models cannot produce (a trend that cannot be fitted, demand
//! beyond the largest catalog entry) is reported as a note or a flagged month, never as NaN.

use crate::cost::{self, CommitmentAdvice, CostBreakdown, CostLineItem, OffHoursSaving};
use crate::explain::Explanation;
use crate::format;
use crate::growth::{self, Forecast, MonthMultipliers};
use crate::plan::YearMonth;
use crate::plan::{GpuNode, InstanceType, Plan, Traffic, VoiceDemand};
use crate::queueing;
use crate::redis::{self, RedisNeed};
use crate::sizing::{self, AppSizing, SizingPolicy};
use crate::tiers::{self, Dimension, Progression, ProgressionOptions, TierSpec};
use crate::validate::ValidPlan;
use crate::vertical::{self, VerticalComparison};
use chrono::NaiveDate;
use serde::Serialize;

/// Everything the page, the exports and the comparisons show.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanResults {
    /// One result per scenario, in the plan's order.
    pub scenarios: Vec<ScenarioResult>,
    /// Day the catalog prices were read: shown with every cost.
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
    /// Commitment advice for the app instances.
    pub commitment: Option<CommitmentAdvice>,
    /// Instance sizes compared at the busiest month.
    pub vertical: VerticalComparison,
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
    /// Total cost per demand unit, when there are units.
    pub cost_per_unit_usd: Option<f64>,
}

/// Database demand in one month and the tier that serves it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DatabaseMonth {
    /// Connections needed: the larger of the app pools and the per-unit rule.
    pub connections: f64,
    /// App pools plus background connections.
    pub connections_from_pools: f64,
    /// The per-unit connection rule (0 when off).
    pub connections_from_units: f64,
    /// Data size, GB.
    pub data_gb: f64,
    /// Tier name, or `None` beyond the catalog.
    pub tier: Option<String>,
    /// Whether the app's pools exceed the pooler threshold of the tier's direct connections.
    pub needs_pooler: bool,
    /// How the connections were computed.
    pub explanation: Explanation,
    /// What to do about pooling.
    pub advice: String,
}

/// Redis in one month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RedisMonth {
    /// Memory needed.
    pub need: RedisNeed,
    /// Plan name, or `None` beyond the catalog.
    pub plan: Option<String>,
    /// Topology of the plan, in words.
    pub topology: Option<String>,
}

/// GPU voice nodes in one month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VoiceSizing {
    /// Nodes to run: the larger of the two rules plus redundancy.
    pub nodes: u64,
    /// Nodes by the concurrency rule (sessions per node).
    pub nodes_by_concurrency: u64,
    /// Nodes by the queueing model (Erlang C).
    pub nodes_by_queue: u64,
    /// Concurrent sessions at peak (Little's law).
    pub concurrent_sessions: f64,
    /// Voice interactions per second at peak.
    pub interactions_per_s: f64,
    /// Offered load, erlangs.
    pub offered_load_erlangs: f64,
    /// The chosen percentile's wait with `nodes`, seconds (`None` when unstable).
    pub wait_at_percentile_s: Option<f64>,
    /// Which rule binds: "queueing", "concurrency" or "minimum".
    pub binding: String,
    /// How the nodes were computed.
    pub explanation: Explanation,
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
            .map(|i| run_scenario(plan, i))
            .collect(),
        priced_on: plan.catalogs.priced_on,
    }
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
    let gpu_node = baseline.voice.as_ref().and_then(|_| find_gpu(plan));
    let sizing_policy = SizingPolicy::from(policies);
    let headroom = 1.0 + fraction(policies.headroom_pct);

    // Per-month demand and horizontal sizing.
    struct Demand {
        calendar: YearMonth,
        units: Forecast,
        units_sized: f64,
        effect: MonthMultipliers,
        peak_rps: f64,
        app: AppSizing,
        connections_from_pools: f64,
        connections_from_units: f64,
        data_gb: f64,
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
            let peak_rps = peak_rps(plan, units_sized) * effect.peak;
            let app = sizing::size_app(peak_rps, app_type, &sizing_policy);
            let connections_from_pools = app.instances as f64
                * f64::from(policies.pool_per_instance)
                + f64::from(baseline.database.background_connections);
            let connections_from_units = units_sized * baseline.database.connections_per_unit;
            let data_gb =
                baseline.database.data_gb_fixed + units_sized * baseline.database.data_gb_per_unit;
            let redis = redis::memory_need(&baseline.redis, &policies.redis, units_sized);
            let voice = match (&baseline.voice, gpu_node) {
                (Some(voice), Some(node)) => {
                    Some(size_voice(voice, node, plan, units_sized * effect.peak))
                }
                _ => None,
            };
            Demand {
                calendar,
                units: *forecast,
                units_sized,
                effect,
                peak_rps,
                app,
                connections_from_pools,
                connections_from_units,
                data_gb,
                redis,
                voice,
            }
        })
        .collect();

    // Tier progressions.
    let db_specs: Vec<TierSpec> = plan
        .catalogs
        .databases
        .iter()
        .map(|t| TierSpec {
            name: t.name.clone(),
            limits: vec![
                Some(f64::from(t.max_connections.max(t.pooler_clients))),
                Some(t.storage_gb),
            ],
            usd_per_month: t.usd_per_month,
        })
        .collect();
    let db_dims = [
        Dimension {
            name: "connections",
            unit: "",
        },
        Dimension {
            name: "data",
            unit: "GB",
        },
    ];
    let db_needs: Vec<Vec<f64>> = demands
        .iter()
        .map(|d| {
            vec![
                d.connections_from_pools.max(d.connections_from_units),
                d.data_gb,
            ]
        })
        .collect();
    let database_tiers = tiers::progression(
        &db_specs,
        &db_dims,
        &db_needs,
        &ProgressionOptions {
            trigger_pct: policies.scale_up_trigger_pct,
            start_tier: 0,
        },
    );
    let redis_needs: Vec<f64> = demands.iter().map(|d| d.redis.node_memory_mb).collect();
    let redis_plans = redis::choose_plans(
        &plan.catalogs.redis,
        &policies.redis,
        &redis_needs,
        policies.scale_up_trigger_pct,
        0,
    );

    // Months with cost.
    let mut months = Vec::with_capacity(demands.len());
    for (i, d) in demands.into_iter().enumerate() {
        let month = i as u32 + 1;
        let db_tier = database_tiers
            .months
            .get(i)
            .and_then(|m| m.tier)
            .and_then(|t| plan.catalogs.databases.get(t));
        let connections = d.connections_from_pools.max(d.connections_from_units);
        let needs_pooler = db_tier.is_some_and(|t| {
            d.connections_from_pools
                > f64::from(t.max_connections) * fraction(policies.pooler_share_pct)
        });
        let database = DatabaseMonth {
            connections,
            connections_from_pools: d.connections_from_pools,
            connections_from_units: d.connections_from_units,
            data_gb: d.data_gb,
            tier: db_tier.map(|t| t.name.clone()),
            needs_pooler,
            explanation: explain_connections(
                plan,
                &d.app,
                d.connections_from_pools,
                d.connections_from_units,
                d.units_sized,
            ),
            advice: pooler_advice(plan, db_tier, d.connections_from_pools, needs_pooler),
        };
        let redis_plan = redis_plans
            .months
            .get(i)
            .and_then(|m| m.tier)
            .and_then(|t| plan.catalogs.redis.get(t));
        let redis = RedisMonth {
            need: d.redis,
            plan: redis_plan.map(|p| p.name.clone()),
            topology: redis_plan.map(|p| topology_words(p.topology).to_owned()),
        };

        let mut items = Vec::new();
        let off_hours = policies.off_hours.enabled.then(|| {
            cost::off_hours_saving(d.app.instances, app_type.usd_per_month, &policies.off_hours)
        });
        items.push(app_cost_item(app_type, &d.app, off_hours.as_ref()));
        if let Some(tier) = db_tier {
            items.push(CostLineItem {
                component: "Database".to_owned(),
                usd_per_month: tier.usd_per_month,
                explanation: Explanation::new(format::usd(tier.usd_per_month))
                    .formula(format!("{} tier price", tier.name))
                    .binding(tier.source.clone()),
            });
        }
        if let Some(plan_entry) = redis_plan {
            items.push(CostLineItem {
                component: "Redis".to_owned(),
                usd_per_month: plan_entry.usd_per_month,
                explanation: Explanation::new(format::usd(plan_entry.usd_per_month))
                    .formula(format!("{} price", plan_entry.name))
                    .binding(plan_entry.source.clone()),
            });
        }
        if let (Some(voice), Some(node)) = (&d.voice, gpu_node) {
            let usd = voice.nodes as f64 * node.usd_per_month;
            items.push(CostLineItem {
                component: "GPU voice".to_owned(),
                usd_per_month: usd,
                explanation: Explanation::new(format::usd(usd))
                    .formula(format!(
                        "{} nodes × {}",
                        voice.nodes,
                        format::usd(node.usd_per_month)
                    ))
                    .input("node type", node.name.clone()),
            });
        }
        items.extend(cost::other_cost_items(&baseline.other_costs, d.units_sized));
        let cost = CostBreakdown::from_items(items);
        let cost_per_unit_usd = cost::per_unit(cost.total_usd_per_month, d.units_sized);
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
        });
    }

    let commitment = policies.commitment.enabled.then(|| {
        let counts: Vec<u64> = months.iter().map(|m| m.app.instances).collect();
        cost::commitment_advice(&counts, app_type.usd_per_month, &policies.commitment)
    });
    let busiest = months.iter().map(|m| m.peak_rps).fold(0.0, f64::max);
    let vertical = vertical::compare_sizes(&plan.catalogs.instances, busiest, &sizing_policy);
    let timeline = timeline(plan, &months, &database_tiers, &redis_plans);

    ScenarioResult {
        name: scenario.name.clone(),
        months,
        database_tiers,
        redis_plans,
        timeline,
        commitment,
        vertical,
        notes,
    }
}

/// Peak requests per second for `units` demand units (before calendar effects).
fn peak_rps(plan: &Plan, units: f64) -> f64 {
    match &plan.baseline.traffic {
        Traffic::DailyVolume {
            requests_per_unit_per_day,
            peak,
        } => growth::peak_rps(units * requests_per_unit_per_day, *peak),
        Traffic::PeakRate { peak_rps } => {
            if plan.baseline.units > 0.0 {
                peak_rps * units / plan.baseline.units
            } else {
                *peak_rps
            }
        }
    }
}

fn find_instance(plan: &Plan) -> &InstanceType {
    // Validation guarantees the named type exists and the catalog is not empty.
    plan.catalogs
        .instances
        .iter()
        .find(|i| i.name == plan.policies.app_instance)
        .unwrap_or(&plan.catalogs.instances[0])
}

fn find_gpu(plan: &Plan) -> Option<&GpuNode> {
    plan.catalogs
        .gpu_nodes
        .iter()
        .find(|g| g.name == plan.policies.voice.gpu_node)
        .or_else(|| plan.catalogs.gpu_nodes.first())
}

fn topology_words(topology: crate::plan::RedisTopology) -> &'static str {
    match topology {
        crate::plan::RedisTopology::Single => "single node",
        crate::plan::RedisTopology::Replicated => "primary + replica",
        crate::plan::RedisTopology::Cluster => "cluster",
    }
}

/// GPU voice nodes for `units` (peak-adjusted) demand units.
///
/// Two rules, the larger binds (MODELS.md "GPU voice nodes"):
/// - concurrency (the café pilot guide): concurrent sessions = sessions in the busiest hour ×
///   session minutes ÷ 60 (Little's law); nodes = ⌈concurrent ÷ sessions per node⌉;
/// - queueing (Erlang C, M/M/c): interactions arrive at λ = busiest-hour sessions ×
///   interactions per session ÷ 3 600 per second and each takes the GPU time; the smallest
///   number of streams c whose chosen wait percentile meets the target, nodes = ⌈c ÷ streams
///   per node⌉.
fn size_voice(voice: &VoiceDemand, node: &GpuNode, plan: &Plan, units: f64) -> VoiceSizing {
    let policies = &plan.policies;
    let busiest_hour_sessions =
        units * voice.sessions_per_unit_per_day * fraction(voice.peak_hour_share_pct);
    let concurrent_sessions = busiest_hour_sessions * voice.session_minutes / 60.0;
    let nodes_by_concurrency =
        sizing::ceil_count(concurrent_sessions / f64::from(node.sessions_per_node));
    let interactions_per_s = busiest_hour_sessions * voice.interactions_per_session / 3600.0;
    let offered_load_erlangs = interactions_per_s * voice.gpu_seconds_per_interaction;
    let queue = queueing::size_servers(&queueing::SizingOptions {
        arrival_rate_per_s: interactions_per_s,
        mean_service_time_s: voice.gpu_seconds_per_interaction,
        streams_per_node: node.streams_per_node,
        target: queueing::WaitTarget::Quantile {
            quantile: fraction(policies.voice.percentile_pct),
            max_wait_s: policies.voice.wait_target_s,
        },
    });
    let (nodes_by_queue, servers) = match &queue {
        Ok(q) => (q.nodes, q.servers),
        // Beyond the queueing model's range: fall back to a utilisation cap.
        Err(_) => {
            let servers = sizing::ceil_count(
                offered_load_erlangs / fraction(policies.target_utilisation_pct),
            );
            (
                sizing::ceil_count(servers as f64 / f64::from(node.streams_per_node)),
                servers,
            )
        }
    };
    let needed = nodes_by_queue.max(nodes_by_concurrency);
    let nodes = needed
        .saturating_add(u64::from(policies.redundancy))
        .max(u64::from(units > 0.0));
    let binding = if needed == 0 {
        "minimum"
    } else if nodes_by_queue >= nodes_by_concurrency {
        "queueing"
    } else {
        "concurrency"
    };
    let streams = nodes.saturating_mul(u64::from(node.streams_per_node));
    let wait_at_percentile_s = queueing::mmc_wait(&queueing::MmcQueue {
        arrival_rate_per_s: interactions_per_s,
        mean_service_time_s: voice.gpu_seconds_per_interaction,
        servers: streams,
    })
    .ok()
    .and_then(|w| {
        w.wait_quantile_s(fraction(policies.voice.percentile_pct))
            .ok()
            .flatten()
    });
    let explanation = Explanation::new(format!("{nodes} GPU nodes"))
        .formula(format!(
            "max(⌈{} concurrent sessions ÷ {} per node⌉ = {nodes_by_concurrency}, ⌈{servers} streams ÷ {} per node⌉ = {nodes_by_queue}){}",
            format::number(concurrent_sessions),
            node.sessions_per_node,
            node.streams_per_node,
            if policies.redundancy > 0 { format!(" + {} spare", policies.redundancy) } else { String::new() },
        ))
        .input("busiest-hour sessions", format::number(busiest_hour_sessions))
        .input("interactions", format!("{}/s", format::number(interactions_per_s)))
        .input("GPU time per interaction", format!("{} s", format::number(voice.gpu_seconds_per_interaction)))
        .input("offered load", format!("{} erlangs", format::number(offered_load_erlangs)))
        .input(
            "wait target",
            format!(
                "p{} ≤ {} s",
                format::number(policies.voice.percentile_pct),
                format::number(policies.voice.wait_target_s)
            ),
        )
        .binding(match binding {
            "queueing" => "the wait target (Erlang C) binds".to_owned(),
            "concurrency" => "the sessions-per-node rule binds".to_owned(),
            _ => "no voice demand".to_owned(),
        });
    VoiceSizing {
        nodes,
        nodes_by_concurrency,
        nodes_by_queue,
        concurrent_sessions,
        interactions_per_s,
        offered_load_erlangs,
        wait_at_percentile_s,
        binding: binding.to_owned(),
        explanation,
    }
}

fn explain_connections(
    plan: &Plan,
    app: &AppSizing,
    pools: f64,
    by_units: f64,
    units: f64,
) -> Explanation {
    let p = &plan.policies;
    let db = &plan.baseline.database;
    let mut e = Explanation::new(format!(
        "{} connections",
        format::number(pools.max(by_units))
    ))
    .formula(format!(
        "{} instances × {} pool + {} background = {}",
        app.instances,
        p.pool_per_instance,
        db.background_connections,
        format::number(pools)
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
                format::number(units),
                plan.baseline.demand_unit,
                format::number(by_units)
            ),
        );
    }
    e.binding(if by_units > pools {
        "the per-unit connection rule binds"
    } else {
        "the app pools bind"
    })
}

fn pooler_advice(
    plan: &Plan,
    tier: Option<&crate::plan::DatabaseTier>,
    pools: f64,
    needs_pooler: bool,
) -> String {
    let Some(tier) = tier else {
        return "No tier in the catalog holds this many connections or this much data: add a larger tier, read replicas or partitioning.".to_owned();
    };
    if needs_pooler {
        format!(
            "The app pools ({}) exceed {} of {}'s {} direct connections: put a pooler (PgBouncer or Supavisor, transaction mode) in front; it accepts {} clients and keeps server connections under the limit.",
            format::number(pools),
            format::percent(plan.policies.pooler_share_pct / 100.0),
            tier.name,
            tier.max_connections,
            tier.pooler_clients,
        )
    } else {
        format!(
            "Direct connections fit: {} of {}'s {}.",
            format::number(pools),
            tier.name,
            tier.max_connections
        )
    }
}

fn app_cost_item(
    app_type: &InstanceType,
    app: &AppSizing,
    off_hours: Option<&OffHoursSaving>,
) -> CostLineItem {
    let on_demand = app.instances as f64 * app_type.usd_per_month;
    let saving = off_hours.map_or(0.0, |s| s.saving_usd_per_month);
    let usd = (on_demand - saving).max(0.0);
    let mut explanation = Explanation::new(format::usd(usd)).formula(format!(
        "{} × {} {}{}",
        app.instances,
        format::usd(app_type.usd_per_month),
        app_type.name,
        if saving > 0.0 {
            format!(" − {} off-hours saving", format::usd(saving))
        } else {
            String::new()
        }
    ));
    explanation = explanation.input("price source", app_type.source.clone());
    CostLineItem {
        component: "App instances".to_owned(),
        usd_per_month: usd,
        explanation,
    }
}

fn timeline(
    plan: &Plan,
    months: &[MonthResult],
    db: &Progression,
    redis: &Progression,
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
        });
    }
    if let Some(m) = months.iter().find(|m| m.database.needs_pooler) {
        events.push(TimelineEvent {
            month: m.month,
            calendar: m.calendar,
            resource: Resource::Database,
            text: "Connection pooler needed: app pools pass the pooler threshold".to_owned(),
        });
    }
    if let Some(m) = months.iter().find(|m| m.app.over_max) {
        events.push(TimelineEvent {
            month: m.month,
            calendar: m.calendar,
            resource: Resource::App,
            text: format!(
                "App needs {} instances, above the maximum of {}: move up an instance size",
                m.app.instances, plan.policies.max_instances
            ),
        });
    }
    let mut last_nodes = None;
    for m in months {
        if let Some(v) = &m.voice {
            if last_nodes.is_some_and(|n| v.nodes > n) {
                events.push(TimelineEvent {
                    month: m.month,
                    calendar: m.calendar,
                    resource: Resource::Voice,
                    text: format!(
                        "GPU voice nodes {} → {} ({})",
                        last_nodes.unwrap_or(0),
                        v.nodes,
                        v.binding
                    ),
                });
            }
            last_nodes = Some(v.nodes);
        }
    }
    events.sort_by_key(|e| (e.month, e.resource));
    events
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
