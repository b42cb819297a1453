"""Payloads of the person, role, visit and commitment events `people` publishes.

Each places its subject in the ladder with `orgUnitId` and `orgUnitPath` (ancestors and the unit
itself, root first), so consumers never call back. No phone numbers: personal data stays in people.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from grassroots_contracts.org_units import InvalidPayload
from grassroots_contracts.roles import UNIT_ROLES

CARE_LEVELS = ("RED", "YELLOW", "GREEN", "NONE")


def _time(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


def _parse_time(data: Mapping[str, Any], name: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(str(data[name]).replace("Z", "+00:00"))
    except KeyError:
        raise InvalidPayload(f"missing field {name!r}") from None
    except ValueError:
        raise InvalidPayload(f"{name} is not an RFC 3339 timestamp") from None
    if parsed.tzinfo is None:
        raise InvalidPayload(f"{name} has no time zone")
    return parsed


def _optional_time(data: Mapping[str, Any], name: str) -> datetime | None:
    return None if data.get(name) is None else _parse_time(data, name)


def _str(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value:
        raise InvalidPayload(f"{name} must be a non-empty string")
    return value


def _optional_str(data: Mapping[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is not None and not isinstance(value, str):
        raise InvalidPayload(f"{name} must be a string or null")
    return value


def _path(data: Mapping[str, Any]) -> tuple[str, ...]:
    path = data.get("orgUnitPath")
    if not isinstance(path, list) or not path or not all(isinstance(p, str) for p in path):
        raise InvalidPayload("orgUnitPath must be a non-empty list of ids")
    if path[-1] != data.get("orgUnitId"):
        raise InvalidPayload("orgUnitPath must end with orgUnitId")
    return tuple(path)


@dataclass(frozen=True)
class PersonSnapshot:
    """`person.registered` and `person.moved`: where a person lives now."""

    id: str
    name: str
    household_id: str | None
    org_unit_id: str | None  # None for someone placed only by their roles (staff from elsewhere)
    org_unit_path: tuple[str, ...]
    party_member: bool
    version: int

    def to_data(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "householdId": self.household_id,
            "orgUnitId": self.org_unit_id,
            "orgUnitPath": list(self.org_unit_path),
            "partyMember": self.party_member,
            "version": self.version,
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> PersonSnapshot:
        version = data.get("version")
        if not isinstance(version, int) or version < 1:
            raise InvalidPayload("version must be a positive integer")
        return cls(
            id=_str(data, "id"),
            name=_str(data, "name"),
            household_id=_optional_str(data, "householdId"),
            org_unit_id=_optional_str(data, "orgUnitId"),
            org_unit_path=_path(data) if data.get("orgUnitId") is not None else (),
            party_member=bool(data.get("partyMember")),
            version=version,
        )


@dataclass(frozen=True)
class RoleAssignmentData:
    """`role.assigned` and `role.revoked` (the latter with `revoked_at`)."""

    id: str
    person_id: str
    role: str
    org_unit_id: str
    org_unit_path: tuple[str, ...]
    organization_id: str | None
    since: datetime
    until: datetime | None
    revoked_at: datetime | None = None
    granted_by: str | None = None  # the person who granted it; None when bootstrapped
    revoked_by: str | None = None

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "personId": self.person_id,
            "role": self.role,
            "orgUnitId": self.org_unit_id,
            "orgUnitPath": list(self.org_unit_path),
            "organizationId": self.organization_id,
            "since": _time(self.since),
            "until": _time(self.until) if self.until else None,
            "grantedBy": self.granted_by,
        }
        if self.revoked_at is not None:
            data["revokedAt"] = _time(self.revoked_at)
            data["revokedBy"] = self.revoked_by
        return data

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> RoleAssignmentData:
        role = data.get("role")
        if role not in UNIT_ROLES:
            raise InvalidPayload(f"unknown role {role!r}")
        return cls(
            id=_str(data, "id"),
            person_id=_str(data, "personId"),
            role=str(role),
            org_unit_id=_str(data, "orgUnitId"),
            org_unit_path=_path(data),
            organization_id=_optional_str(data, "organizationId"),
            since=_parse_time(data, "since"),
            until=_optional_time(data, "until"),
            revoked_at=_optional_time(data, "revokedAt"),
            granted_by=_optional_str(data, "grantedBy"),
            revoked_by=_optional_str(data, "revokedBy"),
        )


@dataclass(frozen=True)
class VisitLogged:
    id: str
    household_id: str
    visitor_id: str
    care_level: str
    org_unit_id: str
    org_unit_path: tuple[str, ...]
    at: datetime
    confirmed_by: str  # a household member or someone serving it; never the visitor

    def to_data(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "householdId": self.household_id,
            "visitorId": self.visitor_id,
            "careLevel": self.care_level,
            "orgUnitId": self.org_unit_id,
            "orgUnitPath": list(self.org_unit_path),
            "at": _time(self.at),
            "confirmedBy": self.confirmed_by,
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> VisitLogged:
        level = data.get("careLevel")
        if level not in CARE_LEVELS:
            raise InvalidPayload(f"unknown care level {level!r}")
        return cls(
            id=_str(data, "id"),
            household_id=_str(data, "householdId"),
            visitor_id=_str(data, "visitorId"),
            care_level=str(level),
            org_unit_id=_str(data, "orgUnitId"),
            org_unit_path=_path(data),
            at=_parse_time(data, "at"),
            confirmed_by=_str(data, "confirmedBy"),
        )


@dataclass(frozen=True)
class CommitmentFulfilled:
    id: str
    person_id: str
    text: str
    due_by: datetime
    fulfilled_at: datetime
    on_time: bool
    org_unit_id: str
    org_unit_path: tuple[str, ...]
    confirmed_by: str  # someone serving the unit; never the promiser

    def to_data(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "personId": self.person_id,
            "text": self.text,
            "dueBy": _time(self.due_by),
            "fulfilledAt": _time(self.fulfilled_at),
            "onTime": self.on_time,
            "orgUnitId": self.org_unit_id,
            "orgUnitPath": list(self.org_unit_path),
            "confirmedBy": self.confirmed_by,
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> CommitmentFulfilled:
        on_time = data.get("onTime")
        if not isinstance(on_time, bool):
            raise InvalidPayload("onTime must be a boolean")
        return cls(
            id=_str(data, "id"),
            person_id=_str(data, "personId"),
            text=_str(data, "text"),
            due_by=_parse_time(data, "dueBy"),
            fulfilled_at=_parse_time(data, "fulfilledAt"),
            on_time=on_time,
            org_unit_id=_str(data, "orgUnitId"),
            org_unit_path=_path(data),
            confirmed_by=_str(data, "confirmedBy"),
        )
