"""mongod stops in the middle of a burst and comes back on the same port and data (a private
mongod, not the session's); the services notice, recover on their own, and the pipeline ends
whole."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults._harness import (
    Burst,
    assert_pipeline_whole,
    create_district,
    fault_stack,
    login,
    readiness_goes,
)
from tests.support.apps import eventually
from tests.support.mongod import MongoServer, start_mongod
from tests.support.mongod_control import restart, stop_keeping_data

OUTAGE_SECONDS = 8


@pytest.fixture
def private_mongod() -> Iterator[MongoServer]:
    server = start_mongod()
    try:
        yield server
    finally:
        server.stop()


async def test_services_ride_out_a_database_outage_during_a_burst(
    private_mongod: MongoServer, rabbit_url: str, tmp_path: Path
) -> None:
    async with fault_stack(private_mongod.url, rabbit_url, tmp_path) as stack:
        people = await asyncio.to_thread(stack.start_service, "people")
        points = await asyncio.to_thread(stack.start_service, "points")
        token = await login(people.url)
        district = await create_district(people.url, token, "Database Outage District")
        burst = Burst(stack.processes["people"], token, district)

        # Given a burst running, when mongod stops in the middle of it
        running = asyncio.create_task(burst.run([f"Street {i:03}" for i in range(150)]))
        await eventually(lambda: _created(burst, 5), timeout=60)
        await asyncio.to_thread(stop_keeping_data, private_mongod)
        assert not running.done(), "the burst ended before the outage began"
        # then both services say they are not ready,
        await readiness_goes(people, False)
        await readiness_goes(points, False)
        await asyncio.sleep(OUTAGE_SECONDS)
        # and when it is back on the same port and data they become ready by themselves
        await asyncio.to_thread(restart, private_mongod)
        await readiness_goes(people, True, timeout=90)
        await readiness_goes(points, True, timeout=90)
        await running

        # and every unit people committed reaches points once; nothing stays in the outbox.
        units = await assert_pipeline_whole(private_mongod.url, stack, consumers=("points",))
        assert units >= 1 + len(burst.created)


async def _created(burst: Burst, n: int) -> bool:
    return len(burst.created) >= n
