//! Preset: VoiceAssist scaling runbook.
//!
//! Expresses the "Growth Planning" projection of the VoiceAssist V2 scaling runbook: 1 000 users,
//! 50 req/s and 10 GB of data today, growing by a factor of 1.5 a month for 6 months, with the
//! runbook's rules of thumb (1 app instance per 50 req/s, 100 database connections per 1 000
//! users, 1 GB of Redis per 10 000 users) and its recommendations (read replicas and PgBouncer
//! above 150 connections, a 3-node Redis cluster above 4 GB, autoscaling between 2 and 10
//! instances).
//!
//! The runbook sizes everything with plain "above the threshold" rules and no safety margin, so
//! the preset plans at 100 % of each rule's figure (target utilisation and scale-up trigger
//! 100 %, no fragmentation or fork reserve on Redis); its 70 % / 30 % figures are the runtime
//! autoscaler's CPU thresholds, not planning margins. The runbook prices nothing: the app runs
//! on the default catalog's m7g.large (2 vCPU, like the runbook's `cpus: '2'` limit), and the
//! runbook's database and Redis steps carry a price of 0 for the planner to fill in.

use super::Template;
use crate::catalog;
use crate::plan::{
    Baseline, Catalogs, DatabaseDemand, DatabaseTier, Growth, Plan, Policies, RedisDemand,
    RedisPlan, RedisPolicy, RedisTopology, Scenario, Today, Traffic, YearMonth,
};

/// The template.
pub const TEMPLATE: Template = Template {
    id: "voiceassist",
    title: "VoiceAssist scaling runbook",
    summary:
        "1\u{202F}000 users and 50 req/s growing 1.5× a month for 6 months: app instances per \
              50 req/s, connections per user, read replicas above 150 connections, Redis \
              cluster above 4 GB.",
};

const RUNBOOK_DB: &str = "VoiceAssist Scaling Runbook (Growth Planning: \"Primary + PgBouncer\" \
                          up to 150 connections; PostgreSQL Scaling); no price in the runbook";
const RUNBOOK_REPLICAS: &str = "VoiceAssist Scaling Runbook (Growth Planning: above 150 \
                                connections \"Primary + 2 read replicas + PgBouncer\"; PgBouncer \
                                MAX_CLIENT_CONN 1000; replicas max_connections=200); no price in \
                                the runbook";
const RUNBOOK_REDIS: &str = "VoiceAssist Scaling Runbook (Growth Planning: \"Single instance \
                             ({redis_gb}GB)\" up to 4 GB, \"3-node cluster\" above); no price in \
                             the runbook";

/// Disk is not a limit anywhere in the runbook; a size no projection reaches.
const UNLIMITED_STORAGE_GB: f64 = 100_000.0;

/// The runbook's database steps (self-hosted PostgreSQL).
///
/// The first step holds 150 connections: not a PostgreSQL limit but the runbook's switch point
/// ("Consider read replica when connections > 150"). The second is the primary with two read
/// replicas behind PgBouncer: 3 servers × `max_connections=200` direct, and PgBouncer's
/// `MAX_CLIENT_CONN 1000` clients, which is what the engine compares the per-user connection
/// rule against.
fn runbook_database_steps() -> Vec<DatabaseTier> {
    vec![
        DatabaseTier {
            priced_on: None,
            region: String::new(),
            name: "Primary + PgBouncer".to_owned(),
            max_connections: 150,
            pooler_clients: 0,
            storage_gb: UNLIMITED_STORAGE_GB,
            usd_per_month: 0.0,
            source: RUNBOOK_DB.to_owned(),
        },
        DatabaseTier {
            priced_on: None,
            region: String::new(),
            name: "Primary + 2 read replicas + PgBouncer".to_owned(),
            max_connections: 600,
            pooler_clients: 1000,
            storage_gb: UNLIMITED_STORAGE_GB,
            usd_per_month: 0.0,
            source: RUNBOOK_REPLICAS.to_owned(),
        },
    ]
}

