"""Query plans of the main reads: every query the services run for them, with its plan.

    python -m bench.plans [--cases 300]

Runs the read-path queries through the gateway with MongoDB's profiler on (level 2) in each
service's database, then lists each distinct query shape the services sent with its
`planSummary` (IXSCAN / COLLSCAN / IDHACK …), documents examined and keys examined, and the
`explain("executionStats")` winning plan of the heaviest ones. Growth to 10k/100k/1M cases: load
them with bench.datagen (`--cases`), then run this again; the plans must stay index scans.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from typing import Any

from bench._common import bench_stack, machine, mongo_sync, save
from bench.datagen import load_district
from bench.read_path import DASHBOARD, SINGLE, STATS, district_admin_token
from tests.support.people_auth import admin_token
from tests.support.stack import SERVICES, Stack, post_graphql

SKIP_NS = ("system.", "outbox", "processed_events", "signing_keys")
SKIP_COMMANDS = {"ping", "hello", "isMaster", "endSessions", "buildInfo", "explain"}


def shape(value: Any) -> Any:
    """The query with its values replaced by their types, so repeats collapse."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(v) for v in value[:1]]
    return type(value).__name__


def measure(stack: Stack, cases: int) -> dict[str, Any]:
    from datetime import UTC, datetime, timedelta

    gateway = f"{stack.gateway.url}/graphql"
    token = admin_token(gateway)
    district = asyncio.run(
        load_district(
            gateway,
            token,
            streets=2,
            communities=2,
            grids=2,
            hot_community_cases=60,
            cases=cases,
            concurrency=2,
        )
    )
    staff = district_admin_token(gateway, token, district.district)
    client = mongo_sync(stack.mongo_url)
    dbs = {service: client[stack.database(service)] for service in SERVICES}
    for db in dbs.values():
        db.command("profile", 2)
    now = datetime.now(UTC)
    community = district.communities[0]
    runs = {
        "single": (SINGLE, {"id": community}),
        "dashboard": (DASHBOARD, {"id": community}),
        "stats": (
            STATS,
            {
                "id": district.district,
                "from": (now - timedelta(days=365)).isoformat(),
                "to": now.isoformat(),
            },
        ),
    }
    errors = {}
    for name, (query, variables) in runs.items():
        body = post_graphql(gateway, query, variables, token=staff)
        if body.get("errors"):
            errors[name] = str(body["errors"])[:300]
    for db in dbs.values():
        db.command("profile", 0)
    shapes: dict[str, dict[str, Any]] = {}
    for service, db in dbs.items():
        for entry in db["system.profile"].find({}):
            collection = entry.get("ns", "").split(".", 1)[-1]
            command = entry.get("command", {})
            op = next(iter(command), entry.get("op"))
            if any(collection.startswith(s) for s in SKIP_NS) or op in SKIP_COMMANDS:
                continue
            filter_ = command.get("filter") or command.get("query") or command.get("pipeline")
            key = json.dumps(
                [service, collection, op, shape(filter_), shape(command.get("sort"))], default=str
            )
            row = shapes.setdefault(
                key,
                {
                    "service": service,
                    "collection": collection,
                    "op": op,
                    "filter": shape(filter_),
                    "sort": command.get("sort"),
                    "plan": entry.get("planSummary", "-"),
                    "count": 0,
                    "max_docs_examined": 0,
                    "max_keys_examined": 0,
                    "max_returned": 0,
                },
            )
            row["count"] += 1
            row["max_docs_examined"] = max(row["max_docs_examined"], entry.get("docsExamined", 0))
            row["max_keys_examined"] = max(row["max_keys_examined"], entry.get("keysExamined", 0))
            row["max_returned"] = max(row["max_returned"], entry.get("nreturned", 0))
    rows = sorted(shapes.values(), key=lambda r: (r["service"], r["collection"], r["op"]))
    collscans = [r for r in rows if "COLLSCAN" in str(r["plan"])]
    client.close()
    return {
        "data": district.counts(),
        "query_errors": errors,
        "queries": rows,
        "collscans": len(collscans),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=300)
    args = parser.parse_args()
    with bench_stack() as (stack, _):
        figures = measure(stack, args.cases)
    save("plans", {"machine": machine(), **figures})


if __name__ == "__main__":
    main()
