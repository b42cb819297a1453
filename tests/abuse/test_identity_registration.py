"""Registration as a weapon and the platform admin's phone (issue 16, findings 6 and 7)."""

from __future__ import annotations

import time
from typing import Any

from tests.abuse._attacker import Attacker, refused
from tests.support.people_auth import ADMIN_PASSWORD, ADMIN_PHONE

REGISTER_PEOPLE = """mutation($input: RegisterPeopleInput!) {
  registerPeople(input: $input) { people { id } } }"""
UPDATE_PERSON = """mutation($input: UpdatePersonInput!) {
  updatePerson(input: $input) { person { id } } }"""
ME = "{ me { id } }"


async def test_anonymous_caller_cannot_burn_cpu_with_register_people(attacker: Attacker):
    people = [
        {"name": f"Burner {i}", "phone": f"1360000{i:04d}", "password": "burn-this-cpu-now"}
        for i in range(100)
    ]
    db = attacker.db("people")
    persons_before = await db["persons"].count_documents({})
    passwords_before = await db["passwords"].count_documents({})

    started = time.monotonic()
    body = await attacker.graphql(REGISTER_PEOPLE, {"input": {"people": people}})
    elapsed = time.monotonic() - started

    assert refused(body, "UNAUTHENTICATED")
    assert body.get("data") is None
    assert elapsed < 2, f"refused after {elapsed:.1f} s: it hashed first"
    assert await db["persons"].count_documents({}) == persons_before
    assert await db["passwords"].count_documents({}) == passwords_before


async def test_resident_cannot_claim_the_bootstrap_phone(attacker: Attacker):
    # The platform admin moved to their own number, leaving the bootstrap phone free.
    admin = attacker.token(ADMIN_PHONE, ADMIN_PASSWORD)
    resident = attacker.token("13800000022")  # Shi Kai
    admin_id = await me(attacker, admin)
    resident_id = await me(attacker, resident)
    persons = attacker.db("people")["persons"]
    moved = await attacker.graphql(
        UPDATE_PERSON, {"input": {"personId": admin_id, "phone": "13900000777"}}, token=admin
    )
    assert "errors" not in moved, moved
    try:
        before = await persons.find_one({"_id": resident_id})

        body = await attacker.graphql(
            UPDATE_PERSON,
            {"input": {"personId": resident_id, "phone": ADMIN_PHONE}},
            token=resident,
        )

        assert refused(body, "CONFLICT")
        assert body.get("data") is None
        assert await persons.find_one({"_id": resident_id}) == before
        assert await persons.count_documents({"phone": ADMIN_PHONE}) == 0
    finally:
        await restore(attacker, admin, admin_id, resident_id)


async def me(attacker: Attacker, token: str) -> str:
    body = await attacker.graphql(ME, token=token)
    return str(body["data"]["me"]["id"])


async def restore(attacker: Attacker, admin: str, admin_id: str, resident_id: str) -> None:
    """Gives the resident their phone back if they took it, then the admin theirs."""
    persons = attacker.db("people")["persons"]
    if await persons.count_documents({"_id": resident_id, "phone": ADMIN_PHONE}):
        await attacker.graphql(
            UPDATE_PERSON, {"input": {"personId": resident_id, "phone": "13800000022"}}, token=admin
        )
    back: dict[str, Any] = await attacker.graphql(
        UPDATE_PERSON, {"input": {"personId": admin_id, "phone": ADMIN_PHONE}}, token=admin
    )
    assert "errors" not in back, back
