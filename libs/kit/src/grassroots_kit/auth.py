"""Who is calling: bearer tokens (RS256 JWTs issued by `people`) verified against a JWKS.

Every subgraph verifies the token again, whatever the gateway did, and decides with the
caller's role grants and the org-unit subtree each grant covers.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import urllib.request
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jwt
from jwt import PyJWK

from grassroots_kit.errors import Unauthenticated
from grassroots_kit.i18n import msg

log = logging.getLogger(__name__)

ISSUER = "grassroots/people"
AUDIENCE = "grassroots"
ALGORITHM = "RS256"
_REFRESH_AT_MOST_EVERY = 30.0
# Known keys are refetched this often, so a key people stopped publishing (a rotated-out key
# past its grace) stops verifying here within a minute, whatever kids the tokens carry.
_KEYS_MAX_AGE_SECONDS = 60.0
# Verified tokens kept (by their exact text) until they expire; a client sends the same access
# token with every request for its 15 minutes, and RS256 verification was a tenth of a
# subgraph's time per request.
_VERIFIED_CACHE_SIZE = 4096
# How long "this role assignment is not revoked" is believed before asking the source again:
# a revoked role stops working within this (plus the event's way to a service's projection),
# and a busy client costs one indexed lookup per this interval, not one per request.
_REVOCATION_RECHECK_SECONDS = 2.0
_REVOCATION_CACHE_SIZE = 16384


@dataclass(frozen=True)
class RoleGrant:
    """A role held over an org unit's whole subtree (`path` ends with the unit itself)."""

    role: str
    org_unit_id: str
    path: tuple[str, ...]
    organization_id: str | None = None
    # The role assignment it comes from, so a revocation can be checked while the token lives.
    assignment_id: str | None = None

    def covers(self, path_with_self: Iterable[str]) -> bool:
        """True when a thing located at `path_with_self` lies in this grant's subtree."""
        return self.org_unit_id in path_with_self

    def to_claim(self) -> dict[str, Any]:
        claim = {
            "role": self.role,
            "orgUnitId": self.org_unit_id,
            "path": list(self.path),
            "organizationId": self.organization_id,
        }
        if self.assignment_id is not None:
            claim["id"] = self.assignment_id
        return claim

    @classmethod
    def from_claim(cls, claim: Mapping[str, Any]) -> RoleGrant:
        return cls(
            role=str(claim["role"]),
            org_unit_id=str(claim["orgUnitId"]),
            path=tuple(str(p) for p in claim["path"]),
            organization_id=claim.get("organizationId"),
            assignment_id=str(claim["id"]) if claim.get("id") else None,
        )


@dataclass(frozen=True)
class Principal:
    person_id: str
    grants: tuple[RoleGrant, ...]

    def roles_over(self, path_with_self: Iterable[str]) -> set[str]:
        path = tuple(path_with_self)
        return {g.role for g in self.grants if g.covers(path)}

    def has_any(self, roles: Iterable[str], path_with_self: Iterable[str]) -> bool:
        return bool(self.roles_over(path_with_self) & set(roles))


def principal_from_claims(claims: Mapping[str, Any]) -> Principal:
    try:
        return Principal(
            person_id=str(claims["sub"]),
            grants=tuple(RoleGrant.from_claim(c) for c in claims.get("roles", [])),
        )
    except (KeyError, TypeError) as exc:
        raise Unauthenticated(
            msg("token claims are malformed: {detail}", detail=str(exc))
        ) from None


KeySource = Callable[[], Awaitable[Mapping[str, Any]]]
# Given role assignment ids, the ones that have been revoked (people's store, or a service's
# projection of `role.revoked`).
RevokedAssignments = Callable[[Sequence[str]], Awaitable[Collection[str]]]


def jwks_from_url(url: str, timeout: float = 5.0) -> KeySource:
    async def fetch() -> Mapping[str, Any]:
        def get() -> Mapping[str, Any]:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                body: Mapping[str, Any] = json.loads(response.read())
                return body

        return await asyncio.to_thread(get)

    return fetch


