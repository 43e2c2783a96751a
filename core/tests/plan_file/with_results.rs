//! Plan files with their results: the inputs read back exactly, the results are what the engine
//! computes, and the section is ignored on import.

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
        text.contains("\n    - [1, \"2027-01\", 1040.0, 7.22, 2, 45.0, Supabase Micro, false, "),
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
