//! Tests of the Universal Scalability Law: the model, its advice, and the fit.

use super::*;

// Coefficients recovered from exact model points are EXACT (only rounding separates
// them); figures worked by hand are checked to HAND.
use crate::tolerance::{assert_close, within, EXACT, HAND, ITERATIVE, ONE_DECIMAL, SIX_DIGITS};

fn points_from(model: &UslModel, ns: &[f64]) -> Vec<UslPoint> {
    ns.iter()
        .map(|&n| UslPoint {
            n,
            throughput_per_s: model.throughput_per_s(n).unwrap(),
        })
        .collect()
}

fn point(n: f64, throughput_per_s: f64) -> UslPoint {
    UslPoint {
        n,
        throughput_per_s,
    }
}

#[test]
fn hand_checked_capacity_and_peak() {
    let model = UslModel::new(0.05, 0.001, 100.0).unwrap();
    // N* = √(0.95 / 0.001) = √950 = 30.822…
    let peak = model.peak().unwrap();
    assert_close("peak.concurrency", peak.concurrency, 30.822, HAND);
    // C(N*) = 30.822 / (1 + 0.05 × 29.822 + 0.001 × 30.822 × 29.822) = 30.822 / 3.4103
    //       = 9.038, so X(N*) = 903.8 /s.
    assert_close(
        "peak.throughput_per_s",
        peak.throughput_per_s,
        903.8,
        ONE_DECIMAL,
    );
    // C(2) = 2 / (1 + 0.05 + 0.002) = 1.9011.
    assert_close(
        "model.relative_capacity(2.0).unwrap()",
        model.relative_capacity(2.0).unwrap(),
        1.9011,
        HAND,
    );
    // C(1) = 1 always.
    assert_eq!(model.relative_capacity(1.0).unwrap(), 1.0);
    // Beyond the peak, throughput falls.
    assert!(model.throughput_per_s(60.0).unwrap() < peak.throughput_per_s);
}

#[test]
fn recovers_known_coefficients() {
    for (alpha, beta) in [
        (0.05, 0.001),
        (0.2, 0.0),
        (0.0, 0.01),
        (0.5, 0.02),
        (1.0, 0.0),
    ] {
        let truth = UslModel::new(alpha, beta, 250.0).unwrap();
        let points = points_from(&truth, &[1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0, 32.0]);
        let fitted = fit(&points).unwrap();
        assert!(
            within(fitted.model.contention_alpha(), alpha, EXACT),
            "α: {fitted:?}"
        );
        assert!(
            within(fitted.model.coherency_beta(), beta, EXACT),
            "β: {fitted:?}"
        );
        assert_eq!(fitted.model.single_throughput_per_s(), 250.0);
        assert!(
            fitted.r_squared.is_none_or(|r| within(r, 1.0, EXACT)),
            "{fitted:?}"
        );
    }
}

#[test]
fn recovers_coefficients_at_large_n() {
    let truth = UslModel::new(0.01, 1e-6, 10.0).unwrap();
    let points = points_from(&truth, &[1.0, 100.0, 1_000.0, 10_000.0, 100_000.0]);
    let fitted = fit(&points).unwrap().model;
    assert_close(
        "fitted.contention_alpha()",
        fitted.contention_alpha(),
        0.01,
        EXACT,
    );
    assert_close("β", fitted.coherency_beta(), 1e-6, SIX_DIGITS);
}

#[test]
fn linear_scaling_fits_zero_coefficients() {
    let points: Vec<UslPoint> = [1.0, 2.0, 4.0, 8.0]
        .iter()
        .map(|&n| point(n, 50.0 * n))
        .collect();
    let fitted = fit(&points).unwrap();
    assert_close("α", fitted.model.contention_alpha(), 0.0, EXACT);
    assert_close("β", fitted.model.coherency_beta(), 0.0, EXACT);
    assert_eq!(fitted.constraint, FitConstraint::None);
    assert!(fitted.model.peak().is_none());
    assert_close(
        "fitted.r_squared.unwrap()",
        fitted.r_squared.unwrap(),
        1.0,
        EXACT,
    );
}

