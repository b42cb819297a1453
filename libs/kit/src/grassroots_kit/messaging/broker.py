"""RabbitMQ: the connection, the events exchange, queues and confirmed publishing."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

import aio_pika
from aio_pika.abc import (
    AbstractChannel,
    AbstractExchange,
    AbstractQueue,
    AbstractRobustConnection,
    FieldValue,
)
from aio_pika.exceptions import CONNECTION_EXCEPTIONS
from aio_pika.robust_connection import RobustConnection
from yarl import URL

from grassroots_kit.messaging.envelope import CONTENT_TYPE, CloudEvent

log = logging.getLogger(__name__)

QUORUM: dict[str, FieldValue] = {"x-queue-type": "quorum"}
# Backstop for a message that crashes its consumer process over and over: after this many
# deliveries RabbitMQ dead-letters it to `<queue>.dead` instead of redelivering forever.
DELIVERY_LIMIT = 50
# How long one attempt to open a connection to one node may take before the next node is
# tried: a node cut off by a partition never refuses, it just does not answer.
CONNECT_TIMEOUT_SECONDS = 5.0


def split_urls(urls: str) -> list[str]:
    """The node URLs of an AMQP_URL: one URL, or several separated by commas (a cluster)."""
    return [url.strip() for url in urls.split(",") if url.strip()]


# aio-pika's own attempt at opening the transport (RobustConnection's private method, pinned
# with aio-pika in requirements.lock): FailoverConnection calls it once per node.
_connect_transport: Callable[[RobustConnection], Awaitable[None]] = vars(RobustConnection)[
    "_RobustConnection__connect_transport"
]


class FailoverConnection(RobustConnection):
    """A robust connection to any one of several cluster nodes.

    Every attempt to (re)connect tries the nodes in turn, starting with the one after the node
    it last lost, until one accepts; aio-pika's robust channels then declare again the
    exchanges, queues and bindings they declared and resume their consumers, and the broker
    redelivers whatever was unacknowledged on the lost connection. Connection parameters
    (`heartbeat`, `connection_timeout`…) are read from the first URL's query.
    """

    def __init__(self, urls: Sequence[str], **kwargs: Any) -> None:
        if not urls:
            raise ValueError("no AMQP URL given")
        self._urls = [URL(url) for url in urls]
        self._current = 0
        super().__init__(url=self._urls[0], **kwargs)

    @property
    def url(self) -> URL:
        return self._urls[self._current]

    @url.setter
    def url(self, value: URL) -> None:
        self._urls[self._current] = URL(value)

    def _next_node(self) -> None:
        self._current = (self._current + 1) % len(self._urls)

    async def _RobustConnection__connect_transport(self) -> None:
        failure: BaseException | None = None
        for _ in range(len(self._urls)):
            try:
                await _connect_transport(self)
            except CONNECTION_EXCEPTIONS as exc:
                failure = exc
                log.info("broker node %s not available: %s", self, exc)
                self._next_node()
                continue
            log.info("connected to broker node %s", self)
            return
        assert failure is not None
        raise failure

    async def _on_connection_close(self, closing: asyncio.Future[Any]) -> None:
        # The node we were connected to went away (died, paused in a minority, cut off): try
        # another one first. (A failed attempt calls this too, but the attempt loop has moved
        # on by itself then, and `connected` was never set.)
        if len(self._urls) > 1 and not self._close_called and self.connected.is_set():
            self._next_node()
        await super()._on_connection_close(closing)


class Broker:
    """One robust connection per process; it reconnects and restores consumers by itself.

    `url` is one AMQP URL or several, comma-separated, of the nodes of one cluster: the
    connection goes to whichever answers and moves to another when it loses its node.
    """

    def __init__(self, url: str, exchange_name: str, *, app_name: str) -> None:
        self._urls = split_urls(url)
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
                connection = FailoverConnection(
                    self._urls, client_properties={"connection_name": self._app_name}
                )
                await connection.connect(timeout=CONNECT_TIMEOUT_SECONDS)
                self._connection = connection
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
