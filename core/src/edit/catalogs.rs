//! Catalogs: adding, removing, moving, renaming and resetting entries (repointing what
//! referred to them), and their one-line digests.

use super::{move_item, unique_name};
use crate::catalog;
use crate::currency::Currency;
use crate::format;
use crate::plan::{
    CatalogEntry, DatabaseTier, GpuNode, InstanceType, Plan, RedisPlan, RedisTopology,
};
use crate::validate::MAX_LIST;
use chrono::NaiveDate;

// ---------------------------------------------------------------------------------------------
// Catalogs
// ---------------------------------------------------------------------------------------------

/// One of the plan's four catalogs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CatalogKind {
    /// App instance types.
    Instances,
    /// Managed database tiers.
    Databases,
    /// Redis plans.
    Redis,
    /// GPU node types.
    GpuNodes,
}

impl CatalogKind {
    /// Every catalog, in the editor's order.
    pub const ALL: [CatalogKind; 4] = [
        CatalogKind::Instances,
        CatalogKind::Databases,
        CatalogKind::Redis,
        CatalogKind::GpuNodes,
    ];

    /// The field name in the plan: `instances`, `databases`, `redis`, `gpu_nodes`.
    pub fn key(self) -> &'static str {
        match self {
            CatalogKind::Instances => "instances",
            CatalogKind::Databases => "databases",
            CatalogKind::Redis => "redis",
            CatalogKind::GpuNodes => "gpu_nodes",
        }
    }

    /// The catalog whose field name in the plan is `key` ([`CatalogKind::key`]).
    pub fn from_key(key: &str) -> Option<CatalogKind> {
        CatalogKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Validation's path of the list, e.g. `catalogs.instances`.
    pub fn path(self) -> String {
        format!("catalogs.{}", self.key())
    }

    /// Heading: "Instance types".
    pub fn title(self) -> &'static str {
        match self {
            CatalogKind::Instances => "Instance types",
            CatalogKind::Databases => "Database tiers",
            CatalogKind::Redis => "Redis plans",
            CatalogKind::GpuNodes => "GPU node types",
        }
    }

    /// One entry in words, for buttons: "instance type".
    pub fn noun(self) -> &'static str {
        match self {
            CatalogKind::Instances => "instance type",
            CatalogKind::Databases => "database tier",
            CatalogKind::Redis => "Redis plan",
            CatalogKind::GpuNodes => "GPU node type",
        }
    }

    /// Entries in the plan's catalog.
    pub fn len(self, plan: &Plan) -> usize {
        let c = &plan.catalogs;
        match self {
            CatalogKind::Instances => c.instances.len(),
            CatalogKind::Databases => c.databases.len(),
            CatalogKind::Redis => c.redis.len(),
            CatalogKind::GpuNodes => c.gpu_nodes.len(),
        }
    }

    /// Whether the plan's catalog is empty.
    pub fn is_empty(self, plan: &Plan) -> bool {
        self.len(plan) == 0
    }

    /// Names of the entries, in order.
    pub fn names(self, plan: &Plan) -> Vec<String> {
        (0..self.len(plan))
            .filter_map(|j| catalog_entry(plan, self, j).map(|e| e.shared().name.to_owned()))
            .collect()
    }

    /// Paths of the plan fields that name an entry of this catalog, with what they are.
    pub fn references(self) -> &'static [(&'static str, &'static str)] {
        match self {
            CatalogKind::Instances => &[("policies.app_instance", "the app's instance type")],
            CatalogKind::Databases => &[("baseline.today.database_tier", "today's database tier")],
            CatalogKind::Redis => &[("baseline.today.redis_plan", "today's Redis plan")],
            CatalogKind::GpuNodes => &[("policies.voice.gpu_node", "the voice GPU node")],
        }
    }
}

/// Entry `index` of catalog `kind`, whatever its type.
pub fn catalog_entry(plan: &Plan, kind: CatalogKind, index: usize) -> Option<&dyn CatalogEntry> {
    let c = &plan.catalogs;
    match kind {
        CatalogKind::Instances => c.instances.get(index).map(|e| e as &dyn CatalogEntry),
        CatalogKind::Databases => c.databases.get(index).map(|e| e as &dyn CatalogEntry),
        CatalogKind::Redis => c.redis.get(index).map(|e| e as &dyn CatalogEntry),
        CatalogKind::GpuNodes => c.gpu_nodes.get(index).map(|e| e as &dyn CatalogEntry),
    }
}

