//! Tier progression: which tier of an ordered catalog each month needs, and when to move up.
//!
//! A catalog is a list of tiers, smallest first (database plans, Redis plans, …). Each tier has a
//! limit per *dimension* (connections, GB, MB of memory; `None` = unlimited). The model walks the
//! months in order:
//!
//! ```text
//! a tier fits a month  ⇔  for every dimension d: need_d ≤ limit_d × trigger_d
//! tier(month m)        =  the first tier at or after tier(m − 1) that fits   (tier(0) = start)
//!                         or "beyond the catalog" when none does
//! ```
//!
//! The trigger (80 % by default, [`crate::plan::Policies::scale_up_trigger_pct`]; a dimension
//! may have its own, such as a database's size at 75 %) moves up *before* a hard limit is
//! reached, leaving time to migrate. Tiers never go down: a plan that
//! moved up for a peak keeps the larger tier, because downgrading is a decision a planner takes,
//! not one a forecast should take silently. For the same reason "beyond the catalog" is sticky:
//! once the largest tier no longer fits, the plan needs something the catalog does not list
//! (an enterprise contract, sharding) from then on.
//!
//! The *binding dimension* of a month is the one closest to its limit (largest need ÷ limit);
//! it is what will force the next upgrade. Source of the habit: Supabase's plan and compute
//! tables list connection and size limits per tier (docs/models.md "Databases"); the Supabase/Redis
//! capacity guide walks Free → Pro → Pro+ → Team in exactly this way.
//!
//! Robustness: every function here is total. A need that is not a number counts as unmeetable
//! (it fits only unlimited dimensions), a negative need as 0; a limit that is not a number or is
//! negative counts as 0, `+∞` as unlimited. Percentages are clamped to their documented ranges.
//! Results never contain NaN or ∞: percentages saturate at [`USAGE_PCT_CAP`].

use crate::explain::Explanation;
use crate::format;
use crate::plan::DatabaseTier;
use serde::{Deserialize, Serialize};

/// Largest amount (req/s, MB, USD) the models compute with; larger inputs saturate here, so
/// products of two amounts stay finite.
pub const AMOUNT_CAP: f64 = 1e15;

/// Largest count (instances, nodes, units) the models return; larger results saturate here.
pub const COUNT_CAP: u64 = 1_000_000_000_000_000;

/// Largest usage percentage reported (a need 10⁷ times its limit, or any need over a zero
/// limit).
pub const USAGE_PCT_CAP: f64 = 1e9;

/// Scale-up trigger used when the one given is not a number, in percent (the policy default).
pub const DEFAULT_TRIGGER_PCT: f64 = 80.0;

/// One tier of a catalog, reduced to what progression needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TierSpec {
    /// "Pro+".
    pub name: String,
    /// One limit per dimension, in that dimension's unit; `None` = unlimited. Missing trailing
    /// entries are unlimited too.
    pub limits: Vec<Option<f64>>,
    /// Price of the tier, USD per month.
    pub usd_per_month: f64,
}

/// What a limit limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Dimension {
    /// "connections", "database size".
    pub name: &'static str,
    /// "GB", "MB", or "" for plain counts.
    pub unit: &'static str,
}

/// Dimensions that can have a trigger of their own ([`ProgressionOptions::own_trigger_pct`]).
pub const OWN_TRIGGERS: usize = 2;

/// How the walk is done.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgressionOptions {
    /// Move up when a need exceeds limit × trigger, in percent (1–100; 80 = 80 %).
    pub trigger_pct: f64,
    /// The first dimensions' own triggers, in percent; `None` takes `trigger_pct`, and a later
    /// dimension the last one's.
    pub own_trigger_pct: [Option<f64>; OWN_TRIGGERS],
    /// Index of the tier in use today (month 0); past the end means the largest tier.
    pub start_tier: usize,
}

/// The tier of one month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TierMonth {
    /// Index into the catalog; `None` = beyond the catalog (no tier fits).
    pub tier: Option<usize>,
    /// The dimension closest to its limit in that tier (in the largest tier when beyond the
    /// catalog); `None` when every dimension is unlimited or there is no tier.
    pub binding_dimension: Option<usize>,
    /// Need of the binding dimension as a share of its limit, in percent (0 when none binds;
    /// at most [`USAGE_PCT_CAP`]).
    pub usage_pct: f64,
}

/// A move to a larger tier.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Upgrade {
    /// Month of the move, 1-based.
    pub month: u32,
    /// Tier before the move.
    pub from: Option<usize>,
    /// Tier after the move; `None` = beyond the catalog.
    pub to: Option<usize>,
    /// What forced it: "connections 412 > 80 % of 500".
    pub reason: String,
}

