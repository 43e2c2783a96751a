//! Writes exports into a directory, for `scripts/validate-exports.sh` to check with the Compose
//! and Kubernetes validators and `scripts/validate_exports.py`'s conventions:
//!
//! ```text
//! cargo run -p headroom-core --example export_samples -- OUTDIR
//! ```
//!
//! It writes:
//! - for every hand-made sample spec (`headroom_core::export::samples`): `<name>.compose.yaml`,
//!   `<name>.k8s.yaml`, `<name>.helm-values.yaml` and `<name>.csv`;
//! - for every template (the café voice pilot and VoiceAssist among them), every scenario, and
//!   its first, busiest and last month: the deployment exports built from the plan's results
//!   (`template-<id>-s<scenario>-m<month>.compose.yaml`, `.k8s.yaml` and `.helm-values.yaml`);
//! - for every template, the plan file with its results (`<id>.plan.yaml`, `<id>.plan.json`)
//!   and its month tables as CSV (`<id>.csv`);
//! - the default plan without results as `plan.yaml` and `plan.json`;
//! - plan files Headroom refuses, each for one reason `docs/plan.schema.json` checks too
//!   (`wrong/<reason>.json`: an unknown field, an unknown choice, a number out of range, …),
//!   which the script expects the schema to refuse.
//! - `known-images.txt`: the images the exports may name, one a line: the writers' own
//!   (`export::KNOWN_IMAGES`) and those the hand-made samples give their services
//!   (`samples::IMAGES`).

use std::path::PathBuf;
use std::process::ExitCode;

use headroom_core::codec::json;
use headroom_core::codec::plan_file::{self, Format};
use headroom_core::codec::results;
use headroom_core::engine;
use headroom_core::export::{
    compose, csv, deployment, helm, kubernetes, samples, DeploymentSpec, KNOWN_IMAGES,
};
use headroom_core::plan::Plan;
use headroom_core::presets::TEMPLATES;
use serde_json::{json, Value};

fn table(spec: &DeploymentSpec) -> String {
    let rows: Vec<Vec<String>> = spec
        .services
        .iter()
        .map(|s| {
            vec![
                s.name.clone(),
                s.replicas.to_string(),
                compose::cpus(s.cpu_limit),
                s.memory_limit_mib.0.to_string(),
            ]
        })
        .collect();
    csv::to_csv(&["service", "replicas", "cpu_cores", "memory_mib"], &rows)
}

/// Every scenario's month rows of a results section, as one CSV table.
fn results_table(section: &results::ResultsSection) -> String {
    let mut header = vec!["scenario"];
    header.extend(results::COLUMNS);
    let rows: Vec<Vec<String>> = section
        .scenarios
        .iter()
        .flat_map(|s| {
            s.months.iter().map(|row| {
                let mut cells = vec![s.name.clone()];
                cells.extend(row.iter().map(|cell| match cell {
                    serde_json::Value::String(text) => text.clone(),
                    serde_json::Value::Null => String::new(),
                    other => other.to_string(),
                }));
                cells
            })
        })
        .collect();
    csv::to_csv(&header, &rows)
}

