//! The managed database: connections, data and the pooler rule for one month.
//!
//! ```text
//! connections from pools = app instances × pool per instance + background connections
//! connections from units = units sized for × connections per unit              (0 when off)
//! connections            = max(from pools, from units)        (tiers::connections_needed)
//! data                   = fixed data + units sized for × data per unit, GB
//!   growing on its own:    (fixed data + data per unit × units today) × (1 + g)ᵐ × (1 + headroom)
//! background connections = ⌈background connections today × (1 + g)ᵐ⌉  (g: background growth)
//! needs pooler           ⇔ connections > the tier's direct connections × pooler share
//!                                                              (tiers::check_connections)
//! ```
//!
//! The engine chooses each month's tier with [`tiers::progression`] over
//! [`tiers::database_specs`] (a tier serves [`tiers::connection_limit`] connections: direct, or
//! through its pooler when that holds more; and its storage), on `DATABASE_DIMENSIONS`: move
//! up at the scale-up trigger, never down. The pooler is then checked against the tier chosen,
//! by the same connection rule; the deployment export holds the month's connections against
//! the tier it writes settings for with [`DatabaseMonth::connection_check`] too.
//!
//! Source: docs/models.md "Databases" (connection limits and pooler sizes per tier) and "Own
//! growth" ([`crate::growth::OwnGrowth`]).

use crate::growth::OwnGrowth;
use crate::plan::{DatabaseDemand, DatabaseTier, Policies};
use crate::tiers::{self, ConnectionCheck, Dimension};
use crate::units::Share;
use serde::Serialize;

/// The two dimensions database tiers are chosen on, as the engine names them in upgrade
/// reasons and explanations ("data 14 GB > 80 % of 8 GB"). [`tiers::database_dimensions`] has
/// the same two in the same order but calls the second "database size".
pub(crate) const DATABASE_DIMENSIONS: [Dimension; 2] = [
    Dimension {
        name: "connections",
        unit: "",
    },
    Dimension {
        name: "data",
        unit: "GB",
    },
];

/// Connections the app's pools hold open with `instances` app instances, plus the month's
/// background connections: `instances × pool per instance + background connections`.
///
/// # Example
/// ```
/// use headroom_core::database::connections_from_pools;
/// assert_eq!(connections_from_pools(3, 10, 5.0), 35.0);
/// ```
pub fn connections_from_pools(instances: u64, pool_per_instance: u32, background: f64) -> f64 {
    instances as f64 * f64::from(pool_per_instance) + background
}

/// Data today, GB: `fixed data + data per unit × units today`, where data growing at a
/// scenario's own rate starts from.
pub fn data_today_gb(demand: &DatabaseDemand, units_today: f64) -> f64 {
    demand.data_gb_fixed + demand.data_gb_per_unit * units_today
}

/// What a month's database demand follows beside the app's instances.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Drivers {
    /// Demand units sized for (headroom included).
    pub units_sized: f64,
    /// Demand units today, from which data growing on its own starts.
    pub units_today: f64,
    /// `1 + headroom`.
    pub headroom: f64,
    /// What grows at the scenario's own rates this month.
    pub own: OwnGrowth,
}

/// Database demand in one month and the tier that serves it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DatabaseMonth {
    /// Connections needed: the larger of the app pools and the per-unit rule.
    pub connections: f64,
    /// App pools plus background connections.
    pub connections_from_pools: f64,
    /// Background connections this month: today's, grown at the scenario's background rate.
    pub background_connections: f64,
    /// The per-unit connection rule (0 when off).
    pub connections_from_units: f64,
    /// Data size, GB.
    pub data_gb: f64,
    /// Index of the tier in the plan's database catalog, or `None` beyond the catalog.
    pub tier: Option<usize>,
    /// Whether the connections exceed the pooler share of the tier's direct connections
    /// ([`tiers::check_connections`], the same rule that chose the tier).
    pub needs_pooler: bool,
}

