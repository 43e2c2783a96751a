//! Vertical tiers (instance sizes) against horizontal scaling: for each instance type, how many
//! instances serve the peak and what they cost; which is cheapest; and when the type in use
//! should give way to a larger size.
//!
//! For each type of the catalog (utilisation law, as in [`crate::sizing`]):
//!
//! ```text
//! needed_for_load     = ⌈peak_rps ÷ (capacity_rps × target_utilisation)⌉
//! instances           = max(min_instances, needed_for_load + redundancy)
//! usd_per_month       = instances × price
//! exceeds_max         = instances > max_instances
//! utilisation_at_peak = peak_rps ÷ (instances × capacity_rps)
//! ```
//!
//! The rounding forgives floating-point error (140 ÷ 35 is 4 instances, not 5). The cheapest
//! type is the one with the lowest monthly cost that stays within `max_instances` (ties: fewer
//! instances, then the smaller type). *Scale out* (add instances of the type in use) while its
//! count stays within the maximum and no larger size is cheaper; *scale up a size* when the
//! count would pass the maximum — past it coordination, connection pools and deploys get harder
//! (the Semantic Text Processor guide's vertical tiers: 2 cores → 50 req/s, 4 → 125, 8 → 250,
//! 16 → 500) — or when a larger size serves the same load for enough less to be worth a move
//! ([`saving_matters`]: at least $1/month and 1 % of the fleet's cost). [`size_change`] finds
//! the first month either happens. [`cheapest_mix`] also tries fleets of two sizes (a bulk size
//! topped up with another), which beat every single size when the load falls just past a whole
//! number of large instances. Capacities are app-specific: measure them with a load test.
//!
//! Robustness: a peak that is not a number counts as [`AMOUNT_CAP`](crate::tiers::AMOUNT_CAP) req/s; a capacity or price
//! that is not a number counts as 0; a target that is not a number falls back to 70 % and is
//! clamped to 1–100 %. Counts saturate at [`COUNT_CAP`](crate::tiers::COUNT_CAP); no figure is NaN or ∞.

use crate::currency::Currency;
use crate::explain::Explanation;
use crate::format;
use crate::plan::InstanceType;
use crate::tiers::{ceil_count, demand_amount, supply_amount, USAGE_PCT_CAP};
use serde::Serialize;

/// Target utilisation used when the one given is not a number, in percent (the policy default).
pub const DEFAULT_TARGET_UTILISATION_PCT: f64 = 70.0;

pub use crate::sizing::SizingPolicy;

/// One instance type sized for the peak.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SizeOption {
    /// Index of the type in the catalog.
    pub instance: usize,
    /// Name of the type.
    pub name: String,
    /// Instances the peak alone needs at the target utilisation.
    pub needed_for_load: u64,
    /// Instances to run: max(minimum, needed + redundancy).
    pub instances: u64,
    /// instances × price, USD per month.
    pub usd_per_month: f64,
    /// Whether `instances` is more than the policy's maximum.
    pub exceeds_max: bool,
    /// Peak load over the capacity of all `instances`, in percent.
    pub utilisation_at_peak_pct: f64,
    /// The working.
    pub explanation: Explanation,
}

/// Every instance type sized for one peak.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VerticalComparison {
    /// The peak compared for, req/s (after the safety rules of the module docs).
    pub peak_rps: f64,
    /// One entry per catalog type, in catalog order.
    pub options: Vec<SizeOption>,
    /// Index of the cheapest type within the maximum; `None` when every type passes it.
    pub cheapest: Option<usize>,
    /// The policy's maximum instance count the options were checked against.
    pub max_instances: u32,
    /// Which type is cheapest and why.
    pub explanation: Explanation,
    /// The cheapest fleet of up to two sizes within the maximum (see [`cheapest_mix`]); never
    /// dearer than the cheapest single type. `None` when nothing fits the maximum.
    pub cheapest_mix: Option<InstanceMix>,
    /// The currency of the prices (the explanations and advice write them in it).
    pub currency: Currency,
}

/// How many of one catalog type a mixed fleet runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct MixPart {
    /// Index of the type in the catalog.
    pub instance: usize,
    /// Instances of it.
    pub count: u64,
}

/// A fleet of one or two instance sizes that serves the peak.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InstanceMix {
    /// The sizes and their counts, largest capacity first; one part when a single size is
    /// cheapest.
    pub parts: Vec<MixPart>,
    /// Instances in all.
    pub instances: u64,
    /// Σ count × price, USD per month.
    pub usd_per_month: f64,
    /// Σ count × capacity at 100 % utilisation, req/s.
    pub capacity_rps: f64,
    /// Peak load over the fleet's capacity, in percent.
    pub utilisation_at_peak_pct: f64,
    /// The working.
    pub explanation: Explanation,
}

/// Why the type in use should give way to a larger size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum SizeChangeReason {
    /// Its count passes the policy's maximum.
    PastMaximum,
    /// A larger size within the maximum serves the month's peak for less.
    LargerIsCheaper,
}

/// When the type in use should give way to a larger size, month by month ([`size_change`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SizeChange {
    /// Catalog index of the type in use.
    pub current: usize,
    /// First month (1-based) a larger size is due; `None` when scaling out serves every month.
    pub month: Option<u32>,
    /// Why that month.
    pub reason: Option<SizeChangeReason>,
    /// The cheapest larger type within the maximum that month; `None` when none fits (or no
    /// move is due).
    pub move_to: Option<usize>,
    /// Instances of `move_to` that month.
    pub instances_after: Option<u64>,
    /// The advice in words.
    pub explanation: Explanation,
}

/// What to do with the type in use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum SizeAction {
    /// Keep the type; add instances as load grows.
    ScaleOut,
    /// Move to the larger type `to` (catalog index).
    ScaleUp {
        /// Catalog index of the larger type.
        to: usize,
    },
    /// Even the largest types need more than the maximum: re-architect or raise the maximum.
    NoSizeFits,
}

