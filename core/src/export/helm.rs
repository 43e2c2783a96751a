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

use std::collections::BTreeMap;

use serde::Serialize;

use super::kubernetes::{
    cpu, gpu_tolerations, memory, quantities, Resources, Toleration, GPU_RESOURCE,
    INSTANCE_TYPE_LABEL,
};
use super::{
    autoscaler_target, dns_label, header, not_workloads, yaml, DeploymentSpec, HttpProbe, Metadata,
    ServiceSpec, VoiceSpec,
};

/// Pull policy of every image: pull when the tag is not on the node.
const PULL_POLICY: &str = "IfNotPresent";

type Map = BTreeMap<String, String>;

/// An empty mapping (`{}`).
#[derive(Serialize)]
struct Empty {}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Values {
    replica_count: u32,
    image: Image,
    image_pull_secrets: Vec<String>,
    name_override: String,
    fullname_override: String,
    service_account: ServiceAccount,
    pod_annotations: Empty,
    pod_labels: Empty,
    pod_security_context: Empty,
    security_context: Empty,
    service: Service,
    ingress: Ingress,
    resources: Resources,
    liveness_probe: Probe,
    readiness_probe: Probe,
    autoscaling: Autoscaling,
    volumes: Vec<String>,
    volume_mounts: Vec<String>,
    node_selector: Map,
    tolerations: Vec<Toleration>,
    affinity: Empty,
    pod_disruption_budget: DisruptionBudget,
    #[serde(skip_serializing_if = "Option::is_none")]
    voice_gpu: Option<VoiceGpu>,
    headroom: Metadata,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Image {
    repository: String,
    pull_policy: &'static str,
    tag: String,
}

#[derive(Serialize)]
struct ServiceAccount {
    create: bool,
    automount: bool,
    annotations: Empty,
    name: String,
}

#[derive(Serialize)]
struct Service {
    #[serde(rename = "type")]
    kind: &'static str,
    port: u16,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Ingress {
    enabled: bool,
    class_name: String,
    annotations: Empty,
    hosts: Vec<String>,
    tls: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Probe {
    http_get: HttpGet,
}

#[derive(Serialize)]
struct HttpGet {
    path: String,
    port: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Autoscaling {
    enabled: bool,
    min_replicas: u32,
    max_replicas: u32,
    #[serde(rename = "targetCPUUtilizationPercentage")]
    target_cpu: u32,
    target_memory_utilization_percentage: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DisruptionBudget {
    enabled: bool,
    max_unavailable: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct VoiceGpu {
    enabled: bool,
    replica_count: u32,
    image: Image,
    resources: Resources,
    node_selector: Map,
    tolerations: Vec<Toleration>,
    pod_disruption_budget: DisruptionBudget,
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

fn image(image: &str) -> Image {
    let (repository, tag) = repository_and_tag(image);
    Image {
        repository,
        pull_policy: PULL_POLICY,
        tag,
    }
}

fn probe(probe: &HttpProbe) -> Probe {
    Probe {
        http_get: HttpGet {
            path: probe.path.clone(),
            port: "http",
        },
    }
}

fn budget(spare: u32) -> DisruptionBudget {
    DisruptionBudget {
        enabled: spare > 0,
        max_unavailable: spare.max(1),
    }
}

fn voice_gpu(voice: &VoiceSpec) -> VoiceGpu {
    VoiceGpu {
        enabled: true,
        replica_count: voice.replicas,
        image: image(&voice.image),
        resources: Resources {
            requests: None,
            limits: BTreeMap::from([(GPU_RESOURCE.to_owned(), voice.gpus.max(1).to_string())]),
        },
        node_selector: voice
            .instance_type
            .iter()
            .map(|instance| (INSTANCE_TYPE_LABEL.to_owned(), instance.clone()))
            .collect(),
        tolerations: gpu_tolerations(),
        pod_disruption_budget: budget(voice.spare_replicas),
    }
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
        memory_limit_mb: 0,
        memory_reservation_mb: 0,
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
    let min_replicas = service.min_replicas.max(1);
    let values = Values {
        replica_count: service.replicas,
        image: image(&service.image),
        image_pull_secrets: Vec::new(),
        name_override: String::new(),
        fullname_override: String::new(),
        service_account: ServiceAccount {
            create: true,
            automount: true,
            annotations: Empty {},
            name: String::new(),
        },
        pod_annotations: Empty {},
        pod_labels: Empty {},
        pod_security_context: Empty {},
        security_context: Empty {},
        service: Service {
            kind: "ClusterIP",
            port: service.port,
        },
        ingress: Ingress {
            enabled: false,
            class_name: String::new(),
            annotations: Empty {},
            hosts: Vec::new(),
            tls: Vec::new(),
        },
        resources: Resources {
            requests: Some(quantities(
                cpu(service.cpu_reservation),
                memory(service.memory_reservation_mb),
            )),
            limits: quantities(cpu(service.cpu_limit), memory(service.memory_limit_mb)),
        },
        liveness_probe: probe(&service.probe),
        readiness_probe: probe(&service.probe),
        autoscaling: Autoscaling {
            enabled: true,
            min_replicas,
            max_replicas: service.max_replicas.max(min_replicas),
            target_cpu: autoscaler_target(service.target_cpu_utilisation_pct),
            target_memory_utilization_percentage: autoscaler_target(
                service.target_memory_utilisation_pct,
            ),
        },
        volumes: Vec::new(),
        volume_mounts: Vec::new(),
        node_selector: Map::new(),
        tolerations: Vec::new(),
        affinity: Empty {},
        pod_disruption_budget: budget(service.spare_replicas),
        voice_gpu: spec.voice.as_ref().map(voice_gpu),
        headroom: Metadata::of(spec, &[]),
    };
    let remarks = remarks(spec);
    format!("{}{}", header("Helm values", spec, &remarks), yaml(&values))
}
