//! Deployment exports: a sized plan month written as files a platform team can apply.
//!
//! [`deployment::spec`] fills a [`DeploymentSpec`] from a validated plan and its results (one
//! scenario, one month) and the writers turn it into text:
//!
//! - [`compose::to_yaml`]: a Docker Compose file: `deploy.replicas`, resource limits and
//!   reservations, the pool size in each app service's environment, Redis with `--maxmemory`
//!   and a memory limit (and a replica service when the plan's Redis is primary + replica), a
//!   PgBouncer service when the plan advises a pooler, a GPU voice service reserving NVIDIA
//!   devices, and the plan, scenario and month in a top-level `x-headroom` field;
//! - [`kubernetes::to_yaml`]: Kubernetes manifests: per app service a Deployment (no
//!   `replicas`: its HorizontalPodAutoscaler owns them), the autoscaler, a Service and a
//!   PodDisruptionBudget from the plan's N+k redundancy; a GPU voice Deployment; a ConfigMap
//!   the app reads its settings from and one with `redis.conf` and `pgbouncer.ini`. Redis and
//!   PgBouncer are not workloads there: the file says why (a managed service, or left to an
//!   operator);
//! - [`helm::to_yaml`]: a `values.yaml` for the chart `helm create` makes, with the app's
//!   figures and the GPU voice service as an extra block;
//! - [`csv::to_csv`]: tables for spreadsheets, quoted per RFC 4180 and safe from formula
//!   injection.
//!
//! The YAML writers build JSON documents (`serde_json::Value`, key by key, in the order the
//! files show them) and write them with `codec::yaml_writer` (the plan file's own YAML
//! writer), never string templates, so every value is quoted as YAML needs: a service called
//! `no` or `on` stays a string for every reader. `scripts/validate-exports.sh` checks sample output against the
//! Compose specification's JSON schema and the Kubernetes API schemas, and
//! `scripts/validate_exports.py` checks the conventions above (replicas left to autoscalers,
//! targets below 100 %, requests within the node's allocatable, probes, disruption budgets,
//! Redis limits, images from [`KNOWN_IMAGES`], the keys of `helm create`'s values).
//!
//! # Names
//!
//! Compose service keys, the Compose project and Kubernetes object names are derived from the
//! names people typed by [`dns_label`]: accented Latin letters folded to ASCII ([`fold`]), then
//! lowercase ASCII letters, digits and `-`, at most 63 characters, starting and ending with a
//! letter or digit (an RFC 1123 label, which Kubernetes requires and Compose accepts). Names
//! that derive to the same label get `-2`, `-3`, … in order ([`unique_labels`]).
//!
//! # Units
//!
//! CPU figures are cores (0.5 = half a core) or millicores where the name says so. Memory
//! figures are mebibytes (MiB, 2²⁰ bytes), the unit container runtimes count in: Compose
//! writes them with `M`, Kubernetes with `Mi`, and Redis' `maxmemory` with `mb`, all of which
//! mean MiB. Values that are not finite or not positive are written as the smallest amount
//! (1 millicore, 1 MiB) rather than rejected, so the writers cannot fail.

#[cfg(feature = "yaml")]
pub mod compose;
pub mod csv;
#[cfg(feature = "yaml")]
pub mod deployment;
#[cfg(feature = "yaml")]
pub mod helm;
#[cfg(feature = "yaml")]
pub mod kubernetes;
mod names;
pub mod node;
#[cfg(feature = "yaml")]
pub mod samples;

pub use crate::units::MiB;
pub use names::{dns_label, file_name, fold, unique_labels, MAX_LABEL};

/// A map of `pairs`, inserted one by one: `BTreeMap::from` sorts its pairs first, and the
/// standard library's sort is kilobytes of code for each key and value type.
#[cfg(feature = "yaml")]
pub(crate) fn ordered<K: Ord, V>(pairs: Vec<(K, V)>) -> SortedMap<K, V> {
    let mut map = SortedMap::new();
    for (key, value) in pairs {
        map.insert(key, value);
    }
    map
}

