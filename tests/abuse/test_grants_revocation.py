"""Revocation takes effect in seconds: a grid member whose role is taken away keeps an access
token that is still unexpired for minutes. Every subgraph must refuse it within seconds,
through the gateway and when called directly, and a refresh must issue the current roles."""

from __future__ import annotations

import asyncio
import secrets
import time
from typing import Any

from tests.abuse._attacker import Attacker, refused

LI_LANG = "13800000011"  # secretary, 桃花井社区 (Taohuajing)
XU_JING = "13800000016"  # grid member, 桃花井社区 第一网格
PASSWORD = "revoked-grid-member-1"

REGISTER = """mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { person { id } } }"""
ASSIGN = """mutation($i: AssignRoleInput!) { assignRole(input: $i) { roleAssignment { id } } }"""
REVOKE = """mutation($i: RevokeRoleInput!) { revokeRole(input: $i) { roleAssignment { id } } }"""
LOGIN = """mutation($i: LoginInput!) { login(input: $i) { accessToken refreshToken } }"""
REFRESH = """mutation($i: RefreshTokenInput!) { refreshToken(input: $i) { accessToken } }"""
PEOPLE = "{ me { id roles { role } } }"
CASES = "{ cases(first: 5) { totalCount } }"
POINTS = "query($id: ID!) { pointsAccount(personId: $id) { balance } }"
# Revocation travels as an event to cases and points (outbox relay, consumer), then each
# service believes its last answer for two seconds: well within this.
WITHIN_SECONDS = 10.0


async def _ok(attacker: Attacker, query: str, variables: dict[str, Any], token: str) -> Any:
    body = await attacker.graphql(query, variables, token=token)
    assert "errors" not in body, body
    return body["data"]


async def _grid_member(attacker: Attacker) -> tuple[str, str, dict[str, Any]]:
    """A new grid member of 桃花井社区 第一网格, granted by the community secretary, logged in."""
    people = attacker.db("people")
    xu = await people["persons"].find_one({"phone": XU_JING})
    assert xu is not None
    held = await people["role_assignments"].find_one({"personId": xu["_id"]})
    assert held is not None
    secretary = attacker.token(LI_LANG)
    phone = f"139{secrets.randbelow(10**8):08d}"
    made = await _ok(
        attacker,
        REGISTER,
        {
            "i": {
                "name": "Revoked Member",
                "phone": phone,
                "orgUnitId": held["orgUnitId"],
                "password": PASSWORD,
            }
        },
        secretary,
    )
    person = made["registerPerson"]["person"]["id"]
    assignment = (
        await _ok(
            attacker,
            ASSIGN,
            {"i": {"personId": person, "role": "GRID_MEMBER", "orgUnitId": held["orgUnitId"]}},
            secretary,
        )
    )["assignRole"]["roleAssignment"]["id"]
    tokens = (await _ok(attacker, LOGIN, {"i": {"phone": phone, "password": PASSWORD}}, ""))[
        "login"
    ]
    return person, assignment, tokens


async def test_revoked_grid_member_token_is_refused_by_every_subgraph_within_seconds(
    attacker: Attacker,
):
    person, assignment, tokens = await _grid_member(attacker)
    token = tokens["accessToken"]
    calls = (
        [(PEOPLE, {}, url) for url in (attacker.gateway_url, attacker.subgraph_url("people"))]
        + [(CASES, {}, url) for url in (attacker.gateway_url, attacker.subgraph_url("cases"))]
        + [
            (POINTS, {"id": person}, url)
            for url in (attacker.gateway_url, attacker.subgraph_url("points"))
        ]
    )
    for query, variables, url in calls:  # given the token works everywhere while the role holds
        body = await attacker.graphql(query, variables, token=token, url=url)
        assert "errors" not in body, (url, body)

    await _ok(attacker, REVOKE, {"i": {"roleAssignmentId": assignment}}, attacker.token(LI_LANG))

    deadline = time.monotonic() + WITHIN_SECONDS
    pending = list(calls)
    while pending and time.monotonic() < deadline:
        answers = [
            await attacker.graphql(q, v, token=token, url=url, headers={"accept-language": "en"})
            for q, v, url in pending
        ]
        pending = [
            call
            for call, body in zip(pending, answers, strict=True)
            if not (refused(body, "UNAUTHENTICATED") and "refresh" in str(body["errors"]))
        ]
        await asyncio.sleep(0.5)
    assert pending == [], f"still accepted {WITHIN_SECONDS} s after revocation: {pending}"


async def test_revoked_grid_member_refreshes_into_a_token_without_the_role(attacker: Attacker):
    person, assignment, tokens = await _grid_member(attacker)
    await _ok(attacker, REVOKE, {"i": {"roleAssignmentId": assignment}}, attacker.token(LI_LANG))

    refreshed = (await _ok(attacker, REFRESH, {"i": {"refreshToken": tokens["refreshToken"]}}, ""))[
        "refreshToken"
    ]["accessToken"]

    me = await _ok(attacker, PEOPLE, {}, refreshed)
    assert me["me"] == {"id": person, "roles": []}
