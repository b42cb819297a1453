"""Messages ready together are applied in one transaction, with the guarantees of one at a time:
each effect once, a poison message parked alone, nothing half-applied after a crash."""

from __future__ import annotations

import asyncio

import aio_pika
import pytest
from grassroots_kit.messaging.broker import Broker
from grassroots_kit.messaging.consumer import (
    PROCESSED,
    EventConsumer,
    PermanentEventError,
    Subscription,
)
from grassroots_kit.messaging.envelope import CloudEvent, new_event
from grassroots_kit.metrics import EVENT_BATCH_SIZE, EVENTS_HANDLED
from grassroots_kit.mongo import Session

from tests.kit.integration.test_consumer import Handler, Harness, harness
from tests.support.apps import eventually

__all__ = ["harness"]


class Calls:
    """What a handler saw: the events in order and the session (transaction) of each."""

    def __init__(self, h: Harness) -> None:
        self.h = h
        self.order: list[int] = []
        self.sessions: list[int] = []

    def recorder(
        self, reject: int | None = None, gate: dict[int, asyncio.Event] | None = None
    ) -> Handler:
        async def handler(event: CloudEvent, session: Session) -> None:
            n = event.data["n"]
            self.order.append(n)
            self.sessions.append(id(session))
            await self.h.db["effects"].insert_one({"event": event.id, "n": n}, session=session)
            if gate is not None and n in gate:
                await gate[n].wait()
            if n == reject:
                raise PermanentEventError(f"cannot take n={n}")

        return handler


async def start_batching(
    h: Harness, handlers: dict[str, Handler], workers: int = 1
) -> EventConsumer:
    """A consumer whose linger is long enough for everything queued to land in one batch
    (of one worker, unless told otherwise)."""
    broker = Broker(h.ns.url, h.ns.exchange, app_name="test")
    await broker.connect()
    h.brokers.append(broker)
    consumer = EventConsumer(
        broker=broker,
        client=h.client,
        db=h.db,
        queue_name=h.queue,
        subscription=Subscription("effects", handlers),
        max_attempts=3,
        linger_seconds=0.3,
        workers=workers,
    )
    await consumer.start()
    h.consumers.append(consumer)
    return consumer


async def queue_while_stopped(h: Harness, events: list[CloudEvent]) -> None:
    """Declare the queue with a consumer, stop it, then queue the events for the next one."""
    first = await start_batching(h, {"thing.made": Calls(h).recorder()})
    await first.stop()
    h.consumers.remove(first)
    for event in events:
        await h.publish(event)


def made(n: int, subject: str | None = None) -> CloudEvent:
    return new_event("thing.made", source="t", subject=subject or str(n), data={"n": n})


async def count(h: Harness, n: int) -> bool:
    return await h.db["effects"].count_documents({}) >= n


async def test_a_batch_applies_each_event_once_in_order_and_skips_its_duplicates(
    harness: Harness,
):
    # Given one event already applied, and a queue holding it again plus a duplicate within
    earlier = made(0)
    await queue_while_stopped(harness, [earlier])
    calls = Calls(harness)
    consumer = await start_batching(harness, {"thing.made": calls.recorder()})
    await eventually(lambda: count(harness, 1))
    await consumer.stop()
    harness.consumers.remove(consumer)
    fresh = [made(n) for n in range(1, 6)]
    duplicates_before = EVENTS_HANDLED.labels(harness.queue, "duplicate")._value.get()
    for event in [fresh[0], fresh[1], earlier, fresh[2], fresh[1], fresh[3], fresh[4]]:
        await harness.publish(event)

    # when a consumer takes them all at once
    calls = Calls(harness)
    await start_batching(harness, {"thing.made": calls.recorder()})
    await eventually(lambda: count(harness, 6))
    await asyncio.sleep(0.3)

    # then each event has its effect once, in delivery order, in one transaction,
    assert sorted(e["n"] for e in await harness.effects()) == [0, 1, 2, 3, 4, 5]
    assert calls.order == [1, 2, 3, 4, 5]
    assert len(set(calls.sessions)) == 1
    # and both duplicates are acknowledged as such, nothing parked
    duplicates = EVENTS_HANDLED.labels(harness.queue, "duplicate")._value.get()
    assert duplicates - duplicates_before == 2
    assert await harness.db[PROCESSED].count_documents({}) == 6
    assert await harness.dead_letters() == []


