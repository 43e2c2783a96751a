//! Whole plans through [`Plan::validate`]: what is refused, in which words, at which path.

use super::*;
use crate::plan::{
    CostLine, Growth, Milestone, MonthDay, Observation, Plan, TrendShape, VoiceDemand, VoiceTarget,
    YearMonth,
};

fn paths(plan: &Plan) -> Vec<String> {
    plan.validate()
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|e| e.path)
        .collect()
}

#[test]
fn the_default_plan_is_valid() {
    assert!(Plan::default().validate().is_ok());
}

#[test]
fn every_problem_is_reported_at_once_with_its_field() {
    let mut plan = Plan::default();
    plan.horizon_months = 10_000;
    plan.scenarios[0].growth = Growth::Compound {
        monthly_growth_pct: -150.0,
        monthly_churn_pct: 0.0,
    };
    plan.policies.voice.percentile_pct = 1.2;
    plan.baseline.voice = Some(VoiceDemand {
        sessions_per_unit_per_day: 1.0,
        peak_hour_share_pct: 20.0,
        session_minutes: 4.0,
        interactions_per_session: 4.0,
        gpu_seconds_per_interaction: 2.5,
        peak_concurrent_sessions: 0.0,
    });
    plan.catalogs.instances[0].capacity_rps = 0.0;
    plan.baseline.units = f64::NAN;
    let errors = plan.validate().unwrap_err();
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "Horizon must be at most 120 months (horizon_months)",
            "Units today is not a finite number (baseline.units)",
            "Monthly growth must be at least -100 % (scenarios[0].growth.monthly_growth_pct)",
            "Growth minus churn is below −100 %: a month cannot lose more than every unit \
             (scenarios[0].growth.monthly_churn_pct)",
            "Capacity per instance must be at least 0.001 req/s (catalogs.instances[0].capacity_rps)",
            "Target percentile must be at least 50 % (policies.voice.percentile_pct)",
        ]
    );
}

/// The messages of `plan`'s problems, by path.
fn messages(plan: &Plan) -> Vec<(String, String)> {
    plan.validate()
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|e| (e.path, e.message))
        .collect()
}

#[test]
fn a_scenarios_own_traffic_is_checked_at_its_own_path() {
    use crate::plan::{PeakShape, Traffic};
    let mut plan = Plan::default();
    plan.scenarios[0].traffic = Some(Traffic::DailyVolume {
        requests_per_unit_per_day: -1.0,
        peak: PeakShape::PeakHourShare { share_pct: 150.0 },
    });
    assert_eq!(
        paths(&plan),
        [
            "scenarios[0].traffic.requests_per_unit_per_day",
            "scenarios[0].traffic.peak.share_pct"
        ]
    );
    // Today's fixed traffic is part of the scenario's measured peak too.
    plan.baseline.fixed_peak_rps = 20.0;
    plan.scenarios[0].traffic = Some(Traffic::PeakRate { peak_rps: 10.0 });
    assert_eq!(
        messages(&plan),
        [(
            "scenarios[0].traffic.peak_rps".to_owned(),
            "Fixed peak traffic (20 req/s) is part of today's peak and cannot exceed it (10 req/s)"
                .to_owned()
        )]
    );
    plan.scenarios[0].traffic = Some(Traffic::PeakRate { peak_rps: 20.0 });
    assert!(plan.validate().is_ok());
}

#[test]
fn a_resources_own_trigger_is_checked_when_given() {
    let mut plan = Plan::default();
    plan.policies.database_storage_trigger_pct = Some(75.0);
    plan.policies.redis_memory_trigger_pct = Some(100.0);
    assert!(plan.validate().is_ok());
    plan.policies.database_connections_trigger_pct = Some(0.5);
    plan.policies.database_storage_trigger_pct = Some(f64::NAN);
    plan.policies.redis_memory_trigger_pct = Some(120.0);
    assert_eq!(
        messages(&plan),
        [
            (
                "policies.database_connections_trigger_pct".to_owned(),
                "Database connections trigger must be at least 1 %".to_owned()
            ),
            (
                "policies.database_storage_trigger_pct".to_owned(),
                "Database size trigger is not a finite number".to_owned()
            ),
            (
                "policies.redis_memory_trigger_pct".to_owned(),
                "Redis memory trigger must be at most 100 %".to_owned()
            ),
        ]
    );
}

