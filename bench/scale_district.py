"""A realistic district's people, loaded through people's own mutations (its domain rules apply:
ladder ranks, 5-15 households per neighborhood, elections by a majority of households, roles
held at the right rung), then read at that size.

    python -m bench.scale_district [--seed 7] [--residents 20000] [--households 6000]
                                   [--chiefs 964] [--staff 200] [--organizations 40]

Starts its own people, cases and points on a private mongod (the bench stack), so the figures
include how long the other services take to project everything people published. Prints and
saves: the counts, the load rate of each stage, the projection catch-up, and the latency of
reads that grow with the district (a community's people page, who serves a neighborhood).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx
from pymongo import AsyncMongoClient

from bench._common import bench_stack, machine, save, summary_ms
from scripts.demo.people_cast import FAMILY_NAMES, person_name
from tests.support.people_auth import admin_token
from tests.support.stack import Stack

UNIT = (
    """mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { orgUnit { id } } }"""
)
HOUSEHOLDS = """mutation($input: CreateHouseholdsInput!) {
  createHouseholds(input: $input) { households { id } } }"""
PEOPLE = """mutation($input: RegisterPeopleInput!) {
  registerPeople(input: $input) { people { id } } }"""
ELECT = (
    """mutation($input: RecordElectionInput!) { recordElection(input: $input) { __typename } }"""
)
ASSIGN = """mutation($input: AssignRoleInput!) { assignRole(input: $input) { __typename } }"""
ORGANIZATION = """mutation($input: CreateOrganizationInput!) {
  createOrganization(input: $input) { organization { id } } }"""
COMMUNITY_PEOPLE = """query($id: ID!) { people(filter: {within: $id}, first: 100) {
  totalCount edges { node { id name household { address } } } } }"""
SERVED_BY = """query($id: ID!) { orgUnit(id: $id) { name servedBy { role person { name } } } }"""

BATCH = 200  # people's bulk mutations take at most 200 at a time
ORG_KINDS = ("RED_PARTNER", "DEPARTMENT", "PROPERTY_COMPANY", "OWNERS_COMMITTEE", "SOCIAL_ORG")


@dataclass
class Shape:
    """How the district is cut: the rungs above the neighborhoods, derived from the sizes."""

    residents: int
    households: int
    chiefs: int  # one elected neighbor chief per neighborhood
    staff: int
    organizations: int
    streets: int = 8
    communities_per_street: int = 5

    @property
    def communities(self) -> int:
        return self.streets * self.communities_per_street


@dataclass
class Loaded:
    district: str = ""
    communities: list[str] = field(default_factory=list)
    grids: list[str] = field(default_factory=list)
    neighborhoods: list[str] = field(default_factory=list)
    households: dict[str, list[str]] = field(default_factory=dict)  # neighborhood → households
    people: list[str] = field(default_factory=list)
    homes: dict[str, str] = field(default_factory=dict)  # person → household
    units: int = 0
    roles: int = 0
    organizations: int = 0
    stages: dict[str, dict[str, float]] = field(default_factory=dict)


class People:
    def __init__(self, url: str, token: str, concurrency: int) -> None:
        self._url = url
        self._headers = {"authorization": f"Bearer {token}"}
        self._http = httpx.AsyncClient(timeout=120)
        self._gate = asyncio.Semaphore(concurrency)

    async def call(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        async with self._gate:
            response = await self._http.post(
                self._url, json={"query": query, "variables": variables}, headers=self._headers
            )
        body: dict[str, Any] = response.json()
        if body.get("errors"):
            raise RuntimeError(f"{query.split('(')[0].strip()}: {str(body['errors'])[:300]}")
        data: dict[str, Any] = body["data"]
        return data

    async def unit(self, kind: str, name: str, parent: str | None) -> str:
        data = await self.call(UNIT, {"input": {"kind": kind, "name": name, "parentId": parent}})
        return str(data["createOrgUnit"]["orgUnit"]["id"])

    async def close(self) -> None:
        await self._http.aclose()


def a_name(rng: random.Random) -> str:
    return person_name(rng)  # a Chinese name, as the demo's residents have


def spread(total: int, buckets: int) -> list[int]:
    """`total` split over `buckets` as evenly as whole numbers allow."""
    base, extra = divmod(total, buckets)
    return [base + (1 if i < extra else 0) for i in range(buckets)]


async def staged(loaded: Loaded, name: str, count: int, work: Any) -> Any:
    started = time.perf_counter()
    result = await work
    seconds = time.perf_counter() - started
    loaded.stages[name] = {
        "count": count,
        "seconds": round(seconds, 1),
        "per_s": round(count / seconds, 1) if seconds else 0.0,
    }
    print(f"scale: {name}: {count} in {seconds:.1f} s", flush=True)
    return result


async def build_tree(api: People, shape: Shape, rng: random.Random, loaded: Loaded) -> None:
    """District → streets → communities → 4 grids → a piece → 2 groups → the neighborhoods."""
    loaded.district = await api.unit("DISTRICT", f"Scale District {rng.randrange(10**6)}", None)
    streets = await asyncio.gather(
        *(api.unit("STREET", f"Street {s + 1}", loaded.district) for s in range(shape.streets))
    )
    communities = await asyncio.gather(
        *(
            api.unit("COMMUNITY", f"Community {s + 1}-{c + 1}", street)
            for s, street in enumerate(streets)
            for c in range(shape.communities_per_street)
        )
    )
    loaded.communities = list(communities)
    grids = await asyncio.gather(
        *(api.unit("GRID", f"Grid {g + 1}", c) for c in communities for g in range(4))
    )
    loaded.grids = list(grids)
    pieces = await asyncio.gather(*(api.unit("PIECE", "Piece 1", g) for g in grids))
    groups = await asyncio.gather(
        *(api.unit("GROUP", f"Group {n + 1}", p) for p in pieces for n in range(2))
    )
    per_group = spread(shape.chiefs, len(groups))
    neighborhoods = await asyncio.gather(
        *(
            api.unit("NEIGHBORHOOD", f"Neighborhood {n + 1}", group)
            for group, count in zip(groups, per_group, strict=True)
            for n in range(count)
        )
    )
    loaded.neighborhoods = list(neighborhoods)
    loaded.units = 1 + len(streets) + len(communities) + len(grids) + len(pieces) + len(groups)
    loaded.units += len(neighborhoods)


async def create_households(api: People, shape: Shape, loaded: Loaded) -> None:
    specs = [
        (neighborhood, f"Lane {n + 1}, No. {h + 1}")
        for n, (neighborhood, count) in enumerate(
            zip(
                loaded.neighborhoods,
                spread(shape.households, len(loaded.neighborhoods)),
                strict=True,
            )
        )
        for h in range(count)
    ]

    async def batch(part: Sequence[tuple[str, str]]) -> None:
        variables = {"input": {"households": [{"orgUnitId": u, "address": a} for u, a in part]}}
        made = (await api.call(HOUSEHOLDS, variables))["createHouseholds"]["households"]
        for (unit, _), household in zip(part, made, strict=True):
            loaded.households.setdefault(unit, []).append(household["id"])

    await asyncio.gather(*(batch(specs[i : i + BATCH]) for i in range(0, len(specs), BATCH)))


async def register_residents(api: People, shape: Shape, rng: random.Random, loaded: Loaded) -> None:
    households = [h for unit in loaded.neighborhoods for h in loaded.households.get(unit, [])]
    # Everyone lives somewhere: one resident per household first, the rest spread at random.
    homes = households + [rng.choice(households) for _ in range(shape.residents - len(households))]
    specs = [
        {
            "name": a_name(rng),
            "phone": f"139{i:08}",
            "householdId": home,
            "partyMember": rng.random() < 0.12,
        }
        for i, home in enumerate(homes)
    ]

    async def batch(part: list[dict[str, Any]]) -> list[str]:
        made = (await api.call(PEOPLE, {"input": {"people": part}}))["registerPeople"]["people"]
        return [p["id"] for p in made]

    parts = await asyncio.gather(
        *(batch(specs[i : i + BATCH]) for i in range(0, len(specs), BATCH))
    )
    loaded.people = [person for part in parts for person in part]
    loaded.homes = dict(zip(loaded.people, homes, strict=True))


async def elect_chiefs(api: People, loaded: Loaded) -> None:
    """Each neighborhood elects one of its first household's residents; a bare majority votes."""
    first_resident: dict[str, str] = {}
    for person, household in loaded.homes.items():
        first_resident.setdefault(household, person)
    held_on = date(2026, 1, 10).isoformat()

    async def elect(neighborhood: str) -> None:
        households = loaded.households[neighborhood]
        await api.call(
            ELECT,
            {
                "input": {
                    "neighborhoodId": neighborhood,
                    "chiefId": first_resident[households[0]],
                    "heldOn": held_on,
                    "householdsVoting": len(households) // 2 + 1,
                }
            },
        )

    await asyncio.gather(*(elect(n) for n in loaded.neighborhoods))
    loaded.roles += len(loaded.neighborhoods)


