//! Tests of the scenario comparison: one month side by side, and the break points.

use super::month::{bounded, difference, Kind};
use super::*;
use crate::engine;
use crate::engine::PlanResults;
use crate::presets;
use crate::validate::ValidPlan;

fn supabase() -> (ValidPlan, PlanResults) {
    let plan = presets::find("supabase-redis")
        .unwrap()
        .build()
        .validate()
        .unwrap();
    let results = engine::run(&plan);
    (plan, results)
}

fn row<'a>(c: &'a Comparison, key: &str) -> &'a CompareRow {
    c.rows.iter().find(|r| r.key == key).unwrap()
}

#[test]
fn totals_that_leave_out_a_component_read_at_least() {
    // Supabase + Redis, month 8: Aggressive's Redis is beyond the largest plan.
    let (plan, results) = supabase();
    let c = compare_month(&plan, &results, 8, 1).unwrap();
    let total = row(&c, "total-cost");
    let aggressive = &total.cells[2];
    assert!(
        aggressive.text.starts_with("at least $"),
        "{}",
        aggressive.text
    );
    assert_eq!(
        aggressive.lower_bound.as_deref(),
        Some("Redis is beyond the largest catalog plan")
    );
    let moderate = &total.cells[1];
    assert!(!moderate.text.starts_with("at least"), "{}", moderate.text);
    assert_eq!(moderate.lower_bound, None);
    // A lower bound less an exact total: at least the difference shown.
    let d = aggressive.difference.as_ref().unwrap();
    assert!(d.text.starts_with("at least +$"), "{}", d.text);
    assert_eq!(d.direction, Direction::More);
    // Against the lower bound, an exact total's difference is at most the one shown.
    let c = compare_month(&plan, &results, 8, 2).unwrap();
    let d = row(&c, "total-cost").cells[1].difference.clone().unwrap();
    assert!(d.text.starts_with("at most −$"), "{}", d.text);
    let per_unit = &row(&c, "per-unit").cells[2];
    assert!(per_unit.text.starts_with("at least $"), "{}", per_unit.text);
    assert!(per_unit.lower_bound.is_some());
    // Other rows never carry a lower bound.
    assert!(row(&c, "instances")
        .cells
        .iter()
        .all(|c| c.lower_bound.is_none()));

    // No units, no cost per unit: nothing to call a lower bound.
    let mut zero = presets::find("voiceassist").unwrap().build();
    zero.baseline.units = 0.0;
    let zero = zero.validate().unwrap();
    let results = engine::run(&zero);
    let c = compare_month(&zero, &results, 1, 0).unwrap();
    let per_unit = &row(&c, "per-unit").cells[0];
    assert_eq!(per_unit.text, "—");
    assert_eq!(per_unit.lower_bound, None);
    assert!(row(&c, "total-cost").cells[0].lower_bound.is_some());

    // VoiceAssist prices neither the database nor Redis.
    let plan = presets::find("voiceassist")
        .unwrap()
        .build()
        .validate()
        .unwrap();
    let results = engine::run(&plan);
    let c = compare_month(&plan, &results, 6, 0).unwrap();
    let total = &row(&c, "total-cost").cells[0];
    // 12 × m7g.large at $59.60: the summary's "Total cost $715" was missing the database
    // and Redis.
    assert_eq!(total.text, "at least $715");
    assert_eq!(
        total.lower_bound.as_deref(),
        Some(
            "the database has no price; the database is beyond the largest catalog tier; \
             Redis has no price"
        )
    );
    // Two lower bounds: the difference is not known.
    assert_eq!(
        bounded(
            difference(10.0, 5.0, Kind::Money(crate::currency::USD)),
            true,
            true
        )
        .text,
        "+$5.00 (+100 %) (both lower bounds)"
    );
    assert_eq!(
        bounded(
            difference(5.0, 5.0, Kind::Money(crate::currency::USD)),
            true,
            false
        )
        .text,
        "at least the same"
    );
}

