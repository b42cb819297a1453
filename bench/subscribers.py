"""Live updates fanned out: N subscribers of one community's `caseChanged`, through the gateway,
receive a case assignment served by the other replica of cases.

The stack runs cases twice; the gateway (and so every subscriber) uses the first replica, the
assignment goes straight to the second, so each change travels outbox → relay → RabbitMQ →
the first replica's live queue → its hub → N Strawberry streams → the gateway → N SSE clients
(all in this one process, which also parses every event: its CPU is part of the figure).
A round reports a case, starts the clock, assigns the case, and stops each subscriber's clock
when the assignment reaches it; three rounds, each subscriber timed once per round.

    python -m bench.subscribers [--subscribers 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
import uuid
from typing import Any

import httpx

from bench._common import bench_stack, machine, save, summary_ms
from tests.cases.e2e_area import Area, make_area
from tests.support.stack import post_graphql

CASE_CHANGED = """subscription($unit: ID!) {
  caseChanged(orgUnitId: $unit) { eventType caseId case { id status } } }"""
RAMP = 100
ASSIGN = """mutation($i: AssignCaseInput!) { assignCase(input: $i) { case { status } } }"""


class Subscriber:
    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], float] = {}
        self.changed = asyncio.Event()
        self.failed: str | None = None

    async def run(self, client: httpx.AsyncClient, url: str, unit: str, token: str) -> None:
        body = {"query": CASE_CHANGED, "variables": {"unit": unit}}
        headers = {"accept": "text/event-stream", "authorization": f"Bearer {token}"}
        buffer = ""
        try:
            async with client.stream("POST", url, json=body, headers=headers) as response:
                async for chunk in response.aiter_text():
                    buffer += chunk
                    while "\n\n" in buffer:
                        frame, buffer = buffer.split("\n\n", 1)
                        data = "".join(
                            line[5:] for line in frame.split("\n") if line.startswith("data:")
                        )
                        if not data.strip():
                            continue
                        result = json.loads(data)
                        if "errors" in result:
                            self.failed = json.dumps(result["errors"])[:300]
                            return
                        change = result["data"]["caseChanged"]
                        key = (change["caseId"], change["eventType"])
                        self.seen.setdefault(key, time.perf_counter())
                        self.changed.set()
        except httpx.HTTPError as exc:
            self.failed = repr(exc)


async def until_all(
    subscribers: list[Subscriber], key: tuple[str, str], limit: float
) -> list[float]:
    """The receive times of `key`, once every subscriber has it (or `limit` seconds passed)."""
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        if all(key in s.seen or s.failed for s in subscribers):
            break
        await asyncio.sleep(0.01)
    return [s.seen[key] for s in subscribers if key in s.seen]


async def scenario(
    gateway: str, other_replica: str, area: Area, count: int, rounds: int
) -> dict[str, Any]:
    unit, token = area.units["community"], area.tokens["staff"]
    # Cases are reported on the second replica too: the first is busy opening the streams.
    beside = Area(other_replica, area.units, area.people, area.tokens, area.organization)
    subscribers = [Subscriber() for _ in range(count)]
    limits = httpx.Limits(max_connections=count + 20, max_keepalive_connections=count + 20)
    async with httpx.AsyncClient(timeout=httpx.Timeout(60, read=None), limits=limits) as client:
        tasks = []
        t_open = time.perf_counter()
        for start in range(0, count, RAMP):
            # opened in steps, as clients arrive, not as one burst of `count` handshakes
            batch = subscribers[start : start + RAMP]
            tasks += [asyncio.create_task(s.run(client, gateway, unit, token)) for s in batch]
            await asyncio.sleep(1)
        # every subscriber live: probe cases until each has received one
        for _ in range(120):
            probe = await asyncio.to_thread(beside.report, f"Bench probe {uuid.uuid4().hex[:6]}")
            await until_all(subscribers, (probe["id"], "case.reported"), 2)
            if all(s.seen or s.failed for s in subscribers):
                break
        opened_s = time.perf_counter() - t_open
        failed = [s.failed for s in subscribers if s.failed]
        live = sum(1 for s in subscribers if s.seen)
        results = []
        for _ in range(rounds):
            case = await asyncio.to_thread(beside.report, "Bench: water main burst")
            await asyncio.sleep(
                0.5
            )  # its case.reported has fanned out; the clock is for the assignment
            t0 = time.perf_counter()
            body = await asyncio.to_thread(
                post_graphql,
                other_replica,
                ASSIGN,
                {"i": {"caseId": case["id"], "assigneeId": area.people["gridder"]}},
                token=area.tokens["gridder"],
            )
            assert "errors" not in body, body
            times = await until_all(subscribers, (case["id"], "case.assigned"), 60)
            figures: dict[str, Any] = dict(summary_ms([t - t0 for t in times]))
            figures["received"] = len(times)
            figures["max_ms"] = round(max(t - t0 for t in times) * 1000, 2) if times else None
            results.append(figures)
            await asyncio.sleep(1)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    p99s = [r["p99_ms"] for r in results]
    return {
        "subscribers": count,
        "live_subscribers": live,
        "failed_subscribers": len(failed),
        "failures": failed[:3],
        "seconds_until_all_live": round(opened_s, 1),
        "rounds": results,
        "p99_ms_median": round(statistics.median(p99s), 2),
        "p99_ms_spread": round(max(p99s) - min(p99s), 2),
        "p50_ms_median": round(statistics.median(r["p50_ms"] for r in results), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    # one person opens them all: lift the per-person cap for the benchmark
    env = {"LIVE_SUBSCRIPTIONS_PER_PERSON": str(args.subscribers + 100)}
    with bench_stack(env=env) as (stack, _):
        stack.start_service("cases")
        gateway = f"{stack.gateway.url}/graphql"
        other = f"{stack.processes['cases'][1].url}/graphql"
        area = make_area(gateway)
        figures = asyncio.run(scenario(gateway, other, area, args.subscribers, args.rounds))
    save("subscribers", {"machine": machine(), **figures})


if __name__ == "__main__":
    main()
