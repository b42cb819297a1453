"""Kill -9 points while it awards a burst of closings, then cases while it closes them, restart
both, and every closed case is awarded exactly once: one ledger entry per case, every account's
balance equal to the sum of its ledger, nothing left in either outbox, nothing parked."""

from __future__ import annotations

import asyncio
import signal
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from pymongo import AsyncMongoClient

from tests.faults._harness import create_district, fault_stack, graphql, login
from tests.support.apps import eventually
from tests.support.imports import resolved_case
from tests.support.people_auth import ADMIN_PASSWORD, LOGIN, login_variables

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]
CASES = 240
MEMBERS = 4
POINTS = 10
UNIT = (
    """mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { orgUnit { id } } }"""
)
REGISTER = """mutation($input: RegisterPersonInput!) {
  registerPerson(input: $input) { person { id } } }"""
ASSIGN = """mutation($input: AssignRoleInput!) { assignRole(input: $input) { __typename } }"""
RULE = (
    """mutation($input: SetPointRuleInput!) { setPointRule(input: $input) { pointRule { id } } }"""
)
IMPORT = """mutation($input: ImportCasesInput!) { importCases(input: $input) { imported } }"""
CLOSE = """mutation($input: CloseCaseInput!) { closeCase(input: $input) { __typename } }"""


async def test_killing_points_then_cases_mid_awards_awards_each_closing_once(
    mongo_url: str, rabbit_url: str, tmp_path: Path
) -> None:
    async with fault_stack(mongo_url, rabbit_url, tmp_path) as stack:
        people = await asyncio.to_thread(stack.start_service, "people")
        cases = await asyncio.to_thread(stack.start_service, "cases")
        points = await asyncio.to_thread(stack.start_service, "points")
        client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongo_url)
        cases_db = client[stack.database("cases")]
        points_db = client[stack.database("points")]
        try:
            # Given a grid with grid members, a district admin, and a platform rule for closings
            token = await login(people.url)
            district = await create_district(people.url, token, "Award Kill District")
            grid = await _grid_under(people.url, token, district)
            staff = await _district_admin(people.url, token, district)
            members = [await _grid_member(people.url, staff, grid, n) for n in range(MEMBERS)]
            # point rules are platform-wide: the platform admin sets them
            await _ok(
                points.url, RULE, {"input": {"eventType": "case.closed", "points": POINTS}}, token
            )

            async def grid_projected() -> bool:
                return await cases_db["org_units"].count_documents({"_id": grid}) == 1

            await eventually(grid_projected, timeout=60)
            # and many resolved cases, each handled by one of the members,
            ids = await _import_resolved(cases.url, staff, grid, members)
            # (imported handlers earn nothing, issue 16: this campaign is about awards under
            # kill -9, so its cases are made to look worked live, as if each member had)
            await cases_db["cases"].update_many(
                {"_id": {"$in": ids}}, {"$unset": {"handlers.$[].imported": ""}}
            )

            # when a burst closes them, points is killed -9 while it awards,
            closing = asyncio.create_task(_close_all(stack, ids, staff))

            async def awarding() -> bool:
                return await points_db["ledger"].count_documents({}) >= 10

            await eventually(awarding, timeout=90, interval=0.02)
            points.kill(signal.SIGKILL)
            awarded_at_kill = await points_db["ledger"].count_documents({})
            await asyncio.to_thread(stack.start_service, "points")

            # and then cases is killed -9 while it closes,
            async def half_closed() -> bool:
                return (
                    await cases_db["cases"].count_documents(
                        {"_id": {"$in": ids}, "status": "CLOSED"}
                    )
                    >= CASES // 2
                )

            await eventually(half_closed, timeout=90, interval=0.02)
            stack.processes["cases"][-1].kill(signal.SIGKILL)
            closed_at_kill = await cases_db["cases"].count_documents(
                {"_id": {"$in": ids}, "status": "CLOSED"}
            )
            await asyncio.to_thread(stack.start_service, "cases")
            await asyncio.wait_for(closing, 180)
            # (both kills landed in the middle of the burst)
            assert 0 < awarded_at_kill < CASES
            assert closed_at_kill < CASES

            # then every case is closed and awarded its handler once,
            async def all_awarded() -> bool:
                entries = await points_db["ledger"].count_documents({"caseId": {"$in": ids}})
                return entries >= CASES

            await eventually(all_awarded, timeout=120, interval=0.25)
            await asyncio.sleep(1)  # a duplicate would land now
            closed = await cases_db["cases"].count_documents(
                {"_id": {"$in": ids}, "status": "CLOSED"}
            )
            assert closed == CASES
            per_case: dict[str, int] = {}
            async for entry in points_db["ledger"].find({"caseId": {"$in": ids}}):
                assert (entry["kind"], entry["delta"]) == ("AWARD", POINTS), entry
                per_case[entry["caseId"]] = per_case.get(entry["caseId"], 0) + 1
            assert per_case == dict.fromkeys(ids, 1)
            # each account holds exactly what its ledger says,
            sums = {
                doc["_id"]: doc["total"]
                async for doc in await points_db["ledger"].aggregate(
                    [{"$group": {"_id": "$personId", "total": {"$sum": "$delta"}}}]
                )
            }
            balances = {doc["_id"]: doc["balance"] async for doc in points_db["accounts"].find({})}
            assert balances == sums
            assert sum(sums.get(m, 0) for m in members) == CASES * POINTS
            # and nothing is stuck in an outbox or parked.
            for db in (cases_db, points_db):

                async def drained(db: Any = db) -> bool:
                    return await db["outbox"].count_documents({"sentAt": None}) == 0

                await eventually(drained, timeout=60, interval=0.25)
            assert await _parked(stack, rabbit_url) == 0
        finally:
            await client.close()