/// Advice for the type in use, with its reasons.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SizeAdvice {
    /// Scale out, scale up, or nothing fits.
    pub action: SizeAction,
    /// Why, in words and figures.
    pub explanation: Explanation,
}

/// The type in use, month by month, and when it should give way to a larger size.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SizeTimeline {
    /// The current type sized for each month's peak (index 0 is month 1); empty when `current`
    /// is not in the catalog.
    pub months: Vec<SizeOption>,
    /// First month (1-based) the current type needs more than the maximum.
    pub move_up_month: Option<u32>,
    /// The cheapest larger type within the maximum in that month, if any.
    pub move_to: Option<usize>,
    /// The advice in words.
    pub explanation: Explanation,
}

fn rps(value: f64) -> String {
    format::with_unit(value, "req/s")
}

/// Index of the catalog type called `name` (e.g. [`Policies::app_instance`](crate::plan::Policies::app_instance)).
///
/// # Example
/// ```
/// use headroom_core::{catalog, vertical::find_instance};
/// assert_eq!(find_instance(&catalog::default_instances(), "m7g.large"), Some(2));
/// ```
pub fn find_instance(instances: &[InstanceType], name: &str) -> Option<usize> {
    instances.iter().position(|i| i.name == name)
}

fn size_one(
    index: usize,
    instance: &InstanceType,
    peak_rps: f64,
    policy: &SizingPolicy,
) -> SizeOption {
    let app = crate::sizing::size_app(peak_rps, instance, policy);
    let price = supply_amount(instance.usd_per_month);
    let instances = app.instances;
    let needed_for_load = app.needed_for_load;
    let usd_per_month = instances as f64 * price;
    let exceeds_max = app.over_max;
    let utilisation_at_peak_pct = (app.utilisation_at_peak * 100.0).min(USAGE_PCT_CAP);
    let app_explanation = app.explain(&instance.name);
    let money = |x| format::money(x, policy.currency);
    let explanation = Explanation::new(format!(
        "{instances} × {} = {}/month",
        instance.name,
        money(usd_per_month)
    ))
    .formula(format!(
        "{}; {instances} × {} = {}",
        app_explanation.formula,
        money(price),
        money(usd_per_month)
    ))
    .input("price", format!("{}/month", money(price)));
    let explanation = Explanation {
        inputs: app_explanation
            .inputs
            .into_iter()
            .chain(explanation.inputs)
            .collect(),
        binding: app_explanation.binding,
        ..explanation
    };
    SizeOption {
        instance: index,
        name: instance.name.clone(),
        needed_for_load,
        instances,
        usd_per_month,
        exceeds_max,
        utilisation_at_peak_pct,
        explanation,
    }
}

/// The cheapest option within the maximum among `options` (ties: fewer instances, then the
/// earlier type).
fn cheapest_of<'a>(options: impl Iterator<Item = &'a SizeOption>) -> Option<&'a SizeOption> {
    options.filter(|o| !o.exceeds_max).min_by(|a, b| {
        a.usd_per_month
            .total_cmp(&b.usd_per_month)
            .then(a.instances.cmp(&b.instances))
            .then(a.instance.cmp(&b.instance))
    })
}

/// Sizes every instance type for `peak_rps` and finds the cheapest within `max_instances`.
///
/// Per type: instances = max(min_instances, ⌈peak ÷ (capacity × target)⌉ + redundancy), cost =
/// instances × price (see the module documentation).
///
/// # Example
/// ```
/// use headroom_core::{catalog, plan::Policies, vertical::{compare_sizes, SizingPolicy}};
/// let policy = SizingPolicy::from(&Policies::default()); // 70 %, N+0, 2–10 instances
/// let c = compare_sizes(&catalog::default_instances(), 140.0, &policy);
/// assert_eq!(c.options[2].instances, 4); // m7g.large: ⌈140 ÷ (50 × 70 %)⌉ = 4 exactly
/// assert_eq!(c.cheapest, Some(0));        // 5 × t4g.medium = $122.5
/// ```
pub fn compare_sizes(
    instances: &[InstanceType],
    peak_rps: f64,
    policy: &SizingPolicy,
) -> VerticalComparison {
    let peak_rps = demand_amount(peak_rps);
    let options: Vec<SizeOption> = instances
        .iter()
        .enumerate()
        .map(|(i, instance)| size_one(i, instance, peak_rps, policy))
        .collect();
    let best = cheapest_of(options.iter());
    let money = |x| format::money(x, policy.currency);
    let explanation = match best {
        Some(o) => Explanation::new(format!("{} × {}", o.instances, o.name))
            .formula(format!(
                "cheapest of the types within {} instances: {}/month",
                policy.max_instances,
                money(o.usd_per_month)
            ))
            .input("peak", rps(peak_rps))
            .binding("the lowest monthly cost (ties: fewer instances)"),
        None => Explanation::new("no instance type")
            .formula(format!(
                "every type needs more than {} instances for {}",
                policy.max_instances,
                rps(peak_rps)
            ))
            .input("peak", rps(peak_rps))
            .binding("the maximum instance count: re-architect (shard, cache, queue) or raise it"),
    };
    let cheapest_mix = cheapest_mix(instances, peak_rps, policy);
    VerticalComparison {
        peak_rps,
        cheapest: best.map(|o| o.instance),
        max_instances: policy.max_instances,
        options,
        explanation,
        cheapest_mix,
        currency: policy.currency,
    }
}

/// Bulk sizes tried by [`cheapest_mix`]: the catalog types with the lowest price per req/s.
pub const MIX_BULK_CANDIDATES: usize = 8;

