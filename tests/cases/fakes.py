"""In-memory fakes of the cases handlers' ports, for handler tests in the fast lane.

They pass the same contract tests as the MongoDB adapters (`tests/cases/contract_stores.py`).
Every fake reaches its data through the one `CasesState` object, never a part of it, so that
`InMemoryUnitOfWork` can restore that object in place when a handler fails.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from grassroots_cases.adapters.role_projection import Assignment
from grassroots_cases.adapters.working_calendar import ChineseWorkingCalendar
from grassroots_cases.domain.access import CaseView, Reader, case_view
from grassroots_cases.domain.following import Follow, FollowCounts
from grassroots_cases.domain.ids import OrgUnitId
from grassroots_cases.domain.listing import CaseFilter, CaseSort
from grassroots_cases.domain.model import Case
from grassroots_cases.domain.places import CellCount
from grassroots_cases.domain.search import search_terms
from grassroots_cases.domain.sla import SlaPolicy
from grassroots_cases.domain.statistics import (
    CaseStatistics,
    Counters,
    Facts,
    add,
    contribution,
    summarize,
)
from grassroots_cases.domain.vocabulary import OPEN_STATUSES, Category, Status
from grassroots_cases.domain.working_days import WorkingTime
from grassroots_cases.handlers.ports import CasesPorts, CasesTx, ProjectionTx
from grassroots_cases.handlers.unit_of_work import Clock
from grassroots_kit import cursors, geo
from grassroots_kit.business_time import DEFAULT_ZONE
from grassroots_kit.cursors import Page
from grassroots_kit.errors import Conflict
from grassroots_kit.media.images import GeoPoint
from grassroots_kit.media.library import PhotoLinks, UploadTicket
from grassroots_kit.media.records import MediaInfo, not_yours
from grassroots_kit.unit_of_work import InMemoryUnitOfWork


@dataclass(frozen=True)
class FakeOrgUnit:
    id: str
    kind: str
    name: str
    path: tuple[str, ...]  # ancestors, root first

    @property
    def path_with_self(self) -> tuple[str, ...]:
        return (*self.path, self.id)


@dataclass
class CasesState:
    cases: dict[str, Case] = field(default_factory=dict)
    import_refs: dict[str, str] = field(default_factory=dict)  # case id -> importer's key
    counters: dict[str, int] = field(default_factory=dict)
    district_codes: dict[str, str] = field(default_factory=dict)  # district id -> code
    policies: dict[str, SlaPolicy] = field(default_factory=dict)
    org_units: dict[str, FakeOrgUnit] = field(default_factory=dict)
    roles: dict[str, tuple[Assignment, bool]] = field(default_factory=dict)  # id -> (a, revoked)
    media: dict[str, MediaInfo] = field(default_factory=dict)  # uploads, by media id
    follows: dict[tuple[str, str], Follow] = field(default_factory=dict)  # (case, person)


class FakeMediaAttachments:
    """The media records a write sees (grassroots_kit.media.records.MediaRecords), in memory."""

    def __init__(self, state: CasesState) -> None:
        self._state = state

    async def attach(
        self, media_ids: Sequence[str], owner: str, subject: str, now: datetime
    ) -> list[MediaInfo]:
        wanted = list(dict.fromkeys(media_ids))
        for media_id in wanted:
            info = self._state.media.get(media_id)
            if info is None or info.status != "STORED" or info.owner != owner:
                raise not_yours(media_id)
        for media_id in wanted:
            self._state.media[media_id] = replace(
                self._state.media[media_id], status="ATTACHED", subject=subject
            )
        return [self._state.media[m] for m in wanted]

    async def location(self, media_id: str) -> GeoPoint | None:
        return None


class FakeMedia:
    """The photo library outside a transaction, as far as the handlers reach it."""

    def __init__(self, state: CasesState, max_per_item: int = 3) -> None:
        self._state = state
        self._max = max_per_item

    @property
    def max_per_item(self) -> int:
        return self._max

    def stored(self, media_id: str, owner: str) -> None:
        """An upload received and checked, not yet attached."""
        self._state.media[media_id] = MediaInfo(
            media_id, owner, "REPORT", "STORED", "image/jpeg", 64, 48, 1000, None, None
        )

    async def request_upload(self, owner: str, purpose: str) -> UploadTicket:
        raise NotImplementedError

    def links(self, media_id: str) -> PhotoLinks:
        return PhotoLinks(f"/full/{media_id}", f"/thumb/{media_id}", datetime.max)

    async def infos(self, media_ids: Iterable[str]) -> dict[str, MediaInfo]:
        return {m: self._state.media[m] for m in media_ids if m in self._state.media}

    async def sweep_orphans(self, limit: int = 500) -> int:
        return 0

    async def sweep_subjects(self, subjects: Sequence[str], limit: int = 500) -> int:
        return 0


class FakeFollowStore:
    def __init__(self, state: CasesState) -> None:
        self._state = state

    async def get(self, case_id: str, person_id: str) -> Follow | None:
        return self._state.follows.get((case_id, person_id))

    async def save(self, follow: Follow) -> None:
        self._state.follows[(follow.case_id, follow.person_id)] = follow

    async def counts(self, case_ids: Sequence[str], viewer: str | None) -> dict[str, FollowCounts]:
        counts = {}
        for case_id in set(case_ids):
            of_case = [f for (c, _), f in self._state.follows.items() if c == case_id]
            own = self._state.follows.get((case_id, viewer)) if viewer else None
            counts[case_id] = FollowCounts(
                followers=sum(1 for f in of_case if f.following),
                me_too=sum(1 for f in of_case if f.me_too),
                followed_by_me=bool(own and own.following),
                me_too_by_me=bool(own and own.me_too),
            )
        return counts


class FakeCaseStore:
    def __init__(self, state: CasesState) -> None:
        self._state = state

    async def get(self, case_id: str) -> Case | None:
        return self._state.cases.get(case_id)

    async def get_many(self, ids: Iterable[str]) -> dict[str, Case]:
        return {i: self._state.cases[i] for i in set(ids) if i in self._state.cases}

    async def by_number(self, number: str) -> Case | None:
        return next((c for c in self._state.cases.values() if c.number == number), None)

    async def recent_open(
        self, org_unit_id: OrgUnitId, category: Category, since: datetime, limit: int = 50
    ) -> list[Case]:
        found = [
            c
            for c in self._state.cases.values()
            if c.org_unit_id == org_unit_id
            and c.category is category
            and c.created_at >= since
            and c.status in OPEN_STATUSES
        ]
        return sorted(found, key=lambda c: c.created_at, reverse=True)[:limit]

    async def overdue(self, now: datetime, limit: int) -> list[Case]:
        found = [
            c for c in self._state.cases.values() if c.status in OPEN_STATUSES and c.due_at <= now
        ]
        return sorted(found, key=lambda c: c.due_at)[:limit]

    async def resolved_before(self, before: datetime, limit: int) -> list[Case]:
        found = [
            c
            for c in self._state.cases.values()
            if c.status is Status.RESOLVED and c.resolved_at is not None and c.resolved_at <= before
        ]
        return sorted(found, key=lambda c: c.resolved_at or before)[:limit]

    async def imported_refs(self, refs: Sequence[str]) -> set[str]:
        return set(self._state.import_refs.values()) & set(refs)

    async def insert(self, case: Case) -> None:
        self._add(case)

    async def insert_imported(self, cases: Sequence[tuple[Case, str]]) -> None:
        for case, ref in cases:
            # The unique index on `importRef` refuses a second case with the same key.
            if ref in self._state.import_refs.values():
                raise Conflict(f"a case with import key {ref} exists")
            self._add(case)
            self._state.import_refs[case.id] = ref

    def _add(self, case: Case) -> None:
        if case.id in self._state.cases or any(
            c.number == case.number for c in self._state.cases.values()
        ):
            raise Conflict(f"case {case.number} exists")
        self._state.cases[case.id] = case

    async def save(self, case: Case) -> Case:
        saved = self._write(case, None)
        if saved is None:
            raise Conflict(
                f"case {case.number} was changed by someone else meanwhile; reload and retry",
                caseId=case.id,
            )
        return saved

    async def save_if_still_due(self, case: Case, due_at: datetime) -> Case | None:
        return self._write(case, due_at)

    def _write(self, case: Case, due_at: datetime | None) -> Case | None:
        stored = self._state.cases.get(case.id)
        if stored is None or stored.version != case.version:
            return None
        if due_at is not None and stored.due_at != due_at:
            return None
        # As in MongoDB: the stored place wins (a move may have re-placed the case meanwhile).
        self._state.cases[case.id] = replace(
            case,
            version=case.version + 1,
            org_unit_id=stored.org_unit_id,
            org_unit_path=stored.org_unit_path,
        )
        return replace(case, version=case.version + 1)

    async def move_org_unit(self, org_unit_id: str, path_with_self: Sequence[str]) -> None:
        for case in list(self._state.cases.values()):
            if case.org_unit_id == org_unit_id:
                path = tuple(OrgUnitId(p) for p in path_with_self)
                self._state.cases[case.id] = replace(case, org_unit_path=path)


class FakeCounterStore:
    def __init__(self, state: CasesState) -> None:
        self._state = state

    async def next_value(self, key: str, count: int = 1) -> int:
        self._state.counters[key] = self._state.counters.get(key, 0) + count
        return self._state.counters[key]


class FakeDistrictCodeStore:
    def __init__(self, state: CasesState) -> None:
        self._state = state

    async def code_for(self, district_id: str, candidates: Iterable[str]) -> str:
        codes = self._state.district_codes
        if district_id not in codes:
            held = set(codes.values())
            free = [c for c in candidates if c not in held]
            if not free:
                raise RuntimeError(f"no free case-number code for district {district_id}")
            codes[district_id] = free[0]
        return codes[district_id]


class FakeSlaPolicyStore:
    def __init__(self, state: CasesState) -> None:
        self._state = state

    async def for_district(self, district_id: str) -> SlaPolicy:
        return self._state.policies.get(district_id, SlaPolicy())

    async def put(self, district_id: str, policy: SlaPolicy, by: str | None, now: datetime) -> None:
        self._state.policies[district_id] = policy


class FakeOrgUnitStore:
    def __init__(self, state: CasesState) -> None:
        self._state = state

    async def get(self, unit_id: str) -> FakeOrgUnit | None:
        return self._state.org_units.get(unit_id)

    async def get_many(self, ids: Iterable[str]) -> dict[str, FakeOrgUnit]:
        return {i: self._state.org_units[i] for i in set(ids) if i in self._state.org_units}

    async def children(self, unit_id: str, limit: int) -> list[FakeOrgUnit]:
        found = [u for u in self._state.org_units.values() if u.path[-1:] == (unit_id,)]
        return sorted(found, key=lambda u: (u.name, u.id))[:limit]


class FakeRoleStore:
    def __init__(self, state: CasesState) -> None:
        self._state = state

    def _active(self) -> list[Assignment]:
        return [a for a, revoked in self._state.roles.values() if not revoked]

    async def active_over(self, path_with_self: Iterable[str]) -> list[Assignment]:
        path = set(path_with_self)
        return [a for a in self._active() if a.org_unit_id in path]

    async def of_person_over(
        self, person_id: str, path_with_self: Iterable[str]
    ) -> list[Assignment]:
        return [a for a in await self.active_over(path_with_self) if a.person_id == person_id]

    async def organization_known(self, organization_id: str) -> bool:
        return any(a.organization_id == organization_id for a in self._active())

    async def assigned(self, assignment: Assignment, since: str | None, until: str | None) -> None:
        known = self._state.roles.get(assignment.id)
        self._state.roles[assignment.id] = (assignment, known is not None and known[1])

    async def revoked(self, assignment: Assignment, revoked_at: str) -> None:
        self._state.roles[assignment.id] = (assignment, True)

    async def move_org_unit(self, org_unit_id: str, path_with_self: Sequence[str]) -> None:
        for key, (a, revoked) in list(self._state.roles.items()):
            if a.org_unit_id == org_unit_id:
                moved = replace(a, org_unit_path=tuple(path_with_self))
                self._state.roles[key] = (moved, revoked)


def _matches(f: CaseFilter, case: Case, now: datetime) -> bool:
    overdue = case.status in OPEN_STATUSES and case.due_at <= now
    return (
        (not f.statuses or case.status in f.statuses)
        and (not f.categories or case.category in f.categories)
        and (not f.priorities or case.priority in f.priorities)
        and (not f.levels or case.level in f.levels)
        and (f.within is None or f.within in case.org_unit_path)
        and (f.assignee_id is None or case.assignee_id == f.assignee_id)
        and (f.organization_id is None or case.organization_id == f.organization_id)
        and (f.reporter_id is None or case.reporter_id == f.reporter_id)
        and (f.created_from is None or case.created_at >= f.created_from)
        and (f.created_to is None or case.created_at < f.created_to)
        and (f.overdue is None or f.overdue == overdue)
        and set(f.terms) <= set(search_terms(case.title, case.description))
        and f.matches_place(case)
    )


_SORT_FIELD = {
    CaseSort.CREATED: "created_at",
    CaseSort.DUE: "due_at",
    CaseSort.UPDATED: "updated_at",
}
_DESCENDING = {CaseSort.CREATED: True, CaseSort.DUE: False, CaseSort.UPDATED: True}


class FakeCaseQueries:
    def __init__(self, state: CasesState) -> None:
        self._state = state

    def _page(
        self,
        found: list[Case],
        sort: CaseSort,
        first: int,
        after: Sequence[Any] | None,
        total: int | None,
    ) -> Page[Case]:
        name, descending = _SORT_FIELD[sort], _DESCENDING[sort]

        def key(case: Case) -> tuple[datetime, str]:
            return (getattr(case, name), case.id)

        ordered = sorted(found, key=key, reverse=descending)
        if after is not None:
            last = cursors.keyset(after, datetime, str)
            ordered = [c for c in ordered if (key(c) < last if descending else key(c) > last)]
        return Page(
            items=ordered[:first],
            has_next=len(ordered) > first,
            has_previous=after is not None,
            total_count=total if total is not None else len(found),
        )

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
        found = [
            c
            for c in self._state.cases.values()
            if _matches(filter, c, now) and case_view(reader, c) is CaseView.FULL
        ]
        return self._page(found, sort, first, after, total_count)

    async def order_board(
        self, org_unit_id: str, reader: Reader, first: int, after: Sequence[Any] | None
    ) -> Page[Case]:
        on_board = CaseFilter(statuses=(Status.ON_ORDER_BOARD,), within=org_unit_id)
        now = datetime.now(UTC)
        return await self.page(on_board, reader, CaseSort.CREATED, first, after, now)

    async def summaries(
        self, org_unit_id: str, first: int, after: Sequence[Any] | None
    ) -> Page[Case]:
        found = [
            c
            for c in self._state.cases.values()
            if org_unit_id in c.org_unit_path and c.status is not Status.REJECTED
        ]
        return self._page(found, CaseSort.CREATED, first, after, None)

    async def cases_in(self, org_unit_id: str) -> int | None:
        return sum(org_unit_id in c.org_unit_path for c in self._state.cases.values())

    async def statistics(
        self, org_unit_id: str, since: datetime, until: datetime, now: datetime, *, depth: int
    ) -> CaseStatistics:
        reported = [
            c
            for c in self._state.cases.values()
            if org_unit_id in c.org_unit_path and since <= c.created_at < until
        ]
        total: Counters = {}
        for case in reported:
            add(total, contribution(Facts.of(case), DEFAULT_ZONE))
        overdue = sum(c.status in OPEN_STATUSES and c.due_at <= now for c in reported)
        return summarize(total, overdue)

    async def cells(
        self,
        org_unit_id: str,
        size_micro: int,
        since: datetime,
        until: datetime,
        statuses: Sequence[Status],
        limit: int,
    ) -> list[CellCount]:
        counts: dict[geo.Cell, int] = {}
        for c in self._state.cases.values():
            if (
                c.location is not None
                and org_unit_id in c.org_unit_path
                and since <= c.created_at < until
                and (not statuses or c.status in statuses)
            ):
                cell = geo.cell_of(c.location, size_micro)
                counts[cell] = counts.get(cell, 0) + 1
        return [CellCount(cell, n) for cell, n in counts.items()][:limit]


class FixedClock:
    """A clock that stands still until moved."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def bind_projection(state: CasesState) -> ProjectionTx:
    return ProjectionTx(cases=FakeCaseStore(state), roles=FakeRoleStore(state))


