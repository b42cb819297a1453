"""Static checks of the Kubernetes manifests in deploy/k8s; no cluster is needed.

The base and each overlay are rendered by a small kustomize-compatible renderer (only the
features deploy/k8s uses: resources, namespace, images, strategic-merge and JSON 6902 patches).
Where kubectl is installed, its built-in kustomize must render the same objects. Every object is
validated with kubernetes-validate against the oldest and the newest Kubernetes version we
support, and the rest checks what the services rely on: probes, resources, security, autoscaling,
disruption budgets, settings and Secrets.
"""

from __future__ import annotations

import copy
import ipaddress
import json
import re
import shutil
import subprocess
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
OVERLAYS = ("dev", "prod")
TREES = {"base": K8S / "base"} | {name: K8S / "overlays" / name for name in OVERLAYS}
# Oldest and newest Kubernetes minor version the manifests are validated against.
KUBERNETES_VERSIONS = ("1.29.0", "1.37.0")
SUBGRAPHS = {
    "people": 4001,
    "cases": 4002,
    "points": 4003,
    "participation": 4004,
    "notifications": 4005,
}
GATEWAY_PORT = 4000
PROBES = {
    **{name: ("/health/live", "/health/ready") for name in SUBGRAPHS},
    "gateway": ("/healthcheck", "/readiness"),
}
# Settings the manifests pass that docs/conventions.md does not list yet.
PENDING_SETTINGS = {"JWT_PRIVATE_KEY"}
EXTERNAL_IN_PROD = {("Secret", "grassroots-secrets"), ("Secret", "grassroots-rabbitmq-definitions")}
CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "IngressClass"}
Obj = dict[str, Any]


# ---- a small kustomize ----------------------------------------------------------------------------

# Strategic-merge keys of the lists deploy/k8s patches; other lists are replaced, as kustomize does.
MERGE_KEYS = {
    "containers": "name",
    "initContainers": "name",
    "env": "name",
    "volumes": "name",
    "volumeMounts": "mountPath",
}
SUPPORTED_FIELDS = {"apiVersion", "kind", "resources", "namespace", "images", "patches"}


def _documents(path: Path) -> list[Obj]:
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc]


def _strategic_merge(base: Obj, patch: Obj) -> None:
    for key, value in patch.items():
        if key == "$patch":
            continue
        if value is None:
            base.pop(key, None)
        elif isinstance(value, dict) and isinstance(base.get(key), dict):
            _strategic_merge(base[key], value)
        elif isinstance(value, list) and key in MERGE_KEYS and isinstance(base.get(key), list):
            merge_key = MERGE_KEYS[key]
            by_key = {item[merge_key]: item for item in base[key]}
            for item in value:
                if item[merge_key] in by_key:
                    _strategic_merge(by_key[item[merge_key]], item)
                else:
                    base[key].append(copy.deepcopy(item))
        else:
            base[key] = copy.deepcopy(value)


def _pointer(path: str) -> list[str]:
    return [part.replace("~1", "/").replace("~0", "~") for part in path.split("/")[1:]]


def _json6902(obj: Obj, operations: list[Obj]) -> None:
    for operation in operations:
        *parents, last = _pointer(operation["path"])
        node: Any = obj
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        op = operation["op"]
        if isinstance(node, list):
            index = len(node) if last == "-" else int(last)
            if op == "add":
                node.insert(index, copy.deepcopy(operation["value"]))
            elif op == "replace":
                node[index] = copy.deepcopy(operation["value"])
            elif op == "remove":
                del node[index]
            else:
                raise NotImplementedError(op)
        elif op in {"add", "replace"}:
            if op == "replace":
                assert last in node, f"replace of a missing {operation['path']}"
            node[last] = copy.deepcopy(operation["value"])
        elif op == "remove":
            del node[last]
        else:
            raise NotImplementedError(op)


