"""What the cluster campaigns share: the clusters, a steady write load, its figures and the
checks every campaign ends with.

The clusters are the project's own (scripts/localstack/mongo_cluster.py and rabbit_cluster.py):
real members in network namespaces, so a member can be killed, restarted or cut off alone.
The load is what users do all day, through the gateway: streets created (people's outbox,
projected by cases and points), cases reported, resolved cases closed (each closing awards its
handler points) and rewards redeemed with those points. Every call's outcome and timing is
recorded, so a campaign can say how many calls failed during its fault and how long writes
were refused.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aio_pika
import httpx
import pytest
from pymongo import AsyncMongoClient

from scripts.localstack import netns
from scripts.localstack.mongo_cluster import MongoCluster
from scripts.localstack.rabbit_cluster import RabbitCluster
from tests.faults._harness import assert_pipeline_whole, create_district, login
from tests.faults.test_kill_nine_mid_awards import (
    ASSIGN,
    IMPORT,
    REGISTER,
    RULE,
    _district_admin,
    _imported_ids,
    _ok,
)
from tests.support import stack as stack_support
from tests.support.apps import eventually
from tests.support.imports import resolved_case
from tests.support.people_auth import ADMIN_PASSWORD, LOGIN, login_variables
from tests.support.stack import STACK_QUEUES, Process, Stack

UNIT = (
    """mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { orgUnit { id } } }"""
)
REPORT = """mutation($input: ReportCaseInput!) { reportCase(input: $input) { case { id } } }"""
CLOSE = """mutation($input: CloseCaseInput!) { closeCase(input: $input) { __typename } }"""
CREATE_REWARD = """mutation($input: CreateRewardInput!) {
  createReward(input: $input) { reward { id } } }"""
REDEEM = """mutation($input: RedeemRewardInput!) {
  redeemReward(input: $input) { redemption { id } } }"""
POINTS = 10
REWARD_COST = 5
MEMBERS = 3
# Where a campaign also writes its figures (one JSON file each): bench/cluster_faults.py sets
# it and prints the table; otherwise they are only printed (`pytest -s` shows them).
RESULTS_DIR = "CLUSTER_FAULTS_RESULTS"


def require_namespaces() -> None:
    """Cluster members need network namespaces; CI runs as root and has them."""
    reason = netns.available()
    if reason:
        pytest.skip(f"cluster campaigns need network namespaces: {reason}")


@contextlib.contextmanager
def mongo_cluster(workdir: Path) -> Iterator[MongoCluster]:
    require_namespaces()
    with MongoCluster.started(workdir / "mongo") as cluster:
        yield cluster


@contextlib.contextmanager
def rabbit_cluster(workdir: Path) -> Iterator[RabbitCluster]:
    require_namespaces()
    with RabbitCluster.started(workdir / "rabbit") as cluster:
        yield cluster


@contextlib.asynccontextmanager
async def cluster_stack(mongo_url: str, amqp_url: str, workdir: Path) -> AsyncIterator[Stack]:
    """The four services and the gateway against the given backing services (URLs may list
    every member); their databases are dropped afterwards (a cluster's queues go with it)."""
    stack = Stack(mongo_url, amqp_url, workdir)
    if "," in amqp_url:
        # The cluster is deleted with its queues; the session's end has nothing to clean there.
        stack_support.STARTED.remove((amqp_url, stack.prefix))
    try:
        for service in stack_support.SERVICES:
            await asyncio.to_thread(stack.start_service, service)
        await asyncio.to_thread(stack.start_gateway)
        yield stack
    finally:
        stack.stop()
        with contextlib.suppress(Exception):
            if "," not in amqp_url:
                await asyncio.wait_for(
                    stack_support.remove_stack_queues(amqp_url, stack.prefix), 30
                )
            client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
                mongo_url, serverSelectionTimeoutMS=5000
            )
            for service in stack_support.SERVICES:
                await client.drop_database(stack.database(service))
            await client.close()


@dataclass
class Call:
    kind: str
    started: float
    finished: float
    ok: bool
    error: str = ""