/// Target utilisation as a fraction, after the module's safety rules.
fn target_fraction(policy: &SizingPolicy) -> f64 {
    if policy.target_utilisation_pct.is_nan() {
        DEFAULT_TARGET_UTILISATION_PCT / 100.0
    } else {
        policy.target_utilisation_pct.clamp(1.0, 100.0) / 100.0
    }
}

/// The cheapest fleet of one or two instance sizes that serves `peak_rps` within the policy.
///
/// ```text
/// needed capacity R = peak ÷ target utilisation
/// a fleet fits when  Σ countᵢ × capacityᵢ − (capacity of its k largest instances) ≥ R
///                    and min_instances ≤ Σ countᵢ ≤ max_instances        (k = redundancy)
/// cost               Σ countᵢ × priceᵢ
/// ```
///
/// Every single size is tried (as [`compare_sizes`] sizes it), and every pair of a *bulk* size
/// — one of the [`MIX_BULK_CANDIDATES`] types with the lowest price per req/s — with a second
/// size topping up what ⌊R ÷ bulk capacity⌋ (or one fewer) bulk instances leave: a 500 req/s
/// fleet with 120 req/s left over need not buy a fourth large instance when a small one covers
/// the rest. Mixes of three or more sizes are not searched. Ties go to fewer instances, then
/// to the earlier catalog type. `None` when no fleet fits the maximum.
///
/// # Example
/// ```
/// use headroom_core::{catalog, plan::Policies, vertical::{cheapest_mix, SizingPolicy}};
/// let policy = SizingPolicy::from(&Policies::default()); // 70 %, 2–10 instances
/// let m7g = catalog::default_instances()[2..].to_vec(); // 50, 125, 250, 500 req/s
/// // 380 req/s needs 542.9 req/s of capacity: 5 × xlarge ($595.5) is the cheapest single size,
/// // but 4 × xlarge and 1 × large (550 req/s) cost $536.
/// let mix = cheapest_mix(&m7g, 380.0, &policy).unwrap();
/// assert_eq!(mix.explanation.figure, "4 × m7g.xlarge + 1 × m7g.large = $536/month");
/// ```
pub fn cheapest_mix(
    instances: &[InstanceType],
    peak_rps: f64,
    policy: &SizingPolicy,
) -> Option<InstanceMix> {
    let peak_rps = demand_amount(peak_rps);
    let target = target_fraction(policy);
    let needed_rps = (peak_rps / target).min(crate::tiers::AMOUNT_CAP);
    let k = u64::from(policy.redundancy);
    let (min, max) = (
        u64::from(policy.min_instances),
        u64::from(policy.max_instances),
    );
    let capacity = |i: usize| supply_amount(instances[i].capacity_rps);
    let price = |i: usize| supply_amount(instances[i].usd_per_month);
    // (cost, instances, parts) of the best fleet so far.
    let mut best: Option<(f64, u64, Vec<MixPart>)> = None;
    let mut consider = |parts: Vec<MixPart>| {
        let count = parts
            .iter()
            .fold(0u64, |sum, p| sum.saturating_add(p.count));
        if count > max || count < min {
            return;
        }
        let cost: f64 = parts
            .iter()
            .map(|p| p.count as f64 * price(p.instance))
            .sum();
        let better = match &best {
            None => true,
            Some((c, n, old)) => cost
                .total_cmp(c)
                .then(count.cmp(n))
                .then_with(|| {
                    let first = |ps: &[MixPart]| ps.iter().map(|p| p.instance).min();
                    first(&parts).cmp(&first(old))
                })
                .is_lt(),
        };
        if better {
            best = Some((cost, count, parts));
        }
    };
    // Single sizes, exactly as `size_app` sizes them.
    for (i, instance) in instances.iter().enumerate() {
        let app = crate::sizing::size_app(peak_rps, instance, policy);
        if app.instances > 0 {
            consider(vec![MixPart {
                instance: i,
                count: app.instances,
            }]);
        }
    }
    // Pairs: a bulk size topped up with a second one.
    let mut by_value: Vec<usize> = (0..instances.len())
        .filter(|&i| capacity(i) > 0.0)
        .collect();
    crate::sort::stable_sort_by(&mut by_value, &|&a, &b| {
        (price(a) / capacity(a)).total_cmp(&(price(b) / capacity(b)))
    });
    for &bulk in by_value.iter().take(MIX_BULK_CANDIDATES) {
        let most = (needed_rps / capacity(bulk)).floor().min(max as f64) as u64;
        for x in [most.saturating_sub(1), most] {
            if x == 0 {
                continue;
            }
            for &top in &by_value {
                if top == bulk {
                    continue;
                }
                let y = top_up(x, capacity(bulk), capacity(top), needed_rps, k)
                    .max(min.saturating_sub(x));
                if y == 0 {
                    continue;
                }
                let mut parts = vec![
                    MixPart {
                        instance: bulk,
                        count: x,
                    },
                    MixPart {
                        instance: top,
                        count: y,
                    },
                ];
                crate::sort::stable_sort_by(&mut parts, &|a, b| {
                    capacity(b.instance).total_cmp(&capacity(a.instance))
                });
                consider(parts);
            }
        }
    }
    let (usd_per_month, count, parts) = best?;
    let capacity_rps: f64 = parts
        .iter()
        .map(|p| p.count as f64 * capacity(p.instance))
        .sum::<f64>()
        .min(crate::tiers::AMOUNT_CAP);
    let utilisation_at_peak_pct = if capacity_rps > 0.0 {
        (peak_rps / capacity_rps * 100.0).min(USAGE_PCT_CAP)
    } else {
        0.0
    };
    let names = parts
        .iter()
        .map(|p| format!("{} × {}", p.count, instances[p.instance].name))
        .collect::<Vec<_>>()
        .join(" + ");
    let capacities = parts
        .iter()
        .map(|p| format!("{} × {}", p.count, rps(capacity(p.instance))))
        .collect::<Vec<_>>()
        .join(" + ");
    let single = compare_single_cheapest(instances, peak_rps, policy);
    let money = |x| format::money(x, policy.currency);
    let binding = match single {
        Some((n, i, cost)) if cost > usd_per_month => format!(
            "the lowest monthly cost: {} less than the cheapest single size, {n} × {}",
            money(cost - usd_per_month),
            instances[i].name
        ),
        _ => "the lowest monthly cost: no mix beats the cheapest single size".to_owned(),
    };
    let spares = if k > 0 {
        format!(" after losing the {k} largest")
    } else {
        String::new()
    };
    let explanation = Explanation::new(format!("{names} = {}/month", money(usd_per_month)))
        .formula(format!(
            "{capacities} = {}{spares} ≥ {} ÷ {} = {}",
            rps(capacity_rps),
            rps(peak_rps),
            format::percent(target),
            rps(needed_rps)
        ))
        .input("peak", rps(peak_rps))
        .input("instances", count.to_string())
        .binding(binding);
    Some(InstanceMix {
        parts,
        instances: count,
        usd_per_month,
        capacity_rps,
        utilisation_at_peak_pct,
        explanation,
    })
}