#[test]
fn month_six_side_by_side_by_hand() {
    let (plan, results) = supabase();
    let c = compare_month(&plan, &results, 6, 1).unwrap();
    assert_eq!(c.label, "May 2026");
    // Conservative 100 × 1.05⁶ = 134, Moderate 100 × 1.17⁶ = 257, Aggressive 100 × 1.4⁶
    // = 753 users.
    let units = row(&c, "units");
    let texts: Vec<&str> = units.cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["134", "257", "753"]);
    // 134 − 257 = −123, −47.9 % of 257.
    let conservative = units.cells[0].difference.as_ref().unwrap();
    assert_eq!(conservative.text, "−123 (−47.9 %)");
    assert_eq!(conservative.direction, Direction::Less);
    assert_eq!(
        units.cells[2].difference.as_ref().unwrap().text,
        "+496 (+193 %)"
    );
    // Month 7: Moderate 100 × 1.17⁷ = 300 users hold 30 GB (Pro+); Aggressive 1 054 users
    // hold 105.4 GB, more than 80 % of Pro+'s 100 GB: Team.
    let c = compare_month(&plan, &results, 7, 1).unwrap();
    let tier = row(&c, "db-tier");
    assert_eq!(tier.cells[1].text, "Pro+");
    assert_eq!(tier.cells[2].text, "Team");
    assert_eq!(
        tier.cells[2].difference.as_ref().unwrap().text,
        "1 tier larger"
    );
    assert_eq!(
        tier.cells[0].difference.as_ref().unwrap().direction,
        Direction::Same
    );
    assert!(c.rows.iter().all(|r| r.key != "gpu-nodes"));
    assert!(compare_month(&plan, &results, 13, 1).is_none());
    assert!(compare_month(&plan, &results, 0, 1).is_none());
    assert!(compare_month(&plan, &results, 1, 3).is_none());
}

#[test]
fn break_points_and_sentences_by_hand() {
    let (plan, results) = supabase();
    let points = break_points(&plan, &results);
    // Team needs data > 75 % of Pro+'s 100 GB (the guide's storage trigger): more than
    // 750 users. Aggressive: 100 × 1.4ᵐ > 750 from m = 6 (753); Moderate: 100 × 1.17ᵐ >
    // 750 from m = 13, beyond the 12-month horizon; Conservative never.
    let team = points.iter().find(|p| p.step == "Database: Team").unwrap();
    assert_eq!(numbers(&team.months), [None, None, Some(6)]);
    assert_eq!(team.texts[2], "month 6 (May 2026)");
    assert_eq!(team.texts[0], "—");
    // Every scenario needs Pro+ from month 1 (10.5, 11.7 and 14 GB > 6 GB): no break
    // point.
    assert!(points.iter().all(|p| p.step != "Database: Pro+"));
    let sentences = break_sentences(&plan, &results, 1);
    assert!(
        sentences.iter().any(|s| s.text
            == "Aggressive needs Team in month 6; Moderate does not need Team within the 12-month horizon"),
        "{sentences:#?}"
    );
    // Redis: 10 MB a user; 4 GB single node past 80 % of 2 GB = 1 600 MB (160 users).
    let redis4 = points
        .iter()
        .find(|p| p.step == "Redis: 4 GB single node")
        .unwrap();
    // Conservative 100 × 1.05ᵐ > 160 from m = 10; Moderate 1.17ᵐ > 1.6 from m = 3;
    // Aggressive 1.4ᵐ > 1.6 from m = 2.
    assert_eq!(numbers(&redis4.months), [Some(10), Some(3), Some(2)]);
    let lead = sentences
        .iter()
        .find(|s| s.scenario == 2 && s.text.contains("4 GB single node"))
        .unwrap();
    assert_eq!(
        lead.text,
        "Aggressive needs 4 GB single node 1 month before Moderate (month 2 vs 3)"
    );
    assert_eq!(lead.lead_months, Some(1));
    let behind = sentences
        .iter()
        .find(|s| s.scenario == 0 && s.text.contains("4 GB single node"))
        .unwrap();
    assert_eq!(
        behind.text,
        "Conservative needs 4 GB single node 7 months after Moderate (month 10 vs 3)"
    );
    // The cluster is a step of its own.
    assert!(points.iter().any(|p| p.step == "Redis cluster"));
    // No sentence about the reference itself.
    assert!(sentences.iter().all(|s| s.scenario != 1));
    assert!(break_sentences(&plan, &results, 7).is_empty());
}

#[test]
fn identical_scenarios_have_no_sentences_and_only_same_differences() {
    let mut plan = presets::find("supabase-redis").unwrap().build();
    plan.scenarios.truncate(1);
    let mut twin = plan.scenarios[0].clone();
    twin.name = "Twin".to_owned();
    plan.scenarios.push(twin);
    let plan = plan.validate().unwrap();
    let results = engine::run(&plan);
    assert!(break_sentences(&plan, &results, 0).is_empty());
    let c = compare_month(&plan, &results, 12, 0).unwrap();
    for r in &c.rows {
        assert_eq!(
            r.cells[1].difference.as_ref().unwrap().direction,
            Direction::Same,
            "{}",
            r.key
        );
    }
}

