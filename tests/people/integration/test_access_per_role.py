"""For every role: what lies outside it is hidden, and what ranks above it is FORBIDDEN."""

from __future__ import annotations

import pytest

from tests.people.integration.graph import Area, PeopleGraph

PERSON = "query($id: ID!) { person(id: $id) { name phone household { address } } }"
ASSIGN = """mutation($i: AssignRoleInput!) { assignRole(input: $i) { roleAssignment { id } } }"""
HOUSEHOLD = """mutation($i: CreateHouseholdInput!) {
  createHousehold(input: $i) { household { id } } }"""


def held_at(role: str, area: Area) -> str:
    return {
        "RESIDENT": area.neighborhood,
        "NEIGHBOR_CHIEF": area.neighborhood,
        "GROUP_CHIEF": area.group,
        "PIECE_CHIEF": area.piece,
        "BUILDING_CHIEF": area.building,
        "GRID_MEMBER": area.grid,
        "GRID_CHIEF": area.grid,
        "COMMUNITY_STAFF": area.community,
        "COMMUNITY_SECRETARY": area.community,
        "STREET_STAFF": area.street,
        "DEPARTMENT_STAFF": area.district,
        "RED_PARTNER_MEMBER": area.community,
        "VOLUNTEER": area.community,
        "DISTRICT_ADMIN": area.district,
    }[role]


ROLES = [
    "RESIDENT", "NEIGHBOR_CHIEF", "GROUP_CHIEF", "PIECE_CHIEF", "BUILDING_CHIEF", "GRID_MEMBER",
    "GRID_CHIEF", "COMMUNITY_STAFF", "COMMUNITY_SECRETARY", "STREET_STAFF", "DEPARTMENT_STAFF",
    "RED_PARTNER_MEMBER", "VOLUNTEER", "DISTRICT_ADMIN",
]  # fmt: skip


async def holder(graph: PeopleGraph, role: str, area: Area) -> str:
    unit = held_at(role, area)
    if role == "NEIGHBOR_CHIEF":
        homes = [await graph.household(unit, f"Lane 1, No. {i}") for i in range(5)]
        chief = await graph.person("Holder", "13800000099", household=homes[0])
        await graph.ok(
            """mutation($i: RecordElectionInput!) { recordElection(input: $i) {
              roleAssignment { id } } }""",
            {"i": {"neighborhoodId": unit, "chiefId": chief, "heldOn": "2026-11-01",
                   "householdsVoting": 5}},
            graph.admin,
        )  # fmt: skip
        return await graph.token("13800000099")
    organization = None
    if role in ("DEPARTMENT_STAFF", "RED_PARTNER_MEMBER"):
        kind = "DEPARTMENT" if role == "DEPARTMENT_STAFF" else "RED_PARTNER"
        organization = (
            await graph.ok(
                """mutation($i: CreateOrganizationInput!) {
                  createOrganization(input: $i) { organization { id } } }""",
                {"i": {"kind": kind, "name": "Org", "orgUnitId": unit}},
                graph.admin,
            )
        )["createOrganization"]["organization"]["id"]
    person = await graph.person("Holder", "13800000099", unit=unit)
    await graph.assign(person, role, unit, organization)
    return await graph.token("13800000099")


@pytest.mark.parametrize("role", ROLES)
async def test_a_role_sees_nothing_outside_its_scope_unmasked_and_may_not_act_above_it(
    graph: PeopleGraph, role: str
):
    area = await graph.area()
    elsewhere = await graph.unit("DISTRICT", "Shibei District")
    far_home = await graph.household(elsewhere, "Yichun Road No. 8, Room 5")
    stranger = await graph.person("Stranger", "13912345678", household=far_home, password=None)
    token = await holder(graph, role, area)
    households = await graph.count("households")

    seen = await graph.ok(PERSON, {"id": stranger}, token)
    grant = await graph.error(
        ASSIGN,
        {"i": {"personId": stranger, "role": "DISTRICT_ADMIN", "orgUnitId": elsewhere}},
        token,
    )
    create = await graph.error(
        HOUSEHOLD, {"i": {"orgUnitId": elsewhere, "address": "Intruder Road 1"}}, token
    )

    # A resident outside one's scope is no one to them: name masked, no phone, no household.
    assert seen["person"] == {"name": "****", "phone": None, "household": None}
    assert grant["extensions"]["code"] == "FORBIDDEN"
    assert create["extensions"]["code"] == "FORBIDDEN"
    assert await graph.count("households") == households
    assert await graph.count("role_assignments", {"orgUnitId": elsewhere}) == 0
