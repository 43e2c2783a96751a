//! Explanations of a month's units: which model gave the figure and its working, with the
//! numbers written as the results show them.

use super::compound::explain_compound;
use super::milestones::{explain_milestone, milestone_value, sorted_milestones};
use super::trend::{explain_trend, fit_trend};
use super::{clamp_units, Forecast};
use crate::explain::Explanation;
use crate::format;
use crate::plan::{Growth, YearMonth};

/// Explains plan month `month`'s units `forecast` (as [`project`] computed it from the same
/// `baseline_units`, `growth` and `start`), in `unit_name` ("users", "cafés").
///
/// - Compound: `160 users = 100 × (1 + 25 % − 8 %)³`.
/// - Milestones: `15 cafés — milestone at month 6`, or how the value was held or interpolated.
/// - Trend: `21 657 requests = 9 700 + 385.71 × 31 days (95 % interval 18 788–24 527)`.
///
/// # Example
/// ```
/// use headroom_core::growth::{explain_month, project};
/// use headroom_core::plan::{Growth, YearMonth};
/// let growth = Growth::Compound { monthly_growth_pct: 25.0, monthly_churn_pct: 8.0 };
/// let start = YearMonth { year: 2027, month: 1 };
/// let p = project(100.0, &growth, start, 3);
/// let e = explain_month(100.0, &growth, start, 3, &p.months[2], "users");
/// assert_eq!(e.sentence(), "160 users = 100 × (1 + 25 % − 8 %)³ — compound growth over 3 months");
/// ```
///
/// [`project`]: super::project
pub fn explain_month(
    baseline_units: f64,
    growth: &Growth,
    start: YearMonth,
    month: u32,
    forecast: &Forecast,
    unit_name: &str,
) -> Explanation {
    let mut ignored = false;
    let baseline = clamp_units(baseline_units, &mut ignored);
    let figure = format::with_unit(round_units(forecast.mean), unit_name);
    let explanation = Explanation::new(figure)
        .input("units today", format::with_unit(baseline, unit_name))
        .input("month", month.to_string());
    match growth {
        Growth::Compound {
            monthly_growth_pct,
            monthly_churn_pct,
        } => explain_compound(
            explanation,
            baseline,
            *monthly_growth_pct,
            *monthly_churn_pct,
            month,
        ),
        Growth::Milestones { points, between } => {
            let sorted = sorted_milestones(points, &mut ignored);
            let (_, case) = milestone_value(&sorted, *between, baseline, month);
            explain_milestone(explanation, case, month)
        }
        Growth::Trend {
            history,
            shape,
            confidence_pct,
        } => match fit_trend(history, *shape) {
            Ok(fit) => explain_trend(explanation, &fit, start, month, forecast, *confidence_pct),
            Err(error) => explanation.binding(format!("units today, held: {error}")),
        },
    }
}

/// Whole units from 100 up (nobody plans for 160.16 users), two decimals below.
fn round_units(units: f64) -> f64 {
    if units.abs() >= 100.0 {
        units.round()
    } else {
        units
    }
}

pub(super) fn units_text(units: f64) -> String {
    format::number(round_units(units))
}

pub(super) fn percent_text(pct: f64) -> String {
    format::percent(pct / 100.0)
}

/// "+ 25 %" or "− 8 %".
pub(super) fn signed_percent(pct: f64) -> String {
    if pct < 0.0 {
        format!("− {}", percent_text(-pct))
    } else {
        format!("+ {}", percent_text(pct))
    }
}

/// `12` → `"¹²"`.
pub(super) fn superscript(n: u32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .chars()
        .map(|c| {
            c.to_digit(10)
                .and_then(|d| DIGITS.get(d as usize))
                .copied()
                .unwrap_or(c)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn superscript_digits() {
        assert_eq!(superscript(1234567890), "¹²³⁴⁵⁶⁷⁸⁹⁰");
    }
}
