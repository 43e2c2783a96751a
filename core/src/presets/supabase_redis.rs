//! Preset: Supabase + Redis SaaS capacity planning guide.
//!
//! Expresses the guide's user growth model (`scripts/capacity/growth-projection.ts`: 100
//! users, Conservative 10 %/5 % churn, Moderate 25 %/8 %, Aggressive 50 %/10 %; 100 MB of
//! database and 10 MB of Redis per user), its Supabase tier table (Free/Pro/Pro+/Team), its Redis
//! scaling path (2 GB → 4 GB → 8 GB primary + replica → 16 GB 3-node cluster), its 80 %
//! triggers and the services of its cost table.
//!
//! One request rate for every scenario: the plan has one `requests_per_unit_per_day`, while the
//! guide gives each scenario its own `avgRequestsPerUser` (100, 150, 200 a month). The preset
//! uses the Moderate figure, the scenario the guide tabulates (150 a month ÷ 30 = 5 a day); the
//! Conservative (3.33 a day) and Aggressive (6.67 a day) rates cannot be expressed. At these
//! volumes (a few thousand requests a day) the app needs its minimum instance either way.

use super::Template;
use crate::catalog;
use crate::plan::{
    Baseline, Catalogs, CostLine, DatabaseDemand, Growth, InstanceType, PeakShape, Plan, Policies,
    RedisDemand, RedisPolicy, Scenario, Today, Traffic, YearMonth,
};

/// The template.
pub const TEMPLATE: Template = Template {
    id: "supabase-redis",
    title: "Supabase + Redis SaaS",
    summary: "100 users under three growth scenarios: Supabase Free → Pro → Pro+ → Team and \
              Redis 2 GB → 16 GB cluster at 80 % triggers, with the guide's cost lines.",
};

/// The app's hosting as the guide prices it: Vercel Pro, $20 a month ("Monthly Cost Breakdown",
/// Current). Serverless has no instance size; the capacity is the guide's "API Requests: Max
/// Capacity 100K/day" shaped like the traffic (all of it in the 8 peak hours: 100 000 ÷ 86 400 ×
/// 3 = 3.47 req/s).
fn vercel_pro() -> InstanceType {
    InstanceType {
        // The guide's "Last Updated" day.
        priced_on: chrono::NaiveDate::from_ymd_opt(2025, 11, 18),
        name: "Vercel Pro".to_owned(),
        vcpu: 1.0,
        memory_gb: 1.0,
        capacity_rps: 100_000.0 / 86_400.0 * PEAK_TO_AVERAGE,
        usd_per_month: 20.0,
        source: "Capacity Planning Guide (Monthly Cost Breakdown: Vercel, Current; Current \
                 Capacity Metrics: API Requests max capacity 100K/day)"
            .to_owned(),
        region: String::new(),
    }
}

/// The pool's peak hours are 9 am–5 pm (`dynamicMax`): a day's traffic in 8 hours is 24 ÷ 8 =
/// 3 times the day's average rate.
const PEAK_TO_AVERAGE: f64 = 3.0;

/// The moderate scenario's `avgRequestsPerUser: 150`, the baseline's traffic.
const MODERATE_REQUESTS_PER_USER_PER_MONTH: f64 = 150.0;