#[test]
fn superlinear_measurements_are_clamped_and_reported() {
    // Throughput more than doubles per doubling: α and β would be negative.
    let points = [
        point(1.0, 100.0),
        point(2.0, 210.0),
        point(4.0, 450.0),
        point(8.0, 1_000.0),
    ];
    let fitted = fit(&points).unwrap();
    assert_eq!(fitted.constraint, FitConstraint::Clamped);
    assert!(fitted.unconstrained_alpha < 0.0 || fitted.unconstrained_beta < 0.0);
    assert_eq!(fitted.model.contention_alpha(), 0.0);
    assert_eq!(fitted.model.coherency_beta(), 0.0);
}

#[test]
fn negative_coherency_is_refitted_with_contention_alone() {
    // Amdahl-like data with a slight upward bend at the end: β < 0 unconstrained.
    let truth = UslModel::new(0.1, 0.0, 100.0).unwrap();
    let mut points = points_from(&truth, &[1.0, 2.0, 4.0, 8.0, 16.0]);
    points[4].throughput_per_s *= 1.05;
    let fitted = fit(&points).unwrap();
    assert!(fitted.unconstrained_beta < 0.0, "{fitted:?}");
    assert_eq!(fitted.constraint, FitConstraint::Clamped);
    assert_eq!(fitted.model.coherency_beta(), 0.0);
    let alpha = fitted.model.contention_alpha();
    assert!(alpha > 0.05 && alpha < 0.1, "{alpha}");
}

#[test]
fn falling_throughput_clamps_contention_at_one() {
    // Each unit added slows everything down: α > 1 unconstrained.
    let points = [point(1.0, 100.0), point(2.0, 40.0), point(3.0, 20.0)];
    let fitted = fit(&points).unwrap();
    assert_eq!(fitted.constraint, FitConstraint::Clamped);
    assert!(fitted.model.contention_alpha() <= 1.0);
    assert!(fitted.model.coherency_beta() >= 0.0);
    let peak = fitted.model.peak().unwrap();
    assert_eq!(peak.concurrency, 1.0);
}

#[test]
fn repeated_single_unit_measurements_are_averaged() {
    let points = [
        point(1.0, 90.0),
        point(1.0, 110.0),
        point(2.0, 200.0),
        point(4.0, 400.0),
    ];
    let fitted = fit(&points).unwrap().model;
    assert_eq!(fitted.single_throughput_per_s(), 100.0);
    assert_close("α", fitted.contention_alpha(), 0.0, EXACT);
}

#[test]
fn invalid_fits_are_rejected() {
    let good = [point(1.0, 100.0), point(2.0, 190.0), point(4.0, 350.0)];
    assert!(fit(&good).is_ok());
    assert_eq!(fit(&good[..2]), Err(UslError::TooFewPoints { distinct: 2 }));
    assert_eq!(
        fit(&[good[0], good[1], good[1], good[0]]),
        Err(UslError::TooFewPoints { distinct: 2 })
    );
    assert_eq!(fit(&[]), Err(UslError::TooFewPoints { distinct: 0 }));
    assert_eq!(
        fit(&[point(2.0, 1.0), point(3.0, 1.0), point(4.0, 1.0)]),
        Err(UslError::MissingSingleUnit)
    );
    for bad in [
        point(0.0, 1.0),
        point(-1.0, 1.0),
        point(0.5, 1.0),
        point(f64::NAN, 1.0),
        point(f64::INFINITY, 1.0),
        point(3.0, 0.0),
        point(3.0, -5.0),
        point(3.0, f64::NAN),
        point(3.0, f64::INFINITY),
    ] {
        let mut points = good.to_vec();
        points.push(bad);
        assert_eq!(fit(&points), Err(UslError::InvalidPoint { index: 3 }));
    }
}

#[test]
fn invalid_models_and_queries_are_rejected() {
    assert_eq!(UslModel::new(1.5, 0.0, 1.0), Err(UslError::ContentionAlpha));
    assert_eq!(
        UslModel::new(f64::NAN, 0.0, 1.0),
        Err(UslError::ContentionAlpha)
    );
    assert_eq!(UslModel::new(0.0, -1e-9, 1.0), Err(UslError::CoherencyBeta));
    assert_eq!(
        UslModel::new(0.0, f64::INFINITY, 1.0),
        Err(UslError::CoherencyBeta)
    );
    assert_eq!(UslModel::new(0.0, 0.0, 0.0), Err(UslError::Throughput));
    let model = UslModel::new(0.1, 0.01, 10.0).unwrap();
    assert_eq!(model.relative_capacity(0.5), Err(UslError::Concurrency));
    assert_eq!(model.throughput_per_s(f64::NAN), Err(UslError::Concurrency));
    assert_eq!(
        model.scaling_advice(&ScalingOptions {
            planned_n: 4.0,
            min_marginal_gain: -0.1
        }),
        Err(UslError::MarginalGain)
    );
}

