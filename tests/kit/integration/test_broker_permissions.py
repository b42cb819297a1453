"""Each service's broker user may publish only its own event types, against the real RabbitMQ
with users made by `rabbitmqctl` (as the local stack makes them)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import aio_pika
import pytest
from grassroots_kit.messaging.broker import DELIVERY_LIMIT, QUORUM, Broker
from grassroots_kit.messaging.consumer import PROCESSED, EventConsumer, Subscription
from grassroots_kit.messaging.envelope import CloudEvent, new_event
from grassroots_kit.mongo import Session, create_client, ensure_collections

from tests.support.apps import eventually
from tests.support.broker_users import service_users
from tests.support.rabbit import BrokerNamespace


@pytest.fixture(scope="module")
async def module_ns(rabbit_url: str) -> AsyncIterator[BrokerNamespace]:
    """One prefix for the module: making users with rabbitmqctl takes seconds each."""
    namespace = BrokerNamespace(rabbit_url)
    yield namespace
    await namespace.cleanup()


@pytest.fixture(scope="module")
def urls(module_ns: BrokerNamespace) -> Iterator[dict[str, str]]:
    with service_users(module_ns.url, module_ns.prefix) as made:
        yield made


@pytest.fixture
def broker_ns(module_ns: BrokerNamespace) -> BrokerNamespace:
    return module_ns


async def _publish(url: str, exchange: str, routing_key: str) -> None:
    connection = await aio_pika.connect(url)
    async with connection:
        channel = await connection.channel(publisher_confirms=True)
        target = (
            channel.default_exchange
            if exchange == ""
            else await channel.get_exchange(exchange, ensure=False)
        )
        event = new_event(routing_key, source="grassroots/cases", subject="x", data={})
        await target.publish(aio_pika.Message(event.to_json()), routing_key=routing_key, timeout=10)


async def _declare_exchange(ns: BrokerNamespace) -> None:
    connection = await aio_pika.connect(ns.url)
    async with connection:
        channel = await connection.channel()
        await channel.declare_exchange(ns.exchange, aio_pika.ExchangeType.TOPIC, durable=True)


async def test_the_cases_user_publishes_case_events(broker_ns: BrokerNamespace, urls):
    await _declare_exchange(broker_ns)

    await _publish(urls["cases"], broker_ns.exchange, "case.closed")


@pytest.mark.parametrize("routing_key", ["points.awarded", "role.assigned", "commitment.fulfilled"])
async def test_the_cases_user_is_refused_another_services_event_type(
    broker_ns: BrokerNamespace, urls, routing_key
):
    await _declare_exchange(broker_ns)

    with pytest.raises(aio_pika.exceptions.ChannelClosed, match="ACCESS_REFUSED"):
        await _publish(urls["cases"], broker_ns.exchange, routing_key)


async def test_the_cases_user_cannot_drop_a_message_straight_into_a_queue(
    broker_ns: BrokerNamespace, urls
):
    queue = f"{broker_ns.prefix}points.awards"
    broker_ns.track(queue)

    with pytest.raises(aio_pika.exceptions.ChannelClosed, match="ACCESS_REFUSED"):
        await _publish(urls["cases"], "", queue)


@pytest.mark.parametrize("queue_of_an_earlier_version", [False, True])
async def test_a_service_user_runs_its_consumer_and_parks_with_its_own_grant(
    broker_ns: BrokerNamespace, urls, mongo_url: str, db_name: str, queue_of_an_earlier_version
):
    purpose = "earlier-awards" if queue_of_an_earlier_version else "awards"
    queue = f"{broker_ns.prefix}points.{purpose}"
    if queue_of_an_earlier_version:
        await _declare_as_before(broker_ns, queue)
    client = create_client(mongo_url, app_name="test")
    db = client[db_name]
    await ensure_collections(db, ["effects", PROCESSED])
    broker_ns.track(queue)
    broker = Broker(urls["points"], broker_ns.exchange, app_name="points")
    await broker.connect()

    async def record(event: CloudEvent, session: Session) -> None:
        await db["effects"].insert_one({"event": event.id}, session=session)

    consumer = EventConsumer(
        broker=broker,
        client=client,
        db=db,
        queue_name=queue,
        subscription=Subscription(
            purpose, {"case.closed": record}, producers={"case.closed": "grassroots/cases"}
        ),
    )
    try:
        await consumer.start()
        forged = new_event("case.closed", source="attacker", subject="x", data={})
        genuine = new_event("case.closed", source="grassroots/cases", subject="y", data={})
        cases = Broker(urls["cases"], broker_ns.exchange, app_name="cases")
        await cases.connect()
        try:
            await cases.publish(forged)
            await cases.publish(genuine)
        finally:
            await cases.close()

        await eventually(lambda: db["effects"].count_documents({}))
        parked = await eventually(lambda: _parked_ids(broker_ns.url, f"{queue}.dead"))
        assert parked == [forged.id]
        assert [doc["event"] async for doc in db["effects"].find()] == [genuine.id]
    finally:
        await consumer.stop()
        await broker.close()
        await client.drop_database(db_name)
        await client.close()


async def _declare_as_before(ns: BrokerNamespace, name: str) -> None:
    """The queue as versions before per-service users declared it: dead letters to the
    default exchange."""
    connection = await aio_pika.connect(ns.url)
    async with connection:
        channel = await connection.channel()
        await channel.declare_queue(f"{name}.dead", durable=True, arguments=QUORUM)
        await channel.declare_queue(
            name,
            durable=True,
            arguments={
                **QUORUM,
                "x-delivery-limit": DELIVERY_LIMIT,
                "x-dead-letter-exchange": "",
                "x-dead-letter-routing-key": f"{name}.dead",
            },
        )


async def _parked_ids(url: str, queue: str) -> list[str]:
    connection = await aio_pika.connect(url)
    async with connection:
        channel = await connection.channel()
        dead = await channel.get_queue(queue)
        ids = []
        while (message := await dead.get(fail=False)) is not None:
            ids.append(str(message.message_id))
            await message.ack()
        return ids
