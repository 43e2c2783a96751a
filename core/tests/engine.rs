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

/// Data and background work growing at the scenario's own rates say so, with the rate and
/// the month, in the explanations of the tier, the connections and the peak.
#[test]
fn own_growth_explains_itself() {
    let mut plan = small_plan();
    plan.baseline.fixed_peak_rps = 10.0;
    plan.scenarios[0].data_monthly_growth_pct = Some(100.0);
    plan.scenarios[0].background_monthly_growth_pct = Some(50.0);
    let (plan, results) = run(plan);
    let m = first_month(&results);
    // Today's 2 GB (1 + 0.001 × 1 000) doubled; 5 background connections × 1.5 → 8; the fixed
    // 10 req/s × 1.5.
    assert_close("data", m.database.data_gb, 4.0, EXACT);
    assert_eq!(m.database.background_connections, 8.0);
    let tier = engine::explain(&plan, &results, 0, 1, Figure::DbTier).unwrap();
    assert!(tier.inputs.contains(&(
        "data, growing on its own".to_owned(),
        "2 GB today × (1 + 100 %)¹ × (1 + 0 %) headroom = 4 GB".to_owned()
    )));
    let connections = engine::explain(&plan, &results, 0, 1, Figure::DbConnections).unwrap();
    assert!(
        connections.formula.contains("+ 8 background = "),
        "{}",
        connections.formula
    );
    assert!(connections.inputs.contains(&(
        "background connections".to_owned(),
        "⌈5 today × (1 + 50 %)¹⌉ = 8".to_owned()
    )));
    let peak = engine::explain(&plan, &results, 0, 1, Figure::PeakRps).unwrap();
    assert!(
        peak.formula.starts_with("15 req/s fixed + "),
        "{}",
        peak.formula
    );
    assert!(peak.inputs.contains(&(
        "fixed traffic (does not grow with units)".to_owned(),
        "10 req/s today × (1 + 50 %)¹ background growth".to_owned()
    )));
}

/// A month whose database and Redis needs outgrow their catalogs costs at least the largest
/// entry, and its cost lines say so.
#[test]
fn prices_beyond_the_catalog_say_they_are_at_least_the_largest() {
    let mut plan = small_plan();
    plan.baseline.units = 1e7;
    let (plan, results) = run(plan);
    let m = first_month(&results);
    assert!(m.database.tier.is_none() && m.redis.plan.is_none());
    let binding = |component| {
        engine::explain(&plan, &results, 0, 1, Figure::Cost { component })
            .unwrap()
            .binding
    };
    assert_eq!(
        binding(1),
        "the database is beyond the largest catalog tier: the month's total is a lower bound; \
         beyond the catalog: at least the largest tier's price"
    );
    assert!(
        binding(2).ends_with("; beyond the catalog: at least the largest plan's price"),
        "{}",
        binding(2)
    );
}

#[test]
fn hand_checked_figures() {
    let (plan, results) = run(small_plan());
    let m = first_month(&results);
    assert_close("m.units_sized", m.units_sized, 1000.0, EXACT);
    // 1 000 × 8 640 ÷ 86 400 × 2.
    assert_close("m.peak_rps", m.peak_rps, 200.0, EXACT);
    // ⌈200 ÷ (50 × 70 %)⌉ = ⌈5.71⌉ = 6, + 1 spare.
    assert_eq!(m.app.needed_for_load, 6);
    assert_eq!(m.app.instances, 7);
    assert!(!m.app.over_max);
    // Pools: 7 × 10 + 5 = 75; per unit: 0.1 × 1 000 = 100, which binds.
    assert_close(
        "m.database.connections_from_pools",
        m.database.connections_from_pools,
        75.0,
        EXACT,
    );
    assert_close(
        "m.database.connections_from_units",
        m.database.connections_from_units,
        100.0,
        EXACT,
    );
    assert_close(
        "m.database.connections",
        m.database.connections,
        100.0,
        EXACT,
    );
    assert_close("m.database.data_gb", m.database.data_gb, 2.0, EXACT);
    // Small holds max(60, 200) = 200 × 80 % = 160 ≥ 100 connections, 6.4 GB ≥ 2 GB.
    assert_eq!(m.database.tier, Some(0));
    // 75 app connections > 80 % of Small's 60 direct ones.
    assert!(m.database.needs_pooler);
    // Redis: 100 MB × 1.2 ÷ 75 % = 160 MB of node memory; 1 GB × 80 % holds it.
    assert_close("m.redis.need.data_mb", m.redis.need.data_mb, 100.0, EXACT);
    assert_close(
        "m.redis.need.node_memory_mb",
        m.redis.need.node_memory_mb,
        160.0,
        EXACT,
    );
    assert_close(
        "m.redis.need.maxmemory_mb",
        m.redis.need.maxmemory_mb,
        120.0,
        EXACT,
    );
    assert_eq!(m.redis.plan, Some(0));
    assert_eq!(m.redis.topology_words(), Some("single node"));
    // Voice: 1 000 × 0.5 × 15 % = 75 sessions in the busiest hour, × 4 min ÷ 60 = 5 at once:
    // ⌈5 ÷ 2⌉ = 3 nodes by concurrency. 75 × 5 ÷ 3 600 = 0.104/s × 2.5 s = 0.26 erlangs:
    // 1 stream waits 5.6 s at p95 (ln(0.26 / 0.05) ÷ ((1 − 0.26) ÷ 2.5 s)), 2 streams meet
    // 2 s (C = 0.03 < 5 %) → ⌈2 ÷ 4⌉ = 1 node by queueing. max(3, 1) + 1 spare = 4.
    let voice = m.voice.as_ref().expect("the plan has voice");
    assert_close(
        "voice.busiest_hour_sessions",
        voice.busiest_hour_sessions,
        75.0,
        EXACT,
    );
    assert_close(
        "voice.concurrent_sessions",
        voice.concurrent_sessions,
        5.0,
        EXACT,
    );
    assert_close(
        "voice.offered_load_erlangs",
        voice.offered_load_erlangs,
        75.0 * 5.0 / 3600.0 * 2.5,
        EXACT,
    );
    assert_eq!(voice.nodes_by_concurrency, 3);
    assert_eq!(voice.servers, 2);
    assert_eq!(voice.nodes_by_queue, 1);
    assert_eq!(voice.nodes, 4);
    assert_eq!(voice.binding, VoiceBinding::Concurrency);
    assert_eq!(voice.queue_model, QueueModel::ErlangC);
    // Cost: 7 × $60 + $25 + $15 + 4 × $500 + ($20 + $0.01 × 1 000) = $2 490.
    let components: Vec<CostComponent> = m.cost.items.iter().map(|i| i.component).collect();
    assert_eq!(
        components,
        [
            CostComponent::AppInstances,
            CostComponent::Database,
            CostComponent::Redis,
            CostComponent::GpuVoice,
            CostComponent::Other(0),
        ]
    );
    let amounts: Vec<f64> = m.cost.items.iter().map(|i| i.usd_per_month).collect();
    for (amount, expected) in amounts.iter().zip([420.0, 25.0, 15.0, 2000.0, 30.0]) {
        assert_close("cost line", *amount, expected, EXACT);
    }
    assert_close(
        "m.cost.total_usd_per_month",
        m.cost.total_usd_per_month,
        2490.0,
        EXACT,
    );
    assert_close(
        "m.cost_per_unit_usd.unwrap()",
        m.cost_per_unit_usd.unwrap(),
        2.49,
        EXACT,
    );
    let _ = plan;
}

