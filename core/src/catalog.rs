//! Default catalogs: real published sizes and prices, each with its source, dated by
//! [`CATALOG_PRICED_ON`].
//!
//! Every plan copies these into its own [`Catalogs`] so a reader sees the figures it was priced
//! with, and the planner can edit them. Prices are on-demand, Linux, us-east-1, 730 hours a
//! month unless the source says otherwise. Entries marked "verify" are figures to check against
//! the provider before relying on them (docs/models.md "Prices").
//!
//! `capacity_rps` of an instance type is *not* a published figure: it depends on the app. The
//! defaults follow the vertical tiers of the Semantic Text Processor guide (2 cores → 50 req/s,
//! 4 → 125, 8 → 250, 16 → 500) and must be replaced by a load-test measurement.

use crate::plan::{Catalogs, DatabaseTier, GpuNode, InstanceType, RedisPlan, RedisTopology};
use chrono::NaiveDate;

/// Day the default prices were read.
pub const CATALOG_PRICED_ON: (i32, u32, u32) = (2026, 11, 1);

/// Instance type a new plan runs its app on.
pub const DEFAULT_APP_INSTANCE: &str = "m7g.large";

/// GPU node type a new plan's voice runs on.
pub const DEFAULT_GPU_NODE: &str = "g6.xlarge (L4)";

const AWS_EC2: &str = "AWS EC2 on-demand pricing, Linux, us-east-1, × 730 h";
const AWS_EC2_VERIFY: &str = "AWS EC2 on-demand pricing, Linux, us-east-1, × 730 h (verify)";
const SUPABASE: &str = "Supabase docs, guides/platform/compute-and-disk (compute add-on price; \
                        suggested database size as storage)";
const ELASTICACHE: &str =
    "AWS ElastiCache on-demand pricing, us-east-1, × 730 h; memory is the node's usable memory \
     (verify)";

/// The catalogs a new plan starts from.
pub fn default_catalogs() -> Catalogs {
    let (year, month, day) = CATALOG_PRICED_ON;
    Catalogs {
        priced_on: NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default(),
        instances: default_instances(),
        databases: supabase_compute_tiers(),
        redis: default_redis_plans(),
        gpu_nodes: default_gpu_nodes(),
    }
}

fn instance(
    name: &str,
    vcpu: f64,
    memory_gb: f64,
    capacity_rps: f64,
    usd: f64,
    source: &str,
) -> InstanceType {
    InstanceType {
        name: name.to_owned(),
        vcpu,
        memory_gb,
        capacity_rps,
        usd_per_month: usd,
        source: source.to_owned(),
        priced_on: None,
        region: String::new(),
    }
}

/// General-purpose AWS Graviton instance types, smallest first.
pub fn default_instances() -> Vec<InstanceType> {
    vec![
        instance("t4g.medium", 2.0, 4.0, 40.0, 24.5, AWS_EC2_VERIFY),
        instance("c7g.large", 2.0, 4.0, 60.0, 52.9, AWS_EC2_VERIFY),
        instance("m7g.large", 2.0, 8.0, 50.0, 59.6, AWS_EC2),
        instance("m7g.xlarge", 4.0, 16.0, 125.0, 119.1, AWS_EC2),
        instance("m7g.2xlarge", 8.0, 32.0, 250.0, 238.3, AWS_EC2),
        instance("m7g.4xlarge", 16.0, 64.0, 500.0, 476.5, AWS_EC2),
    ]
}

fn db(
    name: &str,
    max_connections: u32,
    pooler_clients: u32,
    storage_gb: f64,
    usd: f64,
    source: &str,
) -> DatabaseTier {
    DatabaseTier {
        name: name.to_owned(),
        max_connections,
        pooler_clients,
        storage_gb,
        usd_per_month: usd,
        source: source.to_owned(),
        priced_on: None,
        region: String::new(),
    }
}

/// Supabase compute sizes (docs/models.md "Databases").
pub fn supabase_compute_tiers() -> Vec<DatabaseTier> {
    vec![
        db("Supabase Nano", 60, 200, 0.5, 0.0, SUPABASE),
        db("Supabase Micro", 60, 200, 10.0, 10.0, SUPABASE),
        db("Supabase Small", 90, 400, 50.0, 15.0, SUPABASE),
        db("Supabase Medium", 120, 600, 100.0, 60.0, SUPABASE),
        db("Supabase Large", 160, 800, 200.0, 110.0, SUPABASE),
        db("Supabase XL", 240, 1000, 500.0, 210.0, SUPABASE),
        db("Supabase 2XL", 380, 1500, 1000.0, 410.0, SUPABASE),
        db("Supabase 4XL", 480, 3000, 2000.0, 960.0, SUPABASE),
        db("Supabase 8XL", 490, 6000, 4000.0, 1870.0, SUPABASE),
        db("Supabase 12XL", 500, 9000, 6000.0, 2800.0, SUPABASE),
        db("Supabase 16XL", 500, 12000, 10000.0, 3730.0, SUPABASE),
    ]
}

/// The older Supabase plan table the Supabase/Redis capacity guide uses
/// (Free/Pro/Pro+/Team; Enterprise is custom and left out).
pub fn supabase_plan_tiers() -> Vec<DatabaseTier> {
    const GUIDE: &str = "Capacity Planning Guide (Supabase tier progression table)";
    vec![
        db("Free", 60, 0, 0.5, 0.0, GUIDE),
        db("Pro", 200, 0, 8.0, 25.0, GUIDE),
        db("Pro+", 500, 0, 100.0, 125.0, GUIDE),
        db("Team", 1000, 0, 500.0, 599.0, GUIDE),
    ]
    .into_iter()
    .map(|tier| DatabaseTier {
        priced_on: supabase_guide_date(),
        ..tier
    })
    .collect()
}

