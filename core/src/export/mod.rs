//! Deployment exports: a sized plan month written as files a platform team can apply.
//!
//! [`deployment::spec`] fills a [`DeploymentSpec`] from a validated plan and its results (one
//! scenario, one month) and the writers turn it into text:
//!
//! - [`compose::to_yaml`]: a Docker Compose file (`deploy.replicas`, resource limits and
//!   reservations, the pool size in each app service's environment, a Redis service with
//!   `--maxmemory`, a PgBouncer service when the plan advises a pooler);
//! - [`kubernetes::to_yaml`]: Kubernetes manifests (a Deployment and a HorizontalPodAutoscaler
//!   per service, a ConfigMap with `redis.conf` and the pool settings);
//! - [`csv::to_csv`]: tables for spreadsheets, quoted per RFC 4180 and safe from formula
//!   injection.
//!
//! The YAML writers build serde structs and serialize them with `serde-saphyr`, never string
//! templates, so every value is quoted as YAML needs: a service called `no` or `on` stays a
//! string for every reader. `scripts/validate-exports.sh` checks sample output against the
//! Compose specification's JSON schema and the Kubernetes API schemas.
//!
//! # Names
//!
//! Compose service keys and Kubernetes object names are derived from the service names by
//! [`dns_label`]: lowercase ASCII letters, digits and `-`, at most 63 characters, starting and
//! ending with a letter or digit (an RFC 1123 label, which Kubernetes requires and Compose
//! accepts). Names that derive to the same label get `-2`, `-3`, … in order ([`unique_labels`]).
//!
//! # Units
//!
//! CPU figures are cores (0.5 = half a core). Memory figures are mebibytes (MiB, 2²⁰ bytes),
//! the unit container runtimes count in: Compose writes them with `M`, Kubernetes with `Mi`,
//! and Redis' `maxmemory` with `mb`, all of which mean MiB. Values that are not finite or not
//! positive are written as the smallest amount (1 millicore, 1 MiB) rather than rejected, so
//! the writers cannot fail.

#[cfg(feature = "yaml")]
pub mod compose;
pub mod csv;
#[cfg(feature = "yaml")]
pub mod deployment;
#[cfg(feature = "yaml")]
pub mod kubernetes;

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
    /// CPU limit per replica, in cores.
    pub cpu_limit: f64,
    /// CPU reserved (requested) per replica, in cores.
    pub cpu_reservation: f64,
    /// Memory limit per replica, in MiB.
    pub memory_limit_mb: u64,
    /// Memory reserved (requested) per replica, in MiB.
    pub memory_reservation_mb: u64,
    /// Container image, e.g. `ghcr.io/acme/api:1.4`.
    pub image: String,
    /// CPU utilisation the autoscaler aims for, in percent of the reservation.
    pub target_cpu_utilisation_pct: f64,
    /// Memory utilisation the autoscaler aims for, in percent of the reservation.
    pub target_memory_utilisation_pct: f64,
}

