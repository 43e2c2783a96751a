//! Invariants of the whole engine that must hold for every accepted plan: more load never
//! yields fewer instances, nodes or a lower tier; cost never falls when only load grows;
//! validation accepts what is in range, and every result is a finite number.

use headroom_core::engine::{self, PlanResults};
use headroom_core::plan::{Growth, PeakShape, Plan, Scenario, Traffic, VoiceDemand};
use headroom_core::tolerance::EXACT;
use proptest::prelude::*;

/// A plan drawn from the accepted ranges: demand, traffic, data, voice and policies vary.
fn any_plan() -> impl Strategy<Value = Plan> {
    (
        (
            0.0..1e6f64,
            0.0..1e4f64,
            1.0..20.0f64,
            0.0..0.5f64,
            0.0..50.0f64,
        ),
        (
            0.0..20.0f64,
            4.2..100.0f64,
            0.5..60.0f64,
            0.0..10.0f64,
            0.05..10.0f64,
        ),
        (
            1.0..=100.0f64,
            1.0..=100.0f64,
            0u32..=2,
            1u32..=5,
            -5.0..30.0f64,
        ),
        (any::<bool>(), any::<bool>(), 1u32..=36),
    )
        .prop_map(|(demand, voice, policy, flags)| {
            let (units, requests, ratio, data_gb, redis_mb) = demand;
            let (sessions, share, minutes, interactions, gpu_s) = voice;
            let (util, trigger, redundancy, min, growth) = policy;
            let (with_voice, commit, horizon) = flags;
            let mut plan = Plan {
                horizon_months: horizon,
                ..Plan::default()
            };
            plan.baseline.units = units;
            plan.baseline.traffic = Traffic::DailyVolume {
                requests_per_unit_per_day: requests,
                peak: PeakShape::PeakToAverage { ratio },
            };
            plan.baseline.database.data_gb_per_unit = data_gb;
            plan.baseline.redis.memory_mb_per_unit = redis_mb;
            plan.baseline.voice = with_voice.then_some(VoiceDemand {
                sessions_per_unit_per_day: sessions,
                peak_hour_share_pct: share,
                session_minutes: minutes,
                interactions_per_session: interactions,
                gpu_seconds_per_interaction: gpu_s,
            });
            plan.policies.target_utilisation_pct = util;
            plan.policies.scale_up_trigger_pct = trigger;
            plan.policies.redundancy = redundancy;
            plan.policies.min_instances = min;
            plan.policies.commitment.enabled = commit;
            plan.scenarios = vec![Scenario {
                name: "Drawn".to_owned(),
                growth: Growth::Compound {
                    monthly_growth_pct: growth,
                    monthly_churn_pct: 0.0,
                },
                calendar: Vec::new(),
            }];
            plan
        })
}

fn run(plan: &Plan) -> PlanResults {
    engine::run(&plan.validate().expect("the strategy draws valid plans"))
}

