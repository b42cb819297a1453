"""Upcasters: consumers read old versions of an event as the version their handlers expect.

A publisher that changes an event's payload in a way old readers cannot follow publishes it with
the next `dataversion`. A consumer declares, per event type, the version its handler is written
for and a step from each older version to the next; every event is brought up to date before
its handler sees it. A version with no way forward is parked as a `PermanentEventError`, with
the reason, never handed to a handler that would misread it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from grassroots_kit.messaging.consumer import PermanentEventError
from grassroots_kit.messaging.envelope import CloudEvent

# Takes an event of one version and returns it at the next one (same id, type and time).
Upcaster = Callable[[CloudEvent], CloudEvent]


@dataclass(frozen=True)
class Upcasters:
    """`current`: event type -> the dataversion its handler expects (types not named pass as
    they are); `steps`: (event type, from version) -> the upcaster to the next version."""

    current: Mapping[str, str]
    steps: Mapping[tuple[str, str], Upcaster] = field(default_factory=dict)

    def upcast(self, event: CloudEvent) -> CloudEvent:
        wanted = self.current.get(event.type)
        if wanted is None:
            return event
        seen: set[str] = set()
        while event.dataversion != wanted:
            version = event.dataversion
            step = self.steps.get((event.type, version))
            if step is None or version in seen:
                raise PermanentEventError(
                    f"unsupported dataversion {version!r} of {event.type} "
                    f"(handlers read {wanted!r})"
                )
            seen.add(version)
            try:
                event = step(event)
            except (KeyError, TypeError, ValueError) as exc:
                raise PermanentEventError(
                    f"cannot upcast {event.type} from dataversion {version!r}: "
                    f"{type(exc).__name__}: {exc}"
                ) from None
        return event


def to_version(version: str, change: Callable[[dict[str, object]], dict[str, object]]) -> Upcaster:
    """An upcaster that rewrites the payload with `change` and labels it `version`."""

    def step(event: CloudEvent) -> CloudEvent:
        return CloudEvent(
            id=event.id,
            type=event.type,
            source=event.source,
            subject=event.subject,
            time=event.time,
            data=change(dict(event.data)),
            dataversion=version,
            extensions=event.extensions,
        )

    return step
