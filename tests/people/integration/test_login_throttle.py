"""The login counters against a real MongoDB: counted before the password is checked, so
concurrent guesses cannot outrun the lock, and keyed so a stranger cannot keep the owner out."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tests.people.integration.graph import PASSWORD, PeopleGraph

LOGIN = "mutation($i: LoginInput!) { login(input: $i) { accessToken } }"
PHONE = "13800000011"


async def login(
    graph: PeopleGraph, password: str, address: str, phone: str = PHONE
) -> dict[str, Any]:
    response = await graph.service.client.post(
        "/graphql",
        json={"query": LOGIN, "variables": {"i": {"phone": phone, "password": password}}},
        headers={"x-client-address": address},
    )
    body: dict[str, Any] = response.json()
    return body


def code(body: dict[str, Any]) -> str | None:
    errors = body.get("errors") or [{}]
    return errors[0].get("extensions", {}).get("code")


@pytest.fixture
async def verifies(graph: PeopleGraph, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every password people checks from now on."""
    hashing = graph.service.app.state.runtime.hashing
    checked: list[str] = []
    real = hashing.verify

    async def counting(password_hash: str | None, password: str) -> bool:
        checked.append(password)
        return await real(password_hash, password)

    monkeypatch.setattr(hashing, "verify", counting)
    return checked


async def test_forty_concurrent_wrong_passwords_check_only_five(graph: PeopleGraph, verifies):
    area = await graph.area()
    await graph.person("Li Lang", PHONE, unit=area.community)

    answers = await asyncio.gather(
        *(login(graph, f"guess number {i}", "198.51.100.7") for i in range(40))
    )

    codes = [code(a) for a in answers]
    assert codes.count("UNAUTHENTICATED") == 5
    assert codes.count("RATE_LIMITED") == 35
    assert len(verifies) == 5


async def test_unknown_phones_are_counted_against_the_address_and_hashed_like_known_ones(
    graph: PeopleGraph, verifies
):
    answers = [
        await login(graph, "whatever it is", "198.51.100.8", phone=f"139{i:08d}") for i in range(35)
    ]

    codes = [code(a) for a in answers]
    assert codes[:30] == ["UNAUTHENTICATED"] * 30
    assert set(codes[30:]) == {"RATE_LIMITED"}
    assert len(verifies) == 30  # the unknown ones cost a hash too: no cheap oracle
    locked = await graph.service.host.db["login_attempts"].find_one({"_id": "address:198.51.100.8"})
    assert locked["strikes"] == 1


async def test_the_owner_logs_in_from_their_address_while_a_strangers_is_locked(
    graph: PeopleGraph,
):
    area = await graph.area()
    await graph.person("Li Lang", PHONE, unit=area.community)
    for i in range(10):
        await login(graph, f"guess number {i}", "198.51.100.9")

    stranger = await login(graph, PASSWORD, "198.51.100.9")
    owner = await login(graph, PASSWORD, "203.0.113.20")

    assert code(stranger) == "RATE_LIMITED"
    assert owner["data"]["login"]["accessToken"]


async def test_a_successful_login_forgives_the_phone_and_gives_the_address_its_attempt_back(
    graph: PeopleGraph,
):
    area = await graph.area()
    await graph.person("Li Lang", PHONE, unit=area.community)
    await login(graph, "a typo here", "203.0.113.21")

    await login(graph, PASSWORD, "203.0.113.21")

    attempts = graph.service.host.db["login_attempts"]
    assert await attempts.count_documents({"_id": {"$regex": "^phone:"}}) == 0
    assert (await attempts.find_one({"_id": "address:203.0.113.21"}))["attempts"] == 1


async def test_a_request_without_the_header_counts_against_its_socket_peer(graph: PeopleGraph):
    await graph.error(LOGIN, {"i": {"phone": PHONE, "password": "not the password"}})

    attempts = graph.service.host.db["login_attempts"]
    assert await attempts.find_one({"_id": "address:127.0.0.1"})


async def test_guessing_the_current_password_with_a_token_is_counted_like_a_login(
    graph: PeopleGraph, verifies
):
    area = await graph.area()
    await graph.person("Li Lang", PHONE, unit=area.community)
    token = (await graph.login(PHONE))["accessToken"]
    verifies.clear()
    change = """mutation($i: SetPasswordInput!) { setPassword(input: $i) { person { id } } }"""

    answers = [
        await graph.raw(
            change,
            {"i": {"newPassword": "a brand new one", "currentPassword": f"guess {i}"}},
            token,
        )
        for i in range(8)
    ]

    assert [code(a) for a in answers] == ["BAD_USER_INPUT"] * 5 + ["RATE_LIMITED"] * 3
    assert len(verifies) == 5
