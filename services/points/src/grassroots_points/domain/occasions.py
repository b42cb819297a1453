"""What other services' events mean to points: who served, where, and the facts rules read.

Payloads are read through the contract's models (grassroots_contracts), the same ones their
producers build them with; fields points does not know are ignored, so that a publisher adding
a field never breaks points. A payload that breaks the contract raises `MalformedEvent`, which
the consumer parks with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, TypeVar

from grassroots_contracts import activity_events as activities
from grassroots_contracts import case_events as contract
from grassroots_contracts import people_events as people
from grassroots_contracts.event_types import (
    ACTIVITY_ATTENDED,
    CASE_CLOSED,
    CASE_REOPENED,
    COMMITMENT_FULFILLED,
    ORDER_TAKEN,
    VISIT_LOGGED,
)
from grassroots_contracts.payload import InvalidPayload, Payload
from grassroots_contracts.roles import Role
from grassroots_kit.i18n import Text, msg

from grassroots_points.domain import vocabulary as v
from grassroots_points.domain.ids import PersonId

SUPPORTED_DATAVERSIONS = frozenset({"1"})

P = TypeVar("P", bound=Payload)


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
    confirmed_by: PersonId | None = None  # who confirmed a visit, fulfilment or attendance
    minutes: int | None = None  # minutes served at an activity (what per-hour rules price)

    @property
    def reason(self) -> Text:
        """What the award is for, as the ledger shows it (in the reader's language)."""
        if self.rule_event_type == ORDER_TAKEN:
            return msg("took an order")
        if self.rule_event_type == CASE_CLOSED:
            if self.role is None:
                return msg("handled a case")
            return _HANDLED_AS.get(self.role) or msg("handled a case as {role}", role=self.role)
        if self.rule_event_type == VISIT_LOGGED:
            return _visited(self.care_level)
        if self.rule_event_type == ACTIVITY_ATTENDED:
            return msg("served {minutes} minutes at an activity", minutes=self.minutes or 0)
        return msg("fulfilled a commitment")


# A sentence per role that handles cases, so a translation names the role in its own words.
_HANDLED_AS: Final[Mapping[str, Text]] = {
    Role.NEIGHBOR_CHIEF: msg("handled a case as neighbor chief"),
    Role.GROUP_CHIEF: msg("handled a case as group chief"),
    Role.PIECE_CHIEF: msg("handled a case as piece chief"),
    Role.BUILDING_CHIEF: msg("handled a case as building chief"),
    Role.GRID_MEMBER: msg("handled a case as grid member"),
    Role.GRID_CHIEF: msg("handled a case as grid chief"),
    Role.COMMUNITY_STAFF: msg("handled a case as community staff"),
    Role.COMMUNITY_SECRETARY: msg("handled a case as community secretary"),
    Role.STREET_STAFF: msg("handled a case as street staff"),
    Role.DEPARTMENT_STAFF: msg("handled a case as department staff"),
    Role.RED_PARTNER_MEMBER: msg("handled a case as red partner member"),
    Role.VOLUNTEER: msg("handled a case as volunteer"),
    Role.DISTRICT_ADMIN: msg("handled a case as district admin"),
    Role.RESIDENT: msg("handled a case as resident"),
}


def _visited(care_level: str | None) -> Text:
    # A sentence per care level: the level is a colour code a translation must not show as is.
    if care_level == "RED":
        return msg("visited a RED household")
    if care_level == "YELLOW":
        return msg("visited a YELLOW household")
    if care_level == "GREEN":
        return msg("visited a GREEN household")
    if care_level is None or care_level == "NONE":
        return msg("visited a household")
    return msg("visited a {care_level} household", care_level=care_level)


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


def _read(model: type[P], data: Mapping[str, Any]) -> P:
    try:
        return model.from_data(data)
    except InvalidPayload as exc:
        raise MalformedEvent(str(exc)) from None


def case_closed(data: Mapping[str, Any]) -> CaseClosed:
    closed = _read(contract.CaseClosed, data)
    return CaseClosed(
        case_id=closed.case_id,
        number=closed.number,
        closure=closed.closure,
        org_unit_id=closed.org_unit_id,
        org_unit_path=closed.org_unit_path,
        category=closed.category,
        priority=closed.priority,
        level=closed.level,
        handlers=tuple(Handler(PersonId(h.person_id), h.role) for h in closed.handlers),
        order_taker_id=PersonId(closed.order_taker_id) if closed.order_taker_id else None,
        rating=closed.rating,
        met_deadline=closed.met_deadline,
        closed_at=closed.closed_at,
    )


def case_reopened(data: Mapping[str, Any]) -> CaseReopened:
    reopened = _read(contract.CaseReopened, data)
    return CaseReopened(case_id=reopened.case_id, closure=reopened.closure, reason=reopened.reason)


def order_taken(data: Mapping[str, Any]) -> OrderTaken:
    taken = _read(contract.OrderTaken, data)
    taker = PersonId(taken.taker_id) if taken.taker_id else None
    return OrderTaken(case_id=taken.case_id, taker_id=taker)


def visit_logged(event_id: str, data: Mapping[str, Any], at: datetime) -> Occasion:
    visit = _read(people.VisitLogged, data)
    return Occasion(
        rule_event_type=VISIT_LOGGED,
        person_id=PersonId(visit.visitor_id),
        source_event_id=event_id,
        source_event_type=VISIT_LOGGED,
        at=visit.at,
        org_unit_id=visit.org_unit_id,
        org_unit_path=visit.org_unit_path,
        care_level=visit.care_level,
        confirmed_by=_confirmer(visit.confirmed_by),
    )


def commitment_fulfilled(event_id: str, data: Mapping[str, Any], at: datetime) -> Occasion:
    done = _read(people.CommitmentFulfilled, data)
    return Occasion(
        rule_event_type=COMMITMENT_FULFILLED,
        person_id=PersonId(done.person_id),
        source_event_id=event_id,
        source_event_type=COMMITMENT_FULFILLED,
        at=done.fulfilled_at,
        org_unit_id=done.org_unit_id,
        org_unit_path=done.org_unit_path,
        met_deadline=done.on_time,
        confirmed_by=_confirmer(done.confirmed_by),
    )


def activity_attended(event_id: str, data: Mapping[str, Any], at: datetime) -> Occasion:
    """The volunteer served; the organizer who confirmed it is the confirmer."""
    attended = _read(activities.ActivityAttended, data)
    return Occasion(
        rule_event_type=ACTIVITY_ATTENDED,
        person_id=PersonId(attended.person_id),
        source_event_id=event_id,
        source_event_type=ACTIVITY_ATTENDED,
        at=attended.confirmed_at,
        org_unit_id=attended.org_unit_id,
        org_unit_path=attended.org_unit_path,
        confirmed_by=_confirmer(attended.confirmed_by),
        minutes=attended.minutes_served,
    )


AWARDING_TYPES = frozenset({CASE_CLOSED, VISIT_LOGGED, COMMITMENT_FULFILLED, ACTIVITY_ATTENDED})
CASE_TYPES = frozenset({CASE_CLOSED, CASE_REOPENED, ORDER_TAKEN})


def _confirmer(confirmed_by: str | None) -> PersonId | None:
    # An event without it (published before confirmation existed, or forged) is read, and
    # earns nothing (`caps.unconfirmed`).
    return PersonId(confirmed_by) if confirmed_by else None
