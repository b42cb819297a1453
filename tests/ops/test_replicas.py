"""Two processes of every service on one MongoDB and one RabbitMQ: the relays and consumers of
both replicas share the work, each event is published once and applied once, and /metrics
shows the figures the operations docs promise, with real values."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import urllib.request
from collections import defaultdict
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families
from pymongo import AsyncMongoClient

from tests.cases import e2e_area
from tests.support.apps import eventually
from tests.support.people_auth import admin_token
from tests.support.rabbit import BrokerNamespace
from tests.support.stack import SERVICES, Process, Stack, post_graphql

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]

CREATE = """mutation($input: CreateOrgUnitInput!) {
  createOrgUnit(input: $input) { orgUnit { id } } }"""
BURST = 40
# The metrics docs/operations.md names, and the services whose replicas must show them.
EXPECTED = {
    "people": [
        "grassroots_http_requests_total",
        "grassroots_http_request_seconds_count",
        "grassroots_graphql_operations_total",
        "grassroots_graphql_operation_seconds_count",
        "grassroots_outbox_backlog",
        "grassroots_outbox_oldest_unsent_seconds",
        "grassroots_outbox_published_total",
        "grassroots_domain_events_total",
    ],
    "consumers": [
        "grassroots_events_handled_total",
        "grassroots_event_handling_seconds_count",
        "grassroots_queue_messages_ready",
        "grassroots_dead_letter_queue_messages",
    ],
    "all": [
        "grassroots_dependency_up",
        "grassroots_dependency_check_seconds",
        "grassroots_mongodb_command_seconds_count",
    ],
}

Samples = list[tuple[str, dict[str, str], float]]


def scrape(process: Process) -> Samples:
    with urllib.request.urlopen(f"{process.url}/metrics", timeout=5) as response:
        text = response.read().decode()
    return [
        (sample.name, sample.labels, sample.value)
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    ]


def total(samples: Samples, name: str, **labels: str) -> float:
    return sum(
        value
        for sample, found, value in samples
        if sample == name and all(found.get(k) == v for k, v in labels.items())
    )


@pytest.fixture
async def stack(
    mongo_url: str, rabbit_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Stack]:
    # Sample queue depths and dependency health often, so they show within the test.
    monkeypatch.setenv("METRICS_SAMPLE_SECONDS", "0.5")
    stack = Stack(mongo_url, rabbit_url, tmp_path)
    try:
        yield stack
    finally:
        queues: set[str] = set()
        for group in stack.processes.values():
            for process in group:
                with contextlib.suppress(OSError):
                    queues |= {
                        labels["queue"]
                        for name, labels, _ in scrape(process)
                        if name == "grassroots_queue_messages_ready"
                    }
        stack.stop()
        namespace = BrokerNamespace(rabbit_url, prefix=stack.prefix)
        for queue in queues:
            namespace.track(queue)
        await namespace.cleanup()
        client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(mongo_url)
        for service in SERVICES:
            await client.drop_database(stack.database(service))
        await client.close()


async def start_two_of_each(stack: Stack) -> None:
    # people first: the others verify tokens against its keys.
    await asyncio.to_thread(stack.start_service, "people")

    def two(service: str) -> None:
        for _ in range(2 if service != "people" else 1):
            stack.start_service(service)

    await asyncio.gather(*(asyncio.to_thread(two, service) for service in SERVICES))


async def test_two_replicas_of_each_service_share_the_work_and_apply_each_event_once(
    stack: Stack, mongo_url: str
):
    # Given two processes of every service on the same MongoDB and RabbitMQ,
    await start_two_of_each(stack)
    people = stack.processes["people"]
    assert [len(stack.processes[s]) for s in SERVICES] == [2] * len(SERVICES)
    token = await asyncio.to_thread(admin_token, f"{people[0].url}/graphql")

    def create(index: int, name: str, parent: str | None) -> str:
        kind = "STREET" if parent else "DISTRICT"
        body = post_graphql(
            f"{people[index % 2].url}/graphql",
            CREATE,
            {"input": {"kind": kind, "name": name, "parentId": parent}},
            token=token,
        )
        assert "errors" not in body, body
        return str(body["data"]["createOrgUnit"]["orgUnit"]["id"])

    # when a burst of org units is created through both people replicas at once,
    district = await asyncio.to_thread(create, 0, "Replica District", None)
    with ThreadPoolExecutor(max_workers=6) as pool:
        futures = [
            asyncio.wrap_future(pool.submit(create, i, f"Replica Street {i:03}", district))
            for i in range(BURST)
        ]
        await asyncio.gather(*futures)
    units = BURST + 1

    client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(mongo_url)
    try:
        databases = {service: client[stack.database(service)] for service in SERVICES}

        async def projected() -> bool:
            counts = [
                await databases[s]["org_units"].count_documents({}) for s in ("cases", "points")
            ]
            return counts == [units, units]

        await eventually(projected, timeout=60)

        async def settled() -> bool:
            # The relays and samplers have seen the end of the burst.
            backlog = [total(scrape(p), "grassroots_outbox_backlog") for p in people]
            return backlog == [0, 0]

        await eventually(settled, timeout=30, interval=0.3)
        await asyncio.sleep(1)  # let duplicates, if any, arrive, and the samplers run

        # then people published each event once, from whichever replica claimed it,
        outbox = databases["people"]["outbox"]
        assert await outbox.count_documents({"sentAt": None}) == 0
        published = await outbox.count_documents({})
        scraped = {s: [scrape(p) for p in stack.processes[s]] for s in SERVICES}
        people_metrics = scraped["people"]
        assert sum(total(m, "grassroots_outbox_published_total") for m in people_metrics) == (
            published
        )
        created = [
            total(m, "grassroots_domain_events_total", type="orgunit.created")
            for m in people_metrics
        ]
        assert sum(created) == units
        # and in cases and points each event was applied exactly once across both replicas,
        # which shared the queue between them.
        for service in ("cases", "points"):
            processed = databases[service]["processed_events"]
            assert await processed.count_documents({"type": "orgunit.created"}) == units
            applied = [
                total(m, "grassroots_events_handled_total", outcome="applied")
                for m in scraped[service]
            ]
            assert sum(applied) == await processed.count_documents({}), service
            assert all(count > 0 for count in applied), (service, applied)
    finally:
        await client.close()

    # The metrics the operations docs name are on /metrics of every replica, with real values.
    for service, replicas in scraped.items():
        for samples in replicas:
            names = {name for name, _, _ in samples}
            wanted = EXPECTED["all"] + (
                EXPECTED["people"] if service == "people" else EXPECTED["consumers"]
            )
            assert not set(wanted) - names, (service, set(wanted) - names)
            up = {labels["dependency"]: v for n, labels, v in samples if n.endswith("_up")}
            assert up == {"mongodb": 1.0, "rabbitmq": 1.0}
            assert total(samples, "grassroots_mongodb_command_seconds_count") > 0
            if service == "people":
                assert total(samples, "grassroots_http_requests_total", path="/graphql") > 0
                assert total(samples, "grassroots_outbox_backlog") == 0
            else:
                lag: dict[str, float] = defaultdict(float)
                for name, labels, value in samples:
                    if name == "grassroots_queue_messages_ready":
                        lag[labels["queue"]] += value
                assert lag, service
                assert all(value == 0 for value in lag.values()), lag
                assert total(samples, "grassroots_dead_letter_queue_messages") == 0
                # The burst is of org units, which notifications does not keep.
                if service != "notifications":
                    assert total(samples, "grassroots_event_handling_seconds_count") > 0


PEOPLE_OPERATIONS = (
    "login(",
    "createOrgUnit(",
    "registerPerson(",
    "assignRole(",
    "createOrganization(",
)
CASES = 12
OVERDUE = 5
SET_RULE = """mutation($i: SetPointRuleInput!) { setPointRule(input: $i) { pointRule { id } } }"""


def route_to_replicas(stack: Stack) -> Callable[..., dict[str, Any]]:
    """post_graphql for tests/cases/e2e_area without a gateway: each operation goes to the
    service that owns it, alternating between that service's two replicas."""
    turns = itertools.count()

    def post(url: str, query: str, variables: dict[str, Any] | None = None, *, token=None):
        service = "people" if any(op in query for op in PEOPLE_OPERATIONS) else "cases"
        if "setPointRule(" in query:
            service = "points"
        replicas = stack.processes[service]
        target = replicas[next(turns) % len(replicas)]
        return post_graphql(f"{target.url}/graphql", query, variables, token=token)

    return post


