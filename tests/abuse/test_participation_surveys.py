"""Attackers try to sway or read a survey: answering twice for one household, a resident of
another community answering or reading results, anyone finding out who wrote what in an
anonymous survey."""

from __future__ import annotations

from tests.abuse._attacker import Attacker, refused
from tests.abuse._cases import person_id, unit_id
from tests.abuse._participation import HE_QIN, TANG_LI, ZHAO_GANG, ZHOU_MIN
from tests.abuse._surveys import (
    ANSWER,
    CLOSE,
    RESULTS,
    SECRET,
    SURVEY,
    TAOHUAJING,
    UNIT_SURVEYS,
    answer_once_known,
    answers,
    responses,
    three_questions,
)


async def test_a_household_cannot_answer_twice(attacker: Attacker):
    # given an open survey He Qin has answered for her household
    survey_id = await three_questions(attacker)
    he_qin = attacker.token(HE_QIN)
    await answer_once_known(attacker, he_qin, answers(survey_id))
    # when she answers again, differently
    again = await attacker.graphql(ANSWER, answers(survey_id, "changed my mind"), token=he_qin)
    # then she is refused and the one stored answer is the first
    assert refused(again, "CONFLICT")
    [stored] = await responses(attacker, survey_id)
    assert stored["answers"][1]["text"] == SECRET


async def test_resident_of_another_community_cannot_answer_or_read_results(attacker: Attacker):
    # given an open survey at Taohuajing
    survey_id = await three_questions(attacker)
    await answer_once_known(attacker, attacker.token(TANG_LI), answers(survey_id))
    zhao = attacker.token(ZHAO_GANG)  # lives in Yichun Road Community
    community = await unit_id(attacker, attacker.token(ZHOU_MIN), TAOHUAJING)
    # when Zhao Gang answers it, reads it, its results and Taohuajing's surveys
    answer = await attacker.graphql(ANSWER, answers(survey_id, "from outside"), token=zhao)
    read = await attacker.graphql(SURVEY, {"id": survey_id}, token=zhao)
    results = await attacker.graphql(RESULTS, {"id": survey_id}, token=zhao)
    listing = await attacker.graphql(UNIT_SURVEYS, {"id": community}, token=zhao)
    anonymous = await attacker.graphql(ANSWER, answers(survey_id, "no token"))
    # then he is told it does not exist, the list is refused, and only Tang Li's answer is stored
    assert refused(answer, "NOT_FOUND")
    assert refused(read, "NOT_FOUND")
    assert refused(results, "NOT_FOUND")
    assert results["data"]["survey"] is None
    assert refused(listing, "FORBIDDEN")
    assert listing["data"]["orgUnit"]["surveys"] is None
    assert refused(anonymous, "UNAUTHENTICATED")
    assert [r["answers"][1]["text"] for r in await responses(attacker, survey_id)] == [SECRET]


async def test_anonymous_survey_results_never_reveal_a_respondent(attacker: Attacker):
    # given an anonymous survey He Qin answered with a free text
    survey_id = await three_questions(attacker, anonymous=True)
    he_qin = attacker.token(HE_QIN)
    await answer_once_known(attacker, he_qin, answers(survey_id))
    staff = attacker.token(ZHOU_MIN)
    # when the community staff read the results, before and after closing, and a neighbour too
    before = await attacker.graphql(RESULTS, {"id": survey_id}, token=staff)
    closed = await attacker.graphql(CLOSE, {"input": {"surveyId": survey_id}}, token=staff)
    after = await attacker.graphql(RESULTS, {"id": survey_id}, token=staff)
    neighbour = await attacker.graphql(RESULTS, {"id": survey_id}, token=attacker.token(TANG_LI))
    # then staff see the text without its writer, the neighbour sees counts only
    assert "errors" not in closed, closed
    for body in (before, after):
        assert "errors" not in body, body
        texts = body["data"]["survey"]["results"]["questions"][1]["freeTexts"]
        assert texts == [{"text": SECRET, "respondent": None}]
    shown = neighbour["data"]["survey"]["results"]
    assert shown["freeTextsShown"] is False
    assert shown["questions"][1] == {"answered": 1, "freeTexts": []}
    # and nothing stored names her, her household or when she answered
    [stored] = await responses(attacker, survey_id)
    assert set(stored) == {"_id", "surveyId", "respondentKey", "homeUnitPath", "answers"}
    her_id = person_id(he_qin)
    assert her_id not in str(stored)
    # nor does the event that announced the close
    events = attacker.db("participation")["outbox"].find({"type": "survey.closed"})
    assert all(her_id not in str(doc) for doc in [d async for d in events])