/// A map in the order of its keys, as a `BTreeMap` iterates, kept as a sorted list: the
/// exports' maps hold a few keys (labels, settings, services), and a `BTreeMap`'s insertion,
/// search, iteration and drop were kilobytes of the file worker's code per key and value type.
#[cfg(feature = "yaml")]
#[derive(Clone, Debug)]
pub(crate) struct SortedMap<K, V>(Vec<(K, V)>);

#[cfg(feature = "yaml")]
impl<K: Ord, V> SortedMap<K, V> {
    pub(crate) fn new() -> Self {
        SortedMap(Vec::new())
    }

    /// Adds `value` under `key` in its place, or replaces the value a key equal to it has (the
    /// key first inserted stays), as `BTreeMap::insert` does.
    pub(crate) fn insert(&mut self, key: K, value: V) {
        match self.0.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(at) => {
                if let Some(entry) = self.0.get_mut(at) {
                    entry.1 = value;
                }
            }
            Err(at) => self.0.insert(at, (key, value)),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(feature = "yaml")]
impl<K: Ord, V> Extend<(K, V)> for SortedMap<K, V> {
    /// Inserts each entry in turn, as `BTreeMap::extend` does.
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, entries: I) {
        for (key, value) in entries {
            self.insert(key, value);
        }
    }
}

#[cfg(feature = "yaml")]
impl<K, V> IntoIterator for SortedMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;

    /// The entries in the order of their keys.
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}
pub use node::NodeSpec;

/// Image of the Redis service: Redis 8.2 on Alpine, the current stable line (Redis 8 is the
/// release the engine's per-key overhead default is measured against; 7.4 only gets fixes).
pub const REDIS_IMAGE: &str = "redis:8.2-alpine";

/// Image of the PgBouncer service: PgBouncer 1.25.2 (`edoburu/pgbouncer`, maintained, set up
/// by `DATABASE_URL`, `POOL_MODE`, `DEFAULT_POOL_SIZE` and `MAX_CLIENT_CONN`). Bitnami's
/// `bitnami/pgbouncer` images were taken off Docker Hub's public catalog in 2025.
pub const PGBOUNCER_IMAGE: &str = "edoburu/pgbouncer:v1.25.2-p0";

/// Placeholder image of the app service: plans do not name one.
pub const APP_IMAGE: &str = "registry.example.com/app:latest";

/// Placeholder image of the GPU voice service.
pub const VOICE_IMAGE: &str = "registry.example.com/voice:latest";

/// Every image the writers name of their own: the third-party images (which exist on Docker
/// Hub) and the placeholders (which a note says to replace). `scripts/validate_exports.py`
/// accepts no other image in the samples built from templates; `examples/export_samples.rs`
/// writes this list out for it.
pub const KNOWN_IMAGES: [&str; 4] = [REDIS_IMAGE, PGBOUNCER_IMAGE, APP_IMAGE, VOICE_IMAGE];

/// Environment variable holding an app instance's database pool size (connections), in Compose
/// and in the Kubernetes ConfigMap alike.
pub const POOL_SIZE_VARIABLE: &str = "DB_POOL_SIZE";

/// Port an app container listens on, unless the spec says otherwise.
pub const DEFAULT_APP_PORT: u16 = 8080;

/// Path of the readiness and liveness probes, unless the spec says otherwise: an HTTP GET that
/// answers 200 while the process serves (the Kubernetes convention).
pub const DEFAULT_PROBE_PATH: &str = "/healthz";

/// Highest utilisation an autoscaler aims for, in percent: at 100 % of the requests the
/// average can never exceed the target (a pod cannot use more than its node), so the
/// autoscaler would never scale out.
pub const MAX_AUTOSCALER_TARGET_PCT: f64 = 90.0;