#[test]
fn every_figure_explains_itself() {
    let (plan, results) = run(small_plan());
    let m = first_month(&results);
    let units = engine::explain(&plan, &results, 0, 1, Figure::Units).unwrap();
    let growth = Growth::Compound {
        monthly_growth_pct: 0.0,
        monthly_churn_pct: 0.0,
    };
    assert_eq!(
        units,
        growth::explain_month(1000.0, &growth, plan.plan().start, 1, &m.units, "users")
    );
    assert_eq!(units.figure, "1\u{202F}000 users");
    assert_eq!(
        sentence(&plan, &results, Figure::PeakRps),
        "200 req/s = 1\u{202F}000 users × 8\u{202F}640 req/day ÷ 86\u{202F}400 s × 2 peak-to-average — the forecast \
         plus 0 % headroom binds"
    );
    assert_eq!(
        sentence(&plan, &results, Figure::AppInstances),
        "7 × app.test = max(2 minimum, ⌈200 req/s ÷ (50 req/s × 70 %)⌉ + 1 spare) — the CPU \
         target binds"
    );
    assert_eq!(
        sentence(&plan, &results, Figure::DbConnections),
        "100 connections = 7 instances × 10 pool + 5 background = 75 — the per-unit connection \
         rule binds"
    );
    let connections = engine::explain(&plan, &results, 0, 1, Figure::DbConnections).unwrap();
    assert!(connections.inputs.contains(&(
        "per-unit rule".to_owned(),
        "0.1 × 1\u{202F}000 users = 100".to_owned()
    )));
    assert_eq!(
        sentence(&plan, &results, Figure::DbPooler),
        "connection pooler needed = 100 connections (the per-unit connection rule) > 80 % × 60 \
         direct connections of Small = 48 — 100 connections (the per-unit connection rule) \
         exceed 80 % of Small's 60 direct connections: put a pooler (PgBouncer or Supavisor, \
         transaction mode) in front; the tier's pooler accepts 200 clients and keeps server \
         connections under the limit."
    );
    assert_eq!(
        sentence(&plan, &results, Figure::DbTier),
        "Small = connections 100 ≤ 80 % × 200 = 160; data 2 GB ≤ 80 % × 8 GB = 6.4 GB — \
         connections is closest to its limit (50 % of 200)"
    );
    assert_eq!(
        sentence(&plan, &results, Figure::RedisMemory),
        "160 MB of node memory = data 100 MB = 0 MB + 1\u{202F}000 × 0.1 MB; RSS = 100 MB × 1.2 = \
         120 MB; node = 120 MB ÷ 75 % = 160 MB; maxmemory = 120 MB — the fork/rewrite reserve: \
         25 % of the node stays free for RDB saves and AOF rewrites"
    );
    let redis_plan = engine::explain(&plan, &results, 0, 1, Figure::RedisPlan).unwrap();
    assert_eq!(
        redis_plan.sentence(),
        "cache.test = node memory 160 MB ≤ 80 % × 1\u{202F}000 MB = 800 MB — node memory is closest \
         to its limit (16 % of 1\u{202F}000 MB)"
    );
    assert!(redis_plan
        .inputs
        .last()
        .unwrap()
        .1
        .starts_with("single node"));
    assert_eq!(
        sentence(&plan, &results, Figure::GpuNodes),
        "4 GPU nodes = max(⌈5 concurrent sessions ÷ 2 per node⌉ = 3, ⌈2 streams ÷ 4 per node⌉ \
         = 1) + 1 spare — the sessions-per-node rule binds"
    );
    let costs: Vec<String> = (0..m.cost.items.len())
        .map(|component| sentence(&plan, &results, Figure::Cost { component }))
        .collect();
    assert_eq!(
        costs,
        [
            "$420 = 7 × $60.00 app.test",
            "$25.00 = Small tier price — test",
            "$15.00 = cache.test price — test",
            "$2\u{202F}000 = 4 nodes × $500",
            "$30.00/month = $20.00 + $0.01 × 1\u{202F}000",
        ]
    );
    assert_eq!(
        sentence(&plan, &results, Figure::TotalCost),
        "$2\u{202F}490/month = $420 App instances + $25.00 Database + $15.00 Redis + $2\u{202F}000 GPU voice \
         + $30.00 Monitoring — GPU voice is the largest line (80.3 % of the total)"
    );
    assert_eq!(
        sentence(&plan, &results, Figure::CostPerUnit),
        "$2.49 per user = $2\u{202F}490/month ÷ 1\u{202F}000 users — the total cost spread over the forecast \
         (headroom is spare capacity, not users)"
    );
    // 1 000 users × 0.5 sessions a day × 31 days (January) = 15 500 sessions.
    assert_close(
        "m.cost_per_session_usd.unwrap()",
        m.cost_per_session_usd.unwrap(),
        2490.0 / 15_500.0,
        EXACT,
    );
    assert_eq!(
        sentence(&plan, &results, Figure::CostPerSession),
        "$0.161 per session = $2\u{202F}490/month ÷ 15\u{202F}500 sessions — the total cost spread over the \
         month's voice sessions"
    );
    // Every table figure of every month explains itself, and nothing out of range does.
    for month in 1..=2 {
        for figure in Figure::TABLE {
            let e = engine::explain(&plan, &results, 0, month, figure).unwrap();
            assert!(!e.figure.is_empty() && !e.formula.is_empty(), "{figure:?}");
        }
    }
    assert!(engine::explain(&plan, &results, 0, 0, Figure::Units).is_none());
    assert!(engine::explain(&plan, &results, 0, 3, Figure::Units).is_none());
    assert!(engine::explain(&plan, &results, 1, 1, Figure::Units).is_none());
    assert!(engine::explain(&plan, &results, 0, 1, Figure::Cost { component: 5 }).is_none());
}

