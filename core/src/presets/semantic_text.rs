//! Preset: Semantic Text Processor.
//!
//! Expresses the "Capacity Planning and Scaling Recommendations Guide" of the Semantic Text
//! Processor: a 4-core / 8 GB service with 80 % practical limits, the growth analyser's weekly
//! history of daily requests (fitted as a trend with a t-based prediction interval), the workload
//! analyser's 3× growth, the horizontal scaling configuration (2–10 instances at 70 % CPU), its
//! connection pooling (25 per instance, 100 in total) and its four vertical tiers as instance
//! types with their `max_rps` as capacity.
//!
//! The guide's examples use separate sample data sets on different scales: 18 000 requests a day
//! (0.2 req/s on average) in the growth history, but 50–100 req/s in the workload analyser's
//! samples. The plan ties them together by taking the workload analyser's mean rate, 75 req/s,
//! as the peak of today's 18 000 daily requests; both then scale together.

use super::Template;
use crate::plan::{
    Baseline, Catalogs, DatabaseDemand, DatabaseTier, ForecastBound, Growth, InstanceType,
    Observation, Plan, Policies, RedisDemand, RedisPolicy, Scenario, Today, Traffic, TrendShape,
    YearMonth,
};
use chrono::NaiveDate;

/// The template.
pub const TEMPLATE: Template = Template {
    id: "semantic-text",
    title: "Semantic Text Processor",
    summary: "A 4-core text service: its weekly request history fitted as a trend with a \
              prediction interval, a 3× growth scenario, 2–10 instances at 70 % CPU and four \
              vertical tiers from 50 to 500 req/s.",
};

const GUIDE: &str = "Semantic Text Processor capacity planning guide";

/// Hours in AWS' pricing month.
const HOURS_PER_MONTH: f64 = 730.0;

/// The growth analyser's `historical_data`: daily requests per week.
pub fn request_history() -> Vec<Observation> {
    [(1, 10_000.0), (8, 12_000.0), (15, 15_000.0), (22, 18_000.0)]
        .into_iter()
        .filter_map(|(d, units)| {
            NaiveDate::from_ymd_opt(2024, 1, d).map(|date| Observation { date, units })
        })
        .collect()
}

/// The guide's `vertical_scaling_config.yaml` tiers as instance types: cores, memory and
/// `max_rps` (as capacity at 100 %) from the guide. The guide gives no prices; these are AWS
/// compute-optimised Graviton sizes with the same cores and memory (c7g.large … c7g.4xlarge,
/// on-demand, Linux, us-east-1, hourly price × 730 h; verify).
pub fn vertical_tiers() -> Vec<InstanceType> {
    let tier = |n: u32, vcpu: f64, memory_gb: f64, max_rps: f64, aws: &str, usd_per_hour: f64| {
        InstanceType {
            priced_on: None,
            region: String::new(),
            name: format!("Tier {n} ({} cores, {} GB)", vcpu as u32, memory_gb as u32),
            vcpu,
            memory_gb,
            capacity_rps: max_rps,
            usd_per_month: usd_per_hour * HOURS_PER_MONTH,
            source: format!(
                "{GUIDE}: vertical_scaling_config.yaml scaling_tiers.tier_{n} (cores, memory, \
                 max_rps); price: AWS {aws} on-demand ${}/h × 730 h (verify)",
                crate::format::number(usd_per_hour)
            ),
        }
    };
    vec![
        tier(1, 2.0, 4.0, 50.0, "c7g.large", 0.0725),
        tier(2, 4.0, 8.0, 125.0, "c7g.xlarge", 0.145),
        tier(3, 8.0, 16.0, 250.0, "c7g.2xlarge", 0.29),
        tier(4, 16.0, 32.0, 500.0, "c7g.4xlarge", 0.58),
    ]
}

/// PostgreSQL on the service's disk: 100 connections in total
/// (`database_tier.connection_pooling.total_max_connections`) and 80 GB usable of the 100 GB
/// SSD; with the 80 % scale-up trigger the tier is outgrown at 64 GB, the guide's practical
/// limit. Not priced in the guide.
pub fn database_tier() -> Vec<DatabaseTier> {
    vec![DatabaseTier {
        priced_on: None,
        region: String::new(),
        name: "PostgreSQL on the 100 GB SSD".to_owned(),
        max_connections: 100,
        pooler_clients: 0,
        storage_gb: 80.0,
        usd_per_month: 0.0,
        source: format!(
            "{GUIDE}: Current Capacity Limits (100 GB SSD, ~80 GB usable), \
             horizontal_scaling_config.yaml database_tier (total_max_connections 100); not priced"
        ),
    }]
}

