"""The survey mutations: createSurvey, openSurvey, answerSurvey, closeSurvey and
attachSurveyToAgendaItem."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from grassroots_participation.domain import surveys as domain
from grassroots_participation.graphql.context import Context
from grassroots_participation.graphql.surveys import Survey
from grassroots_participation.graphql.types import AgendaItem
from grassroots_participation.handlers import surveys as handlers


@strawberry.input(description="A question of a survey to draft.")
class SurveyQuestionInput:
    kind: domain.QuestionKind = strawberry.field(description="How it is answered.")
    text: str = strawberry.field(description="What is asked (at most 500 characters).")
    options: list[str] = strawberry.field(
        default_factory=list, description="The choices (2 to 20) of a choice question."
    )
    scale_min: int = strawberry.field(default=1, description="A scale's lowest value (0-10).")
    scale_max: int = strawberry.field(default=5, description="A scale's highest value (0-10).")
    required: bool = strawberry.field(default=True, description="Whether it must be answered.")


@strawberry.input(description="A survey to draft for an org unit's households or residents.")
class CreateSurveyInput:
    org_unit_id: strawberry.ID = strawberry.field(description="The unit it is for.")
    title: str = strawberry.field(description="What it is called, e.g. `Three Questions`.")
    description: str = strawberry.field(default="", description="What it is for.")
    questions: list[SurveyQuestionInput] = strawberry.field(description="1 to 50 questions.")
    opens_on: date = strawberry.field(description="The first day it takes answers (business time).")
    closes_on: date = strawberry.field(
        description="The last day it takes answers (business time); it closes at that day's end."
    )
    respondents: domain.Respondents = strawberry.field(
        default=domain.Respondents.HOUSEHOLD,
        description="One answer per household (by any member living in the unit), or per resident.",
    )
    anonymous: bool = strawberry.field(
        default=False, description="Keep answers without who gave them, even from staff."
    )


@strawberry.type(description="The result of createSurvey.")
class CreateSurveyPayload:
    survey: Survey = strawberry.field(description="The survey, as a draft.")


async def resolve_create_survey(
    info: Info[Context, None], input: CreateSurveyInput
) -> CreateSurveyPayload:
    created = await handlers.create_survey(
        info.context.survey_ports(),
        info.context.require_caller(),
        handlers.CreateSurvey(
            org_unit_id=str(input.org_unit_id),
            title=input.title,
            description=input.description,
            questions=tuple(
                domain.QuestionDraft(
                    kind=q.kind,
                    text=q.text,
                    options=tuple(q.options),
                    scale_min=q.scale_min,
                    scale_max=q.scale_max,
                    required=q.required,
                )
                for q in input.questions
            ),
            opens_on=input.opens_on,
            closes_on=input.closes_on,
            respondents=input.respondents,
            anonymous=input.anonymous,
        ),
    )
    return CreateSurveyPayload(survey=Survey.from_domain(created))


@strawberry.input(description="A survey to open or close.")
class SurveyIdInput:
    survey_id: strawberry.ID = strawberry.field(description="The survey.")


@strawberry.type(description="The result of openSurvey.")
class OpenSurveyPayload:
    survey: Survey = strawberry.field(description="The survey, now open.")


async def resolve_open_survey(info: Info[Context, None], input: SurveyIdInput) -> OpenSurveyPayload:
    opened = await handlers.open_survey(
        info.context.survey_ports(), info.context.require_caller(), str(input.survey_id)
    )
    return OpenSurveyPayload(survey=Survey.from_domain(opened))


@strawberry.type(description="The result of closeSurvey.")
class CloseSurveyPayload:
    survey: Survey = strawberry.field(description="The survey, now closed.")


async def resolve_close_survey(
    info: Info[Context, None], input: SurveyIdInput
) -> CloseSurveyPayload:
    closed = await handlers.close_survey(
        info.context.survey_ports(), info.context.require_caller(), str(input.survey_id)
    )
    return CloseSurveyPayload(survey=Survey.from_domain(closed))


@strawberry.input(
    description="The answer to one question: `choices` (option indexes from 0) for a choice "
    "question, `scale` for a scale, `text` for free text; nothing else."
)
class SurveyAnswerInput:
    question_id: strawberry.ID = strawberry.field(description="The question (q1, q2, ...).")
    choices: list[int] | None = strawberry.field(
        default=None, description="The options chosen: one for single choice."
    )
    scale: int | None = strawberry.field(default=None, description="The value on the scale.")
    text: str | None = strawberry.field(default=None, description="The free text (at most 2000).")


@strawberry.input(description="Your household's (or your) answers to a survey.")
class AnswerSurveyInput:
    survey_id: strawberry.ID = strawberry.field(description="The survey.")
    answers: list[SurveyAnswerInput] = strawberry.field(description="One per question answered.")


@strawberry.type(description="The result of answerSurvey.")
class AnswerSurveyPayload:
    survey: Survey = strawberry.field(description="The survey, with the response counted.")


async def resolve_answer_survey(
    info: Info[Context, None], input: AnswerSurveyInput
) -> AnswerSurveyPayload:
    answered, _ = await handlers.answer_survey(
        info.context.survey_ports(),
        info.context.require_caller(),
        str(input.survey_id),
        [
            domain.Answer(
                question_id=str(a.question_id),
                choices=tuple(a.choices or ()),
                scale=a.scale,
                text=a.text,
            )
            for a in input.answers
        ],
    )
    return AnswerSurveyPayload(survey=Survey.from_domain(answered))


@strawberry.input(description="A survey whose results an agenda item discusses.")
class AttachSurveyInput:
    meeting_id: strawberry.ID = strawberry.field(description="The meeting.")
    item_id: strawberry.ID = strawberry.field(description="The agenda item (still open).")
    survey_id: strawberry.ID | None = strawberry.field(
        description="The survey, of the meeting's unit or above or below it; null detaches."
    )


@strawberry.type(description="The result of attachSurveyToAgendaItem.")
class AttachSurveyPayload:
    item: AgendaItem = strawberry.field(description="The item, pointing at the survey.")


async def resolve_attach_survey(
    info: Info[Context, None], input: AttachSurveyInput
) -> AttachSurveyPayload:
    meeting = await handlers.attach_to_agenda_item(
        info.context.survey_ports(),
        info.context.require_caller(),
        str(input.meeting_id),
        str(input.item_id),
        str(input.survey_id) if input.survey_id is not None else None,
    )
    item = meeting.item(str(input.item_id))
    return AttachSurveyPayload(item=AgendaItem.from_domain(meeting, item))