/// Tiers month by month, and the moves between them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Progression {
    /// One entry per month; index 0 is month 1.
    pub months: Vec<TierMonth>,
    /// Every move up, in month order.
    pub upgrades: Vec<Upgrade>,
    /// The scale-up trigger the walk used for each of the first dimensions, as a fraction
    /// (0.8 = 80 %); a later dimension has the plan's trigger, the last entry.
    pub triggers: [f64; OWN_TRIGGERS],
}

impl Progression {
    /// First month (1-based) no tier of the catalog fits, if any.
    ///
    /// # Example
    /// ```
    /// use headroom_core::tiers::{progression, Dimension, ProgressionOptions, TierSpec};
    /// let tiers = [TierSpec { name: "S".into(), limits: vec![Some(10.0)], usd_per_month: 5.0 }];
    /// let dims = [Dimension { name: "memory", unit: "GB" }];
    /// let options = ProgressionOptions { trigger_pct: 100.0, own_trigger_pct: [None; 2], start_tier: 0 };
    /// let p = progression(&tiers, &dims, &[vec![8.0], vec![12.0]], &options);
    /// assert_eq!(p.first_month_beyond_catalog(), Some(2));
    /// ```
    pub fn first_month_beyond_catalog(&self) -> Option<u32> {
        self.months
            .iter()
            .position(|m| m.tier.is_none())
            .map(month_number)
    }

    /// Why month `index` (0 = month 1) has its tier, built on demand from the same `tiers` and
    /// `dimensions` the progression walked and that month's `need`; `None` when `index` is out
    /// of range.
    ///
    /// # Example
    /// ```
    /// use headroom_core::tiers::{progression, Dimension, ProgressionOptions, TierSpec};
    /// let tiers = [TierSpec { name: "S".into(), limits: vec![Some(10.0)], usd_per_month: 5.0 }];
    /// let dims = [Dimension { name: "memory", unit: "GB" }];
    /// let options = ProgressionOptions { trigger_pct: 80.0, own_trigger_pct: [None; 2], start_tier: 0 };
    /// let p = progression(&tiers, &dims, &[[4.0]], &options);
    /// assert_eq!(
    ///     p.explain_month(0, &tiers, &dims, &[4.0]).unwrap().sentence(),
    ///     "S = memory 4 GB ≤ 80 % × 10 GB = 8 GB — memory is closest to its limit (40 % of 10 GB)"
    /// );
    /// ```
    pub fn explain_month(
        &self,
        index: usize,
        tiers: &[TierSpec],
        dimensions: &[Dimension],
        need: &[f64],
    ) -> Option<Explanation> {
        let month = self.months.get(index)?;
        Some(explain_choice(
            tiers,
            dimensions,
            need,
            &self.triggers,
            month.tier,
        ))
    }

    /// The tier index of each month (`None` = beyond the catalog).
    pub fn tiers(&self) -> Vec<Option<usize>> {
        self.months.iter().map(|m| m.tier).collect()
    }

    /// The upgrade timeline in words, one line per move:
    /// "Pro → Pro+ in month 1: database size 11.7 GB > 80 % of 8 GB".
    pub fn timeline(&self, tiers: &[TierSpec]) -> Vec<String> {
        self.upgrades
            .iter()
            .map(|u| {
                format!(
                    "{} → {} in month {}: {}",
                    tier_name(tiers, u.from),
                    tier_name(tiers, u.to),
                    u.month,
                    u.reason
                )
            })
            .collect()
    }
}

/// Name of a tier, or "beyond the catalog".
pub fn tier_name(tiers: &[TierSpec], tier: Option<usize>) -> String {
    match tier.and_then(|t| tiers.get(t)) {
        Some(spec) => spec.name.clone(),
        None => "beyond the catalog".to_owned(),
    }
}

