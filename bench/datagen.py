"""A seeded, realistic district loaded through the public graph (the domain's own rules apply:
names unique per parent, kinds ranked, cases validated and numbered by the cases service).

    python -m bench.datagen --graphql http://127.0.0.1:PORT/graphql [--seed 7] [--cases 1000]

Against a running stack (never the user's: pass the URL of a bench stack). With no --graphql
it starts a private stack, loads a small district, prints the counts and throws it away.

Scale: the defaults make 1 district, 8 streets, 5 communities each, 4 grids each (201 units)
and `--cases` cases spread over three years of titles/categories/priorities. To reach 10k /
100k / 1M cases pass `--cases`, and raise `--concurrency` to what the machine allows (loading
goes through `reportCase`, about as fast as the cases service accepts reports: at ~50/s 10k
cases take ~3.5 min, 100k ~35 min; 1M needs `importCases` (200 per call, same validation)
which `--import` uses once the caller may import).
"""

from __future__ import annotations

import argparse
import asyncio
import random
from dataclasses import dataclass, field
from typing import Any

import httpx
from grassroots_contracts.case_events import CATEGORIES

CREATE_UNIT = """mutation($input: CreateOrgUnitInput!) {
  createOrgUnit(input: $input) { orgUnit { id } } }"""
REPORT = """mutation($input: ReportCaseInput!) { reportCase(input: $input) { case { id } } }"""
PRIORITIES = ("LOW", "NORMAL", "NORMAL", "NORMAL", "HIGH", "URGENT")
CHANNELS = ("APP", "HOTLINE", "WECHAT", "VISIT", "MEETING")


@dataclass
class District:
    district: str
    streets: list[str] = field(default_factory=list)
    communities: list[str] = field(default_factory=list)
    grids: list[str] = field(default_factory=list)
    cases: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "districts": 1,
            "streets": len(self.streets),
            "communities": len(self.communities),
            "grids": len(self.grids),
            "cases": len(self.cases),
            "errors": len(self.errors),
        }


class Loader:
    def __init__(self, graphql_url: str, token: str, concurrency: int = 8) -> None:
        self._url = graphql_url
        self._headers = {"authorization": f"Bearer {token}"}
        self._limit = asyncio.Semaphore(concurrency)
        self._client = httpx.AsyncClient(timeout=60)

    async def close(self) -> None:
        await self._client.aclose()

    async def call(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        async with self._limit:
            response = await self._client.post(
                self._url, json={"query": query, "variables": variables}, headers=self._headers
            )
        body: dict[str, Any] = response.json()
        return body

    async def unit(self, kind: str, name: str, parent: str | None) -> str:
        body = await self.call(
            CREATE_UNIT, {"input": {"kind": kind, "name": name, "parentId": parent}}
        )
        if body.get("errors"):
            raise RuntimeError(f"createOrgUnit {name}: {body['errors']}")
        return str(body["data"]["createOrgUnit"]["orgUnit"]["id"])


async def load_district(
    graphql_url: str,
    token: str,
    *,
    seed: int = 7,
    streets: int = 8,
    communities: int = 5,
    grids: int = 4,
    cases: int = 0,
    hot_community_cases: int = 0,
    concurrency: int = 8,
) -> District:
    """The tree first (each level after its parents), then cases spread by a seeded RNG; the
    first community also gets `hot_community_cases` of them (a dashboard with a full page)."""
    rng = random.Random(seed)
    loader = Loader(graphql_url, token, concurrency)
    try:
        tag = rng.randrange(16**6)
        out = District(await loader.unit("DISTRICT", f"District {seed}-{tag:06x}", None))
        out.streets = list(
            await asyncio.gather(
                *(loader.unit("STREET", f"Street {s + 1}", out.district) for s in range(streets))
            )
        )
        out.communities = list(
            await asyncio.gather(
                *(
                    loader.unit("COMMUNITY", f"Community {s + 1}.{c + 1}", street)
                    for s, street in enumerate(out.streets)
                    for c in range(communities)
                )
            )
        )
        out.grids = list(
            await asyncio.gather(
                *(
                    loader.unit("GRID", f"Grid {c + 1}.{g + 1}", community)
                    for c, community in enumerate(out.communities)
                    for g in range(grids)
                )
            )
        )
        places = out.grids or out.communities or out.streets or [out.district]
        targets = [out.communities[0] if out.communities else places[0]] * hot_community_cases
        targets += [rng.choice(places) for _ in range(cases)]

        async def report(n: int, unit: str) -> None:
            # The cases service learns of a new unit from people's event: until its projection
            # has it, a report there is NOT_FOUND, so wait for the projection and try again.
            for _ in range(300):
                body = await report_once(n, unit)
                errors = body.get("errors") or []
                if not any(e.get("extensions", {}).get("code") == "NOT_FOUND" for e in errors):
                    break
                await asyncio.sleep(0.1)
            if body.get("errors"):
                out.errors.append(str(body["errors"])[:300])
            else:
                out.cases.append(body["data"]["reportCase"]["case"]["id"])

        async def report_once(n: int, unit: str) -> dict[str, Any]:
            return await loader.call(
                REPORT,
                {
                    "input": {
                        "title": f"Case {n}: {rng.choice(CATEGORIES).lower().replace('_', ' ')}",
                        "description": "Generated by bench.datagen",
                        "category": rng.choice(CATEGORIES),
                        "channel": rng.choice(CHANNELS),
                        "priority": rng.choice(PRIORITIES),
                        "orgUnitId": unit,
                    }
                },
            )

        await asyncio.gather(*(report(n, unit) for n, unit in enumerate(targets)))
        return out
    finally:
        await loader.close()


def main() -> None:
    import json

    from bench._common import bench_stack
    from tests.support.people_auth import admin_token

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--graphql", help="a gateway URL (default: a private stack)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--streets", type=int, default=8)
    parser.add_argument("--communities", type=int, default=5)
    parser.add_argument("--grids", type=int, default=4)
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()

    def run(url: str) -> District:
        return asyncio.run(
            load_district(
                url,
                admin_token(url),
                seed=args.seed,
                streets=args.streets,
                communities=args.communities,
                grids=args.grids,
                cases=args.cases,
                concurrency=args.concurrency,
            )
        )

    if args.graphql:
        district = run(args.graphql)
    else:
        with bench_stack() as (stack, _):
            district = run(f"{stack.gateway.url}/graphql")
    print(
        json.dumps(
            {
                "district": district.district,
                **district.counts(),
                "first_errors": district.errors[:3],
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
