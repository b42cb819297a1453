"""Access tokens (RS256 JWTs, claims per docs/conventions.md) and rotating refresh tokens."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

import jwt
from grassroots_kit.auth import ALGORITHM, AUDIENCE, ISSUER, RoleGrant

from grassroots_people.adapters.credentials import RefreshRecord, new_refresh_token
from grassroots_people.domain.roles import RoleAssignment
from grassroots_people.handlers.ports import PeoplePorts, PeopleTx


@dataclass(frozen=True)
class Tokens:
    access_token: str
    access_expires_at: datetime
    refresh_token: str
    refresh_expires_at: datetime
    person_id: str


def grant(assignment: RoleAssignment) -> RoleGrant:
    return RoleGrant(
        role=assignment.role.value,
        org_unit_id=assignment.org_unit_id,
        path=assignment.org_unit_path,
        organization_id=assignment.organization_id,
        assignment_id=assignment.id,
    )


async def access_token(ports: PeoplePorts, person_id: str, now: datetime) -> tuple[str, datetime]:
    roles = await ports.held_roles.active_for(person_id, now)
    key = await ports.keys.signing_key()
    expires = now + ports.access_ttl
    claims = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": person_id,
        "typ": "access",
        "iat": int(now.timestamp()),
        "exp": int(expires.timestamp()),
        "jti": uuid.uuid4().hex,
        "roles": [grant(r).to_claim() for r in roles],
    }
    token = jwt.encode(claims, key.private_key, algorithm=ALGORITHM, headers={"kid": key.kid})
    return token, expires


def login_issuer(ports: PeoplePorts) -> Callable[[str], Awaitable[Tokens]]:
    """What a successful login calls: the tokens of a new family, in a transaction."""

    async def issue_at_login(person_id: str) -> Tokens:
        return await ports.uow.run(lambda tx: issue(ports, tx, person_id))

    return issue_at_login


async def issue(
    ports: PeoplePorts,
    tx: PeopleTx,
    person_id: str,
    *,
    family_id: str | None = None,
    now: datetime | None = None,
) -> Tokens:
    """A fresh access token and the next refresh token of the family (a new family at login)."""
    now = now or ports.clock()
    access, access_expires = await access_token(ports, person_id, now)
    refresh, hashed = new_refresh_token()
    refresh_expires = now + ports.refresh_ttl
    await tx.credentials.store_refresh(
        RefreshRecord(
            token_hash=hashed,
            person_id=person_id,
            family_id=family_id or uuid.uuid4().hex,
            expires_at=refresh_expires,
            used_at=None,
            revoked_at=None,
        )
    )
    return Tokens(access, access_expires, refresh, refresh_expires, person_id)
