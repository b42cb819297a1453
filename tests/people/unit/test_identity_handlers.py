"""Tokens, refreshing, logging out and setting a password, over the in-memory fakes."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import jwt
import pytest
from grassroots_kit.auth import AUDIENCE, Principal, RoleGrant
from grassroots_kit.errors import BadUserInput, Forbidden, NotFound, Unauthenticated
from grassroots_people.adapters.credentials import token_hash
from grassroots_people.domain.ids import PersonId
from grassroots_people.domain.roles import Role
from grassroots_people.handlers.identity import SetPassword, logout, refresh, set_password
from grassroots_people.handlers.tokens import Tokens, grant, login_issuer

from tests.people.contracts import DISTRICT, STREET, assignment, person
from tests.people.fakes import ACCESS_TTL, REFRESH_TTL, FakePeople

ADDRESS = "203.0.113.7"
STAFF = Principal("staff", (RoleGrant("STREET_STAFF", STREET, (DISTRICT, STREET)),))


@pytest.fixture
def fake() -> FakePeople:
    return FakePeople.create()


async def logged_in(fake: FakePeople, person_id: str) -> Tokens:
    return await login_issuer(fake.ports)(person_id)


def claims(token: str) -> dict[str, Any]:
    return jwt.decode(token, options={"verify_signature": False}, audience=AUDIENCE)


async def test_tokens_carry_the_active_roles_and_start_a_family(fake: FakePeople):
    held = assignment(person_id="p-1")
    fake.state.roles[held.id] = held
    fake.state.roles["gone"] = replace(assignment(person_id="p-1"), revoked_at=fake.clock.now)

    tokens = await logged_in(fake, "p-1")

    now = fake.clock.now
    assert (tokens.access_expires_at, tokens.refresh_expires_at) == (
        now + ACCESS_TTL,
        now + REFRESH_TTL,
    )
    found = claims(tokens.access_token)
    assert (found["sub"], found["typ"]) == ("p-1", "access")
    assert [RoleGrant.from_claim(r) for r in found["roles"]] == [grant(held)]
    [record] = fake.state.refresh.values()
    assert record.token_hash == token_hash(tokens.refresh_token)
    assert (record.person_id, record.expires_at, record.used_at) == ("p-1", now + REFRESH_TTL, None)


async def test_a_refresh_token_works_once_and_showing_it_again_revokes_the_family(
    fake: FakePeople,
):
    first = await logged_in(fake, "p-1")
    fake.clock.advance(timedelta(minutes=1))

    second = await refresh(fake.ports, first.refresh_token)

    assert second.person_id == "p-1"
    old = fake.state.refresh[token_hash(first.refresh_token)]
    new = fake.state.refresh[token_hash(second.refresh_token)]
    assert (old.used_at, new.family_id) == (fake.clock.now, old.family_id)
    with pytest.raises(Unauthenticated, match="already used"):
        await refresh(fake.ports, first.refresh_token)
    assert fake.state.refresh[token_hash(second.refresh_token)].revoked_at == fake.clock.now
    with pytest.raises(Unauthenticated, match="not valid"):
        await refresh(fake.ports, second.refresh_token)


async def test_unknown_and_expired_refresh_tokens_are_refused(fake: FakePeople):
    tokens = await logged_in(fake, "p-1")
    with pytest.raises(Unauthenticated, match="not valid"):
        await refresh(fake.ports, "made up")
    fake.clock.advance(REFRESH_TTL)
    with pytest.raises(Unauthenticated, match="not valid"):
        await refresh(fake.ports, tokens.refresh_token)
    assert len(fake.state.refresh) == 1


async def test_logging_out_revokes_the_login_and_nothing_else(fake: FakePeople):
    mine, other_device = await logged_in(fake, "p-1"), await logged_in(fake, "p-1")
    rotated = await refresh(fake.ports, mine.refresh_token)

    await logout(fake.ports, mine.refresh_token)
    await logout(fake.ports, "made up")  # nothing to do

    with pytest.raises(Unauthenticated):
        await refresh(fake.ports, rotated.refresh_token)
    assert (await refresh(fake.ports, other_device.refresh_token)).person_id == "p-1"


async def test_setting_ones_own_password_needs_the_current_one_and_ends_every_login(
    fake: FakePeople,
):
    me = replace(person(), phone="13800000001")
    fake.state.persons[me.id] = me
    fake.state.password_hashes[me.id] = "hashed:old secret!"
    session = await logged_in(fake, me.id)
    actor = Principal(me.id, ())

    with pytest.raises(BadUserInput) as wrong:
        await set_password(fake.ports, actor, SetPassword(None, "nope", "new secret!"), ADDRESS)
    assert wrong.value.extensions["field"] == "currentPassword"
    assert fake.state.password_hashes[me.id] == "hashed:old secret!"

    done = await set_password(
        fake.ports, actor, SetPassword(None, "old secret!", "new secret!"), ADDRESS
    )
    assert done == me
    assert fake.state.password_hashes[me.id] == "hashed:new secret!"
    with pytest.raises(Unauthenticated):
        await refresh(fake.ports, session.refresh_token)


async def test_someone_without_a_password_sets_one_without_a_current_one(fake: FakePeople):
    me = person()
    fake.state.persons[me.id] = me
    await set_password(fake.ports, Principal(me.id, ()), SetPassword(None, None, "first one!"), "")
    assert fake.state.password_hashes[me.id] == "hashed:first one!"


async def test_another_persons_password_is_set_only_by_who_could_grant_all_their_roles(
    fake: FakePeople,
):
    resident, chief = person(), person(name="Chen Jun")
    fake.state.persons.update({resident.id: resident, chief.id: chief})
    above_staff = assignment(Role.DISTRICT_ADMIN, person_id=chief.id, org_unit_id=STREET)
    fake.state.roles[above_staff.id] = above_staff

    await set_password(fake.ports, STAFF, SetPassword(resident.id, None, "welcome home"), ADDRESS)
    assert fake.state.password_hashes[resident.id] == "hashed:welcome home"
    with pytest.raises(Forbidden):
        await set_password(fake.ports, STAFF, SetPassword(chief.id, None, "taken over!"), ADDRESS)
    with pytest.raises(Forbidden):  # a resident of the street is no manager
        await set_password(
            fake.ports, Principal(resident.id, ()), SetPassword(chief.id, None, "x" * 12), ADDRESS
        )
    with pytest.raises(NotFound):
        await set_password(fake.ports, STAFF, SetPassword(PersonId("nope"), None, "x" * 12), "")
    assert chief.id not in fake.state.password_hashes
