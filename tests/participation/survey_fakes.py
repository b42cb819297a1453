"""In-memory survey stores for the fast tests, over the meeting fakes' residents and units
(tests/participation/fakes.py). They keep the survey store contract
(tests/participation/survey_contracts.py) the MongoDB adapters keep."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from grassroots_kit import cursors
from grassroots_kit.cursors import Page
from grassroots_kit.org_units import ProjectedOrgUnit
from grassroots_kit.unit_of_work import InMemoryUnitOfWork
from grassroots_participation.domain.surveys import (
    AlreadyAnswered,
    Respondents,
    Response,
    StaleSurvey,
    Survey,
    SurveyQuery,
    SurveyStatus,
    survey_key,
)
from grassroots_participation.handlers.survey_ports import SurveyPorts, SurveyTx

from tests.participation.fakes import FakeParticipation, State, fake_participation


@dataclass
class SurveyState:
    surveys: dict[str, Survey] = field(default_factory=dict)
    responses: dict[tuple[str, str], Response] = field(default_factory=dict)


class FakeSurveys:
    def __init__(self, state: SurveyState) -> None:
        self._state = state

    async def insert(self, survey: Survey) -> None:
        if survey.id in self._state.surveys:
            raise KeyError(survey.id)
        self._state.surveys[survey.id] = copy.deepcopy(survey)

    async def get(self, survey_id: str) -> Survey | None:
        found = self._state.surveys.get(survey_id)
        return copy.deepcopy(found) if found else None

    async def save(self, survey: Survey, expected: str) -> None:
        stored = self._state.surveys.get(survey.id)
        if stored is None or stored.status.value != expected:
            raise StaleSurvey(survey.id)
        saved = copy.deepcopy(survey)
        saved.response_count = stored.response_count
        self._state.surveys[survey.id] = saved

    async def count_response(self, survey_id: str) -> bool:
        stored = self._state.surveys.get(survey_id)
        if stored is None or stored.status is not SurveyStatus.OPEN:
            return False
        stored.response_count += 1
        return True

    async def due(self, now: datetime, limit: int) -> list[Survey]:
        found = sorted(
            (
                s
                for s in self._state.surveys.values()
                if s.status is not SurveyStatus.CLOSED and s.closes_at <= now
            ),
            key=lambda s: s.closes_at,
        )
        return [copy.deepcopy(s) for s in found[:limit]]

    async def page(
        self, query: SurveyQuery, first: int, after: Sequence[Any] | None
    ) -> Page[Survey]:
        found = sorted(
            (s for s in self._state.surveys.values() if _matches(s, query)), key=survey_key
        )
        total = len(found)
        if after is not None:
            at, last = cursors.keyset(after, datetime, str)
            found = [s for s in found if (s.closes_at, s.id) > (at, last)]
        return Page(
            items=[copy.deepcopy(s) for s in found[:first]],
            has_next=len(found) > first,
            has_previous=after is not None,
            total_count=total,
        )


def _matches(survey: Survey, query: SurveyQuery) -> bool:
    return (
        query.within in survey.org_unit_path
        and (not query.statuses or survey.status in query.statuses)
        and (query.drafts or survey.status is not SurveyStatus.DRAFT)
        and (query.held_at is None or survey.org_unit_id in query.held_at)
    )


class FakeResponses:
    def __init__(self, state: SurveyState) -> None:
        self._state = state

    async def insert(self, response: Response, respondents: Respondents) -> None:
        key = (response.survey_id, response.respondent_key)
        if key in self._state.responses:
            raise AlreadyAnswered(respondents)
        self._state.responses[key] = response

    async def of_survey(self, survey_id: str) -> list[Response]:
        return [r for (s, _), r in self._state.responses.items() if s == survey_id]

    async def find(self, survey_id: str, respondent_key: str) -> Response | None:
        return self._state.responses.get((survey_id, respondent_key))


class FakeHouseholds:
    def __init__(self, state: State) -> None:
        self._state = state

    async def households_in(self, unit_ids: Sequence[str]) -> dict[str, int]:
        return {
            u: len(
                {
                    r.household_id
                    for r in self._state.residents.values()
                    if u in r.home_path and r.household_id
                }
            )
            for u in unit_ids
        }

    async def residents_in(self, unit_ids: Sequence[str]) -> dict[str, int]:
        return {
            u: sum(1 for r in self._state.residents.values() if u in r.home_path) for u in unit_ids
        }


class FakeUnits:
    def __init__(self, state: State) -> None:
        self._state = state

    async def get(self, unit_id: str) -> ProjectedOrgUnit | None:
        return self._state.units.get(unit_id)

    async def children(self, unit_id: str, limit: int) -> list[ProjectedOrgUnit]:
        found = [u for u in self._state.units.values() if u.path and u.path[-1] == unit_id]
        return sorted(found, key=lambda u: (u.name, u.id))[:limit]


@dataclass
class FakeSurveyWorld:
    world: FakeParticipation
    state: SurveyState
    uow: InMemoryUnitOfWork[SurveyState, SurveyTx]
    ports: SurveyPorts


def fake_surveys(world: FakeParticipation | None = None) -> FakeSurveyWorld:
    world = world or fake_participation()
    state = SurveyState()
    uow: InMemoryUnitOfWork[SurveyState, SurveyTx] = InMemoryUnitOfWork(
        state, lambda s: SurveyTx(surveys=FakeSurveys(s), responses=FakeResponses(s))
    )
    ports = SurveyPorts(
        uow=uow,
        surveys=FakeSurveys(state),
        responses=FakeResponses(state),
        households=FakeHouseholds(world.state),
        units=FakeUnits(world.state),
        participation=world.ports,
        clock=lambda: world.now[0],
    )
    return FakeSurveyWorld(world=world, state=state, uow=uow, ports=ports)
