//! Tests of the plan edits.

use super::*;
use crate::catalog;
use crate::growth;
use crate::plan::{
    DatabaseTier, GpuNode, Interpolation, Milestone, MonthDay, PeakShape, RedisPlan, RedisTopology,
    Traffic, TrendShape, YearMonth, MAX_HORIZON_MONTHS,
};
use crate::validate::MAX_CALENDAR_EFFECTS;

#[test]
fn the_traffic_shape_switches_keeping_daily_requests() {
    let mut plan = Plan::default();
    assert_eq!(
        TrafficKind::of(&plan.baseline.traffic),
        TrafficKind::DailyRatio
    );
    assert!(!set_traffic_kind(&mut plan, None, TrafficKind::DailyRatio));
    assert!(set_traffic_kind(&mut plan, None, TrafficKind::DailyShare));
    assert_eq!(
        plan.baseline.traffic,
        Traffic::DailyVolume {
            requests_per_unit_per_day: 200.0,
            peak: PeakShape::PeakHourShare { share_pct: 12.0 },
        }
    );
    assert!(set_traffic_kind(&mut plan, None, TrafficKind::PeakRate));
    assert_eq!(plan.baseline.traffic, Traffic::PeakRate { peak_rps: 50.0 });
    assert!(set_traffic_kind(&mut plan, None, TrafficKind::DailyRatio));
    assert_eq!(
        plan.baseline.traffic,
        Traffic::DailyVolume {
            requests_per_unit_per_day: 100.0,
            peak: PeakShape::PeakToAverage { ratio: 3.0 },
        }
    );
    for kind in TrafficKind::ALL {
        set_traffic_kind(&mut plan, None, kind);
        assert_eq!(TrafficKind::of(&plan.baseline.traffic), kind);
        assert!(plan.validate().is_ok(), "{kind:?}");
    }
}

#[test]
fn a_scenario_takes_its_own_traffic_from_the_baseline_and_gives_it_back() {
    let mut plan = Plan::default();
    assert_eq!(traffic_at(&plan, Some(0)), None);
    assert_eq!(traffic_at(&plan, Some(9)), None);
    assert!(!set_own_traffic(
        &mut plan,
        9,
        Some(TrafficKind::DailyRatio)
    ));
    assert!(!set_own_traffic(&mut plan, 0, None));
    assert!(!set_traffic_kind(&mut plan, Some(0), TrafficKind::PeakRate));
    // The baseline's shape: a copy of its figures.
    assert!(set_own_traffic(&mut plan, 0, Some(TrafficKind::DailyRatio)));
    assert!(!set_own_traffic(
        &mut plan,
        0,
        Some(TrafficKind::DailyRatio)
    ));
    assert_eq!(traffic_at(&plan, Some(0)), Some(&plan.baseline.traffic));
    // Its figures and shape change apart from the baseline's.
    let daily = TrafficFigure::RequestsPerUnitPerDay;
    *traffic_at_mut(&mut plan, Some(0))
        .and_then(|t| daily.of_mut(t))
        .expect("a daily shape") = 400.0;
    assert_eq!(daily.of(&plan.baseline.traffic), Some(200.0));
    assert!(set_own_traffic(&mut plan, 0, Some(TrafficKind::DailyShare)));
    let own = traffic_at(&plan, Some(0)).expect("its own");
    assert_eq!(daily.of(own), Some(400.0));
    assert_eq!(TrafficFigure::PeakHourShare.of(own), Some(12.0));
    assert_eq!(TrafficFigure::PeakRps.of(own), None);
    assert_eq!(
        TrafficKind::of(&plan.baseline.traffic),
        TrafficKind::DailyRatio
    );
    assert!(plan.validate().is_ok());
    assert!(set_own_traffic(&mut plan, 0, None));
    assert_eq!(plan.scenarios[0].traffic, None);
    // Another shape from the start: the baseline's daily requests, the shape's default.
    assert!(set_own_traffic(&mut plan, 0, Some(TrafficKind::PeakRate)));
    assert_eq!(
        plan.scenarios[0].traffic,
        Some(Traffic::PeakRate { peak_rps: 50.0 })
    );
}