async def appoint_staff(api: People, shape: Shape, rng: random.Random, loaded: Loaded) -> None:
    """A grid member on every grid, community staff with the rest, each a new person."""
    posts = [("GRID_MEMBER", g) for g in loaded.grids]
    posts += [("COMMUNITY_STAFF", c) for c in loaded.communities]
    posts = [posts[i % len(posts)] for i in range(shape.staff)]
    specs = [
        {
            "name": a_name(rng),
            "phone": f"138{i:08}",
            "orgUnitId": u,
        }
        for i, (_, u) in enumerate(posts)
    ]
    made: list[str] = []
    for i in range(0, len(specs), BATCH):
        part = await api.call(PEOPLE, {"input": {"people": specs[i : i + BATCH]}})
        made += [p["id"] for p in part["registerPeople"]["people"]]

    async def assign(person: str, role: str, unit: str) -> None:
        variables = {"input": {"personId": person, "role": role, "orgUnitId": unit}}
        await api.call(ASSIGN, variables)

    await asyncio.gather(
        *(assign(p, role, unit) for p, (role, unit) in zip(made, posts, strict=True))
    )
    loaded.roles += len(made)


async def found_organizations(
    api: People, shape: Shape, rng: random.Random, loaded: Loaded
) -> None:
    async def found(i: int) -> None:
        community = loaded.communities[i % len(loaded.communities)]
        kind = ORG_KINDS[i % len(ORG_KINDS)]
        name = f"{kind.replace('_', ' ').title()} {i + 1} {rng.choice(FAMILY_NAMES)}"
        await api.call(
            ORGANIZATION, {"input": {"kind": kind, "name": name, "orgUnitId": community}}
        )

    await asyncio.gather(*(found(i) for i in range(shape.organizations)))
    loaded.organizations = shape.organizations