@dataclass
class Workload:
    """A steady load of writes on a stack: a street, a report and a closing every few tenths of
    a second, each retried by nobody (a failure is recorded, and the next write goes on)."""

    stack: Stack
    token: str = ""
    staff: str = ""
    district: str = ""
    grid: str = ""
    members: list[str] = field(default_factory=list)
    member_tokens: list[str] = field(default_factory=list)
    reward: str = ""
    to_close: list[str] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)
    redemptions: list[str] = field(default_factory=list)
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    def url(self, service: str) -> str:
        process: Process = self.stack.processes[service][-1]
        return process.url

    async def prepare(self, cases: int = 150) -> None:
        """A district with a grid, its members and a district admin, a point rule for closings
        and `cases` resolved cases handled by the members, waiting to be closed."""
        people = self.url("people")
        self.token = await login(people)
        self.district = await create_district(people, self.token, "Cluster District")
        community, self.grid = await _community_and_grid(people, self.token, self.district)
        self.staff = await _district_admin(people, self.token, self.district)
        for n in range(MEMBERS):
            member, token = await _signed_in(people, self.staff, self.grid, "GRID_MEMBER", n)
            self.members.append(member)
            self.member_tokens.append(token)
        _, catalog = await _signed_in(people, self.staff, community, "COMMUNITY_STAFF", MEMBERS)
        reward = {"orgUnitId": community, "name": "Rice 5 kg", "cost": REWARD_COST}
        created = await _ok(
            self.url("points"), CREATE_REWARD, {"input": {**reward, "stock": 100000}}, catalog
        )
        self.reward = created["createReward"]["reward"]["id"]
        rule = {"input": {"eventType": "case.closed", "points": POINTS}}
        await _ok(self.url("points"), RULE, rule, self.token)
        reported = datetime.now(UTC) - timedelta(hours=2)
        items = [
            resolved_case(
                f"cluster-{n}",
                f"Broken street lamp number {n}",
                self.grid,
                self.members[n % MEMBERS],
                reported,
                "Lamp replaced",
            )
            for n in range(cases)
        ]
        for start in range(0, cases, 100):
            batch = {"input": {"cases": items[start : start + 100]}}
            await _ok(self.url("cases"), IMPORT, batch, self.staff)
        ids = await _imported_ids_of(self.url("cases"), self.staff, cases)
        # Imported handlers earn nothing (issue 16); these closings are to look worked live.
        client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(self.stack.mongo_url)
        try:
            await client[self.stack.database("cases")]["cases"].update_many(
                {"_id": {"$in": ids}}, {"$unset": {"handlers.$[].imported": ""}}
            )
        finally:
            await client.close()
        self.to_close = list(ids)

    def start(self) -> None:
        self.tasks = [
            asyncio.create_task(self._loop("street", self._street, 0.25)),
            asyncio.create_task(self._loop("report", self._report, 0.3)),
            asyncio.create_task(self._loop("close", self._close, 0.2)),
            asyncio.create_task(self._loop("redeem", self._redeem, 0.4)),
        ]

    async def finish(self) -> None:
        self.stop.set()
        await asyncio.gather(*self.tasks)

    async def _loop(self, kind: str, write: Any, pause: float) -> None:
        n = 0
        async with httpx.AsyncClient(timeout=30) as client:
            while not self.stop.is_set():
                n += 1
                started = time.monotonic()
                try:
                    error = await write(client, n)
                except (httpx.HTTPError, ValueError) as exc:
                    error = type(exc).__name__
                if error is not None:  # None: nothing left to write of this kind
                    self.calls.append(Call(kind, started, time.monotonic(), not error, error))
                await asyncio.sleep(pause)

    async def _post(
        self,
        client: httpx.AsyncClient,
        service: str,
        query: str,
        variables: dict[str, Any],
        token: str = "",
    ) -> dict[str, Any]:
        # Through the gateway, as a user of the graph calls (setting up goes to the subgraphs).
        response = await client.post(
            f"{self.stack.gateway.url}/graphql",
            json={"query": query, "variables": variables},
            headers={"authorization": f"Bearer {token or self.staff}"},
        )
        body: dict[str, Any] = response.json()
        return body

    @staticmethod
    def _error(body: dict[str, Any]) -> str:
        """ "" for success, else the error codes (or, without a code, the message's start)."""
        errors = body.get("errors") or []
        if not errors and body.get("data"):
            return ""
        codes = {
            str((e.get("extensions") or {}).get("code") or str(e.get("message"))[:60])
            for e in errors
        }
        return ",".join(sorted(codes)) or "NO_DATA"

    async def _street(self, client: httpx.AsyncClient, n: int) -> str:
        street = {"kind": "STREET", "name": f"Load Street {n}", "parentId": self.district}
        variables = {"input": street}
        body = await self._post(client, "people", UNIT, variables)
        error = self._error(body)
        if not error:
            self.units.append(body["data"]["createOrgUnit"]["orgUnit"]["id"])
        return error

    async def _report(self, client: httpx.AsyncClient, n: int) -> str:
        variables = {
            "input": {
                "title": f"Pothole {n} outside building {n * 3}",
                "category": "ENVIRONMENT",
                "orgUnitId": self.grid,
            }
        }
        body = await self._post(client, "cases", REPORT, variables)
        error = self._error(body)
        if not error:
            self.reports.append(body["data"]["reportCase"]["case"]["id"])
        return error

    async def _close(self, client: httpx.AsyncClient, n: int) -> str | None:
        if not self.to_close:
            return None
        case_id = self.to_close[-1]
        body = await self._post(client, "cases", CLOSE, {"input": {"caseId": case_id}})
        error = self._error(body)
        if not error or error in {"CONFLICT", "INVALID_TRANSITION"}:
            # Closed now, or by an earlier call whose answer was lost: either way done.
            self.to_close.pop()
            if not error:
                self.closed.append(case_id)
            return ""
        return error

    async def _redeem(self, client: httpx.AsyncClient, n: int) -> str | None:
        """A member spends points they were awarded (skipped while they have too few)."""
        token = self.member_tokens[n % MEMBERS]
        variables = {"input": {"rewardId": self.reward, "quantity": 1}}
        body = await self._post(client, "points", REDEEM, variables, token)
        error = self._error(body)
        if not error:
            self.redemptions.append(body["data"]["redeemReward"]["redemption"]["id"])
            return ""
        if error == "BAD_USER_INPUT":  # not enough points yet: no fault's doing
            return None
        return error

    async def writes_succeeded(self, after: float, count: int = 3) -> bool:
        """Whether `count` writes that started after `after` succeeded."""
        return sum(1 for c in self.calls if c.ok and c.started >= after) >= count


