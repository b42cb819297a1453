"""What the survey use cases need of storage, in the domain's words (as handlers/ports.py for
meetings). A repository reached through `SurveyTx` is bound to that transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from grassroots_kit.business_time import DEFAULT_ZONE
from grassroots_kit.cursors import Page
from grassroots_kit.org_units import ProjectedOrgUnit
from grassroots_kit.unit_of_work import Transaction, UnitOfWork

from grassroots_participation.domain.surveys import Respondents, Response, Survey, SurveyQuery
from grassroots_participation.handlers.ports import ParticipationPorts


class SurveyRepository(Protocol):
    async def insert(self, survey: Survey) -> None: ...

    async def get(self, survey_id: str) -> Survey | None: ...

    async def save(self, survey: Survey, expected: str) -> None:
        """Store the changed survey (status, dates, counters) if its stored status is still
        `expected`; StaleSurvey otherwise."""
        ...

    async def count_response(self, survey_id: str) -> bool:
        """Add one to an open survey's response count; False when it is no longer open (a
        close committed meanwhile makes the two writes conflict, and the retry sees it)."""
        ...

    async def due(self, now: datetime, limit: int) -> list[Survey]:
        """Surveys not closed whose close time has passed."""
        ...

    async def page(
        self, query: SurveyQuery, first: int, after: Sequence[Any] | None
    ) -> Page[Survey]: ...


class ResponseRepository(Protocol):
    async def insert(self, response: Response, respondents: Respondents) -> None:
        """AlreadyAnswered when the survey has a response with the same respondent key."""
        ...

    async def of_survey(self, survey_id: str) -> list[Response]: ...

    async def find(self, survey_id: str, respondent_key: str) -> Response | None: ...


class Households(Protocol):
    async def households_in(self, unit_ids: Sequence[str]) -> dict[str, int]:
        """For each unit, how many households live in its subtree."""
        ...

    async def residents_in(self, unit_ids: Sequence[str]) -> dict[str, int]:
        """For each unit, how many people live in its subtree."""
        ...


class Units(Protocol):
    async def get(self, unit_id: str) -> ProjectedOrgUnit | None: ...

    async def children(self, unit_id: str, limit: int) -> list[ProjectedOrgUnit]: ...


@dataclass
class SurveyTx(Transaction):
    surveys: SurveyRepository
    responses: ResponseRepository


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class SurveyPorts:
    uow: UnitOfWork[SurveyTx]
    surveys: SurveyRepository
    responses: ResponseRepository
    households: Households
    units: Units
    participation: ParticipationPorts
    """Meetings (to attach results to an agenda item) and the residents projection."""
    clock: Callable[[], datetime] = field(default=_now)
    business_zone: ZoneInfo = DEFAULT_ZONE
