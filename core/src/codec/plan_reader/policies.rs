//! The plan's policies: sizing rules, Redis, voice, commitment and off-hours rules.

use super::{At, Fault, Fields, Read};
use crate::plan::{CommitmentPolicy, OffHoursPolicy, Policies, RedisPolicy, VoicePolicy};
use serde_json::Value;
#[cfg(feature = "yaml")]
use {
    super::schema::{count, described, fields, nullable, number, opt, or, text, Defs},
    crate::input::NumberSpec,
    crate::plan::{ForecastBound, Named, VoiceTarget},
    crate::validate::specs,
};

impl Read for Policies {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(
            value,
            at,
            "struct Policies",
            &[
                "target_utilisation_pct",
                "scale_up_trigger_pct",
                "database_connections_trigger_pct",
                "database_storage_trigger_pct",
                "redis_memory_trigger_pct",
                "headroom_pct",
                "redundancy",
                "min_instances",
                "max_instances",
                "app_instance",
                "pool_per_instance",
                "pooler_share_pct",
                "forecast_bound",
                "redis",
                "voice",
                "commitment",
                "off_hours",
            ],
        )?;
        let d = Policies::default();
        Ok(Policies {
            target_utilisation_pct: f.or("target_utilisation_pct", d.target_utilisation_pct)?,
            scale_up_trigger_pct: f.or("scale_up_trigger_pct", d.scale_up_trigger_pct)?,
            database_connections_trigger_pct: f.opt_number("database_connections_trigger_pct")?,
            database_storage_trigger_pct: f.opt_number("database_storage_trigger_pct")?,
            redis_memory_trigger_pct: f.opt_number("redis_memory_trigger_pct")?,
            headroom_pct: f.or("headroom_pct", d.headroom_pct)?,
            redundancy: f.or("redundancy", d.redundancy)?,
            min_instances: f.or("min_instances", d.min_instances)?,
            max_instances: f.or("max_instances", d.max_instances)?,
            app_instance: f.or("app_instance", d.app_instance)?,
            pool_per_instance: f.or("pool_per_instance", d.pool_per_instance)?,
            pooler_share_pct: f.or("pooler_share_pct", d.pooler_share_pct)?,
            forecast_bound: f.or("forecast_bound", d.forecast_bound)?,
            redis: f.or("redis", d.redis)?,
            voice: f.or("voice", d.voice)?,
            commitment: f.or("commitment", d.commitment)?,
            off_hours: f.or("off_hours", d.off_hours)?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(d: &mut Defs) -> Value {
        let p = Policies::default();
        fields(
            "Rules that apply across every resource.",
            vec![
                or(
                    "target_utilisation_pct",
                    number(specs::TARGET_UTILISATION_PCT),
                    p.target_utilisation_pct,
                ),
                or(
                    "scale_up_trigger_pct",
                    number(specs::SCALE_UP_TRIGGER_PCT),
                    p.scale_up_trigger_pct,
                ),
                or(
                    "database_connections_trigger_pct",
                    nullable(number(specs::CONNECTIONS_TRIGGER_PCT)),
                    Value::Null,
                ),
                or(
                    "database_storage_trigger_pct",
                    nullable(number(specs::STORAGE_TRIGGER_PCT)),
                    Value::Null,
                ),
                or(
                    "redis_memory_trigger_pct",
                    nullable(number(specs::REDIS_MEMORY_TRIGGER_PCT)),
                    Value::Null,
                ),
                or("headroom_pct", number(specs::HEADROOM_PCT), p.headroom_pct),
                or("redundancy", count(specs::REDUNDANCY), p.redundancy),
                or(
                    "min_instances",
                    count(specs::MIN_INSTANCES),
                    p.min_instances,
                ),
                or(
                    "max_instances",
                    count(specs::MAX_INSTANCES),
                    p.max_instances,
                ),
                or(
                    "app_instance",
                    text("The instance type the app runs on: a name in catalogs.instances."),
                    p.app_instance,
                ),
                or(
                    "pool_per_instance",
                    count(specs::POOL_PER_INSTANCE),
                    p.pool_per_instance,
                ),
                or(
                    "pooler_share_pct",
                    number(specs::POOLER_SHARE_PCT),
                    p.pooler_share_pct,
                ),
                or(
                    "forecast_bound",
                    ForecastBound::schema(d),
                    p.forecast_bound.name(),
                ),
                opt("redis", d.of::<RedisPolicy>()),
                opt("voice", d.of::<VoicePolicy>()),
                opt("commitment", d.of::<CommitmentPolicy>()),
                opt("off_hours", d.of::<OffHoursPolicy>()),
            ],
        )
    }
}

impl Read for RedisPolicy {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(
            value,
            at,
            "struct RedisPolicy",
            &[
                "fragmentation_ratio",
                "maxmemory_share_pct",
                "overhead_bytes_per_key",
                "require_replica",
            ],
        )?;
        let d = RedisPolicy::default();
        Ok(RedisPolicy {
            fragmentation_ratio: f.or("fragmentation_ratio", d.fragmentation_ratio)?,
            maxmemory_share_pct: f.or("maxmemory_share_pct", d.maxmemory_share_pct)?,
            overhead_bytes_per_key: f.or("overhead_bytes_per_key", d.overhead_bytes_per_key)?,
            require_replica: f.or("require_replica", d.require_replica)?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(d: &mut Defs) -> Value {
        let p = RedisPolicy::default();
        fields(
            "Redis memory rules.",
            vec![
                or(
                    "fragmentation_ratio",
                    number(specs::FRAGMENTATION),
                    p.fragmentation_ratio,
                ),
                or(
                    "maxmemory_share_pct",
                    number(specs::MAXMEMORY_SHARE_PCT),
                    p.maxmemory_share_pct,
                ),
                or(
                    "overhead_bytes_per_key",
                    number(specs::OVERHEAD_BYTES_PER_KEY),
                    p.overhead_bytes_per_key,
                ),
                or("require_replica", bool::schema(d), p.require_replica),
            ],
        )
    }
}

impl Read for VoicePolicy {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(
            value,
            at,
            "struct VoicePolicy",
            &[
                "gpu_node",
                "target",
                "wait_target_s",
                "response_target_s",
                "percentile_pct",
            ],
        )?;
        let d = VoicePolicy::default();
        Ok(VoicePolicy {
            gpu_node: f.or("gpu_node", d.gpu_node)?,
            target: f.or("target", d.target)?,
            wait_target_s: f.or("wait_target_s", d.wait_target_s)?,
            response_target_s: f.or("response_target_s", d.response_target_s)?,
            percentile_pct: f.or("percentile_pct", d.percentile_pct)?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(d: &mut Defs) -> Value {
        let p = VoicePolicy::default();
        fields(
            "Voice/GPU rules, checked only when the baseline has voice.",
            vec![
                or(
                    "gpu_node",
                    text("The GPU node type: a name in catalogs.gpu_nodes."),
                    p.gpu_node,
                ),
                or(
                    "target",
                    described(
                        VoiceTarget::schema(d),
                        "What the target bounds: `wait`, the wait before processing starts \
                         (wait_target_s), or `response`, the wait plus the interaction's GPU \
                         time (response_target_s, at least the GPU time per interaction).",
                    ),
                    p.target.name(),
                ),
                or(
                    "wait_target_s",
                    with_voice(specs::WAIT_TARGET_S),
                    p.wait_target_s,
                ),
                or(
                    "response_target_s",
                    with_voice(specs::RESPONSE_TARGET_S),
                    p.response_target_s,
                ),
                or(
                    "percentile_pct",
                    with_voice(specs::PERCENTILE_PCT),
                    p.percentile_pct,
                ),
            ],
        )
    }
}

impl Read for CommitmentPolicy {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(
            value,
            at,
            "struct CommitmentPolicy",
            &["enabled", "discount_pct", "term_months"],
        )?;
        let d = CommitmentPolicy::default();
        Ok(CommitmentPolicy {
            enabled: f.or("enabled", d.enabled)?,
            discount_pct: f.or("discount_pct", d.discount_pct)?,
            term_months: f.or("term_months", d.term_months)?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(d: &mut Defs) -> Value {
        let p = CommitmentPolicy::default();
        fields(
            "Committed-use (reserved instance, savings plan) discount.",
            vec![
                or("enabled", bool::schema(d), p.enabled),
                or("discount_pct", number(specs::DISCOUNT_PCT), p.discount_pct),
                or("term_months", count(specs::TERM_MONTHS), p.term_months),
            ],
        )
    }
}

impl Read for OffHoursPolicy {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(
            value,
            at,
            "struct OffHoursPolicy",
            &[
                "enabled",
                "business_hours_per_weekday",
                "weekends_reduced",
                "off_hours_share_pct",
            ],
        )?;
        let d = OffHoursPolicy::default();
        Ok(OffHoursPolicy {
            enabled: f.or("enabled", d.enabled)?,
            business_hours_per_weekday: f
                .or("business_hours_per_weekday", d.business_hours_per_weekday)?,
            weekends_reduced: f.or("weekends_reduced", d.weekends_reduced)?,
            off_hours_share_pct: f.or("off_hours_share_pct", d.off_hours_share_pct)?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(d: &mut Defs) -> Value {
        let p = OffHoursPolicy::default();
        fields(
            "Scale-down outside business hours.",
            vec![
                or("enabled", bool::schema(d), p.enabled),
                or(
                    "business_hours_per_weekday",
                    number(specs::BUSINESS_HOURS),
                    p.business_hours_per_weekday,
                ),
                or("weekends_reduced", bool::schema(d), p.weekends_reduced),
                or(
                    "off_hours_share_pct",
                    number(specs::OFF_HOURS_SHARE_PCT),
                    p.off_hours_share_pct,
                ),
            ],
        )
    }
}

/// A voice policy number: any number in the schema, since validation checks `spec`'s range
/// only when the baseline has voice; the description gives the range.
#[cfg(feature = "yaml")]
fn with_voice(spec: NumberSpec) -> Value {
    crate::codec::json::object(vec![
        (
            "description",
            format!(
                "{} ({}): {}–{} when the baseline has voice (checked when the plan is opened).",
                spec.label, spec.unit, spec.min, spec.max
            )
            .into(),
        ),
        ("type", "number".into()),
    ])
}
