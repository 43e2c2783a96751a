//! A plan as its untyped document: [`document`] is the plan file (`headroom_plan` and `plan`)
//! that every format writes, and share links and the autosave carry.
//!
//! Written out by hand rather than derived, as [`super::plan_reader`] reads it: serde's
//! derived writing code, compiled for `serde_json`'s value serializer, was about 4 KB of the
//! page's gzipped first download (BENCHMARKS.md). The derive stays as the declaration of the
//! format; `core/tests/by_hand.rs` checks that the two write the same text for every
//! template and for random plans. Fields are written in the order they are declared, a
//! model's name (`model`, `shape`) first, an entry's `priced_on` and a voice demand's
//! `peak_concurrent_sessions` only when it has one; a number that is not finite (which
//! validation refuses) is written as `null`, as serde writes it.

use super::json::object;
use super::plan_file::FORMAT_KEY;
use crate::plan::{
    day, Baseline, CalendarEffect, CatalogEntry, Catalogs, CostLine, DatabaseTier, EntryShared,
    GpuNode, Growth, InstanceType, Named, Plan, Policies, Range, RedisPlan, Scenario, Traffic,
    Uncertainty, PLAN_SCHEMA_VERSION,
};
use chrono::NaiveDate;
use serde_json::Value;

/// `plan` as a plan file of the current version: `{"headroom_plan": 1, "plan": {…}}`.
///
/// # Example
/// ```
/// use headroom_core::codec::plan_file::PlanFile;
/// use headroom_core::codec::plan_writer::document;
/// use headroom_core::plan::Plan;
/// let plan = Plan::default();
/// assert_eq!(document(&plan), serde_json::to_value(PlanFile::new(plan.clone())).unwrap());
/// ```
pub fn document(plan: &Plan) -> Value {
    object(vec![
        (FORMAT_KEY, PLAN_SCHEMA_VERSION.into()),
        ("plan", plan_value(plan)),
    ])
}

/// A list, each item written by `write`.
fn list<T>(items: &[T], write: fn(&T) -> Value) -> Value {
    Value::Array(items.iter().map(write).collect())
}

/// A number; `null` when it is not finite.
fn number(x: f64) -> Value {
    x.into()
}

fn text(s: &str) -> Value {
    s.into()
}

fn date(d: NaiveDate) -> Value {
    day::text(d).into()
}

/// What every catalog entry ends with: its own price date and its region, each written only
/// when it has one.
fn with_priced_on(mut entry: Value, shared: EntryShared) -> Value {
    if let Value::Object(map) = &mut entry {
        if let Some(d) = shared.priced_on {
            map.insert("priced_on".to_owned(), date(d));
        }
        if !shared.region.is_empty() {
            map.insert("region".to_owned(), text(shared.region));
        }
    }
    entry
}

/// `plan` itself, the value under a plan file's `plan` key: what [`super::field_path`] finds
/// fields in, and what [`super::plan_reader::read`] reads back.
///
/// # Example
/// ```
/// use headroom_core::codec::plan_writer::plan_value;
/// use headroom_core::plan::Plan;
/// let plan = Plan::default();
/// assert_eq!(plan_value(&plan), serde_json::to_value(&plan).unwrap());
/// ```
pub fn plan_value(plan: &Plan) -> Value {
    let mut fields = vec![
        ("name", text(&plan.name)),
        ("start", plan.start.to_string().into()),
        ("horizon_months", plan.horizon_months.into()),
    ];
    // Written only when it is not the default, so a plan in US dollars (every plan before the
    // field) is written as it always was.
    if plan.currency != crate::currency::USD.code() {
        fields.push(("currency", text(&plan.currency)));
    }
    fields.extend([
        ("baseline", baseline(&plan.baseline)),
        ("scenarios", list(&plan.scenarios, scenario)),
        ("policies", policies(&plan.policies)),
        ("catalogs", catalogs(&plan.catalogs)),
    ]);
    // Only when the plan has ranges: a plan of single numbers is written as it always was.
    if let Some(u) = &plan.uncertainty {
        fields.push(("uncertainty", uncertainty(u)));
    }
    object(fields)
}