async def _ok(url: str, query: str, variables: dict[str, Any], token: str) -> dict[str, Any]:
    for _ in range(100):
        body = await graphql(url, query, variables, token)
        codes = {(e.get("extensions") or {}).get("code") for e in body.get("errors") or []}
        if "NOT_FOUND" in codes:  # a projection (the unit, the person) not there yet
            await asyncio.sleep(0.2)
            continue
        assert not body.get("errors"), body
        data: dict[str, Any] = body["data"]
        return data
    raise AssertionError(f"still not found: {body}")


async def _grid_under(url: str, token: str, district: str) -> str:
    parent = district
    for kind in ("STREET", "COMMUNITY", "GRID"):
        variables = {"input": {"kind": kind, "name": f"Award {kind.title()}", "parentId": parent}}
        parent = (await _ok(url, UNIT, variables, token))["createOrgUnit"]["orgUnit"]["id"]
    return parent


async def _district_admin(url: str, token: str, district: str) -> str:
    """A district admin of the district, granted by the bootstrap admin (nobody grants a role
    to themselves), signed in."""
    person = {
        "name": "Award District Admin",
        "phone": "13699990000",
        "orgUnitId": district,
        "password": ADMIN_PASSWORD,
    }
    data = await _ok(url, REGISTER, {"input": person}, token)
    role = {
        "personId": data["registerPerson"]["person"]["id"],
        "role": "DISTRICT_ADMIN",
        "orgUnitId": district,
    }
    await _ok(url, ASSIGN, {"input": role}, token)
    login = login_variables(phone=person["phone"], password=ADMIN_PASSWORD)
    return str((await _ok(url, LOGIN, login, token))["login"]["accessToken"])


async def _grid_member(url: str, token: str, grid: str, n: int) -> str:
    person = {"name": f"Award Member {n}", "phone": f"1370000{n:04d}", "orgUnitId": grid}
    data = await _ok(url, REGISTER, {"input": person}, token)
    person_id: str = data["registerPerson"]["person"]["id"]
    role = {"personId": person_id, "role": "GRID_MEMBER", "orgUnitId": grid}
    await _ok(url, ASSIGN, {"input": role}, token)
    return person_id


async def _import_resolved(url: str, token: str, grid: str, members: list[str]) -> list[str]:
    reported = datetime.now(UTC) - timedelta(hours=2)
    items = [
        resolved_case(
            f"award-kill-{n}",
            f"Blocked drain number {n}",
            grid,
            members[n % len(members)],
            reported,
            "Drain cleared",
        )
        for n in range(CASES)
    ]
    for start in range(0, CASES, 120):  # at most 200 a call
        await _ok(url, IMPORT, {"input": {"cases": items[start : start + 120]}}, token)
    return await _imported_ids(url, token)


async def _imported_ids(url: str, token: str) -> list[str]:
    query = """query { cases(first: 100, filter: {status: [RESOLVED]}) {
      edges { node { id } } pageInfo { hasNextPage endCursor } } }"""
    paged = """query($after: String) { cases(first: 100, after: $after,
      filter: {status: [RESOLVED]}) { edges { node { id } } pageInfo { hasNextPage endCursor } } }"""
    ids: list[str] = []
    data = await _ok(url, query, {}, token)
    while True:
        page = data["cases"]
        ids += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        data = await _ok(url, paged, {"after": page["pageInfo"]["endCursor"]}, token)
    assert len(ids) == CASES, len(ids)
    return ids


async def _close_all(stack: Any, ids: list[str], token: str) -> None:
    """Close every case from three clients; a call that fails (cases dead or restarting) is
    tried again, and a case already closed by a call whose answer was lost counts as done."""
    queue = list(ids)

    async def closer() -> None:
        while queue:
            case_id = queue.pop()
            for _ in range(300):
                url = stack.processes["cases"][-1].url
                try:
                    body = await graphql(url, CLOSE, {"input": {"caseId": case_id}}, token)
                except (httpx.HTTPError, ValueError):
                    await asyncio.sleep(0.2)
                    continue
                codes = {(e.get("extensions") or {}).get("code") for e in body.get("errors") or []}
                if not body.get("errors") or codes & {"CONFLICT", "INVALID_TRANSITION"}:
                    await asyncio.sleep(0.05)  # a steady burst, long enough to kill into
                    break
                await asyncio.sleep(0.2)
            else:
                raise AssertionError(f"could not close {case_id}")

    await asyncio.gather(*(closer() for _ in range(3)))


async def _parked(stack: Any, rabbit_url: str) -> int:
    import aio_pika

    connection = await aio_pika.connect(rabbit_url)
    try:
        total = 0
        for purpose in ("points.awards.dead", "points.projections.dead"):
            channel = await connection.channel()
            try:
                queue = await channel.declare_queue(f"{stack.prefix}{purpose}", passive=True)
                total += int(queue.declaration_result.message_count or 0)
            except aio_pika.exceptions.ChannelClosed:
                continue
        return total
    finally:
        await connection.close()