/// The default plan's file with one change each, as `(reason, pointer to the value, new value)`;
/// a pointer to a key its mapping lacks adds that key.
fn wrong_plans() -> Result<Vec<(String, String)>, String> {
    let changes: [(&str, &str, Value); 8] = [
        ("unknown-field", "/plan/baseline/untis", json!(40)),
        (
            "unknown-choice",
            "/plan/policies/forecast_bound",
            json!("highest"),
        ),
        (
            "unknown-model",
            "/plan/scenarios/0/growth/model",
            json!("exponential"),
        ),
        ("out-of-range", "/plan/horizon_months", json!(500)),
        (
            "fraction-of-a-count",
            "/plan/policies/min_instances",
            json!(2.5),
        ),
        ("newer-version", "/headroom_plan", json!(99)),
        ("impossible-month", "/plan/start", json!("2027-13")),
        (
            "impossible-day",
            "/plan/catalogs/priced_on",
            json!("2026-02-30"),
        ),
    ];
    let mut files = Vec::new();
    for (reason, pointer, value) in changes {
        let mut document = plan_file::document(&Plan::default());
        let (parent, key) = pointer.rsplit_once('/').unwrap_or_default();
        match document.pointer_mut(parent) {
            Some(Value::Object(map)) => {
                map.insert(key.to_owned(), value);
            }
            Some(Value::Array(items)) => {
                items[key.parse::<usize>().map_err(|e| e.to_string())?] = value
            }
            _ => return Err(format!("{reason}: {pointer} is not in the plan file")),
        }
        let text = json::write_pretty(&document) + "\n";
        if plan_file::import(&text).is_ok_and(|plan| plan.validate().is_ok()) {
            return Err(format!("{reason}: Headroom opens this plan"));
        }
        files.push((format!("wrong/{reason}.json"), text));
    }
    Ok(files)
}

/// The Compose, Kubernetes and Helm files of `spec`, named `<stem>.<kind>.yaml`.
fn deployment_files(files: &mut Vec<(String, String)>, stem: &str, spec: &DeploymentSpec) {
    files.push((format!("{stem}.compose.yaml"), compose::to_yaml(spec)));
    files.push((format!("{stem}.k8s.yaml"), kubernetes::to_yaml(spec)));
    files.push((format!("{stem}.helm-values.yaml"), helm::to_yaml(spec)));
}

fn files() -> Result<Vec<(String, String)>, String> {
    let mut files: Vec<(String, String)> = Vec::new();
    for (name, spec) in [
        ("shop", samples::shop()),
        ("minimal", samples::minimal()),
        ("hostile", samples::hostile()),
    ] {
        deployment_files(&mut files, name, &spec);
        files.push((format!("{name}.csv"), table(&spec)));
    }
    for template in &TEMPLATES {
        let plan = template
            .build()
            .validate()
            .map_err(|e| format!("template {} is invalid: {e:?}", template.id))?;
        let results = engine::run(&plan);
        for (s, scenario) in results.scenarios.iter().enumerate() {
            let busiest = scenario
                .months
                .iter()
                .max_by_key(|m| m.app.instances)
                .map_or(1, |m| m.month.number());
            let mut months = vec![1, busiest, scenario.months.len() as u32];
            months.sort_unstable();
            months.dedup();
            for month in months {
                let spec =
                    deployment::spec(&plan, &results, s, month).map_err(|e| e.to_string())?;
                let stem = format!("template-{}-s{}-m{month}", template.id, s + 1);
                deployment_files(&mut files, &stem, &spec);
            }
        }
        for format in [Format::Yaml, Format::Json] {
            let text = plan_file::export_with_results(&plan, &results, format)
                .map_err(|e| e.to_string())?;
            files.push((format!("{}.plan.{}", template.id, format.extension()), text));
        }
        files.push((
            format!("{}.csv", template.id),
            results_table(&results::section(&plan, &results)),
        ));
    }
    let plan = Plan::default();
    for format in [Format::Yaml, Format::Json] {
        let text = plan_file::export(&plan, format).map_err(|e| e.to_string())?;
        files.push((format!("plan.{}", format.extension()), text));
    }
    files.extend(wrong_plans()?);
    let images: Vec<&str> = KNOWN_IMAGES
        .iter()
        .chain(&samples::IMAGES)
        .copied()
        .collect();
    files.push(("known-images.txt".to_owned(), images.join("\n") + "\n"));
    Ok(files)
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: export_samples OUTDIR");
        return ExitCode::from(2);
    };
    let files = match files() {
        Ok(files) => files,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    for (name, text) in &files {
        let path = dir.join(name);
        let parent = path.parent().unwrap_or(&dir);
        if let Err(e) = std::fs::create_dir_all(parent) {
            eprintln!("{}: {e}", parent.display());
            return ExitCode::FAILURE;
        }
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    println!("wrote {} files to {}", files.len(), dir.display());
    ExitCode::SUCCESS
}
