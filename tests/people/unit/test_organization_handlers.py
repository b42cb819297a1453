"""Registering organizations, their members and pairings, over the in-memory fakes."""

from __future__ import annotations

import pytest
from grassroots_kit.auth import Principal, RoleGrant
from grassroots_kit.errors import Conflict, Forbidden, NotFound
from grassroots_people.domain.ids import OrganizationId, OrgUnitId, PersonId
from grassroots_people.domain.org_units import OrgUnit, OrgUnitKind
from grassroots_people.domain.organizations import Membership, OrganizationKind
from grassroots_people.handlers.organizations import (
    AddOrganizationMember,
    CreateOrganization,
    PairOrganization,
    add_organization_member,
    create_organization,
    pair_organization,
)

from tests.people.contracts import person
from tests.people.fakes import FakePeople

STREET_STAFF = Principal("staff", (RoleGrant("STREET_STAFF", "dunhua", ("dunhua",)),))
COMMUNITY_STAFF = Principal(
    "cstaff", (RoleGrant("COMMUNITY_STAFF", "yichun", ("dunhua", "yichun")),)
)


@pytest.fixture
def fake() -> FakePeople:
    fake = FakePeople.create()
    street = OrgUnit(OrgUnitId("dunhua"), OrgUnitKind.STREET, "Dunhua", None, (), 1, fake.clock.now)
    community = OrgUnit(
        OrgUnitId("yichun"),
        OrgUnitKind.COMMUNITY,
        "Yichun",
        street.id,
        (street.id,),
        1,
        fake.clock.now,
    )
    for unit in (street, community):
        fake.state.org_units[unit.id] = unit
    return fake


async def test_an_organization_is_registered_once_per_unit_by_its_managers(fake: FakePeople):
    command = CreateOrganization(
        OrganizationKind.RED_PARTNER, " Haiyue  Property ", OrgUnitId("dunhua")
    )

    with pytest.raises(Forbidden):
        await create_organization(fake.ports, COMMUNITY_STAFF, command)
    made = await create_organization(fake.ports, STREET_STAFF, command)
    with pytest.raises(Conflict, match="already registered"):
        await create_organization(fake.ports, STREET_STAFF, command)

    assert fake.state.organizations == {made.id: made}
    assert (made.name, made.org_unit_path, made.created_at) == (
        "Haiyue Property",
        ("dunhua",),
        fake.clock.now,
    )
    assert fake.uow.published == []


async def test_members_are_added_once_and_pairing_happens_once(fake: FakePeople):
    org = await create_organization(
        fake.ports,
        STREET_STAFF,
        CreateOrganization(OrganizationKind.RED_PARTNER, "Haiyue", OrgUnitId("dunhua")),
    )
    member = person()
    fake.state.persons[member.id] = member
    join = AddOrganizationMember(org.id, member.id, "Chair")

    with pytest.raises(Forbidden):  # the organization is registered above her community
        await add_organization_member(fake.ports, COMMUNITY_STAFF, join)
    await add_organization_member(fake.ports, STREET_STAFF, join)
    with pytest.raises(Conflict, match="already a member"):
        await add_organization_member(fake.ports, STREET_STAFF, join)
    with pytest.raises(NotFound):
        await add_organization_member(
            fake.ports, STREET_STAFF, AddOrganizationMember(org.id, PersonId("x"), None)
        )
    assert fake.state.members[org.id] == [Membership(org.id, member.id, "Chair", fake.clock.now)]

    pair = PairOrganization(org.id, OrgUnitId("yichun"))
    await pair_organization(fake.ports, COMMUNITY_STAFF, pair)  # managers of the unit pair
    with pytest.raises(Conflict, match="already paired with Yichun"):
        await pair_organization(fake.ports, STREET_STAFF, pair)
    with pytest.raises(NotFound):
        await pair_organization(
            fake.ports, STREET_STAFF, PairOrganization(OrganizationId("x"), OrgUnitId("yichun"))
        )
    assert fake.state.paired_units[org.id] == {"yichun"}
