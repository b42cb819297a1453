"""What the kit measures by itself: queue depths, dependency health, domain events, MongoDB
commands, and upcasting in the consumer; against the real MongoDB and RabbitMQ."""

from __future__ import annotations

import aio_pika
import pytest
from grassroots_kit.messaging.broker import Broker, declare_exchange, declare_queue_pair
from grassroots_kit.messaging.consumer import PROCESSED, EventConsumer, Subscription
from grassroots_kit.messaging.envelope import CloudEvent, new_event
from grassroots_kit.messaging.outbox import OUTBOX, add_to_outbox
from grassroots_kit.messaging.relay import OutboxRelay
from grassroots_kit.messaging.upcasting import Upcasters, to_version
from grassroots_kit.mongo import Session, create_client, ensure_collections, in_transaction
from grassroots_kit.sampling import HealthSampler
from prometheus_client import REGISTRY

from tests.support.apps import eventually
from tests.support.rabbit import BrokerNamespace


def metric(name: str, **labels: str) -> float | None:
    return REGISTRY.get_sample_value(name, labels)


@pytest.fixture
async def setup(mongo_url: str, db_name: str, broker_ns: BrokerNamespace):
    client = create_client(mongo_url, app_name="obs-test")
    db = client[db_name]
    await ensure_collections(db, [OUTBOX, PROCESSED, "effects"])
    broker = Broker(broker_ns.url, broker_ns.exchange, app_name="obs-test")
    await broker.connect()
    try:
        yield client, db, broker
    finally:
        await broker.close()
        await client.drop_database(db_name)
        await client.close()


async def test_the_sampler_reports_queue_lag_dead_letters_and_dependency_health(
    setup, broker_ns: BrokerNamespace
):
    client, _, broker = setup
    queue_name = f"{broker_ns.prefix}obs.lag"
    broker_ns.track(queue_name)
    connection = await aio_pika.connect(broker_ns.url)
    async with connection:
        channel = await connection.channel()
        exchange = await declare_exchange(channel, broker_ns.exchange)
        queue, _ = await declare_queue_pair(channel, queue_name)
        await queue.bind(exchange, routing_key="thing.made")
        # Given three messages waiting in a queue and two parked in its dead-letter queue,
        for n in range(3):
            await exchange.publish(aio_pika.Message(f"{n}".encode()), routing_key="thing.made")
        for n in range(2):
            await channel.default_exchange.publish(
                aio_pika.Message(f"{n}".encode()), routing_key=f"{queue_name}.dead"
            )
    service = broker_ns.prefix.rstrip(".")
    sampler = HealthSampler(
        service=service,
        client=client,
        broker=broker,
        queues=lambda: [queue_name, f"{broker_ns.prefix}obs.missing"],
        interval=60,
    )

    # when the sampler takes a sample,
    await sampler.sample()

    # then the lag and the parked messages are on /metrics, and both dependencies are up;
    assert metric("grassroots_queue_messages_ready", service=service, queue=queue_name) == 3
    assert metric("grassroots_dead_letter_queue_messages", service=service, queue=queue_name) == 2
    assert metric("grassroots_dependency_up", service=service, dependency="mongodb") == 1
    assert metric("grassroots_dependency_up", service=service, dependency="rabbitmq") == 1
    assert metric("grassroots_dependency_check_seconds", service=service, dependency="mongodb")
    # a queue that does not exist is left out rather than breaking the sample.
    missing = f"{broker_ns.prefix}obs.missing"
    assert metric("grassroots_queue_messages_ready", service=service, queue=missing) is None


async def test_the_sampler_reports_a_broker_it_cannot_reach_as_down(setup, broker_ns):
    client, _, _ = setup
    service = broker_ns.prefix.rstrip(".") + "-down"
    unreachable = Broker("amqp://guest:guest@127.0.0.1:1/", "x", app_name="obs-test")
    sampler = HealthSampler(
        service=service, client=client, broker=unreachable, queues=list, interval=60
    )

    await sampler.sample()

    assert metric("grassroots_dependency_up", service=service, dependency="rabbitmq") == 0
    assert metric("grassroots_dependency_up", service=service, dependency="mongodb") == 1


async def test_published_events_are_counted_by_type_once_each(setup, broker_ns):
    client, db, broker = setup
    service = broker_ns.prefix.rstrip(".")
    events = [new_event("case.escalated", source="t", subject=str(n), data={}) for n in range(3)]
    events.append(new_event("case.closed", source="t", subject="c", data={}))
    await in_transaction(client, lambda s: add_to_outbox(db, s, events))
    relay = OutboxRelay(db, broker, service=service)

    await relay.publish_pending()
    await relay.publish_pending()

    assert metric("grassroots_domain_events_total", service=service, type="case.escalated") == 3
    assert metric("grassroots_domain_events_total", service=service, type="case.closed") == 1


async def test_mongodb_commands_are_timed_by_command_name(mongo_url: str, db_name: str):
    client = create_client(mongo_url, app_name="obs-mongo-test")
    before = metric(
        "grassroots_mongodb_command_seconds_count", service="obs-mongo-test", command="insert"
    )
    try:
        await client[db_name]["things"].insert_one({"n": 1})
    finally:
        await client.drop_database(db_name)
        await client.close()

    after = metric(
        "grassroots_mongodb_command_seconds_count", service="obs-mongo-test", command="insert"
    )
    assert after == (before or 0) + 1


async def test_the_consumer_upcasts_old_versions_and_parks_unknown_ones(
    setup, broker_ns: BrokerNamespace
):
    client, db, broker = setup
    queue_name = f"{broker_ns.prefix}obs.effects"
    broker_ns.track(queue_name)
    seen: list[CloudEvent] = []

    async def handler(event: CloudEvent, session: Session) -> None:
        seen.append(event)

    upcasters = Upcasters(
        current={"thing.made": "2"},
        steps={("thing.made", "1"): to_version("2", lambda d: {"size": d["n"]})},
    )
    consumer = EventConsumer(
        broker=broker,
        client=client,
        db=db,
        queue_name=queue_name,
        subscription=Subscription("effects", {"thing.made": handler}, upcasters=upcasters),
    )
    await consumer.start()
    try:
        # Given a handler written for version 2, when a version 1 and a version 9 event arrive,
        old = new_event("thing.made", source="t", subject="a", data={"n": 4}, dataversion="1")
        future = new_event("thing.made", source="t", subject="b", data={}, dataversion="9")
        await broker.publish(old)
        await broker.publish(future)

        async def parked() -> float | None:
            return metric("grassroots_events_dead_lettered_total", queue=queue_name)

        await eventually(parked)
        await eventually(lambda: _true(len(seen) == 1))
    finally:
        await consumer.stop()

    # then the handler saw the old one as version 2, and the unknown one was parked.
    assert (seen[0].id, seen[0].dataversion, dict(seen[0].data)) == (old.id, "2", {"size": 4})
    connection = await aio_pika.connect(broker_ns.url)
    async with connection:
        channel = await connection.channel()
        dead = await channel.get_queue(f"{queue_name}.dead")
        message = await dead.get(fail=False)
        assert message is not None
        assert message.message_id == future.id
        assert "unsupported dataversion '9' of thing.made" in str(message.headers["x-death-reason"])
        await message.ack()


async def _true(value: bool) -> bool:
    return value