def _matches(obj: Obj, target: Obj) -> bool:
    unsupported = set(target) - {"kind", "name", "group", "version"}
    assert not unsupported, f"patch target fields not supported here: {unsupported}"
    group, _, version = obj["apiVersion"].rpartition("/")
    return (
        target.get("kind", obj["kind"]) == obj["kind"]
        and re.fullmatch(target.get("name", ".*"), obj["metadata"]["name"]) is not None
        and target.get("group", group) == group
        and target.get("version", version) == version
    )


def _apply_patch(objects: list[Obj], spec: Obj, directory: Path) -> list[Obj]:
    text = (directory / spec["path"]).read_text() if "path" in spec else spec["patch"]
    patch = yaml.safe_load(text)
    target = spec.get("target")
    if isinstance(patch, list):
        assert target, "a JSON 6902 patch needs a target"
        matched = [obj for obj in objects if _matches(obj, target)]
        for obj in matched:
            _json6902(obj, patch)
    else:
        target = target or {"kind": patch["kind"], "name": re.escape(patch["metadata"]["name"])}
        matched = [obj for obj in objects if _matches(obj, target)]
        if patch.get("$patch") == "delete":
            objects = [obj for obj in objects if not any(obj is m for m in matched)]
        else:
            for obj in matched:
                _strategic_merge(obj, patch)
    assert matched, f"patch {spec} matches nothing"
    return objects


def _set_images(objects: list[Obj], images: list[Obj]) -> None:
    for obj in objects:
        pod = obj.get("spec", {}).get("template", {}).get("spec", {})
        for container in pod.get("containers", []) + pod.get("initContainers", []):
            name, _, tag = container["image"].partition(":")
            for image in images:
                if image["name"] == name:
                    name = image.get("newName", name)
                    tag = str(image.get("newTag", tag))
                    container["image"] = f"{name}:{tag}" if tag else name
                    if "digest" in image:
                        container["image"] = f"{name}@{image['digest']}"


def render(directory: Path) -> list[Obj]:
    kustomization = yaml.safe_load((directory / "kustomization.yaml").read_text())
    unsupported = set(kustomization) - SUPPORTED_FIELDS
    assert not unsupported, f"{directory}: extend the renderer for {unsupported}"
    objects: list[Obj] = []
    for entry in kustomization.get("resources", []):
        path = directory / entry
        objects += render(path) if path.is_dir() else _documents(path)
    for spec in kustomization.get("patches", []):
        objects = _apply_patch(objects, spec, directory)
    if "namespace" in kustomization:
        for obj in objects:
            if obj["kind"] not in CLUSTER_SCOPED:
                obj["metadata"]["namespace"] = kustomization["namespace"]
    _set_images(objects, kustomization.get("images", []))
    return objects


@cache
def _rendered(tree: str) -> tuple[str, ...]:
    return tuple(json.dumps(obj, sort_keys=True) for obj in render(TREES[tree]))


def rendered(tree: str) -> list[Obj]:
    return [json.loads(obj) for obj in _rendered(tree)]


def of_kind(objects: Iterable[Obj], kind: str) -> dict[str, Obj]:
    return {obj["metadata"]["name"]: obj for obj in objects if obj["kind"] == kind}


def conventions_table(heading: str) -> set[str]:
    """Variable names from a table under `## heading` in docs/conventions.md."""
    text = (ROOT / "docs" / "conventions.md").read_text()
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    names = set(re.findall(r"^\| `(\w+)` \|", section, re.M))
    assert names, f"no table under '## {heading}'"
    return names