/// Redis memory settings.
#[derive(Clone, Debug, PartialEq)]
pub struct RedisSettings {
    /// `maxmemory`, in MiB.
    pub maxmemory_mb: u64,
    /// `maxmemory-policy`, e.g. `allkeys-lru`.
    pub maxmemory_policy: String,
    /// Nodes (primaries and replicas).
    pub nodes: u32,
    /// `single`, `replicated` or `cluster`.
    pub topology: String,
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

/// Longest RFC 1123 label.
pub const MAX_LABEL: usize = 63;

/// Derives an RFC 1123 label (Kubernetes object names, Compose service keys) from a name:
/// ASCII letters are lowercased, digits kept, every other run of characters becomes one `-`,
/// leading and trailing `-` are dropped and the result is cut to 63 characters. A name with no
/// letters or digits becomes `service`.
///
/// # Example
/// ```
/// use headroom_core::export::dns_label;
/// assert_eq!(dns_label("Web API"), "web-api");
/// assert_eq!(dns_label("payments_v2 (EU)"), "payments-v2-eu");
/// assert_eq!(dns_label("no"), "no");
/// assert_eq!(dns_label("☕☕"), "service");
/// ```
pub fn dns_label(name: &str) -> String {
    let mut label = String::with_capacity(name.len().min(MAX_LABEL));
    let mut dash = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !label.is_empty() {
                label.push('-');
            }
            dash = false;
            label.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    label.truncate(MAX_LABEL);
    let label = label.trim_end_matches('-');
    if label.is_empty() {
        "service".to_owned()
    } else {
        label.to_owned()
    }
}

/// Derives a [`dns_label`] for every name, making them unique: the second name that derives to
/// `web` becomes `web-2`, the third `web-3`. Labels in `reserved` (such as `redis`) are taken
/// from the start.
///
/// # Example
/// ```
/// use headroom_core::export::unique_labels;
/// let labels = unique_labels(["Web", "web", "Redis"], &["redis"]);
/// assert_eq!(labels, ["web", "web-2", "redis-2"]);
/// ```
pub fn unique_labels<'a>(
    names: impl IntoIterator<Item = &'a str>,
    reserved: &[&str],
) -> Vec<String> {
    let mut taken: std::collections::HashSet<String> =
        reserved.iter().map(|r| (*r).to_owned()).collect();
    let mut labels = Vec::new();
    for name in names {
        let base = dns_label(name);
        let mut label = base.clone();
        let mut n = 2u32;
        while taken.contains(&label) {
            let suffix = format!("-{n}");
            let keep = MAX_LABEL.saturating_sub(suffix.len()).min(base.len());
            label = format!("{}{suffix}", base[..keep].trim_end_matches('-'));
            n = n.saturating_add(1);
        }
        taken.insert(label.clone());
        labels.push(label);
    }
    labels
}

