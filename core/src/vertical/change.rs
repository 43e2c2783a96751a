//! When to change size: the first month the type in use passes the maximum or a larger size
//! saves enough, and the type in use month by month.

use super::advice::saving_matters;
use super::sizes::{cheapest_of, compare_sizes, SizeOption};
use super::{rps, target_fraction, SizingPolicy};
use crate::explain::Explanation;
use crate::format;
use crate::plan::InstanceType;
use crate::tiers::{demand_amount, supply_amount};
use crate::units::PlanMonth;
use serde::Serialize;

/// Why the type in use should give way to a larger size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum SizeChangeReason {
    /// Its count passes the policy's maximum.
    PastMaximum,
    /// A larger size within the maximum serves the month's peak for less.
    LargerIsCheaper,
}

/// When the type in use should give way to a larger size, month by month ([`size_change`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SizeChange {
    /// Catalog index of the type in use.
    pub current: usize,
    /// First month a larger size is due; `None` when scaling out serves every month.
    pub month: Option<PlanMonth>,
    /// Why that month.
    pub reason: Option<SizeChangeReason>,
    /// The cheapest larger type within the maximum that month; `None` when none fits (or no
    /// move is due).
    pub move_to: Option<usize>,
    /// Instances of `move_to` that month.
    pub instances_after: Option<u64>,
    /// The advice in words.
    pub explanation: Explanation,
}

/// The type in use, month by month, and when it should give way to a larger size.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SizeTimeline {
    /// The current type sized for each month's peak (index 0 is month 1); empty when `current`
    /// is not in the catalog.
    pub months: Vec<SizeOption>,
    /// First month the current type needs more than the maximum.
    pub move_up_month: Option<PlanMonth>,
    /// The cheapest larger type within the maximum in that month, if any.
    pub move_to: Option<usize>,
    /// The advice in words.
    pub explanation: Explanation,
}

/// When the type in use (`current`, a catalog index) should give way to a larger size, given
/// each month's peak (`peak_rps_per_month`, month 1 first): the first month its count passes
/// the maximum, or a larger size within the maximum serves the peak for less. The size to move
/// to is the cheapest larger type within the maximum that month.
///
/// Only counts and prices are computed month by month; the comparison is built once, for the
/// month of the move, so this is cheap enough to run for every scenario.
///
/// # Example
/// ```
/// use headroom_core::{catalog, plan::Policies, vertical::{size_change, SizeChangeReason, SizingPolicy}};
/// let policy = SizingPolicy::from(&Policies::default()); // at most 10 instances at 70 %
/// // m7g.large serves 35 req/s at 70 %: 100 req/s takes 3, 400 req/s would take 12.
/// let c = size_change(&catalog::default_instances(), &[100.0, 400.0], 2, &policy);
/// assert_eq!(c.month.map(u32::from), Some(2));
/// assert_eq!(c.reason, Some(SizeChangeReason::PastMaximum));
/// assert_eq!(c.move_to, Some(3)); // 5 × m7g.xlarge
/// ```
pub fn size_change(
    instances: &[InstanceType],
    peak_rps_per_month: &[f64],
    current: usize,
    policy: &SizingPolicy,
) -> SizeChange {
    let Some(type_now) = instances.get(current) else {
        return SizeChange {
            current,
            month: None,
            reason: None,
            move_to: None,
            instances_after: None,
            explanation: Explanation::new("no advice")
                .binding("the instance type in use is not in the catalog"),
        };
    };
    let price = |i: usize| supply_amount(instances[i].usd_per_month);
    // A lower bound of a larger type's monthly cost at a peak: price × max(minimum, peak ÷
    // usable capacity + spares), without rounding up. Months where no larger type can beat the
    // current fleet even at its bound skip the exact sizing.
    let target = target_fraction(policy);
    let bounds: Vec<(f64, f64, f64)> = (current + 1..instances.len())
        .map(|i| {
            let usable = supply_amount(instances[i].capacity_rps) * target;
            let per_rps = if usable > 0.0 {
                price(i) / usable
            } else {
                f64::INFINITY
            };
            (
                price(i) * f64::from(policy.min_instances),
                per_rps,
                price(i) * f64::from(policy.redundancy),
            )
        })
        .collect();
    for (index, &peak) in peak_rps_per_month.iter().enumerate() {
        let now = crate::sizing::size_app(peak, type_now, policy);
        let now_cost = now.instances as f64 * price(current);
        let peak_amount = demand_amount(peak);
        let may_beat = bounds.iter().any(|&(floor, per_rps, spares)| {
            let bound = floor.max(per_rps * peak_amount + spares);
            bound.is_nan() || bound < now_cost
        });
        if !now.over_max && !may_beat {
            continue;
        }
        let larger = instances
            .iter()
            .enumerate()
            .skip(current + 1)
            .map(|(i, t)| (i, crate::sizing::size_app(peak, t, policy)))
            .filter(|(_, a)| !a.over_max)
            .map(|(i, a)| (i, a.instances, a.instances as f64 * price(i)))
            .min_by(|a, b| a.2.total_cmp(&b.2).then(a.1.cmp(&b.1)).then(a.0.cmp(&b.0)));
        let reason = if now.over_max {
            Some(SizeChangeReason::PastMaximum)
        } else if larger.is_some_and(|l| saving_matters(now_cost, l.2)) {
            Some(SizeChangeReason::LargerIsCheaper)
        } else {
            None
        };
        let Some(reason) = reason else { continue };
        let month = PlanMonth::of_index(index);
        let peak_text = rps(demand_amount(peak));
        let money = |x| format::money(x, policy.currency);
        let now_text = format!(
            "{} × {} = {}/month",
            now.instances,
            type_now.name,
            money(now_cost)
        );
        let explanation = match (reason, larger) {
            (SizeChangeReason::PastMaximum, Some((to, n, cost))) => Explanation::new(format!(
                "move up to {} in month {month}",
                instances[to].name
            ))
            .formula(format!(
                "month {month}: {now_text} for {peak_text} passes the maximum of {} instances; \
                 {n} × {} = {}/month stays within it",
                policy.max_instances,
                instances[to].name,
                money(cost)
            ))
            .binding("the maximum instance count"),
            (SizeChangeReason::PastMaximum, None) => {
                Explanation::new(format!("no size fits from month {month}"))
                    .formula(format!(
                        "month {month}: {now_text} for {peak_text} passes the maximum of {} \
                         instances, and so does every larger type",
                        policy.max_instances
                    ))
                    .binding("the maximum instance count: re-architect or raise it")
            }
            (SizeChangeReason::LargerIsCheaper, Some((to, n, cost))) => Explanation::new(format!(
                "move up to {} in month {month}",
                instances[to].name
            ))
            .formula(format!(
                "month {month}: {n} × {} = {}/month serves {peak_text} for {} less than \
                 {now_text}",
                instances[to].name,
                money(cost),
                money(now_cost - cost)
            ))
            .binding("a larger size is cheaper than adding instances"),
            (SizeChangeReason::LargerIsCheaper, None) => continue,
        };
        return SizeChange {
            current,
            month: Some(month),
            reason: Some(reason),
            move_to: larger.map(|l| l.0),
            instances_after: larger.map(|l| l.1),
            explanation,
        };
    }
    SizeChange {
        current,
        month: None,
        reason: None,
        move_to: None,
        instances_after: None,
        explanation: Explanation::new(format!("scale out on {}", type_now.name)).binding(format!(
            "every month stays within {} instances and no larger size is cheaper",
            policy.max_instances
        )),
    }
}