# ---- rendering and schema -----------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl is not installed")
@pytest.mark.parametrize("tree", sorted(TREES))
def test_renderer_agrees_with_kubectl_kustomize(tree: str) -> None:
    result = subprocess.run(
        ["kubectl", "kustomize", str(TREES[tree])],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    theirs = sorted(json.dumps(doc, sort_keys=True) for doc in yaml.safe_load_all(result.stdout))
    assert sorted(_rendered(tree)) == theirs


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize("tree", OVERLAYS)  # the base's objects are all in each overlay
def test_every_object_is_valid_kubernetes(tree: str, version: str) -> None:
    for obj in rendered(tree):
        try:
            kubernetes_validate.validate(obj, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            name = f"{obj['kind']}/{obj['metadata']['name']}"
            pytest.fail(f"{tree}: {name} invalid for Kubernetes {version}: {error.message}")


@pytest.mark.parametrize("tree", sorted(TREES))
def test_the_workloads_are_all_there(tree: str) -> None:
    objects = rendered(tree)
    expected = set(PROBES)
    for kind in ("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"):
        assert set(of_kind(objects, kind)) == expected, kind
    assert set(of_kind(objects, "Ingress")) == {"gateway", "gateway-media"}
    assert set(of_kind(objects, "ConfigMap")) == {"grassroots-config"}
    names = [(obj["kind"], obj["metadata"]["name"]) for obj in objects]
    assert len(names) == len(set(names)), "duplicate objects"


# ---- Deployments ----------------------------------------------------------------------------------


def _container(deployment: Obj) -> Obj:
    containers = deployment["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1
    container: Obj = containers[0]
    return container


@pytest.mark.parametrize("tree", sorted(TREES))
def test_deployments_have_probes_on_the_health_endpoints(tree: str) -> None:
    for name, deployment in of_kind(rendered(tree), "Deployment").items():
        container = _container(deployment)
        live, ready = PROBES[name]
        ports = {port["name"]: port["containerPort"] for port in container["ports"]}
        for probe, path in (("livenessProbe", live), ("readinessProbe", ready)):
            http_get = container[probe]["httpGet"]
            assert http_get["path"] == path, f"{name}: {probe}"
            assert http_get["port"] in ports, f"{name}: {probe} port"
        assert container["startupProbe"]["httpGet"]["path"] == live, name


@pytest.mark.parametrize("tree", sorted(TREES))
def test_deployments_listen_on_the_conventional_ports(tree: str) -> None:
    for name, deployment in of_kind(rendered(tree), "Deployment").items():
        container = _container(deployment)
        port = SUBGRAPHS.get(name, GATEWAY_PORT)
        assert container["ports"] == [{"name": "http", "containerPort": port, "protocol": "TCP"}]
        env = {item["name"]: item for item in container["env"]}
        assert env["PORT"]["value"] == str(port), name
        if name in SUBGRAPHS:
            assert env["MONGODB_DATABASE"]["value"] == f"grassroots_{name}"
        else:
            for subgraph, subgraph_port in SUBGRAPHS.items():
                url = env[f"{subgraph.upper()}_URL"]["value"]
                assert url == f"http://{subgraph}:{subgraph_port}/graphql"


@pytest.mark.parametrize("tree", sorted(TREES))
def test_deployments_request_and_limit_cpu_and_memory(tree: str) -> None:
    for name, deployment in of_kind(rendered(tree), "Deployment").items():
        resources = _container(deployment)["resources"]
        for bound in ("requests", "limits"):
            assert set(resources[bound]) == {"cpu", "memory"}, f"{name}: {bound}"


@pytest.mark.parametrize("tree", sorted(TREES))
def test_pods_run_as_non_root_with_the_restricted_profile(tree: str) -> None:
    for name, deployment in of_kind(rendered(tree), "Deployment").items():
        pod = deployment["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["securityContext"]["runAsUser"] != 0, name
        assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault", name
        assert pod["automountServiceAccountToken"] is False, name
        context = _container(deployment)["securityContext"]
        assert context["allowPrivilegeEscalation"] is False, name
        assert context["readOnlyRootFilesystem"] is True, name
        assert context["capabilities"]["drop"] == ["ALL"], name


def test_pods_run_as_the_users_the_images_create() -> None:
    for name, deployment in of_kind(rendered("base"), "Deployment").items():
        dockerfile = ROOT / (
            "gateway/Dockerfile" if name == "gateway" else "deploy/docker/service.Dockerfile"
        )
        user = re.findall(r"^USER (\d+):(\d+)$", dockerfile.read_text(), re.M)[-1]
        context = deployment["spec"]["template"]["spec"]["securityContext"]
        assert (str(context["runAsUser"]), str(context["runAsGroup"])) == user, name


@pytest.mark.parametrize("tree", sorted(TREES))
def test_images_are_tagged_and_never_latest(tree: str) -> None:
    for name, deployment in of_kind(rendered(tree), "Deployment").items():
        image = _container(deployment)["image"]
        repository, _, tag = image.rpartition(":")
        assert repository.endswith(f"grassroots/{name}"), image
        assert tag, f"{image} has no tag"
        assert tag != "latest", image
        if tree == "prod":
            assert re.fullmatch(r"\d+\.\d+\.\d+", tag), f"prod runs a release: {image}"


# ---- autoscaling, disruption budgets, Services, Ingress ------------------------------------------


def _selects(selector: dict[str, str], deployment: Obj) -> bool:
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    return all(labels.get(key) == value for key, value in selector.items())


@pytest.mark.parametrize("tree", sorted(TREES))
def test_autoscalers_target_existing_deployments_that_leave_them_the_count(tree: str) -> None:
    objects = rendered(tree)
    deployments = of_kind(objects, "Deployment")
    targets = set()
    for name, hpa in of_kind(objects, "HorizontalPodAutoscaler").items():
        assert hpa["apiVersion"] == "autoscaling/v2"
        ref = hpa["spec"]["scaleTargetRef"]
        assert (ref["apiVersion"], ref["kind"]) == ("apps/v1", "Deployment"), name
        assert ref["name"] in deployments, f"{name} targets a missing Deployment"
        assert 1 <= hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"], name
        targets.add(ref["name"])
    assert targets == set(deployments), "every Deployment is autoscaled"
    for name, deployment in deployments.items():
        # An applied `replicas` would reset what the autoscaler chose.
        assert "replicas" not in deployment["spec"], name


@pytest.mark.parametrize("tree", sorted(TREES))
def test_disruption_budgets_select_existing_deployments(tree: str) -> None:
    objects = rendered(tree)
    deployments = of_kind(objects, "Deployment")
    for name, pdb in of_kind(objects, "PodDisruptionBudget").items():
        assert pdb["apiVersion"] == "policy/v1"
        selector = pdb["spec"]["selector"]["matchLabels"]
        selected = [d for d in deployments if _selects(selector, deployments[d])]
        assert selected == [name], f"{name} selects {selected}"
        assert "maxUnavailable" in pdb["spec"] or "minAvailable" in pdb["spec"]


@pytest.mark.parametrize("tree", sorted(TREES))
def test_services_route_to_their_deployments(tree: str) -> None:
    objects = rendered(tree)
    deployments = of_kind(objects, "Deployment")
    for name, service in of_kind(objects, "Service").items():
        selected = [d for d in deployments if _selects(service["spec"]["selector"], deployments[d])]
        assert selected == [name], f"{name} selects {selected}"
        port = SUBGRAPHS.get(name, GATEWAY_PORT)
        assert service["spec"]["ports"] == [
            {"name": "http", "port": port, "targetPort": "http", "protocol": "TCP"}
        ]


@pytest.mark.parametrize("tree", sorted(TREES))
def test_ingress_exposes_only_the_graphql_endpoint_of_the_gateway(tree: str) -> None:
    ingress = of_kind(rendered(tree), "Ingress")["gateway"]
    paths = [path for rule in ingress["spec"]["rules"] for path in rule["http"]["paths"]]
    assert [path["path"] for path in paths] == ["/graphql"]
    for path in paths:
        assert path["backend"]["service"] == {"name": "gateway", "port": {"name": "http"}}
    if tree == "prod":
        hosts = {host for tls in ingress["spec"]["tls"] for host in tls["hosts"]}
        assert hosts == {rule["host"] for rule in ingress["spec"]["rules"]}, "TLS for every host"


# ---- settings and Secrets ---------------------------------------------------------------------------


def _references(deployment: Obj) -> tuple[set[str], set[tuple[str, str]]]:
    """ConfigMaps (envFrom) and (Secret, key) pairs a Deployment's container reads."""
    container = _container(deployment)
    config_maps = {ref["configMapRef"]["name"] for ref in container.get("envFrom", [])}
    secret_keys = {
        (item["valueFrom"]["secretKeyRef"]["name"], item["valueFrom"]["secretKeyRef"]["key"])
        for item in container.get("env", [])
        if "secretKeyRef" in item.get("valueFrom", {})
        and not item["valueFrom"]["secretKeyRef"].get("optional")
    }
    assert all("secretRef" not in ref for ref in container.get("envFrom", [])), "name the keys"
    return config_maps, secret_keys


@pytest.mark.parametrize("tree", sorted(TREES))
def test_settings_are_the_documented_ones(tree: str) -> None:
    shared = conventions_table("Environment variables (every service)")
    gateway = conventions_table("Gateway environment")
    objects = rendered(tree)
    config_maps = of_kind(objects, "ConfigMap")
    for name, deployment in of_kind(objects, "Deployment").items():
        used_maps, _ = _references(deployment)
        names = {item["name"] for item in _container(deployment)["env"]}
        names |= {key for ref in used_maps for key in config_maps[ref]["data"]}
        allowed = shared | PENDING_SETTINGS if name in SUBGRAPHS else gateway | shared
        assert names <= allowed, f"{name}: undocumented {names - allowed}"


@pytest.mark.parametrize("tree", sorted(TREES))
def test_referenced_config_maps_and_secrets_exist(tree: str) -> None:
    objects = rendered(tree)
    config_maps, secrets = of_kind(objects, "ConfigMap"), of_kind(objects, "Secret")
    for name, deployment in of_kind(objects, "Deployment").items():
        used_maps, secret_keys = _references(deployment)
        assert used_maps <= set(config_maps), name
        for secret, key in secret_keys:
            if tree == "prod":
                assert ("Secret", secret) in EXTERNAL_IN_PROD, f"{name}: {secret}"
                continue
            assert key in secrets[secret]["stringData"], f"{name}: {secret}/{key}"


def test_only_people_reads_the_token_signing_key() -> None:
    for name, deployment in of_kind(rendered("base"), "Deployment").items():
        _, secret_keys = _references(deployment)
        reads_key = ("grassroots-secrets", "JWT_PRIVATE_KEY") in secret_keys
        assert reads_key == (name == "people"), name


def test_placeholder_secret_is_marked_and_never_reaches_production() -> None:
    secret = of_kind(rendered("base"), "Secret")["grassroots-secrets"]
    assert secret["metadata"]["annotations"]["grassroots.example/placeholder"] == "true"
    for key, value in secret["stringData"].items():
        assert "CHANGE-ME" in value, f"{key} looks like a real value"
    assert {(o["kind"], o["metadata"]["name"]) for o in rendered("prod")}.isdisjoint(
        EXTERNAL_IN_PROD
    )


def test_overlays_set_environment_namespace_and_scale() -> None:
    expected = {"dev": ("development", "grassroots-dev"), "prod": ("production", "grassroots")}
    min_replicas = {}
    for tree, (environment, namespace) in expected.items():
        objects = rendered(tree)
        assert of_kind(objects, "ConfigMap")["grassroots-config"]["data"]["ENVIRONMENT"] == (
            environment
        )
        assert set(of_kind(objects, "Namespace")) == {namespace}
        for obj in objects:
            if obj["kind"] != "Namespace":
                assert obj["metadata"]["namespace"] == namespace, obj["metadata"]["name"]
        hpas = of_kind(objects, "HorizontalPodAutoscaler").values()
        min_replicas[tree] = min(hpa["spec"]["minReplicas"] for hpa in hpas)
    assert min_replicas["prod"] >= 3 > min_replicas["dev"]


def test_prod_gives_the_services_more_resources_than_dev() -> None:
    def memory_limit(tree: str, name: str) -> int:
        deployment = of_kind(rendered(tree), "Deployment")[name]
        value = _container(deployment)["resources"]["limits"]["memory"]
        match = re.fullmatch(r"(\d+)(Mi|Gi)", value)
        assert match, value
        return int(match[1]) * (1024 if match[2] == "Gi" else 1)

    for name in PROBES:
        assert memory_limit("prod", name) > memory_limit("dev", name), name


# ---- the service boundary (docs/security.md) ------------------------------------------------------


def _policies_for(objects: list[Obj], labels: dict[str, str]) -> list[Obj]:
    """The NetworkPolicies (Ingress) that select pods carrying `labels`."""
    return [
        policy
        for policy in of_kind(objects, "NetworkPolicy").values()
        if "Ingress" in policy["spec"]["policyTypes"]
        and policy["spec"]["podSelector"]["matchLabels"].items() <= labels.items()
    ]


def _pod_labels(deployment: Obj) -> dict[str, str]:
    labels: dict[str, str] = deployment["spec"]["template"]["metadata"]["labels"]
    return labels


@pytest.mark.parametrize("tree", sorted(TREES))
def test_only_the_gateway_reaches_the_subgraph_pods(tree: str) -> None:
    objects = rendered(tree)
    deployments = of_kind(objects, "Deployment")
    gateway = _pod_labels(deployments["gateway"])
    for name in SUBGRAPHS:
        policies = _policies_for(objects, _pod_labels(deployments[name]))
        assert policies, f"{name}: no NetworkPolicy selects its pods"
        for policy in policies:
            for rule in policy["spec"]["ingress"]:
                for peer in rule["from"]:
                    if "podSelector" in peer:
                        # other pods of this namespace: the gateway's only
                        assert "namespaceSelector" not in peer, name
                        selected = peer["podSelector"]["matchLabels"]
                        assert selected.items() <= gateway.items(), name
                        assert selected.get("app.kubernetes.io/name") == "gateway", name
                    else:
                        # the metrics scraper's namespaces, chosen by a label an operator sets
                        labels = peer["namespaceSelector"]["matchLabels"]
                        assert labels == {"grassroots.example/metrics": "true"}, name


@pytest.mark.parametrize("tree", sorted(TREES))
def test_only_the_ingress_controller_reaches_the_gateway(tree: str) -> None:
    objects = rendered(tree)
    gateway = _pod_labels(of_kind(objects, "Deployment")["gateway"])
    [policy] = _policies_for(objects, gateway)
    namespaces = [
        peer["namespaceSelector"]["matchLabels"]
        for rule in policy["spec"]["ingress"]
        for peer in rule["from"]
    ]
    assert {"kubernetes.io/metadata.name": "ingress-nginx"} in namespaces
    assert all("podSelector" not in peer for r in policy["spec"]["ingress"] for peer in r["from"])


@pytest.mark.parametrize("tree", sorted(TREES))
def test_the_gateway_and_every_subgraph_share_the_signing_secret(tree: str) -> None:
    for name, deployment in of_kind(rendered(tree), "Deployment").items():
        _, secret_keys = _references(deployment)
        assert ("grassroots-secrets", "SUBGRAPH_SIGNING_SECRET") in secret_keys, name


@pytest.mark.parametrize("tree", sorted(TREES))
def test_the_gateway_believes_x_forwarded_for_from_cluster_addresses_only(tree: str) -> None:
    gateway = of_kind(rendered(tree), "Deployment")["gateway"]
    env = {item["name"]: item.get("value") for item in _container(gateway)["env"]}
    blocks = [ipaddress.ip_network(b.strip()) for b in env["TRUSTED_PROXIES"].split(",")]
    assert blocks
    for block in blocks:
        assert block.is_private, f"{block}: a public address could claim any client address"
    assert "TRUST_PROXY" not in env


@pytest.mark.parametrize("tree", sorted(TREES))
def test_the_ingress_limits_each_client_before_any_gateway_replica(tree: str) -> None:
    annotations = of_kind(rendered(tree), "Ingress")["gateway"]["metadata"]["annotations"]
    for key in ("limit-rpm", "limit-connections"):
        value = annotations[f"nginx.ingress.kubernetes.io/{key}"]
        assert int(value) > 0, key
    assert annotations["nginx.ingress.kubernetes.io/proxy-body-size"] == "100k"


@pytest.mark.parametrize("tree", sorted(TREES))
def test_photos_have_their_own_ingress_path_and_body_cap(tree: str) -> None:
    ingresses = of_kind(rendered(tree), "Ingress")
    media = ingresses["gateway-media"]
    paths = [path for rule in media["spec"]["rules"] for path in rule["http"]["paths"]]
    assert [(p["path"], p["pathType"]) for p in paths] == [("/media/", "Prefix")]
    assert all(p["backend"]["service"]["name"] == "gateway" for p in paths)
    annotations = media["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/proxy-body-size"] == "11m"
    assert int(annotations["nginx.ingress.kubernetes.io/limit-rpm"]) > 0
    hosts = {rule["host"] for rule in ingresses["gateway"]["spec"]["rules"]}
    assert {rule["host"] for rule in media["spec"]["rules"]} == hosts


# ---- safe by default ----------------------------------------------------------------------------

# What a password-looking setting may hold in the manifests: nothing but a placeholder.
PASSWORD_SETTING = re.compile(r"PASSWORD|SECRET|PRIVATE_KEY", re.IGNORECASE)


def test_the_base_runs_in_production_and_only_the_dev_overlay_asks_for_development() -> None:
    base = of_kind(rendered("base"), "ConfigMap")["grassroots-config"]["data"]
    prod = of_kind(rendered("prod"), "ConfigMap")["grassroots-config"]["data"]

    assert base["ENVIRONMENT"] == "production"
    assert prod["ENVIRONMENT"] == "production"


@pytest.mark.parametrize("tree", sorted(TREES))
def test_no_manifest_carries_a_fixed_password(tree: str) -> None:
    for obj in rendered(tree):
        values: dict[str, str] = {}
        if obj["kind"] == "ConfigMap":
            values = obj.get("data", {})
        if obj["kind"] == "Secret":
            values = obj.get("stringData", {})
        for key, value in values.items():
            if PASSWORD_SETTING.search(key):
                assert "CHANGE-ME" in value, f"{tree}: {obj['metadata']['name']}/{key}"
        if obj["kind"] != "Deployment":
            continue
        for item in _container(obj).get("env", []):
            if PASSWORD_SETTING.search(item["name"]):
                assert "value" not in item, f"{tree}: {item['name']} has a fixed value"


def test_the_admin_password_is_an_optional_secret_only_people_reads() -> None:
    for name, deployment in of_kind(rendered("base"), "Deployment").items():
        env = {item["name"]: item for item in _container(deployment).get("env", [])}
        if name != "people":
            assert "BOOTSTRAP_ADMIN_PASSWORD" not in env, name
            continue
        ref = env["BOOTSTRAP_ADMIN_PASSWORD"]["valueFrom"]["secretKeyRef"]
        assert ref == {
            "name": "grassroots-secrets",
            "key": "BOOTSTRAP_ADMIN_PASSWORD",
            "optional": True,
        }
    assert (
        "BOOTSTRAP_ADMIN_PASSWORD"
        not in of_kind(rendered("base"), "Secret")["grassroots-secrets"]["stringData"]
    )
