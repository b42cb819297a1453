"""Idempotent event consumers on durable quorum queues.

A handler runs inside a MongoDB transaction that also records the event id as processed, so
its effect happens exactly once however often the event is delivered; the message is
acknowledged only after that transaction commits. Transient failures are retried with
back-off; messages that can never succeed are parked in `<queue>.dead` with the reason.

Messages that are ready together are applied together: up to `batch_size` of them in one
transaction (one look-up of the processed markers, one insert of the new ones, each handler in
delivery order), then all are acknowledged (with one worker, by a single `multiple` ack). A
commit with majority write concern costs about the same for one event as for a hundred, so
this is what lets a consumer keep up with the broker.
When a batch fails for any reason but an unreachable database, its events are applied one by
one, each in its own transaction, so one poison message is parked alone and the others go on.
"""

from __future__ import annotations

import asyncio
import logging
import zlib
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING

from aio_pika import DeliveryMode, Message
from aio_pika.abc import (
    AbstractChannel,
    AbstractExchange,
    AbstractIncomingMessage,
    AbstractQueue,
)
from aio_pika.exceptions import ChannelInvalidStateError, ChannelPreconditionFailed
from pymongo import AsyncMongoClient
from pymongo.errors import ConnectionFailure, OperationFailure

from grassroots_kit import tracing
from grassroots_kit.log import event_context
from grassroots_kit.messaging.broker import (
    Broker,
    declare_exchange,
    declare_parking_exchange,
    declare_queue_pair,
)
from grassroots_kit.messaging.envelope import CloudEvent, InvalidEvent
from grassroots_kit.messaging.provenance import wrong_source
from grassroots_kit.metrics import (
    EVENT_BATCH_SIZE,
    EVENT_HANDLING_SECONDS,
    EVENTS_DEAD_LETTERED,
    EVENTS_HANDLED,
)
from grassroots_kit.mongo import Database, Document, Session, in_transaction

if TYPE_CHECKING:
    from grassroots_kit.messaging.upcasting import Upcasters

log = logging.getLogger(__name__)

PROCESSED = "processed_events"
# Events applied in one transaction at most; the channel's prefetch caps it too.
BATCH_SIZE = 128
# How long a batch that is not full waits for more messages: a relay publishes a burst over a
# few milliseconds, and a commit saved is worth far more than the wait.
LINGER_SECONDS = 0.002
# Batches applied at once, each in its own transaction. Events about one subject always go to
# the same worker, so they are applied in the order they were delivered. One by default:
# concurrent batches that write a shared document (a points account) conflict and redo their
# whole batch, which costs more than the parallelism gains on disjoint documents.
WORKERS = 1

# Applies one event inside the consumer's transaction. A handler may also offer
# `apply_many(events, session)`, which the consumer calls with consecutive events of a batch
# that share the handler (grassroots_kit.messaging.projection does).
Handler = Callable[[CloudEvent, Session], Awaitable[None]]


class PermanentEventError(Exception):
    """The event can never be handled (bad data, unsupported version): park it, do not retry."""


class _ChannelLost(Exception):
    """The channel a message came on closed: the broker redelivers it, the work is dropped."""


@dataclass(frozen=True)
class Subscription:
    """A queue `<service>.<purpose>` and the handler of each event type bound to it.

    `upcasters`, when given, bring older versions of an event up to the one its handler reads
    (grassroots_kit.messaging.upcasting) and park versions it cannot.
    `producers`, when given, maps each event type to the only `source` accepted for it; an
    event from anyone else is parked with the reason and has no effect
    (grassroots_kit.messaging.provenance).
    """

    purpose: str
    handlers: Mapping[str, Handler]
    upcasters: Upcasters | None = None
    producers: Mapping[str, str] | None = None


@dataclass(frozen=True)
class _Received:
    message: AbstractIncomingMessage
    at: float  # event-loop time of arrival, for EVENT_HANDLING_SECONDS
    event: CloudEvent | None  # None when the body is no CloudEvent (it gets parked)
    error: str = ""


