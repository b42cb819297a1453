"""What every survey and response store must do, run against the in-memory fakes (unit) and the
MongoDB adapters (integration), so the fast tests' fakes behave as production does."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from grassroots_participation.domain.surveys import (
    AlreadyAnswered,
    Answer,
    Question,
    QuestionKind,
    Respondents,
    Response,
    StaleSurvey,
    Survey,
    SurveyQuery,
    SurveyStatus,
    survey_key,
)
from grassroots_participation.handlers.survey_ports import ResponseRepository, SurveyRepository

T0 = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)


@dataclass
class Stores:
    surveys: SurveyRepository
    responses: ResponseRepository


def a_survey(survey_id: str, unit: str = "c1", days: int = 14, **changes: object) -> Survey:
    s = Survey(
        id=survey_id,
        org_unit_id=unit,
        org_unit_path=("d1", "s1", unit),
        title=f"Survey {survey_id}",
        description="",
        questions=(
            Question("q1", QuestionKind.SINGLE_CHOICE, "Which?", ("A", "B")),
            Question("q2", QuestionKind.SCALE, "How much?", scale_min=1, scale_max=5),
        ),
        respondents=Respondents.HOUSEHOLD,
        anonymous=False,
        opens_on=date(2026, 12, 5),
        closes_on=date(2026, 12, 5) + timedelta(days=days),
        opens_at=T0,
        closes_at=T0 + timedelta(days=days + 1),
        salt="salt",
        created_by="staff",
        created_at=T0,
    )
    for name, value in changes.items():
        setattr(s, name, value)
    return s


def a_response(survey_id: str, key: str, **changes: object) -> Response:
    fields: dict[str, object] = {
        "id": f"r-{survey_id}-{key}",
        "survey_id": survey_id,
        "respondent_key": key,
        "home_unit_path": ("d1", "s1", "c1"),
        "answers": (Answer("q1", choices=(1,)), Answer("q2", scale=3)),
        "respondent_id": "mother",
        "household_id": "ha",
        "at": T0,
    }
    fields.update(changes)
    return Response(**fields)  # type: ignore[arg-type]


async def stores_round_trip_a_survey(s: Stores) -> None:
    survey = a_survey("rt")
    await s.surveys.insert(survey)
    assert await s.surveys.get("rt") == survey
    assert await s.surveys.get("none") is None


async def a_save_is_conditional_on_the_status_read(s: Stores) -> None:
    await s.surveys.insert(a_survey("cs"))
    opened = a_survey("cs", status=SurveyStatus.OPEN, opened_at=T0)
    await s.surveys.save(opened, SurveyStatus.DRAFT.value)
    with pytest.raises(StaleSurvey):
        await s.surveys.save(opened, SurveyStatus.DRAFT.value)
    stored = await s.surveys.get("cs")
    assert stored is not None
    assert stored.status is SurveyStatus.OPEN


async def responses_are_counted_only_while_open(s: Stores) -> None:
    await s.surveys.insert(a_survey("cnt"))
    assert not await s.surveys.count_response("cnt")
    await s.surveys.save(a_survey("cnt", status=SurveyStatus.OPEN), SurveyStatus.DRAFT.value)
    assert await s.surveys.count_response("cnt")
    stored = await s.surveys.get("cnt")
    assert stored is not None
    assert stored.response_count == 1
    # a later save (closing) keeps the count
    await s.surveys.save(a_survey("cnt", status=SurveyStatus.CLOSED), SurveyStatus.OPEN.value)
    assert not await s.surveys.count_response("cnt")
    closed = await s.surveys.get("cnt")
    assert closed is not None
    assert closed.response_count == 1


async def due_lists_unclosed_surveys_past_their_close_time(s: Stores) -> None:
    await s.surveys.insert(a_survey("due", days=0))
    await s.surveys.insert(a_survey("later", days=30))
    await s.surveys.insert(a_survey("done", days=0, status=SurveyStatus.CLOSED))
    now = T0 + timedelta(days=2)
    assert [x.id for x in await s.surveys.due(now, 10)] == ["due"]


async def pages_filter_by_subtree_status_drafts_and_units(s: Stores) -> None:
    await s.surveys.insert(a_survey("p1", days=1, status=SurveyStatus.OPEN))
    await s.surveys.insert(a_survey("p2", days=2))
    await s.surveys.insert(a_survey("p3", unit="c2", days=3, status=SurveyStatus.OPEN))
    page = await s.surveys.page(SurveyQuery("s1"), 2, None)
    assert [x.id for x in page.items] == ["p1", "p2"]
    assert page.has_next
    assert page.total_count == 3
    rest = await s.surveys.page(SurveyQuery("s1"), 2, survey_key(page.items[-1]))
    assert [x.id for x in rest.items] == ["p3"]
    residents = await s.surveys.page(
        SurveyQuery("s1", held_at=frozenset({"c1"}), drafts=False), 10, None
    )
    assert [x.id for x in residents.items] == ["p1"]
    drafts = await s.surveys.page(SurveyQuery("s1", statuses=(SurveyStatus.DRAFT,)), 10, None)
    assert [x.id for x in drafts.items] == ["p2"]


async def one_response_per_respondent_key(s: Stores) -> None:
    await s.responses.insert(a_response("one", "k1"), Respondents.HOUSEHOLD)
    with pytest.raises(AlreadyAnswered):
        await s.responses.insert(a_response("one", "k1", id="other"), Respondents.HOUSEHOLD)
    await s.responses.insert(a_response("two", "k1"), Respondents.HOUSEHOLD)
    assert [r.id for r in await s.responses.of_survey("one")] == ["r-one-k1"]
    assert await s.responses.find("one", "k1") == a_response("one", "k1")
    assert await s.responses.find("one", "k2") is None


async def an_anonymous_response_round_trips_without_a_respondent(s: Stores) -> None:
    anonymous = a_response("anon", "k", respondent_id=None, household_id=None, at=None)
    await s.responses.insert(anonymous, Respondents.HOUSEHOLD)
    assert await s.responses.find("anon", "k") == anonymous


SURVEY_CONTRACTS: list[Callable[[Stores], Awaitable[None]]] = [
    stores_round_trip_a_survey,
    a_save_is_conditional_on_the_status_read,
    responses_are_counted_only_while_open,
    due_lists_unclosed_surveys_past_their_close_time,
    pages_filter_by_subtree_status_drafts_and_units,
    one_response_per_respondent_key,
    an_anonymous_response_round_trips_without_a_respondent,
]
