//! Invariants of tier progression, Redis sizing, vertical sizing and cost that must hold for
//! every input, including NaN and ∞.

use headroom_core::catalog;
use headroom_core::cost::{commitment_advice, off_hours_saving, per_unit, Commitment, OffHours};
use headroom_core::plan::{CommitmentPolicy, OffHoursPolicy, RedisDemand, RedisPolicy};
use headroom_core::redis::{choose_plans, memory_need, MemoryRules};
use headroom_core::tiers::{progression, trigger, Dimension, ProgressionOptions, TierSpec};
use headroom_core::tolerance::EXACT;
use headroom_core::vertical::{
    compare_sizes, saving_matters, size_change, size_timeline, SizingPolicy,
};
use proptest::prelude::*;

const DIMENSIONS: [Dimension; 3] = [
    Dimension {
        name: "connections",
        unit: "",
    },
    Dimension {
        name: "database size",
        unit: "GB",
    },
    Dimension {
        name: "memory",
        unit: "MB",
    },
];

/// Any f64, with the awkward values made likely.
fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e6..1e6f64,
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-0.0),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
        any::<f64>(),
    ]
}

/// A catalog of 1–6 tiers whose limits and prices grow, some dimensions unlimited at the top.
fn catalog_strategy() -> impl Strategy<Value = Vec<TierSpec>> {
    prop::collection::vec(
        (
            prop::collection::vec(0.0..500.0f64, 3),
            0.0..300.0f64,
            any::<bool>(),
        ),
        1..6,
    )
    .prop_map(|steps| {
        let mut limits = [0.0f64; 3];
        let mut price = 0.0;
        let last = steps.len() - 1;
        steps
            .into_iter()
            .enumerate()
            .map(|(i, (increments, price_step, open_top))| {
                for (limit, inc) in limits.iter_mut().zip(increments) {
                    *limit += inc;
                }
                price += price_step;
                TierSpec {
                    name: format!("T{i}"),
                    limits: limits
                        .iter()
                        .enumerate()
                        .map(|(d, &l)| (!(open_top && i == last && d == 2)).then_some(l))
                        .collect(),
                    usd_per_month: price,
                }
            })
            .collect()
    })
}

fn needs_strategy() -> impl Strategy<Value = Vec<Vec<f64>>> {
    prop::collection::vec(prop::collection::vec(0.0..3000.0f64, 3), 1..10)
}

/// A tier as a rank: beyond the catalog is above every tier.
fn rank(tier: Option<usize>) -> usize {
    tier.unwrap_or(usize::MAX)
}

fn options(trigger_pct: f64, start_tier: usize) -> ProgressionOptions {
    ProgressionOptions::one_trigger(trigger_pct, start_tier)
}

fn sizing_policy() -> impl Strategy<Value = SizingPolicy> {
    (1.0..=100.0f64, 0u32..3, 0u32..5, 1u32..50).prop_map(|(target, redundancy, min, max)| {
        SizingPolicy {
            target_utilisation: headroom_core::sizing::target_utilisation(target),
            redundancy,
            min_instances: min,
            max_instances: max,
            currency: headroom_core::currency::USD,
        }
    })
}