/// The preset plan.
pub fn plan() -> Plan {
    let defaults = crate::catalog::default_catalogs();
    let today_units = 18_000.0;
    Plan {
        name: "Semantic Text Processor".to_owned(),
        // The last observation is 22 January 2024: month 1 is February 2024.
        start: YearMonth {
            year: 2024,
            month: 2,
        },
        horizon_months: 12,
        currency: crate::currency::USD.code().to_owned(),
        baseline: Baseline {
            scaling: Vec::new(),
            demand_unit: "daily requests".to_owned(),
            // The growth analyser's latest week (2024-01-22).
            units: today_units,
            // The workload analyser's current_rps: the mean of its samples (50, 75, 100 req/s),
            // the figure its 3× growth multiplies. See the module documentation.
            traffic: Traffic::PeakRate { peak_rps: 75.0 },
            // All traffic grows with the demand units.
            fixed_peak_rps: 0.0,
            database: DatabaseDemand {
                // The history's data_volume_gb is daily_requests ÷ 1 000 in every week
                // (10 GB at 10 000 … 18 GB at 18 000).
                data_gb_fixed: 0.0,
                data_gb_per_unit: 0.001,
                connections_per_unit: 0.0,
                // The guide counts only the instances' pools (25 each, 100 in total).
                background_connections: 0,
            },
            // The workload analyser's cache: 1 000 MB today, scaled with growth
            // (cache_scaling_factor = growth_factor).
            redis: RedisDemand {
                memory_mb_fixed: 0.0,
                memory_mb_per_unit: 1000.0 / today_units,
                ..RedisDemand::default()
            },
            voice: None,
            other_costs: Vec::new(),
            // One 4-core / 8 GB host today; the guide gives no bill.
            today: Today {
                database_tier: String::new(),
                redis_plan: String::new(),
                app_instances: 1,
                monthly_bill_usd: 0.0,
            },
        },
        scenarios: vec![
            Scenario {
                name: "Weekly trend".to_owned(),
                // The growth analyser's linear fit, with the t-based 95 % prediction interval
                // (the guide prints a "simplified" ±1.96 σ interval instead).
                growth: Growth::Trend {
                    history: request_history(),
                    shape: TrendShape::Linear,
                    confidence_pct: 95.0,
                },
                calendar: Vec::new(),
                traffic: None,
                data_monthly_growth_pct: None,
                background_monthly_growth_pct: None,
            },
            Scenario {
                name: "3× growth".to_owned(),
                // The workload analyser's predict_capacity_needs(growth_factor=3.0), reached
                // in month 12 by compound growth: 3^(1/12) − 1 = 9.59 % a month.
                growth: Growth::Compound {
                    monthly_growth_pct: crate::presets::selextract::monthly_pct_for_year(3.0),
                    monthly_churn_pct: 0.0,
                },
                calendar: Vec::new(),
                traffic: None,
                data_monthly_growth_pct: None,
                background_monthly_growth_pct: None,
            },
        ],
        policies: Policies {
            // horizontal_scaling application_tier.target_cpu_utilization and the HPA's
            // averageUtilization.
            target_utilisation_pct: 70.0,
            // vertical_scaling upgrade_triggers.cpu_utilization; also the 80 % practical limits.
            scale_up_trigger_pct: 80.0,
            database_connections_trigger_pct: None,
            database_storage_trigger_pct: None,
            redis_memory_trigger_pct: None,
            headroom_pct: 0.0,
            redundancy: 0,
            // min_instances / max_instances (and the HPA's minReplicas / maxReplicas).
            min_instances: 2,
            max_instances: 10,
            // Today's host: 4 cores, 8 GB.
            app_instance: "Tier 2 (4 cores, 8 GB)".to_owned(),
            // connection_pooling.max_connections_per_instance.
            pool_per_instance: 25,
            // The bottleneck detector's database_connections warning at 0.8.
            pooler_share_pct: 80.0,
            forecast_bound: ForecastBound::Mean,
            // cache_tier: replication_factor 2.
            redis: RedisPolicy {
                require_replica: true,
                ..RedisPolicy::default()
            },
            voice: Default::default(),
            commitment: Default::default(),
            off_hours: Default::default(),
        },
        catalogs: Catalogs {
            priced_on: defaults.priced_on,
            instances: vertical_tiers(),
            databases: database_tier(),
            redis: defaults.redis,
            gpu_nodes: defaults.gpu_nodes,
        },
        uncertainty: None,
    }
}
