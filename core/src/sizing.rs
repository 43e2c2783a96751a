//! App-instance sizing: how many instances of one type keep peak load under the target
//! utilisation.
//!
//! Formula (utilisation law, a consequence of Little's law; see docs/models.md "Headroom
//! conventions"):
//!
//! ```text
//! usable_per_instance_rps = capacity_per_instance_rps × target_utilisation
//! needed_for_load         = ⌈peak_rps / usable_per_instance_rps⌉
//! instances               = max(min_instances, needed_for_load + redundancy)
//! utilisation_at_peak     = peak_rps / (instances × capacity_per_instance_rps)
//! ```
//!
//! [`size_app`] is the one place this rule lives: the engine's month-by-month sizing and the
//! vertical comparison of instance types both call it.

use crate::currency::Currency;
use crate::explain::Explanation;
use crate::format;
use crate::plan::{InstanceType, Plan, Policies};
use crate::units::Share;
use serde::Serialize;

/// Slack when rounding up, so that 140 / (50 × 0.7) = 4.000000000000001 from floating-point
/// error still means 4 instances: relative to the value (float error is relative), capped so it
/// never swallows a real fraction of an instance. Far below any meaningful load difference.
const CEIL_RELATIVE_SLACK: f64 = 1e-12;
const CEIL_MAX_SLACK: f64 = 1e-6;

/// Which constraint set the instance count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Binding {
    /// Peak load needs more than the minimum.
    Load,
    /// The minimum is at least what the load needs.
    Minimum,
}

/// ⌈x⌉ for a finite x ≥ 0, forgiving floating-point error just above a whole number.
/// Monotone: a larger x never gives a smaller result.
pub(crate) fn ceil_with_slack(x: f64) -> u64 {
    let floor = x.floor();
    let slack = (x * CEIL_RELATIVE_SLACK).min(CEIL_MAX_SLACK);
    let rounded = if x - floor <= slack {
        floor
    } else {
        floor + 1.0
    };
    // `as` saturates; inputs are bounded far below u64::MAX anyway.
    rounded.max(0.0) as u64
}

/// ⌈x⌉ as a count with slack-aware rounding (140 ÷ 35 = 4 exactly):
/// negatives count as 0; NaN, ∞ and anything above [`COUNT_CAP`] as the cap (unknown demand is
/// never assumed small). Monotone in x.
///
/// # Example
/// ```
/// use headroom_core::sizing::{ceil_count, COUNT_CAP};
/// assert_eq!(ceil_count(140.0 / (50.0 * 0.7)), 4);
/// assert_eq!(ceil_count(4.2), 5);
/// assert_eq!(ceil_count(-3.0), 0);
/// assert_eq!(ceil_count(f64::NAN), COUNT_CAP);
/// ```
pub fn ceil_count(x: f64) -> u64 {
    if x.is_nan() || x >= COUNT_CAP as f64 {
        return COUNT_CAP;
    }
    ceil_with_slack(x.max(0.0)).min(COUNT_CAP)
}

/// Largest count any model reports (10¹⁵): far beyond any fleet, far below `u64::MAX`.
pub const COUNT_CAP: u64 = 1_000_000_000_000_000;

/// The rules that size a fleet of identical instances (from [`Policies`]).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct SizingPolicy {
    /// Utilisation to plan at ([`target_utilisation`]).
    pub target_utilisation: Share,
    /// Spare instances beyond what load needs (N+k).
    pub redundancy: u32,
    /// Fewest instances.
    pub min_instances: u32,
    /// Most instances before the plan flags the size.
    pub max_instances: u32,
    /// The currency the explanations write prices in.
    pub currency: Currency,
}

/// A target utilisation of `pct` percent, within 1–100 % ([`DEFAULT_TARGET_UTILISATION_PCT`]
/// when not a number): an instance is planned to carry its capacity × the target. The one rule
/// for every fleet sized from a plan's target (its app instances, every size compared).
///
/// # Example
/// ```
/// use headroom_core::sizing::target_utilisation;
/// assert_eq!(target_utilisation(70.0).get(), 0.7);
/// assert_eq!(target_utilisation(0.0).get(), 0.01);
/// assert_eq!(target_utilisation(f64::NAN).get(), 0.7);
/// ```
pub fn target_utilisation(pct: f64) -> Share {
    Share::of_pct_at_least(
        pct,
        MIN_TARGET_UTILISATION_PCT,
        DEFAULT_TARGET_UTILISATION_PCT,
    )
}

/// The target utilisation used when a plan's is not a number, percent.
pub const DEFAULT_TARGET_UTILISATION_PCT: f64 = 70.0;