async def _community_and_grid(url: str, token: str, district: str) -> tuple[str, str]:
    parent, made = district, []
    for kind in ("STREET", "COMMUNITY", "GRID"):
        unit = {"kind": kind, "name": f"Cluster {kind.title()}", "parentId": parent}
        parent = (await _ok(url, UNIT, {"input": unit}, token))["createOrgUnit"]["orgUnit"]["id"]
        made.append(parent)
    return made[1], made[2]


async def _signed_in(url: str, staff: str, unit: str, role: str, n: int) -> tuple[str, str]:
    """A person with `role` at `unit`, registered by `staff`, and their access token."""
    phone = f"1371111{n:04d}"
    person = {"name": f"Cluster {role.title()} {n}", "phone": phone, "orgUnitId": unit}
    data = await _ok(url, REGISTER, {"input": {**person, "password": ADMIN_PASSWORD}}, staff)
    person_id: str = data["registerPerson"]["person"]["id"]
    grant = {"personId": person_id, "role": role, "orgUnitId": unit}
    await _ok(url, ASSIGN, {"input": grant}, staff)
    login_data = await _ok(url, LOGIN, login_variables(phone=phone, password=ADMIN_PASSWORD), staff)
    return person_id, str(login_data["login"]["accessToken"])


async def _imported_ids_of(url: str, token: str, expected: int) -> list[str]:
    from tests.faults import test_kill_nine_mid_awards as awards

    saved = awards.CASES
    awards.CASES = expected  # _imported_ids checks the count it was written for
    try:
        return await _imported_ids(url, token)
    finally:
        awards.CASES = saved


@dataclass
class Figures:
    campaign: str
    fault_at: float
    calls: list[Call]
    drained_at: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        during = [c for c in self.calls if c.finished >= self.fault_at]
        failed = [c for c in during if not c.ok]
        errors: dict[str, int] = {}
        for c in failed:
            errors[c.error] = errors.get(c.error, 0) + 1
        # Writes succeed again when one that was sent after the fault began is answered
        # with success (one sent before may have been held and answered late).
        first_ok = min(
            (c.finished for c in during if c.ok and c.started >= self.fault_at),
            default=float("nan"),
        )
        succeeded: dict[str, int] = {}
        for c in self.calls:
            succeeded[c.kind] = succeeded.get(c.kind, 0) + int(c.ok)
        return {
            "campaign": self.campaign,
            "writes_succeeded": succeeded,
            "calls_after_fault": len(during),
            "errors_answered": len(failed),
            "error_codes": errors,
            "seconds_until_writes_succeed": round(first_ok - self.fault_at, 1),
            "slowest_call_seconds": round(
                max((c.finished - c.started for c in during), default=0), 1
            ),
            "seconds_until_drained": round(self.drained_at - self.fault_at, 1),
            **self.extra,
        }

    def record(self, stack: Stack | None = None) -> dict[str, Any]:
        figures = self.as_dict()
        if stack is not None:
            figures["masked_errors_logged"] = unexpected_errors(stack.workdir)
        print(f"\ncluster campaign figures: {json.dumps(figures)}")
        target = os.environ.get(RESULTS_DIR)
        if target:
            Path(target).mkdir(parents=True, exist_ok=True)
            (Path(target) / f"{self.campaign}.json").write_text(json.dumps(figures, indent=2))
        return figures


