//! Instance counts and sizes: scaling measurements, moving up a size and pricing a mix, and
//! savings too small to be a timeline event.

use super::*;

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
    assert_eq!(check.first_month_past_peak.map(u32::from), Some(1));
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
    assert_eq!(change.month.map(u32::from), Some(1));
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
