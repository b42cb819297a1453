"""Grants follow the ladder: staff who try to hand out power they do not rank above.

Each test sends the real `assignRole` through the gateway as a demo person and checks that
it is refused and that people wrote no role and published no `role.assigned`.
"""

from __future__ import annotations

from typing import Any

from tests.abuse._attacker import Attacker, refused

ASSIGN = """mutation($i: AssignRoleInput!) { assignRole(input: $i) { roleAssignment { id } } }"""

WANG_FENG = "13800000012"  # secretary, 宜春路社区 (Yichun Road, Shibei)
LI_LANG = "13800000011"  # secretary, 桃花井社区 (Taohuajing, Wangcheng)
ZHOU_MIN = "13800000014"  # community staff, 桃花井社区
HE_QIN = "13800000017"  # piece chief, 桃花井社区 第二片区
SHI_KAI = "13800000022"  # resident, 桃花井社区
ZHAO_GANG = "13800000020"  # building chief in 宜春路社区


async def _person(attacker: Attacker, phone: str) -> str:
    return str((await attacker.people_doc("persons", phone=phone))["_id"])


async def _unit(attacker: Attacker, name: str) -> str:
    return str((await attacker.people_doc("org_units", name=name))["_id"])


async def _organization(attacker: Attacker, name: str) -> str:
    return str((await attacker.people_doc("organizations", name=name))["_id"])


async def _written(attacker: Attacker, person_id: str) -> tuple[int, int]:
    """Role documents of the person, and role.assigned events about them in the outbox."""
    db = attacker.db("people")
    roles = await db["role_assignments"].count_documents({"personId": person_id})
    events = await db["outbox"].count_documents(
        {"type": "role.assigned", "body": {"$regex": f'"personId":\\s*"{person_id}"'}}
    )
    return roles, events


async def _attempt(
    attacker: Attacker, phone: str, grant: dict[str, Any], grantee: str
) -> dict[str, Any]:
    before = await _written(attacker, grantee)
    body = await attacker.graphql(
        ASSIGN, {"i": {"personId": grantee, **grant}}, token=attacker.token(phone)
    )
    assert await _written(attacker, grantee) == before, "a role was written"
    return body


async def test_community_secretary_cannot_make_herself_staff_of_another_districts_office(
    attacker: Attacker,
):
    herself = await _person(attacker, WANG_FENG)
    grant = {
        "role": "DEPARTMENT_STAFF",
        "orgUnitId": await _unit(attacker, "宜春路社区"),
        "organizationId": await _organization(attacker, "望城区城市管理和综合执法局"),
    }

    body = await _attempt(attacker, WANG_FENG, grant, herself)

    assert refused(body, "FORBIDDEN"), body
    assert body.get("data") is None


async def test_community_secretary_cannot_grant_herself_even_a_volunteer_role(
    attacker: Attacker,
):
    herself = await _person(attacker, LI_LANG)
    grant = {"role": "VOLUNTEER", "orgUnitId": await _unit(attacker, "桃花井社区")}

    body = await _attempt(attacker, LI_LANG, grant, herself)

    assert refused(body, "FORBIDDEN"), body
    assert body.get("data") is None


async def test_community_staff_cannot_grant_the_secretary_role_that_ranks_above_theirs(
    attacker: Attacker,
):
    resident = await _person(attacker, SHI_KAI)
    grant = {
        "role": "COMMUNITY_SECRETARY",
        "orgUnitId": await _unit(attacker, "桃花井社区"),
    }

    body = await _attempt(attacker, ZHOU_MIN, grant, resident)

    assert refused(body, "FORBIDDEN"), body
    assert body.get("data") is None


async def test_piece_chief_cannot_grant_a_grid_role_above_his_own(attacker: Attacker):
    resident = await _person(attacker, SHI_KAI)
    held = await attacker.db("people")["role_assignments"].find_one(
        {"personId": await _person(attacker, HE_QIN), "role": "PIECE_CHIEF"}
    )
    assert held is not None
    grant = {"role": "GRID_MEMBER", "orgUnitId": held["orgUnitId"]}

    body = await _attempt(attacker, HE_QIN, grant, resident)

    assert refused(body, "FORBIDDEN"), body
    assert body.get("data") is None


async def test_secretary_cannot_grant_a_partner_role_for_an_organization_not_paired_with_her(
    attacker: Attacker,
):
    chief = await _person(attacker, ZHAO_GANG)
    grant = {
        "role": "RED_PARTNER_MEMBER",
        "orgUnitId": await _unit(attacker, "宜春路社区"),
        "organizationId": await _organization(attacker, "望城区城市管理和综合执法局"),
    }

    body = await _attempt(attacker, WANG_FENG, grant, chief)

    assert refused(body, "FORBIDDEN"), body
    assert body.get("data") is None
