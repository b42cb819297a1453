"""Survey use cases: draft, open, answer, close (by staff or at the close date), read results,
attach results to an agenda item.

Each authorizes first, then loads, calls the domain and commits through the unit of work; a
refusal changes nothing. One response per household (or person) is enforced by a unique index
on (survey, respondent key), so two concurrent answers of one household cannot both land.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from grassroots_kit.auth import Principal
from grassroots_kit.cursors import Page
from grassroots_kit.errors import BadUserInput, Conflict, Forbidden, NotFound
from grassroots_kit.i18n import msg

from grassroots_participation.domain import access
from grassroots_participation.domain import survey_access as policy
from grassroots_participation.domain import surveys as domain
from grassroots_participation.domain.ids import new_id
from grassroots_participation.domain.listing import StaleMeeting
from grassroots_participation.domain.meetings import Meeting
from grassroots_participation.domain.surveys import (
    Answer,
    QuestionDraft,
    QuestionResult,
    Respondents,
    Response,
    StaleSurvey,
    Survey,
    SurveyQuery,
    UnitResult,
)
from grassroots_participation.handlers.ports import ParticipationTx
from grassroots_participation.handlers.survey_ports import SurveyPorts, SurveyTx
from grassroots_participation.handlers.survey_publishing import survey_closed

log = logging.getLogger(__name__)

MAX_CHILD_UNITS = 200


@dataclass(frozen=True)
class CreateSurvey:
    org_unit_id: str
    title: str
    questions: tuple[QuestionDraft, ...]
    opens_on: date
    closes_on: date
    description: str = ""
    respondents: Respondents = Respondents.HOUSEHOLD
    anonymous: bool = False


@dataclass(frozen=True)
class Results:
    survey: Survey
    responses: int
    questions: tuple[QuestionResult, ...]
    units: tuple[UnitResult, ...]
    """The survey's unit first, then its child units."""
    texts_shown: bool


async def _home(ports: SurveyPorts, caller: Principal | None) -> tuple[str, ...]:
    if caller is None:
        return ()
    resident = await ports.participation.residents.get(caller.person_id)
    return resident.home_path if resident else ()


async def create_survey(ports: SurveyPorts, caller: Principal, command: CreateSurvey) -> Survey:
    unit = await ports.units.get(command.org_unit_id)
    if unit is None:
        raise NotFound(
            msg("no org unit with id {org_unit_id}", org_unit_id=command.org_unit_id),
            field="orgUnitId",
        )
    policy.require_author(caller, unit.path_with_self)
    title, description = domain.clean_survey_text(command.title, command.description)
    questions = domain.build_questions(command.questions)
    opens_at, closes_at = domain.schedule_dates(
        command.opens_on, command.closes_on, ports.business_zone
    )
    now = ports.clock()
    if closes_at <= now:
        raise BadUserInput(msg("a survey's close date must not have passed"), field="closesOn")
    survey = Survey(
        id=new_id(),
        org_unit_id=unit.id,
        org_unit_path=unit.path_with_self,
        title=title,
        description=description,
        questions=questions,
        respondents=command.respondents,
        anonymous=command.anonymous,
        opens_on=command.opens_on,
        closes_on=command.closes_on,
        opens_at=opens_at,
        closes_at=closes_at,
        salt=secrets.token_hex(16),
        created_by=caller.person_id,
        created_at=now,
    )

    async def work(tx: SurveyTx) -> Survey:
        await tx.surveys.insert(survey)
        return survey

    return await ports.uow.run(work)


async def _change_status(
    ports: SurveyPorts, caller: Principal, survey_id: str, *, opening: bool
) -> Survey:
    home = await _home(ports, caller)

    async def work(tx: SurveyTx) -> Survey:
        survey = await tx.surveys.get(survey_id)
        if survey is None or not policy.may_read(caller, home, survey):
            raise policy.hidden(survey_id)
        policy.require_author(caller, survey.org_unit_path)
        before = survey.status
        now = ports.clock()
        if opening:
            survey.open(now)
        else:
            survey.close(now, caller.person_id)
            tx.publish([survey_closed(survey)])
        try:
            await tx.surveys.save(survey, before.value)
        except StaleSurvey:
            raise Conflict(
                msg("the survey changed while you were changing it: try again"), field="id"
            ) from None
        return survey

    return await ports.uow.run(work)


async def open_survey(ports: SurveyPorts, caller: Principal, survey_id: str) -> Survey:
    return await _change_status(ports, caller, survey_id, opening=True)


async def close_survey(ports: SurveyPorts, caller: Principal, survey_id: str) -> Survey:
    return await _change_status(ports, caller, survey_id, opening=False)


async def answer_survey(
    ports: SurveyPorts, caller: Principal, survey_id: str, answers: Sequence[Answer]
) -> tuple[Survey, Response]:
    resident = await ports.participation.residents.get(caller.person_id)
    home = resident.home_path if resident else ()

    async def work(tx: SurveyTx) -> tuple[Survey, Response]:
        survey = await tx.surveys.get(survey_id)
        if survey is None or not policy.may_read(caller, home, survey):
            raise policy.hidden(survey_id)
        subject = policy.require_respondent(caller, resident, survey)
        survey.require_accepting(ports.clock())
        checked = domain.check_answers(survey.questions, answers)
        response = Response(
            id=new_id(),
            survey_id=survey.id,
            respondent_key=domain.respondent_key(survey.salt, subject),
            home_unit_path=home,
            answers=checked,
            respondent_id=None if survey.anonymous else caller.person_id,
            household_id=None if survey.anonymous or resident is None else resident.household_id,
            at=None if survey.anonymous else ports.clock(),
        )
        await tx.responses.insert(response, survey.respondents)
        if not await tx.surveys.count_response(survey.id):
            raise domain.SurveyClosed()
        survey.response_count += 1
        return survey, response

    return await ports.uow.run(work)


