//! Kubernetes export: per service an `apps/v1` Deployment and an `autoscaling/v2`
//! HorizontalPodAutoscaler, and a ConfigMap with `redis.conf` and the pool settings.
//!
//! Resources are Kubernetes quantities: CPU in millicores (`500m`, or whole cores `2`), memory
//! in MiB (`512Mi`); requests are the reservations, limits the limits. The autoscaler targets
//! average CPU and memory `Utilization` (percent of the requests). Object names are
//! [`dns_label`](super::dns_label)s; every object carries the `app.kubernetes.io/*` labels and
//! `headroom/plan`, `headroom/scenario` and `headroom/month` annotations.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{
    dns_label, header, mebibytes, millicores, setting_word, unique_labels, yaml, DeploymentSpec,
    ServiceSpec,
};

/// Name of the ConfigMap holding `redis.conf` and the pool settings.
pub const CONFIG_MAP_NAME: &str = "headroom-settings";

type Map = BTreeMap<String, String>;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Object<S> {
    api_version: &'static str,
    kind: &'static str,
    metadata: Metadata,
    #[serde(skip_serializing_if = "Option::is_none")]
    spec: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<Map>,
}

#[derive(Serialize)]
struct Metadata {
    name: String,
    labels: Map,
    annotations: Map,
}

#[derive(Serialize)]
struct PodMetadata {
    labels: Map,
}

