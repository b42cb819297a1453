"""`cases(filter: {near})` over a large collection: how long the cases list's own query takes.

    python -m bench.near_at_scale [--cases 1000000] [--queries 300] [--rounds 3]
                                  [--radius 500] [--seed 7]

Starts a private mongod, bulk-inserts raw case documents (the shape the cases service stores,
copied from one `to_doc` template, so the cost is the driver's and the server's, not the
domain's) spread over a city of 40 x 40 km around Changsha in 5 districts x 8 streets x 5
communities, then creates the cases service's own indexes (`adapters.cases.INDEXES`, the
2dsphere one among them). Each round sends `--queries` list requests exactly as the cases list
runs them (`MongoCaseQueries.page`: the `near` circle, a district admin's `readable_by` scope,
sort by `createdAt`, first page of 20, the count for `totalCount`) around random centres, and
records p50/p99; the figures give every round and the median and spread (max - min) of the
rounds' p99. Saved to bench/out/near_at_scale.json.

A full million takes a few minutes to load on two cores; `--cases 100000` is a quick check.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from grassroots_cases.adapters.case_documents import to_doc
from grassroots_cases.adapters.case_queries import filter_query, readable_by
from grassroots_cases.adapters.cases import COLLECTION, INDEXES
from grassroots_cases.adapters.stores import MongoCaseQueries
from grassroots_cases.domain import listing
from grassroots_cases.domain.access import Place, Reader
from grassroots_cases.domain.ids import CaseId, OrgUnitId, PersonId
from grassroots_cases.domain.listing import CaseFilter, CaseSort
from grassroots_cases.domain.model import Case
from grassroots_cases.domain.vocabulary import Category, Channel, Level, Priority, Status
from grassroots_kit.geo import GeoPoint
from pymongo import AsyncMongoClient

from bench._common import machine, mongo_sync, private_mongod, save, summary_ms

CENTRE = GeoPoint(lat=28.2282, lng=112.9388)  # Changsha
HALF_SIDE_DEG = 0.18  # about 20 km each way
DISTRICTS, STREETS, COMMUNITIES = 5, 8, 5
BATCH = 10_000
WARM_UP = 50
STATUSES = [Status.REPORTED, Status.ACCEPTED, Status.IN_PROGRESS, Status.RESOLVED, Status.CLOSED]
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _template() -> dict[str, Any]:
    case = Case(
        id=CaseId("template"),
        number="BN-2026-000000",
        title="路灯不亮 streetlight out",
        description="楼下路灯坏了三天，晚上出行不便。",
        category=Category.INFRASTRUCTURE,
        channel=Channel.APP,
        priority=Priority.NORMAL,
        status=Status.REPORTED,
        level=Level.COMMUNITY,
        org_unit_id=OrgUnitId("c"),
        org_unit_path=(OrgUnitId("d"), OrgUnitId("s"), OrgUnitId("c")),
        reporter_id=PersonId("p"),
        reported_by_id=PersonId("p"),
        address=None,
        due_at=T0,
        created_at=T0,
        updated_at=T0,
        location=CENTRE,
    )
    return to_doc(case)


def _documents(start: int, count: int, rng: random.Random) -> list[dict[str, Any]]:
    template = _template()
    docs = []
    for i in range(start, start + count):
        d, s, c = rng.randrange(DISTRICTS), rng.randrange(STREETS), rng.randrange(COMMUNITIES)
        path = [f"d{d}", f"d{d}s{s}", f"d{d}s{s}c{c}"]
        created = T0 + timedelta(seconds=rng.randrange(365 * 86400))
        lat = CENTRE.lat + rng.uniform(-HALF_SIDE_DEG, HALF_SIDE_DEG)
        lng = CENTRE.lng + rng.uniform(-HALF_SIDE_DEG, HALF_SIDE_DEG)
        doc = dict(template)
        doc.update(
            _id=f"case{i:08d}",
            number=f"BN-2026-{i:07d}",
            status=STATUSES[i % len(STATUSES)].value,
            orgUnitId=path[-1],
            orgUnitPath=path,
            reporterId=f"person{i % 50_000}",
            reportedById=f"person{i % 50_000}",
            createdAt=created,
            updatedAt=created,
            dueAt=created + timedelta(hours=72),
            location={"type": "Point", "coordinates": [lng, lat]},
            locationAccuracy=10.0,
        )
        docs.append(doc)
    return docs


def load(url: str, cases: int, seed: int) -> dict[str, float]:
    client = mongo_sync(url)
    collection = client["bench_near"][COLLECTION]
    collection.drop()
    rng = random.Random(seed)
    started = time.perf_counter()
    for start in range(0, cases, BATCH):
        collection.insert_many(_documents(start, min(BATCH, cases - start), rng), ordered=False)
    inserted = time.perf_counter()
    collection.create_indexes(list(INDEXES.models))
    indexed = time.perf_counter()
    client.close()
    return {
        "insert_s": round(inserted - started, 1),
        "index_s": round(indexed - inserted, 1),
        "docs_per_s": round(cases / max(inserted - started, 1e-9)),
    }


async def measure(url: str, queries: int, rounds: int, radius: float, seed: int) -> dict[str, Any]:
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(url)
    store = MongoCaseQueries(client["bench_near"])
    # A district admin of every district: the scope covers the whole city.
    admin = Reader(
        PersonId("admin"),
        tuple(Place("DISTRICT_ADMIN", f"d{d}", (f"d{d}",)) for d in range(DISTRICTS)),
    )
    rng = random.Random(seed + 1)
    now = T0 + timedelta(days=400)
    # Warm up first: the plan cache and the index's pages, which the first queries would pay.
    for _ in range(WARM_UP):
        lat = CENTRE.lat + rng.uniform(-HALF_SIDE_DEG, HALF_SIDE_DEG) * 0.9
        lng = CENTRE.lng + rng.uniform(-HALF_SIDE_DEG, HALF_SIDE_DEG) * 0.9
        await store.page(CaseFilter(near=listing.near(lat, lng, radius)), admin,
                         CaseSort.CREATED, 20, None, now)  # fmt: skip
    results: list[dict[str, Any]] = []
    sizes: list[int] = []
    for _ in range(rounds):
        took: list[float] = []
        for _ in range(queries):
            lat = CENTRE.lat + rng.uniform(-HALF_SIDE_DEG, HALF_SIDE_DEG) * 0.9
            lng = CENTRE.lng + rng.uniform(-HALF_SIDE_DEG, HALF_SIDE_DEG) * 0.9
            where = CaseFilter(near=listing.near(lat, lng, radius))
            began = time.perf_counter()
            page = await store.page(where, admin, CaseSort.CREATED, 20, None, now)
            took.append(time.perf_counter() - began)
            sizes.append(page.total_count or 0)
        results.append(summary_ms(took))
    around = CaseFilter(near=listing.near(CENTRE.lat, CENTRE.lng, radius))
    query = {"$and": [filter_query(around, now), readable_by(admin)]}
    cursor = client["bench_near"][COLLECTION].find(query)
    explained = await cursor.sort([("createdAt", -1), ("_id", -1)]).limit(21).explain()
    plan = _indexes_used(explained["queryPlanner"]["winningPlan"])
    await client.close()
    p99s = [r["p99_ms"] for r in results]
    return {
        "rounds": results,
        "p99_median_ms": round(statistics.median(p99s), 2),
        "p99_spread_ms": round(max(p99s) - min(p99s), 2),
        "matches_per_query_mean": round(statistics.fmean(sizes), 1) if sizes else 0,
        "indexes_used": plan,
    }


def _indexes_used(stage: dict[str, Any]) -> str:
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "indexName" in node:
                found.append(str(node["indexName"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(stage)
    return ", ".join(sorted(set(found))) or "COLLSCAN"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--radius", type=float, default=500.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    area_km2 = (2 * HALF_SIDE_DEG * 111.3) * (2 * HALF_SIDE_DEG * 111.3 * math.cos(0.4927))
    with private_mongod() as server:
        loaded = load(server.url, args.cases, args.seed)
        figures = asyncio.run(
            measure(server.url, args.queries, args.rounds, args.radius, args.seed)
        )
    save(
        "near_at_scale",
        {
            "cases": args.cases,
            "radius_m": args.radius,
            "queries_per_round": args.queries,
            "cases_per_km2": round(args.cases / area_km2),
            "load": loaded,
            **figures,
            "machine": machine(),
        },
    )


if __name__ == "__main__":
    main()
