"""Registering and moving people, over the in-memory fakes: who may, what is hashed, stored
and published."""

from __future__ import annotations

from dataclasses import replace

import pytest
from grassroots_contracts.event_types import PERSON_MOVED, PERSON_REGISTERED
from grassroots_kit.auth import Principal, RoleGrant
from grassroots_kit.errors import BadUserInput, Conflict, Forbidden, NotFound
from grassroots_people.domain.ids import HouseholdId, PersonId, new_household_id
from grassroots_people.handlers.people import (
    MovePerson,
    RegisterPerson,
    move_person,
    register_people,
)

from tests.people.contracts import DISTRICT, STREET, household
from tests.people.fakes import BOOTSTRAP_PHONE, FakePeople

STAFF = Principal("staff", (RoleGrant("STREET_STAFF", STREET, (DISTRICT, STREET)),))
GRID_MEMBER = Principal("member", (RoleGrant("GRID_MEMBER", STREET, (DISTRICT, STREET)),))


@pytest.fixture
def fake() -> FakePeople:
    fake = FakePeople.create()
    home = household()
    fake.state.households[home.id] = home
    return fake


def home_of(fake: FakePeople) -> HouseholdId:
    return next(iter(fake.state.households.values())).id


def resident(fake: FakePeople, name: str, phone: str | None, password: str | None = None):
    return RegisterPerson(
        name=name,
        phone=phone,
        household_id=home_of(fake),
        org_unit_id=None,
        party_member=False,
        password=password,
    )


async def test_a_batch_is_registered_with_its_passwords_and_published(fake: FakePeople):
    people = await register_people(
        fake.ports,
        STAFF,
        [
            resident(fake, "Li Wei", "13800000001", "correct horse battery"),
            resident(fake, "Zhang San", None),
        ],
    )

    assert [fake.state.persons[p.id] for p in people] == people
    assert all(p.household_id == home_of(fake) for p in people)
    assert people[0].org_unit_path == (DISTRICT, STREET)
    assert fake.state.password_hashes == {people[0].id: "hashed:correct horse battery"}
    assert fake.uow.published_types() == [PERSON_REGISTERED, PERSON_REGISTERED]
    assert [e.subject for e in fake.uow.published] == [p.id for p in people]


async def test_a_refused_batch_costs_no_hash_and_stores_nothing(fake: FakePeople):
    batch = [resident(fake, "Li Wei", "13800000001", "correct horse battery")]

    with pytest.raises(Forbidden):
        await register_people(fake.ports, GRID_MEMBER, batch)
    with pytest.raises(NotFound):
        await register_people(
            fake.ports, STAFF, [replace(batch[0], household_id=new_household_id())]
        )
    with pytest.raises(Conflict, match="twice"):
        await register_people(fake.ports, STAFF, [*batch, resident(fake, "Twin", "13800000001")])
    with pytest.raises(BadUserInput):
        await register_people(fake.ports, STAFF, [replace(batch[0], password="short")])

    assert fake.hasher.hashed == 0
    assert fake.state.persons == {}
    assert fake.uow.published == []


async def test_the_platform_admins_phone_and_a_taken_phone_are_refused(fake: FakePeople):
    await register_people(fake.ports, STAFF, [resident(fake, "Li Wei", "13800000001")])

    with pytest.raises(Conflict, match="already registered"):
        await register_people(
            fake.ports,
            STAFF,
            [resident(fake, "Fresh", "13800000009"), resident(fake, "Copy", "13800000001")],
        )
    with pytest.raises(Conflict, match="reserved for the platform administrator"):
        await register_people(fake.ports, STAFF, [resident(fake, "Admin?", BOOTSTRAP_PHONE)])

    assert [p.name for p in fake.state.persons.values()] == ["Li Wei"]
    assert fake.uow.published_types() == [PERSON_REGISTERED]


async def test_someone_registered_at_an_unknown_unit_is_refused(fake: FakePeople):
    with pytest.raises(NotFound):
        await register_people(
            fake.ports,
            STAFF,
            [replace(resident(fake, "Staff", None), household_id=None, org_unit_id=STREET)],
        )


async def test_a_person_moves_to_another_household_of_the_area(fake: FakePeople):
    [someone] = await register_people(fake.ports, STAFF, [resident(fake, "Li Wei", None)])
    elsewhere = replace(household("9 Other Road"), id=new_household_id())
    fake.state.households[elsewhere.id] = elsewhere

    with pytest.raises(Forbidden):
        await move_person(fake.ports, GRID_MEMBER, MovePerson(someone.id, elsewhere.id))
    with pytest.raises(BadUserInput, match="already lives"):
        await move_person(fake.ports, STAFF, MovePerson(someone.id, home_of(fake)))
    with pytest.raises(NotFound):
        await move_person(fake.ports, STAFF, MovePerson(PersonId("x"), elsewhere.id))
    moved = await move_person(fake.ports, STAFF, MovePerson(someone.id, elsewhere.id))

    assert (moved.household_id, moved.version) == (elsewhere.id, someone.version + 1)
    assert fake.state.persons[someone.id] == moved
    assert fake.uow.published_types() == [PERSON_REGISTERED, PERSON_MOVED]
    assert fake.uow.published[-1].data["householdId"] == elsewhere.id