async def test_a_poison_message_in_a_batch_is_parked_alone_and_the_others_apply(
    harness: Harness,
):
    # Given a batch with a malformed message, an unknown type and an event its handler rejects
    events = [made(n) for n in range(1, 4)]
    rejected = made(99)
    await queue_while_stopped(harness, [])
    await harness.publish(events[0])
    await harness.publish_raw(b'{"not": "an event"}', "thing.made")
    await harness.publish(rejected)
    await harness.publish(events[1])
    await harness.publish(events[2])

    # when a consumer takes them together
    calls = Calls(harness)
    await start_batching(harness, {"thing.made": calls.recorder(reject=99)})
    parked = await eventually(harness.dead_letters)
    await eventually(lambda: count(harness, 3))
    await asyncio.sleep(0.3)

    # then the good events have their effect once, the rejected one none (not even half),
    assert sorted(e["n"] for e in await harness.effects()) == [1, 2, 3]
    assert await harness.db[PROCESSED].count_documents({}) == 3
    # and the malformed and the rejected messages are parked, each with its own reason.
    parked += await harness.dead_letters()
    reasons = sorted(str(m.headers["x-death-reason"]) for m in parked)
    assert len(reasons) == 2
    assert "missing CloudEvents attribute" in reasons[0]
    assert "rejected by handler: cannot take n=99" in reasons[1]


async def test_a_batch_abandoned_by_a_crash_is_applied_once_on_redelivery(harness: Harness):
    # Given a consumer halfway through a batch (two effects written, stuck on the third)
    events = [made(n) for n in range(1, 6)]
    await queue_while_stopped(harness, events)
    stuck = {3: asyncio.Event()}
    calls = Calls(harness)
    first = await start_batching(harness, {"thing.made": calls.recorder(gate=stuck)})
    await eventually(lambda: asyncio.sleep(0, 3 in calls.order))
    assert len(set(calls.sessions)) == 1

    # when its connection drops before the commit, and it then finishes its handler
    await harness.brokers[-1].close()
    harness.consumers.remove(first)
    stuck[3].set()
    await asyncio.sleep(0.3)

    # then nothing of that batch is committed, and another replica applies each event once.
    assert await harness.effects() == []
    await start_batching(harness, {"thing.made": Calls(harness).recorder()})
    await eventually(lambda: count(harness, 5))
    await asyncio.sleep(0.3)
    assert sorted(e["n"] for e in await harness.effects()) == [1, 2, 3, 4, 5]
    assert await harness.dead_letters() == []


async def test_events_about_one_subject_are_applied_in_delivery_order_across_workers(
    harness: Harness,
):
    # Given events about three subjects, interleaved, queued for a consumer with four workers
    events = [made(n, subject=f"s{n % 3}") for n in range(30)]
    await queue_while_stopped(harness, events)

    # when it applies them (batches of different subjects run side by side)
    calls = Calls(harness)
    await start_batching(harness, {"thing.made": calls.recorder()}, workers=4)
    await eventually(lambda: count(harness, 30))

    # then each subject's events were applied in the order they were published.
    for subject in range(3):
        mine = [n for n in calls.order if n % 3 == subject]
        assert mine == sorted(mine)
    assert sorted(calls.order) == list(range(30))


async def queued(h: Harness) -> int | None:
    """Messages in the queue, ready or delivered and not yet acknowledged."""
    connection = await aio_pika.connect(h.ns.url)
    async with connection:
        channel = await connection.channel()
        queue = await channel.declare_queue(h.queue, passive=True)
        return queue.declaration_result.message_count


@pytest.mark.parametrize("workers", [1, 3])
async def test_every_message_of_a_batch_is_acknowledged_once(harness: Harness, workers: int):
    # Given batches with a malformed message among them (parked on its own, before the rest)
    events = [made(n) for n in range(40)]
    await queue_while_stopped(harness, events[:20])
    await harness.publish_raw(b'{"not": "an event"}', "thing.made")
    for event in events[20:]:
        await harness.publish(event)
    applied_before = EVENTS_HANDLED.labels(harness.queue, "applied")._value.get()
    batches_before = EVENT_BATCH_SIZE.labels(harness.queue)._sum.get()

    # when a consumer applies them and stops (what it has not acknowledged goes back)
    consumer = await start_batching(harness, {"thing.made": Calls(harness).recorder()}, workers)
    await eventually(lambda: count(harness, 40))
    await asyncio.sleep(0.3)
    await consumer.stop()
    harness.consumers.remove(consumer)

    # then the queue is empty: every delivery was acknowledged, by one `multiple` ack per
    # batch with one worker or one by one with several, and none of them twice (the channel
    # would have closed on an unknown delivery tag)
    assert await queued(harness) == 0
    assert EVENTS_HANDLED.labels(harness.queue, "applied")._value.get() - applied_before == 40
    assert EVENT_BATCH_SIZE.labels(harness.queue)._sum.get() - batches_before == 40
    assert len(await harness.dead_letters()) == 1
    assert await harness.db[PROCESSED].count_documents({}) == 40