fn baseline(b: &Baseline) -> Value {
    let d = &b.database;
    let r = &b.redis;
    let t = &b.today;
    object(vec![
        ("demand_unit", text(&b.demand_unit)),
        ("units", number(b.units)),
        ("traffic", traffic(&b.traffic)),
        ("fixed_peak_rps", number(b.fixed_peak_rps)),
        (
            "database",
            object(vec![
                ("data_gb_fixed", number(d.data_gb_fixed)),
                ("data_gb_per_unit", number(d.data_gb_per_unit)),
                ("connections_per_unit", number(d.connections_per_unit)),
                ("background_connections", d.background_connections.into()),
            ]),
        ),
        (
            "redis",
            object(vec![
                ("memory_mb_fixed", number(r.memory_mb_fixed)),
                ("memory_mb_per_unit", number(r.memory_mb_per_unit)),
                ("keys_per_unit", number(r.keys_per_unit)),
                ("bytes_per_key", number(r.bytes_per_key)),
            ]),
        ),
        (
            "voice",
            b.voice.as_ref().map_or(Value::Null, |v| {
                let mut fields = vec![
                    (
                        "sessions_per_unit_per_day",
                        number(v.sessions_per_unit_per_day),
                    ),
                    ("peak_hour_share_pct", number(v.peak_hour_share_pct)),
                    ("session_minutes", number(v.session_minutes)),
                    (
                        "interactions_per_session",
                        number(v.interactions_per_session),
                    ),
                    (
                        "gpu_seconds_per_interaction",
                        number(v.gpu_seconds_per_interaction),
                    ),
                ];
                // Only when stated, as serde skips it at 0.
                if v.peak_concurrent_sessions != 0.0 {
                    fields.push((
                        "peak_concurrent_sessions",
                        number(v.peak_concurrent_sessions),
                    ));
                }
                object(fields)
            }),
        ),
        ("other_costs", list(&b.other_costs, cost_line)),
        (
            "today",
            object(vec![
                ("app_instances", t.app_instances.into()),
                ("monthly_bill_usd", number(t.monthly_bill_usd)),
                ("database_tier", text(&t.database_tier)),
                ("redis_plan", text(&t.redis_plan)),
            ]),
        ),
        (
            "scaling",
            list(&b.scaling, |p| {
                object(vec![
                    ("instances", number(p.instances)),
                    ("throughput_rps", number(p.throughput_rps)),
                ])
            }),
        ),
    ])
}

fn traffic(t: &Traffic) -> Value {
    use crate::plan::PeakShape;
    match t {
        Traffic::DailyVolume {
            requests_per_unit_per_day,
            peak,
        } => object(vec![
            ("model", text("daily_volume")),
            (
                "requests_per_unit_per_day",
                number(*requests_per_unit_per_day),
            ),
            (
                "peak",
                match peak {
                    PeakShape::PeakToAverage { ratio } => object(vec![
                        ("shape", text("peak_to_average")),
                        ("ratio", number(*ratio)),
                    ]),
                    PeakShape::PeakHourShare { share_pct } => object(vec![
                        ("shape", text("peak_hour_share")),
                        ("share_pct", number(*share_pct)),
                    ]),
                },
            ),
        ]),
        Traffic::PeakRate { peak_rps } => object(vec![
            ("model", text("peak_rate")),
            ("peak_rps", number(*peak_rps)),
        ]),
    }
}

fn cost_line(c: &CostLine) -> Value {
    let mut fields = vec![
        ("name", text(&c.name)),
        ("fixed_usd_per_month", number(c.fixed_usd_per_month)),
        ("per_unit_usd_per_month", number(c.per_unit_usd_per_month)),
    ];
    if c.included_units != 0.0 {
        fields.push(("included_units", number(c.included_units)));
    }
    for (name, month) in [("from_month", c.from_month), ("until_month", c.until_month)] {
        if let Some(month) = month {
            fields.push((name, month.into()));
        }
    }
    object(fields)
}

