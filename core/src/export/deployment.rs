//! A [`DeploymentSpec`] from a validated plan and its results: what to deploy for one scenario
//! in one month.
//!
//! # How the figures map
//!
//! The plan has one app service; each replica is one instance of the policy's instance type
//! (`policies.app_instance`), as the engine sized it:
//!
//! | export | from |
//! |---|---|
//! | `replicas` | the month's app instances |
//! | CPU and memory limits | the instance type's allocatable ([`NodeSpec`]): its vCPUs and memory (decimal GB, written in MiB, rounded down) less the kubelet's and the system's reserve and the eviction threshold (GKE/EKS formula) |
//! | CPU and memory requests (reservations) | the allocatable less room for the node's DaemonSets ([`NodeSpec::request_millicores`], [`NodeSpec::request_memory_mib`]) |
//! | spare replicas (PodDisruptionBudget `maxUnavailable`) | `policies.redundancy`, the k of N+k |
//! | autoscaler `minReplicas` | `policies.min_instances` (the HA minimum) |
//! | autoscaler `maxReplicas` | the larger of `policies.max_instances` and the scenario's busiest month over the horizon, so the autoscaler never blocks a month the plan sized |
//! | autoscaler CPU target | `policies.target_utilisation_pct`, the plan's own utilisation target (the writers cap it at [`MAX_AUTOSCALER_TARGET_PCT`]) |
//! | autoscaler memory target | `policies.scale_up_trigger_pct` (the plan has no memory model; the trigger is its "move up before the limit" rule) |
//! | Redis `maxmemory` | the month's Redis plan: its memory per primary × `policies.redis.maxmemory_share_pct`, in MiB (a cluster's memory is split over its primaries) |
//! | Redis memory limit | the memory per primary `maxmemory` is that share of: the rest is the fork and fragmentation reserve of the Redis model (`crate::redis`) |
//! | managed services | a database tier or Redis plan whose catalog name or source names a provider of [`MANAGED_SERVICES`] ("Supabase", "ElastiCache", …) |
//! | GPU voice replicas | the month's GPU nodes, one GPU each; `node.kubernetes.io/instance-type` from the node type's name when it starts with an instance type ([`instance_type`]) |
//! | Redis `maxmemory-policy` | `allkeys-lru` for a single node (a cache: the catalog says its data may be lost), `noeviction` for a replicated or clustered plan (data that must be kept) |
//! | pool size per instance | `policies.pool_per_instance` |
//! | PgBouncer (when [`DatabaseMonth::connection_check`](crate::database::DatabaseMonth::connection_check) advises a pooler: the rule the engine flags with, held against the tier written) | `max_client_conn` = the larger of the app pools at `maxReplicas` ([`crate::database::connections_from_pools`]: `maxReplicas` × pool size + the month's background connections, so autoscaling never exhausts it) and the month's connections (the per-unit rule may ask for more); `default_pool_size` = the pooler share of the tier's direct connections; `pool_mode` = `transaction` |
//!
//! A plan with ranges that sizes for a percentile ("size for P90") has its deployment sized
//! for that percentile ([`spec_at`] with [`SizedFor`], the page's last run of trials): the
//! month's app instances, database connections, database tier, Redis plan and GPU nodes at the
//! percentile take the place of the single values above, the app pools' connections follow the
//! instances (the per-unit rule sets the connections when the percentile's are more than those
//! pools), and a note names the percentile and the trials.
//!
//! The container images are not part of a plan: the exports name [`APP_IMAGE`] and
//! [`VOICE_IMAGE`] and a note at the top says to replace them. Months beyond a catalog,
//! instance counts above the policy maximum and an autoscaler target above the cap are written
//! as notes too.

use std::fmt;

use crate::database;
use crate::engine::{MonthResult, PlanResults, ScenarioResult};
use crate::format;
use crate::plan::{DatabaseTier, Named, Plan, RedisPlan, RedisTopology};
use crate::redis::{MB_PER_GB, MIN_CLUSTER_PRIMARIES};
use crate::units::MiB;
use crate::validate::ValidPlan;

use super::{
    DatabaseSettings, DeploymentSpec, HttpProbe, NodeSpec, PoolerSettings, RedisSettings,
    ServiceSpec, SizedFor, VoiceSpec, DEFAULT_APP_PORT, MAX_AUTOSCALER_TARGET_PCT,
};
pub use super::{APP_IMAGE, VOICE_IMAGE};

/// Name of the app service in every export.
pub const APP_SERVICE: &str = "app";

/// Name of the GPU voice service in every export.
pub const VOICE_SERVICE: &str = "voice";