#[test]
fn own_growth_rates_are_checked_when_given() {
    let mut plan = Plan::default();
    plan.scenarios[0].data_monthly_growth_pct = Some(-100.0);
    plan.scenarios[0].background_monthly_growth_pct = Some(1000.0);
    assert!(plan.validate().is_ok());
    plan.scenarios[0].data_monthly_growth_pct = Some(-100.5);
    plan.scenarios[0].background_monthly_growth_pct = Some(f64::INFINITY);
    assert_eq!(
        messages(&plan),
        [
            (
                "scenarios[0].data_monthly_growth_pct".to_owned(),
                "Monthly data growth must be at least -100 %".to_owned()
            ),
            (
                "scenarios[0].background_monthly_growth_pct".to_owned(),
                "Monthly background growth is not a finite number".to_owned()
            ),
        ]
    );
}

#[test]
fn a_cost_lines_months_and_included_units_are_checked() {
    let mut plan = Plan::default();
    plan.baseline.other_costs = vec![CostLine {
        included_units: 500.0,
        from_month: Some(3),
        until_month: Some(3),
        ..CostLine::new("Monitoring", 50.0, 0.1)
    }];
    assert!(plan.validate().is_ok());
    let line = &mut plan.baseline.other_costs[0];
    line.included_units = -1.0;
    line.from_month = Some(0);
    line.until_month = Some(2);
    plan.baseline.other_costs.push(CostLine {
        from_month: Some(7),
        until_month: Some(6),
        ..CostLine::new("Pro plan", 200.0, 0.0)
    });
    assert_eq!(
        messages(&plan),
        [
            (
                "baseline.other_costs[0].included_units".to_owned(),
                "Units included must be at least 0".to_owned()
            ),
            (
                "baseline.other_costs[0].from_month".to_owned(),
                "First month paid must be at least 1".to_owned()
            ),
            (
                "baseline.other_costs[1].until_month".to_owned(),
                "The last month paid (6) is before the first (7): the line would never be paid"
                    .to_owned()
            ),
        ]
    );
}

#[test]
fn voice_targets_and_stated_concurrency_name_their_fields() {
    let mut plan = Plan::default();
    plan.baseline.voice = Some(crate::edit::new_voice_demand());
    plan.policies.voice.response_target_s = f64::NAN;
    // Both figures are checked with voice, whichever is the target.
    assert_eq!(
        messages(&plan),
        [(
            "policies.voice.response_target_s".to_owned(),
            "Voice response target is not a finite number".to_owned()
        )]
    );
    // A response target shorter than the GPU time is refused only when it is the target.
    plan.policies.voice.response_target_s = 2.0;
    assert!(plan.validate().is_ok());
    plan.policies.voice.target = VoiceTarget::Response;
    assert_eq!(
        messages(&plan),
        [(
            "policies.voice.response_target_s".to_owned(),
            "Voice response target (2 s) is below the GPU time per interaction (2.5 s), \
             which every response includes"
                .to_owned()
        )]
    );
    plan.policies.voice.response_target_s = 2.5;
    assert!(plan.validate().is_ok(), "as long as the GPU time: no wait");
    // Out of range: one message, the range's.
    plan.policies.voice.response_target_s = 0.0;
    assert_eq!(
        messages(&plan),
        [(
            "policies.voice.response_target_s".to_owned(),
            "Voice response target must be at least 0.001 s".to_owned()
        )]
    );
    plan.policies.voice.response_target_s = 3.0;
    let voice = plan.baseline.voice.as_mut().unwrap();
    voice.peak_concurrent_sessions = -1.0;
    assert_eq!(
        messages(&plan),
        [(
            "baseline.voice.peak_concurrent_sessions".to_owned(),
            "Peak concurrent sessions today must be at least 0 sessions".to_owned()
        )]
    );
    plan.baseline
        .voice
        .as_mut()
        .unwrap()
        .peak_concurrent_sessions = 40.0;
    assert!(plan.validate().is_ok());
    plan.baseline.units = 0.0;
    assert_eq!(
        messages(&plan)
            .into_iter()
            .map(|(path, _)| path)
            .collect::<Vec<_>>(),
        ["baseline.voice.peak_concurrent_sessions"]
    );
}

