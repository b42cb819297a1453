"""District admins who try to rewrite the platform-wide point economy (issue 16, finding 11)."""

from __future__ import annotations

from typing import Any

from tests.abuse._attacker import Attacker, refused
from tests.abuse._earning import CHEN_HUA

SET_RULE = """mutation($i: SetPointRuleInput!) { setPointRule(input: $i) { pointRule { id } } }"""
DELETE_RULE = """mutation($i: DeletePointRuleInput!) {
  deletePointRule(input: $i) { pointRule { id } } }"""
REPROCESS = """mutation { reprocessEvents(input: {confirm: true}) { events entries } }"""


async def _rules(attacker: Attacker) -> list[dict[str, Any]]:
    return [doc async for doc in attacker.db("points")["rules"].find({}).sort("_id", 1)]


async def test_district_admin_cannot_rewrite_the_point_rules(attacker: Attacker):
    # Chen Hua, Wangcheng's district admin, makes every visit worth 1,000 points.
    token = attacker.token(CHEN_HUA)
    before = await _rules(attacker)
    assert before, "the demo sets point rules"

    raised = await attacker.graphql(
        SET_RULE, {"i": {"eventType": "visit.logged", "points": 1000}}, token=token
    )
    deleted = await attacker.graphql(DELETE_RULE, {"i": {"id": before[0]["_id"]}}, token=token)

    assert refused(raised, "FORBIDDEN")
    assert refused(deleted, "FORBIDDEN")
    assert raised.get("data") is None
    assert await _rules(attacker) == before


async def test_district_admin_cannot_replay_all_events_under_the_rules(attacker: Attacker):
    token = attacker.token(CHEN_HUA)
    ledger = attacker.db("points")["ledger"]
    before = await ledger.count_documents({})

    body = await attacker.graphql(REPROCESS, token=token)

    assert refused(body, "FORBIDDEN")
    assert body.get("data") is None
    assert await ledger.count_documents({}) == before
