"""Login, tokens, refresh rotation, logout, passwords, throttling and signing-key rotation."""

from __future__ import annotations

import asyncio
import base64
import json
from datetime import UTC, datetime, timedelta

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from grassroots_kit.auth import TokenVerifier
from grassroots_people.handlers.tokens import issue

from tests.people.integration.graph import PASSWORD, PeopleGraph

ME = "{ me { id name phone roles { role orgUnit { name } } } }"
REFRESH = """mutation($t: String!) { refreshToken(input: {refreshToken: $t}) {
  accessToken refreshToken } }"""
LOGOUT = "mutation($t: String!) { logout(input: {refreshToken: $t}) { loggedOut } }"
SET_PASSWORD = """mutation($i: SetPasswordInput!) { setPassword(input: $i) { person { id } } }"""


async def jwks(graph: PeopleGraph) -> dict:
    response = await graph.service.client.get("/.well-known/jwks.json")
    assert response.status_code == 200
    return response.json()


async def test_login_returns_an_rs256_token_with_roles_and_paths_that_verifies_against_the_jwks(
    graph: PeopleGraph,
):
    area = await graph.area()
    secretary = await graph.person("Li Lang", "13800000011", unit=area.community)
    assignment = await graph.assign(secretary, "COMMUNITY_SECRETARY", area.community)

    tokens = await graph.login("13800000011")
    keys = await jwks(graph)

    async def key_source() -> dict:
        return keys

    principal = await TokenVerifier(key_source).verify(tokens["accessToken"])
    claims = jwt.decode(tokens["accessToken"], options={"verify_signature": False})
    header = jwt.get_unverified_header(tokens["accessToken"])
    assert header["alg"] == "RS256"
    assert header["kid"] in {k["kid"] for k in keys["keys"]}
    assert claims["typ"] == "access"
    assert claims["sub"] == secretary
    assert claims["exp"] - claims["iat"] == 15 * 60
    assert principal.person_id == secretary
    assert claims["roles"] == [
        {
            "role": "COMMUNITY_SECRETARY",
            "orgUnitId": area.community,
            "path": [area.district, area.street, area.community],
            "organizationId": None,
            "id": assignment,
        }
    ]


async def test_me_answers_who_the_token_belongs_to(graph: PeopleGraph):
    area = await graph.area()
    token = await graph.staff("Li Lang", "13800000011", "COMMUNITY_SECRETARY", area.community)

    data = await graph.ok(ME, token=token)

    assert data["me"]["name"] == "Li Lang"
    assert data["me"]["phone"] == "13800000011"
    assert data["me"]["roles"] == [
        {"role": "COMMUNITY_SECRETARY", "orgUnit": {"name": "Taohuajing Community"}}
    ]


async def test_a_wrong_password_or_unknown_phone_is_unauthenticated(graph: PeopleGraph):
    area = await graph.area()
    await graph.person("Li Lang", "13800000011", unit=area.community)

    for phone, password in (("13800000011", "wrong password"), ("13999999999", PASSWORD)):
        error = await graph.error(
            "mutation($i: LoginInput!) { login(input: $i) { accessToken } }",
            {"i": {"phone": phone, "password": password}},
        )
        assert error["extensions"]["code"] == "UNAUTHENTICATED"
        assert error["message"] == "the phone number or the password is wrong"
    assert await graph.count("refresh_tokens") == 1  # the admin's login only


async def test_five_failed_logins_lock_the_phone_even_for_the_right_password(graph: PeopleGraph):
    area = await graph.area()
    await graph.person("Li Lang", "13800000011", unit=area.community)
    login = "mutation($i: LoginInput!) { login(input: $i) { accessToken } }"
    for _ in range(5):
        await graph.error(login, {"i": {"phone": "13800000011", "password": "not it at all"}})

    error = await graph.error(login, {"i": {"phone": "13800000011", "password": PASSWORD}})

    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert "too many login attempts" in error["message"]
    assert 0 < error["extensions"]["retryAfterSeconds"] <= 60
    stored = await graph.service.host.db["login_attempts"].find_one(
        {"_id": "phone:13800000011@127.0.0.1"}
    )
    assert stored["strikes"] == 1


