//! The plan's catalogs: what can be bought, with capacities and prices.

use super::{At, Fields, Read, ReadError};
use crate::plan::{Catalogs, DatabaseTier, GpuNode, InstanceType, RedisPlan};
use serde_json::Value;

impl Read for Catalogs {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
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
}

impl Read for InstanceType {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
        let f = Fields::of(
            value,
            at,
            "struct InstanceType",
            &[
                "name",
                "vcpu",
                "memory_gb",
                "capacity_rps",
                "usd_per_month",
                "source",
                "priced_on",
            ],
        )?;
        Ok(InstanceType {
            name: f.req("name")?,
            vcpu: f.req("vcpu")?,
            memory_gb: f.req("memory_gb")?,
            capacity_rps: f.req("capacity_rps")?,
            usd_per_month: f.req("usd_per_month")?,
            source: f.opt("source")?,
            priced_on: f.opt("priced_on")?,
        })
    }
}

impl Read for DatabaseTier {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
        let f = Fields::of(
            value,
            at,
            "struct DatabaseTier",
            &[
                "name",
                "max_connections",
                "pooler_clients",
                "storage_gb",
                "usd_per_month",
                "source",
                "priced_on",
            ],
        )?;
        Ok(DatabaseTier {
            name: f.req("name")?,
            max_connections: f.req("max_connections")?,
            pooler_clients: f.opt("pooler_clients")?,
            storage_gb: f.req("storage_gb")?,
            usd_per_month: f.req("usd_per_month")?,
            source: f.opt("source")?,
            priced_on: f.opt("priced_on")?,
        })
    }
}

impl Read for RedisPlan {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
        let f = Fields::of(
            value,
            at,
            "struct RedisPlan",
            &[
                "name",
                "memory_gb",
                "topology",
                "nodes",
                "usd_per_month",
                "source",
                "priced_on",
            ],
        )?;
        Ok(RedisPlan {
            name: f.req("name")?,
            memory_gb: f.req("memory_gb")?,
            topology: f.req("topology")?,
            nodes: f.req("nodes")?,
            usd_per_month: f.req("usd_per_month")?,
            source: f.opt("source")?,
            priced_on: f.opt("priced_on")?,
        })
    }
}

impl Read for GpuNode {
    fn read(value: &Value, at: &At) -> Result<Self, ReadError> {
        let f = Fields::of(
            value,
            at,
            "struct GpuNode",
            &[
                "name",
                "streams_per_node",
                "sessions_per_node",
                "usd_per_month",
                "source",
                "priced_on",
            ],
        )?;
        Ok(GpuNode {
            name: f.req("name")?,
            streams_per_node: f.req("streams_per_node")?,
            sessions_per_node: f.req("sessions_per_node")?,
            usd_per_month: f.req("usd_per_month")?,
            source: f.opt("source")?,
            priced_on: f.opt("priced_on")?,
        })
    }
}
