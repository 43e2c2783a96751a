//! Invariants of the queueing and scalability models that must hold for every valid input.

use headroom_core::queueing::{
    erlang_b, erlang_c, mmc_wait, size_servers, MmcQueue, ServerSizing, SizingOptions, WaitTarget,
};
use headroom_core::tolerance::{within, EXACT};
use headroom_core::usl::{fit, ScalingOptions, UslModel, UslPoint};
use proptest::prelude::*;

/// Arrival rates, mean service times and targets of plausible plans: up to 10⁴ erlangs, so each
/// case sizes in well under a second in a debug build.
fn any_rate() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), 0.0..1_000.0f64]
}

fn any_service_time() -> impl Strategy<Value = f64> {
    0.001..10.0f64
}

fn any_target() -> impl Strategy<Value = WaitTarget> {
    prop_oneof![
        (0.0..0.9999f64, 0.0..30.0f64).prop_map(|(quantile, max_wait_s)| WaitTarget::Quantile {
            quantile,
            max_wait_s
        }),
        (1e-9..=1.0f64)
            .prop_map(|max_probability| WaitTarget::ProbabilityOfWait { max_probability }),
    ]
}

fn size(rate: f64, service: f64, streams_per_node: u32, target: WaitTarget) -> ServerSizing {
    size_servers(&SizingOptions {
        arrival_rate_per_s: rate,
        mean_service_time_s: service,
        streams_per_node,
        target,
    })
    .expect("valid inputs well below the server bound")
}

/// Whether `servers` servers meet `target`, judged through the public M/M/c API.
fn meets(rate: f64, service: f64, servers: u64, target: WaitTarget) -> bool {
    let wait = mmc_wait(&MmcQueue {
        arrival_rate_per_s: rate,
        mean_service_time_s: service,
        servers,
    })
    .expect("valid queue");
    match target {
        WaitTarget::Quantile {
            quantile,
            max_wait_s,
        } => wait
            .wait_quantile_s(quantile)
            .expect("valid quantile")
            .is_some_and(|t| t <= max_wait_s),
        WaitTarget::ProbabilityOfWait { max_probability } => {
            wait.is_stable() && wait.probability_of_wait <= max_probability
        }
    }
}

