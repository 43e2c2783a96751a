//! Redis memory sizing: how much memory the data takes, how large a node must be to hold it
//! safely, and which plan (node size and topology) each month needs.
//!
//! ```text
//! data_mb        = memory_mb_fixed + units × memory_mb_per_unit
//!                  + units × keys_per_unit × (bytes_per_key + overhead_bytes_per_key) / 10⁶
//! rss_mb         = data_mb × fragmentation_ratio
//! node_memory_mb = rss_mb ÷ maxmemory_share
//! maxmemory_mb   = node_memory_mb × maxmemory_share      (the `maxmemory` setting to configure)
//! ```
//!
//! Every `_mb` here is decimal megabytes (10⁶ bytes), as the plans' catalogs state memory; the
//! exports write whole mebibytes (`_mib`, 2²⁰ bytes), rounded down, as container limits and
//! Redis's own `maxmemory 768mb` take them.
//!
//! - *Per-key overhead*: Redis stores each key in a dictionary entry, an object header and the
//!   allocator's rounding, about 50–100 bytes beyond key and value (docs/models.md "Redis"; one
//!   observation: 84.9 M small keys in 11.07 GB ≈ 140 B per key). Redis 8 / Valkey 8 changed the
//!   layout, so the overhead is a policy parameter (96 B by default).
//! - *Fragmentation*: the allocator holds more than the data (RSS ÷ used memory, 1.0–1.5
//!   typically; clamped to 1.0–3.0 here).
//! - *Fork reserve*: an RDB save or AOF rewrite forks the process, and copy-on-write can take up
//!   to twice the memory on a write-heavy instance (Redis administration docs, "Memory"). AWS
//!   ElastiCache reserves 25 % of a node's memory for this by default (`reserved-memory-percent`),
//!   so the default share `maxmemory` may use is 75 %.
//!
//! Topology (docs/models.md "Redis"): a *single* node is a cache whose data may be lost on failure;
//! *primary + replica* gives high availability and pays the memory twice; a *cluster* shards the
//! data when it exceeds the largest non-cluster plan; Redis recommends
//! at least 3 primaries, ideally 3 primaries + 3 replicas (Redis cluster tutorial). Plans are
//! chosen month by month with [`crate::tiers::progression`], memory being the one dimension.
//!
//! The two margins are different things and both apply: the `maxmemory` share is room the node
//! needs *every day* (fork and rewrite), the scale-up trigger is how early to move to the next
//! plan. With the defaults (75 % and 80 %) RSS reaches 60 % of a plan's memory before the move;
//! a guide that counts only a trigger ("1.6 GB = 80 % of 2 GB") is expressed with a 100 % share
//! and a fragmentation ratio of 1 (the Supabase/Redis preset). Throughput (operations per
//! second) is not a dimension: a plan is chosen on memory alone.

use crate::explain::Explanation;
use crate::format;
use crate::plan::{RedisDemand, RedisPlan, RedisPolicy, RedisTopology};
use crate::tiers::{
    self, demand_amount, Dimension, Progression, ProgressionOptions, TierSpec, Upgrade, AMOUNT_CAP,
};
use crate::units::{PlanMonth, Share};
use serde::Serialize;

/// Megabytes in a (decimal) gigabyte, as plans are priced.
pub const MB_PER_GB: f64 = 1000.0;

/// Bytes in a (decimal) megabyte.
pub const BYTES_PER_MB: f64 = 1e6;

/// Fewest primaries Redis recommends for a cluster.
pub const MIN_CLUSTER_PRIMARIES: u32 = 3;

/// The one dimension Redis plans are chosen on.
pub const MEMORY_DIMENSION: Dimension = Dimension {
    name: "node memory",
    unit: "MB",
};

