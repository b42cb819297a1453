"""Edge authentication: the gateway verifies bearer tokens against people's JWKS before planning."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from grassroots_kit.auth import AUDIENCE, ISSUER

from tests.gateway.conftest import JWKS_REFETCH_SECONDS, Gateway
from tests.gateway.servers import JwksServer
from tests.support.tokens import TokenMint

ANY_QUERY = '{ orgUnit(id: "no-such-unit") { id name } }'


def claims(**overrides: object) -> dict[str, object]:
    now = int(time.time())
    base: dict[str, object] = {
        "sub": f"person-{uuid.uuid4().hex[:8]}",
        "iss": ISSUER,
        "aud": AUDIENCE,
        "iat": now,
        "exp": now + 900,
        "typ": "access",
        "roles": [],
    }
    base.update(overrides)
    return base


def signed(mint: TokenMint, **overrides: object) -> str:
    return jwt.encode(claims(**overrides), mint.key, algorithm="RS256", headers={"kid": mint.kid})


def assert_unauthenticated(gateway: Gateway, token: str, *, query: str = ANY_QUERY) -> str:
    response = gateway.post({"query": query}, token=token)
    body = response.json()
    assert response.status_code == 401, body
    assert "data" not in body or body["data"] is None, body
    [error] = body["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED", body
    message: str = error["message"]
    assert "log in again" in message or "Bearer" in message, message
    return message


def test_a_request_without_a_token_is_anonymous_and_reaches_the_subgraphs(gateway: Gateway) -> None:
    body = gateway.query(ANY_QUERY)

    assert body == {"data": {"orgUnit": None}}


def test_a_valid_access_token_passes_the_gateway(gateway: Gateway, mint: TokenMint) -> None:
    body = gateway.query(ANY_QUERY, token=signed(mint))

    assert body == {"data": {"orgUnit": None}}


OWN_POINTS = '{ ledger(personId: "%s", first: 1) { totalCount } }'


def test_the_token_is_forwarded_so_the_subgraph_authorizes_again(
    gateway: Gateway, mint: TokenMint
) -> None:
    # points lets a person read their own ledger only: it must have seen the token
    me = f"person-{uuid.uuid4().hex[:8]}"

    mine = gateway.query(OWN_POINTS % me, token=signed(mint, sub=me))
    someone_elses = gateway.query(OWN_POINTS % me, token=signed(mint, sub="someone-else"))
    anonymous = gateway.query(OWN_POINTS % me)

    assert mine == {"data": {"ledger": {"totalCount": 0}}}
    assert someone_elses["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_an_expired_token_is_unauthenticated(gateway: Gateway, mint: TokenMint) -> None:
    past = int(time.time()) - 3600
    assert_unauthenticated(gateway, signed(mint, iat=past - 900, exp=past))


def test_a_token_signed_with_another_key_under_a_known_kid_is_unauthenticated(
    gateway: Gateway, mint: TokenMint
) -> None:
    forger = TokenMint(kid=mint.kid)  # same kid, a key people never published
    assert_unauthenticated(gateway, signed(forger))


def test_a_token_with_an_unknown_kid_is_unauthenticated_after_one_refetch(
    gateway: Gateway, jwks: JwksServer
) -> None:
    stranger = TokenMint()
    assert_unauthenticated(gateway, signed(stranger))


def test_a_key_people_starts_publishing_is_picked_up_without_a_restart(
    gateway: Gateway, mint: TokenMint, jwks: JwksServer
) -> None:
    # given a key rotation: people publishes a new key after the gateway cached the old one
    assert gateway.query(ANY_QUERY, token=signed(mint)) == {"data": {"orgUnit": None}}
    rotated = TokenMint()
    jwks.mints.append(rotated)
    fetches_before = jwks.fetches

    # when a token signed with the new key arrives (an unknown kid refetches the JWKS at most
    # once per JWKS_REFETCH_SECONDS, whatever kids are asked for)
    deadline = time.monotonic() + JWKS_REFETCH_SECONDS + 2
    body = gateway.query(ANY_QUERY, token=signed(rotated))
    while body != {"data": {"orgUnit": None}} and time.monotonic() < deadline:
        time.sleep(0.2)
        body = gateway.query(ANY_QUERY, token=signed(rotated))

    # then the gateway fetched the JWKS again for the unknown kid and accepted the token
    assert body == {"data": {"orgUnit": None}}
    assert jwks.fetches > fetches_before
    # and a known kid is served from the cache
    fetches_after = jwks.fetches
    assert gateway.query(ANY_QUERY, token=signed(rotated)) == {"data": {"orgUnit": None}}
    assert jwks.fetches == fetches_after


def test_cached_keys_keep_verifying_while_people_is_down(
    gateway: Gateway, mint: TokenMint, jwks: JwksServer
) -> None:
    # given the mint's key cached by an earlier request
    assert gateway.query(ANY_QUERY, token=signed(mint)) == {"data": {"orgUnit": None}}
    jwks.down = True
    try:
        # when people's JWKS stops answering, tokens signed with the cached key still pass
        assert gateway.query(ANY_QUERY, token=signed(mint)) == {"data": {"orgUnit": None}}
        # and a forged one is still refused
        assert_unauthenticated(gateway, signed(TokenMint(kid=mint.kid)))
    finally:
        jwks.down = False


@pytest.mark.parametrize(
    ("case", "overrides"),
    [
        ("wrong issuer", {"iss": "someone-else"}),
        ("wrong audience", {"aud": "another-app"}),
        ("not yet valid", {"nbf": int(time.time()) + 3600}),
        ("a refresh token", {"typ": "refresh"}),
        ("no expiry", {"exp": None}),
    ],
)
def test_a_token_with_wrong_claims_is_unauthenticated(
    gateway: Gateway, mint: TokenMint, case: str, overrides: dict[str, object]
) -> None:
    payload = claims(**overrides)
    payload = {key: value for key, value in payload.items() if value is not None}
    token = jwt.encode(payload, mint.key, algorithm="RS256", headers={"kid": mint.kid})

    assert_unauthenticated(gateway, token)


def test_an_hs256_token_keyed_with_the_public_key_is_unauthenticated(
    gateway: Gateway, mint: TokenMint
) -> None:
    # the classic algorithm-confusion forgery: HMAC with the published public key as secret
    public_pem = mint.key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = jwt.utils.base64url_encode(
        b'{"alg":"HS256","typ":"JWT","kid":"' + mint.kid.encode() + b'"}'
    )
    body = jwt.utils.base64url_encode(json.dumps(claims()).encode())
    signature = hmac.new(public_pem, header + b"." + body, hashlib.sha256).digest()
    token = (header + b"." + body + b"." + jwt.utils.base64url_encode(signature)).decode()

    assert_unauthenticated(gateway, token)


def test_an_unsigned_token_is_unauthenticated(gateway: Gateway, mint: TokenMint) -> None:
    token = jwt.encode(claims(), "", algorithm="none", headers={"kid": mint.kid})

    assert_unauthenticated(gateway, token)


@pytest.mark.parametrize("token", ["not-a-jwt", "a.b.c", "eyJhbGciOiJSUzI1NiJ9.e30"])
def test_a_malformed_token_is_unauthenticated(gateway: Gateway, token: str) -> None:
    assert_unauthenticated(gateway, token)


def test_a_non_bearer_authorization_header_is_unauthenticated(gateway: Gateway) -> None:
    response = gateway.post({"query": ANY_QUERY}, headers={"authorization": "Basic dXNlcjpwdw=="})

    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_bad_token_is_refused_before_the_query_is_validated(
    gateway: Gateway, mint: TokenMint
) -> None:
    # a document that would fail validation: the token is judged first, so no schema detail leaks
    forger = TokenMint(kid=mint.kid)
    assert_unauthenticated(gateway, signed(forger), query="{ noSuchField }")


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
def test_a_token_from_an_unpublished_small_key_is_unauthenticated(gateway: Gateway) -> None:
    small = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    token = jwt.encode(claims(), small, algorithm="RS256", headers={"kid": "tiny"})

    assert_unauthenticated(gateway, token)


def test_a_real_login_token_from_people_passes_the_gateway(
    gateway: Gateway, admin_token: str
) -> None:
    assert gateway.query(ANY_QUERY, token=admin_token) == {"data": {"orgUnit": None}}
    me = gateway.query("{ me { id } }", token=admin_token)
    assert me["data"]["me"] is not None, me
    header, payload, signature = admin_token.split(".")
    tampered = f"{header}.{payload}.{signature[::-1]}"
    assert_unauthenticated(gateway, tampered)
