//! The baseline and policy forms: grouped, labelled fields with units, hints and inline errors.
//!
//! Fields that speak of "per unit" name the plan's own demand unit ("Requests per café per
//! day"); lists (other costs, scaling measurements) are rows keyed by position, so typing in
//! one row never rebuilds another.

use super::fields::{
    described_by, field_id, focus_soon, index_rows, money_unit, num, plan_memo, structural_edit,
    workspace, Choice, Getter, Group, NumberInput, OptionalNumberInput, Setter, TextInput, Toggle,
};
use crate::ui::memo;
use headroom_core::edit::{self, TrafficFigure, TrafficKind};
use headroom_core::input::NumberSpec;
use headroom_core::plan::{
    CostLine, ForecastBound, Named, Plan, Policies, ScalingPoint, VoiceTarget,
};
use headroom_core::validate::{specs, MAX_SCALING_POINTS};
use leptos::prelude::*;
use std::sync::Arc;

/// A numeric field at a fixed place in the plan:
/// `field!(path, spec, |p| p.a.b, "hint")`, optionally followed by `label = …`, `unit = …`.
macro_rules! field {
    ($path:literal, $spec:expr, |$p:ident| $place:expr, $hint:expr $(, $key:ident = $val:expr)*) => {{
        let (get, set) = num(
            |$p: &Plan| Some($place as f64),
            |$p: &mut Plan, v: f64| $place = v as _,
        );
        view! { <NumberInput path=$path spec=$spec get=get set=set hint=$hint $($key=$val)* /> }
    }};
}

/// The plan's demand unit ("users"), and labels that speak of it.
#[derive(Clone, Copy)]
struct Units {
    name: Memo<String>,
}

impl Units {
    fn new() -> Self {
        let ws = workspace();
        Self {
            name: memo(move || ws.plan.with(|p| p.baseline.demand_unit.trim().to_owned())),
        }
    }

    /// `label` with "per unit" in the demand unit: "Database data per user".
    fn label(self, label: &'static str) -> Signal<String> {
        let name = self.name;
        Signal::derive(move || edit::label_in_units(label, &name.get()))
    }

    /// The demand unit itself, as a field's unit ("users").
    fn plural(self) -> Signal<String> {
        let name = self.name;
        Signal::derive(move || name.get())
    }
}

fn catalog_names(
    ws: super::state::Workspace,
    with_smallest: bool,
    names: fn(&Plan) -> Vec<String>,
) -> Memo<Vec<String>> {
    memo(move || {
        ws.plan.with(|p| {
            let mut list = if with_smallest {
                vec![String::new()]
            } else {
                Vec::new()
            };
            list.extend(names(p));
            list
        })
    })
}

