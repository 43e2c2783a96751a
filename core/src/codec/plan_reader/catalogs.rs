//! The plan's catalogs: what can be bought, with capacities and prices.

use super::{At, Fault, Fields, Read};
use crate::plan::{Catalogs, DatabaseTier, GpuNode, InstanceType, RedisPlan};
use serde_json::Value;
#[cfg(feature = "yaml")]
use {
    super::schema::{
        self, count, described, fields, list, name, nullable, number, opt, or, req, text, Defs,
        Field,
    },
    crate::plan::RedisTopology,
    crate::validate::{specs, MAX_LIST, MAX_REGION_CHARS},
    chrono::NaiveDate,
};

/// The fields of an `InstanceType`, in the order of its declaration.
pub(crate) const INSTANCE_FIELDS: &[&str] = &[
    "name",
    "vcpu",
    "memory_gb",
    "capacity_rps",
    "usd_per_month",
    "source",
    "priced_on",
    "region",
];

/// The fields of a `DatabaseTier`, in the order of its declaration.
pub(crate) const DATABASE_FIELDS: &[&str] = &[
    "name",
    "max_connections",
    "pooler_clients",
    "storage_gb",
    "usd_per_month",
    "source",
    "priced_on",
    "region",
];

/// The fields of a `RedisPlan`, in the order of its declaration.
pub(crate) const REDIS_FIELDS: &[&str] = &[
    "name",
    "memory_gb",
    "topology",
    "nodes",
    "usd_per_month",
    "source",
    "priced_on",
    "region",
];

/// The fields of a `GpuNode`, in the order of its declaration.
pub(crate) const GPU_NODE_FIELDS: &[&str] = &[
    "name",
    "streams_per_node",
    "sessions_per_node",
    "usd_per_month",
    "source",
    "priced_on",
    "region",
];

impl Read for Catalogs {
    // One copy, called from the plan's reading and a catalog table's, not one inlined in each.
    #[inline(never)]
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(
            value,
            at,
            "struct Catalogs",
            &["priced_on", "instances", "databases", "redis", "gpu_nodes"],
        )?;
        Ok(Catalogs {
            priced_on: f.req("priced_on")?,
            instances: f.req("instances")?,
            databases: f.req("databases")?,
            redis: f.req("redis")?,
            gpu_nodes: f.req("gpu_nodes")?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(d: &mut Defs) -> Value {
        fields(
            "Everything that can be bought, dated; each list smallest first, names distinct.",
            vec![
                req("priced_on", NaiveDate::schema(d)),
                req("instances", list(d.of::<InstanceType>(), 1, MAX_LIST)),
                req("databases", list(d.of::<DatabaseTier>(), 1, MAX_LIST)),
                req("redis", list(d.of::<RedisPlan>(), 1, MAX_LIST)),
                req("gpu_nodes", list(d.of::<GpuNode>(), 0, MAX_LIST)),
            ],
        )
    }
}

impl Read for InstanceType {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(value, at, "struct InstanceType", INSTANCE_FIELDS)?;
        Ok(InstanceType {
            name: f.req("name")?,
            vcpu: f.req("vcpu")?,
            memory_gb: f.req("memory_gb")?,
            capacity_rps: f.req("capacity_rps")?,
            usd_per_month: f.req("usd_per_month")?,
            source: f.opt("source")?,
            priced_on: f.opt("priced_on")?,
            region: f.opt("region")?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(d: &mut Defs) -> Value {
        entry(
            d,
            "An app instance type.",
            vec![
                req("vcpu", number(specs::VCPU)),
                req("memory_gb", number(specs::MEMORY_GB)),
                req("capacity_rps", number(specs::CAPACITY_RPS)),
            ],
        )
    }
}

impl Read for DatabaseTier {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(value, at, "struct DatabaseTier", DATABASE_FIELDS)?;
        Ok(DatabaseTier {
            name: f.req("name")?,
            max_connections: f.req("max_connections")?,
            pooler_clients: f.opt("pooler_clients")?,
            storage_gb: f.req("storage_gb")?,
            usd_per_month: f.req("usd_per_month")?,
            source: f.opt("source")?,
            priced_on: f.opt("priced_on")?,
            region: f.opt("region")?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(d: &mut Defs) -> Value {
        entry(
            d,
            "A managed database tier.",
            vec![
                req("max_connections", count(specs::MAX_CONNECTIONS)),
                or("pooler_clients", count(specs::POOLER_CLIENTS), 0),
                req("storage_gb", number(specs::STORAGE_GB)),
            ],
        )
    }
}

impl Read for RedisPlan {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(value, at, "struct RedisPlan", REDIS_FIELDS)?;
        Ok(RedisPlan {
            name: f.req("name")?,
            memory_gb: f.req("memory_gb")?,
            topology: f.req("topology")?,
            nodes: f.req("nodes")?,
            usd_per_month: f.req("usd_per_month")?,
            source: f.opt("source")?,
            priced_on: f.opt("priced_on")?,
            region: f.opt("region")?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(d: &mut Defs) -> Value {
        let topology = RedisTopology::schema(d);
        entry(
            d,
            "A Redis offering: node size and topology.",
            vec![
                req("memory_gb", number(specs::MEMORY_GB)),
                req("topology", topology),
                req("nodes", count(specs::REDIS_NODES)),
            ],
        )
    }
}

impl Read for GpuNode {
    fn read(value: &Value, at: &At) -> Result<Self, Fault> {
        let f = Fields::of(value, at, "struct GpuNode", GPU_NODE_FIELDS)?;
        Ok(GpuNode {
            name: f.req("name")?,
            streams_per_node: f.req("streams_per_node")?,
            sessions_per_node: f.req("sessions_per_node")?,
            usd_per_month: f.req("usd_per_month")?,
            source: f.opt("source")?,
            priced_on: f.opt("priced_on")?,
            region: f.opt("region")?,
        })
    }

    #[cfg(feature = "yaml")]
    fn schema(d: &mut Defs) -> Value {
        entry(
            d,
            "A GPU node type for voice processing.",
            vec![
                req("streams_per_node", count(specs::STREAMS_PER_NODE)),
                req("sessions_per_node", count(specs::SESSIONS_PER_NODE)),
            ],
        )
    }
}

/// A catalog entry: its name, its own `fields`, its price and where the figures come from.
#[cfg(feature = "yaml")]
fn entry(d: &mut Defs, description: &str, own: Vec<Field>) -> Value {
    let mut all = vec![req("name", name("Its name, distinct in its catalog."))];
    all.extend(own);
    all.extend([
        req("usd_per_month", number(specs::PRICE)),
        or("source", text("Where the figures come from."), ""),
        opt(
            "priced_on",
            described(
                nullable(NaiveDate::schema(d)),
                "Day this entry's price was read, when it differs from the catalog's priced_on.",
            ),
        ),
        or(
            "region",
            schema::with(
                text("Where the price applies, as the provider names it (us-east-1); empty = not stated."),
                "maxLength",
                MAX_REGION_CHARS.into(),
            ),
            "",
        ),
    ]);
    fields(description, all)
}