/// The cheapest single size within the maximum: (instances, catalog index, cost).
fn compare_single_cheapest(
    instances: &[InstanceType],
    peak_rps: f64,
    policy: &SizingPolicy,
) -> Option<(u64, usize, f64)> {
    instances
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let app = crate::sizing::size_app(peak_rps, t, policy);
            (
                app.instances,
                i,
                app.instances as f64 * supply_amount(t.usd_per_month),
                app.over_max,
            )
        })
        .filter(|o| !o.3)
        .min_by(|a, b| a.2.total_cmp(&b.2).then(a.0.cmp(&b.0)))
        .map(|(n, i, cost, _)| (n, i, cost))
}

/// The fewest instances of capacity `top` that, with `x` of capacity `bulk`, keep `needed`
/// req/s after losing the `k` largest instances of the fleet.
fn top_up(x: u64, bulk: f64, top: f64, needed: f64, k: u64) -> u64 {
    if bulk >= top {
        // The bulk instances are lost first; the rest of the loss comes from the top-ups.
        let lost_bulk = k.min(x);
        let lost_top = k - lost_bulk;
        let left = needed - (x - lost_bulk) as f64 * bulk;
        lost_top.saturating_add(ceil_count(left / top))
    } else {
        // The top-ups are the largest: k of them are lost.
        k.saturating_add(ceil_count((needed - x as f64 * bulk) / top))
    }
}

/// Smallest monthly saving, in dollars, worth moving to a larger size for.
pub const MIN_SAVING_USD_PER_MONTH: f64 = 1.0;

/// Smallest monthly saving worth moving to a larger size for, as a share of the fleet's
/// monthly cost (1 = 1 %).
pub const MIN_SAVING_PCT: f64 = 1.0;

/// Whether serving the peak for `cheaper_usd_per_month` instead of `now_usd_per_month` is worth
/// moving to a larger size: the saving is at least [`MIN_SAVING_USD_PER_MONTH`] and at least
/// [`MIN_SAVING_PCT`] of the fleet's cost now. Below that a move (new images, a migration, a
/// rollout) costs more attention than it saves; a saving of cents is noise in the prices.
///
/// # Example
/// ```
/// use headroom_core::vertical::saving_matters;
/// assert!(!saving_matters(357.6, 357.3)); // $0.30
/// assert!(!saving_matters(2_000.0, 1_990.0)); // $10, 0.5 %
/// assert!(saving_matters(357.6, 340.0)); // $17.60, 4.9 %
/// assert!(!saving_matters(f64::NAN, 1.0));
/// ```
pub fn saving_matters(now_usd_per_month: f64, cheaper_usd_per_month: f64) -> bool {
    let saving = now_usd_per_month - cheaper_usd_per_month;
    saving >= MIN_SAVING_USD_PER_MONTH && saving >= now_usd_per_month * MIN_SAVING_PCT / 100.0
}