async def test_a_refresh_token_rotates_and_reusing_an_old_one_revokes_the_family(
    graph: PeopleGraph,
):
    area = await graph.area()
    await graph.person("Li Lang", "13800000011", unit=area.community)
    first = await graph.login("13800000011")

    second = (await graph.ok(REFRESH, {"t": first["refreshToken"]}))["refreshToken"]["refreshToken"]
    reuse = await graph.error(REFRESH, {"t": first["refreshToken"]})
    revoked = await graph.error(REFRESH, {"t": second})

    assert reuse["extensions"]["code"] == "UNAUTHENTICATED"
    assert "already used" in reuse["message"]
    assert revoked["extensions"]["code"] == "UNAUTHENTICATED"


async def test_logout_revokes_the_login_and_is_idempotent(graph: PeopleGraph):
    area = await graph.area()
    await graph.person("Li Lang", "13800000011", unit=area.community)
    tokens = await graph.login("13800000011")

    first = await graph.ok(LOGOUT, {"t": tokens["refreshToken"]})
    second = await graph.ok(LOGOUT, {"t": tokens["refreshToken"]})
    error = await graph.error(REFRESH, {"t": tokens["refreshToken"]})

    assert first == second == {"logout": {"loggedOut": True}}
    assert error["extensions"]["code"] == "UNAUTHENTICATED"


def _tamper(token: str) -> str:
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = "someone-else"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    return f"{header}.{forged}.{signature}"


async def test_expired_forged_and_tampered_tokens_are_unauthenticated_and_write_nothing(
    graph: PeopleGraph,
):
    area = await graph.area()
    admin_id = jwt.decode(graph.admin, options={"verify_signature": False})["sub"]
    ports = graph.service.app.state.runtime.ports
    an_hour_ago = datetime.now(UTC) - timedelta(hours=1)
    expired = (
        await ports.uow.run(lambda tx: issue(ports, tx, admin_id, now=an_hour_ago))
    ).access_token
    kid = jwt.get_unverified_header(graph.admin)["kid"]
    claims = jwt.decode(graph.admin, options={"verify_signature": False})
    stranger_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(claims, stranger_key, algorithm="RS256", headers={"kid": kid})
    units_before = await graph.count("org_units")

    for token, message in (
        (expired, "expired"),
        (forged, "not valid"),
        (_tamper(graph.admin), "not valid"),
        ("not-a-jwt", "malformed"),
    ):
        error = await graph.error(
            "mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { orgUnit { id } } }",
            {"i": {"kind": "STREET", "name": "Sneaky Street", "parentId": area.district}},
            token,
        )
        assert error["extensions"]["code"] == "UNAUTHENTICATED", error
        assert message in error["message"]
    assert await graph.count("org_units") == units_before


async def test_a_rotated_key_keeps_verifying_old_tokens_while_new_ones_use_the_new_kid(
    graph: PeopleGraph,
):
    runtime = graph.service.app.state.runtime
    old_kid = jwt.get_unverified_header(graph.admin)["kid"]

    new_kid = await runtime.keys.rotate()
    fresh = (await graph.login("10000000000", "grassroots-bootstrap"))["accessToken"]
    keys = {k["kid"] for k in (await jwks(graph))["keys"]}
    old_still_works = await graph.ok(ME, token=graph.admin)

    assert new_kid != old_kid
    assert jwt.get_unverified_header(fresh)["kid"] == new_kid
    assert keys == {old_kid, new_kid}
    assert old_still_works["me"]["name"] == "Platform administrator"


async def test_setting_ones_own_password_needs_the_current_one(graph: PeopleGraph):
    area = await graph.area()
    token = await graph.staff("Li Lang", "13800000011", "COMMUNITY_SECRETARY", area.community)

    wrong = await graph.error(
        SET_PASSWORD, {"i": {"newPassword": "a new secret!", "currentPassword": "nope"}}, token
    )
    await graph.ok(
        SET_PASSWORD, {"i": {"newPassword": "a new secret!", "currentPassword": PASSWORD}}, token
    )
    login = await graph.login("13800000011", "a new secret!")

    assert wrong["extensions"] == {"code": "BAD_USER_INPUT", "field": "currentPassword"}
    assert login["accessToken"]