proptest! {
    /// Pointwise more need never yields a lower tier in any month.
    #[test]
    fn more_need_never_yields_a_lower_tier(
        tiers in catalog_strategy(),
        needs in needs_strategy(),
        extra in prop::collection::vec(prop::collection::vec(0.0..1000.0f64, 3), 10),
        trigger in 1.0..=100.0f64,
        start in 0usize..6,
    ) {
        let more: Vec<Vec<f64>> = needs
            .iter()
            .zip(&extra)
            .map(|(n, e)| n.iter().zip(e).map(|(a, b)| a + b).collect())
            .collect();
        let light = progression(&tiers, &DIMENSIONS, &needs, &options(trigger, start));
        let heavy = progression(&tiers, &DIMENSIONS, &more, &options(trigger, start));
        for (l, h) in light.months.iter().zip(&heavy.months) {
            prop_assert!(rank(h.tier) >= rank(l.tier));
        }
        // Prices grow with the catalog, so cost never decreases when only load grows.
        for (l, h) in light.months.iter().zip(&heavy.months) {
            if let (Some(l), Some(h)) = (l.tier, h.tier) {
                prop_assert!(tiers[h].usd_per_month >= tiers[l].usd_per_month);
            }
        }
        prop_assert!(
            heavy.first_month_beyond_catalog().unwrap_or(u32::MAX)
                <= light.first_month_beyond_catalog().unwrap_or(u32::MAX)
        );
    }

    /// The tier sequence never goes down, upgrades only go up, and nothing is NaN or ∞, for
    /// any needs, trigger and start (NaN and ∞ included).
    #[test]
    fn tier_sequence_never_goes_down(
        tiers in catalog_strategy(),
        needs in prop::collection::vec(prop::collection::vec(any_f64(), 0..4), 0..10),
        trigger in any_f64(),
        start in 0usize..10,
        limit_noise in any_f64(),
    ) {
        let mut tiers = tiers;
        tiers[0].limits[0] = Some(limit_noise);
        let p = progression(&tiers, &DIMENSIONS, &needs, &options(trigger, start));
        prop_assert_eq!(p.months.len(), needs.len());
        for pair in p.months.windows(2) {
            prop_assert!(rank(pair[1].tier) >= rank(pair[0].tier));
        }
        for month in &p.months {
            prop_assert!(month.usage_pct.is_finite() && month.usage_pct >= 0.0);
        }
        for upgrade in &p.upgrades {
            prop_assert!(rank(upgrade.to) > rank(upgrade.from));
        }
    }

    /// Redis: more units never need less memory or a smaller plan; every figure is finite.
    #[test]
    fn redis_memory_and_plans_grow_with_units(
        units in prop::collection::vec(0.0..1_000_000.0f64, 1..10),
        extra in 0.0..1_000_000.0f64,
        mb_per_unit in 0.0..20.0f64,
        keys_per_unit in 0.0..100.0f64,
        bytes_per_key in 0.0..2000.0f64,
        require_replica in any::<bool>(),
    ) {
        let demand = RedisDemand {
            memory_mb_fixed: 100.0,
            memory_mb_per_unit: mb_per_unit,
            keys_per_unit,
            bytes_per_key,
        };
        let policy = RedisPolicy { require_replica, ..RedisPolicy::default() };
        let node = |u: f64| memory_need(&demand, &MemoryRules::of(&policy), u).node_memory_mb;
        let light: Vec<f64> = units.iter().map(|&u| node(u)).collect();
        let heavy: Vec<f64> = units.iter().map(|&u| node(u + extra)).collect();
        for (l, h) in light.iter().zip(&heavy) {
            prop_assert!(h >= l);
        }
        let plans = catalog::default_redis_plans();
        let a = choose_plans(&plans, &policy, &light, trigger(80.0), 0);
        let b = choose_plans(&plans, &policy, &heavy, trigger(80.0), 0);
        for (l, h) in a.months.iter().zip(&b.months) {
            prop_assert!(rank(h.tier) >= rank(l.tier));
            if let (Some(l), Some(h)) = (l.tier, h.tier) {
                prop_assert!(plans[h].usd_per_month >= plans[l].usd_per_month);
            }
        }
        for pair in b.months.windows(2) {
            prop_assert!(rank(pair[1].tier) >= rank(pair[0].tier));
        }
    }

    /// Redis never produces NaN or ∞.
    #[test]
    fn redis_is_finite_for_any_input(
        inputs in prop::collection::vec(any_f64(), 8),
        require_replica in any::<bool>(),
    ) {
        let demand = RedisDemand {
            memory_mb_fixed: inputs[0],
            memory_mb_per_unit: inputs[1],
            keys_per_unit: inputs[2],
            bytes_per_key: inputs[3],
        };
        let policy = RedisPolicy {
            fragmentation_ratio: inputs[4],
            maxmemory_share_pct: inputs[5],
            overhead_bytes_per_key: inputs[6],
            require_replica,
        };
        let need = memory_need(&demand, &MemoryRules::of(&policy), inputs[7]);
        for v in [need.data_mb, need.rss_mb, need.node_memory_mb, need.maxmemory_mb] {
            prop_assert!(v.is_finite() && v >= 0.0);
        }
        let p = choose_plans(&catalog::guide_redis_path(), &policy, &inputs, trigger(inputs[5]), 2);
        prop_assert!(p.months.iter().all(|m| m.usage_pct.is_finite()));
    }

    /// Vertical: more load never means fewer instances of a type, nor a cheaper best choice.
    #[test]
    fn more_load_never_means_fewer_instances_or_lower_cost(
        peak in 0.0..100_000.0f64,
        extra in 0.0..100_000.0f64,
        policy in sizing_policy(),
    ) {
        let instances = catalog::default_instances();
        let light = compare_sizes(&instances, peak, &policy);
        let heavy = compare_sizes(&instances, peak + extra, &policy);
        for (l, h) in light.options.iter().zip(&heavy.options) {
            prop_assert!(h.instances >= l.instances);
            prop_assert!(h.usd_per_month >= l.usd_per_month);
            prop_assert!(h.exceeds_max || !l.exceeds_max);
        }
        if let (Some(l), Some(h)) = (light.cheapest, heavy.cheapest) {
            prop_assert!(heavy.options[h].usd_per_month >= light.options[l].usd_per_month);
        }
        if light.cheapest.is_none() {
            prop_assert!(heavy.cheapest.is_none());
        }
    }

    /// More load every month never moves the size-up month later.
    #[test]
    fn more_load_never_delays_moving_up_a_size(
        peaks in prop::collection::vec(0.0..2000.0f64, 1..12),
        extra in 0.0..500.0f64,
        current in 0usize..6,
        policy in sizing_policy(),
    ) {
        let instances = catalog::default_instances();
        let more: Vec<f64> = peaks.iter().map(|p| p + extra).collect();
        let light = size_timeline(&instances, &peaks, current, &policy);
        let heavy = size_timeline(&instances, &more, current, &policy);
        prop_assert!(
            heavy.move_up_month.map_or(u32::MAX, u32::from) <= light.move_up_month.map_or(u32::MAX, u32::from)
        );
    }

    /// Vertical sizing never produces NaN or ∞.
    #[test]
    fn vertical_is_finite_for_any_input(
        peak in any_f64(),
        capacity in any_f64(),
        price in any_f64(),
        target in any_f64(),
        redundancy in any::<u32>(),
        min in any::<u32>(),
        max in any::<u32>(),
    ) {
        let mut instances = catalog::default_instances();
        instances[0].capacity_rps = capacity;
        instances[0].usd_per_month = price;
        let policy = SizingPolicy {
            target_utilisation: headroom_core::sizing::target_utilisation(target),
            redundancy,
            min_instances: min,
            max_instances: max,
            currency: headroom_core::currency::USD,
        };
        let c = compare_sizes(&instances, peak, &policy);
        prop_assert!(c.peak_rps.is_finite());
        for o in &c.options {
            prop_assert!(o.usd_per_month.is_finite() && o.usd_per_month >= 0.0);
            prop_assert!(o.utilisation_at_peak_pct.is_finite());
        }
        for current in 0..instances.len() {
            prop_assert!(c.advice(current).is_some());
        }
        if let Some(mix) = &c.cheapest_mix {
            prop_assert!(mix.usd_per_month.is_finite() && mix.usd_per_month >= 0.0);
            prop_assert!(mix.utilisation_at_peak_pct.is_finite());
            prop_assert!(mix.capacity_rps.is_finite());
        }
        let change = size_change(&instances, &[peak, peak * 2.0], 2, &policy);
        prop_assert!(change.month.is_none_or(|m| (1..=2).contains(&m.number())));
    }

    /// The month to move up a size is the first month the type in use passes the maximum or a
    /// larger type within it is cheaper, found by sizing every type every month.
    #[test]
    fn size_change_finds_the_first_month_a_larger_size_is_due(
        peaks in prop::collection::vec(0.0..3_000.0f64, 1..24),
        current in 0usize..6,
        policy in sizing_policy(),
    ) {
        let instances = catalog::default_instances();
        let brute = peaks.iter().position(|&peak| {
            let c = compare_sizes(&instances, peak, &policy);
            let now = &c.options[current];
            now.exceeds_max
                || c.options[current + 1..]
                    .iter()
                    .any(|o| !o.exceeds_max && saving_matters(now.usd_per_month, o.usd_per_month))
        });
        let change = size_change(&instances, &peaks, current, &policy);
        prop_assert_eq!(change.month.map(u32::from), brute.map(|i| i as u32 + 1));
    }

    /// The cheapest mix is a fleet that serves the peak within the policy (after losing its k
    /// largest instances), and never costs more than the cheapest single size.
    #[test]
    fn the_cheapest_mix_fits_and_beats_every_single_size(
        peak in 0.0..5_000.0f64,
        policy in sizing_policy(),
    ) {
        let instances = catalog::default_instances();
        let c = compare_sizes(&instances, peak, &policy);
        let single = c.cheapest.map(|i| c.options[i].usd_per_month);
        match (&c.cheapest_mix, single) {
            (Some(mix), Some(single)) => prop_assert!(mix.usd_per_month <= single + EXACT.allowed(single)),
            (None, Some(_)) => prop_assert!(false, "a single size fits but no mix"),
            _ => {}
        }
        if let Some(mix) = &c.cheapest_mix {
            prop_assert!(mix.instances >= u64::from(policy.min_instances));
            prop_assert!(mix.instances <= u64::from(policy.max_instances));
            let mut capacities: Vec<f64> = mix
                .parts
                .iter()
                .flat_map(|p| std::iter::repeat_n(instances[p.instance].capacity_rps, p.count as usize))
                .collect();
            capacities.sort_by(|a, b| b.total_cmp(a));
            let kept: f64 = capacities.iter().skip(policy.redundancy as usize).sum();
            let needed = peak / policy.target_utilisation.get();
            prop_assert!(kept >= needed - EXACT.allowed(needed), "{mix:?}: {kept} < {needed}");
        }
    }

    /// Commitments and off-hours savings are finite for any input; committing the floor never
    /// loses money (it is paid for only while used), and scaling down off hours never costs more.
    #[test]
    fn cost_is_finite_and_the_floor_never_loses(
        counts in prop::collection::vec(any::<u64>(), 0..24),
        small_counts in prop::collection::vec(0u64..100, 0..24),
        price in any_f64(),
        discount in any_f64(),
        term in any::<u32>(),
        short_term in 0u32..60,
        instances in any::<u64>(),
        hours in any_f64(),
        share in any_f64(),
        weekends_reduced in any::<bool>(),
    ) {
        let a = commitment_advice(&counts, price, &Commitment::of(&CommitmentPolicy {
            enabled: true,
            discount_pct: discount,
            term_months: term,
        }));
        for v in [
            a.recommended.saving_usd_over_term,
            a.recommended.saving_usd_per_month,
            a.recommended.committed_usd_per_month,
            a.peak.saving_usd_over_term,
            a.break_even_utilisation_pct,
        ] {
            prop_assert!(v.is_finite());
        }
        let a = commitment_advice(&small_counts, 50.0, &Commitment::of(&CommitmentPolicy {
            enabled: true,
            discount_pct: 30.0,
            term_months: short_term,
        }));
        prop_assert!(a.recommended.saving_usd_over_term >= -EXACT.allowed(0.0));
        let s = off_hours_saving(instances, price, &OffHours::of(&OffHoursPolicy {
            enabled: true,
            business_hours_per_weekday: hours,
            weekends_reduced,
            off_hours_share_pct: share,
        }));
        prop_assert!(s.saving_usd_per_month.is_finite() && s.saving_usd_per_month >= 0.0);
        prop_assert!(s.reduced_fraction >= 0.0 && s.reduced_fraction <= 1.0);
        prop_assert!(s.instances_kept <= instances);
        if let Some(v) = per_unit(price, discount) {
            prop_assert!(v.is_finite());
        }
    }
}
