"""Poison and schema-invalid events sent to a running points process are parked in
`points.projections.dead` with the reason, and consumption goes on."""

from __future__ import annotations

import asyncio
import json
import uuid
from pathlib import Path
from typing import Any

import aio_pika

from tests.faults._harness import Burst, assert_pipeline_whole, create_district, fault_stack, login
from tests.support.apps import eventually

POISON: dict[str, bytes] = {
    "not json": b"\x00\xffnot json at all",
    "not a CloudEvent": json.dumps({"hello": "world"}).encode(),
    "bad data": json.dumps(
        {
            "specversion": "1.0",
            "id": uuid.uuid4().hex,
            "source": "grassroots/people",
            "type": "orgunit.created",
            "time": "2026-11-23T10:00:00+00:00",
            "datacontenttype": "application/json",
            "data": {"id": {"$gt": ""}, "kind": "NOT_A_KIND", "path": "nope"},
        }
    ).encode(),
}


async def test_poison_is_parked_with_its_reason_and_consumption_goes_on(
    mongo_url: str, rabbit_url: str, tmp_path: Path
) -> None:
    async with fault_stack(mongo_url, rabbit_url, tmp_path) as stack:
        people = await asyncio.to_thread(stack.start_service, "people")
        await asyncio.to_thread(stack.start_service, "points")
        token = await login(people.url)
        district = await create_district(people.url, token, "Poison District")

        # Given poison published on the events exchange where points listens,
        connection = await aio_pika.connect(rabbit_url)
        try:
            channel = await connection.channel()
            exchange = await channel.get_exchange(f"{stack.prefix}grassroots.events")
            for body in POISON.values():
                await exchange.publish(aio_pika.Message(body), routing_key="orgunit.created")

            # when good events follow,
            burst = Burst(stack.processes["people"], token, district)
            await burst.run([f"Street {i:02}" for i in range(10)])

            # then each poison message is parked once, with a reason,
            dead = await channel.declare_queue(
                f"{stack.prefix}points.projections.dead", passive=True
            )
            parked: list[dict[str, Any]] = []

            async def all_parked() -> bool:
                message = await dead.get(fail=False, no_ack=True)
                if message is not None:
                    parked.append({"body": message.body, **dict(message.headers or {})})
                return len(parked) == len(POISON)

            await eventually(all_parked, timeout=60, interval=0.1)
        finally:
            await connection.close()
        assert sorted(p["body"] for p in parked) == sorted(POISON.values())
        assert all(str(p.get("x-death-reason", "")).strip() for p in parked), parked
        # and the good events were all applied, once.
        await assert_pipeline_whole(mongo_url, stack, consumers=("points",))