async def test_staff_may_not_reset_the_password_of_someone_ranking_above_them(
    graph: PeopleGraph,
):
    area = await graph.area()
    staff = await graph.staff("Zhou Min", "13800000012", "COMMUNITY_STAFF", area.community)
    admin = await graph.person("Chen Jun", "13800000013", unit=area.community)
    await graph.assign(admin, "DISTRICT_ADMIN", area.district)
    resident = await graph.person("Shi Kai", "13800000014", unit=area.community)

    refused = await graph.error(
        SET_PASSWORD, {"i": {"personId": admin, "newPassword": "taken over!"}}, staff
    )
    allowed = await graph.ok(
        SET_PASSWORD, {"i": {"personId": resident, "newPassword": "welcome home"}}, staff
    )

    assert refused["extensions"]["code"] == "FORBIDDEN"
    assert allowed["setPassword"]["person"]["id"] == resident
    assert (await graph.login("13800000013"))["accessToken"]  # unchanged


async def test_the_bootstrap_admin_is_ensured_idempotently(graph: PeopleGraph):
    from grassroots_people.handlers.bootstrap import ensure_platform_admin

    runtime = graph.service.app.state.runtime

    again = await ensure_platform_admin(runtime.ports, "10000000000", "grassroots-bootstrap")

    assert not again.created
    assert again.generated_password is None
    assert await graph.count("persons", {"phone": "10000000000"}) == 1
    assert await graph.count("role_assignments", {"personId": again.person_id}) == 1


async def test_a_signing_key_given_by_a_secret_signs_and_is_published(
    mongo_url: str, db_name: str, broker_ns
):
    from grassroots_kit.settings import with_overrides
    from grassroots_people.adapters.signing_keys import generate_pem, load_key
    from grassroots_people.main import create_app
    from grassroots_people.settings import PeopleSettings

    from tests.support.apps import run_service, settings_for
    from tests.support.people_auth import admin_token_of

    pem = generate_pem()
    settings = with_overrides(
        settings_for(PeopleSettings, mongo_url=mongo_url, db_name=db_name, ns=broker_ns),
        signing_key_pem=pem,
    )

    async with run_service(create_app, settings, broker_ns) as service:
        token = await admin_token_of(service)
        keys = (await service.client.get("/.well-known/jwks.json")).json()["keys"]

    assert jwt.get_unverified_header(token)["kid"] == load_key(pem).kid
    assert [k["kid"] for k in keys] == [load_key(pem).kid]
    assert "d" not in keys[0]  # the public half only


async def test_a_token_whose_role_was_revoked_is_refused_and_a_refresh_carries_the_current_roles(
    graph: PeopleGraph,
):
    area = await graph.area()
    member = await graph.person("Xu Jing", "13800000016", unit=area.grid)
    assignment = await graph.assign(member, "GRID_MEMBER", area.grid)
    tokens = await graph.login("13800000016")
    me = "{ me { id roles { role } } }"
    assert (await graph.ok(me, {}, tokens["accessToken"]))["me"]["roles"] == [
        {"role": "GRID_MEMBER"}
    ]

    await graph.ok(
        "mutation($id: ID!) { revokeRole(input: {roleAssignmentId: $id}) { roleAssignment { id } } }",
        {"id": assignment},
        graph.admin,
    )
    await asyncio.sleep(2.5)  # "not revoked" is believed for 2 s (grassroots_kit.auth)
    stale = await graph.error(me, {}, tokens["accessToken"])
    refreshed = await graph.ok(
        "mutation($r: String!) { refreshToken(input: {refreshToken: $r}) { accessToken } }",
        {"r": tokens["refreshToken"]},
    )

    assert stale["extensions"]["code"] == "UNAUTHENTICATED"
    assert "refresh" in stale["message"]
    current = refreshed["refreshToken"]["accessToken"]
    assert (await graph.ok(me, {}, current))["me"] == {"id": member, "roles": []}
