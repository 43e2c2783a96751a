//! Plan files: fixtures of every schema version, exact round trips through YAML and JSON
//! (including strings YAML readers like to reinterpret, checked with PyYAML), bounded reading of
//! hostile input, readable errors, a deterministic fuzz test, and a check that
//! `docs/plan-format.md` names every field.

// Tests build plans by editing the default one, and time hostile inputs with the host's clock.
#![allow(clippy::field_reassign_with_default, clippy::disallowed_methods)]

mod common;

use std::path::{Path, PathBuf};

use headroom_core::codec::plan_file::{
    self, import, import_bytes, to_json, to_yaml, Format, ImportError, MAX_FILE_BYTES,
};
use headroom_core::plan::{
    CalendarEffect, CostLine, Growth, MonthDay, Plan, Scenario, Traffic, PLAN_SCHEMA_VERSION,
};
use proptest::prelude::*;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures_dir() -> PathBuf {
    manifest_dir().join("tests/fixtures/plans")
}

/// Every fixture file: `(version directory, path)`.
fn fixtures() -> Vec<(u32, PathBuf)> {
    let mut files = Vec::new();
    let versions = std::fs::read_dir(fixtures_dir()).expect("fixtures directory");
    for dir in versions.flatten() {
        let name = dir.file_name().to_string_lossy().into_owned();
        let version: u32 = name
            .strip_prefix('v')
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("fixture directory {name} is not v<N>"));
        for file in std::fs::read_dir(dir.path())
            .expect("version directory")
            .flatten()
        {
            files.push((version, file.path()));
        }
    }
    files.sort();
    files
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// ---------------------------------------------------------------------------------------------
// Fixtures: files written by every schema version keep importing, forever.

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

// ---------------------------------------------------------------------------------------------
// Round trips.

fn assert_round_trip(plan: &Plan) {
    for format in [Format::Yaml, Format::Json] {
        let text = plan_file::export(plan, format).unwrap_or_else(|e| panic!("{format}: {e}"));
        assert_eq!(Format::detect(&text), format);
        let back = import(&text).unwrap_or_else(|e| panic!("{format}: {e}\n{text}"));
        assert_eq!(&back, plan, "{format}:\n{text}");
        assert!(back.validate().is_ok(), "{format}: {:?}", back.validate());
        // Bytes with a byte-order mark, as some editors save them.
        let with_bom = format!("\u{feff}{text}");
        assert_eq!(&import_bytes(with_bom.as_bytes()).unwrap(), plan);
    }
}

#[test]
fn the_default_plan_round_trips_exactly() {
    assert_round_trip(&Plan::default());
}

/// Strings that YAML readers are known to turn into something else when unquoted.
const TRICKY: &[&str] = &[
    "no",
    "yes",
    "on",
    "off",
    "y",
    "n",
    "true",
    "False",
    "1_000",
    "null",
    "~",
    "0x10",
    "0o17",
    "No",
    "017",
    "1e3",
    ".5",
    ".inf",
    "-.NaN",
    "12:30",
    "2027-01-01",
    "\"quoted\"",
    "'single'",
    "a: b",
    "#hash",
    "a #b",
    "- item",
    "NO",
    "[flow]",
    "{flow}",
    "&anchor",
    "*alias",
    "!tag",
    "%directive",
    "@at",
    "`tick",
    "|",
    ">",
    "?",
    "---",
    "...",
    "  leading spaces",
    "trailing spaces  ",
    "ünïcødé ☕ 日本語",
    "<script>alert(1)</script>",
    "=1+1",
    "back\\slash",
];

fn plan_named(strings: &[&str]) -> Plan {
    let mut plan = Plan::default();
    plan.name = strings[0].to_owned();
    plan.baseline.demand_unit = strings[strings.len() / 2].to_owned();
    plan.scenarios = strings
        .iter()
        .take(12)
        .map(|name| Scenario {
            name: (*name).to_owned(),
            growth: Growth::Compound {
                monthly_growth_pct: 1e-7,
                monthly_churn_pct: 0.0,
            },
            calendar: vec![CalendarEffect {
                name: (*name).to_owned(),
                from: MonthDay { month: 11, day: 20 },
                to: MonthDay { month: 11, day: 30 },
                multiplier: 3.0,
                year: None,
            }],
            traffic: None,
            data_monthly_growth_pct: None,
            background_monthly_growth_pct: None,
        })
        .collect();
    plan.baseline.other_costs = strings
        .iter()
        .map(|name| CostLine {
            name: (*name).to_owned(),
            fixed_usd_per_month: 123456.789,
            per_unit_usd_per_month: 1e-7,
            included_units: 0.0,
            from_month: None,
            until_month: None,
        })
        .collect();
    plan.catalogs.instances[0].source = strings.join(" ");
    plan
}