#[test]
fn invisible_characters_in_names_are_refused_in_words() {
    let mut plan = Plan::default();
    plan.name = "Plan\u{202E}txt.exe".into();
    plan.scenarios[0].name = "Base\u{200B}".into();
    plan.baseline.demand_unit = "users\u{2028}".into();
    plan.catalogs.instances[0].name = "m7g\u{2066}.large".into();
    plan.catalogs.instances[0].source = "price page\u{061C}".into();
    let app = plan.catalogs.instances[0].name.clone();
    plan.policies.app_instance = app;
    assert_eq!(
        messages(&plan),
        [
            (
                "name".to_owned(),
                "The plan's name contains an invisible direction-changing character \
                 (U+202E); remove it"
                    .to_owned()
            ),
            (
                "baseline.demand_unit".to_owned(),
                "The demand unit contains a line break (U+2028); remove it".to_owned()
            ),
            (
                "scenarios[0].name".to_owned(),
                "A scenario's name contains an invisible zero-width character (U+200B); \
                 remove it"
                    .to_owned()
            ),
            (
                "catalogs.instances[0].name".to_owned(),
                "An instance type's name contains an invisible direction-changing \
                 character (U+2066); remove it"
                    .to_owned()
            ),
            (
                "catalogs.instances[0].source".to_owned(),
                "An instance type's source contains an invisible direction-changing \
                 character (U+061C); remove it"
                    .to_owned()
            ),
        ]
    );
}

#[test]
fn a_region_is_short_visible_text() {
    let mut plan = Plan::default();
    plan.catalogs.databases[1].region = "eu-central-1".into();
    plan.catalogs.redis[0].region = "x".repeat(MAX_REGION_CHARS);
    assert!(plan.validate().is_ok());
    plan.catalogs.redis[0].region.push('x');
    plan.catalogs.gpu_nodes[0].region = "us-east-1\n".into();
    assert_eq!(
        messages(&plan),
        [
            (
                "catalogs.redis[0].region".to_owned(),
                "A Redis plan's region is longer than 64 characters".to_owned()
            ),
            (
                "catalogs.gpu_nodes[0].region".to_owned(),
                "A GPU node's region contains a line break (U+000A); remove it".to_owned()
            ),
        ]
    );
}

#[test]
fn every_direction_zero_width_and_line_break_character_is_refused() {
    let refused = ('\u{202A}'..='\u{202E}')
        .chain('\u{2066}'..='\u{2069}')
        .chain(['\u{200E}', '\u{200F}', '\u{061C}'])
        .chain(['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'])
        .chain(['\u{00AD}', '\u{2061}', '\u{3164}', '\u{E0041}'])
        .chain([
            '\n', '\r', '\u{0B}', '\u{0C}', '\u{85}', '\u{2028}', '\u{2029}', '\t',
        ]);
    for c in refused {
        let mut plan = Plan::default();
        plan.scenarios[0].name = format!("Fast{c}er");
        let messages = messages(&plan);
        assert_eq!(messages.len(), 1, "{c:?}: {messages:?}");
        let (path, message) = &messages[0];
        assert_eq!(path, "scenarios[0].name");
        assert!(
            message.starts_with("A scenario's name contains ")
                && message.ends_with(&format!("(U+{:04X}); remove it", u32::from(c))),
            "{c:?}: {message}"
        );
    }
}

