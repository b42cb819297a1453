"""Notices on the whole stack through the gateway: assigning a case puts exactly one notice in
the assignee's inbox even when the broker delivers the event again, and an email reaches the
local SMTP server for a person who opted in."""

from __future__ import annotations

import asyncio
import json
import signal
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aio_pika
import pytest
from pymongo import AsyncMongoClient

from tests.cases.e2e_area import Area, make_area
from tests.notifications.mail import MailServer
from tests.support.apps import eventually
from tests.support.stack import Stack, remove_stack_state, running_stack

ASSIGN = """mutation($i: AssignCaseInput!) { assignCase(input: $i) { case { status } } }"""
INBOX = """{ myInbox(first: 50) { edges { node { id kind caseId text } } } unreadNoticeCount }"""
FOLLOW = (
    """mutation($i: FollowCaseInput!) { followCase(input: $i) { followerCount followedByMe } }"""
)
COUNTS = """query($id: ID!) { case(id: $id) { followerCount meTooCount followedByMe } }"""
SET_PREFS = """mutation($input: SetNoticePreferencesInput!) {
  setNoticePreferences(input: $input) { preferences { channels email } } }"""


@pytest.fixture(scope="module")
def mail() -> Iterator[MailServer]:
    server = MailServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
async def stack(
    mongo_url: str, rabbit_url: str, tmp_path_factory: pytest.TempPathFactory, mail: MailServer
) -> AsyncIterator[Stack]:
    workdir: Path = tmp_path_factory.mktemp("notices")
    env = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(mail.port), "DELIVERY_POLL_SECONDS": "0.2"}
    with running_stack(mongo_url, rabbit_url, workdir, env=env) as running:
        yield running
    await remove_stack_state(running, mongo_url)


def _notices(area: Area, who: str) -> list[dict[str, Any]]:
    body = area.act(who, INBOX, {})
    return [edge["node"] for edge in body["myInbox"]["edges"]]


async def _redeliver(stack: Stack, mongo_url: str, event_type: str, case_id: str) -> None:
    """Publish cases' own event again, as a relay that died before marking it sent would."""
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongo_url)
    try:
        outbox = client[stack.database("cases")]["outbox"]
        docs = [d async for d in outbox.find({"type": event_type})]
    finally:
        await client.close()
    [doc] = [d for d in docs if json.loads(d["body"])["data"]["caseId"] == case_id]
    connection = await aio_pika.connect(stack.amqp_url)
    async with connection:
        channel = await connection.channel(publisher_confirms=True)
        exchange = await channel.get_exchange(f"{stack.prefix}grassroots.events")
        message = aio_pika.Message(
            doc["body"].encode(), content_type="application/cloudevents+json"
        )
        await exchange.publish(message, routing_key=event_type)


async def test_assigning_a_case_puts_one_notice_in_the_assignee_inbox_and_an_email_out(
    stack: Stack, mail: MailServer, mongo_url: str
):
    area = make_area(f"{stack.gateway.url}/graphql")
    email = "gridder@example.cn"
    area.act("gridder", SET_PREFS, {"input": {"channels": ["EMAIL"], "email": email}})
    case = area.report("Blocked drain behind building 3")
    followed = area.act("staff", FOLLOW, {"i": {"caseId": case["id"]}})
    assert followed["followCase"] == {"followerCount": 1, "followedByMe": True}
    counts = area.act("staff", COUNTS, {"id": case["id"]})
    assert counts["case"] == {"followerCount": 1, "meTooCount": 0, "followedByMe": True}
    area.act("gridder", ASSIGN, {"i": {"caseId": case["id"], "assigneeId": area.people["gridder"]}})

    async def assigned() -> list[dict[str, Any]]:
        return [
            n
            for n in _notices(area, "gridder")
            if n["kind"] == "CASE_ASSIGNED_TO_YOU" and n["caseId"] == case["id"]
        ]

    [notice] = await eventually(assigned, timeout=60)
    assert case["number"] in notice["text"]

    # The follower is told too.
    async def followed_news() -> list[dict[str, Any]]:
        return [
            n
            for n in _notices(area, "staff")
            if n["kind"] == "CASE_ASSIGNED" and n["caseId"] == case["id"]
        ]

    assert len(await eventually(followed_news, timeout=60)) == 1

    # The broker delivers case.assigned again; a later case's notice proves it was handled.
    await _redeliver(stack, mongo_url, "case.assigned", case["id"])
    later = area.report("Street light out by the gate")
    area.act(
        "gridder", ASSIGN, {"i": {"caseId": later["id"], "assigneeId": area.people["gridder"]}}
    )

    async def later_arrived() -> bool:
        return any(n["caseId"] == later["id"] for n in _notices(area, "gridder"))

    await eventually(later_arrived, timeout=60)
    assert len(await assigned()) == 1

    async def emailed() -> list[Any]:
        # The gridder also had "a new case in your area" for it; this is the assignment's.
        return [
            m
            for rcpt, m in mail.messages
            if rcpt == [email] and f"案件 {case['number']} 已派给您" in m.get_content()
        ]

    [message] = await eventually(emailed, timeout=60)
    assert message["Subject"] == f"基层治理通知：案件 {case['number']}"


async def test_quiet_hours_hold_the_email_until_they_end(
    stack: Stack, mail: MailServer, mongo_url: str
):
    """Runs last in this module: it restarts notifications with its clock moved on."""
    area = make_area(f"{stack.gateway.url}/graphql")
    beijing = datetime.now(ZoneInfo("Asia/Shanghai"))
    start = (beijing - timedelta(hours=1)).strftime("%H:%M")
    end = (beijing + timedelta(hours=1)).strftime("%H:%M")
    email = "quiet-resident@example.cn"
    prefs = {"channels": ["EMAIL"], "email": email, "quietHours": {"start": start, "end": end}}
    area.act("resident", SET_PREFS, {"input": prefs})
    case = area.report("Noise from the night market")
    area.act("gridder", ASSIGN, {"i": {"caseId": case["id"], "assigneeId": area.people["gridder"]}})

    async def told() -> list[dict[str, Any]]:
        return [n for n in _notices(area, "resident") if n["caseId"] == case["id"]]

    [notice] = await eventually(told, timeout=60)
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongo_url)
    try:
        deliveries = client[stack.database("notifications")]["deliveries"]
        [held] = [d async for d in deliveries.find({"noticeId": notice["id"]})]
    finally:
        await client.close()
    # Held, not failed: pending, never tried, due when the quiet hours end (after now).
    assert (held["state"], held["attempts"], held["address"]) == ("PENDING", 0, email)
    due = held["nextAttemptAt"].replace(tzinfo=UTC)
    assert due > datetime.now(UTC) + timedelta(minutes=55)
    assert not [m for rcpt, m in mail.messages if rcpt == [email]]

    # Two hours later by the service's clock, the quiet hours are over and the email goes.
    stack.processes["notifications"][0].kill(signal.SIGTERM)
    stack.env["CLOCK_OFFSET_SECONDS"] = str(2 * 3600 + 60)
    try:
        await asyncio.to_thread(stack.start_service, "notifications")
    finally:
        del stack.env["CLOCK_OFFSET_SECONDS"]

    async def emailed() -> list[Any]:
        return [m for rcpt, m in mail.messages if rcpt == [email]]

    [message] = await eventually(emailed, timeout=60)
    assert case["number"] in message.get_content()