#[test]
fn strings_yaml_readers_reinterpret_round_trip() {
    for chunk in TRICKY.chunks(12) {
        assert_round_trip(&plan_named(chunk));
    }
    for name in TRICKY {
        assert_round_trip(&plan_named(&[name]));
    }
}

/// Every sequence that ends a line for some reader.
const LINE_BREAKS: &[&str] = &[
    "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", "\r\n",
];

/// A plan whose plan, scenario, season, cost line and unit names hold `line_break` followed by
/// YAML of their own (the plan is read back, not validated: validation refuses line breaks).
fn plan_with_line_break(line_break: &str) -> Plan {
    let names: Vec<String> = ["plan", "scenario", "note"]
        .iter()
        .map(|label| format!("{label}{line_break}headroom_plan: 99{line_break}x: {label}"))
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    plan_named(&names)
}

#[test]
fn line_breaks_in_names_stay_inside_strings() {
    for line_break in LINE_BREAKS {
        let plan = plan_with_line_break(line_break);
        let yaml = to_yaml(&plan).unwrap();
        let json = to_json(&plan).unwrap();
        let from_yaml: serde_json::Value = serde_saphyr::from_str(&yaml).unwrap();
        let from_json: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(from_yaml, from_json, "{line_break:?}\n{yaml}");
        assert_eq!(
            from_yaml.as_object().map(|top| top.len()),
            Some(2),
            "{line_break:?}\n{yaml}"
        );
        assert_eq!(from_yaml["plan"]["name"], plan.name.as_str());
        assert_eq!(import(&yaml).unwrap(), plan, "{line_break:?}");
        assert_eq!(import(&json).unwrap(), plan, "{line_break:?}");
        // No line of either file starts with the injected key (in a block scalar it is
        // indented, part of the string).
        for text in [&yaml, &json] {
            for line in text
                .split("\r\n")
                .flat_map(|part| part.split(headroom_core::text::is_line_break))
            {
                assert!(!line.starts_with("headroom_plan: 99"), "{line:?}");
            }
        }
    }
}

#[test]
fn ambiguous_strings_are_quoted_in_yaml() {
    let text = to_yaml(&plan_named(&["no", "on", "1_000", "~", "0x10", "yes"])).unwrap();
    for quoted in [
        "\"no\"",
        "\"on\"",
        "\"1_000\"",
        "\"~\"",
        "\"0x10\"",
        "\"yes\"",
    ] {
        assert!(
            text.contains(&format!("name: {quoted}")),
            "{quoted} is not quoted:\n{text}"
        );
    }
}

/// A number within `min..=max`: one of the values serializers get wrong, or any in the range.
fn number(min: f64, max: f64) -> BoxedStrategy<f64> {
    let specials: Vec<f64> = [
        0.0,
        1e-7,
        0.1,
        0.3,
        1.0 / 3.0,
        2.5,
        123456.789,
        1e12,
        1e9,
        999_999.999_999,
        f64::EPSILON,
        5e-324,
    ]
    .into_iter()
    .filter(|v| (min..=max).contains(v))
    .collect();
    if specials.is_empty() {
        (min..=max).boxed()
    } else {
        prop_oneof![proptest::sample::select(specials), min..=max].boxed()
    }
}

fn name() -> BoxedStrategy<String> {
    prop_oneof![
        proptest::sample::select(TRICKY).prop_map(str::to_owned),
        // Printable text (no control characters, which validation rejects), not only spaces.
        "[^\\p{Cc}]{0,30}[a-zA-Z0-9☕é][^\\p{Cc}]{0,30}",
    ]
    .boxed()
}