#[test]
fn joiners_inside_emoji_and_scripts_are_names() {
    for name in [
        "Team 👩\u{200D}💻",
        "🏳\u{FE0F}\u{200D}🌈 launch",
        "👨\u{200D}👩\u{200D}👧",
        "می\u{200C}خواهم",
        "क्\u{200D}ष",
        "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} Scotland",
        "Café ☕ 日本語",
    ] {
        let mut plan = Plan::default();
        plan.scenarios[0].name = name.to_owned();
        plan.name = name.to_owned();
        assert!(
            plan.validate().is_ok(),
            "{name}: {:?}",
            plan.validate().err()
        );
    }
}

#[test]
fn references_and_names_are_checked() {
    let mut plan = Plan::default();
    plan.policies.app_instance = "nope".into();
    plan.scenarios.push(plan.scenarios[0].clone());
    plan.name = " ".into();
    assert_eq!(
        paths(&plan),
        ["name", "scenarios[1].name", "policies.app_instance"]
    );
}

#[test]
fn growth_models_check_their_own_fields() {
    let mut plan = Plan::default();
    plan.scenarios[0].growth = Growth::Milestones {
        points: vec![
            Milestone {
                month: 0,
                units: 3.0,
            },
            Milestone {
                month: 0,
                units: -1.0,
            },
        ],
        between: Default::default(),
    };
    assert_eq!(
        paths(&plan),
        [
            "scenarios[0].growth.points[0].month",
            "scenarios[0].growth.points[1].month",
            "scenarios[0].growth.points[1].units",
            "scenarios[0].growth.points[1].month",
        ]
    );
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap();
    plan.scenarios[0].growth = Growth::Trend {
        history: vec![
            Observation {
                date: day(1),
                units: 0.0,
            },
            Observation {
                date: day(1),
                units: 5.0,
            },
            Observation {
                date: day(2),
                units: 6.0,
            },
        ],
        shape: TrendShape::Exponential,
        confidence_pct: 95.0,
    };
    assert_eq!(
        paths(&plan),
        [
            "scenarios[0].growth.history[0].units",
            "scenarios[0].growth.history"
        ]
    );
}

#[test]
fn start_month_calendar_days_and_scaling_points_are_checked() {
    let mut plan = Plan::default();
    plan.start = YearMonth {
        year: 2027,
        month: 13,
    };
    plan.scenarios[0].calendar = vec![crate::plan::CalendarEffect {
        name: "Black Friday".into(),
        from: MonthDay { month: 2, day: 30 },
        to: MonthDay { month: 11, day: 30 },
        multiplier: 3.0,
        year: None,
    }];
    plan.baseline.scaling = vec![
        crate::plan::ScalingPoint {
            instances: 0.0,
            throughput_rps: f64::NAN,
        };
        3
    ];
    let errors = plan.validate().unwrap_err();
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages[..4],
        [
            "The start month 2027-13 is not a month between 1900-01 and 2200-12 (start)",
            "Instances tested must be at least 1 (baseline.scaling[0].instances)",
            "Measured throughput is not a finite number (baseline.scaling[0].throughput_rps)",
            "Instances tested must be at least 1 (baseline.scaling[1].instances)",
        ]
    );
    assert_eq!(
        messages.last().map(String::as_str),
        Some(
            "The first day 02-30 is not a day of the year (MM-DD, e.g. 11-20) \
             (scenarios[0].calendar[0].from)"
        )
    );
    plan.start.month = 1;
    plan.scenarios[0].calendar[0].from.day = 29;
    plan.baseline.scaling = vec![
        crate::plan::ScalingPoint {
            instances: 1.0,
            throughput_rps: 10.0,
        };
        MAX_SCALING_POINTS + 1
    ];
    assert_eq!(paths(&plan), ["baseline.scaling"]);
    plan.baseline.scaling.truncate(MAX_SCALING_POINTS);
    assert!(plan.validate().is_ok());
}

