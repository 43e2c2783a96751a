//! Fleets of two sizes: a bulk size topped up with another, cheaper than every single size
//! when the load falls just past a whole number of large instances.

use super::{rps, target_fraction, SizingPolicy};
use crate::explain::Explanation;
use crate::format;
use crate::plan::InstanceType;
use crate::tiers::{ceil_count, demand_amount, supply_amount, USAGE_PCT_CAP};
use serde::Serialize;

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

/// Bulk sizes tried by [`cheapest_mix`]: the catalog types with the lowest price per req/s.
pub const MIX_BULK_CANDIDATES: usize = 8;

/// The cheapest fleet of one or two instance sizes that serves `peak_rps` within the policy.
///
/// ```text
/// needed capacity R = peak ÷ target utilisation
/// a fleet fits when  Σ countᵢ × capacityᵢ − (capacity of its k largest instances) ≥ R
///                    and min_instances ≤ Σ countᵢ ≤ max_instances        (k = redundancy)
/// cost               Σ countᵢ × priceᵢ
/// ```
///
/// Every single size is tried (as [`compare_sizes`](super::compare_sizes) sizes it), and every
/// pair of a *bulk* size — one of the [`MIX_BULK_CANDIDATES`] types with the lowest price per
/// req/s — with a second size topping up what ⌊R ÷ bulk capacity⌋ (or one fewer) bulk
/// instances leave: a 500 req/s fleet with 120 req/s left over need not buy a fourth large
/// instance when a small one covers the rest. Mixes of three or more sizes are not searched. Ties go to fewer instances, then
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
pub(super) fn compare_single_cheapest(
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
pub(super) fn top_up(x: u64, bulk: f64, top: f64, needed: f64, k: u64) -> u64 {
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
