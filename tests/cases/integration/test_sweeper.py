"""The deadline sweeper: overdue cases escalate once per breach, however many replicas sweep."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta

from grassroots_cases.handlers.composition import cases_ports
from grassroots_cases.handlers.sweeper import Sweeper
from grassroots_cases.handlers.unit_of_work import utc_now
from grassroots_kit.messaging.outbox import OUTBOX

from tests.cases.integration.conftest import Cases


def later(hours: float):  # type: ignore[no-untyped-def]
    return lambda: utc_now() + timedelta(hours=hours)


async def test_two_sweepers_racing_escalate_each_overdue_case_exactly_once(cases: Cases):
    # given six cases, five of them overdue three days from now (72 h NORMAL deadline)
    overdue = [
        (await cases.report("res-1", title=f"Problem number {i}", category="ENVIRONMENT"))["id"]
        for i in range(5)
    ]
    fresh = await cases.report("res-1", title="Suggestion", category="SUGGESTION", priority="LOW")
    host = cases.svc.host
    replicas = [Sweeper(cases_ports(host), clock=later(73), batch=2) for _ in range(2)]

    # when two replicas sweep at the same time until nothing is left
    async def drain(sweeper: Sweeper) -> int:
        total = 0
        while (result := await sweeper.sweep_once()).escalated:
            total += result.escalated
        return total

    done = await asyncio.gather(*(drain(s) for s in replicas))

    # then every overdue case climbed exactly one rung, with one event each
    assert sum(done) == 5
    async for doc in cases.db["cases"].find({"_id": {"$in": overdue}}):
        assert doc["breachCount"] == 1
        assert doc["level"] == "GRID"
        assert doc["timeline"][-1]["action"] == "ESCALATED:SLA_BREACH"
    untouched = await cases.db["cases"].find_one({"_id": fresh["id"]})
    assert untouched["breachCount"] == 0
    escalations = [
        json.loads(d["body"])["data"]
        async for d in cases.db[OUTBOX].find({"type": "case.escalated"})
    ]
    assert sorted(e["caseId"] for e in escalations) == sorted(overdue)
    assert {e["reason"] for e in escalations} == {"SLA_BREACH"}


async def test_a_case_breaching_again_escalates_again(cases: Cases):
    case = await cases.report("res-1")
    sweeper = Sweeper(cases_ports(cases.svc.host), clock=later(73))
    assert (await sweeper.sweep_once()).escalated == 1
    assert (await sweeper.sweep_once()).escalated == 0

    again = Sweeper(cases_ports(cases.svc.host), clock=later(73 + 73))
    assert (await again.sweep_once()).escalated == 1
    doc = await cases.db["cases"].find_one({"_id": case["id"]})
    assert doc["breachCount"] == 2
    assert doc["level"] == "COMMUNITY"


async def test_the_sweeper_reads_only_due_cases_through_its_index(cases: Cases):
    # the query of CaseRepository.overdue, as the sweeper sends it
    for i in range(3):
        await cases.report("res-1", title=f"Case {i}")
    query = {
        "status": {"$in": ["REPORTED", "ACCEPTED", "ASSIGNED", "IN_PROGRESS", "ON_ORDER_BOARD"]},
        "dueAt": {"$lte": utc_now()},
    }

    plan = await (
        cases.db["cases"]
        .find(query)
        .sort("dueAt", 1)
        .limit(100)
        .hint([("status", 1), ("dueAt", 1)])
        .explain()
    )

    winning = json.dumps(plan["queryPlanner"]["winningPlan"], default=str)
    assert '"IXSCAN"' in winning
    assert "status_1_dueAt_1" in winning
    assert '"COLLSCAN"' not in winning
    stats = plan["executionStats"]
    assert stats["totalDocsExamined"] == stats["nReturned"] == 0


async def test_a_resolution_nobody_rates_closes_itself_after_seven_days(cases: Cases):
    case = await cases.report("res-1")
    ref = {"caseId": case["id"]}
    await cases.act("gridder", "assignCase", {**ref, "assigneeId": "gridder"})
    await cases.act("gridder", "resolveCase", {**ref, "resolution": "Fixed"})

    assert (
        await Sweeper(cases_ports(cases.svc.host), clock=later(24 * 6)).sweep_once()
    ).closed == 0
    result = await Sweeper(cases_ports(cases.svc.host), clock=later(24 * 7 + 1)).sweep_once()

    assert result.closed == 1
    doc = await cases.db["cases"].find_one({"_id": case["id"]})
    assert doc["status"] == "CLOSED"
    closed = await cases.db[OUTBOX].find_one({"type": "case.closed"})
    assert json.loads(closed["body"])["data"]["rating"] is None