async def catch_up(stack: Stack, loaded: Loaded, limit: float = 900) -> dict[str, float]:
    """Seconds from the end of the load until people's outbox is empty and until each
    projection in cases and points holds everything people published."""
    mongo: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(stack.mongo_url)
    people_db = mongo[stack.database("people")]
    cases_db = mongo[stack.database("cases")]
    points_db = mongo[stack.database("points")]
    roles = loaded.roles
    goals = {
        "outbox_empty_s": (people_db["outbox"], {"sentAt": None}, 0),
        "cases_org_units_s": (cases_db["org_units"], {}, loaded.units),
        "cases_roles_s": (cases_db["role_assignments"], {}, roles),
        "points_org_units_s": (points_db["org_units"], {}, loaded.units),
        "points_people_s": (points_db["people"], {}, len(loaded.people)),
    }
    started = time.perf_counter()
    figures: dict[str, float] = {}
    try:
        while len(figures) < len(goals) and time.perf_counter() - started < limit:
            for name, (collection, query, target) in goals.items():
                if name in figures:
                    continue
                count = await collection.count_documents(query)
                reached = count == 0 if name == "outbox_empty_s" else count >= target
                if reached:
                    figures[name] = round(time.perf_counter() - started, 1)
            await asyncio.sleep(0.5)
    finally:
        await mongo.close()
    return figures


