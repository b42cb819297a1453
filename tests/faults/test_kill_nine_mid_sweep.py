"""Kill -9 cases while its sweeper escalates a wave of overdue cases (and its relay publishes
the escalations), restart it, and every breach escalates exactly once: one timeline entry, one
`breachCount`, one `case.escalated` event per case, the outbox drained and no event id handed
to a consumer for two different escalations."""

from __future__ import annotations

import asyncio
import json
import signal
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aio_pika
import pytest
from pymongo import AsyncMongoClient

from tests.faults._harness import create_district, fault_stack, graphql, login
from tests.support.apps import eventually

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]
CASES = 150
REPORT = """mutation($input: ReportCaseInput!) { reportCase(input: $input) { case { id } } }"""
UNIT = (
    """mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { orgUnit { id } } }"""
)
SLA_BREACH = "ESCALATED:SLA_BREACH"


async def test_killing_cases_mid_sweep_escalates_each_breach_exactly_once(
    mongo_url: str, rabbit_url: str, tmp_path: Path
) -> None:
    async with fault_stack(mongo_url, rabbit_url, tmp_path) as stack:
        stack.env["SWEEP_SECONDS"] = "0.2"
        people = await asyncio.to_thread(stack.start_service, "people")
        cases = await asyncio.to_thread(stack.start_service, "cases")
        token = await login(people.url)
        district = await create_district(people.url, token, "Sweep Kill District")
        body = await graphql(
            people.url,
            UNIT,
            {"input": {"kind": "STREET", "name": "Sweep Street", "parentId": district}},
            token,
        )
        street = body["data"]["createOrgUnit"]["orgUnit"]["id"]
        client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongo_url)
        db = client[stack.database("cases")]
        connection = await aio_pika.connect(rabbit_url)
        try:
            # A consumer of escalations of our own, bound before anything escalates.
            channel = await connection.channel()
            exchange = await channel.get_exchange(f"{stack.prefix}grassroots.events")
            queue = await channel.declare_queue(f"{stack.prefix}test.escalations", durable=True)
            await queue.bind(exchange, "case.escalated")

            # Given many open cases (reported through the graph, 72 h NORMAL deadline)
            async def projected() -> bool:
                return await db["org_units"].count_documents({"_id": street}) == 1

            await eventually(projected, timeout=60)
            ids = await _report_all(cases.url, token, street)
            # that all breach at once: their deadline passed (as if three days went by).
            past = datetime.now(UTC) - timedelta(minutes=5)
            await db["cases"].update_many({"_id": {"$in": ids}}, {"$set": {"dueAt": past}})

            # When cases is killed -9 while its sweeper is escalating them
            async def escalating() -> bool:
                return await db["cases"].count_documents({"breachCount": {"$gte": 1}}) >= 10

            await eventually(escalating, timeout=60, interval=0.02)
            cases.kill(signal.SIGKILL)
            at_kill = await db["cases"].count_documents({"breachCount": {"$gte": 1}})
            assert 0 < at_kill < CASES, f"the kill landed outside the sweep ({at_kill} done)"
            # and started again,
            await asyncio.to_thread(stack.start_service, "cases")

            # then every case escalated, and its relay sent every escalation,
            async def all_escalated_and_sent() -> bool:
                done = await db["cases"].count_documents({"breachCount": {"$gte": 1}})
                unsent = await db["outbox"].count_documents({"sentAt": None})
                return done == CASES and unsent == 0

            await eventually(all_escalated_and_sent, timeout=90, interval=0.25)
            # exactly once each: one breach, one timeline entry, one event per case,
            async for doc in db["cases"].find({"_id": {"$in": ids}}):
                assert doc["breachCount"] == 1, doc["_id"]
                actions = [entry["action"] for entry in doc["timeline"]]
                assert actions.count(SLA_BREACH) == 1, (doc["_id"], actions)
                assert doc["dueAt"].replace(tzinfo=UTC) > datetime.now(UTC), doc["_id"]
            events = {
                doc["_id"]: json.loads(doc["body"])["data"]["caseId"]
                async for doc in db["outbox"].find({"type": "case.escalated"})
            }
            assert sorted(events.values()) == sorted(ids)
            # and a consumer received every one of them, none for a second escalation.
            delivered = await _drain(queue, expected=len(events))
            assert set(delivered) == set(events)
            by_case: dict[str, set[str]] = {}
            for event_id, case_id in delivered.items():
                by_case.setdefault(case_id, set()).add(event_id)
            assert all(len(event_ids) == 1 for event_ids in by_case.values())
            await queue.delete(if_unused=False, if_empty=False)
        finally:
            await connection.close()
            await client.close()


async def _report_all(url: str, token: str, org_unit: str) -> list[str]:
    gate = asyncio.Semaphore(6)

    async def report(i: int) -> str:
        variables = {
            "input": {
                "title": f"Overflowing bin {i} at gate {i * 7}",
                "category": "ENVIRONMENT",
                "orgUnitId": org_unit,
            }
        }
        async with gate:
            body = await graphql(url, REPORT, variables, token)
        assert not body.get("errors"), body
        return str(body["data"]["reportCase"]["case"]["id"])

    return list(await asyncio.gather(*(report(i) for i in range(CASES))))


async def _drain(queue: aio_pika.abc.AbstractQueue, expected: int) -> dict[str, str]:
    """Event id → case id of every delivery (a redelivery of one id counts once)."""
    delivered: dict[str, str] = {}
    idle = 0
    while idle < 20 and (len(delivered) < expected or idle < 4):
        message = await queue.get(no_ack=True, fail=False)
        if message is None:
            idle += 1
            await asyncio.sleep(0.25)
            continue
        idle = 0
        event = json.loads(message.body)
        delivered[event["id"]] = event["data"]["caseId"]
    return delivered