class TokenVerifier:
    """Verifies access tokens; keys are cached by `kid` and refetched when an unknown one shows.

    Known keys are refetched every minute and a key no longer published is dropped, so a
    rotated-out key stops verifying once people ends its grace. A token that verified is
    remembered until its `exp`, so a repeat costs a dict lookup; the memory is dropped whenever
    the set of keys changes (a key that left the JWKS must not keep vouching for its tokens)."""

    def __init__(
        self,
        keys: KeySource,
        *,
        issuer: str = ISSUER,
        audience: str = AUDIENCE,
        revoked: RevokedAssignments | None = None,
    ) -> None:
        self._source = keys
        self._revoked_source = revoked
        # assignment id → (revoked, when it was last asked); a revocation is final.
        self._revocations: dict[str, tuple[bool, float]] = {}
        self._issuer = issuer
        self._audience = audience
        self._keys: dict[str, PyJWK] = {}
        self._fetched_at = float("-inf")
        self._lock = asyncio.Lock()
        self._verified: dict[str, tuple[Principal, float]] = {}

    async def verify(self, token: str) -> Principal:
        await self._refresh_if_stale()
        known = self._verified.get(token)
        if known is not None and time.time() < known[1]:
            principal = known[0]
        else:
            principal, expires = await self._verify(token)
            self._remember(token, principal, expires)
        await self._require_current(principal)
        return principal

    async def _require_current(self, principal: Principal) -> None:
        """Refuses a token that carries a role revoked since it was issued."""
        if self._revoked_source is None:
            return
        ids = [g.assignment_id for g in principal.grants if g.assignment_id is not None]
        now = time.monotonic()
        stale = [
            i
            for i in ids
            if (seen := self._revocations.get(i)) is None
            or (not seen[0] and now - seen[1] > _REVOCATION_RECHECK_SECONDS)
        ]
        if stale:
            try:
                gone = set(await self._revoked_source(stale))
            except Exception:
                # The cause (a database error, its host names) is for the log, not the caller.
                log.exception("revocation lookup failed")
                raise Unauthenticated(
                    msg("the token's roles cannot be checked now; try again in a moment")
                ) from None
            if len(self._revocations) + len(stale) > _REVOCATION_CACHE_SIZE:
                self._revocations = {i: v for i, v in self._revocations.items() if v[0]}
                if len(self._revocations) + len(stale) > _REVOCATION_CACHE_SIZE:
                    self._revocations.clear()
            for i in stale:
                self._revocations[i] = (i in gone, now)
        if any(self._revocations.get(i, (False, 0.0))[0] for i in ids):
            raise Unauthenticated(
                msg(
                    "a role in this access token has been revoked; refresh the token to get "
                    "your current roles"
                )
            )

    def _remember(self, token: str, principal: Principal, expires: float) -> None:
        if len(self._verified) >= _VERIFIED_CACHE_SIZE:
            now = time.time()
            self._verified = {t: v for t, v in self._verified.items() if v[1] > now}
            if len(self._verified) >= _VERIFIED_CACHE_SIZE:
                self._verified.clear()
        self._verified[token] = (principal, expires)

    async def _verify(self, token: str) -> tuple[Principal, float]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise Unauthenticated(msg("the access token is malformed")) from None
        if header.get("alg") != ALGORITHM:
            raise Unauthenticated(msg("the access token is not signed with RS256"))
        key = await self._key(str(header.get("kid", "")))
        try:
            claims = jwt.decode(
                token,
                key.key,
                algorithms=[ALGORITHM],
                audience=self._audience,
                issuer=self._issuer,
                options={"require": ["exp", "iat", "sub", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError:
            raise Unauthenticated(msg("the access token has expired; refresh it")) from None
        except jwt.PyJWTError as exc:
            raise Unauthenticated(
                msg("the access token is not valid: {detail}", detail=str(exc))
            ) from None
        if claims.get("typ") != "access":
            raise Unauthenticated(msg("this is not an access token"))
        # `exp` is required and checked by decode: a number in the future.
        return principal_from_claims(claims), float(claims["exp"])

    async def _refresh_if_stale(self) -> None:
        if self._keys and time.monotonic() - self._fetched_at > _KEYS_MAX_AGE_SECONDS:
            async with self._lock:
                if time.monotonic() - self._fetched_at > _KEYS_MAX_AGE_SECONDS:
                    await self._refresh(keep_on_failure=True)

    async def _key(self, kid: str) -> PyJWK:
        if kid in self._keys:
            return self._keys[kid]
        async with self._lock:
            if (
                kid not in self._keys
                and time.monotonic() - self._fetched_at > _REFRESH_AT_MOST_EVERY
            ):
                await self._refresh()
        if kid not in self._keys:
            raise Unauthenticated(msg("the access token was signed with an unknown key"))
        return self._keys[kid]

    async def _refresh(self, *, keep_on_failure: bool = False) -> None:
        try:
            document = await self._source()
        except Exception as exc:
            if keep_on_failure:
                # The keys we have stay in use while the source is down; try again soon.
                # (A key that is gone is gone in the source too: nothing new can be trusted.)
                self._fetched_at = time.monotonic() - _KEYS_MAX_AGE_SECONDS + _REFRESH_AT_MOST_EVERY
                return
            raise Unauthenticated(
                msg("the signing keys cannot be fetched now: {detail}", detail=str(exc))
            ) from None
        keys = {}
        for entry in document.get("keys", []):
            if entry.get("kid") and entry.get("kty") == "RSA":
                keys[str(entry["kid"])] = PyJWK(dict(entry), algorithm=ALGORITHM)
        if set(keys) != set(self._keys):
            # A key that left the JWKS must not keep vouching for tokens it verified.
            self._verified = {}
        self._keys = keys
        self._fetched_at = time.monotonic()


def bearer_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated(msg("the Authorization header must be `Bearer <access token>`"))
    return token.strip()
