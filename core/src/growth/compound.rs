//! Compound growth with churn: organic growth extrapolated month on month,
//! Uₘ = U₀ · max(0, 1 + g − churn)ᵐ, as in the Supabase capacity guide's `projectCapacity` (see
//! the [growth module's documentation](super)).

use super::explain::{percent_text, signed_percent, superscript, units_text};
use crate::explain::Explanation;

/// `max(0, 1 + g − churn)` from percentages; NaN when the inputs make no number (∞ − ∞).
pub(super) fn compound_factor(growth_pct: f64, churn_pct: f64) -> f64 {
    let factor = 1.0 + growth_pct / 100.0 - churn_pct / 100.0;
    if factor.is_nan() {
        f64::NAN
    } else {
        factor.max(0.0)
    }
}

/// `U₀ · factorᵐ` for `U₀ ∈ [0, MAX_UNITS]` and `factor ≥ 0` (or NaN); 0 units stay 0.
pub(super) fn compound_units(baseline: f64, factor: f64, month: u32) -> f64 {
    if baseline == 0.0 || month == 0 {
        return baseline;
    }
    // `month` ≤ MAX_HORIZON_MONTHS in projections; larger values saturate the exponent.
    let exponent = i32::try_from(month).unwrap_or(i32::MAX);
    baseline * factor.powi(exponent)
}

/// Explains month `month` of compound growth from `baseline` units:
/// `160 users = 100 × (1 + 25 % − 8 %)³`.
pub(super) fn explain_compound(
    explanation: Explanation,
    baseline: f64,
    monthly_growth_pct: f64,
    monthly_churn_pct: f64,
    month: u32,
) -> Explanation {
    let mut terms = format!("1 {}", signed_percent(monthly_growth_pct));
    if monthly_churn_pct != 0.0 {
        terms.push(' ');
        terms.push_str(&signed_percent(-monthly_churn_pct));
    }
    explanation
        .formula(format!(
            "{} × ({terms}){}",
            units_text(baseline),
            superscript(month)
        ))
        .input("monthly growth", percent_text(monthly_growth_pct))
        .input("monthly churn", percent_text(monthly_churn_pct))
        .binding(format!(
            "compound growth over {month} month{}",
            if month == 1 { "" } else { "s" }
        ))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{close, means, moderate, START};
    use super::super::{explain_month, project, MAX_UNITS};
    use crate::plan::Growth;
    use crate::tolerance::{CENT, EXACT};

    #[test]
    fn compound_matches_the_supabase_guide_moderate_scenario() {
        let p = project(100.0, &moderate(), START, 12);
        let m = means(&p);
        assert_eq!(m.len(), 12);
        // 100 × 1.17ᵐ
        close(m[0], 117.0, EXACT);
        close(m[1], 136.89, EXACT);
        close(m[2], 160.1613, EXACT);
        close(m[3], 187.388_721, EXACT); // the guide prints 188
        close(m[5], 256.52, CENT);
        close(m[8], 410.84, CENT); // the guide prints 413
        close(m[11], 658.01, CENT); // the guide prints 664
        assert!(p
            .months
            .iter()
            .all(|f| f.lower == f.mean && f.upper == f.mean));
        assert!(!p.saturated && p.trend.is_none() && p.trend_error.is_none());
    }

    #[test]
    fn compound_below_minus_100_percent_leaves_nothing() {
        let collapse = Growth::Compound {
            monthly_growth_pct: -150.0,
            monthly_churn_pct: 0.0,
        };
        assert!(means(&project(100.0, &collapse, START, 3))
            .iter()
            .all(|u| *u == 0.0));
        let churn_only = Growth::Compound {
            monthly_growth_pct: 0.0,
            monthly_churn_pct: 50.0,
        };
        close(
            project(100.0, &churn_only, START, 2).months[1].mean,
            25.0,
            EXACT,
        );
    }

    #[test]
    fn compound_saturates_instead_of_overflowing() {
        let wild = Growth::Compound {
            monthly_growth_pct: 1e6,
            monthly_churn_pct: 0.0,
        };
        let p = project(1e6, &wild, START, 24);
        assert!(p.saturated);
        assert_eq!(p.months[23].mean, MAX_UNITS);
        let nan = project(f64::NAN, &moderate(), START, 2);
        assert!(nan.saturated);
        assert_eq!(means(&nan), [0.0, 0.0]);
    }

    #[test]
    fn explains_compound_months() {
        let p = project(100.0, &moderate(), START, 12);
        let e = explain_month(100.0, &moderate(), START, 3, &p.months[2], "users");
        assert_eq!(
            e.sentence(),
            "160 users = 100 × (1 + 25 % − 8 %)³ — compound growth over 3 months"
        );
        let e = explain_month(100.0, &moderate(), START, 12, &p.months[11], "users");
        assert_eq!(e.formula, "100 × (1 + 25 % − 8 %)¹²");
        assert!(e
            .inputs
            .contains(&("monthly churn".to_owned(), "8 %".to_owned())));
        let shrinking = Growth::Compound {
            monthly_growth_pct: -5.0,
            monthly_churn_pct: 0.0,
        };
        let f = project(100.0, &shrinking, START, 1).months[0];
        assert_eq!(
            explain_month(100.0, &shrinking, START, 1, &f, "users").sentence(),
            "95 users = 100 × (1 − 5 %)¹ — compound growth over 1 month"
        );
    }
}