/// "Last Updated: 2025-11-18" of the Supabase/Redis capacity guide, the day its prices hold.
fn supabase_guide_date() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2025, 11, 18)
}

fn redis(
    name: &str,
    memory_gb: f64,
    topology: RedisTopology,
    nodes: u32,
    usd: f64,
    source: &str,
) -> RedisPlan {
    RedisPlan {
        name: name.to_owned(),
        memory_gb,
        topology,
        nodes,
        usd_per_month: usd,
        source: source.to_owned(),
        priced_on: None,
        region: String::new(),
    }
}

/// ElastiCache-style Redis offerings from one small node to a 3-shard cluster with replicas.
pub fn default_redis_plans() -> Vec<RedisPlan> {
    use RedisTopology::{Cluster, Replicated, Single};
    vec![
        redis(
            "cache.t4g.micro (0.5 GB)",
            0.5,
            Single,
            1,
            11.7,
            ELASTICACHE,
        ),
        redis(
            "cache.t4g.small (1.37 GB)",
            1.37,
            Single,
            1,
            23.4,
            ELASTICACHE,
        ),
        redis(
            "cache.t4g.medium (3.09 GB)",
            3.09,
            Single,
            1,
            47.5,
            ELASTICACHE,
        ),
        redis(
            "cache.m7g.large (6.38 GB) + replica",
            6.38,
            Replicated,
            2,
            230.6,
            ELASTICACHE,
        ),
        redis(
            "cache.r7g.large (13.07 GB) + replica",
            13.07,
            Replicated,
            2,
            319.7,
            ELASTICACHE,
        ),
        redis(
            "3 × cache.r7g.large cluster + replicas",
            39.21,
            Cluster,
            6,
            959.2,
            ELASTICACHE,
        ),
        redis(
            "3 × cache.r7g.xlarge cluster + replicas",
            79.08,
            Cluster,
            6,
            1918.3,
            ELASTICACHE,
        ),
    ]
}

/// The Redis scaling path of the Supabase/Redis capacity guide.
pub fn guide_redis_path() -> Vec<RedisPlan> {
    use RedisTopology::{Cluster, Replicated, Single};
    const GUIDE: &str = "Capacity Planning Guide (redis_scaling.scaling_path)";
    vec![
        redis("2 GB single node", 2.0, Single, 1, 10.0, GUIDE),
        redis("4 GB single node", 4.0, Single, 1, 40.0, GUIDE),
        redis("8 GB primary + replica", 8.0, Replicated, 2, 120.0, GUIDE),
        redis("16 GB 3-node cluster", 16.0, Cluster, 3, 360.0, GUIDE),
    ]
    .into_iter()
    .map(|plan| RedisPlan {
        priced_on: supabase_guide_date(),
        ..plan
    })
    .collect()
}

fn gpu(name: &str, streams: u32, sessions: u32, usd: f64, source: &str) -> GpuNode {
    GpuNode {
        name: name.to_owned(),
        streams_per_node: streams,
        sessions_per_node: sessions,
        usd_per_month: usd,
        source: source.to_owned(),
        priced_on: None,
        region: String::new(),
    }
}

/// Single-GPU AWS nodes. Streams per node are conservative figures for speech-to-text without
/// batching (about 8 concurrent streams on a modern GPU before latency degrades, fewer on a T4;
/// batching serves more, docs/models.md "GPU voice nodes"); sessions per node
/// follow the café pilot guide's "5–8 concurrent voice sessions" rule. Calibrate both.
pub fn default_gpu_nodes() -> Vec<GpuNode> {
    vec![
        gpu("g4dn.xlarge (T4)", 4, 5, 384.0, AWS_EC2_VERIFY),
        gpu("g6.xlarge (L4)", 8, 8, 588.0, AWS_EC2_VERIFY),
        gpu("g5.xlarge (A10G)", 8, 8, 734.0, AWS_EC2),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_name_what_policies_point_at() {
        let catalogs = default_catalogs();
        assert!(catalogs
            .instances
            .iter()
            .any(|i| i.name == DEFAULT_APP_INSTANCE));
        assert!(catalogs
            .gpu_nodes
            .iter()
            .any(|g| g.name == DEFAULT_GPU_NODE));
        assert_eq!(catalogs.priced_on.to_string(), "2026-11-01");
    }

    #[test]
    fn every_default_entry_has_a_source() {
        let catalogs = default_catalogs();
        assert!(catalogs.instances.iter().all(|e| !e.source.is_empty()));
        assert!(catalogs.databases.iter().all(|e| !e.source.is_empty()));
        assert!(catalogs.redis.iter().all(|e| !e.source.is_empty()));
        assert!(catalogs.gpu_nodes.iter().all(|e| !e.source.is_empty()));
    }

    #[test]
    fn guide_entries_carry_the_guides_date() {
        let catalogs = default_catalogs();
        assert!(catalogs.instances.iter().all(|e| e.priced_on.is_none()));
        let guide = supabase_plan_tiers();
        assert_eq!(
            catalogs.price_date(guide[1].priced_on).to_string(),
            "2025-11-18"
        );
        assert!(guide_redis_path()
            .iter()
            .all(|p| p.priced_on == supabase_guide_date()));
    }

    #[test]
    fn tiers_grow_in_capacity() {
        let dbs = supabase_compute_tiers();
        assert!(dbs.windows(2).all(|w| w[0].storage_gb <= w[1].storage_gb));
        let redis = default_redis_plans();
        assert!(redis.windows(2).all(|w| w[0].memory_gb <= w[1].memory_gb));
    }
}
