"""Cases closed end to end, to the points they earn: a point rule for `case.closed` first, then

1. through the gateway: report → accept → assign → start → resolve, then `closeCase` from
   several clients at once, each timed from `closeCase` returning to its award existing in
   points' ledger;
2. at a fixed offered rate (default 200/s): resolved cases loaded with `importCases`, then
   closed by the cases service's own `close_case` use case, run in this process (its own
   `ServiceHost` on the stack's cases database and broker prefix, so its outbox relay is woken
   by each commit as in the service) with a rate limiter, each timed from the close committing
   to its award existing in the ledger. The gateway cannot offer 200 closes/s on this machine
   (one closeCase costs a gateway hop, a subgraph request and a transaction), so this part
   measures the event pipeline at that rate rather than the graph.

Each part starts its clock once the events its setup caused have passed through (cases' outbox
sent, points' queues empty): the steady state at the offered rate, not the setup's backlog.

    python -m bench.close_pipeline [--cases 100] [--clients 8] [--rate 200] [--rate-seconds 10]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import random
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from pymongo import AsyncMongoClient

from bench._common import CpuMeter, bench_stack, infrastructure_pids, machine, save, summary_ms
from bench.datagen import load_district
from bench.read_path import district_admin_token
from tests.support.imports import resolved_case
from tests.support.people_auth import admin_token
from tests.support.stack import Stack

REGISTER = """mutation($input: RegisterPersonInput!) {
  registerPerson(input: $input) { person { id } } }"""
ASSIGN_ROLE = """mutation($input: AssignRoleInput!) { assignRole(input: $input) { __typename } }"""
SET_PASSWORD = (
    """mutation($input: SetPasswordInput!) { setPassword(input: $input) { __typename } }"""
)
LOGIN = """mutation($input: LoginInput!) { login(input: $input) { accessToken } }"""
RULE = (
    """mutation($input: SetPointRuleInput!) { setPointRule(input: $input) { pointRule { id } } }"""
)
IMPORT = """mutation($input: ImportCasesInput!) { importCases(input: $input) { imported } }"""
AWARD_POINTS = 10
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


async def measure(
    stack: Stack, cases: int, clients: int, rate: float, rate_seconds: float, handlers: int
) -> dict[str, Any]:
    gateway = f"{stack.gateway.url}/graphql"
    token = await asyncio.to_thread(admin_token, gateway)
    district = await load_district(gateway, token, streets=1, communities=1, grids=1)
    grid = district.grids[0]
    # The platform admin is no staff: make it the district's admin to run the workflow.
    staff = await asyncio.to_thread(district_admin_token, gateway, token, district.district)
    graph = Graph(gateway, staff)
    mongo: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(stack.mongo_url)
    try:
        # A fresh stack awards nothing: every closing earns its handler points from here on.
        # Point rules are platform-wide: the platform admin sets them.
        await Graph(gateway, token).call(
            RULE, {"input": {"eventType": "case.closed", "points": AWARD_POINTS}}
        )
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
        figures: dict[str, Any] = {}
        if cases:
            figures["through_the_gateway"] = await _through_the_gateway(
                stack, mongo, graph, member, grid, person, cases, clients
            )
        if rate and rate_seconds:
            # A district's closings are spread over its grid members, not all one person's.
            members = [person] + [
                await _grid_member(graph, grid, n) for n in range(1, max(1, handlers))
            ]
            figures["fixed_rate"] = await _at_fixed_rate(
                stack, mongo, graph, staff, grid, members, rate, rate_seconds
            )
        await member.close()
        return figures
    finally:
        await graph.close()
        await mongo.close()


# Points' queues (grassroots_points.handlers: reactions and projections).
POINTS_QUEUES = ("points.awards", "points.projections")


async def _until_idle(
    stack: Stack, mongo: AsyncMongoClient[dict[str, Any]], limit: float = 300
) -> float:
    """Seconds until what the setup caused has passed through: nothing unsent in cases'
    outbox and nothing waiting in points' queues, three polls in a row (a message points holds
    unacknowledged is in neither count, so one idle poll is not enough). Importing 2,000 cases
    queues their whole histories, about 10,000 events: timed from the first close, that backlog
    would be counted as the closes' latency."""
    import aio_pika

    started = time.perf_counter()
    outbox = mongo[stack.database("cases")]["outbox"]
    connection = await aio_pika.connect(stack.amqp_url)
    try:
        idle = 0
        while idle < 3:
            if time.perf_counter() - started > limit:
                raise TimeoutError(f"the setup's events did not drain in {limit} s")
            waiting = await outbox.count_documents({"sentAt": None})
            async with connection.channel() as channel:
                for purpose in POINTS_QUEUES:
                    queue = await channel.declare_queue(f"{stack.prefix}{purpose}", passive=True)
                    waiting += int(queue.declaration_result.message_count or 0)
            idle = idle + 1 if waiting == 0 else 0
            await asyncio.sleep(0.2)
    finally:
        await connection.close()
    return round(time.perf_counter() - started, 2)


