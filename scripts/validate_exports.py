"""Checks sample exports as other tools read them (run by scripts/validate-exports.sh).

check-jsonschema and kubernetes-validate do the schema validation; this script adds what they
do not check:
- PyYAML (YAML 1.1, which reads unquoted `no`/`on` as booleans) reads every Compose file so that
  it still validates against the Compose specification schema, with string service names;
- every Kubernetes object and container name is an RFC 1123 label, and every label and
  annotation value a string;
- CSV files parse as RFC 4180 and no cell starts a formula;
- every plan file reads the same from YAML (PyYAML) and JSON, and a results section has as
  many cells in each row as it names columns;
- the exports built from the templates' plans are all there (at least one per template).
"""

import csv
import importlib.resources
import json
import pathlib
import re
import sys

import jsonschema
import yaml

LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
TEMPLATE_EXPORT = re.compile(r"^template-(.+)-s[0-9]+-m[0-9]+\.compose\.yaml$")


def fail(path, message):
    print(f"FAIL {path}: {message}")
    sys.exit(1)


def compose_schema():
    files = importlib.resources.files("check_jsonschema.builtin_schemas.vendor")
    return json.loads((files / "compose-spec.json").read_text(encoding="utf-8"))


def check_compose(path, schema):
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    for name in document["services"]:
        if not isinstance(name, str):
            fail(path, f"PyYAML reads service key {name!r} as {type(name).__name__}, not a string")
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(document), key=str)
    if errors:
        fail(path, f"PyYAML's reading breaks the Compose schema: {errors[0].message}")
    for name, service in document["services"].items():
        if not isinstance(name, str) or not LABEL.match(name):
            fail(path, f"service key {name!r} is not an RFC 1123 label string")
        if "resources" in service["deploy"] and not isinstance(
            service["deploy"]["resources"]["limits"]["cpus"], str
        ):
            fail(path, f"{name}: cpus is not a string")
    print(f"ok {path} (PyYAML + Compose schema)")


def check_kubernetes(path):
    documents = [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]
    if not documents:
        fail(path, "no documents")
    for document in documents:
        metadata = document["metadata"]
        names = [metadata["name"]]
        spec = document.get("spec") or {}
        if document["kind"] == "Deployment":
            names += [c["name"] for c in spec["template"]["spec"]["containers"]]
            names.append(spec["selector"]["matchLabels"]["app.kubernetes.io/name"])
        if document["kind"] == "HorizontalPodAutoscaler":
            names.append(spec["scaleTargetRef"]["name"])
        for name in names:
            if not isinstance(name, str) or len(name) > 63 or not LABEL.match(name):
                fail(path, f"{document['kind']} name {name!r} is not an RFC 1123 label")
        for key in ("labels", "annotations"):
            for k, v in (metadata.get(key) or {}).items():
                if not isinstance(v, str):
                    fail(path, f"{key} {k}: {v!r} is not a string")
        for k, v in (document.get("data") or {}).items():
            if not isinstance(v, str):
                fail(path, f"ConfigMap data {k}: {v!r} is not a string")
    print(f"ok {path} ({len(documents)} objects: names and values)")


def check_csv(path):
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, strict=True))
    for row in rows:
        for cell in row:
            if cell[:1] in ("=", "+", "@", "\t", "\r"):
                fail(path, f"cell {cell!r} starts a formula")
            # A spreadsheet splitting on `;` or tab (or at a line break) must not find a
            # formula either.
            for part in re.split("[,;\t\n\r\x0b\x0c\x85\u2028\u2029]", cell)[1:]:
                if part.lstrip(" ")[:1] in ("=", "+", "@"):
                    fail(path, f"cell {cell!r} holds a formula after a separator")
    print(f"ok {path} ({len(rows)} rows)")


def check_plan(yaml_path, json_path):
    from_yaml = yaml.safe_load(yaml_path.read_text(encoding="utf-8"))
    from_json = json.loads(json_path.read_text(encoding="utf-8"))
    if from_yaml != from_json:
        fail(yaml_path, f"PyYAML reads it differently from {json_path.name}")
    results = from_yaml.get("results")
    if results is not None:
        if "derived" not in results:
            fail(yaml_path, "the results section does not say it is derived")
        width = len(results["columns"])
        for scenario in results["scenarios"]:
            for row in scenario["months"]:
                if len(row) != width:
                    fail(yaml_path, f"{scenario['name']}: a row of {len(row)} cells, {width} columns")
    what = "with results" if results is not None else "inputs only"
    print(f"ok {yaml_path} (same as {json_path.name}, {what})")
    return results is not None


def main():
    directory = pathlib.Path(sys.argv[1])
    schema = compose_schema()
    counts = {"compose": 0, "k8s": 0, "csv": 0, "plan": 0, "plan with results": 0}
    for path in sorted(directory.glob("*.compose.yaml")):
        check_compose(path, schema)
        counts["compose"] += 1
    for path in sorted(directory.glob("*.k8s.yaml")):
        check_kubernetes(path)
        counts["k8s"] += 1
    for path in sorted(directory.glob("*.csv")):
        check_csv(path)
        counts["csv"] += 1
    for path in sorted(directory.glob("*.yaml")):
        if path.name == "plan.yaml" or path.name.endswith(".plan.yaml"):
            with_results = check_plan(path, path.with_suffix(".json"))
            counts["plan with results" if with_results else "plan"] += 1
    templates = {
        TEMPLATE_EXPORT.match(p.name).group(1)
        for p in directory.glob("template-*.compose.yaml")
        if TEMPLATE_EXPORT.match(p.name)
    }
    print(f"checked {counts}; exports from {len(templates)} templates")
    if min(counts.values()) == 0:
        fail(directory, f"missing samples: {counts}")
    if len(templates) < 2 or counts["plan with results"] < len(templates):
        fail(directory, f"exports from templates missing: {sorted(templates)}")


if __name__ == "__main__":
    main()