async def survey(ports: SurveyPorts, caller: Principal, survey_id: str) -> Survey:
    """The survey, or NOT_FOUND for one that does not exist or the caller may not see."""
    found = await ports.surveys.get(survey_id)
    if found is None or not policy.may_read(caller, await _home(ports, caller), found):
        raise policy.hidden(survey_id)
    return found


async def has_answered(ports: SurveyPorts, caller: Principal | None, found: Survey) -> bool:
    """Whether the caller's household (or the caller) has answered: found by the same one-way
    key, so it works for anonymous surveys without storing who answered."""
    if caller is None:
        return False
    resident = await ports.participation.residents.get(caller.person_id)
    if resident is None:
        return False
    subject = found.subject(caller.person_id, resident.household_id)
    if subject is None:
        return False
    key = domain.respondent_key(found.salt, subject)
    return await ports.responses.find(found.id, key) is not None


async def results(ports: SurveyPorts, caller: Principal, survey_id: str) -> Results:
    """Counts per question and response rates by unit. Staff over the unit at any time, with the
    free-text answers (and who wrote them, unless anonymous); the unit's people once closed,
    without free texts. Anyone else: NOT_FOUND (FORBIDDEN for a resident before closing)."""
    home = await _home(ports, caller)
    found = await ports.surveys.get(survey_id)
    if found is None or not policy.may_read(caller, home, found):
        raise policy.hidden(survey_id)
    if not policy.may_read_results(caller, home, found):
        raise Forbidden(msg("a survey's results are shown to its residents once it has closed"))
    responses = await ports.responses.of_survey(found.id)
    with_texts = policy.may_read_texts(caller, found)
    children = await ports.units.children(found.org_unit_id, MAX_CHILD_UNITS)
    unit_ids = [found.org_unit_id, *(c.id for c in children)]
    if found.respondents is Respondents.HOUSEHOLD:
        eligible = await ports.households.households_in(unit_ids)
    else:
        eligible = await ports.households.residents_in(unit_ids)
    return Results(
        survey=found,
        responses=len(responses),
        questions=domain.tally(found, responses, with_texts=with_texts),
        units=domain.by_unit(unit_ids, responses, eligible),
        texts_shown=with_texts,
    )


async def surveys_of_unit(
    ports: SurveyPorts,
    caller: Principal,
    query: SurveyQuery,
    first: int,
    after: Sequence[Any] | None,
) -> Page[Survey]:
    unit = await ports.units.get(query.within)
    if unit is None:
        raise NotFound(
            msg("no org unit with id {org_unit_id}", org_unit_id=query.within), field="id"
        )
    held_at, drafts = policy.listable_units(caller, await _home(ports, caller), unit.path_with_self)
    return await ports.surveys.page(
        SurveyQuery(query.within, query.statuses, held_at, drafts), first, after
    )


async def attach_to_agenda_item(
    ports: SurveyPorts, caller: Principal, meeting_id: str, item_id: str, survey_id: str | None
) -> Meeting:
    """Point a meeting's agenda item at a survey whose results it discusses (None detaches).
    The meeting's runners only; the survey must be one they may see, of the meeting's unit,
    above or below it."""
    found = None
    if survey_id is not None:
        found = await survey(ports, caller, survey_id)
    meetings = ports.participation
    home = await _home(ports, caller)

    async def work(tx: ParticipationTx) -> Meeting:
        meeting = await tx.meetings.get(meeting_id)
        if meeting is None or not access.may_read(caller, home, meeting):
            raise access.hidden(meeting_id)
        access.require_runner(caller, meeting)
        if found is not None and not (
            found.org_unit_id in meeting.org_unit_path or meeting.org_unit_id in found.org_unit_path
        ):
            raise BadUserInput(
                msg("the survey is not of this meeting's org unit, above or below it"),
                field="surveyId",
            )
        meeting.attach_survey(item_id, survey_id)
        try:
            return await tx.meetings.save(meeting)
        except StaleMeeting:
            raise Conflict(
                msg("the meeting changed while you were changing it: try again"), field="id"
            ) from None

    return await meetings.uow.run(work)


@dataclass(frozen=True)
class SweepResult:
    closed: int


async def close_due(ports: SurveyPorts, batch: int = 100) -> SweepResult:
    """Close the surveys whose close date has passed and publish `survey.closed` for each, once:
    the save is conditional on the status read, so a second pass, another replica or a staff
    member closing at the same time changes nothing more."""
    now = ports.clock()
    closed = 0
    for due in await ports.surveys.due(now, batch):

        async def work(tx: SurveyTx, survey_id: str = due.id) -> bool:
            current = await tx.surveys.get(survey_id)
            if current is None or not current.due_to_close(now):
                return False
            before = current.status
            current.close(now, None)
            try:
                await tx.surveys.save(current, before.value)
            except StaleSurvey:
                return False
            tx.publish([survey_closed(current)])
            return True

        try:
            closed += int(await ports.uow.run(work))
        except Exception:  # one survey's failure must not stop the others; next pass retries
            log.exception("could not close survey %s", due.id)
    return SweepResult(closed)


async def sweep_forever(ports: SurveyPorts, interval: float) -> None:
    """The close-date sweeper: one pass at boot, then every `interval` seconds."""
    while True:
        try:
            result = await close_due(ports)
            if result.closed:
                log.info("surveys closed at their close date", extra={"closed": result.closed})
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("survey sweep failed; retrying at the next pass")
        await asyncio.sleep(interval)