#[derive(Serialize)]
struct DeploymentSpecK8s {
    replicas: u32,
    selector: Selector,
    template: PodTemplate,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Selector {
    match_labels: Map,
}

#[derive(Serialize)]
struct PodTemplate {
    metadata: PodMetadata,
    spec: PodSpec,
}

#[derive(Serialize)]
struct PodSpec {
    containers: Vec<Container>,
}

#[derive(Serialize)]
struct Container {
    name: String,
    image: String,
    resources: Resources,
}

#[derive(Serialize)]
struct Resources {
    requests: Quantities,
    limits: Quantities,
}

#[derive(Serialize)]
struct Quantities {
    cpu: String,
    memory: String,
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
    let m = millicores(cores);
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
/// assert_eq!(memory(512), "512Mi");
/// ```
pub fn memory(mb: u64) -> String {
    format!("{}Mi", mebibytes(mb))
}

/// A utilisation target in whole percent, at least 1 (the autoscaler's `averageUtilization`).
fn utilization(pct: f64) -> u32 {
    let p = pct.round();
    if p.is_finite() && p >= 1.0 {
        // Saturates for absurd values; int32 in the API, so cap there.
        (p as u32).min(i32::MAX as u32)
    } else {
        1
    }
}

fn labels(app: &str, part_of: &str) -> Map {
    BTreeMap::from([
        ("app.kubernetes.io/name".to_owned(), app.to_owned()),
        ("app.kubernetes.io/part-of".to_owned(), part_of.to_owned()),
        (
            "app.kubernetes.io/managed-by".to_owned(),
            "headroom".to_owned(),
        ),
    ])
}

fn annotations(spec: &DeploymentSpec) -> Map {
    BTreeMap::from([
        ("headroom/plan".to_owned(), spec.plan_name.clone()),
        ("headroom/scenario".to_owned(), spec.scenario.clone()),
        ("headroom/month".to_owned(), spec.month_label.clone()),
    ])
}

fn deployment(spec: &DeploymentSpec, service: &ServiceSpec, name: &str, part_of: &str) -> String {
    let selector = BTreeMap::from([("app.kubernetes.io/name".to_owned(), name.to_owned())]);
    let object = Object {
        api_version: "apps/v1",
        kind: "Deployment",
        metadata: Metadata {
            name: name.to_owned(),
            labels: labels(name, part_of),
            annotations: annotations(spec),
        },
        spec: Some(DeploymentSpecK8s {
            replicas: service.replicas,
            selector: Selector {
                match_labels: selector,
            },
            template: PodTemplate {
                metadata: PodMetadata {
                    labels: labels(name, part_of),
                },
                spec: PodSpec {
                    containers: vec![Container {
                        name: name.to_owned(),
                        image: service.image.clone(),
                        resources: Resources {
                            requests: Quantities {
                                cpu: cpu(service.cpu_reservation),
                                memory: memory(service.memory_reservation_mb),
                            },
                            limits: Quantities {
                                cpu: cpu(service.cpu_limit),
                                memory: memory(service.memory_limit_mb),
                            },
                        },
                    }],
                },
            },
        }),
        data: None,
    };
    yaml(&object)
}

fn autoscaler(spec: &DeploymentSpec, service: &ServiceSpec, name: &str, part_of: &str) -> String {
    let min_replicas = service.min_replicas.max(1);
    let metric = |resource: &'static str, pct: f64| Metric {
        kind: "Resource",
        resource: ResourceMetric {
            name: resource,
            target: MetricTarget {
                kind: "Utilization",
                average_utilization: utilization(pct),
            },
        },
    };
    let object = Object {
        api_version: "autoscaling/v2",
        kind: "HorizontalPodAutoscaler",
        metadata: Metadata {
            name: name.to_owned(),
            labels: labels(name, part_of),
            annotations: annotations(spec),
        },
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
    };
    yaml(&object)
}

fn config_map(spec: &DeploymentSpec, part_of: &str) -> Option<String> {
    if spec.redis.is_none() && spec.database.is_none() {
        return None;
    }
    let mut data = Map::new();
    if let Some(redis) = &spec.redis {
        data.insert(
            "redis.conf".to_owned(),
            format!(
                "maxmemory {}mb\nmaxmemory-policy {}\n",
                mebibytes(redis.maxmemory_mb),
                setting_word(&redis.maxmemory_policy, "noeviction")
            ),
        );
        data.insert("REDIS_NODES".to_owned(), redis.nodes.to_string());
        data.insert(
            "REDIS_TOPOLOGY".to_owned(),
            setting_word(&redis.topology, "single"),
        );
    }
    if let Some(database) = &spec.database {
        data.insert(
            "DB_POOL_PER_INSTANCE".to_owned(),
            database.pool_per_instance.to_string(),
        );
        data.insert("DB_TIER".to_owned(), database.tier.clone());
        if let Some(pooler) = &database.pooler {
            let pool_mode = setting_word(&pooler.pool_mode, "transaction");
            data.insert(
                "pgbouncer.ini".to_owned(),
                format!(
                    "[pgbouncer]\npool_mode = {pool_mode}\ndefault_pool_size = {}\nmax_client_conn = {}\n",
                    pooler.default_pool_size, pooler.max_client_conn
                ),
            );
            data.insert("PGBOUNCER_POOL_MODE".to_owned(), pool_mode);
            data.insert(
                "PGBOUNCER_DEFAULT_POOL_SIZE".to_owned(),
                pooler.default_pool_size.to_string(),
            );
            data.insert(
                "PGBOUNCER_MAX_CLIENT_CONN".to_owned(),
                pooler.max_client_conn.to_string(),
            );
        }
    }
    let object: Object<()> = Object {
        api_version: "v1",
        kind: "ConfigMap",
        metadata: Metadata {
            name: CONFIG_MAP_NAME.to_owned(),
            labels: labels(CONFIG_MAP_NAME, part_of),
            annotations: annotations(spec),
        },
        spec: None,
        data: Some(data),
    };
    Some(yaml(&object))
}

/// Writes `spec` as Kubernetes manifests: one YAML stream with a Deployment and a
/// HorizontalPodAutoscaler per service, then the ConfigMap (when Redis or database settings are
/// present), separated by `---`, after a comment naming the plan, scenario and month.
///
/// Never fails: names are derived into RFC 1123 labels, and quantities, replica bounds and
/// utilisation targets have floors (at least 1; `maxReplicas` at least `minReplicas`).
///
/// # Example
/// ```
/// use headroom_core::export::{kubernetes, samples};
/// let text = kubernetes::to_yaml(&samples::shop());
/// assert!(text.contains("kind: HorizontalPodAutoscaler"));
/// assert!(text.contains("cpu: 500m"));
/// assert!(text.contains("memory: 512Mi"));
/// assert!(text.contains("name: \"no\""));
/// ```
pub fn to_yaml(spec: &DeploymentSpec) -> String {
    let part_of = dns_label(&spec.plan_name);
    let names = unique_labels(spec.services.iter().map(|s| s.name.as_str()), &[]);
    let mut documents = Vec::new();
    for (service, name) in spec.services.iter().zip(&names) {
        documents.push(deployment(spec, service, name, &part_of));
        documents.push(autoscaler(spec, service, name, &part_of));
    }
    documents.extend(config_map(spec, &part_of));
    let mut text = header("Kubernetes manifests", spec);
    for document in documents {
        text.push_str("---\n");
        text.push_str(&document);
    }
    text
}
