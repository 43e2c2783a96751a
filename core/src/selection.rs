//! The scenario and the month a person has picked, held to what the plan or the results on
//! show have.
//!
//! A scenario is a 0-based index into the plan's list; a month is a 1-based plan month (month 1
//! starts on the plan's start date, as every table and chart numbers it). The picked values are
//! kept as they were picked — deleting a scenario or shortening the horizon must not lose the
//! pick when it is undone — and every view reads them through these functions, so the
//! selection, the tables, the charts and the printout agree on what is shown.

/// The scenario shown: `index`, or the last of `scenarios` when `index` is past it (0 when
/// there are none).
use crate::units::PlanMonth;

pub fn scenario_within(index: usize, scenarios: usize) -> usize {
    index.min(scenarios.saturating_sub(1))
}

/// The month shown: `month` held to `1..=horizon_months` (month 1 when the horizon is 0).
pub fn month_within(month: u32, horizon_months: u32) -> u32 {
    month.clamp(1, horizon_months.max(1))
}

/// The month `delta` months from `month`, held to `1..=horizon_months`.
pub fn month_step(month: u32, delta: i64, horizon_months: u32) -> u32 {
    let horizon = i64::from(horizon_months.max(1));
    // Both bounds fit a u32: 1 ≤ result ≤ horizon.
    (i64::from(month) + delta).clamp(1, horizon) as u32
}

/// The entry for plan month `month` in `months`, a list with month 1 first (results, forecasts,
/// table rows): `None` for month 0 or a month past the list's end. Every lookup of a picked
/// month in such a list goes through this ([`PlanMonth`] numbers the list), so none subtracts
/// 1 by hand.
///
/// # Example
/// ```
/// use headroom_core::selection::month_of;
/// let units = [10.0, 11.0, 12.1];
/// assert_eq!(month_of(&units, 1), Some(&10.0));
/// assert_eq!(month_of(&units, 3), Some(&12.1));
/// assert_eq!(month_of(&units, 0), None);
/// assert_eq!(month_of(&units, 4), None);
/// ```
pub fn month_of<T>(months: &[T], month: u32) -> Option<&T> {
    months.get(PlanMonth::new(month)?.index())
}

/// The month a newly opened plan shows: a year out, or its last month when the horizon is
/// shorter.
pub fn first_month_shown(horizon_months: u32) -> u32 {
    month_within(12, horizon_months)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scenarios_hold_to_the_list() {
        assert_eq!(scenario_within(0, 3), 0);
        assert_eq!(scenario_within(2, 3), 2);
        assert_eq!(scenario_within(7, 3), 2);
        assert_eq!(scenario_within(4, 0), 0);
    }

    #[test]
    fn months_hold_to_the_horizon() {
        assert_eq!(month_within(0, 24), 1);
        assert_eq!(month_within(13, 24), 13);
        assert_eq!(month_within(30, 24), 24);
        assert_eq!(month_within(5, 0), 1);
        assert_eq!(month_step(1, -1, 24), 1);
        assert_eq!(month_step(23, 5, 24), 24);
        assert_eq!(month_step(12, -3, 24), 9);
        assert_eq!(month_step(u32::MAX, 1, u32::MAX), u32::MAX);
        assert_eq!(first_month_shown(36), 12);
        assert_eq!(first_month_shown(6), 6);
        assert_eq!(first_month_shown(0), 1);
    }
}