#[test]
fn app_pools_and_the_wait_target_can_bind_too() {
    let mut plan = small_plan();
    plan.baseline.database.connections_per_unit = 0.0;
    plan.catalogs.gpu_nodes[0].sessions_per_node = 100;
    let (plan, results) = run(plan);
    let m = first_month(&results);
    assert_close(
        "m.database.connections",
        m.database.connections,
        75.0,
        EXACT,
    );
    assert_eq!(
        sentence(&plan, &results, Figure::DbConnections),
        "75 connections = 7 instances × 10 pool + 5 background = 75 — the app pools bind"
    );
    // ⌈5 ÷ 100⌉ = 1 by concurrency ties ⌈2 ÷ 4⌉ = 1 by queueing: the wait target binds.
    let voice = m.voice.as_ref().unwrap();
    assert_eq!((voice.nodes_by_concurrency, voice.nodes_by_queue), (1, 1));
    assert_eq!(voice.nodes, 2);
    assert_eq!(voice.binding, VoiceBinding::Queueing);
    assert_eq!(
        sentence(&plan, &results, Figure::GpuNodes),
        "2 GPU nodes = max(⌈5 concurrent sessions ÷ 100 per node⌉ = 1, ⌈2 streams ÷ 4 per \
         node⌉ = 1) + 1 spare — the wait target (Erlang C) binds"
    );
}

/// A voice plan worked by hand: 15 sessions at once today (stated, for today's 1 000 users),
/// 4 minutes and 4 interactions each, 2 s of GPU time an interaction, on one-stream nodes of 20
/// sessions, no spare.
fn stated_voice_plan() -> Plan {
    let mut plan = small_plan();
    plan.policies.redundancy = 0;
    let voice = plan.baseline.voice.as_mut().unwrap();
    voice.peak_concurrent_sessions = 15.0;
    voice.session_minutes = 4.0;
    voice.interactions_per_session = 4.0;
    voice.gpu_seconds_per_interaction = 2.0;
    let node = &mut plan.catalogs.gpu_nodes[0];
    node.streams_per_node = 1;
    node.sessions_per_node = 20;
    plan
}