/// The lowest target utilisation, percent: an instance always carries some load.
const MIN_TARGET_UTILISATION_PCT: f64 = 1.0;

/// A plan's policies, its prices in US dollars.
impl From<&Policies> for SizingPolicy {
    fn from(p: &Policies) -> Self {
        Self {
            target_utilisation: target_utilisation(p.target_utilisation_pct),
            redundancy: p.redundancy,
            min_instances: p.min_instances,
            max_instances: p.max_instances,
            currency: crate::currency::USD,
        }
    }
}

/// A plan's policies, its prices in its currency.
impl From<&Plan> for SizingPolicy {
    fn from(plan: &Plan) -> Self {
        Self {
            currency: plan.currency(),
            ..Self::from(&plan.policies)
        }
    }
}

/// App instances of one type for one month's peak, with the figures that explain it.
///
/// The explanation is built on demand by [`AppSizing::explain`]: the engine sizes every month
/// of every scenario, and only a figure someone hovers needs its working in words.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AppSizing {
    /// Instances to run.
    pub instances: u64,
    /// Instances peak load alone needs at the target utilisation (before spares).
    pub needed_for_load: u64,
    /// Share of the fleet's capacity in use at peak, as a fraction (0 when nothing runs).
    pub utilisation_at_peak: f64,
    /// Whether `instances` is above the policy's maximum.
    pub over_max: bool,
    /// Which constraint set `instances`.
    pub binding: Binding,
    /// The peak sized for, req/s, as given.
    pub peak_rps: f64,
    /// Capacity of one instance, req/s (after the safety rules).
    pub capacity_rps: f64,
    /// Target utilisation used, as a fraction (after the safety rules).
    pub target_utilisation: f64,
    /// The policy sized with.
    pub policy: SizingPolicy,
}

impl AppSizing {
    /// "6 × app.large = max(2 minimum, ⌈412 req/s ÷ (100 req/s × 70 %)⌉) — the CPU target
    /// binds", for an instance type called `instance_name`.
    ///
    /// # Example
    /// ```
    /// use headroom_core::{catalog, sizing::{size_app, target_utilisation, SizingPolicy}};
    /// let m7g = &catalog::default_instances()[2]; // m7g.large, 50 req/s
    /// let policy = SizingPolicy { target_utilisation: target_utilisation(70.0), redundancy: 0, min_instances: 2, max_instances: 10, currency: headroom_core::currency::USD };
    /// let e = size_app(140.0, m7g, &policy).explain(&m7g.name);
    /// assert_eq!(e.sentence(), "4 × m7g.large = max(2 minimum, ⌈140 req/s ÷ (50 req/s × 70 %)⌉) — the CPU target binds");
    /// ```
    pub fn explain(&self, instance_name: &str) -> Explanation {
        let policy = &self.policy;
        let rps = |v: f64| format::with_unit(v, "req/s");
        let spares = if policy.redundancy > 0 {
            format!(" + {} spare", policy.redundancy)
        } else {
            String::new()
        };
        Explanation::new(format!("{} × {instance_name}", self.instances))
            .formula(format!(
                "max({} minimum, ⌈{} ÷ ({} × {})⌉{spares})",
                policy.min_instances,
                rps(self.peak_rps),
                rps(self.capacity_rps),
                format::percent(self.target_utilisation),
            ))
            .input("peak", rps(self.peak_rps))
            .input("capacity per instance", rps(self.capacity_rps))
            .input(
                "target utilisation",
                format::percent(self.target_utilisation),
            )
            .input(
                "utilisation at peak",
                format::percent(self.utilisation_at_peak),
            )
            .binding(match (self.binding, self.over_max) {
                (_, true) => format!(
                    "above the maximum of {}: move up a size",
                    policy.max_instances
                ),
                (Binding::Load, false) => "the CPU target binds".to_owned(),
                (Binding::Minimum, false) => "the HA minimum binds".to_owned(),
            })
    }
}

