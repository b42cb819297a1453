"""One broker user per service in docker-compose.yml and the Kubernetes manifests, with the
grants the local stack gives (scripts/broker_definitions.py generates both files)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts import broker_definitions
from scripts.localstack.broker_users import SERVICES, grants
from tests.static.test_compose import BROKER_PASSWORDS, COMPOSE_FILE, _docker_compose_binary

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = ROOT / "deploy" / "compose" / "rabbitmq-entrypoint.sh"
K8S_BASE = ROOT / "deploy" / "k8s" / "base"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(COMPOSE_FILE.read_text())
    return data


def test_the_generated_definitions_are_current():
    done = subprocess.run(
        [sys.executable, "scripts/broker_definitions.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _render(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", str(ENTRYPOINT)],
        env={
            "PATH": os.environ["PATH"],
            "DEFINITIONS_TEMPLATE": str(broker_definitions.COMPOSE_TEMPLATE),
            "DEFINITIONS_FILE": str(tmp_path / "definitions.json"),
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )


PASSWORDS = {
    "RABBITMQ_USER": "operator",
    "RABBITMQ_PASSWORD": "admin-pw",
    "RABBITMQ_PEOPLE_PASSWORD": "people.pw",
    "RABBITMQ_CASES_PASSWORD": "cases_pw",
    "RABBITMQ_POINTS_PASSWORD": "points~pw",
    "RABBITMQ_PARTICIPATION_PASSWORD": "participation-pw",
    "RABBITMQ_NOTIFICATIONS_PASSWORD": "notifications-pw",
}


@pytest.mark.parametrize("prefix", ["", "e1a2b3."])
def test_compose_definitions_grant_what_the_local_stack_grants(tmp_path: Path, prefix: str):
    done = _render(tmp_path, {**PASSWORDS, "EVENTS_PREFIX": prefix})

    assert done.returncode == 0, done.stderr
    rendered = json.loads((tmp_path / "definitions.json").read_text())
    expected = broker_definitions.document(
        prefix,
        {
            "people": "people.pw",
            "cases": "cases_pw",
            "points": "points~pw",
            "participation": "participation-pw",
            "notifications": "notifications-pw",
        },
        ("operator", "admin-pw"),
    )
    assert rendered == expected
    assert (tmp_path / "definitions.json").stat().st_mode & 0o077 == 0
    cases = next(p for p in rendered["topic_permissions"] if p["user"] == "grassroots-cases")
    assert cases["exchange"] == f"{prefix}grassroots.events"
    assert re.match(cases["write"], "case.closed")
    assert not re.match(cases["write"], "points.awarded")


@pytest.mark.parametrize("missing", BROKER_PASSWORDS)
def test_compose_refuses_to_start_the_broker_without_every_password(tmp_path: Path, missing):
    done = _render(tmp_path, {k: v for k, v in PASSWORDS.items() if k != missing})

    assert done.returncode != 0
    assert missing in done.stderr
    assert not (tmp_path / "definitions.json").exists()


def test_compose_refuses_a_password_that_cannot_go_into_a_url(tmp_path: Path):
    done = _render(tmp_path, {**PASSWORDS, "RABBITMQ_CASES_PASSWORD": 'a"b|c'})

    assert done.returncode != 0
    assert "RABBITMQ_CASES_PASSWORD" in done.stderr


def test_the_broker_loads_the_definitions_at_boot(compose: dict[str, Any]):
    rabbitmq = compose["services"]["rabbitmq"]
    assert rabbitmq["entrypoint"] == ["/bin/sh", "/etc/grassroots/rabbitmq-entrypoint.sh"]
    assert rabbitmq["command"] == ["rabbitmq-server"]
    mounts = {v.split(":")[1]: v.split(":")[0] for v in rabbitmq["volumes"]}
    assert (
        mounts["/etc/grassroots/rabbitmq-entrypoint.sh"]
        == "./deploy/compose/rabbitmq-entrypoint.sh"
    )
    conf = (ROOT / mounts["/etc/rabbitmq/conf.d/20-grassroots.conf"]).read_text()
    assert "load_definitions = /tmp/rabbitmq-definitions.json" in conf
    assert "RABBITMQ_DEFAULT_PASS" not in rabbitmq["environment"]


def test_each_compose_service_connects_as_its_own_user(compose: dict[str, Any]):
    for service in SERVICES:
        url = compose["services"][service]["environment"]["AMQP_URL"]
        variable = f"RABBITMQ_{service.upper()}_PASSWORD"
        assert url.startswith(f"amqp://grassroots-{service}:${{{variable}:?"), url


def test_broker_passwords_have_no_default(compose: dict[str, Any]):
    text = COMPOSE_FILE.read_text()
    for variable in BROKER_PASSWORDS:
        uses = re.findall(rf"\$\{{{variable}([^}}]*)\}}", text)
        assert uses, variable
        assert all(use.startswith(":?") for use in uses), (variable, uses)


def test_docker_compose_refuses_to_run_without_the_broker_passwords():
    binary = _docker_compose_binary()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COMPOSE_", "DOCKER_"))}
    for variable in BROKER_PASSWORDS:
        env.pop(variable, None)

    done = subprocess.run(
        [str(binary), "-f", str(COMPOSE_FILE), "config", "--quiet"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode != 0
    assert "PASSWORD" in done.stderr


# ---- Kubernetes ---------------------------------------------------------------------------------


def _documents(path: Path) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


def test_the_k8s_definitions_secret_grants_what_the_local_stack_grants():
    (secret,) = _documents(K8S_BASE / "rabbitmq-definitions.yaml")
    assert secret["kind"] == "Secret"
    assert secret["metadata"]["annotations"]["grassroots.example/placeholder"] == "true"
    document = json.loads(secret["stringData"]["definitions.json"])
    topic = {p["user"]: (p["exchange"], p["write"]) for p in document["topic_permissions"]}
    for grant in grants(""):
        assert topic[grant.user] == ("grassroots.events", grant.topic_write)
    for user in document["users"]:
        assert user["password"].startswith("CHANGE-ME"), user["name"]
    kustomization = yaml.safe_load((K8S_BASE / "kustomization.yaml").read_text())
    assert "rabbitmq-definitions.yaml" in kustomization["resources"]


def test_each_k8s_service_reads_its_own_broker_url():
    (placeholder,) = _documents(K8S_BASE / "secret.yaml")
    for service in SERVICES:
        deployment = next(
            d for d in _documents(K8S_BASE / f"{service}.yaml") if d["kind"] == "Deployment"
        )
        env = deployment["spec"]["template"]["spec"]["containers"][0]["env"]
        amqp = next(item for item in env if item["name"] == "AMQP_URL")
        key = amqp["valueFrom"]["secretKeyRef"]["key"]
        assert key == f"{service.upper()}_AMQP_URL"
        assert placeholder["stringData"][key].startswith(f"amqp://grassroots-{service}:CHANGE-ME")
    assert "AMQP_URL" not in placeholder["stringData"]
