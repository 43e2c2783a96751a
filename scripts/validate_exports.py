"""Checks sample exports as other tools read them (run by scripts/validate-exports.sh).

check-jsonschema and kubernetes-validate do the schema validation; this script adds what they
do not check:
- PyYAML (YAML 1.1, which reads unquoted `no`/`on` as booleans) reads every Compose file so that
  it still validates against the Compose specification schema, with string service names;
- every Kubernetes object and container name is an RFC 1123 label, and every label and
  annotation value a string;
- the conventions a platform engineer would otherwise fix by hand:
  - Kubernetes: no `replicas` on a Deployment an autoscaler targets; autoscaler targets below
    100 %; requests at most the limits, and both within the node's allocatable (the
    Deployment's `headroom/node-allocatable-*` annotations); a PodDisruptionBudget exactly
    when the plan keeps spare replicas (`headroom/spare-replicas` > 0), with that
    `maxUnavailable`; readiness and liveness probes on every container; a Service for every
    Deployment; every ConfigMap a container reads is in the file;
  - Compose: the `x-headroom` field; Redis' memory limit at least its `--maxmemory`;
  - Helm values: the keys `helm create` writes, nothing else but this project's blocks, and
    the same autoscaler and resource rules;
  - every image is one the exports may name (`known-images.txt`, written from the Rust list);
- CSV files parse as RFC 4180 and no cell starts a formula;
- every plan file reads the same from YAML (PyYAML) and JSON, and a results section has as
  many cells in each row as it names columns;
- the exports built from the templates' plans are all there (at least one per template).

Before the samples, a self-test breaks a good sample once for every rule and expects each
broken copy to fail: a check that cannot fail checks nothing.

    validate_exports.py SAMPLES_DIR                            the samples, as above
    validate_exports.py --downloaded DIR KNOWN_IMAGES_FILE     files the app downloaded
"""

import copy
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

# The top-level keys of the values.yaml `helm create` writes (Helm 3), and the blocks this
# project adds.
HELM_CREATE_KEYS = [
    "replicaCount", "image", "imagePullSecrets", "nameOverride", "fullnameOverride",
    "serviceAccount", "podAnnotations", "podLabels", "podSecurityContext", "securityContext",
    "service", "ingress", "resources", "livenessProbe", "readinessProbe", "autoscaling",
    "volumes", "volumeMounts", "nodeSelector", "tolerations", "affinity",
]
HELM_EXTRA_KEYS = {"podDisruptionBudget", "voiceGpu", "headroom"}
HELM_NESTED_KEYS = {
    "image": {"repository", "pullPolicy", "tag"},
    "service": {"type", "port"},
    "autoscaling": {"enabled", "minReplicas", "maxReplicas", "targetCPUUtilizationPercentage"},
}


class Failure(Exception):
    """A file breaks a rule."""


def fail(path, message):
    raise Failure(f"{path}: {message}")


def compose_schema():
    files = importlib.resources.files("check_jsonschema.builtin_schemas.vendor")
    return json.loads((files / "compose-spec.json").read_text(encoding="utf-8"))


def millicores(quantity):
    """A Kubernetes CPU quantity ("500m", "2", "0.5") in millicores."""
    text = str(quantity)
    if text.endswith("m"):
        return float(text[:-1])
    return float(text) * 1000


def mebibytes(quantity):
    """A memory quantity ("512Mi", "1Gi", "512M" in Compose, "768mb" in Redis) in MiB."""
    text = str(quantity)
    for suffix, factor in (("Gi", 1024), ("Mi", 1), ("mb", 1), ("M", 1), ("G", 1024)):
        if text.endswith(suffix):
            return float(text[: -len(suffix)]) * factor
    return float(text) / 1048576


def check_image(path, image, images):
    if image not in images:
        fail(path, f"image {image!r} is not one the exports may name (known-images.txt)")


