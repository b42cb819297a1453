"""Password hashes (Argon2), refresh tokens (stored hashed) and failed-login counters."""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from grassroots_kit.mongo import Database, Indexes, Session
from pymongo import ASCENDING, IndexModel

from grassroots_people.domain.throttle import LoginAttempts

PASSWORDS = "passwords"
REFRESH_TOKENS = "refresh_tokens"
LOGIN_ATTEMPTS = "login_attempts"
INDEXES = (
    Indexes(
        REFRESH_TOKENS,
        (
            IndexModel([("familyId", ASCENDING)]),
            IndexModel([("personId", ASCENDING)]),
            IndexModel([("expiresAt", ASCENDING)], expireAfterSeconds=0),
        ),
    ),
)

_hasher = PasswordHasher()
# Verified against when the phone is unknown, so a miss costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a password anyone has")


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_hasher.hash, password)


async def verify_password(password_hash: str | None, password: str) -> bool:
    def verify() -> bool:
        try:
            return _hasher.verify(password_hash or _DUMMY_HASH, password)
        except (VerificationError, InvalidHashError, UnicodeEncodeError):
            return False

    ok = await asyncio.to_thread(verify)
    return ok and password_hash is not None


def new_refresh_token() -> tuple[str, str]:
    """An opaque token and the hash under which it is stored."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class RefreshRecord:
    token_hash: str
    person_id: str
    family_id: str
    expires_at: datetime
    used_at: datetime | None
    revoked_at: datetime | None


class CredentialStore:
    def __init__(self, db: Database) -> None:
        self._passwords = db[PASSWORDS]
        self._refresh = db[REFRESH_TOKENS]
        self._attempts = db[LOGIN_ATTEMPTS]

    async def password_hash(self, person_id: str) -> str | None:
        doc = await self._passwords.find_one({"_id": person_id})
        return str(doc["hash"]) if doc else None

    async def set_password_hash(
        self, person_id: str, password_hash: str, now: datetime, session: Session
    ) -> None:
        await self._passwords.update_one(
            {"_id": person_id},
            {"$set": {"hash": password_hash, "updatedAt": now}},
            upsert=True,
            session=session,
        )

    async def attempts(self, phone: str) -> LoginAttempts:
        doc = await self._attempts.find_one({"_id": phone})
        if doc is None:
            return LoginAttempts()
        return LoginAttempts(doc["failures"], doc["locks"], doc["lockedUntil"])

    async def record_attempts(self, phone: str, attempts: LoginAttempts) -> None:
        await self._attempts.update_one(
            {"_id": phone},
            {
                "$set": {
                    "failures": attempts.failures,
                    "locks": attempts.locks,
                    "lockedUntil": attempts.locked_until,
                }
            },
            upsert=True,
        )

    async def forget_attempts(self, phone: str) -> None:
        await self._attempts.delete_one({"_id": phone})

    async def store_refresh(self, record: RefreshRecord, session: Session | None = None) -> None:
        await self._refresh.insert_one(
            {
                "_id": record.token_hash,
                "personId": record.person_id,
                "familyId": record.family_id,
                "expiresAt": record.expires_at,
                "usedAt": None,
                "revokedAt": None,
            },
            session=session,
        )

    async def refresh_record(
        self, hashed: str, session: Session | None = None
    ) -> RefreshRecord | None:
        doc = await self._refresh.find_one({"_id": hashed}, session=session)
        if doc is None:
            return None
        return RefreshRecord(
            doc["_id"],
            doc["personId"],
            doc["familyId"],
            doc["expiresAt"],
            doc["usedAt"],
            doc["revokedAt"],
        )

    async def mark_used(self, hashed: str, now: datetime, session: Session) -> bool:
        """True only for the one caller that used a fresh token (a race loses)."""
        result = await self._refresh.update_one(
            {"_id": hashed, "usedAt": None, "revokedAt": None},
            {"$set": {"usedAt": now}},
            session=session,
        )
        return result.modified_count == 1

    async def revoke_family(self, family_id: str, now: datetime) -> None:
        await self._refresh.update_many(
            {"familyId": family_id, "revokedAt": None}, {"$set": {"revokedAt": now}}
        )

    async def revoke_person(self, person_id: str, now: datetime, session: Session) -> None:
        await self._refresh.update_many(
            {"personId": person_id, "revokedAt": None},
            {"$set": {"revokedAt": now}},
            session=session,
        )