/// Entry `index` of catalog `kind`, to change it.
pub fn catalog_entry_mut(
    plan: &mut Plan,
    kind: CatalogKind,
    index: usize,
) -> Option<&mut dyn CatalogEntry> {
    let c = &mut plan.catalogs;
    match kind {
        CatalogKind::Instances => c
            .instances
            .get_mut(index)
            .map(|e| e as &mut dyn CatalogEntry),
        CatalogKind::Databases => c
            .databases
            .get_mut(index)
            .map(|e| e as &mut dyn CatalogEntry),
        CatalogKind::Redis => c.redis.get_mut(index).map(|e| e as &mut dyn CatalogEntry),
        CatalogKind::GpuNodes => c
            .gpu_nodes
            .get_mut(index)
            .map(|e| e as &mut dyn CatalogEntry),
    }
}

fn reference(plan: &Plan, kind: CatalogKind) -> &str {
    match kind {
        CatalogKind::Instances => &plan.policies.app_instance,
        CatalogKind::Databases => &plan.baseline.today.database_tier,
        CatalogKind::Redis => &plan.baseline.today.redis_plan,
        CatalogKind::GpuNodes => &plan.policies.voice.gpu_node,
    }
}

fn reference_mut(plan: &mut Plan, kind: CatalogKind) -> &mut String {
    match kind {
        CatalogKind::Instances => &mut plan.policies.app_instance,
        CatalogKind::Databases => &mut plan.baseline.today.database_tier,
        CatalogKind::Redis => &mut plan.baseline.today.redis_plan,
        CatalogKind::GpuNodes => &mut plan.policies.voice.gpu_node,
    }
}

/// What `plan` uses entry `index` of catalog `kind` for ("the app's instance type"), if anything.
pub fn used_for(plan: &Plan, kind: CatalogKind, index: usize) -> Option<&'static str> {
    let name = kind.names(plan).into_iter().nth(index)?;
    let reference = reference(plan, kind);
    (!reference.is_empty() && reference == name).then(|| kind.references()[0].1)
}

/// Adds an entry at the end of catalog `kind`: a copy of the last (largest) entry under a new
/// name, its source cleared (the figures are now the planner's). Returns its index, or `None`
/// when the catalog is full.
pub fn add_catalog_entry(plan: &mut Plan, kind: CatalogKind) -> Option<usize> {
    if kind.len(plan) >= MAX_LIST {
        return None;
    }
    let names = kind.names(plan);
    let name = unique_name(
        &format!("New {}", kind.noun()),
        names.iter().map(String::as_str),
    );
    let c = &mut plan.catalogs;
    match kind {
        CatalogKind::Instances => push_copy(&mut c.instances, || InstanceType {
            name: String::new(),
            vcpu: 2.0,
            memory_gb: 8.0,
            capacity_rps: 50.0,
            usd_per_month: 60.0,
            source: String::new(),
            priced_on: None,
            region: String::new(),
        }),
        CatalogKind::Databases => push_copy(&mut c.databases, || DatabaseTier {
            name: String::new(),
            max_connections: 60,
            pooler_clients: 200,
            storage_gb: 8.0,
            usd_per_month: 25.0,
            source: String::new(),
            priced_on: None,
            region: String::new(),
        }),
        CatalogKind::Redis => push_copy(&mut c.redis, || RedisPlan {
            name: String::new(),
            memory_gb: 1.0,
            topology: RedisTopology::Single,
            nodes: 1,
            usd_per_month: 15.0,
            source: String::new(),
            priced_on: None,
            region: String::new(),
        }),
        CatalogKind::GpuNodes => push_copy(&mut c.gpu_nodes, || GpuNode {
            name: String::new(),
            streams_per_node: 4,
            sessions_per_node: 8,
            usd_per_month: 600.0,
            source: String::new(),
            priced_on: None,
            region: String::new(),
        }),
    }
    let index = kind.len(plan) - 1;
    let shared = catalog_entry_mut(plan, kind, index)?.shared_mut();
    *shared.name = name;
    *shared.source = "Entered by hand".to_owned();
    *shared.priced_on = None;
    Some(index)
}

