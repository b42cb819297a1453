"""The RSA keys that sign access tokens: kept in MongoDB (or given by a Secret), rotated by kid.

One key signs at a time. A rotated-out key stays in the JWKS until every token it signed has
expired (the grace), so verifiers keep accepting those tokens; after that it is no longer
published and verifiers drop it. Private keys are stored sealed (AES-256-GCM, key_sealing.py),
never in plaintext; documents of older releases are sealed the first time they are read.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from grassroots_kit.mongo import Database, Document, Indexes, Session, in_transaction
from jwt.algorithms import RSAAlgorithm
from pymongo import ASCENDING, IndexModel
from pymongo.errors import DuplicateKeyError

from grassroots_people.adapters.key_sealing import KeySealer, new_encryption_key
from grassroots_people.settings import parse_encryption_key

COLLECTION = "signing_keys"
INDEXES = Indexes(
    COLLECTION,
    (IndexModel([("active", ASCENDING)], unique=True, partialFilterExpression={"active": True}),),
)
# In development without SIGNING_KEY_ENCRYPTION_KEY: an encryption key generated once per
# database and kept beside the keys, so replicas and the keys command agree. It protects
# nothing (a backup holds both); production refuses to start without the setting.
DEVELOPMENT_SECRET = "signing_key_development_secret"
_CACHE_SECONDS = 30.0
log = logging.getLogger(__name__)


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
    """The signing key and the published keys, cached briefly per process.

    `sealer` seals private keys at rest; None (development only) uses a key generated once per
    database."""

    def __init__(
        self,
        db: Database,
        *,
        retain: timedelta,
        sealer: KeySealer | None = None,
        given_pem: str | None = None,
    ) -> None:
        self._db = db
        self._keys = db[COLLECTION]
        self._retain = retain
        self._sealer = sealer
        self._given = load_key(given_pem) if given_pem else None
        self._signing: SigningKey | None = None
        self._opened: dict[str, SigningKey] = {}
        self._published: list[dict[str, Any]] = []
        self._loaded_at = float("-inf")

    async def ensure(self) -> None:
        """Create the first key when there is none (replicas racing: one wins)."""
        if self._given is not None or await self._keys.find_one({"active": True}):
            return
        document = await self._document(generate_pem(), datetime.now(UTC))
        with contextlib.suppress(DuplicateKeyError):
            await self._keys.insert_one(document)

    async def rotate(self) -> str:
        """A new key signs from now on; the old one stays published until its tokens expire."""
        now = datetime.now(UTC)
        document = await self._document(generate_pem(), now)

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
        # A retired key is published only through its grace: past it, tokens it signed have
        # expired, and a token it signs now is a forgery with a leaked key.
        horizon = datetime.now(UTC) - self._retain
        docs = [
            await self._sealed(doc)
            async for doc in self._keys.find(
                {"$or": [{"active": True}, {"retiredAt": {"$gt": horizon}}]}
            ).sort("createdAt", -1)
        ]
        active = next((d for d in docs if d["active"]), None)
        self._signing = self._given or (await self._open(active) if active else None)
        if self._signing is None:
            raise RuntimeError("no signing key is active")
        published = [self._signing.public_jwk()]
        published += [_public(d) for d in docs if d["_id"] != self._signing.kid]
        self._published = published
        self._loaded_at = time.monotonic()

    async def _open(self, doc: Document) -> SigningKey:
        kid = str(doc["_id"])
        if kid not in self._opened:
            sealer = await self._sealer_now()
            self._opened = {kid: load_key(sealer.open(kid, doc["sealedPrivateKey"]))}
        return self._opened[kid]

    async def _sealed(self, doc: Document) -> Document:
        """The document with its private key sealed (sealing a plaintext one left by an older
        release, in place)."""
        pem = doc.get("privatePem")
        if pem is None:
            return doc
        sealed = await self._document(pem, doc["createdAt"])
        await self._keys.update_one(
            {"_id": doc["_id"], "privatePem": pem},
            {
                "$set": {
                    "sealedPrivateKey": sealed["sealedPrivateKey"],
                    "publicJwk": sealed["publicJwk"],
                },
                "$unset": {"privatePem": ""},
            },
        )
        log.info("sealed a plaintext signing key", extra={"kid": doc["_id"]})
        fresh = {k: v for k, v in doc.items() if k != "privatePem"}
        return {**fresh, **{k: sealed[k] for k in ("sealedPrivateKey", "publicJwk")}}

    async def _document(self, pem: str, now: datetime) -> Document:
        key = load_key(pem)
        sealer = await self._sealer_now()
        return {
            "_id": key.kid,
            "publicJwk": key.public_jwk(),
            "sealedPrivateKey": sealer.seal(key.kid, pem),
            "active": True,
            "createdAt": now,
            "retiredAt": None,
        }

    async def _sealer_now(self) -> KeySealer:
        if self._sealer is None:
            secrets = self._db[DEVELOPMENT_SECRET]
            with contextlib.suppress(DuplicateKeyError):
                await secrets.insert_one({"_id": "key", "value": new_encryption_key()})
            doc = await secrets.find_one({"_id": "key"})
            assert doc is not None
            log.warning(
                "SIGNING_KEY_ENCRYPTION_KEY is unset: signing keys are sealed with a "
                "development key kept in MongoDB, which protects nothing"
            )
            self._sealer = KeySealer(parse_encryption_key(str(doc["value"])))
        return self._sealer


def _public(doc: Document) -> dict[str, Any]:
    return dict(doc["publicJwk"])
