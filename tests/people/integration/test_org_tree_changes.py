"""Renaming and moving org units: events for the projections, paths that follow, and refusals."""

from __future__ import annotations

import json

from tests.people.integration.graph import PeopleGraph

RENAME = """mutation($i: RenameOrgUnitInput!) { renameOrgUnit(input: $i) {
  orgUnit { id name version } } }"""
MOVE = """mutation($i: MoveOrgUnitInput!) { moveOrgUnit(input: $i) {
  orgUnit { id path version parent { name } } } }"""


async def test_renaming_bumps_the_version_and_publishes_orgunit_renamed(graph: PeopleGraph):
    area = await graph.area()

    data = await graph.ok(RENAME, {"i": {"orgUnitId": area.grid, "name": "Grid One"}}, graph.admin)

    assert data["renameOrgUnit"]["orgUnit"] == {"id": area.grid, "name": "Grid One", "version": 2}
    [event] = await graph.events("orgunit.renamed")
    assert event["subject"] == area.grid
    assert event["data"]["name"] == "Grid One"
    assert event["data"]["version"] == 2


async def test_moving_a_unit_moves_its_subtree_and_everything_placed_in_it(graph: PeopleGraph):
    area = await graph.area()
    household = await graph.household(area.neighborhood, "Liaoyuan Road No. 26, Room 301")
    resident = await graph.person("Shi Kai", "13800000021", household=household)
    new_grid = await graph.unit("GRID", "Grid 9", area.other_community)

    data = await graph.ok(
        MOVE, {"i": {"orgUnitId": area.piece, "newParentId": new_grid}}, graph.admin
    )

    new_root = [area.district, area.street, area.other_community, new_grid]
    assert data["moveOrgUnit"]["orgUnit"]["path"] == new_root
    assert data["moveOrgUnit"]["orgUnit"]["parent"] == {"name": "Grid 9"}
    moved = {e["subject"]: e["data"] for e in await graph.events("orgunit.moved")}
    assert set(moved) == {area.piece, area.group, area.neighborhood, area.building}
    assert moved[area.neighborhood]["path"] == [*new_root, area.piece, area.group]
    assert all(d["version"] == 2 for d in moved.values())
    person = await graph.service.host.db["persons"].find_one({"_id": resident})
    assert person["orgUnitPath"] == [*new_root, area.piece, area.group, area.neighborhood]
    stored = await graph.service.host.db["households"].find_one({"_id": household})
    assert stored["orgUnitPath"][:4] == new_root


async def test_a_unit_cannot_move_into_its_own_subtree_or_under_a_lower_rung(graph: PeopleGraph):
    area = await graph.area()

    into_itself = await graph.error(
        MOVE, {"i": {"orgUnitId": area.grid, "newParentId": area.group}}, graph.admin
    )
    under_a_piece = await graph.error(
        MOVE, {"i": {"orgUnitId": area.grid, "newParentId": area.piece}}, graph.admin
    )
    unknown = await graph.error(
        MOVE, {"i": {"orgUnitId": area.grid, "newParentId": "nowhere"}}, graph.admin
    )

    assert into_itself["extensions"] == {"code": "BAD_USER_INPUT", "field": "newParentId"}
    assert under_a_piece["extensions"]["code"] == "BAD_USER_INPUT"
    assert unknown["extensions"] == {"code": "NOT_FOUND", "field": "newParentId"}
    assert await graph.events("orgunit.moved") == []


async def test_community_staff_manage_their_community_only(graph: PeopleGraph):
    area = await graph.area()
    staff = await graph.staff("Zhou Min", "13800000012", "COMMUNITY_STAFF", area.community)

    created = await graph.unit("GRID", "Grid 2", area.community, token=staff)
    outside = await graph.error(
        RENAME, {"i": {"orgUnitId": area.other_community, "name": "Mine Now"}}, staff
    )
    district = await graph.error(
        'mutation { createOrgUnit(input: {kind: DISTRICT, name: "Rogue"}) { orgUnit { id } } }',
        token=staff,
    )
    anonymous = await graph.error(RENAME, {"i": {"orgUnitId": area.grid, "name": "Anon"}})

    assert created
    assert outside["extensions"]["code"] == "FORBIDDEN"
    assert district["extensions"]["code"] == "FORBIDDEN"
    assert anonymous["extensions"]["code"] == "UNAUTHENTICATED"
    assert await graph.events("orgunit.renamed") == []


async def test_text_that_is_not_valid_unicode_is_bad_user_input_not_a_crash(graph: PeopleGraph):
    area = await graph.area()
    units = await graph.count("org_units")

    async def send(query: str, variables: dict, token: str | None = None) -> dict:
        # json.dumps escapes the lone surrogate (\ud800); the server decodes it back.
        body = json.dumps({"query": query, "variables": variables}).encode()
        headers = {"content-type": "application/json"}
        if token:
            headers["authorization"] = f"Bearer {token}"
        response = await graph.service.client.post("/graphql", content=body, headers=headers)
        return response.json()["errors"][0]

    name = await send(
        "mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { orgUnit { id } } }",
        {"i": {"kind": "GRID", "name": "Grid \ud800", "parentId": area.community}},
        graph.admin,
    )
    login = await send(
        "mutation($i: LoginInput!) { login(input: $i) { accessToken } }",
        {"i": {"phone": "1380000\ud800", "password": "x\ud800"}},
    )

    assert name["extensions"] == {"code": "BAD_USER_INPUT", "field": "name"}
    assert login["extensions"]["code"] == "UNAUTHENTICATED"
    assert await graph.count("org_units") == units