async def _grid_member(graph: Graph, grid: str, n: int) -> str:
    phone = f"138{random.randrange(10**8):08d}"
    data = await graph.call(
        REGISTER,
        {"input": {"name": f"Bench Grid Member {n}", "phone": phone, "orgUnitId": grid}},
    )
    person: str = data["registerPerson"]["person"]["id"]
    await graph.call(
        ASSIGN_ROLE, {"input": {"personId": person, "role": "GRID_MEMBER", "orgUnitId": grid}}
    )
    return person


async def _through_the_gateway(
    stack: Stack,
    mongo: AsyncMongoClient[dict[str, Any]],
    graph: Graph,
    member: Graph,
    grid: str,
    person: str,
    cases: int,
    clients: int,
) -> dict[str, Any]:
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
    drained = await _until_idle(stack, mongo)
    ledger = Watch(mongo[stack.database("points")]["ledger"], "caseId")
    await ledger.start()
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
    await _wait_for(ledger, ids, 120)
    await ledger.stop()
    lags = [ledger.seen[c] - returned[c] for c in ids if c in ledger.seen]
    last = max((ledger.seen[c] for c in ids if c in ledger.seen), default=started)
    entries = await mongo[stack.database("points")]["ledger"].count_documents(
        {"caseId": {"$in": ids}}
    )
    return {
        "cases": len(ids),
        "closing_clients": clients,
        "close_calls_per_s": round(len(ids) / closing, 1),
        "closed_to_ledger_per_s": round(len(lags) / (last - started), 1) if lags else 0,
        "cases_with_ledger_entry": len(lags),
        "ledger_entries_for_these_cases": entries,
        "latency_close_to_ledger_entry": summary_ms(lags),
        "setup_events_drained_in_s": drained,
    }