def check_compose(path, document, schema, images):
    for name in document["services"]:
        if not isinstance(name, str):
            fail(path, f"PyYAML reads service key {name!r} as {type(name).__name__}, not a string")
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(document), key=str)
    if errors:
        fail(path, f"PyYAML's reading breaks the Compose schema: {errors[0].message}")
    metadata = document.get("x-headroom")
    if not isinstance(metadata, dict) or not all(
        isinstance(metadata.get(key), str) for key in ("plan", "scenario", "month", "generated-by")
    ):
        fail(path, "no x-headroom field with plan, scenario, month and generated-by")
    for name, service in document["services"].items():
        if not isinstance(name, str) or not LABEL.match(name):
            fail(path, f"service key {name!r} is not an RFC 1123 label string")
        check_image(path, service["image"], images)
        resources = service["deploy"].get("resources", {})
        if "cpus" in resources.get("limits", {}) and not isinstance(
            resources["limits"]["cpus"], str
        ):
            fail(path, f"{name}: cpus is not a string")
        command = service.get("command") or []
        if "--maxmemory" in command:
            maxmemory = mebibytes(command[command.index("--maxmemory") + 1])
            limit = resources.get("limits", {}).get("memory")
            if limit is None or mebibytes(limit) < maxmemory:
                fail(path, f"{name}: memory limit {limit} below --maxmemory {maxmemory} MiB")


def check_resources(path, where, resources, allocatable=None):
    requests = resources.get("requests") or {}
    limits = resources.get("limits") or {}
    for resource, amount in (("cpu", millicores), ("memory", mebibytes)):
        request, limit = requests.get(resource), limits.get(resource)
        if request is not None and limit is not None and amount(request) > amount(limit):
            fail(path, f"{where}: {resource} request {request} above its limit {limit}")
        if allocatable and allocatable.get(resource) is not None:
            for value in (request, limit):
                if value is not None and amount(value) > amount(allocatable[resource]):
                    fail(
                        path,
                        f"{where}: {resource} {value} beyond the node's allocatable "
                        f"{allocatable[resource]}",
                    )


def check_targets(path, where, targets):
    for target in targets:
        if not isinstance(target, int) or not 1 <= target < 100:
            fail(path, f"{where}: autoscaler target {target!r} is not below 100 %")


def selects(selector, labels):
    return all(labels.get(k) == v for k, v in (selector or {}).items())


def check_kubernetes(path, documents, images):
    if not documents:
        fail(path, "no documents")
    by_kind = {}
    for document in documents:
        by_kind.setdefault(document["kind"], []).append(document)
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
    autoscaled = set()
    for hpa in by_kind.get("HorizontalPodAutoscaler", []):
        autoscaled.add(hpa["spec"]["scaleTargetRef"]["name"])
        targets = [m["resource"]["target"]["averageUtilization"] for m in hpa["spec"]["metrics"]]
        check_targets(path, f"HPA {hpa['metadata']['name']}", targets)
    config_maps = {c["metadata"]["name"] for c in by_kind.get("ConfigMap", [])}
    for deployment in by_kind.get("Deployment", []):
        name = deployment["metadata"]["name"]
        annotations = deployment["metadata"].get("annotations") or {}
        spec = deployment["spec"]
        pod_labels = spec["template"]["metadata"]["labels"]
        if name in autoscaled and "replicas" in spec:
            fail(path, f"Deployment {name} sets replicas although an autoscaler targets it")
        allocatable = {
            "cpu": annotations.get("headroom/node-allocatable-cpu"),
            "memory": annotations.get("headroom/node-allocatable-memory"),
        }
        for container in spec["template"]["spec"]["containers"]:
            where = f"Deployment {name} container {container['name']}"
            check_image(path, container["image"], images)
            check_resources(path, where, container.get("resources") or {}, allocatable)
            for probe in ("readinessProbe", "livenessProbe"):
                if not container.get(probe):
                    fail(path, f"{where}: no {probe}")
            for source in container.get("envFrom") or []:
                ref = source.get("configMapRef", {}).get("name")
                if ref is not None and ref not in config_maps:
                    fail(path, f"{where}: reads ConfigMap {ref}, which the file does not hold")
        if not any(
            selects(s["spec"]["selector"], pod_labels) for s in by_kind.get("Service", [])
        ):
            fail(path, f"Deployment {name}: no Service selects its pods")
        spare = int(annotations.get("headroom/spare-replicas", "0"))
        budgets = [
            b
            for b in by_kind.get("PodDisruptionBudget", [])
            if selects(b["spec"]["selector"]["matchLabels"], pod_labels)
        ]
        if spare > 0 and [b["spec"].get("maxUnavailable") for b in budgets] != [spare]:
            fail(path, f"Deployment {name}: N+{spare} but no PodDisruptionBudget of {spare}")
        if spare == 0 and budgets:
            fail(path, f"Deployment {name}: a PodDisruptionBudget with no spare replica")
    if "ConfigMap" in by_kind and not any(
        source.get("configMapRef")
        for d in by_kind.get("Deployment", [])
        for c in d["spec"]["template"]["spec"]["containers"]
        for source in c.get("envFrom") or []
    ):
        fail(path, "no container reads the settings ConfigMap")


