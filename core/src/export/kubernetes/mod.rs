//! Kubernetes export: per app service an `apps/v1` Deployment, an `autoscaling/v2`
//! HorizontalPodAutoscaler, a `v1` Service and a `policy/v1` PodDisruptionBudget; the GPU voice
//! Deployment; a ConfigMap the app containers read their settings from (`envFrom`) and one with
//! `redis.conf` and `pgbouncer.ini`.
//!
//! - **Replicas.** An app Deployment leaves `spec.replicas` out: its autoscaler owns the count
//!   (a `kubectl apply` of a Deployment with `replicas` would reset what the autoscaler chose).
//!   The month's planned count is the `headroom/planned-replicas` annotation. The voice
//!   Deployment has no autoscaler and sets `replicas` to the month's GPU nodes.
//! - **Autoscaler targets** are the plan's, capped at
//!   [`MAX_AUTOSCALER_TARGET_PCT`](super::MAX_AUTOSCALER_TARGET_PCT) (percent of the requests).
//! - **Resources** are Kubernetes quantities: CPU in millicores (`500m`, or whole cores `2`),
//!   memory in MiB (`512Mi`); requests are the reservations, limits the limits. When the spec
//!   names the node a replica is sized for, the Deployment's annotations give its allocatable
//!   (`headroom/node-allocatable-cpu`, `headroom/node-allocatable-memory`) and what was
//!   reserved (`headroom/node-reserved`), see [`super::node`].
//! - **Probes**: readiness and liveness, an HTTP GET of the spec's probe path and port
//!   ([`DEFAULT_PROBE_PATH`](super::DEFAULT_PROBE_PATH) on the container port by default);
//!   readiness every [`READINESS_PERIOD_S`] s, liveness every [`LIVENESS_PERIOD_S`] s after
//!   [`LIVENESS_DELAY_S`] s, both after [`PROBE_FAILURES`] failures.
//! - **Disruption budget**: `maxUnavailable` = the plan's spare replicas (the k of N+k, the
//!   Deployment's `headroom/spare-replicas` annotation); none when k = 0 (the file says so: no
//!   replica is spare to take down).
//! - **GPU voice**: `nvidia.com/gpu` limits, a `node.kubernetes.io/instance-type` node
//!   selector when the node type names an instance type, and a toleration of the
//!   `nvidia.com/gpu` taint GPU node pools carry.
//! - **Not workloads**: Redis and PgBouncer; the comment at the top says why (the managed
//!   service the plan buys, or what to run them with).
//!
//! Object names are [`dns_label`]s; every object carries the recommended
//! `app.kubernetes.io/*` labels (`name`, `instance`, `part-of`, `managed-by`, `component`) and
//! `headroom/plan`, `headroom/scenario` and `headroom/month` annotations.

mod config;
mod workloads;

use crate::units::MiB;
use serde_json::Value;

use super::{
    dns_label, header, mebibytes, millicores, not_workloads, strings, unique_labels,
    DeploymentSpec, Fields,
};
pub use config::{CONFIG_MAP_NAME, FILES_CONFIG_MAP_NAME};
pub use workloads::{LIVENESS_DELAY_S, LIVENESS_PERIOD_S, PROBE_FAILURES, READINESS_PERIOD_S};

type Map = crate::export::SortedMap<String, String>;

/// `app.kubernetes.io/component` of the app services.
pub const APP_COMPONENT: &str = "app";
/// `app.kubernetes.io/component` of the GPU voice service.
pub const VOICE_COMPONENT: &str = "voice";
/// Label and taint of NVIDIA GPUs (the device plugin's resource name).
pub const GPU_RESOURCE: &str = "nvidia.com/gpu";
/// Node label holding a node's instance type.
pub const INSTANCE_TYPE_LABEL: &str = "node.kubernetes.io/instance-type";

/// An object of `kind` in `api_version` with `metadata`, then its `spec` or `data`.
fn object(api_version: &str, kind: &str, metadata: Metadata, body: (&str, Value)) -> String {
    let (key, value) = body;
    super::write(
        &Fields::default()
            .with("apiVersion", api_version)
            .with("kind", kind)
            .with("metadata", metadata.document())
            .with(key, value)
            .into(),
    )
}

/// An object's name, labels and annotations.
struct Metadata {
    name: String,
    labels: Map,
    annotations: Map,
}

impl Metadata {
    fn document(self) -> Value {
        Fields::default()
            .with("name", self.name)
            .with("labels", strings(self.labels))
            .with("annotations", strings(self.annotations))
            .into()
    }
}

/// What an object is part of: the plan's label, and the names its objects share.
struct Context<'a> {
    spec: &'a DeploymentSpec,
    part_of: String,
}