/// Demand and infrastructure today.
#[component]
pub fn BaselinePanel() -> impl IntoView {
    let ws = workspace();
    let units = Units::new();
    let has_voice = plan_memo(|p| p.baseline.voice.is_some());
    let db_names = catalog_names(ws, true, |p| {
        p.catalogs
            .databases
            .iter()
            .map(|t| t.name.clone())
            .collect()
    });
    let redis_names = catalog_names(ws, true, |p| {
        p.catalogs.redis.iter().map(|t| t.name.clone()).collect()
    });
    view! {
        <section class="panel inputs" aria-labelledby="baseline-title">
            <h2 id="baseline-title">"Baseline"</h2>
            <p class="lede">"Demand and infrastructure today (month 0). Scenarios grow the demand from here."</p>
            <form class="fields" on:submit=|ev| ev.prevent_default() novalidate=true>
                <Group title="Demand" paths=&["baseline.demand_unit", "baseline.units", "baseline.traffic"]>
                    <TextInput
                        path="baseline.demand_unit"
                        label="Demand is counted in"
                        hint="What grows: users, cafés, tenants…"
                        get=Arc::new(|p: &Plan| Some(p.baseline.demand_unit.clone()))
                        set=Arc::new(|p: &mut Plan, v: String| p.baseline.demand_unit = v)
                    />
                    {field!("baseline.units", specs::UNITS, |p| p.baseline.units, "How many there are today", unit = units.plural())}
                    {traffic_model(None)}
                    {field!("baseline.fixed_peak_rps", specs::FIXED_PEAK_RPS, |p| p.baseline.fixed_peak_rps,
                        "Peak traffic that does not grow with demand: health checks, crawlers, internal jobs (part of a measured peak)")}
                </Group>
                // The groups below the first screen, each built in a task of its own while
                // the page starts (after the results').
                {crate::ui::lazy::in_own_task(move || view! {
                    <Group title="Database" paths=&["baseline.database"]>
                        {field!("baseline.database.data_gb_fixed", specs::DATA_GB_FIXED, |p| p.baseline.database.data_gb_fixed, "Data that does not grow with demand")}
                        {field!("baseline.database.data_gb_per_unit", specs::DATA_GB_PER_UNIT, |p| p.baseline.database.data_gb_per_unit, "0.1 GB is 100 MB", label = units.label("Database data per unit"))}
                        {field!("baseline.database.connections_per_unit", specs::CONNECTIONS_PER_UNIT, |p| p.baseline.database.connections_per_unit,
                            "Optional rule, such as 0.1 for 100 per 1\u{202F}000; 0 = off (connections then come from the app's pools)",
                            label = units.label("Connections per unit"), unit = "connections")}
                        {field!("baseline.database.background_connections", specs::BACKGROUND_CONNECTIONS, |p| p.baseline.database.background_connections,
                            "Workers, cron jobs and admin tools, beside the app's pools", unit = "connections")}
                    </Group>
                })}
                {crate::ui::lazy::in_own_task(move || view! {
                    <Group title="Redis" paths=&["baseline.redis"]>
                        {field!("baseline.redis.memory_mb_fixed", specs::REDIS_MB_FIXED, |p| p.baseline.redis.memory_mb_fixed, "Memory that does not grow with demand (queues, configuration)")}
                        {field!("baseline.redis.memory_mb_per_unit", specs::REDIS_MB_PER_UNIT, |p| p.baseline.redis.memory_mb_per_unit, "Measured used_memory ÷ today's count", label = units.label("Redis memory per unit"))}
                        {field!("baseline.redis.keys_per_unit", specs::KEYS_PER_UNIT, |p| p.baseline.redis.keys_per_unit, "Or count keys instead (0 = off)", label = units.label("Redis keys per unit"), unit = "keys")}
                        {field!("baseline.redis.bytes_per_key", specs::BYTES_PER_KEY, |p| p.baseline.redis.bytes_per_key, "Key plus value; Redis' own overhead per key is a policy")}
                    </Group>
                })}
                {crate::ui::lazy::in_own_task(move || view! {
                    <Group title="Voice (GPU)" paths=&["baseline.voice"]>
                        <Toggle
                            path="baseline.voice"
                            label="This product processes voice on GPUs"
                            get=Arc::new(|p: &Plan| Some(p.baseline.voice.is_some()))
                            set=Arc::new(|p: &mut Plan, on: bool| {
                                p.baseline.voice = on.then(edit::new_voice_demand);
                            })
                        />
                        <Show when=move || has_voice.get()>
                            {voice_fields(units)}
                        </Show>
                    </Group>
                })}
                {crate::ui::lazy::in_own_task(move || view! {
                    <Group title="Other monthly costs" paths=&["baseline.other_costs"] testid="group-other-costs">
                        <p class="hint">
                            "Costs the sizing does not produce: monitoring, storage, third-party APIs. "
                            "Each is a fixed amount plus an amount per unit of demand above the units it includes, "
                            "paid in every month or only from one month to another (a price that changes is two lines)."
                        </p>
                        <CostLines units=units/>
                    </Group>
                })}
                {crate::ui::lazy::in_own_task(move || view! {
                    <Group title="Today" paths=&["baseline.today"]>
                        {field!("baseline.today.app_instances", specs::TODAY_INSTANCES, |p| p.baseline.today.app_instances, "What runs now, to compare with month 1", unit = "instances")}
                        {field!("baseline.today.monthly_bill_usd", specs::BILL, |p| p.baseline.today.monthly_bill_usd, "The whole bill today, to compare with the plan's cost", unit = money_unit())}
                        <NameChoice path="baseline.today.database_tier" label="Database tier today" names=db_names
                            hint="The plan never moves below it"
                            get=Arc::new(|p: &Plan| Some(p.baseline.today.database_tier.clone()))
                            set=Arc::new(|p: &mut Plan, v: String| p.baseline.today.database_tier = v)/>
                        <NameChoice path="baseline.today.redis_plan" label="Redis plan today" names=redis_names
                            hint="The plan never moves below it"
                            get=Arc::new(|p: &Plan| Some(p.baseline.today.redis_plan.clone()))
                            set=Arc::new(|p: &mut Plan, v: String| p.baseline.today.redis_plan = v)/>
                    </Group>
                })}
                {crate::ui::lazy::in_own_task(move || view! {
                    <Group title="Scaling measurements (optional)" paths=&["baseline.scaling"]>
                        <p class="hint">
                            "Throughput from load tests at several instance counts, including 1. With three or more, "
                            "Headroom warns where adding instances stops helping (Universal Scalability Law)."
                        </p>
                        <ScalingTable/>
                    </Group>
                })}
            </form>
        </section>
    }
}

