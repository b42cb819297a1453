"""A page of people with their households and roles costs a bounded number of queries, and every
entity is resolved for the gateway in one query per type."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator

import pytest
from grassroots_people.main import create_app
from grassroots_people.settings import PeopleSettings
from pymongo import AsyncMongoClient, monitoring

from tests.people.integration.graph import PeopleGraph
from tests.support.apps import run_service, settings_for
from tests.support.people_auth import admin_token_of
from tests.support.rabbit import BrokerNamespace

# Queries, not the further batches of a cursor (getMore), and not the outbox relay's polling.
READS = {"find", "aggregate", "count", "distinct"}
BACKGROUND = {"outbox", "processed_events"}
PAGE = """query($f: PersonFilter, $first: Int) { people(filter: $f, first: $first) {
  totalCount edges { node { name phone household { address careLevel members { name } }
  roles { role orgUnit { name } } orgUnit { name } } } } }"""


class Reads(monitoring.CommandListener):
    def __init__(self, database: str) -> None:
        self.database = database
        self.counts: Counter[str] = Counter()

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        if event.database_name == self.database and event.command_name in READS:
            collection = event.command.get(event.command_name)
            if collection not in BACKGROUND:
                self.counts[f"{event.command_name} {collection}"] += 1

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        pass

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        pass

    def total(self) -> int:
        return sum(self.counts.values())


@pytest.fixture
async def counted(
    mongo_url: str, db_name: str, broker_ns: BrokerNamespace, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[PeopleGraph, Reads]]:
    reads = Reads(db_name)

    def client(url: str, *, app_name: str, timeout_ms: int = 5000) -> AsyncMongoClient:
        return AsyncMongoClient(
            url,
            appname=app_name,
            w="majority",
            tz_aware=True,
            uuidRepresentation="standard",
            event_listeners=[reads],
        )

    monkeypatch.setattr("grassroots_kit.host.create_client", client)
    settings = settings_for(PeopleSettings, mongo_url=mongo_url, db_name=db_name, ns=broker_ns)
    async with run_service(create_app, settings, broker_ns) as service:
        yield PeopleGraph(service, await admin_token_of(service)), reads


async def populate(graph: PeopleGraph, residents: int) -> str:
    area = await graph.area()
    units = [area.neighborhood, area.building]
    homes = [
        await graph.household(units[i % 2], f"Liaoyuan Road No. 26, Room {i}") for i in range(20)
    ]
    people = [
        {"name": f"Resident {i:03}", "phone": f"1370000{i:04}", "householdId": homes[i % 20]}
        for i in range(residents)
    ]
    batch = "mutation($i: RegisterPeopleInput!) { registerPeople(input: $i) { people { id } } }"
    ids = [
        p["id"]
        for p in (await graph.ok(batch, {"i": {"people": people}}, graph.admin))["registerPeople"][
            "people"
        ]
    ]
    for person, unit in zip(ids[:30], [area.grid, area.group, area.piece] * 10, strict=True):
        await graph.assign(person, "VOLUNTEER", unit)
    return area.district


async def reads_for_page(graph: PeopleGraph, reads: Reads, district: str, first: int) -> int:
    reads.counts.clear()
    data = await graph.ok(PAGE, {"f": {"within": district}, "first": first}, graph.admin)
    assert len(data["people"]["edges"]) == first
    assert all(e["node"]["household"] for e in data["people"]["edges"])
    return reads.total()


async def test_a_page_of_people_with_households_and_roles_costs_the_same_for_10_or_100(counted):
    graph, reads = counted
    district = await populate(graph, 120)

    small = await reads_for_page(graph, reads, district, 10)
    counts_small = dict(reads.counts)
    large = await reads_for_page(graph, reads, district, 100)

    # The page and its count, the `within` unit, households, their members, roles, and the org
    # units of the people and of their roles (loaded in separate rounds): 8, whatever the size.
    assert large == small, repr((counts_small, dict(reads.counts)))
    assert large == 8, dict(reads.counts)


async def test_entities_of_every_type_are_resolved_in_one_query_per_type(counted):
    graph, reads = counted
    area = await graph.area()
    homes = [await graph.household(area.neighborhood, f"Room {i}") for i in range(3)]
    people = [
        await graph.person(f"P{i}", f"1370000000{i}", household=homes[i], password=None)
        for i in range(3)
    ]
    organization = (
        await graph.ok(
            "mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { organization { id } } }",
            {"i": {"kind": "RED_PARTNER", "name": "Haier Group", "orgUnitId": area.community}},
            graph.admin,
        )
    )["createOrganization"]["organization"]["id"]
    representations = (
        [{"__typename": "Person", "id": p} for p in people]
        + [{"__typename": "Household", "id": h} for h in homes]
        + [{"__typename": "OrgUnit", "id": u} for u in (area.district, area.grid, area.group)]
        + [{"__typename": "Organization", "id": organization}]
    )
    reads.counts.clear()

    data = await graph.ok(
        """query($r: [_Any!]!) { _entities(representations: $r) {
          ... on Person { name } ... on Household { careLevel } ... on OrgUnit { name }
          ... on Organization { name } } }""",
        {"r": representations},
        graph.admin,  # residents' names and households show only to those who may see them
    )

    assert [e.get("name") for e in data["_entities"][:3]] == ["P0", "P1", "P2"]
    assert data["_entities"][-1] == {"name": "Haier Group"}
    assert dict(reads.counts) == {
        "find persons": 1,
        "find households": 1,
        "find org_units": 1,
        "find organizations": 1,
    }


async def test_served_by_for_a_page_of_units_costs_one_query(counted):
    graph, reads = counted
    area = await graph.area()
    for role, unit in (("GRID_MEMBER", area.grid), ("GROUP_CHIEF", area.group)):
        holder = await graph.person(f"Holder {role}", None, unit=unit, password=None)
        await graph.assign(holder, role, unit)
    reads.counts.clear()

    data = await graph.ok(
        """query($f: OrgUnitFilter) { orgUnits(filter: $f, first: 50) { edges { node {
          name servedBy(first: 5) { role person { name } } } } } }""",
        {"f": {"within": area.district}},
        graph.admin,
    )

    served = [e["node"]["servedBy"] for e in data["orgUnits"]["edges"]]
    assert len(served) > 3
    assert any(served)
    assert reads.counts["find role_assignments"] == 1, dict(reads.counts)
    assert reads.counts["find persons"] == 1, dict(reads.counts)