async def _at_fixed_rate(
    stack: Stack,
    mongo: AsyncMongoClient[dict[str, Any]],
    graph: Graph,
    staff: str,
    grid: str,
    members: list[str],
    rate: float,
    seconds: float,
) -> dict[str, Any]:
    # Imported late, so the gateway part runs without the cases package loaded here.
    from grassroots_cases.handlers.case_commands import close_case
    from grassroots_cases.handlers.composition import cases_ports
    from grassroots_cases.handlers.transitions import Transition
    from grassroots_cases.main import create_app
    from grassroots_cases.settings import CasesSettings
    from grassroots_kit.auth import principal_from_claims

    total = int(rate * seconds)
    tag = f"bench-{random.randrange(16**8):08x}"
    reported = datetime.now(UTC) - timedelta(hours=2)
    for offset in range(0, total, 200):
        items = [
            resolved_case(
                f"{tag}-{n}",
                f"Bench rate case {n}",
                grid,
                members[n % len(members)],
                reported,
                "Fixed by the bench",
            )
            for n in range(offset, min(total, offset + 200))
        ]
        await graph.call(IMPORT, {"input": {"cases": items}}, retry_not_found=True)
    cases_db = mongo[stack.database("cases")]
    ids = [
        str(doc["_id"])
        async for doc in cases_db["cases"].find({"importRef": {"$regex": f"^{tag}-"}}, {"_id": 1})
    ]
    assert len(ids) == total, f"imported {len(ids)} of {total}"
    drained = await _until_idle(stack, mongo)
    # The principal the service would build from the staff token (its claims, unverified here).
    claims = json.loads(base64.urlsafe_b64decode(staff.split(".")[1] + "=="))
    principal = principal_from_claims(claims)

    os.environ.update(stack.service_env("cases", port=1))  # never listens: no server here
    os.environ["SWEEP_SECONDS"] = "0"
    os.environ["LOG_LEVEL"] = "WARNING"
    app = create_app(CasesSettings())
    ledger = Watch(mongo[stack.database("points")]["ledger"], "caseId")
    await ledger.start()
    committed: dict[str, float] = {}
    failures: list[str] = []
    async with app.router.lifespan_context(app):
        host = app.state.host
        await asyncio.wait_for(host.wait_booted(), 60)
        ports = cases_ports(host)

        async def close(case_id: str) -> None:
            try:
                await close_case(ports, principal, Transition(case_id), None)
            except Exception as exc:
                failures.append(f"{type(exc).__name__}: {exc}"[:200])
                return
            committed[case_id] = time.perf_counter()

        # Open loop: each close starts at its scheduled time, whether or not the ones
        # before it have finished (a closed loop would offer less when the system slows).
        tasks: list[asyncio.Task[None]] = []
        meter = CpuMeter(_busy_processes(stack))
        ops_before = await _mongod_ops(mongo)
        meter.start()
        started = time.perf_counter()
        for n, case_id in enumerate(ids):
            delay = started + n / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(close(case_id)))
        offered = time.perf_counter() - started
        await asyncio.gather(*tasks)
        closing = max(committed.values(), default=started) - started
        await _wait_for(ledger, ids, 120)
        used = meter.stop()
        ops_after = await _mongod_ops(mongo)
    await ledger.stop()
    lags = [ledger.seen[c] - committed[c] for c in ids if c in ledger.seen and c in committed]
    last = max((ledger.seen[c] for c in ids if c in ledger.seen), default=started)
    entries = await mongo[stack.database("points")]["ledger"].count_documents(
        {"caseId": {"$in": ids}}
    )
    return {
        "cases": total,
        "offered_closes_per_s": round(total / offered, 1) if offered else None,
        "closes_committed_per_s": round(len(committed) / closing, 1) if closing else None,
        "close_failures": len(failures),
        "first_failures": failures[:3],
        "closed_to_ledger_per_s": round(len(lags) / (last - started), 1) if lags else 0,
        "cases_with_ledger_entry": len(lags),
        "ledger_entries_for_these_cases": entries,
        "latency_close_committed_to_ledger_entry": summary_ms(lags),
        "handlers": len(members),
        "setup_events_drained_in_s": drained,
        "consumer_workers": os.environ.get("CONSUMER_WORKERS", "default"),
        "driver": "cases' close_case use case in the bench process, open loop",
        # Where the CPU went, per closed case: whether this machine can offer the rate at all.
        "cpu_ms_per_close": {name: round(sec / total * 1000, 2) for name, sec in used.items()},
        # What mongod did per closed case (whole server: cases, its relay, points, the watch).
        "mongod_per_close": {
            name: round((ops_after[name] - ops_before.get(name, 0)) / total, 2)
            for name in ops_after
        },
    }


async def _mongod_ops(mongo: AsyncMongoClient[dict[str, Any]]) -> dict[str, int]:
    """mongod's operation and document counters (serverStatus), summed over the server."""
    status = await mongo.admin.command("serverStatus")
    counters = {f"op {k}": int(v) for k, v in status["opcounters"].items()}
    documents = status["metrics"]["document"]
    counters.update({f"docs {k}": int(v) for k, v in documents.items()})
    commits = status.get("transactions", {}).get("totalCommitted")
    if commits is not None:
        counters["transactions committed"] = int(commits)
    return counters


def _busy_processes(stack: Stack) -> dict[str, int]:
    """The processes the fixed-rate part keeps busy: this bench (the closing use case, its
    relay and the ledger watch), points, mongod and the broker."""
    points = stack.processes["points"][0].popen.pid
    return {"bench (driver)": os.getpid(), "points": points, **infrastructure_pids(stack)}


async def _wait_for(watch: Watch, ids: list[str], limit: float) -> None:
    deadline = time.perf_counter() + limit
    while not set(ids) <= watch.seen.keys() and time.perf_counter() < deadline:  # noqa: ASYNC110
        await asyncio.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rate", type=float, default=200, help="closes offered per second")
    parser.add_argument("--rate-seconds", type=float, default=10)
    parser.add_argument("--handlers", type=int, default=20, help="grid members sharing the cases")
    args = parser.parse_args()
    with bench_stack() as (stack, _):
        figures = asyncio.run(
            measure(stack, args.cases, args.clients, args.rate, args.rate_seconds, args.handlers)
        )
    save("close_pipeline", {"machine": machine(), **figures})


if __name__ == "__main__":
    main()