proptest! {
    // Five drawn names, each of which may hold a character validation refuses (invisible or
    // direction marks among the printable ones), reject most plans drawn: up to 8 192 may be
    // set aside before 256 valid ones are found (proptest's default of 1 024 ran out in a
    // fresh clone's run: 248 valid, 1 024 set aside).
    #![proptest_config(ProptestConfig {
        cases: 256,
        max_global_rejects: 8192,
        ..ProptestConfig::default()
    })]

    #[test]
    fn varied_plans_round_trip_exactly(
        units in number(0.0, 1e9),
        requests in number(0.0, 1e9),
        ratio in number(1.0, 100.0),
        data_fixed in number(0.0, 1e6),
        redis_per_unit in number(0.0, 1e5),
        growth in number(-100.0, 1000.0),
        churn in number(0.0, 100.0),
        capacity in number(0.001, 1e7),
        price in number(0.0, 1e7),
        fixed_cost in number(0.0, 1e9),
        bill in number(0.0, 1e10),
        plan_name in name(),
        unit_name in name(),
        scenario_name in name(),
        cost_name in name(),
    ) {
        let mut plan = Plan::default();
        plan.name = plan_name;
        plan.baseline.demand_unit = unit_name;
        plan.baseline.units = units;
        plan.baseline.traffic = Traffic::DailyVolume {
            requests_per_unit_per_day: requests,
            peak: headroom_core::plan::PeakShape::PeakToAverage { ratio },
        };
        plan.baseline.database.data_gb_fixed = data_fixed;
        plan.baseline.redis.memory_mb_per_unit = redis_per_unit;
        plan.baseline.today.monthly_bill_usd = bill;
        plan.baseline.other_costs = vec![CostLine {
            name: cost_name,
            fixed_usd_per_month: fixed_cost,
            per_unit_usd_per_month: 0.0,
            included_units: 0.0,
            from_month: None,
            until_month: None,
        }];
        plan.scenarios[0].name = scenario_name;
        plan.scenarios[0].growth = Growth::Compound {
            monthly_growth_pct: growth,
            monthly_churn_pct: if growth - churn < -100.0 { 0.0 } else { churn },
        };
        plan.catalogs.instances[0].capacity_rps = capacity;
        plan.catalogs.instances[1].usd_per_month = price;
        prop_assume!(plan.validate().is_ok());
        for format in [Format::Yaml, Format::Json] {
            let text = plan_file::export(&plan, format).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let back = import(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            prop_assert_eq!(&back, &plan);
            prop_assert!(back.validate().is_ok());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Other YAML readers: PyYAML (YAML 1.1, the most eager to reinterpret) reads exported YAML as
// the same document as the JSON export.

#[test]
fn pyyaml_reads_exported_yaml_as_the_json_export() {
    let Some(python) = crate::common::python_with_pyyaml() else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("headroom-pyyaml-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut plans = vec![Plan::default()];
    plans.extend(TRICKY.chunks(12).map(plan_named));
    plans.extend(LINE_BREAKS.iter().map(|b| plan_with_line_break(b)));
    for (i, plan) in plans.iter().enumerate() {
        std::fs::write(dir.join(format!("{i}.yaml")), to_yaml(plan).unwrap()).unwrap();
        std::fs::write(dir.join(format!("{i}.json")), to_json(plan).unwrap()).unwrap();
    }
    let script = r#"
import json, sys, yaml
for i in range(int(sys.argv[2])):
    base = f"{sys.argv[1]}/{i}"
    with open(base + ".yaml", encoding="utf-8", newline="") as f:
        from_yaml = yaml.safe_load(f)
    with open(base + ".json", encoding="utf-8") as f:
        from_json = json.load(f)
    if from_yaml != from_json:
        print(f"plan {i}: PyYAML reads the YAML differently")
        for scenario in from_yaml["plan"]["scenarios"]:
            print(repr(scenario["name"]), type(scenario["name"]).__name__)
        sys.exit(1)
print("same")
"#;
    let count = plans.len().to_string();
    crate::common::run_python(&python, script, &[dir.as_os_str(), count.as_ref()], &dir);
}

/// PyYAML reads what `yaml_writer` writes as the same document as its JSON: every tricky
/// string and line break as a value, a key, a sequence item and a flow item, several lines
/// as literal blocks, and floats YAML 1.1 must not take for integers or strings.
#[test]
fn pyyaml_reads_the_yaml_writer_as_json() {
    use headroom_core::codec::{json, yaml_writer};
    let Some(python) = crate::common::python_with_pyyaml() else {
        return;
    };
    let mut strings: Vec<String> = TRICKY.iter().map(|s| (*s).to_owned()).collect();
    strings.extend(LINE_BREAKS.iter().map(|b| format!("a{b}b: c{b}")));
    strings.extend(
        [
            "",
            " ",
            "a ",
            " a",
            "2027-01",
            "1.4.2",
            "1930m",
            "--flag",
            "a,b",
            "x\ny\n",
            "x\n\ny",
            "x\ny\n\n",
            "\u{feff}a",
            "tab\there",
            "é",
            "=",
            "<<",
            "Café ✓",
        ]
        .map(str::to_owned),
    );
    let texts: Vec<serde_json::Value> = strings.iter().map(|s| s.as_str().into()).collect();
    let keyed: serde_json::Map<String, serde_json::Value> = strings
        .iter()
        .map(|s| (s.clone(), s.as_str().into()))
        .collect();
    let numbers = serde_json::json!([
        0,
        -1,
        u64::MAX,
        i64::MIN,
        1.0,
        -0.0,
        0.1,
        1e21,
        1e-7,
        2.5e-300,
        1.7976931348623157e308,
        123_456_789.125
    ]);
    let document = serde_json::json!({
        "values": texts,
        "keys": keyed,
        "rows": [texts, [1, 2.5, null, true]],
        "numbers": numbers,
        "empty": {"map": {}, "list": []},
        "nested": [[["a"], {"b": [{"c": {}}]}], []],
    });
    let styles = [
        yaml_writer::Style::default(),
        yaml_writer::Style {
            flow_keys: &["rows", "values"],
            literal_blocks: true,
        },
    ];
    let dir = std::env::temp_dir().join(format!("headroom-yaml-writer-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (i, style) in styles.into_iter().enumerate() {
        let text = yaml_writer::to_string(&document, style);
        assert_eq!(
            serde_saphyr::from_str::<serde_json::Value>(&text).unwrap(),
            document
        );
        std::fs::write(dir.join(format!("{i}.yaml")), text).unwrap();
    }
    std::fs::write(dir.join("document.json"), json::write(&document)).unwrap();
    let script = r#"
import json, sys, yaml
with open(sys.argv[1] + "/document.json", encoding="utf-8") as f:
    expected = json.load(f)
for i in range(2):
    with open(f"{sys.argv[1]}/{i}.yaml", encoding="utf-8", newline="") as f:
        read = yaml.safe_load(f)
    if read != expected:
        for key in expected:
            if read.get(key) != expected[key]:
                print(f"style {i}, {key}: {read.get(key)!r} != {expected[key]!r}")
        sys.exit(1)
print("same")
"#;
    crate::common::run_python(&python, script, &[dir.as_os_str()], &dir);
}

// ---------------------------------------------------------------------------------------------
// Errors say what and where.

#[test]
fn field_errors_name_the_field_and_its_path() {
    let text = read(&fixtures_dir().join("v1/hand-written.yaml")).replace("units: 40", "untis: 40");
    let error = import(&text).unwrap_err();
    assert!(
        matches!(
            error,
            ImportError::Content {
                format: Format::Yaml,
                ..
            }
        ),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.contains("at `plan.baseline.untis`: unknown field `untis`"),
        "{message}"
    );

    let text = read(&fixtures_dir().join("v1/default.json")).replacen(
        "\"units\": 1000.0",
        "\"units\": \"many\"",
        1,
    );
    let error = import(&text).unwrap_err();
    assert!(
        matches!(
            error,
            ImportError::Content {
                format: Format::Json,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains("at `plan.baseline.units`: invalid type: string \"many\""),
        "{error}"
    );
}

#[test]
fn syntax_errors_carry_a_position() {
    let error = import("headroom_plan: 1\nplan: [unclosed\n").unwrap_err();
    assert!(
        matches!(
            error,
            ImportError::Syntax {
                format: Format::Yaml,
                position: Some(_),
                ..
            }
        ),
        "{error:?}"
    );
    let error = import("{\"headroom_plan\": 1,\n \"plan\": }").unwrap_err();
    let ImportError::Syntax {
        format: Format::Json,
        position: Some(position),
        ..
    } = error
    else {
        panic!("{error:?}");
    };
    assert_eq!(position.line, 2);
}

#[test]
fn files_that_are_not_plans_are_refused_in_words() {
    assert_eq!(import("  \n"), Err(ImportError::Empty));
    for text in [
        "name: x\n",
        "{\"plan\": {}}",
        "- a\n- b\n",
        "[1, 2]",
        "just text",
    ] {
        let error = import(text).unwrap_err();
        assert!(
            matches!(error, ImportError::NotAPlanFile { .. }),
            "{text}: {error:?}"
        );
        assert!(error.to_string().contains("headroom_plan"), "{error}");
    }
    let error = import("headroom_plan: 2\nplan: {}\n").unwrap_err();
    assert_eq!(
        error,
        ImportError::TooNew {
            version: 2,
            supported: 1
        }
    );
    assert_eq!(
        error.to_string(),
        "This plan file was written by a newer Headroom (plan format 2; this version reads up to \
         1): open it with the newer version"
    );
}

/// A message a person can read: names the problem in words, quotes no more than a short
/// excerpt, and holds nothing that looks like a Rust value (`Name { field: … }`).
fn assert_in_words(message: &str) {
    assert!(
        message.chars().count() <= 300,
        "{} chars: {message}",
        message.len()
    );
    assert!(!message.contains('{'), "{message}");
    for developer in [
        "struct ",
        "Some(",
        "None",
        "budget breached",
        "Error",
        "input is out of range",
    ] {
        assert!(!message.contains(developer), "{developer:?} in {message}");
    }
}

#[test]
fn anchor_and_alias_limits_are_explained_in_words() {
    // One anchor over more events than the reader records for aliases.
    let recorded = format!("a: &x [{}]\nb: *x\n", "1, ".repeat(10_001));
    // An anchor repeated past its expansion limit, and more anchors than allowed.
    let expanded = format!("a: &x [1, 2]\nb: [{}]\n", "*x, ".repeat(11));
    let anchors: String = (0..101).map(|i| format!("a{i}: &a{i} 1\n")).collect();
    for text in [recorded, expanded] {
        let error = import(&text).unwrap_err();
        assert!(matches!(error, ImportError::TooComplex { .. }), "{error:?}");
        let message = error.to_string();
        assert_in_words(&message);
        assert!(
            message.contains("aliases (`*name`) repeat parts of the file"),
            "{message}"
        );
    }
    let message = import(&anchors).unwrap_err().to_string();
    assert_in_words(&message);
    assert!(message.contains("more than 100 anchors"), "{message}");
    let message = import("a: *nowhere\n").unwrap_err().to_string();
    assert_in_words(&message);
    assert!(
        message.contains("alias (`*name`) refers to an anchor"),
        "{message}"
    );
}

#[test]
fn impossible_dates_and_months_are_named_in_words() {
    let yaml = read(&fixtures_dir().join("v1/hand-written.yaml"));
    let message = import(&yaml.replacen("start: 2027-03", "start: 2027-13", 1))
        .unwrap_err()
        .to_string();
    assert_in_words(&message);
    assert!(
        message.contains("`plan.start`: \"2027-13\" names month 13, which does not exist"),
        "{message}"
    );
    let message = import(&yaml.replacen("start: 2027-03", "start: 2027-02-30", 1))
        .unwrap_err()
        .to_string();
    assert_in_words(&message);
    assert!(
        message.contains("`plan.start`: \"2027-02-30\" is not a month written as YYYY-MM"),
        "{message}"
    );
    let cafe = read(&fixtures_dir().join("v1/cafe-chain.yaml"));
    let text = cafe.replacen("date: \"2026-09-01\"", "date: \"2026-02-30\"", 1);
    assert_ne!(text, cafe);
    let message = import(&text).unwrap_err().to_string();
    assert_in_words(&message);
    assert!(
        message.contains("not a date that exists, written as YYYY-MM-DD"),
        "{message}"
    );
    // Inside the growth model and its list of points, the message names the point's field.
    assert!(
        message.contains("at `plan.scenarios[1].growth.history[0].date`: not a date"),
        "{message}"
    );
    // A month or a day that does not parse is named even as the last field of its mapping.
    let text = yaml.replacen("  start: 2027-03\n", "", 1) + "  start: 2027-13\n";
    assert!(text.ends_with("year: 2027\n  start: 2027-13\n"), "{text}");
    let message = import(&text).unwrap_err().to_string();
    assert!(
        message.contains("at `plan.start`: \"2027-13\" names month 13"),
        "{message}"
    );
    let text = yaml.replacen(
        "to: 11-30\n          multiplier: 3\n          year: 2027",
        "multiplier: 3\n          year: 2027\n          to: 11-31",
        1,
    );
    assert_ne!(text, yaml);
    let message = import(&text).unwrap_err().to_string();
    assert!(
        message.contains("at `plan.scenarios[1].calendar[0].to`: \"11-31\" is not a day"),
        "{message}"
    );
}

#[test]
fn two_documents_are_named_as_such() {
    for text in [
        "a: 1\n---\nb: 2\n",
        "headroom_plan: 1\nplan: {}\n---\nheadroom_plan: 1\n",
    ] {
        let error = import(text).unwrap_err();
        assert!(
            matches!(error, ImportError::NotAPlanFile { .. }),
            "{error:?}"
        );
        let message = error.to_string();
        assert_in_words(&message);
        assert!(message.contains("more than one YAML document"), "{message}");
        assert!(!message.contains("nested"), "{message}");
    }
}

#[test]
fn parser_messages_are_in_words() {
    for (text, expected) in [
        ("a: 1\na: 2\n", "the key `a` appears twice"),
        (
            "headroom_plan: 1\nplan: {horizon_months: 1e999}\n",
            "the number `1e999` is too large",
        ),
        (
            "headroom_plan: 1\nplan: 3\n",
            "expected a mapping of fields",
        ),
    ] {
        let message = import(text).unwrap_err().to_string();
        assert_in_words(&message);
        assert!(message.contains(expected), "{message}");
    }
}

#[test]
fn long_hostile_inputs_give_short_messages() {
    let long = "k".repeat(100_000);
    let hidden = format!("a\u{202E}b\u{2028}{}", "x".repeat(1000));
    let deep_json = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let texts = [
        "a".repeat(100_000),
        format!("{long}: 1\n"),
        format!("{long}\n"),
        "[".repeat(100_000),
        "{a: ".repeat(10_000),
        deep_json,
        format!("headroom_plan: 1\nplan: {{}}\n{long}: 1\n"),
        format!("headroom_plan: 1\nplan: {{name: x, {long}: 1}}\n"),
        format!("headroom_plan: \"{long}\"\nplan: {{}}\n"),
        format!("headroom_plan: {}\nplan: {{}}\n", "9".repeat(50_000)),
        format!("headroom_plan: 1\nplan: {{start: \"{long}\"}}\n"),
        format!("headroom_plan: 1\nplan: {{start: \"2027-{long}\"}}\n"),
        format!("headroom_plan: 1\nplan: {{name: \"\\q{long}\"}}\n"),
        format!("{{\"headroom_plan\": 1, \"plan\": {{\"{long}\": 1}}}}"),
        format!("{{\"headroom_plan\": 1, \"{long}\": 1}}"),
        format!("{{\"headroom_plan\": 1, \"plan\": {{\"start\": \"{hidden}\"}}}}"),
        format!("{{\"{long}\"}}"),
        format!("a: 1\n---\n{long}"),
        format!("a: &{long} 1\nb: *{long}x\n"),
    ];
    for text in &texts {
        let message = import(text).unwrap_err().to_string();
        // Two excerpts of at most 60 characters and the list of a mapping's fields.
        assert!(
            message.chars().count() <= 320,
            "{} chars from {:.40?}: {:.400}",
            message.chars().count(),
            text,
            message
        );
        assert!(
            !message.contains('\u{202E}') && !message.contains('\u{2028}'),
            "{message}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Hostile input is refused by a limit (size, parsing budget), not by running out of time or
// memory: each test checks which limit refused it. How fast that is belongs to benchmarks.

#[test]
fn inputs_over_the_size_cap_are_refused_before_parsing() {
    let huge = format!(
        "headroom_plan: 1\nplan:\n  name: \"{}\"\n",
        "x".repeat(10_000_000)
    );
    let error = import(&huge).unwrap_err();
    assert!(matches!(error, ImportError::TooLarge { max, .. } if max == MAX_FILE_BYTES));
    assert!(error.to_string().contains("too large"));
    let bytes = vec![b'{'; MAX_FILE_BYTES + 1];
    assert!(matches!(
        import_bytes(&bytes),
        Err(ImportError::TooLarge { .. })
    ));
}

#[test]
fn alias_bombs_are_refused() {
    // "Billion laughs": each level repeats the previous one ten times (10⁹ strings in all).
    let mut bomb = String::from(
        "headroom_plan: 1\nx0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for level in 1..10 {
        let previous = format!("*x{}", level - 1);
        bomb.push_str(&format!(
            "x{level}: &x{level} [{}]\n",
            vec![previous; 10].join(", ")
        ));
    }
    bomb.push_str("plan: *x9\n");
    let error = import(&bomb).unwrap_err();
    assert!(matches!(error, ImportError::TooComplex { .. }), "{error:?}");
}

#[test]
fn deep_nesting_is_refused() {
    let cases = [
        format!("headroom_plan: 1\nplan: {}", "[".repeat(100_000)),
        format!("headroom_plan: 1\nplan: {}", "{a: ".repeat(10_000)),
        (0..500)
            .map(|i| format!("{}- x\n", "  ".repeat(i)))
            .collect(),
        (0..500).map(|i| format!("{}k:\n", " ".repeat(i))).collect(),
        format!("{{\"headroom_plan\": 1, \"plan\": {}", "[".repeat(100_000)),
    ];
    for text in cases {
        let error = import(&text).unwrap_err();
        assert!(
            matches!(
                error,
                ImportError::TooComplex { .. }
                    | ImportError::Syntax { .. }
                    | ImportError::NotAPlanFile { .. }
            ),
            "{error:?}"
        );
    }
}

#[test]
fn a_large_but_allowed_file_is_read_whole() {
    // Just under the cap: a plan with many cost lines is read in well under a second.
    let mut plan = Plan::default();
    plan.baseline.other_costs = (0..500)
        .map(|i| CostLine {
            name: format!("cost line {i} {}", "x".repeat(100)),
            fixed_usd_per_month: f64::from(i),
            per_unit_usd_per_month: 0.0,
            included_units: 0.0,
            from_month: None,
            until_month: None,
        })
        .collect();
    let text = to_yaml(&plan).unwrap();
    assert!(text.len() < MAX_FILE_BYTES);
    assert_eq!(import(&text).unwrap(), plan);
}

// ---------------------------------------------------------------------------------------------
// Deterministic fuzzing: mutated plan files never panic.

/// Xorshift64: small, seeded, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Fragments that steer a YAML or JSON parser into its rarer paths.
const SYNTAX: &[&str] = &[
    "&a ",
    "*a",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "? ",
    "!!str ",
    "!!binary ",
    "!custom ",
    "%YAML 1.2\n",
    "---\n",
    "...\n",
    "|\n",
    ">-\n",
    "\"",
    "'",
    "#",
    "\t",
    "\n",
    "\\u0000",
    "<<: *a\n",
    ",",
    "null",
    "~",
    "1e999",
    "-0",
    "\u{feff}",
    "\r\n",
    "é",
];

/// Applies one random mutation to `bytes`: a bit flip, a truncation, an inserted syntax
/// fragment, a duplicated slice, a replaced byte or a deleted range.
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let len = bytes.len();
    match rng.below(6) {
        0 if len > 0 => {
            let at = rng.below(len);
            bytes[at] ^= 1 << rng.below(8);
        }
        1 => bytes.truncate(rng.below(len + 1)),
        2 => {
            let fragment = SYNTAX[rng.below(SYNTAX.len())].as_bytes();
            let at = rng.below(len + 1);
            bytes.splice(at..at, fragment.iter().copied());
        }
        3 if len > 0 => {
            let start = rng.below(len);
            let end = start + 1 + rng.below((len - start).min(64));
            let copy = bytes[start..end].to_vec();
            let at = rng.below(len + 1);
            bytes.splice(at..at, copy);
        }
        4 if len > 0 => {
            let at = rng.below(len);
            bytes[at] = b' ' + rng.below(95) as u8;
        }
        _ if len > 0 => {
            let start = rng.below(len);
            let end = start + rng.below((len - start).min(32) + 1);
            bytes.drain(start..end);
        }
        _ => bytes.push(b'\n'),
    }
}

#[test]
fn mutated_plan_files_never_panic() {
    let seeds: Vec<Vec<u8>> = fixtures()
        .iter()
        .map(|(_, path)| read(path).into_bytes())
        .collect();
    let mut rng = Rng(0x5eed_cafe_f00d_d00d);
    let mut accepted = 0;
    for _ in 0..3_000 {
        let mut bytes = seeds[rng.below(seeds.len())].clone();
        for _ in 0..=rng.below(6) {
            mutate(&mut rng, &mut bytes);
        }
        // Both entry points: raw bytes (may not be UTF-8) and text.
        let result = import_bytes(&bytes);
        let text = String::from_utf8_lossy(&bytes);
        let text_result = import(&text);
        if let Ok(plan) = text_result {
            accepted += 1;
            // Whatever was accepted validates or is rejected in words, and never panics.
            let _ = plan.validate();
        } else if let Err(error) = &result {
            assert!(!error.to_string().is_empty());
        }
    }
    // Some mutations (in comments, or digit changes) still give a plan.
    assert!(accepted > 0);
}

// ---------------------------------------------------------------------------------------------
// The format documentation names every field.

fn collect_keys(value: &serde_json::Value, keys: &mut std::collections::BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                keys.insert(key.clone());
                collect_keys(inner, keys);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| collect_keys(i, keys)),
        _ => {}
    }
}

#[test]
fn the_format_documentation_names_every_field() {
    let doc = read(&manifest_dir().join("../docs/plan-format.md"));
    let mut keys = std::collections::BTreeSet::new();
    collect_keys(
        &serde_json::to_value(plan_file::PlanFile::new(Plan::default())).unwrap(),
        &mut keys,
    );
    for (_, path) in fixtures() {
        let text = read(&path);
        let value: serde_json::Value = if path.extension().is_some_and(|e| e == "json") {
            serde_json::from_str(&text).unwrap()
        } else {
            serde_json::to_value(plan_file::PlanFile::new(import(&text).unwrap())).unwrap()
        };
        collect_keys(&value, &mut keys);
    }
    let missing: Vec<_> = keys
        .iter()
        // A field is named on its own (`units`) or at the end of a path (`points[].month`).
        .filter(|key| !doc.contains(&format!("`{key}`")) && !doc.contains(&format!(".{key}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/plan-format.md does not mention {missing:?}"
    );
}

#[test]
fn the_examples_in_the_format_documentation_import_and_validate() {
    let doc = read(&manifest_dir().join("../docs/plan-format.md"));
    let mut examples = 0;
    for fence in ["```yaml\n", "```json\n"] {
        for block in doc.split(fence).skip(1) {
            let text = block.split("```").next().unwrap_or_default();
            let plan = import(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
            assert!(plan.validate().is_ok(), "{:?}", plan.validate());
            examples += 1;
        }
    }
    assert_eq!(examples, 5);
}

// ---------------------------------------------------------------------------------------------
// Plan files with their results: the inputs read back exactly, the results are what the engine
// computes, and the section is ignored on import.

mod with_results {
    use super::*;
    use headroom_core::codec::plan_file::export_with_results;
    use headroom_core::codec::results;
    use headroom_core::engine;
    use headroom_core::presets::TEMPLATES;
    use headroom_core::validate::MAX_SCENARIOS;

    fn parse(text: &str, format: Format) -> serde_json::Value {
        match format {
            Format::Yaml => serde_saphyr::from_str(text).unwrap(),
            Format::Json => serde_json::from_str(text).unwrap(),
        }
    }

    #[test]
    fn every_template_round_trips_with_the_results_it_computes() {
        for template in &TEMPLATES {
            let plan = template.build().validate().unwrap();
            let computed = engine::run(&plan);
            let expected = serde_json::to_value(results::section(&plan, &computed)).unwrap();
            for format in [Format::Yaml, Format::Json] {
                let text = export_with_results(&plan, &computed, format).unwrap();
                let back = import(&text).unwrap_or_else(|e| panic!("{}: {e}", template.id));
                assert_eq!(&back, plan.plan(), "{} {format}", template.id);
                // The results in the file are what opening it computes again.
                let again = engine::run(&back.validate().unwrap());
                assert_eq!(again, computed, "{}", template.id);
                let document = parse(&text, format);
                assert_eq!(document["results"], expected, "{} {format}", template.id);
                let section = &document["results"];
                assert_eq!(section["derived"], results::DERIVED_NOTE);
                assert_eq!(
                    section["scenarios"].as_array().unwrap().len(),
                    plan.plan().scenarios.len()
                );
                for scenario in section["scenarios"].as_array().unwrap() {
                    for row in scenario["months"].as_array().unwrap() {
                        assert_eq!(row.as_array().unwrap().len(), results::COLUMNS.len());
                    }
                }
            }
        }
    }

    #[test]
    fn the_yaml_says_the_results_are_derived_and_writes_rows_as_flow_sequences() {
        let plan = Plan::default().validate().unwrap();
        let text = export_with_results(&plan, &engine::run(&plan), Format::Yaml).unwrap();
        let at = text.find("\nresults:\n").expect("a results section");
        let before = &text[..at];
        assert!(
            before.ends_with("computes the results again."),
            "{}",
            &before[before.len() - 120..]
        );
        assert!(
            text.contains("  columns: [month, calendar_month, units,"),
            "{text}"
        );
        assert!(
            text.contains(
                "\n    - [1, \"2027-01\", 1040.0, 7.22, 2, 45.0, Supabase Micro, false, "
            ),
            "{}",
            &text[at..]
        );
    }

    #[test]
    fn edited_results_are_ignored_on_import() {
        let plan = Plan::default().validate().unwrap();
        let text = export_with_results(&plan, &engine::run(&plan), Format::Yaml).unwrap();
        let edited = text.replace(
            "\n    - [1, \"2027-01\", 1040.0, ",
            "\n    - [1, \"2027-01\", 99999, ",
        );
        assert_ne!(edited, text);
        assert_eq!(import(&edited).unwrap(), Plan::default());
        // Anything well-formed goes under `results`; nothing else is added at the top.
        let replaced = format!(
            "{}results: {{anything: [1, 2, no]}}\n",
            to_yaml(&Plan::default()).unwrap()
        );
        assert_eq!(import(&replaced).unwrap(), Plan::default());
        let extra = format!("{}resultz: 1\n", to_yaml(&Plan::default()).unwrap());
        assert!(matches!(import(&extra), Err(ImportError::Content { .. })));
    }

    #[test]
    fn the_largest_plan_with_results_stays_within_the_reading_budget() {
        let mut plan = Plan::default();
        plan.horizon_months = 120;
        plan.scenarios = (0..MAX_SCENARIOS)
            .map(|i| Scenario {
                name: format!("Scenario {i}"),
                growth: Growth::Compound {
                    monthly_growth_pct: 3.0 + i as f64,
                    monthly_churn_pct: 0.5,
                },
                calendar: Vec::new(),
                traffic: None,
                data_monthly_growth_pct: None,
                background_monthly_growth_pct: None,
            })
            .collect();
        let plan = plan.validate().unwrap();
        let computed = engine::run(&plan);
        for format in [Format::Yaml, Format::Json] {
            let text = export_with_results(&plan, &computed, format).unwrap();
            assert!(
                text.len() < MAX_FILE_BYTES / 2,
                "{format}: {} bytes",
                text.len()
            );
            // Within the parsing budget (node, event and byte counts), not only the size cap.
            let back = import(&text).unwrap_or_else(|e| panic!("{format}: {e}"));
            assert_eq!(&back, plan.plan(), "{format}");
        }
    }

    #[test]
    fn pyyaml_reads_results_as_the_json_export() {
        let Some(python) = crate::common::python_with_pyyaml() else {
            return;
        };
        let mut plan = plan_named(&TRICKY[..12]);
        plan.catalogs.databases[1].name = "no".to_owned();
        let plan = plan.validate().unwrap();
        let computed = engine::run(&plan);
        let yaml = export_with_results(&plan, &computed, Format::Yaml).unwrap();
        let json = export_with_results(&plan, &computed, Format::Json).unwrap();
        let dir = std::env::temp_dir().join(format!("headroom-results-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("plan.yaml"), yaml).unwrap();
        std::fs::write(dir.join("plan.json"), json).unwrap();
        let script = r#"
import json, sys, yaml
with open(sys.argv[1] + "/plan.yaml", encoding="utf-8") as f:
    from_yaml = yaml.safe_load(f)
with open(sys.argv[1] + "/plan.json", encoding="utf-8") as f:
    from_json = json.load(f)
if from_yaml != from_json:
    for a, b in zip(from_yaml["results"]["scenarios"][0]["months"], from_json["results"]["scenarios"][0]["months"]):
        if a != b:
            print(a, b)
            break
    sys.exit(1)
print("same")
"#;
        crate::common::run_python(&python, script, &[dir.as_os_str()], &dir);
    }
}
