"""Helpers of the survey abuse tests: a Three Questions survey at Taohuajing, drafted and opened
by its community staff, with the demo's cast (tests/abuse/_participation.py)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from grassroots_kit.business_time import DEFAULT_ZONE, business_date

from tests.abuse._attacker import Attacker
from tests.abuse._cases import unit_id
from tests.abuse._participation import ZHOU_MIN

CREATE = (
    """mutation($input: CreateSurveyInput!) { createSurvey(input: $input) { survey { id } } }"""
)
OPEN = """mutation($input: SurveyIdInput!) { openSurvey(input: $input) { survey { status } } }"""
CLOSE = """mutation($input: SurveyIdInput!) { closeSurvey(input: $input) { survey { status } } }"""
ANSWER = """mutation($input: AnswerSurveyInput!) {
  answerSurvey(input: $input) { survey { responseCount } } }"""
SURVEY = """query($id: ID!) { survey(id: $id) { id title status } }"""
RESULTS = """query($id: ID!) { survey(id: $id) { id results { responses freeTextsShown
  questions { answered freeTexts { text respondent { id } } } units { responses eligible } } } }"""
UNIT_SURVEYS = """query($id: ID!) { orgUnit(id: $id) { id
  surveys(first: 10) { totalCount edges { node { id } } } } }"""
SECRET = "The pipe behind Room 201 leaks again"
TAOHUAJING = "桃花井社区"  # the demo's community (scripts/demo/people_cast.py), named in Chinese


async def three_questions(attacker: Attacker, *, anonymous: bool = False) -> str:
    """Zhou Min drafts and opens a survey of Taohuajing's households; its id."""
    staff = attacker.token(ZHOU_MIN)
    community = await unit_id(attacker, staff, TAOHUAJING)
    today = business_date(datetime.now(UTC), DEFAULT_ZONE)
    variables = {
        "input": {
            "orgUnitId": community,
            "title": "Three Questions",
            "opensOn": today.isoformat(),
            "closesOn": (today + timedelta(days=30)).isoformat(),
            "anonymous": anonymous,
            "questions": [
                {"kind": "SINGLE_CHOICE", "text": "Which first?", "options": ["Parking", "Lifts"]},
                {"kind": "FREE_TEXT", "text": "What troubles you?", "required": False},
            ],
        }
    }
    body = await attacker.graphql(CREATE, variables, token=staff)
    assert "errors" not in body, body
    survey_id = str(body["data"]["createSurvey"]["survey"]["id"])
    opened = await attacker.graphql(OPEN, {"input": {"surveyId": survey_id}}, token=staff)
    assert "errors" not in opened, opened
    return survey_id


def answers(survey_id: str, text: str | None = SECRET) -> dict[str, Any]:
    given: list[dict[str, Any]] = [{"questionId": "q1", "choices": [0]}]
    if text is not None:
        given.append({"questionId": "q2", "text": text})
    return {"input": {"surveyId": survey_id, "answers": given}}


async def answer_once_known(attacker: Attacker, token: str, variables: dict[str, Any]) -> None:
    """Answer, waiting until participation's projection of people knows the resident."""
    deadline = asyncio.get_running_loop().time() + 60
    while True:
        body = await attacker.graphql(ANSWER, variables, token=token)
        if "errors" not in body:
            return
        assert asyncio.get_running_loop().time() < deadline, body
        await asyncio.sleep(0.5)


async def responses(attacker: Attacker, survey_id: str) -> list[dict[str, Any]]:
    found = attacker.db("participation")["survey_responses"].find({"surveyId": survey_id})
    return [dict(doc) async for doc in found]