impl Context<'_> {
    /// The recommended labels of object `name` of `component`.
    fn labels(&self, name: &str, component: &str) -> Map {
        let mut labels = self.selector(name);
        labels.insert("app.kubernetes.io/part-of".to_owned(), self.part_of.clone());
        labels.insert(
            "app.kubernetes.io/managed-by".to_owned(),
            "headroom".to_owned(),
        );
        labels.insert(
            "app.kubernetes.io/component".to_owned(),
            component.to_owned(),
        );
        labels
    }

    /// The labels that select object `name`'s pods: its name and instance (`<plan>-<name>`).
    fn selector(&self, name: &str) -> Map {
        crate::export::ordered(vec![
            ("app.kubernetes.io/name".to_owned(), name.to_owned()),
            (
                "app.kubernetes.io/instance".to_owned(),
                dns_label(&format!("{}-{name}", self.part_of)),
            ),
        ])
    }

    /// The plan, scenario and month.
    fn annotations(&self) -> Map {
        crate::export::ordered(vec![
            ("headroom/plan".to_owned(), self.spec.plan_name.clone()),
            ("headroom/scenario".to_owned(), self.spec.scenario.clone()),
            ("headroom/month".to_owned(), self.spec.month_label.clone()),
        ])
    }

    fn metadata(&self, name: &str, component: &str) -> Metadata {
        Metadata {
            name: name.to_owned(),
            labels: self.labels(name, component),
            annotations: self.annotations(),
        }
    }
}

/// A container's resources: requests (when any) and limits.
pub(super) fn resources(requests: Option<Map>, limits: Map) -> Value {
    Fields::default()
        .maybe("requests", requests.map(strings))
        .with("limits", strings(limits))
        .into()
}

/// The toleration of the `nvidia.com/gpu` taint GPU node pools carry (EKS, GKE, AKS).
pub(super) fn gpu_tolerations() -> Value {
    Value::Array(vec![Fields::default()
        .with("key", GPU_RESOURCE)
        .with("operator", "Exists")
        .with("effect", "NoSchedule")
        .into()])
}

/// CPU and memory as a resource map.
pub(super) fn quantities(cpu: String, memory: String) -> Map {
    crate::export::ordered(vec![("cpu".to_owned(), cpu), ("memory".to_owned(), memory)])
}

/// Cores as a Kubernetes quantity: millicores (`500m`), or whole cores (`2`); at least `1m`.
///
/// # Example
/// ```
/// use headroom_core::export::kubernetes::cpu;
/// assert_eq!(cpu(0.5), "500m");
/// assert_eq!(cpu(2.0), "2");
/// assert_eq!(cpu(-1.0), "1m");
/// ```
pub fn cpu(cores: f64) -> String {
    millicore_quantity(millicores(cores))
}

/// Millicores as a Kubernetes quantity (`500m`, `2`; at least `1m`).
fn millicore_quantity(millicores: u64) -> String {
    let m = millicores.max(1);
    if m.is_multiple_of(1000) {
        (m / 1000).to_string()
    } else {
        format!("{m}m")
    }
}

/// MiB as a Kubernetes quantity: `512Mi` (at least `1Mi`).
///
/// # Example
/// ```
/// use headroom_core::export::kubernetes::memory;
/// assert_eq!(memory(headroom_core::units::MiB(512)), "512Mi");
/// ```
pub fn memory(mib: MiB) -> String {
    format!("{}Mi", mebibytes(mib))
}

/// Writes `spec` as Kubernetes manifests: one YAML stream of, per app service, a Deployment,
/// a HorizontalPodAutoscaler, a Service and a PodDisruptionBudget (when the plan has spare
/// replicas); the voice Deployment, Service and budget; then the ConfigMaps (when Redis or
/// database settings are present), separated by `---`, after a comment naming the plan,
/// scenario and month and saying what is not a workload.
///
/// Never fails: names are derived into RFC 1123 labels, and quantities, replica bounds and
/// utilisation targets have floors (at least 1; `maxReplicas` at least `minReplicas`).
///
/// # Example
/// ```
/// use headroom_core::export::{kubernetes, samples};
/// let text = kubernetes::to_yaml(&samples::shop());
/// assert!(text.contains("kind: HorizontalPodAutoscaler"));
/// assert!(text.contains("kind: PodDisruptionBudget"));
/// assert!(text.contains("cpu: 500m"));
/// assert!(text.contains("memory: 512Mi"));
/// assert!(text.contains("name: \"no\""));
/// assert!(text.contains("# redis: managed service: ElastiCache"));
/// ```
pub fn to_yaml(spec: &DeploymentSpec) -> String {
    let context = Context {
        spec,
        part_of: dns_label(&spec.plan_name),
    };
    let voice_name = spec.voice.as_ref().map(|voice| dns_label(&voice.name));
    let reserved: Vec<&str> = voice_name.iter().map(String::as_str).collect();
    let names = unique_labels(spec.services.iter().map(|s| s.name.as_str()), &reserved);
    let config = config::settings_name(spec);
    let mut documents = Vec::new();
    let mut remarks = not_workloads(spec);
    for (service, name) in spec.services.iter().zip(&names) {
        documents.extend(workloads::app(&context, service, name, config));
        remarks.extend(workloads::app_remarks(service, name));
    }
    if let (Some(voice), Some(name)) = (&spec.voice, &voice_name) {
        documents.extend(workloads::voice(&context, voice, name));
        remarks.extend(workloads::voice_remarks(voice, name));
    }
    documents.extend(config::config_maps(&context));
    let mut text = header("Kubernetes manifests", spec, &remarks);
    for document in documents {
        text.push_str("---\n");
        text.push_str(&document);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millicores_are_written_as_quantities() {
        assert_eq!(millicore_quantity(0), "1m");
        assert_eq!(millicore_quantity(1930), "1930m");
        assert_eq!(millicore_quantity(3000), "3");
    }
}
