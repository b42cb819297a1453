"""The ports the handlers depend on: one protocol per store, the transaction and the bundle.

Handlers never see MongoDB, a session or the `ServiceHost`. They receive `CasesPorts`: a unit of
work whose transaction (`CasesTx`) holds the repositories a write needs, already bound to that
transaction, and the stores they read outside one. `handlers.composition` builds it from the host
with the MongoDB adapters; the tests build it from the in-memory fakes of `tests/cases/fakes.py`,
which pass the same contract tests (`tests/cases/contract_stores.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from grassroots_kit.business_time import DEFAULT_ZONE
from grassroots_kit.cursors import Page
from grassroots_kit.live.stream import LiveFeed
from grassroots_kit.media.ports import Media, MediaAttachments
from grassroots_kit.unit_of_work import Transaction, UnitOfWork

from grassroots_cases.adapters.role_projection import Assignment
from grassroots_cases.domain.access import Reader
from grassroots_cases.domain.following import Follow, FollowCounts
from grassroots_cases.domain.ids import OrgUnitId
from grassroots_cases.domain.listing import CaseFilter, CaseSort
from grassroots_cases.domain.model import Case
from grassroots_cases.domain.places import CellCount
from grassroots_cases.domain.sla import SlaPolicy
from grassroots_cases.domain.statistics import CaseStatistics
from grassroots_cases.domain.vocabulary import Category, Status
from grassroots_cases.domain.working_days import WorkingTime
from grassroots_cases.handlers.unit_of_work import Clock


class OrgUnit(Protocol):
    """A projected org unit, as much of it as the use cases read."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def path_with_self(self) -> tuple[str, ...]: ...


class OrgUnitStore(Protocol):
    async def get(self, unit_id: str) -> OrgUnit | None: ...
    async def get_many(self, ids: Iterable[str]) -> Mapping[str, OrgUnit]: ...
    async def children(self, unit_id: str, limit: int) -> Sequence[OrgUnit]:
        """At most `limit` units whose parent is `unit_id`, by name."""
        ...


class RoleStore(Protocol):
    """Who serves where, from the projection of people's role assignments (active ones only)."""

    async def active_over(self, path_with_self: Iterable[str]) -> list[Assignment]: ...
    async def of_person_over(
        self, person_id: str, path_with_self: Iterable[str]
    ) -> list[Assignment]: ...
    async def organization_known(self, organization_id: str) -> bool: ...


class RoleProjectionStore(RoleStore, Protocol):
    """The role projection as its consumer keeps it: either event may arrive first or twice."""

    async def assigned(self, assignment: Assignment, since: str | None, until: str | None) -> None:
        """Record the assignment; a revocation already recorded stays."""
        ...

    async def revoked(self, assignment: Assignment, revoked_at: str) -> None: ...
    async def move_org_unit(self, org_unit_id: str, path_with_self: Sequence[str]) -> None:
        """Re-place the assignments held over this unit."""
        ...


class SlaPolicyStore(Protocol):
    async def for_district(self, district_id: str) -> SlaPolicy:
        """The district's policy; the defaults when it has none."""
        ...

    async def put(
        self, district_id: str, policy: SlaPolicy, by: str | None, now: datetime
    ) -> None: ...


class CounterStore(Protocol):
    async def next_value(self, key: str, count: int = 1) -> int:
        """Reserve `count` values of sequence `key`; returns the last of them."""
        ...


class DistrictCodeStore(Protocol):
    """Case-number codes, one per district and never shared (domain/numbering.py)."""

    async def code_for(self, district_id: str, candidates: Iterable[str]) -> str:
        """The district's code: the one it holds, else the first candidate no district holds.

        Not part of a transaction: a code once given is kept, whether the case that asked
        for it commits or not.
        """
        ...


class FollowStore(Protocol):
    """Who follows which case and who said "me too": one record per (case, person)."""

    async def get(self, case_id: str, person_id: str) -> Follow | None: ...

    async def save(self, follow: Follow) -> None: ...

    async def counts(self, case_ids: Sequence[str], viewer: str | None) -> dict[str, FollowCounts]:
        """Followers and "me too"s of each case, and whether `viewer` is among them."""
        ...


