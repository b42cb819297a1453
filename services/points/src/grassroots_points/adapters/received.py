"""The awarding events points has consumed, kept so they can be processed again.

Processing again is how rules set after an event was consumed reach it (the demo replays its
closing events this way); the ledger's one-entry-per-event-and-person key keeps it exact.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime

from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.mongo import Database, Indexes, Session
from pymongo import ASCENDING, IndexModel, UpdateOne

COLLECTION = "received_events"
INDEXES = Indexes(COLLECTION, (IndexModel([("type", ASCENDING), ("time", ASCENDING)]),))


class ReceivedEvents:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        # Bound to a transaction's session when built for one (handlers.ports), else none.
        self._session = session
        self._events = db[COLLECTION]

    async def keep(self, event: CloudEvent) -> None:
        await self.keep_many([event])

    async def keep_many(self, events: Sequence[CloudEvent]) -> None:
        now = datetime.now(UTC)
        await self._events.bulk_write(
            [
                UpdateOne(
                    {"_id": event.id},
                    {
                        "$setOnInsert": {
                            "type": event.type,
                            "source": event.source,
                            "subject": event.subject,
                            "time": event.time,
                            "dataversion": event.dataversion,
                            "data": dict(event.data),
                            "receivedAt": now,
                        }
                    },
                    upsert=True,
                )
                for event in events
            ],
            session=self._session,
        )

    async def replay(self, types: set[str]) -> AsyncIterator[CloudEvent]:
        cursor = self._events.find({"type": {"$in": sorted(types)}}).sort(
            [("time", ASCENDING), ("_id", ASCENDING)]
        )
        async for doc in cursor:
            yield CloudEvent(
                id=doc["_id"],
                type=doc["type"],
                source=doc["source"],
                subject=doc["subject"],
                time=doc["time"],
                data=doc["data"],
                dataversion=doc["dataversion"],
            )
