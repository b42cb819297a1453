"""The RSA keys that sign access tokens: kept in MongoDB (or given by a Secret), rotated by kid.

One key signs at a time. A rotated-out key stays in the JWKS until every token it signed has
expired, so verifiers keep accepting those tokens.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from grassroots_kit.mongo import Database, Indexes, Session, in_transaction
from jwt.algorithms import RSAAlgorithm
from pymongo import ASCENDING, IndexModel
from pymongo.errors import DuplicateKeyError

COLLECTION = "signing_keys"
INDEXES = Indexes(
    COLLECTION,
    (IndexModel([("active", ASCENDING)], unique=True, partialFilterExpression={"active": True}),),
)
_CACHE_SECONDS = 30.0


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private_key: rsa.RSAPrivateKey

    def public_jwk(self) -> dict[str, Any]:
        jwk: dict[str, Any] = RSAAlgorithm.to_jwk(self.private_key.public_key(), as_dict=True)
        return {**jwk, "kid": self.kid, "use": "sig", "alg": "RS256"}


def generate_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def load_key(pem: str) -> SigningKey:
    """A key from PEM; its kid is its RFC 7638 thumbprint, so the same key always has one id."""
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError("the signing key must be an RSA private key")
    jwk = RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
    canonical = json.dumps(
        {"e": jwk["e"], "kty": "RSA", "n": jwk["n"]}, separators=(",", ":"), sort_keys=True
    )
    digest = hashlib.sha256(canonical.encode()).digest()
    kid = base64.urlsafe_b64encode(digest).decode().rstrip("=")
    return SigningKey(kid=kid, private_key=key)


class KeyRing:
    """The signing key and the published keys, cached briefly per process."""

    def __init__(self, db: Database, *, retain: timedelta, given_pem: str | None = None) -> None:
        self._db = db
        self._keys = db[COLLECTION]
        self._retain = retain
        self._given = load_key(given_pem) if given_pem else None
        self._signing: SigningKey | None = None
        self._published: list[dict[str, Any]] = []
        self._loaded_at = float("-inf")

    async def ensure(self) -> None:
        """Create the first key when there is none (replicas racing: one wins)."""
        if self._given is not None or await self._keys.find_one({"active": True}):
            return
        with contextlib.suppress(DuplicateKeyError):
            await self._keys.insert_one(_document(generate_pem(), datetime.now(UTC)))

    async def rotate(self) -> str:
        """A new key signs from now on; the old one stays published until its tokens expire."""
        now = datetime.now(UTC)
        document = _document(generate_pem(), now)

        async def work(session: Session) -> None:
            await self._keys.update_many(
                {"active": True},
                {"$set": {"active": False, "retiredAt": now}},
                session=session,
            )
            await self._keys.insert_one(document, session=session)

        await in_transaction(self._db.client, work)
        self._loaded_at = float("-inf")
        return str(document["_id"])

    async def signing_key(self) -> SigningKey:
        await self._load()
        assert self._signing is not None
        return self._signing

    async def jwks(self) -> dict[str, Any]:
        await self._load()
        return {"keys": list(self._published)}

    async def _load(self) -> None:
        if time.monotonic() - self._loaded_at < _CACHE_SECONDS and self._signing is not None:
            return
        if self._given is None:
            await self.ensure()
        horizon = datetime.now(UTC) - self._retain
        docs = [
            doc
            async for doc in self._keys.find(
                {"$or": [{"active": True}, {"retiredAt": {"$gt": horizon}}]}
            ).sort("createdAt", -1)
        ]
        keys = [load_key(doc["privatePem"]) for doc in docs]
        active = next((load_key(d["privatePem"]) for d in docs if d["active"]), None)
        self._signing = self._given or active
        if self._signing is None:
            raise RuntimeError("no signing key is active")
        published = [self._signing, *(k for k in keys if k.kid != self._signing.kid)]
        self._published = [k.public_jwk() for k in published]
        self._loaded_at = time.monotonic()


def _document(pem: str, now: datetime) -> dict[str, Any]:
    key = load_key(pem)
    return {"_id": key.kid, "privatePem": pem, "active": True, "createdAt": now, "retiredAt": None}