fn scenario(s: &Scenario) -> Value {
    let mut fields = vec![
        ("name", text(&s.name)),
        ("growth", growth(&s.growth)),
        ("calendar", list(&s.calendar, calendar_effect)),
    ];
    // Only when the scenario has its own: a plan without keeps its files and links as before.
    if let Some(t) = &s.traffic {
        fields.push(("traffic", traffic(t)));
    }
    push_set(
        &mut fields,
        &[
            ("data_monthly_growth_pct", s.data_monthly_growth_pct),
            (
                "background_monthly_growth_pct",
                s.background_monthly_growth_pct,
            ),
        ],
    );
    object(fields)
}

/// Adds the figures that are set (a resource's own trigger, a scenario's own growth) and
/// leaves out those that are not, so files and links of plans without them stay as they were.
fn push_set(fields: &mut Vec<(&'static str, Value)>, figures: &[(&'static str, Option<f64>)]) {
    for &(name, figure) in figures {
        if let Some(figure) = figure {
            fields.push((name, number(figure)));
        }
    }
}

fn growth(g: &Growth) -> Value {
    match g {
        Growth::Compound {
            monthly_growth_pct,
            monthly_churn_pct,
        } => object(vec![
            ("model", text("compound")),
            ("monthly_growth_pct", number(*monthly_growth_pct)),
            ("monthly_churn_pct", number(*monthly_churn_pct)),
        ]),
        Growth::Milestones { points, between } => object(vec![
            ("model", text("milestones")),
            (
                "points",
                list(points, |p| {
                    object(vec![("month", p.month.into()), ("units", number(p.units))])
                }),
            ),
            ("between", text(between.name())),
        ]),
        Growth::Trend {
            history,
            shape,
            confidence_pct,
        } => object(vec![
            ("model", text("trend")),
            (
                "history",
                list(history, |o| {
                    object(vec![("date", date(o.date)), ("units", number(o.units))])
                }),
            ),
            ("shape", text(shape.name())),
            ("confidence_pct", number(*confidence_pct)),
        ]),
    }
}

fn calendar_effect(c: &CalendarEffect) -> Value {
    object(vec![
        ("name", text(&c.name)),
        ("from", c.from.to_string().into()),
        ("to", c.to.to_string().into()),
        ("multiplier", number(c.multiplier)),
        ("year", c.year.map_or(Value::Null, Value::from)),
    ])
}

fn policies(p: &Policies) -> Value {
    let r = &p.redis;
    let v = &p.voice;
    let c = &p.commitment;
    let o = &p.off_hours;
    let mut fields = vec![
        ("target_utilisation_pct", number(p.target_utilisation_pct)),
        ("scale_up_trigger_pct", number(p.scale_up_trigger_pct)),
    ];
    push_set(
        &mut fields,
        &[
            (
                "database_connections_trigger_pct",
                p.database_connections_trigger_pct,
            ),
            (
                "database_storage_trigger_pct",
                p.database_storage_trigger_pct,
            ),
            ("redis_memory_trigger_pct", p.redis_memory_trigger_pct),
        ],
    );
    fields.extend(vec![
        ("headroom_pct", number(p.headroom_pct)),
        ("redundancy", p.redundancy.into()),
        ("min_instances", p.min_instances.into()),
        ("max_instances", p.max_instances.into()),
        ("app_instance", text(&p.app_instance)),
        ("pool_per_instance", p.pool_per_instance.into()),
        ("pooler_share_pct", number(p.pooler_share_pct)),
        ("forecast_bound", text(p.forecast_bound.name())),
        (
            "redis",
            object(vec![
                ("fragmentation_ratio", number(r.fragmentation_ratio)),
                ("maxmemory_share_pct", number(r.maxmemory_share_pct)),
                ("overhead_bytes_per_key", number(r.overhead_bytes_per_key)),
                ("require_replica", r.require_replica.into()),
            ]),
        ),
        (
            "voice",
            object(vec![
                ("gpu_node", text(&v.gpu_node)),
                ("target", text(v.target.name())),
                ("wait_target_s", number(v.wait_target_s)),
                ("response_target_s", number(v.response_target_s)),
                ("percentile_pct", number(v.percentile_pct)),
            ]),
        ),
        (
            "commitment",
            object(vec![
                ("enabled", c.enabled.into()),
                ("discount_pct", number(c.discount_pct)),
                ("term_months", c.term_months.into()),
            ]),
        ),
        (
            "off_hours",
            object(vec![
                ("enabled", o.enabled.into()),
                (
                    "business_hours_per_weekday",
                    number(o.business_hours_per_weekday),
                ),
                ("weekends_reduced", o.weekends_reduced.into()),
                ("off_hours_share_pct", number(o.off_hours_share_pct)),
            ]),
        ),
    ]);
    object(fields)
}