/// Walks `needs` (one entry per month, one need per dimension) through the catalog `tiers`.
///
/// A tier fits a month when every need ≤ limit × trigger. Each month takes the first tier at or
/// after the previous month's tier (month 1: after `options.start_tier`) that fits; when none
/// does the month is beyond the catalog (`tier: None`), and stays so. Needs missing for a
/// dimension count as 0; needs beyond the dimensions are ignored.
///
/// # Example
/// ```
/// use headroom_core::{catalog, tiers::{database_dimensions, database_specs, progression, ProgressionOptions}};
/// let tiers = database_specs(&catalog::supabase_plan_tiers()); // Free, Pro, Pro+, Team
/// // 150 connections and 11.7 GB of data: Pro's 8 GB × 80 % = 6.4 GB is too small.
/// let p = progression(&tiers, &database_dimensions(), &[vec![150.0, 11.7]],
///     &ProgressionOptions { trigger_pct: 80.0, own_trigger_pct: [None; 2], start_tier: 1 });
/// assert_eq!(p.months[0].tier, Some(2)); // Pro+
/// assert_eq!(p.upgrades[0].reason, "database size 11.7 GB > 80 % of 8 GB");
/// ```
pub fn progression<N: AsRef<[f64]>>(
    tiers: &[TierSpec],
    dimensions: &[Dimension],
    needs: &[N],
    options: &ProgressionOptions,
) -> Progression {
    let trigger_pct = if options.trigger_pct.is_nan() {
        DEFAULT_TRIGGER_PCT
    } else {
        options.trigger_pct
    };
    let triggers = options
        .own_trigger_pct
        .map(|own| pct_fraction(own.unwrap_or(trigger_pct), trigger_pct, 1.0, 100.0));
    let mut current: Option<usize> = if tiers.is_empty() {
        None
    } else {
        Some(options.start_tier.min(tiers.len() - 1))
    };
    let mut months = Vec::with_capacity(needs.len());
    let mut upgrades = Vec::new();
    let mut need: Vec<f64> = Vec::with_capacity(dimensions.len());
    for (index, raw) in needs.iter().enumerate() {
        let raw = raw.as_ref();
        need.clear();
        need.extend((0..dimensions.len()).map(|d| clean_need(raw.get(d).copied().unwrap_or(0.0))));
        let previous = current;
        let chosen = previous
            .and_then(|from| (from..tiers.len()).find(|&t| fits(&tiers[t], &need, &triggers)));
        let month = month_number(index);
        if chosen != previous {
            if let Some(from) = previous {
                upgrades.push(Upgrade {
                    month,
                    from: Some(from),
                    to: chosen,
                    reason: upgrade_reason(&tiers[from], dimensions, &need, &triggers),
                });
            }
        }
        current = chosen;
        let bind = chosen
            .or_else(|| tiers.len().checked_sub(1))
            .and_then(|shown| binding(&tiers[shown], &need));
        months.push(TierMonth {
            tier: chosen,
            binding_dimension: bind.map(|(d, _)| d),
            usage_pct: bind.map_or(0.0, |(_, pct)| pct),
        });
    }
    Progression {
        months,
        upgrades,
        triggers,
    }
}

/// The two dimensions of a database tier: connections (plain count) and database size (GB).
pub fn database_dimensions() -> [Dimension; 2] {
    [
        Dimension {
            name: "connections",
            unit: "",
        },
        Dimension {
            name: "database size",
            unit: "GB",
        },
    ]
}

/// Database tiers as tier specs over [`database_dimensions`]: limits are the connections the
/// tier serves ([`connection_limit`]: direct, or through its pooler when that holds more) and
/// the storage size. The engine chooses database tiers with these specs.
///
/// # Example
/// ```
/// use headroom_core::{catalog, tiers::database_specs};
/// let specs = database_specs(&catalog::supabase_plan_tiers());
/// assert_eq!(specs[1].limits, vec![Some(200.0), Some(8.0)]); // Pro: no pooler listed
/// let specs = database_specs(&catalog::supabase_compute_tiers());
/// assert_eq!(specs[1].limits, vec![Some(200.0), Some(10.0)]); // Micro: 60 direct, 200 pooled
/// ```
pub fn database_specs(tiers: &[DatabaseTier]) -> Vec<TierSpec> {
    tiers
        .iter()
        .map(|t| TierSpec {
            name: t.name.clone(),
            limits: vec![Some(connection_limit(t)), Some(t.storage_gb)],
            usd_per_month: t.usd_per_month,
        })
        .collect()
}

/// Connections a database tier can serve: `max(max_connections, pooler_clients)` — its direct
/// connections, or its pooler's clients when the tier has a pooler that accepts more.
pub fn connection_limit(tier: &DatabaseTier) -> f64 {
    f64::from(tier.max_connections.max(tier.pooler_clients))
}

/// The rule that set a month's database connections.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ConnectionRule {
    /// App pools plus background connections.
    AppPools,
    /// The per-unit connection rule (`connections_per_unit` × units).
    PerUnit,
}

