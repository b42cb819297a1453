"""Per-service RabbitMQ users for one test or stack, made with `rabbitmqctl` and removed after.

The grants are the ones production uses (grassroots_kit.messaging.permissions), for the test's
own name prefix; the user names carry the prefix too, so runs never share a user.
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
from collections.abc import Iterator

import pytest

from scripts.localstack import broker_users


@contextlib.contextmanager
def service_users(base_url: str, prefix: str) -> Iterator[dict[str, str]]:
    """Each service's AMQP URL, with a user of its own that may do only what it must."""
    if shutil.which("rabbitmqctl") is None:
        pytest.fail("per-service broker users need rabbitmqctl on this machine", pytrace=False)
    grants = broker_users.grants(prefix, user_prefix=prefix)
    # hex: a password that starts with "-" would read as an option to rabbitmqctl
    passwords = {grant.user: secrets.token_hex(18) for grant in grants}
    try:
        broker_users.provision(grants, passwords, broker_users.vhost_of(base_url))
        yield {
            grant.service: broker_users.with_credentials(
                base_url, grant.user, passwords[grant.user]
            )
            for grant in grants
        }
    finally:
        broker_users.remove([grant.user for grant in grants])