/// A download's file name: the [`dns_label`] of each part, joined by `-`, then `.` and
/// `extension` (`"compose.yaml"`, `"yaml"`). Safe on every file system: lowercase ASCII
/// letters, digits, `-` and `.` only.
///
/// # Example
/// ```
/// use headroom_core::export::file_name;
/// assert_eq!(file_name(&["Café pilot", "Base", "2027-06"], "compose.yaml"),
///            "caf-pilot-base-2027-06.compose.yaml");
/// assert_eq!(file_name(&["../../etc/passwd"], "yaml"), "etc-passwd.yaml");
/// ```
pub fn file_name(parts: &[&str], extension: &str) -> String {
    let stem: Vec<String> = parts.iter().map(|part| dns_label(part)).collect();
    let extension: String = extension
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    format!("{}.{}", stem.join("-"), extension.trim_matches('.'))
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
fn mebibytes(mb: u64) -> u64 {
    mb.max(1)
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
/// The comment at the top of every export, naming what produced it, then the notes.
fn header(kind: &str, spec: &DeploymentSpec) -> String {
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
    text
}

#[cfg(feature = "yaml")]
/// Serializes a document; the structs used here always serialize, but the writers stay total.
fn yaml<T: serde::Serialize>(value: &T) -> String {
    serde_saphyr::to_string(value).unwrap_or_else(|e| format!("# could not write: {e}\n"))
}

#[cfg(feature = "yaml")]
/// Sample specs used by the docs examples, the tests and `examples/export_samples.rs`.
pub mod samples {
    use super::*;

    /// A small shop: two services (one named `no`, which YAML 1.1 reads as false unless
    /// quoted), Redis and PgBouncer.
    pub fn shop() -> DeploymentSpec {
        DeploymentSpec {
            plan_name: "Shop: Black Friday \"2027\"".to_owned(),
            scenario: "Conservative".to_owned(),
            month_label: "Nov 2027".to_owned(),
            services: vec![
                ServiceSpec {
                    name: "Web API".to_owned(),
                    replicas: 4,
                    min_replicas: 2,
                    max_replicas: 8,
                    cpu_limit: 0.5,
                    cpu_reservation: 0.25,
                    memory_limit_mb: 512,
                    memory_reservation_mb: 256,
                    image: "ghcr.io/acme/web-api:1.4.2".to_owned(),
                    target_cpu_utilisation_pct: 70.0,
                    target_memory_utilisation_pct: 80.0,
                },
                ServiceSpec {
                    name: "no".to_owned(),
                    replicas: 1,
                    min_replicas: 1,
                    max_replicas: 3,
                    cpu_limit: 2.0,
                    cpu_reservation: 1.5,
                    memory_limit_mb: 2048,
                    memory_reservation_mb: 1024,
                    image: "ghcr.io/acme/worker:on".to_owned(),
                    target_cpu_utilisation_pct: 65.5,
                    target_memory_utilisation_pct: 75.0,
                },
            ],
            redis: Some(RedisSettings {
                maxmemory_mb: 768,
                maxmemory_policy: "allkeys-lru".to_owned(),
                nodes: 2,
                topology: "replicated".to_owned(),
            }),
            database: Some(DatabaseSettings {
                tier: "Supabase Small".to_owned(),
                pool_per_instance: 20,
                pooler: Some(PoolerSettings {
                    max_client_conn: 1000,
                    default_pool_size: 20,
                    pool_mode: "transaction".to_owned(),
                }),
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
        }
        spec
    }

    /// One service with awkward names and no Redis or database: `on` for a YAML 1.1 boolean,
    /// and a name that derives to the same label as another.
    pub fn minimal() -> DeploymentSpec {
        let service = |name: &str| ServiceSpec {
            name: name.to_owned(),
            replicas: 1,
            min_replicas: 1,
            max_replicas: 1,
            cpu_limit: 0.1,
            cpu_reservation: 0.05,
            memory_limit_mb: 128,
            memory_reservation_mb: 64,
            image: "nginx:1.27".to_owned(),
            target_cpu_utilisation_pct: 80.0,
            target_memory_utilisation_pct: 80.0,
        };
        DeploymentSpec {
            plan_name: "on".to_owned(),
            scenario: "yes".to_owned(),
            month_label: "month 1".to_owned(),
            services: vec![service("on"), service("ON"), service("Redis")],
            redis: None,
            database: None,
            notes: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_rfc_1123() {
        for name in [
            "",
            "-",
            "A",
            "Web API",
            "--x--",
            &"x".repeat(100),
            &format!("a{}b", "-".repeat(70)),
            "日本",
            "a..b",
        ] {
            let label = dns_label(name);
            assert!(!label.is_empty() && label.len() <= MAX_LABEL, "{label}");
            assert!(label
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
            assert!(!label.starts_with('-') && !label.ends_with('-'), "{label}");
        }
    }

    #[test]
    fn unique_labels_stay_short_and_distinct() {
        let long = "y".repeat(80);
        let labels = unique_labels([long.as_str(), long.as_str(), long.as_str()], &[]);
        assert_eq!(labels.len(), 3);
        assert!(labels.iter().all(|l| l.len() <= MAX_LABEL));
        assert!(labels[1].ends_with("-2") && labels[2].ends_with("-3"));
    }

    #[cfg(feature = "yaml")]
    #[test]
    fn quantities_have_floors() {
        assert_eq!(millicores(0.5), 500);
        assert_eq!(millicores(f64::NAN), 1);
        assert_eq!(millicores(-3.0), 1);
        assert_eq!(mebibytes(0), 1);
        assert_eq!(setting_word("allkeys-lru\nsave 1 1", "x"), "allkeys-lru");
        assert_eq!(setting_word(" ", "noeviction"), "noeviction");
    }

    #[cfg(feature = "yaml")]
    #[test]
    fn comment_lines_hold_no_line_break_of_any_reader() {
        assert_eq!(
            one_line("a\u{2028}b\u{2029}c\u{85}d\r\ne\u{0B}f\u{202E}g"),
            "a b c d  e f g"
        );
        assert_eq!(one_line("Team 👩\u{200D}💻"), "Team 👩\u{200D}💻");
    }
}
