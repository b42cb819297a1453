"""A versioned projection takes a batch's run of events in one bulk write: newest version wins
whatever the order, values are stored literally, and a malformed event is parked alone."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any

from grassroots_kit.messaging.envelope import CloudEvent, new_event
from grassroots_kit.messaging.projection import VersionedProjection, versioned_projection
from grassroots_kit.mongo import Document, Session, in_transaction, upsert_if_newer

from tests.kit.integration.test_consumer import Harness, harness
from tests.kit.integration.test_consumer_batches import start_batching
from tests.support.apps import eventually

__all__ = ["harness"]


def parse(data: Mapping[str, Any]) -> tuple[str, int, Document]:
    if not isinstance(data.get("version"), int):
        raise ValueError("version must be an int")
    return str(data["id"]), data["version"], {"name": data["name"]}


def renamed(unit: str, version: Any, name: str) -> CloudEvent:
    data = {"id": unit, "version": version, "name": name}
    return new_event("unit.renamed", source="t", subject=unit, data=data)


class CountingProjection(VersionedProjection):
    """The real projection, noting the size of each run of events it is handed."""

    def __init__(self, h: Harness) -> None:
        super().__init__(h.db, "units", parse)
        self.runs: list[int] = []

    async def apply_many(self, events: Sequence[CloudEvent], session: Session) -> None:
        self.runs.append(len(events))
        await super().apply_many(events, session)


async def queue_while_stopped(h: Harness, events: list[CloudEvent]) -> None:
    """Declare and bind the queue with a consumer, stop it, then queue the events."""
    first = await start_batching(h, {"unit.renamed": versioned_projection(h.db, "units", parse)})
    await first.stop()
    h.consumers.remove(first)
    for event in events:
        await h.publish(event)


async def units(h: Harness) -> dict[str, Document]:
    return {doc["_id"]: doc async for doc in h.db["units"].find({})}


async def has(h: Harness, n: int) -> bool:
    return await h.db["units"].count_documents({}) >= n


async def test_a_run_of_events_is_one_bulk_write_and_the_newest_version_wins(harness: Harness):
    # Given renames queued out of order, with a duplicate and a name that looks like an operator
    events = [
        renamed("u1", 1, "First"),
        renamed("u1", 3, "Third"),
        renamed("u2", 1, "$set"),
        renamed("u1", 2, "Second, late"),
        renamed("u2", 1, "$set"),
        renamed("u3", 5, "Only"),
    ]
    await queue_while_stopped(harness, events)

    # when one consumer takes them as a batch
    counting = CountingProjection(harness)
    await start_batching(harness, {"unit.renamed": counting})
    await eventually(lambda: has(harness, 3))
    await asyncio.sleep(0.3)

    # then each unit holds its newest version, the `$` name stored as a plain string,
    stored = await units(harness)
    assert (stored["u1"]["name"], stored["u1"]["version"]) == ("Third", 3)
    assert (stored["u2"]["name"], stored["u2"]["version"]) == ("$set", 1)
    assert (stored["u3"]["name"], stored["u3"]["version"]) == ("Only", 5)
    # written as one run (one bulk write), not a write per event
    assert counting.runs == [6]
    assert await harness.dead_letters() == []


async def test_a_malformed_event_in_a_run_is_parked_and_the_rest_projected(harness: Harness):
    bad = renamed("u2", "two", "Bad")
    await queue_while_stopped(harness, [renamed("u1", 1, "One"), bad, renamed("u3", 1, "Three")])

    projection = versioned_projection(harness.db, "units", parse)
    await start_batching(harness, {"unit.renamed": projection})
    parked = await eventually(harness.dead_letters)
    await eventually(lambda: has(harness, 2))

    assert set(await units(harness)) == {"u1", "u3"}
    reason = str(parked[0].headers["x-death-reason"])
    assert "does not match the contract: version must be an int" in reason


async def test_upsert_if_newer_says_whether_it_stored(harness: Harness):
    async def put(version: int, name: str) -> bool:
        return await in_transaction(
            harness.client,
            lambda s: upsert_if_newer(harness.db, "units", s, "u1", version, {"name": name}),
        )

    assert await put(2, "Two") is True
    assert await put(2, "Two again") is False
    assert await put(1, "One") is False
    assert await put(3, "Three") is True
    assert (await units(harness))["u1"]["name"] == "Three"
