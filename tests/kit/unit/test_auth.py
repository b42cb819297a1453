import asyncio
import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from grassroots_kit.auth import AUDIENCE, ISSUER, RoleGrant, TokenVerifier, bearer_token
from grassroots_kit.errors import Unauthenticated
from jwt.algorithms import RSAAlgorithm

KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER = rsa.generate_private_key(public_exponent=65537, key_size=2048)
GRANT = RoleGrant("GRID_MEMBER", "g1", ("d1", "s1", "c1", "g1"))


def jwks(*pairs):
    keys = []
    for kid, key in pairs:
        jwk = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
        keys.append({**jwk, "kid": kid, "alg": "RS256", "use": "sig"})
    return {"keys": keys}


def token(key=KEY, kid="k1", **overrides):
    now = int(time.time())
    claims = {
        "sub": "p1",
        "iss": ISSUER,
        "aud": AUDIENCE,
        "iat": now,
        "exp": now + 900,
        "typ": "access",
        "roles": [GRANT.to_claim()],
        **overrides,
    }
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})


class Source:
    def __init__(self, document):
        self.document = document
        self.calls = 0

    async def __call__(self):
        self.calls += 1
        return self.document


async def test_a_valid_token_yields_the_caller_and_their_grants():
    principal = await TokenVerifier(Source(jwks(("k1", KEY)))).verify(token())

    assert principal.person_id == "p1"
    assert principal.grants == (GRANT,)
    assert principal.roles_over(["d1", "s1", "c1", "g1", "piece9"]) == {"GRID_MEMBER"}
    assert principal.roles_over(["d1", "s1", "c2"]) == set()


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda: token(exp=int(time.time()) - 10), "expired"),
        (lambda: token(key=OTHER), "not valid"),
        (lambda: token(kid="k9"), "unknown key"),
        (lambda: token(aud="someone-else"), "not valid"),
        (lambda: token(typ="refresh"), "not an access token"),
        (lambda: token()[:-4] + "AAAA", "not valid"),
        (lambda: "not-a-jwt", "malformed"),
        (lambda: jwt.encode({"sub": "p1"}, "s" * 40, algorithm="HS256"), "RS256"),
    ],
)
async def test_a_bad_token_is_unauthenticated(make, reason: str):
    verifier = TokenVerifier(Source(jwks(("k1", KEY))))

    with pytest.raises(Unauthenticated, match=reason):
        await verifier.verify(make())


async def test_keys_are_refetched_when_a_new_kid_appears():
    source = Source(jwks(("k1", KEY)))
    verifier = TokenVerifier(source)
    await verifier.verify(token())
    source.document = jwks(("k1", KEY), ("k2", OTHER))
    verifier._fetched_at = float("-inf")  # the refresh throttle has passed

    principal = await verifier.verify(token(key=OTHER, kid="k2"))

    assert principal.person_id == "p1"
    assert source.calls == 2


async def test_known_keys_are_cached():
    source = Source(jwks(("k1", KEY)))
    verifier = TokenVerifier(source)

    for _ in range(3):
        await verifier.verify(token())

    assert source.calls == 1


def test_the_authorization_header_must_be_a_bearer_token():
    assert bearer_token(None) is None
    assert bearer_token("Bearer abc") == "abc"
    with pytest.raises(Unauthenticated):
        bearer_token("Basic dXNlcjpwYXNz")


async def test_a_verified_token_is_not_verified_again(monkeypatch: pytest.MonkeyPatch):
    verifier = TokenVerifier(Source(jwks(("k1", KEY))))
    access = token()
    first = await verifier.verify(access)
    decodes = 0
    real_decode = jwt.decode

    def counting_decode(*args, **kwargs):
        nonlocal decodes
        decodes += 1
        return real_decode(*args, **kwargs)

    monkeypatch.setattr(jwt, "decode", counting_decode)

    again = await verifier.verify(access)

    assert again == first
    assert decodes == 0


async def test_a_remembered_token_is_refused_once_it_expires():
    verifier = TokenVerifier(Source(jwks(("k1", KEY))))
    expires = int(time.time()) + 2
    access = token(exp=expires)
    await verifier.verify(access)

    await asyncio.sleep(max(0.0, expires - time.time()) + 0.05)

    with pytest.raises(Unauthenticated, match="expired"):
        await verifier.verify(access)


