"""What the privacy abuse tests share: demo people and households read from people's database,
and a snapshot of people's collections to prove a read wrote nothing."""

from __future__ import annotations

from typing import Any

from tests.abuse._attacker import Attacker

PEOPLE_COLLECTIONS = ("persons", "households", "role_assignments", "visits", "commitments")


async def snapshot(attacker: Attacker) -> dict[str, int]:
    """How many documents people's collections hold (each read must leave them as they were)."""
    db = attacker.db("people")
    return {c: await db[c].count_documents({}) for c in PEOPLE_COLLECTIONS}


async def person_by_phone(attacker: Attacker, phone: str) -> dict[str, Any]:
    return await attacker.people_doc("persons", phone=phone)


async def household_by_address(attacker: Attacker, address: str) -> dict[str, Any]:
    return await attacker.people_doc("households", address=address)


async def unit_by_name(attacker: Attacker, name: str) -> dict[str, Any]:
    return await attacker.people_doc("org_units", name=name)


HOUSEHOLD_FIELDS = frozenset({"careLevel", "needs", "address", "members", "lastVisitAt"})


def private_values(body: object, keys: frozenset[str] = HOUSEHOLD_FIELDS) -> list[object]:
    """Every non-null value under one of these keys, anywhere in an answer."""
    found: list[object] = []
    if isinstance(body, dict):
        for key, value in body.items():
            if key in keys and value is not None:
                found.append(value)
            found.extend(private_values(value, keys))
    elif isinstance(body, list):
        for item in body:
            found.extend(private_values(item, keys))
    return found
