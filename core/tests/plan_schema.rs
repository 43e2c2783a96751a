//! The plan file's JSON Schema (`docs/plan.schema.json`, described by the plan reader:
//! `codec::plan_reader::schema`): the committed file is the generated one, and the schema
//! agrees with the reader and validation on every single change of the templates' plans and
//! the JSON fixtures of the current version.
//!
//! The schema is checked here by a small validator of the keywords it uses (below), written
//! for these tests; `scripts/validate-exports.sh` checks the same schema with a real one
//! (`check-jsonschema`) on every fixture and template, in YAML and JSON. The small validator
//! leaves out `pattern` and `format` (months, days of the year and dates), which only the
//! real one checks.

mod common;

use headroom_core::codec::plan_file::{export_with_results, import_json, Format};
use headroom_core::codec::{json, plan_reader, plan_writer};
use headroom_core::engine;
use headroom_core::plan::{day, PLAN_SCHEMA_VERSION};
use headroom_core::presets::TEMPLATES;
use serde_json::{json, Value};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `docs/plan.schema.json` is what the reader describes today. `HEADROOM_WRITE_PLAN_SCHEMA=1`
/// writes it; without it a difference fails, naming the command that writes it.
#[test]
fn the_committed_schema_is_the_generated_one() {
    let path = root().join("docs/plan.schema.json");
    let generated = plan_reader::schema_text();
    if std::env::var_os("HEADROOM_WRITE_PLAN_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/plan.schema.json is not the schema the plan reader describes: write it with \
         `cargo run -p headroom-core --example plan_schema > docs/plan.schema.json` (or \
         HEADROOM_WRITE_PLAN_SCHEMA=1 cargo test -p headroom-core --test plan_schema)"
    );
}

/// Where `value` breaks `schema` (its `$ref`s resolved in `root`), or `None`.
fn violation(root: &Value, schema: &Value, value: &Value, path: &str) -> Option<String> {
    let fail = |what: String| Some(format!("{path}: {what}"));
    let Value::Object(schema) = schema else {
        return fail(format!("not a schema: {schema}"));
    };
    for (keyword, rule) in schema {
        let broken = match keyword.as_str() {
            "$schema" | "$defs" | "title" | "description" | "default" | "pattern" | "format" => {
                None
            }
            "$ref" => {
                let name = rule.as_str().unwrap().strip_prefix("#/$defs/").unwrap();
                violation(root, &root["$defs"][name], value, path)
            }
            "type" => {
                let kind = rule.as_str().unwrap();
                let fits = match kind {
                    "object" => value.is_object(),
                    "array" => value.is_array(),
                    "string" => value.is_string(),
                    "boolean" => value.is_boolean(),
                    "null" => value.is_null(),
                    "number" => value.is_number(),
                    "integer" => value.as_f64().is_some_and(|x| x.fract() == 0.0),
                    other => panic!("type {other}"),
                };
                (!fits).then(|| format!("{path}: not of type {kind}: {value}"))
            }
            "const" => (value != rule).then(|| format!("{path}: {value} is not {rule}")),
            "enum" => (!rule.as_array().unwrap().contains(value))
                .then(|| format!("{path}: {value} is not one of {rule}")),
            "minimum" | "maximum" | "minLength" | "maxLength" | "minItems" | "maxItems" => {
                // The number, the length of a string in characters, or of a list.
                let measure = match keyword.as_str() {
                    "minimum" | "maximum" => value.as_f64(),
                    "minLength" | "maxLength" => value.as_str().map(|s| s.chars().count() as f64),
                    _ => value.as_array().map(|items| items.len() as f64),
                };
                measure.and_then(|x| {
                    let bound = rule.as_f64().unwrap();
                    let out = if keyword.starts_with("min") {
                        x < bound
                    } else {
                        x > bound
                    };
                    out.then(|| format!("{path}: {x} is beyond the {keyword} {bound}"))
                })
            }
            "items" => value.as_array().and_then(|items| {
                items
                    .iter()
                    .enumerate()
                    .find_map(|(i, item)| violation(root, rule, item, &format!("{path}[{i}]")))
            }),
            "properties" => value.as_object().and_then(|map| {
                map.iter().find_map(|(key, item)| {
                    rule.get(key.as_str())
                        .and_then(|s| violation(root, s, item, &format!("{path}.{key}")))
                })
            }),
            "required" => value.as_object().and_then(|map| {
                rule.as_array()
                    .unwrap()
                    .iter()
                    .find(|key| !map.contains_key(key.as_str().unwrap()))
                    .map(|key| format!("{path}: missing {key}"))
            }),
            "additionalProperties" => {
                assert_eq!(rule, &Value::Bool(false));
                value.as_object().and_then(|map| {
                    map.keys()
                        .find(|key| schema["properties"].get(key.as_str()).is_none())
                        .map(|key| format!("{path}: unknown {key}"))
                })
            }
            "oneOf" | "anyOf" => {
                let fits = rule
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|s| violation(root, s, value, path).is_none())
                    .count();
                let ok = if keyword == "oneOf" {
                    fits == 1
                } else {
                    fits >= 1
                };
                (!ok).then(|| format!("{path}: {fits} of the {keyword} fit {value}"))
            }
            other => panic!("the schema uses {other}, which this validator does not know"),
        };
        if broken.is_some() {
            return broken;
        }
    }
    None
}

