"""What the earning abuse tests share: the demo cast they use, and looks at what was earned."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from tests.abuse._attacker import Attacker

# Demo logins (docs/people.md). 桃花井3栋 (Taohuajing Building 3) lies under 第二网格 > 第二片区 >
# 第三组 (grid 2, piece 2, group 3) of 桃花井社区.
TANG_LI = "13800000018"  # GROUP_CHIEF of 第三组; lives at 桃花井巷3号202室
HE_QIN = "13800000017"  # PIECE_CHIEF of 第二片区, above her
LI_LANG = "13800000011"  # COMMUNITY_SECRETARY of 桃花井社区
ZHOU_MIN = "13800000014"  # COMMUNITY_STAFF of 桃花井社区
SHI_KAI = "13800000022"  # RESIDENT of 第三邻 (not of 桃花井3栋)
LONG_WEI = "13800000021"  # VOLUNTEER and party member, 宜春路社区 (Shibei)
CHEN_HUA = "13800000001"  # DISTRICT_ADMIN of 望城区
BLOCK = "桃花井3栋"

ME = "{ me { id points { balance earnedTotal } } }"
VISIT = """mutation($i: LogVisitInput!) { logVisit(input: $i) { visit { id confirmedAt } } }"""
CONFIRM_VISIT = """mutation($i: ConfirmVisitInput!) { confirmVisit(input: $i) {
  visit { id confirmedAt } } }"""


async def person_id(attacker: Attacker, phone: str) -> str:
    return str((await attacker.people_doc("persons", phone=phone))["_id"])


async def household_id(attacker: Attacker, address: str) -> str:
    return str((await attacker.people_doc("households", address=address))["_id"])


async def points_of(attacker: Attacker, token: str) -> dict[str, Any] | None:
    """`Person.points` of the caller, through the gateway."""
    body = await attacker.graphql(ME, token=token)
    assert "errors" not in body, body
    points: dict[str, Any] | None = body["data"]["me"]["points"]
    return points


async def ledger_of(attacker: Attacker, person: str) -> list[dict[str, Any]]:
    cursor = attacker.db("points")["ledger"].find({"personId": person}).sort("_id", 1)
    return [doc async for doc in cursor]


async def published(attacker: Attacker, event_type: str, subject: str) -> list[dict[str, Any]]:
    """Events people wrote to its outbox (the only way an award starts) about `subject`."""
    found = attacker.db("people")["outbox"].find({"type": event_type})
    return [doc async for doc in found if json.loads(str(doc["body"]))["subject"] == subject]


async def processed_by_points(
    attacker: Attacker, event_ids: list[str], timeout: float = 60
) -> None:
    """Wait until points' award consumer has committed these events."""
    wanted = [f"awards:{event_id}" for event_id in event_ids]
    deadline = time.monotonic() + timeout
    processed = attacker.db("points")["processed_events"]
    while await processed.count_documents({"_id": {"$in": wanted}}) < len(wanted):
        assert time.monotonic() < deadline, "points did not process the events in time"
        await asyncio.sleep(0.2)
