"""Settings: documented from the code, refused by name when wrong, secrets kept out of logs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pymongo import MongoClient

from tests.support.mongod import free_port

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts import settings_table  # noqa: E402


def test_the_configuration_table_matches_the_settings_classes():
    assert (ROOT / "docs" / "configuration.md").read_text() == settings_table.configuration_md(), (
        "docs/configuration.md is stale: run `make settings-doc`"
    )


def test_the_index_list_matches_what_the_services_declare():
    assert (ROOT / "docs" / "indexes.md").read_text() == settings_table.indexes_md(), (
        "docs/indexes.md is stale: run `make settings-doc`"
    )


def test_every_setting_of_every_service_is_in_the_table():
    text = (ROOT / "docs" / "configuration.md").read_text()

    for service in settings_table.SERVICES:
        for name in settings_table.service_settings(service).model_fields:
            assert f"| `{name.upper()}` |" in text, name


def _run_service(env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "grassroots_people"],
        env={**os.environ, "PORT": str(free_port()), **env},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


BAD_SETTINGS = {
    "PORT": ("not-a-port", "valid integer"),
    "ENVIRONMENT": ("staging", "'development' or 'production'"),
    "MONGODB_URL": ("", "should match pattern"),
    "AMQP_URL": ("rabbit//user:hunter2-secret@mq", "should match pattern"),
    "CONSUMER_PREFETCH": ("0", "greater than or equal to 1"),
}


def test_missing_or_invalid_settings_stop_the_service_with_a_message_naming_each():
    # Given a missing (empty) URL and malformed or out-of-range values,
    # when the service is started,
    result = _run_service({name: value for name, (value, _) in BAD_SETTINGS.items()})

    # then it exits at once with code 2, naming each variable and what is wrong with it,
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == "invalid configuration for PeopleSettings:"
    for name, (_, complaint) in BAD_SETTINGS.items():
        assert any(line.startswith(f"  {name}: ") and complaint in line for line in lines), name
    # and without echoing the values, which may be secrets.
    assert "hunter2" not in result.stderr + result.stdout


@pytest.fixture
def mongo_user(mongo_url: str) -> Iterator[tuple[str, str]]:
    """A MongoDB user with a password (the test mongod checks it even without --auth)."""
    name, password = f"ops{uuid.uuid4().hex[:8]}", f"pw-{uuid.uuid4().hex}"
    with MongoClient(mongo_url) as client:
        client.admin.command("createUser", name, pwd=password, roles=[])
        try:
            yield name, password
        finally:
            client.admin.command("dropUser", name)


def _wait_for_line(process: subprocess.Popen[str], log: Path, wanted: str) -> list[dict]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
        if any(line.get("message", "").startswith(wanted) for line in lines):
            return lines
        assert process.poll() is None, log.read_text()
        time.sleep(0.2)
    raise AssertionError(f"no {wanted!r} line in:\n{log.read_text()}")


def _start(env: dict[str, str], log: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "grassroots_people"],
        env={**os.environ, "PORT": str(free_port()), "LOG_LEVEL": "DEBUG", **env},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_the_boot_log_shows_the_settings_without_any_credential(
    mongo_url: str, rabbit_url: str, mongo_user: tuple[str, str], tmp_path: Path
):
    user, password = mongo_user
    amqp_password = rabbit_url.split("://", 1)[1].split("@", 1)[0].partition(":")[2]
    secret_url = mongo_url.replace("mongodb://", f"mongodb://{user}:{password}@", 1)
    secret_url += "&authSource=admin"
    database = f"t_{uuid.uuid4().hex[:12]}"
    log = tmp_path / "people.log"
    # Given a service whose MongoDB and RabbitMQ URLs carry passwords,
    process = _start(
        {
            "MONGODB_URL": secret_url,
            "MONGODB_DATABASE": database,
            "AMQP_URL": rabbit_url,
            "EVENTS_PREFIX": f"t{uuid.uuid4().hex[:10]}.",
        },
        log,
    )
    try:
        # when it boots and logs its settings,
        lines = _wait_for_line(process, log, "service booted")
    finally:
        process.terminate()
        process.wait(timeout=30)
        with MongoClient(mongo_url) as client:
            client.drop_database(database)

    # then the settings line shows where it connects but no password anywhere in the log.
    booted = next(line for line in lines if line["message"] == "service booted")
    assert booted["settings"]["mongodb_url"].startswith("mongodb://***@127.0.0.1:")
    assert booted["settings"]["amqp_url"].startswith("amqp://***@")
    text = log.read_text()
    assert password not in text
    assert f":{amqp_password}@" not in text


def test_connection_failures_are_logged_without_the_credentials(tmp_path: Path, mongo_url: str):
    secret = f"amqp-{uuid.uuid4().hex}"
    log = tmp_path / "people.log"
    # Given a broker URL with a password that points at a port where nothing listens,
    process = _start(
        {
            "MONGODB_URL": mongo_url,
            "MONGODB_DATABASE": f"t_{uuid.uuid4().hex[:12]}",
            "AMQP_URL": f"amqp://grassroots:{secret}@127.0.0.1:{free_port()}/",
        },
        log,
    )
    try:
        # when the service retries the connection,
        _wait_for_line(process, log, "RabbitMQ not available yet")
    finally:
        process.terminate()
        process.wait(timeout=30)

    # then its retry lines do not reveal the password.
    assert secret not in log.read_text()
