"""Roles: who may grant what, elections of neighbor chiefs, and who serves a place."""

from __future__ import annotations

from tests.people.integration.graph import PeopleGraph

ELECT = """mutation($i: RecordElectionInput!) { recordElection(input: $i) {
  roleAssignment { role person { name } election { householdsVoting householdsTotal } } } }"""
SERVED_BY = """query($id: ID!) { orgUnit(id: $id) { servedBy { role orgUnit { name } person { name } } } }"""
REVOKE = """mutation($id: ID!) { revokeRole(input: {roleAssignmentId: $id}) {
  roleAssignment { revokedAt } } }"""
ASSIGN = """mutation($i: AssignRoleInput!) { assignRole(input: $i) { roleAssignment { id } } }"""


async def households(graph: PeopleGraph, unit: str, count: int) -> list[str]:
    return [
        await graph.household(unit, f"Liaoyuan Road No. 26, Room {100 + i}") for i in range(count)
    ]


async def test_assigning_and_revoking_a_role_publishes_both_with_the_units_path(graph: PeopleGraph):
    area = await graph.area()
    person = await graph.person("Grid Member", "13800000061", unit=area.grid)

    assignment = await graph.assign(person, "GRID_MEMBER", area.grid)
    revoked = await graph.ok(REVOKE, {"id": assignment}, graph.admin)

    [assigned] = await graph.events("role.assigned")
    [gone] = await graph.events("role.revoked")
    assert assigned["data"]["orgUnitPath"] == [
        area.district,
        area.street,
        area.community,
        area.grid,
    ]
    assert assigned["data"]["role"] == "GRID_MEMBER"
    assert gone["data"]["revokedAt"] == revoked["revokeRole"]["roleAssignment"][
        "revokedAt"
    ].replace("+00:00", "Z")
    again = await graph.error(REVOKE, {"id": assignment}, graph.admin)
    assert again["extensions"]["code"] == "CONFLICT"


async def test_a_role_held_at_the_wrong_rung_or_twice_is_refused(graph: PeopleGraph):
    area = await graph.area()
    person = await graph.person("Someone", "13800000062", unit=area.community)
    await graph.assign(person, "COMMUNITY_STAFF", area.community)

    wrong_rung = await graph.error(
        ASSIGN,
        {"i": {"personId": person, "role": "DISTRICT_ADMIN", "orgUnitId": area.community}},
        graph.admin,
    )
    twice = await graph.error(
        ASSIGN,
        {"i": {"personId": person, "role": "COMMUNITY_STAFF", "orgUnitId": area.community}},
        graph.admin,
    )
    no_org = await graph.error(
        ASSIGN,
        {"i": {"personId": person, "role": "DEPARTMENT_STAFF", "orgUnitId": area.street}},
        graph.admin,
    )
    unknown_person = await graph.error(
        ASSIGN,
        {"i": {"personId": "ghost", "role": "GRID_MEMBER", "orgUnitId": area.grid}},
        graph.admin,
    )

    assert wrong_rung["extensions"] == {"code": "BAD_USER_INPUT", "field": "orgUnitId"}
    assert twice["extensions"]["code"] == "CONFLICT"
    assert no_org["extensions"] == {"code": "BAD_USER_INPUT", "field": "organizationId"}
    assert unknown_person["extensions"] == {"code": "NOT_FOUND", "field": "personId"}
    assert len(await graph.events("role.assigned")) == 1


async def test_only_community_staff_and_above_grant_roles_and_never_above_their_own(
    graph: PeopleGraph,
):
    area = await graph.area()
    staff = await graph.staff("Zhou Min", "13800000012", "COMMUNITY_STAFF", area.community)
    chief = await graph.staff("Group Chief", "13800000013", "GROUP_CHIEF", area.group)
    resident = await graph.person("Shi Kai", "13800000014", unit=area.neighborhood)

    by_chief = await graph.error(
        ASSIGN, {"i": {"personId": resident, "role": "VOLUNTEER", "orgUnitId": area.group}}, chief
    )
    above_own = await graph.error(
        ASSIGN,
        {"i": {"personId": resident, "role": "STREET_STAFF", "orgUnitId": area.street}},
        staff,
    )
    outside = await graph.error(
        ASSIGN,
        {"i": {"personId": resident, "role": "GRID_MEMBER", "orgUnitId": area.other_community}},
        staff,
    )
    granted = await graph.assign(resident, "GRID_MEMBER", area.grid, token=staff)

    assert by_chief["extensions"]["code"] == "FORBIDDEN"
    assert above_own["extensions"]["code"] == "FORBIDDEN"
    assert outside["extensions"]["code"] == "FORBIDDEN"
    assert granted


