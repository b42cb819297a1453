"""Attendances end to end, to the points they earn: the organizer of a weekly service day
confirms volunteers' attendances through participation's graph (`confirmAttendance`); each
writes `activity.attended` to participation's outbox, the relay publishes it, points awards it
by rule (`points` plus `pointsPerHour`), and the award is committed in the ledger.

    python -m bench.participation_pipeline [--latency-events 100] [--drain-events 400]
        [--rounds 3]

Two figures, as bench/pipeline.py gives for people's events:

1. latency: confirmations one after another, each timed from `confirmAttendance` returning to
   its ledger entry existing (p50/p99), the rate that sequence reaches end to end, and the CPU
   each attendance costs participation, points, mongod and the broker;
2. drain: attendances confirmed while points is down, then awarded as fast as one points
   process can (attendances/s, CPU per attendance, events per consumer transaction).

Each round runs on a stack of its own (its own mongod and broker prefix); the headline figures
are given as the median of the rounds with their range, since one round on a shared machine says
little.

Participation's graph is called directly (no gateway: bench/close_pipeline.py measures the
gateway hop), from one client, so no two confirmations change the same activity at once.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import signal
import statistics
import time
from datetime import date, timedelta
from typing import Any

import httpx
from pymongo import AsyncMongoClient

from bench._common import CpuMeter, bench_stack, infrastructure_pids, machine, save, summary_ms
from bench.close_pipeline import LOGIN, REGISTER, RULE, Graph, Watch, _until_idle, _wait_for
from bench.pipeline import _mean_batch
from tests.participation.activity_helpers import (
    CONFIRM,
    CREATE_ACTIVITY,
    SIGN_UP,
    last_tuesday,
    service_day_input,
    service_day_start,
)
from tests.support.people_auth import admin_token
from tests.support.stack import Stack

UNIT = (
    """mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { orgUnit { id } } }"""
)
ASSIGN_ROLE = """mutation($input: AssignRoleInput!) { assignRole(input: $input) { __typename } }"""
PASSWORD = "bench-password-1"
MINUTES = 150
POINTS, PER_HOUR = 5, 2


async def measure(
    stack: Stack, latency_events: int, drain_events: int, volunteers: int
) -> dict[str, Any]:
    people = stack.processes["people"][0]
    participation = stack.processes["participation"][0]
    token = await asyncio.to_thread(admin_token, f"{people.url}/graphql")
    root = Graph(f"{people.url}/graphql", token)
    mongo: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(stack.mongo_url)
    try:
        unit: str | None = None
        for kind in ("DISTRICT", "STREET", "COMMUNITY"):
            variables = {"input": {"kind": kind, "name": f"Bench {kind.title()}", "parentId": unit}}
            unit = (await root.call(UNIT, variables))["createOrgUnit"]["orgUnit"]["id"]
        assert unit is not None
        _, staff_token = await _person(root, unit, "Bench Organizer", "COMMUNITY_STAFF")
        people_in = [await _person(root, unit, f"Bench Volunteer {n}") for n in range(volunteers)]
        # The platform admin prices attendances; the cap is raised so every one earns.
        rule = {
            "eventType": "activity.attended",
            "points": POINTS,
            "pointsPerHour": PER_HOUR,
            "maxPerPeriod": 1000,
        }
        await Graph(f"{stack.processes['points'][0].url}/graphql", token).call(
            RULE, {"input": rule}
        )
        graph = f"{participation.url}/graphql"
        weeks = math.ceil((latency_events + drain_events) / volunteers)
        start = service_day_start(weeks_before=weeks)
        made = await _participation(
            graph, CREATE_ACTIVITY, service_day_input(unit, volunteers, startsAt=start), staff_token
        )
        activity = made["createActivity"]["activity"]["id"]
        for _, volunteer_token in people_in:
            await _participation(
                graph, SIGN_UP, {"input": {"activityId": activity}}, volunteer_token
            )
        checks = [
            (person, last_tuesday() - timedelta(weeks=w))
            for w in range(weeks)
            for person, _ in people_in
        ]
        drained = await _until_idle(stack, mongo)
        figures: dict[str, Any] = {"volunteers": volunteers, "setup_events_drained_in_s": drained}
        async with httpx.AsyncClient(timeout=60) as http:
            ledger = Watch(mongo[stack.database("points")]["ledger"], "sourceEventId")
            await ledger.start()
            try:
                # 1. One confirmation after another, each timed to its award.
                points = stack.processes["points"][0]
                meter = CpuMeter(
                    {
                        "participation": participation.popen.pid,
                        "points": points.popen.pid,
                        **infrastructure_pids(stack),
                    }
                )
                meter.start()
                started = time.perf_counter()
                returned = await _confirm(
                    http, graph, staff_token, activity, checks[:latency_events]
                )
                events = await _events_of(mongo, stack, set(returned))
                await _wait_for(ledger, list(events), 120)
                used = meter.stop()
                lags = [ledger.seen[e] - returned[a] for e, a in events.items() if e in ledger.seen]
                last = max((ledger.seen[e] for e in events if e in ledger.seen), default=started)
                figures["sequential"] = {
                    "attendances": len(returned),
                    "awarded": len(lags),
                    "latency_confirm_to_ledger_entry": summary_ms(lags),
                    "confirmed_to_awarded_per_s": round(len(lags) / (last - started), 1),
                    "cpu_ms_per_attendance": {
                        name: round(seconds / max(1, len(returned)) * 1000, 2)
                        for name, seconds in used.items()
                    },
                }

                # 2. Points down while the organizer confirms; then one points drains them.
                points.kill(signal.SIGTERM)
                points.popen.wait(30)
                backlog = await _confirm(
                    http, graph, staff_token, activity, checks[latency_events:]
                )
                outbox = mongo[stack.database("participation")]["outbox"]
                while await outbox.count_documents({"sentAt": None}):  # noqa: ASYNC110
                    await asyncio.sleep(0.1)
                events = await _events_of(mongo, stack, set(backlog))
                points = await asyncio.to_thread(stack.start_service, "points")
                meter = CpuMeter(
                    {"points": points.popen.pid, "bench": os.getpid(), **infrastructure_pids(stack)}
                )
                meter.start()
                await _wait_for(ledger, list(events), 300)
                used = meter.stop()
                times = sorted(ledger.seen[e] for e in events if e in ledger.seen)
                figures["drain"] = {
                    "attendances": len(backlog),
                    "awarded": len(times),
                    "awarded_per_s": round((len(times) - 1) / (times[-1] - times[0]), 1)
                    if len(times) > 1
                    else None,
                    "mean_batch": await _mean_batch(http, points.url),
                    "cpu_us_per_attendance": {
                        name: round(seconds / max(1, len(backlog)) * 1e6, 1)
                        for name, seconds in used.items()
                    },
                }
            finally:
                await ledger.stop()
        entries = await mongo[stack.database("points")]["ledger"].count_documents(
            {"sourceEventType": "activity.attended"}
        )
        figures["ledger_entries"] = entries
        figures["attendances_confirmed"] = latency_events + drain_events
        return figures
    finally:
        await root.close()
        await mongo.close()


async def _person(root: Graph, unit: str, name: str, role: str | None = None) -> tuple[str, str]:
    """A person of the community (with `role` there if given), signed in: (id, token)."""
    phone = f"139{random.randrange(10**8):08d}"
    person = {"name": name, "phone": phone, "orgUnitId": unit, "password": PASSWORD}
    data = await root.call(REGISTER, {"input": person}, retry_not_found=True)
    person_id: str = data["registerPerson"]["person"]["id"]
    if role:
        assignment = {"personId": person_id, "role": role, "orgUnitId": unit}
        await root.call(ASSIGN_ROLE, {"input": assignment})
    login = await root.call(LOGIN, {"input": {"phone": phone, "password": PASSWORD}})
    return person_id, str(login["login"]["accessToken"])


async def _participation(
    url: str, query: str, variables: dict[str, Any], token: str
) -> dict[str, Any]:
    """Call participation until people's projections (the unit, the person, the role) have
    reached it: until then it answers NOT_FOUND or FORBIDDEN."""
    graph = Graph(url, token)
    try:
        for _ in range(300):
            try:
                return await graph.call(query, variables, retry_not_found=True)
            except RuntimeError as error:
                if "FORBIDDEN" not in str(error):
                    raise
                await asyncio.sleep(0.1)
        raise RuntimeError(f"participation still refuses {query[:40]}")
    finally:
        await graph.close()


async def _confirm(
    http: httpx.AsyncClient,
    url: str,
    token: str,
    activity: str,
    checks: list[tuple[str, date]],
) -> dict[str, float]:
    """Confirm each (volunteer, Tuesday) one after another; attendance id → when it returned."""
    returned: dict[str, float] = {}
    headers = {"authorization": f"Bearer {token}"}
    for person, day in checks:
        command = {
            "activityId": activity,
            "personId": person,
            "on": day.isoformat(),
            "minutesServed": MINUTES,
        }
        response = await http.post(
            url, json={"query": CONFIRM, "variables": {"input": command}}, headers=headers
        )
        body = response.json()
        assert not body.get("errors"), body
        returned[body["data"]["confirmAttendance"]["attendance"]["id"]] = time.perf_counter()
    return returned


async def _events_of(
    mongo: AsyncMongoClient[dict[str, Any]], stack: Stack, attendances: set[str]
) -> dict[str, str]:
    """event id → attendance id, from participation's outbox."""
    found: dict[str, str] = {}
    outbox = mongo[stack.database("participation")]["outbox"]
    async for doc in outbox.find({"type": "activity.attended"}, {"body": 1}):
        attendance = json.loads(doc["body"])["data"]["attendanceId"]
        if attendance in attendances:
            found[str(doc["_id"])] = attendance
    assert len(found) == len(attendances), f"{len(found)} events for {len(attendances)}"
    return found


