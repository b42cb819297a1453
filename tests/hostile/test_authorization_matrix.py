"""The authorization matrix through the gateway: role x mutation x target in or out of the
role's subtree → allowed or denied, with real people, real role grants and real logins.

Table-driven: add a row to MATRIX for each mutation as its rules are settled (docs/people.md
"Access rules" is the source for people's). Every denial must be FORBIDDEN (or
UNAUTHENTICATED) and write nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import pytest

from tests.hostile._probe import assert_clean, counts, error_codes, post
from tests.support.people_auth import admin_token
from tests.support.stack import Stack

PASSWORD = "matrix-password-1"
UNIT = (
    """mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { orgUnit { id } } }"""
)
REGISTER = """mutation($input: RegisterPersonInput!) {
  registerPerson(input: $input) { person { id } } }"""
ASSIGN = """mutation($input: AssignRoleInput!) { assignRole(input: $input) { __typename } }"""
SET_PASSWORD = (
    """mutation($input: SetPasswordInput!) { setPassword(input: $input) { __typename } }"""
)
LOGIN = """mutation($input: LoginInput!) { login(input: $input) { accessToken } }"""

# Who holds which role where: (role, the unit of the tree it is held on).
HOLDERS = {
    "DISTRICT_ADMIN": "district",
    "STREET_STAFF": "street_in",
    "COMMUNITY_STAFF": "community_in",
    "GRID_MEMBER": "grid_in",
}


@dataclass(frozen=True)
class Case:
    mutation: str
    document: str
    # Builds the input for a target unit of the tree (in or out of the caller's subtree).
    build: Any
    allowed_roles_in_scope: frozenset[str]


def _grid(tree: dict[str, str], target: str) -> dict[str, Any]:
    return {
        "input": {
            "kind": "GRID",
            "name": f"Grid {random.randrange(10**9)}",
            "parentId": tree[target],
        }
    }


def _household(tree: dict[str, str], target: str) -> dict[str, Any]:
    return {"input": {"orgUnitId": tree[target], "address": f"No. {random.randrange(10**6)}"}}


MATRIX = [
    Case(
        "createOrgUnit",
        UNIT,
        _grid,
        frozenset({"DISTRICT_ADMIN", "STREET_STAFF", "COMMUNITY_STAFF"}),
    ),
    Case(
        "createHousehold",
        """mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) {
           __typename } }""",
        _household,
        frozenset({"DISTRICT_ADMIN", "STREET_STAFF", "COMMUNITY_STAFF"}),
    ),
]


async def _ok(url: str, query: str, variables: dict[str, Any], token: str) -> dict[str, Any]:
    status, body, text = await post(url, query, variables, token)
    assert_clean(status, text)
    assert not body.get("errors"), body
    data: dict[str, Any] = body["data"]
    return data


@pytest.fixture(scope="module")
async def world(hostile_stack: Stack, hostile_cleanup: None) -> dict[str, Any]:
    """A district with two streets, a community and a grid under each; one person per role."""
    gateway = f"{hostile_stack.gateway.url}/graphql"
    admin = admin_token(gateway)

    async def unit(kind: str, name: str, parent: str | None) -> str:
        data = await _ok(
            gateway, UNIT, {"input": {"kind": kind, "name": name, "parentId": parent}}, admin
        )
        return str(data["createOrgUnit"]["orgUnit"]["id"])

    tree = {"district": await unit("DISTRICT", f"Matrix {random.randrange(10**9)}", None)}
    for side in ("in", "out"):
        tree[f"street_{side}"] = await unit("STREET", f"Street {side}", tree["district"])
        tree[f"community_{side}"] = await unit("COMMUNITY", "Community", tree[f"street_{side}"])
        tree[f"grid_{side}"] = await unit("GRID", "Grid", tree[f"community_{side}"])
    tokens: dict[str, str] = {}
    for role, where in HOLDERS.items():
        phone = f"139{random.randrange(10**8):08d}"
        person = (
            await _ok(
                gateway,
                REGISTER,
                {
                    "input": {
                        "name": f"Matrix {role.title()}",
                        "phone": phone,
                        "orgUnitId": tree[where],
                    }
                },
                admin,
            )
        )["registerPerson"]["person"]["id"]
        await _ok(
            gateway,
            ASSIGN,
            {"input": {"personId": person, "role": role, "orgUnitId": tree[where]}},
            admin,
        )
        await _ok(
            gateway, SET_PASSWORD, {"input": {"personId": person, "newPassword": PASSWORD}}, admin
        )
        login = await _ok(gateway, LOGIN, {"input": {"phone": phone, "password": PASSWORD}}, "")
        tokens[role] = login["login"]["accessToken"]
    return {"tree": tree, "tokens": tokens}


CELLS = [
    (case, role, scope)
    for case in MATRIX
    for role in HOLDERS
    for scope in ("in", "out")
    # The district admin's subtree is the whole district: it has no out-of-scope target here.
    if not (role == "DISTRICT_ADMIN" and scope == "out")
]


@pytest.mark.parametrize(
    ("case", "role", "scope"),
    CELLS,
    ids=[f"{c.mutation}-{r}-{s}" for c, r, s in CELLS],
)
async def test_matrix_cell(
    case: Case,
    role: str,
    scope: str,
    world: dict[str, Any],
    hostile_stack: Stack,
    mongo_url: str,
) -> None:
    gateway = f"{hostile_stack.gateway.url}/graphql"
    # The target sits below where the role is held (in) or in the other street (out).
    target = f"community_{scope}" if case.mutation == "createOrgUnit" else f"grid_{scope}"
    expected = scope == "in" and role in case.allowed_roles_in_scope
    before = await counts(mongo_url, hostile_stack)

    status, body, text = await post(
        gateway, case.document, case.build(world["tree"], target), world["tokens"][role]
    )

    assert_clean(status, text)
    if expected:
        assert not body.get("errors"), body
    else:
        assert error_codes(body) & {"FORBIDDEN", "UNAUTHENTICATED"}, body
        assert await counts(mongo_url, hostile_stack) == before
