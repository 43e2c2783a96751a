//! The ConfigMaps: the app's settings as environment variables, and the Redis and PgBouncer
//! configuration files for whoever runs them.

use super::super::{mebibytes, setting_word, strings, DeploymentSpec, POOL_SIZE_VARIABLE};
use super::{object, Context, Map};

/// Name of the ConfigMap the app containers read as environment variables (`envFrom`): the
/// pool size ([`POOL_SIZE_VARIABLE`], as in the Compose file), the database tier and the
/// Redis topology.
pub const CONFIG_MAP_NAME: &str = "headroom-settings";

/// Name of the ConfigMap holding `redis.conf` and `pgbouncer.ini`.
pub const FILES_CONFIG_MAP_NAME: &str = "headroom-files";

/// `app.kubernetes.io/component` of the ConfigMaps.
const CONFIG_COMPONENT: &str = "config";

/// The settings ConfigMap's name when the spec has settings to put in it.
pub(super) fn settings_name(spec: &DeploymentSpec) -> Option<&'static str> {
    (spec.redis.is_some() || spec.database.is_some()).then_some(CONFIG_MAP_NAME)
}

fn config_map(context: &Context, name: &str, data: Map) -> String {
    object(
        "v1",
        "ConfigMap",
        context.metadata(name, CONFIG_COMPONENT),
        ("data", strings(data)),
    )
}

/// The settings ConfigMap, then the files ConfigMap, each when it has data.
pub(super) fn config_maps(context: &Context) -> Vec<String> {
    let spec = context.spec;
    let mut settings = Map::new();
    let mut files = Map::new();
    if let Some(redis) = &spec.redis {
        files.insert(
            "redis.conf".to_owned(),
            format!(
                "maxmemory {}mb\nmaxmemory-policy {}\n",
                mebibytes(redis.maxmemory_mib),
                setting_word(&redis.maxmemory_policy, "noeviction")
            ),
        );
        settings.insert("REDIS_NODES".to_owned(), redis.nodes.to_string());
        settings.insert(
            "REDIS_TOPOLOGY".to_owned(),
            setting_word(&redis.topology, "single"),
        );
    }
    if let Some(database) = &spec.database {
        settings.insert(
            POOL_SIZE_VARIABLE.to_owned(),
            database.pool_per_instance.to_string(),
        );
        settings.insert("DB_TIER".to_owned(), database.tier.clone());
        if let Some(pooler) = &database.pooler {
            files.insert(
                "pgbouncer.ini".to_owned(),
                format!(
                    "[pgbouncer]\npool_mode = {}\ndefault_pool_size = {}\nmax_client_conn = {}\n",
                    setting_word(&pooler.pool_mode, "transaction"),
                    pooler.default_pool_size,
                    pooler.max_client_conn
                ),
            );
        }
    }
    let mut documents = Vec::new();
    if let Some(name) = settings_name(spec) {
        documents.push(config_map(context, name, settings));
    }
    if !files.is_empty() {
        documents.push(config_map(context, FILES_CONFIG_MAP_NAME, files));
    }
    documents
}