/// The figures of [`stated_voice_plan`], by hand:
///
/// ```text
/// concurrent   15 × 1 000 ÷ 1 000 users today = 15              → ⌈15 ÷ 20⌉ = 1 node by sessions
/// busiest hour 15 × 60 ÷ 4 min = 225 sessions (Little's law)
/// λ            225 × 4 ÷ 3 600 = 0.25/s;  A = 0.25 × 2 s = 0.5 erlangs
/// c = 1        C = A = 0.5;  cμ − λ = (1 − 0.5) ÷ 2 = 0.25/s;  t_0.95 = ln(0.5 ÷ 0.05) ÷ 0.25 = 9.21 s
/// c = 2        invB = 1, 1 + 1 ÷ 0.5 = 3, 1 + 3 × 2 ÷ 0.5 = 13: B = 1/13;  ρ = 0.25
///              C = (1/13) ÷ (1 − 0.25 × 12/13) = 0.1;  cμ − λ = 1.5 ÷ 2 = 0.75/s
///              t_0.95 = ln(0.1 ÷ 0.05) ÷ 0.75 = ln 2 ÷ 0.75 = 0.924 s
/// c = 3        invB = 1 + 13 × 3 ÷ 0.5 = 79: B = 1/79;  ρ = 1/6
///              C = (1/79) ÷ (1 − 78/474) = 474 ÷ (79 × 396) = 1/66 ≤ 5 %: t_0.95 = 0
/// ```
///
/// A p95 wait of 1 s needs 2 streams; a p95 response of 3 s is that wait plus the 2 s on the
/// GPU, the same 2; a p95 response of 2.5 s leaves 0.5 s of wait: 3 streams, 3 nodes, a p95
/// response of 0 + 2 s. Under 2 s no number of nodes will do, and the plan is refused.
#[test]
fn a_response_target_is_the_wait_target_plus_the_gpu_time() {
    let nodes = |target: VoiceTarget, seconds: f64| {
        let mut plan = stated_voice_plan();
        plan.policies.voice.target = target;
        match target {
            VoiceTarget::Wait => plan.policies.voice.wait_target_s = seconds,
            VoiceTarget::Response => plan.policies.voice.response_target_s = seconds,
        }
        run(plan)
    };

    let (plan, results) = nodes(VoiceTarget::Wait, 1.0);
    let v = first_month(&results).voice.clone().unwrap();
    assert_close("concurrent", v.concurrent_sessions, 15.0, EXACT);
    assert_close("busiest hour", v.busiest_hour_sessions, 225.0, EXACT);
    assert_close("λ", v.interactions_per_s, 0.25, EXACT);
    assert_close("A", v.offered_load_erlangs, 0.5, EXACT);
    assert_close(
        "p95 wait with 2 streams",
        v.wait_at_percentile_s.unwrap(),
        2.0f64.ln() / 0.75,
        EXACT,
    );
    assert_eq!(
        (v.nodes_by_concurrency, v.servers, v.nodes),
        (1, 2, 2),
        "{v:?}"
    );
    assert_eq!(
        sentence(&plan, &results, Figure::GpuNodes),
        "2 GPU nodes = max(⌈15 concurrent sessions ÷ 20 per node⌉ = 1, ⌈2 streams ÷ 1 per \
         node⌉ = 2) — the wait target (Erlang C) binds"
    );

    let (_, results) = nodes(VoiceTarget::Response, 3.0);
    let same = first_month(&results).voice.clone().unwrap();
    assert_eq!((same.servers, same.nodes), (2, 2));

    let (plan, results) = nodes(VoiceTarget::Response, 2.5);
    let v = first_month(&results).voice.clone().unwrap();
    assert_eq!(
        (v.servers, v.nodes, v.binding),
        (3, 3, VoiceBinding::Queueing)
    );
    assert_eq!(v.wait_at_percentile_s, Some(0.0));
    let why = engine::explain(&plan, &results, 0, 1, Figure::GpuNodes).unwrap();
    assert_eq!(
        why.sentence(),
        "3 GPU nodes = max(⌈15 concurrent sessions ÷ 20 per node⌉ = 1, ⌈3 streams ÷ 1 per \
         node⌉ = 3) — the response-time target (Erlang C) binds"
    );
    let input = |name: &str| {
        why.inputs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no input {name}: {:?}", why.inputs))
    };
    assert_eq!(
        input("concurrent sessions"),
        "stated: 15 today × 1\u{202F}000 ÷ 1\u{202F}000 users today"
    );
    assert_eq!(
        input("response-time target"),
        "p95 ≤ 2.5 s = wait ≤ 0.5 s + 2 s GPU"
    );
    // The table shows the response at p95 beside the target: no wait, then 2 s on the GPU.
    let tables = headroom_core::tables::scenario_tables(&plan, &results, 0);
    let table = tables.iter().find(|t| t.id == "voice").unwrap();
    let cell = table.cell(1, "wait").unwrap();
    assert_eq!(cell.value, Some(2.0));
    assert!(table.columns.iter().any(|c| c.title == "Response at p95"));
    assert_eq!(
        table.note.as_deref(),
        Some("gpu.test nodes; response target p95 ≤ 2.5 s.")
    );

    // Shorter than the GPU time itself: refused, naming the field and why.
    let mut plan = stated_voice_plan();
    plan.policies.voice.target = VoiceTarget::Response;
    plan.policies.voice.response_target_s = 1.9;
    let errors = plan.validate().unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].path, "policies.voice.response_target_s");
    assert_eq!(
        errors[0].message,
        "Voice response target (1.9 s) is below the GPU time per interaction (2 s), which every \
         response includes"
    );
}

/// A stated peak grows with the units the month sizes for (×3 in a ×3 season), and the
/// explanation says the concurrency was stated; without it, that it was derived.
#[test]
fn a_stated_peak_concurrency_grows_with_demand_and_says_so() {
    let mut plan = stated_voice_plan();
    plan.scenarios[0].calendar = vec![headroom_core::plan::CalendarEffect {
        name: "Rush".to_owned(),
        from: "01-01".parse().unwrap(),
        to: "01-31".parse().unwrap(),
        multiplier: 3.0,
        year: None,
    }];
    plan.start = headroom_core::plan::YearMonth {
        year: 2027,
        month: 1,
    };
    let (plan, results) = run(plan);
    let january = first_month(&results).voice.clone().unwrap();
    let february = results.scenarios[0].months[1].voice.clone().unwrap();
    assert_close("January", january.concurrent_sessions, 45.0, EXACT);
    assert_close("February", february.concurrent_sessions, 15.0, EXACT);
    // 45 at once: ⌈45 ÷ 20⌉ = 3 nodes by sessions.
    assert_eq!(january.nodes_by_concurrency, 3);
    let why = engine::explain(&plan, &results, 0, 1, Figure::GpuNodes).unwrap();
    assert!(why.inputs.contains(&(
        "concurrent sessions".to_owned(),
        "stated: 15 today × 3\u{202F}000 ÷ 1\u{202F}000 users today".to_owned()
    )));

    let (plan, results) = run(small_plan());
    let why = engine::explain(&plan, &results, 0, 1, Figure::GpuNodes).unwrap();
    assert!(why.inputs.contains(&(
        "concurrent sessions".to_owned(),
        "derived: busiest-hour sessions × session length".to_owned()
    )));

    // Nothing to grow from: refused, naming the field.
    let mut plan = stated_voice_plan();
    plan.baseline.units = 0.0;
    let errors = plan.validate().unwrap_err();
    assert_eq!(
        errors.iter().map(|e| e.path.as_str()).collect::<Vec<_>>(),
        ["baseline.voice.peak_concurrent_sessions"]
    );
    assert!(errors[0]
        .message
        .starts_with("Peak concurrent sessions need units today above 0"));
}

