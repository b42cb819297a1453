"""Kill -9 cases while participation's `decision.made` events bring a stream of decided cases
back, restart it, and every decided case resumes exactly once: back to the status it was sent
from, with one decision on its timeline, one processed marker per event, nothing left in
participation's outbox and nothing parked."""

from __future__ import annotations

import asyncio
import signal
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import aio_pika
import httpx
import pytest
from pymongo import AsyncMongoClient

from tests.faults._harness import fault_stack, graphql, login
from tests.faults.test_kill_nine_mid_attendances import _community, _person, _retry
from tests.faults.test_kill_nine_mid_awards import _ok
from tests.support.apps import eventually

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]
CASES = 30
REPORT = """mutation($input: ReportCaseInput!) { reportCase(input: $input) { case { id } } }"""
ACCEPT = """mutation($input: AcceptCaseInput!) { acceptCase(input: $input) { __typename } }"""
SEND = """mutation($input: SendCaseToDeliberationInput!) {
  sendCaseToDeliberation(input: $input) { case { status } } }"""
SCHEDULE = """mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) {
  meeting { id } } }"""
PUT = """mutation($input: PutProposalOnAgendaInput!) { putProposalOnAgenda(input: $input) {
  proposal { agendaItemId } } }"""
DECIDE = """mutation($input: RecordDecisionInput!) { recordDecision(input: $input) {
  decision { outcome } } }"""
DECIDED = "DELIBERATION_DECIDED"


async def test_killing_cases_mid_decisions_resumes_each_decided_case_once(
    mongo_url: str, rabbit_url: str, tmp_path: Path
) -> None:
    async with fault_stack(mongo_url, rabbit_url, tmp_path) as stack:
        people = await asyncio.to_thread(stack.start_service, "people")
        cases = await asyncio.to_thread(stack.start_service, "cases")
        await asyncio.to_thread(stack.start_service, "participation")
        client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongo_url)
        cases_db = client[stack.database("cases")]
        participation_db = client[stack.database("participation")]
        try:
            # Given a community's staff, many accepted cases sent to deliberation and each put
            # on the agenda of a discussion day,
            token = await login(people.url)
            community = await _community(people.url, token)
            _, staff = await _person(people.url, token, community, 0, "COMMUNITY_STAFF")
            ids = [await _sent_case(cases.url, staff, community, n) for n in range(CASES)]

            async def all_proposed() -> bool:
                found: int = await participation_db["proposals"].count_documents(
                    {"caseId": {"$in": ids}}
                )
                return found == CASES

            await eventually(all_proposed, timeout=60)
            meeting = await _retry(stack, SCHEDULE, _discussion_day(community), staff)
            meeting_id = meeting["scheduleMeeting"]["meeting"]["id"]
            items = []
            async for proposal in participation_db["proposals"].find({"caseId": {"$in": ids}}):
                placed = {"proposalId": str(proposal["_id"]), "meetingId": meeting_id}
                data = await _retry(stack, PUT, {"input": placed}, staff)
                items.append(data["putProposalOnAgenda"]["proposal"]["agendaItemId"])

            # when the meeting decides them one after another and cases is killed -9 while
            # decision.made brings them back,
            deciding = asyncio.create_task(_decide_all(stack, meeting_id, items, staff))
            resumed_filter = {"_id": {"$in": ids}, "status": {"$ne": "IN_DELIBERATION"}}

            async def resuming() -> bool:
                return await cases_db["cases"].count_documents(resumed_filter) >= 5

            await eventually(resuming, timeout=90, interval=0.02)
            stack.processes["cases"][-1].kill(signal.SIGKILL)
            resumed_at_kill = await cases_db["cases"].count_documents(resumed_filter)
            await asyncio.to_thread(stack.start_service, "cases")
            await asyncio.wait_for(deciding, 120)
            assert 0 < resumed_at_kill < CASES  # (the kill landed in the middle)

            # then every case is back where it was sent from, decided once,
            async def all_resumed() -> bool:
                return await cases_db["cases"].count_documents(resumed_filter) == CASES

            await eventually(all_resumed, timeout=120, interval=0.25)
            await asyncio.sleep(1)  # a duplicate would land now
            async for case in cases_db["cases"].find({"_id": {"$in": ids}}):
                assert case["status"] == "ACCEPTED", case["_id"]
                decisions = [e for e in case["timeline"] if e["action"] == DECIDED]
                assert len(decisions) == 1, case["_id"]
                assert decisions[0]["decision"]["meetingId"] == meeting_id
            # each decision.made was processed once by cases,
            events = {
                doc["_id"]
                async for doc in participation_db["outbox"].find(
                    {"type": "decision.made"}, {"_id": 1}
                )
            }
            assert len(events) == CASES
            processed = [
                doc["_id"].split(":", 1)[1]
                async for doc in cases_db["processed_events"].find({"type": "decision.made"})
            ]
            assert sorted(processed) == sorted(events)

            # and nothing is stuck in participation's outbox or parked by cases.
            async def drained() -> bool:
                unsent: int = await participation_db["outbox"].count_documents({"sentAt": None})
                return unsent == 0

            await eventually(drained, timeout=60, interval=0.25)
            assert await _parked(stack, rabbit_url) == 0
        finally:
            await client.close()


async def _sent_case(url: str, staff: str, community: str, n: int) -> str:
    report = {"title": f"Altered pipe number {n}", "category": "SEWAGE_WATER"}
    data = await _ok(url, REPORT, {"input": {**report, "orgUnitId": community}}, staff)
    case_id: str = data["reportCase"]["case"]["id"]
    await _ok(url, ACCEPT, {"input": {"caseId": case_id}}, staff)
    reason = "The households must agree who pays."
    sent = await _ok(url, SEND, {"input": {"caseId": case_id, "reason": reason}}, staff)
    assert sent["sendCaseToDeliberation"]["case"]["status"] == "IN_DELIBERATION"
    return case_id


def _discussion_day(community: str) -> dict[str, Any]:
    today = datetime.now(UTC).date()
    friday = today + timedelta(days=(4 - today.weekday()) % 7 or 7)
    starts = datetime.combine(friday, time(11), tzinfo=UTC).isoformat()
    meeting = {
        "orgUnitId": community,
        "kind": "DISCUSSION_DAY",
        "title": "Friday discussion day",
        "startsAt": starts,
        "recurrence": {"weekday": "FRIDAY"},
    }
    return {"input": meeting}


async def _decide_all(stack: Any, meeting: str, items: list[str], token: str) -> None:
    """Decide every item by consensus, one after another (participation stays up: any refusal
    fails the campaign)."""
    for item in items:
        variables = {
            "input": {
                "meetingId": meeting,
                "itemId": item,
                "method": "CONSENSUS",
                "text": "Each household pays an equal share.",
            }
        }
        for _ in range(100):
            url = stack.processes["participation"][-1].url
            try:
                body = await graphql(url, DECIDE, variables, token)
            except (httpx.HTTPError, ValueError):
                await asyncio.sleep(0.2)
                continue
            if not body.get("errors"):
                await asyncio.sleep(0.1)  # a steady stream, long enough to kill into
                break
            raise AssertionError(body)
        else:
            raise AssertionError(f"could not decide {item}")


async def _parked(stack: Any, rabbit_url: str) -> int:
    connection = await aio_pika.connect(rabbit_url)
    try:
        channel = await connection.channel()
        queue = await channel.declare_queue(f"{stack.prefix}cases.projections.dead", passive=True)
        return int(queue.declaration_result.message_count or 0)
    finally:
        await connection.close()