/// Where the traffic model at `at` lives in the plan: `baseline.traffic` (`None`) or
/// `scenarios[i].traffic` (`Some(i)`).
fn traffic_path(at: Option<usize>) -> String {
    match at {
        None => "baseline.traffic".to_owned(),
        Some(i) => format!("scenarios[{i}].traffic"),
    }
}

/// The choice of traffic model at `at` ([`edit::traffic_at`]) and the fields of the chosen one.
pub(super) fn traffic_model(at: Option<usize>) -> impl IntoView {
    let ws = workspace();
    let units = Units::new();
    let kind = memo(move || {
        ws.plan
            .with(|p| edit::traffic_at(p, at).map(TrafficKind::of))
    });
    view! {
        <Choice
            path=traffic_path(at)
            label="Traffic is given as"
            options=TrafficKind::ALL.iter().map(|k| (k.id(), k.label())).collect()
            get=Arc::new(move |_p: &Plan| kind.get_untracked().map(TrafficKind::id))
            set=Arc::new(move |p: &mut Plan, v: &'static str| {
                if let Some(k) = TrafficKind::ALL.into_iter().find(|k| k.id() == v) {
                    edit::set_traffic_kind(p, at, k);
                }
            })
        />
        {move || kind.get().map(|k| traffic_fields(at, k, units))}
    }
}

/// The fields of traffic model `model` at `at`.
fn traffic_fields(at: Option<usize>, model: TrafficKind, units: Units) -> AnyView {
    let path = traffic_path(at);
    let figure = move |figure: TrafficFigure| {
        num(
            move |p| edit::traffic_at(p, at).and_then(|t| figure.of(t)),
            move |p, v| {
                if let Some(x) = edit::traffic_at_mut(p, at).and_then(|t| figure.of_mut(t)) {
                    *x = v;
                }
            },
        )
    };
    if model == TrafficKind::PeakRate {
        let (get, set) = figure(TrafficFigure::PeakRps);
        return view! {
            <NumberInput path=format!("{path}.peak_rps") spec=specs::PEAK_RPS get=get set=set
                hint="The busiest rate you measure today; it grows in proportion to demand"/>
        }
        .into_any();
    }
    let (get, set) = figure(TrafficFigure::RequestsPerUnitPerDay);
    let (g, s) = figure(if model == TrafficKind::DailyShare {
        TrafficFigure::PeakHourShare
    } else {
        TrafficFigure::PeakToAverage
    });
    let shape = if model == TrafficKind::DailyShare {
        view! {
            <NumberInput path=format!("{path}.peak.share_pct") spec=specs::PEAK_HOUR_SHARE get=g set=s
                hint="A busy hour often holds 10–15 % of a day's requests"/>
        }
    } else {
        view! {
            <NumberInput path=format!("{path}.peak.ratio") spec=specs::PEAK_TO_AVERAGE get=g set=s
                hint="Peak rate over the day's average rate; 2–4 is typical for a daytime product"/>
        }
    };
    view! {
        <NumberInput path=format!("{path}.requests_per_unit_per_day") spec=specs::REQUESTS_PER_UNIT_PER_DAY
            get=get set=set label=units.label("Requests per unit per day") hint="Average over a day, every endpoint"/>
        {shape}
    }
    .into_any()
}

/// A resource's own scale-up trigger (`read`, `write` in the policies), empty when it follows
/// the plan's.
fn own_trigger(
    path: &'static str,
    spec: NumberSpec,
    read: fn(&Policies) -> Option<f64>,
    write: fn(&mut Policies, Option<f64>),
) -> impl IntoView {
    let get: Getter<Option<f64>> = Arc::new(move |p: &Plan| Some(read(&p.policies)));
    let set: Setter<Option<f64>> = Arc::new(move |p: &mut Plan, v| write(&mut p.policies, v));
    view! {
        <OptionalNumberInput path=path spec=spec get=get set=set placeholder="the scale-up trigger"
            hint="Empty: the scale-up trigger above"/>
    }
}

