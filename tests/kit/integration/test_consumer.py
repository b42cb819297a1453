"""Idempotent consumers on quorum queues, against the real MongoDB and RabbitMQ."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import aio_pika
import pytest
from grassroots_kit.messaging.broker import Broker, to_message
from grassroots_kit.messaging.consumer import (
    PROCESSED,
    EventConsumer,
    PermanentEventError,
    Subscription,
)
from grassroots_kit.messaging.envelope import CloudEvent, new_event
from grassroots_kit.mongo import Session, create_client, ensure_collections

from tests.support.apps import eventually
from tests.support.rabbit import BrokerNamespace

Handler = Callable[[CloudEvent, Session], Awaitable[None]]


class Harness:
    def __init__(self, mongo_url: str, db_name: str, ns: BrokerNamespace) -> None:
        self.client = create_client(mongo_url, app_name="test")
        self.db = self.client[db_name]
        self.ns = ns
        self.queue = f"{ns.prefix}test.effects"
        ns.track(self.queue)
        self.brokers: list[Broker] = []
        self.consumers: list[EventConsumer] = []

    async def start_consumer(
        self, handlers: dict[str, Handler], producers: dict[str, str] | None = None
    ) -> EventConsumer:
        broker = Broker(self.ns.url, self.ns.exchange, app_name="test")
        await broker.connect()
        self.brokers.append(broker)
        consumer = EventConsumer(
            broker=broker,
            client=self.client,
            db=self.db,
            queue_name=self.queue,
            subscription=Subscription("effects", handlers, producers=producers),
            max_attempts=3,
        )
        await consumer.start()
        self.consumers.append(consumer)
        return consumer

    async def publish(self, event: CloudEvent, times: int = 1) -> None:
        for _ in range(times):
            await self.brokers[0].publish(event)

    async def publish_raw(self, body: bytes, routing_key: str) -> None:
        connection = await aio_pika.connect(self.ns.url)
        async with connection:
            channel = await connection.channel()
            exchange = await channel.get_exchange(self.ns.exchange)
            await exchange.publish(aio_pika.Message(body), routing_key=routing_key)

    async def dead_letters(self) -> list[aio_pika.abc.AbstractIncomingMessage]:
        connection = await aio_pika.connect(self.ns.url)
        messages = []
        async with connection:
            channel = await connection.channel()
            queue = await channel.get_queue(f"{self.queue}.dead")
            while (message := await queue.get(fail=False)) is not None:
                messages.append(message)
                await message.ack()
        return messages

    async def effects(self) -> list[dict[str, object]]:
        return [doc async for doc in self.db["effects"].find({}, {"_id": 0})]

    async def close(self) -> None:
        for consumer in self.consumers:
            await consumer.stop()
        for broker in self.brokers:
            await broker.close()
        await self.client.drop_database(self.db.name)
        await self.client.close()


@pytest.fixture
async def harness(mongo_url: str, db_name: str, broker_ns: BrokerNamespace):
    h = Harness(mongo_url, db_name, broker_ns)
    await ensure_collections(h.db, ["effects", PROCESSED])
    try:
        yield h
    finally:
        await h.close()


def record_effect(h: Harness) -> Handler:
    async def handler(event: CloudEvent, session: Session) -> None:
        await h.db["effects"].insert_one({"event": event.id, "n": event.data["n"]}, session=session)

    return handler


async def test_an_event_delivered_five_times_has_its_effect_once(harness: Harness):
    await harness.start_consumer({"thing.made": record_effect(harness)})
    event = new_event("thing.made", source="t", subject="1", data={"n": 1})

    await harness.publish(event, times=5)

    await eventually(lambda: harness.db[PROCESSED].count_documents({}))
    await asyncio.sleep(0.5)  # give the duplicates time to arrive
    assert await harness.effects() == [{"event": event.id, "n": 1}]


async def test_two_competing_consumers_apply_each_event_once(harness: Harness):
    await harness.start_consumer({"thing.made": record_effect(harness)})
    await harness.start_consumer({"thing.made": record_effect(harness)})
    events = [new_event("thing.made", source="t", subject=str(n), data={"n": n}) for n in range(60)]

    for event in events:
        await harness.publish(event, times=2)

    async def all_seen() -> bool:
        return await harness.db["effects"].count_documents({}) >= 60

    await eventually(all_seen)
    await asyncio.sleep(0.5)
    assert sorted(e["n"] for e in await harness.effects()) == list(range(60))


async def test_a_malformed_message_is_parked_with_its_reason_and_consumption_goes_on(
    harness: Harness,
):
    await harness.start_consumer({"thing.made": record_effect(harness)})

    await harness.publish_raw(b'{"not": "an event"}', "thing.made")
    good = new_event("thing.made", source="t", subject="ok", data={"n": 7})
    await harness.publish(good)

    await eventually(lambda: harness.db["effects"].count_documents({}))
    parked = await eventually(harness.dead_letters)
    assert len(parked) == 1
    assert "missing CloudEvents attribute" in str(parked[0].headers["x-death-reason"])
    assert parked[0].body == b'{"not": "an event"}'


async def test_an_event_its_handler_rejects_is_parked_and_changes_nothing(harness: Harness):
    async def reject(event: CloudEvent, session: Session) -> None:
        await harness.db["effects"].insert_one({"n": "half-done"}, session=session)
        raise PermanentEventError("unsupported dataversion 9")

    await harness.start_consumer({"thing.made": reject})
    await harness.publish(new_event("thing.made", source="t", subject="x", data={"n": 0}))

    parked = await eventually(harness.dead_letters)
    assert "unsupported dataversion 9" in str(parked[0].headers["x-death-reason"])
    assert await harness.effects() == []
    assert await harness.db[PROCESSED].count_documents({}) == 0


async def test_a_transient_failure_is_retried_until_it_succeeds(harness: Harness):
    failures = {"left": 2}

    async def flaky(event: CloudEvent, session: Session) -> None:
        if failures["left"]:
            failures["left"] -= 1
            raise RuntimeError("temporarily unavailable")
        await record_effect(harness)(event, session)

    await harness.start_consumer({"thing.made": flaky})
    await harness.publish(new_event("thing.made", source="t", subject="x", data={"n": 3}))

    await eventually(lambda: harness.db["effects"].count_documents({}))
    assert [e["n"] for e in await harness.effects()] == [3]
    assert await harness.dead_letters() == []


async def test_a_failure_that_persists_is_parked_after_the_last_attempt(harness: Harness):
    async def broken(event: CloudEvent, session: Session) -> None:
        raise ValueError("cannot divide by zero")

    await harness.start_consumer({"thing.made": broken})
    await harness.publish(new_event("thing.made", source="t", subject="x", data={"n": 3}))

    parked = await eventually(harness.dead_letters, timeout=15)
    reason = str(parked[0].headers["x-death-reason"])
    assert "failed 3 times" in reason
    assert "cannot divide by zero" in reason


async def test_an_unacknowledged_message_is_redelivered_to_the_other_replica(harness: Harness):
    """A consumer that dies mid-handling loses nothing: the broker redelivers."""
    gate = asyncio.Event()

    async def stuck(event: CloudEvent, session: Session) -> None:
        await gate.wait()

    first = await harness.start_consumer({"thing.made": stuck})
    await harness.publish(new_event("thing.made", source="t", subject="x", data={"n": 5}))
    await asyncio.sleep(0.3)
    # The first replica's connection drops while it holds the message.
    await harness.brokers[0].close()
    harness.consumers.remove(first)
    gate.set()

    await harness.start_consumer({"thing.made": record_effect(harness)})

    await eventually(lambda: harness.db["effects"].count_documents({}))
    assert [e["n"] for e in await harness.effects()] == [5]


def test_messages_carry_the_cloudevents_content_type():
    message = to_message(new_event("a.b", source="s", subject="x", data={}))
    assert message.content_type == "application/cloudevents+json"
    assert message.delivery_mode == aio_pika.DeliveryMode.PERSISTENT


async def test_an_event_from_a_source_that_does_not_produce_its_type_is_parked_unapplied(
    harness: Harness,
):
    await harness.start_consumer(
        {"thing.made": record_effect(harness)}, producers={"thing.made": "makers"}
    )

    forged = new_event("thing.made", source="attacker", subject="x", data={"n": 1})
    await harness.publish(forged)
    genuine = new_event("thing.made", source="makers", subject="y", data={"n": 2})
    await harness.publish(genuine)

    await eventually(lambda: harness.db["effects"].count_documents({}))
    parked = await eventually(harness.dead_letters)
    assert [message.message_id for message in parked] == [forged.id]
    reason = str(parked[0].headers["x-death-reason"])
    assert "'attacker'" in reason
    assert "'makers'" in reason
    assert await harness.effects() == [{"event": genuine.id, "n": 2}]
    assert await harness.db[PROCESSED].count_documents({"_id": {"$regex": forged.id}}) == 0
