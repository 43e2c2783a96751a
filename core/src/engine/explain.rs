//! The working behind one figure of one month, built on demand: [`explain`] takes the plan,
//! its results and a [`Figure`] and gives the figure's inputs, formula and the constraint that
//! binds ("6 × app.large = max(2 minimum, ⌈412 req/s ÷ (100 req/s × 70 %)⌉) — the CPU target
//! binds").
//!
//! Results hold numbers, not words: nothing here runs while the engine computes, only when
//! someone asks for a figure's working. Each explanation reads the rules the engine sized with
//! (the models' own explanations where they have one: growth, app sizing, tiers, Redis, other
//! costs; the lower-bound and month-1 notes of [`crate::totals`]), so the words follow the
//! figures.

use super::{off_hours_saving_usd, MonthResult, PlanResults};
use crate::cost::{self, Commitment, CostComponent, CostLineItem};
use crate::database::{DatabaseMonth, DATABASE_DIMENSIONS};
use crate::explain::Explanation;
use crate::format;
use crate::growth::{self, OwnGrowth};
use crate::plan::{
    CatalogEntry, ForecastBound, GpuNode, PeakShape, Plan, Scenario, Traffic, VoiceDemand,
    VoiceTarget,
};
use crate::redis;
use crate::tiers::{self, ConnectionCheck};
use crate::validate::ValidPlan;
use crate::voice::{self, QueueModel, VoiceBinding, VoiceSizing};
use serde::Serialize;

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
/// `results` must be [`run`](super::run)'s output for `plan`; `scenario` is an index into
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
    let valid = plan;
    let plan = valid.plan();
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
        Figure::PeakRps => Some(explain_peak_rps(plan, plan.scenarios.get(scenario)?, m)),
        Figure::AppInstances => Some(crate::totals::explain_instances(
            plan,
            result,
            m,
            m.app.explain(&valid.app_instance_type().name),
        )),
        Figure::DbConnections => Some(explain_connections(plan, plan.scenarios.get(scenario)?, m)),
        Figure::DbPooler => Some(explain_pooler(plan, &m.database)),
        Figure::DbTier => {
            let e = result.database_tiers.explain_month(
                index,
                &tiers::database_specs(&plan.catalogs.databases),
                &DATABASE_DIMENSIONS,
                &[m.database.connections, m.database.data_gb],
            )?;
            Some(
                match plan.scenarios.get(scenario)?.data_monthly_growth_pct {
                    Some(pct) => {
                        let today = crate::database::data_today_gb(
                            &plan.baseline.database,
                            plan.baseline.units,
                        );
                        e.input(
                            "data, growing on its own",
                            format!(
                                "{} today × {} × (1 + {}) headroom = {}",
                                format::with_unit(today, "GB"),
                                growth::own_factor_words(pct, month),
                                format::percent(plan.policies.headroom_pct / 100.0),
                                format::with_unit(m.database.data_gb, "GB")
                            ),
                        )
                    }
                    None => e,
                },
            )
        }
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
            let units = m.units_sized * m.calendar_effect.peak;
            Some(explain_voice(plan, demand, valid.gpu_node()?, voice, units))
        }
        Figure::Cost { component } => {
            let item = m.cost.items.get(component)?;
            explain_cost_item(valid, m, item)
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
fn explain_peak_rps(plan: &Plan, scenario: &Scenario, m: &MonthResult) -> Explanation {
    let policies = &plan.policies;
    let unit_name = &plan.baseline.demand_unit;
    let units = format::with_unit(m.units_sized, unit_name);
    let fixed_today = plan.baseline.fixed_peak_rps;
    let mut formula = match scenario.traffic(&plan.baseline) {
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
    let background = OwnGrowth::of(scenario, m.month.number()).background;
    if fixed_today > 0.0 {
        let fixed = fixed_today * background * policies.headroom_factor();
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
    if scenario.traffic.is_some() {
        e = e.input(
            "traffic per unit",
            format!("this scenario's own (“{}”)", scenario.name),
        );
    }
    if fixed_today > 0.0 {
        e = e.input(
            "fixed traffic (does not grow with units)",
            match scenario.background_monthly_growth_pct {
                Some(pct) => format!(
                    "{} today × {} background growth",
                    format::with_unit(fixed_today, "req/s"),
                    growth::own_factor_words(pct, m.month.number())
                ),
                None => format::with_unit(fixed_today, "req/s"),
            },
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

fn explain_connections(plan: &Plan, scenario: &Scenario, m: &MonthResult) -> Explanation {
    let p = &plan.policies;
    let db = &plan.baseline.database;
    let pools = m.database.connections_from_pools;
    let by_units = m.database.connections_from_units;
    let background = format::count(m.database.background_connections);
    let mut e = Explanation::new(format!(
        "{} connections",
        format::count(tiers::connections_needed(pools, by_units).0)
    ))
    .formula(format!(
        "{} instances × {} pool + {background} background = {}",
        format::count(m.app.instances as f64),
        p.pool_per_instance,
        format::count(pools)
    ))
    .input("pool per instance", p.pool_per_instance.to_string())
    .input(
        "background connections",
        match scenario.background_monthly_growth_pct {
            Some(pct) => format!(
                "⌈{} today × {}⌉ = {background}",
                db.background_connections,
                growth::own_factor_words(pct, m.month.number())
            ),
            None => background,
        },
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
pub(super) fn connections_words(check: &ConnectionCheck) -> String {
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
    let check = database.connection_check(tier, plan.policies.pooler_share());
    if check.needs_pooler {
        format!(
            "{} exceed {} of {}'s {} direct connections: put a pooler (PgBouncer or Supavisor, transaction mode) in front; {} and keeps server connections under the limit.",
            connections_words(&check),
            format::percent(plan.policies.pooler_share().get()),
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

/// "connection pooler needed = 300 connections (the per-unit connection rule) > 80 % × 120
/// direct connections of Supabase Medium = 96".
fn explain_pooler(plan: &Plan, database: &DatabaseMonth) -> Explanation {
    let advice = pooler_advice(plan, database);
    let Some(tier) = database.tier.and_then(|t| plan.catalogs.databases.get(t)) else {
        return Explanation::new("beyond the catalog").binding(advice);
    };
    let check = database.connection_check(tier, plan.policies.pooler_share());
    let share = plan.policies.pooler_share().get();
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

/// `units` is what the month sized for (forecast × headroom × calendar peak).
fn explain_voice(
    plan: &Plan,
    voice: &VoiceDemand,
    node: &GpuNode,
    v: &VoiceSizing,
    units: f64,
) -> Explanation {
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
            "concurrent sessions",
            match voice.peak_concurrent_sessions {
                stated if stated > 0.0 => format!(
                    "stated: {} today × {} ÷ {} today",
                    format::number(stated),
                    format::number(units),
                    format::with_unit(plan.baseline.units, &plan.baseline.demand_unit)
                ),
                _ => "derived: busiest-hour sessions × session length".to_owned(),
            },
        )
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
        );
    let percentile = format::number(policies.voice.percentile_pct);
    let (target, kind) = match policies.voice.target {
        VoiceTarget::Wait => (
            format!(
                "p{percentile} ≤ {} s",
                format::number(policies.voice.wait_target_s)
            ),
            "wait",
        ),
        VoiceTarget::Response => (
            format!(
                "p{percentile} ≤ {} s = wait ≤ {} s + {} s GPU",
                format::number(policies.voice.response_target_s),
                format::number(voice::wait_target_s(
                    &policies.voice,
                    voice.gpu_seconds_per_interaction
                )),
                format::number(voice.gpu_seconds_per_interaction)
            ),
            "response-time",
        ),
    };
    e = e.input(format!("{kind} target"), target);
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
    let binding = match (v.binding, v.queue_model) {
        (VoiceBinding::Queueing, QueueModel::ErlangC) => " target (Erlang C) binds",
        (VoiceBinding::Queueing, QueueModel::HalfinWhitt) => {
            " target (Halfin–Whitt, checked with Erlang C) binds"
        }
        (VoiceBinding::Queueing, QueueModel::UtilisationCap) => {
            return e.binding("the utilisation cap binds")
        }
        (VoiceBinding::Concurrency, _) => return e.binding("the sessions-per-node rule binds"),
        (VoiceBinding::Minimum, _) => return e.binding("no voice demand"),
    };
    e.binding(["the ", kind, binding].concat())
}

fn explain_cost_item(
    valid: &ValidPlan,
    m: &MonthResult,
    item: &CostLineItem,
) -> Option<Explanation> {
    let plan = valid.plan();
    match item.component {
        CostComponent::AppInstances => {
            let app_type = valid.app_instance_type();
            let saving =
                off_hours_saving_usd(valid.off_hours().as_ref(), app_type, m.app.instances);
            let mut formula = format!(
                "{} × {} {}",
                m.app.instances,
                format::money(app_type.usd_per_month, plan.currency()),
                app_type.name
            );
            if saving > 0.0 {
                formula.push_str(&format!(
                    " − {} off-hours saving",
                    format::money(saving, plan.currency())
                ));
            }
            formula.push_str(&committed_words(
                plan,
                m.committed_app_instances,
                app_type.usd_per_month,
            ));
            Some(
                Explanation::new(format::money(item.usd_per_month, plan.currency()))
                    .formula(formula)
                    .input("price source", app_type.source.clone())
                    .priced(plan, app_type),
            )
        }
        CostComponent::Database => {
            let (tier, beyond) = chosen(&plan.catalogs.databases, m.database.tier)?;
            Some(catalog_price(
                plan,
                format!("{} tier price", tier.name),
                tier,
                beyond.then_some("tier"),
            ))
        }
        CostComponent::Redis => {
            let (entry, beyond) = chosen(&plan.catalogs.redis, m.redis.plan)?;
            Some(catalog_price(
                plan,
                format!("{} price", entry.name),
                entry,
                beyond.then_some("plan"),
            ))
        }
        CostComponent::GpuVoice => {
            let node = valid.gpu_node()?;
            let nodes = m.voice.as_ref()?.nodes;
            Some(
                Explanation::new(format::money(item.usd_per_month, plan.currency()))
                    .formula(format!(
                        "{nodes} nodes × {}{}",
                        format::money(node.usd_per_month, plan.currency()),
                        committed_words(plan, m.committed_gpu_nodes, node.usd_per_month)
                    ))
                    .input("node type", node.name.clone())
                    .priced(plan, node),
            )
        }
        CostComponent::Other(i) => Some(cost::explain_other_cost(
            plan.baseline.other_costs.get(i)?,
            m.units.bound(plan.policies.forecast_bound),
            m.month.number(),
            plan.currency(),
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
                format::money(i.usd_per_month, plan.currency()),
                i.component.name(names)
            )
        })
        .collect();
    let mut e = Explanation::new(format!("{}/month", format::money(total, plan.currency())))
        .formula(if terms.is_empty() {
            "no cost lines".to_owned()
        } else {
            terms.join(" + ")
        });
    for item in &m.cost.items {
        e = e.input(
            item.component.name(names),
            format::money(item.usd_per_month, plan.currency()),
        );
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

/// The catalog entry a month is on, or the largest when the need is beyond the catalog (then
/// `true`: the price is a lower bound).
fn chosen<T>(catalog: &[T], index: Option<usize>) -> Option<(&T, bool)> {
    match index {
        Some(i) => Some((catalog.get(i)?, false)),
        None => Some((catalog.last()?, true)),
    }
}

/// A catalog entry's monthly price as a cost line explains it: `formula` ("Supabase Small
/// tier price"), the day the price was read and its region, and where it comes from, or, when
/// the need is beyond the catalog (`beyond_largest`: "tier", "plan"), that it is at least the
/// largest one's.
fn catalog_price(
    plan: &Plan,
    formula: String,
    entry: &dyn CatalogEntry,
    beyond_largest: Option<&str>,
) -> Explanation {
    let shared = entry.shared();
    Explanation::new(format::money(shared.usd_per_month, plan.currency()))
        .formula(formula)
        .priced(plan, entry)
        .binding(match beyond_largest {
            Some(kind) => format!("beyond the catalog: at least the largest {kind}'s price"),
            None => shared.source.to_owned(),
        })
}

/// The inputs every catalog price shows: the day it was read and, when stated, its region.
trait Priced {
    fn priced(self, plan: &Plan, entry: &dyn CatalogEntry) -> Self;
}

impl Priced for Explanation {
    fn priced(self, plan: &Plan, entry: &dyn CatalogEntry) -> Self {
        let shared = entry.shared();
        let e = self.input(
            "price read on",
            plan.catalogs.price_date(shared.priced_on).to_string(),
        );
        if shared.region.is_empty() {
            e
        } else {
            e.input("region", shared.region)
        }
    }
}

/// " − 2 committed × $59.60 × 30 % discount", or nothing without a commitment.
fn committed_words(plan: &Plan, committed: u64, unit_usd_per_month: f64) -> String {
    if committed == 0 {
        return String::new();
    }
    format!(
        " − {committed} committed × {} × {} discount",
        format::money(unit_usd_per_month, plan.currency()),
        format::percent(Commitment::of(&plan.policies.commitment).discount.get())
    )
}

/// "$0.0596 per unit = $596/month ÷ 10 000 users".
fn explain_cost_per_unit(plan: &Plan, m: &MonthResult) -> Explanation {
    let unit_name = &plan.baseline.demand_unit;
    let total = format!(
        "{}/month",
        format::money(m.cost.total_usd_per_month, plan.currency())
    );
    let units = m.units.bound(plan.policies.forecast_bound);
    match m.cost_per_unit_usd {
        Some(per_unit) => Explanation::new(format!(
            "{} per {}",
            format::money(per_unit, plan.currency()),
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
    let total = format!(
        "{}/month",
        format::money(m.cost.total_usd_per_month, plan.currency())
    );
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
        Some(per_session) => Explanation::new(format!(
            "{} per session",
            format::money(per_session, plan.currency())
        ))
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
