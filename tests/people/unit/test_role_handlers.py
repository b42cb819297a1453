"""Assigning, revoking and electing, over the in-memory fakes: the granting rule as the use
cases apply it, what they store and which events they publish."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from grassroots_contracts.event_types import ROLE_ASSIGNED, ROLE_REVOKED
from grassroots_kit.auth import Principal, RoleGrant
from grassroots_kit.errors import BadUserInput, Conflict, Forbidden, NotFound, Unauthenticated
from grassroots_people.domain.ids import (
    HouseholdId,
    OrganizationId,
    OrgUnitId,
    PersonId,
    RoleAssignmentId,
    new_household_id,
    new_organization_id,
    new_person_id,
)
from grassroots_people.domain.org_units import OrgUnit, OrgUnitKind
from grassroots_people.domain.organizations import Organization, OrganizationKind
from grassroots_people.domain.people import Household, Person
from grassroots_people.domain.roles import Role
from grassroots_people.handlers.roles import (
    AssignRole,
    RecordElection,
    RevokeRole,
    assign_role,
    record_election,
    revoke_role,
)

from tests.people.contracts import household, person
from tests.people.fakes import FakePeople


def rung(fake: FakePeople, kind: OrgUnitKind, name: str, parent: OrgUnit | None) -> OrgUnit:
    unit = OrgUnit(
        id=OrgUnitId(name.lower()),
        kind=kind,
        name=name,
        parent_id=parent.id if parent else None,
        path=parent.path_with_self if parent else (),
        version=1,
        created_at=fake.clock.now,
    )
    fake.state.org_units[unit.id] = unit
    return unit


class Ladder:
    def __init__(self, fake: FakePeople) -> None:
        self.district = rung(fake, OrgUnitKind.DISTRICT, "Shibei", None)
        self.street = rung(fake, OrgUnitKind.STREET, "Dunhua", self.district)
        self.community = rung(fake, OrgUnitKind.COMMUNITY, "Yichun", self.street)
        self.grid = rung(fake, OrgUnitKind.GRID, "Grid1", self.community)
        self.neighborhood = rung(fake, OrgUnitKind.NEIGHBORHOOD, "Lane5", self.grid)
        self.other_community = rung(fake, OrgUnitKind.COMMUNITY, "Wangcheng", self.street)


def resident(fake: FakePeople, name: str = "Li Wei", home: HouseholdId | None = None) -> Person:
    someone = replace(person(home, name=name), id=new_person_id())
    fake.state.persons[someone.id] = someone
    return someone


def holder(role: Role, unit: OrgUnit, person_id: str = "granter") -> Principal:
    return Principal(person_id, (RoleGrant(role.value, unit.id, unit.path_with_self),))


@pytest.fixture
def fake() -> FakePeople:
    return FakePeople.create()


@pytest.fixture
def ladder(fake: FakePeople) -> Ladder:
    return Ladder(fake)


def assign(person_id: str, role: Role, unit: OrgUnit, org: str | None = None) -> AssignRole:
    return AssignRole(
        person_id=PersonId(person_id),
        role=role,
        org_unit_id=unit.id,
        organization_id=OrganizationId(org) if org else None,
        since=None,
        until=None,
    )


async def test_a_secretary_grants_a_lower_role_in_her_community(fake: FakePeople, ladder: Ladder):
    grantee = resident(fake)
    secretary = holder(Role.COMMUNITY_SECRETARY, ladder.community)

    granted = await assign_role(
        fake.ports, secretary, assign(grantee.id, Role.GRID_MEMBER, ladder.grid)
    )

    assert fake.state.roles[granted.id] == granted
    assert (granted.org_unit_path, granted.since, granted.granted_by) == (
        ladder.grid.path_with_self,
        fake.clock.now,
        "granter",
    )
    assert fake.uow.published_types() == [ROLE_ASSIGNED]
    assert fake.uow.published[0].data["grantedBy"] == "granter"


async def test_the_granting_rule_refuses_and_nothing_is_stored(fake: FakePeople, ladder: Ladder):
    grantee = resident(fake)
    secretary = holder(Role.COMMUNITY_SECRETARY, ladder.community)

    with pytest.raises(Forbidden):  # not above the role
        await assign_role(
            fake.ports, secretary, assign(grantee.id, Role.STREET_STAFF, ladder.street)
        )
    with pytest.raises(Forbidden):  # not her community
        await assign_role(
            fake.ports, secretary, assign(grantee.id, Role.COMMUNITY_STAFF, ladder.other_community)
        )
    with pytest.raises(Forbidden, match="of your own"):
        await assign_role(
            fake.ports,
            holder(Role.COMMUNITY_SECRETARY, ladder.community, grantee.id),
            assign(grantee.id, Role.VOLUNTEER, ladder.grid),
        )
    with pytest.raises(Unauthenticated):
        await assign_role(fake.ports, None, assign(grantee.id, Role.VOLUNTEER, ladder.grid))
    with pytest.raises(BadUserInput, match="recordElection"):
        await assign_role(
            fake.ports, secretary, assign(grantee.id, Role.NEIGHBOR_CHIEF, ladder.neighborhood)
        )
    with pytest.raises(NotFound):
        await assign_role(fake.ports, secretary, assign("nobody", Role.VOLUNTEER, ladder.grid))
    with pytest.raises(NotFound):
        await assign_role(
            fake.ports,
            secretary,
            assign(grantee.id, Role.VOLUNTEER, replace(ladder.grid, id=OrgUnitId("x"))),
        )

    assert fake.state.roles == {}
    assert fake.uow.published == []


async def test_a_role_is_held_once_per_unit(fake: FakePeople, ladder: Ladder):
    grantee = resident(fake)
    secretary = holder(Role.COMMUNITY_SECRETARY, ladder.community)
    await assign_role(fake.ports, secretary, assign(grantee.id, Role.GRID_MEMBER, ladder.grid))

    with pytest.raises(Conflict, match="already holds"):
        await assign_role(fake.ports, secretary, assign(grantee.id, Role.GRID_MEMBER, ladder.grid))
    assert len(fake.state.roles) == 1
    assert fake.uow.published_types() == [ROLE_ASSIGNED]


async def test_an_organization_role_is_granted_where_the_organization_belongs(
    fake: FakePeople, ladder: Ladder
):
    grantee = resident(fake)
    partner = Organization(
        id=new_organization_id(),
        kind=OrganizationKind.RED_PARTNER,
        name="Haiyue Property",
        org_unit_id=ladder.other_community.id,
        org_unit_path=ladder.other_community.path_with_self,
        created_at=fake.clock.now,
    )
    fake.state.organizations[partner.id] = partner
    staff = holder(Role.STREET_STAFF, ladder.street)
    command = assign(grantee.id, Role.RED_PARTNER_MEMBER, ladder.community, partner.id)

    with pytest.raises(Forbidden, match="neither registered"):
        await assign_role(fake.ports, staff, command)
    with pytest.raises(NotFound):
        await assign_role(fake.ports, staff, replace(command, organization_id=OrganizationId("x")))
    fake.state.paired_units[partner.id] = {ladder.community.id}
    granted = await assign_role(fake.ports, staff, command)

    assert granted.organization_id == partner.id
    assert fake.uow.published_types() == [ROLE_ASSIGNED]


async def test_a_revocation_is_by_someone_above_and_happens_once(fake: FakePeople, ladder: Ladder):
    grantee = resident(fake)
    secretary = holder(Role.COMMUNITY_SECRETARY, ladder.community)
    granted = await assign_role(
        fake.ports, secretary, assign(grantee.id, Role.GRID_MEMBER, ladder.grid)
    )
    fake.clock.advance(timedelta(days=1))

    with pytest.raises(Forbidden):
        await revoke_role(fake.ports, holder(Role.GRID_CHIEF, ladder.grid), RevokeRole(granted.id))
    with pytest.raises(Forbidden, match="of your own"):
        await revoke_role(
            fake.ports,
            holder(Role.COMMUNITY_SECRETARY, ladder.community, grantee.id),
            RevokeRole(granted.id),
        )
    gone = await revoke_role(fake.ports, secretary, RevokeRole(granted.id))

    assert (gone.revoked_at, gone.revoked_by) == (fake.clock.now, "granter")
    assert fake.state.roles[granted.id] == gone
    with pytest.raises(Conflict, match="already been revoked"):
        await revoke_role(fake.ports, secretary, RevokeRole(granted.id))
    with pytest.raises(NotFound):
        await revoke_role(fake.ports, secretary, RevokeRole(RoleAssignmentId("x")))
    assert fake.uow.published_types() == [ROLE_ASSIGNED, ROLE_REVOKED]
    assert fake.uow.published[1].data["revokedBy"] == "granter"


def homes(fake: FakePeople, unit: OrgUnit, count: int) -> list[Household]:
    made = [
        replace(
            household(f"{i} Lane"),
            id=new_household_id(),
            org_unit_id=unit.id,
            org_unit_path=unit.path_with_self,
        )
        for i in range(count)
    ]
    for h in made:
        fake.state.households[h.id] = h
    return made


async def test_an_elected_chief_replaces_the_previous_one(fake: FakePeople, ladder: Ladder):
    houses = homes(fake, ladder.neighborhood, 6)
    first, second = resident(fake, "First", houses[0].id), resident(fake, "Second", houses[1].id)
    chief = holder(Role.COMMUNITY_STAFF, ladder.community)
    vote = RecordElection(ladder.neighborhood.id, first.id, date(2026, 3, 1), households_voting=4)

    elected = await record_election(fake.ports, chief, vote)
    again = await record_election(fake.ports, chief, replace(vote, chief_id=second.id))

    assert elected.election is not None
    assert (elected.election.households_total, elected.election.households_voting) == (6, 4)
    assert fake.state.roles[elected.id].revoked_at == fake.clock.now
    assert fake.state.roles[again.id].active_at(fake.clock.now)
    assert fake.uow.published_types() == [ROLE_ASSIGNED, ROLE_REVOKED, ROLE_ASSIGNED]


async def test_an_election_is_held_by_a_neighborhood_among_its_residents(
    fake: FakePeople, ladder: Ladder
):
    houses = homes(fake, ladder.neighborhood, 6)
    neighbor = resident(fake, "Neighbor", houses[0].id)
    outsider = resident(fake, "Outsider", HouseholdId("elsewhere"))
    chief = holder(Role.COMMUNITY_STAFF, ladder.community)
    vote = RecordElection(
        ladder.neighborhood.id, neighbor.id, date(2026, 3, 1), households_voting=4
    )

    with pytest.raises(BadUserInput, match="elected by a NEIGHBORHOOD"):
        await record_election(fake.ports, chief, replace(vote, neighborhood_id=ladder.grid.id))
    with pytest.raises(BadUserInput, match="does not live"):
        await record_election(fake.ports, chief, replace(vote, chief_id=outsider.id))
    with pytest.raises(BadUserInput, match="more than half"):
        await record_election(fake.ports, chief, replace(vote, households_voting=3))
    with pytest.raises(Forbidden):
        await record_election(
            fake.ports, holder(Role.COMMUNITY_STAFF, ladder.other_community), vote
        )

    assert fake.state.roles == {}
    assert fake.uow.published == []
