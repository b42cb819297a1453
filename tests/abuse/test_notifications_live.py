"""`myNotices` attacked through the gateway: a resident hoping to overhear a neighbour's new
notice, and an anonymous caller. The notices are put in place as the notifications service
would (the notice in its store and its `notice.created` in its outbox, which its relay
publishes)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from grassroots_contracts import notification_events as contract
from grassroots_contracts.event_types import NOTICE_CREATED, SOURCE_NOTIFICATIONS
from grassroots_kit.messaging.envelope import new_event

from tests.abuse._attacker import Attacker, error_codes
from tests.abuse._cases import SHI_KAI, ZHAO_MIN, person_id
from tests.support.live import subscribe

MY_NOTICES = """subscription { myNotices { cursor notice { id kind caseId text } } }"""


async def _a_new_notice_of(attacker: Attacker, person: str) -> str:
    """A new notice in `person`'s inbox and its `notice.created` in the service's outbox."""
    notice_id = f"ntc_{uuid.uuid4().hex[:24]}"
    now = datetime.now(UTC)
    about = f"case-{uuid.uuid4().hex}"
    source_event = str(uuid.uuid4())
    db = attacker.db("notifications")
    await db["notices"].insert_one(
        {
            "_id": notice_id,
            "recipientId": person,
            "kind": "CASE_ASSIGNED_TO_YOU",
            "params": {"number": "WC-2026-999998"},
            "aboutId": about,
            "eventId": source_event,
            "createdAt": now,
            "readAt": None,
        }
    )
    data = contract.NoticeCreated(
        notice_id=notice_id,
        recipient_id=person,
        kind="CASE_ASSIGNED_TO_YOU",
        about_id=about,
        source_event_id=source_event,
        created_at=now,
    ).to_data()
    event = new_event(
        NOTICE_CREATED, source=SOURCE_NOTIFICATIONS, subject=notice_id, data=data, time=now
    )
    await db["outbox"].insert_one(
        {
            "_id": event.id,
            "type": event.type,
            "body": event.to_json().decode(),
            "createdAt": now,
            "sentAt": None,
            "leaseUntil": datetime(1970, 1, 1, tzinfo=UTC),
        }
    )
    return notice_id


async def test_resident_subscribed_to_her_notices_never_receives_a_neighbours(
    attacker: Attacker,
):
    # given Zhao Min listening to her notices
    zhao = attacker.token(ZHAO_MIN)
    neighbour = person_id(attacker.token(SHI_KAI))
    async with subscribe(attacker.gateway_url, MY_NOTICES, token=zhao) as live:
        # when her neighbour Shi Kai gets a new notice, then she does
        secret = await _a_new_notice_of(attacker, neighbour)
        hers = await _a_new_notice_of(attacker, person_id(zhao))

        # then the first notice her stream carries is her own: the neighbour's never came
        result = await live.next(timeout=60)

    assert "errors" not in result, result
    assert result["data"]["myNotices"]["notice"]["id"] == hers != secret


async def test_anonymous_caller_cannot_subscribe_to_notices(attacker: Attacker):
    async with subscribe(attacker.gateway_url, MY_NOTICES) as live:
        result = await live.next(timeout=30)

    assert error_codes(result) == {"UNAUTHENTICATED"}
    assert not (result.get("data") or {}).get("myNotices")
