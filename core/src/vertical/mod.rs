//! Vertical tiers (instance sizes) against horizontal scaling: for each instance type, how many
//! instances serve the peak and what they cost; which is cheapest; and when the type in use
//! should give way to a larger size.
//!
//! For each type of the catalog (utilisation law, as in [`crate::sizing`]):
//!
//! ```text
//! needed_for_load     = ⌈peak_rps ÷ (capacity_rps × target_utilisation)⌉
//! instances           = max(min_instances, needed_for_load + redundancy)
//! usd_per_month       = instances × price
//! exceeds_max         = instances > max_instances
//! utilisation_at_peak = peak_rps ÷ (instances × capacity_rps)
//! ```
//!
//! The rounding forgives floating-point error (140 ÷ 35 is 4 instances, not 5). The cheapest
//! type is the one with the lowest monthly cost that stays within `max_instances` (ties: fewer
//! instances, then the smaller type). *Scale out* (add instances of the type in use) while its
//! count stays within the maximum and no larger size is cheaper; *scale up a size* when the
//! count would pass the maximum — past it coordination, connection pools and deploys get harder
//! (the Semantic Text Processor guide's vertical tiers: 2 cores → 50 req/s, 4 → 125, 8 → 250,
//! 16 → 500) — or when a larger size serves the same load for enough less to be worth a move
//! ([`saving_matters`]: at least $1/month and 1 % of the fleet's cost). [`size_change`] finds
//! the first month either happens. [`cheapest_mix`] also tries fleets of two sizes (a bulk size
//! topped up with another), which beat every single size when the load falls just past a whole
//! number of large instances. Capacities are app-specific: measure them with a load test.
//!
//! Robustness: a peak that is not a number counts as [`AMOUNT_CAP`](crate::tiers::AMOUNT_CAP) req/s; a capacity or price
//! that is not a number counts as 0; a target that is not a number falls back to 70 % and is
//! clamped to 1–100 %. Counts saturate at [`COUNT_CAP`](crate::tiers::COUNT_CAP); no figure is NaN or ∞.

mod advice;
mod change;
mod mix;
mod sizes;
#[cfg(test)]
mod tests;

pub use advice::{
    saving_matters, SizeAction, SizeAdvice, MIN_SAVING_PCT, MIN_SAVING_USD_PER_MONTH,
};
pub use change::{size_change, size_timeline, SizeChange, SizeChangeReason, SizeTimeline};
pub use mix::{cheapest_mix, InstanceMix, MixPart, MIX_BULK_CANDIDATES};
pub use sizes::{compare_sizes, find_instance, SizeOption, VerticalComparison};

use crate::format;

pub use crate::sizing::{SizingPolicy, DEFAULT_TARGET_UTILISATION_PCT};

fn rps(value: f64) -> String {
    format::with_unit(value, "req/s")
}

/// Target utilisation as a fraction.
fn target_fraction(policy: &SizingPolicy) -> f64 {
    policy.target_utilisation.get()
}
