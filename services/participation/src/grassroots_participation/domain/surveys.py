"""Surveys: questionnaires for a unit's households (or residents), their responses and results.
Pure: no I/O, no framework.

A survey is drafted by the unit's community staff, opened, answered once per household (by any
member of a household living in the unit: the household's one answer, whoever gives it) or
once per resident when it says so, and closed by staff or at its close date. Dates are the
business time zone's: it takes answers from the start of `opensOn` to the end of `closesOn`.

An anonymous survey never stores who answered: a response carries only a one-way key (a salted
SHA-256 of the survey and the household or person, `respondent_key`) that refuses a second
answer, the unit the answer came from (for results by unit) and no time.

Every refusal is a typed `UserError` with a message for the person who tried; nothing changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from grassroots_kit.business_time import day_start
from grassroots_kit.errors import BadUserInput, Conflict, InvalidTransition
from grassroots_kit.i18n import msg

from grassroots_participation.domain.meetings import clean_text, clean_title

MAX_QUESTIONS = 50
MAX_OPTIONS = 20
MAX_OPTION = 200
MAX_QUESTION = 500
MAX_ANSWER = 2000
MAX_SCALE = 10
MAX_FREE_TEXTS = 200
"""Free-text answers returned per question in the results (the most recent stored first)."""


class QuestionKind(StrEnum):
    SINGLE_CHOICE = "SINGLE_CHOICE"
    MULTIPLE_CHOICE = "MULTIPLE_CHOICE"
    SCALE = "SCALE"
    FREE_TEXT = "FREE_TEXT"


class SurveyStatus(StrEnum):
    DRAFT = "DRAFT"
    OPEN = "OPEN"
    CLOSED = "CLOSED"


class Respondents(StrEnum):
    HOUSEHOLD = "HOUSEHOLD"
    PERSON = "PERSON"


# --- refusals -------------------------------------------------------------------------------


class SurveyNotOpen(InvalidTransition):
    def __init__(self) -> None:
        super().__init__(msg("this survey is not open for answers"))


class SurveyClosed(InvalidTransition):
    def __init__(self) -> None:
        super().__init__(msg("this survey is closed: it takes no more answers or changes"))


class AlreadyAnswered(Conflict):
    def __init__(self, respondents: Respondents) -> None:
        if respondents is Respondents.HOUSEHOLD:
            text = msg("your household has already answered this survey: one answer per household")
        else:
            text = msg("you have already answered this survey")
        super().__init__(text, field="surveyId")


# --- questions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    id: str
    kind: QuestionKind
    text: str
    options: tuple[str, ...] = ()
    """The choices, for SINGLE_CHOICE and MULTIPLE_CHOICE; answered by their index."""
    scale_min: int = 1
    scale_max: int = 5
    required: bool = True


@dataclass(frozen=True)
class QuestionDraft:
    kind: QuestionKind
    text: str
    options: tuple[str, ...] = ()
    scale_min: int = 1
    scale_max: int = 5
    required: bool = True


def build_questions(drafts: Sequence[QuestionDraft]) -> tuple[Question, ...]:
    """Numbered q1, q2, ... in the order given; each checked for its kind."""
    if not drafts:
        raise BadUserInput(msg("a survey has at least one question"), field="questions")
    if len(drafts) > MAX_QUESTIONS:
        raise BadUserInput(
            msg("a survey has at most {max} questions", max=MAX_QUESTIONS), field="questions"
        )
    built: list[Question] = []
    for number, draft in enumerate(drafts, start=1):
        text = " ".join(draft.text.split())
        if not text or len(text) > MAX_QUESTION:
            raise BadUserInput(
                msg("a question has 1 to {max} characters", max=MAX_QUESTION), field="questions"
            )
        options: tuple[str, ...] = ()
        if draft.kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
            options = tuple(" ".join(o.split()) for o in draft.options)
            if not 2 <= len(options) <= MAX_OPTIONS:
                raise BadUserInput(
                    msg("a choice question has 2 to {max} options", max=MAX_OPTIONS),
                    field="questions",
                )
            if any(not o or len(o) > MAX_OPTION for o in options):
                raise BadUserInput(
                    msg("an option has 1 to {max} characters", max=MAX_OPTION), field="questions"
                )
            if len(set(options)) != len(options):
                raise BadUserInput(msg("a question's options differ"), field="questions")
        elif draft.options:
            raise BadUserInput(msg("only choice questions have options"), field="questions")
        if draft.kind is QuestionKind.SCALE and not (
            0 <= draft.scale_min < draft.scale_max <= MAX_SCALE
        ):
            raise BadUserInput(
                msg(
                    "a scale runs from a lower to a higher number between 0 and {max}",
                    max=MAX_SCALE,
                ),
                field="questions",
            )
        built.append(
            Question(
                id=f"q{number}",
                kind=draft.kind,
                text=text,
                options=options,
                scale_min=draft.scale_min if draft.kind is QuestionKind.SCALE else 1,
                scale_max=draft.scale_max if draft.kind is QuestionKind.SCALE else 5,
                required=draft.required,
            )
        )
    return tuple(built)


# --- answers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """One question's answer: option indexes (choice), a number (scale) or text (free text)."""

    question_id: str
    choices: tuple[int, ...] = ()
    scale: int | None = None
    text: str | None = None