/// Providers whose name in a catalog entry's name or source marks it as a managed service
/// (bought, not run): the exports say so rather than deploy it.
pub const MANAGED_SERVICES: [&str; 12] = [
    "Supabase",
    "ElastiCache",
    "MemoryDB",
    "Upstash",
    "Redis Cloud",
    "Memorystore",
    "Azure Cache",
    "RDS",
    "Aurora",
    "Cloud SQL",
    "Neon",
    "DigitalOcean",
];

/// PgBouncer pool mode written when the plan advises a pooler: transaction pooling is what
/// lets many client connections share few server connections.
pub const POOL_MODE: &str = "transaction";

/// Why no spec could be made: the scenario or month is not in the results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpecError {
    /// No scenario at this index.
    NoScenario {
        /// The index asked for.
        index: usize,
        /// Scenarios in the results.
        scenarios: usize,
    },
    /// No such month in the scenario.
    NoMonth {
        /// The month asked for (1-based).
        month: u32,
        /// Months in the scenario.
        months: usize,
    },
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpecError::NoScenario { index, scenarios } => write!(
                f,
                "There is no scenario {} in this plan (it has {scenarios})",
                index + 1
            ),
            SpecError::NoMonth { month, months } => write!(
                f,
                "There is no month {month} in this plan (it plans {months} months)"
            ),
        }
    }
}

impl std::error::Error for SpecError {}

/// The deployment for scenario `scenario` (index into the plan's scenarios) in month `month`
/// (1-based), from `results`, which must be `engine::run(plan)`.
///
/// # Errors
/// [`SpecError`] when the scenario or month is not in the results.
///
/// # Example
/// ```
/// use headroom_core::{engine, export::{compose, deployment}, plan::Plan};
/// let plan = Plan::default().validate().unwrap();
/// let results = engine::run(&plan);
/// let spec = deployment::spec(&plan, &results, 0, 12).unwrap();
/// assert_eq!(spec.services[0].replicas as u64, results.scenarios[0].months[11].app.instances);
/// assert!(compose::to_yaml(&spec).contains("deploy:"));
/// assert!(deployment::spec(&plan, &results, 0, 13).is_err());
/// ```
pub fn spec(
    plan: &ValidPlan,
    results: &PlanResults,
    scenario: usize,
    month: u32,
) -> Result<DeploymentSpec, SpecError> {
    spec_at(plan, results, scenario, month, None)
}

/// [`spec`], sized for `sized` when given: the month's app instances, database tier, Redis plan
/// and GPU voice nodes at the percentile a plan with ranges sizes for, in place of its single
/// values; everything else follows from them as from the single values (the app pools'
/// connections from the instances, the pooler from the tier, `maxmemory` from the plan). A
/// note says which percentile, over how many trials.
///
/// # Errors
/// [`SpecError`] when the scenario or month is not in the results.
pub fn spec_at(
    plan: &ValidPlan,
    results: &PlanResults,
    scenario: usize,
    month: u32,
    sized: Option<SizedFor>,
) -> Result<DeploymentSpec, SpecError> {
    let valid = plan;
    let plan = valid.plan();
    let scenario_result = results
        .scenarios
        .get(scenario)
        .ok_or(SpecError::NoScenario {
            index: scenario,
            scenarios: results.scenarios.len(),
        })?;
    let no_month = || SpecError::NoMonth {
        month,
        months: scenario_result.months.len(),
    };
    let index =
        usize::try_from(month.checked_sub(1).ok_or_else(no_month)?).map_err(|_| no_month())?;
    let month_result = scenario_result.months.get(index).ok_or_else(no_month)?;

    let mut notes = vec![format!(
        "Replace the image {APP_IMAGE} with your app's image."
    )];
    let service = app_service(valid, scenario_result, month_result, sized, &mut notes);
    let database = database_settings(plan, month_result, sized, service.max_replicas, &mut notes);
    let redis = redis_settings(plan, month_result, sized, &mut notes);
    let voice = month_result.voice.as_ref().map(|voice| {
        let nodes = sized.map_or(voice.nodes, |f| f.gpu_nodes);
        let node = valid.gpu_node().map_or("GPU node", |g| g.name.as_str());
        notes.push(format!(
            "Voice needs {} × {node} this month: the {VOICE_SERVICE} service runs one replica, \
             one GPU, per node; replace the image {VOICE_IMAGE} with your voice image.",
            nodes
        ));
        VoiceSpec {
            name: VOICE_SERVICE.to_owned(),
            node_type: node.to_owned(),
            instance_type: instance_type(node),
            replicas: count(nodes),
            spare_replicas: plan.policies.redundancy,
            gpus: 1,
            image: VOICE_IMAGE.to_owned(),
            port: DEFAULT_APP_PORT,
            probe: HttpProbe::default(),
        }
    });
    // Which figures the file is sized for: a percentile of the plan's ranges when given, its
    // single values otherwise.
    if let Some(figures) = sized {
        notes.push(format!(
            "Sized for {} of the plan's ranges, over {} trials: the app instances ({}), the \
             database connections and tier, the Redis plan and the GPU voice nodes are each the \
             figure {} of the trials stay at or under.",
            crate::montecarlo::table::percentile_name(figures.pct),
            format::count(f64::from(figures.trials)),
            figures.app_instances,
            format::percent(figures.pct / 100.0),
        ));
    } else if let Some(u) = plan.uncertainty.as_ref().filter(|u| !u.ranges.is_empty()) {
        notes.push(match u.size_for_pct {
            Some(pct) => format!(
                "Sized for the plan's single values, not a percentile: the plan sizes for \
                 {} of its ranges, whose figures are in Headroom's Ranges panel.",
                crate::montecarlo::table::percentile_name(pct)
            ),
            None => "Sized for the plan's single values, not a percentile of its ranges (their \
                     bands are in Headroom's Ranges panel)."
                .to_owned(),
        });
    }
    Ok(DeploymentSpec {
        plan_name: plan.name.clone(),
        scenario: scenario_result.name.clone(),
        month_label: format!("{} (month {month})", month_result.calendar.label()),
        services: vec![service],
        voice,
        redis,
        database,
        notes,
    })
}