fn voice_plan(units: f64, voice: VoiceDemand, growth_pct: f64, horizon_months: u32) -> Plan {
    let mut plan = small_plan();
    plan.horizon_months = horizon_months;
    plan.baseline.units = units;
    plan.baseline.voice = Some(voice);
    plan.scenarios[0].growth = Growth::Compound {
        monthly_growth_pct: growth_pct,
        monthly_churn_pct: 0.0,
    };
    plan
}

fn assert_nodes_finite_and_monotone(results: &PlanResults) {
    let nodes: Vec<u64> = results.scenarios[0]
        .months
        .iter()
        .map(|m| m.voice.as_ref().expect("the plan has voice").nodes)
        .collect();
    assert!(nodes.windows(2).all(|w| w[0] <= w[1]), "{nodes:?}");
    for m in &results.scenarios[0].months {
        let v = m.voice.as_ref().unwrap();
        assert!(v.offered_load_erlangs.is_finite());
        assert!(v.wait_at_percentile_s.is_none_or(f64::is_finite));
        assert!(m.cost.total_usd_per_month.is_finite());
    }
}

#[test]
fn absurd_voice_loads_take_bounded_work() {
    // Every voice figure at its validated maximum, growing 1 000 % a month for 120 months: the
    // offered load is far beyond any queueing model, so streams are capped by utilisation.
    let absurd = VoiceDemand {
        sessions_per_unit_per_day: 1e6,
        peak_hour_share_pct: 100.0,
        session_minutes: 1440.0,
        interactions_per_session: 1e4,
        gpu_seconds_per_interaction: 3600.0,
        peak_concurrent_sessions: 0.0,
    };
    let (plan, results) = run(voice_plan(1e9, absurd, 1000.0, 120));
    assert_nodes_finite_and_monotone(&results);
    let last = results.scenarios[0].months.last().unwrap();
    assert_eq!(
        last.voice.as_ref().unwrap().queue_model,
        QueueModel::UtilisationCap
    );
    let why = engine::explain(&plan, &results, 0, 120, Figure::GpuNodes).unwrap();
    assert!(why
        .inputs
        .iter()
        .any(|(name, value)| name == "queueing model"
            && value.starts_with("beyond the queueing model's range")));

    // 10 400 to 105 000 erlangs: the exact search would take up to a million steps a month;
    // square-root staffing takes a few dozen.
    let heavy = VoiceDemand {
        sessions_per_unit_per_day: 1.0,
        peak_hour_share_pct: 10.0,
        session_minutes: 0.01,
        interactions_per_session: 10.0,
        gpu_seconds_per_interaction: 36.0,
        peak_concurrent_sessions: 0.0,
    };
    let (plan, results) = run(voice_plan(1e6, heavy.clone(), 4.0, 60));
    assert_nodes_finite_and_monotone(&results);
    let first = first_month(&results).voice.as_ref().unwrap();
    // Month 1 has grown 4 % already: 10 400 erlangs.
    assert_close(
        "first.offered_load_erlangs",
        first.offered_load_erlangs,
        10_400.0,
        ITERATIVE,
    );
    assert_eq!(first.queue_model, QueueModel::HalfinWhitt);
    // Checked with the exact wait: above A, within a few √A.
    let servers = first.servers as f64;
    assert!(
        servers > 10_400.0 && servers < 10_400.0 + 5.0 * 102.0,
        "{servers}"
    );
    let why = engine::explain(&plan, &results, 0, 1, Figure::GpuNodes).unwrap();
    assert!(
        why.binding.contains("Halfin–Whitt, checked with Erlang C"),
        "{why:?}"
    );

    // Crossing the threshold (4 400 → 7 795 erlangs) keeps nodes monotone.
    let (_, results) = run(voice_plan(4e5, heavy, 10.0, 7));
    assert_nodes_finite_and_monotone(&results);
    let models: Vec<QueueModel> = results.scenarios[0]
        .months
        .iter()
        .map(|m| m.voice.as_ref().unwrap().queue_model)
        .collect();
    assert_eq!(models[0], QueueModel::ErlangC);
    assert_eq!(models[6], QueueModel::HalfinWhitt);
}

/// Throughput measured at 1, 2, 4, 8, 16 and 32 instances from a known law (α = 0.05,
/// β = 0.001, X(1) = 100 req/s): N* = √((1 − 0.05) ÷ 0.001) = 30.82 instances.
fn scaling_points() -> Vec<headroom_core::plan::ScalingPoint> {
    [1.0, 2.0, 4.0, 8.0, 16.0, 32.0]
        .into_iter()
        .map(|n: f64| headroom_core::plan::ScalingPoint {
            instances: n,
            throughput_rps: 100.0 * n / (1.0 + 0.05 * (n - 1.0) + 0.001 * n * (n - 1.0)),
        })
        .collect()
}