def check_helm(path, values, images):
    keys = list(values)
    missing = [key for key in HELM_CREATE_KEYS if key not in keys]
    if missing:
        fail(path, f"keys of helm create's values.yaml missing: {missing}")
    extra = set(keys) - set(HELM_CREATE_KEYS) - HELM_EXTRA_KEYS
    if extra:
        fail(path, f"keys helm create does not write: {sorted(extra)}")
    for key, nested in HELM_NESTED_KEYS.items():
        if not nested <= set(values[key] or {}):
            fail(path, f"{key} lacks {sorted(nested - set(values[key] or {}))}")
    image = values["image"]
    check_image(path, f"{image['repository']}:{image['tag']}", images)
    check_resources(path, "resources", values["resources"])
    autoscaling = values["autoscaling"]
    targets = [autoscaling["targetCPUUtilizationPercentage"]]
    if "targetMemoryUtilizationPercentage" in autoscaling:
        targets.append(autoscaling["targetMemoryUtilizationPercentage"])
    check_targets(path, "autoscaling", targets)
    for probe in ("livenessProbe", "readinessProbe"):
        if not values[probe]:
            fail(path, f"no {probe}")
    voice = values.get("voiceGpu")
    if voice:
        check_image(path, f"{voice['image']['repository']}:{voice['image']['tag']}", images)
        if not voice["resources"]["limits"].get("nvidia.com/gpu"):
            fail(path, "voiceGpu asks for no GPU")


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


