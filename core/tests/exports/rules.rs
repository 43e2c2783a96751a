//! The conventions a platform engineer checks before applying an export: one test a rule.
//! `scripts/validate_exports.py` checks the same rules on every sample file.

use super::*;
use headroom_core::engine;
use headroom_core::export::deployment::{self, VOICE_IMAGE};
use headroom_core::export::{dns_label, KNOWN_IMAGES, MAX_AUTOSCALER_TARGET_PCT};

const _: () = assert!(MAX_AUTOSCALER_TARGET_PCT < 100.0);
use headroom_core::plan::{Named, Plan, RedisTopology};
use headroom_core::presets;

/// The spec of template `id`'s first scenario in `month`, after `change` to its plan.
fn template_spec(id: &str, month: u32, change: impl FnOnce(&mut Plan)) -> DeploymentSpec {
    let mut plan = presets::find(id).expect("template").build();
    change(&mut plan);
    let plan = plan.validate().expect("valid");
    let results = engine::run(&plan);
    deployment::spec(&plan, &results, 0, month).expect("spec")
}

/// A quantity in millicores (`"1930m"`, `"2"`) or MiB (`"512Mi"`).
fn amount(quantity: &Value) -> u64 {
    let text = quantity.as_str().unwrap();
    if let Some(m) = text.strip_suffix('m') {
        m.parse().unwrap()
    } else if let Some(mi) = text.strip_suffix("Mi") {
        mi.parse().unwrap()
    } else {
        text.parse::<u64>().unwrap() * 1000
    }
}

#[test]
fn hpa_managed_deployments_leave_replicas_out() {
    for spec in [samples::shop(), template_spec("voiceassist", 6, |_| ())] {
        let documents = parse_all(&kubernetes::to_yaml(&spec));
        let targets: Vec<&Value> = of_kind(&documents, "HorizontalPodAutoscaler")
            .iter()
            .map(|hpa| &hpa["spec"]["scaleTargetRef"]["name"])
            .collect();
        assert!(!targets.is_empty());
        for deployment in of_kind(&documents, "Deployment") {
            let managed = targets.contains(&&deployment["metadata"]["name"]);
            assert_eq!(deployment["spec"].get("replicas").is_none(), managed);
        }
    }
    // The month's count is still said.
    let documents = parse_all(&kubernetes::to_yaml(&samples::shop()));
    assert_eq!(
        documents[0]["metadata"]["annotations"]["headroom/planned-replicas"],
        "4"
    );
}

#[test]
fn autoscaler_targets_stay_below_100_percent() {
    // VoiceAssist plans instances at 100 % utilisation: an autoscaler aiming there never
    // scales out.
    let spec = template_spec("voiceassist", 6, |_| ());
    assert_eq!(spec.services[0].target_cpu_utilisation_pct, 100.0);
    assert!(spec
        .notes
        .iter()
        .any(|n| n.contains("could never scale out")));
    let documents = parse_all(&kubernetes::to_yaml(&spec));
    for hpa in of_kind(&documents, "HorizontalPodAutoscaler") {
        for metric in hpa["spec"]["metrics"].as_array().unwrap() {
            let target = metric["resource"]["target"]["averageUtilization"]
                .as_f64()
                .unwrap();
            assert!(target <= MAX_AUTOSCALER_TARGET_PCT, "{target}");
        }
    }
    let values = parse(&helm::to_yaml(&spec));
    assert_eq!(values["autoscaling"]["targetCPUUtilizationPercentage"], 90);
    // A target below the cap is the plan's.
    let spec = template_spec("cafe-pilot", 1, |_| ());
    let documents = parse_all(&kubernetes::to_yaml(&spec));
    assert_eq!(
        documents[1]["spec"]["metrics"][0]["resource"]["target"]["averageUtilization"],
        70
    );
}

