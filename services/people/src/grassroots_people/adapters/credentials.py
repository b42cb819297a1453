"""Password hashes, refresh tokens (stored hashed) and login attempt counters."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from grassroots_kit.mongo import Database, Indexes, Session
from pymongo import ASCENDING, IndexModel, ReturnDocument

from grassroots_people.domain.throttle import MEMORY, Counter

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
    Indexes(LOGIN_ATTEMPTS, (IndexModel([("forgetAt", ASCENDING)], expireAfterSeconds=0),)),
)


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

    async def count_attempt(self, key: str, window: timedelta, now: datetime) -> Counter:
        """Counts one attempt in one atomic update (a new round once the last one ended) and
        returns the state with it: concurrent attempts each see a different count."""
        fresh = {
            "$or": [{"$eq": [{"$type": "$resetsAt"}, "missing"]}, {"$lte": ["$resetsAt", now]}]
        }
        doc = await self._attempts.find_one_and_update(
            {"_id": key},
            [
                {"$set": {"_fresh": fresh}},
                {
                    "$set": {
                        "attempts": {"$cond": ["$_fresh", 1, {"$add": ["$attempts", 1]}]},
                        "strikes": {"$ifNull": ["$strikes", 0]},
                        "resetsAt": {"$cond": ["$_fresh", now + window, "$resetsAt"]},
                        "forgetAt": {"$cond": ["$_fresh", now + window + MEMORY, "$forgetAt"]},
                    }
                },
                {"$unset": "_fresh"},
            ],
            upsert=True,
            return_document=ReturnDocument.AFTER,
        )
        assert doc is not None  # upserted
        return Counter(doc["attempts"], doc["strikes"], doc["resetsAt"])

    async def lock(self, key: str, until: datetime) -> None:
        """Called by the one attempt that went over the limit."""
        await self._attempts.update_one(
            {"_id": key},
            {"$set": {"resetsAt": until, "forgetAt": until + MEMORY}, "$inc": {"strikes": 1}},
        )

    async def forgive(self, key: str) -> None:
        await self._attempts.delete_one({"_id": key})

    async def take_back(self, key: str) -> None:
        """A successful attempt does not count against its address."""
        await self._attempts.update_one(
            {"_id": key, "attempts": {"$gt": 0}}, {"$inc": {"attempts": -1}}
        )

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