/// Months past December 2200 would all read December 2200: a plan running past it is
/// refused with a message naming the start and the horizon; one ending there is accepted
/// and every month has its own label.
#[test]
fn a_plan_may_not_run_past_december_2200() {
    let mut plan = Plan::default();
    plan.start = YearMonth {
        year: 2199,
        month: 6,
    };
    plan.horizon_months = 120;
    let errors = plan.validate().unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].path, "horizon_months");
    assert_eq!(
        errors[0].message,
        "Start / horizon: the plan would run past December 2200 (120 months from 2199-06 \
         end in 2209-05); start by 2191-01 or plan fewer months"
    );
    plan.horizon_months = 19; // 2199-06 … 2200-12
    let plan_ok = plan.validate().expect("ends in December 2200");
    let labels: std::collections::HashSet<_> = (1..=plan.horizon_months)
        .map(|m| plan_ok.plan().start.of_plan_month(m))
        .collect();
    assert_eq!(labels.len(), 19);
    plan.horizon_months = 20;
    assert_eq!(paths(&plan), ["horizon_months"]);
    plan.start = YearMonth {
        year: 2191,
        month: 1,
    };
    plan.horizon_months = 120;
    let valid = plan
        .validate()
        .expect("2191-01 + 120 months ends in 2200-12");
    let results = crate::engine::run(&valid);
    let months: std::collections::HashSet<_> = results.scenarios[0]
        .months
        .iter()
        .map(|m| m.calendar)
        .collect();
    assert_eq!(months.len(), 120);
}

#[test]
fn empty_catalogs_and_scenarios_are_rejected() {
    let mut plan = Plan::default();
    plan.scenarios.clear();
    plan.catalogs.databases.clear();
    let errors = plan.validate().unwrap_err();
    assert_eq!(errors[0].message, "The plan needs at least one scenario");
    assert_eq!(errors[1].path, "catalogs.databases");
}

/// The problems of `plan`'s uncertainty section, as (path, message).
fn uncertainty_messages(plan: &Plan) -> Vec<(String, String)> {
    plan.uncertainty_problems()
        .into_iter()
        .map(|e| (e.path, e.message))
        .collect()
}

/// A plan with `ranges` (field, distribution) and the other settings at their defaults.
fn with_ranges(ranges: &[(&str, crate::plan::Distribution)]) -> Plan {
    let mut plan = Plan::default();
    plan.uncertainty = Some(crate::plan::Uncertainty {
        ranges: ranges
            .iter()
            .map(|&(field, distribution)| crate::plan::Range {
                field: field.to_owned(),
                distribution,
            })
            .collect(),
        ..Default::default()
    });
    plan
}

fn pert(low: f64, likely: f64, high: f64) -> crate::plan::Distribution {
    crate::plan::Distribution::Pert { low, likely, high }
}

