"""Payloads of the events `cases` publishes: case.* and order.* (docs/conventions.md).

Producers build them by keyword and send `to_data()`; consumers read a CloudEvent's `data`
with `from_data()` (or `model_validate`), which refuses data that breaks the contract.
"""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import Field, model_validator

from grassroots_contracts.payload import Id, Ids, OneOf, Payload, Timestamp

CaseNumber = Annotated[
    str,
    Field(
        pattern=r"^[A-Z]{2,3}-[0-9]{4}-[0-9]{6}$",
        description="`<district initials>-<year>-<sequence>`, unique per district.",
    ),
]
CasePath = Annotated[
    Ids,
    Field(min_length=1, description="Ancestor ids and the case's org unit itself, root first."),
]
# The vocabularies as plain tuples too, so a consumer validating its own input (a points rule
# narrowed to a category, say) uses the same list the payloads are checked against.
CATEGORIES = (
    "ENVIRONMENT",
    "INFRASTRUCTURE",
    "SEWAGE_WATER",
    "PARKING_TRAFFIC",
    "PROPERTY_MANAGEMENT",
    "MARKET_VENDORS",
    "NEIGHBOR_DISPUTE",
    "PUBLIC_SAFETY",
    "ELDERLY_CARE",
    "SUGGESTION",
    "OTHER",
)
PRIORITIES = ("LOW", "NORMAL", "HIGH", "URGENT")
Category = Annotated[str, OneOf(CATEGORIES)]
Priority = Annotated[str, OneOf(PRIORITIES)]
Channel = Annotated[str, OneOf(("APP", "HOTLINE", "WECHAT", "VISIT", "MEETING"))]
Level = Annotated[
    str,
    OneOf(
        ("GROUP", "GRID", "COMMUNITY", "STREET", "DISTRICT"),
        "The rung of the ladder responsible for a case, lowest first.",
    ),
]
EscalationReason = Annotated[str, OneOf(("MANUAL", "SLA_BREACH", "BEYOND_AUTHORITY"))]
Closure = Annotated[int, Field(ge=1)]


class _CaseInPlace(Payload):
    """What every case event starts with: which case, and where it is in the ladder."""

    case_id: Id
    number: CaseNumber
    org_unit_id: Id
    org_unit_path: CasePath

    @model_validator(mode="after")
    def _path_ends_with_unit(self) -> Self:
        if self.org_unit_path[-1] != self.org_unit_id:
            raise ValueError("orgUnitPath must end with orgUnitId")
        return self


class HandlerRole(Payload):
    """Someone who worked the case and the role they did it in."""

    person_id: Id
    role: str = Field(description="A role of DESIGN.md section 3, e.g. GRID_MEMBER.")


class CaseReported(_CaseInPlace):
    """A new case; `reporterId` is null when it was reported anonymously."""

    category: Category
    priority: Priority
    channel: Channel
    level: Level
    reporter_id: Id | None
    due_at: Timestamp
    reported_at: Timestamp


class CaseAssigned(_CaseInPlace):
    """Who answers for the case now: `assigneeId`, or `organizationId` when dispatched (the
    organization's member who reports for duty follows as another case.assigned)."""

    category: Category
    level: Level
    assignee_id: Id | None
    organization_id: Id | None
    assigned_at: Timestamp


class CaseEscalated(_CaseInPlace):
    """The case climbed from `fromLevel` to `toLevel` (equal only for an SLA breach at the top
    rung); `breachCount` counts missed deadlines so far."""

    category: Category
    from_level: Level
    to_level: Level
    reason: EscalationReason
    breach_count: int = Field(ge=0)
    due_at: Timestamp
    escalated_at: Timestamp


class CaseResolved(_CaseInPlace):
    """What was done is recorded; `metDeadline` is true when resolved in time with no breach."""

    category: Category
    level: Level
    handlers: tuple[HandlerRole, ...] = Field(strict=False)
    organization_id: Id | None
    met_deadline: bool
    resolved_at: Timestamp


class CaseClosed(_CaseInPlace):
    """Everything a consumer needs to award the people who answered the resident, without
    calling back. `closure` counts the closings of this case (1, 2, ... after reopens);
    `rating` is null when the case closed unrated."""

    closure: Closure
    category: Category
    priority: Priority
    level: Level
    reporter_id: Id | None
    handlers: tuple[HandlerRole, ...] = Field(strict=False)
    organization_id: Id | None
    order_taker_id: Id | None
    rating: Annotated[int, Field(ge=1, le=5)] | None
    met_deadline: bool
    closed_at: Timestamp


class CaseReopened(_CaseInPlace):
    """A closed case went back to work. `closure` is the closing undone: reverse exactly what
    it earned. A low rating closes the case (case.closed with the rating) and reopens it at
    once; an objection before any closing publishes nothing."""

    closure: Closure
    reason: str = Field(min_length=1)
    reopened_at: Timestamp


class CaseSentToDeliberation(_CaseInPlace):
    """A case handler sent the case to deliberation: it waits (status IN_DELIBERATION, its
    deadline paused) until a meeting decides it and `decision.made` names it. Participation puts
    it on the unit's deliberation list as a proposal titled by the case."""

    title: str = Field(min_length=1)
    category: Category
    reason: str = Field(min_length=1)
    """Why the case needs a meeting's decision, in the handler's words."""
    sent_by: Id
    sent_at: Timestamp


class CaseFollowed(_CaseInPlace):
    """A person who may see the case follows it now (`meToo`: they have the same problem and
    said so instead of reporting it again). Published when they start following, and again,
    with `meToo` true, when a follower adds their "me too" (once per person)."""

    person_id: Id
    me_too: bool
    at: Timestamp


class CaseUnfollowed(_CaseInPlace):
    """A person stopped following the case (their "me too", if any, still counts)."""

    person_id: Id
    at: Timestamp


class OrderEvent(_CaseInPlace):
    """An order on the board; `takerId` and `organizationId` are null on order.posted."""

    category: Category
    taker_id: Id | None
    organization_id: Id | None
    at: Timestamp


OrderPosted = OrderEvent
OrderTaken = OrderEvent