async def test_refetched_keys_forget_the_tokens_verified_with_the_old_ones():
    source = Source(jwks(("k1", KEY)))
    verifier = TokenVerifier(source)
    access = token()
    await verifier.verify(access)
    source.document = jwks(("k2", OTHER))  # k1 left the key set
    verifier._fetched_at = float("-inf")
    await verifier.verify(token(key=OTHER, kid="k2"))

    with pytest.raises(Unauthenticated, match="unknown key"):
        await verifier.verify(access)


class Revocations:
    def __init__(self, *revoked: str) -> None:
        self.revoked = set(revoked)
        self.asked: list[list[str]] = []

    async def __call__(self, ids):
        self.asked.append(list(ids))
        return self.revoked & set(ids)


HELD = RoleGrant("GRID_MEMBER", "g1", ("d1", "g1"), assignment_id="r1")


def test_a_grant_carries_its_assignment_id_through_the_claim():
    assert RoleGrant.from_claim(HELD.to_claim()) == HELD
    assert "id" not in GRANT.to_claim()


async def test_a_token_carrying_a_revoked_role_is_refused_with_a_hint_to_refresh():
    verifier = TokenVerifier(Source(jwks(("k1", KEY))), revoked=Revocations("r1"))

    with pytest.raises(Unauthenticated, match="revoked; refresh"):
        await verifier.verify(token(roles=[HELD.to_claim()]))


async def test_a_remembered_token_is_refused_once_its_role_is_revoked(
    monkeypatch: pytest.MonkeyPatch,
):
    clock = [1000.0]
    monkeypatch.setattr("grassroots_kit.auth.time.monotonic", lambda: clock[0])
    revocations = Revocations()
    verifier = TokenVerifier(Source(jwks(("k1", KEY))), revoked=revocations)
    held = token(roles=[HELD.to_claim()])
    await verifier.verify(held)

    revocations.revoked.add("r1")
    await verifier.verify(held)  # still believed: checked less than the interval ago
    clock[0] += 3

    with pytest.raises(Unauthenticated, match="revoked"):
        await verifier.verify(held)
    assert revocations.asked == [["r1"], ["r1"]]


async def test_repeated_requests_ask_about_revocations_once_per_interval():
    revocations = Revocations()
    verifier = TokenVerifier(Source(jwks(("k1", KEY))), revoked=revocations)
    other = RoleGrant("VOLUNTEER", "c1", ("d1", "c1"), assignment_id="r2")
    held = token(roles=[HELD.to_claim(), other.to_claim()])

    for _ in range(20):
        await verifier.verify(held)

    assert revocations.asked == [["r1", "r2"]]


async def test_when_revocations_cannot_be_checked_the_token_is_not_trusted():
    async def down(ids):
        raise ConnectionError("mongo-0.internal:27017 refused")

    verifier = TokenVerifier(Source(jwks(("k1", KEY))), revoked=down)

    with pytest.raises(Unauthenticated, match="cannot be checked") as refused:
        await verifier.verify(token(roles=[HELD.to_claim()]))
    # the caller learns nothing of the store behind the check
    assert "mongo-0" not in str(refused.value)


async def test_a_key_people_stops_publishing_stops_verifying_within_a_minute(
    monkeypatch: pytest.MonkeyPatch,
):
    clock = [1000.0]
    monkeypatch.setattr("grassroots_kit.auth.time.monotonic", lambda: clock[0])
    source = Source(jwks(("retired", KEY), ("k2", OTHER)))
    verifier = TokenVerifier(source)
    old = token(kid="retired")
    await verifier.verify(old)

    source.document = jwks(("k2", OTHER))  # the grace of "retired" ended
    clock[0] += 61

    with pytest.raises(Unauthenticated, match="unknown key"):
        await verifier.verify(old)  # remembered, and still refused
    await verifier.verify(token(key=OTHER, kid="k2"))


async def test_known_keys_stay_in_use_while_the_key_source_is_down(
    monkeypatch: pytest.MonkeyPatch,
):
    clock = [1000.0]
    monkeypatch.setattr("grassroots_kit.auth.time.monotonic", lambda: clock[0])
    source = Source(jwks(("k1", KEY)))
    verifier = TokenVerifier(source)
    await verifier.verify(token())

    async def down():
        raise ConnectionError("people is down")

    verifier._source = down
    clock[0] += 61

    assert (await verifier.verify(token())).person_id == "p1"
