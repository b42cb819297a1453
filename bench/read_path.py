"""The read path at 1, 10 and 50 concurrent clients (wrk, closed loop, keep-alive):

(a) `orgUnit(id){name kind}` through the gateway, directly against people, and against a bare
    Starlette endpoint doing the same MongoDB read (bench/bare_app.py), in the same run;
(b) the community dashboard (name + 50 cases + leaderboard) through the gateway;
(c) a district's statistics over a year (`caseStats`) through the gateway and against cases.

    python -m bench.read_path [--seconds 5] [--cases 60]
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench._common import ROOT, bench_stack, machine, save, wrk_available, wrk_post
from bench.datagen import load_district
from tests.support.mongod import free_port
from tests.support.people_auth import admin_token
from tests.support.stack import Process, Stack, post_graphql, wait_http

SINGLE = "query($id: ID!) { orgUnit(id: $id) { name kind } }"
DASHBOARD = """query($id: ID!) { orgUnit(id: $id) {
  name kind parent { name }
  cases(first: 50) { totalCount edges { node { id number title status priority createdAt } } }
  leaderboard(first: 10) { rank points personId }
} }"""
STATS_FIELDS = "collected handled completionRate rejected open overdueNow"
STATS = f"""query($id: ID!, $from: DateTime!, $to: DateTime!) {{ orgUnit(id: $id) {{
  caseStats(from: $from, to: $to) {{ {STATS_FIELDS} }} }} }}"""
# What the gateway sends cases for the same question.
STATS_DIRECT = f"""query($r: [_Any!]!, $from: DateTime!, $to: DateTime!) {{
  _entities(representations: $r) {{ ... on OrgUnit {{
    caseStats(from: $from, to: $to) {{ {STATS_FIELDS} }} }} }} }}"""
ME = "{ me { id } }"
ASSIGN = """mutation($input: AssignRoleInput!) { assignRole(input: $input) { __typename } }"""
CLIENTS = (1, 10, 50)


def start_bare(stack: Stack) -> Process:
    port = free_port()
    log = stack.workdir / "bare.log"
    popen = subprocess.Popen(
        [sys.executable, "-m", "bench.bare_app"],
        cwd=ROOT,
        env={
            **stack.service_env("people", port),
            "MONGODB_DATABASE": stack.database("people"),
        },
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    process = Process("bare", popen, port, log)
    stack.processes["bare"] = [process]
    wait_http(f"{process.url}/health/ready", process)
    return process


def sweep(
    url: str,
    payload: dict[str, Any] | list[dict[str, Any]],
    seconds: int,
    token: str | None = None,
) -> list[dict[str, float]]:
    first = payload if isinstance(payload, dict) else payload[0]
    check = post_graphql(url, first["query"], first["variables"], token=token)
    if check.get("errors"):
        return [{"error": 1.0, "message": str(check["errors"])[:200]}]  # type: ignore[dict-item]
    return [
        wrk_post(url, payload, connections=c, seconds=seconds, token=token).as_dict()
        for c in CLIENTS
    ]


def district_admin_token(gateway: str, token: str, district: str) -> str:
    """The bootstrap admin made DISTRICT_ADMIN of the district (statistics are for staff)."""
    me = post_graphql(gateway, ME, token=token)["data"]["me"]["id"]
    body = post_graphql(
        gateway,
        ASSIGN,
        {"input": {"personId": me, "role": "DISTRICT_ADMIN", "orgUnitId": district}},
        token=token,
    )
    if body.get("errors"):
        print(f"could not make a district admin: {body['errors']}", file=sys.stderr)
    return admin_token(gateway)


def at(rows: list[dict[str, float]], clients: int) -> dict[str, float]:
    return next((r for r in rows if r.get("clients") == clients), {})


def profile_under_load(
    process: Process, url: str, payload: dict[str, Any], token: str, seconds: int = 8
) -> list[str]:
    """py-spy samples the subgraph while 10 clients run the query; the top functions by
    inclusive share of samples, skipping the event loop's own frames."""
    raw = process.log.with_suffix(".pyspy.txt")
    spy = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "py-spy"),
            "record",
            "--pid",
            str(process.popen.pid),
            "--duration",
            str(seconds),
            "--rate",
            "200",
            "--format",
            "raw",
            "--output",
            str(raw),
            "--nonblocking",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wrk_post(url, payload, connections=10, seconds=seconds, token=token)
    spy.wait(timeout=60)
    return hot_spots(raw)


