//! One scenario's run, stage by stage, each stage reading only what the ones before it made:
//!
//! ```text
//! Run::new        what the plan names, looked up once (instance type, GPU node, headroom)
//!   demands       per month: units, calendar effect, peak traffic, app instances,
//!                 database connections and data, Redis memory, GPU voice nodes
//!   tier_walks    the database tier and Redis plan per month (never down)
//!   fleets        the app and GPU fleets as commitments see them, and what is committed
//!   month         each month's bill, its gaps, cost per unit and per session
//!   advice        over the horizon: commitments, instance sizes, scaling, timeline
//! ```

use super::{
    cost_gaps, peak_rps, scaling_check, timeline, MonthResult, RedisMonth, ScenarioResult,
};
use crate::cost::{
    self, Commitment, CostBreakdown, CostComponent, CostLineItem, FleetMonth, OffHours,
};
use crate::database::{DatabaseMonth, Drivers, DATABASE_DIMENSIONS};
use crate::format;
use crate::growth::{self, Forecast, MonthMultipliers, OwnGrowth, Projection};
use crate::plan::{GpuNode, InstanceType, Plan, Scenario, YearMonth};
use crate::redis::{self, MemoryRules, RedisNeed};
use crate::sizing::{self, AppSizing, SizingPolicy};
use crate::tiers::{self, Progression, ProgressionOptions};
use crate::units::{PlanMonth, Share};
use crate::validate::ValidPlan;
use crate::vertical;
use crate::voice::{self, LargeLoadSizer, VoiceSizing};

/// Runs every model for the scenario at `index` (which the plan has).
pub(super) fn run_scenario(valid: &ValidPlan, index: usize) -> ScenarioResult {
    let run = Run::new(valid, index);
    let mut notes = Vec::new();
    let (months, walks, fleets) = run.sized(&mut notes);
    run.advice(months, walks, &fleets, notes)
}

/// The scenario at `index`'s months and tier walks, without the advice over the horizon
/// ([`super::SizedScenario`]).
pub(super) fn size_scenario(valid: &ValidPlan, index: usize) -> super::SizedScenario {
    let run = Run::new(valid, index);
    let (months, walks, _) = run.sized(&mut Vec::new());
    super::SizedScenario {
        months,
        database_tiers: walks.database,
        redis_plans: walks.redis,
    }
}

/// What every stage reads: the plan, the scenario, and what the plan names, looked up once.
struct Run<'a> {
    valid: &'a ValidPlan,
    plan: &'a Plan,
    scenario: &'a Scenario,
    app_type: &'a InstanceType,
    gpu_node: Option<&'a GpuNode>,
    sizing_policy: SizingPolicy,
    /// 1 + the policy's headroom.
    headroom: f64,
    /// The plan's commitments, when it enables them.
    commitment: Option<Commitment>,
    /// The plan's off-hours scale-down, when it enables it.
    off_hours: Option<OffHours>,
    /// How Redis data becomes a node's memory.
    redis_rules: MemoryRules,
}

/// One month's demand and horizontal sizing, before tiers and cost.
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

/// The database tier and the Redis plan, month by month.
struct Walks {
    database: Progression,
    redis: Progression,
}

/// The fleets as commitments see them, and the units committed month by month.
struct Fleets {
    app: Vec<FleetMonth>,
    /// What off-hours scale-down saves on the app each month, USD (0 without it).
    app_off_hours_saving_usd: Vec<f64>,
    gpu: Vec<FleetMonth>,
    app_committed: Vec<u64>,
    gpu_committed: Vec<u64>,
    /// The share of the week the app's off-hours instances are stopped (none without
    /// off-hours scale-down).
    reduced: Share,
    /// The commitment discount (none without commitments).
    discount: Share,
}

impl<'a> Run<'a> {
    fn new(valid: &'a ValidPlan, index: usize) -> Self {
        let plan = valid.plan();
        Self {
            valid,
            plan,
            scenario: &plan.scenarios[index],
            app_type: valid.app_instance_type(),
            gpu_node: valid.gpu_node(),
            sizing_policy: SizingPolicy::from(plan),
            headroom: plan.policies.headroom_factor(),
            commitment: valid.commitment(),
            off_hours: valid.off_hours(),
            redis_rules: valid.redis_rules(),
        }
    }