/// Memory one month's Redis data needs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RedisNeed {
    /// Data as Redis counts it (`used_memory`), MB.
    pub data_mb: f64,
    /// Resident memory after fragmentation, MB.
    pub rss_mb: f64,
    /// Node memory that holds the RSS within the `maxmemory` share, MB.
    pub node_memory_mb: f64,
    /// The `maxmemory` setting to configure on such a node, MB.
    pub maxmemory_mb: f64,
    /// Demand units sized for (after the safety rules).
    pub units: f64,
    /// Fixed memory, MB.
    pub fixed_mb: f64,
    /// Memory per unit, MB.
    pub per_unit_mb: f64,
    /// Keys per unit.
    pub keys_per_unit: f64,
    /// Bytes per key (key and value).
    pub bytes_per_key: f64,
    /// Redis's own overhead per key, bytes.
    pub overhead_bytes_per_key: f64,
    /// Fragmentation ratio used.
    pub fragmentation_ratio: f64,
    /// Share of node memory `maxmemory` may use, as a fraction.
    pub maxmemory_share: f64,
}

impl RedisNeed {
    /// The working: "1 600 MB of node memory = data 1 000 MB = …; RSS = …; node = …".
    ///
    /// # Example
    /// ```
    /// use headroom_core::{plan::RedisDemand, redis::{memory_need, MemoryRules}};
    /// let demand = RedisDemand { memory_mb_fixed: 0.0, memory_mb_per_unit: 0.1, ..RedisDemand::default() };
    /// let need = memory_need(&demand, &MemoryRules::default(), 10_000.0);
    /// assert_eq!(need.explain().figure, "1\u{202F}600 MB of node memory");
    /// ```
    pub fn explain(&self) -> Explanation {
        let mb = |v: f64| format::with_unit(v, "MB");
        let mut data_formula = format!(
            "{} + {} × {}",
            mb(self.fixed_mb),
            format::number(self.units),
            mb(self.per_unit_mb)
        );
        if self.keys_per_unit > 0.0 {
            data_formula.push_str(&format!(
                " + {} × {} keys × ({} B + {} B) ÷ 10⁶",
                format::number(self.units),
                format::number(self.keys_per_unit),
                format::number(self.bytes_per_key),
                format::number(self.overhead_bytes_per_key)
            ));
        }
        Explanation::new(format!("{} of node memory", mb(self.node_memory_mb)))
            .formula(format!(
                "data {} = {data_formula}; RSS = {} × {} = {}; node = {} ÷ {} = {}; maxmemory = {}",
                mb(self.data_mb),
                mb(self.data_mb),
                format::number(self.fragmentation_ratio),
                mb(self.rss_mb),
                mb(self.rss_mb),
                format::percent(self.maxmemory_share),
                mb(self.node_memory_mb),
                mb(self.maxmemory_mb)
            ))
            .input("units", format::number(self.units))
            .input("fixed memory", mb(self.fixed_mb))
            .input("memory per unit", mb(self.per_unit_mb))
            .input("keys per unit", format::number(self.keys_per_unit))
            .input("bytes per key", format::with_unit(self.bytes_per_key, "B"))
            .input(
                "overhead per key",
                format::with_unit(self.overhead_bytes_per_key, "B"),
            )
            .input(
                "fragmentation ratio",
                format::number(self.fragmentation_ratio),
            )
            .input("maxmemory share", format::percent(self.maxmemory_share))
            .binding(format!(
                "the fork/rewrite reserve: {} of the node stays free for RDB saves and AOF rewrites",
                format::percent(1.0 - self.maxmemory_share)
            ))
    }
}

/// The rules that turn Redis data into a node's memory: a plan's [`RedisPolicy`] resolved
/// once ([`crate::validate::ValidPlan::redis_rules`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MemoryRules {
    /// Redis's own bytes per key, ≥ 0.
    overhead_bytes_per_key: f64,
    /// RSS over used memory, 1.0–3.0.
    fragmentation_ratio: f64,
    /// Share of a node's memory `maxmemory` may use, at least 1 %.
    maxmemory_share: Share,
}

impl MemoryRules {
    /// `policy`'s rules: the fragmentation ratio within 1.0–3.0 (1.2 when not a number), the
    /// `maxmemory` share within 1–100 % (75 % when not a number), the per-key overhead ≥ 0
    /// (96 B when not a number).
    pub fn of(policy: &RedisPolicy) -> Self {
        let defaults = RedisPolicy::default();
        Self {
            overhead_bytes_per_key: if policy.overhead_bytes_per_key.is_nan() {
                defaults.overhead_bytes_per_key
            } else {
                policy.overhead_bytes_per_key.clamp(0.0, AMOUNT_CAP)
            },
            fragmentation_ratio: if policy.fragmentation_ratio.is_nan() {
                defaults.fragmentation_ratio
            } else {
                policy.fragmentation_ratio.clamp(1.0, 3.0)
            },
            maxmemory_share: Share::of_pct_at_least(
                policy.maxmemory_share_pct,
                MIN_MAXMEMORY_SHARE_PCT,
                defaults.maxmemory_share_pct,
            ),
        }
    }
}

