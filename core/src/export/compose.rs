//! Docker Compose export: the app services with replicas and resources, Redis, PgBouncer and
//! the GPU voice service.
//!
//! The file follows the Compose specification: `services.<name>.deploy.replicas` and
//! `deploy.resources.limits` / `reservations` with `cpus` as a decimal string (`"0.5"`) and
//! `memory` in MiB (`512M`). The plan, scenario and month are in the top-level `x-headroom`
//! field (Compose's place for metadata: tools ignore `x-` fields) as well as in the comment at
//! the top.
//!
//! - Redis ([`REDIS_IMAGE`]) runs with `--maxmemory` and `--maxmemory-policy` on its command
//!   line and a memory limit of `maxmemory` plus the fork and fragmentation reserve of the
//!   plan's Redis model ([`RedisSettings::memory_limit_mib`](super::RedisSettings)). A primary +
//!   replica plan gets a `redis-replica` service (`--replicaof redis 6379`); a cluster is not
//!   written (one node stands in for it) and `x-headroom` says so.
//! - PgBouncer ([`PGBOUNCER_IMAGE`], `edoburu/pgbouncer`), when the plan advises a pooler, is
//!   set up by its `DATABASE_URL`, `POOL_MODE`, `DEFAULT_POOL_SIZE` and `MAX_CLIENT_CONN`
//!   variables; `DATABASE_URL` is left to the environment (`${DATABASE_URL:?…}`: Compose stops
//!   with that message when it is not set).
//! - The GPU voice service runs one replica per GPU node, each reserving its GPUs
//!   (`deploy.resources.reservations.devices`: driver `nvidia`, capabilities `[gpu]`).
//!
//! Each app service gets its connection pool size in [`POOL_SIZE_VARIABLE`]. Service keys are
//! [`dns_label`]s.

use super::SortedMap;

use crate::units::MiB;
use serde_json::Value;

use super::{
    dns_label, header, mebibytes, millicores, setting_word, strings, unique_labels, write,
    DeploymentSpec, Fields, Metadata, RedisSettings,
};
pub use super::{PGBOUNCER_IMAGE, POOL_SIZE_VARIABLE, REDIS_IMAGE};

/// Service key of the Redis primary.
pub const REDIS_SERVICE: &str = "redis";
/// Service key of the Redis replica (primary + replica plans).
pub const REDIS_REPLICA_SERVICE: &str = "redis-replica";
/// Service key of PgBouncer.
pub const PGBOUNCER_SERVICE: &str = "pgbouncer";
/// Port Redis listens on.
const REDIS_PORT: &str = "6379";
/// PgBouncer's `DATABASE_URL`, read from the environment Compose runs in.
const DATABASE_URL: &str = "${DATABASE_URL:?set DATABASE_URL to the database connection string}";

/// One service of the file.
struct Service {
    image: String,
    command: Option<Vec<String>>,
    environment: Option<SortedMap<String, String>>,
    depends_on: Option<Vec<String>>,
    replicas: u32,
    /// `deploy.resources`.
    resources: Option<Fields>,
}

impl From<Service> for Value {
    fn from(service: Service) -> Self {
        let deploy = Fields::default()
            .with("replicas", service.replicas)
            .maybe("resources", service.resources);
        Fields::default()
            .with("image", service.image)
            .maybe("command", service.command)
            .maybe("environment", service.environment.map(strings))
            .maybe("depends_on", service.depends_on)
            .with("deploy", deploy)
            .into()
    }
}

/// A resource block: CPUs, memory and devices, each when given.
fn resource(cpus: Option<String>, memory: Option<String>, devices: Option<Value>) -> Fields {
    Fields::default()
        .maybe("cpus", cpus)
        .maybe("memory", memory)
        .maybe("devices", devices)
}

/// `deploy.resources`: limits and reservations, each when given.
fn resources(limits: Option<Fields>, reservations: Option<Fields>) -> Option<Fields> {
    Some(
        Fields::default()
            .maybe("limits", limits)
            .maybe("reservations", reservations),
    )
}

/// Cores as Compose writes them: a decimal string with at most three decimals (`"0.5"`,
/// `"2"`), at least `"0.001"`.
///
/// # Example
/// ```
/// use headroom_core::export::compose::cpus;
/// assert_eq!(cpus(0.5), "0.5");
/// assert_eq!(cpus(2.0), "2");
/// assert_eq!(cpus(0.1234), "0.123");
/// assert_eq!(cpus(f64::NAN), "0.001");
/// ```
pub fn cpus(cores: f64) -> String {
    let m = millicores(cores);
    let (whole, fraction) = (m / 1000, m % 1000);
    if fraction == 0 {
        whole.to_string()
    } else {
        let digits = format!("{fraction:03}");
        format!("{whole}.{}", digits.trim_end_matches('0'))
    }
}

/// MiB as Compose writes them: `512M` (at least `1M`).
///
/// # Example
/// ```
/// use headroom_core::export::compose::memory;
/// assert_eq!(memory(headroom_core::units::MiB(512)), "512M");
/// ```
pub fn memory(mib: MiB) -> String {
    format!("{}M", mebibytes(mib))
}

/// A service of `image` with one replica and nothing else.
fn plain(image: &str) -> Service {
    Service {
        image: image.to_owned(),
        command: None,
        environment: None,
        depends_on: None,
        replicas: 1,
        resources: None,
    }
}

