//! Preset: Single-server SaaS (Selextract).
//!
//! Expresses the "Selextract Cloud Capacity Planning and Scaling Guide" (version 1.0, 30 January
//! 2025): one 8-core / 32 GB server today, three year-1 growth scenarios, the guide's vertical
//! scaling path as instance sizes priced from its monthly cost table, its API scaling policy,
//! its connection pooling, reserved instances, weekend scale-down and seasonal peaks, and each
//! scenario's data growth (at its own rate, not with users).
//!
//! What the plan model cannot hold (see the golden test for the figures): task volume and the
//! worker fleet; dated steps in storage and network prices.

use super::Template;
use crate::plan::{
    Baseline, CalendarEffect, Catalogs, CommitmentPolicy, CostLine, DatabaseDemand, DatabaseTier,
    ForecastBound, Growth, InstanceType, MonthDay, OffHoursPolicy, Plan, Policies, RedisDemand,
    RedisPlan, RedisPolicy, RedisTopology, Scenario, Today, Traffic, YearMonth,
};
use chrono::NaiveDate;

/// The template.
pub const TEMPLATE: Template = Template {
    id: "selextract",
    title: "Single-server SaaS (Selextract)",
    summary: "500 users on one 8-core server growing 50–200 % in a year: the vertical path to \
              64 GB and 16 cores, API scaling at 70 % CPU, Black Friday ×3 and 1-year reserved \
              instances.",
};

/// Name of today's server size in the catalog.
pub const SERVER_TODAY: &str = "Server 8 cores / 32 GB";
/// Phase 1 of the vertical path: the memory upgrade.
pub const SERVER_PHASE_1: &str = "Server 8 cores / 64 GB";
/// Phase 2 of the vertical path: the CPU upgrade.
pub const SERVER_PHASE_2: &str = "Server 16 cores / 64 GB";

/// API requests per second today ("Key Performance Indicators": API Requests/sec 200; the
/// growth scenarios' API traffic is computed from it).
pub const PEAK_RPS_TODAY: f64 = 200.0;

/// API requests per second that do not grow with users: the guide's scenario traffic is
/// 20 req/s + 0.36 req/s per user (200 at 500 users, 290 at 750, 380 at 1 000, 560 at 1 500).
pub const FIXED_RPS: f64 = 20.0;

/// Share of the API's CPU that today's 200 req/s uses ("Container Resource Allocation": API
/// current usage 60 %), in percent.
pub const API_CPU_TODAY_PCT: f64 = 60.0;

/// Users today ("Key Performance Indicators": Concurrent Users, current 500).
pub const USERS_TODAY: f64 = 500.0;

/// Year-1 user growth per scenario as a factor ("Business Growth Scenarios": +50 %, +100 %,
/// +200 %).
pub const YEAR_ONE_USER_FACTORS: [(&str, f64); 3] = [
    ("Conservative", 1.5),
    ("Moderate", 2.0),
    ("Aggressive", 3.0),
];

/// Year-1 data growth per scenario as a factor, in the order of [`YEAR_ONE_USER_FACTORS`]
/// ("Business Growth Scenarios", Data Growth: +40 % to 140 GB, +80 % to 180 GB, +150 % to
/// 250 GB): data grows at its own rate, not with users.
pub const YEAR_ONE_DATA_FACTORS: [f64; 3] = [1.4, 1.8, 2.5];

/// "Data Storage" today, GB ("Key Performance Indicators": 100 GB).
pub const DATA_GB_TODAY: f64 = 100.0;

const GUIDE: &str = "Selextract Cloud Capacity Planning and Scaling Guide";

/// Monthly compound growth, in percent, that multiplies units by `factor` in 12 months:
/// `factor^(1/12) − 1`, written with exp and ln (the page has no other use for `powf`).
pub(super) fn monthly_pct_for_year(factor: f64) -> f64 {
    ((factor.ln() / 12.0).exp() - 1.0) * 100.0
}

fn day(month: u32, day: u32) -> MonthDay {
    MonthDay { month, day }
}

/// "Seasonal Adjustments": peak seasons and the low season, every year.
pub fn seasonal_effects() -> Vec<CalendarEffect> {
    let effect = |name: &str, from, to, multiplier| CalendarEffect {
        name: name.to_owned(),
        from,
        to,
        multiplier,
        year: None,
    };
    vec![
        effect("Black Friday", day(11, 20), day(11, 30), 3.0),
        effect("Year End", day(12, 15), day(12, 31), 2.0),
        effect("Summer Vacation", day(7, 1), day(7, 31), 0.7),
    ]
}