/// One month's figures at the percentile a plan with ranges sizes for, over its trials
/// (`montecarlo::columns::BandColumns::sized`): what a deployment file is sized for instead of
/// the plan's single values ([`deployment::spec_at`]). Catalog positions count from 0; the
/// catalog's length is beyond it.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SizedFor {
    /// The percentile, in %.
    pub pct: f64,
    /// How many trials made the figures.
    pub trials: u32,
    /// App instances.
    pub app_instances: u64,
    /// Database connections needed (in each trial the larger of the app pools' and the
    /// per-unit rule's), at the percentile, rounded up.
    pub database_connections: u64,
    /// The database tier's position in the plan's catalog.
    pub database_tier: usize,
    /// The Redis plan's position in the plan's catalog.
    pub redis_plan: usize,
    /// GPU voice nodes.
    pub gpu_nodes: u64,
}

/// Everything a deployment export needs: one plan, one scenario, one month.
#[derive(Clone, Debug, PartialEq)]
pub struct DeploymentSpec {
    /// Name of the plan that produced the figures.
    pub plan_name: String,
    /// Name of the scenario.
    pub scenario: String,
    /// The month the figures are for, as shown to people ("Jan 2028", "month 12").
    pub month_label: String,
    /// The app services, in display order.
    pub services: Vec<ServiceSpec>,
    /// The GPU voice service, when the plan has voice.
    pub voice: Option<VoiceSpec>,
    /// Redis settings, when the plan uses Redis.
    pub redis: Option<RedisSettings>,
    /// Database connection pool settings, when the plan has a database tier.
    pub database: Option<DatabaseSettings>,
    /// Lines of advice written as comments at the top of every export (the image to replace,
    /// figures above a policy, resources the files do not cover).
    pub notes: Vec<String>,
}

/// One app service.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceSpec {
    /// Service name as the person typed it; exports derive their names with [`dns_label`].
    pub name: String,
    /// Replicas to run in this month.
    pub replicas: u32,
    /// Fewest replicas the autoscaler may run.
    pub min_replicas: u32,
    /// Most replicas the autoscaler may run.
    pub max_replicas: u32,
    /// Spare replicas of the plan's N+k redundancy (k): how many may be down at once.
    pub spare_replicas: u32,
    /// CPU limit per replica, in cores.
    pub cpu_limit: f64,
    /// CPU reserved (requested) per replica, in cores.
    pub cpu_reservation: f64,
    /// Memory limit per replica.
    pub memory_limit_mib: MiB,
    /// Memory reserved (requested) per replica.
    pub memory_reservation_mib: MiB,
    /// Container image, e.g. `ghcr.io/acme/api:1.4`.
    pub image: String,
    /// CPU utilisation the autoscaler aims for, in percent of the reservation (written at most
    /// [`MAX_AUTOSCALER_TARGET_PCT`]).
    pub target_cpu_utilisation_pct: f64,
    /// Memory utilisation the autoscaler aims for, in percent of the reservation (written at
    /// most [`MAX_AUTOSCALER_TARGET_PCT`]).
    pub target_memory_utilisation_pct: f64,
    /// Port the container listens on ([`DEFAULT_APP_PORT`]).
    pub port: u16,
    /// Readiness and liveness probe.
    pub probe: HttpProbe,
    /// The node type one replica is sized for, when the plan names one: its allocatable is
    /// written beside the requests.
    pub node: Option<NodeSpec>,
}

#[cfg(feature = "yaml")]
impl ServiceSpec {
    /// The autoscaler's bounds as the exports write them: at least one replica, and a
    /// maximum never below the minimum.
    fn autoscaler_replicas(&self) -> (u32, u32) {
        let min = self.min_replicas.max(1);
        (min, self.max_replicas.max(min))
    }
}

