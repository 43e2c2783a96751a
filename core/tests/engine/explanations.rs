//! Every figure's explanation, with the scenario's own growth rates and prices beyond the
//! catalog.

use super::*;

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