/// A count as `u32`, saturating.
fn count(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn app_service(
    valid: &ValidPlan,
    scenario: &ScenarioResult,
    month: &MonthResult,
    sized: Option<SizedFor>,
    notes: &mut Vec<String>,
) -> ServiceSpec {
    let plan = valid.plan();
    let policies = &plan.policies;
    let instances = sized.map_or(month.app.instances, |f| f.app_instances);
    let replicas = count(instances);
    let busiest = scenario
        .months
        .iter()
        .map(|m| m.app.instances)
        .max()
        .unwrap_or(0);
    let min_replicas = policies.min_instances.max(1);
    let max_replicas = policies
        .max_instances
        .max(count(busiest))
        .max(replicas)
        .max(min_replicas);
    let instance = valid.app_instance_type();
    let (name, vcpu, memory_mb) = (
        instance.name.as_str(),
        instance.vcpu,
        instance.memory_gb * MB_PER_GB,
    );
    let node = NodeSpec::new(name, vcpu, MiB::of_mb(memory_mb).0);
    let (limit_millicores, limit_mib) =
        (node.allocatable_millicores(), node.allocatable_memory_mib());
    let (request_millicores, request_mib) = (node.request_millicores(), node.request_memory_mib());
    notes.push(format!(
        "One replica is one “{name}”: {} vCPU and {} MiB, of which {} cores and {} MiB are \
         allocatable (kubelet and system reserve of {} cores and {} MiB by the GKE/EKS formula, \
         {} MiB eviction threshold); limits are the allocatable, requests {} cores and {} MiB \
         leave room for the node's DaemonSets.",
        format::number(vcpu),
        node.capacity_memory_mib,
        cores(limit_millicores),
        limit_mib,
        cores(node.reserved_millicores),
        node.reserved_memory_mib,
        node.eviction_memory_mib,
        cores(request_millicores),
        request_mib
    ));
    if policies.target_utilisation_pct > MAX_AUTOSCALER_TARGET_PCT {
        notes.push(format!(
            "The autoscaler aims at {} CPU, not the plan's {}: at 100 % of the requests it \
             could never scale out.",
            format::percent(MAX_AUTOSCALER_TARGET_PCT / 100.0),
            format::percent(policies.target_utilisation_pct / 100.0)
        ));
    }
    // The engine's rule (`sizing`), for the instances written.
    if instances > u64::from(policies.max_instances) {
        notes.push(format!(
            "{replicas} instances is above the policy maximum of {}: consider a larger \
             instance type.",
            policies.max_instances
        ));
    }
    ServiceSpec {
        name: APP_SERVICE.to_owned(),
        replicas,
        min_replicas,
        max_replicas,
        spare_replicas: policies.redundancy,
        cpu_limit: limit_millicores as f64 / 1000.0,
        cpu_reservation: request_millicores as f64 / 1000.0,
        memory_limit_mib: MiB(limit_mib),
        memory_reservation_mib: MiB(request_mib),
        image: APP_IMAGE.to_owned(),
        target_cpu_utilisation_pct: policies.target_utilisation_pct,
        target_memory_utilisation_pct: policies.scale_up_trigger_pct,
        port: DEFAULT_APP_PORT,
        probe: HttpProbe::default(),
        node: Some(node),
    }
}

/// Millicores as cores in words ("1.93").
fn cores(millicores: u64) -> String {
    format::number(millicores as f64 / 1000.0)
}

/// The `node.kubernetes.io/instance-type` value a node type's catalog name starts with: its
/// first word when that looks like a cloud instance type (letters, digits, `-`, `_` and at
/// least one `.`, as `g6.xlarge` or `Standard_NC4as_T4_v3`… with a dot), `None` otherwise
/// ("Ollama voice node" names no instance type).
///
/// # Example
/// ```
/// use headroom_core::export::deployment::instance_type;
/// assert_eq!(instance_type("g6.xlarge (L4)").as_deref(), Some("g6.xlarge"));
/// assert_eq!(instance_type("Ollama voice node (2 cores, 4 GB)"), None);
/// ```
pub fn instance_type(node: &str) -> Option<String> {
    let word = node.split_whitespace().next()?;
    let valid = word.len() <= super::MAX_LABEL
        && word.contains('.')
        && word.starts_with(|c: char| c.is_ascii_alphanumeric())
        && word.ends_with(|c: char| c.is_ascii_alphanumeric())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    valid.then(|| word.to_owned())
}

/// The managed service a catalog entry is bought from, "Provider (entry name)", when its name
/// or source names one of [`MANAGED_SERVICES`].
///
/// # Example
/// ```
/// use headroom_core::export::deployment::managed_service;
/// assert_eq!(managed_service("Supabase Micro", "").as_deref(), Some("Supabase (Supabase Micro)"));
/// assert_eq!(
///     managed_service("cache.t4g.micro", "AWS ElastiCache on-demand pricing").as_deref(),
///     Some("ElastiCache (cache.t4g.micro)")
/// );
/// assert_eq!(managed_service("Primary + PgBouncer", "VoiceAssist runbook"), None);
/// ```
pub fn managed_service(name: &str, source: &str) -> Option<String> {
    MANAGED_SERVICES
        .iter()
        .find(|provider| name.contains(*provider) || source.contains(*provider))
        .map(|provider| format!("{provider} ({name})"))
}

fn database_settings(
    plan: &Plan,
    month: &MonthResult,
    sized: Option<SizedFor>,
    max_replicas: u32,
    notes: &mut Vec<String>,
) -> Option<DatabaseSettings> {
    let policies = &plan.policies;
    let databases = &plan.catalogs.databases;
    // At a percentile: its tier, the app pools of its instances, and its connections. In
    // each trial the connections are the larger of the two rules; where the percentile's are
    // more than the pools of the percentile's instances, only the per-unit rule gives them.
    let mut db = month.database.clone();
    if let Some(f) = sized {
        db.tier = Some(f.database_tier);
        db.connections_from_pools = database::connections_from_pools(
            f.app_instances,
            policies.pool_per_instance,
            db.background_connections,
        );
        db.connections_from_units = f.database_connections as f64;
    }
    let tier: &DatabaseTier = match db.tier.and_then(|t| databases.get(t)) {
        Some(tier) => tier,
        None => {
            let largest = databases.last()?;
            notes.push(format!(
                "The database needs more than the largest tier ({}) this month; the settings \
                 below use that tier.",
                largest.name
            ));
            largest
        }
    };
    // The engine's connection rule, held against the tier the settings use (the largest when
    // the month is beyond the catalog).
    let check = db.connection_check(tier, policies.pooler_share());
    let pooler = check.needs_pooler.then(|| {
        notes.push(format!(
            "The app needs {} connections ({}), more than {} of the {} direct connections \
             of {}: connect through PgBouncer.",
            format::number(check.connections.ceil()),
            check.rule.words(),
            format::percent(policies.pooler_share().get()),
            tier.max_connections,
            tier.name
        ));
        // The app pools at the autoscaler's maximum, as the engine counts them.
        let clients = database::connections_from_pools(
            u64::from(max_replicas),
            policies.pool_per_instance,
            db.background_connections,
        )
        .max(check.connections);
        PoolerSettings {
            max_client_conn: saturating_u32(clients.ceil()).max(1),
            default_pool_size: saturating_u32(check.direct_allowed.floor()).max(1),
            pool_mode: POOL_MODE.to_owned(),
        }
    });
    Some(DatabaseSettings {
        tier: tier.name.clone(),
        pool_per_instance: policies.pool_per_instance,
        pooler,
        managed: managed_service(&tier.name, &tier.source),
    })
}

fn saturating_u32(value: f64) -> u32 {
    if value.is_finite() && value >= 0.0 {
        // `as` saturates at u32::MAX.
        value as u32
    } else {
        0
    }
}

/// Primaries of a Redis plan: one for a single node or a primary with replicas; for a
/// cluster, half its nodes when it has at least two per shard of the recommended minimum (3
/// primaries + 3 replicas), otherwise every node.
///
/// # Example
/// ```
/// use headroom_core::{catalog, export::deployment::primaries};
/// let plans = catalog::default_redis_plans();
/// assert_eq!(primaries(&plans[0]), 1); // single node
/// assert_eq!(primaries(&plans[3]), 1); // primary + replica
/// assert_eq!(primaries(&plans[5]), 3); // 3 shards, 6 nodes
/// ```
pub fn primaries(plan: &RedisPlan) -> u32 {
    match plan.topology {
        RedisTopology::Single | RedisTopology::Replicated => 1,
        RedisTopology::Cluster => {
            let nodes = plan.nodes.max(1);
            if nodes >= 2 * MIN_CLUSTER_PRIMARIES && nodes.is_multiple_of(2) {
                nodes / 2
            } else {
                nodes
            }
        }
    }
}

/// `allkeys-lru` for a cache (single node), `noeviction` for data that must be kept.
fn eviction_policy(topology: RedisTopology) -> &'static str {
    match topology {
        RedisTopology::Single => "allkeys-lru",
        RedisTopology::Replicated | RedisTopology::Cluster => "noeviction",
    }
}

