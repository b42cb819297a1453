"""The transactional outbox: events are stored in the transaction of the state they describe."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from pymongo import ASCENDING, IndexModel

from grassroots_kit import tracing
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.mongo import Database, Indexes, Session

OUTBOX = "outbox"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Sent events are kept a while for inspection and replay, then MongoDB removes them.
SENT_RETENTION = timedelta(days=7)

OUTBOX_INDEXES = Indexes(
    OUTBOX,
    (
        IndexModel([("sentAt", ASCENDING), ("leaseUntil", ASCENDING), ("createdAt", ASCENDING)]),
        IndexModel([("leaseOwner", ASCENDING)], sparse=True),
        # Live subscribers catching up from a cursor (grassroots_kit.live.history).
        IndexModel([("createdAt", ASCENDING), ("type", ASCENDING)], name="live_history"),
        IndexModel(
            [("sentAt", ASCENDING)],
            name="sent_ttl",
            expireAfterSeconds=int(SENT_RETENTION.total_seconds()),
        ),
    ),
)


async def add_to_outbox(db: Database, session: Session, events: Sequence[CloudEvent]) -> None:
    """Write events inside the caller's transaction; the relay publishes them after commit.

    With tracing on, each event carries the current trace (`traceparent`), so its consumers'
    work joins the trace of what caused it.
    """
    if not events:
        return
    events = [tracing.stamp_event(event) for event in events]
    now = datetime.now(UTC)
    await db[OUTBOX].insert_many(
        [
            {
                "_id": event.id,
                "type": event.type,
                "body": event.to_json().decode(),
                "createdAt": now,
                "sentAt": None,
                "leaseUntil": _EPOCH,
            }
            for event in events
        ],
        session=session,
    )