/// The Redis primary, and its replica for a primary + replica plan.
fn redis_services(redis: &RedisSettings) -> Vec<(&'static str, Service)> {
    let command = |extra: &[&str]| {
        let mut command = vec![
            "redis-server".to_owned(),
            "--maxmemory".to_owned(),
            format!("{}mb", mebibytes(redis.maxmemory_mib)),
            "--maxmemory-policy".to_owned(),
            setting_word(&redis.maxmemory_policy, "noeviction"),
        ];
        command.extend(extra.iter().map(|word| (*word).to_owned()));
        Some(command)
    };
    let limits = || {
        let memory = memory(redis.memory_limit_mib.max(redis.maxmemory_mib));
        resources(Some(resource(None, Some(memory), None)), None)
    };
    let mut services = vec![(
        REDIS_SERVICE,
        Service {
            command: command(&[]),
            resources: limits(),
            ..plain(REDIS_IMAGE)
        },
    )];
    if setting_word(&redis.topology, "single") == "replicated" {
        services.push((
            REDIS_REPLICA_SERVICE,
            Service {
                command: command(&["--replicaof", REDIS_SERVICE, REDIS_PORT]),
                depends_on: Some(vec![REDIS_SERVICE.to_owned()]),
                resources: limits(),
                ..plain(REDIS_IMAGE)
            },
        ));
    }
    services
}

/// What the file says of itself beyond the spec's notes: a Redis cluster it does not write.
fn remarks(spec: &DeploymentSpec) -> Vec<String> {
    match &spec.redis {
        Some(redis) if setting_word(&redis.topology, "single") == "cluster" => vec![format!(
            "redis: the plan's Redis is a cluster of {} nodes; a cluster is not written here: \
             one node with the maxmemory of a primary stands in for it.",
            redis.nodes
        )],
        _ => Vec::new(),
    }
}

/// Writes `spec` as a Docker Compose file, with a comment and an `x-headroom` field naming the
/// plan, scenario and month.
///
/// Never fails: names are derived into valid service keys and quantities have floors (see
/// [`crate::export`]).
///
/// # Example
/// ```
/// use headroom_core::export::{compose, samples};
/// let text = compose::to_yaml(&samples::shop());
/// assert!(text.starts_with("# Docker Compose file generated by Headroom\n"));
/// assert!(text.contains("  web-api:\n"));
/// assert!(text.contains("replicas: 4"));
/// assert!(text.contains("\"no\":"));
/// assert!(text.contains("x-headroom:"));
/// ```
pub fn to_yaml(spec: &DeploymentSpec) -> String {
    let mut reserved = Vec::new();
    if spec.redis.is_some() {
        reserved.extend([REDIS_SERVICE, REDIS_REPLICA_SERVICE]);
    }
    let pooler = spec.database.as_ref().and_then(|d| d.pooler.as_ref());
    if pooler.is_some() {
        reserved.push(PGBOUNCER_SERVICE);
    }
    let voice_label = spec.voice.as_ref().map(|voice| dns_label(&voice.name));
    reserved.extend(voice_label.as_deref());
    let app_environment = spec.database.as_ref().map(|d| {
        crate::export::ordered(vec![(
            POOL_SIZE_VARIABLE.to_owned(),
            d.pool_per_instance.to_string(),
        )])
    });
    let labels = unique_labels(spec.services.iter().map(|s| s.name.as_str()), &reserved);
    let mut services = SortedMap::new();
    for (service, label) in spec.services.iter().zip(labels) {
        services.insert(
            label,
            Service {
                environment: app_environment.clone(),
                replicas: service.replicas,
                resources: resources(
                    Some(resource(
                        Some(cpus(service.cpu_limit)),
                        Some(memory(service.memory_limit_mib)),
                        None,
                    )),
                    Some(resource(
                        Some(cpus(service.cpu_reservation)),
                        Some(memory(service.memory_reservation_mib)),
                        None,
                    )),
                ),
                ..plain(&service.image)
            },
        );
    }
    if let (Some(voice), Some(label)) = (&spec.voice, voice_label) {
        let gpus = Value::Array(vec![Fields::default()
            .with("driver", "nvidia")
            .with("count", voice.gpus.max(1))
            .with("capabilities", vec!["gpu"])
            .into()]);
        services.insert(
            label,
            Service {
                replicas: voice.replicas,
                resources: resources(None, Some(resource(None, None, Some(gpus)))),
                ..plain(&voice.image)
            },
        );
    }
    for (name, service) in spec.redis.iter().flat_map(redis_services) {
        services.insert(name.to_owned(), service);
    }
    if let Some(pooler) = pooler {
        let environment = crate::export::ordered(vec![
            ("DATABASE_URL".to_owned(), DATABASE_URL.to_owned()),
            (
                "POOL_MODE".to_owned(),
                setting_word(&pooler.pool_mode, "transaction"),
            ),
            (
                "DEFAULT_POOL_SIZE".to_owned(),
                pooler.default_pool_size.to_string(),
            ),
            (
                "MAX_CLIENT_CONN".to_owned(),
                pooler.max_client_conn.to_string(),
            ),
        ]);
        services.insert(
            PGBOUNCER_SERVICE.to_owned(),
            Service {
                environment: Some(environment),
                ..plain(PGBOUNCER_IMAGE)
            },
        );
    }
    let remarks = remarks(spec);
    let services: serde_json::Map<String, Value> = services
        .into_iter()
        .map(|(name, service)| (name, service.into()))
        .collect();
    let file = Fields::default()
        .with("name", dns_label(&spec.plan_name))
        .with("x-headroom", Metadata::of(spec, &remarks))
        .with("services", services);
    format!(
        "{}{}",
        header("Docker Compose file", spec, &remarks),
        write(&file.into())
    )
}