def _wrong(question: Question) -> BadUserInput:
    return BadUserInput(
        msg(
            "the answer to question {question_id} does not fit that kind of question",
            question_id=question.id,
        ),
        field="answers",
        questionId=question.id,
        kind=question.kind.value,
    )


def check_answers(questions: Sequence[Question], answers: Sequence[Answer]) -> tuple[Answer, ...]:
    """Each answer fits its question's kind; every required question answered, none twice,
    none unknown. Returns the answers in the questions' order, free text trimmed."""
    by_id = {q.id: q for q in questions}
    given: dict[str, Answer] = {}
    for answer in answers:
        question = by_id.get(answer.question_id)
        if question is None:
            raise BadUserInput(
                msg("this survey has no question {question_id}", question_id=answer.question_id),
                field="answers",
            )
        if answer.question_id in given:
            raise BadUserInput(
                msg("question {question_id} is answered twice", question_id=answer.question_id),
                field="answers",
            )
        given[answer.question_id] = _checked(question, answer)
    for question in questions:
        if question.required and question.id not in given:
            raise BadUserInput(
                msg("question {question_id} must be answered", question_id=question.id),
                field="answers",
                questionId=question.id,
            )
    return tuple(given[q.id] for q in questions if q.id in given)


def _checked(question: Question, answer: Answer) -> Answer:
    kind = question.kind
    if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
        choices = answer.choices
        if answer.scale is not None or answer.text is not None or not choices:
            raise _wrong(question)
        if kind is QuestionKind.SINGLE_CHOICE and len(choices) != 1:
            raise _wrong(question)
        if len(set(choices)) != len(choices) or any(
            not 0 <= c < len(question.options) for c in choices
        ):
            raise _wrong(question)
        return Answer(question.id, choices=tuple(sorted(choices)))
    if kind is QuestionKind.SCALE:
        if answer.choices or answer.text is not None or answer.scale is None:
            raise _wrong(question)
        if not question.scale_min <= answer.scale <= question.scale_max:
            raise _wrong(question)
        return Answer(question.id, scale=answer.scale)
    if answer.choices or answer.scale is not None or answer.text is None:
        raise _wrong(question)
    text = clean_text(answer.text, "answers", MAX_ANSWER)
    if not text:
        raise _wrong(question)
    return Answer(question.id, text=text)


# --- the survey -----------------------------------------------------------------------------


def respondent_key(salt: str, subject: str) -> str:
    """The one-way key a response is deduplicated by: who (a household or person id) cannot be
    read back from it without the survey's salt, which never leaves the service."""
    return hashlib.sha256(f"{salt}:{subject}".encode()).hexdigest()


@dataclass
class Survey:
    id: str
    org_unit_id: str
    org_unit_path: tuple[str, ...]
    """Ancestors and the unit itself, root first (what grants are checked against)."""
    title: str
    description: str
    questions: tuple[Question, ...]
    respondents: Respondents
    anonymous: bool
    opens_on: date
    closes_on: date
    opens_at: datetime
    """The start of `opens_on` in the business time zone, as a UTC instant."""
    closes_at: datetime
    """The end of `closes_on` (the start of the next business day), as a UTC instant."""
    salt: str
    """Never shown: what makes `respondent_key` one-way."""
    created_by: str
    created_at: datetime
    status: SurveyStatus = SurveyStatus.DRAFT
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    closed_by: str | None = None
    """Who closed it; None when it closed at its close date."""
    response_count: int = 0

    def subject(self, person_id: str, household_id: str | None) -> str | None:
        """What one response is counted per: the household, or the person."""
        if self.respondents is Respondents.HOUSEHOLD:
            return household_id
        return person_id

    def accepting(self, now: datetime) -> bool:
        return self.status is SurveyStatus.OPEN and self.opens_at <= now < self.closes_at

    def require_accepting(self, now: datetime) -> None:
        if self.status is SurveyStatus.CLOSED or (
            self.status is SurveyStatus.OPEN and now >= self.closes_at
        ):
            raise SurveyClosed()
        if not self.accepting(now):
            raise SurveyNotOpen()

    def open(self, at: datetime) -> None:
        if self.status is SurveyStatus.CLOSED:
            raise SurveyClosed()
        if self.status is SurveyStatus.OPEN:
            raise InvalidTransition(msg("this survey is open already"))
        if at >= self.closes_at:
            raise InvalidTransition(
                msg("this survey's close date has passed: it can no longer be opened"),
                field="closesOn",
            )
        self.status = SurveyStatus.OPEN
        self.opened_at = at

    def close(self, at: datetime, by: str | None) -> None:
        """By staff (`by`), or at the close date (`by` None). A draft may be closed too (it is
        then withdrawn without answers)."""
        if self.status is SurveyStatus.CLOSED:
            raise SurveyClosed()
        self.status = SurveyStatus.CLOSED
        self.closed_at = at
        self.closed_by = by

    def due_to_close(self, now: datetime) -> bool:
        return self.status is not SurveyStatus.CLOSED and now >= self.closes_at