impl Default for MemoryRules {
    fn default() -> Self {
        Self::of(&RedisPolicy::default())
    }
}

/// The smallest `maxmemory` share the model divides by, percent: a node's memory is the data
/// over this share.
const MIN_MAXMEMORY_SHARE_PCT: f64 = 1.0;

/// Memory Redis needs for `units` demand units.
///
/// Formula: see the module documentation. Demand figures are made safe first: one that is not
/// a number counts as [`AMOUNT_CAP`] (unknown is not assumed small) and negatives as 0. Every
/// figure saturates at [`AMOUNT_CAP`].
///
/// # Example
/// ```
/// use headroom_core::{plan::RedisDemand, redis::{memory_need, MemoryRules}};
/// // VoiceAssist's rule: 1 GB per 10 000 users, i.e. 0.1 MB per user.
/// let demand = RedisDemand { memory_mb_fixed: 0.0, memory_mb_per_unit: 0.1, ..RedisDemand::default() };
/// let need = memory_need(&demand, &MemoryRules::default(), 10_000.0);
/// assert_eq!(need.data_mb, 1000.0);
/// assert!((need.rss_mb - 1200.0).abs() < 1e-9);        // × 1.2 fragmentation
/// assert!((need.node_memory_mb - 1600.0).abs() < 1e-9); // ÷ 75 % maxmemory share
/// assert!((need.maxmemory_mb - 1200.0).abs() < 1e-9);
/// ```
pub fn memory_need(demand: &RedisDemand, rules: &MemoryRules, units: f64) -> RedisNeed {
    let units = demand_amount(units);
    let fixed_mb = demand_amount(demand.memory_mb_fixed);
    let per_unit_mb = demand_amount(demand.memory_mb_per_unit);
    let keys_per_unit = demand_amount(demand.keys_per_unit);
    let bytes_per_key = demand_amount(demand.bytes_per_key);
    let overhead = rules.overhead_bytes_per_key;
    let fragmentation = rules.fragmentation_ratio;
    let share = rules.maxmemory_share.get();
    let keys_mb = units * keys_per_unit * (bytes_per_key + overhead) / BYTES_PER_MB;
    let data_mb = (fixed_mb + units * per_unit_mb + keys_mb).min(AMOUNT_CAP);
    let rss_mb = (data_mb * fragmentation).min(AMOUNT_CAP);
    let node_memory_mb = (rss_mb / share).min(AMOUNT_CAP);
    let maxmemory_mb = (node_memory_mb * share).min(AMOUNT_CAP);

    RedisNeed {
        data_mb,
        rss_mb,
        node_memory_mb,
        maxmemory_mb,
        units,
        fixed_mb,
        per_unit_mb,
        keys_per_unit,
        bytes_per_key,
        overhead_bytes_per_key: overhead,
        fragmentation_ratio: fragmentation,
        maxmemory_share: share,
    }
}

/// Redis plans as tier specs over [`MEMORY_DIMENSION`] (limit = memory_gb × 1 000 MB).
///
/// # Example
/// ```
/// use headroom_core::{catalog, redis::plan_specs};
/// assert_eq!(plan_specs(&catalog::guide_redis_path())[1].limits, vec![Some(4000.0)]);
/// ```
pub fn plan_specs(plans: &[RedisPlan]) -> Vec<TierSpec> {
    plans
        .iter()
        .map(|p| TierSpec {
            name: p.name.clone(),
            limits: vec![Some(p.memory_gb * MB_PER_GB)],
            usd_per_month: p.usd_per_month,
        })
        .collect()
}