#[test]
fn scaling_measurements_warn_where_adding_instances_stops_helping() {
    let mut plan = small_plan();
    plan.baseline.scaling = scaling_points();
    // Enough load for more instances than N*: ⌈peak ÷ 35⌉ well above 31.
    plan.baseline.units *= 20.0;
    let (_, results) = run(plan);
    let check = results.scenarios[0].scaling.as_ref().expect("a fit");
    assert_close("α", check.contention_alpha, 0.05, ITERATIVE);
    assert_close("β", check.coherency_beta, 0.001, ITERATIVE);
    let peak = check.peak_instances.expect("a peak");
    assert_close("peak", peak, 30.822, CENT);
    assert!(check.busiest_instances >= 31, "{}", check.busiest_instances);
    assert_eq!(check.verdict, headroom_core::usl::ScalingVerdict::PastPeak);
    assert_eq!(check.first_month_past_peak, Some(1));
}

#[test]
fn too_few_scaling_measurements_leave_a_note_not_a_failure() {
    let mut plan = small_plan();
    plan.baseline.scaling = scaling_points()[..2].to_vec();
    let (_, results) = run(plan);
    assert!(results.scenarios[0].scaling.is_none());
    assert!(results.scenarios[0]
        .notes
        .iter()
        .any(|n| n.contains("scaling measurements")));
}

#[test]
fn progression_starts_at_todays_tier() {
    let mut plan = small_plan();
    let largest = plan.catalogs.databases.last().expect("a tier").name.clone();
    plan.baseline.today.database_tier = largest.clone();
    let (valid, results) = run(plan);
    let tier = results.scenarios[0].database_tiers.months[0]
        .tier
        .expect("fits");
    assert_eq!(valid.plan().catalogs.databases[tier].name, largest);
}

#[test]
fn fixed_traffic_does_not_grow_with_units_but_takes_headroom_and_seasons() {
    let mut plan = small_plan();
    // 200 req/s today, of which 20 do not grow: 180 req/s for 1 000 users.
    plan.baseline.traffic = Traffic::PeakRate { peak_rps: 200.0 };
    plan.baseline.fixed_peak_rps = 20.0;
    plan.scenarios[0].growth = Growth::Compound {
        monthly_growth_pct: 50.0,
        monthly_churn_pct: 0.0,
    };
    plan.policies.headroom_pct = 10.0;
    let (valid, results) = run(plan.clone());
    let m = first_month(&results);
    // 1 500 users × 1.1 = 1 650 sized for: 20 × 1.1 + 180 × 1 650 ÷ 1 000 = 22 + 297 = 319.
    assert_close("m.units_sized", m.units_sized, 1650.0, EXACT);
    assert_close("m.peak_rps", m.peak_rps, 319.0, EXACT);
    assert_eq!(
        sentence(&valid, &results, Figure::PeakRps),
        "319 req/s = 22 req/s fixed + 180 req/s today × 1\u{202F}650 users ÷ 1\u{202F}000 users today — the \
         forecast plus 10 % headroom binds"
    );
    // A fixed part larger than today's whole peak is refused.
    plan.baseline.fixed_peak_rps = 250.0;
    let errors = plan.validate().unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].path, "baseline.fixed_peak_rps");
    assert_eq!(
        errors[0].message,
        "Fixed peak traffic (250 req/s) is part of today's peak and cannot exceed it (200 req/s)"
    );
    // With a daily volume the fixed part is added to the shaped peak: 20 + 1 500 × 8 640 ÷
    // 86 400 × 2 = 320 req/s without headroom.
    let mut daily = small_plan();
    daily.baseline.fixed_peak_rps = 20.0;
    daily.baseline.units = 1500.0;
    let (_, results) = run(daily);
    assert_close(
        "first_month(&results).peak_rps",
        first_month(&results).peak_rps,
        320.0,
        EXACT,
    );
}

#[test]
fn commitments_discount_the_instances_running_around_the_clock() {
    let mut plan = small_plan();
    plan.policies.commitment.enabled = true;
    plan.policies.commitment.discount_pct = 30.0;
    plan.policies.commitment.term_months = 12;
    let (valid, results) = run(plan.clone());
    let m = first_month(&results);
    // Steady: 7 app instances and 4 GPU nodes every month, all committed.
    assert_eq!((m.committed_app_instances, m.committed_gpu_nodes), (7, 4));
    let amounts: Vec<f64> = m.cost.items.iter().map(|i| i.usd_per_month).collect();
    // 7 × $60 × 70 % = $294; 4 × $500 × 70 % = $1 400.
    assert_close("amounts[0]", amounts[0], 294.0, EXACT);
    assert_close("amounts[3]", amounts[3], 1400.0, EXACT);
    assert_eq!(
        sentence(&valid, &results, Figure::Cost { component: 0 }),
        "$294 = 7 × $60.00 app.test − 7 committed × $60.00 × 30 % discount"
    );
    let advice = results.scenarios[0].gpu_commitment.as_ref().expect("voice");
    assert_eq!(advice.recommended.units, 4);

    // With off-hours scale-down only the 4 instances kept at night are committed: 7 × $60 −
    // 3 × $60 × 108/168 off hours − 4 × $60 × 30 %.
    plan.policies.off_hours.enabled = true;
    let (valid, results) = run(plan);
    let m = first_month(&results);
    assert_eq!(m.committed_app_instances, 4);
    let expected = 420.0 - 3.0 * 60.0 * 108.0 / 168.0 - 4.0 * 60.0 * 0.3;
    assert_close(
        "m.cost.items[0].usd_per_month",
        m.cost.items[0].usd_per_month,
        expected,
        EXACT,
    );
    assert_eq!(
        sentence(&valid, &results, Figure::Cost { component: 0 }),
        "$232 = 7 × $60.00 app.test − $116 off-hours saving − 4 committed × $60.00 × 30 % \
         discount"
    );
    let advice = results.scenarios[0].commitment.as_ref().expect("enabled");
    assert_eq!(advice.recommended.units, 4);
    assert_eq!(advice.recommended.pays_off_month, Some(1));
}

