"""Registering people with passwords: the caller and the bounds are checked before any hash."""

from __future__ import annotations

import pytest

from tests.people.integration.graph import PeopleGraph

REGISTER_MANY = """mutation($i: RegisterPeopleInput!) {
  registerPeople(input: $i) { people { id } } }"""


@pytest.fixture
def hashes(graph: PeopleGraph, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    hashing = graph.service.app.state.runtime.hashing
    made: list[str] = []
    real = hashing.hash

    async def counting(password: str) -> str:
        made.append(password)
        return await real(password)

    monkeypatch.setattr(hashing, "hash", counting)
    return made


def people(unit: str, count: int, password: str | None = "a fine password") -> list[dict]:
    return [
        {"name": f"Resident {i}", "phone": f"137{i:08d}", "orgUnitId": unit, "password": password}
        for i in range(count)
    ]


async def test_an_anonymous_batch_with_passwords_is_refused_before_any_hash(
    graph: PeopleGraph, hashes
):
    area = await graph.area()
    before = await graph.count("persons")

    error = await graph.error(REGISTER_MANY, {"i": {"people": people(area.community, 20)}})

    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert hashes == []
    assert await graph.count("persons") == before


async def test_a_resident_with_no_say_there_is_refused_before_any_hash(graph: PeopleGraph, hashes):
    area = await graph.area()
    await graph.person("Li Lang", "13800000011", unit=area.community)
    token = (await graph.login("13800000011"))["accessToken"]
    hashes.clear()

    error = await graph.error(REGISTER_MANY, {"i": {"people": people(area.community, 5)}}, token)

    assert error["extensions"]["code"] == "FORBIDDEN"
    assert hashes == []


async def test_more_than_twenty_passwords_at_once_are_refused(graph: PeopleGraph, hashes):
    area = await graph.area()

    error = await graph.error(
        REGISTER_MANY, {"i": {"people": people(area.community, 21)}}, graph.admin
    )

    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "password"
    assert hashes == []


async def test_hashing_waits_for_a_slot_and_is_refused_when_the_wait_is_too_long():
    import asyncio
    from datetime import timedelta

    from grassroots_kit.errors import RateLimited
    from grassroots_people.adapters.hashing import PasswordHashing

    hashing = PasswordHashing(1, timedelta(milliseconds=10))
    first = asyncio.create_task(hashing.hash("the first password"))
    await asyncio.sleep(0)

    with pytest.raises(RateLimited) as refused:
        await hashing.hash("the second password")

    assert refused.value.extensions["retryAfterSeconds"] == 1
    assert (await first).startswith("$argon2")