fn server(name: &str, vcpu: f64, memory_gb: f64, capacity_rps: f64, usd: f64) -> InstanceType {
    InstanceType {
        priced_on: None,
        region: String::new(),
        name: name.to_owned(),
        vcpu,
        memory_gb,
        capacity_rps,
        usd_per_month: usd,
        source: format!(
            "{GUIDE}: Vertical Scaling Strategy (size), Resource Requirements Planning \
             (expected API throughput), Monthly Infrastructure Costs (CPU + memory price)"
        ),
    }
}

/// The guide's single-server scaling path as instance sizes.
///
/// Capacity: today's server serves 200 req/s at 60 % of the API's CPU, so 200 ÷ 0.6 = 333 req/s
/// at 100 %. The memory upgrade raises API throughput 200 → 300 req/s (×1.5) and the CPU upgrade
/// to 500 req/s (×2.5 of today) ("Expected Capacity Gain"). Price: the CPU and memory columns
/// of the monthly cost table — $200 + $160 today, $200 + $320 at 3 months (64 GB), $400 + $320
/// at 6 months (16 cores). Storage and network are priced apart (database tier, other costs).
///
/// The vertical path's own "additional cost" figures ($200 for memory, $300 for CPU) disagree
/// with the table (+$160, +$200); the table is used.
pub fn server_path() -> Vec<InstanceType> {
    let today = PEAK_RPS_TODAY / (API_CPU_TODAY_PCT / 100.0);
    vec![
        server(SERVER_TODAY, 8.0, 32.0, today, 200.0 + 160.0),
        server(SERVER_PHASE_1, 8.0, 64.0, today * 1.5, 200.0 + 320.0),
        server(SERVER_PHASE_2, 16.0, 64.0, today * 2.5, 400.0 + 320.0),
    ]
}

/// PostgreSQL on the server behind PgBouncer (transaction pooling), priced as the storage column
/// of the cost table: 1 TB NVMe at $50, the Phase 3 upgrade to 2 TB at $100. 200 connections is
/// `database_scaling.connection_pooling.max_connections`.
pub fn database_path() -> Vec<DatabaseTier> {
    let tier = |name: &str, storage_gb: f64, usd: f64| DatabaseTier {
        priced_on: None,
        region: String::new(),
        name: name.to_owned(),
        max_connections: 200,
        pooler_clients: 0,
        storage_gb,
        usd_per_month: usd,
        source: format!(
            "{GUIDE}: Database Scaling (max_connections 200), Hard Limits (1 TB storage), \
             Monthly Infrastructure Costs (storage column)"
        ),
    };
    vec![
        tier("PostgreSQL + PgBouncer, 1 TB NVMe", 1000.0, 50.0),
        tier("PostgreSQL + PgBouncer, 2 TB NVMe", 2000.0, 100.0),
    ]
}

/// The Redis container: 1 GB allocated, on the server (no separate price).
pub fn redis_container() -> Vec<RedisPlan> {
    vec![RedisPlan {
        priced_on: None,
        region: String::new(),
        name: "Redis container (1 GB)".to_owned(),
        memory_gb: 1.0,
        topology: RedisTopology::Single,
        nodes: 1,
        usd_per_month: 0.0,
        source: format!("{GUIDE}: Container Resource Allocation (Redis 1 GB limit)"),
    }]
}

