"""The limits of the parts: aio-pika publish-with-confirms and consume-with-ack on a quorum queue
like the services', and the MongoDB transaction a consumer runs per event.

    python -m bench.raw_rates [--messages 3000] [--transactions 1500]
"""

from __future__ import annotations

import argparse
import asyncio
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import aio_pika
from grassroots_kit.messaging.broker import QUORUM
from grassroots_kit.mongo import Session, create_client, in_transaction

from bench._common import machine, private_mongod, save
from tests.support.rabbit import amqp_url

BODY = b'{"specversion":"1.0","id":"x","source":"bench","type":"bench.event","data":{"n":1}}'


async def amqp_rates(messages: int) -> dict[str, Any]:
    connection = await aio_pika.connect(amqp_url())
    name = f"bench{uuid.uuid4().hex[:10]}.raw"
    try:
        channel = await connection.channel(publisher_confirms=True)
        await channel.declare_queue(name, durable=True, arguments=QUORUM)

        def message() -> aio_pika.Message:
            return aio_pika.Message(BODY, delivery_mode=aio_pika.DeliveryMode.PERSISTENT)

        # One confirm awaited after another: the shape of the outbox relay today.
        started = time.perf_counter()
        for _ in range(messages):
            await channel.default_exchange.publish(message(), routing_key=name, timeout=10)
        sequential = messages / (time.perf_counter() - started)

        # Confirms awaited in windows of 100: what a pipelining relay could reach.
        started = time.perf_counter()
        for offset in range(0, messages, 100):
            await asyncio.gather(
                *(
                    channel.default_exchange.publish(message(), routing_key=name, timeout=10)
                    for _ in range(min(100, messages - offset))
                )
            )
        pipelined = messages / (time.perf_counter() - started)

        # Consume-with-ack at the services' prefetch (32), one ack per message.
        total = messages * 2
        consume_channel = await connection.channel()
        await consume_channel.set_qos(prefetch_count=32)
        consume_queue = await consume_channel.get_queue(name)
        done = asyncio.Event()
        count = 0

        async def on_message(incoming: aio_pika.abc.AbstractIncomingMessage) -> None:
            nonlocal count
            await incoming.ack()
            count += 1
            if count >= total:
                done.set()

        started = time.perf_counter()
        tag = await consume_queue.consume(on_message)
        await asyncio.wait_for(done.wait(), timeout=300)
        consumed = total / (time.perf_counter() - started)
        await consume_queue.cancel(tag)
        return {
            "publish_confirm_sequential_per_s": round(sequential, 1),
            "publish_confirm_pipelined100_per_s": round(pipelined, 1),
            "consume_ack_prefetch32_per_s": round(consumed, 1),
            "messages": total,
        }
    finally:
        cleanup = await connection.channel()
        await cleanup.queue_delete(name)
        await connection.close()


async def transaction_rate(url: str, transactions: int, concurrency: int) -> dict[str, Any]:
    """insert processed marker + upsert projection + outbox insert, in one transaction."""
    client = create_client(url, app_name="bench")
    db = client[f"bench_{uuid.uuid4().hex[:8]}"]
    for name in ("processed_events", "projection", "outbox"):
        await db.create_collection(name)
    try:

        async def one(i: int) -> None:
            event_id = uuid.uuid4().hex

            async def work(session: Session) -> None:
                now = datetime.now(UTC)
                await db["processed_events"].insert_one(
                    {"_id": f"bench:{event_id}", "type": "bench.event", "at": now},
                    session=session,
                )
                await db["projection"].update_one(
                    {"_id": f"unit-{i}"},
                    {"$set": {"name": f"Unit {i}", "version": 1, "path": ["d", f"unit-{i}"]}},
                    upsert=True,
                    session=session,
                )
                await db["outbox"].insert_one(
                    {
                        "_id": event_id,
                        "type": "bench.event",
                        "body": BODY.decode(),
                        "createdAt": now,
                        "sentAt": None,
                    },
                    session=session,
                )

            await in_transaction(client, work)

        queue: asyncio.Queue[int] = asyncio.Queue()
        for i in range(transactions):
            queue.put_nowait(i)

        async def worker() -> None:
            while not queue.empty():
                await one(queue.get_nowait())

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        rate = transactions / (time.perf_counter() - started)
        return {f"mongo_tx_per_s_concurrency_{concurrency}": round(rate, 1)}
    finally:
        await client.drop_database(db.name)
        await client.close()


async def run(messages: int, transactions: int) -> dict[str, Any]:
    figures: dict[str, Any] = {"machine": machine(), "amqp": await amqp_rates(messages)}
    with private_mongod() as mongo:
        mongo_figures: dict[str, Any] = {}
        for concurrency in (1, 32):
            mongo_figures.update(await transaction_rate(mongo.url, transactions, concurrency))
        figures["mongo"] = mongo_figures
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--transactions", type=int, default=1500)
    args = parser.parse_args()
    save("raw_rates", asyncio.run(run(args.messages, args.transactions)))


if __name__ == "__main__":
    main()
