"""RabbitMQ: the connection, the events exchange, queues and confirmed publishing."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence

import aio_pika
from aio_pika.abc import (
    AbstractChannel,
    AbstractExchange,
    AbstractQueue,
    AbstractRobustConnection,
    FieldValue,
)

from grassroots_kit.messaging.envelope import CONTENT_TYPE, CloudEvent

log = logging.getLogger(__name__)

QUORUM: dict[str, FieldValue] = {"x-queue-type": "quorum"}
# Backstop for a message that crashes its consumer process over and over: after this many
# deliveries RabbitMQ dead-letters it to `<queue>.dead` instead of redelivering forever.
DELIVERY_LIMIT = 50


class Broker:
    """One robust connection per process; it reconnects and restores consumers by itself."""

    def __init__(self, url: str, exchange_name: str, *, app_name: str) -> None:
        self._url = url
        self._exchange_name = exchange_name
        self._app_name = app_name
        self._connection: AbstractRobustConnection | None = None
        self._publish_channel: AbstractChannel | None = None
        self._exchange: AbstractExchange | None = None
        self._sample_channel: AbstractChannel | None = None
        self._lock = asyncio.Lock()

    @property
    def exchange_name(self) -> str:
        return self._exchange_name

    async def connect(self) -> None:
        async with self._lock:
            if self._connection is None:
                self._connection = await aio_pika.connect_robust(
                    self._url, client_properties={"connection_name": self._app_name}
                )
                self._publish_channel = await self._connection.channel(publisher_confirms=True)
                self._exchange = await declare_exchange(self._publish_channel, self._exchange_name)

    @property
    def connected(self) -> bool:
        # A robust connection that lost the broker is not closed, it is reconnecting: only its
        # `connected` event says whether the broker is there now.
        connection = self._connection
        return connection is not None and not connection.is_closed and connection.connected.is_set()

    async def channel(self, prefetch: int) -> AbstractChannel:
        if self._connection is None:
            raise RuntimeError("broker is not connected")
        channel = await self._connection.channel(publisher_confirms=True)
        await channel.set_qos(prefetch_count=prefetch)
        return channel

    async def publish(self, event: CloudEvent) -> None:
        """Publish persistently and wait for the broker's confirm."""
        if self._exchange is None:
            raise RuntimeError("broker is not connected")
        await self._exchange.publish(to_message(event), routing_key=event.type, timeout=10)

    async def probe(self, queues: Sequence[str]) -> dict[str, int | None]:
        """A round trip to the broker (passive declare of the exchange) and the number of ready
        messages in each named queue (None for a queue that does not exist).

        Uses a channel of its own: a failed passive declare closes the channel it ran on.
        Raises when the broker does not answer.
        """
        if self._connection is None:
            raise RuntimeError("broker is not connected")
        depths: dict[str, int | None] = {}
        channel = await self._sampling_channel()
        await channel.get_exchange(self._exchange_name, ensure=True)
        for name in queues:
            try:
                queue = await channel.declare_queue(name, passive=True)
            except aio_pika.exceptions.ChannelClosed:
                depths[name] = None
                channel = await self._sampling_channel()
                continue
            result = queue.declaration_result
            depths[name] = int(result.message_count or 0)
        return depths

    async def _sampling_channel(self) -> AbstractChannel:
        assert self._connection is not None
        if self._sample_channel is None or self._sample_channel.is_closed:
            self._sample_channel = await self._connection.channel(publisher_confirms=False)
        return self._sample_channel

    async def close(self) -> None:
        if self._connection is not None:
            await self._connection.close()
            self._connection = None
            self._exchange = None
            self._publish_channel = None
            self._sample_channel = None


def to_message(event: CloudEvent, headers: Mapping[str, str] | None = None) -> aio_pika.Message:
    return aio_pika.Message(
        body=event.to_json(),
        content_type=CONTENT_TYPE,
        delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
        message_id=event.id,
        type=event.type,
        timestamp=event.time,
        headers=dict(headers or {}),
    )


async def declare_exchange(channel: AbstractChannel, name: str) -> AbstractExchange:
    return await channel.declare_exchange(name, aio_pika.ExchangeType.TOPIC, durable=True)


async def declare_parking_exchange(channel: AbstractChannel, queue: str) -> AbstractExchange:
    """The exchange `<queue>.dead` through which a consumer of `queue` parks a message."""
    return await channel.declare_exchange(
        f"{queue}.dead", aio_pika.ExchangeType.FANOUT, durable=True
    )


async def declare_queue_pair(
    channel: AbstractChannel, name: str
) -> tuple[AbstractQueue, AbstractQueue]:
    """A durable quorum queue and its `<name>.dead` parking queue, fed by a fanout exchange
    of the same name: the consumer parks through it and the broker dead-letters into it, so
    a service's broker user needs no write on the default exchange, which would let it put
    messages into any queue (grassroots_kit.messaging.permissions).

    Raises ChannelPreconditionFailed (and loses the channel) for a queue an earlier version
    declared with the default exchange as its dead-letter exchange (EventConsumer.start
    then uses that queue as it is)."""
    dead = await channel.declare_queue(f"{name}.dead", durable=True, arguments=QUORUM)
    parking = await declare_parking_exchange(channel, name)
    await dead.bind(parking, routing_key="")
    queue = await channel.declare_queue(
        name,
        durable=True,
        arguments={
            **QUORUM,
            "x-delivery-limit": DELIVERY_LIMIT,
            # Through the parking exchange: declaring a dead-letter target needs write on it,
            # and the default exchange is not granted to service users.
            "x-dead-letter-exchange": f"{name}.dead",
            "x-dead-letter-routing-key": f"{name}.dead",
        },
    )
    return queue, dead
