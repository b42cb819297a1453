"""The case aggregate: plain data, changed only through the workflow module."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from grassroots_kit.geo import GeoPoint

from grassroots_cases.domain.ids import CaseId, OrganizationId, OrgUnitId, PersonId
from grassroots_cases.domain.vocabulary import (
    OPEN_STATUSES,
    Category,
    Channel,
    Level,
    Priority,
    Role,
    Status,
    highest_level,
)


@dataclass(frozen=True)
class MeetingDecision:
    """A meeting's decision on a case sent to deliberation, as `decision.made` carried it."""

    decision_id: str
    meeting_id: str
    method: str  # CONSENSUS or HOUSEHOLD_VOTE
    outcome: str  # ADOPTED or REJECTED
    text: str
    votes_for: int = 0
    votes_against: int = 0
    abstentions: int = 0
    households_invited: int = 0  # zero counts for a decision by consensus


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    actor_id: PersonId | None  # None when the system acted (SLA sweeper, auto-close)
    action: str
    from_status: Status | None
    to_status: Status
    note: str | None = None
    decision: MeetingDecision | None = None  # on DELIBERATION_DECIDED only
    photo_ids: tuple[str, ...] = ()  # photos attached to a comment (a progress note)


@dataclass(frozen=True)
class Rating:
    score: int
    comment: str | None
    at: datetime


@dataclass(frozen=True)
class Handler:
    """Someone who worked the case, in the role they did it in (points awards by it)."""

    person_id: PersonId
    role: Role
    # Named by `importCases`: only the importer attests that this person did the work, and
    # nobody earns from what one person alone attests (DESIGN.md section 8), so `case.closed`
    # does not name them for awards. Working the case live later makes them a live handler.
    imported: bool = False


@dataclass(frozen=True)
class Case:
    id: CaseId
    number: str
    title: str
    description: str
    category: Category
    channel: Channel
    priority: Priority
    status: Status
    level: Level
    org_unit_id: OrgUnitId
    org_unit_path: tuple[OrgUnitId, ...]  # ancestors and the unit itself, root first
    reporter_id: PersonId | None  # None when reported anonymously
    reported_by_id: PersonId | None  # who filed it: the reporter, a chief or a hotline operator
    address: str | None
    due_at: datetime
    created_at: datetime
    updated_at: datetime
    assignee_id: PersonId | None = None
    organization_id: OrganizationId | None = None
    order_taker_id: PersonId | None = None
    handlers: tuple[Handler, ...] = ()
    breach_count: int = 0
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    closures: int = 0
    rating: Rating | None = None
    resolution: str | None = None
    rejection_reason: str | None = None
    timeline: tuple[TimelineEntry, ...] = field(default=())
    version: int = 1
    # WGS-84, as the reporter placed it; read with the rest of the case (address, reporter)
    location: GeoPoint | None = None
    photo_ids: tuple[str, ...] = ()  # the report's photos (media ids of this service)
    resolution_photo_ids: tuple[str, ...] = ()  # the resolution's (after) photos

    @property
    def district_id(self) -> OrgUnitId:
        return self.org_unit_path[0]

    @property
    def earning_handlers(self) -> tuple[Handler, ...]:
        """The handlers a closing may award: those who worked the case live."""
        return tuple(h for h in self.handlers if not h.imported)

    def overdue(self, now: datetime) -> bool:
        return self.status in OPEN_STATUSES and self.due_at <= now

    @property
    def met_deadline(self) -> bool:
        """Answered within its deadline, with no breach on the way."""
        return (
            self.breach_count == 0
            and self.resolved_at is not None
            and self.resolved_at <= self.due_at
        )


@dataclass(frozen=True)
class Actor:
    """Who acts on a case, with the roles whose grants cover the case's org unit."""

    person_id: PersonId | None
    roles: frozenset[Role]
    organizations: frozenset[OrganizationId] = frozenset()
    system: bool = False

    @property
    def level(self) -> Level | None:
        """The highest rung the actor serves over this case, if any."""
        return highest_level(self.roles)


SYSTEM = Actor(person_id=None, roles=frozenset(), system=True)


def attested_by_import(case: Case) -> Case:
    """`case` with every handler marked as named by an import (see `Handler.imported`)."""
    return replace(case, handlers=tuple(replace(h, imported=True) for h in case.handlers))