async def reads(url: str, token: str, loaded: Loaded, rng: random.Random) -> dict[str, Any]:
    """Latency of reads that grow with the district, one client then ten."""
    headers = {"authorization": f"Bearer {token}"}
    figures: dict[str, Any] = {}
    shapes = {
        "community_people_page": (COMMUNITY_PEOPLE, loaded.communities),
        "neighborhood_served_by": (SERVED_BY, loaded.neighborhoods),
    }
    async with httpx.AsyncClient(timeout=60) as http:
        for name, (query, ids) in shapes.items():
            for clients in (1, 10):
                times: list[float] = []

                async def client(
                    n: int, q: str = query, pool: list[str] = ids, times: list[float] = times
                ) -> None:
                    for _ in range(n):
                        variables = {"id": rng.choice(pool)}
                        started = time.perf_counter()
                        body = (
                            await http.post(
                                url, json={"query": q, "variables": variables}, headers=headers
                            )
                        ).json()
                        times.append(time.perf_counter() - started)
                        if body.get("errors"):
                            raise RuntimeError(str(body["errors"])[:300])

                started = time.perf_counter()
                await asyncio.gather(*(client(200 // clients) for _ in range(clients)))
                elapsed = time.perf_counter() - started
                figures[f"{name}_{clients}_clients"] = {
                    **summary_ms(times),
                    "req_per_s": round(len(times) / elapsed, 1),
                }
    return figures


async def load(stack: Stack, shape: Shape, seed: int, concurrency: int) -> dict[str, Any]:
    rng = random.Random(seed)
    url = f"{stack.processes['people'][0].url}/graphql"
    token = await asyncio.to_thread(admin_token, url)
    api = People(url, token, concurrency)
    loaded = Loaded()
    started = time.perf_counter()
    try:
        await staged(loaded, "org_units", 0, build_tree(api, shape, rng, loaded))
        await staged(loaded, "households", shape.households, create_households(api, shape, loaded))
        await staged(
            loaded, "residents", shape.residents, register_residents(api, shape, rng, loaded)
        )
        await staged(loaded, "chiefs_elected", shape.chiefs, elect_chiefs(api, loaded))
        await staged(loaded, "staff", shape.staff, appoint_staff(api, shape, rng, loaded))
        await staged(
            loaded,
            "organizations",
            shape.organizations,
            found_organizations(api, shape, rng, loaded),
        )
    finally:
        await api.close()
    load_seconds = time.perf_counter() - started
    tree = loaded.stages["org_units"]
    tree["count"] = loaded.units
    tree["per_s"] = round(loaded.units / tree["seconds"], 1) if tree["seconds"] else 0.0
    catch = await catch_up(stack, loaded)
    read_figures = await reads(url, token, loaded, rng)
    households = sum(len(h) for h in loaded.households.values())
    return {
        "seed": seed,
        "counts": {
            "org_units": loaded.units,
            "neighborhoods": len(loaded.neighborhoods),
            "households": households,
            "residents": len(loaded.people),
            "roles": loaded.roles,
            "organizations": loaded.organizations,
        },
        "load_seconds": round(load_seconds, 1),
        "stages": loaded.stages,
        "projection_catch_up": catch,
        "reads_people_direct": read_figures,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--residents", type=int, default=20_000)
    parser.add_argument("--households", type=int, default=6_000)
    parser.add_argument("--chiefs", type=int, default=964)
    parser.add_argument("--staff", type=int, default=200)
    parser.add_argument("--organizations", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    shape = Shape(args.residents, args.households, args.chiefs, args.staff, args.organizations)
    if not 5 * shape.chiefs <= shape.households <= 15 * shape.chiefs:
        parser.error("a neighborhood has 5 to 15 households: keep households/chiefs in 5..15")
    with bench_stack(("people", "cases", "points"), gateway=False) as (stack, _):
        figures = asyncio.run(load(stack, shape, args.seed, args.concurrency))
    save("scale_district", {"machine": machine(), **figures})


if __name__ == "__main__":
    main()
