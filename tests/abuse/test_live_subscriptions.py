"""Live updates, attacked through the gateway: an anonymous caller, people of another community
subscribing to Taohuajing's cases and board, a resident hoping to overhear a neighbour's case,
and one person flooding the service with subscriptions."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from typing import Any

from tests.abuse._attacker import Attacker, error_codes
from tests.abuse._cases import NORTH_GATE, SHI_KAI, ZHAO_MIN, person_id, report, unit_id
from tests.support.live import Subscription, subscribe

LUO_QING = "13900000115"  # resident of Jingchengyuan Building 5 (Lukou)
TAN_ZHI = "13900000122"  # party secretary of Jingchengyuan Community (Lukou)
TAOHUAJING = "桃花井社区"
PER_PERSON = 16  # grassroots_kit.live.hub.DEFAULT_PER_PERSON

CASE_CHANGED = """subscription($unit: ID!) { caseChanged(orgUnitId: $unit) {
  eventType caseId case { id description reporter { id } } } }"""
BOARD_CHANGED = """subscription($unit: ID!) { orderBoardChanged(orgUnitId: $unit) {
  eventType caseId case { id description } } }"""


async def _taohuajing(attacker: Attacker) -> str:
    return await unit_id(attacker, attacker.token(ZHAO_MIN), TAOHUAJING)


async def _first(subscription: Subscription) -> dict[str, Any]:
    return await subscription.next(timeout=30)


async def test_anonymous_caller_cannot_subscribe_to_a_communitys_cases(attacker: Attacker):
    unit = await _taohuajing(attacker)

    async with subscribe(attacker.gateway_url, CASE_CHANGED, {"unit": unit}) as live:
        result = await _first(live)

    assert error_codes(result) == {"UNAUTHENTICATED"}
    assert not (result.get("data") or {}).get("caseChanged")


async def test_resident_of_another_community_cannot_subscribe_to_its_cases(attacker: Attacker):
    unit = await _taohuajing(attacker)
    outsider = attacker.token(LUO_QING)

    async with subscribe(
        attacker.gateway_url, CASE_CHANGED, {"unit": unit}, token=outsider
    ) as live:
        result = await _first(live)

    assert error_codes(result) == {"FORBIDDEN"}


async def test_staff_of_another_community_cannot_watch_its_order_board(attacker: Attacker):
    unit = await _taohuajing(attacker)
    outsider = attacker.token(TAN_ZHI)

    async with subscribe(
        attacker.gateway_url, BOARD_CHANGED, {"unit": unit}, token=outsider
    ) as live:
        result = await _first(live)

    assert error_codes(result) == {"FORBIDDEN"}


async def _report_as(attacker: Attacker, phone: str, title: str) -> str:
    token = attacker.token(phone)
    reported = await report(
        attacker,
        token,
        title=title,
        category="INFRASTRUCTURE",
        orgUnitId=await unit_id(attacker, token, NORTH_GATE),
    )
    return str(reported["case"]["id"])


async def test_resident_subscribed_to_her_community_does_not_overhear_a_neighbours_case(
    attacker: Attacker,
):
    # given Zhao Min watching her own community, live (her own probe came through)
    unit = await _taohuajing(attacker)
    zhao = attacker.token(ZHAO_MIN)
    async with subscribe(attacker.gateway_url, CASE_CHANGED, {"unit": unit}, token=zhao) as live:
        for _ in range(30):
            probe = await _report_as(attacker, ZHAO_MIN, f"Probe {uuid.uuid4().hex[:6]}")
            with contextlib.suppress(TimeoutError):
                while (await live.next(timeout=1))["data"]["caseChanged"]["caseId"] != probe:
                    pass
                break

        # when her neighbour Shi Kai reports a case, then she reports another
        secret = await _report_as(attacker, SHI_KAI, "Neighbour's private complaint")
        hers = await _report_as(attacker, ZHAO_MIN, "My own broken railing")

        # then the next change she receives is her own case: the neighbour's never came
        result = await _first(live)
    assert "errors" not in result, result
    change = result["data"]["caseChanged"]
    assert change["caseId"] == hers != secret
    assert change["case"]["reporter"] == {"id": person_id(zhao)}


async def test_one_person_cannot_open_more_subscriptions_than_the_cap(attacker: Attacker):
    # given Zhao Min opening four more subscriptions than one person may hold
    unit = await _taohuajing(attacker)
    zhao = attacker.token(ZHAO_MIN)
    async with contextlib.AsyncExitStack() as stack:
        opened = [
            await stack.enter_async_context(
                subscribe(attacker.gateway_url, CASE_CHANGED, {"unit": unit}, token=zhao)
            )
            for _ in range(PER_PERSON + 4)
        ]
        # when she reports cases until every subscription has answered once
        answers: list[dict[str, Any] | None] = [None] * len(opened)
        for _ in range(30):
            await _report_as(attacker, ZHAO_MIN, f"Flood probe {uuid.uuid4().hex[:6]}")
            await asyncio.sleep(0.5)
            for i, live in enumerate(opened):
                if answers[i] is None and not live.results.empty():
                    answers[i] = live.results.get_nowait()
            if all(answers):
                break

    # then the four beyond the cap were refused, and only the others stream
    assert all(answers), answers
    refused = [a for a in answers if a and "errors" in a]
    assert len(refused) == 4, answers
    assert all(error_codes(a) == {"RATE_LIMITED"} for a in refused)
