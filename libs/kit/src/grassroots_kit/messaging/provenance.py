"""Who may have produced an event: a consumer accepts an event only from the producer of its
type. The broker's topic permissions keep other services from publishing a type at all; this
check turns away what still arrives with another `source` (a forged event, a misconfigured
broker user) before it has any effect."""

from __future__ import annotations

from collections.abc import Mapping

from grassroots_kit.messaging.envelope import CloudEvent


def wrong_source(event: CloudEvent, producers: Mapping[str, str]) -> str | None:
    """Why `event` must be refused (parked, never retried), or None when its `source` is the
    producer `producers` names for its type."""
    expected = producers.get(event.type)
    if expected is None:
        return f"no producer is known for event type {event.type!r}"
    if event.source != expected:
        return (
            f"source {event.source[:200]!r} does not produce {event.type!r}; only {expected!r} does"
        )
    return None