/// When the type in use (`current`, a catalog index) should give way to a larger size, given
/// each month's peak (`peak_rps_per_month`, month 1 first): the first month its count passes
/// the maximum, or a larger size within the maximum serves the peak for less. The size to move
/// to is the cheapest larger type within the maximum that month.
///
/// Only counts and prices are computed month by month; the comparison is built once, for the
/// month of the move, so this is cheap enough to run for every scenario.
///
/// # Example
/// ```
/// use headroom_core::{catalog, plan::Policies, vertical::{size_change, SizeChangeReason, SizingPolicy}};
/// let policy = SizingPolicy::from(&Policies::default()); // at most 10 instances at 70 %
/// // m7g.large serves 35 req/s at 70 %: 100 req/s takes 3, 400 req/s would take 12.
/// let c = size_change(&catalog::default_instances(), &[100.0, 400.0], 2, &policy);
/// assert_eq!(c.month, Some(2));
/// assert_eq!(c.reason, Some(SizeChangeReason::PastMaximum));
/// assert_eq!(c.move_to, Some(3)); // 5 × m7g.xlarge
/// ```
pub fn size_change(
    instances: &[InstanceType],
    peak_rps_per_month: &[f64],
    current: usize,
    policy: &SizingPolicy,
) -> SizeChange {
    let Some(type_now) = instances.get(current) else {
        return SizeChange {
            current,
            month: None,
            reason: None,
            move_to: None,
            instances_after: None,
            explanation: Explanation::new("no advice")
                .binding("the instance type in use is not in the catalog"),
        };
    };
    let price = |i: usize| supply_amount(instances[i].usd_per_month);
    // A lower bound of a larger type's monthly cost at a peak: price × max(minimum, peak ÷
    // usable capacity + spares), without rounding up. Months where no larger type can beat the
    // current fleet even at its bound skip the exact sizing.
    let target = target_fraction(policy);
    let bounds: Vec<(f64, f64, f64)> = (current + 1..instances.len())
        .map(|i| {
            let usable = supply_amount(instances[i].capacity_rps) * target;
            let per_rps = if usable > 0.0 {
                price(i) / usable
            } else {
                f64::INFINITY
            };
            (
                price(i) * f64::from(policy.min_instances),
                per_rps,
                price(i) * f64::from(policy.redundancy),
            )
        })
        .collect();
    for (index, &peak) in peak_rps_per_month.iter().enumerate() {
        let now = crate::sizing::size_app(peak, type_now, policy);
        let now_cost = now.instances as f64 * price(current);
        let peak_amount = demand_amount(peak);
        let may_beat = bounds.iter().any(|&(floor, per_rps, spares)| {
            let bound = floor.max(per_rps * peak_amount + spares);
            bound.is_nan() || bound < now_cost
        });
        if !now.over_max && !may_beat {
            continue;
        }
        let larger = instances
            .iter()
            .enumerate()
            .skip(current + 1)
            .map(|(i, t)| (i, crate::sizing::size_app(peak, t, policy)))
            .filter(|(_, a)| !a.over_max)
            .map(|(i, a)| (i, a.instances, a.instances as f64 * price(i)))
            .min_by(|a, b| a.2.total_cmp(&b.2).then(a.1.cmp(&b.1)).then(a.0.cmp(&b.0)));
        let reason = if now.over_max {
            Some(SizeChangeReason::PastMaximum)
        } else if larger.is_some_and(|l| saving_matters(now_cost, l.2)) {
            Some(SizeChangeReason::LargerIsCheaper)
        } else {
            None
        };
        let Some(reason) = reason else { continue };
        let month = u32::try_from(index)
            .unwrap_or(u32::MAX - 1)
            .saturating_add(1);
        let peak_text = rps(demand_amount(peak));
        let money = |x| format::money(x, policy.currency);
        let now_text = format!(
            "{} × {} = {}/month",
            now.instances,
            type_now.name,
            money(now_cost)
        );
        let explanation = match (reason, larger) {
            (SizeChangeReason::PastMaximum, Some((to, n, cost))) => Explanation::new(format!(
                "move up to {} in month {month}",
                instances[to].name
            ))
            .formula(format!(
                "month {month}: {now_text} for {peak_text} passes the maximum of {} instances; \
                 {n} × {} = {}/month stays within it",
                policy.max_instances,
                instances[to].name,
                money(cost)
            ))
            .binding("the maximum instance count"),
            (SizeChangeReason::PastMaximum, None) => {
                Explanation::new(format!("no size fits from month {month}"))
                    .formula(format!(
                        "month {month}: {now_text} for {peak_text} passes the maximum of {} \
                         instances, and so does every larger type",
                        policy.max_instances
                    ))
                    .binding("the maximum instance count: re-architect or raise it")
            }
            (SizeChangeReason::LargerIsCheaper, Some((to, n, cost))) => Explanation::new(format!(
                "move up to {} in month {month}",
                instances[to].name
            ))
            .formula(format!(
                "month {month}: {n} × {} = {}/month serves {peak_text} for {} less than \
                 {now_text}",
                instances[to].name,
                money(cost),
                money(now_cost - cost)
            ))
            .binding("a larger size is cheaper than adding instances"),
            (SizeChangeReason::LargerIsCheaper, None) => continue,
        };
        return SizeChange {
            current,
            month: Some(month),
            reason: Some(reason),
            move_to: larger.map(|l| l.0),
            instances_after: larger.map(|l| l.1),
            explanation,
        };
    }
    SizeChange {
        current,
        month: None,
        reason: None,
        move_to: None,
        instances_after: None,
        explanation: Explanation::new(format!("scale out on {}", type_now.name)).binding(format!(
            "every month stays within {} instances and no larger size is cheaper",
            policy.max_instances
        )),
    }
}

impl VerticalComparison {
    /// Advice for the type in use, `current` (catalog index); `None` when it is not in the
    /// comparison.
    ///
    /// Scale up a size when the current count exceeds the maximum (to the cheapest larger type
    /// within it) or when a larger type serves the peak for less; otherwise scale out.
    ///
    /// # Example
    /// ```
    /// use headroom_core::{catalog, plan::Policies, vertical::{compare_sizes, SizeAction, SizingPolicy}};
    /// let policy = SizingPolicy::from(&Policies::default());
    /// let c = compare_sizes(&catalog::default_instances(), 1000.0, &policy);
    /// // 29 × m7g.large would pass the maximum of 10; 3 × m7g.4xlarge costs $1 429.5.
    /// assert_eq!(c.advice(2).unwrap().action, SizeAction::ScaleUp { to: 5 });
    /// ```
    pub fn advice(&self, current: usize) -> Option<SizeAdvice> {
        let now = self.options.get(current)?;
        let larger = cheapest_of(self.options.iter().skip(current + 1));
        let money = |x| format::money(x, self.currency);
        let figure_now = format!(
            "{} × {} = {}/month",
            now.instances,
            now.name,
            money(now.usd_per_month)
        );
        let (action, figure, binding) = match (now.exceeds_max, larger) {
            (true, Some(up)) => (
                SizeAction::ScaleUp { to: up.instance },
                format!("scale up to {}", up.name),
                format!(
                    "{figure_now} passes the maximum of {} instances; {} × {} = {}/month stays \
                     within it",
                    self.max_instances,
                    up.instances,
                    up.name,
                    money(up.usd_per_month)
                ),
            ),
            (true, None) => (
                SizeAction::NoSizeFits,
                "no larger size fits".to_owned(),
                format!(
                    "{figure_now} passes the maximum of {} instances and so does every larger \
                     size: re-architect (shard, cache, queue) or raise the maximum",
                    self.max_instances
                ),
            ),
            (false, Some(up)) if saving_matters(now.usd_per_month, up.usd_per_month) => (
                SizeAction::ScaleUp { to: up.instance },
                format!("scale up to {}", up.name),
                format!(
                    "{} × {} serves {} for {}/month, {} less than {figure_now}",
                    up.instances,
                    up.name,
                    rps(self.peak_rps),
                    money(up.usd_per_month),
                    money(now.usd_per_month - up.usd_per_month)
                ),
            ),
            (false, _) => {
                let mut text =
                    format!("{figure_now} stays within the maximum and no larger size is cheaper");
                if let Some(up) = larger.filter(|up| up.usd_per_month < now.usd_per_month) {
                    text = format!(
                        "{figure_now} stays within the maximum; {} × {} would save only {}/month, \
                         too little to move for",
                        up.instances,
                        up.name,
                        money(now.usd_per_month - up.usd_per_month)
                    );
                }
                if let Some(best) = self.cheapest.and_then(|c| self.options.get(c)) {
                    if best.instance < current && best.usd_per_month < now.usd_per_month {
                        text.push_str(&format!(
                            "; a smaller size, {} × {}, would cost {}/month",
                            best.instances,
                            best.name,
                            money(best.usd_per_month)
                        ));
                    }
                }
                (
                    SizeAction::ScaleOut,
                    format!("scale out on {}", now.name),
                    text,
                )
            }
        };
        Some(SizeAdvice {
            action,
            explanation: Explanation::new(figure)
                .formula(now.explanation.formula.clone())
                .input("peak", rps(self.peak_rps))
                .input("type in use", now.name.clone())
                .binding(binding),
        })
    }
}

