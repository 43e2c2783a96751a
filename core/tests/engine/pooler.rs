//! The connection pooler: the per-unit rule can call for it, and its flag, explanation,
//! timeline event and deployment export agree (with the `yaml` feature).

use super::*;

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