def read_yaml(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def read_yaml_all(path):
    return [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]


def self_test(directory, schema, images):
    """Breaks the shop sample once for every rule; every broken copy must fail."""
    compose = read_yaml(directory / "shop.compose.yaml")
    kubernetes = read_yaml_all(directory / "shop.k8s.yaml")
    helm = read_yaml(directory / "shop.helm-values.yaml")

    def first(documents, kind):
        return next(d for d in documents if d["kind"] == kind)

    def container(documents):
        return first(documents, "Deployment")["spec"]["template"]["spec"]["containers"][0]

    def breaks_compose(doc):
        doc.pop("x-headroom")

    def compose_redis_limit(doc):
        doc["services"]["redis"]["deploy"]["resources"]["limits"]["memory"] = "100M"

    def compose_image(doc):
        doc["services"]["redis"]["image"] = "bitnami/redis:7.4"

    def replicas(docs):
        first(docs, "Deployment")["spec"]["replicas"] = 4

    def target(docs):
        metric = first(docs, "HorizontalPodAutoscaler")["spec"]["metrics"][0]
        metric["resource"]["target"]["averageUtilization"] = 100

    def request_above_limit(docs):
        container(docs)["resources"]["requests"]["cpu"] = "900m"

    def beyond_allocatable(docs):
        first(docs, "Deployment")["metadata"]["annotations"]["headroom/node-allocatable-memory"] = "300Mi"

    def no_budget(docs):
        docs.remove(first(docs, "PodDisruptionBudget"))

    def no_probe(docs):
        del container(docs)["livenessProbe"]

    def no_service(docs):
        docs.remove(first(docs, "Service"))

    def k8s_image(docs):
        container(docs)["image"] = "bitnami/pgbouncer:1.24.1"

    def helm_key(doc):
        doc.pop("affinity")

    def helm_extra(doc):
        doc["extraEnv"] = []

    def helm_target(doc):
        doc["autoscaling"]["targetCPUUtilizationPercentage"] = 100

    cases = [
        ("compose", breaks_compose), ("compose", compose_redis_limit), ("compose", compose_image),
        ("k8s", replicas), ("k8s", target), ("k8s", request_above_limit),
        ("k8s", beyond_allocatable), ("k8s", no_budget), ("k8s", no_probe), ("k8s", no_service),
        ("k8s", k8s_image), ("helm", helm_key), ("helm", helm_extra), ("helm", helm_target),
    ]
    checks = {
        "compose": (compose, lambda d: check_compose("self-test", d, schema, images)),
        "k8s": (kubernetes, lambda d: check_kubernetes("self-test", d, images)),
        "helm": (helm, lambda d: check_helm("self-test", d, images)),
    }
    for kind, (good, check) in checks.items():
        check(copy.deepcopy(good))  # the unbroken sample passes
    for kind, breaking in cases:
        good, check = checks[kind]
        broken = copy.deepcopy(good)
        breaking(broken)
        try:
            check(broken)
        except Failure as failure:
            print(f"ok self-test {breaking.__name__}: {failure}")
        else:
            raise Failure(f"self-test: {kind} broken by {breaking.__name__} passes the checks")


def check_downloaded(directory, images_path):
    """Files the app downloaded (the end-to-end tests): every Compose, Kubernetes and Helm file
    in `directory` meets the conventions; at least one of each is there."""
    schema = compose_schema()
    images = set(pathlib.Path(images_path).read_text(encoding="utf-8").split())
    kinds = {"*.compose.yaml": 0, "*.k8s.yaml": 0, "*.helm-values.yaml": 0}
    for pattern in kinds:
        for path in sorted(directory.glob(pattern)):
            if pattern == "*.compose.yaml":
                check_compose(path, read_yaml(path), schema, images)
            elif pattern == "*.k8s.yaml":
                check_kubernetes(path, read_yaml_all(path), images)
            else:
                check_helm(path, read_yaml(path), images)
            print(f"ok {path} (conventions)")
            kinds[pattern] += 1
    if min(kinds.values()) == 0:
        fail(directory, f"missing downloads: {kinds}")


def main():
    if sys.argv[1] == "--downloaded":
        check_downloaded(pathlib.Path(sys.argv[2]), sys.argv[3])
        return
    directory = pathlib.Path(sys.argv[1])
    schema = compose_schema()
    images = set((directory / "known-images.txt").read_text(encoding="utf-8").split())
    self_test(directory, schema, images)
    counts = {"compose": 0, "k8s": 0, "helm": 0, "csv": 0, "plan": 0, "plan with results": 0}
    for path in sorted(directory.glob("*.compose.yaml")):
        check_compose(path, read_yaml(path), schema, images)
        print(f"ok {path} (PyYAML + Compose schema + conventions)")
        counts["compose"] += 1
    for path in sorted(directory.glob("*.k8s.yaml")):
        documents = read_yaml_all(path)
        check_kubernetes(path, documents, images)
        print(f"ok {path} ({len(documents)} objects: names, values, conventions)")
        counts["k8s"] += 1
    for path in sorted(directory.glob("*.helm-values.yaml")):
        check_helm(path, read_yaml(path), images)
        print(f"ok {path} (helm create's keys, conventions)")
        counts["helm"] += 1
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
    try:
        main()
    except Failure as failure:
        print(f"FAIL {failure}")
        sys.exit(1)
