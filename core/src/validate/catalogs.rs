//! The catalogs: instance types, database tiers, Redis plans and GPU nodes, each list with
//! unique names and its figures in range.

use super::{at, specs, Checker, MAX_LIST, MAX_REGION_CHARS};
use crate::plan::{CatalogEntry, Catalogs};

pub(super) fn check_catalogs(c: &mut Checker, k: &Catalogs, has_voice: bool) {
    if c.list_len(
        "catalogs.instances",
        "The instance catalog",
        k.instances.len(),
        1,
        MAX_LIST,
    ) {
        c.unique_names(
            "catalogs.instances",
            "An instance type's name",
            k.instances.iter().map(|e| e.name.as_str()),
        );
        for (i, e) in k.instances.iter().enumerate() {
            let path = format!("catalogs.instances[{i}]");
            c.number(at(&path, "vcpu"), specs::VCPU, e.vcpu);
            c.number(at(&path, "memory_gb"), specs::MEMORY_GB, e.memory_gb);
            c.number(
                at(&path, "capacity_rps"),
                specs::CAPACITY_RPS,
                e.capacity_rps,
            );
            shared(c, &path, "An instance type's", e);
        }
    }
    if c.list_len(
        "catalogs.databases",
        "The database catalog",
        k.databases.len(),
        1,
        MAX_LIST,
    ) {
        c.unique_names(
            "catalogs.databases",
            "A database tier's name",
            k.databases.iter().map(|e| e.name.as_str()),
        );
        for (i, e) in k.databases.iter().enumerate() {
            let path = format!("catalogs.databases[{i}]");
            c.count(
                at(&path, "max_connections"),
                specs::MAX_CONNECTIONS,
                e.max_connections,
            );
            c.count(
                at(&path, "pooler_clients"),
                specs::POOLER_CLIENTS,
                e.pooler_clients,
            );
            c.number(at(&path, "storage_gb"), specs::STORAGE_GB, e.storage_gb);
            shared(c, &path, "A database tier's", e);
        }
    }
    if c.list_len(
        "catalogs.redis",
        "The Redis catalog",
        k.redis.len(),
        1,
        MAX_LIST,
    ) {
        c.unique_names(
            "catalogs.redis",
            "A Redis plan's name",
            k.redis.iter().map(|e| e.name.as_str()),
        );
        for (i, e) in k.redis.iter().enumerate() {
            let path = format!("catalogs.redis[{i}]");
            c.number(at(&path, "memory_gb"), specs::MEMORY_GB, e.memory_gb);
            c.count(at(&path, "nodes"), specs::REDIS_NODES, e.nodes);
            shared(c, &path, "A Redis plan's", e);
        }
    }
    let min_gpus = usize::from(has_voice);
    if c.list_len(
        "catalogs.gpu_nodes",
        "The GPU catalog",
        k.gpu_nodes.len(),
        min_gpus,
        MAX_LIST,
    ) {
        c.unique_names(
            "catalogs.gpu_nodes",
            "A GPU node's name",
            k.gpu_nodes.iter().map(|e| e.name.as_str()),
        );
        for (i, e) in k.gpu_nodes.iter().enumerate() {
            let path = format!("catalogs.gpu_nodes[{i}]");
            c.count(
                at(&path, "streams_per_node"),
                specs::STREAMS_PER_NODE,
                e.streams_per_node,
            );
            c.count(
                at(&path, "sessions_per_node"),
                specs::SESSIONS_PER_NODE,
                e.sessions_per_node,
            );
            shared(c, &path, "A GPU node's", e);
        }
    }
}

/// What every entry has: where its figures come from and its region, text a reader can see,
/// and its price. `whose` names the entry: "An instance type's".
fn shared(c: &mut Checker, path: &str, whose: &str, entry: &dyn CatalogEntry) {
    let e = entry.shared();
    c.visible(at(path, "source"), &format!("{whose} source"), e.source);
    let region = at(path, "region");
    if e.region.chars().count() > MAX_REGION_CHARS {
        c.fail(
            region,
            format!("{whose} region is longer than {MAX_REGION_CHARS} characters"),
        );
    } else {
        c.visible(region, &format!("{whose} region"), e.region);
    }
    c.number(at(path, "usd_per_month"), specs::PRICE, e.usd_per_month);
}
