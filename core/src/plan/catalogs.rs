//! What can be bought: instance types, database tiers, Redis plans and GPU nodes, with what
//! every catalog entry shares ([`CatalogEntry`]).

use super::*;

/// Everything that can be bought, dated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogs {
    /// Day the prices were read; shown with every cost. An entry read on another day says so
    /// in its own `priced_on`.
    #[serde(with = "day")]
    pub priced_on: NaiveDate,
    /// App instance types, smallest first.
    pub instances: Vec<InstanceType>,
    /// Managed database tiers, smallest first.
    pub databases: Vec<DatabaseTier>,
    /// Redis plans (node size and topology), smallest first.
    pub redis: Vec<RedisPlan>,
    /// GPU node types for voice, smallest first.
    pub gpu_nodes: Vec<GpuNode>,
}

/// An app instance type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstanceType {
    /// "m7g.large".
    pub name: String,
    /// Virtual CPUs.
    pub vcpu: f64,
    /// Memory, GB.
    pub memory_gb: f64,
    /// Requests per second one instance serves at 100 % utilisation (measure it: app-specific).
    pub capacity_rps: f64,
    /// On-demand price, USD per month.
    pub usd_per_month: f64,
    /// Where the figures come from.
    #[serde(default)]
    pub source: String,
    /// Day this entry's price was read, when it differs from the catalog's
    /// [`Catalogs::priced_on`] (e.g. an entry copied from another catalog); `None` = the
    /// catalog's day. See [`Catalogs::price_date`].
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "day::optional"
    )]
    pub priced_on: Option<NaiveDate>,
    /// Where the price applies, as the provider names it ("us-east-1", "eu-central-1",
    /// "West Europe"); empty = not stated. Recorded, shown with the entry, and compared
    /// across the entries a plan uses (a plan priced in two regions says so).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
}

/// A managed database tier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseTier {
    /// "Supabase Small".
    pub name: String,
    /// Direct connections allowed.
    pub max_connections: u32,
    /// Clients the tier's pooler accepts (0 = no pooler).
    #[serde(default)]
    pub pooler_clients: u32,
    /// Data size the tier holds, GB.
    pub storage_gb: f64,
    /// Price, USD per month.
    pub usd_per_month: f64,
    /// Where the figures come from.
    #[serde(default)]
    pub source: String,
    /// Day this entry's price was read, when it differs from the catalog's
    /// [`Catalogs::priced_on`] (e.g. an entry copied from another catalog); `None` = the
    /// catalog's day. See [`Catalogs::price_date`].
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "day::optional"
    )]
    pub priced_on: Option<NaiveDate>,
    /// Where the price applies, as the provider names it ("us-east-1", "eu-central-1",
    /// "West Europe"); empty = not stated. Recorded, shown with the entry, and compared
    /// across the entries a plan uses (a plan priced in two regions says so).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
}

/// Redis topology.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RedisTopology {
    /// One node; data loss on failure is tolerated.
    Single,
    /// Primary and replica: high availability, memory paid twice.
    Replicated,
    /// Sharded over several primaries (each with a replica when `replicas` is set).
    Cluster,
}

impl RedisTopology {
    /// In words, as tables, digests and explanations write it: "single node", "primary +
    /// replica", "cluster" (its name in plan files is [`Named::name`]).
    pub fn words(self) -> &'static str {
        match self {
            RedisTopology::Single => "single node",
            RedisTopology::Replicated => "primary + replica",
            RedisTopology::Cluster => "cluster",
        }
    }
}

/// A Redis offering: node size and topology.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedisPlan {
    /// "8 GB primary + replica".
    pub name: String,
    /// Memory for data across the whole offering (sum of primaries), GB.
    pub memory_gb: f64,
    /// Topology.
    pub topology: RedisTopology,
    /// Nodes billed (primaries and replicas).
    pub nodes: u32,
    /// Price, USD per month.
    pub usd_per_month: f64,
    /// Where the figures come from.
    #[serde(default)]
    pub source: String,
    /// Day this entry's price was read, when it differs from the catalog's
    /// [`Catalogs::priced_on`] (e.g. an entry copied from another catalog); `None` = the
    /// catalog's day. See [`Catalogs::price_date`].
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "day::optional"
    )]
    pub priced_on: Option<NaiveDate>,
    /// Where the price applies, as the provider names it ("us-east-1", "eu-central-1",
    /// "West Europe"); empty = not stated. Recorded, shown with the entry, and compared
    /// across the entries a plan uses (a plan priced in two regions says so).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
}