async def test_a_district_admin_manages_everything_in_the_district_and_nothing_outside(
    graph: PeopleGraph,
):
    area = await graph.area()
    elsewhere = await graph.unit("DISTRICT", "Shibei District")
    admin = await graph.staff("Wangcheng Admin", "13800000001", "DISTRICT_ADMIN", area.district)

    street = await graph.unit("STREET", "New Street", area.district, token=admin)
    refused = await graph.error(
        "mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { orgUnit { id } } }",
        {"i": {"kind": "STREET", "name": "Annexed Street", "parentId": elsewhere}},
        admin,
    )

    assert street
    assert refused["extensions"]["code"] == "FORBIDDEN"


async def test_a_neighborhood_of_5_to_15_households_elects_its_chief(graph: PeopleGraph):
    area = await graph.area()
    homes = await households(graph, area.neighborhood, 6)
    first = await graph.person("First Chief", "13800000071", household=homes[0])
    second = await graph.person("Second Chief", "13800000072", household=homes[1])

    await graph.ok(
        ELECT,
        {
            "i": {
                "neighborhoodId": area.neighborhood,
                "chiefId": first,
                "heldOn": "2026-01-10",
                "householdsVoting": 5,
            }
        },
        graph.admin,
    )
    data = await graph.ok(
        ELECT,
        {
            "i": {
                "neighborhoodId": area.neighborhood,
                "chiefId": second,
                "heldOn": "2026-11-20",
                "householdsVoting": 4,
            }
        },
        graph.admin,
    )
    served = await graph.ok(SERVED_BY, {"id": area.neighborhood})

    assert data["recordElection"]["roleAssignment"] == {
        "role": "NEIGHBOR_CHIEF",
        "person": {"name": "Second Chief"},
        "election": {"householdsVoting": 4, "householdsTotal": 6},
    }
    chiefs = [s for s in served["orgUnit"]["servedBy"] if s["role"] == "NEIGHBOR_CHIEF"]
    assert chiefs == [
        {
            "role": "NEIGHBOR_CHIEF",
            "orgUnit": {"name": "Neighborhood 1-1"},
            "person": {"name": "Second Chief"},
        }
    ]
    assert len(await graph.events("role.revoked")) == 1


async def test_an_election_outside_the_rules_is_refused_with_a_clear_error(graph: PeopleGraph):
    area = await graph.area()
    homes = await households(graph, area.neighborhood, 4)
    chief = await graph.person("Hopeful", "13800000071", household=homes[0])
    elsewhere = await graph.person("Elsewhere", "13800000072", unit=area.group)

    def election(unit: str, who: str, voting: int) -> dict:
        return {
            "i": {
                "neighborhoodId": unit,
                "chiefId": who,
                "heldOn": "2026-11-20",
                "householdsVoting": voting,
            }
        }

    too_small = await graph.error(ELECT, election(area.neighborhood, chief, 3), graph.admin)
    wrong_kind = await graph.error(ELECT, election(area.building, chief, 3), graph.admin)
    for i in range(4, 6):
        await graph.household(area.neighborhood, f"Liaoyuan Road No. 26, Room {200 + i}")
    minority = await graph.error(ELECT, election(area.neighborhood, chief, 2), graph.admin)
    not_a_resident = await graph.error(
        ELECT, election(area.neighborhood, elsewhere, 4), graph.admin
    )

    assert too_small["extensions"] == {"code": "BAD_USER_INPUT", "field": "neighborhoodId"}
    assert "from 5 to 15 households; this one has 4" in too_small["message"]
    assert wrong_kind["extensions"] == {"code": "BAD_USER_INPUT", "field": "neighborhoodId"}
    assert minority["extensions"] == {"code": "BAD_USER_INPUT", "field": "householdsVoting"}
    assert not_a_resident["extensions"] == {"code": "BAD_USER_INPUT", "field": "chiefId"}
    assert await graph.count("role_assignments", {"role": "NEIGHBOR_CHIEF"}) == 0
    assert await graph.events("role.assigned") == []


