"""Which service produces each event type: the only `source` a consumer accepts for it, and
the only routing keys that service's broker user may publish (docs/operations.md, "Broker
users and permissions")."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from grassroots_contracts import event_types as t

# Service name -> the CloudEvent `source` its events carry.
SOURCES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "people": t.SOURCE_PEOPLE,
        "cases": t.SOURCE_CASES,
        "points": t.SOURCE_POINTS,
        "participation": t.SOURCE_PARTICIPATION,
        "notifications": t.SOURCE_NOTIFICATIONS,
    }
)

# Routing-key families (the part of the type before the dot) each service owns.
_FAMILIES: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "people": ("orgunit", "person", "role", "visit", "commitment"),
        "cases": ("case", "order"),
        "points": ("points", "reward"),
        "participation": ("meeting", "decision", "costshare", "activity", "survey"),
        "notifications": ("notice",),
    }
)

_ALL_TYPES: Final = (
    t.ORGUNIT_CREATED,
    t.ORGUNIT_MOVED,
    t.ORGUNIT_RENAMED,
    t.PERSON_REGISTERED,
    t.PERSON_MOVED,
    t.PERSON_UPDATED,
    t.ROLE_ASSIGNED,
    t.ROLE_REVOKED,
    t.VISIT_LOGGED,
    t.COMMITMENT_FULFILLED,
    t.CASE_REPORTED,
    t.CASE_ASSIGNED,
    t.CASE_ESCALATED,
    t.CASE_RESOLVED,
    t.CASE_CLOSED,
    t.CASE_REOPENED,
    t.CASE_SENT_TO_DELIBERATION,
    t.CASE_FOLLOWED,
    t.CASE_UNFOLLOWED,
    t.ORDER_POSTED,
    t.ORDER_TAKEN,
    t.POINTS_AWARDED,
    t.POINTS_REVERSED,
    t.REWARD_REDEEMED,
    t.MEETING_SCHEDULED,
    t.DECISION_MADE,
    t.COSTSHARE_FUNDED,
    t.ACTIVITY_ATTENDED,
    t.SURVEY_CLOSED,
    t.NOTICE_CREATED,
)


def producing_service(event_type: str) -> str | None:
    """The service that publishes `event_type`, or None for a type nobody here produces."""
    family = event_type.split(".", 1)[0]
    for service, families in _FAMILIES.items():
        if family in families:
            return service
    return None


# Event type -> the `source` its producer sets; consumers accept nothing else.
PRODUCERS: Final[Mapping[str, str]] = MappingProxyType(
    {
        event_type: SOURCES[service]
        for event_type in _ALL_TYPES
        if (service := producing_service(event_type)) is not None
    }
)


def routing_key_families(service: str) -> tuple[str, ...]:
    """The routing-key families `service` may publish (`case`, `order` for cases): its broker
    user's topic write permission is `^(case|order)\\.`."""
    return _FAMILIES[service]