/// A GPU node type for voice processing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GpuNode {
    /// "g5.xlarge (A10G)".
    pub name: String,
    /// Interactions one node processes at once (batched streams).
    pub streams_per_node: u32,
    /// Concurrent voice sessions one node serves, by the simple concurrency rule.
    pub sessions_per_node: u32,
    /// Price, USD per month.
    pub usd_per_month: f64,
    /// Where the figures come from.
    #[serde(default)]
    pub source: String,
    /// Day this entry's price was read, when it differs from the catalog's
    /// [`Catalogs::priced_on`] (e.g. an entry copied from another catalog); `None` = the
    /// catalog's day. See [`Catalogs::price_date`].
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "day::optional"
    )]
    pub priced_on: Option<NaiveDate>,
    /// Where the price applies, as the provider names it ("us-east-1", "eu-central-1",
    /// "West Europe"); empty = not stated. Recorded, shown with the entry, and compared
    /// across the entries a plan uses (a plan priced in two regions says so).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
}

impl Catalogs {
    /// The day an entry's price was read: its own `priced_on`, or the catalog's.
    ///
    /// # Example
    /// ```
    /// use headroom_core::catalog::default_catalogs;
    /// let catalogs = default_catalogs();
    /// let node = &catalogs.gpu_nodes[0];
    /// assert_eq!(catalogs.price_date(node.priced_on), catalogs.priced_on);
    /// ```
    pub fn price_date(&self, entry_priced_on: Option<NaiveDate>) -> NaiveDate {
        entry_priced_on.unwrap_or(self.priced_on)
    }

    /// Every entry of the four catalogs: instance types, database tiers, Redis plans, GPU
    /// nodes.
    pub fn entries(&self) -> impl Iterator<Item = EntryShared<'_>> {
        let instances = self.instances.iter().map(CatalogEntry::shared);
        let databases = self.databases.iter().map(CatalogEntry::shared);
        let redis = self.redis.iter().map(CatalogEntry::shared);
        let gpu_nodes = self.gpu_nodes.iter().map(CatalogEntry::shared);
        instances.chain(databases).chain(redis).chain(gpu_nodes)
    }
}

/// What every catalog entry has besides its own figures, borrowed: its name, its price, where
/// the figures come from, the day the price was read and where it applies.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EntryShared<'a> {
    /// Its name, distinct in its catalog.
    pub name: &'a str,
    /// Price, in the plan's currency per month.
    pub usd_per_month: f64,
    /// Where the figures come from.
    pub source: &'a str,
    /// Its own price date, if it has one ([`Catalogs::price_date`]).
    pub priced_on: Option<NaiveDate>,
    /// Where the price applies; empty = not stated.
    pub region: &'a str,
}

/// The shared fields of a catalog entry, to change them.
#[derive(Debug)]
pub struct EntrySharedMut<'a> {
    /// Its name (a rename also moves what refers to it: `edit::rename_catalog_entry`).
    pub name: &'a mut String,
    /// Where the figures come from.
    pub source: &'a mut String,
    /// Its own price date.
    pub priced_on: &'a mut Option<NaiveDate>,
    /// Where the price applies.
    pub region: &'a mut String,
}

/// An entry of one of the four catalogs: what code that works on any catalog reads and
/// changes, through one `dyn` call rather than a `match` on the catalog at every use.
pub trait CatalogEntry {
    /// The shared fields.
    fn shared(&self) -> EntryShared<'_>;
    /// The shared fields, to change them.
    fn shared_mut(&mut self) -> EntrySharedMut<'_>;
}

macro_rules! catalog_entry {
    ($($ty:ty),+) => {$(
        impl CatalogEntry for $ty {
            fn shared(&self) -> EntryShared<'_> {
                EntryShared {
                    name: &self.name,
                    usd_per_month: self.usd_per_month,
                    source: &self.source,
                    priced_on: self.priced_on,
                    region: &self.region,
                }
            }
            fn shared_mut(&mut self) -> EntrySharedMut<'_> {
                EntrySharedMut {
                    name: &mut self.name,
                    source: &mut self.source,
                    priced_on: &mut self.priced_on,
                    region: &mut self.region,
                }
            }
        }
    )+};
}

catalog_entry!(InstanceType, DatabaseTier, RedisPlan, GpuNode);

named!(RedisTopology: "single" => Single, "replicated" => Replicated, "cluster" => Cluster);