#[test]
fn the_results_say_when_to_move_up_a_size_and_price_a_mix() {
    // The default catalog and policy (m7g.large at 50 req/s, 70 %, 2–10 instances), 100 req/s
    // today growing 50 % a month: 150, 225, 337.5, 506 req/s.
    let mut plan = Plan {
        horizon_months: 4,
        ..Plan::default()
    };
    plan.baseline.traffic = Traffic::PeakRate { peak_rps: 100.0 };
    plan.scenarios[0].growth = Growth::Compound {
        monthly_growth_pct: 50.0,
        monthly_churn_pct: 0.0,
    };
    let (_, results) = run(plan);
    let s = &results.scenarios[0];
    let instances: Vec<u64> = s.months.iter().map(|m| m.app.instances).collect();
    // ⌈150 ÷ 35⌉ = 5, ⌈225 ÷ 35⌉ = 7, ⌈337.5 ÷ 35⌉ = 10, ⌈506.25 ÷ 35⌉ = 15.
    assert_eq!(instances, [5, 7, 10, 15]);
    // Month 1: 2 × m7g.xlarge ($238.2) serve 150 req/s for less than 5 × m7g.large ($298).
    let change = &s.size_change;
    assert_eq!(change.month, Some(1));
    assert_eq!(
        change.reason,
        Some(headroom_core::vertical::SizeChangeReason::LargerIsCheaper)
    );
    assert_eq!(change.move_to, Some(3));
    assert!(s.timeline.iter().any(|e| {
        e.month == 1
        && e.text
            == "A larger instance size is cheaper than adding instances: month 1: 2 × m7g.xlarge \
                = $238/month serves 150 req/s for $59.80 less than 5 × m7g.large = $298/month"
    }));
    // Month 4 passes the maximum: 6 × m7g.xlarge ($714.6) is the cheapest larger size within
    // it (3 × m7g.2xlarge $714.9, 2 × m7g.4xlarge $953).
    assert!(s.timeline.iter().any(|e| e.month == 4
        && e.text
            == "App needs 15 instances, above the maximum of 10: move up to m7g.xlarge (6 \
                instances)"));
    // The busiest month, 506.25 req/s (723.2 req/s of capacity): 3 × m7g.2xlarge = $714.9 is
    // the cheapest single size within 10; the cheapest mix is never dearer.
    let mix = s.vertical.cheapest_mix.as_ref().expect("a mix fits");
    let best = &s.vertical.options[s.vertical.cheapest.expect("a size fits")];
    assert!(mix.usd_per_month <= best.usd_per_month + EXACT.allowed(best.usd_per_month));
    assert!(mix.capacity_rps * 0.7 >= 506.25 - EXACT.allowed(506.25));
}

#[test]
fn each_scenario_on_its_own_is_the_scenario_of_the_whole_run() {
    for template in headroom_core::presets::TEMPLATES {
        let plan = template.build().validate().expect("templates are valid");
        let whole = engine::run(&plan);
        let one_by_one: Vec<_> = (0..whole.scenarios.len())
            .map(|i| engine::run_one(&plan, i).expect("the scenario exists"))
            .collect();
        assert_eq!(one_by_one, whole.scenarios, "{}", template.id);
        assert_eq!(engine::run_one(&plan, whole.scenarios.len()), None);
    }
}

/// The per-unit rule (0.1 × 1 000 users = 100) drives the connections past Small's direct
/// allowance (80 % × 60 = 48) while the app pools (7 × 5 + 5 = 40) stay under it: Small is
/// chosen for its 200 pooler clients, so the pooler is needed and the words say why.
// With the deployment export (`yaml` feature).
#[cfg(feature = "yaml")]
#[test]
fn the_per_unit_rule_can_call_for_the_pooler() {
    let mut plan = small_plan();
    plan.policies.pool_per_instance = 5;
    let (plan, results) = run(plan);
    let m = first_month(&results);
    assert_close(
        "m.database.connections_from_pools",
        m.database.connections_from_pools,
        40.0,
        EXACT,
    );
    assert_close(
        "m.database.connections",
        m.database.connections,
        100.0,
        EXACT,
    );
    assert_eq!(m.database.tier, Some(0));
    assert!(m.database.needs_pooler);
    assert_eq!(
        sentence(&plan, &results, Figure::DbPooler),
        "connection pooler needed = 100 connections (the per-unit connection rule) > 80 % × 60 \
         direct connections of Small = 48 — 100 connections (the per-unit connection rule) \
         exceed 80 % of Small's 60 direct connections: put a pooler (PgBouncer or Supavisor, \
         transaction mode) in front; the tier's pooler accepts 200 clients and keeps server \
         connections under the limit."
    );
    let event = results.scenarios[0]
        .timeline
        .iter()
        .find(|e| e.text.starts_with("Connection pooler needed"))
        .expect("a pooler event");
    assert_eq!(
        event.text,
        "Connection pooler needed: 100 connections (the per-unit connection rule) pass 80 % of \
         Small's 60 direct connections"
    );
    let spec = headroom_core::export::deployment::spec(&plan, &results, 0, 1).unwrap();
    let pooler = spec.database.unwrap().pooler.expect("PgBouncer settings");
    assert_eq!(pooler.default_pool_size, 48);
    // The per-unit rule's 100 clients, more than the pools' 7 × 5 + 5 at full scale-out.
    assert!(pooler.max_client_conn >= 100);
    assert!(spec
        .notes
        .iter()
        .any(|n| n.contains("100 connections (the per-unit connection rule)")));
}

