"""What the fault campaigns share: a stack on given backing services, bursts of org units that
tolerate a dying process, readiness watching and the pipeline's invariants."""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from pymongo import AsyncMongoClient

from tests.support.apps import eventually
from tests.support.people_auth import LOGIN, login_variables
from tests.support.private_rabbit import queues_with_prefix
from tests.support.rabbit import BrokerNamespace
from tests.support.stack import STACK_QUEUES, Process, Stack

CREATE = """mutation($input: CreateOrgUnitInput!) {
  createOrgUnit(input: $input) { orgUnit { id } } }"""
CONSUMERS = ("cases", "points")
# One TLS context for every client: building one per request loads the CA bundle (tens of ms of
# CPU on a busy machine); the campaigns only speak plain HTTP to localhost.
_TLS = ssl.create_default_context()


@contextlib.asynccontextmanager
async def fault_stack(
    mongo_url: str, amqp_url: str, workdir: Path, *, rabbit_node: str | None = None
) -> AsyncIterator[Stack]:
    stack = Stack(mongo_url, amqp_url, workdir)
    try:
        yield stack
    finally:
        stack.stop()
        with contextlib.suppress(Exception):
            namespace = BrokerNamespace(amqp_url, prefix=stack.prefix)
            namespace.queues.update(queues_with_prefix(stack.prefix, rabbit_node))
            for service, purposes in STACK_QUEUES.items():
                for purpose in purposes:
                    namespace.track(f"{stack.prefix}{service}.{purpose}")
            await asyncio.wait_for(namespace.cleanup(), 30)
        with contextlib.suppress(Exception):
            client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
                mongo_url, serverSelectionTimeoutMS=5000
            )
            for service in ("people", *CONSUMERS, "participation", "notifications"):
                await client.drop_database(stack.database(service))
            await client.close()


async def graphql(
    url: str, query: str, variables: dict[str, Any], token: str | None = None
) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    async with httpx.AsyncClient(timeout=30, verify=_TLS) as client:
        response = await client.post(
            f"{url}/graphql", json={"query": query, "variables": variables}, headers=headers
        )
    body: dict[str, Any] = response.json()
    return body


async def login(url: str) -> str:
    body = await graphql(url, LOGIN, login_variables())
    assert "errors" not in body, body
    return str(body["data"]["login"]["accessToken"])


async def create_district(url: str, token: str, name: str) -> str:
    body = await graphql(url, CREATE, {"input": {"kind": "DISTRICT", "name": name}}, token)
    assert "errors" not in body, body
    return str(body["data"]["createOrgUnit"]["orgUnit"]["id"])


@dataclass
class Burst:
    """Creates streets one after another; failures (a dead or cut-off service) are counted,
    not raised, because the campaign is about what survives them."""

    people: list[Process]
    token: str
    parent: str
    created: list[str] = field(default_factory=list)
    failed: int = 0

    @property
    def url(self) -> str:
        return self.people[-1].url

    async def run(
        self, names: Iterable[str], *, stop: asyncio.Event | None = None, pause: float = 0.0
    ) -> None:
        """Create a street per name, one after another, until the names run out or `stop` is
        set; `pause` seconds between creations keep an open-ended burst to a known rate."""
        for name in names:
            if stop is not None and stop.is_set():
                return
            if pause:
                await asyncio.sleep(pause)
            try:
                body = await graphql(
                    self.url,
                    CREATE,
                    {"input": {"kind": "STREET", "name": name, "parentId": self.parent}},
                    self.token,
                )
            except (httpx.HTTPError, ValueError):
                self.failed += 1
                await asyncio.sleep(0.2)
                continue
            if body.get("errors") or not body.get("data"):
                self.failed += 1
                await asyncio.sleep(0.2)
            else:
                self.created.append(body["data"]["createOrgUnit"]["orgUnit"]["id"])


async def ready(process: Process) -> bool:
    try:
        async with httpx.AsyncClient(timeout=3) as client:
            response = await client.get(f"{process.url}/health/ready")
    except httpx.HTTPError:
        return False
    return response.status_code == 200


async def readiness_goes(process: Process, expected: bool, timeout: float = 60) -> None:
    async def reached() -> bool:
        return await ready(process) is expected

    await eventually(reached, timeout=timeout, interval=0.25)


async def assert_pipeline_whole(
    mongo_url: str, stack: Stack, consumers: Sequence[str] = CONSUMERS, timeout: float = 90
) -> int:
    """Every unit people holds is projected by each consumer, every event of people's outbox
    was sent and recorded as processed exactly once by each consumer. Returns the unit count."""
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongo_url)
    try:
        people = client[stack.database("people")]
        units = {doc["_id"] async for doc in people["org_units"].find({}, {"_id": 1})}
        events = {
            doc["_id"]
            async for doc in people["outbox"].find({"type": "orgunit.created"}, {"_id": 1})
        }
        assert len(events) == len(units)

        async def nothing_stuck() -> bool:
            return await people["outbox"].count_documents({"sentAt": None}) == 0

        await eventually(nothing_stuck, timeout=timeout, interval=0.25)
        for service in consumers:
            db = client[stack.database(service)]

            async def projected(db: Any = db) -> bool:
                count: int = await db["org_units"].count_documents({})
                return count == len(units)

            await eventually(projected, timeout=timeout, interval=0.25)
            projected_ids = {doc["_id"] async for doc in db["org_units"].find({}, {"_id": 1})}
            assert projected_ids == units, service
            processed = [
                doc["_id"].split(":", 1)[1]
                async for doc in db["processed_events"].find({"type": "orgunit.created"})
            ]
            # Exactly once: one processed marker per event (the key is unique per purpose).
            assert sorted(processed) == sorted(events), service
        return len(units)
    finally:
        await client.close()
