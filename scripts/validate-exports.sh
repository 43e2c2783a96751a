#!/usr/bin/env bash
# Writes sample deployment exports (examples/export_samples.rs) and checks them with real
# validators from .tools/venv (installed by `scripts/setup.sh test`, pinned in
# scripts/requirements-test.txt):
#   - check-jsonschema: Compose files against the Compose specification's JSON schema;
#   - kubernetes-validate --strict: manifests against the Kubernetes API schemas of every
#     version in KUBE_VERSIONS;
#   - check-jsonschema: the plan file's own schema (docs/plan.schema.json) against the plan
#     fixtures of the current version and every template's plan file, YAML and JSON; and
#     plan files Headroom refuses (wrong/*.json) must be refused by the schema too;
#   - scripts/validate_exports.py: the same files as PyYAML (YAML 1.1) reads them, RFC 1123
#     names, the deployment conventions (autoscalers own replicas and aim below 100 %,
#     requests within limits and the node's allocatable, disruption budgets from N+k, probes,
#     Services, Redis limits, x-headroom, helm create's keys, known images), CSV quoting and
#     formula safety, plan files; it first breaks a sample once per rule and expects failure.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.tools/venv
KUBE_VERSIONS="1.30.0 1.37.0"
if [ ! -x "$VENV/bin/check-jsonschema" ] || [ ! -x "$VENV/bin/kubernetes-validate" ]; then
  echo "validators missing: run scripts/setup.sh test" >&2
  exit 1
fi

out="${CARGO_TARGET_DIR:-target}/export-samples"
rm -rf "$out"
cargo run --quiet -p headroom-core --example export_samples -- "$out"

echo "== Compose specification schema (check-jsonschema)"
"$VENV/bin/check-jsonschema" --builtin-schema vendor.compose-spec "$out"/*.compose.yaml

for version in $KUBE_VERSIONS; do
  echo "== Kubernetes $version schemas (kubernetes-validate --strict)"
  "$VENV/bin/kubernetes-validate" --strict --quiet -k "$version" "$out"/*.k8s.yaml
done

schema=docs/plan.schema.json
version=$("$VENV/bin/python3" -c \
  'import json, sys; print(json.load(open(sys.argv[1]))["properties"]["headroom_plan"]["const"])' \
  "$schema")
echo "== Plan files of version $version against $schema (check-jsonschema)"
"$VENV/bin/check-jsonschema" --check-metaschema "$schema"
"$VENV/bin/check-jsonschema" --schemafile "$schema" \
  core/tests/fixtures/plans/v"$version"/* "$out"/*.plan.yaml "$out"/*.plan.json \
  "$out"/plan.yaml "$out"/plan.json
wrong=("$out"/wrong/*.json)
[ "${#wrong[@]}" -ge 5 ] || { echo "too few wrong plan files: ${wrong[*]}" >&2; exit 1; }
for file in "${wrong[@]}"; do
  # Refused as a plan (exit status 1 and a validation error), not for any other reason.
  if report=$("$VENV/bin/check-jsonschema" --schemafile "$schema" "$file" 2>&1); then
    echo "$file: the schema accepts a plan file Headroom refuses" >&2
    exit 1
  fi
  if ! grep -q "Schema validation errors were encountered" <<<"$report"; then
    echo "$file: not refused by the schema: $report" >&2
    exit 1
  fi
  echo "refused as it should be: $(basename "$file")"
done

echo "== PyYAML reading, names, conventions (with their self-test), Helm values, CSV, plan files"
"$VENV/bin/python3" scripts/validate_exports.py "$out"
echo "exports valid"
