"""A publisher on the broker forges another service's events: consumers check `source`
against the producer of each type and park a forgery with the reason, with no effect."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from grassroots_kit.messaging.envelope import new_event

from tests.abuse._attacker import Attacker
from tests.abuse._broker import parked, publish_forged


async def _a_commitment(attacker: Attacker) -> dict[str, Any]:
    commitment = await attacker.db("people")["commitments"].find_one({})
    assert commitment is not None, "the demo area has commitments"
    return commitment


async def _entries_of(attacker: Attacker, person_id: str) -> list[Any]:
    ledger = attacker.db("points")["ledger"]
    return [doc["_id"] async for doc in ledger.find({"personId": person_id})]


async def _published_and_parked(attacker: Attacker, event: Any) -> dict[str, Any]:
    stack = attacker.stack
    await publish_forged(stack.amqp_url, f"{stack.prefix}grassroots.events", event)
    return await parked(stack.amqp_url, f"{stack.prefix}points.awards.dead", event.id)


async def test_broker_publisher_cannot_mint_points_with_a_forged_commitment_fulfilled(
    attacker: Attacker,
):
    commitment = await _a_commitment(attacker)
    person = str(commitment["personId"])
    before = await _entries_of(attacker, person)
    now = datetime.now(UTC)
    forged = new_event(
        "commitment.fulfilled",
        source="attacker",
        subject=f"forged-{uuid.uuid4().hex}",
        data={
            "id": f"forged-{uuid.uuid4().hex}",
            "personId": person,
            "text": "24-hour water repair",
            "dueBy": (now + timedelta(days=1)).isoformat(),
            "fulfilledAt": now.isoformat(),
            "onTime": True,
            "orgUnitId": commitment["orgUnitId"],
            "orgUnitPath": list(commitment["orgUnitPath"]),
        },
    )

    headers = await _published_and_parked(attacker, forged)

    reason = str(headers["x-death-reason"])
    assert "'attacker'" in reason
    assert "'grassroots/people'" in reason
    await asyncio.sleep(1)  # the awards consumer has had every chance to act on it
    assert await _entries_of(attacker, person) == before
    assert await attacker.db("points")["ledger"].count_documents({"sourceEventId": forged.id}) == 0


async def test_broker_publisher_cannot_mint_points_with_a_case_closed_under_peoples_name(
    attacker: Attacker,
):
    commitment = await _a_commitment(attacker)
    person = str(commitment["personId"])
    path = list(commitment["orgUnitPath"])
    before = await _entries_of(attacker, person)
    case_id = f"forged-{uuid.uuid4().hex}"
    forged = new_event(
        "case.closed",
        # One of our own services, but not the one that closes cases.
        source="grassroots/people",
        subject=case_id,
        data={
            "caseId": case_id,
            "number": "WC-2026-9999",
            "closure": 1,
            "orgUnitId": path[-1],
            "orgUnitPath": path,
            "category": "ENVIRONMENT",
            "priority": "URGENT",
            "level": "NEIGHBORHOOD",
            "reporterId": None,
            "handlers": [{"personId": person, "role": "NEIGHBOR_CHIEF"}],
            "organizationId": None,
            "orderTakerId": None,
            "rating": 5,
            "metDeadline": True,
            "closedAt": datetime.now(UTC).isoformat(),
        },
    )

    headers = await _published_and_parked(attacker, forged)

    reason = str(headers["x-death-reason"])
    assert "'grassroots/people'" in reason
    assert "'grassroots/cases'" in reason
    await asyncio.sleep(1)
    assert await _entries_of(attacker, person) == before
    assert await attacker.db("points")["ledger"].count_documents({"sourceEventId": forged.id}) == 0
    assert await attacker.db("points")["closures"].count_documents({"caseId": case_id}) == 0
