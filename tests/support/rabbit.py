"""RabbitMQ for the tests: the real broker, with a unique name prefix per test."""

from __future__ import annotations

import contextlib
import os
import uuid
from dataclasses import dataclass, field

import aio_pika

DEFAULT_AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/"


def amqp_url() -> str:
    return os.environ.get("AMQP_URL", DEFAULT_AMQP_URL)


@dataclass
class BrokerNamespace:
    """A prefix for the exchange and queues of one test, and what to delete afterwards."""

    url: str
    prefix: str = field(default_factory=lambda: f"t{uuid.uuid4().hex[:10]}.")
    queues: set[str] = field(default_factory=set)

    @property
    def exchange(self) -> str:
        return f"{self.prefix}grassroots.events"

    def track(self, queue: str) -> None:
        self.queues.update({queue, f"{queue}.dead"})

    async def cleanup(self) -> None:
        connection = await aio_pika.connect(self.url)
        try:
            for name in sorted(self.queues):
                channel = await connection.channel()
                with contextlib.suppress(aio_pika.exceptions.ChannelClosed):
                    await channel.queue_delete(name)
                if name.endswith(".dead"):
                    # The parking exchange of the same name (grassroots_kit.messaging.broker).
                    channel = await connection.channel()
                    with contextlib.suppress(aio_pika.exceptions.ChannelClosed):
                        await channel.exchange_delete(name)
            channel = await connection.channel()
            with contextlib.suppress(aio_pika.exceptions.ChannelClosed):
                await channel.exchange_delete(self.exchange)
        finally:
            await connection.close()