/// The Redis plan each month needs for `node_memory_mb_per_month` (from [`memory_need`]).
///
/// Runs [`tiers::progression`] over `plans` with node memory as the one dimension: a plan fits
/// when node memory ≤ memory_gb × 1 000 × trigger. When `policy.require_replica` is set,
/// `Single` plans are left out. Tier indices in the result (and in its upgrades) index `plans`
/// itself; `start` is today's plan (when it is left out, the next allowed plan).
/// [`explain_plan_month`] explains a month, with a "topology" input saying in words why that
/// topology.
///
/// # Example
/// ```
/// use headroom_core::{catalog, plan::RedisPolicy, redis::choose_plans, tiers::trigger};
/// let plans = catalog::guide_redis_path(); // 2 GB, 4 GB, 8 GB + replica, 16 GB cluster
/// let p = choose_plans(&plans, &RedisPolicy::default(), &[1500.0, 3000.0, 7000.0], trigger(80.0), 0);
/// assert_eq!(p.tiers(), [Some(0), Some(1), Some(3)]);
/// let ha = RedisPolicy { require_replica: true, ..RedisPolicy::default() };
/// assert_eq!(choose_plans(&plans, &ha, &[1500.0], trigger(80.0), 0).tiers(), [Some(2)]);
/// ```
pub fn choose_plans(
    plans: &[RedisPlan],
    policy: &RedisPolicy,
    node_memory_mb_per_month: &[f64],
    trigger: Share,
    start: usize,
) -> Progression {
    let allowed = Allowed::new(plans, policy);
    let start_tier = allowed
        .indices
        .iter()
        .position(|&i| i >= start)
        .unwrap_or(allowed.indices.len());
    let needs: Vec<[f64; 1]> = node_memory_mb_per_month.iter().map(|&mb| [mb]).collect();
    let options = ProgressionOptions {
        triggers: [trigger; tiers::OWN_TRIGGERS],
        start_tier,
    };
    let mut progression = tiers::progression(&allowed.specs, &[MEMORY_DIMENSION], &needs, &options);
    for month in &mut progression.months {
        month.tier = allowed.plan_index(month.tier);
    }
    for upgrade in &mut progression.upgrades {
        upgrade.from = allowed.plan_index(upgrade.from);
        upgrade.to = allowed.plan_index(upgrade.to);
    }
    // Today's plan left out by the policy: month 1 moves off it.
    let start_left_out = start < plans.len() && !allowed.indices.contains(&start);
    if let (true, Some(first)) = (start_left_out, progression.months.first()) {
        match progression.upgrades.first_mut() {
            Some(upgrade) if upgrade.month == PlanMonth::FIRST => upgrade.from = Some(start),
            _ => progression.upgrades.insert(
                0,
                Upgrade {
                    month: PlanMonth::FIRST,
                    from: Some(start),
                    to: first.tier,
                    reason: "the policy requires a replica: single nodes are left out".to_owned(),
                },
            ),
        }
    }
    progression
}

/// The plans a policy allows, as tier specs, with the way back to indices into all plans.
struct Allowed {
    /// Indices into the plans, in order.
    indices: Vec<usize>,
    /// The allowed plans as tier specs.
    specs: Vec<TierSpec>,
    /// Largest single-node plan, MB.
    largest_single_mb: Option<f64>,
    /// Largest plan that is not a cluster, MB.
    largest_non_cluster_mb: Option<f64>,
}

impl Allowed {
    fn new(plans: &[RedisPlan], policy: &RedisPolicy) -> Self {
        let indices: Vec<usize> = (0..plans.len())
            .filter(|&i| !(policy.require_replica && plans[i].topology == RedisTopology::Single))
            .collect();
        let specs = indices
            .iter()
            .map(|&i| TierSpec {
                name: plans[i].name.clone(),
                limits: vec![Some(plans[i].memory_gb * MB_PER_GB)],
                usd_per_month: plans[i].usd_per_month,
            })
            .collect();
        let largest_mb = |topology: &dyn Fn(RedisTopology) -> bool| {
            indices
                .iter()
                .map(|&i| &plans[i])
                .filter(|p| topology(p.topology))
                .map(|p| tiers::supply_amount(p.memory_gb) * MB_PER_GB)
                .fold(None, |best: Option<f64>, mb| {
                    Some(best.map_or(mb, |b| b.max(mb)))
                })
        };
        let largest_single_mb = largest_mb(&|t| t == RedisTopology::Single);
        let largest_non_cluster_mb = largest_mb(&|t| t != RedisTopology::Cluster);
        Self {
            indices,
            specs,
            largest_single_mb,
            largest_non_cluster_mb,
        }
    }

