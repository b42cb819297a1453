"""Handlers that keep a local copy of another service's entities from its events."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from grassroots_kit.messaging.consumer import Handler, PermanentEventError
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.mongo import Database, Document, Session, upsert_if_newer

# Reads an event's data into (document id, version, fields); raises ValueError when malformed.
Parse = Callable[[Mapping[str, Any]], tuple[str, int, Document]]


def versioned_projection(db: Database, collection: str, parse: Parse) -> Handler:
    async def project(event: CloudEvent, session: Session) -> None:
        try:
            doc_id, version, fields = parse(event.data)
        except ValueError as exc:
            raise PermanentEventError(
                f"{event.type} data does not match the contract: {exc}"
            ) from None
        await upsert_if_newer(db, collection, session, doc_id, version, fields)

    return project
