"""Attackers try to bend a cost-sharing plan: pledging a negative amount, pledging for another
household, a resident of another community reading or pledging, and an anonymous caller."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.abuse._attacker import Attacker, refused
from tests.abuse._cases import person_id, unit_id
from tests.abuse._participation import (
    HE_QIN,
    SHI_KAI,
    TANG_LI,
    ZHAO_GANG,
    ZHOU_MIN,
    household_of,
)

CREATE = """mutation($input: CreateCostSharePlanInput!) {
  createCostSharePlan(input: $input) { plan { id } } }"""
# The demo's community by its name (the demo is in Chinese).
TAOHUAJING = "桃花井社区"
PLEDGE = """mutation($input: PledgeInput!) { pledge(input: $input) { plan { pledgedFen } } }"""
READ = """query($id: ID!) { costSharePlan(id: $id) { id totalFen pledgedFen
  households { household { id } pledgedFen } } }"""


async def plan_for_two_households(attacker: Attacker) -> tuple[str, str, str]:
    """Zhou Min draws up a plan at Taohuajing for He Qin's and Tang Li's households; the plan's
    and the two households' ids."""
    staff = attacker.token(ZHOU_MIN)
    community = await unit_id(attacker, staff, TAOHUAJING)
    he_qin = await household_of(attacker, staff, HE_QIN)
    tang_li = await household_of(attacker, staff, TANG_LI)
    variables = {
        "input": {
            "title": "Lane 3 drain repair",
            "totalFen": 90_000,
            "method": "EQUAL",
            "households": [{"householdId": he_qin}, {"householdId": tang_li}],
            "caseId": f"abuse-{person_id(staff)[:6]}-{asyncio.get_running_loop().time()}",
            "orgUnitId": community,
        }
    }
    body = await attacker.graphql(CREATE, variables, token=staff)
    assert "errors" not in body, body
    return str(body["data"]["createCostSharePlan"]["plan"]["id"]), he_qin, tang_li


async def stored(attacker: Attacker, plan_id: str) -> dict[str, Any]:
    doc = await attacker.db("participation")["cost_share_plans"].find_one({"_id": plan_id})
    assert doc is not None
    return dict(doc)


def pledge(plan_id: str, household_id: str, amount: int) -> dict[str, Any]:
    return {"input": {"planId": plan_id, "householdId": household_id, "amountFen": amount}}


async def test_a_negative_or_zero_pledge_is_refused(attacker: Attacker):
    # given a plan He Qin's household is in
    plan_id, he_qin_household, _ = await plan_for_two_households(attacker)
    he_qin = attacker.token(HE_QIN)
    # when she pledges a negative amount (to lower the total others see), and zero
    negative = await attacker.graphql(
        PLEDGE, pledge(plan_id, he_qin_household, -50_000), token=he_qin
    )
    zero = await attacker.graphql(PLEDGE, pledge(plan_id, he_qin_household, 0), token=he_qin)
    # then both are refused and nothing is recorded
    assert refused(negative, "BAD_USER_INPUT")
    assert refused(zero, "BAD_USER_INPUT")
    doc = await stored(attacker, plan_id)
    assert doc["pledges"] == []
    assert len(doc["audit"]) == 1


async def test_a_member_cannot_pledge_for_another_household(attacker: Attacker):
    # given a plan for He Qin's and Tang Li's households
    plan_id, _, tang_li_household = await plan_for_two_households(attacker)
    # when He Qin pledges in Tang Li's name, and Shi Kai (a neighbour not in the plan) does too
    for phone in (HE_QIN, SHI_KAI):
        body = await attacker.graphql(
            PLEDGE, pledge(plan_id, tang_li_household, 1_000), token=attacker.token(phone)
        )
        # then they are refused
        assert refused(body, "FORBIDDEN")
    assert (await stored(attacker, plan_id))["pledges"] == []


async def test_a_resident_of_another_community_can_neither_read_nor_pledge(attacker: Attacker):
    # given a plan at Taohuajing
    plan_id, he_qin_household, _ = await plan_for_two_households(attacker)
    zhao_gang = attacker.token(ZHAO_GANG)  # lives in another community
    # when he reads it and pledges to it
    read = await attacker.graphql(READ, {"id": plan_id}, token=zhao_gang)
    own = await household_of(attacker, zhao_gang, ZHAO_GANG)
    pledged = await attacker.graphql(PLEDGE, pledge(plan_id, own, 1_000), token=zhao_gang)
    spoofed = await attacker.graphql(
        PLEDGE, pledge(plan_id, he_qin_household, 1_000), token=zhao_gang
    )
    # then the plan is as if it did not exist to him
    assert refused(read, "NOT_FOUND")
    assert (read.get("data") or {}).get("costSharePlan") is None
    assert refused(pledged, "NOT_FOUND")
    assert refused(spoofed, "NOT_FOUND")
    assert (await stored(attacker, plan_id))["pledges"] == []


async def test_an_anonymous_caller_can_neither_read_pledge_nor_draw_up(attacker: Attacker):
    # given a plan
    plan_id, he_qin_household, _ = await plan_for_two_households(attacker)
    before = await attacker.db("participation")["cost_share_plans"].count_documents({})
    # when someone without a token reads it, pledges to it and draws one up
    read = await attacker.graphql(READ, {"id": plan_id})
    pledged = await attacker.graphql(PLEDGE, pledge(plan_id, he_qin_household, 1_000))
    created = await attacker.graphql(
        CREATE,
        {
            "input": {
                "title": "Anything",
                "totalFen": 1,
                "method": "PLEDGED",
                "households": [{"householdId": he_qin_household}],
                "caseId": "anonymous",
                "orgUnitId": "anything",
            }
        },
    )
    # then each is refused as unauthenticated and nothing changes
    for body in (read, pledged, created):
        assert refused(body, "UNAUTHENTICATED")
    assert await attacker.db("participation")["cost_share_plans"].count_documents({}) == before
    assert (await stored(attacker, plan_id))["pledges"] == []
