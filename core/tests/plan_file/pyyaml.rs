//! Other YAML readers: PyYAML (YAML 1.1, the most eager to reinterpret) reads exported YAML as
//! the same document as the JSON export.

use super::*;

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