impl ConnectionRule {
    /// "the app pools" / "the per-unit connection rule".
    pub fn words(self) -> &'static str {
        match self {
            Self::AppPools => "the app pools",
            Self::PerUnit => "the per-unit connection rule",
        }
    }
}

/// A month's connections held against a database tier: how many, which rule set them, and
/// whether they need a pooler.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ConnectionCheck {
    /// Connections needed: `max(app pools + background, units × connections per unit)`.
    pub connections: f64,
    /// The rule that set [`ConnectionCheck::connections`] (the app pools on a tie).
    pub rule: ConnectionRule,
    /// Direct connections the app may hold: `max_connections × pooler share`.
    pub direct_allowed: f64,
    /// `connections > direct_allowed`: the app connects through a pooler.
    pub needs_pooler: bool,
}

/// Connections a month needs and the rule that sets them:
/// `max(app pools + background, units × connections per unit)` (the app pools on a tie). The
/// first half of [`check_connections`], for choosing a tier before one is known.
pub fn connections_needed(from_pools: f64, from_units: f64) -> (f64, ConnectionRule) {
    let pools = demand_amount(from_pools);
    let units = demand_amount(from_units);
    if units > pools {
        (units, ConnectionRule::PerUnit)
    } else {
        (pools, ConnectionRule::AppPools)
    }
}

/// The one database connection rule, used to choose the tier, flag the pooler, explain both and
/// write the deployment settings:
///
/// ```text
/// connections    = max(app pools + background, units × connections per unit)
/// direct allowed = max_connections × pooler share
/// needs pooler   ⇔ connections > direct allowed
/// ```
///
/// A tier fits the connections when they are within [`connection_limit`] × trigger (see
/// [`database_specs`]); past the direct allowance they go through the pooler. A share that is
/// not a number counts as 100 %; shares are clamped to 0–100 %.
///
/// # Example
/// ```
/// use headroom_core::{catalog, tiers::{check_connections, ConnectionRule}};
/// let medium = &catalog::supabase_compute_tiers()[3]; // 120 direct, 600 pooled
/// // 50 connections from the pools, 300 from "1 connection per 10 users" × 3 000 users.
/// let c = check_connections(50.0, 300.0, medium, 80.0);
/// assert_eq!((c.connections, c.rule, c.direct_allowed), (300.0, ConnectionRule::PerUnit, 96.0));
/// assert!(c.needs_pooler);
/// assert!(!check_connections(50.0, 0.0, medium, 80.0).needs_pooler);
/// ```
pub fn check_connections(
    from_pools: f64,
    from_units: f64,
    tier: &DatabaseTier,
    pooler_share_pct: f64,
) -> ConnectionCheck {
    let (connections, rule) = connections_needed(from_pools, from_units);
    let share = pct_fraction(pooler_share_pct, 100.0, 0.0, 100.0);
    let direct_allowed = f64::from(tier.max_connections) * share;
    ConnectionCheck {
        connections,
        rule,
        direct_allowed,
        needs_pooler: connections > direct_allowed,
    }
}

fn month_number(index: usize) -> u32 {
    u32::try_from(index)
        .unwrap_or(u32::MAX - 1)
        .saturating_add(1)
}

/// A need as a comparable amount: NaN is unmeetable (+∞), negatives are 0.
fn clean_need(need: f64) -> f64 {
    if need.is_nan() {
        f64::INFINITY
    } else {
        need.max(0.0)
    }
}

/// A limit as a comparable amount: `None` and +∞ are unlimited (+∞), NaN and negatives are 0.
fn clean_limit(limit: Option<f64>) -> f64 {
    match limit {
        None => f64::INFINITY,
        Some(l) if l.is_nan() => 0.0,
        Some(l) => l.max(0.0),
    }
}

fn limit_of(tier: &TierSpec, dimension: usize) -> f64 {
    clean_limit(tier.limits.get(dimension).copied().flatten())
}

/// Dimension `d`'s trigger among `triggers` (a fraction; past the end, the last entry's).
fn trigger_of(triggers: &[f64], d: usize) -> f64 {
    triggers
        .get(d)
        .or(triggers.last())
        .copied()
        .unwrap_or(DEFAULT_TRIGGER_PCT / 100.0)
}

fn fits(tier: &TierSpec, need: &[f64], triggers: &[f64]) -> bool {
    need.iter().enumerate().all(|(d, &n)| {
        let limit = limit_of(tier, d);
        limit == f64::INFINITY || n <= limit * trigger_of(triggers, d)
    })
}