/// The runbook's Redis steps: a single instance sized in whole gigabytes up to 4 GB
/// (`redis_gb = ceil(users / 10000)`), then a 3-node cluster. The cluster's memory is not in the
/// runbook; 3 primaries of the largest single size (4 GB) are assumed, with the replicas of its
/// cluster setup (`--cluster-replicas 1`, 6 nodes billed).
fn runbook_redis_steps() -> Vec<RedisPlan> {
    let single = |gb: f64| RedisPlan {
        priced_on: None,
        region: String::new(),
        name: format!("Single instance ({} GB)", crate::format::number(gb)),
        memory_gb: gb,
        topology: RedisTopology::Single,
        nodes: 1,
        usd_per_month: 0.0,
        source: RUNBOOK_REDIS.to_owned(),
    };
    vec![
        single(1.0),
        single(2.0),
        single(3.0),
        single(4.0),
        RedisPlan {
            priced_on: None,
            region: String::new(),
            name: "3-node cluster".to_owned(),
            memory_gb: 12.0,
            topology: RedisTopology::Cluster,
            nodes: 6,
            usd_per_month: 0.0,
            source: RUNBOOK_REDIS.to_owned(),
        },
    ]
}

/// The preset plan.
pub fn plan() -> Plan {
    Plan {
        name: "VoiceAssist scaling runbook".to_owned(),
        // The runbook is dated 2025-11-21; its projection starts the month after.
        start: YearMonth {
            year: 2025,
            month: 12,
        },
        // `MONTHS=6`.
        horizon_months: 6,
        currency: crate::currency::USD.code().to_owned(),
        baseline: Baseline {
            scaling: Vec::new(),
            demand_unit: "users".to_owned(),
            // `CURRENT_USERS=1000`.
            units: 1000.0,
            // `CURRENT_RPS=50`; the runbook grows RPS by the same factor as users, which is
            // what the measured-peak model does.
            traffic: Traffic::PeakRate { peak_rps: 50.0 },
            // All traffic grows with the demand units.
            fixed_peak_rps: 0.0,
            database: DatabaseDemand {
                // `CURRENT_DB_SIZE_GB=10` for 1 000 users, grown by the same factor: 10 MB a user.
                data_gb_fixed: 0.0,
                data_gb_per_unit: 0.01,
                // "Database: 100 connections per 1000 users".
                connections_per_unit: 0.1,
                // The runbook's rule counts every connection; nothing beside it.
                background_connections: 0,
            },
            redis: RedisDemand {
                // "Redis: 1GB per 10000 users" (decimal: 0.1 MB a user).
                memory_mb_fixed: 0.0,
                memory_mb_per_unit: 0.1,
                ..RedisDemand::default()
            },
            voice: None,
            other_costs: Vec::new(),
            today: Today {
                database_tier: String::new(),
                redis_plan: String::new(),
                // The load-balanced deployment runs `replicas: 3`.
                app_instances: 3,
                monthly_bill_usd: 0.0,
            },
        },
        scenarios: vec![Scenario {
            name: "Runbook projection (1.5× a month)".to_owned(),
            // `GROWTH_RATE=1.5`: users × 1.5 each month, no churn.
            growth: Growth::Compound {
                monthly_growth_pct: 50.0,
                monthly_churn_pct: 0.0,
            },
            calendar: Vec::new(),
            traffic: None,
            data_monthly_growth_pct: None,
            background_monthly_growth_pct: None,
        }],
        policies: Policies {
            // "Assuming 1 app instance handles 50 RPS": ⌈RPS ÷ 50⌉ with no margin.
            target_utilisation_pct: 100.0,
            // The runbook's recommendations switch strictly above their thresholds
            // (> 150 connections, > 4 GB), with no early trigger.
            scale_up_trigger_pct: 100.0,
            headroom_pct: 0.0,
            redundancy: 0,
            // `MIN_INSTANCES=2`, `MAX_INSTANCES=10` of the autoscaler.
            min_instances: 2,
            max_instances: 10,
            // 50 req/s per 2-vCPU instance, as the default catalog's m7g.large.
            app_instance: "m7g.large".to_owned(),
            // `DB_POOL_SIZE=20` (plus `DB_MAX_OVERFLOW=10` in bursts).
            pool_per_instance: 20,
            pooler_share_pct: 80.0,
            redis: RedisPolicy {
                // The runbook's Redis figure is the memory to provision, as is.
                fragmentation_ratio: 1.0,
                maxmemory_share_pct: 100.0,
                ..RedisPolicy::default()
            },
            ..Policies::default()
        },
        catalogs: Catalogs {
            databases: runbook_database_steps(),
            redis: runbook_redis_steps(),
            ..catalog::default_catalogs()
        },
        uncertainty: None,
    }
}
