//! The plan's baseline: demand and infrastructure today, and the traffic model.

use super::{tagged, variant, At, Fault, Fields, Read};
use crate::plan::{
    Baseline, CostLine, DatabaseDemand, PeakShape, RedisDemand, ScalingPoint, Today, Traffic,
    VoiceDemand,
};
use serde_json::Value;
#[cfg(feature = "yaml")]
use {
    super::schema::{
        count, described, fields, list, models, name, nullable, number, opt, or, req, text, Defs,
    },
    crate::validate::{specs, MAX_LIST, MAX_SCALING_POINTS},
};

impl Read for Baseline {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(
            value,
            at,
            "struct Baseline",
            &[
                "demand_unit",
                "units",
                "traffic",
                "fixed_peak_rps",
                "database",
                "redis",
                "voice",
                "other_costs",
                "today",
                "scaling",
            ],
        )?;
        Ok(Baseline {
            demand_unit: f.req("demand_unit")?,
            units: f.req("units")?,
            traffic: f.req("traffic")?,
            fixed_peak_rps: f.opt("fixed_peak_rps")?,
            database: f.opt("database")?,
            redis: f.opt("redis")?,
            voice: f.opt("voice")?,
            other_costs: f.opt("other_costs")?,
            today: f.opt("today")?,
            scaling: f.opt("scaling")?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(d: &mut Defs) -> Value {
        fields(
            "Demand drivers and infrastructure today (month 0).",
            vec![
                req(
                    "demand_unit",
                    name("What demand is counted in: users, cafés, tenants."),
                ),
                req("units", number(specs::UNITS)),
                req("traffic", d.of::<Traffic>()),
                or("fixed_peak_rps", number(specs::FIXED_PEAK_RPS), 0),
                opt("database", d.of::<DatabaseDemand>()),
                opt("redis", d.of::<RedisDemand>()),
                or("voice", nullable(d.of::<VoiceDemand>()), Value::Null),
                or(
                    "other_costs",
                    list(d.of::<CostLine>(), 0, MAX_LIST),
                    Value::Array(Vec::new()),
                ),
                opt("today", d.of::<Today>()),
                or(
                    "scaling",
                    list(d.of::<ScalingPoint>(), 0, MAX_SCALING_POINTS),
                    Value::Array(Vec::new()),
                ),
            ],
        )
    }
}

impl Read for ScalingPoint {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(
            value,
            at,
            "struct ScalingPoint",
            &["instances", "throughput_rps"],
        )?;
        Ok(ScalingPoint {
            instances: f.req("instances")?,
            throughput_rps: f.req("throughput_rps")?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(_: &mut Defs) -> Value {
        fields(
            "One load-test measurement: throughput with `instances` instances.",
            vec![
                req("instances", number(specs::SCALING_INSTANCES)),
                req("throughput_rps", number(specs::SCALING_THROUGHPUT)),
            ],
        )
    }
}

impl Read for Traffic {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        const TAG: &str = "model";
        let (map, name) = tagged(
            value,
            at,
            "internally tagged enum Traffic",
            TAG,
            &["daily_volume", "peak_rate"],
        )?;
        Ok(if name == "daily_volume" {
            let f = variant(map, at, TAG, &["requests_per_unit_per_day", "peak"])?;
            Traffic::DailyVolume {
                requests_per_unit_per_day: f.req("requests_per_unit_per_day")?,
                peak: f.req("peak")?,
            }
        } else {
            let f = variant(map, at, TAG, &["peak_rps"])?;
            Traffic::PeakRate {
                peak_rps: f.req("peak_rps")?,
            }
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(d: &mut Defs) -> Value {
        models(
            "How peak request rate follows from demand units.",
            "model",
            vec![
                (
                    "daily_volume",
                    "Daily volume per unit, shaped into a peak rate.",
                    vec![
                        req(
                            "requests_per_unit_per_day",
                            number(specs::REQUESTS_PER_UNIT_PER_DAY),
                        ),
                        req("peak", d.of::<PeakShape>()),
                    ],
                ),
                (
                    "peak_rate",
                    "Today's measured peak rate; it scales in proportion to units.",
                    vec![req("peak_rps", number(specs::PEAK_RPS))],
                ),
            ],
        )
    }
}

impl Read for PeakShape {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        const TAG: &str = "shape";
        let (map, name) = tagged(
            value,
            at,
            "internally tagged enum PeakShape",
            TAG,
            &["peak_to_average", "peak_hour_share"],
        )?;
        Ok(if name == "peak_to_average" {
            let f = variant(map, at, TAG, &["ratio"])?;
            PeakShape::PeakToAverage {
                ratio: f.req("ratio")?,
            }
        } else {
            let f = variant(map, at, TAG, &["share_pct"])?;
            PeakShape::PeakHourShare {
                share_pct: f.req("share_pct")?,
            }
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(_: &mut Defs) -> Value {
        models(
            "How a day's volume concentrates into its peak.",
            "shape",
            vec![
                (
                    "peak_to_average",
                    "peak rps = daily ÷ 86 400 × ratio.",
                    vec![req("ratio", number(specs::PEAK_TO_AVERAGE))],
                ),
                (
                    "peak_hour_share",
                    "peak rps = daily × share ÷ 3 600.",
                    vec![req("share_pct", number(specs::PEAK_HOUR_SHARE))],
                ),
            ],
        )
    }
}

impl Read for DatabaseDemand {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(
            value,
            at,
            "struct DatabaseDemand",
            &[
                "data_gb_fixed",
                "data_gb_per_unit",
                "connections_per_unit",
                "background_connections",
            ],
        )?;
        let d = DatabaseDemand::default();
        Ok(DatabaseDemand {
            data_gb_fixed: f.or("data_gb_fixed", d.data_gb_fixed)?,
            data_gb_per_unit: f.or("data_gb_per_unit", d.data_gb_per_unit)?,
            connections_per_unit: f.or("connections_per_unit", d.connections_per_unit)?,
            background_connections: f.or("background_connections", d.background_connections)?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(_: &mut Defs) -> Value {
        let d = DatabaseDemand::default();
        fields(
            "Database demand: data size and connections.",
            vec![
                or(
                    "data_gb_fixed",
                    number(specs::DATA_GB_FIXED),
                    d.data_gb_fixed,
                ),
                or(
                    "data_gb_per_unit",
                    number(specs::DATA_GB_PER_UNIT),
                    d.data_gb_per_unit,
                ),
                or(
                    "connections_per_unit",
                    number(specs::CONNECTIONS_PER_UNIT),
                    d.connections_per_unit,
                ),
                or(
                    "background_connections",
                    count(specs::BACKGROUND_CONNECTIONS),
                    d.background_connections,
                ),
            ],
        )
    }
}

impl Read for RedisDemand {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(
            value,
            at,
            "struct RedisDemand",
            &[
                "memory_mb_fixed",
                "memory_mb_per_unit",
                "keys_per_unit",
                "bytes_per_key",
            ],
        )?;
        let d = RedisDemand::default();
        Ok(RedisDemand {
            memory_mb_fixed: f.or("memory_mb_fixed", d.memory_mb_fixed)?,
            memory_mb_per_unit: f.or("memory_mb_per_unit", d.memory_mb_per_unit)?,
            keys_per_unit: f.or("keys_per_unit", d.keys_per_unit)?,
            bytes_per_key: f.or("bytes_per_key", d.bytes_per_key)?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(_: &mut Defs) -> Value {
        let d = RedisDemand::default();
        fields(
            "Redis demand: memory that grows with units, optionally counted in keys.",
            vec![
                or(
                    "memory_mb_fixed",
                    number(specs::REDIS_MB_FIXED),
                    d.memory_mb_fixed,
                ),
                or(
                    "memory_mb_per_unit",
                    number(specs::REDIS_MB_PER_UNIT),
                    d.memory_mb_per_unit,
                ),
                or(
                    "keys_per_unit",
                    number(specs::KEYS_PER_UNIT),
                    d.keys_per_unit,
                ),
                or(
                    "bytes_per_key",
                    number(specs::BYTES_PER_KEY),
                    d.bytes_per_key,
                ),
            ],
        )
    }
}

impl Read for VoiceDemand {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(
            value,
            at,
            "struct VoiceDemand",
            &[
                "sessions_per_unit_per_day",
                "peak_hour_share_pct",
                "session_minutes",
                "interactions_per_session",
                "gpu_seconds_per_interaction",
                "peak_concurrent_sessions",
            ],
        )?;
        Ok(VoiceDemand {
            sessions_per_unit_per_day: f.req("sessions_per_unit_per_day")?,
            peak_hour_share_pct: f.req("peak_hour_share_pct")?,
            session_minutes: f.req("session_minutes")?,
            interactions_per_session: f.req("interactions_per_session")?,
            gpu_seconds_per_interaction: f.req("gpu_seconds_per_interaction")?,
            peak_concurrent_sessions: f.opt("peak_concurrent_sessions")?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(_: &mut Defs) -> Value {
        fields(
            "Voice demand served by GPU nodes; the GPU catalog then needs at least one node.",
            vec![
                req(
                    "sessions_per_unit_per_day",
                    number(specs::SESSIONS_PER_UNIT_PER_DAY),
                ),
                req("peak_hour_share_pct", number(specs::PEAK_HOUR_SHARE)),
                req("session_minutes", number(specs::SESSION_MINUTES)),
                req(
                    "interactions_per_session",
                    number(specs::INTERACTIONS_PER_SESSION),
                ),
                req("gpu_seconds_per_interaction", number(specs::GPU_SECONDS)),
                or(
                    "peak_concurrent_sessions",
                    described(
                        number(specs::PEAK_CONCURRENT_SESSIONS),
                        "Concurrent sessions at today's peak, all units together; it grows in \
                         proportion to units and replaces the concurrency derived from the \
                         fields above. Needs units above 0 (checked when the plan is opened). \
                         0: derived.",
                    ),
                    0,
                ),
            ],
        )
    }
}

impl Read for CostLine {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(
            value,
            at,
            "struct CostLine",
            &[
                "name",
                "fixed_usd_per_month",
                "per_unit_usd_per_month",
                "included_units",
                "from_month",
                "until_month",
            ],
        )?;
        Ok(CostLine {
            name: f.req("name")?,
            fixed_usd_per_month: f.opt("fixed_usd_per_month")?,
            per_unit_usd_per_month: f.opt("per_unit_usd_per_month")?,
            included_units: f.opt("included_units")?,
            from_month: f.opt("from_month")?,
            until_month: f.opt("until_month")?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(_: &mut Defs) -> Value {
        fields(
            "A cost the sizing models do not produce.",
            vec![
                req("name", name("Monitoring, OpenAI API.")),
                or("fixed_usd_per_month", number(specs::COST_PER_MONTH), 0),
                or("per_unit_usd_per_month", number(specs::COST_PER_MONTH), 0),
                or("included_units", number(specs::INCLUDED_UNITS), 0),
                or(
                    "from_month",
                    nullable(count(specs::COST_FROM_MONTH)),
                    Value::Null,
                ),
                or(
                    "until_month",
                    nullable(count(specs::COST_UNTIL_MONTH)),
                    Value::Null,
                ),
            ],
        )
    }
}

impl Read for Today {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(
            value,
            at,
            "struct Today",
            &[
                "app_instances",
                "monthly_bill_usd",
                "database_tier",
                "redis_plan",
            ],
        )?;
        Ok(Today {
            app_instances: f.opt("app_instances")?,
            monthly_bill_usd: f.opt("monthly_bill_usd")?,
            database_tier: f.opt("database_tier")?,
            redis_plan: f.opt("redis_plan")?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(_: &mut Defs) -> Value {
        fields(
            "Infrastructure and bill today.",
            vec![
                or("app_instances", count(specs::TODAY_INSTANCES), 0),
                or("monthly_bill_usd", number(specs::BILL), 0),
                or(
                    "database_tier",
                    text("Database tier in use today: a name in catalogs.databases, or empty for the smallest."),
                    "",
                ),
                or(
                    "redis_plan",
                    text("Redis plan in use today: a name in catalogs.redis, or empty for the smallest."),
                    "",
                ),
            ],
        )
    }
}