/// need ÷ limit as a percentage, finite: 0 for an unlimited limit or no need, the cap for a
/// need over a zero limit.
fn usage_pct(need: f64, limit: f64) -> f64 {
    if limit == f64::INFINITY || need <= 0.0 {
        return 0.0;
    }
    let pct = need / limit * 100.0;
    if pct.is_nan() {
        USAGE_PCT_CAP
    } else {
        pct.min(USAGE_PCT_CAP)
    }
}

/// The dimension with the largest need ÷ limit among limited dimensions (first on ties).
fn binding(tier: &TierSpec, need: &[f64]) -> Option<(usize, f64)> {
    let mut best: Option<(usize, f64)> = None;
    for (d, &n) in need.iter().enumerate() {
        if limit_of(tier, d) == f64::INFINITY {
            continue;
        }
        let pct = usage_pct(n, limit_of(tier, d));
        if best.is_none_or(|(_, b)| pct > b) {
            best = Some((d, pct));
        }
    }
    best
}

fn amount(value: f64, unit: &str) -> String {
    format::with_unit(value, unit)
}

/// What a month needs of a dimension: a count (no unit, such as connections) is whole, rounded
/// up as the need is; an amount keeps its decimals. Limits and thresholds stay as they are.
fn need_amount(value: f64, unit: &str) -> String {
    if unit.is_empty() {
        format::count(value)
    } else {
        amount(value, unit)
    }
}

fn upgrade_reason(
    from: &TierSpec,
    dimensions: &[Dimension],
    need: &[f64],
    triggers: &[f64],
) -> String {
    // The failing dimension closest to (furthest past) its limit.
    let failing = need
        .iter()
        .enumerate()
        .filter(|&(d, &n)| {
            let limit = limit_of(from, d);
            limit != f64::INFINITY && n > limit * trigger_of(triggers, d)
        })
        .max_by(|a, b| {
            usage_pct(*a.1, limit_of(from, a.0)).total_cmp(&usage_pct(*b.1, limit_of(from, b.0)))
        });
    match failing {
        Some((d, &n)) => {
            let dim = &dimensions[d];
            format!(
                "{} {} > {} of {}",
                dim.name,
                need_amount(n, dim.unit),
                format::percent(trigger_of(triggers, d)),
                amount(limit_of(from, d), dim.unit)
            )
        }
        None => format!("{} no longer fits", from.name),
    }
}

/// Why `chosen` (an index into `tiers`, `None` = beyond the catalog) serves `need` (raw, one
/// entry per dimension) at `triggers` (a fraction per dimension).
pub(crate) fn explain_choice(
    tiers: &[TierSpec],
    dimensions: &[Dimension],
    need: &[f64],
    triggers: &[f64],
    chosen: Option<usize>,
) -> Explanation {
    let need: Vec<f64> = (0..dimensions.len())
        .map(|d| clean_need(need.get(d).copied().unwrap_or(0.0)))
        .collect();
    explain_month(tiers, dimensions, &need, triggers, chosen)
}

fn explain_month(
    tiers: &[TierSpec],
    dimensions: &[Dimension],
    need: &[f64],
    triggers: &[f64],
    chosen: Option<usize>,
) -> Explanation {
    let Some(last) = tiers.len().checked_sub(1) else {
        return Explanation::new("beyond the catalog").binding("the catalog is empty");
    };
    let shown = chosen.unwrap_or(last);
    let spec = &tiers[shown];
    let bind = binding(spec, need);
    let figure = match chosen {
        Some(_) => spec.name.clone(),
        None => "beyond the catalog".to_owned(),
    };
    let comparisons: Vec<String> = need
        .iter()
        .enumerate()
        .filter(|&(d, _)| limit_of(spec, d) != f64::INFINITY)
        .map(|(d, &n)| {
            let dim = &dimensions[d];
            let limit = limit_of(spec, d);
            let trigger = trigger_of(triggers, d);
            let sign = if n <= limit * trigger { "≤" } else { ">" };
            format!(
                "{} {} {sign} {} × {} = {}",
                dim.name,
                need_amount(n, dim.unit),
                format::percent(trigger),
                amount(limit, dim.unit),
                amount(limit * trigger, dim.unit)
            )
        })
        .collect();
    let mut explanation = Explanation::new(figure)
        .formula(if comparisons.is_empty() {
            format!("{}: every dimension is unlimited", spec.name)
        } else {
            comparisons.join("; ")
        })
        .input("scale-up trigger", trigger_words(dimensions, triggers));
    for (d, &n) in need.iter().enumerate() {
        explanation = explanation.input(dimensions[d].name, need_amount(n, dimensions[d].unit));
    }
    let mut because = match (chosen, bind) {
        (Some(_), Some((d, pct))) => format!(
            "{} is closest to its limit ({} of {})",
            dimensions[d].name,
            format::percent(pct / 100.0),
            amount(limit_of(spec, d), dimensions[d].unit)
        ),
        (Some(_), None) => "no limit binds".to_owned(),
        (None, Some(_)) if fits(spec, need, triggers) => {
            "beyond the catalog since an earlier month: tiers never go down".to_owned()
        }
        (None, Some((d, _))) => format!(
            "even the largest tier, {}, is too small: {} {} > {} of {}",
            spec.name,
            dimensions[d].name,
            need_amount(need[d], dimensions[d].unit),
            format::percent(trigger_of(triggers, d)),
            amount(limit_of(spec, d), dimensions[d].unit)
        ),
        (None, None) => "beyond the catalog since an earlier month".to_owned(),
    };
    if let Some(t) = chosen {
        let smallest = (0..tiers.len()).find(|&s| fits(&tiers[s], need, triggers));
        if smallest.is_some_and(|s| s < t) {
            because.push_str("; held from an earlier month: tiers never go down");
        }
    }
    explanation.binding(because)
}

