"""RabbitMQ stops for ~20 s in the middle of a burst (a private node: the machine's shared
broker is never touched); the services notice, keep accepting writes into the outbox, recover
on their own when it returns, and the pipeline ends whole."""

from __future__ import annotations

import asyncio
import itertools
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
from tests.support.private_rabbit import PrivateRabbit, rabbit_tool
from tests.support.stack import Process

OUTAGE_SECONDS = 20


@pytest.fixture
def private_rabbit() -> Iterator[PrivateRabbit]:
    if rabbit_tool("rabbitmq-server") is None:
        pytest.skip("rabbitmq-server is not installed: no private broker to stop")
    rabbit = PrivateRabbit()
    try:
        rabbit.start()
        yield rabbit
    finally:
        rabbit.destroy()


async def test_services_ride_out_a_broker_outage_during_a_burst(
    mongo_url: str, private_rabbit: PrivateRabbit, tmp_path: Path
) -> None:
    async with fault_stack(
        mongo_url, private_rabbit.url, tmp_path, rabbit_node=private_rabbit.node
    ) as stack:
        people = await asyncio.to_thread(stack.start_service, "people")
        points = await asyncio.to_thread(stack.start_service, "points")
        token = await login(people.url)
        district = await create_district(people.url, token, "Outage District")
        burst = Burst(stack.processes["people"], token, district)

        # Given a burst that runs until told to stop (a fixed list of streets could be done
        # before the broker is down), when the broker stops in the middle of it
        stop = asyncio.Event()
        names = (f"Street {i:04}" for i in itertools.count())
        running = asyncio.create_task(burst.run(names, stop=stop, pause=0.1))
        await eventually(lambda: _created(burst, 5), timeout=60)
        await asyncio.to_thread(private_rabbit.stop)
        # then both services say they are not ready, while people still takes writes,
        noticed = await _not_ready_within(people, 30) and await _not_ready_within(points, 10)
        during = len(burst.created)
        await asyncio.sleep(OUTAGE_SECONDS)
        assert len(burst.created) > during, "people stopped accepting writes without a broker"
        # and when the broker is back they become ready by themselves
        await asyncio.to_thread(private_rabbit.start)
        await readiness_goes(people, True, timeout=90)
        await readiness_goes(points, True, timeout=90)
        after = len(burst.created)
        await eventually(lambda: _created(burst, after + 5), timeout=60)
        stop.set()
        await running

        # and every unit reaches points once, with nothing left in the outbox.
        units = await assert_pipeline_whole(mongo_url, stack, consumers=("points",))
        assert units == 1 + len(burst.created)
        # Checked last, so a missing signal still shows whether recovery and invariants hold.
        assert noticed, "readiness stayed true while the broker was down"


async def _not_ready_within(process: Process, seconds: float) -> bool:
    """Whether readiness turns false within `seconds` (a probe, not an assertion)."""
    try:
        await readiness_goes(process, False, timeout=seconds)
    except AssertionError:
        return False
    return True


async def _created(burst: Burst, n: int) -> bool:
    return len(burst.created) >= n
