"""What the participation use cases need of storage, in the domain's words.

A repository reached through `ParticipationTx` is bound to that transaction, so no method takes
a session; the MongoDB adapters (grassroots_participation.adapters) and the in-memory fakes
(tests/participation/fakes.py) both satisfy these protocols and pass the same contract tests.
Handlers receive a `ParticipationPorts` instead of the `ServiceHost` (handlers/composition.py
builds the production one).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo

from grassroots_kit.business_time import DEFAULT_ZONE
from grassroots_kit.cursors import Page
from grassroots_kit.org_units import ProjectedOrgUnit
from grassroots_kit.unit_of_work import Transaction, UnitOfWork

from grassroots_participation.domain.cost_share_access import ListScope
from grassroots_participation.domain.cost_shares import CostSharePlan, PlanState
from grassroots_participation.domain.listing import MeetingQuery
from grassroots_participation.domain.meetings import Meeting
from grassroots_participation.domain.residents import Resident

if TYPE_CHECKING:
    from grassroots_participation.handlers.deliberation import DeliberationPorts


class MeetingRepository(Protocol):
    async def insert(self, meeting: Meeting) -> None: ...

    async def get(self, meeting_id: str) -> Meeting | None: ...

    async def save(self, meeting: Meeting) -> Meeting:
        """Store the changed meeting if its stored version is still `meeting.version`; returns
        it with the version raised by one. StaleMeeting otherwise."""
        ...

    async def page(
        self, query: MeetingQuery, first: int, after: Sequence[Any] | None
    ) -> Page[Meeting]:
        """By start time, then id; `after` is the key (`meeting_key`) of the last one seen."""
        ...


class CostShareRepository(Protocol):
    async def insert(self, plan: CostSharePlan) -> None:
        """DuplicatePlan when its case or agenda item already has a plan not cancelled."""
        ...

    async def get(self, plan_id: str) -> CostSharePlan | None: ...

    async def save(self, plan: CostSharePlan) -> CostSharePlan:
        """As MeetingRepository.save; StalePlan when another writer came first."""
        ...

    async def for_case(self, case_id: str) -> CostSharePlan | None:
        """The case's plan that is not cancelled, else its latest cancelled one."""
        ...

    async def for_cases(self, case_ids: Sequence[str]) -> dict[str, CostSharePlan]:
        """`for_case` of many cases in one query (`Case.costShare` of a list of cases)."""
        ...

    async def covered_by(
        self,
        organization_id: str,
        within: frozenset[str] | None,
        first: int,
        after: Sequence[Any] | None,
        states: frozenset[PlanState] = frozenset(),
    ) -> Page[CostSharePlan]:
        """Plans the organization covered, by when drawn up, then id; only those in the
        subtrees of `within` (None: all) and in `states` (empty: any); `after` is the key
        (`plan_key`) of the last seen."""
        ...

    async def of_unit(
        self,
        unit_id: str,
        scope: ListScope | None,
        first: int,
        after: Sequence[Any] | None,
        states: frozenset[PlanState] = frozenset(),
    ) -> Page[CostSharePlan]:
        """Plans drawn up in the unit's subtree, by when drawn up, then id; with a scope, only
        those held at `scope.held_at` or in the subtrees of `scope.under`; only those in
        `states` (empty: any); `after` is the key (`plan_key`) of the last seen."""
        ...


class ResidentRepository(Protocol):
    async def get(self, person_id: str) -> Resident | None: ...

    async def get_many(self, person_ids: Sequence[str]) -> dict[str, Resident]: ...


class OrgUnits(Protocol):
    async def get(self, unit_id: str) -> ProjectedOrgUnit | None: ...


@dataclass
class ParticipationTx(Transaction):
    meetings: MeetingRepository
    cost_shares: CostShareRepository


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ParticipationPorts:
    uow: UnitOfWork[ParticipationTx]
    meetings: MeetingRepository
    residents: ResidentRepository
    org_units: OrgUnits
    cost_shares: CostShareRepository
    clock: Callable[[], datetime] = field(default=_now)
    business_zone: ZoneInfo = DEFAULT_ZONE
    # The deliberation list and published lists (handlers/deliberation.py); None in tests
    # that exercise meetings alone.
    deliberation: DeliberationPorts | None = None
