"""A RabbitMQ node dies, or is cut off, while the services publish and consume under a steady
load; they move to a live node, quorum queues elect new leaders, and no event is lost or
applied twice.

Three real nodes (scripts/localstack/rabbit_cluster.py), the services' AMQP_URL naming all
three; MongoDB is the test session's. Each campaign ends with the checks of
tests/faults/_cluster.py and records its figures (tests/faults/README.md)."""

from __future__ import annotations

import asyncio
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from pymongo import AsyncMongoClient

from tests.faults._cluster import (
    Figures,
    Workload,
    assert_cluster_whole,
    cluster_stack,
    rabbit_cluster,
)
from tests.support.apps import eventually

pytestmark = [pytest.mark.slow, pytest.mark.cluster, pytest.mark.timeout(600)]
PARTITION_SECONDS = 20
DOWN_SECONDS = 10


async def test_killing_the_node_leading_the_points_queue_mid_drain_loses_no_event(
    mongo_url: str, tmp_path: Path
) -> None:
    with rabbit_cluster(tmp_path) as cluster:
        async with cluster_stack(mongo_url, cluster.url, tmp_path) as stack:
            load = Workload(stack)
            await load.prepare()
            awards = f"{stack.prefix}points.awards"
            client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongo_url)
            ledger = client[stack.database("points")]["ledger"]
            try:
                # Given a steady load, with points awarding the closings as they come,
                load.start()

                async def awarding() -> bool:
                    return await ledger.count_documents({}) >= 10

                await eventually(awarding, timeout=90, interval=0.1)
                # (the awards queue is a quorum queue with a replica on each node)
                assert await asyncio.to_thread(cluster.members, awards) == {1, 2, 3}
                # when the node leading the awards queue is killed -9,
                leader = await asyncio.to_thread(cluster.leader, awards)
                fault_at = time.monotonic()
                await asyncio.to_thread(cluster.kill, leader)
                awarded_at_kill = await ledger.count_documents({})

                async def awarding_again() -> bool:
                    return await ledger.count_documents({}) > awarded_at_kill

                await eventually(awarding_again, timeout=120, interval=0.1)
                flowing_at = time.monotonic()
                # then the queue gets a leader among the other two and the load goes on,
                await eventually(
                    lambda: _led_elsewhere(cluster, awards, leader), timeout=90, interval=0.5
                )
                moved_at = time.monotonic()
                await eventually(lambda: load.writes_succeeded(moved_at, 6), timeout=90)
                await asyncio.sleep(max(0.0, DOWN_SECONDS - (time.monotonic() - fault_at)))
                # and when the node comes back it rejoins the cluster.
                await asyncio.to_thread(cluster.start, leader)
                await asyncio.to_thread(cluster.wait_cluster, 180)
                whole_at = time.monotonic()
                await eventually(lambda: load.writes_succeeded(whole_at, 3), timeout=90)
                await load.finish()
                # Every closing was awarded once, none lost with the node, none twice.
                await assert_cluster_whole(load, cluster.urls)
                assert awarded_at_kill < len(load.closed)
                figures = Figures("rabbit-kill-leader", fault_at, load.calls, time.monotonic())
                figures.extra["seconds_until_new_leader"] = round(moved_at - fault_at, 1)
                figures.extra["seconds_until_awards_flow"] = round(flowing_at - fault_at, 1)
                figures.record(stack)
            finally:
                await client.close()


async def test_a_node_cut_off_for_twenty_seconds_loses_no_event(
    mongo_url: str, tmp_path: Path
) -> None:
    with rabbit_cluster(tmp_path) as cluster:
        async with cluster_stack(mongo_url, cluster.url, tmp_path) as stack:
            load = Workload(stack)
            await load.prepare()
            load.start()
            await eventually(lambda: load.writes_succeeded(0, 15), timeout=60)
            # When the node every service connected to first is cut off for 20 s,
            fault_at = time.monotonic()
            await asyncio.to_thread(cluster.cut, 1)
            await asyncio.sleep(PARTITION_SECONDS)
            # and the partition heals,
            await asyncio.to_thread(cluster.heal, 1)
            await asyncio.to_thread(cluster.wait_cluster, 240)
            whole_at = time.monotonic()
            await eventually(lambda: load.writes_succeeded(whole_at, 3), timeout=90)
            await load.finish()
            # then every event is delivered and applied once.
            await assert_cluster_whole(load, cluster.urls)
            Figures("rabbit-partition-node", fault_at, load.calls, time.monotonic()).record(stack)


async def _led_elsewhere(cluster: Any, queue: str, old: int) -> bool:
    try:
        return await asyncio.to_thread(cluster.leader, queue) != old
    except (LookupError, RuntimeError, subprocess.TimeoutExpired):
        return False