def hot_spots(raw: Path, top: int = 25) -> list[str]:
    inclusive: dict[str, int] = {}
    total = 0
    if not raw.exists():
        return ["py-spy produced nothing (is ptrace allowed?)"]
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        samples = int(count)
        total += samples
        for frame in set(stack.split(";")):
            inclusive[frame] = inclusive.get(frame, 0) + samples
    ranked = sorted(inclusive.items(), key=lambda kv: -kv[1])
    skip = ("asyncio", "uvloop", "<module>", "run (", "run_forever", "_run_once", "serve (")
    rows = [
        f"{100 * n / total:5.1f}%  {frame}"
        for frame, n in ranked
        if not any(s in frame for s in skip)
    ]
    return rows[:top]


def measure(stack: Stack, seconds: int, cases: int, profile: bool = False) -> dict[str, Any]:
    gateway = f"{stack.gateway.url}/graphql"
    token = admin_token(gateway)
    district = asyncio.run(
        load_district(
            gateway,
            token,
            streets=2,
            communities=2,
            grids=2,
            hot_community_cases=cases,
            concurrency=2,
        )
    )
    community = district.communities[0]
    bare = start_bare(stack)
    # Different ids in turn: identical concurrent requests would let the gateway deduplicate.
    units = [district.district, *district.streets, *district.communities, *district.grids]
    single = [{"query": SINGLE, "variables": {"id": unit}} for unit in units]
    people = f"{stack.processes['people'][0].url}/graphql"
    cases_url = f"{stack.processes['cases'][0].url}/graphql"
    figures: dict[str, Any] = {"data": district.counts()}
    figures["single_gateway"] = sweep(gateway, single, seconds, token)
    figures["single_people_direct"] = sweep(people, single, seconds, token)
    figures["single_bare_starlette"] = sweep(f"{bare.url}/graphql", single, seconds, token)
    dashboard = [
        {"query": DASHBOARD, "variables": {"id": unit}}
        for unit in [community, *district.communities[1:], *district.grids]
    ]
    figures["dashboard_gateway"] = sweep(gateway, dashboard, seconds, token)
    now = datetime.now(UTC)
    stats: dict[str, Any] = {
        "query": STATS,
        "variables": {
            "id": district.district,
            "from": (now - timedelta(days=365)).isoformat(),
            "to": now.isoformat(),
        },
    }
    staff = district_admin_token(gateway, token, district.district)
    figures["stats_gateway"] = sweep(gateway, stats, seconds, staff)
    direct = {
        "query": STATS_DIRECT,
        "variables": {
            **stats["variables"],
            "r": [{"__typename": "OrgUnit", "id": district.district}],
        },
    }
    figures["stats_cases_direct"] = sweep(cases_url, direct, seconds, staff)

    if profile:
        figures["people_hot_spots"] = profile_under_load(
            stack.processes["people"][0], people, single[0], token
        )
    g10, d10 = at(figures["single_gateway"], 10), at(figures["single_people_direct"], 10)
    b10 = at(figures["single_bare_starlette"], 10)
    if g10 and d10 and b10:
        figures["ratios_at_10_clients"] = {
            "gateway_p50_over_direct_p50": round(g10["p50_ms"] / d10["p50_ms"], 2),
            "direct_rps_over_gateway_rps": round(d10["req_per_s"] / g10["req_per_s"], 2),
            "subgraph_rps_over_bare_rps": round(d10["req_per_s"] / b10["req_per_s"], 2),
        }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--cases", type=int, default=60)
    parser.add_argument("--profile", action="store_true", help="py-spy people under load")
    args = parser.parse_args()
    if not wrk_available():
        sys.exit("wrk is not installed: apt-get install wrk")
    with bench_stack() as (stack, _):
        figures = measure(stack, args.seconds, args.cases, args.profile)
    save(
        "read_path",
        {"machine": machine(), "load_tool": "wrk 4 (closed loop, keep-alive)", **figures},
    )


if __name__ == "__main__":
    main()
