"""The live hub, streams and cursors, in one process without a broker or a database."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest
from grassroots_kit.errors import BadUserInput, Conflict, RateLimited, Unauthenticated
from grassroots_kit.i18n import msg
from grassroots_kit.live.cursor import LiveCursor
from grassroots_kit.live.hub import LiveEvent, LiveHub, Shared
from grassroots_kit.live.stream import LiveFeed, LiveQuery, watch
from grassroots_kit.messaging.envelope import CloudEvent, new_event

T0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def event(unit: str = "u1", type: str = "case.assigned", at: datetime = T0) -> CloudEvent:
    return new_event(
        type,
        source="grassroots/cases",
        subject="c1",
        data={"caseId": "c1", "orgUnitPath": ["d1", unit]},
        time=at,
    )


def in_unit(unit: str):
    return lambda e: unit in e.data["orgUnitPath"]


async def everyone(_: LiveEvent) -> bool:
    return True


class FakeHistory:
    """Stands in for the outbox: the events after a cursor, as OutboxHistory returns them."""

    def __init__(self, events: Sequence[CloudEvent]) -> None:
        self.events = list(events)
        self.asked: list[LiveCursor] = []

    async def since(self, cursor: LiveCursor, types) -> list[CloudEvent]:
        self.asked.append(cursor)
        return [e for e in self.events if e.id != cursor.event_id and e.type in types]


def feed(hub: LiveHub, history: FakeHistory | None = None) -> LiveFeed:
    return LiveFeed(hub=hub, types=frozenset({"case.assigned", "case.reported"}), history=history)  # type: ignore[arg-type]


async def take(stream, count: int) -> list[LiveEvent]:
    got = []
    async with asyncio.timeout(5):
        async for item in stream:
            got.append(item)
            if len(got) == count:
                break
    return got


async def started(hub: LiveHub, count: int = 1) -> None:
    """Until `count` subscribers joined the hub (a stream joins when first iterated)."""
    for _ in range(1000):
        if len(hub) >= count:
            return
        await asyncio.sleep(0)
    raise AssertionError("the stream never joined the hub")


# --- cursor -------------------------------------------------------------------------------


def test_a_cursor_round_trips_the_time_and_id_of_its_event():
    e = event()

    decoded = LiveCursor.decode(LiveCursor.of(e).encode())

    assert decoded == LiveCursor(T0, e.id)


@pytest.mark.parametrize("text", ["", "not-a-cursor", "WzEsMl0", "x" * 600])
def test_a_cursor_not_issued_by_a_stream_is_bad_user_input(text: str):
    with pytest.raises(BadUserInput):
        LiveCursor.decode(text)


# --- hub ----------------------------------------------------------------------------------


def test_the_hub_queues_an_event_only_for_subscribers_whose_filter_matches():
    hub = LiveHub("test")
    here = hub.subscribe("p1", in_unit("u1"))
    there = hub.subscribe("p2", in_unit("u2"))

    delivered = hub.publish(event("u1"))

    assert delivered == 1
    assert (here.queued, there.queued) == (1, 0)


def test_a_person_cannot_open_more_than_their_cap_of_subscriptions():
    hub = LiveHub("test", per_person=2)
    hub.subscribe("p1", in_unit("u1"))
    hub.subscribe("p1", in_unit("u1"))

    with pytest.raises(RateLimited):
        hub.subscribe("p1", in_unit("u1"))
    hub.subscribe("p2", in_unit("u1"))  # someone else still may


def test_closing_a_subscription_frees_its_place_under_the_cap():
    hub = LiveHub("test", per_person=1)
    first = hub.subscribe("p1", in_unit("u1"))

    hub.unsubscribe(first)

    hub.subscribe("p1", in_unit("u1"))
    assert hub.open_for("p1") == 1


def test_the_replica_refuses_subscriptions_past_its_total():
    hub = LiveHub("test", total=2)
    hub.subscribe("p1", in_unit("u1"))
    hub.subscribe("p2", in_unit("u1"))

    with pytest.raises(RateLimited):
        hub.subscribe("p3", in_unit("u1"))


async def test_a_subscriber_that_falls_behind_is_ended_rather_than_buffering_more():
    hub = LiveHub("test", buffer=3)
    slow = hub.subscribe("p1", in_unit("u1"))

    for _ in range(5):
        hub.publish(event())

    assert slow.behind
    assert slow.queued == 3  # never more than its buffer
    with pytest.raises(Conflict) as raised:
        await slow.next(within=1)
    assert raised.value.extensions["reason"] == "FELL_BEHIND"


async def test_next_returns_none_when_nothing_comes_in_time():
    hub = LiveHub("test")
    sub = hub.subscribe("p1", in_unit("u1"))

    assert await sub.next(within=0.01) is None


async def test_what_an_event_names_is_loaded_once_for_all_its_subscribers():
    shared = Shared()
    loads = 0

    async def load() -> str:
        nonlocal loads
        loads += 1
        await asyncio.sleep(0)
        return "the case"

    results = await asyncio.gather(*(shared.get("case", load) for _ in range(50)))

    assert results == ["the case"] * 50
    assert loads == 1


async def test_a_failed_shared_load_is_tried_again_by_the_next_subscriber():
    shared = Shared()
    attempts = 0

    async def load() -> str:
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            raise RuntimeError("database blip")
        return "the case"

    with pytest.raises(RuntimeError):
        await shared.get("case", load)
    assert await shared.get("case", load) == "the case"


# --- streams ------------------------------------------------------------------------------


async def test_a_stream_delivers_live_events_that_match_and_are_allowed():
    hub = LiveHub("test")

    async def not_c2(item: LiveEvent) -> bool:
        return item.event.subject != "c2"

    stream = watch(feed(hub), LiveQuery(owner="p1", matches=in_unit("u1"), allowed=not_c2))
    first = asyncio.create_task(take(stream, 2))
    await started(hub)
    hidden = new_event("case.assigned", source="s", subject="c2", data={"orgUnitPath": ["u1"]})
    wanted = [event("u1"), event("u2"), hidden, event("u1")]
    for e in wanted:
        hub.publish(e)

    got = await first

    assert [i.event.id for i in got] == [wanted[0].id, wanted[3].id]


async def test_authorization_is_asked_for_every_event_with_the_event():
    hub = LiveHub("test")
    asked: list[str] = []

    async def allowed(item: LiveEvent) -> bool:
        asked.append(item.event.id)
        return True

    stream = watch(feed(hub), LiveQuery(owner="p1", matches=in_unit("u1"), allowed=allowed))
    task = asyncio.create_task(take(stream, 3))
    await started(hub)
    sent = [event() for _ in range(3)]
    for e in sent:
        hub.publish(e)
    await task

    assert asked == [e.id for e in sent]


async def test_a_resumed_stream_replays_history_after_the_cursor_then_goes_live_without_repeats():
    hub = LiveHub("test")
    seen, missed_1, missed_2 = (
        event(),
        event(at=T0 + timedelta(seconds=1)),
        event(at=T0 + timedelta(seconds=2)),
    )
    history = FakeHistory([seen, missed_1, missed_2])
    query = LiveQuery(
        owner="p1", matches=in_unit("u1"), allowed=everyone, after=LiveCursor.of(seen)
    )
    stream = watch(feed(hub, history), query)

    replayed = await take(stream, 2)
    # live now: a repeat of a replayed event is skipped, a new one arrives
    fresh = event()
    hub.publish(missed_2)
    hub.publish(fresh)
    more = await take(stream, 1)

    assert [i.event.id for i in replayed] == [missed_1.id, missed_2.id]
    assert [i.event.id for i in more] == [fresh.id]
    assert history.asked == [LiveCursor.of(seen)]


async def test_a_stream_ends_when_the_callers_token_no_longer_verifies():
    hub = LiveHub("test")
    valid = True

    async def recheck() -> None:
        if not valid:
            raise Unauthenticated(msg("token expired"))

    query = LiveQuery(
        owner="p1", matches=in_unit("u1"), allowed=everyone, recheck=recheck, recheck_seconds=0
    )
    stream = watch(feed(hub), query)
    first = asyncio.create_task(take(stream, 1))
    await started(hub)
    hub.publish(event())
    await first
    valid = False
    hub.publish(event())

    with pytest.raises(Unauthenticated):
        await take(stream, 1)
    assert len(hub) == 0  # it left the hub


async def test_a_stream_ends_by_itself_after_its_lifetime():
    hub = LiveHub("test")
    query = LiveQuery(owner="p1", matches=in_unit("u1"), allowed=everyone, max_seconds=0.05)

    got = await take(watch(feed(hub), query), 1)

    assert got == []
    assert len(hub) == 0


async def test_closing_a_stream_leaves_the_hub():
    hub = LiveHub("test")
    stream = watch(feed(hub), LiveQuery(owner="p1", matches=in_unit("u1"), allowed=everyone))
    task = asyncio.create_task(take(stream, 1))
    await started(hub)

    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await stream.aclose()

    assert len(hub) == 0