/// The same plan with `factor` times the demand.
fn scaled(plan: &Plan, factor: f64) -> Plan {
    let mut heavier = plan.clone();
    heavier.baseline.units = (plan.baseline.units * factor).min(1e9);
    heavier
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Every accepted plan runs, and every figure is a finite number.
    #[test]
    fn accepted_plans_give_finite_results(plan in any_plan()) {
        let results = run(&plan);
        for month in &results.scenarios[0].months {
            prop_assert!(month.units_sized.is_finite() && month.units_sized >= 0.0);
            prop_assert!(month.peak_rps.is_finite() && month.peak_rps >= 0.0);
            prop_assert!(month.app.utilisation_at_peak.is_finite());
            prop_assert!(month.database.connections.is_finite());
            prop_assert!(month.database.data_gb.is_finite());
            prop_assert!(month.redis.need.node_memory_mb.is_finite());
            prop_assert!(month.cost.total_usd_per_month.is_finite());
            prop_assert!(month.cost.total_usd_per_month >= 0.0);
            if let Some(voice) = &month.voice {
                prop_assert!(voice.offered_load_erlangs.is_finite());
            }
        }
    }

    /// More demand never means fewer instances or nodes, a lower tier, or a smaller bill.
    #[test]
    fn more_load_never_means_less(plan in any_plan(), factor in 1.0..10.0f64) {
        let light = run(&plan);
        let heavy = run(&scaled(&plan, factor));
        let (l, h) = (&light.scenarios[0], &heavy.scenarios[0]);
        for (i, (lm, hm)) in l.months.iter().zip(&h.months).enumerate() {
            prop_assert!(hm.app.instances >= lm.app.instances, "month {}", i + 1);
            prop_assert!(hm.database.connections >= lm.database.connections);
            // A tier beyond the catalog (None) counts as the highest.
            let rank = |t: Option<usize>| t.map_or(usize::MAX, |t| t);
            prop_assert!(rank(h.database_tiers.months[i].tier) >= rank(l.database_tiers.months[i].tier));
            prop_assert!(rank(h.redis_plans.months[i].tier) >= rank(l.redis_plans.months[i].tier));
            if let (Some(lv), Some(hv)) = (&lm.voice, &hm.voice) {
                prop_assert!(hv.nodes >= lv.nodes, "voice nodes fell in month {}", i + 1);
            }
            // With commitments, more load can lower a month's bill: a higher floor commits more
            // instances at the discount (2 → 3 committed while the month still runs 3). The
            // bill without them never falls; see `commitments_never_cost_more` for the rest.
            if !plan.policies.commitment.enabled {
                prop_assert!(
                    hm.cost.total_usd_per_month >= lm.cost.total_usd_per_month - EXACT.allowed(lm.cost.total_usd_per_month),
                    "cost fell in month {}: {} → {}", i + 1, lm.cost.total_usd_per_month, hm.cost.total_usd_per_month
                );
            }
        }
    }

    /// A commitment covers only instances that run all month, so it never makes a month dearer
    /// than on-demand, and saves at most the discount.
    #[test]
    fn commitments_never_cost_more(plan in any_plan(), discount in 0.0..95.0f64, term in 1u32..=60) {
        let mut on_demand = plan.clone();
        on_demand.policies.commitment.enabled = false;
        let mut committed = plan;
        committed.policies.commitment.enabled = true;
        committed.policies.commitment.discount_pct = discount;
        committed.policies.commitment.term_months = term;
        let (a, b) = (run(&on_demand), run(&committed));
        for (om, cm) in a.scenarios[0].months.iter().zip(&b.scenarios[0].months) {
            let (full, with) = (om.cost.total_usd_per_month, cm.cost.total_usd_per_month);
            prop_assert!(with <= full + EXACT.allowed(full), "month {}: {with} > {full}", om.month);
            let floor = full * (1.0 - discount / 100.0);
            prop_assert!(with >= floor - EXACT.allowed(floor), "month {}", om.month);
            prop_assert!(cm.committed_app_instances <= cm.app.instances);
        }
    }

    /// Tiers never go down from one month to the next, even when demand falls.
    #[test]
    fn tiers_never_downgrade(plan in any_plan()) {
        let results = run(&plan);
        let s = &results.scenarios[0];
        for progression in [&s.database_tiers, &s.redis_plans] {
            let ranks: Vec<usize> = progression.months.iter().map(|m| m.tier.map_or(usize::MAX, |t| t)).collect();
            prop_assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
        }
    }

    /// Out-of-range numbers are rejected with a message naming the field; nothing panics.
    #[test]
    fn rejected_plans_name_their_fields(plan in any_plan(), bad in prop_oneof![
        Just(f64::NAN), Just(f64::INFINITY), Just(-1.0), Just(1e300)
    ]) {
        let mut broken = plan;
        broken.baseline.units = bad;
        let errors = broken.validate().expect_err("an out-of-range unit count is rejected");
        prop_assert!(errors.iter().any(|e| e.path == "baseline.units" && e.message.starts_with("Units today")));
    }
}