macro_rules! voice_field {
    ($path:literal, $spec:expr, $name:ident, $hint:expr $(, $key:ident = $val:expr)*) => {{
        let (get, set) = num(
            |p: &Plan| p.baseline.voice.as_ref().map(|v| v.$name),
            |p: &mut Plan, x: f64| {
                if let Some(v) = p.baseline.voice.as_mut() {
                    v.$name = x;
                }
            },
        );
        view! { <NumberInput path=$path spec=$spec get=get set=set hint=$hint $($key=$val)* /> }
    }};
}

fn voice_fields(units: Units) -> impl IntoView {
    view! {
        {voice_field!("baseline.voice.sessions_per_unit_per_day", specs::SESSIONS_PER_UNIT_PER_DAY, sessions_per_unit_per_day,
            "Voice sessions started per day", label = units.label("Voice sessions per unit per day"), unit = "sessions")}
        {voice_field!("baseline.voice.peak_hour_share_pct", specs::PEAK_HOUR_SHARE, peak_hour_share_pct, "Share of a day's sessions in the busiest hour")}
        {voice_field!("baseline.voice.session_minutes", specs::SESSION_MINUTES, session_minutes, "Mean length of a session")}
        {voice_field!("baseline.voice.peak_concurrent_sessions", specs::PEAK_CONCURRENT_SESSIONS, peak_concurrent_sessions,
            "At today's peak, if known; grows with demand (0 = derived)")}
        {voice_field!("baseline.voice.interactions_per_session", specs::INTERACTIONS_PER_SESSION, interactions_per_session, "Utterances processed per session", unit = "interactions")}
        {voice_field!("baseline.voice.gpu_seconds_per_interaction", specs::GPU_SECONDS, gpu_seconds_per_interaction, "GPU processing time of one interaction (the queueing model's service time)")}
    }
}

/// The other cost lines: name, fixed and per-unit amounts, one row each.
#[component]
fn CostLines(units: Units) -> impl IntoView {
    let ws = workspace();
    let count = plan_memo(|p| p.baseline.other_costs.len());
    let add = move |_| {
        let mut added = None;
        structural_edit(ws, "baseline.other_costs+", |p| {
            added = edit::add_cost_line(p);
        });
        if let Some(i) = added {
            focus_soon(field_id(&format!("baseline.other_costs[{i}].name")));
        }
    };
    view! {
        <div class="rows cost-lines">
            {index_rows(count, move |i| cost_line(i, units).into_any())}
            <button type="button" class="add" data-testid="add-cost-line" on:click=add>"Add a cost line"</button>
        </div>
    }
}