/// The triggers in words: "80 %" when every dimension has the same, else each with its
/// dimension ("connections 80 %, database size 75 %").
fn trigger_words(dimensions: &[Dimension], triggers: &[f64]) -> String {
    let first = trigger_of(triggers, 0);
    if (1..dimensions.len()).all(|d| trigger_of(triggers, d) == first) {
        return format::percent(first);
    }
    let words: Vec<String> = dimensions
        .iter()
        .enumerate()
        .map(|(d, dim)| format!("{} {}", dim.name, format::percent(trigger_of(triggers, d))))
        .collect();
    words.join(", ")
}

/// `pct` (70 = 70 %) as a fraction clamped to `[min_pct, max_pct]`; `fallback_pct` when `pct`
/// is not a number.
pub(crate) fn pct_fraction(pct: f64, fallback_pct: f64, min_pct: f64, max_pct: f64) -> f64 {
    let pct = if pct.is_nan() { fallback_pct } else { pct };
    // max and min, not clamp: its check of the bounds would bring float formatting in.
    pct.max(min_pct).min(max_pct) / 100.0
}

/// A demand amount (req/s, MB, units) for arithmetic: NaN counts as the cap (unknown demand is
/// not assumed small), negatives as 0, anything larger than [`AMOUNT_CAP`] as the cap.
pub(crate) fn demand_amount(value: f64) -> f64 {
    if value.is_nan() {
        AMOUNT_CAP
    } else {
        value.clamp(0.0, AMOUNT_CAP)
    }
}

/// A capacity or price for arithmetic: NaN and negatives count as 0, larger than
/// [`AMOUNT_CAP`] as the cap.
pub(crate) fn supply_amount(value: f64) -> f64 {
    if value.is_nan() {
        0.0
    } else {
        value.clamp(0.0, AMOUNT_CAP)
    }
}

