"""Helpers of the participation abuse tests: the demo's cast at Taohuajing and a discussion day
they are invited to."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.abuse._attacker import Attacker
from tests.abuse._cases import person_id, unit_id

ZHOU_MIN = "13800000014"  # community staff of Taohuajing (convenes)
HE_QIN = "13800000017"  # Taohuajing, Lane 3 Room 201: her household's representative
TANG_LI = "13800000018"  # Taohuajing, Lane 3 Room 202: his household's representative
SHI_KAI = "13800000022"  # lives in Taohuajing, Room 401: invited household? no
ZHAO_GANG = "13800000020"  # lives in Yichun Road Community (Shibei): another community
TAOHUAJING = "桃花井社区"

SCHEDULE = """mutation($input: ScheduleMeetingInput!) {
  scheduleMeeting(input: $input) { meeting { id } } }"""
ADD_ITEM = (
    """mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { item { id } } }"""
)
VOTE = """mutation($input: CastVoteInput!) { castVote(input: $input) { choice } }"""
MEETING = """query($id: ID!) { meeting(id: $id) { id title agenda { id tally { voted } } } }"""
UNIT_MEETINGS = """query($id: ID!) { orgUnit(id: $id) { id
  meetings(first: 10) { totalCount edges { node { id title } } } } }"""


async def household_of(attacker: Attacker, staff: str, phone: str) -> str:
    query = "query($id: ID!) { person(id: $id) { household { id } } }"
    body = await attacker.graphql(query, {"id": person_id(attacker.token(phone))}, token=staff)
    return str(body["data"]["person"]["household"]["id"])


async def discussion_day(attacker: Attacker) -> tuple[str, str]:
    """Zhou Min schedules a discussion day at Taohuajing for He Qin's and Tang Li's households,
    with one agenda item; the meeting's and the item's ids."""
    staff = attacker.token(ZHOU_MIN)
    community = await unit_id(attacker, staff, TAOHUAJING)
    households = [
        {
            "householdId": await household_of(attacker, staff, phone),
            "representativeId": person_id(attacker.token(phone)),
        }
        for phone in (HE_QIN, TANG_LI)
    ]
    variables = {
        "input": {
            "orgUnitId": community,
            "kind": "DISCUSSION_DAY",
            "title": "Friday discussion day",
            "startsAt": "2026-12-11T11:00:00Z",
            "recurrence": {"weekday": "FRIDAY"},
            "households": households,
        }
    }
    # participation learns the demo's people from events: wait until it knows them
    deadline = asyncio.get_running_loop().time() + 60
    while True:
        body = await attacker.graphql(SCHEDULE, variables, token=staff)
        if "errors" not in body:
            break
        assert asyncio.get_running_loop().time() < deadline, body
        await asyncio.sleep(0.5)
    meeting_id = str(body["data"]["scheduleMeeting"]["meeting"]["id"])
    item = await attacker.graphql(
        ADD_ITEM,
        {"input": {"meetingId": meeting_id, "title": "Parking-space lottery"}},
        token=staff,
    )
    assert "errors" not in item, item
    return meeting_id, str(item["data"]["addAgendaItem"]["item"]["id"])


def ballot(meeting_id: str, item_id: str, choice: str = "FOR") -> dict[str, Any]:
    return {"input": {"meetingId": meeting_id, "itemId": item_id, "choice": choice}}


async def votes(attacker: Attacker, meeting_id: str) -> list[dict[str, Any]]:
    """The votes stored on the meeting's first item."""
    doc = await attacker.db("participation")["meetings"].find_one({"_id": meeting_id})
    assert doc is not None
    agenda: list[dict[str, Any]] = doc["agenda"]  # type: ignore[assignment]
    return list(agenda[0]["votes"])
