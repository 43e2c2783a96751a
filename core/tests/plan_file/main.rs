//! Plan files: fixtures of every schema version, exact round trips through YAML and JSON
//! (including strings YAML readers like to reinterpret, checked with PyYAML), bounded reading of
//! hostile input, readable errors, a deterministic fuzz test, and a check that
//! `docs/plan-format.md` names every field.

// Tests build plans by editing the default one, and time hostile inputs with the host's clock.
#![allow(clippy::field_reassign_with_default, clippy::disallowed_methods)]

#[path = "../common/mod.rs"]
mod common;

mod documentation;
mod errors;
mod fixtures;
mod fuzz;
mod limits;
mod pyyaml;
mod round_trips;
mod with_results;

use std::path::{Path, PathBuf};

use headroom_core::codec::plan_file::{
    self, import, import_bytes, to_json, to_yaml, Format, ImportError, MAX_FILE_BYTES,
};
use headroom_core::plan::{
    CalendarEffect, CostLine, Growth, MonthDay, Plan, Scenario, Traffic, PLAN_SCHEMA_VERSION,
};

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

// Plans to round-trip, shared by the round trips, the PyYAML cross-checks and the plans with
// results.

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