/// The JSON plan files to check: the templates' (and, with `results`, each with its results)
/// and the JSON fixtures of the current version.
fn plan_files(results: bool) -> Vec<(String, Value)> {
    let mut files = Vec::new();
    for template in &TEMPLATES {
        let plan = template.build();
        files.push((template.id.to_owned(), plan_writer::document(&plan)));
        if !results {
            continue;
        }
        let valid = plan.validate().unwrap();
        let results = engine::run(&valid);
        let text = export_with_results(&valid, &results, Format::Json).unwrap();
        files.push((
            format!("{} with results", template.id),
            json::parse(&text).unwrap(),
        ));
    }
    let dir = root().join(format!("core/tests/fixtures/plans/v{PLAN_SCHEMA_VERSION}"));
    for file in std::fs::read_dir(&dir).unwrap().flatten() {
        let path = file.path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            files.push((path.display().to_string(), json::parse(&text).unwrap()));
        }
    }
    assert!(files.len() >= TEMPLATES.len() + 2);
    files
}

#[test]
fn every_template_and_json_fixture_of_this_version_fits_the_schema() {
    let schema = plan_reader::schema();
    for (name, file) in plan_files(true) {
        assert_eq!(violation(&schema, &schema, &file, ""), None, "{name}");
    }
}

/// A reader's refusal the schema leaves to `pattern` and `format`, which the validator here
/// does not check: a month, a day of the year or a date in the wrong form.
fn about_written_form(message: &str) -> bool {
    message.contains(day::NOT_A_DAY)
        || [
            "is not a month",
            "names month",
            "is in the year",
            "is not a day",
        ]
        .iter()
        .any(|words| message.contains(words))
}

/// On every single change of every file: what the reader refuses, the schema refuses; what
/// the reader reads and validation accepts, the schema accepts. Between the two (read, but
/// refused by validation) the schema may go either way: it checks each field's range, not the
/// rules across fields.
#[test]
fn the_schema_agrees_with_the_reader_and_validation_on_every_single_change() {
    let schema = plan_reader::schema();
    let kinds = [
        json!(null),
        json!(true),
        json!(-1),
        json!(0),
        json!(7),
        json!(0.5),
        json!(1e12),
        json!("zzz"),
        json!(""),
        json!("linear"),
        json!([]),
        json!({}),
    ];
    let (mut refused, mut accepted) = (0, 0);
    // Without results: the reader ignores them, and so does the schema.
    for (name, file) in plan_files(false) {
        for (changed, _, what) in common::single_changes(&file, &kinds) {
            let fits = violation(&schema, &schema, &changed, "");
            match import_json(&json::write(&changed)) {
                Err(e) => {
                    let message = e.to_string();
                    if !about_written_form(&message) {
                        assert!(
                            fits.is_some(),
                            "{name}, {what}: the reader refuses ({message}), the schema accepts"
                        );
                        refused += 1;
                    }
                }
                Ok(plan) => {
                    // Valid: the plan, and its uncertainty section (checked apart).
                    if plan.validate().is_ok() && plan.uncertainty_problems().is_empty() {
                        assert_eq!(fits, None, "{name}, {what}: a valid plan");
                        accepted += 1;
                    }
                }
            }
        }
    }
    assert!(refused > 1000 && accepted > 1000, "{refused} {accepted}");
}