/// The type in use (`current`, a catalog index) month by month for `peak_rps_per_month`, and
/// the month to move up a size: the first month its count exceeds `max_instances`.
///
/// The size to move to is the cheapest larger type within the maximum in that month.
///
/// # Example
/// ```
/// use headroom_core::{catalog, plan::Policies, vertical::{size_timeline, SizingPolicy}};
/// let policy = SizingPolicy::from(&Policies::default()); // at most 10 instances at 70 %
/// // m7g.large serves 35 req/s at 70 %: 350 req/s is exactly 10, 400 needs 12.
/// let t = size_timeline(&catalog::default_instances(), &[100.0, 350.0, 400.0], 2, &policy);
/// assert_eq!(t.move_up_month, Some(3));
/// assert_eq!(t.move_to, Some(3)); // 5 × m7g.xlarge = $595.5
/// ```
pub fn size_timeline(
    instances: &[InstanceType],
    peak_rps_per_month: &[f64],
    current: usize,
    policy: &SizingPolicy,
) -> SizeTimeline {
    let Some(type_now) = instances.get(current) else {
        return SizeTimeline {
            months: Vec::new(),
            move_up_month: None,
            move_to: None,
            explanation: Explanation::new("no timeline")
                .binding("the instance type in use is not in the catalog"),
        };
    };
    let mut months = Vec::with_capacity(peak_rps_per_month.len());
    let mut move_up: Option<(u32, Option<usize>, f64)> = None;
    for (index, &peak) in peak_rps_per_month.iter().enumerate() {
        let comparison = compare_sizes(instances, peak, policy);
        let option = comparison.options[current].clone();
        if move_up.is_none() && option.exceeds_max {
            let month = u32::try_from(index)
                .unwrap_or(u32::MAX - 1)
                .saturating_add(1);
            let to = cheapest_of(comparison.options.iter().skip(current + 1)).map(|o| o.instance);
            move_up = Some((month, to, comparison.peak_rps));
        }
        months.push(option);
    }
    let explanation = match move_up {
        Some((month, Some(to), peak)) => Explanation::new(format!(
            "move up to {} in month {month}",
            instances[to].name
        ))
        .formula(format!(
            "month {month}: {} needs more than {} instances for {}",
            type_now.name,
            policy.max_instances,
            rps(peak)
        ))
        .binding("the maximum instance count"),
        Some((month, None, peak)) => Explanation::new(format!("no size fits from month {month}"))
            .formula(format!(
                "month {month}: {} and every larger type need more than {} instances for {}",
                type_now.name,
                policy.max_instances,
                rps(peak)
            ))
            .binding("the maximum instance count: re-architect or raise it"),
        None => Explanation::new(format!("scale out on {}", type_now.name)).binding(format!(
            "stays within {} instances every month",
            policy.max_instances
        )),
    };
    SizeTimeline {
        months,
        move_up_month: move_up.map(|m| m.0),
        move_to: move_up.and_then(|m| m.1),
        explanation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;
    use crate::plan::Policies;
    use crate::tiers::COUNT_CAP;

    use crate::tolerance::{assert_close, EXACT};

    fn policy() -> SizingPolicy {
        SizingPolicy::from(&Policies::default())
    }

    #[test]
    fn default_catalog_at_140_rps() {
        let c = compare_sizes(&catalog::default_instances(), 140.0, &policy());
        let counts: Vec<u64> = c.options.iter().map(|o| o.instances).collect();
        // t4g ⌈140/28⌉ = 5; c7g ⌈140/42⌉ = 4; m7g.large 140/35 = 4 exactly; xlarge ⌈1.6⌉ = 2;
        // 2xlarge 1 → minimum 2; 4xlarge 1 → minimum 2.
        assert_eq!(counts, [5, 4, 4, 2, 2, 2]);
        let costs: Vec<f64> = c.options.iter().map(|o| o.usd_per_month).collect();
        for (cost, expected) in costs.iter().zip([122.5, 211.6, 238.4, 238.2, 476.6, 953.0]) {
            assert_close("cost", *cost, expected, EXACT);
        }
        assert_eq!(c.cheapest, Some(0));
        assert_close(
            "c.options[2].utilisation_at_peak_pct",
            c.options[2].utilisation_at_peak_pct,
            70.0,
            EXACT,
        );
        assert_eq!(c.options[2].explanation.binding, "the CPU target binds");
        assert_eq!(c.options[5].explanation.binding, "the HA minimum binds");
        // m7g.xlarge serves 140 req/s for $0.2 less than 4 × m7g.large: too little to move for
        // (under $1/month), so scale out, and the advice says why.
        let advice = c.advice(2).unwrap();
        assert_eq!(advice.action, SizeAction::ScaleOut);
        assert_eq!(
            advice.explanation.binding,
            "4 × m7g.large = $238/month stays within the maximum; 2 × m7g.xlarge would save \
             only $0.20/month, too little to move for; a smaller size, 5 × t4g.medium, would \
             cost $123/month"
        );
        // A real saving still moves: at 20 % off, 2 × m7g.xlarge = $190.6 saves $47.8.
        let mut cheaper = catalog::default_instances();
        cheaper[3].usd_per_month *= 0.8;
        let advice = compare_sizes(&cheaper, 140.0, &policy()).advice(2).unwrap();
        assert_eq!(advice.action, SizeAction::ScaleUp { to: 3 });
    }

    #[test]
    fn scale_out_while_within_the_maximum_and_nothing_larger_is_cheaper() {
        let c = compare_sizes(&catalog::default_instances(), 100.0, &policy());
        // 3 × m7g.large = $178.8; 2 × m7g.xlarge = $238.2; 4 × t4g.medium = $98.
        let advice = c.advice(2).unwrap();
        assert_eq!(advice.action, SizeAction::ScaleOut);
        assert!(advice
            .explanation
            .binding
            .ends_with("a smaller size, 4 × t4g.medium, would cost $98.00/month"));
        assert!(c.advice(99).is_none());
    }

    #[test]
    fn semantic_text_processor_tiers_at_1000_rps() {
        // 2 cores 50 req/s, 4 → 125, 8 → 250, 16 → 500 (the m7g sizes of the default catalog).
        let tiers = catalog::default_instances()[2..].to_vec();
        let c = compare_sizes(&tiers, 1000.0, &policy());
        let counts: Vec<u64> = c.options.iter().map(|o| o.instances).collect();
        // ⌈1000/35⌉ = 29, ⌈1000/87.5⌉ = 12, ⌈1000/175⌉ = 6, ⌈1000/350⌉ = 3.
        assert_eq!(counts, [29, 12, 6, 3]);
        let over: Vec<bool> = c.options.iter().map(|o| o.exceeds_max).collect();
        assert_eq!(over, [true, true, false, false]);
        // 6 × $238.3 = $1 429.8 against 3 × $476.5 = $1 429.5.
        assert_eq!(c.cheapest, Some(3));
        let advice = c.advice(0).unwrap();
        assert_eq!(advice.action, SizeAction::ScaleUp { to: 3 });
        assert!(advice.explanation.binding.starts_with(
            "29 × m7g.large = $1\u{202F}728/month passes the maximum of 10 instances"
        ));
        // From the largest size nothing bigger exists.
        let c = compare_sizes(&tiers, 4000.0, &policy());
        assert_eq!(c.advice(3).unwrap().action, SizeAction::NoSizeFits);
        assert_eq!(c.cheapest, None);
    }

    #[test]
    fn redundancy_and_minimum_add_up() {
        let p = SizingPolicy {
            redundancy: 1,
            ..policy()
        };
        let c = compare_sizes(&catalog::default_instances(), 140.0, &p);
        // max(2, 4 + 1) = 5 × $59.6.
        assert_eq!(c.options[2].instances, 5);
        assert_close(
            "c.options[2].usd_per_month",
            c.options[2].usd_per_month,
            298.0,
            EXACT,
        );
        assert_close(
            "c.options[2].utilisation_at_peak_pct",
            c.options[2].utilisation_at_peak_pct,
            56.0,
            EXACT,
        );
    }

    #[test]
    fn timeline_moves_up_in_the_first_month_past_the_maximum() {
        let peaks = [100.0, 200.0, 300.0, 350.0, 400.0, 50.0];
        let t = size_timeline(&catalog::default_instances(), &peaks, 2, &policy());
        let counts: Vec<u64> = t.months.iter().map(|o| o.instances).collect();
        // ⌈100/35⌉ = 3, ⌈200/35⌉ = 6, ⌈300/35⌉ = 9, 350/35 = 10, ⌈400/35⌉ = 12.
        assert_eq!(counts, [3, 6, 9, 10, 12, 2]);
        assert_eq!(t.move_up_month, Some(5));
        // Month 5: 5 × m7g.xlarge $595.5 < 3 × m7g.2xlarge $714.9 < 2 × m7g.4xlarge $953.
        assert_eq!(t.move_to, Some(3));
        assert_eq!(t.explanation.figure, "move up to m7g.xlarge in month 5");
        let steady = size_timeline(&catalog::default_instances(), &[100.0], 2, &policy());
        assert_eq!(steady.move_up_month, None);
        assert!(size_timeline(&[], &peaks, 0, &policy()).months.is_empty());
    }

    #[test]
    fn a_mix_tops_up_the_bulk_size_with_a_smaller_one() {
        let m7g = catalog::default_instances()[2..].to_vec();
        let mix = cheapest_mix(&m7g, 380.0, &policy()).unwrap();
        // 380 ÷ 70 % = 542.86 req/s. Singles: 11 × large passes the maximum, 5 × xlarge
        // $595.5, 3 × 2xlarge $714.9, 2 × 4xlarge $953. xlarge has the lowest price per req/s
        // ($0.953): 4 of them leave 42.86 req/s, one large covers it: $476.4 + $59.6 = $536.
        assert_eq!(
            mix.parts,
            [
                MixPart {
                    instance: 1,
                    count: 4
                },
                MixPart {
                    instance: 0,
                    count: 1
                }
            ]
        );
        assert_eq!(mix.instances, 5);
        assert_close("mix.usd_per_month", mix.usd_per_month, 536.0, EXACT);
        assert_close("mix.capacity_rps", mix.capacity_rps, 550.0, EXACT);
        assert_eq!(
            mix.explanation.sentence(),
            "4 × m7g.xlarge + 1 × m7g.large = $536/month = 4 × 125 req/s + 1 × 50 req/s = 550 \
             req/s ≥ 380 req/s ÷ 70 % = 542.86 req/s — the lowest monthly cost: $59.50 less than \
             the cheapest single size, 5 × m7g.xlarge"
        );
        // The compared mix is never dearer than the cheapest single size.
        for peak in [10.0, 140.0, 380.0, 1000.0, 2400.0] {
            let c = compare_sizes(&catalog::default_instances(), peak, &policy());
            if let (Some(best), Some(mix)) = (c.cheapest, &c.cheapest_mix) {
                let single = c.options[best].usd_per_month;
                assert!(mix.usd_per_month <= single + EXACT.allowed(single));
            }
        }
    }

    #[test]
    fn a_mix_keeps_the_load_after_losing_its_largest_instances() {
        // N+1 at 380 req/s: the fleet must keep 542.86 req/s after losing its largest
        // instance. 4 × xlarge + large top-ups keep 3 × 125 + y × 50: y = 4, $714.8; a single
        // size, ⌈4.34⌉ + 1 = 6 × xlarge, costs $714.6 and wins.
        let p = SizingPolicy {
            redundancy: 1,
            ..policy()
        };
        let m7g = catalog::default_instances()[2..].to_vec();
        let mix = cheapest_mix(&m7g, 380.0, &p).unwrap();
        let largest = mix
            .parts
            .iter()
            .map(|part| m7g[part.instance].capacity_rps)
            .fold(0.0, f64::max);
        let needed = 380.0 / 0.7;
        assert!(
            mix.capacity_rps - largest >= needed - EXACT.allowed(needed),
            "{mix:?}"
        );
        assert_eq!(
            mix.parts,
            [MixPart {
                instance: 1,
                count: 6
            }]
        );
        assert_close("mix.usd_per_month", mix.usd_per_month, 6.0 * 119.1, EXACT);
        assert!(mix
            .explanation
            .binding
            .ends_with("no mix beats the cheapest single size"));
        assert!(cheapest_mix(&m7g, 1e7, &p).is_none());
    }

    #[test]
    fn size_change_agrees_with_the_timeline_and_sees_cheaper_sizes() {
        let peaks = [100.0, 200.0, 300.0, 350.0, 400.0, 50.0];
        let t = size_timeline(&catalog::default_instances(), &peaks, 2, &policy());
        let c = size_change(&catalog::default_instances(), &peaks, 2, &policy());
        // Month 2, 200 req/s: 6 × m7g.large = $357.6, but 2 × m7g.2xlarge = $476.6, 4 ×
        // m7g.xlarge (⌈2.29⌉ = 3) = $357.3: a larger size is $0.3 cheaper before the maximum,
        // too little to move for ([`saving_matters`]). Month 3, 300 req/s: 9 × m7g.large =
        // $536.4 against 4 × m7g.xlarge (⌈3.43⌉) = $476.4 saves $60.
        assert_eq!(c.month, Some(3));
        assert_eq!(c.reason, Some(SizeChangeReason::LargerIsCheaper));
        assert_eq!(c.move_to, Some(3));
        assert_eq!(c.instances_after, Some(4));
        assert_eq!(c.explanation.figure, "move up to m7g.xlarge in month 3");
        // Without the cheaper option (a dearer xlarge), the maximum decides, as in the timeline.
        let mut dear = catalog::default_instances();
        dear[3].usd_per_month = 1000.0;
        dear[4].usd_per_month = 2000.0;
        dear[5].usd_per_month = 4000.0;
        let c = size_change(&dear, &peaks, 2, &policy());
        let t_dear = size_timeline(&dear, &peaks, 2, &policy());
        assert_eq!(c.month, t_dear.move_up_month);
        assert_eq!(c.move_to, t_dear.move_to);
        assert_eq!(c.reason, Some(SizeChangeReason::PastMaximum));
        assert_eq!(t.move_up_month, Some(5));
        let steady = size_change(&catalog::default_instances(), &[10.0], 2, &policy());
        assert_eq!(steady.month, None);
        assert!(size_change(&[], &peaks, 0, &policy()).month.is_none());
    }

    #[test]
    fn odd_inputs_stay_finite() {
        let mut broken = catalog::default_instances();
        broken[0].capacity_rps = 0.0;
        broken[1].capacity_rps = f64::NAN;
        broken[2].usd_per_month = f64::INFINITY;
        let p = SizingPolicy {
            target_utilisation_pct: f64::NAN,
            redundancy: u32::MAX,
            min_instances: u32::MAX,
            max_instances: 0,
            currency: crate::currency::USD,
        };
        for peak in [f64::NAN, f64::INFINITY, -5.0, 0.0, 1e300] {
            let c = compare_sizes(&broken, peak, &p);
            for o in &c.options {
                assert!(o.usd_per_month.is_finite(), "{o:?}");
                assert!(o.utilisation_at_peak_pct.is_finite(), "{o:?}");
                assert!(o.instances <= COUNT_CAP);
            }
        }
        let c = compare_sizes(&broken, 10.0, &policy());
        assert_eq!(c.options[0].instances, COUNT_CAP);
        assert!(c.options[0].exceeds_max);
    }
}
