"""Cases closed end to end: report → accept → assign → start → resolve through the gateway,
then `closeCase` with several clients at once, timed to points having applied its
`case.closed` (the award, when a point rule matches, is written in that same transaction).

    python -m bench.close_pipeline [--cases 100] [--clients 8]

Figures: closeCase calls per second, closed cases applied by points per second, and the
latency from `closeCase` returning to points having applied its `case.closed` (p50/p99); the
number of ledger entries written for those cases (0 when no point rule matches).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import time
from typing import Any

import httpx
from pymongo import AsyncMongoClient

from bench._common import bench_stack, machine, save, summary_ms
from bench.datagen import load_district
from bench.read_path import district_admin_token
from tests.support.people_auth import admin_token
from tests.support.stack import Stack

REGISTER = """mutation($input: RegisterPersonInput!) {
  registerPerson(input: $input) { person { id } } }"""
ASSIGN_ROLE = """mutation($input: AssignRoleInput!) { assignRole(input: $input) { __typename } }"""
SET_PASSWORD = (
    """mutation($input: SetPasswordInput!) { setPassword(input: $input) { __typename } }"""
)
LOGIN = """mutation($input: LoginInput!) { login(input: $input) { accessToken } }"""
REPORT = """mutation($input: ReportCaseInput!) { reportCase(input: $input) { case { id } } }"""
STEPS = {
    "acceptCase": "AcceptCaseInput",
    "assignCase": "AssignCaseInput",
    "startCase": "StartCaseInput",
    "resolveCase": "ResolveCaseInput",
    "closeCase": "CloseCaseInput",
}


class Graph:
    def __init__(self, url: str, token: str) -> None:
        self._url = url
        self._headers = {"authorization": f"Bearer {token}"}
        self._client = httpx.AsyncClient(timeout=60)

    async def call(
        self, query: str, variables: dict[str, Any], retry_not_found: bool = False
    ) -> dict[str, Any]:
        for _ in range(300):
            response = await self._client.post(
                self._url, json={"query": query, "variables": variables}, headers=self._headers
            )
            body: dict[str, Any] = response.json()
            codes = {(e.get("extensions") or {}).get("code") for e in body.get("errors") or []}
            # A projection (the unit, the person) may not have reached cases yet; a hot
            # counter may conflict: both are worth another try.
            if retry_not_found and codes & {"NOT_FOUND", "DOWNSTREAM_SERVICE_ERROR"}:
                await asyncio.sleep(0.1)
                continue
            if body.get("errors"):
                raise RuntimeError(str(body["errors"])[:400])
            data: dict[str, Any] = body["data"]
            return data
        raise RuntimeError(f"gave up: {body}")

    async def step(self, name: str, case_id: str, **extra: Any) -> None:
        query = f"mutation($input: {STEPS[name]}!) {{ {name}(input: $input) {{ __typename }} }}"
        await self.call(query, {"input": {"caseId": case_id, **extra}}, retry_not_found=True)

    async def close(self) -> None:
        await self._client.aclose()


class Watch:
    """First time each case shows up in a points collection (by the field naming the case)."""

    def __init__(self, collection: Any, key: str, only_type: str | None = None) -> None:
        self._collection = collection
        self._key = key
        self._type = only_type
        self.seen: dict[str, float] = {}
        self._ready = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run())
        await asyncio.wait_for(self._ready.wait(), 30)

    async def _run(self) -> None:
        match: dict[str, Any] = {"operationType": "insert"}
        if self._type:
            match["fullDocument.type"] = self._type
        async with await self._collection.watch([{"$match": match}]) as s:
            self._ready.set()
            async for change in s:
                value = change["fullDocument"].get(self._key)
                if isinstance(value, str):
                    self.seen.setdefault(value, time.perf_counter())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)


async def measure(stack: Stack, cases: int, clients: int) -> dict[str, Any]:
    gateway = f"{stack.gateway.url}/graphql"
    token = await asyncio.to_thread(admin_token, gateway)
    district = await load_district(gateway, token, streets=1, communities=1, grids=1)
    grid = district.grids[0]
    # The platform admin is no staff: make it the district's admin to run the workflow.
    staff = await asyncio.to_thread(district_admin_token, gateway, token, district.district)
    graph = Graph(gateway, staff)
    mongo: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(stack.mongo_url)
    try:
        phone = f"139{random.randrange(10**8):08d}"
        person = (
            await graph.call(
                REGISTER,
                {
                    "input": {
                        "name": "Bench Grid Member",
                        "phone": phone,
                        "orgUnitId": grid,
                    }
                },
            )
        )["registerPerson"]["person"]["id"]
        await graph.call(
            ASSIGN_ROLE, {"input": {"personId": person, "role": "GRID_MEMBER", "orgUnitId": grid}}
        )
        await graph.call(
            SET_PASSWORD, {"input": {"personId": person, "newPassword": "bench-password-1"}}
        )
        login = await graph.call(LOGIN, {"input": {"phone": phone, "password": "bench-password-1"}})
        member = Graph(gateway, login["login"]["accessToken"])
        ids: list[str] = []
        work = asyncio.Semaphore(4)

        async def prepare(n: int) -> None:
            async with work:
                data = await graph.call(
                    REPORT,
                    {
                        "input": {
                            "title": f"Bench case {n}",
                            "category": "ENVIRONMENT",
                            "orgUnitId": grid,
                        }
                    },
                    retry_not_found=True,
                )
                case_id = data["reportCase"]["case"]["id"]
                await graph.step("acceptCase", case_id)
                await graph.step("assignCase", case_id, assigneeId=person)
                await member.step("startCase", case_id)
                await member.step("resolveCase", case_id, resolution="Fixed by the bench")
                ids.append(case_id)

        await asyncio.gather(*(prepare(n) for n in range(cases)))
        points = mongo[stack.database("points")]
        applied = Watch(points["processed_events"], "_id", only_type="case.closed")
        await applied.start()
        returned: dict[str, float] = {}
        queue = list(ids)

        async def closer() -> None:
            while queue:
                case_id = queue.pop()
                await graph.step("closeCase", case_id)
                returned[case_id] = time.perf_counter()

        started = time.perf_counter()
        await asyncio.gather(*(closer() for _ in range(clients)))
        closing = time.perf_counter() - started
        deadline = time.perf_counter() + 120
        while len(applied.seen) < len(ids) and time.perf_counter() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
        await applied.stop()
        # processed_events keys are `<purpose>:<event id>`; cases' outbox maps events to cases.
        case_of = {
            doc["_id"]: json.loads(doc["body"])["subject"]
            async for doc in mongo[stack.database("cases")]["outbox"].find({"type": "case.closed"})
        }
        seen = {case_of.get(key.split(":", 1)[1], key): at for key, at in applied.seen.items()}
        lags = [seen[c] - returned[c] for c in ids if c in seen]
        last = max(seen.values(), default=started)
        awards = await points["ledger"].count_documents({"caseId": {"$in": ids}})
        return {
            "cases": len(ids),
            "closing_clients": clients,
            "close_calls_per_s": round(len(ids) / closing, 1),
            "closed_applied_in_points_per_s": round(len(lags) / (last - started), 1) if lags else 0,
            "applied_in_points": len(lags),
            "ledger_entries_for_these_cases": awards,
            "latency_close_to_points_applied": summary_ms(lags),
        }
    finally:
        await graph.close()
        await mongo.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    with bench_stack() as (stack, _):
        figures = asyncio.run(measure(stack, args.cases, args.clients))
    save("close_pipeline", {"machine": machine(), **figures})


if __name__ == "__main__":
    main()
