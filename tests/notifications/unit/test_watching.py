"""`myNotices` over in-memory fakes: the per-event filter, and which notices reach whom."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest
from grassroots_kit.auth import Principal
from grassroots_kit.errors import Unauthenticated
from grassroots_kit.live.hub import LiveHub
from grassroots_kit.live.stream import LiveFeed
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_notifications.handlers.ports import NotificationsPorts, NotificationsTx
from grassroots_notifications.handlers.reactions import react
from grassroots_notifications.handlers.watching import (
    LIVE_TYPES,
    NoticeArrived,
    addressed_to,
    watch_notices,
)

from tests.notifications.events import case_assigned
from tests.notifications.fakes import make_ports

WORKER = Principal(person_id="worker", grants=())
NEIGHBOUR = Principal(person_id="neighbour", grants=())


@pytest.fixture
def world() -> tuple[NotificationsPorts, LiveHub, list[CloudEvent]]:
    ports, uow = make_ports()
    hub = LiveHub("notifications")
    return replace(ports, live=LiveFeed(hub=hub, types=LIVE_TYPES)), hub, uow.published


async def assign(ports: NotificationsPorts, case_id: str, assignee: str) -> None:
    async def work(tx: NotificationsTx) -> None:
        await react(ports, tx, case_assigned(case_id, assignee))

    await ports.uow.run(work)


async def subscribed(stream, hub: LiveHub) -> asyncio.Task[NoticeArrived]:
    task = asyncio.create_task(anext(stream))
    for _ in range(1000):
        if len(hub):
            break
        await asyncio.sleep(0)
    assert len(hub)
    return task


async def test_the_filter_passes_the_recipients_notice_created_only(world):
    ports, _, published = world
    await assign(ports, "case1", "worker")
    (created,) = published

    assert addressed_to("worker")(created)
    assert not addressed_to("neighbour")(created)
    other_type = replace(created, type="case.assigned")
    assert not addressed_to("worker")(other_type)


async def test_a_new_notice_reaches_its_recipient_and_not_another_person(world):
    ports, hub, published = world
    mine = watch_notices(ports, WORKER, None)
    theirs = watch_notices(ports, NEIGHBOUR, None)
    mine_next = await subscribed(mine, hub)
    theirs_next = await subscribed(theirs, hub)

    await assign(ports, "case1", "worker")
    for event in published:
        hub.publish(event)
    arrived = await asyncio.wait_for(mine_next, 5)

    assert arrived.notice.recipient_id == "worker"
    assert arrived.notice.about_id == "case1"
    assert arrived.cursor
    assert not theirs_next.done()
    theirs_next.cancel()
    await mine.aclose()


async def test_an_event_naming_someone_else_s_notice_is_not_delivered(world):
    """A forged `recipientId` passes the cheap filter; the stored notice decides."""
    ports, hub, published = world
    await assign(ports, "case1", "neighbour")
    (created,) = published
    forged = replace(created, data={**created.data, "recipientId": "worker"})
    stream = watch_notices(ports, WORKER, None)
    task = await subscribed(stream, hub)

    hub.publish(forged)
    await assign(ports, "case2", "worker")
    hub.publish(published[-1])
    arrived = await asyncio.wait_for(task, 5)

    assert arrived.notice.about_id == "case2"
    await stream.aclose()


async def test_an_anonymous_subscription_is_refused_before_it_opens(world):
    ports, hub, _ = world
    with pytest.raises(Unauthenticated):
        await anext(watch_notices(ports, None, None))
    assert len(hub) == 0
