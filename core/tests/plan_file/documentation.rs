//! The format documentation names every field, and its examples import and validate.

use super::*;

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
    assert_eq!(examples, 6);
}