async def test_a_burst_of_cases_through_two_replicas_pays_once_per_closing_and_escalates_once(
    stack: Stack, mongo_url: str, monkeypatch: pytest.MonkeyPatch
):
    # Given two processes of every service, both cases replicas sweeping deadlines,
    monkeypatch.setenv("SWEEP_SECONDS", "0.5")
    await start_two_of_each(stack)
    # an area with people in roles,
    monkeypatch.setattr(e2e_area, "post_graphql", route_to_replicas(stack))
    monkeypatch.setitem(e2e_area.ROLES, "chief", ("DISTRICT_ADMIN", "district"))
    area = await asyncio.to_thread(e2e_area.make_area, "routed", 60)
    # and a rule that pays 10 points per closing, 5 more when rated 5,
    rule = {"i": {"eventType": "case.closed", "points": 10, "topRatingBonus": 5}}
    area.act("admin", SET_RULE, rule)  # point rules are platform-wide

    def close_one(index: int) -> str:
        case = area.report(f"Drying rack {index} collapsed")
        ref = {"caseId": case["id"]}
        for who, mutation, extra in (
            ("staff", "postOrder", {}),
            ("partner", "takeOrder", {}),
            ("partner", "resolveCase", {"resolution": "Rack rebuilt"}),
            ("resident", "rateCase", {"score": 5}),
        ):
            name = mutation[0].upper() + mutation[1:]
            query = (
                f"mutation($i: {name}Input!) {{ {mutation}(input: $i) {{ case {{ status }} }} }}"
            )
            body = area.act(who, query, {"i": {**ref, **extra}})
        assert body["rateCase"]["case"]["status"] == "CLOSED"
        return str(case["id"])

    # when a burst of cases is reported, taken, resolved and rated through both cases replicas,
    with ThreadPoolExecutor(max_workers=4) as pool:
        closed = await asyncio.gather(
            *(asyncio.wrap_future(pool.submit(close_one, i)) for i in range(CASES))
        )

    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongo_url)
    try:
        cases_db = client[stack.database("cases")]
        points_db = client[stack.database("points")]
        processed = points_db["processed_events"]

        async def all_closings_seen() -> bool:
            return await processed.count_documents({"type": "case.closed"}) == CASES

        await eventually(all_closings_seen, timeout=60)
        await asyncio.sleep(1)  # let duplicates, if any, arrive

        # then cases published each event once between its relays,
        assert await cases_db["outbox"].count_documents({"sentAt": None}) == 0
        scraped = {s: [scrape(p) for p in stack.processes[s]] for s in SERVICES}
        published = sum(total(m, "grassroots_outbox_published_total") for m in scraped["cases"])
        assert published == await cases_db["outbox"].count_documents({})
        closings = [
            total(m, "grassroots_domain_events_total", type="case.closed") for m in scraped["cases"]
        ]
        assert sum(closings) == CASES
        # points applied each event once between its replicas,
        applied = [
            total(m, "grassroots_events_handled_total", outcome="applied")
            for m in scraped["points"]
        ]
        assert sum(applied) == await processed.count_documents({})
        # and every closing earned the same awards, once: no case paid twice or not at all,
        awards: dict[str, list[tuple[str, int]]] = defaultdict(list)
        async for entry in points_db["ledger"].find({"caseId": {"$in": closed}}):
            awards[entry["caseId"]].append((entry["personId"], entry["delta"]))
        assert set(awards) == set(closed)
        shapes = {tuple(sorted(entries)) for entries in awards.values()}
        assert shapes == {((area.people["partner"], 15),)}, awards
        # and each account's balance is the sum of its ledger entries.
        sums: dict[str, int] = defaultdict(int)
        async for entry in points_db["ledger"].find({}):
            sums[entry["personId"]] += entry["delta"]
        balances = {a["_id"]: a["balance"] async for a in points_db["accounts"].find({})}
        assert balances == dict(sums)

        # When open cases miss their deadlines while both replicas sweep,
        overdue = [area.report(f"Leaking pipe {i}")["id"] for i in range(OVERDUE)]
        past = datetime.now(UTC) - timedelta(minutes=5)
        await cases_db["cases"].update_many({"_id": {"$in": overdue}}, {"$set": {"dueAt": past}})
        escalations = cases_db["outbox"]

        async def escalated() -> bool:
            found = await escalations.count_documents({"type": "case.escalated"})
            return found >= OVERDUE

        await eventually(escalated, timeout=40)
        await asyncio.sleep(1.5)  # three more sweeps by each replica

        # then each breach escalated its case exactly once, and the breaches are on /metrics.
        assert await escalations.count_documents({"type": "case.escalated"}) == OVERDUE
        async for case in cases_db["cases"].find({"_id": {"$in": overdue}}):
            assert case["breachCount"] == 1
        breaches = sum(
            total(scrape(p), "grassroots_domain_events_total", type="case.escalated")
            for p in stack.processes["cases"]
        )
        assert breaches == OVERDUE
    finally:
        await client.close()