fn cost_line(i: usize, units: Units) -> impl IntoView {
    let ws = workspace();
    let name = memo(move || {
        ws.plan.with(|p| {
            p.baseline
                .other_costs
                .get(i)
                .map(|l| l.name.clone())
                .unwrap_or_default()
        })
    });
    let (gf, sf) = num(
        move |p| p.baseline.other_costs.get(i).map(|l| l.fixed_usd_per_month),
        move |p, v| {
            if let Some(l) = p.baseline.other_costs.get_mut(i) {
                l.fixed_usd_per_month = v;
            }
        },
    );
    let (gu, su) = num(
        move |p| {
            p.baseline
                .other_costs
                .get(i)
                .map(|l| l.per_unit_usd_per_month)
        },
        move |p, v| {
            if let Some(l) = p.baseline.other_costs.get_mut(i) {
                l.per_unit_usd_per_month = v;
            }
        },
    );
    let (gi, si) = num(
        move |p| p.baseline.other_costs.get(i).map(|l| l.included_units),
        move |p, v| {
            if let Some(l) = p.baseline.other_costs.get_mut(i) {
                l.included_units = v;
            }
        },
    );
    // The months the line is paid in; empty: from the first, to the horizon.
    let month = |field: &'static str,
                 spec,
                 read: fn(&CostLine) -> Option<u32>,
                 write: fn(&mut CostLine, Option<u32>),
                 placeholder: &'static str| {
        view! {
            <OptionalNumberInput path=format!("baseline.other_costs[{i}].{field}") spec=spec placeholder=placeholder
                get=Arc::new(move |p: &Plan| p.baseline.other_costs.get(i).map(|l| read(l).map(f64::from)))
                set=Arc::new(move |p: &mut Plan, v: Option<f64>| {
                    if let Some(l) = p.baseline.other_costs.get_mut(i) {
                        write(l, v.map(|m| m as u32));
                    }
                })/>
        }
    };
    let remove = move |_| {
        structural_edit(ws, "baseline.other_costs-", |p| {
            if i < p.baseline.other_costs.len() {
                p.baseline.other_costs.remove(i);
                edit::drop_entry_ranges(p, "baseline.other_costs", i);
            }
        });
    };
    view! {
        <div class="row-card" role="group" aria-label=move || format!("Cost line {}: {}", i + 1, name.get())>
            <div class="row-head">
                <TextInput path=format!("baseline.other_costs[{i}].name") label="Name"
                    get=Arc::new(move |p: &Plan| p.baseline.other_costs.get(i).map(|l| l.name.clone()))
                    set=Arc::new(move |p: &mut Plan, v: String| {
                        if let Some(l) = p.baseline.other_costs.get_mut(i) {
                            l.name = v;
                        }
                    })/>
                <button type="button" class="remove" data-testid=format!("remove-cost-line-{i}") on:click=remove
                    aria-label=move || format!("Remove the cost line {}", name.get())>"Remove"</button>
            </div>
            <div class="row-grid">
                <NumberInput path=format!("baseline.other_costs[{i}].fixed_usd_per_month") spec=specs::COST_PER_MONTH
                    label="Fixed" unit=money_unit() get=gf set=sf/>
                <NumberInput path=format!("baseline.other_costs[{i}].per_unit_usd_per_month") spec=specs::COST_PER_MONTH
                    label=units.label("Per unit") unit=money_unit() get=gu set=su/>
                <NumberInput path=format!("baseline.other_costs[{i}].included_units") spec=specs::INCLUDED_UNITS
                    label="Included" unit=units.plural() get=gi set=si
                    hint="The fixed price includes them; the per-unit price is paid above them"/>
                {month("from_month", specs::COST_FROM_MONTH, |l| l.from_month, |l, m| l.from_month = m, "month 1")}
                {month("until_month", specs::COST_UNTIL_MONTH, |l| l.until_month, |l, m| l.until_month = m, "the horizon")}
            </div>
        </div>
    }
}