#[test]
fn turning_voice_on_gives_a_valid_plan() {
    let mut plan = Plan::default();
    plan.baseline.voice = Some(new_voice_demand());
    assert!(plan.validate().is_ok());
}

#[test]
fn switching_the_voice_target_keeps_the_sizing() {
    use crate::plan::VoiceTarget;
    let mut plan = Plan::default();
    plan.baseline.voice = Some(new_voice_demand());
    plan.policies.voice.wait_target_s = 1.2;
    assert!(!set_voice_target(&mut plan, VoiceTarget::Wait));
    // 1.2 s of wait + 2.5 s on the GPU.
    assert!(set_voice_target(&mut plan, VoiceTarget::Response));
    assert_eq!(plan.policies.voice.target, VoiceTarget::Response);
    assert!((plan.policies.voice.response_target_s - 3.7).abs() < 1e-12);
    assert!(plan.validate().is_ok());
    plan.policies.voice.response_target_s = 3.0;
    assert!(set_voice_target(&mut plan, VoiceTarget::Wait));
    assert!((plan.policies.voice.wait_target_s - 0.5).abs() < 1e-12);
    // A response target shorter than the GPU time converts to nothing: the wait is kept.
    plan.policies.voice.target = VoiceTarget::Response;
    plan.policies.voice.response_target_s = 1.0;
    assert!(set_voice_target(&mut plan, VoiceTarget::Wait));
    assert!((plan.policies.voice.wait_target_s - 0.5).abs() < 1e-12);
    // Converted figures stay in their field's range.
    plan.policies.voice.wait_target_s = 3600.0;
    plan.baseline
        .voice
        .as_mut()
        .unwrap()
        .gpu_seconds_per_interaction = 3600.0;
    assert!(set_voice_target(&mut plan, VoiceTarget::Response));
    assert_eq!(plan.policies.voice.response_target_s, 7200.0);
    assert!(plan.validate().is_ok());
    // Without voice only the choice changes.
    let mut plan = Plan::default();
    assert!(set_voice_target(&mut plan, VoiceTarget::Response));
    assert_eq!(
        plan.policies.voice,
        crate::plan::VoicePolicy {
            target: VoiceTarget::Response,
            ..crate::plan::VoicePolicy::default()
        }
    );
}
use crate::plan::Plan;

fn names(plan: &Plan) -> Vec<&str> {
    plan.scenarios.iter().map(|s| s.name.as_str()).collect()
}

#[test]
fn copies_are_named_after_the_original() {
    assert_eq!(copy_name("Moderate", ["Moderate"]), "Moderate (copy)");
    assert_eq!(
        copy_name("Moderate", ["Moderate", "moderate (copy)"]),
        "Moderate (copy 2)"
    );
    assert_eq!(
        copy_name("Moderate (copy)", ["Moderate", "Moderate (copy)"]),
        "Moderate (copy 2)"
    );
    assert_eq!(
        copy_name(
            "Moderate (copy 2)",
            ["Moderate", "Moderate (copy)", "Moderate (copy 2)"]
        ),
        "Moderate (copy 3)"
    );
    assert_eq!(copy_name("A (copy x)", []), "A (copy x) (copy)");
    assert_eq!(copy_name("A (copy )", []), "A (copy ) (copy)");
    assert_eq!(copy_name("A (copy 12)", []), "A (copy)");
}

#[test]
fn singular_and_labels_follow_the_demand_unit() {
    assert_eq!(singular("cafés"), "café");
    assert_eq!(singular(" users "), "user");
    assert_eq!(singular("staff"), "staff");
    assert_eq!(singular("business"), "business");
    assert_eq!(singular(""), "unit");
    assert_eq!(
        label_in_units("Voice sessions per unit per day", "tenants"),
        "Voice sessions per tenant per day"
    );
    assert_eq!(label_in_units("Per unit", "cafés"), "Per café");
}

#[test]
fn rounding_keeps_three_significant_digits() {
    assert_eq!(round_significant(1265.3, 3), 1270.0);
    assert_eq!(round_significant(3.0, 3), 3.0);
    assert_eq!(round_significant(0.012345, 3), 0.0123);
    assert_eq!(round_significant(f64::NAN, 3), 0.0);
    assert_eq!(round_significant(-1234.0, 2), -1200.0);
}

