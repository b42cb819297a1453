"""Text search of cases (issue 18 B) reveals nothing the list would not: searching a
neighbour's private words, a resident of the same block, an anonymous caller and another
district's admin find nothing (the reporter does, so the search works)."""

from __future__ import annotations

import json
import uuid

import pytest

from tests.abuse._attacker import Attacker
from tests.abuse._cases import (
    NORTH_GATE,
    SHI_KAI,
    ZHAO_MIN,
    eventually,
    report,
    unit_id,
)

pytestmark = pytest.mark.e2e

SUN_JIE = "13800000002"  # district admin of Shibei; the case is in Wangcheng

SEARCH = """query($f: CaseFilter) { cases(filter: $f, first: 50) {
  totalCount edges { node { id title description } } } }"""


async def _neighbours_case(attacker: Attacker) -> tuple[str, str]:
    """Zhao Min reports a blocked drain with a word nobody else wrote; the case and the word."""
    victim = attacker.token(ZHAO_MIN)
    word = f"暗号{uuid.uuid4().hex[:8]}"
    reported = await report(
        attacker,
        victim,
        title="北门下水道堵塞",
        description=f"我家在3-201，{word}，晚上九点后联系",
        category="SEWAGE_WATER",
        orgUnitId=await unit_id(attacker, victim, NORTH_GATE),
    )
    case_id: str = reported["case"]["id"]

    async def searchable() -> bool:  # the victim finds it: the search itself works
        body = await attacker.graphql(SEARCH, {"f": {"text": word}}, token=victim)
        return [e["node"]["id"] for e in body["data"]["cases"]["edges"]] == [case_id]

    await eventually(searchable)
    return case_id, word


@pytest.mark.parametrize("who", [SHI_KAI, None, SUN_JIE], ids=["resident", "anonymous", "admin"])
async def test_searching_a_neighbours_private_words_finds_nothing(
    attacker: Attacker, who: str | None
):
    # a resident of the same block, an anonymous caller, another district's admin
    case_id, word = await _neighbours_case(attacker)

    body = await attacker.graphql(
        SEARCH, {"f": {"text": word}}, token=attacker.token(who) if who else None
    )

    assert body["data"]["cases"] == {"totalCount": 0, "edges": []}, body
    assert case_id not in json.dumps(body)
