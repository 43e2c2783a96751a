//! Invariants of the growth models that must hold for every input, including the nonsense a
//! half-edited plan can hold (NaN, ∞, negative counts, huge rates).

use chrono::NaiveDate;
use headroom_core::growth::{calendar_multipliers, project, Forecast, Projection, MAX_UNITS};
use headroom_core::plan::{
    CalendarEffect, Growth, Interpolation, Milestone, Observation, TrendShape, YearMonth,
};
use proptest::prelude::*;

/// Any f64, with NaN, the infinities, zero and huge values made frequent.
fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => proptest::num::f64::ANY,
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        1 => Just(0.0),
        1 => Just(f64::MAX),
        1 => Just(-f64::MAX),
        3 => -1e6..1e6f64,
    ]
}

fn any_start() -> impl Strategy<Value = YearMonth> {
    (1800..2300i32, 0..20u32).prop_map(|(year, month)| YearMonth { year, month })
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (1950..2150i32, 1..=366u32).prop_map(|(year, ordinal)| {
        NaiveDate::from_yo_opt(year, ordinal)
            .or_else(|| NaiveDate::from_yo_opt(year, 365))
            .expect("day 365 exists every year")
    })
}

fn any_growth() -> impl Strategy<Value = Growth> {
    let compound = (any_f64(), any_f64()).prop_map(|(g, c)| Growth::Compound {
        monthly_growth_pct: g,
        monthly_churn_pct: c,
    });
    let milestones = (
        prop::collection::vec((0..40u32, any_f64()), 0..8),
        prop::bool::ANY,
    )
        .prop_map(|(points, linear)| Growth::Milestones {
            points: points
                .into_iter()
                .map(|(month, units)| Milestone { month, units })
                .collect(),
            between: if linear {
                Interpolation::Linear
            } else {
                Interpolation::Step
            },
        });
    let trend = (any_history(), prop::bool::ANY, any_f64()).prop_map(|(history, exp, conf)| {
        Growth::Trend {
            history,
            shape: if exp {
                TrendShape::Exponential
            } else {
                TrendShape::Linear
            },
            confidence_pct: conf,
        }
    });
    prop_oneof![compound, milestones, trend]
}

fn any_history() -> impl Strategy<Value = Vec<Observation>> {
    prop::collection::vec(
        (any_date(), prop_oneof![3 => 0.0..1e7f64, 1 => any_f64()]),
        0..10,
    )
    .prop_map(|points| {
        points
            .into_iter()
            .map(|(date, units)| Observation { date, units })
            .collect()
    })
}

/// Histories a trend can always be fitted to: at least 3 positive counts on distinct dates.
fn fittable_history() -> impl Strategy<Value = Vec<Observation>> {
    (
        any_date(),
        prop::collection::vec((1..400i64, 1e-3..1e9f64), 3..12),
    )
        .prop_map(|(first, steps)| {
            let mut date = first;
            steps
                .into_iter()
                .map(|(gap, units)| {
                    date += chrono::Duration::days(gap);
                    Observation { date, units }
                })
                .collect()
        })
}

fn in_range(f: &Forecast) -> bool {
    [f.mean, f.lower, f.upper]
        .iter()
        .all(|v| v.is_finite() && (0.0..=MAX_UNITS).contains(v))
}

fn check(p: &Projection, horizon: u32) -> Result<(), TestCaseError> {
    prop_assert_eq!(p.months.len(), horizon as usize);
    for f in &p.months {
        prop_assert!(in_range(f), "{:?}", f);
        prop_assert!(f.lower <= f.mean && f.mean <= f.upper, "{:?}", f);
    }
    Ok(())
}

fn any_effect() -> impl Strategy<Value = CalendarEffect> {
    (
        (1..=12u32, 1..=31u32),
        (1..=12u32, 1..=31u32),
        any_f64(),
        prop::option::of(2020..2035i32),
    )
        .prop_map(|(from, to, multiplier, year)| CalendarEffect {
            year,
            ..CalendarEffect::every_year("effect", from, to, multiplier)
        })
}

proptest! {
    /// Whatever the inputs, every month is a finite count within [0, MAX_UNITS].
    #[test]
    fn projections_stay_in_range(
        baseline in any_f64(),
        growth in any_growth(),
        start in any_start(),
        horizon in 0..60u32,
    ) {
        check(&project(baseline, &growth, start, horizon), horizon)?;
    }

    /// More growth (or less churn) never means fewer units, in any month.
    #[test]
    fn higher_growth_never_yields_fewer_units(
        baseline in any_f64(),
        growth in any_f64(),
        extra in prop_oneof![0.0..1e3f64, Just(f64::INFINITY), Just(f64::MAX)],
        churn in any_f64(),
        horizon in 1..60u32,
    ) {
        prop_assume!(!growth.is_nan());
        let start = YearMonth { year: 2027, month: 1 };
        let more = growth + extra;
        let slow = project(baseline, &Growth::Compound { monthly_growth_pct: growth, monthly_churn_pct: churn }, start, horizon);
        let fast = project(baseline, &Growth::Compound { monthly_growth_pct: more, monthly_churn_pct: churn }, start, horizon);
        for (s, f) in slow.months.iter().zip(&fast.months) {
            prop_assert!(f.mean >= s.mean, "{} < {}", f.mean, s.mean);
        }
    }

    /// A fitted trend's interval always holds its point forecast.
    #[test]
    fn trend_bounds_are_ordered(
        history in fittable_history(),
        exponential in prop::bool::ANY,
        confidence in prop_oneof![0.0..100.0f64, any_f64()],
        start in any_start(),
        horizon in 1..36u32,
    ) {
        let growth = Growth::Trend {
            history,
            shape: if exponential { TrendShape::Exponential } else { TrendShape::Linear },
            confidence_pct: confidence,
        };
        let p = project(0.0, &growth, start, horizon);
        prop_assert!(p.trend_error.is_none(), "{:?}", p.trend_error);
        prop_assert!(p.trend.is_some());
        check(&p, horizon)?;
    }

    /// Calendar multipliers are finite, and with non-negative multipliers the busiest day is at
    /// least the month's average.
    #[test]
    fn calendar_multipliers_are_finite_and_peak_at_least_average(
        effects in prop::collection::vec(any_effect(), 0..6),
        start in any_start(),
    ) {
        let m = calendar_multipliers(&effects, start);
        prop_assert!(m.peak.is_finite() && m.average.is_finite());
        prop_assert!(m.peak >= 0.0 && m.average >= 0.0);
        if effects.iter().all(|e| e.multiplier >= 0.0) {
            prop_assert!(m.peak >= m.average, "{} < {}", m.peak, m.average);
        }
    }
}
