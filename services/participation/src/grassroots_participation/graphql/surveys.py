"""GraphQL types of surveys and their results; `OrgUnit.surveys` and `AgendaItem.survey` (in
graphql/types.py) resolve through the functions here. Person and OrgUnit are referred to
lazily: graphql/types.py imports this module."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from grassroots_kit.graphql.connections import Connection, decode_cursor, page_size, to_connection
from strawberry.types import Info

from grassroots_participation.domain import surveys as domain
from grassroots_participation.graphql.context import Context
from grassroots_participation.handlers import surveys as handlers

if TYPE_CHECKING:
    from grassroots_participation.graphql.types import OrgUnit, Person

TYPES = "grassroots_participation.graphql.types"

strawberry.enum(
    domain.QuestionKind, name="SurveyQuestionKind", description="How a question is answered."
)
strawberry.enum(domain.SurveyStatus, description="Draft, open for answers, or closed.")
strawberry.enum(
    domain.Respondents,
    name="SurveyRespondents",
    description="Who answers: one answer per household, or per resident.",
)


def _person(person_id: str) -> Person:
    from grassroots_participation.graphql.types import person

    return person(person_id)


def _unit(unit_id: str) -> OrgUnit:
    from grassroots_participation.graphql.types import OrgUnit

    return OrgUnit(id=strawberry.ID(unit_id))


@strawberry.type(description="A question of a survey.")
class SurveyQuestion:
    id: strawberry.ID = strawberry.field(description="Its id in the survey: q1, q2, ...")
    kind: domain.QuestionKind = strawberry.field(description="How it is answered.")
    text: str = strawberry.field(description="What is asked.")
    options: list[str] = strawberry.field(
        description="The choices of a choice question, answered by their index (from 0)."
    )
    scale_min: int | None = strawberry.field(description="A scale's lowest value.")
    scale_max: int | None = strawberry.field(description="A scale's highest value.")
    required: bool = strawberry.field(description="Whether every answer must include it.")

    @classmethod
    def from_domain(cls, q: domain.Question) -> SurveyQuestion:
        scale = q.kind is domain.QuestionKind.SCALE
        return cls(
            id=strawberry.ID(q.id),
            kind=q.kind,
            text=q.text,
            options=list(q.options),
            scale_min=q.scale_min if scale else None,
            scale_max=q.scale_max if scale else None,
            required=q.required,
        )


@strawberry.type(description="How many answers chose an option.")
class OptionCount:
    index: int = strawberry.field(description="The option's index (from 0).")
    option: str = strawberry.field(description="The option's text.")
    count: int = strawberry.field(description="Answers that chose it.")


@strawberry.type(description="How many answers gave a value of a scale.")
class ScaleCount:
    value: int = strawberry.field(description="The value.")
    count: int = strawberry.field(description="Answers that gave it.")


@strawberry.type(description="A free-text answer; shown to staff only.")
class FreeTextAnswer:
    text: str = strawberry.field(description="What was written.")
    respondent: Annotated[Person, strawberry.lazy(TYPES)] | None = strawberry.field(
        description="Who wrote it; always null for an anonymous survey."
    )


@strawberry.type(description="The answers to one question, counted.")
class QuestionResult:
    question: SurveyQuestion = strawberry.field(description="The question.")
    answered: int = strawberry.field(description="Responses that answered it.")
    options: list[OptionCount] = strawberry.field(description="Counts per option (choices).")
    scale: list[ScaleCount] = strawberry.field(description="Counts per value (scales).")
    scale_mean: float | None = strawberry.field(description="The mean value of a scale.")
    free_texts: list[FreeTextAnswer] = strawberry.field(
        description="Free-text answers (at most 200): staff only, empty for others."
    )

    @classmethod
    def from_domain(cls, r: domain.QuestionResult) -> QuestionResult:
        q = r.question
        return cls(
            question=SurveyQuestion.from_domain(q),
            answered=r.answered,
            options=[
                OptionCount(index=i, option=q.options[i], count=n)
                for i, n in enumerate(r.option_counts)
            ],
            scale=[
                ScaleCount(value=q.scale_min + i, count=n) for i, n in enumerate(r.scale_counts)
            ],
            scale_mean=r.scale_mean,
            free_texts=[
                FreeTextAnswer(
                    text=t.text, respondent=_person(t.respondent_id) if t.respondent_id else None
                )
                for t in r.texts
            ],
        )


@strawberry.type(description="Responses from a unit against the households (or residents) in it.")
class UnitResponseRate:
    org_unit: Annotated[OrgUnit, strawberry.lazy(TYPES)] = strawberry.field(
        description="The unit: the survey's own, or one of its child units."
    )
    responses: int = strawberry.field(description="Responses from people living in it.")
    eligible: int = strawberry.field(
        description="Households living in it (residents, for a survey answered per person)."
    )
    response_rate: float = strawberry.field(description="responses / eligible, 0 when none.")


@strawberry.type(description="A survey's answers counted, with response rates by unit.")
class SurveyResults:
    responses: int = strawberry.field(description="Responses received.")
    questions: list[QuestionResult] = strawberry.field(description="Per question, in order.")
    units: list[UnitResponseRate] = strawberry.field(
        description="The survey's unit first, then each of its child units."
    )
    free_texts_shown: bool = strawberry.field(
        description="Whether free-text answers are included (staff over the unit)."
    )

    @classmethod
    def from_domain(cls, r: handlers.Results) -> SurveyResults:
        return cls(
            responses=r.responses,
            questions=[QuestionResult.from_domain(q) for q in r.questions],
            units=[
                UnitResponseRate(
                    org_unit=_unit(u.unit_id),
                    responses=u.responses,
                    eligible=u.eligible,
                    response_rate=u.response_rate,
                )
                for u in r.units
            ],
            free_texts_shown=r.texts_shown,
        )


@strawberry.type(
    description="A questionnaire for a unit's households (or residents): one answer per "
    "household unless it says per person, optionally anonymous, open between two dates."
)
class Survey:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    org_unit_id: strawberry.ID = strawberry.field(description="The unit it is for.")
    title: str = strawberry.field(description="What it is called.")
    description: str = strawberry.field(description="What it is for; may be empty.")
    questions: list[SurveyQuestion] = strawberry.field(description="Its questions, in order.")
    respondents: domain.Respondents = strawberry.field(
        description="One answer per household, or per resident."
    )
    anonymous: bool = strawberry.field(
        description="Whether answers are kept without who gave them (even from staff)."
    )
    opens_on: date = strawberry.field(description="The first day it takes answers (business time).")
    closes_on: date = strawberry.field(description="The last day it takes answers (business time).")
    status: domain.SurveyStatus = strawberry.field(description="Draft, open or closed.")
    response_count: int = strawberry.field(description="Responses received so far.")
    closed_at: datetime | None = strawberry.field(description="When it closed.")
    domain_survey: strawberry.Private[domain.Survey]

    @strawberry.field(description="The unit it is for.")
    def org_unit(self) -> Annotated[OrgUnit, strawberry.lazy(TYPES)]:
        return _unit(str(self.org_unit_id))

    @strawberry.field(description="The staff member who drafted it.")
    def created_by(self) -> Annotated[Person, strawberry.lazy(TYPES)]:
        return _person(self.domain_survey.created_by)

    @strawberry.field(
        description="Whether your household (or you, for a survey answered per person) has "
        "answered it."
    )
    async def answered(self, info: Info[Context, None]) -> bool:
        ports = info.context.survey_ports()
        return await handlers.has_answered(ports, info.context.caller, self.domain_survey)

    @strawberry.field(
        description="Its answers counted with response rates by unit: staff over the unit at any "
        "time (with free-text answers), its residents once it has closed (without)."
    )
    async def results(self, info: Info[Context, None]) -> SurveyResults | None:
        found = await handlers.results(
            info.context.survey_ports(), info.context.require_caller(), str(self.id)
        )
        return SurveyResults.from_domain(found)

    @classmethod
    def from_domain(cls, s: domain.Survey) -> Survey:
        return cls(
            id=strawberry.ID(s.id),
            org_unit_id=strawberry.ID(s.org_unit_id),
            title=s.title,
            description=s.description,
            questions=[SurveyQuestion.from_domain(q) for q in s.questions],
            respondents=s.respondents,
            anonymous=s.anonymous,
            opens_on=s.opens_on,
            closes_on=s.closes_on,
            status=s.status,
            response_count=s.response_count,
            closed_at=s.closed_at,
            domain_survey=s,
        )


@strawberry.input(description="Which of a unit's surveys to list.")
class SurveyFilter:
    statuses: list[domain.SurveyStatus] | None = strawberry.field(
        default=None, description="Only surveys in these states."
    )


async def surveys_of_unit(
    info: Info[Context, None],
    unit_id: str,
    first: int | None,
    after: str | None,
    where: SurveyFilter | None,
) -> Connection[Survey]:
    query = domain.SurveyQuery(
        within=unit_id, statuses=tuple((where.statuses if where else None) or ())
    )
    page = await handlers.surveys_of_unit(
        info.context.survey_ports(),
        info.context.require_caller(),
        query,
        page_size(first),
        decode_cursor(after) if after else None,
    )
    return to_connection(page, domain.survey_key, Survey.from_domain)


async def survey_by_id(info: Info[Context, None], survey_id: str) -> Survey:
    found = await handlers.survey(
        info.context.survey_ports(), info.context.require_caller(), survey_id
    )
    return Survey.from_domain(found)
