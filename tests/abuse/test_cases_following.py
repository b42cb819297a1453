"""Attacks on following and "me too": a stranger to a case cannot follow it (and so learn when
it moves) or inflate its "me too" count, and nobody says "me too" twice."""

from __future__ import annotations

from typing import Any

from tests.abuse._attacker import Attacker
from tests.abuse._cases import ZHAO_MIN, person_id, report, unit_id

ZHAO_GANG = "13800000020"  # lives in Yichun Road Community (Shibei): another community
ME_TOO = """mutation($i: FollowCaseInput!) { addMeToo(input: $i) { meTooCount followerCount } }"""
FOLLOW = """mutation($i: FollowCaseInput!) { followCase(input: $i) { followerCount } }"""


async def _zhaos_case(attacker: Attacker) -> dict[str, Any]:
    token = attacker.token(ZHAO_MIN)
    unit = await unit_id(attacker, token, "桃花井北门1栋")
    reported = await report(
        attacker, token, title="Following: stairwell light out", category="INFRASTRUCTURE",
        orgUnitId=unit,
    )  # fmt: skip
    case: dict[str, Any] = reported["case"]
    return case


def _code(body: dict[str, Any]) -> str:
    assert body.get("errors"), body
    return str(body["errors"][0]["extensions"]["code"])


async def test_resident_of_another_community_cannot_follow_or_me_too_a_case(attacker: Attacker):
    case = await _zhaos_case(attacker)
    stranger = attacker.token(ZHAO_GANG)

    for mutation in (FOLLOW, ME_TOO):
        body = await attacker.graphql(mutation, {"i": {"caseId": case["id"]}}, token=stranger)
        assert _code(body) == "NOT_FOUND"
    follows = attacker.db("cases")["case_follows"]
    assert await follows.count_documents({"caseId": case["id"]}) == 0
    outbox = attacker.db("cases")["outbox"]
    assert (
        await outbox.count_documents({"type": "case.followed", "body": {"$regex": case["id"]}}) == 0
    )


async def test_anonymous_caller_cannot_follow_a_case(attacker: Attacker):
    case = await _zhaos_case(attacker)
    body = await attacker.graphql(FOLLOW, {"i": {"caseId": case["id"]}})
    assert _code(body) == "UNAUTHENTICATED"
    assert await attacker.db("cases")["case_follows"].count_documents({"caseId": case["id"]}) == 0


async def test_resident_cannot_count_their_me_too_twice_or_on_their_own_case(attacker: Attacker):
    case = await _zhaos_case(attacker)
    reporter = attacker.token(ZHAO_MIN)

    body = await attacker.graphql(ME_TOO, {"i": {"caseId": case["id"]}}, token=reporter)
    assert _code(body) == "CONFLICT"
    staff = attacker.token("13800000014")  # community staff of Taohuajing: may see it
    first = await attacker.graphql(ME_TOO, {"i": {"caseId": case["id"]}}, token=staff)
    assert first["data"]["addMeToo"]["meTooCount"] == 1
    again = await attacker.graphql(ME_TOO, {"i": {"caseId": case["id"]}}, token=staff)
    assert _code(again) == "CONFLICT"
    follows = attacker.db("cases")["case_follows"]
    assert await follows.count_documents({"caseId": case["id"], "meToo": True}) == 1
    assert person_id(staff) != person_id(reporter)