/// An HTTP GET probe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpProbe {
    /// Path asked for ([`DEFAULT_PROBE_PATH`]).
    pub path: String,
    /// Port asked on ([`DEFAULT_APP_PORT`]).
    pub port: u16,
}

impl Default for HttpProbe {
    fn default() -> Self {
        Self {
            path: DEFAULT_PROBE_PATH.to_owned(),
            port: DEFAULT_APP_PORT,
        }
    }
}

/// The GPU voice service: one replica per GPU node, one GPU each.
#[derive(Clone, Debug, PartialEq)]
pub struct VoiceSpec {
    /// Service name (`voice`).
    pub name: String,
    /// The GPU node type, as the plan's catalog names it ("g6.xlarge (L4)").
    pub node_type: String,
    /// The node's `node.kubernetes.io/instance-type` label value, when the catalog name starts
    /// with an instance type (`g6.xlarge`).
    pub instance_type: Option<String>,
    /// Replicas: the month's GPU nodes.
    pub replicas: u32,
    /// Spare nodes of the plan's N+k redundancy (k).
    pub spare_replicas: u32,
    /// GPUs each replica takes.
    pub gpus: u32,
    /// Container image.
    pub image: String,
    /// Port the container listens on.
    pub port: u16,
    /// Readiness and liveness probe.
    pub probe: HttpProbe,
}

/// Redis memory settings.
#[derive(Clone, Debug, PartialEq)]
pub struct RedisSettings {
    /// `maxmemory`.
    pub maxmemory_mib: MiB,
    /// Memory limit of a Redis container, in MiB: `maxmemory` and the fork and fragmentation
    /// reserve the plan's Redis model keeps beside it (the node memory `maxmemory` is a share
    /// of), at least `maxmemory`.
    pub memory_limit_mib: MiB,
    /// `maxmemory-policy`, e.g. `allkeys-lru`.
    pub maxmemory_policy: String,
    /// Nodes (primaries and replicas).
    pub nodes: u32,
    /// `single`, `replicated` or `cluster`.
    pub topology: String,
    /// The managed service the plan buys Redis from ("ElastiCache"), when its catalog entry
    /// names one.
    pub managed: Option<String>,
}

/// Database connection settings: each app instance's pool, and PgBouncer when the plan
/// advises a pooler.
#[derive(Clone, Debug, PartialEq)]
pub struct DatabaseSettings {
    /// Name of the database tier.
    pub tier: String,
    /// Connections each app instance's own pool holds.
    pub pool_per_instance: u32,
    /// PgBouncer settings, when the month's connections would hold too many of the tier's direct
    /// connections.
    pub pooler: Option<PoolerSettings>,
    /// The managed service the tier is bought from ("Supabase"), when its catalog entry names
    /// one.
    pub managed: Option<String>,
}

/// Connection pooler (PgBouncer) settings.
#[derive(Clone, Debug, PartialEq)]
pub struct PoolerSettings {
    /// Client connections PgBouncer accepts (`max_client_conn`).
    pub max_client_conn: u32,
    /// Server connections per user and database pair (`default_pool_size`).
    pub default_pool_size: u32,
    /// PgBouncer pool mode: `session`, `transaction` or `statement`.
    pub pool_mode: String,
}

#[cfg(feature = "yaml")]
/// Whole millicores for `cores`, at least 1 (non-finite and non-positive values give 1).
fn millicores(cores: f64) -> u64 {
    let m = (cores * 1000.0).round();
    if m.is_finite() && m >= 1.0 {
        // Saturates at u64::MAX for absurd values.
        m as u64
    } else {
        1
    }
}

#[cfg(feature = "yaml")]
/// MiB, at least 1.
fn mebibytes(mib: MiB) -> u64 {
    mib.0.max(1)
}

