"""The read path at 1, 10 and 50 concurrent clients (wrk, closed loop, keep-alive):

(a) `orgUnit(id){name kind}` through the gateway, directly against people, and against a bare
    Starlette endpoint doing the same MongoDB read (bench/bare_app.py), taking turns in rounds
    (medians over the rounds; ratios paired within a round);
(b) the community dashboard (name + 50 cases + leaderboard) through the gateway;
(c) a district's statistics over a year (`caseStats`) through the gateway and against cases.

Through the gateway, each row also carries `subgraph_calls_per_request`: people's count of
/graphql requests served during the run over the requests wrk completed. Below 1.0 the gateway
answered some requests without a subgraph call (in-flight deduplication), and the gateway figure
says nothing about the gateway's overhead.

    python -m bench.read_path [--seconds 5] [--cases 60] [--single-only] [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import secrets
import statistics
import subprocess
import sys
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench._common import (
    ROOT,
    bench_stack,
    machine,
    save,
    start_py_spy,
    wrk_available,
    wrk_post,
)
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
REGISTER = """mutation($input: RegisterPersonInput!) {
  registerPerson(input: $input) { person { id } } }"""
LOGIN = "mutation($input: LoginInput!) { login(input: $input) { accessToken } }"
ASSIGN = """mutation($input: AssignRoleInput!) { assignRole(input: $input) { __typename } }"""
CLIENTS = (1, 10, 50)
SINGLE_ROWS = ("single_gateway", "single_people_direct", "single_bare_starlette")


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


def graphql_requests_served(process: Process) -> Callable[[], float]:
    """How many /graphql requests the process has answered so far (its own metrics)."""
    line = re.compile(r'^grassroots_http_requests_total\{[^}]*path="/graphql"[^}]*\} (\S+)$', re.M)

    def count() -> float:
        with urllib.request.urlopen(f"{process.url}/metrics", timeout=10) as response:
            text = response.read().decode()
        return sum(float(n) for n in line.findall(text))

    return count


def sweep(
    url: str,
    payload: dict[str, Any] | list[dict[str, Any]],
    seconds: int,
    token: str | None = None,
    upstream: Callable[[], float] | None = None,
) -> list[dict[str, float]]:
    first = payload if isinstance(payload, dict) else payload[0]
    check = post_graphql(url, first["query"], first["variables"], token=token)
    if check.get("errors"):
        return [{"error": 1.0, "message": str(check["errors"])[:200]}]  # type: ignore[dict-item]
    rows = []
    for c in CLIENTS:
        before = upstream() if upstream else 0.0
        row = wrk_post(url, payload, connections=c, seconds=seconds, token=token).as_dict()
        if upstream and row["requests"]:
            row["subgraph_calls_per_request"] = round((upstream() - before) / row["requests"], 3)
        rows.append(row)
    return rows


def interleaved(
    targets: dict[str, tuple[str, Callable[[], float] | None]],
    payload: list[dict[str, Any]],
    seconds: int,
    token: str,
    rounds: int,
) -> tuple[dict[str, list[dict[str, float]]], dict[str, dict[str, float]]]:
    """The same query against several targets, taking turns: per client count, `rounds`
    rounds of one wrk run per target. Other work on a shared machine comes and goes within
    seconds; runs side by side see the same load, so each row is the median over the rounds and
    each ratio the median of the ratios within a round."""
    first = payload[0]
    for name, (url, _) in targets.items():
        check = post_graphql(url, first["query"], first["variables"], token=token)
        if check.get("errors"):
            message = str(check["errors"])[:200]
            return {name: [{"error": 1.0, "message": message}]}, {}  # type: ignore[dict-item]
    rows: dict[str, list[dict[str, float]]] = {name: [] for name in targets}
    ratios: dict[str, dict[str, float]] = {}
    for clients in CLIENTS:
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in targets}
        for _ in range(rounds):
            for name, (url, upstream) in targets.items():
                before = upstream() if upstream else 0.0
                row = wrk_post(url, payload, connections=clients, seconds=seconds, token=token)
                figures = row.as_dict()
                if upstream and row.requests:
                    figures["subgraph_calls_per_request"] = round(
                        (upstream() - before) / row.requests, 3
                    )
                runs[name].append(figures)
        for name, found in runs.items():
            rows[name].append(
                {key: round(statistics.median(r[key] for r in found), 3) for key in found[0]}
                | {"rounds": len(found)}
            )
        gateway, direct, bare = (runs[name] for name in SINGLE_ROWS)

        ratios[str(clients)] = {
            "gateway_p50_over_direct_p50": _median_ratio(gateway, direct, "p50_ms"),
            "direct_rps_over_gateway_rps": _median_ratio(direct, gateway, "req_per_s"),
            "subgraph_rps_over_bare_rps": _median_ratio(direct, bare, "req_per_s"),
        }
    return rows, ratios


def _median_ratio(a: list[dict[str, float]], b: list[dict[str, float]], key: str) -> float:
    return round(statistics.median(x[key] / y[key] for x, y in zip(a, b, strict=True) if y[key]), 2)


def district_admin_token(gateway: str, token: str, district: str) -> str:
    """A token of a DISTRICT_ADMIN of the district (statistics are for staff).

    The bootstrap admin may not grant a role to itself (people's granting rule), so it registers
    a fresh person with a password, grants them the role and the benchmark logs in as them.
    """
    phone = f"139{secrets.randbelow(10**8):08d}"
    password = secrets.token_hex(12)
    registered = post_graphql(
        gateway,
        REGISTER,
        {"input": {"name": "Bench district admin", "phone": phone, "orgUnitId": district,
                   "password": password}},
        token=token,
    )  # fmt: skip
    if registered.get("errors"):
        raise RuntimeError(f"could not register a district admin: {registered['errors']}")
    person = registered["data"]["registerPerson"]["person"]["id"]
    body = post_graphql(
        gateway,
        ASSIGN,
        {"input": {"personId": person, "role": "DISTRICT_ADMIN", "orgUnitId": district}},
        token=token,
    )
    if body.get("errors"):
        raise RuntimeError(f"could not make a district admin: {body['errors']}")
    login = post_graphql(gateway, LOGIN, {"input": {"phone": phone, "password": password}})
    if login.get("errors"):
        raise RuntimeError(f"the district admin could not log in: {login['errors']}")
    return str(login["data"]["login"]["accessToken"])


def at(rows: list[dict[str, float]], clients: int) -> dict[str, float]:
    return next((r for r in rows if r.get("clients") == clients), {})


def profile_under_load(
    process: Process,
    url: str,
    payload: dict[str, Any] | list[dict[str, Any]],
    token: str,
    seconds: int = 8,
    clients: int = 10,
) -> list[str]:
    """py-spy samples the subgraph while `clients` clients run the query; the top functions by
    inclusive share of samples, skipping the event loop's own frames."""
    raw = process.log.with_suffix(".pyspy.txt")
    spy = start_py_spy(process.popen.pid, seconds, raw)
    wrk_post(url, payload, connections=clients, seconds=seconds, token=token)
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


def measure(
    stack: Stack,
    seconds: int,
    cases: int,
    profile: bool = False,
    single_only: bool = False,
    rounds: int = 3,
) -> dict[str, Any]:
    gateway = f"{stack.gateway.url}/graphql"
    token = admin_token(gateway)
    district = asyncio.run(
        load_district(
            gateway,
            token,
            streets=3,
            communities=4,
            grids=16,
            hot_community_cases=cases,
            concurrency=2,
        )
    )
    community = district.communities[0]
    bare = start_bare(stack)
    # ~200 different ids, each wrk thread at its own offset (bench/_common.py): no two
    # in-flight requests are identical, so the gateway cannot deduplicate them; the
    # subgraph_calls_per_request column shows whether it did.
    units = [district.district, *district.streets, *district.communities, *district.grids]
    single = [{"query": SINGLE, "variables": {"id": unit}} for unit in units]
    people_process = stack.processes["people"][0]
    people = f"{people_process.url}/graphql"
    cases_url = f"{stack.processes['cases'][0].url}/graphql"
    figures: dict[str, Any] = {"data": district.counts(), "single_query_ids": len(units)}
    rows, figures["ratios_by_clients"] = interleaved(
        {
            "single_gateway": (gateway, graphql_requests_served(people_process)),
            "single_people_direct": (people, None),
            "single_bare_starlette": (f"{bare.url}/graphql", None),
        },
        single,
        seconds,
        token,
        rounds,
    )
    figures.update(rows)
    if single_only:
        return _with_ratios(stack, figures, people, single, token, profile)
    # The dashboard over the hot community, the other communities and a few grids.
    dashboard = [
        {"query": DASHBOARD, "variables": {"id": unit}}
        for unit in [community, *district.communities[1:], *district.grids[:8]]
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
    return _with_ratios(stack, figures, people, single, token, profile)


def _with_ratios(
    stack: Stack,
    figures: dict[str, Any],
    people: str,
    single: list[dict[str, Any]],
    token: str,
    profile: bool,
) -> dict[str, Any]:
    if profile:
        figures["people_hot_spots"] = profile_under_load(
            stack.processes["people"][0], people, single, token
        )
    if "10" in figures.get("ratios_by_clients", {}):
        figures["ratios_at_10_clients"] = figures["ratios_by_clients"]["10"]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--cases", type=int, default=60)
    parser.add_argument("--profile", action="store_true", help="py-spy people under load")
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="single query: wrk runs per target and client count, taking turns",
    )
    parser.add_argument(
        "--single-only", action="store_true", help="only the single-entity query (quick)"
    )
    args = parser.parse_args()
    if not wrk_available():
        sys.exit("wrk is not installed: apt-get install wrk")
    with bench_stack() as (stack, _):
        figures = measure(
            stack, args.seconds, args.cases, args.profile, args.single_only, args.rounds
        )
    save(
        "read_path",
        {"machine": machine(), "load_tool": "wrk 4 (closed loop, keep-alive)", **figures},
    )


if __name__ == "__main__":
    main()
