"""The event pipeline end to end: people's outbox → relay → RabbitMQ → points' consumer →
projection, with org units created through people's graph.

    python -m bench.pipeline [--latency-events 100] [--drain-events 400]

Two figures: the latency from `createOrgUnit` returning to the unit existing in points'
projection (p50/p99, creations one after another), and the drain rate: events queued while
points is down, then consumed and projected as fast as one points process can.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import time
from typing import Any

import httpx
from pymongo import AsyncMongoClient

from bench._common import (
    CpuMeter,
    bench_stack,
    infrastructure_pids,
    machine,
    save,
    start_py_spy,
    summary_ms,
)
from bench.read_path import hot_spots
from tests.support.people_auth import admin_token
from tests.support.stack import Stack

CREATE = """mutation($input: CreateOrgUnitInput!) {
  createOrgUnit(input: $input) { orgUnit { id } } }"""


class Arrivals:
    """Watches a projection collection and notes when each document first appears."""

    def __init__(self, client: AsyncMongoClient[dict[str, Any]], db: str, collection: str) -> None:
        self._collection = client[db][collection]
        self.seen: dict[str, float] = {}
        self._ready = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Arrivals:
        self._task = asyncio.create_task(self._watch())
        await asyncio.wait_for(self._ready.wait(), 30)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)

    async def _watch(self) -> None:
        pipeline = [{"$match": {"operationType": {"$in": ["insert", "replace", "update"]}}}]
        async with await self._collection.watch(pipeline) as stream:
            self._ready.set()
            async for change in stream:
                key = str(change["documentKey"]["_id"])
                self.seen.setdefault(key, time.perf_counter())

    async def wait_for(self, ids: set[str], limit: float = 300) -> None:
        deadline = time.perf_counter() + limit
        while not ids <= self.seen.keys():
            if time.perf_counter() > deadline:
                missing = len(ids - self.seen.keys())
                raise TimeoutError(f"{missing} of {len(ids)} events never projected")
            await asyncio.sleep(0.02)


async def create_units(
    client: httpx.AsyncClient, url: str, token: str, parent: str, names: list[str]
) -> dict[str, float]:
    """Create units one after another; returns id → the time its mutation returned."""
    returned: dict[str, float] = {}
    for name in names:
        response = await client.post(
            url,
            json={
                "query": CREATE,
                "variables": {"input": {"kind": "STREET", "name": name, "parentId": parent}},
            },
            headers={"authorization": f"Bearer {token}"},
        )
        body = response.json()
        assert "errors" not in body, body
        returned[body["data"]["createOrgUnit"]["orgUnit"]["id"]] = time.perf_counter()
    return returned


async def measure(
    stack: Stack, latency_events: int, drain_events: int, profile: bool = False
) -> dict[str, Any]:
    people = stack.processes["people"][0]
    url = f"{people.url}/graphql"
    token = await asyncio.to_thread(admin_token, url)
    mongo: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(stack.mongo_url)
    figures: dict[str, Any] = {}
    try:
        async with httpx.AsyncClient(timeout=30) as http:
            body = (
                await http.post(
                    url,
                    json={
                        "query": CREATE,
                        "variables": {"input": {"kind": "DISTRICT", "name": "Bench District"}},
                    },
                    headers={"authorization": f"Bearer {token}"},
                )
            ).json()
            district = body["data"]["createOrgUnit"]["orgUnit"]["id"]
            async with Arrivals(mongo, stack.database("points"), "org_units") as arrivals:
                # Latency: one creation after another, each timed to its projection.
                returned = await create_units(
                    http, url, token, district, [f"Latency {i:05}" for i in range(latency_events)]
                )
                await arrivals.wait_for(set(returned))
                lags = [max(0.0, arrivals.seen[i] - t) for i, t in returned.items()]
                span = max(arrivals.seen[i] for i in returned) - min(returned.values())
                figures["latency_create_to_projected"] = summary_ms(lags)
                figures["sequential_creations_per_s"] = round(len(returned) / span, 1)

                # Drain: points down while people creates, then one points drains the queue.
                points = stack.processes["points"][0]
                points.kill(signal.SIGTERM)
                names = [f"Drain {i:05}" for i in range(drain_events)]
                chunks = [names[i::8] for i in range(8)]
                created = await asyncio.gather(
                    *(create_units(http, url, token, district, chunk) for chunk in chunks)
                )
                ids = {i for part in created for i in part}
                outbox = mongo[stack.database("people")]["outbox"]
                while await outbox.count_documents({"sentAt": None}):  # noqa: ASYNC110
                    await asyncio.sleep(0.1)
                points = await asyncio.to_thread(stack.start_service, "points")
                meter = CpuMeter(_drain_processes(stack, points.popen.pid))
                meter.start()
                raw = points.log.with_suffix(".pyspy.txt")
                spy = start_py_spy(points.popen.pid, 3, raw) if profile else None
                await arrivals.wait_for(ids)
                used = meter.stop()
                if spy is not None:
                    await asyncio.to_thread(spy.wait, 60)
                    figures["drain_points_profile"] = hot_spots(raw, 40)
                times = sorted(arrivals.seen[i] for i in ids)
                figures["drain_events"] = len(ids)
                figures["drain_events_per_s"] = round((len(times) - 1) / (times[-1] - times[0]), 1)
                # Where the drain's CPU went, per event: what to shrink, and whose it is.
                figures["drain_mean_batch"] = await _mean_batch(http, points.url)
                figures["drain_cpu_us_per_event"] = {
                    name: round(seconds / len(ids) * 1e6, 1) for name, seconds in used.items()
                }
    finally:
        await mongo.close()
    return figures


async def _mean_batch(http: httpx.AsyncClient, service: str) -> float | None:
    """Events per transaction over the consumer's batches, from the service's /metrics."""
    text = (await http.get(f"{service}/metrics")).text
    totals = {"sum": 0.0, "count": 0.0}
    for line in text.splitlines():
        for part in totals:
            if line.startswith(f"grassroots_event_batch_size_{part}{{"):
                totals[part] += float(line.rsplit(" ", 1)[1])
    return round(totals["sum"] / totals["count"], 1) if totals["count"] else None


def _drain_processes(stack: Stack, points_pid: int) -> dict[str, int]:
    """The processes a drain keeps busy: points, mongod, the broker, and this bench (which
    watches the projection)."""
    return {"points": points_pid, "bench": os.getpid(), **infrastructure_pids(stack)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency-events", type=int, default=100)
    parser.add_argument("--drain-events", type=int, default=400)
    parser.add_argument("--profile", action="store_true", help="py-spy points for 3 s of the drain")
    args = parser.parse_args()
    with bench_stack(("people", "points"), gateway=False) as (stack, _):
        figures = asyncio.run(measure(stack, args.latency_events, args.drain_events, args.profile))
    save("pipeline", {"machine": machine(), **figures})


if __name__ == "__main__":
    main()