#[cfg(feature = "yaml")]
/// The first word of a setting such as a Redis policy or a pool mode, lowercased and cut at
/// the first character other than an ASCII letter, digit or `-`, so it cannot add lines to a
/// configuration file; `fallback` when nothing is left.
fn setting_word(value: &str, fallback: &str) -> String {
    let word: String = value
        .trim()
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
        .collect();
    if word.is_empty() {
        fallback.to_owned()
    } else {
        word
    }
}

#[cfg(feature = "yaml")]
/// An autoscaler target in whole percent: the plan's figure rounded, at least 1 and at most
/// [`MAX_AUTOSCALER_TARGET_PCT`] (non-finite values give 1).
fn autoscaler_target(pct: f64) -> u32 {
    let p = pct.round();
    if p.is_finite() && p >= 1.0 {
        // Within 1..=90 here.
        p.min(MAX_AUTOSCALER_TARGET_PCT) as u32
    } else {
        1
    }
}

#[cfg(feature = "yaml")]
/// One line of text for a comment: every character that ends a line for some reader
/// ([`crate::text::is_line_break`]: `\n`, `\r`, U+0085, U+2028, U+2029, …), every other
/// control character and every invisible or direction-changing character
/// ([`crate::text::invisible_at`]) becomes a space, so a name cannot end the comment and write
/// YAML of its own, nor reorder the comment as shown.
fn one_line(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len())
        .map(|i| {
            if crate::text::invisible_at(&chars, i).is_some() {
                ' '
            } else {
                chars[i]
            }
        })
        .collect()
}

#[cfg(feature = "yaml")]
/// The comment at the top of every export, naming what produced it, then the notes, then the
/// writer's own `remarks` (one comment line each).
fn header(kind: &str, spec: &DeploymentSpec, remarks: &[String]) -> String {
    let mut text = format!(
        "# {kind} generated by Headroom\n# plan: {}\n# scenario: {}\n# month: {}\n",
        one_line(&spec.plan_name),
        one_line(&spec.scenario),
        one_line(&spec.month_label)
    );
    for note in &spec.notes {
        text.push_str("# note: ");
        text.push_str(&one_line(note));
        text.push('\n');
    }
    for remark in remarks {
        text.push_str("# ");
        text.push_str(&one_line(remark));
        text.push('\n');
    }
    text
}

#[cfg(feature = "yaml")]
/// What produced a file, as a YAML block: Compose's `x-headroom` field, the Helm values'
/// `headroom` block.
struct Metadata {
    generated_by: &'static str,
    plan: String,
    scenario: String,
    month: String,
    notes: Vec<String>,
}

#[cfg(feature = "yaml")]
impl From<Metadata> for serde_json::Value {
    fn from(metadata: Metadata) -> Self {
        let notes = (!metadata.notes.is_empty()).then_some(metadata.notes);
        Fields::default()
            .with("generated-by", metadata.generated_by)
            .with("plan", metadata.plan)
            .with("scenario", metadata.scenario)
            .with("month", metadata.month)
            .maybe("notes", notes)
            .into()
    }
}

#[cfg(feature = "yaml")]
impl Metadata {
    /// The plan, scenario and month of `spec`, its notes and the writer's `remarks`.
    fn of(spec: &DeploymentSpec, remarks: &[String]) -> Self {
        Self {
            generated_by: "Headroom",
            plan: spec.plan_name.clone(),
            scenario: spec.scenario.clone(),
            month: spec.month_label.clone(),
            notes: spec
                .notes
                .iter()
                .chain(remarks)
                .map(|note| one_line(note))
                .collect(),
        }
    }
}

