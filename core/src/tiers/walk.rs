//! The walk through a catalog: the tier each month needs, the upgrades on the way, and the
//! checks it rests on (fits, usage, the binding dimension).

use super::explain::explain_choice;
#[cfg(feature = "upgrade-reasons")]
use super::explain::upgrade_reason;
use super::{DEFAULT_TRIGGER_PCT, USAGE_PCT_CAP};
use crate::explain::Explanation;
use crate::units::{PlanMonth, Share};
use serde::{Deserialize, Serialize};

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

/// Dimensions that can have a trigger of their own ([`ProgressionOptions::triggers`]).
pub const OWN_TRIGGERS: usize = 2;

/// How the walk is done.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProgressionOptions {
    /// Move up when a need exceeds limit × its dimension's trigger: the first dimensions' in
    /// order, a later dimension the last one's (see [`trigger`]; a plan's, resolved once:
    /// [`crate::validate::ValidPlan::database_triggers`]).
    pub triggers: [Share; OWN_TRIGGERS],
    /// Index of the tier in use today (month 0); past the end means the largest tier.
    pub start_tier: usize,
}

impl ProgressionOptions {
    /// Every dimension with the one trigger `pct` percent (see [`trigger`]), from the tier at
    /// `start_tier`.
    pub fn one_trigger(pct: f64, start_tier: usize) -> Self {
        Self {
            triggers: [trigger(pct); OWN_TRIGGERS],
            start_tier,
        }
    }
}

/// A scale-up trigger of `pct` percent, within 1–100 % ([`DEFAULT_TRIGGER_PCT`] when not a
/// number): a tier fits a need up to its limit × the trigger.
///
/// # Example
/// ```
/// use headroom_core::tiers::trigger;
/// assert_eq!(trigger(75.0).get(), 0.75);
/// assert_eq!(trigger(0.0).get(), 0.01);
/// assert_eq!(trigger(f64::NAN).get(), 0.8);
/// ```
pub fn trigger(pct: f64) -> Share {
    Share::of_pct_at_least(pct, MIN_TRIGGER_PCT, DEFAULT_TRIGGER_PCT)
}

/// The lowest trigger, percent: a tier always holds some need.
const MIN_TRIGGER_PCT: f64 = 1.0;

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
    /// The plan month of the move.
    pub month: PlanMonth,
    /// Tier before the move.
    pub from: Option<usize>,
    /// Tier after the move; `None` = beyond the catalog.
    pub to: Option<usize>,
    /// What forced it: "connections 412 > 80 % of 500" (empty in a build without the
    /// `upgrade-reasons` feature: the trials worker's).
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
    /// let options = ProgressionOptions::one_trigger(100.0, 0);
    /// let p = progression(&tiers, &dims, &[vec![8.0], vec![12.0]], &options);
    /// assert_eq!(p.first_month_beyond_catalog(), Some(2));
    /// ```
    pub fn first_month_beyond_catalog(&self) -> Option<u32> {
        self.months
            .iter()
            .position(|m| m.tier.is_none())
            .map(|index| PlanMonth::of_index(index).number())
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
    /// let options = ProgressionOptions::one_trigger(80.0, 0);
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
///     &ProgressionOptions::one_trigger(80.0, 1));
/// assert_eq!(p.months[0].tier, Some(2)); // Pro+
/// assert_eq!(p.upgrades[0].reason, "database size 11.7 GB > 80 % of 8 GB");
/// ```
pub fn progression<N: AsRef<[f64]>>(
    tiers: &[TierSpec],
    dimensions: &[Dimension],
    needs: &[N],
    options: &ProgressionOptions,
) -> Progression {
    let triggers = options.triggers.map(Share::get);
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
        let month = PlanMonth::of_index(index);
        if chosen != previous {
            if let Some(from) = previous {
                upgrades.push(Upgrade {
                    month,
                    from: Some(from),
                    to: chosen,
                    #[cfg(feature = "upgrade-reasons")]
                    reason: upgrade_reason(&tiers[from], dimensions, &need, &triggers),
                    // Built for the trials only: none reads the reasons.
                    #[cfg(not(feature = "upgrade-reasons"))]
                    reason: String::new(),
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

/// A need as a comparable amount: NaN is unmeetable (+∞), negatives are 0.
pub(super) fn clean_need(need: f64) -> f64 {
    if need.is_nan() {
        f64::INFINITY
    } else {
        need.max(0.0)
    }
}

/// A limit as a comparable amount: `None` and +∞ are unlimited (+∞), NaN and negatives are 0.
pub(super) fn clean_limit(limit: Option<f64>) -> f64 {
    match limit {
        None => f64::INFINITY,
        Some(l) if l.is_nan() => 0.0,
        Some(l) => l.max(0.0),
    }
}

pub(super) fn limit_of(tier: &TierSpec, dimension: usize) -> f64 {
    clean_limit(tier.limits.get(dimension).copied().flatten())
}

/// Dimension `d`'s trigger among `triggers` (a fraction; past the end, the last entry's).
pub(super) fn trigger_of(triggers: &[f64], d: usize) -> f64 {
    triggers
        .get(d)
        .or(triggers.last())
        .copied()
        .unwrap_or(DEFAULT_TRIGGER_PCT / 100.0)
}

pub(super) fn fits(tier: &TierSpec, need: &[f64], triggers: &[f64]) -> bool {
    need.iter().enumerate().all(|(d, &n)| {
        let limit = limit_of(tier, d);
        limit == f64::INFINITY || n <= limit * trigger_of(triggers, d)
    })
}

/// need ÷ limit as a percentage, finite: 0 for an unlimited limit or no need, the cap for a
/// need over a zero limit.
pub(super) fn usage_pct(need: f64, limit: f64) -> f64 {
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
pub(super) fn binding(tier: &TierSpec, need: &[f64]) -> Option<(usize, f64)> {
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
