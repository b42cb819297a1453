"""The broker side of the attacker's suite: publish a forged event, find where it was parked."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import aio_pika
from aio_pika.abc import AbstractIncomingMessage
from grassroots_kit.messaging.broker import to_message
from grassroots_kit.messaging.envelope import CloudEvent


async def publish_forged(url: str, exchange: str, event: CloudEvent) -> None:
    """Publish `event` with confirms, as anyone holding the broker credentials in `url` can."""
    connection = await aio_pika.connect(url)
    async with connection:
        channel = await connection.channel(publisher_confirms=True)
        target = await channel.get_exchange(exchange, ensure=False)
        await target.publish(to_message(event), routing_key=event.type, timeout=10)


async def parked(url: str, queue: str, message_id: str, timeout: float = 30) -> dict[str, Any]:
    """The headers of the message `message_id` once it is in the dead-letter queue `queue`.

    Others' parked messages are held unacknowledged while looking and go back when the channel
    closes; the one found is taken off the queue."""
    deadline = time.monotonic() + timeout
    connection = await aio_pika.connect(url)
    async with connection:
        while True:
            channel = await connection.channel()
            dead = await channel.get_queue(queue, ensure=True)
            message: AbstractIncomingMessage | None
            while (message := await dead.get(fail=False)) is not None:
                if message.message_id == message_id:
                    await message.ack()
                    headers = dict(message.headers or {})
                    await channel.close()
                    return headers
            await channel.close()
            if time.monotonic() > deadline:
                raise AssertionError(f"{message_id} was never parked in {queue}")
            await asyncio.sleep(0.2)
