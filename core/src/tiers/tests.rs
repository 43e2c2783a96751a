//! Tests of tier progression: walks through catalogs, database connections, and the
//! explanations.

use super::walk::usage_pct;
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
    ProgressionOptions::one_trigger(trigger_pct, start_tier)
}

/// The guide's "storage_threshold: 75%" beside 80 % for connections: Team comes when the
/// data passes 75 GB (76.9 GB, month 13) instead of 80 GB, and every sentence names the
/// trigger of its own dimension.
#[test]
fn a_dimension_with_its_own_trigger_moves_up_at_it() {
    let tiers = database_specs(&catalog::supabase_plan_tiers());
    let own = ProgressionOptions {
        triggers: [trigger(80.0), trigger(75.0)],
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
        triggers: [trigger(80.0), trigger(80.0)],
        ..options(80.0, 1)
    };
    assert_eq!(
        progression(&tiers, &dims(), &guide_needs(), &same),
        progression(&tiers, &dims(), &guide_needs(), &options(80.0, 1))
    );
    // A trigger that is not a number is the default, 80 %.
    assert_eq!(
        progression(&tiers, &dims(), &guide_needs(), &options(f64::NAN, 1)).triggers,
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