/// The type in use (`current`, a catalog index) month by month for `peak_rps_per_month`, and
/// the month to move up a size: the first month its count exceeds `max_instances`.
///
/// The size to move to is the cheapest larger type within the maximum in that month.
///
/// # Example
/// ```
/// use headroom_core::{catalog, plan::Policies, vertical::{size_timeline, SizingPolicy}};
/// let policy = SizingPolicy::from(&Policies::default()); // at most 10 instances at 70 %
/// // m7g.large serves 35 req/s at 70 %: 350 req/s is exactly 10, 400 needs 12.
/// let t = size_timeline(&catalog::default_instances(), &[100.0, 350.0, 400.0], 2, &policy);
/// assert_eq!(t.move_up_month.map(u32::from), Some(3));
/// assert_eq!(t.move_to, Some(3)); // 5 × m7g.xlarge = $595.5
/// ```
pub fn size_timeline(
    instances: &[InstanceType],
    peak_rps_per_month: &[f64],
    current: usize,
    policy: &SizingPolicy,
) -> SizeTimeline {
    let Some(type_now) = instances.get(current) else {
        return SizeTimeline {
            months: Vec::new(),
            move_up_month: None,
            move_to: None,
            explanation: Explanation::new("no timeline")
                .binding("the instance type in use is not in the catalog"),
        };
    };
    let mut months = Vec::with_capacity(peak_rps_per_month.len());
    let mut move_up: Option<(PlanMonth, Option<usize>, f64)> = None;
    for (index, &peak) in peak_rps_per_month.iter().enumerate() {
        let comparison = compare_sizes(instances, peak, policy);
        let option = comparison.options[current].clone();
        if move_up.is_none() && option.exceeds_max {
            let month = PlanMonth::of_index(index);
            let to = cheapest_of(comparison.options.iter().skip(current + 1)).map(|o| o.instance);
            move_up = Some((month, to, comparison.peak_rps));
        }
        months.push(option);
    }
    let explanation = match move_up {
        Some((month, Some(to), peak)) => Explanation::new(format!(
            "move up to {} in month {month}",
            instances[to].name
        ))
        .formula(format!(
            "month {month}: {} needs more than {} instances for {}",
            type_now.name,
            policy.max_instances,
            rps(peak)
        ))
        .binding("the maximum instance count"),
        Some((month, None, peak)) => Explanation::new(format!("no size fits from month {month}"))
            .formula(format!(
                "month {month}: {} and every larger type need more than {} instances for {}",
                type_now.name,
                policy.max_instances,
                rps(peak)
            ))
            .binding("the maximum instance count: re-architect or raise it"),
        None => Explanation::new(format!("scale out on {}", type_now.name)).binding(format!(
            "stays within {} instances every month",
            policy.max_instances
        )),
    };
    SizeTimeline {
        months,
        move_up_month: move_up.map(|m| m.0),
        move_to: move_up.and_then(|m| m.1),
        explanation,
    }
}