#[test]
fn a_plan_with_valid_ranges_is_valid_and_gives_them_back() {
    use crate::plan::Distribution;
    let plan = with_ranges(&[
        ("baseline.units", pert(800.0, 1000.0, 1500.0)),
        (
            "scenarios[0].growth.monthly_growth_pct",
            Distribution::Triangular {
                low: 2.0,
                likely: 5.0,
                high: 9.0,
            },
        ),
        (
            "catalogs.instances[2].usd_per_month",
            Distribution::Uniform {
                low: 100.0,
                high: 100.0,
            },
        ),
        (
            "policies.headroom_pct",
            Distribution::Normal {
                mean: 20.0,
                sd: 0.0,
            },
        ),
        (
            "baseline.traffic.requests_per_unit_per_day",
            Distribution::Lognormal {
                median: 200.0,
                gsd: 1.0,
            },
        ),
    ]);
    assert_eq!(plan.uncertainty_problems(), []);
    // The section is checked apart from the rest of the plan: by what uses it.
    assert!(plan.validate().is_ok());
    assert_eq!(Plan::default().uncertainty_problems(), []);
    // Any seed; the band and the percentile to size for strictly inside their bounds.
    let mut plan = plan;
    let u = plan.uncertainty.as_mut().unwrap();
    u.seed = u32::MAX;
    u.trials = 100_000;
    u.band_pct = [0.5, 99.5];
    u.size_for_pct = Some(99.9);
    assert!(plan.uncertainty_problems().is_empty());
}

#[test]
fn the_trials_band_and_percentile_are_checked() {
    let mut plan = with_ranges(&[]);
    let u = plan.uncertainty.as_mut().unwrap();
    u.trials = 99;
    u.band_pct = [0.0, 50.0];
    u.size_for_pct = Some(100.0);
    assert_eq!(
        uncertainty_messages(&plan),
        [
            (
                "uncertainty.trials".to_owned(),
                "Trials must be at least 100".to_owned()
            ),
            (
                "uncertainty.band_pct[0]".to_owned(),
                "The band's lower percentile must be above 0 % and below 50 % (the median) \
                 (it is 0 %)"
                    .to_owned()
            ),
            (
                "uncertainty.band_pct[1]".to_owned(),
                "The band's upper percentile must be above 50 % (the median) and below 100 % \
                 (it is 50 %)"
                    .to_owned()
            ),
            (
                "uncertainty.size_for_pct".to_owned(),
                "The percentile to size for must be above 0 % and below 100 % (it is 100 %)"
                    .to_owned()
            ),
        ]
    );
    let u = plan.uncertainty.as_mut().unwrap();
    u.trials = 100_001;
    u.band_pct = [50.0, f64::NAN];
    u.size_for_pct = Some(0.0);
    assert_eq!(
        uncertainty_messages(&plan),
        [
            (
                "uncertainty.trials".to_owned(),
                "Trials must be at most 100\u{202f}000".to_owned()
            ),
            (
                "uncertainty.band_pct[0]".to_owned(),
                "The band's lower percentile must be above 0 % and below 50 % (the median) \
                 (it is 50 %)"
                    .to_owned()
            ),
            (
                "uncertainty.band_pct[1]".to_owned(),
                "The band's upper percentile is not a finite number".to_owned()
            ),
            (
                "uncertainty.size_for_pct".to_owned(),
                "The percentile to size for must be above 0 % and below 100 % (it is 0 %)"
                    .to_owned()
            ),
        ]
    );
}