#[test]
fn scaling_advice_by_hand() {
    let model = UslModel::new(0.05, 0.001, 100.0).unwrap();
    // N = 5: X(5) = 500 / 1.22 = 409.84, X(6) = 600 / 1.28 = 468.75, gain 58.9 /s = 0.589 X(1).
    let advice = model.scaling_advice(&ScalingOptions::new(5.0)).unwrap();
    assert_close(
        "advice.throughput_per_s",
        advice.throughput_per_s,
        409.836,
        HAND,
    );
    assert_close(
        "advice.next_throughput_per_s",
        advice.next_throughput_per_s,
        468.75,
        HAND,
    );
    assert_close(
        "advice.marginal_gain_fraction",
        advice.marginal_gain_fraction,
        0.58914,
        HAND,
    );
    assert_eq!(advice.verdict, ScalingVerdict::Helps);
    // N = 10: X(10) = 1000 / 1.54 = 649.35, X(11) = 1100 / 1.61 = 683.23: gain 0.339 X(1).
    let advice = model.scaling_advice(&ScalingOptions::new(10.0)).unwrap();
    assert_close(
        "advice.marginal_gain_fraction",
        advice.marginal_gain_fraction,
        0.33882,
        HAND,
    );
    assert_eq!(advice.verdict, ScalingVerdict::DiminishingReturns);
    // A lower threshold accepts it.
    let lenient = ScalingOptions {
        planned_n: 10.0,
        min_marginal_gain: 0.25,
    };
    assert_eq!(
        model.scaling_advice(&lenient).unwrap().verdict,
        ScalingVerdict::Helps
    );
    // N = 30 < N* = 30.8: X(31) − X(30) is still (barely) positive.
    let advice = model.scaling_advice(&ScalingOptions::new(30.0)).unwrap();
    assert!(advice.marginal_gain_per_s > 0.0);
    assert_eq!(advice.verdict, ScalingVerdict::DiminishingReturns);
    // N = 31 ≥ N*: past the peak.
    let advice = model.scaling_advice(&ScalingOptions::new(31.0)).unwrap();
    assert!(advice.marginal_gain_per_s < 0.0);
    assert_eq!(advice.verdict, ScalingVerdict::PastPeak);
}

#[test]
fn linear_scaling_always_helps() {
    let model = UslModel::new(0.0, 0.0, 100.0).unwrap();
    for n in [1.0, 10.0, 1e6] {
        let advice = model.scaling_advice(&ScalingOptions::new(n)).unwrap();
        assert_eq!(advice.verdict, ScalingVerdict::Helps);
        assert_close(
            "advice.marginal_gain_fraction",
            advice.marginal_gain_fraction,
            1.0,
            ITERATIVE,
        );
        assert!(advice.peak.is_none());
    }
}

#[test]
fn extreme_inputs_stay_finite() {
    let model = UslModel::new(0.0, f64::MAX, f64::MAX).unwrap();
    for n in [1.0, 2.0, 1e300, f64::MAX] {
        let c = model.relative_capacity(n).unwrap();
        assert!(c.is_finite(), "C({n}) = {c}");
        let x = model.throughput_per_s(n).unwrap();
        assert!(x.is_finite(), "X({n}) = {x}");
    }
    let tiny_beta = UslModel::new(0.0, f64::MIN_POSITIVE, 1.0).unwrap();
    let peak = tiny_beta.peak().unwrap();
    assert!(peak.concurrency.is_finite() && peak.throughput_per_s.is_finite());
    let advice = tiny_beta
        .scaling_advice(&ScalingOptions::new(f64::MAX))
        .unwrap();
    assert!(advice.marginal_gain_per_s.is_finite());
    assert!(advice.marginal_gain_fraction.is_finite());
}
