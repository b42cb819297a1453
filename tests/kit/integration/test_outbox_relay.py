"""The outbox and its relay against the real MongoDB and RabbitMQ."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import aio_pika
import pytest
from grassroots_kit.messaging.broker import Broker
from grassroots_kit.messaging.envelope import CloudEvent, new_event
from grassroots_kit.messaging.outbox import OUTBOX, OUTBOX_INDEXES, add_to_outbox
from grassroots_kit.messaging.relay import OutboxRelay
from grassroots_kit.mongo import create_client, ensure_collections, ensure_indexes, in_transaction

from tests.support.rabbit import BrokerNamespace


@pytest.fixture
async def setup(mongo_url: str, db_name: str, broker_ns: BrokerNamespace):
    client = create_client(mongo_url, app_name="test")
    db = client[db_name]
    await ensure_collections(db, [OUTBOX, "things"])
    await ensure_indexes(db, [OUTBOX_INDEXES])
    broker = Broker(broker_ns.url, broker_ns.exchange, app_name="test")
    await broker.connect()
    # A queue that sees every event on the test exchange.
    connection = await aio_pika.connect(broker_ns.url)
    channel = await connection.channel()
    queue = await channel.declare_queue(f"{broker_ns.prefix}spy", exclusive=True)
    await queue.bind(broker_ns.exchange, routing_key="#")
    try:
        yield client, db, broker, queue
    finally:
        await connection.close()
        await broker.close()
        await client.drop_database(db_name)
        await client.close()


async def _drain(queue: aio_pika.abc.AbstractQueue, count: int) -> list[CloudEvent]:
    received: list[CloudEvent] = []
    async with asyncio.timeout(10):
        while len(received) < count:
            message = await queue.get(fail=False)
            if message is None:
                await asyncio.sleep(0.02)
                continue
            assert message.content_type == "application/cloudevents+json"
            assert message.delivery_mode == aio_pika.DeliveryMode.PERSISTENT
            received.append(CloudEvent.from_json(message.body))
            await message.ack()
    return received


async def test_events_written_in_a_transaction_are_published_after_commit(setup):
    client, db, broker, queue = setup
    events = [
        new_event("thing.made", source="test", subject=str(i), data={"i": i}) for i in range(5)
    ]

    async def work(session):
        await db["things"].insert_one({"_id": "t1"}, session=session)
        await add_to_outbox(db, session, events)

    await in_transaction(client, work)
    published = await OutboxRelay(db, broker, service="test").publish_pending()

    assert published == 5
    received = await _drain(queue, 5)
    assert {e.id for e in received} == {e.id for e in events}
    assert await db[OUTBOX].count_documents({"sentAt": None}) == 0


async def test_a_rolled_back_transaction_publishes_nothing(setup):
    client, db, broker, _ = setup

    async def work(session):
        await add_to_outbox(
            db, session, [new_event("thing.made", source="t", subject="x", data={})]
        )
        raise RuntimeError("the state change failed")

    with pytest.raises(RuntimeError):
        await in_transaction(client, work)

    assert await db[OUTBOX].count_documents({}) == 0
    assert await OutboxRelay(db, broker, service="test").publish_pending() == 0


async def test_a_batch_claimed_by_a_relay_that_died_is_published_once_its_lease_expires(setup):
    client, db, broker, queue = setup
    event = new_event("thing.made", source="test", subject="lost", data={})
    await in_transaction(client, lambda s: add_to_outbox(db, s, [event]))
    # A relay claimed the event, then died before publishing it.
    await db[OUTBOX].update_one(
        {"_id": event.id},
        {
            "$set": {
                "leaseOwner": "dead-relay",
                "leaseUntil": datetime.now(UTC) + timedelta(hours=1),
            }
        },
    )
    relay = OutboxRelay(db, broker, service="test")
    assert await relay.publish_pending() == 0

    await db[OUTBOX].update_one({"_id": event.id}, {"$set": {"leaseUntil": datetime.now(UTC)}})

    assert await relay.publish_pending() == 1
    assert [e.id for e in await _drain(queue, 1)] == [event.id]


async def test_two_relays_running_at_once_publish_every_event(setup):
    client, db, broker, queue = setup
    events = [new_event("thing.made", source="t", subject=str(i), data={}) for i in range(300)]
    await in_transaction(client, lambda s: add_to_outbox(db, s, events))
    relays = [OutboxRelay(db, broker, service="test", batch_size=25) for _ in range(2)]

    counts = await asyncio.gather(*(r.publish_pending() for r in relays))

    assert sum(counts) == 300
    received = await _drain(queue, 300)
    assert len({e.id for e in received}) == 300


async def test_the_running_relay_publishes_as_soon_as_it_is_woken(setup):
    client, db, broker, queue = setup
    relay = OutboxRelay(db, broker, service="test", poll_seconds=30)
    task = asyncio.create_task(relay.run())
    try:
        await asyncio.sleep(0.1)
        event = new_event("thing.made", source="t", subject="fast", data={"x": "ü"})
        await in_transaction(client, lambda s: add_to_outbox(db, s, [event]))
        relay.wake()

        received = await _drain(queue, 1)
    finally:
        task.cancel()

    assert received[0].data == {"x": "ü"}
    assert json.loads(received[0].to_json())["subject"] == "fast"


class _RacedOutbox:
    """The outbox collection, except that another relay leases `stolen` just before this
    relay's claim lands (the window between its look and its claim)."""

    def __init__(self, collection: Any, stolen: str) -> None:
        self._collection = collection
        self._stolen = stolen

    def __getattr__(self, name: str) -> Any:
        return getattr(self._collection, name)

    async def update_many(self, *args: Any, **kwargs: Any) -> Any:
        await self._collection.update_one(
            {"_id": self._stolen},
            {
                "$set": {
                    "leaseOwner": "other-relay",
                    "leaseUntil": datetime.now(UTC) + timedelta(hours=1),
                }
            },
        )
        return await self._collection.update_many(*args, **kwargs)


class _RacedDb:
    def __init__(self, db: Any, stolen: str) -> None:
        self._db = db
        self._stolen = stolen

    def __getitem__(self, name: str) -> Any:
        collection = self._db[name]
        return _RacedOutbox(collection, self._stolen) if name == OUTBOX else collection


async def test_a_relay_publishes_only_what_it_claimed_when_another_takes_part_of_its_batch(
    setup,
):
    client, db, broker, queue = setup
    events = [new_event("thing.made", source="t", subject=str(i), data={}) for i in range(5)]
    await in_transaction(client, lambda s: add_to_outbox(db, s, events))
    stolen = events[2].id
    relay = OutboxRelay(db, broker, service="test")
    relay._db = _RacedDb(db, stolen)  # type: ignore[assignment]

    # When another relay leases one event between this relay's look and its claim
    published = await relay.publish_pending()

    # then this relay publishes the other four, and the taken one stays with its taker.
    assert published == 4
    received = await _drain(queue, 4)
    assert sorted(e.id for e in received) == sorted(e.id for e in events if e.id != stolen)
    left = await db[OUTBOX].find_one({"_id": stolen})
    assert left is not None
    assert left["sentAt"] is None
    assert left["leaseOwner"] == "other-relay"
