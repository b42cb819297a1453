"""The local stack's per-service broker users (scripts/localstack/broker_users.py), with a
fake rabbitmqctl."""

from __future__ import annotations

import stat
import subprocess
from collections.abc import Sequence
from pathlib import Path

from scripts.localstack import broker_users


class FakeCtl:
    def __init__(self, fail_on: str = "", existing: Sequence[str] = ()) -> None:
        self.calls: list[list[str]] = []
        self.fail_on = fail_on
        self.existing = set(existing)

    def __call__(self, args: Sequence[str]) -> subprocess.CompletedProcess[str]:
        self.calls.append(list(args))
        if args[0] == self.fail_on:
            return subprocess.CompletedProcess(list(args), 2, "", "refused")
        if args[0] == "add_user" and args[1] in self.existing:
            return subprocess.CompletedProcess(list(args), 70, "", "user already exists")
        return subprocess.CompletedProcess(list(args), 0, "", "")


def test_each_service_gets_its_own_user_and_url(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(broker_users.shutil, "which", lambda _: "/usr/sbin/rabbitmqctl")
    ctl = FakeCtl()
    passwords = tmp_path / "broker-users.json"

    urls = broker_users.service_urls(
        "amqp://guest:guest@127.0.0.1:5672/", passwords, run=ctl, warn=print
    )

    assert set(urls) == {"people", "cases", "points", "participation", "notifications"}
    assert urls["cases"].startswith("amqp://grassroots-cases:")
    assert urls["cases"].endswith("@127.0.0.1:5672/")
    assert len({url.split("@")[0] for url in urls.values()}) == 5
    assert stat.S_IMODE(passwords.stat().st_mode) == 0o600
    topic = [c for c in ctl.calls if c[0] == "set_topic_permissions"]
    assert [c[3] for c in topic] == [
        "grassroots-people",
        "grassroots-cases",
        "grassroots-points",
        "grassroots-participation",
        "grassroots-notifications",
    ]


def test_passwords_are_kept_between_runs(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(broker_users.shutil, "which", lambda _: "/usr/sbin/rabbitmqctl")
    passwords = tmp_path / "broker-users.json"
    first = broker_users.service_urls("amqp://g:g@localhost/", passwords, run=FakeCtl())

    ctl = FakeCtl(
        existing=[
            "grassroots-people",
            "grassroots-cases",
            "grassroots-points",
            "grassroots-participation",
            "grassroots-notifications",
        ]
    )
    again = broker_users.service_urls("amqp://g:g@localhost/", passwords, run=ctl)

    assert again == first
    assert any(call[0] == "change_password" for call in ctl.calls)


def test_a_remote_broker_keeps_the_given_url_with_a_warning(tmp_path: Path):
    warnings: list[str] = []

    urls = broker_users.service_urls(
        "amqp://u:p@mq.example:5672/", tmp_path / "p.json", run=FakeCtl(), warn=warnings.append
    )

    assert set(urls.values()) == {"amqp://u:p@mq.example:5672/"}
    assert "shares the AMQP_URL user" in warnings[0]
    assert not (tmp_path / "p.json").exists()


def test_a_refusing_rabbitmqctl_keeps_the_given_url_with_a_warning(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(broker_users.shutil, "which", lambda _: "/usr/sbin/rabbitmqctl")
    warnings: list[str] = []

    urls = broker_users.service_urls(
        "amqp://u:p@127.0.0.1/",
        tmp_path / "p.json",
        run=FakeCtl(fail_on="set_topic_permissions"),
        warn=warnings.append,
    )

    assert set(urls.values()) == {"amqp://u:p@127.0.0.1/"}
    assert "could not create" in warnings[0]


def test_credentials_are_quoted_into_the_url():
    url = broker_users.with_credentials("amqp://a:b@h:1/v", "u", "p@ss/:")

    assert url == "amqp://u:p%40ss%2F%3A@h:1/v"
    assert broker_users.vhost_of(url) == "v"
    assert broker_users.vhost_of("amqp://h/") == "/"


def test_generated_passwords_never_read_as_a_rabbitmqctl_option(tmp_path: Path):
    # A password starting with "-" made `rabbitmqctl add_user` refuse it as an unknown option.
    users = [f"grassroots-user-{n}" for n in range(1000)]
    passwords = broker_users.load_passwords(tmp_path / "broker-users.json", users)

    assert all(p[:1].isalnum() for p in passwords.values()), passwords