/// Rules that apply across every resource.
#[component]
pub fn PoliciesPanel() -> impl IntoView {
    let ws = workspace();
    let instance_names = catalog_names(ws, false, |p| {
        p.catalogs
            .instances
            .iter()
            .map(|i| i.name.clone())
            .collect()
    });
    let gpu_names = catalog_names(ws, false, |p| {
        p.catalogs
            .gpu_nodes
            .iter()
            .map(|i| i.name.clone())
            .collect()
    });
    let currencies = memo(|| {
        headroom_core::currency::known()
            .map(|c| c.code().to_owned())
            .collect()
    });
    let has_voice = plan_memo(|p| p.baseline.voice.is_some());
    let responds = plan_memo(|p| p.policies.voice.target == VoiceTarget::Response);
    let committed = plan_memo(|p| p.policies.commitment.enabled);
    let off_hours = plan_memo(|p| p.policies.off_hours.enabled);
    view! {
        <section class="panel inputs" aria-labelledby="policies-title">
            <h2 id="policies-title">"Policies"</h2>
            <p class="lede">"One set of rules for every resource and scenario."</p>
            <form class="fields" on:submit=|ev| ev.prevent_default() novalidate=true>
                <Group title="Capacity" paths=&["policies.target_utilisation_pct", "policies.scale_up_trigger_pct", "policies.database_connections_trigger_pct", "policies.database_storage_trigger_pct", "policies.redis_memory_trigger_pct", "policies.headroom_pct", "policies.redundancy", "policies.forecast_bound"]>
                    {field!("policies.target_utilisation_pct", specs::TARGET_UTILISATION_PCT, |p| p.policies.target_utilisation_pct, "Plan instances and nodes to run this busy at peak; autoscaler targets of 50–70 % are common")}
                    {field!("policies.scale_up_trigger_pct", specs::SCALE_UP_TRIGGER_PCT, |p| p.policies.scale_up_trigger_pct, "Move to the next database tier or Redis plan past this share of its limit")}
                    {own_trigger("policies.database_connections_trigger_pct", specs::CONNECTIONS_TRIGGER_PCT,
                        |p| p.database_connections_trigger_pct, |p, v| p.database_connections_trigger_pct = v)}
                    {own_trigger("policies.database_storage_trigger_pct", specs::STORAGE_TRIGGER_PCT,
                        |p| p.database_storage_trigger_pct, |p, v| p.database_storage_trigger_pct = v)}
                    {own_trigger("policies.redis_memory_trigger_pct", specs::REDIS_MEMORY_TRIGGER_PCT,
                        |p| p.redis_memory_trigger_pct, |p, v| p.redis_memory_trigger_pct = v)}
                    {field!("policies.headroom_pct", specs::HEADROOM_PCT, |p| p.policies.headroom_pct, "Extra capacity on top of the forecast")}
                    {field!("policies.redundancy", specs::REDUNDANCY, |p| p.policies.redundancy, "Spare instances and nodes: 1 = N+1, 2 = N+2", unit = "spares")}
                    <Choice
                        path="policies.forecast_bound"
                        label="Size trend scenarios for"
                        hint="Scenarios with a trend from history forecast a range; the upper bound is the safe side"
                        options=vec![("mean", "The fitted trend"), ("upper", "The upper prediction bound"), ("lower", "The lower prediction bound")]
                        get=Arc::new(|p: &Plan| Some(match p.policies.forecast_bound {
                            ForecastBound::Mean => "mean",
                            ForecastBound::Upper => "upper",
                            ForecastBound::Lower => "lower",
                        }))
                        set=Arc::new(|p: &mut Plan, v: &'static str| {
                            p.policies.forecast_bound = match v {
                                "upper" => ForecastBound::Upper,
                                "lower" => ForecastBound::Lower,
                                _ => ForecastBound::Mean,
                            };
                        })
                    />
                </Group>
                <Group title="App instances" paths=&["policies.app_instance", "policies.min_instances", "policies.max_instances"]>
                    <NameChoice path="policies.app_instance" label="Instance type" names=instance_names
                        hint="From the instance catalog (Catalogs tab)"
                        get=Arc::new(|p: &Plan| Some(p.policies.app_instance.clone()))
                        set=Arc::new(|p: &mut Plan, v: String| p.policies.app_instance = v)/>
                    {field!("policies.min_instances", specs::MIN_INSTANCES, |p| p.policies.min_instances, "Never fewer, for availability", unit = "instances")}
                    {field!("policies.max_instances", specs::MAX_INSTANCES, |p| p.policies.max_instances, "Above this, the plan suggests a larger instance size", unit = "instances")}
                </Group>
                <Group title="Database connections" paths=&["policies.pool_per_instance", "policies.pooler_share_pct"]>
                    {field!("policies.pool_per_instance", specs::POOL_PER_INSTANCE, |p| p.policies.pool_per_instance, "Connections each app instance's pool holds")}
                    {field!("policies.pooler_share_pct", specs::POOLER_SHARE_PCT, |p| p.policies.pooler_share_pct, "Advise a connection pooler past this share of the tier's direct connections")}
                </Group>
                <Group title="Redis" paths=&["policies.redis"]>
                    {field!("policies.redis.fragmentation_ratio", specs::FRAGMENTATION, |p| p.policies.redis.fragmentation_ratio, "RSS ÷ used memory; 1.0–1.5 is typical")}
                    {field!("policies.redis.maxmemory_share_pct", specs::MAXMEMORY_SHARE_PCT, |p| p.policies.redis.maxmemory_share_pct, "Leave room for fork and rewrite (ElastiCache reserves 25 %)")}
                    {field!("policies.redis.overhead_bytes_per_key", specs::OVERHEAD_BYTES_PER_KEY, |p| p.policies.redis.overhead_bytes_per_key, "Redis' own memory per key, when demand is counted in keys")}
                    <Toggle path="policies.redis.require_replica" label="Require a replica (high availability)"
                        get=Arc::new(|p: &Plan| Some(p.policies.redis.require_replica))
                        set=Arc::new(|p: &mut Plan, v: bool| p.policies.redis.require_replica = v)/>
                </Group>
                <Group title="Voice" paths=&["policies.voice"]>
                    <Show when=move || !has_voice.get()>
                        <p class="hint">"Used when the baseline processes voice (Baseline tab, Voice)."</p>
                    </Show>
                    <NameChoice path="policies.voice.gpu_node" label="GPU node type" names=gpu_names
                        hint="From the GPU catalog (Catalogs tab)"
                        get=Arc::new(|p: &Plan| Some(p.policies.voice.gpu_node.clone()))
                        set=Arc::new(|p: &mut Plan, v: String| p.policies.voice.gpu_node = v)/>
                    <Choice
                        path="policies.voice.target"
                        label="Target"
                        options=vec![(VoiceTarget::Wait.name(), "Wait before processing"), (VoiceTarget::Response.name(), "Response: wait + GPU time")]
                        get=Arc::new(|p: &Plan| Some(p.policies.voice.target.name()))
                        set=Arc::new(|p: &mut Plan, v: &'static str| {
                            if let Some(target) = VoiceTarget::from_name(v) {
                                edit::set_voice_target(p, target);
                            }
                        })
                    />
                    {move || if responds.get() {
                        field!("policies.voice.response_target_s", specs::RESPONSE_TARGET_S, |p| p.policies.voice.response_target_s,
                            "Longest acceptable wait plus GPU time of an interaction").into_any()
                    } else {
                        field!("policies.voice.wait_target_s", specs::WAIT_TARGET_S, |p| p.policies.voice.wait_target_s,
                            "Longest acceptable wait before processing starts").into_any()
                    }}
                    {field!("policies.voice.percentile_pct", specs::PERCENTILE_PCT, |p| p.policies.voice.percentile_pct, "Share of interactions that must meet the target")}
                </Group>
                <Group title="Cost" paths=&["currency", "policies.commitment", "policies.off_hours"]>
                    <NameChoice path="currency" label="Currency" names=currencies
                        hint="No conversion: the prices in the catalogs and the baseline are read in this currency (the templates' are US dollars)"
                        get=Arc::new(|p: &Plan| Some(p.currency.clone()))
                        set=Arc::new(|p: &mut Plan, v: String| p.currency = v)/>
                    <Toggle path="policies.commitment.enabled" label="Commit (reserved instances, savings plan)"
                        hint="Commits to the capacity every month of a term needs"
                        get=Arc::new(|p: &Plan| Some(p.policies.commitment.enabled))
                        set=Arc::new(|p: &mut Plan, v: bool| p.policies.commitment.enabled = v)/>
                    <Show when=move || committed.get()>
                        <div class="sub-fields">
                            {field!("policies.commitment.discount_pct", specs::DISCOUNT_PCT, |p| p.policies.commitment.discount_pct, "1-year ≈ 30 %, 3-year ≈ 50 %")}
                            {field!("policies.commitment.term_months", specs::TERM_MONTHS, |p| p.policies.commitment.term_months, "Length of the commitment")}
                        </div>
                    </Show>
                    <Toggle path="policies.off_hours.enabled" label="Scale app instances down off hours"
                        get=Arc::new(|p: &Plan| Some(p.policies.off_hours.enabled))
                        set=Arc::new(|p: &mut Plan, v: bool| p.policies.off_hours.enabled = v)/>
                    <Show when=move || off_hours.get()>
                        <div class="sub-fields">
                            {field!("policies.off_hours.business_hours_per_weekday", specs::BUSINESS_HOURS, |p| p.policies.off_hours.business_hours_per_weekday, "Hours a weekday at full capacity, e.g. 12 for 8 AM–8 PM")}
                            {field!("policies.off_hours.off_hours_share_pct", specs::OFF_HOURS_SHARE_PCT, |p| p.policies.off_hours.off_hours_share_pct, "Share of the instances kept running off hours (never below one)")}
                            <Toggle path="policies.off_hours.weekends_reduced" label="Weekends at the reduced level all day"
                                get=Arc::new(|p: &Plan| Some(p.policies.off_hours.weekends_reduced))
                                set=Arc::new(|p: &mut Plan, v: bool| p.policies.off_hours.weekends_reduced = v)/>
                        </div>
                    </Show>
                </Group>
            </form>
        </section>
    }
}

