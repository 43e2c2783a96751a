//! Round trips: plans read back exactly from YAML and JSON, including strings YAML readers
//! like to reinterpret, line breaks in names, and plans drawn at random.

use super::*;
use proptest::prelude::*;

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

#[test]
fn strings_yaml_readers_reinterpret_round_trip() {
    for chunk in TRICKY.chunks(12) {
        assert_round_trip(&plan_named(chunk));
    }
    for name in TRICKY {
        assert_round_trip(&plan_named(&[name]));
    }
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
