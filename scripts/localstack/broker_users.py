"""One RabbitMQ user per service, made with `rabbitmqctl` on a broker we may administer.

Each service's user may publish only its own event types (grassroots_kit.messaging.permissions).
Passwords are generated once and kept in `.local/broker-users.json` (mode 600). When the broker
is not ours to administer (not on this machine, or `rabbitmqctl` refuses), the stack keeps the
one URL it was given and says so.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urlsplit, urlunsplit

if TYPE_CHECKING:
    from grassroots_kit.messaging.permissions import BrokerGrant

SERVICES = ("people", "cases", "points", "participation", "notifications")
Run = Callable[[Sequence[str]], subprocess.CompletedProcess[str]]
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
USER_PREFIX = "grassroots-"


def grants(prefix: str = "", user_prefix: str = USER_PREFIX) -> list[BrokerGrant]:
    """The grant of every service's user, for queue and exchange names prefixed by `prefix`."""
    # Imported here: the stack script itself runs on the standard library alone.
    from grassroots_contracts.producers import routing_key_families
    from grassroots_kit.messaging.permissions import service_grant

    return [
        service_grant(
            service, f"{user_prefix}{service}", routing_key_families(service), prefix=prefix
        )
        for service in SERVICES
    ]


def with_credentials(url: str, user: str, password: str) -> str:
    """`url` with its user and password replaced."""
    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    netloc = f"{quote(user, safe='')}:{quote(password, safe='')}@{host}"
    return urlunsplit(parts._replace(netloc=netloc))


def vhost_of(url: str) -> str:
    path = urlsplit(url).path
    return "/" if path in ("", "/") else unquote(path[1:])


def _rabbitmqctl(args: Sequence[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["rabbitmqctl", *args], capture_output=True, text=True, timeout=120, check=False
    )


def provision(
    user_grants: Sequence[BrokerGrant],
    passwords: Mapping[str, str],
    vhost: str = "/",
    run: Run = _rabbitmqctl,
) -> None:
    """Create (or update) each user with its password and permissions; raises on a refusal."""
    for grant in user_grants:
        added = run(["add_user", grant.user, passwords[grant.user]])
        if added.returncode != 0:
            if "already exists" not in added.stdout + added.stderr:
                raise RuntimeError(f"rabbitmqctl add_user {grant.user}: {added.stderr.strip()}")
            _check(run(["change_password", grant.user, passwords[grant.user]]), grant.user)
        for command in _commands(grant, vhost):
            _check(run(command), grant.user)


def _commands(grant: BrokerGrant, vhost: str) -> list[list[str]]:
    from grassroots_kit.messaging.permissions import rabbitmqctl_commands

    return rabbitmqctl_commands(grant, vhost)


def remove(users: Sequence[str], run: Run = _rabbitmqctl) -> None:
    for user in users:
        run(["delete_user", user])


def _check(done: subprocess.CompletedProcess[str], user: str) -> None:
    if done.returncode != 0:
        raise RuntimeError(f"rabbitmqctl refused for {user}: {done.stderr.strip()}")


def load_passwords(path: Path, users: Sequence[str]) -> dict[str, str]:
    """The kept passwords, with a new random one for each user that has none (saved, 600)."""
    try:
        kept: dict[str, str] = json.loads(path.read_text())
    except (OSError, ValueError):
        kept = {}
    missing = [user for user in users if not kept.get(user)]
    if missing or not path.exists():
        # hex: a password that starts with "-" would read as an option to rabbitmqctl
        kept.update({user: secrets.token_hex(24) for user in missing})
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as file:
            json.dump(kept, file, indent=2)
    os.chmod(path, 0o600)
    return {user: kept[user] for user in users}


def service_urls(
    base_url: str,
    passwords_file: Path,
    prefix: str = "",
    run: Run = _rabbitmqctl,
    warn: Callable[[str], None] = print,
) -> dict[str, str]:
    """Each service's AMQP URL: its own user on a local broker we administer, else `base_url`
    for all (with a warning that every service then shares one user)."""
    fallback = dict.fromkeys(SERVICES, base_url)
    host = urlsplit(base_url).hostname or ""
    if host not in LOCAL_HOSTS or shutil.which("rabbitmqctl") is None:
        warn(
            "broker users: the broker is not one this machine administers (no local "
            "rabbitmqctl); every service shares the AMQP_URL user, so any of them may publish "
            "any event type. Give each service its own user (docs/operations.md)."
        )
        return fallback
    try:
        user_grants = grants(prefix)
        passwords = load_passwords(passwords_file, [grant.user for grant in user_grants])
        provision(user_grants, passwords, vhost_of(base_url), run)
    except (OSError, RuntimeError, ImportError, subprocess.SubprocessError) as exc:
        warn(
            f"broker users: could not create the per-service users ({exc}); every service "
            "shares the AMQP_URL user, so any of them may publish any event type."
        )
        return fallback
    return {
        grant.service: with_credentials(base_url, grant.user, passwords[grant.user])
        for grant in user_grants
    }
