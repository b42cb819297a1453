"""What the activity use cases need of storage, in the domain's words (the meetings' ports are
in handlers/ports.py; activities have their own so each part of participation stays apart).

A repository reached through `ActivityTx` is bound to that transaction; handlers/composition.py
builds the production ports from the MongoDB adapters (adapters/activities.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from grassroots_kit.business_time import DEFAULT_ZONE
from grassroots_kit.cursors import Page
from grassroots_kit.media.ports import Media, MediaAttachments
from grassroots_kit.unit_of_work import Transaction, UnitOfWork

from grassroots_participation.domain.activities import Activity, Attendance, VolunteerTeam
from grassroots_participation.domain.activity_listing import ActivityQuery
from grassroots_participation.handlers.ports import OrgUnits, ResidentRepository


class ActivityRepository(Protocol):
    async def insert(self, activity: Activity) -> None: ...

    async def get(self, activity_id: str) -> Activity | None: ...

    async def save(self, activity: Activity) -> Activity:
        """Store the changed activity if its stored version is still `activity.version`;
        returns it with the version raised by one. StaleActivity otherwise."""
        ...

    async def page(
        self, query: ActivityQuery, first: int, after: Sequence[Any] | None
    ) -> Page[Activity]:
        """By first start, then id; `after` is the key (`activity_key`) of the last one seen."""
        ...


class AttendanceRepository(Protocol):
    async def get(self, attendance_id: str) -> Attendance | None: ...

    async def insert(self, attendance: Attendance) -> None: ...

    async def of_person(
        self, person_id: str, since: date | None, until: date | None
    ) -> list[Attendance]:
        """A person's attendances with `since <= occurredOn < until` (either bound open)."""
        ...


class TeamRepository(Protocol):
    async def insert(self, team: VolunteerTeam) -> None: ...

    async def get(self, team_id: str) -> VolunteerTeam | None: ...

    async def save(self, team: VolunteerTeam) -> VolunteerTeam: ...


@dataclass
class ActivityTx(Transaction):
    activities: ActivityRepository
    attendances: AttendanceRepository
    teams: TeamRepository
    # None where no photo store is composed (the in-memory fakes): attaching is refused.
    media: MediaAttachments | None = None


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ActivityPorts:
    uow: UnitOfWork[ActivityTx]
    activities: ActivityRepository
    attendances: AttendanceRepository
    teams: TeamRepository
    residents: ResidentRepository
    org_units: OrgUnits
    clock: Callable[[], datetime] = field(default=_now)
    business_zone: ZoneInfo = DEFAULT_ZONE
    media: Media | None = None  # activity photos (docs/media.md)