#[test]
fn requests_fit_the_node_allocatable() {
    for id in ["blank", "voiceassist", "cafe-pilot", "selextract"] {
        let spec = template_spec(id, 1, |_| ());
        let documents = parse_all(&kubernetes::to_yaml(&spec));
        let deployment = &documents[0];
        let annotations = &deployment["metadata"]["annotations"];
        let resources = &deployment["spec"]["template"]["spec"]["containers"][0]["resources"];
        for (resource, allocatable) in [
            ("cpu", "headroom/node-allocatable-cpu"),
            ("memory", "headroom/node-allocatable-memory"),
        ] {
            let request = amount(&resources["requests"][resource]);
            let limit = amount(&resources["limits"][resource]);
            let allocatable = amount(&annotations[allocatable]);
            assert!(request < limit, "{id} {resource}: {request} ≥ {limit}");
            assert!(
                limit <= allocatable,
                "{id} {resource}: {limit} > {allocatable}"
            );
        }
        assert!(annotations["headroom/node-reserved"]
            .as_str()
            .unwrap()
            .contains("GKE/EKS formula"));
    }
    // The default plan's m7g.large by hand: 2 cores less 70 m, 7 629 MiB less 1 731 MiB and
    // the 100 MiB eviction threshold.
    let spec = template_spec("blank", 12, |_| ());
    let documents = parse_all(&kubernetes::to_yaml(&spec));
    let annotations = &documents[0]["metadata"]["annotations"];
    assert_eq!(annotations["headroom/node-allocatable-cpu"], "1930m");
    assert_eq!(annotations["headroom/node-allocatable-memory"], "5798Mi");
    let resources = &documents[0]["spec"]["template"]["spec"]["containers"][0]["resources"];
    assert_eq!(resources["requests"]["cpu"], "1830m");
    assert_eq!(resources["requests"]["memory"], "5542Mi");
}

#[test]
fn pdb_follows_n_plus_k() {
    for k in [0, 1, 2] {
        let spec = template_spec("cafe-pilot", 6, |plan| plan.policies.redundancy = k);
        let text = kubernetes::to_yaml(&spec);
        let documents = parse_all(&text);
        let budgets = of_kind(&documents, "PodDisruptionBudget");
        if k == 0 {
            assert!(budgets.is_empty());
            assert!(text.contains("# app: no PodDisruptionBudget: the plan's redundancy is N+0"));
        } else {
            // The app and the voice Deployment each get one.
            assert_eq!(budgets.len(), 2, "N+{k}");
            for budget in budgets {
                assert_eq!(budget["apiVersion"], "policy/v1");
                assert_eq!(budget["spec"]["maxUnavailable"], k);
                let name = budget["metadata"]["name"].as_str().unwrap();
                let deployment = of_kind(&documents, "Deployment")
                    .into_iter()
                    .find(|d| d["metadata"]["name"] == name)
                    .unwrap();
                assert_eq!(
                    budget["spec"]["selector"]["matchLabels"],
                    deployment["spec"]["selector"]["matchLabels"]
                );
            }
        }
        let values = parse(&helm::to_yaml(&spec));
        assert_eq!(values["podDisruptionBudget"]["enabled"], k > 0);
    }
}

#[test]
fn project_name_folds_accents() {
    let spec = template_spec("cafe-pilot", 1, |_| ());
    assert_eq!(spec.plan_name, "Café voice pilot");
    let file = parse(&compose::to_yaml(&spec));
    assert_eq!(file["name"], "cafe-voice-pilot");
    assert_eq!(
        dns_label("Ærøskøbing Łódź Straße"),
        "aeroskobing-lodz-strasse"
    );
    let documents = parse_all(&kubernetes::to_yaml(&spec));
    assert_eq!(
        documents[0]["metadata"]["labels"]["app.kubernetes.io/part-of"],
        "cafe-voice-pilot"
    );
}

#[test]
fn every_app_container_has_probes_a_port_and_a_service() {
    let mut spec = samples::shop();
    spec.services[1].probe = HttpProbe {
        path: "/ready".to_owned(),
        port: 9000,
    };
    let documents = parse_all(&kubernetes::to_yaml(&spec));
    let services = of_kind(&documents, "Service");
    for deployment in of_kind(&documents, "Deployment") {
        let name = &deployment["metadata"]["name"];
        let container = &deployment["spec"]["template"]["spec"]["containers"][0];
        for probe in ["readinessProbe", "livenessProbe"] {
            assert!(
                container[probe]["httpGet"]["path"].is_string(),
                "{name} {probe}"
            );
        }
        assert!(services.iter().any(|s| &s["metadata"]["name"] == name));
    }
    let web = &of_kind(&documents, "Deployment")[0]["spec"]["template"]["spec"]["containers"][0];
    assert_eq!(web["readinessProbe"]["httpGet"]["path"], "/healthz");
    assert_eq!(web["livenessProbe"]["httpGet"]["port"], 8080);
    assert_eq!(web["ports"][0]["containerPort"], 8080);
    let no = &of_kind(&documents, "Deployment")[1]["spec"]["template"]["spec"]["containers"][0];
    assert_eq!(no["readinessProbe"]["httpGet"]["path"], "/ready");
    assert_eq!(no["livenessProbe"]["httpGet"]["port"], 9000);
}

