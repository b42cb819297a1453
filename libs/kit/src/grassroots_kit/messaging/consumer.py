"""Idempotent event consumers on durable quorum queues.

A handler runs inside a MongoDB transaction that also records the event id as processed, so
its effect happens exactly once however often the event is delivered; the message is
acknowledged only after that transaction commits. Transient failures are retried with
back-off; messages that can never succeed are parked in `<queue>.dead` with the reason.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from aio_pika import DeliveryMode, Message
from aio_pika.abc import AbstractChannel, AbstractIncomingMessage, AbstractQueue
from pymongo import AsyncMongoClient
from pymongo.errors import ConnectionFailure, OperationFailure

from grassroots_kit import tracing
from grassroots_kit.log import event_context
from grassroots_kit.messaging.broker import Broker, declare_exchange, declare_queue_pair
from grassroots_kit.messaging.envelope import CloudEvent, InvalidEvent
from grassroots_kit.metrics import EVENT_HANDLING_SECONDS, EVENTS_DEAD_LETTERED, EVENTS_HANDLED
from grassroots_kit.mongo import Database, Document, Session, in_transaction

if TYPE_CHECKING:
    from grassroots_kit.messaging.upcasting import Upcasters

log = logging.getLogger(__name__)

PROCESSED = "processed_events"

Handler = Callable[[CloudEvent, Session], Awaitable[None]]


class PermanentEventError(Exception):
    """The event can never be handled (bad data, unsupported version): park it, do not retry."""


@dataclass(frozen=True)
class Subscription:
    """A queue `<service>.<purpose>` and the handler of each event type bound to it.

    `upcasters`, when given, bring older versions of an event up to the one its handler reads
    (grassroots_kit.messaging.upcasting) and park versions it cannot.
    """

    purpose: str
    handlers: Mapping[str, Handler]
    upcasters: Upcasters | None = None


class EventConsumer:
    def __init__(
        self,
        *,
        broker: Broker,
        client: AsyncMongoClient[Document],
        db: Database,
        queue_name: str,
        subscription: Subscription,
        prefetch: int = 32,
        max_attempts: int = 5,
        after_commit: Callable[[], None] | None = None,
    ) -> None:
        self._broker = broker
        self._client = client
        self._db = db
        self.queue_name = queue_name
        self._subscription = subscription
        self._prefetch = prefetch
        self._max_attempts = max_attempts
        self._after_commit = after_commit
        self._channel: AbstractChannel | None = None
        self._queue: AbstractQueue | None = None
        self._consumer_tag: str | None = None
        self._in_flight: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        self._channel = await self._broker.channel(self._prefetch)
        exchange = await declare_exchange(self._channel, self._broker.exchange_name)
        self._queue, _ = await declare_queue_pair(self._channel, self.queue_name)
        for event_type in self._subscription.handlers:
            await self._queue.bind(exchange, routing_key=event_type)
        self._consumer_tag = await self._queue.consume(self._on_message)

    async def stop(self) -> None:
        """Stop taking messages and let those in hand finish (unfinished ones are redelivered)."""
        if self._queue is not None and self._consumer_tag is not None:
            try:
                await self._queue.cancel(self._consumer_tag)
            except Exception:
                log.debug("cancel failed while stopping", exc_info=True)
        if self._in_flight:
            await asyncio.wait(self._in_flight, timeout=10)
        if self._channel is not None and not self._channel.is_closed:
            await self._channel.close()

    async def _on_message(self, message: AbstractIncomingMessage) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._in_flight.add(task)
        try:
            await self._handle(message)
        finally:
            if task is not None:
                self._in_flight.discard(task)

    async def _handle(self, message: AbstractIncomingMessage) -> None:
        try:
            event = CloudEvent.from_json(message.body)
        except InvalidEvent as exc:
            await self._park(message, f"invalid event: {exc}")
            return
        handler = self._subscription.handlers.get(event.type)
        if handler is None:
            await self._park(message, f"no handler for event type {event.type!r}")
            return
        with (
            event_context(event.id, event.type),
            tracing.event_span(event, "process", self.queue_name),
        ):
            if self._subscription.upcasters is not None:
                try:
                    event = self._subscription.upcasters.upcast(event)
                except PermanentEventError as exc:
                    await self._park(message, str(exc))
                    return
            await self._handle_event(message, event, handler)

    async def _handle_event(
        self, message: AbstractIncomingMessage, event: CloudEvent, handler: Handler
    ) -> None:
        attempt = 0
        delay = 0.1
        started = asyncio.get_running_loop().time()
        while True:
            attempt += 1
            try:
                applied = await in_transaction(
                    self._client, lambda session: self._apply(event, handler, session)
                )
            except PermanentEventError as exc:
                await self._park(message, f"rejected by handler: {exc}")
                return
            except (ConnectionFailure, TimeoutError):
                # The database is unreachable: keep the message and wait; parking it would
                # turn an outage into lost work.
                log.warning("database unavailable while handling event; will retry")
                attempt = 0
            except Exception as exc:
                if _is_contention(exc):
                    # Write conflicts that outlasted the transaction's own retries are
                    # contention on hot documents, not a poison message: keep trying.
                    log.warning("transaction kept conflicting; will retry")
                    attempt = 0
                elif attempt >= self._max_attempts:
                    await self._park(
                        message, f"failed {attempt} times: {type(exc).__name__}: {exc}"
                    )
                    return
                else:
                    log.warning("handler failed; retrying", exc_info=True)
            else:
                await message.ack()
                elapsed = asyncio.get_running_loop().time() - started
                EVENT_HANDLING_SECONDS.labels(self.queue_name).observe(elapsed)
                EVENTS_HANDLED.labels(self.queue_name, "applied" if applied else "duplicate").inc()
                if applied and self._after_commit is not None:
                    self._after_commit()
                return
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)

    async def _apply(self, event: CloudEvent, handler: Handler, session: Session) -> bool:
        key = f"{self._subscription.purpose}:{event.id}"
        processed = self._db[PROCESSED]
        # Look before inserting: a duplicate-key error inside a transaction aborts it on the
        # server, so the commit would fail and a mere duplicate would be retried, then parked.
        # A duplicate racing this one conflicts on the insert and is retried; it then sees
        # the record and is acknowledged.
        if await processed.find_one({"_id": key}, {"_id": 1}, session=session) is not None:
            return False
        await processed.insert_one(
            {"_id": key, "type": event.type, "at": datetime.now(UTC)}, session=session
        )
        await handler(event, session)
        return True

    async def _park(self, message: AbstractIncomingMessage, reason: str) -> None:
        log.error("parking message in dead-letter queue", extra={"reason": reason})
        tracing.mark_current_error(reason)
        assert self._channel is not None
        await self._channel.default_exchange.publish(
            _dead_letter(message, reason, self.queue_name), routing_key=f"{self.queue_name}.dead"
        )
        await message.ack()
        EVENTS_DEAD_LETTERED.labels(self.queue_name).inc()


def _is_contention(exc: Exception) -> bool:
    return isinstance(exc, OperationFailure) and exc.has_error_label("TransientTransactionError")


def _dead_letter(message: AbstractIncomingMessage, reason: str, queue: str) -> Message:
    headers = dict(message.headers or {})
    headers.update(
        {
            "x-death-reason": reason[:1000],
            "x-original-queue": queue,
            "x-original-routing-key": message.routing_key or "",
            "x-parked-at": datetime.now(UTC).isoformat(),
        }
    )
    return Message(
        body=message.body,
        content_type=message.content_type,
        delivery_mode=DeliveryMode.PERSISTENT,
        message_id=message.message_id,
        type=message.type,
        headers=headers,
    )