/// Sizes a fleet of `instance` for `peak_rps`.
///
/// ```text
/// needed    = ⌈peak_rps ÷ (capacity_rps × target utilisation)⌉
/// instances = max(min_instances, needed + redundancy)
/// ```
///
/// N+k redundancy adds k spares to what load needs, so that k instances can fail at peak and
/// the rest still run at the target; the HA minimum is a floor on the total.
///
/// # Example
/// ```
/// use headroom_core::{catalog, sizing::{size_app, target_utilisation, SizingPolicy, Binding}};
/// let m7g = &catalog::default_instances()[2]; // m7g.large, 50 req/s
/// let policy = SizingPolicy { target_utilisation: target_utilisation(70.0), redundancy: 1, min_instances: 2, max_instances: 10, currency: headroom_core::currency::USD };
/// let s = size_app(412.0, m7g, &policy);
/// assert_eq!(s.needed_for_load, 12); // ⌈412 ÷ 35⌉
/// assert_eq!(s.instances, 13);       // N+1
/// assert!(s.over_max);
/// assert_eq!(s.binding, Binding::Load);
/// ```
pub fn size_app(peak_rps: f64, instance: &InstanceType, policy: &SizingPolicy) -> AppSizing {
    let target = policy.target_utilisation.get();
    let capacity_rps = if instance.capacity_rps.is_nan() {
        0.0
    } else {
        instance.capacity_rps.max(0.0)
    };
    let usable_rps = capacity_rps * target;
    let needed_for_load = if peak_rps.is_nan() || peak_rps <= 0.0 {
        0
    } else if usable_rps > 0.0 {
        ceil_count(peak_rps / usable_rps)
    } else {
        COUNT_CAP
    };
    let with_spares = needed_for_load
        .saturating_add(u64::from(policy.redundancy))
        .min(COUNT_CAP);
    let min = u64::from(policy.min_instances);
    let (instances, binding) = if with_spares > min {
        (with_spares, Binding::Load)
    } else {
        (min, Binding::Minimum)
    };
    let capacity = instances as f64 * capacity_rps;
    let utilisation_at_peak = if capacity > 0.0 && peak_rps.is_finite() && peak_rps > 0.0 {
        peak_rps / capacity
    } else {
        0.0
    };
    let over_max = instances > u64::from(policy.max_instances);
    AppSizing {
        instances,
        needed_for_load,
        utilisation_at_peak,
        over_max,
        binding,
        peak_rps,
        capacity_rps,
        target_utilisation: target,
        policy: *policy,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;
    use crate::tolerance::{assert_close, EXACT};

    fn policy(min: u32, redundancy: u32) -> SizingPolicy {
        SizingPolicy {
            target_utilisation: target_utilisation(70.0),
            redundancy,
            min_instances: min,
            max_instances: 10,
            currency: crate::currency::USD,
        }
    }

    fn instance(capacity_rps: f64) -> InstanceType {
        InstanceType {
            capacity_rps,
            ..catalog::default_instances()[2].clone()
        }
    }

    #[test]
    fn rounds_up_to_whole_instances() {
        let s = size_app(200.0, &instance(50.0), &policy(2, 0));
        assert_eq!(s.needed_for_load, 6);
        assert_eq!(s.instances, 6);
        assert_close(
            "s.utilisation_at_peak",
            s.utilisation_at_peak,
            200.0 / 300.0,
            EXACT,
        );
        assert_eq!(s.binding, Binding::Load);
    }

    #[test]
    fn exact_multiples_do_not_round_up_from_float_error() {
        // 140 / (50 × 0.7) is 4.000000000000001 in f64.
        assert_eq!(size_app(140.0, &instance(50.0), &policy(0, 0)).instances, 4);
        assert_eq!(size_app(70.0, &instance(10.0), &policy(0, 0)).instances, 10);
        // A real excess, however small in relative terms, still rounds up.
        assert_eq!(
            size_app(140.001, &instance(50.0), &policy(0, 0)).instances,
            5
        );
    }

    #[test]
    fn minimum_wins_when_load_is_light_and_spares_add_to_load() {
        let s = size_app(10.0, &instance(50.0), &policy(3, 0));
        assert_eq!(
            (s.needed_for_load, s.instances, s.binding),
            (1, 3, Binding::Minimum)
        );
        // N+1 on top of the 6 the load needs; the minimum of 2 is below that.
        assert_eq!(size_app(200.0, &instance(50.0), &policy(2, 1)).instances, 7);
    }

    #[test]
    fn no_load_and_no_minimum_means_no_instances_without_nan() {
        let s = size_app(0.0, &instance(50.0), &policy(0, 0));
        assert_eq!(s.instances, 0);
        assert_eq!(s.utilisation_at_peak, 0.0);
        let nan = size_app(f64::NAN, &instance(f64::NAN), &policy(0, 0));
        assert!(nan.utilisation_at_peak.is_finite());
    }

    #[test]
    fn the_largest_accepted_inputs_stay_finite() {
        let s = size_app(
            10_000_000.0,
            &instance(0.001),
            &SizingPolicy {
                target_utilisation: target_utilisation(1.0),
                ..policy(10_000, 0)
            },
        );
        assert!(
            s.instances.abs_diff(1_000_000_000_000) <= 1,
            "{}",
            s.instances
        );
        assert!(s.utilisation_at_peak.is_finite());
        assert!(s.over_max);
    }
}
