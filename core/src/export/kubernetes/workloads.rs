//! Deployments, their autoscalers, Services and disruption budgets.

use std::collections::BTreeMap;

use serde::Serialize;

use super::super::{autoscaler_target, yaml, HttpProbe, ServiceSpec, VoiceSpec};
use super::{
    cpu, gpu_tolerations, memory, millicore_quantity, quantities, Context, Map, Object, Resources,
    Toleration, APP_COMPONENT, GPU_RESOURCE, INSTANCE_TYPE_LABEL, VOICE_COMPONENT,
};

/// Seconds between readiness probes.
pub const READINESS_PERIOD_S: u32 = 5;
/// Seconds between liveness probes.
pub const LIVENESS_PERIOD_S: u32 = 10;
/// Seconds after a container starts before the first liveness probe, so a slow start is not
/// taken for a hung process.
pub const LIVENESS_DELAY_S: u32 = 15;
/// Failed probes in a row before a container is taken out of its Service (readiness) or
/// restarted (liveness).
pub const PROBE_FAILURES: u32 = 3;
/// Port of the Services in front of the Deployments.
const SERVICE_PORT: u16 = 80;
/// Name of the container port.
const PORT_NAME: &str = "http";

#[derive(Serialize)]
struct DeploymentSpecK8s {
    #[serde(skip_serializing_if = "Option::is_none")]
    replicas: Option<u32>,
    selector: Selector,
    template: PodTemplate,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Selector {
    match_labels: Map,
}

#[derive(Serialize)]
struct PodMetadata {
    labels: Map,
}

#[derive(Serialize)]
struct PodTemplate {
    metadata: PodMetadata,
    spec: PodSpec,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PodSpec {
    containers: Vec<Container>,
    #[serde(skip_serializing_if = "Option::is_none")]
    node_selector: Option<Map>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tolerations: Vec<Toleration>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Container {
    name: String,
    image: String,
    ports: Vec<ContainerPort>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    env_from: Vec<EnvFrom>,
    resources: Resources,
    readiness_probe: Probe,
    liveness_probe: Probe,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ContainerPort {
    name: &'static str,
    container_port: u16,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EnvFrom {
    config_map_ref: NameRef,
}

#[derive(Serialize)]
struct NameRef {
    name: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Probe {
    http_get: HttpGet,
    #[serde(skip_serializing_if = "Option::is_none")]
    initial_delay_seconds: Option<u32>,
    period_seconds: u32,
    failure_threshold: u32,
}

#[derive(Serialize)]
struct HttpGet {
    path: String,
    port: u16,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct HpaSpec {
    scale_target_ref: ScaleTarget,
    min_replicas: u32,
    max_replicas: u32,
    metrics: Vec<Metric>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ScaleTarget {
    api_version: &'static str,
    kind: &'static str,
    name: String,
}

#[derive(Serialize)]
struct Metric {
    #[serde(rename = "type")]
    kind: &'static str,
    resource: ResourceMetric,
}

#[derive(Serialize)]
struct ResourceMetric {
    name: &'static str,
    target: MetricTarget,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MetricTarget {
    #[serde(rename = "type")]
    kind: &'static str,
    average_utilization: u32,
}

#[derive(Serialize)]
struct ServiceSpecK8s {
    #[serde(rename = "type")]
    kind: &'static str,
    selector: Map,
    ports: Vec<ServicePort>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ServicePort {
    name: &'static str,
    port: u16,
    target_port: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PdbSpec {
    max_unavailable: u32,
    selector: Selector,
}

/// A probe of `probe` every `period_s` seconds, after `delay_s` when given.
fn probe(probe: &HttpProbe, period_s: u32, delay_s: Option<u32>) -> Probe {
    Probe {
        http_get: HttpGet {
            path: probe.path.clone(),
            port: probe.port,
        },
        initial_delay_seconds: delay_s,
        period_seconds: period_s,
        failure_threshold: PROBE_FAILURES,
    }
}

/// A container `name` of `image` listening on `port`, with both probes.
fn container(
    name: &str,
    image: &str,
    port: u16,
    http: &HttpProbe,
    resources: Resources,
) -> Container {
    Container {
        name: name.to_owned(),
        image: image.to_owned(),
        ports: vec![ContainerPort {
            name: PORT_NAME,
            container_port: port,
        }],
        env_from: Vec::new(),
        resources,
        readiness_probe: probe(http, READINESS_PERIOD_S, None),
        liveness_probe: probe(http, LIVENESS_PERIOD_S, Some(LIVENESS_DELAY_S)),
    }
}

/// A Deployment `name` of `component` running `pod`, with `replicas` when no autoscaler owns
/// them and `annotations` beside the plan's.
fn deployment(
    context: &Context,
    name: &str,
    component: &str,
    replicas: Option<u32>,
    annotations: Map,
    pod: PodSpec,
) -> String {
    let mut metadata = context.metadata(name, component);
    metadata.annotations.extend(annotations);
    yaml(&Object {
        api_version: "apps/v1",
        kind: "Deployment",
        metadata,
        spec: Some(DeploymentSpecK8s {
            replicas,
            selector: Selector {
                match_labels: context.selector(name),
            },
            template: PodTemplate {
                metadata: PodMetadata {
                    labels: context.labels(name, component),
                },
                spec: pod,
            },
        }),
        data: None,
    })
}

/// A ClusterIP Service in front of Deployment `name`'s pods.
fn cluster_service(context: &Context, name: &str, component: &str) -> String {
    yaml(&Object {
        api_version: "v1",
        kind: "Service",
        metadata: context.metadata(name, component),
        spec: Some(ServiceSpecK8s {
            kind: "ClusterIP",
            selector: context.selector(name),
            ports: vec![ServicePort {
                name: PORT_NAME,
                port: SERVICE_PORT,
                target_port: PORT_NAME,
            }],
        }),
        data: None,
    })
}

/// A PodDisruptionBudget letting `spare` of Deployment `name`'s pods be down at once; none
/// when there is no spare.
fn disruption_budget(context: &Context, name: &str, component: &str, spare: u32) -> Option<String> {
    (spare > 0).then(|| {
        yaml(&Object {
            api_version: "policy/v1",
            kind: "PodDisruptionBudget",
            metadata: context.metadata(name, component),
            spec: Some(PdbSpec {
                max_unavailable: spare,
                selector: Selector {
                    match_labels: context.selector(name),
                },
            }),
            data: None,
        })
    })
}

fn autoscaler(context: &Context, service: &ServiceSpec, name: &str) -> String {
    let min_replicas = service.min_replicas.max(1);
    let metric = |resource: &'static str, pct: f64| Metric {
        kind: "Resource",
        resource: ResourceMetric {
            name: resource,
            target: MetricTarget {
                kind: "Utilization",
                average_utilization: autoscaler_target(pct),
            },
        },
    };
    yaml(&Object {
        api_version: "autoscaling/v2",
        kind: "HorizontalPodAutoscaler",
        metadata: context.metadata(name, APP_COMPONENT),
        spec: Some(HpaSpec {
            scale_target_ref: ScaleTarget {
                api_version: "apps/v1",
                kind: "Deployment",
                name: name.to_owned(),
            },
            min_replicas,
            max_replicas: service.max_replicas.max(min_replicas),
            metrics: vec![
                metric("cpu", service.target_cpu_utilisation_pct),
                metric("memory", service.target_memory_utilisation_pct),
            ],
        }),
        data: None,
    })
}

/// The `headroom/spare-replicas` annotation: the k of the plan's N+k, which the disruption
/// budget follows.
fn spare_annotation(spare: u32) -> (String, String) {
    ("headroom/spare-replicas".to_owned(), spare.to_string())
}

/// An app service's Deployment (replicas left to its autoscaler), autoscaler, Service and
/// disruption budget; its containers read the `config` ConfigMap when there is one.
pub(super) fn app(
    context: &Context,
    service: &ServiceSpec,
    name: &str,
    config: Option<&str>,
) -> Vec<String> {
    let mut annotations = BTreeMap::from([
        (
            "headroom/planned-replicas".to_owned(),
            service.replicas.to_string(),
        ),
        spare_annotation(service.spare_replicas),
    ]);
    if let Some(node) = &service.node {
        annotations.extend([
            (
                "headroom/node-instance-type".to_owned(),
                node.instance_type.clone(),
            ),
            (
                "headroom/node-allocatable-cpu".to_owned(),
                millicore_quantity(node.allocatable_millicores()),
            ),
            (
                "headroom/node-allocatable-memory".to_owned(),
                memory(node.allocatable_memory_mib()),
            ),
            (
                "headroom/node-reserved".to_owned(),
                format!(
                    "kube and system reserve cpu {}, memory {}; eviction threshold {} \
                     (GKE/EKS formula) of capacity cpu {}, memory {}",
                    millicore_quantity(node.reserved_millicores),
                    memory(node.reserved_memory_mib),
                    memory(node.eviction_memory_mib),
                    millicore_quantity(node.capacity_millicores),
                    memory(node.capacity_memory_mib),
                ),
            ),
        ]);
    }
    let mut container = container(
        name,
        &service.image,
        service.port,
        &service.probe,
        Resources {
            requests: Some(quantities(
                cpu(service.cpu_reservation),
                memory(service.memory_reservation_mb),
            )),
            limits: quantities(cpu(service.cpu_limit), memory(service.memory_limit_mb)),
        },
    );
    container.env_from = config
        .map(|config| EnvFrom {
            config_map_ref: NameRef {
                name: config.to_owned(),
            },
        })
        .into_iter()
        .collect();
    let pod = PodSpec {
        containers: vec![container],
        node_selector: None,
        tolerations: Vec::new(),
    };
    let mut documents = vec![
        deployment(context, name, APP_COMPONENT, None, annotations, pod),
        autoscaler(context, service, name),
        cluster_service(context, name, APP_COMPONENT),
    ];
    documents.extend(disruption_budget(
        context,
        name,
        APP_COMPONENT,
        service.spare_replicas,
    ));
    documents
}

/// What the file says of an app service in its comment: the node its requests fit, and why
/// there is no disruption budget.
pub(super) fn app_remarks(service: &ServiceSpec, name: &str) -> Vec<String> {
    let mut remarks = Vec::new();
    if let Some(node) = &service.node {
        remarks.push(format!(
            "{name}: sized for one {} a replica: allocatable cpu {}, memory {} (capacity less \
             cpu {} and memory {} kube and system reserve by the GKE/EKS formula and the {} \
             eviction threshold); requests leave room for DaemonSets.",
            node.instance_type,
            millicore_quantity(node.allocatable_millicores()),
            memory(node.allocatable_memory_mib()),
            millicore_quantity(node.reserved_millicores),
            memory(node.reserved_memory_mib),
            memory(node.eviction_memory_mib),
        ));
    }
    if service.spare_replicas == 0 {
        remarks.push(format!(
            "{name}: no PodDisruptionBudget: the plan's redundancy is N+0, so no replica is \
             spare to take down."
        ));
    }
    remarks
}

/// The GPU voice Deployment (one replica a GPU node), its Service and disruption budget.
pub(super) fn voice(context: &Context, voice: &VoiceSpec, name: &str) -> Vec<String> {
    let gpus = voice.gpus.max(1).to_string();
    let container = container(
        name,
        &voice.image,
        voice.port,
        &voice.probe,
        Resources {
            requests: None,
            limits: BTreeMap::from([(GPU_RESOURCE.to_owned(), gpus)]),
        },
    );
    let pod = PodSpec {
        containers: vec![container],
        node_selector: voice
            .instance_type
            .as_ref()
            .map(|instance| BTreeMap::from([(INSTANCE_TYPE_LABEL.to_owned(), instance.clone())])),
        tolerations: gpu_tolerations(),
    };
    let annotations = BTreeMap::from([
        ("headroom/node-type".to_owned(), voice.node_type.clone()),
        spare_annotation(voice.spare_replicas),
    ]);
    let mut documents = vec![
        deployment(
            context,
            name,
            VOICE_COMPONENT,
            Some(voice.replicas),
            annotations,
            pod,
        ),
        cluster_service(context, name, VOICE_COMPONENT),
    ];
    documents.extend(disruption_budget(
        context,
        name,
        VOICE_COMPONENT,
        voice.spare_replicas,
    ));
    documents
}

/// What the file says of the voice service in its comment: a node type with no instance type
/// to select.
pub(super) fn voice_remarks(voice: &VoiceSpec, name: &str) -> Vec<String> {
    let mut remarks = Vec::new();
    if voice.instance_type.is_none() {
        remarks.push(format!(
            "{name}: the GPU node type “{}” names no instance type: add a nodeSelector for \
             your GPU nodes.",
            voice.node_type
        ));
    }
    if voice.spare_replicas == 0 {
        remarks.push(format!(
            "{name}: no PodDisruptionBudget: the plan's redundancy is N+0, so no node is spare \
             to take down."
        ));
    }
    remarks
}
