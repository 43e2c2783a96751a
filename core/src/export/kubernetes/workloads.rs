//! Deployments, their autoscalers, Services and disruption budgets.

use crate::units::MiB;
use serde_json::Value;

use super::super::{autoscaler_target, strings, Fields, HttpProbe, ServiceSpec, VoiceSpec};
use super::{
    cpu, gpu_tolerations, memory, millicore_quantity, object, quantities, resources, Context, Map,
    APP_COMPONENT, GPU_RESOURCE, INSTANCE_TYPE_LABEL, VOICE_COMPONENT,
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

/// A probe of `probe` every `period_s` seconds, after `delay_s` when given.
fn probe(probe: &HttpProbe, period_s: u32, delay_s: Option<u32>) -> Value {
    Fields::default()
        .with(
            "httpGet",
            Fields::default()
                .with("path", probe.path.as_str())
                .with("port", probe.port),
        )
        .maybe("initialDelaySeconds", delay_s)
        .with("periodSeconds", period_s)
        .with("failureThreshold", PROBE_FAILURES)
        .into()
}

/// A container `name` of `image` listening on `port`, reading the ConfigMap `config` when
/// given, with both probes.
fn container(
    name: &str,
    image: &str,
    port: u16,
    http: &HttpProbe,
    config: Option<&str>,
    resources: Value,
) -> Value {
    let port = Fields::default()
        .with("name", PORT_NAME)
        .with("containerPort", port);
    let env_from = config.map(|config| {
        vec![Fields::default().with("configMapRef", Fields::default().with("name", config))]
    });
    Fields::default()
        .with("name", name)
        .with("image", image)
        .with("ports", vec![port])
        .maybe("envFrom", env_from)
        .with("resources", resources)
        .with("readinessProbe", probe(http, READINESS_PERIOD_S, None))
        .with(
            "livenessProbe",
            probe(http, LIVENESS_PERIOD_S, Some(LIVENESS_DELAY_S)),
        )
        .into()
}

/// The labels selecting Deployment `name`'s pods.
fn selector(context: &Context, name: &str) -> Fields {
    Fields::default().with("matchLabels", strings(context.selector(name)))
}

/// A Deployment `name` of `component` running `pod`, with `replicas` when no autoscaler owns
/// them and `annotations` beside the plan's.
fn deployment(
    context: &Context,
    name: &str,
    component: &str,
    replicas: Option<u32>,
    annotations: Map,
    pod: Fields,
) -> String {
    let mut metadata = context.metadata(name, component);
    metadata.annotations.extend(annotations);
    let template = Fields::default()
        .with(
            "metadata",
            Fields::default().with("labels", strings(context.labels(name, component))),
        )
        .with("spec", pod);
    let spec = Fields::default()
        .maybe("replicas", replicas)
        .with("selector", selector(context, name))
        .with("template", template);
    object("apps/v1", "Deployment", metadata, ("spec", spec.into()))
}

/// A ClusterIP Service in front of Deployment `name`'s pods.
fn cluster_service(context: &Context, name: &str, component: &str) -> String {
    let port = Fields::default()
        .with("name", PORT_NAME)
        .with("port", SERVICE_PORT)
        .with("targetPort", PORT_NAME);
    let spec = Fields::default()
        .with("type", "ClusterIP")
        .with("selector", strings(context.selector(name)))
        .with("ports", vec![port]);
    object(
        "v1",
        "Service",
        context.metadata(name, component),
        ("spec", spec.into()),
    )
}

/// A PodDisruptionBudget letting `spare` of Deployment `name`'s pods be down at once; none
/// when there is no spare.
fn disruption_budget(context: &Context, name: &str, component: &str, spare: u32) -> Option<String> {
    (spare > 0).then(|| {
        let spec = Fields::default()
            .with("maxUnavailable", spare)
            .with("selector", selector(context, name));
        object(
            "policy/v1",
            "PodDisruptionBudget",
            context.metadata(name, component),
            ("spec", spec.into()),
        )
    })
}

fn autoscaler(context: &Context, service: &ServiceSpec, name: &str) -> String {
    let (min_replicas, max_replicas) = service.autoscaler_replicas();
    let metric = |resource: &str, pct: f64| {
        let target = Fields::default()
            .with("type", "Utilization")
            .with("averageUtilization", autoscaler_target(pct));
        Fields::default().with("type", "Resource").with(
            "resource",
            Fields::default()
                .with("name", resource)
                .with("target", target),
        )
    };
    let target = Fields::default()
        .with("apiVersion", "apps/v1")
        .with("kind", "Deployment")
        .with("name", name);
    let spec = Fields::default()
        .with("scaleTargetRef", target)
        .with("minReplicas", min_replicas)
        .with("maxReplicas", max_replicas)
        .with(
            "metrics",
            vec![
                metric("cpu", service.target_cpu_utilisation_pct),
                metric("memory", service.target_memory_utilisation_pct),
            ],
        );
    object(
        "autoscaling/v2",
        "HorizontalPodAutoscaler",
        context.metadata(name, APP_COMPONENT),
        ("spec", spec.into()),
    )
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
    let mut annotations = crate::export::ordered(vec![
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
                memory(MiB(node.allocatable_memory_mib())),
            ),
            (
                "headroom/node-reserved".to_owned(),
                format!(
                    "kube and system reserve cpu {}, memory {}; eviction threshold {} \
                     (GKE/EKS formula) of capacity cpu {}, memory {}",
                    millicore_quantity(node.reserved_millicores),
                    memory(MiB(node.reserved_memory_mib)),
                    memory(MiB(node.eviction_memory_mib)),
                    millicore_quantity(node.capacity_millicores),
                    memory(MiB(node.capacity_memory_mib)),
                ),
            ),
        ]);
    }
    let container = container(
        name,
        &service.image,
        service.port,
        &service.probe,
        config,
        resources(
            Some(quantities(
                cpu(service.cpu_reservation),
                memory(service.memory_reservation_mib),
            )),
            quantities(cpu(service.cpu_limit), memory(service.memory_limit_mib)),
        ),
    );
    let pod = Fields::default().with("containers", vec![container]);
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
            memory(MiB(node.allocatable_memory_mib())),
            millicore_quantity(node.reserved_millicores),
            memory(MiB(node.reserved_memory_mib)),
            memory(MiB(node.eviction_memory_mib)),
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
        None,
        resources(
            None,
            crate::export::ordered(vec![(GPU_RESOURCE.to_owned(), gpus)]),
        ),
    );
    let node_selector = voice.instance_type.as_ref().map(|instance| {
        strings(crate::export::ordered(vec![(
            INSTANCE_TYPE_LABEL.to_owned(),
            instance.clone(),
        )]))
    });
    let pod = Fields::default()
        .with("containers", vec![container])
        .maybe("nodeSelector", node_selector)
        .with("tolerations", gpu_tolerations());
    let annotations = crate::export::ordered(vec![
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