#[test]
fn a_range_names_a_fractional_number_of_the_plan_once() {
    let d = pert(1.0, 2.0, 3.0);
    let plan = with_ranges(&[
        ("baseline.units", d),
        ("baseline units", d),
        ("scenarios[0].data_monthly_growth_pct", d),
        ("scenarios[3].growth.monthly_growth_pct", d),
        ("horizon_months", d),
        ("policies.redundancy", d),
        ("policies.min_instances", d),
        ("policies.pool_per_instance", d),
        ("baseline.units", d),
        ("uncertainty.band_pct", d),
        ("name", d),
    ]);
    let found = uncertainty_messages(&plan);
    let why = |i: usize| {
        found
            .iter()
            .find(|(path, _)| *path == format!("uncertainty.ranges[{i}].field"))
            .map(|(_, message)| message.as_str())
            .unwrap_or_default()
    };
    assert_eq!(found.len(), 10, "{found:?}");
    assert!(why(1).contains("is not a field's path"), "{}", why(1));
    for i in [2, 3, 10] {
        assert_eq!(
            why(i),
            format!(
                "The range's field \"{}\" is not a number of this plan",
                plan.uncertainty.as_ref().unwrap().ranges[i].field
            )
        );
    }
    for i in 4..=7 {
        assert!(why(i).contains("holds a whole number"), "{}", why(i));
    }
    assert_eq!(
        why(8),
        "The field \"baseline.units\" has a range already: give each field one range"
    );
    assert!(
        why(9).contains("a setting of the ranges themselves"),
        "{}",
        why(9)
    );
    // A field that is not a number is refused by the plan's check, and its range by the
    // section's.
    let mut plan = with_ranges(&[("baseline.units", d)]);
    plan.baseline.units = f64::NAN;
    let paths = |messages: Vec<(String, String)>| {
        messages
            .into_iter()
            .map(|(path, _)| path)
            .collect::<Vec<_>>()
    };
    assert_eq!(paths(messages(&plan)), ["baseline.units"]);
    assert_eq!(
        paths(uncertainty_messages(&plan)),
        ["uncertainty.ranges[0].field"]
    );
    // A figure written only when not 0 can take a range at 0.
    let mut plan = with_ranges(&[("baseline.voice.peak_concurrent_sessions", d)]);
    plan.baseline.voice = Some(crate::edit::new_voice_demand());
    assert!(
        plan.uncertainty_problems().is_empty(),
        "{:?}",
        uncertainty_messages(&plan)
    );
}

#[test]
fn a_distribution_is_finite_and_in_order() {
    use crate::plan::Distribution;
    let cases = [
        (
            pert(f64::NAN, 2.0, f64::INFINITY),
            vec![
                ("low", "The range's least value is not a finite number"),
                ("high", "The range's greatest value is not a finite number"),
            ],
        ),
        (
            pert(5.0, 4.0, 3.0),
            vec![
                (
                    "likely",
                    "The range's most likely value (4) is below its least value (5)",
                ),
                (
                    "high",
                    "The range's greatest value (3) is below its most likely value (4)",
                ),
            ],
        ),
        (
            Distribution::Triangular {
                low: 1.0,
                likely: 9.0,
                high: 8.0,
            },
            vec![(
                "high",
                "The range's greatest value (8) is below its most likely value (9)",
            )],
        ),
        (
            Distribution::Uniform {
                low: 20.0,
                high: 8.0,
            },
            vec![(
                "high",
                "The range's greatest value (8) is below its least value (20)",
            )],
        ),
        (
            Distribution::Normal {
                mean: 5.0,
                sd: -1.0,
            },
            vec![(
                "sd",
                "The range's standard deviation must be at least 0 (it is -1)",
            )],
        ),
        (
            Distribution::Normal {
                mean: f64::NEG_INFINITY,
                sd: 1.0,
            },
            vec![("mean", "The range's mean is not a finite number")],
        ),
        (
            Distribution::Lognormal {
                median: 0.0,
                gsd: 0.9,
            },
            vec![
                (
                    "median",
                    "The range's median must be above 0: a lognormal range holds positive \
                     values only (it is 0)",
                ),
                (
                    "gsd",
                    "The range's geometric standard deviation must be at least 1, which is no \
                     spread (it is 0.9)",
                ),
            ],
        ),
        (
            Distribution::Lognormal {
                median: 3.0,
                gsd: f64::NAN,
            },
            vec![(
                "gsd",
                "The range's geometric standard deviation is not a finite number",
            )],
        ),
    ];
    for (d, expected) in cases {
        let plan = with_ranges(&[("baseline.units", d)]);
        let expected: Vec<(String, String)> = expected
            .into_iter()
            .map(|(name, message)| {
                (
                    format!("uncertainty.ranges[0].distribution.{name}"),
                    message.to_owned(),
                )
            })
            .collect();
        assert_eq!(uncertainty_messages(&plan), expected, "{d:?}");
    }
}
