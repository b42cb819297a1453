"""Publishes the outbox with publisher confirms; safe to run in every replica at once.

Each pass claims a batch with a short lease, publishes it, then marks it sent. A replica that
dies mid-batch leaves its lease to expire, and another replica publishes the batch again:
delivery is at least once, and consumers are idempotent.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from datetime import UTC, datetime, timedelta

from grassroots_kit import tracing
from grassroots_kit.messaging.broker import Broker
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.messaging.outbox import OUTBOX
from grassroots_kit.metrics import (
    DOMAIN_EVENTS,
    OUTBOX_BACKLOG,
    OUTBOX_OLDEST_AGE,
    OUTBOX_PUBLISHED,
)
from grassroots_kit.mongo import Database, Document

log = logging.getLogger(__name__)


class OutboxRelay:
    def __init__(
        self,
        db: Database,
        broker: Broker,
        *,
        service: str,
        poll_seconds: float = 0.5,
        batch_size: int = 200,
        lease: timedelta = timedelta(seconds=30),
    ) -> None:
        self._db = db
        self._broker = broker
        self._service = service
        self._poll_seconds = poll_seconds
        self._batch_size = batch_size
        self._lease = lease
        self._wakeup = asyncio.Event()
        self._observed_at = 0.0

    def wake(self) -> None:
        """Called after a commit that wrote events, so they leave without waiting for a poll."""
        self._wakeup.set()

    async def run(self) -> None:
        backoff = self._poll_seconds
        while True:
            try:
                published = await self.publish_pending()
                await self._observe_backlog()
                backoff = self._poll_seconds
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("outbox relay pass failed; retrying", exc_info=True)
                published = 0
                backoff = min(backoff * 2, 5.0)
            if published >= self._batch_size:
                continue
            self._wakeup.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wakeup.wait(), timeout=backoff)

    async def publish_pending(self) -> int:
        """Publish every event claimable now, one batch at a time. Returns how many were sent."""
        total = 0
        while True:
            batch, more = await self._claim()
            if not batch:
                if more:
                    continue  # another relay won this whole page; the next look skips it
                return total
            # Every publish of the batch is in flight at once and each waits for its own
            # confirm: the broker confirms a window as cheaply as one message.
            outcomes = await asyncio.gather(
                *(self._publish(doc) for doc in batch), return_exceptions=True
            )
            sent = [
                doc["_id"] for doc, outcome in zip(batch, outcomes, strict=True) if outcome is None
            ]
            if sent:
                # Only the confirmed ones: the rest stay leased and go again when it expires.
                await self._mark_sent(sent)
                OUTBOX_PUBLISHED.labels(self._service).inc(len(sent))
            failed = [o for o in outcomes if isinstance(o, BaseException)]
            if failed:
                if isinstance(failed[0], Exception):
                    raise failed[0]
                # A publish cancelled under us (its channel closed) is a failed pass, not
                # the relay being stopped.
                raise RuntimeError("a publish was cancelled") from failed[0]
            total += len(sent)
            # Not `len(batch) < batch_size`: a batch is short also when another relay claimed
            # part of the page at the same moment, and the outbox is not drained then.
            if not more:
                return total

    async def _publish(self, doc: Document) -> None:
        event = CloudEvent.from_json(doc["body"].encode())
        with tracing.event_span(event, "publish", self._broker.exchange_name):
            await self._broker.publish(event)
        # Counted here, not where the event is written: a transaction may run twice.
        DOMAIN_EVENTS.labels(self._service, event.type).inc()

    async def _claim(self) -> tuple[list[Document], bool]:
        """The events this relay leased, and whether the look found a full page (maybe more)."""
        now = datetime.now(UTC)
        outbox = self._db[OUTBOX]
        candidates = [
            doc
            async for doc in outbox.find(
                {"sentAt": None, "leaseUntil": {"$lte": now}}, {"body": 1, "createdAt": 1}
            )
            .sort("createdAt", 1)
            .limit(self._batch_size)
        ]
        if not candidates:
            return [], False
        more = len(candidates) == self._batch_size
        token = uuid.uuid4().hex
        claimed = await outbox.update_many(
            {
                "_id": {"$in": [doc["_id"] for doc in candidates]},
                "sentAt": None,
                "leaseUntil": {"$lte": now},
            },
            {"$set": {"leaseUntil": now + self._lease, "leaseOwner": token}},
        )
        if claimed.modified_count == len(candidates):
            # Every candidate matched the claim, so every one is ours; bodies never change.
            return candidates, more
        # Another replica took some between the look and the claim: ours carry our token.
        ours = [
            doc
            async for doc in outbox.find({"leaseOwner": token, "sentAt": None}).sort("createdAt", 1)
        ]
        return ours, more

    async def _mark_sent(self, ids: list[str]) -> None:
        await self._db[OUTBOX].update_many(
            {"_id": {"$in": ids}},
            {"$set": {"sentAt": datetime.now(UTC)}, "$unset": {"leaseOwner": ""}},
        )

    async def _observe_backlog(self) -> None:
        loop_time = asyncio.get_running_loop().time()
        if loop_time - self._observed_at < 2.0:
            return
        self._observed_at = loop_time
        outbox = self._db[OUTBOX]
        backlog = await outbox.count_documents({"sentAt": None})
        OUTBOX_BACKLOG.labels(self._service).set(backlog)
        oldest = await outbox.find_one({"sentAt": None}, {"createdAt": 1}, sort=[("createdAt", 1)])
        age = (datetime.now(UTC) - oldest["createdAt"]).total_seconds() if oldest else 0.0
        OUTBOX_OLDEST_AGE.labels(self._service).set(age)
