"""What one service's broker user may do, as RabbitMQ permissions.

A service may configure, write and read only its own queues (`<prefix><service>.*`, with their
`.dead` twins and the exchanges that park into them) and the events exchange; on the events
exchange its topic permission lets it publish only the routing keys of its own event types.
The default exchange is not granted: a service parks through its own `<queue>.dead` exchange,
so it cannot drop a message straight into another service's queue.

The same grant is rendered for `rabbitmqctl` (the local stack, the tests) and as a RabbitMQ
definitions document (docker-compose.yml, Kubernetes).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

EVENTS_EXCHANGE = "grassroots.events"


@dataclass(frozen=True)
class BrokerGrant:
    user: str
    service: str
    configure: str
    write: str
    read: str
    # The events exchange (with its prefix) and the routing keys that may be published on it.
    exchange: str
    topic_write: str
    topic_read: str = ".*"


def service_grant(
    service: str, user: str, routing_key_families: Sequence[str], *, prefix: str = ""
) -> BrokerGrant:
    """The permissions of `service`'s broker user, for names prefixed with `prefix`
    (EVENTS_PREFIX)."""
    if not routing_key_families:
        raise ValueError(f"{service} must publish at least one routing-key family")
    own = f"^{re.escape(prefix)}({re.escape(service)}\\..*|{re.escape(EVENTS_EXCHANGE)})$"
    families = "|".join(re.escape(family) for family in routing_key_families)
    return BrokerGrant(
        user=user,
        service=service,
        configure=own,
        write=own,
        read=own,
        exchange=f"{prefix}{EVENTS_EXCHANGE}",
        topic_write=f"^({families})\\.",
    )


def rabbitmqctl_commands(grant: BrokerGrant, vhost: str = "/") -> list[list[str]]:
    """The `rabbitmqctl` arguments that give `grant.user` (already created) its grant."""
    return [
        ["set_permissions", "-p", vhost, grant.user, grant.configure, grant.write, grant.read],
        [
            "set_topic_permissions",
            "-p",
            vhost,
            grant.user,
            grant.exchange,
            grant.topic_write,
            grant.topic_read,
        ],
    ]


def definitions(
    grants: Sequence[BrokerGrant], passwords: Mapping[str, str], vhost: str = "/"
) -> dict[str, Any]:
    """A RabbitMQ definitions document with one user per grant and its permissions.

    `passwords` maps each user to its password; RabbitMQ hashes it when it imports the file.
    """
    missing = [grant.user for grant in grants if not passwords.get(grant.user)]
    if missing:
        raise ValueError(f"no password for broker user(s): {', '.join(missing)}")
    return {
        "users": [
            {"name": grant.user, "password": passwords[grant.user], "tags": []} for grant in grants
        ],
        "vhosts": [{"name": vhost}],
        "permissions": [
            {
                "user": grant.user,
                "vhost": vhost,
                "configure": grant.configure,
                "write": grant.write,
                "read": grant.read,
            }
            for grant in grants
        ],
        "topic_permissions": [
            {
                "user": grant.user,
                "vhost": vhost,
                "exchange": grant.exchange,
                "write": grant.topic_write,
                "read": grant.topic_read,
            }
            for grant in grants
        ],
    }
