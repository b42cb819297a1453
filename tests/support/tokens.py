"""Access tokens for tests: an RSA key, the JWKS that publishes it, and tokens with grants.

Production code only ever fetches the JWKS from people's URL; a test passes `mint.keys` where a
service's `create_app` accepts a key source, and sends `mint.header(...)` with its requests.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from grassroots_kit.auth import AUDIENCE, ISSUER, RoleGrant
from jwt.algorithms import RSAAlgorithm


def grant(role: str, *path_with_self: str, organization_id: str | None = None) -> RoleGrant:
    """A role over the last unit of `path_with_self` (root first, the unit itself last)."""
    return RoleGrant(role, path_with_self[-1], tuple(path_with_self), organization_id)


@dataclass
class TokenMint:
    kid: str = field(default_factory=lambda: f"test-{uuid.uuid4().hex[:8]}")
    key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )

    def jwks(self) -> dict[str, Any]:
        public = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": self.kid, "alg": "RS256", "use": "sig"}]}

    async def keys(self) -> Mapping[str, Any]:
        """A key source for `grassroots_kit.auth.TokenVerifier`."""
        return self.jwks()

    def token(self, person_id: str, grants: Sequence[RoleGrant] = (), ttl: int = 900) -> str:
        now = int(time.time())
        claims = {
            "sub": person_id,
            "iss": ISSUER,
            "aud": AUDIENCE,
            "iat": now,
            "exp": now + ttl,
            "typ": "access",
            "roles": [g.to_claim() for g in grants],
        }
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": self.kid})

    def header(self, person_id: str, *grants: RoleGrant) -> dict[str, str]:
        return {"authorization": f"Bearer {self.token(person_id, grants)}"}