fn catalogs(c: &Catalogs) -> Value {
    object(vec![
        ("priced_on", date(c.priced_on)),
        ("instances", list(&c.instances, instance)),
        ("databases", list(&c.databases, database)),
        ("redis", list(&c.redis, redis_plan)),
        ("gpu_nodes", list(&c.gpu_nodes, gpu_node)),
    ])
}

fn instance(i: &InstanceType) -> Value {
    with_priced_on(
        object(vec![
            ("name", text(&i.name)),
            ("vcpu", number(i.vcpu)),
            ("memory_gb", number(i.memory_gb)),
            ("capacity_rps", number(i.capacity_rps)),
            ("usd_per_month", number(i.usd_per_month)),
            ("source", text(&i.source)),
        ]),
        i.shared(),
    )
}

fn database(d: &DatabaseTier) -> Value {
    with_priced_on(
        object(vec![
            ("name", text(&d.name)),
            ("max_connections", d.max_connections.into()),
            ("pooler_clients", d.pooler_clients.into()),
            ("storage_gb", number(d.storage_gb)),
            ("usd_per_month", number(d.usd_per_month)),
            ("source", text(&d.source)),
        ]),
        d.shared(),
    )
}

fn redis_plan(r: &RedisPlan) -> Value {
    with_priced_on(
        object(vec![
            ("name", text(&r.name)),
            ("memory_gb", number(r.memory_gb)),
            ("topology", text(r.topology.name())),
            ("nodes", r.nodes.into()),
            ("usd_per_month", number(r.usd_per_month)),
            ("source", text(&r.source)),
        ]),
        r.shared(),
    )
}

fn gpu_node(g: &GpuNode) -> Value {
    with_priced_on(
        object(vec![
            ("name", text(&g.name)),
            ("streams_per_node", g.streams_per_node.into()),
            ("sessions_per_node", g.sessions_per_node.into()),
            ("usd_per_month", number(g.usd_per_month)),
            ("source", text(&g.source)),
        ]),
        g.shared(),
    )
}

fn uncertainty(u: &Uncertainty) -> Value {
    let mut fields = vec![
        ("seed", u.seed.into()),
        ("trials", u.trials.into()),
        (
            "band_pct",
            Value::Array(u.band_pct.iter().map(|&x| number(x)).collect()),
        ),
    ];
    push_set(&mut fields, &[("size_for_pct", u.size_for_pct)]);
    fields.push(("ranges", list(&u.ranges, range)));
    object(fields)
}

fn range(r: &Range) -> Value {
    let d = &r.distribution;
    let mut distribution = vec![("shape", text(d.shape()))];
    distribution.extend(d.parameters().map(|(name, x)| (name, number(x))));
    object(vec![
        ("field", text(&r.field)),
        ("distribution", object(distribution)),
    ])
}