/// The preset plan.
pub fn plan() -> Plan {
    // Each scenario's `avgRequestsPerUser` (a month's requests): dailyRequests = users ×
    // avgRequestsPerUser ÷ 30.
    let daily = |requests_per_user_per_month: f64| Traffic::DailyVolume {
        requests_per_unit_per_day: requests_per_user_per_month / 30.0,
        peak: PeakShape::PeakToAverage {
            ratio: PEAK_TO_AVERAGE,
        },
    };
    // Moderate's 150 is the baseline's; the other two have their own.
    let scenario = |name: &str, growth_pct: f64, churn_pct: f64, requests: f64| Scenario {
        name: name.to_owned(),
        // users = users × (1 + monthlyGrowth − churnRate), each month.
        growth: Growth::Compound {
            monthly_growth_pct: growth_pct,
            monthly_churn_pct: churn_pct,
        },
        calendar: Vec::new(),
        traffic: (requests != MODERATE_REQUESTS_PER_USER_PER_MONTH).then(|| daily(requests)),
        data_monthly_growth_pct: None,
        background_monthly_growth_pct: None,
    };
    // The cost table's services beside Supabase, Redis and Vercel: usage costs per user at
    // today's figures (today's dollars ÷ 100 users); the flat plans the guide changes ("Pro for
    // DDoS", "DataDog/NewRelic") as lines paid from its 6- and 12-month columns on.
    let cost = CostLine::new;
    let months = |line: CostLine, from_month: Option<u32>, until_month: Option<u32>| CostLine {
        from_month,
        until_month,
        ..line
    };
    Plan {
        name: "Supabase + Redis SaaS".to_owned(),
        // The guide's baseline is "As of 2025-11-18"; month 1 is the month after.
        start: YearMonth {
            year: 2025,
            month: 12,
        },
        // "12-Month Projection".
        horizon_months: 12,
        currency: crate::currency::USD.code().to_owned(),
        baseline: Baseline {
            scaling: Vec::new(),
            demand_unit: "users".to_owned(),
            // `let users = 100;  // Starting users`.
            units: 100.0,
            // Moderate: 150 ÷ 30 = 5 requests a user a day.
            traffic: daily(MODERATE_REQUESTS_PER_USER_PER_MONTH),
            // All traffic grows with the demand units.
            fixed_peak_rps: 0.0,
            database: DatabaseDemand {
                // dbSize = users × 100 (MB): "100MB per user average"; 10 GB today.
                data_gb_fixed: 0.0,
                data_gb_per_unit: 0.1,
                connections_per_unit: 0.0,
                // Scraping workers: `concurrent_jobs: 5`.
                background_connections: 5,
            },
            redis: RedisDemand {
                // redisMemory = users × 10 (MB): "10MB per user cache".
                memory_mb_fixed: 0.0,
                memory_mb_per_unit: 10.0,
                ..RedisDemand::default()
            },
            voice: None,
            other_costs: vec![
                // OpenAI API $100 for 100 users today.
                cost("OpenAI API", 0.0, 1.0),
                // AWS S3 $5 for 100 users today.
                cost("AWS S3", 0.0, 0.05),
                // CloudFlare $20 (flat plan), $200 at 12 months ("Pro for DDoS").
                months(cost("CloudFlare", 20.0, 0.0), None, Some(11)),
                months(cost("CloudFlare Pro", 200.0, 0.0), Some(12), None),
                // Monitoring $0 today, $50 at 6 months and $100 at 12 ("DataDog/NewRelic").
                months(cost("Monitoring", 50.0, 0.0), Some(6), Some(11)),
                months(cost("Monitoring at scale", 100.0, 0.0), Some(12), None),
            ],
            today: Today {
                // "Supabase: Current $25" (Pro) and "redis_scaling: current: memory: 2GB".
                database_tier: "Pro".to_owned(),
                redis_plan: "2 GB single node".to_owned(),
                app_instances: 1,
                // "Total: $180" (Current).
                monthly_bill_usd: 180.0,
            },
        },
        scenarios: vec![
            scenario("Conservative", 10.0, 5.0, 100.0),
            scenario("Moderate", 25.0, 8.0, MODERATE_REQUESTS_PER_USER_PER_MONTH),
            scenario("Aggressive", 50.0, 10.0, 200.0),
        ],
        policies: Policies {
            // "capacity: cpu_utilization: <70%"; the decision matrix's red line for CPU.
            target_utilisation_pct: 70.0,
            // database connection_threshold 80 %, redis memory_threshold 80 % ("1.6GB # 80% of
            // 2GB"), and the database's storage_threshold of 75 % on its own.
            scale_up_trigger_pct: 80.0,
            database_storage_trigger_pct: Some(75.0),
            headroom_pct: 0.0,
            redundancy: 0,
            min_instances: 1,
            // The scaling script scales the app to 3 (`docker-compose scale app=3`).
            max_instances: 3,
            app_instance: "Vercel Pro".to_owned(),
            // `dynamicMax` in peak hours (9 am–5 pm): 50 (20 otherwise).
            pool_per_instance: 50,
            pooler_share_pct: 80.0,
            redis: RedisPolicy {
                // The guide's 10 MB per user is the memory to hold; its 80 % trigger is the
                // only margin it keeps.
                fragmentation_ratio: 1.0,
                maxmemory_share_pct: 100.0,
                ..RedisPolicy::default()
            },
            ..Policies::default()
        },
        catalogs: Catalogs {
            instances: vec![vercel_pro()],
            // "Supabase Tier Progression" (Enterprise is custom and left out).
            databases: catalog::supabase_plan_tiers(),
            // `redis_scaling.scaling_path`.
            redis: catalog::guide_redis_path(),
            ..catalog::default_catalogs()
        },
        uncertainty: None,
    }
}