impl DatabaseMonth {
    /// The month's demand with `app_instances` app instances and its `drivers`, before a tier
    /// is chosen: `tier` is `None` and `needs_pooler` false until [`DatabaseMonth::on_tier`].
    ///
    /// # Example
    /// ```
    /// use headroom_core::{database::{DatabaseMonth, Drivers}, growth::OwnGrowth};
    /// use headroom_core::plan::{DatabaseDemand, Policies};
    /// let demand = DatabaseDemand {
    ///     connections_per_unit: 0.1,
    ///     background_connections: 5,
    ///     data_gb_fixed: 1.0,
    ///     data_gb_per_unit: 0.001,
    /// };
    /// let policies = Policies { pool_per_instance: 10, ..Policies::default() };
    /// let own = OwnGrowth { data: None, background: 1.0 };
    /// let drivers = Drivers { units_sized: 1000.0, units_today: 500.0, headroom: 1.0, own };
    /// let month = DatabaseMonth::demand(4, &policies, &demand, &drivers);
    /// assert_eq!(month.needs(), [100.0, 2.0]); // per-unit rule 100 > pools 4 × 10 + 5
    ///
    /// // Data doubling on its own from today's 1.5 GB; background connections up by half.
    /// let own = OwnGrowth { data: Some(2.0), background: 1.5 };
    /// let month = DatabaseMonth::demand(4, &policies, &demand, &Drivers { own, ..drivers });
    /// assert_eq!(month.data_gb, 3.0);
    /// assert_eq!(month.connections_from_pools, 4.0 * 10.0 + 8.0); // ⌈5 × 1.5⌉
    /// ```
    pub fn demand(
        app_instances: u64,
        policies: &Policies,
        demand: &DatabaseDemand,
        drivers: &Drivers,
    ) -> Self {
        let background_connections = crate::tiers::demand_amount(
            (f64::from(demand.background_connections) * drivers.own.background).ceil(),
        );
        let connections_from_pools = connections_from_pools(
            app_instances,
            policies.pool_per_instance,
            background_connections,
        );
        let connections_from_units = drivers.units_sized * demand.connections_per_unit;
        let data_gb = match drivers.own.data {
            Some(factor) => data_today_gb(demand, drivers.units_today) * factor * drivers.headroom,
            None => demand.data_gb_fixed + drivers.units_sized * demand.data_gb_per_unit,
        };
        DatabaseMonth {
            connections: tiers::connections_needed(connections_from_pools, connections_from_units)
                .0,
            connections_from_pools,
            background_connections,
            connections_from_units,
            data_gb: crate::tiers::demand_amount(data_gb),
            tier: None,
            needs_pooler: false,
        }
    }

    /// What the tier progression weighs: connections and data, in the order of the engine's
    /// tier dimensions.
    pub fn needs(&self) -> [f64; 2] {
        [self.connections, self.data_gb]
    }

    /// The month on tier `index` of `catalog` (`None`, or an index past the catalog: beyond
    /// it), with the pooler rule checked against that tier (never needed beyond the catalog).
    pub fn on_tier(
        self,
        index: Option<usize>,
        catalog: &[DatabaseTier],
        pooler_share: Share,
    ) -> Self {
        let tier = index.and_then(|t| catalog.get(t));
        let needs_pooler =
            tier.is_some_and(|t| self.connection_check(t, pooler_share).needs_pooler);
        DatabaseMonth {
            tier: tier.and(index),
            needs_pooler,
            ..self
        }
    }

    /// The month's connections held against `tier` by the one connection rule
    /// ([`tiers::check_connections`]): the connections, the rule that sets them, the direct
    /// connections the pooler share allows and whether a pooler is needed.
    pub fn connection_check(&self, tier: &DatabaseTier, pooler_share: Share) -> ConnectionCheck {
        tiers::check_connections(
            self.connections_from_pools,
            self.connections_from_units,
            tier,
            pooler_share,
        )
    }
}