#[test]
fn the_config_map_is_read_and_names_the_pool_as_compose_does() {
    let spec = template_spec("blank", 1, |_| ());
    let documents = parse_all(&kubernetes::to_yaml(&spec));
    let settings = of_kind(&documents, "ConfigMap")[0];
    let name = settings["metadata"]["name"].as_str().unwrap();
    let container = &documents[0]["spec"]["template"]["spec"]["containers"][0];
    assert_eq!(container["envFrom"][0]["configMapRef"]["name"], name);
    let compose_file = parse(&compose::to_yaml(&spec));
    assert_eq!(
        settings["data"]["DB_POOL_SIZE"],
        compose_file["services"]["app"]["environment"]["DB_POOL_SIZE"]
    );
    // Every key the containers read is a valid environment variable name.
    for key in settings["data"].as_object().unwrap().keys() {
        assert!(
            key.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'),
            "{key}"
        );
    }
}

#[test]
fn gpu_voice_is_a_deployment_on_gpu_nodes() {
    let spec = samples::shop();
    let documents = parse_all(&kubernetes::to_yaml(&spec));
    let voice = of_kind(&documents, "Deployment")
        .into_iter()
        .find(|d| d["metadata"]["name"] == "voice")
        .expect("a voice Deployment");
    assert_eq!(voice["spec"]["replicas"], 2);
    let pod = &voice["spec"]["template"]["spec"];
    assert_eq!(
        pod["containers"][0]["resources"]["limits"]["nvidia.com/gpu"],
        "1"
    );
    assert_eq!(
        pod["nodeSelector"]["node.kubernetes.io/instance-type"],
        "g6.xlarge"
    );
    assert_eq!(
        pod["tolerations"],
        serde_json::json!([{"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}])
    );
    // The café pilot's node type names no instance type: no selector, and the file says so.
    let spec = template_spec("cafe-pilot", 12, |_| ());
    let voice_spec = spec.voice.as_ref().expect("the pilot has voice");
    assert_eq!(voice_spec.instance_type, None);
    assert_eq!(voice_spec.image, VOICE_IMAGE);
    let text = kubernetes::to_yaml(&spec);
    assert!(text.contains("names no instance type: add a nodeSelector"));
    let documents = parse_all(&text);
    let voice = of_kind(&documents, "Deployment")[1];
    assert_eq!(voice["spec"]["replicas"], voice_spec.replicas);
    assert!(voice["spec"]["template"]["spec"]
        .get("nodeSelector")
        .is_none());
    // Compose: one replica a node, each reserving an NVIDIA GPU.
    let file = parse(&compose::to_yaml(&spec));
    let service = &file["services"]["voice"];
    assert_eq!(service["deploy"]["replicas"], voice_spec.replicas);
    assert_eq!(
        service["deploy"]["resources"]["reservations"]["devices"],
        serde_json::json!([{"driver": "nvidia", "count": 1, "capabilities": ["gpu"]}])
    );
    // Helm: the extra block.
    let values = parse(&helm::to_yaml(&spec));
    assert_eq!(values["voiceGpu"]["replicaCount"], voice_spec.replicas);
}

#[test]
fn compose_redis_has_a_memory_limit_and_its_topology() {
    // Replicated: the shop's primary + replica gets a replica service.
    let file = parse(&compose::to_yaml(&samples::shop()));
    let services = &file["services"];
    assert_eq!(
        services["redis"]["deploy"]["resources"]["limits"]["memory"],
        "1024M"
    );
    let replica = &services["redis-replica"];
    let command: Vec<&str> = replica["command"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(
        command.ends_with(&["--replicaof", "redis", "6379"]),
        "{command:?}"
    );
    assert_eq!(replica["depends_on"][0], "redis");
    // Single: no replica; the limit is maxmemory ÷ the maxmemory share (75 %).
    let spec = template_spec("blank", 12, |_| ());
    let redis = spec.redis.as_ref().unwrap();
    assert_eq!(
        (redis.maxmemory_mib.0, redis.memory_limit_mib.0),
        (357, 476)
    );
    let file = parse(&compose::to_yaml(&spec));
    assert!(file["services"].get("redis-replica").is_none());
    assert_eq!(
        file["services"]["redis"]["deploy"]["resources"]["limits"]["memory"],
        "476M"
    );
    // Cluster: not written, and the file says so.
    let spec = template_spec("blank", 1, |plan| {
        plan.baseline.redis.memory_mb_fixed = 20_000.0;
    });
    let redis = spec.redis.as_ref().unwrap();
    assert_eq!(redis.topology, RedisTopology::Cluster.name());
    let text = compose::to_yaml(&spec);
    let file = parse(&text);
    assert!(file["x-headroom"]["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n
            .as_str()
            .unwrap()
            .contains("a cluster is not written here")));
    assert!(text.contains("# redis: the plan's Redis is a cluster of 6 nodes"));
}

#[test]
fn compose_metadata_is_an_x_field() {
    let file = parse(&compose::to_yaml(&samples::shop()));
    let metadata = &file["x-headroom"];
    assert_eq!(metadata["generated-by"], "Headroom");
    assert_eq!(metadata["plan"], "Shop: Black Friday \"2027\"");
    assert_eq!(metadata["scenario"], "Conservative");
    assert_eq!(metadata["month"], "Nov 2027");
}

#[test]
fn managed_services_are_named_not_deployed() {
    // The default plan buys its database from Supabase and Redis from ElastiCache.
    let spec = template_spec("blank", 1, |_| ());
    let text = kubernetes::to_yaml(&spec);
    assert!(text.contains(
        "# redis: managed service: ElastiCache (cache.t4g.micro (0.5 GB)), not a workload."
    ));
    assert!(
        text.contains("# database: managed service: Supabase (Supabase Micro), not a workload.")
    );
    // VoiceAssist runs its own: the file says what to run them with.
    let text = kubernetes::to_yaml(&template_spec("voiceassist", 6, |_| ()));
    assert!(text.contains("# redis: not a workload here: run it with an operator"));
    assert!(text.contains("# pgbouncer: not a workload here"));
    for text in [text, kubernetes::to_yaml(&samples::shop())] {
        let documents = parse_all(&text);
        for document in &documents {
            let name = document["metadata"]["name"].as_str().unwrap();
            assert!(
                !name.contains("redis") && !name.contains("pgbouncer"),
                "{name}"
            );
        }
    }
}

#[test]
fn helm_values_have_the_keys_helm_create_writes() {
    const HELM_CREATE: [&str; 21] = [
        "replicaCount",
        "image",
        "imagePullSecrets",
        "nameOverride",
        "fullnameOverride",
        "serviceAccount",
        "podAnnotations",
        "podLabels",
        "podSecurityContext",
        "securityContext",
        "service",
        "ingress",
        "resources",
        "livenessProbe",
        "readinessProbe",
        "autoscaling",
        "volumes",
        "volumeMounts",
        "nodeSelector",
        "tolerations",
        "affinity",
    ];
    let spec = template_spec("blank", 12, |_| ());
    let values = parse(&helm::to_yaml(&spec));
    let keys: Vec<&str> = values
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(&keys[..21], HELM_CREATE, "helm create's keys, in its order");
    assert_eq!(&keys[21..], ["podDisruptionBudget", "headroom"]);
    assert_eq!(values["replicaCount"], 2);
    assert_eq!(values["image"]["repository"], "registry.example.com/app");
    assert_eq!(values["image"]["tag"], "latest");
    assert_eq!(values["service"]["port"], 8080);
    assert_eq!(values["resources"]["limits"]["cpu"], "1930m");
    assert_eq!(values["autoscaling"]["minReplicas"], 2);
    assert_eq!(values["autoscaling"]["maxReplicas"], 10);
    assert_eq!(values["headroom"]["plan"], spec.plan_name.as_str());
    // No app service at all: still the whole layout.
    let mut empty = samples::minimal();
    empty.services.clear();
    let values = parse(&helm::to_yaml(&empty));
    assert_eq!(values.as_object().unwrap().len(), 23);
}

#[test]
fn exports_name_only_known_images() {
    for template in &presets::TEMPLATES {
        let plan = template.build().validate().unwrap();
        let results = engine::run(&plan);
        let month = results.scenarios[0].months.len() as u32;
        let spec = deployment::spec(&plan, &results, 0, month).unwrap();
        let file = parse(&compose::to_yaml(&spec));
        for service in file["services"].as_object().unwrap().values() {
            let image = service["image"].as_str().unwrap();
            assert!(KNOWN_IMAGES.contains(&image), "{}: {image}", template.id);
        }
        for document in parse_all(&kubernetes::to_yaml(&spec)) {
            if let Some(containers) = document["spec"]["template"]["spec"]["containers"].as_array()
            {
                for container in containers {
                    let image = container["image"].as_str().unwrap();
                    assert!(KNOWN_IMAGES.contains(&image), "{}: {image}", template.id);
                }
            }
        }
    }
}