    /// An index into the allowed plans as an index into all plans.
    fn plan_index(&self, tier: Option<usize>) -> Option<usize> {
        tier.and_then(|t| self.indices.get(t).copied())
    }

    /// An index into all plans as an index into the allowed plans.
    fn allowed_index(&self, plan: Option<usize>) -> Option<usize> {
        plan.and_then(|p| self.indices.iter().position(|&i| i == p))
    }
}

/// Why month `index` (0 = month 1) of `progression` (from [`choose_plans`] with the same
/// `plans` and `policy`) has its plan, for `node_memory_mb` that month; built on demand. The
/// last input, "topology", says in words why that topology. `None` when `index` is out of
/// range.
///
/// # Example
/// ```
/// use headroom_core::{catalog, plan::RedisPolicy, redis::{choose_plans, explain_plan_month}, tiers::trigger};
/// let plans = catalog::guide_redis_path();
/// let policy = RedisPolicy::default();
/// let p = choose_plans(&plans, &policy, &[1500.0], trigger(80.0), 0);
/// let e = explain_plan_month(&plans, &policy, &p, 0, 1500.0).unwrap();
/// assert!(e.inputs.last().unwrap().1.starts_with("single node"));
/// ```
pub fn explain_plan_month(
    plans: &[RedisPlan],
    policy: &RedisPolicy,
    progression: &Progression,
    index: usize,
    node_memory_mb: f64,
) -> Option<Explanation> {
    let month = progression.months.get(index)?;
    let allowed = Allowed::new(plans, policy);
    let trigger = progression.triggers[0];
    let chosen = allowed.allowed_index(month.tier);
    let words = match month.tier.and_then(|t| plans.get(t)) {
        Some(plan) => topology_words(
            plan,
            policy,
            node_memory_mb,
            trigger,
            allowed.largest_single_mb,
            allowed.largest_non_cluster_mb,
        ),
        None => "beyond the catalog: shard across more primaries than the largest plan, \
                 or trim the data"
            .to_owned(),
    };
    Some(
        tiers::explain_choice(
            &allowed.specs,
            &[MEMORY_DIMENSION],
            &[node_memory_mb],
            &progression.triggers,
            chosen,
        )
        .input("topology", words),
    )
}