def schedule_dates(opens_on: date, closes_on: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    if closes_on < opens_on:
        raise BadUserInput(
            msg("a survey must close on or after the day it opens"), field="closesOn"
        )
    if (closes_on - opens_on).days > 366:
        raise BadUserInput(msg("a survey runs for at most a year"), field="closesOn")
    return day_start(opens_on, tz), day_start(date.fromordinal(closes_on.toordinal() + 1), tz)


def clean_survey_text(title: str, description: str) -> tuple[str, str]:
    return clean_title(title), clean_text(description, "description")


@dataclass(frozen=True)
class Response:
    id: str
    survey_id: str
    respondent_key: str
    home_unit_path: tuple[str, ...]
    """Where the answer came from (the respondent's home), for results by unit."""
    answers: tuple[Answer, ...]
    respondent_id: str | None = None
    """None for an anonymous survey."""
    household_id: str | None = None
    """None for an anonymous survey."""
    at: datetime | None = None
    """None for an anonymous survey (a time could be matched with who was seen answering)."""


# --- results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FreeText:
    text: str
    respondent_id: str | None
    """Only for a survey that is not anonymous."""


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    answered: int
    option_counts: tuple[int, ...] = ()
    scale_counts: tuple[int, ...] = ()
    """Counts for scale_min, scale_min + 1, ..., scale_max."""
    scale_mean: float | None = None
    texts: tuple[FreeText, ...] = ()


@dataclass(frozen=True)
class UnitResult:
    unit_id: str
    responses: int
    eligible: int
    """Households (or residents) of the unit."""

    @property
    def response_rate(self) -> float:
        return round(self.responses / self.eligible, 4) if self.eligible else 0.0


@dataclass
class _Tally:
    answered: int = 0
    options: list[int] = field(default_factory=list)
    scale: list[int] = field(default_factory=list)
    texts: list[FreeText] = field(default_factory=list)


def tally(
    survey: Survey, responses: Sequence[Response], *, with_texts: bool
) -> tuple[QuestionResult, ...]:
    """Counts per question; free texts only when `with_texts` (staff), never with who wrote
    them for an anonymous survey."""
    tallies = {
        q.id: _Tally(options=[0] * len(q.options), scale=[0] * (q.scale_max - q.scale_min + 1))
        for q in survey.questions
    }
    by_id = {q.id: q for q in survey.questions}
    for response in responses:
        for answer in response.answers:
            question = by_id.get(answer.question_id)
            if question is None:
                continue
            t = tallies[question.id]
            t.answered += 1
            for c in answer.choices:
                t.options[c] += 1
            if answer.scale is not None:
                t.scale[answer.scale - question.scale_min] += 1
            if answer.text is not None and with_texts and len(t.texts) < MAX_FREE_TEXTS:
                who = None if survey.anonymous else response.respondent_id
                t.texts.append(FreeText(answer.text, who))
    results: list[QuestionResult] = []
    for question in survey.questions:
        t = tallies[question.id]
        mean: float | None = None
        if question.kind is QuestionKind.SCALE and t.answered:
            total = sum((question.scale_min + i) * n for i, n in enumerate(t.scale))
            mean = round(total / t.answered, 2)
        results.append(
            QuestionResult(
                question=question,
                answered=t.answered,
                option_counts=tuple(t.options) if question.options else (),
                scale_counts=tuple(t.scale) if question.kind is QuestionKind.SCALE else (),
                scale_mean=mean,
                texts=tuple(t.texts),
            )
        )
    return tuple(results)


def by_unit(
    units: Sequence[str], responses: Sequence[Response], eligible: Mapping[str, int]
) -> tuple[UnitResult, ...]:
    """Responses and response rate for each unit (the survey's and its children)."""
    return tuple(
        UnitResult(
            unit_id=unit,
            responses=sum(1 for r in responses if unit in r.home_unit_path),
            eligible=eligible.get(unit, 0),
        )
        for unit in units
    )


# --- listing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SurveyQuery:
    within: str
    """An org unit: its surveys and those of the units below it."""
    statuses: tuple[SurveyStatus, ...] = ()
    held_at: frozenset[str] | None = None
    """Only surveys of these units (what a resident may list), None for any."""
    drafts: bool = True
    """False for one who may not see drafts."""


def survey_key(survey: Survey) -> tuple[str, str]:
    """Surveys are listed by close time, then id; a cursor is this key."""
    return (survey.closes_at.isoformat(), survey.id)


class StaleSurvey(Exception):
    """The survey changed since it was read."""