/// The pooler flag, its explanation, the timeline and the deployment export come from one rule
/// and agree, whichever rule sets the connections.
// With the deployment export (`yaml` feature).
#[cfg(feature = "yaml")]
#[test]
fn pooler_flag_explanation_and_export_agree() {
    for pool in [1, 5, 10, 30] {
        for per_unit in [0.0, 0.03, 0.1, 0.15, 0.3] {
            let mut plan = small_plan();
            plan.policies.pool_per_instance = pool;
            plan.baseline.database.connections_per_unit = per_unit;
            let (plan, results) = run(plan);
            let m = first_month(&results);
            let case = format!("pool {pool}, {per_unit} per user");
            let explained = engine::explain(&plan, &results, 0, 1, Figure::DbPooler).unwrap();
            let spec = headroom_core::export::deployment::spec(&plan, &results, 0, 1).unwrap();
            let exported = spec.database.as_ref().unwrap().pooler.is_some();
            let event = results.scenarios[0]
                .timeline
                .iter()
                .any(|e| e.text.starts_with("Connection pooler needed"));
            assert_eq!(exported, m.database.needs_pooler, "{case}: export");
            assert_eq!(event, m.database.needs_pooler, "{case}: timeline");
            if let Some(tier) = m.database.tier {
                // The rule: connections (whichever rule sets them) > 80 % of direct connections.
                let direct = f64::from(plan.plan().catalogs.databases[tier].max_connections);
                assert_eq!(
                    m.database.needs_pooler,
                    m.database.connections > direct * 0.8,
                    "{case}: flag"
                );
                assert_eq!(
                    explained.figure == "connection pooler needed",
                    m.database.needs_pooler,
                    "{case}: explanation {}",
                    explained.sentence()
                );
                assert_eq!(
                    explained.binding.starts_with("Direct connections fit"),
                    !m.database.needs_pooler,
                    "{case}"
                );
            }
        }
    }
}

/// A voice fleet that grows most months is one timeline entry from its first step to its last,
/// not one entry per step; two steps or fewer stay separate.
#[test]
fn repeated_gpu_steps_are_one_timeline_entry() {
    let voice = small_plan().baseline.voice.unwrap();
    let (_, results) = run(voice_plan(20_000.0, voice.clone(), 4.0, 120));
    let s = &results.scenarios[0];
    let nodes: Vec<u64> = s
        .months
        .iter()
        .map(|m| m.voice.as_ref().unwrap().nodes)
        .collect();
    let steps: Vec<u32> = (1..nodes.len())
        .filter(|&i| nodes[i] > nodes[i - 1])
        .map(|i| i as u32 + 1)
        .collect();
    assert!(steps.len() > 20, "{} steps", steps.len());
    let voice_events: Vec<_> = s
        .timeline
        .iter()
        .filter(|e| e.resource == headroom_core::engine::Resource::Voice)
        .collect();
    assert_eq!(voice_events.len(), 1, "{voice_events:?}");
    let grouped = voice_events[0];
    let (first, last) = (steps[0], *steps.last().unwrap());
    assert_eq!(grouped.month, first);
    assert_eq!(grouped.through_month, Some(last));
    let expected_start = format!(
        "GPU voice nodes {} → {} over months {first}–{last} (",
        nodes[first as usize - 2],
        nodes[last as usize - 1]
    );
    assert!(
        grouped.text.starts_with(&expected_start),
        "{} vs {expected_start}",
        grouped.text
    );
    assert!(
        grouped.text.contains(&format!("in {} steps", steps.len())),
        "{}",
        grouped.text
    );
    assert!(s.timeline.len() < 20, "{} entries", s.timeline.len());

    // Steady demand with one step of growth: each step is its own entry.
    let (_, results) = run(voice_plan(20_000.0, voice, 4.0, 2));
    let events: Vec<_> = results.scenarios[0]
        .timeline
        .iter()
        .filter(|e| e.resource == headroom_core::engine::Resource::Voice)
        .collect();
    assert!(events.len() <= 2);
    assert!(events.iter().all(|e| e.through_month.is_none()
        && e.text.starts_with("GPU voice nodes ")
        && !e.text.contains("steps")));
}

/// A larger size that saves cents is not an event: at 140 req/s, 2 × m7g.xlarge ($238.2) saves
/// $0.2 a month over 4 × m7g.large ($238.4). A real saving still is.
#[test]
fn a_saving_of_cents_is_not_a_timeline_event() {
    let mut plan = Plan::default();
    plan.baseline.traffic = Traffic::DailyVolume {
        requests_per_unit_per_day: 0.0,
        peak: PeakShape::PeakToAverage { ratio: 1.0 },
    };
    plan.baseline.fixed_peak_rps = 140.0;
    let cheaper_event = |plan: Plan| {
        let (_, results) = run(plan);
        assert_close(
            "peak",
            results.scenarios[0].months[0].peak_rps,
            140.0,
            EXACT,
        );
        results.scenarios[0]
            .timeline
            .iter()
            .any(|e| e.text.starts_with("A larger instance size is cheaper"))
    };
    assert!(!cheaper_event(plan.clone()));
    let xlarge = plan
        .catalogs
        .instances
        .iter_mut()
        .find(|t| t.name == "m7g.xlarge")
        .unwrap();
    xlarge.usd_per_month *= 0.8;
    assert!(cheaper_event(plan));
}
