"""Login as a weapon: guessing passwords faster than the lockout, locking someone else out,
and walking through phone numbers (issue 16, finding 5 and the `login` half of 6).

The gateway names each client in `x-client-address` (in production it signs its subgraph
requests, so nobody else can); here the attacker's requests go straight to people with the
addresses the gateway would send, one made up per attacker and per owner. Sent through this
stack's gateway, every client would share the gateway's own address, and locking it would lock
the rest of this suite out.
"""

from __future__ import annotations

import asyncio
import secrets
from typing import Any

from tests.abuse._attacker import Attacker, error_codes, refused
from tests.support.demo import DEMO_PASSWORD

LOGIN = "mutation($input: LoginInput!) { login(input: $input) { accessToken } }"


def new_address() -> str:
    return f"2001:db8::{secrets.token_hex(2)}:{secrets.token_hex(2)}"


async def login(attacker: Attacker, phone: str, password: str, address: str) -> dict[str, Any]:
    return await attacker.graphql(
        LOGIN,
        {"input": {"phone": phone, "password": password}},
        url=attacker.subgraph_url("people"),
        headers={"x-client-address": address},
    )


def code(body: dict[str, Any]) -> str:
    codes = error_codes(body)
    assert len(codes) == 1, body
    return codes.pop()


async def refresh_tokens_of(attacker: Attacker, phone: str) -> int:
    person = await attacker.db("people")["persons"].find_one({"phone": phone})
    assert person is not None
    return await attacker.db("people")["refresh_tokens"].count_documents(
        {"personId": person["_id"]}
    )


async def test_parallel_guesses_do_not_beat_the_login_lockout(attacker: Attacker):
    phone, address = "13800000022", new_address()  # Shi Kai, a resident
    tokens_before = await refresh_tokens_of(attacker, phone)

    answers = await asyncio.gather(
        *(login(attacker, phone, f"guess-{i:04d}", address) for i in range(80))
    )
    then = await login(attacker, phone, DEMO_PASSWORD, address)

    codes = [code(answer) for answer in answers]
    assert codes.count("UNAUTHENTICATED") == 5  # only the first five were checked
    assert codes.count("RATE_LIMITED") == 75
    assert all(answer.get("data") is None for answer in answers)
    assert refused(then, "RATE_LIMITED")  # even the right password is not checked now
    assert then["errors"][0]["extensions"]["retryAfterSeconds"] > 0
    assert await refresh_tokens_of(attacker, phone) == tokens_before


async def test_stranger_cannot_lock_the_owner_out(attacker: Attacker):
    phone, stranger = "13800000021", new_address()  # Long Wei, a volunteer
    tokens_before = await refresh_tokens_of(attacker, phone)

    tries = [await login(attacker, phone, f"wrong-{i:04d}", stranger) for i in range(12)]
    owner = await login(attacker, phone, DEMO_PASSWORD, new_address())

    assert [code(t) for t in tries] == ["UNAUTHENTICATED"] * 5 + ["RATE_LIMITED"] * 7
    assert owner["data"]["login"]["accessToken"]  # at once, from the owner's own address
    assert await refresh_tokens_of(attacker, phone) == tokens_before + 1  # the owner's only


async def test_walking_through_phone_numbers_is_throttled_per_address(attacker: Attacker):
    address = new_address()
    persons = attacker.db("people")["persons"]
    known_before = await persons.count_documents({})

    answers = [
        await login(attacker, f"139{secrets.randbelow(10**8):08d}", "a-password-guess", address)
        for _ in range(40)
    ]
    elsewhere = await login(attacker, "13900000000", "a-password-guess", new_address())

    codes = [code(answer) for answer in answers]
    assert codes[:30] == ["UNAUTHENTICATED"] * 30  # each one cost a hash, known phone or not
    assert codes[30:] == ["RATE_LIMITED"] * 10  # and then none did
    assert code(elsewhere) == "UNAUTHENTICATED"  # another client is not locked with it
    assert await persons.count_documents({}) == known_before
