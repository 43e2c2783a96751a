//! Helm export: a `values.yaml` for the chart `helm create` makes, filled with the app
//! service's figures.
//!
//! The file has every key of `helm create`'s `values.yaml` (Helm 3), in its layout, so it
//! can replace that file as it is: `replicaCount` (the month's replicas; the chart leaves it
//! out of the Deployment while `autoscaling.enabled`), `image.repository`/`tag`/`pullPolicy`,
//! `service.type`/`port` (the chart's container port too), `resources.requests`/`limits`,
//! the probes (an HTTP GET of the probe path on the port named `http`),
//! `autoscaling.enabled`/`minReplicas`/`maxReplicas`/`targetCPUUtilizationPercentage`/
//! `targetMemoryUtilizationPercentage`, `nodeSelector`, `tolerations` and `affinity`. Beside
//! them, three blocks of its own: `podDisruptionBudget` (the plan's spare replicas, for a
//! template to add), `voiceGpu` (the GPU voice service: replicas, image, `nvidia.com/gpu`
//! limit, node selector and toleration) and `headroom` (plan, scenario, month, notes).
//!
//! One values file is one app: it holds the first app service of the spec; a comment names
//! any other.

use super::SortedMap;

use crate::units::MiB;
use serde_json::Value;

use super::kubernetes::{
    cpu, gpu_tolerations, memory, quantities, resources, GPU_RESOURCE, INSTANCE_TYPE_LABEL,
};
use super::{
    autoscaler_target, dns_label, header, not_workloads, strings, write, DeploymentSpec, Fields,
    HttpProbe, Metadata, ServiceSpec, VoiceSpec,
};

/// Pull policy of every image: pull when the tag is not on the node.
const PULL_POLICY: &str = "IfNotPresent";

/// An empty mapping (`{}`).
fn empty() -> Value {
    Value::Object(serde_json::Map::new())
}

/// An empty sequence (`[]`).
fn none() -> Value {
    Value::Array(Vec::new())
}

/// `image` as Helm's `repository` and `tag`: split at the last `:` after the last `/`
/// (`ghcr.io/acme/api:1.4` → `ghcr.io/acme/api`, `1.4`); an image pinned by digest or with no
/// tag is all repository, with an empty tag (the chart then uses its `appVersion`).
///
/// # Example
/// ```
/// use headroom_core::export::helm::repository_and_tag;
/// assert_eq!(repository_and_tag("registry.example.com:5000/app:1.2"),
///            ("registry.example.com:5000/app".to_owned(), "1.2".to_owned()));
/// assert_eq!(repository_and_tag("nginx"), ("nginx".to_owned(), String::new()));
/// ```
pub fn repository_and_tag(image: &str) -> (String, String) {
    let name_start = image.rfind('/').map_or(0, |slash| slash + 1);
    match image[name_start..].rfind(':') {
        Some(colon) if !image.contains('@') => {
            let at = name_start + colon;
            (image[..at].to_owned(), image[at + 1..].to_owned())
        }
        _ => (image.to_owned(), String::new()),
    }
}

fn image(image: &str) -> Fields {
    let (repository, tag) = repository_and_tag(image);
    Fields::default()
        .with("repository", repository)
        .with("pullPolicy", PULL_POLICY)
        .with("tag", tag)
}

fn probe(probe: &HttpProbe) -> Fields {
    Fields::default().with(
        "httpGet",
        Fields::default()
            .with("path", probe.path.as_str())
            .with("port", "http"),
    )
}

fn budget(spare: u32) -> Fields {
    Fields::default()
        .with("enabled", spare > 0)
        .with("maxUnavailable", spare.max(1))
}

fn voice_gpu(voice: &VoiceSpec) -> Fields {
    let node_selector: Value = voice
        .instance_type
        .iter()
        .map(|instance| (INSTANCE_TYPE_LABEL, instance.as_str()))
        .collect();
    Fields::default()
        .with("enabled", true)
        .with("replicaCount", voice.replicas)
        .with("image", image(&voice.image))
        .with(
            "resources",
            resources(
                None,
                crate::export::ordered(vec![(
                    GPU_RESOURCE.to_owned(),
                    voice.gpus.max(1).to_string(),
                )]),
            ),
        )
        .with("nodeSelector", node_selector)
        .with("tolerations", gpu_tolerations())
        .with("podDisruptionBudget", budget(voice.spare_replicas))
}

