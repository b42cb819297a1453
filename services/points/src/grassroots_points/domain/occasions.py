"""What other services' events mean to points: who served, where, and the facts rules read.

Parsing is strict about what a consumer needs (ids, paths, handlers) and lenient about the
rest, so that a publisher adding a field never breaks points. A payload that cannot be read
raises `MalformedEvent`, which the consumer parks with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from grassroots_contracts.event_types import (
    CASE_CLOSED,
    CASE_REOPENED,
    COMMITMENT_FULFILLED,
    ORDER_TAKEN,
    VISIT_LOGGED,
)

from grassroots_points.domain import vocabulary as v
from grassroots_points.domain.ids import PersonId

SUPPORTED_DATAVERSIONS = frozenset({"1"})


class MalformedEvent(ValueError):
    """An event's data does not match the contract points reads."""


@dataclass(frozen=True)
class Occasion:
    """One person's part in one event, as rules see it."""

    rule_event_type: str
    person_id: PersonId
    source_event_id: str
    source_event_type: str
    at: datetime
    org_unit_id: str | None
    org_unit_path: tuple[str, ...]
    role: str | None = None
    category: str | None = None
    priority: str | None = None
    level: str | None = None
    care_level: str | None = None
    met_deadline: bool | None = None
    rating: int | None = None
    case_id: str | None = None
    closure: int | None = None
    confirmed_by: PersonId | None = None  # who confirmed a visit or a commitment's fulfilment

    @property
    def reason(self) -> str:
        if self.rule_event_type == ORDER_TAKEN:
            return "took an order"
        if self.rule_event_type == CASE_CLOSED:
            return f"handled a case as {self.role}" if self.role else "handled a case"
        if self.rule_event_type == VISIT_LOGGED:
            return f"visited a {self.care_level or 'cared-for'} household"
        return "fulfilled a commitment"


@dataclass(frozen=True)
class Handler:
    person_id: PersonId
    role: str | None


@dataclass(frozen=True)
class CaseClosed:
    case_id: str
    number: str | None
    closure: int
    org_unit_id: str
    org_unit_path: tuple[str, ...]
    category: str | None
    priority: str | None
    level: str | None
    handlers: tuple[Handler, ...]
    order_taker_id: PersonId | None
    rating: int | None
    met_deadline: bool | None
    closed_at: datetime | None

    def occasions(
        self, event_id: str, at: datetime, known_taker: PersonId | None = None
    ) -> list[Occasion]:
        common: dict[str, Any] = {
            "source_event_id": event_id,
            "source_event_type": CASE_CLOSED,
            "at": self.closed_at or at,
            "org_unit_id": self.org_unit_id,
            "org_unit_path": self.org_unit_path,
            "category": self.category,
            "priority": self.priority,
            "level": self.level,
            "met_deadline": self.met_deadline,
            "rating": self.rating,
            "case_id": self.case_id,
            "closure": self.closure,
        }
        found = [Occasion(CASE_CLOSED, h.person_id, role=h.role, **common) for h in self.handlers]
        taker = self.order_taker_id or known_taker
        if taker is not None:
            found.append(Occasion(ORDER_TAKEN, taker, role=v.RED_PARTNER_MEMBER, **common))
        return found


@dataclass(frozen=True)
class CaseReopened:
    case_id: str
    closure: int
    reason: str


@dataclass(frozen=True)
class OrderTaken:
    case_id: str
    taker_id: PersonId | None


def check_version(event_type: str, dataversion: str) -> None:
    if dataversion not in SUPPORTED_DATAVERSIONS:
        raise MalformedEvent(f"unsupported dataversion {dataversion!r} of {event_type}")


def case_closed(data: Mapping[str, Any]) -> CaseClosed:
    handlers_raw = _required(data, "handlers", list)
    handlers = []
    for item in handlers_raw:
        if not isinstance(item, Mapping):
            raise MalformedEvent("each handler must be an object {personId, role}")
        handlers.append(Handler(PersonId(_id(item, "personId")), _optional(item, "role", str)))
    taker = _optional(data, "orderTakerId", str)
    rating = _optional(data, "rating", int)
    return CaseClosed(
        case_id=_id(data, "caseId"),
        number=_optional(data, "number", str),
        closure=_closure(data),
        org_unit_id=_id(data, "orgUnitId"),
        org_unit_path=_path(data),
        category=_optional(data, "category", str),
        priority=_optional(data, "priority", str),
        level=_optional(data, "level", str),
        handlers=tuple(handlers),
        order_taker_id=PersonId(taker) if taker else None,
        rating=rating,
        met_deadline=_optional(data, "metDeadline", bool),
        closed_at=_time(data, "closedAt"),
    )


