"""Live feeds on the real broker and MongoDB: two replicas of one service, each with its own
queue, both hear an event whichever of them committed it; catch-up reads the real outbox."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import aio_pika
import pytest
from grassroots_kit.errors import Conflict
from grassroots_kit.host import ServiceHost
from grassroots_kit.live.cursor import LiveCursor
from grassroots_kit.live.hub import LiveEvent
from grassroots_kit.live.stream import LiveFeed, LiveQuery, watch
from grassroots_kit.live.wiring import live_feed
from grassroots_kit.messaging.broker import to_message
from grassroots_kit.messaging.envelope import CloudEvent, new_event
from grassroots_kit.messaging.outbox import add_to_outbox
from grassroots_kit.mongo import Session
from grassroots_kit.settings import ServiceSettings
from pymongo import AsyncMongoClient

from tests.support.rabbit import BrokerNamespace

SOURCE = "grassroots/livetest"
PRODUCERS = {"thing.changed": SOURCE, "thing.made": SOURCE}


def thing(unit: str, type: str = "thing.changed") -> CloudEvent:
    return new_event(type, source=SOURCE, subject="t1", data={"orgUnitPath": ["d", unit]})


@pytest.fixture
async def replicas(
    mongo_url: str, db_name: str, broker_ns: BrokerNamespace
) -> AsyncIterator[list[tuple[ServiceHost, LiveFeed]]]:
    """Two hosts of one service on one database, each with its live feed, booted."""
    settings = ServiceSettings(
        service_name="livetest",
        mongodb_url=mongo_url,
        mongodb_database=db_name,
        amqp_url=broker_ns.url,
        events_prefix=broker_ns.prefix,
        relay_poll_seconds=0.1,
    )
    pairs = []
    for _ in range(2):
        host = ServiceHost(settings)
        pairs.append((host, live_feed(host, types=PRODUCERS, producers=PRODUCERS)))
    try:
        for host, feed in pairs:
            await host.start()
            await asyncio.wait_for(host.wait_booted(), 30)
            await asyncio.wait_for(feed.ready.wait(), 30)
        yield pairs
    finally:
        for host, _ in pairs:
            await host.stop()
        # the hosts closed their clients: a fresh one drops the database
        cleanup: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(mongo_url)
        await cleanup.drop_database(db_name)
        await cleanup.close()


async def commit(host: ServiceHost, *events: CloudEvent) -> None:
    async def work(session: Session) -> None:
        await add_to_outbox(host.db, session, events)

    await host.transaction(work)


async def everyone(_: LiveEvent) -> bool:
    return True


def in_unit(unit: str):
    return lambda e: unit in e.data.get("orgUnitPath", [])


async def test_an_event_committed_by_one_replica_reaches_the_subscribers_of_both(replicas):
    (first, first_feed), (_, second_feed) = replicas
    streams = [
        watch(feed, LiveQuery(owner="p1", matches=in_unit("u1"), allowed=everyone))
        for feed in (first_feed, second_feed)
    ]
    waiting = [asyncio.create_task(anext(stream)) for stream in streams]
    # both streams joined their hubs once they ran to their first wait
    for _ in range(100):
        await asyncio.sleep(0)
    event = thing("u1")

    await commit(first, thing("u2"), event)

    got = await asyncio.wait_for(asyncio.gather(*waiting), 20)
    assert [item.event.id for item in got] == [event.id, event.id]
    for stream in streams:
        await stream.aclose()


async def test_an_event_from_another_source_is_not_delivered(replicas, broker_ns):
    (_, feed), _ = replicas
    stream = watch(feed, LiveQuery(owner="p1", matches=in_unit("u1"), allowed=everyone))
    waiting = asyncio.create_task(anext(stream))
    for _ in range(100):
        await asyncio.sleep(0)
    forged = new_event(
        "thing.changed", source="grassroots/elsewhere", subject="t", data={"orgUnitPath": ["u1"]}
    )
    genuine = thing("u1")

    connection = await aio_pika.connect(broker_ns.url)
    try:
        channel = await connection.channel()
        exchange = await channel.get_exchange(broker_ns.exchange)
        await exchange.publish(to_message(forged), routing_key=forged.type)
        await exchange.publish(to_message(genuine), routing_key=genuine.type)
    finally:
        await connection.close()

    got = await asyncio.wait_for(waiting, 20)
    assert got.event.id == genuine.id
    await stream.aclose()


async def test_catch_up_reads_the_outbox_after_the_cursor(replicas):
    (host, feed), _ = replicas
    before, seen, after_1, other, after_2 = (
        thing("u1"),
        thing("u1"),
        thing("u1", "thing.made"),
        thing("u9"),
        thing("u1"),
    )
    for event in (before, seen, after_1, other, after_2):
        await commit(host, event)
    assert feed.history is not None
    feed.history.overlap = timedelta(0)

    replay = await feed.history.since(LiveCursor.of(seen), feed.types)

    # from the cursor's time on (the cursor's own event left out), of the feed's types
    ids = [e.id for e in replay]
    assert seen.id not in ids
    assert {after_1.id, other.id, after_2.id} <= set(ids)


async def test_a_cursor_older_than_the_outbox_keeps_is_answered_fell_behind(replicas):
    (_, feed), _ = replicas
    assert feed.history is not None
    old = LiveCursor(datetime.now(UTC) - timedelta(days=8), "gone")

    with pytest.raises(Conflict) as raised:
        await feed.history.since(old, feed.types)
    assert raised.value.extensions["reason"] == "FELL_BEHIND"


async def test_a_resumed_stream_replays_what_was_missed_from_the_real_outbox(replicas):
    (host, feed), _ = replicas
    seen = thing("u1")
    await commit(host, seen)
    missed = [thing("u1"), thing("u1")]
    await commit(host, *missed)
    query = LiveQuery(
        owner="p1", matches=in_unit("u1"), allowed=everyone, after=LiveCursor.of(seen)
    )
    stream = watch(feed, query)

    got = [await asyncio.wait_for(anext(stream), 10) for _ in range(2)]

    assert [item.event.id for item in got] == [e.id for e in missed]
    await stream.aclose()
