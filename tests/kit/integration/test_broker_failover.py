"""A broker given several node URLs connects to one that answers and publishes through it.

The cluster campaigns (tests/faults/test_cluster_rabbit.py) kill and cut off nodes under load;
this is the small case: the first node of the list is not there at all."""

from __future__ import annotations

import asyncio

import aio_pika
import pytest
from grassroots_kit.messaging.broker import Broker, FailoverConnection
from grassroots_kit.messaging.envelope import new_event

from tests.support.mongod import free_port
from tests.support.rabbit import BrokerNamespace


async def test_a_dead_first_node_is_skipped_and_events_go_through_a_live_one(
    broker_ns: BrokerNamespace,
):
    dead = broker_ns.url.replace(":5672", f":{free_port()}")
    assert dead != broker_ns.url
    broker = Broker(f"{dead},{broker_ns.url}", broker_ns.exchange, app_name="failover-test")
    await broker.connect()
    spy = await aio_pika.connect(broker_ns.url)
    try:
        channel = await spy.channel()
        queue = await channel.declare_queue(f"{broker_ns.prefix}spy", exclusive=True)
        await queue.bind(broker_ns.exchange, routing_key="#")
        event = new_event("thing.happened", source="test", subject="t1", data={"n": 1})

        await broker.publish(event)

        message = None
        async with asyncio.timeout(10):
            while message is None:
                message = await queue.get(fail=False)
                await asyncio.sleep(0.02)
        assert message.message_id == event.id
        assert broker.connected
    finally:
        await spy.close()
        await broker.close()


async def test_no_live_node_fails_the_first_connect(broker_ns: BrokerNamespace):
    urls = [broker_ns.url.replace(":5672", f":{free_port()}") for _ in range(2)]
    connection = FailoverConnection(urls)
    try:
        with pytest.raises((ConnectionError, OSError)):
            await connection.connect(timeout=2)
    finally:
        await connection.close()