class CaseStore(Protocol):
    """Cases by id, number and deadline; writes are optimistic on the case's version."""

    async def get(self, case_id: str) -> Case | None: ...
    async def get_many(self, ids: Iterable[str]) -> dict[str, Case]: ...
    async def by_number(self, number: str) -> Case | None: ...
    async def recent_open(
        self, org_unit_id: OrgUnitId, category: Category, since: datetime, limit: int = 50
    ) -> list[Case]:
        """Open cases of this unit and category reported since `since`, newest first."""
        ...

    async def overdue(self, now: datetime, limit: int) -> list[Case]:
        """Open cases whose deadline is at or before `now`, most overdue first."""
        ...

    async def resolved_before(self, before: datetime, limit: int) -> list[Case]:
        """Resolved cases resolved at or before `before`, oldest first."""
        ...

    async def imported_refs(self, refs: Sequence[str]) -> set[str]:
        """The importer's keys among `refs` that some stored case already carries."""
        ...

    async def insert(self, case: Case) -> None: ...
    async def insert_imported(self, cases: Sequence[tuple[Case, str]]) -> None:
        """New cases with the importer's key of each."""
        ...

    async def save(self, case: Case) -> Case:
        """Write a changed case if its version is still the one read (returned one higher);
        else CONFLICT."""
        ...

    async def save_if_still_due(self, case: Case, due_at: datetime) -> Case | None:
        """Like `save`, and only if the stored deadline is still `due_at`; None when not."""
        ...

    async def move_org_unit(self, org_unit_id: str, path_with_self: Sequence[str]) -> None:
        """Re-place the cases of this unit (a move of the unit in `people`)."""
        ...


class CaseQueries(Protocol):
    """Lists and statistics of cases, as the read side asks for them."""

    async def page(
        self,
        filter: CaseFilter,
        reader: Reader,
        sort: CaseSort,
        first: int,
        after: Sequence[Any] | None,
        now: datetime,
        total_count: int | None = None,
    ) -> Page[Case]:
        """The cases matching `filter` that `reader` may read in full."""
        ...

    async def order_board(
        self, org_unit_id: str, reader: Reader, first: int, after: Sequence[Any] | None
    ) -> Page[Case]:
        """Cases on the order board in this subtree that `reader` may read in full, newest first."""
        ...

    async def summaries(
        self, org_unit_id: str, first: int, after: Sequence[Any] | None
    ) -> Page[Case]:
        """Every case of this subtree but the rejected ones, newest first."""
        ...

    async def cases_in(self, org_unit_id: str) -> int | None:
        """How many cases the subtree holds, when the rollups can tell; else None."""
        ...

    async def statistics(
        self, org_unit_id: str, since: datetime, until: datetime, now: datetime, *, depth: int
    ) -> CaseStatistics: ...

    async def cells(
        self,
        org_unit_id: str,
        size_micro: int,
        since: datetime,
        until: datetime,
        statuses: Sequence[Status],
        limit: int,
    ) -> list[CellCount]:
        """Placed cases of the subtree reported in [since, until) (any of `statuses`, or all),
        counted per grid cell of this size; at most `limit` cells."""
        ...


@dataclass
class CasesTx(Transaction):
    """One transaction of the cases service: its repositories, bound to it, and its events."""

    cases: CaseStore
    counters: CounterStore
    sla_policies: SlaPolicyStore
    follows: FollowStore
    # None where no photo store is composed (the in-memory fakes): attaching one is refused.
    media: MediaAttachments | None = None


@dataclass
class ProjectionTx(Transaction):
    """The consumer's transaction, as the projections of people's events see it."""

    cases: CaseStore
    roles: RoleProjectionStore


@dataclass(frozen=True)
class CasesPorts:
    """What the handlers receive instead of the host."""

    uow: UnitOfWork[CasesTx]
    cases: CaseStore  # reads outside a transaction
    queries: CaseQueries
    org_units: OrgUnitStore
    roles: RoleStore
    sla_policies: SlaPolicyStore
    district_codes: DistrictCodeStore
    clock: Clock
    follows: FollowStore
    # Working-day deadlines: the holiday calendar and the business closing time.
    working_time: WorkingTime
    # Whose midnights cut the case-number year (and the statistics' days, in the adapters).
    business_zone: ZoneInfo = DEFAULT_ZONE
    media: Media | None = None
    # This replica's live feed (subscriptions); None where nothing subscribes (tests, tools).
    live: LiveFeed | None = None
