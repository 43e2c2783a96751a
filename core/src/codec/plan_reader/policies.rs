//! The plan's policies: sizing rules, Redis, voice, commitment and off-hours rules.

use super::{At, Fields, Read, ReadError};
use crate::plan::{CommitmentPolicy, OffHoursPolicy, Policies, RedisPolicy, VoicePolicy};
use serde_json::Value;

impl Read for Policies {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
        let f = Fields::of(
            value,
            at,
            "struct Policies",
            &[
                "target_utilisation_pct",
                "scale_up_trigger_pct",
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
}

impl Read for RedisPolicy {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
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
}

impl Read for VoicePolicy {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
        let f = Fields::of(
            value,
            at,
            "struct VoicePolicy",
            &["gpu_node", "wait_target_s", "percentile_pct"],
        )?;
        let d = VoicePolicy::default();
        Ok(VoicePolicy {
            gpu_node: f.or("gpu_node", d.gpu_node)?,
            wait_target_s: f.or("wait_target_s", d.wait_target_s)?,
            percentile_pct: f.or("percentile_pct", d.percentile_pct)?,
        })
    }
}

impl Read for CommitmentPolicy {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
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
}

impl Read for OffHoursPolicy {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
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
}
