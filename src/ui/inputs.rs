//! The baseline and policy forms: grouped, labelled fields with units and inline errors.

use super::fields::{num, Choice, NumberInput, TextInput, Toggle};
use super::state::Workspace;
use headroom_core::plan::{PeakShape, Plan, Traffic, VoiceDemand};
use headroom_core::validate::specs;
use leptos::prelude::*;
use std::sync::Arc;

/// A numeric field at a fixed place in the plan: `field!(path, spec, |p| p.a.b, "hint")`.
macro_rules! field {
    ($path:literal, $spec:expr, |$p:ident| $place:expr, $hint:expr) => {{
        let (get, set) = num(
            |$p: &Plan| Some($place as f64),
            |$p: &mut Plan, v: f64| $place = v as _,
        );
        view! { <NumberInput path=$path spec=$spec get=get set=set hint=$hint/> }
    }};
}

fn voice_default() -> VoiceDemand {
    VoiceDemand {
        sessions_per_unit_per_day: 1.0,
        peak_hour_share_pct: 15.0,
        session_minutes: 4.0,
        interactions_per_session: 4.0,
        gpu_seconds_per_interaction: 2.5,
    }
}

/// Demand and infrastructure today.
#[component]
pub fn BaselinePanel() -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App");
    let traffic_model = Memo::new(move |_| {
        ws.plan.with(|p| match &p.baseline.traffic {
            Traffic::DailyVolume {
                peak: PeakShape::PeakToAverage { .. },
                ..
            } => "daily_ratio",
            Traffic::DailyVolume {
                peak: PeakShape::PeakHourShare { .. },
                ..
            } => "daily_share",
            Traffic::PeakRate { .. } => "peak_rate",
        })
    });
    let has_voice = Memo::new(move |_| ws.plan.with(|p| p.baseline.voice.is_some()));
    let db_names = Memo::new(move |_| {
        ws.plan.with(|p| {
            std::iter::once(String::new())
                .chain(p.catalogs.databases.iter().map(|t| t.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let redis_names = Memo::new(move |_| {
        ws.plan.with(|p| {
            std::iter::once(String::new())
                .chain(p.catalogs.redis.iter().map(|t| t.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let unit_name = Memo::new(move |_| ws.plan.with(|p| p.baseline.demand_unit.clone()));
    view! {
        <section class="panel inputs" aria-labelledby="baseline-title">
            <h2 id="baseline-title">"Baseline"</h2>
            <p class="lede">"Demand and infrastructure today (month 0)."</p>
            <form class="fields" on:submit=|ev| ev.prevent_default() novalidate=true>
                <fieldset>
                    <legend>"Demand"</legend>
                    <TextInput
                        path="baseline.demand_unit"
                        label="Demand is counted in"
                        hint="users, cafés, tenants…"
                        get=Arc::new(|p: &Plan| Some(p.baseline.demand_unit.clone()))
                        set=Arc::new(|p: &mut Plan, v: String| p.baseline.demand_unit = v)
                    />
                    {field!("baseline.units", specs::UNITS, |p| p.baseline.units, "How many there are today")}
                    <Choice
                        path="baseline.traffic"
                        label="Traffic is given as"
                        options=vec![
                            ("daily_ratio", "Daily requests × peak-to-average ratio"),
                            ("daily_share", "Daily requests × busiest-hour share"),
                            ("peak_rate", "Measured peak today (req/s)"),
                        ]
                        get=Arc::new(move |_p: &Plan| Some(traffic_model.get_untracked()))
                        set=Arc::new(|p: &mut Plan, v: &'static str| {
                            let daily = match &p.baseline.traffic {
                                Traffic::DailyVolume { requests_per_unit_per_day, .. } => *requests_per_unit_per_day,
                                Traffic::PeakRate { .. } => 100.0,
                            };
                            p.baseline.traffic = match v {
                                "daily_share" => Traffic::DailyVolume {
                                    requests_per_unit_per_day: daily,
                                    peak: PeakShape::PeakHourShare { share_pct: 12.0 },
                                },
                                "peak_rate" => Traffic::PeakRate { peak_rps: 50.0 },
                                _ => Traffic::DailyVolume {
                                    requests_per_unit_per_day: daily,
                                    peak: PeakShape::PeakToAverage { ratio: 3.0 },
                                },
                            };
                        })
                    />
                    {move || match traffic_model.get() {
                        "peak_rate" => {
                            let (get, set) = num(
                                |p| match p.baseline.traffic {
                                    Traffic::PeakRate { peak_rps } => Some(peak_rps),
                                    _ => None,
                                },
                                |p, v| {
                                    if let Traffic::PeakRate { peak_rps } = &mut p.baseline.traffic {
                                        *peak_rps = v;
                                    }
                                },
                            );
                            view! {
                                <NumberInput path="baseline.traffic.peak_rps" spec=specs::PEAK_RPS get=get set=set
                                    hint="Scales in proportion to the demand units"/>
                            }
                                .into_any()
                        }
                        model => {
                            let (get, set) = num(
                                |p| match p.baseline.traffic {
                                    Traffic::DailyVolume { requests_per_unit_per_day, .. } => Some(requests_per_unit_per_day),
                                    _ => None,
                                },
                                |p, v| {
                                    if let Traffic::DailyVolume { requests_per_unit_per_day, .. } = &mut p.baseline.traffic {
                                        *requests_per_unit_per_day = v;
                                    }
                                },
                            );
                            let shape = if model == "daily_share" {
                                let (g, s) = num(
                                    |p| match p.baseline.traffic {
                                        Traffic::DailyVolume { peak: PeakShape::PeakHourShare { share_pct }, .. } => Some(share_pct),
                                        _ => None,
                                    },
                                    |p, v| {
                                        if let Traffic::DailyVolume { peak: PeakShape::PeakHourShare { share_pct }, .. } = &mut p.baseline.traffic {
                                            *share_pct = v;
                                        }
                                    },
                                );
                                view! {
                                    <NumberInput path="baseline.traffic.peak.share_pct" spec=specs::PEAK_HOUR_SHARE get=g set=s
                                        hint="A busy hour often holds 10–15 % of a day"/>
                                }
                                    .into_any()
                            } else {
                                let (g, s) = num(
                                    |p| match p.baseline.traffic {
                                        Traffic::DailyVolume { peak: PeakShape::PeakToAverage { ratio }, .. } => Some(ratio),
                                        _ => None,
                                    },
                                    |p, v| {
                                        if let Traffic::DailyVolume { peak: PeakShape::PeakToAverage { ratio }, .. } = &mut p.baseline.traffic {
                                            *ratio = v;
                                        }
                                    },
                                );
                                view! {
                                    <NumberInput path="baseline.traffic.peak.ratio" spec=specs::PEAK_TO_AVERAGE get=g set=s
                                        hint="Peak rate over the day's average rate"/>
                                }
                                    .into_any()
                            };
                            view! {
                                <NumberInput path="baseline.traffic.requests_per_unit_per_day" spec=specs::REQUESTS_PER_UNIT_PER_DAY
                                    get=get set=set label=format!("Requests per {} per day", singular(&unit_name.get_untracked()))/>
                                {shape}
                            }
                                .into_any()
                        }
                    }}
                </fieldset>
                <fieldset>
                    <legend>"Database"</legend>
                    {field!("baseline.database.data_gb_fixed", specs::DATA_GB_FIXED, |p| p.baseline.database.data_gb_fixed, "Data that does not grow with demand")}
                    {field!("baseline.database.data_gb_per_unit", specs::DATA_GB_PER_UNIT, |p| p.baseline.database.data_gb_per_unit, "0.1 GB = 100 MB per unit")}
                    {field!("baseline.database.connections_per_unit", specs::CONNECTIONS_PER_UNIT, |p| p.baseline.database.connections_per_unit, "Optional rule such as 0.1 (100 per 1 000 users); 0 = off")}
                    {field!("baseline.database.background_connections", specs::BACKGROUND_CONNECTIONS, |p| p.baseline.database.background_connections, "Workers, cron jobs, admin tools")}
                </fieldset>
                <fieldset>
                    <legend>"Redis"</legend>
                    {field!("baseline.redis.memory_mb_fixed", specs::REDIS_MB_FIXED, |p| p.baseline.redis.memory_mb_fixed, "")}
                    {field!("baseline.redis.memory_mb_per_unit", specs::REDIS_MB_PER_UNIT, |p| p.baseline.redis.memory_mb_per_unit, "Measured used_memory ÷ units")}
                    {field!("baseline.redis.keys_per_unit", specs::KEYS_PER_UNIT, |p| p.baseline.redis.keys_per_unit, "Or count keys (0 = off)")}
                    {field!("baseline.redis.bytes_per_key", specs::BYTES_PER_KEY, |p| p.baseline.redis.bytes_per_key, "Key plus value")}
                </fieldset>
                <fieldset>
                    <legend>"Voice (GPU)"</legend>
                    <Toggle
                        path="baseline.voice"
                        label="This product processes voice on GPUs"
                        get=Arc::new(|p: &Plan| Some(p.baseline.voice.is_some()))
                        set=Arc::new(|p: &mut Plan, on: bool| {
                            p.baseline.voice = on.then(voice_default);
                        })
                    />
                    <Show when=move || has_voice.get()>
                        {voice_fields()}
                    </Show>
                </fieldset>
                <fieldset>
                    <legend>"Today"</legend>
                    {field!("baseline.today.app_instances", specs::TODAY_INSTANCES, |p| p.baseline.today.app_instances, "")}
                    {field!("baseline.today.monthly_bill_usd", specs::BILL, |p| p.baseline.today.monthly_bill_usd, "The whole bill, for comparison")}
                    <NameChoice path="baseline.today.database_tier" label="Database tier today" names=db_names
                        get=Arc::new(|p: &Plan| Some(p.baseline.today.database_tier.clone()))
                        set=Arc::new(|p: &mut Plan, v: String| p.baseline.today.database_tier = v)/>
                    <NameChoice path="baseline.today.redis_plan" label="Redis plan today" names=redis_names
                        get=Arc::new(|p: &Plan| Some(p.baseline.today.redis_plan.clone()))
                        set=Arc::new(|p: &mut Plan, v: String| p.baseline.today.redis_plan = v)/>
                </fieldset>
                <fieldset>
                    <legend>"Scaling measurements (optional)"</legend>
                    <p class="hint">
                        "Throughput from load tests at several instance counts, including 1. With three or more, "
                        "Headroom warns where adding instances stops helping (Universal Scalability Law)."
                    </p>
                    <ScalingTable/>
                </fieldset>
            </form>
        </section>
    }
}

fn singular(unit: &str) -> String {
    let trimmed = unit.trim();
    match trimmed.strip_suffix('s') {
        Some(stem) if !stem.is_empty() => stem.to_owned(),
        _ => trimmed.to_owned(),
    }
}

macro_rules! voice_field {
    ($path:literal, $spec:expr, $name:ident, $hint:expr) => {{
        let (get, set) = num(
            |p: &Plan| p.baseline.voice.as_ref().map(|v| v.$name),
            |p: &mut Plan, x: f64| {
                if let Some(v) = p.baseline.voice.as_mut() {
                    v.$name = x;
                }
            },
        );
        view! { <NumberInput path=$path spec=$spec get=get set=set hint=$hint/> }
    }};
}

fn voice_fields() -> impl IntoView {
    view! {
        {voice_field!("baseline.voice.sessions_per_unit_per_day", specs::SESSIONS_PER_UNIT_PER_DAY, sessions_per_unit_per_day, "")}
        {voice_field!("baseline.voice.peak_hour_share_pct", specs::PEAK_HOUR_SHARE, peak_hour_share_pct, "Share of a day's sessions in the busiest hour")}
        {voice_field!("baseline.voice.session_minutes", specs::SESSION_MINUTES, session_minutes, "")}
        {voice_field!("baseline.voice.interactions_per_session", specs::INTERACTIONS_PER_SESSION, interactions_per_session, "")}
        {voice_field!("baseline.voice.gpu_seconds_per_interaction", specs::GPU_SECONDS, gpu_seconds_per_interaction, "Service time for the queueing model")}
    }
}

/// Rules that apply across every resource.
#[component]
pub fn PoliciesPanel() -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App");
    let instance_names = Memo::new(move |_| {
        ws.plan.with(|p| {
            p.catalogs
                .instances
                .iter()
                .map(|i| i.name.clone())
                .collect::<Vec<_>>()
        })
    });
    let gpu_names = Memo::new(move |_| {
        ws.plan.with(|p| {
            p.catalogs
                .gpu_nodes
                .iter()
                .map(|i| i.name.clone())
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="panel inputs" aria-labelledby="policies-title">
            <h2 id="policies-title">"Policies"</h2>
            <p class="lede">"One set of rules for every resource."</p>
            <form class="fields" on:submit=|ev| ev.prevent_default() novalidate=true>
                <fieldset>
                    <legend>"Capacity"</legend>
                    {field!("policies.target_utilisation_pct", specs::TARGET_UTILISATION_PCT, |p| p.policies.target_utilisation_pct, "Autoscaler targets of 50–70 % are common")}
                    {field!("policies.scale_up_trigger_pct", specs::SCALE_UP_TRIGGER_PCT, |p| p.policies.scale_up_trigger_pct, "Move up a tier past this share of its limit")}
                    {field!("policies.headroom_pct", specs::HEADROOM_PCT, |p| p.policies.headroom_pct, "Extra capacity on top of the forecast")}
                    {field!("policies.redundancy", specs::REDUNDANCY, |p| p.policies.redundancy, "Spares: 1 = N+1, 2 = N+2")}
                    <Choice
                        path="policies.forecast_bound"
                        label="Size trend scenarios for"
                        options=vec![("mean", "The fitted trend"), ("upper", "The upper prediction bound"), ("lower", "The lower prediction bound")]
                        get=Arc::new(|p: &Plan| Some(match p.policies.forecast_bound {
                            headroom_core::plan::ForecastBound::Mean => "mean",
                            headroom_core::plan::ForecastBound::Upper => "upper",
                            headroom_core::plan::ForecastBound::Lower => "lower",
                        }))
                        set=Arc::new(|p: &mut Plan, v: &'static str| {
                            p.policies.forecast_bound = match v {
                                "upper" => headroom_core::plan::ForecastBound::Upper,
                                "lower" => headroom_core::plan::ForecastBound::Lower,
                                _ => headroom_core::plan::ForecastBound::Mean,
                            };
                        })
                    />
                </fieldset>
                <fieldset>
                    <legend>"App instances"</legend>
                    <NameChoice path="policies.app_instance" label="Instance type" names=instance_names
                        get=Arc::new(|p: &Plan| Some(p.policies.app_instance.clone()))
                        set=Arc::new(|p: &mut Plan, v: String| p.policies.app_instance = v)/>
                    {field!("policies.min_instances", specs::MIN_INSTANCES, |p| p.policies.min_instances, "High-availability floor")}
                    {field!("policies.max_instances", specs::MAX_INSTANCES, |p| p.policies.max_instances, "Above this, move up an instance size")}
                </fieldset>
                <fieldset>
                    <legend>"Database connections"</legend>
                    {field!("policies.pool_per_instance", specs::POOL_PER_INSTANCE, |p| p.policies.pool_per_instance, "Connections each instance's pool holds")}
                    {field!("policies.pooler_share_pct", specs::POOLER_SHARE_PCT, |p| p.policies.pooler_share_pct, "Advise a pooler past this share of direct connections")}
                </fieldset>
                <fieldset>
                    <legend>"Redis"</legend>
                    {field!("policies.redis.fragmentation_ratio", specs::FRAGMENTATION, |p| p.policies.redis.fragmentation_ratio, "RSS ÷ used memory, 1.0–1.5 typically")}
                    {field!("policies.redis.maxmemory_share_pct", specs::MAXMEMORY_SHARE_PCT, |p| p.policies.redis.maxmemory_share_pct, "Leave room for fork and rewrite (ElastiCache reserves 25 %)")}
                    {field!("policies.redis.overhead_bytes_per_key", specs::OVERHEAD_BYTES_PER_KEY, |p| p.policies.redis.overhead_bytes_per_key, "")}
                    <Toggle path="policies.redis.require_replica" label="Require a replica (high availability)"
                        get=Arc::new(|p: &Plan| Some(p.policies.redis.require_replica))
                        set=Arc::new(|p: &mut Plan, v: bool| p.policies.redis.require_replica = v)/>
                </fieldset>
                <fieldset>
                    <legend>"Voice"</legend>
                    <NameChoice path="policies.voice.gpu_node" label="GPU node type" names=gpu_names
                        get=Arc::new(|p: &Plan| Some(p.policies.voice.gpu_node.clone()))
                        set=Arc::new(|p: &mut Plan, v: String| p.policies.voice.gpu_node = v)/>
                    {field!("policies.voice.wait_target_s", specs::WAIT_TARGET_S, |p| p.policies.voice.wait_target_s, "Longest acceptable wait before processing")}
                    {field!("policies.voice.percentile_pct", specs::PERCENTILE_PCT, |p| p.policies.voice.percentile_pct, "Share of interactions that must meet the target")}
                </fieldset>
                <fieldset>
                    <legend>"Cost"</legend>
                    <Toggle path="policies.commitment.enabled" label="Commit (reserved instances, savings plan)"
                        get=Arc::new(|p: &Plan| Some(p.policies.commitment.enabled))
                        set=Arc::new(|p: &mut Plan, v: bool| p.policies.commitment.enabled = v)/>
                    {field!("policies.commitment.discount_pct", specs::DISCOUNT_PCT, |p| p.policies.commitment.discount_pct, "1-year ≈ 30 %, 3-year ≈ 50 %")}
                    {field!("policies.commitment.term_months", specs::TERM_MONTHS, |p| p.policies.commitment.term_months, "")}
                    <Toggle path="policies.off_hours.enabled" label="Scale down off hours"
                        get=Arc::new(|p: &Plan| Some(p.policies.off_hours.enabled))
                        set=Arc::new(|p: &mut Plan, v: bool| p.policies.off_hours.enabled = v)/>
                    {field!("policies.off_hours.business_hours_per_weekday", specs::BUSINESS_HOURS, |p| p.policies.off_hours.business_hours_per_weekday, "")}
                    {field!("policies.off_hours.off_hours_share_pct", specs::OFF_HOURS_SHARE_PCT, |p| p.policies.off_hours.off_hours_share_pct, "Share of instances kept off hours")}
                    <Toggle path="policies.off_hours.weekends_reduced" label="Weekends at the reduced level"
                        get=Arc::new(|p: &Plan| Some(p.policies.off_hours.weekends_reduced))
                        set=Arc::new(|p: &mut Plan, v: bool| p.policies.off_hours.weekends_reduced = v)/>
                </fieldset>
            </form>
        </section>
    }
}

/// A choice among catalog entries by name.
#[component]
fn NameChoice(
    #[prop(into)] path: String,
    #[prop(into)] label: String,
    names: Memo<Vec<String>>,
    get: super::fields::Getter<String>,
    set: super::fields::Setter<String>,
) -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App");
    let id = super::fields::field_id(&path);
    let current = Signal::derive({
        let get = get.clone();
        move || ws.plan.with(|p| get(p)).unwrap_or_default()
    });
    let problem = Signal::derive({
        let path = path.clone();
        move || ws.plan_error(&path)
    });
    let on_change = {
        let path = path.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            let set = set.clone();
            ws.edit(&path, move |p| set(p, value));
        }
    };
    view! {
        <div class="field" class:invalid=move || problem.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <select id=id.clone() data-testid=id.clone() on:change=on_change>
                {move || {
                    names
                        .get()
                        .into_iter()
                        .map(|name| {
                            let selected = current.get() == name;
                            let text = if name.is_empty() { "The smallest".to_owned() } else { name.clone() };
                            view! { <option value=name.clone() selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
            {move || problem.get().map(|m| view! { <p class="error" role="alert" data-testid="field-error">{m}</p> })}
        </div>
    }
}

/// The scaling measurements as an editable table.
#[component]
fn ScalingTable() -> impl IntoView {
    let ws = use_context::<Workspace>().expect("inside App");
    let count = Memo::new(move |_| ws.plan.with(|p| p.baseline.scaling.len()));
    let add = move |_| {
        ws.edit("baseline.scaling+", |p| {
            let next = p.baseline.scaling.last().map_or(1.0, |l| l.instances * 2.0);
            p.baseline.scaling.push(headroom_core::plan::ScalingPoint {
                instances: next,
                throughput_rps: 100.0 * next,
            });
        });
        ws.revision.update(|r| *r += 1);
    };
    view! {
        <div class="scaling-rows">
            {move || {
                (0..count.get())
                    .map(|i| {
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
                            ws.edit("baseline.scaling-", |p| {
                                if i < p.baseline.scaling.len() {
                                    p.baseline.scaling.remove(i);
                                }
                            });
                            ws.revision.update(|r| *r += 1);
                        };
                        view! {
                            <div class="row-fields">
                                <NumberInput path=format!("baseline.scaling[{i}].instances") spec=specs::SCALING_INSTANCES get=gi set=si/>
                                <NumberInput path=format!("baseline.scaling[{i}].throughput_rps") spec=specs::SCALING_THROUGHPUT get=gt set=st/>
                                <button type="button" class="remove" on:click=remove
                                    aria-label=format!("Remove measurement {}", i + 1)>"Remove"</button>
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <button type="button" data-testid="add-scaling" on:click=add>"Add a measurement"</button>
        </div>
    }
}
