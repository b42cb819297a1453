"""What a reconnecting client missed, read from the producing service's own outbox.

Every event a service publishes is a row of its `outbox` collection, written in the transaction
of the change it describes and kept `SENT_RETENTION` (7 days) after it was sent: that is the
catch-up window. A cursor older than that, or more than `limit` events of the feed behind, is
answered "fell behind": the client reloads its list with a query and subscribes afresh.

Events commit in an order slightly different from their times (a transaction retried for a few
seconds keeps the time its event was made with), so catch-up starts `overlap` before the cursor:
an event committed late is not lost, and a client may see again an event it already has (every
payload carries its event id; skip the ones you have).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime, timedelta

from grassroots_kit.live.cursor import LiveCursor
from grassroots_kit.live.hub import fell_behind
from grassroots_kit.messaging.envelope import CloudEvent, InvalidEvent
from grassroots_kit.messaging.outbox import OUTBOX, SENT_RETENTION
from grassroots_kit.mongo import Database

# Longer than a transaction retries a write conflict (docs/architecture.md: at least 10 s) and
# than the clock skew between replicas.
DEFAULT_OVERLAP = timedelta(seconds=30)
# Outbox rows read per catch-up, of the feed's types, matching the subscriber or not (its filter
# runs in the service, not in MongoDB); further behind, a fresh query is cheaper than a replay.
DEFAULT_LIMIT = 5_000


class OutboxHistory:
    def __init__(
        self,
        db: Database,
        *,
        overlap: timedelta = DEFAULT_OVERLAP,
        limit: int = DEFAULT_LIMIT,
        retention: timedelta = SENT_RETENTION,
    ) -> None:
        self._db = db
        self.overlap = overlap
        self.limit = limit
        self.retention = retention

    async def since(self, cursor: LiveCursor, types: Collection[str]) -> list[CloudEvent]:
        """Events of `types` made from `overlap` before the cursor on, oldest first, without
        the cursor's own event; raises the "fell behind" Conflict past the window."""
        start = cursor.at - self.overlap
        if start < datetime.now(UTC) - self.retention:
            raise fell_behind()
        rows = self._db[OUTBOX].find(
            {"type": {"$in": list(types)}, "createdAt": {"$gte": start}},
            {"body": 1},
            sort=[("createdAt", 1), ("_id", 1)],
            limit=self.limit + 1,
        )
        events: list[CloudEvent] = []
        async for row in rows:
            try:
                event = CloudEvent.from_json(str(row["body"]).encode())
            except InvalidEvent:
                continue  # never written by our outbox; nothing a client could use
            if event.id != cursor.event_id:
                events.append(event)
        if len(events) > self.limit:
            raise fell_behind()
        events.sort(key=lambda e: (e.time, e.id))
        return events