proptest! {
    /// More arrivals never need fewer servers or nodes.
    #[test]
    fn more_load_never_needs_fewer_servers(
        rate in any_rate(),
        extra in 0.0..200.0f64,
        service in any_service_time(),
        streams_per_node in 1u32..=16,
        target in any_target(),
    ) {
        let light = size(rate, service, streams_per_node, target);
        let heavy = size(rate + extra, service, streams_per_node, target);
        prop_assert!(heavy.servers >= light.servers, "{light:?} then {heavy:?}");
        prop_assert!(heavy.nodes >= light.nodes);
    }

    /// The answer meets the target, and one server fewer would not (unless it would be unstable
    /// anyway, which the search never considers).
    #[test]
    fn sizing_is_the_smallest_that_meets_the_target(
        rate in any_rate(),
        service in any_service_time(),
        streams_per_node in 1u32..=16,
        target in any_target(),
    ) {
        let sizing = size(rate, service, streams_per_node, target);
        let offered = rate * service;
        prop_assert_eq!(sizing.nodes, sizing.servers.div_ceil(u64::from(streams_per_node)));
        if rate == 0.0 {
            prop_assert_eq!(sizing.servers, 0);
            return Ok(());
        }
        prop_assert!(sizing.servers as f64 > offered, "unstable answer {sizing:?}");
        prop_assert!(meets(rate, service, sizing.servers, target));
        if sizing.servers > offered.floor() as u64 + 1 {
            prop_assert!(!meets(rate, service, sizing.servers - 1, target));
        }
    }

    /// Sizing figures are never NaN or infinite.
    #[test]
    fn sizing_is_finite(
        rate in any_rate(),
        service in any_service_time(),
        streams_per_node in 1u32..=16,
        target in any_target(),
    ) {
        let s = size(rate, service, streams_per_node, target);
        for value in [s.offered_load_erlangs, s.utilisation, s.probability_of_wait] {
            prop_assert!(value.is_finite());
        }
        prop_assert!((0.0..=1.0).contains(&s.probability_of_wait));
        prop_assert!(s.mean_wait_s.is_none_or(f64::is_finite));
        prop_assert!(s.wait_quantile_s.is_none_or(f64::is_finite));
    }

    /// Any finite inputs, however extreme, give figures in range or an error: never NaN or ∞.
    #[test]
    fn queue_figures_are_never_nan(
        rate in prop_oneof![0.0..1e6f64, any::<f64>()],
        service in prop_oneof![1e-6..1e6f64, any::<f64>()],
        servers in 0u64..20_000,
        quantile in any::<f64>(),
        wait_s in any::<f64>(),
    ) {
        if let Ok(b) = erlang_b(servers, rate) {
            prop_assert!((0.0..=1.0).contains(&b));
        }
        if let Ok(c) = erlang_c(servers, rate) {
            prop_assert!((0.0..=1.0).contains(&c));
        }
        let queue = MmcQueue { arrival_rate_per_s: rate, mean_service_time_s: service, servers };
        if let Ok(wait) = mmc_wait(&queue) {
            prop_assert!(wait.utilisation.is_finite());
            prop_assert!((0.0..=1.0).contains(&wait.probability_of_wait));
            prop_assert!(wait.mean_wait_s.is_none_or(f64::is_finite));
            prop_assert!(wait.spare_capacity_per_s.is_none_or(f64::is_finite));
            if let Ok(t) = wait.wait_quantile_s(quantile) {
                prop_assert!(t.is_none_or(|t| t.is_finite() && t >= 0.0));
            }
            if let Ok(p) = wait.probability_wait_exceeds(wait_s) {
                prop_assert!((0.0..=1.0).contains(&p));
            }
        }
    }

    /// Erlang C never exceeds 1 and falls as servers are added to a stable queue.
    #[test]
    fn erlang_c_falls_with_servers(offered in 0.0..2_000.0f64, more in 1u64..50) {
        let first = offered.floor() as u64 + 1;
        let c = erlang_c(first, offered).unwrap();
        let fewer_waits = erlang_c(first + more, offered).unwrap();
        prop_assert!(fewer_waits <= c);
    }

    /// Fitting valid measurements never panics or yields coefficients out of range.
    #[test]
    fn usl_fit_stays_in_range(
        single in 1e-3..1e6f64,
        others in proptest::collection::vec((1.0..1e4f64, 1e-3..1e7f64), 2..12),
    ) {
        let mut points = vec![UslPoint { n: 1.0, throughput_per_s: single }];
        points.extend(others.into_iter().map(|(n, throughput_per_s)| UslPoint { n, throughput_per_s }));
        if let Ok(fitted) = fit(&points) {
            let m = fitted.model;
            prop_assert!((0.0..=1.0).contains(&m.contention_alpha()));
            prop_assert!(m.coherency_beta().is_finite() && m.coherency_beta() >= 0.0);
            prop_assert!(fitted.unconstrained_alpha.is_finite());
            prop_assert!(fitted.unconstrained_beta.is_finite());
            prop_assert!(fitted.r_squared.is_none_or(f64::is_finite));
            let advice = m.scaling_advice(&ScalingOptions::new(points[1].n)).unwrap();
            prop_assert!(advice.marginal_gain_fraction.is_finite());
        }
    }

    /// Recovering known coefficients from exact model points.
    #[test]
    fn usl_fit_recovers_generated_points(alpha in 0.0..0.5f64, beta in 0.0..0.01f64) {
        let truth = UslModel::new(alpha, beta, 100.0).unwrap();
        let points: Vec<UslPoint> = [1.0, 2.0, 4.0, 8.0, 16.0, 32.0]
            .iter()
            .map(|&n| UslPoint { n, throughput_per_s: truth.throughput_per_s(n).unwrap() })
            .collect();
        let m = fit(&points).unwrap().model;
        prop_assert!(within(m.contention_alpha(), alpha, EXACT), "α {} vs {alpha}", m.contention_alpha());
        prop_assert!(within(m.coherency_beta(), beta, EXACT), "β {} vs {beta}", m.coherency_beta());
    }
}
