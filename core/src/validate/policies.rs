//! The policies (utilisation, headroom, instance limits, pooling, Redis, voice targets,
//! commitments, off hours) and the catalog entries the plan names: the app's instance type,
//! the voice GPU node and today's database tier and Redis plan.

use super::{specs, Checker};
use crate::plan::{Catalogs, Plan, Policies, VoiceDemand, VoicePolicy, VoiceTarget};
use crate::text::excerpt;

/// The response target: in range, and (when it is the target) no shorter than the GPU time of
/// the interaction itself, which every response includes (docs/models.md "GPU voice nodes").
fn check_response_target(c: &mut Checker, v: &VoicePolicy, gpu_seconds: f64) {
    const PATH: &str = "policies.voice.response_target_s";
    let response = v.response_target_s;
    c.number(PATH, specs::RESPONSE_TARGET_S, response);
    // Within its range (else refused above) but below the GPU time.
    let in_range = response >= specs::RESPONSE_TARGET_S.min;
    if v.target == VoiceTarget::Response && in_range && response < gpu_seconds {
        c.fail(
            PATH,
            format!(
                "Voice response target ({} s) is below the GPU time per interaction ({} s), \
                 which every response includes",
                crate::format::number(response),
                crate::format::number(gpu_seconds)
            ),
        );
    }
}

pub(super) fn check_policies(
    c: &mut Checker,
    p: &Policies,
    catalogs: &Catalogs,
    voice: Option<&VoiceDemand>,
) {
    c.number(
        "policies.target_utilisation_pct",
        specs::TARGET_UTILISATION_PCT,
        p.target_utilisation_pct,
    );
    c.number(
        "policies.scale_up_trigger_pct",
        specs::SCALE_UP_TRIGGER_PCT,
        p.scale_up_trigger_pct,
    );
    c.optional(
        "policies.database_connections_trigger_pct",
        specs::CONNECTIONS_TRIGGER_PCT,
        p.database_connections_trigger_pct,
    );
    c.optional(
        "policies.database_storage_trigger_pct",
        specs::STORAGE_TRIGGER_PCT,
        p.database_storage_trigger_pct,
    );
    c.optional(
        "policies.redis_memory_trigger_pct",
        specs::REDIS_MEMORY_TRIGGER_PCT,
        p.redis_memory_trigger_pct,
    );
    c.number("policies.headroom_pct", specs::HEADROOM_PCT, p.headroom_pct);
    c.count("policies.redundancy", specs::REDUNDANCY, p.redundancy);
    c.count(
        "policies.min_instances",
        specs::MIN_INSTANCES,
        p.min_instances,
    );
    c.count(
        "policies.max_instances",
        specs::MAX_INSTANCES,
        p.max_instances,
    );
    if p.max_instances < p.min_instances {
        c.fail(
            "policies.max_instances",
            "Maximum instances is below the minimum",
        );
    }
    if !catalogs.instances.iter().any(|i| i.name == p.app_instance) {
        c.fail(
            "policies.app_instance",
            format!(
                "The app's instance type \"{}\" is not in the instance catalog",
                excerpt(&p.app_instance)
            ),
        );
    }
    c.count(
        "policies.pool_per_instance",
        specs::POOL_PER_INSTANCE,
        p.pool_per_instance,
    );
    c.number(
        "policies.pooler_share_pct",
        specs::POOLER_SHARE_PCT,
        p.pooler_share_pct,
    );
    c.number(
        "policies.redis.fragmentation_ratio",
        specs::FRAGMENTATION,
        p.redis.fragmentation_ratio,
    );
    c.number(
        "policies.redis.maxmemory_share_pct",
        specs::MAXMEMORY_SHARE_PCT,
        p.redis.maxmemory_share_pct,
    );
    c.number(
        "policies.redis.overhead_bytes_per_key",
        specs::OVERHEAD_BYTES_PER_KEY,
        p.redis.overhead_bytes_per_key,
    );
    if p.redis.require_replica
        && !catalogs
            .redis
            .iter()
            .any(|r| r.topology != crate::plan::RedisTopology::Single)
    {
        c.fail(
            "policies.redis.require_replica",
            "A replica is required but the Redis catalog has only single nodes",
        );
    }
    if let Some(voice) = voice {
        c.number(
            "policies.voice.wait_target_s",
            specs::WAIT_TARGET_S,
            p.voice.wait_target_s,
        );
        check_response_target(c, &p.voice, voice.gpu_seconds_per_interaction);
        c.number(
            "policies.voice.percentile_pct",
            specs::PERCENTILE_PCT,
            p.voice.percentile_pct,
        );
        if !catalogs
            .gpu_nodes
            .iter()
            .any(|g| g.name == p.voice.gpu_node)
        {
            c.fail(
                "policies.voice.gpu_node",
                format!(
                    "The voice GPU node \"{}\" is not in the GPU catalog",
                    excerpt(&p.voice.gpu_node)
                ),
            );
        }
    }
    c.number(
        "policies.commitment.discount_pct",
        specs::DISCOUNT_PCT,
        p.commitment.discount_pct,
    );
    c.count(
        "policies.commitment.term_months",
        specs::TERM_MONTHS,
        p.commitment.term_months,
    );
    c.number(
        "policies.off_hours.business_hours_per_weekday",
        specs::BUSINESS_HOURS,
        p.off_hours.business_hours_per_weekday,
    );
    c.number(
        "policies.off_hours.off_hours_share_pct",
        specs::OFF_HOURS_SHARE_PCT,
        p.off_hours.off_hours_share_pct,
    );
}

pub(super) fn check_today_tiers(c: &mut Checker, plan: &Plan) {
    let today = &plan.baseline.today;
    if !today.database_tier.is_empty()
        && !plan
            .catalogs
            .databases
            .iter()
            .any(|t| t.name == today.database_tier)
    {
        c.fail(
            "baseline.today.database_tier",
            format!(
                "Today's database tier \"{}\" is not in the database catalog",
                excerpt(&today.database_tier)
            ),
        );
    }
    if !today.redis_plan.is_empty()
        && !plan
            .catalogs
            .redis
            .iter()
            .any(|t| t.name == today.redis_plan)
    {
        c.fail(
            "baseline.today.redis_plan",
            format!(
                "Today's Redis plan \"{}\" is not in the Redis catalog",
                excerpt(&today.redis_plan)
            ),
        );
    }
}
