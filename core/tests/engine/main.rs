//! The engine on small plans checked by hand, every figure's explanation, and bounded work for
//! absurd voice loads.

use headroom_core::cost::CostComponent;
use headroom_core::engine::{self, Figure, MonthResult, PlanResults};
use headroom_core::growth;
use headroom_core::plan::{
    CostLine, DatabaseTier, GpuNode, Growth, InstanceType, PeakShape, Plan, RedisPlan,
    RedisTopology, Scenario, Traffic, VoiceDemand, VoiceTarget,
};
use headroom_core::tolerance::{assert_close, CENT, EXACT, ITERATIVE};
use headroom_core::validate::ValidPlan;
use headroom_core::voice::{QueueModel, VoiceBinding};

mod explanations;
mod hand_checked;
// With the deployment export (`yaml` feature).
#[cfg(feature = "yaml")]
mod pooler;
mod sizing;
mod voice;

/// 1 000 users, steady, 8 640 requests each a day at a peak-to-average ratio of 2: 200 req/s.
/// One app type (50 req/s, $60), two database tiers, one Redis plan, one GPU node type.
fn small_plan() -> Plan {
    let mut plan = Plan {
        horizon_months: 2,
        ..Plan::default()
    };
    plan.baseline.demand_unit = "users".to_owned();
    plan.baseline.units = 1000.0;
    plan.baseline.traffic = Traffic::DailyVolume {
        requests_per_unit_per_day: 8640.0,
        peak: PeakShape::PeakToAverage { ratio: 2.0 },
    };
    plan.baseline.database.data_gb_fixed = 1.0;
    plan.baseline.database.data_gb_per_unit = 0.001;
    plan.baseline.database.connections_per_unit = 0.1;
    plan.baseline.database.background_connections = 5;
    plan.baseline.redis.memory_mb_fixed = 0.0;
    plan.baseline.redis.memory_mb_per_unit = 0.1;
    plan.baseline.redis.keys_per_unit = 0.0;
    plan.baseline.voice = Some(VoiceDemand {
        sessions_per_unit_per_day: 0.5,
        peak_hour_share_pct: 15.0,
        session_minutes: 4.0,
        interactions_per_session: 5.0,
        gpu_seconds_per_interaction: 2.5,
        peak_concurrent_sessions: 0.0,
    });
    plan.baseline.other_costs = vec![CostLine {
        name: "Monitoring".to_owned(),
        fixed_usd_per_month: 20.0,
        per_unit_usd_per_month: 0.01,
        included_units: 0.0,
        from_month: None,
        until_month: None,
    }];
    plan.scenarios = vec![Scenario {
        name: "Steady".to_owned(),
        growth: Growth::Compound {
            monthly_growth_pct: 0.0,
            monthly_churn_pct: 0.0,
        },
        calendar: Vec::new(),
        traffic: None,
        data_monthly_growth_pct: None,
        background_monthly_growth_pct: None,
    }];
    plan.policies.redundancy = 1;
    plan.policies.pool_per_instance = 10;
    plan.policies.app_instance = "app.test".to_owned();
    plan.policies.voice.gpu_node = "gpu.test".to_owned();
    plan.catalogs.instances = vec![InstanceType {
        name: "app.test".to_owned(),
        vcpu: 2.0,
        memory_gb: 8.0,
        capacity_rps: 50.0,
        usd_per_month: 60.0,
        source: "test".to_owned(),
        priced_on: None,
        region: String::new(),
    }];
    plan.catalogs.databases = vec![
        DatabaseTier {
            name: "Small".to_owned(),
            max_connections: 60,
            pooler_clients: 200,
            storage_gb: 8.0,
            usd_per_month: 25.0,
            source: "test".to_owned(),
            priced_on: None,
            region: String::new(),
        },
        DatabaseTier {
            name: "Large".to_owned(),
            max_connections: 500,
            pooler_clients: 1000,
            storage_gb: 100.0,
            usd_per_month: 100.0,
            source: "test".to_owned(),
            priced_on: None,
            region: String::new(),
        },
    ];
    plan.catalogs.redis = vec![RedisPlan {
        name: "cache.test".to_owned(),
        memory_gb: 1.0,
        topology: RedisTopology::Single,
        nodes: 1,
        usd_per_month: 15.0,
        source: "test".to_owned(),
        priced_on: None,
        region: String::new(),
    }];
    plan.catalogs.gpu_nodes = vec![GpuNode {
        name: "gpu.test".to_owned(),
        streams_per_node: 4,
        sessions_per_node: 2,
        usd_per_month: 500.0,
        source: "test".to_owned(),
        priced_on: None,
        region: String::new(),
    }];
    plan
}

fn run(plan: Plan) -> (ValidPlan, PlanResults) {
    let plan = plan.validate().expect("the test plan is valid");
    let results = engine::run(&plan);
    (plan, results)
}

fn first_month(results: &PlanResults) -> &MonthResult {
    &results.scenarios[0].months[0]
}

fn sentence(plan: &ValidPlan, results: &PlanResults, figure: Figure) -> String {
    engine::explain(plan, results, 0, 1, figure)
        .unwrap_or_else(|| panic!("{figure:?} has an explanation"))
        .sentence()
}