#[test]
fn voice_plans_compare_gpu_nodes() {
    let plan = presets::find("cafe-pilot")
        .unwrap()
        .build()
        .validate()
        .unwrap();
    let results = engine::run(&plan);
    let c = compare_month(&plan, &results, 1, 0).unwrap();
    let nodes = row(&c, "gpu-nodes");
    assert_eq!(
        nodes.cells[0].text,
        results.scenarios[0].months[0]
            .voice
            .as_ref()
            .unwrap()
            .nodes
            .to_string()
    );
}

/// GPU steps part scenarios too: the first step above the fewest month-1 nodes and each
/// doubling, each month the first a scenario runs that many nodes.
#[test]
fn gpu_steps_are_break_points() {
    let mut plan = presets::find("cafe-pilot").unwrap().build();
    plan.horizon_months = 36;
    plan.scenarios.truncate(1);
    let mut fast = plan.scenarios[0].clone();
    fast.name = "Fast".to_owned();
    fast.growth = crate::plan::Growth::Compound {
        monthly_growth_pct: 15.0,
        monthly_churn_pct: 0.0,
    };
    fast.calendar.clear();
    let mut slow = fast.clone();
    slow.name = "Slow".to_owned();
    slow.growth = crate::plan::Growth::Compound {
        monthly_growth_pct: 5.0,
        monthly_churn_pct: 0.0,
    };
    plan.scenarios = vec![slow, fast];
    let plan = plan.validate().unwrap();
    let results = engine::run(&plan);
    let nodes = |s: usize| -> Vec<u64> {
        results.scenarios[s]
            .months
            .iter()
            .map(|m| m.voice.as_ref().unwrap().nodes)
            .collect()
    };
    let (slow_nodes, fast_nodes) = (nodes(0), nodes(1));
    let base = slow_nodes[0].min(fast_nodes[0]);
    let points: Vec<BreakPoint> = break_points(&plan, &results)
        .into_iter()
        .filter(|p| p.resource == Resource::Voice)
        .collect();
    assert!(points.len() >= 2, "{points:#?}");
    assert_eq!(points[0].step, format!("GPU nodes: {} or more", base + 1));
    for point in &points {
        let n: u64 = point
            .step
            .trim_start_matches("GPU nodes: ")
            .trim_end_matches(" or more")
            .parse()
            .unwrap();
        let first = |all: &[u64]| all.iter().position(|&x| x >= n).map(|i| i as u32 + 1);
        assert_eq!(
            numbers(&point.months),
            [first(&slow_nodes), first(&fast_nodes)],
            "{}",
            point.step
        );
    }
    // Doublings: each count after the first is twice the one before (past the first).
    for pair in points.windows(2).skip(1) {
        let n = |p: &BreakPoint| -> u64 {
            p.step
                .trim_start_matches("GPU nodes: ")
                .trim_end_matches(" or more")
                .parse()
                .unwrap()
        };
        assert_eq!(n(&pair[1]), 2 * n(&pair[0]));
    }
    let sentences = break_sentences(&plan, &results, 0);
    assert!(
        sentences
            .iter()
            .any(|s| s.resource == Resource::Voice && s.text.starts_with("Fast needs")),
        "{sentences:#?}"
    );
}

#[test]
fn differences_in_words() {
    assert_eq!(difference(5.0, 5.0, Kind::Count).text, "same");
    assert_eq!(difference(6.0, 4.0, Kind::Count).text, "+2 (+50 %)");
    assert_eq!(difference(3.0, 0.0, Kind::Count).text, "+3");
    assert_eq!(
        difference(80.0, 200.0, Kind::Money(crate::currency::USD)).text,
        "−$120 (−60 %)"
    );
    assert_eq!(difference(10.004, 10.0, Kind::Amount).text, "same");
    assert_eq!(
        difference(1.0, 3.0, Kind::Rank("tier")).text,
        "2 tiers smaller"
    );
    assert_eq!(
        difference(3.0, 2.0, Kind::Rank("plan")).text,
        "1 plan larger"
    );
}

/// Month numbers, for comparing with the figures a test states.
fn numbers(months: &[Option<crate::units::PlanMonth>]) -> Vec<Option<u32>> {
    months.iter().map(|m| m.map(u32::from)).collect()
}
