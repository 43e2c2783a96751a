//! Tier progression: which tier of an ordered catalog each month needs, and when to move up.
//!
//! A catalog is a list of tiers, smallest first (database plans, Redis plans, …). Each tier has a
//! limit per *dimension* (connections, GB, MB of memory; `None` = unlimited). The model walks the
//! months in order:
//!
//! ```text
//! a tier fits a month  ⇔  for every dimension d: need_d ≤ limit_d × trigger_d
//! tier(month m)        =  the first tier at or after tier(m − 1) that fits   (tier(0) = start)
//!                         or "beyond the catalog" when none does
//! ```
//!
//! The trigger (80 % by default, [`crate::plan::Policies::scale_up_trigger_pct`]; a dimension
//! may have its own, such as a database's size at 75 %) moves up *before* a hard limit is
//! reached, leaving time to migrate. Tiers never go down: a plan that
//! moved up for a peak keeps the larger tier, because downgrading is a decision a planner takes,
//! not one a forecast should take silently. For the same reason "beyond the catalog" is sticky:
//! once the largest tier no longer fits, the plan needs something the catalog does not list
//! (an enterprise contract, sharding) from then on.
//!
//! The *binding dimension* of a month is the one closest to its limit (largest need ÷ limit);
//! it is what will force the next upgrade. Source of the habit: Supabase's plan and compute
//! tables list connection and size limits per tier (docs/models.md "Databases"); the Supabase/Redis
//! capacity guide walks Free → Pro → Pro+ → Team in exactly this way.
//!
//! Robustness: every function here is total. A need that is not a number counts as unmeetable
//! (it fits only unlimited dimensions), a negative need as 0; a limit that is not a number or is
//! negative counts as 0, `+∞` as unlimited. Percentages are clamped to their documented ranges.
//! Results never contain NaN or ∞: percentages saturate at [`USAGE_PCT_CAP`].

mod connections;
mod explain;
#[cfg(test)]
mod tests;
mod walk;

pub use connections::{
    check_connections, connection_limit, connections_needed, database_dimensions, database_specs,
    ConnectionCheck, ConnectionRule,
};
pub(crate) use explain::explain_choice;
pub use walk::{
    progression, tier_name, trigger, Dimension, Progression, ProgressionOptions, TierMonth,
    TierSpec, Upgrade, OWN_TRIGGERS,
};

/// Largest amount (req/s, MB, USD) the models compute with; larger inputs saturate here, so
/// products of two amounts stay finite.
pub const AMOUNT_CAP: f64 = 1e15;

/// Largest count (instances, nodes, units) the models return: the one cap, from the fleet
/// rule.
pub use crate::sizing::COUNT_CAP;

/// Largest usage percentage reported (a need 10⁷ times its limit, or any need over a zero
/// limit).
pub const USAGE_PCT_CAP: f64 = 1e9;

/// Scale-up trigger used when the one given is not a number, in percent (the policy default).
pub const DEFAULT_TRIGGER_PCT: f64 = 80.0;

/// A demand amount (req/s, MB, units) for arithmetic: NaN counts as the cap (unknown demand is
/// not assumed small), negatives as 0, anything larger than [`AMOUNT_CAP`] as the cap.
pub(crate) fn demand_amount(value: f64) -> f64 {
    if value.is_nan() {
        AMOUNT_CAP
    } else {
        value.clamp(0.0, AMOUNT_CAP)
    }
}

/// A capacity or price for arithmetic: NaN and negatives count as 0, larger than
/// [`AMOUNT_CAP`] as the cap.
pub(crate) fn supply_amount(value: f64) -> f64 {
    if value.is_nan() {
        0.0
    } else {
        value.clamp(0.0, AMOUNT_CAP)
    }
}

pub(crate) use crate::sizing::ceil_count;
