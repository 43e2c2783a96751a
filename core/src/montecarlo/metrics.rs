//! What the trials measure: the figures of a month that get a band ([`Metric`]), and the
//! months the database and Redis move up a tier ([`Move`]).

use crate::engine::{MonthResult, SizedScenario};

/// A figure of one scenario's month that the trials give a band for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// Demand units forecast (the growth model's mean).
    Units,
    /// Peak requests per second sized for.
    PeakRps,
    /// App instances.
    AppInstances,
    /// Database connections needed.
    DatabaseConnections,
    /// Database tier, as its index in the catalog (the catalog's length: beyond it).
    DatabaseTier,
    /// Redis node memory needed, in decimal megabytes.
    RedisMemoryMb,
    /// Redis plan, as its index in the catalog (the catalog's length: beyond it).
    RedisPlan,
    /// GPU voice nodes (0 without voice).
    GpuNodes,
    /// Total cost of the month, in the plan's currency.
    CostPerMonth,
}

impl Metric {
    /// Every metric, in the order bands list them.
    pub const ALL: [Metric; 9] = [
        Metric::Units,
        Metric::PeakRps,
        Metric::AppInstances,
        Metric::DatabaseConnections,
        Metric::DatabaseTier,
        Metric::RedisMemoryMb,
        Metric::RedisPlan,
        Metric::GpuNodes,
        Metric::CostPerMonth,
    ];

    /// The name plan files with results and the worker's messages give it.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Units => "units",
            Metric::PeakRps => "peak_rps",
            Metric::AppInstances => "app_instances",
            Metric::DatabaseConnections => "database_connections",
            Metric::DatabaseTier => "database_tier",
            Metric::RedisMemoryMb => "redis_memory_mb",
            Metric::RedisPlan => "redis_plan",
            Metric::GpuNodes => "gpu_nodes",
            Metric::CostPerMonth => "cost_per_month",
        }
    }

    /// Its position in [`Metric::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether its values are whole numbers (counts and catalog positions).
    pub fn whole(self) -> bool {
        matches!(
            self,
            Metric::AppInstances | Metric::DatabaseTier | Metric::RedisPlan | Metric::GpuNodes
        )
    }

    /// Its value in `month` of `scenario`; a tier beyond the catalog counts as
    /// `catalog_len`.
    pub fn of(self, month: &MonthResult, catalogs: CatalogLens) -> f64 {
        match self {
            Metric::Units => month.units.mean,
            Metric::PeakRps => month.peak_rps,
            Metric::AppInstances => month.app.instances as f64,
            Metric::DatabaseConnections => month.database.connections,
            Metric::DatabaseTier => month.database.tier.unwrap_or(catalogs.database) as f64,
            Metric::RedisMemoryMb => month.redis.need.node_memory_mb,
            Metric::RedisPlan => month.redis.plan.unwrap_or(catalogs.redis) as f64,
            Metric::GpuNodes => month.voice.as_ref().map_or(0.0, |v| v.nodes as f64),
            Metric::CostPerMonth => month.cost.total_usd_per_month,
        }
    }
}

/// How many entries the database and Redis catalogs have: the position of "beyond the
/// catalog".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CatalogLens {
    /// Database tiers.
    pub database: usize,
    /// Redis plans.
    pub redis: usize,
}

/// A resource that moves up through a catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    /// The managed database's tiers.
    Database,
    /// Redis plans.
    Redis,
}

/// "The database needs tier `tier` from month …": the first month of a scenario whose tier
/// is `tier` or a larger one (or beyond the catalog, `tier` = the catalog's length).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Move {
    /// Which catalog.
    pub resource: Resource,
    /// The tier reached, as its index in the catalog.
    pub tier: usize,
}

/// The first month (from 1) in which `resource` is at `tier` or beyond in `result`, or
/// `None` when it stays below it over the horizon.
pub fn first_month_at(
    result: &SizedScenario,
    resource: Resource,
    tier: usize,
    lens: CatalogLens,
) -> Option<u32> {
    result.months.iter().find_map(|m| {
        let at = match resource {
            Resource::Database => m.database.tier.unwrap_or(lens.database),
            Resource::Redis => m.redis.plan.unwrap_or(lens.redis),
        };
        (at >= tier).then(|| m.month.number())
    })
}
