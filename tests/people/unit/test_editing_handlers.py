"""Editing a person or a household, over the in-memory fakes: who may, and what is reserved."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from grassroots_contracts.event_types import PERSON_UPDATED
from grassroots_kit.auth import Principal, RoleGrant
from grassroots_kit.errors import Conflict, Forbidden, NotFound
from grassroots_people.domain.ids import HouseholdId, PersonId, RoleAssignmentId
from grassroots_people.domain.roles import EVERYWHERE, Role, RoleAssignment
from grassroots_people.handlers.editing import (
    UpdateHousehold,
    UpdatePerson,
    update_household,
    update_person,
)

from tests.people.contracts import DISTRICT, STREET, household, person
from tests.people.fakes import BOOTSTRAP_PHONE, FakePeople

STAFF = Principal("staff", (RoleGrant("STREET_STAFF", STREET, (DISTRICT, STREET)),))
CARER = Principal("carer", (RoleGrant("GRID_MEMBER", STREET, (DISTRICT, STREET)),))
ELSEWHERE = Principal("other", (RoleGrant("STREET_STAFF", "far", ("far",)),))


@pytest.fixture
def fake() -> FakePeople:
    return FakePeople.create()


def me(person_id: str) -> Principal:
    return Principal(person_id, ())


async def test_a_person_edits_themselves_and_the_change_is_announced(fake: FakePeople):
    li = replace(person(), phone="13800000001")
    fake.state.persons[li.id] = li

    changed = await update_person(
        fake.ports, me(li.id), UpdatePerson(li.id, " Li  Na ", "13800000002", None)
    )
    assert (changed.name, changed.phone, changed.version) == ("Li Na", "13800000002", 2)
    assert fake.state.persons[li.id] == changed
    assert fake.uow.published_types() == [PERSON_UPDATED]
    assert fake.uow.published[0].subject == li.id


async def test_editing_someone_else_or_ones_party_membership_needs_management(fake: FakePeople):
    li = person()
    fake.state.persons[li.id] = li

    with pytest.raises(Forbidden):
        await update_person(fake.ports, me("someone"), UpdatePerson(li.id, "X", None, None))
    with pytest.raises(Forbidden):
        await update_person(fake.ports, ELSEWHERE, UpdatePerson(li.id, "X", None, None))
    with pytest.raises(Forbidden):  # not even about oneself
        await update_person(fake.ports, me(li.id), UpdatePerson(li.id, None, None, False))
    with pytest.raises(NotFound):
        await update_person(fake.ports, STAFF, UpdatePerson(PersonId("nope"), "X", None, None))
    assert fake.state.persons[li.id] == li
    assert fake.uow.published == []

    # the same value is no change of membership
    await update_person(fake.ports, me(li.id), UpdatePerson(li.id, None, None, True))
    left = await update_person(fake.ports, STAFF, UpdatePerson(li.id, None, None, False))
    assert left.party_member is False


async def test_the_bootstrap_phone_is_for_platform_admins_only(fake: FakePeople):
    li, root = person(), person(name="Root")
    fake.state.persons.update({li.id: li, root.id: root})

    with pytest.raises(Conflict) as reserved:
        await update_person(fake.ports, STAFF, UpdatePerson(li.id, None, BOOTSTRAP_PHONE, None))
    assert reserved.value.extensions["field"] == "phone"
    assert fake.state.persons[li.id] == li

    now = fake.clock.now
    fake.state.roles["ra-root"] = RoleAssignment(
        id=RoleAssignmentId("ra-root"),
        person_id=root.id,
        role=Role.PLATFORM_ADMIN,
        org_unit_id=EVERYWHERE,
        org_unit_path=(EVERYWHERE,),
        organization_id=None,
        since=now - timedelta(days=1),
        until=None,
    )
    taken = await update_person(
        fake.ports, me(root.id), UpdatePerson(root.id, None, BOOTSTRAP_PHONE, None)
    )
    assert taken.phone == BOOTSTRAP_PHONE


async def test_a_household_is_edited_by_who_lives_there_or_cares_for_it(fake: FakePeople):
    home = household()
    resident = person(home.id)
    fake.state.households[home.id] = home
    fake.state.persons[resident.id] = resident

    mine = await update_household(
        fake.ports, me(resident.id), UpdateHousehold(home.id, " 2  Long Road ", None)
    )
    assert (mine.address, mine.needs) == ("2 Long Road", home.needs)
    cared = await update_household(
        fake.ports, CARER, UpdateHousehold(home.id, None, ["meals", "meals"])
    )
    assert (cared.address, cared.needs) == ("2 Long Road", ("meals",))
    assert fake.state.households[home.id] == cared

    with pytest.raises(Forbidden):
        await update_household(fake.ports, me("neighbour"), UpdateHousehold(home.id, "x", None))
    with pytest.raises(Forbidden):
        await update_household(fake.ports, ELSEWHERE, UpdateHousehold(home.id, "x", None))
    with pytest.raises(NotFound):
        await update_household(fake.ports, CARER, UpdateHousehold(HouseholdId("nope"), "x", None))
    assert fake.state.households[home.id] == cared
    assert fake.uow.published == []  # a household's edit is no event
