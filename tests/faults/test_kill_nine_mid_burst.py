"""Kill -9 the publisher (people, relay running) and a consumer (cases) in the middle of a
burst, restart them, and nothing is lost, stuck or applied twice."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

from tests.faults._harness import Burst, assert_pipeline_whole, create_district, fault_stack, login
from tests.support.apps import eventually


async def test_killing_people_then_cases_mid_burst_loses_and_duplicates_nothing(
    mongo_url: str, rabbit_url: str, tmp_path: Path
) -> None:
    async with fault_stack(mongo_url, rabbit_url, tmp_path) as stack:
        people = await asyncio.to_thread(stack.start_service, "people")
        await asyncio.to_thread(stack.start_service, "cases")
        await asyncio.to_thread(stack.start_service, "points")
        token = await login(people.url)
        district = await create_district(people.url, token, "Kill Nine District")
        burst = Burst(stack.processes["people"], token, district)

        # Given a burst through people, when people is killed -9 while it runs
        running = asyncio.create_task(burst.run([f"Street {i:03}" for i in range(40)]))
        await eventually(lambda: _created(burst, 10), timeout=60)
        people.kill(signal.SIGKILL)
        await running
        # and started again, and a second burst runs while cases is killed -9,
        await asyncio.to_thread(stack.start_service, "people")
        cases = stack.processes["cases"][0]
        running = asyncio.create_task(burst.run([f"Lane {i:03}" for i in range(40)]))
        await eventually(lambda: _created(burst, 50), timeout=60)
        cases.kill(signal.SIGKILL)
        await running
        await asyncio.to_thread(stack.start_service, "cases")

        # then every unit people committed reaches both projections, once each.
        units = await assert_pipeline_whole(mongo_url, stack)
        assert units >= 1 + len(burst.created)


async def _created(burst: Burst, n: int) -> bool:
    return len(burst.created) >= n
