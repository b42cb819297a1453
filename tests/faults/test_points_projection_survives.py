"""The points projection loses nothing when points dies, and two replicas share the work."""

from __future__ import annotations

import asyncio
import functools
import re
import signal
import urllib.request
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from pymongo import AsyncMongoClient

from tests.support.apps import eventually
from tests.support.people_auth import admin_token
from tests.support.rabbit import BrokerNamespace
from tests.support.stack import STACK_QUEUES, Stack, post_graphql

CREATE = """mutation($input: CreateOrgUnitInput!) {
  createOrgUnit(input: $input) { orgUnit { id } } }"""


@pytest.fixture
async def stack(mongo_url: str, rabbit_url: str, tmp_path: Path) -> AsyncIterator[Stack]:
    stack = Stack(mongo_url, rabbit_url, tmp_path)
    try:
        yield stack
    finally:
        stack.stop()
        namespace = BrokerNamespace(rabbit_url, prefix=stack.prefix)
        for purpose in STACK_QUEUES["points"]:
            namespace.track(f"{stack.prefix}points.{purpose}")
        await namespace.cleanup()
        client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(mongo_url)
        for service in ("people", "points"):
            await client.drop_database(stack.database(service))
        await client.close()


def applied_events(url: str) -> float:
    with urllib.request.urlopen(f"{url}/metrics", timeout=5) as response:
        text = response.read().decode()
    pattern = r'grassroots_events_handled_total\{outcome="applied",queue="[^"]+"\} (\S+)'
    return sum(float(v) for v in re.findall(pattern, text))


async def create_units(people_url: str, parent: str, names: list[str]) -> None:
    token = await asyncio.to_thread(admin_token, f"{people_url}/graphql")
    for name in names:
        body = await asyncio.to_thread(
            functools.partial(
                post_graphql,
                f"{people_url}/graphql",
                CREATE,
                {"input": {"kind": "STREET", "name": name, "parentId": parent}},
                token=token,
            )
        )
        assert "errors" not in body, body


async def test_killing_points_mid_burst_loses_no_event_and_two_replicas_apply_each_once(
    stack: Stack, mongo_url: str
):
    people = stack.start_service("people")
    first = stack.start_service("points")
    second = stack.start_service("points")
    district = post_graphql(
        f"{people.url}/graphql",
        CREATE,
        {"input": {"kind": "DISTRICT", "name": "Fault District"}},
        token=admin_token(f"{people.url}/graphql"),
    )["data"]["createOrgUnit"]["orgUnit"]["id"]
    client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(mongo_url)
    projection = client[stack.database("points")]["org_units"]
    processed = client[stack.database("points")]["processed_events"]
    try:
        # Given a burst of org units, when one points replica is killed -9 in the middle of it
        burst = asyncio.create_task(
            create_units(people.url, district, [f"Street {i:03}" for i in range(60)])
        )
        await eventually(lambda: projection.count_documents({}), timeout=30)
        first.kill(signal.SIGKILL)
        await burst
        # and started again afterwards,
        restarted = stack.start_service("points")

        # then the projection is complete: 61 units, each event recorded once.
        async def complete() -> bool:
            return await projection.count_documents({}) == 61

        await eventually(complete, timeout=60)
        assert await processed.count_documents({}) == 61

        # When both live replicas consume a second burst,
        before = applied_events(second.url) + applied_events(restarted.url)
        await create_units(people.url, district, [f"Lane {i:03}" for i in range(40)])

        async def all_applied() -> bool:
            return await projection.count_documents({}) == 101

        await eventually(all_applied, timeout=60)
        await asyncio.sleep(1)
        after = applied_events(second.url) + applied_events(restarted.url)

        # then each event was applied exactly once between them.
        assert after - before == 40
        assert await processed.count_documents({}) == 101
    finally:
        await client.close()
