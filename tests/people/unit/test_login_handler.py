"""Logging in over the in-memory fakes: every attempt counted before the password is checked,
the throttle's refusals, and what a success forgives."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from grassroots_kit.errors import RateLimited, Unauthenticated
from grassroots_people.domain import throttle
from grassroots_people.domain.throttle import Scope
from grassroots_people.handlers.identity import login
from grassroots_people.handlers.tokens import Tokens

from tests.people.contracts import person
from tests.people.fakes import FakePeople

PHONE, PASSWORD, ADDRESS = "13800000001", "correct horse battery", "203.0.113.7"


class Issued:
    def __init__(self, fake: FakePeople) -> None:
        self.fake = fake
        self.to: list[str] = []

    async def __call__(self, person_id: str) -> Tokens:
        self.to.append(person_id)
        now = self.fake.clock.now
        return Tokens("access", now, "refresh", now, person_id)


@pytest.fixture
def fake() -> FakePeople:
    fake = FakePeople.create()
    someone = replace(person(), phone=PHONE)
    fake.state.persons[someone.id] = someone
    fake.state.password_hashes[someone.id] = f"hashed:{PASSWORD}"
    return fake


def counts(fake: FakePeople, phone: str = PHONE) -> dict[Scope, int]:
    found = {}
    for scope, key in throttle.keys(phone, ADDRESS):
        if key in fake.state.attempts:
            found[scope] = fake.state.attempts[key].attempts
    return found


async def test_a_login_issues_tokens_and_forgives_the_phone(fake: FakePeople):
    issued = Issued(fake)
    with pytest.raises(Unauthenticated, match="wrong"):
        await login(fake.ports, issued, PHONE, "wrong horse", ADDRESS)
    assert counts(fake) == {Scope.ADDRESS: 1, Scope.PHONE_AT_ADDRESS: 1, Scope.PHONE: 1}

    tokens = await login(fake.ports, issued, f" {PHONE[:3]} {PHONE[3:]}", PASSWORD, ADDRESS)

    [someone] = fake.state.persons.values()
    assert tokens.person_id == someone.id
    assert issued.to == [someone.id]
    # the phone is forgiven; the address only takes this attempt back
    assert counts(fake) == {Scope.ADDRESS: 1}


async def test_an_unknown_phone_is_counted_and_refused_like_a_wrong_password(fake: FakePeople):
    issued = Issued(fake)
    with pytest.raises(Unauthenticated, match="wrong"):
        await login(fake.ports, issued, "13900000000", PASSWORD, ADDRESS)
    assert counts(fake, "13900000000") == {
        Scope.ADDRESS: 1,
        Scope.PHONE_AT_ADDRESS: 1,
        Scope.PHONE: 1,
    }
    assert issued.to == []


async def test_malformed_input_is_refused_before_anything_is_counted(fake: FakePeople):
    issued = Issued(fake)
    for phone, password in (("12345", PASSWORD), ("1380000000x", PASSWORD), (PHONE, "x" * 500)):
        with pytest.raises(Unauthenticated):
            await login(fake.ports, issued, phone, password, ADDRESS)
    assert fake.state.attempts == {}


async def test_the_sixth_wrong_guess_locks_the_phone_at_the_address(fake: FakePeople):
    issued = Issued(fake)
    limit = throttle.LIMITS[Scope.PHONE_AT_ADDRESS]
    for _ in range(limit.attempts):
        with pytest.raises(Unauthenticated):
            await login(fake.ports, issued, PHONE, "wrong horse", ADDRESS)

    with pytest.raises(RateLimited) as locked:
        await login(fake.ports, issued, PHONE, PASSWORD, ADDRESS)  # even the right password
    assert locked.value.extensions["retryAfterSeconds"] == 60
    key = throttle.key(Scope.PHONE_AT_ADDRESS, PHONE, ADDRESS)
    assert fake.state.attempts[key].strikes == 1
    assert issued.to == []

    fake.clock.advance(timedelta(seconds=30))
    with pytest.raises(RateLimited) as waiting:
        await login(fake.ports, issued, PHONE, PASSWORD, ADDRESS)
    assert waiting.value.extensions["retryAfterSeconds"] == 30

    fake.clock.advance(timedelta(seconds=30))
    tokens = await login(fake.ports, issued, PHONE, PASSWORD, ADDRESS)
    assert tokens.person_id in fake.state.persons
    assert key not in fake.state.attempts  # forgiven, strikes and all