async def test_served_by_lists_chiefs_and_staff_nearest_first_up_the_ladder(graph: PeopleGraph):
    area = await graph.area()
    for name, phone, role, unit in (
        ("Li Lang", "13800000081", "COMMUNITY_SECRETARY", area.community),
        ("Street Staff", "13800000082", "STREET_STAFF", area.street),
        ("Group Chief", "13800000083", "GROUP_CHIEF", area.group),
        ("Grid Member", "13800000084", "GRID_MEMBER", area.grid),
        ("Volunteer", "13800000085", "VOLUNTEER", area.group),
    ):
        person = await graph.person(name, phone, unit=unit, password=None)
        await graph.assign(person, role, unit)

    served = await graph.ok(SERVED_BY, {"id": area.building})

    assert [s["person"]["name"] for s in served["orgUnit"]["servedBy"]] == [
        "Group Chief",
        "Grid Member",
        "Li Lang",
        "Street Staff",
    ]


ROLES_OF = """query($id: ID!) { person(id: $id) { roles {
  id grantedBy { name } revokedBy { name } } } }"""
REGISTER_ORG = """mutation($i: CreateOrganizationInput!) {
  createOrganization(input: $i) { organization { id } } }"""


async def test_every_grant_and_revocation_records_who_made_it(graph: PeopleGraph):
    area = await graph.area()
    secretary_id = await graph.person("Li Lang", "13800000071", unit=area.community)
    await graph.assign(secretary_id, "COMMUNITY_SECRETARY", area.community)
    secretary = await graph.token("13800000071")
    member = await graph.person("Xu Jing", "13800000072", unit=area.grid)

    assignment = await graph.assign(member, "GRID_MEMBER", area.grid, token=secretary)
    seen = await graph.ok(ROLES_OF, {"id": member}, secretary)
    await graph.ok(REVOKE, {"id": assignment}, graph.admin)

    [_, assigned] = await graph.events("role.assigned")
    [gone] = await graph.events("role.revoked")
    assert assigned["data"]["grantedBy"] == secretary_id
    assert gone["data"]["grantedBy"] == secretary_id
    admin_id = (await graph.login("10000000000", "grassroots-bootstrap"))["personId"]
    assert gone["data"]["revokedBy"] == admin_id
    assert seen["person"]["roles"] == [
        {"id": assignment, "grantedBy": {"name": "Li Lang"}, "revokedBy": None}
    ]


async def test_nobody_grants_themselves_a_role_and_nothing_is_written(graph: PeopleGraph):
    area = await graph.area()
    secretary_id = await graph.person("Li Lang", "13800000073", unit=area.community)
    await graph.assign(secretary_id, "COMMUNITY_SECRETARY", area.community)
    secretary = await graph.token("13800000073")
    before = await graph.count("role_assignments")

    refused = await graph.error(
        ASSIGN,
        {"i": {"personId": secretary_id, "role": "VOLUNTEER", "orgUnitId": area.community}},
        secretary,
    )

    assert refused["extensions"]["code"] == "FORBIDDEN"
    assert await graph.count("role_assignments") == before
    assert len(await graph.events("role.assigned")) == 1


async def test_an_organization_role_is_granted_only_for_an_organization_of_the_unit(
    graph: PeopleGraph,
):
    area = await graph.area()
    elsewhere = await graph.unit("DISTRICT", "Shibei District")
    made = await graph.ok(
        REGISTER_ORG,
        {"i": {"kind": "DEPARTMENT", "name": "Sewage Management Office", "orgUnitId": elsewhere}},
        graph.admin,
    )
    office = made["createOrganization"]["organization"]["id"]
    person = await graph.person("Peng Tao", "13800000074", unit=area.district)

    refused = await graph.error(
        ASSIGN,
        {
            "i": {
                "personId": person,
                "role": "DEPARTMENT_STAFF",
                "orgUnitId": area.district,
                "organizationId": office,
            }
        },
        graph.admin,
    )
    granted = await graph.assign(person, "DEPARTMENT_STAFF", elsewhere, organization=office)

    assert refused["extensions"]["code"] == "FORBIDDEN"
    assert granted