#[cfg(feature = "yaml")]
/// Why the cluster exports (Kubernetes, Helm) hold no Redis or PgBouncer workload: the managed
/// service the plan buys, or what to run them with.
fn not_workloads(spec: &DeploymentSpec) -> Vec<String> {
    let mut remarks = Vec::new();
    if let Some(redis) = &spec.redis {
        remarks.push(match &redis.managed {
            Some(service) => format!("redis: managed service: {service}, not a workload."),
            None => "redis: not a workload here: run it with an operator or a chart that keeps \
                     its data (a StatefulSet with volumes); its redis.conf is in the Kubernetes export's \
                     ConfigMap headroom-files."
                .to_owned(),
        });
    }
    if let Some(database) = &spec.database {
        if let Some(service) = &database.managed {
            remarks.push(format!(
                "database: managed service: {service}, not a workload."
            ));
        }
        if database.pooler.is_some() {
            remarks.push(
                "pgbouncer: not a workload here: use the database provider's pooler or run \
                 PgBouncer beside the database; its pgbouncer.ini is in the Kubernetes export's \
                 ConfigMap headroom-files."
                    .to_owned(),
            );
        }
    }
    remarks
}

#[cfg(feature = "yaml")]
/// Writes a document built with [`Fields`] as YAML (`codec::yaml_writer`, the plan file's own
/// writer).
fn write(document: &serde_json::Value) -> String {
    crate::codec::yaml_writer::to_string(document, YAML_STYLE)
}

#[cfg(feature = "yaml")]
/// A mapping of a document, its keys in the order they are added: what the writers build
/// instead of serde structs (one small builder rather than a serializer per struct).
#[derive(Default)]
struct Fields(serde_json::Map<String, serde_json::Value>);

#[cfg(feature = "yaml")]
impl Fields {
    /// Adds `key` with `value`.
    fn with(mut self, key: &str, value: impl Into<serde_json::Value>) -> Self {
        self.0.insert(key.to_owned(), value.into());
        self
    }

    /// Adds `key` with `value` when there is one.
    fn maybe(self, key: &str, value: Option<impl Into<serde_json::Value>>) -> Self {
        match value {
            Some(value) => self.with(key, value),
            None => self,
        }
    }
}

#[cfg(feature = "yaml")]
impl From<Fields> for serde_json::Value {
    fn from(fields: Fields) -> Self {
        Self::Object(fields.0)
    }
}

#[cfg(feature = "yaml")]
/// A map of strings as a mapping (in the map's order).
fn strings(map: SortedMap<String, String>) -> serde_json::Value {
    map.into_iter().collect()
}

#[cfg(feature = "yaml")]
/// The exports' layout: block style throughout, configuration files (`redis.conf`,
/// `pgbouncer.ini`) as literal blocks.
const YAML_STYLE: crate::codec::yaml_writer::Style<'static> = crate::codec::yaml_writer::Style {
    flow_keys: &[],
    literal_blocks: true,
};

#[cfg(all(test, feature = "yaml"))]
mod tests {
    use super::*;

    #[test]
    fn autoscaler_targets_are_capped_below_100() {
        assert_eq!(autoscaler_target(100.0), 90);
        assert_eq!(autoscaler_target(70.4), 70);
        assert_eq!(autoscaler_target(0.2), 1);
        assert_eq!(autoscaler_target(f64::NAN), 1);
        assert_eq!(autoscaler_target(f64::INFINITY), 1);
    }

    #[test]
    fn quantities_have_floors() {
        assert_eq!(millicores(0.5), 500);
        assert_eq!(millicores(f64::NAN), 1);
        assert_eq!(millicores(-3.0), 1);
        assert_eq!(mebibytes(MiB(0)), 1);
        assert_eq!(setting_word("allkeys-lru\nsave 1 1", "x"), "allkeys-lru");
        assert_eq!(setting_word(" ", "noeviction"), "noeviction");
    }

    #[test]
    fn comment_lines_hold_no_line_break_of_any_reader() {
        assert_eq!(
            one_line("a\u{2028}b\u{2029}c\u{85}d\r\ne\u{0B}f\u{202E}g"),
            "a b c d  e f g"
        );
        assert_eq!(one_line("Team 👩\u{200D}💻"), "Team 👩\u{200D}💻");
    }
}
