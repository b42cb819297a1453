"""The in-process fan-out of one replica: every live event to the subscribers that want it.

Each subscriber has a bounded buffer. A subscriber that does not keep up (a slow client, a
stalled connection) is not allowed to grow it: when its buffer is full it is marked behind and
its stream ends with a "fell behind" error, and the client resubscribes with its last cursor to
catch up from the outbox. So memory per replica is bounded by subscribers x buffer, and the
number of subscribers by a cap per person and a cap per replica.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from grassroots_kit.errors import Conflict, RateLimited
from grassroots_kit.i18n import msg
from grassroots_kit.live.cursor import LiveCursor
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.metrics import LIVE_FELL_BEHIND, LIVE_SUBSCRIBERS

log = logging.getLogger(__name__)

# Events waiting for one subscriber. A person's screen needs a handful per second; 256 queued
# means the client has stopped reading, and catching up from its cursor is cheaper than waiting.
DEFAULT_BUFFER = 256
# Open subscriptions of one person on one replica: a few screens with a few live lists each.
DEFAULT_PER_PERSON = 16
# Open subscriptions on one replica; each costs its buffer and a task while it is idle.
DEFAULT_TOTAL = 20_000


class Shared:
    """What the subscribers of one event load about it, loaded once for all of them (the
    entity an event names, read once per replica, not once per subscriber)."""

    def __init__(self) -> None:
        self._loads: dict[str, asyncio.Future[Any]] = {}

    async def get(self, key: str, load: Callable[[], Awaitable[Any]]) -> Any:
        future = self._loads.get(key)
        if future is None:
            future = asyncio.get_running_loop().create_future()
            self._loads[key] = future
            try:
                future.set_result(await load())
            except BaseException as exc:
                # The next subscriber tries again rather than inheriting one failure.
                del self._loads[key]
                future.set_exception(exc)
                future.exception()  # retrieved: no "never retrieved" warning
                raise
        return await asyncio.shield(future)


@dataclass(frozen=True)
class LiveEvent:
    """An event as a subscriber receives it, with its cursor and the per-event shared loads."""

    event: CloudEvent
    shared: Shared = field(default_factory=Shared, compare=False)

    @functools.cached_property
    def cursor(self) -> str:
        # Once per event, not once per subscriber.
        return LiveCursor.of(self.event).encode()


def fell_behind() -> Conflict:
    return Conflict(
        msg(
            "this subscription fell behind the events and was ended: subscribe again with "
            "`after` set to the last cursor you received to catch up"
        ),
        reason="FELL_BEHIND",
    )


class Subscriber:
    def __init__(
        self, hub: LiveHub, owner: str, matches: Callable[[CloudEvent], bool], capacity: int
    ) -> None:
        self.hub = hub
        self.owner = owner
        self.matches = matches
        self._queue: asyncio.Queue[LiveEvent] = asyncio.Queue(maxsize=capacity)
        self.behind = False
        self._woken = asyncio.Event()

    def offer(self, item: LiveEvent) -> bool:
        """Queue `item` if the subscriber wants it; a full buffer marks it behind."""
        if self.behind or not self.matches(item.event):
            return False
        try:
            self._queue.put_nowait(item)
        except asyncio.QueueFull:
            self.behind = True
            self._woken.set()
            LIVE_FELL_BEHIND.labels(self.hub.service).inc()
            return False
        return True

    async def next(self, within: float | None = None) -> LiveEvent | None:
        """The next event, None after `within` seconds without one; raises the "fell behind"
        Conflict once the buffer overflowed (what is queued is dropped: the client catches
        up from its cursor)."""
        if self.behind:
            raise fell_behind()
        if not self._queue.empty():
            return self._queue.get_nowait()
        getter = asyncio.ensure_future(self._queue.get())
        woken = asyncio.ensure_future(self._woken.wait())
        try:
            done, _ = await asyncio.wait(
                {getter, woken}, timeout=within, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            woken.cancel()
            if not getter.done():
                getter.cancel()
        if getter in done and not getter.cancelled():
            return getter.result()
        if self.behind:
            raise fell_behind()
        return None

    @property
    def queued(self) -> int:
        return self._queue.qsize()


class LiveHub:
    """Subscribers of one replica; `publish` is called for every event the replica hears."""

    def __init__(
        self,
        service: str,
        *,
        buffer: int = DEFAULT_BUFFER,
        per_person: int = DEFAULT_PER_PERSON,
        total: int = DEFAULT_TOTAL,
    ) -> None:
        self.service = service
        self.buffer = buffer
        self.per_person = per_person
        self.total = total
        self._subscribers: set[Subscriber] = set()
        self._by_owner: dict[str, int] = {}

    def subscribe(self, owner: str, matches: Callable[[CloudEvent], bool]) -> Subscriber:
        """A new subscriber for person `owner`; RATE_LIMITED over the caps."""
        if self._by_owner.get(owner, 0) >= self.per_person:
            raise RateLimited(
                msg(
                    "you have {limit} live subscriptions open already: close one first",
                    limit=self.per_person,
                )
            )
        if len(self._subscribers) >= self.total:
            raise RateLimited(msg("this server has no room for more live subscriptions now"))
        subscriber = Subscriber(self, owner, matches, self.buffer)
        self._subscribers.add(subscriber)
        self._by_owner[owner] = self._by_owner.get(owner, 0) + 1
        LIVE_SUBSCRIBERS.labels(self.service).set(len(self._subscribers))
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        if subscriber not in self._subscribers:
            return
        self._subscribers.discard(subscriber)
        left = self._by_owner.get(subscriber.owner, 0) - 1
        if left > 0:
            self._by_owner[subscriber.owner] = left
        else:
            self._by_owner.pop(subscriber.owner, None)
        LIVE_SUBSCRIBERS.labels(self.service).set(len(self._subscribers))

    def publish(self, event: CloudEvent) -> int:
        """Offer `event` to every subscriber; the number that queued it."""
        item = LiveEvent(event)
        return sum(1 for subscriber in list(self._subscribers) if subscriber.offer(item))

    def __len__(self) -> int:
        return len(self._subscribers)

    def open_for(self, owner: str) -> int:
        return self._by_owner.get(owner, 0)
