"""Attacks on people's inboxes: each test is one attacker and one goal, against the real stack.

A notice is personal: the inbox answers with the caller's own notices only (there is no
argument that names a person), marks only the caller's own, and a forged event on the broker
puts nothing in anybody's inbox.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime
from typing import Any

from grassroots_kit.messaging.envelope import new_event

from tests.abuse._attacker import Attacker
from tests.abuse._broker import parked, publish_forged
from tests.abuse._cases import SHI_KAI, ZHAO_MIN, person_id
from tests.support.tokens import TokenMint

INBOX = "{ myInbox(first: 100) { edges { node { id caseId } } } unreadNoticeCount }"
MARK = """mutation($input: MarkNoticesReadInput!) {
  markNoticesRead(input: $input) { marked unreadNoticeCount } }"""


async def _a_notice_of(attacker: Attacker, person: str) -> str:
    """A notice in `person`'s inbox, put there as the service would."""
    notice_id = f"ntc_{uuid.uuid4().hex[:24]}"
    await attacker.db("notifications")["notices"].insert_one(
        {
            "_id": notice_id,
            "recipientId": person,
            "kind": "CASE_ASSIGNED_TO_YOU",
            "params": {"number": "WC-2026-999999"},
            "aboutId": f"case-{uuid.uuid4().hex}",
            "eventId": str(uuid.uuid4()),
            "createdAt": datetime.now(UTC),
            "readAt": None,
        }
    )
    return notice_id


def _code(body: dict[str, Any]) -> str:
    assert body.get("errors"), body
    return str(body["errors"][0]["extensions"]["code"])


async def test_resident_cannot_read_a_neighbours_inbox(attacker: Attacker):
    victim = person_id(attacker.token(SHI_KAI))
    theirs = await _a_notice_of(attacker, victim)
    token = attacker.token(ZHAO_MIN)

    body = await attacker.graphql(INBOX, token=token)

    assert "errors" not in body, body
    seen = {edge["node"]["id"] for edge in body["data"]["myInbox"]["edges"]}
    assert theirs not in seen
    mine = attacker.db("notifications")["notices"].find({"recipientId": person_id(token)})
    assert seen == {doc["_id"] async for doc in mine}


async def test_resident_cannot_mark_a_neighbours_notice_read(attacker: Attacker):
    victim = person_id(attacker.token(SHI_KAI))
    theirs = await _a_notice_of(attacker, victim)

    body = await attacker.graphql(
        MARK, {"input": {"ids": [theirs]}}, token=attacker.token(ZHAO_MIN)
    )

    assert body["data"]["markNoticesRead"]["marked"] == 0
    stored = await attacker.db("notifications")["notices"].find_one({"_id": theirs})
    assert stored is not None
    assert stored["readAt"] is None


async def test_anonymous_caller_cannot_read_or_mark_any_inbox(attacker: Attacker):
    notices = attacker.db("notifications")["notices"]
    theirs = await _a_notice_of(attacker, person_id(attacker.token(SHI_KAI)))
    assert _code(await attacker.graphql(INBOX)) == "UNAUTHENTICATED"
    body = await attacker.graphql(MARK, {"input": {"all": True}})
    assert _code(body) == "UNAUTHENTICATED"
    stored = await notices.find_one({"_id": theirs})
    assert stored is not None
    assert stored["readAt"] is None


async def test_direct_caller_cannot_read_an_inbox_with_a_token_of_their_own_making(
    attacker: Attacker,
):
    victim = person_id(attacker.token(SHI_KAI))
    theirs = await _a_notice_of(attacker, victim)
    forged = TokenMint().token(victim)  # well formed, signed by the attacker's own key

    body = await attacker.graphql(INBOX, token=forged, url=attacker.subgraph_url("notifications"))

    assert _code(body) == "UNAUTHENTICATED"
    assert theirs not in str(body)
    body = await attacker.graphql(
        MARK, {"input": {"all": True}}, token=forged, url=attacker.subgraph_url("notifications")
    )
    assert _code(body) == "UNAUTHENTICATED"
    stored = await attacker.db("notifications")["notices"].find_one({"_id": theirs})
    assert stored is not None
    assert stored["readAt"] is None


async def test_broker_publisher_cannot_put_a_notice_in_an_inbox_with_a_forged_event(
    attacker: Attacker,
):
    victim = person_id(attacker.token(ZHAO_MIN))
    case = await attacker.db("cases")["cases"].find_one({})
    assert case is not None, "the demo area has cases"
    path = [str(p) for p in case["orgUnitPath"]]
    case_id = f"forged-{uuid.uuid4().hex}"
    forged = new_event(
        "case.assigned",
        source="attacker",
        subject=case_id,
        data={
            "caseId": case_id,
            "number": "WC-2026-999998",
            "orgUnitId": path[-1],
            "orgUnitPath": path,
            "category": "ENVIRONMENT",
            "level": "GRID",
            "assigneeId": victim,
            "organizationId": None,
            "assignedAt": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        },
    )
    stack = attacker.stack

    await publish_forged(stack.amqp_url, f"{stack.prefix}grassroots.events", forged)
    headers = await parked(stack.amqp_url, f"{stack.prefix}notifications.notices.dead", forged.id)

    reason = str(headers["x-death-reason"])
    assert "'attacker'" in reason
    assert "'grassroots/cases'" in reason
    await asyncio.sleep(1)  # the notices consumer has had every chance to act on it
    notices = attacker.db("notifications")["notices"]
    assert await notices.count_documents({"eventId": forged.id}) == 0
    assert await notices.count_documents({"aboutId": case_id}) == 0