@dataclass(frozen=True)
class _Ready:
    """A message read, upcast and matched to its handler: it only needs applying."""

    message: AbstractIncomingMessage
    event: CloudEvent
    handler: Handler
    at: float


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
        batch_size: int = BATCH_SIZE,
        linger_seconds: float = LINGER_SECONDS,
        workers: int = WORKERS,
    ) -> None:
        self._broker = broker
        self._client = client
        self._db = db
        self.queue_name = queue_name
        self._subscription = subscription
        self._prefetch = prefetch
        self._max_attempts = max_attempts
        self._after_commit = after_commit
        self._workers_wanted = max(1, workers)
        # Each worker can fill its batch from what the channel holds.
        self._batch_size = max(1, min(batch_size, prefetch // self._workers_wanted))
        self._linger = linger_seconds
        self._channel: AbstractChannel | None = None
        self._queue: AbstractQueue | None = None
        self._parking: AbstractExchange | None = None
        self._consumer_tag: str | None = None
        # Deliveries wait in their worker's buffer; None tells it to stop. The prefetch bounds
        # them all together.
        self._buffers: list[asyncio.Queue[_Received | None]] = []
        self._workers: list[asyncio.Task[None]] = []
        # Looked up once: every event counts in them.
        self._handling_seconds = EVENT_HANDLING_SECONDS.labels(queue_name)
        self._applied = EVENTS_HANDLED.labels(queue_name, "applied")
        self._duplicates = EVENTS_HANDLED.labels(queue_name, "duplicate")

    async def start(self) -> None:
        self._channel = await self._broker.channel(self._prefetch)
        exchange = await declare_exchange(self._channel, self._broker.exchange_name)
        try:
            self._queue, _ = await declare_queue_pair(self._channel, self.queue_name)
        except ChannelPreconditionFailed:
            # Declared by an earlier version, which dead-lettered through the default
            # exchange; queue arguments cannot change, so use it as it is (docs/operations.md,
            # "Broker users and permissions", says how to recreate it).
            log.warning(
                "queue %s keeps the dead-letter arguments of an earlier version", self.queue_name
            )
            self._channel = await self._broker.channel(self._prefetch)
            exchange = await declare_exchange(self._channel, self._broker.exchange_name)
            self._queue = await self._channel.declare_queue(self.queue_name, passive=True)
        self._parking = await declare_parking_exchange(self._channel, self.queue_name)
        for event_type in self._subscription.handlers:
            await self._queue.bind(exchange, routing_key=event_type)
        self._buffers = [asyncio.Queue() for _ in range(self._workers_wanted)]
        self._workers = [
            asyncio.create_task(self._work(buffer), name=f"consume {self.queue_name}")
            for buffer in self._buffers
        ]
        self._consumer_tag = await self._queue.consume(self._on_message)

    async def stop(self) -> None:
        """Stop taking messages and let those in hand finish (unfinished ones are redelivered)."""
        if self._queue is not None and self._consumer_tag is not None:
            try:
                await self._queue.cancel(self._consumer_tag)
            except Exception:
                log.debug("cancel failed while stopping", exc_info=True)
        if self._workers:
            for buffer in self._buffers:
                buffer.put_nowait(None)
            _, pending = await asyncio.wait(self._workers, timeout=10)
            for task in pending:
                task.cancel()
            await asyncio.gather(*self._workers, return_exceptions=True)
            self._workers = []
        if self._channel is not None and not self._channel.is_closed:
            await self._channel.close()

    async def _on_message(self, message: AbstractIncomingMessage) -> None:
        at = asyncio.get_running_loop().time()
        try:
            event = CloudEvent.from_json(message.body)
        except InvalidEvent as exc:
            self._buffers[0].put_nowait(_Received(message, at, None, f"invalid event: {exc}"))
            return
        # The same subject always lands with the same worker: its events stay in order.
        key = zlib.crc32((event.subject or event.id).encode())
        self._buffers[key % len(self._buffers)].put_nowait(_Received(message, at, event))

    async def _work(self, buffer: asyncio.Queue[_Received | None]) -> None:
        while True:
            first = await buffer.get()
            if first is None:
                return
            batch = [first]
            stopping = self._take_ready(buffer, batch)
            if not stopping and len(batch) < self._batch_size and self._linger > 0:
                await asyncio.sleep(self._linger)
                stopping = self._take_ready(buffer, batch)
            try:
                await self._handle_batch(batch)
            except Exception:
                # Unacknowledged messages come back when the channel closes; the worker lives on.
                log.exception("consumer batch failed unexpectedly")
            if stopping:
                return

    def _take_ready(self, buffer: asyncio.Queue[_Received | None], batch: list[_Received]) -> bool:
        """Add what is already waiting, up to the batch size. True when asked to stop."""
        while len(batch) < self._batch_size and not buffer.empty():
            received = buffer.get_nowait()
            if received is None:
                return True
            batch.append(received)
        return False

    async def _handle_batch(self, batch: Sequence[_Received]) -> None:
        ready: list[_Ready] = []
        for received in batch:
            item = await self._read(received)
            if item is not None:
                ready.append(item)
        if len(ready) == 1:
            await self._handle_one(ready[0])
        elif ready:
            await self._apply_together(ready)

    async def _read(self, received: _Received) -> _Ready | None:
        """Decode, match and upcast a message; parks it and returns None when it cannot be."""
        message, event = received.message, received.event
        if event is None:
            await self._park(message, received.error)
            return None
        handler = self._subscription.handlers.get(event.type)
        if handler is None:
            await self._park(message, f"no handler for event type {event.type!r}")
            return None
        if self._subscription.producers is not None:
            refused = wrong_source(event, self._subscription.producers)
            if refused is not None:
                with event_context(event.id, event.type):
                    await self._park(message, refused)
                return None
        if self._subscription.upcasters is not None:
            try:
                event = self._subscription.upcasters.upcast(event)
            except PermanentEventError as exc:
                with (
                    event_context(event.id, event.type),
                    tracing.event_span(event, "process", self.queue_name),
                ):
                    await self._park(message, str(exc))
                return None
        return _Ready(message, event, handler, received.at)

    async def _apply_together(self, items: Sequence[_Ready]) -> None:
        delay = 0.1
        while True:
            # Messages of a channel that closed (the connection dropped) are redelivered on
            # the new one; acknowledging them is impossible and applying them is not ours now.
            items = [item for item in items if _held(item.message)]
            if not items:
                return
            try:
                applied = await in_transaction(self._client, partial(self._apply_batch, items))
            except (ConnectionFailure, TimeoutError):
                # The database is unreachable: keep the messages and wait; parking them would
                # turn an outage into lost work.
                log.warning("database unavailable while handling events; will retry")
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
            except _ChannelLost:
                log.info("channel closed while handling a batch; its messages come back")
            except Exception:
                # A poison message, a failing handler or contention that outlasted the
                # transaction's retries: apply one by one, so only the culprit is held back.
                log.info("batch failed; applying its events one by one", exc_info=True)
                for item in items:
                    await self._handle_one(item)
                return
            else:
                await self._acknowledge([item.message for item in items])
                EVENT_BATCH_SIZE.labels(self.queue_name).observe(len(items))
                for item, was_applied in zip(items, applied, strict=True):
                    self._count(item, was_applied)
                if any(applied) and self._after_commit is not None:
                    self._after_commit()
                return

    async def _acknowledge(self, messages: Sequence[AbstractIncomingMessage]) -> None:
        """Acknowledge a committed batch. With one worker, deliveries are taken in order and
        every earlier one is already settled (acknowledged, parked, or lost with its channel),
        so one `multiple` ack of the batch's last delivery covers exactly the batch: one frame
        and one socket write instead of one per event. With several workers, batches
        interleave on the channel and each message is acknowledged on its own."""
        if len(self._buffers) == 1 and len(messages) > 1:
            last = max(messages, key=lambda message: message.delivery_tag or 0)
            await last.ack(multiple=True)
            return
        for message in messages:
            await message.ack()

    async def _apply_batch(self, items: Sequence[_Ready], session: Session) -> list[bool]:
        keys = [self._key(item.event) for item in items]
        processed = self._db[PROCESSED]
        # Look before inserting, as _apply does; a duplicate within the batch is one too.
        seen = {
            doc["_id"]
            async for doc in processed.find({"_id": {"$in": keys}}, {"_id": 1}, session=session)
        }
        fresh: list[_Ready] = []
        applied: list[bool] = []
        markers: list[Document] = []
        now = datetime.now(UTC)
        for item, key in zip(items, keys, strict=True):
            if key in seen:
                applied.append(False)
                continue
            seen.add(key)
            applied.append(True)
            fresh.append(item)
            markers.append({"_id": key, "type": item.event.type, "at": now})
        if markers:
            await processed.insert_many(markers, session=session)
        for run in _runs(fresh):
            first = run[0]
            many = getattr(first.handler, "apply_many", None)
            if many is not None and len(run) > 1:
                # A batch handler writes the whole run at once (a projection's bulk write).
                with (
                    event_context(first.event.id, first.event.type),
                    tracing.event_span(first.event, "process", self.queue_name),
                ):
                    await many([item.event for item in run], session)
                continue
            for item in run:
                with (
                    event_context(item.event.id, item.event.type),
                    tracing.event_span(item.event, "process", self.queue_name),
                ):
                    await item.handler(item.event, session)
        if not all(_held(item.message) for item in items):
            raise _ChannelLost
        return applied

    async def _handle_one(self, item: _Ready) -> None:
        with (
            event_context(item.event.id, item.event.type),
            tracing.event_span(item.event, "process", self.queue_name),
        ):
            await self._handle_event(item)

    async def _handle_event(self, item: _Ready) -> None:
        message, event, handler = item.message, item.event, item.handler
        attempt = 0
        delay = 0.1
        while True:
            attempt += 1
            if not _held(message):
                return
            try:
                applied = await in_transaction(
                    self._client, lambda session: self._apply(message, event, handler, session)
                )
            except _ChannelLost:
                log.info("channel closed while handling an event; it comes back")
                return
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
                self._count(item, applied)
                if applied and self._after_commit is not None:
                    self._after_commit()
                return
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)

    def _key(self, event: CloudEvent) -> str:
        return f"{self._subscription.purpose}:{event.id}"

    def _count(self, item: _Ready, applied: bool) -> None:
        elapsed = asyncio.get_running_loop().time() - item.at
        self._handling_seconds.observe(elapsed)
        (self._applied if applied else self._duplicates).inc()

    async def _apply(
        self,
        message: AbstractIncomingMessage,
        event: CloudEvent,
        handler: Handler,
        session: Session,
    ) -> bool:
        key = self._key(event)
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
        if not _held(message):
            # Like a consumer that died here: nothing commits, the broker redelivers.
            raise _ChannelLost
        return True

    async def _park(self, message: AbstractIncomingMessage, reason: str) -> None:
        log.error("parking message in dead-letter queue", extra={"reason": reason})
        tracing.mark_current_error(reason)
        assert self._parking is not None
        await self._parking.publish(_dead_letter(message, reason, self.queue_name), routing_key="")
        await message.ack()
        EVENTS_DEAD_LETTERED.labels(self.queue_name).inc()


def _runs(items: Sequence[_Ready]) -> list[list[_Ready]]:
    """Consecutive items with the same handler, in order: a batch handler (one with an
    `apply_many(events, session)`) takes each of its runs in one call."""
    runs: list[list[_Ready]] = []
    for item in items:
        if runs and runs[-1][0].handler is item.handler:
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def _held(message: AbstractIncomingMessage) -> bool:
    """Whether the message's channel is still open, so it can still be acknowledged."""
    try:
        return not message.channel.is_closed
    except ChannelInvalidStateError:
        return False


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
