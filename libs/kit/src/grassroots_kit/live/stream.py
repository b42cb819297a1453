"""One subscriber's stream: what it missed since its cursor, then what happens live.

A service builds a `LiveQuery` for a subscriber (who, which events, and whether they may see
one) and iterates `watch(feed, query)`. Authorization happens twice: the service refuses the
subscription itself before calling `watch`, and `query.allowed` runs on every event before it
is delivered (a case moved out of the area, a role revoked, a token expired). `query.recheck`
re-verifies the caller at most every `recheck_seconds`; when it raises, the stream ends with
that error. A stream ends by itself after `max_seconds` (the life of an access token), so no
subscription outlives the token it was opened with; the client subscribes again with a fresh
token and its last cursor.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Collection
from dataclasses import dataclass, field

from grassroots_kit.live.cursor import LiveCursor
from grassroots_kit.live.history import OutboxHistory
from grassroots_kit.live.hub import LiveEvent, LiveHub
from grassroots_kit.messaging.envelope import CloudEvent

# An access token lives 15 minutes (docs/conventions.md, "Identity").
DEFAULT_MAX_SECONDS = 15 * 60
# How stale a "still allowed" answer may be: revocation takes effect in seconds.
DEFAULT_RECHECK_SECONDS = 5.0


@dataclass(frozen=True)
class LiveFeed:
    """What a service's subscriptions draw from: its replica's hub, the event types it hears,
    and the history a reconnecting client catches up from."""

    hub: LiveHub
    types: frozenset[str]
    history: OutboxHistory | None = None
    # Set once this replica's queue is bound: from then on it hears every event of `types`.
    ready: asyncio.Event = field(default_factory=asyncio.Event, compare=False)


@dataclass(frozen=True)
class LiveQuery:
    """One subscription: whose it is, which events it is about (cheap, from the event alone),
    whether the subscriber may see one (may load what the event names, through
    `LiveEvent.shared`), and where to resume."""

    owner: str
    matches: Callable[[CloudEvent], bool]
    allowed: Callable[[LiveEvent], Awaitable[bool]]
    after: LiveCursor | None = None
    recheck: Callable[[], Awaitable[None]] | None = None
    recheck_seconds: float = DEFAULT_RECHECK_SECONDS
    max_seconds: float = DEFAULT_MAX_SECONDS


async def watch(feed: LiveFeed, query: LiveQuery) -> AsyncIterator[LiveEvent]:
    """The events `query` may see, catch-up first; ends after `query.max_seconds`."""
    # Subscribed before the history is read, so nothing falls between the two; what both
    # deliver is sent once.
    subscriber = feed.hub.subscribe(query.owner, query.matches)
    deadline = time.monotonic() + query.max_seconds
    checked = time.monotonic()
    try:
        replayed: set[str] = set()
        if query.after is not None and feed.history is not None:
            for event in await feed.history.since(query.after, _types(feed.types)):
                if not query.matches(event):
                    continue
                item = LiveEvent(event)
                if await query.allowed(item):
                    replayed.add(event.id)
                    yield item
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            live = await subscriber.next(within=left)
            if live is None:
                return
            if live.event.id in replayed:
                continue
            if query.recheck is not None and time.monotonic() - checked >= query.recheck_seconds:
                await query.recheck()
                checked = time.monotonic()
            if await query.allowed(live):
                yield live
    finally:
        feed.hub.unsubscribe(subscriber)


def _types(types: Collection[str]) -> list[str]:
    return sorted(types)
