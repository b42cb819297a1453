"""An upgrade, as it looks to the services: every MongoDB member and then every RabbitMQ node
is restarted in turn, one at a time, while a steady load of writes runs; nothing acknowledged
is lost and every event is applied once.

Both clusters are real (scripts/localstack/), the services' URLs name every member. Each
restart is clean (SIGTERM to mongod, `rabbitmqctl stop`), as an orchestrator's would be, and
the next waits until the cluster is whole again."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from tests.faults._cluster import (
    Figures,
    Workload,
    assert_cluster_whole,
    cluster_stack,
    mongo_cluster,
    rabbit_cluster,
)
from tests.support.apps import eventually

pytestmark = [pytest.mark.slow, pytest.mark.cluster, pytest.mark.timeout(900)]


async def test_restarting_every_member_in_turn_under_load_loses_nothing(tmp_path: Path) -> None:
    with mongo_cluster(tmp_path) as mongo, rabbit_cluster(tmp_path) as rabbit:
        async with cluster_stack(mongo.url, rabbit.url, tmp_path) as stack:
            load = Workload(stack)
            await load.prepare(cases=200)
            load.start()
            await eventually(lambda: load.writes_succeeded(0, 10), timeout=60)
            fault_at = time.monotonic()
            # Each MongoDB member in turn, secondaries first and the primary last (as the
            # operator's rolling upgrade does), each back and caught up before the next,
            primary = await asyncio.to_thread(mongo.primary)
            order = [i for i in (1, 2, 3) if i != primary] + [primary]
            for member in order:
                await asyncio.to_thread(mongo.restart, member)
                await asyncio.to_thread(mongo.wait_all_healthy, 180)
                back = time.monotonic()
                await eventually(lambda back=back: load.writes_succeeded(back, 3), timeout=90)
            mongo_done = time.monotonic()
            # then each RabbitMQ node in turn, each rejoined before the next.
            for node in (1, 2, 3):
                await asyncio.to_thread(rabbit.restart, node)
                back = time.monotonic()
                await eventually(lambda back=back: load.writes_succeeded(back, 3), timeout=90)
            rabbit_done = time.monotonic()
            await load.finish()
            await assert_cluster_whole(load, rabbit.urls)
            figures = Figures("rolling-restart", fault_at, load.calls, time.monotonic())
            figures.extra["seconds_restarting_mongo"] = round(mongo_done - fault_at, 1)
            figures.extra["seconds_restarting_rabbit"] = round(rabbit_done - mongo_done, 1)
            figures.record(stack)
