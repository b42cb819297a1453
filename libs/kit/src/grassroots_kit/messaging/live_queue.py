"""Each replica's own queue on the events exchange, feeding its live hub.

Live subscribers of a service are spread over its replicas, and an event is committed by
whichever replica served the mutation, so every replica must hear every event: each binds its
own exclusive, auto-delete queue (`<prefix><service>.live.<random>`) to the routing keys its
subscriptions need. The queue disappears with its connection; an event that arrives while a
replica reconnects is not lost to a client, who catches up from the outbox with its cursor
(grassroots_kit.live.history). Deliveries are not acknowledged one by one (no_ack): a live
event is worth nothing later, and the queue is bounded so a stalled replica cannot fill the
broker.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable, Collection, Mapping

from aio_pika.abc import AbstractIncomingMessage, AbstractQueue

from grassroots_kit.messaging.broker import Broker, declare_exchange
from grassroots_kit.messaging.envelope import CloudEvent, InvalidEvent
from grassroots_kit.messaging.provenance import wrong_source

log = logging.getLogger(__name__)

# Events held for a replica that does not read them (overflow drops the oldest); a minute's
# events of a busy district are far fewer.
MAX_QUEUED = 10_000
# A live event older than this is dropped by the broker: the client catches up from its cursor.
MESSAGE_TTL_MS = 60_000
PREFETCH = 500


def live_queue_name(prefix: str, service: str) -> str:
    return f"{prefix}{service}.live.{uuid.uuid4().hex}"


class LiveQueue:
    """Consumes `routing_keys` from the events exchange into `deliver`, on this replica only.

    `producers` maps each type to the only `source` accepted for it (as consumers check);
    an event from anyone else is dropped and logged.
    """

    def __init__(
        self,
        broker: Broker,
        *,
        queue_name: str,
        routing_keys: Collection[str],
        producers: Mapping[str, str],
        deliver: Callable[[CloudEvent], object],
    ) -> None:
        self._broker = broker
        self.queue_name = queue_name
        self._routing_keys = sorted(routing_keys)
        self._producers = producers
        self._deliver = deliver
        self._queue: AbstractQueue | None = None
        self.ready = asyncio.Event()

    async def start(self) -> None:
        channel = await self._broker.channel(PREFETCH)
        exchange = await declare_exchange(channel, self._broker.exchange_name)
        queue = await channel.declare_queue(
            self.queue_name,
            exclusive=True,
            auto_delete=True,
            durable=False,
            arguments={
                "x-max-length": MAX_QUEUED,
                "x-overflow": "drop-head",
                "x-message-ttl": MESSAGE_TTL_MS,
            },
        )
        for key in self._routing_keys:
            await queue.bind(exchange, routing_key=key)
        await queue.consume(self._on_message, no_ack=True)
        self._queue = queue
        self.ready.set()

    async def _on_message(self, message: AbstractIncomingMessage) -> None:
        try:
            event = CloudEvent.from_json(message.body)
        except InvalidEvent as exc:
            log.warning("live queue dropped a message that is not an event: %s", exc)
            return
        refused = wrong_source(event, self._producers)
        if refused is not None:
            log.warning("live queue dropped event %s: %s", event.id, refused)
            return
        self._deliver(event)