/// Pushes a copy of the last entry of `list`, or `first` when it is empty.
fn push_copy<T: Clone>(list: &mut Vec<T>, first: fn() -> T) {
    list.push(list.last().cloned().unwrap_or_else(first));
}

/// Removes entry `index` of catalog `kind`; `false` when there is no such entry.
pub fn remove_catalog_entry(plan: &mut Plan, kind: CatalogKind, index: usize) -> bool {
    let c = &mut plan.catalogs;
    fn remove<T>(list: &mut Vec<T>, index: usize) -> bool {
        if index < list.len() {
            list.remove(index);
            true
        } else {
            false
        }
    }
    let removed = match kind {
        CatalogKind::Instances => remove(&mut c.instances, index),
        CatalogKind::Databases => remove(&mut c.databases, index),
        CatalogKind::Redis => remove(&mut c.redis, index),
        CatalogKind::GpuNodes => remove(&mut c.gpu_nodes, index),
    };
    if removed {
        let list = format!("catalogs.{}", kind.key());
        super::drop_entry_ranges(plan, &list, index);
    }
    removed
}

/// Moves entry `from` of catalog `kind` to position `to` (catalogs are ordered smallest first).
pub fn move_catalog_entry(plan: &mut Plan, kind: CatalogKind, from: usize, to: usize) -> bool {
    let c = &mut plan.catalogs;
    let moved = match kind {
        CatalogKind::Instances => move_item(&mut c.instances, from, to),
        CatalogKind::Databases => move_item(&mut c.databases, from, to),
        CatalogKind::Redis => move_item(&mut c.redis, from, to),
        CatalogKind::GpuNodes => move_item(&mut c.gpu_nodes, from, to),
    };
    if moved {
        let list = format!("catalogs.{}", kind.key());
        super::move_ranges(plan, &list, |i| Some(super::moved_index(i, from, to)));
    }
    moved
}

/// Renames entry `index` of catalog `kind`; whatever referred to it by its old name (the app's
/// instance type, today's tier, the voice node) follows the new name.
pub fn rename_catalog_entry(plan: &mut Plan, kind: CatalogKind, index: usize, name: String) {
    let Some(old) = kind.names(plan).into_iter().nth(index) else {
        return;
    };
    let reference = reference_mut(plan, kind);
    if !reference.is_empty() && *reference == old {
        *reference = name.clone();
    }
    if let Some(e) = catalog_entry_mut(plan, kind, index) {
        *e.shared_mut().name = name;
    }
}

/// Replaces catalog `kind` with Headroom's defaults. A reference to an entry the defaults do
/// not have is repointed (the app to [`catalog::DEFAULT_APP_INSTANCE`], the voice node to
/// [`catalog::DEFAULT_GPU_NODE`], today's tiers to the smallest); returns a sentence for each
/// reference that moved, e.g. "The app now runs on m7g.large.".
pub fn reset_catalog(plan: &mut Plan, kind: CatalogKind) -> Vec<String> {
    let c = &mut plan.catalogs;
    let fallback = match kind {
        CatalogKind::Instances => {
            c.instances = catalog::default_instances();
            catalog::DEFAULT_APP_INSTANCE
        }
        CatalogKind::Databases => {
            c.databases = catalog::supabase_compute_tiers();
            ""
        }
        CatalogKind::Redis => {
            c.redis = catalog::default_redis_plans();
            ""
        }
        CatalogKind::GpuNodes => {
            c.gpu_nodes = catalog::default_gpu_nodes();
            catalog::DEFAULT_GPU_NODE
        }
    };
    repoint(plan, kind, fallback)
}