fn redis_settings(
    plan: &Plan,
    month: &MonthResult,
    sized: Option<SizedFor>,
    notes: &mut Vec<String>,
) -> Option<RedisSettings> {
    let share = plan.policies.redis.maxmemory_share_pct / 100.0;
    let catalog = &plan.catalogs.redis;
    let chosen = sized.map_or(month.redis.plan, |f| Some(f.redis_plan));
    match chosen.and_then(|p| catalog.get(p)) {
        Some(entry) => {
            let per_primary_mb = entry.memory_gb * MB_PER_GB / f64::from(primaries(entry));
            let maxmemory_mib = MiB::of_mb(per_primary_mb * share);
            Some(RedisSettings {
                maxmemory_mib,
                memory_limit_mib: MiB::of_mb(per_primary_mb).max(maxmemory_mib),
                maxmemory_policy: eviction_policy(entry.topology).to_owned(),
                nodes: entry.nodes,
                topology: entry.topology.name().to_owned(),
                managed: managed_service(&entry.name, &entry.source),
            })
        }
        None => {
            let largest = catalog.last()?;
            notes.push(format!(
                "Redis needs {} of node memory this month, more than the largest plan ({}): \
                 maxmemory below is what the data needs.",
                format::with_unit(month.redis.need.node_memory_mb, "MB"),
                largest.name
            ));
            let maxmemory_mib = MiB::of_mb(month.redis.need.maxmemory_mb);
            Some(RedisSettings {
                maxmemory_mib,
                memory_limit_mib: MiB::of_mb(month.redis.need.node_memory_mb).max(maxmemory_mib),
                maxmemory_policy: eviction_policy(largest.topology).to_owned(),
                nodes: largest.nodes,
                topology: largest.topology.name().to_owned(),
                managed: managed_service(&largest.name, &largest.source),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn megabytes_become_mebibytes_rounded_down() {
        assert_eq!(MiB::of_mb(8000.0), MiB(7629));
        assert_eq!(MiB::of_mb(1.048_576), MiB(1));
        assert_eq!(MiB::of_mb(1.0), MiB(0));
        assert_eq!(MiB::of_mb(f64::NAN), MiB(0));
        assert_eq!(MiB::of_mb(-5.0), MiB(0));
    }

    #[test]
    fn cluster_primaries() {
        let cluster = |nodes| RedisPlan {
            name: "c".to_owned(),
            memory_gb: 12.0,
            topology: RedisTopology::Cluster,
            nodes,
            usd_per_month: 0.0,
            source: String::new(),
            priced_on: None,
            region: String::new(),
        };
        assert_eq!(primaries(&cluster(3)), 3);
        assert_eq!(primaries(&cluster(6)), 3);
        assert_eq!(primaries(&cluster(7)), 7);
        assert_eq!(primaries(&cluster(0)), 1);
    }
}