#[test]
fn scenarios_are_added_duplicated_moved_and_deleted() {
    let mut plan = Plan::default();
    assert_eq!(add_scenario(&mut plan), Some(1));
    assert_eq!(names(&plan), ["Steady", "Scenario 2"]);
    plan.scenarios[0].name = "Moderate".into();
    assert_eq!(duplicate_scenario(&mut plan, 0), Some(1));
    assert_eq!(names(&plan), ["Moderate", "Moderate (copy)", "Scenario 2"]);
    assert_eq!(plan.scenarios[1].growth, plan.scenarios[0].growth);
    assert!(move_item(&mut plan.scenarios, 2, 0));
    assert_eq!(names(&plan), ["Scenario 2", "Moderate", "Moderate (copy)"]);
    assert!(!move_item(&mut plan.scenarios, 0, 3));
    assert!(!move_item(&mut plan.scenarios, 1, 1));
    assert_eq!(
        delete_scenario(&mut plan, 1).map(|s| s.name),
        Some("Moderate".into())
    );
    assert_eq!(delete_scenario(&mut plan, 7), None);
    delete_scenario(&mut plan, 0);
    assert_eq!(names(&plan), ["Moderate (copy)"]);
    assert_eq!(delete_scenario(&mut plan, 0), None, "the last one stays");
    assert!(plan.validate().is_ok());
}

#[test]
fn a_full_plan_takes_no_more_scenarios() {
    let mut plan = Plan::default();
    while add_scenario(&mut plan).is_some() {}
    assert_eq!(plan.scenarios.len(), MAX_SCENARIOS);
    assert_eq!(duplicate_scenario(&mut plan, 0), None);
    assert!(plan.validate().is_ok(), "generated names are unique");
}

#[test]
fn switching_model_keeps_the_trajectory() {
    let plan = Plan::default();
    let compound = plan.scenarios[0].growth.clone();
    // 5 % growth, 1 % churn: 1 000 × 1.04¹² = 1 601 in month 12.
    let trend = switch_growth(&plan, &compound, GrowthKind::Trend);
    let Growth::Trend { history, shape, .. } = &trend else {
        panic!("{trend:?}")
    };
    assert_eq!(history.len(), 6);
    assert_eq!(*shape, TrendShape::Exponential);
    assert_eq!(history[5].units, 1000.0, "today's count last");
    assert_eq!(
        history[5].date,
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    );
    assert_eq!(
        history[0].date,
        NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
    );
    let mut with_trend = plan.clone();
    with_trend.scenarios[0].growth = trend.clone();
    assert!(with_trend.validate().is_ok());
    let end = growth::project(1000.0, &trend, plan.start, 12).months[11].mean;
    assert!((end - 1601.0).abs() < 40.0, "{end}");
    // And back: the compound rate is the average growth, churn folded in.
    let back = switch_growth(&plan, &trend, GrowthKind::Compound);
    let Growth::Compound {
        monthly_growth_pct,
        monthly_churn_pct,
    } = back
    else {
        panic!()
    };
    assert!(
        (monthly_growth_pct - 4.0).abs() <= 0.3,
        "{monthly_growth_pct}"
    );
    assert_eq!(monthly_churn_pct, 0.0);
    // Milestones → compound: 3 cafés today, 50 in month 12 → about 26.4 % a month.
    let mut cafes = Plan::default();
    cafes.baseline.units = 3.0;
    let milestones = Growth::Milestones {
        points: vec![Milestone {
            month: 12,
            units: 50.0,
        }],
        between: Interpolation::Step,
    };
    let Growth::Compound {
        monthly_growth_pct, ..
    } = switch_growth(&cafes, &milestones, GrowthKind::Compound)
    else {
        panic!()
    };
    assert_eq!(monthly_growth_pct, 26.4);
    // The same model is left alone.
    assert_eq!(
        switch_growth(&plan, &compound, GrowthKind::Compound),
        compound
    );
}

