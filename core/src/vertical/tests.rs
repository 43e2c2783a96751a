//! Tests of sizing by instance type: single sizes, mixes of two, and when to change size.

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
    assert!(advice
        .explanation
        .binding
        .starts_with("29 × m7g.large = $1\u{202F}728/month passes the maximum of 10 instances"));
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
    assert_eq!(t.move_up_month.map(u32::from), Some(5));
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
    assert_eq!(c.month.map(u32::from), Some(3));
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
    assert_eq!(t.move_up_month.map(u32::from), Some(5));
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
        target_utilisation: crate::sizing::target_utilisation(f64::NAN),
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
