"""Handlers that keep a local copy of another service's entities from its events."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from grassroots_kit.messaging.consumer import PermanentEventError
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.mongo import Database, Document, Session, newer_version_update

# Reads an event's data into (document id, version, fields); raises ValueError when malformed.
Parse = Callable[[Mapping[str, Any]], tuple[str, int, Document]]
# Refuses an event the projection cannot read (an unsupported dataversion, say) by raising
# PermanentEventError.
Check = Callable[[CloudEvent], None]


class VersionedProjection:
    """Keeps one document per entity at the newest version its events carried.

    A batch handler: the consumer hands it a run of events from one batch, and it writes
    them all in one ordered bulk write, so a burst costs a round trip per batch, not per
    event. A malformed event fails the whole run; the consumer then applies the run's events
    one at a time, and only the malformed one is parked.
    """

    def __init__(
        self, db: Database, collection: str, parse: Parse, check: Check | None = None
    ) -> None:
        self._db = db
        self._collection = collection
        self._parse = parse
        self._check = check

    async def __call__(self, event: CloudEvent, session: Session) -> None:
        await self.apply_many([event], session)

    async def apply_many(self, events: Sequence[CloudEvent], session: Session) -> None:
        updates = [newer_version_update(*self._read(event)) for event in events]
        await self._db[self._collection].bulk_write(updates, ordered=True, session=session)

    def _read(self, event: CloudEvent) -> tuple[str, int, Document]:
        if self._check is not None:
            self._check(event)
        try:
            return self._parse(event.data)
        except ValueError as exc:
            raise PermanentEventError(
                f"{event.type} data does not match the contract: {exc}"
            ) from None


def versioned_projection(
    db: Database, collection: str, parse: Parse, check: Check | None = None
) -> VersionedProjection:
    return VersionedProjection(db, collection, parse, check)