/// A choice among catalog entries by name; an empty name reads "The smallest".
#[component]
fn NameChoice(
    #[prop(into)] path: String,
    #[prop(into)] label: String,
    names: Memo<Vec<String>>,
    get: Getter<String>,
    set: Setter<String>,
    #[prop(optional, into)] hint: String,
) -> impl IntoView {
    let ws = workspace();
    let id = field_id(&path);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    // A memo: the options are rebuilt when the choice or the names change, not on every edit.
    let current = Memo::new({
        let get = get.clone();
        move |_| ws.plan.with(|p| get(p)).unwrap_or_default()
    });
    let problem = Memo::new({
        let path = path.clone();
        move |_| ws.plan_error(&path)
    });
    let on_change = {
        let path = path.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            let set = set.clone();
            ws.edit(&path, move |p| set(p, value));
        }
    };
    let has_hint = !hint.is_empty();
    let described_by = described_by(has_hint.then(|| hint_id.clone()), error_id.clone(), problem);
    view! {
        <div class="field" class:invalid=move || problem.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <select id=id.clone() data-testid=id.clone() on:change=on_change aria-describedby=described_by
                aria-invalid=move || if problem.with(Option::is_some) { "true" } else { "false" }>
                {move || {
                    let current = current.get();
                    let mut names = names.get();
                    // A name the catalog no longer has stays visible (and flagged) until changed.
                    if !names.contains(&current) {
                        names.push(current.clone());
                    }
                    names
                        .into_iter()
                        .map(|name| {
                            let selected = current == name;
                            let text = if name.is_empty() { "The smallest".to_owned() } else { name.clone() };
                            view! { <option value=name.clone() selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
            {has_hint.then(|| view! { <p class="hint" id=hint_id.clone()>{hint.clone()}</p> })}
            {move || problem.get().map(|m| view! { <p class="error" id=error_id.clone() role="alert" data-testid="field-error">{m}</p> })}
        </div>
    }
}

/// The scaling measurements as editable rows.
#[component]
fn ScalingTable() -> impl IntoView {
    let ws = workspace();
    let count = memo(move || ws.plan.with(|p| p.baseline.scaling.len()));
    let full = memo(move || count.get() >= MAX_SCALING_POINTS);
    let add = move |_| {
        if full.get_untracked() {
            return;
        }
        let mut added = 0;
        structural_edit(ws, "baseline.scaling+", |p| {
            let next = p
                .baseline
                .scaling
                .last()
                .map_or(1.0, |l| (l.instances * 2.0).min(100_000.0));
            p.baseline.scaling.push(ScalingPoint {
                instances: next,
                throughput_rps: 100.0 * next,
            });
            added = p.baseline.scaling.len() - 1;
        });
        focus_soon(field_id(&format!("baseline.scaling[{added}].instances")));
    };
    view! {
        <div class="rows scaling-rows">
            {index_rows(count, move |i| scaling_row(i).into_any())}
            <button type="button" class="add" data-testid="add-scaling" on:click=add disabled=move || full.get()>"Add a measurement"</button>
        </div>
    }
}

fn scaling_row(i: usize) -> impl IntoView {
    let ws = workspace();
    let (gi, si) = num(
        move |p| p.baseline.scaling.get(i).map(|s| s.instances),
        move |p, v| {
            if let Some(s) = p.baseline.scaling.get_mut(i) {
                s.instances = v;
            }
        },
    );
    let (gt, st) = num(
        move |p| p.baseline.scaling.get(i).map(|s| s.throughput_rps),
        move |p, v| {
            if let Some(s) = p.baseline.scaling.get_mut(i) {
                s.throughput_rps = v;
            }
        },
    );
    let remove = move |_| {
        structural_edit(ws, "baseline.scaling-", |p| {
            if i < p.baseline.scaling.len() {
                p.baseline.scaling.remove(i);
                edit::drop_entry_ranges(p, "baseline.scaling", i);
            }
        });
    };
    view! {
        <div class="row-fields" role="group" aria-label=format!("Measurement {}", i + 1)>
            <NumberInput path=format!("baseline.scaling[{i}].instances") spec=specs::SCALING_INSTANCES get=gi set=si unit="instances"/>
            <NumberInput path=format!("baseline.scaling[{i}].throughput_rps") spec=specs::SCALING_THROUGHPUT get=gt set=st/>
            <button type="button" class="remove" on:click=remove
                aria-label=format!("Remove measurement {}", i + 1)>"Remove"</button>
        </div>
    }
}
