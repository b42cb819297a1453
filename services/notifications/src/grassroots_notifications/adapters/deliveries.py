"""Outbound delivery jobs in MongoDB: pending until due, claimed with a lease by one worker."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, IndexModel, ReturnDocument

from grassroots_notifications.domain.deliveries import Delivery, DeliveryState
from grassroots_notifications.domain.notices import Channel

DELIVERIES = "deliveries"
INDEXES = (
    Indexes(
        DELIVERIES,
        (
            IndexModel([("state", ASCENDING), ("nextAttemptAt", ASCENDING)]),
            IndexModel([("noticeId", ASCENDING)]),
        ),
    ),
)


def to_document(delivery: Delivery) -> Document:
    return {
        "_id": delivery.id,
        "noticeId": delivery.notice_id,
        "recipientId": delivery.recipient_id,
        "channel": delivery.channel.value,
        "address": delivery.address,
        "locale": delivery.locale,
        "createdAt": delivery.created_at,
        "nextAttemptAt": delivery.next_attempt_at,
        "state": delivery.state.value,
        "attempts": delivery.attempts,
        "lastError": delivery.last_error,
        "sentAt": delivery.sent_at,
    }


def from_document(doc: dict[str, Any]) -> Delivery:
    return Delivery(
        id=doc["_id"],
        notice_id=doc["noticeId"],
        recipient_id=doc["recipientId"],
        channel=Channel(doc["channel"]),
        address=doc["address"],
        locale=doc["locale"],
        created_at=doc["createdAt"],
        next_attempt_at=doc["nextAttemptAt"],
        state=DeliveryState(doc["state"]),
        attempts=doc.get("attempts", 0),
        last_error=doc.get("lastError"),
        sent_at=doc.get("sentAt"),
    )


class DeliveryStore:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        self._deliveries = db[DELIVERIES]
        self._session = session

    async def add(self, delivery: Delivery) -> None:
        doc = {**to_document(delivery), "leaseUntil": None}
        await self._deliveries.update_one(
            {"_id": delivery.id}, {"$setOnInsert": doc}, upsert=True, session=self._session
        )

    async def get(self, delivery_id: str) -> Delivery | None:
        doc = await self._deliveries.find_one({"_id": delivery_id}, session=self._session)
        return from_document(doc) if doc else None

    async def for_notice(self, notice_id: str) -> list[Delivery]:
        cursor = self._deliveries.find({"noticeId": notice_id}, session=self._session)
        return [from_document(d) async for d in cursor]

    async def claim_due(self, at: datetime, lease: timedelta, limit: int) -> list[Delivery]:
        owner = uuid.uuid4().hex
        claimed = []
        query = {
            "state": DeliveryState.PENDING.value,
            "nextAttemptAt": {"$lte": at},
            "$or": [{"leaseUntil": None}, {"leaseUntil": {"$lte": at}}],
        }
        for _ in range(limit):
            # One conditional update per job: two workers never hold the same one.
            doc = await self._deliveries.find_one_and_update(
                query,
                {"$set": {"leaseUntil": at + lease, "leaseOwner": owner}},
                sort=[("nextAttemptAt", ASCENDING)],
                return_document=ReturnDocument.AFTER,
                session=self._session,
            )
            if doc is None:
                break
            claimed.append(from_document(doc))
        return claimed

    async def save(self, delivery: Delivery) -> None:
        doc = {**to_document(delivery), "leaseUntil": None}
        await self._deliveries.replace_one({"_id": delivery.id}, doc, session=self._session)