    /// Units per month, with a note when the growth model saturated or a trend failed.
    fn project(&self, notes: &mut Vec<String>) -> Projection {
        let plan = self.plan;
        let projection = growth::project(
            plan.baseline.units,
            &self.scenario.growth,
            plan.start,
            plan.horizon_months,
        );
        if projection.saturated {
            notes.push(format!(
                "Demand was capped at {} {}: the growth model runs beyond any realistic plan.",
                format::number(growth::MAX_UNITS),
                plan.baseline.demand_unit
            ));
        }
        if let Some(error) = &projection.trend_error {
            notes.push(format!(
                "The trend could not be fitted ({error}); demand is held at today's level."
            ));
        }
        projection
    }

    /// Each month's demand and horizontal sizing.
    fn demands(&self, projection: &Projection) -> Vec<Demand> {
        let (plan, scenario) = (self.plan, self.scenario);
        let (policies, baseline) = (&plan.policies, &plan.baseline);
        let traffic = scenario.traffic(baseline);
        // The approximation for large voice loads, prepared for the plan's wait target (or
        // its response target's wait) the first time a month needs it.
        let voice_queue = LargeLoadSizer::new();
        projection
            .months
            .iter()
            .enumerate()
            .map(|(i, forecast)| {
                let month = PlanMonth::of_index(i).number();
                let calendar = plan.start.of_plan_month(month);
                let effect = growth::calendar_multipliers(&scenario.calendar, calendar);
                let units_sized = forecast.bound(policies.forecast_bound) * self.headroom;
                let own = OwnGrowth::of(scenario, month);
                let peak_rps =
                    (peak_rps(plan, traffic, units_sized, self.headroom, own.background)
                        * effect.peak)
                        .min(growth::MAX_RPS);
                let app = sizing::size_app(peak_rps, self.app_type, &self.sizing_policy);
                let database = DatabaseMonth::demand(
                    app.instances,
                    policies,
                    &baseline.database,
                    &Drivers {
                        units_sized,
                        units_today: baseline.units,
                        headroom: self.headroom,
                        own,
                    },
                );
                let redis = redis::memory_need(&baseline.redis, &self.redis_rules, units_sized);
                let voice = match (&baseline.voice, self.gpu_node) {
                    (Some(voice), Some(node)) => Some(voice::size_voice(
                        voice,
                        node,
                        policies,
                        &voice_queue,
                        units_sized * effect.peak,
                        baseline.units,
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
            .collect()
    }

    /// The database tier and the Redis plan for each month's need, from today's.
    fn tier_walks(&self, demands: &[Demand]) -> Walks {
        let plan = self.plan;
        let (database_today, redis_today) = self.valid.tiers_today();
        let db_needs: Vec<[f64; 2]> = demands.iter().map(|d| d.database.needs()).collect();
        let database = tiers::progression(
            &tiers::database_specs(&plan.catalogs.databases),
            &DATABASE_DIMENSIONS,
            &db_needs,
            &ProgressionOptions {
                triggers: self.valid.database_triggers(),
                start_tier: database_today,
            },
        );
        let redis_needs: Vec<f64> = demands.iter().map(|d| d.redis.node_memory_mb).collect();
        let redis = redis::choose_plans(
            &plan.catalogs.redis,
            &plan.policies.redis,
            &redis_needs,
            self.valid.redis_trigger(),
            redis_today,
        );
        Walks { database, redis }
    }

    /// The fleets month by month, and what rolling commitments hold of them.
    fn fleets(&self, demands: &[Demand]) -> Fleets {
        let usd_per_month = self.app_type.usd_per_month;
        // Each month's off-hours saving, computed once: the fleet keeps its instances, the
        // bill its saving.
        let (app, app_off_hours_saving_usd): (Vec<FleetMonth>, Vec<f64>) = demands
            .iter()
            .map(|d| {
                let instances = d.app.instances;
                match &self.off_hours {
                    Some(rules) => {
                        let saving = cost::off_hours_saving(instances, usd_per_month, rules);
                        let fleet = FleetMonth {
                            instances,
                            always_on: saving.instances_kept,
                        };
                        (fleet, saving.saving_usd_per_month)
                    }
                    None => (FleetMonth::constant(instances), 0.0),
                }
            })
            .unzip();
        let gpu: Vec<FleetMonth> = demands
            .iter()
            .map(|d| FleetMonth::constant(d.voice.as_ref().map_or(0, |v| v.nodes)))
            .collect();
        let (app_committed, gpu_committed) = match &self.commitment {
            Some(terms) => (
                cost::rolling_commitments(&app, terms.term_months),
                cost::rolling_commitments(&gpu, terms.term_months),
            ),
            None => (vec![0; app.len()], vec![0; gpu.len()]),
        };
        Fleets {
            app,
            app_off_hours_saving_usd,
            gpu,
            app_committed,
            gpu_committed,
            reduced: self.off_hours.map_or(Share::NONE, |r| r.reduced_share()),
            discount: self.commitment.map_or(Share::NONE, |t| t.discount),
        }
    }

    /// Month `i + 1` with its tiers and its bill.
    fn month(&self, i: usize, d: Demand, walks: &Walks, fleets: &Fleets) -> MonthResult {
        let (plan, app_type, gpu_node) = (self.plan, self.app_type, self.gpu_node);
        let baseline = &plan.baseline;
        let committed_app_instances = fleets.app_committed.get(i).copied().unwrap_or(0);
        let committed_gpu_nodes = fleets.gpu_committed.get(i).copied().unwrap_or(0);
        let discount = fleets.discount.get();
        let units_planned = d.units.bound(plan.policies.forecast_bound);
        let month = PlanMonth::of_index(i);
        let database = d.database.on_tier(
            walks.database.months.get(i).and_then(|m| m.tier),
            &plan.catalogs.databases,
            plan.policies.pooler_share(),
        );
        let db_tier = database.tier.and_then(|t| plan.catalogs.databases.get(t));
        let redis_index = walks.redis.months.get(i).and_then(|m| m.tier);
        let redis_plan = redis_index.and_then(|t| plan.catalogs.redis.get(t));
        let redis = RedisMonth {
            need: d.redis,
            plan: redis_plan.and(redis_index),
            topology: redis_plan.map(|p| p.topology),
        };

        let mut items = Vec::with_capacity(4 + baseline.other_costs.len());
        items.push(CostLineItem::new(
            CostComponent::AppInstances,
            super::app_cost_usd(
                app_type,
                d.app.instances,
                fleets
                    .app_off_hours_saving_usd
                    .get(i)
                    .copied()
                    .unwrap_or(0.0),
            ) - committed_app_instances as f64 * app_type.usd_per_month * discount,
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
        items.extend(cost::other_cost_items(
            &baseline.other_costs,
            units_planned,
            month.number(),
        ));
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
        MonthResult {
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
        }
    }

    /// Every stage but the advice: the months, the tier walks and the fleets (`notes` gets
    /// what the projection has to say). Inlined into both callers, so that a binary that
    /// reaches one of them carries the stages as one function, as before there were two.
    #[inline(always)]
    fn sized(&self, notes: &mut Vec<String>) -> (Vec<MonthResult>, Walks, Fleets) {
        let projection = self.project(notes);
        let demands = self.demands(&projection);
        let walks = self.tier_walks(&demands);
        let fleets = self.fleets(&demands);
        let months = demands
            .into_iter()
            .enumerate()
            .map(|(i, demand)| self.month(i, demand, &walks, &fleets))
            .collect();
        (months, walks, fleets)
    }

    /// The scenario's result: its months, and what is judged over the horizon (commitments,
    /// instance sizes, scaling, the timeline).
    fn advice(
        &self,
        months: Vec<MonthResult>,
        walks: Walks,
        fleets: &Fleets,
        mut notes: Vec<String>,
    ) -> ScenarioResult {
        let plan = self.plan;
        let advice = |fleet: &[FleetMonth], reduced, usd_per_month, terms| {
            cost::commitment_advice_for(fleet, reduced, usd_per_month, terms, plan.currency())
        };
        let commitment = self.commitment.as_ref().map(|terms| {
            advice(
                &fleets.app,
                fleets.reduced,
                self.app_type.usd_per_month,
                terms,
            )
        });
        let gpu_commitment = match (&self.commitment, &plan.baseline.voice, self.gpu_node) {
            (Some(terms), Some(_), Some(node)) => {
                Some(advice(&fleets.gpu, Share::NONE, node.usd_per_month, terms))
            }
            _ => None,
        };
        let instances = &plan.catalogs.instances;
        let busiest = months.iter().map(|m| m.peak_rps).fold(0.0, f64::max);
        let vertical = vertical::compare_sizes(instances, busiest, &self.sizing_policy);
        let peaks: Vec<f64> = months.iter().map(|m| m.peak_rps).collect();
        let size_change = vertical::size_change(
            instances,
            &peaks,
            self.valid.app_instance_index(),
            &self.sizing_policy,
        );
        let scaling = scaling_check(plan, &months, &mut notes);
        let timeline = timeline::timeline(
            plan,
            &months,
            &walks.database,
            &walks.redis,
            &size_change,
            scaling.as_ref(),
        );
        ScenarioResult {
            name: self.scenario.name.clone(),
            months,
            database_tiers: walks.database,
            redis_plans: walks.redis,
            timeline,
            commitment,
            gpu_commitment,
            vertical,
            size_change,
            notes,
            scaling,
        }
    }
}
