//! Sample specs used by the docs examples, the tests and `examples/export_samples.rs`.

use super::*;

/// The images the samples name beyond [`KNOWN_IMAGES`] (as a person would type their own).
pub const IMAGES: [&str; 3] = [
    "ghcr.io/acme/web-api:1.4.2",
    "ghcr.io/acme/worker:on",
    "nginx:1.27",
];

/// An app service sized for `node`, with the default port and probes.
fn service(name: &str, replicas: u32, node: Option<NodeSpec>) -> ServiceSpec {
    ServiceSpec {
        name: name.to_owned(),
        replicas,
        min_replicas: 1,
        max_replicas: replicas.max(1),
        spare_replicas: 0,
        cpu_limit: 0.1,
        cpu_reservation: 0.05,
        memory_limit_mib: MiB(128),
        memory_reservation_mib: MiB(64),
        image: "nginx:1.27".to_owned(),
        target_cpu_utilisation_pct: 80.0,
        target_memory_utilisation_pct: 80.0,
        port: DEFAULT_APP_PORT,
        probe: HttpProbe::default(),
        node,
    }
}

/// A small shop: two services (one named `no`, which YAML 1.1 reads as false unless
/// quoted), a primary + replica Redis bought from ElastiCache, a Supabase database behind
/// PgBouncer, N+1 redundancy and two GPU voice nodes.
pub fn shop() -> DeploymentSpec {
    let node = NodeSpec::new("m7g.large", 2.0, 7629);
    DeploymentSpec {
        plan_name: "Shop: Black Friday \"2027\"".to_owned(),
        scenario: "Conservative".to_owned(),
        month_label: "Nov 2027".to_owned(),
        services: vec![
            ServiceSpec {
                min_replicas: 2,
                max_replicas: 8,
                spare_replicas: 1,
                cpu_limit: 0.5,
                cpu_reservation: 0.25,
                memory_limit_mib: MiB(512),
                memory_reservation_mib: MiB(256),
                image: "ghcr.io/acme/web-api:1.4.2".to_owned(),
                target_cpu_utilisation_pct: 70.0,
                ..service("Web API", 4, Some(node.clone()))
            },
            ServiceSpec {
                max_replicas: 3,
                spare_replicas: 1,
                cpu_limit: 1.9,
                cpu_reservation: 1.5,
                memory_limit_mib: MiB(2048),
                memory_reservation_mib: MiB(1024),
                image: "ghcr.io/acme/worker:on".to_owned(),
                target_cpu_utilisation_pct: 65.5,
                target_memory_utilisation_pct: 75.0,
                ..service("no", 1, Some(node))
            },
        ],
        voice: Some(VoiceSpec {
            name: "voice".to_owned(),
            node_type: "g6.xlarge (L4)".to_owned(),
            instance_type: Some("g6.xlarge".to_owned()),
            replicas: 2,
            spare_replicas: 1,
            gpus: 1,
            image: VOICE_IMAGE.to_owned(),
            port: DEFAULT_APP_PORT,
            probe: HttpProbe::default(),
        }),
        redis: Some(RedisSettings {
            maxmemory_mib: MiB(768),
            memory_limit_mib: MiB(1024),
            maxmemory_policy: "allkeys-lru".to_owned(),
            nodes: 2,
            topology: "replicated".to_owned(),
            managed: Some("ElastiCache (cache.t4g.small + replica)".to_owned()),
        }),
        database: Some(DatabaseSettings {
            tier: "Supabase Small".to_owned(),
            pool_per_instance: 20,
            pooler: Some(PoolerSettings {
                max_client_conn: 1000,
                default_pool_size: 20,
                pool_mode: "transaction".to_owned(),
            }),
            managed: Some("Supabase (Supabase Small)".to_owned()),
        }),
        notes: vec!["Replace the images with your own.\nNo new lines".to_owned()],
    }
}

/// The shop with hostile names: the plan, scenario, month, notes, tier and a service name
/// hold every line break a YAML reader knows (`\n`, `\r`, `\r\n`, vertical tab, form
/// feed, U+0085, U+2028, U+2029), each followed by YAML that would add an object, and a
/// direction override. The exports must keep the shop's structure.
pub fn hostile() -> DeploymentSpec {
    let breaks = [
        "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}",
    ];
    let text = |label: &str| {
        let mut text = label.to_owned();
        for line_break in breaks {
            text.push_str(line_break);
            text.push_str("kind: ClusterRoleBinding");
        }
        text.push_str("\u{202E}---");
        text
    };
    let mut spec = shop();
    spec.plan_name = text("plan");
    spec.scenario = text("scenario");
    spec.month_label = text("month");
    spec.notes = vec![text("note"), text("another note")];
    spec.services[0].name = text("web");
    if let Some(database) = &mut spec.database {
        database.tier = text("tier");
        database.managed = Some(text("managed"));
    }
    if let Some(voice) = &mut spec.voice {
        voice.node_type = text("gpu");
    }
    spec
}

/// One service with awkward names and no Redis, database or voice: `on` for a YAML 1.1
/// boolean, and a name that derives to the same label as another.
pub fn minimal() -> DeploymentSpec {
    DeploymentSpec {
        plan_name: "on".to_owned(),
        scenario: "yes".to_owned(),
        month_label: "month 1".to_owned(),
        services: vec![
            service("on", 1, None),
            service("ON", 1, None),
            service("Redis", 1, None),
        ],
        voice: None,
        redis: None,
        database: None,
        notes: Vec::new(),
    }
}