def bind(state: CasesState) -> CasesTx:
    return CasesTx(
        cases=FakeCaseStore(state),
        counters=FakeCounterStore(state),
        sla_policies=FakeSlaPolicyStore(state),
        media=FakeMediaAttachments(state),
        follows=FakeFollowStore(state),
    )


@dataclass
class FakeCases:
    """The handlers' ports over one in-memory state, with the unit of work to inspect."""

    state: CasesState
    uow: InMemoryUnitOfWork[CasesState, CasesTx]
    ports: CasesPorts

    @classmethod
    def new(cls, clock: Clock) -> FakeCases:
        state = CasesState()
        uow = InMemoryUnitOfWork(state, bind)
        ports = CasesPorts(
            uow=uow,
            cases=FakeCaseStore(state),
            queries=FakeCaseQueries(state),
            org_units=FakeOrgUnitStore(state),
            roles=FakeRoleStore(state),
            sla_policies=FakeSlaPolicyStore(state),
            district_codes=FakeDistrictCodeStore(state),
            clock=clock,
            follows=FakeFollowStore(state),
            working_time=WorkingTime(ChineseWorkingCalendar()),
            media=FakeMedia(state),
        )
        return cls(state, uow, ports)

    def add_unit(self, unit_id: str, kind: str, name: str, *path: str) -> FakeOrgUnit:
        unit = FakeOrgUnit(unit_id, kind, name, tuple(path))
        self.state.org_units[unit_id] = unit
        return unit

    def assign(self, assignment: Assignment, *, revoked: bool = False) -> None:
        self.state.roles[assignment.id] = (assignment, revoked)