#[test]
fn switching_from_nothing_gives_defaults_that_validate() {
    let mut plan = Plan::default();
    plan.baseline.units = 0.0;
    for kind in GrowthKind::ALL {
        for from in GrowthKind::ALL {
            let mut p = plan.clone();
            assert_eq!(
                set_growth_kind(&mut p, 0, from),
                from != GrowthKind::Compound
            );
            set_growth_kind(&mut p, 0, kind);
            assert_eq!(GrowthKind::of(&p.scenarios[0].growth), kind);
            assert!(
                p.validate().is_ok(),
                "{from:?} → {kind:?}: {:?}",
                p.validate()
            );
        }
    }
    assert!(!set_growth_kind(&mut plan, 5, GrowthKind::Trend));
}

#[test]
fn milestones_sample_the_quarters_of_the_horizon() {
    assert_eq!(milestone_months(12), [3, 6, 9, 12]);
    assert_eq!(milestone_months(1), [1]);
    assert_eq!(milestone_months(2), [1, 2]);
    assert_eq!(milestone_months(30), [8, 15, 23, 30]);
}

#[test]
fn digests_and_outcomes_read_as_sentences() {
    let mut plan = Plan::default();
    assert_eq!(
        growth_digest(&plan.scenarios[0].growth),
        "+5 % a month, 1 % churn"
    );
    assert_eq!(
        growth_outcome(&plan, 0).as_deref(),
        Some("1\u{202F}000 users today → 1\u{202F}601 in Dec 2027 (month 12)")
    );
    set_growth_kind(&mut plan, 0, GrowthKind::Milestones);
    assert_eq!(
        growth_digest(&plan.scenarios[0].growth),
        "4 milestones, linear between"
    );
    set_growth_kind(&mut plan, 0, GrowthKind::Trend);
    assert_eq!(
        growth_digest(&plan.scenarios[0].growth),
        "Trend of 6 observations, exponential"
    );
    if let Growth::Trend { history, shape, .. } = &plan.scenarios[0].growth {
        let summary = trend_summary(history, *shape, "users").unwrap();
        assert!(
            summary.starts_with("Fitted: +4 % a month, R² 1"),
            "{summary}"
        );
        let linear = trend_summary(history, TrendShape::Linear, "users").unwrap();
        assert!(
            linear.starts_with("Fitted: +3") && linear.contains("users a month"),
            "{linear}"
        );
        assert_eq!(trend_summary(&history[..2], *shape, "users"), None);
    }
    let outcome = growth_outcome(&plan, 0).unwrap();
    assert!(
        outcome.starts_with("1\u{202F}5") || outcome.starts_with("1\u{202F}6"),
        "{outcome}"
    );
    assert!(
        outcome.contains(" users in Dec 2027 (month 12), 95 % interval "),
        "{outcome}"
    );
    if let Growth::Trend { history, .. } = &mut plan.scenarios[0].growth {
        history.truncate(2);
    }
    assert_eq!(growth_outcome(&plan, 0), None, "no fit, no outcome");
    assert_eq!(growth_outcome(&plan, 3), None);
}

#[test]
fn milestones_and_observations_are_added_after_the_last() {
    let mut points = Vec::new();
    assert_eq!(add_milestone(&mut points, 100.0, 12), Some(0));
    assert_eq!(
        points[0],
        Milestone {
            month: 3,
            units: 100.0
        }
    );
    points[0].units = 150.0;
    add_milestone(&mut points, 100.0, 12);
    add_milestone(&mut points, 100.0, 12);
    add_milestone(&mut points, 100.0, 12);
    assert_eq!(
        points.iter().map(|p| p.month).collect::<Vec<_>>(),
        [3, 6, 9, 12]
    );
    // Past the horizon's last month, gaps are filled first, with the count in force.
    add_milestone(&mut points, 100.0, 12);
    assert_eq!(
        points[4],
        Milestone {
            month: 1,
            units: 100.0
        }
    );
    add_milestone(&mut points, 100.0, 12);
    assert_eq!(
        points[5],
        Milestone {
            month: 2,
            units: 100.0
        }
    );
    add_milestone(&mut points, 100.0, 12);
    assert_eq!(
        points[6],
        Milestone {
            month: 4,
            units: 150.0
        }
    );
    let mut full: Vec<Milestone> = (1..=MAX_HORIZON_MONTHS)
        .map(|month| Milestone { month, units: 1.0 })
        .collect();
    assert_eq!(add_milestone(&mut full, 1.0, 12), None);
    let mut short = Vec::new();
    add_milestone(&mut short, 5.0, 2);
    assert_eq!(short[0].month, 2, "the first lands within a short horizon");
    let mut history = Vec::new();
    let start = YearMonth {
        year: 2027,
        month: 1,
    };
    add_observation(&mut history, 40.0, start);
    add_observation(&mut history, 40.0, start);
    assert_eq!(
        history
            .iter()
            .map(|o| o.date.to_string())
            .collect::<Vec<_>>(),
        ["2026-12-01", "2027-01-01"]
    );
    assert_eq!(history[1].units, 40.0);
}

