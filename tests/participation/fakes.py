"""In-memory stores for the participation handlers' fast tests: they pass the same contract tests
as the MongoDB adapters (tests/participation/contracts.py) and run under `InMemoryUnitOfWork`,
which undoes every change of a failed run, as a rolled-back transaction would."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from grassroots_kit import cursors
from grassroots_kit.cursors import Page
from grassroots_kit.org_units import ProjectedOrgUnit
from grassroots_kit.unit_of_work import InMemoryUnitOfWork
from grassroots_participation.domain.cost_share_access import ListScope
from grassroots_participation.domain.cost_shares import (
    CostSharePlan,
    DuplicatePlan,
    PlanState,
    StalePlan,
)
from grassroots_participation.domain.listing import MeetingQuery, StaleMeeting
from grassroots_participation.domain.meetings import Meeting
from grassroots_participation.domain.residents import Resident
from grassroots_participation.handlers.ports import ParticipationPorts, ParticipationTx


@dataclass
class State:
    meetings: dict[str, Meeting] = field(default_factory=dict)
    residents: dict[str, Resident] = field(default_factory=dict)
    units: dict[str, ProjectedOrgUnit] = field(default_factory=dict)
    plans: dict[str, CostSharePlan] = field(default_factory=dict)


class FakeMeetings:
    def __init__(self, state: State) -> None:
        self._state = state

    async def insert(self, meeting: Meeting) -> None:
        if meeting.id in self._state.meetings:
            raise KeyError(meeting.id)
        self._state.meetings[meeting.id] = copy.deepcopy(meeting)

    async def get(self, meeting_id: str) -> Meeting | None:
        found = self._state.meetings.get(meeting_id)
        return copy.deepcopy(found) if found else None

    async def save(self, meeting: Meeting) -> Meeting:
        stored = self._state.meetings.get(meeting.id)
        if stored is None or stored.version != meeting.version:
            raise StaleMeeting(meeting.id)
        saved = replace(copy.deepcopy(meeting), version=meeting.version + 1)
        self._state.meetings[meeting.id] = saved
        return copy.deepcopy(saved)

    async def page(
        self, query: MeetingQuery, first: int, after: Sequence[Any] | None
    ) -> Page[Meeting]:
        found = sorted(
            (m for m in self._state.meetings.values() if _matches(m, query)),
            key=lambda m: (m.starts_at, m.id),
        )
        total = len(found)
        if after is not None:
            at, last = cursors.keyset(after, datetime, str)
            found = [m for m in found if (m.starts_at, m.id) > (at, last)]
        return Page(
            items=[copy.deepcopy(m) for m in found[:first]],
            has_next=len(found) > first,
            has_previous=after is not None,
            total_count=total,
        )


def _matches(meeting: Meeting, query: MeetingQuery) -> bool:
    return (
        query.within in meeting.org_unit_path
        and (not query.kinds or meeting.kind in query.kinds)
        and (query.status is None or meeting.status is query.status)
        and (query.starts_from is None or meeting.starts_at >= query.starts_from)
        and (query.starts_before is None or meeting.starts_at < query.starts_before)
        and (query.held_at is None or meeting.org_unit_id in query.held_at)
    )


def _live_key(plan: CostSharePlan) -> str | None:
    if not plan.active:
        return None
    return plan.case_id or f"{plan.meeting_id}/{plan.agenda_item_id}"


class FakeCostShares:
    def __init__(self, state: State) -> None:
        self._state = state

    async def insert(self, plan: CostSharePlan) -> None:
        key = _live_key(plan)
        if plan.id in self._state.plans or any(
            key is not None and _live_key(p) == key for p in self._state.plans.values()
        ):
            raise DuplicatePlan(plan.id)
        self._state.plans[plan.id] = copy.deepcopy(plan)

    async def get(self, plan_id: str) -> CostSharePlan | None:
        found = self._state.plans.get(plan_id)
        return copy.deepcopy(found) if found else None

    async def save(self, plan: CostSharePlan) -> CostSharePlan:
        stored = self._state.plans.get(plan.id)
        if stored is None or stored.version != plan.version:
            raise StalePlan(plan.id)
        saved = replace(copy.deepcopy(plan), version=plan.version + 1)
        self._state.plans[plan.id] = saved
        return copy.deepcopy(saved)

    async def for_case(self, case_id: str) -> CostSharePlan | None:
        mine = sorted(
            (p for p in self._state.plans.values() if p.case_id == case_id),
            key=lambda p: (p.active, p.created_at),
        )
        return copy.deepcopy(mine[-1]) if mine else None

    async def for_cases(self, case_ids: Sequence[str]) -> dict[str, CostSharePlan]:
        found = {c: await self.for_case(c) for c in set(case_ids)}
        return {c: p for c, p in found.items() if p is not None}

    async def covered_by(
        self,
        organization_id: str,
        within: frozenset[str] | None,
        first: int,
        after: Sequence[Any] | None,
        states: frozenset[PlanState] = frozenset(),
    ) -> Page[CostSharePlan]:
        found = sorted(
            (
                p
                for p in self._state.plans.values()
                if any(c.organization_id == organization_id for c in p.covers)
                and (within is None or bool(within & set(p.org_unit_path)))
                and (not states or p.state in states)
            ),
            key=lambda p: (p.created_at, p.id),
        )
        return self._page(found, first, after)

    async def of_unit(
        self,
        unit_id: str,
        scope: ListScope | None,
        first: int,
        after: Sequence[Any] | None,
        states: frozenset[PlanState] = frozenset(),
    ) -> Page[CostSharePlan]:
        found = sorted(
            (
                p
                for p in self._state.plans.values()
                if unit_id in p.org_unit_path
                and (
                    scope is None
                    or p.org_unit_id in scope.held_at
                    or bool(scope.under & set(p.org_unit_path))
                )
                and (not states or p.state in states)
            ),
            key=lambda p: (p.created_at, p.id),
        )
        return self._page(found, first, after)

    @staticmethod
    def _page(
        found: list[CostSharePlan], first: int, after: Sequence[Any] | None
    ) -> Page[CostSharePlan]:
        total = len(found)
        if after is not None:
            at, last = cursors.keyset(after, datetime, str)
            found = [p for p in found if (p.created_at, p.id) > (at, last)]
        return Page(
            items=[copy.deepcopy(p) for p in found[:first]],
            has_next=len(found) > first,
            has_previous=after is not None,
            total_count=total,
        )


class FakeResidents:
    def __init__(self, state: State) -> None:
        self._state = state

    async def get(self, person_id: str) -> Resident | None:
        return self._state.residents.get(person_id)

    async def get_many(self, person_ids: Sequence[str]) -> dict[str, Resident]:
        return {p: self._state.residents[p] for p in person_ids if p in self._state.residents}


class FakeOrgUnits:
    def __init__(self, state: State) -> None:
        self._state = state

    async def get(self, unit_id: str) -> ProjectedOrgUnit | None:
        return self._state.units.get(unit_id)


@dataclass
class FakeParticipation:
    state: State
    uow: InMemoryUnitOfWork[State, ParticipationTx]
    ports: ParticipationPorts
    now: list[datetime]

    def add_unit(self, unit_id: str, kind: str, *ancestors: str) -> ProjectedOrgUnit:
        unit = ProjectedOrgUnit(unit_id, kind, unit_id.upper(), tuple(ancestors))
        self.state.units[unit_id] = unit
        return unit

    def add_resident(self, person_id: str, household_id: str | None, *home: str) -> None:
        self.state.residents[person_id] = Resident(person_id, household_id, tuple(home))


def fake_participation() -> FakeParticipation:
    state = State()
    uow: InMemoryUnitOfWork[State, ParticipationTx] = InMemoryUnitOfWork(
        state, lambda s: ParticipationTx(meetings=FakeMeetings(s), cost_shares=FakeCostShares(s))
    )
    now = [datetime(2026, 12, 4, 2, 0, tzinfo=UTC)]
    ports = ParticipationPorts(
        uow=uow,
        meetings=FakeMeetings(state),
        residents=FakeResidents(state),
        org_units=FakeOrgUnits(state),
        cost_shares=FakeCostShares(state),
        clock=lambda: now[0],
    )
    return FakeParticipation(state=state, uow=uow, ports=ports, now=now)
