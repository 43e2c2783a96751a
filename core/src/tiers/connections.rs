//! Database tiers as tier specs: their two dimensions (connections and size), the
//! connections a tier serves, and the one rule that sets a month's connections and its pooler.

use super::demand_amount;
use super::walk::{Dimension, TierSpec};
use crate::plan::DatabaseTier;
use crate::units::Share;
use serde::Serialize;

/// The two dimensions of a database tier: connections (plain count) and database size (GB).
pub fn database_dimensions() -> [Dimension; 2] {
    [
        Dimension {
            name: "connections",
            unit: "",
        },
        Dimension {
            name: "database size",
            unit: "GB",
        },
    ]
}

/// Database tiers as tier specs over [`database_dimensions`]: limits are the connections the
/// tier serves ([`connection_limit`]: direct, or through its pooler when that holds more) and
/// the storage size. The engine chooses database tiers with these specs.
///
/// # Example
/// ```
/// use headroom_core::{catalog, tiers::database_specs};
/// let specs = database_specs(&catalog::supabase_plan_tiers());
/// assert_eq!(specs[1].limits, vec![Some(200.0), Some(8.0)]); // Pro: no pooler listed
/// let specs = database_specs(&catalog::supabase_compute_tiers());
/// assert_eq!(specs[1].limits, vec![Some(200.0), Some(10.0)]); // Micro: 60 direct, 200 pooled
/// ```
pub fn database_specs(tiers: &[DatabaseTier]) -> Vec<TierSpec> {
    tiers
        .iter()
        .map(|t| TierSpec {
            name: t.name.clone(),
            limits: vec![Some(connection_limit(t)), Some(t.storage_gb)],
            usd_per_month: t.usd_per_month,
        })
        .collect()
}

/// Connections a database tier can serve: `max(max_connections, pooler_clients)` — its direct
/// connections, or its pooler's clients when the tier has a pooler that accepts more.
pub fn connection_limit(tier: &DatabaseTier) -> f64 {
    f64::from(tier.max_connections.max(tier.pooler_clients))
}

/// The rule that set a month's database connections.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ConnectionRule {
    /// App pools plus background connections.
    AppPools,
    /// The per-unit connection rule (`connections_per_unit` × units).
    PerUnit,
}

impl ConnectionRule {
    /// "the app pools" / "the per-unit connection rule".
    pub fn words(self) -> &'static str {
        match self {
            Self::AppPools => "the app pools",
            Self::PerUnit => "the per-unit connection rule",
        }
    }
}

/// A month's connections held against a database tier: how many, which rule set them, and
/// whether they need a pooler.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ConnectionCheck {
    /// Connections needed: `max(app pools + background, units × connections per unit)`.
    pub connections: f64,
    /// The rule that set [`ConnectionCheck::connections`] (the app pools on a tie).
    pub rule: ConnectionRule,
    /// Direct connections the app may hold: `max_connections × pooler share`.
    pub direct_allowed: f64,
    /// `connections > direct_allowed`: the app connects through a pooler.
    pub needs_pooler: bool,
}

/// Connections a month needs and the rule that sets them:
/// `max(app pools + background, units × connections per unit)` (the app pools on a tie). The
/// first half of [`check_connections`], for choosing a tier before one is known.
pub fn connections_needed(from_pools: f64, from_units: f64) -> (f64, ConnectionRule) {
    let pools = demand_amount(from_pools);
    let units = demand_amount(from_units);
    if units > pools {
        (units, ConnectionRule::PerUnit)
    } else {
        (pools, ConnectionRule::AppPools)
    }
}

/// The one database connection rule, used to choose the tier, flag the pooler, explain both and
/// write the deployment settings:
///
/// ```text
/// connections    = max(app pools + background, units × connections per unit)
/// direct allowed = max_connections × pooler share
/// needs pooler   ⇔ connections > direct allowed
/// ```
///
/// A tier fits the connections when they are within [`connection_limit`] × trigger (see
/// [`database_specs`]); past the direct allowance they go through the pooler
/// ([`crate::plan::Policies::pooler_share`]).
///
/// # Example
/// ```
/// use headroom_core::{catalog, tiers::{check_connections, ConnectionRule}, units::Share};
/// let medium = &catalog::supabase_compute_tiers()[3]; // 120 direct, 600 pooled
/// // 50 connections from the pools, 300 from "1 connection per 10 users" × 3 000 users.
/// let share = Share::of_pct(80.0).unwrap();
/// let c = check_connections(50.0, 300.0, medium, share);
/// assert_eq!((c.connections, c.rule, c.direct_allowed), (300.0, ConnectionRule::PerUnit, 96.0));
/// assert!(c.needs_pooler);
/// assert!(!check_connections(50.0, 0.0, medium, share).needs_pooler);
/// ```
pub fn check_connections(
    from_pools: f64,
    from_units: f64,
    tier: &DatabaseTier,
    pooler_share: Share,
) -> ConnectionCheck {
    let (connections, rule) = connections_needed(from_pools, from_units);
    let direct_allowed = f64::from(tier.max_connections) * pooler_share.get();
    ConnectionCheck {
        connections,
        rule,
        direct_allowed,
        needs_pooler: connections > direct_allowed,
    }
}
