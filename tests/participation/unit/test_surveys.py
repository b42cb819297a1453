"""Surveys over in-memory stores: the rules (one response per household, closed surveys,
answer shapes, anonymity), who may do what, results by unit and `survey.closed`."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from grassroots_contracts.survey_events import SurveyClosed
from grassroots_kit.auth import Principal
from grassroots_kit.errors import BadUserInput, Conflict, Forbidden, InvalidTransition, NotFound
from grassroots_participation.domain import surveys as domain
from grassroots_participation.domain.meetings import MeetingKind
from grassroots_participation.domain.surveys import (
    Answer,
    QuestionDraft,
    QuestionKind,
    Respondents,
    SurveyQuery,
    SurveyStatus,
)
from grassroots_participation.handlers import meetings
from grassroots_participation.handlers import surveys as handlers

from tests.participation.survey_fakes import FakeSurveyWorld, fake_surveys
from tests.support.tokens import grant

STAFF = Principal("staff", (grant("COMMUNITY_STAFF", "d1", "s1", "c1"),))
OTHER_STAFF = Principal("staff2", (grant("COMMUNITY_STAFF", "d1", "s1", "c2"),))
GRID = Principal("grid", (grant("GRID_MEMBER", "d1", "s1", "c1", "g1"),))
MOTHER = Principal("mother", ())  # household ha, lives in c1/g1
SON = Principal("son", ())  # household ha too
NEIGHBOUR = Principal("neighbour", ())  # household hb, lives in c1/g2
LODGER = Principal("lodger", ())  # lives in c1, in no household
OUTSIDER = Principal("outsider", ())  # household ho, lives in c2
TODAY = date(2026, 12, 4)  # world.now is 2026-12-04 10:00 in Shanghai

QUESTIONS = (
    QuestionDraft(QuestionKind.SINGLE_CHOICE, "Which project first?", ("Parking", "Lifts")),
    QuestionDraft(QuestionKind.MULTIPLE_CHOICE, "What worries you?", ("Noise", "Rubbish", "Pipes")),
    QuestionDraft(QuestionKind.SCALE, "How satisfied are you?", scale_min=1, scale_max=5),
    QuestionDraft(QuestionKind.FREE_TEXT, "Anything else?", required=False),
)
GOOD = (
    Answer("q1", choices=(0,)),
    Answer("q2", choices=(1, 2)),
    Answer("q3", scale=4),
    Answer("q4", text="  The pipe on Harbin Road leaks  "),
)


@pytest.fixture
def w() -> FakeSurveyWorld:
    s = fake_surveys()
    world = s.world
    world.add_unit("d1", "DISTRICT")
    world.add_unit("s1", "STREET", "d1")
    world.add_unit("c1", "COMMUNITY", "d1", "s1")
    world.add_unit("c2", "COMMUNITY", "d1", "s1")
    world.add_unit("g1", "GRID", "d1", "s1", "c1")
    world.add_unit("g2", "GRID", "d1", "s1", "c1")
    world.add_resident("mother", "ha", "d1", "s1", "c1", "g1")
    world.add_resident("son", "ha", "d1", "s1", "c1", "g1")
    world.add_resident("neighbour", "hb", "d1", "s1", "c1", "g2")
    world.add_resident("third", "hc", "d1", "s1", "c1", "g2")
    world.add_resident("lodger", None, "d1", "s1", "c1")
    world.add_resident("outsider", "ho", "d1", "s1", "c2")
    return s


def create(**changes: object) -> handlers.CreateSurvey:
    fields: dict[str, object] = {
        "org_unit_id": "c1",
        "title": "Three Questions",
        "questions": QUESTIONS,
        "opens_on": TODAY,
        "closes_on": TODAY + timedelta(days=14),
    }
    fields.update(changes)
    return handlers.CreateSurvey(**fields)  # type: ignore[arg-type]


async def open_survey(w: FakeSurveyWorld, **changes: object) -> domain.Survey:
    survey = await handlers.create_survey(w.ports, STAFF, create(**changes))
    return await handlers.open_survey(w.ports, STAFF, survey.id)


# --- drafting and opening ------------------------------------------------------------------


async def test_staff_draft_and_open_a_survey_with_dates_of_the_business_zone(w):
    survey = await handlers.create_survey(w.ports, STAFF, create())
    assert survey.status is SurveyStatus.DRAFT
    assert [q.id for q in survey.questions] == ["q1", "q2", "q3", "q4"]
    # 4 December in Shanghai begins at 16:00 UTC the day before; it closes at the end of the 18th.
    assert survey.opens_at.isoformat() == "2026-12-03T16:00:00+00:00"
    assert survey.closes_at.isoformat() == "2026-12-18T16:00:00+00:00"
    opened = await handlers.open_survey(w.ports, STAFF, survey.id)
    assert opened.status is SurveyStatus.OPEN


@pytest.mark.parametrize("caller", [GRID, OTHER_STAFF, MOTHER], ids=["grid", "other", "resident"])
async def test_only_the_units_community_staff_draft_surveys(w, caller):
    with pytest.raises(Forbidden):
        await handlers.create_survey(w.ports, caller, create())
    assert w.state.surveys == {}


@pytest.mark.parametrize(
    "questions",
    [
        (),
        (QuestionDraft(QuestionKind.SINGLE_CHOICE, "One option?", ("Only",)),),
        (QuestionDraft(QuestionKind.SINGLE_CHOICE, "Same?", ("A", "A")),),
        (QuestionDraft(QuestionKind.FREE_TEXT, "Options?", ("A", "B")),),
        (QuestionDraft(QuestionKind.SCALE, "Backwards?", scale_min=5, scale_max=1),),
        (QuestionDraft(QuestionKind.SCALE, "Too wide?", scale_min=0, scale_max=100),),
        (QuestionDraft(QuestionKind.FREE_TEXT, "   "),),
    ],
    ids=["none", "one-option", "same-options", "text-options", "backwards", "wide", "blank"],
)
async def test_badly_shaped_questions_are_refused(w, questions):
    with pytest.raises(BadUserInput):
        await handlers.create_survey(w.ports, STAFF, create(questions=questions))


async def test_dates_must_make_sense(w):
    with pytest.raises(BadUserInput):
        await handlers.create_survey(w.ports, STAFF, create(closes_on=TODAY - timedelta(days=1)))
    with pytest.raises(BadUserInput):
        await handlers.create_survey(
            w.ports,
            STAFF,
            create(opens_on=TODAY - timedelta(days=9), closes_on=TODAY - timedelta(days=2)),
        )


async def test_residents_do_not_see_drafts(w):
    survey = await handlers.create_survey(w.ports, STAFF, create())
    with pytest.raises(NotFound):
        await handlers.survey(w.ports, MOTHER, survey.id)
    page = await handlers.surveys_of_unit(w.ports, MOTHER, SurveyQuery("c1"), 10, None)
    assert page.items == []
    staff_page = await handlers.surveys_of_unit(w.ports, STAFF, SurveyQuery("c1"), 10, None)
    assert [s.id for s in staff_page.items] == [survey.id]


# --- answering -----------------------------------------------------------------------------


async def test_one_response_per_household_the_second_is_refused_conflict(w):
    survey = await open_survey(w)
    answered, response = await handlers.answer_survey(w.ports, MOTHER, survey.id, GOOD)
    assert answered.response_count == 1
    assert response.household_id == "ha"
    assert response.respondent_id == "mother"
    assert response.answers[3].text == "The pipe on Harbin Road leaks"
    with pytest.raises(Conflict) as refused:
        await handlers.answer_survey(w.ports, SON, survey.id, GOOD)
    assert refused.value.extensions["field"] == "surveyId"
    with pytest.raises(Conflict):
        await handlers.answer_survey(w.ports, MOTHER, survey.id, GOOD)
    stored = await w.ports.surveys.get(survey.id)
    assert stored is not None
    assert stored.response_count == 1
    assert len(await w.ports.responses.of_survey(survey.id)) == 1
    assert await handlers.has_answered(w.ports, SON, stored)
    assert not await handlers.has_answered(w.ports, NEIGHBOUR, stored)


async def test_a_survey_per_person_takes_one_answer_from_each_member(w):
    survey = await open_survey(w, respondents=Respondents.PERSON)
    await handlers.answer_survey(w.ports, MOTHER, survey.id, GOOD)
    await handlers.answer_survey(w.ports, SON, survey.id, GOOD)
    await handlers.answer_survey(w.ports, LODGER, survey.id, GOOD)
    with pytest.raises(Conflict):
        await handlers.answer_survey(w.ports, SON, survey.id, GOOD)


async def test_a_resident_without_a_household_cannot_answer_for_one(w):
    survey = await open_survey(w)
    with pytest.raises(Forbidden):
        await handlers.answer_survey(w.ports, LODGER, survey.id, GOOD)


async def test_answering_a_closed_survey_is_refused(w):
    survey = await open_survey(w)
    await handlers.close_survey(w.ports, STAFF, survey.id)
    with pytest.raises(InvalidTransition):
        await handlers.answer_survey(w.ports, MOTHER, survey.id, GOOD)
    assert await w.ports.responses.of_survey(survey.id) == []


async def test_answering_after_the_close_date_is_refused_even_before_the_sweep(w):
    survey = await open_survey(w, closes_on=TODAY)
    w.world.now[0] = survey.closes_at
    with pytest.raises(InvalidTransition):
        await handlers.answer_survey(w.ports, MOTHER, survey.id, GOOD)


async def test_answering_a_draft_or_before_the_opening_day_is_refused(w):
    draft = await handlers.create_survey(w.ports, STAFF, create())
    with pytest.raises(NotFound):  # residents do not see drafts
        await handlers.answer_survey(w.ports, MOTHER, draft.id, GOOD)
    later = await open_survey(w, opens_on=TODAY + timedelta(days=1))
    with pytest.raises(InvalidTransition):
        await handlers.answer_survey(w.ports, MOTHER, later.id, GOOD)


@pytest.mark.parametrize(
    "answers",
    [
        (Answer("q1", choices=(0, 1)), *GOOD[1:]),  # two choices on a single choice
        (Answer("q1", choices=(2,)), *GOOD[1:]),  # no such option
        (Answer("q1", scale=3), *GOOD[1:]),  # a number for a choice
        (GOOD[0], Answer("q2", choices=(1, 1)), *GOOD[2:]),  # the same option twice
        (*GOOD[:2], Answer("q3", scale=6), GOOD[3]),  # off the scale
        (*GOOD[:2], Answer("q3", text="four"), GOOD[3]),  # text for a scale
        (*GOOD[:3], Answer("q4", choices=(0,))),  # a choice for free text
        (*GOOD[:3], Answer("q4", text="x" * 2001)),  # too long
        GOOD[1:],  # a required question left out
        (*GOOD, Answer("q1", choices=(1,))),  # answered twice
        (*GOOD, Answer("q9", text="?")),  # no such question
    ],
    ids=[
        "two-for-single",
        "no-option",
        "scale-for-choice",
        "same-twice",
        "off-scale",
        "text-for-scale",
        "choice-for-text",
        "too-long",
        "missing",
        "twice",
        "unknown",
    ],
)
async def test_wrong_answer_shapes_are_refused_bad_user_input_and_change_nothing(w, answers):
    survey = await open_survey(w)
    with pytest.raises(BadUserInput) as refused:
        await handlers.answer_survey(w.ports, MOTHER, survey.id, answers)
    assert refused.value.extensions["field"] == "answers"
    assert await w.ports.responses.of_survey(survey.id) == []
    stored = await w.ports.surveys.get(survey.id)
    assert stored is not None
    assert stored.response_count == 0


async def test_optional_questions_may_be_left_out(w):
    survey = await open_survey(w)
    _, response = await handlers.answer_survey(w.ports, MOTHER, survey.id, GOOD[:3])
    assert [a.question_id for a in response.answers] == ["q1", "q2", "q3"]


@pytest.mark.parametrize(
    "caller", [OUTSIDER, OTHER_STAFF, STAFF], ids=["outsider", "staff2", "staff"]
)
async def test_only_residents_of_the_unit_answer(w, caller):
    survey = await open_survey(w)
    with pytest.raises((Forbidden, NotFound)):
        await handlers.answer_survey(w.ports, caller, survey.id, GOOD)


async def test_a_resident_of_another_community_gets_not_found(w):
    survey = await open_survey(w)
    with pytest.raises(NotFound):
        await handlers.survey(w.ports, OUTSIDER, survey.id)
    with pytest.raises(NotFound):
        await handlers.results(w.ports, OUTSIDER, survey.id)
    with pytest.raises(NotFound):
        await handlers.answer_survey(w.ports, OUTSIDER, survey.id, GOOD)
    with pytest.raises(Forbidden):
        await handlers.surveys_of_unit(w.ports, OUTSIDER, SurveyQuery("c1"), 10, None)


# --- anonymity -----------------------------------------------------------------------------


async def test_an_anonymous_survey_stores_no_respondent_and_still_refuses_a_second_answer(w):
    survey = await open_survey(w, anonymous=True)
    _, response = await handlers.answer_survey(w.ports, MOTHER, survey.id, GOOD)
    assert response.respondent_id is None
    assert response.household_id is None
    assert response.at is None
    # The key is one-way: neither the household nor the person id is in it.
    assert "ha" not in response.respondent_key
    assert "mother" not in response.respondent_key
    assert response.respondent_key == domain.respondent_key(survey.salt, "ha")
    assert response.respondent_key != domain.respondent_key("", "ha")
    with pytest.raises(Conflict):
        await handlers.answer_survey(w.ports, SON, survey.id, GOOD)
    results = await handlers.results(w.ports, STAFF, survey.id)
    texts = results.questions[3].texts
    assert [t.text for t in texts] == ["The pipe on Harbin Road leaks"]
    assert all(t.respondent_id is None for t in texts)


async def test_free_texts_name_the_respondent_only_when_not_anonymous(w):
    survey = await open_survey(w)
    await handlers.answer_survey(w.ports, MOTHER, survey.id, GOOD)
    results = await handlers.results(w.ports, STAFF, survey.id)
    assert [t.respondent_id for t in results.questions[3].texts] == ["mother"]


# --- results -------------------------------------------------------------------------------


async def test_results_count_answers_and_response_rates_by_unit(w):
    survey = await open_survey(w)
    await handlers.answer_survey(w.ports, MOTHER, survey.id, GOOD)
    await handlers.answer_survey(
        w.ports,
        NEIGHBOUR,
        survey.id,
        (Answer("q1", choices=(1,)), Answer("q2", choices=(1,)), Answer("q3", scale=1)),
    )
    results = await handlers.results(w.ports, STAFF, survey.id)
    assert results.responses == 2
    q1, q2, q3, q4 = results.questions
    assert q1.option_counts == (1, 1)
    assert q2.option_counts == (0, 2, 1)
    assert q3.scale_counts == (1, 0, 0, 1, 0)
    assert q3.scale_mean == 2.5
    assert q4.answered == 1
    rates = {u.unit_id: (u.responses, u.eligible, u.response_rate) for u in results.units}
    # c1 has three households (ha, hb, hc); g1 one (ha), g2 two (hb, hc).
    assert rates == {"c1": (2, 3, 0.6667), "g1": (1, 1, 1.0), "g2": (1, 2, 0.5)}
    assert next(u.unit_id for u in results.units) == "c1"


async def test_residents_see_results_once_closed_and_never_the_free_texts(w):
    survey = await open_survey(w)
    await handlers.answer_survey(w.ports, MOTHER, survey.id, GOOD)
    with pytest.raises(Forbidden):
        await handlers.results(w.ports, NEIGHBOUR, survey.id)
    await handlers.close_survey(w.ports, STAFF, survey.id)
    results = await handlers.results(w.ports, NEIGHBOUR, survey.id)
    assert not results.texts_shown
    assert results.questions[3].answered == 1
    assert results.questions[3].texts == ()


# --- closing -------------------------------------------------------------------------------


async def test_closing_publishes_survey_closed_once(w):
    survey = await open_survey(w)
    await handlers.answer_survey(w.ports, MOTHER, survey.id, GOOD)
    closed = await handlers.close_survey(w.ports, STAFF, survey.id)
    assert closed.status is SurveyStatus.CLOSED
    assert closed.closed_by == "staff"
    [event] = [e for e in w.uow.published if e.type == "survey.closed"]
    data = SurveyClosed.model_validate(event.data)
    assert data.survey_id == survey.id
    assert data.responses == 1
    assert data.closed_by == "staff"
    assert data.org_unit_path == ("d1", "s1", "c1")
    with pytest.raises(InvalidTransition):
        await handlers.close_survey(w.ports, STAFF, survey.id)
    assert w.uow.published_types().count("survey.closed") == 1


async def test_only_staff_close_and_reopening_is_refused(w):
    survey = await open_survey(w)
    with pytest.raises(Forbidden):
        await handlers.close_survey(w.ports, MOTHER, survey.id)
    await handlers.close_survey(w.ports, STAFF, survey.id)
    with pytest.raises(InvalidTransition):
        await handlers.open_survey(w.ports, STAFF, survey.id)


async def test_the_sweep_closes_surveys_at_their_close_date_once(w):
    due = await open_survey(w, closes_on=TODAY)
    later = await open_survey(w)
    assert (await handlers.close_due(w.ports)).closed == 0
    w.world.now[0] = due.closes_at + timedelta(minutes=1)
    assert (await handlers.close_due(w.ports)).closed == 1
    assert (await handlers.close_due(w.ports)).closed == 0
    stored = await w.ports.surveys.get(due.id)
    assert stored is not None
    assert stored.status is SurveyStatus.CLOSED
    assert stored.closed_by is None
    still = await w.ports.surveys.get(later.id)
    assert still is not None
    assert still.status is SurveyStatus.OPEN
    assert w.uow.published_types().count("survey.closed") == 1


# --- agenda --------------------------------------------------------------------------------


async def test_results_attach_to_an_agenda_item_of_the_units_meeting(w):
    survey = await open_survey(w)
    meeting = await meetings.schedule_meeting(
        w.world.ports,
        STAFF,
        meetings.ScheduleMeeting(
            org_unit_id="c1",
            kind=MeetingKind.DISCUSSION_DAY,
            title="Friday discussion day",
            starts_at=w.world.now[0] + timedelta(days=7),
        ),
    )
    _, item_id = await meetings.add_agenda_item(
        w.world.ports, STAFF, meeting.id, "Which project first", ""
    )
    with pytest.raises(Forbidden):
        await handlers.attach_to_agenda_item(w.ports, MOTHER, meeting.id, item_id, survey.id)
    updated = await handlers.attach_to_agenda_item(w.ports, STAFF, meeting.id, item_id, survey.id)
    assert updated.item(item_id).survey_id == survey.id
    other = await handlers.create_survey(w.ports, OTHER_STAFF, create(org_unit_id="c2"))
    with pytest.raises(NotFound):  # STAFF of c1 may not see c2's draft
        await handlers.attach_to_agenda_item(w.ports, STAFF, meeting.id, item_id, other.id)