def unexpected_errors(workdir: Path) -> dict[str, int]:
    """The exceptions the services logged behind a masked "Internal server error", by class."""
    found: dict[str, int] = {}
    for log in workdir.glob("*.log"):
        for line in log.read_text(errors="replace").splitlines():
            if "unexpected error in resolver" not in line:
                continue
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            last = str(entry.get("exception", "")).strip().splitlines()[-1:] or ["?"]
            name = last[0].split(":", 1)[0]
            found[name] = found.get(name, 0) + 1
    return found


async def assert_cluster_whole(
    workload: Workload, amqp_urls: list[str], *, timeout: float = 180
) -> None:
    """The checks every campaign ends with, after its fault has healed:
    every write answered with success is in the database; every outbox event was delivered
    (each unit projected once by cases and points); every closed case awarded exactly once;
    every balance equal to its ledger; nothing parked in a `.dead` queue."""
    stack = workload.stack
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
        stack.mongo_url, serverSelectionTimeoutMS=30000
    )
    try:
        people = client[stack.database("people")]
        cases = client[stack.database("cases")]
        points = client[stack.database("points")]
        # Every acknowledged write survived (majority write concern: no rollback took it).
        stored_units = {d["_id"] async for d in people["org_units"].find({}, {"_id": 1})}
        assert set(workload.units) <= stored_units, set(workload.units) - stored_units
        stored_reports = {
            d["_id"]
            async for d in cases["cases"].find({"_id": {"$in": workload.reports}}, {"_id": 1})
        }
        assert stored_reports == set(workload.reports)
        closed = {
            d["_id"]
            async for d in cases["cases"].find({"status": "CLOSED"}, {"_id": 1, "handlers": 1})
        }
        assert set(workload.closed) <= closed, set(workload.closed) - closed
        # Every event left every outbox, and people's reached cases and points once each.
        for db in (people, cases, points):

            async def drained(db: Any = db) -> bool:
                return await db["outbox"].count_documents({"sentAt": None}) == 0

            await eventually(drained, timeout=timeout, interval=0.25)
        await assert_pipeline_whole(stack.mongo_url, stack, timeout=timeout)

        # Every closing awarded once: one ledger entry per closed case of the load.
        async def all_awarded() -> bool:
            entries = await points["ledger"].count_documents({"caseId": {"$in": list(closed)}})
            return entries >= len(closed)

        await eventually(all_awarded, timeout=timeout, interval=0.25)
        # Every redemption answered with success is there, with its one debit.
        redeemed = {d["_id"]: d async for d in points["redemptions"].find({})}
        assert workload.redemptions, "the load redeemed nothing"
        assert set(workload.redemptions) <= set(redeemed)
        debits: dict[str, int] = {}
        async for entry in points["ledger"].find({"kind": "REDEMPTION"}):
            debits[entry["redemptionId"]] = debits.get(entry["redemptionId"], 0) + 1
        assert debits == dict.fromkeys(redeemed, 1)
        per_case: dict[str, int] = {}
        async for entry in points["ledger"].find({"caseId": {"$in": list(closed)}}):
            assert (entry["kind"], entry["delta"]) == ("AWARD", POINTS), entry
            per_case[entry["caseId"]] = per_case.get(entry["caseId"], 0) + 1
        assert per_case == dict.fromkeys(closed, 1)
        # Balances equal their ledgers.
        sums = {
            d["_id"]: d["total"]
            async for d in await points["ledger"].aggregate(
                [{"$group": {"_id": "$personId", "total": {"$sum": "$delta"}}}]
            )
        }
        balances = {d["_id"]: d["balance"] async for d in points["accounts"].find({})}
        assert balances == sums
        spent = sum(int(d["cost"]) for d in redeemed.values())
        earned = sum(sums.get(m, 0) for m in workload.members) + spent
        assert earned == len(closed) * POINTS
    finally:
        await client.close()
    assert await parked(stack.prefix, amqp_urls) == {}


async def parked(prefix: str, amqp_urls: list[str]) -> dict[str, int]:
    """Messages in the stack's `.dead` queues, by queue (empty: nothing parked)."""
    from grassroots_kit.messaging.broker import FailoverConnection

    connection = FailoverConnection(amqp_urls)
    await connection.connect(timeout=10)
    found: dict[str, int] = {}
    try:
        for service, purposes in STACK_QUEUES.items():
            for purpose in purposes:
                name = f"{prefix}{service}.{purpose}.dead"
                channel = await connection.channel()
                try:
                    queue = await channel.declare_queue(name, passive=True)
                except aio_pika.exceptions.ChannelClosed:
                    continue
                count = int(queue.declaration_result.message_count or 0)
                if count:
                    found[name] = count
    finally:
        await connection.close()
    return found