/// A service for a spec with none, so the file keeps its layout.
fn no_service() -> ServiceSpec {
    ServiceSpec {
        name: "app".to_owned(),
        replicas: 1,
        min_replicas: 1,
        max_replicas: 1,
        spare_replicas: 0,
        cpu_limit: 0.0,
        cpu_reservation: 0.0,
        memory_limit_mib: MiB(0),
        memory_reservation_mib: MiB(0),
        image: super::APP_IMAGE.to_owned(),
        target_cpu_utilisation_pct: 0.0,
        target_memory_utilisation_pct: 0.0,
        port: super::DEFAULT_APP_PORT,
        probe: HttpProbe::default(),
        node: None,
    }
}

/// What the comment at the top says beyond the notes: the app services this file does not
/// hold, and what is not a workload.
fn remarks(spec: &DeploymentSpec) -> Vec<String> {
    let mut remarks = not_workloads(spec);
    let others: Vec<String> = spec
        .services
        .iter()
        .skip(1)
        .map(|service| dns_label(&service.name))
        .collect();
    if let Some(first) = spec.services.first() {
        if !others.is_empty() {
            remarks.push(format!(
                "values for {}; the other app services ({}) need values files of their own.",
                dns_label(&first.name),
                others.join(", ")
            ));
        }
    }
    remarks
}

/// Writes `spec` as a Helm `values.yaml` (the layout of `helm create`), after a comment naming
/// the plan, scenario and month.
///
/// Never fails: quantities, replica bounds and targets have floors as in the Kubernetes
/// manifests; a spec with no app service writes the placeholder image at the smallest sizes.
///
/// # Example
/// ```
/// use headroom_core::export::{helm, samples};
/// let text = helm::to_yaml(&samples::shop());
/// assert!(text.starts_with("# Helm values generated by Headroom\n"));
/// assert!(text.contains("replicaCount: 4\n"));
/// assert!(text.contains("targetCPUUtilizationPercentage: 70\n"));
/// assert!(text.contains("voiceGpu:\n"));
/// ```
pub fn to_yaml(spec: &DeploymentSpec) -> String {
    let fallback = no_service();
    let service = spec.services.first().unwrap_or(&fallback);
    let (min_replicas, max_replicas) = service.autoscaler_replicas();
    let service_account = Fields::default()
        .with("create", true)
        .with("automount", true)
        .with("annotations", empty())
        .with("name", "");
    let ingress = Fields::default()
        .with("enabled", false)
        .with("className", "")
        .with("annotations", empty())
        .with("hosts", none())
        .with("tls", none());
    let autoscaling = Fields::default()
        .with("enabled", true)
        .with("minReplicas", min_replicas)
        .with("maxReplicas", max_replicas)
        .with(
            "targetCPUUtilizationPercentage",
            autoscaler_target(service.target_cpu_utilisation_pct),
        )
        .with(
            "targetMemoryUtilizationPercentage",
            autoscaler_target(service.target_memory_utilisation_pct),
        );
    let values = Fields::default()
        .with("replicaCount", service.replicas)
        .with("image", image(&service.image))
        .with("imagePullSecrets", none())
        .with("nameOverride", "")
        .with("fullnameOverride", "")
        .with("serviceAccount", service_account)
        .with("podAnnotations", empty())
        .with("podLabels", empty())
        .with("podSecurityContext", empty())
        .with("securityContext", empty())
        .with(
            "service",
            Fields::default()
                .with("type", "ClusterIP")
                .with("port", service.port),
        )
        .with("ingress", ingress)
        .with(
            "resources",
            resources(
                Some(quantities(
                    cpu(service.cpu_reservation),
                    memory(service.memory_reservation_mib),
                )),
                quantities(cpu(service.cpu_limit), memory(service.memory_limit_mib)),
            ),
        )
        .with("livenessProbe", probe(&service.probe))
        .with("readinessProbe", probe(&service.probe))
        .with("autoscaling", autoscaling)
        .with("volumes", none())
        .with("volumeMounts", none())
        .with("nodeSelector", strings(SortedMap::new()))
        .with("tolerations", none())
        .with("affinity", empty())
        .with("podDisruptionBudget", budget(service.spare_replicas))
        .maybe("voiceGpu", spec.voice.as_ref().map(voice_gpu))
        .with("headroom", Metadata::of(spec, &[]));
    let remarks = remarks(spec);
    format!(
        "{}{}",
        header("Helm values", spec, &remarks),
        write(&values.into())
    )
}
