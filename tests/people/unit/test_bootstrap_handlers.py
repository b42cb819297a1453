"""The platform admin people ensures at start and by the operator command, over the fakes."""

from __future__ import annotations

from dataclasses import replace

import pytest
from grassroots_people.domain.roles import EVERYWHERE, Role
from grassroots_people.handlers.bootstrap import (
    NAME,
    PhoneTaken,
    bootstrap_at_start,
    ensure_platform_admin,
)

from tests.people.contracts import person
from tests.people.fakes import FakePeople

PHONE = "10000000001"


@pytest.fixture
def fake() -> FakePeople:
    return FakePeople.create()


async def test_the_first_start_creates_the_admin_with_a_generated_password_once(
    fake: FakePeople,
):
    made = await bootstrap_at_start(fake.ports, f" {PHONE} ", None)

    assert made is not None
    assert made.created
    assert made.generated_password
    admin = fake.state.persons[made.person_id]
    assert (admin.name, admin.phone, admin.org_unit_path) == (NAME, PHONE, ())
    [role] = fake.state.roles.values()
    assert (role.person_id, role.role, role.org_unit_id) == (
        made.person_id,
        Role.PLATFORM_ADMIN,
        EVERYWHERE,
    )
    assert fake.state.password_hashes[made.person_id] == f"hashed:{made.generated_password}"
    # a restart, even with another phone, creates no second admin
    assert await bootstrap_at_start(fake.ports, "10000000002", "another one!") is None
    assert len(fake.state.persons) == 1


async def test_ensuring_again_changes_nothing_unless_the_operator_resets_the_password(
    fake: FakePeople,
):
    first = await ensure_platform_admin(fake.ports, PHONE, "first secret!")
    again = await ensure_platform_admin(fake.ports, PHONE, "other secret!")
    assert (again.person_id, again.created, again.generated_password) == (
        first.person_id,
        False,
        None,
    )
    assert fake.state.password_hashes[first.person_id] == "hashed:first secret!"
    hashed_before = fake.hasher.hashed

    same = await ensure_platform_admin(fake.ports, PHONE, "first secret!", reset_password=True)
    assert not same.created
    assert fake.hasher.hashed == hashed_before  # the same password: verified, not stored again
    reset = await ensure_platform_admin(fake.ports, PHONE, "other secret!", reset_password=True)
    assert not reset.created
    assert fake.state.password_hashes[first.person_id] == "hashed:other secret!"
    assert len(fake.state.roles) == 1


async def test_an_admin_without_a_password_is_given_one(fake: FakePeople):
    first = await ensure_platform_admin(fake.ports, PHONE, "first secret!")
    del fake.state.password_hashes[first.person_id]

    again = await ensure_platform_admin(fake.ports, PHONE, "second one!")

    assert not again.created
    assert fake.state.password_hashes[first.person_id] == "hashed:second one!"


async def test_whoever_holds_the_phone_without_being_admin_is_not_made_one(fake: FakePeople):
    resident = replace(person(), phone=PHONE)
    fake.state.persons[resident.id] = resident

    with pytest.raises(PhoneTaken):
        await ensure_platform_admin(fake.ports, PHONE, "made admin?", reset_password=True)
    with pytest.raises(PhoneTaken):
        await bootstrap_at_start(fake.ports, PHONE, None)
    assert fake.state.roles == {}
    assert fake.state.password_hashes == {}