# The headline figures: (name, path into a round's figures).
HEADLINES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("latency_p50_ms", ("sequential", "latency_confirm_to_ledger_entry", "p50_ms")),
    ("latency_p99_ms", ("sequential", "latency_confirm_to_ledger_entry", "p99_ms")),
    ("sequential_awarded_per_s", ("sequential", "confirmed_to_awarded_per_s")),
    ("drain_awarded_per_s", ("drain", "awarded_per_s")),
)


def summarize(rounds: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Median, lowest and highest of each headline figure over the rounds, and of the CPU per
    attendance (sequential part) summed over participation, points, mongod and the broker."""
    series: dict[str, list[float]] = {}
    for figures in rounds:
        for name, path in HEADLINES:
            value: Any = figures
            for key in path:
                value = (value or {}).get(key)
            if isinstance(value, int | float):
                series.setdefault(name, []).append(float(value))
        cpu = figures.get("sequential", {}).get("cpu_ms_per_attendance")
        if cpu:
            series.setdefault("cpu_ms_per_attendance", []).append(round(sum(cpu.values()), 2))
    return {
        name: {
            "median": round(statistics.median(values), 2),
            "min": min(values),
            "max": max(values),
        }
        for name, values in series.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency-events", type=int, default=100)
    parser.add_argument("--drain-events", type=int, default=400)
    parser.add_argument("--volunteers", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3, help="each on a stack of its own")
    args = parser.parse_args()
    services = ("people", "participation", "points")
    rounds: list[dict[str, Any]] = []
    for _ in range(args.rounds):
        with bench_stack(services, gateway=False) as (stack, _):
            rounds.append(
                asyncio.run(measure(stack, args.latency_events, args.drain_events, args.volunteers))
            )
    save(
        "participation_pipeline",
        {"machine": machine(), "summary": summarize(rounds), "rounds": rounds},
    )


if __name__ == "__main__":
    main()
