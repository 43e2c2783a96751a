//! Fixtures: files written by every schema version keep importing, forever.

use super::*;

#[test]
fn there_is_a_fixture_directory_for_every_schema_version() {
    for version in 1..=PLAN_SCHEMA_VERSION {
        let dir = fixtures_dir().join(format!("v{version}"));
        let count = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
        assert!(count >= 2, "{} needs YAML and JSON fixtures", dir.display());
    }
}

#[test]
fn every_fixture_imports_and_validates() {
    let files = fixtures();
    assert!(files.len() >= 5, "{files:?}");
    for (version, path) in files {
        let text = read(&path);
        assert!(
            text.contains(&format!("headroom_plan: {version}"))
                || text.contains(&format!("\"headroom_plan\": {version}")),
            "{} is not a v{version} file",
            path.display()
        );
        let plan = import(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if let Err(errors) = plan.validate() {
            panic!("{}: {errors:?}", path.display());
        }
    }
}

#[test]
fn v1_fixtures_keep_their_values() {
    let dir = fixtures_dir().join("v1");
    let yaml = import(&read(&dir.join("cafe-chain.yaml"))).unwrap();
    let json = import(&read(&dir.join("cafe-chain.json"))).unwrap();
    assert_eq!(yaml, json);
    assert_eq!(yaml.name, "Café chain: 2027");
    assert_eq!(yaml.scenarios[0].name, "no");
    assert_eq!(yaml.baseline.traffic, Traffic::PeakRate { peak_rps: 4.5 });
    assert_eq!(yaml.baseline.fixed_peak_rps, 0.5);
    // One entry priced on its own day; the rest on the catalog's.
    assert_eq!(
        yaml.catalogs.gpu_nodes[0].priced_on.map(|d| d.to_string()),
        Some("2026-09-15".to_owned())
    );
    assert_eq!(yaml.catalogs.gpu_nodes[1].priced_on, None);
    assert_eq!(
        yaml.baseline
            .voice
            .as_ref()
            .map(|v| v.gpu_seconds_per_interaction),
        Some(0.8)
    );
    assert_eq!(
        yaml.scenarios[0].calendar[0].to,
        MonthDay { month: 1, day: 2 }
    );
    assert!(
        matches!(yaml.scenarios[1].growth, Growth::Trend { confidence_pct, .. } if confidence_pct == 90.0)
    );

    let default_yaml = import(&read(&dir.join("default.yaml"))).unwrap();
    let default_json = import(&read(&dir.join("default.json"))).unwrap();
    assert_eq!(default_yaml, default_json);
    assert_eq!(default_yaml.name, "New plan");
    assert_eq!(default_yaml.baseline.units, 1000.0);
    // Written before `fixed_peak_rps` existed: all traffic grows with units.
    assert_eq!(default_yaml.baseline.fixed_peak_rps, 0.0);

    // Written before a scenario could have traffic of its own: every scenario uses the
    // baseline's.
    assert!(default_yaml.scenarios.iter().all(|s| s.traffic.is_none()));
    let own = import(&read(&dir.join("scenario-traffic.yaml"))).unwrap();
    assert_eq!(own.scenarios[0].traffic, None);
    assert_eq!(
        own.scenarios[1].traffic,
        Some(Traffic::DailyVolume {
            requests_per_unit_per_day: 600.0,
            peak: headroom_core::plan::PeakShape::PeakHourShare { share_pct: 15.0 },
        })
    );
    assert_eq!(
        own.scenarios[2].traffic,
        Some(Traffic::PeakRate { peak_rps: 40.0 })
    );
    let results = headroom_core::engine::run(&own.validate().unwrap());
    let peak = |s: usize| results.scenarios[s].months[0].peak_rps;
    // 600 requests a day with 15 % in the busiest hour (3.6 times the day's average) against
    // 150 at 3 times: 4.8 times the growing part; the fixed 4 req/s the same.
    assert!(
        (peak(1) - 4.0 - (peak(0) - 4.0) * 4.8).abs() < 1e-9,
        "{} {}",
        peak(0),
        peak(1)
    );
    // Written before a resource could have a trigger of its own: each takes the plan's.
    let p = &default_yaml.policies;
    let none = [
        p.database_connections_trigger_pct,
        p.database_storage_trigger_pct,
        p.redis_memory_trigger_pct,
    ];
    assert_eq!(none, [None; 3]);
    let triggers = import(&read(&dir.join("resource-triggers.json"))).unwrap();
    let p = &triggers.policies;
    assert_eq!(p.database_connections_trigger_pct, None);
    assert_eq!(p.database_storage_trigger_pct, Some(75.0));
    assert_eq!(p.redis_memory_trigger_pct, Some(90.0));
    // The walks take each limit's own, else the plan's 80 %.
    let results = headroom_core::engine::run(&triggers.validate().unwrap());
    let walked = &results.scenarios[0];
    assert_eq!(walked.database_tiers.triggers, [0.8, 0.75]);
    assert_eq!(walked.redis_plans.triggers[0], 0.9);
    // Written before a cost line could include units or be paid in some months only: every
    // line is paid every month for every unit.
    assert!(default_yaml
        .baseline
        .other_costs
        .iter()
        .all(|l| l.included_units == 0.0 && l.from_month.is_none() && l.until_month.is_none()));
    let lines = import(&read(&dir.join("cost-lines.yaml"))).unwrap();
    let other = &lines.baseline.other_costs;
    assert_eq!(other[0].included_units, 100_000.0);
    assert_eq!((other[1].from_month, other[1].until_month), (None, Some(5)));
    assert_eq!((other[2].from_month, other[2].until_month), (Some(6), None));
    let results = headroom_core::engine::run(&lines.validate().unwrap());
    let usd = |month: usize, line: usize| {
        results.scenarios[0].months[month - 1].cost.items
            [results.scenarios[0].months[month - 1].cost.items.len() - 3 + line]
            .usd_per_month
    };
    // 84 000 users in month 1: within the 100 000 included; 5 % a month passes them in month
    // 5 (97 241 in month 4, 102 103 in month 5).
    assert_eq!(usd(1, 0), 25.0);
    assert_eq!(usd(4, 0), 25.0);
    let month_5_users = 80_000.0 * 1.05_f64.powi(5);
    assert!((usd(5, 0) - (25.0 + 0.00325 * (month_5_users - 100_000.0))).abs() < 1e-9);
    // CloudFlare until month 5, its Pro plan from month 6.
    assert_eq!([usd(5, 1), usd(5, 2)], [20.0, 0.0]);
    assert_eq!([usd(6, 1), usd(6, 2)], [0.0, 200.0]);
    // Written back, the months and the units included stay; lines without write none.
    let text = headroom_core::codec::plan_file::to_json(&lines).unwrap();
    assert_eq!(text.matches("included_units").count(), 1);
    assert_eq!(text.matches("\"from_month\"").count(), 1);
    assert_eq!(text.matches("\"until_month\"").count(), 1);
    assert_eq!(import(&text).unwrap(), lines);
    // Written before data and background work could grow at their own rates: data follows
    // the units, background work stays at today's level.
    assert!(default_yaml
        .scenarios
        .iter()
        .all(|s| s.data_monthly_growth_pct.is_none() && s.background_monthly_growth_pct.is_none()));
    let own = import(&read(&dir.join("own-growth.json"))).unwrap();
    assert_eq!(own.scenarios[0].data_monthly_growth_pct, None);
    assert_eq!(own.scenarios[1].data_monthly_growth_pct, Some(2.84));
    assert_eq!(own.scenarios[1].background_monthly_growth_pct, Some(3.99));
    let results = headroom_core::engine::run(&own.validate().unwrap());
    let (with_units, own_rates) = (&results.scenarios[0], &results.scenarios[1]);
    // Both start from 100 GB (20 + 0.16 × 500): with units 20 + 0.16 × 500 × 1.0344¹², on
    // its own 100 × 1.0284¹²; background connections ⌈10 × 1.0399¹²⌉ = 16 against 10.
    let year = |rate: f64| (1.0 + rate / 100.0_f64).powi(12);
    let close = |a: f64, b: f64| (a - b).abs() < 1e-9 * b.max(1.0);
    assert!(close(
        with_units.months[11].database.data_gb,
        20.0 + 80.0 * year(3.44)
    ));
    assert!(close(
        own_rates.months[11].database.data_gb,
        100.0 * year(2.84)
    ));
    assert_eq!(with_units.months[11].database.background_connections, 10.0);
    assert_eq!(own_rates.months[11].database.background_connections, 16.0);
    // The fixed 20 req/s grow too; the rest follows the users in both.
    assert!(close(
        own_rates.months[11].peak_rps - with_units.months[11].peak_rps,
        20.0 * (year(3.99) - 1.0)
    ));
    // Written back, the rates stay; a scenario without them writes none.
    let text = headroom_core::codec::plan_file::to_json(&own).unwrap();
    assert_eq!(text.matches("data_monthly_growth_pct").count(), 1);
    assert_eq!(import(&text).unwrap(), own);
    // Written before a voice target could be a response time or the peak concurrency stated:
    // its wait target reads as it was, the rest as defaults.
    let voice = import(&read(&dir.join("voice-wait.json"))).unwrap();
    assert_eq!(
        voice.policies.voice.target,
        headroom_core::plan::VoiceTarget::Wait
    );
    assert_eq!(voice.policies.voice.wait_target_s, 1.5);
    assert_eq!(voice.policies.voice.percentile_pct, 90.0);
    assert_eq!(
        voice.policies.voice.response_target_s,
        Plan::default().policies.voice.response_target_s
    );
    assert_eq!(
        voice
            .baseline
            .voice
            .as_ref()
            .map(|v| v.peak_concurrent_sessions),
        Some(0.0)
    );

    let hand = import(&read(&dir.join("hand-written.yaml"))).unwrap();
    assert_eq!(hand.name, "Bakery app");
    assert_eq!(hand.scenarios.len(), 2);
    assert_eq!(hand.scenarios[1].calendar[0].year, Some(2027));
    assert!(matches!(
        hand.baseline.traffic,
        Traffic::DailyVolume { requests_per_unit_per_day, .. } if requests_per_unit_per_day == 5000.0
    ));
    // Omitted sections take their defaults.
    assert_eq!(hand.policies, Plan::default().policies);

    // A file downloaded with its results: the results are skipped, the inputs read.
    let with_results = import(&read(&dir.join("with-results.yaml"))).unwrap();
    let mut expected = Plan::default();
    expected.name = "Small plan with results".to_owned();
    expected.horizon_months = 3;
    assert_eq!(with_results, expected);
}

/// Files written before plans had ranges open as they did (no ranges, and written back the
/// same, in files and links); a file with ranges opens with them, validates, and comes back
/// the same through a YAML file, a JSON file and a share link.
#[test]
fn plans_with_ranges_round_trip_and_older_files_open_unchanged() {
    use headroom_core::codec::link::Mode;
    use headroom_core::codec::share;
    use headroom_core::plan::Distribution;

    let dir = fixtures_dir().join("v1");
    for name in ["default.json", "cafe-chain.json", "own-growth.json"] {
        let text = read(&dir.join(name));
        let plan = import(&text).unwrap();
        assert_eq!(plan.uncertainty, None, "{name}");
        assert!(plan.validate().is_ok(), "{name}");
        for format in [Format::Yaml, Format::Json] {
            let written = plan_file::export(&plan, format).unwrap();
            assert!(!written.contains("uncertainty"), "{name}: {written}");
        }
        // Nor in its link: a plan without ranges packs the same JSON as before.
        let packed = String::from_utf8(share::plan_json(&plan)).unwrap();
        assert!(!packed.contains("uncertainty"), "{name}");
    }
    let yaml = import(&read(&dir.join("with-ranges.yaml"))).unwrap();
    let json = import(&read(&dir.join("with-ranges.json"))).unwrap();
    assert_eq!(yaml, json);
    assert!(yaml.validate().is_ok());
    assert_eq!(yaml.uncertainty_problems(), []);
    let u = yaml.uncertainty.as_ref().unwrap();
    assert_eq!((u.seed, u.trials, u.band_pct), (2027, 5000, [10.0, 90.0]));
    assert_eq!(u.size_for_pct, Some(90.0));
    let shapes: Vec<&str> = u.ranges.iter().map(|r| r.distribution.shape()).collect();
    assert_eq!(
        shapes,
        ["pert", "triangular", "uniform", "normal", "lognormal"]
    );
    let mut sorted = shapes.clone();
    sorted.sort_unstable();
    let mut every = Distribution::SHAPES.to_vec();
    every.sort_unstable();
    assert_eq!(sorted, every, "one range of every shape");
    // The fields keep their numbers.
    assert_eq!(yaml.baseline.units, 1000.0);
    for format in [Format::Yaml, Format::Json] {
        let text = plan_file::export(&yaml, format).unwrap();
        assert_eq!(import(&text).unwrap(), yaml, "{format}:\n{text}");
    }
    let link = share::url("https://example.org/", &yaml, Mode::Edit);
    assert_eq!(share::open(&link).unwrap().plan.plan(), &yaml);
    // Without the percentile to size for, too.
    let mut plain = yaml.clone();
    plain.uncertainty.as_mut().unwrap().size_for_pct = None;
    for format in [Format::Yaml, Format::Json] {
        let text = plan_file::export(&plain, format).unwrap();
        assert!(!text.contains("size_for_pct"), "{text}");
        assert_eq!(import(&text).unwrap(), plain, "{format}");
    }
    let link = share::url("https://example.org/", &plain, Mode::View);
    assert_eq!(share::open(&link).unwrap().plan.plan(), &plain);
}