/// After catalog `kind` changed wholesale: what referred by name to an entry it no longer has
/// now refers to `fallback` (the app's instance type, the voice node) or to the smallest
/// (today's database tier and Redis plan). Returns a sentence for each reference that moved.
pub fn repoint(plan: &mut Plan, kind: CatalogKind, fallback: &str) -> Vec<String> {
    let names = kind.names(plan);
    let reference = reference_mut(plan, kind);
    if reference.is_empty() || names.contains(reference) {
        return Vec::new();
    }
    let sentence = match kind {
        CatalogKind::Instances => format!("The app now runs on {fallback}."),
        CatalogKind::GpuNodes => format!("Voice now runs on {fallback}."),
        CatalogKind::Databases => "Today's database tier is now the smallest.".to_owned(),
        CatalogKind::Redis => "Today's Redis plan is now the smallest.".to_owned(),
    };
    *reference = match kind {
        CatalogKind::Instances | CatalogKind::GpuNodes => fallback.to_owned(),
        CatalogKind::Databases | CatalogKind::Redis => String::new(),
    };
    vec![sentence]
}

fn per_month(amount: f64, currency: Currency) -> String {
    format!("{}/month", format::money(amount, currency))
}

fn plural(count: u32, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        format::number(f64::from(count)),
        if count == 1 { one } else { many }
    )
}

/// Figures joined by " · ", each kept on one line (its spaces made non-breaking, so
/// "$1 918/month" never wraps inside).
fn digest(parts: &[String]) -> String {
    parts
        .iter()
        .map(|p| p.replace(' ', "\u{a0}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// An instance type in a line: "2 vCPU · 8 GB · 50 req/s · $59.60/month" (figures unbroken).
pub fn instance_digest(e: &InstanceType, currency: Currency) -> String {
    digest(&[
        format!("{} vCPU", format::number(e.vcpu)),
        format::with_unit(e.memory_gb, "GB"),
        format::with_unit(e.capacity_rps, "req/s"),
        per_month(e.usd_per_month, currency),
    ])
}

/// A database tier in a line: "60 connections · pooler 200 · 8 GB · $10/month".
pub fn database_digest(e: &DatabaseTier, currency: Currency) -> String {
    let pooler = if e.pooler_clients == 0 {
        "no pooler".to_owned()
    } else {
        format!("pooler {}", format::number(f64::from(e.pooler_clients)))
    };
    digest(&[
        plural(e.max_connections, "connection", "connections"),
        pooler,
        format::with_unit(e.storage_gb, "GB"),
        per_month(e.usd_per_month, currency),
    ])
}

/// A Redis plan in a line: "6.38 GB · primary + replica · 2 nodes · $175/month".
pub fn redis_digest(e: &RedisPlan, currency: Currency) -> String {
    digest(&[
        format::with_unit(e.memory_gb, "GB"),
        e.topology.words().to_owned(),
        plural(e.nodes, "node", "nodes"),
        per_month(e.usd_per_month, currency),
    ])
}

/// A GPU node type in a line: "4 streams · 8 sessions · $588/month".
pub fn gpu_digest(e: &GpuNode, currency: Currency) -> String {
    digest(&[
        plural(e.streams_per_node, "stream", "streams"),
        plural(e.sessions_per_node, "session", "sessions"),
        per_month(e.usd_per_month, currency),
    ])
}

/// Entry `index` of catalog `kind` in a line (see the `*_digest` functions), its region last
/// when it has one: "… · $59.60/month · eu-central-1".
pub fn catalog_digest(plan: &Plan, kind: CatalogKind, index: usize) -> Option<String> {
    let c = &plan.catalogs;
    let currency = plan.currency();
    let figures = match kind {
        CatalogKind::Instances => instance_digest(c.instances.get(index)?, currency),
        CatalogKind::Databases => database_digest(c.databases.get(index)?, currency),
        CatalogKind::Redis => redis_digest(c.redis.get(index)?, currency),
        CatalogKind::GpuNodes => gpu_digest(c.gpu_nodes.get(index)?, currency),
    };
    let region = catalog_entry(plan, kind, index)?.shared().region.trim();
    Some(if region.is_empty() {
        figures
    } else {
        format!("{figures} · {}", region.replace(' ', "\u{a0}"))
    })
}

/// The price date in words: "1 Nov 2026".
pub fn priced_on_words(date: NaiveDate) -> String {
    format::day_label(date)
}