pub(crate) use crate::sizing::ceil_count;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;

    use crate::tolerance::{assert_close, EXACT};

    fn dims() -> [Dimension; 2] {
        database_dimensions()
    }

    /// The Supabase guide's moderate growth: 11.7 GB growing 17 % a month (rounded to 0.1 GB),
    /// with 150 connections throughout.
    const GUIDE_SIZES_GB: [f64; 14] = [
        11.7, 13.7, 16.0, 18.7, 21.9, 25.6, 30.0, 35.1, 41.0, 48.0, 56.2, 65.7, 76.9, 90.0,
    ];

    fn guide_needs() -> Vec<Vec<f64>> {
        GUIDE_SIZES_GB.iter().map(|&gb| vec![150.0, gb]).collect()
    }

    fn options(trigger_pct: f64, start_tier: usize) -> ProgressionOptions {
        ProgressionOptions {
            trigger_pct,
            own_trigger_pct: [None; 2],
            start_tier,
        }
    }

    /// The guide's "storage_threshold: 75%" beside 80 % for connections: Team comes when the
    /// data passes 75 GB (76.9 GB, month 13) instead of 80 GB, and every sentence names the
    /// trigger of its own dimension.
    #[test]
    fn a_dimension_with_its_own_trigger_moves_up_at_it() {
        let tiers = database_specs(&catalog::supabase_plan_tiers());
        let own = ProgressionOptions {
            own_trigger_pct: [None, Some(75.0)],
            ..options(80.0, 1)
        };
        let p = progression(&tiers, &dims(), &guide_needs(), &own);
        assert_eq!(p.triggers, [0.8, 0.75]);
        assert_eq!(p.upgrades[1].month, 13);
        assert_eq!(
            p.upgrades[1].reason,
            "database size 76.9 GB > 75 % of 100 GB"
        );
        let why = p
            .explain_month(12, &tiers, &dims(), &guide_needs()[12])
            .unwrap();
        assert_eq!(
            why.sentence(),
            "Team = connections 150 ≤ 80 % × 1\u{202F}000 = 800; database size 76.9 GB ≤ 75 % × \
             500 GB = 375 GB — database size is closest to its limit (15.4 % of 500 GB)"
        );
        assert!(why
            .inputs
            .iter()
            .any(|(k, v)| k == "scale-up trigger" && v == "connections 80 %, database size 75 %"));
        // The same trigger on both: as with none of their own.
        let same = ProgressionOptions {
            own_trigger_pct: [Some(80.0), Some(80.0)],
            ..options(80.0, 1)
        };
        assert_eq!(
            progression(&tiers, &dims(), &guide_needs(), &same),
            progression(&tiers, &dims(), &guide_needs(), &options(80.0, 1))
        );
        // A trigger that is not a number takes the plan's.
        let nan = ProgressionOptions {
            own_trigger_pct: [Some(f64::NAN), None],
            ..options(f64::NAN, 1)
        };
        assert_eq!(
            progression(&tiers, &dims(), &guide_needs(), &nan).triggers,
            [0.8, 0.8]
        );
    }

    #[test]
    fn supabase_guide_moves_to_pro_plus_in_month_1_and_team_in_month_14() {
        let tiers = database_specs(&catalog::supabase_plan_tiers());
        let p = progression(&tiers, &dims(), &guide_needs(), &options(80.0, 1));
        // 8 GB × 80 % = 6.4 GB < 11.7 GB → Pro+ (100 GB × 80 % = 80 GB) until 90 GB > 80 GB.
        let mut expected = vec![Some(2); 13];
        expected.push(Some(3));
        assert_eq!(p.tiers(), expected);
        assert_eq!(p.upgrades.len(), 2);
        assert_eq!(p.upgrades[0].month, 1);
        assert_eq!((p.upgrades[0].from, p.upgrades[0].to), (Some(1), Some(2)));
        assert_eq!(p.upgrades[0].reason, "database size 11.7 GB > 80 % of 8 GB");
        assert_eq!(p.upgrades[1].month, 14);
        assert_eq!(p.upgrades[1].reason, "database size 90 GB > 80 % of 100 GB");
        assert_eq!(
            p.timeline(&tiers),
            [
                "Pro → Pro+ in month 1: database size 11.7 GB > 80 % of 8 GB",
                "Pro+ → Team in month 14: database size 90 GB > 80 % of 100 GB",
            ]
        );
        assert_eq!(p.first_month_beyond_catalog(), None);
        // Month 1 in Pro+: connections 150 / 500 = 30 % bind over 11.7 / 100 = 11.7 %.
        assert_eq!(p.months[0].binding_dimension, Some(0));
        assert_close("p.months[0].usage_pct", p.months[0].usage_pct, 30.0, EXACT);
        // Month 14 in Team: 150 / 1 000 = 15 % vs 90 / 500 = 18 %.
        assert_eq!(p.months[13].binding_dimension, Some(1));
        assert_close(
            "p.months[13].usage_pct",
            p.months[13].usage_pct,
            18.0,
            EXACT,
        );
        let month_1 = p
            .explain_month(0, &tiers, &dims(), &guide_needs()[0])
            .unwrap();
        assert_eq!(month_1.figure, "Pro+");
        assert!(p.explain_month(14, &tiers, &dims(), &[]).is_none());
        assert_eq!(
            month_1.formula,
            "connections 150 ≤ 80 % × 500 = 400; database size 11.7 GB ≤ 80 % × 100 GB = 80 GB"
        );
    }

    #[test]
    fn connections_can_force_the_move() {
        let tiers = database_specs(&catalog::supabase_plan_tiers());
        let needs = [vec![150.0, 0.3], vec![161.0, 0.3], vec![412.0, 0.3]];
        let p = progression(&tiers, &dims(), &needs, &options(80.0, 0));
        // 150 > 60 × 80 % = 48 → Pro (160); 161 > 160 → Pro+ (400); 412 > 400 → Team (800).
        assert_eq!(p.tiers(), [Some(1), Some(2), Some(3)]);
        assert_eq!(p.upgrades[0].reason, "connections 150 > 80 % of 60");
        assert_eq!(p.upgrades[2].reason, "connections 412 > 80 % of 500");
    }

    #[test]
    fn a_fractional_connection_need_is_written_whole() {
        let tiers = database_specs(&catalog::supabase_plan_tiers());
        // 384.8 connections (a per-unit rule of 0.37 × 1 040 users) need 385.
        let needs = [vec![384.8, 0.3]];
        let p = progression(&tiers, &dims(), &needs, &options(80.0, 0));
        assert_eq!(p.upgrades[0].reason, "connections 385 > 80 % of 60");
        let month_1 = p.explain_month(0, &tiers, &dims(), &needs[0]).unwrap();
        assert!(
            month_1
                .formula
                .starts_with("connections 385 ≤ 80 % × 500 = 400"),
            "{}",
            month_1.formula
        );
        assert!(month_1
            .inputs
            .contains(&("connections".to_owned(), "385".to_owned())));
    }

    #[test]
    fn beyond_the_catalog_is_flagged_and_sticky() {
        let tiers = database_specs(&catalog::supabase_plan_tiers());
        let needs = [vec![100.0, 300.0], vec![100.0, 450.0], vec![100.0, 10.0]];
        let p = progression(&tiers, &dims(), &needs, &options(80.0, 0));
        // 450 GB > 500 GB × 80 % = 400 GB.
        assert_eq!(p.tiers(), [Some(3), None, None]);
        assert_eq!(p.first_month_beyond_catalog(), Some(2));
        assert_eq!(p.upgrades.len(), 2);
        assert_eq!((p.upgrades[1].from, p.upgrades[1].to), (Some(3), None));
        assert_eq!(p.months[1].binding_dimension, Some(1));
        assert_close("p.months[1].usage_pct", p.months[1].usage_pct, 90.0, EXACT);
        assert!(p
            .explain_month(1, &tiers, &dims(), &needs[1])
            .unwrap()
            .binding
            .contains("even the largest tier, Team"));
    }

    #[test]
    fn tiers_never_go_down_after_a_peak() {
        let tiers = database_specs(&catalog::supabase_plan_tiers());
        let needs = [vec![10.0, 20.0], vec![10.0, 1.0]];
        let p = progression(&tiers, &dims(), &needs, &options(80.0, 0));
        assert_eq!(p.tiers(), [Some(2), Some(2)]);
        assert!(p
            .explain_month(1, &tiers, &dims(), &needs[1])
            .unwrap()
            .binding
            .contains("tiers never go down"));
        // A start tier larger than needed is kept too.
        let p = progression(&tiers, &dims(), &[vec![1.0, 0.1]], &options(80.0, 3));
        assert_eq!(p.tiers(), [Some(3)]);
        assert!(p.upgrades.is_empty());
    }

    #[test]
    fn odd_inputs_stay_finite() {
        let tiers = vec![
            TierSpec {
                name: "zero".into(),
                limits: vec![Some(0.0), Some(f64::NAN)],
                usd_per_month: 1.0,
            },
            TierSpec {
                name: "open".into(),
                limits: vec![None],
                usd_per_month: 2.0,
            },
        ];
        let needs = [vec![f64::NAN, -3.0], vec![f64::INFINITY], vec![]];
        let p = progression(&tiers, &dims(), &needs, &options(f64::NAN, 99));
        assert_eq!(p.tiers(), [Some(1), Some(1), Some(1)]);
        assert!(p.months.iter().all(|m| m.usage_pct.is_finite()));
        let p = progression(&tiers, &dims(), &[vec![5.0, 0.0]], &options(80.0, 0));
        // 5 over a zero limit: the cap, not ∞.
        assert_eq!(p.tiers(), [Some(1)]);
        let p = progression(&[], &dims(), &[vec![5.0, 0.0]], &options(80.0, 0));
        assert_eq!(p.tiers(), [None]);
        assert_eq!(p.first_month_beyond_catalog(), Some(1));
        assert!(p.upgrades.is_empty());
        assert_eq!(usage_pct(5.0, 0.0), USAGE_PCT_CAP);
        assert_eq!(usage_pct(f64::INFINITY, 1.0), USAGE_PCT_CAP);
        assert_eq!(ceil_count(f64::NAN), COUNT_CAP);
        assert_eq!(ceil_count(f64::INFINITY), COUNT_CAP);
        assert_eq!(ceil_count(-1.0), 0);
        assert_eq!(ceil_count(140.0 / 35.0), 4);
    }
}