#[test]
fn calendar_presets_and_periods() {
    assert_eq!(CALENDAR_PRESETS[0].label(), "Black Friday (Nov 20–30 ×3)");
    assert_eq!(CALENDAR_PRESETS[2].label(), "July slowdown (Jul 1–31 ×0.7)");
    assert_eq!(
        CALENDAR_PRESETS[3].label(),
        "Christmas lull (Dec 24 – Jan 2 ×0.5)"
    );
    let mut effect = CALENDAR_PRESETS[0].effect();
    effect.year = Some(2027);
    assert_eq!(period(&effect), "Nov 20–30 2027");
    let mut plan = Plan::default();
    assert!(!has_preset(&plan.scenarios[0], &CALENDAR_PRESETS[0]));
    for preset in CALENDAR_PRESETS {
        plan.scenarios[0].calendar.push(preset.effect());
    }
    let blank = new_effect(&plan.scenarios[0]);
    plan.scenarios[0].calendar.push(blank);
    assert!(has_preset(&plan.scenarios[0], &CALENDAR_PRESETS[0]));
    assert!(can_add_effect(&plan.scenarios[0]));
    plan.scenarios[0].calendar = vec![new_effect(&plan.scenarios[0]); MAX_CALENDAR_EFFECTS];
    assert!(!can_add_effect(&plan.scenarios[0]));
    plan.scenarios[0].calendar.truncate(5);
    assert!(plan.validate().is_ok());
}

#[test]
fn typed_days_and_dates_are_parsed_with_a_helpful_message() {
    assert_eq!(
        parse_month_day(" 11-20 "),
        Ok(MonthDay { month: 11, day: 20 })
    );
    assert_eq!(parse_month_day("2-29"), Ok(MonthDay { month: 2, day: 29 }));
    assert!(parse_month_day("02-30").unwrap_err().contains("MM-DD"));
    assert!(parse_month_day("").unwrap_err().contains("empty"));
    assert_eq!(
        parse_date("2026-11-01"),
        Ok(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap())
    );
    assert!(parse_date("2026-13-01").unwrap_err().contains("YYYY-MM-DD"));
    for bad in [
        "2026-02-30",
        "2026-11",
        "2026-11-01-01",
        "26-11-01",
        "2026-+1-01",
        "2026/11/01",
    ] {
        assert!(parse_date(bad).is_err(), "{bad}");
    }
    assert_eq!(
        parse_date(" 2027-1-5 "),
        Ok(NaiveDate::from_ymd_opt(2027, 1, 5).unwrap())
    );
    assert!(parse_date("").is_err());
}

#[test]
fn catalog_rows_are_added_removed_renamed_and_reset() {
    let mut plan = Plan::default();
    for kind in CatalogKind::ALL {
        let before = kind.len(&plan);
        let i = add_catalog_entry(&mut plan, kind).unwrap();
        assert_eq!(i, before);
        assert_eq!(kind.names(&plan)[i], format!("New {}", kind.noun()));
        add_catalog_entry(&mut plan, kind);
        assert_eq!(kind.names(&plan)[i + 1], format!("New {} 2", kind.noun()));
        assert!(catalog_digest(&plan, kind, i).is_some());
    }
    assert!(plan.validate().is_ok(), "{:?}", plan.validate());
    // Renaming the entry the app runs on takes the policy along.
    let app = plan
        .catalogs
        .instances
        .iter()
        .position(|i| i.name == plan.policies.app_instance)
        .unwrap();
    assert_eq!(
        used_for(&plan, CatalogKind::Instances, app),
        Some("the app's instance type")
    );
    assert_eq!(used_for(&plan, CatalogKind::Instances, 0), None);
    rename_catalog_entry(&mut plan, CatalogKind::Instances, app, "web".into());
    assert_eq!(plan.policies.app_instance, "web");
    assert!(plan.validate().is_ok());
    // Reset brings the defaults back and repoints the app.
    let moved = reset_catalog(&mut plan, CatalogKind::Instances);
    assert_eq!(moved, ["The app now runs on m7g.large."]);
    assert_eq!(plan.catalogs.instances, catalog::default_instances());
    assert!(plan.validate().is_ok());
    // Today's tier goes back to "the smallest" when the defaults lack it.
    plan.baseline.today.database_tier = "New database tier".into();
    assert!(reset_catalog(&mut plan, CatalogKind::Databases)[0].contains("smallest"));
    assert_eq!(plan.baseline.today.database_tier, "");
    assert!(reset_catalog(&mut plan, CatalogKind::Redis).is_empty());
    assert!(move_catalog_entry(&mut plan, CatalogKind::Redis, 0, 1));
    assert!(remove_catalog_entry(&mut plan, CatalogKind::GpuNodes, 0));
    assert!(!remove_catalog_entry(&mut plan, CatalogKind::GpuNodes, 99));
}

