//! The small plan's figures worked by hand: peak, instances, connections, GPU nodes and costs;
//! what binds; fixed traffic; commitments; today's tier; and each scenario run on its own.

use super::*;

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

#[test]
fn a_sized_run_is_the_whole_run_without_the_advice() {
    let mut upgrades = 0;
    for template in headroom_core::presets::TEMPLATES {
        let plan = template.build().validate().expect("templates are valid");
        let whole = engine::run(&plan);
        let sized = engine::run_sized(&plan);
        assert_eq!(sized.len(), whole.scenarios.len(), "{}", template.id);
        for (s, w) in sized.iter().zip(&whole.scenarios) {
            assert_eq!(s.months, w.months, "{}", template.id);
            assert_eq!(s.database_tiers, w.database_tiers, "{}", template.id);
            assert_eq!(s.redis_plans, w.redis_plans, "{}", template.id);
            for u in w
                .database_tiers
                .upgrades
                .iter()
                .chain(&w.redis_plans.upgrades)
            {
                // Built with the reasons (as the page and the file worker are).
                assert!(!u.reason.is_empty(), "{}", template.id);
                upgrades += 1;
            }
        }
    }
    assert!(upgrades > 0, "the templates move up a tier somewhere");
}