def case_reopened(data: Mapping[str, Any]) -> CaseReopened:
    return CaseReopened(
        case_id=_id(data, "caseId"),
        closure=_closure(data),
        reason=_optional(data, "reason", str) or "the case was reopened",
    )


def order_taken(data: Mapping[str, Any]) -> OrderTaken:
    taker = _optional(data, "takerId", str)
    return OrderTaken(case_id=_id(data, "caseId"), taker_id=PersonId(taker) if taker else None)


def visit_logged(event_id: str, data: Mapping[str, Any], at: datetime) -> Occasion:
    return Occasion(
        rule_event_type=VISIT_LOGGED,
        person_id=PersonId(_id(data, "visitorId")),
        source_event_id=event_id,
        source_event_type=VISIT_LOGGED,
        at=_time(data, "at") or at,
        org_unit_id=_id(data, "orgUnitId"),
        org_unit_path=_path(data),
        care_level=_optional(data, "careLevel", str),
        confirmed_by=_confirmer(data),
    )


def commitment_fulfilled(event_id: str, data: Mapping[str, Any], at: datetime) -> Occasion:
    return Occasion(
        rule_event_type=COMMITMENT_FULFILLED,
        person_id=PersonId(_id(data, "personId")),
        source_event_id=event_id,
        source_event_type=COMMITMENT_FULFILLED,
        at=_time(data, "fulfilledAt") or at,
        org_unit_id=_optional(data, "orgUnitId", str),
        org_unit_path=_path(data, required=False),
        met_deadline=_optional(data, "onTime", bool),
        confirmed_by=_confirmer(data),
    )


AWARDING_TYPES = frozenset({CASE_CLOSED, VISIT_LOGGED, COMMITMENT_FULFILLED})
CASE_TYPES = frozenset({CASE_CLOSED, CASE_REOPENED, ORDER_TAKEN})


def _confirmer(data: Mapping[str, Any]) -> PersonId | None:
    # Optional when reading: an event without it (published before confirmation existed, or
    # forged) is read, and earns nothing (`caps.unconfirmed`).
    confirmed_by = _optional(data, "confirmedBy", str)
    return PersonId(confirmed_by) if confirmed_by else None


def _required(data: Mapping[str, Any], name: str, kind: type) -> Any:
    if name not in data:
        raise MalformedEvent(f"missing field {name!r}")
    value = data[name]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise MalformedEvent(f"{name!r} must be of type {kind.__name__}")
    return value


def _optional(data: Mapping[str, Any], name: str, kind: type) -> Any:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise MalformedEvent(f"{name!r} must be of type {kind.__name__} or null")
    return value


def _id(data: Mapping[str, Any], name: str) -> str:
    value = _required(data, name, str)
    if not value:
        raise MalformedEvent(f"{name!r} must not be empty")
    return str(value)


def _closure(data: Mapping[str, Any]) -> int:
    closure = _required(data, "closure", int)
    if closure < 1:
        raise MalformedEvent("'closure' must be 1 or more")
    return int(closure)


def _path(data: Mapping[str, Any], *, required: bool = True) -> tuple[str, ...]:
    if not required and data.get("orgUnitPath") is None:
        return ()
    path = _required(data, "orgUnitPath", list)
    if not all(isinstance(p, str) and p for p in path):
        raise MalformedEvent("'orgUnitPath' must be a list of ids")
    return tuple(path)


def _time(data: Mapping[str, Any], name: str) -> datetime | None:
    raw = data.get(name)
    if raw is None:
        return None
    try:
        value = datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
    except ValueError:
        raise MalformedEvent(f"{name!r} is not an RFC 3339 timestamp") from None
    if value.tzinfo is None:
        raise MalformedEvent(f"{name!r} has no time zone")
    return value
