"""Surveys on a real MongoDB and RabbitMQ: one response per household held by a unique index
(also under concurrent answers), anonymity in what is stored, results with response rates, and
`survey.closed` through the outbox once."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from grassroots_contracts.survey_events import SurveyClosed
from grassroots_kit.business_time import DEFAULT_ZONE, business_date
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_participation.adapters.surveys import RESPONSES, SURVEYS
from grassroots_participation.domain.surveys import SurveyStatus
from grassroots_participation.handlers import surveys as handlers
from grassroots_participation.handlers.composition import compose, compose_surveys

from tests.participation.helpers import C1, C1_STAFF, C2, Participation

STAFF = {"as_person": "staff-c1", "grants": (C1_STAFF,)}
G1 = [*C1, "g1"]

CREATE = """mutation($input: CreateSurveyInput!) {
  createSurvey(input: $input) { survey { id status opensOn closesOn anonymous respondents
    questions { id kind options scaleMin scaleMax } } } }"""
OPEN = """mutation($input: SurveyIdInput!) { openSurvey(input: $input) { survey { id status } } }"""
CLOSE = """mutation($input: SurveyIdInput!) {
  closeSurvey(input: $input) { survey { id status closedAt responseCount } } }"""
ANSWER = """mutation($input: AnswerSurveyInput!) {
  answerSurvey(input: $input) { survey { id responseCount answered } } }"""
RESULTS = """query($id: ID!) { survey(id: $id) { id status results { responses freeTextsShown
  questions { answered options { index option count } scale { value count } scaleMean
    freeTexts { text respondent { id } } }
  units { orgUnit { id } responses eligible responseRate } } } }"""
UNIT_SURVEYS = """query($reps: [_Any!]!, $filter: SurveyFilter) {
  _entities(representations: $reps) { ... on OrgUnit { id
    surveys(first: 10, filter: $filter) { totalCount edges { node { id status } } } } } }"""

RESIDENTS = [
    ("mother", "ha", G1),
    ("son", "ha", G1),
    ("neighbour", "hb", C1),
    ("third", "hc", C1),
    ("outsider", "ho", C2),
]


def today() -> date:
    """Today in the business time zone (Asia/Shanghai by default)."""
    return business_date(datetime.now(UTC), DEFAULT_ZONE)


def survey_input(**changes: Any) -> dict[str, Any]:
    return {
        "input": {
            "orgUnitId": "c1",
            "title": "Three Questions",
            "opensOn": (today() - timedelta(days=1)).isoformat(),
            "closesOn": (today() + timedelta(days=14)).isoformat(),
            "questions": [
                {"kind": "SINGLE_CHOICE", "text": "Which first?", "options": ["Parking", "Lifts"]},
                {"kind": "SCALE", "text": "How satisfied?", "scaleMin": 1, "scaleMax": 5},
                {"kind": "FREE_TEXT", "text": "Anything else?", "required": False},
            ],
            **changes,
        }
    }


def answers(choice: int = 0, scale: int = 4, text: str | None = "Fix the pipe") -> list[Any]:
    given: list[Any] = [
        {"questionId": "q1", "choices": [choice]},
        {"questionId": "q2", "scale": scale},
    ]
    if text is not None:
        given.append({"questionId": "q3", "text": text})
    return given


async def open_survey(p: Participation, **changes: Any) -> str:
    data = await p.ok(CREATE, survey_input(**changes), **STAFF)
    survey_id = str(data["createSurvey"]["survey"]["id"])
    await p.ok(OPEN, {"input": {"surveyId": survey_id}}, **STAFF)
    return survey_id


def answer(survey_id: str, **kw: Any) -> dict[str, Any]:
    return {"input": {"surveyId": survey_id, "answers": answers(**kw)}}


async def test_one_response_per_household_and_survey_closed_through_the_outbox(participation):
    p = participation
    await p.ladder(RESIDENTS)
    survey_id = await open_survey(p)
    first = await p.ok(ANSWER, answer(survey_id), as_person="mother")
    assert first["answerSurvey"]["survey"] == {
        "id": survey_id,
        "responseCount": 1,
        "answered": True,
    }
    assert await p.refused(ANSWER, answer(survey_id, choice=1), as_person="son") == "CONFLICT"
    await p.ok(ANSWER, answer(survey_id, choice=1, scale=2, text=None), as_person="neighbour")
    assert await p.refused(ANSWER, answer(survey_id), as_person="outsider") == "NOT_FOUND"
    assert await p.refused(ANSWER, answer(survey_id), **STAFF) == "FORBIDDEN"
    bad = {"input": {"surveyId": survey_id, "answers": [{"questionId": "q1", "scale": 3}]}}
    assert await p.refused(ANSWER, bad, as_person="third") == "BAD_USER_INPUT"
    assert await p.db[RESPONSES].count_documents({"surveyId": survey_id}) == 2

    results = (await p.ok(RESULTS, {"id": survey_id}, **STAFF))["survey"]["results"]
    assert results["responses"] == 2
    assert results["freeTextsShown"] is True
    q1, q2, q3 = results["questions"]
    assert [o["count"] for o in q1["options"]] == [1, 1]
    assert q2["scaleMean"] == 3.0
    assert q3["freeTexts"] == [{"text": "Fix the pipe", "respondent": {"id": "mother"}}]
    rates = {u["orgUnit"]["id"]: (u["responses"], u["eligible"]) for u in results["units"]}
    assert rates["c1"] == (2, 3)

    # Residents see results only once closed.
    body = await p.gql(RESULTS, {"id": survey_id}, as_person="neighbour")
    assert body["data"]["survey"]["results"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    closed = await p.ok(CLOSE, {"input": {"surveyId": survey_id}}, **STAFF)
    assert closed["closeSurvey"]["survey"]["status"] == "CLOSED"
    assert await p.refused(ANSWER, answer(survey_id), as_person="third") == "INVALID_TRANSITION"
    assert await p.refused(CLOSE, {"input": {"surveyId": survey_id}}, **STAFF) == (
        "INVALID_TRANSITION"
    )
    [event] = await p.outbox("survey.closed")
    data = SurveyClosed.from_data(CloudEvent.from_json(event["body"]).data)
    assert (data.survey_id, data.responses, data.closed_by) == (survey_id, 2, "staff-c1")
    resident_view = await p.ok(RESULTS, {"id": survey_id}, as_person="neighbour")
    shown = resident_view["survey"]["results"]
    assert shown["freeTextsShown"] is False
    assert shown["questions"][2]["freeTexts"] == []


async def test_the_unique_index_holds_one_response_per_household_under_concurrent_answers(
    participation,
):
    p = participation
    await p.ladder(RESIDENTS)
    indexes = await p.db[RESPONSES].index_information()
    assert indexes["one_response_per_respondent"]["unique"] is True
    survey_id = await open_survey(p)
    bodies = await asyncio.gather(
        *(p.gql(ANSWER, answer(survey_id), as_person=who) for who in ("mother", "son") * 3)
    )
    accepted = [b for b in bodies if not b.get("errors")]
    codes = {b["errors"][0]["extensions"]["code"] for b in bodies if b.get("errors")}
    assert len(accepted) == 1
    assert codes == {"CONFLICT"}
    assert await p.db[RESPONSES].count_documents({"surveyId": survey_id}) == 1
    stored = await p.db[SURVEYS].find_one({"_id": survey_id})
    assert stored["responseCount"] == 1


async def test_an_anonymous_survey_stores_no_respondent(participation):
    p = participation
    await p.ladder(RESIDENTS)
    survey_id = await open_survey(p, anonymous=True)
    await p.ok(ANSWER, answer(survey_id), as_person="mother")
    assert await p.refused(ANSWER, answer(survey_id), as_person="son") == "CONFLICT"
    [doc] = [d async for d in p.db[RESPONSES].find({"surveyId": survey_id})]
    assert set(doc) == {"_id", "surveyId", "respondentKey", "homeUnitPath", "answers"}
    assert "mother" not in str(doc)
    assert "ha" not in doc["respondentKey"]
    results = (await p.ok(RESULTS, {"id": survey_id}, **STAFF))["survey"]["results"]
    assert results["questions"][2]["freeTexts"] == [{"text": "Fix the pipe", "respondent": None}]


async def test_listing_and_the_close_date_sweep(participation):
    p = participation
    await p.ladder(RESIDENTS)
    draft = str((await p.ok(CREATE, survey_input(), **STAFF))["createSurvey"]["survey"]["id"])
    due = await open_survey(p, closesOn=today().isoformat())
    reps = {"reps": [{"__typename": "OrgUnit", "id": "c1"}]}
    staff_view = await p.ok(UNIT_SURVEYS, reps, **STAFF)
    assert staff_view["_entities"][0]["surveys"]["totalCount"] == 2
    resident_view = await p.ok(UNIT_SURVEYS, reps, as_person="mother")
    assert [e["node"]["id"] for e in resident_view["_entities"][0]["surveys"]["edges"]] == [due]
    outsider = await p.gql(UNIT_SURVEYS, reps, as_person="outsider")
    assert outsider["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    drafts = await p.ok(UNIT_SURVEYS, {**reps, "filter": {"statuses": ["DRAFT"]}}, **STAFF)
    assert [e["node"]["id"] for e in drafts["_entities"][0]["surveys"]["edges"]] == [draft]

    # The sweep, as the service runs it, one day after the close date.
    host = p.service.host
    later = datetime.now(UTC) + timedelta(days=2)
    shifted = replace(compose_surveys(host, compose(host)), clock=lambda: later)
    assert (await handlers.close_due(shifted)).closed == 1  # the draft closes in two weeks
    assert (await handlers.close_due(shifted)).closed == 0
    stored = await p.db[SURVEYS].find_one({"_id": due})
    assert stored["status"] == SurveyStatus.CLOSED.value
    assert stored["closedBy"] is None
    assert len(await p.outbox("survey.closed")) == 1
