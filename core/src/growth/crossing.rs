//! Crossings: the first plan month a forecast exceeds a limit, and the days until growing usage
//! reaches one.

/// The first plan month (1-based: index 0 is month 1) whose value exceeds `limit`.
///
/// `min { m : values[m − 1] > limit }`, or `None` when no month does (or `limit` is NaN).
///
/// # Example
/// ```
/// use headroom_core::growth::first_month_above;
/// assert_eq!(first_month_above(&[117.0, 136.9, 160.2, 187.4], 150.0), Some(3));
/// assert_eq!(first_month_above(&[117.0, 136.9], 150.0), None);
/// ```
pub fn first_month_above(values: &[f64], limit: f64) -> Option<u32> {
    let index = values.iter().position(|v| *v > limit)?;
    Some(crate::units::PlanMonth::of_index(index).number())
}

/// Days until `current` usage growing by `growth_per_day` reaches `limit`.
///
/// `(limit − current) ÷ growth per day`; `Some(0)` when usage is already at or past the limit,
/// `None` when it is not growing (or the inputs make no finite number). From the Selextract
/// guide's predictive alert, `days_to_exhaustion = (capacity_limit − current_usage) ÷
/// (growth_rate ÷ 7)` with a weekly growth rate; pass `weekly ÷ 7` here.
///
/// # Example
/// ```
/// use headroom_core::growth::days_to_exhaustion;
/// // 700 of 1 000 used, growing 70 a week: 300 ÷ 10 = 30 days.
/// assert_eq!(days_to_exhaustion(700.0, 1_000.0, 70.0 / 7.0), Some(30.0));
/// assert_eq!(days_to_exhaustion(1_200.0, 1_000.0, 10.0), Some(0.0));
/// assert_eq!(days_to_exhaustion(700.0, 1_000.0, 0.0), None);
/// ```
pub fn days_to_exhaustion(current: f64, limit: f64, growth_per_day: f64) -> Option<f64> {
    if current.is_nan() || limit.is_nan() {
        return None;
    }
    if current >= limit {
        return Some(0.0);
    }
    if growth_per_day.is_nan() || growth_per_day <= 0.0 {
        return None;
    }
    let days = (limit - current) / growth_per_day;
    (days.is_finite() && days >= 0.0).then_some(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::project;
    use super::super::testing::{means, moderate, START};

    #[test]
    fn crossings() {
        let users = means(&project(100.0, &moderate(), START, 12));
        assert_eq!(first_month_above(&users, 400.0), Some(9)); // 410.8 in month 9
        assert_eq!(first_month_above(&users, 658.01), None);
        assert_eq!(first_month_above(&[], 0.0), None);
        assert_eq!(first_month_above(&users, f64::NAN), None);

        assert_eq!(days_to_exhaustion(700.0, 1_000.0, 10.0), Some(30.0));
        assert_eq!(days_to_exhaustion(1_000.0, 1_000.0, 10.0), Some(0.0));
        assert_eq!(days_to_exhaustion(700.0, 1_000.0, -1.0), None);
        assert_eq!(days_to_exhaustion(700.0, 1_000.0, f64::NAN), None);
        assert_eq!(days_to_exhaustion(f64::NAN, 1_000.0, 1.0), None);
        assert_eq!(days_to_exhaustion(700.0, f64::INFINITY, 1.0), None);
    }
}
