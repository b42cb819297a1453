"""Payloads of the events `cases` publishes: case.* and order.* (docs/conventions.md).

`to_data()` is what goes into a CloudEvent's `data`; `from_data()` reads it back for consumers
(it raises `InvalidPayload` when a field is missing or of the wrong type).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from grassroots_contracts.org_units import InvalidPayload

T = TypeVar("T")


def _time(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")


def _parse_time(value: Any, name: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise InvalidPayload(f"{name} is not an RFC 3339 time") from None
    if parsed.tzinfo is None:
        raise InvalidPayload(f"{name} has no time zone")
    return parsed


def _get(data: Mapping[str, Any], name: str, kind: type[T], *, nullable: bool = False) -> T:
    if name not in data:
        raise InvalidPayload(f"missing field {name!r}")
    value = data[name]
    if value is None and nullable:
        return None  # type: ignore[return-value]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise InvalidPayload(f"{name} must be {kind.__name__}{' or null' if nullable else ''}")
    return value


def _path(data: Mapping[str, Any]) -> tuple[str, ...]:
    path = _get(data, "orgUnitPath", list)
    if not path or not all(isinstance(p, str) for p in path):
        raise InvalidPayload("orgUnitPath must be a non-empty list of ids")
    if path[-1] != data.get("orgUnitId"):
        raise InvalidPayload("orgUnitPath must end with orgUnitId")
    return tuple(path)


@dataclass(frozen=True)
class HandlerRole:
    """Someone who worked a case and the role they did it in."""

    person_id: str
    role: str

    def to_data(self) -> dict[str, Any]:
        return {"personId": self.person_id, "role": self.role}


@dataclass(frozen=True)
class CaseReported:
    case_id: str
    number: str
    org_unit_id: str
    org_unit_path: tuple[str, ...]
    category: str
    priority: str
    channel: str
    level: str
    reporter_id: str | None
    due_at: datetime
    reported_at: datetime

    def to_data(self) -> dict[str, Any]:
        return {
            "caseId": self.case_id,
            "number": self.number,
            "orgUnitId": self.org_unit_id,
            "orgUnitPath": list(self.org_unit_path),
            "category": self.category,
            "priority": self.priority,
            "channel": self.channel,
            "level": self.level,
            "reporterId": self.reporter_id,
            "dueAt": _time(self.due_at),
            "reportedAt": _time(self.reported_at),
        }


@dataclass(frozen=True)
class CaseAssigned:
    """A person, an organization (dispatch) or both now answer for the case."""

    case_id: str
    number: str
    org_unit_id: str
    org_unit_path: tuple[str, ...]
    category: str
    level: str
    assignee_id: str | None
    organization_id: str | None
    assigned_at: datetime

    def to_data(self) -> dict[str, Any]:
        return {
            "caseId": self.case_id,
            "number": self.number,
            "orgUnitId": self.org_unit_id,
            "orgUnitPath": list(self.org_unit_path),
            "category": self.category,
            "level": self.level,
            "assigneeId": self.assignee_id,
            "organizationId": self.organization_id,
            "assignedAt": _time(self.assigned_at),
        }


@dataclass(frozen=True)
class CaseEscalated:
    case_id: str
    number: str
    org_unit_id: str
    org_unit_path: tuple[str, ...]
    category: str
    from_level: str
    to_level: str
    reason: str  # MANUAL, SLA_BREACH, BEYOND_AUTHORITY
    breach_count: int
    due_at: datetime
    escalated_at: datetime

    def to_data(self) -> dict[str, Any]:
        return {
            "caseId": self.case_id,
            "number": self.number,
            "orgUnitId": self.org_unit_id,
            "orgUnitPath": list(self.org_unit_path),
            "category": self.category,
            "fromLevel": self.from_level,
            "toLevel": self.to_level,
            "reason": self.reason,
            "breachCount": self.breach_count,
            "dueAt": _time(self.due_at),
            "escalatedAt": _time(self.escalated_at),
        }


@dataclass(frozen=True)
class CaseResolved:
    case_id: str
    number: str
    org_unit_id: str
    org_unit_path: tuple[str, ...]
    category: str
    level: str
    handlers: tuple[HandlerRole, ...]
    organization_id: str | None
    met_deadline: bool
    resolved_at: datetime

    def to_data(self) -> dict[str, Any]:
        return {
            "caseId": self.case_id,
            "number": self.number,
            "orgUnitId": self.org_unit_id,
            "orgUnitPath": list(self.org_unit_path),
            "category": self.category,
            "level": self.level,
            "handlers": [h.to_data() for h in self.handlers],
            "organizationId": self.organization_id,
            "metDeadline": self.met_deadline,
            "resolvedAt": _time(self.resolved_at),
        }


@dataclass(frozen=True)
class CaseClosed:
    """Everything `points` needs to award the people who answered the resident."""

    case_id: str
    number: str
    closure: int  # 1 for the first closing, 2 after a reopen, ...
    org_unit_id: str
    org_unit_path: tuple[str, ...]
    category: str
    priority: str
    level: str
    reporter_id: str | None
    handlers: tuple[HandlerRole, ...]
    organization_id: str | None
    order_taker_id: str | None
    rating: int | None
    met_deadline: bool
    closed_at: datetime

    def to_data(self) -> dict[str, Any]:
        return {
            "caseId": self.case_id,
            "number": self.number,
            "closure": self.closure,
            "orgUnitId": self.org_unit_id,
            "orgUnitPath": list(self.org_unit_path),
            "category": self.category,
            "priority": self.priority,
            "level": self.level,
            "reporterId": self.reporter_id,
            "handlers": [h.to_data() for h in self.handlers],
            "organizationId": self.organization_id,
            "orderTakerId": self.order_taker_id,
            "rating": self.rating,
            "metDeadline": self.met_deadline,
            "closedAt": _time(self.closed_at),
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> CaseClosed:
        handlers = []
        for item in _get(data, "handlers", list):
            if not isinstance(item, Mapping):
                raise InvalidPayload("handlers must be objects")
            handlers.append(HandlerRole(_get(item, "personId", str), _get(item, "role", str)))
        closure = _get(data, "closure", int)
        if closure < 1:
            raise InvalidPayload("closure must be at least 1")
        return cls(
            case_id=_get(data, "caseId", str),
            number=_get(data, "number", str),
            closure=closure,
            org_unit_id=_get(data, "orgUnitId", str),
            org_unit_path=_path(data),
            category=_get(data, "category", str),
            priority=_get(data, "priority", str),
            level=_get(data, "level", str),
            reporter_id=_get(data, "reporterId", str, nullable=True),
            handlers=tuple(handlers),
            organization_id=_get(data, "organizationId", str, nullable=True),
            order_taker_id=_get(data, "orderTakerId", str, nullable=True),
            rating=_get(data, "rating", int, nullable=True),
            met_deadline=_get(data, "metDeadline", bool),
            closed_at=_parse_time(_get(data, "closedAt", str), "closedAt"),
        )


@dataclass(frozen=True)
class CaseReopened:
    """A closed case went back to work; `closure` is the closing undone (1, 2, ...).

    A low rating closes the case (case.closed with the rating) and reopens it at once."""

    case_id: str
    number: str
    closure: int
    org_unit_id: str
    org_unit_path: tuple[str, ...]
    reason: str
    reopened_at: datetime

    def to_data(self) -> dict[str, Any]:
        return {
            "caseId": self.case_id,
            "number": self.number,
            "closure": self.closure,
            "orgUnitId": self.org_unit_id,
            "orgUnitPath": list(self.org_unit_path),
            "reason": self.reason,
            "reopenedAt": _time(self.reopened_at),
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> CaseReopened:
        closure = _get(data, "closure", int)
        if closure < 1:
            raise InvalidPayload("closure must be at least 1")
        return cls(
            case_id=_get(data, "caseId", str),
            number=_get(data, "number", str),
            closure=closure,
            org_unit_id=_get(data, "orgUnitId", str),
            org_unit_path=_path(data),
            reason=_get(data, "reason", str),
            reopened_at=_parse_time(_get(data, "reopenedAt", str), "reopenedAt"),
        )


@dataclass(frozen=True)
class OrderEvent:
    """`order.posted` (taker_id None) and `order.taken` share this payload."""

    case_id: str
    number: str
    org_unit_id: str
    org_unit_path: tuple[str, ...]
    category: str
    taker_id: str | None
    organization_id: str | None
    at: datetime

    def to_data(self) -> dict[str, Any]:
        return {
            "caseId": self.case_id,
            "number": self.number,
            "orgUnitId": self.org_unit_id,
            "orgUnitPath": list(self.org_unit_path),
            "category": self.category,
            "takerId": self.taker_id,
            "organizationId": self.organization_id,
            "at": _time(self.at),
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> OrderEvent:
        return cls(
            case_id=_get(data, "caseId", str),
            number=_get(data, "number", str),
            org_unit_id=_get(data, "orgUnitId", str),
            org_unit_path=_path(data),
            category=_get(data, "category", str),
            taker_id=_get(data, "takerId", str, nullable=True),
            organization_id=_get(data, "organizationId", str, nullable=True),
            at=_parse_time(_get(data, "at", str), "at"),
        )


OrderPosted = OrderEvent
OrderTaken = OrderEvent