/// The preset plan.
pub fn plan() -> Plan {
    let defaults = crate::catalog::default_catalogs();
    Plan {
        name: "Single-server SaaS (Selextract)".to_owned(),
        // The guide is dated 30 January 2025: today is January, month 1 is February 2025 and
        // month 12 (January 2026) is the end of "Year 1".
        start: YearMonth {
            year: 2025,
            month: 2,
        },
        horizon_months: 12,
        currency: crate::currency::USD.code().to_owned(),
        baseline: Baseline {
            scaling: Vec::new(),
            demand_unit: "users".to_owned(),
            units: USERS_TODAY,
            // "API Requests/sec: 200" today. The growth scenarios grow API traffic by 45 / 90
            // / 180 % for 50 / 100 / 200 % more users (290, 380, 560 req/s): 20 req/s that do
            // not grow with users and 0.36 req/s per user (180 of today's 200 for 500 users).
            traffic: Traffic::PeakRate {
                peak_rps: PEAK_RPS_TODAY,
            },
            fixed_peak_rps: FIXED_RPS,
            // "Data Storage" 100 GB today. Each scenario grows it at its own rate (the
            // scenarios below); the guide gives no split between data per user and the rest.
            database: DatabaseDemand {
                data_gb_fixed: DATA_GB_TODAY,
                data_gb_per_unit: 0.0,
                connections_per_unit: 0.0,
                // The guide counts only the API pools (10 instances × 20 = max_connections 200).
                background_connections: 0,
            },
            // "Redis Performance": 300 MB used; the guide gives no growth for it.
            redis: RedisDemand {
                memory_mb_fixed: 300.0,
                ..RedisDemand::default()
            },
            voice: None,
            // Network column of the cost table (1 Gbps).
            other_costs: vec![CostLine {
                name: "Network (1 Gbps)".to_owned(),
                fixed_usd_per_month: 50.0,
                per_unit_usd_per_month: 0.0,
                included_units: 0.0,
                from_month: None,
                until_month: None,
            }],
            // One server; the cost table's current total.
            today: Today {
                database_tier: String::new(),
                redis_plan: String::new(),
                app_instances: 1,
                monthly_bill_usd: 460.0,
            },
        },
        scenarios: YEAR_ONE_USER_FACTORS
            .iter()
            .zip(YEAR_ONE_DATA_FACTORS)
            .map(|(&(name, factor), data_factor)| Scenario {
                name: name.to_owned(),
                // Year-1 growth spread evenly as monthly compound growth: factor^(1/12) − 1
                // (3.44 %, 5.95 %, 9.59 % a month).
                growth: Growth::Compound {
                    monthly_growth_pct: monthly_pct_for_year(factor),
                    monthly_churn_pct: 0.0,
                },
                calendar: seasonal_effects(),
                traffic: None,
                // Data Growth, spread evenly in the same way (2.84 %, 5.02 %, 7.93 % a month).
                data_monthly_growth_pct: Some(monthly_pct_for_year(data_factor)),
                background_monthly_growth_pct: None,
            })
            .collect(),
        policies: Policies {
            // api_scaling.target_cpu 70 % and cpu_scale_out threshold 70. (The conclusion's
            // "Maintain 40% capacity headroom" would mean a 60 % target; the scaling
            // configuration's explicit 70 % is used, with no extra headroom on top.)
            target_utilisation_pct: 70.0,
            // KPI warning thresholds at 80 % of target capacity; memory_scale_out at 80 %.
            scale_up_trigger_pct: 80.0,
            database_connections_trigger_pct: None,
            database_storage_trigger_pct: None,
            redis_memory_trigger_pct: None,
            headroom_pct: 0.0,
            redundancy: 0,
            // One server today; cost_optimized_scaling keeps at least one API instance.
            min_instances: 1,
            // api_scaling.max_instances.
            max_instances: 10,
            app_instance: SERVER_TODAY.to_owned(),
            // database_scaling.connection_pooling.pool_size_per_api_instance.
            pool_per_instance: 20,
            pooler_share_pct: 80.0,
            forecast_bound: ForecastBound::Mean,
            redis: RedisPolicy::default(),
            voice: Default::default(),
            // "Reserved Instance Strategy": 1-year reserved instances at 30 % off.
            commitment: CommitmentPolicy {
                enabled: true,
                discount_pct: 30.0,
                term_months: 12,
            },
            // weekend_scaling: scale factor 0.5 on weekends, weekdays at full capacity.
            off_hours: OffHoursPolicy {
                enabled: true,
                business_hours_per_weekday: 24.0,
                weekends_reduced: true,
                off_hours_share_pct: 50.0,
            },
        },
        catalogs: Catalogs {
            // The guide's own prices, as of its date.
            priced_on: NaiveDate::from_ymd_opt(2025, 1, 30).unwrap_or(defaults.priced_on),
            instances: server_path(),
            databases: database_path(),
            redis: redis_container(),
            // Not used (no voice), but dated: these are the default catalog's prices, read on
            // another day than the guide's.
            gpu_nodes: defaults
                .gpu_nodes
                .into_iter()
                .map(|node| crate::plan::GpuNode {
                    priced_on: Some(defaults.priced_on),
                    ..node
                })
                .collect(),
        },
        uncertainty: None,
    }
}
