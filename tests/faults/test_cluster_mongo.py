"""The MongoDB primary dies, or is cut off, under a steady load of writes; a new primary is
elected, the services go on with it, and nothing acknowledged is lost.

Three real members (scripts/localstack/mongo_cluster.py), the services' MONGODB_URL naming all
three; RabbitMQ is the machine's. Each campaign ends with the checks of
tests/faults/_cluster.py and records its figures (tests/faults/README.md)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from pymongo import AsyncMongoClient

from scripts.localstack.mongo_cluster import MongoCluster
from tests.faults._cluster import (
    Figures,
    Workload,
    assert_cluster_whole,
    cluster_stack,
    mongo_cluster,
)
from tests.support.apps import eventually

pytestmark = [pytest.mark.slow, pytest.mark.cluster, pytest.mark.timeout(600)]
PARTITION_SECONDS = 20


async def test_killing_the_primary_mid_burst_loses_no_acknowledged_write(
    rabbit_url: str, tmp_path: Path
) -> None:
    with mongo_cluster(tmp_path) as cluster:
        async with cluster_stack(cluster.url, rabbit_url, tmp_path) as stack:
            load = Workload(stack)
            await load.prepare()
            # Given a steady load of writes on a healthy set,
            load.start()
            await eventually(lambda: load.writes_succeeded(0, 15), timeout=60)
            # when the primary is killed -9 in the middle of it,
            old = await asyncio.to_thread(cluster.primary)
            assert old is not None
            fault_at = time.monotonic()
            await asyncio.to_thread(cluster.kill, old)
            # then the other two elect a primary, and writes succeed again through it,
            new = await asyncio.to_thread(cluster.wait_primary, 90, besides=old)
            elected_at = time.monotonic()
            await eventually(lambda: load.writes_succeeded(elected_at, 6), timeout=90)
            # and when the dead member comes back it catches up and the set is whole.
            await asyncio.to_thread(cluster.start, old)
            await asyncio.to_thread(cluster.wait_all_healthy, 180)
            whole_at = time.monotonic()
            await eventually(lambda: load.writes_succeeded(whole_at, 3), timeout=90)
            await load.finish()
            # Nothing acknowledged is missing, every event delivered and applied once.
            await assert_cluster_whole(load, [rabbit_url])
            figures = Figures("mongo-kill-primary", fault_at, load.calls, time.monotonic())
            figures.extra["seconds_until_new_primary"] = round(elected_at - fault_at, 1)
            figures.extra["new_primary"] = new
            figures.record(stack)


async def test_a_primary_cut_off_steps_down_and_no_acknowledged_write_rolls_back(
    rabbit_url: str, tmp_path: Path
) -> None:
    with mongo_cluster(tmp_path) as cluster:
        async with cluster_stack(cluster.url, rabbit_url, tmp_path) as stack:
            load = Workload(stack)
            await load.prepare()
            load.start()
            await eventually(lambda: load.writes_succeeded(0, 15), timeout=60)
            # When the primary is cut off from the other members and every client,
            old = await asyncio.to_thread(cluster.primary)
            assert old is not None
            # (a client on the old primary's side of the cut, connected before it)
            writer = await asyncio.to_thread(_minority_side_client, cluster, old)
            fault_at = time.monotonic()
            await asyncio.to_thread(cluster.cut, old)
            # it still believes itself primary for a moment: a w:1 write on its side is
            # acknowledged, and a majority write is not (no majority can see it),
            minority = await asyncio.to_thread(_write_now, writer)
            assert minority == {"w1": "acknowledged", "majority": "refused"}, minority
            # the other two elect a primary and the load's writes succeed again through it;
            new = await asyncio.to_thread(cluster.wait_primary, 90, besides=old)
            elected_at = time.monotonic()
            await eventually(lambda: load.writes_succeeded(elected_at, 6), timeout=90)
            await asyncio.sleep(max(0.0, PARTITION_SECONDS - (time.monotonic() - fault_at)))
            # when the partition heals the old primary rejoins as a secondary, rolling back
            # the w:1 write nobody else had: only what a majority held survives.
            await asyncio.to_thread(cluster.heal, old)
            healed_at = time.monotonic()
            await asyncio.to_thread(cluster.wait_all_healthy, 180)
            whole_at = time.monotonic()
            await eventually(lambda: load.writes_succeeded(whole_at, 3), timeout=90)
            await load.finish()
            assert await _minority_writes_left(cluster) == []
            assert list((cluster.dbpath(old) / "rollback").rglob("*.bson")), "no rollback file"
            await assert_cluster_whole(load, [rabbit_url])
            figures = Figures("mongo-partition-primary", fault_at, load.calls, time.monotonic())
            figures.extra["seconds_until_new_primary"] = round(elected_at - fault_at, 1)
            figures.extra["partition_seconds"] = round(healed_at - fault_at, 1)
            figures.extra["new_primary"] = new
            figures.record(stack)


MINORITY_DB = "cluster_minority_side"
_MINORITY_WRITER = """
import json, sys
from pymongo import MongoClient
from pymongo.errors import PyMongoError
from pymongo.write_concern import WriteConcern

client = MongoClient("mongodb://127.0.0.1:27017/?directConnection=true",
                     serverSelectionTimeoutMS=3000)
things = client[%r]["things"]
client.admin.command("ping")
print("ready", flush=True)
sys.stdin.readline()
outcome = {}
for name, concern in (("w1", WriteConcern(w=1)),
                      ("majority", WriteConcern(w="majority", wtimeout=3000))):
    try:
        things.with_options(write_concern=concern).insert_one({"_id": name})
        outcome[name] = "acknowledged"
    except PyMongoError as exc:
        outcome[name] = "refused"
print(json.dumps(outcome), flush=True)
"""


def _minority_side_client(cluster: MongoCluster, member: int) -> subprocess.Popen[str]:
    """A client inside the member's network namespace (on its side of any cut), connected
    and waiting for a line on stdin to write once with w:1 and once with w:majority."""
    writer = subprocess.Popen(
        cluster.net.argv(member, [sys.executable, "-c", _MINORITY_WRITER % MINORITY_DB]),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "ready"
    return writer


def _write_now(writer: subprocess.Popen[str]) -> dict[str, Any]:
    out, _ = writer.communicate("go\n", timeout=60)
    outcome: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return outcome


async def _minority_writes_left(cluster: MongoCluster) -> list[Any]:
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(cluster.url)
    try:
        return [doc["_id"] async for doc in client[MINORITY_DB]["things"].find({})]
    finally:
        await client.close()