#[test]
fn digests_show_units() {
    let plan = Plan::default();
    let m7g = plan
        .catalogs
        .instances
        .iter()
        .find(|i| i.name == "m7g.large")
        .unwrap();
    assert_eq!(
        instance_digest(m7g, crate::currency::USD).replace('\u{a0}', " "),
        "2 vCPU · 8 GB · 50 req/s · $59.60/month"
    );
    let tier = DatabaseTier {
        name: "x".into(),
        max_connections: 60,
        pooler_clients: 0,
        storage_gb: 8.0,
        usd_per_month: 10.0,
        source: String::new(),
        priced_on: None,
        region: String::new(),
    };
    assert_eq!(
        database_digest(&tier, crate::currency::USD).replace('\u{a0}', " "),
        "60 connections · no pooler · 8 GB · $10.00/month"
    );
    let redis = RedisPlan {
        name: "r".into(),
        memory_gb: 6.38,
        topology: RedisTopology::Replicated,
        nodes: 2,
        usd_per_month: 175.2,
        source: String::new(),
        priced_on: None,
        region: String::new(),
    };
    assert_eq!(
        redis_digest(&redis, crate::currency::USD).replace('\u{a0}', " "),
        "6.38 GB · primary + replica · 2 nodes · $175/month"
    );
    let gpu = GpuNode {
        name: "g".into(),
        streams_per_node: 1,
        sessions_per_node: 8,
        usd_per_month: 88.9,
        source: String::new(),
        priced_on: None,
        region: String::new(),
    };
    assert_eq!(
        gpu_digest(&gpu, crate::currency::USD).replace('\u{a0}', " "),
        "1 stream · 8 sessions · $88.90/month"
    );
    assert_eq!(priced_on_words(plan.catalogs.priced_on), "1 Nov 2026");
}

#[test]
fn a_region_ends_the_digest_and_a_new_entry_keeps_it() {
    let mut plan = Plan::default();
    let app = plan.catalogs.instances.len() - 1;
    plan.catalogs.instances[app].region = "West Europe".into();
    assert_eq!(
        catalog_digest(&plan, CatalogKind::Instances, app)
            .unwrap()
            .replace('\u{a0}', "_"),
        "16_vCPU · 64_GB · 500_req/s · $477/month · West_Europe"
    );
    // A copy of the last entry keeps its figures and region, not its name, source or date.
    plan.catalogs.instances[app].priced_on = NaiveDate::from_ymd_opt(2026, 1, 2);
    let added = add_catalog_entry(&mut plan, CatalogKind::Instances).unwrap();
    let shared = catalog_entry(&plan, CatalogKind::Instances, added)
        .unwrap()
        .shared();
    assert_eq!(
        (shared.name, shared.source, shared.priced_on, shared.region),
        ("New instance type", "Entered by hand", None, "West Europe")
    );
}

#[test]
fn cost_lines_get_unique_names() {
    let mut plan = Plan::default();
    add_cost_line(&mut plan);
    add_cost_line(&mut plan);
    assert_eq!(plan.baseline.other_costs[1].name, "Monitoring 2");
    assert!(plan.validate().is_ok());
}
