"""Notices and the suppression records of the rate limit, in MongoDB."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from grassroots_kit import cursors
from grassroots_kit.cursors import Page
from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, DESCENDING, IndexModel

from grassroots_notifications.domain.notices import Notice, NoticeKind, Suppressed

NOTICES = "notices"
SUPPRESSED = "suppressed_notices"
INDEXES = (
    Indexes(
        NOTICES,
        (
            # The inbox, newest first, and the rate limit's count of the recent ones.
            IndexModel(
                [("recipientId", ASCENDING), ("createdAt", DESCENDING), ("_id", DESCENDING)]
            ),
            # The unread count and the unread-only inbox.
            IndexModel(
                [("recipientId", ASCENDING), ("readAt", ASCENDING), ("createdAt", DESCENDING)]
            ),
        ),
    ),
    Indexes(SUPPRESSED, (IndexModel([("recipientId", ASCENDING), ("at", DESCENDING)]),)),
)


def to_document(notice: Notice) -> Document:
    return {
        "_id": notice.id,
        "recipientId": notice.recipient_id,
        "kind": notice.kind.value,
        "params": dict(notice.params),
        "aboutId": notice.about_id,
        "eventId": notice.event_id,
        "createdAt": notice.created_at,
        "readAt": notice.read_at,
    }


def from_document(doc: dict[str, Any]) -> Notice:
    return Notice(
        id=doc["_id"],
        recipient_id=doc["recipientId"],
        kind=NoticeKind(doc["kind"]),
        params=dict(doc.get("params") or {}),
        about_id=doc.get("aboutId"),
        event_id=doc["eventId"],
        created_at=doc["createdAt"],
        read_at=doc.get("readAt"),
    )


def notice_key(notice: Notice) -> tuple[str, str]:
    return (notice.created_at.isoformat(), notice.id)


class NoticeStore:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        self._notices = db[NOTICES]
        self._session = session

    async def exists(self, notice_id: str) -> bool:
        found = await self._notices.find_one({"_id": notice_id}, {"_id": 1}, session=self._session)
        return found is not None

    async def add(self, notice: Notice) -> None:
        # An upsert, not an insert: a duplicate key would abort the consumer's transaction.
        doc = to_document(notice)
        await self._notices.update_one(
            {"_id": notice.id}, {"$setOnInsert": doc}, upsert=True, session=self._session
        )

    async def get_many(self, notice_ids: Sequence[str]) -> dict[str, Notice]:
        query = {"_id": {"$in": list(set(notice_ids))}}
        return {
            d["_id"]: from_document(d)
            async for d in self._notices.find(query, session=self._session)
        }

    async def count_since(self, recipient_id: str, since: datetime) -> int:
        query = {"recipientId": recipient_id, "createdAt": {"$gte": since}}
        return await self._notices.count_documents(query, session=self._session)

    async def page(
        self, recipient_id: str, unread_only: bool, first: int, after: Sequence[Any] | None
    ) -> Page[Notice]:
        base: Document = {"recipientId": recipient_id}
        if unread_only:
            base["readAt"] = None
        paged = dict(base)
        if after is not None:
            at, last = cursors.keyset(after, datetime, str)
            paged["$or"] = [{"createdAt": {"$lt": at}}, {"createdAt": at, "_id": {"$lt": last}}]
        docs = [
            d
            async for d in self._notices.find(paged, session=self._session)
            .sort([("createdAt", DESCENDING), ("_id", DESCENDING)])
            .limit(first + 1)
        ]
        return Page(
            items=[from_document(d) for d in docs[:first]],
            has_next=len(docs) > first,
            has_previous=after is not None,
            total_count=await self._notices.count_documents(base, session=self._session),
        )

    async def unread_count(self, recipient_id: str) -> int:
        query = {"recipientId": recipient_id, "readAt": None}
        return await self._notices.count_documents(query, session=self._session)

    async def mark_read(
        self, recipient_id: str, notice_ids: Sequence[str] | None, at: datetime
    ) -> int:
        query: Document = {"recipientId": recipient_id, "readAt": None}
        if notice_ids is not None:
            query["_id"] = {"$in": list(notice_ids)}
        result = await self._notices.update_many(
            query, {"$set": {"readAt": at}}, session=self._session
        )
        return result.modified_count


class SuppressionStore:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        self._records = db[SUPPRESSED]
        self._session = session

    async def add(self, record: Suppressed) -> None:
        doc = {
            "recipientId": record.recipient_id,
            "kind": record.kind.value,
            "eventId": record.event_id,
            "at": record.at,
        }
        await self._records.update_one(
            {"_id": record.id}, {"$setOnInsert": doc}, upsert=True, session=self._session
        )

    async def count(self, recipient_id: str) -> int:
        return await self._records.count_documents(
            {"recipientId": recipient_id}, session=self._session
        )