fn topology_words(
    plan: &RedisPlan,
    policy: &RedisPolicy,
    need_mb: f64,
    trigger: f64,
    largest_single_mb: Option<f64>,
    largest_non_cluster_mb: Option<f64>,
) -> String {
    let gb = |mb: f64| format::with_unit(mb / MB_PER_GB, "GB");
    let outgrows =
        |largest: Option<f64>| largest.is_some_and(|mb| need_mb.is_nan() || need_mb > mb * trigger);
    match plan.topology {
        RedisTopology::Single => {
            "single node: a cache; its data may be lost when the node fails".to_owned()
        }
        RedisTopology::Replicated => {
            let why = if policy.require_replica {
                "the policy requires a replica".to_owned()
            } else if outgrows(largest_single_mb) {
                format!(
                    "the data outgrew the largest single node ({} at {})",
                    gb(largest_single_mb.unwrap_or(0.0)),
                    format::percent(trigger)
                )
            } else {
                "high availability".to_owned()
            };
            format!("primary + replica: {why}; the memory is paid twice")
        }
        RedisTopology::Cluster => {
            let mut text = if outgrows(largest_non_cluster_mb) {
                format!(
                    "cluster: the data exceeds the largest non-cluster plan ({} at {})",
                    gb(largest_non_cluster_mb.unwrap_or(0.0)),
                    format::percent(trigger)
                )
            } else {
                "cluster: data sharded over several primaries".to_owned()
            };
            text.push_str(&format!(
                "; Redis recommends at least {MIN_CLUSTER_PRIMARIES} primaries, ideally each with a \
                 replica"
            ));
            if plan.nodes < MIN_CLUSTER_PRIMARIES {
                text.push_str(&format!(" (this plan bills {} nodes)", plan.nodes));
            }
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;
    use crate::tiers::trigger;

    use crate::tolerance::{assert_close, EXACT};

    fn per_user(mb: f64) -> RedisDemand {
        RedisDemand {
            memory_mb_fixed: 0.0,
            memory_mb_per_unit: mb,
            keys_per_unit: 0.0,
            bytes_per_key: 0.0,
        }
    }

    #[test]
    fn voice_assist_one_gb_per_ten_thousand_users() {
        let policy = RedisPolicy {
            fragmentation_ratio: 1.0,
            maxmemory_share_pct: 100.0,
            ..RedisPolicy::default()
        };
        let need = memory_need(&per_user(0.1), &MemoryRules::of(&policy), 10_000.0);
        assert_close("need.data_mb", need.data_mb, 1000.0, EXACT);
        assert_close("need.node_memory_mb", need.node_memory_mb, 1000.0, EXACT);
        // With the defaults: 1 000 × 1.2 = 1 200 MB RSS, ÷ 75 % = 1 600 MB of node memory.
        let need = memory_need(&per_user(0.1), &MemoryRules::default(), 10_000.0);
        assert_close("need.rss_mb", need.rss_mb, 1200.0, EXACT);
        assert_close("need.node_memory_mb", need.node_memory_mb, 1600.0, EXACT);
        assert_close("need.maxmemory_mb", need.maxmemory_mb, 1200.0, EXACT);
        assert_eq!(need.explain().figure, "1\u{202F}600 MB of node memory");
        // Default ElastiCache-style plans at 80 %: 1.37 GB × 80 % = 1 096 MB < 1 600 MB,
        // 3.09 GB × 80 % = 2 472 MB fits → cache.t4g.medium; with a replica required the
        // single nodes are skipped → cache.m7g.large + replica.
        let plans = catalog::default_redis_plans();
        let p = choose_plans(
            &plans,
            &RedisPolicy::default(),
            &[need.node_memory_mb],
            trigger(80.0),
            0,
        );
        assert_eq!(p.tiers(), [Some(2)]);
        let ha = RedisPolicy {
            require_replica: true,
            ..RedisPolicy::default()
        };
        let p = choose_plans(&plans, &ha, &[need.node_memory_mb], trigger(80.0), 0);
        assert_eq!(p.tiers(), [Some(3)]);
        // Today on the smallest single node: month 1 moves to the replicated plan.
        assert_eq!((p.upgrades[0].from, p.upgrades[0].to), (Some(0), Some(3)));
        assert_eq!(p.upgrades[0].month, 1);
    }

    #[test]
    fn keys_are_counted_with_their_overhead() {
        let demand = RedisDemand {
            memory_mb_fixed: 100.0,
            memory_mb_per_unit: 0.0,
            keys_per_unit: 50.0,
            bytes_per_key: 100.0,
        };
        // 100 MB + 1 000 × 50 × (100 + 96) B ÷ 10⁶ = 100 + 9.8 MB.
        let need = memory_need(&demand, &MemoryRules::default(), 1000.0);
        assert_close("need.data_mb", need.data_mb, 109.8, EXACT);
        assert!(need
            .explain()
            .formula
            .contains("1\u{202F}000 × 50 keys × (100 B + 96 B) ÷ 10⁶"));
    }

    /// 80 users growing 20 % a month, 10 MB per user: node memory = users × 10 × 1.2 ÷ 75 %
    /// = 16 MB per user.
    fn guide_node_memory_mb() -> Vec<f64> {
        (0..14)
            .map(|m| {
                let users = 80.0 * 1.2f64.powi(m);
                memory_need(&per_user(10.0), &MemoryRules::default(), users).node_memory_mb
            })
            .collect()
    }

    #[test]
    fn supabase_guide_path_from_two_gb_to_a_cluster() {
        let plans = catalog::guide_redis_path();
        let needs = guide_node_memory_mb();
        assert_close("needs[0]", needs[0], 1280.0, EXACT);
        let p = choose_plans(&plans, &RedisPolicy::default(), &needs, trigger(80.0), 0);
        // Fits at 80 %: 2 GB ≤ 1 600 MB (≤ 100 users), 4 GB ≤ 3 200 MB (≤ 200), 8 GB ≤ 6 400 MB
        // (≤ 400), 16 GB ≤ 12 800 MB (≤ 800). Users: 80, 96, 115.2, …, 199.07 (month 6),
        // 238.9 (7), …, 344 (9), 412.8 (10), …, 713.3 (13), 856 (14).
        let s = Some;
        assert_eq!(
            p.tiers(),
            [
                s(0),
                s(0),
                s(1),
                s(1),
                s(1),
                s(1),
                s(2),
                s(2),
                s(2),
                s(3),
                s(3),
                s(3),
                s(3),
                None
            ]
        );
        let moves: Vec<(u32, Option<usize>, Option<usize>)> = p
            .upgrades
            .iter()
            .map(|u| (u.month.number(), u.from, u.to))
            .collect();
        assert_eq!(
            moves,
            [
                (3, s(0), s(1)),
                (7, s(1), s(2)),
                (10, s(2), s(3)),
                (14, s(3), None)
            ]
        );
        assert_eq!(p.first_month_beyond_catalog(), Some(14));
        // Month 10: 80 × 1.2⁹ = 412.78 users × 16 MB = 6 604.52 MB > 80 % of 8 000 MB.
        assert_eq!(
            p.upgrades[2].reason,
            "node memory 6\u{202F}604.52 MB > 80 % of 8\u{202F}000 MB"
        );
        let policy = RedisPolicy::default();
        let topology = |m: usize| {
            explain_plan_month(&plans, &policy, &p, m, needs[m])
                .unwrap()
                .inputs
                .last()
                .cloned()
                .unwrap()
                .1
        };
        assert!(topology(0).starts_with("single node"));
        assert!(topology(6).contains("outgrew the largest single node (4 GB at 80 %)"));
        assert!(topology(9).contains("exceeds the largest non-cluster plan (8 GB at 80 %)"));
        assert!(topology(9).contains("at least 3 primaries"));
        // Month 1 uses 1 280 of 2 000 MB.
        assert_close("p.months[0].usage_pct", p.months[0].usage_pct, 64.0, EXACT);
    }

    #[test]
    fn excluded_start_plan_moves_to_the_next_allowed_one() {
        let plans = catalog::guide_redis_path();
        let ha = RedisPolicy {
            require_replica: true,
            ..RedisPolicy::default()
        };
        let p = choose_plans(&plans, &ha, &[100.0, 7000.0], trigger(80.0), 1);
        assert_eq!(p.tiers(), [Some(2), Some(3)]);
        let moves: Vec<(u32, Option<usize>, Option<usize>)> = p
            .upgrades
            .iter()
            .map(|u| (u.month.number(), u.from, u.to))
            .collect();
        assert_eq!(moves, [(1, Some(1), Some(2)), (2, Some(2), Some(3))]);
        assert!(p.upgrades[0].reason.contains("requires a replica"));
        assert!(explain_plan_month(&plans, &ha, &p, 0, 100.0)
            .unwrap()
            .inputs
            .last()
            .unwrap()
            .1
            .contains("requires a replica"));
        assert!(explain_plan_month(&plans, &ha, &p, 2, 100.0).is_none());
        let p = choose_plans(&[], &ha, &[100.0], trigger(80.0), 0);
        assert_eq!(p.tiers(), [None]);
    }

    #[test]
    fn odd_inputs_stay_finite() {
        let demand = RedisDemand {
            memory_mb_fixed: f64::NAN,
            memory_mb_per_unit: f64::INFINITY,
            keys_per_unit: f64::MAX,
            bytes_per_key: -1.0,
        };
        let policy = RedisPolicy {
            fragmentation_ratio: f64::NAN,
            maxmemory_share_pct: 0.0,
            overhead_bytes_per_key: f64::INFINITY,
            require_replica: false,
        };
        let need = memory_need(&demand, &MemoryRules::of(&policy), f64::NAN);
        for v in [
            need.data_mb,
            need.rss_mb,
            need.node_memory_mb,
            need.maxmemory_mb,
        ] {
            assert!(v.is_finite() && v >= 0.0, "{v}");
        }
        assert_eq!(need.node_memory_mb, AMOUNT_CAP);
    }
}
